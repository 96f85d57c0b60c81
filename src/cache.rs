//! The on-disk build cache: the code blocks the last build highlighted in, the same
//! blocks out, in one file beside the output (`.public.trellis-cache` beside
//! `public/`). Highlighting is the costliest step of a build; a block whose language
//! and code are unchanged is taken from here, compared in full, never by hash alone.
//!
//! The file starts with [`MAGIC`] and the Trellis version that wrote it; then the
//! distinct opening tags of every block (a count, then each as a length-prefixed
//! string); then each block: its language, code and HTML without opening tags as
//! length-prefixed strings, its marks (a count, then offset and tag pairs) and its
//! tags (a count, then indices into the tag list), all numbers `u32` little-endian.
//! That is [`CodeHtml`]'s own form, so a warm build reads blocks without parsing
//! HTML, and they are a third of its size. A cache written by another version, or
//! damaged, is ignored with a note. The cache only saves work: a build gives the
//! same bytes with it, without it (`--no-cache`) and with a damaged one.

pub mod docs;
pub mod mapped;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::markdown::highlight::{Block, CodeHtml};

/// First line of a cache file.
pub const MAGIC: &[u8] = b"trellis build cache 2\n";

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

/// The blocks in the cache at `path`, and a note when it was there but unusable.
pub fn load(path: &Path) -> (Vec<Block>, Option<String>) {
    let Ok(bytes) = std::fs::read(path) else {
        return (Vec::new(), None);
    };
    let ignored = |why: &str| {
        (
            Vec::new(),
            Some(format!(
                "ignored the build cache {}: {why}; it will be rebuilt",
                path.display()
            )),
        )
    };
    let Some(rest) = bytes.strip_prefix(MAGIC) else {
        // An older format (`trellis build cache 1`) is another Trellis's cache.
        return if bytes.starts_with(&MAGIC[..MAGIC.len() - 2]) {
            ignored("another version of Trellis wrote it")
        } else {
            ignored("it is not a Trellis build cache")
        };
    };
    let Some(rest) = rest.strip_prefix(version_line().as_bytes()) else {
        return ignored("another version of Trellis wrote it");
    };
    match decode(rest) {
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

fn decode(bytes: &[u8]) -> Option<Vec<Block>> {
    let mut r = Reader(bytes);
    let tags: Vec<Arc<str>> = r.list(|r| r.string().map(Arc::from))?;
    let mut blocks = Vec::new();
    while !r.0.is_empty() {
        let lang = r.string()?.to_string();
        let code = r.string()?.to_string();
        let rest: Box<str> = r.string()?.into();
        let marks = r.list(|r| Some((r.number()?, r.number()?)))?;
        let own = r.list(|r| tags.get(r.number()? as usize).cloned())?;
        let html = CodeHtml::from_parts(rest, marks.into(), own.into())?;
        blocks.push(Block {
            lang,
            code,
            html: Arc::new(html),
        });
    }
    Some(blocks)
}

/// Write `blocks` to `out` as they go (a course's cache can be tens of MB: it is
/// never held twice in memory).
fn encode(blocks: &[Block], out: &mut impl std::io::Write) -> std::io::Result<()> {
    let mut index: HashMap<&str, u32> = HashMap::new();
    let mut tags: Vec<&str> = Vec::new();
    for b in blocks {
        for t in b.html.parts().2 {
            index.entry(&**t).or_insert_with(|| {
                tags.push(&**t);
                (tags.len() - 1) as u32
            });
        }
    }
    let number = |out: &mut dyn std::io::Write, n: usize| {
        out.write_all(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes())
    };
    let string = |out: &mut dyn std::io::Write, s: &str| {
        number(out, s.len())?;
        out.write_all(s.as_bytes())
    };
    out.write_all(MAGIC)?;
    out.write_all(version_line().as_bytes())?;
    number(out, tags.len())?;
    for t in &tags {
        string(out, t)?;
    }
    for b in blocks {
        let (rest, marks, own) = b.html.parts();
        for s in [b.lang.as_str(), b.code.as_str(), rest] {
            string(out, s)?;
        }
        number(out, marks.len())?;
        for &(offset, k) in marks {
            number(out, offset as usize)?;
            number(out, k as usize)?;
        }
        number(out, own.len())?;
        for t in own {
            number(out, index[&**t] as usize)?;
        }
    }
    out.flush()
}

/// Write the cache (through a temporary file, renamed over the old one); a note
/// when it could not be written (the build itself stands).
pub fn save(path: &Path, blocks: &[Block]) -> Option<String> {
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

    fn block(lang: &str, code: &str, html: &str) -> Block {
        let tags = crate::markdown::highlight::Tags::default();
        Block {
            lang: lang.into(),
            code: code.into(),
            html: Arc::new(CodeHtml::new(html, &tags)),
        }
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
        assert_eq!(back, blocks);
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
        // The block's last number is its one tag's index: point it past the list.
        let n = bytes.len();
        bytes[n - 4..].copy_from_slice(&7u32.to_le_bytes());
        std::fs::write(&p, &bytes).unwrap();
        let (blocks, note) = load(&p);
        assert!(blocks.is_empty() && note.unwrap().contains("damaged"));
    }
}
