//! handout, the program: the command line (`build`, `check`, batches of
//! organisations) and the web server (`serve`). Everything they make is
//! made by [`handout_core`]; this crate reads and writes files, runs the
//! work on every core, and serves the page of [`handout_web`] (also when
//! double-clicked on Windows: [`window`]).

pub mod alloc;
pub mod atomic;
pub mod clock;
pub mod cores;
pub mod disk;
pub mod health;
pub mod listing;
pub mod make;
pub mod orgs;
pub mod report;
pub mod serve;
pub mod stop;
pub mod window;
