//! The content blocks a layout can place in a region: text, the deadline
//! callout, a route's numbered steps, the QR code, a rule.

use super::frag::{Frag, Mark, group};
use super::{BlockError, Context, qr};
use crate::diag::{Kind, Loc, Problem};
use crate::load::content::Template;
use crate::load::layout::{Block, RoleRef, TextStyle, TextTag};
use crate::load::markup::Rich;
use crate::model::{FontWeight, Item, StructKind, TextRun};
use crate::text::{Breaking, break_lines};
use crate::units::{Mm, Point};

/// Space between a step's number circle and its text.
const NUMBER_GAP: Mm = Mm(2.5);
/// Space between the QR code and the text beside it.
const QR_GAP: Mm = Mm(4.0);
/// Narrowest text column we put beside a QR code; below it the text goes under.
const QR_TEXT_MIN: Mm = Mm(45.0);

/// The text roles a block uses.
pub fn roles(block: &Block) -> Vec<&RoleRef> {
    match block {
        Block::Text { role, .. } => vec![role],
        Block::Deadline { label, date, note, .. } => [label, date].into_iter().chain(note.as_ref()).collect(),
        Block::Route { heading, step, number, .. } => vec![heading, step, number],
        Block::Qr { caption, url, note, .. } => [caption, url].into_iter().chain(note.as_ref()).collect(),
        Block::Rule { .. } => vec![],
    }
}

pub(crate) fn layout_block(cx: &mut Context, block: &Block, width: Mm) -> Result<Frag, BlockError> {
    match block {
        Block::Text { key, role, tag, loc } => {
            let t = text(cx, key, loc)?;
            let rich = t.resolve(&cx.vars());
            let kind = match tag {
                TextTag::H1 => StructKind::Heading(1, rich.to_plain()),
                TextTag::H2 => StructKind::Heading(2, rich.to_plain()),
                TextTag::P => StructKind::Paragraph,
            };
            let mut f = paragraph(cx, &rich, role, width, prose(cx), Some(t.loc.clone()))?;
            wrap(&mut f, kind);
            Ok(f)
        }
        Block::Deadline { label, date, note, after_keys, loc } => {
            if cx.phase == crate::load::content::Phase::AfterDeadline {
                after_deadline(cx, label, date, note.as_ref(), after_keys, loc, width)
            } else {
                deadline(cx, label, date, note.as_ref(), loc, width)
            }
        }
        Block::Route { route, heading, step, number, number_fill, loc } => {
            let Some(r) = cx.platform.routes.get(route) else {
                let known: Vec<_> = cx.platform.routes.keys().map(String::as_str).collect();
                return Err(BlockError::Fatal(
                    Problem::error(Kind::Invalid, format!("platform `{}` has no route `{route}`", cx.platform.id))
                        .at(loc.clone())
                        .related(cx.platform.url_loc.clone(), format!("{} is defined", cx.platform.id))
                        .help(format!("the routes in {} are: {}", cx.platform.source.path.display(), known.join(", "))),
                ));
            };
            let mut out = Frag::default();
            let title = r.title.resolve(&cx.vars());
            let mut head = paragraph(cx, &title, heading, width, prose(cx), Some(r.title.loc.clone()))?;
            wrap(&mut head, StructKind::Heading(2, title.to_plain()));
            let mut y = head.height;
            out.append(head, Mm::ZERO, Mm::ZERO);
            let mut items = Vec::new();
            for (i, s) in r.steps.iter().enumerate() {
                let rich = s.resolve(&cx.vars());
                let mut f = numbered_step(cx, i + 1, &rich, s.loc.clone(), step, number, *number_fill, width)?;
                let h = f.height;
                let nodes = std::mem::take(&mut f.nodes);
                let base = out.items.len();
                out.append(f, Mm::ZERO, y);
                items.push(super::frag::reindex(group(StructKind::ListItem, nodes), 0, base));
                y += h;
            }
            out.nodes.push(group(StructKind::List, items));
            out.height = y;
            Ok(out)
        }
        Block::Qr { caption_key, caption, url, notes, note, loc } => {
            qr_block(cx, caption_key, caption, url, notes, note.as_ref(), loc, width)
        }
        Block::Rule { color, width: w, .. } => {
            let mut f = Frag::default();
            let y = Mm(2.0);
            f.push_artifact(Item::Line { from: Point::new(Mm::ZERO, y), to: Point::new(width, y), width: *w, color: *color });
            f.height = Mm(4.0);
            Ok(f)
        }
    }
}

fn prose(cx: &Context) -> Breaking {
    Breaking::Prose(cx.edition.campaign.language.hyphenation)
}

fn text<'c>(cx: &'c Context, key: &str, loc: &Loc) -> Result<&'c Template, BlockError> {
    cx.edition.campaign.text(key).ok_or_else(|| {
        BlockError::Fatal(
            Problem::error(Kind::Invalid, format!("the layout shows text `{key}`, which the campaign does not define"))
                .at(loc.clone())
                .related(Loc::new(&cx.edition.campaign.source, 0..0), "the campaign's texts are")
                .help(format!("add `{key} = \"...\"` to the [text] table of campaign.toml")),
        )
    })
}

/// Wrap a fragment's structure leaves in one group.
fn wrap(f: &mut Frag, kind: StructKind) {
    let children = std::mem::take(&mut f.nodes);
    f.nodes.push(group(kind, children));
}

/// Lay out rich text in a role: lines, runs, structure leaves (bold pieces
/// as Strong), and the height including the role's space after.
fn paragraph(
    cx: &mut Context,
    rich: &Rich,
    role: &RoleRef,
    width: Mm,
    mode: Breaking,
    source: Option<Loc>,
) -> Result<Frag, BlockError> {
    let style: &TextStyle = cx.layout.style(role);
    let size = cx.size(style);
    let rtl_doc = rtl(cx);
    // A URL is read left to right in any language.
    let rtl_para = rtl_doc && matches!(mode, Breaking::Prose(_));
    let lines = break_lines(&mut cx.m, rich, style.weight, size, width, mode, rtl_para).map_err(|u| BlockError::TooWide {
        text: rich.to_plain(),
        word: u.word,
        source: source.clone(),
    })?;
    let pitch = size.to_mm() * style.line_height;
    let mut ink = (Mm::ZERO, Mm::ZERO);
    for p in lines.iter().flat_map(|l| &l.pieces) {
        let (up, down) = cx.m.ink(p.face, p.weight, &p.text, size);
        ink = (ink.0.max(up), ink.1.max(down));
    }
    let (first, bottom) = line_metrics(cx, ink, size, pitch);
    let mut f = Frag::default();
    for (i, line) in lines.iter().enumerate() {
        let b = first + pitch * i as f32;
        // Right-to-left paragraphs are set flush right.
        let shift = if rtl_doc { width - line.width } else { Mm::ZERO };
        let mut leaves = Vec::new();
        for piece in &line.pieces {
            let weight = piece.weight;
            let (asc, desc) = cx.m.ink(piece.face, weight, &piece.text, size);
            let run = TextRun {
                text: piece.text.clone(),
                weight,
                face: piece.face,
                rtl: piece.rtl,
                size,
                origin: Point::new(shift + piece.x, b),
                width: piece.width,
                ascent: asc,
                descent: desc,
                color: style.color,
                role: role.name.clone(),
                source: source.clone(),
            };
            let leaf = f.push(Item::Text(run));
            let bold_in_regular = weight == FontWeight::Bold && style.weight == FontWeight::Regular;
            leaves.push((piece.logical, if bold_in_regular { group(StructKind::Strong, vec![leaf]) } else { leaf }));
        }
        // The structure follows reading order, whatever the visual order.
        leaves.sort_by_key(|(at, _)| *at);
        f.nodes.extend(leaves.into_iter().map(|(_, n)| n));
    }
    f.height = if lines.is_empty() { Mm::ZERO } else { (pitch * lines.len() as f32).max(first + pitch * (lines.len() - 1) as f32 + bottom) };
    f.marks.push(Mark { bottom: f.height, text: rich.to_plain(), source });
    f.height += style.space_after;
    Ok(f)
}

fn rtl(cx: &Context) -> bool {
    cx.edition.campaign.language.rtl
}

/// The first baseline (half the leading above the glyphs, but never letting
/// the ascender poke out of the paragraph's box) and the depth below the
/// last baseline.
/// Leading is shared out by the main font's metrics, so every script sits
/// on the same grid; the printed ink (`ink`: up, down) is then kept inside.
fn line_metrics(cx: &Context, ink: (Mm, Mm), size: crate::units::Pt, pitch: Mm) -> (Mm, Mm) {
    let mut asc = Mm::ZERO;
    let mut desc = Mm::ZERO;
    for w in [FontWeight::Regular, FontWeight::Bold] {
        asc = asc.max(cx.m.ascent(w, size));
        desc = desc.max(cx.m.descent(w, size));
    }
    (((pitch + asc - desc) / 2.0).max(ink.0), desc.max(ink.1))
}

/// After the deadline the callout does not show a passed date: its
/// headline ("Maak nu bezwaar") takes the date's place and size, and the
/// note says the objection counts from the day it is sent.
#[allow(clippy::too_many_arguments)]
fn after_deadline(
    cx: &mut Context,
    label: &RoleRef,
    date: &RoleRef,
    note: Option<&RoleRef>,
    keys: &(String, String),
    loc: &Loc,
    width: Mm,
) -> Result<Frag, BlockError> {
    let head_t = text(cx, &keys.0, loc)?.clone();
    let note_t = text(cx, &keys.1, loc)?.clone();
    let mut head = paragraph(cx, &head_t.resolve(&cx.vars()), date, width, Breaking::Prose(None), Some(head_t.loc.clone()))?;
    wrap(&mut head, StructKind::Paragraph);
    let mut n = paragraph(cx, &note_t.resolve(&cx.vars()), note.unwrap_or(label), width, prose(cx), Some(note_t.loc.clone()))?;
    wrap(&mut n, StructKind::Paragraph);
    let mut out = Frag::default();
    let y = head.height;
    out.append(head, Mm::ZERO, Mm::ZERO);
    let nh = n.height;
    out.append(n, Mm::ZERO, y);
    out.height = y + nh;
    Ok(out)
}

fn deadline(cx: &mut Context, label: &RoleRef, date: &RoleRef, note: Option<&RoleRef>, loc: &Loc, width: Mm) -> Result<Frag, BlockError> {
    let label_t = text(cx, "deadline_label", loc)?.clone();
    let deadline_loc = cx.edition.campaign.deadline_loc.clone();
    let label_rich = label_t.resolve(&cx.vars());
    let date_rich = Rich::plain(cx.deadline.clone());
    // The date never hyphenates: "27 mei 2025" must be read at a glance.
    let no_hyphens = Breaking::Prose(None);
    let mut d = paragraph(cx, &date_rich, date, width, no_hyphens, Some(deadline_loc.clone()))?;
    wrap(&mut d, StructKind::Strong);
    let mut lead = Frag::default();
    let l = paragraph(cx, &label_rich, label, width, prose(cx), Some(label_t.loc.clone()))?;
    let label_w = line_width(&l);
    let date_w = line_width(&d);
    let space = cx.m.width(cx.layout.style(label).weight, " ", cx.size(cx.layout.style(label)));
    let one_line = |f: &Frag| text_lines(f) == 1;
    if one_line(&l) && one_line(&d) && label_w + space + date_w <= width {
        // "Maak bezwaar vóór 27 mei 2025" as one line, on the date's baseline;
        // right to left the date goes left of the (flush right) label.
        let shift = baseline_of(&d) - baseline_of(&l);
        let h = d.height.max(l.height + shift);
        lead.append(l, Mm::ZERO, shift);
        let dx = if rtl(cx) { -(label_w + space) } else { label_w + space };
        lead.append(d, dx, Mm::ZERO);
        lead.height = h;
    } else {
        let lh = l.height;
        lead.append(l, Mm::ZERO, Mm::ZERO);
        let dh = d.height;
        lead.append(d, Mm::ZERO, lh);
        lead.height = lh + dh;
    }
    wrap(&mut lead, StructKind::Paragraph);
    let y = lead.height;
    let mut out = Frag::default();
    out.append(lead, Mm::ZERO, Mm::ZERO);
    out.height = y;
    if let Some(note) = note {
        let note_t = text(cx, "deadline_note", loc)?.clone();
        let mut n = paragraph(cx, &note_t.resolve(&cx.vars()), note, width, prose(cx), Some(note_t.loc.clone()))?;
        wrap(&mut n, StructKind::Paragraph);
        let nh = n.height;
        out.append(n, Mm::ZERO, y);
        out.height = y + nh;
    }
    Ok(out)
}

fn runs(f: &Frag) -> impl Iterator<Item = &TextRun> {
    f.items.iter().filter_map(|i| match i {
        Item::Text(r) => Some(r),
        _ => None,
    })
}

fn text_lines(f: &Frag) -> usize {
    let mut ys: Vec<f32> = runs(f).map(|r| r.origin.y.0).collect();
    ys.dedup();
    ys.len()
}

/// Width of what a one-line fragment prints, wherever it sits.
fn line_width(f: &Frag) -> Mm {
    let right = runs(f).map(|r| r.origin.x + r.width).fold(Mm(f32::MIN), Mm::max);
    let left = runs(f).map(|r| r.origin.x).fold(Mm(f32::MAX), Mm::min);
    if right < left { Mm::ZERO } else { right - left }
}

fn baseline_of(f: &Frag) -> Mm {
    runs(f).next().map_or(Mm::ZERO, |r| r.origin.y)
}

#[allow(clippy::too_many_arguments)]
fn numbered_step(
    cx: &mut Context,
    n: usize,
    rich: &Rich,
    source: Loc,
    step: &RoleRef,
    number: &RoleRef,
    fill: crate::model::Color,
    width: Mm,
) -> Result<Frag, BlockError> {
    let step_style = cx.layout.style(step).clone();
    let num_style = cx.layout.style(number).clone();
    let size = cx.size(&step_style);
    let num_size = cx.size(&num_style);
    let pitch = size.to_mm() * step_style.line_height;
    let diameter = (num_size.to_mm() * 1.75).max(pitch * 0.95);
    let indent = diameter + NUMBER_GAP;
    let body = paragraph(cx, rich, step, width - indent, prose(cx), Some(source))?;
    let mut f = Frag::default();
    // Centre the circle on the first line's capitals.
    let first_baseline = baseline_of(&body);
    let centre = first_baseline - cx.m.cap_height(step_style.weight, size) / 2.0;
    let cy = centre.max(diameter / 2.0);
    let shift = cy - centre;
    // Right to left, the number sits at the right and the text to its left.
    let mirrored = rtl(cx);
    let cx_circle = if mirrored { width - diameter / 2.0 } else { diameter / 2.0 };
    f.push_artifact(Item::Circle { center: Point::new(cx_circle, cy), radius: diameter / 2.0, fill });
    let label = n.to_string();
    let w = cx.m.width(num_style.weight, &label, num_size);
    let cap = cx.m.cap_height(num_style.weight, num_size);
    let num_run = TextRun {
        text: label,
        weight: num_style.weight,
        face: 0,
        rtl: false,
        size: num_size,
        origin: Point::new(cx_circle - w / 2.0, cy + cap / 2.0),
        width: w,
        ascent: cx.m.ink(0, num_style.weight, &n.to_string(), num_size).0,
        descent: cx.m.ink(0, num_style.weight, &n.to_string(), num_size).1,
        color: num_style.color,
        role: number.name.clone(),
        source: None,
    };
    let lbl = f.push(Item::Text(num_run));
    let body_h = body.height;
    let base = f.items.len();
    let mut body = body;
    let body_nodes = std::mem::take(&mut body.nodes);
    f.append(body, if mirrored { Mm::ZERO } else { indent }, shift);
    let body_nodes = body_nodes.into_iter().map(|n| super::frag::reindex(n, 0, base)).collect();
    f.nodes = vec![group(StructKind::Label, vec![lbl]), group(StructKind::ListBody, body_nodes)];
    f.height = (body_h + shift).max(diameter + step_style.space_after);
    Ok(f)
}

#[allow(clippy::too_many_arguments)]
fn qr_block(
    cx: &mut Context,
    caption_key: &str,
    caption: &RoleRef,
    url: &RoleRef,
    notes: &[String],
    note_role: Option<&RoleRef>,
    loc: &Loc,
    width: Mm,
) -> Result<Frag, BlockError> {
    let caption_t = text(cx, caption_key, loc)?.clone();
    let alt_t = text(cx, "qr_alt", loc)?.clone();
    let spec = &cx.layout.qr;
    let symbol = qr::symbol(&cx.platform.form_url, spec).map_err(|p| BlockError::Fatal(p.at(cx.platform.url_loc.clone())))?;
    let outer = symbol.outer().w;
    if outer > width {
        return Err(BlockError::Fatal(
            Problem::error(Kind::Geometry, format!("the QR code ({:.1} mm with its quiet zone) is wider than its region ({:.1} mm)", outer.0, width.0))
                .at(loc.clone())
                .related(spec.loc.clone(), "the QR size is set"),
        ));
    }
    let beside = width - outer - QR_GAP >= QR_TEXT_MIN;
    let text_w = if beside { width - outer - QR_GAP } else { width };
    let cap = paragraph(cx, &caption_t.resolve(&cx.vars()), caption, text_w, prose(cx), Some(caption_t.loc.clone()))?;
    let link = paragraph(cx, &Rich::plain(cx.platform.form_url.clone()), url, text_w, Breaking::Url, Some(cx.platform.url_loc.clone()))?;
    let mut extra = Vec::new();
    if let Some(role) = note_role {
        for key in notes {
            let t = text(cx, key, loc)?.clone();
            let mut p = paragraph(cx, &t.resolve(&cx.vars()), role, text_w, prose(cx), Some(t.loc.clone()))?;
            wrap(&mut p, StructKind::Paragraph);
            extra.push(p);
        }
    }
    let text_h = cap.height + link.height + extra.iter().map(|p| p.height).fold(Mm::ZERO, |a, b| a + b);
    let mut f = Frag::default();
    let alt = alt_t.resolve(&cx.vars()).to_plain();
    let mirrored = beside && rtl(cx);
    let mut symbol = symbol;
    if mirrored {
        symbol.origin.x = width - outer;
    }
    let leaf = f.push(Item::Qr(symbol));
    f.nodes.push(group(StructKind::Figure { alt }, vec![leaf]));
    let (tx, ty) = if beside { (outer + QR_GAP, ((outer - text_h) / 2.0).max(Mm::ZERO)) } else { (Mm::ZERO, outer + Mm(2.0)) };
    let tx = if mirrored { Mm::ZERO } else { tx };
    let mut cap = cap;
    wrap(&mut cap, StructKind::Paragraph);
    let ch = cap.height;
    f.append(cap, tx, ty);
    let mut link = link;
    wrap(&mut link, StructKind::Paragraph);
    let mut y = ty + ch + link.height;
    f.append(link, tx, ty + ch);
    for p in extra {
        let h = p.height;
        f.append(p, tx, y);
        y += h;
    }
    f.height = if beside { outer.max(ty + text_h) } else { ty + text_h };
    Ok(f)
}

