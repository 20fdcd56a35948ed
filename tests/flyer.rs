//! End to end: the real data and layouts, built into a temporary folder,
//! checked on the page model and on the real PDF (rasterised, QR decoded).

mod common;

use common::*;
use handout::make::Placed;
use handout_core::{Block, Item, Mm, PlacedRegion, Rect, TextRun, TextTag, body_size};

#[test]
fn builds_a_flyer_per_platform_in_the_documented_place() {
    let out = tempfile::tempdir().unwrap();
    build_all(out.path());
    for campaign_lang_platform in
        ["meta-ai/nl/facebook", "meta-ai/nl/instagram", "meta-ai/en/facebook", "meta-ai/en/instagram"]
            .into_iter()
            .chain(["linkedin-ai/nl/linkedin", "linkedin-ai/en/linkedin"])
    {
        let path = out.path().join(format!("{campaign_lang_platform}-flyer-a4.pdf"));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(bytes.starts_with(b"%PDF-"), "{} is not a PDF", path.display());
    }
}

#[test]
fn flyers_are_a4_and_their_qr_code_opens_the_right_form() {
    let out = tempfile::tempdir().unwrap();
    let outcome = build_all(out.path());
    let flyers: Vec<_> = outcome.documents.iter().filter(|o| o.built.id.layout == "flyer-a4").collect();
    assert_eq!(flyers.len(), 2 * 3, "Dutch and English; Facebook, Instagram and LinkedIn");
    for o in flyers {
        let pdf = std::fs::read(&o.main).unwrap();
        let sizes = page_sizes(&pdf);
        assert_eq!(sizes.len(), 1, "{}: one page", o.main.display());
        let (w, h) = sizes[0];
        assert!((w - 595.28).abs() < 0.5 && (h - 841.89).abs() < 0.5, "{}: {w} x {h} pt is not A4", o.main.display());

        let pages = rasterise(&pdf, 150.0);
        let decoded = decode_qr(&pages[0]);
        assert_eq!(decoded, vec![expected_url(&o.built.id.platform).to_string()], "{}", o.main.display());

        // The code is printed at least 35 mm wide with a 4-module quiet zone, EC level M.
        let (_, qr) = o.built.doc.qr_symbols().next().expect("a QR code on the page");
        assert!(qr.symbol().w >= Mm(35.0), "QR code is {:?} wide", qr.symbol().w);
        assert!(qr.quiet >= 4);
    }
}

#[test]
fn the_deadline_is_the_largest_text_after_the_title_and_twice_the_body() {
    let out = tempfile::tempdir().unwrap();
    let outcome = build_all(out.path());
    let mut problems = handout_core::Problems::new();
    let proj = load_project(&root(), &mut problems);
    for o in outcome.documents.iter().filter(|o| o.built.id.layout == "flyer-a4") {
        let layout = proj.layouts.iter().find(|l| l.id == o.built.id.layout).unwrap();
        let blocks: Vec<&Block> = layout.faces.iter().flat_map(|f| &f.regions).flat_map(|r| &r.blocks).collect();
        let date_role = blocks
            .iter()
            .find_map(|b| match b {
                Block::Deadline(d) => Some(d.date.name.clone()),
                _ => None,
            })
            .expect("the layout has a deadline callout");
        let title_role = blocks
            .iter()
            .find_map(|b| match b {
                Block::Text(t) if t.tag == TextTag::H1 => Some(t.role.name.clone()),
                _ => None,
            })
            .expect("the layout has a title");
        let date_runs: Vec<&TextRun> =
            o.built.doc.text_runs().map(|(_, r)| r).filter(|r| r.role == date_role).collect();
        let printed: String = date_runs.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join(" ");
        let expected = match (o.built.id.campaign.as_str(), o.built.id.lang.as_str()) {
            ("meta-ai", "nl") => "27 mei 2025",
            ("meta-ai", "en") => "27 May 2025",
            ("linkedin-ai", "nl") => "3 november 2025",
            ("linkedin-ai", "en") => "3 November 2025",
            other => panic!("no expected date for {other:?}"),
        };
        assert_eq!(printed, expected, "the deadline is printed as a full date in the edition's language");
        let deadline = date_runs.iter().map(|r| r.size.0).fold(0.0, f32::max);
        for (_, r) in o.built.doc.text_runs().filter(|(_, r)| r.role != date_role && r.role != title_role) {
            assert!(
                r.size.0 < deadline,
                "`{}` ({} pt, role {}) is as large as the deadline ({deadline} pt)",
                r.text,
                r.size.0,
                r.role
            );
        }
        let title =
            o.built.doc.text_runs().filter(|(_, r)| r.role == title_role).map(|(_, r)| r.size.0).fold(0.0, f32::max);
        assert!(title > deadline, "title {title} pt, deadline {deadline} pt");
        let body = body_size(&o.built.doc);
        assert!(body.0 >= 12.0, "body text {body:?} is below 12 pt");
        assert!(deadline >= 2.0 * body.0, "deadline {deadline} pt is not twice the body {body:?}");
    }
}

/// The frames a face is drawn in on a page, in face coordinates: each card
/// on a sheet, or the page itself (shifted by the bleed, if any).
fn frames(page: &handout_core::Page) -> Vec<(Mm, Mm, Rect)> {
    if page.cards.is_empty() {
        let (bx, by) = page.trim.map_or((Mm::ZERO, Mm::ZERO), |t| (t.x, t.y));
        vec![(bx, by, Rect::new(Mm::ZERO, Mm::ZERO, page.size.w, page.size.h))]
    } else {
        page.cards.iter().map(|c| (c.x, c.y, *c)).collect()
    }
}

#[test]
fn every_step_appears_inside_its_region_and_no_text_leaves_its_region() {
    let out = tempfile::tempdir().unwrap();
    let outcome = build_all(out.path());
    let mut problems = handout_core::Problems::new();
    let proj = load_project(&root(), &mut problems);
    let mut steps_checked = 0;
    for o in &outcome.documents {
        let edition =
            proj.contents.iter().find(|e| e.campaign.id == o.built.id.campaign && e.id == o.built.id.lang).unwrap();
        let layout = proj.layouts.iter().find(|l| l.id == o.built.id.layout).unwrap();
        let platform = edition.platforms.iter().find(|p| p.id == o.built.id.platform).unwrap();
        for (face_no, page) in o.built.doc.pages.iter().enumerate() {
            // Where the regions were placed: stacks move them.
            let regions: Vec<_> = o.built.doc.regions[face_no].iter().collect();
            for (dx, dy, frame) in frames(page) {
                // Every run in this frame, in face coordinates.
                let local: Vec<(Rect, &TextRun)> = page
                    .items
                    .iter()
                    .filter_map(|it| match it {
                        Item::Text(r) if frame.contains(&r.bbox(), Mm(0.01)) => Some((r.bbox().translate(-dx, -dy), r)),
                        _ => None,
                    })
                    .collect();
                for (bbox, r) in &local {
                    assert!(
                        regions.iter().any(|g| g.rect.contains(bbox, Mm(0.01))),
                        "{}: `{}` at {bbox:?} is outside every region",
                        o.main.display(),
                        r.text
                    );
                }
                let face = &layout.faces[face_no];
                steps_checked += check_steps(o, (edition, platform), face, &regions, &local, (dx, dy));
                for it in &page.items {
                    if let Item::Qr(q) = it
                        && frame.contains(&q.outer(), Mm(0.01))
                    {
                        let b = q.outer().translate(-dx, -dy);
                        assert!(regions.iter().any(|g| g.content.contains(&b, Mm(0.01))), "QR code outside its region");
                    }
                }
            }
        }
    }
    assert!(steps_checked > 0);
}

/// Every step of each route this face shows is drawn whole, as its text
/// reads, inside the route's region; how many steps were checked.
fn check_steps(
    o: &Placed,
    (content, platform): (&handout_core::Content, &handout_core::Platform),
    face: &handout_core::Face,
    regions: &[&PlacedRegion],
    local: &[(Rect, &TextRun)],
    (dx, dy): (Mm, Mm),
) -> usize {
    let mut checked = 0;
    for (route_id, route) in &platform.routes {
        let Some(drawn) =
            face.regions.iter().find(|g| g.blocks.iter().any(|b| matches!(b, Block::Route(r) if &r.route == route_id)))
        else {
            continue;
        };
        let region = regions.iter().find(|p| p.name == drawn.name).expect("every region is placed");
        for step in &route.steps {
            let runs: Vec<&TextRun> = local
                .iter()
                .filter(|(_, r)| {
                    r.source.as_ref().is_some_and(|s| s.span == step.loc.span && s.path() == step.loc.path())
                })
                .map(|(_, r)| *r)
                .collect();
            let vars = handout_core::Vars {
                platform: &platform.name,
                deadline: "",
                url: &platform.form_url,
                quotes: content.texts.language.quotes.as_ref(),
            };
            // Its words: icons are drawn, not set (tests/icons.rs checks them).
            let expected = without_icons(&step.resolve(&vars).to_plain());
            assert_eq!(
                normalise(&join_lines(&runs)),
                normalise(&expected),
                "{}: step missing or changed",
                o.main.display()
            );
            for r in runs {
                let b = r.bbox().translate(-dx, -dy);
                assert!(region.rect.contains(&b, Mm(0.01)), "`{}` at {b:?} leaves region `{}`", r.text, region.name);
            }
            checked += 1;
        }
    }
    checked
}

/// Runs in reading order joined back into the text: runs on one line are
/// adjacent, a line-end hyphen the breaker added joins the word again.
fn join_lines(runs: &[&TextRun]) -> String {
    let mut out = String::new();
    let mut last_y = None;
    for r in runs {
        if let Some(y) = last_y
            && r.origin.y != y
        {
            if out.ends_with('-') && !out.ends_with("--") {
                let before = out[..out.len() - 1].chars().last();
                // A hyphen the breaker added sits between two letters.
                if before.is_some_and(char::is_alphabetic) && r.text.chars().next().is_some_and(char::is_lowercase) {
                    out.pop();
                }
            } else {
                out.push(' ');
            }
        }
        out.push_str(&r.text);
        last_y = Some(r.origin.y);
    }
    out
}

/// A text as written, its `{icon:name}` markup left out.
fn without_icons(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("{icon:") {
        out.push_str(&rest[..i]);
        rest = rest[i..].split_once('}').map_or("", |(_, after)| after);
    }
    out.push_str(rest);
    out
}

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").replace("- ", "-")
}

#[test]
fn two_builds_are_byte_identical() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let first = build_all(a.path());
    build_all(b.path());
    assert!(!first.documents.is_empty());
    for o in &first.documents {
        let rel = o.main.strip_prefix(a.path()).unwrap();
        let x = std::fs::read(a.path().join(rel)).unwrap();
        let y = std::fs::read(b.path().join(rel)).unwrap();
        assert!(x == y, "{} differs between two builds", rel.display());
    }
}

#[test]
fn pdfs_are_tagged_pdf_ua_with_title_and_language() {
    let out = tempfile::tempdir().unwrap();
    // Every layout's PDF: screen layouts' too, which the server's /pdf gives.
    let mut opts = options(&root(), out.path());
    opts.write = false;
    opts.plan.make = handout_core::Make::Pdf;
    let outcome = handout::make::run(&opts);
    assert!(!outcome.failed());
    assert_eq!(outcome.documents.len(), build_all(out.path()).documents.len());
    for o in &outcome.documents {
        let pdf = o.built.pdf().expect("a PDF");
        let has = |needle: &[u8]| pdf.windows(needle.len()).any(|w| w == needle);
        assert!(has(b"/StructTreeRoot"), "{}: not tagged", o.main.display());
        assert!(has(b"pdfuaid:part"), "{}: no PDF/UA identification", o.main.display());
        let lang = format!("/Lang({})", o.built.id.lang);
        assert!(has(lang.as_bytes()), "{}: language not set", o.main.display());
        assert!(has(b"/Figure"), "{}: the QR code is not a figure", o.main.display());
        let company = if o.built.id.campaign == "meta-ai" { "Meta" } else { "LinkedIn" };
        assert!(o.built.doc.title.contains(company), "title: {}", o.built.doc.title);
    }
}
