//! Pages make no request outside the site, from `file://` or over HTTP at a sub-path.

mod support;

use std::time::Duration;

use chromiumoxide::cdp::browser_protocol::network::EventRequestWillBeSent;
use futures::StreamExt;
use support::browser::*;
use support::server::{StaticServer, PREFIX};
use support::*;

fn main() {
    browser::main(browser_trials![pages_make_no_request_outside_the_site]);
}

/// Every URL the page requested while loading (and while searching).
async fn requests(chrome: &Chrome, url: &str) -> Vec<String> {
    let page = chrome.new_page("about:blank").await;
    let mut events = page
        .event_listener::<EventRequestWillBeSent>()
        .await
        .unwrap();
    page.goto(url).await.unwrap();
    page.wait_for_navigation().await.unwrap();
    loaded(&page).await;
    if url.contains("search/") {
        read_results(&page).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut urls: Vec<String> = js(
        &page,
        "performance.getEntriesByType('resource').map(e => e.name)",
    )
    .await;
    while let Ok(Some(ev)) = tokio::time::timeout(Duration::from_millis(200), events.next()).await {
        urls.push(ev.request.url.clone());
    }
    page.close().await.unwrap();
    urls
}

async fn pages_make_no_request_outside_the_site(chrome: Chrome) {
    let site = shared_bundled_site().to_path_buf();
    let server = StaticServer::start(&site);
    let file_root = format!("{}/", file_url(&site));
    let mut outside = Vec::new();
    for (kind, rel) in page_types(&site) {
        for (base, url) in [
            (file_root.clone(), file_page(&site, &rel)),
            (server.url(""), server.url(&rel)),
        ] {
            let seen = requests(&chrome, &url).await;
            assert!(
                seen.iter()
                    .any(|u| u.split('?').next() == url.split('?').next()),
                "{kind}: the page load itself is seen: {seen:?}"
            );
            for u in seen {
                if !u.starts_with(&base) && !u.starts_with("data:") {
                    outside.push(format!("{kind} at {url}: {u}"));
                }
            }
        }
    }
    let log = server.log.lock().unwrap().clone();
    outside.extend(
        log.iter()
            .filter(|t| !t.starts_with(PREFIX))
            .map(|t| format!("server saw {t}")),
    );
    assert!(outside.is_empty(), "{}", outside.join("\n"));
}
