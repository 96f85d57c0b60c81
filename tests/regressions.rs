//! Regression tests named after the bugs they pin.

mod support;

use support::*;

/// B1: a `%` before a multi-byte character in a link panicked the build.
#[test]
fn b1_percent_before_a_multibyte_char_is_an_error_not_a_panic() {
    let f = Fixture::new();
    f.lesson("content/01-x.md", "X", "![x](fig/%aé.png)\n");
    let out = f.build(&[]);
    let err = stderr(&out);
    assert!(!out.status.success());
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        err.contains("content/01-x.md:7:1: error: `fig/%aé.png` not found"),
        "{err}"
    );
}

/// B2: a link to a heading of a standalone worksheet failed "no such heading".
#[test]
fn b2_links_to_a_standalone_worksheets_headings_resolve() {
    let f = Fixture::new();
    f.lesson(
        "content/01-x.md",
        "X",
        "See [my plan](02-plan.md#my-plan).\n",
    );
    f.write(
        "content/02-plan.md",
        "+++\ntitle = \"Plan\"\nkind = \"worksheet\"\n+++\n## My plan\n\n[[lines 2]]\n",
    );
    f.build_ok();
    let doc = f.page("x/index.html");
    assert_eq!(
        attr(&doc, ".prose a", "href").as_deref(),
        Some("../plan/index.html#my-plan")
    );
    let sheet = f.page("plan/index.html");
    assert!(sheet.select(&sel("h2#my-plan")).next().is_some());
}
