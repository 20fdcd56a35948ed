//! The page model: what compose produces and render draws. Everything is
//! positioned in millimetres from the top-left corner of its page; nothing
//! here needs measuring any more.

use crate::diag::Loc;
use crate::style::{Color, FontWeight};
use crate::units::{Mm, Point, Pt, Rect, Size};
use std::sync::Arc;

/// One font file's bytes: the very bytes compose measured with, which
/// render embeds (subset), so that what was measured is what is printed.
#[derive(Clone)]
pub struct FontData {
    pub bytes: Arc<Vec<u8>>,
    /// Its file name in fonts/, for messages.
    pub file: String,
}

impl std::fmt::Debug for FontData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FontData({}, {} bytes)", self.file, self.bytes.len())
    }
}

/// A regular and a bold face of one family.
#[derive(Clone, Debug)]
pub struct Typeface {
    pub regular: FontData,
    pub bold: FontData,
}

impl Typeface {
    pub fn get(&self, weight: FontWeight) -> &FontData {
        match weight {
            FontWeight::Regular => &self.regular,
            FontWeight::Bold => &self.bold,
        }
    }
}

/// A picture's bytes, as the PDF embeds them (an organisation's logo).
#[derive(Clone, Debug)]
pub enum Picture {
    /// A PNG file.
    Png(Arc<Vec<u8>>),
    /// A JPEG file.
    Jpeg(Arc<Vec<u8>>),
    /// A self-contained SVG, as checked (logo.rs), drawn with the options
    /// it was checked with.
    Svg(Arc<Vec<u8>>),
}

/// A shaped glyph: its id in the run's font, its advance and offsets in em
/// (multiples of the font size), and the bytes of the run's text it
/// stands for.
#[derive(Clone, Debug, PartialEq)]
pub struct Glyph {
    pub id: u16,
    pub x_advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
    pub y_advance: f32,
    pub text: std::ops::Range<usize>,
}

/// A single line's worth of text in one font and size.
#[derive(Clone, Debug)]
pub struct TextRun {
    /// The text the glyphs stand for (the PDF's text layer).
    pub text: String,
    /// Regular or bold.
    pub weight: FontWeight,
    /// The typeface (the main one or a script's) the run is set in: an
    /// index into [`Document::fonts`].
    pub family: usize,
    /// Shaped and drawn right to left.
    pub rtl: bool,
    /// The font size.
    pub size: Pt,
    /// The shaped glyphs, in visual order: measured as printed.
    pub glyphs: Arc<Vec<Glyph>>,
    /// Left end of the baseline.
    pub origin: Point,
    /// Advance width as measured with the font's metrics and kerning.
    pub width: Mm,
    /// Distance from the baseline up to the font's ascender and down to its descender.
    pub ascent: Mm,
    /// How far the font reaches below the baseline.
    pub descent: Mm,
    /// The colour.
    pub color: Color,
    /// The layout role (`title`, `step`...), for checks and tests.
    pub role: String,
    /// Where the text came from in the content files.
    pub source: Option<Loc>,
}

impl TextRun {
    /// The box the run's glyphs can occupy.
    pub fn bbox(&self) -> Rect {
        Rect::new(self.origin.x, self.origin.y - self.ascent, self.width, self.ascent + self.descent)
    }
}

/// An icon in a line of text, filled in the text's colour.
#[derive(Clone, Debug)]
pub struct IconMark {
    /// Its square: as wide as it advances the line, centred on the
    /// height of the text's capital letters.
    pub rect: Rect,
    /// Its shapes, in units of the square.
    pub outline: Arc<crate::icon::Outline>,
    /// The text's colour.
    pub color: Color,
    /// Its name (`menu`), for checks and tests.
    pub name: String,
    /// The layout role of the text it stands in.
    pub role: String,
}

/// A rectangle of dark modules, in modules from the symbol's top-left.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct ModuleRect {
    pub col: usize,
    pub row: usize,
    pub cols: usize,
    pub rows: usize,
}

/// A QR symbol, drawn as vector squares.
#[derive(Clone, Debug)]
pub struct QrSymbol {
    /// Top-left corner of the quiet zone.
    pub origin: Point,
    pub module: Mm,
    /// Modules per side, without quiet zone.
    pub modules: usize,
    /// Quiet-zone width in modules, on every side.
    pub quiet: usize,
    /// Row-major, `modules * modules`, true = dark.
    pub dark: Vec<bool>,
    pub color: Color,
    pub background: Color,
    /// What the symbol encodes.
    pub data: String,
}

impl QrSymbol {
    /// The symbol including its quiet zone.
    pub fn outer(&self) -> Rect {
        let side = self.module * (self.modules + 2 * self.quiet) as f32;
        Rect::new(self.origin.x, self.origin.y, side, side)
    }

    /// The dark modules as rectangles (in modules): each row's runs of
    /// dark modules, each run merged with the same run in the rows below.
    pub fn dark_rects(&self) -> Vec<ModuleRect> {
        let n = self.modules;
        let dark = |row: usize, col: usize| self.dark[row * n + col];
        let mut used = vec![false; n * n];
        let mut out = Vec::new();
        for row in 0..n {
            let mut col = 0;
            while col < n {
                if !dark(row, col) || used[row * n + col] {
                    col += 1;
                    continue;
                }
                let start = col;
                while col < n && dark(row, col) && !used[row * n + col] {
                    col += 1;
                }
                let same_run = |r: usize| {
                    (start..col).all(|c| dark(r, c) && !used[r * n + c])
                        && (start == 0 || !dark(r, start - 1))
                        && (col == n || !dark(r, col))
                };
                let mut rows = 1;
                while row + rows < n && same_run(row + rows) {
                    rows += 1;
                }
                for r in row..row + rows {
                    used[r * n + start..r * n + col].fill(true);
                }
                out.push(ModuleRect { col: start, row, cols: col - start, rows });
            }
        }
        out
    }

    /// The symbol without quiet zone (what a scanner measures).
    pub fn symbol(&self) -> Rect {
        let q = self.module * self.quiet as f32;
        let side = self.module * self.modules as f32;
        Rect::new(self.origin.x + q, self.origin.y + q, side, side)
    }
}

/// Something drawn on a page.
#[derive(Clone, Debug)]
pub enum Item {
    /// A filled rectangle, with round corners of `radius`.
    Box {
        /// Where it is.
        rect: Rect,
        /// Its colour.
        fill: Color,
        /// How round its corners are.
        radius: Mm,
    },
    /// A filled circle.
    Circle {
        /// Its centre.
        center: Point,
        /// Its radius.
        radius: Mm,
        /// Its colour.
        fill: Color,
    },
    /// A straight line.
    Line {
        /// Where it starts.
        from: Point,
        /// Where it ends.
        to: Point,
        /// How thick it is.
        width: Pt,
        /// Its colour.
        color: Color,
    },
    /// A cutting guide outside the cards (always black, always decoration).
    CropMark {
        /// Where it starts.
        from: Point,
        /// Where it ends.
        to: Point,
        /// How thick it is.
        width: Pt,
    },
    /// A run of text in one font.
    Text(TextRun),
    /// An icon in a line of text.
    Icon(IconMark),
    /// A QR code.
    Qr(QrSymbol),
    /// A picture (an organisation's logo) fitted into `rect`.
    Image {
        /// The box it is fitted into.
        rect: Rect,
        /// The logo's bytes.
        picture: Picture,
    },
}

/// A page of the output: a flyer's page, a card side, or a sheet of cards.
#[derive(Clone, Debug)]
pub struct Page {
    /// The full media size, bleed included.
    pub size: Size,
    /// The finished size inside the bleed, when there is bleed.
    pub trim: Option<Rect>,
    /// What is on it, in drawing order.
    pub items: Vec<Item>,
    /// The trim boxes of the cards imposed on this page (empty for a flyer).
    pub cards: Vec<Rect>,
    /// How many items each imposed card has: the items of card `k` are
    /// `items[k * n..(k + 1) * n]`, those of card 0 moved by the distance
    /// between the two cards' trim boxes; after the cards come the crop
    /// marks. 0 when nothing is imposed.
    pub card_items: usize,
}

impl Page {
    /// The items render writes once, as a form the PDF shows at each of
    /// their places: every card after the first, when there are at least
    /// three. A sheet of ten cards then costs two thirds of the time and a
    /// tenth less bytes; a single copy (two A5 leaflets on A4) is cheaper
    /// drawn again, and smaller, as its repeat compresses well in the same
    /// stream (measured: benches/documents.rs).
    pub fn copies(&self) -> std::ops::Range<usize> {
        let n = self.card_items;
        if n == 0 || self.cards.len() < 3 { 0..0 } else { n..n * self.cards.len() }
    }
}

/// Index of an item: page number and position in its item list.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct ItemRef {
    pub page: usize,
    pub item: usize,
}

/// All structure leaves under `nodes`, in document order.
pub fn leaves(nodes: &[Node]) -> Vec<ItemRef> {
    fn walk(n: &Node, out: &mut Vec<ItemRef>) {
        match n {
            Node::Content(r) => out.push(*r),
            Node::Group { children, .. } => children.iter().for_each(|c| walk(c, out)),
        }
    }
    let mut out = Vec::new();
    nodes.iter().for_each(|n| walk(n, &mut out));
    out
}

/// The logical structure, for tagged PDF. Items that no node refers to are
/// decoration (artifacts) to assistive technology.
#[derive(Clone, Debug)]
pub enum Node {
    /// A structure element holding others (a paragraph, a list, ...).
    Group {
        /// What the group is.
        kind: StructKind,
        /// What it holds, in reading order.
        children: Vec<Node>,
    },
    /// An item of the page, by its place.
    Content(ItemRef),
}

/// What a structure node is (PDF tags: H1, P, L, LI, Figure...).
#[derive(Clone, Debug, PartialEq)]
pub enum StructKind {
    /// Level and the heading's text (PDF/UA wants it as the title).
    Heading(u16, String),
    /// A paragraph.
    Paragraph,
    /// Emphasised text (the labels people look for on screen).
    Strong,
    /// A numbered list.
    List,
    /// One item of a list.
    ListItem,
    /// A list item's number.
    Label,
    /// A list item's text.
    ListBody,
    /// A picture, with what it shows said in words.
    Figure {
        /// What a screen reader says.
        alt: String,
    },
}

/// Where a region of a face ended up (stacks move regions), in the face's
/// own coordinates (from its trim's top-left corner): for checks and tests;
/// render does not draw it.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedRegion {
    /// The region's name in the layout.
    pub name: String,
    /// Where it is, its padding included.
    pub rect: Rect,
    /// Inside its padding: where its blocks go.
    pub content: Rect,
}

/// A composed handout: pages of positioned items, the fonts their text is
/// set in, and the logical structure for assistive technology.
#[derive(Clone, Debug)]
pub struct Document {
    /// The document's title (the PDF's and the PNG's).
    pub title: String,
    /// BCP 47 language tag of the content.
    pub lang: String,
    /// Its pages, in order.
    pub pages: Vec<Page>,
    /// The structure tree, for tagged PDF and screen readers.
    pub structure: Vec<Node>,
    /// The typefaces text runs refer to: the main one first.
    pub fonts: Vec<Typeface>,
    /// Each side's regions where they were placed (a card's sides once,
    /// however many copies a sheet holds).
    pub regions: Vec<Vec<PlacedRegion>>,
}

impl Document {
    /// All structure leaves in document order.
    pub fn leaves(&self) -> Vec<ItemRef> {
        leaves(&self.structure)
    }

    /// All text runs with their page numbers.
    pub fn text_runs(&self) -> impl Iterator<Item = (usize, &TextRun)> {
        self.pages.iter().enumerate().flat_map(|(p, page)| {
            page.items.iter().filter_map(move |it| match it {
                Item::Text(run) => Some((p, run)),
                _ => None,
            })
        })
    }

    /// Every QR code, with the page it is on.
    pub fn qr_symbols(&self) -> impl Iterator<Item = (usize, &QrSymbol)> {
        self.pages.iter().enumerate().flat_map(|(p, page)| {
            page.items.iter().filter_map(move |it| match it {
                Item::Qr(q) => Some((p, q)),
                _ => None,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dark_modules_become_rectangles_that_cover_exactly_them() {
        let code =
            qrcode::QrCode::with_error_correction_level(b"https://www.facebook.com/help/contact/1", qrcode::EcLevel::M)
                .unwrap();
        let n = code.width();
        let dark: Vec<bool> = code.to_colors().into_iter().map(|c| c == qrcode::Color::Dark).collect();
        let q = QrSymbol {
            origin: Point::default(),
            module: Mm(1.0),
            modules: n,
            quiet: 4,
            dark: dark.clone(),
            color: Color::BLACK,
            background: Color::WHITE,
            data: String::new(),
        };
        let rects = q.dark_rects();
        let mut covered = vec![0u8; n * n];
        for r in &rects {
            for row in r.row..r.row + r.rows {
                for col in r.col..r.col + r.cols {
                    covered[row * n + col] += 1;
                }
            }
        }
        assert!(covered.iter().zip(&dark).all(|(c, d)| *c == u8::from(*d)), "every dark module once, no light one");
        let runs: usize =
            (0..n).map(|row| (0..n).filter(|&c| dark[row * n + c] && (c == 0 || !dark[row * n + c - 1])).count()).sum();
        assert!(rects.len() < runs, "{} rectangles for {runs} runs", rects.len());
    }
}
