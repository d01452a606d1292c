//! What crosses the IPC boundary. Each type derives ts-rs's `TS`, and `cargo test -p nianbao-app`
//! writes ui/src/bindings/*.ts from them: the front end never declares these shapes by hand, and CI
//! fails when the committed bindings are stale.

use nianbao::model::{
    AgencyKind, Disposition, ErrorCode, Format, ReportOf, ReviewState, Rule, SectionState, SourceKind,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An error as the UI shows it: a stable code and one Chinese sentence.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
}

/// Each layer's error keeps its code and its sentence on the way to the UI.
macro_rules! from_coded {
    ($($t:ty),*) => {$(
        impl From<$t> for AppError {
            fn from(e: $t) -> Self {
                AppError { code: nianbao::model::Coded::code(&e), message: e.to_string() }
            }
        }
    )*};
}
from_coded!(
    nianbao::service::Error,
    nianbao::service::StoreError,
    nianbao::service::ImportError,
    nianbao::service::RosterError
);

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct FindingDto {
    pub rule: Rule,
    /// The rule as the office reads it: 行合计, 一加二等于三加四, …
    pub rule_name: String,
    /// What the finding is about, for grouping: 表二, 表三, 表四, 统计表, 报告文档, 其他.
    pub about: String,
    pub cells: Vec<String>,
    pub refs: Vec<String>,
    pub message: String,
    /// The stored finding's id (to dispose of it); none for a file only previewed.
    pub id: Option<i32>,
    pub disposition: Option<Disposition>,
    pub disposition_label: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct AgencyRow {
    pub id: i32,
    pub name: String,
    pub kind: AgencyKind,
    /// 部门 or 乡镇/街道
    pub kind_label: String,
    pub retired: bool,
    pub sent: bool,
    pub file: Option<String>,
    pub imported_at: Option<String>,
    pub format: Option<Format>,
    /// "2021版"
    pub format_label: Option<String>,
    /// The agency's report document, if one was imported.
    pub document: Option<String>,
    pub contact: String,
    pub phone: String,
    /// Sections of the agency's report still as its document brought them.
    pub sections_imported: i32,
    pub findings: i32,
    pub sections_todo: i32,
    /// Where the report stands in the office's review, and 逾期报送/逾期公开 when late.
    pub review: ReviewState,
    pub review_label: String,
    pub overdue: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct Overview {
    pub year: i32,
    pub years: Vec<i32>,
    pub agencies: Vec<AgencyRow>,
    pub sent: i32,
    pub missing: i32,
    pub with_findings: i32,
    pub sections_todo: i32,
    /// How many agencies are overdue (报送 or 公开) today.
    pub overdue: i32,
    /// The county government's own report: its state in words, 公开截止 and overdue mark.
    pub county_state: String,
    pub county_publish_by: String,
    pub county_overdue: Option<String>,
    pub database: String,
}

/// The words the screens show for the engine's values: the county's row, section states,
/// agency kinds. The front end spells none of them itself.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct Vocabulary {
    pub county_label: String,
    pub section_states: Vec<StateOption>,
    pub agency_kinds: Vec<KindOption>,
    /// One word for one thing (待完成章节, 未变化, 属于其他县, 拒收 …), by key.
    pub terms: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct StateOption {
    pub state: SectionState,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct KindOption {
    pub kind: AgencyKind,
    pub label: String,
}

/// A file read but not yet stored: what the importer found, for the office to confirm or change.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct Preview {
    pub path: String,
    pub file: String,
    pub agency: Option<String>,
    pub year: Option<i32>,
    pub format: Option<Format>,
    pub format_label: Option<String>,
    /// A workbook, a Word report or a saved page.
    pub source: Option<SourceKind>,
    pub source_label: String,
    pub tables: Vec<String>,
    pub figures: i32,
    /// The report's sections a document holds, by title.
    pub sections: Vec<String>,
    pub findings: Vec<FindingDto>,
    /// Why the file cannot be imported, if it cannot.
    pub error: Option<AppError>,
    /// How the file's agency is found in the roster (none when the file names no agency).
    pub matched: Option<nianbao::model::MatchKind>,
    pub matched_label: Option<String>,
    /// The roster entry it maps to (exact, alias or close).
    pub matched_agency: Option<String>,
    /// The other county, city or district its name begins with, when it is held.
    pub place: Option<String>,
    /// The current version of this agency and year already holds the same: importing skips it.
    pub unchanged: bool,
    /// A changed file replaces a version the office corrected by hand this many times.
    pub corrections: i32,
    /// The names the report's own sources give when they disagree (title, page title, 落款…), the
    /// one taken first: the office picks.
    pub agency_candidates: Vec<String>,
}

/// One file to store, with the agency and year the office confirmed.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct ImportItem {
    pub path: String,
    pub agency: Option<String>,
    pub year: Option<i32>,
    /// The agency as the file names it: when the office chose another roster entry, the name is
    /// remembered as that entry's alias.
    pub file_agency: Option<String>,
}

/// A file imported; the event "import-progress" sends the files done since the last, in a list.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct ImportProgress {
    pub index: i32,
    pub total: i32,
    pub file: String,
    pub ok: bool,
    /// Already stored as it is: nothing written.
    pub unchanged: bool,
    /// The refusal's code when not ok.
    pub code: Option<ErrorCode>,
    pub message: String,
    pub findings: i32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct ImportSummary {
    pub imported: i32,
    /// Already stored as they are: skipped.
    pub unchanged: i32,
    /// Of another county: held, not stored.
    pub held: i32,
    pub refused: i32,
    pub with_findings: i32,
    pub results: Vec<ImportProgress>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct FigureDto {
    pub id: String,
    pub value: Option<f64>,
    pub raw: String,
    pub sheet: String,
    pub cell: String,
    /// Named by an open finding.
    pub flagged: bool,
    /// "表三“（一）予以公开”行“自然人”列"
    pub label: String,
    /// Corrected by the office: what the agency's file holds in the cell, as typed (the value
    /// shown is the office's). None: the figure is the file's.
    pub file_raw: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct TableCellDto {
    pub row: i32,
    pub col: i32,
    pub rows: i32,
    pub cols: i32,
    /// header, label, unit or figure
    pub kind: String,
    pub text: String,
    pub figure: Option<FigureDto>,
}

/// A table in the official layout with its figures.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct TableDto {
    pub key: String,
    pub title: String,
    pub width: i32,
    pub height: i32,
    pub cells: Vec<TableCellDto>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct HistoryDto {
    pub return_id: i32,
    pub file: String,
    pub imported_at: String,
    pub current: bool,
    pub findings: i32,
    /// A report document (Word or page), not an Excel return.
    pub document: bool,
    /// When the office removed it from the count, if it did.
    pub removed_at: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct EditDto {
    pub figure: String,
    pub label: String,
    pub old_raw: String,
    pub new_value: Option<f64>,
    pub who: String,
    pub at: String,
    pub note: String,
}

/// A correction made on another version of the year that the counting one does not carry.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct EditElsewhereDto {
    pub edit: EditDto,
    /// The version it was made on: its file and when it was imported.
    pub file: String,
    pub imported_at: String,
    /// The figure's text in the counting version.
    pub now: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct AgencyDetail {
    pub agency: String,
    pub kind: AgencyKind,
    pub kind_label: String,
    pub year: i32,
    pub return_id: Option<i32>,
    pub file: Option<String>,
    pub imported_at: Option<String>,
    pub format: Option<Format>,
    pub format_label: Option<String>,
    /// The agency's current report document, whose findings are listed too.
    pub document: Option<String>,
    pub tables: Vec<TableDto>,
    pub findings: Vec<FindingDto>,
    /// Findings the office did not take up, with its reasons: out of every count.
    pub dismissed: Vec<FindingDto>,
    pub history: Vec<HistoryDto>,
    pub edits: Vec<EditDto>,
    /// Corrections on other versions of the year, not counted (the agency's newer file changed
    /// the figure, or the office went back to another version).
    pub edits_elsewhere: Vec<EditElsewhereDto>,
    pub review: ReviewDto,
}

/// An agency's report in the review: its state, how it got there, what changed since the letter.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct ReviewDto {
    pub state: ReviewState,
    pub label: String,
    pub overdue: Option<String>,
    pub history: Vec<StateDto>,
    /// The last letter's round (0: none sent yet).
    pub round: i32,
    pub changes: Vec<String>,
    pub resolved: Vec<String>,
    /// The version counting is still the one the letter answered.
    pub awaiting: bool,
    /// The round the letter exported now would be, and whether that round is already sent.
    pub next_round: i32,
    pub next_sent: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct StateDto {
    pub state: ReviewState,
    pub label: String,
    pub round: i32,
    pub date: String,
    pub url: String,
    pub note: String,
    pub at: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct SectionDto {
    pub key: String,
    pub title: String,
    pub level: i32,
    pub is_table: bool,
    /// None for a table section.
    pub state: Option<SectionState>,
    pub state_label: String,
    pub text: String,
    /// The agency's document the text came from, and where in it ("" when the office wrote it).
    pub source_file: String,
    pub source_place: String,
    pub history: Vec<SectionHistoryDto>,
    /// Text a re-imported document brought for a section the office had edited: take it or keep.
    pub offer: Option<SectionOfferDto>,
    pub complete: bool,
    pub findings: Vec<FindingDto>,
    /// Sentences from the figures, where the figures say something about this section.
    pub generated: Option<String>,
    /// Last year's text, made this year's starting point.
    pub last_year: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct SectionHistoryDto {
    pub state_label: String,
    pub text: String,
    pub source_file: String,
    pub until: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct SectionOfferDto {
    pub text: String,
    pub source_file: String,
    pub source_place: String,
    pub offered_at: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct ReportDto {
    pub of: ReportOf,
    pub agency: String,
    pub year: i32,
    pub sections: Vec<SectionDto>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct AgencyCount {
    pub agency: String,
    pub count: i32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct CountyDto {
    pub year: i32,
    pub format: Format,
    pub included: Vec<String>,
    pub missing: Vec<String>,
    pub with_findings: Vec<AgencyCount>,
    pub other_format: Vec<String>,
    pub tables: Vec<TableDto>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct BackupDto {
    pub path: String,
    /// "20220105-093012"
    pub taken: String,
    pub reason: String,
    pub kb: i32,
    /// Passed SQLite's integrity check when taken; a failed copy is listed last and not offered.
    pub good: bool,
    /// What it was taken before ("12 个文件：…"), and the database's counts then, when recorded.
    pub note: String,
    pub agencies: Option<i32>,
    pub returns: Option<i32>,
}

/// What "export all" did: how many files were written, and each one that was not, with why.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct ExportAllDto {
    pub dir: String,
    pub written: i32,
    pub failed: Vec<ExportFailure>,
    /// The county's name is not set: what the drafts mark and how to set it.
    pub county_unset: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct ExportFailure {
    pub file: String,
    pub code: ErrorCode,
    pub message: String,
}

/// Sent as the event "export-progress" after each file of "export all".
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct ExportProgress {
    pub done: i32,
    pub total: i32,
    pub file: String,
}

/// The 统计表 indicator table a year follows: the office's own (saved for `from_year`, governing
/// the years after it too) or the national one (`from_year` null).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct IndicatorsDto {
    pub year: i32,
    pub from_year: Option<i32>,
    pub table: nianbao::model::IndicatorTable,
}

/// The county's identity and whether the office has set it (the first start asks when not).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct CountySettings {
    pub info: nianbao::service::CountyInfo,
    pub is_set: bool,
    /// Active roster agencies of another county (imported before the county was set), to retire.
    pub other_county: Vec<String>,
}

/// One agency's text for a part of the county's report, for the 素材 panel.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct SourceDto {
    pub agency: String,
    pub kind: AgencyKind,
    pub kind_label: String,
    /// final, draft or missing, and its word: 已定稿 / 草稿 / 未交.
    pub state: String,
    pub state_label: String,
    pub text: String,
    pub file: String,
    pub place: String,
    /// Figures it quotes that contradict the agency's tables.
    pub contradictions: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct HighlightDto {
    pub agency: String,
    pub sentence: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct CountedDto {
    pub sentence: String,
    pub agencies: Vec<String>,
}

/// A part of the county's report with every agency's text for it and what stands out.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct PartSourcesDto {
    pub key: String,
    pub title: String,
    pub year: i32,
    pub sources: Vec<SourceDto>,
    pub without: Vec<SourceDto>,
    pub figures: Vec<HighlightDto>,
    pub new: Vec<HighlightDto>,
    pub problems: Vec<HighlightDto>,
    pub improvements: Vec<HighlightDto>,
    pub counted: Vec<CountedDto>,
    /// The words that mark something new (built in and the office's own).
    pub new_words: Vec<String>,
}

/// The county at a glance for the 统计分析 screen, as the engine computes it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct StatsDto {
    pub dashboard: nianbao::service::Dashboard,
}

/// What the office gives when it moves a report on (已公开: its address, date and saved page).
#[derive(Debug, Clone, Default, serde::Deserialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct MoveDto {
    pub date: Option<String>,
    pub url: Option<String>,
    pub note: Option<String>,
    pub page: Option<String>,
}

/// One agency's published page as checked.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct PageCheckDto {
    pub agency: String,
    pub file: String,
    pub date: String,
    pub date_source: String,
    pub late_days: i32,
    /// 一致, or what differs in words.
    pub result: String,
    pub same: bool,
}

/// A folder of published pages checked.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct PublishedDto {
    pub checked: Vec<PageCheckDto>,
    pub unseen: Vec<String>,
    pub refused: Vec<String>,
}

/// One deadline of the year: its code, what it is, its date, the law's latest and its basis.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export, export_to = "../../ui/src/bindings/")]
pub struct DeadlineDto {
    pub kind: String,
    pub label: String,
    pub date: String,
    pub law: String,
    pub basis: String,
}
