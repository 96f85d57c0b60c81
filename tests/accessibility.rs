//! Accessibility: axe-core (WCAG 2.1 AA) on every page type in light and dark mode,
//! keyboard focus, reading without JavaScript, printing without screen chrome,
//! reduced motion and a 320px screen.

mod support;

use std::collections::BTreeSet;

use chromiumoxide::cdp::browser_protocol::emulation::SetScriptExecutionDisabledParams;
use chromiumoxide::page::MediaTypeParams;
use support::browser::*;
use support::*;

fn main() {
    browser::main(browser_trials![
        axe_finds_no_violations_on_any_page_type_in_light_and_dark,
        keyboard_reaches_every_control_on_a_lesson_with_a_visible_focus_ring,
        lessons_read_without_javascript_and_print_without_screen_chrome,
        reduced_motion_turns_off_smooth_scrolling_and_transitions,
        every_page_type_fits_a_320px_screen,
        axe_finds_no_violations_with_a_custom_accent_in_light_and_dark,
    ]);
}

async fn axe_finds_no_violations_on_any_page_type_in_light_and_dark(chrome: Chrome) {
    let site = shared_bundled_site().to_path_buf();
    // First, axe must see a planted fault: an image without alt text.
    let probe = open(&chrome, &file_page(&site, "index.html")).await;
    let _: bool = js(
        &probe,
        "document.querySelector('main').appendChild(document.createElement('img')) && true",
    )
    .await;
    let planted = axe_violations(&probe).await;
    assert!(
        planted.iter().any(|v| v.starts_with("image-alt")),
        "{planted:?}"
    );
    probe.close().await.unwrap();
    // Progress on: a lesson marked done (and so last opened) shows its states.
    let lesson = open(&chrome, &file_page(&site, LESSON)).await;
    lesson
        .find_element("#done-toggle")
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    lesson.close().await.unwrap();
    let mut problems = Vec::new();
    for (kind, rel) in page_types(&site) {
        for mode in ["light", "dark"] {
            let page = open_with(
                &chrome,
                &file_page(&site, &rel),
                &[("prefers-color-scheme", mode)],
            )
            .await;
            let _: bool = js(
                &page,
                &format!("(document.documentElement.dataset.theme = '{mode}') && true"),
            )
            .await;
            if kind == "search" {
                read_results(&page).await;
            }
            if matches!(kind, "home" | "lesson" | "worksheet" | "search") {
                screenshot(&page, &format!("learner-{kind}-{mode}")).await;
            }
            for v in axe_violations(&page).await {
                problems.push(format!("{kind} ({mode}): {v}"));
            }
            page.close().await.unwrap();
        }
    }
    assert!(
        problems.is_empty(),
        "{} axe violations:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Numbers the focusable controls and notes how each looks unfocused.
const NUMBER_CONTROLS: &str = "(() => {
                const visible = el => {
                    const r = el.getBoundingClientRect();
                    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
                };
                const all = Array.from(document.querySelectorAll(
                    'a[href], button, input, select, textarea, summary, [tabindex]'))
                    .filter(el => !el.disabled && el.tabIndex >= 0 && !el.closest('[hidden]'))
                    .filter(el => visible(el) || (el.type === 'radio' && visible(el.parentElement)));
                window.__look = el => [el, el.nextElementSibling, el.parentElement].filter(Boolean).map(e => {
                    const c = getComputedStyle(e);
                    return [c.outlineStyle, c.outlineWidth, c.outlineColor, c.boxShadow].join('|');
                });
                all.forEach((el, i) => { el.dataset.kbd = i; el.__before = window.__look(el); });
                window.__all = all;
                document.activeElement && document.activeElement.blur();
                return all.length;
            })()";

/// The focused control's number, whether it shows a ring, and its start.
const FOCUSED_CONTROL: &str = "(() => {
                    const el = document.activeElement;
                    if (!el || el.dataset.kbd === undefined) return null;
                    const now = window.__look(el);
                    const parts = [el, el.nextElementSibling, el.parentElement].filter(Boolean);
                    let opacity = 1;
                    for (let e = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
                    const ring = parts.some((e, i) => {
                        if (now[i] === el.__before[i]) return false;
                        const c = getComputedStyle(e);
                        const o = c.outlineStyle !== 'none' && parseFloat(c.outlineWidth) >= 2;
                        const seenHere = e === el ? opacity > 0 : true;
                        return (o || c.boxShadow !== 'none') && seenHere;
                    });
                    return [Number(el.dataset.kbd), ring, el.outerHTML.slice(0, 120)];
                })()";

async fn keyboard_reaches_every_control_on_a_lesson_with_a_visible_focus_ring(chrome: Chrome) {
    let site = shared_bundled_site().to_path_buf();
    for mode in ["light", "dark"] {
        let page = open_with(
            &chrome,
            &file_page(&site, LESSON),
            &[
                ("prefers-color-scheme", mode),
                ("prefers-reduced-motion", "reduce"),
            ],
        )
        .await;
        // Number the focusable controls and note how each looks unfocused.
        let count: usize = js(&page, NUMBER_CONTROLS).await;
        assert!(count > 20, "{count} controls");
        let mut reached = BTreeSet::new();
        let mut no_ring = Vec::new();
        for _ in 0..count + 3 {
            press(&page, "Tab").await;
            let seen: Option<(usize, bool, String)> = js(&page, FOCUSED_CONTROL).await;
            if let Some((i, ring, html)) = seen {
                reached.insert(i);
                if !ring {
                    no_ring.push(html);
                }
            }
        }
        // Radio buttons form one tab stop per group: one of each group is enough.
        let reached: Vec<usize> = reached.into_iter().collect();
        let missing: Vec<String> = js(
            &page,
            &format!(
                "window.__all.filter((el, i) => !{reached:?}.includes(i)).filter(el => !(el.type === 'radio'
                    && window.__all.some((r, j) => r.name === el.name && {reached:?}.includes(j))))
                  .map(el => el.outerHTML.slice(0, 120))"
            ),
        )
        .await;
        assert!(
            missing.is_empty(),
            "{mode}: not reachable by Tab:\n{}",
            missing.join("\n")
        );
        assert!(
            no_ring.is_empty(),
            "{mode}: no visible focus ring:\n{}",
            no_ring.join("\n")
        );
        page.close().await.unwrap();
    }
}

async fn lessons_read_without_javascript_and_print_without_screen_chrome(chrome: Chrome) {
    let site = shared_bundled_site().to_path_buf();
    let no_js = chrome.new_page("about:blank").await;
    no_js
        .execute(SetScriptExecutionDisabledParams::new(true))
        .await
        .unwrap();
    no_js.goto(file_page(&site, LESSON)).await.unwrap();
    no_js.wait_for_navigation().await.unwrap();
    loaded(&no_js).await;
    let facts: (bool, usize, usize, usize, bool) = js(
        &no_js,
        "[document.documentElement.classList.contains('js'),
          document.querySelector('main .prose').innerText.length,
          document.querySelectorAll('details.solution:not([open]) > summary').length,
          Array.from(document.querySelectorAll('.needs-js')).filter(e => e.offsetParent !== null).length,
          !!document.querySelector('form.site-search[action]')]",
    )
    .await;
    assert!(!facts.0, "scripts are off");
    assert!(facts.1 > 2000, "the lesson reads: {facts:?}");
    assert!(facts.2 > 0, "solutions are folded: {facts:?}");
    assert_eq!(facts.3, 0, "no script-only control shows: {facts:?}");
    assert!(facts.4, "the header search is a plain form");
    no_js.close().await.unwrap();

    for rel in lesson_pages(&site) {
        let page = open(&chrome, &file_page(&site, &rel)).await;
        let overflow = overflowing_in_print(&page, A4).await;
        assert!(overflow.is_empty(), "{rel}: {overflow:?}");
        page.emulate_media_type(MediaTypeParams::Print)
            .await
            .unwrap();
        let shown: Vec<String> = js(
            &page,
            "Array.from(document.querySelectorAll('.site-header, .sidebar, .pager, .lesson-done, .site-search, button'))
               .filter(e => e.getClientRects().length > 0).map(e => e.className)",
        )
        .await;
        assert!(shown.is_empty(), "{rel} prints screen chrome: {shown:?}");
        page.close().await.unwrap();
    }
}

async fn reduced_motion_turns_off_smooth_scrolling_and_transitions(chrome: Chrome) {
    let f = progress_fixture();
    f.build_ok();
    let url = file_page(&f.public(), "m/a/index.html");
    let motion = "[getComputedStyle(document.documentElement).scrollBehavior,
                   getComputedStyle(document.querySelector('.pager a')).transitionDuration]";
    let page = open_with(
        &chrome,
        &url,
        &[("prefers-reduced-motion", "no-preference")],
    )
    .await;
    let (scroll, transition): (String, String) = js(&page, motion).await;
    assert_eq!(scroll, "smooth");
    assert_ne!(transition, "0s");
    emulate(&page, &[("prefers-reduced-motion", "reduce")]).await;
    let (scroll, transition): (String, String) = js(&page, motion).await;
    assert_eq!(scroll, "auto");
    assert_eq!(transition, "0s");
}

async fn every_page_type_fits_a_320px_screen(chrome: Chrome) {
    let site = shared_bundled_site().to_path_buf();
    let mut problems = Vec::new();
    for (kind, rel) in page_types(&site) {
        let page = chrome.new_page("about:blank").await;
        viewport(&page, 320, 640, true).await;
        page.goto(file_page(&site, &rel)).await.unwrap();
        page.wait_for_navigation().await.unwrap();
        loaded(&page).await;
        let wide: Vec<String> = js(
            &page,
            "(() => {
                const limit = document.documentElement.clientWidth + 1;
                if (document.documentElement.scrollWidth <= limit) return [];
                return Array.from(document.querySelectorAll('body *'))
                    .filter(el => el.getBoundingClientRect().right > limit)
                    .filter(el => !el.closest('pre, .prose table, .visually-hidden'))
                    .slice(0, 8)
                    .map(el => el.tagName.toLowerCase() + '.' + el.className + ' right=' + Math.round(el.getBoundingClientRect().right))
                    .concat(['scrollWidth=' + document.documentElement.scrollWidth]);
            })()",
        )
        .await;
        if !wide.is_empty() {
            problems.push(format!("{kind}: {}", wide.join(", ")));
        }
        if kind == "lesson" {
            screenshot(&page, "learner-lesson-320px").await;
        }
        page.close().await.unwrap();
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Issue 17: a course's own colours (`[theme] accent`, `accent2`) pass axe in both
/// modes, dark values derived by the build included.
async fn axe_finds_no_violations_with_a_custom_accent_in_light_and_dark(chrome: Chrome) {
    let f = Fixture::new();
    f.write(
        "site.toml",
        "title = \"Branded\"\nbase_url = \"https://org.github.io/course/\"\n[theme]\naccent = \"#0b5394\"\naccent2 = \"#6a1b9a\"\n",
    );
    f.module("01-m", "M");
    f.lesson(
        "content/01-m/01-a.md",
        "A",
        "Text with [a link](02-b.md).\n\n> [!TIP]\n> A tip.\n",
    );
    f.lesson("content/01-m/02-b.md", "B", "More text.\n");
    f.build_ok();
    let mut problems = Vec::new();
    for rel in ["index.html", "m/index.html", "m/a/index.html"] {
        for mode in ["light", "dark"] {
            let page = open_with(
                &chrome,
                &file_page(&f.public(), rel),
                &[("prefers-color-scheme", mode)],
            )
            .await;
            let _: bool = js(
                &page,
                &format!("(document.documentElement.dataset.theme = '{mode}') && true"),
            )
            .await;
            for v in axe_violations(&page).await {
                problems.push(format!("{rel} ({mode}): {v}"));
            }
            page.close().await.unwrap();
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
