//! Logos in the PDF: pixels as an image, SVG as vector drawing. krilla
//! decodes a PNG and compresses its pixels when the image is made, which
//! for a 900 x 330 logo costs more than the rest of a flyer; an image made
//! once serves every document of the run that shows the same bytes (the
//! four documents of an organisation, a network's branches that share a
//! logo), and so does an SVG's parsed tree. The PDF's bytes are the same
//! either way.

use super::{failed, pt};
use crate::cache::ByBytes;
use crate::diag::Problem;
use crate::model::Picture;
use crate::units::Rect;
use krilla::image::Image;
use krilla::surface::Surface;
use std::sync::Arc;

/// Logos made ready for krilla, shared by the documents of a run.
#[derive(Default)]
pub struct Pictures {
    images: ByBytes<Image>,
    svgs: ByBytes<Arc<usvg::Tree>>,
}

/// `picture` scaled into `rect`.
pub(super) fn draw(s: &mut Surface, rect: Rect, picture: &Picture, pictures: &Pictures) -> Result<(), Problem> {
    let size = krilla::geom::Size::from_wh(pt(rect.w), pt(rect.h)).ok_or_else(|| failed("empty logo box"))?;
    s.push_transform(&krilla::geom::Transform::from_translate(pt(rect.x), pt(rect.y)));
    match picture {
        Picture::Png(bytes) | Picture::Jpeg(bytes) => {
            let png = matches!(picture, Picture::Png(_));
            let image = pictures.images.get_or_make(bytes, |_| image(bytes, png))?;
            s.draw_image(image, size);
        }
        Picture::Svg(svg) => {
            use krilla_svg::{SurfaceExt, SvgSettings};
            let tree = pictures.svgs.get_or_make(svg, parse)?;
            // Text in the logo is drawn as shapes: it needs no font of its own.
            let settings = SvgSettings { embed_text: false, ..SvgSettings::default() };
            s.draw_svg(&tree, size, settings).ok_or_else(|| failed("the SVG logo cannot be drawn"))?;
        }
    }
    s.pop();
    Ok(())
}

/// A checked PNG or JPEG, decoded and compressed by krilla.
fn image(bytes: &Arc<Vec<u8>>, png: bool) -> Result<Image, Problem> {
    let data: Arc<dyn AsRef<[u8]> + Send + Sync> = bytes.clone();
    let image = if png { Image::from_png(data.into(), false) } else { Image::from_jpeg(data.into(), false) };
    image.map_err(|e| failed(format!("the logo cannot be embedded: {e}")))
}

/// A checked SVG, parsed with the options it was checked with.
fn parse(svg: &[u8]) -> Result<Arc<usvg::Tree>, Problem> {
    let tree = usvg::Tree::from_data(svg, &crate::logo::svg_draw_options(svg))
        .map_err(|e| failed(format!("the SVG logo cannot be read again: {e}")))?;
    Ok(Arc::new(tree))
}
