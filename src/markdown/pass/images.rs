//! Images pass: each image whose file the links pass found gets its size from
//! the file (so the page does not shift while it loads), the widths of the
//! smaller copies phones load instead when it is a large photo or drawing, and
//! whether it may load lazily.
//!
//! In: `Node::Link` images with their `target` set. Out: `picture` and `lazy`
//! set on them, and one asset per smaller copy (`fig/photo-480w.png`), made by
//! `render::images` when the site is written. A file that cannot be read keeps
//! no size: the page is written as before, and the links pass has already
//! reported a missing one.
//!
//! Lazy loading, decided from the tree: the page's first image loads at once when
//! it is in the first [`EAGER_BLOCKS`] top-level blocks (a figure at the top is
//! on the first screen); every other image loads lazily.

use std::path::Path;

use super::Found;
use crate::markdown::links::{Asset, Target};
use crate::markdown::tree::{walk_mut, Ev, Link, Node, Picture};

/// Top-level blocks (paragraphs, headings, lists, course blocks) counted as the
/// first screen.
pub const EAGER_BLOCKS: usize = 3;

/// Raster images wider than this get smaller copies.
pub const LARGE: u32 = 800;

/// The widths of the smaller copies, each made only when it is at most 80 % of
/// the image's own width (a copy barely smaller saves nothing).
pub const VARIANT_WIDTHS: [u32; 2] = [480, 960];

pub fn apply(nodes: &mut [Node], found: &mut Found) {
    let mut depth = 0usize;
    let mut block = 0usize;
    let mut first = true;
    for n in nodes.iter_mut() {
        if depth == 0 && !matches!(n, Node::Ev(Ev::End(_))) {
            block += 1;
        }
        match n {
            Node::Ev(Ev::Start(_)) => depth += 1,
            Node::Ev(Ev::End(_)) => depth = depth.saturating_sub(1),
            _ => {}
        }
        walk_mut(std::slice::from_mut(n), &mut |m| {
            if let Node::Link(l) = m {
                if l.image {
                    l.lazy = !(first && block <= EAGER_BLOCKS);
                    first = false;
                    read(l, found);
                }
            }
        });
    }
}

/// Set the image's size and variants from its file, when it has one.
fn read(l: &mut Link, found: &mut Found) {
    let Target::Asset(asset, _) = &l.target else {
        return;
    };
    let Some((width, height, raster)) = size(&asset.source) else {
        return;
    };
    let variants: Vec<u32> = if raster && width > LARGE {
        VARIANT_WIDTHS
            .into_iter()
            .filter(|w| w * 5 <= width * 4)
            .collect()
    } else {
        Vec::new()
    };
    for &w in &variants {
        found.assets.push(Asset {
            source: asset.source.clone(),
            dest: variant_dest(&asset.dest, w),
            width: Some(w),
        });
    }
    l.picture = Some(Picture {
        width,
        height,
        variants,
    });
}

/// `fig/photo.png` → `fig/photo-480w.png`: a smaller copy's site path, beside the original.
pub fn variant_dest(dest: &str, width: u32) -> String {
    let name_at = dest.rfind('/').map_or(0, |i| i + 1);
    match dest[name_at..].rfind('.') {
        Some(dot) if dot > 0 => {
            let dot = name_at + dot;
            format!("{}-{width}w{}", &dest[..dot], &dest[dot..])
        }
        _ => format!("{dest}-{width}w"),
    }
}

/// The size of the image at `path`, and whether it is a PNG or JPEG Trellis can
/// scale; `None` when the file cannot be read or is no image it knows.
fn size(path: &Path) -> Option<(u32, u32, bool)> {
    let is_svg = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
    if is_svg {
        let text = std::fs::read_to_string(path).ok()?;
        let (w, h) = svg_size(&text)?;
        return Some((w, h, false));
    }
    // imagesize reads only the header, for every common raster format.
    let head = read_head(path)?;
    let s = imagesize::blob_size(&head).ok()?;
    let raster = matches!(
        imagesize::image_type(&head).ok()?,
        imagesize::ImageType::Png | imagesize::ImageType::Jpeg
    );
    let (w, h) = (u32::try_from(s.width).ok()?, u32::try_from(s.height).ok()?);
    (w > 0 && h > 0).then_some((w, h, raster))
}

/// The start of a file, enough for any header imagesize reads (a JPEG's size
/// may sit after its metadata, so the whole file when it is small enough).
fn read_head(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut head = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(1 << 20)
        .read_to_end(&mut head)
        .ok()?;
    Some(head)
}

/// An SVG's size in CSS pixels, from its root element: `width` and `height` in
/// px (or without a unit), or the `viewBox` for what they leave out. Read by
/// hand: only the root tag's attributes matter, and an XML parser would be a
/// dependency for three attributes. Sizes in other units (`em`, `%`, `mm`) defer
/// to the `viewBox`.
pub fn svg_size(text: &str) -> Option<(u32, u32)> {
    let attrs = root_attrs(text)?;
    let get = |name: &str| {
        attrs
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    };
    let px = |v: Option<&str>| {
        let v = v?.trim();
        let n: f64 = v.strip_suffix("px").unwrap_or(v).trim().parse().ok()?;
        (n.is_finite() && n > 0.0).then_some(n)
    };
    let view = get("viewBox").and_then(|v| {
        let n: Vec<f64> = v
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|s| !s.is_empty())
            .map(str::parse)
            .collect::<Result<_, _>>()
            .ok()?;
        (n.len() == 4 && n[2] > 0.0 && n[3] > 0.0).then(|| (n[2], n[3]))
    });
    let (w, h) = match (px(get("width")), px(get("height")), view) {
        (Some(w), Some(h), _) => (w, h),
        (Some(w), None, Some((vw, vh))) => (w, w * vh / vw),
        (None, Some(h), Some((vw, vh))) => (h * vw / vh, h),
        (_, _, Some(v)) => v,
        _ => return None,
    };
    let round = |x: f64| (x.round() >= 1.0 && x < 1e6).then(|| x.round() as u32);
    Some((round(w)?, round(h)?))
}

/// The attributes of the first `<svg` tag, quotes respected.
fn root_attrs(text: &str) -> Option<Vec<(&str, String)>> {
    let start = text.match_indices("<svg").find_map(|(i, _)| {
        let next = text[i + 4..].chars().next()?;
        (next.is_whitespace() || next == '>' || next == '/').then_some(i + 4)
    })?;
    let mut attrs = Vec::new();
    let mut rest = &text[start..];
    loop {
        rest = rest.trim_start();
        if rest.is_empty() || rest.starts_with('>') || rest.starts_with("/>") {
            return Some(attrs);
        }
        let eq = rest.find('=')?;
        let name = rest[..eq].trim();
        let value = rest[eq + 1..].trim_start();
        let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let end = value[1..].find(quote)? + 1;
        attrs.push((name, value[1..end].to_string()));
        rest = &value[end + 1..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_sizes_come_from_width_height_or_the_view_box() {
        let svg = |attrs: &str| {
            format!("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" {attrs}><rect/></svg>")
        };
        assert_eq!(
            svg_size(&svg("width=\"640\" height='360'")),
            Some((640, 360))
        );
        assert_eq!(
            svg_size(&svg("width=\"640px\" height=\"360px\"")),
            Some((640, 360))
        );
        assert_eq!(svg_size(&svg("viewBox=\"0 0 800 450\"")), Some((800, 450)));
        assert_eq!(
            svg_size(&svg("width=\"400\" viewBox=\"0,0,800,450\"")),
            Some((400, 225))
        );
        assert_eq!(
            svg_size(&svg(
                "width=\"100%\" height=\"100%\" viewBox=\"0 0 120 60\""
            )),
            Some((120, 60))
        );
        assert_eq!(svg_size(&svg("width=\"10em\"")), None);
        assert_eq!(svg_size("<svgx width=\"1\" height=\"1\"></svgx>"), None);
        assert_eq!(svg_size("not an svg"), None);
        assert_eq!(svg_size("<svg width=\"5"), None);
    }

    #[test]
    fn variants_sit_beside_the_original() {
        assert_eq!(variant_dest("fig/photo.png", 480), "fig/photo-480w.png");
        assert_eq!(
            variant_dest("m/a.b/photo.jpeg", 960),
            "m/a.b/photo-960w.jpeg"
        );
        assert_eq!(variant_dest("photo", 480), "photo-480w");
        assert_eq!(variant_dest("fig/.hidden", 480), "fig/.hidden-480w");
    }

    #[test]
    fn only_the_first_image_near_the_top_loads_at_once() {
        use crate::markdown::test_support::parse_page;
        use crate::markdown::tree::walk;
        let lazy = |src: &str| {
            let doc = parse_page(src);
            let mut out = Vec::new();
            walk(&doc.body, &mut |n| {
                if let Node::Link(l) = n {
                    out.push(l.lazy);
                }
            });
            out
        };
        assert_eq!(lazy("![a](a.png)\n\n![b](b.png)\n"), [false, true]);
        assert_eq!(
            lazy("# T\n\nText.\n\n![a](a.png) and ![b](b.png)\n"),
            [false, true]
        );
        assert_eq!(lazy("One.\n\nTwo.\n\nThree.\n\n![a](a.png)\n"), [true]);
        assert_eq!(
            lazy("::: activity\n![a](a.png)\n:::\n\n![b](b.png)\n"),
            [false, true]
        );
    }
}
