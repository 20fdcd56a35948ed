//! The editor's form, checked against the project: which of its
//! languages the handout is written in, which layouts, the organisation;
//! and the handout itself as the file the core reads ([`OwnFile`]). Its
//! documents are made by [`Studio::make_own`]; a problem in the file is
//! said at the editor's field it came from.

use crate::form::{Form, Refused};
use crate::order::{OrgForm, field_of, ids, org_form, page_of};
use crate::own::{Own, OwnFile, Starter};
use crate::studio::Studio;
use crate::words::Ui;
use handout_core::{Built, Choice, Date, Loc, Make, PlanOptions, Problems, Runner, Selection, unknown_id};

/// A checked request for a handout of one's own.
pub struct OwnOrder {
    pub ui: Ui,
    /// What was typed.
    pub own: Own,
    /// It as a campaign in one file.
    pub file: OwnFile,
    /// Layout ids the project has, sorted.
    pub layouts: Vec<String>,
    pub org: Option<OrgForm>,
    /// The page a preview shows, from 1.
    pub page: usize,
}

/// Read the editor's form. A language or layout the project does not have
/// is refused; no layout is left for [`OwnOrder::missing`].
pub fn own_order(form: &Form, studio: &Studio) -> Result<OwnOrder, Refused> {
    let ui = Ui::from_form(form);
    let mut own = Own::from_form(form);
    let starter = starter(studio, &own.lang, ui)?;
    own.lang = starter.id.clone();
    let layouts = ids(form, "layout", "layout", studio.catalogue.layouts.iter().map(|l| l.id.as_str()))?;
    let org = org_form(form, std::slice::from_ref(&own.lang));
    let file = own.file(starter);
    Ok(OwnOrder { ui, own, file, layouts, org, page: page_of(form)? })
}

/// The starter of `lang`; none chosen: the page's language, else the first.
fn starter<'s>(studio: &'s Studio, lang: &str, ui: Ui) -> Result<&'s Starter, Refused> {
    let known = || studio.catalogue.starters.iter().map(|s| s.id.as_str());
    let pick = if lang.is_empty() { ui.id() } else { lang };
    match studio.catalogue.starters.iter().find(|s| s.id == pick) {
        Some(s) => Ok(s),
        None if lang.is_empty() => studio.catalogue.starters.first().ok_or_else(no_editor),
        None => Err(Refused::Bad(unknown_id("language", lang, known()))),
    }
}

fn no_editor() -> Refused {
    Refused::Bad("this project has no editor/ folder, so it makes no handouts of one's own".into())
}

impl OwnOrder {
    /// The fields that choose nothing.
    pub fn missing(&self) -> Vec<&'static str> {
        if self.layouts.is_empty() { vec!["layout"] } else { Vec::new() }
    }

    /// How many documents it makes.
    pub fn count(&self) -> usize {
        self.layouts.len()
    }

    /// Make its documents (at most `limit`) as `make` says, for `today`;
    /// `None` with the errors in `problems`.
    pub fn make(
        &self,
        studio: &Studio,
        (today, make): (Date, Make),
        limit: usize,
        runner: &impl Runner,
        problems: &mut Problems,
    ) -> Option<Vec<Built>> {
        let selection = Selection { layouts: Choice::only(self.layouts.iter().cloned()), ..Selection::all() };
        let opts = PlanOptions { selection, make, ..PlanOptions::new(today) };
        studio.make_own(&self.file, (&opts, self.org.as_ref()), limit, runner, problems)
    }

    /// The editor's field a problem at `loc` is about: a value typed in
    /// the handout, or an organisation's field.
    pub fn field_of(&self, loc: &Loc) -> Option<String> {
        self.file.field_of(loc).map(str::to_string).or_else(|| field_of(loc))
    }
}
