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
            if client.find(Locator::Css("#order")).await.is_err() {
                continue;
            }
            // A problem shown next to its field.
            client.find(Locator::Id("f-org_website")).await.unwrap().send_keys("niet een adres").await.unwrap();
            client.find(Locator::Id("f-org_name")).await.unwrap().send_keys("Bieb").await.unwrap();
            client.find(Locator::Id("preview-button")).await.unwrap().click().await.unwrap();
            let start = Instant::now();
            while client.find(Locator::Css("#e-org_website p.error")).await.is_err() {
                assert!(start.elapsed() < Duration::from_secs(30), "{page}: no error shown");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            problems.extend(
                browser::axe_violations(&client, &axe)
                    .await
                    .into_iter()
                    .map(|p| format!("{page} (with a problem): {p}")),
            );
        }
        client.close().await.unwrap();
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A help desk's own handout, typed into the editor: (field, text).
const OWN: [(&str, &str); 12] = [
    ("f-own_title", "Inloggen met de DigiD app"),
    ("f-own_kicker", "Voor iedereen met een DigiD"),
    ("f-own_intro", "Met de DigiD app log je veilig in bij de overheid. Zo zet je hem aan."),
    ("f-own_route_1_step_1", "Installeer de **DigiD** app uit de winkel van je telefoon."),
    ("f-own_route_1_step_2", "Open de app en tik op **Volgende**."),
    ("f-own_route_1_step_3", "Log in met je gebruikersnaam en wachtwoord."),
    ("f-own_route_1_step_4", "Kies een pincode van vijf cijfers. Klaar!"),
    ("f-own_route_2_step_1", "Ga naar **mijn.digid.nl** en log in."),
    ("f-own_route_2_step_2", "Kies **DigiD app activeren** en volg de stappen."),
    ("f-own_name", "DigiD"),
    ("f-own_url", OWN_URL),
    ("f-own_source", "Gemaakt door Bibliotheek Voorbeeldstad. Niet gemaakt door DigiD."),
];
const OWN_URL: &str = "https://www.digid.nl/inloggen-basis";
const OWN_CAPTION: &str = "Folder A4";

/// Wait until the preview shows the A4 flyer (or, `error`, a problem at
/// that field).
async fn own_preview(client: &Client) {
    let start = Instant::now();
    loop {
        let busy = client.find(Locator::Css("section.preview[aria-busy]")).await.is_ok();
        let images = client.find_all(Locator::Css("#preview-pages img")).await.unwrap().len();
        let status = client.find(Locator::Id("preview-status")).await.unwrap().text().await.unwrap();
        if !busy && images == 1 && status.starts_with(OWN_CAPTION) {
            return;
        }
        if start.elapsed() > Duration::from_secs(60) {
            let js = "return [...document.querySelectorAll('p.error')].map(p => p.closest('[data-field]').dataset.field + ': ' + p.textContent).join('; ') + ' @ ' + location.href";
            let errors = client.execute(js, vec![]).await.unwrap();
            panic!("no preview of one's own handout: {status}; {errors}");
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

/// Click a button by id; a file it makes is downloaded: its bytes.
async fn click_for_file(client: &Client, id: &str, dir: &Path) -> Vec<u8> {
    let seen: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    client.find(Locator::Id(id)).await.unwrap().click().await.unwrap();
    let file = browser::downloaded(dir, &seen);
    std::thread::sleep(Duration::from_millis(300));
    std::fs::read(file).unwrap()
}

/// The whole round on one edition's page (`home`): start empty, write the
/// handout, preview, download the flyer, save the file, reload, open the
/// file, download again. The flyer and the saved file.
async fn own_round(client: &Client, home: &str, dir: &Path) -> (Vec<u8>, Vec<u8>) {
    client.goto(home).await.unwrap();
    client.execute("localStorage.clear()", vec![]).await.unwrap();
    client.find(Locator::Css("a.campaign.own")).await.unwrap().click().await.unwrap();
    let title = client.find(Locator::Id("f-own_title")).await.unwrap();
    assert_eq!(title.prop("value").await.unwrap().as_deref(), Some(""), "the editor starts empty");
    for (id, text) in OWN {
        client.find(Locator::Id(id)).await.unwrap().send_keys(text).await.unwrap();
    }
    client.find(Locator::Id("preview-button")).await.unwrap().click().await.unwrap();
    own_preview(client).await;
    if let Some(path) = std::env::var_os("HANDOUT_EDITOR_SCREENSHOT").filter(|_| !home.contains("localhost")) {
        client.execute("window.scrollTo(0, 0)", vec![]).await.unwrap();
        std::fs::write(path, client.screenshot().await.unwrap()).unwrap();
    }
    let flyer = click_for_file(client, "download-button", dir).await;
    let saved = click_for_file(client, "save-button", dir).await;
    client.execute("localStorage.clear()", vec![]).await.unwrap();
    client.refresh().await.unwrap();
    let title = client.find(Locator::Id("f-own_title")).await.unwrap();
    assert_eq!(title.prop("value").await.unwrap().as_deref(), Some(""), "{home}: not empty after a reload");
    let file = dir.join("opened.toml");
    std::fs::write(&file, &saved).unwrap();
    client.find(Locator::Id("f-own_file")).await.unwrap().send_keys(file.to_str().unwrap()).await.unwrap();
    client.find(Locator::Id("open-button")).await.unwrap().click().await.unwrap();
    let start = Instant::now();
    loop {
        let v = client.find(Locator::Id("f-own_route_1_step_4")).await.ok();
        let value = match v {
            Some(e) => e.prop("value").await.unwrap_or_default().unwrap_or_default(),
            None => String::new(),
        };
        if value == OWN[6].1 {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(20), "the saved file does not open: step 4 is `{value}`");
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    client.find(Locator::Id("preview-button")).await.unwrap().click().await.unwrap();
    own_preview(client).await;
    let again = click_for_file(client, "download-button", dir).await;
    assert!(again == flyer, "{home}: the flyer made again from the opened file differs");
    with_a_library(client, dir).await;
    (flyer, saved)
}

/// The same handout with a library's name, help text and PNG logo, as a
/// flyer and pocket cards (one ZIP): both open the typed address and name
/// the library.
async fn with_a_library(client: &Client, dir: &Path) {
    for (id, text) in [("f-org_name", NAME), ("f-org_help_nl", HELP)] {
        client.find(Locator::Id(id)).await.unwrap().send_keys(text).await.unwrap();
    }
    let logo = root().join("orgs/buurthuis-de-linde.png");
    client.find(Locator::Id("f-org_logo")).await.unwrap().send_keys(logo.to_str().unwrap()).await.unwrap();
    client.find(Locator::Id("f-layout-pocket-cards")).await.unwrap().click().await.unwrap();
    let zip = click_for_file(client, "download-button", dir).await;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).expect("a ZIP of the two documents");
    let names: Vec<String> = archive.file_names().filter_map(|n| n.ok().map(|n| n.to_string())).collect();
    assert_eq!(archive.len(), 2, "{names:?}");
    for (i, name) in names.iter().enumerate() {
        let mut pdf = Vec::new();
        std::io::Read::read_to_end(&mut archive.by_index(i).unwrap(), &mut pdf).unwrap();
        let codes: Vec<String> = rasterise(&pdf, 200.0).iter().take(1).flat_map(decode_qr).collect();
        assert!(codes.iter().any(|c| c == OWN_URL), "{name}: {codes:?}");
        let text: String = pdf_text(&pdf).split_whitespace().collect();
        assert!(text.contains("BibliotheekVoorbeeldstad"), "{name}: {text}");
    }
}

/// The flyer opens the typed address, names its steps, and is the one
/// `handout build` makes of the saved file in a project's campaigns/.
fn own_flyer_checks(flyer: &[u8], saved: &[u8]) {
    let codes: Vec<String> = rasterise(flyer, 150.0).iter().flat_map(decode_qr).collect();
    assert_eq!(codes, [OWN_URL]);
    let text = pdf_text(flyer);
    assert!(text.contains("Kies een pincode van vijf cijfers") && text.contains("Voor iedereen met een DigiD"));
    let proj = tempfile::tempdir().unwrap();
    copy_project(proj.path());
    std::fs::write(proj.path().join("campaigns/inloggen-met-de-digid-app.toml"), saved).unwrap();
    let out = tempfile::tempdir().unwrap();
    let (p, o) = (proj.path().to_str().unwrap(), out.path().to_str().unwrap());
    let args = ["build", "--root", p, "--out", o, "--campaign", "inloggen-met-de-digid-app", "--layout", "flyer-a4"];
    let r = handout(&args, BEFORE_DEADLINE_EPOCH);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let built = std::fs::read(out.path().join("inloggen-met-de-digid-app/nl/digid-flyer-a4.pdf")).unwrap();
    assert!(built == flyer, "handout build makes other bytes of the saved file than the page");
}

/// The editor in both editions: the same handout, the same bytes, opened
/// again from its file; in the browser edition a draft survives a reload.
#[tokio::test(flavor = "multi_thread")]
async fn a_handout_of_one_s_own_is_written_saved_and_opened_again_in_both_editions() {
    let Some((chromium, driver)) = browser::installed() else { return };
    let files = statics::StaticServer::start(site());
    let empty = tempfile::tempdir().unwrap();
    let server = http::Server::start(empty.path(), BEFORE_DEADLINE_EPOCH);
    let downloads = tempfile::tempdir().unwrap();
    let driver = browser::start_driver(&driver);
    let client = browser::session(&chromium, &driver, downloads.path(), 1400, "nl").await;
    let local = format!("http://127.0.0.1:{}/index.html", files.addr.port());
    let (flyer, saved) = own_round(&client, &local, downloads.path()).await;
    own_flyer_checks(&flyer, &saved);
    // A draft: typed, reloaded, still there (this browser only).
    client.find(Locator::Id("f-own_kicker")).await.unwrap().send_keys(" en meer").await.unwrap();
    client.refresh().await.unwrap();
    let kicker = client.find(Locator::Id("f-own_kicker")).await.unwrap().prop("value").await.unwrap();
    assert_eq!(kicker.as_deref(), Some("Voor iedereen met een DigiD en meer"), "the draft is lost on reload");
    moves_and_removes_steps(&client).await;
    let served = format!("http://localhost:{}/", server.addr.port());
    let (served_flyer, served_saved) = own_round(&client, &served, downloads.path()).await;
    assert!(served_flyer == flyer, "handout serve's editor made other bytes than the browser edition's");
    assert_eq!(served_saved, saved);
    client.close().await.unwrap();
}

/// Route 2's steps moved down, up and removed by their buttons.
async fn moves_and_removes_steps(client: &Client) {
    let value = |n: usize| {
        let client = client.clone();
        async move {
            let id = format!("f-own_route_2_step_{n}");
            client.find(Locator::Id(&id)).await.unwrap().prop("value").await.unwrap().unwrap_or_default()
        }
    };
    let click = |n: usize, kind: &'static str| {
        let client = client.clone();
        async move {
            let css = format!("fieldset.route[data-route=\"2\"] ol.steps > li:nth-child({n}) button.step-{kind}");
            client.find(Locator::Css(&css)).await.unwrap().click().await.unwrap();
        }
    };
    let (first, second) = (OWN[7].1, OWN[8].1);
    click(1, "down").await;
    assert_eq!((value(1).await, value(2).await), (second.to_string(), first.to_string()));
    click(2, "up").await;
    assert_eq!((value(1).await, value(2).await), (first.to_string(), second.to_string()));
    click(1, "remove").await;
    assert_eq!((value(1).await, value(2).await), (second.to_string(), String::new()));
}
