//! QR codes on printed pages: a worksheet's way back to its site page.
//!
//! The `qrcode` crate encodes the URL and draws the code; the mask is chosen
//! here. The crate's own choice (`Canvas::apply_best_mask`) scores each of the
//! eight masks with a boxed closure per module and row, and at 1,000 worksheets
//! that was a quarter of a cold build's instructions and 40% of a warm one's
//! (every packet's key held its codes). [`penalty`] computes the same scores on
//! a plain grid of booleans, so the same mask is chosen, and [`svg_of`] draws
//! what the crate's SVG renderer draws: the SVG is the same to the byte (tested
//! against the crate's own path).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{bits, ec, Color, EcLevel};

/// QR codes already made, by URL: a worksheet's code appears on its page and in the
/// packet, and `serve` remakes the packet after every save.
#[derive(Debug, Default)]
pub struct QrCache(Mutex<HashMap<String, Arc<str>>>);

impl QrCache {
    /// How many codes were made.
    pub fn len(&self) -> usize {
        self.0.lock().expect("qr cache").len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, url: &str) -> Arc<str> {
        if let Some(svg) = self.0.lock().expect("qr cache").get(url) {
            return svg.clone();
        }
        let svg: Arc<str> = qr_svg(url).into();
        self.0
            .lock()
            .expect("qr cache")
            .insert(url.to_string(), svg.clone());
        svg
    }
}

/// A QR code as inline SVG, sized for print (about 2.2 cm); empty when `url`
/// is too long for any QR code.
pub fn qr_svg(url: &str) -> String {
    match modules(url.as_bytes()) {
        Some((colors, width)) => svg_of(&colors, width),
        None => String::new(),
    }
}

/// The masks in the crate's order: on a tie of scores, the first one wins.
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// The modules of `data`'s QR code at the lowest error correction (a clean
/// printout needs no more, and the code stays small), row by row, and its width.
fn modules(data: &[u8]) -> Option<(Vec<Color>, usize)> {
    let bits = bits::encode_auto(data, EcLevel::L).ok()?;
    let version = bits.version();
    let (data, ec) = ec::construct_codewords(&bits.into_bytes(), version, EcLevel::L).ok()?;
    let mut canvas = Canvas::new(version, EcLevel::L);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    let width = usize::try_from(version.width()).ok()?;
    let mut best: Option<(u32, Vec<Color>)> = None;
    for mask in MASKS {
        let mut masked = canvas.clone();
        masked.apply_mask(mask);
        let colors = masked.into_colors();
        let dark: Vec<bool> = colors.iter().map(|c| *c == Color::Dark).collect();
        let score = penalty(&dark, width);
        if best.as_ref().is_none_or(|(s, _)| score < *s) {
            best = Some((score, colors));
        }
    }
    best.map(|(_, colors)| (colors, width))
}

/// The modules as the crate's SVG renderer draws them (one path, a square per
/// dark module, 84 px or a little more, no quiet zone: the page gives the
/// margin), written without `format!` per module; without its XML prolog, and
/// hidden from screen readers: the template's wrapper carries the role and the
/// label (`qr-label` in the message catalogue). HTML literals, kept here: the
/// code is drawn, not templated.
fn svg_of(colors: &[Color], width: usize) -> String {
    let modules = u32::try_from(width).unwrap_or(u32::MAX);
    // The crate sizes a module for 84 px with its quiet zone of 4, then drops the zone.
    let unit = 84u32.div_ceil(modules + 8).max(1);
    let size = modules * unit;
    // The head once per code; the squares below, many per code, without `format!`.
    let mut svg = format!(
        "<svg aria-hidden=\"true\" focusable=\"false\" class=\"qr\" \
         xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{size}\" \
         height=\"{size}\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\">\
         <rect x=\"0\" y=\"0\" width=\"{size}\" height=\"{size}\" fill=\"#ffffff\"/>\
         <path fill=\"#000000\" d=\""
    );
    svg.reserve(colors.len() * 12);
    for (i, _) in colors
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == Color::Dark)
    {
        let (x, y) = ((i % width) as u32 * unit, (i / width) as u32 * unit);
        svg.push('M');
        push_number(&mut svg, x);
        svg.push(' ');
        push_number(&mut svg, y);
        svg.push('h');
        push_number(&mut svg, unit);
        svg.push('v');
        push_number(&mut svg, unit);
        svg.push('H');
        push_number(&mut svg, x);
        svg.push('V');
        push_number(&mut svg, y);
    }
    svg.push_str("\"/></svg>");
    svg
}

/// `n` in decimal.
fn push_number(out: &mut String, n: u32) {
    let mut digits = [0u8; 10];
    let mut k = digits.len();
    let mut rest = n;
    loop {
        k -= 1;
        digits[k] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    out.extend(digits[k..].iter().map(|d| char::from(*d)));
}

/// A masked code's penalty, by the crate's rules for (non-micro) QR codes: runs
/// of five or more, 2×2 blocks, finder-like patterns in both directions, and
/// the balance of dark and light. `dark` is row by row.
fn penalty(dark: &[bool], width: usize) -> u32 {
    let row = |i: usize| move |k: usize| dark[i * width + k];
    let column = |i: usize| move |k: usize| dark[k * width + i];
    let mut score = 0;
    for i in 0..width {
        score += runs(width, row(i)) + runs(width, column(i));
        score += finders(width, row(i)) + finders(width, column(i));
    }
    // The three finder patterns themselves match in both directions, 9 times each.
    score -= 2 * 360;
    for y in 0..width - 1 {
        for x in 0..width - 1 {
            let here = dark[y * width + x];
            let same = |x: usize, y: usize| dark[y * width + x] == here;
            if same(x + 1, y) && same(x, y + 1) && same(x + 1, y + 1) {
                score += 3;
            }
        }
    }
    let dark_modules = dark.iter().filter(|d| **d).count();
    let ratio = dark_modules * 200 / dark.len();
    score + u32::try_from(ratio.abs_diff(100)).unwrap_or(u32::MAX)
}

/// Runs of five or more modules of one colour in a line: a run of `n` costs `n - 2`.
fn runs(width: usize, at: impl Fn(usize) -> bool) -> u32 {
    let mut score = 0;
    let mut len = 1;
    for k in 1..=width {
        if k < width && at(k) == at(k - 1) {
            len += 1;
        } else {
            if len >= 5 {
                score += len - 2;
            }
            len = 1;
        }
    }
    score
}

/// Dark-light-dark×3-light-dark in a line without four light modules (or the
/// edge) on one side of it: 40 each.
fn finders(width: usize, at: impl Fn(usize) -> bool) -> u32 {
    const PATTERN: [bool; 7] = [true, false, true, true, true, false, true];
    let mut score = 0;
    for j in 0..width.saturating_sub(6) {
        if !(0..7).all(|k| at(j + k) == PATTERN[k]) {
            continue;
        }
        let dark_before = (j.saturating_sub(4)..j).any(&at);
        let dark_after = (j + 7..(j + 11).min(width)).any(&at);
        if !dark_before || !dark_after {
            score += 40;
        }
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;
    use qrcode::QrCode;

    /// The crate's own path: its mask choice and its renderer.
    fn crates_svg(url: &str) -> String {
        use qrcode::render::svg;
        let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::L).unwrap();
        code.render::<svg::Color<'_>>()
            .min_dimensions(84, 84)
            .quiet_zone(false)
            .dark_color(svg::Color("#000000"))
            .light_color(svg::Color("#ffffff"))
            .build()
            .replacen("<?xml version=\"1.0\" standalone=\"yes\"?>", "", 1)
            .replacen(
                "<svg ",
                "<svg aria-hidden=\"true\" focusable=\"false\" class=\"qr\" ",
                1,
            )
    }

    #[test]
    fn the_mask_chosen_here_is_the_crates_and_so_is_the_svg() {
        let mut urls: Vec<String> = (0..60)
            .map(|n| {
                let path = "lesson-".repeat(n % 17 + 1);
                format!("https://org.github.io/course/m{n}/{path}{n}/")
            })
            .collect();
        urls.push("HTTP://EXAMPLE.COM/ABC".into());
        urls.push("https://example.com/año/día-1/".into());
        urls.push("x".repeat(600));
        for url in &urls {
            assert_eq!(qr_svg(url), crates_svg(url), "{url}");
        }
    }

    #[test]
    fn qr_is_svg_hidden_from_screen_readers() {
        let s = qr_svg("https://org.github.io/course/m/l/");
        assert!(s.contains("<svg"), "{s}");
        assert!(
            s.contains("aria-hidden=\"true\""),
            "the wrapper in the template names it"
        );
    }

    #[test]
    fn a_url_too_long_for_any_code_has_none() {
        assert_eq!(qr_svg(&"x".repeat(8000)), "");
    }

    #[test]
    fn runs_cost_their_length_less_two() {
        let line = [
            true, true, true, true, true, false, false, true, true, true, true, true, true,
        ];
        assert_eq!(runs(line.len(), |k| line[k]), 3 + 4);
    }
}
