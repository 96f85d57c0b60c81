//! Output: [`OutputFile`]s in, a site folder out — written beside the old one and
//! swapped in only when complete, so a failed build never leaves half a site.
//!
//! Beside an output `public` a build keeps, while it runs: `.public.trellis-lock`
//! ([`lock`]: one build at a time), `.public.trellis-new-<pid>` (the new site) and,
//! during the swap, `.public.trellis-old-<pid>` ([`swap`]). Ctrl-C and SIGTERM
//! remove them ([`interrupt`]); after a kill -9 the next build does. Between builds
//! it keeps `.public.trellis-spare`, the site before the current one, which the
//! next build reuses as its staging folder ([`spare`]).
//!
//! An output path that is a symbolic link is followed: the site is built beside the
//! link's target and swapped in there, and the link stays as it was.

mod fault;
mod interrupt;
mod lock;
mod manifest;
mod spare;
mod swap;

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

pub use interrupt::clean_up_on_signals;
pub use manifest::Hashing;

use anyhow::{bail, Context as _, Result};
use rayon::prelude::*;

/// Marks a folder as ours, so a later build may replace it.
pub const MARKER: &str = ".trellis-output";

#[derive(Debug, Clone)]
pub enum Contents {
    Bytes(Vec<u8>),
    /// Copy from this source file.
    Copy(PathBuf),
}

#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Site-relative path with `/` separators, e.g. `foundations/what/index.html`.
    pub path: String,
    pub contents: Contents,
}

impl OutputFile {
    pub fn bytes(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            contents: Contents::Bytes(bytes.into()),
        }
    }
}

/// Relative prefix from a page at `page_url` (e.g. `a/b/`) back to the site root.
pub fn root_prefix(page_url: &str) -> String {
    "../".repeat(page_url.matches('/').count())
}

pub fn check_output_dir(root: &Path, out: &Path) -> Result<()> {
    let canon_root = root
        .canonicalize()
        .with_context(|| format!("cannot open {}", root.display()))?;
    let canon_out = canonical_even_if_missing(out);
    if canon_root.starts_with(&canon_out) {
        bail!(
            "refusing to build into {}: it holds the course itself\n  = help: choose an output folder such as `public`",
            out.display()
        );
    }
    for protected in ["content", "themes", "templates", "static", "src", ".git"] {
        let p = canon_root.join(protected);
        if canon_out.starts_with(&p) {
            bail!(
                "refusing to build into {}: it is inside the course's `{protected}` folder\n  = help: choose an output folder such as `public`",
                out.display()
            );
        }
    }
    if out.exists() {
        if !out.is_dir() {
            bail!(
                "refusing to build into {}: it is a file, not a folder",
                out.display()
            );
        }
        let mut entries =
            std::fs::read_dir(out).with_context(|| format!("cannot read {}", out.display()))?;
        if entries.next().is_some() && !out.join(MARKER).is_file() {
            bail!(
                "refusing to replace {}: it holds files that Trellis did not write\n  = help: move them away or choose another `--output` folder",
                out.display()
            );
        }
    }
    Ok(())
}

fn canonical_even_if_missing(p: &Path) -> PathBuf {
    if let Ok(c) = p.canonicalize() {
        return c;
    }
    match (p.parent(), p.file_name()) {
        (Some(parent), Some(name)) if !parent.as_os_str().is_empty() => {
            canonical_even_if_missing(parent).join(name)
        }
        (_, Some(name)) => std::env::current_dir()
            .map(|d| d.join(name))
            .unwrap_or_else(|_| p.to_path_buf()),
        _ => p.to_path_buf(),
    }
}

/// Where rendered files go: a staging folder for `build`, memory for `serve`.
pub trait Sink: Sync {
    fn put(&self, file: OutputFile) -> Result<()>;

    /// Whether [`Sink::keep`] can ever say yes: if not, pages' keys are not computed.
    fn remembers(&self) -> bool {
        false
    }

    /// Keep the file at `path` as the last build wrote it, when it was rendered
    /// for page key `key` and is known to be unchanged since; `false` when the
    /// page must be rendered (always, for a sink that remembers nothing).
    fn keep(&self, _path: &str, _key: u128) -> Result<bool> {
        Ok(false)
    }

    /// [`Sink::put`] a page rendered for page key `key`, so a later build can keep it.
    fn put_keyed(&self, file: OutputFile, _key: u128) -> Result<()> {
        self.put(file)
    }

    /// Write a large file piece by piece, so it never sits in memory whole.
    fn put_streamed(
        &self,
        path: &str,
        write: &dyn Fn(&mut dyn io::Write) -> io::Result<()>,
    ) -> Result<()> {
        let mut bytes = Vec::new();
        write(&mut bytes)?;
        self.put(OutputFile::bytes(path, bytes))
    }
}

/// Keeps files in memory (for `serve`).
/// A sink that puts every file under `prefix` (`es/`) of another sink: one
/// language's edition of a multilingual course.
pub struct Prefixed<'a> {
    pub inner: &'a dyn Sink,
    pub prefix: &'a str,
}

impl Sink for Prefixed<'_> {
    fn put(&self, mut file: OutputFile) -> Result<()> {
        file.path = format!("{}{}", self.prefix, file.path);
        self.inner.put(file)
    }

    fn remembers(&self) -> bool {
        self.inner.remembers()
    }

    fn keep(&self, path: &str, key: u128) -> Result<bool> {
        self.inner.keep(&format!("{}{path}", self.prefix), key)
    }

    fn put_keyed(&self, mut file: OutputFile, key: u128) -> Result<()> {
        file.path = format!("{}{}", self.prefix, file.path);
        self.inner.put_keyed(file, key)
    }

    fn put_streamed(
        &self,
        path: &str,
        write: &dyn Fn(&mut dyn io::Write) -> io::Result<()>,
    ) -> Result<()> {
        self.inner
            .put_streamed(&format!("{}{path}", self.prefix), write)
    }
}

#[derive(Default)]
pub struct MemSink {
    pub files: std::sync::Mutex<Vec<OutputFile>>,
}

impl Sink for MemSink {
    fn put(&self, file: OutputFile) -> Result<()> {
        self.files.lock().expect("sink lock").push(file);
        Ok(())
    }
}

/// Discards files (for `check`).
pub struct NullSink;

impl Sink for NullSink {
    fn put(&self, _: OutputFile) -> Result<()> {
        Ok(())
    }

    fn put_streamed(
        &self,
        _: &str,
        write: &dyn Fn(&mut dyn io::Write) -> io::Result<()>,
    ) -> Result<()> {
        Ok(write(&mut io::sink())?)
    }
}

/// A new site being written beside the old one: into the site before last (the
/// [`spare`]) when there is one, else into an empty folder. Files identical to the
/// previous build are kept or hard-linked from it instead of written, so unchanged
/// files keep their modification time (kind to `serve`, rsync and CI caches); the
/// [`manifest`] says which are identical without reading them.
/// Dropped without [`Staging::commit`], it removes itself and the old site stays
/// as it was.
pub struct Staging {
    /// The output with symbolic links followed.
    out: PathBuf,
    dir: PathBuf,
    old: PathBuf,
    previous: Option<PathBuf>,
    /// Where the site this build replaces is kept for the next build, if it is.
    spare: Option<PathBuf>,
    /// `dir` started as the spare: the site paths written, to remove the rest.
    reused: bool,
    /// Read from the manifest on a thread of its own while the build goes on.
    known: crate::background::Background<Known>,
    /// The site paths written so far, each with its manifest entry when known.
    written: Mutex<HashMap<String, Option<manifest::Entry>>>,
    /// This build's entry in [`interrupt::pending`].
    id: u64,
    lock: Option<lock::OutputLock>,
    committed: bool,
}

impl Staging {
    /// Check that `out` may be replaced, take its lock, clear what dead builds
    /// left beside it, and create the staging folder. With `double_buffer`, the
    /// staging folder is the spare kept by the last build, and the site it replaces
    /// becomes the next spare.
    pub fn begin(root: &Path, out: &Path, double_buffer: bool) -> Result<Staging> {
        let out = follow_links(out)?;
        check_output_dir(root, &out)?;
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let lock = lock::OutputLock::acquire(&parent, &name, &out)?;
        lock::clean_stale(&parent, &name, &out)?;
        let dir = parent.join(format!(".{name}.trellis-new-{}", std::process::id()));
        let old = parent.join(format!(".{name}.trellis-old-{}", std::process::id()));
        let spare = double_buffer.then(|| spare::path(&parent, &name));
        let manifest = manifest::path(&parent, &name);
        static IDS: AtomicU64 = AtomicU64::new(0);
        let id = IDS.fetch_add(1, Ordering::Relaxed);
        let reused = {
            let mut pending = interrupt::pending();
            let reused = spare.as_ref().is_some_and(|s| spare::take(s, &dir));
            if !reused {
                std::fs::create_dir(&dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
            }
            pending.push(interrupt::Pending {
                id,
                dirs: vec![dir.clone()],
                lock: lock.path().to_path_buf(),
            });
            reused
        };
        let previous = out.join(MARKER).is_file().then(|| out.clone());
        let known = {
            let (dir, previous) = (dir.clone(), previous.clone());
            crate::background::Background::start("trellis-manifest", move || {
                Known::load(manifest, double_buffer, &dir, previous.as_deref(), reused)
            })
        };
        Ok(Staging {
            previous,
            reused,
            known,
            written: Mutex::new(HashMap::new()),
            spare,
            out,
            dir,
            old,
            id,
            lock: Some(lock),
            committed: false,
        })
    }

    /// The folder being written (PDFs are printed from it).
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Remove from a reused spare every file this build did not write. Call it
    /// once every page is written, before anything (PDFs) is written into
    /// [`Staging::path`] directly; [`Staging::commit`] calls it when no one has.
    pub fn remove_unwritten(&mut self) -> Result<()> {
        if std::mem::take(&mut self.reused) {
            let written = self.written.lock().unwrap_or_else(|e| e.into_inner());
            spare::sweep(&self.dir, "", &|path: &str| written.contains_key(path))?;
        }
        Ok(())
    }

    /// Mark the new site as ours and swap it in for the old one; notes about
    /// the manifest, if any.
    pub fn commit(mut self) -> Result<Vec<String>> {
        self.remove_unwritten()?;
        std::fs::write(
            self.dir.join(MARKER),
            "This folder is written by `trellis build` and replaced on every build.\n",
        )
        .context("cannot write the output marker")?;
        fault::pause("before-swap");
        let leftover = {
            let mut pending = interrupt::pending();
            let leftover = swap::swap(&self.dir, &self.out, &self.old)?;
            self.committed = true;
            self.set_pending(&mut pending, leftover.iter().cloned().collect());
            leftover
        };
        fault::pause("after-swap");
        if let Some(old) = leftover {
            let mut pending = interrupt::pending();
            match &self.spare {
                Some(spare) => spare::keep_or_remove(&old, spare, true)?,
                None => spare::keep_or_remove(&old, &old, false)?,
            }
            self.set_pending(&mut pending, Vec::new());
        }
        Ok(self.save_manifest())
    }

    /// Describe the new site, and the old one if it became the spare, for the
    /// next build; or, without a manifest, remove the stale one.
    fn save_manifest(&mut self) -> Vec<String> {
        let known = self.known.get_mut();
        let mut notes = std::mem::take(&mut known.notes);
        let live = known.live.take();
        let path = &known.path.clone();
        if !known.on {
            manifest::remove(path);
            return notes;
        }
        let written = std::mem::take(&mut *self.written.lock().unwrap_or_else(|e| e.into_inner()));
        let Some(id) = manifest::folder_id(&self.out) else {
            manifest::remove(path);
            return notes;
        };
        let entries = written
            .into_iter()
            .filter_map(|(path, e)| Some((path, e?)))
            .collect();
        let new = manifest::Folder { id, entries };
        let spare_id = self.spare.as_deref().and_then(manifest::folder_id);
        let live = live.filter(|f| Some(f.id) == spare_id);
        let live = live.map(manifest::Folder::settled);
        notes.extend(manifest::save(
            path,
            &[Some(&new), live.as_ref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>(),
        ));
        notes
    }

    fn set_pending(&self, pending: &mut [interrupt::Pending], dirs: Vec<PathBuf>) {
        if let Some(p) = pending.iter_mut().find(|p| p.id == self.id) {
            p.dirs = dirs;
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let mut pending = interrupt::pending();
        if !self.committed {
            interrupt::discard(&self.dir);
        }
        pending.retain(|p| p.id != self.id);
        self.lock.take();
    }
}

/// `out` with symbolic links followed to the folder they name (which may not exist yet).
fn follow_links(out: &Path) -> Result<PathBuf> {
    // Rebuilt from its components: `pub/` names the link `pub`, not its target.
    let mut path: PathBuf = out.components().collect();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = std::fs::read_link(&path)
                    .with_context(|| format!("cannot read the link {}", path.display()))?;
                path = match path.parent() {
                    Some(parent) if target.is_relative() => parent.join(target),
                    _ => target,
                };
            }
            _ => return Ok(path),
        }
    }
    bail!("{} is a loop of symbolic links", out.display())
}

/// Create the folders of site path `rel` inside `root`, but never `root` itself:
/// once a signal has moved the staging folder away, writers fail instead of
/// making it again.
/// In a reused spare (`replace`), whatever is in the way of a folder (a file, a
/// link) is removed first.
fn create_parents(root: &Path, rel: &str, replace: bool) -> Result<()> {
    let Some((folders, _)) = rel.rsplit_once('/') else {
        return Ok(());
    };
    if !replace && root.join(folders).is_dir() {
        return Ok(());
    }
    let mut dir = root.to_path_buf();
    for part in folders.split('/') {
        dir.push(part);
        let in_the_way =
            replace && std::fs::symlink_metadata(&dir).is_ok_and(|m| !m.file_type().is_dir());
        if in_the_way {
            spare::clear(&dir)?;
        }
        match std::fs::create_dir(&dir) {
            Err(e) if e.kind() != io::ErrorKind::AlreadyExists => {
                return Err(e).with_context(|| format!("cannot create {}", dir.display()))
            }
            _ => {}
        }
    }
    Ok(())
}

impl Staging {
    /// Note that this build wrote `path`, with what it holds when known.
    fn record(&self, path: &str, entry: Option<manifest::Entry>) {
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_string(), entry);
    }

    /// Make way for a new file at site path `path` (at `dest`): its folders made,
    /// and in a reused spare, whatever was there removed.
    fn prepare(&self, path: &str, dest: &Path) -> Result<()> {
        create_parents(&self.dir, path, self.reused)?;
        self.record(path, None);
        if self.reused {
            spare::clear(dest)?;
        }
        Ok(())
    }

    /// Keep the spare's file at `dest`, or link the live site's, when the
    /// manifest knows it holds `bytes`; `false` when it must be written.
    fn reuse(&self, path: &str, dest: &Path, bytes: &[u8], hash: u128) -> Result<bool> {
        if let Some(e) = self
            .known
            .get()
            .staged
            .as_ref()
            .and_then(|f| f.unchanged(path, dest, bytes, hash))
        {
            self.record(path, Some(e));
            return Ok(true);
        }
        self.prepare(path, dest)?;
        let (Some(prev), Some(live)) = (&self.previous, &self.known.get().live) else {
            return Ok(false);
        };
        let before = prev.join(path);
        match live.unchanged(path, &before, bytes, hash) {
            Some(e) if std::fs::hard_link(&before, dest).is_ok() => {
                self.record(path, Some(e));
                Ok(true)
            }
            _ => Ok(false),
        }
    }
}

/// What the manifest says about the folder being written (a reused spare) and
/// the live site, and where it is kept; not read nor written without the cache
/// (`on` is false), and then removed, since it would describe a site gone.
struct Known {
    path: PathBuf,
    on: bool,
    staged: Option<manifest::Folder>,
    live: Option<manifest::Folder>,
    notes: Vec<String>,
}

impl Known {
    fn load(path: PathBuf, on: bool, dir: &Path, live: Option<&Path>, reused: bool) -> Known {
        let (folders, notes) = if on {
            manifest::load(&path)
        } else {
            (Vec::new(), None)
        };
        let find = |dir: Option<&Path>| {
            let id = dir.and_then(manifest::folder_id)?;
            folders.iter().find(|f| f.id == id).cloned()
        };
        Known {
            staged: find(reused.then_some(dir)),
            live: find(live),
            path,
            on,
            notes: notes.into_iter().collect(),
        }
    }
}

impl Sink for Staging {
    fn put_streamed(
        &self,
        path: &str,
        write: &dyn Fn(&mut dyn io::Write) -> io::Result<()>,
    ) -> Result<()> {
        let dest = self.dir.join(path);
        self.prepare(path, &dest)?;
        let file = std::fs::File::create(&dest)
            .with_context(|| format!("cannot write {}", dest.display()))?;
        let mut w = Tee {
            file: io::BufWriter::with_capacity(1 << 16, file),
            hash: self.known.get().on.then(manifest::Hashing::default),
        };
        write(&mut w)
            .and_then(|()| io::Write::flush(&mut w))
            .with_context(|| format!("cannot write {}", dest.display()))?;
        drop(w.file);
        let entry = w
            .hash
            .and_then(|h| manifest::Entry::written(&dest, h.finish()));
        self.record(path, entry);
        fault::pause("writing");
        Ok(())
    }

    fn put(&self, f: OutputFile) -> Result<()> {
        self.put_with(f, None)
    }

    fn put_keyed(&self, f: OutputFile, key: u128) -> Result<()> {
        self.put_with(f, Some(key))
    }

    fn remembers(&self) -> bool {
        self.known.get().on
    }

    fn keep(&self, path: &str, key: u128) -> Result<bool> {
        if !self.known.get().on {
            return Ok(false);
        }
        let dest = self.dir.join(path);
        let staged = self.known.get().staged.as_ref();
        if let Some(e) = staged.and_then(|f| f.kept(path, &dest, key)) {
            self.record(path, Some(e));
            return Ok(true);
        }
        let (Some(prev), Some(live)) = (&self.previous, &self.known.get().live) else {
            return Ok(false);
        };
        let before = prev.join(path);
        let Some(e) = live.kept(path, &before, key) else {
            return Ok(false);
        };
        self.prepare(path, &dest)?;
        let linked = std::fs::hard_link(&before, &dest).is_ok();
        if linked {
            self.record(path, Some(e));
        }
        Ok(linked)
    }
}

impl Staging {
    /// Write `f` (or keep what is there when it holds the same bytes), and
    /// record it with page key `key`.
    fn put_with(&self, f: OutputFile, key: Option<u128>) -> Result<()> {
        if f.path.split('/').any(|p| p == ".." || p.is_empty()) {
            bail!(
                "internal error: output path `{}` is not a plain relative path",
                f.path
            );
        }
        let dest = self.dir.join(&f.path);
        let bytes = match &f.contents {
            Contents::Bytes(b) => std::borrow::Cow::Borrowed(b.as_slice()),
            Contents::Copy(src) => std::borrow::Cow::Owned(
                std::fs::read(src).with_context(|| format!("cannot read {}", src.display()))?,
            ),
        };
        let hash = self.known.get().on.then(|| manifest::hash(&bytes));
        let reused = match hash {
            Some(hash) => self.reuse(&f.path, &dest, &bytes, hash)?,
            None => self.link_unchecked(&f.path, &dest, &bytes)?,
        };
        if !reused {
            std::fs::write(&dest, &bytes)
                .with_context(|| format!("cannot write {}", dest.display()))?;
            let entry = hash.and_then(|h| manifest::Entry::written(&dest, h));
            self.record(&f.path, entry);
        }
        self.set_key(&f.path, key);
        fault::pause("writing");
        Ok(())
    }

    /// Note the page key the file at `path` was rendered for (none: not a page).
    fn set_key(&self, path: &str, key: Option<u128>) {
        let mut written = self.written.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(Some(e)) = written.get_mut(path) {
            e.key = key;
        }
    }
}

impl Staging {
    /// Without a manifest (`--no-cache`): link the live site's file at site path
    /// `path` when it holds `bytes`, read in full; `false` when it must be written.
    fn link_unchecked(&self, path: &str, dest: &Path, bytes: &[u8]) -> Result<bool> {
        self.prepare(path, dest)?;
        Ok(self.previous.as_ref().is_some_and(|prev| {
            let before = prev.join(path);
            spare::holds(&before, bytes) && std::fs::hard_link(&before, dest).is_ok()
        }))
    }
}

/// Writes a streamed file and hashes it on the way.
struct Tee<W> {
    file: W,
    hash: Option<manifest::Hashing>,
}

impl<W: io::Write> io::Write for Tee<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.file.write(buf)?;
        if let Some(h) = &mut self.hash {
            h.write_all(&buf[..n])?;
        }
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// Write every file into a fresh sibling folder, then swap it in for `out`.
pub fn write_site(root: &Path, out: &Path, files: &[OutputFile]) -> Result<()> {
    let staging = Staging::begin(root, out, true)?;
    files.par_iter().try_for_each(|f| staging.put(f.clone()))?;
    staging.commit().map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        assert_eq!(root_prefix(""), "");
        assert_eq!(root_prefix("a/b/"), "../../");
    }

    #[test]
    fn refuses_foreign_and_project_folders() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        assert!(check_output_dir(root, root).is_err());
        assert!(check_output_dir(root, &root.join("content/out")).is_err());
        std::fs::create_dir_all(root.join("mine")).unwrap();
        std::fs::write(root.join("mine/keep.txt"), "x").unwrap();
        let e = check_output_dir(root, &root.join("mine"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("holds files that Trellis did not write"), "{e}");
        assert!(check_output_dir(root, &root.join("public")).is_ok());
    }

    #[test]
    fn unchanged_files_are_linked_not_rewritten() {
        use std::os::unix::fs::MetadataExt;
        let t = tempfile::tempdir().unwrap();
        let root = t.path();
        let out = root.join("public");
        write_site(
            root,
            &out,
            &[
                OutputFile::bytes("a.html", "same"),
                OutputFile::bytes("b.html", "one"),
            ],
        )
        .unwrap();
        let a_before = std::fs::metadata(out.join("a.html")).unwrap().ino();
        let b_before = std::fs::metadata(out.join("b.html")).unwrap().ino();
        write_site(
            root,
            &out,
            &[
                OutputFile::bytes("a.html", "same"),
                OutputFile::bytes("b.html", "two"),
            ],
        )
        .unwrap();
        assert_eq!(
            std::fs::metadata(out.join("a.html")).unwrap().ino(),
            a_before,
            "unchanged file kept"
        );
        assert_ne!(
            std::fs::metadata(out.join("b.html")).unwrap().ino(),
            b_before
        );
        assert_eq!(std::fs::read_to_string(out.join("b.html")).unwrap(), "two");
    }

    #[test]
    fn swaps_in_a_complete_site() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path();
        let out = root.join("public");
        write_site(root, &out, &[OutputFile::bytes("a/index.html", "one")]).unwrap();
        write_site(root, &out, &[OutputFile::bytes("b/index.html", "two")]).unwrap();
        assert!(!out.join("a/index.html").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("b/index.html")).unwrap(),
            "two"
        );
        let mut left: Vec<_> = std::fs::read_dir(root)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                ".public.trellis-manifest",
                ".public.trellis-spare",
                "public"
            ],
            "no staging folders left behind, the old site kept as the spare"
        );
    }

    /// Every file under `dir`, by site path.
    fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap();
                let rel = rel.to_string_lossy().into_owned();
                (rel, std::fs::read(e.path()).unwrap())
            })
            .collect()
    }

    #[test]
    fn a_reused_spare_gives_the_same_tree_as_an_empty_folder() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path();
        let out = root.join("public");
        let builds: [&[OutputFile]; 4] = [
            &[
                OutputFile::bytes("a/index.html", "one"),
                OutputFile::bytes("b/x/y.html", "y"),
                OutputFile::bytes("c", "file"),
            ],
            &[OutputFile::bytes("a/index.html", "two")],
            &[
                OutputFile::bytes("a/index.html", "three"),
                OutputFile::bytes("b", "now a file"),
                OutputFile::bytes("c/d.html", "now a folder"),
            ],
            &[OutputFile::bytes("a/index.html", "two")],
        ];
        for files in builds {
            write_site(root, &out, files).unwrap();
            let fresh = root.join("fresh");
            let _ = std::fs::remove_dir_all(&fresh);
            let staging = Staging::begin(root, &fresh, false).unwrap();
            files.iter().for_each(|f| staging.put(f.clone()).unwrap());
            staging.commit().unwrap();
            assert_eq!(tree(&out), tree(&fresh));
        }
        assert!(root.join(".public.trellis-spare").is_dir());
    }

    #[test]
    fn a_changed_file_shared_with_the_live_site_is_replaced_not_edited() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path();
        let out = root.join("public");
        let site = |text: &str| [OutputFile::bytes("a.html", text.to_string())];
        // The second build links `a.html` from the first; the third finds that
        // file (shared with the live site) in its spare.
        write_site(root, &out, &site("same")).unwrap();
        write_site(root, &out, &site("same")).unwrap();
        write_site(root, &out, &site("new")).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("a.html")).unwrap(), "new");
        let spare = root.join(".public.trellis-spare/a.html");
        assert_eq!(std::fs::read_to_string(spare).unwrap(), "same");
    }
}
