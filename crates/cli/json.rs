//! The JSON lines of `pivot check --format json` and `pivot scan --format json`: serde's data
//! model written straight into a byte buffer, byte for byte what `serde_json::to_vec` writes.
//!
//! Why not serde_json itself: it escapes a string one byte at a time, and a batch's output is
//! mostly strings (messages, quotes, the evidence spans' text) — that loop was a ninth of a
//! 48-file batch's instructions. Here a string is scanned eight bytes at a time and copied whole
//! when it needs no escape (nearly all do not). Numbers go through `itoa` and `zmij`, as in
//! serde_json. Tests hold the two writers equal over the corpus's reports, every shape of the
//! data model and arbitrary strings.

use pivot_text::swar;
use serde::Serialize;
use serde::ser::{self, Impossible};
use std::fmt::Display;

/// Serialises `value` and appends it to `out`.
pub fn write<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result<(), Error> {
    value.serialize(&mut Writer { out })
}

/// One line: `{"path": …` then the fields of `fields` (an object), then a newline — what
/// `#[serde(flatten)]` under a `path` field gives, without flatten's map detour.
pub fn line<T: Serialize + ?Sized>(path: &str, fields: &T) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(8 << 10);
    out.extend_from_slice(b"{\"path\":");
    escape_str(&mut out, path);
    let at = out.len();
    write(&mut out, fields)?;
    match &out[at..] {
        b"{}" => {
            out.truncate(at);
            out.push(b'}');
        }
        [b'{', ..] => out[at] = b',',
        _ => return Err(Error("a JSON line's fields must be an object".to_owned())),
    }
    out.push(b'\n');
    Ok(out)
}

#[derive(Debug)]
pub struct Error(String);

impl Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// Every byte JSON must escape is `"`, `\` or below 0x20: true when `word` holds one. Exact,
/// and without branches (`|`, not `||`): most words hold none.
fn needs_escape(word: u64) -> bool {
    swar::has_byte(word, b'"') | swar::has_byte(word, b'\\') | swar::has_byte_below(word, 0x20)
}

/// The escape for `byte`, or `None` when it is written as it is.
fn escape_of(byte: u8) -> Option<[u8; 6]> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let short = |c: u8| Some([b'\\', c, 0, 0, 0, 0]);
    match byte {
        b'"' => short(b'"'),
        b'\\' => short(b'\\'),
        b'\x08' => short(b'b'),
        b'\t' => short(b't'),
        b'\n' => short(b'n'),
        b'\x0c' => short(b'f'),
        b'\r' => short(b'r'),
        0..0x20 => Some([
            b'\\',
            b'u',
            b'0',
            b'0',
            HEX[usize::from(byte >> 4)],
            HEX[usize::from(byte & 0xF)],
        ]),
        _ => None,
    }
}

/// Appends `s` as a JSON string, escaped as serde_json escapes it.
fn escape_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    // Eight bytes at a time; the last word overlaps the one before it (checking a clean byte
    // twice is harmless), and a string shorter than a word goes byte by byte.
    let word = |at: usize| u64::from_ne_bytes(bytes[at..at + 8].try_into().expect("eight bytes"));
    let clean = if bytes.len() < 8 {
        bytes.iter().all(|&b| escape_of(b).is_none())
    } else {
        (0..bytes.len() / 8).all(|w| !needs_escape(word(w * 8)))
            && !needs_escape(word(bytes.len() - 8))
    };
    if clean {
        out.extend_from_slice(bytes);
    } else {
        let mut run = 0; // start of the bytes not yet copied
        for (at, &byte) in bytes.iter().enumerate() {
            if let Some(escape) = escape_of(byte) {
                out.extend_from_slice(&bytes[run..at]);
                let len = if escape[1] == b'u' { 6 } else { 2 };
                out.extend_from_slice(&escape[..len]);
                run = at + 1;
            }
        }
        out.extend_from_slice(&bytes[run..]);
    }
    out.push(b'"');
}

/// The ten integer methods of a serializer, each calling `self.$write(v)`.
macro_rules! integers {
    ($write:ident) => {
        integers!($write: serialize_i8 i8, serialize_i16 i16, serialize_i32 i32,
            serialize_i64 i64, serialize_i128 i128, serialize_u8 u8, serialize_u16 u16,
            serialize_u32 u32, serialize_u64 u64, serialize_u128 u128);
    };
    ($write:ident: $($method:ident $ty:ty),*) => {$(
        fn $method(self, v: $ty) -> Result<(), Error> {
            self.$write(v)
        }
    )*};
}

struct Writer<'a> {
    out: &'a mut Vec<u8>,
}

impl Writer<'_> {
    fn int(&mut self, n: impl itoa::Integer) -> Result<(), Error> {
        self.out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
        Ok(())
    }

    fn float(&mut self, f: impl zmij::Float, finite: bool) {
        if finite {
            self.out.extend_from_slice(zmij::Buffer::new().format_finite(f).as_bytes());
        } else {
            self.out.extend_from_slice(b"null");
        }
    }

    /// Opens `{"variant":` for the enum forms that wrap their content in an object.
    fn open_variant(&mut self, variant: &str) {
        self.out.push(b'{');
        escape_str(self.out, variant);
        self.out.push(b':');
    }
}

/// A sequence or map being written: `first` until its first element.
pub struct Compound<'w, 'a> {
    writer: &'w mut Writer<'a>,
    first: bool,
    /// Closing bytes: `]`, `}`, or `]}` / `}}` for a variant wrapped in an object.
    close: &'static [u8],
}

impl Compound<'_, '_> {
    fn comma(&mut self) {
        if !self.first {
            self.writer.out.push(b',');
        }
        self.first = false;
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        self.comma();
        escape_str(self.writer.out, key);
        self.writer.out.push(b':');
        value.serialize(&mut *self.writer)
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.comma();
        value.serialize(&mut *self.writer)
    }

    fn close(self) -> Result<(), Error> {
        self.writer.out.extend_from_slice(self.close);
        Ok(())
    }
}

impl<'w, 'a> ser::Serializer for &'w mut Writer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'w, 'a>;
    type SerializeTuple = Compound<'w, 'a>;
    type SerializeTupleStruct = Compound<'w, 'a>;
    type SerializeTupleVariant = Compound<'w, 'a>;
    type SerializeMap = Compound<'w, 'a>;
    type SerializeStruct = Compound<'w, 'a>;
    type SerializeStructVariant = Compound<'w, 'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out.extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    integers!(int);
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.float(v, v.is_finite());
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.float(v, v.is_finite());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        escape_str(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        escape_str(self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for byte in v {
            seq.serialize_element(byte)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.open_variant(variant);
        value.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'w, 'a>, Error> {
        self.out.push(b'[');
        Ok(Compound { writer: self, first: true, close: b"]" })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'w, 'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<Compound<'w, 'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'w, 'a>, Error> {
        self.open_variant(variant);
        self.out.push(b'[');
        Ok(Compound { writer: self, first: true, close: b"]}" })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'w, 'a>, Error> {
        self.out.push(b'{');
        Ok(Compound { writer: self, first: true, close: b"}" })
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Compound<'w, 'a>, Error> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'w, 'a>, Error> {
        self.open_variant(variant);
        self.out.push(b'{');
        Ok(Compound { writer: self, first: true, close: b"}}" })
    }
}

/// The sequence-like forms: each element after a comma, then the closing bytes.
macro_rules! elements {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.element(value)
            }
            fn end(self) -> Result<(), Error> {
                self.close()
            }
        }
    )*};
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.comma();
        key.serialize(MapKey { out: self.writer.out })?;
        self.writer.out.push(b':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

/// The struct forms: `"key":value` after a comma, then the closing bytes.
macro_rules! fields {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.field(key, value)
            }
            fn end(self) -> Result<(), Error> {
                self.close()
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

/// A map key: JSON keys are strings, so numbers and booleans are quoted (as serde_json does)
/// and anything else is an error.
struct MapKey<'a> {
    out: &'a mut Vec<u8>,
}

impl MapKey<'_> {
    /// Integers are quoted: JSON keys are strings.
    fn quoted_int(self, n: impl itoa::Integer) -> Result<(), Error> {
        self.quoted(itoa::Buffer::new().format(n))
    }

    fn quoted(self, text: &str) -> Result<(), Error> {
        self.out.push(b'"');
        self.out.extend_from_slice(text.as_bytes());
        self.out.push(b'"');
        Ok(())
    }
}

fn key_must_be_a_string() -> Error {
    Error("key must be a string".to_owned())
}

impl ser::Serializer for MapKey<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        escape_str(self.out, v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.quoted(if v { "true" } else { "false" })
    }
    integers!(quoted_int);
    fn serialize_f32(self, _: f32) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_f64(self, _: f64) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_none(self) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit(self) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(key_must_be_a_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    fn serde_json_line(path: &str, fields: &impl Serialize) -> Vec<u8> {
        #[derive(Serialize)]
        struct Line<'a, T: Serialize> {
            path: &'a str,
            #[serde(flatten)]
            fields: &'a T,
        }
        let mut line = serde_json::to_vec(&Line { path, fields }).unwrap();
        line.push(b'\n');
        line
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let rows = [
            "",
            "plain",
            "exactly8",
            "quote \" in the middle of a long run of text",
            "back\\slash",
            "\u{0}\u{1}\u{8}\t\n\u{b}\u{c}\r\u{1f} \u{7f}",
            "“curly” — dash, café, 日本語, 🚀 emoji",
            "1234567\"",
            "12345678\"",
            "1234567\u{e9}\n",
            "€300k → €1.2M\\",
            "\"\"\"\"\"\"\"\"\"",
        ];
        for s in rows {
            let mut ours = Vec::new();
            escape_str(&mut ours, s);
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                serde_json::to_string(s).unwrap(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn every_shape_of_the_data_model_is_written_as_serde_json_writes_it() {
        #[derive(Serialize)]
        enum Shape {
            Unit,
            Newtype(u8),
            Tuple(i32, f64),
            Struct { a: Option<bool>, b: Vec<char> },
        }
        #[derive(Serialize)]
        struct Unit;
        #[derive(Serialize)]
        struct Wrapper(&'static str);
        #[derive(Serialize)]
        struct All {
            shapes: Vec<Shape>,
            unit: (),
            unit_struct: Unit,
            wrapper: Wrapper,
            numbers: (i8, i16, i64, i128, u16, u64, u128, f32),
            floats: [f64; 5],
            bytes: serde_bytes_like::Bytes,
            by_number: BTreeMap<u32, &'static str>,
            by_bool: BTreeMap<bool, u8>,
            by_variant: BTreeMap<&'static str, Shape>,
            empty: BTreeMap<String, u8>,
            none: Option<u8>,
        }
        mod serde_bytes_like {
            pub struct Bytes;
            impl serde::Serialize for Bytes {
                fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    s.serialize_bytes(&[0, 7, 255])
                }
            }
        }
        let all = All {
            shapes: vec![
                Shape::Unit,
                Shape::Newtype(7),
                Shape::Tuple(-3, 0.1),
                Shape::Struct { a: Some(true), b: vec!['"', 'é'] },
                Shape::Struct { a: None, b: vec![] },
            ],
            unit: (),
            unit_struct: Unit,
            wrapper: Wrapper("w"),
            numbers: (i8::MIN, -300, i64::MIN, i128::MAX, 65535, u64::MAX, u128::MAX, 1.5),
            floats: [0.0, -0.0, 1e300, f64::NAN, f64::INFINITY],
            bytes: serde_bytes_like::Bytes,
            by_number: BTreeMap::from([(1, "one"), (20, "twenty")]),
            by_bool: BTreeMap::from([(false, 0), (true, 1)]),
            by_variant: BTreeMap::from([("k", Shape::Unit)]),
            empty: BTreeMap::new(),
            none: None,
        };
        let mut ours = Vec::new();
        write(&mut ours, &all).unwrap();
        assert_eq!(String::from_utf8(ours).unwrap(), serde_json::to_string(&all).unwrap());
        assert_eq!(line("p\"", &all).unwrap(), serde_json_line("p\"", &all));
    }

    #[test]
    fn a_line_of_an_object_without_fields_is_the_path_alone() {
        assert_eq!(line("a.md", &BTreeMap::<String, u8>::new()).unwrap(), b"{\"path\":\"a.md\"}\n");
        assert!(line("a.md", &[1, 2]).is_err(), "a list cannot be flattened under a path");
        assert!(write(&mut Vec::new(), &BTreeMap::from([((1, 2), 3)])).is_err());
    }

    #[test]
    fn every_corpus_report_is_written_as_serde_json_writes_it() {
        let analyzer = pivot_lint::Analyzer::builtin();
        let mut seen = 0;
        for kind in std::fs::read_dir("tests/corpus").unwrap() {
            let kind = kind.unwrap().path();
            if !kind.is_dir() {
                continue;
            }
            for file in std::fs::read_dir(&kind).unwrap() {
                let path = file.unwrap().path().display().to_string();
                let text = std::fs::read_to_string(&path).unwrap();
                let opts = pivot_lint::CheckOptions {
                    kind: pivot_lint::DocKind::parse(kind.file_name().unwrap().to_str().unwrap())
                        .unwrap(),
                    format: pivot_text::Document::format_for_path(&path),
                    ..Default::default()
                };
                let report = analyzer.check(&text, &opts);
                assert_eq!(
                    line(&path, &report).unwrap(),
                    serde_json_line(&path, &report),
                    "{path}"
                );
                assert_eq!(
                    line(&path, &report.scan).unwrap(),
                    serde_json_line(&path, &report.scan)
                );
                seen += 1;
            }
        }
        assert!(seen >= 30, "the corpus has {seen} files");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn any_string_is_escaped_as_serde_json_escapes_it(s in "(\\PC|[\\x00-\\x1f\"\\\\]){0,40}") {
            let mut ours = Vec::new();
            escape_str(&mut ours, &s);
            prop_assert_eq!(String::from_utf8(ours).unwrap(), serde_json::to_string(&s).unwrap());
        }
    }
}
