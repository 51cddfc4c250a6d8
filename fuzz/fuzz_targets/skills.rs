//! Fuzzes the skills layer's parsers and the linker: an ESCO-shaped CSV
//! (`Taxonomy::parse_csv`), a benchmark CSV (`EvalSet::parse_csv`) and a
//! vector-index file (`VectorIndex::from_bytes`) never panic; whatever parses
//! links sentences without panicking, with scores in range, deterministically;
//! and the asset map's lexical similarity stays in [0, 1].
//!
//! Input: the first byte selects the parser (b % 3), the rest is its input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pivot_skills::{EvalSet, Linker, Taxonomy, VectorIndex};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    match selector % 3 {
        0 => {
            let Ok(text) = std::str::from_utf8(rest) else { return };
            let Ok(taxonomy) = Taxonomy::parse_csv(text) else { return };
            let linker = Linker::new(taxonomy);
            for sentence in text.lines().take(4) {
                let a = linker.link(sentence, None, 5);
                assert!(a.iter().all(|l| (0.0..=1.0).contains(&l.score)));
                assert_eq!(a, linker.link(sentence, None, 5));
                let s = pivot_map::lexical_similarity(sentence, text);
                assert!((0.0..=1.0001).contains(&s), "{s}");
            }
        }
        1 => {
            let Ok(text) = std::str::from_utf8(rest) else { return };
            if let Ok(set) = EvalSet::parse_csv(text) {
                assert!(set.sentences.iter().all(|(_, gold)| !gold.is_empty()));
            }
        }
        _ => {
            if let Ok(index) = VectorIndex::from_bytes(rest, "key") {
                let back = index.to_bytes();
                assert_eq!(VectorIndex::from_bytes(&back, "key").as_ref(), Ok(&index));
            }
        }
    }
});
