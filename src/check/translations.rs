//! `trellis check` on a multilingual course: the default edition's site and each
//! translation's in, findings out — lessons with no translation into a language,
//! and translations that lack headings or worksheet fields their original has.

use std::collections::HashMap;

use crate::diag::Diagnostic;
use crate::markdown::tree::{children, Node};
use crate::markdown::Doc;
use crate::site::Site;

/// Findings about the translations of `original` into each `(tag, site)`.
pub fn findings(original: &Site, translations: &[(&str, &Site)]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (tag, site) in translations {
        let by_url: HashMap<&str, usize> = site
            .course
            .lessons
            .iter()
            .enumerate()
            .map(|(i, l)| (l.url.as_str(), i))
            .collect();
        for (i, l) in original.course.lessons.iter().enumerate() {
            let Some(&k) = by_url.get(l.url.as_str()) else {
                out.push(
                    Diagnostic::warning(&l.source.shown, format!("no translation into `{tag}`"))
                        .help(format!(
                            "add {}",
                            translation_name(&l.source.shown.to_string_lossy(), tag)
                        )),
                );
                continue;
            };
            let t = &site.course.lessons[k];
            let shown = &t.source.shown;
            let (a, b) = (&original.lessons[i], &site.lessons[k]);
            for level in 2..=3u8 {
                let (n, m) = (headings(a, level), headings(b, level));
                if m < n {
                    out.push(
                        Diagnostic::warning(
                            shown,
                            format!(
                                "the original has {n} level-{level} headings, this translation {m}"
                            ),
                        )
                        .help(format!(
                            "translate every heading of {}",
                            l.source.shown.display()
                        )),
                    );
                }
            }
            let (n, m) = (fields(a), fields(b));
            if m < n {
                out.push(
                    Diagnostic::warning(
                        shown,
                        format!("the original has {n} worksheet fields, this translation {m}"),
                    )
                    .help(format!(
                        "keep every [[field]] and task of {}: answers are saved by their place",
                        l.source.shown.display()
                    )),
                );
            }
        }
    }
    out
}

/// `content/01-m/01-a.md` → `content/01-m/01-a.es.md`.
fn translation_name(original: &str, tag: &str) -> String {
    match original.strip_suffix(".md") {
        Some(stem) => format!("{stem}.{tag}.md"),
        None => format!("{original}.{tag}"),
    }
}

fn headings(doc: &Doc, level: u8) -> usize {
    doc.headings.iter().filter(|h| h.level == level).count()
}

/// Fields, tasks and writable cells in the page's worksheets.
fn fields(doc: &Doc) -> usize {
    fn count(nodes: &[Node]) -> usize {
        nodes
            .iter()
            .map(|n| {
                let own = usize::from(matches!(
                    n,
                    Node::Field(_) | Node::Task(_) | Node::CellField(_)
                ));
                own + children(n).map_or(0, |c| count(c))
            })
            .sum()
    }
    doc.worksheets
        .iter()
        .map(|w| count(&w.block.children))
        .sum()
}

#[cfg(test)]
mod tests {
    #[test]
    fn translation_file_names() {
        assert_eq!(
            super::translation_name("content/m/01-a.md", "es"),
            "content/m/01-a.es.md"
        );
    }
}
