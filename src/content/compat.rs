//! Front matter written for other tools: a lesson's keys in (as a JSON map), the keys
//! Trellis knows out, with every unknown key reported in one run and the keys of
//! known tools (the Carpentries Workbench, Jekyll) mapped to Trellis's own.

use std::path::Path;

use serde_json::{Map, Value};

use crate::config::FrontMatterMode;
use crate::diag::Diagnostic;

/// The keys a lesson's front matter may hold.
pub const LESSON_KEYS: &[&str] = &[
    "title",
    "summary",
    "objectives",
    "duration",
    "weight",
    "draft",
    "slug",
    "kind",
    "session",
    "materials",
    "extra",
];

/// How strictly to read front matter, for one build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Compat {
    pub mode: FrontMatterMode,
    /// The project is a Carpentries Workbench lesson (it has a `config.yaml`): the
    /// Workbench's keys are mapped whatever the mode.
    pub workbench: bool,
}

/// A tool whose front matter keys Trellis maps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tool {
    Workbench,
    Jekyll,
}

impl Tool {
    /// What the build's one note says about the tool's keys.
    pub fn note(self, files: usize) -> String {
        let what = match self {
            Tool::Workbench => "Carpentries Workbench front matter: `teaching` + `exercises` became `duration`, `questions` and `keypoints` lists became the lesson's blocks",
            Tool::Jekyll => "Jekyll front matter: `nav_order` became `weight`, `permalink` became `slug`, `layout` and `parent` were ignored",
        };
        format!(
            "{what} (in {files} file{})",
            if files == 1 { "" } else { "s" }
        )
    }
}

/// Keys that belong to a known tool, with the tool and what Trellis uses instead.
fn foreign(key: &str) -> Option<(Tool, &'static str)> {
    Some(match key {
        "teaching" | "exercises" => (Tool::Workbench, "duration"),
        "questions" | "keypoints" => (
            Tool::Workbench,
            "a `::: questions` or `::: keypoints` block",
        ),
        "nav_order" => (Tool::Jekyll, "weight"),
        "permalink" => (Tool::Jekyll, "slug"),
        "layout" | "parent" => (Tool::Jekyll, "nothing"),
        _ => return None,
    })
}

/// A key close enough to one of `known` to be a typo of it.
fn misspelt(key: &str, known: &[&'static str]) -> Option<&'static str> {
    let limit = if key.chars().count() <= 4 { 1 } else { 2 };
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(key, k), *k))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, k)| k)
}

/// 1-based line in the file of `key` in front matter `text` (which starts on `first`).
fn key_line(text: &str, key: &str, first: usize) -> usize {
    text.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with([':', '=']))
                || l.trim_matches('"') == key
        })
        .map_or(first, |i| first + i)
}

/// What [`lesson`] made of a file's front matter.
#[derive(Debug, Default)]
pub struct Mapped {
    /// Only keys Trellis knows.
    pub front: Map<String, Value>,
    /// Warnings (and, on failure, the errors) about the keys.
    pub diags: Vec<Diagnostic>,
    /// Tools whose keys were mapped.
    pub tools: Vec<Tool>,
}

/// Sort a lesson's front matter keys: Trellis's own stay, known tools' are mapped
/// (when `compat` allows), misspelt ones are errors, other unknown ones are errors or
/// warnings by mode. `text` is the front matter's text, for lines.
pub fn lesson(
    mut front: Map<String, Value>,
    text: &str,
    first_line: usize,
    shown: &Path,
    compat: Compat,
) -> Mapped {
    let mut out = Mapped::default();
    let unknown: Vec<String> = front
        .keys()
        .filter(|k| !LESSON_KEYS.contains(&k.as_str()))
        .cloned()
        .collect();
    let mut taken = Map::new();
    for key in unknown {
        let value = front.remove(&key).unwrap_or(Value::Null);
        let line = key_line(text, &key, first_line);
        let tool = foreign(&key);
        let maps = tool.is_some_and(|(t, _)| {
            compat.mode == FrontMatterMode::Warn || (t == Tool::Workbench && compat.workbench)
        });
        if maps {
            let t = tool.map(|(t, _)| t).unwrap_or(Tool::Jekyll);
            if !out.tools.contains(&t) {
                out.tools.push(t);
            }
            taken.insert(key, value);
            continue;
        }
        out.diags.push(unknown_key(&key, tool, compat, shown, line));
    }
    apply(&mut front, taken);
    out.front = front;
    out
}

/// The diagnostic for a key Trellis does not use.
fn unknown_key(
    key: &str,
    tool: Option<(Tool, &'static str)>,
    compat: Compat,
    shown: &Path,
    line: usize,
) -> Diagnostic {
    let message = format!("unknown field `{key}`");
    if let (None, Some(near)) = (tool, misspelt(key, LESSON_KEYS)) {
        return Diagnostic::error(shown, message)
            .at(line, 1)
            .help(format!("did you mean `{near}`?"));
    }
    let mut help = format!("Trellis does not use `{key}`: remove it, or keep it under `extra`");
    if let Some((t, instead)) = tool {
        let name = match t {
            Tool::Workbench => "the Carpentries Workbench",
            Tool::Jekyll => "Jekyll",
        };
        help.push_str(&format!(
            " (`{key}` is {name}'s; Trellis uses {instead}; `[compat] front_matter = \"warn\"` in site.toml maps it)"
        ));
    }
    let d = if compat.mode == FrontMatterMode::Warn {
        Diagnostic::warning(shown, message)
    } else {
        Diagnostic::error(shown, message)
    };
    d.at(line, 1).help(help)
}

/// Known tools' keys, mapped into `front` where it has no value of its own.
fn apply(front: &mut Map<String, Value>, mut taken: Map<String, Value>) {
    let minutes = |v: Option<&Value>| v.and_then(Value::as_u64).unwrap_or(0);
    if taken.contains_key("teaching") || taken.contains_key("exercises") {
        let total = minutes(taken.get("teaching")) + minutes(taken.get("exercises"));
        if total > 0 {
            front.entry("duration").or_insert(Value::from(total));
        }
    }
    if let Some(n) = taken.get("nav_order").and_then(Value::as_f64) {
        // Jekyll's nav_order may be fractional; weights are whole numbers.
        front
            .entry("weight")
            .or_insert(Value::from(n.round() as i64));
    }
    if let Some(p) = taken.get("permalink").and_then(Value::as_str) {
        let last = p.trim_end_matches('/').rsplit('/').next().unwrap_or("");
        let last = last.strip_suffix(".html").unwrap_or(last);
        let slug = crate::text::slugify(last);
        if !slug.is_empty() {
            front.entry("slug").or_insert(Value::from(slug));
        }
    }
    for key in ["questions", "keypoints"] {
        if let Some(list) = taken.remove(key) {
            let extra = front
                .entry("extra")
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(extra) = extra {
                extra.entry(key).or_insert(list);
            }
        }
    }
}

/// A lesson without front matter: its title from its first `# heading`, and that
/// line blanked (the page shows the title itself; line numbers stay). `None` when
/// the body has no such heading.
pub fn title_from_heading(body: &str) -> Option<(String, String)> {
    let mut in_fence = false;
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let t = line.trim_end();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
        }
        if !in_fence {
            if let Some(title) = t.strip_prefix("# ") {
                let title = title.trim().trim_end_matches('#').trim().to_string();
                if title.is_empty() {
                    return None;
                }
                let mut rest = String::with_capacity(body.len());
                rest.push_str(&body[..offset]);
                rest.push('\n');
                rest.push_str(&body[offset + line.len()..]);
                return Some((title, rest));
            }
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(keys: &[(&str, Value)]) -> Map<String, Value> {
        keys.iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    const STRICT: Compat = Compat {
        mode: FrontMatterMode::Strict,
        workbench: false,
    };

    #[test]
    fn every_unknown_key_is_reported_with_extra_in_its_help() {
        let text = "title: A\nlayout: page\nnav_order: 2\npermalink: /a/\ncolour: red\n";
        let front = map(&[
            ("title", "A".into()),
            ("layout", "page".into()),
            ("nav_order", 2.into()),
            ("permalink", "/a/".into()),
            ("colour", "red".into()),
        ]);
        let m = lesson(front, text, 2, Path::new("a.md"), STRICT);
        let mut diags = m.diags.clone();
        diags.sort();
        let shown: Vec<String> = diags.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 4, "{shown:#?}");
        assert!(m.diags.iter().all(Diagnostic::is_error));
        assert!(shown[0].starts_with("a.md:3:1: error: unknown field `layout`"));
        assert!(shown[3].starts_with("a.md:6:1: error: unknown field `colour`"));
        assert!(
            shown.iter().all(|s| s.contains("under `extra`")),
            "{shown:#?}"
        );
    }

    #[test]
    fn warn_mode_maps_jekyll_keys_and_warns_about_the_rest() {
        let text =
            "title: A\nlayout: page\nnav_order: 2\npermalink: /guide/intro.html\ncolour: red\n";
        let front = map(&[
            ("title", "A".into()),
            ("layout", "page".into()),
            ("nav_order", 2.into()),
            ("permalink", "/guide/intro.html".into()),
            ("colour", "red".into()),
        ]);
        let warn = Compat {
            mode: FrontMatterMode::Warn,
            workbench: false,
        };
        let m = lesson(front, text, 2, Path::new("a.md"), warn);
        assert_eq!(m.front["weight"], 2);
        assert_eq!(m.front["slug"], "intro");
        assert!(!m.front.contains_key("layout"));
        assert_eq!(m.tools, [Tool::Jekyll]);
        assert_eq!(m.diags.len(), 1);
        assert!(!m.diags[0].is_error());
    }

    #[test]
    fn a_misspelt_trellis_key_is_an_error_in_both_modes() {
        for mode in [FrontMatterMode::Strict, FrontMatterMode::Warn] {
            let front = map(&[("titel", "A".into())]);
            let compat = Compat {
                mode,
                workbench: true,
            };
            let m = lesson(front, "titel = \"A\"\n", 2, Path::new("a.md"), compat);
            assert_eq!(
                m.diags[0].to_string(),
                "a.md:2:1: error: unknown field `titel`\n  = help: did you mean `title`?"
            );
        }
    }

    #[test]
    fn workbench_keys_map_without_a_setting() {
        let front = map(&[
            ("title", "A".into()),
            ("teaching", 10.into()),
            ("exercises", 5.into()),
            ("keypoints", Value::from(vec!["k"])),
        ]);
        let compat = Compat {
            mode: FrontMatterMode::Strict,
            workbench: true,
        };
        let m = lesson(front, "", 2, Path::new("a.md"), compat);
        assert!(m.diags.is_empty());
        assert_eq!(m.front["duration"], 15);
        assert_eq!(m.front["extra"]["keypoints"][0], "k");
        let front = map(&[("teaching", 10.into())]);
        let m = lesson(front, "teaching: 10\n", 2, Path::new("a.md"), STRICT);
        assert!(m.diags[0].is_error());
    }

    #[test]
    fn title_comes_from_the_first_level_one_heading() {
        let (t, body) =
            title_from_heading("\n```\n# not this\n```\n# Real title #\ntext\n").unwrap();
        assert_eq!(t, "Real title");
        assert_eq!(body, "\n```\n# not this\n```\n\ntext\n");
        assert!(title_from_heading("## Only a subheading\n").is_none());
    }
}
