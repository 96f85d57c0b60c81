//! The PDF printer as GitHub's runners meet it: `trellis build --pdf` on the bundled
//! course as an unprivileged user whose Chromium cannot start its sandbox prints every
//! PDF (and says once that it went without), and a page Chromium cannot load fails
//! the build naming the page, with the previous output kept.
//!
//! On Ubuntu 24.04 AppArmor refuses unprivileged user namespaces, so Chromium says
//! "No usable sandbox". Here a normal user's sandbox works, so the test takes user
//! namespaces away itself, as Docker's default seccomp profile does: `unshare` and
//! `clone` with `CLONE_NEWUSER` fail with EPERM, `clone3` with ENOSYS (without that
//! rule Chromium gets around it). The user is `trellis-ci`, made by `.ci/run`.
//! Where Debian's `chromium-sandbox` (a setuid helper) is installed too, Chromium
//! tries it next; the test's `PR_SET_NO_NEW_PRIVS`, which a seccomp filter needs
//! and many containers set, stops it: "The setuid sandbox is not running as root".

mod support;

use std::path::Path;

use support::browser;
use support::*;

/// The unprivileged user the test drops to (`useradd --create-home trellis-ci`).
const USER: &str = "trellis-ci";

fn main() {
    browser::main(vec![
        browser::needs_chromium(
            "unprivileged_user_without_a_sandbox_gets_every_pdf",
            unprivileged_user_without_a_sandbox_gets_every_pdf,
        ),
        browser::needs_chromium(
            "a_page_chromium_cannot_load_fails_naming_the_page_and_keeps_output",
            a_page_chromium_cannot_load_fails_naming_the_page_and_keeps_output,
        ),
    ]);
}

fn a_page_chromium_cannot_load_fails_naming_the_page_and_keeps_output() -> Option<String> {
    let err = fails_and_keeps_output_with(
        &[("TRELLIS_TEST_PRINT_FAULT", "facilitator/index.html")],
        2,
        |f| {
            let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
            f.write("site.toml", &format!("{toml}\n[print]\npdf = true\n"));
        },
        &["error: cannot print facilitator/index.html to PDF: \
           Chromium could not load it: net::ERR_FILE_NOT_FOUND"],
    );
    assert!(!err.contains("dbus"), "{err}");
    None
}

#[cfg(not(target_os = "linux"))]
fn unprivileged_user_without_a_sandbox_gets_every_pdf() -> Option<String> {
    Some("user namespaces and seccomp are Linux's".to_string())
}

#[cfg(target_os = "linux")]
fn unprivileged_user_without_a_sandbox_gets_every_pdf() -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;

    let Some((uid, gid)) = user_ids(USER) else {
        return Some(format!(
            "no user `{USER}` (`useradd --create-home {USER}`, as .ci/run does)"
        ));
    };
    if !running_as_root() {
        return Some("only root can drop to another user".to_string());
    }
    // A folder the user can read: the binary, and the course the user owns.
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let exe = dir.path().join("trellis");
    std::fs::copy(env!("CARGO_BIN_EXE_trellis"), &exe).unwrap();
    std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
    let course = dir.path().join("course");
    let src = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&src.join("content"), &course.join("content"));
    std::fs::copy(src.join("site.toml"), course.join("site.toml")).unwrap();
    chown_all(&course, uid, gid);

    let mut cmd = std::process::Command::new(&exe);
    cmd.args([
        "build",
        "--pdf",
        "--base-url",
        "https://org.github.io/course/",
    ])
    .current_dir(&course)
    .env("HOME", &course)
    .env("TRELLIS_BROWSER", browser::chromium_path().unwrap());
    // SAFETY: between fork and exec only prctl, setgroups, setgid and setuid, which
    // are async-signal-safe; the filter is data built before the fork.
    let filter = no_user_namespaces();
    unsafe {
        cmd.pre_exec(move || {
            let prog = libc::sock_fprog {
                len: filter.len() as u16,
                filter: filter.as_ptr().cast_mut(),
            };
            if libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0
                || libc::prctl(
                    libc::PR_SET_SECCOMP,
                    2, /* SECCOMP_MODE_FILTER */
                    &prog,
                ) != 0
                || libc::setgroups(0, std::ptr::null()) != 0
                || libc::setgid(gid) != 0
                || libc::setuid(uid) != 0
            {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let out = cmd.output().expect("run trellis as the unprivileged user");
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert_eq!(
        err.matches("without Chromium's sandbox").count(),
        1,
        "it says once that it printed without the sandbox:\n{err}"
    );
    let pdfs = linked_pdfs(&course.join("public"));
    assert!(
        pdfs.iter().any(|p| p == "worksheets/session-packet.pdf")
            && pdfs
                .iter()
                .any(|p| p == "facilitator/facilitator-guide.pdf")
            && pdfs.len() > 3,
        "{pdfs:?}"
    );
    for pdf in &pdfs {
        let bytes = std::fs::read(course.join("public").join(pdf))
            .unwrap_or_else(|e| panic!("{pdf} was not printed: {e}"));
        assert!(browser::pdf_facts(&bytes).pages >= 1, "{pdf}");
    }
    None
}

/// Every PDF a page of the site links to, as a site path.
fn linked_pdfs(site: &Path) -> Vec<String> {
    let mut pdfs = std::collections::BTreeSet::new();
    for (rel, doc) in html_pages(site) {
        for a in doc.select(&sel("a[href$='.pdf']")) {
            let href = a.value().attr("href").unwrap();
            if let Some(p) = resolve_as_served("/course/", &rel, href) {
                pdfs.insert(p);
            }
        }
    }
    pdfs.into_iter().collect()
}

fn html_pages(site: &Path) -> Vec<(String, scraper::Html)> {
    snapshot(site)
        .into_keys()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| (p.to_string_lossy().replace('\\', "/"), page(&site.join(&p))))
        .collect()
}

/// A seccomp filter that takes user namespaces away, as Docker's default profile
/// does: `unshare`/`clone` with `CLONE_NEWUSER` fail with EPERM, `clone3` (whose
/// flags a filter cannot read) with ENOSYS, so callers fall back to `clone`.
#[cfg(target_os = "linux")]
fn no_user_namespaces() -> Vec<libc::sock_filter> {
    const LD_W_ABS: u16 = 0x20; // BPF_LD | BPF_W | BPF_ABS
    const JEQ_K: u16 = 0x15; // BPF_JMP | BPF_JEQ | BPF_K
    const JSET_K: u16 = 0x45; // BPF_JMP | BPF_JSET | BPF_K
    const RET_K: u16 = 0x06; // BPF_RET | BPF_K
    const ALLOW: u32 = 0x7fff_0000;
    const ERRNO: u32 = 0x0005_0000;
    #[cfg(target_arch = "x86_64")]
    const ARCH: u32 = 0xC000_003E; // AUDIT_ARCH_X86_64
    #[cfg(target_arch = "aarch64")]
    const ARCH: u32 = 0xC000_00B7; // AUDIT_ARCH_AARCH64
    let op = |code, jt, jf, k| libc::sock_filter { code, jt, jf, k };
    // seccomp_data: nr at 0, arch at 4, args[0] at 16 (its low half on these
    // little-endian machines).
    vec![
        op(LD_W_ABS, 0, 0, 4),
        op(JEQ_K, 0, 8, ARCH), // another ABI: allow (10)
        op(LD_W_ABS, 0, 0, 0),
        op(JEQ_K, 7, 0, libc::SYS_clone3 as u32), // → ENOSYS (11)
        op(JEQ_K, 2, 0, libc::SYS_unshare as u32), // → flags (7)
        op(JEQ_K, 1, 0, libc::SYS_clone as u32),  // → flags (7)
        op(RET_K, 0, 0, ALLOW),
        op(LD_W_ABS, 0, 0, 16),
        op(JSET_K, 0, 1, libc::CLONE_NEWUSER as u32),
        op(RET_K, 0, 0, ERRNO | libc::EPERM as u32),
        op(RET_K, 0, 0, ALLOW),
        op(RET_K, 0, 0, ERRNO | libc::ENOSYS as u32),
    ]
}

/// The user's uid and gid, from /etc/passwd.
fn user_ids(name: &str) -> Option<(u32, u32)> {
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        (f.first() == Some(&name) && f.len() > 3)
            .then(|| Some((f[2].parse().ok()?, f[3].parse().ok()?)))
            .flatten()
    })
}

fn running_as_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

#[cfg(unix)]
fn chown_all(dir: &Path, uid: u32, gid: u32) {
    std::os::unix::fs::chown(dir, Some(uid), Some(gid)).unwrap();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            chown_all(&p, uid, gid);
        } else {
            std::os::unix::fs::chown(&p, Some(uid), Some(gid)).unwrap();
        }
    }
}
