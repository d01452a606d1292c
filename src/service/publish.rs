//! What is published is what was accepted, on time: an agency's published page (saved from any
//! portal, or its .docx) checked against the version the office accepted — every figure, each
//! part's text, the agency and year — and its date against the agency's 公开截止. A folder of saved
//! pages is checked at once, each matched to its agency; the roster's agencies without a page are
//! 未见公开. The result is kept (`store/publications.rs`) and gives the findings `published
//! differs` and `published late`.

use super::{Error, Overrides};
use crate::import::ImportError;
use crate::model::{Agency, ErrorCode, Return, ReviewState};
use crate::store::{FigureDiff, Publication, Store};
use std::path::{Path, PathBuf};

type Result<T> = std::result::Result<T, Error>;

/// A date as the store keeps it ("2024-01-25") from what a page or the office writes
/// ("2024-01-25 10:45", "2024/1/25", "2024年1月25日", "2024.01.25").
pub fn iso_date(s: &str) -> Option<String> {
    let digits: String = s.trim().chars().map(|c| if c.is_ascii_digit() { c } else { ' ' }).collect();
    let parts: Vec<u32> = digits.split_whitespace().take(3).filter_map(|p| p.parse().ok()).collect();
    let [y, m, d] = parts.as_slice() else { return None };
    ((2000..2100).contains(y) && (1..=12).contains(m) && (1..=31).contains(d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Days since 1970-01-01 of an ISO date (the civil calendar, as `date` counts).
fn day_number(iso: &str) -> Option<i64> {
    let p: Vec<i64> = iso.split('-').filter_map(|x| x.parse().ok()).collect();
    let [y, m, d] = p.as_slice() else { return None };
    let y = if *m <= 2 { y - 1 } else { *y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Days `date` is after `deadline` (0 when on or before it, or either is no date).
pub fn days_late(date: &str, deadline: &str) -> i64 {
    match (day_number(date), day_number(deadline)) {
        (Some(a), Some(b)) if a > b => a - b,
        _ => 0,
    }
}

/// The page's own publication date and which of its statements gave it, in this order: 发布日期,
/// 发布时间, the PubDate meta, the report's 成文日期.
pub fn page_date(raw: &str, signed_on: &str) -> Option<(String, &'static str)> {
    for label in ["发布日期", "发布时间"] {
        for (i, _) in raw.match_indices(label) {
            // The date follows within a few characters, tags perhaps between ("发布日期：</span><span>…").
            // A tag parts the text around it, as the page shows it: "2024-01-25</span><span>10" is
            // a date and another number, not the day 2510.
            let mut after = String::new();
            let mut in_tag = false;
            for c in raw[i + label.len()..].chars().take(120) {
                match c {
                    '<' => in_tag = true,
                    '>' => {
                        in_tag = false;
                        if !after.ends_with(' ') {
                            after.push(' ');
                        }
                    }
                    c if !in_tag => after.push(c),
                    _ => {}
                }
            }
            let start = after.find(|c: char| c.is_ascii_digit())?;
            if after[..start].chars().count() > 6 {
                continue;
            }
            let head: String = after[start..].chars().take(12).collect();
            if let Some(d) = iso_date(&head) {
                return Some((d, label));
            }
        }
    }
    let lower = raw.to_ascii_lowercase();
    if let Some(i) = lower.find("name=\"pubdate\"").or_else(|| lower.find("name='pubdate'")) {
        let tag_start = lower[..i].rfind('<').unwrap_or(i);
        let tag_end = lower[i..].find('>').map(|e| i + e).unwrap_or(lower.len());
        let tag = &raw[tag_start..tag_end];
        if let Some(c) = tag.to_ascii_lowercase().find("content=") {
            let value: String = tag[c + "content=".len()..].chars().skip(1).take(19).collect();
            if let Some(d) = iso_date(&value) {
                return Some((d, "PubDate"));
            }
        }
    }
    iso_date(signed_on).map(|d| (d, "成文日期"))
}

/// A saved page's text as it is on disk: UTF-8, else GB18030 (what GBK portals save).
fn page_text(path: &Path) -> String {
    let bytes =
        crate::import::read_regular(path, crate::import::guard::MAX_FILE_BYTES).map(|(_, b)| b).unwrap_or_default();
    match std::str::from_utf8(&bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GB18030.decode(&bytes).0.into_owned(),
    }
}

/// The address a browser wrote into a page it saved ("<!-- saved from url=(0052)http://… -->").
pub fn saved_from(raw: &str) -> Option<String> {
    let i = raw.find("saved from url=")?;
    let rest =
        raw[i + "saved from url=".len()..].trim_start_matches(|c: char| c == '(' || c.is_ascii_digit() || c == ')');
    let url: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
    let url = url.trim_end_matches("-->").to_string();
    (!url.is_empty()).then_some(url)
}

/// A figure as the comparison shows it: its number, else its text as typed.
fn shown(r: &Return, id: &str) -> String {
    match r.figure(id) {
        Some(f) => f.value.map(crate::text::fmt_num).unwrap_or_else(|| f.raw.trim().to_string()),
        None => "（无）".to_string(),
    }
}

/// Every figure of the tables the page gives, and each part's text (normalised), against the
/// accepted version; the table sections the page lacks are named as differing parts.
fn compare(
    accepted: &Return,
    document: Option<&crate::model::Document>,
    page: &Return,
) -> (Vec<FigureDiff>, Vec<String>) {
    let mut differences = Vec::new();
    for f in
        accepted.figures.iter().filter(|f| crate::forms::def_any(&f.id).is_some_and(|d| page.tables.contains(&d.table)))
    {
        let (a, p) = (shown(accepted, &f.id), shown(page, &f.id));
        if a != p {
            let label = super::describe_figure(&f.id, Some(accepted.format));
            differences.push(FigureDiff { figure: f.id.clone(), label, accepted: a, published: p });
        }
    }
    let mut sections = Vec::new();
    for d in crate::report::SECTIONS {
        match d.table {
            Some(t) if accepted.tables.contains(&t) && !page.tables.contains(&t) => sections.push(d.key.to_string()),
            Some(_) => {}
            None => {
                let text = |doc: Option<&crate::model::Document>| {
                    doc.and_then(|x| x.section(d.key)).map(|s| crate::text::norm(&s.text)).unwrap_or_default()
                };
                if document.is_some() && text(document) != text(page.document.as_ref()) {
                    sections.push(d.key.to_string());
                }
            }
        }
    }
    (differences, sections)
}

/// What the office gives for a publication: the page (or none, then only the address and date
/// are kept), the address, and the date where it knows it.
#[derive(Debug, Clone, Default)]
pub struct Published {
    pub page: Option<PathBuf>,
    pub url: String,
    pub date: Option<String>,
}

/// Checks an agency's published page against the version the office accepted (else the current
/// one, said so), keeps the result with the report's state 已公开, and checks the year again so its
/// findings follow. A page of another agency or year is refused in one sentence, nothing kept.
pub fn check(store: &Store, agency: &Agency, year: i32, given: &Published) -> Result<Publication> {
    let typed = given.date.as_deref().map(str::trim).filter(|d| !d.is_empty());
    let typed = match typed {
        Some(d) => Some(
            iso_date(d)
                .ok_or_else(|| Error::Said(ErrorCode::Invalid, format!("日期“{d}”无法识别，请写成 2022-01-20。")))?,
        ),
        None => None,
    };
    let (compared_with, accepted, document) = versions(store, agency, year)?;
    let mut p = Publication {
        url: given.url.trim().to_string(),
        date: typed.clone().unwrap_or_default(),
        date_source: if typed.is_some() { "办公室填写".into() } else { String::new() },
        late_days: 0,
        compared_with,
        accepted,
        differences: Vec::new(),
        sections_differ: Vec::new(),
        identity: String::new(),
        page: String::new(),
        at: String::new(),
    };
    if let Some(path) = &given.page {
        let page = read_page(store, agency, year, path)?;
        let raw = page_text(path);
        if p.url.is_empty() {
            p.url = saved_from(&raw).unwrap_or_else(|| path.display().to_string());
        }
        if typed.is_none() {
            let signed = page.document.as_ref().map(|d| d.signed_on.as_str()).unwrap_or("");
            if let Some((d, source)) = page_date(&raw, signed) {
                (p.date, p.date_source) = (d, source.to_string());
            }
        }
        if let Some(id) = compared_with {
            let base = store.db().load_return(id)?;
            let doc = match document {
                Some(d) => store.db().load_return(d)?.document,
                None => base.document.clone(),
            };
            (p.differences, p.sections_differ) = compare(&base, doc.as_ref(), &page);
        }
        p.page = path.display().to_string();
    }
    if p.url.is_empty() {
        return Err(Error::Said(
            ErrorCode::Invalid,
            "“已公开”须写明公开的网址（--url）或保存的页面（--page）。".into(),
        ));
    }
    let deadlines = store.deadlines(year)?;
    p.late_days = days_late(&p.date, deadlines.of(agency.kind).1);
    store.set_publication(agency.id, year, &p)?;
    let change = crate::store::review::StateChange {
        state: ReviewState::Published,
        round: store.letters(agency.id, year)?.len() as i64,
        date: p.date.clone(),
        url: p.url.clone(),
        note: if p.same() { String::new() } else { "公开版本与审核版本不一致".into() },
        at: String::new(),
    };
    store.set_review_state(agency.id, year, &change)?;
    store.recheck_year(agency.id, year)?;
    Ok(store.publication(agency.id, year)?.unwrap_or(p))
}

/// The version to compare with: the one accepted (its return and report document), else the
/// current one.
fn versions(store: &Store, agency: &Agency, year: i32) -> Result<(Option<i64>, bool, Option<i64>)> {
    if let Some((ret, doc)) = store.accepted_versions(agency.id, year)? {
        return Ok((ret.or(doc), true, doc));
    }
    let current = store.db().current_return_id(agency.id, year)?;
    Ok((current, false, store.db().current_document_id(agency.id, year)?))
}

/// A page that cannot be read, in a publication check's words: portals often publish the report
/// as a PDF, and the import's advice (re-save it as .docx) is not what checking one needs.
fn unreadable_page(file: &str, e: ImportError) -> Error {
    match e {
        ImportError::Pdf { .. } => Error::Said(
            ErrorCode::Pdf,
            format!(
                "“{file}”是 PDF 文件，无法与审核通过的版本逐项核对：请在浏览器中打开公开的网页，“另存为”网页（.html）后再核对；网站只发布了 PDF 的，可只填写公开网址记为已公开。"
            ),
        ),
        e => Error::from(e),
    }
}

/// A saved page read as any report; refused in one sentence when it is another agency's or
/// another year's.
fn read_page(store: &Store, agency: &Agency, year: i32, path: &Path) -> Result<Return> {
    let file = crate::import::display_name(path);
    let ret = super::read(path, &Overrides::default())
        .or_else(|_| {
            super::read(path, &Overrides { year: Some(year), agency: Some(agency.name.clone()), ..Default::default() })
        })
        .map_err(|e| unreadable_page(&file, e))?;
    if ret.year.is_some_and(|y| y != year) {
        return Err(Error::Said(
            ErrorCode::YearConflict,
            format!("“{file}”是 {} 年的报告，不是{} {year} 年的，未记录。", ret.year.unwrap_or(0), agency.name),
        ));
    }
    if let Some(name) = ret.agency.as_deref() {
        if let Some(other) = store.agency_by_name(name.trim())?.filter(|a| a.id != agency.id) {
            return Err(Error::Said(
                ErrorCode::Invalid,
                format!("“{file}”是{}的报告，不是{}的，未记录。", other.name, agency.name),
            ));
        }
    }
    Ok(ret)
}

/// One page of a folder checked: its agency, date, days late and what differs.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PageChecked {
    pub agency: String,
    pub file: String,
    pub publication: Publication,
}

/// A folder of saved pages checked at once.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct FolderChecked {
    pub checked: Vec<PageChecked>,
    /// Files that are no page of an agency of the roster (with why).
    pub refused: Vec<(String, String)>,
    /// The roster's agencies with no page in the folder: 未见公开.
    pub unseen: Vec<String>,
}

/// Every saved page of a folder matched to its agency (roster, aliases) and checked; the roster's
/// agencies asked to report with no page listed as 未见公开.
pub fn check_folder(store: &mut Store, year: i32, dir: &Path) -> Result<FolderChecked> {
    if !dir.is_dir() {
        return Err(Error::Said(ErrorCode::FolderMissing, format!("文件夹“{}”不存在。", dir.display())));
    }
    let mut out = FolderChecked::default();
    for path in super::collect_files(&[dir.to_path_buf()], store.path()) {
        let file = crate::import::display_name(&path);
        let agency = match super::read(&path, &Overrides { year: Some(year), ..Default::default() }) {
            Ok(ret) => match ret.agency.as_deref().map(|n| store.match_name(n)).transpose()? {
                Some(m) if m.agency.is_some() && m.kind != crate::model::MatchKind::Close => m.agency,
                _ => None,
            },
            Err(e) => {
                out.refused.push((file.clone(), unreadable_page(&file, e).to_string()));
                continue;
            }
        };
        let Some(agency) = agency else {
            out.refused.push((file.clone(), format!("“{file}”的单位不在名册中，未核对。")));
            continue;
        };
        match check(store, &agency, year, &Published { page: Some(path.clone()), ..Default::default() }) {
            Ok(p) => out.checked.push(PageChecked { agency: agency.name, file, publication: p }),
            Err(e) => out.refused.push((file, e.to_string())),
        }
    }
    let seen: Vec<&str> = out.checked.iter().map(|c| c.agency.as_str()).collect();
    out.unseen = store
        .status(year)?
        .into_iter()
        .filter(|s| s.expected && !seen.contains(&s.agency.name.as_str()))
        .map(|s| s.agency.name)
        .collect();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_is_read_only_with_a_year_month_and_day_in_range() {
        assert_eq!(iso_date("2024年1月25日").as_deref(), Some("2024-01-25"));
        assert_eq!(iso_date("2024/12/31 10:45").as_deref(), Some("2024-12-31"));
        for out in ["1999-01-05", "2100-01-05", "2024-00-05", "2024-13-05", "2024-01-00", "2024-01-32", "2024-01"] {
            assert_eq!(iso_date(out), None, "{out}");
        }
    }

    #[test]
    fn days_are_counted_as_the_civil_calendar_counts_them() {
        // As `date -d 2024-01-31 +%s` / 86400 counts.
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2000-02-29"), Some(11016));
        assert_eq!(day_number("2024-01-31"), Some(19753));
        assert_eq!(day_number("2024-03-01"), Some(19783));
        assert_eq!(days_late("2024-03-01", "2024-02-28"), 2, "a leap year's February");
        assert_eq!(days_late("2023-03-01", "2023-02-28"), 1);
        assert_eq!(days_late("2025-01-01", "2024-12-31"), 1);
        assert_eq!(days_late("2024-01-31", "2024-01-31"), 0, "on the day is on time");
        assert_eq!(days_late("2024-01-30", "2024-01-31"), 0);
        assert_eq!(days_late("", "2024-01-31"), 0);
    }

    #[test]
    fn a_page_says_its_date_by_label_tags_between_then_by_its_meta_then_the_signature() {
        let page = "<p>2023年12月30日</p><span>发布日期：</span><span>2024-01-25</span><p>2023-01-01</p>";
        assert_eq!(page_date(page, ""), Some(("2024-01-25".into(), "发布日期")));
        // Six characters between the label and the date are its punctuation; seven are something else.
        assert_eq!(page_date("发布时间：     2024-01-26", ""), Some(("2024-01-26".into(), "发布时间")));
        assert_eq!(page_date("发布时间：      2024-01-26", "2024-01-20"), Some(("2024-01-20".into(), "成文日期")));
        let head = "<html><head><title>示范县教育局2023年政府信息公开工作年度报告</title>";
        let meta = format!(r#"{head}<meta name="PubDate" content="2024-01-27 09:00"><p>2023-01-01</p>"#);
        assert_eq!(page_date(&meta, ""), Some(("2024-01-27".into(), "PubDate")));
        let quoted = format!("{head}<META NAME='pubdate' CONTENT='2024/1/28'></head>");
        assert_eq!(page_date(&quoted, "2024-01-20"), Some(("2024-01-28".into(), "PubDate")));
        assert_eq!(page_date("<p>没有日期</p>", "2024年1月20日"), Some(("2024-01-20".into(), "成文日期")));
        assert_eq!(page_date("<p>没有日期</p>", ""), None);
    }

    #[test]
    fn a_saved_page_names_its_address() {
        let page = "<!-- saved from url=(0052)http://www.example.gov.cn/art/2024/1/25/art_1.html -->\n<html>";
        assert_eq!(saved_from(page).as_deref(), Some("http://www.example.gov.cn/art/2024/1/25/art_1.html"));
        assert_eq!(saved_from("<!-- saved from url=(0000)-->"), None);
        assert_eq!(saved_from("<html></html>"), None);
    }
}
