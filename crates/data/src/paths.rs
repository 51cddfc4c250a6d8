//! Where Pivot keeps its data: `$PIVOT_DATA_DIR`, else `$XDG_DATA_HOME/pivot`, else
//! `$HOME/.local/share/pivot`.

use crate::DataError;
use crate::manifest::{MODEL, TAXONOMY};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The data directory from the process environment (see [`data_dir_from`]).
pub fn data_dir() -> Result<PathBuf, DataError> {
    data_dir_from(
        std::env::var_os("PIVOT_DATA_DIR"),
        std::env::var_os("XDG_DATA_HOME"),
        std::env::var_os("HOME"),
    )
}

/// The data directory from the values of `PIVOT_DATA_DIR`, `XDG_DATA_HOME` and `HOME`.
///
/// Empty values count as unset. A relative `XDG_DATA_HOME` is ignored, as the XDG base
/// directory specification asks; `PIVOT_DATA_DIR` is the user's explicit choice and is taken
/// as given.
pub fn data_dir_from(
    pivot_data_dir: Option<OsString>,
    xdg_data_home: Option<OsString>,
    home: Option<OsString>,
) -> Result<PathBuf, DataError> {
    let set = |v: Option<OsString>| v.filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(dir) = set(pivot_data_dir) {
        return Ok(dir);
    }
    if let Some(xdg) = set(xdg_data_home).filter(|p| p.is_absolute()) {
        return Ok(xdg.join("pivot"));
    }
    if let Some(home) = set(home) {
        return Ok(home.join(".local/share/pivot"));
    }
    Err(DataError::NoDataDir)
}

/// The embedding model's files: `DATA/model/all-MiniLM-L6-v2`.
pub fn model_dir(data: &Path) -> PathBuf {
    MODEL.dir_in(data)
}

/// The ESCO taxonomy's files: `DATA/esco`.
pub fn esco_dir(data: &Path) -> PathBuf {
    TAXONOMY.dir_in(data)
}

/// Computed indexes (e.g. skill embeddings) that other crates store: `DATA/index`.
pub fn index_dir(data: &Path) -> PathBuf {
    data.join("index")
}

/// Wheels being fetched, kept until they are installed: `DATA/downloads`.
pub fn downloads_dir(data: &Path) -> PathBuf {
    data.join("downloads")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// PIVOT_DATA_DIR, XDG_DATA_HOME, HOME, and the data directory expected.
    type Case =
        (Option<&'static str>, Option<&'static str>, Option<&'static str>, Option<&'static str>);

    fn resolve(p: Option<&str>, x: Option<&str>, h: Option<&str>) -> Option<PathBuf> {
        data_dir_from(p.map(Into::into), x.map(Into::into), h.map(Into::into)).ok()
    }

    #[test]
    fn data_dir_resolution() {
        let cases: &[Case] = &[
            (Some("/d"), Some("/x"), Some("/h"), Some("/d")),
            (Some("rel/d"), None, None, Some("rel/d")),
            (None, Some("/x"), Some("/h"), Some("/x/pivot")),
            (Some(""), Some("/x"), Some("/h"), Some("/x/pivot")),
            (None, Some(""), Some("/h"), Some("/h/.local/share/pivot")),
            (None, Some("relative"), Some("/h"), Some("/h/.local/share/pivot")),
            (None, None, Some("/h"), Some("/h/.local/share/pivot")),
            (None, None, Some(""), None),
            (None, None, None, None),
        ];
        for &(p, x, h, want) in cases {
            assert_eq!(resolve(p, x, h), want.map(PathBuf::from), "{p:?} {x:?} {h:?}");
        }
    }

    #[test]
    fn component_dirs() {
        let d = Path::new("/d");
        assert_eq!(model_dir(d), Path::new("/d/model/all-MiniLM-L6-v2"));
        assert_eq!(esco_dir(d), Path::new("/d/esco"));
        assert_eq!(index_dir(d), Path::new("/d/index"));
        assert_eq!(downloads_dir(d), Path::new("/d/downloads"));
    }
}
