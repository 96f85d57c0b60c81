//! Text in, search tokens out. `static/search.js` mirrors these rules exactly, so a
//! query is cut into the same tokens as the lessons were:
//!
//! 1. lowercase, fold diacritics ("Élève" → "eleve", see [`fold`]);
//! 2. a run of letters and digits (Unicode `Alphabetic` or `N*`) outside CJK is a
//!    word; words of one character are dropped, long ones cut to [`MAX_CHARS`];
//! 3. a run of CJK characters (Han, kana, Hangul) has no spaces to split on, so it
//!    becomes its overlapping character bigrams, plus its last character alone, so
//!    every character starts some token and a one-character query can find it.

use crate::text::fold;

/// Longer words are cut to this many characters (a prefix still matches them).
pub const MAX_CHARS: usize = 32;

/// Characters written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3005}'..='\u{3007}'     // 々 〆 〇
        | '\u{3040}'..='\u{30ff}'   // hiragana, katakana
        | '\u{31f0}'..='\u{31ff}'   // katakana extensions
        | '\u{3400}'..='\u{4dbf}'   // CJK extension A
        | '\u{4e00}'..='\u{9fff}'   // CJK unified ideographs
        | '\u{ac00}'..='\u{d7af}'   // Hangul syllables
        | '\u{f900}'..='\u{faff}'   // CJK compatibility ideographs
        | '\u{ff66}'..='\u{ff9f}'   // half-width katakana
        | '\u{20000}'..='\u{2ffff}' // CJK extensions B and later
    )
}

/// The tokens of `text`, in order, repeats included.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_token(text, |t| out.push(t.to_string()));
    out
}

#[derive(Clone, Copy, PartialEq)]
enum Run {
    None,
    Word,
    Cjk,
}

/// Call `f` with each token of `text`, in order, without allocating one string per
/// token: every token is a slice of the folded text.
pub fn each_token(text: &str, f: impl FnMut(&str)) {
    each_folded_token(&fold(text), f);
}

/// Call `f` with each token of `s`, a text already folded ([`fold`]), in order:
/// each a slice of `s`, so a caller can keep them while `s` lives.
pub fn each_folded_token<'s>(s: &'s str, mut f: impl FnMut(&'s str)) {
    let bytes = s.as_bytes();
    let mut run = Run::None;
    // Word: its start, its length in chars and where its first MAX_CHARS chars end.
    let (mut start, mut chars, mut cut) = (0, 0, 0);
    // CJK: where the previous character starts.
    let mut prev = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // Most text is ASCII: a byte is a character, settled without decoding.
        let (kind, len) = if b.is_ascii() {
            (ascii_kind(b), 1)
        } else {
            let c = s[i..].chars().next().unwrap_or_default();
            (kind(c), c.len_utf8())
        };
        if kind != run {
            end_run(s, run, start, chars, cut, prev, i, &mut f);
            run = kind;
            (start, chars) = (i, 0);
        } else if run == Run::Cjk {
            f(&s[prev..i + len]);
        }
        chars += 1;
        if chars <= MAX_CHARS {
            cut = i + len;
        }
        prev = i;
        i += len;
    }
    end_run(s, run, start, chars, cut, prev, s.len(), &mut f);
}

fn ascii_kind(b: u8) -> Run {
    if b.is_ascii_alphanumeric() {
        Run::Word
    } else {
        Run::None
    }
}

/// Which run a character belongs to. Most text is ASCII: it is settled
/// without the CJK ranges or the Unicode tables.
fn kind(c: char) -> Run {
    if c.is_ascii() {
        ascii_kind(c as u8)
    } else if is_cjk(c) {
        Run::Cjk
    } else if c.is_alphanumeric() {
        Run::Word
    } else {
        Run::None
    }
}

#[allow(clippy::too_many_arguments)]
fn end_run<'s>(
    s: &'s str,
    run: Run,
    start: usize,
    chars: usize,
    cut: usize,
    prev: usize,
    end: usize,
    f: &mut impl FnMut(&'s str),
) {
    match run {
        Run::Word if chars >= 2 => f(&s[start..cut]),
        // A CJK run ends with its last character alone.
        Run::Cjk => f(&s[prev..end]),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_special_letters() {
        assert_eq!(fold("Élève À L'ÉCOLE"), "eleve a l'ecole");
        assert_eq!(
            fold("Straße Æsir Łódź Øresund"),
            "strasse aesir lodz oresund"
        );
        assert_eq!(fold("Tiếng Việt"), "tieng viet");
        // Already decomposed input (e + U+0301) folds the same.
        assert_eq!(fold("e\u{301}le\u{300}ve"), "eleve");
        // Japanese voiced kana keep their dakuten, as NFC recomposes them.
        assert_eq!(fold("がっこう"), "がっこう");
    }

    #[test]
    fn words_are_split_on_anything_but_letters_and_digits() {
        assert_eq!(
            tokens("A child's \"secure base\" (2024), co-regulation!"),
            ["child", "secure", "base", "2024", "co", "regulation"]
        );
    }

    #[test]
    fn cjk_runs_become_bigrams_and_their_last_character() {
        assert_eq!(tokens("学习方法"), ["学习", "习方", "方法", "法"]);
        assert_eq!(tokens("安心"), ["安心", "心"]);
        assert_eq!(tokens("子"), ["子"]);
        // Kanji and kana form one run; Latin words beside them stay words.
        assert_eq!(tokens("Trellisで学ぶ"), ["trellis", "で学", "学ぶ", "ぶ"]);
    }

    #[test]
    fn final_sigma_and_uppercase_fold_like_the_browser() {
        assert_eq!(fold("ΟΔΟΣ οδός"), "οδοσ οδοσ");
        assert_eq!(fold("İstanbul"), "istanbul");
    }

    #[test]
    fn every_ascii_character_is_sorted_as_the_unicode_rules_sort_it() {
        for b in 0..=127u8 {
            let c = char::from(b);
            let unicode = if is_cjk(c) {
                Run::Cjk
            } else if c.is_alphanumeric() {
                Run::Word
            } else {
                Run::None
            };
            assert!(kind(c) == unicode, "{c:?}");
        }
        assert!(kind('é') == Run::Word && kind('学') == Run::Cjk && kind('。') == Run::None);
        assert_eq!(
            tokens("ab_cd\r\nxy-z Élan学习"),
            ["ab", "cd", "xy", "elan", "学习", "习"]
        );
    }

    #[test]
    fn long_words_are_cut() {
        let long = "a".repeat(50);
        assert_eq!(tokens(&long)[0].chars().count(), MAX_CHARS);
    }
}
