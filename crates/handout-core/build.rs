//! campaigns/, layouts/, editor/, icons/ and fonts/ are built into the core (src/files.rs).
//! `include_dir!` makes Cargo watch the files it found; these lines make
//! it also notice a file added to, removed from or changed in those folders.

fn main() {
    for dir in ["campaigns", "layouts", "editor", "icons", "fonts"] {
        println!("cargo::rerun-if-changed=../../{dir}");
    }
}
