//! `campaigns/<campaign>/<lang>/<platform>.toml`: one platform's name, the
//! address its QR codes open and the routes (browser, app) with their steps.

use super::super::{At, Checker, parse_toml};
use super::campaign::Campaign;
use super::template::{Template, template, turned_around};
use super::url::check_form_url;
use crate::diag::{Kind, Loc, Problem, Problems, Source, TextIssue};
use crate::icon::Icons;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPlatform {
    name: At<String>,
    form_url: At<String>,
    route: BTreeMap<String, At<RawRoute>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRoute {
    title: At<String>,
    steps: At<Vec<At<String>>>,
}

/// One way to the form, with numbered steps.
#[derive(Clone, Debug)]
pub struct Route {
    /// What the route is called ("In de app").
    pub title: Template,
    /// The steps, in order.
    pub steps: Vec<Template>,
    /// Where the route is written.
    pub loc: Loc,
}

/// A platform: where the QR code leads, and the steps to get there.
#[derive(Clone, Debug)]
pub struct Platform {
    /// From the file name: `facebook.toml` is `facebook`.
    pub id: String,
    /// The platform file, for messages.
    pub source: Arc<Source>,
    /// Its name as people know it ("Facebook").
    pub name: String,
    /// Where the name is written.
    pub name_loc: Loc,
    /// The https address the QR code opens, checked.
    pub form_url: String,
    /// Where the URL is written.
    pub url_loc: Loc,
    /// Its routes by id (`app`, `browser`).
    pub routes: BTreeMap<String, Route>,
}

/// Parse and check a platform file. Without a campaign (it failed to
/// load), the URL's host cannot be checked against the allow-list.
pub fn load_platform(
    id: String,
    source: Arc<Source>,
    (campaign, icons): (Option<&Campaign>, &Icons),
    problems: &mut Problems,
) -> Option<Platform> {
    let raw: RawPlatform = parse_toml(&source, problems)?;
    let at = Loc::new(&source, 0..0);
    check_platform((id, at), Arc::clone(&source), raw, (campaign, icons), problems)
}

/// Check what a platform's file holds (its own, or a table of a campaign
/// in one file). A platform without routes is reported at `at` (its file,
/// or its table).
pub(super) fn check_platform(
    (id, at): (String, Loc),
    source: Arc<Source>,
    raw: RawPlatform,
    (campaign, icons): (Option<&Campaign>, &Icons),
    problems: &mut Problems,
) -> Option<Platform> {
    let mut cx = Checker::new(problems);
    let name = raw.name.trim().to_string();
    if name.is_empty() {
        cx.report(
            Problem::error("the platform name is empty").kind(Kind::Text(TextIssue::Empty)).at(raw.name.loc().clone()),
        );
    }
    if let Some(p) = turned_around(&raw.name) {
        cx.report(p);
    }
    let url_loc = raw.form_url.loc().clone();
    if let Err(p) = check_form_url(&raw.form_url, campaign.map(|c| &c.hosts)) {
        let mut p = p.at(url_loc.clone());
        if let Some(c) = campaign {
            p = p.related(Loc::new(&c.source, 0..0), "the campaign's hosts are listed in");
        }
        cx.report(p);
    }
    if raw.route.is_empty() {
        cx.report(
            Problem::error("the platform has no routes")
                .at(at)
                .help("add [route.browser] and [route.app], each with a title and steps"),
        );
    }
    let mut routes = BTreeMap::new();
    for (rid, route) in raw.route {
        if let Some(r) = check_route(&mut cx, &rid, route, icons) {
            routes.insert(rid, r);
        }
    }
    let form_url = raw.form_url.into_inner();
    let name_loc = raw.name.loc().clone();
    cx.finish(|| Platform { id, source, name, name_loc, form_url, url_loc, routes })
}

fn check_route(cx: &mut Checker, id: &str, raw: At<RawRoute>, icons: &Icons) -> Option<Route> {
    let loc = raw.loc().clone();
    let route = raw.into_inner();
    let title = template(&route.title, Some(icons), cx.problems);
    if route.steps.is_empty() {
        cx.report(
            Problem::error(format!("route `{id}` has no steps"))
                .kind(Kind::Text(TextIssue::Empty))
                .at(route.steps.loc().clone())
                .help("list the steps in order: steps = [\"...\", \"...\"]"),
        );
    }
    let mut steps = Vec::new();
    for step in route.steps.get() {
        if step.trim().is_empty() {
            cx.report(Problem::error("a step is empty").kind(Kind::Text(TextIssue::Empty)).at(step.loc().clone()));
        } else if let Some(t) = template(step, Some(icons), cx.problems) {
            steps.push(t);
        }
    }
    Some(Route { title: title?, steps, loc })
}
