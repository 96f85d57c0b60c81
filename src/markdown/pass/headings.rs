//! Headings pass: style findings for `trellis check` — a level-1 heading in a
//! body (the title is the h1) and skipped levels. In: the learner's tree. Out: lints.

use super::Found;
use crate::diag::Diagnostic;
use crate::markdown::tree::{walk, Node};
use crate::markdown::Context;

pub fn lint(nodes: &[Node], cx: &Context<'_>, found: &mut Found) {
    let mut last = 1u8;
    walk(nodes, &mut |n| {
        let Node::Heading(h) = n else { return };
        let (line, col) = (h.pos.line, h.pos.col);
        if h.level == 1 {
            found.lints.push(
                Diagnostic::warning(
                    cx.shown,
                    "a level-1 heading in the body: the page title is already the h1",
                )
                .at(line, col)
                .help("start sections at `##`"),
            );
        } else if h.level > last + 1 {
            found.lints.push(
                Diagnostic::warning(
                    cx.shown,
                    format!("heading level skips from h{last} to h{}", h.level),
                )
                .at(line, col)
                .help(
                    "use each level in turn (## then ###) so screen readers can follow the outline",
                ),
            );
        }
        last = h.level;
    });
}

#[cfg(test)]
mod tests {
    use crate::markdown::test_support::parse_page;

    #[test]
    fn an_h1_and_a_skipped_level_are_lints() {
        let doc = parse_page("# Title\n\n## A\n\n#### B\n");
        let lines: Vec<_> = doc.lints.iter().map(|d| d.line).collect();
        assert_eq!(lines, [Some(1), Some(5)]);
    }
}
