//! The county's report written from the agencies' reports: for one part (一（一）, 五, 六 …) every
//! agency's text for the same part, what stands out in them (sentences with figures, sentences
//! naming something new, for 五 the problems and the improvements), and sentences that count what
//! the agencies said ("N 个单位开展了政务公开培训"). The office writes the county's part from these
//! side by side instead of opening eighty Word files.

use crate::forms::sections::SectionDef;
use crate::model::{AgencyKind, SectionState};

use crate::store::{Result, Store};
use serde::Serialize;

/// What an agency has for the part: settled, a draft (imported or written), or nothing yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceState {
    Final,
    Draft,
    Missing,
}

impl SourceState {
    /// As the JSON and the UI's types have it.
    pub fn code(self) -> &'static str {
        match self {
            SourceState::Final => "final",
            SourceState::Draft => "draft",
            SourceState::Missing => "missing",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            SourceState::Final => "已定稿",
            SourceState::Draft => "草稿",
            SourceState::Missing => "未交",
        }
    }
}

/// One agency's text for the part, and where it came from.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub agency: String,
    pub kind: AgencyKind,
    pub state: SourceState,
    pub text: String,
    /// The document and the paragraphs the text came from ("" when the office wrote it).
    pub file: String,
    pub place: String,
    /// Figures the text quotes that contradict the agency's own tables, in the review's words.
    pub contradictions: Vec<String>,
}

/// Every agency's text for one part of the year, 部门 first, then 乡镇（街道）, in roster order.
#[derive(Debug, Clone, Serialize)]
pub struct Sources {
    pub key: &'static str,
    pub title: &'static str,
    pub year: i32,
    /// Agencies with text for the part.
    pub sources: Vec<Source>,
    /// Agencies of the year without it (no document, or the part not written).
    pub without: Vec<Source>,
}

/// The agencies of the year, 部门 before 乡镇（街道）, each in roster order.
fn in_order(store: &Store, year: i32) -> Result<Vec<crate::store::AgencyStatus>> {
    let mut status = store.status(year)?;
    status.sort_by_key(|s| (s.agency.kind != AgencyKind::Department, s.agency.id));
    Ok(status)
}

/// Every agency's text for the part `def` of `year`, with each quoted figure checked against the
/// agency's tables.
pub fn sources(store: &Store, year: i32, def: &'static SectionDef) -> Result<Sources> {
    let mut out = Sources { key: def.key, title: def.title, year, sources: Vec::new(), without: Vec::new() };
    for s in in_order(store, year)? {
        let row = store.section(s.agency.id, year, def.key)?;
        let text = row.as_ref().map(|r| r.text.trim().to_string()).unwrap_or_default();
        let state = match &row {
            Some(r) if !text.is_empty() && r.state == SectionState::Final => SourceState::Final,
            Some(_) if !text.is_empty() => SourceState::Draft,
            _ => SourceState::Missing,
        };
        let contradictions = match (s.return_id, state) {
            (Some(id), SourceState::Final | SourceState::Draft) => {
                let ret = store.db().load_return(id)?;
                crate::checks::text_findings(def, &text, &ret).into_iter().map(|f| f.message).collect()
            }
            _ => Vec::new(),
        };
        let source = Source {
            agency: s.agency.name.clone(),
            kind: s.agency.kind,
            state,
            file: row.as_ref().map(|r| r.source_file.clone()).unwrap_or_default(),
            place: row.as_ref().map(|r| r.source_place.clone()).unwrap_or_default(),
            text,
            contradictions,
        };
        if state == SourceState::Missing {
            out.without.push(source);
        } else {
            out.sources.push(source);
        }
    }
    Ok(out)
}

/// A sentence of an agency's text that stands out, with its agency.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Highlight {
    pub agency: String,
    pub sentence: String,
}

/// What stands out in a part's sources.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Highlights {
    /// Sentences that carry figures: counts, percentages, money.
    pub figures: Vec<Highlight>,
    /// Sentences naming something new (首次, 创新, 率先 …: the office's word list).
    pub new: Vec<Highlight>,
    /// For 五: the problems and the improvements the agencies named.
    pub problems: Vec<Highlight>,
    pub improvements: Vec<Highlight>,
}

/// The words that mark something new, before the office adds its own.
pub const NEW_WORDS: &[&str] =
    &["首次", "创新", "率先", "首创", "新开设", "新开通", "新建", "新增", "上线", "开通", "试点", "全新"];

/// Units after a number that make it a figure of the work (not 年, 月 or 日 of a date).
const FIGURE_UNITS: &[&str] = &[
    "个百分点",
    "万元",
    "人次",
    "%",
    "％",
    "条",
    "件",
    "个",
    "次",
    "篇",
    "期",
    "场",
    "家",
    "项",
    "份",
    "人",
    "元",
    "余",
    "批",
    "部",
    "户",
    "天",
];

/// The sentences of a text, each with its closing mark.
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        if c == '\n' {
            push_sentence(&mut out, &mut cur);
            continue;
        }
        cur.push(c);
        if matches!(c, '。' | '！' | '？' | '；' | '!' | '?') {
            push_sentence(&mut out, &mut cur);
        }
    }
    push_sentence(&mut out, &mut cur);
    out
}

fn push_sentence(out: &mut Vec<String>, cur: &mut String) {
    let s = cur.trim();
    if s.chars().filter(|c| !c.is_ascii_punctuation() && !c.is_whitespace()).count() >= 4 {
        out.push(s.to_string());
    }
    cur.clear();
}

/// The numbers a sentence gives as figures: each number followed by a unit of [`FIGURE_UNITS`].
pub fn figures_in(sentence: &str) -> Vec<(f64, &'static str)> {
    let s = crate::text::norm(sentence);
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        while i < chars.len() && (chars[i].1.is_ascii_digit() || chars[i].1 == '.' || chars[i].1 == ',') {
            i += 1;
        }
        let end = chars.get(i).map(|c| c.0).unwrap_or(s.len());
        let rest = &s[end..];
        if let Some(unit) = FIGURE_UNITS.iter().find(|u| rest.starts_with(*u)) {
            if let Ok(v) = s[start..end].replace(',', "").trim_end_matches('.').parse::<f64>() {
                out.push((v, *unit));
            }
        }
    }
    out
}

/// The words that open an agency's improvements in 五 ("下一步，我们将…", "（二）改进措施").
const IMPROVEMENT_OPENERS: &[&str] = &["下一步", "改进措施", "改进情况", "整改措施", "今后", "下步", "新的一年"];
/// Words of a sentence that plans or promises rather than describes.
const IMPROVEMENT_WORDS: &[&str] =
    &["将", "进一步", "加强", "加大", "持续", "切实", "着力", "计划", "力争", "推动", "完善"];
/// Words of a sentence that names a shortcoming.
const PROBLEM_WORDS: &[&str] = &[
    "问题",
    "不足",
    "不够",
    "有待",
    "欠缺",
    "不到位",
    "不及时",
    "不强",
    "不高",
    "薄弱",
    "滞后",
    "还需",
    "仍",
    "差距",
    "单一",
];

/// Whether a sentence of 五 names a problem, an improvement, or neither (a heading such as
/// "（一）存在的问题。", or "无").
fn five_kind(sentence: &str, after_opener: bool) -> Option<bool> {
    let n = crate::text::norm(sentence);
    let body = crate::text::strip_numbering(&n);
    if body.chars().filter(|c| !c.is_ascii_punctuation() && !"。；！？，、".contains(*c)).count() <= 8 {
        return None;
    }
    let has = |words: &[&str]| words.iter().any(|w| sentence.contains(w));
    match (has(PROBLEM_WORDS), has(IMPROVEMENT_WORDS)) {
        (true, false) => Some(false),
        (false, true) => Some(true),
        (true, true) => Some(after_opener),
        (false, false) if sentence.chars().count() > 12 => Some(after_opener),
        _ => None,
    }
}

/// What stands out in the part's sources; `new_words` is the office's list (see [`NEW_WORDS`]).
pub fn highlights(src: &Sources, new_words: &[String]) -> Highlights {
    let mut h = Highlights::default();
    for s in &src.sources {
        let mut after_opener = false;
        for sentence in sentences(&s.text) {
            let hl = || Highlight { agency: s.agency.clone(), sentence: sentence.clone() };
            if !figures_in(&sentence).is_empty() {
                h.figures.push(hl());
            }
            if new_words.iter().any(|w| !w.is_empty() && sentence.contains(w.as_str())) {
                h.new.push(hl());
            }
            if src.key == "五" {
                if IMPROVEMENT_OPENERS.iter().any(|w| sentence.contains(w)) {
                    after_opener = true;
                }
                match five_kind(&sentence, after_opener) {
                    Some(true) => h.improvements.push(hl()),
                    Some(false) => h.problems.push(hl()),
                    None => {}
                }
            }
        }
    }
    h
}

/// A sentence for the county's text that counts what the agencies said, with the agencies behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Counted {
    pub sentence: String,
    pub agencies: Vec<String>,
}

/// What a counted sentence looks for: in which parts, the words a sentence must all hold, and
/// whether it sums the 件 the sentences give.
struct CountRule {
    parts: &'static [&'static str],
    all_of: &'static [&'static [&'static str]],
    sums: bool,
    says: fn(usize, f64) -> String,
}

const ONE: &[&str] = &["一", "一（一）", "一（二）", "一（三）", "一（四）", "一（五）"];

/// The counts the office's county text usually states, as data.
const COUNT_RULES: &[CountRule] = &[
    CountRule {
        parts: ONE, all_of: &[&["培训"]], sums: false, says: |n, _| format!("{n}个单位开展了政务公开培训。")
    },
    CountRule {
        parts: &["六"],
        all_of: &[&["未收取", "信息处理费"], &["没有收取", "信息处理费"], &["不收取", "信息处理费"]],
        sums: false,
        says: |n, _| format!("{n}个单位未收取信息处理费。"),
    },
    CountRule {
        parts: &["六"],
        all_of: &[&["建议"], &["提案"]],
        sums: true,
        says: |n, m| {
            format!("{n}个单位报告了人大代表建议和政协提案办理结果公开情况，共{}件。", crate::text::fmt_num(m))
        },
    },
];

/// The counted sentences for the part `key` of the county's report of `year`.
pub fn counted(store: &Store, year: i32, key: &str) -> Result<Vec<Counted>> {
    let mut out = Vec::new();
    for rule in COUNT_RULES.iter().filter(|r| r.parts.contains(&key)) {
        let mut agencies = Vec::new();
        let mut total = 0.0;
        for s in in_order(store, year)? {
            let mut said = false;
            for part in rule.parts {
                let text = store.section(s.agency.id, year, part)?.map(|r| r.text).unwrap_or_default();
                for sentence in sentences(&text) {
                    if rule.all_of.iter().any(|words| words.iter().all(|w| sentence.contains(w))) {
                        said = true;
                        if rule.sums {
                            total +=
                                figures_in(&sentence).iter().filter(|(_, u)| *u == "件").map(|(v, _)| v).sum::<f64>();
                        }
                    }
                }
            }
            if said {
                agencies.push(s.agency.name.clone());
            }
        }
        if !agencies.is_empty() {
            out.push(Counted { sentence: (rule.says)(agencies.len(), total), agencies });
        }
    }
    Ok(out)
}

/// The counted sentences of every part that the county's text of `year` holds as they were
/// offered, with the agencies behind each: what the county draft's annex lists.
pub fn counted_kept(store: &Store, year: i32) -> Result<Vec<Counted>> {
    let mut out: Vec<Counted> = Vec::new();
    for def in crate::forms::sections::SECTIONS.iter().filter(|d| d.table.is_none()) {
        let text = store.section(super::COUNTY_ID, year, def.key)?.map(|r| r.text).unwrap_or_default();
        let plain = crate::text::norm(&text);
        for c in counted(store, year, def.key)? {
            let said = crate::text::norm(&c.sentence);
            if plain.contains(said.trim_end_matches('。')) && !out.iter().any(|x| x.sentence == c.sentence) {
                out.push(c);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each state says the code its JSON and the app carry, and its own label.
    #[test]
    fn a_source_state_says_its_code_and_label() {
        for (state, code, label) in [
            (SourceState::Final, "final", "已定稿"),
            (SourceState::Draft, "draft", "草稿"),
            (SourceState::Missing, "missing", "未交"),
        ] {
            assert_eq!(state.code(), code);
            assert_eq!(serde_json::to_value(state).unwrap(), serde_json::json!(code));
            assert_eq!(state.label(), label);
        }
    }

    /// A sentence is four characters of words or more: spaces and ASCII marks do not count.
    #[test]
    fn sentences_count_words_not_marks() {
        assert!(sentences("ab !!\n").is_empty());
        assert_eq!(sentences("全年公开信息。好的。"), ["全年公开信息。"]);
    }

    /// A number is a figure with its unit; a number ending the text has none; thousands separated.
    #[test]
    fn figures_are_numbers_with_their_units() {
        assert!(figures_in("全年共12").is_empty());
        assert_eq!(figures_in("收到申请1,234件"), [(1234.0, "件")]);
    }

    /// A sentence of 五 with both a problem's and a measure's words goes by where it stands; one with
    /// neither, by its length (more than 12 characters); a list of marks is no sentence.
    #[test]
    fn part_five_sentences_by_their_words_their_place_and_their_length() {
        assert_eq!(five_kind("针对存在的问题，下一步将加强培训工作。", true), Some(true));
        assert_eq!(five_kind("针对存在的问题，下一步将加强培训工作。", false), Some(false));
        assert_eq!(five_kind("全年共开展专项检查活动十五次", false), Some(false), "14 characters");
        assert_eq!(five_kind("全年共开展专项检查十五次", true), None, "12 characters");
        assert_eq!(five_kind("好，好，好，好，好，好，好。", true), None, "marks are no words");
    }
}
