//! QR codes: a form URL encoded as a matrix of modules, not yet given a
//! size (compose sizes it to the room the layout gives), and the cache of
//! matrices a run shares.

use crate::diag::Problem;
use crate::load::layout::{EcLevel, QrSpec};
use crate::model::QrSymbol;
use crate::units::{Mm, Point};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Matrices kept before the cache starts afresh: form URLs come from
/// platform files, a handful per project.
const MAX_CODES: usize = 1000;

/// Encoded matrices by URL and error-correction level, shared by every
/// document (and thread) of whoever owns it.
#[derive(Default)]
pub struct QrCodes {
    codes: Mutex<HashMap<(String, EcLevel), Arc<Code>>>,
}

impl QrCodes {
    /// `url` encoded at the level `spec` asks for.
    pub fn get(&self, url: &str, spec: &QrSpec) -> Result<Arc<Code>, Problem> {
        let key = (url.to_string(), spec.ec);
        if let Some(c) = self.lock().get(&key) {
            return Ok(Arc::clone(c));
        }
        let c = Arc::new(encode(url, spec)?);
        let mut codes = self.lock();
        if codes.len() >= MAX_CODES {
            codes.clear();
        }
        codes.insert(key, Arc::clone(&c));
        Ok(c)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(String, EcLevel), Arc<Code>>> {
        // A panic elsewhere while holding the lock leaves the map whole:
        // every entry is inserted at once.
        self.codes.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A URL encoded as a QR matrix, not yet given a size.
pub struct Code {
    modules: usize,
    quiet: usize,
    dark: Vec<bool>,
    data: String,
}

impl Code {
    /// Modules a side, quiet zone not included.
    pub fn modules(&self) -> usize {
        self.modules
    }

    /// The width of the code with its quiet zone when the symbol is `symbol_w` wide.
    pub fn outer(&self, symbol_w: Mm) -> Mm {
        symbol_w / self.modules as f32 * (self.modules + 2 * self.quiet) as f32
    }

    /// The widest symbol whose quiet zone still fits in `outer`.
    pub fn symbol_for(&self, outer: Mm) -> Mm {
        outer / (self.modules + 2 * self.quiet) as f32 * self.modules as f32
    }

    /// The code printed `symbol_w` wide, in the layout's colours.
    pub fn symbol(&self, symbol_w: Mm, spec: &QrSpec) -> QrSymbol {
        QrSymbol {
            origin: Point::new(Mm::ZERO, Mm::ZERO),
            module: symbol_w / self.modules as f32,
            modules: self.modules,
            quiet: self.quiet,
            dark: self.dark.clone(),
            color: spec.dark,
            background: spec.light,
            data: self.data.clone(),
        }
    }
}

/// The form URL encoded at the layout's error-correction level.
pub fn encode(data: &str, spec: &QrSpec) -> Result<Code, Problem> {
    let ec = match spec.ec {
        EcLevel::L => qrcode::EcLevel::L,
        EcLevel::M => qrcode::EcLevel::M,
        EcLevel::Q => qrcode::EcLevel::Q,
        EcLevel::H => qrcode::EcLevel::H,
    };
    let code = qrcode::QrCode::with_error_correction_level(data.as_bytes(), ec)
        .map_err(|e| Problem::error(format!("the URL cannot be encoded as a QR code: {e}")))?;
    let dark = code.to_colors().into_iter().map(|c| c == qrcode::Color::Dark).collect();
    Ok(Code { modules: code.width(), quiet: spec.quiet_zone, dark, data: data.to_string() })
}
