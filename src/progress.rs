//! How a batch shows itself: a progress bar on a terminal, one line per
//! document otherwise (a log, a CI run).

use handout::make::{self, Progress};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::Path;

/// Progress on the console.
pub struct Console {
    bar: Option<ProgressBar>,
    verb: &'static str,
}

impl Console {
    pub fn new(terminal: bool, write: bool) -> Console {
        let bar = terminal.then(|| {
            let bar = ProgressBar::new(0);
            // How fast, and how long still: honest at any size, as
            // indicatif measures the rate over the last documents.
            let style =
                ProgressStyle::with_template("{bar:40} {pos}/{len} documents, {per_sec}, {eta} left ({elapsed}) {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        Console { bar, verb: if write { "wrote" } else { "checked" } }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Progress for Console {
    fn start(&self, documents: usize) {
        if let Some(bar) = &self.bar {
            bar.set_length(documents as u64);
        }
    }

    fn written(&self, path: &Path, bytes: usize, pages: usize) {
        match &self.bar {
            Some(bar) => bar.inc(1),
            None => println!("{} {} ({}, {pages} page(s))", self.verb, make::shown(path), make::size_text(bytes)),
        }
    }

    fn failed(&self, org: &str, documents: usize) {
        match &self.bar {
            Some(bar) => {
                bar.inc(documents as u64);
                bar.set_message(format!("({org} failed)"));
            }
            None => eprintln!("failed: {org} (its problems are listed at the end)"),
        }
    }
}
