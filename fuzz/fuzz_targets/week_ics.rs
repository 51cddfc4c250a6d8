//! Fuzzes pivot-week: `plan` on any `State` and `ics` on any `Week` (user text in the target,
//! intended summary, strongest proof and top gap; arbitrary item titles, details, ids and
//! links; arbitrary stuck prompts; any UID salt, block start and DTSTAMP).
//!
//! Properties:
//! - no panic ("never fails on any state", the crate's invariant); deterministic;
//! - `plan`: the method's five items in order, a ticked item is done, stuck prompts are the
//!   method's in its order, the week starts on the Monday on or before today (unless
//!   saturated at the calendar's lower bound), the block starts at 09:00 within two days of
//!   today;
//! - `ics`: every physical line ends with CRLF and has at most 75 octets, no bare CR or LF;
//!   unfolding (CRLF + one space) gives content lines `NAME[;PARAM=VALUE]*:VALUE` with no
//!   control character but tab in the value; BEGIN/END balanced and properly nested, one
//!   VCALENDAR around one VEVENT (with one VALARM) and one VTODO per open item; TEXT values
//!   (SUMMARY, DESCRIPTION, UID) use only the RFC 5545 escapes and unescape to the input text
//!   (line breaks normalised to `\n`, other control characters dropped, as `escape` says);
//!   dates and times are `YYYYMMDD` / `YYYYMMDDTHHMMSS[Z]` for years 0–9999;
//! - `escape` of any string unescapes to the same normalised text.
//!
//! Input (manual slicing): a 64-byte header (zero-padded when the input is shorter), then
//! strings split at 0xFF bytes (lossily decoded, "" once they run out), taken in order:
//! target, intended, strongest proof, top gap, UID salt, the `done` entries, then (when the
//! header asks for them) each item's id/title/detail/link and each stuck prompt's
//! id/text/why. Header bytes:
//!   0..2 year (i16 LE, clamped to ±9999), 2 month, 3 day; 4 bit 0: Date::MIN, bit 1: MAX
//!   5 bit 0: closeness set, from 6..14 (f64 LE, any bits: NaN, ±inf)
//!   14 bit 0: latest score set, from 15..23 (i64 LE); 23 bit 0: score two weeks ago, 24..32
//!   32..41 the nine counts: b < 0xF0 → b % 8, else usize::MAX - (0xFF - b)
//!   41 bit 0: replace the items' id/title/detail/link; bit 1: replace the stuck prompts
//!      (42 % 4 of them); bit 2: flip items' `done` by the bits of 43
//!   44 bit 0: block start = plan's; bit 1: DateTime::MIN; bit 2: MAX; else today at 45..48
//!      (hour % 24, minute % 60, second % 60)
//!   48 bit 0: DTSTAMP from 49..57 (i64 LE Unix seconds, taken modulo jiff's range when
//!      outside it); bit 1: Timestamp::MIN; bit 2: MAX; else the Unix epoch
//!   57 `done` entries: % 8; 58 bits 0..4: target/intended/strongest/top gap are None
//!
//! Found and fixed (`regressions/week_ics-proof-count-overflow`): `proof_detail` added
//! `proofs_active + proofs_idea` unchecked, which overflowed near `usize::MAX`.
#![no_main]


use jiff::Timestamp;
use jiff::civil::{Date, DateTime, Weekday};
use libfuzzer_sys::fuzz_target;
use pivot_week::{ITEMS, STUCK, State, StuckPrompt, Week, escape, ics, plan};

const HEADER: usize = 64;

fuzz_target!(|data: &[u8]| {
    let mut h = [0u8; HEADER];
    let n = data.len().min(HEADER);
    h[..n].copy_from_slice(&data[..n]);
    let tail = &data[n..];
    let mut strings = tail.split(|&b| b == 0xFF).map(|p| String::from_utf8_lossy(p).into_owned());
    let mut next = || strings.next().unwrap_or_default();

    let today = if h[4] & 1 != 0 {
        Date::MIN
    } else if h[4] & 2 != 0 {
        Date::MAX
    } else {
        let year = i16::from_le_bytes([h[0], h[1]]).clamp(-9999, 9999);
        let month = (h[2] % 12 + 1) as i8;
        let day = (h[3] % 31 + 1) as i8;
        Date::new(year, month, day).unwrap_or_else(|_| Date::new(year, month, 28).unwrap())
    };
    let f64_at = |i: usize| f64::from_le_bytes(h[i..i + 8].try_into().unwrap());
    let i64_at = |i: usize| i64::from_le_bytes(h[i..i + 8].try_into().unwrap());
    let count = |b: u8| if b < 0xF0 { usize::from(b % 8) } else { usize::MAX - usize::from(0xFF - b) };
    let opt = |bit: u8, s: String| if h[58] & (1 << bit) != 0 { None } else { Some(s) };

    let target = opt(0, next());
    let intended = opt(1, next());
    let strongest_proof = opt(2, next());
    let top_gap = opt(3, next());
    let salt = next();
    let done: Vec<String> = (0..h[57] % 8)
        .map(|k| {
            let s = next();
            // Short pieces stand for the real ids, sometimes padded (the planner trims).
            match s.len() {
                0 => ITEMS[usize::from(k) % 5].0.to_string(),
                1 => format!(" {} ", ITEMS[usize::from(s.as_bytes()[0]) % 5].0),
                _ => s,
            }
        })
        .collect();

    let state = State {
        today,
        target,
        intended,
        summary_closeness: (h[5] & 1 != 0).then(|| f64_at(6)),
        narratives: count(h[32]),
        versions_this_week: count(h[33]),
        latest_score: (h[14] & 1 != 0).then(|| i64_at(15)),
        score_two_weeks_ago: (h[23] & 1 != 0).then(|| i64_at(24)),
        outcomes_with_metrics: count(h[34]),
        proofs_done: count(h[35]),
        proofs_active: count(h[36]),
        proofs_idea: count(h[37]),
        strongest_proof,
        gaps: count(h[38]),
        top_gap,
        checklist_met: count(h[39]),
        checklist_total: count(h[40]),
        done,
    };

    let week = plan(&state);
    check_plan(&state, &week);
    assert!(week == plan(&state), "plan is not deterministic");

    // Now any week: arbitrary text in the items and prompts.
    let mut week = week;
    if h[41] & 1 != 0 {
        for item in &mut week.items {
            item.id = next();
            item.title = next();
            item.detail = next();
            item.link = next();
        }
    }
    if h[41] & 2 != 0 {
        week.stuck = (0..h[42] % 4)
            .map(|_| StuckPrompt { id: next(), text: next(), why: next() })
            .collect();
    }
    if h[41] & 4 != 0 {
        for (k, item) in week.items.iter_mut().enumerate() {
            item.done ^= h[43] & (1 << k) != 0;
        }
    }
    let block_start = if h[44] & 1 != 0 {
        week.block_start
    } else if h[44] & 2 != 0 {
        DateTime::MIN
    } else if h[44] & 4 != 0 {
        DateTime::MAX
    } else {
        today.at((h[45] % 24) as i8, (h[46] % 60) as i8, (h[47] % 60) as i8, 0)
    };
    let stamp = if h[48] & 2 != 0 {
        Timestamp::MIN
    } else if h[48] & 4 != 0 {
        Timestamp::MAX
    } else if h[48] & 1 != 0 {
        let (lo, hi) = (Timestamp::MIN.as_second(), Timestamp::MAX.as_second());
        let s = i64_at(49);
        let s = if (lo..=hi).contains(&s) { s } else { lo + s.rem_euclid(hi - lo + 1) };
        Timestamp::from_second(s).unwrap_or(Timestamp::UNIX_EPOCH)
    } else {
        Timestamp::UNIX_EPOCH
    };

    let out = ics(&week, block_start, stamp, &salt);
    check_ics(&week, block_start, &salt, &out);
    assert!(out == ics(&week, block_start, stamp, &salt), "ics is not deterministic");

    // `escape` alone, on every string of the input.
    for s in tail.split(|&b| b == 0xFF).take(8) {
        let s = String::from_utf8_lossy(s);
        let e = escape(&s);
        assert!(!e.chars().any(|c| c.is_control() && c != '\t'), "escape kept a control: {e:?}");
        assert_eq!(unescape(&e).as_deref(), Some(normalise(&s).as_str()), "escape of {s:?}");
    }
});

fn check_plan(state: &State, week: &Week) {
    let ids: Vec<&str> = week.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ITEMS.map(|(id, _, _)| id));
    for (item, (_, title, link)) in week.items.iter().zip(ITEMS) {
        assert_eq!(item.title, title);
        assert_eq!(item.link, link);
        assert!(!item.detail.trim().is_empty(), "{} has no detail", item.id);
        if state.done.iter().any(|d| d.trim() == item.id) {
            assert!(item.done, "{} is ticked but not done", item.id);
        }
    }
    let mut order = STUCK.iter().map(|(id, _)| *id);
    for p in &week.stuck {
        assert!(order.any(|id| id == p.id), "stuck prompts out of the method's order: {:?}", week.stuck);
        assert!(!p.why.trim().is_empty());
    }
    let today = state.today;
    assert!(week.week_start <= today);
    let back = today.since(week.week_start).unwrap().get_days();
    assert!(back < 7, "week starts {back} days before today");
    if today.checked_sub(jiff::Span::new().days(6)).is_ok() {
        assert_eq!(week.week_start.weekday(), Weekday::Monday, "{}", week.week_start);
    }
    let block = week.block_start;
    assert_eq!((block.hour(), block.minute(), block.second()), (9, 0, 0));
    let ahead = block.date().since(today).unwrap().get_days();
    assert!((0..=2).contains(&ahead), "block {block} is {ahead} days after {today}");
}

fn check_ics(week: &Week, block_start: DateTime, salt: &str, out: &str) {
    assert!(out.ends_with("\r\n"), "no final CRLF");
    let physical: Vec<&str> = out[..out.len() - 2].split("\r\n").collect();
    let mut lines: Vec<String> = Vec::new();
    for (n, p) in physical.iter().enumerate() {
        assert!(!p.contains(['\r', '\n']), "bare CR or LF in physical line {n}: {p:?}");
        assert!(p.len() <= 75, "physical line {n} has {} octets: {p:?}", p.len());
        match p.strip_prefix(' ') {
            Some(rest) => lines.last_mut().expect("a continuation line comes first").push_str(rest),
            None => lines.push(p.to_string()),
        }
    }

    // Content lines, and the component structure.
    let mut stack: Vec<String> = Vec::new();
    let mut components: Vec<(String, Vec<(String, String)>)> = Vec::new(); // closed, in order
    let mut props: Vec<Vec<(String, String)>> = Vec::new();
    for line in &lines {
        let (name, params, value) =
            content_line(line).unwrap_or_else(|| panic!("not a content line: {line:?}"));
        assert!(!value.chars().any(|c| c.is_control() && c != '\t'), "control in {line:?}");
        match name.as_str() {
            "BEGIN" => {
                stack.push(value.to_string());
                props.push(Vec::new());
            }
            "END" => {
                assert_eq!(stack.pop().as_deref(), Some(value), "END:{value} does not close");
                let p = props.pop().unwrap();
                components.push((value.to_string(), p));
            }
            _ => {
                assert!(!stack.is_empty(), "property outside any component: {line:?}");
                let key = if params.is_empty() { name.clone() } else { format!("{name};{params}") };
                props.last_mut().unwrap().push((key, value.to_string()));
            }
        }
        if name == "BEGIN" && stack.len() == 1 {
            assert_eq!(value, "VCALENDAR");
            assert!(components.is_empty(), "a second top-level component");
        }
    }
    assert!(stack.is_empty(), "unclosed components: {stack:?}");
    assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));

    let open: Vec<_> = week.items.iter().filter(|i| !i.done).collect();
    let kinds: Vec<&str> = components.iter().map(|(k, _)| k.as_str()).collect();
    let mut expected = vec!["VALARM", "VEVENT"];
    expected.extend(std::iter::repeat_n("VTODO", open.len()));
    expected.push("VCALENDAR");
    assert_eq!(kinds, expected);

    let get = |props: &[(String, String)], key: &str| -> String {
        let found: Vec<&String> = props.iter().filter(|(k, _)| k == key).map(|(_, v)| v).collect();
        assert_eq!(found.len(), 1, "{key}: {found:?}");
        found[0].clone()
    };
    let text = |props: &[(String, String)], key: &str| -> String {
        let v = get(props, key);
        unescape(&v).unwrap_or_else(|| panic!("{key} is not an escaped TEXT value: {v:?}"))
    };

    let event = &components[1].1;
    assert_eq!(
        text(event, "UID"),
        normalise(&format!("block-{}-{salt}@pivot.local", week.week_start))
    );
    let description = text(event, "DESCRIPTION");
    for item in &open {
        assert!(description.contains(&normalise(&item.title)), "{description:?}");
    }
    for p in &week.stuck {
        assert!(description.contains(&normalise(&p.why)), "{description:?}");
    }
    if in_range(block_start.date()) {
        assert_eq!(get(event, "DTSTART"), datetime(block_start));
    }
    check_date_values(event);
    for ((_, todo), item) in components[2..2 + open.len()].iter().zip(&open) {
        assert_eq!(
            text(todo, "UID"),
            normalise(&format!("todo-{}-{}-{salt}@pivot.local", item.id, week.week_start))
        );
        assert_eq!(text(todo, "SUMMARY"), normalise(&format!("Pivot: {}", item.title)));
        assert_eq!(
            text(todo, "DESCRIPTION"),
            normalise(&format!("{} ({})", item.detail, item.link))
        );
        check_date_values(todo);
    }
}

fn in_range(d: Date) -> bool {
    (0..=9999).contains(&d.year())
}

fn datetime(dt: DateTime) -> String {
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}",
        dt.year(),
        dt.month(),
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second()
    )
}

/// DATE and DATE-TIME values are digits in RFC 5545's shapes (for years 0–9999: others have
/// no RFC 5545 form).
fn check_date_values(props: &[(String, String)]) {
    for (key, value) in props {
        let shape = match key.as_str() {
            "DTSTART" | "DTEND" => "########T######",
            "DTSTAMP" => "########T######Z",
            "DUE;VALUE=DATE" => "########",
            _ => continue,
        };
        if value.starts_with('-') {
            continue; // a negative year
        }
        let ok = value.len() == shape.len()
            && value.bytes().zip(shape.bytes()).all(|(v, s)| if s == b'#' { v.is_ascii_digit() } else { v == s });
        assert!(ok, "{key}:{value} is not {shape}");
    }
}

/// `NAME[;PARAM=VALUE]*:VALUE` → name, the params as written, the value.
fn content_line(line: &str) -> Option<(String, String, &str)> {
    let is_name = |c: char| c.is_ascii_alphanumeric() || c == '-';
    let name_len = line.find(|c: char| !is_name(c)).unwrap_or(line.len());
    if name_len == 0 {
        return None;
    }
    let name = &line[..name_len];
    let mut rest = &line[name_len..];
    while let Some(r) = rest.strip_prefix(';') {
        let pname_len = r.find(|c: char| !is_name(c)).unwrap_or(r.len());
        if pname_len == 0 {
            return None;
        }
        let r = r[pname_len..].strip_prefix('=')?;
        let value_len = if let Some(q) = r.strip_prefix('"') {
            q.find('"')? + 2
        } else {
            r.find(|c: char| matches!(c, ';' | ':' | ',' | '"') || c.is_control()).unwrap_or(r.len())
        };
        rest = &r[value_len..];
    }
    let params_end = line.len() - rest.len();
    let params = if params_end > name_len { &line[name_len + 1..params_end] } else { "" };
    let value = rest.strip_prefix(':')?;
    Some((name.to_string(), params.to_string(), value))
}

/// Undoes RFC 5545 TEXT escaping; `None` for a bad escape or an unescaped `;` or `,`.
fn unescape(v: &str) -> Option<String> {
    let mut out = String::with_capacity(v.len());
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next()? {
                '\\' => out.push('\\'),
                ';' => out.push(';'),
                ',' => out.push(','),
                'n' | 'N' => out.push('\n'),
                _ => return None,
            },
            ';' | ',' => return None,
            c => out.push(c),
        }
    }
    Some(out)
}

/// What TEXT can carry of `s`: `\r\n` and a lone `\r` become `\n`, other control characters
/// but tab are dropped.
fn normalise(s: &str) -> String {
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .collect()
}
