//! The project's own tasks, as a library: `cargo xtask` runs them
//! (src/main.rs), and the browser edition's test builds the site with
//! [`site::site`] in its own process.

mod archive;
mod deb;
pub mod dist;
pub mod dist_test;
pub mod site;
pub mod tools;
