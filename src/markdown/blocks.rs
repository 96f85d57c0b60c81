//! Line pass before pulldown-cmark: `:::` fenced divs and `[[field]]` lines.
//!
//! Each fence or field line is replaced by an HTML comment marker on the same line
//! (`<!--trellis:open:N-->`, `<!--trellis:close-->`, `<!--trellis:field:N-->`), so
//! line numbers are unchanged and CommonMark sees a one-line HTML block that may
//! interrupt a paragraph. The event pass turns the markers into real elements.

use std::collections::BTreeMap;

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

/// A form field line inside a worksheet or reflection.
#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    NameDate,
    Lines(u32),
    Box(String),
    Scale {
        from: i32,
        to: i32,
        low: String,
        high: String,
    },
    PageBreak,
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
pub struct Preprocessed {
    pub text: String,
    pub opens: Vec<BlockOpen>,
    pub fields: Vec<Field>,
    pub problems: Vec<Problem>,
}

/// What every marker starts with.
pub const MARKER_PREFIX: &str = "<!--trellis:";
pub const OPEN: &str = "<!--trellis:open:";
pub const CLOSE: &str = "<!--trellis:close-->";
pub const FIELD: &str = "<!--trellis:field:";

pub fn preprocess(src: &str) -> Preprocessed {
    let mut p = Preprocessed {
        text: String::with_capacity(src.len() + 64),
        ..Default::default()
    };
    // Fast path: nothing to do.
    // Authors cannot forge our markers: a literal one in the source loses its shape.
    let neutral;
    let src = if src.contains(MARKER_PREFIX) {
        neutral = src.replace(MARKER_PREFIX, "<!-- trellis:");
        neutral.as_str()
    } else {
        src
    };
    if !src.contains(":::") && !src.contains("[[") {
        p.text.push_str(src);
        return p;
    }
    let mut code_fence: Option<(char, usize)> = None;
    let mut depth = 0usize;
    let mut open_lines: Vec<usize> = Vec::new();
    for (i, line) in src.split_inclusive('\n').enumerate() {
        let content = line.trim_end_matches('\n');
        let indent = content.len() - content.trim_start_matches(' ').len();
        let trimmed = content.trim();
        if let Some((ch, n)) = code_fence {
            if indent < 4
                && trimmed.starts_with(&ch.to_string().repeat(n))
                && trimmed.chars().all(|c| c == ch)
            {
                code_fence = None;
            }
            p.text.push_str(line);
            continue;
        }
        if indent < 4 {
            if let Some(f) = code_fence_start(trimmed) {
                code_fence = Some(f);
                p.text.push_str(line);
                continue;
            }
        }
        let newline = if line.ends_with('\n') { "\n" } else { "" };
        if indent < 4 && trimmed.starts_with(":::") {
            let rest = trimmed.trim_start_matches(':').trim();
            if rest.is_empty() {
                if depth == 0 {
                    p.problems.push(Problem {
                        line: i,
                        message: "closing `:::` without an open block".into(),
                        help: Some("remove it, or open a block above with `::: name`".into()),
                        warning: true,
                    });
                    p.text.push_str(newline);
                } else {
                    depth -= 1;
                    open_lines.pop();
                    p.text.push_str(CLOSE);
                    p.text.push_str(newline);
                }
                continue;
            }
            match parse_open(rest, i) {
                Ok(open) => {
                    p.text
                        .push_str(&format!("{OPEN}{}-->{newline}", p.opens.len()));
                    p.opens.push(open);
                    depth += 1;
                    open_lines.push(i);
                }
                Err(message) => {
                    p.problems.push(Problem {
                        line: i,
                        message,
                        help: Some(
                            "open a block with `::: name` or `::: {.name key=\"value\"}`".into(),
                        ),
                        warning: false,
                    });
                    p.text.push_str(newline);
                }
            }
            continue;
        }
        if indent < 4 && trimmed.starts_with("[[") && trimmed.ends_with("]]") && trimmed.len() > 4 {
            match parse_field(&trimmed[2..trimmed.len() - 2]) {
                Ok(field) => {
                    p.text
                        .push_str(&format!("{FIELD}{}-->{newline}", p.fields.len()));
                    p.fields.push(field);
                }
                Err(message) => {
                    p.problems.push(Problem {
                        line: i,
                        message,
                        help: Some(
                            "fields are [[name-date]], [[lines 3]], [[box 5cm]], [[scale 1-5 | low | high]] and [[page-break]]"
                                .into(),
                        ),
                        warning: false,
                    });
                    p.text.push_str(newline);
                }
            }
            continue;
        }
        p.text.push_str(line);
    }
    // One message for the outermost unclosed block is clearer than one per level.
    if let Some(&line) = open_lines.first() {
        let more = open_lines.len() - 1;
        p.problems.push(Problem {
            line,
            message: if more == 0 {
                "this block is never closed".into()
            } else {
                format!("this block is never closed (nor are {more} blocks inside it)")
            },
            help: Some("close it with a line holding only `:::`".into()),
            warning: false,
        });
    }
    for _ in 0..depth {
        p.text.push('\n');
        p.text.push_str(CLOSE);
    }
    p
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

fn parse_field(inner: &str) -> Result<Field, String> {
    let inner = inner.trim();
    let (name, rest) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
    let rest = rest.trim();
    match name {
        "name-date" | "name" if rest.is_empty() => Ok(Field::NameDate),
        "page-break" | "pagebreak" if rest.is_empty() => Ok(Field::PageBreak),
        "lines" => {
            let n: u32 = if rest.is_empty() {
                3
            } else {
                rest.parse().map_err(|_| {
                    format!("`[[lines {rest}]]` needs a number of lines, e.g. [[lines 3]]")
                })?
            };
            if !(1..=40).contains(&n) {
                return Err(format!("`[[lines {n}]]`: choose between 1 and 40 lines"));
            }
            Ok(Field::Lines(n))
        }
        "box" => {
            let h = if rest.is_empty() { "4cm" } else { rest };
            let num_end = h
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(h.len());
            let (num, unit) = h.split_at(num_end);
            let ok_unit = matches!(unit, "cm" | "mm" | "in" | "em" | "rem" | "lines");
            match (num.parse::<f32>(), ok_unit) {
                (Ok(v), true) if v > 0.0 => {
                    let css = if unit == "lines" {
                        format!("{}em", v * 2.0)
                    } else {
                        h.to_string()
                    };
                    Ok(Field::Box(css))
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
            Ok(Field::Scale {
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

    #[test]
    fn fences_become_markers_on_the_same_lines() {
        let src = "intro\n::: activity\ntext\n:::: {.worksheet title=\"My log\"}\n[[lines 4]]\n::::\n:::\n";
        let p = preprocess(src);
        assert_eq!(p.text.lines().count(), src.lines().count());
        assert_eq!(p.opens.len(), 2);
        assert_eq!(p.opens[0].kind, "activity");
        assert_eq!(p.opens[1].kind, "worksheet");
        assert_eq!(p.opens[1].attrs["title"], "My log");
        assert_eq!(p.fields, vec![Field::Lines(4)]);
        assert!(p.problems.is_empty());
        assert_eq!(p.text.matches(CLOSE).count(), 2);
    }

    #[test]
    fn literal_markers_in_the_source_are_neutralised() {
        let p = preprocess("<!--trellis:open:99-->\ntext <!--trellis:close-->\n");
        assert!(!p.text.contains(MARKER_PREFIX), "{}", p.text);
        assert!(p.opens.is_empty());
    }

    #[test]
    fn code_fences_are_left_alone() {
        let src = "```\n::: activity\n[[lines 2]]\n```\n";
        let p = preprocess(src);
        assert_eq!(p.text, src);
    }

    #[test]
    fn unclosed_and_stray_fences_are_reported() {
        let p = preprocess("::: activity\ntext\n");
        assert_eq!(p.problems.len(), 1);
        assert_eq!(p.problems[0].line, 0);
        assert!(!p.problems[0].warning);
        let p = preprocess("text\n:::\n");
        assert!(p.problems[0].warning);
    }

    #[test]
    fn fields_parse() {
        assert_eq!(parse_field("box 5cm"), Ok(Field::Box("5cm".into())));
        assert_eq!(
            parse_field("scale 1-5 | Never | Always"),
            Ok(Field::Scale {
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
}
