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
//! - a URL that parses has the backend its scheme names; its `redacted()` (and its `Debug`,
//!   and the message of a URL that does not parse) never shows a password. The passwords
//!   are found with the `url` crate, the parser sqlx itself uses: the user-info password
//!   (as written and percent-decoded) and every `password` query parameter (key compared
//!   after the form decoding sqlx's `query_pairs` applies). SQLite URLs are file paths and
//!   carry no password, so only `postgres://` / `postgresql://` URLs are checked;
//! - an export that reads writes back to JSON that reads to the same export.
#![no_main]

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
        Err(e) => {
            assert!(!valid, "Id::parse refused {s:?}: {e}");
        }
    }

    // Database URLs.
    let trimmed = s.trim();
    let postgres = starts_with_ci(trimmed, "postgres://") || starts_with_ci(trimmed, "postgresql://");
    let secrets = if postgres { passwords(trimmed) } else { Vec::new() };
    match DatabaseUrl::parse(s) {
        Ok(url) => {
            assert_eq!(url.backend() == Backend::Postgres, postgres, "{s:?}");
            let redacted = url.redacted();
            if url.backend() == Backend::Sqlite {
                assert!(redacted.starts_with("sqlite://"), "{redacted:?}");
            }
            let debug = format!("{url:?}");
            for secret in &secrets {
                hidden(trimmed, secret, &redacted, "redacted()");
                hidden(trimmed, secret, &debug, "Debug");
            }
        }
        Err(e) => {
            let message = e.to_string();
            for secret in &secrets {
                hidden(trimmed, secret, &message, "the error message");
            }
        }
    }
}

/// Asserts that `shown` does not show `secret`: it holds fewer copies of it than the input
/// did (the password's own copy is gone), or none. Secrets holding `*` are skipped: the
/// `***` that replaces a password could spell them.
fn hidden(input: &str, secret: &str, shown: &str, what: &str) {
    if secret.is_empty() || secret.contains('*') {
        return;
    }
    let in_shown = shown.matches(secret).count();
    let in_input = input.matches(secret).count();
    assert!(
        in_shown == 0 || in_shown < in_input,
        "{what} shows the password {secret:?}:\ninput: {input:?}\nshown: {shown:?}"
    );
}

/// The passwords of a URL as sqlx reads it (`PgConnectOptions::parse_from_url`): the user
/// info's password and every `password` query pair, each as the URL writes it and decoded.
fn passwords(s: &str) -> Vec<String> {
    let Ok(url) = url::Url::parse(s) else { return Vec::new() };
    let mut found = Vec::new();
    if let Some(p) = url.password() {
        found.push(p.to_string());
        found.push(percent_decode(p));
    }
    if let Some(query) = url.query() {
        for pair in query.split('&') {
            let Some((key, value)) = pair.split_once('=') else { continue };
            let decoded_key: String = url::form_urlencoded::parse(key.as_bytes())
                .next()
                .map(|(k, _)| k.into_owned())
                .unwrap_or_default();
            if decoded_key == "password" {
                found.push(value.to_string());
                found.extend(url::form_urlencoded::parse(pair.as_bytes()).map(|(_, v)| v.into_owned()));
            }
        }
    }
    found.retain(|p| !p.is_empty());
    found.sort();
    found.dedup();
    found
}

fn percent_decode(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len());
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && b[i + 1].is_ascii_hexdigit()
            && b[i + 2].is_ascii_hexdigit()
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
