//! `trellis`: parse the command line, call the library, print diagnostics, exit.

use std::process::ExitCode;

use clap::Parser;
use trellis::build::{build, BuildOptions};
use trellis::diag::Failure;

mod cli;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli.command {
        cli::Command::Build(args) => {
            let opts = BuildOptions {
                root: args.root,
                output: args.output,
                base_url: args.base_url,
                drafts: args.drafts,
                pdf: args.pdf,
            };
            match build(&opts) {
                Ok(report) => {
                    for w in &report.warnings {
                        eprintln!("{w}");
                    }
                    for n in &report.notes {
                        eprintln!("note: {n}");
                    }
                    if !args.quiet {
                        let pdfs = if report.pdfs > 0 {
                            format!(", {} PDFs", report.pdfs)
                        } else {
                            String::new()
                        };
                        println!(
                            "Built {} lessons, {} worksheets, {} pages{pdfs} into {} in {} ms ({} warnings)",
                            report.lessons,
                            report.worksheets,
                            report.pages,
                            report.output_dir.display(),
                            report.elapsed.as_millis(),
                            report.warnings.len()
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(Failure::Invalid(diags)) => {
                    let errors = diags.iter().filter(|d| d.is_error()).count();
                    for d in &diags {
                        eprintln!("{d}");
                    }
                    eprintln!("error: build failed with {errors} error{}; the previous output was left as it was", if errors == 1 { "" } else { "s" });
                    ExitCode::FAILURE
                }
                Err(Failure::Other(e)) => {
                    eprintln!("error: {e:#}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
