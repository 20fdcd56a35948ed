//! Stacks: regions that share the room they fill (load/layout/stacks.rs).
//!
//! The layout's positions are the design, and stay as they are while every
//! region's content fits its height. When one needs more, it gets more:
//! the places below it move down (into the empty page down to the stack's
//! `bottom`, if it has one), and every place in the stack gives up
//! room it does not use: first empty room, in proportion to how much each
//! has, then the room its QR code can give by printing smaller (never below
//! the layout's `min_size`). No place gives way below its content or its
//! `min_h`, and none grows past its `max_h`. Only when that is not enough
//! does text shrink, in the 2 % steps a region shrinks in, in the places
//! that need more than their design; and only when even the minimum sizes
//! do not fit does fitting fail, at the region that cannot get its room,
//! saying how much it needs.

use super::Context;
use super::fit;
use crate::load::layout::{Block, Face, Region, Stack};
use crate::units::{EPS, Mm, Size};
use std::borrow::Cow;

/// Room no QR code or text could want: lays a QR code out at its largest.
const UNBOUNDED: Mm = Mm(10_000.0);
/// How far one step shrinks text (as in a region).
const STEP: f32 = 0.02;

/// The side's regions where the stacks put them: the layout's own when
/// everything fits as designed.
pub(super) fn arrange<'s>(cx: &mut Context, side: &'s Face) -> Cow<'s, [Region]> {
    let mut regions = Cow::Borrowed(side.regions.as_slice());
    for stack in &side.stacks {
        if let Some(heights) = heights(cx, &side.regions, stack) {
            place(regions.to_mut(), &side.regions, stack, &heights);
        }
    }
    regions
}

/// One place of a stack as the layout draws it.
struct Place {
    /// Its regions (one, or a row side by side).
    members: Vec<usize>,
    design: Mm,
    /// Room to the next place.
    gap: Mm,
    min_h: Mm,
    max_h: Mm,
}

/// What a place's content needs at some scale: with its QR code as large
/// as the layout allows (`full`), and as small (`least`); padding included.
#[derive(Copy, Clone)]
struct Need {
    full: Mm,
    least: Mm,
}

/// New heights for the stack's places, or `None` to keep the design
/// (everything fits as drawn).
fn heights(cx: &mut Context, regions: &[Region], stack: &Stack) -> Option<Vec<Mm>> {
    let places = places(regions, stack);
    let top = regions[stack.places.first()?[0]].rect.y;
    let drawn: Mm = places.iter().map(|p| p.design + p.gap).sum::<Mm>() - places.last()?.gap;
    let room = stack.bottom.map_or(drawn, |b| (b - top).max(drawn));
    let needs: Vec<Option<Need>> = places.iter().map(|p| need(cx, regions, p, 1.0)).collect();
    let grown: Vec<bool> = places.iter().zip(&needs).map(|(p, n)| n.is_none_or(|n| n.full > p.design + EPS)).collect();
    if !grown.contains(&true) {
        return None;
    }
    if let Some(h) = share(&places, &needs, room) {
        return Some(h);
    }
    // Smaller text in the places that grew, down to their smallest; then,
    // with those at their smallest, in the others too.
    let others: Vec<bool> = grown.iter().map(|g| !g).collect();
    let mut current = needs;
    for shrinking in [&grown, &others] {
        let floor = floor_of(regions, &places, shrinking);
        let mut scale = 1.0 - STEP;
        while scale >= floor - 1e-4 {
            let shrunk = with_scale(cx, regions, &places, shrinking, &current, scale);
            if let Some(h) = share(&places, &shrunk, room) {
                return Some(h);
            }
            current = shrunk;
            scale -= STEP;
        }
    }
    Some(failing(&places, &current, room))
}

fn places(regions: &[Region], stack: &Stack) -> Vec<Place> {
    let mut out: Vec<Place> = Vec::new();
    for members in &stack.places {
        let first = &regions[members[0]];
        let of = |f: fn(&Region) -> Option<Mm>| members.iter().filter_map(move |&i| f(&regions[i]));
        let place = Place {
            members: members.clone(),
            design: first.rect.h,
            gap: Mm::ZERO,
            min_h: of(|r| r.min_h).fold(Mm::ZERO, Mm::max),
            max_h: of(|r| r.max_h).fold(UNBOUNDED, Mm::min),
        };
        if let Some(last) = out.last_mut() {
            let above = &regions[last.members[0]];
            last.gap = first.rect.y - above.rect.bottom();
        }
        out.push(place);
    }
    out
}

/// What a place needs at `scale`; `None` when it cannot be laid out so
/// (a word wider than the region, a QR code too cramped).
fn need(cx: &mut Context, regions: &[Region], place: &Place, scale: f32) -> Option<Need> {
    let mut out = Need { full: Mm::ZERO, least: Mm::ZERO };
    for &i in &place.members {
        let region = &regions[i];
        cx.scale = scale;
        let w = region.content_box().w;
        let pad = region.padding * 2.0;
        let full = fit::pile(cx, region, Size::new(w, UNBOUNDED)).ok()?.0.height + pad;
        let has_qr = region.blocks.iter().any(|b| matches!(b, Block::Qr(_)));
        let least = if has_qr { fit::pile(cx, region, Size::new(w, Mm::ZERO)).ok()?.0.height + pad } else { full };
        out.full = out.full.max(full);
        out.least = out.least.max(least.min(full));
    }
    cx.scale = 1.0;
    Some(out)
}

/// The needs with the `shrinking` places at `scale`, the others as they were.
fn with_scale(
    cx: &mut Context,
    regions: &[Region],
    places: &[Place],
    shrinking: &[bool],
    needs: &[Option<Need>],
    scale: f32,
) -> Vec<Option<Need>> {
    let mut out = needs.to_vec();
    for (i, p) in places.iter().enumerate().filter(|(i, _)| shrinking[*i]) {
        out[i] = need(cx, regions, p, scale);
    }
    out
}

/// The lowest scale these places can reach: below their roles' minimum
/// sizes nothing shrinks further.
fn floor_of(regions: &[Region], places: &[Place], which: &[bool]) -> f32 {
    places
        .iter()
        .zip(which)
        .filter(|(_, g)| **g)
        .flat_map(|(p, _)| &p.members)
        .flat_map(|&i| regions[i].blocks.iter().flat_map(|b| b.roles()))
        .map(|u| u.role.style.floor())
        .fold(1.0f32, f32::min)
}

/// Heights for the places within `room`, each at least what its content
/// needs: empty room is given first, then what QR codes can give by
/// printing smaller, each place in proportion to what it has to give.
fn share(places: &[Place], needs: &[Option<Need>], room: Mm) -> Option<Vec<Mm>> {
    let mut want = Vec::new();
    let (mut spare, mut qr) = (Vec::new(), Vec::new());
    for (p, n) in places.iter().zip(needs) {
        let n = (*n)?;
        let floor = n.least.max(p.min_h);
        if floor > p.max_h + EPS {
            return None;
        }
        let snug = n.full.max(floor).min(p.max_h);
        let w = p.design.max(snug).min(p.max_h);
        want.push(w);
        spare.push(w - snug);
        qr.push(snug - floor);
    }
    let gaps: Mm = places.iter().map(|p| p.gap).sum::<Mm>() - places.last()?.gap;
    let mut deficit = want.iter().copied().sum::<Mm>() + gaps - room;
    for give in [spare, qr] {
        let total: Mm = give.iter().copied().sum();
        if deficit <= EPS {
            break;
        }
        let part = if total > Mm::ZERO { (deficit / total).min(1.0) } else { 0.0 };
        for (w, g) in want.iter_mut().zip(&give) {
            *w -= *g * part;
        }
        deficit -= total.min(deficit);
    }
    (deficit <= EPS).then_some(want)
}

/// Heights when nothing fits: every place that did not grow at its least,
/// the rest shared among those that grew in proportion to what they need,
/// so that fitting fails where the room runs out, saying how much is needed.
fn failing(places: &[Place], needs: &[Option<Need>], room: Mm) -> Vec<Mm> {
    let gaps: Mm = places.iter().map(|p| p.gap).sum::<Mm>() - places.last().map_or(Mm::ZERO, |p| p.gap);
    let least = |i: usize| needs[i].map_or(places[i].design, |n| n.least.max(places[i].min_h));
    let over = |i: usize| least(i) > places[i].design + EPS || needs[i].is_none();
    let fixed: Mm = (0..places.len()).filter(|&i| !over(i)).map(least).sum();
    let wanted: Mm = (0..places.len()).filter(|&i| over(i)).map(least).sum();
    let left = (room - gaps - fixed).max(Mm::ZERO);
    (0..places.len())
        .map(|i| if over(i) && wanted > Mm::ZERO { left * (least(i) / wanted) } else { least(i) })
        .collect()
}

/// Move the stack's regions to their new heights, top to bottom from
/// where the stack starts, keeping the gaps between them.
fn place(regions: &mut [Region], design: &[Region], stack: &Stack, heights: &[Mm]) {
    let Some(first) = stack.places.first() else { return };
    let mut y = design[first[0]].rect.y;
    for (k, (members, h)) in stack.places.iter().zip(heights).enumerate() {
        for &i in members {
            regions[i].rect.y = y;
            regions[i].rect.h = *h;
        }
        let gap =
            stack.places.get(k + 1).map_or(Mm::ZERO, |next| design[next[0]].rect.y - design[members[0]].rect.bottom());
        y += *h + gap;
    }
}
