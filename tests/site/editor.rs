//! The editor of a handout of one's own in a real browser, in both
//! editions: written, previewed, downloaded, saved, opened again after a
//! reload and downloaded byte-identical; `handout build` of the saved file
//! the same bytes; with a library and its logo as flyer and pocket cards;
//! the browser edition's draft and its step buttons.

use super::{HELP, NAME, browser, http, site, statics};
use crate::common::*;
use fantoccini::{Client, Locator};
use std::path::Path;
use std::time::{Duration, Instant};

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

/// Route 1's step 2 once the editor's `send` icon is put after its label.
const WITH_ICON: &str = "Open de app en tik op **Volgende** {icon:send}.";

/// Put the `send` icon after step 2's label: the caret placed there, the
/// icon's button clicked.
async fn pick_an_icon(client: &Client) {
    let step = client.find(Locator::Id("f-own_route_1_step_2")).await.unwrap();
    step.click().await.unwrap();
    let before_stop = "const f = document.getElementById('f-own_route_1_step_2'); const at = f.value.length - 1; f.setSelectionRange(at, at);";
    client.execute(before_stop, vec![]).await.unwrap();
    let names: Vec<String> = {
        let items = client.find_all(Locator::Css("fieldset.icons li[data-icon] button.icon-pick")).await.unwrap();
        let mut names = Vec::new();
        for b in items {
            names.push(b.text().await.unwrap());
        }
        names
    };
    assert!(
        names.iter().any(|n| n.contains("{icon:menu}") && n.contains("menu")),
        "the editor offers no icons: {names:?}"
    );
    let send = "fieldset.icons li[data-icon=\"send\"] button.icon-pick";
    client.find(Locator::Css(send)).await.unwrap().click().await.unwrap();
    let value = step.prop("value").await.unwrap();
    assert_eq!(value.as_deref(), Some(WITH_ICON), "the icon's button puts its code after the label");
}

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
    pick_an_icon(client).await;
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
            let step = client.find(Locator::Id("f-own_route_1_step_2")).await.unwrap().prop("value").await.unwrap();
            assert_eq!(step.as_deref(), Some(WITH_ICON), "{home}: the icon is not in the opened file");
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
    assert!(String::from_utf8_lossy(saved).contains("{icon:send}"), "the saved file keeps the icon");
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
