//! Blocks a handout does without, left out of a face before it is laid
//! out, so that no layout needs a variant for them:
//!
//! - a campaign without a deadline prints no deadline callout;
//! - a platform with one route prints it in the face's first route block,
//!   and the face's other route blocks are left out.
//!
//! A region left with nothing to show is left out (no empty coloured box).
//! In a stack its room goes to the place below it, which moves up to where
//! it began (the last place of a stack gives it to the one above); in a
//! place of regions side by side, the others share its width. So the page
//! keeps its shape with nothing missing from it.

use crate::load::content::Platform;
use crate::load::layout::{Block, Face, Region, Stack};
use crate::units::Mm;
use std::borrow::Cow;

/// A route block's name once it is to be left out.
const LEFT_OUT: &str = "LEFT OUT";

/// The face as a campaign without a deadline prints it.
pub(super) fn without_deadline(face: &Face) -> Cow<'_, Face> {
    without(face, |b| matches!(b, Block::Deadline(_)))
}

/// The face as a platform with one route prints it: in the face's first
/// route block, the others left out. `None`: as it is (the platform has
/// more routes, or the face shows none).
pub(super) fn one_route(face: &Face, platform: &Platform) -> Option<Face> {
    let [only] = platform.routes.keys().collect::<Vec<_>>()[..] else { return None };
    let mut face = face.clone();
    let mut routes = face.regions.iter_mut().flat_map(|r| r.blocks.iter_mut()).filter_map(|b| match b {
        Block::Route(r) => Some(r),
        _ => None,
    });
    routes.next()?.route = only.clone();
    // The others are marked by a name no route has (ids are lowercase).
    for other in routes {
        other.route = LEFT_OUT.into();
    }
    Some(without(&face, |b| matches!(b, Block::Route(r) if r.route == LEFT_OUT)).into_owned())
}

/// The face without the blocks `gone` says, and without the regions that
/// held only such blocks.
fn without(face: &Face, left_out: impl Fn(&Block) -> bool) -> Cow<'_, Face> {
    if !face.regions.iter().any(|r| r.blocks.iter().any(&left_out)) {
        return Cow::Borrowed(face);
    }
    let gone: Vec<bool> = face.regions.iter().map(|r| !r.blocks.is_empty() && r.blocks.iter().all(&left_out)).collect();
    let mut regions = face.regions.clone();
    for r in &mut regions {
        r.blocks.retain(|b| !left_out(b));
    }
    for stack in &face.stacks {
        give_room(&mut regions, stack, &gone);
        give_width(&mut regions, stack, &gone);
    }
    Cow::Owned(renumber(face, regions, &gone))
}

/// In a place of regions side by side, those that remain share the width
/// of those gone: they span the place from its left edge to its right.
fn give_width(regions: &mut [Region], stack: &Stack, gone: &[bool]) {
    for place in stack.places.iter().filter(|p| p.iter().any(|&r| gone[r]) && !p.iter().all(|&r| gone[r])) {
        let left = place.iter().map(|&r| regions[r].rect.x).fold(Mm(f32::MAX), Mm::min);
        let right = place.iter().map(|&r| regions[r].rect.right()).fold(Mm::ZERO, Mm::max);
        // The gap the layout keeps between regions side by side.
        let widths: Mm = place.iter().map(|&r| regions[r].rect.w).sum();
        let gap = (right - left - widths) / (place.len() - 1).max(1) as f32;
        let kept: Vec<usize> = place.iter().copied().filter(|&r| !gone[r]).collect();
        let share = (right - left - gap * (kept.len() - 1) as f32) / kept.len() as f32;
        let mut x = left;
        for &r in &kept {
            regions[r].rect.x = x;
            regions[r].rect.w = share;
            x += share + gap;
        }
    }
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
    use crate::diag::{Loc, Problems, Source};
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
    fn one_route_is_shown_in_the_first_route_block_which_takes_the_width_of_the_other() {
        let flyer = shipped("flyer-a4", include_str!("../../../../layouts/flyer-a4.toml"));
        let source = Source::new("campaigns/x.toml", "");
        let route = crate::load::content::Route {
            title: crate::load::content::Template::from_rich(crate::rich::Rich::plain("App"), Loc::new(&source, 0..0)),
            steps: Vec::new(),
            loc: Loc::new(&source, 0..0),
        };
        let platform = Platform {
            id: "x".into(),
            source: source.clone(),
            name: "X".into(),
            name_loc: Loc::new(&source, 0..0),
            form_url: "https://example.org/".into(),
            url_loc: Loc::new(&source, 0..0),
            routes: [("app".to_string(), route)].into(),
        };
        let face = one_route(&flyer.faces[0], &platform).expect("a face with route blocks");
        let routes: Vec<(&str, &str)> = face
            .regions
            .iter()
            .flat_map(|r| r.blocks.iter().map(move |b| (r, b)))
            .filter_map(|(r, b)| match b {
                Block::Route(b) => Some((r.name.as_str(), b.route.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(routes, [("route-browser", "app")], "the first route block shows the one route");
        let column = face.regions.iter().find(|r| r.name == "route-browser").unwrap();
        let old = |n: &str| flyer.faces[0].regions.iter().find(|r| r.name == n).unwrap().rect;
        assert_eq!((column.rect.x, column.rect.right()), (old("route-browser").x, old("route-app").right()));
        assert!(face.regions.iter().all(|r| r.name != "route-app"), "the other column is left out");
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
