//! Totals written as formulas are read by their saved result. A program that writes formulas
//! without calculating them (some generators, some converters) leaves no result: for the shapes a
//! return's totals take — SUM over ranges, cells added and subtracted, plain numbers — the value is
//! worked out from the sheet itself. Anything else stays unreadable and is reported.

use super::grid::{Sheet, Val};
use crate::text::{parse_number, CellNumber};

/// Evaluates `formula` (without its leading '=') on `sheet`, or None if it is not of a simple shape.
pub fn eval(sheet: &Sheet, formula: &str) -> Option<f64> {
    eval_depth(sheet, formula, 0)
}

fn eval_depth(sheet: &Sheet, formula: &str, depth: u32) -> Option<f64> {
    if depth > 8 || formula.len() > 2_000 {
        return None;
    }
    let f: String =
        formula.trim_start_matches('=').chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    let mut total = 0.0;
    for (sign, term) in split_terms(&f)? {
        total += sign * term_value(sheet, term, depth)?;
    }
    Some(total)
}

/// Splits "A1+SUM(B1:B3)-2" into signed terms, keeping parentheses whole.
fn split_terms(f: &str) -> Option<Vec<(f64, &str)>> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    let mut sign = 1.0;
    for (i, ch) in f.char_indices() {
        match ch {
            '(' => depth += 1,
            ')' => depth -= 1,
            '+' | '-' if depth == 0 => {
                if i > start {
                    out.push((sign, &f[start..i]));
                } else if i != 0 {
                    return None;
                }
                sign = if ch == '-' { -1.0 } else { 1.0 };
                start = i + 1;
            }
            _ => {}
        }
        if depth < 0 {
            return None;
        }
    }
    if start >= f.len() {
        return None;
    }
    out.push((sign, &f[start..]));
    Some(out)
}

fn term_value(sheet: &Sheet, term: &str, depth: u32) -> Option<f64> {
    if let Ok(v) = term.parse::<f64>() {
        return Some(v);
    }
    if let Some(inner) = term.strip_prefix("SUM(").and_then(|t| t.strip_suffix(')')) {
        let mut sum = 0.0;
        for arg in inner.split([',', ';']) {
            if let Some((a, b)) = arg.split_once(':') {
                let (r1, c1) = parse_ref(a)?;
                let (r2, c2) = parse_ref(b)?;
                if (r2.abs_diff(r1) as u64 + 1) * (c2.abs_diff(c1) as u64 + 1) > 10_000 {
                    return None;
                }
                for r in r1.min(r2)..=r1.max(r2) {
                    for c in c1.min(c2)..=c1.max(c2) {
                        sum += cell_value(sheet, r, c, depth)?;
                    }
                }
            } else {
                sum += eval_depth(sheet, arg, depth + 1)?;
            }
        }
        return Some(sum);
    }
    if let Some(inner) = term.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        return eval_depth(sheet, inner, depth + 1);
    }
    let (r, c) = parse_ref(term)?;
    cell_value(sheet, r, c, depth)
}

fn cell_value(sheet: &Sheet, r: u32, c: u32, depth: u32) -> Option<f64> {
    match sheet.row(r).and_then(|row| row.get(c)).map(|cell| &cell.val) {
        None => Some(0.0),
        Some(Val::Num(v)) => Some(*v),
        Some(Val::Text(s)) => match parse_number(s) {
            CellNumber::Value(v) => Some(v),
            CellNumber::Zero => Some(0.0),
            CellNumber::Unreadable => None,
        },
        Some(Val::Formula(f)) => eval_depth(sheet, f, depth + 1),
        Some(Val::Other(_)) => None,
    }
}

/// "J4" or "$J$4" → zero-based (3, 9). A reference to another sheet is not followed.
fn parse_ref(s: &str) -> Option<(u32, u32)> {
    let s = s.replace('$', "");
    let letters: String = s.chars().take_while(|c| c.is_ascii_uppercase()).collect();
    let digits = &s[letters.len()..];
    if letters.is_empty() || letters.len() > 3 || digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut col: u32 = 0;
    for ch in letters.chars() {
        col = col * 26 + (ch as u32 - 'A' as u32 + 1);
    }
    let row: u32 = digits.parse().ok()?;
    if row == 0 {
        return None;
    }
    Some((row - 1, col - 1))
}
