//! The browser edition (cargo xtask site) in a real browser: served by a
//! plain static file server, it asks which campaign, makes a LinkedIn
//! flyer with a logo in the browser, goes on making them after the file
//! server has stopped, and makes the very bytes `handout serve` makes for
//! the same form (its page driven in the same browser, and its /pdf). Both pages are
//! checked with axe-core (no serious or critical violation, in Dutch and
//! English and with a problem shown) and at 320 CSS pixels wide (nothing
//! wider than the screen), the editor of a handout of one's own too; and
//! the editor's whole round in both editions (write, preview, download,
//! save, reload, open, download the same bytes; `handout build` of the
//! saved file the same bytes). Prints how long previews take.
//! `HANDOUT_SITE_SCREENSHOT=path.png` keeps a screenshot of the page with
//! its preview, `HANDOUT_EDITOR_SCREENSHOT=path.png` one of the editor
//! (the README's pictures).

#[path = "common/browser.rs"]
mod browser;
mod common;
/// The editor of a handout of one's own, in both editions.
#[path = "site/editor.rs"]
mod editor;
#[path = "common/http.rs"]
mod http;
#[path = "common/statics.rs"]
mod statics;

use common::*;
use fantoccini::{Client, Locator};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The site, built once for every test here by what `cargo xtask site`
/// runs: with the shipped profile when `HANDOUT_SITE_PROFILE=wasm` (CI,
/// after `cargo xtask site` has built it), else the quick one (a first
/// `cargo test`; the same code, the same bytes out).
/// It is written to target/site-test/ (made anew each run; a temporary
/// folder held by a static would never be removed).
fn site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = root().join("target/site-test");
        let profile = match std::env::var("HANDOUT_SITE_PROFILE").as_deref() {
            Ok("wasm") => xtask::site::Profile::Shipped,
            _ => xtask::site::Profile::Quick,
        };
        if let Err(e) = xtask::site::site(&root(), &dir, profile) {
            panic!("the site cannot be built: {e}");
        }
        dir
    })
}

/// The form as the browser test fills it in: one flyer, the date, a library.
const NAME: &str = "Bibliotheek Voorbeeldstad";
const HELP: &str = "Hulp nodig? Kom naar het Informatiepunt in de bibliotheek: dinsdag en donderdag van 10 tot 12 uur.";
const SITE: &str = "www.bibliotheekvoorbeeldstad.nl";

/// The campaign the test makes a flyer of, and what its page calls the flyer.
const CAMPAIGN: &str = "linkedin-ai";
const CAPTION: &str = "Folder A4 (Nederlands, LinkedIn)";

/// Choose the campaign on the first page: its link, as a visitor clicks it.
async fn choose_campaign(client: &Client) {
    let link = format!("a.campaign[href*=\"campaign={CAMPAIGN}\"], a.campaign[href=\"{CAMPAIGN}.nl.html\"]");
    client.find(Locator::Css(&link)).await.unwrap().click().await.unwrap();
    let start = Instant::now();
    while client.find(Locator::Css("#order")).await.is_err() {
        assert!(start.elapsed() < Duration::from_secs(10), "the campaign's form does not open");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn fill_in(client: &Client, logo: &Path) {
    client.find(Locator::Css("#f-edition-deadline")).await.unwrap().click().await.unwrap();
    for (id, text) in [("f-org_name", NAME), ("f-org_help_nl", HELP), ("f-org_website", SITE)] {
        client.find(Locator::Id(id)).await.unwrap().send_keys(text).await.unwrap();
    }
    client.find(Locator::Id("f-org_logo")).await.unwrap().send_keys(logo.to_str().unwrap()).await.unwrap();
}

/// Wait until the page shows a preview of the A4 flyer made after the
/// `after`-th answer; how many answers there are then.
async fn preview_after(client: &Client, after: usize) -> usize {
    let start = Instant::now();
    loop {
        let done = answers(client).await;
        let busy = client.find(Locator::Css("section.preview[aria-busy]")).await.is_ok();
        let images = client.find_all(Locator::Css("#preview-pages img")).await.unwrap().len();
        let status = client.find(Locator::Id("preview-status")).await.unwrap().text().await.unwrap();
        if done > after && !busy && images == 1 && status.starts_with(CAPTION) {
            return done;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "no preview: {status}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// How many answers the page's worker gave.
async fn answers(client: &Client) -> usize {
    let v = client.execute("return window.handoutLocal ? window.handoutLocal.times.length : 0", vec![]).await.unwrap();
    v.as_u64().unwrap_or(0) as usize
}

/// The previews' times in ms, in order.
async fn preview_times(client: &Client) -> Vec<f64> {
    let js = "return window.handoutLocal.times.filter(t => t.kind === 'preview').map(t => t.ms)";
    serde_json::from_value(client.execute(js, vec![]).await.unwrap()).unwrap()
}

async fn download(client: &Client, dir: &Path) -> Vec<u8> {
    let seen: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    client.find(Locator::Css("button.primary")).await.unwrap().click().await.unwrap();
    let file = browser::downloaded(dir, &seen);
    std::thread::sleep(Duration::from_millis(300));
    std::fs::read(file).unwrap()
}

fn scans_and_names(pdf: &[u8], name: &str) {
    let codes: Vec<String> = rasterise(pdf, 150.0).iter().flat_map(decode_qr).collect();
    assert_eq!(codes, [expected_url("linkedin")]);
    let text: String = pdf_text(pdf).split_whitespace().collect();
    let name: String = name.split_whitespace().collect();
    assert!(text.contains(&name) && text.contains("3november2025") && text.contains("LinkedIn"), "{text}");
}

/// The same flyer made on `handout serve`'s page in the same browser: the
/// campaign chosen, the form filled in, the preview waited for, the
/// download button pressed.
async fn served_in_browser(client: &Client, downloads: &Path) -> Vec<u8> {
    let empty = tempfile::tempdir().unwrap();
    let server = http::Server::start(empty.path(), BEFORE_DEADLINE_EPOCH);
    client.goto(&format!("http://localhost:{}/", server.addr.port())).await.unwrap();
    choose_campaign(client).await;
    fill_in(client, &root().join("orgs/buurthuis-de-linde.png")).await;
    let start = Instant::now();
    loop {
        let busy = client.find(Locator::Css("section.preview[aria-busy]")).await.is_ok();
        let status = client.find(Locator::Id("preview-status")).await.unwrap().text().await.unwrap();
        if !busy && status.starts_with(CAPTION) {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "no preview on the served page: {status}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    download(client, downloads).await
}

/// The first question offers both campaigns, each with its state as of
/// today in this browser's calendar (the page was written on another day).
async fn both_campaigns_as_of_today(client: &Client) {
    let states = client.find_all(Locator::Css("a.campaign .state")).await.unwrap();
    assert_eq!(states.len(), 2, "both campaigns are offered");
    for state in states {
        let text = state.text().await.unwrap();
        assert!(text.contains("is voorbij"), "a passed deadline as of today: {text}");
    }
}

/// The form the browser test fills in, sent to `handout serve`'s /pdf.
fn served_pdf() -> Vec<u8> {
    let empty = tempfile::tempdir().unwrap();
    let server = http::Server::start(empty.path(), BEFORE_DEADLINE_EPOCH);
    let logo = std::fs::read(root().join("orgs/buurthuis-de-linde.png")).unwrap();
    let form = http::Multipart::new()
        .text("campaign", CAMPAIGN)
        .text("ui", "nl")
        .text("lang", "nl")
        .text("platform", "linkedin")
        .text("layout", "flyer-a4")
        .text("edition", "deadline")
        .text("org_name", NAME)
        .text("org_help_nl", HELP)
        .text("org_website", SITE)
        .file("org_logo", "buurthuis-de-linde.png", &logo);
    let r = server.post("/pdf", &form, "*/*");
    assert_eq!(r.status, 200, "{}", r.text());
    r.body
}

#[tokio::test(flavor = "multi_thread")]
async fn the_browser_edition_makes_handouts_in_the_browser_without_a_server() {
    let Some((chromium, driver)) = browser::installed() else { return };
    let site = site();
    let wasm = std::fs::metadata(site.join("handout_wasm_bg.wasm")).unwrap().len();
    let mut files = statics::StaticServer::start(site);
    let downloads = tempfile::tempdir().unwrap();
    let driver = browser::start_driver(&driver);
    let client = browser::session(&chromium, &driver, downloads.path(), 1400, "nl").await;

    client.goto(&format!("http://127.0.0.1:{}/", files.addr.port())).await.unwrap();
    assert!(client.title().await.unwrap().starts_with("Folders maken"));
    both_campaigns_as_of_today(&client).await;
    let opened = Instant::now();
    choose_campaign(&client).await;
    // The page previews the flyer it offers first, as soon as it can.
    let mut done = preview_after(&client, 0).await;
    let first = opened.elapsed();
    fill_in(&client, &root().join("orgs/buurthuis-de-linde.png")).await;
    tokio::time::sleep(Duration::from_millis(1200)).await;
    done = preview_after(&client, done).await;
    if let Some(path) = std::env::var_os("HANDOUT_SITE_SCREENSHOT") {
        client.execute("window.scrollTo(0, 0)", vec![]).await.unwrap();
        std::fs::write(path, client.screenshot().await.unwrap()).unwrap();
    }
    let pdf = download(&client, downloads.path()).await;
    scans_and_names(&pdf, NAME);

    assert!(served_pdf() == pdf, "the browser's PDF differs from handout serve's /pdf for the same form");

    // No server any more: the page goes on.
    let asked = files.requests.load(std::sync::atomic::Ordering::Relaxed);
    files.stop();
    client.find(Locator::Id("f-org_name")).await.unwrap().send_keys(" Noord").await.unwrap();
    tokio::time::sleep(Duration::from_millis(800)).await;
    preview_after(&client, done).await;
    let again = download(&client, downloads.path()).await;
    scans_and_names(&again, &format!("{NAME} Noord"));
    assert!(again != pdf);

    let ready = client.execute("return JSON.stringify(window.handoutLocal.ready)", vec![]).await.unwrap();
    let times = preview_times(&client).await;
    // And it opens again without the server: the service worker kept it.
    client.refresh().await.unwrap();
    assert!(client.title().await.unwrap().starts_with("Folders maken"), "the page does not open offline");
    preview_after(&client, 0).await;
    report_times(wasm, first, ready.as_str().unwrap_or("?"), &times, asked);

    // handout serve's page, in this browser: the very same bytes.
    let served = served_in_browser(&client, downloads.path()).await;
    assert!(served == pdf, "handout serve's page made other bytes than the browser edition for the same form");
    client.close().await.unwrap();
}

/// Say how long the previews took; bounds far above what this machine does
/// (to catch what breaks the page, not to time it).
fn report_times(wasm: u64, first: Duration, ready: &str, times: &[f64], asked: usize) {
    let later = &times[1..];
    let slowest = later.iter().cloned().fold(0.0, f64::max);
    eprintln!(
        "browser edition: wasm {:.2} MB; first preview {} ms after opening the campaign's page (starting: {ready}; the first preview itself {:.0} ms); later previews {:?} ms (slowest {slowest:.0}); {asked} files served",
        wasm as f64 / 1_048_576.0,
        first.as_millis(),
        times[0],
        later.iter().map(|t| t.round()).collect::<Vec<_>>()
    );
    assert!(first < Duration::from_secs(20) && slowest < 5000.0, "{first:?} {times:?}");
}

/// Both pages, the browser edition's and `handout serve`'s, in Dutch and
/// English and with a problem shown: no serious or critical axe-core
/// violation, and nothing wider than a 320-pixel screen.
#[tokio::test(flavor = "multi_thread")]
async fn both_pages_are_accessible_and_reflow_to_320_pixels() {
    let Some((chromium, driver)) = browser::installed() else { return };
    let Some(axe) = browser::axe_script() else {
        eprintln!("SKIPPED: needs axe-core (npm install --prefix target/axe axe-core)");
        return;
    };
    let files = statics::StaticServer::start(site());
    let empty = tempfile::tempdir().unwrap();
    let server = http::Server::start(empty.path(), BEFORE_DEADLINE_EPOCH);
    let downloads = tempfile::tempdir().unwrap();
    let driver = browser::start_driver(&driver);
    // The choice of campaign and each campaign's form.
    let (s, h) = (files.addr.port(), server.addr.port());
    let pages = [
        format!("http://127.0.0.1:{s}/index.html"),
        format!("http://127.0.0.1:{s}/en.html"),
        format!("http://127.0.0.1:{s}/linkedin-ai.nl.html"),
        format!("http://127.0.0.1:{s}/meta-ai.en.html"),
        format!("http://localhost:{h}/"),
        format!("http://localhost:{h}/?ui=en"),
        format!("http://localhost:{h}/?campaign=meta-ai"),
        format!("http://localhost:{h}/?ui=en&campaign=linkedin-ai"),
        // The editor of a handout of one's own.
        format!("http://127.0.0.1:{s}/own_handout.nl.html"),
        format!("http://127.0.0.1:{s}/own_handout.en.html"),
        format!("http://localhost:{h}/?own=1"),
        format!("http://localhost:{h}/?ui=en&own=1"),
    ];
    let mut problems = Vec::new();
    for width in [1400, 320] {
        let client = browser::session(&chromium, &driver, downloads.path(), width, "nl").await;
        for page in &pages {
            client.goto(page).await.unwrap();
            tokio::time::sleep(Duration::from_millis(400)).await;
            if width == 320 {
                let w = client.execute("return document.documentElement.clientWidth", vec![]).await.unwrap();
                assert!(w.as_u64().is_some_and(|w| w <= 330), "the window is {w} pixels wide, not 320");
                problems
                    .extend(browser::wider_than_the_window(&client).await.into_iter().map(|p| format!("{page}: {p}")));
                continue;
            }
            problems.extend(browser::axe_violations(&client, &axe).await.into_iter().map(|p| format!("{page}: {p}")));
            if client.find(Locator::Css("#order")).await.is_ok() {
                problems.extend(with_a_problem(&client, page, &axe).await);
            }
        }
        client.close().await.unwrap();
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A problem shown next to its field (a website that is not one): what
/// axe-core finds then.
async fn with_a_problem(client: &Client, page: &str, axe: &str) -> Vec<String> {
    client.find(Locator::Id("f-org_website")).await.unwrap().send_keys("niet een adres").await.unwrap();
    client.find(Locator::Id("f-org_name")).await.unwrap().send_keys("Bieb").await.unwrap();
    client.find(Locator::Id("preview-button")).await.unwrap().click().await.unwrap();
    let start = Instant::now();
    while client.find(Locator::Css("#e-org_website p.error")).await.is_err() {
        assert!(start.elapsed() < Duration::from_secs(30), "{page}: no error shown");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let found = browser::axe_violations(client, axe).await;
    found.into_iter().map(|p| format!("{page} (with a problem): {p}")).collect()
}
