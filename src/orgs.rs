//! Organisations for a batch: `orgs/<id>.toml` in the project folder, or
//! the rows of a spreadsheet, read from disk with their logos and checked
//! by the core's rules (the web page checks its form by the same ones).

use crate::disk::{Disk, read_source};
use handout_core::{
    Files, MAX_SHEET_BYTES, Org, Problem, Problems, SharedLogos, check_org_sharing, file_id, parse_org, parse_sheet,
    valid_id,
};
use std::collections::BTreeSet;
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

/// Read the organisations `choice` names, from the project folder `root`.
/// Problems that stop them all (no such organisation, a spreadsheet
/// without its header) go to `problems`. A logo file several of them name
/// is read and checked once.
pub fn load_orgs(root: &Path, choice: &OrgChoice, problems: &mut Problems) -> Vec<LoadedOrg> {
    let logos = &mut SharedLogos::default();
    match choice {
        OrgChoice::None => Vec::new(),
        OrgChoice::Ids(ids) => ids.iter().filter_map(|id| org_by_id(root, id, logos, problems)).collect(),
        OrgChoice::All => {
            all_ids(root, problems).iter().filter_map(|id| org_by_id(root, id, logos, problems)).collect()
        }
        OrgChoice::Sheet(path) => orgs_from_sheet(path, logos, problems),
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

fn org_by_id(root: &Path, id: &str, logos: &mut SharedLogos, problems: &mut Problems) -> Option<LoadedOrg> {
    let dir = root.join("orgs");
    let shown = Path::new("orgs").join(format!("{id}.toml"));
    let path = root.join(&shown);
    if !valid_id(id) || !path.is_file() {
        problems.push(Problem::usage(format!("no organisation `{id}`: there is no {}", shown.display())));
        return None;
    }
    let mut own = Problems::new();
    let org = read_source(&path, &shown).map_err(|p| own.push(p)).ok().and_then(|src| {
        let input = parse_org(id, &src, &mut own)?;
        check_org_sharing(input, &mut |name| std::fs::read(dir.join(name)), logos, &mut own)
    });
    Some(LoadedOrg { id: id.to_string(), org, problems: own })
}

/// One organisation per row; logo files are looked up next to the
/// spreadsheet. A second row with an id already used is an error.
fn orgs_from_sheet(path: &Path, logos: &mut SharedLogos, problems: &mut Problems) -> Vec<LoadedOrg> {
    // No more than the core reads: it says what a larger file is.
    let mut bytes = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(MAX_SHEET_BYTES as u64 + 1).read_to_end(&mut bytes));
    match read {
        Ok(_) => {}
        Err(e) => {
            problems.push(Problem::usage(format!("cannot read {}: {e}", path.display())));
            return Vec::new();
        }
    }
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let rows = parse_sheet(path, &bytes, problems);
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for row in rows {
        let id = row.id.get().clone();
        let mut own = Problems::new();
        if !seen.insert(id.clone()) {
            own.push(Problem::error(format!("the id `{id}` is used by an earlier row")).at(row.id.loc().clone()));
        }
        let org = check_org_sharing(row, &mut |name| std::fs::read(dir.join(name)), logos, &mut own);
        out.push(LoadedOrg { id, org: org.filter(|_| !own.has_errors()), problems: own });
    }
    out
}
