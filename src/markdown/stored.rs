//! A page's body tree as the build cache keeps it, read only when something
//! needs the tree itself.
//!
//! A warm build takes thousands of unchanged pages from the cache
//! ([`crate::cache::docs`]) but renders only the few that changed: their keys
//! come from facts the [`super::Doc`] keeps beside the tree (its hash, its
//! search terms, its code). So the tree of a page from the cache stays in its
//! stored bytes until it is first read, and is written back to the cache from
//! those same bytes.

use std::cell::RefCell;
use std::ops::{Deref, DerefMut, Range};
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::tree::Node;

/// A tree of [`Node`]s: made by parsing, or read back from the cache when
/// first dereferenced. The stored bytes were checked against their entry's
/// checksum when the page was taken from the cache.
#[derive(Clone, Default)]
pub struct StoredTree {
    tree: OnceLock<Vec<Node>>,
    stored: Option<Stored>,
}

/// A tree's bytes in postcard's form.
#[derive(Clone)]
enum Stored {
    Own(Box<[u8]>),
    /// A range of the cache file as read, which every page from it shares.
    Shared(SharedFile, Range<usize>),
}

impl Stored {
    fn bytes(&self) -> &[u8] {
        match self {
            Stored::Own(b) => b,
            Stored::Shared(file, range) => &file.bytes()[range.clone()],
        }
    }
}

/// A cache file as read, which the pages read from it share.
pub trait TreeSource: Send + Sync {
    fn bytes(&self) -> &[u8];
    /// Told of each tree read back from it (for `TRELLIS_TIMINGS`).
    fn tree_read(&self) {}
}

impl TreeSource for Vec<u8> {
    fn bytes(&self) -> &[u8] {
        self
    }
}

pub type SharedFile = Arc<dyn TreeSource>;

thread_local! {
    /// The cache file that pages are being read from on this thread ([`reading`]).
    static FILE: RefCell<Option<SharedFile>> = const { RefCell::new(None) };
}

/// Run `read`, which reads pages from `file`, so that their trees keep their
/// place in it instead of a copy of their bytes.
pub fn reading<T>(file: &SharedFile, read: impl FnOnce() -> T) -> T {
    let before = FILE.with(|f| f.replace(Some(Arc::clone(file))));
    let result = read();
    FILE.with(|f| *f.borrow_mut() = before);
    result
}

/// `bytes` as kept: their place in the file being read, when they lie in it.
fn kept(bytes: &[u8]) -> Stored {
    FILE.with(|f| {
        let f = f.borrow();
        let Some(file) = f.as_ref() else {
            return Stored::Own(bytes.into());
        };
        let whole = file.bytes();
        let start = (bytes.as_ptr() as usize).wrapping_sub(whole.as_ptr() as usize);
        if start <= whole.len() && bytes.len() <= whole.len() - start {
            Stored::Shared(Arc::clone(file), start..start + bytes.len())
        } else {
            Stored::Own(bytes.into())
        }
    })
}

impl From<Vec<Node>> for StoredTree {
    fn from(nodes: Vec<Node>) -> Self {
        StoredTree {
            tree: OnceLock::from(nodes),
            stored: None,
        }
    }
}

impl StoredTree {
    /// Whether the tree is still only in its stored form (tests and timings).
    pub fn is_unread(&self) -> bool {
        self.tree.get().is_none()
    }
}

impl Deref for StoredTree {
    type Target = Vec<Node>;

    fn deref(&self) -> &Vec<Node> {
        self.tree.get_or_init(|| {
            if let Some(Stored::Shared(file, _)) = &self.stored {
                file.tree_read();
            }
            let bytes = self.stored.as_ref().map_or(&[][..], Stored::bytes);
            postcard::from_bytes(bytes)
                .expect("a cached tree reads back: its entry's checksum was checked")
        })
    }
}

impl DerefMut for StoredTree {
    fn deref_mut(&mut self) -> &mut Vec<Node> {
        let _: &Vec<Node> = self;
        // Changed, the tree no longer matches its stored bytes.
        self.stored = None;
        self.tree.get_mut().expect("read just above")
    }
}

impl PartialEq for StoredTree {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl std::fmt::Debug for StoredTree {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

impl Serialize for StoredTree {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match (&self.stored, self.tree.get()) {
            (Some(stored), _) => s.serialize_bytes(stored.bytes()),
            (None, tree) => {
                let tree = tree.map_or(&[][..], Vec::as_slice);
                let bytes = postcard::to_allocvec(tree).map_err(serde::ser::Error::custom)?;
                s.serialize_bytes(&bytes)
            }
        }
    }
}

impl<'de> Deserialize<'de> for StoredTree {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Bytes;
        impl<'de> serde::de::Visitor<'de> for Bytes {
            type Value = Stored;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a stored tree's bytes")
            }
            fn visit_borrowed_bytes<E: serde::de::Error>(self, v: &'de [u8]) -> Result<Stored, E> {
                Ok(kept(v))
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Stored, E> {
                Ok(Stored::Own(v.into()))
            }
            fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<Stored, E> {
                Ok(Stored::Own(v.into()))
            }
        }
        Ok(StoredTree {
            tree: OnceLock::new(),
            stored: Some(d.deserialize_bytes(Bytes)?),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::StoredTree;
    use crate::markdown::test_support::parse_page;

    #[test]
    fn a_stored_tree_is_read_only_when_used_and_equals_the_parsed_one() {
        let parsed = parse_page("# Title\n\nSome *text* and `code`.\n\n- a\n- b\n").body;
        let bytes = postcard::to_allocvec(&parsed).unwrap();
        let back: StoredTree = postcard::from_bytes(&bytes).unwrap();
        assert!(back.is_unread());
        assert_eq!(back, parsed);
        assert!(!back.is_unread());
        // Written again from its stored bytes, it is the same.
        assert_eq!(postcard::to_allocvec(&back).unwrap(), bytes);
    }

    #[test]
    fn a_tree_read_from_a_file_keeps_its_place_in_it() {
        let parsed = parse_page("Some *text*.\n").body;
        let bytes = postcard::to_allocvec(&parsed).unwrap();
        let file: super::SharedFile = std::sync::Arc::new(bytes.clone());
        let back: StoredTree =
            super::reading(&file, || postcard::from_bytes(file.bytes()).unwrap());
        assert!(
            matches!(&back.stored, Some(super::Stored::Shared(f, r)) if std::sync::Arc::ptr_eq(f, &file) && r.len() < bytes.len())
        );
        assert_eq!(back, parsed);
        // Outside `reading`, a tree owns a copy.
        let copied: StoredTree = postcard::from_bytes(&bytes).unwrap();
        assert!(matches!(copied.stored, Some(super::Stored::Own(_))));
        assert_eq!(copied, parsed);
    }

    #[test]
    fn a_changed_tree_is_stored_as_changed() {
        let parsed = parse_page("One.\n\nTwo.\n").body;
        let bytes = postcard::to_allocvec(&parsed).unwrap();
        let mut back: StoredTree = postcard::from_bytes(&bytes).unwrap();
        back.pop();
        let again: StoredTree =
            postcard::from_bytes(&postcard::to_allocvec(&back).unwrap()).unwrap();
        assert_eq!(again.len(), parsed.len() - 1);
    }
}
