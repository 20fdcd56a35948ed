//! The after-deadline edition and the PDF/A option.

mod common;

use common::*;
use handout::build;
use handout::edition::Edition;

#[test]
fn the_after_deadline_edition_has_no_date_but_the_message_and_working_codes() {
    let out = tempfile::tempdir().unwrap();
    let mut opts = options(&root(), out.path());
    opts.edition = Edition::AfterDeadline;
    opts.today = handout::date::Date { year: 2026, month: 11, day: 29 };
    let outcome = build::run(&opts);
    assert!(!outcome.failed(), "{:?}", outcome.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>());
    // No "deadline has passed" warning: this edition is the answer to it.
    assert!(outcome.problems.is_empty(), "{:?}", outcome.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>());
    assert!(!outcome.outputs.is_empty());
    for o in &outcome.outputs {
        assert!(o.path.to_string_lossy().ends_with("-after-deadline.pdf"), "{}", o.path.display());
        let text: String = o.doc.text_runs().map(|(_, r)| r.text.clone()).collect::<Vec<_>>().join(" ");
        for date in ["2025", "27 mei", "27 May"] {
            assert!(!text.contains(date), "{} still shows `{date}`", o.path.display());
        }
        let (headline, note) = match o.lang.as_str() {
            "nl" => (
                if o.layout.starts_with("pocket") { "Doe het nu!" } else { "Maak nu bezwaar" },
                "vanaf de dag dat je het",
            ),
            "en" => ("Object now", "counts from the day you send it"),
            other => panic!("{other}"),
        };
        assert!(text.contains(headline), "{}: no `{headline}` in {text}", o.path.display());
        assert!(text.contains(note), "{}: no `{note}`", o.path.display());
        if o.layout == "flyer-a4" {
            let pdf = std::fs::read(&o.path).unwrap();
            let found = decode_qr(&rasterise(&pdf, 150.0)[0]);
            assert_eq!(found.len(), 1, "{}", o.path.display());
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
        opts.pdfa = true;
        opts.layout = Some("flyer-a4".into());
        opts.lang = Some("nl".into());
        let outcome = build::run(&opts);
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
