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
mod face;
mod fit;
mod frag;
mod impose;
mod omit;
mod stack;

pub use checks::body_size;

use crate::diag::{Kind, LinkIssue, Problem, Problems};
use crate::edition::Edition;
use crate::fonts::Fonts;
use crate::load::content::{Content, Platform, Vars};
use crate::load::layout::{Layout, TextStyle};
use crate::load::org::Org;
use crate::model::Document;
use crate::qr::{Code, QrCodes};
use crate::text::Measurer;
use crate::units::Pt;
use std::sync::Arc;

/// What to compose: one platform's content in one layout and edition,
/// handed out by an organisation or not.
#[derive(Clone, Copy)]
pub struct Handout<'a> {
    /// The layout as printed: its `[with_org]` variant when there is an organisation ([`crate::Layout::for_org`]).
    pub layout: &'a Layout,
    /// The layout's fonts, read for the scripts the content needs.
    pub fonts: &'a Fonts,
    /// One language's texts.
    pub content: &'a Content,
    /// The platform whose steps and form URL it shows.
    pub platform: &'a Platform,
    /// Dated, or after the deadline.
    pub edition: Edition,
    /// The organisation that hands it out, if any.
    pub org: Option<&'a Org>,
}

/// What composing keeps for every document of a run: strings shaped in a
/// font, paragraphs broken into lines, and form URLs encoded as QR
/// matrices. All are bounded; a front
/// end makes one (in the run's [`crate::cache::Caches`]) and drops it to
/// forget.
#[derive(Default)]
pub struct ComposeCaches {
    pub(crate) shapes: crate::text::ShapeCache,
    pub(crate) lines: crate::text::LineCache,
    pub(crate) qr: QrCodes,
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
    pub qr_code: Option<Arc<Code>>,
    /// Where QR matrices are kept for every document of the run.
    pub qr_codes: &'f QrCodes,
    /// The caches the run shares, for a second look at a region (blame).
    pub caches: &'f ComposeCaches,
}

impl<'a, 'f> Context<'a, 'f> {
    pub fn new(h: &Handout<'a>, fonts: &'f Fonts, caches: &'f ComposeCaches) -> Context<'a, 'f> {
        let texts = &h.content.texts;
        // A campaign without a deadline has no {deadline} in its texts
        // (checked on load) and prints no callout.
        let deadline =
            h.content.campaign.deadline.as_ref().map(|d| texts.language.format_date(d.date)).unwrap_or_default();
        Context {
            fonts,
            layout: h.layout,
            content: h.content,
            platform: h.platform,
            org: h.org,
            edition: h.edition,
            deadline_unbroken: deadline.replace(' ', "\u{a0}"),
            deadline,
            m: Measurer::new(fonts, &caches.shapes),
            scale: 1.0,
            qr_code: None,
            qr_codes: &caches.qr,
            caches,
        }
    }

    pub fn vars(&self) -> Vars<'_> {
        Vars {
            platform: &self.platform.name,
            deadline: &self.deadline_unbroken,
            url: &self.platform.form_url,
            quotes: self.content.texts.language.quotes.as_ref(),
        }
    }

    /// A role's size at the current scale.
    pub fn size(&self, style: &TextStyle) -> Pt {
        (style.size * self.scale).max(style.min)
    }

    /// The content's language reads right to left.
    pub fn rtl(&self) -> bool {
        self.content.texts.language.rtl
    }
}

/// Lay out one platform's handout; `caches` are shared with the run's
/// other documents.
pub fn compose(h: &Handout, caches: &ComposeCaches, problems: &mut Problems) -> Option<Document> {
    let mark = problems.mark();
    let texts = &h.content.texts;
    let layout = h.layout;
    check_url_length(h.platform, layout, problems)?;
    let mut cx = Context::new(h, h.fonts, caches);
    let mut pages = Vec::new();
    let mut structure = Vec::new();
    let mut regions = Vec::new();
    for (page_no, side) in layout.faces.iter().enumerate() {
        let side = match h.edition {
            Edition::Undated => omit::without_deadline(side),
            _ => std::borrow::Cow::Borrowed(side),
        };
        let side = match omit::one_route(&side, h.platform) {
            Some(face) => std::borrow::Cow::Owned(face),
            None => side,
        };
        let (page, nodes, placed) = face::compose_side(&mut cx, &side, page_no, problems);
        pages.push(page);
        structure.extend(nodes);
        regions.push(placed);
    }
    if let Some(sheet) = &layout.sheet {
        pages = impose::impose(sheet, layout.page.size, pages);
    }
    let title =
        texts.text("title").map(|t| t.resolve(&cx.vars()).to_plain()).unwrap_or_else(|| h.platform.name.clone());
    let lang = texts.language.code.clone();
    let doc = Document { title, lang, pages, structure, fonts: h.fonts.typefaces(), regions };
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
    .kind(Kind::Link(LinkIssue::TooLongForLayout { max: qr.max_url }))
    .at(platform.url_loc.clone())
    .label("this URL is too long for the layout")
    .help("use a shorter address for the form, or a layout with room for a larger QR code");
    if let Some(at) = &qr.max_url_loc {
        p = p.related(at.clone(), format!("max_url of {}", layout.id));
    }
    problems.push(p);
    None
}
