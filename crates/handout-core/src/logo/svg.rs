//! SVG logos: self-contained, and bounded in what they cost to draw. The
//! page model keeps a logo's own bytes; render reads them again with the
//! very options the check used ([`draw_options`]), so what was checked is
//! what is drawn.
//!
//! What a logo may cost is limited by counting, before anything is drawn:
//! a time limit would make a logo's fate depend on the machine. An SVG of
//! a few kilobytes can ask for much: thousands of copies through `<use>`,
//! or filters (blur, shadows) over regions far larger than the logo, each
//! of which becomes a picture in the PDF. Logos need none of that.

use super::{MAX_BYTES, check_size, fail};
use crate::diag::{LogoIssue, Problem};
use crate::files::Embedded;
use crate::model::Picture;
use std::io::Cursor;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::Logo;

/// The most elements an SVG logo may have, every `<use>` counted as the
/// copy it makes: a detailed logo has a few hundred.
pub const MAX_ELEMENTS: usize = 5_000;
/// The deepest nesting of groups.
pub const MAX_DEPTH: usize = 48;
/// The most filtered groups (a drop shadow is one): each is drawn as a
/// picture of its own.
pub const MAX_FILTERS: usize = 8;
/// All filters' regions together, in multiples of the logo's own area: a
/// shadow under the whole logo is about 1.5.
pub const MAX_FILTER_AREA: f32 = 8.0;

pub(super) fn read(bytes: &[u8]) -> Result<Logo, Problem> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| fail(LogoIssue::SvgNotUtf8, "the SVG logo is not UTF-8 text", "save the SVG as UTF-8"))?;
    if let Some(r) = outside_reference(text) {
        return Err(fail(
            LogoIssue::Outside,
            format!("the SVG logo refers to something outside itself ({r})"),
            "logos must be self-contained: embed pictures as data: URLs and convert text to paths; handout never fetches files or sites",
        ));
    }
    check_expansion(text)?;
    let tree = parse(bytes)?;
    let size = tree.size();
    if !(size.width() > 0.0 && size.height() > 0.0) {
        return Err(fail(LogoIssue::SvgNoSize, "the SVG logo has no size", "give the <svg> a width and height or a viewBox"));
    }
    check_cost(&tree)?;
    Ok(Logo {
        picture: Picture::Svg(Arc::new(bytes.to_vec())),
        aspect: size.width() / size.height(),
        native_width: None,
    })
}

/// Parse as a logo: text in the project's own typeface, embedded
/// pictures within a logo's limits, nothing fetched.
fn parse(bytes: &[u8]) -> Result<usvg::Tree, Problem> {
    let refused = AtomicBool::new(false);
    let mut options = draw_options(bytes);
    options.image_href_resolver = usvg::ImageHrefResolver {
        resolve_data: Box::new(|mime, data, opts| {
            let ok = data.len() <= MAX_BYTES && embedded_ok(&data);
            if !ok {
                refused.store(true, Ordering::Relaxed);
            }
            if ok { (usvg::ImageHrefResolver::default_data_resolver())(mime, data, opts) } else { None }
        }),
        resolve_string: Box::new(|_, _| {
            refused.store(true, Ordering::Relaxed);
            None
        }),
    };
    let tree = usvg::Tree::from_data(bytes, &options).map_err(|e| {
        fail(
            LogoIssue::SvgDamaged,
            format!("the SVG logo cannot be read: {e}"),
            "open it in a drawing program and save it again as plain SVG",
        )
    })?;
    if refused.load(Ordering::Relaxed) {
        return Err(fail(
            LogoIssue::SvgEmbeddedPicture,
            "the SVG logo holds a picture that is not self-contained or too large",
            "embed pictures as small PNG or JPEG data: URLs, or use plain vector shapes",
        ));
    }
    Ok(tree)
}

/// How a checked logo is read to be drawn: text in the project's own
/// typeface, pictures only from inside it, nothing from files or sites.
pub fn draw_options(svg: &[u8]) -> usvg::Options<'static> {
    let mut options = usvg::Options::default();
    // Reading the typeface costs more than most logos: only a logo that
    // may have text gets it (a `<text>` element has "text" in its name).
    if svg.windows(4).any(|w| w.eq_ignore_ascii_case(b"text")) {
        options.fontdb = Arc::new(typeface());
    }
    options.image_href_resolver = usvg::ImageHrefResolver {
        resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
        resolve_string: Box::new(|_, _| None),
    };
    options
}

/// Text in SVG logos is set in the project's own typeface, never in fonts
/// of the machine (that would make output depend on the machine).
fn typeface() -> usvg::fontdb::Database {
    let mut db = usvg::fontdb::Database::new();
    for name in ["AtkinsonHyperlegible-Regular.ttf", "AtkinsonHyperlegible-Bold.ttf"] {
        if let Some(font) = Embedded::font(name) {
            db.load_font_data(font.to_vec());
        }
    }
    let family = db.faces().next().and_then(|f| f.families.first()).map(|(name, _)| name.clone());
    if let Some(family) = family {
        db.set_sans_serif_family(family.clone());
        db.set_serif_family(family);
    }
    db
}

/// A reference in an SVG to anything outside it: a file, a site.
fn outside_reference(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    if lower.contains("<!entity") || lower.contains("<!doctype") {
        return Some("<!DOCTYPE ...>".into());
    }
    for marker in ["href", "url(", "@import", "src="] {
        let mut from = 0;
        while let Some(i) = lower[from..].find(marker) {
            let at = from + i + marker.len();
            from = at;
            let rest = lower[at..].trim_start_matches(|c: char| c.is_whitespace() || c == '=' || c == '"' || c == '\'');
            let inner = !marker.starts_with('@') && (rest.starts_with('#') || rest.starts_with("data:"));
            if !inner {
                let end =
                    rest.find(|c: char| c == '"' || c == '\'' || c == ')' || c.is_whitespace()).unwrap_or(rest.len());
                return Some(format!("{marker} {}", &rest[..end.min(80)]));
            }
        }
    }
    None
}

/// A picture embedded in an SVG: within the same limits as a logo file.
fn embedded_ok(data: &[u8]) -> bool {
    let Ok(reader) = image::ImageReader::new(Cursor::new(data)).with_guessed_format() else { return false };
    if reader.format().is_none() {
        // Not a raster picture: an SVG inside the SVG, which usvg parses
        // with the same options (so the same resolvers apply inside it),
        // but the copies its `<use>`s make are counted here.
        return std::str::from_utf8(data).is_ok_and(|t| outside_reference(t).is_none() && check_expansion(t).is_ok());
    }
    reader.into_dimensions().is_ok_and(|(w, h)| check_size(w, h).is_ok())
}

fn too_costly(what: String) -> Problem {
    fail(
        LogoIssue::SvgTooCostly,
        format!("the SVG logo would cost too much to draw: {what}"),
        "save the logo as plain shapes, without effects such as blur or shadows, or as a PNG of about 1000 pixels across",
    )
}

/// The elements the SVG would have with every `<use>` made into the copy
/// it stands for, counted on the XML before usvg makes any copy: a few
/// kilobytes of nested `<use>` can stand for billions of elements.
fn check_expansion(text: &str) -> Result<(), Problem> {
    let options = usvg::roxmltree::ParsingOptions { allow_dtd: false, ..Default::default() };
    // What does not parse is usvg's to report, in its words.
    let Ok(doc) = usvg::roxmltree::Document::parse_with_options(text, options) else { return Ok(()) };
    let mut by_id = std::collections::HashMap::new();
    for n in doc.descendants().filter(|n| n.is_element()) {
        if let Some(id) = n.attribute("id") {
            by_id.insert(id, n);
        }
    }
    let mut memo = std::collections::HashMap::new();
    let count = expanded(doc.root_element(), &by_id, &mut memo, 0);
    if count > MAX_ELEMENTS {
        return Err(too_costly(format!(
            "it has {} elements, counting every copy <use> makes; at most {MAX_ELEMENTS} are drawn",
            if count == usize::MAX { "billions of".to_string() } else { count.to_string() }
        )));
    }
    Ok(())
}

type ById<'a, 'i> = std::collections::HashMap<&'a str, usvg::roxmltree::Node<'a, 'i>>;

/// Elements under `node` (itself included), `<use>` copies counted;
/// saturates rather than overflows, and a reference round a circle counts
/// as too many.
fn expanded<'a, 'i>(
    node: usvg::roxmltree::Node<'a, 'i>,
    by_id: &ById<'a, 'i>,
    memo: &mut std::collections::HashMap<usvg::roxmltree::NodeId, usize>,
    depth: usize,
) -> usize {
    if let Some(n) = memo.get(&node.id()) {
        return *n;
    }
    if depth > MAX_DEPTH * 4 {
        return usize::MAX;
    }
    let mut count: usize = 1;
    for child in node.children().filter(|c| c.is_element()) {
        count = count.saturating_add(expanded(child, by_id, memo, depth + 1));
    }
    if node.tag_name().name() == "use" {
        let target = node
            .attributes()
            .find(|a| a.name() == "href")
            .and_then(|a| a.value().strip_prefix('#'))
            .and_then(|id| by_id.get(id));
        if let Some(t) = target {
            // Guards a circle: while `t` is being counted, it counts as too many.
            memo.insert(node.id(), usize::MAX);
            count = count.saturating_add(expanded(*t, by_id, memo, depth + 1));
        }
    }
    memo.insert(node.id(), count);
    count
}

/// What drawing the parsed logo costs: its elements, how deep they nest,
/// and its filters.
#[derive(Default)]
struct Cost {
    elements: usize,
    depth: usize,
    filters: usize,
    filter_area: f32,
}

fn check_cost(tree: &usvg::Tree) -> Result<(), Problem> {
    let mut cost = Cost::default();
    add_group(tree.root(), 1, &mut cost);
    let area = tree.size().width() * tree.size().height();
    let relative = cost.filter_area / area;
    if cost.elements > MAX_ELEMENTS {
        return Err(too_costly(format!("it has {} elements; at most {MAX_ELEMENTS} are drawn", cost.elements)));
    }
    if cost.depth > MAX_DEPTH {
        return Err(too_costly(format!("its groups nest {} deep; at most {MAX_DEPTH}", cost.depth)));
    }
    if cost.filters > MAX_FILTERS {
        return Err(too_costly(format!("it has {} filter effects; at most {MAX_FILTERS}", cost.filters)));
    }
    if !(relative <= MAX_FILTER_AREA) {
        return Err(too_costly(format!(
            "its filter effects cover {relative:.0} times the logo's area; at most {MAX_FILTER_AREA:.0}"
        )));
    }
    Ok(())
}

fn add_group(g: &usvg::Group, depth: usize, cost: &mut Cost) {
    cost.elements += 1;
    cost.depth = cost.depth.max(depth);
    if !g.filters().is_empty() {
        cost.filters += g.filters().len();
        let bbox = g.abs_layer_bounding_box();
        cost.filter_area += bbox.width() * bbox.height();
    }
    if let Some(clip) = g.clip_path() {
        add_group(clip.root(), depth + 1, cost);
    }
    if let Some(mask) = g.mask() {
        add_group(mask.root(), depth + 1, cost);
    }
    for node in g.children() {
        match node {
            usvg::Node::Group(child) => add_group(child, depth + 1, cost),
            usvg::Node::Path(p) => {
                cost.elements += 1;
                for paint in p.fill().map(|f| f.paint()).into_iter().chain(p.stroke().map(|s| s.paint())) {
                    if let usvg::Paint::Pattern(pattern) = paint {
                        add_group(pattern.root(), depth + 1, cost);
                    }
                }
            }
            usvg::Node::Image(img) => {
                cost.elements += 1;
                if let usvg::ImageKind::SVG(inner) = img.kind() {
                    add_group(inner.root(), depth + 1, cost);
                }
            }
            usvg::Node::Text(t) => add_group(t.flattened(), depth + 1, cost),
        }
    }
}
