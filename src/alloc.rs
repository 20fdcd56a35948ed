//! The allocator. A batch allocates and frees many small values on every
//! core at once (glyph runs, PDF objects): with mimalloc (on Linux; main.rs
//! makes it the program's allocator) the batch of 4,000 documents takes
//! about a sixth less time than with glibc's allocator, and less than half
//! the time it takes with musl's, in the static program (docs/performance.md).
//! The Windows program keeps the system's: nothing here can measure it. Left as
//! it comes, mimalloc keeps freed memory for a second before it gives it
//! back, which in a batch is always: it held about 90 MB instead of 40.
//! [`tune`] has it give freed memory back after 20 ms instead, which keeps
//! most of the gain (at once, it kept almost none).

/// mimalloc.h's `mi_option_purge_delay` (libmimalloc-sys names only some
/// options; the version is pinned in Cargo.toml, and a test checks the
/// number by the option's default).
#[cfg(target_os = "linux")]
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Give freed memory back to the system after 20 ms. Call it first thing.
pub fn tune() {
    #[cfg(target_os = "linux")]
    // SAFETY: setting an option is safe at any time (mimalloc reads it
    // atomically); the number is checked by the test below.
    unsafe {
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 20)
    };
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn the_option_set_is_the_purge_delay() {
        // SAFETY: reading an option.
        let default = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        assert_eq!(default, 1000, "mimalloc's purge delay is 1000 ms unless set: is option 15 still it?");
    }
}
