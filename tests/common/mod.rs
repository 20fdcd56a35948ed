//! Helpers shared by the end-to-end tests: build the real project into a
//! temporary folder, rasterise PDFs with hayro and decode QR codes with rqrr.
#![allow(dead_code)]

pub mod pseudo;

use handout::disk::Disk;
use handout::make::{self, Options, Outcome};
use handout_core::{Caches, ComposeCaches, Date, Problems, Project, Selection};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, OnceLock};

/// A day before the deadline, so builds are not warned about it.
pub const BEFORE_DEADLINE: Date = Date { year: 2025, month: 5, day: 20 };
/// 2025-05-20T00:00:00Z, as SOURCE_DATE_EPOCH.
pub const BEFORE_DEADLINE_EPOCH: &str = "1747699200";
/// 2025-05-27T12:00:00Z: the deadline day itself, when it has passed.
pub const ON_DEADLINE_EPOCH: &str = "1748347200";
/// 2026-01-01T00:00:00Z.
pub const AFTER_DEADLINE_EPOCH: &str = "1767225600";

/// The addresses the sources point to: the oracle, deliberately not read
/// from campaigns/.
pub fn expected_url(platform: &str) -> &'static str {
    match platform {
        "facebook" => "https://www.facebook.com/help/contact/712876720715583",
        "instagram" => "https://help.instagram.com/contact/767264225370182",
        "linkedin" => "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement",
        other => panic!("no expected URL for platform {other}"),
    }
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn options(root: &Path, out: &Path) -> Options {
    Options::new(Arc::new(Disk(root.to_path_buf())), root.to_path_buf(), out.to_path_buf(), BEFORE_DEADLINE)
}

/// Every file of the project folder `root`, loaded.
pub fn load_project(root: &Path, problems: &mut Problems) -> Project {
    handout_core::load_project(Arc::new(Disk(root.to_path_buf())), &Selection::all(), problems)
}

/// Caches shared by a test binary's compositions, as a run shares them.
pub fn caches() -> &'static Caches {
    static CACHES: OnceLock<Caches> = OnceLock::new();
    CACHES.get_or_init(Caches::new)
}

/// What composing shares, for tests that compose one document themselves.
pub fn compose_caches() -> &'static ComposeCaches {
    static CACHES: OnceLock<ComposeCaches> = OnceLock::new();
    CACHES.get_or_init(ComposeCaches::default)
}

/// Build every document of the real project into `out`.
pub fn build_all(out: &Path) -> Outcome {
    let outcome = make::run(&options(&root(), out));
    let problems: Vec<String> = outcome.problems.iter().map(|p| p.to_string()).collect();
    assert!(!outcome.failed(), "build failed: {problems:#?}");
    outcome
}

/// Render every page at `dpi` to 8-bit grey.
pub fn rasterise(pdf: &[u8], dpi: f32) -> Vec<Gray> {
    let doc = hayro::hayro_syntax::Pdf::new(pdf.to_vec()).expect("PDF parses");
    let pixmaps = hayro::render_pdf(
        &doc,
        dpi / 72.0,
        hayro::hayro_interpret::InterpreterSettings::default(),
        &hayro::RenderSettings::default(),
        None,
    )
    .expect("PDF renders");
    pixmaps
        .into_iter()
        .map(|p| {
            let (w, h) = (p.width() as usize, p.height() as usize);
            let px = p
                .data()
                .iter()
                .map(|c| {
                    // Premultiplied over white.
                    let a = c.a as u32;
                    let bg = 255 - a;
                    let (r, g, b) = (c.r as u32 + bg, c.g as u32 + bg, c.b as u32 + bg);
                    ((r * 299 + g * 587 + b * 114) / 1000).min(255) as u8
                })
                .collect();
            Gray { w, h, px }
        })
        .collect()
}

pub struct Gray {
    pub w: usize,
    pub h: usize,
    pub px: Vec<u8>,
}

impl Gray {
    pub fn crop(&self, x: usize, y: usize, w: usize, h: usize) -> Gray {
        let w = w.min(self.w - x);
        let h = h.min(self.h - y);
        let mut px = Vec::with_capacity(w * h);
        for row in y..y + h {
            px.extend_from_slice(&self.px[row * self.w + x..row * self.w + x + w]);
        }
        Gray { w, h, px }
    }
}

/// The QR codes in a rectangle of a PDF's page (mm from its top-left),
/// as rqrr reads them at 150 dpi, or else at 200 or 300: rqrr misses a
/// code now and then at one resolution, where module edges fall on the
/// pixel grid (a phone tries again; so does this).
pub fn decode_qr_in(pdf: &[u8], page: usize, x: f32, y: f32, w: f32, h: f32) -> Vec<String> {
    for dpi in [150.0, 200.0, 300.0] {
        let img = rasterise(pdf, dpi).swap_remove(page);
        let px = |mm: f32| (mm / 25.4 * dpi) as usize;
        let found = decode_qr(&img.crop(px(x), px(y), px(w) + 1, px(h) + 1));
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
}

/// Every QR code rqrr finds in the image.
pub fn decode_qr(img: &Gray) -> Vec<String> {
    let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(img.w, img.h, |x, y| img.px[y * img.w + x]);
    prepared.detect_grids().into_iter().filter_map(|g| g.decode().ok().map(|(_, s)| s)).collect()
}

/// Page size in points from the PDF itself.
pub fn page_sizes(pdf: &[u8]) -> Vec<(f32, f32)> {
    let doc = hayro::hayro_syntax::Pdf::new(pdf.to_vec()).expect("PDF parses");
    doc.pages().iter().map(|p| p.render_dimensions()).collect()
}

/// Run the real binary.
pub fn handout(args: &[&str], epoch: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_handout"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", epoch)
        .env_remove("CARGO_TERM_COLOR")
        .output()
        .expect("handout runs")
}

/// A copy of the project (campaigns, layouts, orgs, fonts) to break on purpose.
pub fn copy_project(dest: &Path) {
    for dir in ["campaigns", "layouts", "orgs", "icons"] {
        copy_dir(&root().join(dir), &dest.join(dir));
    }
    copy_dir(&root().join("fonts"), &dest.join("fonts"));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

/// All files under `dir`, recursively.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(files_under(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// The text of a PDF as its ToUnicode maps give it, glyph runs separated
/// by spaces: what copy and paste (and a screen reader) gets.
pub fn pdf_text(pdf: &[u8]) -> String {
    use hayro::hayro_interpret::font::GlyphRun;
    use hayro::hayro_interpret::hayro_cmap::BfString;
    use hayro::hayro_interpret::kurbo::{Affine, BezPath, Rect};
    use hayro::hayro_interpret::*;

    struct Text(String);
    impl<'a> Device<'a> for Text {
        fn draw_path(&mut self, _: &BezPath, _: DrawProps<'a>, _: &DrawMode) {}
        fn push_clip_path(&mut self, _: &ClipPath) {}
        fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
        fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, _: DrawProps<'a>, _: &DrawMode) {
            for g in run.glyphs() {
                match g.as_unicode() {
                    Some(BfString::Char(c)) => self.0.push(c),
                    Some(BfString::String(s)) => self.0.push_str(&s),
                    None => {}
                }
            }
            self.0.push(' ');
        }
        fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {}
        fn pop_clip(&mut self) {}
        fn pop_transparency_group(&mut self) {}
    }
    let doc = hayro::hayro_syntax::Pdf::new(pdf.to_vec()).expect("PDF parses");
    let cache = InterpreterCache::new();
    let mut text = Text(String::new());
    for page in doc.pages().iter() {
        let bbox = Rect::new(-1e5, -1e5, 1e5, 1e5);
        let mut cx = Context::new(Affine::IDENTITY, bbox, &cache, page.xref(), InterpreterSettings::default());
        interpret_page(page, &mut cx, &mut text);
    }
    text.0
}

/// A PNG that says it is `width` x `height` pixels (its pixels stay what
/// they were): for limits that must be checked before anything is decoded.
pub fn png_with_size(png: &[u8], width: u32, height: u32) -> Vec<u8> {
    let mut png = png.to_vec();
    png[16..20].copy_from_slice(&width.to_be_bytes());
    png[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    png
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = flate2::Crc::new();
    crc.update(bytes);
    crc.sum()
}

/// Every page of `pdf` rendered by hayro at exactly `width` x `height`
/// pixels, over white, as RGB.
pub fn render_rgb(pdf: &[u8], page: usize, (width, height): (u32, u32)) -> Vec<u8> {
    use hayro::vello_cpu::color::palette::css::WHITE;
    let doc = hayro::hayro_syntax::Pdf::new(pdf.to_vec()).expect("PDF parses");
    let pages = doc.pages();
    let p = &pages[page];
    let (w_pt, h_pt) = p.render_dimensions();
    // A hair more than the exact factor: hayro rounds the size down.
    let settings = hayro::PixmapSettings {
        x_scale: (width as f32 + 0.25) / w_pt,
        y_scale: (height as f32 + 0.25) / h_pt,
        bg_color: WHITE,
    };
    let cache = hayro::RenderCache::new();
    let pixmap = hayro::render(
        p,
        &cache,
        &hayro::hayro_interpret::InterpreterSettings::default(),
        &hayro::RenderSettings::default(),
        &settings,
    );
    assert_eq!((u32::from(pixmap.width()), u32::from(pixmap.height())), (width, height));
    pixmap.data().iter().flat_map(|c| [c.r, c.g, c.b]).collect()
}

/// A PNG's pixels as RGB, and its size.
pub fn png_rgb(bytes: &[u8]) -> (Vec<u8>, (u32, u32)) {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a size")];
    let frame = reader.next_frame(&mut buf).expect("its pixels");
    assert_eq!(frame.color_type, png::ColorType::Rgb);
    buf.truncate(frame.buffer_size());
    (buf, (frame.width, frame.height))
}

/// Every shipped layout, by id.
pub const LAYOUTS: [&str; 8] = [
    "flyer-a4",
    "flyer-a4-large",
    "flyer-a5",
    "pocket-card-print",
    "pocket-cards",
    "poster-a3",
    "screen-16x9",
    "social-4x5",
];
