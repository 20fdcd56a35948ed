//! Stacks: regions that share the room they fill. A stack is a column of
//! regions, top to bottom as the layout draws them; a place in it may be a
//! row of regions side by side, which share a height. The layout's
//! positions are the design: compose keeps them while every text fits,
//! and when one needs more room, the regions below it move down and the
//! others give it the room they do not use (see compose/stack.rs).

use super::super::{At, Checker};
use super::Region;
use super::raw::{RawStack, StackItem};
use crate::diag::{Loc, Problem};
use crate::units::{EPS, Mm};

const BOTTOM: super::super::Limit = super::super::Limit::mm("bottom", 1.0, 2000.0);

/// A column of places, each one region or a row of regions side by side
/// (indices into the side's regions), top to bottom.
#[derive(Clone, Debug)]
pub struct Stack {
    pub places: Vec<Vec<usize>>,
    /// How far down it may reach; the last place's bottom when `None`.
    pub bottom: Option<Mm>,
    pub loc: Loc,
}

pub fn check_stack(cx: &mut Checker, raw: &At<RawStack>, regions: &[Region]) -> Stack {
    let loc = raw.regions.loc().clone();
    let mut places = Vec::new();
    for item in raw.regions.get() {
        let names: Vec<&String> = match item {
            StackItem::Region(n) => vec![n],
            StackItem::Row(row) => row.iter().collect(),
        };
        let place: Vec<usize> = names.iter().filter_map(|n| find(cx, n, regions, &loc)).collect();
        if place.len() == names.len() && !place.is_empty() {
            places.push(place);
        } else if names.is_empty() {
            cx.report(Problem::error("a row in a stack names no region").at(loc.clone()));
        }
    }
    let bottom = raw.bottom.as_ref().map(|b| cx.mm(b, BOTTOM));
    let stack = Stack { places, bottom, loc };
    check_bottom(cx, &stack, regions, raw.bottom.as_ref().map(|b| b.loc()));
    check_once(cx, &stack, regions);
    check_rows(cx, &stack, regions);
    check_order(cx, &stack, regions);
    check_limits(cx, &stack, regions);
    stack
}

/// The region called `name`; not a panel (it has no content to measure).
fn find(cx: &mut Checker, name: &str, regions: &[Region], loc: &Loc) -> Option<usize> {
    let Some(i) = regions.iter().position(|r| r.name == name) else {
        let names: Vec<&str> = regions.iter().map(|r| r.name.as_str()).collect();
        cx.report(
            Problem::error(format!("the stack names region `{name}`, which this face does not have"))
                .at(loc.clone())
                .help(format!("the regions of this face are: {}", names.join(", "))),
        );
        return None;
    };
    if regions[i].is_panel() {
        cx.report(
            Problem::error(format!("region `{name}` is a panel (it has no blocks): it cannot be in a stack"))
                .at(loc.clone())
                .related(regions[i].loc.clone(), format!("region `{name}`"))
                .help("a stack moves regions to give their content room; a panel behind them stays where it is"),
        );
        return None;
    }
    Some(i)
}

/// The stack may reach further down than its last region, not less far.
fn check_bottom(cx: &mut Checker, stack: &Stack, regions: &[Region], at: Option<&Loc>) {
    let (Some(bottom), Some(last), Some(at)) = (stack.bottom, stack.places.last(), at) else { return };
    let lowest = last.iter().map(|&i| regions[i].rect.bottom()).fold(Mm::ZERO, Mm::max);
    if bottom + EPS < lowest {
        cx.report(
            Problem::error(format!("the stack's bottom ({bottom:.1}) is above its last region's ({lowest:.1})"))
                .at(at.clone())
                .help("bottom is how far down the stack may grow: at or below where its last region ends"),
        );
    }
}

/// A region is in a stack once.
fn check_once(cx: &mut Checker, stack: &Stack, regions: &[Region]) {
    let mut seen = Vec::new();
    for &i in stack.places.iter().flatten() {
        if seen.contains(&i) {
            cx.report(
                Problem::error(format!("the stack names region `{}` twice", regions[i].name)).at(stack.loc.clone()),
            );
        }
        seen.push(i);
    }
}

/// Regions side by side share a height: they start and end level.
fn check_rows(cx: &mut Checker, stack: &Stack, regions: &[Region]) {
    for row in stack.places.iter().filter(|p| p.len() > 1) {
        let first = &regions[row[0]];
        for &i in &row[1..] {
            let r = &regions[i];
            if !r.rect.y.approx_eq(first.rect.y) || !r.rect.h.approx_eq(first.rect.h) {
                cx.report(
                    Problem::error(format!(
                        "regions `{}` and `{}` are side by side in the stack, but do not start and end level",
                        first.name, r.name
                    ))
                    .at(r.loc.clone())
                    .related(first.loc.clone(), format!("region `{}`", first.name))
                    .help("give regions side by side the same y and h: they share a height"),
                );
            }
        }
    }
}

/// Places come top to bottom, each below the one before.
fn check_order(cx: &mut Checker, stack: &Stack, regions: &[Region]) {
    for pair in stack.places.windows(2) {
        let (above, below) = (&regions[pair[0][0]], &regions[pair[1][0]]);
        if below.rect.y + EPS < above.rect.bottom() {
            cx.report(
                Problem::error(format!(
                    "in the stack, region `{}` comes after `{}` but does not lie below it",
                    below.name, above.name
                ))
                .at(stack.loc.clone())
                .related(below.loc.clone(), format!("region `{}`", below.name))
                .help("list a stack's regions top to bottom, as the layout places them"),
            );
        }
    }
}

/// `min_h` and `max_h` belong to stacked regions, around their height.
fn check_limits(cx: &mut Checker, stack: &Stack, regions: &[Region]) {
    for &i in stack.places.iter().flatten() {
        let r = &regions[i];
        let (lo, hi) = (r.min_h.unwrap_or(r.rect.h), r.max_h.unwrap_or(r.rect.h));
        if lo > r.rect.h + EPS || hi + EPS < r.rect.h {
            cx.report(
                Problem::error(format!(
                    "region `{}` is {:.1} high, outside its own min_h and max_h ({lo:.1} to {hi:.1})",
                    r.name, r.rect.h
                ))
                .at(r.loc.clone())
                .help("min_h is the least a stacked region gives way to, max_h the most it grows to"),
            );
        }
    }
}

/// `min_h` or `max_h` on a region no stack moves says nothing: say so.
pub fn check_unstacked(cx: &mut Checker, stacks: &[Stack], regions: &[Region]) {
    for (i, r) in regions.iter().enumerate() {
        let stacked = stacks.iter().flat_map(|s| s.places.iter().flatten()).any(|&j| j == i);
        if !stacked && (r.min_h.is_some() || r.max_h.is_some()) {
            cx.report(
                Problem::error(format!("region `{}` has min_h or max_h but is in no stack", r.name))
                    .at(r.loc.clone())
                    .help("add it to the face's [[face.stack]], or leave min_h and max_h out"),
            );
        }
    }
}
