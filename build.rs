//! data/, layouts/ and fonts/ are built into the binary (src/tree.rs).
//! `include_dir!` makes Cargo watch the files it found; these lines make
//! it also notice a file added to or removed from those folders.

fn main() {
    for dir in ["data", "layouts", "fonts"] {
        println!("cargo::rerun-if-changed={dir}");
    }
}
