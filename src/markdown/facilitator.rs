//! The facilitator split: facilitator blocks leave the learner's tree before
//! anything learner-facing (titles, worksheets, fields, link definitions, search
//! text, print) is derived from it.
//!
//! In: a page's segments. Out: the learner's segments, and each facilitator
//! block's segments, in order. `::: facilitator`, `::: Facilitator` and
//! `{.note .facilitator}` all count.

use super::segment::Seg;

/// Split `segs` into the learner's segments and the facilitator notes.
pub fn split(segs: Vec<Seg>) -> (Vec<Seg>, Vec<Vec<Seg>>) {
    let mut notes = Vec::new();
    let learner = keep_learner(segs, &mut notes);
    (learner, notes)
}

fn keep_learner(segs: Vec<Seg>, notes: &mut Vec<Vec<Seg>>) -> Vec<Seg> {
    let mut out = Vec::with_capacity(segs.len());
    for seg in segs {
        match seg {
            Seg::Block { open, children } if open.is_facilitator() => notes.push(children),
            Seg::Block { open, children } => out.push(Seg::Block {
                open,
                children: keep_learner(children, notes),
            }),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::segment::segment;

    #[test]
    fn facilitator_blocks_leave_at_any_depth_and_in_any_spelling() {
        let src = "Open.\n::: worksheet\n::: Facilitator\nA\n:::\nSheet.\n:::\n::: {.note .facilitator}\nB\n:::\n> ::: facilitator\n> C\n> :::\n";
        let (learner, notes) = split(segment(src).segs);
        let text = format!("{learner:?}");
        for secret in ["\"A\\n\"", "\"B\\n\"", "\"C\\n\""] {
            assert!(!text.contains(secret), "{secret} leaked: {text}");
        }
        assert_eq!(notes.len(), 3);
        assert!(text.contains("Sheet."));
    }
}
