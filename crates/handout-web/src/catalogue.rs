//! What the page offers: the project's campaigns (each with its languages
//! and platforms) and layouts, with the names people know them by.

use crate::own::Starter;
use crate::words::Ui;
use handout_core::{Content, Date, DocId, Format, Project, Vars};
use std::collections::BTreeMap;

/// What the page offers, with the names people know them by.
pub struct Catalogue {
    /// In the project's order (by id).
    pub campaigns: Vec<CampaignEntry>,
    pub layouts: Vec<LayoutEntry>,
    /// The languages a handout of one's own can be written in
    /// (`editor/<lang>.toml`); none when the project has no editor/.
    pub starters: Vec<Starter>,
    /// The icons a text may draw (the project's icons/), by name.
    pub icons: Vec<std::sync::Arc<handout_core::Icon>>,
}

/// A campaign as the page lists it.
pub struct CampaignEntry {
    pub id: String,
    /// `None`: a campaign without a deadline (one edition, no callout).
    pub deadline: Option<Date>,
    /// Its languages, in the project's order.
    pub langs: Vec<LangEntry>,
    /// Platform id and name, by id.
    pub platforms: Vec<(String, String)>,
}

/// One language of a campaign, in its own words.
pub struct LangEntry {
    pub id: String,
    /// The language's name in itself ("Nederlands").
    pub name: String,
    /// The campaign's name on the page, in this language.
    pub title: String,
    /// One line of what it is about.
    pub about: String,
    /// The deadline as this language writes it.
    pub date: Option<String>,
    /// What the after-deadline edition calls people to do, in its
    /// headline ("Maak nu bezwaar"): the campaign's own words.
    pub act_now: Option<String>,
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
    /// Its name in `ui`, else its id.
    pub fn name(&self, ui: Ui) -> &str {
        self.names.get(ui.id()).map(String::as_str).unwrap_or(&self.id)
    }

    pub fn uses(&self, ui: Ui) -> Option<&str> {
        self.uses.get(ui.id()).map(String::as_str)
    }
}

impl CampaignEntry {
    fn new(id: &str, contents: &[&Content]) -> CampaignEntry {
        let deadline = contents.first().and_then(|c| c.campaign.deadline.as_ref()).map(|d| d.date);
        let langs = contents.iter().map(|c| lang_entry(c)).collect();
        let mut platforms: Vec<(String, String)> = Vec::new();
        for p in contents.iter().flat_map(|c| &c.platforms) {
            if !platforms.iter().any(|(id, _)| *id == p.id) {
                platforms.push((p.id.clone(), p.name.clone()));
            }
        }
        platforms.sort();
        CampaignEntry { id: id.to_string(), deadline, langs, platforms }
    }

    /// Its words in the page's language, else in its first language.
    pub fn in_ui(&self, ui: Ui) -> Option<&LangEntry> {
        self.langs.iter().find(|l| l.id == ui.id()).or(self.langs.first())
    }

    pub fn lang_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.langs.iter().find(|l| l.id == id).map_or(id, |l| &l.name)
    }

    pub fn platform_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.platforms.iter().find(|(l, _)| l == id).map_or(id, |(_, n)| n)
    }
}

fn lang_entry(c: &Content) -> LangEntry {
    let texts = &c.texts;
    let date = c.campaign.deadline.as_ref().map(|d| texts.language.format_date(d.date));
    let vars = Vars { platform: "", deadline: date.as_deref().unwrap_or(""), url: "", quotes: None };
    let act_now = c.campaign.deadline.as_ref().and(texts.text("after_deadline_headline"));
    LangEntry {
        id: c.id.clone(),
        name: texts.language.name.clone(),
        title: texts.page.title.clone(),
        about: texts.page.about.clone(),
        act_now: act_now.map(|t| t.resolve(&vars).to_plain()),
        date,
    }
}

impl Catalogue {
    pub fn new(project: &Project) -> Catalogue {
        let mut campaigns = Vec::new();
        for campaign in &project.campaigns {
            let contents: Vec<&Content> = project.contents.iter().filter(|c| c.campaign.id == campaign.id).collect();
            if !contents.is_empty() {
                campaigns.push(CampaignEntry::new(&campaign.id, &contents));
            }
        }
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
        let icons = project.icons.all().cloned().collect();
        Catalogue { campaigns, layouts, starters: Vec::new(), icons }
    }

    pub fn campaign(&self, id: &str) -> Option<&CampaignEntry> {
        self.campaigns.iter().find(|c| c.id == id)
    }

    /// The campaign a page shows without being told: the only one.
    pub fn only_campaign(&self) -> Option<&CampaignEntry> {
        match self.campaigns.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }

    /// A language's name in itself, from any campaign that has it.
    pub fn lang_name<'a>(&'a self, id: &'a str) -> &'a str {
        let mut langs = self.campaigns.iter().flat_map(|c| &c.langs);
        langs.find(|l| l.id == id).map_or(id, |l| &l.name)
    }

    pub fn layout(&self, id: &str) -> Option<&LayoutEntry> {
        self.layouts.iter().find(|l| l.id == id)
    }

    /// A document as people say it: "Folder A4 (Nederlands, Facebook)".
    pub fn document(&self, id: &DocId, ui: Ui) -> String {
        let layout = self.layout(&id.layout).map_or(id.layout.as_str(), |l| l.name(ui));
        match self.campaign(&id.campaign) {
            Some(c) => format!("{layout} ({}, {})", c.lang_name(&id.lang), c.platform_name(&id.platform)),
            // A handout of one's own: its language by the editor's name for it.
            None => {
                let lang = self.starters.iter().find(|s| s.id == id.lang).map_or(id.lang.as_str(), |s| s.name.as_str());
                format!("{layout} ({lang}, {})", id.platform)
            }
        }
    }
}
