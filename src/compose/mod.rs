//! Compose: content + layout + fonts -> page model. All measuring, line
//! breaking, hyphenation and fitting happen here; nothing here does I/O.

mod blocks;
mod frag;
mod qr;

use crate::diag::{Kind, Loc, Problem};
use crate::fonts::Fonts;
use crate::load::content::{Edition, Phase, Platform, Vars};
use crate::load::layout::{Align, Block, Layout, Region};
use crate::model::{Document, Item, Node, Page};
use crate::text::Measurer;
use crate::units::{Mm, Pt, Rect};
use frag::Frag;

/// How far one fitting step shrinks a region's text.
const SHRINK_STEP: f32 = 0.02;

/// Everything the blocks of one handout need.
pub(crate) struct Context<'a, 'f> {
    pub layout: &'a Layout,
    pub edition: &'a Edition,
    pub platform: &'a Platform,
    pub phase: Phase,
    pub deadline: String,
    pub m: Measurer<'f>,
    /// Font sizes are multiplied by this, but never go below a role's minimum.
    pub scale: f32,
}

impl Context<'_, '_> {
    pub fn vars(&self) -> Vars<'_> {
        Vars {
            platform: &self.platform.name,
            deadline: &self.deadline,
            url: &self.platform.form_url,
            quotes: self.edition.campaign.language.quotes.as_ref(),
        }
    }

    pub fn size(&self, style: &crate::load::layout::TextStyle) -> Pt {
        Pt((style.size.0 * self.scale).max(style.min.0))
    }
}

/// Why a block could not be laid out in its region.
pub(crate) enum BlockError {
    /// A word wider than the region: shrinking may help.
    TooWide { text: String, word: String, source: Option<Loc> },
    /// Content the layout asks for is missing; shrinking cannot help.
    Fatal(Problem),
}

/// Lay out one platform's handout.
pub fn compose(
    layout: &Layout,
    fonts: &Fonts,
    edition: &Edition,
    platform: &Platform,
    phase: Phase,
) -> Result<Document, Vec<Problem>> {
    let campaign = &edition.campaign;
    let mut cx = Context {
        layout,
        edition,
        platform,
        phase,
        deadline: campaign.language.format_date(campaign.deadline),
        m: Measurer::new(fonts),
        scale: 1.0,
    };
    let mut problems = Vec::new();
    let mut pages = Vec::new();
    let mut structure = Vec::new();
    let bleed = layout.bleed;
    for (page_no, face) in layout.faces.iter().enumerate() {
        let mut page = Page {
            size: (layout.width + bleed * 2.0, layout.height + bleed * 2.0),
            trim: (bleed > Mm::ZERO).then(|| Rect::new(bleed, bleed, layout.width, layout.height)),
            items: Vec::new(),
            cards: Vec::new(),
        };
        if layout.background != crate::model::Color::WHITE {
            page.items.push(Item::Box {
                rect: Rect::new(Mm::ZERO, Mm::ZERO, page.size.0, page.size.1),
                fill: layout.background,
                radius: Mm::ZERO,
            });
        }
        let fitted = fit_face(&mut cx, &face.regions, &mut problems);
        for (region, frag) in face.regions.iter().zip(fitted) {
            let Some(frag) = frag else { continue };
            let mut placed = Frag::default();
            // Right-to-left editions read the page from the right: the
            // layout is mirrored, so the first column is the right one.
            let rect = if campaign.language.rtl { mirror(region.rect, layout.width) } else { region.rect };
            if let Some(bg) = region.background {
                // A background that touches the trim edge runs into the bleed.
                placed.push_artifact(Item::Box { rect: bleed_out(rect, layout), fill: bg, radius: region.radius });
            }
            let content = rect.inset(region.padding);
            let dy = match region.align {
                Align::Top => Mm::ZERO,
                Align::Center => (content.h - frag.height) / 2.0,
                Align::Bottom => content.h - frag.height,
            };
            placed.append(frag, content.x + bleed, content.y + bleed + dy);
            let base = page.items.len();
            page.items.extend(placed.items);
            structure.extend(placed.nodes.into_iter().map(|n| frag::reindex(n, page_no, base)));
        }
        pages.push(page);
    }
    if let Some(sheet) = &layout.sheet {
        pages = impose(sheet, pages);
    }
    let title = campaign
        .text("title")
        .map(|t| t.resolve(&cx.vars()).to_plain())
        .unwrap_or_else(|| platform.name.clone());
    let doc = Document { title, lang: campaign.language.code.clone(), pages, structure };
    if problems.is_empty() {
        check_glyphs(&mut cx.m, &doc, fonts, &mut problems);
        check_prominence(layout, &doc, &mut problems);
    }
    if problems.is_empty() { Ok(doc) } else { Err(problems) }
}

/// Put copies of every face on sheets: sheet page `i` holds all copies of
/// face `i`. The first copy comes first in each page's item list, so the
/// structure tree (which points at face items) now points at that copy; the
/// other copies are decoration to a screen reader, which reads each face once.
fn impose(sheet: &crate::load::layout::Sheet, faces: Vec<Page>) -> Vec<Page> {
    let mut out = Vec::new();
    for (i, face) in faces.into_iter().enumerate() {
        let mut page = Page { size: (sheet.width, sheet.height), trim: None, items: Vec::new(), cards: Vec::new() };
        for cell in &sheet.cells {
            let at = sheet.place(*cell, i);
            page.items.extend(face.items.iter().cloned().map(|it| frag::translate(it, at.x, at.y)));
            page.cards.push(at);
        }
        page.items.extend(crop_marks(sheet, &page.cards));
        out.push(page);
    }
    out
}

/// Marks in line with every trim edge, outside the grid of cards.
fn crop_marks(sheet: &crate::load::layout::Sheet, cards: &[Rect]) -> Vec<Item> {
    let m = &sheet.marks;
    let mut xs: Vec<f32> = cards.iter().flat_map(|c| [c.x.0, c.right().0]).collect();
    let mut ys: Vec<f32> = cards.iter().flat_map(|c| [c.y.0, c.bottom().0]).collect();
    for v in [&mut xs, &mut ys] {
        v.sort_by(f32::total_cmp);
        v.dedup_by(|a, b| (*a - *b).abs() < 0.01);
    }
    let top = cards.iter().map(|c| c.y).fold(sheet.height, Mm::min);
    let bottom = cards.iter().map(|c| c.bottom()).fold(Mm::ZERO, Mm::max);
    let left = cards.iter().map(|c| c.x).fold(sheet.width, Mm::min);
    let right = cards.iter().map(|c| c.right()).fold(Mm::ZERO, Mm::max);
    let mark = |a: crate::units::Point, b: crate::units::Point| Item::CropMark { from: a, to: b, width: m.width };
    let p = crate::units::Point::new;
    let mut items = Vec::new();
    for x in xs {
        let x = Mm(x);
        items.push(mark(p(x, top - m.offset - m.length), p(x, top - m.offset)));
        items.push(mark(p(x, bottom + m.offset), p(x, bottom + m.offset + m.length)));
    }
    for y in ys {
        let y = Mm(y);
        items.push(mark(p(left - m.offset - m.length, y), p(left - m.offset, y)));
        items.push(mark(p(right + m.offset, y), p(right + m.offset + m.length, y)));
    }
    items
}

fn mirror(r: Rect, page_width: Mm) -> Rect {
    Rect::new(page_width - r.right(), r.y, r.w, r.h)
}

/// Extend a rectangle that touches a trim edge out to the bleed edge.
fn bleed_out(r: Rect, layout: &Layout) -> Rect {
    let b = layout.bleed;
    let eps = 0.01;
    let mut x0 = r.x + b;
    let mut y0 = r.y + b;
    let mut x1 = r.right() + b;
    let mut y1 = r.bottom() + b;
    if b > Mm::ZERO {
        if r.x.0 <= eps {
            x0 = Mm::ZERO;
        }
        if r.y.0 <= eps {
            y0 = Mm::ZERO;
        }
        if r.right().0 >= layout.width.0 - eps {
            x1 = layout.width + b * 2.0;
        }
        if r.bottom().0 >= layout.height.0 - eps {
            y1 = layout.height + b * 2.0;
        }
    }
    Rect::new(x0, y0, x1 - x0, y1 - y0)
}

/// Fit every region of a face; regions in one fit group share the smallest
/// scale any of them needed.
fn fit_face(cx: &mut Context, regions: &[Region], problems: &mut Vec<Problem>) -> Vec<Option<Frag>> {
    let mut fitted: Vec<Option<(Frag, f32)>> = Vec::new();
    for region in regions {
        match fit_region(cx, region) {
            Ok(f) => fitted.push(Some(f)),
            Err(p) => {
                problems.push(p);
                fitted.push(None);
            }
        }
    }
    for (i, region) in regions.iter().enumerate() {
        let Some(group) = &region.fit_group else { continue };
        let shared = regions
            .iter()
            .zip(&fitted)
            .filter(|(r, _)| r.fit_group.as_ref() == Some(group))
            .filter_map(|(_, f)| f.as_ref().map(|f| f.1))
            .fold(1.0f32, f32::min);
        if let Some((_, scale)) = &fitted[i]
            && *scale > shared
        {
            // Smaller text still fits where larger text did.
            cx.scale = shared;
            if let Ok((frag, _)) = stack(cx, region, region.content_box().w) {
                fitted[i] = Some((frag, shared));
            }
        }
    }
    fitted.into_iter().map(|f| f.map(|f| f.0)).collect()
}

/// Lay out a region's blocks at the largest scale at which they fit.
fn fit_region(cx: &mut Context, region: &Region) -> Result<(Frag, f32), Problem> {
    let content = region.content_box();
    let floor = region_floor(cx.layout, region);
    let mut scale = 1.0f32;
    loop {
        cx.scale = scale;
        let attempt = stack(cx, region, content.w);
        let at_floor = scale <= floor;
        match attempt {
            Ok((frag, _)) if frag.height <= content.h => return Ok((frag, scale)),
            Err(BlockError::Fatal(p)) => return Err(p),
            Ok((frag, bottoms)) if at_floor => {
                let i = bottoms.iter().position(|b| *b > content.h).unwrap_or(bottoms.len().saturating_sub(1));
                return Err(overflow(cx, region, i, &frag, content.h));
            }
            Err(BlockError::TooWide { text, word, source }) if at_floor => {
                let msg = format!("the word `{word}` is wider than region `{}` even at the minimum font size", region.name);
                return Err(Problem::error(Kind::Overflow, msg)
                    .at_opt(source)
                    .label(format!("in \"{}\"", excerpt(&text)))
                    .related(region.loc.clone(), format!("region `{}` ({:.0} mm wide inside its padding)", region.name, content.w.0))
                    .help("shorten the text, add a space or hyphen, or widen the region in the layout"));
            }
            _ => scale = (scale - SHRINK_STEP).max(floor),
        }
    }
}

/// The scale at which every role in the region has reached its minimum.
fn region_floor(layout: &Layout, region: &Region) -> f32 {
    let mut floor = 1.0f32;
    for block in &region.blocks {
        for role in blocks::roles(block) {
            let s = layout.style(role);
            floor = floor.min(s.min.0 / s.size.0);
        }
    }
    floor
}

/// Stack the region's blocks; also returns each block's bottom edge.
fn stack(cx: &mut Context, region: &Region, width: Mm) -> Result<(Frag, Vec<Mm>), BlockError> {
    let mut out = Frag::default();
    let mut y = Mm::ZERO;
    let mut bottoms = Vec::new();
    for (i, block) in region.blocks.iter().enumerate() {
        if i > 0 {
            y += region.gap;
        }
        let f = blocks::layout_block(cx, block, width)?;
        let h = f.height;
        out.append(f, Mm::ZERO, y);
        y += h;
        bottoms.push(y);
    }
    out.height = y;
    Ok((out, bottoms))
}

fn overflow(cx: &Context, region: &Region, block_index: usize, frag: &Frag, available: Mm) -> Problem {
    let block = &region.blocks[block_index];
    let needed = frag.height;
    let mark = frag.marks.iter().find(|m| m.bottom > available).or(frag.marks.last());
    let (what, source) = mark.map_or((String::new(), None), |m| (m.text.clone(), m.source.clone()));
    let msg = format!(
        "text does not fit region `{}`: it needs {:.1} mm but the region has {:.1} mm, even at the minimum font sizes",
        region.name, needed.0, available.0
    );
    Problem::error(Kind::Overflow, msg)
        .at_opt(source)
        .label(format!("\"{}\" does not fit", excerpt(&what)))
        .related(region.loc.clone(), format!("region `{}` in {}", region.name, cx.layout.id))
        .related(block.loc().clone(), "the block is placed")
        .help("shorten the text, or give the region more room in the layout")
}

fn excerpt(text: &str) -> String {
    const MAX: usize = 60;
    let t: String = text.chars().take(MAX).collect();
    if text.chars().count() > MAX { format!("{t}…") } else { t }
}

/// Every character must have a glyph: a missing one would print as a box.
fn check_glyphs(m: &mut Measurer, doc: &Document, fonts: &Fonts, problems: &mut Vec<Problem>) {
    for (_, run) in doc.text_runs() {
        if let Some(c) = m.missing_glyph(run.face, run.weight, &run.text) {
            let file = &fonts.faces[run.face].get(run.weight).file;
            problems.push(
                Problem::error(Kind::File, format!("the font {file} has no glyph for `{c}` (U+{:04X})", c as u32))
                    .at_opt(run.source.clone())
                    .label(format!("in \"{}\"", excerpt(&run.text)))
                    .help("use another character, or name a font for its script under [fonts.scripts] in the layout"),
            );
        }
    }
}

/// The deadline must stand out more than anything but the title: larger than
/// every other text, and at least twice the body text.
fn check_prominence(layout: &Layout, doc: &Document, problems: &mut Vec<Problem>) {
    let date_roles: Vec<&str> = layout
        .faces
        .iter()
        .flat_map(|f| &f.regions)
        .flat_map(|r| &r.blocks)
        .filter_map(|b| match b {
            Block::Deadline { date, .. } => Some(date.name.as_str()),
            _ => None,
        })
        .collect();
    let title_roles = title_roles(layout);
    let Some(deadline) = doc.text_runs().filter(|(_, r)| date_roles.contains(&r.role.as_str())).map(|(_, r)| r.size.0).reduce(f32::max)
    else {
        return;
    };
    let body = body_size(doc);
    let rival = doc
        .text_runs()
        .filter(|(_, r)| !date_roles.contains(&r.role.as_str()) && !title_roles.contains(&r.role.as_str()))
        .max_by(|a, b| a.1.size.0.total_cmp(&b.1.size.0));
    let deadline_loc = layout.faces.iter().flat_map(|f| &f.regions).flat_map(|r| &r.blocks).find_map(|b| match b {
        Block::Deadline { date, .. } => Some(date.loc.clone()),
        _ => None,
    });
    if let Some((_, r)) = rival
        && r.size.0 >= deadline
    {
        problems.push(
            Problem::error(Kind::Prominence, format!("the deadline ({deadline:.1} pt) is not larger than `{}` text ({:.1} pt)", r.role, r.size.0))
                .at_opt(deadline_loc.clone())
                .help("only the title may be as large as the deadline; raise the deadline's size or its minimum"),
        );
    }
    let title = doc
        .text_runs()
        .filter(|(_, r)| title_roles.contains(&r.role.as_str()))
        .map(|(_, r)| r.size.0)
        .reduce(f32::max);
    if let Some(title) = title
        && title < deadline
    {
        problems.push(
            Problem::error(Kind::Prominence, format!("the title ({title:.1} pt) came out smaller than the deadline ({deadline:.1} pt)"))
                .at_opt(deadline_loc.clone())
                .help("the title had to shrink to fit its region: give it more room or a shorter text"),
        );
    }
    if deadline < body.0 * 2.0 - 0.01 {
        problems.push(
            Problem::error(Kind::Prominence, format!("the deadline ({deadline:.1} pt) is less than twice the body text ({:.1} pt)", body.0))
                .at_opt(deadline_loc)
                .help("raise the deadline's minimum size to at least twice the body size"),
        );
    }
}

fn title_roles(layout: &Layout) -> Vec<&str> {
    layout
        .faces
        .iter()
        .flat_map(|f| &f.regions)
        .flat_map(|r| &r.blocks)
        .filter_map(|b| match b {
            Block::Text { role, tag: crate::load::layout::TextTag::H1, .. } => Some(role.name.as_str()),
            _ => None,
        })
        .collect()
}

/// The size most of the characters are set in.
pub fn body_size(doc: &Document) -> Pt {
    let mut by_size: Vec<(i32, usize)> = Vec::new();
    for (_, r) in doc.text_runs() {
        let key = (r.size.0 * 100.0).round() as i32;
        let n = r.text.chars().count();
        match by_size.iter_mut().find(|(k, _)| *k == key) {
            Some(e) => e.1 += n,
            None => by_size.push((key, n)),
        }
    }
    by_size.sort_by_key(|&(k, n)| (std::cmp::Reverse(n), k));
    by_size.first().map_or(Pt(0.0), |(k, _)| Pt(*k as f32 / 100.0))
}

/// All structure leaves in document order (for tests).
pub fn leaves(nodes: &[Node]) -> Vec<crate::model::ItemRef> {
    let mut out = Vec::new();
    fn walk(n: &Node, out: &mut Vec<crate::model::ItemRef>) {
        match n {
            Node::Content(r) => out.push(*r),
            Node::Group { children, .. } => children.iter().for_each(|c| walk(c, out)),
        }
    }
    nodes.iter().for_each(|n| walk(n, &mut out));
    out
}
