//! The QR block: the code to the form, its caption, the address in clear
//! text so a reader can check where it goes, and notes beside or below.

use super::super::Context;
use super::super::frag::{Frag, Mark, group};
use super::{BlockError, Para, paragraph, prose, text, wrap};
use crate::diag::Problem;
use crate::load::content::Template;
use crate::load::layout::QrBlock;
use crate::model::{Item, QrSymbol, StructKind};
use crate::qr::Code;
use crate::rich::{Rich, Span};
use crate::text::Breaking;
use crate::units::Mm;
use std::sync::Arc;

/// Space between the QR code and the text beside it.
const QR_GAP: Mm = Mm(4.0);
/// Narrowest text column we put beside a QR code; below it the text goes under.
const QR_TEXT_MIN: Mm = Mm(45.0);
/// Space between the QR code and the text under it.
const QR_TEXT_BELOW: Mm = Mm(2.0);

pub(super) fn qr_block(cx: &mut Context, b: &QrBlock, width: Mm, room: Mm) -> Result<Frag, BlockError> {
    let caption_t = text(cx, &b.caption_key, &b.loc)?.clone();
    let alt_t = text(cx, "qr_alt", &b.loc)?.clone();
    let code = code(cx)?;
    let spec = &cx.layout.qr;
    // Beside the code when a readable column of text fits next to it even
    // at its smallest; else under it.
    let beside = width - code.outer(spec.min_size) - QR_GAP >= QR_TEXT_MIN;
    let (symbol_w, (cap, link, notes)) = if beside {
        beside_code(cx, b, &caption_t, &code, width, room)?
    } else {
        (Mm::ZERO, qr_texts(cx, b, &caption_t, width)?)
    };
    let text_h = cap.height + link.height + notes.iter().map(|p| p.height).sum::<Mm>();
    let symbol_w = if beside {
        symbol_w
    } else {
        // Under the text's room: what the code may take of the height.
        let most = code.symbol_for(width.min(room - QR_TEXT_BELOW - text_h));
        spec.size.min(most).max(spec.min_size)
    };
    // A code of few modules is printed smaller, not of huge modules.
    let symbol_w = match spec.max_module {
        Some(m) => symbol_w.min(m * code.modules() as f32),
        None => symbol_w,
    };
    let mut symbol = code.symbol(symbol_w, spec);
    let outer = symbol.outer().w;
    if !outer.fits_in(width) {
        return Err(BlockError::Fatal(too_wide(cx, b, outer, width)));
    }
    check_module(cx, &symbol)?;
    let mut f = Frag::default();
    let mirrored = beside && cx.rtl();
    if mirrored {
        symbol.origin.x = width - outer;
    }
    let leaf = f.push(Item::Qr(symbol));
    f.nodes.push(group(StructKind::Figure { alt: alt_t.resolve(&cx.vars()).to_plain() }, vec![leaf]));
    let url = cx.platform.form_url.clone();
    f.marks.push(Mark { bottom: outer, height: outer, text: url, source: Some(cx.platform.url_loc.clone()) });
    let (tx, ty) = if beside {
        (outer + QR_GAP, ((outer - text_h) / 2.0).max(Mm::ZERO))
    } else {
        (Mm::ZERO, outer + QR_TEXT_BELOW)
    };
    let tx = if mirrored { Mm::ZERO } else { tx };
    let mut y = ty;
    for p in [cap, link].into_iter().chain(notes) {
        let h = p.height;
        f.append(p, tx, y);
        y += h;
    }
    f.height = if beside { outer.max(ty + text_h) } else { ty + text_h };
    Ok(f)
}

/// The texts in the column beside a code as large as the room allows
/// (between the layout's `min_size` and `size`): a larger code leaves a
/// narrower column, so when the texts would then be taller than the room,
/// the largest code whose column still fits is found by bisection (a
/// tenth of a millimetre apart); at `min_size` the texts are as they come.
fn beside_code(
    cx: &mut Context,
    b: &QrBlock,
    caption: &Template,
    code: &Code,
    width: Mm,
    room: Mm,
) -> Result<(Mm, Texts), BlockError> {
    let spec = &cx.layout.qr;
    let most = code.symbol_for(room.min(width - QR_GAP - QR_TEXT_MIN));
    let largest = spec.size.min(most).max(spec.min_size);
    let column = |s: Mm| width - code.outer(s) - QR_GAP;
    let first = qr_texts(cx, b, caption, column(largest))?;
    if texts_height(&first) <= room || largest <= spec.min_size {
        return Ok((largest, first));
    }
    let (mut lo, mut hi) = (spec.min_size, largest);
    let mut best = (lo, qr_texts(cx, b, caption, column(lo))?);
    if texts_height(&best.1) > room {
        return Ok(best);
    }
    while hi - lo > Mm(0.1) {
        let mid = (lo + hi) / 2.0;
        let texts = qr_texts(cx, b, caption, column(mid))?;
        if texts_height(&texts) <= room {
            (lo, best) = (mid, (mid, texts));
        } else {
            hi = mid;
        }
    }
    Ok(best)
}

/// The caption, the address and the notes.
type Texts = (Frag, Frag, Vec<Frag>);

fn texts_height((cap, link, notes): &Texts) -> Mm {
    cap.height + link.height + notes.iter().map(|p| p.height).sum::<Mm>()
}

/// The form URL's matrix, from the run's cache: encoded once per URL and
/// error-correction level (choosing the mask is most of the work), kept
/// by the document for every fitting attempt.
fn code(cx: &mut Context) -> Result<Arc<Code>, BlockError> {
    if let Some(c) = &cx.qr_code {
        return Ok(Arc::clone(c));
    }
    let c = cx
        .qr_codes
        .get(&cx.platform.form_url, &cx.layout.qr)
        .map_err(|p| BlockError::Fatal(p.at(cx.platform.url_loc.clone())))?;
    Ok(Arc::clone(cx.qr_code.insert(c)))
}

fn too_wide(cx: &Context, b: &QrBlock, outer: Mm, width: Mm) -> Problem {
    Problem::error(format!(
        "the QR code ({:.1} mm with its quiet zone, at its smallest) is wider than its region ({:.1} mm)",
        outer.0, width.0
    ))
    .at(b.loc.clone())
    .related(cx.layout.qr.loc.clone(), "the QR size is set")
    .help("give the region more width, or the code a smaller min_size")
}

/// Modules smaller than the layout's minimum do not scan from paper: the
/// URL needs too many of them for the room the layout gives the code.
fn check_module(cx: &Context, symbol: &QrSymbol) -> Result<(), BlockError> {
    let spec = &cx.layout.qr;
    if symbol.module + Mm(1e-4) >= spec.min_module {
        return Ok(());
    }
    let url = &cx.platform.form_url;
    let problem = Problem::error(format!(
        "the QR code for this {}-character URL needs {} modules; at {:.1} mm each is {:.2} mm, below the layout's minimum of {:.2} mm ({})",
        url.len(),
        symbol.modules,
        symbol.symbol().w.0,
        symbol.module.0,
        spec.min_module.0,
        cx.layout.id
    ))
    .at(cx.platform.url_loc.clone())
    .related(spec.loc.clone(), format!("the QR code of {} is set", cx.layout.id))
    .help("use a shorter URL, or give the code more room in the layout");
    Err(BlockError::Cramped(problem))
}

/// The caption, the URL and the notes, each a paragraph.
fn qr_texts(cx: &mut Context, b: &QrBlock, caption_t: &Template, width: Mm) -> Result<Texts, BlockError> {
    let caption_rich = caption_t.resolve(&cx.vars());
    let mut cap = paragraph(
        cx,
        &Para { rich: &caption_rich, role: &b.caption, width, mode: prose(cx), source: Some(caption_t.loc.clone()) },
    )?;
    let url_rich = host_in_bold(&cx.platform.form_url);
    let url_loc = Some(cx.platform.url_loc.clone());
    let mut link = paragraph(cx, &Para { rich: &url_rich, role: &b.url, width, mode: Breaking::Url, source: url_loc })?;
    let mut notes = Vec::new();
    if let Some(n) = &b.notes {
        for key in &n.keys {
            let t = text(cx, key, &b.loc)?.clone();
            // A note written as "" is one the campaign does without.
            if t.text().trim().is_empty() {
                continue;
            }
            let rich = t.resolve(&cx.vars());
            let mut p = paragraph(
                cx,
                &Para { rich: &rich, role: &n.role, width, mode: prose(cx), source: Some(t.loc.clone()) },
            )?;
            wrap(&mut p, StructKind::Paragraph);
            notes.push(p);
        }
    }
    wrap(&mut cap, StructKind::Paragraph);
    wrap(&mut link, StructKind::Paragraph);
    Ok((cap, link, notes))
}

/// The address with its host in bold: the part a reader checks to see
/// where the code goes (in a bold role it is all bold anyway).
fn host_in_bold(url: &str) -> Rich {
    let host = url.find("://").map_or(0, |i| i + 3);
    let path = url[host..].find(['/', '?', '#']).map_or(url.len(), |i| host + i);
    let parts = [(&url[..host], false), (&url[host..path], true), (&url[path..], false)];
    let spans = parts.into_iter().filter(|(t, _)| !t.is_empty());
    Rich { spans: spans.map(|(text, bold)| Span::text(text, bold)).collect() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_host_is_bold() {
        let bold = |url: &str| -> Vec<(String, bool)> {
            host_in_bold(url)
                .spans
                .into_iter()
                .map(|s| match s {
                    Span::Text { text, bold } => (text, bold),
                    Span::Icon(_) => unreachable!("an address has no icons"),
                })
                .collect()
        };
        let s = |t: &str, b: bool| (t.to_string(), b);
        assert_eq!(
            bold("https://www.digid.nl/inloggen?x=1"),
            [s("https://", false), s("www.digid.nl", true), s("/inloggen?x=1", false)]
        );
        assert_eq!(bold("https://example.org"), [s("https://", false), s("example.org", true)]);
    }
}
