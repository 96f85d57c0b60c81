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
Start with `trellis build` in a course folder (one with site.toml and content/); the site is written to public/.",
    after_help = "Examples:\n  trellis build                          build the course in this folder into public/\n  trellis build --base-url https://org.github.io/course/\n  trellis build --root my-course --output site"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the course into a static site
    Build(BuildArgs),
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Course folder holding site.toml and content/
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Where to write the site (default: `output_dir` in site.toml, else public/)
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Absolute URL the site is published at, for canonical links, the sitemap and QR codes
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include lessons marked `draft = true`
    #[arg(long)]
    pub drafts: bool,
    /// Also print worksheets and the packet to PDF with headless Chromium/Chrome
    #[arg(long)]
    pub pdf: bool,
    /// Print only errors
    #[arg(long, short)]
    pub quiet: bool,
}
