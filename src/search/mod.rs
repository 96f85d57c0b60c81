//! The client-side search index: lesson texts in, one JavaScript file out
//! (`static/search-index.js`), loaded as a script so search works from `file://`.

use serde::Serialize;

/// One searchable page.
#[derive(Debug, Clone, Serialize)]
pub struct SearchDoc {
    /// Site-relative URL with a trailing slash, e.g. `foundations/what-is/`.
    pub url: String,
    pub title: String,
    pub module: Option<String>,
    /// Plain text of the learner-visible body.
    pub text: String,
}

/// The index as a script that sets `window.TRELLIS_SEARCH`.
pub fn index_script(docs: &[SearchDoc]) -> String {
    let json = serde_json::to_string(docs).unwrap_or_else(|_| "[]".into());
    format!("window.TRELLIS_SEARCH={{\"docs\":{json}}};\n")
}
