//! Located values: a value from a TOML file together with its place in
//! that file. A layout that `extends` another mixes values from two files,
//! so each value carries its own file, not just a byte span.

use crate::diag::{Loc, Source};
use serde::{Deserialize, Deserializer};
use serde_spanned::Spanned;
use std::cell::RefCell;
use std::ops::Deref;
use std::sync::Arc;

thread_local! {
    /// The file being deserialized, set by [`parsing`] for the duration of
    /// one parse (serde gives a value its byte span, not its file).
    static PARSING: RefCell<Option<Arc<Source>>> = const { RefCell::new(None) };
}

/// Run `f` (a deserialization of `source`'s text) so that every [`At`]
/// it produces points into `source`.
pub fn parsing<R>(source: &Arc<Source>, f: impl FnOnce() -> R) -> R {
    let previous = PARSING.with(|p| p.replace(Some(Arc::clone(source))));
    let out = f();
    PARSING.with(|p| *p.borrow_mut() = previous);
    out
}

/// A value and where it was written.
#[derive(Clone, Debug)]
pub struct At<T> {
    value: T,
    loc: Loc,
}

impl<T> At<T> {
    /// `value`, found at `loc`.
    pub fn new(value: T, loc: Loc) -> At<T> {
        At { value, loc }
    }

    /// The value.
    pub fn get(&self) -> &T {
        &self.value
    }

    /// The value, without its place.
    pub fn into_inner(self) -> T {
        self.value
    }

    /// Where the value is written.
    pub fn loc(&self) -> &Loc {
        &self.loc
    }
}

impl<T> Deref for At<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for At<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<T>::deserialize(d)?;
        let span = spanned.span();
        let source = PARSING.with(|p| p.borrow().clone()).unwrap_or_else(|| Source::new("<input>", ""));
        Ok(At { value: spanned.into_inner(), loc: Loc::new(&source, span) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct T {
        a: At<u32>,
    }

    #[test]
    fn values_know_their_file_and_place() {
        let src = Source::new("x.toml", "\n a = 7\n");
        let t: T = parsing(&src, || toml::from_str(&src.text)).unwrap();
        assert_eq!(*t.a, 7);
        assert_eq!(t.a.loc().to_string(), "x.toml:2:6");
    }
}
