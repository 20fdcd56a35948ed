//! Content: one folder per campaign (`campaigns/<id>/`: `campaign.toml`)
//! holding one folder per language (`texts.toml` plus one file per
//! platform), or one file (`campaigns/<id>.toml`: a campaign of one
//! language, as the web page's editor saves it). Each file has a raw serde
//! type (private to its module) and a checked public type.

mod campaign;
mod language;
mod one_file;
mod platform;
mod template;
mod texts;
mod url;

pub use campaign::{Campaign, Deadline, load_campaign};
pub use language::Language;
pub use one_file::load_campaign_file;
pub use platform::{Platform, Route, load_platform};
pub use template::{Template, Vars, template};
pub use texts::{PageTexts, Texts, load_texts};
pub use url::HostRules;
pub use url::MAX_URL_LEN;

use crate::diag::{Problem, Problems, Source};
use crate::icon::Icons;
use std::path::Path;
use std::sync::Arc;

/// One language of one campaign: its texts and platforms
/// (`campaigns/<campaign>/<lang>/`).
#[derive(Debug)]
pub struct Content {
    /// The campaign it belongs to.
    pub campaign: Arc<Campaign>,
    /// The language folder's name, e.g. `nl`.
    pub id: String,
    /// The texts every platform shares.
    pub texts: Texts,
    /// Its platforms, by id.
    pub platforms: Vec<Platform>,
}

impl Content {
    /// The scripts (other than Latin) its texts are written in: which
    /// script fonts its documents need.
    pub fn scripts(&self) -> std::collections::BTreeSet<crate::script::Script> {
        let c = &self.texts;
        let mut texts: Vec<String> = c.texts.values().map(Template::text).collect();
        texts.extend(c.language.date_words().map(str::to_string));
        for p in &self.platforms {
            texts.push(p.name.clone());
            for r in p.routes.values() {
                texts.push(r.title.text());
                texts.extend(r.steps.iter().map(Template::text));
            }
        }
        texts.iter().flat_map(|t| t.chars()).filter_map(crate::script::Script::of).collect()
    }
}

/// The files of one language folder, read.
pub struct ContentFiles {
    /// The id, from the folder name.
    pub id: String,
    /// The folder as shown in messages.
    pub shown: std::path::PathBuf,
    /// `None` when texts.toml could not be read (already reported).
    pub texts: Option<Arc<Source>>,
    /// Platform ids (from the file names) and their files, sorted: those
    /// selected.
    pub platforms: Vec<(String, Arc<Source>)>,
    /// Whether the folder has any platform file, selected or not.
    pub has_platforms: bool,
}

/// Check a language folder's files against its campaign. Platforms that
/// fail are reported and left out; the content fails if its texts do.
pub fn load_content(
    campaign: &Arc<Campaign>,
    files: ContentFiles,
    icons: &Icons,
    problems: &mut Problems,
) -> Option<Content> {
    let texts = files.texts.and_then(|t| load_texts(t, icons, problems));
    let mut platforms = Vec::new();
    for (id, source) in files.platforms {
        platforms.extend(load_platform(id, source, (Some(campaign), icons), problems));
    }
    if !files.has_platforms {
        problems.push(
            Problem::error(format!("{} has no platform files", shown(&files.shown)))
                .help("add one file per platform (its id is the file name, e.g. example.toml) next to texts.toml"),
        );
    }
    content(campaign, files.id, texts?, platforms, problems)
}

/// One language of a campaign, from its checked texts and platforms.
fn content(
    campaign: &Arc<Campaign>,
    id: String,
    texts: Texts,
    platforms: Vec<Platform>,
    problems: &mut Problems,
) -> Option<Content> {
    if campaign.deadline.is_none() {
        no_deadline_in(&texts, &platforms, problems);
    }
    unspoken_icons(&texts, &platforms, problems);
    Some(Content { campaign: Arc::clone(campaign), id, texts, platforms })
}

fn shown(p: &Path) -> String {
    p.display().to_string()
}

/// Every icon a language's texts draw needs words a screen reader says
/// for it in that language.
fn unspoken_icons(texts: &Texts, platforms: &[Platform], problems: &mut Problems) {
    let code = texts.language.code.as_str();
    for t in all_templates(texts, platforms) {
        for icon in t.icons().filter(|i| i.alt(code).is_none()) {
            problems.push(
                Problem::error(format!("icon `{}` has no words for a screen reader in `{code}`", icon.name))
                    .at(t.loc.clone())
                    .related(icon.loc.clone(), "the icon is described here")
                    .help(format!("add `{code} = \"...\"` to its `alt` in icons/icons.toml")),
            );
        }
    }
}

/// Every text of a language: its texts, and each platform's route titles and steps.
fn all_templates<'a>(texts: &'a Texts, platforms: &'a [Platform]) -> impl Iterator<Item = &'a Template> {
    let steps =
        platforms.iter().flat_map(|p| p.routes.values()).flat_map(|r| std::iter::once(&r.title).chain(&r.steps));
    texts.texts.values().chain(steps)
}

/// A campaign without a deadline has no date to put in `{deadline}`.
fn no_deadline_in(texts: &Texts, platforms: &[Platform], problems: &mut Problems) {
    for t in all_templates(texts, platforms).filter(|t| t.uses("deadline")) {
        problems.push(
            Problem::error("this text uses {deadline}, but the campaign has no deadline")
                .at(t.loc.clone())
                .help("add `deadline = YYYY-MM-DD` to the campaign's campaign.toml, or leave {deadline} out"),
        );
    }
}
