//! The smaller copies of large images that phones load instead (`srcset`): an
//! image's file and a width in, the copy's bytes out — made once, then taken
//! from a cache.
//!
//! The cache is its own folder beside the output (`.public.trellis-images/`
//! beside `public/`), one file per copy, named by the SHA-256 of the Trellis
//! version, the width and the source file's bytes: an edited image, another
//! width or another Trellis makes a new entry, never a stale one. Each entry
//! starts with the SHA-256 of what follows, so a damaged entry is made again
//! instead of being published. The copies are the same bytes with the cache,
//! without it and in `serve`: scaling and encoding are deterministic, and the
//! cache only saves the work. After a build, entries it did not use are removed.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use anyhow::{Context as _, Result};
// SHA-256 from the RustCrypto project, the maintained standard for hashes in Rust;
// already in the lock file through the test tools.
use sha2::{Digest, Sha256};

/// JPEG quality of the copies: photos look the same on a phone at a third of the bytes.
const JPEG_QUALITY: u8 = 82;

/// Copies made or read in this process, by cache key.
type Memo = HashMap<[u8; 32], Arc<[u8]>>;

/// Makes and keeps the smaller copies of a build (or of a `serve` session).
#[derive(Default)]
pub struct Images {
    /// The course's folder, to name source files in messages.
    pub root: PathBuf,
    /// The cache folder; `None` keeps the copies in memory only (`--no-cache`, `serve`).
    dir: Option<PathBuf>,
    memo: Mutex<Memo>,
    /// Entry names this build used, kept by [`Images::prune`].
    used: Mutex<HashSet<String>>,
    /// How many copies were scaled and encoded, not read from the cache.
    encoded: AtomicUsize,
}

impl Images {
    /// Copies of the course at `root`, cached in `dir` (see [`Images::dir_for`])
    /// or, without one, in memory only.
    pub fn new(root: &Path, dir: Option<PathBuf>) -> Self {
        Images {
            root: root.to_path_buf(),
            dir,
            ..Images::default()
        }
    }

    /// The cache folder for an output folder: beside it, named after it.
    pub fn dir_for(out: &Path) -> PathBuf {
        crate::cache::beside(out, "images")
    }

    /// How many copies this build scaled and encoded (the rest came from the cache).
    pub fn encoded(&self) -> usize {
        self.encoded.load(Ordering::Relaxed)
    }

    /// The copy of the image at `source`, `width` pixels wide, in its own format.
    pub fn variant(&self, source: &Path, width: u32) -> Result<Arc<[u8]>> {
        let bytes =
            std::fs::read(source).with_context(|| format!("cannot read {}", source.display()))?;
        let key = key(&bytes, width);
        if let Some(done) = self.memo.lock().expect("image memo").get(&key) {
            return Ok(done.clone());
        }
        let name = entry_name(&key, source);
        let made: Arc<[u8]> = match self.dir.as_ref().and_then(|d| read_entry(&d.join(&name))) {
            Some(stored) => stored.into(),
            None => {
                let made = scale(&bytes, width)
                    .with_context(|| format!("cannot make its {width} px copy for phones"))?;
                self.encoded.fetch_add(1, Ordering::Relaxed);
                if let Some(d) = &self.dir {
                    // A cache that cannot be written only costs the next build time.
                    let _ = write_entry(d, &name, &made);
                }
                made.into()
            }
        };
        self.used.lock().expect("image cache").insert(name);
        self.memo
            .lock()
            .expect("image memo")
            .insert(key, made.clone());
        Ok(made)
    }

    /// Remove the cache entries this build did not use; after a build that
    /// succeeded, so a failed build never costs the next one its cache.
    pub fn prune(&self) {
        let Some(dir) = &self.dir else { return };
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let used = self.used.lock().expect("image cache");
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if !used.contains(&name) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

/// The cache key of the copy of `bytes` at `width`.
fn key(bytes: &[u8], width: u32) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(format!(
        "trellis {} image {width}\n",
        env!("CARGO_PKG_VERSION")
    ));
    h.update(bytes);
    h.finalize().into()
}

/// `<key in hex>.<ext>`: the extension only helps a person looking in the folder.
fn entry_name(key: &[u8; 32], source: &Path) -> String {
    let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
    let ext = source
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    format!("{hex}.{ext}")
}

fn read_entry(path: &Path) -> Option<Vec<u8>> {
    let stored = std::fs::read(path).ok()?;
    let (sum, body) = stored.split_at_checked(32)?;
    (Sha256::digest(body).as_slice() == sum).then(|| body.to_vec())
}

fn write_entry(dir: &Path, name: &str, body: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut f = tempfile::NamedTempFile::new_in(dir)?;
    std::io::Write::write_all(&mut f, &Sha256::digest(body))?;
    std::io::Write::write_all(&mut f, body)?;
    f.persist(dir.join(name)).map_err(|e| e.error)?;
    Ok(())
}

/// `bytes` (a PNG or JPEG) scaled to `width`, the height in proportion, encoded
/// in the same format.
fn scale(bytes: &[u8], width: u32) -> Result<Vec<u8>> {
    use image::{imageops::FilterType, ImageFormat};
    let format = image::guess_format(bytes)?;
    let img = image::load_from_memory_with_format(bytes, format)?;
    let height = ((u64::from(img.height()) * u64::from(width) + u64::from(img.width()) / 2)
        / u64::from(img.width().max(1)))
    .max(1);
    let small = img.resize_exact(width, u32::try_from(height)?, FilterType::Lanczos3);
    let mut out = std::io::Cursor::new(Vec::new());
    match format {
        ImageFormat::Jpeg => {
            let enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY);
            small.to_rgb8().write_with_encoder(enc)?;
        }
        _ => small.write_to(&mut out, ImageFormat::Png)?,
    }
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
        });
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn copies_are_scaled_in_proportion_and_the_same_every_time() {
        let a = scale(&png(1000, 500), 480).unwrap();
        assert_eq!(a, scale(&png(1000, 500), 480).unwrap());
        let back = image::load_from_memory(&a).unwrap();
        assert_eq!((back.width(), back.height()), (480, 240));
    }

    #[test]
    fn the_cache_is_used_and_a_damaged_entry_is_made_again() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("p.png");
        std::fs::write(&src, png(900, 300)).unwrap();
        let cache = dir.path().join("cache");
        let cold = Images::new(dir.path(), Some(cache.clone()));
        let made = cold.variant(&src, 480).unwrap();
        assert_eq!(cold.encoded(), 1);
        let warm = Images::new(dir.path(), Some(cache.clone()));
        assert_eq!(warm.variant(&src, 480).unwrap(), made);
        assert_eq!(warm.encoded(), 0);
        for e in std::fs::read_dir(&cache).unwrap() {
            std::fs::write(e.unwrap().path(), b"damaged").unwrap();
        }
        let again = Images::new(dir.path(), Some(cache));
        assert_eq!(again.variant(&src, 480).unwrap(), made);
        assert_eq!(again.encoded(), 1);
    }

    #[test]
    fn a_damaged_image_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("p.png");
        let mut bytes = png(900, 300);
        bytes.truncate(60);
        std::fs::write(&src, bytes).unwrap();
        let e = Images::default().variant(&src, 480).unwrap_err();
        assert!(format!("{e:#}").contains("480 px copy for phones"), "{e:#}");
    }
}
