//! Tabs pass: a `tab` or `group-tab` block's headings of its first heading level
//! (the Workbench writes `###`) each start a panel labelled with the heading's
//! text; the heading itself leaves the tree, since the tab names the panel.
//!
//! In: blocks of kind `Tabs` with their children as written. Out: the same
//! blocks whose children are the text before the first heading, then one
//! `TabPanel` block per heading.

use std::collections::BTreeMap;

use crate::content::slugify;
use crate::markdown::tree::{walk_mut, Block, BlockKind, Node};

pub fn split(nodes: &mut [Node]) {
    walk_mut(nodes, &mut |n| {
        let Node::Block(b) = n else { return };
        if b.kind == BlockKind::Tabs {
            b.children = panels(std::mem::take(&mut b.children));
        }
    });
}

fn panels(children: Vec<Node>) -> Vec<Node> {
    let level = children.iter().find_map(|n| match n {
        Node::Heading(h) => Some(h.level),
        _ => None,
    });
    let Some(level) = level else {
        return children;
    };
    let mut out: Vec<Node> = Vec::new();
    let mut panel: Option<Block> = None;
    for n in children {
        match n {
            Node::Heading(h) if h.level == level => {
                out.extend(panel.take().map(|p| Node::Block(Box::new(p))));
                let mut attrs = BTreeMap::new();
                attrs.insert("label".to_string(), h.text.clone());
                let base = h.anchor.clone().unwrap_or_else(|| slugify(&h.text));
                panel = Some(Block {
                    kind: BlockKind::TabPanel,
                    name: "tab-panel".into(),
                    classes: vec!["tab-panel".into()],
                    id: Some(format!("tab-{base}")),
                    attrs,
                    children: Vec::new(),
                    sheet: None,
                    lines: Vec::new(),
                    pos: h.pos,
                });
            }
            other => match &mut panel {
                Some(p) => p.children.push(other),
                None => out.push(other),
            },
        }
    }
    out.extend(panel.map(|p| Node::Block(Box::new(p))));
    out
}

#[cfg(test)]
mod tests {
    use crate::markdown::test_support::parse_page;
    use crate::markdown::tree::{BlockKind, Node};

    #[test]
    fn level_three_headings_start_labelled_panels() {
        let doc = parse_page(
            "::: tab\n\n### Windows\n\nUse the installer.\n\n### macOS\n\nUse brew.\n\n:::\n",
        );
        let Node::Block(b) = &doc.body[0] else {
            panic!("{:?}", doc.body)
        };
        assert_eq!(b.kind, BlockKind::Tabs);
        let labels: Vec<_> = b
            .children
            .iter()
            .map(|n| match n {
                Node::Block(p) => (p.attrs["label"].as_str(), p.id.clone().unwrap()),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            labels,
            [
                ("Windows", "tab-windows".to_string()),
                ("macOS", "tab-macos".to_string())
            ]
        );
        assert!(doc.headings.is_empty(), "{:?}", doc.headings);
    }
}
