//! Clock times in agendas: minutes after midnight and a locale in, `18:30` or
//! `6:30 PM` out. `[facilitator] clock` in site.toml forces one convention.

use serde::{Deserialize, Serialize};

use super::{Arg, Catalogue};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Clock {
    #[serde(rename = "12h")]
    H12,
    #[serde(rename = "24h")]
    H24,
}

/// Regions whose English uses a 12-hour clock (CLDR's `h a` time format).
const TWELVE_HOUR: &[&str] = &[
    "en-US", "en-CA", "en-AU", "en-NZ", "en-PH", "en-IN", "es-US", "es-MX", "ar-EG", "ar-SA",
];

impl Clock {
    /// The convention of `lang`: 12-hour where the locale writes 6:30 PM, else 24-hour.
    pub fn of(lang: &str) -> Clock {
        if TWELVE_HOUR.iter().any(|l| l.eq_ignore_ascii_case(lang)) {
            Clock::H12
        } else {
            Clock::H24
        }
    }

    /// `minutes` after midnight (wrapping past midnight) as this clock shows it.
    pub fn format(self, minutes: u32, cat: &Catalogue) -> String {
        let m = minutes % (24 * 60);
        let (h, min) = (m / 60, m % 60);
        match self {
            Clock::H24 => format!("{h:02}:{min:02}"),
            Clock::H12 => {
                let hour = match h % 12 {
                    0 => 12,
                    x => x,
                };
                let minute = format!("{min:02}");
                let period = if h < 12 { "am" } else { "pm" };
                cat.text(
                    "clock-12h",
                    &[
                        ("hour", Arg::Num(f64::from(hour))),
                        ("minute", Arg::Str(&minute)),
                        ("period", Arg::Str(period)),
                    ],
                )
            }
        }
    }
}
