//! Build-time syntax highlighting with syntect, emitting `hl-` prefixed CSS classes.
//!
//! The syntax set is loaded once per process and shared across threads; highlighted
//! blocks are cached by (language, code) so `serve` rebuilds and repeated snippets
//! cost nothing. The theme's light and dark CSS is generated from syntect themes.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use syntect::highlighting::{
    Color, FontStyle, Highlighter as SynHighlighter, StyleModifier, ThemeSet,
};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{Scope, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

pub use super::spans::{CodeHtml, Tags};

const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Languages that mean "no highlighting", without a warning.
const PLAIN: &[&str] = &[
    "",
    "text",
    "txt",
    "plain",
    "plaintext",
    "none",
    "output",
    "error",
    "warning",
    "source",
];

/// Syntaxes syntect's default set lacks, written for Trellis (mdBook's guide and
/// many course repositories show TOML and Handlebars).
const EXTRA_SYNTAXES: &[&str] = &[
    include_str!("syntaxes/toml.sublime-syntax"),
    include_str!("syntaxes/handlebars.sublime-syntax"),
];

/// Our syntaxes, in a set of their own: building them into syntect's default set
/// links every syntax again (seconds), while this takes a millisecond.
fn extra_set() -> SyntaxSet {
    let mut builder = syntect::parsing::SyntaxSetBuilder::new();
    for text in EXTRA_SYNTAXES {
        let def = syntect::parsing::SyntaxDefinition::load_from_str(text, true, None)
            .expect("the bundled syntaxes parse (a test checks them)");
        builder.add(def);
    }
    builder.build()
}

pub struct Highlighter {
    syntaxes: SyntaxSet,
    /// [`EXTRA_SYNTAXES`], built when a block first needs one.
    extra: std::sync::OnceLock<SyntaxSet>,
    cache: Mutex<HashMap<u64, Arc<CodeHtml>>>,
    /// Every block's opening tags, each held once ([`CodeHtml`]).
    tags: Tags,
    /// Keep highlighted blocks for later rebuilds (`serve`); a one-off build only
    /// reuses blocks that repeat.
    keep: bool,
    /// Blocks from the on-disk build cache, by key (compared in full on a hit).
    stored: HashMap<u64, Block>,
    /// Every block of this build, for the next build's cache, when asked for.
    used: Option<Mutex<HashMap<u64, Used>>>,
}

/// A block this build used, kept compact until the cache is written.
struct Used {
    lang: String,
    code: String,
    html: Arc<CodeHtml>,
}

impl Used {
    fn block(&self) -> Block {
        Block {
            lang: self.lang.clone(),
            code: self.code.clone(),
            html: self.html.clone(),
        }
    }
}

/// A highlighted code block with what it was made from, as the build cache holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The fence's language, trimmed and lowercased.
    pub lang: String,
    pub code: String,
    pub html: Arc<CodeHtml>,
}

fn key(lang: &str, code: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    lang.hash(&mut h);
    code.hash(&mut h);
    h.finish()
}

/// A highlighted block, and whether its language was known.
pub struct Highlighted {
    pub html: Arc<CodeHtml>,
    pub known: bool,
}

impl Default for Highlighter {
    fn default() -> Self {
        Self::new()
    }
}

impl Highlighter {
    /// A highlighter whose cache lives as long as it does (for `serve`).
    pub fn new() -> Self {
        Highlighter {
            syntaxes: SyntaxSet::load_defaults_newlines(),
            extra: std::sync::OnceLock::new(),
            cache: Mutex::new(HashMap::new()),
            tags: Tags::default(),
            keep: true,
            stored: HashMap::new(),
            used: None,
        }
    }

    /// A highlighter for one build that takes blocks from `stored` (the last
    /// build's cache) and records every block for the next one ([`Self::blocks`]).
    pub fn with_store(stored: Vec<Block>) -> Self {
        let one = Self::for_one_build();
        {
            // The stored blocks' tags are this build's too: a block highlighted
            // now shares them.
            let mut tags = one.tags.lock().expect("tags lock");
            for t in stored.iter().flat_map(|b| b.html.parts().2) {
                if !tags.contains(t) {
                    tags.insert(t.clone());
                }
            }
        }
        Highlighter {
            stored: stored
                .into_iter()
                .map(|b| (key(&b.lang, &b.code), b))
                .collect(),
            used: Some(Mutex::new(HashMap::new())),
            ..one
        }
    }

    /// Every block this build highlighted or took from the store, in a stable order.
    pub fn blocks(self) -> Vec<Block> {
        let used = self.used.map(|u| u.into_inner().expect("cache lock"));
        let mut blocks: Vec<Block> = used
            .into_iter()
            .flat_map(|u| u.into_values())
            .map(|u| u.block())
            .collect();
        blocks.sort_by(|a, b| (&a.lang, &a.code).cmp(&(&b.lang, &b.code)));
        blocks
    }

    /// Whether this build used exactly the blocks of the store it was given, so
    /// the cache on disk needs no rewrite.
    pub fn same_as_store(&self) -> bool {
        let Some(used) = &self.used else {
            return false;
        };
        let used = used.lock().expect("cache lock");
        // A block's HTML is the stored one whenever its language and code are:
        // comparing those is enough, and needs no block written back to HTML.
        used.len() == self.stored.len()
            && used.iter().all(|(k, u)| {
                self.stored
                    .get(k)
                    .is_some_and(|b| b.lang == u.lang && b.code == u.code)
            })
    }

    /// A highlighter for one build: blocks are not kept, to save memory.
    pub fn for_one_build() -> Self {
        Highlighter {
            keep: false,
            ..Self::new()
        }
    }

    /// The syntax for `lang`, and the set it belongs to.
    fn find(&self, lang: &str) -> Option<(&SyntaxReference, &SyntaxSet)> {
        let lang = match lang {
            "sh" | "shell" | "zsh" | "console" => "bash",
            "js" | "javascript" | "jsx" | "ts" | "typescript" => "js",
            "py" | "python3" => "py",
            "yml" => "yaml",
            "rs" => "rust",
            "md" | "markdown" => "md",
            other => other,
        };
        if let Some(s) = in_set(&self.syntaxes, lang) {
            return Some((s, &self.syntaxes));
        }
        let extra = self.extra.get_or_init(extra_set);
        in_set(extra, lang).map(|s| (s, extra))
    }

    /// Highlighted spans for a fenced block. Unknown languages fall back to plain text.
    pub fn highlight(&self, lang: &str, code: &str) -> Highlighted {
        let lang = lang.trim().to_ascii_lowercase();
        let syntax = if PLAIN.contains(&lang.as_str()) {
            None
        } else {
            self.find(&lang)
        };
        let known = syntax.is_some() || PLAIN.contains(&lang.as_str());
        let key = key(&lang, code);
        if let Some(hit) = self.cache.lock().expect("cache lock").get(&key) {
            return Highlighted {
                html: hit.clone(),
                known,
            };
        }
        let html = match self.stored.get(&key) {
            Some(b) if b.lang == lang && b.code == code => b.html.clone(),
            // The `<pre>` around the spans is the theme's (`markdown/code.html`).
            _ => Arc::new(match syntax {
                Some((s, set)) => CodeHtml::new(&classed(s, set, code), &self.tags),
                None => CodeHtml::verbatim(&escape(code)),
            }),
        };
        if let Some(used) = &self.used {
            let block = Used {
                lang: lang.clone(),
                code: code.to_string(),
                html: html.clone(),
            };
            used.lock().expect("cache lock").insert(key, block);
        }
        if self.keep {
            self.cache
                .lock()
                .expect("cache lock")
                .insert(key, html.clone());
        }
        Highlighted { html, known }
    }
}

fn in_set<'s>(set: &'s SyntaxSet, lang: &str) -> Option<&'s SyntaxReference> {
    set.find_syntax_by_token(lang)
        .or_else(|| set.find_syntax_by_name(lang))
}

fn classed(syntax: &SyntaxReference, set: &SyntaxSet, code: &str) -> String {
    let mut gen = ClassedHTMLGenerator::new_with_class_style(syntax, set, STYLE);
    for line in LinesWithEndings::from(code) {
        if gen
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return escape(code);
        }
    }
    gen.finalize()
}

/// The `hl-` classes in highlighted HTML (as [`Highlighter::highlight`] writes
/// it: `<span class="hl-a hl-b">`; code text is escaped, so a quote in it is
/// never an attribute's end), added to `out`.
pub fn classes_in(html: &str, out: &mut BTreeSet<String>) {
    for class in hl_classes(html) {
        // Most classes were seen already: look before allocating.
        if !out.contains(class) {
            out.insert(class.to_string());
        }
    }
}

/// Every `hl-` class of every `class="…"` attribute in highlighted HTML, repeats included.
fn hl_classes(html: &str) -> impl Iterator<Item = &str> {
    html.match_indices("class=\"")
        .map(|(i, m)| html[i + m.len()..].split('"').next().unwrap_or(""))
        .flat_map(str::split_ascii_whitespace)
        .filter(|c| c.starts_with("hl-"))
}

/// The `hl-` classes of the code blocks in a tree, added to `out`.
pub fn classes_in_tree(nodes: &[crate::markdown::tree::Node], out: &mut BTreeSet<String>) {
    crate::markdown::tree::walk(nodes, &mut |n| {
        if let crate::markdown::tree::Node::Code(c) = n {
            for tag in c.html.tags() {
                classes_in(tag, out);
            }
        }
    });
}

/// Whether a tree shows highlighted code (a block in plain text does not count).
pub fn highlighted(nodes: &[crate::markdown::tree::Node]) -> bool {
    let mut found = false;
    crate::markdown::tree::walk(nodes, &mut |n| {
        if let crate::markdown::tree::Node::Code(c) = n {
            found = found || c.html.tags().any(|t| hl_classes(t).next().is_some());
        }
    });
    found
}

/// The highlight stylesheet for the classes a course's code uses: one rule per
/// scope selector of the light theme (InspiredGitHub) or the dark one
/// (base16-ocean.dark) whose classes all occur in `used`, its colours as
/// `light-dark(light, dark)` (the page's `color-scheme` picks; paper is light).
/// Each theme resolves every selector as syntect does for that scope path, so a
/// selector only one theme names still gets the other theme's colour. Bold,
/// italic and underline come from the light theme (the dark one sets none).
/// Rules are sorted by selector: the same classes give the same bytes. Nothing
/// here needs a build-cache key of its own: the classes are read each build from
/// the blocks' HTML, which the cache holds whole, and the themes are compiled in,
/// so the Trellis version that heads the cache file covers them.
pub fn theme_css(used: &BTreeSet<String>) -> String {
    let themes = ThemeSet::load_defaults();
    let (light, dark) = (
        &themes.themes["InspiredGitHub"],
        &themes.themes["base16-ocean.dark"],
    );
    let mut paths: BTreeMap<String, Vec<Scope>> = BTreeMap::new();
    for item in light.scopes.iter().chain(&dark.scopes) {
        for selector in &item.scope.selectors {
            let path = selector.extract_scopes();
            let css = css_selector(&path);
            if !path.is_empty() && css.classes.iter().all(|c| used.contains(c)) {
                paths.insert(css.text, path);
            }
        }
    }
    let (light, dark) = (SynHighlighter::new(light), SynHighlighter::new(dark));
    let mut out = String::from(
        "/* Generated by trellis from syntect themes, for the classes this course uses. */\n",
    );
    for (selector, path) in &paths {
        let rule = declarations(
            &light.style_mod_for_stack(path),
            &dark.style_mod_for_stack(path),
        );
        if !rule.is_empty() {
            out.push_str(&format!("{selector} {{ {rule}}}\n"));
        }
    }
    out
}

/// A scope path as a CSS selector (`.hl-string.hl-quoted .hl-punctuation`) and the classes it names.
struct CssSelector {
    text: String,
    classes: Vec<String>,
}

fn css_selector(path: &[Scope]) -> CssSelector {
    let mut classes = Vec::new();
    let parts: Vec<String> = path
        .iter()
        .map(|scope| {
            scope
                .build_string()
                .split('.')
                .map(|atom| {
                    classes.push(format!("hl-{atom}"));
                    format!(".hl-{}", css_ident(atom))
                })
                .collect()
        })
        .collect();
    CssSelector {
        text: parts.join(" "),
        classes,
    }
}

/// A scope atom as it can stand in a class selector: syntect's atoms are words
/// of letters, digits, `-` and `_`; anything else is escaped.
fn css_ident(atom: &str) -> String {
    atom.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_string()
            } else {
                format!("\\{:x} ", c as u32)
            }
        })
        .collect()
}

fn hex(c: Color) -> String {
    if c.a == 0xff {
        format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b)
    } else {
        format!("#{:02x}{:02x}{:02x}{:02x}", c.r, c.g, c.b, c.a)
    }
}

/// The declarations for one selector from each theme's resolved style: a colour
/// only one theme sets is the inherited one (`currentColor`) in the other mode.
fn declarations(light: &StyleModifier, dark: &StyleModifier) -> String {
    let mut out = String::new();
    let pair = |l: Option<Color>, d: Option<Color>, none: &str| match (l, d) {
        (None, None) => None,
        (l, d) => Some(format!(
            "light-dark({}, {})",
            l.map_or(none.to_string(), hex),
            d.map_or(none.to_string(), hex)
        )),
    };
    if let Some(c) = pair(light.foreground, dark.foreground, "currentColor") {
        out.push_str(&format!("color: {c}; "));
    }
    if let Some(c) = pair(light.background, dark.background, "transparent") {
        out.push_str(&format!("background-color: {c}; "));
    }
    if let Some(fs) = light.font_style.or(dark.font_style) {
        if fs.contains(FontStyle::BOLD) {
            out.push_str("font-weight: bold; ");
        }
        if fs.contains(FontStyle::ITALIC) {
            out.push_str("font-style: italic; ");
        }
        if fs.contains(FontStyle::UNDERLINE) {
            out.push_str("text-decoration: underline; ");
        }
    }
    out
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_shows_highlighted_code_only_with_a_highlighted_block() {
        use crate::markdown::test_support::parse_page;
        assert!(highlighted(
            &parse_page("Text.\n\n```rust\nfn main() {}\n```\n").body
        ));
        // Plain text and unknown languages are escaped, not highlighted.
        assert!(!highlighted(&parse_page("```text\nplain\n```\n").body));
        assert!(!highlighted(&parse_page("```klingon\n<b>\n```\n").body));
        assert!(!highlighted(&parse_page("No code at all.\n").body));
    }

    #[test]
    fn known_language_gets_classes() {
        let h = Highlighter::new();
        let out = h.highlight("rust", "fn main() {}\n");
        assert!(out.known);
        let html = out.html.to_html();
        assert!(html.contains("class=\"hl-"), "{html}");
    }

    #[test]
    fn unknown_language_is_plain_and_escaped() {
        let h = Highlighter::new();
        let out = h.highlight("klingon", "<b>\n");
        assert!(!out.known);
        let html = out.html.to_html();
        assert!(html.contains("&lt;b&gt;"));
        assert!(!html.contains("hl-"));
        assert!(h.highlight("text", "x").known);
    }

    #[test]
    fn classes_are_read_from_highlighted_spans_only() {
        let h = Highlighter::new();
        let out = h.highlight("rust", "fn main() { let s = \"class=\\\"x\"; }\n");
        let mut classes = BTreeSet::new();
        classes_in(&out.html.to_html(), &mut classes);
        assert!(classes.contains("hl-keyword"), "{classes:?}");
        assert!(classes.contains("hl-rust"), "{classes:?}");
        assert!(classes.iter().all(|c| c.starts_with("hl-")), "{classes:?}");
    }

    #[test]
    fn css_keeps_only_rules_whose_classes_are_used_in_light_and_dark() {
        let used: BTreeSet<String> = ["hl-comment", "hl-source"].map(String::from).into();
        let css = theme_css(&used);
        let rules: Vec<&str> = css.lines().filter(|l| l.contains('{')).collect();
        assert!(
            rules
                .iter()
                .any(|r| r.starts_with(".hl-comment {") && r.contains("light-dark(")),
            "{css}"
        );
        assert!(!css.contains(".hl-keyword"), "{css}");
        assert_eq!(theme_css(&used), css, "deterministic");
        assert_eq!(theme_css(&BTreeSet::new()).lines().count(), 1);
    }

    #[test]
    fn odd_atoms_are_escaped_in_selectors() {
        assert_eq!(css_ident("c++"), "c\\2b \\2b ");
    }
}

#[cfg(test)]
mod languages {
    use super::*;

    #[test]
    fn common_languages_and_ours_are_present() {
        let h = Highlighter::new();
        let langs = [
            "bash",
            "python",
            "r",
            "sql",
            "yaml",
            "json",
            "toml",
            "html",
            "css",
            "javascript",
            "rust",
            "handlebars",
            "hbs",
        ];
        let missing: Vec<_> = langs.into_iter().filter(|l| h.find(l).is_none()).collect();
        assert!(missing.is_empty(), "{missing:?}");
        let toml = h.highlight("toml", "[print]\npage_size = \"A4\" # paper\n");
        assert!(toml.html.to_html().contains("hl-entity"));
        let hbs = h.highlight("handlebars", "<p>{{#if x}}{{ name }}{{/if}}</p>\n");
        assert!(hbs.html.to_html().contains("hl-handlebars"));
    }
}
