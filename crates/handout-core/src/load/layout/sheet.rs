//! `[sheet]`: several copies of each side on a larger sheet, for printing
//! at home and cutting by hand. Load checks that the grid and its crop
//! marks fit; compose (`compose/impose.rs`) places the copies.

use super::super::{At, Checker, Limit};
use super::PageSpec;
use super::raw::{Flip, MarkPlace, RawSheet, RawSheetEntry};
use crate::diag::{Loc, Problem};
use crate::units::{Mm, Pt, Size};

const SHEET_WIDTH: Limit = Limit::mm("sheet width", 50.0, 2000.0);
const SHEET_HEIGHT: Limit = Limit::mm("sheet height", 50.0, 2000.0);
const GUTTER_X: Limit = Limit::mm("gutter_x", 0.0, 100.0);
const GUTTER_Y: Limit = Limit::mm("gutter_y", 0.0, 100.0);
const MAX_GRID: u32 = 20;

/// Crop marks: thin lines in line with the trim edges, outside the cards;
/// or, where the copies fill the sheet (A5 two-up on A4), from the sheet's
/// edge inwards along each cut, within the copies' safe margin.
#[derive(Clone, Debug)]
pub struct CropMarks {
    pub length: Mm,
    /// Gap between the trim edge and the start of the mark.
    pub offset: Mm,
    pub width: Pt,
    pub place: MarkPlace,
}

/// A grid of copies, centred on a sheet.
#[derive(Clone, Debug)]
pub struct SheetSpec {
    pub size: Size,
    pub columns: u32,
    pub rows: u32,
    pub gutter_x: Mm,
    pub gutter_y: Mm,
    pub flip: Flip,
    pub marks: CropMarks,
}

impl SheetSpec {
    /// The size of the grid of `card`-sized copies.
    pub fn grid(&self, card: Size) -> Size {
        Size::new(
            card.w * self.columns as f32 + self.gutter_x * (self.columns - 1) as f32,
            card.h * self.rows as f32 + self.gutter_y * (self.rows - 1) as f32,
        )
    }

    /// The margins around the centred grid: left/right, top/bottom.
    pub fn margins(&self, card: Size) -> (Mm, Mm) {
        let grid = self.grid(card);
        ((self.size.w - grid.w) / 2.0, (self.size.h - grid.h) / 2.0)
    }
}

pub fn check_sheet(cx: &mut Checker, raw: &At<RawSheetEntry>, page: &PageSpec, file: &Loc) -> Option<SheetSpec> {
    let RawSheetEntry::Sheet(r) = raw.get() else { return None };
    if page.bleed > Mm::ZERO {
        cx.report(
            Problem::error("a layout cannot have both bleed and a sheet")
                .at(file.clone())
                .help("bleed is for print-shop files of single cards; a sheet is for cutting by hand"),
        );
    }
    let sheet = read_sheet(cx, r)?;
    let (mx, my) = sheet.margins(page.size);
    if mx < Mm::ZERO || my < Mm::ZERO {
        let (grid, s) = (sheet.grid(page.size), sheet.size);
        cx.report(
            Problem::error(format!("{} x {} cards do not fit on the sheet", sheet.columns, sheet.rows))
                .at(raw.loc().clone())
                .label(format!(
                    "the grid is {:.1} x {:.1} mm, the sheet {:.1} x {:.1} mm",
                    grid.w.0, grid.h.0, s.w.0, s.h.0
                ))
                .help("use fewer rows or columns, or smaller gutters"),
        );
        return None;
    }
    if sheet.marks.place == MarkPlace::SheetEdges {
        return check_edge_marks(cx, r, sheet, page);
    }
    let need = sheet.marks.offset + sheet.marks.length;
    if mx < need || my < need {
        cx.report(
            Problem::error("the crop marks do not fit between the cards and the sheet's edge")
                .at(r.crop_marks.loc().clone())
                .label(format!(
                    "marks need {:.1} mm outside the grid; there is {:.1} mm at the sides and {:.1} mm at top and bottom",
                    need.0, mx.0, my.0
                ))
                .help("use fewer rows or columns, smaller gutters, or shorter marks"),
        );
        return None;
    }
    Some(sheet)
}

/// Marks from the sheet's edge run over the copies' margins: they must
/// stay within the safe margin, where no content is.
fn check_edge_marks(cx: &mut Checker, r: &RawSheet, sheet: SheetSpec, page: &PageSpec) -> Option<SheetSpec> {
    let reach = sheet.marks.offset + sheet.marks.length;
    if reach > page.safe {
        cx.report(
            Problem::error("crop marks from the sheet's edge reach past the safe margin")
                .at(r.crop_marks.loc().clone())
                .label(format!("they reach {:.1} mm in; content starts {:.1} mm in", reach.0, page.safe.0))
                .help("shorten the marks, or give the page a larger `safe` margin"),
        );
        return None;
    }
    Some(sheet)
}

fn read_sheet(cx: &mut Checker, r: &RawSheet) -> Option<SheetSpec> {
    let size = Size::new(cx.mm(&r.width, SHEET_WIDTH), cx.mm(&r.height, SHEET_HEIGHT));
    let (gutter_x, gutter_y) = (cx.mm(&r.gutter_x, GUTTER_X), cx.mm(&r.gutter_y, GUTTER_Y));
    let (columns, rows) = (*r.columns.get(), *r.rows.get());
    if !(1..=MAX_GRID).contains(&columns) || !(1..=MAX_GRID).contains(&rows) {
        cx.report(
            Problem::error(format!("a grid of {columns} x {rows} cards"))
                .at(r.columns.loc().clone())
                .label(format!("expected 1 to {MAX_GRID} columns and rows")),
        );
        return None;
    }
    let m = r.crop_marks.get();
    if !(1.0..=20.0).contains(&m.length) || !(0.0..=20.0).contains(&m.offset) || !(0.05..=2.0).contains(&m.width) {
        cx.report(
            Problem::error("crop marks out of range")
                .at(r.crop_marks.loc().clone())
                .label("expected length 1-20 mm, offset 0-20 mm, width 0.05-2 pt"),
        );
        return None;
    }
    let marks = CropMarks {
        length: Mm(m.length),
        offset: Mm(m.offset),
        width: Pt(m.width),
        place: m.at.unwrap_or(MarkPlace::Outside),
    };
    Some(SheetSpec { size, columns, rows, gutter_x, gutter_y, flip: *r.flip.get(), marks })
}
