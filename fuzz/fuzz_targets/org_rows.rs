//! Any bytes as an organisations spreadsheet (CSV in any encoding, or an
//! .xlsx or .ods workbook): every row becomes an organisation or located
//! problems, never a panic; every problem can be shown with its place.
#![no_main]

use handout_core::{Problems, check_org, parse_sheet};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut problems = Problems::new();
    let rows = parse_sheet(std::path::Path::new("orgs.csv"), data, &mut problems);
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
});
