//! The content blocks a layout can place in a region, each laid out into a
//! [`Frag`] of its own: text, the deadline callout, a route's numbered
//! steps, the QR code, a rule.

mod deadline;
mod org;
mod paragraph;
mod qr;
mod route;

pub(super) use paragraph::{Para, paragraph};

use super::Context;
use super::frag::{Frag, group};
use crate::diag::{Loc, Problem};
use crate::load::content::Template;
use crate::load::layout::{Block, TextTag};
use crate::model::{Item, StructKind};
use crate::text::Breaking;
use crate::units::{Mm, Point};

/// Why a block could not be laid out in its region.
pub(crate) enum BlockError {
    /// A word wider than the region: shrinking may help.
    TooWide { text: String, word: String, source: Option<Loc> },
    /// Too little room for the QR code's modules to be large enough:
    /// smaller text around it may help.
    Cramped(Problem),
    /// Content the layout asks for is missing; shrinking cannot help.
    Fatal(Problem),
}

/// Lay out a block `width` wide; `room` is the height the region has for
/// it (only the QR code, which sizes itself, uses it).
pub(crate) fn layout_block(cx: &mut Context, block: &Block, width: Mm, room: Mm) -> Result<Frag, BlockError> {
    match block {
        Block::Text(b) => {
            let t = text(cx, &b.key, &b.loc)?;
            let rich = t.resolve(&cx.vars());
            let kind = match b.tag {
                TextTag::H1 => StructKind::Heading(1, rich.to_plain()),
                TextTag::H2 => StructKind::Heading(2, rich.to_plain()),
                TextTag::P => StructKind::Paragraph,
            };
            let source = Some(t.loc.clone());
            let mut f = paragraph(cx, &Para { rich: &rich, role: &b.role, width, mode: prose(cx), source })?;
            wrap(&mut f, kind);
            Ok(f)
        }
        Block::Deadline(b) => deadline::deadline_block(cx, b, width),
        Block::Route(b) => route::route_block(cx, b, width),
        Block::Qr(b) => qr::qr_block(cx, b, width, room),
        Block::Org(b) => org::org_block(cx, b, width),
        Block::Rule(b) => {
            let mut f = Frag::default();
            let y = Mm(2.0);
            f.push_artifact(Item::Line {
                from: Point::new(Mm::ZERO, y),
                to: Point::new(width, y),
                width: b.width,
                color: b.color,
            });
            f.height = Mm(4.0);
            Ok(f)
        }
    }
}

/// Running text in the content's language.
fn prose(cx: &Context) -> Breaking {
    Breaking::Prose(cx.content.texts.language.hyphenation)
}

/// A campaign text the layout shows.
fn text<'c>(cx: &'c Context, key: &str, loc: &Loc) -> Result<&'c Template, BlockError> {
    cx.content.texts.text(key).ok_or_else(|| {
        BlockError::Fatal(
            Problem::error(format!("the layout shows text `{key}`, which the campaign does not define"))
                .at(loc.clone())
                .related(Loc::new(&cx.content.texts.source, 0..0), "the campaign's texts are")
                .help(format!("add `{key} = \"...\"` to the [text] table of texts.toml")),
        )
    })
}

/// Wrap a fragment's structure leaves in one group.
fn wrap(f: &mut Frag, kind: StructKind) {
    let children = std::mem::take(&mut f.nodes);
    f.nodes.push(group(kind, children));
}

/// Stack fragments, each below the one before.
fn stack(parts: Vec<Frag>) -> Frag {
    let mut out = Frag::default();
    let mut y = Mm::ZERO;
    for part in parts {
        let h = part.height;
        out.append(part, Mm::ZERO, y);
        y += h;
    }
    out.height = y;
    out
}
