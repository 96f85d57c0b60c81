//! `trellis`: parse the command line, call the library, print diagnostics, exit.

use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use trellis::build::{build, BuildOptions};
use trellis::check::{check, CheckOptions, Checked};
use trellis::diag::{Diagnostic, Failure};

mod cli;

/// The program's allocator: see [`trellis::memory`].
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit codes, documented in the README: the course has errors (or warnings with
/// `--deny-warnings`). Clap exits with 2 on a usage error, so 2 is also ours for
/// everything that is not the course's fault: I/O, a locked output, a server error.
const COURSE_ERRORS: u8 = 1;
const USAGE_OR_IO: u8 = 2;

/// mimalloc's options take effect for memory it has not yet reserved, so they
/// are set before `main` (and the Rust runtime) allocates anything: as one of
/// the program's ELF constructors. Elsewhere, first thing in `main`.
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array"]
static TUNE_ALLOCATOR: extern "C" fn() = {
    extern "C" fn tune() {
        trellis::memory::tune();
    }
    tune
};

fn main() -> ExitCode {
    #[cfg(not(target_os = "linux"))]
    trellis::memory::tune();
    let cli = cli::Cli::parse();
    match cli.command {
        cli::Command::Build(args) => run_build(args),
        cli::Command::Check(args) => run_check(args),
        #[cfg(feature = "serve")]
        cli::Command::Serve(args) => run_serve(args),
        cli::Command::Init(args) => run_init(args),
        cli::Command::New(cmd) => run_new(cmd),
        cli::Command::Completions { shell } => {
            let mut cmd = <cli::Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "trellis", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        cli::Command::Man => run_man(),
    }
}

/// The man page (roff) on stdout; the release workflow ships it as `trellis.1`.
fn run_man() -> ExitCode {
    let cmd = <cli::Cli as clap::CommandFactory>::command();
    match clap_mangen::Man::new(cmd).render(&mut std::io::stdout()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => usage_or_io(e),
    }
}

/// Print a failure that is not the course's fault, and exit with 2.
fn usage_or_io(e: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {e:#}");
    ExitCode::from(USAGE_OR_IO)
}

fn build_options(source: cli::SourceArgs) -> BuildOptions {
    BuildOptions {
        root: source.root,
        drafts: source.drafts,
        ..Default::default()
    }
}

/// Every diagnostic, a warning repeated in many places once with a count.
fn print_all(diags: &[Diagnostic]) {
    for line in trellis::diag::condensed(diags) {
        eprintln!("{line}");
    }
}

fn failed(f: Failure) -> ExitCode {
    match f {
        Failure::Invalid(diags) => {
            print_all(&diags);
            let errors = diags.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "error: build failed with {errors} error{}; the previous output was left as it was",
                if errors == 1 { "" } else { "s" }
            );
            ExitCode::from(COURSE_ERRORS)
        }
        Failure::Other(e) => usage_or_io(format_args!("{e:#}")),
    }
}

fn run_build(args: cli::BuildArgs) -> ExitCode {
    let opts = BuildOptions {
        output: args.output,
        base_url: args.base_url,
        pdf: args.pdf,
        no_cache: args.no_cache,
        progress: !args.quiet && std::io::IsTerminal::is_terminal(&std::io::stderr()),
        ..build_options(args.source)
    };
    match build(&opts) {
        Ok(report) => {
            print_all(&report.warnings);
            for n in &report.notes {
                eprintln!("note: {n}");
            }
            if !args.quiet {
                let pdfs = if report.pdfs > 0 {
                    format!(", {} PDFs", report.pdfs)
                } else {
                    String::new()
                };
                let warnings = report.warnings.len();
                println!(
                    "Built {} lessons, {} worksheets, {} pages{pdfs} into {} in {} ms ({warnings} warning{})",
                    report.lessons,
                    report.worksheets,
                    report.pages,
                    report.output_dir.display(),
                    report.elapsed.as_millis(),
                    if warnings == 1 { "" } else { "s" }
                );
            }
            ExitCode::SUCCESS
        }
        Err(f) => failed(f),
    }
}

fn run_check(args: cli::CheckArgs) -> ExitCode {
    let opts = CheckOptions {
        build: build_options(args.source),
        external: args.external,
        timeout: Some(Duration::from_secs(args.timeout)),
    };
    match check(&opts) {
        Ok(report) => {
            print_all(&report.findings);
            let (e, w) = (report.errors(), report.warnings());
            let what = match report.checked {
                Checked::Config => "site.toml".to_string(),
                Checked::Lessons(n) => format!("{n} lessons"),
                Checked::LessonFiles(n) => format!("{n} lesson files"),
            };
            eprintln!(
                "checked {what}: {e} error{}, {w} warning{}",
                plural(e),
                plural(w)
            );
            if e > 0 || (args.deny_warnings && w > 0) {
                ExitCode::from(COURSE_ERRORS)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(f) => failed(f),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(feature = "serve")]
fn run_serve(args: cli::ServeArgs) -> ExitCode {
    let opts = trellis::serve::ServeOptions {
        build: build_options(args.source),
        bind: args.bind,
        port: args.port,
        open: args.open,
    };
    match trellis::serve::serve(opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => usage_or_io(format_args!("{e:#}")),
    }
}

fn run_init(args: cli::InitArgs) -> ExitCode {
    match trellis::init::init(&args.dir, args.force, args.ci) {
        Ok(report) => {
            for p in &report.written {
                println!("created {}", args.dir.join(p).display());
            }
            for p in &report.skipped {
                println!("kept    {} (already there)", args.dir.join(p).display());
            }
            println!(
                "\nYour course is ready. Next:\n  cd {}\n  trellis serve --open     preview it while you write\n  trellis build            write the site to public/",
                args.dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => usage_or_io(format_args!("{e:#}")),
    }
}

fn run_new(cmd: cli::NewCommand) -> ExitCode {
    let result = match &cmd {
        cli::NewCommand::Lesson {
            title,
            module,
            root,
        } => trellis::init::new_lesson(root, title, module.as_deref()),
        cli::NewCommand::Module { title, root } => trellis::init::new_module(root, title),
    };
    match result {
        Ok(path) => {
            println!("{}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => usage_or_io(format_args!("{e:#}")),
    }
}
