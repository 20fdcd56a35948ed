//! The formats a library shows the message in: an A3 poster, A5 leaflets
//! two to an A4 sheet, large print, a lobby-screen slide and a social media
//! image. Each builds in Dutch and English for both platforms, its QR code
//! scans (from the PDF at 150 dpi, or from the PNG as it is), and the
//! deadline stands out more than anything but the title.

mod common;

use common::*;
use handout::make::Placed;
use handout_core::{Block, EPS, Item, Mm, Rect, TextTag, body_size};
use std::sync::OnceLock;

fn outputs() -> &'static [Placed] {
    static OUT: OnceLock<(tempfile::TempDir, Vec<Placed>)> = OnceLock::new();
    &OUT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let outcome = build_all(dir.path());
        (dir, outcome.documents)
    })
    .1
}

fn of(layout: &str) -> Vec<&'static Placed> {
    let v: Vec<_> = outputs().iter().filter(|o| o.built.id.layout == layout).collect();
    assert_eq!(v.len(), 6, "{layout}: Dutch and English; Facebook, Instagram and LinkedIn");
    v
}

/// A PNG decoded to grey, with its text chunks.
fn decode_png(bytes: &[u8]) -> (Gray, Vec<(String, String)>) {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut buf).unwrap();
    assert_eq!(frame.color_type, png::ColorType::Rgb);
    let px = buf[..frame.buffer_size()]
        .chunks(3)
        .map(|c| ((c[0] as u32 * 299 + c[1] as u32 * 587 + c[2] as u32 * 114) / 1000) as u8)
        .collect();
    let texts = reader.info().utf8_text.iter().map(|t| (t.keyword.clone(), t.get_text().unwrap())).collect();
    (Gray { w: frame.width as usize, h: frame.height as usize, px }, texts)
}

#[test]
fn screen_and_social_images_have_their_pixel_size_scan_as_they_are_and_describe_themselves() {
    for (layout, (w, h)) in [("screen-16x9", (1920, 1080)), ("social-4x5", (1080, 1350))] {
        for o in of(layout) {
            assert!(o.main.extension().is_some_and(|e| e == "png"), "{}", o.main.display());
            assert_eq!(o.built.files.len(), 1, "only the image is written");
            let (img, texts) = decode_png(&o.built.files[0].1);
            assert_eq!((img.w, img.h), (w, h), "{}", o.main.display());
            assert_eq!(decode_qr(&img), vec![expected_url(&o.built.id.platform).to_string()], "{}", o.main.display());
            let get = |k: &str| texts.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()).unwrap_or_default();
            assert!(get("Description").contains(expected_url(&o.built.id.platform)), "{}: {texts:?}", o.main.display());
            assert_eq!(get("Title"), o.built.doc.title);
        }
    }
    // The lobby screen's code is readable from 2 metres: at least 300 pixels.
    for o in of("screen-16x9") {
        let (_, qr) = o.built.doc.qr_symbols().next().unwrap();
        let px = qr.symbol().w.0 / 25.4 * 96.0;
        assert!(px >= 300.0, "{}: QR code {px:.0} px", o.main.display());
    }
}

#[test]
fn images_are_the_same_bytes_every_time() {
    let again = tempfile::tempdir().unwrap();
    let mut opts = options(&root(), again.path());
    opts.plan.selection = handout_core::Selection::one(Some("meta-ai"), None, None, Some("social-4x5"));
    let outcome = handout::make::run(&opts);
    for o in &outcome.documents {
        let first = outputs().iter().find(|f| f.built.id == o.built.id).unwrap();
        assert!(first.built.files[0].1 == o.built.files[0].1, "{} differs", o.main.display());
    }
}

/// A large image is painted and compressed in parts that the command line
/// makes on every core: the bytes are the same made on one thread.
#[test]
fn images_are_the_same_bytes_on_one_thread_or_many() {
    use handout_core::{Scale, pngs};
    for o in of("screen-16x9").into_iter().chain(of("social-4x5")) {
        let (_, (width, height)) = png_rgb(&o.built.files[0].1);
        let alone = pngs(&o.built.doc, Scale::Pixels { width, height }, &handout_core::InTurn).unwrap();
        assert!(alone[0] == o.built.files[0].1, "{} differs made on one thread", o.main.display());
    }
}

#[test]
fn printed_formats_scan_at_150_dpi_and_have_their_paper_size() {
    let mm = |pt: f32| pt / 72.0 * 25.4;
    for (layout, (w, h), pages) in
        [("poster-a3", (297.0, 420.0), 1), ("flyer-a5", (297.0, 210.0), 1), ("flyer-a4-large", (210.0, 297.0), 2)]
    {
        for o in of(layout) {
            let sizes = page_sizes(o.built.pdf().unwrap());
            assert_eq!(sizes.len(), pages, "{}", o.main.display());
            for (pw, ph) in sizes {
                assert!(
                    (mm(pw) - w).abs() < 0.5 && (mm(ph) - h).abs() < 0.5,
                    "{}: {} x {} mm",
                    o.main.display(),
                    mm(pw),
                    mm(ph)
                );
            }
            let page = &rasterise(o.built.pdf().unwrap(), 150.0)[0];
            // rqrr reads one code per image best: each leaflet of the A5
            // sheet on its own.
            let parts = match layout {
                "flyer-a5" => vec![page.crop(0, 0, page.w / 2, page.h), page.crop(page.w / 2, 0, page.w / 2, page.h)],
                _ => vec![page.crop(0, 0, page.w, page.h)],
            };
            for part in &parts {
                let found = decode_qr(part);
                assert_eq!(found, [expected_url(&o.built.id.platform)], "{}", o.main.display());
            }
        }
    }
    for o in of("poster-a3") {
        let (_, qr) = o.built.doc.qr_symbols().next().unwrap();
        assert!(qr.symbol().w >= Mm(50.0), "{}: a poster's code is read from a step away", o.main.display());
    }
}

#[test]
fn the_deadline_stands_out_in_every_format() {
    let mut problems = handout_core::Problems::new();
    let proj = load_project(&root(), &mut problems);
    for layout in ["poster-a3", "flyer-a5", "flyer-a4-large", "screen-16x9", "social-4x5"] {
        let l = proj.layouts.iter().find(|l| l.id == layout).unwrap();
        let blocks: Vec<&Block> = l.faces.iter().flat_map(|s| &s.regions).flat_map(|r| &r.blocks).collect();
        let date = blocks
            .iter()
            .find_map(|b| if let Block::Deadline(d) = b { Some(d.date.name.clone()) } else { None })
            .unwrap();
        let title = blocks.iter().find_map(|b| match b {
            Block::Text(t) if t.tag == TextTag::H1 => Some(t.role.name.clone()),
            _ => None,
        });
        for o in of(layout) {
            let deadline =
                o.built.doc.text_runs().filter(|(_, r)| r.role == date).map(|(_, r)| r.size.0).fold(0.0, f32::max);
            assert!(deadline > 0.0, "{}: no deadline", o.main.display());
            for (_, r) in o.built.doc.text_runs().filter(|(_, r)| r.role != date && Some(&r.role) != title.as_ref()) {
                assert!(
                    r.size.0 < deadline,
                    "{}: `{}` ({} pt) as large as the deadline",
                    o.main.display(),
                    r.text,
                    r.size.0
                );
            }
            assert!(deadline >= 2.0 * body_size(&o.built.doc).0, "{}", o.main.display());
        }
    }
}

#[test]
fn large_print_is_16_pt_or_more_on_two_pages_front_message_back_routes() {
    for o in of("flyer-a4-large") {
        for (_, r) in o.built.doc.text_runs() {
            assert!(r.size.0 >= 16.0 - 1e-3, "{}: `{}` at {} pt", o.main.display(), r.text, r.size.0);
        }
        assert_eq!(o.built.doc.pages.len(), 2);
        let on = |page: usize| {
            o.built.doc.text_runs().filter(move |(p, _)| *p == page).map(|(_, r)| r.role.clone()).collect::<Vec<_>>()
        };
        assert!(
            on(0).contains(&"deadline".to_string()) && !on(0).contains(&"step".to_string()),
            "front: message, deadline, code"
        );
        assert!(on(1).contains(&"step".to_string()), "back: the routes");
        assert!(o.built.doc.qr_symbols().all(|(p, _)| p == 0), "the code on the front");
    }
}

#[test]
fn a5_leaflets_are_two_on_a_sheet_with_marks_on_the_cut_only() {
    for o in of("flyer-a5") {
        let page = &o.built.doc.pages[0];
        let sheet = Rect::sized(page.size);
        assert_eq!(page.cards.len(), 2, "two leaflets");
        let (a, b) = (page.cards[0], page.cards[1]);
        assert!(sheet.encloses(&a) && sheet.encloses(&b) && !a.inset(EPS).overlaps(&b));
        assert!(a.right().approx_eq(b.x), "side by side: one cut makes both");
        // Both leaflets print the same.
        let texts = |card: Rect| {
            let mut v: Vec<String> = o
                .built
                .doc
                .text_runs()
                .map(|(_, r)| r)
                .filter(|r| card.encloses(&r.bbox()))
                .map(|r| r.text.clone())
                .collect();
            v.sort();
            v
        };
        assert!(!texts(a).is_empty() && texts(a) == texts(b));
        let marks: Vec<Rect> = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::CropMark { from, to, .. } => {
                    Some(Rect::new(from.x.min(to.x), from.y.min(to.y), (to.x - from.x).abs(), (to.y - from.y).abs()))
                }
                _ => None,
            })
            .collect();
        assert_eq!(marks.len(), 2, "a mark at each end of the one cut");
        for m in &marks {
            assert!(sheet.encloses(m), "{m:?} off the sheet");
            assert!(m.x.approx_eq(a.right()), "{m:?} not on the cut");
            // Clear of both leaflets' content (their 9 mm safe margin).
            for card in [a, b] {
                assert!(!card.inset(Mm(9.0)).overlaps(m), "{m:?} reaches into content");
            }
        }
    }
}

/// How two renderings of a page differ: on average per pixel, in the
/// share of pixels far apart (an edge anti-aliased differently is near;
/// something missing is far), and in the worst 8 x 8 block's average (a
/// word or a logo missing anywhere shows there). Channels 0 to 255.
struct Difference {
    mean: f64,
    far: f64,
    worst_block: f64,
}

fn difference(a: &[u8], b: &[u8], (w, h): (u32, u32)) -> Difference {
    let (w, h) = (w as usize, h as usize);
    let d: Vec<u8> =
        a.chunks(3).zip(b.chunks(3)).map(|(p, q)| (0..3).map(|i| p[i].abs_diff(q[i])).max().unwrap()).collect();
    let mean = d.iter().map(|&v| f64::from(v)).sum::<f64>() / d.len() as f64;
    let far = d.iter().filter(|&&v| v > 128).count() as f64 / d.len() as f64;
    let signed = |px: &[u8], x: usize, y: usize| -> f64 {
        let i = (y * w + x) * 3;
        f64::from(px[i]) + f64::from(px[i + 1]) + f64::from(px[i + 2])
    };
    let mut worst_block: f64 = 0.0;
    for by in (0..h - 7).step_by(8) {
        for bx in (0..w - 7).step_by(8) {
            let mut sum = 0.0;
            for y in by..by + 8 {
                for x in bx..bx + 8 {
                    sum += signed(a, x, y) - signed(b, x, y);
                }
            }
            worst_block = worst_block.max((sum / 64.0 / 3.0).abs());
        }
    }
    Difference { mean, far, worst_block }
}

/// Images are painted from the page model, not rendered from the PDF: each
/// must show what the printed PDF shows, as a PDF renderer (hayro) draws
/// it at the same size. Screen and social images, a flyer page with
/// `--png`, with and without an organisation (an SVG logo and a PNG logo).
#[test]
fn images_show_what_the_printed_pdf_shows() {
    use handout_core::{Choice, Make, Plan, PlanOptions, Selection};
    let mut problems = handout_core::Problems::new();
    let project = load_project(&root(), &mut problems);
    let loaded = handout::orgs::load_orgs(&root(), &handout::orgs::OrgChoice::All, &mut problems);
    let orgs: Vec<_> = loaded.iter().filter_map(|l| l.org.as_ref()).collect();
    assert_eq!(orgs.len(), 2, "the example organisations: an SVG logo and a PNG logo");
    let build = |make: Make| {
        let selection = Selection {
            layouts: Choice::only(["screen-16x9", "social-4x5", "flyer-a4"]),
            ..Selection::one(Some("meta-ai"), Some("nl"), None, None)
        };
        let opts = PlanOptions { selection, png: Some(60.0), make, ..PlanOptions::new(BEFORE_DEADLINE) };
        let mut problems = handout_core::Problems::new();
        let plan = Plan::new(&project, &opts, &mut project.font_store(), &mut problems);
        let mut built = Vec::new();
        for org in [None].into_iter().chain(orgs.iter().copied().map(Some)) {
            let jobs = plan.jobs(org);
            built.extend(plan.build_jobs(&jobs, caches(), &handout_core::InTurn, &mut problems));
        }
        assert!(!problems.has_errors());
        built
    };
    let (images, pdfs) = (build(Make::Files), build(Make::Pdf));
    assert_eq!((images.len(), pdfs.len()), (18, 18), "three sets, two platforms, three layouts");
    for (img, pdf) in images.iter().zip(&pdfs) {
        assert_eq!(img.id, pdf.id);
        let pdf_bytes = pdf.pdf().expect("a PDF");
        for (page, (name, png)) in img.files.iter().filter(|(n, _)| n.ends_with(".png")).enumerate() {
            let (painted, size) = png_rgb(png);
            let rendered = render_rgb(pdf_bytes, page, size);
            let d = difference(&painted, &rendered, size);
            eprintln!("{name}: mean {:.2}, far {:.4} %, worst block {:.1}", d.mean, d.far * 100.0, d.worst_block);
            assert!(d.mean < 8.0 && d.far < 0.005 && d.worst_block < 40.0, "{name} differs from its PDF");
        }
    }
}
