//! Measuring and line breaking. Widths come from shaping with the font's
//! own metrics and kerning (rustybuzz, the shaper krilla embeds with), line
//! breaks follow Unicode's line-breaking rules (UAX #14), and long words are
//! hyphenated with the language's patterns.

use crate::fonts::Fonts;
use crate::load::markup::Rich;
use crate::model::FontWeight;
use crate::units::{Mm, Pt};
use std::collections::HashMap;
use std::ops::Range;
use unicode_linebreak::BreakOpportunity;

/// Hyphenate at a line end only when the line would otherwise be emptier
/// than this: frequent hyphens slow down unpractised readers.
const HYPHENATE_BELOW_FILL: f32 = 0.7;

/// Shapes text and remembers widths.
pub struct Measurer<'f> {
    /// Regular and bold face of each face set (see [`Fonts`]).
    faces: Vec<[rustybuzz::Face<'f>; 2]>,
    fonts: &'f Fonts,
    cache: HashMap<(usize, FontWeight, String), Shaped>,
}

#[derive(Copy, Clone)]
struct Shaped {
    /// Advance in em.
    em: f32,
    /// A character the font has no glyph for.
    missing: Option<char>,
    /// How far the ink reaches above and below the baseline, in em.
    ink_up: f32,
    ink_down: f32,
}

fn slot(w: FontWeight) -> usize {
    match w {
        FontWeight::Regular => 0,
        FontWeight::Bold => 1,
    }
}

impl<'f> Measurer<'f> {
    pub fn new(fonts: &'f Fonts) -> Measurer<'f> {
        // Fonts are checked to parse when loaded.
        let face = |b: &'f [u8]| rustybuzz::Face::from_slice(b, 0).expect("font checked on load");
        let faces = fonts.faces.iter().map(|f| [face(&f.regular.bytes), face(&f.bold.bytes)]).collect();
        Measurer { faces, fonts, cache: HashMap::new() }
    }

    fn face(&self, set: usize, w: FontWeight) -> &rustybuzz::Face<'f> {
        &self.faces[set.min(self.faces.len() - 1)][slot(w)]
    }

    /// Which face set serves a character.
    pub fn face_for(&self, c: char) -> usize {
        self.fonts.face_for(c)
    }

    fn shape(&mut self, set: usize, w: FontWeight, text: &str) -> Shaped {
        if let Some(s) = self.cache.get(&(set, w, text.to_string())) {
            return *s;
        }
        let face = self.face(set, w);
        let mut buf = rustybuzz::UnicodeBuffer::new();
        buf.push_str(text);
        buf.guess_segment_properties();
        let out = rustybuzz::shape(face, &[], buf);
        let upem = face.units_per_em() as f32;
        let em = out.glyph_positions().iter().map(|p| p.x_advance as f32).sum::<f32>() / upem;
        let missing = out
            .glyph_infos()
            .iter()
            .find(|g| g.glyph_id == 0)
            .and_then(|g| text.get(g.cluster as usize..)?.chars().next())
            .filter(|c| !c.is_whitespace() && !is_default_ignorable(*c));
        let (mut up, mut down) = (0.0f32, 0.0f32);
        for (info, pos) in out.glyph_infos().iter().zip(out.glyph_positions()) {
            if let Some(bb) = face.glyph_bounding_box(rustybuzz::ttf_parser::GlyphId(info.glyph_id as u16)) {
                up = up.max((bb.y_max as i32 + pos.y_offset) as f32);
                down = down.max(-((bb.y_min as i32 + pos.y_offset) as f32));
            }
        }
        let shaped = Shaped { em, missing, ink_up: up / upem, ink_down: down / upem };
        self.cache.insert((set, w, text.to_string()), shaped);
        shaped
    }

    /// Width in the main font.
    pub fn width(&mut self, w: FontWeight, text: &str, size: Pt) -> Mm {
        self.width_in(0, w, text, size)
    }

    pub fn width_in(&mut self, set: usize, w: FontWeight, text: &str, size: Pt) -> Mm {
        Pt(self.shape(set, w, text).em * size.0).to_mm()
    }

    pub fn has_glyph(&self, set: usize, c: char) -> bool {
        self.face(set, FontWeight::Regular).glyph_index(c).is_some()
    }

    /// How far the printed glyphs of `text` reach above and below the baseline.
    pub fn ink(&mut self, set: usize, w: FontWeight, text: &str, size: Pt) -> (Mm, Mm) {
        let s = self.shape(set, w, text);
        (Pt(s.ink_up * size.0).to_mm(), Pt(s.ink_down * size.0).to_mm())
    }

    /// The first character of `text` that the face cannot draw.
    pub fn missing_glyph(&mut self, set: usize, w: FontWeight, text: &str) -> Option<char> {
        self.shape(set, w, text).missing
    }

    pub fn ascent(&self, w: FontWeight, size: Pt) -> Mm {
        self.ascent_in(0, w, size)
    }

    pub fn descent(&self, w: FontWeight, size: Pt) -> Mm {
        self.descent_in(0, w, size)
    }

    pub fn ascent_in(&self, set: usize, w: FontWeight, size: Pt) -> Mm {
        let f = self.face(set, w);
        Pt(f.ascender() as f32 / f.units_per_em() as f32 * size.0).to_mm()
    }

    pub fn descent_in(&self, set: usize, w: FontWeight, size: Pt) -> Mm {
        let f = self.face(set, w);
        Pt(-(f.descender() as f32) / f.units_per_em() as f32 * size.0).to_mm()
    }

    /// Height of capital letters, for centring numbers in circles.
    pub fn cap_height(&self, w: FontWeight, size: Pt) -> Mm {
        let f = self.face(0, w);
        let cap = f.capital_height().unwrap_or((f.ascender() as f32 * 0.7) as i16);
        Pt(cap as f32 / f.units_per_em() as f32 * size.0).to_mm()
    }
}

fn is_default_ignorable(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// Where lines may break.
#[derive(Copy, Clone, Debug)]
pub enum Breaking {
    /// Running text: UAX #14 opportunities, hyphenation in this language.
    Prose(Option<hypher::Lang>),
    /// A web address: break where style guides allow (after `//`, before
    /// `/` and `.`), never add a hyphen: it would look like part of the
    /// address.
    Url,
}

/// A piece of a line in one weight and face, in one direction.
#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    pub text: String,
    pub weight: FontWeight,
    /// The face set (see [`Fonts`]) the piece is set in.
    pub face: usize,
    /// Set right to left (shaped and drawn so).
    pub rtl: bool,
    /// Offset from the line's left end; pieces are in visual order.
    pub x: Mm,
    pub width: Mm,
    /// Byte offset of the piece in the paragraph: sorting by it gives the
    /// logical (reading) order.
    pub logical: usize,
}

#[derive(Clone, Debug, Default)]
pub struct Line {
    pub pieces: Vec<Piece>,
    pub width: Mm,
}

/// Text that cannot be broken to fit the width: a word longer than the line.
#[derive(Debug, PartialEq)]
pub struct Unfit {
    pub word: String,
    pub width: Mm,
}

/// The text flattened, with the weight of every byte range.
struct Styled {
    text: String,
    runs: Vec<(Range<usize>, FontWeight, usize)>,
}

impl Styled {
    fn new(rich: &Rich, base: FontWeight, m: &Measurer) -> Styled {
        let mut text = String::new();
        let mut runs = Vec::new();
        for span in &rich.spans {
            let start = text.len();
            // Runs of whitespace (including line breaks in TOML multi-line
            // strings) read as one space.
            let mut last_space = text.ends_with(' ') || text.is_empty();
            for c in span.text.chars() {
                if c.is_whitespace() {
                    if !last_space {
                        text.push(' ');
                    }
                    last_space = true;
                } else {
                    text.push(c);
                    last_space = false;
                }
            }
            let weight = if span.bold { FontWeight::Bold } else { base };
            if text.len() > start {
                runs.push((start..text.len(), weight, 0));
            }
        }
        let trimmed = text.trim_end().len();
        text.truncate(trimmed);
        for r in &mut runs {
            r.0.end = r.0.end.min(trimmed);
            r.0.start = r.0.start.min(trimmed);
        }
        runs.retain(|r| !r.0.is_empty());
        let faces = assign_faces(&text, m);
        // Split weight runs where the face changes.
        let mut split = Vec::new();
        for (r, w, _) in runs {
            let mut start = r.start;
            for (i, _) in text[r.clone()].char_indices().skip(1) {
                let at = r.start + i;
                if faces[at] != faces[start] {
                    split.push((start..at, w, faces[start]));
                    start = at;
                }
            }
            split.push((start..r.end, w, faces[start]));
        }
        Styled { text, runs: split }
    }

    /// The pieces of `range`, one per weight and face run, with their offsets.
    fn pieces(&self, range: Range<usize>) -> impl Iterator<Item = (&str, FontWeight, usize, usize)> + '_ {
        self.runs.iter().filter_map(move |(r, w, f)| {
            let s = r.start.max(range.start);
            let e = r.end.min(range.end);
            (s < e).then(|| (&self.text[s..e], *w, *f, s))
        })
    }

    fn weight_at(&self, i: usize) -> FontWeight {
        self.runs.iter().find(|(r, _, _)| r.contains(&i)).map_or(FontWeight::Regular, |r| r.1)
    }
}

/// The face set of every byte: a character's script decides; characters
/// common to all scripts take the face of the text before them (or after
/// them, at the start).
fn assign_faces(text: &str, m: &Measurer) -> Vec<usize> {
    let mut own: Vec<(usize, Option<usize>)> = text
        .char_indices()
        .map(|(i, c)| {
            // Letters, and marks that belong to one script (the Arabic comma).
            let own = !crate::script::Script::is_common(c) || crate::script::Script::of(c).is_some();
            (i, own.then(|| m.face_for(c)))
        })
        .collect();
    // Latin words inside text of another script (a brand name in Ukrainian)
    // take that script's face when it has the letters, so one sentence is
    // not set in two designs.
    let mut count: HashMap<usize, usize> = HashMap::new();
    for (_, f) in &own {
        if let Some(f) = f {
            *count.entry(*f).or_default() += 1;
        }
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

/// Break `rich` into lines no wider than `max`.
/// `rtl` is the paragraph's base direction. Lines come back in visual
/// order, left to right, measured from their left end.
pub fn break_lines(
    m: &mut Measurer,
    rich: &Rich,
    base: FontWeight,
    size: Pt,
    max: Mm,
    mode: Breaking,
    rtl: bool,
) -> Result<Vec<Line>, Unfit> {
    let st = Styled::new(rich, base, m);
    if st.text.is_empty() {
        return Ok(Vec::new());
    }
    let opportunities: Vec<usize> = match mode {
        Breaking::Prose(_) => unicode_linebreak::linebreaks(&st.text)
            .filter(|(_, o)| matches!(o, BreakOpportunity::Allowed | BreakOpportunity::Mandatory))
            .map(|(i, _)| i)
            .collect(),
        Breaking::Url => url_breaks(&st.text),
    };
    let mut b = Breaker { m, st: &st, size, max, mode, lines: Vec::new() };
    let level = if rtl { unicode_bidi::Level::rtl() } else { unicode_bidi::Level::ltr() };
    let bidi = unicode_bidi::BidiInfo::new(&st.text, Some(level));
    let bidi = (rtl || bidi.has_rtl()).then_some(bidi);
    let mut line_start = 0;
    let mut line_end = 0; // end of what is committed to the current line
    let mut seg_start = 0;
    for &seg_end in &opportunities {
        loop {
            if b.fits(line_start..seg_end) {
                line_end = seg_end;
                break;
            }
            if line_end > line_start {
                // The segment does not fit after what the line holds.
                if b.fill(line_start..line_end) < HYPHENATE_BELOW_FILL
                    && let Some(split) = b.hyphen_split(line_start, seg_start..seg_end, false)
                {
                    b.push(line_start..split, matches!(mode, Breaking::Prose(_)));
                    line_start = split;
                } else {
                    b.push(line_start..line_end, false);
                    line_start = line_end;
                }
                line_end = line_start;
                continue;
            }
            // The line is empty and the segment alone is too wide.
            match b.hyphen_split(line_start, line_start..seg_end, true) {
                Some(split) => {
                    let hyphen = matches!(mode, Breaking::Prose(_));
                    b.push(line_start..split, hyphen);
                    line_start = split;
                    line_end = split;
                }
                None => {
                    let word = st.text[line_start..seg_end].trim().to_string();
                    let width = b.width(line_start..seg_end);
                    return Err(Unfit { word, width });
                }
            }
        }
        seg_start = seg_end;
    }
    if line_end > line_start {
        b.push(line_start..line_end, false);
    }
    let lines = std::mem::take(&mut b.lines);
    Ok(lines.into_iter().map(|(range, hyphen)| b.build(range, hyphen, bidi.as_ref())).collect())
}

struct Breaker<'a, 'm, 'f> {
    m: &'m mut Measurer<'f>,
    st: &'a Styled,
    size: Pt,
    max: Mm,
    mode: Breaking,
    /// Lines as logical ranges, and whether a hyphen ends them.
    lines: Vec<(Range<usize>, bool)>,
}

impl Breaker<'_, '_, '_> {
    /// Width of a range as it would be printed: trailing spaces do not count.
    fn width(&mut self, range: Range<usize>) -> Mm {
        let end = range.start + self.st.text[range.clone()].trim_end().len();
        let pieces: Vec<(String, FontWeight, usize)> =
            self.st.pieces(range.start..end).map(|(t, w, f, _)| (t.to_string(), w, f)).collect();
        pieces.iter().fold(Mm::ZERO, |acc, (t, w, f)| acc + self.m.width_in(*f, *w, t, self.size))
    }

    fn fits(&mut self, range: Range<usize>) -> bool {
        self.width(range) <= self.max
    }

    fn fill(&mut self, range: Range<usize>) -> f32 {
        self.width(range).0 / self.max.0
    }

    fn hyphen_width(&mut self, at: usize) -> Mm {
        let w = self.st.weight_at(at.saturating_sub(1));
        self.m.width(w, "-", self.size)
    }

    /// The latest split point inside `seg` such that `line_start..split`
    /// (plus a hyphen, for prose) fits. `forced` allows splitting bold
    /// labels and, failing hyphenation points, anywhere (URLs only).
    fn hyphen_split(&mut self, line_start: usize, seg: Range<usize>, forced: bool) -> Option<usize> {
        let candidates: Vec<usize> = match self.mode {
            Breaking::Prose(lang) => {
                let lang = lang?;
                if !forced && self.st.weight_at(seg.start) == FontWeight::Bold && self.is_label(seg.clone()) {
                    return None;
                }
                hyphenation_points(&self.st.text, seg.clone(), lang)
            }
            // Inside a URL part only when the part alone is wider than the line.
            Breaking::Url if !forced => return None,
            Breaking::Url => self.st.text[seg.clone()].char_indices().skip(1).map(|(i, _)| seg.start + i).collect(),
        };
        let hyphen = matches!(self.mode, Breaking::Prose(_));
        for &split in candidates.iter().rev() {
            let extra = if hyphen { self.hyphen_width(split) } else { Mm::ZERO };
            if self.width(line_start..split) + extra <= self.max {
                return Some(split);
            }
        }
        None
    }

    /// Whether the segment is an on-screen label (all bold in non-bold text).
    fn is_label(&self, seg: Range<usize>) -> bool {
        let core = seg.start..seg.start + self.st.text[seg].trim_end().len();
        self.st.pieces(core).all(|(_, w, _, _)| w == FontWeight::Bold)
            && self.st.runs.iter().any(|(_, w, _)| *w == FontWeight::Regular)
    }

    fn push(&mut self, range: Range<usize>, hyphen: bool) {
        self.lines.push((range, hyphen));
    }

    /// Lay out one line: split it into runs of one direction (Unicode
    /// bidi algorithm, so a URL inside Arabic stays left to right), order
    /// them visually, and measure the pieces.
    fn build(&mut self, range: Range<usize>, hyphen: bool, bidi: Option<&unicode_bidi::BidiInfo>) -> Line {
        let end = range.start + self.st.text[range.clone()].trim_end().len();
        let runs: Vec<(Range<usize>, bool)> = match bidi {
            Some(b) if range.start < end && !b.paragraphs.is_empty() => {
                let para = b.paragraphs.iter().find(|p| p.range.contains(&range.start)).unwrap_or(&b.paragraphs[0]);
                let (levels, runs) = b.visual_runs(para, range.start..end);
                runs.into_iter().map(|r| {
                    let rtl = levels[r.start].is_rtl();
                    (r, rtl)
                }).collect()
            }
            _ => vec![(range.start..end, false)],
        };
        let mut pieces: Vec<Piece> = Vec::new();
        let mut x = Mm::ZERO;
        for (run, rtl) in runs {
            let mut parts: Vec<(String, FontWeight, usize, usize)> =
                self.st.pieces(run).map(|(t, w, f, at)| (t.to_string(), w, f, at)).collect();
            if rtl {
                parts.reverse();
            }
            for (mut text, weight, face, logical) in parts {
                if hyphen && logical + text.len() == end {
                    text.push('-');
                }
                let width = self.m.width_in(face, weight, &text, self.size);
                pieces.push(Piece { text, weight, face, rtl, x, width, logical });
                x += width;
            }
        }
        Line { pieces, width: x }
    }
}

/// Where a URL may break (Chicago Manual of Style): after `://`, before a
/// single `/`, `.`, `-`, `?`, `#`, `_`, `~`, `%`, and before or after `=`
/// and `&`. The next line then starts with a character that shows the
/// address goes on.
fn url_breaks(url: &str) -> Vec<usize> {
    let scheme_end = url.find("://").map_or(0, |i| i + 3);
    let mut v = Vec::new();
    for (i, c) in url.char_indices() {
        if i <= scheme_end {
            continue;
        }
        if matches!(c, '/' | '.' | '-' | '?' | '#' | '_' | '~' | '%' | '=' | '&') {
            v.push(i);
        }
        if matches!(c, '=' | '&') {
            v.push(i + c.len_utf8());
        }
    }
    if scheme_end > 0 && scheme_end < url.len() {
        v.insert(0, scheme_end);
    }
    v.retain(|&i| i > 0 && i < url.len());
    v.dedup();
    v.push(url.len());
    v
}

/// Byte offsets inside `seg` where the word may be hyphenated. Only plain
/// alphabetic words are hyphenated: never numbers, addresses or e-mail.
fn hyphenation_points(text: &str, seg: Range<usize>, lang: hypher::Lang) -> Vec<usize> {
    let s = &text[seg.clone()];
    let lead = s.len() - s.trim_start_matches(|c: char| !c.is_alphabetic()).len();
    let core = s[lead..].trim_end_matches(|c: char| !c.is_alphabetic());
    if core.chars().count() < 5 || !core.chars().all(char::is_alphabetic) {
        return Vec::new();
    }
    let mut points = Vec::new();
    let mut at = seg.start + lead;
    let syllables: Vec<&str> = hypher::hyphenate(core, lang).collect();
    for syl in &syllables[..syllables.len().saturating_sub(1)] {
        at += syl.len();
        points.push(at);
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::FontData;
    use crate::load::markup;
    use std::sync::Arc;

    fn fonts() -> Fonts {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
        let read = |f: &str| FontData { bytes: Arc::new(std::fs::read(dir.join(f)).unwrap()), file: f.into() };
        Fonts {
            faces: vec![crate::fonts::FaceSet {
                script: None,
                regular: read("AtkinsonHyperlegible-Regular.ttf"),
                bold: read("AtkinsonHyperlegible-Bold.ttf"),
            }],
        }
    }

    fn text_of(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.pieces.iter().map(|p| p.text.as_str()).collect()).collect()
    }

    #[test]
    fn kerning_is_measured() {
        let f = fonts();
        let mut m = Measurer::new(&f);
        // "AV" kerns tighter than "A" + "V" apart.
        let pair = m.width(FontWeight::Regular, "AV", Pt(100.0));
        let apart = m.width(FontWeight::Regular, "A", Pt(100.0)) + m.width(FontWeight::Regular, "V", Pt(100.0));
        assert!(pair < apart, "{pair:?} vs {apart:?}");
    }

    #[test]
    fn lines_never_exceed_the_width() {
        let f = fonts();
        let mut m = Measurer::new(&f);
        let rich = markup::parse(
            "Open het menu rechtsonder in de app en tik op **Instellingen en privacy**. Kies daarna \
             **Privacycentrum** en scroll naar **Privacyonderwerpen**.",
        )
        .unwrap();
        for max in [40.0, 60.0, 85.0, 120.0] {
            let lines = break_lines(&mut m, &rich, FontWeight::Regular, Pt(13.0), Mm(max), Breaking::Prose(Some(hypher::Lang::Dutch)), false)
                .unwrap();
            assert!(lines.len() > 1);
            for l in &lines {
                assert!(l.width <= Mm(max), "{:?} wider than {max}", text_of(&[l.clone()]));
            }
            let joined = text_of(&lines).join(" ").replace("- ", "");
            assert!(joined.contains("Instellingen"), "{joined}");
        }
    }

    #[test]
    fn long_dutch_words_are_hyphenated_and_labels_kept_whole() {
        let f = fonts();
        let mut m = Measurer::new(&f);
        let rich = markup::parse("Ga naar de persoonsgegevensbeschermingsautoriteit en **Privacyonderwerpen**").unwrap();
        let lines =
            break_lines(&mut m, &rich, FontWeight::Regular, Pt(13.0), Mm(60.0), Breaking::Prose(Some(hypher::Lang::Dutch)), false)
                .unwrap();
        let text = text_of(&lines);
        assert!(text.iter().any(|l| l.ends_with('-')), "{text:?}");
        assert!(text.iter().any(|l| l.ends_with("Privacyonderwerpen")), "{text:?}");
        assert!(!text.iter().any(|l| l.ends_with("Privacy-")), "{text:?}");
    }

    #[test]
    fn urls_break_after_slashes_without_hyphens() {
        let f = fonts();
        let mut m = Measurer::new(&f);
        let rich = Rich::plain("https://www.facebook.com/help/contact/712876720715583");
        let lines = break_lines(&mut m, &rich, FontWeight::Regular, Pt(12.0), Mm(60.0), Breaking::Url, false).unwrap();
        let text = text_of(&lines);
        assert!(lines.len() >= 2, "{text:?}");
        assert_eq!(text.concat(), "https://www.facebook.com/help/contact/712876720715583");
        assert!(text[1..].iter().all(|l| l.starts_with(['/', '.'])), "{text:?}");
        assert!(!text.iter().any(|l| l.ends_with('-')), "{text:?}");
        // Narrower than the host name: still no hyphen anywhere.
        let lines = break_lines(&mut m, &rich, FontWeight::Bold, Pt(7.5), Mm(20.0), Breaking::Url, false).unwrap();
        assert_eq!(text_of(&lines).concat(), "https://www.facebook.com/help/contact/712876720715583");
        assert!(!text_of(&lines).iter().any(|l| l.ends_with('-')), "{:?}", text_of(&lines));
    }

    #[test]
    fn a_word_wider_than_the_line_is_unfit_without_hyphenation() {
        let f = fonts();
        let mut m = Measurer::new(&f);
        let rich = Rich::plain("Xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
        let err = break_lines(&mut m, &rich, FontWeight::Regular, Pt(13.0), Mm(30.0), Breaking::Prose(None), false).unwrap_err();
        assert_eq!(err.word, "Xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
    }

    #[test]
    fn missing_glyphs_are_found() {
        let f = fonts();
        let mut m = Measurer::new(&f);
        assert_eq!(m.missing_glyph(0, FontWeight::Regular, "„Het risico” ‘x’ é ë ï"), None);
        assert_eq!(m.missing_glyph(0, FontWeight::Regular, "abc ب"), Some('ب'));
    }
}
