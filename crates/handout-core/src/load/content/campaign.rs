//! `campaign.toml`: a language's texts shared by every platform, the
//! deadline and the hosts QR codes may point to.

use super::super::{At, Checker, parse_toml};
use super::language::{Language, RawLanguage, check_language};
use super::template::{Template, template};
use crate::date::Date;
use crate::diag::{Loc, Problem, Problems, Source};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCampaign {
    language: RawLanguage,
    deadline: At<toml::value::Datetime>,
    allowed_hosts: At<Vec<At<String>>>,
    text: BTreeMap<String, At<String>>,
}

/// The texts and rules of one language's campaign.
#[derive(Debug)]
pub struct Campaign {
    /// The campaign file, for messages.
    pub source: Arc<Source>,
    /// How the language writes.
    pub language: Language,
    /// The day from which the after-deadline edition is printed.
    pub deadline: Date,
    /// Where the deadline is written.
    pub deadline_loc: Loc,
    /// The texts by key (`title`, `intro`, ...), as layouts name them.
    pub texts: BTreeMap<String, Template>,
    /// The hosts QR codes may point to (and their subdomains).
    pub allowed_hosts: Vec<String>,
}

impl Campaign {
    /// The text a layout names by `key`.
    pub fn text(&self, key: &str) -> Option<&Template> {
        self.texts.get(key)
    }
}

/// Parse and check a campaign file.
pub fn load_campaign(source: Arc<Source>, problems: &mut Problems) -> Option<Campaign> {
    let raw: RawCampaign = parse_toml(&source, problems)?;
    let mut cx = Checker::new(problems);
    let language = check_language(&mut cx, raw.language);
    let deadline = deadline(&mut cx, &raw.deadline);
    let allowed_hosts = hosts(&mut cx, &raw.allowed_hosts);
    let mut texts = BTreeMap::new();
    for (key, value) in &raw.text {
        if let Some(t) = template(value, cx.problems) {
            texts.insert(key.clone(), t);
        }
    }
    let deadline_loc = raw.deadline.loc().clone();
    let (language, deadline) = (language?, deadline?);
    cx.finish(|| Campaign { source, language, deadline, deadline_loc, texts, allowed_hosts })
}

fn deadline(cx: &mut Checker, raw: &At<toml::value::Datetime>) -> Option<Date> {
    match raw.get() {
        toml::value::Datetime { date: Some(d), time: None, offset: None } => {
            Some(Date { year: d.year, month: d.month, day: d.day })
        }
        _ => {
            cx.report(
                Problem::error("the deadline must be a date without a time")
                    .at(raw.loc().clone())
                    .label("expected a date like 2025-05-27")
                    .help("write it without quotes: deadline = 2025-05-27"),
            );
            None
        }
    }
}

fn hosts(cx: &mut Checker, raw: &At<Vec<At<String>>>) -> Vec<String> {
    let mut allowed = Vec::new();
    for host in raw.get() {
        let h = host.trim().to_ascii_lowercase();
        if h.is_empty() || h.contains(['/', ':', '@', ' ']) || !h.contains('.') {
            cx.report(
                Problem::error(format!("`{}` is not a host name", host.get()))
                    .at(host.loc().clone())
                    .label("expected a host like facebook.com")
                    .help("list bare host names; their subdomains are allowed too"),
            );
        } else {
            allowed.push(h);
        }
    }
    if raw.is_empty() {
        cx.report(
            Problem::error("allowed_hosts is empty, so no form URL can be accepted")
                .at(raw.loc().clone())
                .help("list the hosts the QR codes may point to, e.g. [\"facebook.com\", \"instagram.com\"]"),
        );
    }
    allowed
}
