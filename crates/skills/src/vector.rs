//! Skill vectors: one or more unit vectors per skill (e.g. its labels and its
//! definition), searched by brute-force dot product — 14,000 × 384 floats is a
//! few milliseconds, with no approximate index to explain.
//!
//! On disk: `PIVOTVEC` magic, format version, a 64-byte key (which model and
//! taxonomy made it), row count, width, then per row the skill id (u32 LE) and
//! the view (u8), then the floats (f32 LE). Loading checks every length.

use crate::taxonomy::SkillId;

const MAGIC: &[u8; 8] = b"PIVOTVEC";
const VERSION: u32 = 1;
const KEY_LEN: usize = 64;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum VectorIndexError {
    #[error("not a Pivot vector index (bad magic)")]
    Magic,
    #[error("vector index format {0}, this Pivot reads {VERSION}")]
    Version(u32),
    #[error("vector index is truncated or has trailing bytes")]
    Length,
    #[error("vector index was built for another model or taxonomy")]
    Stale,
}

/// Which text of a skill a vector stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[repr(u8)]
pub enum View {
    Labels = 0,
    Description = 1,
    Whole = 2,
}

impl View {
    fn from_u8(v: u8) -> Option<View> {
        match v {
            0 => Some(View::Labels),
            1 => Some(View::Description),
            2 => Some(View::Whole),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct VectorIndex {
    key: String,
    dim: usize,
    rows: Vec<(SkillId, View)>,
    data: Vec<f32>,
}

impl VectorIndex {
    pub fn new(key: &str, dim: usize) -> VectorIndex {
        VectorIndex {
            key: key.chars().take(KEY_LEN).collect(),
            dim,
            rows: Vec::new(),
            data: Vec::new(),
        }
    }

    /// Adds a row; `vector` must have the index's width.
    pub fn push(&mut self, skill: SkillId, view: View, vector: &[f32]) {
        assert_eq!(vector.len(), self.dim, "vector width");
        self.rows.push((skill, view));
        self.data.extend_from_slice(vector);
    }

    pub fn key(&self) -> &str {
        &self.key
    }

    pub fn dim(&self) -> usize {
        self.dim
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The skill and view of each row, in row order.
    pub fn rows(&self) -> &[(SkillId, View)] {
        &self.rows
    }

    /// Cosines of several queries with every row: `out[q][row]`. The index is
    /// read once per block of queries rather than once per query — it is tens
    /// of megabytes, so memory, not arithmetic, bounds a scan.
    pub fn scores_many(&self, queries: &[&[f32]]) -> Vec<Vec<f32>> {
        const BLOCK: usize = 8;
        let mut out = vec![vec![0f32; self.rows.len()]; queries.len()];
        if self.dim == 0 || queries.iter().any(|q| q.len() != self.dim) {
            return out;
        }
        for (block_at, block) in queries.chunks(BLOCK).enumerate() {
            for (r, row) in self.data.chunks_exact(self.dim).enumerate() {
                for (k, q) in block.iter().enumerate() {
                    out[block_at * BLOCK + k][r] = dot(row, q);
                }
            }
        }
        out
    }

    /// Cosine of `query` with every row, as (skill, view, cosine).
    pub fn scores(&self, query: &[f32]) -> Vec<(SkillId, View, f32)> {
        if query.len() != self.dim || self.dim == 0 {
            return Vec::new();
        }
        self.rows
            .iter()
            .zip(self.data.chunks_exact(self.dim))
            .map(|(&(skill, view), row)| (skill, view, dot(row, query)))
            .collect()
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(32 + KEY_LEN + self.rows.len() * (5 + 4 * self.dim));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        let mut key = [0u8; KEY_LEN];
        let bytes = self.key.as_bytes();
        key[..bytes.len().min(KEY_LEN)].copy_from_slice(&bytes[..bytes.len().min(KEY_LEN)]);
        out.extend_from_slice(&key);
        out.extend_from_slice(&(self.rows.len() as u64).to_le_bytes());
        out.extend_from_slice(&(self.dim as u32).to_le_bytes());
        for (skill, view) in &self.rows {
            out.extend_from_slice(&skill.0.to_le_bytes());
            out.push(*view as u8);
        }
        for f in &self.data {
            out.extend_from_slice(&f.to_le_bytes());
        }
        out
    }

    /// Reads an index written by [`VectorIndex::to_bytes`]; `expected_key`
    /// guards against an index made by another model or taxonomy.
    pub fn from_bytes(bytes: &[u8], expected_key: &str) -> Result<VectorIndex, VectorIndexError> {
        let mut at = 0usize;
        let mut take = |n: usize| -> Result<&[u8], VectorIndexError> {
            let end = at.checked_add(n).ok_or(VectorIndexError::Length)?;
            let slice = bytes.get(at..end).ok_or(VectorIndexError::Length)?;
            at = end;
            Ok(slice)
        };
        if take(8)? != MAGIC {
            return Err(VectorIndexError::Magic);
        }
        let version =
            u32::from_le_bytes(take(4)?.try_into().map_err(|_| VectorIndexError::Length)?);
        if version != VERSION {
            return Err(VectorIndexError::Version(version));
        }
        let key_bytes = take(KEY_LEN)?;
        let key_end = key_bytes.iter().position(|&b| b == 0).unwrap_or(KEY_LEN);
        let key = String::from_utf8_lossy(&key_bytes[..key_end]).into_owned();
        let wanted: String = expected_key.chars().take(KEY_LEN).collect();
        if key != wanted {
            return Err(VectorIndexError::Stale);
        }
        let rows = u64::from_le_bytes(take(8)?.try_into().map_err(|_| VectorIndexError::Length)?);
        let dim =
            u32::from_le_bytes(take(4)?.try_into().map_err(|_| VectorIndexError::Length)?) as usize;
        let rows = usize::try_from(rows).map_err(|_| VectorIndexError::Length)?;
        let row_bytes = rows.checked_mul(5).ok_or(VectorIndexError::Length)?;
        let float_bytes =
            rows.checked_mul(dim).and_then(|n| n.checked_mul(4)).ok_or(VectorIndexError::Length)?;
        let header = take(row_bytes)?;
        let floats = take(float_bytes)?;
        if at != bytes.len() {
            return Err(VectorIndexError::Length);
        }
        let mut index_rows = Vec::with_capacity(rows);
        for r in header.chunks_exact(5) {
            let skill = SkillId(u32::from_le_bytes([r[0], r[1], r[2], r[3]]));
            let view = View::from_u8(r[4]).ok_or(VectorIndexError::Length)?;
            index_rows.push((skill, view));
        }
        let data =
            floats.chunks_exact(4).map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
        Ok(VectorIndex { key, dim, rows: index_rows, data })
    }
}

/// Dot product in sixteen independent lanes, which the compiler turns into
/// vector instructions without reordering a single sum.
pub(crate) fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut lanes = [0f32; 16];
    let mut ca = a.chunks_exact(16);
    let mut cb = b.chunks_exact(16);
    for (x, y) in (&mut ca).zip(&mut cb) {
        for i in 0..16 {
            lanes[i] += x[i] * y[i];
        }
    }
    let tail: f32 = ca.remainder().iter().zip(cb.remainder()).map(|(x, y)| x * y).sum();
    lanes.iter().sum::<f32>() + tail
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> VectorIndex {
        let mut index = VectorIndex::new("model+taxonomy", 3);
        index.push(SkillId(0), View::Labels, &[1.0, 0.0, 0.0]);
        index.push(SkillId(0), View::Description, &[0.0, 1.0, 0.0]);
        index.push(SkillId(7), View::Whole, &[0.6, 0.8, 0.0]);
        index
    }

    #[test]
    fn round_trips_through_bytes() {
        let index = sample();
        let back = VectorIndex::from_bytes(&index.to_bytes(), "model+taxonomy").unwrap();
        assert_eq!(back, index);
        let scores = back.scores(&[1.0, 0.0, 0.0]);
        assert_eq!(scores[2], (SkillId(7), View::Whole, 0.6));
    }

    #[test]
    fn damaged_or_stale_files_are_refused() {
        let bytes = sample().to_bytes();
        assert_eq!(VectorIndex::from_bytes(&bytes, "other"), Err(VectorIndexError::Stale));
        assert_eq!(VectorIndex::from_bytes(b"PIVOTVEX", "x"), Err(VectorIndexError::Magic));
        for cut in [0, 7, 20, bytes.len() - 1] {
            assert!(VectorIndex::from_bytes(&bytes[..cut], "model+taxonomy").is_err(), "{cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(
            VectorIndex::from_bytes(&longer, "model+taxonomy"),
            Err(VectorIndexError::Length)
        );
        let mut huge = bytes.clone();
        huge[8 + 4 + KEY_LEN..8 + 4 + KEY_LEN + 8].copy_from_slice(&u64::MAX.to_le_bytes());
        assert!(VectorIndex::from_bytes(&huge, "model+taxonomy").is_err());
    }

    #[test]
    fn batched_scores_equal_one_at_a_time() {
        let index = sample();
        let queries: Vec<Vec<f32>> = (0..11).map(|i| vec![i as f32, 1.0, -(i as f32)]).collect();
        let refs: Vec<&[f32]> = queries.iter().map(Vec::as_slice).collect();
        let many = index.scores_many(&refs);
        for (q, row) in queries.iter().zip(&many) {
            let one: Vec<f32> = index.scores(q).into_iter().map(|(_, _, s)| s).collect();
            assert_eq!(&one, row);
        }
    }

    #[test]
    fn dot_matches_the_plain_sum() {
        let a: Vec<f32> = (0..11).map(|i| i as f32 * 0.5).collect();
        let b: Vec<f32> = (0..11).map(|i| 1.0 - i as f32 * 0.1).collect();
        let plain: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
        assert!((dot(&a, &b) - plain).abs() < 1e-5);
    }
}
