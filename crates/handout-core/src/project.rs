//! The project: `layouts/`, `campaigns/<id>/<lang>/` (or a campaign in one
//! file, `campaigns/<id>.toml`) and `fonts/`, from a [`Files`].
//! This is where the files are found and read; the loaders in
//! [`crate::load`] only check what was read. Only what a run selects is
//! read, so a broken file the run does not need cannot stop it.

use crate::diag::{Kind, Loc, Problem, Problems, Source};
use crate::files::{Entry, Files};
use crate::fonts::FontStore;
use crate::icon::Icons;
use crate::load::content::{Campaign, Content, ContentFiles, load_campaign, load_campaign_file, load_content};
use crate::load::icons::load_icons;
use crate::load::layout::{Layout, load_layout};
use crate::load::{source_from_bytes, valid_id};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

/// Everything a run reads.
pub struct Project {
    /// Where its files were read.
    pub files: Arc<dyn Files>,
    /// Its layouts, by id.
    pub layouts: Vec<Layout>,
    /// The icons its texts may draw (`icons/icons.toml`; none without it).
    pub icons: Arc<Icons>,
    /// Its campaigns that loaded, by id.
    pub campaigns: Vec<Arc<Campaign>>,
    /// One per language folder of each campaign, by campaign and language.
    pub contents: Vec<Content>,
    /// The ids of every file and folder found, loaded or not, so that a
    /// filter naming something that exists is never told it does not.
    pub found: Found,
}

/// Ids found in the project.
#[derive(Default, Debug)]
pub struct Found {
    /// The campaign folders in campaigns/.
    pub campaigns: BTreeSet<String>,
    /// The language folders in any campaign.
    pub languages: BTreeSet<String>,
    /// The platform files in any language folder of any campaign.
    pub platforms: BTreeSet<String>,
    /// The layout files in layouts/.
    pub layouts: BTreeSet<String>,
}

/// Which ids of one kind a run takes: all, or those named.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Choice(Option<BTreeSet<String>>);

impl Choice {
    /// Every id.
    pub fn all() -> Choice {
        Choice(None)
    }

    /// Only these ids.
    pub fn only<S: Into<String>>(ids: impl IntoIterator<Item = S>) -> Choice {
        Choice(Some(ids.into_iter().map(Into::into).collect()))
    }

    /// `Some(id)`: only it; `None`: all.
    pub fn one(id: Option<String>) -> Choice {
        Choice(id.map(|i| BTreeSet::from([i])))
    }

    /// Whether `id` is taken.
    pub fn keeps(&self, id: &str) -> bool {
        self.0.as_ref().is_none_or(|ids| ids.contains(id))
    }

    /// The ids named, if only some are taken.
    pub fn named(&self) -> impl Iterator<Item = &str> {
        self.0.iter().flatten().map(String::as_str)
    }
}

/// Which campaigns, languages, platforms and layouts a run takes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selection {
    /// Which campaigns.
    pub campaigns: Choice,
    /// Which languages.
    pub langs: Choice,
    /// Which platforms.
    pub platforms: Choice,
    /// Which layouts.
    pub layouts: Choice,
}

impl Selection {
    /// Every document of the project.
    pub fn all() -> Selection {
        Selection::default()
    }

    /// At most one campaign, language, platform and layout (`None`: all
    /// of them).
    pub fn one(campaign: Option<&str>, lang: Option<&str>, platform: Option<&str>, layout: Option<&str>) -> Selection {
        let one = |id: Option<&str>| Choice::one(id.map(str::to_string));
        Selection { campaigns: one(campaign), langs: one(lang), platforms: one(platform), layouts: one(layout) }
    }

    /// Ids it names that the project does not have are usage problems
    /// (a name whose file failed to load is not: its problems say why).
    pub fn check(&self, found: &Found, problems: &mut Problems) {
        let mut check = |what: &str, choice: &Choice, known: &BTreeSet<String>| {
            for f in choice.named().filter(|f| !known.is_empty() && !known.contains(*f)) {
                problems.push(Problem::usage(unknown_id(what, f, known.iter().map(String::as_str))));
            }
        };
        check("campaign", &self.campaigns, &found.campaigns);
        check("language", &self.langs, &found.languages);
        check("platform", &self.platforms, &found.platforms);
        check("layout", &self.layouts, &found.layouts);
    }
}

/// "no platform `tiktok`; the platforms are: facebook, instagram": how
/// every front end says that a name it was given is not one of `known`.
/// At most 60 characters of `id` are shown, escaped.
pub fn unknown_id<'a>(what: &str, id: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    let shown: String = id.chars().take(60).collect();
    let known: Vec<&str> = known.into_iter().collect();
    format!("no {what} `{}`; the {what}s are: {}", shown.escape_debug(), known.join(", "))
}

impl Project {
    /// A font store reading this project's fonts/.
    pub fn font_store(&self) -> FontStore {
        FontStore::new(Arc::clone(&self.files))
    }
}

/// Load what `sel` selects from `files`. Problems (errors and warnings)
/// go to `problems`; the project is returned as far as it could be read.
pub fn load(files: Arc<dyn Files>, sel: &Selection, problems: &mut Problems) -> Project {
    let mut found = Found::default();
    let layouts = load_layouts(files.as_ref(), sel, &mut found, problems);
    let icons = Arc::new(read_icons(files.as_ref(), problems));
    let (campaigns, contents) = load_campaigns(files.as_ref(), (sel, &icons), &mut found, problems);
    Project { files, layouts, icons, campaigns, contents, found }
}

/// The project's icons: `icons/icons.toml` and the SVG files it names.
fn read_icons(files: &dyn Files, problems: &mut Problems) -> Icons {
    let index = Path::new("icons/icons.toml");
    if !files.is_file(index) {
        return Icons::default();
    }
    let Some(source) = file_source(files, index).map_err(|p| problems.push(p)).ok() else {
        return Icons::default();
    };
    let read = |file: &str| {
        files.read(&Path::new("icons").join(file)).map(std::borrow::Cow::into_owned).map_err(|e| e.to_string())
    };
    load_icons(source, &read, problems)
}

fn sorted_entries(files: &dyn Files, dir: &Path, problems: &mut Problems, what: &str) -> Vec<Entry> {
    files.entries(dir).unwrap_or_else(|e| {
        problems.push(
            Problem::error(format!("cannot read the {what} folder {}: {e}", files.full(dir).display()))
                .kind(Kind::FolderUnreadable),
        );
        Vec::new()
    })
}

/// A project file as a source for messages, named by its path in the project.
fn file_source(files: &dyn Files, path: &Path) -> Result<Arc<Source>, Problem> {
    let bytes = files.read(path).map_err(|e| Problem::error(format!("cannot read {}: {e}", path.display())))?;
    source_from_bytes(path, bytes.into_owned())
}

/// The id a file name gives (`flyer-a4.toml` is `flyer-a4`), if it is a
/// TOML file.
fn toml_id(path: &Path) -> Option<String> {
    (path.extension()? == "toml").then(|| path.file_stem().unwrap_or_default().to_string_lossy().into_owned())
}

/// The id a TOML file's name gives (`flyer-a4.toml` is `flyer-a4`), if it
/// is a valid one; else reported. `None` for files that are not TOML.
pub fn file_id(path: &Path, what: &str, problems: &mut Problems) -> Option<String> {
    let id = toml_id(path)?;
    if valid_id(&id) {
        return Some(id);
    }
    problems.push(
        Problem::error(format!("{what} file name `{}` is not a valid id", path.display()))
            .help(format!("{what} ids become file names: use lowercase letters, digits and `-`")),
    );
    None
}

fn load_layouts(files: &dyn Files, sel: &Selection, found: &mut Found, problems: &mut Problems) -> Vec<Layout> {
    let dir = Path::new("layouts");
    let mut out = Vec::new();
    for Entry { path, .. } in sorted_entries(files, dir, problems, "layouts") {
        let Some(id) = file_id(&path, "layout", problems) else { continue };
        found.layouts.insert(id.clone());
        if !sel.layouts.keeps(&id) {
            continue;
        }
        let mut parent = |name: &str, ps: &mut Problems| -> Option<Arc<Source>> {
            let p = dir.join(format!("{name}.toml"));
            if !valid_id(name) || !files.is_file(&p) {
                return None;
            }
            file_source(files, &p).map_err(|e| ps.push(e)).ok()
        };
        match file_source(files, &path) {
            Ok(src) => out.extend(load_layout(id, src, &mut parent, problems)),
            Err(p) => problems.push(p),
        }
    }
    out
}

/// Every selected campaign that loads, and the contents of its selected
/// languages.
fn load_campaigns(
    files: &dyn Files,
    (sel, icons): (&Selection, &Icons),
    found: &mut Found,
    problems: &mut Problems,
) -> (Vec<Arc<Campaign>>, Vec<Content>) {
    let (mut campaigns, mut contents) = (Vec::new(), Vec::new());
    for Entry { path: dir, is_dir } in sorted_entries(files, Path::new("campaigns"), problems, "campaigns") {
        if !is_dir {
            if let Some((campaign, content)) = campaign_file(files, &dir, (sel, icons), found, problems) {
                campaigns.push(campaign);
                contents.extend(content);
            }
            continue;
        }
        let Some(id) = folder_id(&dir, is_dir, "campaign", problems) else { continue };
        if !found.campaigns.insert(id.clone()) {
            problems.push(twice(&id));
            continue;
        }
        if !sel.campaigns.keeps(&id) {
            continue;
        }
        let campaign = file_source(files, &dir.join("campaign.toml"))
            .map_err(|p| problems.push(p.help("every campaign folder needs a campaign.toml")))
            .ok()
            .and_then(|src| load_campaign(id, src, problems));
        let read = read_languages(files, &dir, sel, found, problems);
        let Some(campaign) = campaign.map(Arc::new) else { continue };
        if read.is_empty() && !found_language_in(files, &dir) {
            problems.push(
                Problem::error(format!("campaign folder {} has no language folders", dir.display()))
                    .help("add one folder per language, e.g. nl/, holding texts.toml and the platforms' files"),
            );
        }
        warn_missing_platforms(&dir, &read, problems);
        contents.extend(read.into_iter().filter_map(|f| load_content(&campaign, f, icons, problems)));
        campaigns.push(campaign);
    }
    (campaigns, contents)
}

/// A campaign in one file (`campaigns/<id>.toml`), if selected, with its
/// language if that is selected, and only its selected platforms.
fn campaign_file(
    files: &dyn Files,
    path: &Path,
    (sel, icons): (&Selection, &Icons),
    found: &mut Found,
    problems: &mut Problems,
) -> Option<(Arc<Campaign>, Option<Content>)> {
    let id = file_id(path, "campaign", problems)?;
    if !found.campaigns.insert(id.clone()) {
        problems.push(twice(&id));
        return None;
    }
    if !sel.campaigns.keeps(&id) {
        return None;
    }
    let source = file_source(files, path).map_err(|p| problems.push(p)).ok()?;
    let (campaign, mut content) = load_campaign_file(id, source, icons, problems)?;
    found.languages.insert(content.id.clone());
    found.platforms.extend(content.platforms.iter().map(|p| p.id.clone()));
    content.platforms.retain(|p| sel.platforms.keeps(&p.id));
    Some((campaign, sel.langs.keeps(&content.id).then_some(content)))
}

/// A campaign folder and a campaign file of one name.
fn twice(id: &str) -> Problem {
    Problem::error(format!("campaigns/ holds both a folder `{id}` and a file `{id}.toml`"))
        .help("a campaign is a folder or one file: rename or remove one of them")
}

/// A folder's id, if it is a folder and its name a valid id (else reported).
fn folder_id(dir: &Path, is_dir: bool, what: &str, problems: &mut Problems) -> Option<String> {
    if !is_dir {
        return None;
    }
    let id = dir.file_name()?.to_string_lossy().into_owned();
    if valid_id(&id) {
        return Some(id);
    }
    problems.push(
        Problem::error(format!("{what} folder `{}` is not a valid id", dir.display()))
            .help("use lowercase letters, digits and `-`, e.g. `nl`, `pt-br` or `example-campaign`"),
    );
    None
}

/// Whether a campaign folder has any folder at all (selected or not).
fn found_language_in(files: &dyn Files, dir: &Path) -> bool {
    files.entries(dir).is_ok_and(|e| e.iter().any(|e| e.is_dir))
}

/// The selected language folders of a campaign, read.
fn read_languages(
    files: &dyn Files,
    campaign_dir: &Path,
    sel: &Selection,
    found: &mut Found,
    problems: &mut Problems,
) -> Vec<ContentFiles> {
    let mut read = Vec::new();
    for Entry { path: dir, is_dir } in sorted_entries(files, campaign_dir, problems, "campaign") {
        let Some(id) = folder_id(&dir, is_dir, "language", problems) else { continue };
        found.languages.insert(id.clone());
        if sel.langs.keeps(&id) {
            read.push(read_content(files, &dir, id, sel, found, problems));
        }
    }
    read
}

/// Read a language folder's files.
fn read_content(
    files: &dyn Files,
    dir: &Path,
    id: String,
    sel: &Selection,
    found: &mut Found,
    problems: &mut Problems,
) -> ContentFiles {
    let texts = file_source(files, &dir.join("texts.toml"))
        .map_err(|p| problems.push(p.help("every language folder needs a texts.toml")))
        .ok();
    let mut platforms = Vec::new();
    let mut has_platforms = false;
    for Entry { path, .. } in sorted_entries(files, dir, problems, "language") {
        if toml_id(&path).as_deref() == Some("texts") {
            continue;
        }
        has_platforms |= toml_id(&path).is_some();
        let Some(pid) = file_id(&path, "platform", problems) else { continue };
        found.platforms.insert(pid.clone());
        if !sel.platforms.keeps(&pid) {
            continue;
        }
        match file_source(files, &path) {
            Ok(src) => platforms.push((pid, src)),
            Err(p) => problems.push(p),
        }
    }
    ContentFiles { id, shown: dir.to_path_buf(), texts, platforms, has_platforms }
}

/// A platform in one language of a campaign but not another is built only
/// where it is: say so, naming the languages that lack it.
fn warn_missing_platforms(campaign_dir: &Path, files: &[ContentFiles], problems: &mut Problems) {
    let mut where_: BTreeMap<&str, Vec<(&str, &Arc<Source>)>> = BTreeMap::new();
    for f in files {
        for (pid, src) in &f.platforms {
            where_.entry(pid).or_default().push((&f.id, src));
        }
    }
    for (pid, present) in where_ {
        let missing: Vec<&str> =
            files.iter().map(|f| f.id.as_str()).filter(|l| !present.iter().any(|(p, _)| p == l)).collect();
        if missing.is_empty() {
            continue;
        }
        let (_, src) = present[0];
        let lacking: Vec<String> =
            missing.iter().map(|l| format!("{}/{l}/{pid}.toml", campaign_dir.display())).collect();
        problems.push(
            Problem::warning(format!(
                "platform `{pid}` has no file in {}, so it is built only in {}",
                missing.join(", "),
                present.iter().map(|(l, _)| *l).collect::<Vec<_>>().join(", ")
            ))
            .at(Loc::new(src, 0..0))
            .help(format!("translate this file into {} to build it there too", lacking.join(", "))),
        );
    }
}
