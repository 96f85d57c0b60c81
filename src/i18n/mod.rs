//! Message catalogues: Fluent files (the theme's `i18n/<lang>.ftl`, the course's
//! own `i18n/<lang>.ftl`, `[strings]` in site.toml) in, a [`Catalogue`] out that
//! formats every interface string of one language, with named arguments and CLDR
//! plurals; plus the `t()` function templates call and the messages the page's
//! JavaScript reads.
//!
//! Layers, later ones winning key by key: English (so a key missing elsewhere still
//! shows), the theme's catalogue for the language, the course's file, `[strings]`.

pub mod clock;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::Serialize;

use crate::diag::Diagnostic;
use crate::render::theme::ThemeFile;

/// The language every catalogue is checked against, and the fallback for any key.
pub const BASE: &str = "en";

/// Languages written right to left (by primary subtag).
const RTL: &[&str] = &["ar", "he", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"];

/// Picks the plural category of `$n`, so the page's JavaScript can be told which
/// pattern belongs to which CLDR category (the same rules Fluent uses).
const PROBE: &str = "trellis-plural-probe = { $n ->\n    [zero] zero\n    [one] one\n    [two] two\n    [few] few\n    [many] many\n   *[other] other\n}\n";

/// Numbers tried, in order, to find one of each plural category of a language.
const SAMPLES: &[u32] = &[1, 2, 0, 3, 7, 11, 17, 21, 101, 102, 1_000_000];

/// Messages the page's JavaScript uses: (key, whether it selects on `$count`,
/// placeholders it fills in itself).
const JS: &[(&str, &[&str])] = &[
    ("js-clear-confirm", &[]),
    ("js-progress", &["count", "total", "pct"]),
    ("js-progress-value", &["count", "total", "pct"]),
    ("js-done-note", &[]),
    ("js-marked-done", &[]),
    ("js-unmarked-done", &[]),
    ("js-search-short", &[]),
    ("js-search-none", &["query"]),
    ("js-search-found", &["count", "query"]),
    ("js-search-more", &["count", "query", "limit"]),
    ("js-search-failed", &[]),
    ("js-quiz-right", &[]),
    ("js-quiz-wrong", &[]),
    ("js-quiz-partial", &[]),
    ("js-quiz-empty", &[]),
    ("js-quiz-compared", &[]),
    ("js-quiz-short-wrong", &[]),
    ("js-quiz-score", &["count", "total"]),
    ("js-quiz-reset-confirm", &[]),
    ("js-quiz-cleared", &[]),
    ("js-answers-exported", &[]),
    ("js-answers-imported", &["count"]),
    ("js-answers-import-failed", &[]),
    ("js-quiz-mark-right", &[]),
    ("js-quiz-mark-wrong", &[]),
    ("js-quiz-progress", &["count", "total"]),
    ("js-continue-lesson", &["number"]),
    ("js-theme-light", &[]),
    ("js-theme-dark", &[]),
];

/// One language's interface strings.
pub struct Catalogue {
    /// The language tag as the course gives it (`es`, `pt-BR`, `zh-Hans`).
    pub lang: String,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Catalogue({})", self.lang)
    }
}

/// A value handed to a message.
#[derive(Debug, Clone)]
pub enum Arg<'a> {
    Num(f64),
    Str(&'a str),
}

/// A Fluent file's text and where it came from.
pub type Layer<'a> = (&'a Path, &'a str);

impl Catalogue {
    /// The catalogue for `lang` from its layers; every syntax error of every layer
    /// is a diagnostic.
    pub fn new(
        lang: &str,
        base: &[Layer<'_>],
        layers: &[Layer<'_>],
    ) -> Result<Catalogue, Vec<Diagnostic>> {
        let id = lang
            .parse()
            .unwrap_or_else(|_| BASE.parse().expect("`en` is a language tag"));
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Bidi isolation marks would land in attributes and URLs; HTML's own
        // `dir` handles mixed scripts on our pages.
        bundle.set_use_isolating(false);
        let mut errors = Vec::new();
        let probe = FluentResource::try_new(PROBE.to_string()).expect("the probe parses");
        bundle.add_resource_overriding(probe);
        for (shown, text) in base.iter().chain(layers) {
            match parse(shown, text) {
                Ok(r) => bundle.add_resource_overriding(r),
                Err(mut e) => errors.append(&mut e),
            }
        }
        if errors.is_empty() {
            Ok(Catalogue {
                lang: lang.to_string(),
                bundle,
            })
        } else {
            Err(errors)
        }
    }

    /// Whether the language is written right to left.
    pub fn rtl(&self) -> bool {
        is_rtl(&self.lang)
    }

    /// `ltr` or `rtl`, for the `dir` attribute.
    pub fn dir(&self) -> &'static str {
        if self.rtl() {
            "rtl"
        } else {
            "ltr"
        }
    }

    pub fn has(&self, key: &str) -> bool {
        self.bundle.has_message(key)
    }

    /// The message `key` with `args`, or `None` when no layer has it.
    pub fn get(&self, key: &str, args: &[(&str, Arg<'_>)]) -> Option<String> {
        let pattern = self.bundle.get_message(key)?.value()?;
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            match v {
                Arg::Num(n) => fargs.set(*k, FluentValue::from(*n)),
                Arg::Str(s) => fargs.set(*k, FluentValue::from(*s)),
            }
        }
        let mut errors = Vec::new();
        let out = self
            .bundle
            .format_pattern(pattern, Some(&fargs), &mut errors);
        Some(out.into_owned())
    }

    /// The message `key`, or the key itself when it is missing (a test keeps every
    /// key the theme uses in the English catalogue).
    pub fn text(&self, key: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.get(key, args).unwrap_or_else(|| key.to_string())
    }

    /// The CLDR plural category of `n` in this language.
    pub fn category(&self, n: f64) -> String {
        self.text("trellis-plural-probe", &[("n", Arg::Num(n))])
    }

    /// The messages the page's JavaScript reads, as JSON: per key, one pattern per
    /// plural category, `{name}` where the script puts a value.
    pub fn js_messages(&self) -> String {
        let mut out: BTreeMap<&str, BTreeMap<String, String>> = BTreeMap::new();
        for (key, holes) in JS {
            let mut forms = BTreeMap::new();
            for &n in SAMPLES {
                let cat = if holes.contains(&"count") {
                    self.category(f64::from(n))
                } else {
                    "other".to_string()
                };
                if forms.contains_key(&cat) {
                    continue;
                }
                let shown: Vec<String> = holes.iter().map(|h| format!("{{{h}}}")).collect();
                let args: Vec<(&str, Arg<'_>)> = holes
                    .iter()
                    .zip(&shown)
                    .map(|(h, s)| match *h {
                        "count" => (*h, Arg::Num(f64::from(n))),
                        _ => (*h, Arg::Str(s.as_str())),
                    })
                    .collect();
                let text = self.text(key, &args);
                forms.insert(cat, replace_number(&text, n, "{count}"));
            }
            out.insert(key, forms);
        }
        let json = serde_json::to_string(&JsMessages {
            lang: &self.lang,
            messages: out,
        })
        .expect("strings serialise");
        // Inside <script>: a `</` would end it.
        json.replace("</", "<\\/")
    }
}

#[derive(Serialize)]
struct JsMessages<'a> {
    lang: &'a str,
    messages: BTreeMap<&'a str, BTreeMap<String, String>>,
}

/// `text` with each whole run of digits equal to `n` replaced by `by`.
fn replace_number(text: &str, n: u32, by: &str) -> String {
    let n = n.to_string();
    let mut out = String::with_capacity(text.len());
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| {
        if *digits == n {
            out.push_str(by);
        } else {
            out.push_str(digits);
        }
        digits.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out);
            out.push(c);
        }
    }
    flush(&mut digits, &mut out);
    out
}

/// Whether `lang` is written right to left.
pub fn is_rtl(lang: &str) -> bool {
    let primary = lang.split(['-', '_']).next().unwrap_or("");
    RTL.iter().any(|l| l.eq_ignore_ascii_case(primary))
}

/// A Fluent file, or a diagnostic per syntax error at its line and column.
fn parse(shown: &Path, text: &str) -> Result<FluentResource, Vec<Diagnostic>> {
    FluentResource::try_new(text.to_string()).map_err(|(_, errors)| {
        errors
            .into_iter()
            .map(|e| {
                let (line, col) = crate::text::line_col(text, e.pos.start);
                Diagnostic::error(shown, format!("in a message catalogue: {}", e.kind))
                    .at(line, col)
                    .help("messages look like `key = Text with { $name }`; see projectfluent.org for plurals")
            })
            .collect()
    })
}

/// The catalogue name that serves `lang` among `available`: the exact tag, else
/// its language alone (`en-GB` → `en`), else the first of that language with a
/// script or region (`zh` → `zh-Hans`).
pub fn pick<'a>(lang: &str, available: impl Iterator<Item = &'a str> + Clone) -> Option<&'a str> {
    let primary = lang.split(['-', '_']).next().unwrap_or(lang);
    let mut all = available.clone();
    all.find(|a| a.eq_ignore_ascii_case(lang))
        .or_else(|| available.clone().find(|a| a.eq_ignore_ascii_case(primary)))
        .or_else(|| {
            available.clone().find(|a| {
                a.split('-')
                    .next()
                    .is_some_and(|p| p.eq_ignore_ascii_case(primary))
            })
        })
}

/// `[strings]` from site.toml as one Fluent layer: each key's value is a Fluent
/// pattern (plurals included).
pub fn strings_layer(strings: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    for (k, v) in strings {
        out.push_str(k);
        out.push_str(" =");
        for (i, line) in v.lines().enumerate() {
            if i == 0 && !line.trim().is_empty() {
                out.push(' ');
                out.push_str(line);
            } else {
                out.push_str("\n    ");
                out.push_str(line);
            }
        }
        out.push('\n');
    }
    out
}

/// The catalogues of the layers `files` holds (`<lang>.ftl` → layers, lowest
/// first), for `lang`, with `strings` on top.
pub fn load(
    lang: &str,
    files: &BTreeMap<String, Vec<ThemeFile>>,
    strings: &BTreeMap<String, String>,
    strings_shown: &Path,
) -> Result<Arc<Catalogue>, Vec<Diagnostic>> {
    let names = files.keys().map(String::as_str);
    let layers_of = |name: Option<&str>| -> Vec<Layer<'_>> {
        name.and_then(|n| files.get(n))
            .map(|v| {
                v.iter()
                    .map(|f| (f.shown.as_path(), f.text.as_str()))
                    .collect()
            })
            .unwrap_or_default()
    };
    let base = layers_of(Some(BASE));
    let chosen = pick(lang, names).filter(|n| *n != BASE);
    let mut layers = layers_of(chosen);
    let extra = strings_layer(strings);
    if !strings.is_empty() {
        layers.push((strings_shown, extra.as_str()));
    }
    Catalogue::new(lang, &base, &layers).map(Arc::new)
}

/// The `t(key="…", name=value…)` function templates call.
pub struct Translate(pub Arc<Catalogue>);

impl tera::Function for Translate {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let key = args
            .get("key")
            .and_then(tera::Value::as_str)
            .ok_or_else(|| tera::Error::msg("t() needs `key=\"message-name\"`"))?;
        let owned: Vec<(String, String)> = args
            .iter()
            .filter(|(k, _)| *k != "key")
            .filter_map(|(k, v)| match v {
                tera::Value::String(s) => Some((k.clone(), s.clone())),
                tera::Value::Number(_) => None,
                other => Some((k.clone(), other.to_string())),
            })
            .collect();
        let mut fargs: Vec<(&str, Arg<'_>)> = owned
            .iter()
            .map(|(k, s)| (k.as_str(), Arg::Str(s.as_str())))
            .collect();
        for (k, v) in args {
            if let tera::Value::Number(n) = v {
                fargs.push((k.as_str(), Arg::Num(n.as_f64().unwrap_or(0.0))));
            }
        }
        self.0
            .get(key, &fargs)
            .map(tera::Value::String)
            .ok_or_else(|| tera::Error::msg(format!("no message `{key}` in any catalogue")))
    }
}

#[cfg(test)]
mod tests;
