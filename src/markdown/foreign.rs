//! Syntax from other tools that Trellis does not read, found line by line so
//! each gets a warning at its line instead of showing up as stray text: Pandoc's
//! grid and simple tables, Liquid tags (Jekyll), kramdown attribute lists and
//! mdBook's `{{#include}}`.
//!
//! In: a page body. Out: warnings ([`Problem`]s with 0-based body lines).

use super::segment::Problem;

/// The tag a Workbench or Jekyll lesson puts at its end to share link definitions;
/// its definitions come from the lesson's `links.md`, and the line itself is dropped.
pub fn is_links_include(line: &str) -> bool {
    let t = line.trim();
    t.strip_prefix("{%")
        .and_then(|r| r.strip_suffix("%}"))
        .is_some_and(|inner| {
            let mut w = inner.split_whitespace();
            w.next() == Some("include") && w.next() == Some("links.md") && w.next().is_none()
        })
}

pub fn scan(body: &str) -> Vec<Problem> {
    let mut out = Vec::new();
    if !body.contains(['{', '+', '-']) {
        return out;
    }
    let lines: Vec<&str> = body.lines().collect();
    let mut fence: Option<&str> = None;
    let mut in_grid = false;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
            continue;
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = Some(&t[..3]);
            continue;
        }
        let blank_before = i == 0 || lines[i - 1].trim().is_empty();
        let grid = is_grid_rule(t);
        if grid && !in_grid {
            out.push(warn(
                i,
                "a grid table (Pandoc) is not supported: it would show as text",
                "rewrite it as a pipe table: `| a | b |` rows under a `|---|---|` line",
            ));
        }
        in_grid = grid || (in_grid && t.starts_with('|'));
        if !blank_before && is_simple_rule(t) {
            out.push(warn(
                i,
                "a simple table (Pandoc) is not supported: it would show as text",
                "rewrite it as a pipe table: `| a | b |` rows under a `|---|---|` line",
            ));
        }
        if let Some(p) = foreign_line(t, i) {
            out.push(p);
        }
    }
    out
}

fn foreign_line(t: &str, i: usize) -> Option<Problem> {
    if t.starts_with("{%") && t.ends_with("%}") && !is_links_include(t) {
        Some(warn(
            i,
            "a Liquid tag (Jekyll) is not supported: it shows as text",
            "remove it; Trellis has no template tags in Markdown",
        ))
    } else if t.starts_with("{:") && t.ends_with('}') {
        Some(warn(
            i,
            "a kramdown attribute list (Jekyll) is not supported: it shows as text",
            "use a `:::` block instead (`::: challenge` … `:::`), or remove it",
        ))
    } else if t.starts_with("{{#") && t.ends_with("}}") {
        Some(warn(
            i,
            "an mdBook directive is not supported: it shows as text",
            "paste the included text, or link to the file",
        ))
    } else {
        None
    }
}

fn warn(line: usize, message: &str, help: &str) -> Problem {
    Problem {
        line,
        message: message.to_string(),
        help: Some(help.to_string()),
        warning: true,
    }
}

/// `+----+----+` or `+====+`.
fn is_grid_rule(t: &str) -> bool {
    t.len() > 2
        && t.starts_with('+')
        && t.ends_with('+')
        && t.chars().all(|c| matches!(c, '+' | '-' | '=' | ':'))
        && t.contains(['-', '='])
}

/// `-----  -----`: two or more runs of dashes, at least three each, apart.
fn is_simple_rule(t: &str) -> bool {
    let runs: Vec<&str> = t.split_whitespace().collect();
    runs.len() >= 2
        && runs
            .iter()
            .all(|r| r.len() >= 3 && r.chars().all(|c| c == '-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(src: &str) -> Vec<(usize, String)> {
        scan(src)
            .into_iter()
            .map(|p| {
                (
                    p.line,
                    p.message.split(' ').take(3).collect::<Vec<_>>().join(" "),
                )
            })
            .collect()
    }

    #[test]
    fn foreign_syntax_is_found_at_its_line_outside_code() {
        let src = "Text\n\n+---+---+\n| a | b |\n+===+===+\n\nName   Age\n-----  ---\nAl     3\n\n{% include figure.html %}\n\n{: .challenge}\n\n{{#include x.rs}}\n\n```\n+---+\n{% x %}\n```\n\n{% include links.md %}\n";
        assert_eq!(
            lines(src),
            [
                (2, "a grid table".into()),
                (7, "a simple table".into()),
                (10, "a Liquid tag".into()),
                (12, "a kramdown attribute".into()),
                (14, "an mdBook directive".into()),
            ]
        );
        assert!(is_links_include("{% include links.md %}"));
        assert!(!is_links_include("{% include other.md %}"));
    }
}
