//! Watch the course folder and rebuild after a burst of changes settles. In: the
//! course root, the output folder to ignore, a [`Builder`]; out: a rebuilt [`State`].

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use notify::{EventKind, RecursiveMode, Watcher};

use super::{ignored, Builder, State};

/// Editors write a file in several steps; wait this long for the last one.
const DEBOUNCE: Duration = Duration::from_millis(30);

pub fn spawn(root: &Path, out_dir: &Path, mut builder: Builder, state: Arc<State>) -> Result<()> {
    let root = root
        .canonicalize()
        .with_context(|| format!("cannot watch {}", root.display()))?;
    let out_dir = out_dir.to_path_buf();
    let (tx, rx) = mpsc::channel::<notify::Event>();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(ev) = res {
            let _ = tx.send(ev);
        }
    })
    .context("cannot start the file watcher")?;
    watcher
        .watch(&root, RecursiveMode::Recursive)
        .with_context(|| format!("cannot watch {}", root.display()))?;
    let (root_for_filter, out_for_filter) = (root.clone(), out_dir.clone());
    let relevant = move |ev: &notify::Event| {
        !matches!(ev.kind, EventKind::Access(_))
            && ev.paths.iter().any(|p| !ignored(p, &root, &out_dir))
    };
    let thread = std::thread::Builder::new().name("trellis-watch".into());
    thread
        .spawn(move || {
            let _watcher = watcher;
            while let Ok(ev) = rx.recv() {
                if !relevant(&ev) {
                    continue;
                }
                let mut changed: Vec<PathBuf> = ev.paths.clone();
                let mut deadline = Instant::now() + DEBOUNCE;
                loop {
                    let left = deadline.saturating_duration_since(Instant::now());
                    match rx.recv_timeout(left) {
                        Ok(ev) if relevant(&ev) => {
                            deadline = Instant::now() + DEBOUNCE;
                            changed.extend(ev.paths);
                        }
                        Ok(_) => {}
                        Err(_) => break,
                    }
                }
                changed.retain(|p| !ignored(p, &root_for_filter, &out_for_filter));
                changed.sort();
                changed.dedup();
                eprintln!("{}", builder.rebuild(&state, &changed));
            }
        })
        .context("cannot start the file watcher")?;
    Ok(())
}
