//! `trellis serve`: build into memory, serve it over HTTP on 127.0.0.1, rebuild on
//! change, and reload open pages over server-sent events.
//!
//! Nothing is ever written to the output folder. Requests are answered only from the
//! in-memory site, so no request path can reach a file outside it. A failed rebuild
//! keeps the last good site and shows its errors in the terminal and over the page.
//! On a loopback bind only loopback `Host` names are answered; a network bind warns.

mod http;
pub mod incremental;
mod live;
mod watch;

use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Instant;

use anyhow::{Context as _, Result};

use crate::build::BuildOptions;
use crate::diag::Failure;
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
    pub generation: tokio::sync::watch::Sender<u64>,
}

impl Snapshot {
    /// Take in the refreshed files made from every lesson. The search index may
    /// now have fewer shards than before: the ones it no longer has go.
    fn absorb_aggregates(&mut self, agg: crate::serve::incremental::Aggregates) {
        // A print part or packet an edit left out goes too.
        for gone in &agg.gone {
            self.files.remove(gone);
        }
        let files = agg.files;
        if files.iter().any(|f| crate::search::is_shard(&f.path)) {
            let fresh: std::collections::HashSet<&str> =
                files.iter().map(|f| f.path.as_str()).collect();
            self.files
                .retain(|path, _| !crate::search::is_shard(path) || fresh.contains(path.as_str()));
        }
        self.files
            .extend(files.into_iter().map(|f| (f.path, f.contents)));
    }
}

impl State {
    fn bump(&self) {
        self.generation.send_modify(|g| *g += 1);
    }

    /// The site for writing; a panic elsewhere while it was held leaves it usable.
    fn site_mut(&self) -> std::sync::RwLockWriteGuard<'_, Snapshot> {
        self.site.write().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Rebuilds the course into memory: in full at first and after changes to
/// templates or configuration, otherwise only what a change touches.
pub struct Builder {
    session: incremental::Session,
}

impl Builder {
    pub fn new(opts: BuildOptions) -> Self {
        Builder {
            session: incremental::Session::new(opts),
        }
    }

    /// Rebuild after `changed` (everything when empty), publish into `state`, and
    /// return a report for the terminal.
    pub fn rebuild(&mut self, state: &State, changed: &[std::path::PathBuf]) -> String {
        let started = Instant::now();
        let outcome = if changed.is_empty() {
            self.session.full()
        } else {
            self.session.apply(changed)
        };
        let report = match outcome {
            Ok(out) => {
                let mut snap = state.site_mut();
                if out.full {
                    snap.files.clear();
                }
                let n = out.rerendered.len();
                snap.files
                    .extend(out.files.into_iter().map(|f| (f.path, f.contents)));
                snap.error = None;
                drop(snap);
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                if out.full {
                    format!("rebuilt everything ({n} files) in {ms:.0} ms")
                } else {
                    format!("re-rendered {} in {ms:.1} ms", out.rerendered.join(", "))
                }
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
                state.site_mut().error = Some(text.clone());
                state.bump();
                return format!("{text}\nbuild failed; still serving the last good version");
            }
        };
        // Reload open pages now; the course-wide files follow.
        state.bump();
        match self.session.aggregates() {
            Ok(files) => state.site_mut().absorb_aggregates(files),
            Err(_) => {
                return format!(
                    "{report}; the packet, print document or search index could not be refreshed"
                )
            }
        }
        report
    }
}

/// Run the preview server until Ctrl-C, or until a fatal server error, returned.
pub fn serve(opts: ServeOptions) -> Result<()> {
    let root = opts.build.root.clone();
    let state = Arc::new(State {
        site: RwLock::new(Snapshot::default()),
        generation: tokio::sync::watch::Sender::new(0),
    });
    let mut builder = Builder::new(opts.build);
    eprintln!("{}", builder.rebuild(&state, &[]));
    let listener = std::net::TcpListener::bind((opts.bind.as_str(), opts.port))
        .with_context(|| format!("cannot listen on {}:{}", opts.bind, opts.port))?;
    let addr = listener
        .local_addr()
        .context("the server has no IP address")?;
    let hosts = if addr.ip().is_loopback() {
        http::Hosts::Loopback {
            ip: addr.ip(),
            port: addr.port(),
        }
    } else {
        eprintln!(
            "warning: serving on {addr}: the course, facilitator pages included, is visible \
             to other devices on your network; leave out --bind to keep it on this computer"
        );
        http::Hosts::Any
    };
    let url = format!("http://{addr}/");
    println!("Serving at {url} (Ctrl-C to stop)");
    if opts.open {
        open_browser(&url);
    }
    ctrlc::set_handler(|| {
        eprintln!("\nstopped");
        std::process::exit(0);
    })
    .context("cannot install the Ctrl-C handler")?;
    let out_dir = crate::config::load(&root, &Default::default())
        .map(|c| crate::build::config_output_dir(&root, &c))
        .unwrap_or_else(|_| root.join("public"));
    watch::spawn(&root, &out_dir, builder, state.clone())?;
    http::run(listener, state, hosts).context("the server stopped")
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

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &std::path::Path, rel: &str, text: &str) {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// A lesson of many distinct words: enough for several term shards.
    fn wordy(n: usize) -> String {
        let words: Vec<String> = (0..n).map(|i| format!("word{i:05}x")).collect();
        format!("+++\ntitle = \"Wordy\"\n+++\n{}\n", words.join(" "))
    }

    fn shards(files: &HashMap<String, Contents>) -> Vec<String> {
        let mut v: Vec<String> = files
            .keys()
            .filter(|p| crate::search::is_shard(p))
            .cloned()
            .collect();
        v.sort();
        v
    }

    #[test]
    fn serve_drops_search_shards_the_index_no_longer_has() {
        let t = tempfile::tempdir().unwrap();
        let r = t.path();
        write(r, "site.toml", "title = \"T\"\n");
        write(r, "content/_index.md", "+++\ntitle = \"Home\"\n+++\n");
        write(r, "content/01-a.md", &wordy(20_000));
        write(r, "content/02-b.md", "+++\ntitle = \"B\"\n+++\nBeta.\n");
        let opts = BuildOptions {
            root: r.to_path_buf(),
            ..Default::default()
        };
        let state = State {
            site: RwLock::new(Snapshot::default()),
            generation: tokio::sync::watch::Sender::new(0),
        };
        let mut builder = Builder::new(opts.clone());
        builder.rebuild(&state, &[]);
        let before = shards(&state.site.read().unwrap().files);
        write(r, "content/01-a.md", &wordy(10));
        let report = builder.rebuild(&state, &[r.join("content/01-a.md")]);
        assert!(report.starts_with("re-rendered"), "{report}");
        let mut fresh = Builder::new(opts);
        let expected_state = State {
            site: RwLock::new(Snapshot::default()),
            generation: tokio::sync::watch::Sender::new(0),
        };
        fresh.rebuild(&expected_state, &[]);
        let expected = shards(&expected_state.site.read().unwrap().files);
        assert!(expected.len() < before.len(), "{before:?} -> {expected:?}");
        assert_eq!(shards(&state.site.read().unwrap().files), expected);
    }
}
