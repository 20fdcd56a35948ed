//! Render: page model -> PDF bytes. The only module that knows krilla.
//! Output is PDF/UA-1 (tagged, validated by krilla at export), and PDF/A-2a
//! too when asked.

mod memo;
mod picture;
mod resources;

pub use resources::Resources;

pub use memo::forget_unused;

use crate::date::Date;
use crate::diag::{Problem, Problems};
use crate::model::{Document, Item, ItemRef, Node, Page, QrSymbol, StructKind, leaves};
use crate::shapes;
use crate::style::{Color, FontWeight};
use crate::units::{Mm, Rect};
use krilla::configure::{Accessibility, Archival, ConfigurationBuilder, Validator};
use krilla::destination::XyzDestination;
use krilla::error::KrillaError;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::{Location, Surface};
use krilla::tagging::{ArtifactType, ContentTag, Identifier, ListNumbering, SpanTag, Tag, TagGroup, TagKind, TagTree};
use krilla::text::{Font, KrillaGlyph};
use krilla::{Document as PdfDocument, SerializeSettings};
use std::collections::{HashMap, HashSet};
use std::num::NonZeroU16;

/// How to write the PDF.
#[derive(Copy, Clone, Debug, Default)]
pub struct RenderOptions {
    /// Also PDF/A-2a (archiving), stamped with this creation date (PDF/A
    /// requires one; pass the build's date so that builds with
    /// SOURCE_DATE_EPOCH stay reproducible).
    pub archive: Option<Date>,
}

/// A failure inside render: a bug, or a document krilla cannot write.
fn failed(what: impl Into<String>) -> Problem {
    Problem::error(what).help("this is a bug in handout; please report it with the files that caused it")
}

/// The document as PDF bytes; a document krilla's validators reject is
/// reported, pointing at the text that caused it where krilla says.
/// `ready` keeps fonts and logos made ready for the next document that
/// shows them (a run's [`crate::cache::Caches`] hold one).
pub fn render(doc: &Document, opts: &RenderOptions, ready: &Resources, problems: &mut Problems) -> Option<Vec<u8>> {
    let mut builder = ConfigurationBuilder::new().set_validator(Validator::Ua(Accessibility::UA1));
    if opts.archive.is_some() {
        builder = builder.with_archival_validator(Archival::A2_A);
    }
    let Some(configuration) = builder.finish().ok() else {
        problems.push(
            Problem::error("krilla rejects the combination of PDF/UA-1 and PDF/A-2a").help("build without --pdfa"),
        );
        return None;
    };
    let settings = SerializeSettings { configuration, enable_tagging: true, ..SerializeSettings::default() };
    let mut pdf = PdfDocument::new_with(settings);
    let ids = write_pages(&mut pdf, doc, ready).map_err(|p| problems.push(p)).ok()?;
    finish(pdf, doc, opts, ids).map_err(|e| problems.extend(krilla_problems(doc, e))).ok()
}

/// Draw every page; returns the tag identifiers of the structure's leaves.
fn write_pages(
    pdf: &mut PdfDocument,
    doc: &Document,
    ready: &Resources,
) -> Result<HashMap<ItemRef, Identifier>, Problem> {
    let mut faces = Vec::new();
    for family in &doc.fonts {
        faces.push([ready.font(&family.regular)?, ready.font(&family.bold)?]);
    }
    let tagged: HashSet<ItemRef> = leaves(&doc.structure).into_iter().collect();
    let mut ids = HashMap::new();
    for (p, page) in doc.pages.iter().enumerate() {
        write_page(pdf, page, p, (&faces, ready), &tagged, &mut ids).map_err(|mut e| {
            e.message = format!("cannot draw page {}: {}", p + 1, e.message);
            e
        })?;
    }
    Ok(ids)
}

fn write_page(
    pdf: &mut PdfDocument,
    page: &Page,
    p: usize,
    drawn_with: Drawn,
    tagged: &HashSet<ItemRef>,
    ids: &mut HashMap<ItemRef, Identifier>,
) -> Result<(), Problem> {
    let mut settings =
        PageSettings::from_wh(pt(page.size.w), pt(page.size.h)).ok_or_else(|| failed("bad page size"))?;
    if let Some(trim) = page.trim {
        settings = settings.with_trim_box(Some(krect(trim)?));
        let bleed = krect(Rect::sized(page.size))?;
        settings = settings.with_bleed_box(Some(bleed));
    }
    let mut page_out = pdf.start_page_with(settings);
    let mut s = page_out.surface();
    let copies = page.copies();
    for (i, item) in page.items.iter().enumerate() {
        if copies.contains(&i) {
            if i == copies.start {
                draw_copies(&mut s, page, p, drawn_with)?;
            }
            continue;
        }
        let key = ItemRef { page: p, item: i };
        s.set_location(location(key));
        if tagged.contains(&key) {
            let tag = match item {
                Item::Text(_) => ContentTag::Span(SpanTag::empty()),
                _ => ContentTag::Other,
            };
            let id = s.start_tagged(tag);
            draw(&mut s, item, drawn_with)?;
            s.end_tagged();
            ids.insert(key, id);
        } else {
            s.start_tagged(ContentTag::Artifact(krilla::tagging::Artifact::with_kind(ArtifactType::Other)));
            draw(&mut s, item, drawn_with)?;
            s.end_tagged();
        }
    }
    s.finish();
    page_out.finish();
    Ok(())
}

/// The cards after the first: the first card's items written once as a
/// form, shown at each further card's place. A screen reader reads the
/// first card (the structure points there); the copies are decoration to
/// it. A sheet of ten cards writes one card twice instead of ten times.
fn draw_copies(s: &mut Surface, page: &Page, p: usize, drawn_with: Drawn) -> Result<(), Problem> {
    let first = &page.items[..page.card_items];
    let mut form = s.stream_builder();
    let mut f = form.surface();
    for (i, item) in first.iter().enumerate() {
        // krilla's errors about the form are those of the first card.
        f.set_location(location(ItemRef { page: p, item: i }));
        draw(&mut f, item, drawn_with)?;
    }
    f.finish();
    let graphic = krilla::graphic::Graphic::new(form.finish(), false);
    s.reset_location();
    s.start_tagged(ContentTag::Artifact(krilla::tagging::Artifact::with_kind(ArtifactType::Other)));
    let origin = page.cards[0];
    for card in &page.cards[1..] {
        let (dx, dy) = (pt(card.x - origin.x), pt(card.y - origin.y));
        s.push_transform(&krilla::geom::Transform::from_translate(dx, dy));
        s.draw_graphic(graphic.clone());
        s.pop();
    }
    s.end_tagged();
    Ok(())
}

/// Structure tree, outline and metadata, then the bytes.
fn finish(
    mut pdf: PdfDocument,
    doc: &Document,
    opts: &RenderOptions,
    mut ids: HashMap<ItemRef, Identifier>,
) -> Result<Vec<u8>, KrillaError> {
    let mut tree = TagTree::new().with_lang(Some(doc.lang.clone()));
    for node in &doc.structure {
        if let Some(n) = tag_node(node, &mut ids) {
            tree.push(n);
        }
    }
    pdf.set_tag_tree(tree);
    pdf.set_outline(outline(doc));
    let mut metadata = Metadata::new()
        .title(doc.title.clone())
        .language(doc.lang.clone())
        .creator(format!("handout {}", env!("CARGO_PKG_VERSION")));
    if let Some(d) = opts.archive {
        metadata = metadata.creation_date(krilla::metadata::DateTime::new(d.year).month(d.month).day(d.day));
    }
    pdf.set_metadata(metadata);
    pdf.finish()
}

/// Items are numbered for krilla, so that its errors can say which one.
fn location(key: ItemRef) -> Location {
    let n = ((key.page as u64) << 32) | key.item as u64;
    Location::new(n + 1).expect("one more than a number is not zero")
}

fn item_at(doc: &Document, loc: Option<Location>) -> Option<&crate::model::TextRun> {
    let n = loc?.get() - 1;
    let key = ItemRef { page: (n >> 32) as usize, item: (n & 0xffff_ffff) as usize };
    match doc.pages.get(key.page)?.items.get(key.item)? {
        Item::Text(run) => Some(run),
        _ => None,
    }
}

/// krilla's errors as problems: what broke, where in the content, and what to do.
fn krilla_problems(doc: &Document, e: KrillaError) -> Vec<Problem> {
    use krilla::configure::ValidationError as V;
    let KrillaError::Validation(errors) = e else {
        return vec![
            Problem::error(format!("the PDF cannot be written: {e}"))
                .help("this is a bug in handout; please report it with the files that caused it"),
        ];
    };
    errors
        .into_iter()
        .map(|(v, _)| {
            let (message, at, help) = match &v {
                V::ContainsNotDefGlyph(_, loc, text) => (
                    format!("a character in `{text}` has no glyph in its font"),
                    *loc,
                    "use another character, or a font that has it",
                ),
                V::InvalidCodepointMapping(_, _, c, loc) | V::UnicodePrivateArea(_, _, c, loc) => (
                    format!("the character U+{:04X} cannot be written in an accessible PDF", *c as u32),
                    *loc,
                    "remove the character from the text",
                ),
                V::TooLongString => {
                    ("a text is longer than a PDF allows (32,767 bytes)".into(), None, "shorten the title")
                }
                V::MissingAltText(loc) => {
                    ("the QR code has no alternative text".into(), *loc, "add `qr_alt` to the campaign's texts")
                }
                V::NoDocumentTitle => ("the document has no title".into(), None, "add `title` to the campaign's texts"),
                V::NoDocumentLanguage => {
                    ("the document has no language".into(), None, "set [language] code in campaign.toml")
                }
                other => (
                    format!("the PDF breaks a rule of PDF/UA or PDF/A: {other:?}"),
                    None,
                    "this is a bug in handout; please report it",
                ),
            };
            let source = item_at(doc, at).and_then(|r| r.source.clone());
            Problem::error(message).at_opt(source).help(help)
        })
        .collect()
}

fn tag_node(node: &Node, ids: &mut HashMap<ItemRef, Identifier>) -> Option<krilla::tagging::Node> {
    match node {
        Node::Content(r) => ids.remove(r).map(Into::into),
        Node::Group { kind, children } => {
            let tag: TagKind = match kind {
                StructKind::Heading(level, title) => {
                    Tag::Hn(NonZeroU16::new(*level).unwrap_or(NonZeroU16::MIN), Some(title.clone())).into()
                }
                StructKind::Paragraph => Tag::P.into(),
                StructKind::Strong => Tag::Strong.into(),
                StructKind::List => Tag::L(ListNumbering::Decimal).into(),
                StructKind::ListItem => Tag::LI.into(),
                StructKind::Label => Tag::Lbl.into(),
                StructKind::ListBody => Tag::LBody.into(),
                StructKind::Figure { alt } => Tag::Figure(Some(alt.clone())).into(),
            };
            let mut g = TagGroup::new(tag);
            for c in children {
                if let Some(n) = tag_node(c, ids) {
                    g.push(n);
                }
            }
            (!g.children.is_empty()).then(|| g.into())
        }
    }
}

/// Bookmarks from the headings (PDF/UA asks for an outline): level-1
/// headings at the top, deeper ones under the heading before them.
fn outline(doc: &Document) -> Outline {
    let mut heads = Vec::new();
    collect_headings(doc, &doc.structure, &mut heads);
    let mut outline = Outline::new();
    let mut current: Option<OutlineNode> = None;
    for (level, text, page, y) in heads {
        let dest = XyzDestination::new(page, Point::from_xy(0.0, pt(y)));
        let node = OutlineNode::new(text, dest);
        if level <= 1 {
            if let Some(done) = current.take() {
                outline.push_child(done);
            }
            current = Some(node.with_open(true));
        } else if let Some(parent) = current.as_mut() {
            parent.push_child(node);
        } else {
            outline.push_child(node);
        }
    }
    if let Some(done) = current {
        outline.push_child(done);
    }
    outline
}

fn collect_headings(doc: &Document, nodes: &[Node], out: &mut Vec<(u16, String, usize, Mm)>) {
    for n in nodes {
        let Node::Group { kind, children } = n else { continue };
        let StructKind::Heading(level, title) = kind else {
            collect_headings(doc, children, out);
            continue;
        };
        let top = leaves(children).into_iter().find_map(|r| match doc.pages.get(r.page)?.items.get(r.item)? {
            Item::Text(run) => Some((r.page, run.origin.y - run.ascent)),
            _ => None,
        });
        if let Some((page, y)) = top {
            out.push((*level, title.clone(), page, y));
        }
    }
}

fn pt(mm: Mm) -> f32 {
    mm.to_pt().0
}

fn krect(r: Rect) -> Result<krilla::geom::Rect, Problem> {
    krilla::geom::Rect::from_xywh(pt(r.x), pt(r.y), pt(r.w), pt(r.h))
        .ok_or_else(|| failed(format!("degenerate rectangle {r:?}")))
}

fn fill(c: Color) -> Fill {
    Fill {
        paint: krilla::color::rgb::Color::new(c.r, c.g, c.b).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

/// What items are drawn with: the fonts of the document's families
/// (regular and bold), and the run's logos.
type Drawn<'a> = (&'a [[Font; 2]], &'a Resources);

fn draw(s: &mut Surface, item: &Item, (faces, ready): Drawn) -> Result<(), Problem> {
    match item {
        Item::Box { rect, fill: c, radius } => {
            let mut pb = PathBuilder::new();
            if *radius > Mm::ZERO {
                shapes::rounded_rect(&mut pb, (pt(rect.x), pt(rect.y), pt(rect.w), pt(rect.h)), pt(*radius));
            } else {
                pb.push_rect(krect(*rect)?);
            }
            fill_path(s, pb, *c);
        }
        Item::Circle { center, radius, fill: c } => {
            let mut pb = PathBuilder::new();
            shapes::circle(&mut pb, pt(center.x), pt(center.y), pt(*radius));
            fill_path(s, pb, *c);
        }
        Item::CropMark { from, to, width } => stroke_line(s, *from, *to, *width, Color::BLACK),
        Item::Line { from, to, width, color } => stroke_line(s, *from, *to, *width, *color),
        Item::Text(run) => draw_text(s, run, faces),
        Item::Qr(q) => draw_qr(s, q)?,
        Item::Icon(icon) => draw_icon(s, icon),
        Item::Image { rect, picture } => picture::draw(s, *rect, picture, ready)?,
    }
    Ok(())
}

fn fill_path(s: &mut Surface, pb: PathBuilder, color: Color) {
    if let Some(path) = pb.finish() {
        s.set_fill(Some(fill(color)));
        s.draw_path(&path);
    }
}

/// An icon's areas in its own units, its square a transform: each filled
/// or stroked in the text's colour.
fn draw_icon(s: &mut Surface, icon: &crate::model::IconMark) {
    use crate::icon::{Cap, Join, Paint};
    let (r, o) = (icon.rect, &icon.outline);
    let k = pt(r.w) / o.side;
    s.push_transform(&krilla::geom::Transform::from_row(k, 0.0, 0.0, k, pt(r.x), pt(r.y)));
    for area in &o.areas {
        let mut pb = PathBuilder::new();
        area.draw(&mut pb);
        let Some(path) = pb.finish() else { continue };
        match area.paint {
            Paint::Fill { even_odd } => {
                let rule = if even_odd { krilla::paint::FillRule::EvenOdd } else { krilla::paint::FillRule::NonZero };
                s.set_fill(Some(Fill { rule, ..fill(icon.color) }));
                s.set_stroke(None);
            }
            Paint::Stroke { width, cap, join, miter_limit } => {
                s.set_fill(None);
                s.set_stroke(Some(Stroke {
                    paint: krilla::color::rgb::Color::new(icon.color.r, icon.color.g, icon.color.b).into(),
                    width,
                    line_cap: match cap {
                        Cap::Butt => krilla::paint::LineCap::Butt,
                        Cap::Round => krilla::paint::LineCap::Round,
                        Cap::Square => krilla::paint::LineCap::Square,
                    },
                    line_join: match join {
                        Join::Miter => krilla::paint::LineJoin::Miter,
                        Join::Round => krilla::paint::LineJoin::Round,
                        Join::Bevel => krilla::paint::LineJoin::Bevel,
                    },
                    miter_limit,
                    ..Stroke::default()
                }));
            }
        }
        s.draw_path(&path);
    }
    s.set_stroke(None);
    s.pop();
}

fn stroke_line(
    s: &mut Surface,
    from: crate::units::Point,
    to: crate::units::Point,
    width: crate::units::Pt,
    color: Color,
) {
    let mut pb = PathBuilder::new();
    pb.move_to(pt(from.x), pt(from.y));
    pb.line_to(pt(to.x), pt(to.y));
    if let Some(path) = pb.finish() {
        s.set_fill(None);
        s.set_stroke(Some(Stroke {
            paint: krilla::color::rgb::Color::new(color.r, color.g, color.b).into(),
            width: width.0,
            ..Stroke::default()
        }));
        s.draw_path(&path);
        s.set_stroke(None);
    }
}

fn draw_text(s: &mut Surface, run: &crate::model::TextRun, faces: &[[Font; 2]]) {
    let set = &faces[run.family.min(faces.len() - 1)];
    let font = match run.weight {
        FontWeight::Regular => set[0].clone(),
        FontWeight::Bold => set[1].clone(),
    };
    let glyphs: Vec<KrillaGlyph> = run
        .glyphs
        .iter()
        .map(|g| {
            let id = krilla::text::GlyphId::new(u32::from(g.id));
            KrillaGlyph::new(id, g.x_advance, g.x_offset, g.y_offset, g.y_advance, g.text.clone(), None)
        })
        .collect();
    s.set_fill(Some(fill(run.color)));
    let origin = Point::from_xy(pt(run.origin.x), pt(run.origin.y));
    s.draw_glyphs(origin, &glyphs, font, &run.text, run.size.0, false);
}

/// The QR code as vector squares: each row's dark runs become one rectangle,
/// so the code stays sharp at any printer resolution.
fn draw_qr(s: &mut Surface, q: &QrSymbol) -> Result<(), Problem> {
    let mut bg = PathBuilder::new();
    bg.push_rect(krect(q.outer())?);
    fill_path(s, bg, q.background);
    // Drawn in module units: whole numbers, so the content stream stays
    // short (and quick to compress) and every edge lands on the grid.
    let sym = q.symbol();
    let m = pt(q.module);
    s.push_transform(&krilla::geom::Transform::from_row(m, 0.0, 0.0, m, pt(sym.x), pt(sym.y)));
    let mut pb = PathBuilder::new();
    for r in q.dark_rects() {
        let rect = krilla::geom::Rect::from_xywh(r.col as f32, r.row as f32, r.cols as f32, r.rows as f32);
        pb.push_rect(rect.ok_or_else(|| failed("empty QR rectangle"))?);
    }
    fill_path(s, pb, q.color);
    s.pop();
    Ok(())
}

/// krilla's path builder draws the round shapes' outlines.
impl shapes::Pen for krilla::geom::PathBuilder {
    fn move_to(&mut self, x: f32, y: f32) {
        krilla::geom::PathBuilder::move_to(self, x, y)
    }
    fn line_to(&mut self, x: f32, y: f32) {
        krilla::geom::PathBuilder::line_to(self, x, y)
    }
    fn cubic_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        krilla::geom::PathBuilder::cubic_to(self, x1, y1, x2, y2, x, y)
    }
    fn close(&mut self) {
        krilla::geom::PathBuilder::close(self)
    }
}
