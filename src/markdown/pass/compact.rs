//! Compact pass, the last: the finished tree without the spare room its vectors
//! and strings grew while the parser and the other passes filled them.
//!
//! In: a finished tree. Out: the same tree, each node list and string exactly as
//! long as it is. A built site keeps every page's tree until its pages are
//! written, and at 5,000 lessons the spare room was a large part of the peak.

use crate::markdown::tree::{children_mut, Node};

/// Shrink `nodes`, and every list and string below them, to their length.
pub fn shrink(nodes: &mut Vec<Node>) {
    nodes.shrink_to_fit();
    for n in nodes.iter_mut() {
        match n {
            Node::Heading(h) => {
                h.id.shrink_to_fit();
                h.text.shrink_to_fit();
            }
            Node::Code(c) => {
                c.lang.shrink_to_fit();
                c.text.shrink_to_fit();
            }
            Node::Html(h) => {
                h.html.shrink_to_fit();
                h.paths.shrink_to_fit();
            }
            Node::Block(b) => b.lines.shrink_to_fit(),
            Node::Quiz(q) => {
                for question in &mut q.questions {
                    shrink(&mut question.prompt);
                    shrink(&mut question.feedback);
                    for o in &mut question.options {
                        shrink(&mut o.label);
                        shrink(&mut o.feedback);
                    }
                }
            }
            _ => {}
        }
        if let Some(children) = children_mut(n) {
            shrink(children);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::test_support::parse_page;
    use crate::markdown::tree::{children, walk};

    /// Every node list of `nodes` (itself included) has no spare capacity.
    fn exact(nodes: &Vec<Node>) -> bool {
        let mut ok = nodes.capacity() == nodes.len();
        walk(nodes, &mut |n| {
            ok &= children(n).is_none_or(|c| c.capacity() == c.len());
            if let Node::Heading(h) = n {
                ok &= h.text.capacity() == h.text.len();
            }
            if let Node::Code(c) = n {
                ok &= c.text.capacity() == c.text.len();
            }
        });
        ok
    }

    #[test]
    fn a_parsed_page_keeps_no_spare_capacity_and_renders_the_same() {
        let src = "# A *big* title\n\nSome \"quoted\" text, [a link](https://example.com) and\n\
                   a second line.\n\n- one\n- two `code`\n\n```python\nprint(1)\nprint(2)\n```\n\n\
                   > [!NOTE]\n> An alert with **bold**.\n\n<div>\nraw\n</div>\n";
        let doc = parse_page(src);
        assert!(exact(&doc.body), "{:#?}", doc.body);
        // Shrinking changes room, never content: a clone (made exactly sized)
        // shrunk again equals it.
        let mut again = doc.body.clone();
        shrink(&mut again);
        assert_eq!(again, doc.body);
    }
}
