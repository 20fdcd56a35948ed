//! How a front end runs many pieces of work: one after another, or at
//! once. The core starts no thread; it hands work to a [`Runner`] (the
//! command line's uses every core, the browser's does one after another),
//! and results come back in order, so output never depends on how many
//! threads did it.

/// Runs `count` pieces of work; the results come back in their order.
pub trait Runner: Sync {
    /// `f(0)` to `f(count - 1)`, their results in that order.
    fn map<T: Send, F: Fn(usize) -> T + Sync>(&self, count: usize, f: F) -> Vec<T>;
}

/// One after another, on this thread (the browser; tests).
pub struct InTurn;

impl Runner for InTurn {
    fn map<T: Send, F: Fn(usize) -> T + Sync>(&self, count: usize, f: F) -> Vec<T> {
        (0..count).map(f).collect()
    }
}
