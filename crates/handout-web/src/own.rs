//! A handout of one's own: what the page's editor asks (a title, steps, a
//! QR link, perhaps a deadline), written as a campaign in one file
//! (`campaigns/<id>.toml`, the core's schema), so that what the page makes
//! and what `handout build` makes of the saved file are the same bytes.
//! The texts the editor does not ask for, and how the language writes,
//! come from the project's `editor/<lang>.toml` (a [`Starter`]). Every
//! value typed is remembered with the span it got in the file, so that a
//! problem the core finds there lands at the field it came from.

use crate::form::Form;
use handout_core::{Files, Loc, Source, valid_id};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

/// The most steps a route may have.
pub const MAX_STEPS: usize = 12;
/// The most routes (e.g. "In the app" and "On the computer").
pub const MAX_ROUTES: usize = 2;

/// What the editor asks, as typed. Empty strings are fields left empty.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Own {
    /// The language the handout is written in: a starter's id.
    pub lang: String,
    /// What the QR code opens, as people know it ("DigiD").
    pub name: String,
    pub kicker: String,
    pub title: String,
    pub intro: String,
    /// `YYYY-MM-DD`, or empty for a handout without a deadline.
    pub deadline: String,
    pub deadline_label: String,
    pub deadline_note: String,
    /// The https address the QR code opens.
    pub url: String,
    pub qr_caption: String,
    /// One or two routes.
    pub routes: Vec<OwnRoute>,
    pub advice: String,
    pub source: String,
}

/// A way to do it, with its steps in order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OwnRoute {
    pub title: String,
    pub steps: Vec<String>,
}

/// The texts of one language that the editor does not ask for, and how
/// the language writes (`editor/<lang>.toml`).
#[derive(Clone, Debug)]
pub struct Starter {
    /// The file's id (`nl`).
    pub id: String,
    /// Its `[language]` table, as TOML.
    language: String,
    /// Its `[text]` table.
    texts: BTreeMap<String, String>,
    /// What the editor's fields start with.
    pub start: Start,
}

/// What the editor's fields start with in a language.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Start {
    pub qr_caption: String,
    pub deadline_label: String,
    pub route_titles: Vec<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStarter {
    language: toml::Table,
    text: BTreeMap<String, String>,
    start: Start,
}

impl Starter {
    /// Every `editor/<lang>.toml` of the project, by id; a file that does
    /// not read is the project's mistake, said in English.
    pub fn all(files: &dyn Files) -> Result<Vec<Starter>, String> {
        let dir = Path::new("editor");
        let entries = files.entries(dir).map_err(|e| format!("cannot read editor/: {e}"))?;
        let mut out = Vec::new();
        for e in entries.iter().filter(|e| !e.is_dir && e.path.extension().is_some_and(|x| x == "toml")) {
            let id = e.path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
            let bytes = files.read(&e.path).map_err(|err| format!("{}: {err}", e.path.display()))?;
            let text = String::from_utf8_lossy(&bytes);
            let raw: RawStarter = toml::from_str(&text).map_err(|err| format!("{}: {err}", e.path.display()))?;
            let language = toml::to_string(&raw.language).map_err(|err| format!("{}: {err}", e.path.display()))?;
            out.push(Starter { id, language, texts: raw.text, start: raw.start });
        }
        Ok(out)
    }
}

/// A handout of one's own as a campaign in one file, with where each
/// typed value went.
#[derive(Clone, Debug)]
pub struct OwnFile {
    /// The campaign's id (from the title): the file is `campaigns/<id>.toml`.
    pub id: String,
    /// The platform's id (from the name of what the code opens).
    pub platform: String,
    /// The file's text.
    pub text: String,
    /// The span of each typed value in `text`, and the editor's field.
    fields: Vec<(Range<usize>, String)>,
}

impl OwnFile {
    /// The file as a source the core reads, named by its path in a project.
    pub fn source(&self) -> Arc<Source> {
        Source::new(format!("campaigns/{}.toml", self.id), self.text.clone())
    }

    /// The editor's field a problem at `loc` is about: the typed value
    /// whose span holds it.
    pub fn field_of(&self, loc: &Loc) -> Option<&str> {
        let at = &loc.span;
        self.fields.iter().find(|(span, _)| span.start <= at.start && at.end <= span.end).map(|(_, f)| f.as_str())
    }
}

/// The form's field names: `own_title`, `own_route_2_step_3`, ...
pub fn route_field(route: usize, what: &str) -> String {
    format!("own_route_{}_{what}", route + 1)
}

/// Whether `name` is one of the editor's fields.
pub fn is_own_field(name: &str) -> bool {
    const PLAIN: [&str; 13] = [
        "own_lang",
        "own_name",
        "own_kicker",
        "own_title",
        "own_intro",
        "own_deadline",
        "own_deadline_label",
        "own_deadline_note",
        "own_url",
        "own_qr_caption",
        "own_advice",
        "own_source",
        "own_file",
    ];
    if PLAIN.contains(&name) {
        return true;
    }
    let Some(rest) = name.strip_prefix("own_route_") else { return false };
    let Some((route, what)) = rest.split_once('_') else { return false };
    let number = |n: &str, max: usize| n.parse::<usize>().is_ok_and(|n| (1..=max).contains(&n));
    number(route, MAX_ROUTES) && (what == "title" || what.strip_prefix("step_").is_some_and(|s| number(s, MAX_STEPS)))
}

impl Own {
    /// What the form says; a route is there when anything of it is typed,
    /// and its steps end at the last one typed (empty ones before it are
    /// kept, for the core to say that they are empty).
    pub fn from_form(form: &Form) -> Own {
        let get = |name: &str| form.all(name).next().unwrap_or("").trim().to_string();
        let mut routes = Vec::new();
        for r in 0..MAX_ROUTES {
            let mut steps: Vec<String> = (1..=MAX_STEPS).map(|n| get(&route_field(r, &format!("step_{n}")))).collect();
            while steps.last().is_some_and(String::is_empty) {
                steps.pop();
            }
            let title = get(&route_field(r, "title"));
            if !title.is_empty() || !steps.is_empty() {
                routes.push(OwnRoute { title, steps });
            }
        }
        Own {
            lang: get("own_lang"),
            name: get("own_name"),
            kicker: get("own_kicker"),
            title: get("own_title"),
            intro: get("own_intro"),
            deadline: get("own_deadline"),
            deadline_label: get("own_deadline_label"),
            deadline_note: get("own_deadline_note"),
            url: get("own_url"),
            qr_caption: get("own_qr_caption"),
            routes,
            advice: get("own_advice"),
            source: get("own_source"),
        }
    }

    /// The handout as a campaign in one file, in the language `starter`
    /// gives.
    pub fn file(&self, starter: &Starter) -> OwnFile {
        let mut w = Writer::default();
        w.line("# A handout of one's own, made with handout's editor. Put this file in a");
        w.line("# project's campaigns/ folder to build it with `handout build`.");
        if !self.deadline.is_empty() {
            w.raw_value("deadline", &self.deadline, "own_deadline");
        }
        w.list("allowed_hosts", &[host_of(&self.url)]);
        w.line("\n[language]");
        w.text.push_str(&starter.language);
        w.line("\n[page]");
        w.value("title", &self.title, "own_title");
        w.value("about", &about(&self.intro), "own_intro");
        w.line("\n[text]");
        self.texts(&mut w, starter);
        let platform = slug(&self.name, "link");
        w.line(&format!("\n[platform.{platform}]"));
        w.value("name", &self.name, "own_name");
        w.value("form_url", &self.url, "own_url");
        for (r, route) in self.routes.iter().enumerate() {
            w.line(&format!("\n[platform.{platform}.route.{}]", ROUTE_IDS[r]));
            w.value("title", &route.title, &route_field(r, "title"));
            w.line("steps = [");
            for (n, step) in route.steps.iter().enumerate() {
                w.text.push_str("  ");
                w.string(step, &route_field(r, &format!("step_{}", n + 1)));
                w.line(",");
            }
            w.line("]");
        }
        OwnFile { id: slug(&self.title, "eigen-folder"), platform, text: w.text, fields: w.fields }
    }

    /// The `[text]` table: what was typed, then the starter's texts (those
    /// about a deadline only with one).
    fn texts(&self, w: &mut Writer, starter: &Starter) {
        let typed = [
            ("kicker", &self.kicker, "own_kicker"),
            ("title", &self.title, "own_title"),
            ("intro", &self.intro, "own_intro"),
            ("qr_caption", &self.qr_caption, "own_qr_caption"),
            ("advice", &self.advice, "own_advice"),
            ("source", &self.source, "own_source"),
            ("card_message", &self.title, "own_title"),
        ];
        for (key, value, field) in typed {
            w.value(key, value, field);
        }
        if !self.deadline.is_empty() {
            w.value("deadline_label", &self.deadline_label, "own_deadline_label");
            w.value("deadline_note", &self.deadline_note, "own_deadline_note");
        }
        for (key, value) in &starter.texts {
            let about_deadline = key.contains("deadline");
            if !about_deadline || !self.deadline.is_empty() {
                w.given(key, value);
            }
        }
    }
}

/// The routes' ids in the file, in order: the ids the layouts place
/// (the pocket card shows the first). Every shipped layout places both,
/// so for now a handout of one's own has two.
const ROUTE_IDS: [&str; MAX_ROUTES] = ["app", "browser"];

/// The web page's one line about it: the intro's first line, at most 200
/// characters.
fn about(intro: &str) -> String {
    let line = intro.lines().next().unwrap_or("");
    line.chars().take(200).collect()
}

/// The host of an address, lowercased; the whole text when it has none
/// (the core then says what is wrong with the address).
fn host_of(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
        .filter(|h| h.contains('.'))
        .unwrap_or_else(|| "example.invalid".to_string())
}

/// An id from a text: lowercase ASCII letters and digits, words joined by
/// `-`, at most 40 characters; `fallback` when nothing is left.
pub fn slug(text: &str, fallback: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à'..='å' => 'a',
            'è'..='ë' => 'e',
            'ì'..='ï' => 'i',
            'ò'..='ö' => 'o',
            'ù'..='ü' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 40 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if valid_id(&out) { out } else { fallback.to_string() }
}

/// Writes TOML, remembering where each typed value went.
#[derive(Default)]
struct Writer {
    text: String,
    fields: Vec<(Range<usize>, String)>,
}

impl Writer {
    fn line(&mut self, line: &str) {
        self.text.push_str(line);
        self.text.push('\n');
    }

    /// `key = "value"`, typed in `field`.
    fn value(&mut self, key: &str, value: &str, field: &str) {
        self.text.push_str(&format!("{key} = "));
        self.string(value, field);
        self.text.push('\n');
    }

    /// `key = value` as written (a date), typed in `field`.
    fn raw_value(&mut self, key: &str, value: &str, field: &str) {
        self.text.push_str(&format!("{key} = "));
        let start = self.text.len();
        // A date is written bare; anything else as text, so that the core
        // says it is not a date rather than that the file does not parse.
        let is_date = value.len() == 10 && value.bytes().all(|b| b.is_ascii_digit() || b == b'-');
        if is_date {
            self.text.push_str(value);
        } else {
            self.text.push_str(&quoted(value));
        }
        self.fields.push((start..self.text.len(), field.to_string()));
        self.text.push('\n');
    }

    /// A quoted string, typed in `field`.
    fn string(&mut self, value: &str, field: &str) {
        let start = self.text.len();
        self.text.push_str(&quoted(value));
        self.fields.push((start..self.text.len(), field.to_string()));
    }

    /// `key = "value"` from the starter.
    fn given(&mut self, key: &str, value: &str) {
        self.line(&format!("{key} = {}", quoted(value)));
    }

    fn list(&mut self, key: &str, values: &[String]) {
        let items: Vec<String> = values.iter().map(|v| quoted(v)).collect();
        self.line(&format!("{key} = [{}]", items.join(", ")));
    }
}

/// A TOML basic string: every character that could end it or break the
/// line escaped.
fn quoted(value: &str) -> String {
    toml::Value::String(value.to_string()).to_string()
}
