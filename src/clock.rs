//! Today, for the front ends: from `SOURCE_DATE_EPOCH` when set
//! (reproducible builds, tests), else the clock. The core has no clock.

use handout_core::{Date, Problem};

pub fn today() -> Result<Date, Problem> {
    let secs = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => v
            .trim()
            .parse::<i64>()
            .map_err(|_| Problem::usage(format!("SOURCE_DATE_EPOCH must be whole seconds since 1970, not `{v}`")))?,
        Err(_) => {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
        }
    };
    Ok(Date::from_unix_seconds(secs))
}
