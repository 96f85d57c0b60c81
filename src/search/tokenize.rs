//! Text in, search tokens out. `static/search.js` mirrors these rules exactly, so a
//! query is cut into the same tokens as the lessons were:
//!
//! 1. lowercase, fold diacritics ("Élève" → "eleve", see [`fold_table`](super::fold_table));
//! 2. a run of letters and digits (Unicode `Alphabetic` or `N*`) outside CJK is a
//!    word; words of one character are dropped, long ones cut to [`MAX_CHARS`];
//! 3. a run of CJK characters (Han, kana, Hangul) has no spaces to split on, so it
//!    becomes its overlapping character bigrams, plus its last character alone, so
//!    every character starts some token and a one-character query can find it.

use super::fold_table::TABLE;

/// Longer words are cut to this many characters (a prefix still matches them).
pub const MAX_CHARS: usize = 32;

/// Lowercase and strip diacritics.
pub fn fold(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    for c in lower.chars() {
        if ('\u{300}'..='\u{36f}').contains(&c) {
            continue;
        }
        match TABLE.binary_search_by_key(&c, |&(k, _)| k) {
            Ok(i) => out.push_str(TABLE[i].1),
            Err(_) => out.push(c),
        }
    }
    out
}

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
    let folded = fold(text);
    let mut out = Vec::new();
    let mut word: Vec<char> = Vec::new();
    let mut cjk: Vec<char> = Vec::new();
    for c in folded.chars() {
        if is_cjk(c) {
            push_word(&mut word, &mut out);
            cjk.push(c);
        } else if c.is_alphanumeric() {
            push_cjk(&mut cjk, &mut out);
            word.push(c);
        } else {
            push_word(&mut word, &mut out);
            push_cjk(&mut cjk, &mut out);
        }
    }
    push_word(&mut word, &mut out);
    push_cjk(&mut cjk, &mut out);
    out
}

fn push_word(word: &mut Vec<char>, out: &mut Vec<String>) {
    if word.len() >= 2 {
        out.push(word.iter().take(MAX_CHARS).collect());
    }
    word.clear();
}

fn push_cjk(run: &mut Vec<char>, out: &mut Vec<String>) {
    for pair in run.windows(2) {
        out.push(pair.iter().collect());
    }
    if let Some(last) = run.last() {
        out.push(last.to_string());
    }
    run.clear();
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
    fn long_words_are_cut() {
        let long = "a".repeat(50);
        assert_eq!(tokens(&long)[0].chars().count(), MAX_CHARS);
    }

    #[test]
    fn table_is_sorted_for_binary_search() {
        assert!(TABLE.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
