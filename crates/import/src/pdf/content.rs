//! The content stream interpreter: runs a page's text and graphics state operators and emits
//! every glyph with its position, size and font weight. Nothing is drawn; images are counted
//! (to tell a scan from an empty page).

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::{Font, deref, get, get_dict, num, stream_bytes};
use super::layout::Glyph;

/// Most nested form XObjects followed.
const MAX_FORM_DEPTH: usize = 8;
/// Most decoded bytes of content per page (a compression bomb is cut here).
const MAX_PAGE_CONTENT: usize = 32 << 20;
/// Most operators run per document and glyphs emitted per page, so a hostile file stays fast.
pub(crate) const MAX_OPS: usize = 5_000_000;
const MAX_PAGE_GLYPHS: usize = 200_000;

/// A 2-D affine matrix `[a b c d e f]` in PDF's row-vector convention.
#[derive(Clone, Copy, Debug)]
struct Matrix([f32; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self × other`: apply `self` first, then `other`.
    fn then(&self, o: &Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [oa, ob, oc, od, oe, of] = o.0;
        Matrix([
            a * oa + b * oc,
            a * ob + b * od,
            c * oa + d * oc,
            c * ob + d * od,
            e * oa + f * oc + oe,
            e * ob + f * od + of,
        ])
    }

    fn apply(&self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.0;
        (x * a + y * c + e, x * b + y * d + f)
    }

    fn translate(tx: f32, ty: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, tx, ty])
    }

    fn from_operands(ops: &[Object]) -> Option<Matrix> {
        if ops.len() < 6 {
            return None;
        }
        let mut m = [0.0; 6];
        for (slot, o) in m.iter_mut().zip(ops) {
            *slot = num(o)?;
        }
        Some(Matrix(m))
    }
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    font_size: f32,
    char_spacing: f32,
    word_spacing: f32,
    h_scale: f32,
    leading: f32,
    rise: f32,
    render_mode: i64,
}

/// What a page holds.
#[derive(Default)]
pub(crate) struct PageContent {
    /// Glyphs in content stream order.
    pub glyphs: Vec<Glyph>,
    /// Images drawn (XObjects and inline).
    pub images: usize,
}

/// Runs the content of one page.
pub(crate) struct Interpreter<'a> {
    doc: &'a Document,
    fonts: HashMap<ObjectId, Rc<Font>>,
    /// Operators left for the whole document.
    pub ops_budget: usize,
    out: PageContent,
    gs: GState,
    stack: Vec<GState>,
    tm: Matrix,
    tlm: Matrix,
    codes: Vec<super::font::Code>,
    forms_seen: Vec<ObjectId>,
}

impl<'a> Interpreter<'a> {
    pub(crate) fn new(doc: &'a Document) -> Self {
        Interpreter {
            doc,
            fonts: HashMap::new(),
            ops_budget: MAX_OPS,
            out: PageContent::default(),
            gs: Self::initial_state(),
            stack: Vec::new(),
            tm: Matrix::IDENTITY,
            tlm: Matrix::IDENTITY,
            codes: Vec::new(),
            forms_seen: Vec::new(),
        }
    }

    fn initial_state() -> GState {
        GState {
            ctm: Matrix::IDENTITY,
            font: None,
            font_size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            h_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
            render_mode: 0,
        }
    }

    /// Interprets a page and returns its glyphs and image count.
    pub(crate) fn run_page(&mut self, page_id: ObjectId) -> PageContent {
        self.out = PageContent::default();
        self.gs = Self::initial_state();
        self.stack.clear();
        let doc = self.doc;
        let Ok(page) = doc.get_dictionary(page_id) else { return std::mem::take(&mut self.out) };
        let resources = inherited(doc, page, b"Resources").and_then(|o| o.as_dict().ok());
        let mut content = Vec::new();
        let streams: Vec<&Object> = match get(doc, page, b"Contents") {
            Some(Object::Array(a)) => a.iter().collect(),
            Some(o) => vec![o],
            None => vec![],
        };
        for s in streams {
            if let Some(Object::Stream(s)) = deref(doc, s) {
                let room = MAX_PAGE_CONTENT.saturating_sub(content.len());
                if let Some(bytes) = stream_bytes(s, room) {
                    content.extend_from_slice(&bytes);
                    // Streams of a page are one program split anywhere but between tokens.
                    content.push(b'\n');
                }
            }
        }
        self.run(&content, resources, 0);
        std::mem::take(&mut self.out)
    }

    fn run(&mut self, content: &[u8], resources: Option<&'a Dictionary>, depth: usize) {
        let Ok(content) = Content::decode(content) else { return };
        for op in &content.operations {
            if self.ops_budget == 0 || self.out.glyphs.len() >= MAX_PAGE_GLYPHS {
                return;
            }
            self.ops_budget -= 1;
            self.op(&op.operator, &op.operands, resources, depth);
        }
    }

    fn op(&mut self, op: &str, args: &[Object], res: Option<&'a Dictionary>, depth: usize) {
        let n = |i: usize| args.get(i).and_then(num).unwrap_or(0.0);
        match op {
            // Nesting deeper than any real file is ignored rather than grown without bound.
            "q" if self.stack.len() < 256 => self.stack.push(self.gs.clone()),
            "Q" => {
                if let Some(gs) = self.stack.pop() {
                    self.gs = gs;
                }
            }
            "cm" => {
                if let Some(m) = Matrix::from_operands(args) {
                    self.gs.ctm = m.then(&self.gs.ctm);
                }
            }
            "BT" => {
                self.tm = Matrix::IDENTITY;
                self.tlm = Matrix::IDENTITY;
            }
            "Tf" => {
                self.gs.font_size = n(1);
                self.gs.font = args
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .and_then(|name| self.font(res, name));
            }
            "Tc" => self.gs.char_spacing = n(0),
            "Tw" => self.gs.word_spacing = n(0),
            "Tz" => self.gs.h_scale = n(0) / 100.0,
            "TL" => self.gs.leading = n(0),
            "Ts" => self.gs.rise = n(0),
            "Tr" => self.gs.render_mode = args.first().and_then(|o| o.as_i64().ok()).unwrap_or(0),
            "Td" => self.next_line(n(0), n(1)),
            "TD" => {
                self.gs.leading = -n(1);
                self.next_line(n(0), n(1));
            }
            "Tm" => {
                if let Some(m) = Matrix::from_operands(args) {
                    self.tm = m;
                    self.tlm = m;
                }
            }
            "T*" => self.next_line(0.0, -self.gs.leading),
            "Tj" => {
                if let Some(Object::String(s, _)) = args.first() {
                    self.show(s);
                }
            }
            "'" => {
                self.next_line(0.0, -self.gs.leading);
                if let Some(Object::String(s, _)) = args.first() {
                    self.show(s);
                }
            }
            "\"" => {
                self.gs.word_spacing = n(0);
                self.gs.char_spacing = n(1);
                self.next_line(0.0, -self.gs.leading);
                if let Some(Object::String(s, _)) = args.get(2) {
                    self.show(s);
                }
            }
            "TJ" => {
                if let Some(Object::Array(items)) = args.first() {
                    for item in items {
                        match item {
                            Object::String(s, _) => self.show(s),
                            other => {
                                // A number moves the pen back by thousandths of an em.
                                if let Some(adj) = num(other) {
                                    let tx = -adj / 1000.0 * self.gs.font_size * self.gs.h_scale;
                                    self.tm = Matrix::translate(tx, 0.0).then(&self.tm);
                                }
                            }
                        }
                    }
                }
            }
            "Do" => {
                if let Some(name) = args.first().and_then(|o| o.as_name().ok()) {
                    self.xobject(res, name, depth);
                }
            }
            // lopdf reports an inline image (BI … ID … EI) as one "BI" operator.
            "BI" => self.out.images += 1,
            _ => {}
        }
    }

    fn next_line(&mut self, tx: f32, ty: f32) {
        self.tlm = Matrix::translate(tx, ty).then(&self.tlm);
        self.tm = self.tlm;
    }

    fn font(&mut self, res: Option<&'a Dictionary>, name: &[u8]) -> Option<Rc<Font>> {
        let doc = self.doc;
        let fonts = get_dict(doc, res?, b"Font")?;
        let entry = fonts.get(name).ok()?;
        match entry {
            Object::Reference(id) => {
                if let Some(f) = self.fonts.get(id) {
                    return Some(f.clone());
                }
                let dict = deref(doc, entry)?.as_dict().ok()?;
                let font = Rc::new(Font::load(doc, dict));
                self.fonts.insert(*id, font.clone());
                Some(font)
            }
            Object::Dictionary(dict) => Some(Rc::new(Font::load(doc, dict))),
            _ => None,
        }
    }

    fn xobject(&mut self, res: Option<&'a Dictionary>, name: &[u8], depth: usize) {
        let doc = self.doc;
        let Some(xobjects) = res.and_then(|r| get_dict(doc, r, b"XObject")) else { return };
        let Ok(entry) = xobjects.get(name) else { return };
        let Some(Object::Stream(stream)) = deref(doc, entry) else { return };
        match stream.dict.get(b"Subtype").and_then(|o| o.as_name()) {
            Ok(b"Image") => self.out.images += 1,
            Ok(b"Form") => {
                let id = entry.as_reference().ok();
                if depth >= MAX_FORM_DEPTH || id.is_some_and(|id| self.forms_seen.contains(&id)) {
                    return;
                }
                let Some(bytes) = stream_bytes(stream, MAX_PAGE_CONTENT) else { return };
                let form_res = get_dict(doc, &stream.dict, b"Resources").or(res);
                let saved = (self.gs.clone(), self.stack.len(), self.tm, self.tlm);
                if let Some(Object::Array(m)) = get(doc, &stream.dict, b"Matrix")
                    && let Some(m) = Matrix::from_operands(m)
                {
                    self.gs.ctm = m.then(&self.gs.ctm);
                }
                if let Some(id) = id {
                    self.forms_seen.push(id);
                }
                self.run(&bytes, form_res, depth + 1);
                if id.is_some() {
                    self.forms_seen.pop();
                }
                (self.gs, _, self.tm, self.tlm) = saved.clone();
                self.stack.truncate(saved.1);
            }
            _ => {}
        }
    }

    /// Shows a string: one glyph per code, advancing the text matrix.
    fn show(&mut self, bytes: &[u8]) {
        let Some(font) = self.gs.font.clone() else { return };
        let gs = &self.gs;
        let (fs, th) = (gs.font_size, gs.h_scale);
        // Text space to device space, with the font size and horizontal scaling applied.
        let scale = Matrix([fs * th, 0.0, 0.0, fs, 0.0, gs.rise]);
        let mut codes = std::mem::take(&mut self.codes);
        codes.clear();
        font.decode(bytes, &mut codes);
        for code in &codes {
            let m = scale.then(&self.tm).then(&self.gs.ctm);
            let w = code.width * font.scale;
            let (x0, y0) = m.apply(0.0, 0.0);
            let (x1, y1) = m.apply(w, 0.0);
            // The glyph's height direction gives the size as seen on the page.
            let (hx, hy) = m.apply(0.0, 1.0);
            let size = ((hx - x0).powi(2) + (hy - y0).powi(2)).sqrt();
            // Direction of the baseline; a zero-width glyph takes it from the matrix.
            let (dx, dy) = if (x1 - x0).abs() + (y1 - y0).abs() > 1e-4 {
                (x1 - x0, y1 - y0)
            } else {
                let (ux, uy) = m.apply(1.0, 0.0);
                (ux - x0, uy - y0)
            };
            if x0.is_finite()
                && y0.is_finite()
                && size.is_finite()
                && self.out.glyphs.len() < MAX_PAGE_GLYPHS
            {
                self.out.glyphs.push(Glyph {
                    text: code.text.clone(),
                    x: x0,
                    y: y0,
                    end_x: x1,
                    end_y: y1,
                    dir: (dx, dy),
                    size,
                    // Fill-and-stroke (mode 2) is how Word fakes bold for fonts without one.
                    bold: font.bold || self.gs.render_mode == 2,
                });
            }
            let spacing =
                self.gs.char_spacing + if code.is_space_code { self.gs.word_spacing } else { 0.0 };
            let tx = (w * fs + spacing) * th;
            self.tm = Matrix::translate(tx, 0.0).then(&self.tm);
        }
        self.codes = codes;
    }
}

/// An entry a page inherits from the page tree (Resources, MediaBox, Rotate…).
pub(crate) fn inherited<'a>(
    doc: &'a Document,
    page: &'a Dictionary,
    key: &[u8],
) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..32 {
        if let Some(o) = get(doc, node, key) {
            return Some(o);
        }
        node = get(doc, node, b"Parent")?.as_dict().ok()?;
    }
    None
}
