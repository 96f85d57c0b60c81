//! Blocks pass: every `:::` block name is checked. Names match case-insensitively;
//! an unknown name is a warning with a "did you mean". A worksheet inside a
//! facilitator note is shown in the note, never published as a worksheet.
//!
//! In: `Node::Block` with its kind from the parse. Out: warnings; worksheets in
//! notes become plain blocks.

use super::{Audience, Found};
use crate::diag::Diagnostic;
use crate::markdown::parse::{DETAILS, LABELLED, TABS};
use crate::markdown::tree::{walk_mut, BlockKind, Node};
use crate::markdown::Context;

/// Every block name Trellis knows.
pub fn known_names() -> Vec<&'static str> {
    let mut names = vec!["worksheet", "solution", "facilitator", "instructor", "quiz"];
    names.extend_from_slice(LABELLED);
    names.extend_from_slice(DETAILS);
    names.extend_from_slice(TABS);
    names
}

pub fn check(nodes: &mut [Node], cx: &Context<'_>, audience: Audience, found: &mut Found) {
    walk_mut(nodes, &mut |n| {
        let Node::Block(b) = n else { return };
        if audience == Audience::Facilitator && b.kind == BlockKind::Worksheet {
            b.kind = BlockKind::Div;
            return;
        }
        if b.kind != BlockKind::Div {
            return;
        }
        let names = known_names();
        let help = match crate::diag::nearest(&b.name, &names) {
            Some(k) => format!("did you mean `{k}`?"),
            None => format!(
                "known blocks: {}; any other name makes a plain <div> with that class",
                names.join(", ")
            ),
        };
        found.diags.push(
            Diagnostic::warning(cx.shown, format!("unknown block `{}`", b.name))
                .at(b.pos.line, b.pos.col)
                .help(help),
        );
    });
}

#[cfg(test)]
mod tests {
    use crate::markdown::test_support::parse_page;

    #[test]
    fn unknown_names_warn_with_a_suggestion_and_case_does_not_matter() {
        let doc = parse_page("::: activty\nx\n:::\n\n::: Activity\ny\n:::\n");
        assert_eq!(doc.diags.len(), 1, "{:?}", doc.diags);
        assert_eq!(
            doc.diags[0].help.as_deref(),
            Some("did you mean `activity`?")
        );
    }

    #[test]
    fn challange_warns_did_you_mean_challenge() {
        let doc = parse_page(
            "::: challange
x
:::
",
        );
        assert_eq!(doc.diags.len(), 1, "{:?}", doc.diags);
        assert_eq!(doc.diags[0].message, "unknown block `challange`");
        assert_eq!(
            doc.diags[0].help.as_deref(),
            Some("did you mean `challenge`?")
        );
    }
}
