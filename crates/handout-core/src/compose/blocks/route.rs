//! A route: its heading and numbered steps, each number on a circle.

use super::super::Context;
use super::super::frag::{Frag, group, reindex};
use super::paragraph::baseline_of;
use super::{BlockError, Para, paragraph, prose, wrap};
use crate::diag::Problem;
use crate::load::content::{Route, Template};
use crate::load::layout::RouteBlock;
use crate::model::{Item, StructKind, TextRun};
use crate::units::{Mm, Point};

/// Space between a step's number circle and its text: this, or for small
/// type (a wallet card) less, in proportion to the circle.
const NUMBER_GAP: Mm = Mm(2.5);
/// The gap as a share of the circle's diameter, when that is less.
const NUMBER_GAP_SHARE: f32 = 0.4;

pub(super) fn route_block(cx: &mut Context, b: &RouteBlock, width: Mm) -> Result<Frag, BlockError> {
    let route = find_route(cx, b)?;
    let mut out = Frag::default();
    let title = route.title.resolve(&cx.vars());
    let mut head = paragraph(
        cx,
        &Para { rich: &title, role: &b.heading, width, mode: prose(cx), source: Some(route.title.loc.clone()) },
    )?;
    wrap(&mut head, StructKind::Heading(2, title.to_plain()));
    let mut y = head.height;
    out.append(head, Mm::ZERO, Mm::ZERO);
    let mut items = Vec::new();
    for (i, step) in route.steps.iter().enumerate() {
        let mut f = numbered_step(cx, i + 1, step, b, width)?;
        let h = f.height;
        let nodes = std::mem::take(&mut f.nodes);
        let base = out.items.len();
        out.append(f, Mm::ZERO, y);
        items.push(reindex(group(StructKind::ListItem, nodes), 0, base));
        y += h;
    }
    out.nodes.push(group(StructKind::List, items));
    out.height = y;
    Ok(out)
}

fn find_route<'c>(cx: &Context<'c, '_>, b: &RouteBlock) -> Result<&'c Route, BlockError> {
    let platform = cx.platform;
    platform.routes.get(&b.route).ok_or_else(|| {
        let known: Vec<_> = platform.routes.keys().map(String::as_str).collect();
        BlockError::Fatal(
            Problem::error(format!("platform `{}` has no route `{}`", platform.id, b.route))
                .at(b.loc.clone())
                .related(platform.url_loc.clone(), format!("{} is defined", platform.id))
                .help(format!("the routes in {} are: {}", platform.source.path.display(), known.join(", "))),
        )
    })
}

/// One step: its number on a circle centred on the first line's capitals,
/// the text beside it (mirrored right to left).
fn numbered_step(cx: &mut Context, n: usize, step: &Template, b: &RouteBlock, width: Mm) -> Result<Frag, BlockError> {
    let (step_style, num_style) = (&b.step.style, &b.number.style);
    let size = cx.size(step_style);
    let num_size = cx.size(num_style);
    let pitch = size.to_mm() * step_style.line_height;
    let diameter = (num_size.to_mm() * 1.75).max(pitch * 0.95);
    let indent = diameter + NUMBER_GAP.min(diameter * NUMBER_GAP_SHARE);
    let rich = step.resolve(&cx.vars());
    let body = paragraph(
        cx,
        &Para { rich: &rich, role: &b.step, width: width - indent, mode: prose(cx), source: Some(step.loc.clone()) },
    )?;
    let mut f = Frag::default();
    let centre = baseline_of(&body) - cx.m.cap_height(step_style.weight, size) / 2.0;
    let cy = centre.max(diameter / 2.0);
    let shift = cy - centre;
    // Right to left, the number sits at the right and the text to its left.
    let mirrored = cx.rtl();
    let cx_circle = if mirrored { width - diameter / 2.0 } else { diameter / 2.0 };
    f.push_artifact(Item::Circle { center: Point::new(cx_circle, cy), radius: diameter / 2.0, fill: b.number_fill });
    let label = n.to_string();
    let (glyphs, w) = cx.m.set(0, num_style.weight, &label, false, num_size);
    let cap = cx.m.cap_height(num_style.weight, num_size);
    let (ascent, descent) = cx.m.ink(0, num_style.weight, &label, num_size);
    let num_run = TextRun {
        text: label,
        glyphs,
        weight: num_style.weight,
        family: 0,
        rtl: false,
        size: num_size,
        origin: Point::new(cx_circle - w / 2.0, cy + cap / 2.0),
        width: w,
        ascent,
        descent,
        color: num_style.color,
        role: b.number.name.clone(),
        source: None,
    };
    let lbl = f.push(Item::Text(num_run));
    let body_h = body.height;
    let base = f.items.len();
    let mut body = body;
    let body_nodes = std::mem::take(&mut body.nodes);
    f.append(body, if mirrored { Mm::ZERO } else { indent }, shift);
    let body_nodes = body_nodes.into_iter().map(|n| reindex(n, 0, base)).collect();
    f.nodes = vec![group(StructKind::Label, vec![lbl]), group(StructKind::ListBody, body_nodes)];
    f.height = (body_h + shift).max(diameter + step_style.space_after);
    Ok(f)
}
