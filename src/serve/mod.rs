//! `handout serve`: a local web page that makes the handouts, for staff
//! who never use a terminal, and a small API for a library's own website.
//!
//! Safety by construction: the project is read once at start and requests
//! only choose among its ids (no path from a request ever reaches the
//! file system); uploads live in memory for one request; nothing is
//! stored and nothing is fetched from elsewhere (SVG logos must be
//! self-contained). Limits keep the server up: request bodies of at most
//! 6 MB, a bounded number of requests at once and of builds at once, a
//! time limit per request, short text fields, and answers only to
//! `localhost` when bound to it (so that another web site cannot reach it
//! through DNS tricks).

mod reply;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use handout_core::{Files, Problem};
use handout_web::studio::Studio;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

pub use handout_web::form::MAX_BODY;
/// Requests handled at once; more wait their turn.
const MAX_REQUESTS: usize = 64;
/// The longest a request may take before it is answered 503.
const TIME_LIMIT: Duration = Duration::from_secs(30);

/// How to serve.
#[derive(Clone)]
pub struct ServeOptions {
    pub listen: SocketAddr,
    pub files: Arc<dyn Files>,
    /// Started by a double-click ([`crate::window`]): another free port
    /// when this one is taken, the greeting in the window, the page opened
    /// in the browser.
    pub window: bool,
}

/// What every request shares.
#[derive(Clone)]
pub(crate) struct AppState {
    studio: Arc<Studio>,
    /// Builds at once: as many as the machine has cores.
    builds: Arc<Semaphore>,
    /// Only answer requests for `localhost` (bound to a loopback address).
    local_only: bool,
}

/// Serve until Ctrl+C. Errors (the project does not load, the address is
/// taken) are returned as the problem to show.
pub fn run(opts: ServeOptions) -> Result<(), Problem> {
    let studio = Studio::open(Arc::clone(&opts.files)).map_err(|problems| {
        let shown: Vec<String> = problems.iter().map(|p| crate::report::render(p, false)).collect();
        Problem::error(format!("the project cannot be served:\n{}", shown.join("\n")))
    })?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Problem::error(format!("cannot start the server: {e}")))?;
    runtime.block_on(serve(opts, studio))
}

async fn serve(opts: ServeOptions, studio: Studio) -> Result<(), Problem> {
    let listener = listen(&opts).await?;
    let addr = listener.local_addr().map_err(|e| Problem::error(e.to_string()))?;
    let local_only = addr.ip().is_loopback();
    let shown = if local_only || addr.ip().is_unspecified() {
        format!("http://localhost:{}/", addr.port())
    } else {
        format!("http://{addr}/")
    };
    if opts.window {
        println!("{}", crate::window::greeting(&shown));
        if let Err(e) = webbrowser::open(&shown) {
            eprintln!("note: the browser could not be opened ({e}): type the address into it");
        }
    } else {
        // The first line on stdout is the address: tests and scripts read it.
        println!("handout serves the web page at {shown}  (Ctrl+C stops it)");
    }
    if !local_only {
        eprintln!(
            "warning: listening on {addr}, not only on this computer: anyone who can reach it on the network \
             can use the page (at this computer's address, port {}). It stores nothing; use --listen 127.0.0.1:{} \
             to keep it to this computer",
            addr.port(),
            addr.port()
        );
    }
    eprintln!("note: using {}", opts.files.describe());
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let state = AppState { studio: Arc::new(studio), builds: Arc::new(Semaphore::new(cores)), local_only };
    axum::serve(listener, app(state)).with_graceful_shutdown(ctrl_c()).await.map_err(|e| Problem::error(e.to_string()))
}

/// The address asked for; in a window, any free port when that one is
/// taken (another handout may be running).
async fn listen(opts: &ServeOptions) -> Result<tokio::net::TcpListener, Problem> {
    let cannot = |e: std::io::Error| Problem::error(format!("cannot listen on {}: {e}", opts.listen));
    match tokio::net::TcpListener::bind(opts.listen).await {
        Err(e) if opts.window && e.kind() == std::io::ErrorKind::AddrInUse => {
            tokio::net::TcpListener::bind(SocketAddr::new(opts.listen.ip(), 0)).await.map_err(cannot)
        }
        bound => bound.map_err(cannot),
    }
}

/// Until Ctrl+C, or (on Unix) the SIGTERM with which a container or
/// systemd stops the server: open requests are answered first.
async fn ctrl_c() {
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

/// The routes, behind the limits.
fn app(state: AppState) -> Router {
    use reply::*;
    Router::new()
        .route("/", get(home).post(preview_page))
        .route("/health", get(|| async { "ok" }))
        .route("/pdf", post(pdf))
        .route("/zip", post(zip))
        .route("/download", post(download))
        .route("/preview", post(preview))
        .route("/assets/{name}", get(asset))
        .fallback(not_found)
        // The last layer is the outermost: the guard sees every answer,
        // the limits' own ones too, and gives them words and headers.
        // A bug that panics in a handler answers 500; the server goes on.
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(reply::panicked))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(RequestBodyLimitLayer::new(MAX_BODY))
        .layer(TimeoutLayer::with_status_code(axum::http::StatusCode::SERVICE_UNAVAILABLE, TIME_LIMIT))
        .layer(axum::middleware::from_fn_with_state(state.clone(), guard))
        .layer(tower::limit::ConcurrencyLimitLayer::new(MAX_REQUESTS))
        .with_state(state)
}
