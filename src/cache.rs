//! The on-disk build cache: the code blocks the last build highlighted in, the same
//! blocks out, in one file beside the output (`.public.trellis-cache` beside
//! `public/`). Highlighting is the costliest step of a build; a block whose language
//! and code are unchanged is taken from here, compared in full, never by hash alone.
//!
//! The file starts with [`MAGIC`] and the Trellis version that wrote it; then the
//! distinct opening tags of every block (a count, then each as a length-prefixed
//! string); then each block: its key ([`StoredBlocks::get`], `u64`), the length
//! of the rest of the entry (`u32`) and a checksum of it (`u64`), then its
//! language, code and HTML without opening tags as length-prefixed strings, its
//! marks (a count, then offset and tag pairs) and its tags (a count, then indices
//! into the tag list), all numbers `u32` little-endian unless said.
//! That is [`CodeHtml`]'s own form, so a warm build reads blocks without parsing
//! HTML, and they are a third of its size. The file is mapped, not read
//! ([`mapped`]), and a block is read only when a page parsed again needs it: a warm
//! build after a one-lesson edit reads one lesson's blocks, not the course's.
//! A cache written by another version, or whose entries do not fit the file, is
//! ignored with a note; a block whose bytes do not match their checksum, or do
//! not read back, is highlighted again. The cache only saves work: a build gives
//! the same bytes with it, without it (`--no-cache`) and with a damaged one.

pub mod docs;
pub mod mapped;

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::markdown::highlight::{Block, CodeHtml};
use mapped::FileBytes;

/// First line of a cache file.
pub const MAGIC: &[u8] = b"trellis build cache 3\n";

/// Bytes before each block: its key, its length and its checksum.
const HEAD: usize = 8 + 4 + 8;

/// The cache file for an output folder: beside it, named after it.
pub fn path_for(out: &Path) -> PathBuf {
    beside(out, "cache")
}

/// A hidden file or folder beside output folder `out`, named after it:
/// `.<name>.trellis-<kind>` (the build cache, the images' cache).
pub fn beside(out: &Path, kind: &str) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".into());
    out.with_file_name(format!(".{name}.trellis-{kind}"))
}

fn version_line() -> String {
    format!("trellis {}\n", env!("CARGO_PKG_VERSION"))
}

/// The last build's highlighted blocks, each read only when asked for.
#[derive(Default)]
pub struct StoredBlocks {
    bytes: FileBytes,
    /// Every opening tag the blocks use, each held once.
    tags: Vec<Arc<str>>,
    /// Key -> where the block's entry (after its head) lies in `bytes`, and its checksum.
    index: HashMap<u64, (Range<usize>, u64)>,
    /// The keys of blocks found damaged, for a note.
    damaged: std::sync::Mutex<std::collections::BTreeSet<u64>>,
}

impl StoredBlocks {
    /// The blocks in `bytes`, a whole cache file; `None` when they do not fit it.
    fn parse(bytes: FileBytes) -> Option<StoredBlocks> {
        let start = MAGIC.len() + version_line().len();
        let mut r = Reader(bytes.get(start..)?);
        let tags: Vec<Arc<str>> = r.list(|r| r.string().map(Arc::from))?;
        let mut at = bytes.len() - r.0.len();
        let mut index = HashMap::new();
        while at < bytes.len() {
            let head = bytes.get(at..at + HEAD)?;
            let key = u64::from_le_bytes(head[..8].try_into().ok()?);
            let len = u32::from_le_bytes(head[8..12].try_into().ok()?) as usize;
            let check = u64::from_le_bytes(head[12..].try_into().ok()?);
            let body = at + HEAD..at + HEAD + len;
            bytes.get(body.clone())?;
            at = body.end;
            index.insert(key, (body, check));
        }
        Some(StoredBlocks {
            bytes,
            tags,
            index,
            damaged: Default::default(),
        })
    }

    /// The stored block of `key`, read from its bytes; `None` when there is
    /// none, or its bytes are damaged.
    pub fn get(&self, key: u64) -> Option<Block> {
        let (range, check) = self.index.get(&key)?;
        let block = self.bytes.get(range.clone()).and_then(|bytes| {
            let sound = docs::checksum(bytes) == *check;
            sound.then(|| self.read(bytes)).flatten()
        });
        if block.is_none() {
            let mut damaged = self.damaged.lock().unwrap_or_else(|e| e.into_inner());
            damaged.insert(key);
        }
        block
    }

    /// How many blocks were found damaged (and made again) so far.
    pub fn damaged(&self) -> usize {
        self.damaged.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// A block from its entry's bytes.
    fn read(&self, bytes: &[u8]) -> Option<Block> {
        let mut r = Reader(bytes);
        let lang = r.string()?.to_string();
        let code = r.string()?.to_string();
        let rest: Box<str> = r.string()?.into();
        let marks = r.list(|r| Some((r.number()?, r.number()?)))?;
        let own = r.list(|r| self.tags.get(r.number()? as usize).cloned())?;
        let html = CodeHtml::from_parts(rest, marks.into(), own.into())?;
        r.0.is_empty().then(|| Block {
            lang,
            code,
            html: Arc::new(html),
        })
    }

    pub fn contains(&self, key: u64) -> bool {
        self.index.contains_key(&key)
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Every opening tag the stored blocks use.
    pub fn tags(&self) -> &[Arc<str>] {
        &self.tags
    }

    /// Every stored block that reads back, by key.
    pub fn all(&self) -> Vec<(u64, Block)> {
        let mut keys: Vec<u64> = self.index.keys().copied().collect();
        keys.sort_unstable();
        keys.into_iter()
            .filter_map(|k| Some((k, self.get(k)?)))
            .collect()
    }

    /// `blocks` as a store, as if written by one build and read by the next.
    pub fn of(blocks: &[(u64, Block)]) -> StoredBlocks {
        let mut bytes = Vec::new();
        // Writing to memory cannot fail.
        let _ = encode(blocks, &mut bytes);
        StoredBlocks::parse(FileBytes::from(bytes)).unwrap_or_default()
    }
}

/// The blocks in the cache at `path`, and a note when it was there but unusable.
pub fn load(path: &Path) -> (StoredBlocks, Option<String>) {
    let Ok(bytes) = FileBytes::read(path) else {
        return (StoredBlocks::default(), None);
    };
    let ignored = |why: &str| {
        (
            StoredBlocks::default(),
            Some(format!(
                "ignored the build cache {}: {why}; it will be rebuilt",
                path.display()
            )),
        )
    };
    let Some(rest) = bytes.strip_prefix(MAGIC) else {
        // An older format (`trellis build cache 1`, `2`) is another Trellis's cache.
        return if bytes.starts_with(&MAGIC[..MAGIC.len() - 2]) {
            ignored("another version of Trellis wrote it")
        } else {
            ignored("it is not a Trellis build cache")
        };
    };
    if !rest.starts_with(version_line().as_bytes()) {
        return ignored("another version of Trellis wrote it");
    }
    match StoredBlocks::parse(bytes) {
        Some(blocks) => (blocks, None),
        None => ignored("it is damaged"),
    }
}

/// Reads the numbers and strings of a cache file in order.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn number(&mut self) -> Option<u32> {
        let (n, tail) = self.0.split_first_chunk::<4>()?;
        self.0 = tail;
        Some(u32::from_le_bytes(*n))
    }

    fn string(&mut self) -> Option<&str> {
        let len = self.number()? as usize;
        let (s, tail) = (self.0.get(..len)?, self.0.get(len..)?);
        self.0 = tail;
        std::str::from_utf8(s).ok()
    }

    /// `n` more items, each read by `item`; never trusts `n` for an allocation.
    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let n = self.number()?;
        let mut items = Vec::new();
        for _ in 0..n {
            items.push(item(self)?);
        }
        Some(items)
    }
}

fn number(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
}

fn string(out: &mut Vec<u8>, s: &str) {
    number(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

/// One block's entry after its head, with its tags as indices of `index`.
fn entry(b: &Block, index: &HashMap<&str, u32>, out: &mut Vec<u8>) {
    let (rest, marks, own) = b.html.parts();
    for s in [b.lang.as_str(), b.code.as_str(), rest] {
        string(out, s);
    }
    number(out, marks.len());
    for &(offset, k) in marks {
        number(out, offset as usize);
        number(out, k as usize);
    }
    number(out, own.len());
    for t in own {
        number(out, index[&**t] as usize);
    }
}

/// Write `blocks` with their keys to `out` as they go (a course's cache can be
/// tens of MB: it is never held twice in memory).
fn encode(blocks: &[(u64, Block)], out: &mut impl std::io::Write) -> std::io::Result<()> {
    let mut index: HashMap<&str, u32> = HashMap::new();
    let mut tags: Vec<&str> = Vec::new();
    for (_, b) in blocks {
        for t in b.html.parts().2 {
            index.entry(&**t).or_insert_with(|| {
                tags.push(&**t);
                (tags.len() - 1) as u32
            });
        }
    }
    let mut head = Vec::new();
    head.extend_from_slice(MAGIC);
    head.extend_from_slice(version_line().as_bytes());
    number(&mut head, tags.len());
    for t in &tags {
        string(&mut head, t);
    }
    out.write_all(&head)?;
    let mut form = Vec::new();
    for (key, b) in blocks {
        form.clear();
        entry(b, &index, &mut form);
        out.write_all(&key.to_le_bytes())?;
        out.write_all(&u32::try_from(form.len()).unwrap_or(u32::MAX).to_le_bytes())?;
        out.write_all(&docs::checksum(&form).to_le_bytes())?;
        out.write_all(&form)?;
    }
    out.flush()
}

/// Write the cache (through a temporary file, renamed over the old one); a note
/// when it could not be written (the build itself stands).
pub fn save(path: &Path, blocks: &[(u64, Block)]) -> Option<String> {
    let tmp = path.with_extension("trellis-cache-tmp");
    let written = std::fs::File::create(&tmp)
        .and_then(|f| encode(blocks, &mut std::io::BufWriter::new(f)))
        .and_then(|()| std::fs::rename(&tmp, path));
    written.err().map(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("could not write the build cache {}: {e}", path.display())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(lang: &str, code: &str, html: &str) -> (u64, Block) {
        let tags = crate::markdown::highlight::Tags::default();
        let key = crate::markdown::highlight::block_key(lang, code);
        let block = Block {
            lang: lang.into(),
            code: code.into(),
            html: Arc::new(CodeHtml::new(html, &tags)),
        };
        (key, block)
    }

    #[test]
    fn blocks_round_trip() {
        let t = tempfile::tempdir().unwrap();
        let p = path_for(&t.path().join("public"));
        assert!(p.ends_with(".public.trellis-cache"));
        let blocks = vec![
            block(
                "rust",
                "fn x() {}",
                "<span class=\"hl-a\">fn</span> <span class=\"hl-b\">x</span><span class=\"hl-a\">()</span>",
            ),
            block("py", "x = 1", "<span class=\"hl-b\">x</span> = 1 &lt;"),
            block("", "", ""),
        ];
        assert_eq!(save(&p, &blocks), None);
        let (back, note) = load(&p);
        assert_eq!(note, None);
        let mut want = blocks.clone();
        want.sort_by_key(|(k, _)| *k);
        assert_eq!(back.all(), want);
        assert_eq!(back.get(blocks[1].0), Some(blocks[1].1.clone()));
        assert_eq!(back.get(blocks[1].0 ^ 1), None);
    }

    #[test]
    fn a_block_whose_bytes_are_damaged_is_not_read() {
        let t = tempfile::tempdir().unwrap();
        let p = t.path().join("c");
        let (a, b) = (block("rust", "fn x() {}", "<b>"), block("py", "x = 1", "x"));
        let mut bytes = Vec::new();
        encode(&[a.clone(), b.clone()], &mut bytes).unwrap();
        // The last byte of the last block's HTML: the file still fits together.
        let n = bytes.len();
        bytes[n - 9] ^= 0x20;
        std::fs::write(&p, &bytes).unwrap();
        let (stored, note) = load(&p);
        assert_eq!(note, None);
        assert_eq!(stored.get(a.0), Some(a.1));
        assert_eq!(stored.get(b.0), None, "damaged: highlighted again");
    }

    #[test]
    fn a_missing_cache_is_empty_without_a_note() {
        let (blocks, note) = load(Path::new("/nonexistent/.public.trellis-cache"));
        assert!(blocks.is_empty() && note.is_none());
    }

    #[test]
    fn damaged_and_foreign_caches_are_ignored_with_a_note() {
        let t = tempfile::tempdir().unwrap();
        let p = t.path().join("c");
        let mut bytes = Vec::new();
        encode(&[block("rust", "fn x() {}", "<b>")], &mut bytes).unwrap();
        bytes.truncate(bytes.len() - 2);
        std::fs::write(&p, &bytes).unwrap();
        let (blocks, note) = load(&p);
        assert!(blocks.is_empty() && note.unwrap().contains("damaged"));
        std::fs::write(&p, "something else").unwrap();
        assert!(load(&p).1.unwrap().contains("not a Trellis build cache"));
        let mut other = MAGIC.to_vec();
        other.extend_from_slice(b"trellis 0.0.0-other\n");
        std::fs::write(&p, other).unwrap();
        assert!(load(&p).1.unwrap().contains("another version"));
    }

    #[test]
    fn a_cache_of_the_first_format_is_another_versions() {
        let t = tempfile::tempdir().unwrap();
        let p = t.path().join("c");
        std::fs::write(&p, b"trellis build cache 1\ntrellis 0.2.0\n").unwrap();
        let (blocks, note) = load(&p);
        assert!(blocks.is_empty() && note.unwrap().contains("another version"));
    }

    #[test]
    fn a_cache_whose_tags_do_not_fit_its_text_is_damaged() {
        let t = tempfile::tempdir().unwrap();
        let p = t.path().join("c");
        let mut bytes = Vec::new();
        encode(
            &[block("rust", "x", "<span class=\"hl-a\">x</span>")],
            &mut bytes,
        )
        .unwrap();
        // The block's last number is its one tag's index: point it past the
        // list, and give the entry the checksum of its new bytes.
        let n = bytes.len();
        bytes[n - 4..].copy_from_slice(&7u32.to_le_bytes());
        let tag = "<span class=\"hl-a\">";
        let head = MAGIC.len() + version_line().len() + 4 + 4 + tag.len();
        let check = docs::checksum(&bytes[head + HEAD..]);
        bytes[head + 12..head + HEAD].copy_from_slice(&check.to_le_bytes());
        std::fs::write(&p, &bytes).unwrap();
        let (blocks, note) = load(&p);
        assert_eq!(note, None);
        assert_eq!(blocks.len(), 1);
        assert!(blocks.all().is_empty(), "the block does not read back");
    }

    #[test]
    fn entries_that_run_past_the_end_are_a_damaged_cache() {
        let t = tempfile::tempdir().unwrap();
        let p = t.path().join("c");
        let mut bytes = Vec::new();
        encode(&[block("rust", "x", "x")], &mut bytes).unwrap();
        bytes.extend_from_slice(&[0; HEAD - 1]);
        std::fs::write(&p, &bytes).unwrap();
        let (blocks, note) = load(&p);
        assert!(blocks.is_empty() && note.unwrap().contains("damaged"));
    }
}
