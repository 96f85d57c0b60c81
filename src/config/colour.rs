//! Colours of `[theme]`: a `#rgb` or `#rrggbb` string in, an sRGB [`Colour`] out,
//! with the WCAG 2 contrast ratio between two colours and the nearest colour of
//! the same hue that reaches a ratio (for the build's contrast warning).

/// An sRGB colour, 8 bits a channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour(pub [u8; 3]);

/// The default theme's page backgrounds, light and dark (`--bg` in style.css).
pub const BACKGROUND_LIGHT: Colour = Colour([0xfb, 0xf7, 0xf1]);
pub const BACKGROUND_DARK: Colour = Colour([0x1b, 0x19, 0x16]);
/// The text colours a button in the accent colour can carry.
pub const WHITE: Colour = Colour([0xff, 0xff, 0xff]);

/// WCAG's minimum contrast for body-size text (success criterion 1.4.3, AA).
pub const TEXT_CONTRAST: f64 = 4.5;

impl Colour {
    /// `#rgb` or `#rrggbb` (any case); anything else is `None`.
    pub fn parse(s: &str) -> Option<Colour> {
        let hex = s.trim().strip_prefix('#')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize| u8::from_str_radix(&hex[i..=i], 16).ok();
        match hex.len() {
            3 => Some(Colour([digit(0)? * 17, digit(1)? * 17, digit(2)? * 17])),
            6 => {
                let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
                Some(Colour([byte(0)?, byte(2)?, byte(4)?]))
            }
            _ => None,
        }
    }

    /// `#rrggbb`, lowercase.
    pub fn hex(self) -> String {
        let [r, g, b] = self.0;
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    /// Relative luminance (WCAG 2).
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let [r, g, b] = self.0;
        0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }

    /// The WCAG contrast ratio of two colours, from 1 to 21.
    pub fn contrast(self, other: Colour) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// Hue, saturation and lightness, each from 0 to 1.
    fn hsl(self) -> [f64; 3] {
        let [r, g, b] = self.0.map(|c| f64::from(c) / 255.0);
        let (max, min) = (r.max(g).max(b), r.min(g).min(b));
        let l = (max + min) / 2.0;
        let d = max - min;
        if d == 0.0 {
            return [0.0, 0.0, l];
        }
        let s = d / (1.0 - (2.0 * l - 1.0).abs());
        let h = if max == r {
            ((g - b) / d).rem_euclid(6.0)
        } else if max == g {
            (b - r) / d + 2.0
        } else {
            (r - g) / d + 4.0
        };
        [h / 6.0, s, l]
    }

    fn from_hsl([h, s, l]: [f64; 3]) -> Colour {
        let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
        let h6 = h * 6.0;
        let x = c * (1.0 - (h6.rem_euclid(2.0) - 1.0).abs());
        let (r, g, b) = match h6 as u32 {
            0 => (c, x, 0.0),
            1 => (x, c, 0.0),
            2 => (0.0, c, x),
            3 => (0.0, x, c),
            4 => (x, 0.0, c),
            _ => (c, 0.0, x),
        };
        let m = l - c / 2.0;
        let channel = |v: f64| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
        Colour([channel(r), channel(g), channel(b)])
    }

    /// The colour of the same hue and saturation whose lightness is nearest to
    /// this one's while its contrast against `background` is at least `ratio`;
    /// itself when it already is. Falls back to black or white.
    pub fn nearest_passing(self, background: Colour, ratio: f64) -> Colour {
        if self.contrast(background) >= ratio {
            return self;
        }
        let [h, s, l] = self.hsl();
        // Lightness in steps of 0.5 %, both ways; the closest that passes wins.
        (1..=200)
            .flat_map(|i| {
                let step = f64::from(i) / 200.0;
                [l - step, l + step]
            })
            .filter(|l| (0.0..=1.0).contains(l))
            .map(|l| Colour::from_hsl([h, s, l]))
            .find(|c| c.contrast(background) >= ratio)
            .unwrap_or(if background.luminance() > 0.18 {
                Colour([0, 0, 0])
            } else {
                WHITE
            })
    }

    /// White or the dark background, whichever reads better on this colour (the
    /// text of a button filled with it).
    pub fn text_on(self) -> Colour {
        if self.contrast(WHITE) >= self.contrast(BACKGROUND_DARK) {
            WHITE
        } else {
            BACKGROUND_DARK
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_short_and_long_hex_and_rejects_the_rest() {
        assert_eq!(Colour::parse("#1D6658"), Some(Colour([0x1d, 0x66, 0x58])));
        assert_eq!(Colour::parse("#fa0"), Some(Colour([0xff, 0xaa, 0x00])));
        for bad in ["1d6658", "#12345", "#ggg", "teal", "#1d66588", "#é00"] {
            assert_eq!(Colour::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn contrast_matches_wcag_examples() {
        let black = Colour([0, 0, 0]);
        assert!((black.contrast(WHITE) - 21.0).abs() < 1e-9);
        assert!((WHITE.contrast(WHITE) - 1.0).abs() < 1e-9);
        // #767676 on white is the classic 4.54:1.
        let grey = Colour::parse("#767676").unwrap();
        assert!((grey.contrast(WHITE) - 4.54).abs() < 0.01);
    }

    #[test]
    fn the_nearest_passing_colour_keeps_the_hue_and_passes() {
        let pale = Colour::parse("#f4a261").unwrap();
        assert!(pale.contrast(BACKGROUND_LIGHT) < TEXT_CONTRAST);
        let fixed = pale.nearest_passing(BACKGROUND_LIGHT, TEXT_CONTRAST);
        assert!(fixed.contrast(BACKGROUND_LIGHT) >= TEXT_CONTRAST);
        assert!((fixed.hsl()[0] - pale.hsl()[0]).abs() < 0.02);
        assert!(fixed.luminance() < pale.luminance());
        let dark = Colour::parse("#1d3557").unwrap();
        let lifted = dark.nearest_passing(BACKGROUND_DARK, TEXT_CONTRAST);
        assert!(lifted.contrast(BACKGROUND_DARK) >= TEXT_CONTRAST);
        assert!(lifted.luminance() > dark.luminance());
        assert_eq!(
            fixed.nearest_passing(BACKGROUND_LIGHT, TEXT_CONTRAST),
            fixed
        );
    }

    #[test]
    fn round_trips_through_hsl() {
        for c in ["#a8461f", "#1d6658", "#808080", "#ffffff", "#000000"] {
            let c = Colour::parse(c).unwrap();
            assert_eq!(Colour::from_hsl(c.hsl()), c);
        }
    }
}
