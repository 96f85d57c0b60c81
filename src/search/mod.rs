//! The client-side search index: lesson trees in, small JavaScript files out, each
//! loaded by a `<script>` tag when a query needs it, so search works from `file://`
//! and the first query on a big course reads a few files, not the whole index.
//!
//! The index is built here, once, so the browser only looks tokens up.
//! `themes/default/static/search.js` reads it; [`tokenize`] documents the rules both
//! sides share. Format (`v` 2), every file a call that hands its value over:
//!
//! ```text
//! static/search-index.js   window.TRELLIS_SEARCH = {
//!   v: 2, n: <docs>, per: <docs per doc shard>,
//!   len:   "…"                    tokens in each doc (numbers, below), for BM25
//!   terms: [token, …]             the first token of each term shard
//! }
//! static/search/t<k>.js    TRELLIS_SEARCH_SHARD("t<k>", {terms: [token, …], post: ["…", …]})
//!                          a run of the sorted vocabulary and its postings
//! static/search/d<k>.js    TRELLIS_SEARCH_SHARD("d<k>", {docs: [[url, title, module], …],
//!                          text: [the start of each doc's plain text, …]})  docs k·per …
//! ```
//!
//! Tokens are sorted by UTF-16 code units, as JavaScript compares them, so a query
//! token's prefix range is found by binary search over shard heads, then within the
//! shards. A posting is the gap from the previous doc id times 16 plus the term
//! frequency (title words count [`TITLE_BOOST`] times, capped at 15), written in
//! base 32 with the digits of [`DIGITS`]: the last digit from its first 32
//! characters, the ones before it from the other 32 (strings parse several times
//! faster than arrays of numbers). Each doc keeps the first [`TEXT_CHARS`]
//! characters of its text for snippets: the whole text was 90% of the index, and
//! the postings still find a word anywhere in a lesson.

pub mod tokenize;

use rayon::prelude::*;
// The course's own words as keys, so no input is hostile: FxHash (the Rust
// compiler's own hasher, already built through fluent-bundle) instead of
// SipHash, which was most of the index's build time.
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};

use crate::markdown::pass::facts::search_text;
use crate::markdown::tree::Node;
use crate::text::fold;

/// One searchable page.
#[derive(Debug, Clone)]
pub struct SearchDoc<'a> {
    /// Site-relative URL with a trailing slash, e.g. `foundations/what-is/`.
    pub url: &'a str,
    pub title: &'a str,
    pub module: Option<&'a str>,
    /// The learner-visible body. Its plain text is read off the tree while the
    /// index takes the page in, so a big course's texts are never all held at
    /// once (at 5,000 lessons they were 27 MB, kept for the whole build).
    pub body: &'a crate::markdown::StoredTree,
    /// Where the body's terms are kept once counted, in a build with a cache
    /// ([`crate::markdown::Doc::search`]): a page the build cache kept comes
    /// with them. `None`: counted for the index and dropped.
    pub memo: Option<&'a std::sync::OnceLock<BodyTerms>>,
}

/// A title word counts as this many body words.
const TITLE_BOOST: u32 = 5;
/// Term frequencies saturate in BM25 anyway; capping them keeps postings small.
const TF_MAX: u32 = 15;
const TF_BITS: u32 = 16;
/// Base-32 digits: a final digit, then the same digits followed by more.
pub const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// Docs per doc shard: the snippets of a page of results come from a few files.
pub const DOCS_PER_SHARD: usize = 20;
/// A term shard is cut once its terms and postings reach this many bytes.
pub const TERM_SHARD_BYTES: usize = 24 * 1024;
/// Characters of each doc's text kept for snippets (cut at a space).
pub const TEXT_CHARS: usize = 1200;

struct Index<'a> {
    docs: Vec<(&'a str, &'a str, &'a str)>,
    len: Vec<u32>,
    text: Vec<String>,
    terms: Vec<String>,
    post: Vec<String>,
}

#[derive(Serialize)]
struct Meta<'a> {
    v: u32,
    n: usize,
    per: usize,
    len: String,
    terms: Vec<&'a str>,
}

#[derive(Serialize)]
struct TermShard<'a> {
    terms: &'a [String],
    post: &'a [String],
}

#[derive(Serialize)]
struct DocShard<'a> {
    docs: &'a [(&'a str, &'a str, &'a str)],
    text: &'a [String],
}

/// Docs counted on one thread at a time: each one's terms are merged into the
/// chunk's map, then dropped, so a big course never holds one map per doc (at
/// 5,000 lessons that was ~100 MB).
const COUNT_CHUNK: usize = 256;

/// What the index keeps of one doc's body, read off its text once. It does
/// not depend on the title, so a page's terms stay valid while its title
/// changes; the title's words are added as the docs are merged.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyTerms {
    /// Its length in tokens.
    len: u32,
    /// Its distinct folded terms, each followed by a newline (no token holds one).
    terms: String,
    /// Each term's frequency, in the order of `terms`.
    tf: Vec<u32>,
    /// The start of its text, for snippets.
    lead: String,
}

impl BodyTerms {
    /// A body's plain text, counted. Terms are counted as slices of the folded
    /// text, then written one after another into one string.
    pub fn of(body: &[Node]) -> BodyTerms {
        let text = search_text(body);
        let folded = fold(&text);
        let mut tf: HashMap<&str, u32> = HashMap::default();
        let mut len = 0;
        tokenize::each_folded_token(&folded, |t| {
            len += 1;
            *tf.entry(t).or_default() += 1;
        });
        let mut terms = String::with_capacity(folded.len().min(tf.len() * 12));
        let mut counts = Vec::with_capacity(tf.len());
        for (t, n) in tf {
            terms.push_str(t);
            terms.push('\n');
            counts.push(n);
        }
        BodyTerms {
            len,
            terms,
            tf: counts,
            lead: lead(&text),
        }
    }

    fn each(&self) -> impl Iterator<Item = (&str, u32)> {
        self.terms
            .split_terminator('\n')
            .zip(self.tf.iter().copied())
    }
}

/// A doc's body terms: kept on its page when the build keeps them, else
/// counted now.
fn count<'a>(doc: &SearchDoc<'a>) -> std::borrow::Cow<'a, BodyTerms> {
    match doc.memo {
        Some(memo) => std::borrow::Cow::Borrowed(memo.get_or_init(|| BodyTerms::of(doc.body))),
        None => std::borrow::Cow::Owned(BodyTerms::of(doc.body)),
    }
}

/// Add doc `id`'s terms to `postings`: its body's, and its title's, each title
/// word counting [`TITLE_BOOST`] times.
/// Token -> (doc id, tf).
type Postings = HashMap<String, Vec<(u32, u32)>>;

/// The postings of docs numbered from `first`, with each one's length and lead.
fn gather(docs: &[SearchDoc<'_>], first: usize) -> (Postings, Vec<u32>, Vec<String>) {
    let mut postings: Postings = HashMap::default();
    let mut len = Vec::with_capacity(docs.len());
    let mut text = Vec::with_capacity(docs.len());
    for (k, doc) in docs.iter().enumerate() {
        let body = count(doc);
        len.push(body.len);
        merge(&mut postings, (first + k) as u32, &body, doc.title);
        text.push(match body {
            std::borrow::Cow::Borrowed(b) => b.lead.clone(),
            std::borrow::Cow::Owned(b) => b.lead,
        });
    }
    (postings, len, text)
}

fn merge(postings: &mut Postings, id: u32, body: &BodyTerms, title: &str) {
    // A token's list ends with this doc's entry once the doc has it: a title
    // word and the same word in the body add up there.
    let mut add = |token: &str, f: u32| match postings.get_mut(token) {
        Some(list) => match list.last_mut() {
            Some((doc, n)) if *doc == id => *n += f,
            _ => list.push((id, f)),
        },
        None => {
            postings.insert(token.to_string(), vec![(id, f)]);
        }
    };
    tokenize::each_folded_token(&fold(title), |t| add(t, TITLE_BOOST));
    for (token, n) in body.each() {
        add(token, n);
    }
}

fn build<'a>(docs: &[SearchDoc<'a>]) -> Index<'a> {
    // Token -> (doc id, tf), doc ids ascending as chunks are joined in order.
    // Each chunk of docs is counted and gathered on its own thread, a few
    // chunks at a time, so only those chunks' maps are held at once.
    let mut postings: Postings = HashMap::default();
    let mut len = Vec::with_capacity(docs.len());
    let mut text = Vec::with_capacity(docs.len());
    let at_once = COUNT_CHUNK * rayon::current_num_threads().max(1);
    for (g, group) in docs.chunks(at_once).enumerate() {
        let parts: Vec<_> = group
            .par_chunks(COUNT_CHUNK)
            .enumerate()
            .map(|(c, chunk)| gather(chunk, g * at_once + c * COUNT_CHUNK))
            .collect();
        for (part, lens, leads) in parts {
            for (token, list) in part {
                match postings.get_mut(&token) {
                    Some(all) => all.extend(list),
                    None => {
                        postings.insert(token, list);
                    }
                }
            }
            len.extend(lens);
            text.extend(leads);
        }
    }
    let mut entries: Vec<(String, Vec<(u32, u32)>)> = postings.into_iter().collect();
    // JavaScript compares strings by UTF-16 code units; binary search there needs that order.
    entries.sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
    let mut terms = Vec::with_capacity(entries.len());
    let mut post = Vec::with_capacity(entries.len());
    for (term, mut list) in entries {
        list.sort_unstable();
        let mut prev = 0;
        let mut encoded = String::new();
        for (d, tf) in list {
            push_number(&mut encoded, (d - prev) * TF_BITS + tf.min(TF_MAX));
            prev = d;
        }
        post.push(encoded);
        terms.push(term);
    }
    Index {
        docs: docs
            .iter()
            .map(|d| (d.url, d.title, d.module.unwrap_or("")))
            .collect(),
        len,
        text,
        terms,
        post,
    }
}

fn push_number(out: &mut String, n: u32) {
    let mut digits = [0u8; 7];
    let mut len = 0;
    let mut rest = n;
    loop {
        digits[len] = (rest % 32) as u8;
        len += 1;
        rest /= 32;
        if rest == 0 {
            break;
        }
    }
    for (i, d) in digits[..len].iter().rev().enumerate() {
        let more = if i + 1 < len { 32 } else { 0 };
        out.push(DIGITS[usize::from(d + more)] as char);
    }
}

/// The first [`TEXT_CHARS`] characters of `text`, cut after a whole word, with
/// runs of whitespace made one space (snippets are shown on one line anyway).
fn lead(text: &str) -> String {
    let mut out = String::new();
    // Characters in `out`, counted as words are added rather than recounted.
    let mut chars = 0;
    for w in text.split_whitespace() {
        let n = w.chars().count();
        if !out.is_empty() {
            if chars + 1 + n > TEXT_CHARS {
                break;
            }
            out.push(' ');
            chars += 1;
        }
        out.push_str(w);
        chars += n;
    }
    out
}

/// Runs of terms: each shard's first index, cut at [`TERM_SHARD_BYTES`].
fn term_shards(index: &Index<'_>) -> Vec<usize> {
    let mut starts = vec![0];
    let mut bytes = 0;
    for (k, (t, p)) in index.terms.iter().zip(&index.post).enumerate() {
        if bytes >= TERM_SHARD_BYTES {
            starts.push(k);
            bytes = 0;
        }
        bytes += t.len() + p.len() + 6;
    }
    starts
}

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

/// The folder of the search shards; how many there are depends on the text.
pub const SHARD_DIR: &str = "static/search/";

/// Site path of a search shard.
fn shard_path(name: &str) -> String {
    format!("{SHARD_DIR}{name}.js")
}

/// Whether site path `path` is a search shard (of any edition).
pub fn is_shard(path: &str) -> bool {
    path.strip_prefix(SHARD_DIR)
        .or_else(|| {
            path.split_once('/')
                .and_then(|(_, rest)| rest.strip_prefix(SHARD_DIR))
        })
        .is_some()
}

/// The index's files as (site path, contents): `static/search-index.js`, which
/// sets `window.TRELLIS_SEARCH`, and the shards under `static/search/`.
pub fn index_files(docs: &[SearchDoc<'_>]) -> Vec<(String, String)> {
    let index = build(docs);
    let starts = term_shards(&index);
    let mut len = String::new();
    for &n in &index.len {
        push_number(&mut len, n);
    }
    let meta = Meta {
        v: 2,
        n: index.docs.len(),
        per: DOCS_PER_SHARD,
        len,
        terms: starts
            .iter()
            .filter_map(|&k| index.terms.get(k).map(String::as_str))
            .collect(),
    };
    let mut files = vec![(
        "static/search-index.js".to_string(),
        format!("window.TRELLIS_SEARCH={};\n", json(&meta)),
    )];
    let shard = |name: String, body: String| {
        (
            shard_path(&name),
            format!("TRELLIS_SEARCH_SHARD({},{body});\n", json(&name)),
        )
    };
    for (k, &from) in starts.iter().enumerate() {
        let to = starts.get(k + 1).copied().unwrap_or(index.terms.len());
        let body = json(&TermShard {
            terms: &index.terms[from..to],
            post: &index.post[from..to],
        });
        files.push(shard(format!("t{k}"), body));
    }
    for (k, from) in (0..index.docs.len()).step_by(DOCS_PER_SHARD).enumerate() {
        let to = (from + DOCS_PER_SHARD).min(index.docs.len());
        let body = json(&DocShard {
            docs: &index.docs[from..to],
            text: &index.text[from..to],
        });
        files.push(shard(format!("d{k}"), body));
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc<'a>(
        url: &'a str,
        title: &'a str,
        body: &'a crate::markdown::StoredTree,
    ) -> SearchDoc<'a> {
        SearchDoc {
            url,
            title,
            module: Some("M"),
            body,
            memo: None,
        }
    }

    /// A body of one text.
    fn text(s: &str) -> crate::markdown::StoredTree {
        vec![Node::text(s)].into()
    }

    fn numbers(s: &str) -> Vec<u32> {
        let mut out = Vec::new();
        let mut n = 0;
        for b in s.bytes() {
            let d = DIGITS.iter().position(|&c| c == b).unwrap() as u32;
            if d >= 32 {
                n = n * 32 + d - 32;
            } else {
                out.push(n * 32 + d);
                n = 0;
            }
        }
        out
    }

    fn decode(index: &Index<'_>, term: &str) -> Vec<(u32, u32)> {
        let i = index.terms.iter().position(|t| t == term).unwrap();
        let mut id = 0;
        numbers(&index.post[i])
            .into_iter()
            .map(|p| {
                id += p / TF_BITS;
                (id, p % TF_BITS)
            })
            .collect()
    }

    #[test]
    fn numbers_round_trip() {
        let all = [0, 1, 31, 32, 33, 1023, 1024, 99_999, u32::MAX];
        let mut s = String::new();
        for n in all {
            push_number(&mut s, n);
        }
        assert_eq!(numbers(&s), all);
        assert_eq!(s.len(), 1 + 1 + 1 + 2 + 2 + 2 + 3 + 4 + 7);
    }

    #[test]
    fn postings_hold_gaps_and_term_frequencies() {
        let bodies = [
            text("calm calm élève"),
            text("nothing here"),
            text("Eleve and calm"),
        ];
        let docs = [
            doc("a/", "Calm", &bodies[0]),
            doc("b/", "Other", &bodies[1]),
            doc("c/", "Third", &bodies[2]),
        ];
        let index = build(&docs);
        assert_eq!(decode(&index, "calm"), [(0, TITLE_BOOST + 2), (2, 1)]);
        assert_eq!(decode(&index, "eleve"), [(0, 1), (2, 1)]);
        assert_eq!(index.len, [3, 2, 3]);
        assert_eq!(index.docs[1], ("b/", "Other", "M"));
    }

    #[test]
    fn terms_are_in_utf16_order() {
        // U+FF41 (fullwidth a) sorts before U+20000 in UTF-8 order but after it in UTF-16.
        let body = text("ａａ 𠀀𠀀 zz");
        let docs = [doc("a/", "T", &body)];
        let index = build(&docs);
        let utf16: Vec<Vec<u16>> = index
            .terms
            .iter()
            .map(|t| t.encode_utf16().collect())
            .collect();
        assert!(utf16.windows(2).all(|w| w[0] < w[1]), "{:?}", index.terms);
    }

    #[test]
    fn kept_body_terms_give_the_same_index_and_a_title_change_still_counts() {
        let bodies = [text("calm calm élève"), text("Steady and calm")];
        let memos: [std::sync::OnceLock<BodyTerms>; 2] = Default::default();
        let docs = |titles: [&'static str; 2], keep: bool| -> Vec<(String, String)> {
            let list: Vec<SearchDoc<'_>> = (0..2)
                .map(|k| SearchDoc {
                    memo: keep.then_some(&memos[k]),
                    ..doc("a/", titles[k], &bodies[k])
                })
                .collect();
            index_files(&list)
        };
        let fresh = docs(["Calm", "Steady"], false);
        assert_eq!(docs(["Calm", "Steady"], true), fresh, "counted and kept");
        assert_eq!(memos[0].get(), Some(&BodyTerms::of(&bodies[0])));
        assert_eq!(docs(["Calm", "Steady"], true), fresh, "taken from the memo");
        // The title is not in the kept terms: a new one is counted as the docs merge.
        assert_eq!(
            docs(["Calm", "Ready"], true),
            docs(["Calm", "Ready"], false)
        );
        assert_ne!(docs(["Calm", "Ready"], true), fresh);
    }

    #[test]
    fn files_set_the_global_and_hand_over_shards_with_squeezed_text() {
        let files = index_files(&[doc("a/", "T", &text("one\n\n two"))]);
        let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            [
                "static/search-index.js",
                "static/search/t0.js",
                "static/search/d0.js"
            ]
        );
        assert!(files[0]
            .1
            .starts_with("window.TRELLIS_SEARCH={\"v\":2,\"n\":1,"));
        assert!(files[1]
            .1
            .starts_with("TRELLIS_SEARCH_SHARD(\"t0\",{\"terms\":[\"one\","));
        assert!(files[2].1.contains("\"one two\""), "{}", files[2].1);
    }

    #[test]
    fn term_shards_cover_the_vocabulary_in_order_and_doc_shards_every_doc() {
        let texts: Vec<crate::markdown::StoredTree> = (0..45)
            .map(|i| text(&format!("word{i} {}", "filler ".repeat(5))))
            .collect();
        let titles: Vec<String> = (0..45).map(|i| format!("T{i}")).collect();
        let docs: Vec<SearchDoc<'_>> = texts
            .iter()
            .zip(&titles)
            .map(|(t, title)| doc("x/", title, t))
            .collect();
        let files = index_files(&docs);
        let doc_shards = files.iter().filter(|(p, _)| p.contains("/d")).count();
        assert_eq!(doc_shards, 45_usize.div_ceil(DOCS_PER_SHARD));
        let index = build(&docs);
        let starts = term_shards(&index);
        assert_eq!(starts[0], 0);
        assert!(starts.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn the_lead_keeps_whole_words_up_to_the_limit() {
        let text = "word ".repeat(1000);
        let lead = lead(&text);
        assert!(lead.chars().count() <= TEXT_CHARS && lead.ends_with("word"));
        assert_eq!(super::lead("a\n b"), "a b");
        // Counted in characters, not bytes: 400 words of two two-byte letters and
        // the spaces between them are 1,199 characters; one more word would not fit.
        assert_eq!(super::lead(&"éé ".repeat(1000)).chars().count(), 1199);
    }

    #[test]
    fn the_lead_counts_characters_not_bytes() {
        // 600 two-character words of two-byte letters: 1,799 characters in all.
        let text = "éé ".repeat(600);
        let lead = lead(&text);
        assert_eq!(lead.chars().count(), 1199);
        assert!(lead.ends_with("éé") && !lead.ends_with(' '));
        // One word longer than the limit is kept whole, as the first word always is.
        let long = "ü".repeat(TEXT_CHARS + 5);
        assert_eq!(super::lead(&format!("{long} next")), long);
        assert_eq!(super::lead(""), "");
        assert_eq!(super::lead("  \r\n\t "), "");
    }
}
