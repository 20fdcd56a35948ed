//! Shaping, once per string: rustybuzz shape plans are built once per font,
//! direction and script (building one parses the font's layout tables,
//! which costs more than shaping a line), and each string's shaped glyphs,
//! advance and ink are kept, for every document the process builds. The
//! glyphs are what render draws, so what is measured is what is printed.

use crate::model::Glyph;
use foldhash::HashMap;
use rustybuzz::{Direction, Face, ShapePlan, UnicodeBuffer};
use std::sync::{Arc, Mutex};

/// About how many bytes of shaped strings a generation of the cache holds.
/// A batch shapes every organisation's own name and help text, in every
/// line the fitting tries, and a server whatever people type: neither may
/// make memory grow with the number of them. When the newer generation is
/// full, the older is dropped and the newer becomes the older, so what
/// every document shapes (the campaign's texts) stays, found again in the
/// older generation and brought back into the newer.
const GENERATION_BYTES: usize = 4 * 1024 * 1024;

/// A string shaped in one face.
#[derive(Debug)]
pub struct Shaped {
    /// Advance in em.
    pub em: f32,
    /// A character the font has no glyph for.
    pub missing: Option<char>,
    /// How far the ink reaches above and below the baseline, in em.
    pub ink_up: f32,
    pub ink_down: f32,
    /// The glyphs, in visual order.
    pub glyphs: Arc<Vec<Glyph>>,
}

/// Which way to shape: as the text's script says, or as told.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Dir {
    Guess,
    Ltr,
    Rtl,
}

/// Shape plans and shaped strings, shared by every document (and thread)
/// using the same font files. Faces are told apart by the address of their
/// bytes, which the fonts share for as long as the cache lives.
#[derive(Default)]
pub struct ShapeCache {
    inner: Mutex<Inner>,
}

/// Shaped strings by face and direction, then by text.
type Strings = HashMap<(usize, Dir), HashMap<String, Arc<Shaped>>>;

#[derive(Default)]
struct Inner {
    plans: HashMap<(usize, Direction, rustybuzz::Script, Option<rustybuzz::Language>), Arc<ShapePlan>>,
    /// The newer generation of shaped strings, and about how many bytes it holds.
    strings: Strings,
    bytes: usize,
    /// The older generation.
    older: Strings,
    /// How far each glyph's ink reaches (y_min, y_max in font units):
    /// reading it means parsing the glyph's outline.
    ink: HashMap<(usize, u16), Option<(i16, i16)>>,
}

impl std::fmt::Debug for ShapeCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ShapeCache")
    }
}

impl ShapeCache {
    /// `text` shaped in `face` (whose bytes start at `id`).
    pub fn shape(&self, id: usize, face: &Face, text: &str, dir: Dir) -> Arc<Shaped> {
        if let Some(s) = self.lock().find(id, text, dir) {
            return s;
        }
        let mut buf = UnicodeBuffer::new();
        buf.push_str(text);
        buf.guess_segment_properties();
        match dir {
            Dir::Guess => {}
            Dir::Ltr => buf.set_direction(Direction::LeftToRight),
            Dir::Rtl => buf.set_direction(Direction::RightToLeft),
        }
        let plan = self.plan(id, face, &buf);
        let rtl = matches!(buf.direction(), Direction::RightToLeft | Direction::BottomToTop);
        let out = rustybuzz::shape_with_plan(face, &plan, buf);
        let ink = self.ink(id, face, &out);
        let shaped = Arc::new(measure(face, text, rtl, ink, out));
        self.lock().keep(id, text, dir, &shaped);
        shaped
    }

    fn plan(&self, id: usize, face: &Face, buf: &UnicodeBuffer) -> Arc<ShapePlan> {
        let key = (id, buf.direction(), buf.script(), buf.language());
        if let Some(p) = self.lock().plans.get(&key) {
            return Arc::clone(p);
        }
        let plan = Arc::new(ShapePlan::new(face, key.1, Some(key.2), key.3.as_ref(), &[]));
        self.lock().plans.insert(key, Arc::clone(&plan));
        plan
    }

    /// The ink of each glyph of `out`, from the cache where it can.
    fn ink(&self, id: usize, face: &Face, out: &rustybuzz::GlyphBuffer) -> Vec<Option<(i16, i16)>> {
        let mut inner = self.lock();
        out.glyph_infos()
            .iter()
            .map(|g| {
                let gid = g.glyph_id as u16;
                *inner.ink.entry((id, gid)).or_insert_with(|| {
                    face.glyph_bounding_box(rustybuzz::ttf_parser::GlyphId(gid)).map(|bb| (bb.y_min, bb.y_max))
                })
            })
            .collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic elsewhere while holding the lock leaves a cache that is
        // still consistent: every entry is inserted whole.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Inner {
    /// A string shaped before: in the newer generation, or in the older
    /// (then kept in the newer again).
    fn find(&mut self, id: usize, text: &str, dir: Dir) -> Option<Arc<Shaped>> {
        if let Some(s) = self.strings.get(&(id, dir)).and_then(|m| m.get(text)) {
            return Some(Arc::clone(s));
        }
        let s = Arc::clone(self.older.get(&(id, dir))?.get(text)?);
        self.keep(id, text, dir, &s);
        Some(s)
    }

    fn keep(&mut self, id: usize, text: &str, dir: Dir, shaped: &Arc<Shaped>) {
        let size = text.len() * 2 + shaped.glyphs.len() * std::mem::size_of::<Glyph>() + 128;
        if self.bytes + size > GENERATION_BYTES {
            self.older = std::mem::take(&mut self.strings);
            self.bytes = 0;
        }
        self.bytes += size;
        self.strings.entry((id, dir)).or_default().insert(text.to_string(), Arc::clone(shaped));
    }
}

fn measure(face: &Face, text: &str, rtl: bool, ink: Vec<Option<(i16, i16)>>, out: rustybuzz::GlyphBuffer) -> Shaped {
    let upem = face.units_per_em() as f32;
    let em = out.glyph_positions().iter().map(|p| p.x_advance as f32).sum::<f32>() / upem;
    let missing = out
        .glyph_infos()
        .iter()
        .find(|g| g.glyph_id == 0)
        .and_then(|g| text.get(g.cluster as usize..)?.chars().next())
        .filter(|c| !c.is_whitespace() && !is_default_ignorable(*c));
    let (mut up, mut down) = (0.0f32, 0.0f32);
    for (bbox, pos) in ink.iter().zip(out.glyph_positions()) {
        if let Some((y_min, y_max)) = bbox {
            up = up.max((*y_max as i32 + pos.y_offset) as f32);
            down = down.max(-((*y_min as i32 + pos.y_offset) as f32));
        }
    }
    let glyphs = Arc::new(glyphs(text, rtl, &out, upem));
    Shaped { em, missing, ink_up: up / upem, ink_down: down / upem, glyphs }
}

/// The glyphs with the text each stands for, as krilla wants them: a
/// glyph's text runs from its cluster to the next cluster in reading order.
fn glyphs(text: &str, rtl: bool, out: &rustybuzz::GlyphBuffer, upem: f32) -> Vec<Glyph> {
    let (infos, positions) = (out.glyph_infos(), out.glyph_positions());
    (0..infos.len())
        .map(|i| {
            let start = infos[i].cluster as usize;
            let next = if !rtl {
                infos[i + 1..].iter().find(|g| g.cluster != infos[i].cluster)
            } else {
                infos[..i].iter().rev().find(|g| g.cluster != infos[i].cluster)
            };
            let end = next.map_or(text.len(), |g| g.cluster as usize);
            let p = positions[i];
            Glyph {
                id: infos[i].glyph_id as u16,
                x_advance: p.x_advance as f32 / upem,
                x_offset: p.x_offset as f32 / upem,
                y_offset: p.y_offset as f32 / upem,
                y_advance: p.y_advance as f32 / upem,
                text: start..end,
            }
        })
        .collect()
}

fn is_default_ignorable(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}
