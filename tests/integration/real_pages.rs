//! Reports as agencies write them and portals publish them, with the habits no form imitates: a
//! portal's furniture around the article (an accessibility bar, hot words, breadcrumbs, an 索引号
//! block, the 发布日期 of the year after), titled sub-parts with half-width brackets, a bracket
//! missing, `<h3>` headings, a run-in （一）, a 落款, tables in slices each with a small header, a
//! GBK page that says it is UTF-8; Word reports with their own overview before （一）; and the five
//! seeds as pages. Every figure, part and the agency are asserted; no part a report has is missing.

use crate::common::{assert_figures, figures, shared, tempdir};
use crate::documents::{ret_with, table_figures};
use nianbao::export::word::Merge;
use nianbao::forms::{Format, Table};
use nianbao::import;
use nianbao::model::{Return, Rule};
use std::collections::BTreeMap;

/// The narrative parts of the page as the tests expect them back.
const PARTS: &[(&str, &str, &str)] = &[
    ("一", "", "2023年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政务公开。"),
    ("一（一）", "<h3>(一) 扎实推进主动公开。</h3>", "全年主动公开政府信息126条。"),
    ("一（二）", "<p><strong>（二）依法规范办理依申请公开</strong></p>", "全年收到政府信息公开申请3件，均按时答复。"),
    ("一（三）", "<p><strong>三）健全制度机制，规范信息管理</strong></p>", "严格落实公文公开属性源头认定。"),
    ("一（四）", "<p><strong>（四）加强阵地建设方面</strong></p>", "网站专栏运行平稳。"),
    ("一（五）", "<p><strong>（五）回应关切，接受监督</strong></p>", "将政务公开纳入年度考核。"),
    ("五", "<h2>五、存在问题和改进措施</h2>", "公开意识还需加强。下一步将加强培训。"),
    ("六", "<h2>六、其他需要报告的事项</h2>", "本机关未收取信息处理费。"),
];

pub(crate) fn part(key: &str) -> (&'static str, &'static str) {
    PARTS.iter().find(|(k, _, _)| *k == key).map(|(_, h, b)| (*h, *b)).unwrap()
}

/// A report table as HTML rows (vertical merges as rowspans), from the app's own table layout.
pub(crate) fn html_rows(t: Table, ret: &Return) -> Vec<(String, usize)> {
    let spec = nianbao::export::draft::table_spec(t, ret);
    // Each cell's grid column, to find the rows a vertical merge continues into.
    let placed: Vec<Vec<(u32, &nianbao::export::word::Cell)>> = spec
        .rows
        .iter()
        .map(|row| {
            let mut col = 0;
            row.iter()
                .map(|c| {
                    let at = col;
                    col += c.span.max(1);
                    (at, c)
                })
                .collect()
        })
        .collect();
    let mut out = Vec::new();
    for (r, row) in placed.iter().enumerate() {
        let mut html = String::from("<tr>");
        let mut reach = r;
        for (col, c) in row {
            if c.merge == Merge::Continue {
                continue;
            }
            let mut span = 1;
            if c.merge == Merge::Restart {
                while placed
                    .get(r + span)
                    .is_some_and(|next| next.iter().any(|(k, n)| k == col && n.merge == Merge::Continue))
                {
                    span += 1;
                }
            }
            reach = reach.max(r + span - 1);
            html.push_str(&format!("<td rowspan=\"{span}\" colspan=\"{}\">{}</td>", c.span.max(1), c.text));
        }
        html.push_str("</tr>");
        out.push((html, reach));
    }
    out
}

pub(crate) fn table(rows: &[(String, usize)]) -> String {
    format!("<table border=\"1\">{}</table>", rows.iter().map(|(h, _)| h.as_str()).collect::<String>())
}

/// 表三 in three slices cut where no merged cell crosses: the second repeats the bottom header
/// row, the third starts with a 续表 line after a paragraph of its own.
fn apply_in_slices(ret: &Return) -> String {
    let rows = html_rows(Table::Apply, ret);
    let reach_before = |i: usize| rows[..i].iter().map(|(_, r)| *r).max().unwrap_or(0);
    let cuts: Vec<usize> = (1..rows.len())
        .filter(|i| reach_before(*i) < *i && rows[*i].0.contains(|c: char| c.is_ascii_digit()))
        .collect();
    let (a, b) = (cuts[cuts.len() / 3], cuts[2 * cuts.len() / 3]);
    let header = rows.iter().take_while(|(h, _)| !h.contains("本年新收")).last().unwrap().clone();
    let mut second = vec![header];
    second.extend_from_slice(&rows[a..b]);
    let width = nianbao::export::draft::table_spec(Table::Apply, ret).grid.len();
    let mut third = vec![(format!("<tr><td colspan=\"{width}\">（续表）单位：件</td></tr>"), 0)];
    third.extend_from_slice(&rows[b..]);
    format!("{}{}<p>续表</p>{}", table(&rows[..a]), table(&second), table(&third))
}

/// A portal's page of 沂水县应急管理局's 2023 report, published 2024-01-25, saved from the browser.
pub(crate) fn portal_page(figs: &BTreeMap<String, f64>, charset: &str) -> String {
    let mut ret = ret_with(figs, Format::Gov2021);
    ret.year = Some(2023);
    let mut html = format!(
        r#"<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>沂水县应急管理局2023年政府信息公开工作年度报告_沂水县人民政府</title></head><body>
<div class="top-bar">长者模式 无障碍浏览 热词：营商环境 乡村振兴</div>
<div class="position">当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年报</div>
<div class="xxgk-info"><table><tr><td>索引号：</td><td>11371323MB2860/2024-00012</td><td>发布机构：</td><td>沂水县应急管理局</td></tr>
<tr><td>标题：</td><td>沂水县应急管理局2023年政府信息公开工作年度报告</td><td>发布日期：</td><td>2024-01-25</td></tr></table></div>
<div class="title"><h1>沂水县应急管理局2023年政府信息公开工作年度报告</h1></div>
<div class="info">发布日期：2024-01-25 浏览次数：128 字号：大 中 小</div>
<p>本报告由沂水县应急管理局根据《中华人民共和国政府信息公开条例》编制。本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。</p>
<h2>一、总体情况</h2><p>{}</p>"#,
        part("一").1
    );
    for key in ["一（一）", "一（二）", "一（三）", "一（四）", "一（五）"] {
        let (h, b) = part(key);
        html.push_str(&format!("{h}<p>{b}</p>"));
    }
    html.push_str("<h2>二、主动公开政府信息情况</h2>");
    html.push_str(&table(&html_rows(Table::Active, &ret)));
    html.push_str("<h2>三、收到和处理政府信息公开申请情况</h2>");
    html.push_str(&apply_in_slices(&ret));
    html.push_str("<h2>四、政府信息公开行政复议、行政诉讼情况</h2>");
    html.push_str(&table(&html_rows(Table::Review, &ret)));
    for key in ["五", "六"] {
        let (h, b) = part(key);
        html.push_str(&format!("{h}<p>{b}</p>"));
    }
    html.push_str(
        r#"<p style="text-align:right">沂水县应急管理局</p><p style="text-align:right">2024年1月25日</p>
<p>附件下载：<a href="/files/2023年报.docx">2023年报.docx</a></p>
<div class="btns">【打印本页】【关闭窗口】</div>
<div class="footer">主办单位：沂水县人民政府办公室 网站标识码：3713230001</div></body></html>"#,
    );
    html
}

fn assert_the_page(ret: &Return, figs: &BTreeMap<String, f64>, what: &str) {
    assert_eq!((ret.agency.as_deref(), ret.year), (Some("沂水县应急管理局"), Some(2023)), "{what}");
    assert_eq!(ret.tables, vec![Table::Active, Table::Apply, Table::Review], "{what}");
    assert_figures(ret, &table_figures(figs));
    let doc = ret.document.as_ref().unwrap();
    assert_eq!(doc.title, "沂水县应急管理局2023年政府信息公开工作年度报告", "{what}");
    assert_eq!(
        doc.headings,
        ["一", "一（一）", "一（二）", "一（三）", "一（四）", "一（五）", "二", "三", "四", "五", "六"],
        "{what}"
    );
    for (key, _, body) in PARTS {
        assert_eq!(doc.section(key).map(|s| s.text.as_str()), Some(*body), "{what}: {key}");
    }
    assert_eq!((doc.signed_by.as_str(), doc.signed_on.as_str()), ("沂水县应急管理局", "2024年1月25日"), "{what}");
    let text = doc.full_text();
    for clutter in ["附件下载", "长者模式", "索引号", "热词", "关闭窗口", "浏览次数"] {
        assert!(!text.contains(clutter), "{what}: “{clutter}” is the portal's, not the report's");
    }
    let review = nianbao::checks::check(ret);
    let about_parts: Vec<_> = review
        .iter()
        .filter(|f| matches!(f.rule, Rule::ReportParts | Rule::ReportTitle | Rule::Missing | Rule::ReportingPeriod))
        .collect();
    assert!(about_parts.is_empty(), "{what}: a good report gets no finding about its parts: {about_parts:?}");
}

#[test]
fn a_saved_portal_page_lands_on_its_agency_year_parts_and_tables() {
    let dir = tempdir();
    let figs = figures(Format::Gov2021, false, 2023);
    let page = portal_page(&figs, "utf-8");
    // Saved under the portal's own name: nothing in the name helps.
    let path = dir.path().join("art_20240125_104512.html");
    std::fs::write(&path, &page).unwrap();
    let ret = import::read(&path, &Default::default()).unwrap();
    assert_the_page(&ret, &figs, "UTF-8 page");
    // The same page saved in GBK by an editor that kept the template's charset=utf-8.
    let (gbk, _, _) = encoding_rs::GBK.encode(&page);
    let path = dir.path().join("t20240125_3344.htm");
    std::fs::write(&path, &gbk).unwrap();
    let ret = import::read(&path, &Default::default()).unwrap_or_else(|e| panic!("a GBK page saying UTF-8: {e}"));
    assert_the_page(&ret, &figs, "GBK page declared UTF-8");
}

#[test]
fn a_title_glued_to_the_portals_bar_and_hot_words_still_names_the_agency() {
    let dir = tempdir();
    let figs = figures(Format::Gov2021, false, 7);
    let page = portal_page(&figs, "utf-8")
        .replace(
            r#"<div class="title"><h1>沂水县应急管理局2023年政府信息公开工作年度报告</h1></div>"#,
            r#"<div class="title">长者模式 无障碍浏览 热词：营商环境 乡村振兴<span>沂水县应急管理局2023年政府信息公开工作年度报告</span></div>"#,
        )
        .replace(r#"<div class="top-bar">长者模式 无障碍浏览 热词：营商环境 乡村振兴</div>"#, "");
    let path = dir.path().join("index.html");
    std::fs::write(&path, &page).unwrap();
    let ret = import::read(&path, &Default::default()).unwrap();
    assert_eq!((ret.agency.as_deref(), ret.year), (Some("沂水县应急管理局"), Some(2023)));
    assert_eq!(ret.document.unwrap().title, "沂水县应急管理局2023年政府信息公开工作年度报告");
}

/// The seeds as pages: each line a paragraph (their tables are lines too, as a careless portal
/// pastes them), the converter's [bookmark]/[image] marks dropped.
fn seed_page(text: &str) -> String {
    let mut html = String::from("<html><head><meta charset=\"utf-8\"></head><body>");
    for line in text.lines() {
        let line = line.replace("[bookmark: _GoBack]", "");
        if line.trim().is_empty() || line.trim_start().starts_with("[image") {
            continue;
        }
        html.push_str(&format!("<p>{}</p>", line.trim()));
    }
    html.push_str("</body></html>");
    html
}

#[test]
fn the_seeds_as_pages_have_every_part_they_have_and_their_signature() {
    let dir = tempdir();
    // (seed, agency, year, every part of 一 written with a heading, 落款's date)
    let seeds = [
        ("000_4c47dfb7722f3c9d.txt", "沂源县供销合作社联合社", 2021, "2022年1月29日"),
        ("002_1f87cd3b0422029d.txt", "泗水县商务局", 2021, ""),
        ("004_f0fde017bca519d7.txt", "沂源县悦庄镇人民政府", 2020, "2021年2月4日"),
    ];
    for (seed, agency, year, signed_on) in seeds {
        let text = std::fs::read_to_string(shared().join("seeds").join(seed)).unwrap();
        let path = dir.path().join(format!("{seed}.html"));
        std::fs::write(&path, seed_page(&text)).unwrap();
        let ret = import::read(&path, &Default::default()).unwrap_or_else(|e| panic!("{seed}: {e}"));
        assert_eq!((ret.agency.as_deref(), ret.year), (Some(agency), Some(year)), "{seed}");
        let doc = ret.document.as_ref().unwrap();
        for key in ["一", "一（一）", "一（二）", "一（三）", "一（四）", "一（五）", "五", "六"]
        {
            assert!(doc.headings.iter().any(|h| h == key), "{seed}: {key} missing from {:?}", doc.headings);
        }
        assert_eq!(doc.signed_on, signed_on, "{seed}");
        // Their 五 names problems and measures with substance: no "part five" finding.
        let five: Vec<_> = nianbao::checks::check(&ret).into_iter().filter(|f| f.rule == Rule::PartFive).collect();
        assert!(five.is_empty(), "{seed}: {five:?}");
        assert!(!doc.section("六").is_some_and(|s| s.text.ends_with(signed_on) && !signed_on.is_empty()), "{seed}");
    }
}

/// A Word report as offices type it: the title on two lines, 一's own overview before （一）, the
/// sub-parts titled in the agency's words, 三 in two slices with the header repeated, 五 worded
/// otherwise, and the 落款 right-aligned at the end.
pub(crate) fn office_docx(figs: &BTreeMap<String, f64>) -> Vec<u8> {
    use docx_rs::{AlignmentType, Docx, Paragraph, Run};
    let ret = ret_with(figs, Format::Gov2021);
    let p = |t: &str| Paragraph::new().add_run(Run::new().add_text(t));
    let b = |t: &str| Paragraph::new().add_run(Run::new().add_text(t).bold());
    let mut doc = Docx::new()
        .add_paragraph(b("沂水县许家湖镇人民政府").align(AlignmentType::Center))
        .add_paragraph(b("2021年政府信息公开工作年度报告").align(AlignmentType::Center))
        .add_paragraph(p("本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。"))
        .add_paragraph(b("一、总体情况"))
        .add_paragraph(p("2021年，我镇坚持以公开为常态、不公开为例外。"))
        .add_paragraph(b("（一）坚持主动公开，提升公开质效"))
        .add_paragraph(p("全年主动公开信息210条。"))
        .add_paragraph(b("（二）规范办理依申请公开"))
        .add_paragraph(p("全年未收到申请。"))
        .add_paragraph(b("（三）夯实基础，规范管理"))
        .add_paragraph(p("规范发文流程。"))
        .add_paragraph(b("（四）优化公开载体"))
        .add_paragraph(p("用好镇政务公开栏。"))
        .add_paragraph(b("（五）强化组织保障"))
        .add_paragraph(p("明确专人负责。"))
        .add_paragraph(b("二、主动公开政府信息情况"))
        .add_table(crate::documents::word_table(Table::Active, &ret))
        .add_paragraph(b("三、收到和处理政府信息公开申请情况"));
    let apply = crate::documents::word_table(Table::Apply, &ret);
    let mut first = apply.clone();
    let rest = first.rows.split_off(16);
    let mut second = apply.clone();
    second.rows = first.rows[..3].to_vec();
    second.rows.extend(rest);
    doc = doc
        .add_table(first)
        .add_paragraph(Paragraph::new())
        .add_table(second)
        .add_paragraph(b("四、政府信息公开行政复议、行政诉讼情况"))
        .add_table(crate::documents::word_table(Table::Review, &ret))
        .add_paragraph(b("五、存在问题和改进措施"))
        .add_paragraph(p("信息更新不够及时。下一步将建立台账。"))
        .add_paragraph(b("六、其他需要报告的事项"))
        .add_paragraph(p("本机关未收取信息处理费。"))
        .add_paragraph(Paragraph::new())
        .add_paragraph(p("沂水县许家湖镇人民政府").align(AlignmentType::Right))
        .add_paragraph(p("2022年1月20日").align(AlignmentType::Right));
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).expect("docx written");
    out.into_inner()
}

pub(crate) fn assert_office_report(ret: &Return, figs: &BTreeMap<String, f64>, what: &str) {
    assert_eq!((ret.agency.as_deref(), ret.year), (Some("沂水县许家湖镇人民政府"), Some(2021)), "{what}");
    assert_figures(ret, &table_figures(figs));
    let doc = ret.document.as_ref().unwrap();
    let text = |k: &str| doc.section(k).map(|s| s.text.clone()).unwrap_or_default();
    assert_eq!(text("一"), "2021年，我镇坚持以公开为常态、不公开为例外。", "{what}: 一's own overview");
    assert_eq!(text("一（三）"), "规范发文流程。", "{what}");
    assert_eq!(text("一（五）"), "明确专人负责。", "{what}");
    assert_eq!(text("五"), "信息更新不够及时。下一步将建立台账。", "{what}");
    assert_eq!(text("六"), "本机关未收取信息处理费。", "{what}: the 落款 is not 六's text");
    assert_eq!((doc.signed_by.as_str(), doc.signed_on.as_str()), ("沂水县许家湖镇人民政府", "2022年1月20日"));
    let findings = nianbao::checks::check(ret);
    assert!(
        !findings.iter().any(|f| matches!(f.rule, Rule::ReportParts | Rule::Missing | Rule::ReportTitle)),
        "{what}: {findings:?}"
    );
}

#[test]
fn a_word_report_as_offices_type_it_keeps_its_overview_and_its_signature() {
    let dir = tempdir();
    let figs = figures(Format::Gov2021, false, 21);
    let path = dir.path().join("许家湖镇年报（定稿）.docx");
    std::fs::write(&path, office_docx(&figs)).unwrap();
    let ret = import::read(&path, &Default::default()).unwrap();
    assert_office_report(&ret, &figs, "docx");
}

#[test]
fn a_signature_naming_another_agency_than_the_title_is_a_finding_and_the_title_wins() {
    let dir = tempdir();
    let figs = figures(Format::Gov2021, false, 22);
    let page = portal_page(&figs, "utf-8")
        .replace(r#"text-align:right">沂水县应急管理局</p>"#, r#"text-align:right">沂水县林业局</p>"#);
    let path = dir.path().join("page.html");
    std::fs::write(&path, page).unwrap();
    let ret = import::read(&path, &Default::default()).unwrap();
    assert_eq!(ret.agency.as_deref(), Some("沂水县应急管理局"));
    let title: Vec<_> = nianbao::checks::check(&ret).into_iter().filter(|f| f.rule == Rule::ReportTitle).collect();
    assert_eq!(title.len(), 1, "{title:?}");
    assert!(title[0].message.contains("落款却是“沂水县林业局”"), "{}", title[0].message);
}

// OpenDocument: the fixtures in tests/fixtures/odf are LibreOffice 7's own saves (soffice
// --headless --convert-to odt/ods) of the files these tests write with seed 21: `office_docx`, the
// auto-numbered `report_docx` and the generated return with its 统计表 and formulas.

fn twin_figures() -> BTreeMap<String, f64> {
    let mut figs = figures(Format::Gov2021, true, 21);
    // LibreOffice saved these twins when the generator still gave 规章 figures (it gives none now:
    // a county makes no 规章): the files hold them as they were.
    for (id, v) in [("active.rules.issued", 3.0), ("active.rules.repealed", 7.0), ("active.rules.valid", 6.0)] {
        figs.insert(id.into(), v);
    }
    figs
}

#[test]
fn an_odt_report_gives_the_figures_and_parts_of_its_docx_twin() {
    let dir = tempdir();
    let figs = twin_figures();
    let odt =
        import::read(&crate::common::fixture("odf/许家湖镇年报（LibreOffice 另存）.odt"), &Default::default()).unwrap();
    assert_eq!(odt.source, nianbao::model::SourceKind::Word);
    assert_office_report(&odt, &figs, "odt");
    let auto =
        import::read(&crate::common::fixture("odf/2021-泗水县商务局（自动编号）.odt"), &Default::default()).unwrap();
    let path = dir.path().join("2021-泗水县商务局.docx");
    std::fs::write(&path, crate::documents::report_docx(&figs, crate::documents::Headings::AutoNumbered, false))
        .unwrap();
    let docx = import::read(&path, &Default::default()).unwrap();
    assert_eq!((auto.agency.clone(), auto.year), (docx.agency.clone(), docx.year));
    let values = |r: &Return| r.figures.iter().map(|f| (f.id.clone(), f.value)).collect::<Vec<_>>();
    assert_eq!(values(&auto), values(&docx), "every figure as its .docx twin has it");
    let (a, d) = (auto.document.unwrap(), docx.document.unwrap());
    assert_eq!(a.headings, d.headings, "list numbers worked out from the list styles");
    assert_eq!(
        a.sections.iter().map(|s| (&s.key, &s.text)).collect::<Vec<_>>(),
        d.sections.iter().map(|s| (&s.key, &s.text)).collect::<Vec<_>>()
    );
}

#[test]
fn an_ods_return_gives_exactly_the_figures_of_its_xlsx_twin() {
    let dir = tempdir();
    let figs = twin_figures();
    let options =
        nianbao::generate::Options { stats: true, formulas: true, ..nianbao::generate::Options::new(Format::Gov2021) };
    let xlsx = crate::common::write_return(dir.path(), "2021-示范县测试局.xlsx", &options, &figs);
    let want = import::read(&xlsx, &Default::default()).unwrap();
    let ods = import::read(&crate::common::fixture("odf/2021-示范县测试局.ods"), &Default::default()).unwrap();
    assert_eq!((ods.agency.as_deref(), ods.year), (Some("示范县测试局"), Some(2021)));
    assert_figures(&ods, &figs);
    let values = |r: &Return| r.figures.iter().map(|f| (f.id.clone(), f.value, f.cell.clone())).collect::<Vec<_>>();
    assert_eq!(values(&ods), values(&want), "same figures, same cells");
    // Stored like any return, with its provenance.
    let mut store = nianbao::store::Store::open(&dir.path().join("c.db")).unwrap();
    let files = vec![crate::common::fixture("odf/2021-示范县测试局.ods")];
    let summary = nianbao::service::import_files(&mut store, &files, &Default::default(), |_, _, _| {});
    assert_eq!(summary.imported, 1, "{:?}", summary.refused);
}

/// A spreadsheet whose content.xml repeats a filled cell a million times across and a filled row
/// a million times down: read in bounded time and memory, or refused in one sentence.
#[test]
fn a_hostile_ods_repeating_a_cell_without_end_costs_what_its_bytes_cost() {
    use std::io::Write;
    let dir = tempdir();
    let content = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="年报"><table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="1000000" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let path = dir.path().join("2021-某局.ods");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
    zip.start_file("content.xml", zip::write::SimpleFileOptions::default()).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap();
    let (err, peak) = crate::common::inspect_peak_mb(&path);
    assert!(peak < 600.0, "peak {peak} MB");
    assert!(err.contains("2021-某局.ods"), "{err}");
}

/// A folder as agencies send it: returns beside a .doc, a .wps, a PDF, a zip, a RAR, a scanned
/// picture, an Office lock file and a hidden file. Every file the office sees is listed with its
/// sentence; the lock and hidden files, which it does not see, are not.
#[test]
fn a_folder_lists_every_file_with_what_became_of_it() {
    let dir = tempdir();
    let inbox = dir.path().join("收件箱");
    std::fs::create_dir(&inbox).unwrap();
    let options = nianbao::generate::Options::new(Format::Gov2021);
    crate::common::write_return(&inbox, "2021-沂水县甲局.xlsx", &options, &figures(Format::Gov2021, false, 1));
    {
        let mut cf = cfb::create(inbox.join("2021-沂水县乙局年报.doc")).unwrap();
        let mut s = cf.create_stream("/WordDocument").unwrap();
        std::io::Write::write_all(&mut s, &[0u8; 4096]).unwrap();
    }
    std::fs::copy(inbox.join("2021-沂水县乙局年报.doc"), inbox.join("2021-沂水县丙局年报.wps")).unwrap();
    std::fs::write(inbox.join("2021-沂水县丁局年报.pdf"), b"%PDF-1.7\n1 0 obj<<>>endobj\n").unwrap();
    let mut zip = zip::ZipWriter::new(std::fs::File::create(inbox.join("各乡镇报表.zip")).unwrap());
    zip.start_file("说明.txt", zip::write::SimpleFileOptions::default()).unwrap();
    std::io::Write::write_all(&mut zip, "请查收".as_bytes()).unwrap();
    zip.finish().unwrap();
    std::fs::write(inbox.join("戊镇报表.rar"), b"Rar!\x1a\x07\x01\x00rest").unwrap();
    std::fs::write(inbox.join("己镇报表扫描件.jpg"), b"\xff\xd8\xff\xe0\x00\x10JFIF").unwrap();
    std::fs::write(inbox.join("~$2021-沂水县甲局.xlsx"), b"lock").unwrap();
    std::fs::write(inbox.join(".DS_Store"), b"\0\0\0\x01Bud1").unwrap();
    let listed = nianbao::service::collect_files(std::slice::from_ref(&inbox), &inbox.join("none.db"));
    assert_eq!(listed.len(), 7, "{listed:?}");
    let db = dir.path().join("c.db");
    // Refusals make the exit status non-zero, as for any import with refused files.
    let out = crate::common::cli().arg("--db").arg(&db).arg("import").arg(&inbox).output().unwrap();
    assert!(!out.status.success());
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    for (file, words) in [
        ("2021-沂水县乙局年报.doc", "另存为"),
        ("2021-沂水县丙局年报.wps", "另存为"),
        ("2021-沂水县丁局年报.pdf", "门户网站上的网页"),
        ("各乡镇报表.zip", "先解压"),
        ("戊镇报表.rar", "先解压"),
        ("己镇报表扫描件.jpg", "图片"),
    ] {
        let line = said.lines().find(|l| l.contains(file)).unwrap_or_else(|| panic!("{file} not listed:\n{said}"));
        assert!(line.contains(words), "{file}: {line}");
    }
    assert!(!said.contains("~$") && !said.contains(".DS_Store"), "{said}");
    assert!(said.contains("2021-沂水县甲局.xlsx") || said.contains("沂水县甲局"), "{said}");
}
