//! Diagnostics: a user's mistake as `path:line:col: severity: message` plus a hint.
//!
//! Every stage pushes into a [`Diagnostics`] collector so that one run reports all
//! problems at once; plumbing failures (I/O) stay `anyhow` errors with the path attached.
//! Other crates' errors become diagnostics in [`adapt`], one adapter per error type.

pub(crate) mod adapt;

use std::cmp::Ordering;
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Severity {
    Error,
    Warning,
}

/// [`Diagnostic`]'s fields in sorting order.
type SortKey<'a> = (
    &'a Path,
    Option<usize>,
    Option<usize>,
    Severity,
    &'a str,
    Option<&'a str>,
);

/// Diagnostics have one order, used wherever they are listed (see the `Ord` impl).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path as the author knows it: relative to the project root where possible.
    pub path: PathBuf,
    pub line: Option<usize>,
    pub col: Option<usize>,
    pub message: String,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line: None,
            col: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    pub fn at(mut self, line: usize, col: usize) -> Self {
        self.line = Some(line);
        self.col = Some(col);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Every field, in the order diagnostics sort by.
    fn sort_key(&self) -> SortKey<'_> {
        (
            &self.path,
            self.line,
            self.col,
            self.severity,
            &self.message,
            self.help.as_deref(),
        )
    }
}

/// By file, then position (a diagnostic about the whole file, without a line, comes
/// first), then errors before warnings, then message and help text. A reader goes
/// through each file top to bottom; ties are broken by text so output is stable.
/// Every field takes part, so the order agrees with `Eq` and `dedup` after `sort`
/// removes exact repeats.
impl Ord for Diagnostic {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl PartialOrd for Diagnostic {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}:{}", self.col.unwrap_or(1))?;
        }
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {sev}: {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}

/// Collects diagnostics from every stage; sorted for deterministic output.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    /// In [`Diagnostic`]'s order, without exact repeats.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort();
        self.items.dedup();
        self.items
    }
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.sorted().into_iter()
    }
}

/// Why a build did not produce output.
#[derive(Debug)]
pub enum Failure {
    /// The author's input has errors (warnings ride along).
    Invalid(Vec<Diagnostic>),
    /// Something outside the input failed (I/O, a browser); carries its cause chain.
    Other(anyhow::Error),
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Other(e)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Invalid(diags) => {
                for d in diags {
                    writeln!(f, "{d}")?;
                }
                Ok(())
            }
            Failure::Other(e) => write!(f, "error: {e:#}"),
        }
    }
}

/// The candidate closest to `word`, if it is close enough to be a plausible typo.
pub fn nearest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), *c))
        .filter(|(score, _)| *score > 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Display a path relative to `root` when it lies inside it.
pub fn rel(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// A warning repeated in more places than this is printed once, with a count.
pub const SAME_WARNING_SHOWN: usize = 3;

/// `diags` as printed lines, in their order: a warning whose message and help recur
/// in more than [`SAME_WARNING_SHOWN`] places is printed once, where it first
/// occurs, with the next few places and how many more there are. Errors are
/// always printed one by one.
pub fn condensed(diags: &[Diagnostic]) -> Vec<String> {
    fn same(d: &Diagnostic) -> (&str, Option<&str>) {
        (d.message.as_str(), d.help.as_deref())
    }
    let mut places: std::collections::HashMap<_, Vec<&Diagnostic>> =
        std::collections::HashMap::new();
    for d in diags.iter().filter(|d| !d.is_error()) {
        places.entry(same(d)).or_default().push(d);
    }
    let mut out = Vec::new();
    for d in diags {
        let group = places
            .get(&same(d))
            .filter(|g| !d.is_error() && g.len() > SAME_WARNING_SHOWN);
        let Some(group) = group else {
            out.push(d.to_string());
            continue;
        };
        if !std::ptr::eq(group[0], d) {
            continue;
        }
        let mut first = Diagnostic {
            help: None,
            ..d.clone()
        }
        .to_string();
        let next: Vec<String> = group[1..=SAME_WARNING_SHOWN]
            .iter()
            .map(|d| place(d))
            .collect();
        let more = group.len() - 1 - SAME_WARNING_SHOWN;
        first.push_str(&format!(
            "\n  = the same warning in {} more places: {}{}",
            group.len() - 1,
            next.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ));
        if let Some(help) = &d.help {
            first.push_str(&format!("\n  = help: {help}"));
        }
        out.push(first);
    }
    out
}

/// `path:line:col`, or the path alone.
fn place(d: &Diagnostic) -> String {
    match d.line {
        Some(line) => format!("{}:{line}:{}", d.path.display(), d.col.unwrap_or(1)),
        None => d.path.display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_path_line_col_and_help() {
        let d = Diagnostic::error("content/a.md", "bad thing")
            .at(3, 7)
            .help("fix it");
        assert_eq!(
            d.to_string(),
            "content/a.md:3:7: error: bad thing\n  = help: fix it"
        );
    }

    #[test]
    fn sorted_by_file_then_position_then_severity() {
        let mut d = Diagnostics::new();
        d.push(Diagnostic::warning("b.md", "w").at(1, 1));
        d.push(Diagnostic::error("b.md", "e").at(1, 1));
        d.push(Diagnostic::error("a.md", "late").at(10, 1));
        d.push(Diagnostic::error("a.md", "early").at(2, 5));
        d.push(Diagnostic::error("a.md", "early").at(2, 5));
        d.push(Diagnostic::error("a.md", "whole file"));
        d.push(Diagnostic::error("a.md", "same line").at(2, 1));
        let shown: Vec<String> = d.sorted().iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "a.md: error: whole file",
                "a.md:2:1: error: same line",
                "a.md:2:5: error: early",
                "a.md:10:1: error: late",
                "b.md:1:1: error: e",
                "b.md:1:1: warning: w",
            ]
        );
    }

    #[test]
    fn a_warning_in_many_places_prints_once_with_a_count_and_the_first_places() {
        let w = |p: &str, line| {
            Diagnostic::warning(p, "same thing")
                .at(line, 1)
                .help("fix it")
        };
        let mut diags: Vec<Diagnostic> = (1..=6).map(|i| w(&format!("f{i}.md"), i)).collect();
        diags.push(Diagnostic::warning("g.md", "other"));
        diags.push(Diagnostic::error("h.md", "same thing").help("fix it"));
        let lines = condensed(&diags);
        assert_eq!(
            lines,
            [
                "f1.md:1:1: warning: same thing\n  = the same warning in 5 more places: \
                 f2.md:2:1, f3.md:3:1, f4.md:4:1 and 2 more\n  = help: fix it",
                "g.md: warning: other",
                "h.md: error: same thing\n  = help: fix it",
            ]
        );
        // Up to the limit, each place is printed on its own.
        assert_eq!(condensed(&diags[3..]).len(), 5);
    }
}
