//! `extends`: a layout written as the differences from another. Tables
//! the child gives (`[page]`, `[sheet]`, `[fonts]`, `[qr]`) replace the
//! parent's whole; colours and text roles are replaced one by one; faces
//! and their regions are matched by name, and a region of the child
//! replaces the parent's region of that name, in its place. New regions
//! come after the inherited ones, or before them with `behind = true`.

use super::super::At;
use super::raw::{RawFace, RawLayout};
use crate::diag::{Problem, Problems};

/// How deep `extends` may chain; deeper is almost certainly a mistake.
const MAX_DEPTH: usize = 8;

/// Resolve a layout's `extends` chain: `parent` gives the raw layout of a
/// layout id (parsed from its file), or reports why it cannot.
pub fn resolve(
    raw: RawLayout,
    id: &str,
    parent: &mut dyn FnMut(&str, &mut Problems) -> Option<RawLayout>,
    problems: &mut Problems,
) -> Option<RawLayout> {
    let mut chain = vec![id.to_string()];
    let mut layout = raw;
    while let Some(name) = layout.extends.take() {
        if chain.contains(name.get()) || chain.len() > MAX_DEPTH {
            problems.push(
                Problem::error(format!(
                    "layouts extend each other in a circle: {} -> {}",
                    chain.join(" -> "),
                    name.get()
                ))
                .at(name.loc().clone())
                .help("a layout may extend another, which may extend a third, but never back"),
            );
            return None;
        }
        let Some(base) = parent(name.get(), problems) else {
            problems.push(
                Problem::error(format!("this layout extends `{}`, which could not be read", name.get()))
                    .at(name.loc().clone())
                    .help("name a file in layouts/ without `.toml`; its own problems are listed above"),
            );
            return None;
        };
        chain.push(name.into_inner());
        layout = merge(base, layout);
    }
    Some(layout)
}

/// The child over the parent (the parent's own `extends` is kept, so the
/// chain goes on).
fn merge(parent: RawLayout, child: RawLayout) -> RawLayout {
    let mut colors = parent.colors;
    colors.extend(child.colors);
    let mut text = parent.text;
    text.extend(child.text);
    RawLayout {
        extends: parent.extends,
        description: child.description.or(parent.description),
        page: child.page.or(parent.page),
        sheet: child.sheet.or(parent.sheet),
        fonts: child.fonts.or(parent.fonts),
        colors,
        qr: child.qr.or(parent.qr),
        text,
        face: merge_faces(parent.face, child.face),
    }
}

fn merge_faces(mut faces: Vec<At<RawFace>>, child: Vec<At<RawFace>>) -> Vec<At<RawFace>> {
    for face in child {
        match faces.iter().position(|f| f.name.get() == face.name.get()) {
            Some(i) => {
                let base = faces.remove(i);
                let loc = base.loc().clone();
                faces.insert(i, At::new(merge_regions(base.into_inner(), face.into_inner()), loc));
            }
            None => faces.push(face),
        }
    }
    faces
}

fn merge_regions(mut base: RawFace, child: RawFace) -> RawFace {
    let mut behind = Vec::new();
    for region in child.region {
        match base.region.iter().position(|r| r.name.get() == region.name.get()) {
            Some(i) => base.region[i] = region,
            None if region.behind => behind.push(region),
            None => base.region.push(region),
        }
    }
    behind.extend(base.region);
    RawFace { name: base.name, region: behind }
}
