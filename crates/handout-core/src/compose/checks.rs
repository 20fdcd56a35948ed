//! Checks on the composed page model: every character has a glyph, and
//! the deadline stands out more than anything but the title.

use super::fit::excerpt;
use crate::diag::{Kind, Loc, Problem, Problems};
use crate::load::layout::{Block, Layout, TextTag};
use crate::model::Document;
use crate::text::Measurer;
use crate::units::Pt;

/// Every character must have a glyph: a missing one would print as a box.
pub fn check_glyphs(m: &mut Measurer, doc: &Document, problems: &mut Problems) {
    for (_, run) in doc.text_runs() {
        if let Some(c) = m.missing_glyph(run.family, run.weight, &run.text) {
            let file = &doc.fonts[run.family].get(run.weight).file;
            problems.push(
                Problem::error(format!("the font {file} has no glyph for `{c}` (U+{:04X})", c as u32))
                    .at_opt(run.source.clone())
                    .label(format!("in \"{}\"", excerpt(&run.text)))
                    .help("use another character, or name a font for its script under [fonts.scripts] in the layout")
                    .kind(Kind::MissingGlyph { ch: c }),
            );
        }
    }
}

fn blocks(layout: &Layout) -> impl Iterator<Item = &Block> {
    layout.faces.iter().flat_map(|s| &s.regions).flat_map(|r| &r.blocks)
}

/// The deadline must stand out more than anything but the title: larger than
/// every other text, and at least twice the body text. (Larger than the
/// title is fine.)
pub fn check_prominence(layout: &Layout, doc: &Document, problems: &mut Problems) {
    let date_roles: Vec<&str> = blocks(layout)
        .filter_map(|b| match b {
            Block::Deadline(d) => Some(d.date.name.as_str()),
            _ => None,
        })
        .collect();
    let title_roles = title_roles(layout);
    let size_of = |roles: &[&str]| {
        doc.text_runs().filter(|(_, r)| roles.contains(&r.role.as_str())).map(|(_, r)| r.size).reduce(Pt::max)
    };
    let Some(deadline) = size_of(&date_roles) else { return };
    let deadline_loc: Option<Loc> = blocks(layout).find_map(|b| match b {
        Block::Deadline(d) => Some(d.date.loc.clone()),
        _ => None,
    });
    let error = |msg: String, help: &str| Problem::error(msg).at_opt(deadline_loc.clone()).help(help.to_string());
    let rival = doc
        .text_runs()
        .filter(|(_, r)| !date_roles.contains(&r.role.as_str()) && !title_roles.contains(&r.role.as_str()))
        .max_by(|a, b| a.1.size.0.total_cmp(&b.1.size.0));
    if let Some((_, r)) = rival
        && r.size >= deadline
    {
        problems.push(error(
            format!("the deadline ({:.1} pt) is not larger than `{}` text ({:.1} pt)", deadline.0, r.role, r.size.0),
            "only the title may be as large as the deadline; raise the deadline's size or its minimum",
        ));
    }
    let body = body_size(doc);
    if deadline.0 < body.0 * 2.0 - 0.01 {
        problems.push(error(
            format!("the deadline ({:.1} pt) is less than twice the body text ({:.1} pt)", deadline.0, body.0),
            "raise the deadline's minimum size to at least twice the body size",
        ));
    }
}

fn title_roles(layout: &Layout) -> Vec<&str> {
    blocks(layout)
        .filter_map(|b| match b {
            Block::Text(t) if t.tag == TextTag::H1 => Some(t.role.name.as_str()),
            _ => None,
        })
        .collect()
}

/// The size most of the characters are set in.
pub fn body_size(doc: &Document) -> Pt {
    let mut by_size: Vec<(i32, usize)> = Vec::new();
    for (_, r) in doc.text_runs() {
        let key = (r.size.0 * 100.0).round() as i32;
        let n = r.text.chars().count();
        match by_size.iter_mut().find(|(k, _)| *k == key) {
            Some(e) => e.1 += n,
            None => by_size.push((key, n)),
        }
    }
    by_size.sort_by_key(|&(k, n)| (std::cmp::Reverse(n), k));
    by_size.first().map_or(Pt(0.0), |(k, _)| Pt(*k as f32 / 100.0))
}
