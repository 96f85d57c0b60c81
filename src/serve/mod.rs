//! `trellis serve`: build into memory, serve it over HTTP on 127.0.0.1, rebuild on
//! change, and reload open pages over server-sent events.
//!
//! Nothing is ever written to the output folder. Requests are answered only from the
//! in-memory site, so no request path can reach a file outside it. A failed rebuild
//! keeps the last good site and shows its errors in the terminal and over the page.

mod http;
mod watch;

use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::Instant;

use anyhow::{Context as _, Result};

use crate::build::{render_site, BuildOptions};
use crate::diag::Failure;
use crate::markdown::Highlighter;
use crate::output::Contents;

pub struct ServeOptions {
    pub build: BuildOptions,
    pub bind: String,
    pub port: u16,
    pub open: bool,
}

/// The site as served: path -> contents, plus the last build error, if any.
#[derive(Default)]
pub struct Snapshot {
    pub files: HashMap<String, Contents>,
    pub error: Option<String>,
}

/// Shared between the builder, the HTTP workers and the event streams.
pub struct State {
    pub site: RwLock<Snapshot>,
    /// Bumped after every rebuild (good or bad); event streams wait on it.
    pub generation: Mutex<u64>,
    pub changed: Condvar,
}

impl State {
    fn bump(&self) {
        let mut g = self.generation.lock().expect("generation lock");
        *g += 1;
        self.changed.notify_all();
    }
}

/// Rebuilds the course into memory, keeping the highlighter (and its cache) alive.
pub struct Builder {
    opts: BuildOptions,
    highlighter: Highlighter,
}

impl Builder {
    pub fn new(opts: BuildOptions) -> Self {
        Builder {
            opts,
            highlighter: Highlighter::new(),
        }
    }

    /// Build and publish into `state`; returns a one-line report for the terminal.
    pub fn rebuild(&self, state: &State) -> String {
        let started = Instant::now();
        let sink = crate::output::MemSink::default();
        let report = match render_site(&self.opts, &self.highlighter, false, &sink) {
            Ok(site) => {
                let n = site.course.lessons.len();
                let files = sink.files.into_inner().expect("sink lock");
                let files = files.into_iter().map(|f| (f.path, f.contents)).collect();
                let mut snap = state.site.write().expect("site lock");
                *snap = Snapshot { files, error: None };
                format!(
                    "rebuilt {n} lessons in {} ms",
                    started.elapsed().as_millis()
                )
            }
            Err(f) => {
                let text = match f {
                    Failure::Invalid(diags) => diags
                        .iter()
                        .map(|d| d.to_string())
                        .collect::<Vec<_>>()
                        .join("\n"),
                    Failure::Other(e) => format!("error: {e:#}"),
                };
                state.site.write().expect("site lock").error = Some(text.clone());
                format!("{text}\nbuild failed; still serving the last good version")
            }
        };
        state.bump();
        report
    }
}

/// Run the preview server until Ctrl-C.
pub fn serve(opts: ServeOptions) -> Result<()> {
    let root = opts.build.root.clone();
    let builder = Builder::new(opts.build);
    let state = Arc::new(State {
        site: RwLock::new(Snapshot::default()),
        generation: Mutex::new(0),
        changed: Condvar::new(),
    });
    eprintln!("{}", builder.rebuild(&state));
    let server = tiny_http::Server::http((opts.bind.as_str(), opts.port))
        .map_err(|e| anyhow::anyhow!("cannot listen on {}:{}: {e}", opts.bind, opts.port))?;
    let addr = server
        .server_addr()
        .to_ip()
        .context("the server has no IP address")?;
    let url = format!("http://{addr}/");
    println!("Serving at {url} (Ctrl-C to stop)");
    if opts.open {
        open_browser(&url);
    }
    let server = Arc::new(server);
    {
        let server = server.clone();
        ctrlc::set_handler(move || {
            eprintln!("\nstopped");
            server.unblock();
            std::process::exit(0);
        })
        .context("cannot install the Ctrl-C handler")?;
    }
    let out_dir = crate::config::load(&root, &Default::default())
        .map(|c| crate::build::output_dir(&root, &c))
        .unwrap_or_else(|_| root.join("public"));
    watch::spawn(&root, &out_dir, builder, state.clone())?;
    http::run(&server, &state);
    Ok(())
}

fn open_browser(url: &str) {
    let cmd = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(cmd).arg(url).spawn().is_err() {
        eprintln!("note: could not open a browser; visit {url}");
    }
}

/// Paths the watcher ignores: the output folder, version control, editors' droppings.
pub fn ignored(path: &std::path::Path, root: &std::path::Path, out_dir: &std::path::Path) -> bool {
    let canon_out = out_dir
        .canonicalize()
        .unwrap_or_else(|_| out_dir.to_path_buf());
    if path.starts_with(out_dir) || path.starts_with(&canon_out) {
        return true;
    }
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.iter().any(|c| {
        let c = c.to_string_lossy();
        c.starts_with('.')
            || c == "target"
            || c.ends_with('~')
            || c.ends_with(".swp")
            || c.ends_with(".tmp")
    })
}
