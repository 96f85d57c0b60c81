//! The on-disk build cache: the code blocks the last build highlighted in, the same
//! blocks out, in one file beside the output (`.public.trellis-cache` beside
//! `public/`). Highlighting is the costliest step of a build; a block whose language
//! and code are unchanged is taken from here, compared in full, never by hash alone.
//!
//! The file starts with [`MAGIC`] and the Trellis version that wrote it; then each
//! block as three length-prefixed strings (language, code, highlighted HTML). A
//! cache written by another version, or damaged, is ignored with a note. The cache
//! only saves work: a build gives the same bytes with it, without it (`--no-cache`)
//! and with a damaged one.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::markdown::highlight::Block;

/// First line of a cache file.
pub const MAGIC: &[u8] = b"trellis build cache 1\n";

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
        return ignored("it is not a Trellis build cache");
    };
    let Some(rest) = rest.strip_prefix(version_line().as_bytes()) else {
        return ignored("another version of Trellis wrote it");
    };
    match decode(rest) {
        Some(blocks) => (blocks, None),
        None => ignored("it is damaged"),
    }
}

fn decode(mut rest: &[u8]) -> Option<Vec<Block>> {
    let mut take = || -> Option<String> {
        let (len, tail) = rest.split_first_chunk::<4>()?;
        let len = u32::from_le_bytes(*len) as usize;
        let (s, tail) = (tail.get(..len)?, tail.get(len..)?);
        rest = tail;
        String::from_utf8(s.to_vec()).ok()
    };
    let mut blocks = Vec::new();
    while let Some(lang) = take() {
        let code = take()?;
        let html: Arc<str> = take()?.into();
        blocks.push(Block { lang, code, html });
    }
    // Every byte must belong to a whole block.
    rest.is_empty().then_some(blocks)
}

/// Write `blocks` to `out` as they go (a course's cache can be tens of MB: it is
/// never held twice in memory).
fn encode(blocks: &[Block], out: &mut impl std::io::Write) -> std::io::Result<()> {
    out.write_all(MAGIC)?;
    out.write_all(version_line().as_bytes())?;
    for b in blocks {
        for s in [b.lang.as_str(), b.code.as_str(), &b.html] {
            let len = u32::try_from(s.len()).unwrap_or(u32::MAX);
            out.write_all(&len.to_le_bytes())?;
            out.write_all(&s.as_bytes()[..len as usize])?;
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
        Block {
            lang: lang.into(),
            code: code.into(),
            html: html.into(),
        }
    }

    #[test]
    fn blocks_round_trip() {
        let t = tempfile::tempdir().unwrap();
        let p = path_for(&t.path().join("public"));
        assert!(p.ends_with(".public.trellis-cache"));
        let blocks = vec![
            block("rust", "fn x() {}", "<span>fn</span>"),
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
}
