//! A paragraph: rich text in one role, broken into lines and set as text
//! runs, with its structure (bold labels as Strong) in reading order.

use super::super::Context;
use super::super::frag::{Frag, Mark, group};
use super::BlockError;
use crate::diag::Loc;
use crate::load::layout::Role;
use crate::model::{IconMark, Item, StructKind, TextRun};
use crate::rich::Rich;
use crate::style::FontWeight;
use crate::text::{Breaking, Ink, Line, Piece, Setting};
use crate::units::{Mm, Point, Pt, Rect};

/// What to set as a paragraph.
pub(crate) struct Para<'a> {
    pub rich: &'a Rich,
    pub role: &'a Role,
    pub width: Mm,
    pub mode: Breaking,
    /// Where the text came from, for messages and checks.
    pub source: Option<Loc>,
}

/// Lay out rich text in a role: lines, runs, structure leaves (bold pieces
/// as Strong), and the height including the role's space after.
pub(crate) fn paragraph(cx: &mut Context, p: &Para) -> Result<Frag, BlockError> {
    let style = &p.role.style;
    let size = cx.size(style);
    let rtl_doc = cx.rtl();
    // A URL is read left to right in any language.
    let rtl = rtl_doc && matches!(p.mode, Breaking::Prose(_));
    let mode = match p.mode {
        Breaking::Prose(_) if !style.hyphenate => Breaking::Prose(None),
        m => m,
    };
    let setting = Setting { weight: style.weight, size, max: p.width, mode, rtl };
    let lines = cx.caches.lines.lines(&mut cx.m, p.rich, &setting).map_err(|u| BlockError::TooWide {
        text: p.rich.to_plain(),
        word: u.word,
        source: p.source.clone(),
    })?;
    let pitch = size.to_mm() * style.line_height;
    let mut ink = (Mm::ZERO, Mm::ZERO);
    for piece in lines.iter().flat_map(|l| &l.pieces) {
        let (up, down) = piece_ink(cx, piece, size);
        ink = (ink.0.max(up), ink.1.max(down));
    }
    let (first, bottom) = line_metrics(cx, ink, size, pitch);
    let mut f = Frag::default();
    for (i, line) in lines.iter().enumerate() {
        let baseline = first + pitch * i as f32;
        // Right-to-left paragraphs are set flush right.
        let shift = if rtl_doc { p.width - line.width } else { Mm::ZERO };
        set_line(cx, &mut f, p, line, Point::new(shift, baseline), size);
    }
    f.height = if lines.is_empty() {
        Mm::ZERO
    } else {
        (pitch * lines.len() as f32).max(first + pitch * (lines.len() - 1) as f32 + bottom)
    };
    f.marks.push(Mark { bottom: f.height, height: f.height, text: p.rich.to_plain(), source: p.source.clone() });
    f.height += style.space_after;
    Ok(f)
}

/// How far a piece reaches above and below the baseline.
fn piece_ink(cx: &mut Context, piece: &Piece, size: Pt) -> (Mm, Mm) {
    match &piece.ink {
        Ink::Glyphs { family, .. } => cx.m.ink(*family, piece.weight, &piece.text, size),
        Ink::Icon(_) => {
            let square = icon_square(cx, size, Mm::ZERO);
            (-square.y, square.y + square.h)
        }
    }
}

/// An icon's square on a line whose baseline is at `baseline`: centred on
/// the capital letters' height, so it sits level with the words.
fn icon_square(cx: &Context, size: Pt, baseline: Mm) -> Rect {
    let side = crate::icon::side(size);
    let middle = baseline - cx.m.cap_height(FontWeight::Regular, size) / 2.0;
    Rect::new(Mm::ZERO, middle - side / 2.0, side, side)
}

/// One line's runs, at `at` (left end of the baseline).
fn set_line(cx: &mut Context, f: &mut Frag, p: &Para, line: &Line, at: Point, size: Pt) {
    let style = &p.role.style;
    let mut leaves = Vec::new();
    for piece in &line.pieces {
        let (ascent, descent) = piece_ink(cx, piece, size);
        let (glyphs, family) = match &piece.ink {
            Ink::Glyphs { glyphs, family } => (glyphs.clone(), *family),
            Ink::Icon(icon) => {
                let leaf = f.push(Item::Icon(IconMark {
                    rect: icon_square(cx, size, at.y).translate(at.x + piece.x, Mm::ZERO),
                    outline: icon.outline.clone(),
                    color: style.color,
                    name: icon.name.clone(),
                    role: p.role.name.clone(),
                }));
                let alt = icon.alt(&cx.content.texts.language.code).unwrap_or(&icon.name).to_string();
                leaves.push((piece.logical, group(StructKind::Figure { alt }, vec![leaf])));
                continue;
            }
        };
        let run = TextRun {
            text: piece.text.clone(),
            glyphs,
            weight: piece.weight,
            family,
            rtl: piece.rtl,
            size,
            origin: Point::new(at.x + piece.x, at.y),
            width: piece.width,
            ascent,
            descent,
            color: style.color,
            role: p.role.name.clone(),
            source: p.source.clone(),
        };
        let leaf = f.push(Item::Text(run));
        let bold_in_regular = piece.weight == FontWeight::Bold && style.weight == FontWeight::Regular;
        leaves.push((piece.logical, if bold_in_regular { group(StructKind::Strong, vec![leaf]) } else { leaf }));
    }
    // The structure follows reading order, whatever the visual order.
    leaves.sort_by_key(|(at, _)| *at);
    f.nodes.extend(leaves.into_iter().map(|(_, n)| n));
}

/// The first baseline (half the leading above the glyphs, but never letting
/// the ascender poke out of the paragraph's box) and the depth below the
/// last baseline.
/// Leading is shared out by the main family's metrics, so every script sits
/// on the same grid; the printed ink (`ink`: up, down) is then kept inside.
fn line_metrics(cx: &Context, ink: (Mm, Mm), size: Pt, pitch: Mm) -> (Mm, Mm) {
    let mut asc = Mm::ZERO;
    let mut desc = Mm::ZERO;
    for w in [FontWeight::Regular, FontWeight::Bold] {
        asc = asc.max(cx.m.ascent(w, size));
        desc = desc.max(cx.m.descent(w, size));
    }
    (((pitch + asc - desc) / 2.0).max(ink.0), desc.max(ink.1))
}

/// The text runs of a fragment.
pub(super) fn runs(f: &Frag) -> impl Iterator<Item = &TextRun> {
    f.items.iter().filter_map(|i| match i {
        Item::Text(r) => Some(r),
        _ => None,
    })
}

/// How many lines a fragment's text takes.
pub(super) fn text_lines(f: &Frag) -> usize {
    let mut ys: Vec<f32> = runs(f).map(|r| r.origin.y.0).collect();
    ys.dedup();
    ys.len()
}

/// Width of what a one-line fragment prints (its text and icons), wherever it sits.
pub(super) fn line_width(f: &Frag) -> Mm {
    let spans = f.items.iter().filter_map(|i| match i {
        Item::Text(r) => Some((r.origin.x, r.width)),
        Item::Icon(icon) => Some((icon.rect.x, icon.rect.w)),
        _ => None,
    });
    let (left, right) = spans.fold((Mm(f32::MAX), Mm(f32::MIN)), |(l, r), (x, w)| (l.min(x), r.max(x + w)));
    if right < left { Mm::ZERO } else { right - left }
}

/// The first baseline of a fragment.
pub(super) fn baseline_of(f: &Frag) -> Mm {
    runs(f).next().map_or(Mm::ZERO, |r| r.origin.y)
}
