//! The pipeline's shared types. Every stage (import → checks → store → merge → report → export)
//! depends on this module and none owns it, so data flows one way: a later stage reads what an
//! earlier one made without reaching back into it.
//!
//! Domain values are enums, never strings spelled in several places. Each serialises as a short
//! stable code (what other tools, the database and the UI's types see) and has a `label()`: the
//! words the office reads. With the `ts` feature (the desktop shell turns it on) they derive
//! ts-rs's `TS`, so the front end's types are unions generated from these enums.

pub use crate::forms::indicators::IndicatorTable;
pub use crate::forms::{Format, Table};
use serde::{Deserialize, Serialize};

/// Attributes shared by every enum and struct exported to the front end.
macro_rules! exported {
    ($item:item) => {
        #[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export_to = "../../ui/src/bindings/"))]
        $item
    };
}

// ---------------------------------------------------------------------------------------------
// Figures and returns

/// One figure of a return, stored as typed, with where it came from.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Figure {
    pub id: String,
    /// The value as the office means it; None when the cell holds text that is no number.
    pub value: Option<f64>,
    /// The cell as typed ("" for a blank cell, "无", "3件", "=SUM(D4:I4)").
    pub raw: String,
    /// The sheet of a workbook, or "表格 2" for the second table of a document.
    pub sheet: String,
    /// The cell reference, e.g. "J6" (in a document table: column letter, row number).
    pub cell: String,
}

exported! {
/// What kind of file a return was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// An Excel return (.xlsx, .xlsm, legacy .xls).
    #[default]
    Workbook,
    /// The report itself as a Word document (.docx, from Word or WPS).
    Word,
    /// The report as a page saved from a portal (.html, .htm).
    WebPage,
}
}

impl SourceKind {
    pub fn label(self) -> &'static str {
        match self {
            SourceKind::Workbook => "Excel 报表",
            SourceKind::Word => "Word 报告",
            SourceKind::WebPage => "网页报告",
        }
    }
    pub fn is_document(self) -> bool {
        self != SourceKind::Workbook
    }
}

/// A section of the report found in a document: its key in the report model ("一（二）"), its
/// body without the heading, and where in the file it stood.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DocSection {
    /// A key of the report model's sections (`report::SECTIONS`).
    pub key: String,
    pub text: String,
    /// "第 12–18 段": the paragraphs of the document the text came from.
    pub place: String,
}

/// What a document says besides its tables: its title and its sections in the order they stand.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Document {
    /// The title as the document prints it (the lines before the first section, joined).
    pub title: String,
    /// The preamble: text after the title and before 一、 (where 统计期限 usually is).
    pub preamble: String,
    pub sections: Vec<DocSection>,
    /// Every part's key in the order its heading stands, tables (二 三 四) included.
    pub headings: Vec<String>,
    /// Tables whose figures are pictures (an image where a table should be).
    pub pictures: usize,
    /// The 落款 at the end: the agency's name as it signs the report ("" when it does not sign).
    #[serde(default)]
    pub signed_by: String,
    /// The 落款's date as written ("2024年1月25日"; "" when none).
    #[serde(default)]
    pub signed_on: String,
}

impl Document {
    /// A document as the store keeps it (JSON); None for text this program cannot read.
    pub fn from_json(s: &str) -> Option<Document> {
        serde_json::from_str(s).ok()
    }
    pub fn section(&self, key: &str) -> Option<&DocSection> {
        self.sections.iter().find(|s| s.key == key)
    }
    /// Every word of the document outside its tables, for the review rules.
    pub fn full_text(&self) -> String {
        let mut t = format!("{}\n{}", self.title, self.preamble);
        for s in &self.sections {
            t.push('\n');
            t.push_str(&s.text);
        }
        t
    }
}

/// A return read from a file, before it is stored: a workbook's figures, or a report document's
/// tables and text.
#[derive(Debug, Clone, Serialize)]
pub struct Return {
    /// The file name as the office received it.
    pub file: String,
    pub agency: Option<String>,
    pub year: Option<i32>,
    pub format: Format,
    pub tables: Vec<Table>,
    pub figures: Vec<Figure>,
    pub source: SourceKind,
    /// The report's text, when the file is a report document.
    pub document: Option<Document>,
    /// The 统计表 indicator table of the return's year (None: the national one).
    #[serde(skip)]
    pub indicators: Option<std::sync::Arc<IndicatorTable>>,
    /// 统计表 rows with a value that are no indicator: reported by the checks, never dropped quietly.
    #[serde(skip)]
    pub unplaced: Vec<UnplacedRow>,
    /// Indicators filled that the year's table lacks (the national ones kept under their ids).
    #[serde(skip)]
    pub not_in_table: Vec<String>,
}

/// A 统计表 row that is no indicator of the year's table: where it stands and what it says.
#[derive(Debug, Clone, PartialEq)]
pub struct UnplacedRow {
    pub sheet: String,
    pub cell: String,
    pub label: String,
    pub raw: String,
}

impl Return {
    pub fn value(&self, id: &str) -> Option<f64> {
        self.figures.iter().find(|f| f.id == id).and_then(|f| f.value)
    }
    pub fn figure(&self, id: &str) -> Option<&Figure> {
        self.figures.iter().find(|f| f.id == id)
    }
    pub fn has_table(&self, t: Table) -> bool {
        self.tables.contains(&t)
    }
    /// The 统计表 indicator table the return's figures follow.
    pub fn indicator_table(&self) -> &IndicatorTable {
        self.indicators.as_deref().unwrap_or_else(|| crate::forms::indicators::national())
    }
    /// How a finding names a figure to a person: "表三“（一）予以公开”行“自然人”列", or
    /// "统计表“政务微博数”" for an indicator of the year's table.
    pub fn describe(&self, id: &str) -> String {
        match crate::forms::def(id, self.format) {
            Some(d) if d.table != Table::Stats => d.describe(),
            _ => match self.indicator_table().get(id).or_else(|| crate::forms::indicators::national().get(id)) {
                Some(i) => format!("统计表“{}”", i.label),
                None => id.to_string(),
            },
        }
    }
    /// May the figure have decimals (万元)?
    pub fn allows_decimals(&self, id: &str) -> bool {
        crate::forms::decimals_in(id, self.format, self.indicator_table())
    }
}

// ---------------------------------------------------------------------------------------------
// Findings

exported! {
/// The rules a return is checked by. The codes are FORMS.md's names (other tools read them);
/// `label()` is the rule as the office reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Rule {
    /// Table 三: in every row, 总计 = the six applicant columns.
    #[serde(rename = "row total")]
    RowTotal,
    /// Table 三: in every column, （七）总计 = the result rows.
    #[serde(rename = "results total")]
    ResultsTotal,
    /// Table 三: 一 + 二 = 三 + 四.
    #[serde(rename = "balance")]
    Balance,
    /// Table 四: 总计 = 维持 + 纠正 + 其他 + 尚未审结.
    #[serde(rename = "review total")]
    ReviewTotal,
    /// 统计表: totals and their parts, 其中 not above its whole.
    #[serde(rename = "parts of a whole")]
    Parts,
    /// This year's 上年结转 = last year's 结转下年度.
    #[serde(rename = "carried from last year")]
    Carried,
    /// Counts are whole numbers ≥ 0.
    #[serde(rename = "whole numbers")]
    Whole,
    /// A cell holds text that is no number (见附件): stored as typed, reported.
    #[serde(rename = "unreadable")]
    Unreadable,
    /// A table of the report is not in the return at all.
    #[serde(rename = "missing table")]
    Missing,
    /// A 2021 report on the 2019 form, or the other way round.
    #[serde(rename = "format for year")]
    FormatYear,
    /// The report's words say other than its tables.
    #[serde(rename = "text and figures")]
    TextFigures,
    /// The Excel return and the report document's tables of one agency and year differ.
    #[serde(rename = "return and document")]
    ReturnDocument,
    /// A part of the report is missing from the document or out of the format's order.
    #[serde(rename = "report parts")]
    ReportParts,
    /// The 统计期限 sentence is missing or names another year.
    #[serde(rename = "reporting period")]
    ReportingPeriod,
    /// The title does not name the agency and the year.
    #[serde(rename = "report title")]
    ReportTitle,
    /// A statement the figures call for is absent (no word on 收费, on 复议/诉讼 …).
    #[serde(rename = "required statement")]
    RequiredStatement,
    /// A 统计表 row with a value that is no indicator of the year's table: reported with its cell.
    #[serde(rename = "unplaced row")]
    Unplaced,
    /// An indicator the return fills that the year's indicator table lacks: kept, and said.
    #[serde(rename = "not in this year's table")]
    NotInTable,
}
}

impl Rule {
    pub const ALL: &'static [Rule] = &[
        Rule::RowTotal,
        Rule::ResultsTotal,
        Rule::Balance,
        Rule::ReviewTotal,
        Rule::Parts,
        Rule::Carried,
        Rule::Whole,
        Rule::Unreadable,
        Rule::Missing,
        Rule::FormatYear,
        Rule::TextFigures,
        Rule::ReturnDocument,
        Rule::ReportParts,
        Rule::ReportingPeriod,
        Rule::ReportTitle,
        Rule::RequiredStatement,
        Rule::Unplaced,
        Rule::NotInTable,
    ];

    /// The code FORMS.md and the database use ("row total").
    pub fn id(self) -> &'static str {
        match self {
            Rule::RowTotal => "row total",
            Rule::ResultsTotal => "results total",
            Rule::Balance => "balance",
            Rule::ReviewTotal => "review total",
            Rule::Parts => "parts of a whole",
            Rule::Carried => "carried from last year",
            Rule::Whole => "whole numbers",
            Rule::Unreadable => "unreadable",
            Rule::Missing => "missing table",
            Rule::FormatYear => "format for year",
            Rule::TextFigures => "text and figures",
            Rule::ReturnDocument => "return and document",
            Rule::ReportParts => "report parts",
            Rule::ReportingPeriod => "reporting period",
            Rule::ReportTitle => "report title",
            Rule::RequiredStatement => "required statement",
            Rule::Unplaced => "unplaced row",
            Rule::NotInTable => "not in this year's table",
        }
    }

    pub fn from_id(s: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.id() == s)
    }

    /// Rules about a report document's words rather than its tables' arithmetic.
    pub fn is_about_document(self) -> bool {
        matches!(
            self,
            Rule::TextFigures
                | Rule::ReturnDocument
                | Rule::ReportParts
                | Rule::ReportingPeriod
                | Rule::ReportTitle
                | Rule::RequiredStatement
        )
    }

    /// The rule as the office reads it.
    pub fn label(self) -> &'static str {
        match self {
            Rule::RowTotal => "行合计",
            Rule::ResultsTotal => "办理结果合计",
            Rule::Balance => "一加二等于三加四",
            Rule::ReviewTotal => "复议诉讼合计",
            Rule::Parts => "分项之和",
            Rule::Carried => "上年结转衔接",
            Rule::Whole => "整数",
            Rule::Unreadable => "不是数字",
            Rule::Missing => "缺少表格",
            Rule::FormatYear => "格式与年度不符",
            Rule::TextFigures => "文字与数据不符",
            Rule::ReturnDocument => "报表与报告不一致",
            Rule::ReportParts => "报告结构",
            Rule::ReportingPeriod => "统计期限",
            Rule::ReportTitle => "报告标题",
            Rule::RequiredStatement => "应有的说明",
            Rule::Unplaced => "未能归入的行",
            Rule::NotInTable => "不在本年指标表",
        }
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// What a check found: the rule, every figure involved, where they stand, and one plain message.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Finding {
    pub rule: Rule,
    /// Every figure id involved, the one that is off first.
    pub cells: Vec<String>,
    /// Where those figures stand in the return ("依申请公开!J6"), in the same order.
    #[serde(skip)]
    pub refs: Vec<String>,
    pub message: String,
}

// ---------------------------------------------------------------------------------------------
// The roster

exported! {
/// The two kinds of agency in a county's roster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    /// 部门: the county government's departments.
    Department,
    /// 乡镇/街道: towns, townships and 街道办事处.
    Township,
}
}

impl AgencyKind {
    pub const ALL: &'static [AgencyKind] = &[AgencyKind::Department, AgencyKind::Township];

    pub fn label(self) -> &'static str {
        match self {
            AgencyKind::Department => "部门",
            AgencyKind::Township => "乡镇/街道",
        }
    }
    /// The code the database and the UI's types keep ("department", "township").
    pub fn code(self) -> &'static str {
        match self {
            AgencyKind::Department => "department",
            AgencyKind::Township => "township",
        }
    }
    /// The kind a stored code names; anything else is no kind (never a default).
    pub fn from_code(s: &str) -> Option<AgencyKind> {
        AgencyKind::ALL.iter().copied().find(|k| k.code() == s)
    }
    /// What a roster sheet or a user writes: 部门, 乡镇, 街道, or the code.
    pub fn parse(s: &str) -> Option<AgencyKind> {
        let s = crate::text::norm(s);
        if s == "township" || s.contains("乡") || s.contains("镇") || s.contains("街道") {
            Some(AgencyKind::Township)
        } else if s == "department" || s.contains("部门") || s == "单位" || s == "机关" {
            Some(AgencyKind::Department)
        } else {
            None
        }
    }
    /// The kind an agency's name suggests: 悦庄镇人民政府 and 城关街道办事处 are 乡镇/街道.
    pub fn guess(name: &str) -> AgencyKind {
        let n = crate::text::norm(name);
        let town = n.ends_with('镇')
            || n.ends_with('乡')
            || n.contains("镇人民政府")
            || n.contains("乡人民政府")
            || n.contains("街道");
        if town {
            AgencyKind::Township
        } else {
            AgencyKind::Department
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Agency {
    pub id: i64,
    pub name: String,
    pub kind: AgencyKind,
    pub retired: bool,
    /// 联系人 and 电话: who to call when the return is missing or has findings.
    pub contact: String,
    pub phone: String,
}

// ---------------------------------------------------------------------------------------------
// Reports and their sections

exported! {
/// Where a narrative section of a report stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionState {
    /// 待撰写: nothing written yet.
    Todo,
    /// 草稿: written (or imported from the agency's document), not yet settled.
    Draft,
    /// 已定稿: settled by the office.
    Final,
}
}

impl SectionState {
    pub const ALL: &'static [SectionState] = &[SectionState::Todo, SectionState::Draft, SectionState::Final];

    pub fn label(self) -> &'static str {
        match self {
            SectionState::Todo => "待撰写",
            SectionState::Draft => "草稿",
            SectionState::Final => "已定稿",
        }
    }
    /// The label (as the database and the command line have it) or the code.
    pub fn parse(s: &str) -> Option<SectionState> {
        let s = s.trim();
        SectionState::ALL.iter().copied().find(|x| x.label() == s || x.code() == s)
    }
    /// The state a stored code names; anything else is no state (never a default).
    pub fn from_code(s: &str) -> Option<SectionState> {
        SectionState::ALL.iter().copied().find(|x| x.code() == s)
    }
    pub fn code(self) -> &'static str {
        match self {
            SectionState::Todo => "todo",
            SectionState::Draft => "draft",
            SectionState::Final => "final",
        }
    }
}

exported! {
/// Who a report is of: the county's own, compiled from every agency, or one agency's.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "of", content = "name", rename_all = "snake_case")]
pub enum ReportOf {
    County,
    Agency(String),
}
}

impl ReportOf {
    /// The name of the county's row in lists and the word the command line accepts for it.
    pub const COUNTY_LABEL: &'static str = "全县";

    /// What a user typed: "全县" or nothing means the county, anything else an agency.
    pub fn parse(name: Option<&str>) -> ReportOf {
        match name.map(str::trim) {
            None | Some("") => ReportOf::County,
            Some(n) if n == Self::COUNTY_LABEL => ReportOf::County,
            Some(n) => ReportOf::Agency(n.to_string()),
        }
    }
    pub fn agency(&self) -> Option<&str> {
        match self {
            ReportOf::County => None,
            ReportOf::Agency(n) => Some(n),
        }
    }
    /// The name shown in lists: the agency's, or 全县.
    pub fn label(&self) -> &str {
        self.agency().unwrap_or(Self::COUNTY_LABEL)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for r in Rule::ALL {
            assert_eq!(Rule::from_id(r.id()), Some(*r));
            assert_eq!(serde_json::to_value(r).unwrap(), serde_json::json!(r.id()));
        }
        for s in SectionState::ALL {
            assert_eq!(SectionState::parse(s.label()), Some(*s));
            assert_eq!(SectionState::parse(s.code()), Some(*s));
        }
        assert_eq!(ReportOf::parse(Some("全县")), ReportOf::County);
        assert_eq!(ReportOf::parse(None), ReportOf::County);
        assert_eq!(ReportOf::parse(Some("泗水县商务局")).agency(), Some("泗水县商务局"));
        assert_eq!(AgencyKind::guess("沂源县悦庄镇人民政府"), AgencyKind::Township);
        assert_eq!(AgencyKind::parse("部门"), Some(AgencyKind::Department));
    }
}

exported! {
/// How the agency a file names was found in the roster, as the import preview shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// The roster's own name (written the same once spaces and full-width forms are set aside).
    Exact,
    /// A name the office assigned to a roster entry before (the table `agency_aliases`).
    Alias,
    /// A close name: the roster's one entry that ends with it or that it ends with
    /// ("县司法局" → "示范县司法局"). The app asks before storing it.
    Close,
    /// In no roster entry: the agency is added when the file is imported.
    New,
    /// A name of another county, city or district than the office's own: held, never added or
    /// counted, until the office assigns it.
    OtherCounty,
}
}

impl MatchKind {
    pub const ALL: &'static [MatchKind] =
        &[MatchKind::Exact, MatchKind::Alias, MatchKind::Close, MatchKind::New, MatchKind::OtherCounty];

    pub fn code(self) -> &'static str {
        match self {
            MatchKind::Exact => "exact",
            MatchKind::Alias => "alias",
            MatchKind::Close => "close",
            MatchKind::New => "new",
            MatchKind::OtherCounty => "other_county",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            MatchKind::Exact => "名册中的单位",
            MatchKind::Alias => "按别名对应",
            MatchKind::Close => "按相近名称对应",
            MatchKind::New => "不在名册中，将新增",
            MatchKind::OtherCounty => "属于其他县",
        }
    }
}

/// One thing the office reads about, with the one word every screen, export and message uses for
/// it, and the words once used for it that must not come back (a test reads the UI's and the
/// engine's sources for them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Term {
    pub key: &'static str,
    pub word: &'static str,
    pub not: &'static [&'static str],
}

/// The vocabulary: one word for one thing.
pub const TERMS: &[Term] = &[
    Term { key: "sections_todo", word: "待完成章节", not: &["待写章节"] },
    Term { key: "unchanged", word: "未变化", not: &["无变化", "内容相同，跳过"] },
    Term { key: "held", word: "属于其他县", not: &["外县单位"] },
    Term { key: "refused", word: "拒收", not: &["被拒绝", "导入失败"] },
    Term { key: "findings", word: "问题", not: &["错误项", "疑点"] },
    Term { key: "removed", word: "已撤销", not: &["已删除报表"] },
];
