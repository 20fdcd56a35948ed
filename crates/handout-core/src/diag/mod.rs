//! Problems found in the input, with the place in the file they come from.
//!
//! Every stage reports through [`Problem`]: a message, where it is (file and
//! byte span, turned into line:column on display), what was expected, a
//! hint, and its [`Kind`] (what went wrong, as data: a front end words a
//! problem from its kind, never from its English message). Problems are
//! collected, not thrown, so one run reports them all.
//!
//! The one convention: a step that can find several problems takes
//! `&mut Problems` and returns `Option<T>`, `None` exactly when it reported
//! an error; a step that can fail in one way only returns
//! `Result<T, Problem>`.

mod kind;
mod source;

pub use kind::{EditionIssue, Kind, LinkIssue, LogoIssue, OrgIssue, TextIssue};
pub use source::{Cells, Loc, Source, column_name};

use crate::doc_id::DocId;
use std::fmt;

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
/// How much a problem weighs.
pub enum Severity {
    /// Nothing is made or written.
    Error,
    /// Made and written, but the person building should look (with `strict`, an error).
    Warning,
    /// Information the person building should have, such as which edition
    /// was chosen and why; never an error, not even with --strict.
    Note,
}

/// One problem, ready to show to the person who edits the files. Its
/// details live behind a box: problems are rare, results that may hold one
/// are everywhere, and should stay small.
#[derive(Clone, Debug)]
pub struct Problem(Box<Details>);

/// What a [`Problem`] says; reached through the problem itself.
#[derive(Clone, Debug)]
pub struct Details {
    pub severity: Severity,
    pub message: String,
    pub loc: Option<Loc>,
    /// Short text under the underline in the snippet.
    pub label: Option<String>,
    pub help: Option<String>,
    /// Further places that explain the problem (e.g. the region in the layout).
    pub related: Vec<(Loc, String)>,
    /// What went wrong, as data.
    pub kind: Kind,
    /// The documents that met this problem: one problem shared by several
    /// is reported once, naming the first [`NAMED_DOCUMENTS`] of them.
    pub documents: Vec<DocId>,
    /// How many more documents met it than are named (a batch of 200,000
    /// organisations whose documents all meet one problem keeps a number,
    /// not 200,000 names).
    pub more_documents: usize,
}

/// How many documents a problem met in many names.
pub const NAMED_DOCUMENTS: usize = 50;

impl std::ops::Deref for Problem {
    type Target = Details;
    fn deref(&self) -> &Details {
        &self.0
    }
}

impl std::ops::DerefMut for Problem {
    fn deref_mut(&mut self) -> &mut Details {
        &mut self.0
    }
}

impl Problem {
    /// An error: what it stops is not made.
    pub fn error(message: impl Into<String>) -> Problem {
        Problem(Box::new(Details {
            severity: Severity::Error,
            message: message.into(),
            loc: None,
            label: None,
            help: None,
            related: Vec::new(),
            kind: Kind::Plain,
            documents: Vec::new(),
            more_documents: 0,
        }))
    }

    /// A warning: made anyway, but worth a look.
    pub fn warning(message: impl Into<String>) -> Problem {
        let mut p = Problem::error(message);
        p.severity = Severity::Warning;
        p
    }

    /// A note: what was chosen and why.
    pub fn note(message: impl Into<String>) -> Problem {
        let mut p = Problem::error(message);
        p.severity = Severity::Note;
        p
    }

    /// A command line that asks for something that cannot be.
    pub fn usage(message: impl Into<String>) -> Problem {
        Problem::error(message).kind(Kind::Usage)
    }

    /// What went wrong, for front ends that word problems themselves.
    pub fn kind(mut self, kind: Kind) -> Problem {
        self.kind = kind;
        self
    }

    /// Where in a file it is.
    pub fn at(mut self, loc: Loc) -> Problem {
        self.loc = Some(loc);
        self
    }

    /// Where in a file it is, if known.
    pub fn at_opt(mut self, loc: Option<Loc>) -> Problem {
        self.loc = loc;
        self
    }

    /// The short text under the underlined place.
    pub fn label(mut self, label: impl Into<String>) -> Problem {
        self.label = Some(label.into());
        self
    }

    /// What to do about it.
    pub fn help(mut self, help: impl Into<String>) -> Problem {
        self.help = Some(help.into());
        self
    }

    /// Another place that explains it, and what it is.
    pub fn related(mut self, loc: Loc, what: impl Into<String>) -> Problem {
        self.related.push((loc, what.into()));
        self
    }

    /// Whether it stops what met it.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// A wrong command line (exit code 2), not wrong files (exit code 1).
    pub fn is_usage(&self) -> bool {
        self.kind == Kind::Usage
    }
}

/// Where every stage reports: problems in the order found, each reported
/// once. The convention throughout: a function that can find problems takes
/// `&mut Problems` and returns `Option<T>`, `None` exactly when it reported
/// an error.
#[derive(Clone, Debug, Default)]
pub struct Problems {
    list: Vec<Problem>,
    /// Each problem's one-line text, and where it is in `list`.
    seen: std::collections::HashMap<String, usize>,
    /// Errors reported, repeats included: a repeat still means the work
    /// that reported it failed.
    errors_reported: usize,
}

/// How many errors had been reported at some point (see [`Problems::mark`]).
#[derive(Copy, Clone, Debug)]
pub struct Mark(usize);

impl Problems {
    /// No problems yet.
    pub fn new() -> Problems {
        Problems::default()
    }

    /// Report a problem. One already reported (same text at the same place,
    /// say a font every layout uses) is not repeated; the documents it was
    /// met in are added to the first report.
    pub fn push(&mut self, p: Problem) {
        if p.is_error() {
            self.errors_reported += 1;
        }
        match self.seen.entry(p.to_string()) {
            std::collections::hash_map::Entry::Occupied(e) => {
                let first = &mut self.list[*e.get()];
                first.more_documents += p.more_documents;
                for d in &p.documents {
                    if first.documents.len() >= NAMED_DOCUMENTS {
                        first.more_documents += 1;
                    } else if !first.documents.contains(d) {
                        first.documents.push(d.clone());
                    }
                }
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(self.list.len());
                self.list.push(p);
            }
        }
    }

    /// Report each of `other`, as [`Problems::push`] does.
    pub fn extend(&mut self, other: impl IntoIterator<Item = Problem>) {
        for p in other {
            self.push(p);
        }
    }

    /// Whether any error was reported.
    pub fn has_errors(&self) -> bool {
        self.list.iter().any(Problem::is_error)
    }

    /// How many errors were reported (each once).
    pub fn error_count(&self) -> usize {
        self.list.iter().filter(|p| p.is_error()).count()
    }

    /// Whether nothing at all was reported.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// How many problems were reported (each once).
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// The problems, in the order found.
    pub fn iter(&self) -> std::slice::Iter<'_, Problem> {
        self.list.iter()
    }

    /// Remember how many errors there are now, to ask later whether a
    /// piece of work added any.
    pub fn mark(&self) -> Mark {
        Mark(self.errors_reported)
    }

    /// Whether no error was reported since `mark` (not even a repeat).
    pub fn clean_since(&self, mark: Mark) -> bool {
        self.errors_reported == mark.0
    }

    /// `value` if no error was reported since `mark`.
    pub fn finish<T>(&self, mark: Mark, value: impl FnOnce() -> T) -> Option<T> {
        self.clean_since(mark).then(value)
    }

    /// Make every warning an error (`--strict`).
    pub fn make_warnings_errors(&mut self) {
        for p in &mut self.list {
            if p.severity == Severity::Warning {
                p.severity = Severity::Error;
                self.errors_reported += 1;
            }
        }
    }

    /// The problems, in the order found.
    pub fn into_vec(self) -> Vec<Problem> {
        self.list
    }
}

impl IntoIterator for Problems {
    type Item = Problem;
    type IntoIter = std::vec::IntoIter<Problem>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.into_iter()
    }
}

impl<'a> IntoIterator for &'a Problems {
    type Item = &'a Problem;
    type IntoIter = std::slice::Iter<'a, Problem>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

/// One line, `file:line:col: error: message`, for logs and tests.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(loc) = &self.loc {
            write!(f, "{loc}: ")?;
        }
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        write!(f, "{sev}: {}", self.message)?;
        for (loc, what) in &self.related {
            write!(f, " ({what} at {loc})")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let src = Source::new("a.toml", "x = 1\ntitel = \"ë\"\nz = 3\n");
        assert_eq!(src.line_col(0), (1, 1));
        let off = src.text.find('z').unwrap();
        assert_eq!(src.line_col(off), (3, 1));
        let off = src.text.find('"').unwrap() + 1 + 'ë'.len_utf8();
        assert_eq!(src.line_col(off), (2, 11));
    }

    #[test]
    fn a_problem_shows_as_file_line_and_column() {
        let src = Source::new("campaigns/c/nl/texts.toml", "[campaign]\ndeadlin = 2025-05-27\n");
        let p = Problem::error("unknown key `deadlin`").at(Loc::new(&src, 11..18)).help("did you mean `deadline`?");
        assert_eq!(p.to_string(), "campaigns/c/nl/texts.toml:2:1: error: unknown key `deadlin`");
    }

    #[test]
    fn a_problem_is_reported_once() {
        let mut ps = Problems::new();
        let mark = ps.mark();
        ps.push(Problem::warning("w"));
        assert!(ps.clean_since(mark));
        ps.push(Problem::error("e"));
        let again = ps.mark();
        ps.push(Problem::error("e"));
        assert_eq!(ps.len(), 2);
        assert!(!ps.clean_since(mark) && ps.has_errors());
        assert!(!ps.clean_since(again), "a repeated error still fails the work that repeats it");
        let doc =
            |platform: &str| DocId::new(None, ["c", "nl", platform, "flyer-a4"], crate::edition::Edition::Deadline);
        let mut a = Problem::error("shared");
        a.documents.push(doc("facebook"));
        let mut b = Problem::error("shared");
        b.documents.push(doc("instagram"));
        ps.push(a);
        ps.push(b);
        let shared = ps.iter().find(|p| p.message == "shared").unwrap();
        let names: Vec<String> = shared.documents.iter().map(ToString::to_string).collect();
        assert_eq!(names, ["c/nl/facebook-flyer-a4", "c/nl/instagram-flyer-a4"]);
    }

    #[test]
    fn a_problem_met_in_many_documents_names_a_few_and_counts_the_rest() {
        let mut ps = Problems::new();
        for i in 0..10_000 {
            let mut p = Problem::warning("a layout every organisation meets");
            let org = format!("org-{i}");
            p.documents.push(DocId::new(Some(&org), ["c", "nl", "x", "flyer-a4"], crate::edition::Edition::Deadline));
            ps.push(p);
        }
        let p = ps.iter().next().unwrap();
        assert_eq!((ps.len(), p.documents.len(), p.more_documents), (1, NAMED_DOCUMENTS, 10_000 - NAMED_DOCUMENTS));
    }
}
