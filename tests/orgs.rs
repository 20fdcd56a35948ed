//! Organisations: the example library (SVG logo) and community centre (PNG
//! logo) build; their name, help text and logo are on every document, at
//! the size the layout asks; the QR codes still scan; a spreadsheet of many
//! branches builds in one run, and one broken branch does not stop the rest.

mod common;

use common::*;
use handout::make::{self, batch};
use handout::orgs::{self, OrgChoice};
use handout_core::{Document, Edition, Handout, Item, Mm, Org, Problems, compose};

fn example(id: &str) -> Org {
    let mut problems = Problems::new();
    let mut orgs = orgs::load_orgs(&root(), &OrgChoice::Ids(vec![id.into()]), &mut problems);
    let loaded = orgs.pop().expect("the example organisation");
    let msgs: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
    loaded.org.unwrap_or_else(|| panic!("{id}: {msgs:?}"))
}

/// Every document of one organisation, composed (not written).
fn compose_all(org: &Org) -> Vec<(String, String, String, Document)> {
    let mut problems = Problems::new();
    let proj = load_project(&root(), &mut problems);
    let mut store = proj.font_store();
    let mut docs = Vec::new();
    for layout in &proj.layouts {
        let fonts = store.fonts(&layout.for_org(true).fonts, &mut problems).unwrap();
        for content in &proj.contents {
            // Both editions: the after-deadline texts are longer in places.
            for (platform, edition) in
                content.platforms.iter().flat_map(|p| [(p, Edition::Deadline), (p, Edition::AfterDeadline)])
            {
                let h =
                    Handout { layout: layout.for_org(true), fonts: &fonts, content, platform, edition, org: Some(org) };
                let mut ps = Problems::new();
                let doc = compose(&h, compose_caches(), &mut ps).unwrap_or_else(|| {
                    panic!("{} {}: {:?}", layout.id, content.id, ps.iter().map(|p| p.to_string()).collect::<Vec<_>>())
                });
                docs.push((layout.id.clone(), content.id.clone(), platform.id.clone(), doc));
            }
        }
    }
    docs
}

fn text_of(doc: &Document) -> String {
    let runs: Vec<&str> = doc.text_runs().map(|(_, r)| r.text.as_str()).collect();
    runs.join(" ").replace('\u{a0}', " ")
}

#[test]
fn the_example_organisations_are_on_every_document_with_name_help_and_logo() {
    for (id, raster) in [("bibliotheek-voorbeeldstad", false), ("buurthuis-de-linde", true)] {
        let org = example(id);
        for (layout, lang, platform, doc) in compose_all(&org) {
            let what = format!("{id} {lang}/{platform}-{layout}");
            let text = text_of(&doc);
            assert!(text.contains(&org.name), "{what}: no name in {text}");
            let help = org.help[&lang].resolve(&dummy_vars()).to_plain();
            let first_words: String = help.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
            assert!(text.contains(&first_words), "{what}: no help text `{first_words}`");
            let logos: Vec<_> =
                doc.pages.iter().flat_map(|p| &p.items).filter(|i| matches!(i, Item::Image { .. })).collect();
            if layout == "flyer-a4" || layout == "flyer-a4-large" {
                // The flyer's band: a logo box of 44 x 20 mm, the logo in
                // proportion within it, never blown up past 300 dpi.
                let [Item::Image { rect, picture }] = logos.as_slice() else {
                    panic!("{what}: one logo, not {}", logos.len())
                };
                let (bw, bh) = if layout == "flyer-a4" { (44.0, 20.0) } else { (50.0, 30.0) };
                assert!(rect.w.fits_in(Mm(bw)) && rect.h.fits_in(Mm(bh)), "{what}: {rect:?}");
                assert!(
                    rect.w.approx_eq(Mm(bw)) || rect.h.approx_eq(Mm(bh)),
                    "{what}: not fitted to the box: {rect:?}"
                );
                let logo = org.logo.as_ref().unwrap();
                assert!(((rect.w / rect.h) - logo.aspect).abs() < 0.01, "{what}: out of proportion");
                assert_eq!(!matches!(picture, handout_core::Picture::Svg(_)), raster);
            } else if ["pocket-cards", "pocket-card-print", "screen-16x9", "social-4x5"].contains(&layout.as_str()) {
                assert!(logos.is_empty(), "{what}: name and help text only");
            }
        }
    }
}

fn dummy_vars() -> handout_core::Vars<'static> {
    handout_core::Vars { platform: "", deadline: "", url: "", quotes: None }
}

fn batch_opts(out: &std::path::Path, orgs: OrgChoice) -> make::Options {
    let mut opts = options(&root(), out);
    opts.orgs = orgs;
    opts
}

#[test]
fn org_pdfs_carry_the_logo_as_an_image_or_as_vectors_and_still_scan() {
    let out = tempfile::tempdir().unwrap();
    let mut opts = batch_opts(out.path(), OrgChoice::All);
    opts.plan.selection = handout_core::Selection::one(Some("meta-ai"), Some("nl"), Some("facebook"), None);
    // PDF/A too: a logo must not break archiving (no interpolated images).
    opts.plan.pdfa = true;
    let outcome = batch::run(&opts, &batch::Quiet, &handout::stop::Stop::default());
    assert!(outcome.ok(), "{:?}", outcome.org_problems.iter().map(|p| p.to_string()).collect::<Vec<_>>());
    let layouts = std::fs::read_dir(root().join("layouts")).unwrap().count();
    assert_eq!((outcome.built, outcome.documents), (2, 2 * layouts));
    for (id, raster) in [("bibliotheek-voorbeeldstad", false), ("buurthuis-de-linde", true)] {
        let flyer = std::fs::read(out.path().join(id).join("meta-ai/nl/facebook-flyer-a4.pdf")).unwrap();
        let has = |n: &[u8]| flyer.windows(n.len()).any(|w| w == n);
        assert_eq!(
            has(b"/Subtype /Image") || has(b"/Subtype/Image"),
            raster,
            "{id}: image XObject only for a PNG logo"
        );
        let page = &rasterise(&flyer, 150.0)[0];
        assert_eq!(decode_qr(page), vec![expected_url("facebook").to_string()], "{id}");
        // The logo's ink is where the band is: lower left of the page.
        let band = page.crop(page.w * 8 / 100, page.h * 88 / 100, page.w * 22 / 100, page.h * 7 / 100);
        assert!(band.px.iter().filter(|&&v| v < 200).count() > band.px.len() / 20, "{id}: no logo drawn in the band");
        // The first card on the sheet (rqrr reads one code at a time best).
        let cards = std::fs::read(out.path().join(id).join("meta-ai/nl/facebook-pocket-cards.pdf")).unwrap();
        let first = decode_qr_in(&cards, 0, 14.4, 13.55, 85.6, 53.98);
        assert_eq!(first, vec![expected_url("facebook").to_string()], "{id}: cards scan");
    }
}

#[test]
fn a_spreadsheet_of_200_branches_builds_and_a_broken_one_is_listed_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("id;name;help_nl;website;logo\n");
    for i in 1..=200 {
        let logo = if i % 2 == 0 { "buurthuis-de-linde.png" } else { "" };
        csv.push_str(&format!(
            "tak-{i:03};Bibliotheek Tak {i};Hulp? Balie {i}, dinsdag 10-12 uur.;www.tak{i}.nl;{logo}\n"
        ));
    }
    csv.push_str("kapot;Bibliotheek Kapot;Hulp;geen website;nope.png\n");
    std::fs::write(dir.path().join("branches.csv"), csv).unwrap();
    std::fs::copy(root().join("orgs/buurthuis-de-linde.png"), dir.path().join("buurthuis-de-linde.png")).unwrap();
    let out = dir.path().join("out");
    let mut opts = batch_opts(&out, OrgChoice::Sheet(dir.path().join("branches.csv")));
    opts.plan.selection = handout_core::Selection::one(Some("meta-ai"), Some("nl"), Some("facebook"), Some("flyer-a4"));
    let outcome = batch::run(&opts, &batch::Quiet, &handout::stop::Stop::default());
    assert!(!outcome.problems.has_errors());
    assert_eq!((outcome.built, outcome.failed, outcome.documents), (200, 1, 200));
    assert!(
        out.join("tak-001/meta-ai/nl/facebook-flyer-a4.pdf").is_file()
            && out.join("tak-200/meta-ai/nl/facebook-flyer-a4.pdf").is_file()
    );
    assert!(!out.join("kapot").exists(), "nothing of a broken branch is written");
    assert_eq!(outcome.failed_ids, ["kapot"]);
    let messages: Vec<String> = outcome.org_problems.iter().map(|p| p.to_string()).collect();
    assert!(messages.iter().any(|m| m.contains("branches.csv:202:30: error: the website")), "{messages:?}");
    assert!(
        messages.iter().any(|m| m.contains("branches.csv:202:43: error: the logo `nope.png` cannot be read")),
        "{messages:?}"
    );
}

#[test]
fn a_language_without_help_text_gets_a_warning_and_name_and_logo_only() {
    let dir = tempfile::tempdir().unwrap();
    copy_project(dir.path());
    std::fs::create_dir_all(dir.path().join("orgs")).unwrap();
    std::fs::write(
        dir.path().join("orgs/alleen-nl.toml"),
        "name = \"Bibliotheek Alleen\"\n[help]\nnl = \"Hulp: balie.\"\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let args = [
        "build",
        "--root",
        dir.path().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--org",
        "alleen-nl",
        "--layout",
        "flyer-a4",
    ];
    let r = handout(&args, BEFORE_DEADLINE_EPOCH);
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(r.status.success(), "{stderr}");
    assert!(stderr.contains("organisation `alleen-nl` has no help text in `en`"), "{stderr}");
    assert!(out.join("alleen-nl/meta-ai/en/facebook-flyer-a4.pdf").is_file());
    assert!(stderr.contains("6 document(s) for 1 organisation(s)"), "{stderr}");
}

#[test]
fn without_an_organisation_nothing_changes_and_an_unknown_one_is_a_usage_error() {
    let out = tempfile::tempdir().unwrap();
    let root = root();
    let base = ["build", "--root", root.to_str().unwrap(), "--out", out.path().to_str().unwrap()];
    let r = handout(&[&base[..], &["--org", "nergens"]].concat(), BEFORE_DEADLINE_EPOCH);
    assert_eq!(r.status.code(), Some(2), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(String::from_utf8_lossy(&r.stderr).contains("no organisation `nergens`"));
    assert!(files_under(out.path()).is_empty());
}

/// Ctrl-C in a batch: the organisations begun are finished (every file
/// written is whole, no temporary file is left), no other is begun, and
/// it says how far it got, with exit code 130.
#[cfg(unix)]
#[test]
fn an_interrupted_batch_leaves_whole_files_and_says_how_far_it_got() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("id;name;help_nl\n");
    for i in 1..=3000 {
        csv.push_str(&format!("tak-{i:04};Bibliotheek Tak {i};Hulp? Balie {i}, dinsdag 10-12 uur.\n"));
    }
    std::fs::write(dir.path().join("branches.csv"), csv).unwrap();
    let out = dir.path().join("out");
    let project = root();
    let args = ["build", "--root", project.to_str().unwrap(), "--out", out.to_str().unwrap()];
    let sheet = dir.path().join("branches.csv");
    let more = ["--orgs-sheet", sheet.to_str().unwrap(), "--lang", "nl", "--layout", "flyer-a4,pocket-cards"];
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_handout"))
        .args(args.iter().chain(&more))
        .env("SOURCE_DATE_EPOCH", BEFORE_DEADLINE_EPOCH)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Once the first documents are there, Ctrl-C (SIGINT, as a terminal sends it).
    let start = std::time::Instant::now();
    while files_under(&out).iter().filter(|f| f.extension().is_some_and(|e| e == "pdf")).count() < 10 {
        assert!(start.elapsed() < std::time::Duration::from_secs(60), "nothing written");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let pid = child.id().to_string();
    assert!(std::process::Command::new("kill").args(["-INT", &pid]).status().unwrap().success());
    let r = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("stopped: ") && stderr.contains("not begun"), "{stderr}");
    let files = files_under(&out);
    assert!(files.len() < 3000 * 6, "it stopped before the end");
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy();
        assert!(!name.starts_with('.') && !name.ends_with(".tmp"), "a temporary file is left: {}", f.display());
        let bytes = std::fs::read(f).unwrap();
        assert!(
            bytes.starts_with(b"%PDF-") && bytes.trim_ascii_end().ends_with(b"%%EOF"),
            "{} is not whole",
            f.display()
        );
    }
    // Each organisation begun is there whole: all six of its documents.
    let mut per_org = std::collections::BTreeMap::new();
    for f in &files {
        let org = f.strip_prefix(&out).unwrap().components().next().unwrap().as_os_str().to_owned();
        *per_org.entry(org).or_insert(0) += 1;
    }
    assert!(per_org.values().all(|n| *n == 6), "{per_org:?}");
}
