//! Ids pass: every id on the page is made unique here, once, in document order —
//! headings, blocks with `#id`, worksheets, prompts, footnotes — and every place
//! to write gets its storage key. Nothing downstream rewrites an id.
//!
//! In: the tree after the other passes. Out: the same with ids and keys set, and
//! the list of ids the page defines (for checking `page#fragment` links).

use std::collections::HashSet;

use crate::content::slugify;
use crate::markdown::tree::{walk_mut, BlockKind, FieldKind, Node};
use crate::markdown::RESERVED_IDS;

#[derive(Debug)]
pub struct Ids {
    taken: HashSet<String>,
    /// Ids this tree defines, in document order.
    pub defined: Vec<String>,
    keys: usize,
    sheets: usize,
}

impl Default for Ids {
    fn default() -> Self {
        Ids {
            taken: RESERVED_IDS.iter().map(|s| s.to_string()).collect(),
            defined: Vec::new(),
            keys: 0,
            sheets: 0,
        }
    }
}

impl Ids {
    /// `base`, or `base-1`, `base-2`… if taken.
    pub fn unique(&mut self, base: &str) -> String {
        let base = if base.is_empty() { "section" } else { base };
        let mut id = base.to_string();
        let mut n = 1;
        while !self.taken.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.defined.push(id.clone());
        id
    }

    fn key(&mut self, page_url: &str) -> String {
        let key = format!("{page_url}#f{}", self.keys);
        self.keys += 1;
        key
    }

    pub fn assign(&mut self, nodes: &mut [Node], page_url: &str) {
        let mut prompt: Option<String> = None;
        walk_mut(nodes, &mut |n| match n {
            Node::Heading(h) => {
                let base = h.anchor.clone().unwrap_or_else(|| slugify(&h.text));
                h.id = self.unique(&base);
            }
            Node::Block(b) if b.kind == BlockKind::Worksheet => {
                let id = self.unique(&super::sheets::slug(self.sheets));
                self.sheets += 1;
                self.taken.insert(format!("{id}-title"));
                b.id = Some(id);
            }
            Node::Block(b) => {
                if let Some(id) = &b.id {
                    b.id = Some(self.unique(&id.clone()));
                }
            }
            Node::Prompt(p) => {
                p.id = self.unique(&format!("prompt-{}", self.keys));
                prompt = Some(p.id.clone());
            }
            Node::Field(f) if f.kind != FieldKind::PageBreak => {
                f.key = self.key(page_url);
                if f.prompt.is_some() {
                    f.prompt_id = prompt.take();
                }
            }
            Node::Task(t) => t.key = self.key(page_url),
            Node::CellField(c) => c.key = self.key(page_url),
            Node::Footnote(f) => {
                self.taken.insert(f.name.clone());
                self.defined.push(f.name.clone());
            }
            _ => {}
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::markdown::test_support::parse_page;

    #[test]
    fn ids_are_unique_by_construction_and_reserved_ids_are_never_taken() {
        let doc = parse_page("## Main\n\n## Main\n\n## Plan {#plan}\n\n::: {.note #plan}\nx\n:::\n\n::: worksheet\n## Worksheet\n:::\n");
        assert_eq!(
            doc.ids,
            [
                "main-1",
                "main-2",
                "plan",
                "plan-1",
                "worksheet",
                "worksheet-1"
            ]
        );
    }
}
