//! Fitting: each region's blocks are set at the largest scale at which
//! they fit, shrinking in small steps but never below a role's minimum.
//! What still does not fit is an error that names the text, its file and
//! line, and the region.

use super::Context;
use super::blocks::{self, BlockError};
use super::frag::{Frag, Mark};
use crate::diag::{Kind, Problem};
use crate::load::layout::{Block, Region};
use crate::units::{Mm, Size};

/// How far one fitting step shrinks a region's text.
const SHRINK_STEP: f32 = 0.02;

/// The scales fitting tries: from 1 down in steps of [`SHRINK_STEP`] to
/// the region's floor.
fn scales(floor: f32) -> Vec<f32> {
    let mut v = vec![1.0f32];
    while let Some(&last) = v.last()
        && last > floor
    {
        v.push((last - SHRINK_STEP).max(floor));
    }
    v
}

/// The largest scale on the grid at which the region fits: first at full
/// size (most regions fit), then at the floor (if not even there, say
/// why), then by bisection between the two.
pub(super) fn fit_at_best(cx: &mut Context, region: &Region) -> Result<(Frag, f32), Problem> {
    let grid = scales(region_floor(region));
    let fits_at = |cx: &mut Context, i: usize| -> Result<Option<Frag>, Failure> { attempt(cx, region, grid[i]) };
    match fits_at(cx, 0) {
        Ok(Some(frag)) => return Ok((frag, grid[0])),
        Err(Failure::Fatal(p)) => return Err(p),
        _ => {}
    }
    let last = grid.len() - 1;
    let mut best = match fits_at(cx, last) {
        Ok(Some(frag)) => frag,
        Ok(None) => return Err(Failure::Overflow.problem(cx, region)),
        Err(f) => return Err(f.problem(cx, region)),
    };
    // Invariant: grid[lo] does not fit, grid[hi] fits (as `best`).
    let (mut lo, mut hi) = (0, last);
    while hi - lo > 1 {
        let mid = (lo + hi) / 2;
        match fits_at(cx, mid) {
            Ok(Some(frag)) => (hi, best) = (mid, frag),
            Ok(None) | Err(Failure::Retry(_)) => lo = mid,
            Err(f) => return Err(f.problem(cx, region)),
        }
    }
    Ok((best, grid[hi]))
}

/// Why a region did not fit at some scale.
enum Failure {
    /// Shrinking cannot help.
    Fatal(Problem),
    /// Taller than the region; at the floor, this is the error.
    Overflow,
    /// A block could not be laid out at this scale (a word too wide, a QR
    /// code too cramped); shrinking may help.
    Retry(BlockError),
}

/// The region's blocks at one scale: `Some` if they fit.
fn attempt(cx: &mut Context, region: &Region, scale: f32) -> Result<Option<Frag>, Failure> {
    cx.scale = scale;
    let content = region.content_box();
    match pile(cx, region, content.size()) {
        Ok((frag, _)) if frag.height.fits_in(content.h) => Ok(Some(frag)),
        Ok(_) => Ok(None),
        Err(BlockError::Fatal(p)) => Err(Failure::Fatal(p)),
        Err(e) => Err(Failure::Retry(e)),
    }
}

impl Failure {
    /// The problem to report for a failure at the floor (or a fatal one).
    fn problem(self, cx: &mut Context, region: &Region) -> Problem {
        match self {
            Failure::Fatal(p) => p,
            Failure::Retry(BlockError::Cramped(p)) => p,
            Failure::Retry(BlockError::TooWide { text, word, source }) => too_wide(region, &text, &word, source),
            Failure::Retry(BlockError::Fatal(p)) => p,
            Failure::Overflow => {
                let content = region.content_box();
                match pile(cx, region, content.size()) {
                    Ok((frag, bottoms)) => {
                        let i = bottoms.iter().position(|b| *b > content.h).unwrap_or(bottoms.len().saturating_sub(1));
                        overflow(cx, region, i, &frag, content.h)
                    }
                    Err(e) => Failure::Retry(e).problem(cx, region),
                }
            }
        }
    }
}

fn too_wide(region: &Region, text: &str, word: &str, source: Option<crate::diag::Loc>) -> Problem {
    let content = region.content_box();
    let msg = format!("the word `{word}` is wider than region `{}` even at the minimum font size", region.name);
    Problem::error(msg)
        .at_opt(source)
        .label(format!("in \"{}\"", excerpt(text)))
        .related(region.loc.clone(), format!("region `{}` ({:.0} wide inside its padding)", region.name, content.w))
        .help("shorten the text, add a space or hyphen, or widen the region in the layout")
        .kind(Kind::WordTooWide)
}

/// Whether the region's blocks fit at some scale (for [`super::blame`]).
pub(super) fn fits(cx: &mut Context, region: &Region) -> bool {
    fit_at_best(cx, region).is_ok()
}

/// The scale at which every role in the region has reached its minimum.
fn region_floor(region: &Region) -> f32 {
    region.blocks.iter().flat_map(|b| b.roles()).map(|u| u.role.style.floor()).fold(1.0f32, f32::min)
}

/// Stack the region's blocks; also returns each block's bottom edge. The
/// QR code sizes itself to the room it has, so the other blocks are laid
/// out first and the QR code gets what they leave of `content`'s height.
pub(super) fn pile(cx: &mut Context, region: &Region, content: Size) -> Result<(Frag, Vec<Mm>), BlockError> {
    let gaps = region.gap * region.blocks.len().saturating_sub(1) as f32;
    let mut frags: Vec<Option<Frag>> = Vec::new();
    for block in &region.blocks {
        let f = if matches!(block, Block::Qr(_)) {
            None
        } else {
            Some(blocks::layout_block(cx, block, content.w, content.h)?)
        };
        frags.push(f);
    }
    let others: Mm = frags.iter().flatten().map(|f| f.height).sum();
    let qr_count = frags.iter().filter(|f| f.is_none()).count().max(1);
    let room = (content.h - gaps - others) / qr_count as f32;
    let mut out = Frag::default();
    let mut y = Mm::ZERO;
    let mut bottoms = Vec::new();
    for (i, (block, f)) in region.blocks.iter().zip(frags).enumerate() {
        if i > 0 {
            y += region.gap;
        }
        let f = match f {
            Some(f) => f,
            None => blocks::layout_block(cx, block, content.w, room)?,
        };
        let h = f.height;
        out.append(f, Mm::ZERO, y);
        y += h;
        bottoms.push(y);
    }
    out.height = y;
    Ok((out, bottoms))
}

fn overflow(cx: &Context, region: &Region, block_index: usize, frag: &Frag, available: Mm) -> Problem {
    let block = &region.blocks[block_index];
    let needed = frag.height;
    let mark = blamed(frag, needed - available, available);
    let (what, source, text) =
        mark.map_or((String::new(), None, Mm::ZERO), |m| (m.text.clone(), m.source.clone(), m.height));
    let kind = Kind::Overflow { needed, available, text };
    let by = kind.shorter_by().map(|n| format!("make it about {n} % shorter")).unwrap_or_else(|| "shorten it".into());
    let msg = format!(
        "text does not fit region `{}`: it needs {needed:.1} but the region has {available:.1}, even at the minimum font sizes",
        region.name
    );
    Problem::error(msg)
        .at_opt(source)
        .label(format!("\"{}\" does not fit", excerpt(&what)))
        .related(region.loc.clone(), format!("region `{}` in {}", region.name, cx.layout.id))
        .related(block.loc().clone(), "the block is placed")
        .help(format!("{by}, or give the region more room in the layout"))
        .kind(kind)
}

/// The text to blame when a region's content is `over` too tall: the
/// tallest text, when shortening it alone would make the region fit
/// (a text far longer than the rest), else the one that crosses the
/// region's bottom.
fn blamed(frag: &Frag, over: Mm, available: Mm) -> Option<&Mark> {
    let located = || frag.marks.iter().filter(|m| m.source.is_some());
    let tallest = located().max_by(|a, b| a.height.0.total_cmp(&b.height.0));
    if let Some(t) = tallest
        && t.height >= over
        && t.height > available / 3.0
    {
        return Some(t);
    }
    frag.marks.iter().find(|m| m.bottom > available).or(frag.marks.last())
}

/// The start of a text, for messages.
pub fn excerpt(text: &str) -> String {
    const MAX: usize = 60;
    let t: String = text.chars().take(MAX).collect();
    if text.chars().count() > MAX { format!("{t}…") } else { t }
}
