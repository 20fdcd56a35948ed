//! The workshop behind the page: the project, read once, its fonts (read
//! once) and the caches its documents share, and how an order becomes
//! documents: the same plan, compose and render as `handout build`, in
//! memory, with the organisation checked by the same rules. The web
//! server and the browser edition both make their documents here; how
//! many at once is theirs to say (a [`Runner`]).

use crate::catalogue::Catalogue;
use crate::order::{Order, OrgForm};
use crate::own::{OwnFile, Starter};
use handout_core::{
    Built, Caches, Date, Files, FontStore, Found, Make, Org, Plan, PlanOptions, Problem, Problems, Project, Runner,
    Selection, check_org, load_campaign_file,
};
use std::sync::{Arc, Mutex};

/// The project, its fonts and caches, shared by every order.
pub struct Studio {
    pub project: Project,
    pub catalogue: Catalogue,
    store: Mutex<FontStore>,
    caches: Caches,
}

impl Studio {
    /// Read the project in `files`; its errors are the studio's.
    pub fn open(files: Arc<dyn Files>) -> Result<Studio, Problems> {
        let mut problems = Problems::new();
        let what = files.describe();
        let project = handout_core::load_project(files, &Selection::all(), &mut problems);
        if problems.has_errors() || project.contents.is_empty() || project.layouts.is_empty() {
            if !problems.has_errors() {
                problems.push(Problem::error(format!("{what} has no languages or no layouts")));
            }
            return Err(problems);
        }
        let store = Mutex::new(project.font_store());
        let mut catalogue = Catalogue::new(&project);
        catalogue.starters = match project.files.entries(std::path::Path::new("editor")).is_ok() {
            true => Starter::all(project.files.as_ref()).map_err(|e| {
                let mut problems = Problems::new();
                problems.push(Problem::error(e));
                problems
            })?,
            false => Vec::new(),
        };
        Ok(Studio { project, catalogue, store, caches: Caches::new() })
    }

    /// Make every document of `order` (at most `limit`), for `today`, as
    /// `make` says: all of them, or `None` with the errors in `problems`
    /// (notes, such as which edition was chosen, and warnings are the
    /// command line's).
    pub fn make(
        &self,
        order: &Order,
        (today, make): (Date, Make),
        limit: usize,
        runner: &impl Runner,
        problems: &mut Problems,
    ) -> Option<Vec<Built>> {
        let opts =
            PlanOptions { selection: order.selection(), edition: order.edition, make, ..PlanOptions::new(today) };
        let mut found = Problems::new();
        let org = order.org.as_ref().and_then(|o| self.org(o, &mut found));
        let built = self.plan_and_build(&self.project, &opts, org.as_ref(), (limit, runner), &mut found);
        errors_only(built, found, problems)
    }

    /// Make the documents of a handout of one's own (`file`, as the
    /// editor wrote it) that `opts` selects (at most `limit`; its campaign
    /// and language are the file's), for the organisation `org` if its
    /// values pass, as [`Studio::make`] does with a campaign of the
    /// project: the project's layouts and fonts, the same plan.
    pub fn make_own(
        &self,
        file: &OwnFile,
        (opts, org): (&PlanOptions, Option<&OrgForm>),
        limit: usize,
        runner: &impl Runner,
        problems: &mut Problems,
    ) -> Option<Vec<Built>> {
        let mut found = Problems::new();
        let org = org.and_then(|o| self.org(o, &mut found));
        let loaded = match found.has_errors() {
            true => None,
            false => load_campaign_file(file.id.clone(), file.source(), &self.project.icons, &mut found),
        };
        let built = loaded.and_then(|(campaign, content)| {
            let own = Project {
                files: Arc::clone(&self.project.files),
                layouts: self.project.layouts.clone(),
                icons: Arc::clone(&self.project.icons),
                found: Found {
                    campaigns: [campaign.id.clone()].into(),
                    languages: [content.id.clone()].into(),
                    platforms: content.platforms.iter().map(|p| p.id.clone()).collect(),
                    layouts: self.project.found.layouts.clone(),
                },
                campaigns: vec![campaign],
                contents: vec![content],
            };
            self.plan_and_build(&own, opts, org.as_ref(), (limit, runner), &mut found)
        });
        errors_only(built, found, problems)
    }

    /// Plan `opts` on `project` and, if planning found no error, make its
    /// first `limit` documents for `org`.
    fn plan_and_build(
        &self,
        project: &Project,
        opts: &PlanOptions,
        org: Option<&Org>,
        (limit, runner): (usize, &impl Runner),
        found: &mut Problems,
    ) -> Option<Vec<Built>> {
        let plan = {
            // A font store shared by threads: a poisoned lock only means a
            // panic elsewhere; the store itself is whole.
            let mut store = self.store.lock().unwrap_or_else(|e| e.into_inner());
            Plan::new(project, opts, &mut store, found)
        };
        (!found.has_errors()).then(|| {
            let mut jobs = plan.jobs(org);
            jobs.truncate(limit);
            plan.build_jobs(&jobs, &self.caches, runner, found)
        })
    }

    /// An order's organisation, checked; its problems go to `problems`.
    pub fn org(&self, form: &OrgForm, problems: &mut Problems) -> Option<Org> {
        let logo = form.logo.clone();
        let mut read =
            |_: &str| logo.as_ref().map(|b| b.to_vec()).ok_or_else(|| std::io::Error::other("no file was uploaded"));
        check_org(form.input.clone(), &mut read, problems)
    }
}

/// The errors `found` (notes and warnings are the command line's) go to
/// `problems`; what was built only when there are none.
fn errors_only(built: Option<Vec<Built>>, found: Problems, problems: &mut Problems) -> Option<Vec<Built>> {
    problems.extend(found.into_iter().filter(Problem::is_error));
    built.filter(|_| !problems.has_errors())
}
