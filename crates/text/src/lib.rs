//! Pivot's text model.
//!
//! A [`Document`] is the source text split into blocks (headings, paragraphs, list items),
//! sentences and tokens, each with a byte [`Span`] into the source and a line/column on
//! request, plus the outcomes and metrics ([`Quantity`]) found in it.
//!
//! **Invariants:** no I/O, no async, never fails and never panics on any UTF-8 input; every
//! span lies on char boundaries of the source.
//!
//! ```
//! use pivot_text::{Document, Format, QuantityKind};
//! let doc = Document::parse("- Grew ARR from $1M to $2.4M in 9 months", Format::Markdown);
//! assert_eq!(doc.blocks.len(), 1);
//! assert!(doc.quantities.iter().any(|q| q.kind == QuantityKind::BeforeAfter));
//! ```
#![deny(missing_docs)]

mod document;
pub mod embedded;
pub mod hash;
pub mod quantity;
mod sentence;
mod span;
mod token;

pub use document::{Block, BlockKind, Document, Format, Sentence};
pub use quantity::{Quantity, QuantityKind, ScopeKind, find_quantities};
pub use sentence::split_sentences;
pub use span::{LineCol, LineIndex, Span};
pub use token::{
    Token, TokenKind, collapse_whitespace, is_ascii_space, is_word_byte, swar, tokenize,
};
