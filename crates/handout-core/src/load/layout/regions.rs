//! Sides and their regions: where each region lies, that it lies on the
//! page, clear of the others and of the safe margin, and that its text can
//! be read on its background.

use super::super::{At, Checker, Limit};
use super::blocks::{Block, BlockCx, Ground, check_block};
use super::raw::{Align, RawFace, RawRegion};
use super::roles::{Palette, TextStyle};
use super::{Face, PageSpec, Region};
use crate::diag::{Loc, Problem};
use crate::style::Color;
use crate::units::{Mm, Pt, Rect};
use std::collections::BTreeMap;

/// Below this contrast ratio text is an error (WCAG AA).
const MIN_CONTRAST: f32 = 4.5;
/// Below this, text smaller than "large" gets a warning (WCAG AAA).
const BODY_CONTRAST: f32 = 7.0;
/// WCAG's "large text" starts at 18 pt.
const LARGE_TEXT: Pt = Pt(18.0);

const POSITION: Limit = Limit::mm("x", -50.0, 2000.0);
const POSITION_Y: Limit = Limit::mm("y", -50.0, 2000.0);
const WIDTH: Limit = Limit::mm("w", 1.0, 2000.0);
const HEIGHT: Limit = Limit::mm("h", 1.0, 2000.0);
const PADDING: Limit = Limit::mm("padding", 0.0, 100.0);
const RADIUS: Limit = Limit::mm("radius", 0.0, 50.0);
const GAP: Limit = Limit::mm("gap", 0.0, 100.0);

pub fn check_faces(
    cx: &mut Checker,
    palette: &Palette,
    styles: &BTreeMap<String, TextStyle>,
    page: &PageSpec,
    raw: &[At<RawFace>],
    file: &Loc,
) -> Vec<Face> {
    if raw.is_empty() {
        cx.report(
            Problem::error("the layout has no [[face]]")
                .at(file.clone())
                .help("add a [[face]] with at least one [[face.region]]"),
        );
    }
    let bx = BlockCx { palette, styles };
    let faces: Vec<Face> = raw.iter().map(|face| check_face(cx, &bx, page, face)).collect();
    check_safe_margin(cx, page, &faces);
    let has_qr = faces.iter().flat_map(|s| &s.regions).flat_map(|r| &r.blocks).any(|b| matches!(b, Block::Qr(_)));
    if !raw.is_empty() && !has_qr {
        cx.report(
            Problem::error("the layout has no QR code")
                .at(file.clone())
                .help("every handout carries the QR code to the form: add a { kind = \"qr\", ... } block to a region"),
        );
    }
    faces
}

fn check_face(cx: &mut Checker, bx: &BlockCx, page: &PageSpec, face: &RawFace) -> Face {
    if let Some(d) = face.drop.first() {
        cx.report(
            Problem::error("`drop` leaves out inherited regions, but this layout inherits none here")
                .at(d.loc().clone())
                .help("use `drop` in a layout that `extends` another, or in [with_org]"),
        );
    }
    let mut regions: Vec<Region> = Vec::new();
    for r in &face.region {
        let region = check_region(cx, bx, r);
        check_placement(cx, page, &region, &regions);
        // Text sits on its region's colour, else on a panel behind it, else on the page.
        let behind = regions
            .iter()
            .rev()
            .find(|p| p.is_panel() && p.background.is_some() && p.rect.encloses(&region.rect))
            .and_then(|p| p.background)
            .unwrap_or(page.background);
        check_contrast(cx, &region, behind);
        regions.push(region);
    }
    let stacks: Vec<_> = face.stack.iter().map(|s| super::stacks::check_stack(cx, s, &regions)).collect();
    super::stacks::check_unstacked(cx, &stacks, &regions);
    Face { name: face.name.get().clone(), regions, stacks }
}

fn check_region(cx: &mut Checker, bx: &BlockCx, r: &At<RawRegion>) -> Region {
    let rect = Rect::new(cx.mm(&r.x, POSITION), cx.mm(&r.y, POSITION_Y), cx.mm(&r.w, WIDTH), cx.mm(&r.h, HEIGHT));
    let blocks = r.blocks.iter().map(|b| check_block(cx, bx, b)).collect();
    Region {
        name: r.name.get().clone(),
        rect,
        padding: cx.mm_or_zero(&r.padding, PADDING),
        background: r.background.as_ref().map(|c| bx.palette.color(cx, c)),
        radius: cx.mm_or_zero(&r.radius, RADIUS),
        align: r.align.as_ref().map_or(Align::Top, |a| *a.get()),
        gap: cx.mm_or_zero(&r.gap, GAP),
        fit_group: r.fit_group.clone(),
        min_h: r.min_h.as_ref().map(|v| cx.mm(v, HEIGHT)),
        max_h: r.max_h.as_ref().map(|v| cx.mm(v, HEIGHT)),
        blocks,
        loc: r.loc().clone(),
    }
}

/// On the page (panels may run into the bleed), not all padding, and not
/// on top of another region with content.
fn check_placement(cx: &mut Checker, page: &PageSpec, region: &Region, earlier: &[Region]) {
    let trim = Rect::sized(page.size);
    let bleed_box = trim.outset(page.bleed);
    if !bleed_box.encloses(&region.rect) || (!region.is_panel() && !trim.encloses(&region.rect)) {
        let r = region.rect;
        cx.report(
            Problem::error(format!("region `{}` lies outside the page", region.name)).at(region.loc.clone()).label(
                format!(
                    "{:.1} x {:.1} mm at ({:.1}, {:.1}) does not fit in {} x {} mm",
                    r.w.0, r.h.0, r.x.0, r.y.0, page.size.w.0, page.size.h.0
                ),
            ),
        );
    }
    if region.padding * 2.0 >= region.rect.w.min(region.rect.h) {
        cx.report(
            Problem::error(format!("region `{}` is all padding", region.name))
                .at(region.loc.clone())
                .label("padding leaves no room for content"),
        );
    }
    for other in earlier {
        // A region without blocks is a coloured panel behind others.
        if !region.is_panel() && !other.is_panel() && other.rect.overlaps(&region.rect) {
            cx.report(
                Problem::error(format!("regions `{}` and `{}` overlap", other.name, region.name))
                    .at(region.loc.clone())
                    .related(other.loc.clone(), format!("region `{}`", other.name)),
            );
        }
    }
}

/// Every role shown in a region must be readable on what it sits on.
fn check_contrast(cx: &mut Checker, region: &Region, behind: Color) {
    let bg = region.background.unwrap_or(behind);
    for block in &region.blocks {
        for used in block.roles() {
            let (role, style) = (used.role, &used.role.style);
            match used.ground {
                Ground::Region => {
                    let ratio = style.color.contrast(bg);
                    if ratio < MIN_CONTRAST {
                        cx.report(
                            Problem::error(format!(
                                "text role `{}` has contrast {ratio:.1}:1 on region `{}`",
                                role.name, region.name
                            ))
                            .at(role.loc.clone())
                            .label(format!("needs at least {MIN_CONTRAST}:1"))
                            .related(style.loc.clone(), "the role's colour is set"),
                        );
                    } else if ratio < BODY_CONTRAST && style.size < LARGE_TEXT {
                        cx.report(
                            Problem::warning(format!(
                                "text role `{}` has contrast {ratio:.1}:1 on region `{}`, below 7:1 for body text",
                                role.name, region.name
                            ))
                            .at(role.loc.clone()),
                        );
                    }
                }
                Ground::Fill(fill) => {
                    let ratio = style.color.contrast(fill);
                    if ratio < MIN_CONTRAST {
                        cx.report(
                            Problem::error(format!(
                                "step numbers in `{}` do not stand out from their circle",
                                role.name
                            ))
                            .at(role.loc.clone())
                            .label(format!("contrast {ratio:.1}:1, needs {MIN_CONTRAST}:1")),
                        );
                    }
                }
            }
        }
    }
}

/// Cutting is never exact: content keeps `safe` inside the trim.
fn check_safe_margin(cx: &mut Checker, page: &PageSpec, faces: &[Face]) {
    if page.safe <= Mm::ZERO {
        return;
    }
    let trim = Rect::sized(page.size);
    let safe_box = trim.inset(page.safe);
    for region in faces.iter().flat_map(|s| &s.regions) {
        if !region.is_panel() && trim.encloses(&region.rect) && !safe_box.encloses(&region.rect) {
            let (s, w, h) = (page.safe.0, page.size.w.0, page.size.h.0);
            cx.report(
                Problem::error(format!("region `{}` reaches into the {s} mm safe margin", region.name))
                    .at(region.loc.clone())
                    .label(format!("content must stay within ({s:.1}, {s:.1}) to ({:.1}, {:.1}) mm", w - s, h - s))
                    .help("cutting is never exact: keep text and codes away from the trim"),
            );
        }
    }
}
