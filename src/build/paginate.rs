//! The packets' page numbers: each printed packet PDF in, its HTML and PDF
//! rewritten with the contents' real page numbers (and duplex blanks) out.
//! Chromium has no `target-counter()`, so the packet is printed, the pages its
//! worksheets landed on are read back, and it is printed again with them, until
//! a print agrees with the numbers it shows.

use std::path::Path;

use anyhow::{anyhow, Context as _, Result};

use crate::output::{OutputFile, Sink};
use crate::render::pages::Pages;
use crate::site::PrintScope;
use crate::worksheet::layout::PacketLayout;
use crate::worksheet::pdf::{dests, Browser, PrintOptions};
use crate::worksheet::{packet_pdf, packet_url};

/// At most this many prints of one packet (the first is the build's own).
/// Numbers move only when the contents page grows, so two or three suffice.
const MAX_PRINTS: usize = 5;

/// Number the contents of every printed packet of every edition, in parallel.
pub fn packets(
    browser: &Browser,
    site_dir: &Path,
    sink: &dyn Sink,
    pages: &[(&str, Pages<'_>)],
) -> Result<()> {
    let work: Vec<(&str, &Pages<'_>, PrintScope)> = pages
        .iter()
        .flat_map(|(prefix, p)| {
            p.printed_packets()
                .into_iter()
                .map(move |scope| (*prefix, p, scope))
        })
        .collect();
    std::thread::scope(|s| {
        let handles: Vec<_> = work
            .iter()
            .map(|(prefix, p, scope)| {
                s.spawn(move || {
                    let packet = Packet {
                        browser,
                        site_dir,
                        sink,
                        prefix,
                        pages: p,
                        scope: *scope,
                    };
                    packet.number().with_context(|| {
                        format!(
                            "cannot number the pages of {prefix}{}",
                            packet_pdf(p.site, *scope)
                        )
                    })
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(anyhow!("a thread numbering a packet panicked")))
            })
            .collect::<Result<Vec<()>>>()
            .map(drop)
    })
}

/// One packet of one edition.
struct Packet<'a> {
    browser: &'a Browser,
    site_dir: &'a Path,
    sink: &'a dyn Sink,
    prefix: &'a str,
    pages: &'a Pages<'a>,
    scope: PrintScope,
}

impl Packet<'_> {
    fn number(&self) -> Result<()> {
        let site = self.pages.site;
        let duplex = site.config.print.duplex;
        let html = format!("{}{}index.html", self.prefix, packet_url(site, self.scope));
        let pdf = self
            .site_dir
            .join(format!("{}{}", self.prefix, packet_pdf(site, self.scope)));
        let mut layout = PacketLayout::default();
        let (_, mut parts) = self.render(&layout)?;
        for print in 1..=MAX_PRINTS {
            let bytes =
                std::fs::read(&pdf).with_context(|| format!("cannot read {}", pdf.display()))?;
            let next = layout.next(&parts, &dests::named_pages(&bytes)?, duplex)?;
            if next == layout {
                return Ok(());
            }
            if print == MAX_PRINTS {
                break;
            }
            layout = next;
            let (file, now) = self.render(&layout)?;
            parts = now;
            // The staged file may be a hard link to the live site's: replace it,
            // never write through it.
            let staged = self.site_dir.join(&html);
            std::fs::remove_file(&staged)
                .with_context(|| format!("cannot replace {}", staged.display()))?;
            self.sink.put(OutputFile {
                path: html.clone(),
                ..file
            })?;
            self.browser
                .print(&staged, &pdf, &PrintOptions::default())?;
        }
        Err(anyhow!(
            "its page numbers still changed after {MAX_PRINTS} prints"
        ))
    }

    fn render(&self, layout: &PacketLayout) -> Result<(OutputFile, Vec<String>)> {
        self.pages
            .packet_file(self.scope, layout)
            .map_err(|d| anyhow!("{}", d.message))
    }
}
