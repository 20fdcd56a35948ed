//! The layout file as serde reads it. Every table is optional here: a
//! layout that `extends` another gives only what it changes, and the
//! checks that a whole layout has what it needs run after merging.

use super::super::At;
use crate::named::named;
use crate::style::FontWeight;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use std::collections::BTreeMap;

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLayout {
    /// Another layout (a file name in layouts/ without `.toml`) this one
    /// changes.
    pub extends: Option<At<String>>,
    pub description: Option<At<String>>,
    /// What the web page calls it, per language of the page
    /// (`nl = "Folder A4"`).
    pub names: Option<At<BTreeMap<String, String>>>,
    /// What it is for, per language of the page, under its name.
    pub uses: Option<At<BTreeMap<String, String>>>,
    /// What the layout makes: PDF pages (the default) or PNG images.
    pub output: Option<At<FormatName>>,
    /// In `[with_org]`: the most characters of an organisation's help text
    /// the layout holds, as measured (tests/growth.rs says how); the web
    /// page shows it.
    pub max_help: Option<At<u32>>,
    /// A PNG's size in pixels; the page is this many CSS pixels (96 to the
    /// inch), so positions stay in mm and sizes in pt.
    pub px_width: Option<At<u32>>,
    pub px_height: Option<At<u32>>,
    pub page: Option<At<RawPage>>,
    pub sheet: Option<At<RawSheetEntry>>,
    pub fonts: Option<At<RawFonts>>,
    #[serde(default)]
    pub colors: BTreeMap<String, At<String>>,
    pub qr: Option<At<RawQr>>,
    #[serde(default)]
    pub text: BTreeMap<String, At<RawStyle>>,
    #[serde(default)]
    pub face: Vec<At<RawFace>>,
    /// What changes when the handout carries an organisation: the same
    /// tables as a layout that extends this one (`[with_org.page]`,
    /// `[[with_org.face]]`...), applied on top of it.
    pub with_org: Option<At<Box<RawLayout>>>,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPage {
    /// Required for PDF; a PNG layout's page follows from its pixels.
    pub width: Option<At<f32>>,
    pub height: Option<At<f32>>,
    #[serde(default)]
    pub bleed: Option<At<f32>>,
    /// Distance inside the trim that content keeps clear of.
    #[serde(default)]
    pub safe: Option<At<f32>>,
    pub background: At<String>,
}

/// `[sheet]`, or `sheet = false` in a layout that extends one with a sheet.
#[derive(Clone)]
pub enum RawSheetEntry {
    Sheet(Box<RawSheet>),
    None,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSheet {
    pub width: At<f32>,
    pub height: At<f32>,
    pub columns: At<u32>,
    pub rows: At<u32>,
    pub gutter_x: At<f32>,
    pub gutter_y: At<f32>,
    pub flip: At<Flip>,
    pub crop_marks: At<RawMarks>,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMarks {
    pub length: f32,
    pub offset: f32,
    pub width: f32,
    /// Where the marks go: outside the grid (the default), or, where the
    /// copies fill the sheet, from the sheet's edge inwards along each cut.
    #[serde(default)]
    pub at: Option<MarkPlace>,
}

named! {
    /// Where crop marks are drawn.
    pub enum MarkPlace as "a place for crop marks" { Outside = "outside", SheetEdges = "sheet-edges" }
}

named! {
    /// What a layout makes.
    pub enum FormatName as "an output" { Pdf = "pdf", Png = "png" }
}

named! {
    /// The edge a duplex printer turns the sheet over.
    pub enum Flip as "a flip edge" { LongEdge = "long-edge", ShortEdge = "short-edge" }
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFonts {
    pub regular: At<String>,
    pub bold: At<String>,
    /// Faces for other scripts, used for the characters of that script.
    #[serde(default)]
    pub scripts: BTreeMap<String, At<RawScriptFonts>>,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScriptFonts {
    pub regular: At<String>,
    pub bold: At<String>,
}

named! {
    /// How much of a QR code may be damaged and still scan.
    pub enum EcLevel as "a QR error-correction level" { L = "L", M = "M", Q = "Q", H = "H" }
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQr {
    /// The largest the code is printed (without its quiet zone).
    pub size: At<f32>,
    /// The smallest it may be printed when the space the layout gives it
    /// is tight; `size` when absent.
    #[serde(default)]
    pub min_size: Option<At<f32>>,
    /// The longest form URL (in bytes) the layout holds; 200, the most any
    /// content may have, when absent.
    #[serde(default)]
    pub max_url: Option<At<u32>>,
    pub min_module: At<f32>,
    /// The largest module the code is printed with (a short address's
    /// code is printed smaller); no limit when absent.
    #[serde(default)]
    pub max_module: Option<At<f32>>,
    pub quiet_zone: At<u32>,
    pub error_correction: At<EcLevel>,
    pub dark: At<String>,
    pub light: At<String>,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStyle {
    pub weight: At<FontWeight>,
    pub size: At<f32>,
    pub min: At<f32>,
    pub color: At<String>,
    pub line_height: At<f32>,
    #[serde(default)]
    pub space_after: Option<At<f32>>,
    /// Whether long words may be hyphenated (default: yes). Big type on a
    /// poster or a screen reads better without.
    #[serde(default)]
    pub hyphenate: Option<bool>,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFace {
    pub name: At<String>,
    #[serde(default)]
    pub region: Vec<At<RawRegion>>,
    /// In a layout that extends another (or `[with_org]`): inherited
    /// regions to leave out.
    #[serde(default)]
    pub drop: Vec<At<String>>,
    /// Regions that share the room they fill, top to bottom (`[[face.stack]]`).
    /// In a layout that extends another, a face that gives its own stacks
    /// replaces the inherited ones.
    #[serde(default)]
    pub stack: Vec<At<RawStack>>,
}

/// `[[face.stack]] regions = ["header", "deadline", ["left", "right"], "scan"]`:
/// a column of regions, top to bottom; an inner list is a row of regions
/// side by side, which share a height.
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStack {
    pub regions: At<Vec<StackItem>>,
    /// How far down the stack may reach when its regions need more room
    /// than the layout draws them with (the last region's bottom when
    /// absent): empty page below them that they may grow into.
    #[serde(default)]
    pub bottom: Option<At<f32>>,
}

/// One place in a stack: a region, or a row of regions side by side.
#[derive(Clone, Deserialize)]
#[serde(untagged, expecting = "a region name, or a list of region names side by side")]
pub enum StackItem {
    Region(String),
    Row(Vec<String>),
}

named! {
    /// Where a region's content sits when it does not fill the region.
    pub enum Align as "an alignment" { Top = "top", Center = "center", Bottom = "bottom" }
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRegion {
    pub name: At<String>,
    pub x: At<f32>,
    pub y: At<f32>,
    pub w: At<f32>,
    pub h: At<f32>,
    #[serde(default)]
    pub padding: Option<At<f32>>,
    #[serde(default)]
    pub background: Option<At<String>>,
    #[serde(default)]
    pub radius: Option<At<f32>>,
    #[serde(default)]
    pub align: Option<At<Align>>,
    #[serde(default)]
    pub gap: Option<At<f32>>,
    #[serde(default)]
    pub fit_group: Option<String>,
    /// In a stack: the least height the region gives way to (its content's
    /// height when absent), and the most it grows to (no limit when absent).
    #[serde(default)]
    pub min_h: Option<At<f32>>,
    #[serde(default)]
    pub max_h: Option<At<f32>>,
    /// In a layout that extends another: put this new region before the
    /// inherited ones (a panel drawn behind them), not after.
    #[serde(default)]
    pub behind: bool,
    pub blocks: Vec<At<RawBlock>>,
}

named! {
    /// What a text block is in the document's structure.
    pub enum TextTag as "a text tag" { H1 = "h1", H2 = "h2", P = "p" }
}

#[derive(Clone, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
pub enum RawBlock {
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
        #[serde(default)]
        after_note_role: Option<String>,
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
    Org(RawOrgBlock),
}

/// `{ kind = "org", ... }`.
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOrgBlock {
    #[serde(default)]
    pub name_role: Option<String>,
    /// The name in bold at the start of the help text, not on a line of
    /// its own (where room is short, on a card).
    #[serde(default)]
    pub inline_name: bool,
    pub help_role: String,
    #[serde(default)]
    pub website_role: Option<String>,
    /// A campaign text set above the name ("Uitgedeeld door").
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub label_role: Option<String>,
    /// The box the logo is fitted into (mm); no logo without it.
    #[serde(default)]
    pub logo_width: Option<f32>,
    #[serde(default)]
    pub logo_height: Option<f32>,
}

impl<'de> Deserialize<'de> for RawSheetEntry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct SheetVisitor;
        impl<'de> Visitor<'de> for SheetVisitor {
            type Value = RawSheetEntry;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a [sheet] table, or `false` for no sheet")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawSheetEntry, E> {
                match v {
                    false => Ok(RawSheetEntry::None),
                    true => {
                        Err(E::custom("`sheet = true` says nothing: give a [sheet] table, or `false` for no sheet"))
                    }
                }
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawSheetEntry, A::Error> {
                RawSheet::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|s| RawSheetEntry::Sheet(Box::new(s)))
            }
        }
        d.deserialize_any(SheetVisitor)
    }
}
