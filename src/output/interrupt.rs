//! Ctrl-C and SIGTERM during a build. In: what each live [`super::Staging`] has on
//! disk (folders, its lock file), kept current under one mutex. Out: on a signal,
//! those removed, then the process exits with status 130.
//!
//! A signal handler is process-wide, so this is the one global of the output stage.
//! The swap holds the same mutex: a signal that arrives during it waits until the
//! new site is whole in place, then removes only what is left over.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// What one build would leave on disk if it stopped now.
pub(super) struct Pending {
    pub id: u64,
    pub dirs: Vec<PathBuf>,
    pub lock: PathBuf,
}

static PENDING: Mutex<Vec<Pending>> = Mutex::new(Vec::new());

/// The live builds' leftovers; hold the guard while changing what is on disk.
pub(super) fn pending() -> MutexGuard<'static, Vec<Pending>> {
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}

/// Remove every live build's staging folders and lock on SIGINT, SIGTERM or SIGHUP,
/// then exit. For the `build` command; `serve` installs its own handler.
pub fn clean_up_on_signals() -> anyhow::Result<()> {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    let mut result = Ok(());
    INSTALLED.call_once(|| {
        result = ctrlc::set_handler(|| {
            let pending = pending();
            for p in pending.iter() {
                p.dirs.iter().for_each(|d| discard(d));
                let _ = std::fs::remove_file(&p.lock);
            }
            eprintln!("\ninterrupted: the build stopped and removed its staging folders");
            // Still holding the guard: no swap can start before the process ends.
            std::process::exit(130);
        })
        .map_err(|e| anyhow::anyhow!("cannot install the Ctrl-C handler: {e}"));
    });
    result
}

/// Remove a staging folder that other threads may still be writing into. It is
/// renamed first: writers reach it only by its old name and never create it again
/// (see [`super::create_parents`]), so nothing new can appear in it while it goes.
pub(super) fn discard(dir: &Path) {
    let Some(name) = dir.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let trash = dir.with_file_name(
        name.replacen(".trellis-new-", ".trellis-trash-", 1)
            .replacen(".trellis-old-", ".trellis-trash-", 1),
    );
    let target = if std::fs::rename(dir, &trash).is_ok() {
        trash
    } else {
        dir.to_path_buf()
    };
    let _ = std::fs::remove_dir_all(target);
}
