//! Build-time syntax highlighting with syntect, emitting `hl-` prefixed CSS classes.
//!
//! The syntax set is loaded once per process and shared across threads; highlighted
//! blocks are cached by (language, code) so `serve` rebuilds and repeated snippets
//! cost nothing. The theme's light and dark CSS is generated from syntect themes.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use syntect::highlighting::{
    Color, FontStyle, Highlighter as SynHighlighter, StyleModifier, ThemeSet,
};
use syntect::parsing::{
    BasicScopeStackOp, ParseState, Scope, ScopeError, ScopeStack, ScopeStackOp, SyntaxReference,
    SyntaxSet,
};
use syntect::util::LinesWithEndings;

pub use super::spans::{CodeHtml, Tags};
use crate::cache::StoredBlocks;

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
    /// The opening tag of each scope met so far (one of `tags`).
    scope_tags: Mutex<HashMap<Scope, Arc<str>>>,
    /// Keep highlighted blocks for later rebuilds (`serve`); a one-off build only
    /// reuses blocks that repeat.
    keep: bool,
    /// Blocks from the on-disk build cache, by key, each read when first
    /// needed (compared in full on a hit).
    stored: StoredBlocks,
    /// Every block of this build, for the next build's cache, when asked for.
    used: Option<Mutex<HashMap<u64, Used>>>,
}

/// A block this build used: the store's own (read again only if the cache is
/// written), or one made now.
enum Used {
    Stored,
    Made(Block),
}

/// A highlighted code block with what it was made from, as the build cache holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The fence's language, trimmed and lowercased.
    pub lang: String,
    pub code: String,
    pub html: Arc<CodeHtml>,
}

/// A block's key in the build cache, from its (trimmed, lowercased) language and code.
pub fn block_key(lang: &str, code: &str) -> u64 {
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
            scope_tags: Mutex::default(),
            keep: true,
            stored: StoredBlocks::default(),
            used: None,
        }
    }

    /// A highlighter for one build that takes blocks from `stored` (the last
    /// build's cache) and records every block for the next one ([`Self::blocks`]).
    pub fn with_store(stored: StoredBlocks) -> Self {
        let one = Self::for_one_build();
        {
            // The stored blocks' tags are this build's too: a block highlighted
            // now shares them.
            let mut tags = one.tags.lock().expect("tags lock");
            for t in stored.tags() {
                if !tags.contains(t) {
                    tags.insert(t.clone());
                }
            }
        }
        Highlighter {
            stored,
            used: Some(Mutex::new(HashMap::new())),
            ..one
        }
    }

    /// Every block this build highlighted or took from the store, with its
    /// key, in a stable order.
    pub fn blocks(self) -> Vec<(u64, Block)> {
        let used = self.used.map(|u| u.into_inner().expect("cache lock"));
        let stored = &self.stored;
        let mut blocks: Vec<(u64, Block)> = used
            .into_iter()
            .flatten()
            .filter_map(|(key, u)| match u {
                Used::Stored => Some((key, stored.get(key)?)),
                Used::Made(b) => Some((key, b)),
            })
            .collect();
        blocks.sort_by(|(_, a), (_, b)| (&a.lang, &a.code).cmp(&(&b.lang, &b.code)));
        blocks
    }

    /// Count the stored block with key `key` ([`CodeFacts::blocks`]) as used,
    /// for a page taken from the build cache whose tree stays unread. A block
    /// the store lacks (its file was removed) is highlighted again when a page
    /// next needs it.
    pub fn reuse_stored(&self, key: u64) {
        if let Some(used) = &self.used {
            if self.stored.contains(key) {
                used.lock().expect("cache lock").insert(key, Used::Stored);
            }
        }
    }

    /// Count a block as used: one just highlighted, or one of a page taken whole
    /// from the build cache, so the next build's cache keeps it (the page may
    /// change, its code not). `lang` is trimmed and lowercased.
    pub fn reuse(&self, lang: &str, code: &str, html: &Arc<CodeHtml>) {
        let key = block_key(lang, code);
        if let Some(used) = &self.used {
            let block = Block {
                lang: lang.to_string(),
                code: code.to_string(),
                html: html.clone(),
            };
            used.lock()
                .expect("cache lock")
                .insert(key, Used::Made(block));
        }
        self.keep_in_memory(key, html);
    }

    /// For `serve`: keep a block in memory for the next rebuild.
    fn keep_in_memory(&self, key: u64, html: &Arc<CodeHtml>) {
        if self.keep {
            self.cache
                .lock()
                .expect("cache lock")
                .insert(key, html.clone());
        }
    }

    /// How many of the store's blocks were found damaged and made again.
    pub fn damaged_stored(&self) -> usize {
        self.stored.damaged()
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
            && used.iter().all(|(k, u)| match u {
                Used::Stored => true,
                Used::Made(b) => self
                    .stored
                    .get(*k)
                    .is_some_and(|s| s.lang == b.lang && s.code == b.code),
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
        let key = block_key(&lang, code);
        if let Some(hit) = self.cache.lock().expect("cache lock").get(&key) {
            return Highlighted {
                html: hit.clone(),
                known,
            };
        }
        let stored = self.stored.get(key);
        if let Some(b) = stored.filter(|b| b.lang == lang && b.code == code) {
            if let Some(used) = &self.used {
                used.lock().expect("cache lock").insert(key, Used::Stored);
            }
            self.keep_in_memory(key, &b.html);
            return Highlighted {
                html: b.html,
                known,
            };
        }
        // The `<pre>` around the spans is the theme's (`markdown/code.html`).
        let html = Arc::new(match syntax {
            Some((s, set)) => self.classed(s, set, code),
            None => CodeHtml::verbatim(&escape(code)),
        });
        self.reuse(&lang, code, &html);
        Highlighted { html, known }
    }
}

fn in_set<'s>(set: &'s SyntaxSet, lang: &str) -> Option<&'s SyntaxReference> {
    set.find_syntax_by_token(lang)
        .or_else(|| set.find_syntax_by_name(lang))
}

impl Highlighter {
    /// A block highlighted with `hl-` classes: the HTML syntect's
    /// `ClassedHTMLGenerator` writes with the `hl-` prefix, byte for byte (a test
    /// compares them), written straight into a [`CodeHtml`] rather than as text
    /// that is then split again, with each scope's tag built once per build. A
    /// block syntect cannot parse is shown escaped, as plain text.
    fn classed(&self, syntax: &SyntaxReference, set: &SyntaxSet, code: &str) -> CodeHtml {
        let mut state = ParseState::new(syntax);
        let mut stack = ScopeStack::new();
        let mut out = Spans {
            rest: String::with_capacity(code.len() + code.len() / 4),
            marks: Vec::new(),
            open: 0,
        };
        for line in LinesWithEndings::from(code) {
            let parsed = state.parse_line(line, set);
            if !parsed.is_ok_and(|ops| out.line(line, &ops, &mut stack).is_ok()) {
                return CodeHtml::verbatim(&escape(code));
            }
        }
        for _ in 0..out.open {
            out.rest.push_str("</span>");
        }
        CodeHtml::from_marks(out.rest, &out.marks, |scopes| self.scope_tags(scopes))
    }

    /// The opening tag of each scope, from (or added to) the build's tags.
    fn scope_tags(&self, scopes: &[Scope]) -> Vec<Arc<str>> {
        let mut known = self.scope_tags.lock().expect("tags lock");
        scopes
            .iter()
            .map(|scope| {
                known
                    .entry(*scope)
                    .or_insert_with(|| {
                        let tag = open_tag(*scope);
                        let mut shared = self.tags.lock().expect("tags lock");
                        match shared.get(tag.as_str()) {
                            Some(kept) => kept.clone(),
                            None => {
                                let kept: Arc<str> = tag.into();
                                shared.insert(kept.clone());
                                kept
                            }
                        }
                    })
                    .clone()
            })
            .collect()
    }
}

/// `<span class="hl-source hl-rust">` for the scope `source.rust`.
fn open_tag(scope: Scope) -> String {
    let mut tag = String::from("<span class=\"");
    if !scope.is_empty() {
        for (i, atom) in scope.build_string().split('.').enumerate() {
            if i > 0 {
                tag.push(' ');
            }
            tag.push_str("hl-");
            tag.push_str(atom);
        }
    }
    tag.push_str("\">");
    tag
}

/// A block's highlighted HTML as it is written: the text and closing tags, and
/// each opening tag's place with its scope.
struct Spans {
    rest: String,
    marks: Vec<(usize, Scope)>,
    /// Spans opened and not closed yet (negative if a syntax closes more).
    open: isize,
}

impl Spans {
    /// One line (with its newline) and syntect's scope operations on it, as
    /// syntect's `line_tokens_to_classed_spans` writes them: a span opened and
    /// closed on the same line with no text between is left out.
    fn line(
        &mut self,
        line: &str,
        ops: &[(usize, ScopeStackOp)],
        stack: &mut ScopeStack,
    ) -> Result<(), ScopeError> {
        let mut at = 0;
        // The last span opened on this line holds nothing yet.
        let mut empty = false;
        for (i, op) in ops {
            if *i > at {
                empty = false;
                escape_into(&line[at..*i], &mut self.rest);
                at = *i;
            }
            stack.apply_with_hook(op, |basic, _| match basic {
                BasicScopeStackOp::Push(scope) => {
                    self.marks.push((self.rest.len(), scope));
                    empty = true;
                    self.open += 1;
                }
                BasicScopeStackOp::Pop => {
                    if empty {
                        self.marks.pop();
                    } else {
                        self.rest.push_str("</span>");
                    }
                    self.open -= 1;
                    empty = false;
                }
            })?;
        }
        escape_into(&line[at..], &mut self.rest);
        Ok(())
    }
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

/// The `hl-` classes of the code blocks of many trees. Blocks repeat their
/// opening tags, so each distinct tag is read once.
#[derive(Default)]
pub struct CodeClasses {
    classes: BTreeSet<String>,
    /// The tags read so far. By text, not address: the blocks of pages from
    /// the build cache each hold their own copies.
    seen: rustc_hash::FxHashSet<Arc<str>>,
}

impl CodeClasses {
    /// Adds the classes of the code blocks in a tree.
    pub fn add_tree(&mut self, nodes: &[crate::markdown::tree::Node]) {
        crate::markdown::tree::walk(nodes, &mut |n| {
            if let crate::markdown::tree::Node::Code(c) = n {
                for tag in c.html.shared_tags() {
                    if !self.seen.contains(tag) {
                        classes_in(tag, &mut self.classes);
                        self.seen.insert(tag.clone());
                    }
                }
            }
        });
    }

    /// Adds the classes of blocks whose distinct opening tags are `tags`, one a
    /// line ([`CodeFacts::tags`]).
    pub fn add_tags(&mut self, tags: &str) {
        for tag in tags.lines() {
            if !self.seen.contains(tag) {
                classes_in(tag, &mut self.classes);
                self.seen.insert(tag.into());
            }
        }
    }

    pub fn into_classes(self) -> BTreeSet<String> {
        self.classes
    }
}

/// What a page body's code blocks are, gathered once when it is parsed and
/// kept with it in the build cache, so a page taken from there is keyed, and
/// the highlight stylesheet made, without reading its tree.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CodeFacts {
    /// Whether it shows highlighted code ([`highlighted`]).
    pub highlighted: bool,
    /// Each distinct opening tag of its blocks, one a line, for the stylesheet's
    /// classes (one string: a cached page reads back in one piece).
    pub tags: String,
    /// Each block's key in the highlight cache ([`Highlighter::reuse_stored`]).
    pub blocks: Vec<u64>,
}

impl CodeFacts {
    pub fn of(nodes: &[crate::markdown::tree::Node]) -> CodeFacts {
        let mut facts = CodeFacts {
            highlighted: highlighted(nodes),
            ..CodeFacts::default()
        };
        let mut seen: HashSet<Arc<str>> = HashSet::new();
        crate::markdown::tree::walk(nodes, &mut |n| {
            if let crate::markdown::tree::Node::Code(c) = n {
                facts.blocks.push(block_key(&c.lang, &c.text));
                for tag in c.html.shared_tags() {
                    if seen.insert(tag.clone()) {
                        facts.tags.push_str(tag);
                        facts.tags.push('\n');
                    }
                }
            }
        });
        facts
    }
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
    escape_into(s, &mut out);
    out
}

/// `s` with `&`, `<`, `>`, `"` and `'` escaped, added to `out`: the characters
/// syntect escapes, so plain and highlighted blocks read alike.
fn escape_into(s: &str, out: &mut String) {
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        out.push_str(entity);
        start = i + 1;
    }
    out.push_str(&s[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The blocks a first build highlights, as the next build's store.
    fn stored(blocks: &[(&str, &str)]) -> Vec<(u64, Block)> {
        let first = Highlighter::with_store(StoredBlocks::default());
        for (lang, code) in blocks {
            first.highlight(lang, code);
        }
        first.blocks()
    }

    #[test]
    fn stored_blocks_are_taken_whole_and_an_unchanged_store_needs_no_rewrite() {
        let before = [("rust", "fn a() {}\n"), ("py", "x = 1\n")];
        let store = stored(&before);
        let again = Highlighter::with_store(StoredBlocks::of(&store));
        for (lang, code) in before {
            let h = again.highlight(lang, code);
            let kept = store.iter().find(|(_, b)| b.lang == lang && b.code == code);
            assert_eq!(h.html, kept.unwrap().1.html);
        }
        // Taken from the store, not highlighted again: no block was made.
        let used = again.used.as_ref().unwrap().lock().unwrap();
        assert!(used.values().all(|u| matches!(u, Used::Stored)));
        drop(used);
        assert!(again.same_as_store());
        assert_eq!(again.blocks(), store);
        // Other code, or fewer blocks, and the cache is written again.
        let edited = Highlighter::with_store(StoredBlocks::of(&store));
        edited.highlight("rust", "fn b() {}\n");
        edited.highlight("py", "x = 1\n");
        assert!(!edited.same_as_store());
        let fewer = Highlighter::with_store(StoredBlocks::of(&store));
        fewer.highlight("py", "x = 1\n");
        assert!(!fewer.same_as_store());
    }

    #[test]
    fn blocks_of_pages_taken_from_the_cache_are_kept_by_key_alone() {
        let store = stored(&[("rust", "fn a() {}\n"), ("py", "x = 1\n")]);
        let warm = Highlighter::with_store(StoredBlocks::of(&store));
        for (key, _) in &store {
            warm.reuse_stored(*key);
        }
        // A key the store lacks is not a block.
        warm.reuse_stored(store[0].0 ^ store[1].0);
        assert!(warm.same_as_store());
        assert_eq!(warm.blocks(), store);
    }

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
    fn classes_of_trees_are_those_of_every_blocks_html() {
        use crate::markdown::test_support::parse_page;
        let pages = [
            "```rust\nfn main() { let x = \"class=\\\"y\"; }\n```\n",
            "```python\ndef f():\n    return 1  # c\n```\n\n```rust\nfn g() {}\n```\n",
            "```text\n<span class=\"hl-fake\">\n```\n",
            "No code.\n",
        ];
        let trees: Vec<_> = pages.iter().map(|p| parse_page(p).body).collect();
        let mut want = BTreeSet::new();
        for tree in &trees {
            crate::markdown::tree::walk(tree, &mut |n| {
                if let crate::markdown::tree::Node::Code(c) = n {
                    classes_in(&c.html.to_html(), &mut want);
                }
            });
        }
        let mut got = CodeClasses::default();
        for tree in &trees {
            got.add_tree(tree);
        }
        let got = got.into_classes();
        assert!(
            got.contains("hl-python") && got.contains("hl-rust"),
            "{got:?}"
        );
        assert!(!got.contains("hl-fake"), "{got:?}");
        assert_eq!(got, want);
        // A page's code facts give the same classes without its tree.
        let mut from_facts = CodeClasses::default();
        for p in &pages {
            from_facts.add_tags(&parse_page(p).code.tags);
        }
        assert_eq!(from_facts.into_classes(), want);
    }

    #[test]
    fn code_facts_say_what_the_tree_holds() {
        use crate::markdown::test_support::parse_page;
        let doc = parse_page("```rust\nfn a() {}\n```\n\nText.\n\n```rust\nfn b() {}\n```\n");
        assert!(doc.code.highlighted);
        assert_eq!(
            doc.code.blocks,
            [
                block_key("rust", "fn a() {}\n"),
                block_key("rust", "fn b() {}\n")
            ]
        );
        let tags: Vec<&str> = doc.code.tags.lines().collect();
        let distinct: HashSet<&str> = tags.iter().copied().collect();
        assert_eq!(tags.len(), distinct.len(), "each tag once: {tags:?}");
        assert!(tags.iter().any(|t| t.contains("hl-rust")), "{tags:?}");
        let plain = parse_page("```text\nplain\n```\n");
        assert!(!plain.code.highlighted);
        assert_eq!(plain.code.blocks.len(), 1);
        assert_eq!(parse_page("No code.\n").code, CodeFacts::default());
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

    /// What syntect's own generator writes for a block (the HTML before [`Highlighter::classed`]).
    fn syntect_html(h: &Highlighter, lang: &str, code: &str) -> String {
        use syntect::html::{ClassStyle, ClassedHTMLGenerator};
        let (syntax, set) = h.find(lang).expect("a known language");
        let style = ClassStyle::SpacedPrefixed { prefix: "hl-" };
        let mut gen = ClassedHTMLGenerator::new_with_class_style(syntax, set, style);
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

    #[test]
    fn spans_written_directly_equal_syntects_html_and_its_split() {
        let h = Highlighter::for_one_build();
        let blocks = [
            ("rust", "fn main() {\n    let s = \"<b>&'x'\";\n}\n"),
            ("rust", "/* open comment\n\nstill <open>\n"),
            ("rust", ""),
            ("rust", "\n\n\n"),
            ("python", "def f(x):\r\n    return '\"' + x  # é ü 漢字\r\n"),
            (
                "python",
                "s = \"\"\"doc\nstring with < and >\n\"\"\"\nprint(s)",
            ),
            (
                "html",
                "<p class=\"a\">&amp; <b>x</b></p>\n<script>if (a<b) {}</script>\n",
            ),
            ("bash", "echo \"$HOME\" > out && cat <<EOF\nline\nEOF\n"),
            ("toml", "[print]\npage_size = \"A4\" # paper\n"),
            ("handlebars", "<p>{{#if x}}{{ name }}{{/if}}</p>\n"),
            ("md", "# Title\n\n```rust\nfn x() {}\n```\n"),
            ("sql", "SELECT * FROM t WHERE a < 'x';"),
            ("json", "{\"a\": [1, 2, \"\\u00e9\"]}\n"),
        ];
        for (lang, code) in blocks {
            let want = syntect_html(&h, lang, code);
            let got = h.highlight(lang, code).html;
            assert_eq!(got.to_html(), want, "{lang}: {code:?}");
            let split = CodeHtml::new(&want, &Tags::default());
            assert_eq!(*got, split, "{lang}: {code:?}");
        }
    }

    #[test]
    fn escape_writes_the_five_entities_and_keeps_the_rest() {
        // The escape as it was written before, one char at a time.
        let by_char = |s: &str| -> String {
            s.chars()
                .map(|c| match c {
                    '&' => "&amp;".to_string(),
                    '<' => "&lt;".to_string(),
                    '>' => "&gt;".to_string(),
                    '"' => "&quot;".to_string(),
                    '\'' => "&#39;".to_string(),
                    c => c.to_string(),
                })
                .collect()
        };
        for s in [
            "",
            "plain",
            "<a href=\"x\">'&'</a>",
            "é<漢>\r\n&&",
            "&amp;",
            "\n\n",
        ] {
            assert_eq!(escape(s), by_char(s), "{s:?}");
        }
        assert_eq!(escape("<é'>"), "&lt;é&#39;&gt;");
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
