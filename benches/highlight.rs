//! Highlighting a 15-line Rust block: a cold highlighter (nothing cached, as in a
//! one-off build) and the cached path (`serve`, or a block that repeats).
//!
//! Run with `cargo bench --bench highlight`. Never run as a timed test in CI.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use trellis::markdown::Highlighter;

const CODE: &str = r#"use std::collections::HashMap;

/// Count the words of `text` that are at least 4 bytes long.
pub fn word_counts(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for word in text.split_whitespace() {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        if word.len() >= 4 {
            *counts.entry(word.to_lowercase()).or_insert(0) += 1;
        }
    }
    counts.retain(|_, n| *n > 1);
    counts
}
// 15 lines with this one.
"#;

fn highlight(c: &mut Criterion) {
    let mut group = c.benchmark_group("highlight");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));

    // One highlighter, loaded once: `for_one_build` keeps no blocks, so every
    // iteration highlights the block from scratch.
    let cold = Highlighter::for_one_build();
    assert!(cold.highlight("rust", CODE).known);
    group.bench_function("rust_15_lines_uncached", |b| {
        b.iter(|| cold.highlight(black_box("rust"), black_box(CODE)))
    });

    // `new` keeps blocks by (language, code): after the first call it is a lookup.
    let cached = Highlighter::new();
    cached.highlight("rust", CODE);
    group.bench_function("rust_15_lines_cached", |b| {
        b.iter(|| cached.highlight(black_box("rust"), black_box(CODE)))
    });
    group.finish();
}

criterion_group!(benches, highlight);
criterion_main!(benches);
