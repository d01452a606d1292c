//! The sections of the report as the seeds have them: 一 with its five parts, the tables 二 三 四,
//! 五 and 六. The report model, the document reader, the review rules and every export read this list.

use super::Table;
use serde::Serialize;

/// One section of the report. The narrative ones are written by the office; 二 三 四 are tables
/// filled from the figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SectionDef {
    /// The key the store and the CLI use: "一（二）", "五".
    pub key: &'static str,
    /// The heading as the report prints it.
    pub title: &'static str,
    /// 1 for 一、 headings, 2 for （一） headings.
    pub level: u8,
    pub table: Option<Table>,
}

pub const SECTIONS: &[SectionDef] = &[
    SectionDef { key: "一", title: "一、总体情况", level: 1, table: None },
    SectionDef { key: "一（一）", title: "（一）主动公开", level: 2, table: None },
    SectionDef { key: "一（二）", title: "（二）依申请公开", level: 2, table: None },
    SectionDef { key: "一（三）", title: "（三）政府信息管理", level: 2, table: None },
    SectionDef { key: "一（四）", title: "（四）政府信息公开平台建设", level: 2, table: None },
    SectionDef { key: "一（五）", title: "（五）监督保障", level: 2, table: None },
    SectionDef { key: "二", title: "二、主动公开政府信息情况", level: 1, table: Some(Table::Active) },
    SectionDef {
        key: "三", title: "三、收到和处理政府信息公开申请情况", level: 1, table: Some(Table::Apply)
    },
    SectionDef {
        key: "四", title: "四、政府信息公开行政复议、行政诉讼情况", level: 1, table: Some(Table::Review)
    },
    SectionDef { key: "五", title: "五、存在的主要问题及改进情况", level: 1, table: None },
    SectionDef { key: "六", title: "六、其他需要报告的事项", level: 1, table: None },
];

/// The section a user means: "五", "5", "一（二）", "一(二)", "1.2", "（二）依申请公开".
pub fn section_def(s: &str) -> Option<&'static SectionDef> {
    let n = crate::text::norm(s);
    let digits = |d: &str| -> String {
        d.chars()
            .map(|c| match c.to_digit(10) {
                Some(k @ 1..=9) => "一二三四五六七八九".chars().nth(k as usize - 1).unwrap_or(c),
                _ => c,
            })
            .collect()
    };
    let short = match n.split_once('.') {
        Some((a, b)) if !a.is_empty() && b.chars().all(|c| c.is_ascii_digit()) && !b.is_empty() => {
            format!("{}({})", digits(a), digits(b))
        }
        _ => digits(&n),
    };
    SECTIONS.iter().find(|d| {
        let key = crate::text::norm(d.key);
        let title = crate::text::norm(d.title);
        key == short || key == n || title == n || (d.level == 1 && title.starts_with(&format!("{short}.")))
    })
}

/// Words that open the 统计期限 sentence, in every wording the reports use ("统计期限自…",
/// "所列数据统计期为…", "本报告采用数据为…", "所列数据截止日期为…").
pub const PERIOD_WORDS: &[&str] = &[
    "统计期限",
    "统计时限",
    "统计期间",
    "统计时间",
    "统计期为",
    "统计期是",
    "数据统计期",
    "采用数据",
    "使用数据",
    "所列数据截止",
    "数据截止",
    "数据截至",
    "统计截止",
    "统计截至",
];

/// The 统计期限 sentence of a text: the first that opens with one of [`PERIOD_WORDS`], or speaks of
/// the data up to a year's 12月31日.
pub fn period_sentence(text: &str) -> Option<&str> {
    text.split(['。', '\n'])
        .find(|s| PERIOD_WORDS.iter().any(|w| s.contains(w)) || (s.contains("数据") && s.contains("12月31日")))
}
