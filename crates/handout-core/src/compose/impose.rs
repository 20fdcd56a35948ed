//! Imposition: copies of each side on a larger sheet, for printing at
//! home and cutting by hand. Sheet page `i` holds all copies of side `i`;
//! backs are mirrored so that, printed duplex and turned over the flip
//! edge, each back lands exactly behind its front.

use super::frag;
use crate::load::layout::{Flip, MarkPlace, SheetSpec};
use crate::model::{Item, Page};
use crate::units::{Mm, Point, Rect, Size};

/// Where each copy's trim box lies on the front sheet, row by row.
pub fn cells(sheet: &SheetSpec, card: Size) -> Vec<Rect> {
    let (mx, my) = sheet.margins(card);
    let mut cells = Vec::new();
    for row in 0..sheet.rows {
        for col in 0..sheet.columns {
            let x = mx + (card.w + sheet.gutter_x) * col as f32;
            let y = my + (card.h + sheet.gutter_y) * row as f32;
            cells.push(Rect::new(x, y, card.w, card.h));
        }
    }
    cells
}

/// Where a copy of side `side` lies: even sides (fronts) in their cell,
/// odd sides (backs) mirrored across the flip edge.
pub fn place(sheet: &SheetSpec, cell: Rect, side: usize) -> Rect {
    if side.is_multiple_of(2) {
        return cell;
    }
    let portrait = sheet.size.is_portrait();
    match sheet.flip {
        Flip::LongEdge if portrait => cell.mirror_x(sheet.size.w),
        Flip::ShortEdge if !portrait => cell.mirror_x(sheet.size.w),
        _ => Rect::new(cell.x, sheet.size.h - cell.bottom(), cell.w, cell.h),
    }
}

/// Put copies of every side on sheets. The first copy comes first in each
/// page's item list, so the structure tree (which points at side items)
/// now points at that copy; the other copies are decoration to a screen
/// reader, which reads each side once.
pub fn impose(sheet: &SheetSpec, card: Size, sides: Vec<Page>) -> Vec<Page> {
    let cells = cells(sheet, card);
    let mut out = Vec::new();
    for (i, side) in sides.into_iter().enumerate() {
        let card_items = side.items.len();
        let mut page = Page { size: sheet.size, trim: None, items: Vec::new(), cards: Vec::new(), card_items };
        for cell in &cells {
            let at = place(sheet, *cell, i);
            page.items.extend(side.items.iter().cloned().map(|it| frag::translate(it, at.x, at.y)));
            page.cards.push(at);
        }
        page.items.extend(crop_marks(sheet, &page.cards));
        out.push(page);
    }
    out
}

/// Marks in line with every trim edge, outside the grid of cards (or from
/// the sheet's edges, for copies that fill the sheet).
pub fn crop_marks(sheet: &SheetSpec, cards: &[Rect]) -> Vec<Item> {
    let m = &sheet.marks;
    if m.place == MarkPlace::SheetEdges {
        return edge_marks(sheet, cards);
    }
    let mut xs: Vec<Mm> = cards.iter().flat_map(|c| [c.x, c.right()]).collect();
    let mut ys: Vec<Mm> = cards.iter().flat_map(|c| [c.y, c.bottom()]).collect();
    for v in [&mut xs, &mut ys] {
        v.sort_by(|a, b| a.0.total_cmp(&b.0));
        v.dedup_by(|a, b| a.approx_eq(*b));
    }
    let top = cards.iter().map(|c| c.y).fold(sheet.size.h, Mm::min);
    let bottom = cards.iter().map(|c| c.bottom()).fold(Mm::ZERO, Mm::max);
    let left = cards.iter().map(|c| c.x).fold(sheet.size.w, Mm::min);
    let right = cards.iter().map(|c| c.right()).fold(Mm::ZERO, Mm::max);
    let mark = |a: Point, b: Point| Item::CropMark { from: a, to: b, width: m.width };
    let p = Point::new;
    let mut items = Vec::new();
    for x in xs {
        items.push(mark(p(x, top - m.offset - m.length), p(x, top - m.offset)));
        items.push(mark(p(x, bottom + m.offset), p(x, bottom + m.offset + m.length)));
    }
    for y in ys {
        items.push(mark(p(left - m.offset - m.length, y), p(left - m.offset, y)));
        items.push(mark(p(right + m.offset, y), p(right + m.offset + m.length, y)));
    }
    items
}

/// Where the copies fill the sheet, the only cuts are between them: a
/// mark at each end of each such cut, from the sheet's edge inwards.
fn edge_marks(sheet: &SheetSpec, cards: &[Rect]) -> Vec<Item> {
    let m = &sheet.marks;
    let inner = |v: Mm, end: Mm| v > m.length && v < end - m.length;
    let mut xs: Vec<Mm> = cards.iter().flat_map(|c| [c.x, c.right()]).filter(|&x| inner(x, sheet.size.w)).collect();
    let mut ys: Vec<Mm> = cards.iter().flat_map(|c| [c.y, c.bottom()]).filter(|&y| inner(y, sheet.size.h)).collect();
    for v in [&mut xs, &mut ys] {
        v.sort_by(|a, b| a.0.total_cmp(&b.0));
        v.dedup_by(|a, b| a.approx_eq(*b));
    }
    let (w, h, a, b) = (sheet.size.w, sheet.size.h, m.offset, m.offset + m.length);
    let mark = |from: Point, to: Point| Item::CropMark { from, to, width: m.width };
    let p = Point::new;
    let mut items = Vec::new();
    for x in xs {
        items.push(mark(p(x, a), p(x, b)));
        items.push(mark(p(x, h - b), p(x, h - a)));
    }
    for y in ys {
        items.push(mark(p(a, y), p(b, y)));
        items.push(mark(p(w - b, y), p(w - a, y)));
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::layout::sheet::CropMarks;
    use crate::units::{EPS, Pt};

    fn sheet(flip: Flip) -> SheetSpec {
        SheetSpec {
            size: Size::new(Mm(210.0), Mm(297.0)),
            columns: 2,
            rows: 5,
            gutter_x: Mm(10.0),
            gutter_y: Mm::ZERO,
            flip,
            marks: CropMarks { length: Mm(6.0), offset: Mm(3.0), width: Pt(0.5), place: MarkPlace::Outside },
        }
    }

    const CARD: Size = Size { w: Mm(85.6), h: Mm(53.98) };

    #[test]
    fn the_grid_is_centred_and_copies_do_not_overlap() {
        let s = sheet(Flip::LongEdge);
        let cells = cells(&s, CARD);
        assert_eq!(cells.len(), 10);
        let page = Rect::sized(s.size);
        for (i, a) in cells.iter().enumerate() {
            assert!(page.encloses(a));
            for b in &cells[i + 1..] {
                assert!(!a.overlaps(b), "{a:?} overlaps {b:?}");
            }
        }
        let left = cells.iter().map(|c| c.x).fold(Mm(1e9), Mm::min);
        let right = cells.iter().map(|c| c.right()).fold(Mm::ZERO, Mm::max);
        assert!(left.approx_eq(s.size.w - right), "centred: {left:?} vs {:?}", s.size.w - right);
    }

    #[test]
    fn backs_land_behind_their_fronts_when_turned_over_the_flip_edge() {
        for flip in [Flip::LongEdge, Flip::ShortEdge] {
            let s = sheet(flip);
            for cell in cells(&s, CARD) {
                let back = place(&s, cell, 1);
                // Turning a portrait sheet over its long edge mirrors x;
                // over its short edge, y.
                let turned = match flip {
                    Flip::LongEdge => back.mirror_x(s.size.w),
                    Flip::ShortEdge => Rect::new(back.x, s.size.h - back.bottom(), back.w, back.h),
                };
                assert!(turned.approx_eq(&cell), "{flip:?}: {turned:?} is not behind {cell:?}");
                assert_eq!(place(&s, cell, 2), cell, "third side is a front again");
            }
        }
    }

    #[test]
    fn crop_marks_stay_outside_every_card_and_on_the_sheet() {
        let s = sheet(Flip::LongEdge);
        let cards = cells(&s, CARD);
        let marks = crop_marks(&s, &cards);
        // 2 columns give 4 vertical edges (two pairs 10 mm apart), 5 rows 6
        // horizontal edges: a mark at each end of each.
        assert_eq!(marks.len(), 2 * 4 + 2 * 6);
        let sheet_rect = Rect::sized(s.size);
        for m in &marks {
            let Item::CropMark { from, to, .. } = m else { panic!("not a crop mark") };
            let r = Rect::new(from.x.min(to.x), from.y.min(to.y), (to.x - from.x).abs(), (to.y - from.y).abs());
            assert!(sheet_rect.encloses(&r), "{r:?} off the sheet");
            for c in &cards {
                assert!(!c.inset(EPS).overlaps(&r.outset(EPS * 0.5)), "mark {r:?} touches card {c:?}");
            }
        }
    }
}
