//! Enums written as names in the TOML files (`weight = "bold"`). One macro
//! gives each its names, its parser and a message that lists the choices.

/// Define an enum read from a fixed set of names.
///
/// ```text
/// named! { /// doc
///     pub enum Align as "an alignment" { Top = "top", Center = "center" } }
/// ```
macro_rules! named {
    ($(#[$m:meta])* $vis:vis enum $name:ident as $what:literal {
        $($(#[$vm:meta])* $variant:ident = $text:literal),+ $(,)?
    }) => {
        $(#[$m])*
        #[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
        $vis enum $name { $($(#[$vm])* #[doc = concat!("`", $text, "` in the files.")] $variant),+ }

        impl $name {
            /// Every name, in the order the type lists them.
            pub const NAMES: &'static [&'static str] = &[$($text),+];

            #[allow(dead_code, reason = "not every enum is written back out")]
            /// The name, as written in the files.
            pub fn name(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// The value a name stands for.
            pub fn from_name(s: &str) -> Option<$name> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                $name::from_name(&s).ok_or_else(|| {
                    <D::Error as serde::de::Error>::custom(format!(
                        "`{s}` is not {}; expected {}",
                        $what,
                        $crate::named::choices($name::NAMES)
                    ))
                })
            }
        }
    };
}
pub(crate) use named;

/// `"a", "b" or "c"`.
pub fn choices(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

#[cfg(test)]
mod tests {
    named! {
        /// A test enum.
        enum Level as "a level" { Low = "low", High = "high" }
    }

    #[derive(serde::Deserialize)]
    struct T {
        level: Level,
    }

    #[test]
    fn names_parse_and_wrong_ones_list_the_choices() {
        let t: T = toml::from_str("level = \"high\"").unwrap();
        assert_eq!(t.level, Level::High);
        assert_eq!(Level::High.name(), "high");
        let e = toml::from_str::<T>("level = \"mid\"").err().unwrap();
        assert!(e.message().contains("`mid` is not a level; expected \"low\" or \"high\""), "{}", e.message());
    }
}
