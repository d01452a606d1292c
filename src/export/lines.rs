//! Text on a line of a document: how wide it is in full-width characters, and a title broken
//! between its words so that it stands symmetric.

/// Width of text on a line in full-width characters: digits and Latin letters count half.
pub fn line_width(s: &str) -> f64 {
    s.chars().map(|c| if c.is_ascii() { 0.5 } else { 1.0 }).sum()
}

/// The title broken into lines between words: `words` are the pieces a line may break between
/// ("沂水县自然资源和规划局", "2021年", "政府信息公开工作", "年度报告"). One line where it fits
/// (`room` full-width characters); otherwise the split whose lines are most nearly equal (a
/// symmetric title, never "报告" left alone), the upper line the shorter on a tie.
pub fn title_lines(words: &[&str], room: f64) -> Vec<String> {
    let whole: String = words.concat();
    if line_width(&whole) <= room {
        return vec![whole];
    }
    // A name longer than a line may break where its own words end: before a bracket, after
    // 县 市 区 局 委 会 室 府 镇.
    let pieces: Vec<String> = words.iter().flat_map(|w| split_long(w, room)).collect();
    let words: Vec<&str> = pieces.iter().map(String::as_str).collect();
    if words.len() < 2 {
        return vec![whole];
    }
    let mut best: Option<(f64, Vec<String>)> = None;
    let n = words.len();
    // Two lines, then three where two cannot fit.
    for lines in 2..=3usize.min(n) {
        let mut cuts = vec![0usize; lines - 1];
        let mut try_cuts = |cuts: &[usize]| {
            let mut bounds = vec![0];
            bounds.extend_from_slice(cuts);
            bounds.push(n);
            let ls: Vec<String> = bounds.windows(2).map(|w| words[w[0]..w[1]].concat()).collect();
            let widths: Vec<f64> = ls.iter().map(|l| line_width(l)).collect();
            if widths.iter().any(|w| *w > room) {
                return;
            }
            let spread = widths.iter().cloned().fold(0.0, f64::max) - widths.iter().cloned().fold(f64::MAX, f64::min);
            // A tie goes to the shorter upper line (a trapezoid standing on its base).
            let score = spread + if widths[0] > widths[widths.len() - 1] { 0.01 } else { 0.0 };
            if best.as_ref().is_none_or(|(s, _)| score < *s) {
                best = Some((score, ls));
            }
        };
        if lines == 2 {
            for a in 1..n {
                try_cuts(&[a]);
            }
        } else {
            for a in 1..n {
                for b in a + 1..n {
                    cuts[0] = a;
                    cuts[1] = b;
                    try_cuts(&cuts);
                }
            }
        }
        if best.is_some() {
            break;
        }
    }
    best.map(|(_, l)| l).unwrap_or_else(|| vec![whole])
}

fn split_long(w: &str, room: f64) -> Vec<String> {
    if line_width(w) <= room {
        return vec![w.to_string()];
    }
    let chars: Vec<char> = w.chars().collect();
    let cut = (1..chars.len())
        .filter(|&i| chars[i] == '（' || "县市区局委会室府镇".contains(chars[i - 1]) && chars[i] != '）')
        .min_by_key(|&i| (i as i64 - chars.len() as i64 / 2).abs());
    match cut {
        Some(i) => {
            let (a, b): (String, String) = (chars[..i].iter().collect(), chars[i..].iter().collect());
            let mut v = split_long(&a, room);
            v.extend(split_long(&b, room));
            v
        }
        None => vec![w.to_string()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_break_between_words_and_stand_symmetric() {
        let short = title_lines(&["沂水县", "2021年", "政府信息公开", "工作年度报告"], 20.0);
        assert_eq!(short, vec!["沂水县2021年政府信息公开工作年度报告"]);
        let long = title_lines(&["沂水县自然资源和规划局", "2021年", "政府信息公开", "工作年度报告"], 20.0);
        assert_eq!(long, vec!["沂水县自然资源和规划局2021年", "政府信息公开工作年度报告"]);
        let very = title_lines(
            &["沂水县住房和城乡建设局（县人民防空办公室）", "2021年", "政府信息公开", "工作年度报告"],
            20.0,
        );
        assert!(very.iter().all(|l| line_width(l) <= 20.0), "{very:?}");
        assert!(very.iter().all(|l| l != "报告" && l != "工作年度报告" || very.len() == 2), "{very:?}");
    }
}
