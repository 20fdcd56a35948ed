//! The shape of the code, as the architecture promises it: no module
//! imports one that imports it back (directly or round a circle), and the
//! core does no I/O, starts no threads and reads no clock: it only takes
//! bytes and gives bytes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(sources(&p));
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// A file's module path (`compose::fit`; `crate` for lib.rs and main.rs).
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        parts.pop();
    }
    parts
}

/// The code of a file without its tests and comments.
fn code(file: &Path) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

/// Module paths a file names: `crate::a::b` and `super::...::a`.
fn named(module: &[String], code: &str) -> BTreeSet<Vec<String>> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| s.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect::<String>();
    let path_after = |rest: &str| -> Vec<String> {
        let mut parts = Vec::new();
        let mut r = rest;
        loop {
            let id = ident(r);
            if id.is_empty() || !id.chars().next().unwrap().is_ascii_lowercase() {
                break;
            }
            r = &r[id.len()..];
            parts.push(id);
            match r.strip_prefix("::") {
                Some(next) => r = next,
                None => break,
            }
        }
        parts
    };
    for (i, _) in code.match_indices("crate::") {
        out.insert(path_after(&code[i + 7..]));
    }
    for (i, _) in code.match_indices("super::") {
        if i > 0 && code[..i].ends_with("super::") {
            continue;
        }
        let mut rest = &code[i..];
        let mut up = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            up += 1;
            rest = r;
        }
        let mut base: Vec<String> = module[..module.len().saturating_sub(up)].to_vec();
        base.extend(path_after(rest));
        out.insert(base);
    }
    out
}

/// Each module and the modules it imports (not its own ancestors: a
/// module is part of its parent).
fn graph(src: &Path) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let files = sources(src);
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(src, f)).collect();
    let resolve = |p: &[String]| (0..=p.len()).rev().map(|n| p[..n].to_vec()).find(|m| modules.contains(m));
    let mut g = BTreeMap::new();
    for f in &files {
        let m = module_of(src, f);
        let deps: BTreeSet<Vec<String>> =
            named(&m, &code(f)).iter().filter_map(|p| resolve(p)).filter(|d| *d != m && !m.starts_with(d)).collect();
        g.insert(m, deps);
    }
    g
}

/// A circle of imports, if there is one.
fn circle(g: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Option<Vec<String>> {
    fn visit(
        n: &Vec<String>,
        g: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        path: &mut Vec<Vec<String>>,
        done: &mut BTreeSet<Vec<String>>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == n) {
            let mut c: Vec<String> = path[i..].iter().map(|m| m.join("::")).collect();
            c.push(n.join("::"));
            return Some(c);
        }
        if !done.insert(n.clone()) {
            return None;
        }
        path.push(n.clone());
        for d in g.get(n).into_iter().flatten() {
            if let Some(c) = visit(d, g, path, done) {
                return Some(c);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    g.keys().find_map(|n| visit(n, g, &mut Vec::new(), &mut done))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    for src in ["crates/handout-core/src", "crates/handout-web/src", "src"] {
        let g = graph(&root().join(src));
        assert!(g.len() > 5, "{src}: only {} modules found", g.len());
        assert_eq!(circle(&g), None, "{src}: modules import each other round a circle");
    }
}

#[test]
fn the_check_finds_a_circle_when_there_is_one() {
    let dir = tempfile::tempdir().unwrap();
    let write = |f: &str, t: &str| std::fs::write(dir.path().join(f), t).unwrap();
    write("lib.rs", "mod a;\nmod b;\nmod c;\n");
    write("a.rs", "use crate::b::X;\n");
    write("b.rs", "use crate::c::Y;\n");
    write("c.rs", "// use crate::a::Z;\nuse crate::lib_thing;\n");
    assert_eq!(circle(&graph(dir.path())), None);
    write("c.rs", "fn f() -> crate::a::Z { todo!() }\n");
    assert_eq!(circle(&graph(dir.path())), Some(vec!["a".into(), "b".into(), "c".into(), "a".into()]));
}

#[test]
fn the_core_opens_no_file_starts_no_thread_and_reads_no_clock() {
    let src = root().join("crates/handout-core/src");
    let banned = ["std::fs", "std::thread", "SystemTime", "Instant::", "std::env", "std::net", "std::process", "rayon"];
    for f in sources(&src) {
        let code = code(&f);
        for b in banned {
            assert!(!code.contains(b), "{} uses {b}: the core works on bytes it is given", f.display());
        }
    }
}
