//! From imported documents (pivot-import's model) to the map's inputs.

use std::collections::HashSet;

use pivot_import::model::Work;
use pivot_import::{Posting, Resume};

use crate::{EvidenceInput, EvidenceKind, PostingInput};

/// A posting as the map reads it; `id` names it (the file name).
pub fn posting_input(id: &str, posting: &Posting) -> PostingInput {
    PostingInput {
        id: id.to_string(),
        title: posting.title.clone(),
        company: posting.company.clone(),
        requirements: posting.requirements.iter().map(|r| (r.text.clone(), r.must)).collect(),
        responsibilities: posting.responsibilities.clone(),
    }
}

/// Every piece of evidence in a resume (or LinkedIn export): summary, bullets,
/// position descriptions, projects. `file` prefixes the ids.
pub fn resume_evidence(file: &str, resume: &Resume) -> Vec<EvidenceInput> {
    let mut out = Vec::new();
    if let Some(summary) = &resume.basics.summary {
        for (k, piece) in pieces(summary).into_iter().enumerate() {
            out.push(EvidenceInput {
                id: format!("{file}#basics.summary[{k}]"),
                kind: EvidenceKind::Summary,
                text: piece,
                context: None,
            });
        }
    }
    for (section, works) in [("work", &resume.work), ("volunteer", &resume.volunteer)] {
        for (i, work) in works.iter().enumerate() {
            let context = work_context(work);
            for (j, h) in work.highlights.iter().enumerate() {
                out.push(EvidenceInput {
                    id: format!("{file}#{section}[{i}].highlights[{j}]"),
                    kind: EvidenceKind::Bullet,
                    text: h.text.trim().to_string(),
                    context: context.clone(),
                });
            }
            let description = work.summary.as_deref().or(work.description.as_deref());
            for (k, piece) in description.map(pieces).unwrap_or_default().into_iter().enumerate() {
                out.push(EvidenceInput {
                    id: format!("{file}#{section}[{i}].summary[{k}]"),
                    kind: EvidenceKind::Position,
                    text: piece,
                    context: context.clone(),
                });
            }
        }
    }
    for (i, project) in resume.projects.iter().enumerate() {
        let context = project.name.clone();
        if let Some(d) = &project.description {
            for (k, piece) in pieces(d).into_iter().enumerate() {
                out.push(EvidenceInput {
                    id: format!("{file}#projects[{i}].description[{k}]"),
                    kind: EvidenceKind::Project,
                    text: piece,
                    context: context.clone(),
                });
            }
        }
        for (j, h) in project.highlights.iter().enumerate() {
            out.push(EvidenceInput {
                id: format!("{file}#projects[{i}].highlights[{j}]"),
                kind: EvidenceKind::Project,
                text: h.text.trim().to_string(),
                context: context.clone(),
            });
        }
    }
    out.retain(|e| e.text.split_whitespace().count() >= 3);
    out
}

/// Proof projects or other evidence written one item per line (Markdown list
/// markers and headings are dropped).
pub fn line_evidence(file: &str, text: &str) -> Vec<EvidenceInput> {
    text.lines()
        .enumerate()
        .filter_map(|(n, line)| {
            let t = line.trim().trim_start_matches(['-', '*', '•', '+']).trim();
            (t.split_whitespace().count() >= 3 && !t.starts_with('#')).then(|| EvidenceInput {
                id: format!("{file}:{}", n + 1),
                kind: EvidenceKind::ProofProject,
                text: t.to_string(),
                context: None,
            })
        })
        .collect()
}

/// Drops evidence whose text was already seen (a resume and a LinkedIn export
/// often say the same thing); the first keeps its id.
pub fn dedupe(evidence: Vec<EvidenceInput>) -> Vec<EvidenceInput> {
    let mut seen = HashSet::new();
    evidence
        .into_iter()
        .filter(|e| {
            let key: String =
                e.text.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect();
            seen.insert(key)
        })
        .collect()
}

fn work_context(work: &Work) -> Option<String> {
    match (&work.position, &work.name) {
        (Some(p), Some(n)) => Some(format!("{p}, {n}")),
        (Some(p), None) => Some(p.clone()),
        (None, Some(n)) => Some(n.clone()),
        (None, None) => None,
    }
}

/// A description as evidence pieces: its lines, and long lines cut into
/// sentences.
fn pieces(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim().trim_start_matches(['-', '*', '•']).trim();
        if line.is_empty() {
            continue;
        }
        if line.split_whitespace().count() <= 40 {
            out.push(line.to_string());
        } else {
            for span in pivot_text::split_sentences(line) {
                let s = line[span.start..span.end].trim();
                if !s.is_empty() {
                    out.push(s.to_string());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proof_lines_drop_markers_headings_and_fragments() {
        let e =
            line_evidence("proof.md", "# Proof\n- Ran a pricing test with 2 variants\n* ok\n\n");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].id, "proof.md:2");
        assert_eq!(e[0].text, "Ran a pricing test with 2 variants");
    }

    #[test]
    fn duplicates_keep_the_first() {
        let mk = |id: &str, t: &str| EvidenceInput {
            id: id.into(),
            kind: EvidenceKind::Bullet,
            text: t.into(),
            context: None,
        };
        let out = dedupe(vec![
            mk("a", "Led the launch."),
            mk("b", "led the launch"),
            mk("c", "Other thing here"),
        ]);
        assert_eq!(out.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["a", "c"]);
    }
}
