//! The build cache's parsed pages: each page's [`Doc`] as the last build made
//! it, so a warm build parses only the pages that changed. One file beside the
//! output (`.public.trellis-docs` beside `public/`).
//!
//! A page's key hashes everything its parse reads ([`DocStore::key`]): its
//! Markdown, where it is (paths, first body line, URL), whether it is a
//! standalone worksheet, the course's links ([`LinkIndex::stamp`]) and the files
//! beside the lessons that links and images may name ([`files_stamp`]: every
//! path, and the size and time of every file that is not Markdown). Any change
//! there is another key, so the page is parsed again; an unused entry is
//! dropped when the file is next written.
//!
//! The file starts with [`MAGIC`] and the Trellis that wrote it ([`version_line`]:
//! its version, and the size and time of its program file, since a page's body
//! tree is read back only when rendered, by the same Trellis); then
//! each entry: its key (16 bytes), the length of its doc (`u32`), a checksum of
//! the doc's bytes ([`checksum`], `u64`), and the doc in postcard's form, all
//! little-endian. A cache written by another version, or whose entries do not
//! fit the file, is ignored with a note; a doc whose bytes do not match their
//! checksum, or do not read back, is never trusted: it is parsed again. The cache only saves work: a build gives the same bytes with it and
//! without it (`tests/warm_cache.rs`).

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;

use super::mapped::FileBytes;
use crate::content::Source;
use crate::markdown::{Doc, LinkIndex};
use crate::output::Hashing;

/// First line of a docs cache file.
pub const MAGIC: &[u8] = b"trellis docs cache 3\n";

/// Docs serialized at a time when the file is written, so the whole file is
/// never held in memory at once.
const WRITE_CHUNK: usize = 256;

/// The second line of a docs cache file: the Trellis that wrote it. A page's
/// tree is stored in the form this build of Trellis gives it, and is read back
/// only when the page is rendered ([`crate::markdown::StoredTree`]), so a cache
/// is used only by the same program file (its size and time), never by another
/// build of the same version.
pub fn version_line() -> String {
    static LINE: OnceLock<String> = OnceLock::new();
    LINE.get_or_init(|| {
        let exe = std::env::current_exe().and_then(std::fs::metadata);
        let exe = exe.map(|m| (m.len(), m.modified().ok())).ok();
        format!("{} {exe:?}\n", super::version_line().trim_end())
    })
    .clone()
}

/// The docs cache file for an output folder.
pub fn path_for(out: &Path) -> PathBuf {
    super::beside(out, "docs")
}

/// The cache file as read, and how many page trees were read back from it.
#[derive(Default)]
struct CacheFile {
    bytes: FileBytes,
    trees_read: AtomicUsize,
}

impl crate::markdown::stored::TreeSource for CacheFile {
    fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    fn tree_read(&self) {
        self.trees_read.fetch_add(1, Ordering::Relaxed);
    }
}

/// The last build's docs, and the docs of this one as they are made.
#[derive(Default)]
pub struct DocStore {
    /// The file as read: entries are read from it by range. A page's tree stays
    /// in it until read ([`crate::markdown::StoredTree`]), sharing it.
    bytes: Arc<CacheFile>,
    /// Key -> the range of `bytes` holding that doc.
    old: HashMap<u128, Entry>,
    /// [`files_stamp`] of the content folder, made once for every edition.
    files: OnceLock<u128>,
    /// This build's docs by key, for the next build.
    kept: Mutex<HashMap<u128, Arc<Doc>>>,
    /// Docs this build parsed (not found, or not readable).
    parsed: AtomicUsize,
    /// Entries found damaged (their docs parsed again), for a note.
    damaged: AtomicUsize,
}

impl DocStore {
    /// The store at `path`, and a note when a file was there but unusable.
    pub fn load(path: &Path) -> (DocStore, Option<String>) {
        let Ok(bytes) = FileBytes::read(path) else {
            return (DocStore::default(), None);
        };
        let note = |why: &str| {
            Some(format!(
                "ignored the build cache {}: {why}; it will be rebuilt",
                path.display()
            ))
        };
        let Some(rest) = bytes.strip_prefix(MAGIC) else {
            // An older format (`trellis docs cache 1`) is another Trellis's cache.
            let why = if bytes.starts_with(&MAGIC[..MAGIC.len() - 2]) {
                "another version of Trellis wrote it"
            } else {
                "it is not a Trellis docs cache"
            };
            return (DocStore::default(), note(why));
        };
        let Some(rest) = rest.strip_prefix(version_line().as_bytes()) else {
            return (
                DocStore::default(),
                note("another version of Trellis wrote it"),
            );
        };
        let start = bytes.len() - rest.len();
        match entries(rest, start) {
            Some(old) => (
                DocStore {
                    bytes: Arc::new(CacheFile {
                        bytes,
                        trees_read: AtomicUsize::new(0),
                    }),
                    old,
                    ..DocStore::default()
                },
                None,
            ),
            None => (DocStore::default(), note("it is damaged")),
        }
    }

    /// Take the stamp of the files in `content_dir` ([`files_stamp`]) now, on
    /// the thread that reads the cache, rather than when the first page needs it.
    pub fn stamp_files(&self, content_dir: &Path) {
        self.files.get_or_init(|| files_stamp(content_dir));
    }

    /// The course-wide part of every key of one edition: its links and the
    /// files beside its lessons.
    pub fn edition_stamp(&self, links: &LinkIndex, content_dir: &Path) -> u128 {
        let files = *self.files.get_or_init(|| files_stamp(content_dir));
        let mut h = Hashing::default();
        let _ = h.write_all(&links.stamp().to_le_bytes());
        let _ = h.write_all(&files.to_le_bytes());
        h.finish()
    }

    /// The key of a page parsed from `source` at `url`.
    pub fn key(stamp: u128, source: &Source, url: &str, standalone: bool) -> u128 {
        let mut h = Hashing::default();
        let mut put = |s: &[u8]| h.put(s);
        put(&stamp.to_le_bytes());
        put(source.path.as_os_str().as_encoded_bytes());
        put(source.shown.as_os_str().as_encoded_bytes());
        put(&(source.body_line as u64).to_le_bytes());
        put(url.as_bytes());
        put(&[u8::from(standalone)]);
        put(source.body.as_bytes());
        h.finish()
    }

    /// The last build's doc of `key`, when there is one whose bytes are as
    /// written and read back.
    pub fn get(&self, key: u128) -> Option<Doc> {
        let entry = self.old.get(&key)?;
        let bytes = self.bytes.bytes.get(entry.from..entry.to)?;
        let doc = (checksum(bytes) == entry.check).then(|| {
            let file: crate::markdown::stored::SharedFile = self.bytes.clone();
            crate::markdown::stored::reading(&file, || postcard::from_bytes(bytes).ok())
        });
        let doc = doc.flatten();
        if doc.is_none() {
            self.damaged.fetch_add(1, Ordering::Relaxed);
        }
        doc
    }

    /// How many entries were found damaged (and their pages parsed again).
    pub fn damaged(&self) -> usize {
        self.damaged.load(Ordering::Relaxed)
    }

    /// Keep this build's doc of `key` for the next build; `parsed` when it was
    /// parsed rather than taken from the store.
    pub fn keep(&self, key: u128, doc: &Arc<Doc>, parsed: bool) {
        if parsed {
            self.parsed.fetch_add(1, Ordering::Relaxed);
        }
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        kept.insert(key, Arc::clone(doc));
    }

    /// How many pages this build parsed and took from the store, for
    /// `TRELLIS_TIMINGS`.
    pub fn counted(&self) -> String {
        let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner()).len();
        let parsed = self.parsed.load(Ordering::Relaxed);
        format!(
            "pages parsed: {parsed}, taken from the cache: {}",
            kept.saturating_sub(parsed)
        )
    }

    /// How many of the pages taken from the store had their tree read back (to
    /// be rendered), for `TRELLIS_TIMINGS`.
    pub fn trees_read(&self) -> String {
        let read = self.bytes.trees_read.load(Ordering::Relaxed);
        format!("cached page trees read back: {read}")
    }

    /// Write this build's docs to `path` when they are not exactly the stored
    /// ones; a note when it could not be written (the build itself stands).
    /// Docs taken from the store are copied as they were read.
    pub fn save(self, path: &Path) -> Option<String> {
        let kept = std::mem::take(&mut *self.kept.lock().unwrap_or_else(|e| e.into_inner()));
        let same = self.parsed.load(Ordering::Relaxed) == 0
            && kept.len() == self.old.len()
            && kept.keys().all(|k| self.old.contains_key(k));
        if same && path.is_file() {
            return None;
        }
        let mut entries: Vec<(u128, Arc<Doc>)> = kept.into_iter().collect();
        entries.sort_unstable_by_key(|(k, _)| *k);
        if let Some(fresh) = self.appendable(&entries, path) {
            return append(&fresh, path)
                .err()
                .map(|e| format!("could not write the build cache {}: {e}", path.display()));
        }
        let tmp = path.with_extension("trellis-docs-tmp");
        let written = std::fs::File::create(&tmp)
            .and_then(|f| write(&entries, &self.old, &self.bytes.bytes, f))
            .and_then(|()| std::fs::rename(&tmp, path));
        written.err().map(|e| {
            let _ = std::fs::remove_file(&tmp);
            format!("could not write the build cache {}: {e}", path.display())
        })
    }
}

impl DocStore {
    /// The docs to add to the file at `path` when adding them is enough: the
    /// file is the one this store read, and entries no page uses any more are
    /// under half of it (they go when the file is next written whole). A warm
    /// build that parsed one page writes one entry, not the whole cache.
    fn appendable(
        &self,
        entries: &[(u128, Arc<Doc>)],
        path: &Path,
    ) -> Option<Vec<(u128, Arc<Doc>)>> {
        let on_disk = std::fs::metadata(path).ok()?.len();
        if self.old.is_empty() || on_disk != self.bytes.bytes.len() as u64 {
            return None;
        }
        let live: std::collections::HashSet<u128> = entries.iter().map(|(k, _)| *k).collect();
        let stale: usize = self
            .old
            .iter()
            .filter(|(k, _)| !live.contains(k))
            .map(|(_, e)| e.to - e.from + HEAD)
            .sum();
        (stale * 2 < self.bytes.bytes.len()).then(|| {
            entries
                .iter()
                .filter(|(k, _)| !self.old.contains_key(k))
                .cloned()
                .collect()
        })
    }
}

/// Add entries at the end of the cache file. A build stopped midway leaves a
/// cut entry, which makes the next build ignore the file as damaged.
fn append(fresh: &[(u128, Arc<Doc>)], path: &Path) -> std::io::Result<()> {
    let file = std::fs::OpenOptions::new().append(true).open(path)?;
    let mut out = std::io::BufWriter::new(file);
    for (key, doc) in fresh {
        if let Ok(form) = postcard::to_allocvec(&**doc) {
            write_entry(&mut out, *key, &form)?;
        }
    }
    out.flush()
}

/// Bytes before each entry's doc: key, length and checksum.
const HEAD: usize = 16 + 4 + 8;

/// Where one doc is in the file, and its checksum.
struct Entry {
    from: usize,
    to: usize,
    check: u64,
}

/// A checksum of a doc's bytes, so a damaged entry is never read as a doc:
/// FxHash, fast enough to check every doc a warm build reads.
pub(crate) fn checksum(bytes: &[u8]) -> u64 {
    use std::hash::Hasher as _;
    let mut h = rustc_hash::FxHasher::default();
    h.write(bytes);
    h.finish()
}

/// One entry (one that does not fit a `u32` length is left out: parsed next time).
fn write_entry(out: &mut impl std::io::Write, key: u128, form: &[u8]) -> std::io::Result<()> {
    let Ok(len) = u32::try_from(form.len()) else {
        return Ok(());
    };
    out.write_all(&key.to_le_bytes())?;
    out.write_all(&len.to_le_bytes())?;
    out.write_all(&checksum(form).to_le_bytes())?;
    out.write_all(form)
}

/// Each entry's key and byte range, `start` being where `rest` begins in the file.
fn entries(rest: &[u8], start: usize) -> Option<HashMap<u128, Entry>> {
    let mut old = HashMap::new();
    let mut at = 0;
    while at < rest.len() {
        let head = rest.get(at..at + HEAD)?;
        let key = u128::from_le_bytes(head[..16].try_into().ok()?);
        let len = u32::from_le_bytes(head[16..20].try_into().ok()?) as usize;
        let check = u64::from_le_bytes(head[20..].try_into().ok()?);
        let from = at + HEAD;
        rest.get(from..from + len)?;
        let entry = Entry {
            from: start + from,
            to: start + from + len,
            check,
        };
        old.insert(key, entry);
        at = from + len;
    }
    Some(old)
}

fn write(
    entries: &[(u128, Arc<Doc>)],
    old: &HashMap<u128, Entry>,
    bytes: &[u8],
    file: std::fs::File,
) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(file);
    out.write_all(MAGIC)?;
    out.write_all(version_line().as_bytes())?;
    for chunk in entries.chunks(WRITE_CHUNK) {
        // A doc read from the store is copied; one parsed now is serialized. One
        // that cannot be (a path that is not UTF-8) is left out: parsed next time.
        let forms: Vec<Option<std::borrow::Cow<'_, [u8]>>> = chunk
            .par_iter()
            .map(|(key, doc)| match old.get(key) {
                Some(e) => Some(std::borrow::Cow::Borrowed(&bytes[e.from..e.to])),
                None => postcard::to_allocvec(&**doc)
                    .ok()
                    .map(std::borrow::Cow::Owned),
            })
            .collect();
        for ((key, _), form) in chunk.iter().zip(forms) {
            if let Some(form) = form {
                write_entry(&mut out, *key, &form)?;
            }
        }
    }
    out.flush()
}

/// A hash of the files beside the lessons a parse may look at: every path under
/// `content_dir` (a link to a file that appears is no longer broken), and the
/// size and modification time of each that is not Markdown (an image's size is
/// read from it). Lessons' Markdown is in each page's own key.
pub fn files_stamp(content_dir: &Path) -> u128 {
    let mut h = Hashing::default();
    let walk = walkdir::WalkDir::new(content_dir).sort_by_file_name();
    for entry in walk.into_iter().filter_map(Result::ok) {
        let path = entry.path().as_os_str().as_encoded_bytes();
        h.put(path);
        let markdown = entry.path().extension().is_some_and(|e| e == "md");
        if markdown || !entry.file_type().is_file() {
            continue;
        }
        if let Ok(meta) = entry.metadata() {
            let modified = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            let _ = h.write_all(&meta.len().to_le_bytes());
            let _ = h.write_all(&modified.to_le_bytes());
        }
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::test_support::parse_page;

    fn kept(store: &DocStore, docs: &[(u128, Doc)]) {
        for (k, d) in docs {
            store.keep(*k, &Arc::new(d.clone()), true);
        }
    }

    #[test]
    fn docs_round_trip_with_their_code_and_body_hash() {
        let t = tempfile::tempdir().unwrap();
        let p = path_for(&t.path().join("public"));
        assert!(p.ends_with(".public.trellis-docs"));
        let a = parse_page(
            "# One {#top}\n\nSome *text* and [a link](#top).\n\n```rust\nfn x() {}\n```\n\n\
             ::: worksheet\nWrite here: [[text]]\n:::\n",
        );
        a.body_hash();
        let b = parse_page("A second page, with an ```unknown``` span.\n");
        let (store, note) = DocStore::load(&p);
        assert!(note.is_none() && store.old.is_empty());
        kept(&store, &[(1, a.clone()), (2, b.clone())]);
        assert_eq!(store.save(&p), None);
        let (back, note) = DocStore::load(&p);
        assert_eq!(note, None);
        let a2 = back.get(1).expect("doc 1");
        assert_eq!(a2.body, a.body);
        assert_eq!(a2.worksheets, a.worksheets);
        assert_eq!(a2.diags, a.diags);
        assert_eq!(a2.body_hash.get(), a.body_hash.get());
        assert_eq!(back.get(2).expect("doc 2").body, b.body);
        assert!(back.get(3).is_none());
    }

    #[test]
    fn an_unchanged_store_is_not_written_and_a_changed_one_keeps_its_old_entries() {
        let t = tempfile::tempdir().unwrap();
        let p = t.path().join("docs");
        let a = parse_page("Page a.\n");
        let (store, _) = DocStore::load(&p);
        kept(&store, &[(1, a.clone())]);
        assert_eq!(store.save(&p), None);
        let written = std::fs::metadata(&p).unwrap().modified().unwrap();
        let (store, _) = DocStore::load(&p);
        let doc = Arc::new(store.get(1).unwrap());
        store.keep(1, &doc, false);
        assert_eq!(store.save(&p), None);
        assert_eq!(std::fs::metadata(&p).unwrap().modified().unwrap(), written);
        let (store, _) = DocStore::load(&p);
        store.keep(1, &Arc::new(store.get(1).unwrap()), false);
        kept(&store, &[(2, parse_page("Page b.\n"))]);
        assert_eq!(store.save(&p), None);
        let (back, _) = DocStore::load(&p);
        assert_eq!(back.old.len(), 2);
        assert_eq!(back.get(1).unwrap().body, a.body);
    }

    #[test]
    fn new_docs_are_added_to_the_file_until_unused_ones_are_half_of_it() {
        let t = tempfile::tempdir().unwrap();
        let p = t.path().join("docs");
        let (store, _) = DocStore::load(&p);
        let pages: Vec<(u128, Doc)> = (0..4)
            .map(|k| (k, parse_page(&format!("Page {k}, with some words.\n"))))
            .collect();
        kept(&store, &pages);
        assert_eq!(store.save(&p), None);
        let size = |p: &Path| std::fs::metadata(p).unwrap().len();
        let first = size(&p);
        // Page 3 edited: its new doc is added, its old one stays, unused.
        let (store, _) = DocStore::load(&p);
        for k in 0..3 {
            store.keep(k, &Arc::new(store.get(k).unwrap()), false);
        }
        kept(&store, &[(30, parse_page("Page 3, edited.\n"))]);
        assert_eq!(store.save(&p), None);
        assert!(size(&p) > first);
        let (back, note) = DocStore::load(&p);
        assert_eq!(note, None);
        assert_eq!(back.old.len(), 5, "added, not rewritten");
        let edited = parse_page("Page 3, edited.\n");
        assert_eq!(back.get(30).unwrap().body, edited.body);
        assert_eq!(back.get(3).unwrap().body, pages[3].1.body);
        // Pages 0 to 2 gone: unused entries would be most of the file, so it is
        // written whole, with only the pages in use.
        back.keep(30, &Arc::new(back.get(30).unwrap()), false);
        kept(&back, &[(40, parse_page("Page 4.\n"))]);
        assert_eq!(back.save(&p), None);
        let (whole, _) = DocStore::load(&p);
        let mut keys: Vec<u128> = whole.old.keys().copied().collect();
        keys.sort_unstable();
        assert_eq!(keys, [30, 40]);
    }

    #[test]
    fn damaged_and_foreign_docs_caches_are_ignored_with_a_note() {
        let t = tempfile::tempdir().unwrap();
        let p = t.path().join("docs");
        let (store, _) = DocStore::load(&p);
        kept(&store, &[(1, parse_page("Page a.\n"))]);
        assert_eq!(store.save(&p), None);
        let mut bytes = std::fs::read(&p).unwrap();
        bytes.truncate(bytes.len() - 1);
        std::fs::write(&p, &bytes).unwrap();
        assert!(DocStore::load(&p).1.unwrap().contains("damaged"));
        std::fs::write(&p, "something else").unwrap();
        assert!(DocStore::load(&p)
            .1
            .unwrap()
            .contains("not a Trellis docs cache"));
        let mut other = MAGIC.to_vec();
        other.extend_from_slice(b"trellis 0.0.0-other\n");
        std::fs::write(&p, other).unwrap();
        assert!(DocStore::load(&p).1.unwrap().contains("another version"));
        std::fs::write(&p, "trellis docs cache 1\ntrellis 0.2.0\n").unwrap();
        assert!(DocStore::load(&p).1.unwrap().contains("another version"));
    }

    #[test]
    fn a_doc_that_does_not_read_back_is_none() {
        let t = tempfile::tempdir().unwrap();
        let p = t.path().join("docs");
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(super::version_line().as_bytes());
        write_entry(&mut bytes, 7, &[0xff, 0xff, 0xff]).unwrap();
        std::fs::write(&p, bytes).unwrap();
        let (store, note) = DocStore::load(&p);
        assert_eq!(note, None);
        assert!(store.get(7).is_none());
    }

    #[test]
    fn a_doc_whose_bytes_changed_is_not_trusted() {
        let t = tempfile::tempdir().unwrap();
        let p = t.path().join("docs");
        let (store, _) = DocStore::load(&p);
        kept(&store, &[(1, parse_page("The word shared, in a page.\n"))]);
        assert_eq!(store.save(&p), None);
        // One letter changed: still a doc postcard can read, with other text.
        let bytes = std::fs::read(&p).unwrap();
        let at = bytes.windows(6).position(|w| w == b"shared").unwrap();
        let mut changed = bytes.clone();
        changed[at + 5] = b'x';
        std::fs::write(&p, &changed).unwrap();
        let (store, note) = DocStore::load(&p);
        assert_eq!(note, None, "the file's shape is whole");
        assert!(store.get(1).is_none(), "the doc is parsed again");
    }

    #[test]
    fn keys_change_with_the_markdown_the_place_and_the_course() {
        let source = Source {
            path: "/c/content/m/a.md".into(),
            shown: "content/m/a.md".into(),
            front: String::new(),
            format: None,
            front_line: 1,
            body: "Hello.\n".into(),
            body_line: 4,
        };
        let k = DocStore::key(1, &source, "m/a/", false);
        assert_eq!(k, DocStore::key(1, &source, "m/a/", false));
        let body = Source {
            body: "Hello!\n".into(),
            ..source.clone()
        };
        let line = Source {
            body_line: 5,
            ..source.clone()
        };
        for other in [
            DocStore::key(2, &source, "m/a/", false),
            DocStore::key(1, &body, "m/a/", false),
            DocStore::key(1, &line, "m/a/", false),
            DocStore::key(1, &source, "m/b/", false),
            DocStore::key(1, &source, "m/a/", true),
        ] {
            assert_ne!(k, other);
        }
    }

    #[test]
    fn the_files_stamp_sees_a_new_file_and_a_changed_image_but_not_markdown() {
        let t = tempfile::tempdir().unwrap();
        let dir = t.path();
        std::fs::write(dir.join("a.md"), "one").unwrap();
        std::fs::write(dir.join("x.png"), "12").unwrap();
        let first = files_stamp(dir);
        std::fs::write(dir.join("a.md"), "two, longer").unwrap();
        assert_eq!(files_stamp(dir), first, "a lesson's text is in its own key");
        std::fs::write(dir.join("x.png"), "123").unwrap();
        let second = files_stamp(dir);
        assert_ne!(second, first);
        std::fs::write(dir.join("new.pdf"), "").unwrap();
        assert_ne!(files_stamp(dir), second);
    }
}
