//! A real browser: headless Chromium, driven over WebDriver (chromedriver)
//! the way a library worker would use the page: tick, type, upload a
//! logo, wait for the preview, download; the downloaded PDF's QR code
//! must scan to the form and its text must name the library.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs
//! them). Without them this test says SKIPPED and passes: it cannot test
//! what is not there. `HANDOUT_SCREENSHOT=path.png` keeps a screenshot of
//! the page with its preview (the README's picture).

#[path = "common/browser.rs"]
mod browser;
mod common;
#[path = "common/http.rs"]
mod http;

use common::*;
use fantoccini::Locator;
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread")]
async fn a_library_worker_makes_a_flyer_with_a_logo_in_a_real_browser() {
    let Some((chromium, driver)) = browser::installed() else { return };
    let dir = tempfile::tempdir().unwrap();
    let server = http::Server::start(dir.path(), BEFORE_DEADLINE_EPOCH);
    let downloads = tempfile::tempdir().unwrap();
    let driver = browser::start_driver(&driver);
    let client = browser::session(&chromium, &driver, downloads.path(), 1400, "nl").await;

    client.goto(&format!("http://localhost:{}/", server.addr.port())).await.unwrap();
    assert!(client.title().await.unwrap().starts_with("Folders maken"));
    choose_meta(&client).await;
    // One document: a PDF, not a ZIP. Untick Instagram; tick the date.
    client.find(Locator::Css("#f-platform-instagram")).await.unwrap().click().await.unwrap();
    client.find(Locator::Css("#f-edition-deadline")).await.unwrap().click().await.unwrap();
    let type_in = |id: &'static str, text: &'static str| {
        let client = client.clone();
        async move { client.find(Locator::Id(id)).await.unwrap().send_keys(text).await.unwrap() }
    };
    type_in("f-org_name", "Bibliotheek Voorbeeldstad").await;
    type_in(
        "f-org_help_nl",
        "Hulp nodig? Kom naar het Informatiepunt in de bibliotheek: dinsdag en donderdag van 10 tot 12 uur.",
    )
    .await;
    type_in("f-org_website", "www.bibliotheekvoorbeeldstad.nl").await;
    let logo = root().join("orgs/buurthuis-de-linde.png");
    client.find(Locator::Id("f-org_logo")).await.unwrap().send_keys(logo.to_str().unwrap()).await.unwrap();

    // The preview follows the form: wait until it shows the flyer with the library on it.
    let start = Instant::now();
    loop {
        let status = client.find(Locator::Id("preview-status")).await.unwrap().text().await.unwrap();
        let busy = client.find(Locator::Css("section.preview[aria-busy]")).await.is_ok();
        let images = client.find_all(Locator::Css("#preview-pages img")).await.unwrap().len();
        if !busy && images == 1 && status.starts_with("Folder A4 (Nederlands, Facebook)") {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "no preview: {status}");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    // Settled: the last change (the logo) has been previewed.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    client.execute("window.scrollTo(0, 0)", vec![]).await.unwrap();
    let shot = client.screenshot().await.unwrap();
    if let Some(path) = std::env::var_os("HANDOUT_SCREENSHOT") {
        std::fs::write(path, &shot).unwrap();
    }

    client.find(Locator::Css("button.primary")).await.unwrap().click().await.unwrap();
    let pdf = std::fs::read(browser::downloaded(downloads.path(), &[])).unwrap();
    let codes: Vec<String> = rasterise(&pdf, 150.0).iter().flat_map(decode_qr).collect();
    assert_eq!(codes, [expected_url("facebook")]);
    let text: String = pdf_text(&pdf).split_whitespace().collect();
    assert!(text.contains("BibliotheekVoorbeeldstad") && text.contains("27mei2025"), "{text}");
    client.close().await.unwrap();
}

/// The first question: which campaign. Meta's, by its link.
async fn choose_meta(client: &fantoccini::Client) {
    client.find(Locator::Css("a.campaign[href*=\"campaign=meta-ai\"]")).await.unwrap().click().await.unwrap();
    let start = Instant::now();
    while client.find(Locator::Css("#f-platform-instagram")).await.is_err() {
        assert!(start.elapsed() < Duration::from_secs(10), "Meta's form does not open");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
