//! Calendar dates: the campaign's deadline and "today", which decides
//! whether the deadline has passed.

/// A calendar date.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year, e.g. 2025.
    pub year: u16,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month, 1 to 31.
    pub day: u8,
}

impl Date {
    /// The civil date `days` after 1970-01-01 (Howard Hinnant's algorithm).
    pub fn from_unix_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date { year, month, day }
    }

    /// The date of a moment given as seconds since 1970-01-01 UTC (as
    /// `SOURCE_DATE_EPOCH` gives it).
    pub fn from_unix_seconds(secs: i64) -> Date {
        Date::from_unix_days(secs.div_euclid(86_400))
    }
}

/// `2025-05-27`.
impl std::str::FromStr for Date {
    type Err = String;

    fn from_str(s: &str) -> Result<Date, String> {
        let bad = || format!("`{}` is not a date like 2025-05-27", s.chars().take(20).collect::<String>());
        let mut parts = s.trim().splitn(3, '-').map(|p| p.parse::<u16>().ok());
        let (Some(Some(year)), Some(Some(month)), Some(Some(day))) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        let date =
            Date { year, month: u8::try_from(month).map_err(|_| bad())?, day: u8::try_from(day).map_err(|_| bad())? };
        let days_in = |m: u8| match m {
            2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        let real = (1..=12).contains(&date.month) && date.day >= 1 && date.day <= days_in(date.month);
        if real { Ok(date) } else { Err(bad()) }
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_as_written() {
        assert_eq!("2025-05-27".parse(), Ok(Date { year: 2025, month: 5, day: 27 }));
        assert_eq!("2024-02-29".parse::<Date>().map(|d| d.to_string()), Ok("2024-02-29".into()));
        for bad in ["2025-02-29", "2025-13-01", "2025-5", "mei", "", "2025-05-27x"] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
    }

    #[test]
    fn unix_days_to_date() {
        assert_eq!(Date::from_unix_days(0), Date { year: 1970, month: 1, day: 1 });
        // 2025-05-27 is day 20235.
        assert_eq!(Date::from_unix_days(20_235), Date { year: 2025, month: 5, day: 27 });
        assert_eq!(Date::from_unix_days(20_234).to_string(), "2025-05-26");
    }
}
