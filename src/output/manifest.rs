//! The output manifest: what each file of the live site and of its spare held
//! when Trellis wrote it, so a warm build never reads unchanged output to find out.
//!
//! One file beside the output (`.public.trellis-manifest`) describes up to two
//! folders, each known by its device and inode (which a rename keeps): per file,
//! its size, modification time and inode as they were just after it was written,
//! and a hash of the bytes written. Like Git's index, an entry is only trusted
//! while the file's metadata is exactly as recorded; anything else makes the file
//! unknown, and an unknown file is written again. An entry whose file changed in
//! the same clock tick as the manifest was written ("racily clean", as Git says)
//! is dropped on load. A damaged or foreign manifest is ignored with a note.
//!
//! An entry may also hold the page key its file was rendered for (see
//! `render::pages`): a later build whose page has the same key keeps the file
//! without rendering it, on the same condition (its stamp as recorded).
//!
//! Format: [`MAGIC`], the Trellis version line, then per folder (device, inode,
//! entry count) and its entries (path, size, seconds, nanoseconds, inode, hash,
//! key or 0), and last a hash of everything before it; numbers little-endian.

use std::collections::HashMap;
use std::fs::Metadata;
use std::hash::Hasher as _;
use std::path::{Path, PathBuf};

use siphasher::sip128::{Hasher128 as _, SipHasher13};

/// First line of a manifest file.
pub const MAGIC: &[u8] = b"trellis output manifest 2\n";

/// The manifest beside output `name` in `parent`.
pub(super) fn path(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.trellis-manifest"))
}

/// A 128-bit hash of a file's bytes: collisions are out of reach for a site.
pub(super) fn hash(bytes: &[u8]) -> u128 {
    let mut h = Hashing::default();
    h.0.write(bytes);
    h.finish()
}

/// A 128-bit hash computed piece by piece (streamed files, page keys).
#[derive(Default)]
pub struct Hashing(SipHasher13);

impl Hashing {
    pub fn finish(&self) -> u128 {
        self.0.finish128().as_u128()
    }

    /// Hash `bytes` with their length in front, so one value never runs into
    /// the next.
    pub fn put(&mut self, bytes: &[u8]) {
        self.0.write(&(bytes.len() as u64).to_le_bytes());
        self.0.write(bytes);
    }
}

impl std::io::Write for Hashing {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A file's metadata as the manifest keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    size: u64,
    secs: i64,
    nanos: u32,
    ino: u64,
}

impl Stamp {
    /// The stamp of a plain file (never of a link or a folder).
    #[cfg(unix)]
    pub(super) fn of(m: &Metadata) -> Option<Stamp> {
        use std::os::unix::fs::MetadataExt;
        m.file_type().is_file().then(|| Stamp {
            size: m.size(),
            secs: m.mtime(),
            nanos: u32::try_from(m.mtime_nsec()).unwrap_or(0),
            ino: m.ino(),
        })
    }

    /// Elsewhere nothing is stamped, so every file is written again.
    #[cfg(not(unix))]
    pub(super) fn of(_: &Metadata) -> Option<Stamp> {
        None
    }

    fn at(path: &Path) -> Option<Stamp> {
        std::fs::symlink_metadata(path)
            .ok()
            .as_ref()
            .and_then(Stamp::of)
    }
}

/// What a file held when written, and its stamp just after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Entry {
    pub stamp: Stamp,
    pub hash: u128,
    /// The page key it was rendered for, when it is a keyed page.
    pub key: Option<u128>,
    /// Stamped in the clock tick the manifest was written: the file may have
    /// changed since without its stamp showing it, so it is compared in full.
    pub racy: bool,
}

impl Entry {
    /// The entry of `file`, just written with bytes hashing to `hash`.
    pub(super) fn written(file: &Path, hash: u128) -> Option<Entry> {
        Stamp::at(file).map(|stamp| Entry {
            stamp,
            hash,
            key: None,
            racy: false,
        })
    }
}

/// A folder's identity: device and inode.
pub(super) type FolderId = (u64, u64);

#[cfg(unix)]
pub(super) fn folder_id(dir: &Path) -> Option<FolderId> {
    use std::os::unix::fs::MetadataExt;
    std::fs::symlink_metadata(dir)
        .ok()
        .filter(Metadata::is_dir)
        .map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
pub(super) fn folder_id(_: &Path) -> Option<FolderId> {
    None
}

/// The entries of one folder, by site path.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Folder {
    pub id: FolderId,
    pub entries: HashMap<String, Entry>,
}

impl Folder {
    /// The entry of site path `rel` (at `file`) when the file is still exactly
    /// as written and holds `bytes` (hashing to `hash`): known by its stamp, or
    /// for a racily clean entry, by reading it.
    pub(super) fn unchanged(
        &self,
        rel: &str,
        file: &Path,
        bytes: &[u8],
        hash: u128,
    ) -> Option<Entry> {
        let e = self.entries.get(rel)?;
        let same = e.hash == hash && Stamp::at(file) == Some(e.stamp);
        let same = same && (!e.racy || std::fs::read(file).is_ok_and(|b| b == bytes));
        same.then_some(Entry { racy: false, ..*e })
    }

    /// The entry of site path `rel` (at `file`) when it was rendered for page
    /// key `key` and is still exactly as written. A racily clean entry is not
    /// trusted here: without the bytes, nothing can be compared.
    pub(super) fn kept(&self, rel: &str, file: &Path, key: u128) -> Option<Entry> {
        let e = self.entries.get(rel)?;
        let same = e.key == Some(key) && !e.racy && Stamp::at(file) == Some(e.stamp);
        same.then_some(*e)
    }

    /// The entries a later manifest may keep: the racily clean ones were never
    /// checked, and would not look racy there.
    pub(super) fn settled(mut self) -> Folder {
        self.entries.retain(|_, e| !e.racy);
        self
    }
}

fn version_line() -> String {
    format!("trellis {}\n", env!("CARGO_PKG_VERSION"))
}

/// The folders described at `path`, and a note when it was there but unusable.
pub(super) fn load(path: &Path) -> (Vec<Folder>, Option<String>) {
    let (Ok(bytes), Ok(meta)) = (std::fs::read(path), std::fs::metadata(path)) else {
        return (Vec::new(), None);
    };
    let ignored = |why: &str| {
        let note = format!(
            "ignored the output manifest {}: {why}; every file will be written again",
            path.display()
        );
        (Vec::new(), Some(note))
    };
    let Some(rest) = bytes.strip_prefix(MAGIC) else {
        return ignored("it is not a Trellis output manifest");
    };
    let Some(rest) = rest.strip_prefix(version_line().as_bytes()) else {
        return ignored("another version of Trellis wrote it");
    };
    let Some(mut folders) = decode(rest) else {
        return ignored("it is damaged");
    };
    // Racily clean entries: changed in the tick the manifest was written.
    let written = Stamp::of(&meta).map_or((i64::MIN, 0), |s| (s.secs, s.nanos));
    for e in folders.iter_mut().flat_map(|f| f.entries.values_mut()) {
        e.racy = (e.stamp.secs, e.stamp.nanos) >= written;
    }
    (folders, None)
}

/// Reads numbers and strings off the front of a byte slice.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, tail) = self.0.split_first_chunk::<N>()?;
        self.0 = tail;
        Some(*head)
    }
    fn u64(&mut self) -> Option<u64> {
        self.take().map(u64::from_le_bytes)
    }
    fn string(&mut self) -> Option<String> {
        let len = u32::from_le_bytes(self.take()?) as usize;
        let (s, tail) = (self.0.get(..len)?, self.0.get(len..)?);
        self.0 = tail;
        String::from_utf8(s.to_vec()).ok()
    }
    fn entry(&mut self) -> Option<(String, Entry)> {
        let path = self.string()?;
        let stamp = Stamp {
            size: self.u64()?,
            secs: i64::from_le_bytes(self.take()?),
            nanos: u32::from_le_bytes(self.take()?),
            ino: self.u64()?,
        };
        let hash = u128::from_le_bytes(self.take()?);
        let key = Some(u128::from_le_bytes(self.take()?)).filter(|k| *k != 0);
        let racy = false;
        Some((
            path,
            Entry {
                stamp,
                hash,
                key,
                racy,
            },
        ))
    }
}

fn decode(rest: &[u8]) -> Option<Vec<Folder>> {
    let (body, sum) = rest.split_last_chunk::<16>()?;
    if hash(body) != u128::from_le_bytes(*sum) {
        return None;
    }
    let mut r = Reader(body);
    let mut folders = Vec::new();
    while !r.0.is_empty() {
        let id = (r.u64()?, r.u64()?);
        let n = r.u64()?;
        let entries = (0..n).map(|_| r.entry()).collect::<Option<_>>()?;
        folders.push(Folder { id, entries });
    }
    Some(folders)
}

fn encode(folders: &[&Folder]) -> Vec<u8> {
    let mut body = Vec::new();
    for f in folders {
        for n in [f.id.0, f.id.1, f.entries.len() as u64] {
            body.extend_from_slice(&n.to_le_bytes());
        }
        for (path, e) in &f.entries {
            body.extend_from_slice(&(path.len() as u32).to_le_bytes());
            body.extend_from_slice(path.as_bytes());
            body.extend_from_slice(&e.stamp.size.to_le_bytes());
            body.extend_from_slice(&e.stamp.secs.to_le_bytes());
            body.extend_from_slice(&e.stamp.nanos.to_le_bytes());
            body.extend_from_slice(&e.stamp.ino.to_le_bytes());
            body.extend_from_slice(&e.hash.to_le_bytes());
            body.extend_from_slice(&e.key.unwrap_or(0).to_le_bytes());
        }
    }
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(version_line().as_bytes());
    out.extend_from_slice(&body);
    out.extend_from_slice(&hash(&body).to_le_bytes());
    out
}

/// Write the manifest through a temporary file renamed over the old one; a note
/// when it cannot be written (the next build then writes every file again).
pub(super) fn save(path: &Path, folders: &[&Folder]) -> Option<String> {
    let tmp = path.with_extension("trellis-manifest-tmp");
    let written = std::fs::write(&tmp, encode(folders)).and_then(|()| std::fs::rename(&tmp, path));
    written.err().map(|e| {
        let _ = std::fs::remove_file(&tmp);
        let _ = std::fs::remove_file(path);
        format!(
            "could not write the output manifest {}: {e}",
            path.display()
        )
    })
}

/// Remove the manifest: its folders are gone or no longer described.
pub(super) fn remove(path: &Path) {
    let _ = std::fs::remove_file(path);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder_with(dir: &Path, files: &[(&str, &str)]) -> Folder {
        let mut entries = HashMap::new();
        for (rel, text) in files {
            let p = dir.join(rel);
            std::fs::write(&p, text).unwrap();
            let e = Entry::written(&p, hash(text.as_bytes())).unwrap();
            entries.insert(rel.to_string(), e);
        }
        Folder {
            id: folder_id(dir).unwrap(),
            entries,
        }
    }

    /// Wait for the clock to move on, so entries are not racily clean.
    fn next_tick() {
        std::thread::sleep(std::time::Duration::from_millis(30));
    }

    #[test]
    fn folders_round_trip() {
        let t = tempfile::tempdir().unwrap();
        let f = folder_with(t.path(), &[("a.html", "one"), ("b.css", "two")]);
        next_tick();
        let m = path(t.path(), "public");
        assert!(m.ends_with(".public.trellis-manifest"));
        assert_eq!(save(&m, &[&f]), None);
        let (back, note) = load(&m);
        assert_eq!(note, None);
        assert_eq!(back, vec![f]);
    }

    #[test]
    fn a_file_is_unchanged_only_with_the_same_hash_and_stamp() {
        let t = tempfile::tempdir().unwrap();
        let f = folder_with(t.path(), &[("a.html", "one")]);
        let a = t.path().join("a.html");
        let same = |f: &Folder, rel: &str, text: &str| {
            f.unchanged(rel, &a, text.as_bytes(), hash(text.as_bytes()))
                .is_some()
        };
        assert!(same(&f, "a.html", "one"));
        assert!(!same(&f, "a.html", "two"));
        assert!(!same(&f, "b.html", "one"));
        next_tick();
        std::fs::write(&a, "two").unwrap();
        assert!(!same(&f, "a.html", "one"), "rewritten");
        std::fs::remove_file(&a).unwrap();
        std::os::unix::fs::symlink(t.path().join("elsewhere"), &a).unwrap();
        assert!(!same(&f, "a.html", "one"), "a link");
    }

    #[test]
    fn racily_clean_entries_are_compared_in_full() {
        let t = tempfile::tempdir().unwrap();
        let f = folder_with(t.path(), &[("a.html", "one")]);
        let m = t.path().join("m");
        assert_eq!(save(&m, &[&f]), None);
        // The manifest now looks older than the file: as if written in its tick.
        let file_time = std::fs::metadata(t.path().join("a.html"))
            .unwrap()
            .modified()
            .unwrap();
        std::fs::File::options()
            .write(true)
            .open(&m)
            .unwrap()
            .set_modified(file_time)
            .unwrap();
        let (back, note) = load(&m);
        assert!(note.is_none() && back[0].entries["a.html"].racy);
        let a = t.path().join("a.html");
        let stamp = std::fs::metadata(&a).unwrap();
        // Changed within the tick, its stamp put back as it was.
        std::fs::write(&a, "owt").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&a)
            .unwrap()
            .set_modified(stamp.modified().unwrap())
            .unwrap();
        assert!(back[0]
            .unchanged("a.html", &a, b"one", hash(b"one"))
            .is_none());
        std::fs::write(&a, "one").unwrap();
        assert!(back[0].clone().settled().entries.is_empty());
    }

    #[test]
    fn damaged_and_foreign_manifests_are_ignored_with_a_note() {
        let t = tempfile::tempdir().unwrap();
        let f = folder_with(t.path(), &[("a.html", "one")]);
        let m = t.path().join("m");
        let mut bytes = encode(&[&f]);
        let last = bytes.len() - 20;
        bytes[last] ^= 1;
        std::fs::write(&m, &bytes).unwrap();
        let (folders, note) = load(&m);
        assert!(folders.is_empty() && note.unwrap().contains("it is damaged"));
        std::fs::write(&m, "something else").unwrap();
        assert!(load(&m)
            .1
            .unwrap()
            .contains("not a Trellis output manifest"));
        let mut other = MAGIC.to_vec();
        other.extend_from_slice(b"trellis 0.0.0-other\n");
        std::fs::write(&m, other).unwrap();
        assert!(load(&m).1.unwrap().contains("another version"));
        assert_eq!(load(&t.path().join("none")), (Vec::new(), None));
    }
}
