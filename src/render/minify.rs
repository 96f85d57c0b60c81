//! A theme's CSS and JavaScript (`static/*.css`, `static/*.js`, the default theme's
//! and a course's overrides alike, and the generated highlight CSS), as shipped:
//! source text in, minified code out (CSS with lightningcss, JS with `minifier`).
//! The sources keep their comments for readers; learners download only the code
//! (the default theme's budget in tests/theme.rs counts shipped bytes). Other
//! static files and lesson assets are copied as they are.

/// Whether [`shipped`] changes files named like `path`.
pub fn applies(path: &str) -> bool {
    path.ends_with(".css") || path.ends_with(".js")
}

/// `text` as shipped, minified, for a file named `path` (`.css` or `.js`; other
/// files are returned unchanged).
pub fn shipped(path: &str, text: &str) -> String {
    if path.ends_with(".css") {
        css(text)
    } else if path.ends_with(".js") {
        js(text)
    } else {
        text.to_string()
    }
}

/// The browsers the default theme is written for: the first releases with
/// `light-dark()`, which its palette needs (2024). The JavaScript's ES2020 is
/// older than that, so this one line sets the baseline of the whole theme.
fn targets() -> lightningcss::targets::Targets {
    let version = |major: u32, minor: u32| Some(major << 16 | minor << 8);
    lightningcss::targets::Browsers {
        chrome: version(123, 0),
        edge: version(123, 0),
        firefox: version(120, 0),
        safari: version(17, 5),
        ios_saf: version(17, 5),
        ..lightningcss::targets::Browsers::default()
    }
    .into()
}

/// CSS minified by lightningcss (Parcel's CSS parser and minifier, the
/// best-kept one in Rust): comments and needless whitespace go, colours and
/// numbers take their shortest form, and duplicate or empty rules are merged or
/// dropped. For [`targets`] nothing needs lowering, so `light-dark()` ships as
/// written (lowering it for older browsers would also need every inline
/// `<style>` and a course's own CSS to pass through here). A stylesheet it
/// cannot parse ships as the author wrote it, never half-minified.
fn css(text: &str) -> String {
    use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
    let Ok(mut sheet) = StyleSheet::parse(text, ParserOptions::default()) else {
        return text.to_string();
    };
    let minified = sheet.minify(MinifyOptions {
        targets: targets(),
        ..MinifyOptions::default()
    });
    if minified.is_err() {
        return text.to_string();
    }
    let printed = sheet.to_css(PrinterOptions {
        minify: true,
        targets: targets(),
        ..PrinterOptions::default()
    });
    match printed {
        Ok(out) => out.code + "\n",
        Err(_) => text.to_string(),
    }
}

/// JavaScript without its whole-line `//` comments, and without indentation
/// when no template literal (which could span lines) is in the file. (Comments
/// after code stay: telling them from a `//` in a string or a regular expression
/// needs a parser.)
fn js(text: &str) -> String {
    // The `minifier` crate is rustdoc's own: a tokenizer that drops comments and
    // the whitespace the grammar does not need, without renaming anything. Code it
    // cannot tokenise ships with only its whole-line comments removed.
    match minifier::js::minify(text) {
        Ok(min) => min.to_string() + "\n",
        Err(_) => lines_without_comments(text),
    }
}

fn lines_without_comments(text: &str) -> String {
    let indent_free = !text.contains('`');
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .map(|l| if indent_free { l.trim_start() } else { l })
        .collect();
    drop_blank_lines(&(kept.join("\n") + "\n"))
}

fn drop_blank_lines(text: &str) -> String {
    let mut out: String = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_comments_go_and_strings_stay() {
        let src = "/* head */\na { content: \"/* not a comment */\"; }\n\n/* multi\nline */ b { c: 'x*/'; }\n";
        assert_eq!(
            shipped("s.css", src),
            "a{content:\"/* not a comment */\"}b{c:\"x*/\"}\n"
        );
    }

    #[test]
    fn css_keeps_the_spaces_that_mean_something() {
        let src = "@media screen and (max-width: 40rem) {\n  .a :is(.b, .c) > p { width: calc(100% - 2rem); margin: 0 auto; }\n}\n";
        assert_eq!(
            shipped("s.css", src),
            "@media screen and (width<=40rem){.a :is(.b,.c)>p{width:calc(100% - 2rem);margin:0 auto}}\n"
        );
    }

    #[test]
    fn css_keeps_light_dark_and_page_margin_boxes() {
        let src = ":root { --bg: light-dark(#ffffff, #000000); }\n@page { @bottom-center { content: counter(page); } }\n";
        let out = shipped("s.css", src);
        assert!(out.contains("light-dark(#fff,#000)"), "{out}");
        assert!(
            out.contains("@bottom-center{content:counter(page)}"),
            "{out}"
        );
    }

    #[test]
    fn css_it_cannot_parse_ships_as_written() {
        let src = "a { color: red; }\n}}} b {{ oops\n";
        assert_eq!(shipped("s.css", src), src);
    }

    #[test]
    fn js_comments_go_and_strings_and_template_literals_stay() {
        let src = "// a comment\n  // indented\nvar u = \"http://x\"; // trailing goes\n\n  f();\n";
        let out = shipped("t.js", src);
        assert!(
            !out.contains("comment") && !out.contains("trailing"),
            "{out}"
        );
        assert!(out.contains("\"http://x\"") && out.contains("f()"), "{out}");
        // A template literal may span lines: its text is kept as it is.
        let literal = "const t = `a\n  b`;\n";
        assert!(shipped("t.js", literal).contains("`a\n  b`"));
    }

    #[test]
    fn other_files_are_unchanged() {
        assert_eq!(shipped("f.svg", "<!-- x -->\n\n"), "<!-- x -->\n\n");
    }

    #[test]
    fn the_default_theme_keeps_balanced_code_and_sheds_its_comments() {
        for (path, text) in crate::render::theme::EMBEDDED {
            let out = shipped(path, text);
            if path.ends_with(".css") {
                assert!(!out.contains("/*"), "{path}");
            } else if path.ends_with(".js") {
                assert!(
                    !out.lines().any(|l| l.trim_start().starts_with("//")),
                    "{path}"
                );
            } else {
                continue;
            }
            assert!(out.len() < text.len(), "{path}");
            assert_eq!(out.matches('{').count(), out.matches('}').count(), "{path}");
        }
    }
}
