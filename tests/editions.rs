//! The editions (the dated one, the after-deadline one, and `auto`, which
//! picks by today's date) and the PDF/A option.

mod common;

use common::*;
use handout::make;
use handout_core::{Edition, EditionChoice};

#[test]
fn the_after_deadline_edition_calls_to_object_now_keeps_the_date_small_and_scans() {
    let out = tempfile::tempdir().unwrap();
    let mut opts = options(&root(), out.path());
    opts.plan.edition = EditionChoice::Fixed(Edition::AfterDeadline);
    opts.plan.today = handout_core::Date { year: 2026, month: 11, day: 29 };
    let outcome = make::run(&opts);
    assert!(!outcome.failed(), "{:?}", outcome.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>());
    // No "deadline has passed" warning: this edition is the answer to it.
    assert!(outcome.problems.is_empty(), "{:?}", outcome.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>());
    assert!(!outcome.documents.is_empty());
    for o in &outcome.documents {
        let path = o.main.to_string_lossy();
        assert!(path.ends_with("-after-deadline.pdf") || path.ends_with("-after-deadline.png"), "{path}");
        let text: String = o.built.doc.text_runs().map(|(_, r)| r.text.clone()).collect::<Vec<_>>().join(" ");
        // The date is still there, so the handout tells the whole story,
        // but only in the note, far smaller than the call to object now.
        let headline =
            o.built.doc.text_runs().map(|(_, r)| r).find(|r| r.text.contains("now") || r.text.contains("nu")).unwrap();
        let dated: Vec<_> = o.built.doc.text_runs().map(|(_, r)| r).filter(|r| r.text.contains("2025")).collect();
        assert!(!dated.is_empty(), "{}: the passed date is not mentioned", o.main.display());
        for r in dated {
            assert!(
                r.size.0 * 1.5 < headline.size.0,
                "{}: `{}` at {} pt is not small",
                o.main.display(),
                r.text,
                r.size.0
            );
        }
        // Each campaign says it in its own words: objecting, switching off.
        let card = o.built.id.layout.starts_with("pocket");
        let (headline, note) = match (o.built.id.campaign.as_str(), o.built.id.lang.as_str()) {
            (_, "nl") if card => ("Doe het nu!", "vanaf de dag dat je het"),
            ("meta-ai", "nl") => ("Maak nu bezwaar", "vanaf de dag dat je het"),
            ("meta-ai", "en") => ("Object now", "counts from the day you send it"),
            ("linkedin-ai", "nl") => ("Zet het nu uit", "vanaf de dag dat je het"),
            ("linkedin-ai", "en") if card => ("Do it now!", "works from the day you do it"),
            ("linkedin-ai", "en") => ("Switch it off now", "works from the day you do it"),
            other => panic!("{other:?}"),
        };
        assert!(text.contains(headline), "{}: no `{headline}` in {text}", o.main.display());
        assert!(text.contains(note), "{}: no `{note}`", o.main.display());
        if o.built.id.layout == "flyer-a4" || o.built.id.layout == "poster-a3" {
            let pdf = std::fs::read(&o.main).unwrap();
            let found = decode_qr(&rasterise(&pdf, 150.0)[0]);
            assert_eq!(found.len(), 1, "{}", o.main.display());
            assert!(found[0].starts_with("https://"));
        }
    }
}

#[test]
fn pdfa_adds_pdf_a_2a_and_stays_reproducible() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for dir in [&a, &b] {
        let mut opts = options(&root(), dir.path());
        opts.plan.pdfa = true;
        opts.plan.selection = handout_core::Selection::one(Some("meta-ai"), Some("nl"), None, Some("flyer-a4"));
        let outcome = make::run(&opts);
        assert!(!outcome.failed(), "{:?}", outcome.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>());
    }
    for f in files_under(a.path()) {
        let x = std::fs::read(&f).unwrap();
        let y = std::fs::read(b.path().join(f.strip_prefix(a.path()).unwrap())).unwrap();
        assert!(x == y, "{} differs", f.display());
        let has = |n: &[u8]| x.windows(n.len()).any(|w| w == n);
        assert!(has(b"pdfaid:part"), "no PDF/A identification in {}", f.display());
        assert!(has(b"pdfuaid:part"), "PDF/UA lost in {}", f.display());
    }
}

#[test]
fn the_default_edition_follows_the_date_and_says_why() {
    let root = root();
    for (epoch, suffix, said) in [
        (BEFORE_DEADLINE_EPOCH, "", "printing the dated edition"),
        (ON_DEADLINE_EPOCH, "-after-deadline", "printing the after-deadline edition"),
        (AFTER_DEADLINE_EPOCH, "-after-deadline", "printing the after-deadline edition"),
    ] {
        let out = tempfile::tempdir().unwrap();
        let r = handout(
            &["build", "--root", root.to_str().unwrap(), "--out", out.path().to_str().unwrap(), "--layout", "flyer-a4"],
            epoch,
        );
        let stderr = String::from_utf8_lossy(&r.stderr);
        assert!(r.status.success(), "{stderr}");
        assert!(stderr.contains(said), "{epoch}: {stderr}");
        assert!(!stderr.contains("has passed: today is"), "auto never warns about the date: {stderr}");
        let flyer = out.path().join("meta-ai/nl").join(format!("facebook-flyer-a4{suffix}.pdf"));
        let pdf = std::fs::read(&flyer).unwrap_or_else(|e| panic!("{}: {e}", flyer.display()));
        assert_eq!(decode_qr(&rasterise(&pdf, 150.0)[0]), vec![expected_url("facebook").to_string()]);
    }
}

#[test]
fn forcing_the_dated_edition_after_the_deadline_warns_and_strict_refuses() {
    let root = root();
    let out = tempfile::tempdir().unwrap();
    let args =
        ["build", "--root", root.to_str().unwrap(), "--out", out.path().to_str().unwrap(), "--edition", "deadline"];
    let r = handout(&args, ON_DEADLINE_EPOCH);
    let stderr = String::from_utf8_lossy(&r.stderr);
    assert!(r.status.success(), "{stderr}");
    assert!(stderr.contains("the deadline 2025-05-27 (27 mei 2025) has passed: today is 2025-05-27"), "{stderr}");
    assert!(out.path().join("meta-ai/nl/facebook-flyer-a4.pdf").is_file());
    let out = tempfile::tempdir().unwrap();
    let strict = [&args[..4], &[out.path().to_str().unwrap(), "--edition", "deadline", "--strict"]].concat();
    let r = handout(&strict, AFTER_DEADLINE_EPOCH);
    assert_eq!(r.status.code(), Some(1));
    assert!(files_under(out.path()).is_empty());
}

/// LinkedIn's campaign as one without a deadline: its date left out, and
/// the texts that name the date with it.
fn undated_linkedin() -> handout_core::MemFiles {
    let mut files = handout_core::MemFiles::embedded();
    let campaign = "campaigns/linkedin-ai/campaign.toml";
    let text = std::fs::read_to_string(root().join(campaign)).unwrap();
    let kept: Vec<&str> = text.lines().filter(|l| !l.starts_with("deadline =")).collect();
    files.insert(campaign, kept.join("\n").into_bytes());
    for lang in ["nl", "en"] {
        let path = format!("campaigns/linkedin-ai/{lang}/texts.toml");
        let mut table: toml::Table = std::fs::read_to_string(root().join(&path)).unwrap().parse().unwrap();
        let texts = table.get_mut("text").and_then(|t| t.as_table_mut()).unwrap();
        texts.retain(|_, v| !v.as_str().unwrap_or("").contains("{deadline}"));
        files.insert(path, toml::to_string(&table).unwrap().into_bytes());
    }
    files
}

/// Whether anything is drawn inside `rect`: text, a QR code or a picture.
fn holds_something(page: &handout_core::Page, rect: &handout_core::Rect) -> bool {
    use handout_core::Item;
    page.items.iter().any(|item| match item {
        Item::Text(r) => rect.contains(&r.bbox(), handout_core::Mm(0.5)),
        Item::Qr(q) => rect.contains(&q.symbol(), handout_core::Mm(0.5)),
        Item::Image { rect: r, .. } => rect.contains(r, handout_core::Mm(0.5)),
        _ => false,
    })
}

/// The coloured boxes with nothing in them, by page: a layout's own panels
/// (the print-shop card's band), or a callout left empty.
fn empty_boxes(doc: &handout_core::Document) -> Vec<(usize, handout_core::Rect)> {
    let mut out = Vec::new();
    for (n, page) in doc.pages.iter().enumerate() {
        for item in &page.items {
            if let handout_core::Item::Box { rect, .. } = item
                && !holds_something(page, rect)
            {
                out.push((n, *rect));
            }
        }
    }
    out
}

/// Every document of LinkedIn's campaign from `files` (every layout, both
/// languages, with and without the example library), in the edition
/// `auto` prints on `today`.
fn linkedin_documents(files: handout_core::MemFiles, today: handout_core::Date) -> Vec<handout_core::Built> {
    use handout_core::{Caches, InTurn, Plan, PlanOptions, Problems, Selection};
    let selection = Selection::one(Some("linkedin-ai"), None, None, None);
    let mut problems = Problems::new();
    let proj = handout_core::load_project(std::sync::Arc::new(files), &selection, &mut problems);
    let opts = PlanOptions { selection, ..PlanOptions::new(today) };
    let plan = Plan::new(&proj, &opts, &mut proj.font_store(), &mut problems);
    let choice = handout::orgs::OrgChoice::Ids(vec!["bibliotheek-voorbeeldstad".into()]);
    let org = handout::orgs::load_orgs(&root(), &choice, &mut problems).pop().unwrap().org.unwrap();
    let mut built = plan.build_jobs(&plan.jobs(None), &Caches::new(), &InTurn, &mut problems);
    built.extend(plan.build_jobs(&plan.jobs(Some(&org)), &Caches::new(), &InTurn, &mut problems));
    assert!(!problems.has_errors(), "{:?}", problems.iter().map(|p| p.to_string()).collect::<Vec<_>>());
    built
}

#[test]
fn a_campaign_without_a_deadline_has_no_callout_and_no_empty_box() {
    let built = linkedin_documents(undated_linkedin(), BEFORE_DEADLINE);
    let dated = linkedin_documents(handout_core::MemFiles::embedded(), BEFORE_DEADLINE);
    assert_eq!(built.len(), 2 * 8 * 2, "two languages, every layout, with and without an organisation");
    for b in &built {
        assert_eq!(b.id.edition, Edition::Undated, "{}", b.id);
        assert!(!b.main.contains("deadline"), "{}: one edition, named plainly", b.main);
        let regions = b.doc.regions.iter().flatten();
        assert!(regions.clone().all(|r| r.name != "deadline"), "{}: a deadline region", b.id);
        let callout = b.doc.text_runs().find(|(_, r)| r.role.starts_with("deadline"));
        assert!(callout.is_none(), "{}: deadline text {:?}", b.id, callout.map(|(_, r)| &r.text));
        // Only the panels the layout draws empty anyway stay empty.
        let same =
            |d: &&handout_core::Built| (&d.id.lang, &d.id.layout, &d.id.org) == (&b.id.lang, &b.id.layout, &b.id.org);
        let designed = empty_boxes(&dated.iter().find(same).unwrap().doc);
        for empty in empty_boxes(&b.doc) {
            assert!(designed.contains(&empty), "{}: an empty box on page {}: {:?}", b.id, empty.0 + 1, empty.1);
        }
    }
    // The room the callout had goes to what was below it: on the A4 flyer
    // the routes start about where the callout did (80 mm, the stack
    // sharing out the room as ever), not where they were drawn (118 mm).
    let flyer = built.iter().find(|b| b.id.layout == "flyer-a4" && b.id.org.is_none()).unwrap();
    let routes = flyer.doc.regions[0].iter().find(|r| r.name == "route-browser").unwrap();
    assert!((routes.rect.y.0 - 80.0).abs() < 3.0, "the routes begin at {:?}", routes.rect.y);
}
