//! Dates in resumes: "Jan 2021 – Present", "2019–2021", "03/2020", "March 2020 to May 2022",
//! "2020-03", "Q3 2021"… → ISO 8601 (`2021-01`, `2019`), as JSON Resume wants them.

use regex::Regex;
use std::sync::LazyLock;

const MONTHS: &[(&str, u32)] = &[
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("may", 5),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// One date as written in a resume.
const DATE: &str = r"(?:(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,?\s+(?:19|20)\d{2}|(?:0?[1-9]|1[0-2])[/.](?:19|20)\d{2}|(?:19|20)\d{2}[-/](?:0[1-9]|1[0-2])|(?:19|20)\d{2})";

static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\(?\b({DATE})\s*(?:–|—|-|‒|to|until|through|→)\s*({DATE}|present|current|now|today|ongoing)\b\)?|\(?\b({DATE})\b\)?"
    ))
    .expect("date regex compiles")
});

/// A date range found in a line: its byte range, start and end (None = present or not given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateRange {
    /// Where it is in the line.
    pub span: (usize, usize),
    /// ISO start.
    pub start: Option<String>,
    /// ISO end; None with `current` for "Present".
    pub end: Option<String>,
    /// "Present", "Current"…
    pub current: bool,
}

/// Parses one date to ISO 8601 (`2021-03` or `2021`).
pub fn iso(date: &str) -> Option<String> {
    let d = date.trim().trim_end_matches('.').to_lowercase();
    let year = |s: &str| s.parse::<u32>().ok().filter(|y| (1900..=2100).contains(y));
    if let Some(y) = year(&d) {
        return Some(format!("{y}"));
    }
    for sep in ['/', '.', '-'] {
        if let Some((a, b)) = d.split_once(sep) {
            if let (Ok(m), Some(y)) = (a.parse::<u32>(), year(b))
                && (1..=12).contains(&m)
            {
                return Some(format!("{y}-{m:02}"));
            }
            if let (Some(y), Ok(m)) = (year(a), b.parse::<u32>())
                && (1..=12).contains(&m)
            {
                return Some(format!("{y}-{m:02}"));
            }
        }
    }
    let mut words =
        d.split(|c: char| c.is_whitespace() || c == ',' || c == '.').filter(|w| !w.is_empty());
    let month = words.next()?;
    let m = MONTHS.iter().find(|(p, _)| month.starts_with(p))?.1;
    let y = year(words.next()?)?;
    Some(format!("{y}-{m:02}"))
}

/// The first date range (or single date) in a line.
pub fn find_range(line: &str) -> Option<DateRange> {
    let c = RANGE.captures(line)?;
    let whole = c.get(0)?;
    if let (Some(a), Some(b)) = (c.get(1), c.get(2)) {
        let end_word = b.as_str().to_lowercase();
        let current =
            matches!(end_word.as_str(), "present" | "current" | "now" | "today" | "ongoing");
        return Some(DateRange {
            span: (whole.start(), whole.end()),
            start: iso(a.as_str()),
            end: if current { None } else { iso(b.as_str()) },
            current,
        });
    }
    let single = c.get(3)?;
    Some(DateRange {
        span: (whole.start(), whole.end()),
        start: iso(single.as_str()),
        end: None,
        current: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_forms() {
        let cases: &[(&str, Option<&str>, Option<&str>, bool)] = &[
            ("Jan 2021 – Present", Some("2021-01"), None, true),
            ("2019–2021", Some("2019"), Some("2021"), false),
            ("03/2020 - 11/2022", Some("2020-03"), Some("2022-11"), false),
            ("March 2020 to May 2022", Some("2020-03"), Some("2022-05"), false),
            ("Sept. 2018 — Current", Some("2018-09"), None, true),
            ("2020-03 – 2021-07", Some("2020-03"), Some("2021-07"), false),
            ("(2016)", Some("2016"), None, false),
            ("Senior PM, Acme (Jun 2019 – Dec 2021)", Some("2019-06"), Some("2021-12"), false),
        ];
        for (text, start, end, current) in cases {
            let r = find_range(text).unwrap_or_else(|| panic!("no date in {text}"));
            assert_eq!(
                (r.start.as_deref(), r.end.as_deref(), r.current),
                (*start, *end, *current),
                "{text}"
            );
        }
        assert!(find_range("Grew revenue 40% with 12 engineers").is_none());
        assert_eq!(iso("Dec 2020"), Some("2020-12".into()));
        assert_eq!(iso("13/2020"), None);
    }
}
