//! Charts as SVG, rendered on the server. Every text in them is escaped.

use std::fmt::Write;

use crate::highlight::escape;

/// Colours that pass WCAG AA against white for text and 3:1 for graphics.
const SERIES: [&str; 6] = ["#1f5fbf", "#a34700", "#2e7d32", "#7b3fa0", "#b00040", "#00677f"];

/// Covered / partly covered / gaps as one stacked horizontal bar.
pub fn coverage_bar(covered: i64, partial: i64, gaps: i64) -> String {
    let total = (covered + partial + gaps).max(1) as f64;
    let (w, h) = (600.0, 28.0);
    let label = format!("{covered} covered, {partial} partly covered, {gaps} gaps");
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg id="map-bar" class="chart bar" viewBox="0 0 {w} {h}" width="100%" height="{h}" role="img" aria-label="{label}" preserveAspectRatio="none" xmlns="http://www.w3.org/2000/svg"><title>{label}</title>"#,
        label = escape(&label)
    );
    let mut x = 0.0;
    for (n, class, colour) in
        [(covered, "covered", "#2e7d32"), (partial, "partial", "#b26a00"), (gaps, "gap", "#b00020")]
    {
        if n <= 0 {
            continue;
        }
        let width = w * n as f64 / total;
        let _ = write!(
            s,
            r#"<rect class="{class}" x="{x:.1}" y="0" width="{width:.1}" height="{h}" fill="{colour}"><title>{n} {class}</title></rect>"#
        );
        x += width;
    }
    if covered + partial + gaps == 0 {
        let _ = write!(s, r##"<rect x="0" y="0" width="{w}" height="{h}" fill="#e0e0e0"/>"##);
    }
    s.push_str("</svg>");
    s
}

/// One point of a score series.
#[derive(Debug, Clone)]
pub struct Point {
    /// The series (a narrative's title).
    pub series: String,
    /// Unix ms.
    pub at: i64,
    /// 0–100.
    pub score: i64,
    /// What the point's tooltip says.
    pub label: String,
}

/// Scores over time as a line chart, one line per series, with a legend.
pub fn score_chart(id: &str, points: &[Point]) -> String {
    let (w, h) = (640.0_f64, 240.0_f64);
    let (left, right, top, bottom) = (36.0, 12.0, 12.0, 28.0);
    let plot_w = w - left - right;
    let plot_h = h - top - bottom;
    let mut s = String::new();
    let summary = if points.is_empty() {
        "No saved versions yet".to_string()
    } else {
        let last = &points[points.len() - 1];
        format!("Signal score over time, {} saved version(s); latest {}", points.len(), last.score)
    };
    let _ = write!(
        s,
        r#"<svg id="{id}" class="chart line" viewBox="0 0 {w} {h}" width="100%" role="img" aria-label="{summary}" xmlns="http://www.w3.org/2000/svg"><title>{summary}</title>"#,
        id = escape(id),
        summary = escape(&summary)
    );
    // Axes and grid at 0, 50, 100.
    for v in [0, 25, 50, 75, 100] {
        let y = top + plot_h * (1.0 - v as f64 / 100.0);
        let _ = write!(
            s,
            r##"<line x1="{left}" x2="{x2}" y1="{y:.1}" y2="{y:.1}" stroke="#d0d0d0" stroke-width="1"/><text x="{tx}" y="{ty:.1}" font-size="11" text-anchor="end" fill="#333">{v}</text>"##,
            x2 = w - right,
            tx = left - 6.0,
            ty = y + 4.0
        );
    }
    if points.is_empty() {
        let _ = write!(
            s,
            r##"<text x="{x}" y="{y}" font-size="14" text-anchor="middle" fill="#333">No saved versions yet</text></svg>"##,
            x = left + plot_w / 2.0,
            y = top + plot_h / 2.0
        );
        return s;
    }
    let min_t = points.iter().map(|p| p.at).min().unwrap_or(0);
    let max_t = points.iter().map(|p| p.at).max().unwrap_or(0);
    let span = (max_t - min_t).max(1) as f64;
    let x_of = |p: &Point, i: usize, n: usize| -> f64 {
        if max_t == min_t {
            if n <= 1 { left + plot_w / 2.0 } else { left + plot_w * i as f64 / (n - 1) as f64 }
        } else {
            left + plot_w * (p.at - min_t) as f64 / span
        }
    };
    let y_of = |score: i64| top + plot_h * (1.0 - score.clamp(0, 100) as f64 / 100.0);

    let mut series: Vec<&str> = Vec::new();
    for p in points {
        if !series.contains(&p.series.as_str()) {
            series.push(&p.series);
        }
    }
    let n = points.len();
    for (k, name) in series.iter().enumerate() {
        let colour = SERIES[k % SERIES.len()];
        let pts: Vec<(usize, &Point)> =
            points.iter().enumerate().filter(|(_, p)| p.series == *name).collect();
        let path: Vec<String> = pts
            .iter()
            .map(|(i, p)| format!("{:.1},{:.1}", x_of(p, *i, n), y_of(p.score)))
            .collect();
        if pts.len() > 1 {
            let _ = write!(
                s,
                r#"<polyline class="series" fill="none" stroke="{colour}" stroke-width="2" points="{}"/>"#,
                path.join(" ")
            );
        }
        for (i, p) in &pts {
            // No links inside: the chart is one image (role="img"); the versions are linked
            // from the table beside it.
            let _ = write!(
                s,
                r#"<circle cx="{:.1}" cy="{:.1}" r="4" fill="{colour}"><title>{}</title></circle>"#,
                x_of(p, *i, n),
                y_of(p.score),
                escape(&p.label)
            );
        }
        // Legend under the plot.
        let lx = left + (k as f64) * 150.0;
        let ly = h - 8.0;
        let short: String = name.chars().take(18).collect();
        let _ = write!(
            s,
            r##"<rect x="{lx:.1}" y="{ry:.1}" width="10" height="10" fill="{colour}"/><text x="{tx:.1}" y="{ly:.1}" font-size="11" fill="#222">{}</text>"##,
            escape(&short),
            ry = ly - 9.0,
            tx = lx + 14.0
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_escaped() {
        let p = Point { series: "<script>".into(), at: 1, score: 50, label: "<b> & more".into() };
        let svg = score_chart("score-chart", &[p]);
        assert!(!svg.contains("<script>") && !svg.contains("<b>"));
        assert!(svg.contains("&lt;script&gt;") && svg.contains("&lt;b&gt; &amp; more"));
    }

    #[test]
    fn bar_sums_to_width() {
        let svg = coverage_bar(1, 1, 2);
        assert!(svg.contains("width=\"150.0\"") && svg.contains("width=\"300.0\""));
    }
}
