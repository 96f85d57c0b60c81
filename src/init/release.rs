//! Which Trellis wrote a course, and where its releases live: this package's
//! Cargo.toml in, the values the deployment templates of `init` need out.
//!
//! The project's public home is set in one place, `[package.metadata.trellis]
//! releases` in Cargo.toml. Until it is set, the workflows `init` writes build
//! Trellis from the package registry instead of downloading a release.

use serde::Deserialize;

/// This package's manifest, embedded so that `init` can read its metadata.
const MANIFEST: &str = include_str!("../../Cargo.toml");

/// The Trellis a course is pinned to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Release {
    /// The package name on the registry (`cargo install NAME`).
    pub package: &'static str,
    /// This Trellis's version: the workflows install exactly this one.
    pub version: &'static str,
    /// Where releases are published, without a trailing `/`; empty when not yet set.
    pub releases: String,
}

#[derive(Deserialize)]
struct Manifest {
    package: Package,
}

#[derive(Deserialize)]
struct Package {
    #[serde(default)]
    metadata: Metadata,
}

#[derive(Deserialize, Default)]
struct Metadata {
    #[serde(default)]
    trellis: Trellis,
}

#[derive(Deserialize, Default)]
struct Trellis {
    #[serde(default)]
    releases: String,
}

impl Release {
    /// The Trellis that is running.
    pub fn current() -> Release {
        Release {
            package: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
            releases: releases_of(MANIFEST),
        }
    }

    /// `template` with `@TRELLIS_VERSION@`, `@TRELLIS_PACKAGE@` and
    /// `@TRELLIS_RELEASES@` filled in. (`@…@`, because GitHub's own `${{ }}`
    /// must pass through untouched.)
    pub fn fill(&self, template: &str) -> String {
        template
            .replace("@TRELLIS_VERSION@", self.version)
            .replace("@TRELLIS_PACKAGE@", self.package)
            .replace("@TRELLIS_RELEASES@", &self.releases)
    }
}

/// `[package.metadata.trellis] releases` of a manifest, trimmed of a trailing `/`.
fn releases_of(manifest: &str) -> String {
    toml::from_str::<Manifest>(manifest)
        .map(|m| m.package.metadata.trellis.releases)
        .unwrap_or_default()
        .trim()
        .trim_end_matches('/')
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn releases_come_from_the_package_metadata() {
        let m = "[package]\nname = \"x\"\n[package.metadata.trellis]\nreleases = \"https://example.org/r/\"\n";
        assert_eq!(releases_of(m), "https://example.org/r");
        assert_eq!(releases_of("[package]\nname = \"x\"\n"), "");
    }

    #[test]
    fn fill_leaves_github_expressions_alone() {
        let r = Release {
            package: "p",
            version: "1.2.3",
            releases: "https://h/r".into(),
        };
        assert_eq!(
            r.fill("v=@TRELLIS_VERSION@ p=@TRELLIS_PACKAGE@ r=@TRELLIS_RELEASES@ ${{ x }}"),
            "v=1.2.3 p=p r=https://h/r ${{ x }}"
        );
    }

    #[test]
    fn the_running_trellis_reads_this_manifest() {
        let r = Release::current();
        assert_eq!(r.version, env!("CARGO_PKG_VERSION"));
        assert_eq!(r.releases, releases_of(MANIFEST));
    }
}
