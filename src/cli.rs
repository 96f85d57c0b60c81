//! The command line (clap derive). Thin: it only describes commands and options.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "trellis",
    version,
    about = "Build guided course websites with printable worksheets from Markdown lessons",
    long_about = "Trellis turns a folder of Markdown lessons into a static course site: a course home, \
modules, lessons in a guided order, and printable worksheets.\n\n\
New here? `trellis init my-course` makes a course that builds at once; `trellis serve` inside it \
shows the site with live reload while you write; `trellis build` writes it to public/.",
    after_help = "Examples:\n  trellis init my-course                 start a new course\n  trellis serve --open                   preview with live reload\n  trellis new lesson \"Bedtime routines\"   add a lesson\n  trellis check                          find broken links and missing alt text\n  trellis build --base-url https://org.github.io/course/"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the course into a static site
    Build(BuildArgs),
    /// Preview the course with live reload while you edit (never writes public/)
    #[cfg(feature = "serve")]
    Serve(ServeArgs),
    /// Check the course without writing anything: links, images, alt text, headings
    Check(CheckArgs),
    /// Create a new course folder that builds at once
    Init(InitArgs),
    /// Add a lesson or a module with the next number and front matter filled in
    #[command(subcommand)]
    New(NewCommand),
    /// Print shell completions: `trellis completions bash > ~/.local/share/bash-completion/completions/trellis`
    Completions {
        /// The shell to complete for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `trellis man > trellis.1`
    #[command(hide = true)]
    Man,
}

#[derive(Debug, Args)]
pub struct SourceArgs {
    /// Course folder holding site.toml and content/
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Include lessons marked `draft = true`
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Where to write the site (default: `output_dir` in site.toml, else public/)
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Absolute URL the site is published at, for canonical links, the sitemap and QR codes
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Also print worksheets and the packet to PDF with headless Chromium/Chrome
    #[arg(long)]
    pub pdf: bool,
    /// Print only warnings and errors
    #[arg(long, short)]
    pub quiet: bool,
    /// Neither read nor write the build cache kept beside the output folder
    #[arg(long)]
    pub no_cache: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Port to listen on (0 picks a free one)
    #[arg(long, short, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on; the default keeps the preview on this computer
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub bind: String,
    /// Open the site in the default browser
    #[arg(long)]
    pub open: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Exit non-zero on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
    /// Also request every external link (off by default; needs the network)
    #[arg(long)]
    pub external: bool,
    /// Seconds to wait for each external link
    #[arg(long, default_value_t = 10, value_name = "SECONDS")]
    pub timeout: u64,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder to create the course in
    pub dir: PathBuf,
    /// Add the missing files to a folder that is not empty (never overwrites)
    #[arg(long)]
    pub force: bool,
    /// Which host's deployment workflow to write
    #[arg(long, value_enum, default_value_t = trellis::init::Ci::Github)]
    pub ci: trellis::init::Ci,
}

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// Add a lesson: `trellis new lesson "Title" [--module NAME]`
    Lesson {
        /// The lesson's title
        title: String,
        /// Module folder, slug or title (default: the last module)
        #[arg(long, short)]
        module: Option<String>,
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
    },
    /// Add a module: `trellis new module "Title"`
    Module {
        /// The module's title
        title: String,
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
    },
}
