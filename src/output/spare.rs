//! Double buffering: the site a swap puts aside is kept beside the output as
//! `.<name>.trellis-spare`, and the next build writes into it instead of into an
//! empty folder. Only files whose bytes differ are rewritten, files no longer
//! produced are removed, and the spare is swapped in as before; so a warm build
//! neither creates nor deletes thousands of files, and the old site's removal is
//! never on the critical path.
//!
//! Nothing in the spare is trusted but what the output manifest ([`super::manifest`])
//! vouches for: a file it does not know, or whose metadata changed since it was
//! written, is written again; anything else in the spare (a file where a folder
//! belongs, a symbolic link, a leftover of an interrupted build) is removed or
//! replaced, so the site swapped in is byte-identical to one written into an empty
//! folder. A changed file is always unlinked before it is written, because the
//! spare may share files (hard links) with the live output.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use rayon::prelude::*;

/// The spare of output `name` in `parent`.
pub(super) fn path(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.trellis-spare"))
}

/// Move the spare (a real folder, not a link) to `staging`; `false` when there
/// is none to take.
pub(super) fn take(spare: &Path, staging: &Path) -> bool {
    let is_dir = fs::symlink_metadata(spare).is_ok_and(|m| m.file_type().is_dir());
    is_dir && fs::rename(spare, staging).is_ok()
}

/// Keep the old site the swap left in `leftover` as the next build's spare, or
/// remove it when `keep` is false or it cannot be kept.
pub(super) fn keep_or_remove(leftover: &Path, spare: &Path, keep: bool) -> Result<()> {
    if keep && fs::symlink_metadata(spare).is_err() && fs::rename(leftover, spare).is_ok() {
        return Ok(());
    }
    fs::remove_dir_all(leftover).with_context(|| format!("cannot remove {}", leftover.display()))
}

/// Whether `path` is a plain file holding exactly `bytes`.
pub(super) fn holds(path: &Path, bytes: &[u8]) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && fs::read(path).is_ok_and(|b| b == bytes)
}

/// Remove whatever is at `path` (file, link or folder), so a new file can be made
/// there without touching a file the live output shares.
pub(super) fn clear(path: &Path) -> Result<()> {
    let removed = match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    };
    removed.with_context(|| format!("cannot replace {}", path.display()))
}

/// Remove from `dir` every file whose site path (relative to the top, `rel`) is
/// not `written`, and every folder left empty; `true` when `dir` is empty. The
/// folders of a large site are swept in parallel.
pub(super) fn sweep(
    dir: &Path,
    rel: &str,
    written: &(dyn Fn(&str) -> bool + Sync),
) -> Result<bool> {
    let cannot_read = || format!("cannot read {}", dir.display());
    let entries = fs::read_dir(dir).with_context(cannot_read)?;
    let entries: Vec<fs::DirEntry> = entries
        .collect::<io::Result<_>>()
        .with_context(cannot_read)?;
    let stays = |entry: &fs::DirEntry| -> Result<bool> {
        let name = entry.file_name().to_string_lossy().into_owned();
        let site_path = if rel.is_empty() {
            name
        } else {
            format!("{rel}/{name}")
        };
        let path = entry.path();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir && sweep(&path, &site_path, written)? {
            fs::remove_dir(&path).with_context(|| format!("cannot remove {}", path.display()))?;
            Ok(false)
        } else if is_dir || written(&site_path) {
            Ok(true)
        } else {
            fs::remove_file(&path).with_context(|| format!("cannot remove {}", path.display()))?;
            Ok(false)
        }
    };
    let stayed: Vec<bool> = entries.par_iter().map(stays).collect::<Result<_>>()?;
    Ok(!stayed.contains(&true))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn sweep_keeps_written_files_and_removes_the_rest_with_empty_folders() {
        let t = tempfile::tempdir().unwrap();
        let d = t.path();
        for f in ["keep.html", "a/keep.html", "a/gone.html", "b/c/gone.html"] {
            let p = d.join(f);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, "x").unwrap();
        }
        let written: HashSet<String> = ["keep.html", "a/keep.html"]
            .into_iter()
            .map(String::from)
            .collect();
        assert!(!sweep(d, "", &|p: &str| written.contains(p)).unwrap());
        assert!(d.join("a/keep.html").is_file() && d.join("keep.html").is_file());
        assert!(!d.join("a/gone.html").exists());
        assert!(!d.join("b").exists(), "empty folders go too");
    }

    #[test]
    fn holds_compares_every_byte_and_never_follows_links() {
        let t = tempfile::tempdir().unwrap();
        let f = t.path().join("f");
        fs::write(&f, "abc").unwrap();
        assert!(holds(&f, b"abc"));
        assert!(!holds(&f, b"abd"));
        let link = t.path().join("l");
        std::os::unix::fs::symlink(&f, &link).unwrap();
        assert!(!holds(&link, b"abc"));
        clear(&link).unwrap();
        assert!(f.is_file() && !link.exists());
    }
}
