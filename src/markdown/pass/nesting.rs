//! Nesting pass: a heading inside a block is demoted below the section the block
//! sits in, so a `## Challenge` inside a challenge never outranks its section.
//!
//! In: the tree. Out: the same tree with inner headings' levels raised where needed.

use crate::markdown::tree::{walk_mut, Node};

pub fn demote(nodes: &mut [Node]) {
    // The page title is the h1.
    let mut section = 1u8;
    for n in nodes.iter_mut() {
        match n {
            Node::Heading(h) => section = h.level,
            Node::Block(b) => {
                let floor = (section + 1).min(6);
                walk_mut(&mut b.children, &mut |inner| {
                    if let Node::Heading(h) = inner {
                        h.level = h.level.max(floor);
                    }
                });
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::markdown::test_support::parse_page;

    #[test]
    fn a_heading_in_a_block_sits_below_its_section() {
        let doc = parse_page("## Section\n\n::: challenge\n## Challenge 1\n\n::: solution\n# Answer\n:::\n:::\n\n## Next\n");
        let levels: Vec<_> = doc
            .headings
            .iter()
            .map(|h| (h.text.as_str(), h.level))
            .collect();
        assert_eq!(
            levels,
            [
                ("Section", 2),
                ("Challenge 1", 3),
                ("Answer", 3),
                ("Next", 2)
            ]
        );
    }
}
