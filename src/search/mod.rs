//! The client-side search index: lesson texts in, one JavaScript file out
//! (`static/search-index.js`), loaded as a script so search works from `file://`.
//!
//! The index is built here, once, so the browser only looks tokens up: a sorted
//! vocabulary, one postings list per token, and each lesson's text for snippets.
//! `themes/default/static/search.js` reads it; [`tokenize`] documents the rules both
//! sides share. Format (`v` 1):
//!
//! ```text
//! { v: 1,
//!   docs:  [[url, title, module], …]      site-relative url, e.g. "m/lesson/"
//!   len:   [tokens in each doc, …]         for length normalisation (BM25)
//!   text:  [plain text of each doc, …]     for snippets and highlighting
//!   terms: [token, …]                      sorted by UTF-16 code units, as JS compares
//!   post:  ["…", …]                        per token, its postings (below)
//! }
//! ```
//!
//! A posting is the gap from the previous doc id times 16 plus the term frequency
//! (title words count [`TITLE_BOOST`] times, capped at 15), written in base 32 with
//! the digits of [`DIGITS`]: the last digit from its first 32 characters, the ones
//! before it from the other 32. On the 1,000-lesson benchmark course that is 0.35 MB
//! of postings against 0.8 MB as JSON arrays of numbers, and strings parse several
//! times faster. The texts are the bulk of the file (5.5 of its 6.1 MB there): they
//! buy exact snippets with every match highlighted.

pub mod tokenize;

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;

/// One searchable page.
#[derive(Debug, Clone, Serialize)]
pub struct SearchDoc<'a> {
    /// Site-relative URL with a trailing slash, e.g. `foundations/what-is/`.
    pub url: &'a str,
    pub title: &'a str,
    pub module: Option<&'a str>,
    /// Plain text of the learner-visible body.
    pub text: &'a str,
}

/// A title word counts as this many body words.
const TITLE_BOOST: u32 = 5;
/// Term frequencies saturate in BM25 anyway; capping them keeps postings small.
const TF_MAX: u32 = 15;
const TF_BITS: u32 = 16;
/// Base-32 digits: a final digit, then the same digits followed by more.
pub const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

#[derive(Serialize)]
struct Index<'a> {
    v: u32,
    docs: Vec<(&'a str, &'a str, &'a str)>,
    len: Vec<u32>,
    text: Vec<String>,
    terms: Vec<String>,
    post: Vec<String>,
}

fn build<'a>(docs: &[SearchDoc<'a>]) -> Index<'a> {
    // Per doc, in parallel: its length and each token's (title-weighted) frequency.
    let counted: Vec<(u32, HashMap<String, u32>)> = docs
        .par_iter()
        .map(|doc| {
            let mut tf: HashMap<String, u32> = HashMap::new();
            let mut add = |t: &str, weight: u32| match tf.get_mut(t) {
                Some(n) => *n += weight,
                None => {
                    tf.insert(t.to_string(), weight);
                }
            };
            let mut len = 0;
            tokenize::each_token(doc.text, |t| {
                len += 1;
                add(t, 1);
            });
            tokenize::each_token(doc.title, |t| add(t, TITLE_BOOST));
            (len, tf)
        })
        .collect();
    // Token -> (doc id, tf), doc ids ascending as docs are merged in order.
    let mut postings: HashMap<String, Vec<(u32, u32)>> = HashMap::new();
    let mut len = Vec::with_capacity(docs.len());
    for (id, (n, tf)) in counted.into_iter().enumerate() {
        len.push(n);
        for (token, f) in tf {
            postings.entry(token).or_default().push((id as u32, f));
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
        v: 1,
        docs: docs
            .iter()
            .map(|d| (d.url, d.title, d.module.unwrap_or("")))
            .collect(),
        len,
        text: docs.par_iter().map(|d| squeeze(d.text)).collect(),
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

/// Runs of whitespace become one space: snippets are shown on one line anyway.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The index as a script that sets `window.TRELLIS_SEARCH`.
pub fn index_script(docs: &[SearchDoc<'_>]) -> String {
    let json = serde_json::to_string(&build(docs)).unwrap_or_else(|_| "null".into());
    format!("window.TRELLIS_SEARCH={json};\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc<'a>(url: &'a str, title: &'a str, text: &'a str) -> SearchDoc<'a> {
        SearchDoc {
            url,
            title,
            module: Some("M"),
            text,
        }
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
        let docs = [
            doc("a/", "Calm", "calm calm élève"),
            doc("b/", "Other", "nothing here"),
            doc("c/", "Third", "Eleve and calm"),
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
        let docs = [doc("a/", "T", "ａａ 𠀀𠀀 zz")];
        let index = build(&docs);
        let utf16: Vec<Vec<u16>> = index
            .terms
            .iter()
            .map(|t| t.encode_utf16().collect())
            .collect();
        assert!(utf16.windows(2).all(|w| w[0] < w[1]), "{:?}", index.terms);
    }

    #[test]
    fn script_sets_the_global_and_squeezes_whitespace() {
        let s = index_script(&[doc("a/", "T", "one\n\n two")]);
        assert!(s.starts_with("window.TRELLIS_SEARCH={\"v\":1,"));
        assert!(s.contains("\"one two\""));
    }
}
