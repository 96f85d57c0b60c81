//! A theme's CSS and JavaScript (`static/*.css`, `static/*.js`, the default theme's
//! and a course's overrides alike), as shipped: source text in, the same code
//! without its comments out. The sources keep their comments for readers; learners
//! download only the code (the default theme's 64 KB budget counts shipped bytes).
//! Other static files and lesson assets are copied as they are.

/// Whether [`strip_comments`] changes files named like `path`.
pub fn applies(path: &str) -> bool {
    path.ends_with(".css") || path.ends_with(".js")
}

/// `text` without comments, for a file named `path` (`.css` or `.js`; other files
/// are returned unchanged).
pub fn strip_comments(path: &str, text: &str) -> String {
    if path.ends_with(".css") {
        css(text)
    } else if path.ends_with(".js") {
        js(text)
    } else {
        text.to_string()
    }
}

/// CSS without `/* … */` comments and without the whitespace its syntax does
/// not need (around `{`, `}`, `;`, `,`, after `:` and `(`, before `)`); strings
/// are kept whole, so a `/*` inside quotes is text. Spaces that can mean something
/// (a descendant selector, `and (`, `+` in `calc()`) stay, as one space.
fn css(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                out.push(c);
                if c == '\\' {
                    out.extend(chars.next());
                } else if c == q {
                    quote = None;
                }
            }
            None if c == '/' && chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for d in chars.by_ref() {
                    if last == '*' && d == '/' {
                        break;
                    }
                    last = d;
                }
                // A comment between two words still separates them.
                push_space(&mut out, &mut chars);
            }
            None if c.is_whitespace() => push_space(&mut out, &mut chars),
            None => {
                if c == '"' || c == '\'' {
                    quote = Some(c);
                }
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                out.push(c);
            }
        }
    }
    out.push('\n');
    out
}

/// One space for a run of whitespace (skipped), unless the syntax around it
/// does not need one.
fn push_space(out: &mut String, chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while chars.peek().is_some_and(|c| c.is_whitespace()) {
        chars.next();
    }
    let after = out.chars().last().is_none_or(|c| "{};,:( ".contains(c));
    let before = chars.peek().is_none_or(|c| "{};,)".contains(*c));
    if !after && !before {
        out.push(' ');
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
            strip_comments("s.css", src),
            "a{content:\"/* not a comment */\"}b{c:'x*/'}\n"
        );
    }

    #[test]
    fn css_keeps_the_spaces_that_mean_something() {
        let src = "@media screen and (max-width: 40rem) {\n  .a :is(.b, .c) > p { width: calc(100% - 2rem); margin: 0 auto; }\n}\n";
        assert_eq!(
            strip_comments("s.css", src),
            "@media screen and (max-width:40rem){.a :is(.b,.c) > p{width:calc(100% - 2rem);margin:0 auto}}\n"
        );
    }

    #[test]
    fn js_comments_go_and_strings_and_template_literals_stay() {
        let src = "// a comment\n  // indented\nvar u = \"http://x\"; // trailing goes\n\n  f();\n";
        let out = strip_comments("t.js", src);
        assert!(
            !out.contains("comment") && !out.contains("trailing"),
            "{out}"
        );
        assert!(out.contains("\"http://x\"") && out.contains("f()"), "{out}");
        // A template literal may span lines: its text is kept as it is.
        let literal = "const t = `a\n  b`;\n";
        assert!(strip_comments("t.js", literal).contains("`a\n  b`"));
    }

    #[test]
    fn other_files_are_unchanged() {
        assert_eq!(strip_comments("f.svg", "<!-- x -->\n\n"), "<!-- x -->\n\n");
    }

    #[test]
    fn the_default_theme_keeps_balanced_code_and_sheds_its_comments() {
        for (path, text) in crate::render::theme::EMBEDDED {
            let out = strip_comments(path, text);
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
