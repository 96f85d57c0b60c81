//! `trellis new`: a course folder and a title in, the next numbered lesson or module
//! file out (its path relative to the course folder).

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use super::write_new;
use crate::content::{self, ModuleFile, SortKey, Source, CONTENT_DIR, RESERVED_SLUGS};

const INDEX: &str = "_index.md";

/// Create `content/<module>/NN-<slug>.md` with front matter and a starter body.
///
/// `module` names a module by folder (`02-growing-together`), slug
/// (`growing-together`) or title, ignoring case. Without it the lesson goes into
/// the last module, or into `content/` when the course has no modules.
pub fn new_lesson(root: &Path, title: &str, module: Option<&str>) -> Result<PathBuf> {
    let title = checked_title(title)?;
    let slug = file_slug(title)?;
    let content = content_dir(root)?;
    let modules = modules(&content)?;
    let chosen = match module {
        Some(wanted) => Some(find_module(&modules, wanted)?),
        None => modules.last(),
    };
    let (folder, number) = match chosen {
        Some(m) => {
            let dir = content.join(&m.folder);
            let lessons = lesson_files(&dir)?;
            if slug == "worksheet" {
                bail!(
                    "{}",
                    reserved(
                        &slug,
                        "in a module, `worksheet` names a lesson's printable page"
                    )
                );
            }
            if let Some(same) = lessons.iter().find(|f| stem_slug(f) == slug) {
                bail!(
                    "{}/{}/{same} already has the slug `{slug}`\n  = help: choose another title; two lessons in a module cannot share an address",
                    CONTENT_DIR,
                    m.folder
                );
            }
            (
                Some(m.folder.as_str()),
                next_number(lessons.iter().map(String::as_str)),
            )
        }
        None => (None, next_top_number(&content, &modules, &slug)?),
    };
    let mut rel = PathBuf::from(CONTENT_DIR);
    if let Some(folder) = folder {
        rel.push(folder);
    }
    rel.push(format!("{number:02}-{slug}.md"));
    let text = format!(
        "+++\ntitle = {}\nsummary = \"\"\nobjectives = [\"Say what learners will be able to do after this lesson\"]\nduration = 30\n+++\n\n{LESSON_BODY}",
        toml_string(title)
    );
    create(root, &rel, &text)?;
    Ok(rel)
}

/// Create `content/NN-<slug>/_index.md` with a title, a summary and a one-line intro.
pub fn new_module(root: &Path, title: &str) -> Result<PathBuf> {
    let title = checked_title(title)?;
    let slug = file_slug(title)?;
    let content = content_dir(root)?;
    let modules = modules(&content)?;
    let number = next_top_number(&content, &modules, &slug)?;
    let folder = PathBuf::from(CONTENT_DIR).join(format!("{number:02}-{slug}"));
    let dir = root.join(&folder);
    match fs::create_dir(&dir) {
        Ok(()) => {}
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {
            bail!("{} already exists; it was left as it was", folder.display())
        }
        Err(e) => return Err(e).with_context(|| format!("cannot create {}", folder.display())),
    }
    let rel = folder.join(INDEX);
    let text = format!(
        "+++\ntitle = {}\nsummary = \"\"\n+++\n\n{MODULE_BODY}",
        toml_string(title)
    );
    create(root, &rel, &text)?;
    Ok(rel)
}

const LESSON_BODY: &str = "\
Introduce the lesson here: what learners will do, and why it matters.

::: {.activity minutes=10}
## Try it

Describe the activity: what to do, alone or in pairs, and for how long.
:::

::: reflection
## Reflect

Ask one question that helps learners connect the lesson to their own life.
:::
";

const MODULE_BODY: &str =
    "Introduce the module here: what its lessons cover, and why they belong together.\n";

/// A module of the course, as far as `new` needs to know it.
struct ModuleInfo {
    folder: String,
    slug: String,
    title: String,
    sort_key: SortKey,
}

fn checked_title(title: &str) -> Result<&str> {
    let title = title.trim();
    if title.is_empty() {
        bail!("the title is empty");
    }
    if title.chars().any(char::is_control) {
        bail!(
            "the title `{}` must be one line of text",
            title.escape_debug()
        );
    }
    Ok(title)
}

fn content_dir(root: &Path) -> Result<PathBuf> {
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        bail!(
            "no {CONTENT_DIR} folder in {}\n  = help: run this in a course folder, or start one with `trellis init`",
            root.display()
        );
    }
    Ok(content)
}

/// Names in `dir`, without hidden ones, sorted; `(name, is_folder)`.
fn entries(dir: &Path) -> Result<Vec<(String, bool)>> {
    let read = fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    let mut out = Vec::new();
    for entry in read {
        let entry = entry.with_context(|| format!("cannot read {}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        // `metadata` follows symbolic links, as the content loader does.
        let is_dir = entry.path().is_dir();
        out.push((name, is_dir));
    }
    out.sort();
    Ok(out)
}

fn is_lesson_file(name: &str, is_dir: bool) -> bool {
    !is_dir && name.ends_with(".md") && name != INDEX
}

/// Lesson file names in a module folder.
fn lesson_files(dir: &Path) -> Result<Vec<String>> {
    Ok(entries(dir)?
        .into_iter()
        .filter(|(n, d)| is_lesson_file(n, *d))
        .map(|(n, _)| n)
        .collect())
}

/// The slug a file or folder name gives: without `.md` and the number prefix.
fn stem_slug(name: &str) -> String {
    let stem = name.strip_suffix(".md").unwrap_or(name);
    content::slugify(content::split_prefix(stem).1)
}

/// One more than the largest number prefix among `names` (1 when there is none).
fn next_number<'a>(names: impl Iterator<Item = &'a str>) -> i64 {
    names
        .filter_map(|n| content::split_prefix(n.strip_suffix(".md").unwrap_or(n)).0)
        .max()
        .map_or(1, |m| m + 1)
}

/// The next number among the folders and lessons directly in `content/`, once `slug`
/// is known to be free there.
fn next_top_number(content: &Path, modules: &[ModuleInfo], slug: &str) -> Result<i64> {
    if RESERVED_SLUGS.contains(&slug) {
        bail!(
            "{}",
            reserved(slug, "Trellis makes pages at these addresses")
        );
    }
    let top: Vec<(String, bool)> = entries(content)?
        .into_iter()
        .filter(|(n, d)| *d || is_lesson_file(n, false))
        .collect();
    if let Some(m) = modules.iter().find(|m| m.slug == slug) {
        bail!(
            "{CONTENT_DIR}/{} already has the slug `{slug}`\n  = help: choose another title; a module and a lesson at the top level cannot share an address",
            m.folder
        );
    }
    if let Some((same, _)) = top.iter().find(|(n, d)| !d && stem_slug(n) == slug) {
        bail!(
            "{CONTENT_DIR}/{same} already has the slug `{slug}`\n  = help: choose another title; two pages at the top level cannot share an address"
        );
    }
    Ok(next_number(top.iter().map(|(n, _)| n.as_str())))
}

fn reserved(slug: &str, why: &str) -> String {
    format!("the slug `{slug}` is reserved: {why}\n  = help: choose another title")
}

/// Module folders (those with an `_index.md`) in course order.
fn modules(content: &Path) -> Result<Vec<ModuleInfo>> {
    let mut out = Vec::new();
    for (folder, is_dir) in entries(content)? {
        let index = content.join(&folder).join(INDEX);
        if !is_dir || !index.is_file() {
            continue;
        }
        let shown = Path::new(CONTENT_DIR).join(&folder).join(INDEX);
        let module = Source::read(&index, &shown).and_then(|s| ModuleFile::from_source(&folder, s));
        out.push(match module {
            Ok(m) => ModuleInfo {
                title: m.title,
                slug: m.slug,
                sort_key: m.sort_key,
                folder,
            },
            // A module whose front matter is broken can still be named by its folder;
            // `trellis build` reports the error itself.
            Err(_) => {
                let (prefix, rest) = content::split_prefix(&folder);
                ModuleInfo {
                    title: folder.clone(),
                    slug: content::slugify(rest),
                    sort_key: SortKey {
                        rank: prefix.unwrap_or(i64::MAX),
                        name: folder.clone(),
                    },
                    folder,
                }
            }
        });
    }
    out.sort_by(|a, b| a.sort_key.cmp(&b.sort_key));
    Ok(out)
}

/// The module named by folder, then by slug, then by title, ignoring case.
fn find_module<'a>(modules: &'a [ModuleInfo], wanted: &str) -> Result<&'a ModuleInfo> {
    let key = wanted.trim().to_lowercase();
    let tiers: [fn(&ModuleInfo) -> &str; 3] = [|m| &m.folder, |m| &m.slug, |m| &m.title];
    for field in tiers {
        let found: Vec<&ModuleInfo> = modules
            .iter()
            .filter(|m| field(m).to_lowercase() == key)
            .collect();
        match found.as_slice() {
            [] => continue,
            [one] => return Ok(one),
            many => bail!(
                "`{wanted}` names several modules: {}\n  = help: name the module by its folder",
                list(many.iter().copied())
            ),
        }
    }
    if modules.is_empty() {
        bail!(
            "no module `{wanted}`: the course has no modules ({CONTENT_DIR}/ has no folder with an {INDEX})\n  = help: leave out the module to add the lesson to {CONTENT_DIR}/, or create a module first"
        );
    }
    bail!(
        "no module `{wanted}` in {CONTENT_DIR}/\n  = help: the modules are: {}",
        list(modules.iter())
    )
}

fn list<'a>(modules: impl Iterator<Item = &'a ModuleInfo>) -> String {
    modules
        .map(|m| format!("{} (“{}”)", m.folder, m.title))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A file-name slug: lowercase ASCII letters and digits joined by dashes, with common
/// accented letters folded (`Café` → `cafe`). A title with no such letters (say, in
/// Greek) keeps its own letters, which Trellis also accepts.
fn file_slug(title: &str) -> Result<String> {
    let mut ascii = String::with_capacity(title.len());
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            ascii.push(c.to_ascii_lowercase());
        } else {
            ascii.push_str(c.to_lowercase().next().and_then(fold).unwrap_or("-"));
        }
    }
    let slug = content::slugify(&ascii);
    let slug = if slug.is_empty() {
        content::slugify(title)
    } else {
        slug
    };
    if slug.is_empty() {
        bail!("the title `{title}` has no letters or digits to name the file after");
    }
    Ok(slug)
}

fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è'..='ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' => "g",
        'ì'..='ï' | 'ī' | 'į' | 'ı' => "i",
        'ł' | 'ľ' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò'..='ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' => "r",
        'ś' | 'š' | 'ş' => "s",
        'ß' => "ss",
        'ť' | 'ţ' => "t",
        'þ' => "th",
        'ù'..='ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// A TOML string literal, escaped as TOML requires.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn create(root: &Path, rel: &Path, text: &str) -> Result<()> {
    if !write_new(&root.join(rel), text)? {
        bail!("{} already exists; it was left as it was", rel.display());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_where_they_can_be() {
        assert_eq!(
            file_slug("  Safe Base: Exploring!  ").unwrap(),
            "safe-base-exploring"
        );
        assert_eq!(
            file_slug("Café au lait, Straße").unwrap(),
            "cafe-au-lait-strasse"
        );
        assert_eq!(file_slug("Ελληνικά").unwrap(), "ελληνικά");
        assert!(file_slug("!!! ???").is_err());
    }

    #[test]
    fn titles_are_checked_and_quoted() {
        assert_eq!(
            checked_title("   ").unwrap_err().to_string(),
            "the title is empty"
        );
        assert!(checked_title("a\nb").is_err());
        let quoted = toml_string(r#"Say "hi" \ wave"#);
        let v: toml::Table = toml::from_str(&format!("t = {quoted}")).unwrap();
        assert_eq!(v["t"].as_str(), Some(r#"Say "hi" \ wave"#));
    }

    #[test]
    fn numbers_follow_the_largest_prefix() {
        assert_eq!(next_number(["a.md", "fig"].into_iter()), 1);
        assert_eq!(next_number(["01-a.md", "07-b.md", "3-c.md"].into_iter()), 8);
        assert_eq!(next_number(["99-a.md"].into_iter()), 100);
    }
}
