//! Ids pass: every id on the page is made unique here, once, in document order —
//! headings, blocks with `#id`, worksheets, prompts — and every place to write
//! gets its storage key. Ids written in raw HTML (`<a id>`, `<span id>`) are
//! taken first, as the author gave them; footnotes come last, in their own
//! `fn-` namespace, so a footnote never moves a heading's id. Nothing downstream
//! rewrites an id.
//!
//! In: the tree after the other passes. Out: the same with ids and keys set, and
//! the list of ids the page defines (for checking `#fragment` links).

use std::collections::{HashMap, HashSet};

use super::html::RawId;
use crate::content::slugify;
use crate::markdown::tree::{walk, walk_mut, BlockKind, FieldKind, Node};
use crate::markdown::RESERVED_IDS;

#[derive(Debug)]
pub struct Ids {
    taken: HashSet<String>,
    /// Per base, the next suffix to try: keeps 20,000 equal headings linear.
    next: HashMap<String, usize>,
    /// Ids this tree defines, in document order.
    pub defined: Vec<String>,
    keys: usize,
    sheets: usize,
}

impl Default for Ids {
    fn default() -> Self {
        Ids {
            taken: RESERVED_IDS.iter().map(|s| s.to_string()).collect(),
            next: HashMap::new(),
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
        if self.taken.contains(&id) {
            let n = self.next.entry(base.to_string()).or_insert(1);
            loop {
                id = format!("{base}-{n}");
                *n += 1;
                if !self.taken.contains(&id) {
                    break;
                }
            }
        }
        self.taken.insert(id.clone());
        self.defined.push(id.clone());
        id
    }

    fn key(&mut self, page_url: &str) -> String {
        let key = format!("{page_url}#f{}", self.keys);
        self.keys += 1;
        key
    }

    /// Take the ids raw HTML gives, as written, before any other id is made;
    /// returns those already taken (twice in raw HTML, or the theme's).
    pub fn take_raw(&mut self, raw: Vec<RawId>) -> Vec<RawId> {
        let mut clashes = Vec::new();
        for r in raw {
            if self.taken.insert(r.id.clone()) {
                self.defined.push(r.id);
            } else {
                clashes.push(r);
            }
        }
        clashes
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
                    let id = self.unique(&id.clone());
                    if b.kind == BlockKind::TabPanel {
                        // The theme names the panel's tab after it.
                        self.taken.insert(format!("{id}-tab"));
                    }
                    b.id = Some(id);
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
            Node::Quiz(q) => {
                q.id = self.unique("quiz");
                self.taken.insert(format!("{}-title", q.id));
                q.key = format!("{page_url}#{}", q.id);
            }
            Node::CellField(c) => c.key = self.key(page_url),
            _ => {}
        });
        self.footnotes(nodes);
    }

    /// Footnotes get `fn-<name>`, unique after every other id is placed; both
    /// ends of a footnote (references and definition) are renamed together.
    fn footnotes(&mut self, nodes: &mut [Node]) {
        let mut names: Vec<String> = Vec::new();
        walk(nodes, &mut |n| match n {
            Node::FootnoteRef(r) => names.push(r.name.clone()),
            Node::Footnote(f) => names.push(f.name.clone()),
            _ => {}
        });
        if names.is_empty() {
            return;
        }
        let mut ids: HashMap<String, String> = HashMap::new();
        for name in names {
            if let std::collections::hash_map::Entry::Vacant(e) = ids.entry(name) {
                let id = self.unique(&format!("fn-{}", e.key()));
                e.insert(id);
            }
        }
        walk_mut(nodes, &mut |n| match n {
            Node::FootnoteRef(r) => r.name = ids[&r.name].clone(),
            Node::Footnote(f) => f.name = ids[&f.name].clone(),
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

    #[test]
    fn footnote_ids_never_clash_with_or_move_heading_ids() {
        let doc = parse_page("Text[^note].\n\n## Note\n\n## Fn note\n\n[^note]: The note.\n");
        assert_eq!(doc.ids, ["note", "fn-note", "fn-note-1"]);
    }

    #[test]
    fn identical_headings_count_on_per_base() {
        let doc = parse_page(&"## x\n\n## x-1\n\n".repeat(3));
        assert_eq!(doc.ids, ["x", "x-1", "x-2", "x-1-1", "x-3", "x-1-2"]);
    }
}
