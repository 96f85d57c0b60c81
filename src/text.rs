//! Small text helpers that several stages share, one of each: percent-decoding,
//! byte offsets to `line:col`, search folding and slugs. Strings in, strings or
//! positions out; nothing here panics on any input.

/// Decode `%XX` escapes (two ASCII hex digits) in a link or file path. Any other `%`
/// is kept as written, and bytes that do not form UTF-8 once decoded become U+FFFD.
#[allow(dead_code)] // until src/markdown/links.rs calls it instead of its own copy
pub(crate) fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    match decode_escapes(s, false) {
        Some(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        None => s.to_string(),
    }
}

/// As [`percent_decode`], for request paths that must be exact: `None` when a `%` is
/// not followed by two hex digits or the decoded bytes are not UTF-8.
pub(crate) fn percent_decode_strict(s: &str) -> Option<String> {
    String::from_utf8(decode_escapes(s, true)?).ok()
}

/// Works on bytes, so a `%` before a multibyte character never cuts into it.
fn decode_escapes(s: &str, strict: bool) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let hex = |i: usize| b.get(i).and_then(|&c| char::from(c).to_digit(16));
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            match (hex(i + 1), hex(i + 2)) {
                (Some(hi), Some(lo)) => {
                    out.push((hi * 16 + lo) as u8);
                    i += 3;
                    continue;
                }
                _ if strict => return None,
                _ => {}
            }
        }
        out.push(b[i]);
        i += 1;
    }
    Some(out)
}

/// Where each line of a text starts, to turn many byte offsets into positions.
#[derive(Debug, Clone)]
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of each line's first byte; the first is 0.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// 1-based line and column of a byte offset; the column counts characters. An
    /// offset inside a character is that character's; one past the end is the end.
    pub(crate) fn pos(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let col = self.text[start..offset].chars().count() + 1;
        (line + 1, col)
    }
}

/// 1-based line and column (in characters) of a byte offset in `text`, for a single
/// lookup; build a [`LineIndex`] for many.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(text).pos(offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn b1_percent_before_a_multibyte_char_does_not_panic() {
        // `fig/%aé.png`: the two bytes after `%` are `a` and half of `é`.
        assert_eq!(percent_decode("fig/%aé.png"), "fig/%aé.png");
        assert_eq!(percent_decode("%aé"), "%aé");
        assert_eq!(percent_decode("%é"), "%é");
    }

    #[test]
    fn percent_decoding_keeps_what_is_not_an_escape() {
        assert_eq!(percent_decode("%"), "%");
        assert_eq!(percent_decode("%4"), "%4");
        assert_eq!(percent_decode("%zz"), "%zz");
        assert_eq!(percent_decode("%+f"), "%+f");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("my%20file.pdf"), "my file.pdf");
        assert_eq!(percent_decode("%e2%82%ac"), "€");
        assert_eq!(percent_decode("%E2%82%AC"), "€");
        assert_eq!(percent_decode("a%ffb"), "a\u{fffd}b");
    }

    #[test]
    fn strict_percent_decoding_refuses_bad_escapes() {
        assert_eq!(percent_decode_strict("/a%20b").as_deref(), Some("/a b"));
        assert_eq!(percent_decode_strict("/é").as_deref(), Some("/é"));
        for bad in ["%", "%4", "%zz", "%+f", "%aé", "%ff", "100%"] {
            assert_eq!(percent_decode_strict(bad), None, "{bad}");
        }
    }

    #[test]
    fn line_col_counts_chars_from_one() {
        let text = "ab\ncé d\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 2), (1, 3));
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, 7), (2, 4));
        // After the last newline: an empty third line.
        assert_eq!(line_col(text, text.len()), (3, 1));
    }

    #[test]
    fn line_col_never_panics() {
        let text = "é\n€x";
        // Inside `é` (bytes 0..2) and inside `€` (bytes 3..6): that character.
        assert_eq!(line_col(text, 1), (1, 1));
        assert_eq!(line_col(text, 4), (2, 1));
        assert_eq!(line_col(text, 5), (2, 1));
        assert_eq!(line_col(text, 6), (2, 2));
        assert_eq!(line_col(text, 1000), (2, 3));
        assert_eq!(line_col("", 3), (1, 1));
    }

    #[test]
    fn one_index_answers_many_lookups() {
        let text = "one\ntwo\n\nfour";
        let index = LineIndex::new(text);
        let positions: Vec<_> = [0, 3, 4, 8, 9, 12].map(|o| index.pos(o)).into();
        assert_eq!(positions, [(1, 1), (1, 4), (2, 1), (3, 1), (4, 1), (4, 4)]);
    }
}
