//! Blame: when a region does not fit, the message must point at what made
//! it so. Campaign texts are shared by every platform; a platform's name
//! and form URL are not. So when a region that does not fit would fit with
//! a neutral name or URL in their place, the platform's value is to blame,
//! and the problem points into the platform file.

use super::fit::fits;
use super::{Context, Handout};
use crate::diag::Problem;
use crate::load::content::Platform;
use crate::load::layout::Region;

/// A short URL, never printed: only to see whether the region would fit.
const NEUTRAL_URL: &str = "https://example.org/";
/// A short platform name, likewise.
const NEUTRAL_NAME: &str = "X";

/// `problem` (a region that does not fit), pointed at the platform value
/// without which the region would fit, if there is one.
pub fn platform_values(cx: &Context, region: &Region, problem: Problem) -> Problem {
    let p = cx.platform;
    let already =
        |loc: &crate::diag::Loc| problem.loc.as_ref().is_some_and(|l| l.span == loc.span && l.path() == loc.path());
    if already(&p.url_loc) || already(&p.name_loc) {
        return problem;
    }
    let with_url = Platform { form_url: NEUTRAL_URL.to_string(), ..p.clone() };
    if p.form_url != NEUTRAL_URL && fits_with(cx, region, &with_url) {
        let what = format!("the form URL ({} characters)", p.form_url.len());
        return repoint(cx, region, problem, p.url_loc.clone(), &what, "a shorter URL");
    }
    let with_name = Platform { name: NEUTRAL_NAME.to_string(), ..p.clone() };
    if p.name != NEUTRAL_NAME && fits_with(cx, region, &with_name) {
        let what = format!("the platform name \"{}\"", p.name);
        return repoint(cx, region, problem, p.name_loc.clone(), &what, "a shorter name");
    }
    problem
}

fn fits_with(cx: &Context, region: &Region, platform: &Platform) -> bool {
    let h =
        Handout { layout: cx.layout, fonts: cx.fonts, content: cx.content, platform, edition: cx.edition, org: cx.org };
    let mut alt = Context::new(&h, cx.fonts, cx.caches);
    fits(&mut alt, region)
}

fn repoint(
    cx: &Context,
    region: &Region,
    problem: Problem,
    at: crate::diag::Loc,
    what: &str,
    instead: &str,
) -> Problem {
    let mut p = Problem::error(format!("{}: it is {what} that does not fit", problem.message))
        .at(at)
        .label(format!("with {instead}, region `{}` of {} fits", region.name, cx.layout.id))
        .help(format!(
            "use {instead} in {}, or give region `{}` more room in the layout (or set the layout's `max_url`)",
            cx.platform.source.path.display(),
            region.name
        ));
    p.related = problem.related.clone();
    p.kind = problem.kind;
    p
}
