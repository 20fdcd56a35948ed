//! Asked to stop (Ctrl-C, or SIGTERM from a service manager): a batch
//! finishes the organisations it has begun, so every file it wrote is
//! whole, starts no other, and says how far it got.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether the run has been asked to stop.
#[derive(Default)]
pub struct Stop(AtomicBool);

impl Stop {
    /// Ask the run to stop.
    pub fn ask(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether it has been asked.
    pub fn asked(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// The stop Ctrl-C and SIGTERM ask for, from now on. Where no handler
    /// can be set, a Ctrl-C ends the program as it always does.
    pub fn on_ctrl_c() -> &'static Stop {
        static STOP: OnceLock<Stop> = OnceLock::new();
        let stop = STOP.get_or_init(Stop::default);
        static SET: OnceLock<()> = OnceLock::new();
        SET.get_or_init(|| {
            let _ = ctrlc::set_handler(|| {
                if let Some(stop) = STOP.get() {
                    stop.ask();
                }
            });
        });
        stop
    }
}
