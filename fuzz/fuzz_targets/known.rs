//! Known, reported, not-yet-fixed bugs, so a long run can go on past them.
//!
//! Off by default: a plain `cargo fuzz run` reproduces them. Set `PIVOT_FUZZ_SKIP_KNOWN=1` to
//! skip inputs that hit one (and find the next bug instead). Remove an entry once it is fixed;
//! its reproducer stays in `fuzz/regressions/`.

use std::sync::LazyLock;

static SKIP: LazyLock<bool> =
    LazyLock::new(|| std::env::var_os("PIVOT_FUZZ_SKIP_KNOWN").is_some_and(|v| v == "1"));

/// Plain-text bullets that `list_marker_len` (crates/text/src/document.rs) recognises.
const BULLETS: &[&str] =
    &["•", "▪", "◦", "‣", "●", "○", "■", "□", "➢", "►", "–", "—", "·", "-", "*", "+"];

/// regressions/text_model-nbsp-bullet: in plain text a bullet followed by a no-break space
/// (U+00A0, two bytes) counts the space as one byte, so the item starts inside the NBSP.
pub fn plain_nbsp_bullet(text: &str) -> bool {
    *SKIP
        && text.split('\n').any(|line| {
            let t = line.trim_start();
            BULLETS.iter().any(|b| t.strip_prefix(b).is_some_and(|r| r.starts_with('\u{a0}')))
        })
}
