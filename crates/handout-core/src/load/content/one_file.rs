//! `campaigns/<id>.toml`: a campaign in one file, with one language. It
//! holds what a campaign folder spreads over three kinds of file, with the
//! same keys: the campaign's own (`deadline`, `allowed_hosts`,
//! `redirect_hosts`) at the top, the texts' tables (`[language]`, `[page]`,
//! `[text]`), and each platform's file as a table `[platform.<id>]`. The web
//! page's editor saves a handout of one's own as such a file, so that the
//! same file dropped into a project's campaigns/ builds there too.

use super::super::{At, Checker, parse_toml, valid_id};
use super::campaign::{Campaign, RawCampaign, check_campaign};
use super::language::RawLanguage;
use super::platform::{RawPlatform, check_platform};
use super::texts::{RawPage, RawTexts, check_texts};
use super::{Content, content};
use crate::diag::{Loc, Problem, Problems, Source};
use crate::icon::Icons;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCampaignFile {
    deadline: Option<At<toml::value::Datetime>>,
    allowed_hosts: At<Vec<At<String>>>,
    #[serde(default)]
    redirect_hosts: Vec<At<String>>,
    language: RawLanguage,
    page: RawPage,
    text: BTreeMap<String, At<String>>,
    platform: At<BTreeMap<String, At<RawPlatform>>>,
}

/// Parse and check a campaign in one file: the campaign and its one
/// language (its id is the language's code). Platforms that fail are
/// reported and left out.
pub fn load_campaign_file(
    id: String,
    source: Arc<Source>,
    icons: &Icons,
    problems: &mut Problems,
) -> Option<(Arc<Campaign>, Content)> {
    let raw: RawCampaignFile = parse_toml(&source, problems)?;
    let own =
        RawCampaign { deadline: raw.deadline, allowed_hosts: raw.allowed_hosts, redirect_hosts: raw.redirect_hosts };
    let campaign = check_campaign(id, Arc::clone(&source), own, problems).map(Arc::new);
    let lang = language_id(&raw.language, problems);
    let texts = RawTexts { language: raw.language, page: raw.page, text: raw.text };
    let texts = check_texts(Arc::clone(&source), texts, icons, problems);
    let platforms = platforms(raw.platform, &source, (campaign.as_deref(), icons), problems);
    let campaign = campaign?;
    let content = content(&campaign, lang?, texts?, platforms, problems)?;
    Some((campaign, content))
}

/// The language's id: its code, which must also be a valid id (it names
/// the output folder).
fn language_id(raw: &RawLanguage, problems: &mut Problems) -> Option<String> {
    let code = raw.code();
    if valid_id(code.get()) {
        return Some(code.get().clone());
    }
    problems
        .push(Problem::error(format!("`{}` cannot name a language's folder", code.get())).at(code.loc().clone()).help(
        "in a campaign of one file the language's code is its id: use lowercase letters, digits and `-`, e.g. \"nl\"",
    ));
    None
}

/// The `[platform.<id>]` tables, checked; at least one.
fn platforms(
    raw: At<BTreeMap<String, At<RawPlatform>>>,
    source: &Arc<Source>,
    against: (Option<&Campaign>, &Icons),
    problems: &mut Problems,
) -> Vec<super::Platform> {
    let mut cx = Checker::new(problems);
    if raw.is_empty() {
        cx.report(
            Problem::error("the campaign has no platform")
                .at(raw.loc().clone())
                .help("add a table [platform.<id>] with its name, form_url and routes"),
        );
    }
    let mut out = Vec::new();
    for (id, table) in raw.into_inner() {
        let at: Loc = table.loc().clone();
        if !valid_id(&id) {
            cx.report(
                Problem::error(format!("platform id `{id}` is not a valid id"))
                    .at(at)
                    .help("platform ids become file names: use lowercase letters, digits and `-`"),
            );
            continue;
        }
        out.extend(check_platform((id, at), Arc::clone(source), table.into_inner(), against, cx.problems));
    }
    out
}
