//! Workbench tabs in Chromium: a WAI-ARIA tablist that works by keyboard, and
//! group tabs that choose the same label across the page.

mod support;

use chromiumoxide::Page;
use support::browser::*;
use support::*;

fn main() {
    browser::main(browser_trials![tabs_work_by_keyboard_and_group_tabs_follow]);
}

async fn selected(page: &Page) -> Vec<String> {
    js(
        page,
        "Array.from(document.querySelectorAll('[role=tab][aria-selected=true]')).map(t => t.textContent + ':' + !document.getElementById(t.getAttribute('aria-controls')).hidden)",
    )
    .await
}

async fn tabs_work_by_keyboard_and_group_tabs_follow(chrome: Chrome) {
    let f = Fixture::new();
    f.lesson(
        "content/01-a.md",
        "A",
        "::: group-tab\n### Windows\nRun the installer.\n### macOS\nUse brew.\n:::\n\n::: group-tab\n### Windows\nOpen PowerShell.\n### macOS\nOpen Terminal.\n:::\n",
    );
    f.build_ok();
    let page = open(&chrome, &file_page(&f.public(), "a/index.html")).await;
    assert_eq!(selected(&page).await, ["Windows:true", "Windows:true"]);
    let hidden: Vec<bool> = js(
        &page,
        "Array.from(document.querySelectorAll('[role=tabpanel]')).map(p => p.hidden)",
    )
    .await;
    assert_eq!(hidden, [false, true, false, true]);
    // Keys go to the focused element, as a reader's would.
    let _: i32 = js(&page, "document.querySelector('[role=tab]').focus() || 1").await;
    let body = page.find_element("body").await.unwrap();
    body.press_key("ArrowRight").await.unwrap();
    assert_eq!(selected(&page).await, ["macOS:true", "macOS:true"]);
    let focused: String = js(&page, "document.activeElement.textContent").await;
    assert_eq!(focused, "macOS");
    // Arrow keys on a tab move between tabs, never to the next lesson.
    assert!(js::<String>(&page, "location.href")
        .await
        .ends_with("a/index.html"));
    body.press_key("Home").await.unwrap();
    assert_eq!(selected(&page).await, ["Windows:true", "Windows:true"]);
}
