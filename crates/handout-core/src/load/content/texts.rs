//! `campaigns/<id>/<lang>/texts.toml`: how the language writes, how the
//! web page lists the campaign, and the texts every platform shares.

use super::super::{At, Checker, parse_toml};
use super::language::{Language, RawLanguage, check_language};
use super::template::{Template, template, turned_around};
use crate::diag::{Kind, Problem, Problems, Source, TextIssue};
use crate::icon::Icons;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The longest a campaign's title on the web page may be.
const MAX_PAGE_TITLE: usize = 80;
/// The longest its one line of what it is about may be.
const MAX_PAGE_ABOUT: usize = 200;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTexts {
    pub(super) language: RawLanguage,
    pub(super) page: RawPage,
    pub(super) text: BTreeMap<String, At<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPage {
    title: At<String>,
    about: At<String>,
}

/// One language's texts of a campaign.
#[derive(Debug)]
pub struct Texts {
    /// The texts file, for messages.
    pub source: Arc<Source>,
    /// How the language writes.
    pub language: Language,
    /// How the web page lists the campaign in this language.
    pub page: PageTexts,
    /// The texts by key (`title`, `intro`, ...), as layouts name them.
    pub texts: BTreeMap<String, Template>,
}

/// How the web page lists a campaign: plain text, one line each.
#[derive(Clone, Debug)]
pub struct PageTexts {
    /// The campaign's name ("LinkedIn: your data not for AI").
    pub title: String,
    /// One line of what it is about.
    pub about: String,
}

impl Texts {
    /// The text a layout names by `key`.
    pub fn text(&self, key: &str) -> Option<&Template> {
        self.texts.get(key)
    }
}

/// Parse and check a language's texts file.
pub fn load_texts(source: Arc<Source>, icons: &Icons, problems: &mut Problems) -> Option<Texts> {
    let raw: RawTexts = parse_toml(&source, problems)?;
    check_texts(source, raw, icons, problems)
}

/// Check what a texts file holds (its own, or a campaign in one file).
pub(super) fn check_texts(source: Arc<Source>, raw: RawTexts, icons: &Icons, problems: &mut Problems) -> Option<Texts> {
    let mut cx = Checker::new(problems);
    let language = check_language(&mut cx, raw.language);
    let page = PageTexts {
        title: page_line(&mut cx, &raw.page.title, MAX_PAGE_TITLE),
        about: page_line(&mut cx, &raw.page.about, MAX_PAGE_ABOUT),
    };
    let mut texts = BTreeMap::new();
    for (key, value) in &raw.text {
        if let Some(t) = template(value, Some(icons), cx.problems) {
            texts.insert(key.clone(), t);
        }
    }
    let language = language?;
    cx.finish(|| Texts { source, language, page, texts })
}

/// A line of the page: not empty, on one line, not too long.
fn page_line(cx: &mut Checker, raw: &At<String>, max: usize) -> String {
    let text = raw.trim();
    let count = text.chars().count();
    if let Some(p) = turned_around(raw) {
        cx.report(p);
    }
    if text.is_empty() {
        cx.report(
            Problem::error("this page text is empty")
                .kind(Kind::Text(TextIssue::Empty))
                .at(raw.loc().clone())
                .help("the web page lists the campaign by its title and one line of what it is about"),
        );
    } else if text.contains('\n') || count > max {
        cx.report(
            Problem::error(format!("this page text must be one line of 1 to {max} characters, not {count}"))
                .kind(Kind::Text(TextIssue::PageLine))
                .at(raw.loc().clone())
                .help("the web page lists the campaign by its title and one line of what it is about"),
        );
    }
    text.to_string()
}
