//! What a form asks for, checked against the project: which campaign,
//! which of its languages and platforms and which layouts (ids the project
//! has, nothing else), which edition, and the organisation as the same [`OrgInput`] that
//! orgs/<id>.toml gives, each value located in its own form field so that
//! a problem lands next to the field it is about.

use crate::catalogue::{CampaignEntry, Catalogue};
use crate::form::{Form, Refused, is_help_field};
use crate::slug::slug;
use crate::words::Ui;
use handout_core::{At, Choice, EditionChoice, Loc, OrgInput, Selection, Source, unknown_id};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// A checked request.
#[derive(Clone)]
pub struct Order {
    pub ui: Ui,
    /// The campaign's id.
    pub campaign: String,
    /// Ids the campaign (or, for layouts, the project) has, sorted.
    pub langs: Vec<String>,
    pub platforms: Vec<String>,
    pub layouts: Vec<String>,
    pub edition: EditionChoice,
    /// The organisation, when a name (or anything else about one) is given.
    pub org: Option<OrgForm>,
    /// The page a preview shows, from 1.
    pub page: usize,
}

/// The organisation's fields, ready to be checked by the organisation rules.
#[derive(Clone)]
pub struct OrgForm {
    pub input: OrgInput,
    pub logo: Option<Arc<[u8]>>,
}

/// The field a form source stands for: its sources are named after them.
pub fn field_of(loc: &Loc) -> Option<String> {
    let name = loc.path().to_str()?;
    (crate::form::FIELDS.contains(&name) || is_help_field(name)).then(|| name.to_string())
}

/// Read the order in `form`. Ids the project does not have are refused;
/// an empty choice is left for [`Order::missing`] to report next to its field.
pub fn order(form: &Form, cat: &Catalogue) -> Result<Order, Refused> {
    let ui = Ui::from_form(form);
    let campaign = campaign(form, cat)?;
    let langs = ids(form, "lang", "language", campaign.langs.iter().map(|l| l.id.as_str()))?;
    let platforms = ids(form, "platform", "platform", campaign.platforms.iter().map(|(id, _)| id.as_str()))?;
    let layouts = ids(form, "layout", "layout", cat.layouts.iter().map(|l| l.id.as_str()))?;
    let name = form.get("edition").unwrap_or("auto");
    let edition = EditionChoice::from_name(name)
        .ok_or_else(|| Refused::Bad(unknown_id("edition", name, EditionChoice::NAMES)))?;
    let page = page_of(form)?;
    let org = org_form(form, &langs);
    Ok(Order { ui, campaign: campaign.id.clone(), langs, platforms, layouts, edition, org, page })
}

/// The page of the first document a preview shows, from 1.
pub(crate) fn page_of(form: &Form) -> Result<usize, Refused> {
    match form.get("page") {
        None => Ok(1),
        Some(p) => p
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=99).contains(n))
            .ok_or_else(|| Refused::Bad(format!("`page` must be a page number from 1, not `{}`", p.escape_debug()))),
    }
}

/// The campaign the form names; a project of one campaign needs no name.
fn campaign<'c>(form: &Form, cat: &'c Catalogue) -> Result<&'c CampaignEntry, Refused> {
    let known = || cat.campaigns.iter().map(|c| c.id.as_str());
    match form.get("campaign").map(str::trim) {
        Some(id) => cat.campaign(id).ok_or_else(|| Refused::Bad(unknown_id("campaign", id, known()))),
        None => cat.only_campaign().ok_or_else(|| {
            Refused::Bad(format!(
                "the form names no campaign; the campaigns are: {}",
                known().collect::<Vec<_>>().join(", ")
            ))
        }),
    }
}

impl Order {
    /// The fields that choose nothing (a document needs a language, a
    /// platform and a layout).
    pub fn missing(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        for (field, chosen) in [("lang", &self.langs), ("platform", &self.platforms), ("layout", &self.layouts)] {
            if chosen.is_empty() {
                out.push(field);
            }
        }
        out
    }

    /// How many documents it makes.
    pub fn count(&self) -> usize {
        self.langs.len() * self.platforms.len() * self.layouts.len()
    }

    /// The documents it chooses.
    pub fn selection(&self) -> Selection {
        Selection {
            campaigns: Choice::only([self.campaign.clone()]),
            langs: Choice::only(self.langs.iter().cloned()),
            platforms: Choice::only(self.platforms.iter().cloned()),
            layouts: Choice::only(self.layouts.iter().cloned()),
        }
    }
}

/// The ids chosen in `field`, each one of `known`.
pub(crate) fn ids<'k>(
    form: &Form,
    field: &str,
    what: &str,
    known: impl Iterator<Item = &'k str>,
) -> Result<Vec<String>, Refused> {
    let known: BTreeSet<&str> = known.collect();
    let mut chosen = BTreeSet::new();
    for v in form.all(field).map(str::trim).filter(|v| !v.is_empty()) {
        if !known.contains(v) {
            return Err(Refused::Bad(unknown_id(what, v, known.iter().copied())));
        }
        chosen.insert(v.to_string());
    }
    Ok(chosen.into_iter().collect())
}

/// A form field's value as a located value: its own source, named after
/// the field.
fn located(field: &str, value: &str) -> At<String> {
    let source = Source::new(field, value);
    At::new(value.to_string(), Loc::new(&source, 0..value.len()))
}

/// The organisation, if the form gives any of its fields.
pub(crate) fn org_form(form: &Form, langs: &[String]) -> Option<OrgForm> {
    let name = form.get("org_name");
    let given = name.is_some()
        || form.get("org_website").is_some()
        || form.logo.is_some()
        || form.texts.iter().any(|(n, v)| n.starts_with("org_help") && !v.trim().is_empty());
    if !given {
        return None;
    }
    let name = located("org_name", name.unwrap_or(""));
    let mut help = BTreeMap::new();
    let mut help_loc = None;
    for lang in langs {
        let own = format!("org_help_{lang}");
        let (field, text) = match form.get(&own) {
            Some(t) => (own.as_str(), t),
            None => match form.get("org_help") {
                Some(t) => ("org_help", t),
                None => continue,
            },
        };
        let at = located(field, text);
        help_loc.get_or_insert_with(|| at.loc().clone());
        help.insert(lang.clone(), at);
    }
    let logo = form.logo.as_ref().map(|(file, _)| located("org_logo", base_name(file)));
    let input = OrgInput {
        id: At::new(slug(&name), name.loc().clone()),
        help_loc: help_loc.unwrap_or_else(|| name.loc().clone()),
        name,
        logo,
        website: form.get("org_website").map(|w| located("org_website", w)),
        help,
    };
    Some(OrgForm { input, logo: form.logo.as_ref().map(|(_, b)| Arc::clone(b)) })
}

/// The file name a browser sent without any folders before it (some send
/// the whole path).
fn base_name(file: &str) -> &str {
    file.rsplit(['/', '\\']).next().unwrap_or(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browsers_that_send_a_path_send_a_file_name() {
        assert_eq!(base_name("C:\\Users\\bieb\\logo.png"), "logo.png");
        assert_eq!(base_name("../../etc/passwd"), "passwd");
    }
}
