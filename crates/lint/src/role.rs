//! Role packs: a role's level ladder and vocabulary, as data (`roles/<id>.toml`).
//!
//! A pack names the role family, then one `[[levels]]` table per rung, lowest first. Each
//! level says what scope and leadership a reader expects there, the audiences a decision
//! must reach, and the words that read junior or senior at that level. Rules reach these
//! lists as word classes: `role.titles`, `level.titles`, `level.junior`, `level.senior`,
//! `level.leadership`, `level.scope`, `level.audiences`.

use crate::error::LoadError;
use crate::phrase::PhraseRegistry;
use serde::{Deserialize, Serialize};

/// Scope a reader expects at a level (all optional; 0 means "no expectation").
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Expectation {
    /// People in the org the person leads or works through.
    #[serde(default)]
    pub team_size: f64,
    /// Teams.
    #[serde(default)]
    pub teams: f64,
    /// Budget or P&L, in US dollars.
    #[serde(default)]
    pub budget_usd: f64,
}

/// One rung of a ladder, as written.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LevelDef {
    /// Stable id used on the command line (`director`).
    pub id: String,
    /// Display name (`Director of Product`).
    pub name: String,
    /// Other names accepted on the command line (`head-of-product`).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Titles that name this level in text (`director of product`, `product director`).
    pub titles: Vec<String>,
    /// Whether this level leads people or leaders.
    #[serde(default)]
    pub leadership: bool,
    /// What scope looks like here, in prose (shown in explanations).
    pub scope: String,
    /// Numbers a reader expects to see.
    #[serde(default)]
    pub expect: Expectation,
    /// Who a decision must reach at this level.
    pub audiences: Vec<String>,
    /// Phrases that show leadership or ownership at this level.
    pub leadership_signals: Vec<String>,
    /// Phrases that show this level's scope.
    pub scope_signals: Vec<String>,
    /// Phrases that read junior for this level.
    #[serde(default)]
    pub junior: Vec<String>,
    /// Phrases that read senior for this level.
    #[serde(default)]
    pub senior: Vec<String>,
}

/// A role pack file, as written.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RolePackDef {
    /// Stable id (`product-management`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// What the pack covers.
    #[serde(default)]
    pub description: String,
    /// Words that name the role family at any level (`product manager`, `product leader`).
    pub titles: Vec<String>,
    /// The ladder, lowest rung first.
    pub levels: Vec<LevelDef>,
    /// Proof-project templates the asset map suggests for gaps.
    #[serde(default)]
    pub proof: Vec<ProofTemplate>,
}

/// A kind of proof project that mirrors a real task of the role: suggested for
/// a gap whose text holds one of `when`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ProofTemplate {
    /// Stable id (`pricing-experiment`).
    pub id: String,
    /// Words or phrases (lower case) of a requirement this template answers.
    pub when: Vec<String>,
    /// What to do, in one imperative sentence.
    pub project: String,
    /// What to hand over at the end.
    pub deliverable: String,
    /// The metric that shows it worked.
    pub measure: String,
    /// Weeks it takes alongside a job.
    #[serde(default = "default_weeks")]
    pub weeks: u8,
}

fn default_weeks() -> u8 {
    4
}

/// Which role-pack vocabulary a rule's class names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RoleClass {
    /// The family's titles plus every level's titles.
    RoleTitles,
    /// Every level's titles, without the family's.
    RoleLevelTitles,
    /// The selected level's titles.
    LevelTitles,
    /// Junior-reading phrases of the selected level.
    LevelJunior,
    /// Senior-reading phrases of the selected level.
    LevelSenior,
    /// Leadership signals of the selected level.
    LevelLeadership,
    /// Scope signals of the selected level.
    LevelScope,
    /// Audiences of the selected level.
    LevelAudiences,
}

impl RoleClass {
    /// Parses `role.titles`, `level.junior`…
    pub fn parse(name: &str) -> Option<RoleClass> {
        Some(match name {
            "role.titles" => RoleClass::RoleTitles,
            "role.level_titles" => RoleClass::RoleLevelTitles,
            "level.titles" => RoleClass::LevelTitles,
            "level.junior" => RoleClass::LevelJunior,
            "level.senior" => RoleClass::LevelSenior,
            "level.leadership" => RoleClass::LevelLeadership,
            "level.scope" => RoleClass::LevelScope,
            "level.audiences" => RoleClass::LevelAudiences,
            _ => return None,
        })
    }
}

/// A compiled level: its classes are phrase groups of the analyzer's phrase index.
#[derive(Debug, Clone)]
pub struct Level {
    /// The level as written.
    pub def: LevelDef,
    /// 1-based rank in the ladder.
    pub rank: u8,
    groups: [Option<usize>; 6],
}

impl Level {
    /// The phrase group of a level class (None when the list is empty).
    pub fn class(&self, class: RoleClass) -> Option<usize> {
        let i = match class {
            RoleClass::RoleTitles | RoleClass::RoleLevelTitles => return None,
            RoleClass::LevelTitles => 0,
            RoleClass::LevelJunior => 1,
            RoleClass::LevelSenior => 2,
            RoleClass::LevelLeadership => 3,
            RoleClass::LevelScope => 4,
            RoleClass::LevelAudiences => 5,
        };
        self.groups[i]
    }

    /// True when `name` is this level's id or an alias (case-insensitive; `-`, `_` and
    /// spaces are the same).
    pub fn answers_to(&self, name: &str) -> bool {
        let norm = |s: &str| s.to_lowercase().replace(['_', ' '], "-");
        let name = norm(name);
        norm(&self.def.id) == name || self.def.aliases.iter().any(|a| norm(a) == name)
    }
}

/// A compiled role pack.
#[derive(Debug, Clone)]
pub struct RolePack {
    /// The pack as written.
    pub def: RolePackDef,
    /// Its levels, lowest first.
    pub levels: Vec<Level>,
    titles: Option<usize>,
    level_titles: Option<usize>,
}

impl RolePack {
    /// Parses and compiles a pack; `path` names it in errors.
    pub(crate) fn parse(
        path: &str,
        text: &str,
        syntax: crate::style::Syntax,
        registry: &mut PhraseRegistry,
    ) -> Result<RolePack, LoadError> {
        let def: RolePackDef = syntax.parse(path, text)?;
        if def.levels.is_empty() {
            return Err(LoadError::new(path, "a role pack needs at least one [[levels]] table")
                .at(text, "levels"));
        }
        let mut levels = Vec::with_capacity(def.levels.len());
        for (i, l) in def.levels.iter().enumerate() {
            if def.levels[..i].iter().any(|o| o.id == l.id) {
                return Err(LoadError::new(path, format!("level id `{}` appears twice", l.id))
                    .at(text, "id"));
            }
            let groups = [
                registry.register(l.titles.iter().map(String::as_str)),
                registry.register(l.junior.iter().map(String::as_str)),
                registry.register(l.senior.iter().map(String::as_str)),
                registry.register(l.leadership_signals.iter().map(String::as_str)),
                registry.register(l.scope_signals.iter().map(String::as_str)),
                registry.register(l.audiences.iter().map(String::as_str)),
            ];
            levels.push(Level {
                def: l.clone(),
                rank: u8::try_from(i + 1).unwrap_or(u8::MAX),
                groups,
            });
        }
        let level_titles = || def.levels.iter().flat_map(|l| l.titles.iter().map(String::as_str));
        Ok(RolePack {
            titles: registry.register(def.titles.iter().map(String::as_str).chain(level_titles())),
            level_titles: registry.register(level_titles()),
            def,
            levels,
        })
    }

    /// The phrase group of the family's and every level's titles.
    pub fn titles(&self) -> Option<usize> {
        self.titles
    }

    /// The phrase group of every level's titles.
    pub fn level_titles(&self) -> Option<usize> {
        self.level_titles
    }

    /// Finds a level by id or alias.
    pub fn level(&self, name: &str) -> Option<&Level> {
        self.levels.iter().find(|l| l.answers_to(name))
    }

    /// The level ids, lowest first, for messages.
    pub fn level_ids(&self) -> Vec<&str> {
        self.levels.iter().map(|l| l.def.id.as_str()).collect()
    }
}
