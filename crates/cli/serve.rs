//! `pivot serve`: the web workbench on the user's store.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use crate::args::ServeArgs;
use crate::workspace::{data_dir, database_url, runtime};

pub fn serve(args: ServeArgs) -> Result<ExitCode> {
    let url = database_url(&args.store)?;
    let data_dir = data_dir(&args.store)?;
    let addr: std::net::SocketAddr = args.addr.parse().with_context(|| {
        format!("--addr `{}`: give an address and port, e.g. 127.0.0.1:7878", args.addr)
    })?;
    let rt = runtime()?;
    rt.block_on(async {
        // Bind first: the port is the error users meet most, and it costs nothing to check.
        let listener = match tokio::net::TcpListener::bind(addr).await {
            Ok(l) => l,
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => bail!(
                "port {} is in use (another `pivot serve`?): stop it, or pick another with --addr 127.0.0.1:PORT",
                addr.port()
            ),
            Err(e) => return Err(e).with_context(|| format!("cannot listen on {addr}")),
        };
        let workbench = pivot_workbench::Workbench::open(pivot_workbench::Config {
            database: url.clone(),
            data_dir,
            load_model: !args.no_model,
        })
        .await
        .with_context(|| format!("cannot open the store at {}", url.redacted()))?;
        let local = listener.local_addr()?;
        {
            let mut out = std::io::stdout().lock();
            writeln!(out, "Pivot workbench: http://{local}")?;
            writeln!(out, "Data: {} — press Ctrl-C to stop", url.redacted())?;
            out.flush()?;
        }
        let shutdown = async {
            stop_signal().await;
            eprintln!("stopping: finishing requests in flight, closing the database");
        };
        let state = pivot_web::AppState::new(workbench);
        pivot_web::serve(state, listener, shutdown).await.context("the server stopped")?;
        Ok(ExitCode::SUCCESS)
    })
}

/// Ctrl-C, or SIGTERM from a service manager.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
