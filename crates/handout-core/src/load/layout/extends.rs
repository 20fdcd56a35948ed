//! `extends`: a layout written as the differences from another. Tables
//! the child gives (`[page]`, `[sheet]`, `[fonts]`, `[qr]`) replace the
//! parent's whole; colours and text roles are replaced one by one; faces
//! and their regions are matched by name, and a region of the child
//! replaces the parent's region of that name, in its place. New regions
//! come after the inherited ones, or before them with `behind = true`;
//! `drop = ["name"]` in a face leaves an inherited region out. A face's
//! stacks are the child's when it gives any, else the parent's.

use super::super::At;
use super::raw::{RawFace, RawLayout};
use crate::diag::{Problem, Problems};

/// How deep `extends` may chain; deeper is almost certainly a mistake.
const MAX_DEPTH: usize = 8;

/// A layout resolved: as it is, and as it is with an organisation (if it,
/// or a layout it extends, says what changes then).
pub struct Resolved {
    pub plain: RawLayout,
    pub with_org: Option<RawLayout>,
}

/// Resolve a layout's `extends` chain: `parent` gives the raw layout of a
/// layout id (parsed from its file), or reports why it cannot.
pub fn resolve(
    raw: RawLayout,
    id: &str,
    parent: &mut dyn FnMut(&str, &mut Problems) -> Option<RawLayout>,
    problems: &mut Problems,
) -> Option<Resolved> {
    // The chain, child first.
    let mut chain = vec![id.to_string()];
    let mut layers = vec![raw];
    while let Some(name) = layers.last_mut().and_then(|l| l.extends.take()) {
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
        layers.push(base);
    }
    layers.reverse();
    let patches: Vec<Option<RawLayout>> = layers.iter_mut().map(|l| org_patch(l, problems)).collect::<Option<_>>()?;
    let with_org = patches.iter().any(Option::is_some).then(|| {
        let mut acc: Option<RawLayout> = None;
        for (layer, patch) in layers.iter().zip(&patches) {
            let base = match acc.take() {
                Some(a) => merge(a, layer.clone(), problems),
                None => layer.clone(),
            };
            acc = Some(match patch {
                Some(p) => merge(base, p.clone(), problems),
                None => base,
            });
        }
        acc.expect("a chain has a layer")
    });
    let plain = layers.into_iter().reduce(|a, b| merge(a, b, problems)).expect("a chain has a layer");
    Some(Resolved { plain, with_org })
}

/// A layer's `[with_org]`, taken out of it; it may not nest or extend.
fn org_patch(layer: &mut RawLayout, problems: &mut Problems) -> Option<Option<RawLayout>> {
    let Some(patch) = layer.with_org.take() else { return Some(None) };
    let loc = patch.loc().clone();
    let patch = *patch.into_inner();
    if patch.with_org.is_some() || patch.extends.is_some() {
        problems.push(
            Problem::error("[with_org] cannot have its own `extends` or [with_org]")
                .at(loc)
                .help("say in [with_org] only what changes when the handout carries an organisation"),
        );
        return None;
    }
    Some(Some(patch))
}

/// The child over the parent (the parent's own `extends` is kept, so the
/// chain goes on).
fn merge(parent: RawLayout, child: RawLayout, problems: &mut Problems) -> RawLayout {
    let mut colors = parent.colors;
    colors.extend(child.colors);
    let mut text = parent.text;
    text.extend(child.text);
    RawLayout {
        extends: parent.extends,
        description: child.description.or(parent.description),
        names: child.names.or(parent.names),
        uses: child.uses.or(parent.uses),
        output: child.output.or(parent.output),
        max_help: child.max_help.or(parent.max_help),
        px_width: child.px_width.or(parent.px_width),
        px_height: child.px_height.or(parent.px_height),
        page: child.page.or(parent.page),
        sheet: child.sheet.or(parent.sheet),
        fonts: child.fonts.or(parent.fonts),
        colors,
        qr: child.qr.or(parent.qr),
        text,
        face: merge_faces(parent.face, child.face, problems),
        with_org: None,
    }
}

fn merge_faces(mut faces: Vec<At<RawFace>>, child: Vec<At<RawFace>>, problems: &mut Problems) -> Vec<At<RawFace>> {
    for face in child {
        match faces.iter().position(|f| f.name.get() == face.name.get()) {
            Some(i) => {
                let base = faces.remove(i);
                let loc = base.loc().clone();
                faces.insert(i, At::new(merge_regions(base.into_inner(), face.into_inner(), problems), loc));
            }
            None => faces.push(face),
        }
    }
    faces
}

fn merge_regions(mut base: RawFace, child: RawFace, problems: &mut Problems) -> RawFace {
    for name in &child.drop {
        let before = base.region.len();
        base.region.retain(|r| r.name.get() != name.get());
        if base.region.len() == before {
            problems.push(
                Problem::error(format!(
                    "`drop` names region `{}`, which face `{}` does not have",
                    name.get(),
                    base.name.get()
                ))
                .at(name.loc().clone())
                .help("drop names inherited regions, to leave them out"),
            );
        }
    }
    let mut behind = Vec::new();
    for region in child.region {
        match base.region.iter().position(|r| r.name.get() == region.name.get()) {
            Some(i) => base.region[i] = region,
            None if region.behind => behind.push(region),
            None => base.region.push(region),
        }
    }
    behind.extend(base.region);
    let stack = if child.stack.is_empty() { base.stack } else { child.stack };
    RawFace { name: base.name, region: behind, drop: Vec::new(), stack }
}
