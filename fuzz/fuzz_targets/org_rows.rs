//! Any bytes as an organisations spreadsheet (CSV): every row becomes an
//! organisation or located problems, never a panic; every problem can be
//! shown with its line and column.
#![no_main]

use handout_core::diag::{Problems, Source};
use handout_core::load::org::{check_org, parse_csv};
use handout_core::load::source_from_bytes;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut problems = Problems::new();
    let source = match source_from_bytes(std::path::Path::new("orgs.csv"), data.to_vec()) {
        Ok(s) => s,
        Err(p) => {
            let _ = p.to_string();
            return;
        }
    };
    let rows = parse_csv(&source, &mut problems);
    for row in rows {
        // A logo cell names a file: the fuzzer's bytes again, as any kind.
        let _ = check_org(row, &mut |_| Ok(data.to_vec()), &mut problems);
    }
    for p in &problems {
        let _ = p.to_string();
        if let Some(loc) = &p.loc {
            let _ = loc.line_col();
        }
    }
    let _ = Source::new("x", "");
});
