//! `handout list`: the campaigns (their deadline and whether it has
//! passed, languages, platforms, title) and the layouts, by the ids that
//! `--campaign`, `--lang`, `--platform` and `--layout` take.

use handout_core::{Content, Date, Project, has_passed};
use std::fmt::Write;

/// The listing, as printed.
pub fn listing(project: &Project, today: Date) -> String {
    let mut out = String::from("campaigns:\n");
    for campaign in &project.campaigns {
        let contents: Vec<&Content> = project.contents.iter().filter(|c| c.campaign.id == campaign.id).collect();
        let state = match &campaign.deadline {
            Some(d) if has_passed(d.date, today) => format!("deadline {} (passed)", d.date),
            Some(d) => format!("deadline {} (ahead)", d.date),
            None => "no deadline".to_string(),
        };
        let langs: Vec<&str> = contents.iter().map(|c| c.id.as_str()).collect();
        let mut platforms: Vec<&str> = contents.iter().flat_map(|c| &c.platforms).map(|p| p.id.as_str()).collect();
        platforms.sort_unstable();
        platforms.dedup();
        let title = contents.iter().find(|c| c.id == "en").or(contents.first()).map(|c| c.texts.page.title.as_str());
        let _ = writeln!(out, "  {}: {}", campaign.id, title.unwrap_or(""));
        let _ = writeln!(out, "    {state}; languages: {}; platforms: {}", langs.join(", "), platforms.join(", "));
    }
    out.push_str("layouts:\n");
    for layout in &project.layouts {
        let _ = writeln!(out, "  {}: {}", layout.id, layout.description.as_deref().unwrap_or(""));
    }
    out
}
