//! The content blocks a region can show, each a type of its own with its
//! text roles resolved. [`Block::roles`] is the one place that says which
//! roles a block sets text in, and on what.

use super::super::{At, Checker};
use super::raw::{RawBlock, RawOrgBlock, TextTag};
use super::roles::{Palette, Role, TextStyle, role};
use crate::diag::{Loc, Problem};
use crate::style::Color;
use crate::units::{Mm, Pt, Size};
use std::collections::BTreeMap;

/// A block of content in a region.
#[derive(Clone, Debug)]
pub enum Block {
    /// A campaign text.
    Text(TextBlock),
    /// The deadline callout (or, after it, the call to act now).
    Deadline(DeadlineBlock),
    /// A route's title and numbered steps.
    Route(RouteBlock),
    /// The QR code, its caption and address.
    Qr(QrBlock),
    /// A thin line.
    Rule(RuleBlock),
    /// The organisation.
    Org(OrgBlock),
}

/// A campaign text (`[text]` key) in one role.
#[derive(Clone, Debug)]
pub struct TextBlock {
    pub key: String,
    pub role: Role,
    pub tag: TextTag,
    pub loc: Loc,
}

/// The deadline callout: label, date and note. After the deadline, the
/// texts `after_headline` and `after_note` take their place.
#[derive(Clone, Debug)]
pub struct DeadlineBlock {
    pub label: Role,
    pub date: Role,
    pub note: Option<Role>,
    pub after_headline: String,
    pub after_note: String,
    /// The role the after-deadline note is set in: `after_note_role`,
    /// else the note's, else the label's.
    pub after_note_role: Option<Role>,
    pub loc: Loc,
}

/// One route's heading and numbered steps.
#[derive(Clone, Debug)]
pub struct RouteBlock {
    pub route: String,
    pub heading: Role,
    pub step: Role,
    /// The step numbers, set on circles of `number_fill`.
    pub number: Role,
    pub number_fill: Color,
    pub loc: Loc,
}

/// The QR code to the form, its caption, the URL in clear text, and
/// further campaign texts beside it.
#[derive(Clone, Debug)]
pub struct QrBlock {
    /// The campaign text for the caption (`qr_caption` unless named).
    pub caption_key: String,
    pub caption: Role,
    pub url: Role,
    pub notes: Option<QrNotes>,
    pub loc: Loc,
}

/// Campaign texts set under the URL, in one role.
#[derive(Clone, Debug)]
pub struct QrNotes {
    pub keys: Vec<String>,
    pub role: Role,
}

/// A thin separating line across the region.
#[derive(Clone, Debug)]
pub struct RuleBlock {
    pub color: Color,
    pub width: Pt,
    pub loc: Loc,
}

/// The organisation that hands the handout out: its logo, name, help
/// desk and website. Empty on a handout without an organisation.
#[derive(Clone, Debug)]
pub struct OrgBlock {
    /// The name's own role, or `None`: the name starts the help text, in bold.
    pub name: Option<Role>,
    pub help: Role,
    pub website: Option<Role>,
    /// A campaign text above the name ("Uitgedeeld door"), in its role.
    pub label: Option<(String, Role)>,
    /// The box the logo is fitted into; no logo without it.
    pub logo: Option<Size>,
    pub loc: Loc,
}

/// What text of a role is printed on.
#[derive(Copy, Clone, Debug, PartialEq)]
pub enum Ground {
    /// The region's background (or the panel or page behind it).
    Region,
    /// A fill of the block's own, such as a step number's circle.
    Fill(Color),
}

/// A role a block sets text in, and what that text sits on.
pub struct RoleUse<'a> {
    pub role: &'a Role,
    pub ground: Ground,
}

impl Block {
    /// Every role the block sets text in.
    pub fn roles(&self) -> Vec<RoleUse<'_>> {
        let on_region = |role| RoleUse { role, ground: Ground::Region };
        match self {
            Block::Text(b) => vec![on_region(&b.role)],
            Block::Deadline(b) => {
                [&b.label, &b.date].into_iter().chain(&b.note).chain(&b.after_note_role).map(on_region).collect()
            }
            Block::Route(b) => vec![
                on_region(&b.heading),
                on_region(&b.step),
                RoleUse { role: &b.number, ground: Ground::Fill(b.number_fill) },
            ],
            Block::Qr(b) => {
                [&b.caption, &b.url].into_iter().chain(b.notes.as_ref().map(|n| &n.role)).map(on_region).collect()
            }
            Block::Rule(_) => Vec::new(),
            Block::Org(b) => [&b.help]
                .into_iter()
                .chain(&b.name)
                .chain(&b.website)
                .chain(b.label.as_ref().map(|(_, r)| r))
                .map(on_region)
                .collect(),
        }
    }

    /// Where the block is written.
    pub fn loc(&self) -> &Loc {
        match self {
            Block::Text(b) => &b.loc,
            Block::Deadline(b) => &b.loc,
            Block::Route(b) => &b.loc,
            Block::Qr(b) => &b.loc,
            Block::Rule(b) => &b.loc,
            Block::Org(b) => &b.loc,
        }
    }
}

/// What checking a block needs from the rest of the layout.
pub struct BlockCx<'a> {
    pub palette: &'a Palette,
    pub styles: &'a BTreeMap<String, TextStyle>,
}

pub fn check_block(cx: &mut Checker, bx: &BlockCx, raw: &At<RawBlock>) -> Block {
    let loc = raw.loc().clone();
    let role = |cx: &mut Checker, name: &str| role(cx, bx.styles, name, &loc);
    match raw.get() {
        RawBlock::Text { text, role: r, tag } => Block::Text(TextBlock {
            key: text.clone(),
            role: role(cx, r),
            tag: tag.unwrap_or(TextTag::P),
            loc: loc.clone(),
        }),
        RawBlock::Deadline { label_role, date_role, note_role, after_headline, after_note, after_note_role } => {
            Block::Deadline(DeadlineBlock {
                label: role(cx, label_role),
                date: role(cx, date_role),
                note: note_role.as_ref().map(|r| role(cx, r)),
                after_headline: after_headline.clone().unwrap_or_else(|| "after_deadline_headline".into()),
                after_note: after_note.clone().unwrap_or_else(|| "after_deadline_note".into()),
                after_note_role: after_note_role.as_ref().map(|r| role(cx, r)),
                loc: loc.clone(),
            })
        }
        RawBlock::Route { route, heading_role, step_role, number_role, number_fill } => Block::Route(RouteBlock {
            route: route.clone(),
            heading: role(cx, heading_role),
            step: role(cx, step_role),
            number: role(cx, number_role),
            number_fill: bx.palette.color_at(cx, number_fill, &loc),
            loc: loc.clone(),
        }),
        RawBlock::Qr { caption, caption_role, url_role, notes, note_role } => {
            if !notes.is_empty() && note_role.is_none() {
                cx.report(
                    Problem::error("a QR block with notes needs a note_role")
                        .at(loc.clone())
                        .help("add note_role = \"...\" naming a [text.*] role"),
                );
            }
            Block::Qr(QrBlock {
                caption_key: caption.clone().unwrap_or_else(|| "qr_caption".to_string()),
                caption: role(cx, caption_role),
                url: role(cx, url_role),
                notes: note_role.as_ref().map(|r| QrNotes { keys: notes.clone(), role: role(cx, r) }),
                loc: loc.clone(),
            })
        }
        RawBlock::Org(raw) => Block::Org(org_block(cx, bx, raw, &loc)),
        RawBlock::Rule { color, width } => Block::Rule(rule_block(cx, bx, color, *width, &loc)),
    }
}

fn rule_block(cx: &mut Checker, bx: &BlockCx, color: &str, width: f32, loc: &Loc) -> RuleBlock {
    if !(0.1..=10.0).contains(&width) {
        cx.report(
            Problem::error(format!("rule width {width} pt is out of range"))
                .at(loc.clone())
                .label("expected a number from 0.1 to 10"),
        );
    }
    RuleBlock { color: bx.palette.color_at(cx, color, loc), width: Pt(width.clamp(0.1, 10.0)), loc: loc.clone() }
}

fn org_block(cx: &mut Checker, bx: &BlockCx, raw: &RawOrgBlock, loc: &Loc) -> OrgBlock {
    let role = |cx: &mut Checker, name: &str| role(cx, bx.styles, name, loc);
    if raw.name_role.is_some() == raw.inline_name {
        cx.report(
            Problem::error("an org block needs either `name_role` or `inline_name = true`")
                .at(loc.clone())
                .help("name_role sets the name on a line of its own; inline_name starts the help text with it"),
        );
    }
    let label = match (&raw.label, &raw.label_role) {
        (Some(key), Some(r)) => Some((key.clone(), role(cx, r))),
        (None, None) => None,
        _ => {
            cx.report(
                Problem::error("an org block's `label` needs a `label_role`, and the other way round").at(loc.clone()),
            );
            None
        }
    };
    OrgBlock {
        name: raw.name_role.as_ref().map(|r| role(cx, r)),
        help: role(cx, &raw.help_role),
        website: raw.website_role.as_ref().map(|r| role(cx, r)),
        label,
        logo: logo_box(cx, raw.logo_width, raw.logo_height, loc),
        loc: loc.clone(),
    }
}

/// The logo box of an org block: both sides or neither, 5 to 200 mm.
fn logo_box(cx: &mut Checker, w: Option<f32>, h: Option<f32>, loc: &Loc) -> Option<Size> {
    match (w, h) {
        (Some(w), Some(h)) if (5.0..=200.0).contains(&w) && (5.0..=200.0).contains(&h) => Some(Size::new(Mm(w), Mm(h))),
        (None, None) => None,
        _ => {
            cx.report(
                Problem::error("an org block's logo box needs `logo_width` and `logo_height`, 5 to 200 mm")
                    .at(loc.clone())
                    .label("logo box"),
            );
            None
        }
    }
}
