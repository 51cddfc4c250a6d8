//! Embeds stdin lines and prints sentences per second: `embed_lines MODEL_DIR < lines.txt`.
use std::io::BufRead;
use std::time::Instant;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: embed_lines MODEL_DIR");
    let t = Instant::now();
    let embedder = pivot_embed::Embedder::load(std::path::Path::new(&dir)).expect("load");
    eprintln!("load: {:?}", t.elapsed());
    let lines: Vec<String> = std::io::stdin().lock().lines().map_while(Result::ok).collect();
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let t = Instant::now();
    let v = embedder.embed_uncached(&refs).expect("embed");
    let s = t.elapsed().as_secs_f64();
    eprintln!("{} sentences in {:.3} s: {:.0}/s", v.len(), s, v.len() as f64 / s);
    println!("{:?}", &v[0][..8]);
}
