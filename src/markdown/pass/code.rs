//! Code pass: each fenced block gets its highlighted spans; an unknown language
//! is a warning. In: `Node::Code` with text. Out: the same with `html` set.

use super::Found;
use crate::diag::Diagnostic;
use crate::markdown::tree::{walk_mut, Node};
use crate::markdown::Context;

pub fn highlight(nodes: &mut [Node], cx: &Context<'_>, found: &mut Found) {
    walk_mut(nodes, &mut |n| {
        if let Node::Code(c) = n {
            let hl = cx.highlighter.highlight(&c.lang, &c.text);
            if !hl.known {
                found.diags.push(
                    Diagnostic::warning(cx.shown, format!("unknown code language `{}`; shown as plain text", c.lang))
                        .at(c.pos.line, c.pos.col)
                        .help("use a common name such as rust, python, bash, html, css, js or json, or `text`"),
                );
            }
            c.lang = c.lang.trim().to_ascii_lowercase();
            c.html = hl.html;
        }
    });
}

#[cfg(test)]
mod tests {
    use crate::markdown::test_support::parse_page;

    #[test]
    fn known_languages_are_highlighted_and_unknown_ones_warned() {
        let doc = parse_page("```rust\nfn main() {}\n```\n\n```klingon\nx\n```\n");
        assert_eq!(doc.diags.len(), 1, "{:?}", doc.diags);
        assert!(doc.diags[0].message.contains("klingon"));
    }
}
