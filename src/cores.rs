//! How the program runs many pieces of work: on every core (rayon). The
//! core hands work to a [`Runner`]; the command line and the web server
//! both use this one.

use handout_core::Runner;
use rayon::prelude::*;

/// Every job at once, on every core: the documents are independent, and
/// the core gives them back in the jobs' order, so output and messages do
/// not depend on the threads.
pub struct OnEveryCore;

impl Runner for OnEveryCore {
    fn map<T: Send, F: Fn(usize) -> T + Sync>(&self, count: usize, f: F) -> Vec<T> {
        (0..count).into_par_iter().map(&f).collect()
    }
}
