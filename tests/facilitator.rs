//! The facilitator edition: notes never reach learner pages, agendas add up with
//! clock times, mismatched totals warn, and the pages stay unlisted.

mod support;

use std::path::Path;

use support::*;

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn no_learner_page_contains_facilitator_text() {
    let (_dir, site) = bundled_site();
    let guide = page(&site.join("facilitator/index.html"));
    let notes = texts(&guide, ".facilitator-note");
    assert!(
        notes.len() >= 14,
        "every lesson has facilitator notes: {}",
        notes.len()
    );
    let mut files = Vec::new();
    walk(&site, &mut files);
    let mut learner_pages = 0;
    for f in files.iter().filter(|f| {
        f.extension()
            .is_some_and(|e| e == "html" || e == "js" || e == "xml")
    }) {
        let rel = f
            .strip_prefix(&site)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if rel.starts_with("facilitator/") {
            continue;
        }
        learner_pages += 1;
        let text = squash(&std::fs::read_to_string(f).unwrap());
        for n in &notes {
            // Any sentence-sized run of a note must be absent.
            let probe: String = n.chars().skip(10).take(60).collect();
            assert!(
                !text.contains(&probe),
                "{rel} contains facilitator text: {probe:?}"
            );
        }
    }
    assert!(learner_pages > 20);
    // Unlisted: noindex, and in neither the sitemap nor the search index.
    assert_eq!(
        attr(&guide, "meta[name=robots]", "content").as_deref(),
        Some("noindex")
    );
    let sheet = page(&site.join("facilitator/support/seeking-support/index.html"));
    assert_eq!(
        attr(&sheet, "meta[name=robots]", "content").as_deref(),
        Some("noindex")
    );
    let sitemap = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains("facilitator"));
    let index = search_index_text(&site);
    assert!(!index.contains("facilitator/"));
    // Every session is in the guide.
    assert_eq!(texts(&guide, ".guide-session h2").len(), 7);
}

fn planned(duration: u32) -> Fixture {
    let f = Fixture::new();
    f.write(
        "site.toml",
        "title = \"T\"\n[facilitator]\nsession_start = \"09:00\"\n",
    );
    f.write(
        "content/01-a.md",
        &format!(
            "+++\ntitle = \"Planned\"\nduration = {duration}\nmaterials = [\"Name labels\"]\n\n[[session]]\nkind = \"welcome\"\nminutes = 10\n\n[[session]]\nkind = \"teaching\"\nminutes = 25\nnote = \"Keep it gentle.\"\n\n[[session]]\nkind = \"break\"\nminutes = 5\n\n[[session]]\nkind = \"close\"\nminutes = 20\n+++\nBody.\n\n::: facilitator\nOpen with names.\n:::\n\n::: {{.activity minutes=15}}\n### Pairs\nTalk.\n:::\n\n::: discussion\nWhat surprised you?\n:::\n\n::: solution\nAn answer.\n:::\n"
        ),
    );
    f
}

#[test]
fn agenda_times_add_up_from_the_session_start() {
    let f = planned(60);
    let stderr = f.build_ok();
    assert!(!stderr.contains("session plan"), "{stderr}");
    let sheet = f.page("facilitator/a/index.html");
    let rows: Vec<Vec<String>> = sheet
        .select(&sel(".agenda tbody tr"))
        .map(|tr| {
            tr.select(&sel("td"))
                .map(|td| td.text().collect::<String>().trim().to_string())
                .collect()
        })
        .collect();
    let times: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str(), r[2].as_str()))
        .collect();
    assert_eq!(
        times,
        [
            ("09:00–09:10", "10", "Welcome"),
            ("09:10–09:35", "25", "Teaching"),
            ("09:35–09:40", "5", "Break"),
            ("09:40–10:00", "20", "Close")
        ]
    );
    assert_eq!(rows[1][3], "Keep it gentle.");
    assert_eq!(texts(&sheet, ".agenda tfoot td"), ["60 min of 60 planned"]);
    assert_eq!(texts(&sheet, "#rs-materials + ul li"), ["Name labels"]);
    assert_eq!(texts(&sheet, "#rs-activities + ul li"), ["Pairs · 15 min"]);
    assert_eq!(texts(&sheet, ".facilitator-note"), ["Open with names."]);
    let guide = f.page("facilitator/index.html");
    assert_eq!(texts(&guide, ".guide-prompt"), ["What surprised you?"]);
    assert_eq!(texts(&guide, ".guide-answer"), ["An answer."]);
    // The learner page has neither the plan nor the notes.
    let lesson = f.page("a/index.html");
    assert_eq!(lesson.select(&sel(".agenda")).count(), 0);
    assert!(!lesson
        .root_element()
        .text()
        .any(|t| t.contains("Open with names")));
}

#[test]
fn a_plan_that_disagrees_with_the_duration_warns() {
    let f = planned(50);
    let stderr = f.build_ok();
    assert!(
        stderr.lines().any(|l| l == "content/01-a.md:2:1: warning: the session plan adds up to 60 minutes, but `duration` is 50"),
        "{stderr}"
    );
    assert_eq!(
        texts(&f.page("facilitator/a/index.html"), ".agenda-warning"),
        ["(does not match the lesson's duration)"]
    );
}
