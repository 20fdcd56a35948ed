//! Compose: content + layout + fonts -> page model. All measuring, line
//! breaking, hyphenation and fitting happen here; nothing here does I/O.
//!
//! `compose` lays out each side of the layout (`fit.rs` fits each region's
//! blocks, `blocks/` lays out each kind of block into a [`Frag`]), puts
//! copies on sheets when the layout has one (`impose.rs`), and checks the
//! result (`checks.rs`: every glyph exists, the deadline stands out).

mod blame;
mod blocks;
mod checks;
mod fit;
mod frag;
mod impose;

pub use checks::body_size;

use crate::diag::{Problem, Problems};
use crate::edition::Edition;
use crate::fonts::Fonts;
use crate::load::content::{Content, Platform, Vars};
use crate::load::layout::{Align, Layout, Region, Side, TextStyle};
use crate::load::org::Org;
use crate::model::{Color, Document, Item, Node, Page};
use crate::text::Measurer;
use crate::units::{EPS, Mm, Pt, Rect, Size};
use frag::Frag;

/// What to compose: one platform's content in one layout and edition,
/// handed out by an organisation or not.
#[derive(Clone, Copy)]
pub struct Handout<'a> {
    pub layout: &'a Layout,
    pub fonts: &'a Fonts,
    pub content: &'a Content,
    pub platform: &'a Platform,
    pub edition: Edition,
    pub org: Option<&'a Org>,
}

/// Everything the blocks of one handout need.
pub(crate) struct Context<'a, 'f> {
    pub fonts: &'f Fonts,
    pub layout: &'a Layout,
    pub content: &'a Content,
    pub platform: &'a Platform,
    pub org: Option<&'a Org>,
    pub edition: Edition,
    /// The deadline as the language writes it.
    pub deadline: String,
    /// The same with no-break spaces, for running text: "27 mei 2025" is
    /// read as one thing and never split over two lines.
    pub deadline_unbroken: String,
    pub m: Measurer<'f>,
    /// Font sizes are multiplied by this, but never go below a role's minimum.
    pub scale: f32,
    /// The form URL's QR matrix, once encoded (every fitting attempt of the
    /// QR block needs it).
    pub qr_code: Option<std::sync::Arc<blocks::Code>>,
}

impl<'a, 'f> Context<'a, 'f> {
    pub fn new(h: &Handout<'a>, fonts: &'f Fonts) -> Context<'a, 'f> {
        let campaign = &h.content.campaign;
        let deadline = campaign.language.format_date(campaign.deadline);
        Context {
            fonts,
            layout: h.layout.for_org(h.org.is_some()),
            content: h.content,
            platform: h.platform,
            org: h.org,
            edition: h.edition,
            deadline_unbroken: deadline.replace(' ', "\u{a0}"),
            deadline,
            m: Measurer::new(fonts),
            scale: 1.0,
            qr_code: None,
        }
    }

    pub fn vars(&self) -> Vars<'_> {
        Vars {
            platform: &self.platform.name,
            deadline: &self.deadline_unbroken,
            url: &self.platform.form_url,
            quotes: self.content.campaign.language.quotes.as_ref(),
        }
    }

    /// A role's size at the current scale.
    pub fn size(&self, style: &TextStyle) -> Pt {
        (style.size * self.scale).max(style.min)
    }

    /// The content's language reads right to left.
    pub fn rtl(&self) -> bool {
        self.content.campaign.language.rtl
    }
}

/// Lay out one platform's handout.
pub fn compose(h: &Handout, problems: &mut Problems) -> Option<Document> {
    let mark = problems.mark();
    let campaign = &h.content.campaign;
    let layout = h.layout.for_org(h.org.is_some());
    check_url_length(h.platform, layout, problems)?;
    let mut cx = Context::new(h, h.fonts);
    let mut pages = Vec::new();
    let mut structure = Vec::new();
    for (page_no, side) in layout.sides.iter().enumerate() {
        let (page, nodes) = compose_side(&mut cx, side, page_no, problems);
        pages.push(page);
        structure.extend(nodes);
    }
    if let Some(sheet) = &layout.sheet {
        pages = impose::impose(sheet, layout.page.size, pages);
    }
    let title =
        campaign.text("title").map(|t| t.resolve(&cx.vars()).to_plain()).unwrap_or_else(|| h.platform.name.clone());
    let doc = Document { title, lang: campaign.language.code.clone(), pages, structure, fonts: h.fonts.clone() };
    if problems.clean_since(mark) {
        checks::check_glyphs(&mut cx.m, &doc, problems);
        checks::check_prominence(layout, &doc, problems);
    }
    problems.finish(mark, || doc)
}

/// A layout holds URLs up to its `max_url`: a longer one is the platform
/// file's problem, reported there.
fn check_url_length(platform: &Platform, layout: &Layout, problems: &mut Problems) -> Option<()> {
    let (url, qr) = (&platform.form_url, &layout.qr);
    if url.len() <= qr.max_url {
        return Some(());
    }
    let mut p = Problem::error(format!(
        "the form URL is {} characters long; layout `{}` holds at most {}",
        url.len(),
        layout.id,
        qr.max_url
    ))
    .at(platform.url_loc.clone())
    .label("this URL is too long for the layout")
    .help("use a shorter address for the form, or a layout with room for a larger QR code");
    if let Some(at) = &qr.max_url_loc {
        p = p.related(at.clone(), format!("max_url of {}", layout.id));
    }
    problems.push(p);
    None
}

/// One side as a page: its regions fitted and placed, with their structure.
fn compose_side(cx: &mut Context, side: &Side, page_no: usize, problems: &mut Problems) -> (Page, Vec<Node>) {
    let layout = cx.layout;
    let bleed = layout.page.bleed;
    let size = layout.page.size;
    let mut page = Page {
        size: Size::new(size.w + bleed * 2.0, size.h + bleed * 2.0),
        trim: (bleed > Mm::ZERO).then(|| Rect::new(bleed, bleed, size.w, size.h)),
        items: Vec::new(),
        cards: Vec::new(),
    };
    if layout.page.background != Color::WHITE {
        page.items.push(Item::Box { rect: Rect::sized(page.size), fill: layout.page.background, radius: Mm::ZERO });
    }
    let mut structure = Vec::new();
    let fitted = fit::fit_side(cx, &side.regions, problems);
    for (region, frag) in side.regions.iter().zip(fitted) {
        let Some(frag) = frag else { continue };
        let placed = place(cx, region, frag);
        let base = page.items.len();
        page.items.extend(placed.items);
        structure.extend(placed.nodes.into_iter().map(|n| frag::reindex(n, page_no, base)));
    }
    (page, structure)
}

/// A region's fitted content at its place on the page, on its background.
fn place(cx: &Context, region: &Region, frag: Frag) -> Frag {
    let layout = cx.layout;
    let bleed = layout.page.bleed;
    let mut placed = Frag::default();
    // Right-to-left content reads the page from the right: the layout is
    // mirrored, so the first column is the right one.
    let rect = if cx.rtl() { region.rect.mirror_x(layout.page.size.w) } else { region.rect };
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
    placed
}

/// Extend a rectangle that touches a trim edge out to the bleed edge.
fn bleed_out(r: Rect, layout: &Layout) -> Rect {
    let b = layout.page.bleed;
    let size = layout.page.size;
    let mut x0 = r.x + b;
    let mut y0 = r.y + b;
    let mut x1 = r.right() + b;
    let mut y1 = r.bottom() + b;
    if b > Mm::ZERO {
        if r.x <= EPS {
            x0 = Mm::ZERO;
        }
        if r.y <= EPS {
            y0 = Mm::ZERO;
        }
        if r.right() >= size.w - EPS {
            x1 = size.w + b * 2.0;
        }
        if r.bottom() >= size.h - EPS {
            y1 = size.h + b * 2.0;
        }
    }
    Rect::new(x0, y0, x1 - x0, y1 - y0)
}
