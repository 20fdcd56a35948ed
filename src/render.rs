//! Render: page model -> PDF bytes. The only module that knows krilla.
//! Output is PDF/UA-1 (tagged, validated by krilla at export).

use crate::fonts::Fonts;
use crate::load::content::Date;
use crate::model::{Color, Document, FontWeight, Item, ItemRef, Node, QrSymbol, StructKind};
use crate::units::{Mm, Rect};
use krilla::configure::{Accessibility, Archival, ConfigurationBuilder, Validator};
use krilla::geom::{PathBuilder, Point};
use krilla::destination::XyzDestination;
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{ArtifactType, ContentTag, Identifier, ListNumbering, SpanTag, Tag, TagGroup, TagKind, TagTree};
use krilla::text::{Font, TextDirection};
use krilla::{Document as PdfDocument, SerializeSettings};
use std::collections::HashMap;
use std::num::NonZeroU16;
use std::sync::Arc;

/// Rendering failed: a bug, or a document krilla's validator rejects.
#[derive(Debug)]
pub struct RenderError(pub String);

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// `archive` adds PDF/A-2a (archiving) to PDF/UA-1, stamped with that
/// creation date (PDF/A requires one; pass the build's date so that builds
/// with SOURCE_DATE_EPOCH stay reproducible).
pub fn render(doc: &Document, fonts: &Fonts, archive: Option<Date>) -> Result<Vec<u8>, RenderError> {
    let mut builder = ConfigurationBuilder::new().set_validator(Validator::Ua(Accessibility::UA1));
    if archive.is_some() {
        builder = builder.with_archival_validator(Archival::A2_A);
    }
    let configuration = builder
        .finish()
        .map_err(|e| RenderError(format!("PDF configuration: {e:?}")))?;
    let settings = SerializeSettings { configuration, enable_tagging: true, ..SerializeSettings::default() };
    let mut pdf = PdfDocument::new_with(settings);
    let font = |d: &crate::fonts::FontData| -> Result<Font, RenderError> {
        let data: Arc<dyn AsRef<[u8]> + Send + Sync> = d.bytes.clone();
        Font::new(data.into(), 0).ok_or_else(|| RenderError(format!("krilla cannot read {}", d.file)))
    };
    let mut faces = Vec::new();
    for set in &fonts.faces {
        faces.push([font(&set.regular)?, font(&set.bold)?]);
    }

    let tagged: std::collections::HashSet<ItemRef> = crate::compose::leaves(&doc.structure).into_iter().collect();
    let mut ids: HashMap<ItemRef, Identifier> = HashMap::new();
    for (p, page) in doc.pages.iter().enumerate() {
        let (w, h) = page.size;
        let mut settings = PageSettings::from_wh(pt(w), pt(h)).ok_or_else(|| RenderError("bad page size".into()))?;
        if let Some(trim) = page.trim {
            let r = krect(trim)?;
            settings = settings.with_trim_box(Some(r));
            let bleed = krilla::geom::Rect::from_xywh(0.0, 0.0, pt(w), pt(h)).ok_or_else(|| RenderError("bad bleed box".into()))?;
            settings = settings.with_bleed_box(Some(bleed));
        }
        let mut page_out = pdf.start_page_with(settings);
        let mut s = page_out.surface();
        for (i, item) in page.items.iter().enumerate() {
            let key = ItemRef { page: p, item: i };
            if tagged.contains(&key) {
                let tag = match item {
                    Item::Text(_) => ContentTag::Span(SpanTag::empty()),
                    _ => ContentTag::Other,
                };
                let id = s.start_tagged(tag);
                draw(&mut s, item, &faces)?;
                s.end_tagged();
                ids.insert(key, id);
            } else {
                s.start_tagged(ContentTag::Artifact(krilla::tagging::Artifact::with_kind(ArtifactType::Other)));
                draw(&mut s, item, &faces)?;
                s.end_tagged();
            }
        }
        s.finish();
        page_out.finish();
    }

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
    if let Some(d) = archive {
        metadata = metadata.creation_date(krilla::metadata::DateTime::new(d.year).month(d.month).day(d.day));
    }
    pdf.set_metadata(metadata);
    pdf.finish().map_err(|e| RenderError(format!("PDF export failed: {e:?}")))
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
        let top = crate::compose::leaves(children).into_iter().find_map(|r| match doc.pages.get(r.page)?.items.get(r.item)? {
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

fn krect(r: Rect) -> Result<krilla::geom::Rect, RenderError> {
    krilla::geom::Rect::from_xywh(pt(r.x), pt(r.y), pt(r.w), pt(r.h)).ok_or_else(|| RenderError(format!("degenerate rectangle {r:?}")))
}

fn fill(c: Color) -> Fill {
    Fill { paint: krilla::color::rgb::Color::new(c.r, c.g, c.b).into(), opacity: NormalizedF32::ONE, rule: FillRule::NonZero }
}

fn draw(s: &mut Surface, item: &Item, faces: &[[Font; 2]]) -> Result<(), RenderError> {
    match item {
        Item::Box { rect, fill: c, radius } => {
            let mut pb = PathBuilder::new();
            if *radius > Mm::ZERO {
                rounded_rect(&mut pb, *rect, *radius);
            } else {
                pb.push_rect(krect(*rect)?);
            }
            if let Some(path) = pb.finish() {
                s.set_fill(Some(fill(*c)));
                s.draw_path(&path);
            }
        }
        Item::Circle { center, radius, fill: c } => {
            let mut pb = PathBuilder::new();
            circle(&mut pb, pt(center.x), pt(center.y), pt(*radius));
            if let Some(path) = pb.finish() {
                s.set_fill(Some(fill(*c)));
                s.draw_path(&path);
            }
        }
        Item::CropMark { from, to, width } => {
            draw(s, &Item::Line { from: *from, to: *to, width: *width, color: Color::BLACK }, faces)?
        }
        Item::Line { from, to, width, color } => {
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
        Item::Text(run) => {
            let set = &faces[run.face.min(faces.len() - 1)];
            let font = match run.weight {
                FontWeight::Regular => set[0].clone(),
                FontWeight::Bold => set[1].clone(),
            };
            let direction = if run.rtl { TextDirection::RightToLeft } else { TextDirection::LeftToRight };
            s.set_fill(Some(fill(run.color)));
            s.draw_text(Point::from_xy(pt(run.origin.x), pt(run.origin.y)), font, run.size.0, &run.text, false, direction);
        }
        Item::Qr(q) => draw_qr(s, q)?,
    }
    Ok(())
}

/// The QR code as vector squares: each row's dark runs become one rectangle,
/// so the code stays sharp at any printer resolution.
fn draw_qr(s: &mut Surface, q: &QrSymbol) -> Result<(), RenderError> {
    let mut bg = PathBuilder::new();
    bg.push_rect(krect(q.outer())?);
    if let Some(path) = bg.finish() {
        s.set_fill(Some(fill(q.background)));
        s.draw_path(&path);
    }
    let sym = q.symbol();
    let mut pb = PathBuilder::new();
    for row in 0..q.modules {
        let mut col = 0;
        while col < q.modules {
            if !q.dark[row * q.modules + col] {
                col += 1;
                continue;
            }
            let start = col;
            while col < q.modules && q.dark[row * q.modules + col] {
                col += 1;
            }
            let r = Rect::new(sym.x + q.module * start as f32, sym.y + q.module * row as f32, q.module * (col - start) as f32, q.module);
            pb.push_rect(krect(r)?);
        }
    }
    if let Some(path) = pb.finish() {
        s.set_fill(Some(fill(q.color)));
        s.draw_path(&path);
    }
    Ok(())
}

/// Bezier circle constant: control points at 0.5523 of the radius.
const KAPPA: f32 = 0.552_284_8;

fn circle(pb: &mut PathBuilder, cx: f32, cy: f32, r: f32) {
    let k = r * KAPPA;
    pb.move_to(cx + r, cy);
    pb.cubic_to(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
    pb.cubic_to(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
    pb.cubic_to(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
    pb.cubic_to(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
    pb.close();
}

fn rounded_rect(pb: &mut PathBuilder, r: Rect, radius: Mm) {
    let (x, y, w, h) = (pt(r.x), pt(r.y), pt(r.w), pt(r.h));
    let rad = pt(radius).min(w / 2.0).min(h / 2.0);
    let k = rad * KAPPA;
    pb.move_to(x + rad, y);
    pb.line_to(x + w - rad, y);
    pb.cubic_to(x + w - rad + k, y, x + w, y + rad - k, x + w, y + rad);
    pb.line_to(x + w, y + h - rad);
    pb.cubic_to(x + w, y + h - rad + k, x + w - rad + k, y + h, x + w - rad, y + h);
    pb.line_to(x + rad, y + h);
    pb.cubic_to(x + rad - k, y + h, x, y + h - rad + k, x, y + h - rad);
    pb.line_to(x, y + rad);
    pb.cubic_to(x, y + rad - k, x + rad - k, y, x + rad, y);
    pb.close();
}
