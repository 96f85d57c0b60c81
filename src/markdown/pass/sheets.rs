//! Worksheets pass: each `::: worksheet` gets its title (the `title` attribute,
//! else its first heading), its printable page's URL and its page count.
//!
//! In: the learner's tree (facilitator notes are gone, so a title can never come
//! from one). Out: `Block::sheet` set on every worksheet block.

use super::Found;
use crate::diag::Diagnostic;
use crate::markdown::tree::{walk, walk_mut, BlockKind, Node, SheetFacts};
use crate::markdown::Context;

pub fn place(nodes: &mut [Node], cx: &Context<'_>, found: &mut Found) {
    let mut k = 0usize;
    walk_mut(nodes, &mut |n| {
        let Node::Block(b) = n else { return };
        if b.kind != BlockKind::Worksheet {
            return;
        }
        let title = b
            .attrs
            .get("title")
            .cloned()
            .or_else(|| first_heading(&b.children))
            .unwrap_or_default();
        if title.trim().is_empty() {
            found.diags.push(
                Diagnostic::warning(cx.shown, "worksheet has no title")
                    .at(b.pos.line, 1)
                    .help("give it one: `::: {.worksheet title=\"My plan\"}`"),
            );
        }
        let url = if cx.standalone && k == 0 {
            cx.page_url.to_string()
        } else {
            format!("{}{}/", cx.page_url, slug(k))
        };
        b.sheet = Some(SheetFacts {
            title: if title.trim().is_empty() {
                "Worksheet".to_string()
            } else {
                title
            },
            url,
            pages: b
                .attrs
                .get("pages")
                .and_then(|p| p.parse().ok())
                .unwrap_or(1),
        });
        k += 1;
    });
}

/// `worksheet`, `worksheet-2`, …: the k-th worksheet's path and id base.
pub fn slug(k: usize) -> String {
    if k == 0 {
        "worksheet".to_string()
    } else {
        format!("worksheet-{}", k + 1)
    }
}

fn first_heading(nodes: &[Node]) -> Option<String> {
    let mut found = None;
    walk(nodes, &mut |n| {
        if let (None, Node::Heading(h)) = (&found, n) {
            found = Some(h.text.clone());
        }
    });
    found
}

#[cfg(test)]
mod tests {
    use crate::markdown::test_support::parse_page;

    #[test]
    fn titles_come_from_the_attribute_or_the_first_learner_heading() {
        let doc = parse_page(
            "::: worksheet\n::: facilitator\n## Secret heading\n:::\n## My plan\n[[lines 2]]\n:::\n\n::: {.worksheet title=\"Log\"}\n[[lines 1]]\n:::\n",
        );
        let titles: Vec<_> = doc.worksheets.iter().map(|w| w.title.as_str()).collect();
        assert_eq!(titles, ["My plan", "Log"]);
        let urls: Vec<_> = doc.worksheets.iter().map(|w| w.url.as_str()).collect();
        assert_eq!(urls, ["m/l/worksheet/", "m/l/worksheet-2/"]);
    }
}
