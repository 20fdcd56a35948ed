//! krilla's memo. With its `comemo` feature (not in the browser edition)
//! krilla memoizes, across documents, what costs most in each: a font's
//! subset for a set of glyphs, glyph boxes and deflated streams. The memo
//! is comemo's, one for the process; left alone it keeps everything
//! (a batch's memory grew from 34 to about 100 MB). So each build of
//! documents ends by dropping what the last [`MEMO_AGE`] builds did not
//! use: memory stays flat, and what every document shares (the fonts'
//! subsets for the same text) stays.
//!
//! This is the one thing the core keeps between calls by itself: a cache
//! of pure functions' results, which changes no byte of any output (the
//! tests compare bytes with and without it).

/// How many builds an unused result survives.
#[cfg(not(target_arch = "wasm32"))]
const MEMO_AGE: usize = 8;

/// Drop what the last [`MEMO_AGE`] builds did not use.
pub fn forget_unused() {
    #[cfg(not(target_arch = "wasm32"))]
    comemo::evict(MEMO_AGE);
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use crate::{Caches, Choice, Embedded, InTurn, Make, Plan, PlanOptions, Problems, Selection, load_project};
    use std::sync::Arc;

    /// A document made with krilla's memo empty and made again from it
    /// is the same, byte for byte.
    #[test]
    fn the_memo_changes_no_byte() {
        let mut problems = Problems::new();
        let selection = Selection { layouts: Choice::only(["flyer-a4"]), ..Selection::all() };
        let project = load_project(Arc::new(Embedded), &selection, &mut problems);
        let today = crate::Date { year: 2025, month: 5, day: 20 };
        let opts = PlanOptions { selection, make: Make::Pdf, ..PlanOptions::new(today) };
        let plan = Plan::new(&project, &opts, &mut project.font_store(), &mut problems);
        let jobs = plan.jobs(None);
        let mut make = || {
            let built = plan.build_jobs(&jobs, &Caches::new(), &InTurn, &mut problems);
            built.iter().map(|b| b.pdf().unwrap().to_vec()).collect::<Vec<_>>()
        };
        comemo::evict(0);
        let cold = make();
        let warm = make();
        assert!(!cold.is_empty() && cold == warm);
    }
}
