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

/// Module paths a file names: `crate::a::b` and `super::...::a`, with
/// grouped and nested lists (`use super::{a, b::{c, self}}`) expanded.
fn named(module: &[String], code: &str) -> BTreeSet<Vec<String>> {
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        out.extend(use_tree(&code[i + 7..]).0);
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
        let base: Vec<String> = module[..module.len().saturating_sub(up)].to_vec();
        for path in use_tree(rest).0 {
            out.insert(base.iter().cloned().chain(path).collect());
        }
    }
    out
}

/// The paths a path or `use` tree at the start of `text` names: `a::b`,
/// `a::{b, c::{d, self}}`, `a::*`, `a as b`; and how much of `text` it
/// took. A path ends at anything else (`;`, `(`, `<`, a space).
fn use_tree(text: &str) -> (Vec<Vec<String>>, usize) {
    let ident = |s: &str| s.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').count();
    let mut at = 0;
    let mut prefix: Vec<String> = Vec::new();
    loop {
        if let Some(rest) = text[at..].strip_prefix('{') {
            let (inner, used) = group(rest);
            let paths = inner.into_iter().map(|p| prefix.iter().cloned().chain(p).collect()).collect();
            return (paths, at + 1 + used);
        }
        let n = ident(&text[at..]);
        if n == 0 {
            break;
        }
        let id = &text[at..at + n];
        at += n;
        if id != "self" {
            prefix.push(id.to_string());
        }
        match text[at..].strip_prefix("::") {
            Some(_) => at += 2,
            None => break,
        }
    }
    (vec![prefix], at)
}

/// The items of a `{...}` list (after its `{`), and how much of `text` it
/// took with its `}`.
fn group(text: &str) -> (Vec<Vec<String>>, usize) {
    let mut out = Vec::new();
    let mut at = 0;
    loop {
        at += text[at..].len() - text[at..].trim_start().len();
        match text[at..].chars().next() {
            None => return (out, at),
            Some('}') => return (out, at + 1),
            Some(',') => at += 1,
            Some(c) if c.is_ascii_alphabetic() || c == '_' => {
                let (paths, used) = use_tree(&text[at..]);
                out.extend(paths);
                at += used;
                // `name as other`: the rest is a new name, not a path.
                let rest = text[at..].trim_start();
                if let Some(r) = rest.strip_prefix("as ") {
                    let r = r.trim_start();
                    let n = r.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').count();
                    at = text.len() - r.len() + n;
                }
            }
            // `*`, `::`-less punctuation: skipped.
            Some(c) => at += c.len_utf8(),
        }
    }
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
fn the_check_reads_grouped_and_nested_imports() {
    let dir = tempfile::tempdir().unwrap();
    let write = |f: &str, t: &str| std::fs::write(dir.path().join(f), t).unwrap();
    write("lib.rs", "mod a;\nmod b;\nmod c;\nmod d;\n");
    write("a.rs", "use super::{b::X, d as e};\n");
    write("b.rs", "use crate::{d::{self, W}, c::{V, U as T}};\n");
    write("c.rs", "use crate::d::*;\n");
    write("d.rs", "pub struct W;\n");
    assert_eq!(circle(&graph(dir.path())), None);
    let g = graph(dir.path());
    let deps = |m: &str| -> Vec<String> { g[&vec![m.to_string()]].iter().map(|d| d.join("::")).collect() };
    assert_eq!(deps("a"), ["b", "d"]);
    assert_eq!(deps("b"), ["c", "d"]);
    // A circle only a grouped, nested list shows.
    write("d.rs", "use super::{c, a::{self}};\n");
    assert_eq!(circle(&graph(dir.path())), Some(vec!["a".into(), "b".into(), "c".into(), "d".into(), "a".into()]));
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
