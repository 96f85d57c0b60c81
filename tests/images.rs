//! Images in lessons (issue 17): each gets its size from its file, the ones below
//! the first screen load lazily, and a large photo gets smaller copies for phones,
//! made once and then taken from the cache beside the output, the same bytes
//! either way. Fixture: tests/fixtures/images (a PNG, a JPEG, an SVG and a text
//! file named .png), plus one wide PNG drawn here.

mod support;

use std::path::Path;
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use scraper::Html;
use support::*;

const LESSON: &str = "pictures/looking/index.html";

/// The fixture course with its wide photo, 1280 × 640: wider than 800 px, so it
/// gets copies 480 and 960 px wide.
fn course() -> Fixture {
    let f = Fixture::new();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/images"),
        f.root(),
    );
    let wide = image::RgbImage::from_fn(1280, 640, |x, y| {
        image::Rgb([(x / 5) as u8, (y / 3) as u8, ((x + y) / 8) as u8])
    });
    wide.save(f.root().join("content/01-pictures/fig/wide.png"))
        .unwrap();
    f
}

fn built() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let f = course();
        f.build_ok();
        f
    })
}

/// The images in the lesson's own paragraphs (not its worksheet), in order.
fn images(doc: &Html) -> Vec<scraper::element_ref::ElementRef<'_>> {
    doc.select(&sel("main .prose > p img")).collect()
}

#[test]
fn every_image_gets_its_width_and_height_from_its_file() {
    let doc = built().page(LESSON);
    let sizes: Vec<(String, Option<&str>, Option<&str>)> = images(&doc)
        .iter()
        .map(|i| {
            let v = i.value();
            let src = v.attr("src").unwrap();
            let name = src.rsplit('/').next().unwrap().to_string();
            (name, v.attr("width"), v.attr("height"))
        })
        .collect();
    assert_eq!(
        sizes,
        [
            ("chart.png".into(), Some("40"), Some("30")),
            ("park.jpg".into(), Some("64"), Some("48")),
            // width="100%" defers to the viewBox.
            ("cycle.svg".into(), Some("320"), Some("180")),
            ("wide.png".into(), Some("1280"), Some("640")),
            // Not an image: written as before, without a size, and no error.
            ("notes.png".into(), None, None),
        ]
    );
    let park = &images(&doc)[1];
    assert_eq!(park.value().attr("alt"), Some("Children playing in a park"));
    assert_eq!(park.value().attr("title"), Some("In the park"));
}

#[test]
fn only_the_first_image_near_the_top_loads_at_once() {
    let doc = built().page(LESSON);
    let loading: Vec<(Option<&str>, Option<&str>)> = images(&doc)
        .iter()
        .map(|i| (i.value().attr("loading"), i.value().attr("decoding")))
        .collect();
    assert_eq!(loading[0], (None, None));
    for l in &loading[1..] {
        assert_eq!(*l, (Some("lazy"), Some("async")));
    }
    // The print document and a worksheet page are printed whole (to PDF too):
    // nothing there waits for a scroll.
    for printed in ["print/index.html", "pictures/looking/worksheet/index.html"] {
        let doc = built().page(printed);
        let imgs: Vec<_> = doc.select(&sel("main img[src$='.png']")).collect();
        assert!(!imgs.is_empty(), "{printed}");
        assert!(
            imgs.iter().all(|i| i.value().attr("loading").is_none()),
            "{printed}"
        );
    }
}

#[test]
fn a_large_photo_gets_smaller_copies_for_phones() {
    let f = built();
    let doc = f.page(LESSON);
    let imgs = images(&doc);
    let wide = imgs[3].value();
    assert_eq!(
        wide.attr("srcset"),
        Some("../../pictures/fig/wide-480w.png 480w, ../../pictures/fig/wide-960w.png 960w, ../../pictures/fig/wide.png 1280w")
    );
    assert!(wide.attr("sizes").is_some_and(|s| s.contains("100vw")));
    for (width, height) in [(480, 240), (960, 480)] {
        let copy = f.public().join(format!("pictures/fig/wide-{width}w.png"));
        let img = image::open(&copy).unwrap_or_else(|e| panic!("{}: {e}", copy.display()));
        assert_eq!((img.width(), img.height()), (width, height));
    }
    // Small images and drawings are left as they are.
    for i in [&imgs[0], &imgs[1], &imgs[2]] {
        assert_eq!(i.value().attr("srcset"), None);
    }
    assert!(!f.public().join("pictures/fig/chart-480w.png").exists());
}

/// The cache entries beside `public/`, with their modification times.
fn cache_entries(f: &Fixture) -> Vec<(std::path::PathBuf, SystemTime)> {
    let dir = f.root().join(".public.trellis-images");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            let p = e.unwrap().path();
            let m = std::fs::metadata(&p).unwrap().modified().unwrap();
            (p, m)
        })
        .collect();
    entries.sort();
    entries
}

#[test]
fn a_second_build_takes_the_copies_from_the_cache_with_the_same_bytes() {
    let f = course();
    f.build_ok();
    let first = snapshot(&f.public());
    let entries = cache_entries(&f);
    assert_eq!(entries.len(), 2, "{entries:?}");
    // Date the entries back: a build that made them again would date them now.
    let old = SystemTime::now() - Duration::from_secs(3600);
    for (p, _) in &entries {
        std::fs::File::options()
            .write(true)
            .open(p)
            .unwrap()
            .set_modified(old)
            .unwrap();
    }
    let dated = cache_entries(&f);
    f.build_ok();
    assert_eq!(
        cache_entries(&f),
        dated,
        "the warm build made its copies again"
    );
    assert_eq!(
        snapshot(&f.public()),
        first,
        "a warm build changed the site"
    );
    // Without the cache: the same site, byte for byte.
    let out = f.build(&["--no-cache", "--output", "fresh"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(snapshot(&f.root().join("fresh")), first);
}

#[test]
fn an_edited_image_gets_new_copies_and_the_old_entries_go() {
    let f = course();
    f.build_ok();
    let before = cache_entries(&f);
    let smaller = image::RgbImage::from_fn(1000, 400, |x, y| {
        image::Rgb([(x / 4) as u8, (y / 2) as u8, 9])
    });
    smaller
        .save(f.root().join("content/01-pictures/fig/wide.png"))
        .unwrap();
    f.build_ok();
    let after = cache_entries(&f);
    // 1000 px wide: only the 480 px copy (960 would save almost nothing).
    assert_eq!(after.len(), 1, "{after:?}");
    assert!(before.iter().all(|(p, _)| !p.exists()));
    let img = image::open(f.public().join("pictures/fig/wide-480w.png")).unwrap();
    assert_eq!((img.width(), img.height()), (480, 192));
    assert!(!f.public().join("pictures/fig/wide-960w.png").exists());
}

#[test]
fn a_damaged_large_image_fails_the_build_naming_it() {
    let err = fails_and_keeps_output(
        |f| {
            let wide =
                image::RgbImage::from_fn(1200, 600, |x, _| image::Rgb([(x / 5) as u8, 0, 0]));
            let path = f.root().join("content/01-m/wide.png");
            wide.save(&path).unwrap();
            // A whole header, then the picture data cut short.
            let bytes = std::fs::read(&path).unwrap();
            std::fs::write(&path, &bytes[..bytes.len() / 3]).unwrap();
            f.lesson(
                "content/01-m/02-b.md",
                "B",
                "Text.\n\n![A wide view](wide.png)\n",
            );
        },
        &[],
    );
    let line = err
        .lines()
        .find(|l| l.contains("wide.png"))
        .unwrap_or_else(|| panic!("no line names the image:\n{err}"));
    assert!(
        line.starts_with("content/01-m/wide.png: error: cannot make its 480 px copy for phones: "),
        "{err}"
    );
}

#[test]
fn the_bundled_course_figures_carry_their_size() {
    let mut seen = 0;
    for (path, bytes) in snapshot(shared_bundled_site()) {
        if path.extension().is_none_or(|x| x != "html") {
            continue;
        }
        let doc = Html::parse_document(&String::from_utf8_lossy(&bytes));
        for img in doc.select(&sel("main img[src$='.svg']")) {
            let v = img.value();
            assert!(
                v.attr("width").is_some() && v.attr("height").is_some(),
                "{}: {:?}",
                path.display(),
                v.attr("src")
            );
            seen += 1;
        }
    }
    assert!(seen >= 6, "{seen} figures");
}
