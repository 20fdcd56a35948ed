//! The one way loaders check values: a [`Checker`] reports each problem
//! where the value was written and gives back a harmless stand-in, so
//! checking goes on and every problem in a file is reported in one run;
//! [`Checker::finish`] then hands out the checked value only if nothing
//! was wrong.

use super::At;
use crate::diag::{Mark, Problem, Problems};
use crate::units::{Mm, Pt};

/// The first character of `text` that changes the direction text is laid
/// out in: the bidi embeddings and overrides (U+202A to U+202E) and
/// isolates (U+2066 to U+2069). Typed into a value that is printed, one
/// makes "Hulp: \u{202E}moc.live\u{202C}" print as "Hulp: evil.com";
/// right-to-left text needs none of them (the bidi algorithm orders it).
pub fn direction_control(text: &str) -> Option<char> {
    text.chars().find(|c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
}

/// The range a number in a file must lie in, and what to call it.
#[derive(Copy, Clone, Debug)]
pub struct Limit {
    pub what: &'static str,
    pub unit: &'static str,
    pub lo: f32,
    pub hi: f32,
}

impl Limit {
    /// A length in millimetres.
    pub const fn mm(what: &'static str, lo: f32, hi: f32) -> Limit {
        Limit { what, unit: " (mm)", lo, hi }
    }

    /// A plain number (font sizes are points, but say so in the name).
    pub const fn number(what: &'static str, lo: f32, hi: f32) -> Limit {
        Limit { what, unit: "", lo, hi }
    }

    pub fn contains(&self, x: f32) -> bool {
        (self.lo..=self.hi).contains(&x)
    }
}

/// Checks one file's values; see the module docs.
pub struct Checker<'p> {
    pub problems: &'p mut Problems,
    mark: Mark,
}

impl<'p> Checker<'p> {
    pub fn new(problems: &'p mut Problems) -> Checker<'p> {
        let mark = problems.mark();
        Checker { problems, mark }
    }

    pub fn report(&mut self, p: Problem) {
        self.problems.push(p);
    }

    /// The number, or the bottom of its range after reporting it.
    pub fn number(&mut self, v: &At<f32>, limit: Limit) -> f32 {
        let x = *v.get();
        if limit.contains(x) {
            return x;
        }
        self.report(
            Problem::error(format!("{}{} {x} is out of range", limit.what, limit.unit))
                .at(v.loc().clone())
                .label(format!("expected a number from {} to {}", limit.lo, limit.hi)),
        );
        limit.lo
    }

    pub fn mm(&mut self, v: &At<f32>, limit: Limit) -> Mm {
        Mm(self.number(v, limit))
    }

    pub fn pt(&mut self, v: &At<f32>, limit: Limit) -> Pt {
        Pt(self.number(v, limit))
    }

    /// An optional length, zero when absent.
    pub fn mm_or_zero(&mut self, v: &Option<At<f32>>, limit: Limit) -> Mm {
        v.as_ref().map_or(Mm::ZERO, |v| self.mm(v, limit))
    }

    /// The checked value, if no error was reported through this checker
    /// (or otherwise) since it was made.
    pub fn finish<T>(self, value: impl FnOnce() -> T) -> Option<T> {
        self.problems.finish(self.mark, value)
    }
}
