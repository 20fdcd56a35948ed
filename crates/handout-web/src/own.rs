//! A handout of one's own: what the page's editor asks (a title, steps, a
//! QR link, perhaps a deadline), written as a campaign in one file
//! (`campaigns/<id>.toml`, the core's schema), so that what the page makes
//! and what `handout build` makes of the saved file are the same bytes.
//! The texts the editor does not ask for, and how the language writes,
//! come from the project's `editor/<lang>.toml` (a [`Starter`]). Every
//! value typed is remembered with the span it got in the file, so that a
//! problem the core finds there lands at the field it came from.

use crate::form::{Form, MAX_ROUTES, MAX_STEPS, is_own_field, route_field};
use crate::slug::slug_or;
use handout_core::{Files, Loc, Source};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

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
    /// The language's name in itself ("Nederlands").
    pub name: String,
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
            let name = raw.language.get("name").and_then(toml::Value::as_str).unwrap_or(&id).to_string();
            out.push(Starter { id, name, language, texts: raw.text, start: raw.start });
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

/// The form as sent, its editor's fields replaced by `fields` (a file
/// opened): the page shows them with the rest of what was chosen.
pub fn with_fields(sent: &Form, fields: Vec<(String, String)>) -> Form {
    let keep = |n: &str| !is_own_field(n) && n != "open" && n != "save";
    let mut texts: Vec<(String, String)> = sent.texts.iter().filter(|(n, _)| keep(n)).cloned().collect();
    texts.extend(fields);
    Form { texts, logo: None }
}

/// The fields of an opened file as the page's script reads them:
/// `{"fields": [[name, value], ...]}`.
pub fn fields_json(fields: &[(String, String)]) -> String {
    serde_json::json!({ "fields": fields }).to_string()
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
        let mut own = Own { routes, ..Own::default() };
        for (field, value) in own.plain_mut() {
            *value = get(field);
        }
        own
    }

    /// Its one-line and one-text fields, each with the form field it is
    /// typed in (the routes are apart).
    fn plain_mut(&mut self) -> [(&'static str, &mut String); 12] {
        [
            ("own_lang", &mut self.lang),
            ("own_name", &mut self.name),
            ("own_kicker", &mut self.kicker),
            ("own_title", &mut self.title),
            ("own_intro", &mut self.intro),
            ("own_deadline", &mut self.deadline),
            ("own_deadline_label", &mut self.deadline_label),
            ("own_deadline_note", &mut self.deadline_note),
            ("own_url", &mut self.url),
            ("own_qr_caption", &mut self.qr_caption),
            ("own_advice", &mut self.advice),
            ("own_source", &mut self.source),
        ]
    }

    /// A handout file saved by the editor (or any campaign in one file),
    /// read back into the editor's fields. Texts it holds that the editor
    /// does not ask for are left behind; `Err` says in English why the
    /// file is not one (the page says it in its own words).
    pub fn from_toml(text: &str) -> Result<Own, String> {
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| e.message().to_string())?;
        let at = |path: &[&str]| -> String {
            let mut v = Some(&table).map(|t| t as &toml::Table);
            let (last, head) = path.split_last().expect("a path");
            for key in head {
                v = v.and_then(|t| t.get(*key)).and_then(toml::Value::as_table);
            }
            match v.and_then(|t| t.get(*last)) {
                Some(toml::Value::String(s)) => s.clone(),
                Some(toml::Value::Datetime(d)) => d.to_string(),
                _ => String::new(),
            }
        };
        let platforms = table.get("platform").and_then(toml::Value::as_table);
        let Some((_, platform)) = platforms.and_then(|p| p.iter().next()) else {
            return Err("the file has no [platform.<id>] table: it is not a handout's file".into());
        };
        let platform = platform.as_table().cloned().unwrap_or_default();
        let route = |id: &str| -> Option<OwnRoute> {
            let r = platform.get("route")?.as_table()?.get(id)?.as_table()?;
            let steps = r.get("steps")?.as_array()?.iter().filter_map(|s| s.as_str().map(str::to_string)).collect();
            Some(OwnRoute { title: r.get("title")?.as_str()?.to_string(), steps })
        };
        let text = |key: &str| at(&["text", key]);
        Ok(Own {
            lang: at(&["language", "code"]),
            name: platform.get("name").and_then(toml::Value::as_str).unwrap_or_default().to_string(),
            kicker: text("kicker"),
            title: text("title"),
            intro: text("intro"),
            deadline: at(&["deadline"]),
            deadline_label: text("deadline_label"),
            deadline_note: text("deadline_note"),
            url: platform.get("form_url").and_then(toml::Value::as_str).unwrap_or_default().to_string(),
            qr_caption: text("qr_caption"),
            routes: ROUTE_IDS.iter().filter_map(|id| route(id)).collect(),
            advice: text("advice"),
            source: text("source"),
        })
    }

    /// The form's fields that show it, as the page fills them in.
    pub fn fields(mut self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self.plain_mut().map(|(k, v)| (k.to_string(), std::mem::take(v))).to_vec();
        for (r, route) in self.routes.iter().enumerate().take(MAX_ROUTES) {
            out.push((route_field(r, "title"), route.title.clone()));
            for (n, step) in route.steps.iter().enumerate().take(MAX_STEPS) {
                out.push((route_field(r, &format!("step_{}", n + 1)), step.clone()));
            }
        }
        out
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
        let (about, from) = match about(&self.intro) {
            a if a.trim().is_empty() => (about(&self.title), "own_title"),
            a => (a, "own_intro"),
        };
        w.value("about", &about, from);
        w.line("\n[text]");
        self.texts(&mut w, starter);
        let platform = slug_or(&self.name, "link");
        w.line(&format!("\n[platform.{platform}]"));
        w.value("name", &self.name, "own_name");
        w.value("form_url", &self.url, "own_url");
        // At least one route: an empty one, for the core to say so at its
        // first step.
        let empty = [OwnRoute::default()];
        let routes = if self.routes.is_empty() { &empty[..] } else { &self.routes[..] };
        for (r, route) in routes.iter().enumerate().take(MAX_ROUTES) {
            w.line(&format!("\n[platform.{platform}.route.{}]", ROUTE_IDS[r]));
            w.value("title", &route.title, &route_field(r, "title"));
            w.text.push_str("steps = ");
            let start = w.text.len();
            w.line("[");
            for (n, step) in route.steps.iter().enumerate() {
                w.text.push_str("  ");
                w.string(step, &route_field(r, &format!("step_{}", n + 1)));
                w.line(",");
            }
            w.text.push(']');
            // A route without steps is said at its first step.
            w.fields.push((start..w.text.len(), route_field(r, "step_1")));
            w.text.push('\n');
        }
        OwnFile { id: slug_or(&self.title, "eigen-folder"), platform, text: w.text, fields: w.fields }
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

/// The routes' ids in the file, in order: the ids the layouts place (the
/// pocket card shows `app`). A handout of one route prints it in each
/// face's first route block.
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
        let is_date = value.len() == 10
            && value.parse::<toml::value::Datetime>().is_ok_and(|d| d.date.is_some() && d.time.is_none());
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
