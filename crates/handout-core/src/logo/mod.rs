//! Logos: an organisation's picture, SVG (kept as vectors) or PNG/JPEG
//! (pixels). Whatever a file holds, reading it can only fail with a
//! message: never a panic, never a file or site outside the picture
//! itself, never more memory than a logo needs.

use crate::diag::{Kind, LogoIssue, Problem};
use crate::model::Picture;
use std::io::Cursor;
use std::sync::Arc;

mod svg;

pub use svg::svg_to_draw;

/// The largest logo file read.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
/// The most pixels a side of a raster logo may have.
pub const MAX_SIDE: u32 = 10_000;
/// The most pixels a raster logo may unpack to: a small file that unpacks
/// to more (a "decompression bomb") is refused before it is unpacked.
pub const MAX_PIXELS: u64 = 40_000_000;
/// Raster logos are kept at most this many pixels a side: more than any
/// logo box needs at 300 dpi, and every document that shows the logo
/// embeds its pixels.
const KEEP_SIDE: u32 = 1200;

/// A checked logo, ready to place.
#[derive(Clone, Debug)]
pub struct Logo {
    /// What the page model draws.
    pub picture: Picture,
    /// Width over height.
    pub aspect: f32,
    /// For pixels: the original's width, which limits how large it may
    /// print. `None` for vectors, which print sharp at any size.
    pub native_width: Option<u32>,
}

fn fail(issue: LogoIssue, message: impl Into<String>, help: &str) -> Problem {
    Problem::error(message).help(help).kind(Kind::Logo(issue))
}

/// Read a logo from its bytes; `name` (the file name) says which kind it
/// is. The problem has no place: the caller knows where the logo was named.
pub fn read(name: &str, bytes: &[u8]) -> Result<Logo, Problem> {
    if bytes.len() > MAX_BYTES {
        return Err(fail(
            LogoIssue::TooLarge,
            format!("the logo is {:.1} MB; at most 5 MB is read", bytes.len() as f64 / 1048576.0),
            "save it smaller: a logo needs no more than about 1000 pixels across, or use SVG",
        ));
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "svg" => svg::read(bytes),
        "png" | "jpg" | "jpeg" => read_raster(bytes),
        _ => Err(fail(
            LogoIssue::UnknownType,
            format!("`{name}` is not an SVG, PNG or JPEG file"),
            "give the logo as .svg, .png or .jpg",
        )),
    }
}

fn read_raster(bytes: &[u8]) -> Result<Logo, Problem> {
    let not_image = |e: image::ImageError| {
        fail(
            LogoIssue::Damaged,
            format!("the logo cannot be read as an image: {e}"),
            "save it again as PNG or JPEG; the file may be damaged or cut short",
        )
    };
    let reader = image::ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| not_image(e.into()))?;
    if reader.format().is_none_or(|f| !matches!(f, image::ImageFormat::Png | image::ImageFormat::Jpeg)) {
        return Err(fail(
            LogoIssue::NotPngOrJpeg,
            "the logo is not a PNG or JPEG image",
            "give the logo as .svg, .png or .jpg",
        ));
    }
    let format = reader.format();
    let (w, h) = reader.into_dimensions().map_err(not_image)?;
    check_size(w, h)?;
    let mut decoder =
        image::ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| not_image(e.into()))?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_PIXELS * 4 + 64 * 1024 * 1024);
    decoder.limits(limits);
    // Unpacked in full once: a damaged or cut-short file fails here, not
    // in the middle of a batch.
    let picture = decoder.decode().map_err(not_image)?;
    let aspect = w as f32 / h as f32;
    let plain = matches!(
        picture.color(),
        image::ColorType::L8 | image::ColorType::La8 | image::ColorType::Rgb8 | image::ColorType::Rgba8
    );
    let kept = w.max(h) <= KEEP_SIDE && plain && !is_cmyk_jpeg(bytes);
    let picture = if kept {
        let data = Arc::new(bytes.to_vec());
        if format == Some(image::ImageFormat::Jpeg) { Picture::Jpeg(data) } else { Picture::Png(data) }
    } else {
        // Too large, 16-bit or CMYK: an 8-bit RGBA PNG at most KEEP_SIDE a side.
        let small = if w.max(h) > KEEP_SIDE {
            picture.resize(KEEP_SIDE, KEEP_SIDE, image::imageops::FilterType::Triangle)
        } else {
            picture
        };
        let rgba = image::DynamicImage::ImageRgba8(small.to_rgba8());
        let mut out = Cursor::new(Vec::new());
        rgba.write_to(&mut out, image::ImageFormat::Png).map_err(not_image)?;
        Picture::Png(Arc::new(out.into_inner()))
    };
    Ok(Logo { picture, aspect, native_width: Some(w) })
}

/// A CMYK JPEG: kept as it is, it would need a colour profile in PDF/A.
fn is_cmyk_jpeg(bytes: &[u8]) -> bool {
    use image::ImageDecoder;
    image::codecs::jpeg::JpegDecoder::new(Cursor::new(bytes))
        .is_ok_and(|d| matches!(d.original_color_type(), image::ExtendedColorType::Cmyk8))
}

fn check_size(w: u32, h: u32) -> Result<(), Problem> {
    if w == 0 || h == 0 {
        return Err(fail(LogoIssue::NoPixels, "the logo has no pixels", "save the logo again"));
    }
    if w > MAX_SIDE || h > MAX_SIDE {
        return Err(fail(
            LogoIssue::TooWide,
            format!("the logo is {w} x {h} pixels; at most {MAX_SIDE} a side is read"),
            "a logo needs no more than about 1000 pixels across: save it smaller",
        ));
    }
    let pixels = u64::from(w) * u64::from(h);
    if pixels > MAX_PIXELS {
        return Err(fail(
            LogoIssue::Bomb,
            format!(
                "the logo would unpack to {w} x {h} pixels ({} MB): more than a logo can need, so it is not unpacked",
                pixels * 4 / 1_000_000
            ),
            "a file this small that unpacks this large may be a decompression bomb; save the logo at about 1000 pixels across",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbaImage::from_pixel(w, h, image::Rgba([10, 60, 120, 255]));
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    }

    /// A PNG whose header claims another size, as a decompression bomb's
    /// does (its few bytes would unpack to the size it claims).
    fn claims_size(png: &[u8], w: u32, h: u32) -> Vec<u8> {
        let mut out = png.to_vec();
        out[16..20].copy_from_slice(&w.to_be_bytes());
        out[20..24].copy_from_slice(&h.to_be_bytes());
        let crc = crc32(&out[12..29]);
        out[29..33].copy_from_slice(&crc.to_be_bytes());
        out
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = flate2::Crc::new();
        crc.update(bytes);
        crc.sum()
    }

    fn png_size(p: &Picture) -> (u32, u32) {
        let Picture::Png(data) = p else { panic!("not a PNG: {p:?}") };
        image::load_from_memory(data).map(|i| (i.width(), i.height())).unwrap()
    }

    #[test]
    fn pngs_are_read_and_kept_small() {
        let logo = read("a.png", &png(1600, 800)).unwrap();
        assert_eq!((png_size(&logo.picture), logo.native_width), ((1200, 600), Some(1600)));
        let small = read("b.png", &png(300, 100)).unwrap();
        let Picture::Png(data) = &small.picture else { panic!() };
        assert_eq!(data.as_slice(), png(300, 100).as_slice(), "a small logo is kept as it is");
        assert!((logo.aspect - 2.0).abs() < 1e-6);
    }

    #[test]
    fn bad_raster_logos_are_refused_with_a_message() {
        assert!(read("a.png", b"not an image at all").unwrap_err().message.contains("not a PNG or JPEG"));
        let truncated = &png(200, 100)[..60];
        assert!(read("a.png", truncated).is_err());
        let wide = read("a.png", &claims_size(&png(16, 16), 20_000, 20_000)).unwrap_err();
        assert!(wide.message.contains("at most 10000 a side"), "{}", wide.message);
        let bomb = read("a.png", &claims_size(&png(16, 16), 9000, 9000)).unwrap_err();
        assert!(bomb.message.contains("unpack"), "{}", bomb.message);
        assert!(read("a.gif", b"GIF89a").unwrap_err().message.contains("not an SVG, PNG or JPEG"));
        assert!(read("a.png", &vec![0u8; MAX_BYTES + 1]).unwrap_err().message.contains("at most 5 MB"));
    }

    #[test]
    fn svgs_must_be_self_contained() {
        let ok = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><rect width="200" height="100" fill="#123"/><use href="#x"/></svg>"##;
        assert!((read("a.svg", ok.as_bytes()).unwrap().aspect - 2.0).abs() < 1e-6);
        for bad in [
            r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><image xlink:href="https://evil.example/x.png" width="10" height="10"/></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><image href="/etc/passwd" width="10" height="10"/></svg>"#,
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><style>@import url(https://evil.example/a.css);</style></svg>"#,
            r#"<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>"#,
        ] {
            let e = read("a.svg", bad.as_bytes()).unwrap_err();
            assert!(e.message.contains("outside itself"), "{bad}: {}", e.message);
        }
        assert!(read("a.svg", b"<svg").is_err());
    }
}
