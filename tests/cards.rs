//! Pocket cards: imposition geometry on the page model, every QR code on
//! the real PDF, and the print-shop file's boxes.

mod common;

use common::*;
use handout_core::{Item, Mm, Rect};

const A4: (f32, f32) = (595.28, 841.89);

#[test]
fn cards_lie_on_the_sheet_apart_and_backs_sit_behind_fronts() {
    let out = tempfile::tempdir().unwrap();
    let outcome = build_all(out.path());
    let cards: Vec<_> = outcome.documents.iter().filter(|o| o.built.id.layout == "pocket-cards").collect();
    assert_eq!(cards.len(), 6, "two languages; Facebook, Instagram and LinkedIn");
    for o in cards {
        let pages = &o.built.doc.pages;
        assert_eq!(pages.len(), 2, "fronts and backs");
        let sheet = Rect::new(Mm::ZERO, Mm::ZERO, pages[0].size.w, pages[0].size.h);
        assert!((sheet.w.0 - 210.0).abs() < 0.01 && (sheet.h.0 - 297.0).abs() < 0.01);
        let (fronts, backs) = (&pages[0].cards, &pages[1].cards);
        assert!(fronts.len() >= 8, "only {} cards on a sheet", fronts.len());
        assert_eq!(fronts.len(), backs.len());
        for page in pages {
            for (i, a) in page.cards.iter().enumerate() {
                assert!((a.w.0 - 85.60).abs() < 0.01 && (a.h.0 - 53.98).abs() < 0.01, "card is {a:?}, not ID-1");
                assert!(sheet.contains(a, Mm::ZERO), "card {i} {a:?} is off the sheet");
                for b in &page.cards[i + 1..] {
                    assert!(!a.overlaps(b), "cards {a:?} and {b:?} overlap");
                }
            }
            for it in &page.items {
                if let Item::CropMark { from, to, .. } = it {
                    let mark = Rect::new(
                        from.x.min(to.x),
                        from.y.min(to.y),
                        (to.x - from.x).max(-(to.x - from.x)),
                        (to.y - from.y).max(-(to.y - from.y)),
                    );
                    assert!(sheet.contains(&mark, Mm::ZERO), "crop mark {mark:?} is off the sheet");
                    for c in &page.cards {
                        // A line touching a card's edge would print on the card when cut.
                        let grown = Rect::new(c.x - Mm(0.5), c.y - Mm(0.5), c.w + Mm(1.0), c.h + Mm(1.0));
                        assert!(!grown.overlaps(&mark), "crop mark {mark:?} touches card {c:?}");
                    }
                }
            }
        }
        // Duplex, flipped on the long edge: a back is the front mirrored left to right.
        for (f, b) in fronts.iter().zip(backs) {
            let mirrored_x = sheet.w - f.right();
            assert!((b.x.0 - mirrored_x.0).abs() < 0.1 && (b.y.0 - f.y.0).abs() < 0.1, "front {f:?} has back {b:?}");
        }
        // Marks on both sides of every trim line.
        let marks = pages[0].items.iter().filter(|i| matches!(i, Item::CropMark { .. })).count();
        assert!(marks >= 8, "{marks} crop marks");
    }
}

#[test]
fn every_card_s_qr_code_opens_the_form() {
    let out = tempfile::tempdir().unwrap();
    let outcome = build_all(out.path());
    for o in outcome.documents.iter().filter(|o| o.built.id.layout == "pocket-cards") {
        let pdf = std::fs::read(&o.main).unwrap();
        for (w, h) in page_sizes(&pdf) {
            assert!((w - A4.0).abs() < 0.5 && (h - A4.1).abs() < 0.5, "{w} x {h} pt is not A4");
        }
        let dpi = 150.0;
        let page = &rasterise(&pdf, dpi)[0];
        let cards = &o.built.doc.pages[0].cards;
        for (i, c) in cards.iter().enumerate() {
            let found = decode_qr_in(&pdf, 0, c.x.0, c.y.0, c.w.0, c.h.0);
            assert_eq!(found, vec![expected_url(&o.built.id.platform).to_string()], "{} card {i}", o.main.display());
        }
        // Cropping per card is rqrr's limit, not ours: it pairs finder
        // patterns badly with ten codes in view (zbar reads all ten on the
        // whole page, see ../shared/tools/check_pdf.py). Whatever it does
        // read on the whole page must still be the right URL.
        assert!(decode_qr(page).iter().all(|s| s == expected_url(&o.built.id.platform)));
        // No QR code on the backs.
        assert!(decode_qr(&rasterise(&pdf, dpi)[1]).is_empty());
    }
}

/// A sheet of ten cards writes each side's card twice: tagged where the
/// first card lies (a screen reader reads it), and once as a form the
/// other nine places show. Written ten times, the sheet cost half as much
/// again to make (benches/documents.rs).
#[test]
fn a_sheet_writes_its_card_once_and_shows_it_at_every_other_place() {
    let out = tempfile::tempdir().unwrap();
    let outcome = build_all(out.path());
    for o in outcome.documents.iter().filter(|o| o.built.id.layout == "pocket-cards") {
        let pdf = std::fs::read(&o.main).unwrap();
        let pages = &o.built.doc.pages;
        let card_texts: usize =
            pages.iter().map(|p| p.items[..p.card_items].iter().filter(|i| matches!(i, Item::Text(_))).count()).sum();
        let places: usize = pages.iter().map(|p| p.cards.len() - 1).sum();
        let streams = inflated_streams(&pdf);
        let count = |op: &[u8]| streams.iter().map(|s| s.windows(op.len()).filter(|w| *w == op).count()).sum::<usize>();
        assert!(card_texts > 20, "{card_texts} texts on a card");
        // Text as krilla writes it: glyph strings with adjustments, in hex, or literal.
        let texts = count(b"]TJ") + count(b">Tj") + count(b")Tj");
        assert_eq!(texts, 2 * card_texts, "{}: texts written", o.main.display());
        assert_eq!(count(b" Do"), places, "{}: forms shown", o.main.display());
    }
}

/// Every Flate stream of `pdf`, decompressed.
fn inflated_streams(pdf: &[u8]) -> Vec<Vec<u8>> {
    use std::io::Read;
    let mut out = Vec::new();
    let mut rest = pdf;
    while let Some(at) = rest.windows(7).position(|w| w == b"stream\n") {
        let body = &rest[at + 7..];
        let end = body.windows(9).position(|w| w == b"endstream").unwrap_or(body.len());
        let mut inflated = Vec::new();
        if flate2::read::ZlibDecoder::new(&body[..end]).read_to_end(&mut inflated).is_ok() {
            out.push(inflated);
        }
        // Past `endstream`, whose own `stream` is no stream's start.
        rest = &body[(end + 9).min(body.len())..];
    }
    out
}

#[test]
fn card_text_is_never_below_7_5_pt() {
    let out = tempfile::tempdir().unwrap();
    let outcome = build_all(out.path());
    for o in outcome.documents.iter().filter(|o| o.built.id.layout.starts_with("pocket-card")) {
        for (_, r) in o.built.doc.text_runs() {
            assert!(r.size.0 >= 7.5 - 1e-3, "`{}` at {} pt", r.text, r.size.0);
        }
    }
}

/// `/Name[a b c d]` from the PDF, as numbers.
fn pdf_box(pdf: &[u8], name: &str) -> [f32; 4] {
    let text = String::from_utf8_lossy(pdf);
    let start = text.find(&format!("/{name}")).unwrap_or_else(|| panic!("no /{name}")) + name.len() + 1;
    let open = start + text[start..].find('[').unwrap() + 1;
    let close = open + text[open..].find(']').unwrap();
    let v: Vec<f32> = text[open..close].split_whitespace().map(|n| n.parse().unwrap()).collect();
    [v[0], v[1], v[2], v[3]]
}

#[test]
fn the_print_shop_file_has_trim_and_bleed_boxes() {
    let out = tempfile::tempdir().unwrap();
    let outcome = build_all(out.path());
    let pt = |mm: f32| mm * 72.0 / 25.4;
    let prints: Vec<_> = outcome.documents.iter().filter(|o| o.built.id.layout == "pocket-card-print").collect();
    assert_eq!(prints.len(), 6);
    for o in prints {
        let pdf = std::fs::read(&o.main).unwrap();
        assert_eq!(page_sizes(&pdf).len(), 2, "front and back");
        let trim = pdf_box(&pdf, "TrimBox");
        let bleed = pdf_box(&pdf, "BleedBox");
        assert!((trim[2] - trim[0] - pt(85.60)).abs() < 0.05, "trim width {trim:?}");
        assert!((trim[3] - trim[1] - pt(53.98)).abs() < 0.05, "trim height {trim:?}");
        for (t, b, sign) in
            [(trim[0], bleed[0], -1.0), (trim[1], bleed[1], -1.0), (trim[2], bleed[2], 1.0), (trim[3], bleed[3], 1.0)]
        {
            assert!(((b - t) * sign - pt(3.0)).abs() < 0.05, "bleed {bleed:?} is not 3 mm outside trim {trim:?}");
        }
        // Colour runs into the bleed: some box starts at the media's edge.
        let touches_edge = o.built.doc.pages.iter().flat_map(|p| &p.items).any(|i| match i {
            Item::Box { rect, .. } => rect.x.0.abs() < 1e-3 || rect.y.0.abs() < 1e-3,
            _ => false,
        });
        assert!(touches_edge, "no background runs into the bleed");
        // No crop marks on a print-shop page.
        assert!(!o.built.doc.pages.iter().flat_map(|p| &p.items).any(|i| matches!(i, Item::CropMark { .. })));
        // The code still opens the form.
        let found = decode_qr(&rasterise(&pdf, 300.0)[0]);
        assert_eq!(found, vec![expected_url(&o.built.id.platform).to_string()]);
    }
}
