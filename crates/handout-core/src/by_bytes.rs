//! Values made from a file's bytes, found again by the bytes themselves
//! (the caches of logos made ready for a PDF).

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex, MutexGuard};

/// Values made from a file's bytes (a logo decoded and compressed, or
/// parsed), found again by the bytes themselves: the organisations of a
/// batch load their logos one by one, often the same file.
pub struct ByBytes<V> {
    entries: Mutex<Entries<V>>,
}

/// By a hash of the bytes: the bytes themselves, and what was made of them.
type Entries<V> = HashMap<u64, Vec<(Arc<Vec<u8>>, V)>>;

/// Entries kept before the cache starts afresh: a run shows a few logos,
/// a batch at most one an organisation, made again when it comes back.
const MAX_ENTRIES: usize = 64;

impl<V> Default for ByBytes<V> {
    fn default() -> Self {
        ByBytes { entries: Mutex::new(HashMap::new()) }
    }
}

impl<V: Clone> ByBytes<V> {
    /// The value made from `bytes`, made by `make` the first time. A
    /// failure is not kept: it is reported for each document that asks.
    pub fn get_or_make<E>(&self, bytes: &Arc<Vec<u8>>, make: impl FnOnce(&[u8]) -> Result<V, E>) -> Result<V, E> {
        let mut h = DefaultHasher::new();
        bytes.hash(&mut h);
        let key = h.finish();
        let same = |(b, _): &&(Arc<Vec<u8>>, V)| Arc::ptr_eq(b, bytes) || b == bytes;
        if let Some((_, v)) = self.lock().get(&key).and_then(|list| list.iter().find(same)) {
            return Ok(v.clone());
        }
        // Made without the lock, so that other documents go on meanwhile;
        // two threads may make the same value once each, and both are equal.
        let v = make(bytes)?;
        let mut entries = self.lock();
        if entries.values().map(Vec::len).sum::<usize>() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.entry(key).or_default().push((Arc::clone(bytes), v.clone()));
        Ok(v)
    }

    fn lock(&self) -> MutexGuard<'_, Entries<V>> {
        // A panic elsewhere while holding the lock leaves the map whole:
        // every entry is inserted at once.
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_made_once_for_equal_bytes_and_again_for_others() {
        let cache = ByBytes::<usize>::default();
        let made = std::cell::Cell::new(0);
        let make = |b: &[u8]| -> Result<usize, ()> {
            made.set(made.get() + 1);
            Ok(b.len())
        };
        let a = Arc::new(b"logo".to_vec());
        let a_again = Arc::new(b"logo".to_vec());
        let b = Arc::new(b"other logo".to_vec());
        assert_eq!(cache.get_or_make(&a, make), Ok(4));
        assert_eq!(cache.get_or_make(&a_again, make), Ok(4));
        assert_eq!(made.get(), 1, "equal bytes loaded twice are one entry");
        assert_eq!(cache.get_or_make(&b, make), Ok(10));
        assert_eq!(made.get(), 2);
    }

    #[test]
    fn failures_are_not_kept_and_the_cache_stays_bounded() {
        let cache = ByBytes::<usize>::default();
        let bad = Arc::new(b"broken".to_vec());
        assert_eq!(cache.get_or_make(&bad, |_| Err::<usize, _>("no")), Err("no"));
        assert_eq!(cache.get_or_make(&bad, |b| Ok::<_, &str>(b.len())), Ok(6));
        for i in 0..3 * MAX_ENTRIES {
            let bytes = Arc::new(i.to_le_bytes().to_vec());
            cache.get_or_make(&bytes, |b| Ok::<_, ()>(b.len())).unwrap();
        }
        let kept: usize = cache.lock().values().map(Vec::len).sum();
        assert!(kept <= MAX_ENTRIES, "{kept} entries");
    }
}
