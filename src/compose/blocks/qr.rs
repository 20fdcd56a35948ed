//! The QR block: the code to the form, its caption, the address in clear
//! text so a reader can check where it goes, and notes beside or below.

use super::super::Context;
use super::super::frag::{Frag, group};
use super::{BlockError, Para, paragraph, prose, text, wrap};
use crate::diag::Problem;
use crate::load::content::Template;
use crate::load::layout::{EcLevel, QrBlock, QrSpec};
use crate::model::{QrSymbol, StructKind};
use crate::rich::Rich;
use crate::text::Breaking;
use crate::units::{Mm, Point};

/// Space between the QR code and the text beside it.
const QR_GAP: Mm = Mm(4.0);
/// Narrowest text column we put beside a QR code; below it the text goes under.
const QR_TEXT_MIN: Mm = Mm(45.0);

pub(super) fn qr_block(cx: &mut Context, b: &QrBlock, width: Mm) -> Result<Frag, BlockError> {
    let caption_t = text(cx, &b.caption_key, &b.loc)?.clone();
    let alt_t = text(cx, "qr_alt", &b.loc)?.clone();
    let spec = &cx.layout.qr;
    let mut symbol =
        symbol(&cx.platform.form_url, spec).map_err(|p| BlockError::Fatal(p.at(cx.platform.url_loc.clone())))?;
    let outer = symbol.outer().w;
    if outer > width {
        return Err(BlockError::Fatal(
            Problem::error(format!(
                "the QR code ({:.1} mm with its quiet zone) is wider than its region ({:.1} mm)",
                outer.0, width.0
            ))
            .at(b.loc.clone())
            .related(spec.loc.clone(), "the QR size is set"),
        ));
    }
    let beside = width - outer - QR_GAP >= QR_TEXT_MIN;
    let text_w = if beside { width - outer - QR_GAP } else { width };
    let (cap, link, notes) = qr_texts(cx, b, &caption_t, text_w)?;
    let text_h = cap.height + link.height + notes.iter().map(|p| p.height).sum::<Mm>();
    let mut f = Frag::default();
    let mirrored = beside && cx.rtl();
    if mirrored {
        symbol.origin.x = width - outer;
    }
    let leaf = f.push(crate::model::Item::Qr(symbol));
    f.nodes.push(group(StructKind::Figure { alt: alt_t.resolve(&cx.vars()).to_plain() }, vec![leaf]));
    let (tx, ty) =
        if beside { (outer + QR_GAP, ((outer - text_h) / 2.0).max(Mm::ZERO)) } else { (Mm::ZERO, outer + Mm(2.0)) };
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

/// The caption, the URL and the notes, each a paragraph.
fn qr_texts(
    cx: &mut Context,
    b: &QrBlock,
    caption_t: &Template,
    width: Mm,
) -> Result<(Frag, Frag, Vec<Frag>), BlockError> {
    let caption_rich = caption_t.resolve(&cx.vars());
    let mut cap = paragraph(
        cx,
        &Para { rich: &caption_rich, role: &b.caption, width, mode: prose(cx), source: Some(caption_t.loc.clone()) },
    )?;
    let url_rich = Rich::plain(cx.platform.form_url.clone());
    let url_loc = Some(cx.platform.url_loc.clone());
    let mut link = paragraph(cx, &Para { rich: &url_rich, role: &b.url, width, mode: Breaking::Url, source: url_loc })?;
    let mut notes = Vec::new();
    if let Some(n) = &b.notes {
        for key in &n.keys {
            let t = text(cx, key, &b.loc)?.clone();
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

/// The form URL encoded at the layout's error-correction level, scaled to
/// the layout's printed size.
pub(crate) fn symbol(data: &str, spec: &QrSpec) -> Result<QrSymbol, Problem> {
    let ec = match spec.ec {
        EcLevel::L => qrcode::EcLevel::L,
        EcLevel::M => qrcode::EcLevel::M,
        EcLevel::Q => qrcode::EcLevel::Q,
        EcLevel::H => qrcode::EcLevel::H,
    };
    let code = qrcode::QrCode::with_error_correction_level(data.as_bytes(), ec)
        .map_err(|e| Problem::error(format!("the URL cannot be encoded as a QR code: {e}")))?;
    let modules = code.width();
    let module = spec.size / modules as f32;
    if module < spec.min_module {
        return Err(Problem::error(format!(
            "the QR code needs {modules} modules, so each is {:.2} mm at {:.0} mm, below the layout's minimum of {:.2} mm",
            module.0, spec.size.0, spec.min_module.0
        ))
        .help("use a shorter URL or a larger QR size"));
    }
    let dark = code.to_colors().into_iter().map(|c| c == qrcode::Color::Dark).collect();
    Ok(QrSymbol {
        origin: Point::new(Mm::ZERO, Mm::ZERO),
        module,
        modules,
        quiet: spec.quiet_zone,
        dark,
        color: spec.dark,
        background: spec.light,
        data: data.to_string(),
    })
}
