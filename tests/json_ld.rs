//! JSON-LD metadata: the course and each lesson are described, and strings are
//! escaped so no script can be closed early.

mod support;

use support::*;

fn json_ld(doc: &scraper::Html) -> serde_json::Value {
    let text = doc
        .select(&sel("script[type='application/ld+json']"))
        .next()
        .expect("a JSON-LD script")
        .text()
        .collect::<String>();
    assert!(!text.contains("</"), "{text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn json_ld_describes_the_course_and_each_lesson_and_escapes_strings() {
    let f = Fixture::new();
    f.write(
        "site.toml",
        "title = \"Say \\\"hi\\\" </script><b>\"\ndescription = \"Tags like <i> & quotes \\\"\"\nauthor = \"Ana & Bo\"\nbase_url = \"https://org.github.io/course/\"\n",
    );
    f.module("01-m", "M");
    f.write(
        "content/01-m/01-a.md",
        "+++\ntitle = \"A </script> \\\"quoted\\\" lesson\"\nsummary = \"Line\\\\back <!-- x\"\nduration = 80\nobjectives = [\"Do <this>\"]\n+++\nBody.\n",
    );
    f.lesson("content/01-m/02-b.md", "B", "Body.");
    f.build_ok();
    let home = json_ld(&f.page("index.html"));
    assert_eq!(home["@context"], "https://schema.org");
    assert_eq!(home["@type"], "Course");
    assert_eq!(home["name"], "Fixture course");
    assert_eq!(home["url"], "https://org.github.io/course/");
    assert_eq!(home["provider"]["name"], "Ana & Bo");
    let parts = home["hasPart"].as_array().unwrap();
    assert_eq!(parts.len(), 2);
    assert_eq!(parts[0]["name"], "A </script> \"quoted\" lesson");
    assert_eq!(parts[0]["url"], "https://org.github.io/course/m/a/");
    assert_eq!(home["timeRequired"], "PT110M");

    let lesson = json_ld(&f.page("m/a/index.html"));
    assert_eq!(lesson["@type"], "LearningResource");
    assert_eq!(lesson["name"], "A </script> \"quoted\" lesson");
    assert_eq!(lesson["description"], "Line\\back <!-- x");
    assert_eq!(lesson["timeRequired"], "PT80M");
    assert_eq!(lesson["teaches"][0], "Do <this>");
    assert_eq!(lesson["url"], "https://org.github.io/course/m/a/");
    assert_eq!(lesson["isPartOf"]["@type"], "Course");
    assert_eq!(lesson["isPartOf"]["name"], "Say \"hi\" </script><b>");
    assert_eq!(lesson["isPartOf"]["url"], "https://org.github.io/course/");

    // Without base_url there is no absolute URL to give.
    f.write("site.toml", "title = \"Plain\"\n");
    f.build_ok();
    let lesson = json_ld(&f.page("m/a/index.html"));
    assert!(lesson.get("url").is_none());
    assert!(lesson["isPartOf"].get("url").is_none());
    assert!(json_ld(&f.page("index.html"))["hasPart"][0]
        .get("url")
        .is_none());
}
