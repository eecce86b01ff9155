//! `vntext serve`: a read-only web service over an index (JSON API under
//! `/api/`, see [`api`]) and a web page at `/` whose assets are compiled
//! into the binary.
//!
//! Requests share one [`Engine`]; each takes the reader's current searcher,
//! and the reader reloads itself shortly after an index run commits, so a
//! running server sees new reports without a restart. Searches run on
//! tokio's blocking pool, never on the async workers.

pub mod api;

use crate::search::Engine;
use anyhow::Context;
use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

/// Limits on what a client may ask.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Longest query, in characters.
    pub max_query_chars: usize,
    /// Most hits per page.
    pub max_per_page: usize,
    /// Deepest hit reachable by paging (`page * per_page`).
    pub max_depth: usize,
    /// Largest request body (POST /api/extract), in bytes.
    pub max_body: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_query_chars: 1000,
            max_per_page: 100,
            max_depth: 10_000,
            max_body: 1 << 20,
        }
    }
}

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    engine: Arc<Engine>,
    pub limits: Limits,
}

impl AppState {
    pub fn new(engine: Engine, limits: Limits) -> AppState {
        AppState {
            engine: Arc::new(engine),
            limits,
        }
    }

    /// The engine over the newest committed state of the index.
    pub fn engine(&self) -> Engine {
        let mut e = (*self.engine).clone();
        e.searcher = e.reader.searcher();
        e
    }
}

const INDEX_HTML: &str = include_str!("assets/index.html");
const APP_JS: &str = include_str!("assets/app.js");
const STYLE_CSS: &str = include_str!("assets/style.css");

fn asset(body: &'static str, content_type: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
        ],
        body,
    )
        .into_response()
}

async fn index_html() -> Response {
    let mut r = asset(INDEX_HTML, "text/html; charset=utf-8");
    r.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    r
}

async fn app_js() -> Response {
    asset(APP_JS, "text/javascript; charset=utf-8")
}

async fn style_css() -> Response {
    asset(STYLE_CSS, "text/css; charset=utf-8")
}

async fn not_found_page() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Not found. The search page is at /\n",
    )
        .into_response()
}

/// The whole application: page, assets and API.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(index_html))
        .route("/app.js", get(app_js))
        .route("/style.css", get(style_css))
        .route("/api/", get(api::info))
        .nest("/api", api::router(state.limits))
        .fallback(not_found_page)
        .with_state(state)
}

/// Bind `addr`, print the bound address on stdout (`serving http://…/`:
/// with port 0 the system picks a free one) and serve until Ctrl-C or
/// SIGTERM.
/// Each query searches the index's segments on `search_threads` threads.
pub fn run(
    index_dir: &Path,
    addr: SocketAddr,
    limits: Limits,
    search_threads: usize,
) -> anyhow::Result<()> {
    let engine = Engine::open_with_threads(index_dir, search_threads)
        .with_context(|| format!("opening the index in {}", index_dir.display()))?;
    let docs = engine.num_docs();
    let state = AppState::new(engine, limits);
    // The query parser recurses; a roomy stack on every thread (reserved,
    // not committed) on top of the API's nesting limit.
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(16 << 20)
        .build()
        .context("starting the async runtime")?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("binding {addr}"))?;
        let bound = listener.local_addr()?;
        if !bound.ip().is_loopback() {
            eprintln!(
                "vntext: warning: listening on {bound}, reachable from other machines (the service has no authentication)"
            );
        }
        {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            writeln!(
                out,
                "vntext: serving http://{bound}/ (index {}, {docs} report(s)); Ctrl-C stops",
                index_dir.display()
            )?;
            out.flush()?;
        }
        axum::serve(listener, router(state))
            .with_graceful_shutdown(shutdown())
            .await
            .context("serving")
    })
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
