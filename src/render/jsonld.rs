//! Structured data (schema.org JSON-LD) for the home page and lessons, built as a
//! serde value and serialised once. `<` is written as `\u003c`, so no string can
//! close the `<script>` element it goes in.

use serde_json::{json, Value};

use crate::render::SiteView;

/// Serialise for a `<script type="application/ld+json">`.
pub fn script_text(v: &Value) -> String {
    v.to_string().replace('<', "\\u003c")
}

fn set(v: &mut Value, key: &str, value: impl Into<Value>) {
    if let Value::Object(m) = v {
        m.insert(key.to_string(), value.into());
    }
}

/// A lesson as a schema.org `LearningResource`.
pub struct LessonFacts<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub number: usize,
    pub duration: Option<u32>,
    pub objectives: &'a [String],
    pub canonical: &'a str,
}

pub fn lesson(site: &SiteView, l: &LessonFacts<'_>) -> Value {
    let mut course = json!({"@type": "Course", "name": site.title});
    if !site.base_url.is_empty() {
        set(&mut course, "url", site.base_url.as_str());
    }
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "LearningResource",
        "learningResourceType": "Lesson",
        "name": l.title,
        "inLanguage": site.language,
        "position": l.number,
        "isPartOf": course,
    });
    if !l.description.is_empty() {
        set(&mut v, "description", l.description);
    }
    if let Some(d) = l.duration {
        set(&mut v, "timeRequired", format!("PT{d}M"));
    }
    if !l.objectives.is_empty() {
        set(&mut v, "teaches", l.objectives.to_vec());
    }
    if !l.canonical.is_empty() {
        set(&mut v, "url", l.canonical);
    }
    v
}

/// One lesson in the course's `hasPart`: position, title and site URL path.
pub struct Part<'a> {
    pub number: usize,
    pub title: &'a str,
    pub url: &'a str,
}

pub fn course(
    site: &SiteView,
    title: &str,
    description: &str,
    canonical: &str,
    minutes: u32,
    parts: &[Part<'_>],
) -> Value {
    let has_part: Vec<Value> = parts
        .iter()
        .map(|p| {
            let mut v = json!({"@type": "LearningResource", "position": p.number, "name": p.title});
            if !site.base_url.is_empty() {
                set(&mut v, "url", format!("{}{}", site.base_url, p.url));
            }
            v
        })
        .collect();
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "Course",
        "name": title,
        "inLanguage": site.language,
        "hasPart": has_part,
    });
    if !description.is_empty() {
        set(&mut v, "description", description);
    }
    if !canonical.is_empty() {
        set(&mut v, "url", canonical);
    }
    if !site.author.is_empty() {
        set(
            &mut v,
            "provider",
            json!({"@type": "Organization", "name": site.author}),
        );
    }
    if minutes > 0 {
        set(&mut v, "timeRequired", format!("PT{minutes}M"));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_cannot_close_the_script() {
        let v = json!({"name": "</script><b>"});
        assert_eq!(script_text(&v), "{\"name\":\"\\u003c/script>\\u003cb>\"}");
    }
}
