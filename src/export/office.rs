//! What the office sends and keeps beside the reports: the chase list (催报清单) of agencies to call,
//! the review letter (审核意见) back to one agency, and everything of a year written at once into a
//! folder (`export all`), one file failing without stopping the others.

use super::word::{Doc, Style};
use super::{draft, summary, tables, write_atomic, ExportError};
use crate::model::ReportOf;
use crate::report;
use crate::store::Store;
use rust_xlsxwriter::{Format as XFormat, FormatAlign, FormatBorder};
use std::path::{Path, PathBuf};

/// One agency's line in the chase list: why the office must call, and whom.
#[derive(Debug, Clone, PartialEq)]
pub struct ChaseRow {
    pub agency: String,
    pub kind: String,
    pub contact: String,
    pub phone: String,
    pub sent: bool,
    pub findings: usize,
    pub sections_todo: usize,
    /// What the agency must do, in words: 报送报表 / 核对 N 个问题 / 撰写 N 个章节.
    pub todo: String,
    /// The review's state, with 逾期 where the deadline passed.
    pub state: String,
    pub overdue: bool,
}

/// Agencies with no return, with open findings, or with sections still to write, from the
/// year's standing.
pub fn chase_rows(store: &Store, year: i32) -> Result<Vec<ChaseRow>, ExportError> {
    let y = report::standing::standing(store, year, None)?;
    let mut out = Vec::new();
    for s in y.expected() {
        let (sent, findings, sections) = (s.sent(), s.findings, s.sections_todo);
        if sent && findings == 0 && sections == 0 && s.overdue.is_none() {
            continue;
        }
        let mut what = Vec::new();
        if !sent {
            what.push("报送报表".to_string());
        }
        if findings > 0 {
            what.push(format!("核对 {findings} 个问题"));
        }
        if sections > 0 {
            what.push(format!("完成 {sections} 个章节"));
        }
        if s.overdue == Some("逾期公开") {
            what.push("在政府网站公开年度报告".to_string());
        }
        let a = &s.status.agency;
        out.push(ChaseRow {
            state: match s.overdue_words() {
                Some(o) => format!("{}（{o}）", s.state_words()),
                None => s.state_words(),
            },
            overdue: s.overdue.is_some(),
            agency: a.name.clone(),
            kind: a.kind.label().to_string(),
            contact: a.contact.clone(),
            phone: a.phone.clone(),
            sent,
            findings,
            sections_todo: sections,
            todo: what.join("；"),
        });
    }
    // Whom to call first: the overdue, then agencies that sent nothing, then those with findings.
    out.sort_by_key(|r| (!r.overdue, r.sent, r.findings == 0));
    Ok(out)
}

/// The chase list as a workbook, printable: A4 landscape, one page wide, the header row on every page.
pub fn chase_workbook(store: &Store, year: i32) -> Result<Vec<u8>, ExportError> {
    let rows = chase_rows(store, year)?;
    let county = store.county_info()?;
    let county_name = if county.is_set() { county.name.clone() } else { String::new() };
    let mut wb = super::sheet::workbook()?;
    let ws = wb.add_worksheet();
    ws.set_name("催报清单")?;
    let title = XFormat::new().set_bold().set_font_size(16).set_font_name("宋体").set_align(FormatAlign::Center);
    let head =
        XFormat::new().set_bold().set_font_name("宋体").set_border(FormatBorder::Thin).set_background_color("DDEBF7");
    let cell = XFormat::new().set_font_name("宋体").set_border(FormatBorder::Thin).set_text_wrap();
    // 140 units of 宋体's digit: one landscape page wide at ≥ 9.5 pt; names and what to do wrap.
    let headers = [
        ("序号", 5.0),
        ("单位", 26.0),
        ("类别", 9.0),
        ("联系人", 9.0),
        ("电话", 14.0),
        ("报表", 7.0),
        ("审核状态", 16.0),
        ("问题", 6.0),
        ("待完成章节", 11.0),
        ("需要做的", 35.0),
    ];
    let title_text = format!("{county_name}{year}年政府信息公开工作年度报告催报清单");
    super::sheet::merge_text(ws, 0, 0, 0, headers.len() as u16 - 1, &title_text, &title)?;
    super::sheet::header_row(ws, 1, &headers, &head)?;
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 2;
        ws.write_number_with_format(row, 0, (i + 1) as f64, &cell)?;
        // Names and contacts are text as typed: a leading = never becomes a formula.
        for (c, v) in [(1, &r.agency), (2, &r.kind), (3, &r.contact), (4, &r.phone)] {
            super::sheet::write_text(ws, row, c, v, &cell)?;
        }
        ws.write_string_with_format(row, 5, if r.sent { "已报送" } else { "未报送" }, &cell)?;
        ws.write_string_with_format(row, 6, &r.state, &cell)?;
        ws.write_number_with_format(row, 7, r.findings as f64, &cell)?;
        ws.write_number_with_format(row, 8, r.sections_todo as f64, &cell)?;
        super::sheet::write_text(ws, row, 9, &r.todo, &cell)?;
    }
    let after = rows.len() as u32 + 3;
    if rows.is_empty() {
        ws.write_string(2, 1, "所有单位都已报送、没有问题、章节齐全。")?;
    } else if rows.iter().all(|r| r.contact.is_empty() && r.phone.is_empty()) {
        // Nothing tells the office where contacts come from unless the list does.
        let widths: Vec<f64> = headers.iter().map(|(_, w)| *w).collect();
        let hint = XFormat::new().set_font_name("宋体").set_font_color("#7F6000").set_text_wrap();
        super::sheet::note_rows(ws, after, &widths, CONTACTS_HINT, &hint)?;
    }
    let print = super::sheet::Print {
        landscape: true,
        header_rows: 2,
        name_cols: 2,
        county: &county_name,
        title: &title_text,
        wide: false,
    };
    super::sheet::print_setup(ws, &print)?;
    Ok(wb.save_to_buffer()?)
}

/// Where the chase list's 联系人 and 电话 come from, said where they are all empty.
pub const CONTACTS_HINT: &str = "联系人和电话取自单位名册：导入名册的表格中有“联系人”“电话”（或“联系电话”“手机”）列即一并读入，也可在“单位名册”中逐个填写。";

pub fn export_chase(store: &Store, year: i32, path: &Path) -> Result<(), ExportError> {
    write_atomic(path, &chase_workbook(store, year)?)
}

/// Where a finding stands, in words: "依申请公开!J6" → "工作表“依申请公开” J6 单元格".
fn place(r: &str) -> String {
    match r.rsplit_once('!') {
        Some((sheet, cell)) if sheet.starts_with("表格") => {
            format!("报告中的{sheet}第 {} 行", cell.trim_start_matches(|c: char| c.is_ascii_alphabetic()))
        }
        Some((sheet, cell)) => format!("工作表“{sheet}” {cell} 单元格"),
        None => r.to_string(),
    }
}

/// A finding as the letter says it: the cells its message names as "sheet!cell" put in words,
/// each once; where the message names none of its cells, the place of the one that is off (the
/// first) is added. Only the finding's own cells are ever named.
pub fn letter_sentence(f: &crate::model::Finding) -> String {
    let mut refs: Vec<&str> = f.refs.iter().map(String::as_str).filter(|r| r.contains('!')).collect();
    // Longest first: "年报表格!D4" must not be taken out of "年报表格!D45".
    refs.sort_by_key(|r| std::cmp::Reverse(r.len()));
    refs.dedup();
    let mut out = String::with_capacity(f.message.len() + 32);
    let mut named: Vec<&str> = Vec::new();
    let mut rest = f.message.as_str();
    'scan: while !rest.is_empty() {
        for r in &refs {
            if let Some(after) = rest.strip_prefix(r) {
                let next_is_cell = after.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
                if !next_is_cell {
                    // A cell the sentence names again is not named twice.
                    if !named.contains(r) {
                        out.push_str(&place(r));
                        named.push(r);
                    }
                    rest = after;
                    continue 'scan;
                }
            }
        }
        let c = rest.chars().next().expect("not empty");
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    for (from, to) in [("（、", "（"), ("、）", "）"), ("、、", "、"), ("（）", "")] {
        out = out.replace(from, to);
    }
    if named.is_empty() {
        if let Some(first) = f.refs.iter().find(|r| !r.is_empty()) {
            out.push_str(&format!("（{}）", place(first)));
        }
    }
    out
}

/// The review letter (审核意见) for one agency: every finding in plain words with its table, row,
/// column and cell, what was typed and what the rule expects, and the sections still to write.
pub fn feedback_docx(
    store: &Store,
    agency: &str,
    year: i32,
    date: Option<&str>,
    round: i64,
) -> Result<Vec<u8>, ExportError> {
    let (rep, _) = report::report(store, &ReportOf::Agency(agency.to_string()), year)?;
    // Only what is open: findings the office did not take up are not sent back.
    let findings = store.open_findings(rep.agency_id, year)?;
    let county = store.county_info()?;
    let office = if county.office.is_empty() {
        "县政府信息公开工作主管部门".to_string()
    } else {
        county.office.clone()
    };
    let title = format!("关于{agency}{year}年政府信息公开工作年度报告的审核意见");
    let mut doc = Doc::new(&title, &office);
    let year_word = format!("{year}年");
    // Letters are numbered per agency and year: the agency answers the newest.
    let round_word = if round > 1 { format!("审核意见（第{round}次）") } else { "审核意见".to_string() };
    // Broken only between word groups: never "关于" alone, never "的" away from what it qualifies.
    let (about, what) = (format!("关于{agency}"), format!("年度报告的{round_word}"));
    doc.title(&draft::title_of(&[&about, &year_word, "政府信息公开工作", &what]));
    doc.para(Style::Plain, &format!("{agency}："));
    let corrected = corrections_said(store, rep.agency_id, year)?;
    let intro = if findings.is_empty() && !corrected.is_empty() {
        format!("经审核，你单位报送的{year}年政府信息公开工作年度报告报表除下列已更正的数据外，未发现数据问题。")
    } else if findings.is_empty() {
        format!("经审核，你单位报送的{year}年政府信息公开工作年度报告报表未发现数据问题。")
    } else {
        format!(
            "经审核，你单位报送的{year}年政府信息公开工作年度报告有以下 {} 处问题，请核对修改后重新报送：",
            findings.len()
        )
    };
    doc.para(Style::Body, &intro);
    for (i, f) in findings.iter().enumerate() {
        // Left-aligned: a finding's quoted cells ("（一）予以公开") are never stretched apart by
        // justification.
        let text = format!("{}．{}：{}", i + 1, f.rule.label(), letter_sentence(f));
        doc.runs(Style::Body, &[super::word::Run::new(&text)], Some(super::word::Align::Left), false);
    }
    if !corrected.is_empty() {
        // The agency publishes its own report: a figure the office corrected must be corrected
        // there too, or the page published differs from the accepted version.
        doc.para(Style::Heading1, "我办已更正的数据");
        doc.para(Style::Body, "以下数据已按核实的结果在汇总中更正，请在你单位公开的年度报告中一并修改，保持一致：");
        for (i, line) in corrected.iter().enumerate() {
            let text = format!("{}．{line}", i + 1);
            doc.runs(Style::Body, &[super::word::Run::new(&text)], Some(super::word::Align::Left), false);
        }
    }
    let todo = rep.to_write();
    if !todo.is_empty() {
        doc.para(Style::Heading1, "尚需完成的部分");
        for s in todo {
            doc.para(Style::Body, &format!("{}（{}）", s.title, s.state_label));
        }
    }
    doc.para(Style::Body, "如有疑问，请与我们联系。");
    if !county.phone.is_empty() {
        doc.para(Style::Body, &format!("联系电话：{}", county.phone));
    }
    let date = date.and_then(draft::document_date);
    doc.signature(&office, date.as_deref());
    doc.finish()
}

/// The office's corrections of the version that counts, a line a figure: the figure in the form's
/// words and its cell, what the file said and the office's last value, with its note.
fn corrections_said(store: &Store, agency_id: i64, year: i32) -> Result<Vec<String>, ExportError> {
    let Some(id) = store.db().current_return_id(agency_id, year)? else {
        return Ok(Vec::new());
    };
    let corrections = store.db().corrections(id)?;
    if corrections.is_empty() {
        return Ok(Vec::new());
    }
    let ret = store.db().load_return(id)?;
    let lines = crate::store::corrections_by_figure(&corrections)
        .into_iter()
        .map(|(first, last)| {
            let words = crate::forms::describe_any(&first.figure);
            let cell = ret.figure(&first.figure).map(|f| format!("（{}）", place(&format!("{}!{}", f.sheet, f.cell))));
            let new = last.new_value.map(crate::text::fmt_num).unwrap_or_default();
            let why = if last.note.is_empty() { String::new() } else { format!("（{}）", last.note) };
            format!("{words}{}：报表填写“{}”，更正为 {new}{why}。", cell.unwrap_or_default(), first.old_raw)
        })
        .collect();
    Ok(lines)
}

/// The round a letter of an agency's year is: the last one sent when it answered the version
/// that counts now (exporting it again gives the same letter), else the next one. With the date
/// of the sent round, where it was sent.
pub fn letter_round(store: &Store, agency_id: i64, year: i32) -> Result<(i64, Option<String>), ExportError> {
    let letters = store.letters(agency_id, year)?;
    let now = store.db().current_return_id(agency_id, year)?;
    Ok(match letters.last() {
        Some(l) if l.return_id == now => (l.round, Some(l.date.clone()).filter(|d| !d.is_empty())),
        Some(l) => (l.round + 1, None),
        None => (1, None),
    })
}

/// Writes an agency's 审核意见. Writing records nothing: the office marks a letter sent when it
/// sends it (`service::review::send`).
pub fn export_feedback(
    store: &Store,
    agency: &str,
    year: i32,
    date: Option<&str>,
    path: &Path,
) -> Result<(), ExportError> {
    let a = store
        .agency_by_name(agency)?
        .ok_or_else(|| crate::store::StoreError::NotFound(format!("名册里没有“{agency}”。")))?;
    let (round, sent_on) = letter_round(store, a.id, year)?;
    let date = date.map(str::to_string).or(sent_on);
    write_atomic(path, &feedback_docx(store, agency, year, date.as_deref(), round)?)
}

/// A name made safe as a file name: no path separators or characters Windows refuses.
pub fn file_part(name: &str) -> String {
    let s: String = crate::text::strip_invisible(name)
        .chars()
        .map(|c| if "/\\:*?\"<>|\n\r\t".contains(c) { '_' } else { c })
        .collect();
    let s = s.trim().trim_start_matches('.').to_string();
    if s.is_empty() {
        "未命名".into()
    } else {
        fit_bytes(&s, MAX_NAME_PART_BYTES)
    }
}

/// Bytes of a file name made from a name: file systems allow 255 bytes (ext4; a Chinese character
/// takes three), and the year, the kind of file and the temporary file's suffix need the rest.
pub const MAX_NAME_PART_BYTES: usize = 150;

/// `s` cut to at most `max` bytes at a character boundary; a cut name ends with "~" and eight hex
/// digits of a hash of the whole name, so two long names that begin alike stay two files, and the
/// same name always gives the same file name.
fn fit_bytes(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    // FNV-1a: stable across versions and machines (std's hasher is not promised to be).
    let hash = s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3));
    let mut end = max - 9;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}~{:08x}", &s[..end], hash as u32)
}

/// What `export all` did: every file written, and every one that failed with why.
#[derive(Debug, Default)]
pub struct AllExported {
    pub written: Vec<PathBuf>,
    pub failed: Vec<(PathBuf, ExportError)>,
    /// The county's name is not set: the one sentence saying so and how to set it.
    pub county_unset: Option<String>,
}

/// What `export all` and the app say when the county's name is not set.
pub const COUNTY_UNSET: &str = "本县名称尚未设置：全县报告稿中写作【待填写：本县名称】。请在“全县汇总”中填写本县名称和编制报告的办公室（或运行 nianbao county set --name 县名 --office 办公室），再导出一次。";

/// Writes into `dir` (made if missing) every agency's standard tables and Word draft, each flagged
/// agency's 审核意见, the county's tables and draft (named as the county's: "…（全县）…", so a county
/// and an agency of the same name never share a file), the summary workbook, the chase list and the
/// blank return template. No two files share a name; what is said written is what is on disk.
/// `progress(done, total, file)` follows each file; a file that cannot be written (open elsewhere)
/// is reported and the rest go on. `date` is the 成文日期 of the drafts and letters.
pub fn export_all(
    store: &Store,
    year: i32,
    dir: &Path,
    date: Option<&str>,
    mut progress: impl FnMut(usize, usize, &str),
) -> Result<AllExported, ExportError> {
    std::fs::create_dir_all(dir)
        .map_err(|e| ExportError::Io { path: dir.display().to_string(), detail: e.to_string() })?;
    let plan = plan_all(store, year, dir)?;
    let total = plan.len();
    let mut out = AllExported::default();
    if !store.county_info()?.is_set() {
        out.county_unset = Some(COUNTY_UNSET.to_string());
    }
    for (done, (path, what)) in plan.into_iter().enumerate() {
        let r = write_one(store, year, date, &path, &what);
        progress(done + 1, total, &path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
        match r {
            Ok(()) => out.written.push(path),
            Err(e) => out.failed.push((path, e)),
        }
    }
    Ok(out)
}

/// One file of `export all`.
enum AllFile {
    Tables(ReportOf),
    Draft(ReportOf),
    Letter(String),
    Summary,
    Chase,
    Template { stats: bool },
}

/// Every file `export all` writes, each under its own name.
fn plan_all(store: &Store, year: i32, dir: &Path) -> Result<Vec<(PathBuf, AllFile)>, ExportError> {
    let county = store.county_info()?;
    let county_name = if county.is_set() { county.name.clone() } else { ReportOf::COUNTY_LABEL.to_string() };
    let status = store.status(year)?;
    let mut used = std::collections::HashSet::new();
    let mut name = |stem: String| {
        let mut n = 1;
        let mut candidate = stem.clone();
        while !used.insert(candidate.clone()) {
            n += 1;
            candidate = format!("{stem}（{n}）");
        }
        candidate
    };
    let mut plan = Vec::new();
    for s in status.iter().filter(|s| s.expected || s.return_id.is_some()) {
        let of = ReportOf::Agency(s.agency.name.clone());
        let part = file_part(&s.agency.name);
        // An agency with no return has no tables yet; its draft still goes out, marked to write.
        if s.return_id.is_some() {
            plan.push((dir.join(name(format!("{year}-{part}-表格")) + ".xlsx"), AllFile::Tables(of.clone())));
        }
        plan.push((dir.join(name(format!("{year}-{part}-报告稿")) + ".docx"), AllFile::Draft(of)));
        if s.return_id.is_some() && s.findings > 0 {
            let letter = name(format!("{year}-{part}-审核意见")) + ".docx";
            plan.push((dir.join(letter), AllFile::Letter(s.agency.name.clone())));
        }
    }
    // The county's report named as the county's, so an agency of the county's own name never shares it.
    let county_part =
        if county.is_set() { format!("{}（全县）", file_part(&county_name)) } else { file_part(&county_name) };
    plan.push((dir.join(name(format!("{year}-{county_part}-表格")) + ".xlsx"), AllFile::Tables(ReportOf::County)));
    plan.push((dir.join(name(format!("{year}-{county_part}-报告稿")) + ".docx"), AllFile::Draft(ReportOf::County)));
    plan.push((dir.join(name(format!("{year}-汇总表")) + ".xlsx"), AllFile::Summary));
    plan.push((dir.join(name(format!("{year}-催报清单")) + ".xlsx"), AllFile::Chase));
    let stats = status.iter().any(|s| s.tables.contains(&crate::forms::Table::Stats));
    plan.push((dir.join(name(format!("{year}-报表模板")) + ".xlsx"), AllFile::Template { stats }));
    Ok(plan)
}

fn write_one(store: &Store, year: i32, date: Option<&str>, path: &Path, what: &AllFile) -> Result<(), ExportError> {
    match what {
        AllFile::Tables(of) => {
            let (rep, ret) = report::report(store, of, year)?;
            match &ret {
                Some(ret) if rep.compiled.is_none() => tables::export_tables_marked(ret, &rep.findings, path),
                Some(ret) => tables::export_tables(ret, rep.compiled.as_ref(), path),
                None => Err(ExportError::Nothing(format!("{year} 年还没有报表数据。"))),
            }
        }
        AllFile::Draft(of) => {
            let (rep, ret) = report::report(store, of, year)?;
            draft::export_draft(&rep, ret.as_ref(), date, path).map(|_| ())
        }
        AllFile::Letter(agency) => export_feedback(store, agency, year, date, path),
        AllFile::Summary => summary::export_summary(store, year, path),
        AllFile::Chase => export_chase(store, year, path),
        AllFile::Template { stats } => {
            let (table, _) = store.indicator_table(year)?;
            let county = store.county_info()?;
            tables::export_template(year, *stats, &table, if county.is_set() { &county.name } else { "" }, path)
        }
    }
}
