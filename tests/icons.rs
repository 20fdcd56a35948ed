//! Icons in the steps: each is drawn on its step's line, right after the
//! word it follows, at the text's size; the PDF draws its shapes there;
//! the structure tree says its name in the document's language; the text
//! layer reads as the words alone.

mod common;

use common::*;
use handout_core::{Built, Choice, IconMark, InTurn, Item, Make, Mm, Plan, PlanOptions, Problems, Selection, TextRun};

/// What a screen reader says for the icons of LinkedIn's app route, by language.
const WORDS: [(&str, [&str; 4]); 2] = [
    ("nl", ["profielfoto", "instellingen", "privacy", "schuifje uit"]),
    ("en", ["profile picture", "settings", "privacy", "switch off"]),
];

fn build(campaign: &str, lang: &str, layouts: Choice) -> Vec<Built> {
    let mut problems = Problems::new();
    let project = load_project(&root(), &mut problems);
    let selection = Selection { layouts, ..Selection::one(Some(campaign), Some(lang), None, None) };
    let opts = PlanOptions { selection, make: Make::Pdf, ..PlanOptions::new(BEFORE_DEADLINE) };
    let plan = Plan::new(&project, &opts, &mut project.font_store(), &mut problems);
    let built = plan.build_jobs(&plan.jobs(None), caches(), &InTurn, &mut problems);
    assert!(!problems.has_errors(), "{:?}", problems.iter().map(|p| p.to_string()).collect::<Vec<_>>());
    built
}

/// Every icon of a document with the page it is on.
fn icons(b: &Built) -> Vec<(usize, &IconMark)> {
    let pages = b.doc.pages.iter().enumerate();
    pages
        .flat_map(|(p, page)| {
            page.items.iter().filter_map(move |i| match i {
                Item::Icon(icon) => Some((p, icon)),
                _ => None,
            })
        })
        .collect()
}

/// The text run an icon follows on its line: same page and role, its
/// baseline through the icon's square, ending just before it.
fn run_before<'a>(b: &'a Built, page: usize, icon: &IconMark) -> Option<&'a TextRun> {
    b.doc
        .text_runs()
        .filter(|(p, r)| *p == page && r.role == icon.role)
        .map(|(_, r)| r)
        .filter(|r| r.origin.y > icon.rect.y && r.origin.y < icon.rect.y + icon.rect.h)
        .filter(|r| {
            let end = r.origin.x + r.width;
            end <= icon.rect.x + Mm(0.01) && icon.rect.x - end < r.size.to_mm() * 0.5
        })
        .max_by(|a, c| a.origin.x.0.total_cmp(&c.origin.x.0))
}

#[test]
fn every_icon_sits_on_its_step_s_line_at_the_text_s_size() {
    for campaign in ["meta-ai", "linkedin-ai"] {
        for (lang, _) in WORDS {
            for b in build(campaign, lang, Choice::all()) {
                let found = icons(&b);
                // Every layout that shows the app's steps shows their icons.
                let steps = b.doc.text_runs().any(|(_, r)| r.role == "step");
                assert_eq!(steps, !found.is_empty(), "{}: steps and icons", b.id.base_path());
                for (page, icon) in found {
                    let at = format!("{} page {page}: {}", b.id.base_path(), icon.name);
                    assert_eq!(icon.role, "step", "{at}: icons are in the steps");
                    let run = run_before(&b, page, icon).unwrap_or_else(|| panic!("{at}: not after a word on a line"));
                    let size = run.size.to_mm();
                    assert!((icon.rect.w.0 - size.0 * 1.25).abs() < 0.01, "{at}: square {:?} at {size:?}", icon.rect);
                    assert_eq!(icon.color, run.color, "{at}: in the text's colour");
                    // Level with the words: the square's middle between the
                    // baseline and the top of the capitals.
                    let middle = icon.rect.y + icon.rect.h / 2.0;
                    assert!(
                        middle < run.origin.y && middle > run.origin.y - size * 0.75,
                        "{at}: {middle:?} off the line"
                    );
                }
            }
        }
    }
}

#[test]
fn the_pdf_draws_each_icon_and_names_it_for_screen_readers() {
    for (lang, words) in WORDS {
        let layouts = Choice::only(["flyer-a4", "flyer-a4-large", "pocket-card-print"]);
        for b in build("linkedin-ai", lang, layouts) {
            let pdf = b.pdf().expect("a PDF");
            let alts = figure_alts(pdf);
            for w in words {
                assert!(alts.iter().any(|a| a == w), "{}: no figure says `{w}`: {alts:?}", b.id.base_path());
            }
            let drawn = drawn_paths(pdf);
            for (page, icon) in icons(&b) {
                let inside = drawn[page].iter().filter(|r| icon.rect.contains(r, Mm(0.05))).count();
                assert!(inside > 0, "{}: nothing drawn in {}'s square {:?}", b.id.base_path(), icon.name, icon.rect);
            }
            let text = pdf_text(pdf);
            assert!(!text.contains('\u{E000}') && !text.contains('\u{FFFD}'), "the text layer: {text}");
            let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let tap = if lang == "nl" { "Tik op Instellingen ." } else { "Tap Settings ." };
            assert!(words.contains(tap), "{}: the text layer reads {words}", b.id.base_path());
        }
    }
}

/// The `/Alt` of every `/Figure` structure element.
fn figure_alts(pdf: &[u8]) -> Vec<String> {
    use hayro::hayro_syntax::object::{Dict, Name, Object, String as PdfString};
    let doc = hayro::hayro_syntax::Pdf::new(pdf.to_vec()).expect("PDF parses");
    let mut out = Vec::new();
    for o in doc.objects() {
        let Object::Dict(d) = o else { continue };
        let d: Dict = d;
        if d.get::<Name>("S").is_some_and(|s| s.as_ref() == b"Figure")
            && let Some(alt) = d.get::<PdfString>("Alt")
        {
            out.push(text_string(alt.as_bytes()));
        }
    }
    out
}

/// A PDF text string: UTF-16 with its byte order mark, or single bytes.
fn text_string(b: &[u8]) -> String {
    match b.strip_prefix(&[0xfe, 0xff]) {
        Some(u) => String::from_utf16_lossy(&u.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect::<Vec<_>>()),
        None => b.iter().map(|&c| c as char).collect(),
    }
}

/// The boxes of every path filled or stroked on each page (the path's
/// own, without the stroke's width), in mm from the page's top-left.
fn drawn_paths(pdf: &[u8]) -> Vec<Vec<handout_core::Rect>> {
    use hayro::hayro_interpret::font::GlyphRun;
    use hayro::hayro_interpret::kurbo::{Affine, BezPath, Rect, Shape};
    use hayro::hayro_interpret::*;

    struct Paths(Vec<Rect>);
    impl<'a> Device<'a> for Paths {
        fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, _: &DrawMode) {
            self.0.push((props.transform * path.clone()).bounding_box());
        }
        fn push_clip_path(&mut self, _: &ClipPath) {}
        fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
        fn draw_glyph_run(&mut self, _: &GlyphRun<'_, 'a>, _: DrawProps<'a>, _: &DrawMode) {}
        fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {}
        fn pop_clip(&mut self) {}
        fn pop_transparency_group(&mut self) {}
    }
    let doc = hayro::hayro_syntax::Pdf::new(pdf.to_vec()).expect("PDF parses");
    let cache = InterpreterCache::new();
    let mm = |pt: f64| Mm((pt * 25.4 / 72.0) as f32);
    doc.pages()
        .iter()
        .map(|page| {
            let (_, h) = page.render_dimensions();
            let mut paths = Paths(Vec::new());
            let bbox = Rect::new(-1e5, -1e5, 1e5, 1e5);
            let mut cx = Context::new(Affine::IDENTITY, bbox, &cache, page.xref(), InterpreterSettings::default());
            interpret_page(page, &mut cx, &mut paths);
            let h = f64::from(h);
            paths
                .0
                .iter()
                .map(|r| handout_core::Rect::new(mm(r.x0), mm(h - r.y1), mm(r.width()), mm(r.height())))
                .collect()
        })
        .collect()
}
