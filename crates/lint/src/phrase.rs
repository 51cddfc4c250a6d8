//! Phrase matching for every phrase list of a style at once, over a normalised copy of the
//! document built once per check.
//!
//! Normalising (ASCII lower case, any whitespace run → one space, `‐ ‑ –` → `-`, `’ ‘` → `'`)
//! lets a phrase be a plain string; a phrase with a hyphen also matches with a space or nothing
//! in its place. Word edges are ASCII (`go-to-market` is not found inside `ago-to-marketing`).
//! This replaced one case-insensitive regex per list, then one Aho-Corasick automaton: loading
//! and matching are both several times faster (see BENCHMARKS.md).

use pivot_text::{Span, is_ascii_space, is_word_byte as is_word, swar};
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The normalised text of a document and the map back to its byte offsets.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    text: Vec<u8>,
    /// For each normalised byte: the start of the source char it came from. A char's end is
    /// the next char's start (every source byte belongs to one normalised char; a whitespace
    /// run to its one space), so no second map is kept.
    starts: Vec<u32>,
    /// The source's length: where the last char ends.
    source_len: u32,
}

fn norm_char(c: char) -> Option<char> {
    match c {
        '‐' | '‑' | '–' => Some('-'),
        '’' | '‘' => Some('\''),
        c if c.is_ascii_uppercase() => Some(c.to_ascii_lowercase()),
        _ => None,
    }
}

/// Normalises a phrase the way [`Normalized::new`] normalises text.
fn normalize_str(s: &str) -> Cow<'_, str> {
    // Most phrases of a style are written normalised already: printable ASCII, not upper-case,
    // no space at either end or after another (one pass; a fifth of the cost of normalising).
    let mut prev = b' ';
    let plain = s.bytes().all(|b| {
        let ok = matches!(b, b'!'..=b'~') && !b.is_ascii_uppercase() || (b == b' ' && prev != b' ');
        prev = b;
        ok
    });
    if plain && prev != b' ' {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.trim().chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
            continue;
        }
        space = false;
        out.push(norm_char(c).unwrap_or(c));
    }
    Cow::Owned(out)
}

impl Normalized {
    /// Normalises `text`.
    pub fn new(text: &str) -> Normalized {
        // Normalising never lengthens text (a space run becomes one space, a three-byte dash
        // or quote one byte), so the buffers are sized once: pushes never reallocate.
        let len = text.len();
        let mut n = Normalized {
            text: Vec::with_capacity(len),
            starts: Vec::with_capacity(len),
            source_len: len as u32,
        };
        let mut in_space = false;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < len {
            // Eight bytes at a time while they map one for one (printable ASCII and single
            // spaces, most of any text), lower-cased in one word: a byte loop was 20
            // instructions a byte.
            if let Some(chunk) = bytes.get(i..i + 8) {
                let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
                if let Some((lower, ends_in_space)) = one_for_one(word, in_space) {
                    n.text.extend_from_slice(&lower.to_le_bytes());
                    n.starts.extend((i..i + 8).map(|j| j as u32));
                    i += 8;
                    in_space = ends_in_space;
                    continue;
                }
            }
            let b = bytes[i];
            // ASCII other than whitespace: one byte for one byte.
            if b.is_ascii() && !is_ascii_space(b) {
                n.text.push(b.to_ascii_lowercase());
                n.starts.push(i as u32);
                i += 1;
                in_space = false;
                continue;
            }
            let (end, space, c) = if b.is_ascii() {
                (i + 1, true, ' ')
            } else {
                let Some(c) = text[i..].chars().next() else { break };
                (i + c.len_utf8(), c.is_whitespace(), c)
            };
            if space && in_space {
                // The space already written covers this char too: the next char starts later.
            } else {
                let c = if space { ' ' } else { norm_char(c).unwrap_or(c) };
                let mut buf = [0u8; 4];
                for &byte in c.encode_utf8(&mut buf).as_bytes() {
                    n.text.push(byte);
                    n.starts.push(i as u32);
                }
            }
            in_space = space;
            i = end;
        }
        n
    }

    /// The source span of normalised bytes `start..end`, both on char boundaries (a match of
    /// a whole phrase always is).
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.starts[start] as usize, self.end_of(end - 1) as usize)
    }

    /// Where the source char of the normalised char ending at byte `last` ends.
    fn end_of(&self, last: usize) -> u32 {
        self.starts.get(last + 1).copied().unwrap_or(self.source_len)
    }
}

/// `word`'s eight bytes as `Normalized::new` writes them, and whether the last is a space,
/// when each maps to one byte: printable ASCII or a space that follows neither a space nor
/// (for the first) whitespace before the word (`after_space`).
fn one_for_one(word: u64, after_space: bool) -> Option<(u64, bool)> {
    let spaces = swar::spaces_if_printable(word)?;
    if swar::has_double_space(spaces) || (after_space && spaces & 0x80 != 0) {
        return None;
    }
    Some((swar::to_lowercase(word), spaces >> 63 == 1))
}

/// Phrase lists gathered while a style loads; [`PhraseRegistry::build`] compiles them all into
/// one automaton, so a check scans the text once for every rule and signal together.
#[derive(Debug)]
pub struct PhraseRegistry {
    /// Distinct normalised forms, by id, in order of first registration.
    forms: Forms,
    /// The first id of each form hash; ids that share a hash are chained in `same_hash`.
    by_hash: HashMap<u64, u32, Prehashed>,
    /// Per id: the next id with the same hash, or `u32::MAX`.
    same_hash: Vec<u32>,
    /// Per registration: (id, group, index of the phrase in its list).
    entries: Vec<(u32, u32, u32)>,
    /// Per word class used in a list: the ids of its words' forms, and where each word's forms
    /// start (one more entry marks the end).
    class_forms: HashMap<String, (Vec<u32>, Vec<u32>), Fnv>,
    groups: usize,
}

/// Strings by id, in one buffer: a style has ~900 distinct forms, and one allocation each was
/// a fifth of a start-up's allocations.
#[derive(Debug, Clone)]
struct Forms {
    text: String,
    /// Where each string starts in `text`; one more entry marks the end of the last.
    starts: Vec<u32>,
}

impl Forms {
    fn with_capacity(strings: usize, bytes: usize) -> Forms {
        let mut starts = Vec::with_capacity(strings + 1);
        starts.push(0);
        Forms { text: String::with_capacity(bytes), starts }
    }

    fn len(&self) -> usize {
        self.starts.len() - 1
    }

    fn get(&self, id: u32) -> &[u8] {
        let id = id as usize;
        &self.text.as_bytes()[self.starts[id] as usize..self.starts[id + 1] as usize]
    }

    fn push(&mut self, s: &str) -> u32 {
        let id = self.len() as u32;
        self.text.push_str(s);
        self.starts.push(self.text.len() as u32);
        id
    }

    fn iter(&self) -> impl Iterator<Item = &[u8]> {
        (0..self.len() as u32).map(|id| self.get(id))
    }
}

impl Default for Forms {
    fn default() -> Forms {
        Forms::with_capacity(0, 0)
    }
}

impl Default for PhraseRegistry {
    fn default() -> PhraseRegistry {
        // Sized for the built-in style (~2,000 registrations of ~900 distinct forms, ~14 KB: a
        // class sits in the lists of several rules and signals), so that loading it does not
        // grow them.
        PhraseRegistry {
            forms: Forms::with_capacity(1024, 16 * 1024),
            by_hash: HashMap::with_capacity_and_hasher(1024, Prehashed::default()),
            same_hash: Vec::with_capacity(1024),
            entries: Vec::with_capacity(2048),
            class_forms: HashMap::default(),
            groups: 0,
        }
    }
}

impl PhraseRegistry {
    /// Adds a phrase list; returns its group, or None when it has no usable phrase.
    pub fn register<'a>(&mut self, phrases: impl IntoIterator<Item = &'a str>) -> Option<usize> {
        self.register_list(phrases, &[])
    }

    /// Adds the phrase list made of `own` followed by the words of each `(name, words)` class,
    /// in order; returns its group, or None when it has no usable phrase. A class's forms are
    /// worked out on its first use in a load: most lists of a style are made of classes, the
    /// same few again and again.
    pub fn register_list<'a>(
        &mut self,
        own: impl IntoIterator<Item = &'a str>,
        classes: &[(&str, &[String])],
    ) -> Option<usize> {
        let group = self.groups as u32;
        let before = self.entries.len();
        let mut index = 0u32;
        let mut ids = Vec::new();
        for phrase in own {
            ids.clear();
            self.intern_forms(phrase, &mut ids);
            self.entries.extend(ids.iter().map(|&id| (id, group, index)));
            index += 1;
        }
        for &(name, words) in classes {
            if !self.class_forms.contains_key(name) {
                let mut forms = (Vec::new(), vec![0u32]);
                for word in words {
                    self.intern_forms(word, &mut forms.0);
                    forms.1.push(forms.0.len() as u32);
                }
                self.class_forms.insert(name.to_owned(), forms);
            }
            let (ids, starts) = &self.class_forms[name];
            for (j, w) in starts.windows(2).enumerate() {
                let forms = &ids[w[0] as usize..w[1] as usize];
                self.entries.extend(forms.iter().map(|&id| (id, group, index + j as u32)));
            }
            index += (starts.len() - 1) as u32;
        }
        if self.entries.len() == before {
            return None;
        }
        self.groups += 1;
        Some(group as usize)
    }

    /// Pushes the id of each normalised form of `phrase` (itself, and its spaced and joined
    /// forms when hyphenated) onto `ids`, interning new forms.
    fn intern_forms(&mut self, phrase: &str, ids: &mut Vec<u32>) {
        let n = normalize_str(phrase);
        if n.is_empty() {
            return;
        }
        // "go-to-market" also as "go to market" and "gotomarket".
        let unhyphenated = n.contains('-').then(|| (n.replace('-', " "), n.replace('-', "")));
        let mut add = |v: Cow<'_, str>| {
            // A phrase of hyphens alone ("-", "--") has no spaced or joined form. (Normalised
            // text has no whitespace but ' '.)
            if v.bytes().all(|b| b == b' ') {
                return;
            }
            ids.push(self.intern(&v));
        };
        add(n);
        if let Some((spaced, joined)) = unhyphenated {
            add(Cow::Owned(spaced));
            add(Cow::Owned(joined));
        }
    }

    /// The id of `form`, added if new.
    fn intern(&mut self, form: &str) -> u32 {
        let hash = fnv(form.as_bytes());
        let first = self.by_hash.get(&hash).copied().unwrap_or(u32::MAX);
        let mut id = first;
        while id != u32::MAX {
            if self.forms.get(id) == form.as_bytes() {
                return id;
            }
            id = self.same_hash[id as usize];
        }
        let id = self.forms.push(form);
        self.same_hash.push(first);
        self.by_hash.insert(hash, id);
        id
    }

    /// Compiles every registered list.
    pub fn build(self) -> PhraseIndex {
        // A form sits in many lists: compare it once per position and credit every owner.
        // Owners grouped by form in one list (a counting sort keeps registration order).
        let mut owner_starts = vec![0u32; self.forms.len() + 1];
        for &(id, _, _) in &self.entries {
            owner_starts[id as usize + 1] += 1;
        }
        for i in 1..owner_starts.len() {
            owner_starts[i] += owner_starts[i - 1];
        }
        let mut next = owner_starts.clone();
        let mut owners = vec![(0u32, 0u32, false); self.entries.len()];
        for &(id, group, index) in &self.entries {
            let form = self.forms.get(id);
            let edge_end = is_word(form[form.len() - 1]);
            owners[next[id as usize] as usize] = (group, index, edge_end);
            next[id as usize] += 1;
        }
        // Forms that start with a word byte, filed by the hash of their first word: one flat
        // list sorted by hash, and per hash its run in that list. Within a run (and within the
        // list of each odd first byte) forms are sorted by their [`Probe`], then by id.
        let mut keyed: Vec<(u64, Probe, u32)> = Vec::with_capacity(self.forms.len());
        let mut by_odd_start: Vec<Vec<(Probe, u32)>> = vec![Vec::new(); 256];
        for (i, p) in self.forms.iter().enumerate() {
            match p[0] {
                b if is_word(b) => {
                    let word = first_word(p).len();
                    let probe = match p.get(word) {
                        Some(b' ') => Probe::of(p.get(word + 1).copied()),
                        next => Probe::of(next.copied()),
                    };
                    keyed.push((fnv(&p[..word]), probe, i as u32));
                }
                b => by_odd_start[usize::from(b)].push((Probe::of(p.get(1).copied()), i as u32)),
            }
        }
        keyed.sort_unstable();
        for odd in &mut by_odd_start {
            odd.sort_unstable();
        }
        let by_key_ids: Vec<(Probe, u32)> =
            keyed.iter().map(|&(_, probe, id)| (probe, id)).collect();
        let mut by_key: HashMap<u64, (u32, u32), Prehashed> =
            HashMap::with_capacity_and_hasher(keyed.len(), Prehashed::default());
        for (i, &(key, _, _)) in keyed.iter().enumerate() {
            by_key.entry(key).or_insert((i as u32, i as u32)).1 = i as u32 + 1;
        }
        let heads = self.forms.iter().map(head).collect();
        PhraseIndex {
            forms: self.forms,
            heads,
            owner_starts,
            owners,
            by_key,
            by_key_ids,
            by_odd_start,
            groups: self.groups,
        }
    }
}

/// The FNV-1a hash of a key. The index files phrases by the hash of their first word; a hash
/// shared by two words only adds candidates, since every candidate is compared in full.
fn fnv(bytes: &[u8]) -> u64 {
    let mut h = FnvHasher::default();
    h.write(bytes);
    h.finish()
}

/// FNV-1a (pivot-text's): the keys are short words and the map is ours.
pub(crate) use pivot_text::hash::Fnv;
use pivot_text::hash::FnvHasher;

/// Takes keys that are already FNV hashes as they are.
type Prehashed = BuildHasherDefault<Identity>;

#[derive(Default)]
struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // `u64` keys come through `write_u64`; anything else is hashed properly.
        self.0 = fnv(bytes);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// What a phrase that starts with a word byte is filed under: its leading run of word bytes
/// (its first word, up to any non-ASCII letter). Phrases that start with another byte
/// (`-ready`) are filed by that byte.
fn first_word(bytes: &[u8]) -> &[u8] {
    let n = bytes.iter().take_while(|b| is_word(**b)).count();
    &bytes[..n]
}

/// The byte a form puts after its first word (after the space, when a space follows), or
/// after its odd first byte: the text must have the same byte there for the form to match, so
/// a position compares only the forms with its byte and those without one (a bare word, or a
/// form of one byte). Without it every "i" of a text compared the 54 forms that start "i …",
/// and every space the one form that starts with a space.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Probe(u16);

impl Probe {
    /// Sorts first: forms with nothing to probe, tried everywhere their key is.
    const ANY: Probe = Probe(0);

    fn of(byte: Option<u8>) -> Probe {
        byte.map_or(Probe::ANY, |b| Probe(u16::from(b) + 1))
    }

    /// Whether a form with this probe can match where the text has `byte` next.
    fn admits(self, byte: Option<u8>) -> bool {
        self == Probe::ANY || self == Probe::of(byte)
    }

    /// The forms of `run` (sorted by probe) that can match where the text has `byte` next:
    /// those that probe nothing, and those that probe `byte` (or a short run whole).
    fn select(run: &[(Probe, u32)], byte: Option<u8>) -> [&[(Probe, u32)]; 2] {
        // A short run costs less to compare whole than to search.
        if run.len() <= 4 {
            return [run, &[]];
        }
        let any = run.partition_point(|&(p, _)| p == Probe::ANY);
        let (any, rest) = run.split_at(any);
        let Some(byte) = byte else { return [any, &[]] };
        let want = Probe::of(Some(byte));
        let from = rest.partition_point(|&(p, _)| p < want);
        let to = from + rest[from..].partition_point(|&(p, _)| p == want);
        [any, &rest[from..to]]
    }
}

/// Up to the first eight bytes of `bytes` as a little-endian word, and the mask of the bytes
/// present: one comparison rules out most candidates without calling `memcmp`.
fn head(bytes: &[u8]) -> (u64, u64) {
    // Most text positions have eight bytes ahead: one load, no copy of a variable length.
    if let Some(word) = bytes.first_chunk::<8>() {
        return (u64::from_le_bytes(*word), u64::MAX);
    }
    let n = bytes.len();
    let mut word = [0u8; 8];
    word[..n].copy_from_slice(&bytes[..n]);
    let mask = if n == 8 { u64::MAX } else { (1u64 << (8 * n)) - 1 };
    (u64::from_le_bytes(word), mask)
}

/// Every registered phrase list, filed by first word: a check looks up each word of the text
/// once and compares the few phrases filed there (far cheaper than an automaton over hundreds
/// of phrases, since phrases begin at word starts).
#[derive(Debug, Clone, Default)]
pub struct PhraseIndex {
    forms: Forms,
    /// Per string: its [`head`].
    heads: Vec<(u64, u64)>,
    /// Every string's owners, string by string: (group, index of the phrase in its list,
    /// needs a word edge at its end).
    owners: Vec<(u32, u32, bool)>,
    /// Where each string's owners start in `owners`; one more entry marks the end.
    owner_starts: Vec<u32>,
    /// The run of `by_key_ids` that holds the phrases filed under each [`first_word`] hash.
    by_key: HashMap<u64, (u32, u32), Prehashed>,
    /// Ids of the phrases that start with a word byte, grouped by the hash of their first word,
    /// each group sorted by [`Probe`].
    by_key_ids: Vec<(Probe, u32)>,
    /// Ids of the other phrases, by their first byte (a space, a hyphen), sorted by [`Probe`]:
    /// a table, not a hash, as the text's every space is looked up.
    by_odd_start: Vec<Vec<(Probe, u32)>>,
    groups: usize,
}

/// The matches of every group in one text: leftmost-longest, non-overlapping within a group,
/// with word edges; each is (span, index of the phrase in its list). One flat list sorted by
/// group, so a check makes one allocation for all groups, not one per group.
#[derive(Debug, Clone, Default)]
pub struct PhraseHits {
    hits: Vec<(Span, usize)>,
    /// Where each group's matches start in `hits`; one more entry marks the end of the last.
    starts: Vec<u32>,
}

impl PhraseHits {
    /// The matches of one group.
    pub fn group(&self, group: usize) -> &[(Span, usize)] {
        match (self.starts.get(group), self.starts.get(group + 1)) {
            (Some(&a), Some(&b)) => &self.hits[a as usize..b as usize],
            _ => &[],
        }
    }
}

impl PhraseIndex {
    /// Scans `norm` once for every group.
    pub fn scan(&self, norm: &Normalized) -> PhraseHits {
        // (group, start, end, phrase index) of every candidate, for all groups at once.
        // Sized for the corpus's densest texts (a candidate per ~12 bytes): growing it from
        // empty was a reallocation per doubling in every check.
        let mut cands: Vec<(u32, u32, u32, u32)> = Vec::with_capacity(norm.text.len() / 8 + 8);
        let t = norm.text.as_slice();
        let mut try_at = |s: usize, run: &[(Probe, u32)], next: Option<u8>| {
            let (text_head, _) = head(&t[s..]);
            let [any, exact] = Probe::select(run, next);
            for &(_, id) in any.iter().chain(exact) {
                let (phrase_head, mask) = self.heads[id as usize];
                if text_head & mask != phrase_head {
                    continue;
                }
                let phrase = self.forms.get(id);
                // The head holds a phrase of up to eight bytes whole: equal heads, equal bytes
                // (when the text has that many bytes left; the head pads it with zeros).
                if (phrase.len() > 8 || t.len() - s < phrase.len()) && !t[s..].starts_with(phrase) {
                    continue;
                }
                let e = s + phrase.len();
                let edge_ok = e >= t.len() || !is_word(t[e]);
                let owners = self.owner_starts[id as usize] as usize
                    ..self.owner_starts[id as usize + 1] as usize;
                for &(group, index, edge_end) in &self.owners[owners] {
                    if edge_ok || !edge_end {
                        cands.push((group, s as u32, e as u32, index));
                    }
                }
            }
        };
        let mut i = 0;
        while i < t.len() {
            let b = t[i];
            if is_word(b) {
                // A word start (the byte before is not a word byte, by construction of the loop).
                // The word's length and its hash in one pass (`fnv` of the word).
                let mut hasher = FnvHasher::default();
                let n = t[i..]
                    .iter()
                    .take_while(|&&b| is_word(b))
                    .inspect(|&&b| hasher.write_u8(b))
                    .count();
                if let Some(&(a, b)) = self.by_key.get(&hasher.finish()) {
                    let next = match t.get(i + n) {
                        Some(b' ') => t.get(i + n + 1).copied(),
                        next => next.copied(),
                    };
                    try_at(i, &self.by_key_ids[a as usize..b as usize], next);
                }
                i += n;
                continue;
            }
            let odd = &self.by_odd_start[usize::from(b)];
            // The lists are a form or two: look before calling (every space comes here).
            let next = t.get(i + 1).copied();
            if odd.iter().any(|&(p, _)| p.admits(next)) {
                try_at(i, odd, next);
            }
            i += 1;
        }
        // Per group: leftmost first, then longest, then the first phrase of the list. The
        // candidates came in text order, so a counting sort by group keeps each group in text
        // order, and the best of those sharing a start is picked below (sorting them all on
        // the four keys was 3% of a check).
        let mut starts = vec![0u32; self.groups + 1];
        for &(group, ..) in &cands {
            starts[group as usize + 1] += 1;
        }
        for g in 1..starts.len() {
            starts[g] += starts[g - 1];
        }
        let mut by_group = vec![(0u32, 0u32, 0u32); cands.len()];
        let mut next = starts.clone();
        for &(group, s, e, phrase) in &cands {
            by_group[next[group as usize] as usize] = (s, e, phrase);
            next[group as usize] += 1;
        }
        let mut hits = Vec::with_capacity(cands.len());
        for g in 0..self.groups {
            let group = &by_group[starts[g] as usize..starts[g + 1] as usize];
            starts[g] = hits.len() as u32;
            let mut next_free = 0;
            for same_start in group.chunk_by(|a, b| a.0 == b.0) {
                // Longest, then the first phrase of the list (equal keys are equal entries).
                let (s, e, phrase) = same_start
                    .iter()
                    .copied()
                    .max_by_key(|&(_, e, phrase)| (e, std::cmp::Reverse(phrase)))
                    .expect("chunks are not empty");
                if s >= next_free {
                    hits.push((norm.span(s as usize, e as usize), phrase as usize));
                    next_free = e;
                }
            }
        }
        starts[self.groups] = hits.len() as u32;
        PhraseHits { hits, starts }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Normalises char by char, as `Normalized::new` did before its ASCII fast path, with
    /// the end of each byte's source char kept in a map of its own (text, starts, ends).
    fn normalize_char_by_char(text: &str) -> (Vec<u8>, Vec<u32>, Vec<u32>) {
        let mut n = (Vec::new(), Vec::new(), Vec::new());
        let push = |n: &mut (Vec<u8>, Vec<u32>, Vec<u32>), byte: u8, start: usize, end: usize| {
            n.0.push(byte);
            n.1.push(start as u32);
            n.2.push(end as u32);
        };
        let mut in_space = false;
        for (i, c) in text.char_indices() {
            let end = i + c.len_utf8();
            let space = c.is_whitespace();
            if space && in_space {
                *n.2.last_mut().unwrap() = end as u32;
            } else if space {
                push(&mut n, b' ', i, end);
            } else {
                let c = norm_char(c).unwrap_or(c);
                for &b in c.encode_utf8(&mut [0u8; 4]).as_bytes() {
                    push(&mut n, b, i, end);
                }
            }
            in_space = space;
        }
        n
    }

    use proptest::prelude::*;

    proptest! {
        /// Guards the ASCII fast path of `Normalized::new`: the same bytes and the same
        /// map back to the source as normalising char by char.
        #[test]
        fn normalizing_fast_matches_normalizing_char_by_char(
            text in proptest::collection::vec(prop_oneof![
                proptest::sample::select(vec![
                    " ", "  ", "\n", "\r\n", "\t", "\u{b}", "\u{85}", "\u{a0}", "\u{2003}",
                    "‐", "‑", "–", "—", "’", "‘", "é", "É", "数据", "👍", "Go-To-Market", "ROI",
                ]).prop_map(str::to_owned),
                "[\\x00-\\x7f]{1,4}",
            ], 0..30)
        ) {
            let text: String = text.concat();
            let (fast, slow) = (Normalized::new(&text), normalize_char_by_char(&text));
            let (text_bytes, starts, ends) = slow;
            prop_assert_eq!(&fast.text, &text_bytes, "normalising {:?}", text);
            prop_assert_eq!(&fast.starts, &starts, "normalising {:?}", text);
            // Ends are asked for at the last byte of a normalised char (matches are whole).
            for last in 0..ends.len() {
                if starts.get(last + 1) != Some(&starts[last]) {
                    prop_assert_eq!(fast.end_of(last), ends[last], "normalising {:?} at {}", text, last);
                }
            }
        }
    }

    /// Guards the word-byte table (pivot-text's): a phrase's edges are where ASCII letters,
    /// digits and `_` end, and nowhere else.
    #[test]
    fn word_bytes_are_ascii_letters_digits_and_underscore() {
        for b in 0..=255u8 {
            assert_eq!(is_word(b), b.is_ascii_alphanumeric() || b == b'_', "byte {b:#04x}");
        }
    }

    fn found(phrases: &[&str], text: &str) -> Vec<String> {
        let mut registry = PhraseRegistry::default();
        let group = registry.register(phrases.iter().copied()).unwrap();
        let hits = registry.build().scan(&Normalized::new(text));
        hits.group(group).iter().map(|(s, _)| text[s.start..s.end].to_owned()).collect()
    }

    /// A class's forms are reused across lists: each list still numbers its phrases from its
    /// own start (own phrases first, then each class's words in order).
    #[test]
    fn a_class_shared_by_lists_keeps_each_lists_numbering() {
        let class = vec!["beta".to_owned(), "go-to-market".to_owned()];
        let other = vec!["delta".to_owned()];
        let mut registry = PhraseRegistry::default();
        let a = registry.register_list(["alpha"], &[("c", &class)]).unwrap();
        let b = registry.register_list([], &[("d", &other), ("c", &class)]).unwrap();
        let c = registry.register_list([], &[("c", &class)]).unwrap();
        let text = "alpha beta, go to market; delta";
        let hits = registry.build().scan(&Normalized::new(text));
        let found = |group| {
            hits.group(group)
                .iter()
                .map(|(s, i)| (text[s.start..s.end].to_owned(), *i))
                .collect::<Vec<_>>()
        };
        let own = |s: &str, i| (s.to_owned(), i);
        assert_eq!(found(a), [own("alpha", 0), own("beta", 1), own("go to market", 2)]);
        assert_eq!(found(b), [own("beta", 1), own("go to market", 2), own("delta", 0)]);
        assert_eq!(found(c), [own("beta", 0), own("go to market", 1)]);
    }

    /// Regression: a phrase of hyphens alone made an empty joined form, and filing it read its
    /// first byte (a panic while loading a user's style).
    #[test]
    fn a_phrase_of_hyphens_alone_loads_and_matches_itself() {
        assert_eq!(found(&["-", "--"], "a - b -- c"), ["-", "--"]);
    }

    #[test]
    fn phrases_match_whole_words_across_whitespace_hyphens_and_quotes() {
        assert_eq!(
            found(
                &["go-to-market", "worked on", "P&L", "I'm", "lead", "leads"],
                "Worked\n  on GTM; go to market, go‑to‑market, gotomarket, owned the P&L. reworked on; I’m; misleads; leads"
            ),
            ["Worked\n  on", "go to market", "go‑to‑market", "gotomarket", "P&L", "I’m", "leads"]
        );
    }

    #[test]
    fn longest_wins_and_non_ascii_is_kept() {
        assert_eq!(
            found(&["responsible", "responsible for"], "Responsible for it"),
            ["Responsible for"]
        );
        assert_eq!(found(&["café"], "LE CAFÉ"), Vec::<String>::new(), "ASCII case folding only");
        assert_eq!(found(&["café"], "le café."), ["café"]);
    }

    /// Guards the head comparison, which decides phrases of up to eight bytes alone: a phrase
    /// cut off by the end of the text, or differing only past its first eight bytes, is no hit.
    #[test]
    fn phrases_are_compared_whole_near_the_end_and_past_eight_bytes() {
        assert_eq!(found(&["led"], "we le"), Vec::<String>::new());
        assert_eq!(found(&["led"], "we led"), ["led"]);
        assert_eq!(found(&["roadmaps"], "a roadmap"), Vec::<String>::new());
        assert_eq!(found(&["roadmaps"], "two roadmaps"), ["roadmaps"]);
        assert_eq!(found(&["go-to-market plan"], "go-to-market planning"), Vec::<String>::new());
        assert_eq!(found(&["go-to-market plan"], "our go-to-market pla"), Vec::<String>::new());
        assert_eq!(found(&["go-to-market plan"], "a go-to-market plan."), ["go-to-market plan"]);
        assert_eq!(found(&["go-to-market plan"], "a go-to-market plot"), Vec::<String>::new());
    }

    /// Two phrases of a list that match the same words: the first of the list is the hit (a
    /// substitution rule's replacement is chosen by that index).
    #[test]
    fn equal_matches_go_to_the_first_phrase_of_the_list() {
        for list in [["go to market", "go-to-market"], ["go-to-market", "go to market"]] {
            let mut registry = PhraseRegistry::default();
            let group = registry.register(list.iter().copied()).unwrap();
            let hits = registry.build().scan(&Normalized::new("a go to market plan"));
            let indexes: Vec<usize> = hits.group(group).iter().map(|&(_, i)| i).collect();
            assert_eq!(indexes, [0], "{list:?}");
        }
    }

    /// Guards the probe (the byte after a form's first word, or after its odd first byte): a
    /// position compares only the forms that probe its next byte, and the forms that probe
    /// nothing — a bare word, a one-byte form, or any form at the end of the text.
    #[test]
    fn forms_sharing_a_first_word_are_told_apart_by_the_byte_after_it() {
        let forms =
            ["i", "i am", "i'm", "i led", "i lead", "i own", "i run", "i am ready", "-ready", "+"];
        assert_eq!(
            found(&forms, "I am ready. I led it; I'm here, i own. I run AI-ready teams + more I"),
            ["I am ready", "I led", "I'm", "i own", "I run", "-ready", "+", "I"]
        );
        assert_eq!(found(&forms, "I\tam I  lead I, am"), ["I\tam", "I  lead", "I"]);
        // "-ready" is also written "- ready" and " ready": a form that starts with a space.
        assert_eq!(found(&forms, "AI ready"), [" ready"]);
    }
}
