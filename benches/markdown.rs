//! Markdown to HTML for one realistic lesson: about 800 words, headings, lists, a
//! tip, a worksheet and one 15-line code block, the shape `bench/gen_course.py` makes.
//!
//! Run with `cargo bench --bench markdown`. Never run as a timed test in CI.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use trellis::markdown::{self, Context, Highlighter, LinkIndex};

const LESSON: &str = include_str!("lesson.md");

fn render(c: &mut Criterion) {
    let links = LinkIndex::default();
    let highlighter = Highlighter::new();
    let cx = Context {
        shown: Path::new("content/001-module/05-lesson.md"),
        source: Path::new("/bench/content/001-module/05-lesson.md"),
        body_line: 7,
        page_url: "module/lesson/",
        links: &links,
        highlighter: &highlighter,
        standalone: false,
    };
    let first = markdown::parse(LESSON, &cx);
    assert!(first.diags.is_empty(), "{:?}", first.diags);
    assert_eq!(first.worksheets.len(), 1);

    let mut group = c.benchmark_group("markdown");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    // The highlighter keeps the code block after the first render, as in `serve`.
    group.bench_function("lesson_800_words", |b| {
        b.iter(|| markdown::parse(black_box(LESSON), &cx))
    });
    // A highlighter that keeps nothing, as in a one-off build: the code block is
    // highlighted on every iteration.
    let one_build = Highlighter::for_one_build();
    let cold = Context {
        highlighter: &one_build,
        ..cx
    };
    group.bench_function("lesson_800_words_uncached_code", |b| {
        b.iter(|| markdown::parse(black_box(LESSON), &cold))
    });
    group.finish();
}

criterion_group!(benches, render);
criterion_main!(benches);
