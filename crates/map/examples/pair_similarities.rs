//! Prints, for each labelled pair in tests/fixtures/pairs.tsv, the lexical
//! similarity and (with the model) the MiniLM cosine: the data the match
//! calibration in src/similarity.rs was fitted on.
//! `cargo run --release -p pivot-map --example pair_similarities`
fn main() {
    let pairs: Vec<(String, String, u8)> = include_str!("../tests/fixtures/pairs.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f[0].to_string(), f[1].to_string(), f[2].trim().parse().unwrap())
        })
        .collect();
    let model = pivot_data::data_dir()
        .ok()
        .and_then(|d| pivot_embed::Embedder::load(&pivot_data::model_dir(&d)).ok());
    println!("label\tlexical\tcosine");
    for (req, ev, label) in &pairs {
        let lexical = pivot_map::lexical_similarity(req, ev);
        let cosine = model.as_ref().map_or(f32::NAN, |m| {
            let v = m.embed(&[req.as_str(), ev.as_str()]).unwrap();
            pivot_embed::cosine(&v[0], &v[1])
        });
        println!("{label}\t{lexical:.4}\t{cosine:.4}");
    }
}
