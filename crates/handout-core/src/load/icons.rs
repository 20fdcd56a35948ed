//! `icons/icons.toml`: the icons a campaign's texts may draw, each a table
//! naming its SVG file (in icons/) and what a screen reader says for it in
//! each language. Every SVG passes the checks an SVG logo passes (its
//! size, nothing outside itself, what it costs to draw); a picture inside
//! one is refused, as an icon takes the colour of its text.

use super::{At, Checker, direction_control, parse_toml, valid_id};
use crate::diag::{Problem, Problems, Source};
use crate::icon::{Icon, Icons, outline};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The longest word a screen reader says for an icon.
pub const MAX_ALT: usize = 40;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIcon {
    file: At<String>,
    alt: BTreeMap<String, At<String>>,
}

/// Check `icons/icons.toml` and the SVG files it names, which `read`
/// gives (by their path inside icons/). Icons that fail are reported and
/// left out.
pub fn load_icons(
    source: Arc<Source>,
    read: &dyn Fn(&str) -> Result<Vec<u8>, String>,
    problems: &mut Problems,
) -> Icons {
    let Some(raw) = parse_toml::<BTreeMap<String, At<RawIcon>>>(&source, problems) else {
        return Icons::default();
    };
    let mut icons = Vec::new();
    for (name, table) in raw {
        let mut cx = Checker::new(problems);
        if !valid_id(&name) {
            cx.report(
                Problem::error(format!("`{name}` is not an icon name"))
                    .at(table.loc().clone())
                    .help("name an icon with lowercase letters, digits and `-`, by what it means to a visitor: `menu`, `switch-off`"),
            );
        }
        let loc = table.loc().clone();
        let table = table.into_inner();
        let drawn = drawing(&mut cx, &table.file, read);
        let alt = words(&mut cx, table.alt);
        if let Some((Some(outline), alt)) = cx.finish(|| (drawn, alt)) {
            icons.push(Icon { name, alt, outline, loc });
        }
    }
    Icons::new(icons)
}

/// The icon's outline, from its SVG file.
fn drawing(
    cx: &mut Checker,
    file: &At<String>,
    read: &dyn Fn(&str) -> Result<Vec<u8>, String>,
) -> Option<Arc<crate::icon::Outline>> {
    let path = std::path::Path::new(file.get());
    if !crate::files::is_plain(path) || path.extension().is_none_or(|e| e != "svg") {
        cx.report(
            Problem::error(format!("`{}` is not an SVG file in icons/", file.get()))
                .at(file.loc().clone())
                .help("give the SVG file's path inside icons/, e.g. \"tabler/menu-2.svg\""),
        );
        return None;
    }
    let failed = |p: Problem| p.at(file.loc().clone());
    let bytes = match read(file.get()) {
        Ok(b) => b,
        Err(e) => {
            cx.report(Problem::error(format!("icons/{} cannot be read: {e}", file.get())).at(file.loc().clone()));
            return None;
        }
    };
    if let Err(p) = crate::logo::read("icon.svg", &bytes) {
        cx.report(failed(p));
        return None;
    }
    let drawn = crate::logo::svg_to_draw(&bytes).map_err(failed).and_then(|tree| {
        let o = outline(&tree).map_err(|why| failed(Problem::error(format!("icons/{}: {why}", file.get()))))?;
        if o.areas.is_empty() {
            return Err(failed(Problem::error(format!("icons/{} draws nothing", file.get()))));
        }
        Ok(o)
    });
    drawn.map_err(|p| cx.report(p)).ok().map(Arc::new)
}

/// What a screen reader says, by language: one short line each.
fn words(cx: &mut Checker, alt: BTreeMap<String, At<String>>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (lang, word) in alt {
        let text = word.trim();
        let n = text.chars().count();
        let bad = !valid_id(&lang)
            || n == 0
            || n > MAX_ALT
            || text.chars().any(char::is_control)
            || direction_control(text).is_some();
        if bad {
            cx.report(
                Problem::error(format!("the words for `{lang}` must be 1 to {MAX_ALT} characters on one line"))
                    .at(word.loc().clone())
                    .help("say what the icon means to a visitor, as a screen reader should say it: alt = { nl = \"menu\", en = \"menu\" }"),
            );
            continue;
        }
        out.insert(lang, text.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::icon::{Cap, Paint, Segment};

    const LINE: &[u8] = br#"<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"><path d="M4 12l16 0"/></svg>"#;

    fn load(toml: &str, svg: &'static [u8]) -> (Icons, Problems) {
        let mut problems = Problems::new();
        let src = Source::new("icons/icons.toml", toml.to_string());
        let icons = load_icons(src, &|_| Ok(svg.to_vec()), &mut problems);
        (icons, problems)
    }

    #[test]
    fn a_stroke_stays_a_stroke_in_the_icon_s_units() {
        let (icons, problems) = load("[line]\nfile = \"line.svg\"\nalt = { nl = \"lijn\" }\n", LINE);
        assert!(!problems.has_errors(), "{problems:?}");
        let icon = icons.get("line").unwrap();
        assert_eq!(icon.alt("nl"), Some("lijn"));
        assert_eq!(icon.alt("en"), None);
        assert_eq!(icon.outline.side, 24.0);
        let area = &icon.outline.areas[0];
        assert_eq!(area.segments, [Segment::Move(4.0, 12.0), Segment::Line(20.0, 12.0)]);
        assert!(matches!(area.paint, Paint::Stroke { width, cap: Cap::Round, .. } if width == 2.0), "{:?}", area.paint);
    }

    #[test]
    fn a_dashed_stroke_becomes_the_areas_of_its_dashes() {
        let dashed: &[u8] = br#"<svg xmlns="http://www.w3.org/2000/svg" width="48" height="24"><path d="M4 12l40 0" stroke="black" stroke-width="2" stroke-dasharray="4 4"/></svg>"#;
        let (icons, problems) = load("[dash]\nfile = \"dash.svg\"\nalt = { nl = \"streep\" }\n", dashed);
        assert!(!problems.has_errors(), "{problems:?}");
        let o = &icons.get("dash").unwrap().outline;
        assert_eq!(o.side, 48.0, "the longer side");
        assert!(matches!(o.areas[0].paint, Paint::Fill { .. }));
        let ys: Vec<f32> = o.areas[0]
            .segments
            .iter()
            .filter_map(|s| match *s {
                Segment::Move(_, y) | Segment::Line(_, y) => Some(y),
                _ => None,
            })
            .collect();
        // Centred in the square: the line at 12 of 24 is at 24 of 48.
        assert!(ys.iter().all(|y| (23.0..=25.0).contains(y)), "{ys:?}");
    }

    #[test]
    fn bad_tables_are_reported_at_their_place() {
        let (icons, problems) =
            load("[Menu]\nfile = \"../x.svg\"\nalt = { nl = \"\" }\n[ok]\nfile = \"a.svg\"\nalt = {}\n", LINE);
        assert_eq!(problems.error_count(), 3, "{problems:?}");
        assert!(icons.get("Menu").is_none());
        assert!(icons.get("ok").is_some());
    }

    #[test]
    fn a_picture_or_an_empty_drawing_is_refused() {
        let empty: &[u8] = br#"<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24"></svg>"#;
        let (icons, problems) = load("[x]\nfile = \"x.svg\"\nalt = { en = \"x\" }\n", empty);
        assert!(icons.get("x").is_none());
        assert!(problems.iter().any(|p| p.message.contains("draws nothing")), "{problems:?}");
    }
}
