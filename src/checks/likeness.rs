//! How alike two texts are, as a reader compares them: for copied and shared text, and for last
//! year's problems taken up again.

use crate::text::norm;

/// The character pairs of a text (its words as a reader compares them, without spaces or
/// punctuation; every number one mark, so last year's template with this year's figures is the same
/// text), counted.
fn pairs(s: &str) -> std::collections::HashMap<(char, char), u32> {
    let mut chars: Vec<char> = Vec::new();
    for c in norm(s).chars().filter(|c| c.is_alphanumeric()) {
        let c = if c.is_ascii_digit() { '#' } else { c };
        if !(c == '#' && chars.last() == Some(&'#')) {
            chars.push(c);
        }
    }
    let mut m = std::collections::HashMap::new();
    for w in chars.windows(2) {
        *m.entry((w[0], w[1])).or_insert(0) += 1;
    }
    m
}

/// How alike two texts are: the Dice coefficient of their character pairs (1 for the same text).
pub fn likeness(a: &str, b: &str) -> f64 {
    let (x, y) = (pairs(a), pairs(b));
    let total: u32 = x.values().sum::<u32>() + y.values().sum::<u32>();
    if total == 0 {
        return 0.0;
    }
    let shared: u32 = x.iter().map(|(k, n)| (*n).min(*y.get(k).unwrap_or(&0))).sum();
    2.0 * shared as f64 / total as f64
}
