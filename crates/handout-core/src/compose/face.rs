//! One side of a layout as a page: its stacks arranged (stack.rs), each
//! region fitted (regions of a fit group share the smallest scale), placed
//! on the page over its background (mirrored for right-to-left languages),
//! with its structure.

use super::frag::{self, Frag};
use super::{Context, blame, fit, stack};
use crate::diag::{Problem, Problems};
use crate::load::layout::{Align, Face, Layout, Region};
use crate::model::{Item, Node, Page, PlacedRegion};
use crate::style::Color;
use crate::units::{EPS, Mm, Rect, Size};

/// One side as a page: its regions fitted and placed, with their structure.
pub(super) fn compose_side(
    cx: &mut Context,
    side: &Face,
    page_no: usize,
    problems: &mut Problems,
) -> (Page, Vec<Node>, Vec<PlacedRegion>) {
    let layout = cx.layout;
    let bleed = layout.page.bleed;
    let size = layout.page.size;
    let mut page = Page {
        size: Size::new(size.w + bleed * 2.0, size.h + bleed * 2.0),
        trim: (bleed > Mm::ZERO).then(|| Rect::new(bleed, bleed, size.w, size.h)),
        items: Vec::new(),
        cards: Vec::new(),
        card_items: 0,
    };
    if layout.page.background != Color::WHITE {
        page.items.push(Item::Box { rect: Rect::sized(page.size), fill: layout.page.background, radius: Mm::ZERO });
    }
    let mut structure = Vec::new();
    let regions = stack::arrange(cx, side);
    let fitted = fit_side(cx, &regions, problems);
    for (region, frag) in regions.iter().zip(fitted) {
        let Some(frag) = frag else { continue };
        let placed = place(cx, region, frag);
        let base = page.items.len();
        page.items.extend(placed.items);
        structure.extend(placed.nodes.into_iter().map(|n| frag::reindex(n, page_no, base)));
    }
    let mirror = |r: &Region| if cx.rtl() { r.rect.mirror_x(layout.page.size.w) } else { r.rect };
    let boxes = regions
        .iter()
        .map(|r| PlacedRegion { name: r.name.clone(), rect: mirror(r), content: mirror(r).inset(r.padding) })
        .collect();
    (page, structure, boxes)
}

/// A region's fitted content at its place on the page, on its background.
fn place(cx: &Context, region: &Region, frag: Frag) -> Frag {
    let layout = cx.layout;
    let bleed = layout.page.bleed;
    let mut placed = Frag::default();
    // Right-to-left content reads the page from the right: the layout is
    // mirrored, so the first column is the right one.
    let rect = if cx.rtl() { region.rect.mirror_x(layout.page.size.w) } else { region.rect };
    if let Some(bg) = region.background {
        // A background that touches the trim edge runs into the bleed.
        placed.push_artifact(Item::Box { rect: bleed_out(rect, layout), fill: bg, radius: region.radius });
    }
    let content = rect.inset(region.padding);
    let dy = match region.align {
        Align::Top => Mm::ZERO,
        Align::Center => (content.h - frag.height) / 2.0,
        Align::Bottom => content.h - frag.height,
    };
    placed.append(frag, content.x + bleed, content.y + bleed + dy);
    placed
}

/// Extend a rectangle that touches a trim edge out to the bleed edge.
fn bleed_out(r: Rect, layout: &Layout) -> Rect {
    let b = layout.page.bleed;
    let size = layout.page.size;
    let mut x0 = r.x + b;
    let mut y0 = r.y + b;
    let mut x1 = r.right() + b;
    let mut y1 = r.bottom() + b;
    if b > Mm::ZERO {
        if r.x <= EPS {
            x0 = Mm::ZERO;
        }
        if r.y <= EPS {
            y0 = Mm::ZERO;
        }
        if r.right() >= size.w - EPS {
            x1 = size.w + b * 2.0;
        }
        if r.bottom() >= size.h - EPS {
            y1 = size.h + b * 2.0;
        }
    }
    Rect::new(x0, y0, x1 - x0, y1 - y0)
}

/// Fit every region of a side; regions in one fit group share the smallest
/// scale any of them needed. `None` for a region that did not fit (reported).
fn fit_side(cx: &mut Context, regions: &[Region], problems: &mut Problems) -> Vec<Option<Frag>> {
    let mut fitted: Vec<Option<(Frag, f32)>> =
        regions.iter().map(|r| fit_region(cx, r).map_err(|p| problems.push(p)).ok()).collect();
    for (i, region) in regions.iter().enumerate() {
        let Some(group) = &region.fit_group else { continue };
        let shared = regions
            .iter()
            .zip(&fitted)
            .filter(|(r, _)| r.fit_group.as_ref() == Some(group))
            .filter_map(|(_, f)| f.as_ref().map(|f| f.1))
            .fold(1.0f32, f32::min);
        if let Some((_, scale)) = &fitted[i]
            && *scale > shared
        {
            // Smaller text still fits where larger text did.
            cx.scale = shared;
            if let Ok((frag, _)) = fit::pile(cx, region, region.content_box().size()) {
                fitted[i] = Some((frag, shared));
            }
        }
    }
    fitted.into_iter().map(|f| f.map(|f| f.0)).collect()
}

/// Lay out a region's blocks at the largest scale at which they fit; if
/// they do not, say why, blaming the platform's values when the region
/// fits with neutral ones.
fn fit_region(cx: &mut Context, region: &Region) -> Result<(Frag, f32), Problem> {
    fit::fit_at_best(cx, region).map_err(|p| blame::platform_values(cx, region, p))
}
