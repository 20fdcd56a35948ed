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
