//! `handout list`: the campaigns (their deadline and whether it has
//! passed, languages, platforms, title) and the layouts, by the ids that
//! `--campaign`, `--lang`, `--platform` and `--layout` take. What it lists
//! is what the web page offers (handout-web's catalogue).

use handout_core::{Date, Project, has_passed};
use handout_web::catalogue::Catalogue;
use handout_web::words::Ui;
use std::fmt::Write;

/// The listing, as printed.
pub fn listing(project: &Project, today: Date) -> String {
    let cat = Catalogue::new(project);
    let mut out = String::from("campaigns:\n");
    for c in &cat.campaigns {
        let state = match c.deadline {
            Some(d) if has_passed(d, today) => format!("deadline {d} (passed)"),
            Some(d) => format!("deadline {d} (ahead)"),
            None => "no deadline".to_string(),
        };
        let langs: Vec<&str> = c.langs.iter().map(|l| l.id.as_str()).collect();
        let platforms: Vec<&str> = c.platforms.iter().map(|(id, _)| id.as_str()).collect();
        let title = c.in_ui(Ui::En).map_or("", |l| l.title.as_str());
        let _ = writeln!(out, "  {}: {title}", c.id);
        let _ = writeln!(out, "    {state}; languages: {}; platforms: {}", langs.join(", "), platforms.join(", "));
    }
    out.push_str("layouts:\n");
    for layout in &project.layouts {
        let _ = writeln!(out, "  {}: {}", layout.id, layout.description.as_deref().unwrap_or(""));
    }
    out
}
