//! A saved posting page to lines: drop the page furniture, pick the element that holds the
//! posting, and turn it into lines that keep headings and list items.
//!
//! Every walk over the tree is iterative (`traverse`), so a hostile page nested ten thousand
//! levels deep cannot overflow the stack.

use super::vocab;
use crate::extract::{Extracted, LineHint};
use ego_tree::NodeId;
use ego_tree::iter::Edge;
pub(crate) use pivot_text::collapse_whitespace as collapse;
use scraper::{ElementRef, Html, Node, Selector};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Elements that are never the posting.
const DROP_TAGS: &[&str] = &[
    "nav", "footer", "aside", "script", "style", "noscript", "form", "template", "svg", "iframe",
    "button", "select", "textarea", "input", "dialog", "object", "embed", "canvas", "video",
    "audio", "map", "head", "title", "meta", "link",
];

/// ARIA roles of page furniture.
const DROP_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "dialog",
    "alertdialog",
    "search",
    "menu",
    "menubar",
    "toolbar",
];

/// Words in an `id`/`class` that mark furniture. Matched as whole tokens (`site-nav`,
/// `cookieBanner`), never as substrings, so `unavailable` or `canvas-shared` survive.
const DROP_TOKENS: &[&str] = &[
    "cookie",
    "cookies",
    "cookiebanner",
    "cookieconsent",
    "consent",
    "gdpr",
    "banner",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "menus",
    "megamenu",
    "footer",
    "sidebar",
    "share",
    "sharing",
    "social",
    "socials",
    "related",
    "similar",
    "recommended",
    "breadcrumb",
    "breadcrumbs",
    "newsletter",
    "modal",
    "popup",
    "subscribe",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "promo",
    "toolbar",
    "skip",
];

/// Block elements: each starts a new line.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "td",
    "th",
    "ul",
    "caption",
    "details",
    "summary",
    "center",
];

/// Blocks after which the text has a gap (a new paragraph), unlike list items and cells.
const GAP_BLOCKS: &[&str] =
    &["p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "section", "article", "table", "dl"];

fn tokens(attr: &str) -> Vec<String> {
    // Split camelCase first ("cookieBanner" → "cookie Banner"), then on anything not a letter
    // or digit.
    let mut spaced = String::with_capacity(attr.len() + 8);
    let mut prev_lower = false;
    for c in attr.chars() {
        if c.is_uppercase() && prev_lower {
            spaced.push(' ');
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        spaced.push(c);
    }
    spaced
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

fn is_furniture(el: &ElementRef<'_>, inside_content: bool) -> bool {
    let v = el.value();
    let name = v.name();
    if DROP_TAGS.contains(&name) {
        return true;
    }
    // A page header is furniture; the header of an article holds its title and location.
    if name == "header" && !inside_content {
        return true;
    }
    if v.attr("hidden").is_some()
        || v.attr("aria-hidden").is_some_and(|a| a.eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if let Some(style) = v.attr("style") {
        let s: String =
            style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    if let Some(role) = v.attr("role")
        && DROP_ROLES.contains(&role.trim().to_lowercase().as_str())
    {
        return true;
    }
    // Classes of the page's outer layers often carry state ("has-cookie-banner", "nav-open");
    // dropping body or main on those would drop the posting.
    if matches!(name, "html" | "body" | "main" | "article") {
        return false;
    }
    let mut toks = Vec::new();
    for a in [v.attr("id"), v.attr("class")].into_iter().flatten() {
        toks.extend(tokens(a));
    }
    if toks.iter().any(|t| DROP_TOKENS.contains(&t.as_str())) {
        return true;
    }
    // "apply-button", "applyBtn", "apply-cta".
    toks.iter().any(|t| t == "apply")
        && toks.iter().any(|t| matches!(t.as_str(), "button" | "btn" | "cta" | "link"))
}

/// The page prepared for reading: what is dropped, and how much text each element holds.
pub(crate) struct Page<'a> {
    doc: &'a Html,
    /// The outermost dropped elements (their subtrees are skipped).
    removed: HashSet<NodeId>,
    /// Per element: characters of text outside links, and h1–h4 headings, in its subtree.
    stats: HashMap<NodeId, (usize, usize)>,
}

impl<'a> Page<'a> {
    pub(crate) fn new(doc: &'a Html) -> Self {
        let mut page = Page { doc, removed: HashSet::new(), stats: HashMap::new() };
        page.mark_removed();
        page.count();
        page
    }

    fn mark_removed(&mut self) {
        let root = self.doc.root_element();
        let mut skip: Option<NodeId> = None;
        // How many article/main elements enclose the current node.
        let mut content_depth = 0usize;
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) => {
                    if skip.is_some() {
                        continue;
                    }
                    let Some(el) = ElementRef::wrap(node) else { continue };
                    if is_furniture(&el, content_depth > 0) {
                        self.removed.insert(node.id());
                        skip = Some(node.id());
                        continue;
                    }
                    if is_content_element(&el) {
                        content_depth += 1;
                    }
                }
                Edge::Close(node) => {
                    if skip == Some(node.id()) {
                        skip = None;
                        continue;
                    }
                    if skip.is_some() {
                        continue;
                    }
                    if let Some(el) = ElementRef::wrap(node)
                        && is_content_element(&el)
                    {
                        content_depth = content_depth.saturating_sub(1);
                    }
                }
            }
        }
    }

    /// Counts text and headings per element in one post-order pass.
    fn count(&mut self) {
        let root = self.doc.root_element();
        let mut stack: Vec<(NodeId, usize, usize)> = Vec::new();
        let mut skip: Option<NodeId> = None;
        let mut link_depth = 0usize;
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) => {
                    if skip.is_some() {
                        continue;
                    }
                    match node.value() {
                        Node::Element(e) => {
                            if self.removed.contains(&node.id()) {
                                skip = Some(node.id());
                                continue;
                            }
                            if e.name() == "a" {
                                link_depth += 1;
                            }
                            let heading =
                                usize::from(matches!(e.name(), "h1" | "h2" | "h3" | "h4"));
                            stack.push((node.id(), 0, heading));
                        }
                        Node::Text(t) if link_depth == 0 => {
                            if let Some(top) = stack.last_mut() {
                                top.1 += t.chars().filter(|c| !c.is_whitespace()).count();
                            }
                        }
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if skip == Some(node.id()) {
                        skip = None;
                        continue;
                    }
                    if skip.is_some() {
                        continue;
                    }
                    if let Node::Element(e) = node.value() {
                        if e.name() == "a" {
                            link_depth = link_depth.saturating_sub(1);
                        }
                        if let Some((id, t, h)) = stack.pop() {
                            self.stats.insert(id, (t, h));
                            if let Some(parent) = stack.last_mut() {
                                parent.1 += t;
                                parent.2 += h;
                            }
                        }
                    }
                }
            }
        }
    }

    fn stat(&self, el: &ElementRef<'_>) -> (usize, usize) {
        self.stats.get(&el.id()).copied().unwrap_or((0, 0))
    }

    /// The element holding the posting: start at `<body>` and step into a child while that
    /// child holds at least 60% of the text and every heading — so the walk stops at the
    /// smallest element that still has all the posting's sections (an `<article>`, a
    /// `div.job-description`), before it could lose one.
    pub(crate) fn content_root(&self) -> ElementRef<'a> {
        static BODY: LazyLock<Selector> =
            LazyLock::new(|| Selector::parse("body").expect("body selector"));
        let mut cur = self.doc.select(&BODY).next().unwrap_or_else(|| self.doc.root_element());
        loop {
            let (text, headings) = self.stat(&cur);
            let best = cur
                .child_elements()
                .filter(|c| !self.removed.contains(&c.id()))
                .max_by_key(|c| self.stat(c).0);
            match best {
                Some(c) => {
                    let (ct, ch) = self.stat(&c);
                    if ct > 0 && ct * 10 >= text * 6 && ch == headings {
                        cur = c;
                    } else {
                        break;
                    }
                }
                None => break,
            }
        }
        cur
    }

    fn is_removed_or_inside(&self, el: &ElementRef<'_>) -> bool {
        self.removed.contains(&el.id()) || el.ancestors().any(|a| self.removed.contains(&a.id()))
    }

    /// The posting's `<h1>`: the first one that reads like a job title, preferring those
    /// outside page furniture. An `<h1>` that does not read like one is often the site's logo.
    pub(crate) fn h1(&self) -> Option<ElementRef<'a>> {
        self.h1s()
            .into_iter()
            .filter(|e| vocab::looks_like_title(&collapse(&e.text().collect::<String>())))
            .min_by_key(|e| self.is_removed_or_inside(e))
    }

    /// The first non-empty `<h1>` outside page furniture, whatever it says.
    pub(crate) fn any_h1(&self) -> Option<String> {
        self.h1s()
            .into_iter()
            .filter(|e| !self.is_removed_or_inside(e))
            .map(|e| collapse(&e.text().collect::<String>()))
            .find(|t| !t.is_empty())
    }

    fn h1s(&self) -> Vec<ElementRef<'a>> {
        static H1: LazyLock<Selector> =
            LazyLock::new(|| Selector::parse("h1").expect("h1 selector"));
        self.doc.select(&H1).collect()
    }

    /// The page's `<title>`.
    pub(crate) fn title_tag(&self) -> Option<String> {
        static TITLE: LazyLock<Selector> =
            LazyLock::new(|| Selector::parse("title").expect("title selector"));
        let t = collapse(&self.doc.select(&TITLE).next()?.text().collect::<String>());
        (!t.is_empty()).then_some(t)
    }

    /// The visible posting as lines. When the posting's `<h1>` sits outside the chosen element
    /// (a job header above the body), that header comes first.
    pub(crate) fn extract(&self) -> Extracted {
        let root = self.content_root();
        let mut conv = Converter::new(&self.removed);
        if let Some(h1) = self.h1() {
            let inside = h1.ancestors().any(|a| a.id() == root.id());
            if !inside {
                let parent = h1.parent().and_then(ElementRef::wrap);
                let holds_root = |p: &ElementRef<'_>| root.ancestors().any(|a| a.id() == p.id());
                match parent {
                    Some(p) if !holds_root(&p) && self.stat(&p).0 < 600 => conv.convert(p),
                    _ => conv.convert(h1),
                }
            }
        }
        conv.convert(root);
        conv.finish()
    }
}

fn is_content_element(el: &ElementRef<'_>) -> bool {
    matches!(el.value().name(), "article" | "main")
        || el.value().attr("role").is_some_and(|r| r.eq_ignore_ascii_case("main"))
}

/// Turns a subtree into lines: blocks break lines, `h1`–`h6` and bold-only paragraphs become
/// headings, `li` list items; dropped elements are skipped.
pub(crate) struct Converter<'r> {
    removed: &'r HashSet<NodeId>,
    x: Extracted,
    buf: String,
    /// Non-space characters in `buf`, and how many of them were bold.
    chars: usize,
    bold_chars: usize,
    bold_depth: usize,
    pre_depth: usize,
    hints: Vec<LineHint>,
    gap: bool,
}

impl<'r> Converter<'r> {
    pub(crate) fn new(removed: &'r HashSet<NodeId>) -> Self {
        Converter {
            removed,
            x: Extracted::default(),
            buf: String::new(),
            chars: 0,
            bold_chars: 0,
            bold_depth: 0,
            pre_depth: 0,
            hints: Vec::new(),
            gap: false,
        }
    }

    fn flush(&mut self) {
        let text = collapse(&self.buf);
        if !text.is_empty() {
            let mut hint = self.hints.last().copied().unwrap_or(LineHint::Text);
            let bold = self.chars > 0 && self.bold_chars == self.chars;
            // "<p><strong>Requirements</strong></p>": a heading in all but name.
            if hint == LineHint::Text && bold && text.split_whitespace().count() <= 12 {
                hint = LineHint::Heading;
            }
            self.x.push(&text, 1, hint, bold, 0.0, self.gap);
            self.gap = false;
        }
        self.buf.clear();
        self.chars = 0;
        self.bold_chars = 0;
    }

    fn text(&mut self, t: &str) {
        if self.pre_depth > 0 {
            let mut parts = t.split('\n').peekable();
            while let Some(part) = parts.next() {
                self.add(part);
                if parts.peek().is_some() {
                    self.flush();
                }
            }
        } else {
            self.add(t);
        }
    }

    fn add(&mut self, t: &str) {
        let n = t.chars().filter(|c| !c.is_whitespace()).count();
        self.chars += n;
        if self.bold_depth > 0 {
            self.bold_chars += n;
        }
        self.buf.push_str(t);
    }

    pub(crate) fn convert(&mut self, root: ElementRef<'_>) {
        let mut skip: Option<NodeId> = None;
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) => {
                    if skip.is_some() {
                        continue;
                    }
                    match node.value() {
                        Node::Element(e) => {
                            // Code and styles are never text, even in a JSON-LD description
                            // fragment that had no furniture pass.
                            let code = matches!(
                                e.name(),
                                "script" | "style" | "noscript" | "template" | "head"
                            );
                            if code || self.removed.contains(&node.id()) {
                                skip = Some(node.id());
                                continue;
                            }
                            let name = e.name();
                            if name == "br" || name == "hr" {
                                self.flush();
                            } else if BLOCKS.contains(&name) {
                                self.flush();
                                let hint = match name {
                                    "li" => LineHint::ListItem,
                                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "dt" => {
                                        LineHint::Heading
                                    }
                                    _ => self.hints.last().copied().unwrap_or(LineHint::Text),
                                };
                                self.hints.push(hint);
                                if GAP_BLOCKS.contains(&name) {
                                    self.gap = true;
                                }
                            }
                            if matches!(name, "strong" | "b") {
                                self.bold_depth += 1;
                            }
                            if name == "pre" {
                                self.pre_depth += 1;
                            }
                        }
                        Node::Text(t) => self.text(t),
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if skip == Some(node.id()) {
                        skip = None;
                        continue;
                    }
                    if skip.is_some() {
                        continue;
                    }
                    if let Node::Element(e) = node.value() {
                        let name = e.name();
                        if BLOCKS.contains(&name) {
                            self.flush();
                            self.hints.pop();
                            if GAP_BLOCKS.contains(&name) {
                                self.gap = true;
                            }
                        }
                        if matches!(name, "strong" | "b") {
                            self.bold_depth = self.bold_depth.saturating_sub(1);
                        }
                        if name == "pre" {
                            self.pre_depth = self.pre_depth.saturating_sub(1);
                        }
                    }
                }
            }
        }
        self.flush();
        self.gap = true;
    }

    pub(crate) fn finish(mut self) -> Extracted {
        self.flush();
        self.x
    }

    /// Appends a line of synthetic text (a heading for a JSON-LD field).
    pub(crate) fn push_line(&mut self, text: &str, hint: LineHint) {
        self.flush();
        self.x.push(text, 1, hint, false, 0.0, true);
    }

    /// The extraction so far, for appending plain text.
    pub(crate) fn extracted_mut(&mut self) -> &mut Extracted {
        self.flush();
        &mut self.x
    }
}

/// Splits a `<title>` like "Head of Product | Acme Careers" or "Careers at Acme - Head of
/// Product" into the job title and the company it names.
pub(crate) fn split_title_tag(t: &str) -> (String, Option<String>) {
    let seps = [" | ", " · ", " — ", " – ", " - ", " :: "];
    let mut pieces = vec![t.trim()];
    for sep in seps {
        pieces = pieces.iter().flat_map(|p| p.split(sep)).map(str::trim).collect();
    }
    pieces.retain(|p| !p.is_empty());
    let Some(ti) = pieces
        .iter()
        .position(|p| vocab::looks_like_title(p))
        .or_else(|| (!pieces.is_empty()).then_some(0))
    else {
        return (String::new(), None);
    };
    // "Job Application for Product Lead at Hooli": the company after "at".
    static AT: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"(?i)^(?:job application for\s+|apply for\s+)?(.+?)(?:\s+at\s+(.+))?$")
            .expect("title-tag regex")
    });
    let (title, at_company) = match AT.captures(pieces[ti]) {
        Some(c) => (c[1].to_owned(), c.get(2).map(|m| m.as_str().trim().to_owned())),
        None => (pieces[ti].to_owned(), None),
    };
    let company = at_company.or_else(|| {
        pieces.iter().enumerate().filter(|(i, _)| *i != ti).find_map(|(_, p)| company_of(p))
    });
    (title, company)
}

/// "Acme Careers", "Careers at Acme", "Jobs at Acme" → "Acme".
fn company_of(s: &str) -> Option<String> {
    let mut s = s.trim();
    for prefix in ["Careers at ", "Jobs at ", "Work at ", "Join "] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest;
        }
    }
    for suffix in
        [" Careers", " Jobs", " Job Board", " Careers Site", " Hiring", " careers", " jobs"]
    {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest;
        }
    }
    let s = s.trim();
    let generic = ["Careers", "Jobs", "Job Board", "Apply", "Home"];
    (!s.is_empty() && s.split_whitespace().count() <= 5 && !generic.contains(&s))
        .then(|| s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_tags() {
        assert_eq!(
            split_title_tag("Head of Product | Tendwell Health Careers"),
            ("Head of Product".into(), Some("Tendwell Health".into()))
        );
        assert_eq!(
            split_title_tag("Careers at Acme - Senior Product Manager"),
            ("Senior Product Manager".into(), Some("Acme".into()))
        );
    }

    #[test]
    fn furniture_tokens() {
        assert_eq!(tokens("cookieBanner site-nav"), ["cookie", "banner", "site", "nav"]);
        assert!(
            !tokens("unavailable canvas-shared").iter().any(|t| DROP_TOKENS.contains(&t.as_str()))
        );
    }
}
