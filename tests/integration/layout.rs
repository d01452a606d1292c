//! What an office checker looks at first, read back from the exported files: the Word draft to
//! GB/T 9704-2012 (footers, grid, styles, tables, fonts, a clean package in schema order) and the
//! workbooks (number formats, print setup, frozen panes, quote prefixes, the county's notes).

use crate::common::tempdir;
use crate::common::zip_parts as parts;
use nianbao::model::ReportOf;
use nianbao::service;
use nianbao::store::Store;
use quick_xml::events::Event;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A county of 12 demo agencies and two in the roster that sent nothing: one with a name too long
/// for a title line, one whose name would be a formula and carries a bidi override.
fn county(dir: &Path) -> Store {
    crate::common::yishui(dir, &["沂水县住房和城乡建设局（县人民防空办公室）", "=HYPERLINK(\"x\")局\u{202e}"])
}

/// Children of the elements whose content the schema orders, in ECMA-376's order.
const ORDER: &[(&str, &[&str])] = &[
    (
        "pPr",
        &[
            "pStyle",
            "keepNext",
            "keepLines",
            "pageBreakBefore",
            "framePr",
            "widowControl",
            "numPr",
            "suppressLineNumbers",
            "pBdr",
            "shd",
            "tabs",
            "suppressAutoHyphens",
            "kinsoku",
            "wordWrap",
            "overflowPunct",
            "topLinePunct",
            "autoSpaceDE",
            "autoSpaceDN",
            "bidi",
            "adjustRightInd",
            "snapToGrid",
            "spacing",
            "ind",
            "contextualSpacing",
            "mirrorIndents",
            "suppressOverlap",
            "jc",
            "textDirection",
            "textAlignment",
            "textboxTightWrap",
            "outlineLvl",
            "divId",
            "cnfStyle",
            "rPr",
            "sectPr",
            "pPrChange",
        ],
    ),
    (
        "rPr",
        &[
            "rStyle",
            "rFonts",
            "b",
            "bCs",
            "i",
            "iCs",
            "caps",
            "smallCaps",
            "strike",
            "dstrike",
            "outline",
            "shadow",
            "emboss",
            "imprint",
            "noProof",
            "snapToGrid",
            "vanish",
            "webHidden",
            "color",
            "spacing",
            "w",
            "kern",
            "position",
            "sz",
            "szCs",
            "highlight",
            "u",
            "effect",
            "bdr",
            "shd",
            "fitText",
            "vertAlign",
            "rtl",
            "cs",
            "em",
            "lang",
            "eastAsianLayout",
            "specVanish",
            "oMath",
        ],
    ),
    (
        "tblPr",
        &[
            "tblStyle",
            "tblpPr",
            "tblOverlap",
            "bidiVisual",
            "tblStyleRowBandSize",
            "tblStyleColBandSize",
            "tblW",
            "jc",
            "tblCellSpacing",
            "tblInd",
            "tblBorders",
            "shd",
            "tblLayout",
            "tblCellMar",
            "tblLook",
        ],
    ),
    (
        "tcPr",
        &[
            "cnfStyle",
            "tcW",
            "gridSpan",
            "hMerge",
            "vMerge",
            "tcBorders",
            "shd",
            "noWrap",
            "tcMar",
            "textDirection",
            "tcFitText",
            "vAlign",
            "hideMark",
        ],
    ),
    (
        "sectPr",
        &[
            "headerReference",
            "footerReference",
            "footnotePr",
            "endnotePr",
            "type",
            "pgSz",
            "pgMar",
            "paperSrc",
            "pgBorders",
            "lnNumType",
            "pgNumType",
            "cols",
            "formProt",
            "vAlign",
            "noEndnote",
            "titlePg",
            "textDirection",
            "bidi",
            "rtlGutter",
            "docGrid",
            "printerSettings",
        ],
    ),
    (
        "style",
        &[
            "name",
            "aliases",
            "basedOn",
            "next",
            "link",
            "autoRedefine",
            "hidden",
            "uiPriority",
            "semiHidden",
            "unhideWhenUsed",
            "qFormat",
            "locked",
            "personal",
            "personalCompose",
            "personalReply",
            "rsid",
            "pPr",
            "rPr",
            "tblPr",
            "trPr",
            "tcPr",
            "tblStylePr",
        ],
    ),
    ("tbl", &["bookmarkStart", "tblPr", "tblGrid", "tr"]),
    ("tc", &["tcPr", "p", "tbl"]),
    ("font", &["altName", "panose1", "charset", "family", "notTrueType", "pitch", "sig"]),
];

/// Every ordered element's children in schema order: (element, child out of place) for each fault.
fn schema_order_faults(xml: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    // For each open element: its local name and the index reached among its ordered children.
    let mut stack: Vec<(String, usize)> = Vec::new();
    let mut faults = Vec::new();
    let mut check = |stack: &mut Vec<(String, usize)>, child: &str| {
        if let Some((parent, at)) = stack.last_mut() {
            if let Some((_, order)) = ORDER.iter().find(|(p, _)| p == parent) {
                match order.iter().position(|c| *c == child) {
                    Some(i) if i >= *at => *at = i,
                    Some(_) => faults.push(format!("{parent}/{child} out of order")),
                    None => faults.push(format!("{parent}/{child} not allowed")),
                }
            }
        }
    };
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_string();
                check(&mut stack, &name);
                stack.push((name, 0));
            }
            Event::Empty(e) => {
                let name = e.local_name().as_ref().to_string();
                check(&mut stack, &name);
            }
            Event::End(_) => {
                stack.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    faults
}

/// Every part has a content type and is reached from a relationship; every relationship's target
/// is a part.
fn package_faults(parts: &BTreeMap<String, String>) -> Vec<String> {
    let mut faults = Vec::new();
    let types = &parts["[Content_Types].xml"];
    let mut referenced: BTreeSet<String> = BTreeSet::new();
    for (name, xml) in parts.iter().filter(|(n, _)| n.ends_with(".rels")) {
        // word/_rels/document.xml.rels → targets relative to word/
        let base = name.trim_end_matches(".rels").rsplit_once("_rels/").map(|(d, _)| d.to_string()).unwrap_or_default();
        for target in xml.split("Target=\"").skip(1).map(|t| t.split('"').next().unwrap()) {
            let full = format!("{base}{target}");
            if !parts.contains_key(&full) {
                faults.push(format!("{name} points at missing {full}"));
            }
            referenced.insert(full);
        }
    }
    for name in parts.keys() {
        if name == "[Content_Types].xml" || name.ends_with(".rels") {
            continue;
        }
        if !referenced.contains(name) {
            faults.push(format!("{name} is not referenced"));
        }
        let ext = name.rsplit('.').next().unwrap();
        if !types.contains(&format!("PartName=\"/{name}\"")) && !types.contains(&format!("Extension=\"{ext}\"")) {
            faults.push(format!("{name} has no content type"));
        }
    }
    faults
}

#[test]
fn the_draft_keeps_to_gbt_9704_and_is_a_clean_package() {
    let dir = tempdir();
    let store = county(dir.path());
    let (rep, ret) = service::report_of(&store, &ReportOf::County, 2021).unwrap();
    let path = dir.path().join("全县报告稿.docx");
    nianbao::export::draft::export_draft(&rep, ret.as_ref(), None, &path).unwrap();
    let p = parts(&path);
    for (name, xml) in &p {
        assert_eq!(schema_order_faults(xml), Vec::<String>::new(), "{name}");
    }
    assert_eq!(package_faults(&p), Vec::<String>::new());
    let doc = &p["word/document.xml"];

    // Odd and even footers: 4号 宋体, right and left, one character in; 7 mm below the text block.
    assert!(p["word/settings.xml"].contains("<w:evenAndOddHeaders/>"));
    assert!(doc.contains(r#"<w:footerReference w:type="default" r:id="rIdFooterOdd"/>"#));
    assert!(doc.contains(r#"<w:footerReference w:type="even" r:id="rIdFooterEven"/>"#));
    let (odd, even) = (&p["word/footer1.xml"], &p["word/footer2.xml"]);
    assert!(odd.contains(r#"<w:ind w:right="320" w:firstLine="0"/><w:jc w:val="right"/>"#), "{odd}");
    assert!(even.contains(r#"<w:ind w:left="320" w:firstLine="0"/><w:jc w:val="left"/>"#), "{even}");
    for f in [odd, even] {
        assert!(f.contains("PAGE") && f.contains("— ") && f.contains(" —"));
    }
    let styles = &p["word/styles.xml"];
    // A mark after a full line of 28 characters is printed in LibreOffice too: punctuation may
    // pass the line's end, said in the defaults (where LibreOffice reads it; a style's is ignored).
    assert!(styles.contains(r#"<w:pPrDefault><w:pPr><w:overflowPunct w:val="1"/>"#));
    let footer_style = &styles[styles.find(r#"w:styleId="Footer""#).unwrap()..];
    assert!(
        footer_style.contains(r#"w:line="280" w:lineRule="exact""#) && footer_style.contains(r#"<w:sz w:val="28"/>"#)
    );
    let attr = |xml: &str, el: &str, a: &str| -> f64 {
        let at = xml.find(&format!("<w:{el} ")).unwrap();
        let rest = &xml[at..];
        let v = rest.split(&format!("w:{a}=\"")).nth(1).unwrap().split('"').next().unwrap();
        v.parse().unwrap()
    };
    let bottom = attr(doc, "pgMar", "bottom");
    let footer = attr(doc, "pgMar", "footer");
    let gap_mm = (bottom - footer - 280.0) / 56.7;
    assert!((gap_mm - 7.0).abs() < 0.2, "dash line {gap_mm:.2} mm below the text block");

    // The document grid: 22 lines in the 225 mm block (lines only: LibreOffice lays a linesAndChars
    // grid with a negative charSpace out at 27 characters), 28 characters from the tightened pitch.
    assert!(doc.contains(r#"<w:docGrid w:type="lines" w:linePitch="579"/>"#));
    let block_h = 16838.0 - attr(doc, "pgMar", "top") - bottom;
    assert_eq!((block_h / 579.0).floor(), 22.0);
    let block_w = 11906.0 - attr(doc, "pgMar", "left") - attr(doc, "pgMar", "right");
    assert!(styles.contains(r#"<w:spacing w:val="-5"/>"#), "characters tightened by 0.25 pt");
    let pitch = 320.0 - 5.0;
    assert_eq!((block_w / pitch).floor(), 28.0, "28 characters of the tightened 16 pt body");

    // Headings as styles with outline levels, so the navigation pane and a 目录 see them.
    assert!(styles.contains(r#"<w:name w:val="heading 1"/>"#) && styles.contains(r#"<w:outlineLvl w:val="0"/>"#));
    assert!(styles.contains(r#"<w:name w:val="heading 2"/>"#) && styles.contains(r#"<w:outlineLvl w:val="1"/>"#));
    // The annex is no heading of the report: "附件" flush left and its title centred, on its own page.
    assert_eq!(doc.matches(r#"<w:pStyle w:val="Heading1"/>"#).count(), 6, "六 parts");
    assert_eq!(doc.matches(r#"<w:pStyle w:val="Heading2"/>"#).count(), 5, "（一）…（五）");

    // Tables: header rows repeat (表二's blocks each keep with their own header instead), rows
    // never split, 表四 kept on one page, five digits fit.
    let tables: Vec<&str> = doc.split("<w:tbl>").skip(1).map(|t| t.split("</w:tbl>").next().unwrap()).collect();
    assert_eq!(tables.len(), 3);
    for (t, header_rows) in tables.iter().zip([0, 3, 3]) {
        let rows = t.matches("<w:tr>").count();
        assert_eq!(t.matches("<w:cantSplit/>").count(), rows);
        assert_eq!(t.matches("<w:tblHeader/>").count(), header_rows);
    }
    let review = tables[2];
    let rows = review.matches("<w:tr>").count();
    let last_row = review.rfind("<w:tr>").unwrap();
    assert_eq!(review[..last_row].matches("<w:keepNext/>").count(), review[..last_row].matches("<w:tc>").count());
    assert!(rows > 3 && !review[last_row..].contains("<w:keepNext/>"));
    for (t, size) in tables.iter().zip([21.0, 21.0, 18.0]) {
        let widths: Vec<f64> =
            t.split("<w:gridCol w:w=\"").skip(1).map(|w| w.split('"').next().unwrap().parse().unwrap()).collect();
        let five_digits = 5.0 * size / 2.0 * 10.0 + 2.0 * 40.0;
        // The figure columns are the narrow ones; every column holds five digits.
        assert!(widths.iter().all(|w| *w >= five_digits), "{widths:?} < {five_digits}");
        assert!((widths.iter().sum::<f64>() - 8845.0).abs() < 30.0, "{widths:?}");
    }

    // Titles break between words; the long agency name gets two symmetric lines.
    let (long, _) =
        service::report_of(&store, &ReportOf::Agency("沂水县住房和城乡建设局（县人民防空办公室）".into()), 2021)
            .unwrap();
    let lines = nianbao::export::draft::report_title(&long.agency, 2021);
    assert!(lines.len() >= 2 && lines.iter().all(|l| nianbao::export::word::line_width(l) <= 20.0), "{lines:?}");
    assert!(lines.iter().all(|l| l.chars().count() > 2), "never 报告 alone: {lines:?}");
    assert_eq!(lines.concat(), "沂水县住房和城乡建设局（县人民防空办公室）2021年政府信息公开工作年度报告");

    // Fonts with their alternates; the package names the compiling office and the date.
    let fonts = &p["word/fontTable.xml"];
    assert!(fonts.contains(r#"<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>"#));
    assert!(fonts.contains(r#"<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>"#));
    let core = &p["docProps/core.xml"];
    assert!(core.contains("<dc:creator>沂水县人民政府办公室</dc:creator>"));
    assert!(core.contains("<dc:title>沂水县2021年政府信息公开工作年度报告</dc:title>"));
    assert!(!core.contains("1970-01-01"), "a real date: {core}");

    // Text from a return never carries a bidi override into the document.
    assert!(!doc.contains('\u{202e}') && doc.contains("=HYPERLINK(&quot;x&quot;)局"));
    // The county's tables say what they are the sum of.
    assert_eq!(doc.matches("注：本表为 12 个单位合计，共 14 个单位。").count(), 3);
}

#[test]
fn workbooks_show_whole_numbers_print_whole_and_keep_text_as_text() {
    let dir = tempdir();
    let store = county(dir.path());
    let (rep, ret) = service::report_of(&store, &ReportOf::County, 2021).unwrap();
    let tables = dir.path().join("tables.xlsx");
    nianbao::export::tables::export_tables(ret.as_ref().unwrap(), rep.compiled.as_ref(), &tables).unwrap();
    let summary = dir.path().join("summary.xlsx");
    nianbao::export::summary::export_summary(&store, 2021, &summary).unwrap();
    let chase = dir.path().join("chase.xlsx");
    nianbao::export::office::export_chase(&store, 2021, &chase).unwrap();
    for path in [&tables, &summary, &chase] {
        let p = parts(path);
        let styles = &p["xl/styles.xml"];
        assert!(!styles.contains(r#"formatCode="0.##""#), "a whole number shows as 12., never");
        let workbook = &p["xl/workbook.xml"];
        for (name, xml) in p.iter().filter(|(n, _)| n.starts_with("xl/worksheets/sheet")) {
            assert!(xml.contains(r#"paperSize="9""#), "{path:?} {name}: A4");
            // One page wide, or (a wide sheet) at full size with its name columns repeated.
            let fitted = xml.contains(r#"fitToHeight="0""#) && xml.contains("<pageSetUpPr fitToPage=\"1\"/>");
            assert!(fitted || !xml.contains("fitToPage"), "{name}");
            assert!(xml.contains(r#"state="frozen""#), "{path:?} {name}: panes frozen");
            // Every printed page names the county's sheet and its number of the whole.
            assert!(xml.contains("<oddHeader>") && xml.contains("第 &amp;P 页 共 &amp;N 页"), "{path:?} {name}");
            // No row above Excel's 409 pt (a taller one is cut and its text never prints), and
            // the text printed at 9 pt or more.
            for ht in attr_values(xml, "ht") {
                assert!(ht <= 409.0, "{path:?} {name}: a row of {ht} pt");
            }
            let first_font = &styles[styles.find("<font>").unwrap()..];
            assert!(first_font[..first_font.find("</font>").unwrap()].contains("宋体"), "{path:?}: 宋体 the default");
            let pt = printed_pt(xml);
            assert!(pt >= 9.5, "{path:?} {name}: text prints at {pt:.1} pt (9 pt and a margin for LibreOffice)");
        }
        let sheets = p.keys().filter(|n| n.starts_with("xl/worksheets/sheet")).count();
        assert_eq!(workbook.matches("_xlnm.Print_Titles").count(), sheets, "{path:?}: title rows repeat");
        // The agency whose name looks like a formula: text with the quote prefix, no bidi override.
        let shared = &p["xl/sharedStrings.xml"];
        assert!(!shared.contains('\u{202e}'), "{path:?}");
        if shared.contains("=HYPERLINK") {
            assert!(styles.contains(r#"quotePrefix="1""#), "{path:?}");
        }
    }
    // The summary: the format as its label, the import time as a date, money with two decimals.
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&summary).unwrap();
    use calamine::Reader;
    let sheet = wb.worksheet_range("汇总").unwrap();
    assert!(sheet.rows().skip(1).any(|r| r[4] == "2021版"));
    // A finding over many cells names the first few and counts the rest: its row prints.
    let problems = wb.worksheet_range("问题").unwrap();
    for r in problems.rows().skip(1) {
        let (items, cells) = (r[2].to_string(), r[3].to_string());
        assert!(items.chars().count() <= 160 && cells.chars().count() <= 120, "{items} | {cells}");
    }
    let progress = wb.worksheet_range("进度").unwrap();
    assert!(progress.rows().skip(1).any(|r| matches!(r[4], calamine::Data::DateTime(_))), "导入时间 is a date");
    let p = parts(&summary);
    assert!(p["xl/styles.xml"].contains(r#"formatCode="0.00""#));
    // The county's tables: numbered sheets, a note under each table, the agencies listed.
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&tables).unwrap();
    assert_eq!(wb.sheet_names(), vec!["二、主动公开", "三、依申请公开", "四、复议诉讼", "统计表", "纳入汇总的单位"]);
    // The 统计表 filed by some agencies only says whose sum it is.
    let c = rep.compiled.as_ref().unwrap();
    let filed = c.stats_filed.len();
    assert!(filed > 0 && filed < 12, "the demo has agencies with and without the 统计表");
    let stats = wb.worksheet_range("统计表").unwrap();
    let note = format!("注：本表为 {filed} 个单位合计，共 14 个单位");
    assert!(stats.rows().flat_map(|r| r.iter()).any(|c| c.to_string().starts_with(&note)), "{note}");
    // Whoever sent no 统计表 is named as not in its sums, not only those who sent nothing.
    let without = format!("未报送统计表、未计入合计 {} 个", 14 - filed);
    assert!(stats.rows().flat_map(|r| r.iter()).any(|c| c.to_string().starts_with(&without)), "{without}");
    let active = wb.worksheet_range("二、主动公开").unwrap();
    let text: Vec<String> = active.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect();
    assert!(text.iter().any(|t| t == "填报单位：沂水县"));
    // The note: a row a sentence, each as tall as its text wraps, never a fixed block.
    assert!(text.iter().any(|t| t == "注：本表为 12 个单位合计，共 14 个单位。"));
    assert!(text.iter().any(|t| t.starts_with("未报送、未计入合计 2 个")));
    let sheet_xml = &parts(&tables)["xl/worksheets/sheet1.xml"];
    let missing_row =
        active.rows().position(|r| r.iter().any(|c| c.to_string().starts_with("未报送、未计入合计"))).unwrap();
    let row_tag = format!(r#"<row r="{}""#, missing_row + 1 + active.start().unwrap().0 as usize);
    let tag = &sheet_xml[sheet_xml.find(&row_tag).unwrap()..];
    assert!(
        tag[..tag.find('>').unwrap()].contains("customHeight=\"1\""),
        "the note's row has its own height: {}",
        &tag[..120]
    );
    let list = wb.worksheet_range("纳入汇总的单位").unwrap();
    let states: Vec<String> = list.rows().skip(2).map(|r| r[2].to_string()).collect();
    assert_eq!(states.iter().filter(|s| s.starts_with("已计入")).count(), 12);
    assert_eq!(states.iter().filter(|s| *s == "未报送").count(), 2);
    assert!(states.iter().any(|s| s == "已计入，有问题"));
}

#[test]
fn a_partial_statistics_table_is_never_the_countys_figure() {
    let dir = tempdir();
    let mut store = county(dir.path());
    let def = nianbao::report::section_def("一（一）").unwrap();
    let (rep, ret) = service::report_of(&store, &ReportOf::County, 2021).unwrap();
    let c = rep.compiled.clone().unwrap();
    let ret = ret.unwrap();
    let total = nianbao::text::fmt_num(ret.value("stats.active.total").unwrap());
    let said = nianbao::report::writing::generated(def, &ret, Some(&c)).unwrap();
    assert!(
        said.contains(&format!(
            "据报送统计表的{}个单位（共14个单位）合计，主动公开政府信息{total}条。",
            c.stats_filed.len()
        )),
        "{said}"
    );
    assert!(!said.contains("本年度共主动公开政府信息"), "{said}");
    // The office chooses to leave it out: no sheet, no sentence, and the CLI says so.
    let out = crate::common::cli()
        .arg("--db")
        .arg(dir.path().join("county.db"))
        .args(["county", "set", "--name", "沂水县", "--office", "沂水县人民政府办公室", "--leave-out-partial-stats"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("全县报告不列统计表"));
    store = Store::open(&dir.path().join("county.db")).unwrap();
    let (rep, ret) = service::report_of(&store, &ReportOf::County, 2021).unwrap();
    let c = rep.compiled.clone().unwrap();
    assert!(c.stats_left_out());
    let said = nianbao::report::writing::generated(def, ret.as_ref().unwrap(), Some(&c)).unwrap();
    assert!(!said.contains("主动公开政府信息") || !said.contains(&total), "{said}");
    let path = dir.path().join("t.xlsx");
    nianbao::export::tables::export_tables(ret.as_ref().unwrap(), Some(&c), &path).unwrap();
    let wb: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    use calamine::Reader;
    assert!(!wb.sheet_names().contains(&"统计表".to_string()));
}

/// Every value of an attribute in a part's XML, as numbers.
fn attr_values(xml: &str, attr: &str) -> Vec<f64> {
    let key = format!(" {attr}=\"");
    xml.match_indices(&key)
        .filter_map(|(i, _)| {
            let rest = &xml[i + key.len()..];
            rest[..rest.find('"')?].parse().ok()
        })
        .collect()
}

/// The size a sheet's 11 pt text prints at: fitted to one page wide, shrunk by the columns'
/// width over the page's (A4 less the margins, in units of the default font's digit: 125 宋体
/// units landscape, 84 portrait; 宋体 is every workbook's default font, checked in `styles`).
fn printed_pt(xml: &str) -> f64 {
    if !xml.contains("fitToPage=\"1\"") {
        return 11.0 * attr_values(xml, "scale").first().copied().unwrap_or(100.0) / 100.0;
    }
    let mut width = 0.0;
    for (i, _) in xml.match_indices("<col ") {
        let tag = &xml[i..i + xml[i..].find('>').unwrap()];
        let (min, max, w) = (attr_values(tag, "min")[0], attr_values(tag, "max")[0], attr_values(tag, "width")[0]);
        if !tag.contains("hidden=\"1\"") {
            width += (max - min + 1.0) * w;
        }
    }
    let page = if xml.contains("orientation=\"landscape\"") { 125.0 } else { 84.0 };
    11.0 * (page / width).min(1.0)
}
