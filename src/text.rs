//! Small text helpers that several stages share, one of each: percent-decoding,
//! byte offsets to `line:col`, search folding and slugs. Strings in, strings or
//! positions out; nothing here panics on any input.

use unicode_normalization::UnicodeNormalization;

/// Decode `%XX` escapes (two ASCII hex digits) in a link or file path. Any other `%`
/// is kept as written, and bytes that do not form UTF-8 once decoded become U+FFFD.
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
#[cfg_attr(not(feature = "serve"), allow(dead_code))] // serve's request paths
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

/// Search form of a text: lowercase, without diacritics. `static/search.js` folds a
/// query the same way, as `NFC(strip [MARKS] (NFD(lowercase(s))))` and then
/// [`SPECIAL`]; the tests below list sample strings with what both give.
///
/// Stripped: the combining diacritical marks block, and in Arabic the harakat,
/// the hamza and madda marks and tatweel — so أ, إ and آ (alef with a mark, apart
/// after NFD) search as ا. Other scripts' marks, such as Japanese voiced kana
/// (U+3099), survive, recomposed by NFC.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        // ASCII folds alone, except the character just before a non-ASCII run: it may
        // be the base of a combining accent (e + U+0301). Nothing composes across an
        // ASCII character, so cutting the text there gives the same result.
        let run = rest.bytes().position(|b| !b.is_ascii());
        let plain = run.map_or(rest.len(), |i| i.saturating_sub(1));
        out.push_str(&rest[..plain].to_ascii_lowercase());
        rest = &rest[plain..];
        let Some(first) = rest.chars().next() else {
            break;
        };
        let end = rest[first.len_utf8()..]
            .find(|c: char| c.is_ascii())
            .map_or(rest.len(), |i| i + first.len_utf8());
        fold_unicode(&rest[..end], &mut out);
        rest = &rest[end..];
    }
    out
}

/// The whole folding pipeline, as the browser runs it.
fn fold_unicode(s: &str, out: &mut String) {
    let lower = s.to_lowercase();
    let stripped = lower.nfd().filter(|c| !is_stripped_mark(*c)).nfc();
    for c in stripped {
        match SPECIAL.iter().find(|(k, _)| *k == c) {
            Some((_, folded)) => out.push_str(folded),
            None => out.push(c),
        }
    }
}

/// Marks search ignores; `fold` in `static/search.js` strips the same ranges.
fn is_stripped_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{64b}'..='\u{65f}' | '\u{670}' | '\u{640}')
}

/// Lowercase letters that Unicode does not decompose into a base and an accent, and
/// what they fold to. `SPECIAL` in `static/search.js` must hold the same pairs (a test
/// reads it). Uppercase forms reach these by lowercasing first (Ø → ø, ẞ → ß).
const SPECIAL: &[(char, &str)] = &[
    ('ß', "ss"), // German sharp s
    ('æ', "ae"), // ash (Danish, Norwegian, Old English)
    ('œ', "oe"), // French oe ligature
    ('ø', "o"),  // Danish and Norwegian o with stroke
    ('đ', "d"),  // Croatian, Vietnamese d with stroke
    ('ł', "l"),  // Polish l with stroke
    ('ı', "i"),  // Turkish dotless i
    ('ς', "σ"),  // Greek final sigma: words end in σ whatever their position
    ('ٱ', "ا"),  // Arabic alef wasla: searched as plain alef
    ('ħ', "h"),  // Maltese h with stroke
    ('þ', "th"), // Icelandic thorn
    ('ð', "d"),  // Icelandic eth
];

/// A URL slug: lowercase letters and digits (any script), runs of anything else as
/// one dash, none at either end. The text is NFC-normalised first, so an accent typed
/// as a combining mark gives the same slug as the precomposed letter.
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfc() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
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

    /// What `fold` in `themes/default/static/search.js` gives for each string, taken
    /// from Node 22 (ICU 78): the index and the browser must agree on every one.
    const BROWSER_FOLDS: &[(&str, &str)] = &[
        ("Élève À L'ÉCOLE", "eleve a l'ecole"),
        ("Straße Æsir Łódź Øresund", "strasse aesir lodz oresund"),
        ("Tiếng Việt", "tieng viet"),
        ("e\u{301}le\u{300}ve", "eleve"),
        ("がっこう", "がっこう"),
        ("ΟΔΟΣ οδός", "οδοσ οδοσ"),
        ("ΑΣ.", "ασ."),
        ("İstanbul", "istanbul"),
        ("ǅemal ＡＢＣ ﬁne", "ǆemal ａｂｃ ﬁne"),
        ("ĦĐÞÐ þorn ðoð ıi ẞ Œuvre", "hdthd thorn dod ii ss oeuvre"),
        ("Ǿ ǿ Ǣ", "o o ae"),
        ("한국어 문장입니다", "한국어 문장입니다"),
        ("Ångström Çà Ñandú", "angstrom ca nandu"),
        ("\u{212b} \u{2126} \u{2f800}", "a ω 丽"),
        ("ϓ Ḯ ǖ", "ϒ i u"),
        ("ά ΐ", "α ι"),
        ("Ⅻ ⓐ ﬀ", "ⅻ ⓐ ﬀ"),
        ("أطفالٌ إخوة آمنون ٱلبيت", "اطفال اخوة امنون البيت"),
        ("الـطِّفْلُ يَتَعَلَّمُ", "الطفل يتعلم"),
    ];

    #[test]
    fn fold_agrees_with_the_browser() {
        for (s, folded) in BROWSER_FOLDS {
            assert_eq!(fold(s), *folded, "{s}");
        }
    }

    #[test]
    fn special_letters_are_the_ones_search_js_folds() {
        let js = include_str!("../themes/default/static/search.js");
        let object = js
            .lines()
            .find_map(|l| l.trim().strip_prefix("const SPECIAL = "))
            .and_then(|l| l.strip_suffix(';'))
            .expect("search.js declares `const SPECIAL = {…};` on one line");
        let from_js: std::collections::BTreeMap<String, String> =
            serde_json::from_str(object).unwrap();
        let from_rust: std::collections::BTreeMap<String, String> = SPECIAL
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        assert_eq!(from_js, from_rust);
    }

    proptest::proptest! {
        /// The ASCII shortcut in `fold` changes nothing: cutting the text changes no result.
        #[test]
        fn fold_is_the_pipeline_on_the_whole_text(s in "[aeEsSΣσ ,İıß\u{300}-\u{302}\u{327}\u{3099}éかが€\u{1100}\u{1161}한]{0,12}") {
            let mut whole = String::new();
            fold_unicode(&s, &mut whole);
            proptest::prop_assert_eq!(fold(&s), whole);
        }
    }

    #[test]
    fn decomposed_and_composed_accents_give_the_same_slug() {
        assert_eq!(slugify("Cafe\u{301} au lait"), "café-au-lait");
        assert_eq!(slugify("Café au lait"), "café-au-lait");
        assert_eq!(slugify("Élève"), slugify("E\u{301}le\u{300}ve"));
    }

    #[test]
    fn slugs_keep_letters_and_digits_and_single_dashes() {
        assert_eq!(slugify("Safe Base: Exploring!"), "safe-base-exploring");
        assert_eq!(slugify("  --2024 -- plan--"), "2024-plan");
        assert_eq!(slugify("Ὀδυσσεύς 学习"), "ὀδυσσεύς-学习");
        assert_eq!(slugify("!?"), "");
    }
}
