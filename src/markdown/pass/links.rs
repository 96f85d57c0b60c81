//! Links pass: every link and image is resolved against the course (lesson
//! sources become page URLs, local files become assets); external links are
//! listed for `check --external`; images without alt text are a lint.
//!
//! In: `Node::Link` as written. Out: the same with `target` set, plus assets,
//! fragment links to check, external links and errors.

use super::{Audience, Found};
use crate::diag::Diagnostic;
use crate::markdown::links::Target;
use crate::markdown::tree::{text_of, walk_mut, Link, Node, Pos};
use crate::markdown::{Context, ExternalLink, FragmentLink};

pub fn resolve(nodes: &mut [Node], cx: &Context<'_>, audience: Audience, found: &mut Found) {
    walk_mut(nodes, &mut |n| {
        if let Node::Link(l) = n {
            one(l, cx, audience, found);
        }
    });
}

fn one(l: &mut Link, cx: &Context<'_>, audience: Audience, found: &mut Found) {
    let (line, col) = (l.pos.line, l.pos.col);
    if l.image && text_of(&l.children).trim().is_empty() {
        found.lints.push(
            Diagnostic::warning(cx.shown, format!("image `{}` has no alt text", l.dest))
                .at(line, col)
                .help("describe it for readers who cannot see it: ![A parent and child reading](fig/reading.svg)"),
        );
    }
    if !l.image && (l.dest.starts_with("http://") || l.dest.starts_with("https://")) {
        found.external_links.push(ExternalLink {
            url: l.dest.clone(),
            line,
            col,
        });
    }
    if l.verbatim && !l.image {
        return;
    }
    let place = Place {
        pos: l.pos,
        audience,
    };
    if let Some(target) = target(&l.dest, l.image, &place, cx, found) {
        l.target = target;
    }
}

/// Where a link was written, and in whose tree.
pub struct Place {
    pub pos: Pos,
    pub audience: Audience,
}

/// Resolve `dest` (a Markdown link's or a raw HTML attribute's) and record what
/// later checks need: fragments to look up, assets to copy, or the error.
pub fn target(
    dest: &str,
    must_exist: bool,
    at: &Place,
    cx: &Context<'_>,
    found: &mut Found,
) -> Option<Target> {
    let (line, col) = (at.pos.line, at.pos.col);
    if let Some(f) = dest.trim().strip_prefix('#').filter(|f| !f.is_empty()) {
        let link = FragmentLink {
            line,
            col,
            url: cx.page_url.to_string(),
            fragment: f.to_string(),
            local: true,
        };
        match at.audience {
            Audience::Learner => found.fragment_links.push(link),
            Audience::Facilitator => found.note_fragments.push(link),
        }
    }
    match cx.links.resolve(cx.source, dest, must_exist) {
        Ok(target) => {
            match &target {
                Target::Page {
                    url,
                    fragment: Some(f),
                } => found.fragment_links.push(FragmentLink {
                    line,
                    col,
                    url: url.clone(),
                    fragment: f.clone(),
                    local: false,
                }),
                Target::Asset(asset, _) => found.assets.push(asset.clone()),
                _ => {}
            }
            Some(target)
        }
        Err(e) => {
            let d = if e.warning {
                Diagnostic::warning(cx.shown, e.message)
            } else {
                Diagnostic::error(cx.shown, e.message)
            };
            let d = d.at(line, col);
            found.diags.push(match e.help {
                Some(h) => d.help(h),
                None => d,
            });
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::markdown::test_support::parse_page;

    #[test]
    fn images_without_alt_text_are_a_lint_and_missing_files_an_error() {
        let doc = parse_page("![](missing.png)\n\n[web](https://example.org/)\n");
        assert_eq!(doc.lints.len(), 1, "{:?}", doc.lints);
        assert_eq!(doc.diags.len(), 1, "{:?}", doc.diags);
        assert_eq!(doc.diags[0].line, Some(1));
        assert_eq!(doc.external_links.len(), 1);
    }

    #[test]
    fn b1_a_percent_before_a_multibyte_char_does_not_panic() {
        let doc = parse_page("![x](fig/%aé.png)\n");
        // Reported as a link error, with its position, instead of a panic.
        assert_eq!(doc.diags.len(), 1, "{:?}", doc.diags);
        assert!(
            doc.diags[0].message.contains("fig/%aé.png"),
            "{:?}",
            doc.diags
        );
    }
}
