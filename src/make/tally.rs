//! What a batch did, kept in a size that does not grow with the number of
//! organisations: counts; the problems organisations met, each told once
//! (a problem many share names a few of the documents it was met in, and
//! how many more); the first failed organisations by id; and one warning
//! per language for the organisations without help text in it.

use crate::orgs::LoadedOrg;
use handout_core::{Loc, Problem, Problems};
use std::collections::BTreeMap;

/// How many failed organisations, or organisations without help text in
/// a language, are named by id; the rest are counted.
const NAMED: usize = 20;

/// What a batch did.
#[derive(Default)]
pub struct BatchOutcome {
    /// Problems of the whole run (the project's files, the spreadsheet's
    /// header): when there are errors here, nothing was built.
    pub problems: Problems,
    /// The problems the organisations met (their errors, or warnings),
    /// each told once, in the order first met.
    pub org_problems: Problems,
    /// The first [`NAMED`] organisations that failed, by id.
    pub failed_ids: Vec<String>,
    /// Organisations whose documents were all built (and written).
    pub built: usize,
    /// Organisations that failed.
    pub failed: usize,
    /// Documents written (or checked, with `check`).
    pub documents: usize,
    /// Organisations not begun because the run was asked to stop.
    pub not_begun: usize,
    pub seconds: f64,
    /// By language: the organisations without help text in it.
    no_help: BTreeMap<String, NoHelp>,
}

/// Organisations without help text in one language.
struct NoHelp {
    count: usize,
    named: Vec<String>,
    /// Where the first of them would have given it.
    at: Loc,
}

/// What became of one organisation.
pub(super) enum Done {
    /// Its documents built, and this many were written; its problems.
    Built(usize, Problems),
    /// They did not build (nothing written): why.
    Failed(Problems),
    /// Not begun: the run was asked to stop.
    NotBegun,
}

impl BatchOutcome {
    pub fn ok(&self) -> bool {
        !self.problems.has_errors() && self.failed == 0 && self.not_begun == 0
    }

    /// What became of one organisation, counted, its problems told; `langs`
    /// are the languages the run builds.
    pub(super) fn record(&mut self, loaded: LoadedOrg, done: Done, langs: &[&str]) {
        let problems = match done {
            Done::Built(written, problems) => {
                self.built += 1;
                self.documents += written;
                problems
            }
            Done::Failed(problems) => {
                self.failed += 1;
                if self.failed_ids.len() < NAMED {
                    self.failed_ids.push(loaded.id.clone());
                }
                problems
            }
            Done::NotBegun => {
                self.not_begun += 1;
                return;
            }
        };
        self.org_problems.extend(problems);
        if let Some(org) = &loaded.org {
            for lang in langs.iter().filter(|l| !org.help.contains_key(**l)) {
                let entry = self.no_help.entry(lang.to_string()).or_insert_with(|| NoHelp {
                    count: 0,
                    named: Vec::new(),
                    at: org.help_loc.clone(),
                });
                entry.count += 1;
                if entry.named.len() < NAMED {
                    entry.named.push(org.id.clone());
                }
            }
        }
    }

    /// The warnings for organisations without help text, one a language.
    pub(super) fn finish(&mut self) {
        for (lang, missing) in std::mem::take(&mut self.no_help) {
            let message = match missing.count {
                1 => format!(
                    "organisation `{}` has no help text in `{lang}`: its {lang} documents carry its name and logo only",
                    missing.named[0]
                ),
                n => format!(
                    "{n} organisations have no help text in `{lang}` ({}): their {lang} documents carry their name and logo only",
                    named(&missing.named, n)
                ),
            };
            self.org_problems.push(Problem::warning(message).at(missing.at).help(format!(
                "add `{lang} = \"...\"` under [help] (or a help_{lang} column) to say where visitors get help"
            )));
        }
    }
}

/// The ids named, and how many more there are.
pub fn named(ids: &[String], total: usize) -> String {
    let more = total.saturating_sub(ids.len());
    let list = ids.iter().map(|id| format!("`{id}`")).collect::<Vec<_>>().join(", ");
    if more > 0 { format!("{list} and {more} more") } else { list }
}
