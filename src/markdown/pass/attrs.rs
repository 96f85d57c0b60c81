//! Attributes pass: Pandoc's and kramdown's `{…}` attribute lists after inline
//! elements. `![](x.png){alt='…' width=50%}` gives the image its alt text;
//! attributes after a link are taken off the text; `[text]{#id .class}` becomes a
//! span with that id and those classes (a glossary's anchors).
//!
//! In: the parsed tree, whose text may be split into several text events (and
//! whose quotes smart punctuation has curled). Out: the same tree with adjacent
//! texts joined, attribute lists consumed, and spans as `Span` blocks. Text that
//! does not parse as attributes is left as it was.

use std::collections::BTreeMap;

use crate::markdown::tree::{children_mut, Block, BlockKind, Ev, Node, Pos};

/// An attribute list: `#id`, `.class` and `key=value` items.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Attrs {
    pub id: Option<String>,
    pub classes: Vec<String>,
    pub pairs: BTreeMap<String, String>,
}

pub fn apply(nodes: &mut Vec<Node>) {
    for n in nodes.iter_mut() {
        if let Some(children) = children_mut(n) {
            apply(children);
        }
    }
    join_texts(nodes);
    after_links(nodes);
    spans(nodes);
}

fn text(n: &Node) -> Option<&str> {
    match n {
        Node::Ev(Ev::Text(t)) => Some(t),
        _ => None,
    }
}

fn text_node(s: &str) -> Node {
    Node::text(s)
}

/// Text, or a soft line break as the newline it is written as.
fn joinable(n: &Node) -> Option<&str> {
    match n {
        Node::Ev(Ev::SoftBreak) => Some("\n"),
        other => text(other),
    }
}

/// Adjacent text events (and the soft breaks between them) as one: pulldown-cmark
/// splits text at brackets and quotes, and an attribute list may span lines.
fn join_texts(nodes: &mut Vec<Node>) {
    if nodes
        .windows(2)
        .all(|w| joinable(&w[0]).is_none() || joinable(&w[1]).is_none())
    {
        return;
    }
    let mut out: Vec<Node> = Vec::with_capacity(nodes.len());
    for n in nodes.drain(..) {
        match (out.last().and_then(joinable), joinable(&n)) {
            (Some(a), Some(b)) => {
                let joined = format!("{a}{b}");
                *out.last_mut().expect("last") = text_node(&joined);
            }
            _ => out.push(n),
        }
    }
    *nodes = out;
}

/// `{…}` right after a link or image.
fn after_links(nodes: &mut [Node]) {
    for i in 1..nodes.len() {
        let Some(rest) = text(&nodes[i]).and_then(|t| t.strip_prefix('{')) else {
            continue;
        };
        let Some(close) = rest.find('}') else {
            continue;
        };
        let Some(attrs) = parse(&rest[..close]) else {
            continue;
        };
        let after = rest[close + 1..].to_string();
        let Node::Link(link) = &mut nodes[i - 1] else {
            continue;
        };
        if let (true, Some(alt)) = (link.image, attrs.pairs.get("alt")) {
            link.children = vec![text_node(alt)];
        }
        nodes[i] = text_node(&after);
    }
}

/// `[text]{#id .class}` inside text becomes a span.
fn spans(nodes: &mut Vec<Node>) {
    if !nodes
        .iter()
        .any(|n| text(n).is_some_and(|t| t.contains("]{")))
    {
        return;
    }
    let mut out = Vec::with_capacity(nodes.len());
    for n in nodes.drain(..) {
        match text(&n) {
            Some(t) if t.contains("]{") => split_spans(t, &mut out),
            _ => out.push(n),
        }
    }
    *nodes = out;
}

fn split_spans(mut t: &str, out: &mut Vec<Node>) {
    while let Some(mid) = t.find("]{") {
        let open = t[..mid].rfind('[');
        let close = t[mid + 2..].find('}').map(|c| mid + 2 + c);
        let found = open.zip(close).and_then(|(o, c)| {
            let inner = &t[o + 1..mid];
            (!inner.contains(']'))
                .then(|| parse(&t[mid + 2..c]))
                .flatten()
                .map(|a| (o, c, a))
        });
        let Some((o, c, attrs)) = found else {
            out.push(text_node(&t[..mid + 2]));
            t = &t[mid + 2..];
            continue;
        };
        if o > 0 {
            out.push(text_node(&t[..o]));
        }
        out.push(span(&t[o + 1..mid], attrs));
        t = &t[c + 1..];
    }
    if !t.is_empty() {
        out.push(text_node(t));
    }
}

fn span(inner: &str, attrs: Attrs) -> Node {
    Node::Block(Box::new(Block {
        kind: BlockKind::Span,
        name: "span".into(),
        classes: attrs.classes,
        id: attrs.id,
        attrs: attrs.pairs,
        children: vec![text_node(inner)],
        sheet: None,
        lines: Vec::new(),
        pos: Pos { line: 0, col: 0 },
    }))
}

/// The quotes that may close a value opened with `open` (smart punctuation
/// curls them: `'…'` arrives as `‘…’`).
fn closers(open: char) -> Option<&'static [char]> {
    match open {
        '\'' | '‘' => Some(&['\'', '’']),
        '"' | '“' => Some(&['"', '”']),
        _ => None,
    }
}

/// An attribute list's inside, or `None` when it is not one (plain text in braces).
pub fn parse(s: &str) -> Option<Attrs> {
    let mut attrs = Attrs::default();
    let mut rest = s.trim();
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('#') {
            let end = r.find(char::is_whitespace).unwrap_or(r.len());
            attrs.id = Some(r[..end].to_string()).filter(|i| !i.is_empty());
            attrs.id.as_ref()?;
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(char::is_whitespace).unwrap_or(r.len());
            if end == 0 {
                return None;
            }
            attrs.classes.push(r[..end].to_string());
            rest = &r[end..];
        } else {
            let eq = rest.find('=')?;
            let key = &rest[..eq];
            let ok = !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
            if !ok {
                return None;
            }
            let (value, after) = value(&rest[eq + 1..])?;
            attrs.pairs.insert(key.to_string(), value);
            rest = after;
        }
        rest = rest.trim_start();
    }
    Some(attrs)
}

/// A value, quoted or bare, and what follows it. Smart punctuation may have
/// curled an apostrophe inside a quoted value, so a quote closes the value only
/// where whitespace or the end follows it.
fn value(s: &str) -> Option<(String, &str)> {
    let first = s.chars().next();
    match first.and_then(|q| closers(q).map(|c| (q, c))) {
        Some((q, close)) => {
            let body = &s[q.len_utf8()..];
            let mut at = None;
            for (i, c) in body.char_indices() {
                let next = body[i + c.len_utf8()..].chars().next();
                if close.contains(&c) && next.is_none_or(char::is_whitespace) {
                    at = Some(i);
                    break;
                }
            }
            let i = at?;
            let close = body[i..].chars().next()?.len_utf8();
            Some((body[..i].to_string(), &body[i + close..]))
        }
        _ => {
            let end = s.find(char::is_whitespace).unwrap_or(s.len());
            Some((s[..end].to_string(), &s[end..]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::test_support::parse_page;
    use crate::markdown::tree::walk;

    #[test]
    fn attribute_lists_parse_with_curled_quotes() {
        let a = parse("alt=‘The file isn’t here’ width=50% .wide #f1").unwrap();
        assert_eq!(a.pairs["alt"], "The file isn’t here");
        assert_eq!(a.pairs["width"], "50%");
        assert_eq!(a.classes, ["wide"]);
        assert_eq!(a.id.as_deref(), Some("f1"));
        assert!(parse("not attributes").is_none());
        let a = parse("alt=‘Say “wc -l” to count’ width=10").unwrap();
        assert_eq!(a.pairs["alt"], "Say “wc -l” to count");
        assert!(parse("").is_none());
    }

    #[test]
    fn an_image_takes_its_alt_and_the_list_leaves_the_text() {
        let doc = parse_page("See ![](x.png){alt='A tree\nof folders' width=\"50%\"} here.\n");
        let mut alts = Vec::new();
        walk(&doc.body, &mut |n| {
            if let Node::Link(l) = n {
                alts.push(crate::markdown::pass::facts::search_text(&l.children));
            }
        });
        assert_eq!(alts, ["A tree\nof folders"]);
        assert!(!doc.text().contains('{'), "{}", doc.text());
    }

    #[test]
    fn bracketed_spans_become_anchors() {
        let doc = parse_page("A [shell]{#shell .term} is a program; see [also]{#also}.\n");
        assert!(doc.ids.contains(&"shell".to_string()), "{:?}", doc.ids);
        assert!(doc.ids.contains(&"also".to_string()), "{:?}", doc.ids);
        assert!(!doc.text().contains("]{"), "{}", doc.text());
        let doc = parse_page("Braces [kept]{not attributes} here.\n");
        assert!(
            doc.text().contains("[kept]{not attributes}"),
            "{}",
            doc.text()
        );
    }
}
