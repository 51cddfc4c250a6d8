//! Outcomes and metrics ("quantities") in English resume and career-narrative text.
//!
//! [`find_quantities`] finds percentages, money, multipliers, counts, time spans, rates and
//! before → after changes, normalises their numbers and, where the text says so, the scope
//! they describe (team size, budget, revenue, user base, teams, products, regions).
//!
//! ```
//! use pivot_text::quantity::{find_quantities, QuantityKind, ScopeKind};
//! let text = "Owned a $12M P&L and grew the team from 5 to 20 engineers.";
//! let qs = find_quantities(text);
//! assert_eq!(&text[qs[0].span.clone()], "$12M");
//! assert_eq!(qs[0].scope, Some(ScopeKind::Budget));
//! assert_eq!(qs[1].kind, QuantityKind::BeforeAfter);
//! assert_eq!(qs[1].value, Some(20.0));
//! ```
//!
//! # How it works
//! One trigger regex finds the next place a quantity can start (a number with an optional
//! currency prefix, a number word, a multiplier word, a rate keyword). A hand-written tail
//! parser then reads what follows the number (scale, `%`, `x`, currency code, unit noun, rate
//! qualifier) with small word-level look-ups, so no regex ever backtracks over the text. Bare
//! numbers ("400", "2019") are kept only long enough to pair them: dash/"to" ranges and
//! "from A to B" / "A → B" changes are merged, "team of 12" is promoted to a team size, and
//! whatever is still a bare number is dropped.
//!
//! # Deliberate choices
//! - A span covers the words that make the text a quantity and nothing more: "$40M" in
//!   "$40M ARR" (ARR only sets the scope), "6 months" in "in 6 months", but "team of 12" (the
//!   bare "12" is not a quantity on its own) and "from 24 hours to 4" (the whole change).
//!   Attached symbols and qualifiers are inside: "~40%", "+18% QoQ", "200+ enterprise
//!   customers", "$1M/year".
//! - A bare number is never a quantity, so years, list numbers, "Top 10" and the like need no
//!   special case. Years (1900–2099 written without separators) are also never a count after
//!   "in", "since", a month name, "Q3", … and never half of a range or before → after.
//! - Ranges (`10–15 engineers`, `10 to 15 engineers`, `between 5 and 8 markets`) keep the
//!   kind of the quantity and take the **lower** bound as value (a conservative claim).
//! - Before → after: value is the "after" number; a scale or currency written only on one side
//!   applies to both ("from 1.2M to 3" → 3 000 000). "A to B" without "from" is a change only
//!   when A has its own unit ("12% to 30%"); "10 to 15 engineers" is a range.
//! - A rate qualifier (`per month`, `/yr`, `annually`, `YoY`) stays inside the span. Money,
//!   percentages and multipliers keep their kind ("$1M/year" is Money); a plain number,
//!   count or time span with one becomes [`QuantityKind::Rate`] ("500 signups per day"). A rate
//!   keyword on its own ("QoQ", "year over year") is a Rate with no value.
//! - `m`/`M` glued to a number always means million ("6m" = 6 000 000); minutes are `min`.
//!   `s` and `d` glued to a number are not units ("90s" is a decade, "3D" a dimension).
//! - `¥` is JPY (write `CN¥`, `RMB` or `CNY` for yuan); a lone `$` is USD.
//! - `pp`, `percentage points` and `bps` are Percent with unit "percentage points"; `bps` are
//!   converted (50 bps → 0.5). Otherwise Percent, Money and Multiplier have no unit.
//! - Count units are lower-cased as written ("engineers", "mau"); time units are normalised to
//!   plural names ("24h" → "hours"). Singular nouns count only with the number one.
//! - "sellers" are sales people (TeamSize) below 1 000 and marketplace sellers (UserBase) from
//!   1 000 or when vague ("thousands of sellers"). "features" is a count without scope.
//! - Known count nouns may have up to two adjectives before them ("200+ enterprise
//!   customers"); an unknown plural noun right after a digit number is a count without scope
//!   ("14 widgets"); number words ("three teams") need a known noun.
//! - "team of 12", "headcount of 30", "team size of 8", "12-person" are TeamSize counts. Money
//!   takes Revenue or Budget from a scope word right after it ("$40M ARR", "$3M in new
//!   revenue", "$2M annual budget") or just before it ("P&L of $12M", "revenue grew to $8M").
//!   A before → after takes its unit from either side and its scope from its sides or from a
//!   word shortly before it ("grew the team from 5 to 20" → TeamSize).
//! - European decimal commas ("12,5%") are not read; "1.200.000" (two or more dot groups) is.

use crate::hash::Fnv;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use crate::embedded::{Aligned, EmbeddedRegex, embedded_regex};
use regex_automata::Input;
use serde::Serialize;

/// What a quantity measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuantityKind {
    /// A percentage or percentage-point figure: "40%", "5 pp".
    Percent,
    /// An amount of money: "$2.4M", "₹5 lakh".
    Money,
    /// A multiplier: "3x", "threefold", "doubled".
    Multiplier,
    /// A count of things or people: "12 engineers", "3 markets".
    Count,
    /// A duration: "6 months", "24h".
    TimeSpan,
    /// A rate: "500 signups per day", or a standalone "QoQ".
    Rate,
    /// A change from one value to another: "from 12% to 30%", "24h → 4h".
    BeforeAfter,
}

/// The kind of scope a quantity describes, when it describes one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScopeKind {
    /// People led or managed: "12 engineers", "team of 40".
    TeamSize,
    /// Money owned or managed: "$2M budget", "P&L of $12M".
    Budget,
    /// Revenue: "$40M ARR", "$3M in revenue".
    Revenue,
    /// Users or customers served: "2M users", "200 enterprise customers".
    UserBase,
    /// Teams, squads, departments: "4 squads".
    Teams,
    /// Products, apps, product lines: "3 product lines".
    Products,
    /// Markets, countries, regions, languages: "5 markets".
    Regions,
}

/// One detected quantity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    /// Byte range in the input text, on char boundaries.
    pub span: Range<usize>,
    /// What the quantity measures.
    pub kind: QuantityKind,
    /// Normalised number: "$2.4M" → 2 400 000, "40%" → 40, "3x" → 3, "₹5 lakh" → 500 000,
    /// "a dozen" → 12; the "after" value of a before → after; the lower bound of a range;
    /// `None` for vague amounts ("hundreds of customers") and standalone rates ("QoQ").
    pub value: Option<f64>,
    /// ISO 4217 code for money ("USD", "EUR", "INR", …).
    pub currency: Option<&'static str>,
    /// Lower-cased unit noun for counts and time ("engineers", "users", "months"); "percentage
    /// points" for `pp`/`bps`; `None` otherwise.
    pub unit: Option<String>,
    /// The scope the quantity describes, when the text says.
    pub scope: Option<ScopeKind>,
}

/// Finds the quantities in `text`, sorted by `span.start` and non-overlapping.
///
/// Pure and deterministic; never panics on any UTF-8 input.
pub fn find_quantities(text: &str) -> Vec<Quantity> {
    let mut out = Vec::new();
    QuantityFinder::default().find_into(text, 0, &mut out);
    out
}

/// [`find_quantities`] over many texts (a document's blocks) with one working list: each
/// text's quantities are appended to a list the caller keeps.
#[derive(Debug, Default)]
pub struct QuantityFinder {
    atoms: Vec<Atom>,
}

impl QuantityFinder {
    /// Appends the quantities of `text` to `out`, their spans moved by `shift` (where `text`
    /// starts in the caller's document).
    pub fn find_into(&mut self, text: &str, shift: usize, out: &mut Vec<Quantity>) {
        let mut atoms = std::mem::take(&mut self.atoms);
        atoms.clear();
        scan(text, &mut atoms);
        let atoms = merge_pairs(text, atoms, try_range);
        let mut atoms = merge_pairs(text, atoms, try_before_after);
        finish(text, atoms.drain(..), shift, out);
        self.atoms = atoms;
    }
}

// ---------------------------------------------------------------------------------------------
// Trigger regex
// ---------------------------------------------------------------------------------------------

/// Every place a quantity can start: `quantity-trigger.re` (the group names document its
/// parts; the scanner splits a match by hand, since capture groups would cost a second, slower
/// pass per match). Word boundaries are checked by hand too (`\b` is not available to a DFA on
/// non-ASCII text). build.rs compiles the pattern into a forward and a reverse DFA: compiling
/// it and warming a lazy DFA over it were a quarter of a `pivot check` process's instructions.
static TRIGGER: LazyLock<EmbeddedRegex> = LazyLock::new(|| {
    // SAFETY: crates/text/build.rs wrote both with this regex-automata;
    // `the_trigger_dfas_validate` runs the validating deserializer on them.
    unsafe { embedded_regex(TRIGGER_FORWARD, TRIGGER_REVERSE) }
});

static TRIGGER_FORWARD: &Aligned<[u8]> = &Aligned {
    align: [],
    bytes: *include_bytes!(concat!(env!("OUT_DIR"), "/quantity-trigger.forward.dfa")),
};
static TRIGGER_REVERSE: &Aligned<[u8]> = &Aligned {
    align: [],
    bytes: *include_bytes!(concat!(env!("OUT_DIR"), "/quantity-trigger.reverse.dfa")),
};

// ---------------------------------------------------------------------------------------------
// Internal atom
// ---------------------------------------------------------------------------------------------

/// A quantity under construction. `kind == None` is a bare number, kept only for pairing.
#[derive(Debug, Clone)]
struct Atom {
    start: usize,
    end: usize,
    kind: Option<QuantityKind>,
    /// Signed number before scale; `None` when vague.
    num: Option<f64>,
    scale: Option<f64>,
    currency: Option<&'static str>,
    unit: Option<String>,
    scope: Option<ScopeKind>,
    /// A bare 4-digit number that reads as a year.
    year_like: bool,
    /// Written with digits (not "three").
    digits: bool,
    /// A keyword on its own ("doubled", "QoQ"): never half of a pair.
    standalone: bool,
}

impl Atom {
    fn new(start: usize, end: usize, num: Option<f64>) -> Self {
        Atom {
            start,
            end,
            kind: None,
            num,
            scale: None,
            currency: None,
            unit: None,
            scope: None,
            year_like: false,
            digits: false,
            standalone: false,
        }
    }

    fn value(&self) -> Option<f64> {
        let v = self.num? * self.scale.unwrap_or(1.0);
        v.is_finite().then_some(v)
    }
}

// ---------------------------------------------------------------------------------------------
// Scan
// ---------------------------------------------------------------------------------------------

fn scan(text: &str, atoms: &mut Vec<Atom>) {
    let mut pos = 0;
    // `find_at` plus a look at the matched text is several times faster than `captures_at`,
    // whose capture engine would re-run the whole (large) pattern on every match.
    while let Some(m) = TRIGGER.find(Input::new(text).range(pos..)) {
        let (start, end) = (m.start(), m.end());
        let s = &text[start..end];
        let result = if s.bytes().any(|b| b.is_ascii_digit()) {
            numeric(text, start, end, atoms.last())
        } else {
            // Which word alternative matched; they share no spelling.
            let l = lower(s);
            if l.contains("over") || matches!(l.as_str(), "qoq" | "yoy" | "mom" | "wow") {
                keyword(text, start, end, QuantityKind::Rate)
            } else if l.ends_with("fold")
                || ["doubl", "tripl", "quadrupl", "quintupl", "halv"]
                    .iter()
                    .any(|p| l.starts_with(p))
            {
                keyword(text, start, end, QuantityKind::Multiplier)
            } else {
                // Only the vague amounts ("hundreds", "tens of thousands") end in "s".
                word_number(text, start, end, l.ends_with('s'))
            }
        };
        // Always move forward, whatever a parser returned.
        let floor = next_char(text, start);
        match result {
            Ok(atom) => {
                pos = atom.end.max(floor);
                atoms.push(atom);
            }
            Err(next) => pos = next.max(floor),
        }
        if pos >= text.len() {
            break;
        }
    }
}

/// Parses a digit number with its optional approx mark, sign and currency prefix (the trigger
/// match `start..end`), then its tail. `Err(pos)` tells the scanner where to look next.
fn numeric(text: &str, start: usize, end: usize, prev: Option<&Atom>) -> Result<Atom, usize> {
    // Split the match: [approx] [sign] [currency [space]] digits. Digits are the only ASCII
    // digits in the match (no currency prefix contains one).
    let m = &text[start..end];
    let Some(d_off) = m.find(|c: char| c.is_ascii_digit()) else { return Err(end) };
    let d_start = start + d_off;
    let digits = &text[d_start..end];
    let mut head = &m[..d_off];
    let approx = head.starts_with(['~', '≈']);
    if approx {
        head = &head[head.chars().next().map_or(0, char::len_utf8)..];
    }
    let sign_char = head.chars().next().filter(|c| matches!(c, '-' | '+' | '\u{2212}'));
    let sign_start = d_start - head.len();
    if let Some(c) = sign_char {
        head = &head[c.len_utf8()..];
    }
    let cur = Some(head.trim_end_matches(is_hs)).filter(|c| !c.is_empty());

    // Resume after the whole alphanumeric run so "abc123def" is skipped in one step.
    let skip = alnum_end(text, end);
    let mut start = start;
    let mut sign = 1.0;
    let mut separated = false;
    if let Some(c) = sign_char.filter(|&c| c != '+') {
        // A dash right after the previous number is a range separator ("10-15"), not a
        // minus sign.
        let after_prev =
            prev.is_some_and(|p| p.end <= sign_start && text[p.end..sign_start].chars().all(is_hs));
        if after_prev {
            start = sign_start + c.len_utf8();
            separated = true;
        } else {
            sign = -1.0;
        }
    }
    if !separated && !left_ok(text, start) {
        // "XUSD 5": retry at the digits alone; "COVID-19", "v2.3": skip the run.
        return Err(if start < d_start { next_char(text, start) } else { skip });
    }
    // ".5%" is a decimal; "No.5" and "...5" are not amounts.
    let mut fraction = false;
    if start == d_start && text[..start].ends_with('.') {
        let before = text[..start - 1].chars().next_back();
        if before.is_none_or(|c| c.is_whitespace() || c == '(') && !digits.contains(['.', ',']) {
            start -= 1;
            fraction = true;
        } else {
            return Err(skip);
        }
    }
    // "'19" and "’90s" are years.
    if cur.is_none() && digits.len() == 2 && text[..d_start].ends_with(['\'', '’']) {
        return Err(skip);
    }
    // Glued continuations make this a date, time, fraction, version or phone number:
    // "24/7", "10:30", "2.3.1", "2021-03-04", "555-123-4567".
    let after = &text[end..];
    let mut chars = after.chars();
    if let (Some('/' | ':' | '.' | ','), Some(c)) = (chars.next(), chars.next())
        && c.is_ascii_digit()
    {
        return Err(skip);
    }
    if is_dashed_date(after) {
        return Err(skip);
    }
    // "1. Led …", "2) Grew …" at the start of a line: list numbering.
    if start == d_start && is_list_marker(after) && is_line_start(text, start) {
        return Err(skip);
    }
    let prev_w = prev_word(text, start).map(|(s, e)| &text[s..e]);
    if cur.is_none() && prev_w.is_some_and(blocks_number) {
        return Err(skip);
    }

    let num = if fraction { parse_digits(&format!("0.{digits}")) } else { parse_digits(digits) };
    let num = num.map(|v| v * sign);
    let mut atom = Atom::new(start, end, num);
    atom.digits = true;
    atom.currency = cur.and_then(currency_code);
    if atom.currency.is_some() {
        atom.kind = Some(QuantityKind::Money);
    }
    let plain = cur.is_none() && sign_char.is_none() && !approx;
    atom.year_like =
        plain && digits.len() == 4 && num.is_some_and(|v| (1900.0..=2099.0).contains(&v));
    let year_ctx = atom.year_like && prev_w.is_some_and(is_year_context);
    if !tail(text, &mut atom, Tail { digits: true, vague: false, year_ctx }) {
        return Err(skip);
    }
    Ok(atom)
}

/// A multiplier word ("doubled", "threefold") or a standalone rate ("QoQ").
fn keyword(text: &str, start: usize, end: usize, kind: QuantityKind) -> Result<Atom, usize> {
    if !left_ok(text, start) || !right_ok(text, end) {
        return Err(alnum_end(text, end));
    }
    let lw = lower(&text[start..end]);
    let num = if kind == QuantityKind::Multiplier {
        // "doubled down on" is an idiom, not growth.
        if next_word(text, end).is_some_and(|(s, e)| lower(&text[s..e]) == "down") {
            return Err(end);
        }
        let v = match lw.trim_end_matches("fold").trim_end_matches('-') {
            "doubled" | "doubling" => 2.0,
            "tripled" | "tripling" => 3.0,
            "quadrupled" | "quadrupling" => 4.0,
            "quintupled" => 5.0,
            "halved" | "halving" => 0.5,
            "hundred" => 100.0,
            "thousand" => 1000.0,
            w => match small_number(w) {
                Some(v) => v,
                None => return Err(end),
            },
        };
        Some(v)
    } else {
        None
    };
    let mut atom = Atom::new(start, end, num);
    atom.kind = Some(kind);
    atom.standalone = true;
    Ok(atom)
}

/// A number word ("three", "twenty-five", "a dozen") or a vague amount ("hundreds of").
fn word_number(text: &str, start: usize, end: usize, vague: bool) -> Result<Atom, usize> {
    if !left_ok(text, start) || !right_ok(text, end) {
        return Err(alnum_end(text, end));
    }
    let lw = lower(&text[start..end]);
    let num = if vague {
        None
    } else {
        match parse_number_words(&lw) {
            Some(v) => Some(v),
            None => return Err(end),
        }
    };
    let mut atom = Atom::new(start, end, num);
    // "a couple of teams": the "of" belongs to the number.
    if lw.ends_with("couple")
        && let Some((_, e)) = next_word(text, end).filter(|&(s, e)| lower(&text[s..e]) == "of")
    {
        atom.end = e;
    }
    if !tail(text, &mut atom, Tail { digits: false, vague, year_ctx: false }) {
        return Err(end);
    }
    // A vague amount is only a quantity with its noun ("hundreds of customers").
    if vague && atom.kind.is_none() {
        return Err(end);
    }
    Ok(atom)
}

// ---------------------------------------------------------------------------------------------
// Tail: everything after the number
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy)]
struct Tail {
    /// Written with digits: glued suffixes ("3x", "$2.4M") and unknown plural nouns allowed.
    digits: bool,
    /// "hundreds", "thousands": needs "of" and a noun.
    vague: bool,
    /// A year after "in", "since", …: takes no unit.
    year_ctx: bool,
}

enum Pct {
    Plain,
    Points,
    Bps,
}

/// Reads the suffixes after `atom.end` and extends the atom. `false` rejects the number
/// ("3D", "1st", "5G").
fn tail(text: &str, atom: &mut Atom, t: Tail) -> bool {
    use QuantityKind::*;
    let mut end = atom.end;
    let mut pct = None;

    // 1. Glued to the digits: "%", "×", or a letter run ("M", "bn", "x", "h", "pp").
    if t.digits {
        match text[end..].chars().next() {
            Some('%') => {
                pct = Some(Pct::Plain);
                end += 1;
            }
            Some(c @ '×') if atom.kind.is_none() => {
                atom.kind = Some(Multiplier);
                end += c.len_utf8();
            }
            Some(c) if c.is_alphabetic() => {
                let e = alnum_end(text, end);
                let w = &text[end..e];
                match glued_scale(w) {
                    Some(s) => atom.scale = Some(s),
                    None if atom.kind.is_some() => return false,
                    None => {
                        let lw = lower(w);
                        if lw == "x" {
                            atom.kind = Some(Multiplier);
                        } else if let Some(p) = pct_word(&lw) {
                            pct = Some(p);
                        } else if let Some(u) = time_unit(&lw).filter(|_| !matches!(w, "d" | "s")) {
                            atom.kind = Some(TimeSpan);
                            atom.unit = Some(u.to_string());
                        } else {
                            return false;
                        }
                    }
                }
                end = e;
            }
            _ => {}
        }
    }

    // 2. "200+", "$2M+".
    if text[end..].starts_with('+') {
        end += 1;
    }

    // 3. Spelled-out scale: "2.4 million", "₹5 lakh", "two hundred thousand".
    if atom.scale.is_none() && pct.is_none() && matches!(atom.kind, None | Some(Money)) && !t.vague
    {
        for _ in 0..2 {
            let Some((s, e)) = next_word(text, end) else { break };
            let Some(k) = scale_word(&lower(&text[s..e])) else { break };
            atom.scale = Some(atom.scale.unwrap_or(1.0) * k);
            end = e;
        }
        if atom.scale.is_some() && text[end..].starts_with('+') {
            end += 1;
        }
    }

    // 4. What the number is: percent, multiplier, currency, time or count.
    if atom.kind.is_none() && pct.is_none() && !t.year_ctx {
        if let Some((e, p)) = percent_suffix(text, end) {
            pct = Some(p);
            end = e;
        } else if let Some(e) = multiplier_suffix(text, end) {
            atom.kind = Some(Multiplier);
            end = e;
        } else if let Some((e, code)) = currency_suffix(text, end) {
            atom.kind = Some(Money);
            atom.currency = Some(code);
            end = e;
        } else if text[end..].starts_with('-') {
            // "6-month", "12-person"; any other hyphenated word ("5-star") ends the number.
            if let Some((s, e)) = word_at(text, end + 1) {
                let w = lower(&text[s..e]);
                if let Some(u) = time_unit(&w) {
                    atom.kind = Some(TimeSpan);
                    atom.unit = Some(u.to_string());
                    end = e;
                } else if matches!(w.as_str(), "person" | "people" | "member" | "strong") {
                    atom.kind = Some(Count);
                    atom.unit = Some("people".to_string());
                    atom.scope = Some(ScopeKind::TeamSize);
                    end = e;
                }
            }
        } else if let Some(u) = unit_window(text, end, t, atom) {
            atom.kind = Some(u.kind);
            atom.unit = u.unit;
            atom.scope = u.scope;
            if u.currency.is_some() {
                atom.currency = u.currency;
            }
            end = u.end;
        }
    } else if atom.kind == Some(Money) {
        // "US$ 3M USD": a trailing code refines the prefix.
        if let Some((e, code)) = currency_suffix(text, end) {
            atom.currency = Some(code);
            end = e;
        }
    }
    if let Some(p) = pct {
        atom.kind = Some(Percent);
        match p {
            Pct::Plain => {}
            Pct::Points => atom.unit = Some("percentage points".to_string()),
            Pct::Bps => {
                atom.unit = Some("percentage points".to_string());
                atom.num = atom.num.map(|n| n / 100.0);
            }
        }
    }

    // 5. Rate qualifiers: "/month", "per user per month", "annually", "YoY".
    if !t.year_ctx && !atom.year_like {
        let mut rated = false;
        for _ in 0..2 {
            let Some(e) = rate_qualifier(text, end) else { break };
            end = e;
            rated = true;
        }
        if rated && matches!(atom.kind, None | Some(Count) | Some(TimeSpan)) {
            atom.kind = Some(Rate);
        }
    }
    atom.end = end;
    true
}

struct UnitMatch {
    end: usize,
    kind: QuantityKind,
    unit: Option<String>,
    scope: Option<ScopeKind>,
    currency: Option<&'static str>,
}

/// Looks for a unit noun after a number, allowing up to two adjectives before it
/// ("200+ enterprise customers", "3 cross-functional teams", "90 business days").
fn unit_window(text: &str, from: usize, t: Tail, atom: &Atom) -> Option<UnitMatch> {
    let mut pos = from;
    if t.vague {
        let (s, e) = next_word(text, pos)?;
        if lower(&text[s..e]) != "of" {
            return None;
        }
        pos = e;
    }
    let is_one = atom.scale.is_none() && atom.num.map(f64::abs) == Some(1.0);
    let count = |end, unit: String, scope| {
        Some(UnitMatch { end, kind: QuantityKind::Count, unit: Some(unit), scope, currency: None })
    };
    for idx in 0..3 {
        let (s, e) = next_word(text, pos)?;
        let raw = &text[s..e];
        let w = lower(raw);
        if let Some((s2, e2)) = next_word(text, e) {
            let w2 = lower(&text[s2..e2]);
            if let Some(scope) = count_noun2(&w, &w2) {
                return count(e2, format!("{w} {w2}"), scope);
            }
            if is_one && let Some(scope) = count_noun2(&w, &plural(&w2)) {
                return count(e2, format!("{w} {w2}"), scope);
            }
        }
        if let Some(u) = time_unit(&w) {
            return Some(UnitMatch {
                end: e,
                kind: QuantityKind::TimeSpan,
                unit: Some(u.to_string()),
                scope: None,
                currency: None,
            });
        }
        if let Some(scope) = count_noun(&w) {
            return count(e, w.to_string(), scope);
        }
        if is_one && let Some(scope) = count_noun(&plural(&w)) {
            return count(e, w.to_string(), scope);
        }
        if t.vague
            && idx == 0
            && let Some(code) = currency_word(&w)
        {
            return Some(UnitMatch {
                end: e,
                kind: QuantityKind::Money,
                unit: None,
                scope: None,
                currency: Some(code),
            });
        }
        if t.digits && !atom.year_like && looks_plural(raw) {
            return count(e, w.to_string(), None);
        }
        if is_stop(&w) || !raw.chars().any(char::is_alphabetic) || scale_word(&w).is_some() {
            return None;
        }
        pos = e;
    }
    None
}

fn percent_suffix(text: &str, from: usize) -> Option<(usize, Pct)> {
    let j = skip_hs(text, from);
    let rest = &text[j..];
    if rest.starts_with('%') {
        return Some((j + 1, Pct::Plain));
    }
    if rest.starts_with("p.p.") {
        return Some((j + 4, Pct::Points));
    }
    let (s, e) = word_at(text, j)?;
    let w = lower(&text[s..e]);
    let second = || next_word(text, e).map(|(s2, e2)| (lower(&text[s2..e2]), e2));
    match w.as_str() {
        "percent" | "percentage" => match second() {
            Some((w2, e2)) if w2 == "points" || w2 == "point" => Some((e2, Pct::Points)),
            _ if w == "percent" => Some((e, Pct::Plain)),
            _ => None,
        },
        "per" => second().filter(|(w2, _)| w2 == "cent").map(|(_, e2)| (e2, Pct::Plain)),
        "basis" => {
            second().filter(|(w2, _)| w2 == "points" || w2 == "point").map(|(_, e2)| (e2, Pct::Bps))
        }
        "percentage-points" | "percentage-point" => Some((e, Pct::Points)),
        "basis-points" => Some((e, Pct::Bps)),
        _ => pct_word(&w).map(|p| (e, p)),
    }
}

fn pct_word(w: &str) -> Option<Pct> {
    match w {
        "pct" => Some(Pct::Plain),
        "pp" | "pps" | "ppt" | "ppts" => Some(Pct::Points),
        "bp" | "bps" => Some(Pct::Bps),
        _ => None,
    }
}

/// "10 ×", "3-fold", "3 fold", "3 times faster".
fn multiplier_suffix(text: &str, from: usize) -> Option<usize> {
    let j = skip_hs(text, from);
    if text[j..].starts_with('×') {
        return Some(j + '×'.len_utf8());
    }
    if text[from..].starts_with("-fold") || text[from..].starts_with("-Fold") {
        let e = from + "-fold".len();
        return right_ok(text, e).then_some(e);
    }
    let (s, e) = word_at(text, j)?;
    match lower(&text[s..e]).as_str() {
        "fold" => Some(e),
        // "3 times a week" is a frequency; only "3 times faster/more/the …" multiplies.
        "times" => {
            let (s2, e2) = next_word(text, e)?;
            let w2 = lower(&text[s2..e2]);
            let comparative = (w2.len() > 3 && w2.ends_with("er"))
                || matches!(w2.as_str(), "more" | "less" | "fewer" | "as" | "the" | "over");
            comparative.then_some(e)
        }
        _ => None,
    }
}

/// "3M USD", "500 €", "40 million dollars".
fn currency_suffix(text: &str, from: usize) -> Option<(usize, &'static str)> {
    let j = skip_hs(text, from);
    if let Some(c) = text[j..].chars().next() {
        let code = match c {
            '€' => Some("EUR"),
            '£' => Some("GBP"),
            '¥' => Some("JPY"),
            '₹' => Some("INR"),
            '$' => Some("USD"),
            _ => None,
        };
        if let Some(code) = code {
            return Some((j + c.len_utf8(), code));
        }
    }
    let (s, e) = word_at(text, j)?;
    let w = &text[s..e];
    // Codes must be upper case ("try", "sar" are words); currency nouns may be any case.
    let code = if w.bytes().all(|b| b.is_ascii_uppercase()) { currency_code(w) } else { None };
    code.or_else(|| currency_word(&lower(w))).map(|c| (e, c))
}

/// "/month", "per user per month", "a year", "annually", "YoY", "year over year".
fn rate_qualifier(text: &str, from: usize) -> Option<usize> {
    let j = skip_hs(text, from);
    let rest = &text[j..];
    if let Some(r) = rest.strip_prefix('/') {
        if r.starts_with(|c: char| c.is_alphabetic()) {
            let (s, e) = word_at(text, j + 1)?;
            return is_denominator(&lower(&text[s..e])).then_some(e);
        }
        return None;
    }
    for abbr in ["y/y", "q/q", "m/m", "w/w", "p.a."] {
        if rest.len() >= abbr.len()
            && rest.is_char_boundary(abbr.len())
            && rest[..abbr.len()].eq_ignore_ascii_case(abbr)
            && right_ok(text, j + abbr.len())
        {
            return Some(j + abbr.len());
        }
    }
    let (s, e) = word_at(text, j)?;
    let raw = &text[s..e];
    if matches!(raw, "QoQ" | "YoY" | "MoM" | "WoW" | "QOQ" | "YOY" | "qoq" | "yoy") {
        return Some(e);
    }
    let w = lower(raw);
    let second = || next_word(text, e).map(|(s2, e2)| (lower(&text[s2..e2]), e2));
    match w.as_str() {
        "per" => second().filter(|(w2, _)| is_denominator(w2)).map(|(_, e2)| e2),
        "a" | "an" | "each" | "every" => second().filter(|(w2, _)| is_period(w2)).map(|(_, e2)| e2),
        "annually" | "monthly" | "weekly" | "daily" | "yearly" | "quarterly" | "hourly" => Some(e),
        "year-over-year" | "quarter-over-quarter" | "month-over-month" | "week-over-week" => {
            Some(e)
        }
        "year" | "quarter" | "month" | "week" => {
            let (w2, e2) = second()?;
            if w2 != "over" {
                return None;
            }
            let (s3, e3) = next_word(text, e2)?;
            is_period(&lower(&text[s3..e3])).then_some(e3)
        }
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Pairing: ranges and before → after
// ---------------------------------------------------------------------------------------------

#[derive(PartialEq)]
enum Gap {
    Arrow,
    To,
    Dash,
    And,
    Other,
}

fn gap(text: &str, a_end: usize, b_start: usize) -> Gap {
    if b_start < a_end {
        return Gap::Other;
    }
    let g = text[a_end..b_start].trim_matches(is_hs);
    match g {
        "→" | "->" | "-->" | "=>" | "⟶" | "➔" | "➜" | "➝" | "⇒" | "–>" | "—>" | "⇨" => {
            Gap::Arrow
        }
        "-" | "–" | "—" | "−" | "--" => Gap::Dash,
        _ if g.eq_ignore_ascii_case("to") => Gap::To,
        _ if g.eq_ignore_ascii_case("and") => Gap::And,
        _ => Gap::Other,
    }
}

/// Merges adjacent atoms with `f`, left to right, each atom used at most once.
fn merge_pairs(
    text: &str,
    mut atoms: Vec<Atom>,
    f: fn(&str, &Atom, &Atom) -> Option<Atom>,
) -> Vec<Atom> {
    // In place: a merged pair takes the first one's slot, written at `kept`, read from `at`.
    let (mut at, mut kept) = (0, 0);
    while at < atoms.len() {
        if let Some(merged) = atoms.get(at + 1).and_then(|b| f(text, &atoms[at], b)) {
            atoms[kept] = merged;
            at += 2;
        } else {
            atoms.swap(kept, at);
            at += 1;
        }
        kept += 1;
    }
    atoms.truncate(kept);
    atoms
}

/// "10–15 engineers", "10 to 15 engineers", "between 5 and 8 markets", "$1–2M". Value is the
/// lower bound.
fn try_range(text: &str, a: &Atom, b: &Atom) -> Option<Atom> {
    if a.standalone || b.standalone || a.year_like || b.year_like {
        return None;
    }
    let mut start = a.start;
    let ok = match gap(text, a.end, b.start) {
        Gap::Dash => true,
        Gap::To => a.kind.is_none() && b.kind.is_some() && from_before(text, a.start).is_none(),
        Gap::And => match prev_word(text, a.start) {
            Some((s, e)) if text[s..e].eq_ignore_ascii_case("between") => {
                start = s;
                true
            }
            _ => false,
        },
        _ => false,
    };
    if !ok {
        return None;
    }
    if let (Some(ka), Some(kb)) = (a.kind, b.kind)
        && ka != kb
    {
        return None;
    }
    let mut r = b.clone();
    r.start = start;
    r.kind = b.kind.or(a.kind);
    r.num = a.num;
    r.scale = a.scale.or(b.scale);
    r.currency = b.currency.or(a.currency);
    r.unit = b.unit.clone().or_else(|| a.unit.clone());
    r.scope = b.scope.or(a.scope);
    r.digits = a.digits;
    Some(r)
}

/// "from 24 hours to 4", "12% → 30%", "from 40 to 400 customers". Value is the "after" number.
fn try_before_after(text: &str, a: &Atom, b: &Atom) -> Option<Atom> {
    use QuantityKind::*;
    if a.standalone || b.standalone || a.kind == Some(BeforeAfter) {
        return None;
    }
    if (a.kind.is_none() && a.year_like) || (b.kind.is_none() && b.year_like) {
        return None;
    }
    let from = from_before(text, a.start);
    let ok = match gap(text, a.end, b.start) {
        Gap::Arrow => true,
        // Without "from", "A to B" is a change only when A carries its own unit.
        Gap::To => from.is_some() || (a.kind.is_some() && (b.kind.is_some() || b.digits)),
        _ => false,
    };
    if !ok {
        return None;
    }
    if let (Some(ka), Some(kb)) = (a.kind, b.kind) {
        let compatible = ka == kb || matches!((ka, kb), (Count | Rate, Count | Rate));
        if !compatible {
            return None;
        }
    }
    // The kind of the sides decides which scopes can apply.
    let inner = b.kind.or(a.kind);
    let mut r = b.clone();
    r.start = from.unwrap_or(a.start);
    r.kind = Some(BeforeAfter);
    r.scale = b.scale.or(a.scale);
    r.currency = b.currency.or(a.currency);
    r.unit = b.unit.clone().or_else(|| a.unit.clone());
    r.scope = b.scope.or(a.scope).or_else(|| match inner {
        Some(Money) => following_money_scope(text, r.end)
            .or_else(|| context_scope(text, r.start, false, money_scope)),
        None | Some(Count) | Some(Rate) => context_scope(text, r.start, false, Some),
        _ => None,
    });
    Some(r)
}

/// The start of "from" (or "from about") right before `start`.
fn from_before(text: &str, start: usize) -> Option<usize> {
    let (s, e) = prev_word(text, start)?;
    let w = lower(&text[s..e]);
    if w == "from" {
        return Some(s);
    }
    if is_approx(&w) {
        let (s2, e2) = prev_word(text, s)?;
        if text[s2..e2].eq_ignore_ascii_case("from") {
            return Some(s2);
        }
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Finish: promote "team of N", drop bare numbers, build output
// ---------------------------------------------------------------------------------------------

fn finish(text: &str, atoms: impl Iterator<Item = Atom>, shift: usize, out: &mut Vec<Quantity>) {
    let first = out.len();
    for mut a in atoms {
        let kind = match a.kind {
            Some(k) => k,
            None => match team_of(text, a.start) {
                Some(s) if !a.year_like => {
                    a.start = s;
                    a.scope = Some(ScopeKind::TeamSize);
                    QuantityKind::Count
                }
                _ => continue,
            },
        };
        if kind == QuantityKind::Money && a.scope.is_none() {
            // After merging, so "$1–2M budget" sees "budget".
            a.scope = following_money_scope(text, a.end)
                .or_else(|| context_scope(text, a.start, true, money_scope));
        }
        let value = a.value();
        if matches!(a.unit.as_deref(), Some("sellers" | "seller")) {
            // Sales people below 1,000; marketplace sellers above or when vague.
            a.scope = Some(if value.is_none_or(|v| v >= 1000.0) {
                ScopeKind::UserBase
            } else {
                ScopeKind::TeamSize
            });
        }
        // Defensive: keep the output sorted and non-overlapping whatever happened above.
        if out[first..].last().is_some_and(|q| q.span.end > a.start + shift) || a.start >= a.end {
            continue;
        }
        out.push(Quantity {
            span: a.start + shift..a.end + shift,
            kind,
            value,
            currency: a.currency,
            unit: a.unit,
            scope: a.scope,
        });
    }
}

/// "team of 12", "a team of over 40", "team size of 8", "headcount of 30": returns the start of
/// the team word.
fn team_of(text: &str, start: usize) -> Option<usize> {
    let mut pos = start;
    for _ in 0..3 {
        let (s, e) = prev_word(text, pos)?;
        let w = lower(&text[s..e]);
        if w == "of" {
            let (ks, ke) = prev_word(text, s)?;
            let k = lower(&text[ks..ke]);
            if k == "size" {
                let (ts, te) = prev_word(text, ks)?;
                return matches!(lower(&text[ts..te]).as_str(), "team" | "org").then_some(ts);
            }
            return matches!(
                k.as_str(),
                "team"
                    | "teams"
                    | "org"
                    | "organization"
                    | "organisation"
                    | "department"
                    | "headcount"
                    | "staff"
                    | "group"
                    | "crew"
                    | "squad"
                    | "tribe"
            )
            .then_some(ks);
        }
        if !is_approx(&w) {
            return None;
        }
        pos = s;
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Scope from context
// ---------------------------------------------------------------------------------------------

fn scope_keyword(w: &str) -> Option<ScopeKind> {
    SCOPE_WORDS.get(w).copied()
}

fn money_scope(s: ScopeKind) -> Option<ScopeKind> {
    matches!(s, ScopeKind::Revenue | ScopeKind::Budget).then_some(s)
}

/// Scope named up to four words before `start` ("budget of $2M", "grew the team from 5 to 20").
/// With `fillers_only`, every word in between must be a filler ("of", "to", "the", …).
fn context_scope(
    text: &str,
    start: usize,
    fillers_only: bool,
    accept: fn(ScopeKind) -> Option<ScopeKind>,
) -> Option<ScopeKind> {
    let mut pos = start;
    for _ in 0..4 {
        let (s, e) = prev_word_ctx(text, pos)?;
        let w = lower(&text[s..e]);
        if let Some(scope) = scope_keyword(&w) {
            return accept(scope);
        }
        if fillers_only && !MONEY_BEFORE.contains(&*w) {
            return None;
        }
        pos = s;
    }
    None
}

/// "$40M ARR", "$3M in new annual recurring revenue", "a $750K annual marketing budget": up to
/// five words after the amount, none of them a stop word ("$2M for the revenue team" is not
/// revenue).
fn following_money_scope(text: &str, end: usize) -> Option<ScopeKind> {
    let mut pos = end;
    for _ in 0..5 {
        let (s, e) = next_word(text, pos)?;
        let w = lower(&text[s..e]);
        if let Some(scope) = scope_keyword(&w) {
            return money_scope(scope);
        }
        if (w != "in" && w != "of" && STOP.contains(&*w)) || w.is_empty() {
            return None;
        }
        pos = e;
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Lexicons
// ---------------------------------------------------------------------------------------------

/// Scope of a (lower-case, plural) count noun; `Some(None)` for known nouns without scope.
fn count_noun(w: &str) -> Option<Option<ScopeKind>> {
    COUNT_NOUNS.get(w).copied()
}

/// Two-word count nouns, checked before single words so "product managers" is not "product".
fn count_noun2(w1: &str, w2: &str) -> Option<Option<ScopeKind>> {
    use ScopeKind::*;
    Some(Some(match (w1, w2) {
        ("product", "managers")
        | ("direct", "reports")
        | ("data", "scientists")
        | ("team", "members")
        | ("sales", "reps")
        | ("account", "executives") => TeamSize,
        ("product", "lines") | ("product", "areas") => Products,
        ("business", "units") => Teams,
        ("user", "base") | ("customer", "base") => UserBase,
        ("page", "views") => return Some(None),
        _ => return None,
    }))
}

/// Canonical plural name of a time unit.
fn time_unit(w: &str) -> Option<&'static str> {
    Some(match w {
        "ms" | "msec" | "msecs" | "millisecond" | "milliseconds" => "milliseconds",
        "sec" | "secs" | "second" | "seconds" => "seconds",
        "min" | "mins" | "minute" | "minutes" => "minutes",
        "h" | "hr" | "hrs" | "hour" | "hours" => "hours",
        "day" | "days" => "days",
        "wk" | "wks" | "week" | "weeks" => "weeks",
        "mo" | "mos" | "month" | "months" => "months",
        "qtr" | "qtrs" | "quarter" | "quarters" => "quarters",
        "yr" | "yrs" | "year" | "years" => "years",
        "sprint" | "sprints" => "sprints",
        _ => return None,
    })
}

fn is_period(w: &str) -> bool {
    matches!(w, "day" | "week" | "month" | "quarter" | "year")
}

/// What may follow "per" or "/" in a rate.
fn is_denominator(w: &str) -> bool {
    (time_unit(w).is_some() && w != "sprint")
        || matches!(w, "s" | "d" | "annum" | "user" | "seat" | "customer" | "head" | "unit")
        || matches!(w, "order" | "employee" | "person" | "member" | "account" | "transaction")
        || matches!(w, "visit" | "session" | "lead")
}

fn glued_scale(w: &str) -> Option<f64> {
    Some(match w {
        "k" | "K" => 1e3,
        "m" | "M" | "mm" | "MM" | "mn" | "Mn" | "MN" => 1e6,
        "b" | "B" | "bn" | "Bn" | "BN" => 1e9,
        "T" | "tn" | "Tn" | "TN" => 1e12,
        "cr" | "Cr" | "CR" => 1e7,
        _ => return None,
    })
}

fn scale_word(w: &str) -> Option<f64> {
    Some(match w {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "lakh" | "lakhs" | "lac" | "lacs" => 1e5,
        "million" | "millions" | "mn" | "mil" | "mio" => 1e6,
        "crore" | "crores" | "cr" => 1e7,
        "billion" | "billions" | "bn" => 1e9,
        "trillion" | "tn" => 1e12,
        "dozen" => 12.0,
        _ => return None,
    })
}

fn currency_code(s: &str) -> Option<&'static str> {
    Some(match s.trim_end_matches('.') {
        "$" | "US$" | "USD" => "USD",
        "A$" | "AU$" | "AUD" => "AUD",
        "C$" | "CA$" | "CAD" => "CAD",
        "NZ$" | "NZD" => "NZD",
        "HK$" | "HKD" => "HKD",
        "S$" | "SGD" => "SGD",
        "R$" | "BRL" => "BRL",
        "MX$" | "MXN" => "MXN",
        "€" | "EUR" => "EUR",
        "£" | "GBP" => "GBP",
        "¥" | "JPY" => "JPY",
        "CN¥" | "CNY" | "RMB" => "CNY",
        "₹" | "Rs" | "INR" => "INR",
        "₩" | "KRW" => "KRW",
        "₽" | "RUB" => "RUB",
        "₺" | "TRY" => "TRY",
        "₪" | "ILS" => "ILS",
        "₦" | "NGN" => "NGN",
        // Not the code "PHP": "PHP 8" is a language version.
        "₱" => "PHP",
        "฿" | "THB" => "THB",
        "₫" | "VND" => "VND",
        "CHF" => "CHF",
        "SEK" => "SEK",
        "NOK" => "NOK",
        "DKK" => "DKK",
        "ZAR" => "ZAR",
        "AED" => "AED",
        "SAR" => "SAR",
        "PLN" => "PLN",
        "KES" => "KES",
        "IDR" => "IDR",
        "MYR" => "MYR",
        _ => return None,
    })
}

fn currency_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "dollars" | "dollar" => "USD",
        "euros" | "euro" => "EUR",
        "pounds" => "GBP",
        "rupees" => "INR",
        "yen" => "JPY",
        "yuan" | "renminbi" => "CNY",
        _ => return None,
    })
}

/// Words before a number that make it an identifier, not an amount ("iOS 17", "Fortune 500",
/// "Jan 2021"). Month names must be capitalised ("may" is a verb).
fn blocks_number(w: &str) -> bool {
    MONTHS.contains(w) || NUMBER_BLOCKERS.contains(&*lower(w))
}

/// Words before a 4-digit number that make it a year ("in 2019", "since 2020").
fn is_year_context(w: &str) -> bool {
    YEAR_CONTEXT.contains(&*lower(w))
}

fn is_approx(w: &str) -> bool {
    APPROX.contains(w)
}

/// Words that end the adjective window between a number and its noun.
fn is_stop(w: &str) -> bool {
    STOP.contains(w)
}

/// An unknown lower-case plural noun ("widgets") that can be a count unit after digits.
fn looks_plural(raw: &str) -> bool {
    raw.len() >= 4
        && raw.bytes().all(|b| b.is_ascii_lowercase())
        && raw.ends_with('s')
        && !raw.ends_with("ss")
        && !raw.ends_with("us")
        && !raw.ends_with("is")
        && !STOP.contains(raw)
        && !NOT_PLURAL_NOUNS.contains(raw)
}

fn plural(w: &str) -> String {
    if w == "person" {
        return "people".to_string();
    }
    if let Some(stem) = w.strip_suffix('y')
        && !stem.ends_with(['a', 'e', 'o', 'u'])
    {
        return format!("{stem}ies");
    }
    format!("{w}s")
}

fn small_number(w: &str) -> Option<f64> {
    Some(match w {
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        _ => return None,
    })
}

/// "twenty-five" → 25, "a dozen" → 12, "a couple" → 2, "a million" → 1e6.
fn parse_number_words(w: &str) -> Option<f64> {
    let mut parts = w.split(|c: char| c == '-' || is_hs(c)).filter(|p| !p.is_empty());
    let first = parts.next()?;
    let second = parts.next();
    if first == "a" {
        return match second? {
            "couple" => Some(2.0),
            other => scale_word(other),
        };
    }
    let v = small_number(first)?;
    match second {
        Some(p) => Some(v + small_number(p)?),
        None => Some(v),
    }
}

fn parse_digits(s: &str) -> Option<f64> {
    let cleaned = if s.contains(',') {
        Cow::Owned(s.replace(',', ""))
    } else if s.matches('.').count() >= 2 {
        Cow::Owned(s.replace('.', ""))
    } else {
        Cow::Borrowed(s)
    };
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

// ---------------------------------------------------------------------------------------------
// Word tables: space-separated lists, loaded once into hash sets/maps
// ---------------------------------------------------------------------------------------------

type WordSet = LazyLock<HashSet<&'static str, Fnv>>;

fn words(list: &'static str) -> HashSet<&'static str, Fnv> {
    list.split_whitespace().collect()
}

/// Count nouns (plural, lower case) and the scope they imply.
static COUNT_NOUNS: LazyLock<HashMap<&'static str, Option<ScopeKind>, Fnv>> = LazyLock::new(|| {
    use ScopeKind::*;
    let groups: [(Option<ScopeKind>, &str); 6] = [
        (
            Some(TeamSize),
            "engineers developers designers pms apms analysts people reports staff headcount ftes \
             researchers scientists marketers sellers employees hires contractors managers \
             interns reps recruiters writers testers architects specialists associates agents",
        ),
        (
            Some(UserBase),
            "users customers clients merchants members subscribers accounts mau maus dau daus wau \
             waus buyers shoppers patients students learners visitors advertisers tenants",
        ),
        (
            Some(Teams),
            "teams squads pods tribes orgs organizations organisations departments functions",
        ),
        (Some(Products), "products apps applications platforms skus games"),
        (
            Some(Regions),
            "markets countries regions territories languages locales cities states continents \
             geographies geos",
        ),
        (
            None,
            "features projects launches releases experiments tests integrations partners \
             partnerships stakeholders vendors suppliers deals contracts leads tickets incidents \
             bugs requests orders transactions signups sign-ups installs downloads sessions visits \
             pageviews messages emails calls interviews patents papers publications articles \
             courses workshops initiatives stores locations offices sites websites apis endpoints \
             services microservices dashboards models campaigns events conferences talks \
             hackathons workflows processes programs programmes pilots prototypes mvps okrs kpis \
             metrics surveys seats licenses awards certifications hospitals schools clinics \
             restaurants brands channels",
        ),
    ];
    groups
        .iter()
        .flat_map(|&(scope, list)| list.split_whitespace().map(move |w| (w, scope)))
        .collect()
});

/// Words near an amount that name what it measures ("ARR", "P&L", "team", "users").
static SCOPE_WORDS: LazyLock<HashMap<&'static str, ScopeKind, Fnv>> = LazyLock::new(|| {
    use ScopeKind::*;
    let groups: [(ScopeKind, &str); 6] = [
        (Revenue, "revenue revenues arr mrr gmv sales bookings topline top-line run-rate turnover"),
        (Budget, "budget budgets p&l p&ls pnl pnls spend opex capex"),
        (TeamSize, "team teams headcount org organization organisation staff"),
        (UserBase, "users customers clients subscribers members mau dau wau merchants accounts"),
        (Regions, "markets countries regions"),
        (Products, "products apps"),
    ];
    groups
        .iter()
        .flat_map(|&(scope, list)| list.split_whitespace().map(move |w| (w, scope)))
        .collect()
});

/// Words that may stand between a scope word and the amount after it ("revenue grew to $8M").
static MONEY_BEFORE: WordSet = LazyLock::new(|| {
    words(
        "of at to from by is was were are totaling totalling totaled worth reaching reached hit \
         hitting grew growing grown increased increasing exceeding exceeded over above under \
         nearly almost about around approximately approx roughly more than up a an the my our its \
         annual annualized yearly total with",
    )
});

/// Words that end the adjective window between a number and its noun ("5 of the customers").
static STOP: WordSet = LazyLock::new(|| {
    words(
        "of the a an and or to in on at for by with from into onto per is was were are be been \
         has have had it its that this these those which who as than then so but not no more \
         less fewer over under across within about after before while during through each every \
         all our my their his her your we i they you times via vs up down out if when where also \
         will would can could should may did do does",
    )
});

/// Plural-looking words that are not count nouns ("the team of 40 grows").
static NOT_PLURAL_NOUNS: WordSet = LazyLock::new(|| {
    words(
        "grows helps makes means needs remains seems works goes gets says runs shows uses plus \
         always perhaps whereas unless",
    )
});

static MONTHS: WordSet = LazyLock::new(|| {
    words(
        "Jan January Feb February Mar March Apr April May Jun June Jul July Aug August Sep Sept \
         September Oct October Nov November Dec December",
    )
});

/// Lower-case words before a number that make it a name or version ("iOS 17", "Fortune 500").
static NUMBER_BLOCKERS: WordSet = LazyLock::new(|| {
    words(
        "version v ver release ios android windows macos python java series level tier phase stage \
         gen generation fortune web step round section chapter page grade class category type \
         model room iso rfc covid sprint q1 q2 q3 q4 h1 h2 fy cy",
    )
});

/// Lower-case words before a 4-digit number that make it a year.
static YEAR_CONTEXT: WordSet = LazyLock::new(|| {
    words(
        "in since by during until till through from of early mid late before after circa summer \
         spring fall autumn winter",
    )
});

/// Approximation words allowed between "from"/"team of" and the number.
static APPROX: WordSet = LazyLock::new(|| {
    words(
        "about around approximately approx roughly nearly almost over under some just circa up to \
         more than at least",
    )
});

// ---------------------------------------------------------------------------------------------
// Character and word helpers (all offsets are char boundaries)
// ---------------------------------------------------------------------------------------------

/// Horizontal space, including no-break (U+00A0, U+202F) and thin spaces.
fn is_hs(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}')
}

/// ASCII-lower-cased copy of a short word, on the stack: word look-ups run for every number, and
/// a heap `String` each time was the largest cost. Words longer than any lexicon entry become
/// "" (which matches nothing).
#[derive(Clone, Copy)]
struct Low {
    buf: [u8; 24],
    len: usize,
}

impl Low {
    fn as_str(&self) -> &str {
        // SAFETY: `lower` is the only constructor: the bytes are a whole `&str` (or none) with
        // ASCII letters lower-cased, which keeps them valid UTF-8. (Checking them again was
        // 2% of a check: every number looks up several words.)
        debug_assert!(std::str::from_utf8(&self.buf[..self.len]).is_ok());
        unsafe { std::str::from_utf8_unchecked(&self.buf[..self.len]) }
    }
}

impl std::ops::Deref for Low {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<str> for Low {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Low {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Display for Low {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

fn lower(s: &str) -> Low {
    let mut low = Low { buf: [0; 24], len: 0 };
    if s.len() <= low.buf.len() {
        low.buf[..s.len()].copy_from_slice(s.as_bytes());
        low.buf[..s.len()].make_ascii_lowercase();
        low.len = s.len();
    }
    low
}

fn next_char(text: &str, i: usize) -> usize {
    text[i..].chars().next().map_or(text.len(), |c| i + c.len_utf8())
}

fn skip_hs(text: &str, i: usize) -> usize {
    // Spaces and tabs by byte; a wide space (no-break, thin…) through the char test.
    let ascii = text.as_bytes()[i..].iter().take_while(|&&b| b == b' ' || b == b'\t').count();
    let j = i + ascii;
    if text.as_bytes().get(j).is_some_and(|&b| !b.is_ascii()) {
        text.len() - text[j..].trim_start_matches(is_hs).len()
    } else {
        j
    }
}

fn alnum_end(text: &str, i: usize) -> usize {
    text.len() - text[i..].trim_start_matches(char::is_alphanumeric).len()
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '&' | '\'' | '’')
}

/// The word starting exactly at `i`: alphanumerics joined by single inner `-`, `&` or
/// apostrophes ("cross-functional", "P&L", "year-over-year"), or "A/B".
fn word_at(text: &str, i: usize) -> Option<(usize, usize)> {
    // Most words are ASCII letters and digits ending at a space or punctuation: read bytes, and
    // walk chars only when the run stops at a joiner, a slash or a non-ASCII char.
    let bytes = text.as_bytes();
    let run =
        bytes.get(i..).map_or(0, |b| b.iter().take_while(|c| c.is_ascii_alphanumeric()).count());
    match bytes.get(i + run) {
        Some(&c) if !c.is_ascii() || matches!(c, b'-' | b'&' | b'\'' | b'/') => {}
        _ => return (run > 0).then_some((i, i + run)),
    }
    let mut end = i;
    let mut chars = text[i..].char_indices().peekable();
    while let Some((k, c)) = chars.next() {
        if c.is_alphanumeric() {
            end = i + k + c.len_utf8();
        } else if (is_joiner(c) || (c == '/' && k == 1))
            && end == i + k
            && end > i
            && chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric())
        {
            // Joined words; a slash only after a single letter ("A/B tests"), so
            // "engineers/designers" stays two words.
            continue;
        } else {
            break;
        }
    }
    (end > i).then_some((i, end))
}

/// The next word after horizontal space (never across a line break or punctuation).
fn next_word(text: &str, i: usize) -> Option<(usize, usize)> {
    word_at(text, skip_hs(text, i))
}

/// The word ending right before `i` (after horizontal space only).
fn prev_word(text: &str, i: usize) -> Option<(usize, usize)> {
    word_before(text, text[..i].trim_end_matches(is_hs).len())
}

/// Like [`prev_word`], but also looks through ":" and "(" ("Budget: $2M", "budget ($2M)").
fn prev_word_ctx(text: &str, i: usize) -> Option<(usize, usize)> {
    let end = text[..i].trim_end_matches(|c: char| is_hs(c) || c == ':' || c == '(').len();
    word_before(text, end)
}

fn word_before(text: &str, end: usize) -> Option<(usize, usize)> {
    let mut start = end;
    for (k, c) in text[..end].char_indices().rev() {
        if c.is_alphanumeric() || is_joiner(c) {
            start = k;
        } else {
            break;
        }
    }
    let word = text[start..end].trim_matches(is_joiner);
    if word.is_empty() {
        return None;
    }
    let s = start + (text[start..end].len() - text[start..end].trim_start_matches(is_joiner).len());
    Some((s, s + word.len()))
}

/// No letter, digit or identifier glue right before `start`.
fn left_ok(text: &str, start: usize) -> bool {
    let mut before = text[..start].chars().rev();
    let Some(c) = before.next() else { return true };
    if c.is_alphanumeric() || matches!(c, '_' | '#' | '@') {
        return false;
    }
    let c2 = before.next();
    match c {
        // "12,5", "2.3": inside a number.
        '.' | ',' => !c2.is_some_and(|d| d.is_ascii_digit()),
        // "COVID-19", "24/7", "10:30".
        '-' | '/' | ':' | '\u{2212}' => !c2.is_some_and(char::is_alphanumeric),
        _ => true,
    }
}

fn right_ok(text: &str, end: usize) -> bool {
    !text[end..].chars().next().is_some_and(char::is_alphanumeric)
}

/// "-03-04" after "2021", "-123-4567" after "555".
fn is_dashed_date(after: &str) -> bool {
    let Some(r) = after.strip_prefix('-') else { return false };
    let r2 = r.trim_start_matches(|c: char| c.is_ascii_digit());
    r2.len() < r.len() && r2.starts_with('-') && r2[1..].starts_with(|c: char| c.is_ascii_digit())
}

/// Only indentation between the line start and `i` (looks back at most 16 chars, so a long line
/// of numbers stays linear).
fn is_line_start(text: &str, i: usize) -> bool {
    for c in text[..i].chars().rev().take(16) {
        if c == '\n' {
            return true;
        }
        if !c.is_whitespace() {
            return false;
        }
    }
    text[..i].chars().count() <= 16
}

fn is_list_marker(after: &str) -> bool {
    let mut c = after.chars();
    matches!(c.next(), Some('.' | ')')) && c.next().is_none_or(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::QuantityKind::*;
    use super::ScopeKind::*;
    use super::*;

    /// Guards word_at's ASCII fast path: a word runs on through joiners (ASCII or curly), a
    /// slash after one letter, and non-ASCII letters, as the char-by-char walk reads it.
    #[test]
    fn words_run_through_joiners_and_non_ascii_letters() {
        let cases = [
            ("year-over-year growth", "year-over-year"),
            ("P&L owner", "P&L"),
            ("don’t stop", "don’t"),
            ("A/B tests", "A/B"),
            ("engineers/designers", "engineers"),
            ("Schöne users", "Schöne"),
            ("users, then", "users"),
            ("users", "users"),
            ("4 weeks", "4"),
        ];
        for (text, word) in cases {
            let got = word_at(text, 0).map(|(s, e)| &text[s..e]);
            assert_eq!(got, Some(word), "word_at({text:?}, 0)");
        }
        assert_eq!(word_at(" users", 0), None);
        assert_eq!(word_at("", 0), None);
    }

    /// One expected quantity: the exact text its span covers, plus every field.
    #[derive(Debug)]
    struct Exp {
        text: &'static str,
        kind: QuantityKind,
        value: Option<f64>,
        currency: Option<&'static str>,
        unit: Option<&'static str>,
        scope: Option<ScopeKind>,
    }

    fn q(text: &'static str, kind: QuantityKind, value: impl Into<Option<f64>>) -> Exp {
        Exp { text, kind, value: value.into(), currency: None, unit: None, scope: None }
    }

    impl Exp {
        fn cur(mut self, c: &'static str) -> Self {
            self.currency = Some(c);
            self
        }
        fn unit(mut self, u: &'static str) -> Self {
            self.unit = Some(u);
            self
        }
        fn scope(mut self, s: ScopeKind) -> Self {
            self.scope = Some(s);
            self
        }
    }

    fn close(a: Option<f64>, b: Option<f64>) -> bool {
        match (a, b) {
            (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * b.abs().max(1.0),
            (None, None) => true,
            _ => false,
        }
    }

    #[track_caller]
    fn check(input: &str, expected: &[Exp]) {
        let got = find_quantities(input);
        let shown: Vec<_> = got.iter().map(|q| (&input[q.span.clone()], q)).collect();
        assert_eq!(got.len(), expected.len(), "input {input:?}\ngot {shown:#?}");
        for (g, e) in got.iter().zip(expected) {
            let ctx = format!("input {input:?}\nexpected {e:?}\ngot {shown:#?}");
            assert_eq!(&input[g.span.clone()], e.text, "span: {ctx}");
            assert_eq!(g.kind, e.kind, "kind: {ctx}");
            assert!(close(g.value, e.value), "value: {ctx}");
            assert_eq!(g.currency, e.currency, "currency: {ctx}");
            assert_eq!(g.unit.as_deref(), e.unit, "unit: {ctx}");
            assert_eq!(g.scope, e.scope, "scope: {ctx}");
        }
    }

    #[track_caller]
    fn none(input: &str) {
        check(input, &[]);
    }

    #[test]
    fn percentages() {
        check("Grew retention 40% in a year", &[q("40%", Percent, 40.0)]);
        check("up 40 %", &[q("40 %", Percent, 40.0)]);
        check("up 40\u{A0}% overall", &[q("40\u{A0}%", Percent, 40.0)]);
        check("conversion rose 12.5%.", &[q("12.5%", Percent, 12.5)]);
        check("cut costs 40 percent", &[q("40 percent", Percent, 40.0)]);
        check("cut costs 40 per cent", &[q("40 per cent", Percent, 40.0)]);
        check("NPS +18%", &[q("+18%", Percent, 18.0)]);
        check("churn -30%", &[q("-30%", Percent, -30.0)]);
        check("churn −30%", &[q("−30%", Percent, -30.0)]);
        check("~40% of traffic", &[q("~40%", Percent, 40.0)]);
        check("margin up 40 pp", &[q("40 pp", Percent, 40.0).unit("percentage points")]);
        check(
            "improved by 5 percentage points",
            &[q("5 percentage points", Percent, 5.0).unit("percentage points")],
        );
        check("up 3pp", &[q("3pp", Percent, 3.0).unit("percentage points")]);
        check("cut 50 bps", &[q("50 bps", Percent, 0.5).unit("percentage points")]);
        check("ten percent lift", &[q("ten percent", Percent, 10.0)]);
        check("revenue +18% QoQ", &[q("+18% QoQ", Percent, 18.0)]);
        check("grew 20% year over year", &[q("20% year over year", Percent, 20.0)]);
        check("grew 20% year-over-year", &[q("20% year-over-year", Percent, 20.0)]);
        check("10–15% lift", &[q("10–15%", Percent, 10.0)]);
    }

    #[test]
    fn money() {
        check("Raised $2.4M seed", &[q("$2.4M", Money, 2.4e6).cur("USD")]);
        check("a $2.4 million deal", &[q("$2.4 million", Money, 2.4e6).cur("USD")]);
        check("saved $300K", &[q("$300K", Money, 3e5).cur("USD")]);
        check("saved €300k", &[q("€300k", Money, 3e5).cur("EUR")]);
        check("a £1.2bn portfolio", &[q("£1.2bn", Money, 1.2e9).cur("GBP")]);
        check("$1.5B exit", &[q("$1.5B", Money, 1.5e9).cur("USD")]);
        check("US$ 40 million loan", &[q("US$ 40 million", Money, 4e7).cur("USD")]);
        check("USD 3M contract", &[q("USD 3M", Money, 3e6).cur("USD")]);
        check("a 3M USD contract", &[q("3M USD", Money, 3e6).cur("USD")]);
        check("EUR 500,000 grant", &[q("EUR 500,000", Money, 5e5).cur("EUR")]);
        check("₹5 lakh savings", &[q("₹5 lakh", Money, 5e5).cur("INR")]);
        check("₹2 crore deal", &[q("₹2 crore", Money, 2e7).cur("INR")]);
        check("Rs. 3 crore", &[q("Rs. 3 crore", Money, 3e7).cur("INR")]);
        check("₹1,20,000 bonus", &[q("₹1,20,000", Money, 1.2e5).cur("INR")]);
        check("¥100m in sales", &[q("¥100m", Money, 1e8).cur("JPY").scope(Revenue)]);
        check("CN¥5M", &[q("CN¥5M", Money, 5e6).cur("CNY")]);
        check("A$2M", &[q("A$2M", Money, 2e6).cur("AUD")]);
        check("40 million dollars", &[q("40 million dollars", Money, 4e7).cur("USD")]);
        check("500 € budget", &[q("500 €", Money, 500.0).cur("EUR").scope(Budget)]);
        check("$1,200.50", &[q("$1,200.50", Money, 1200.5).cur("USD")]);
        check("€1.200.000", &[q("€1.200.000", Money, 1.2e6).cur("EUR")]);
        check("~$5M+", &[q("~$5M+", Money, 5e6).cur("USD")]);
        check("millions of dollars", &[q("millions of dollars", Money, None).cur("USD")]);
    }

    #[test]
    fn money_scope() {
        check("Reached $40M ARR", &[q("$40M", Money, 4e7).cur("USD").scope(Revenue)]);
        check("$10M ARR", &[q("$10M", Money, 1e7).cur("USD").scope(Revenue)]);
        check("Owned a P&L of $12M", &[q("$12M", Money, 1.2e7).cur("USD").scope(Budget)]);
        check("Owned a $12M P&L", &[q("$12M", Money, 1.2e7).cur("USD").scope(Budget)]);
        check("budget of $2M", &[q("$2M", Money, 2e6).cur("USD").scope(Budget)]);
        check("a $2M budget", &[q("$2M", Money, 2e6).cur("USD").scope(Budget)]);
        check("a $2M annual budget", &[q("$2M", Money, 2e6).cur("USD").scope(Budget)]);
        check("drove $3M in revenue", &[q("$3M", Money, 3e6).cur("USD").scope(Revenue)]);
        check(
            "$3M in new annual recurring revenue",
            &[q("$3M", Money, 3e6).cur("USD").scope(Revenue)],
        );
        check("revenue of $8M", &[q("$8M", Money, 8e6).cur("USD").scope(Revenue)]);
        check("grew revenue to $8M", &[q("$8M", Money, 8e6).cur("USD").scope(Revenue)]);
        check("$5M GMV", &[q("$5M", Money, 5e6).cur("USD").scope(Revenue)]);
        check("Budget: $2M", &[q("$2M", Money, 2e6).cur("USD").scope(Budget)]);
        check("saved $2M in cloud costs", &[q("$2M", Money, 2e6).cur("USD")]);
        check("revenue and saved $2M", &[q("$2M", Money, 2e6).cur("USD")]);
        check("raised $10M Series A", &[q("$10M", Money, 1e7).cur("USD")]);
    }

    #[test]
    fn money_rates() {
        check("$1M/year", &[q("$1M/year", Money, 1e6).cur("USD")]);
        check("$1M a year", &[q("$1M a year", Money, 1e6).cur("USD")]);
        check("$40 per user per month", &[q("$40 per user per month", Money, 40.0).cur("USD")]);
        check("$2M annually", &[q("$2M annually", Money, 2e6).cur("USD")]);
    }

    #[test]
    fn multipliers() {
        check("3x faster", &[q("3x", Multiplier, 3.0)]);
        check("3X growth", &[q("3X", Multiplier, 3.0)]);
        check("10× throughput", &[q("10×", Multiplier, 10.0)]);
        check("10 × throughput", &[q("10 ×", Multiplier, 10.0)]);
        check("2.5x ROI", &[q("2.5x", Multiplier, 2.5)]);
        check("a 3-fold increase", &[q("3-fold", Multiplier, 3.0)]);
        check("a threefold increase", &[q("threefold", Multiplier, 3.0)]);
        check("a ten-fold increase", &[q("ten-fold", Multiplier, 10.0)]);
        check("Doubled signups", &[q("Doubled", Multiplier, 2.0)]);
        check("tripled revenue", &[q("tripled", Multiplier, 3.0)]);
        check("quadrupled usage", &[q("quadrupled", Multiplier, 4.0)]);
        check("halved latency", &[q("halved", Multiplier, 0.5)]);
        check("3 times faster", &[q("3 times", Multiplier, 3.0)]);
        none("doubled down on quality");
        none("met 3 times a week");
        none("a 3x3 grid");
    }

    #[test]
    fn counts() {
        check(
            "Led 12 engineers",
            &[q("12 engineers", Count, 12.0).unit("engineers").scope(TeamSize)],
        );
        check(
            "won 200+ enterprise customers",
            &[q("200+ enterprise customers", Count, 200.0).unit("customers").scope(UserBase)],
        );
        check("2M users", &[q("2M users", Count, 2e6).unit("users").scope(UserBase)]);
        check(
            "1.2 million customers",
            &[q("1.2 million customers", Count, 1.2e6).unit("customers").scope(UserBase)],
        );
        check("50,000 MAU", &[q("50,000 MAU", Count, 5e4).unit("mau").scope(UserBase)]);
        check(
            "launched in 5 markets",
            &[q("5 markets", Count, 5.0).unit("markets").scope(Regions)],
        );
        check(
            "3 product lines",
            &[q("3 product lines", Count, 3.0).unit("product lines").scope(Products)],
        );
        check("4 squads", &[q("4 squads", Count, 4.0).unit("squads").scope(Teams)]);
        check("30 people", &[q("30 people", Count, 30.0).unit("people").scope(TeamSize)]);
        check(
            "managed 6 direct reports",
            &[q("6 direct reports", Count, 6.0).unit("direct reports").scope(TeamSize)],
        );
        check(
            "hired 3 senior product managers",
            &[q("3 senior product managers", Count, 3.0).unit("product managers").scope(TeamSize)],
        );
        check("a team of 12", &[q("team of 12", Count, 12.0).scope(TeamSize)]);
        check("a team of over 40.", &[q("team of over 40", Count, 40.0).scope(TeamSize)]);
        check("team size of 8", &[q("team size of 8", Count, 8.0).scope(TeamSize)]);
        check("a team of five", &[q("team of five", Count, 5.0).scope(TeamSize)]);
        check(
            "team of 40 engineers",
            &[q("40 engineers", Count, 40.0).unit("engineers").scope(TeamSize)],
        );
        check("three teams", &[q("three teams", Count, 3.0).unit("teams").scope(Teams)]);
        check(
            "a dozen engineers",
            &[q("a dozen engineers", Count, 12.0).unit("engineers").scope(TeamSize)],
        );
        check("two products", &[q("two products", Count, 2.0).unit("products").scope(Products)]);
        check("one product", &[q("one product", Count, 1.0).unit("product").scope(Products)]);
        check(
            "twenty-five countries",
            &[q("twenty-five countries", Count, 25.0).unit("countries").scope(Regions)],
        );
        check(
            "a couple of squads",
            &[q("a couple of squads", Count, 2.0).unit("squads").scope(Teams)],
        );
        check(
            "hundreds of customers",
            &[q("hundreds of customers", Count, None).unit("customers").scope(UserBase)],
        );
        check(
            "tens of thousands of users",
            &[q("tens of thousands of users", Count, None).unit("users").scope(UserBase)],
        );
        check("shipped 14 features", &[q("14 features", Count, 14.0).unit("features")]);
        check("shipped 14 widgets", &[q("14 widgets", Count, 14.0).unit("widgets")]);
        check(
            "10–15 engineers",
            &[q("10–15 engineers", Count, 10.0).unit("engineers").scope(TeamSize)],
        );
        check(
            "10-15 engineers",
            &[q("10-15 engineers", Count, 10.0).unit("engineers").scope(TeamSize)],
        );
        check(
            "10 to 15 engineers",
            &[q("10 to 15 engineers", Count, 10.0).unit("engineers").scope(TeamSize)],
        );
        check(
            "between 5 and 8 markets",
            &[q("between 5 and 8 markets", Count, 5.0).unit("markets").scope(Regions)],
        );
        check("a 12-person team", &[q("12-person", Count, 12.0).unit("people").scope(TeamSize)]);
        check("5 lakh users", &[q("5 lakh users", Count, 5e5).unit("users").scope(UserBase)]);
        check(
            "over 1,200 merchants",
            &[q("1,200 merchants", Count, 1200.0).unit("merchants").scope(UserBase)],
        );
        check("50 sellers", &[q("50 sellers", Count, 50.0).unit("sellers").scope(TeamSize)]);
        check("10,000 sellers", &[q("10,000 sellers", Count, 1e4).unit("sellers").scope(UserBase)]);
    }

    #[test]
    fn time_spans_and_rates() {
        check("in 6 months", &[q("6 months", TimeSpan, 6.0).unit("months")]);
        check("within 90 days", &[q("90 days", TimeSpan, 90.0).unit("days")]);
        check("over 18 months", &[q("18 months", TimeSpan, 18.0).unit("months")]);
        check("in two quarters", &[q("two quarters", TimeSpan, 2.0).unit("quarters")]);
        check("in 3 weeks", &[q("3 weeks", TimeSpan, 3.0).unit("weeks")]);
        check("a 6-month pilot", &[q("6-month", TimeSpan, 6.0).unit("months")]);
        check("p95 of 800ms", &[q("800ms", TimeSpan, 800.0).unit("milliseconds")]);
        check("6-8 weeks", &[q("6-8 weeks", TimeSpan, 6.0).unit("weeks")]);
        check("revenue grew QoQ", &[q("QoQ", Rate, None)]);
        check("growth YoY", &[q("YoY", Rate, None)]);
        check("strong quarter-over-quarter growth", &[q("quarter-over-quarter", Rate, None)]);
        check("500 signups per day", &[q("500 signups per day", Rate, 500.0).unit("signups")]);
        check("10k orders/month", &[q("10k orders/month", Rate, 1e4).unit("orders")]);
        check("saved 10 hours per week", &[q("10 hours per week", Rate, 10.0).unit("hours")]);
        none("per month");
        none("billed annually");
    }

    #[test]
    fn before_after() {
        check(
            "Cut onboarding from 24 hours to 4",
            &[q("from 24 hours to 4", BeforeAfter, 4.0).unit("hours")],
        );
        check("lifted it from 12% to 30%", &[q("from 12% to 30%", BeforeAfter, 30.0)]);
        check(
            "from 3 weeks to 4 days",
            &[q("from 3 weeks to 4 days", BeforeAfter, 4.0).unit("days")],
        );
        check(
            "grew ARR from $1M to $5M",
            &[q("from $1M to $5M", BeforeAfter, 5e6).cur("USD").scope(Revenue)],
        );
        check("24h → 4h", &[q("24h → 4h", BeforeAfter, 4.0).unit("hours")]);
        check("12% -> 30%", &[q("12% -> 30%", BeforeAfter, 30.0)]);
        check("2.4% → 3.1%", &[q("2.4% → 3.1%", BeforeAfter, 3.1)]);
        check(
            "from 40 to 400 customers",
            &[q("from 40 to 400 customers", BeforeAfter, 400.0).unit("customers").scope(UserBase)],
        );
        check(
            "grew the team from 5 to 20",
            &[q("from 5 to 20", BeforeAfter, 20.0).scope(TeamSize)],
        );
        check("reduced churn 8% to 5%", &[q("8% to 5%", BeforeAfter, 5.0)]);
        check(
            "from 1.2M to 3 users",
            &[q("from 1.2M to 3 users", BeforeAfter, 3e6).unit("users").scope(UserBase)],
        );
        check(
            "from two to five teams",
            &[q("from two to five teams", BeforeAfter, 5.0).unit("teams").scope(Teams)],
        );
        check(
            "Grew ARR from $1M to $2.4M in 9 months",
            &[
                q("from $1M to $2.4M", BeforeAfter, 2.4e6).cur("USD").scope(Revenue),
                q("9 months", TimeSpan, 9.0).unit("months"),
            ],
        );
        none("from 2019 to 2021");
        none("from 5 to");
    }

    #[test]
    fn not_quantities() {
        none("Joined in 2019");
        none("2019–2021");
        none("2019-2021: Senior PM");
        none("Jan 2021 – Mar 2023");
        none("FY24 plan");
        none("FY 2024 plan");
        none("Shipped v2.3 and v2.3.1");
        none("Upgraded to PHP 8 and Python 3.12");
        none("iOS 17 users");
        none("Web3 and B2B and G2");
        none("H1 2023 roadmap");
        none("Q3 2024");
        none("ranked 1st");
        none("1. Led the launch\n2) Ran the team");
        none("24/7 support");
        none("P0 incidents");
        none("set OKRs");
        none("COVID-19 response");
        none("3D printing");
        none("5G rollout");
        none("Call +1 (555) 123-4567");
        none("Call 555-123-4567");
        none("on 2021-03-04");
        none("Fortune 500 companies");
        none("in the ’90s and '19");
        none("a top 10 finish");
        none("at 10:30");
        none("someone once said");
        none("in 2020 customers asked for it");
        none("12,5% (European decimal comma)");
    }

    #[test]
    fn qualifiers_and_edge_cases() {
        check(
            "more than 200 customers",
            &[q("200 customers", Count, 200.0).unit("customers").scope(UserBase)],
        );
        check("nearly 3x growth", &[q("3x", Multiplier, 3.0)]);
        check("almost 50% of revenue", &[q("50%", Percent, 50.0)]);
        check(
            "Ran 40+ A/B experiments per quarter",
            &[q("40+ A/B experiments per quarter", Rate, 40.0).unit("experiments")],
        );
        check("Grew NPS from 32 to 61.", &[q("from 32 to 61", BeforeAfter, 61.0)]);
        // Pairs merged in place, with single numbers before, between and after them.
        check(
            "In 2 quarters cut p95 from 800ms to 120ms, hired 10–15 engineers, took NPS from 32 to 61 in 3 markets",
            &[
                q("2 quarters", TimeSpan, 2.0).unit("quarters"),
                q("from 800ms to 120ms", BeforeAfter, 120.0).unit("milliseconds"),
                q("10–15 engineers", Count, 10.0).unit("engineers").scope(TeamSize),
                q("from 32 to 61", BeforeAfter, 61.0),
                q("3 markets", Count, 3.0).unit("markets").scope(Regions),
            ],
        );
        // Wide spaces between a number and what follows it.
        check("a $2.4\u{a0}million deal", &[q("$2.4\u{a0}million", Money, 2.4e6).cur("USD")]);
        check(
            "led 12\u{202f}engineers",
            &[q("12\u{202f}engineers", Count, 12.0).unit("engineers").scope(TeamSize)],
        );
        check(
            "p95 from 800ms to 120ms",
            &[q("from 800ms to 120ms", BeforeAfter, 120.0).unit("milliseconds")],
        );
        check("Headcount grew 5→25", &[q("5→25", BeforeAfter, 25.0).scope(TeamSize)]);
        check("$0 to $1M ARR", &[q("$0 to $1M", BeforeAfter, 1e6).cur("USD").scope(Revenue)]);
        check("Cut AWS costs by $30K/mo", &[q("$30K/mo", Money, 3e4).cur("USD")]);
        check("a 90-day plan", &[q("90-day", TimeSpan, 90.0).unit("days")]);
        check(
            "two million users",
            &[q("two million users", Count, 2e6).unit("users").scope(UserBase)],
        );
        check(
            "one hundred customers",
            &[q("one hundred customers", Count, 100.0).unit("customers").scope(UserBase)],
        );
        check("Led 3 PMs", &[q("3 PMs", Count, 3.0).unit("pms").scope(TeamSize)]);
        check("up to 20-30%", &[q("20-30%", Percent, 20.0)]);
        check("$1–2M budget", &[q("$1–2M", Money, 1e6).cur("USD").scope(Budget)]);
        check("$1M-$2M", &[q("$1M-$2M", Money, 1e6).cur("USD")]);
        check(
            "10 - 15 engineers",
            &[q("10 - 15 engineers", Count, 10.0).unit("engineers").scope(TeamSize)],
        );
        check("1-2 releases per week", &[q("1-2 releases per week", Rate, 1.0).unit("releases")]);
        check("Grew MRR 20% m/m", &[q("20% m/m", Percent, 20.0)]);
        check("lifted CTR .5%", &[q(".5%", Percent, 0.5)]);
        check("2 P&Ls worth $50M", &[q("$50M", Money, 5e7).cur("USD").scope(Budget)]);
        check("Rs 40 lakh", &[q("Rs 40 lakh", Money, 4e6).cur("INR")]);
        check(
            "in Q1 2023 we hit 1M users",
            &[q("1M users", Count, 1e6).unit("users").scope(UserBase)],
        );
        check("in 2 sprints", &[q("2 sprints", TimeSpan, 2.0).unit("sprints")]);
        check("90 business days", &[q("90 business days", TimeSpan, 90.0).unit("days")]);
        check("grew 5x–10x", &[q("5x–10x", Multiplier, 5.0)]);
        none("");
        none("No.5 and ...5 and v.5");
        none("Boosted CSAT to 4.7/5");
        none("The 5 Whys; 80/20 rule");
        none("a 5-star rating");
        none("one of the best");
        none("hundreds of");
        none("a two-pizza team");
    }

    #[test]
    fn mixed_sentence_spans() {
        let text = "Led 12 engineers across 3 squads to ship 2 apps in 6 months, growing MAU \
                    from 10K to 1.2M (+40% QoQ) and revenue 3x to $40M ARR.";
        check(
            text,
            &[
                q("12 engineers", Count, 12.0).unit("engineers").scope(TeamSize),
                q("3 squads", Count, 3.0).unit("squads").scope(Teams),
                q("2 apps", Count, 2.0).unit("apps").scope(Products),
                q("6 months", TimeSpan, 6.0).unit("months"),
                q("from 10K to 1.2M", BeforeAfter, 1.2e6).scope(UserBase),
                q("+40% QoQ", Percent, 40.0),
                q("3x", Multiplier, 3.0),
                q("$40M", Money, 4e7).cur("USD").scope(Revenue),
            ],
        );
    }

    #[test]
    fn unicode_spans_are_on_char_boundaries() {
        let text = "🚀 Grew “core” revenue 40\u{202F}% → 55\u{A0}% in 6\u{A0}months; \
                    équipe de 12\u{202F}engineers, 用户 2M users — ₹5 lakh 💰, café 3×.";
        let got = find_quantities(text);
        for q in &got {
            assert!(text.is_char_boundary(q.span.start) && text.is_char_boundary(q.span.end));
        }
        let spans: Vec<&str> = got.iter().map(|q| &text[q.span.clone()]).collect();
        assert_eq!(
            spans,
            [
                "40\u{202F}% → 55\u{A0}%",
                "6\u{A0}months",
                "12\u{202F}engineers",
                "2M users",
                "₹5 lakh",
                "3×"
            ]
        );
    }

    /// Minimal LCG so the fuzz loop needs no extra crate and is reproducible.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            self.0 >> 33
        }
        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[(self.next() as usize) % items.len()]
        }
    }

    #[test]
    fn random_text_never_panics_and_output_is_well_formed() {
        const PIECES: &[&str] = &[
            "1",
            "12",
            "2019",
            "2.4",
            "1,200",
            "1.200.000",
            "0",
            "999999999999999999999",
            "$",
            "€",
            "£",
            "¥",
            "₹",
            "US$",
            "USD",
            "Rs.",
            "~",
            "+",
            "-",
            "−",
            "–",
            "—",
            "→",
            "->",
            "%",
            "×",
            "x",
            "k",
            "M",
            "bn",
            "lakh",
            "crore",
            " ",
            " ",
            " ",
            "\u{A0}",
            "\u{202F}",
            "\n",
            ".",
            ",",
            "/",
            ":",
            "(",
            ")",
            "'",
            "’",
            "“",
            "”",
            "from",
            "to",
            "and",
            "between",
            "team",
            "of",
            "engineers",
            "users",
            "customers",
            "markets",
            "teams",
            "months",
            "days",
            "h",
            "ms",
            "per",
            "month",
            "annually",
            "YoY",
            "QoQ",
            "year-over-year",
            "pp",
            "bps",
            "percent",
            "per cent",
            "fold",
            "-fold",
            "times",
            "faster",
            "doubled",
            "threefold",
            "a",
            "dozen",
            "couple",
            "hundreds",
            "thousands",
            "twenty",
            "one",
            "five",
            "ARR",
            "budget",
            "P&L",
            "revenue",
            "sellers",
            "é",
            "用户",
            "🚀",
            "ſix",
            "K",
            "ǅ",
            "Q3",
            "FY",
            "v",
            "iOS",
            "COVID",
            "1st",
            "3D",
            "24/7",
        ];
        let mut rng = Lcg(0x5EED);
        for _ in 0..4000 {
            let n = 1 + (rng.next() % 24) as usize;
            let text: String = (0..n).map(|_| rng.pick(PIECES)).collect();
            let got = find_quantities(&text);
            let mut last_end = 0;
            for q in &got {
                assert!(q.span.start < q.span.end, "{text:?}: empty span {q:?}");
                assert!(q.span.start >= last_end, "{text:?}: unsorted/overlapping {got:#?}");
                assert!(q.span.end <= text.len());
                assert!(text.is_char_boundary(q.span.start) && text.is_char_boundary(q.span.end));
                assert!(q.value.is_none_or(f64::is_finite));
                last_end = q.span.end;
            }
            assert_eq!(got, find_quantities(&text), "not deterministic: {text:?}");
        }
    }

    #[test]
    fn random_bytes_as_text_never_panic() {
        let mut rng = Lcg(42);
        for _ in 0..2000 {
            let n = (rng.next() % 64) as usize;
            let bytes: Vec<u8> = (0..n).map(|_| (rng.next() & 0xFF) as u8).collect();
            let text = String::from_utf8_lossy(&bytes);
            let got = find_quantities(&text);
            assert!(got.windows(2).all(|w| w[0].span.end <= w[1].span.start));
            for q in &got {
                assert!(text.is_char_boundary(q.span.start) && text.is_char_boundary(q.span.end));
            }
        }
    }

    /// Guards the build-time trigger: the DFAs build.rs wrote find, at every position, what the
    /// `regex` crate's engine finds with the same pattern.
    fn trigger_agrees_with_the_regex_engine(text: &str) {
        let engine = regex_automata::meta::Regex::new(include_str!("../quantity-trigger.re"))
            .expect("the trigger pattern compiles");
        for pos in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let want = engine.find(Input::new(text).range(pos..)).map(|m| m.range());
            let got = TRIGGER.find(Input::new(text).range(pos..)).map(|m| m.range());
            assert_eq!(got, want, "text {text:?} from byte {pos}");
        }
    }

    #[test]
    fn the_trigger_dfas_validate() {
        for bytes in [&TRIGGER_FORWARD.bytes, &TRIGGER_REVERSE.bytes] {
            regex_automata::dfa::dense::DFA::from_bytes(bytes)
                .expect("build.rs wrote a valid trigger DFA");
        }
    }

    #[test]
    fn the_prebuilt_trigger_matches_the_regex_engine() {
        for text in [
            "Grew ARR from $1.2M to US$3,400,000 (+180% YoY) across twelve markets.",
            "₹5 lakh, €300k, CN¥ 40, Rs. 1,20,000, 1.200.000 users, ~40%, −30%, 3x, tripled.",
            "Tens of thousands of sellers; a dozen teams; twenty-one squads; hundreds; 7 DAYS.",
            "Quarter-over-quarter and WEEK OVER WEEK; ſeven; KELVIN 😀 naïve – 12,5% and 4.",
            "",
        ] {
            trigger_agrees_with_the_regex_engine(text);
        }
    }

    proptest::proptest! {
        #[test]
        fn the_prebuilt_trigger_matches_the_regex_engine_on_any_text(
            text in "([0-9$€₹~+.,%x -]|twenty|fold|over|year|[a-zA-Z]|\\PC){0,40}"
        ) {
            trigger_agrees_with_the_regex_engine(&text);
        }
    }
}
