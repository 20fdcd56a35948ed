//! Organisations for a batch: `orgs/<id>.toml` in the project folder, or
//! the rows of a spreadsheet, read from disk with their logos and checked
//! by the core's rules (the web page checks its form by the same ones).

use crate::disk::{Disk, read_source};
use handout_core::{
    Files, MAX_SHEET_BYTES, Org, Problem, Problems, SharedLogos, Sheet, check_org_sharing, file_id, parse_org, valid_id,
};
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Which organisations a run builds for.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum OrgChoice {
    /// None: the anonymous set, as before organisations.
    #[default]
    None,
    /// These ids, from orgs/<id>.toml.
    Ids(Vec<String>),
    /// Every orgs/*.toml.
    All,
    /// One per row of this spreadsheet.
    Sheet(PathBuf),
}

/// An organisation as read: checked, or the problems that stopped it.
pub struct LoadedOrg {
    pub id: String,
    pub org: Option<Org>,
    /// Its own problems (errors and warnings): one organisation's problems
    /// do not stop the others.
    pub problems: Problems,
}

/// Read the organisations `choice` names, from the project folder `root`,
/// all at once (a few: tests, a handful of `--org`s). A batch reads them
/// a part at a time with [`OrgStream`].
pub fn load_orgs(root: &Path, choice: &OrgChoice, problems: &mut Problems) -> Vec<LoadedOrg> {
    let mut stream = OrgStream::open(root, choice, problems);
    std::iter::from_fn(|| Some(stream.next_part(256)).filter(|p| !p.is_empty())).flatten().collect()
}

/// The organisations of a run, read and checked as they are asked for:
/// a spreadsheet of 200,000 rows is never all in memory as organisations,
/// only its text (at most 10 MB) and the ids seen so far. Problems that
/// stop them all (no such organisation, a spreadsheet without its
/// header) are found when it is opened. A logo file several of them name
/// is read and checked once.
pub struct OrgStream {
    from: Origin,
    logos: SharedLogos,
    /// The spreadsheet's ids so far: a second row with one is an error.
    seen: HashSet<String>,
    len: usize,
}

/// Where the organisations come from.
enum Origin {
    /// orgs/<id>.toml in the project folder, for these ids.
    Files { root: PathBuf, ids: std::vec::IntoIter<String> },
    /// A spreadsheet's rows; logos are looked up next to it.
    Sheet { sheet: Box<Sheet>, dir: PathBuf },
}

impl OrgStream {
    /// Open what `choice` names; its problems that stop them all go to `problems`.
    pub fn open(root: &Path, choice: &OrgChoice, problems: &mut Problems) -> OrgStream {
        let files = |ids: Vec<String>| (ids.len(), Origin::Files { root: root.to_path_buf(), ids: ids.into_iter() });
        let (len, from) = match choice {
            OrgChoice::None => files(Vec::new()),
            OrgChoice::Ids(ids) => files(ids.iter().filter(|id| exists(root, id, problems)).cloned().collect()),
            OrgChoice::All => files(all_ids(root, problems)),
            OrgChoice::Sheet(path) => open_sheet(path, problems).unwrap_or_else(|| files(Vec::new())),
        };
        OrgStream { from, logos: SharedLogos::default(), seen: HashSet::new(), len }
    }

    /// How many organisations there are (rows, for a spreadsheet).
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The next `n` organisations, read and checked (fewer at the end).
    pub fn next_part(&mut self, n: usize) -> Vec<LoadedOrg> {
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            let next = match &mut self.from {
                Origin::Files { root, ids } => ids.next().map(|id| org_by_id(root, &id, &mut self.logos)),
                Origin::Sheet { sheet, dir } => next_row(sheet, dir, (&mut self.seen, &mut self.logos)),
            };
            let Some(loaded) = next else { break };
            out.push(loaded);
        }
        out
    }
}

/// The ids of every orgs/*.toml.
fn all_ids(root: &Path, problems: &mut Problems) -> Vec<String> {
    let disk = Disk(root.to_path_buf());
    let files = disk.entries(Path::new("orgs")).unwrap_or_else(|e| {
        problems.push(
            Problem::error(format!("cannot read the orgs folder {}: {e}", disk.full(Path::new("orgs")).display()))
                .help("run handout from the project folder, or pass --root"),
        );
        Vec::new()
    });
    let mut sink = Problems::new();
    let ids: Vec<String> = files.iter().filter_map(|e| file_id(&e.path, "organisation", &mut sink)).collect();
    problems.extend(sink);
    if ids.is_empty() && !problems.has_errors() {
        problems.push(Problem::usage("there are no organisations in orgs/ (orgs/<id>.toml)"));
    }
    ids
}

/// Whether orgs/<id>.toml is there; if not, a usage problem says so.
fn exists(root: &Path, id: &str, problems: &mut Problems) -> bool {
    let shown = Path::new("orgs").join(format!("{id}.toml"));
    let there = valid_id(id) && root.join(&shown).is_file();
    if !there {
        problems.push(Problem::usage(format!("no organisation `{id}`: there is no {}", shown.display())));
    }
    there
}

fn org_by_id(root: &Path, id: &str, logos: &mut SharedLogos) -> LoadedOrg {
    let dir = root.join("orgs");
    let shown = Path::new("orgs").join(format!("{id}.toml"));
    let path = root.join(&shown);
    let mut own = Problems::new();
    let org = read_source(&path, &shown).map_err(|p| own.push(p)).ok().and_then(|src| {
        let input = parse_org(id, &src, &mut own)?;
        check_org_sharing(input, &mut |name| std::fs::read(dir.join(name)), logos, &mut own)
    });
    LoadedOrg { id: id.to_string(), org, problems: own }
}

/// A spreadsheet, opened: its header read, its rows counted (a first
/// reading, whose problems the second reports at each row).
fn open_sheet(path: &Path, problems: &mut Problems) -> Option<(usize, Origin)> {
    // No more than the core reads: it says what a larger file is.
    let mut bytes = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(MAX_SHEET_BYTES as u64 + 1).read_to_end(&mut bytes));
    if let Err(e) = read {
        problems.push(Problem::usage(format!("cannot read {}: {e}", path.display())));
        return None;
    }
    let sheet = Sheet::read(path, &bytes, problems)?;
    let len = {
        let mut counting = Sheet::read(path, &bytes, &mut Problems::new())?;
        let mut quiet = Problems::new();
        std::iter::from_fn(|| counting.next_row(&mut quiet)).count()
    };
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    Some((len, Origin::Sheet { sheet: Box::new(sheet), dir }))
}

/// The next row's organisation; logo files are looked up in `dir`. A
/// second row with an id already used is an error; a row that cannot be
/// read is one that failed.
fn next_row(
    sheet: &mut Sheet,
    dir: &Path,
    (seen, logos): (&mut HashSet<String>, &mut SharedLogos),
) -> Option<LoadedOrg> {
    let mut own = Problems::new();
    let Some(row) = sheet.next_row(&mut own)? else {
        let id = own.iter().find_map(|p| p.loc.as_ref()).map_or_else(|| "a row".to_string(), |l| l.to_string());
        return Some(LoadedOrg { id, org: None, problems: own });
    };
    let id = row.id.get().clone();
    if !seen.insert(id.clone()) {
        own.push(Problem::error(format!("the id `{id}` is used by an earlier row")).at(row.id.loc().clone()));
    }
    let org = check_org_sharing(row, &mut |name| std::fs::read(dir.join(name)), logos, &mut own);
    Some(LoadedOrg { id, org: org.filter(|_| !own.has_errors()), problems: own })
}
