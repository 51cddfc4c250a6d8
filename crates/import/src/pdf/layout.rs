//! From positioned glyphs to lines in reading order.
//!
//! 1. Glyphs are grouped by the direction of their baseline (so rotated text is read in its
//!    own frame), then into **rows** (same baseline within a fraction of the font size).
//! 2. Each row is cut into **chunks** at horizontal gaps wider than about one em; inside a
//!    chunk, a gap wider than ~0.2 em (beyond the chunk's letter spacing) or a space glyph is a
//!    word break.
//! 3. **Columns**: a region (a page at first) is searched for a vertical strip of whitespace,
//!    at least an em wide, that no chunk crosses over a run of consecutive rows with text on
//!    both sides (a gutter; the one with the most rows on its poorer side wins, at least 3).
//!    Rows above and below the run (a full-width name header, a footer) are laid out on their
//!    own, before and after. Inside the run, each side is *dense* (most of its rows follow the
//!    previous at line spacing) or *sparse* (rows standing apart), and *paired* when the
//!    smaller side stands almost entirely on rows shared with the other:
//!    - sparse left, dense right: headings or dates in a left margin; read row by row, the
//!      margin text a line of its own before the text beside it;
//!    - paired and one side sparse (right-aligned dates), or paired, both dense, at most ten
//!      rows and the left side not running text (a label/value table): row by row, each row
//!      one line;
//!    - otherwise two columns: the left side top to bottom, then the right side, each laid out
//!      recursively (a column may hold columns).
//! 4. A row's chunks are joined into one line (with a wide gap kept as three spaces), except
//!    where a larger-type chunk stands left of smaller text (a side heading).

/// One glyph as the content stream placed it (device space, y up).
#[derive(Debug, Clone)]
pub(crate) struct Glyph {
    /// The Unicode text (may be empty or several characters).
    pub text: String,
    /// Origin.
    pub x: f32,
    /// Origin (baseline).
    pub y: f32,
    /// End of the advance.
    pub end_x: f32,
    /// End of the advance.
    pub end_y: f32,
    /// Direction of the baseline.
    pub dir: (f32, f32),
    /// Font size as seen on the page.
    pub size: f32,
    /// Set in a bold face.
    pub bold: bool,
}

/// A line of a page in reading order, before the document-wide clean-up.
#[derive(Debug, Clone)]
pub(crate) struct PageLine {
    /// Text: words joined by one space, chunks by three.
    pub text: String,
    /// Most of the characters are bold.
    pub bold: bool,
    /// Dominant font size (by characters).
    pub size: f32,
    /// Left edge.
    pub x0: f32,
    /// Baseline (downwards).
    pub y: f32,
    /// Where each word starts: (byte offset in `text`, x).
    pub word_x: Vec<(usize, f32)>,
    /// First line of a new column or region: not vertically comparable with the previous.
    pub new_flow: bool,
}

/// A glyph in the reading frame: x to the right, y downwards.
#[derive(Debug, Clone)]
struct G {
    text: String,
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    bold: bool,
    space: bool,
}

#[derive(Debug, Clone)]
struct Chunk {
    text: String,
    word_x: Vec<(usize, f32)>,
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    chars: usize,
    bold_chars: usize,
    row: usize,
}

/// Lays out one page.
pub(crate) fn page_lines(glyphs: &[Glyph]) -> Vec<PageLine> {
    // Rotation classes: 0 (normal), 1 (90° up), 2 (upside down), 3 (90° down).
    let mut classes: [Vec<G>; 4] = Default::default();
    for g in glyphs {
        let angle = g.dir.1.atan2(g.dir.0);
        let k = ((angle / std::f32::consts::FRAC_PI_2).round() as i32).rem_euclid(4) as usize;
        let rot = |x: f32, y: f32| match k {
            0 => (x, y),
            1 => (y, -x),
            2 => (-x, -y),
            _ => (-y, x),
        };
        let (u0, v0) = rot(g.x, g.y);
        let (u1, _) = rot(g.end_x, g.end_y);
        let text = g.text.replace(['\u{00A0}', '\t'], " ");
        let space = !text.is_empty() && text.chars().all(char::is_whitespace);
        classes[k].push(G {
            text,
            x0: u0.min(u1),
            x1: u0.max(u1),
            y: -v0,
            size: g.size.max(0.5),
            bold: g.bold,
            space,
        });
    }
    // The class with most glyphs is the page's reading direction; others follow it.
    let mut order: Vec<usize> = (0..4).filter(|&k| !classes[k].is_empty()).collect();
    order.sort_by_key(|&k| std::cmp::Reverse(classes[k].len()));
    let mut lines = Vec::new();
    for k in order {
        let chunks = chunks(std::mem::take(&mut classes[k]));
        let layout = Layout::new(chunks);
        let mut out = Vec::new();
        let all: Vec<usize> = (0..layout.chunks.len()).collect();
        layout.order(&all, 0, &mut out);
        for (i, (ids, new_flow)) in out.into_iter().enumerate() {
            lines.push(layout.line(&ids, new_flow || i == 0));
        }
    }
    lines
}

/// Groups glyphs into rows and rows into chunks.
fn chunks(mut glyphs: Vec<G>) -> Vec<Chunk> {
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    // Rows: consecutive (by baseline) glyphs within 0.4 of the smaller size of the row's first
    // glyph's baseline.
    let mut rows: Vec<Vec<G>> = Vec::new();
    let mut row_y = f32::NEG_INFINITY;
    let mut row_size = 0.0f32;
    for g in glyphs {
        let tol = 0.4 * g.size.min(row_size).max(1.0);
        if rows.is_empty() || g.y - row_y > tol {
            row_y = g.y;
            row_size = g.size;
            rows.push(Vec::new());
        }
        if let Some(row) = rows.last_mut() {
            row.push(g);
        }
    }
    let mut out = Vec::new();
    for (row_index, mut row) in rows.into_iter().enumerate() {
        row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        // Drop whitespace glyphs, remembering them as word breaks; drop a glyph drawn twice
        // at (almost) the same place (a fake bold by overprinting).
        let mut kept: Vec<(G, bool)> = Vec::with_capacity(row.len());
        let mut pending_space = false;
        for g in row {
            if g.space {
                pending_space = true;
                continue;
            }
            if let Some((prev, _)) = kept.last_mut()
                && prev.text == g.text
                && (g.x0 - prev.x0).abs() < 0.15 * g.size
                && !g.text.is_empty()
            {
                prev.bold = true;
                continue;
            }
            kept.push((g, pending_space));
            pending_space = false;
        }
        // Cut into chunks at gaps wider than an em.
        let mut start = 0;
        for i in 1..=kept.len() {
            let cut = i == kept.len() || {
                let (a, b) = (&kept[i - 1].0, &kept[i].0);
                b.x0 - a.x1 > a.size.max(b.size) * 1.0
            };
            if cut {
                out.push(make_chunk(&kept[start..i], row_index));
                start = i;
            }
        }
    }
    out
}

fn make_chunk(glyphs: &[(G, bool)], row: usize) -> Chunk {
    // Letter spacing of the chunk: the median gap between letters or digits not separated by a
    // space glyph (dot leaders and punctuation have gaps of their own). A word break is a gap
    // clearly wider than that.
    let alnum = |g: &G| g.text.chars().next().is_some_and(char::is_alphanumeric);
    let mut gaps: Vec<f32> = glyphs
        .windows(2)
        .filter(|w| !w[1].1 && alnum(&w[0].0) && alnum(&w[1].0))
        .map(|w| (w[1].0.x0 - w[0].0.x1).max(0.0))
        .collect();
    gaps.sort_by(f32::total_cmp);
    let tracking = gaps.get(gaps.len() / 2).copied().unwrap_or(0.0);
    let mut text = String::new();
    let mut word_x = Vec::new();
    let (mut chars, mut bold_chars) = (0, 0);
    let mut sizes: Vec<(f32, usize)> = Vec::new();
    for (i, (g, space_before)) in glyphs.iter().enumerate() {
        let new_word = i == 0 || *space_before || {
            let prev = &glyphs[i - 1].0;
            let em = prev.size.max(g.size);
            g.x0 - prev.x1 > tracking.min(0.5 * em) + 0.2 * em
        };
        if new_word {
            if i > 0 {
                text.push(' ');
            }
            word_x.push((text.len(), g.x0));
        }
        text.push_str(&g.text);
        let n = g.text.chars().count();
        chars += n;
        if g.bold {
            bold_chars += n;
        }
        match sizes.iter_mut().find(|(s, _)| (s - g.size).abs() < 0.25) {
            Some((_, c)) => *c += n.max(1),
            None => sizes.push((g.size, n.max(1))),
        }
    }
    let size = sizes.iter().max_by_key(|(_, c)| *c).map_or(0.0, |(s, _)| *s);
    let mut ys: Vec<f32> = glyphs.iter().map(|(g, _)| g.y).collect();
    ys.sort_by(f32::total_cmp);
    Chunk {
        text,
        word_x,
        x0: glyphs.first().map_or(0.0, |(g, _)| g.x0),
        x1: glyphs.iter().map(|(g, _)| g.x1).fold(f32::NEG_INFINITY, f32::max),
        y: ys[ys.len() / 2],
        size,
        chars,
        bold_chars,
        row,
    }
}

/// How a run of rows with a gutter is read.
enum Mode {
    /// Left column, then right column.
    Columns,
    /// Row by row; with `split_left`, what is left of the gutter is a line of its own.
    Rows { split_left: bool, cut: f32 },
}

struct Split {
    above: Vec<usize>,
    left: Vec<usize>,
    right: Vec<usize>,
    below: Vec<usize>,
    mode: Mode,
}

struct Layout {
    chunks: Vec<Chunk>,
    /// Baseline of each row.
    row_y: Vec<f32>,
}

impl Layout {
    fn new(chunks: Vec<Chunk>) -> Layout {
        let rows = chunks.iter().map(|c| c.row + 1).max().unwrap_or(0);
        let mut row_y = vec![0.0; rows];
        for c in &chunks {
            row_y[c.row] = c.y;
        }
        Layout { chunks, row_y }
    }

    /// Appends the lines of a region in reading order: (chunk ids, starts a new flow).
    fn order(&self, ids: &[usize], depth: u32, out: &mut Vec<(Vec<usize>, bool)>) {
        let split = if depth < 6 { self.find_gutter(ids) } else { None };
        let Some(split) = split else {
            self.rows(ids, None, out);
            return;
        };
        self.order(&split.above, depth, out);
        match split.mode {
            Mode::Columns => {
                for side in [&split.left, &split.right] {
                    let first = out.len();
                    self.order(side, depth + 1, out);
                    if let Some(line) = out.get_mut(first) {
                        line.1 = true;
                    }
                }
                let first = out.len();
                self.order(&split.below, depth, out);
                if let Some(line) = out.get_mut(first) {
                    line.1 = true;
                }
            }
            Mode::Rows { split_left, cut } => {
                let band: Vec<usize> = split.left.iter().chain(&split.right).copied().collect();
                self.rows(&band, split_left.then_some(cut), out);
                self.order(&split.below, depth, out);
            }
        }
    }

    /// Lines of a region read row by row.
    fn rows(&self, ids: &[usize], split_at: Option<f32>, out: &mut Vec<(Vec<usize>, bool)>) {
        let mut ids = ids.to_vec();
        ids.sort_by(|&a, &b| {
            let (a, b) = (&self.chunks[a], &self.chunks[b]);
            a.row.cmp(&b.row).then(a.x0.total_cmp(&b.x0))
        });
        let mut i = 0;
        while i < ids.len() {
            let row = self.chunks[ids[i]].row;
            let mut line = vec![ids[i]];
            let mut prev = ids[i];
            i += 1;
            while i < ids.len() && self.chunks[ids[i]].row == row {
                let (prev_chunk, next) = (&self.chunks[prev], &self.chunks[ids[i]]);
                let margin = split_at.is_some_and(|cut| prev_chunk.x1 <= cut && next.x0 >= cut);
                // A side heading set larger than the text beside it.
                let larger = prev_chunk.size > next.size + 1.5;
                if margin || larger {
                    out.push((std::mem::take(&mut line), false));
                }
                line.push(ids[i]);
                prev = ids[i];
                i += 1;
            }
            out.push((line, false));
        }
    }

    /// Looks for the gutter with the most rows of text on both sides.
    fn find_gutter(&self, ids: &[usize]) -> Option<Split> {
        // Too few chunks to hold two columns; too many to search (quadratic) on a hostile page.
        if ids.len() < 6 || ids.len() > 4_000 {
            return None;
        }
        let mut sizes: Vec<f32> = ids.iter().map(|&i| self.chunks[i].size).collect();
        sizes.sort_by(f32::total_cmp);
        let min_width = sizes[sizes.len() / 2].max(4.0);
        // Rows of the region, in order, with their chunks.
        let mut rows: Vec<(usize, Vec<usize>)> = Vec::new();
        let mut sorted = ids.to_vec();
        sorted.sort_by_key(|&i| self.chunks[i].row);
        for i in sorted {
            let row = self.chunks[i].row;
            match rows.last_mut() {
                Some((r, list)) if *r == row => list.push(i),
                _ => rows.push((row, vec![i])),
            }
        }
        if rows.len() < 3 {
            return None;
        }
        let mut candidates: Vec<f32> = ids.iter().map(|&i| self.chunks[i].x1.ceil()).collect();
        candidates.sort_by(f32::total_cmp);
        candidates.dedup();
        // Best: (score, rows in the run, candidate, first row, end row).
        let mut best: Option<(usize, usize, f32, usize, usize)> = None;
        for &a in &candidates {
            let b = a + min_width;
            let (mut start, mut nl, mut nr) = (0, 0, 0);
            for r in 0..=rows.len() {
                let blocked = r == rows.len()
                    || rows[r].1.iter().any(|&i| self.chunks[i].x0 < b && self.chunks[i].x1 > a);
                if blocked {
                    let score = nl.min(nr);
                    if score >= 3 && best.is_none_or(|(s, n, ..)| (score, nl + nr) > (s, n)) {
                        best = Some((score, nl + nr, a, start, r));
                    }
                    start = r + 1;
                    nl = 0;
                    nr = 0;
                    continue;
                }
                let list = &rows[r].1;
                nl += usize::from(list.iter().any(|&i| self.chunks[i].x1 <= a));
                nr += usize::from(list.iter().any(|&i| self.chunks[i].x0 >= b));
            }
        }
        let (_, _, a, start, end) = best?;
        let b = a + min_width;
        let mut split = Split {
            above: Vec::new(),
            left: Vec::new(),
            right: Vec::new(),
            below: Vec::new(),
            mode: Mode::Columns,
        };
        for (r, (_, list)) in rows.iter().enumerate() {
            for &i in list {
                let c = &self.chunks[i];
                if r < start {
                    split.above.push(i);
                } else if r >= end {
                    split.below.push(i);
                } else if c.x1 <= a {
                    split.left.push(i);
                } else if c.x0 >= b {
                    split.right.push(i);
                }
            }
        }
        let left_max = split.left.iter().map(|&i| self.chunks[i].x1).fold(f32::MIN, f32::max);
        let right_min = split.right.iter().map(|&i| self.chunks[i].x0).fold(f32::MAX, f32::min);
        let cut = (left_max + right_min) / 2.0;
        let dense_left = self.dense(&split.left);
        let dense_right = self.dense(&split.right);
        let band_rows = &rows[start..end];
        let with_left = |list: &Vec<usize>| list.iter().any(|&i| self.chunks[i].x1 <= a);
        let with_right = |list: &Vec<usize>| list.iter().any(|&i| self.chunks[i].x0 >= b);
        let both = band_rows.iter().filter(|(_, l)| with_left(l) && with_right(l)).count();
        let lefts = band_rows.iter().filter(|(_, l)| with_left(l)).count();
        let rights = band_rows.iter().filter(|(_, l)| with_right(l)).count();
        // The smaller side stands almost entirely on rows shared with the other: a table, a
        // heading or date beside the first line of its block, a right-aligned date.
        let paired = both as f32 >= 0.8 * lefts.min(rights) as f32;
        let left_x0 = split.left.iter().map(|&i| self.chunks[i].x0).fold(f32::MAX, f32::min);
        let region_x0 = ids.iter().map(|&i| self.chunks[i].x0).fold(f32::MAX, f32::min);
        let region_x1 = ids.iter().map(|&i| self.chunks[i].x1).fold(f32::MIN, f32::max);
        let mut words: Vec<usize> =
            split.left.iter().map(|&i| self.chunks[i].word_x.len()).collect();
        words.sort_unstable();
        let running_text = left_max - left_x0 >= 0.3 * (region_x1 - region_x0)
            && words.get(words.len() / 2).is_some_and(|&w| w >= 3);
        let rows_joined = Mode::Rows { split_left: false, cut };
        split.mode = match (dense_left, dense_right) {
            // Headings or dates in a left margin: row by row, each its own line.
            (false, true) => Mode::Rows { split_left: true, cut },
            // Right-aligned dates or locations stay on their row's line.
            (true, false) | (false, false) if paired => rows_joined,
            // A short label/value table, unless the left is running text that fills its
            // column (two columns that happen to share baselines).
            (true, true) if paired && lefts.min(rights) <= 10 && !running_text => rows_joined,
            _ => Mode::Columns,
        };
        Some(split)
    }

    /// Whether a side's rows follow each other at about line spacing (a column of text) rather
    /// than standing apart (headings or dates in a margin).
    fn dense(&self, ids: &[usize]) -> bool {
        let mut rows: Vec<(usize, f32)> =
            ids.iter().map(|&i| (self.chunks[i].row, self.chunks[i].size)).collect();
        rows.sort_by_key(|r| r.0);
        rows.dedup_by_key(|r| r.0);
        if rows.len() < 3 {
            return false;
        }
        let close = rows
            .windows(2)
            .filter(|w| self.row_y[w[1].0] - self.row_y[w[0].0] <= 2.0 * w[0].1.max(w[1].1))
            .count();
        // Half the rows or more follow the previous one at line spacing (section gaps allowed).
        close * 2 >= rows.len() - 1
    }

    /// Joins a line's chunks.
    fn line(&self, ids: &[usize], new_flow: bool) -> PageLine {
        let mut text = String::new();
        let mut word_x = Vec::new();
        let (mut chars, mut bold_chars) = (0, 0);
        let mut sizes: Vec<(f32, usize)> = Vec::new();
        for (k, &i) in ids.iter().enumerate() {
            let c = &self.chunks[i];
            if k > 0 {
                text.push_str("   ");
            }
            let base = text.len();
            word_x.extend(c.word_x.iter().map(|&(o, x)| (o + base, x)));
            text.push_str(&c.text);
            chars += c.chars;
            bold_chars += c.bold_chars;
            match sizes.iter_mut().find(|(s, _)| (s - c.size).abs() < 0.25) {
                Some((_, n)) => *n += c.chars,
                None => sizes.push((c.size, c.chars)),
            }
        }
        let first = ids.first().map(|&i| &self.chunks[i]);
        PageLine {
            text,
            bold: chars > 0 && bold_chars * 2 >= chars,
            size: sizes.iter().max_by_key(|(_, n)| *n).map_or(0.0, |(s, _)| *s),
            x0: first.map_or(0.0, |c| c.x0),
            y: first.map_or(0.0, |c| c.y),
            word_x,
            new_flow,
        }
    }
}
