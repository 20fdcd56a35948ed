//! A campaign without a deadline: its faces without the deadline callout.
//!
//! Layouts are drawn for campaigns with a deadline. Without one, a region
//! that holds only the callout is left out (no empty coloured box), and in
//! a stack its room goes to the place below it, which moves up to where
//! the callout began (the last place of a stack gives it to the one
//! above), so the page keeps its shape with nothing missing from it.

use crate::load::layout::{Block, Face, Region, Stack};
use crate::units::Mm;
use std::borrow::Cow;

/// The face as a campaign without a deadline prints it.
pub(super) fn without_deadline(face: &Face) -> Cow<'_, Face> {
    let is_callout = |b: &Block| matches!(b, Block::Deadline(_));
    if !face.regions.iter().any(|r| r.blocks.iter().any(is_callout)) {
        return Cow::Borrowed(face);
    }
    let gone: Vec<bool> =
        face.regions.iter().map(|r| !r.blocks.is_empty() && r.blocks.iter().all(is_callout)).collect();
    let mut regions = face.regions.clone();
    for r in &mut regions {
        r.blocks.retain(|b| !is_callout(b));
    }
    for stack in &face.stacks {
        give_room(&mut regions, stack, &gone);
    }
    Cow::Owned(renumber(face, regions, &gone))
}

/// A place whose regions are all gone gives its room (and the gap below
/// it) to its neighbour in the stack.
fn give_room(regions: &mut [Region], stack: &Stack, gone: &[bool]) {
    let places = &stack.places;
    for (i, place) in places.iter().enumerate().filter(|(_, p)| p.iter().all(|&r| gone[r])) {
        let top = place.iter().map(|&r| regions[r].rect.y).fold(Mm(f32::MAX), Mm::min);
        let bottom = place.iter().map(|&r| regions[r].rect.bottom()).fold(Mm::ZERO, Mm::max);
        let below = places[i + 1..].iter().find(|p| !p.iter().all(|&r| gone[r]));
        let above = places[..i].iter().rev().find(|p| !p.iter().all(|&r| gone[r]));
        if let Some(next) = below {
            for &m in next {
                let r = &mut regions[m];
                grow(r, r.rect.bottom() - top);
                r.rect.y = top;
            }
        } else if let Some(prev) = above {
            for &m in prev {
                let r = &mut regions[m];
                grow(r, bottom - r.rect.y);
            }
        }
    }
}

/// A region drawn taller: its most in a stack is at least that.
fn grow(r: &mut Region, h: Mm) {
    r.rect.h = h;
    r.max_h = r.max_h.map(|m| m.max(h));
}

/// The face with the regions that are gone left out, its stacks pointing
/// at the regions that remain.
fn renumber(face: &Face, regions: Vec<Region>, gone: &[bool]) -> Face {
    let mut index = Vec::with_capacity(gone.len());
    let mut next = 0;
    for g in gone {
        index.push((!g).then_some(next));
        next += usize::from(!g);
    }
    let stacks = face
        .stacks
        .iter()
        .map(|s| Stack {
            places: s
                .places
                .iter()
                .map(|p| p.iter().filter_map(|&r| index[r]).collect::<Vec<_>>())
                .filter(|p| !p.is_empty())
                .collect(),
            ..s.clone()
        })
        .collect();
    let regions = regions.into_iter().zip(gone).filter(|(_, g)| !**g).map(|(r, _)| r).collect();
    Face { name: face.name.clone(), regions, stacks }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Problems, Source};
    use crate::load::layout::{Layout, load_layout};

    fn shipped(name: &str, text: &str) -> Layout {
        let mut problems = Problems::new();
        let source = Source::new(format!("layouts/{name}.toml"), text);
        load_layout(name.into(), source, &mut |_, _| None, &mut problems).expect("a shipped layout loads")
    }

    fn names(face: &Face, stack: &Stack) -> Vec<Vec<String>> {
        stack.places.iter().map(|p| p.iter().map(|&r| face.regions[r].name.clone()).collect()).collect()
    }

    #[test]
    fn the_callout_s_room_goes_to_the_place_below_it() {
        let flyer = shipped("flyer-a4", include_str!("../../../../layouts/flyer-a4.toml"));
        let face = without_deadline(&flyer.faces[0]);
        assert!(face.regions.iter().all(|r| r.name != "deadline"));
        let expected = [vec!["header"], vec!["route-browser", "route-app"], vec!["scan"], vec!["footer"]];
        assert_eq!(
            names(&face, &face.stacks[0]),
            expected.map(|p| p.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        );
        // The callout began at 80 mm; the routes began at 118 mm, 98 mm high.
        for r in face.regions.iter().filter(|r| r.name.starts_with("route-")) {
            assert_eq!((r.rect.y, r.rect.bottom()), (Mm(80.0), Mm(216.0)), "{}", r.name);
        }
    }

    #[test]
    fn the_last_place_of_a_stack_gives_its_room_to_the_one_above() {
        let screen = shipped("screen-16x9", include_str!("../../../../layouts/screen-16x9.toml"));
        let before = &screen.faces[0];
        let face = without_deadline(before);
        let old = |n: &str| before.regions.iter().find(|r| r.name == n).unwrap().rect;
        let message = face.regions.iter().find(|r| r.name == "message").unwrap();
        assert_eq!(message.rect.y, old("message").y);
        assert_eq!(message.rect.bottom(), old("deadline").bottom(), "the message reaches down where the callout ended");
        assert_eq!(names(&face, &face.stacks[0]), [vec!["message".to_string()]]);
    }
}
