//! Other scripts, proven with fixture editions of Meta's campaign
//! (tests/fixtures/scripts):
//! Arabic is shaped, laid out right to left with the bidi algorithm and
//! mirrored; Ukrainian gets the Cyrillic face. Both scan and extract in
//! reading order.

mod common;

use common::*;
use handout::make;
use handout_core::{Document, Item, Mm, Node, StructKind, TextRun};

fn build_fixture(lang: &str) -> (tempfile::TempDir, make::Placed) {
    let proj = tempfile::tempdir().unwrap();
    copy_project(proj.path());
    let from = root().join("tests/fixtures/scripts").join(lang);
    let to = proj.path().join("campaigns/meta-ai").join(lang);
    std::fs::create_dir_all(&to).unwrap();
    for f in files_under(&from) {
        std::fs::copy(&f, to.join(f.file_name().unwrap())).unwrap();
    }
    let mut opts = options(proj.path(), &proj.path().join("out"));
    opts.plan.selection = handout_core::Selection::one(Some("meta-ai"), Some(lang), None, Some("flyer-a4"));
    let outcome = make::run(&opts);
    assert!(!outcome.failed(), "{:?}", outcome.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>());
    let out = outcome.documents.into_iter().next().expect("one flyer");
    (proj, out)
}

/// Text runs under a structure node, in structure (reading) order.
fn reading_order<'d>(doc: &'d Document, nodes: &[Node], out: &mut Vec<&'d TextRun>) {
    for n in nodes {
        match n {
            Node::Content(r) => {
                if let Some(Item::Text(run)) = doc.pages[r.page].items.get(r.item) {
                    out.push(run);
                }
            }
            Node::Group { children, .. } => reading_order(doc, children, out),
        }
    }
}

fn heading(doc: &Document, level: u16) -> (String, Vec<&TextRun>) {
    fn find(nodes: &[Node], level: u16) -> Option<(&String, &[Node])> {
        nodes.iter().find_map(|n| match n {
            Node::Group { kind: StructKind::Heading(l, t), children } if *l == level => Some((t, children.as_slice())),
            Node::Group { children, .. } => find(children, level),
            _ => None,
        })
    }
    let (title, children) = find(&doc.structure, level).expect("heading");
    let mut runs = Vec::new();
    reading_order(doc, children, &mut runs);
    (title.clone(), runs)
}

#[test]
fn arabic_is_shaped_right_to_left_mirrored_and_reads_in_logical_order() {
    let (_dir, out) = build_fixture("ar");
    let doc = &out.built.doc;

    // Reading order: the title's runs, in structure order, give back the source text.
    let (title, runs) = heading(doc, 1);
    assert_eq!(title, "ألا تريد أن تستخدم Meta منشوراتك للذكاء الاصطناعي؟");
    let joined: String = runs.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join(" ");
    assert_eq!(joined.split_whitespace().collect::<Vec<_>>().join(" "), title);

    // Visual order: on the first line, each run in reading order sits left of the one before.
    let first_y = runs[0].origin.y;
    let line: Vec<&&TextRun> = runs.iter().filter(|r| r.origin.y == first_y).collect();
    assert!(
        line.len() >= 3,
        "Arabic, Latin, Arabic on one line: {:?}",
        line.iter().map(|r| &r.text).collect::<Vec<_>>()
    );
    for pair in line.windows(2) {
        assert!(pair[1].origin.x < pair[0].origin.x, "`{}` is not left of `{}`", pair[1].text, pair[0].text);
    }
    // The Arabic runs are right to left and set in the Arabic face; "Meta" stays left to right.
    for r in &line {
        let arabic = r.text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
        assert_eq!(r.rtl, arabic, "`{}`", r.text);
        if arabic {
            assert_ne!(r.family, 0, "`{}` is not in the Arabic face", r.text);
        }
    }
    // A URL inside Arabic text stays left to right.
    let url_runs: Vec<_> = doc.text_runs().filter(|(_, r)| r.text.contains("facebook.com")).collect();
    assert!(!url_runs.is_empty());
    assert!(url_runs.iter().all(|(_, r)| !r.rtl), "a URL was set right to left");

    is_mirrored(doc);
    letters_join();

    // And it scans.
    let pdf = std::fs::read(&out.main).unwrap();
    assert_eq!(decode_qr(&rasterise(&pdf, 150.0)[0]), vec![expected_url("facebook").to_string()]);
    assert!(pdf.windows(9).any(|w| w == b"/Lang(ar)"));
}

/// Mirrored: paragraphs flush right, step numbers right of their text,
/// the first route in the right-hand column.
fn is_mirrored(doc: &handout_core::Document) {
    let layout_w = Mm(210.0);
    let step_numbers: Vec<_> = doc.text_runs().filter(|(_, r)| r.role == "step_number").map(|(_, r)| r).collect();
    for n in &step_numbers {
        // The step text nearest to the number, on its line, is on its left.
        let nearest = doc
            .text_runs()
            .filter(|(_, r)| r.role == "step" && (r.origin.y - n.origin.y).0.abs() < 3.0)
            .min_by(|a, b| {
                let da = ((a.1.origin.x + a.1.width) - n.origin.x).0.abs().min((a.1.origin.x - n.origin.x).0.abs());
                let db = ((b.1.origin.x + b.1.width) - n.origin.x).0.abs().min((b.1.origin.x - n.origin.x).0.abs());
                da.total_cmp(&db)
            })
            .expect("step text beside its number");
        assert!(nearest.1.origin.x < n.origin.x, "step number {} is not right of `{}`", n.text, nearest.1.text);
    }
    let browser = doc.text_runs().find(|(_, r)| r.text.contains("الكمبيوتر")).unwrap().1;
    assert!(browser.origin.x > layout_w / 2.0, "the first route is not on the right");
    let qr = doc.qr_symbols().next().unwrap().1;
    assert!(qr.outer().x > layout_w / 2.0, "the QR code is not mirrored to the right");
}

/// Shaped: Arabic letters join, so a word is not the sum of its isolated letters.
fn letters_join() {
    let fonts_dir = root().join("fonts");
    let data = std::fs::read(fonts_dir.join("NotoSansArabic-Regular.ttf")).unwrap();
    let face = rustybuzz::Face::from_slice(&data, 0).unwrap();
    let glyphs = |t: &str| {
        let mut b = rustybuzz::UnicodeBuffer::new();
        b.push_str(t);
        b.guess_segment_properties();
        rustybuzz::shape(&face, &[], b).glyph_infos().iter().map(|g| g.glyph_id).collect::<Vec<_>>()
    };
    let word = "بيانات";
    let isolated: Vec<u32> = word.chars().flat_map(|c| glyphs(&c.to_string())).collect();
    let mut joined = glyphs(word);
    joined.reverse(); // shaped right to left: glyphs come in visual order
    assert_ne!(joined, isolated, "Arabic letters were not joined");
}

#[test]
fn ukrainian_uses_the_cyrillic_face_and_scans() {
    let (_dir, out) = build_fixture("uk");
    let doc = &out.built.doc;
    let date: Vec<_> = doc.text_runs().filter(|(_, r)| r.role == "deadline").map(|(_, r)| r.text.clone()).collect();
    assert_eq!(date.join(" "), "27 травня 2025");
    for (_, r) in doc.text_runs() {
        if r.text.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)) {
            assert_ne!(r.family, 0, "`{}` is set in the Latin-only main font", r.text);
            assert!(!r.rtl);
        }
    }
    let (title, runs) = heading(doc, 1);
    let joined: String = runs.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join(" ");
    // The title is hyphenated ("викори-стовувала"); joined back it is the source.
    assert_eq!(joined.replace("- ", "").split_whitespace().collect::<Vec<_>>().join(" "), title);
    let pdf = std::fs::read(&out.main).unwrap();
    assert_eq!(decode_qr(&rasterise(&pdf, 150.0)[0]), vec![expected_url("facebook").to_string()]);
}
