//! What documents can share: strings shaped in a font, form URLs encoded
//! as QR matrices, and fonts and logos made ready for the PDF. The core keeps
//! nothing between calls by itself: a front end makes one [`Caches`] and
//! passes it to every build (the command line for one run, the web server
//! for as long as it runs), and dropping it forgets everything. Every
//! cache bounds its size.

use crate::compose::ComposeCaches;
use crate::render::Resources;

/// The caches a run shares; safe to share between threads.
#[derive(Default)]
pub struct Caches {
    /// Composing's: shaped strings and QR matrices.
    pub(crate) compose: ComposeCaches,
    /// Rendering's: fonts and logos made ready for krilla.
    pub(crate) pdf: Resources,
}

impl Caches {
    /// Empty caches, for one run or one server.
    pub fn new() -> Caches {
        Caches::default()
    }
}

impl std::fmt::Debug for Caches {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Caches")
    }
}
