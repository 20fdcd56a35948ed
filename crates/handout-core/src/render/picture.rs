//! Logos in the PDF: pixels as an image, SVG as vector drawing, each made
//! ready once a run ([`Resources`]).

use super::resources::Resources;
use super::{failed, pt};
use crate::diag::Problem;
use crate::model::Picture;
use crate::units::Rect;
use krilla::surface::Surface;

/// `picture` scaled into `rect`.
pub(super) fn draw(s: &mut Surface, rect: Rect, picture: &Picture, ready: &Resources) -> Result<(), Problem> {
    let size = krilla::geom::Size::from_wh(pt(rect.w), pt(rect.h)).ok_or_else(|| failed("empty logo box"))?;
    s.push_transform(&krilla::geom::Transform::from_translate(pt(rect.x), pt(rect.y)));
    match picture {
        Picture::Png(bytes) => s.draw_image(ready.image(bytes, true)?, size),
        Picture::Jpeg(bytes) => s.draw_image(ready.image(bytes, false)?, size),
        Picture::Svg(svg) => {
            use krilla_svg::{SurfaceExt, SvgSettings};
            let tree = ready.svg(svg)?;
            // Text in the logo is drawn as shapes: it needs no font of its own.
            let settings = SvgSettings { embed_text: false, ..SvgSettings::default() };
            s.draw_svg(&tree, size, settings).ok_or_else(|| failed("the SVG logo cannot be drawn"))?;
        }
    }
    s.pop();
    Ok(())
}
