//! Highlighted code held compactly until a page writes it: syntect's HTML in,
//! [`CodeHtml`] out, and the same HTML back, byte for byte, from
//! [`CodeHtml::to_html`].
//!
//! A highlighted block is mostly its opening tags (`<span class="hl-meta hl-path
//! hl-rust">`): a 500-byte Python block became 10 KB of HTML, and a build keeps
//! every block until its pages are written. Here each opening tag is kept once per
//! build, shared through [`Tags`], and a block holds its text and closing tags,
//! with the place and number of each opening tag.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

const OPEN: &str = "<span class=\"";

/// The distinct opening tags of a build's blocks, each held once.
pub type Tags = Mutex<HashSet<Arc<str>>>;

/// Where an opening tag goes in a block's text (byte offset), and which of its
/// tags it is.
pub type Mark = (u32, u32);

/// One block's highlighted HTML, without copies of its opening tags.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct CodeHtml {
    /// The HTML without its opening tags.
    rest: Box<str>,
    /// Where each opening tag goes in `rest` (byte offset), and which of `tags` it is.
    marks: Box<[(u32, u32)]>,
    /// This block's distinct opening tags, shared with the build's [`Tags`].
    tags: Box<[Arc<str>]>,
}

impl CodeHtml {
    /// `html` as [`super::Highlighter`] writes it, its opening tags taken from
    /// (or added to) `shared`.
    pub fn new(html: &str, shared: &Tags) -> Self {
        if u32::try_from(html.len()).is_err() {
            return CodeHtml::verbatim(html);
        }
        let mut rest = String::with_capacity(html.len() / 4);
        let mut marks = Vec::new();
        let mut own: Vec<&str> = Vec::new();
        let mut s = html;
        while let Some(i) = s.find(OPEN) {
            let Some(end) = s[i..].find('>').map(|e| i + e + 1) else {
                break;
            };
            rest.push_str(&s[..i]);
            let tag = &s[i..end];
            let k = own.iter().position(|t| *t == tag).unwrap_or_else(|| {
                own.push(tag);
                own.len() - 1
            });
            // Both fit: `html` is shorter than u32::MAX bytes.
            marks.push((rest.len() as u32, k as u32));
            s = &s[end..];
        }
        rest.push_str(s);
        let mut set = shared.lock().expect("tags lock");
        let tags = own
            .into_iter()
            .map(|t| match set.get(t) {
                Some(kept) => kept.clone(),
                None => {
                    let kept: Arc<str> = t.into();
                    set.insert(kept.clone());
                    kept
                }
            })
            .collect();
        CodeHtml {
            rest: rest.into(),
            marks: marks.into(),
            tags,
        }
    }

    /// A block from its HTML without opening tags (`rest`) and the place of each
    /// opening tag in it, in order, with a key that names the tag (`marks`):
    /// `tags_for` turns this block's distinct keys, in order of first use, into
    /// their tags. The same value [`Self::new`] makes from the whole HTML, without
    /// writing that HTML first.
    pub fn from_marks<K: Copy + PartialEq>(
        rest: String,
        marks: &[(usize, K)],
        tags_for: impl FnOnce(&[K]) -> Vec<Arc<str>>,
    ) -> Self {
        let mut own: Vec<K> = Vec::new();
        let mut placed = Vec::with_capacity(marks.len());
        for &(at, key) in marks {
            // A block has a few dozen distinct tags: a scan beats hashing.
            let k = own.iter().position(|o| *o == key).unwrap_or_else(|| {
                own.push(key);
                own.len() - 1
            });
            placed.push((at, k));
        }
        let code = CodeHtml {
            rest: rest.into(),
            marks: Box::default(),
            tags: tags_for(&own).into(),
        };
        if u32::try_from(code.rest.len().max(code.tags.len())).is_err() {
            // Offsets past u32 (a block of gigabytes): kept whole, as `new` does.
            let html = code.write(placed.iter().copied());
            return CodeHtml::verbatim(&html);
        }
        // Both fit: offsets are at most `rest.len()` and indexes below `tags.len()`.
        let marks = placed.iter().map(|&(at, k)| (at as u32, k as u32));
        CodeHtml {
            marks: marks.collect(),
            ..code
        }
    }

    /// HTML with no opening tags to share (plain text, escaped).
    pub fn verbatim(html: &str) -> Self {
        CodeHtml {
            rest: html.into(),
            ..CodeHtml::default()
        }
    }

    /// The HTML it was made from.
    pub fn to_html(&self) -> String {
        let marks = self.marks.iter().map(|&(at, k)| (at as usize, k as usize));
        self.write(marks)
    }

    /// `rest` with the tags of `marks` (offset in `rest`, index in `tags`) put back.
    fn write(&self, marks: impl Iterator<Item = (usize, usize)> + Clone) -> String {
        let size = self.rest.len()
            + marks
                .clone()
                .map(|(_, k)| self.tags[k].len())
                .sum::<usize>();
        let mut out = String::with_capacity(size);
        let mut at = 0;
        for (offset, k) in marks {
            out.push_str(&self.rest[at..offset]);
            out.push_str(&self.tags[k]);
            at = offset;
        }
        out.push_str(&self.rest[at..]);
        out
    }

    /// The text without opening tags, where each tag goes, and the block's
    /// distinct tags: what the build cache writes ([`crate::cache`]).
    pub fn parts(&self) -> (&str, &[Mark], &[Arc<str>]) {
        (&self.rest, &self.marks, &self.tags)
    }

    /// A block from its [`Self::parts`], or `None` when they do not fit
    /// together (a damaged cache): every mark inside `rest`, in order, on a
    /// character boundary, and naming one of `tags`.
    pub fn from_parts(
        rest: Box<str>,
        marks: Box<[(u32, u32)]>,
        tags: Box<[Arc<str>]>,
    ) -> Option<Self> {
        let mut at = 0;
        for &(offset, k) in marks.iter() {
            let offset = offset as usize;
            let fits = offset >= at && rest.is_char_boundary(offset) && (k as usize) < tags.len();
            if !fits {
                return None;
            }
            at = offset;
        }
        Some(CodeHtml { rest, marks, tags })
    }

    /// Its distinct opening tags, as the build shares them.
    pub fn shared_tags(&self) -> &[Arc<str>] {
        &self.tags
    }

    /// Its distinct opening tags, each once.
    pub fn tags(&self) -> impl Iterator<Item = &str> {
        self.tags.iter().map(|t| &**t)
    }
}

/// In the build cache a block is its [`CodeHtml::parts`], its tags written out.
impl serde::Serialize for CodeHtml {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let tags: Vec<&str> = self.tags().collect();
        serde::Serialize::serialize(&(&*self.rest, &*self.marks, tags), s)
    }
}

/// Read back as [`CodeHtml::from_parts`] checks it: parts that do not fit are an error.
impl<'de> serde::Deserialize<'de> for CodeHtml {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (rest, marks, tags): (Box<str>, Box<[Mark]>, Vec<Box<str>>) =
            serde::Deserialize::deserialize(d)?;
        let tags = tags.into_iter().map(Arc::from).collect();
        CodeHtml::from_parts(rest, marks, tags)
            .ok_or_else(|| serde::de::Error::custom("a code block's parts do not fit"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_comes_back_byte_for_byte_and_tags_are_shared() {
        let shared = Tags::default();
        let html = "<span class=\"hl-a\"><span class=\"hl-b hl-c\">fn</span> x</span>\n\
                    <span class=\"hl-a\">&lt;span class=&quot;y&quot;&gt;</span><span class=\"";
        let code = CodeHtml::new(html, &shared);
        assert_eq!(code.to_html(), html);
        assert_eq!(
            code.tags().collect::<Vec<_>>(),
            ["<span class=\"hl-a\">", "<span class=\"hl-b hl-c\">"]
        );
        let other = CodeHtml::new("<span class=\"hl-a\">z</span>", &shared);
        assert_eq!(shared.lock().unwrap().len(), 2);
        assert!(Arc::ptr_eq(&code.tags[0], &other.tags[0]));
        assert_eq!(CodeHtml::new("", &shared).to_html(), "");
        assert_eq!(CodeHtml::verbatim("a &amp; b").to_html(), "a &amp; b");
    }

    #[test]
    fn parts_that_do_not_fit_together_make_no_block() {
        let shared = Tags::default();
        let code = CodeHtml::new("<span class=\"hl-a\">é</span>", &shared);
        let (rest, marks, tags) = code.parts();
        let back = CodeHtml::from_parts(rest.into(), marks.into(), tags.into());
        assert_eq!(back.as_ref(), Some(&code));
        let part =
            |marks: &[(u32, u32)]| CodeHtml::from_parts(rest.into(), marks.into(), tags.into());
        // Past the end, inside the two bytes of é, out of order, an unknown tag.
        assert_eq!(part(&[(99, 0)]), None);
        assert_eq!(part(&[(1, 0)]), None);
        assert_eq!(part(&[(2, 0), (0, 0)]), None);
        assert_eq!(part(&[(0, 1)]), None);
    }
}
