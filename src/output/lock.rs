//! One build at a time per output folder. In: the folder that holds the output and
//! the output's name. Out: an [`OutputLock`] on `.<name>.trellis-lock` beside it,
//! held with `flock` until dropped (the kernel drops it if the process dies), and
//! [`clean_stale`], which removes what dead builds left.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _, Result};

use super::MARKER;

/// The lock of one output folder; dropping it removes the lock file and frees it.
pub struct OutputLock {
    path: PathBuf,
    _file: File,
}

impl OutputLock {
    /// Take the lock of `out` (named `name` in `parent`), or fail at once naming
    /// the build that holds it.
    pub fn acquire(parent: &Path, name: &str, out: &Path) -> Result<OutputLock> {
        let path = parent.join(format!(".{name}.trellis-lock"));
        loop {
            let mut file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .with_context(|| format!("cannot open the lock file {}", path.display()))?;
            if !try_lock(&file).with_context(|| format!("cannot lock {}", path.display()))? {
                let holder = fs::read_to_string(&path).unwrap_or_default();
                let holder = match holder.trim() {
                    "" => String::new(),
                    pid => format!(" (process {pid})"),
                };
                bail!(
                    "another build{holder} is writing {}\n  = help: wait for it to finish, then build again",
                    out.display()
                );
            }
            // The holder before us removes the file when it is done: if it did so
            // after we opened it, our lock is on a file nobody else will see.
            if !same_file(&file, &path) {
                continue;
            }
            file.set_len(0)
                .and_then(|()| writeln!(file, "{}", std::process::id()))
                .with_context(|| format!("cannot write {}", path.display()))?;
            return Ok(OutputLock { path, _file: file });
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Removed while still locked, so no one locks a file that is going away.
        let _ = fs::remove_file(&self.path);
    }
}

#[cfg(unix)]
fn try_lock(file: &File) -> io::Result<bool> {
    use rustix::fs::{flock, FlockOperation};
    match flock(file, FlockOperation::NonBlockingLockExclusive) {
        Ok(()) => Ok(true),
        Err(rustix::io::Errno::WOULDBLOCK) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Windows: no advisory lock, so two builds into one folder are not kept apart.
/// Untested: no Windows machine is at hand (see "Publishing" in the README).
#[cfg(not(unix))]
fn try_lock(_: &File) -> io::Result<bool> {
    Ok(true)
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Windows (untested, as above): the lock file's existence stands in for identity.
#[cfg(not(unix))]
fn same_file(_: &File, path: &Path) -> bool {
    path.exists()
}

/// Staging folders of `name` in `parent` that a build left when it died:
/// `.<name>.trellis-{new,old,trash}-<pid>`.
fn stale(parent: &Path, name: &str) -> Result<Vec<(String, PathBuf)>> {
    let prefix = format!(".{name}.trellis-");
    let mut found = Vec::new();
    for entry in
        fs::read_dir(parent).with_context(|| format!("cannot read {}", parent.display()))?
    {
        let entry = entry.with_context(|| format!("cannot read {}", parent.display()))?;
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some((kind, pid)) = file_name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.split_once('-'))
        else {
            continue;
        };
        if ["new", "old", "trash"].contains(&kind)
            && !pid.is_empty()
            && pid.bytes().all(|b| b.is_ascii_digit())
        {
            found.push((kind.to_string(), entry.path()));
        }
    }
    found.sort();
    Ok(found)
}

/// Remove what dead builds into `out` left beside it. Call it with the lock held:
/// then no live build owns any of them. A build killed between the two renames of
/// the fallback swap left no `out` but a whole previous site: that one is put back.
pub fn clean_stale(parent: &Path, name: &str, out: &Path) -> Result<()> {
    let mut found = stale(parent, name)?;
    let missing = fs::symlink_metadata(out).is_err_and(|e| e.kind() == io::ErrorKind::NotFound);
    if missing {
        if let Some(i) = found
            .iter()
            .position(|(kind, p)| kind == "old" && p.join(MARKER).is_file())
        {
            let (_, previous) = found.remove(i);
            fs::rename(&previous, out).with_context(|| {
                format!(
                    "cannot put the previous site back from {}",
                    previous.display()
                )
            })?;
        }
    }
    for (_, dir) in found {
        match fs::remove_dir_all(&dir) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => {
                return Err(e).with_context(|| {
                    format!(
                        "cannot remove {}, left by an interrupted build",
                        dir.display()
                    )
                })
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_one_output_fails_naming_the_holder() {
        let t = tempfile::tempdir().unwrap();
        let first = OutputLock::acquire(t.path(), "public", Path::new("public")).unwrap();
        let e = OutputLock::acquire(t.path(), "public", Path::new("public"))
            .err()
            .unwrap()
            .to_string();
        assert!(
            e.contains(&format!("another build (process {})", std::process::id())),
            "{e}"
        );
        drop(first);
        assert!(!t.path().join(".public.trellis-lock").exists());
        OutputLock::acquire(t.path(), "public", Path::new("public")).unwrap();
    }

    #[test]
    fn stale_folders_are_removed_and_a_lost_site_put_back() {
        let t = tempfile::tempdir().unwrap();
        let p = t.path();
        for d in [
            ".public.trellis-new-1",
            ".public.trellis-old-2",
            ".other.trellis-new-3",
        ] {
            fs::create_dir(p.join(d)).unwrap();
        }
        fs::write(p.join(".public.trellis-old-2").join(MARKER), "").unwrap();
        fs::write(p.join(".public.trellis-new-x"), "").unwrap();
        clean_stale(p, "public", &p.join("public")).unwrap();
        let mut left: Vec<_> = fs::read_dir(p)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [".other.trellis-new-3", ".public.trellis-new-x", "public"]
        );
        assert!(p.join("public").join(MARKER).is_file());
    }
}
