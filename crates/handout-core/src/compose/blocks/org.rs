//! The organisation block: the logo of the library or community centre
//! that hands the handout out, its name, where to get help, its website.
//! Empty when the handout carries no organisation.

use super::super::Context;
use super::super::frag::{Frag, group};
use super::{BlockError, Para, paragraph, prose, text, wrap};
use crate::load::layout::OrgBlock;
use crate::load::org::Org;
use crate::logo::Logo;
use crate::model::{Item, StructKind};
use crate::rich::{Rich, Span};
use crate::text::Breaking;
use crate::units::{Mm, Rect, Size};

/// Space between the logo and the text beside it.
const LOGO_GAP: Mm = Mm(5.0);
/// Raster logos print at no less than this resolution: never blown up
/// past the pixels they have.
const MIN_DPI: f32 = 300.0;

pub(super) fn org_block(cx: &mut Context, b: &OrgBlock, width: Mm) -> Result<Frag, BlockError> {
    let Some(org) = cx.org else { return Ok(Frag::default()) };
    let logo = org.logo.as_ref().zip(b.logo).map(|(logo, room)| (logo.picture.clone(), fit(logo, room)));
    let text_x = logo.as_ref().map_or(Mm::ZERO, |(_, s)| s.w + LOGO_GAP);
    let texts = org_texts(cx, org, b, width - text_x)?;
    let text_h: Mm = texts.iter().map(|f| f.height).sum();
    let mut f = Frag::default();
    let rtl = cx.rtl();
    if let Some((picture, size)) = logo {
        let x = if rtl { width - size.w } else { Mm::ZERO };
        let y = ((text_h - size.h) / 2.0).max(Mm::ZERO);
        let leaf = f.push(Item::Image { rect: Rect::new(x, y, size.w, size.h), picture });
        f.nodes.push(group(StructKind::Figure { alt: org.name.clone() }, vec![leaf]));
        f.height = size.h;
    }
    let logo_h = f.height;
    let mut y = ((logo_h - text_h) / 2.0).max(Mm::ZERO);
    let x = if rtl { Mm::ZERO } else { text_x };
    for t in texts {
        let h = t.height;
        f.append(t, x, y);
        y += h;
    }
    f.height = logo_h.max(y);
    Ok(f)
}

/// The logo's printed size: as large as the box allows in its proportions,
/// but never more than its pixels give at 300 dpi.
fn fit(logo: &Logo, room: Size) -> Size {
    let mut w = room.w.min(room.h * logo.aspect);
    if let Some(native_width) = logo.native_width {
        w = w.min(Mm::from_pixels(native_width as f32, MIN_DPI));
    }
    Size::new(w, w / logo.aspect)
}

/// The label, name, help text (in the handout's language, if the
/// organisation gave one) and website, each a paragraph.
fn org_texts(cx: &mut Context, org: &Org, b: &OrgBlock, width: Mm) -> Result<Vec<Frag>, BlockError> {
    let mut out = Vec::new();
    if let Some((key, role)) = &b.label {
        let t = text(cx, key, &b.loc)?.clone();
        let rich = t.resolve(&cx.vars());
        out.push(paragraph(cx, &Para { rich: &rich, role, width, mode: prose(cx), source: Some(t.loc.clone()) })?);
    }
    let help = org.help.get(&cx.content.id);
    let help_rich = help.map(|h| h.resolve(&cx.vars()));
    match &b.name {
        Some(role) => {
            let name = Rich::plain(org.name.clone());
            out.push(paragraph(
                cx,
                &Para { rich: &name, role, width, mode: prose(cx), source: Some(org.name_loc.clone()) },
            )?);
            if let (Some(h), Some(rich)) = (help, &help_rich) {
                out.push(paragraph(
                    cx,
                    &Para { rich, role: &b.help, width, mode: prose(cx), source: Some(h.loc.clone()) },
                )?);
            }
        }
        None => {
            // "**Bibliotheek Voorbeeldstad** Hulp nodig? ..." in one paragraph.
            let mut rich = Rich { spans: vec![Span::text(org.name.clone(), true)] };
            if let Some(h) = &help_rich {
                rich.spans.push(Span::text(" ", false));
                rich.spans.extend(h.spans.iter().cloned());
            }
            let source = Some(help.map_or(org.name_loc.clone(), |h| h.loc.clone()));
            out.push(paragraph(cx, &Para { rich: &rich, role: &b.help, width, mode: prose(cx), source })?);
        }
    }
    if let (Some(site), Some(role)) = (&org.website, &b.website) {
        let rich = Rich::plain(site.clone());
        out.push(paragraph(
            cx,
            &Para { rich: &rich, role, width, mode: Breaking::Url, source: org.website_loc.clone() },
        )?);
    }
    for f in &mut out {
        wrap(f, StructKind::Paragraph);
    }
    Ok(out)
}
