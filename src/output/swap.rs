//! The swap: a complete new site folder in, in place of the old one out.
//!
//! On Linux one `renameat2(RENAME_EXCHANGE)` trades the two folders atomically: at
//! every instant the output is either the whole old site or the whole new one.
//! Elsewhere, or where the file system refuses the exchange, two renames do it; a
//! process killed between them leaves no output but the old site beside it, and
//! the next build puts that back before anything else (see [`super::lock`]).

use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use super::fault;

/// Put `staging` in place of `out`; returns the folder now holding the old site,
/// to be removed, if there was one. On error, `out` is as it was.
pub(super) fn swap(staging: &Path, out: &Path, old: &Path) -> Result<Option<PathBuf>> {
    let exists = match std::fs::symlink_metadata(out) {
        Ok(_) => true,
        Err(e) if e.kind() == io::ErrorKind::NotFound => false,
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", out.display())),
    };
    if !exists {
        std::fs::rename(staging, out)
            .with_context(|| format!("cannot move the new site into {}", out.display()))?;
        return Ok(None);
    }
    if !fault::force_fallback() && exchange(staging, out)? {
        return Ok(Some(staging.to_path_buf()));
    }
    two_renames(staging, out, old)?;
    Ok(Some(old.to_path_buf()))
}

/// Swap the two folders in one step; `false` where the system cannot.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(staging: &Path, out: &Path) -> Result<bool> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    use rustix::io::Errno;
    match renameat_with(CWD, staging, CWD, out, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        // An old kernel, or a file system without the exchange (some FUSE, NFS).
        Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => Ok(false),
        Err(e) => Err(io::Error::from(e))
            .with_context(|| format!("cannot swap the new site into {}", out.display())),
    }
}

/// macOS and Windows: always the two-rename fallback. Untested: no such machine
/// is at hand (see "Publishing" in the README); the fallback itself is tested on
/// Linux by forcing it (`fallback_swap_replaces_the_site`).
#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_: &Path, _: &Path) -> Result<bool> {
    Ok(false)
}

/// The fallback: old site aside, new site in; the old one back if the second fails.
fn two_renames(staging: &Path, out: &Path, old: &Path) -> Result<()> {
    std::fs::rename(out, old)
        .with_context(|| format!("cannot move the previous {} aside", out.display()))?;
    fault::pause("swap-window");
    let second = if fault::is("fail:swap-window") {
        Err(io::Error::other("injected failure between the renames"))
    } else {
        std::fs::rename(staging, out)
    };
    if let Err(e) = second {
        let _ = std::fs::rename(old, out);
        return Err(e).with_context(|| format!("cannot move the new site into {}", out.display()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(path: &Path, text: &str) {
        std::fs::create_dir(path).unwrap();
        std::fs::write(path.join("f"), text).unwrap();
    }

    /// A new site in `new`, the old one in `out`, and where `old` would go.
    fn new_out_old(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
        let (new, out, old) = (dir.join("new"), dir.join("out"), dir.join("old"));
        folder(&new, "new");
        folder(&out, "old");
        (new, out, old)
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn swap_exchanges_in_one_step_on_linux() {
        let t = tempfile::tempdir().unwrap();
        let (new, out, old) = new_out_old(t.path());
        // The exchange leaves the old site where the new one was; two renames would
        // have used `old`.
        assert_eq!(swap(&new, &out, &old).unwrap(), Some(new.clone()));
        assert_eq!(std::fs::read_to_string(out.join("f")).unwrap(), "new");
        assert_eq!(std::fs::read_to_string(new.join("f")).unwrap(), "old");
        assert!(!old.exists());
    }

    #[test]
    fn two_renames_put_the_new_site_in() {
        let t = tempfile::tempdir().unwrap();
        let (new, out, old) = new_out_old(t.path());
        two_renames(&new, &out, &old).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("f")).unwrap(), "new");
        assert_eq!(std::fs::read_to_string(old.join("f")).unwrap(), "old");
    }
}
