//! The 政府信息公开情况统计表 as data: its sections and indicators, the words that recognise each
//! row, units, whether decimals are allowed, and which indicators are parts of which whole. The
//! national table (../shared/FORMS.md) is the default; an office whose city or province asks for
//! other indicators defines its own, kept in the database by year. The importer, the checks, the
//! template, the standard tables, the summary and the county sums all follow the year's table.

use crate::text::Hay;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, LazyLock};

/// The definition workbook the office edits: its sheets and columns (header, width), written by
/// `export::indicators` and read by `import::indicators`.
pub const SECTIONS_SHEET: &str = "栏目";
pub const INDICATORS_SHEET: &str = "指标";
pub const SECTION_COLS: [(&str, f64); 3] = [("序号", 6.0), ("栏目名称", 50.0), ("识别词", 30.0)];
pub const INDICATOR_COLS: [(&str, f64); 11] = [
    ("代码", 30.0),
    ("所在栏目", 8.0),
    ("指标名称", 44.0),
    ("识别词", 26.0),
    ("排除词", 16.0),
    ("单位", 6.0),
    ("允许小数", 8.0),
    ("属于（总数代码）", 28.0),
    ("等于各部分之和", 12.0),
    ("栏目标题行的数", 12.0),
    ("上方小标题", 30.0),
];

static NATIONAL: LazyLock<IndicatorTable> = LazyLock::new(IndicatorTable::national);

/// The national table, built once.
pub fn national() -> &'static IndicatorTable {
    &NATIONAL
}

/// The office's indicator tables by the year from which each applies; a year before all of them
/// (or a database with none) follows the national table.
#[derive(Debug, Clone, Default)]
pub struct IndicatorBook {
    versions: Vec<(i32, Arc<IndicatorTable>)>,
}

impl IndicatorBook {
    pub fn new(mut versions: Vec<(i32, IndicatorTable)>) -> IndicatorBook {
        versions.sort_by_key(|(y, _)| *y);
        IndicatorBook { versions: versions.into_iter().map(|(y, t)| (y, Arc::new(t))).collect() }
    }
    /// The table a year follows: None for the national one.
    pub fn for_year(&self, year: i32) -> Option<Arc<IndicatorTable>> {
        self.versions.iter().rev().find(|(y, _)| *y <= year).map(|(_, t)| t.clone())
    }
}

/// A section of the table ("一、主动公开情况"), recognised by its number or its words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export_to = "../../ui/src/bindings/"))]
pub struct IndicatorSection {
    /// As printed: "一、主动公开情况".
    pub title: String,
    /// Words that mark an unnumbered row as this section's heading; "a|b" means either.
    pub words: Vec<String>,
}

/// One indicator (one row of the table).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export_to = "../../ui/src/bindings/"))]
pub struct Indicator {
    /// Stable id: "stats.active.total" for the national ones, "stats.x.…" for the office's own.
    pub id: String,
    /// As printed: "（一）主动公开政府信息数".
    pub label: String,
    /// Words a row's label must all hold to be this indicator; "a|b" means either.
    pub words: Vec<String>,
    /// Words that rule this indicator out ("其中" for a whole whose part is the 其中 row).
    #[serde(default)]
    pub except: Vec<String>,
    pub unit: String,
    /// 1-based index into the table's sections.
    pub section: u32,
    /// Sums of money (万元) may have decimals; counts are whole numbers.
    #[serde(default)]
    pub decimals: bool,
    /// The whole this indicator is a part of (never above it).
    #[serde(default)]
    pub part_of: Option<String>,
    /// The whole is exactly the sum of its parts (otherwise they are only 其中, never above it).
    #[serde(default)]
    pub sum_of_parts: bool,
    /// The section's heading row itself carries this indicator's value ("三、开通…网站数  3").
    #[serde(default)]
    pub heading: bool,
    /// A sub-heading printed on its own row above this indicator
    /// ("（二）通过不同渠道和方式公开政府信息的情况").
    #[serde(default)]
    pub before: Option<String>,
}

/// An indicator the office adds: what it types; the id and, where none are given, the words that
/// recognise the row are made from it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export_to = "../../ui/src/bindings/"))]
pub struct NewIndicator {
    pub section: u32,
    /// As printed: "（三）政务新媒体发布信息数".
    pub label: String,
    /// Words a row must hold, as typed ("政务新媒体、发布"); empty: the label without its numbering.
    pub words: String,
    pub unit: String,
    pub decimals: bool,
    pub part_of: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export_to = "../../ui/src/bindings/"))]
pub struct IndicatorTable {
    pub sections: Vec<IndicatorSection>,
    pub indicators: Vec<Indicator>,
}

fn w(s: &[&str]) -> Vec<String> {
    s.iter().map(|x| x.to_string()).collect()
}

impl IndicatorTable {
    /// The national table of FORMS.md, with the words its rows are recognised by.
    #[expect(
        clippy::too_many_lines,
        reason = "it is data: one line an indicator in the table's order, read against FORMS.md"
    )]
    pub fn national() -> IndicatorTable {
        let sections = [
            ("一、主动公开情况", &["主动公开情况"][..]),
            ("二、回应解读情况", &["回应解读情况"][..]),
            ("三、开通政府信息公开网站（或设立门户网站信息公开专栏）数", &["信息公开网站|信息公开专栏"][..]),
            ("四、设置政府信息查阅点数", &["设置政府信息查阅点|查阅点数"][..]),
            ("五、查阅点接待人数", &["接待人数"][..]),
            ("六、机构建设和保障经费情况", &["机构建设|保障经费"][..]),
            ("七、政府信息公开会议和培训情况", &["会议和培训"][..]),
        ]
        .iter()
        .map(|(t, words)| IndicatorSection { title: t.to_string(), words: w(words) })
        .collect();
        // (id, words, except, section, part_of, sum_of_parts, heading)
        type Row =
            (&'static str, &'static [&'static str], &'static [&'static str], u32, Option<&'static str>, bool, bool);
        let leaders = &["其中|主要负责"][..];
        let rows: &[Row] = &[
            ("stats.active.total", &["主动公开政府信息数|主动公开信息数"], &["其中"], 1, None, false, false),
            ("stats.active.normative", &["其中", "规范性文件"], &[], 1, Some("stats.active.total"), false, false),
            ("stats.active.normative_issued", &["制发规范性文件|规范性文件总数"], &["其中"], 1, None, false, false),
            ("stats.channel.gazette", &["政府公报"], &[], 1, None, false, false),
            ("stats.channel.website", &["政府网站"], &[], 1, None, false, false),
            ("stats.channel.weibo", &["微博"], &[], 1, None, false, false),
            ("stats.channel.wechat", &["微信"], &[], 1, None, false, false),
            ("stats.channel.other", &["其他方式"], &[], 1, None, false, false),
            ("stats.response.hotspots", &["热点|舆情"], &[], 2, None, false, false),
            ("stats.response.press", &["新闻发布会"], leaders, 2, None, false, false),
            (
                "stats.response.press_leaders",
                &["新闻发布会", "其中|主要负责"],
                &[],
                2,
                Some("stats.response.press"),
                false,
                false,
            ),
            ("stats.response.interviews", &["在线访谈"], leaders, 2, None, false, false),
            (
                "stats.response.interviews_leaders",
                &["在线访谈", "其中|主要负责"],
                &[],
                2,
                Some("stats.response.interviews"),
                false,
                false,
            ),
            ("stats.response.interpretations", &["解读稿件|政策解读"], &[], 2, None, false, false),
            ("stats.response.social", &["微博|微信"], &[], 2, None, false, false),
            ("stats.response.other", &["其他方式"], &[], 2, None, false, false),
            ("stats.websites.total", &[], &[], 3, None, true, true),
            ("stats.websites.city", &["市"], &["县", "乡镇", "街道"], 3, Some("stats.websites.total"), false, false),
            ("stats.websites.county", &["县"], &["乡镇", "街道"], 3, Some("stats.websites.total"), false, false),
            ("stats.websites.township", &["乡镇|街道"], &[], 3, Some("stats.websites.total"), false, false),
            ("stats.reading_points.total", &[], &[], 4, None, true, true),
            (
                "stats.reading_points.city",
                &["市"],
                &["县", "乡镇", "街道"],
                4,
                Some("stats.reading_points.total"),
                false,
                false,
            ),
            (
                "stats.reading_points.county",
                &["县"],
                &["乡镇", "街道"],
                4,
                Some("stats.reading_points.total"),
                false,
                false,
            ),
            ("stats.reading_points.township", &["乡镇|街道"], &[], 4, Some("stats.reading_points.total"), false, false),
            ("stats.visitors.total", &[], &[], 5, None, true, true),
            ("stats.visitors.city", &["市"], &["县", "乡镇", "街道"], 5, Some("stats.visitors.total"), false, false),
            ("stats.visitors.county", &["县"], &["乡镇", "街道"], 5, Some("stats.visitors.total"), false, false),
            ("stats.visitors.township", &["乡镇|街道"], &[], 5, Some("stats.visitors.total"), false, false),
            ("stats.staffing.offices", &["专门机构"], &[], 6, None, false, false),
            ("stats.staffing.staff", &["工作人员|人员数"], &["专职", "兼职"], 6, None, true, false),
            ("stats.staffing.full_time", &["专职"], &[], 6, Some("stats.staffing.staff"), false, false),
            ("stats.staffing.part_time", &["兼职"], &[], 6, Some("stats.staffing.staff"), false, false),
            ("stats.staffing.budget", &["经费"], &["保障经费情况"], 6, None, false, false),
            ("stats.training.meetings", &["会议"], &["会议和培训"], 7, None, false, false),
            ("stats.training.courses", &["培训班"], &[], 7, None, false, false),
            ("stats.training.trainees", &["培训人员|接受培训"], &[], 7, None, false, false),
        ];
        let indicators = rows
            .iter()
            .map(|(id, words, except, section, part_of, sum_of_parts, heading)| {
                let (_, label, unit) = super::STATS_ROWS.iter().find(|r| r.0 == *id).expect("every national row");
                Indicator {
                    id: id.to_string(),
                    label: label.to_string(),
                    words: w(words),
                    except: w(except),
                    unit: unit.to_string(),
                    section: *section,
                    decimals: super::MONEY.contains(id),
                    part_of: part_of.map(str::to_string),
                    sum_of_parts: *sum_of_parts,
                    heading: *heading,
                    before: match *id {
                        "stats.channel.gazette" => Some("（二）通过不同渠道和方式公开政府信息的情况".into()),
                        "stats.response.press" => Some("（二）通过不同渠道和方式回应解读的情况".into()),
                        _ => None,
                    },
                }
            })
            .collect();
        IndicatorTable { sections, indicators }
    }

    /// The table with `new` added after the last indicator of its section, under a fresh id
    /// ("stats.x.1", "stats.x.2" …); one Chinese sentence when it cannot be added.
    pub fn with_added(&self, new: &NewIndicator) -> Result<(IndicatorTable, String), String> {
        let label = crate::text::one_line(&new.label);
        if label.is_empty() {
            return Err("请填写指标名称。".into());
        }
        if new.section == 0 || new.section as usize > self.sections.len() {
            return Err(format!("第 {} 栏不存在。", new.section));
        }
        let words = word_list(&new.words);
        let words = if words.is_empty() {
            vec![crate::text::strip_numbering(&crate::text::norm(&label)).to_string()]
        } else {
            words
        };
        let id = (1..).map(|n| format!("stats.x.{n}")).find(|id| self.get(id).is_none()).expect("a free id");
        let ind = Indicator {
            id: id.clone(),
            label,
            words,
            except: vec![],
            unit: crate::text::one_line(&new.unit),
            section: new.section,
            decimals: new.decimals,
            part_of: new.part_of.clone().filter(|p| !p.is_empty()),
            sum_of_parts: false,
            heading: false,
            before: None,
        };
        let mut t = self.clone();
        let at = t.indicators.iter().rposition(|i| i.section <= new.section).map(|i| i + 1).unwrap_or(0);
        t.indicators.insert(at, ind);
        match t.problem() {
            Some(p) => Err(p),
            None => Ok((t, id)),
        }
    }

    /// The table without an indicator; its parts, if it was a whole, stay as indicators of their own.
    pub fn without(&self, id: &str) -> IndicatorTable {
        let mut t = self.clone();
        t.indicators.retain(|i| i.id != id);
        for i in &mut t.indicators {
            if i.part_of.as_deref() == Some(id) {
                i.part_of = None;
            }
        }
        t
    }

    pub fn get(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// The parts of a whole, in the table's order.
    pub fn parts_of(&self, whole: &str) -> Vec<&Indicator> {
        self.indicators.iter().filter(|i| i.part_of.as_deref() == Some(whole)).collect()
    }

    /// The section a heading row names: by its number (一、), or, unnumbered, by its words.
    pub fn section_of_heading(&self, number: Option<u32>, label: &str) -> Option<u32> {
        if let Some(n) = number {
            return (n >= 1 && n as usize <= self.sections.len()).then_some(n);
        }
        let label = Hay::new(label);
        self.sections.iter().position(|s| !s.words.is_empty() && all_words(label, &s.words)).map(|i| i as u32 + 1)
    }

    /// The indicator a row is, among those of `section`: every word held, no excluded word, the
    /// one holding the most words winning (the 其中 row over its whole). A heading row is its
    /// section's heading indicator.
    pub fn match_row(&self, label: &str, section: u32, heading: bool) -> Option<&Indicator> {
        if heading {
            return self.indicators.iter().find(|i| i.section == section && i.heading);
        }
        let label = Hay::new(label);
        self.indicators
            .iter()
            .filter(|i| i.section == section && !i.heading && !i.words.is_empty())
            .filter(|i| all_words(label, &i.words) && !i.except.iter().any(|x| x.split('|').any(|x| label.has(x))))
            // Most words held, then the longest words (微博账号 over 账号数), then the first.
            .max_by_key(|i| (i.words.len(), matched_len(label, &i.words), std::cmp::Reverse(self.order(&i.id))))
    }

    /// Sections other than `section` where the row would be an indicator, nearest after it first.
    pub fn sections_matching(&self, label: &str, section: u32) -> Vec<u32> {
        let mut v: Vec<u32> = (1..=self.sections.len() as u32)
            .filter(|s| *s != section && self.match_row(label, *s, false).is_some())
            .collect();
        v.sort_by_key(|s| if *s > section { (0, *s) } else { (1, *s) });
        v
    }

    pub fn order(&self, id: &str) -> usize {
        self.indicators.iter().position(|i| i.id == id).unwrap_or(usize::MAX)
    }

    /// What is wrong with a table the office typed, in one Chinese sentence; None when it is sound.
    pub fn problem(&self) -> Option<String> {
        if self.indicators.is_empty() {
            return Some("指标表里没有任何指标。".into());
        }
        if self.sections.is_empty() {
            return Some("指标表里没有任何栏目。".into());
        }
        let mut seen = std::collections::HashSet::new();
        for i in &self.indicators {
            if i.label.trim().is_empty() {
                return Some(format!("指标“{}”没有名称。", i.id));
            }
            if !i.id.starts_with("stats.") || i.id.len() > 80 {
                return Some(format!("指标“{}”的代码“{}”不正确（应以 stats. 开头）。", i.label, i.id));
            }
            if !seen.insert(i.id.as_str()) {
                return Some(format!("指标代码“{}”重复。", i.id));
            }
            if i.section == 0 || i.section as usize > self.sections.len() {
                return Some(format!("指标“{}”所在的栏目（第 {} 栏）不存在。", i.label, i.section));
            }
            if !i.heading && i.words.iter().all(|w| w.trim().is_empty()) {
                return Some(format!("指标“{}”没有识别词，导入时无法认出这一行。", i.label));
            }
        }
        for i in &self.indicators {
            if let Some(p) = &i.part_of {
                match self.get(p) {
                    None => return Some(format!("指标“{}”所属的总数“{p}”不在表中。", i.label)),
                    Some(w) if w.id == i.id => return Some(format!("指标“{}”不能属于它自己。", i.label)),
                    Some(_) => {}
                }
            }
        }
        None
    }
}

/// A list of words as the office types it: separated by 、 , ， ; ；, blanks and invisible
/// characters dropped ("a|b" stays one entry: either word).
pub fn word_list(s: &str) -> Vec<String> {
    s.split(['、', ',', '，', ';', '；']).map(crate::text::one_line).filter(|w| !w.is_empty()).collect()
}

/// How many characters of `label` the words match: the more specific indicator wins a tie.
fn matched_len(label: Hay, words: &[String]) -> usize {
    words.iter().map(|w| w.split('|').filter(|x| label.has(x)).map(|x| x.chars().count()).max().unwrap_or(0)).sum()
}

/// Every entry of `words` ("a|b" = either) is in `label`.
fn all_words(label: Hay, words: &[String]) -> bool {
    words.iter().all(|w| w.split('|').filter(|x| !x.is_empty()).any(|x| label.has(x)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::norm;

    #[test]
    fn the_national_table_recognises_its_rows() {
        let t = IndicatorTable::national();
        assert_eq!(t.indicators.len(), super::super::STATS_ROWS.len());
        assert_eq!(t.problem(), None);
        let id = |l: &str, s: u32| t.match_row(&norm(l), s, false).map(|i| i.id.as_str());
        assert_eq!(id("（一）市政府部门", 4), Some("stats.reading_points.city"));
        assert_eq!(id("（二）县（市、区）政府及其部门", 3), Some("stats.websites.county"));
        assert_eq!(id("其中：主要负责同志参加新闻发布会次数", 2), Some("stats.response.press_leaders"));
        assert_eq!(id("1.参加或举办新闻发布会总次数", 2), Some("stats.response.press"));
        assert_eq!(id("其中：主动公开规范性文件数", 1), Some("stats.active.normative"));
        assert_eq!(id("（一）主动公开政府信息数", 1), Some("stats.active.total"));
        assert_eq!(id("1.专职人员数", 6), Some("stats.staffing.full_time"));
        assert_eq!(id("（二）从事政府信息公开工作人员数", 6), Some("stats.staffing.staff"));
        assert_eq!(t.section_of_heading(None, &norm("查阅点接待人数")), Some(5));
        assert_eq!(t.section_of_heading(None, &norm("设置政府信息查阅点数")), Some(4));
        assert_eq!(t.sections_matching(&norm("政府公报公开政府信息数"), 0), vec![1]);
    }
}
