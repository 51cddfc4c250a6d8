//! Serves the workbench on a SQLite file with the word-based engine (no model, no data dir):
//! for trying the pages and for load tests without building the whole `pivot` binary.
//!
//! ```sh
//! cargo run -p pivot-web --example serve -- /tmp/pivot-try.db 127.0.0.1:7878
//! ```

use pivot_store::{DatabaseUrl, Store};
use pivot_web::{AppState, serve};
use pivot_workbench::Workbench;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let db = args.next().unwrap_or_else(|| "pivot-example.db".into());
    let addr = args.next().unwrap_or_else(|| "127.0.0.1:7878".into());
    let store = Store::open(&DatabaseUrl::sqlite_file(std::path::Path::new(&db)))
        .await
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!("listening on http://{}", listener.local_addr()?);
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    serve(AppState::new(Workbench::lexical(store)), listener, shutdown).await
}
