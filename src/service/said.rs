//! What an import did, in the words both front ends print: the command line's progress lines and
//! the app's result list say the same thing the same way.

use crate::store::Superseded;
use crate::text::fmt_num;

/// What a document's sections did to the report, in words that never read as an empty report:
/// a first version brings its parts ("含 8 个章节"), a later one new text or the same.
pub fn sections(taken: usize, offered: usize, replaced_earlier: bool) -> String {
    let mut s = match (taken, replaced_earlier) {
        (0, false) => String::new(),
        (0, true) => "，章节文字与此前相同".to_string(),
        (n, false) => format!("，含 {n} 个章节"),
        (n, true) => format!("，{n} 个章节有新文字"),
    };
    if offered > 0 {
        s.push_str(&format!("，另有 {offered} 个章节办公室已改写，新文字待选择"));
    }
    s
}

/// A correction the agency's new file made moot: the figure in the form's words (its id only
/// where the form has no words for it), what the office had made it, and the agency's new value,
/// which now counts.
pub fn superseded(x: &Superseded) -> String {
    let v = |v: Option<f64>| v.map(fmt_num).unwrap_or_else(|| "（非数字）".into());
    let label = crate::forms::describe_any(&x.figure);
    format!(
        "；注意：{label} 办公室曾由 {} 更正为 {}，新文件已改为 {}，以新文件为准",
        v(x.was),
        v(x.corrected),
        v(x.now)
    )
}

#[cfg(test)]
mod tests {
    /// A report's first import brings its parts; only a later version has "new" text.
    #[test]
    fn a_first_version_brings_its_parts_a_later_one_new_text() {
        assert_eq!(super::sections(8, 0, false), "，含 8 个章节");
        assert_eq!(super::sections(2, 0, true), "，2 个章节有新文字");
        assert_eq!(super::sections(0, 0, true), "，章节文字与此前相同");
        assert_eq!(super::sections(0, 1, true), "，章节文字与此前相同，另有 1 个章节办公室已改写，新文字待选择");
    }
}
