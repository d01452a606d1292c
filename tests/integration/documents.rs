//! Report documents: Word files (.docx, as Word and WPS write them) and pages saved from a portal
//! (.html, UTF-8 and GBK), written here in the real reports' layouts (../shared/seeds): auto-numbered
//! headings, run-in headings, bold headings without numbers, numbering slips, tables split by a
//! page, tables as pictures, portal clutter. Every section and figure is asserted.

use crate::common::{figures, shared, tempdir};
use docx_rs::{
    AbstractNumbering, Docx, IndentLevel, Level, LevelJc, LevelText, NumberFormat, Numbering, NumberingId, Paragraph,
    Pic, Run, Start, TableCell, TableRow, VMergeType,
};
use nianbao::forms::layout::{self, Content};
use nianbao::forms::{Format, Table};
use nianbao::import::{self, ImportError};
use nianbao::model::{Figure, ReportOf, Return, Rule, SectionState, SourceKind};
use nianbao::service;
use nianbao::store::Store;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A return holding `figs` for the tables of a document.
pub(crate) fn ret_with(figs: &BTreeMap<String, f64>, format: Format) -> Return {
    Return {
        file: String::new(),
        agency: None,
        year: Some(2021),
        format,
        tables: vec![Table::Active, Table::Apply, Table::Review],
        figures: figs
            .iter()
            .filter(|(id, _)| !id.starts_with("stats."))
            .map(|(id, v)| Figure {
                id: id.clone(),
                value: Some(*v),
                raw: String::new(),
                sheet: String::new(),
                cell: String::new(),
            })
            .collect(),
        source: SourceKind::Workbook,
        document: None,
        indicators: None,
        unplaced: Vec::new(),
        not_in_table: Vec::new(),
    }
}

pub(crate) fn table_figures(figs: &BTreeMap<String, f64>) -> BTreeMap<String, f64> {
    figs.iter().filter(|(id, _)| !id.starts_with("stats.")).map(|(k, v)| (k.clone(), *v)).collect()
}

fn text(t: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(t))
}

fn bold(t: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(t).bold())
}

/// How the six parts' headings are written.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Headings {
    /// 一、 and （一） from numbering.xml (Word's automatic numbering), the titles as text.
    AutoNumbered,
    /// Bold runs, typed numbers with slips ("3、", "（5）"), run-in （一） headings: WPS-style.
    BoldTyped,
}

/// The body text of each narrative part, as the tests expect it back.
fn bodies() -> Vec<(&'static str, &'static str)> {
    vec![
        ("一", "2021年，我局认真贯彻落实《中华人民共和国政府信息公开条例》。"),
        ("一（一）", "我局高度重视主动公开工作，全年主动公开政府信息84条。"),
        ("一（二）", "全年办理政府信息公开申请，均按时答复。"),
        ("一（三）", "严格执行信息公开审核制度。"),
        ("一（四）", "进一步完善政府网站信息公开专栏。"),
        ("一（五）", "将政务公开纳入年度考核。"),
        ("五", "一是公开意识还需加强。\n二是专栏更新不够及时。"),
        ("六", "本机关未收取信息处理费。"),
    ]
}

/// A report in the layout of seed 002: title, preamble with 统计期限, 一 with its five parts, the
/// tables 二 三 四 (三 broken by a page into two tables, the header not repeated), 五, 六.
pub(crate) fn report_docx(
    figs: &BTreeMap<String, f64>,
    headings: Headings,
    pictures_instead_of_tables: bool,
) -> Vec<u8> {
    let ret = ret_with(figs, Format::Gov2021);
    let body = bodies();
    let b = |k: &str| body.iter().find(|(x, _)| *x == k).map(|(_, t)| *t).unwrap_or("");
    let mut doc = Docx::new()
        .add_abstract_numbering(
            AbstractNumbering::new(1)
                .add_level(Level::new(
                    0,
                    Start::new(1),
                    NumberFormat::new("chineseCounting"),
                    LevelText::new("%1、"),
                    LevelJc::new("left"),
                ))
                .add_level(Level::new(
                    1,
                    Start::new(1),
                    NumberFormat::new("chineseCounting"),
                    LevelText::new("（%2）"),
                    LevelJc::new("left"),
                )),
        )
        .add_numbering(Numbering::new(1, 1));
    let h1 = |t: &str, typed: &str| match headings {
        Headings::AutoNumbered => text(t).numbering(NumberingId::new(1), IndentLevel::new(0)),
        Headings::BoldTyped => bold(&format!("{typed}{t}")),
    };
    let h2 = |t: &str, typed: &str| match headings {
        Headings::AutoNumbered => text(t).numbering(NumberingId::new(1), IndentLevel::new(1)),
        Headings::BoldTyped => bold(&format!("{typed}{t}")),
    };
    doc = doc
        .add_paragraph(bold("泗水县商务局"))
        .add_paragraph(bold("2021年政府信息公开工作年度报告"))
        .add_paragraph(text("本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。"))
        .add_paragraph(h1("总体情况", "一、"))
        .add_paragraph(text(b("一")));
    // （一） is run in: heading and body share one paragraph (seed 002).
    doc = match headings {
        Headings::AutoNumbered => doc.add_paragraph(
            text(&format!("主动公开。{}", b("一（一）"))).numbering(NumberingId::new(1), IndentLevel::new(1)),
        ),
        Headings::BoldTyped => doc.add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("（一）主动公开。").bold())
                .add_run(Run::new().add_text(b("一（一）"))),
        ),
    };
    doc = doc
        .add_paragraph(h2("依申请公开", "（二）"))
        .add_paragraph(text(b("一（二）")))
        .add_paragraph(h2("政府信息管理", "（三）"))
        .add_paragraph(text(b("一（三）")))
        .add_paragraph(h2("政府信息公开平台建设", "（四）"))
        .add_paragraph(text(b("一（四）")))
        // A numbering slip seen in real reports: （5） for （五）.
        .add_paragraph(h2("监督保障情况", if headings == Headings::BoldTyped { "（5） " } else { "" }))
        .add_paragraph(text(b("一（五）")))
        .add_paragraph(h1("主动公开政府信息情况", "二、"));
    if pictures_instead_of_tables {
        let png = tiny_png();
        doc = doc
            .add_paragraph(Paragraph::new().add_run(Run::new().add_image(Pic::new_with_dimensions(png.clone(), 1, 1))))
            .add_paragraph(h1("收到和处理政府信息公开申请情况", "3、"))
            .add_paragraph(Paragraph::new().add_run(Run::new().add_image(Pic::new_with_dimensions(png.clone(), 1, 1))))
            .add_paragraph(h1("政府信息公开行政复议、行政诉讼情况", "四、"))
            .add_paragraph(Paragraph::new().add_run(Run::new().add_image(Pic::new_with_dimensions(png.clone(), 1, 1))));
    } else {
        let mut apply = word_table(Table::Apply, &ret);
        let second = apply.rows.split_off(14);
        let mut apply2 = apply.clone();
        apply2.rows = second;
        doc = doc
            .add_table(word_table(Table::Active, &ret))
            .add_paragraph(text("注：表中数据为本年度数据。"))
            .add_paragraph(h1("收到和处理政府信息公开申请情况", "3、"))
            .add_table(apply)
            .add_paragraph(Paragraph::new())
            .add_table(apply2)
            .add_paragraph(h1("政府信息公开行政复议、行政诉讼情况", "四、"))
            .add_table(word_table(Table::Review, &ret));
    }
    doc = doc
        .add_paragraph(h1("存在的主要问题及改进情况", "五、"))
        .add_paragraph(text("一是公开意识还需加强。"))
        .add_paragraph(text("二是专栏更新不够及时。"))
        .add_paragraph(h1("其他需要报告的事项", "六、"))
        .add_paragraph(text(b("六")));
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).expect("docx written");
    out.into_inner()
}

/// A 1×1 PNG: a table pasted as a picture.
pub(crate) fn tiny_png() -> Vec<u8> {
    vec![
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
        0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00,
        0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D,
        0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn assert_sections(ret: &Return) {
    let doc = ret.document.as_ref().expect("a document");
    for (key, want) in bodies() {
        let got = doc.section(key).map(|s| s.text.as_str()).unwrap_or("（没有）");
        assert_eq!(got, want, "section {key} of {}", ret.file);
    }
    assert_eq!(
        doc.headings,
        ["一", "一（一）", "一（二）", "一（三）", "一（四）", "一（五）", "二", "三", "四", "五", "六"],
        "{}",
        ret.file
    );
    assert_eq!(doc.title, "泗水县商务局2021年政府信息公开工作年度报告");
    assert!(doc.preamble.contains("统计期限"));
}

#[test]
fn word_documents_auto_numbered_and_wps_style() {
    let dir = tempdir();
    let figs = figures(Format::Gov2021, false, 41);
    for (name, headings) in [
        ("2021-泗水县商务局年度报告.docx", Headings::AutoNumbered),
        ("泗水县商务局2021年报告（WPS）.docx", Headings::BoldTyped),
    ] {
        let path = write(dir.path(), name, &report_docx(&figs, headings, false));
        let ret = import::read(&path, &Default::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(ret.source, SourceKind::Word);
        assert_eq!(
            (ret.agency.as_deref(), ret.year, ret.format),
            (Some("泗水县商务局"), Some(2021), Format::Gov2021),
            "{name}"
        );
        assert_eq!(ret.tables, vec![Table::Active, Table::Apply, Table::Review], "{name}");
        crate::common::assert_figures(&ret, &table_figures(&figs));
        assert_sections(&ret);
        // Provenance: the document's table and the cell.
        let f = ret.figure("apply.deny_process.natural").unwrap();
        assert!(f.sheet.starts_with("表格 ") && !f.cell.is_empty(), "{f:?}");
        let findings = nianbao::checks::check(&ret);
        assert!(findings.is_empty(), "{name}: a consistent report has no finding: {findings:?}");
    }
}

#[test]
fn inspect_json_has_the_sections_as_forms_md_fixes_them() {
    let dir = tempdir();
    let figs = figures(Format::Gov2021, false, 42);
    let path = write(dir.path(), "2021-泗水县商务局.docx", &report_docx(&figs, Headings::AutoNumbered, false));
    let (ret, findings) = service::inspect(&path, &Default::default()).unwrap();
    let v = service::inspect_json(&ret, &findings);
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    assert_eq!(keys, ["agency", "year", "format", "cells", "sections", "findings"]);
    assert_eq!(v["sections"]["一（一）"], "我局高度重视主动公开工作，全年主动公开政府信息84条。");
    assert_eq!(v["sections"]["五"], "一是公开意识还需加强。\n二是专栏更新不够及时。");
    assert_eq!(v["cells"]["apply.new.total"], serde_json::json!(figs["apply.new.total"] as i64));
}

#[test]
fn tables_as_pictures_store_the_sections_and_say_the_tables_are_missing() {
    let dir = tempdir();
    let figs = figures(Format::Gov2021, false, 43);
    let path = write(dir.path(), "2021-泗水县商务局.docx", &report_docx(&figs, Headings::AutoNumbered, true));
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    let s = service::import_files(&mut store, std::slice::from_ref(&path), &Default::default(), |_, _, r| {
        assert!(r.is_ok(), "{:?}", r.as_ref().err())
    });
    assert_eq!((s.imported, s.refused), (1, 0));
    let a = store.agency_by_name("泗水县商务局").unwrap().unwrap();
    let rid = store.db().current_document_id(a.id, 2021).unwrap().unwrap();
    let findings = store.db().findings(rid).unwrap();
    let missing = findings.iter().find(|f| f.rule == Rule::Missing).expect("tables missing");
    assert!(missing.message.contains("图片"), "{}", missing.message);
    // Every narrative section is in the report, as a 草稿, knowing where it came from.
    for (key, want) in bodies() {
        let row = store.section(a.id, 2021, key).unwrap().unwrap_or_else(|| panic!("{key} stored"));
        assert_eq!(
            (row.text.as_str(), row.state, row.source_file.as_str()),
            (want, SectionState::Draft, "2021-泗水县商务局.docx"),
            "{key}"
        );
        assert!(row.source_place.starts_with('第'), "{}", row.source_place);
    }
}

/// table 三 of the layout as HTML with rowspan/colspan, header labels broken by <br> and padded
/// with &nbsp;, inside a one-cell layout table.
fn html_apply_table(figs: &BTreeMap<String, f64>) -> String {
    let lay = layout::layout(Table::Apply, Format::Gov2021);
    let mut html = String::from("<table border=\"1\">");
    for r in 0..lay.height {
        html.push_str("<tr>");
        let mut cells: Vec<_> = lay.cells.iter().filter(|c| c.row == r).collect();
        cells.sort_by_key(|c| c.col);
        for c in cells {
            let text = match &c.content {
                Content::Header(s) if s == "自然人" => "自&nbsp;然&nbsp;人".to_string(),
                Content::Header(s) if s.contains("申请人情况") => s.replace("申请人情况", "申请人<br/>情况"),
                Content::Header(s) | Content::Label(s) | Content::Unit(s) => s.clone(),
                Content::Figure(id) => format!("{}", figs.get(id).copied().unwrap_or(0.0)),
            };
            html.push_str(&format!("<td rowspan=\"{}\" colspan=\"{}\">{}</td>", c.rows, c.cols, text));
        }
        html.push_str("</tr>");
    }
    html.push_str("</table>");
    html
}

pub(crate) fn portal_page(figs: &BTreeMap<String, f64>, charset: &str) -> String {
    let b = bodies();
    let body = |k: &str| b.iter().find(|(x, _)| *x == k).map(|(_, t)| t.replace('\n', "</p><p>")).unwrap_or_default();
    format!(
        r#"<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"><title>泗水县商务局2021年政府信息公开工作年度报告</title>
<script>var _hmt = [];</script></head><body>
<div class="top-nav"><a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 年度报告</div>
<div class="share-box">分享到：微信 微博</div>
<table width="100%"><tr><td>
<div class="article">
<h1>泗水县商务局2021年政府信息公开工作年度报告</h1>
<div class="info">发布时间：2022-01-20 来源：泗水县商务局 字号：大 中 小</div>
<p>本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。</p>
<p><strong>一、总体情况</strong></p><p>{}</p>
<p>（一）主动公开。{}</p>
<p><b>（二）依申请公开</b></p><p>{}</p>
<p><b>（三）政府信息管理</b></p><p>{}</p>
<p><b>（四）政府信息公开平台建设</b></p><p>{}</p>
<p><b>（五）监督保障</b></p><p>{}</p>
<p><strong>二、主动公开政府信息情况</strong></p><p><img src="t2.png"></p>
<p><strong>三、收到和处理政府信息公开申请情况</strong></p>{}
<p>注：第一项加第二项之和，等于第三项加第四项之和。</p>
<p><strong>四、政府信息公开行政复议、行政诉讼情况</strong></p><p><img src="t4.png"></p>
<p><strong>五、存在的主要问题及改进情况</strong></p><p>{}</p>
<p><strong>六、其他需要报告的事项</strong></p><p>{}</p>
</div></td></tr></table>
<div class="footer">主办单位：泗水县人民政府办公室 版权所有 鲁ICP备12345678号</div>
</body></html>"#,
        body("一"),
        body("一（一）"),
        body("一（二）"),
        body("一（三）"),
        body("一（四）"),
        body("一（五）"),
        html_apply_table(figs),
        body("五"),
        body("六"),
    )
}

#[test]
fn saved_pages_utf8_and_gbk_with_portal_clutter() {
    let dir = tempdir();
    let figs = figures(Format::Gov2021, false, 44);
    let utf8 = portal_page(&figs, "utf-8");
    let gbk_page = portal_page(&figs, "gb2312");
    let (gbk, _, _) = encoding_rs::GBK.encode(&gbk_page);
    for (name, bytes) in
        [("泗水县商务局2021年年报.html", utf8.as_bytes().to_vec()), ("2021-泗水县商务局.htm", gbk.into_owned())]
    {
        let path = write(dir.path(), name, &bytes);
        let ret = import::read(&path, &Default::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(ret.source, SourceKind::WebPage);
        assert_eq!((ret.agency.as_deref(), ret.year), (Some("泗水县商务局"), Some(2021)), "{name}");
        assert_eq!(ret.tables, vec![Table::Apply], "{name}: 二 and 四 are pictures on this page");
        let apply: BTreeMap<String, f64> =
            figs.iter().filter(|(k, _)| k.starts_with("apply.")).map(|(k, v)| (k.clone(), *v)).collect();
        crate::common::assert_figures(&ret, &apply);
        let doc = ret.document.as_ref().unwrap();
        for (key, want) in bodies() {
            assert_eq!(doc.section(key).map(|s| s.text.as_str()), Some(want), "{name}: {key}");
        }
        assert!(
            !doc.full_text().contains("版权所有") && !doc.full_text().contains("分享到"),
            "{name}: the portal is left out"
        );
    }
}

#[test]
fn bad_documents_are_refused_with_one_sentence_and_nothing_stored() {
    let dir = tempdir();
    // A legacy .doc: a compound file with a WordDocument stream.
    let doc_path = dir.path().join("2021-某局年报.doc");
    {
        let mut cf = cfb::create(&doc_path).unwrap();
        let mut s = cf.create_stream("/WordDocument").unwrap();
        std::io::Write::write_all(&mut s, &[0u8; 4096]).unwrap();
    }
    let wps_path = dir.path().join("2021-某局年报.wps");
    std::fs::copy(&doc_path, &wps_path).unwrap();
    // An .xlsx renamed .docx.
    let xlsx_as_docx = dir.path().join("2021-泗水县商务局.docx");
    std::fs::copy(shared().join("samples").join("2021-泗水县商务局.xlsx"), &xlsx_as_docx).unwrap();
    // A .docx cut off halfway.
    let good = report_docx(&figures(Format::Gov2021, false, 45), Headings::AutoNumbered, false);
    let cut = write(dir.path(), "2021-截断局.docx", &good[..good.len() / 2]);
    // A Word document that is no report.
    let mut other = std::io::Cursor::new(Vec::new());
    Docx::new().add_paragraph(text("会议通知：请于周一到会议室开会。")).build().pack(&mut other).unwrap();
    let not_report = write(dir.path(), "2021-会议通知.docx", &other.into_inner());
    let pdf_as_docx = write(dir.path(), "2021-某局.docx", b"%PDF-1.4 not a document");
    let cases: Vec<(&Path, &str, &str)> = vec![
        (&doc_path, "legacy_document", "另存为"),
        (&wps_path, "legacy_document", ".docx"),
        (&xlsx_as_docx, "wrong_extension", "Excel 工作簿"),
        (&cut, "damaged", "损坏"),
        (&not_report, "no_report", "年度报告"),
        (&pdf_as_docx, "pdf", "另存为 .docx"),
    ];
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    for (path, code, words) in &cases {
        let e: ImportError =
            import::read(path, &Default::default()).err().unwrap_or_else(|| panic!("{} refused", path.display()));
        assert_eq!(e.code().code(), *code, "{}: {e}", path.display());
        let msg = e.to_string();
        let name = path.file_name().unwrap().to_string_lossy();
        assert!(msg.contains(name.as_ref()) && msg.contains(words) && msg.ends_with('。'), "{msg}");
    }
    let files: Vec<PathBuf> = cases.iter().map(|(p, _, _)| p.to_path_buf()).collect();
    let s = service::import_files(&mut store, &files, &Default::default(), |_, _, _| {});
    assert_eq!((s.imported, s.refused), (0, cases.len()));
    let n: i64 = store.connection().query_row("SELECT count(*) FROM returns", [], |r| r.get(0)).unwrap();
    let sections: i64 = store.connection().query_row("SELECT count(*) FROM sections", [], |r| r.get(0)).unwrap();
    assert_eq!((n, sections), (0, 0), "nothing stored");
}

#[test]
fn a_workbook_and_a_document_that_disagree_make_a_finding_naming_both_places() {
    let dir = tempdir();
    let sample = shared().join("samples").join("2021-泗水县商务局.xlsx");
    let workbook = import::read(&sample, &Default::default()).unwrap();
    let mut figs: BTreeMap<String, f64> =
        workbook.figures.iter().filter_map(|f| Some((f.id.clone(), f.value?))).collect();
    *figs.get_mut("apply.new.natural").unwrap() += 3.0;
    let doc = write(dir.path(), "2021-泗水县商务局报告.docx", &report_docx(&figs, Headings::AutoNumbered, false));
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    let files = vec![sample.clone(), doc.clone()];
    let s = service::import_files(&mut store, &files, &Default::default(), |_, _, r| assert!(r.is_ok()));
    assert_eq!(s.imported, 2);
    let a = store.agency_by_name("泗水县商务局").unwrap().unwrap();
    let wb = store.db().current_return_id(a.id, 2021).unwrap().unwrap();
    let d = store.db().current_document_id(a.id, 2021).unwrap().unwrap();
    assert_ne!(wb, d, "both are kept; the workbook's figures count");
    let diffs: Vec<_> =
        store.db().findings(d).unwrap().into_iter().filter(|f| f.rule == Rule::ReturnDocument).collect();
    // The changed cell, and the totals the change did not carry into (the document's own sums are off too).
    let new_natural = diffs.iter().find(|f| f.cells == ["apply.new.natural"]).expect("the difference");
    assert!(
        new_natural.message.contains("2021-泗水县商务局.xlsx")
            && new_natural.message.contains("2021-泗水县商务局报告.docx"),
        "{}",
        new_natural.message
    );
    assert!(
        new_natural.refs[0].starts_with("依申请公开!") && new_natural.refs[1].starts_with("表格 "),
        "{:?}",
        new_natural.refs
    );
    assert_eq!(diffs.len(), 1, "{diffs:?}");
    // The workbook stays as it was, its findings its own.
    assert!(store.db().findings(wb).unwrap().is_empty());
    // The status counts the document's findings for the agency.
    let st = store.status(2021).unwrap();
    let row = st.iter().find(|r| r.agency.name == "泗水县商务局").unwrap();
    assert_eq!((row.return_id, row.document.as_deref()), (Some(wb), Some("2021-泗水县商务局报告.docx")));
    assert!(row.findings >= 1);
}

#[test]
fn reimporting_keeps_history_and_never_overwrites_the_offices_text() {
    let dir = tempdir();
    let figs = figures(Format::Gov2021, false, 46);
    let path = write(dir.path(), "2021-泗水县商务局.docx", &report_docx(&figs, Headings::AutoNumbered, false));
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    let ret = import::read(&path, &Default::default()).unwrap();
    let first = store.import(&ret, Some(&path)).unwrap();
    assert_eq!((first.sections_taken, first.sections_offered), (8, 0));
    let a = store.agency_by_name("泗水县商务局").unwrap().unwrap();
    let of = ReportOf::Agency(a.name.clone());
    // The office rewrites 五 and settles 六.
    service::save_section(&store, &of, 2021, "五", SectionState::Draft, "办公室改写的问题。").unwrap();
    service::save_section(&store, &of, 2021, "六", SectionState::Final, "本机关未收取信息处理费。").unwrap();
    // The agency sends a new version: every part changed.
    let mut changed = ret.clone();
    for s in &mut changed.document.as_mut().unwrap().sections {
        s.text = format!("{}（修改稿）", s.text);
    }
    let second = store.import(&changed, Some(&path)).unwrap();
    assert!(second.replaced_earlier);
    assert_eq!((second.sections_taken, second.sections_offered), (6, 2));
    let one = store.section(a.id, 2021, "一（一）").unwrap().unwrap();
    assert!(one.text.ends_with("（修改稿）"));
    let history = store.section_history(a.id, 2021, "一（一）").unwrap();
    assert_eq!(history[0].text, "我局高度重视主动公开工作，全年主动公开政府信息84条。", "the earlier text is history");
    assert_eq!(store.section(a.id, 2021, "五").unwrap().unwrap().text, "办公室改写的问题。", "the office's text stays");
    assert_eq!(store.section(a.id, 2021, "六").unwrap().unwrap().state, SectionState::Final);
    let offers = store.section_offers(a.id, 2021).unwrap();
    assert_eq!(offers.iter().map(|o| o.section.as_str()).collect::<Vec<_>>(), ["五", "六"]);
    // What the writer of 六 is shown is 六's own offer, not the first one.
    let six = service::narrative_section("六").unwrap();
    let offer = service::section_work(&store, a.id, 2021, six, None, None).unwrap().offer.unwrap();
    assert_eq!((offer.section.as_str(), offer.text.ends_with("（修改稿）")), ("六", true));
    // The office takes the new 五: its own text becomes history.
    store.resolve_offer(a.id, 2021, "五", true).unwrap();
    assert!(store.section(a.id, 2021, "五").unwrap().unwrap().text.ends_with("（修改稿）"));
    assert_eq!(store.section_history(a.id, 2021, "五").unwrap()[0].text, "办公室改写的问题。");
    assert_eq!(store.section_offers(a.id, 2021).unwrap().len(), 1);
    // Two versions of the document: the current one and the history.
    let h = store.history(a.id, 2021).unwrap();
    assert_eq!(h.iter().filter(|r| r.source == SourceKind::Word).count(), 2);
}

#[test]
fn the_review_finds_what_the_office_would_write_back() {
    let dir = tempdir();
    let figs = figures(Format::Gov2021, false, 47);
    let path = write(dir.path(), "2021-泗水县商务局.docx", &report_docx(&figs, Headings::AutoNumbered, false));
    let good = import::read(&path, &Default::default()).unwrap();
    assert!(nianbao::checks::review(&good).is_empty(), "{:?}", nianbao::checks::review(&good));
    let mut bad = good.clone();
    {
        let doc = bad.document.as_mut().unwrap();
        doc.title = "政府信息公开工作年度报告".into();
        doc.preamble = "本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。".into();
        doc.headings.retain(|h| h != "一（三）");
        doc.sections.retain(|s| s.key != "一（三）" && s.key != "六");
        doc.headings.swap(8, 9);
    }
    let f = nianbao::checks::review(&bad);
    let by = |r: Rule| f.iter().filter(|x| x.rule == r).map(|x| x.message.clone()).collect::<Vec<_>>();
    assert!(by(Rule::ReportParts).iter().any(|m| m.contains("（三）政府信息管理")), "{f:?}");
    assert!(by(Rule::ReportParts).iter().any(|m| m.contains("顺序")), "{f:?}");
    assert!(by(Rule::ReportingPeriod)[0].contains("2020 年"), "{f:?}");
    assert!(by(Rule::ReportTitle)[0].contains("泗水县商务局") && by(Rule::ReportTitle)[0].contains("2021年"), "{f:?}");
    assert!(by(Rule::RequiredStatement).iter().any(|m| m.contains("信息处理费")), "{f:?}");
}

#[test]
fn last_years_report_gives_last_years_text_and_figures() {
    let dir = tempdir();
    let figs = figures(Format::Gov2021, false, 48);
    let path = write(dir.path(), "泗水县商务局上年报告.docx", &report_docx(&figs, Headings::AutoNumbered, false));
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    // Last year's published report, imported for last year (the office confirms the year).
    let ret =
        service::read(&path, &service::Overrides { year: Some(2020), confirmed: true, ..Default::default() }).unwrap();
    store.import(&ret, Some(&path)).unwrap();
    let a = store.agency_by_name("泗水县商务局").unwrap().unwrap();
    // With no workbook for that year, the document's tables are the return that counts: this year's
    // 上年结转 is checked against them.
    let doc = store.db().current_document_id(a.id, 2020).unwrap();
    assert!(doc.is_some() && store.db().current_return_id(a.id, 2020).unwrap() == doc);
    // This year's section starts from last year's text.
    let def = nianbao::report::section_def("一（三）").unwrap();
    let work = service::section_work(&store, a.id, 2021, def, None, None).unwrap();
    assert_eq!(work.last_year.as_deref(), Some("严格执行信息公开审核制度。"));
}

/// A .docx whose document.xml is `xml` (the other parts of a good one kept).
fn docx_with(good: &[u8], xml: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(good)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(if name == "word/document.xml" { xml } else { &bytes }).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn hostile_and_mangled_documents_end_in_a_report_or_a_sentence_never_a_crash() {
    let good = report_docx(&figures(Format::Gov2021, false, 49), Headings::AutoNumbered, false);
    let xml = {
        use std::io::Read;
        let mut s = String::new();
        zip::ZipArchive::new(std::io::Cursor::new(&good))
            .unwrap()
            .by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        s
    };
    let mut cases: Vec<(String, Vec<u8>)> = Vec::new();
    // Cut at many places, and with attributes no Word writes.
    for k in 1..40 {
        let at = xml.len() * k / 40;
        let at = (0..=at).rev().find(|i| xml.is_char_boundary(*i)).unwrap();
        cases.push((format!("cut {k}"), docx_with(&good, &xml.as_bytes()[..at])));
    }
    for (from, to) in [
        ("w:val=\"1\"", "w:val=\"4294967295\""),
        ("w:gridSpan w:val=", "w:gridSpan w:val=\"0\" x="),
        ("<w:tbl>", "<w:tbl><w:tbl><w:tbl>"),
        ("</w:p>", "</w:r></w:p>"),
        ("<w:t>", "<w:t>&#0;&#xD800;&amp;&bogus;"),
    ] {
        cases.push((format!("{from} → {to}"), docx_with(&good, xml.replace(from, to).as_bytes())));
    }
    // Nested far deeper than any real document.
    let deep = format!(
        "<w:document xmlns:w=\"w\"><w:body>{}{}</w:body></w:document>",
        "<w:sdt>".repeat(5000),
        "</w:sdt>".repeat(5000)
    );
    cases.push(("deep docx".into(), docx_with(&good, deep.as_bytes())));
    for (what, bytes) in &cases {
        match import::read_bytes("2021-泗水县商务局.docx", bytes, &Default::default()) {
            Ok(ret) => {
                let _ = nianbao::checks::check(&ret);
            }
            Err(e) => assert!(e.to_string().contains("2021-泗水县商务局.docx"), "{what}: {e}"),
        }
    }
    // Pages: nested 100,000 deep, cut halfway, spans beyond any table.
    let page = portal_page(&figures(Format::Gov2021, false, 50), "utf-8");
    let pages = [
        format!("<html><body>{}深处{}</body></html>", "<div>".repeat(100_000), "</div>".repeat(100_000)),
        page[..page.len() / 2].to_string(),
        page.replace("colspan=\"", "colspan=\"99999").replace("rowspan=\"", "rowspan=\"99999"),
    ];
    for (k, p) in pages.iter().enumerate() {
        let r = import::read_bytes("2021-泗水县商务局.html", p.as_bytes(), &Default::default());
        if k == 0 {
            let e = r.expect_err("a page nested 100,000 deep is refused");
            assert!(e.to_string().contains("嵌套过深"), "{e}");
        }
    }
}

/// A report's table as docx-rs writes it (gridSpan and vMerge), from the app's own table layout.
pub(crate) fn word_table(t: Table, ret: &Return) -> docx_rs::Table {
    let spec = nianbao::export::draft::table_spec(t, ret);
    let rows = spec
        .rows
        .iter()
        .map(|row| {
            let cells = row
                .iter()
                .map(|c| {
                    let mut tc = TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(&c.text)));
                    if c.span > 1 {
                        tc = tc.grid_span(c.span as usize);
                    }
                    match c.merge {
                        nianbao::export::word::Merge::Restart => tc.vertical_merge(VMergeType::Restart),
                        nianbao::export::word::Merge::Continue => tc.vertical_merge(VMergeType::Continue),
                        nianbao::export::word::Merge::None => tc,
                    }
                })
                .collect();
            TableRow::new(cells)
        })
        .collect();
    docx_rs::Table::new(rows).set_grid(spec.grid.iter().map(|w| *w as usize).collect())
}
