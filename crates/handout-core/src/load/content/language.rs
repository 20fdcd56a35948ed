//! How a language writes: its tag, hyphenation, direction, quotation marks
//! and dates (`[language]` in a texts.toml).

use super::super::{At, Checker};
use crate::date::Date;
use crate::diag::Problem;
use crate::named::named;
use serde::Deserialize;

named! {
    /// Which way a language's lines run.
    pub enum Direction as "a writing direction" { Ltr = "ltr", Rtl = "rtl" }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLanguage {
    code: At<String>,
    /// The language's name in itself ("Nederlands"), for lists such as the
    /// web page's.
    name: Option<At<String>>,
    hyphenation: Option<At<String>>,
    months: At<Vec<String>>,
    date_format: At<String>,
    #[serde(default)]
    direction: Option<Direction>,
    /// Opening and closing quotation marks; straight `"` pairs in texts
    /// become these.
    #[serde(default)]
    quotes: Option<At<Vec<String>>>,
}

impl RawLanguage {
    /// The language's code, where it is written.
    pub(super) fn code(&self) -> &At<String> {
        &self.code
    }
}

/// How the content's language writes things.
#[derive(Clone, Debug)]
pub struct Language {
    /// BCP 47 tag, e.g. `nl`.
    pub code: String,
    /// Its name in itself ("Nederlands"); the tag when not given.
    pub name: String,
    /// Hyphenation patterns, if the language has them.
    pub hyphenation: Option<hypher::Lang>,
    /// Written right to left (Arabic, Hebrew...): paragraphs, lists and
    /// the QR block are mirrored.
    pub rtl: bool,
    /// Opening and closing quotation marks, for straight `"` pairs.
    pub quotes: Option<(String, String)>,
    months: Vec<String>,
    date_format: String,
}

impl Language {
    /// The words a date is written with.
    pub fn date_words(&self) -> impl Iterator<Item = &str> {
        self.months.iter().map(String::as_str).chain(std::iter::once(self.date_format.as_str()))
    }

    /// A date as readers of this language write it, e.g. "27 mei 2025".
    pub fn format_date(&self, d: Date) -> String {
        self.date_format
            .replace("{day}", &d.day.to_string())
            .replace("{month}", &self.months[usize::from(d.month) - 1])
            .replace("{year}", &d.year.to_string())
    }
}

pub(super) fn check_language(cx: &mut Checker, raw: RawLanguage) -> Option<Language> {
    let mark = cx.problems.mark();
    let code = raw.code.get().clone();
    let tag_ok = !code.is_empty()
        && code.split('-').all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if !tag_ok {
        cx.report(
            Problem::error(format!("`{code}` is not a language tag"))
                .at(raw.code.loc().clone())
                .help("use a BCP 47 tag such as \"nl\" or \"en\""),
        );
    }
    let hyphenation = raw.hyphenation.as_ref().and_then(|h| hyphenation(cx, h));
    if raw.months.len() != 12 {
        cx.report(
            Problem::error(format!("months lists {} names", raw.months.len()))
                .at(raw.months.loc().clone())
                .label("expected the 12 month names, January first"),
        );
    }
    let fmt = raw.date_format.get();
    if !(fmt.contains("{day}") && fmt.contains("{month}") && fmt.contains("{year}")) {
        cx.report(
            Problem::error("date_format must contain {day}, {month} and {year}")
                .at(raw.date_format.loc().clone())
                .help("e.g. \"{day} {month} {year}\" prints 27 mei 2025"),
        );
    }
    let quotes = raw.quotes.as_ref().and_then(|q| quotes(cx, q));
    let name = raw.name.map_or_else(|| code.clone(), |n| n.trim().to_string());
    cx.problems.finish(mark, || Language {
        name,
        code,
        hyphenation,
        rtl: raw.direction == Some(Direction::Rtl),
        quotes,
        months: raw.months.into_inner(),
        date_format: raw.date_format.into_inner(),
    })
}

fn hyphenation(cx: &mut Checker, h: &At<String>) -> Option<hypher::Lang> {
    let lang = <[u8; 2]>::try_from(h.as_bytes()).ok().and_then(hypher::Lang::from_iso);
    if lang.is_none() {
        cx.report(
            Problem::error(format!("no hyphenation patterns for `{}`", h.get()))
                .at(h.loc().clone())
                .help("use a two-letter ISO 639-1 code such as \"nl\", or leave the key out to not hyphenate"),
        );
    }
    lang
}

fn quotes(cx: &mut Checker, q: &At<Vec<String>>) -> Option<(String, String)> {
    match q.as_slice() {
        [open, close] if !open.is_empty() && !close.is_empty() => Some((open.clone(), close.clone())),
        _ => {
            cx.report(
                Problem::error("quotes must name an opening and a closing mark")
                    .at(q.loc().clone())
                    .label("expected two marks, e.g. [\"„\", \"”\"]"),
            );
            None
        }
    }
}
