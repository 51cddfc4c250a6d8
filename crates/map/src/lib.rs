//! The asset map (PRODUCT.md C1–C3): what the target asks for, against what the
//! pivoter can show.
//!
//! 1. **Signals.** Requirements from every posting are grouped when they ask
//!    for the same thing (similar meaning, or the same top skill) and ranked by
//!    how many postings ask, then how many make it a must-have.
//! 2. **Matching.** Each signal is scored against each piece of evidence: the
//!    direct similarity of the texts and the skills they share, mapped through
//!    a logistic to 0–1 (see [`Calibration`]); a leadership target adds a
//!    bonus for evidence that shows scope or leadership on leadership signals.
//! 3. **Verdicts.** Covered, partial or gap per signal; transferable skills
//!    (skills the evidence shows that the target asks for); the cut list
//!    (evidence that supports no signal); proof projects for each gap, built
//!    from the postings' own responsibilities, the ESCO definition of the
//!    missing skill and the role pack's proof templates.
//!
//! Invariants: pure — no I/O, no model code (vectors come through
//! [`pivot_skills::Encoder`]); deterministic — same input, same map, ties
//! broken by input order; never fails on user text: odd input gives
//! diagnostics, not errors.

pub mod inputs;
mod similarity;

use std::collections::{BTreeMap, BTreeSet};

use pivot_lint::{Level, RolePack};
use pivot_skills::{Encoder, Link, Linker, Mode};
use serde::Serialize;

use similarity::WordBag;
pub use similarity::{Calibration, lexical_similarity};

/// A posting, reduced to what the map reads.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PostingInput {
    /// A stable name (the file name).
    pub id: String,
    pub title: Option<String>,
    pub company: Option<String>,
    /// Requirements with must-have (true) or nice-to-have.
    pub requirements: Vec<(String, bool)>,
    /// What the job does: the source of proof projects that mirror real tasks.
    pub responsibilities: Vec<String>,
}

/// Where a piece of evidence comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// A resume bullet.
    Bullet,
    /// A position's summary (resume or LinkedIn).
    Position,
    /// A project.
    Project,
    /// A proof project the pivoter ran for this pivot.
    ProofProject,
    /// The summary or about text.
    Summary,
}

/// One piece of the pivoter's material.
#[derive(Debug, Clone, PartialEq)]
pub struct EvidenceInput {
    /// Stable id, e.g. `resume.pdf#work[0].highlights[2]`.
    pub id: String,
    pub kind: EvidenceKind,
    pub text: String,
    /// Role and company it belongs to, for display.
    pub context: Option<String>,
}

/// The target: role pack and level.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    pub pack: Option<&'a RolePack>,
    pub level: Option<&'a Level>,
}

/// How well a signal is covered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    Covered,
    Partial,
    Gap,
}

/// A requirement as one posting wrote it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ask {
    pub posting: String,
    pub text: String,
    pub must: bool,
}

/// A skill, as the map shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkillRef {
    pub uri: String,
    pub label: String,
    pub score: f32,
}

/// The best evidence for a signal and why it matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    pub evidence: String,
    pub kind: EvidenceKind,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    /// 0–1, calibrated.
    pub score: f32,
    /// Direct similarity of the two texts (cosine).
    pub similarity: f32,
    /// The skill both link to, when they share one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skill: Option<SkillRef>,
    /// Bonus for scope or leadership on a leadership signal.
    pub leadership_bonus: f32,
    /// One sentence a person can check.
    pub why: String,
}

/// What the target asks for, aggregated across postings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signal {
    /// 1 = most asked for.
    pub rank: usize,
    /// Stable id: `s` + the rank.
    pub id: String,
    /// The requirement that speaks for the group (a must-have first).
    pub text: String,
    /// Distinct postings asking.
    pub postings: usize,
    /// Postings that make it a must-have.
    pub must: usize,
    /// Every requirement in the group.
    pub asks: Vec<Ask>,
    /// Skills the requirement links to.
    pub skills: Vec<SkillRef>,
    /// Asks for leadership or scope.
    pub leadership: bool,
    pub coverage: Coverage,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub best: Option<Match>,
    /// Further evidence that also covers it.
    pub also: Vec<Match>,
}

/// A skill the pivoter's material shows that the target asks for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Transferable {
    pub skill: SkillRef,
    /// Evidence ids that show it.
    pub evidence: Vec<String>,
    /// Signal ids that ask for it.
    pub signals: Vec<String>,
}

/// Material that supports no signal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cut {
    pub evidence: String,
    pub kind: EvidenceKind,
    pub text: String,
    /// Its best score against any signal.
    pub best_score: f32,
    /// The signal it came closest to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nearest_signal: Option<String>,
}

/// A proof project for a gap.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProofSuggestion {
    pub signal: String,
    /// The proof template (role pack) or `task` when built from a posting alone.
    pub template: String,
    pub title: String,
    /// A real task from a posting that the project mirrors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mirrors: Option<String>,
    /// The missing skill and its ESCO definition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skill: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skill_definition: Option<String>,
    pub deliverable: String,
    pub measure: String,
    pub weeks: u8,
    /// Why this project for this gap.
    pub why: String,
}

/// The whole map.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssetMap {
    /// `hybrid` with the model, `lexical` without.
    pub mode: Mode,
    /// True when ESCO skills took part.
    pub skills_linked: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    pub postings: usize,
    pub requirements: usize,
    pub evidence: usize,
    pub signals: Vec<Signal>,
    pub transferable: Vec<Transferable>,
    /// Signal ids with no evidence good enough.
    pub gaps: Vec<String>,
    pub cut_list: Vec<Cut>,
    pub proof: Vec<ProofSuggestion>,
    /// Things the user should know (a posting without requirements, …).
    pub diagnostics: Vec<String>,
}

/// Score at or above which a signal counts as covered: the calibrated score is
/// the chance that the evidence covers the requirement, and three in four is
/// "likely".
pub const COVERED: f32 = 0.75;
/// Score at or above which a signal is partly covered: more likely than not.
/// Below it the signal is a gap.
pub const PARTIAL: f32 = 0.5;
/// Evidence scoring below this against every signal goes on the cut list
/// (lower than [`PARTIAL`]: cutting is the stronger advice).
pub const CUT: f32 = 0.3;
/// A posting's task is offered as the thing a proof project mirrors when its
/// match score with the gap is at least this.
const MIRROR: f32 = 0.3;
/// Skills kept per text.
const SKILLS_PER_TEXT: usize = 5;
/// A shared skill counts when both texts link to it at least this well.
const SHARED_SKILL_MIN: f32 = 0.45;
/// Most further matches listed per signal.
const ALSO: usize = 2;

/// Words that make a requirement about leadership or scope, whatever the level.
const LEADERSHIP_WORDS: &[&str] = &[
    "lead",
    "leader",
    "leadership",
    "leading",
    "manage",
    "manager",
    "managers",
    "managing",
    "hire",
    "hiring",
    "coach",
    "coaching",
    "mentor",
    "mentoring",
    "team",
    "teams",
    "org",
    "organisation",
    "organization",
    "people",
    "direct reports",
    "p&l",
    "budget",
    "executive",
    "scale",
    "scaling",
    "vision",
    "influence",
];

/// Builds the asset map. `linker` links texts to ESCO skills when the taxonomy
/// is installed; `encoder` gives sentence vectors when the model is.
pub fn build(
    postings: &[PostingInput],
    evidence: &[EvidenceInput],
    target: Target<'_>,
    linker: Option<&Linker>,
    encoder: Option<&dyn Encoder>,
) -> AssetMap {
    let mut diagnostics = Vec::new();
    let mut asks: Vec<Ask> = Vec::new();
    for p in postings {
        if p.requirements.is_empty() {
            diagnostics.push(format!(
                "{}: no recognisable requirements (no list under a heading such as \
                 \"Requirements\" or \"What you'll bring\"); it adds nothing to the signals",
                p.id
            ));
        }
        for (text, must) in &p.requirements {
            let text = text.trim();
            if is_logistics(text) {
                diagnostics.push(format!(
                    "{}: \"{}\" is about where or how the job is done, not a signal to show",
                    p.id, text
                ));
                continue;
            }
            if !text.is_empty() {
                asks.push(Ask { posting: p.id.clone(), text: text.to_string(), must: *must });
            }
        }
    }
    let evidence: Vec<&EvidenceInput> =
        evidence.iter().filter(|e| !e.text.trim().is_empty()).collect();
    if evidence.is_empty() {
        diagnostics
            .push("no evidence: import a resume, a LinkedIn export or proof projects".into());
    }

    // Every text once: requirements, evidence, responsibilities.
    let responsibilities: Vec<(&str, &str)> = postings
        .iter()
        .flat_map(|p| p.responsibilities.iter().map(move |r| (p.id.as_str(), r.as_str())))
        .filter(|(_, r)| !r.trim().is_empty())
        .collect();
    let texts: Vec<&str> = asks
        .iter()
        .map(|a| a.text.as_str())
        .chain(evidence.iter().map(|e| e.text.as_str()))
        .chain(responsibilities.iter().map(|(_, r)| *r))
        .collect();
    let vectors = encoder.and_then(|e| e.encode(&texts)).filter(|v| v.len() == texts.len());
    let mode = if vectors.is_some() { Mode::Hybrid } else { Mode::Lexical };
    let calibration = Calibration::for_mode(mode);
    // Without vectors, each text's words are stemmed once, not once per pair.
    let bags: Vec<WordBag> = match &vectors {
        Some(_) => Vec::new(),
        None => texts.iter().map(|t| WordBag::new(t)).collect(),
    };
    let similarity = |a: usize, b: usize| -> f32 {
        match &vectors {
            Some(v) => similarity::cosine(&v[a], &v[b]).max(0.0),
            None => bags[a].cosine(&bags[b]),
        }
    };
    // Responsibilities only feed proof suggestions by similarity: no skills needed.
    let linked = asks.len() + evidence.len();
    let mut links: Vec<Vec<Link>> = match linker {
        Some(l) => {
            let refs: Option<Vec<&[f32]>> =
                vectors.as_ref().map(|v| v[..linked].iter().map(Vec::as_slice).collect());
            l.link_many(&texts[..linked], refs.as_deref(), SKILLS_PER_TEXT)
        }
        None => vec![Vec::new(); linked],
    };
    links.resize(texts.len(), Vec::new());
    let skill_ref = |link: &Link| -> Option<SkillRef> {
        let l = linker?;
        let skill = l.taxonomy().get(link.skill);
        Some(SkillRef {
            uri: skill.uri.clone(),
            label: skill.label.clone(),
            score: round(link.score),
        })
    };
    let evidence_at = |i: usize| asks.len() + i;
    let responsibility_at = |i: usize| asks.len() + evidence.len() + i;

    // 1. Group requirements into signals.
    let asks_years: Vec<bool> = asks.iter().map(|a| asks_for_years(&a.text)).collect();
    let mut order: Vec<usize> = (0..asks.len()).collect();
    order.sort_by_key(|&i| (!asks[i].must, i));
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for &i in &order {
        let best = groups
            .iter()
            .enumerate()
            .map(|(g, members)| {
                let sim = members.iter().map(|&m| similarity(i, m)).fold(0f32, f32::max);
                let same_skill = top_skill(&links[i]).is_some()
                    && members.iter().any(|&m| top_skill(&links[m]) == top_skill(&links[i]));
                // "8+ years of product management" and "10+ years in product
                // management" are one ask however differently the rest reads.
                let both_years = asks_years[i] && members.iter().any(|&m| asks_years[m]);
                (g, sim, same_skill, both_years)
            })
            .filter(|&(_, sim, same_skill, both_years)| {
                sim >= calibration.same_signal
                    || (same_skill && sim >= calibration.same_signal * 0.75)
                    || (both_years && sim >= calibration.same_signal * 0.6)
            })
            .map(|(g, sim, _, _)| (g, sim))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        match best {
            Some((g, _)) => groups[g].push(i),
            None => groups.push(vec![i]),
        }
    }
    let leadership_target = target.level.is_some_and(|l| l.def.leadership);
    let mut signals: Vec<(Signal, Vec<usize>)> = groups
        .into_iter()
        .map(|members| {
            let postings_asking: BTreeSet<&str> =
                members.iter().map(|&m| asks[m].posting.as_str()).collect();
            let must: BTreeSet<&str> = members
                .iter()
                .filter(|&&m| asks[m].must)
                .map(|&m| asks[m].posting.as_str())
                .collect();
            let head = members[0];
            let leadership = members.iter().any(|&m| is_leadership(&asks[m].text, target.level));
            let mut skills: BTreeMap<String, SkillRef> = BTreeMap::new();
            for &m in &members {
                for link in links[m].iter().take(3).filter(|l| l.score >= SHARED_SKILL_MIN) {
                    if let Some(s) = skill_ref(link) {
                        let e = skills.entry(s.uri.clone()).or_insert(s.clone());
                        if s.score > e.score {
                            *e = s;
                        }
                    }
                }
            }
            let mut skills: Vec<SkillRef> = skills.into_values().collect();
            skills.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.uri.cmp(&b.uri)));
            skills.truncate(3);
            let mut members_sorted = members.clone();
            members_sorted.sort();
            (
                Signal {
                    rank: 0,
                    id: String::new(),
                    text: asks[head].text.clone(),
                    postings: postings_asking.len(),
                    must: must.len(),
                    asks: members_sorted.iter().map(|&m| asks[m].clone()).collect(),
                    skills,
                    leadership,
                    coverage: Coverage::Gap,
                    best: None,
                    also: Vec::new(),
                },
                members_sorted,
            )
        })
        .collect();
    // Most postings first, then most must-haves; a leadership target lifts
    // leadership signals within a tie; then first appearance.
    signals.sort_by(|(a, am), (b, bm)| {
        b.postings
            .cmp(&a.postings)
            .then(b.must.cmp(&a.must))
            .then((leadership_target && b.leadership).cmp(&(leadership_target && a.leadership)))
            .then(am[0].cmp(&bm[0]))
    });
    for (rank, (signal, _)) in signals.iter_mut().enumerate() {
        signal.rank = rank + 1;
        signal.id = format!("s{}", rank + 1);
    }

    // 2. Match every signal against every piece of evidence.
    let evidence_shows_scope: Vec<bool> =
        evidence.iter().map(|e| shows_scope_or_leadership(&e.text, target.level)).collect();
    let mut best_per_evidence: Vec<(f32, Option<usize>)> = vec![(0.0, None); evidence.len()];
    let mut shared_skills: BTreeMap<String, (SkillRef, BTreeSet<String>, BTreeSet<String>)> =
        BTreeMap::new();
    for (s, (signal, members)) in signals.iter_mut().enumerate() {
        let mut matches: Vec<Match> = Vec::new();
        for (e, ev) in evidence.iter().enumerate() {
            let ei = evidence_at(e);
            let (sim, member) = members
                .iter()
                .map(|&m| (similarity(m, ei), m))
                .fold((0f32, members[0]), |acc, x| if x.0 > acc.0 { x } else { acc });
            let shared = shared_skill(&links[member], &links[ei]);
            let overlap = shared.map_or(0.0, |(_, score)| score);
            // The bonus lifts evidence that already plausibly covers the
            // signal; it must not turn an unrelated scoped bullet into a match.
            let bonus = if leadership_target
                && signal.leadership
                && evidence_shows_scope[e]
                && calibration.score(sim, overlap, 0.0) >= PARTIAL
            {
                calibration.leadership_bonus
            } else {
                0.0
            };
            let score = calibration.score(sim, overlap, bonus);
            if score > best_per_evidence[e].0 {
                best_per_evidence[e] = (score, Some(s));
            }
            if let Some((link, _)) = shared
                && score >= PARTIAL
                && let Some(skill) = skill_ref(link)
            {
                let entry = shared_skills
                    .entry(skill.uri.clone())
                    .or_insert_with(|| (skill.clone(), BTreeSet::new(), BTreeSet::new()));
                entry.1.insert(ev.id.clone());
                entry.2.insert(signal.id.clone());
            }
            let skill = shared.and_then(|(l, _)| skill_ref(l));
            matches.push(Match {
                evidence: ev.id.clone(),
                kind: ev.kind,
                text: ev.text.clone(),
                context: ev.context.clone(),
                score: round(score),
                similarity: round(sim),
                why: why(sim, skill.as_ref(), bonus, mode),
                skill,
                leadership_bonus: bonus,
            });
        }
        matches.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.evidence.cmp(&b.evidence)));
        let best = matches.first().cloned();
        signal.coverage = match best.as_ref().map(|m| m.score) {
            Some(x) if x >= COVERED => Coverage::Covered,
            Some(x) if x >= PARTIAL => Coverage::Partial,
            _ => Coverage::Gap,
        };
        signal.also =
            matches.iter().skip(1).filter(|m| m.score >= PARTIAL).take(ALSO).cloned().collect();
        signal.best = best;
    }

    // 3. Verdicts.
    let gaps: Vec<String> = signals
        .iter()
        .filter(|(s, _)| s.coverage == Coverage::Gap)
        .map(|(s, _)| s.id.clone())
        .collect();
    let cut_list: Vec<Cut> = evidence
        .iter()
        .zip(&best_per_evidence)
        .filter(|(_, (score, _))| *score < CUT)
        .map(|(ev, (score, nearest))| Cut {
            evidence: ev.id.clone(),
            kind: ev.kind,
            text: ev.text.clone(),
            best_score: round(*score),
            nearest_signal: nearest.map(|s| signals[s].0.id.clone()),
        })
        .collect();
    let mut transferable: Vec<Transferable> = shared_skills
        .into_values()
        .map(|(skill, evidence, signals)| Transferable {
            skill,
            evidence: evidence.into_iter().collect(),
            signals: signals.into_iter().collect(),
        })
        .collect();
    transferable.sort_by(|a, b| {
        b.signals
            .len()
            .cmp(&a.signals.len())
            .then(b.evidence.len().cmp(&a.evidence.len()))
            .then(a.skill.uri.cmp(&b.skill.uri))
    });

    let mut proof = Vec::new();
    for (signal, members) in signals.iter().filter(|(s, _)| s.coverage == Coverage::Gap) {
        proof.extend(suggest_proof(
            &calibration,
            signal,
            members,
            &responsibilities,
            &similarity,
            responsibility_at,
            &links,
            linker,
            target,
        ));
    }

    AssetMap {
        mode,
        skills_linked: linker.is_some(),
        level: target.level.map(|l| l.def.name.clone()),
        postings: postings.len(),
        requirements: asks.len(),
        evidence: evidence.len(),
        signals: signals.into_iter().map(|(s, _)| s).collect(),
        transferable,
        gaps,
        cut_list,
        proof,
        diagnostics,
    }
}

/// Office days, relocation, visas, travel: conditions of the job, not
/// something to prove.
fn is_logistics(text: &str) -> bool {
    let w = words(text);
    [
        "office",
        "on site",
        "onsite",
        "relocate",
        "relocation",
        "visa",
        "sponsorship",
        "commute",
        "work authorization",
        "work authorisation",
        "right to work",
        "travel up to",
    ]
    .iter()
    .any(|p| contains_phrase(&w, p))
}

/// Degrees and certificates: "An MBA or CFA", "a PhD", "PMP certification".
fn is_credential(words_text: &str) -> bool {
    [
        "mba",
        "cfa",
        "cpa",
        "phd",
        "ph d",
        "pmp",
        "bachelor",
        "bachelors",
        "master",
        "masters",
        "degree",
        "certification",
        "certificate",
        "certified",
        "licence",
        "license",
    ]
    .iter()
    .any(|p| contains_phrase(words_text, p))
}

/// "8+ years of…", "7-10 years in…", "at least five years".
fn asks_for_years(text: &str) -> bool {
    let w = words(text);
    let counts = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve",
        "fifteen",
    ];
    w.split_whitespace().collect::<Vec<_>>().windows(2).any(|p| {
        (p[1] == "years" || p[1] == "yrs")
            && (p[0].chars().all(|c| c.is_ascii_digit()) || counts.contains(&p[0]))
    })
}

fn round(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

fn top_skill(links: &[Link]) -> Option<pivot_skills::SkillId> {
    links.first().filter(|l| l.score >= SHARED_SKILL_MIN).map(|l| l.skill)
}

/// The skill both texts link to best (geometric mean of the two scores).
fn shared_skill<'a>(a: &'a [Link], b: &[Link]) -> Option<(&'a Link, f32)> {
    a.iter()
        .filter(|l| l.score >= SHARED_SKILL_MIN)
        .filter_map(|la| {
            let lb = b.iter().find(|lb| lb.skill == la.skill && lb.score >= SHARED_SKILL_MIN)?;
            Some((la, (la.score * lb.score).sqrt().min(1.0)))
        })
        .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.skill.cmp(&x.0.skill)))
}

fn words(text: &str) -> String {
    format!(
        " {} ",
        text.to_lowercase()
            .split(|c: char| !c.is_alphanumeric() && c != '&')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    )
}

fn contains_phrase(haystack: &str, phrase: &str) -> bool {
    haystack.contains(&format!(" {} ", phrase.trim()))
}

fn is_leadership(text: &str, level: Option<&Level>) -> bool {
    let w = words(text);
    LEADERSHIP_WORDS.iter().any(|p| contains_phrase(&w, p))
        || level.is_some_and(|l| l.def.leadership_signals.iter().any(|p| contains_phrase(&w, p)))
}

/// Evidence that shows leadership or scope: a team size, budget, revenue or
/// user base, or the level's leadership and scope words.
fn shows_scope_or_leadership(text: &str, level: Option<&Level>) -> bool {
    let scoped = pivot_text::find_quantities(text).iter().any(|q| q.scope.is_some());
    let w = words(text);
    scoped
        || level.is_some_and(|l| {
            l.def
                .leadership_signals
                .iter()
                .chain(&l.def.scope_signals)
                .any(|p| contains_phrase(&w, p))
        })
}

fn why(sim: f32, skill: Option<&SkillRef>, bonus: f32, mode: Mode) -> String {
    let mut parts = vec![format!(
        "{} similarity {:.2}",
        match mode {
            Mode::Hybrid => "meaning",
            Mode::Lexical => "shared-word",
        },
        sim
    )];
    if let Some(s) = skill {
        parts.push(format!("both link to the ESCO skill \"{}\"", s.label));
    }
    if bonus > 0.0 {
        parts.push("shows the scope or leadership the level asks for".into());
    }
    parts.join("; ")
}

#[allow(clippy::too_many_arguments)]
fn suggest_proof(
    calibration: &Calibration,
    signal: &Signal,
    members: &[usize],
    responsibilities: &[(&str, &str)],
    similarity: &dyn Fn(usize, usize) -> f32,
    responsibility_at: impl Fn(usize) -> usize,
    links: &[Vec<Link>],
    linker: Option<&Linker>,
    target: Target<'_>,
) -> Vec<ProofSuggestion> {
    // The postings' own tasks closest to the gap: what the project mirrors.
    let mut tasks: Vec<(f32, usize)> = responsibilities
        .iter()
        .enumerate()
        .map(|(r, _)| {
            let sim =
                members.iter().map(|&m| similarity(m, responsibility_at(r))).fold(0f32, f32::max);
            (sim, r)
        })
        // A task mirrors the gap only when it is about the same thing.
        .filter(|(sim, _)| calibration.score(*sim, 0.0, 0.0) >= MIRROR)
        .collect();
    tasks.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let missing_skill = links[members[0]]
        .first()
        .filter(|l| l.score >= SHARED_SKILL_MIN)
        .and_then(|l| linker.map(|lk| lk.taxonomy().get(l.skill)));
    let (skill, skill_definition) = match missing_skill {
        Some(s) => {
            (Some(s.label.clone()), Some(first_sentence(&s.description)).filter(|d| !d.is_empty()))
        }
        None => (None, None),
    };
    let text = words(&signal.asks.iter().map(|a| a.text.as_str()).collect::<Vec<_>>().join(" "));
    let templates: Vec<&pivot_lint::ProofTemplate> = target
        .pack
        .map(|p| {
            p.def
                .proof
                .iter()
                .filter(|t| t.when.iter().any(|w| text.contains(&format!(" {}", w.to_lowercase()))))
                .collect()
        })
        .unwrap_or_default();
    let asked = format!(
        "{} of the postings ask for it{}; your best evidence scored {:.2}",
        signal.postings,
        if signal.must > 0 { format!(" ({} as a must-have)", signal.must) } else { String::new() },
        signal.best.as_ref().map_or(0.0, |m| m.score)
    );
    let scope = target.level.map(|l| l.def.scope.clone());
    // A degree or certificate is not something a side project can stand in for.
    if is_credential(&text) {
        return vec![ProofSuggestion {
            signal: signal.id.clone(),
            template: "credential".into(),
            title: format!(
                "\"{}\" asks for a credential: no proof project replaces it. Decide whether \
                 to earn it, or show the same ability through outcomes (and say so in the narrative)",
                signal.text.trim_end_matches('.')
            ),
            mirrors: None,
            skill,
            skill_definition,
            deliverable: "A decision, and if you skip it, one bullet that shows the equivalent"
                .into(),
            measure: "Whether the postings that ask make it a must-have".into(),
            weeks: 0,
            why: asked,
        }];
    }
    let mut out = Vec::new();
    for (i, template) in templates.iter().take(2).enumerate() {
        let task = tasks.get(i).or(tasks.first()).map(|&(_, r)| responsibilities[r]);
        out.push(ProofSuggestion {
            signal: signal.id.clone(),
            template: template.id.clone(),
            title: template.project.clone(),
            mirrors: task.map(|(p, t)| format!("{t} ({p})")),
            skill: skill.clone(),
            skill_definition: skill_definition.clone(),
            deliverable: template.deliverable.clone(),
            measure: template.measure.clone(),
            weeks: template.weeks,
            why: match &scope {
                Some(s) if i == 0 => format!("{asked}. At this level: {s}"),
                _ => asked.clone(),
            },
        });
    }
    // One more built from the closest real task itself, when no template
    // already mirrors it.
    if out.len() < 3
        && let Some(&(_, r)) = tasks.iter().find(|(_, r)| {
            let (p, t) = responsibilities[*r];
            let mirror = format!("{t} ({p})");
            !out.iter().any(|o| o.mirrors.as_deref() == Some(mirror.as_str()))
        })
    {
        let (posting, task) = responsibilities[r];
        out.push(ProofSuggestion {
            signal: signal.id.clone(),
            template: "task".into(),
            title: format!(
                "Do a small version of this task from the posting, on a real product: \"{}\"",
                task.trim_end_matches('.')
            ),
            mirrors: Some(format!("{task} ({posting})")),
            skill: skill.clone(),
            skill_definition: skill_definition.clone(),
            deliverable:
                "A written case study: the situation, what you did, the result with its number"
                    .into(),
            measure: "The outcome metric the task is meant to move".into(),
            weeks: 3,
            why: asked.clone(),
        });
    }
    if out.is_empty() {
        out.push(ProofSuggestion {
            signal: signal.id.clone(),
            template: "requirement".into(),
            title: format!(
                "Build proof for \"{}\": a project where you do it and measure the result",
                signal.text.trim_end_matches('.')
            ),
            mirrors: None,
            skill,
            skill_definition,
            deliverable: "A written case study with the result's number".into(),
            measure: "The outcome the requirement exists for".into(),
            weeks: 4,
            why: asked,
        });
    }
    out.truncate(3);
    out
}

fn first_sentence(text: &str) -> String {
    let end = text.find(". ").map_or(text.len(), |i| i + 1);
    text[..end].trim().to_string()
}
