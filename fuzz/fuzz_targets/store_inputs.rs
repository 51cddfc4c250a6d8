//! Fuzzes what pivot-store accepts from users and clients without touching a database:
//! `DatabaseUrl::parse` and `Id::parse` on any string, and a `WorkspaceExport` read from any
//! bytes (`serde_json::from_slice`, as `pivot import` and `POST /api/v1/import` do before the
//! store validates it). No database is opened.
//!
//! Input: the first byte `b` selects, the rest is the input.
//!   b % 3 == 0  the rest, lossily decoded, as a database URL and as an id
//!   b % 3 == 1  `postgres://` + the rest, likewise (to spend the time on PostgreSQL URLs)
//!   b % 3 == 2  the rest as a JSON workspace export
//!
//! Properties:
//! - no panic;
//! - `Id::parse` accepts exactly 1–64 characters of `[a-z0-9-]`, and keeps the text;
//! - a URL that parses has the backend its scheme names (a SQLite one is `sqlite://…`);
//! - a `postgres://` / `postgresql://` URL's passwords are never shown: not by
//!   `redacted()`, not by `Debug`, not in the message when it does not parse. The passwords
//!   are where sqlx (through the `url` crate) takes them from: the user info's password and
//!   every query value whose key is `password` after the URL parser's clean-up and form
//!   decoding; each is looked for as written, without tabs and line breaks, decoded, and as
//!   the `url` crate gives it. The check is metamorphic: the same URL with every password
//!   replaced by a filler must show at least as many copies of each password (so words of
//!   the fixed message that happen to equal a password do not count). SQLite URLs are file
//!   paths and carry no password;
//! - an export that reads writes back to JSON that reads to the same export.
//!
//! Found and fixed (`regressions/store_inputs-password-key-*`): `redact` compared the raw
//! query key with `password` while sqlx reads the key without tabs and line breaks and
//! percent-decoded, so `?pass%77ord=secret` showed the password.
#![no_main]

use std::ops::Range;

use libfuzzer_sys::fuzz_target;
use pivot_store::{Backend, DatabaseUrl, Id, WorkspaceExport};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    match selector % 3 {
        0 => strings(&String::from_utf8_lossy(rest)),
        1 => strings(&format!("postgres://{}", String::from_utf8_lossy(rest))),
        _ => export(rest),
    }
});

fn strings(s: &str) {
    // Ids.
    let valid = !s.is_empty()
        && s.len() <= 64
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    match Id::parse(s) {
        Ok(id) => {
            assert!(valid, "Id::parse accepted {s:?}");
            assert_eq!(id.as_str(), s);
            assert_eq!(id.to_string(), s);
        }
        Err(e) => assert!(!valid, "Id::parse refused {s:?}: {e}"),
    }

    // Database URLs.
    let trimmed = s.trim();
    let postgres =
        starts_with_ci(trimmed, "postgres://") || starts_with_ci(trimmed, "postgresql://");
    let (ok, shown) = outputs(s);
    if ok {
        let url = DatabaseUrl::parse(s).unwrap();
        assert_eq!(url.backend() == Backend::Postgres, postgres, "{s:?}");
        if url.backend() == Backend::Sqlite {
            assert!(url.redacted().starts_with("sqlite://"), "{:?}", url.redacted());
        }
    }
    if !postgres {
        return;
    }

    let slots = password_slots(trimmed);
    if slots.is_empty() {
        return;
    }
    let mut secrets: Vec<String> = Vec::new();
    for (range, query) in &slots {
        let raw = &trimmed[range.clone()];
        secrets.push(raw.to_string());
        let clean = without_tabs_and_breaks(raw);
        secrets.push(if *query { form_decode(&clean) } else { percent_decode(&clean) });
        secrets.push(clean);
    }
    if let Ok(u) = url::Url::parse(trimmed) {
        secrets.extend(u.password().map(str::to_string));
        secrets.extend(
            u.query_pairs().filter(|(k, _)| k == "password").map(|(_, v)| v.into_owned()),
        );
    }
    // `***` (what replaces a password) could spell a secret holding `*`.
    secrets.retain(|p| !p.is_empty() && !p.contains('*'));
    secrets.sort();
    secrets.dedup();

    // The same URL with every password replaced by a filler.
    let filler = ['Q', 'Z', 'J', 'K', 'V']
        .into_iter()
        .find(|f| !secrets.iter().any(|p| p.contains(*f)))
        .unwrap_or('Q');
    let mut other = trimmed.to_string();
    for (range, _) in slots.iter().rev() {
        let n = trimmed[range.clone()].chars().count().max(1);
        other.replace_range(range.clone(), &filler.to_string().repeat(n));
    }
    let (other_ok, other_shown) = outputs(&other);
    if other_ok != ok {
        return; // the password itself decided the outcome (say, %-escapes that are not UTF-8)
    }
    for (here, there) in shown.iter().zip(&other_shown) {
        for secret in &secrets {
            let (a, b) = (here.matches(secret.as_str()).count(), there.matches(secret.as_str()).count());
            assert!(
                a <= b,
                "the password {secret:?} is shown:\ninput: {trimmed:?}\nshown: {here:?}\n\
                 with the password replaced ({other:?}): {there:?}"
            );
        }
    }
}

/// What a user sees of a URL: `redacted()` and `Debug` if it parses, else the message.
fn outputs(s: &str) -> (bool, Vec<String>) {
    match DatabaseUrl::parse(s) {
        Ok(url) => (true, vec![url.redacted(), format!("{url:?}")]),
        Err(e) => (false, vec![e.to_string()]),
    }
}

/// Where the passwords are in a `scheme://…` URL, as sqlx reads it (the `url` crate, then
/// `PgConnectOptions::parse_from_url`): the user info's password (the authority ends at the
/// first `/`, `?` or `#`, the user info at its last `@`, the password follows the first
/// `:`), and the value of every query pair whose key is `password` once tabs and line breaks
/// are removed (the URL parser drops them) and it is form-decoded (`query_pairs`). `true`
/// marks a query value.
fn password_slots(s: &str) -> Vec<(Range<usize>, bool)> {
    let mut slots = Vec::new();
    let Some(scheme_end) = s.find("://") else { return slots };
    let a = scheme_end + 3;
    let auth_end = s[a..].find(['/', '?', '#']).map_or(s.len(), |k| a + k);
    if let Some(at) = s[a..auth_end].rfind('@')
        && let Some(colon) = s[a..a + at].find(':')
    {
        slots.push((a + colon + 1..a + at, false));
    }
    let Some(q) = s[auth_end..].find(['?', '#']).map(|k| auth_end + k) else { return slots };
    if !s[q..].starts_with('?') {
        return slots;
    }
    let q_end = s[q..].find('#').map_or(s.len(), |k| q + k);
    let mut at = q + 1;
    for pair in s[q + 1..q_end].split('&') {
        if let Some(eq) = pair.find('=')
            && form_decode(&without_tabs_and_breaks(&pair[..eq])) == "password"
        {
            slots.push((at + eq + 1..at + pair.len(), true));
        }
        at += pair.len() + 1;
    }
    slots
}

fn without_tabs_and_breaks(s: &str) -> String {
    s.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect()
}

/// `application/x-www-form-urlencoded` decoding (`+` is a space), as `query_pairs` does it.
fn form_decode(s: &str) -> String {
    url::form_urlencoded::parse(s.as_bytes())
        .next()
        .map(|(k, _)| k.into_owned())
        .unwrap_or_default()
}

fn percent_decode(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len());
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() && b[i + 1].is_ascii_hexdigit() && b[i + 2].is_ascii_hexdigit()
        {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

fn export(bytes: &[u8]) {
    let Ok(export) = serde_json::from_slice::<WorkspaceExport>(bytes) else { return };
    let json = serde_json::to_string(&export).expect("an export serialises");
    let back: WorkspaceExport = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("an export's own JSON does not read back ({e}): {json}"));
    assert!(back == export, "an export changes on a round trip:\n{json}");
}
