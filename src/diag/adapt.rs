//! Other crates' errors in, [`Diagnostic`]s out: one adapter per foreign error type.
//!
//! Positions are taken as data where the crate gives them (TOML spans, YAML
//! locations). Where it does not (serde's unknown-field message, Tera), the scraping
//! of message text lives here and nowhere else, and each adapter has a test pinning
//! its exact output for a known bad input: a crate upgrade that changes its wording
//! fails a test here instead of confusing an author.

use std::collections::BTreeMap;
use std::path::Path;

use super::{nearest, Diagnostic};
use crate::render::theme::ThemeFile;
use crate::text::{line_col, LineIndex};

/// A TOML error at its line and column. `text` is what was parsed and `line_offset`
/// the number of lines before it in the file (front matter starts on line 2).
pub(crate) fn from_toml(
    e: &toml::de::Error,
    text: &str,
    shown: &Path,
    line_offset: usize,
) -> Diagnostic {
    // Syntax errors put what was expected on a second line; a diagnostic has one.
    let message = e
        .message()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ");
    let message = name_the_duplicate_key(message, e.span().and_then(|s| text.get(s)));
    let (line, col) = e.span().map_or((1, 1), |s| line_col(text, s.start));
    with_field_help(
        Diagnostic::error(shown, &message).at(line + line_offset, col),
        &message,
    )
}

/// toml says "duplicate key" without the key, which its span covers: name it,
/// as the parser before toml 1 did.
fn name_the_duplicate_key(message: String, at: Option<&str>) -> String {
    let key = at.map(|k| k.trim().trim_matches(['"', '\'']));
    match key {
        Some(k) if message == "duplicate key" && !k.is_empty() && !k.contains('\n') => {
            format!("duplicate key `{k}`")
        }
        _ => message,
    }
}

/// A YAML error at its line and column; `line_offset` as for [`from_toml`].
pub(crate) fn from_yaml(e: &serde_yaml_ng::Error, shown: &Path, line_offset: usize) -> Diagnostic {
    let message = yaml_message(e);
    let (line, col) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
    with_field_help(
        Diagnostic::error(shown, &message).at(line + line_offset, col),
        &message,
    )
}

/// serde_yaml_ng has no message without its position: it appends " at line N column
/// M" (and libyaml, for its context, a second one). We print the position ourselves,
/// and those lines count from the front matter, not the file, so all are removed.
fn yaml_message(e: &serde_yaml_ng::Error) -> String {
    let full = e.to_string();
    let mut out = String::with_capacity(full.len());
    let mut rest = full.as_str();
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let n = digits(after);
        let tail = after[n..].strip_prefix(" column ");
        match tail.map(|t| (t, digits(t))) {
            Some((t, m)) if n > 0 && m > 0 => rest = &t[m..],
            _ => {
                out.push_str(" at line ");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn with_field_help(d: Diagnostic, message: &str) -> Diagnostic {
    match unknown_field_help(message) {
        Some(help) => d.help(help),
        None => d,
    }
}

/// "did you mean `title`?" for serde's "unknown field `titel`, expected one of
/// `title`, `summary`": serde gives this only as text, in any format's error.
pub(crate) fn unknown_field_help(message: &str) -> Option<String> {
    let rest = message.split("unknown field `").nth(1)?;
    let unknown = rest.split('`').next()?;
    let expected: Vec<&str> = rest
        .split("expected")
        .nth(1)?
        .split('`')
        .skip(1)
        .step_by(2)
        .collect();
    let best = nearest(unknown, &expected)?;
    Some(format!("did you mean `{best}`?"))
}

/// A Tera error as `path:line:col: error: …`. Tera 1 gives no positions as data: the
/// template is named in quotes, parse errors carry " --> line:col" and a pest report
/// whose `= …` line says what was expected, and unknown variables are named as
/// "Variable `x`" (their line is found by searching the template for the name).
pub(crate) fn from_tera(e: &tera::Error, templates: &BTreeMap<String, ThemeFile>) -> Diagnostic {
    use std::error::Error as _;
    let mut chain = vec![e.to_string()];
    let mut src = e.source();
    while let Some(s) = src {
        chain.push(s.to_string());
        src = s.source();
    }
    let full = chain.join("\n");
    let found = templates
        .iter()
        .find(|(name, _)| full.contains(&format!("'{name}'")));
    let name = found.map(|(n, _)| n.clone());
    let file = found.map(|(_, f)| f);
    let shown = file.map_or_else(|| "templates".into(), |f| f.shown.clone());
    let mut pos = full.split("--> ").nth(1).and_then(|rest| {
        let mut it = rest
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty());
        Some((
            it.next()?.parse::<usize>().ok()?,
            it.next()?.parse::<usize>().ok()?,
        ))
    });
    let last = chain.last().cloned().unwrap_or_default();
    let mut message = last
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("= ")
                .map(|m| format!("template syntax error: {m}"))
        })
        .unwrap_or(last);
    if let Some(var) = full
        .split("Variable `")
        .nth(1)
        .and_then(|r| r.split('`').next())
    {
        message = format!("unknown variable `{var}`");
        if let Some(f) = file {
            // The first line naming the variable, else the first naming its root.
            let root = var.split(['.', '[']).next().unwrap_or(var);
            let at = f.text.find(var).or_else(|| f.text.find(root));
            pos = at.map(|at| LineIndex::new(&f.text).pos(at));
        }
    }
    let message = message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let mut d = Diagnostic::error(shown, message);
    if let Some((l, c)) = pos {
        d = d.at(l, c);
    }
    let element = name
        .as_deref()
        .is_some_and(|n| n.starts_with("markdown/") || n.starts_with("fields/"));
    if element {
        d.help("element templates (markdown/…, fields/…) see only their element's variables; README, \"Themes\", lists them per file")
    } else {
        d.help("templates see `site`, `page`, `root`, `url`, `title`, `description`, `canonical` and `kind`; see README, \"Themes\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Front {
        title: String,
        #[serde(default)]
        weight: Option<u32>,
        #[serde(default)]
        objectives: Vec<String>,
    }

    fn toml_error(text: &str, line_offset: usize) -> String {
        let e = toml::from_str::<Front>(text).unwrap_err();
        from_toml(&e, text, Path::new("a.md"), line_offset).to_string()
    }

    fn yaml_error(text: &str, line_offset: usize) -> String {
        let e = serde_yaml_ng::from_str::<Front>(text).unwrap_err();
        from_yaml(&e, Path::new("a.md"), line_offset).to_string()
    }

    #[test]
    fn toml_errors_keep_their_message_and_span() {
        assert_eq!(
            toml_error("title = \"A\"\nweight = \"x\"\n", 1),
            "a.md:3:10: error: invalid type: string \"x\", expected u32"
        );
        // The column counts characters, not bytes.
        assert_eq!(
            toml_error("title = \"é\"\n objectives = [\"é\", 1]\n", 0),
            "a.md:2:21: error: invalid type: integer `1`, expected a string"
        );
        assert_eq!(
            toml_error("title = \n", 0),
            "a.md:1:9: error: string values must be quoted, expected literal string"
        );
    }

    #[test]
    fn a_duplicate_toml_key_is_named() {
        assert_eq!(
            toml_error("title = \"A\"\ntitle = \"B\"\n", 1),
            "a.md:3:1: error: duplicate key `title`"
        );
        assert_eq!(
            toml_error("title = \"A\"\n\"title\" = \"B\"\n", 0),
            "a.md:2:1: error: duplicate key `title`"
        );
    }

    #[test]
    fn toml_unknown_field_gets_a_suggestion() {
        assert_eq!(
            toml_error("title = \"A\"\nwieght = 2\n", 1),
            "a.md:3:1: error: unknown field `wieght`, expected one of `title`, `weight`, `objectives`\n  = help: did you mean `weight`?"
        );
    }

    #[test]
    fn yaml_errors_use_the_location_and_drop_it_from_the_text() {
        assert_eq!(
            yaml_error("title: A\nweight: soon\n", 1),
            "a.md:3:9: error: weight: invalid type: string \"soon\", expected u32"
        );
        assert_eq!(
            yaml_error("title: A\ntitel: B\n", 1),
            "a.md:3:1: error: unknown field `titel`, expected one of `title`, `weight`, `objectives`\n  = help: did you mean `title`?"
        );
        assert_eq!(
            yaml_error("title: D\ntitle: E\n", 1),
            "a.md:2:1: error: duplicate field `title`"
        );
        // libyaml's own errors carry a second position, for their context.
        assert_eq!(
            yaml_error("title: \"A\nweight: 2\n", 1),
            "a.md:4:1: error: found unexpected end of stream, while scanning a quoted scalar"
        );
    }

    #[test]
    fn unknown_field_help_reads_serdes_message() {
        let msg = "unknown field `titel`, expected one of `title`, `summary`, `weight`";
        assert_eq!(
            unknown_field_help(msg).as_deref(),
            Some("did you mean `title`?")
        );
        let msg = "unknown field `titel`, expected `title`";
        assert_eq!(
            unknown_field_help(msg).as_deref(),
            Some("did you mean `title`?")
        );
        let msg = "unknown field `zzzz`, expected one of `title`, `summary`";
        assert_eq!(unknown_field_help(msg), None);
        assert_eq!(unknown_field_help("missing field `title`"), None);
    }

    fn templates(name: &str, text: &str) -> BTreeMap<String, ThemeFile> {
        let file = ThemeFile {
            shown: format!("templates/{name}").into(),
            text: text.to_string(),
        };
        BTreeMap::from([(name.to_string(), file)])
    }

    const HELP: &str = "\n  = help: templates see `site`, `page`, `root`, `url`, `title`, `description`, `canonical` and `kind`; see README, \"Themes\"";

    #[test]
    fn tera_syntax_error_at_its_position() {
        let text = "<p>\n{% if %}\n";
        let mut tera = tera::Tera::default();
        let e = tera.add_raw_template("lesson.html", text).unwrap_err();
        assert_eq!(
            from_tera(&e, &templates("lesson.html", text)).to_string(),
            format!("templates/lesson.html:2:7: error: template syntax error: expected a value that can be negated{HELP}")
        );
    }

    #[test]
    fn tera_unknown_variable_at_its_first_use() {
        let text = "<h1>{{ title }}</h1>\n<p>é {{ page.nope }}</p>\n";
        let mut tera = tera::Tera::default();
        tera.add_raw_template("lesson.html", text).unwrap();
        let mut cx = tera::Context::new();
        cx.insert("title", "T");
        cx.insert("page", &BTreeMap::from([("title", "T")]));
        let e = tera.render("lesson.html", &cx).unwrap_err();
        assert_eq!(
            from_tera(&e, &templates("lesson.html", text)).to_string(),
            format!("templates/lesson.html:2:9: error: unknown variable `page.nope`{HELP}")
        );
    }

    #[test]
    fn tera_error_in_an_unknown_template_names_the_folder() {
        let e = tera::Error::msg("something broke");
        assert_eq!(
            from_tera(&e, &BTreeMap::new()).to_string(),
            format!("templates: error: something broke{HELP}")
        );
    }
}
