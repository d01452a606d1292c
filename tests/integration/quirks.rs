//! Returns as agencies really write them, generated with rust_xlsxwriter: every layout quirk must
//! give the same figures as the clean form.

use crate::common::*;
use nianbao::export::sheet::{self, CellOut, Styles};
use nianbao::forms::{layout, Format, Table};
use nianbao::generate::Options;
use nianbao::import;
use std::io::{Read, Write};

#[test]
fn one_sheet_shifted_with_stats() {
    let dir = tempdir();
    for (format, seed) in [(Format::Gov2021, 1), (Format::Gov2019, 2)] {
        let mut o = Options::new(format);
        o.one_sheet = true;
        o.stats = true;
        o.origin = (4, 3);
        let figs = figures(format, true, seed);
        let year = if format == Format::Gov2021 { 2022 } else { 2019 };
        let p = write_return(dir.path(), &format!("{year}-某某县交通运输局.xlsx"), &o, &figs);
        let ret = import::read(&p, &Default::default()).unwrap();
        assert_eq!(ret.format, format);
        assert_eq!(ret.agency.as_deref(), Some("某某县交通运输局"));
        assert_eq!(ret.year, Some(year));
        assert_figures(&ret, &figs);
        assert!(nianbao::checks::check(&ret).is_empty(), "{:?}", nianbao::checks::check(&ret));
    }
}

#[test]
fn one_table_a_sheet_agency_and_year_from_the_title() {
    let dir = tempdir();
    let mut o = Options::new(Format::Gov2019);
    o.title = Some("沂源县某某街道办事处2020年政府信息公开工作年度报告".into());
    o.origin = (1, 0);
    let figs = figures(Format::Gov2019, false, 3);
    let p = write_return(dir.path(), "报表.xlsx", &o, &figs);
    let ret = import::read(&p, &Default::default()).unwrap();
    assert_eq!(ret.agency.as_deref(), Some("沂源县某某街道办事处"));
    assert_eq!(ret.year, Some(2020));
    assert_figures(&ret, &figs);
}

fn messy_label(s: &str) -> String {
    // Half-width brackets, 1、 for 1., spaces and a line break inside, 本单位 for 本机关,
    // 本年制作件数 for 本年制发件数.
    let s = s.replace('（', "(").replace('）', ")").replace("1.", "1、").replace("2.", "2．");
    let s = s.replace("本机关", "本单位").replace("本年制发件数", "本年制作件数");
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    for (i, c) in chars.iter().enumerate() {
        out.push(*c);
        if i == 1 {
            out.push(' ');
        }
        if i == chars.len() / 2 && chars.len() > 6 {
            out.push('\n');
        }
    }
    format!(" {out}")
}

#[test]
fn labels_written_every_which_way() {
    let dir = tempdir();
    for (format, seed) in [(Format::Gov2021, 4), (Format::Gov2019, 5)] {
        let mut o = Options::new(format);
        o.label = messy_label;
        o.stats = true;
        let figs = figures(format, true, seed);
        let p = write_return(dir.path(), "2021-某某县民政局.xlsx", &o, &figs);
        let ret = import::read(&p, &Default::default()).unwrap();
        assert_eq!(ret.format, format);
        assert_figures(&ret, &figs);
    }
}

fn messy_value(id: &str, v: f64) -> CellOut {
    // Numbers as text, full-width digits, units; zeros as 无, —, / or a blank cell.
    let h = id.bytes().fold(0u32, |a, b| a.wrapping_mul(31).wrapping_add(b as u32)) % 5;
    if v == 0.0 {
        return match h {
            0 => CellOut::Text("无".into()),
            1 => CellOut::Text("—".into()),
            2 => CellOut::Text("/".into()),
            3 => CellOut::Blank,
            _ => CellOut::Number(0.0),
        };
    }
    let n = nianbao::text::fmt_num(v);
    match h {
        0 => CellOut::Text(n),
        1 => CellOut::Text(
            n.chars()
                .map(|c| if c.is_ascii_digit() { char::from_u32(c as u32 + 0xfee0).unwrap() } else { c })
                .collect(),
        ),
        2 => CellOut::Text(format!("{n}件")),
        3 => CellOut::Text(format!(" {n} ")),
        _ => CellOut::Number(v),
    }
}

#[test]
fn numbers_as_text_units_and_zeros_written_as_words() {
    let dir = tempdir();
    let mut o = Options::new(Format::Gov2021);
    o.value = messy_value;
    o.one_sheet = true;
    let figs = figures(Format::Gov2021, false, 6);
    let p = write_return(dir.path(), "2021-某某县财政局.xlsx", &o, &figs);
    let ret = import::read(&p, &Default::default()).unwrap();
    assert_figures(&ret, &figs);
    assert!(ret.figures.iter().any(|f| f.raw == "无"), "the raw text is kept as typed");
    assert!(ret.figures.iter().any(|f| f.raw.ends_with('件')));
}

#[test]
fn totals_as_formulas_by_their_saved_result() {
    let dir = tempdir();
    let mut o = Options::new(Format::Gov2021);
    o.formulas = true;
    o.stats = true;
    let figs = figures(Format::Gov2021, true, 7);
    let p = write_return(dir.path(), "2021-某某县教育局.xlsx", &o, &figs);
    let ret = import::read(&p, &Default::default()).unwrap();
    assert_figures(&ret, &figs);
    assert!(ret.figure("apply.total.total").unwrap().value.unwrap() > 0.0);
}

/// Rewrites an .xlsx, dropping every formula's saved result, as some generators leave them.
fn strip_formula_results(bytes: &[u8]) -> Vec<u8> {
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut text = Vec::new();
        f.read_to_end(&mut text).unwrap();
        if name.starts_with("xl/worksheets/") {
            let mut s = String::from_utf8(text).unwrap();
            while let Some(at) = s.find("</f><v>") {
                let end = s[at..].find("</v>").unwrap() + at + 4;
                s.replace_range(at + 4..end, "");
            }
            text = s.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&text).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn formulas_without_a_saved_result_are_worked_out() {
    let dir = tempdir();
    let mut o = Options::new(Format::Gov2021);
    o.formulas = true;
    let figs = figures(Format::Gov2021, false, 8);
    let bytes = strip_formula_results(&nianbao::generate::workbook(&o, &figs).unwrap());
    let p = dir.path().join("2021-某某县卫健局.xlsx");
    std::fs::write(&p, bytes).unwrap();
    let ret = import::read(&p, &Default::default()).unwrap();
    assert_figures(&ret, &figs);
    assert!(ret.figure("apply.new.total").unwrap().raw.starts_with("=SUM("));
}

/// Table 三 drawn by hand the way a town typed it: no merged cells, a label split over two rows,
/// （六）其他处理 on a row of its own above its three items, 本单位 for 本机关.
#[test]
fn hand_typed_table_three() {
    let dir = tempdir();
    let figs = figures(Format::Gov2021, false, 9);
    let mut wb = rust_xlsxwriter::Workbook::new();
    let styles = Styles::new("宋体");
    for t in [Table::Active, Table::Review] {
        let ws = wb.add_worksheet();
        let lay = layout::layout(t, Format::Gov2021);
        sheet::draw(ws, &lay, (0, 0), &styles, &|s| s.to_string(), &mut |id| CellOut::Number(figs[id]), false).unwrap();
    }
    let ws = wb.add_worksheet().set_name("依申请").unwrap();
    ws.write(0, 0, "三、收到和处理政府信息公开申请情况").unwrap();
    ws.write(2, 2, "申请人情况").unwrap();
    ws.write(3, 2, "自然人").unwrap();
    ws.write(3, 3, "法人或其他组织").unwrap();
    ws.write(3, 8, "总计").unwrap();
    for (i, h) in ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"].iter().enumerate()
    {
        ws.write(4, 3 + i as u16, *h).unwrap();
    }
    let cols = ["natural", "business", "research", "nonprofit", "legal", "other_org", "total"];
    let mut r = 5u32;
    let row = |ws: &mut rust_xlsxwriter::Worksheet, r: &mut u32, a: &str, b: &str, id: Option<&str>| {
        ws.write(*r, 0, a).unwrap();
        ws.write(*r, 1, b).unwrap();
        if let Some(id) = id {
            for (k, c) in cols.iter().enumerate() {
                ws.write(*r, 2 + k as u16, figs[&format!("apply.{id}.{c}")]).unwrap();
            }
        }
        *r += 1;
    };
    row(ws, &mut r, "一、本年新收政府信息", "", None);
    row(ws, &mut r, "公开申请数量", "", Some("new"));
    row(ws, &mut r, "二、上年结转政府信息公开申请数量", "", Some("carried"));
    row(ws, &mut r, "三、本年度办理结果", "（一）予以公开", Some("open"));
    row(ws, &mut r, "", "（二）部分公开", Some("partial"));
    row(ws, &mut r, "", "（三）不予公开", None);
    let items = [
        ("1.属于国家秘密", "deny_secret"),
        ("2.其他法律行政法规禁止公开", "deny_law"),
        ("3.危及“三安全一稳定”", "deny_safety"),
        ("4.保护第三方合法权益", "deny_third_party"),
        ("5.属于三类内部事务信息", "deny_internal"),
        ("6.属于四类过程性信息", "deny_process"),
        ("7.属于行政执法案卷", "deny_enforcement"),
        ("8.属于行政查询事项", "deny_query"),
    ];
    for (l, id) in items {
        row(ws, &mut r, "", l, Some(id));
    }
    row(ws, &mut r, "", "（四）无法提供", None);
    for (l, id) in [
        ("1.本单位不掌握相关政府信息", "none_not_held"),
        ("2.没有现成信息需要另行制作", "none_need_create"),
        ("3.补正后申请内容仍不明确", "none_unclear"),
    ] {
        row(ws, &mut r, "", l, Some(id));
    }
    row(ws, &mut r, "", "（五）不予处理", None);
    for (l, id) in [
        ("1.信访举报投诉类申请", "reject_petition"),
        ("2.重复申请", "reject_repeat"),
        ("3.要求提供公开出版物", "reject_publication"),
        ("4.无正当理由大量反复申请", "reject_excessive"),
        ("5.要求行政机关确认或重新出具已获取信息", "reject_confirm"),
    ] {
        row(ws, &mut r, "", l, Some(id));
    }
    row(ws, &mut r, "", "（六）其他处理", None);
    for (l, id) in [
        ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other_no_correction"),
        ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other_no_fee"),
        ("3.其他", "other_other"),
    ] {
        row(ws, &mut r, "", l, Some(id));
    }
    row(ws, &mut r, "", "（七）总计", Some("total"));
    row(ws, &mut r, "四、结转下年度继续办理", "", Some("carry_forward"));
    let p = dir.path().join("2021-某某镇人民政府.xlsx");
    wb.save(&p).unwrap();
    let ret = import::read(&p, &Default::default()).unwrap();
    assert_eq!(ret.format, Format::Gov2021);
    assert_figures(&ret, &figs);
    assert_eq!(
        ret.figure("apply.new.natural").unwrap().cell,
        "C7",
        "the figures of the split label are on its second row"
    );
}

#[test]
fn format_told_by_the_table_not_the_year() {
    let dir = tempdir();
    let figs = figures(Format::Gov2019, false, 10);
    let p = write_return(dir.path(), "2021-用了旧表的局.xlsx", &Options::new(Format::Gov2019), &figs);
    let ret = import::read(&p, &Default::default()).unwrap();
    assert_eq!(ret.format, Format::Gov2019);
    assert_figures(&ret, &figs);
    let findings = nianbao::checks::check(&ret);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].rule, nianbao::model::Rule::FormatYear);
    assert!(findings[0].message.contains("2021"));
}
