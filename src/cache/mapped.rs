//! A cache file's bytes, mapped into memory rather than copied into it (Unix).
//!
//! A warm build of a large course opens its docs cache and its highlight cache
//! (tens of MB each) but needs only part of them: the trees of pages it does
//! not render are never read ([`crate::markdown::StoredTree`]), nor the code
//! blocks of pages not parsed again ([`super::StoredBlocks`]). Copying the file would fill
//! fresh memory page by page; mapping it shares the system's cached copy.
//!
//! The mapping is private and read-only. It stays valid while the build writes
//! the cache: a build only adds to the end of the file or writes a new file and
//! renames it over the old one, and the output folder's lock keeps other builds
//! out. Elsewhere (and for an empty file) the file is read into memory.

use std::io;
use std::ops::Deref;
use std::path::Path;

/// The bytes of a file as read, to share between threads.
pub struct FileBytes(Inner);

enum Inner {
    #[cfg(unix)]
    Mapped {
        ptr: std::ptr::NonNull<u8>,
        len: usize,
    },
    Read(Vec<u8>),
}

// SAFETY: the mapping is read-only and private, and is unmapped only on drop:
// sharing `&[u8]` into it between threads is as safe as sharing a `Vec<u8>`.
unsafe impl Send for FileBytes {}
unsafe impl Sync for FileBytes {}

impl FileBytes {
    /// The bytes of the file at `path`.
    pub fn read(path: &Path) -> io::Result<FileBytes> {
        #[cfg(unix)]
        {
            let file = std::fs::File::open(path)?;
            let len = usize::try_from(file.metadata()?.len()).map_err(io::Error::other)?;
            if len > 0 {
                // SAFETY: a fresh private read-only mapping of an open file; see
                // the module's documentation for why the file does not change
                // under it while it is mapped.
                let ptr = unsafe {
                    rustix::mm::mmap(
                        std::ptr::null_mut(),
                        len,
                        rustix::mm::ProtFlags::READ,
                        rustix::mm::MapFlags::PRIVATE,
                        &file,
                        0,
                    )
                };
                if let Ok(Some(ptr)) = ptr.map(|p| std::ptr::NonNull::new(p.cast::<u8>())) {
                    return Ok(FileBytes(Inner::Mapped { ptr, len }));
                }
            }
        }
        std::fs::read(path).map(|b| FileBytes(Inner::Read(b)))
    }
}

impl From<Vec<u8>> for FileBytes {
    fn from(bytes: Vec<u8>) -> Self {
        FileBytes(Inner::Read(bytes))
    }
}

impl Default for FileBytes {
    fn default() -> Self {
        FileBytes(Inner::Read(Vec::new()))
    }
}

impl Deref for FileBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match &self.0 {
            #[cfg(unix)]
            // SAFETY: `ptr` maps `len` readable bytes until `self` is dropped.
            Inner::Mapped { ptr, len } => unsafe { std::slice::from_raw_parts(ptr.as_ptr(), *len) },
            Inner::Read(bytes) => bytes,
        }
    }
}

impl Drop for FileBytes {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Inner::Mapped { ptr, len } = self.0 {
            // SAFETY: the mapping made in `read`, unmapped once; nothing borrows
            // from `self` any more.
            let _ = unsafe { rustix::mm::munmap(ptr.as_ptr().cast(), len) };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FileBytes;

    #[test]
    fn a_file_reads_back_whole_and_an_empty_one_as_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        let bytes: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&p, &bytes).unwrap();
        let read = FileBytes::read(&p).unwrap();
        assert_eq!(&*read, &bytes[..]);
        // A new file renamed over it leaves the bytes read as they were.
        let tmp = dir.path().join("g");
        std::fs::write(&tmp, b"other").unwrap();
        std::fs::rename(&tmp, &p).unwrap();
        assert_eq!(&*read, &bytes[..]);
        std::fs::write(&p, b"").unwrap();
        assert!(FileBytes::read(&p).unwrap().is_empty());
        assert!(FileBytes::read(&dir.path().join("missing")).is_err());
    }
}
