//! The line pass, before pulldown-cmark: `:::` fenced divs and `[[field]]` lines
//! cut the body into a tree of segments.
//!
//! In: a page body. Out: [`Segmented`] — text segments (each parsed by
//! pulldown-cmark on its own, with its first line kept for positions), blocks with
//! their children, and fields — plus the problems found. A facilitator block is a
//! block like any other here; [`crate::markdown::facilitator`] splits it off before
//! anything else reads the tree. A `::: facilitator` fence inside a quote
//! (`> ::: facilitator`) is lifted out of the quote, so its text cannot be shown.

use std::collections::BTreeMap;

use super::parse::MAX_NESTING;
use super::tree::{FieldKind, Fill};

/// A `:::` block as the author opened it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockOpen {
    /// The first class: `activity`, `worksheet`, …
    pub kind: String,
    pub classes: Vec<String>,
    pub id: Option<String>,
    pub attrs: BTreeMap<String, String>,
    /// 0-based line in the body.
    pub line: usize,
}

impl BlockOpen {
    /// Facilitator-only, whatever the case or the position of the class:
    /// `facilitator`, or the Carpentries Workbench's `instructor`.
    pub fn is_facilitator(&self) -> bool {
        self.classes
            .iter()
            .any(|c| c.eq_ignore_ascii_case("facilitator") || c.eq_ignore_ascii_case("instructor"))
    }
}

/// One piece of a body.
#[derive(Debug, Clone, PartialEq)]
pub enum Seg {
    /// Markdown text; `line` is the 0-based body line of its first line.
    Text {
        text: String,
        line: usize,
    },
    Block {
        open: BlockOpen,
        children: Vec<Seg>,
    },
    Field {
        kind: FieldKind,
        line: usize,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// 0-based line in the body.
    pub line: usize,
    pub message: String,
    pub help: Option<String>,
    pub warning: bool,
}

#[derive(Debug, Default)]
pub struct Segmented {
    pub segs: Vec<Seg>,
    pub problems: Vec<Problem>,
}

/// Builds the segment tree line by line.
struct Builder {
    /// Open blocks, innermost last, each with the children collected so far.
    stack: Vec<(BlockOpen, Vec<Seg>)>,
    top: Vec<Seg>,
    text: String,
    text_line: usize,
    problems: Vec<Problem>,
    /// `:::` openings past [`MAX_NESTING`], dropped (and reported): their closings
    /// are matched here so the blocks around them still close right.
    too_deep: usize,
}

impl Builder {
    fn out(&mut self) -> &mut Vec<Seg> {
        match self.stack.last_mut() {
            Some((_, children)) => children,
            None => &mut self.top,
        }
    }

    fn flush(&mut self) {
        if !self.text.is_empty() {
            let seg = Seg::Text {
                text: std::mem::take(&mut self.text),
                line: self.text_line,
            };
            self.out().push(seg);
        }
    }

    fn text_line(&mut self, i: usize, line: &str) {
        if self.text.is_empty() {
            self.text_line = i;
        }
        self.text.push_str(line);
    }

    fn push(&mut self, seg: Seg) {
        self.flush();
        self.out().push(seg);
    }

    fn problem(&mut self, line: usize, message: String, help: &str, warning: bool) {
        self.problems.push(Problem {
            line,
            message,
            help: Some(help.to_string()),
            warning,
        });
    }

    fn open(&mut self, open: BlockOpen) {
        self.flush();
        self.stack.push((open, Vec::new()));
    }

    fn close(&mut self) {
        self.flush();
        if let Some((open, children)) = self.stack.pop() {
            self.out().push(Seg::Block { open, children });
        }
    }

    fn finish(mut self) -> Segmented {
        // One message for the outermost unclosed block is clearer than one per level.
        if let Some((open, _)) = self.stack.first() {
            let more = self.stack.len() - 1;
            let message = if more == 0 {
                "this block is never closed".to_string()
            } else {
                format!("this block is never closed (nor are {more} blocks inside it)")
            };
            let line = open.line;
            self.problem(
                line,
                message,
                "close it with a line holding only `:::`",
                false,
            );
        }
        while !self.stack.is_empty() {
            self.close();
        }
        self.flush();
        Segmented {
            segs: self.top,
            problems: self.problems,
        }
    }
}

/// Cut `src` into segments. `first_line` is the 0-based body line of `src`'s first line.
pub fn segment(src: &str) -> Segmented {
    segment_from(src, 0)
}

fn segment_from(src: &str, first_line: usize) -> Segmented {
    let mut b = Builder {
        stack: Vec::new(),
        top: Vec::new(),
        text: String::with_capacity(src.len()),
        text_line: first_line,
        problems: Vec::new(),
        too_deep: 0,
    };
    // Fast path: nothing to cut.
    if !src.contains(":::") && !src.contains("[[") && !src.contains("{%") {
        b.text.push_str(src);
        return b.finish();
    }
    let lines: Vec<&str> = src.split_inclusive('\n').collect();
    let mut code_fence: Option<(char, usize)> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let n = first_line + i;
        i += 1;
        let content = line.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start_matches(' ').len();
        let trimmed = content.trim();
        if let Some((ch, len)) = code_fence {
            if indent < 4 && trimmed.len() >= len && trimmed.chars().all(|c| c == ch) {
                code_fence = None;
            }
            b.text_line(n, line);
            continue;
        }
        if indent >= 4 {
            b.text_line(n, line);
            continue;
        }
        if let Some(f) = code_fence_start(trimmed) {
            code_fence = Some(f);
            b.text_line(n, line);
            continue;
        }
        if trimmed.starts_with(":::") {
            fence_line(&mut b, n, trimmed);
        } else if trimmed.starts_with("[[") && trimmed.ends_with("]]") && trimmed.len() > 4 {
            field_line(&mut b, n, trimmed);
        } else if super::foreign::is_links_include(trimmed) {
            // Its definitions come from the shared links.md; the line keeps its place.
            b.text_line(n, "\n");
        } else if let Some(taken) = quoted_facilitator(&mut b, &lines[i - 1..], n) {
            i += taken - 1;
        } else {
            b.text_line(n, line);
        }
    }
    b.finish()
}

fn fence_line(b: &mut Builder, n: usize, trimmed: &str) {
    let rest = trimmed.trim_start_matches(':').trim();
    if rest.is_empty() && b.too_deep > 0 {
        b.too_deep -= 1;
        return;
    }
    if !rest.is_empty() && b.stack.len() >= MAX_NESTING {
        if b.too_deep == 0 {
            b.problem(
                n,
                format!("`:::` blocks are nested more than {MAX_NESTING} levels deep"),
                "close some blocks first; readers cannot follow that many levels either",
                false,
            );
        }
        b.too_deep += 1;
        return;
    }
    if rest.is_empty() {
        if b.stack.is_empty() {
            b.problem(
                n,
                "closing `:::` without an open block".into(),
                "remove it, or open a block above with `::: name`",
                true,
            );
        } else {
            b.close();
        }
        return;
    }
    match parse_open(rest, n) {
        Ok(open) => b.open(open),
        Err(message) => b.problem(
            n,
            message,
            "open a block with `::: name` or `::: {.name key=\"value\"}`",
            false,
        ),
    }
}

fn field_line(b: &mut Builder, n: usize, trimmed: &str) {
    match parse_field(&trimmed[2..trimmed.len() - 2]) {
        Ok(kind) => b.push(Seg::Field { kind, line: n }),
        Err(message) => b.problem(
            n,
            message,
            "fields are [[name-date]], [[lines 3]], [[box 5cm]], [[scale 1-5 | low | high]] and [[page-break]]",
            false,
        ),
    }
}

/// The quote markers (`>`, `> >`) a line starts with, and the text after them.
fn split_quote(line: &str) -> Option<(&str, &str)> {
    let mut end = 0;
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'>') {
        if bytes[i] == b'>' {
            end = i + 1;
        }
        i += 1;
    }
    (end > 0).then(|| (&line[..end], line[end..].trim_start_matches(' ')))
}

/// `> ::: facilitator` … `> :::`: the block's lines leave the quote and become a
/// facilitator block, so nothing in them reaches learners. Other blocks inside
/// quotes are left as text, with a warning. Returns how many lines it took.
fn quoted_facilitator(b: &mut Builder, lines: &[&str], n: usize) -> Option<usize> {
    let (marks, rest) = split_quote(lines[0].trim_end_matches(['\n', '\r']))?;
    let rest = rest.trim();
    if !rest.starts_with(":::") || rest.trim_start_matches(':').trim().is_empty() {
        return None;
    }
    let open = parse_open(rest.trim_start_matches(':').trim(), n).ok()?;
    if !open.is_facilitator() {
        b.problem(
            n,
            format!(
                "a `::: {}` block inside a quote is shown as plain text",
                open.kind
            ),
            "start the block on a line of its own, outside the quote",
            true,
        );
        return None;
    }
    let depth = marks.matches('>').count();
    let mut inner = String::new();
    let mut nested = 0usize;
    let mut taken = 1;
    for line in &lines[1..] {
        let content = line.trim_end_matches(['\n', '\r']);
        let Some((m, text)) = split_quote(content) else {
            break;
        };
        if m.matches('>').count() != depth {
            break;
        }
        taken += 1;
        let t = text.trim();
        if t.starts_with(":::") {
            if t.trim_start_matches(':').trim().is_empty() {
                if nested == 0 {
                    break;
                }
                nested -= 1;
            } else {
                nested += 1;
            }
        }
        inner.push_str(text);
        inner.push('\n');
    }
    let inside = segment_from(&inner, n + 1);
    b.problems.extend(inside.problems);
    b.push(Seg::Block {
        open,
        children: inside.segs,
    });
    Some(taken)
}

fn code_fence_start(trimmed: &str) -> Option<(char, usize)> {
    let ch = trimmed.chars().next()?;
    if ch != '`' && ch != '~' {
        return None;
    }
    let n = trimmed.chars().take_while(|&c| c == ch).count();
    if n < 3 || (ch == '`' && trimmed[n..].contains('`')) {
        return None;
    }
    Some((ch, n))
}

/// `name`, `{.name #id key=value}`, or `name {key="value"}`.
fn parse_open(rest: &str, line: usize) -> Result<BlockOpen, String> {
    let rest = rest.trim_end_matches(':').trim();
    let (head, braces) = match rest.find('{') {
        Some(i) => {
            if !rest.ends_with('}') {
                return Err(format!("unclosed `{{` in block attributes: `{rest}`"));
            }
            (rest[..i].trim(), &rest[i + 1..rest.len() - 1])
        }
        None => (rest, ""),
    };
    let mut open = BlockOpen {
        kind: String::new(),
        classes: Vec::new(),
        id: None,
        attrs: BTreeMap::new(),
        line,
    };
    for word in head.split_whitespace() {
        open.classes.push(word.trim_start_matches('.').to_string());
    }
    for token in attr_tokens(braces)? {
        if let Some(c) = token.strip_prefix('.') {
            open.classes.push(c.to_string());
        } else if let Some(id) = token.strip_prefix('#') {
            open.id = Some(id.to_string());
        } else if let Some((k, v)) = token.split_once('=') {
            open.attrs
                .insert(k.to_string(), v.trim_matches('"').to_string());
        } else {
            return Err(format!("cannot read block attribute `{token}`"));
        }
    }
    let valid = |c: &String| {
        !c.is_empty()
            && c.chars()
                .all(|ch| ch.is_alphanumeric() || ch == '-' || ch == '_')
    };
    match open.classes.first() {
        Some(_) if open.classes.iter().all(valid) => {
            open.kind = open.classes[0].clone();
            Ok(open)
        }
        _ => Err(format!("cannot read block name in `::: {rest}`")),
    }
}

/// Split `{.a key="x y" k=v}` contents into tokens, keeping quoted values whole.
fn attr_tokens(s: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in s.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                cur.push(c);
            }
            c if c.is_whitespace() && !quoted => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if quoted {
        return Err("unclosed quote in block attributes".into());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// The tallest box in `unit`: about one printed page (A4 or Letter, less margins).
fn box_limit(unit: &str) -> f32 {
    match unit {
        "cm" => 25.0,
        "mm" => 250.0,
        "in" => 10.0,
        "lines" => 30.0,
        _ => 60.0, // em, rem
    }
}

fn parse_field(inner: &str) -> Result<FieldKind, String> {
    let inner = inner.trim();
    let (name, rest) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
    let rest = rest.trim();
    match name {
        "name-date" | "name" if rest.is_empty() => Ok(FieldKind::NameDate),
        "page-break" | "pagebreak" if rest.is_empty() => Ok(FieldKind::PageBreak),
        "lines" if rest == "fill" => Ok(FieldKind::Fill(Fill::Lines)),
        "box" if rest == "fill" => Ok(FieldKind::Fill(Fill::Box)),
        "rows" if rest == "fill" => Ok(FieldKind::Fill(Fill::Rows { columns: 0 })),
        "rows" => Err(format!(
            "`[[rows {rest}]]`: write `[[rows fill]]` just after a fill-in table"
        )),
        "lines" => {
            let n: u32 = if rest.is_empty() {
                3
            } else {
                rest.parse().map_err(|_| {
                    format!(
                        "`[[lines {rest}]]` needs a number of lines, e.g. [[lines 3]], or `fill`"
                    )
                })?
            };
            if !(1..=40).contains(&n) {
                return Err(format!("`[[lines {n}]]`: choose between 1 and 40 lines"));
            }
            Ok(FieldKind::Lines(n))
        }
        "box" => {
            let h = if rest.is_empty() { "4cm" } else { rest };
            let num_end = h
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(h.len());
            let (num, unit) = h.split_at(num_end);
            let ok_unit = matches!(unit, "cm" | "mm" | "in" | "em" | "rem" | "lines");
            match (num.parse::<f32>(), ok_unit) {
                (Ok(v), true) if v > box_limit(unit) => Err(format!(
                    "`[[box {h}]]` is taller than a page: at most 25cm, 250mm, 10in, 60em or 30lines"
                )),
                (Ok(v), true) if v > 0.0 => {
                    let css = if unit == "lines" {
                        format!("{}em", v * 2.0)
                    } else {
                        h.to_string()
                    };
                    Ok(FieldKind::Box(css))
                }
                _ => Err(format!(
                    "`[[box {h}]]` needs a height such as 5cm, 40mm, 2in or 6lines"
                )),
            }
        }
        "scale" => {
            let mut parts = rest.split('|').map(str::trim);
            let range = parts.next().unwrap_or("");
            let (from, to) = range
                .split_once(['-', '–'])
                .and_then(|(a, b)| {
                    Some((a.trim().parse::<i32>().ok()?, b.trim().parse::<i32>().ok()?))
                })
                .filter(|(a, b)| a < b && b - a <= 10)
                .ok_or_else(|| {
                    format!("`[[scale {rest}]]` needs a range such as 1-5 (at most 11 points)")
                })?;
            let low = parts.next().unwrap_or("").to_string();
            let high = parts.next().unwrap_or("").to_string();
            Ok(FieldKind::Scale {
                from,
                to,
                low,
                high,
            })
        }
        _ => Err(format!("unknown field `[[{inner}]]`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(segs: &[Seg]) -> Vec<String> {
        segs.iter()
            .map(|s| match s {
                Seg::Text { line, .. } => format!("text@{line}"),
                Seg::Block { open, children } => {
                    format!("{}[{}]", open.kind, kinds(children).join(","))
                }
                Seg::Field { line, .. } => format!("field@{line}"),
            })
            .collect()
    }

    #[test]
    fn fences_and_fields_cut_the_body_into_a_tree() {
        let src = "intro\n::: activity\ntext\n:::: {.worksheet title=\"My log\"}\n[[lines 4]]\n::::\n:::\nafter\n";
        let p = segment(src);
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(
            kinds(&p.segs),
            ["text@0", "activity[text@2,worksheet[field@4]]", "text@7"]
        );
        let Seg::Block { children, .. } = &p.segs[1] else {
            panic!()
        };
        let Seg::Block { open, children } = &children[1] else {
            panic!()
        };
        assert_eq!(open.attrs["title"], "My log");
        assert_eq!(
            children[0],
            Seg::Field {
                kind: FieldKind::Lines(4),
                line: 4
            }
        );
    }

    #[test]
    fn code_fences_are_left_alone() {
        let src = "```\n::: activity\n[[lines 2]]\n```\n";
        let p = segment(src);
        assert_eq!(
            p.segs,
            vec![Seg::Text {
                text: src.into(),
                line: 0
            }]
        );
    }

    #[test]
    fn unclosed_and_stray_fences_are_reported() {
        let p = segment("::: activity\ntext\n");
        assert_eq!(p.problems.len(), 1);
        assert_eq!(p.problems[0].line, 0);
        assert!(!p.problems[0].warning);
        let p = segment("text\n:::\n");
        assert!(p.problems[0].warning);
    }

    #[test]
    fn a_facilitator_fence_inside_a_quote_leaves_the_quote() {
        let src = "> Before.\n> ::: facilitator\n> Secret.\n> :::\n> After.\n";
        let p = segment(src);
        assert_eq!(kinds(&p.segs), ["text@0", "facilitator[text@2]", "text@4"]);
        let Seg::Block { children, .. } = &p.segs[1] else {
            panic!()
        };
        assert_eq!(
            children[0],
            Seg::Text {
                text: "Secret.\n".into(),
                line: 2
            }
        );
        // Other blocks in quotes stay text, with a warning.
        let p = segment("> ::: note\n> x\n> :::\n");
        assert_eq!(kinds(&p.segs), ["text@0"]);
        assert!(p.problems[0].warning);
    }

    #[test]
    fn facilitator_matches_any_case_and_any_class() {
        for line in [
            "Facilitator",
            "{.note .facilitator}",
            "FACILITATOR",
            "instructor",
        ] {
            assert!(parse_open(line, 0).unwrap().is_facilitator(), "{line}");
        }
        assert!(!parse_open("note", 0).unwrap().is_facilitator());
    }

    #[test]
    fn fields_parse() {
        assert_eq!(parse_field("box 5cm"), Ok(FieldKind::Box("5cm".into())));
        assert_eq!(
            parse_field("scale 1-5 | Never | Always"),
            Ok(FieldKind::Scale {
                from: 1,
                to: 5,
                low: "Never".into(),
                high: "Always".into()
            })
        );
        assert!(parse_field("lines many").is_err());
        assert!(parse_field("frobnicate").is_err());
        let open = parse_open("{.activity minutes=10 #act}", 3).unwrap();
        assert_eq!(open.kind, "activity");
        assert_eq!(open.attrs["minutes"], "10");
        assert_eq!(open.id.as_deref(), Some("act"));
        assert_eq!(
            parse_open("callout {.wide}", 0).unwrap().classes,
            vec!["callout", "wide"]
        );
    }

    #[test]
    fn box_height_has_an_upper_bound() {
        assert_eq!(parse_field("box 25cm"), Ok(FieldKind::Box("25cm".into())));
        assert_eq!(
            parse_field("box 30lines"),
            Ok(FieldKind::Box("60em".into()))
        );
        for tall in [
            "box 26cm",
            "box 99999999999999999999mm",
            "box 11in",
            "box 31lines",
            "box 1e9em",
        ] {
            let e = parse_field(tall).unwrap_err();
            assert!(
                e.contains("taller than a page") || e.contains("needs a height"),
                "{tall}: {e}"
            );
        }
        assert!(parse_field("box 500cm")
            .unwrap_err()
            .contains("taller than a page"));
    }

    #[test]
    fn colon_fence_nesting_is_capped_like_list_nesting() {
        let depth = 10_000;
        let src = format!(
            "{}x\n{}after\n",
            "::: note\n".repeat(depth),
            ":::\n".repeat(depth)
        );
        let cut = segment(&src);
        let errors: Vec<_> = cut.problems.iter().filter(|p| !p.warning).collect();
        assert_eq!(errors.len(), 1, "{:?}", cut.problems);
        assert_eq!(errors[0].line, MAX_NESTING);
        assert!(
            errors[0].message.contains("nested more than 64"),
            "{:?}",
            errors[0]
        );
        // Every closing matched an opening: no stray-closing warnings, and the
        // text after the last closing is at the top level.
        assert!(
            cut.problems.iter().all(|p| !p.warning),
            "{:?}",
            cut.problems
        );
        assert!(matches!(cut.segs.last(), Some(Seg::Text { text, .. }) if text == "after\n"));
        let mut deepest = 0;
        let mut segs = &cut.segs;
        while let Some(Seg::Block { children, .. }) = segs.first() {
            deepest += 1;
            segs = children;
        }
        assert_eq!(deepest, MAX_NESTING);
    }
}
