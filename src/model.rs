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

coded! {
/// What kind of file a return was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum SourceKind {
    /// An Excel return (.xlsx, .xlsm, legacy .xls, WPS .et, LibreOffice .ods).
    #[default]
    Workbook = "workbook" "Excel 报表",
    /// The report itself as a Word document (.docx, from Word or WPS; .odt from LibreOffice).
    Word = "word" "Word 报告",
    /// The report as a page saved from a portal (.html, .htm).
    WebPage = "web_page" "网页报告",
}
}

impl SourceKind {
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
    /// The names the report's own sources give (title, the page's title element, headings, the
    /// opening sentence, the 落款) when they disagree, the one taken first; empty when they agree.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agency_candidates: Vec<String>,
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

coded! {
/// The rules a return is checked by. The codes are FORMS.md's names (other tools read them);
/// the label is the rule as the office reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Rule {
    /// Table 三: in every row, 总计 = the six applicant columns.
    RowTotal = "row total" "行合计",
    /// Table 三: in every column, （七）总计 = the result rows.
    ResultsTotal = "results total" "办理结果合计",
    /// Table 三: 一 + 二 = 三 + 四.
    Balance = "balance" "一加二等于三加四",
    /// Table 四: 总计 = 维持 + 纠正 + 其他 + 尚未审结.
    ReviewTotal = "review total" "复议诉讼合计",
    /// 统计表: totals and their parts, 其中 not above its whole.
    Parts = "parts of a whole" "分项之和",
    /// This year's 上年结转 = last year's 结转下年度.
    Carried = "carried from last year" "上年结转衔接",
    /// Counts are whole numbers ≥ 0.
    Whole = "whole numbers" "整数",
    /// A cell holds text that is no number (见附件): stored as typed, reported.
    Unreadable = "unreadable" "不是数字",
    /// A table of the report is not in the return at all.
    Missing = "missing table" "缺少表格",
    /// A 2021 report on the 2019 form, or the other way round.
    FormatYear = "format for year" "格式与年度不符",
    /// The report's words say other than its tables.
    TextFigures = "text and figures" "文字与数据不符",
    /// The Excel return and the report document's tables of one agency and year differ.
    ReturnDocument = "return and document" "报表与报告不一致",
    /// A part of the report is missing from the document or out of the format's order.
    ReportParts = "report parts" "报告结构",
    /// The 统计期限 sentence is missing or names another year.
    ReportingPeriod = "reporting period" "统计期限",
    /// The title does not name the agency and the year.
    ReportTitle = "report title" "报告标题",
    /// A statement the figures call for is absent (no word on 收费, on 复议/诉讼 …).
    RequiredStatement = "required statement" "应有的说明",
    /// A 统计表 row with a value that is no indicator of the year's table: reported with its cell.
    Unplaced = "unplaced row" "未能归入的行",
    /// An indicator the return fills that the year's indicator table lacks: kept, and said.
    NotInTable = "not in this year's table" "不在本年指标表",
    /// A part's text is largely the agency's own last year's part.
    CopiedText = "copied text" "照搬上年",
    /// A part's text is largely another agency's same part of the same year.
    SameText = "same text" "与他单位雷同",
    /// A part longer than the limit the office set for it that year.
    Length = "length" "篇幅超限",
    /// 表二 现行有效件数 does not follow from last year's, this year's 制发 and 废止.
    ValidCarried = "valid count carried" "现行有效衔接",
    /// 五 is empty, says 无, or does not name both problems and improvements.
    PartFive = "part five" "问题与改进",
    /// A report for 2021 or later cites 国办公开办函〔2019〕60号 as its basis.
    OutdatedBasis = "outdated basis" "依据过时",
    /// Table cells left blank or filled with "/" where the form wants a number (read as 0).
    BlankCell = "blank cell" "空白单元格",
    /// A county agency reports 规章, which under the 立法法 it does not make.
    RulesMadeBy = "rules made by" "规章制定主体",
    /// The page the agency published differs from the version the office accepted.
    PublishedDiffers = "published differs" "公开版本不一致",
    /// The report was published after its 公开截止.
    PublishedLate = "published late" "逾期公开",
}
}

impl Rule {
    /// Rules about a report document's words rather than its tables' arithmetic.
    /// About what the agency published on its portal, not about the report it sent.
    pub fn is_about_publication(self) -> bool {
        matches!(self, Rule::PublishedDiffers | Rule::PublishedLate)
    }

    pub fn is_about_document(self) -> bool {
        matches!(
            self,
            Rule::TextFigures
                | Rule::ReturnDocument
                | Rule::ReportParts
                | Rule::ReportingPeriod
                | Rule::ReportTitle
                | Rule::RequiredStatement
                | Rule::CopiedText
                | Rule::SameText
                | Rule::Length
                | Rule::PartFive
                | Rule::OutdatedBasis
        )
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
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

impl Finding {
    /// A finding about a report as a whole or one of its parts: no cell to name.
    pub fn about(rule: Rule, message: String) -> Finding {
        Finding { rule, cells: vec![], refs: vec![], message }
    }
}

// ---------------------------------------------------------------------------------------------
// The roster

coded! {
/// The two kinds of agency in a county's roster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AgencyKind {
    /// 部门: the county government's departments.
    Department = "department" "部门",
    /// 乡镇/街道: towns, townships and 街道办事处.
    Township = "township" "乡镇/街道",
}
}

impl AgencyKind {
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

coded! {
/// Where a narrative section of a report stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SectionState {
    /// 待撰写: nothing written yet.
    Todo = "todo" "待撰写",
    /// 草稿: written (or imported from the agency's document), not yet settled.
    Draft = "draft" "草稿",
    /// 已定稿: settled by the office.
    Final = "final" "已定稿",
}
}

impl SectionState {
    /// The label (as the database and the command line have it) or the code.
    pub fn parse(s: &str) -> Option<SectionState> {
        let s = s.trim();
        SectionState::ALL.iter().copied().find(|x| x.label() == s || x.code() == s)
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
            assert_eq!(Rule::from_code(r.code()), Some(*r));
            assert_eq!(serde_json::to_value(r).unwrap(), serde_json::json!(r.code()));
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

coded! {
/// How the agency a file names was found in the roster, as the import preview shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MatchKind {
    /// The roster's own name (written the same once spaces and full-width forms are set aside).
    Exact = "exact" "名册中的单位",
    /// A name the office assigned to a roster entry before (the table `agency_aliases`).
    Alias = "alias" "按别名对应",
    /// A close name: the roster's one entry that ends with it or that it ends with
    /// ("县司法局" → "示范县司法局"). The app asks before storing it.
    Close = "close" "按相近名称对应",
    /// In no roster entry: the agency is added when the file is imported.
    New = "new" "不在名册中，将新增",
    /// A name of another county, city or district than the office's own: held, never added or
    /// counted, until the office assigns it.
    OtherCounty = "other_county" "属于其他县",
}
}

// ---------------------------------------------------------------------------------------------
// The review

coded! {
/// Where an agency's report stands in the office's review of a year. `Missing` is never stored:
/// it is the state of an agency that sent nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReviewState {
    Missing = "missing" "未报送",
    Submitted = "submitted" "已报送待审",
    Returned = "returned" "已退回修改",
    Resubmitted = "resubmitted" "已重报待复核",
    Accepted = "accepted" "审核通过",
    Published = "published" "已公开",
}
}

coded! {
/// What the office decided about a finding: it is right (the agency must correct it), or it is
/// not taken up (with a reason) and leaves the counts, the letters and the county's notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Disposition {
    Confirmed = "confirmed" "已核实（确有问题）",
    Dismissed = "dismissed" "不予采纳",
}
}

// ---------------------------------------------------------------------------------------------
// Errors

coded! {
/// Why an operation failed, as scripts and the app tell failures apart. Every layer's error has
/// one (`ImportError::code`, `StoreError::code`, `ExportError::code`); the app switches on it and
/// the command line's exit status follows its class ([`ErrorCode::exit_status`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ErrorCode {
    Empty = "empty" "空文件",
    TooBig = "too_big" "文件过大",
    NotWorkbook = "not_workbook" "不是工作簿",
    Damaged = "damaged" "文件损坏",
    Encrypted = "encrypted" "设有密码",
    Bomb = "bomb" "疑似恶意文件",
    NoTable = "no_table" "没有年报表格",
    NoAgency = "no_agency" "看不出单位",
    NoYear = "no_year" "看不出年度",
    Io = "io" "无法读取",
    YearConflict = "year_conflict" "年度不符",
    LegacyDocument = "legacy_document" "旧版文档",
    NotDocument = "not_document" "不是报告文档",
    WrongExtension = "wrong_extension" "扩展名不符",
    NoReport = "no_report" "不是年度报告",
    Pdf = "pdf" "PDF 文件",
    Archive = "archive" "压缩包",
    Busy = "busy" "数据库正在使用",
    DbOpen = "db_open" "数据库无法打开",
    DbTooNew = "db_too_new" "数据库版本过新",
    DbCorrupt = "db_corrupt" "数据库已损坏",
    NotFound = "not_found" "找不到",
    Invalid = "invalid" "输入有误",
    OtherCounty = "other_county" "属于其他县",
    Store = "store" "数据库操作失败",
    FolderMissing = "folder_missing" "文件夹不存在",
    Locked = "locked" "文件被占用",
    ExportIo = "export_io" "无法保存",
    Export = "export" "生成文件出错",
    NoData = "no_data" "没有数据",
    Roster = "roster" "名册有误",
    Indicators = "indicators" "指标表有误",
    Internal = "internal" "程序内部出错",
}
}

impl ErrorCode {
    /// The command line's exit status for a failure of this code: 1 bad input (a file, a name or
    /// a value the office gave), 3 not found, 4 a file or the database in use elsewhere, 5 the
    /// database cannot be used, 70 the program's own fault. (2 is "done, but some files were
    /// refused or not saved".)
    pub fn exit_status(self) -> u8 {
        match self {
            ErrorCode::NotFound => 3,
            ErrorCode::Busy | ErrorCode::Locked => 4,
            ErrorCode::DbOpen | ErrorCode::DbTooNew | ErrorCode::DbCorrupt | ErrorCode::Store => 5,
            ErrorCode::Internal => 70,
            _ => 1,
        }
    }
}

/// An error with its code and its one sentence: what the front ends need of any failure.
pub trait Coded: std::fmt::Display {
    fn code(&self) -> ErrorCode;
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
