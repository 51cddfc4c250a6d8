//! How the patterns of a rule file become one regex each. Shared by the loader and by
//! build.rs, which compiles the built-in style's patterns into DFAs under these same strings.

/// A matcher's `patterns`: any of them, case-insensitive.
pub(crate) fn any_of<S: AsRef<str>>(patterns: &[S]) -> String {
    let mut out = String::from("(?i)");
    for (i, p) in patterns.iter().enumerate() {
        if i > 0 {
            out.push('|');
        }
        out.push_str("(?:");
        out.push_str(p.as_ref());
        out.push(')');
    }
    out
}

/// A `[[tokens]]` step's `pattern`: the whole token, case-insensitive.
pub(crate) fn whole_token(pattern: &str) -> String {
    format!("(?i)^(?:{pattern})$")
}
