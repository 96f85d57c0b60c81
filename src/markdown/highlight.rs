//! Build-time syntax highlighting with syntect, emitting `hl-` prefixed CSS classes.
//!
//! The syntax set is loaded once per process and shared across threads; highlighted
//! blocks are cached by (language, code) so `serve` rebuilds and repeated snippets
//! cost nothing. The theme's light and dark CSS is generated from syntect themes.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

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
    cache: Mutex<HashMap<u64, Arc<str>>>,
    /// Keep highlighted blocks for later rebuilds (`serve`); a one-off build only
    /// reuses blocks that repeat.
    keep: bool,
    /// Blocks from the on-disk build cache, by key (compared in full on a hit).
    stored: HashMap<u64, Block>,
    /// Every block of this build, for the next build's cache, when asked for.
    used: Option<Mutex<HashMap<u64, Block>>>,
}

/// A highlighted code block with what it was made from, as the build cache holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The fence's language, trimmed and lowercased.
    pub lang: String,
    pub code: String,
    pub html: Arc<str>,
}

fn key(lang: &str, code: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    lang.hash(&mut h);
    code.hash(&mut h);
    h.finish()
}

/// A highlighted block, and whether its language was known.
pub struct Highlighted {
    pub html: Arc<str>,
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
            keep: true,
            stored: HashMap::new(),
            used: None,
        }
    }

    /// A highlighter for one build that takes blocks from `stored` (the last
    /// build's cache) and records every block for the next one ([`Self::blocks`]).
    pub fn with_store(stored: Vec<Block>) -> Self {
        Highlighter {
            stored: stored
                .into_iter()
                .map(|b| (key(&b.lang, &b.code), b))
                .collect(),
            used: Some(Mutex::new(HashMap::new())),
            ..Self::for_one_build()
        }
    }

    /// Every block this build highlighted or took from the store, in a stable order.
    pub fn blocks(self) -> Vec<Block> {
        let used = self.used.map(|u| u.into_inner().expect("cache lock"));
        let mut blocks: Vec<Block> = used.into_iter().flat_map(|u| u.into_values()).collect();
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
        used.len() == self.stored.len() && used.iter().all(|(k, b)| self.stored.get(k) == Some(b))
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
        let html: Arc<str> = match self.stored.get(&key) {
            Some(b) if b.lang == lang && b.code == code => b.html.clone(),
            // The `<pre>` around the spans is the theme's (`markdown/code.html`).
            _ => match syntax {
                Some((s, set)) => classed(s, set, code),
                None => escape(code),
            }
            .into(),
        };
        if let Some(used) = &self.used {
            let block = Block {
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

/// Light theme CSS for the page and print, and a dark variant scoped to dark mode.
pub fn theme_css() -> String {
    let themes = ThemeSet::load_defaults();
    let light =
        css_for_theme_with_class_style(&themes.themes["InspiredGitHub"], STYLE).unwrap_or_default();
    let dark = css_for_theme_with_class_style(&themes.themes["base16-ocean.dark"], STYLE)
        .unwrap_or_default();
    let scoped_dark = scope_selectors(&dark, "[data-theme=\"dark\"]");
    let auto_dark = scope_selectors(&dark, ":root:not([data-theme=\"light\"])");
    format!(
        "/* Generated by trellis from syntect themes. */\n{light}\n@media screen {{\n{scoped_dark}\n}}\n@media screen and (prefers-color-scheme: dark) {{\n{auto_dark}\n}}\n"
    )
}

/// Prefix every selector of every rule (selector lists included) with `scope`.
fn scope_selectors(css: &str, scope: &str) -> String {
    let mut out = String::with_capacity(css.len() * 2);
    for line in css.lines() {
        match line.split_once('{') {
            Some((selectors, rest)) if selectors.trim_start().starts_with(".hl-") => {
                let scoped: Vec<String> = selectors
                    .split(',')
                    .map(|s| format!("{scope} {}", s.trim()))
                    .collect();
                out.push_str(&scoped.join(", "));
                out.push_str(" {");
                out.push_str(rest);
            }
            _ => out.push_str(line),
        }
        out.push('\n');
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
    fn known_language_gets_classes() {
        let h = Highlighter::new();
        let out = h.highlight("rust", "fn main() {}\n");
        assert!(out.known);
        assert!(out.html.contains("class=\"hl-"), "{}", out.html);
    }

    #[test]
    fn unknown_language_is_plain_and_escaped() {
        let h = Highlighter::new();
        let out = h.highlight("klingon", "<b>\n");
        assert!(!out.known);
        assert!(out.html.contains("&lt;b&gt;"));
        assert!(!out.html.contains("hl-"));
        assert!(h.highlight("text", "x").known);
    }

    #[test]
    fn css_has_light_and_dark() {
        let css = theme_css();
        assert!(css.contains(".hl-"));
        assert!(css.contains("prefers-color-scheme: dark"));
    }

    #[test]
    fn every_selector_in_a_list_is_scoped() {
        let out = scope_selectors(
            ".hl-a, .hl-b .hl-c {\n color: red;\n}\n",
            "[data-theme=\"dark\"]",
        );
        assert_eq!(
            out,
            "[data-theme=\"dark\"] .hl-a, [data-theme=\"dark\"] .hl-b .hl-c {\n color: red;\n}\n"
        );
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
        assert!(toml.html.contains("hl-entity"), "{}", toml.html);
        let hbs = h.highlight("handlebars", "<p>{{#if x}}{{ name }}{{/if}}</p>\n");
        assert!(hbs.html.contains("hl-handlebars"), "{}", hbs.html);
    }
}
