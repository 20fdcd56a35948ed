//! Rich text flattened for breaking: one string, with the weight and font
//! family (or the icon) of every byte range.

use super::measure::Measurer;
use crate::icon::Icon;
use crate::rich::{Rich, Span};
use crate::script::Script;
use crate::style::FontWeight;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

/// What a range of the text is drawn with.
#[derive(Clone, Debug)]
pub(super) enum Face {
    /// Glyphs of this font family (see [`crate::fonts::Fonts`]).
    Family(usize),
    /// An icon, which stands in the text as [`ICON_MARK`].
    Icon(Arc<Icon>),
}

/// What an icon is in the flattened text: a character of the Private Use
/// Area, which line breaking treats as a letter (no break between it and
/// the punctuation after it) and no font draws.
pub(super) const ICON_MARK: char = '\u{E000}';

/// The text flattened, with the weight and face of every byte range.
pub(super) struct Styled {
    pub text: String,
    /// Byte range, weight, face.
    pub runs: Vec<(Range<usize>, FontWeight, Face)>,
}

impl Styled {
    pub fn new(rich: &Rich, base: FontWeight, m: &Measurer) -> Styled {
        let (text, runs) = flatten(rich, base);
        let families = assign_families(&text, m);
        // Split weight runs where the family changes.
        let mut split = Vec::new();
        for (r, w, icon) in runs {
            if let Some(icon) = icon {
                split.push((r, w, Face::Icon(icon)));
                continue;
            }
            let mut start = r.start;
            for (i, _) in text[r.clone()].char_indices().skip(1) {
                let at = r.start + i;
                if families[at] != families[start] {
                    split.push((start..at, w, Face::Family(families[start])));
                    start = at;
                }
            }
            split.push((start..r.end, w, Face::Family(families[start])));
        }
        Styled { text, runs: split }
    }

    /// The pieces of `range`, one per weight and face run, with their offsets.
    pub fn pieces(&self, range: Range<usize>) -> impl Iterator<Item = (&str, FontWeight, &Face, usize)> + '_ {
        self.runs.iter().filter_map(move |(r, w, f)| {
            let s = r.start.max(range.start);
            let e = r.end.min(range.end);
            (s < e).then(|| (&self.text[s..e], *w, f, s))
        })
    }

    pub fn weight_at(&self, i: usize) -> FontWeight {
        self.runs.iter().find(|(r, _, _)| r.contains(&i)).map_or(FontWeight::Regular, |r| r.1)
    }
}

/// A space that keeps the words on each side on one line ("27 mei 2025").
const NO_BREAK_SPACE: char = '\u{a0}';

/// A run of the flattened text: its bytes, weight, and the icon it is.
type FlatRun = (Range<usize>, FontWeight, Option<Arc<Icon>>);

/// One string with runs of whitespace (including line breaks in TOML
/// multi-line strings) read as one space, trailing space trimmed, and the
/// weight of each span's bytes. An icon stays on the line of the word
/// before it (the space between them does not break), or, starting the
/// text, of the word after it.
fn flatten(rich: &Rich, base: FontWeight) -> (String, Vec<FlatRun>) {
    let mut text = String::new();
    let mut runs: Vec<FlatRun> = Vec::new();
    let mut glue_next = false;
    for span in &rich.spans {
        let start = text.len();
        let (words, bold) = match span {
            Span::Icon(icon) => {
                glue_next = text.is_empty();
                if text.ends_with(' ') {
                    text.pop();
                    text.push(NO_BREAK_SPACE);
                    if let Some(last) = runs.last_mut().filter(|r| r.0.end == text.len() - 1) {
                        last.0.end = text.len();
                    }
                }
                let weight = runs.last().map_or(base, |r| r.1);
                let at = text.len();
                text.push(ICON_MARK);
                runs.push((at..text.len(), weight, Some(Arc::clone(icon))));
                continue;
            }
            Span::Text { text, bold } => (text, *bold),
        };
        let mut last_space = text.ends_with(' ') || text.is_empty();
        for c in words.chars() {
            if c.is_whitespace() && c != NO_BREAK_SPACE {
                if !last_space {
                    text.push(if std::mem::take(&mut glue_next) { NO_BREAK_SPACE } else { ' ' });
                }
                last_space = true;
            } else {
                text.push(c);
                glue_next = false;
                last_space = false;
            }
        }
        let weight = if bold { FontWeight::Bold } else { base };
        if text.len() > start {
            runs.push((start..text.len(), weight, None));
        }
    }
    let trimmed = text.trim_end().len();
    text.truncate(trimmed);
    for r in &mut runs {
        r.0.end = r.0.end.min(trimmed);
        r.0.start = r.0.start.min(trimmed);
    }
    runs.retain(|r| !r.0.is_empty());
    (text, runs)
}

/// The family of every byte: a character's script decides; characters
/// common to all scripts take the family of the text before them (or after
/// them, at the start).
fn assign_families(text: &str, m: &Measurer) -> Vec<usize> {
    if m.families() == 1 {
        // One family serves every character (a text in one script, most
        // of them): nothing to look up per character.
        return vec![0; text.len() + 1];
    }
    let mut own: Vec<(usize, Option<usize>)> = text
        .char_indices()
        .map(|(i, c)| {
            // Letters, and marks that belong to one script (the Arabic comma).
            let own = !Script::is_common(c) || Script::of(c).is_some();
            (i, own.then(|| m.family_for(c)))
        })
        .collect();
    adopt_dominant(text, m, &mut own);
    let mut prev = None;
    for e in own.iter_mut() {
        match e.1 {
            Some(f) => prev = Some(f),
            None => e.1 = prev,
        }
    }
    let mut next = None;
    for e in own.iter_mut().rev() {
        match e.1 {
            Some(f) => next = Some(f),
            None => e.1 = next,
        }
    }
    let mut out = vec![0; text.len() + 1];
    for (k, (i, f)) in own.iter().enumerate() {
        let end = own.get(k + 1).map_or(text.len(), |n| n.0);
        out[*i..end].fill(f.unwrap_or(0));
    }
    out
}

/// Latin words inside text of another script (a brand name in Ukrainian)
/// take that script's family when it has the letters, so one sentence is
/// not set in two designs.
fn adopt_dominant(text: &str, m: &Measurer, own: &mut [(usize, Option<usize>)]) {
    let mut count: HashMap<usize, usize> = HashMap::new();
    for f in own.iter().filter_map(|(_, f)| *f) {
        *count.entry(f).or_default() += 1;
    }
    let dominant = count.into_iter().max_by_key(|&(f, n)| (n, std::cmp::Reverse(f))).map(|(f, _)| f);
    if let Some(d) = dominant.filter(|&d| d != 0) {
        for (i, f) in own.iter_mut() {
            let c = text[*i..].chars().next().unwrap_or(' ');
            if *f == Some(0) && m.has_glyph(d, c) {
                *f = Some(d);
            }
        }
    }
}
