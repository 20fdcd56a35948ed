//! The QR code: the form URL encoded at the layout's error-correction level,
//! scaled to the layout's printed size.

use crate::diag::{Kind, Problem};
use crate::load::layout::QrSpec;
use crate::model::QrSymbol;
use crate::units::{Mm, Point};

pub fn symbol(data: &str, spec: &QrSpec) -> Result<QrSymbol, Problem> {
    let code = qrcode::QrCode::with_error_correction_level(data.as_bytes(), spec.ec)
        .map_err(|e| Problem::error(Kind::Invalid, format!("the URL cannot be encoded as a QR code: {e}")))?;
    let modules = code.width();
    let module = spec.size / modules as f32;
    if module < spec.min_module {
        return Err(Problem::error(
            Kind::Geometry,
            format!(
                "the QR code needs {modules} modules, so each is {:.2} mm at {:.0} mm, below the layout's minimum of {:.2} mm",
                module.0, spec.size.0, spec.min_module.0
            ),
        )
        .help("use a shorter URL or a larger QR size"));
    }
    let dark = code.to_colors().into_iter().map(|c| c == qrcode::Color::Dark).collect();
    Ok(QrSymbol {
        origin: Point::new(Mm::ZERO, Mm::ZERO),
        module,
        modules,
        quiet: spec.quiet_zone,
        dark,
        color: spec.dark,
        background: spec.light,
        data: data.to_string(),
    })
}
