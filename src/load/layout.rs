//! Layouts: page geometry and style, one TOML file each in layouts/. A
//! layout names the regions of a page in millimetres and lists, per region,
//! which content blocks it shows and in which text roles.

use super::{loc_of, parse_toml, valid_id};
use crate::diag::{Kind, Loc, Problem, Source};
use crate::model::{Color, FontWeight};
use crate::units::{Mm, Pt, Rect};
use serde::Deserialize;
use serde_spanned::Spanned;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Below this contrast ratio text is an error (WCAG AA).
const MIN_CONTRAST: f32 = 4.5;
/// Below this, text smaller than "large" gets a warning (WCAG AAA).
const BODY_CONTRAST: f32 = 7.0;
/// WCAG's "large text" starts at 18 pt.
const LARGE_TEXT: Pt = Pt(18.0);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLayout {
    #[allow(dead_code)]
    description: Option<String>,
    page: RawPage,
    fonts: RawFonts,
    colors: BTreeMap<String, Spanned<String>>,
    qr: RawQr,
    #[serde(default)]
    sheet: Option<Spanned<RawSheet>>,
    text: BTreeMap<String, Spanned<RawStyle>>,
    face: Vec<Spanned<RawFace>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPage {
    width: Spanned<f32>,
    height: Spanned<f32>,
    #[serde(default)]
    bleed: Option<Spanned<f32>>,
    /// Distance inside the trim that content keeps clear of.
    #[serde(default)]
    safe: Option<Spanned<f32>>,
    background: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSheet {
    width: Spanned<f32>,
    height: Spanned<f32>,
    columns: Spanned<u32>,
    rows: Spanned<u32>,
    gutter_x: Spanned<f32>,
    gutter_y: Spanned<f32>,
    flip: Spanned<Flip>,
    crop_marks: Spanned<RawMarks>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMarks {
    length: f32,
    offset: f32,
    width: f32,
}

/// The edge a duplex printer turns the sheet over.
#[derive(Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(rename_all = "kebab-case")]
pub enum Flip {
    LongEdge,
    ShortEdge,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFonts {
    regular: Spanned<String>,
    bold: Spanned<String>,
    /// Faces for other scripts, used for the characters of that script.
    #[serde(default)]
    scripts: BTreeMap<String, Spanned<RawScriptFonts>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScriptFonts {
    regular: Spanned<String>,
    bold: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQr {
    size: Spanned<f32>,
    min_module: Spanned<f32>,
    quiet_zone: Spanned<u32>,
    error_correction: Spanned<String>,
    dark: Spanned<String>,
    light: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStyle {
    weight: Spanned<RawWeight>,
    size: Spanned<f32>,
    min: Spanned<f32>,
    color: Spanned<String>,
    line_height: Spanned<f32>,
    #[serde(default)]
    space_after: Option<Spanned<f32>>,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum RawWeight {
    Regular,
    Bold,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFace {
    name: Spanned<String>,
    region: Vec<Spanned<RawRegion>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRegion {
    name: Spanned<String>,
    x: Spanned<f32>,
    y: Spanned<f32>,
    w: Spanned<f32>,
    h: Spanned<f32>,
    #[serde(default)]
    padding: Option<Spanned<f32>>,
    #[serde(default)]
    background: Option<Spanned<String>>,
    #[serde(default)]
    radius: Option<Spanned<f32>>,
    #[serde(default)]
    align: Option<Spanned<Align>>,
    #[serde(default)]
    gap: Option<Spanned<f32>>,
    #[serde(default)]
    fit_group: Option<String>,
    blocks: Vec<Spanned<RawBlock>>,
}

#[derive(Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    Top,
    Center,
    Bottom,
}

#[derive(Deserialize, Clone, Copy, Debug, PartialEq)]
#[serde(rename_all = "lowercase")]
pub enum TextTag {
    H1,
    H2,
    P,
}

#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
enum RawBlock {
    Text {
        text: String,
        role: String,
        #[serde(default)]
        tag: Option<TextTag>,
    },
    Deadline {
        label_role: String,
        date_role: String,
        #[serde(default)]
        note_role: Option<String>,
        #[serde(default)]
        after_headline: Option<String>,
        #[serde(default)]
        after_note: Option<String>,
    },
    Route {
        route: String,
        heading_role: String,
        step_role: String,
        number_role: String,
        number_fill: String,
    },
    Qr {
        #[serde(default)]
        caption: Option<String>,
        caption_role: String,
        url_role: String,
        #[serde(default)]
        notes: Vec<String>,
        #[serde(default)]
        note_role: Option<String>,
    },
    Rule {
        color: String,
        width: f32,
    },
}

/// A text role's style.
#[derive(Clone, Debug)]
pub struct TextStyle {
    pub weight: FontWeight,
    pub size: Pt,
    /// The build fails rather than shrink below this.
    pub min: Pt,
    pub color: Color,
    /// Line pitch as a multiple of the font size.
    pub line_height: f32,
    pub space_after: Mm,
    pub loc: Loc,
}

/// A reference to a text role, checked to exist.
#[derive(Clone, Debug)]
pub struct RoleRef {
    pub name: String,
    pub loc: Loc,
}

#[derive(Clone, Debug)]
pub enum Block {
    /// A campaign text (`[text]` key) in one role.
    Text { key: String, role: RoleRef, tag: TextTag, loc: Loc },
    /// The deadline callout: label, date, note. After the deadline, the
    /// texts `after_keys` (headline, note) take their place.
    Deadline { label: RoleRef, date: RoleRef, note: Option<RoleRef>, after_keys: (String, String), loc: Loc },
    /// One route's heading and numbered steps.
    Route { route: String, heading: RoleRef, step: RoleRef, number: RoleRef, number_fill: Color, loc: Loc },
    /// QR code to the form, with its caption, the URL in clear text and
    /// further campaign texts (`notes`) beside it.
    Qr { caption_key: String, caption: RoleRef, url: RoleRef, notes: Vec<String>, note: Option<RoleRef>, loc: Loc },
    /// A thin separating line across the region.
    Rule { color: Color, width: Pt, loc: Loc },
}

impl Block {
    pub fn loc(&self) -> &Loc {
        match self {
            Block::Text { loc, .. }
            | Block::Deadline { loc, .. }
            | Block::Route { loc, .. }
            | Block::Qr { loc, .. }
            | Block::Rule { loc, .. } => loc,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Region {
    pub name: String,
    pub rect: Rect,
    pub padding: Mm,
    pub background: Option<Color>,
    pub radius: Mm,
    pub align: Align,
    pub gap: Mm,
    /// Regions of one group are set at the same scale, so that, say, two
    /// columns of steps keep the same type size when one must shrink.
    pub fit_group: Option<String>,
    pub blocks: Vec<Block>,
    pub loc: Loc,
}

impl Region {
    /// Where the blocks go.
    pub fn content_box(&self) -> Rect {
        self.rect.inset(self.padding)
    }
}

/// One page of a flyer, or one side of a card.
#[derive(Clone, Debug)]
pub struct Face {
    pub name: String,
    pub regions: Vec<Region>,
}

#[derive(Clone, Debug)]
pub struct QrSpec {
    /// Printed width of the symbol, quiet zone not included.
    pub size: Mm,
    /// Smallest module that still scans from paper; the build fails below it.
    pub min_module: Mm,
    pub quiet_zone: usize,
    pub ec: qrcode::EcLevel,
    pub dark: Color,
    pub light: Color,
    pub loc: Loc,
}

#[derive(Clone, Debug)]
pub struct FontFile {
    pub file: String,
    pub loc: Loc,
}

#[derive(Clone, Debug)]
pub struct Layout {
    /// From the file name: `flyer-a4.toml` is `flyer-a4`.
    pub id: String,
    pub source: Arc<Source>,
    /// The finished (trimmed) page size.
    pub width: Mm,
    pub height: Mm,
    pub bleed: Mm,
    pub background: Color,
    pub regular: FontFile,
    pub bold: FontFile,
    /// Faces for scripts the main font does not cover.
    pub script_fonts: Vec<(crate::script::Script, FontFile, FontFile)>,
    pub qr: QrSpec,
    pub styles: BTreeMap<String, TextStyle>,
    pub faces: Vec<Face>,
    /// Content keeps this far inside the trim.
    pub safe: Mm,
    /// Cards imposed on a sheet, when the layout is a card.
    pub sheet: Option<Sheet>,
}

/// Crop marks: thin lines outside the cards, in line with the trim edges.
#[derive(Clone, Debug)]
pub struct CropMarks {
    pub length: Mm,
    /// Gap between the trim edge and the start of the mark.
    pub offset: Mm,
    pub width: Pt,
}

/// Several copies of each face on a larger sheet, for printing at home
/// and cutting by hand.
#[derive(Clone, Debug)]
pub struct Sheet {
    pub width: Mm,
    pub height: Mm,
    /// Where each card's trim box lies on the front sheet, row by row.
    pub cells: Vec<Rect>,
    pub flip: Flip,
    pub marks: CropMarks,
}

impl Sheet {
    /// Where a card of the given face lies: backs are mirrored so that,
    /// printed duplex and turned over the flip edge, each back lands
    /// exactly behind its front.
    pub fn place(&self, cell: Rect, face: usize) -> Rect {
        if face.is_multiple_of(2) {
            return cell;
        }
        match self.flip {
            Flip::LongEdge if self.height >= self.width => Rect::new(self.width - cell.right(), cell.y, cell.w, cell.h),
            Flip::ShortEdge if self.height < self.width => Rect::new(self.width - cell.right(), cell.y, cell.w, cell.h),
            _ => Rect::new(cell.x, self.height - cell.bottom(), cell.w, cell.h),
        }
    }
}

impl Layout {
    pub fn style(&self, role: &RoleRef) -> &TextStyle {
        // Role references are checked on load.
        &self.styles[&role.name]
    }
}

/// Parse and check a layout file.
pub fn load_layout(id: String, source: Arc<Source>, problems: &mut Vec<Problem>) -> Option<Layout> {
    let raw: RawLayout = match parse_toml(&source) {
        Ok(r) => r,
        Err(p) => {
            problems.push(p);
            return None;
        }
    };
    let before = problems.len();
    let mut cx = Checker { source: &source, problems, palette: BTreeMap::new() };

    for (name, value) in &raw.colors {
        if let Some(c) = parse_hex(value.get_ref()) {
            cx.palette.insert(name.clone(), c);
        } else {
            // Known but broken: report it once here, not at every use.
            cx.palette.insert(name.clone(), Color::BLACK);
            cx.problems.push(
                Problem::error(Kind::Invalid, format!("colour `{name}` is not a colour: `{}`", value.get_ref()))
                    .at(loc_of(&source, value))
                    .label("expected #rrggbb")
                    .help("write colours as six hex digits, e.g. \"#0b3d91\""),
            );
        }
    }

    let width = cx.length(&raw.page.width, "page width", 10.0, 2000.0);
    let height = cx.length(&raw.page.height, "page height", 10.0, 2000.0);
    let bleed = raw.page.bleed.as_ref().map_or(0.0, |b| cx.length(b, "bleed", 0.0, 20.0));
    let background = cx.color(&raw.page.background);

    let qr = QrSpec {
        size: Mm(cx.length(&raw.qr.size, "QR size", 10.0, 200.0)),
        min_module: Mm(cx.length(&raw.qr.min_module, "QR min_module", 0.1, 5.0)),
        quiet_zone: {
            let q = *raw.qr.quiet_zone.get_ref();
            if q < 4 {
                cx.problems.push(
                    Problem::error(Kind::Invalid, format!("a quiet zone of {q} modules is too small"))
                        .at(loc_of(&source, &raw.qr.quiet_zone))
                        .label("expected at least 4")
                        .help("QR readers need 4 empty modules around the code"),
                );
            }
            q.min(40) as usize
        },
        ec: match raw.qr.error_correction.get_ref().as_str() {
            "L" => qrcode::EcLevel::L,
            "M" => qrcode::EcLevel::M,
            "Q" => qrcode::EcLevel::Q,
            "H" => qrcode::EcLevel::H,
            other => {
                cx.problems.push(
                    Problem::error(Kind::Invalid, format!("`{other}` is not a QR error-correction level"))
                        .at(loc_of(&source, &raw.qr.error_correction))
                        .label("expected \"L\", \"M\", \"Q\" or \"H\"")
                        .help("use \"M\" or higher for print"),
                );
                qrcode::EcLevel::M
            }
        },
        dark: cx.color(&raw.qr.dark),
        light: cx.color(&raw.qr.light),
        loc: loc_of(&source, &raw.qr.size),
    };
    if qr.dark.contrast(qr.light) < 7.0 {
        cx.problems.push(
            Problem::error(Kind::Invalid, "the QR colours are too close for a phone to read")
                .at(loc_of(&source, &raw.qr.dark))
                .help("use a dark colour on white"),
        );
    }

    let mut styles = BTreeMap::new();
    for (name, s) in &raw.text {
        let loc = loc_of(&source, s);
        let st = s.get_ref();
        let size = cx.number(&st.size, "font size", 4.0, 200.0);
        let min = cx.number(&st.min, "minimum font size", 4.0, 200.0);
        if min > size {
            cx.problems.push(
                Problem::error(Kind::Invalid, format!("text role `{name}` has a minimum size above its size"))
                    .at(loc_of(&source, &st.min))
                    .label(format!("min {min} pt > size {size} pt")),
            );
        }
        let style = TextStyle {
            weight: match st.weight.get_ref() {
                RawWeight::Regular => FontWeight::Regular,
                RawWeight::Bold => FontWeight::Bold,
            },
            size: Pt(size),
            min: Pt(min),
            color: cx.color(&st.color),
            line_height: cx.number(&st.line_height, "line height", 0.8, 3.0),
            space_after: Mm(st.space_after.as_ref().map_or(0.0, |v| cx.length(v, "space_after", 0.0, 100.0))),
            loc,
        };
        styles.insert(name.clone(), style);
    }

    let page = Rect::new(Mm::ZERO, Mm::ZERO, Mm(width), Mm(height));
    let mut faces = Vec::new();
    if raw.face.is_empty() {
        cx.problems.push(
            Problem::error(Kind::Invalid, "the layout has no [[face]]")
                .at(Loc::new(&source, 0..0))
                .help("add a [[face]] with at least one [[face.region]]"),
        );
    }
    for face in &raw.face {
        let f = face.get_ref();
        let mut regions: Vec<Region> = Vec::new();
        for r in &f.region {
            let region = cx.region(r, &styles);
            let bleed_box = Rect::new(-Mm(bleed), -Mm(bleed), Mm(width + 2.0 * bleed), Mm(height + 2.0 * bleed));
            if !bleed_box.contains(&region.rect, Mm(0.01)) || (!region.blocks.is_empty() && !page.contains(&region.rect, Mm(0.01))) {
                cx.problems.push(
                    Problem::error(Kind::Geometry, format!("region `{}` lies outside the page", region.name))
                        .at(region.loc.clone())
                        .label(format!(
                            "{:.1} x {:.1} mm at ({:.1}, {:.1}) does not fit in {width} x {height} mm",
                            region.rect.w.0, region.rect.h.0, region.rect.x.0, region.rect.y.0
                        )),
                );
            }
            if region.padding.0 * 2.0 >= region.rect.w.0.min(region.rect.h.0) {
                cx.problems.push(
                    Problem::error(Kind::Geometry, format!("region `{}` is all padding", region.name))
                        .at(region.loc.clone())
                        .label("padding leaves no room for content"),
                );
            }
            for other in &regions {
                // A region without blocks is a coloured panel behind others.
                let decoration = region.blocks.is_empty() || other.blocks.is_empty();
                if !decoration && other.rect.overlaps(&region.rect) {
                    cx.problems.push(
                        Problem::error(Kind::Geometry, format!("regions `{}` and `{}` overlap", other.name, region.name))
                            .at(region.loc.clone())
                            .related(other.loc.clone(), format!("region `{}`", other.name)),
                    );
                }
            }
            // Text sits on its region's colour, else on a panel behind it, else on the page.
            let behind = regions
                .iter()
                .rev()
                .find(|r| r.blocks.is_empty() && r.background.is_some() && r.rect.contains(&region.rect, Mm(0.01)))
                .and_then(|r| r.background)
                .unwrap_or(background);
            cx.contrast(&region, behind, &styles);
            regions.push(region);
        }
        faces.push(Face { name: f.name.get_ref().clone(), regions });
    }

    let safe = Mm(raw.page.safe.as_ref().map_or(0.0, |v| cx.length(v, "safe margin", 0.0, 50.0)));
    if safe > Mm::ZERO {
        let safe_box = page.inset(safe);
        for face in &faces {
            for region in &face.regions {
                if !region.blocks.is_empty() && page.contains(&region.rect, Mm(0.01)) && !safe_box.contains(&region.rect, Mm(0.01)) {
                    cx.problems.push(
                        Problem::error(Kind::Geometry, format!("region `{}` reaches into the {} mm safe margin", region.name, safe.0))
                            .at(region.loc.clone())
                            .label(format!(
                                "content must stay within ({:.1}, {:.1}) to ({:.1}, {:.1}) mm",
                                safe.0,
                                safe.0,
                                width - safe.0,
                                height - safe.0
                            ))
                            .help("cutting is never exact: keep text and codes away from the trim"),
                    );
                }
            }
        }
    }
    let sheet = raw.sheet.as_ref().and_then(|sh| cx.sheet(sh, Mm(width), Mm(height)));
    let mut script_fonts = Vec::new();
    for (name, sf) in &raw.fonts.scripts {
        let file = |v: &Spanned<String>| FontFile { file: v.get_ref().clone(), loc: loc_of(&source, v) };
        match crate::script::Script::from_name(name) {
            Some(script) => script_fonts.push((script, file(&sf.get_ref().regular), file(&sf.get_ref().bold))),
            None => cx.problems.push(
                Problem::error(Kind::Invalid, format!("`{name}` is not a script handout knows"))
                    .at(loc_of(&source, sf))
                    .help(format!("the scripts are: {}", crate::script::Script::NAMES.join(", "))),
            ),
        }
    }
    if raw.sheet.is_some() && bleed > 0.0 {
        cx.problems.push(
            Problem::error(Kind::Geometry, "a layout cannot have both bleed and a sheet")
                .at(Loc::new(&source, 0..0))
                .help("bleed is for print-shop files of single cards; a sheet is for cutting by hand"),
        );
    }

    if problems.len() > before || !valid_id(&id) {
        return None;
    }
    Some(Layout {
        safe,
        sheet,
        script_fonts,
        id,
        width: Mm(width),
        height: Mm(height),
        bleed: Mm(bleed),
        background,
        regular: FontFile { file: raw.fonts.regular.get_ref().clone(), loc: loc_of(&source, &raw.fonts.regular) },
        bold: FontFile { file: raw.fonts.bold.get_ref().clone(), loc: loc_of(&source, &raw.fonts.bold) },
        qr,
        styles,
        faces,
        source,
    })
}

struct Checker<'a> {
    source: &'a Arc<Source>,
    problems: &'a mut Vec<Problem>,
    palette: BTreeMap<String, Color>,
}

impl Checker<'_> {
    /// Lay out the grid of cards centred on the sheet, checking it fits with
    /// its crop marks.
    fn sheet(&mut self, raw: &Spanned<RawSheet>, card_w: Mm, card_h: Mm) -> Option<Sheet> {
        let loc = loc_of(self.source, raw);
        let r = raw.get_ref();
        let width = Mm(self.length(&r.width, "sheet width", 50.0, 2000.0));
        let height = Mm(self.length(&r.height, "sheet height", 50.0, 2000.0));
        let gx = Mm(self.length(&r.gutter_x, "gutter_x", 0.0, 100.0));
        let gy = Mm(self.length(&r.gutter_y, "gutter_y", 0.0, 100.0));
        let (cols, rows) = (*r.columns.get_ref(), *r.rows.get_ref());
        if !(1..=20).contains(&cols) || !(1..=20).contains(&rows) {
            self.problems.push(
                Problem::error(Kind::Invalid, format!("a grid of {cols} x {rows} cards"))
                    .at(loc_of(self.source, &r.columns))
                    .label("expected 1 to 20 columns and rows"),
            );
            return None;
        }
        let m = r.crop_marks.get_ref();
        let marks = CropMarks { length: Mm(m.length), offset: Mm(m.offset), width: Pt(m.width) };
        if !(1.0..=20.0).contains(&m.length) || !(0.0..=20.0).contains(&m.offset) || !(0.05..=2.0).contains(&m.width) {
            self.problems.push(
                Problem::error(Kind::Invalid, "crop marks out of range")
                    .at(loc_of(self.source, &r.crop_marks))
                    .label("expected length 1-20 mm, offset 0-20 mm, width 0.05-2 pt"),
            );
            return None;
        }
        let grid_w = card_w * cols as f32 + gx * (cols - 1) as f32;
        let grid_h = card_h * rows as f32 + gy * (rows - 1) as f32;
        let mx = (width - grid_w) / 2.0;
        let my = (height - grid_h) / 2.0;
        let need = marks.offset + marks.length;
        if mx < Mm::ZERO || my < Mm::ZERO {
            self.problems.push(
                Problem::error(Kind::Geometry, format!("{cols} x {rows} cards do not fit on the sheet"))
                    .at(loc)
                    .label(format!(
                        "the grid is {:.1} x {:.1} mm, the sheet {:.1} x {:.1} mm",
                        grid_w.0, grid_h.0, width.0, height.0
                    ))
                    .help("use fewer rows or columns, or smaller gutters"),
            );
            return None;
        }
        if mx < need || my < need {
            self.problems.push(
                Problem::error(Kind::Geometry, "the crop marks do not fit between the cards and the sheet's edge")
                    .at(loc_of(self.source, &r.crop_marks))
                    .label(format!(
                        "marks need {:.1} mm outside the grid; there is {:.1} mm at the sides and {:.1} mm at top and bottom",
                        need.0, mx.0, my.0
                    ))
                    .help("use fewer rows or columns, smaller gutters, or shorter marks"),
            );
            return None;
        }
        let mut cells = Vec::new();
        for row in 0..rows {
            for col in 0..cols {
                let x = mx + (card_w + gx) * col as f32;
                let y = my + (card_h + gy) * row as f32;
                cells.push(Rect::new(x, y, card_w, card_h));
            }
        }
        Some(Sheet { width, height, cells, flip: *r.flip.get_ref(), marks })
    }

    fn number(&mut self, v: &Spanned<f32>, what: &str, lo: f32, hi: f32) -> f32 {
        let x = *v.get_ref();
        if !(lo..=hi).contains(&x) {
            self.problems.push(
                Problem::error(Kind::Invalid, format!("{what} {x} is out of range"))
                    .at(loc_of(self.source, v))
                    .label(format!("expected a number from {lo} to {hi}")),
            );
            return lo;
        }
        x
    }

    fn length(&mut self, v: &Spanned<f32>, what: &str, lo: f32, hi: f32) -> f32 {
        self.number(v, &format!("{what} (mm)"), lo, hi)
    }

    fn color(&mut self, v: &Spanned<String>) -> Color {
        self.color_at(v.get_ref(), &loc_of(self.source, v))
    }

    fn color_at(&mut self, name: &str, loc: &Loc) -> Color {
        if let Some(c) = self.palette.get(name) {
            return *c;
        }
        if let Some(c) = parse_hex(name) {
            return c;
        }
        let known: Vec<_> = self.palette.keys().map(String::as_str).collect();
        self.problems.push(
            Problem::error(Kind::Invalid, format!("`{name}` is not a colour"))
                .at(loc.clone())
                .label("expected a name from [colors] or #rrggbb")
                .help(format!("the colours defined in [colors] are: {}", known.join(", "))),
        );
        Color::BLACK
    }

    fn role(&mut self, name: &str, loc: &Loc, styles: &BTreeMap<String, TextStyle>) -> RoleRef {
        let name = name.to_string();
        if !styles.contains_key(&name) {
            let known: Vec<_> = styles.keys().map(String::as_str).collect();
            self.problems.push(
                Problem::error(Kind::Invalid, format!("text role `{name}` is not defined"))
                    .at(loc.clone())
                    .label("no [text.".to_string() + &name + "] in this layout")
                    .help(format!("the roles defined are: {}", known.join(", "))),
            );
        }
        RoleRef { name, loc: loc.clone() }
    }

    fn region(&mut self, r: &Spanned<RawRegion>, styles: &BTreeMap<String, TextStyle>) -> Region {
        let loc = loc_of(self.source, r);
        let r = r.get_ref();
        let rect = Rect::new(
            Mm(self.length(&r.x, "x", -50.0, 2000.0)),
            Mm(self.length(&r.y, "y", -50.0, 2000.0)),
            Mm(self.length(&r.w, "w", 1.0, 2000.0)),
            Mm(self.length(&r.h, "h", 1.0, 2000.0)),
        );
        let blocks = r.blocks.iter().map(|b| self.block(b, styles)).collect();
        Region {
            name: r.name.get_ref().clone(),
            rect,
            padding: Mm(r.padding.as_ref().map_or(0.0, |p| self.length(p, "padding", 0.0, 100.0))),
            background: r.background.as_ref().map(|c| self.color(c)),
            radius: Mm(r.radius.as_ref().map_or(0.0, |p| self.length(p, "radius", 0.0, 50.0))),
            align: r.align.as_ref().map_or(Align::Top, |a| *a.get_ref()),
            gap: Mm(r.gap.as_ref().map_or(0.0, |p| self.length(p, "gap", 0.0, 100.0))),
            fit_group: r.fit_group.clone(),
            blocks,
            loc,
        }
    }

    fn block(&mut self, b: &Spanned<RawBlock>, styles: &BTreeMap<String, TextStyle>) -> Block {
        let loc = loc_of(self.source, b);
        match b.get_ref() {
            RawBlock::Text { text, role, tag } => Block::Text {
                key: text.clone(),
                role: self.role(role, &loc, styles),
                tag: tag.unwrap_or(TextTag::P),
                loc,
            },
            RawBlock::Deadline { label_role, date_role, note_role, after_headline, after_note } => Block::Deadline {
                label: self.role(label_role, &loc, styles),
                date: self.role(date_role, &loc, styles),
                note: note_role.as_ref().map(|r| self.role(r, &loc, styles)),
                after_keys: (
                    after_headline.clone().unwrap_or_else(|| "after_deadline_headline".into()),
                    after_note.clone().unwrap_or_else(|| "after_deadline_note".into()),
                ),
                loc,
            },
            RawBlock::Route { route, heading_role, step_role, number_role, number_fill } => Block::Route {
                route: route.clone(),
                heading: self.role(heading_role, &loc, styles),
                step: self.role(step_role, &loc, styles),
                number: self.role(number_role, &loc, styles),
                number_fill: self.color_at(number_fill, &loc),
                loc,
            },
            RawBlock::Qr { caption, caption_role, url_role, notes, note_role } => {
                if !notes.is_empty() && note_role.is_none() {
                    self.problems.push(
                        Problem::error(Kind::Invalid, "a QR block with notes needs a note_role")
                            .at(loc.clone())
                            .help("add note_role = \"...\" naming a [text.*] role"),
                    );
                }
                Block::Qr {
                    caption_key: caption.clone().unwrap_or_else(|| "qr_caption".to_string()),
                    caption: self.role(caption_role, &loc, styles),
                    url: self.role(url_role, &loc, styles),
                    notes: notes.clone(),
                    note: note_role.as_ref().map(|r| self.role(r, &loc, styles)),
                    loc,
                }
            }
            RawBlock::Rule { color, width } => {
                if !(0.1..=10.0).contains(width) {
                    self.problems.push(
                        Problem::error(Kind::Invalid, format!("rule width {width} pt is out of range"))
                            .at(loc.clone())
                            .label("expected a number from 0.1 to 10"),
                    );
                }
                Block::Rule { color: self.color_at(color, &loc), width: Pt(width.clamp(0.1, 10.0)), loc }
            }
        }
    }

    /// Every role shown in a region must be readable on its background.
    fn contrast(&mut self, region: &Region, page_bg: Color, styles: &BTreeMap<String, TextStyle>) {
        let bg = region.background.unwrap_or(page_bg);
        for block in &region.blocks {
            let roles: Vec<&RoleRef> = match block {
                Block::Text { role, .. } => vec![role],
                Block::Deadline { label, date, note, .. } => [label, date].into_iter().chain(note.as_ref()).collect(),
                Block::Route { heading, step, .. } => vec![heading, step],
                Block::Qr { caption, url, note, .. } => [caption, url].into_iter().chain(note.as_ref()).collect(),
                Block::Rule { .. } => vec![],
            };
            for role in roles {
                let Some(style) = styles.get(&role.name) else { continue };
                let ratio = style.color.contrast(bg);
                if ratio < MIN_CONTRAST {
                    self.problems.push(
                        Problem::error(
                            Kind::Invalid,
                            format!("text role `{}` has contrast {ratio:.1}:1 on region `{}`", role.name, region.name),
                        )
                        .at(role.loc.clone())
                        .label(format!("needs at least {MIN_CONTRAST}:1"))
                        .related(style.loc.clone(), "the role's colour is set"),
                    );
                } else if ratio < BODY_CONTRAST && style.size < LARGE_TEXT {
                    self.problems.push(
                        Problem::warning(
                            Kind::Invalid,
                            format!(
                                "text role `{}` has contrast {ratio:.1}:1 on region `{}`, below 7:1 for body text",
                                role.name, region.name
                            ),
                        )
                        .at(role.loc.clone()),
                    );
                }
            }
            if let Block::Route { number, number_fill, .. } = block
                && let Some(style) = styles.get(&number.name)
                && style.color.contrast(*number_fill) < MIN_CONTRAST
            {
                self.problems.push(
                    Problem::error(Kind::Invalid, format!("step numbers in `{}` do not stand out from their circle", number.name))
                        .at(number.loc.clone())
                        .label(format!("contrast {:.1}:1, needs {MIN_CONTRAST}:1", style.color.contrast(*number_fill))),
                );
            }
        }
    }
}

/// `#rrggbb` or `#rgb`.
pub fn parse_hex(s: &str) -> Option<Color> {
    let hex = s.strip_prefix('#')?;
    let digits: Vec<u8> = hex.chars().map(|c| c.to_digit(16).map(|d| d as u8)).collect::<Option<_>>()?;
    match digits.as_slice() {
        [r, g, b] => Some(Color { r: r * 17, g: g * 17, b: b * 17 }),
        [r1, r2, g1, g2, b1, b2] => Some(Color { r: r1 * 16 + r2, g: g1 * 16 + g2, b: b1 * 16 + b2 }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_colours() {
        assert_eq!(parse_hex("#0b3d91"), Some(Color { r: 0x0b, g: 0x3d, b: 0x91 }));
        assert_eq!(parse_hex("#fff"), Some(Color::WHITE));
        for bad in ["0b3d91", "#0b3d9", "#gggggg", "blue", "", "#"] {
            assert_eq!(parse_hex(bad), None, "{bad}");
        }
    }
}
