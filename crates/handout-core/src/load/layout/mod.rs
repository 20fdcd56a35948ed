//! Layouts: page geometry and style, one TOML file each in layouts/. A
//! layout names the regions of each side (a flyer's page, a card's front
//! and back) in millimetres and lists, per region, which content blocks it
//! shows and in which text roles.
//!
//! Reading a layout: `raw.rs` (serde), `extends.rs` (a layout written as
//! the differences from another), then the checks: `style.rs` (colours and
//! text roles), `blocks.rs`, `regions.rs` (geometry, contrast) and
//! `sheet.rs` (cards imposed on a sheet).

mod blocks;
mod extends;
mod raw;
mod regions;
mod roles;
pub(crate) mod sheet;
mod stacks;

pub use blocks::{Block, DeadlineBlock, OrgBlock, QrBlock, RouteBlock};
pub use raw::{Align, EcLevel, Flip, MarkPlace, TextTag};
pub use roles::{Role, TextStyle};
pub use sheet::SheetSpec;
pub use stacks::Stack;

use super::content::MAX_URL_LEN;
use super::{At, Checker, Limit, parse_toml};
use crate::diag::{Loc, Problem, Problems, Source};
use crate::script::Script;
use crate::style::Color;
use crate::units::{Mm, Rect, Size};
use raw::RawLayout;
use roles::Palette;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A checked layout: everything compose needs to place a handout's content.
#[derive(Clone, Debug)]
pub struct Layout {
    /// From the file name: `flyer-a4.toml` is `flyer-a4`.
    pub id: String,
    /// The layout file, for messages.
    pub source: Arc<Source>,
    /// What the layout is for, in a line.
    pub description: Option<String>,
    /// Its name and use on the web page, per language of the page.
    pub names: BTreeMap<String, String>,
    /// What it is for, per language of the web page.
    pub uses: BTreeMap<String, String>,
    /// The page (or card) and what surrounds it.
    pub page: PageSpec,
    /// The font files, per script.
    pub fonts: FontSpec,
    /// How the QR code is printed.
    pub qr: QrSpec,
    /// The text roles (`[text.<role>]`), by name.
    pub styles: BTreeMap<String, TextStyle>,
    /// The pages of a flyer, or the sides of a card, in order.
    pub faces: Vec<Face>,
    /// Cards imposed on a sheet, when the layout is a card.
    pub sheet: Option<SheetSpec>,
    /// The layout as it is when the handout carries an organisation, if
    /// that changes it (`[with_org]`).
    pub with_org: Option<Box<Layout>>,
    /// What it makes (`output = "png"` in the file).
    pub format: Format,
    /// With an organisation: the most characters of its help text the
    /// layout holds, when the layout says.
    pub max_help: Option<usize>,
}

/// What a layout makes.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Format {
    /// Pages of a PDF, to print.
    Pdf,
    /// Images of this many pixels, for screens (each side one image).
    Png {
        /// Pixels across.
        width: u32,
        /// Pixels down.
        height: u32,
    },
}

/// CSS pixels to the inch: a PNG layout's page is its pixels at this.
pub const PNG_DPI: f32 = 96.0;

impl Layout {
    /// The layout as printed with an organisation (`[with_org]` applied)
    /// or without one. Plan chooses it for each document: compose lays
    /// out the layout it is given.
    pub fn for_org(&self, org: bool) -> &Layout {
        match (&self.with_org, org) {
            (Some(l), true) => l,
            _ => self,
        }
    }

    /// The most characters of an organisation's help text its handouts in
    /// this layout hold, when the layout says (`max_help` in `[with_org]`).
    pub fn org_max_help(&self) -> Option<usize> {
        self.for_org(true).max_help
    }
}

/// The finished page (or card) and what surrounds it.
#[derive(Clone, Debug)]
pub struct PageSpec {
    /// The finished (trimmed) size.
    pub size: Size,
    /// Extra paper around the trim that backgrounds run into (print shops).
    pub bleed: Mm,
    /// Content keeps this far inside the trim.
    pub safe: Mm,
    pub background: Color,
}

/// One page of a flyer, or one side of a card (`[[face]]` in the file).
#[derive(Clone, Debug)]
pub struct Face {
    /// Its name in the file.
    pub name: String,
    /// Its regions, in the order they are drawn.
    pub regions: Vec<Region>,
    /// Regions that share the room they fill.
    pub stacks: Vec<Stack>,
}

/// A rectangle of a side that shows blocks, or a coloured panel (no blocks).
#[derive(Clone, Debug)]
pub struct Region {
    /// Its name in the file.
    pub name: String,
    /// Where it is, from the page's top-left corner.
    pub rect: Rect,
    /// Room kept free inside its edges.
    pub padding: Mm,
    /// Its colour, if it has one.
    pub background: Option<Color>,
    /// How round its corners are.
    pub radius: Mm,
    /// Where its blocks sit when they leave room over.
    pub align: Align,
    /// Room between its blocks.
    pub gap: Mm,
    /// Regions of one group are set at the same scale, so that, say, two
    /// columns of steps keep the same type size when one must shrink.
    pub fit_group: Option<String>,
    /// In a stack: the least height it gives way to, the most it grows to.
    pub min_h: Option<Mm>,
    /// The most it grows to in a stack.
    pub max_h: Option<Mm>,
    /// What it shows, top to bottom.
    pub blocks: Vec<Block>,
    /// Where it is written.
    pub loc: Loc,
}

impl Region {
    /// Where the blocks go.
    pub fn content_box(&self) -> Rect {
        self.rect.inset(self.padding)
    }

    /// A coloured panel behind other regions.
    pub fn is_panel(&self) -> bool {
        self.blocks.is_empty()
    }
}

/// How the QR code is printed. It is printed as large as the room the
/// layout gives it allows, quiet zone included, between `min_size` and
/// `size`.
#[derive(Clone, Debug)]
pub struct QrSpec {
    /// Largest printed width of the symbol, quiet zone not included.
    pub size: Mm,
    /// Smallest printed width of the symbol.
    pub min_size: Mm,
    /// The longest form URL (bytes) the layout holds.
    pub max_url: usize,
    /// Where `max_url` is set, if it is.
    pub max_url_loc: Option<Loc>,
    /// Smallest module that still scans from paper; the build fails below it.
    pub min_module: Mm,
    /// Largest module it is printed with: a short address's code, of few
    /// modules, is printed smaller rather than of huge modules (which
    /// some readers find no easier than tiny ones); `None`: no limit.
    pub max_module: Option<Mm>,
    pub quiet_zone: usize,
    pub ec: EcLevel,
    pub dark: Color,
    pub light: Color,
    pub loc: Loc,
}

/// A font file named in a layout.
#[derive(Clone, Debug)]
pub struct FontFile {
    pub file: String,
    pub loc: Loc,
}

/// A regular and a bold font file.
#[derive(Clone, Debug)]
pub struct FamilySpec {
    pub regular: FontFile,
    pub bold: FontFile,
}

/// The layout's fonts: the main family, and one per script it names.
#[derive(Clone, Debug)]
pub struct FontSpec {
    pub main: FamilySpec,
    pub scripts: Vec<(Script, FamilySpec)>,
}

const MAX_HELP: Limit = Limit::number("max_help", 10.0, 300.0);
const PAGE_WIDTH: Limit = Limit::mm("page width", 10.0, 2200.0);
const PAGE_HEIGHT: Limit = Limit::mm("page height", 10.0, 2200.0);
const BLEED: Limit = Limit::mm("bleed", 0.0, 20.0);
const SAFE: Limit = Limit::mm("safe margin", 0.0, 50.0);
const QR_SIZE: Limit = Limit::mm("QR size", 10.0, 200.0);
const QR_MODULE: Limit = Limit::mm("QR min_module", 0.1, 5.0);
const QR_MIN_SIZE: Limit = Limit::mm("QR min_size", 10.0, 200.0);
/// A layout that holds only shorter URLs than this is too fragile: form
/// addresses change, and new campaigns bring longer ones.
pub const MIN_MAX_URL: u32 = 40;
/// Quiet zones above this are only wasted paper.
const MAX_QUIET_ZONE: u32 = 40;

/// Find a layout that another one extends: its source and raw form.
pub type ParentLookup<'a> = dyn FnMut(&str, &mut Problems) -> Option<Arc<Source>> + 'a;

/// Parse and check a layout file; `parent` finds the layouts it extends.
pub fn load_layout(
    id: String,
    source: Arc<Source>,
    parent: &mut ParentLookup,
    problems: &mut Problems,
) -> Option<Layout> {
    let raw: RawLayout = parse_toml(&source, problems)?;
    let mut parse_parent = |name: &str, ps: &mut Problems| {
        let src = parent(name, ps)?;
        parse_toml::<RawLayout>(&src, ps)
    };
    let resolved = extends::resolve(raw, &id, &mut parse_parent, problems)?;
    if !super::valid_id(&id) {
        return None;
    }
    let plain = check_layout(id.clone(), Arc::clone(&source), resolved.plain, None, problems);
    let with_org = match resolved.with_org {
        Some(raw) => Some(Box::new(check_layout(id, source, raw, None, problems)?)),
        None => None,
    };
    plain.map(|p| Layout { with_org, ..p })
}

/// Check a resolved layout.
fn check_layout(
    id: String,
    source: Arc<Source>,
    raw: RawLayout,
    with_org: Option<Box<Layout>>,
    problems: &mut Problems,
) -> Option<Layout> {
    let mut cx = Checker::new(problems);
    let file_start = Loc::new(&source, 0..0);
    let palette = Palette::new(&mut cx, &raw.colors);
    let format = check_format(&mut cx, &raw, &file_start);
    let (Some(page), Some(fonts), Some(qr)) = (
        required(&mut cx, raw.page, "page", &file_start),
        required(&mut cx, raw.fonts, "fonts", &file_start),
        required(&mut cx, raw.qr, "qr", &file_start),
    ) else {
        return None;
    };
    let page = check_page(&mut cx, &palette, &page, format);
    let qr = check_qr(&mut cx, &palette, &qr);
    let styles = roles::check_styles(&mut cx, &palette, &raw.text);
    let faces = regions::check_faces(&mut cx, &palette, &styles, &page, &raw.face, &file_start);
    let sheet = raw.sheet.as_ref().and_then(|s| sheet::check_sheet(&mut cx, s, &page, &file_start));
    let fonts = check_fonts(&mut cx, &fonts);
    let description = raw.description.map(At::into_inner);
    let names = raw.names.map(At::into_inner).unwrap_or_default();
    let uses = raw.uses.map(At::into_inner).unwrap_or_default();
    let max_help =
        raw.max_help.as_ref().map(|m| cx.number(&At::new(*m.get() as f32, m.loc().clone()), MAX_HELP) as usize);
    cx.finish(|| Layout {
        id,
        source,
        description,
        names,
        uses,
        page,
        fonts,
        qr,
        styles,
        faces,
        sheet,
        with_org,
        format,
        max_help,
    })
}

/// A table a whole layout needs, after `extends` is resolved.
fn required<T>(cx: &mut Checker, table: Option<At<T>>, name: &str, file: &Loc) -> Option<At<T>> {
    if table.is_none() {
        cx.report(
            Problem::error(format!("the layout has no [{name}] table"))
                .at(file.clone())
                .help(format!("add [{name}], or `extends` a layout that has one")),
        );
    }
    table
}

/// `output`, and for PNG its pixel size.
fn check_format(cx: &mut Checker, raw: &RawLayout, file: &Loc) -> Format {
    let png = raw.output.as_ref().is_some_and(|o| *o.get() == raw::FormatName::Png);
    let px = |cx: &mut Checker, v: &Option<At<u32>>, what: &str| -> u32 {
        match v {
            Some(n) if (100..=8000).contains(n.get()) => *n.get(),
            Some(n) => {
                cx.report(
                    Problem::error(format!("{what} {} is out of range", n.get()))
                        .at(n.loc().clone())
                        .label("expected 100 to 8000 pixels"),
                );
                100
            }
            None => {
                cx.report(
                    Problem::error(format!("a PNG layout needs `{what}`"))
                        .at(file.clone())
                        .help("e.g. px_width = 1920, px_height = 1080"),
                );
                100
            }
        }
    };
    if !png {
        if let Some(n) = raw.px_width.as_ref().or(raw.px_height.as_ref()) {
            cx.report(Problem::error("pixel sizes are for `output = \"png\"` layouts").at(n.loc().clone()));
        }
        return Format::Pdf;
    }
    Format::Png { width: px(cx, &raw.px_width, "px_width"), height: px(cx, &raw.px_height, "px_height") }
}

/// A page dimension: given in mm for PDF, following from the pixels for PNG.
fn page_length(cx: &mut Checker, given: &Option<At<f32>>, limit: Limit, px: Option<u32>, file: &Loc) -> Mm {
    match (given, px) {
        (Some(v), None) => cx.mm(v, limit),
        (None, Some(px)) => Mm::from_pixels(px as f32, PNG_DPI),
        (Some(v), Some(_)) => {
            cx.report(
                Problem::error(format!("{} is set by the pixels of a PNG layout", limit.what))
                    .at(v.loc().clone())
                    .help("leave out the page width and height: px_width and px_height set them"),
            );
            Mm(limit.lo)
        }
        (None, None) => {
            cx.report(Problem::error(format!("[page] has no {}", limit.what)).at(file.clone()).label("in mm"));
            Mm(limit.lo)
        }
    }
}

fn check_page(cx: &mut Checker, palette: &Palette, raw: &At<raw::RawPage>, format: Format) -> PageSpec {
    let (px_w, px_h) = match format {
        Format::Png { width, height } => (Some(width), Some(height)),
        Format::Pdf => (None, None),
    };
    let width = page_length(cx, &raw.width, PAGE_WIDTH, px_w, raw.loc());
    let height = page_length(cx, &raw.height, PAGE_HEIGHT, px_h, raw.loc());
    let bleed = cx.mm_or_zero(&raw.bleed, BLEED);
    let background = palette.color(cx, &raw.background);
    let safe = cx.mm_or_zero(&raw.safe, SAFE);
    PageSpec { size: Size::new(width, height), bleed, safe, background }
}

fn check_qr(cx: &mut Checker, palette: &Palette, raw: &raw::RawQr) -> QrSpec {
    let q = *raw.quiet_zone.get();
    if q < 4 {
        cx.report(
            Problem::error(format!("a quiet zone of {q} modules is too small"))
                .at(raw.quiet_zone.loc().clone())
                .label("expected at least 4")
                .help("QR readers need 4 empty modules around the code"),
        );
    }
    let size = cx.mm(&raw.size, QR_SIZE);
    let min_size = raw.min_size.as_ref().map_or(size, |m| cx.mm(m, QR_MIN_SIZE));
    if min_size > size {
        let at = raw.min_size.as_ref().map(|m| m.loc().clone());
        cx.report(
            Problem::error(format!("the QR min_size ({} mm) is larger than its size ({} mm)", min_size.0, size.0))
                .at_opt(at)
                .label("expected at most `size`"),
        );
    }
    let max_url = raw.max_url.as_ref().map_or(MAX_URL_LEN as u32, |m| max_url(cx, m));
    let qr = QrSpec {
        size,
        min_size,
        max_url: max_url as usize,
        max_url_loc: raw.max_url.as_ref().map(|m| m.loc().clone()),
        min_module: cx.mm(&raw.min_module, QR_MODULE),
        max_module: raw.max_module.as_ref().map(|m| cx.mm(m, QR_MODULE)),
        quiet_zone: q.min(MAX_QUIET_ZONE) as usize,
        ec: *raw.error_correction.get(),
        dark: palette.color(cx, &raw.dark),
        light: palette.color(cx, &raw.light),
        loc: raw.size.loc().clone(),
    };
    if let Some(m) = raw.max_module.as_ref().filter(|_| qr.max_module.is_some_and(|m| m < qr.min_module)) {
        cx.report(
            Problem::error("the QR max_module is smaller than its min_module")
                .at(m.loc().clone())
                .label("expected at least `min_module`"),
        );
    }
    if qr.dark.contrast(qr.light) < 7.0 {
        cx.report(
            Problem::error("the QR colours are too close for a phone to read")
                .at(raw.dark.loc().clone())
                .help("use a dark colour on white"),
        );
    }
    qr
}

fn max_url(cx: &mut Checker, m: &At<u32>) -> u32 {
    let v = *m.get();
    if !(MIN_MAX_URL..=MAX_URL_LEN as u32).contains(&v) {
        cx.report(
            Problem::error(format!("max_url {v} is out of range"))
                .at(m.loc().clone())
                .label(format!("expected {MIN_MAX_URL} to {MAX_URL_LEN} characters")),
        );
    }
    v.clamp(MIN_MAX_URL, MAX_URL_LEN as u32)
}

fn check_fonts(cx: &mut Checker, raw: &raw::RawFonts) -> FontSpec {
    let file = |v: &At<String>| FontFile { file: v.get().clone(), loc: v.loc().clone() };
    let family = |r: &At<String>, b: &At<String>| FamilySpec { regular: file(r), bold: file(b) };
    let mut scripts = Vec::new();
    for (name, sf) in &raw.scripts {
        match Script::from_name(name) {
            Some(script) => scripts.push((script, family(&sf.regular, &sf.bold))),
            None => cx.report(
                Problem::error(format!("`{name}` is not a script handout knows"))
                    .at(sf.loc().clone())
                    .help(format!("the scripts are: {}", Script::NAMES.join(", "))),
            ),
        }
    }
    FontSpec { main: family(&raw.regular, &raw.bold), scripts }
}
