//! Where the packet's worksheets fall on paper: the page each starts on, read
//! from a printed PDF, and the blank pages duplex printing needs before some of
//! them. A layout goes into the packet's contents; printing it again gives the
//! next layout, until the two agree.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use anyhow::{anyhow, Result};

/// The packet's pages, as far as a print told them. The default knows nothing:
/// the contents show no numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PacketLayout {
    pages: BTreeMap<String, usize>,
    blanks: BTreeSet<String>,
}

impl PacketLayout {
    /// The page (1-based, the cover is 1) where the part `anchor` starts.
    pub fn page(&self, anchor: &str) -> Option<usize> {
        self.pages.get(anchor).copied()
    }

    /// Whether a blank page goes before the part `anchor`.
    pub fn blank_before(&self, anchor: &str) -> bool {
        self.blanks.contains(anchor)
    }

    /// The layout of a packet printed as `self`, whose parts `anchors` (in print
    /// order) start on the pages `starts` gives. With `duplex`, a part that
    /// would start on an even page gets a blank page before it.
    pub fn next(
        &self,
        anchors: &[String],
        starts: &HashMap<String, usize>,
        duplex: bool,
    ) -> Result<PacketLayout> {
        let mut next = PacketLayout::default();
        // Blanks this print had so far; without them every later part moves up.
        let mut had = 0;
        let mut added = 0;
        for anchor in anchors {
            let printed = *starts
                .get(anchor)
                .ok_or_else(|| anyhow!("the printed packet has no part `{anchor}`"))?;
            if self.blank_before(anchor) {
                had += 1;
            }
            let mut page = (printed + added).checked_sub(had).unwrap_or(1);
            if duplex && page % 2 == 0 {
                next.blanks.insert(anchor.clone());
                added += 1;
                page += 1;
            }
            next.pages.insert(anchor.clone(), page);
        }
        Ok(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(pairs: &[(&str, usize)]) -> HashMap<String, usize> {
        pairs.iter().map(|(a, p)| ((*a).to_string(), *p)).collect()
    }

    fn anchors(names: &[&str]) -> Vec<String> {
        names.iter().map(|a| (*a).to_string()).collect()
    }

    #[test]
    fn single_sided_pages_are_where_the_print_put_them() {
        let l = PacketLayout::default()
            .next(
                &anchors(&["ws-1", "ws-2"]),
                &starts(&[("ws-1", 3), ("ws-2", 4)]),
                false,
            )
            .unwrap();
        assert_eq!((l.page("ws-1"), l.page("ws-2")), (Some(3), Some(4)));
        assert!(!l.blank_before("ws-2"));
    }

    #[test]
    fn duplex_puts_a_blank_before_a_part_on_an_even_page() {
        let a = anchors(&["ws-1", "ws-2", "ws-3"]);
        // Cover, contents, then one page each.
        let first = PacketLayout::default()
            .next(&a, &starts(&[("ws-1", 3), ("ws-2", 4), ("ws-3", 5)]), true)
            .unwrap();
        assert!(!first.blank_before("ws-1"));
        // ws-2 moves to 5 after a blank; ws-3 then falls on 6 and moves to 7.
        assert_eq!(first.page("ws-2"), Some(5));
        assert_eq!(first.page("ws-3"), Some(7));
        assert!(first.blank_before("ws-2") && first.blank_before("ws-3"));
        // Printed as laid out, the layout holds.
        let again = first
            .next(&a, &starts(&[("ws-1", 3), ("ws-2", 5), ("ws-3", 7)]), true)
            .unwrap();
        assert_eq!(again, first);
    }

    #[test]
    fn a_part_missing_from_the_print_is_an_error() {
        let e = PacketLayout::default()
            .next(&anchors(&["ws-9"]), &starts(&[]), false)
            .unwrap_err();
        assert_eq!(e.to_string(), "the printed packet has no part `ws-9`");
    }
}
