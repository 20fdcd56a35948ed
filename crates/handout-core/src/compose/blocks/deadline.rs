//! The deadline callout: "Maak bezwaar vóór 27 mei 2025", large, with a
//! note under it; after the deadline, the call to act now.

use super::super::Context;
use super::super::frag::Frag;
use super::paragraph::{baseline_of, line_width, text_lines};
use super::{BlockError, Para, paragraph, prose, stack, text, wrap};
use crate::edition::Edition;
use crate::load::content::Template;
use crate::load::layout::{DeadlineBlock, Role};
use crate::model::StructKind;
use crate::rich::Rich;
use crate::text::Breaking;
use crate::units::Mm;

pub(super) fn deadline_block(cx: &mut Context, b: &DeadlineBlock, width: Mm) -> Result<Frag, BlockError> {
    match cx.edition {
        Edition::Deadline => deadline(cx, b, width),
        Edition::AfterDeadline => after_deadline(cx, b, width),
        // A campaign without a deadline: its faces lose the callout
        // before they are laid out (omit.rs); nothing is left to show.
        Edition::Undated => Ok(Frag::default()),
    }
}

/// After the deadline the callout does not show a passed date: its
/// headline ("Maak nu bezwaar") takes the date's place and size, and the
/// note says it counts from the day it is done.
fn after_deadline(cx: &mut Context, b: &DeadlineBlock, width: Mm) -> Result<Frag, BlockError> {
    let head_t = text(cx, &b.after_headline, &b.loc)?.clone();
    let note_t = text(cx, &b.after_note, &b.loc)?.clone();
    let head_rich = head_t.resolve(&cx.vars());
    let para =
        Para { rich: &head_rich, role: &b.date, width, mode: Breaking::Prose(None), source: Some(head_t.loc.clone()) };
    let mut head = paragraph(cx, &para)?;
    wrap(&mut head, StructKind::Paragraph);
    let role = b.after_note_role.as_ref().or(b.note.as_ref()).unwrap_or(&b.label);
    let mut note = note_paragraph(cx, &note_t, role, width)?;
    wrap(&mut note, StructKind::Paragraph);
    Ok(stack(vec![head, note]))
}

fn deadline(cx: &mut Context, b: &DeadlineBlock, width: Mm) -> Result<Frag, BlockError> {
    let label_t = text(cx, "deadline_label", &b.loc)?.clone();
    let label_rich = label_t.resolve(&cx.vars());
    let date_rich = Rich::plain(cx.deadline.clone());
    // The date never hyphenates: "27 mei 2025" must be read at a glance.
    let deadline_loc = cx.content.campaign.deadline.as_ref().map(|d| d.loc.clone());
    let mut date = paragraph(
        cx,
        &Para { rich: &date_rich, role: &b.date, width, mode: Breaking::Prose(None), source: deadline_loc },
    )?;
    wrap(&mut date, StructKind::Strong);
    let label = paragraph(
        cx,
        &Para { rich: &label_rich, role: &b.label, width, mode: prose(cx), source: Some(label_t.loc.clone()) },
    )?;
    let mut lead = label_and_date(cx, b, label, date, width);
    wrap(&mut lead, StructKind::Paragraph);
    let mut parts = vec![lead];
    if let Some(role) = &b.note {
        let note_t = text(cx, "deadline_note", &b.loc)?.clone();
        let mut note = note_paragraph(cx, &note_t, role, width)?;
        wrap(&mut note, StructKind::Paragraph);
        parts.push(note);
    }
    Ok(stack(parts))
}

/// "Maak bezwaar vóór 27 mei 2025" as one line, on the date's baseline,
/// when both fit; else the label above the date.
fn label_and_date(cx: &mut Context, b: &DeadlineBlock, label: Frag, date: Frag, width: Mm) -> Frag {
    let (label_w, date_w) = (line_width(&label), line_width(&date));
    let style = &b.label.style;
    let space = cx.m.width(style.weight, " ", cx.size(style));
    let mut lead = Frag::default();
    if text_lines(&label) == 1 && text_lines(&date) == 1 && label_w + space + date_w <= width {
        // Right to left the date goes left of the (flush right) label.
        let shift = baseline_of(&date) - baseline_of(&label);
        let h = date.height.max(label.height + shift);
        lead.append(label, Mm::ZERO, shift);
        let dx = if cx.rtl() { -(label_w + space) } else { label_w + space };
        lead.append(date, dx, Mm::ZERO);
        lead.height = h;
        lead
    } else {
        stack(vec![label, date])
    }
}

fn note_paragraph(cx: &mut Context, t: &Template, role: &Role, width: Mm) -> Result<Frag, BlockError> {
    let rich = t.resolve(&cx.vars());
    paragraph(cx, &Para { rich: &rich, role, width, mode: prose(cx), source: Some(t.loc.clone()) })
}
