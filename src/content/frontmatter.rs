//! Split a source file into front matter (TOML `+++` or YAML `---`) and body, and
//! deserialize the front matter strictly into a typed struct.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diag::{adapt, Diagnostic};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Yaml,
}

/// A source file split at its front matter.
#[derive(Debug, Clone)]
pub struct Split<'a> {
    pub format: Option<Format>,
    pub front: &'a str,
    /// 1-based line on which the front matter text starts.
    pub front_line: usize,
    pub body: &'a str,
    /// 1-based line on which the body starts.
    pub body_line: usize,
}

/// Normalise what authors' editors produce: a UTF-8 BOM and CRLF line endings.
pub fn normalise(text: String) -> String {
    let text = match text.strip_prefix('\u{feff}') {
        Some(t) => t.to_string(),
        None => text,
    };
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

pub fn split<'a>(text: &'a str, shown: &Path) -> Result<Split<'a>, Diagnostic> {
    let (format, fence) = if text.starts_with("+++") && is_fence(text.lines().next(), "+++") {
        (Format::Toml, "+++")
    } else if text.starts_with("---") && is_fence(text.lines().next(), "---") {
        (Format::Yaml, "---")
    } else {
        return Ok(Split {
            format: None,
            front: "",
            front_line: 1,
            body: text,
            body_line: 1,
        });
    };
    let first_nl = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut offset = first_nl;
    for (line_no, line) in (2..).zip(text[first_nl..].split_inclusive('\n')) {
        let closes = is_fence(Some(line.trim_end_matches('\n')), fence)
            || (format == Format::Yaml && line.trim_end() == "...");
        if closes {
            let front = &text[first_nl..offset];
            let body_start = offset + line.len();
            return Ok(Split {
                format: Some(format),
                front,
                front_line: 2,
                body: &text[body_start.min(text.len())..],
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        shown,
        format!("front matter opened with `{fence}` is never closed"),
    )
    .at(1, 1)
    .help(format!(
        "end the front matter with a line holding only `{fence}`"
    )))
}

fn is_fence(line: Option<&str>, fence: &str) -> bool {
    line.is_some_and(|l| l.trim_end() == fence)
}

/// Deserialize front matter strictly; errors carry the file's own line numbers.
pub fn parse<T: DeserializeOwned>(split: &Split<'_>, shown: &Path) -> Result<T, Diagnostic> {
    let offset = split.front_line - 1;
    match split.format {
        Some(Format::Toml) | None => toml::from_str::<T>(split.front)
            .map_err(|e| adapt::from_toml(&e, split.front, shown, offset)),
        Some(Format::Yaml) => {
            if let Some(d) = yaml_too_deep(split.front, shown, offset) {
                return Err(d);
            }
            let src = if split.front.trim().is_empty() {
                "{}"
            } else {
                split.front
            };
            serde_yaml_ng::from_str::<T>(src).map_err(|e| adapt::from_yaml(&e, shown, offset))
        }
    }
}

/// Front matter nested deeper than this is an error: the YAML parser's time
/// grows with the square of the depth (70,000 `[` took 21 s), and no course
/// needs more than a few levels.
pub const MAX_YAML_NESTING: usize = 64;

/// The first place where YAML collections nest deeper than [`MAX_YAML_NESTING`]:
/// flow collections (`[`, `{`) outside quotes and comments, or block entries
/// (`- - -`) opened on one line. Linear in `src`.
fn yaml_too_deep(src: &str, shown: &Path, offset: usize) -> Option<Diagnostic> {
    let mut depth = 0usize;
    for (n, line) in src.lines().enumerate() {
        let mut quote: Option<char> = None;
        let mut escaped = false;
        // What came before the current character, ignoring spaces: a flow
        // indicator opens a collection only where a value may start.
        let mut value_may_start = true;
        let mut entries = 0;
        let mut leading = true;
        let mut prev = ' ';
        for (col, c) in line.chars().enumerate() {
            let opens = matches!(c, '[' | '{') && value_may_start && quote.is_none();
            if let Some(q) = quote {
                if escaped {
                    escaped = false;
                } else if q == '"' && c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
                prev = c;
                continue;
            }
            match c {
                '#' if prev == ' ' || prev == '\t' || col == 0 => break,
                '\'' | '"' if value_may_start => quote = Some(c),
                '[' | '{' if opens => depth += 1,
                ']' | '}' => depth = depth.saturating_sub(1),
                '-' | '?' if leading => entries += 1,
                _ => {}
            }
            if !matches!(c, ' ' | '\t' | '-' | '?') {
                leading = false;
            }
            if depth > MAX_YAML_NESTING || entries > MAX_YAML_NESTING {
                return Some(
                    Diagnostic::error(
                        shown,
                        format!("front matter is nested more than {MAX_YAML_NESTING} levels deep"),
                    )
                    .at(offset + n + 1, col + 1)
                    .help("flatten it: a list of lists of lists is hard to read and never needed"),
                );
            }
            if !matches!(c, ' ' | '\t') {
                value_may_start = opens || matches!(c, ',' | ':' | '-' | '?');
            }
            prev = c;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    struct F {
        title: String,
        #[serde(default)]
        weight: Option<i64>,
    }

    #[test]
    fn toml_and_yaml_both_parse() {
        let p = Path::new("a.md");
        let s = split("+++\ntitle = \"A\"\n+++\nbody\n", p).unwrap();
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 4);
        let f: F = parse(&s, p).unwrap();
        assert_eq!(f.title, "A");
        let s = split("---\ntitle: B\nweight: 3\n---\n\nbody", p).unwrap();
        let f: F = parse(&s, p).unwrap();
        assert_eq!((f.title.as_str(), f.weight), ("B", Some(3)));
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn unterminated_is_an_error_at_line_one() {
        let e = split("+++\ntitle = \"A\"\nbody\n", Path::new("a.md")).unwrap_err();
        assert_eq!(
            e.to_string().lines().next().unwrap(),
            "a.md:1:1: error: front matter opened with `+++` is never closed"
        );
    }

    #[test]
    fn unknown_keys_point_at_their_line() {
        let p = Path::new("a.md");
        let s = split("---\ntitle: B\ntitel: C\n---\n", p).unwrap();
        let e = parse::<F>(&s, p).unwrap_err().to_string();
        assert!(e.starts_with("a.md:3:"), "{e}");
        assert!(e.contains("unknown field `titel`"), "{e}");
        let s = split("+++\ntitle = \"A\"\nwieght = 2\n+++\n", p).unwrap();
        let e = parse::<F>(&s, p).unwrap_err().to_string();
        assert!(
            e.starts_with("a.md:3:1: error: unknown field `wieght`"),
            "{e}"
        );
        assert!(e.contains("did you mean `weight`?"), "{e}");
    }

    #[test]
    fn bom_and_crlf_are_normalised() {
        let t = normalise("\u{feff}+++\r\ntitle = \"A\"\r\n+++\r\nx\r\n".to_string());
        assert_eq!(t, "+++\ntitle = \"A\"\n+++\nx\n");
    }

    #[test]
    fn deeply_nested_yaml_extra_is_an_error_with_its_line() {
        let p = Path::new("a.md");
        let deep = format!("---\ntitle: A\nextra:\n  k: {}\n---\n", "[".repeat(70_000));
        let s = split(&deep, p).unwrap();
        let e = parse::<serde_json::Value>(&s, p).unwrap_err().to_string();
        assert!(
            e.starts_with("a.md:4:70: error: front matter is nested more than 64 levels deep"),
            "{e}"
        );
        let deep = format!("---\ntitle: A\nk: {}x\n---\n", "- ".repeat(70_000));
        let s = split(&deep, p).unwrap();
        let e = parse::<serde_json::Value>(&s, p).unwrap_err().to_string();
        assert!(e.starts_with("a.md:3:"), "{e}");
        // Brackets inside quotes, comments and plain words do not count.
        let fine = format!(
            "---\ntitle: \"{b}\" # {b}\nk: a{b}\nl: [[1, 2], {{x: [3]}}]\n---\n",
            b = "[".repeat(100)
        );
        let s = split(&fine, p).unwrap();
        parse::<serde_json::Value>(&s, p).unwrap();
    }
}
