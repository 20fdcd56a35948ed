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
    regular: rustybuzz::Face<'f>,
    bold: rustybuzz::Face<'f>,
    cache: HashMap<(FontWeight, String), Shaped>,
}

#[derive(Copy, Clone)]
struct Shaped {
    /// Advance in em.
    em: f32,
    /// A character the font has no glyph for.
    missing: Option<char>,
}

impl<'f> Measurer<'f> {
    pub fn new(fonts: &'f Fonts) -> Measurer<'f> {
        // Fonts are checked to parse when loaded.
        let face = |b: &'f [u8]| rustybuzz::Face::from_slice(b, 0).expect("font checked on load");
        Measurer { regular: face(&fonts.regular.bytes), bold: face(&fonts.bold.bytes), cache: HashMap::new() }
    }

    fn face(&self, w: FontWeight) -> &rustybuzz::Face<'f> {
        match w {
            FontWeight::Regular => &self.regular,
            FontWeight::Bold => &self.bold,
        }
    }

    fn shape(&mut self, w: FontWeight, text: &str) -> Shaped {
        if let Some(s) = self.cache.get(&(w, text.to_string())) {
            return *s;
        }
        let face = self.face(w);
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
        let shaped = Shaped { em, missing };
        self.cache.insert((w, text.to_string()), shaped);
        shaped
    }

    pub fn width(&mut self, w: FontWeight, text: &str, size: Pt) -> Mm {
        Pt(self.shape(w, text).em * size.0).to_mm()
    }

    /// The first character of `text` that the font cannot draw.
    pub fn missing_glyph(&mut self, w: FontWeight, text: &str) -> Option<char> {
        self.shape(w, text).missing
    }

    pub fn ascent(&self, w: FontWeight, size: Pt) -> Mm {
        let f = self.face(w);
        Pt(f.ascender() as f32 / f.units_per_em() as f32 * size.0).to_mm()
    }

    pub fn descent(&self, w: FontWeight, size: Pt) -> Mm {
        let f = self.face(w);
        Pt(-(f.descender() as f32) / f.units_per_em() as f32 * size.0).to_mm()
    }

    /// Height of capital letters, for centring numbers in circles.
    pub fn cap_height(&self, w: FontWeight, size: Pt) -> Mm {
        let f = self.face(w);
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

/// A piece of a line in one weight.
#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    pub text: String,
    pub weight: FontWeight,
    /// Offset from the line's start.
    pub x: Mm,
    pub width: Mm,
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
    runs: Vec<(Range<usize>, FontWeight)>,
}

impl Styled {
    fn new(rich: &Rich, base: FontWeight) -> Styled {
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
                runs.push((start..text.len(), weight));
            }
        }
        let trimmed = text.trim_end().len();
        text.truncate(trimmed);
        for r in &mut runs {
            r.0.end = r.0.end.min(trimmed);
            r.0.start = r.0.start.min(trimmed);
        }
        runs.retain(|r| !r.0.is_empty());
        Styled { text, runs }
    }

    /// The pieces of `range`, one per weight run.
    fn pieces(&self, range: Range<usize>) -> impl Iterator<Item = (&str, FontWeight)> + '_ {
        self.runs.iter().filter_map(move |(r, w)| {
            let s = r.start.max(range.start);
            let e = r.end.min(range.end);
            (s < e).then(|| (&self.text[s..e], *w))
        })
    }

    fn weight_at(&self, i: usize) -> FontWeight {
        self.runs.iter().find(|(r, _)| r.contains(&i)).map_or(FontWeight::Regular, |r| r.1)
    }
}

/// Break `rich` into lines no wider than `max`.
pub fn break_lines(
    m: &mut Measurer,
    rich: &Rich,
    base: FontWeight,
    size: Pt,
    max: Mm,
    mode: Breaking,
) -> Result<Vec<Line>, Unfit> {
    let st = Styled::new(rich, base);
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
    Ok(b.lines)
}

struct Breaker<'a, 'm, 'f> {
    m: &'m mut Measurer<'f>,
    st: &'a Styled,
    size: Pt,
    max: Mm,
    mode: Breaking,
    lines: Vec<Line>,
}

impl Breaker<'_, '_, '_> {
    /// Width of a range as it would be printed: trailing spaces do not count.
    fn width(&mut self, range: Range<usize>) -> Mm {
        let end = range.start + self.st.text[range.clone()].trim_end().len();
        let pieces: Vec<(String, FontWeight)> =
            self.st.pieces(range.start..end).map(|(t, w)| (t.to_string(), w)).collect();
        pieces.iter().fold(Mm::ZERO, |acc, (t, w)| acc + self.m.width(*w, t, self.size))
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
        self.st.pieces(core).all(|(_, w)| w == FontWeight::Bold)
            && self.st.runs.iter().any(|(_, w)| *w == FontWeight::Regular)
    }

    fn push(&mut self, range: Range<usize>, hyphen: bool) {
        let end = range.start + self.st.text[range.clone()].trim_end().len();
        let mut pieces: Vec<Piece> = Vec::new();
        let mut x = Mm::ZERO;
        let parts: Vec<(String, FontWeight)> =
            self.st.pieces(range.start..end).map(|(t, w)| (t.to_string(), w)).collect();
        let n = parts.len();
        for (i, (mut text, w)) in parts.into_iter().enumerate() {
            if hyphen && i + 1 == n {
                text.push('-');
            }
            let width = self.m.width(w, &text, self.size);
            pieces.push(Piece { text, weight: w, x, width });
            x += width;
        }
        self.lines.push(Line { pieces, width: x });
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
        Fonts { regular: read("AtkinsonHyperlegible-Regular.ttf"), bold: read("AtkinsonHyperlegible-Bold.ttf") }
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
            let lines = break_lines(&mut m, &rich, FontWeight::Regular, Pt(13.0), Mm(max), Breaking::Prose(Some(hypher::Lang::Dutch)))
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
            break_lines(&mut m, &rich, FontWeight::Regular, Pt(13.0), Mm(60.0), Breaking::Prose(Some(hypher::Lang::Dutch)))
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
        let lines = break_lines(&mut m, &rich, FontWeight::Regular, Pt(12.0), Mm(60.0), Breaking::Url).unwrap();
        let text = text_of(&lines);
        assert!(lines.len() >= 2, "{text:?}");
        assert_eq!(text.concat(), "https://www.facebook.com/help/contact/712876720715583");
        assert!(text[1..].iter().all(|l| l.starts_with(['/', '.'])), "{text:?}");
        assert!(!text.iter().any(|l| l.ends_with('-')), "{text:?}");
        // Narrower than the host name: still no hyphen anywhere.
        let lines = break_lines(&mut m, &rich, FontWeight::Bold, Pt(7.5), Mm(20.0), Breaking::Url).unwrap();
        assert_eq!(text_of(&lines).concat(), "https://www.facebook.com/help/contact/712876720715583");
        assert!(!text_of(&lines).iter().any(|l| l.ends_with('-')), "{:?}", text_of(&lines));
    }

    #[test]
    fn a_word_wider_than_the_line_is_unfit_without_hyphenation() {
        let f = fonts();
        let mut m = Measurer::new(&f);
        let rich = Rich::plain("Xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
        let err = break_lines(&mut m, &rich, FontWeight::Regular, Pt(13.0), Mm(30.0), Breaking::Prose(None)).unwrap_err();
        assert_eq!(err.word, "Xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
    }

    #[test]
    fn missing_glyphs_are_found() {
        let f = fonts();
        let mut m = Measurer::new(&f);
        assert_eq!(m.missing_glyph(FontWeight::Regular, "„Het risico” ‘x’ é ë ï"), None);
        assert_eq!(m.missing_glyph(FontWeight::Regular, "abc ب"), Some('ب'));
    }
}
