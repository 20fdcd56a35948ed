//! `handout serve` from outside: the real binary, started in an empty
//! folder (so it uses the project built into it) on a free port of
//! 127.0.0.1, spoken to over plain HTTP. The page works without
//! JavaScript; a PDF with an organisation scans and names it; a ZIP holds
//! what was asked; previews are the right size; hostile input gets a
//! clear 4xx and the server stays up.

mod common;
#[path = "common/http.rs"]
mod http;

use common::*;
use http::{Multipart, Reply, Server};

fn start() -> (tempfile::TempDir, Server) {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), BEFORE_DEADLINE_EPOCH);
    (dir, server)
}

/// `handout health` is a container's health check: it asks `/health`.
/// A container or systemd stops the server with SIGTERM, which it takes as
/// Ctrl+C: it ends at once, and well.
#[test]
fn the_health_check_answers_and_sigterm_stops_the_server_cleanly() {
    let (_dir, mut server) = start();
    let addr = server.addr.to_string();
    let up = handout(&["health", "--listen", &addr], BEFORE_DEADLINE_EPOCH);
    assert!(up.status.success(), "{}", String::from_utf8_lossy(&up.stderr));
    assert_eq!(String::from_utf8_lossy(&up.stdout).trim(), "ok");
    let ended = server.terminate().expect("the server stops within ten seconds of SIGTERM");
    assert!(ended.success(), "{ended:?}");
    let down = handout(&["health", "--listen", &addr], BEFORE_DEADLINE_EPOCH);
    assert!(!down.status.success());
    assert!(String::from_utf8_lossy(&down.stderr).contains("the server does not answer"));
}

fn png_logo() -> Vec<u8> {
    std::fs::read(root().join("orgs/buurthuis-de-linde.png")).unwrap()
}

/// One flyer for Facebook in Dutch, dated edition.
fn flyer() -> Multipart {
    Multipart::new()
        .text("campaign", "meta-ai")
        .text("lang", "nl")
        .text("platform", "facebook")
        .text("layout", "flyer-a4")
        .text("edition", "deadline")
}

fn assert_status(r: &Reply, status: u16, what: &str) {
    assert_eq!(r.status, status, "{what}: {}", r.text());
}

/// The (width, height) a PNG says it has.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[1..4], b"PNG", "not a PNG");
    let be = |b: &[u8]| u32::from_be_bytes(b.try_into().unwrap());
    (be(&png[16..20]), be(&png[20..24]))
}

#[test]
fn the_page_works_without_javascript_and_keeps_to_itself() {
    let (_dir, server) = start();
    // First the question which campaign: a link to each one's form.
    let r = server.get("/");
    assert_status(&r, 200, "GET /");
    let choice = r.text();
    for needle in [
        "href=\"/?ui=nl&amp;campaign=linkedin-ai\"",
        "href=\"/?ui=nl&amp;campaign=meta-ai\"",
        "LinkedIn: je gegevens niet voor AI",
        "De termijn (27 mei 2025) is voorbij",
        "De termijn (3 november 2025) is voorbij",
    ] {
        assert!(choice.contains(needle), "the choice of campaign lacks {needle}");
    }
    assert!(!choice.contains("<form"), "a form before the campaign is chosen");
    let r = server.get("/?campaign=meta-ai");
    assert_status(&r, 200, "GET /?campaign=meta-ai");
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    let html = r.text();
    for needle in [
        "name=\"campaign\" value=\"meta-ai\"",
        "<html lang=\"nl\"",
        "<form id=\"order\" method=\"post\" action=\"/download\" enctype=\"multipart/form-data\"",
        "name=\"lang\" value=\"nl\"",
        "name=\"platform\" value=\"instagram\"",
        "name=\"layout\" value=\"pocket-cards\"",
        "name=\"edition\" value=\"after-deadline\"",
        "name=\"org_name\"",
        "name=\"org_help_en\"",
        "type=\"file\" name=\"org_logo\"",
        "<label for=\"f-org_name\">",
        "Folder A4",
        "27 mei 2025",
    ] {
        assert!(html.contains(needle), "the page lacks {needle}");
    }
    // Everything comes from the server itself: no address elsewhere.
    assert!(!html.contains("http://") && !html.contains("https://"), "the page refers elsewhere");
    let csp = r.header("content-security-policy").unwrap();
    assert!(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(r.header("set-cookie").is_none());
    assert!(server.get("/?ui=en").text().contains("Make handouts"));
    let linkedin = server.get("/?ui=en&campaign=linkedin-ai").text();
    assert!(linkedin.contains("name=\"platform\" value=\"linkedin\"") && !linkedin.contains("value=\"facebook\""));

    for (path, kind) in [
        ("/assets/style.css", "text/css; charset=utf-8"),
        ("/assets/preview.js", "text/javascript; charset=utf-8"),
        ("/assets/atkinson-bold.ttf", "font/ttf"),
    ] {
        let a = server.get(path);
        assert_status(&a, 200, path);
        assert_eq!(a.header("content-type"), Some(kind), "{path}");
        assert!(!a.body.is_empty());
    }
    assert_status(&server.get("/assets/..%2F..%2FCargo.toml"), 404, "an asset outside the assets");
    assert_status(&server.get("/etc/passwd"), 404, "a path");
    assert_eq!(server.get("/health").text().trim(), "ok");
}

#[test]
fn a_pdf_with_an_organisation_and_a_png_logo_scans_and_names_it() {
    let (_dir, server) = start();
    let form = flyer()
        .text("org_name", "Bibliotheek Proefdorp")
        .text("org_help", "Hulp nodig? Kom naar de balie, dinsdag van 10 tot 12 uur.")
        .text("org_website", "https://www.bibliotheekproefdorp.nl/")
        .file("org_logo", "logo.png", &png_logo());
    let r = server.post("/pdf", &form, "*/*");
    assert_status(&r, 200, "POST /pdf");
    assert_eq!(r.header("content-type"), Some("application/pdf"));
    assert_eq!(r.header("content-disposition"), Some("attachment; filename=\"meta-ai-nl-facebook-flyer-a4.pdf\""));
    let pdf = &r.body;
    let codes: Vec<String> = rasterise(pdf, 150.0).iter().flat_map(decode_qr).collect();
    assert_eq!(codes, [expected_url("facebook")]);
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    let text = squeeze(&pdf_text(pdf));
    for said in ["Bibliotheek Proefdorp", "dinsdag van 10 tot 12 uur", "www.bibliotheekproefdorp.nl"] {
        assert!(text.contains(&squeeze(said)), "the PDF does not say {said}: {text}");
    }
    assert!(pdf.windows(13).any(|w| w == b"/Subtype/Imag"), "the logo is not in the PDF");
}

#[test]
fn a_zip_holds_the_documents_asked_for_and_is_the_same_each_time() {
    let (_dir, server) = start();
    let form = Multipart::new()
        .text("campaign", "meta-ai")
        .text("lang", "nl")
        .text("lang", "en")
        .text("platform", "facebook")
        .text("platform", "instagram")
        .text("layout", "flyer-a4")
        .text("edition", "deadline");
    let r = server.post("/zip", &form, "*/*");
    assert_status(&r, 200, "POST /zip");
    assert_eq!(r.header("content-type"), Some("application/zip"));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(r.body.clone())).unwrap();
    let mut names: Vec<String> = (0..zip.len()).map(|i| zip.by_index(i).unwrap().name().unwrap().to_string()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "meta-ai/en/facebook-flyer-a4.pdf",
            "meta-ai/en/instagram-flyer-a4.pdf",
            "meta-ai/nl/facebook-flyer-a4.pdf",
            "meta-ai/nl/instagram-flyer-a4.pdf"
        ]
    );
    for name in &names {
        let mut pdf = Vec::new();
        std::io::Read::read_to_end(&mut zip.by_name(name).unwrap(), &mut pdf).unwrap();
        let platform = if name.contains("facebook") { "facebook" } else { "instagram" };
        let codes: Vec<String> = rasterise(&pdf, 100.0).iter().flat_map(decode_qr).collect();
        assert_eq!(codes, [expected_url(platform)], "{name}");
    }
    assert!(server.post("/zip", &form, "*/*").body == r.body, "two ZIPs of the same form differ");
}

#[test]
fn a_preview_is_one_pixel_per_point_of_the_page_asked_for() {
    let (_dir, server) = start();
    let r = server.post("/preview", &flyer(), "image/png");
    assert_status(&r, 200, "preview");
    assert_eq!(r.header("content-type"), Some("image/png"));
    assert_eq!(r.header("x-pages"), Some("1"));
    assert_eq!(png_size(&r.body), (595, 842), "A4 at 72 dpi");
    let img = image_gray(&r.body);
    assert_eq!(decode_qr(&img), [expected_url("facebook")], "the preview's code scans too");

    let cards = Multipart::new()
        .text("campaign", "meta-ai")
        .text("lang", "en")
        .text("platform", "instagram")
        .text("layout", "pocket-cards");
    let back = server.post("/preview?page=2", &cards, "image/png");
    assert_status(&back, 200, "cards, page 2");
    assert_eq!(back.header("x-pages"), Some("2"));
    assert_eq!(png_size(&back.body), (595, 842));
    assert_ne!(back.body, server.post("/preview", &cards, "image/png").body, "page 2 is not page 1");

    let screen = Multipart::new()
        .text("campaign", "meta-ai")
        .text("lang", "nl")
        .text("platform", "facebook")
        .text("layout", "screen-16x9");
    let r = server.post("/preview", &screen, "image/png");
    assert_eq!(png_size(&r.body), (1440, 810), "508 x 285.75 mm at 72 dpi");
    let caption = r.header("x-caption").unwrap();
    assert!(caption.starts_with("Scherm%20in%20de%20hal"), "{caption}");
}

fn image_gray(png: &[u8]) -> Gray {
    let decoder = png::Decoder::new(std::io::Cursor::new(png));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let px = buf[..info.buffer_size()]
        .chunks(3)
        .map(|c| ((c[0] as u32 * 299 + c[1] as u32 * 587 + c[2] as u32 * 114) / 1000) as u8)
        .collect();
    Gray { w: info.width as usize, h: info.height as usize, px }
}

#[test]
fn hostile_input_gets_a_clear_4xx_and_the_server_stays_up() {
    let (_dir, server) = start();
    let huge = vec![b'a'; 8 * 1024 * 1024];
    let r = server.post("/pdf", &flyer().file("org_logo", "logo.png", &huge), "*/*");
    assert_status(&r, 413, "an 8 MB body");
    assert!(r.text().contains("larger than 6 MB"), "{}", r.text());

    let giant = png_with_size(&png_logo(), 20_000, 20_000);
    let form = flyer().text("org_name", "Bieb").file("org_logo", "giant.png", &giant);
    let r = server.post("/pdf", &form, "*/*");
    assert_status(&r, 422, "a 20,000 x 20,000 px PNG");
    assert!(r.text().starts_with("org_logo: ") && r.text().contains("20000"), "{}", r.text());

    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><image xlink:href="https://example.com/x.png" width="10" height="10"/></svg>"#;
    let r = server.post("/pdf", &flyer().text("org_name", "Bieb").file("org_logo", "logo.svg", svg), "*/*");
    assert_status(&r, 422, "an SVG with an external reference");
    assert!(r.text().starts_with("org_logo: ") && r.text().contains("example.com"), "{}", r.text());

    // A help text that would print as something else than it reads.
    let disguised = flyer().text("org_name", "Bieb").text("org_help_nl", "Hulp: \u{202E}moc.live\u{202C}");
    let r = server.post("/pdf", &disguised, "application/json");
    assert_status(&r, 422, "a reading-direction override in the help text");
    let json: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(json["errors"][0]["field"], "org_help_nl", "{json}");
    assert!(json["errors"][0]["message"].as_str().unwrap().contains("leesrichting"), "{json}");

    let r = server.post("/pdf", &flyer().bytes("org_name", b"Bieb \xff\xfe"), "*/*");
    assert_status(&r, 400, "a non-UTF-8 field");
    assert!(r.text().contains("`org_name` is not UTF-8"), "{}", r.text());

    for platform in ["tiktok", "../../etc/passwd"] {
        let form = Multipart::new()
            .text("campaign", "meta-ai")
            .text("lang", "nl")
            .text("platform", platform)
            .text("layout", "flyer-a4");
        let r = server.post("/pdf", &form, "*/*");
        assert_status(&r, 400, platform);
        assert!(r.text().contains("the platforms are: facebook, instagram"), "{}", r.text());
    }
    let r = server.post_urlencoded("/pdf", b"campaign=meta-ai&lang=nl&platform=facebook&layout=../layouts/flyer-a4");
    assert_status(&r, 400, "a path as layout");
    let r = server.post_urlencoded("/zip", b"campaign=meta-ai&lang=nl&platfrom=facebook");
    assert_status(&r, 400, "an unknown field");
    assert!(r.text().contains("no field `platfrom`"), "{}", r.text());
    let r = server.raw("GET /health HTTP/1.1\r\nHost: evil.example:8080", b"");
    assert_status(&r, 421, "another site's name (DNS rebinding)");
    let r = server.post_urlencoded("/pdf", b"campaign=meta-ai&lang=nl&lang=en&platform=facebook&layout=flyer-a4");
    assert_status(&r, 400, "/pdf for two documents");
    assert!(r.text().contains("use /zip"), "{}", r.text());

    assert_eq!(server.get("/health").text().trim(), "ok", "the server is still up");
}

#[test]
fn what_cannot_be_made_is_said_next_to_its_field() {
    let (_dir, server) = start();
    // Too long for a wallet card (it holds about 273 characters with a
    // name like the example's; any other layout holds the 300 an
    // organisation may give): the JSON the page's script reads.
    let help = "Hulp nodig? Kom naar het Informatiepunt Digitale Overheid in de bibliotheek, elke dinsdag en donderdag \
                van tien tot twaalf uur en op zaterdag van elf tot een uur, Stationsplein 1. Onze vrijwilligers helpen \
                graag, gratis en zonder afspraak. Neem je telefoon mee en het wachtwoord van Facebook.";
    assert!((274..=300).contains(&help.chars().count()), "{}", help.chars().count());
    let form = Multipart::new()
        .text("campaign", "meta-ai")
        .text("lang", "nl")
        .text("platform", "facebook")
        .text("layout", "pocket-cards")
        .text("org_name", "Openbare Bibliotheek Proefdorp, vestiging Centrum")
        .text("org_help_nl", help);
    let r = server.post("/preview", &form, "image/png, application/json");
    assert_status(&r, 422, "help text too long for the cards");
    let json: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    let error = &json["errors"][0];
    assert_eq!(error["field"], "org_help_nl", "{json}");
    let message = error["message"].as_str().unwrap();
    assert!(message.contains("Zakkaartjes") && message.contains("% korter"), "{message}");
    assert!(error["detail"].as_str().unwrap().contains("does not fit region"), "{json}");

    // A browser's form without JavaScript: the page again, the field
    // marked, what was typed kept (and escaped).
    let form = Multipart::new()
        .text("campaign", "meta-ai")
        .text("lang", "nl")
        .text("platform", "facebook")
        .text("layout", "flyer-a4")
        .text("org_name", "<script>alert(1)</script> Bieb")
        .text("org_website", "niet een adres");
    let r = server.post("/download", &form, "text/html,application/xhtml+xml");
    assert_status(&r, 422, "a bad website");
    let html = r.text();
    assert!(html.contains("<div class=\"errors\" id=\"e-org_website\" data-field=\"org_website\"><p class=\"error\">"));
    assert!(html.contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt; Bieb\""), "the name is not kept escaped");
    assert!(!html.contains("<script>alert"), "what was typed reached the page unescaped");

    // Nothing chosen: said at the choice.
    let r = server.post(
        "/download",
        &Multipart::new().text("campaign", "meta-ai").text("lang", "nl").text("platform", "facebook"),
        "text/html",
    );
    assert_status(&r, 422, "no layout");
    assert!(r.text().contains("Kies minstens één soort."));
}

#[test]
fn the_page_shows_a_preview_without_javascript() {
    let (_dir, server) = start();
    let form = flyer().text("ui", "en").text("page", "1");
    let r = server.post("/", &form, "text/html");
    assert_status(&r, 200, "POST / (show preview)");
    let html = r.text();
    assert!(html.contains("<html lang=\"en\""));
    assert!(html.contains("src=\"data:image/png;base64,"), "no preview image");
    assert!(
        html.contains("<p id=\"preview-status\"") && html.contains(">A4 flyer (Nederlands, Facebook)</p>"),
        "no caption"
    );
}

#[test]
fn many_clients_at_once_all_get_their_pdf() {
    // Bounded: 8 clients, 40 requests (the full load test is
    // `cargo bench --bench serve_load`).
    let (_dir, server) = start();
    let server = std::sync::Arc::new(server);
    let start = std::time::Instant::now();
    let clients: Vec<_> = (0..8)
        .map(|c| {
            let server = server.clone();
            std::thread::spawn(move || {
                (0..5)
                    .map(|i| {
                        let form = flyer().text("org_name", &format!("Bibliotheek {c}-{i}"));
                        let r = server.post("/pdf", &form, "*/*");
                        (r.status, r.body.starts_with(b"%PDF"))
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    for c in clients {
        for (status, pdf) in c.join().unwrap() {
            assert!(status == 200 && pdf, "a request failed under load: {status}");
        }
    }
    assert!(start.elapsed() < std::time::Duration::from_secs(60), "40 flyers took {:?}", start.elapsed());
    assert_eq!(server.get("/health").text().trim(), "ok");
}

#[test]
fn a_form_names_a_campaign_the_project_has_and_only_its_platforms() {
    let (_dir, server) = start();
    let r = server.post_urlencoded("/pdf", b"campaign=meta-ai&lang=nl&platform=linkedin&layout=flyer-a4");
    assert_status(&r, 400, "another campaign's platform");
    assert!(r.text().contains("the platforms are: facebook, instagram"), "{}", r.text());
    let r = server.post_urlencoded("/pdf", b"lang=nl&platform=facebook&layout=flyer-a4");
    assert_status(&r, 400, "no campaign, in a project of two");
    assert!(r.text().contains("the campaigns are: linkedin-ai, meta-ai"), "{}", r.text());
    let r = server.post_urlencoded("/pdf", b"campaign=../meta-ai&lang=nl&platform=facebook&layout=flyer-a4");
    assert_status(&r, 400, "a path as campaign");
    let r = server.post_urlencoded("/pdf", b"campaign=linkedin-ai&lang=en&platform=linkedin&layout=flyer-a4");
    assert_status(&r, 200, "LinkedIn's English flyer");
    let codes: Vec<String> = rasterise(&r.body, 150.0).iter().flat_map(decode_qr).collect();
    assert_eq!(codes, [expected_url("linkedin")]);
    assert_eq!(r.header("content-disposition"), Some("attachment; filename=\"linkedin-ai-en-linkedin-flyer-a4.pdf\""));
}

/// The editor's form as the test fills it in: a Dutch handout of one
/// route with `steps` steps, its code opening `url`.
fn own_handout(steps: usize, url: &str) -> Multipart {
    let mut form = Multipart::new()
        .text("own", "1")
        .text("ui", "nl")
        .text("own_lang", "nl")
        .text("own_title", "Inloggen met de DigiD app")
        .text("own_name", "DigiD")
        .text("own_url", url)
        .text("own_qr_caption", "Scan de code.")
        .text("own_source", "Gemaakt door de bibliotheek.")
        .text("own_route_1_title", "In de app")
        .text("layout", "flyer-a4");
    for n in 1..=steps {
        form = form.text(&format!("own_route_1_step_{n}"), &format!("Doe stap nummer {n}."));
    }
    form
}

const URL: &str = "https://www.digid.nl/inloggen-basis";

/// Without JavaScript the editor is a plain form: its preview adds empty
/// steps after those typed, it saves its file and opens it again (the
/// fields filled in), and a problem is said at its field.
#[test]
fn the_editor_works_without_javascript() {
    let (_dir, server) = start();
    let chooser = server.get("/").text();
    assert_eq!(chooser.matches("class=\"campaign own\" href=\"/?ui=nl&amp;own=1\"").count(), 1, "{chooser}");
    let first = server.get("/?own=1").text();
    assert!(first.contains("name=\"own_route_1_step_4\"") && !first.contains("name=\"own_route_1_step_5\""));
    let r = server.post("/", &own_handout(5, URL).text("page", "1"), "text/html");
    assert_status(&r, 200, "POST / (show preview) of one's own handout");
    let html = r.text();
    assert!(html.contains("src=\"data:image/png;base64,"), "no preview image");
    assert!(html.contains("name=\"own_route_1_step_8\""), "no empty steps after the five typed");
    let saved = server.post("/download", &own_handout(5, URL).text("save", "1"), "text/html");
    assert_status(&saved, 200, "save");
    assert!(saved.header("content-disposition").is_some_and(|d| d.contains("inloggen-met-de-digid-app.toml")));
    let open = Multipart::new().text("own", "1").text("ui", "nl").text("open", "1").text("layout", "flyer-a4");
    let opened = server.post("/", &open.file("own_file", "folder.toml", &saved.body), "text/html");
    assert_status(&opened, 200, "open");
    let html = opened.text();
    assert!(html.contains("value=\"Doe stap nummer 5.\""), "the opened file's step 5 is not in its field");
    let r = server.post("/download", &own_handout(2, "http://www.digid.nl/"), "text/html");
    assert_status(&r, 422, "an http link");
    let html = r.text();
    assert!(html.contains("Het adres moet met https:// beginnen"), "{html}");
    assert!(html.contains("id=\"f-own_url\"") && html.contains("aria-invalid=\"true\""));
}
