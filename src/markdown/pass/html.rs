//! Raw HTML pass: the tags an author wrote by hand are read, never rewritten as
//! text. Their `id`s count as the page's anchors; their `href` and `src` paths
//! are resolved and checked like Markdown links, and where a path needs
//! rewriting (a lesson's `.md`, a file beside the lesson) the node records the
//! attribute's range and target so `render::body` writes it for each page.
//!
//! In: `Node::Html` as written. Out: the same with `paths` set, the ids it
//! gives (for the ids pass), assets, fragment links to check and errors.

use std::ops::Range;

use super::{links, Audience, Found};
use crate::markdown::links::Target;
use crate::markdown::tree::{walk_mut, Node, Pos, RawHtml};
use crate::markdown::Context;

/// One attribute of a tag: its name (lowercase) and its value's byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr {
    pub name: String,
    pub value: Range<usize>,
}

/// One start tag: its name (lowercase) and attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartTag {
    pub name: String,
    pub attrs: Vec<Attr>,
}

/// The start tags in `s`, skipping comments, declarations, end tags and the
/// contents of `<script>` and `<style>`. Linear in `s`.
pub fn start_tags(s: &str) -> Vec<StartTag> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(lt) = s[i..].find('<') {
        i += lt + 1;
        if s[i..].starts_with("!--") {
            i = s[i..].find("-->").map_or(b.len(), |e| i + e + 3);
            continue;
        }
        if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
            // `</x>`, `<!x>`, `<?x?>` or a lone `<`: nothing to read.
            continue;
        }
        let start = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-') {
            i += 1;
        }
        let name = s[start..i].to_ascii_lowercase();
        let attrs = attributes(s, &mut i);
        if name == "script" || name == "style" {
            let end = format!("</{name}");
            let rest = s[i..].to_ascii_lowercase();
            i = rest.find(&end).map_or(b.len(), |e| i + e);
        }
        out.push(StartTag { name, attrs });
    }
    out
}

/// Attributes from `*i` up to the tag's `>`; `*i` moves past it.
fn attributes(s: &str, i: &mut usize) -> Vec<Attr> {
    let b = s.as_bytes();
    let mut attrs = Vec::new();
    loop {
        while *i < b.len() && (b[*i].is_ascii_whitespace() || b[*i] == b'/') {
            *i += 1;
        }
        if *i >= b.len() || b[*i] == b'>' {
            *i = (*i + 1).min(b.len());
            return attrs;
        }
        let start = *i;
        while *i < b.len() && !b[*i].is_ascii_whitespace() && !matches!(b[*i], b'=' | b'>' | b'/') {
            *i += 1;
        }
        let name = s[start..*i].to_ascii_lowercase();
        while *i < b.len() && b[*i].is_ascii_whitespace() {
            *i += 1;
        }
        if b.get(*i) != Some(&b'=') {
            attrs.push(Attr {
                name,
                value: *i..*i,
            });
            continue;
        }
        *i += 1;
        while *i < b.len() && b[*i].is_ascii_whitespace() {
            *i += 1;
        }
        let value = match b.get(*i) {
            Some(&q @ (b'"' | b'\'')) => {
                let from = *i + 1;
                let to = s[from..].find(q as char).map_or(b.len(), |e| from + e);
                *i = (to + 1).min(b.len());
                from..to
            }
            _ => {
                let from = *i;
                while *i < b.len() && !b[*i].is_ascii_whitespace() && b[*i] != b'>' {
                    *i += 1;
                }
                from..*i
            }
        };
        attrs.push(Attr { name, value });
    }
}

/// An id given in raw HTML, and where.
pub struct RawId {
    pub id: String,
    pub pos: Pos,
}

/// Check every raw HTML node; returns the ids they give, in order.
pub fn check(
    nodes: &mut [Node],
    cx: &Context<'_>,
    audience: Audience,
    found: &mut Found,
) -> Vec<RawId> {
    let mut ids = Vec::new();
    walk_mut(nodes, &mut |n| {
        if let Node::Html(h) = n {
            one(h, cx, audience, found, &mut ids);
        }
    });
    ids
}

/// The file position of byte `at` of the node's text.
fn pos_at(h: &RawHtml, at: usize) -> Pos {
    let before = &h.html[..at];
    match before.rfind('\n') {
        Some(nl) => Pos {
            line: h.pos.line + before.matches('\n').count(),
            col: before[nl + 1..].chars().count() + 1,
        },
        None => Pos {
            line: h.pos.line,
            col: h.pos.col + before.chars().count(),
        },
    }
}

fn one(
    h: &mut RawHtml,
    cx: &Context<'_>,
    audience: Audience,
    found: &mut Found,
    ids: &mut Vec<RawId>,
) {
    for tag in start_tags(&h.html) {
        for a in &tag.attrs {
            let value = decode_entities(&h.html[a.value.clone()]);
            let pos = pos_at(h, a.value.start);
            match a.name.as_str() {
                "id" if !value.is_empty() => ids.push(RawId { id: value, pos }),
                "href" | "src" => {
                    let must_exist = a.name == "src";
                    let place = links::Place { pos, audience };
                    if let Some(t) = links::target(&value, must_exist, &place, cx, found) {
                        if !matches!(t, Target::Unchanged) {
                            h.paths.push((a.value.clone(), t));
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// The few entities a path may carry (`&amp;`, quotes); others are left as written.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::test_support::parse_page;

    #[test]
    fn the_tokenizer_reads_attributes_quoted_and_bare_and_skips_comments() {
        let s = r#"<!-- <a id="no"> --><a id="x" href='y z'><img src=p.png alt><script>"<b id=q>"</script></a>"#;
        let tags = start_tags(s);
        let names: Vec<_> = tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["a", "img", "script"]);
        let v = |t: &StartTag, k: usize| s[t.attrs[k].value.clone()].to_string();
        assert_eq!((v(&tags[0], 0), v(&tags[0], 1)), ("x".into(), "y z".into()));
        assert_eq!(v(&tags[1], 0), "p.png");
        assert_eq!(tags[1].attrs[1].name, "alt");
    }

    #[test]
    fn raw_html_ids_count_as_anchors_and_missing_raw_paths_are_errors() {
        let doc = parse_page(
            "<span id=\"here\">x</span> [to](#here)\n\n<div>\n<img src=\"none.png\" alt=\"n\">\n</div>\n",
        );
        assert!(doc.ids.contains(&"here".to_string()), "{:?}", doc.ids);
        assert_eq!(doc.diags.len(), 1, "{:?}", doc.diags);
        assert!(doc.diags[0].message.contains("none.png"), "{:?}", doc.diags);
        assert_eq!((doc.diags[0].line, doc.diags[0].col), (Some(4), Some(11)));
    }
}
