//! What the page offers: the project's languages, platforms and layouts,
//! with the names people know them by.

use crate::words::Ui;
use handout_core::{DocId, Format, Project};
use std::collections::BTreeMap;

/// What the page offers, with the names people know them by.
pub struct Catalogue {
    /// Language id and its name in itself.
    pub langs: Vec<(String, String)>,
    pub platforms: Vec<(String, String)>,
    pub layouts: Vec<LayoutEntry>,
}

/// A layout as the page lists it.
pub struct LayoutEntry {
    pub id: String,
    /// Per language of the page.
    pub names: BTreeMap<String, String>,
    pub uses: BTreeMap<String, String>,
    /// It makes an image (a screen), not a PDF to print.
    pub image: bool,
    /// The most characters of an organisation's help text it holds, when
    /// fewer than any organisation may give.
    pub max_help: Option<usize>,
}

impl LayoutEntry {
    /// Its name in `ui`, else its description, else its id.
    pub fn name(&self, ui: Ui) -> &str {
        self.names.get(ui.id()).map(String::as_str).unwrap_or(&self.id)
    }

    pub fn uses(&self, ui: Ui) -> Option<&str> {
        self.uses.get(ui.id()).map(String::as_str)
    }
}

impl Catalogue {
    pub fn new(project: &Project) -> Catalogue {
        let langs = project.contents.iter().map(|c| (c.id.clone(), c.campaign.language.name.clone())).collect();
        let mut platforms: Vec<(String, String)> = Vec::new();
        for p in project.contents.iter().flat_map(|c| &c.platforms) {
            if !platforms.iter().any(|(id, _)| *id == p.id) {
                platforms.push((p.id.clone(), p.name.clone()));
            }
        }
        platforms.sort();
        let mut layouts: Vec<LayoutEntry> = project
            .layouts
            .iter()
            .map(|l| LayoutEntry {
                id: l.id.clone(),
                names: l.names.clone(),
                uses: l.uses.clone(),
                image: l.format != Format::Pdf,
                max_help: l.org_max_help(),
            })
            .collect();
        // By id, so that `flyer-a4` comes before `flyer-a4-large`.
        layouts.sort_by(|a, b| a.id.cmp(&b.id));
        Catalogue { langs, platforms, layouts }
    }

    pub fn lang_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.langs.iter().find(|(l, _)| l == id).map_or(id, |(_, n)| n)
    }

    pub fn platform_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.platforms.iter().find(|(l, _)| l == id).map_or(id, |(_, n)| n)
    }

    pub fn layout(&self, id: &str) -> Option<&LayoutEntry> {
        self.layouts.iter().find(|l| l.id == id)
    }

    /// A document as people say it: "Folder A4 (Nederlands, Facebook)".
    pub fn document(&self, id: &DocId, ui: Ui) -> String {
        let layout = self.layout(&id.layout).map_or(id.layout.as_str(), |l| l.name(ui));
        format!("{layout} ({}, {})", self.lang_name(&id.lang), self.platform_name(&id.platform))
    }
}
