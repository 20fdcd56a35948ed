//! A page to PNG bytes: painted, converted and compressed in parts of
//! rows that a [`Runner`] may make at once (the command line uses every
//! core for one large image), joined in order into one zlib stream, so the
//! bytes never depend on how many threads made them. Each part goes band
//! by band, so a 1920 x 1080 image never has its pixels in memory at once.
//! RGB (every pixel is opaque: the page is white underneath), with the
//! document's texts, and nothing that changes from run to run.

use super::failed;
use super::paint::{BAND, Painter};
use crate::diag::Problem;
use crate::runner::Runner;
use tiny_skia::Pixmap;
use zlib_rs::{Deflate, DeflateFlush, Status};

/// Rows compressed as one piece: the zlib stream's dictionary starts
/// again at each (a part is a deflate stream ended by a sync flush), which
/// costs under 1 % in size.
const PART: u32 = 4 * BAND;

/// How hard to compress. Measured on the 1920 x 1080 lobby screen
/// (docs/performance.md), one thread: level 1 makes 219 kB in about 3 ms,
/// level 2 182 kB in 4.5, level 6 with adaptive filters 140 kB in 9.
/// Screen images are uploaded or shown once; a third more bytes is
/// nothing to them, where a fifth more time is a slower build. These are
/// flat colour and text, which deflate finds without filters' help, so
/// every row is filter 0 (none).
const LEVEL: i32 = 1;
/// The zlib header of a deflate stream with a 32 kB window made at the
/// fastest level (RFC 1950: FLEVEL 0; 0x7801 is a multiple of 31).
const ZLIB_HEADER: [u8; 2] = [0x78, 0x01];

/// One part, compressed: its deflate bytes, and the Adler-32 checksum and
/// length of what went in.
struct Part {
    deflated: Vec<u8>,
    adler: u32,
    len: u64,
}

pub fn png(painter: &Painter, texts: &[(&str, String)], runner: &impl Runner) -> Result<Vec<u8>, Problem> {
    let (width, height) = (painter.width(), painter.height());
    let parts = height.div_ceil(PART);
    let made = runner.map(parts as usize, |i| part(painter, i as u32 * PART, i as u32 + 1 == parts));
    let mut zlib = ZLIB_HEADER.to_vec();
    let mut adler = 1;
    for p in made {
        let p = p?;
        zlib.extend_from_slice(&p.deflated);
        adler = zlib_rs::adler32::adler32_combine(adler, p.adler, p.len);
    }
    zlib.extend_from_slice(&adler.to_be_bytes());
    write(width, height, texts, &zlib).map_err(failed)
}

/// The PNG around the image data.
fn write(width: u32, height: u32, texts: &[(&str, String)], zlib: &[u8]) -> Result<Vec<u8>, png::EncodingError> {
    let mut out = Vec::with_capacity(zlib.len() + 1024);
    let mut enc = png::Encoder::new(&mut out, width, height);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    for (key, text) in texts {
        enc.add_itxt_chunk(key.to_string(), text.clone())?;
    }
    let mut writer = enc.write_header()?;
    writer.write_chunk(png::chunk::IDAT, zlib)?;
    writer.finish()?;
    Ok(out)
}

/// Rows `top..top + PART` painted band by band, each row as PNG wants it
/// (filter byte 0, then RGB), deflated; the last part ends the stream.
fn part(painter: &Painter, top: u32, last: bool) -> Result<Part, Problem> {
    let (width, height) = (painter.width(), painter.height());
    let end = (top + PART).min(height);
    let mut deflate = Deflate::new(LEVEL, false, 15);
    let mut out = Part { deflated: Vec::new(), adler: 1, len: 0 };
    let mut band = Pixmap::new(width, BAND.min(end - top)).ok_or_else(|| failed("an image band cannot be made"))?;
    let mut rows = Vec::new();
    let mut band_top = top;
    while band_top < end {
        let n = BAND.min(end - band_top);
        if n != band.height() {
            band = Pixmap::new(width, n).ok_or_else(|| failed("an image band cannot be made"))?;
        }
        painter.band(band_top, &mut band);
        png_rows(&band, &mut rows);
        out.adler = zlib_rs::adler32::adler32(out.adler, &rows);
        out.len += rows.len() as u64;
        compress(&mut deflate, &rows, DeflateFlush::NoFlush, &mut out.deflated)?;
        band_top += n;
    }
    let flush = if last { DeflateFlush::Finish } else { DeflateFlush::SyncFlush };
    compress(&mut deflate, &[], flush, &mut out.deflated)?;
    Ok(out)
}

/// The rows of `band` as PNG has them: filter byte 0 (none), then RGB.
/// The pixels are premultiplied and opaque: their colour channels are
/// plain RGB.
fn png_rows(band: &Pixmap, rows: &mut Vec<u8>) {
    let width = band.width() as usize;
    rows.resize(band.height() as usize * (1 + 3 * width), 0);
    for (to, from) in rows.chunks_exact_mut(1 + 3 * width).zip(band.data().chunks_exact(4 * width)) {
        to[0] = 0;
        for (rgb, rgba) in to[1..].chunks_exact_mut(3).zip(from.chunks_exact(4)) {
            rgb.copy_from_slice(&rgba[..3]);
        }
    }
}

/// All of `input` through `deflate` into `out`, and with a flush all that
/// the flush produces.
fn compress(deflate: &mut Deflate, mut input: &[u8], flush: DeflateFlush, out: &mut Vec<u8>) -> Result<(), Problem> {
    loop {
        let start = out.len();
        // Images compress tenfold or more: a little room at a time.
        let room = 32 * 1024;
        out.resize(start + room, 0);
        let (before_in, before_out) = (deflate.total_in(), deflate.total_out());
        let status = deflate
            .compress(input, &mut out[start..], flush)
            .map_err(|e| failed(format!("deflate: {}", e.as_str())))?;
        let written = (deflate.total_out() - before_out) as usize;
        out.truncate(start + written);
        input = &input[(deflate.total_in() - before_in) as usize..];
        // Done when everything went in and the output had room to spare
        // (a full output may hold back more of a flush).
        if matches!(status, Status::StreamEnd) || (input.is_empty() && written < room) {
            return Ok(());
        }
    }
}
