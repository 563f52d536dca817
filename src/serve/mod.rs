//! `coopcom serve`: the dashboard, the draft, the budget and the timeline
//! of a workspace in the browser, recomputed whenever a file is saved.
//!
//! - Every page is made in memory from the one analysis; no route reads a
//!   file or writes one, so no path can reach outside the workspace.
//! - A watcher thread ([`crate::watch`]) recomputes the pages after each
//!   debounced change and bumps a version; `/events` (server-sent events)
//!   tells every open page, whose few lines of inline script fetch the page
//!   again and replace its body.
//! - Requests whose `Host` is not the server's own address are refused
//!   (a web page elsewhere cannot reach the server through DNS rebinding).

mod pages;

use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use anyhow::{Context as _, Result, bail};
use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio_stream::StreamExt as _;
use tokio_stream::wrappers::WatchStream;

pub use pages::Pages;

/// The port tried first when none is given, as other development servers do.
pub const DEFAULT_PORT: u16 = 3000;
/// How many ports after the default are tried when it is taken.
const PORT_TRIES: u16 = 20;
/// The version sent to the event streams when the server stops: they end,
/// so that stopping does not wait for the open pages.
const STOPPING: u64 = u64::MAX;

/// What `coopcom serve` was asked for.
#[derive(Debug, Clone)]
pub struct Options {
    /// The workspace folder (found upwards from the current one if `None`).
    pub dir: Option<PathBuf>,
    pub rules: Option<PathBuf>,
    /// The address to listen on (loopback unless asked otherwise).
    pub bind: IpAddr,
    /// `None`: 3000 or the next free port; `Some(0)`: any free port.
    pub port: Option<u16>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            dir: None,
            rules: None,
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: None,
        }
    }
}

/// A server bound to its port, not yet serving.
pub struct Server {
    listener: TcpListener,
    addr: SocketAddr,
    root: PathBuf,
    opts: Options,
}

struct Shared {
    pages: RwLock<Arc<Pages>>,
    version: tokio::sync::watch::Sender<u64>,
    /// The `Host` values accepted: the server's own address and port.
    hosts: Vec<String>,
}

type AppState = Arc<Shared>;

impl Server {
    /// Finds the workspace and binds the port (3000, else the next free
    /// one; exactly the one asked for with `port`).
    pub fn bind(opts: Options) -> Result<Server> {
        let cwd = std::env::current_dir()?;
        let root = crate::workspace::discover(opts.dir.as_deref(), &cwd)?;
        let listener = match opts.port {
            Some(p) => TcpListener::bind((opts.bind, p))
                .with_context(|| format!("cannot listen on {}", SocketAddr::new(opts.bind, p)))?,
            None => bind_first_free(opts.bind)?,
        };
        let addr = listener.local_addr()?;
        Ok(Server {
            listener,
            addr,
            root,
            opts,
        })
    }

    /// The address served, e.g. `http://127.0.0.1:3000/`.
    pub fn url(&self) -> String {
        match self.addr {
            SocketAddr::V6(a) => format!("http://[{}]:{}/", a.ip(), a.port()),
            SocketAddr::V4(a) => format!("http://{}:{}/", a.ip(), a.port()),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Serves until Ctrl-C or SIGTERM; `log` receives one line per
    /// recomputation (for the terminal).
    pub fn run(self, log: impl Fn(&str) + Send + 'static) -> Result<()> {
        let port = self.addr.port();
        let mut hosts = vec![
            format!("127.0.0.1:{port}"),
            format!("localhost:{port}"),
            format!("[::1]:{port}"),
        ];
        match self.opts.bind {
            IpAddr::V4(ip) if !ip.is_loopback() => hosts.push(format!("{ip}:{port}")),
            IpAddr::V6(ip) if !ip.is_loopback() => hosts.push(format!("[{ip}]:{port}")),
            _ => {}
        }
        let first = Arc::new(pages::compute(&self.root, self.opts.rules.as_deref(), 0));
        let (version, _) = tokio::sync::watch::channel(0u64);
        let shared = Arc::new(Shared {
            pages: RwLock::new(first),
            version,
            hosts,
        });
        let out_dir = self.root.join("build");
        let watcher = crate::watch::Watcher::new(&self.root, &[out_dir])?;
        {
            let shared = shared.clone();
            let root = self.root.clone();
            let rules = self.opts.rules.clone();
            std::thread::Builder::new()
                .name("watch".into())
                .spawn(move || {
                    let mut n = 0u64;
                    while let Some(change) = watcher.wait() {
                        n += 1;
                        let what = match &change {
                            crate::watch::Change::Files(f) => f
                                .iter()
                                .map(|p| p.display().to_string())
                                .collect::<Vec<_>>()
                                .join(", "),
                            crate::watch::Change::Error(e) => format!("watching: {e}"),
                        };
                        let pages = Arc::new(pages::compute(&root, rules.as_deref(), n));
                        log(&format!("changed: {what}: {}", pages.summary));
                        if let Ok(mut slot) = shared.pages.write() {
                            *slot = pages;
                        }
                        shared.version.send_replace(n);
                    }
                })
                .context("cannot start the watcher thread")?;
        }
        let app = router(shared.clone());
        self.listener.set_nonblocking(true)?;
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .context("cannot start the server's runtime")?;
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(self.listener)?;
            let stop = shared.clone();
            axum::serve(listener, app)
                .with_graceful_shutdown(async move {
                    stopped().await;
                    stop.version.send_replace(STOPPING);
                })
                .await?;
            anyhow::Ok(())
        })
    }
}

/// Ctrl-C, or SIGTERM on Unix.
async fn stopped() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

fn bind_first_free(ip: IpAddr) -> Result<TcpListener> {
    let mut last = None;
    for port in DEFAULT_PORT..DEFAULT_PORT + PORT_TRIES {
        match TcpListener::bind((ip, port)) {
            Ok(l) => return Ok(l),
            Err(e) => last = Some(e),
        }
    }
    match last {
        Some(e) => bail!(
            "ports {DEFAULT_PORT} to {} on {ip} are all taken ({e}); choose one with --port, or --port 0 for any free port",
            DEFAULT_PORT + PORT_TRIES - 1
        ),
        None => bail!("no port to try"),
    }
}

fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(dashboard))
        .route("/draft", get(draft))
        .route("/budget", get(budget))
        .route("/timeline", get(timeline))
        .route("/timeline.svg", get(timeline_svg))
        .route("/events", get(events))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        .with_state(state)
}

/// Refuses a request whose `Host` is not the server's own, and sets the
/// headers every answer carries: nothing from elsewhere may be loaded.
async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_ascii_lowercase);
    if !host.is_some_and(|h| state.hosts.contains(&h)) {
        return (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "coopcom serve answers only requests addressed to its own address (the Host header differs)\n",
        )
            .into_response();
    }
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

fn current(state: &AppState) -> Arc<Pages> {
    match state.pages.read() {
        Ok(p) => p.clone(),
        Err(poisoned) => poisoned.into_inner().clone(),
    }
}

fn html(body: String) -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

async fn dashboard(State(s): State<AppState>) -> Response {
    html(current(&s).dashboard.clone())
}

async fn draft(State(s): State<AppState>) -> Response {
    html(current(&s).draft.clone())
}

async fn budget(State(s): State<AppState>) -> Response {
    html(current(&s).budget.clone())
}

async fn timeline(State(s): State<AppState>) -> Response {
    html(current(&s).timeline.clone())
}

async fn timeline_svg(State(s): State<AppState>) -> Response {
    match current(&s).svg.clone() {
        Some(svg) => ([(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8")], svg).into_response(),
        None => not_found().await,
    }
}

async fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "not found: coopcom serve has /, /draft, /budget, /timeline, /timeline.svg and /events\n",
    )
        .into_response()
}

/// The event stream: `version` with the pages' version on connecting, then
/// `change` with the new version after each recomputation.
async fn events(State(s): State<AppState>) -> Response {
    let rx = s.version.subscribe();
    let now = *rx.borrow();
    let first = tokio_stream::once(Event::default().event("version").data(now.to_string()));
    let changes = WatchStream::from_changes(rx)
        .take_while(|v| *v != STOPPING)
        .map(|v| Event::default().event("change").data(v.to_string()));
    let stream = first.chain(changes).map(Ok::<_, std::convert::Infallible>);
    Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response()
}
