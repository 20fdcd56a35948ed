//! Content: one folder per language, `campaign.toml` plus one file per
//! platform. Each file has a raw serde type (private to its module) and a
//! checked public type.

mod campaign;
mod language;
mod platform;
mod template;
mod url;

pub use campaign::{Campaign, load_campaign};
pub use language::Language;
pub use platform::{Platform, Route, load_platform};
pub use template::{Template, Vars, template};
pub use url::MAX_URL_LEN;

use crate::diag::{Problem, Problems, Source};
use std::path::Path;
use std::sync::Arc;

/// One language's content: the campaign and its platforms (`data/<lang>/`).
#[derive(Debug)]
pub struct Content {
    /// The folder name under data/, e.g. `nl`.
    pub id: String,
    /// The texts every platform shares.
    pub campaign: Campaign,
    /// Its platforms, by id.
    pub platforms: Vec<Platform>,
}

impl Content {
    /// The scripts (other than Latin) its texts are written in: which
    /// script fonts its documents need.
    pub fn scripts(&self) -> std::collections::BTreeSet<crate::script::Script> {
        let c = &self.campaign;
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
    /// `None` when campaign.toml could not be read (already reported).
    pub campaign: Option<Arc<Source>>,
    /// Platform ids (from the file names) and their files, sorted: those
    /// selected.
    pub platforms: Vec<(String, Arc<Source>)>,
    /// Whether the folder has any platform file, selected or not.
    pub has_platforms: bool,
}

/// Check a language folder's files. Platforms that fail are reported and
/// left out; the content fails if its campaign does.
pub fn load_content(files: ContentFiles, problems: &mut Problems) -> Option<Content> {
    let campaign = files.campaign.and_then(|c| load_campaign(c, problems));
    let mut platforms = Vec::new();
    for (id, source) in files.platforms {
        platforms.extend(load_platform(id, source, campaign.as_ref(), problems));
    }
    let campaign = campaign?;
    if !files.has_platforms {
        problems.push(
            Problem::error(format!("{} has no platform files", shown(&files.shown)))
                .help("add one file per platform, e.g. facebook.toml, next to campaign.toml"),
        );
    }
    Some(Content { id: files.id, campaign, platforms })
}

fn shown(p: &Path) -> String {
    p.display().to_string()
}
