//! The office's indicator table read back from the workbook `export::indicators` writes (and the
//! office edited): columns found by their headers, every row checked.

use crate::forms::indicators::{
    word_list, Indicator, IndicatorSection, IndicatorTable, INDICATORS_SHEET, INDICATOR_COLS, SECTIONS_SHEET,
    SECTION_COLS,
};
use calamine::{Data, Reader};
use std::path::Path;

fn text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::Float(f) => crate::text::fmt_num(*f),
        Data::Int(i) => i.to_string(),
        other => crate::text::one_line(&other.to_string()),
    }
}

/// Reads a definition workbook back; one Chinese sentence naming the file and the row when it
/// cannot be used.
pub fn read_definition(path: &Path) -> Result<IndicatorTable, String> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut wb =
        calamine::open_workbook_auto(path).map_err(|_| format!("无法打开“{name}”：不是可读的 Excel 工作簿。"))?;
    let sheet = |wb: &mut calamine::Sheets<_>, n: &str| {
        wb.worksheet_range(n).map_err(|_| format!("“{name}”里没有名为“{n}”的工作表（请用导出的指标表修改）。"))
    };
    let sections_range = sheet(&mut wb, SECTIONS_SHEET)?;
    let indicators_range = sheet(&mut wb, INDICATORS_SHEET)?;
    let columns = |range: &calamine::Range<Data>, want: &[(&str, f64)]| -> Result<Vec<usize>, String> {
        let header: Vec<String> = range.rows().next().map(|r| r.iter().map(text).collect()).unwrap_or_default();
        want.iter()
            .map(|(h, _)| {
                header
                    .iter()
                    .position(|x| x == h)
                    .ok_or_else(|| format!("“{name}”缺少“{h}”一列（请用导出的指标表修改）。"))
            })
            .collect()
    };
    let sc = columns(&sections_range, &SECTION_COLS)?;
    let mut sections = Vec::new();
    for row in sections_range.rows().skip(1) {
        let get = |k: usize| row.get(sc[k]).map(text).unwrap_or_default();
        if get(1).is_empty() {
            continue;
        }
        sections.push(IndicatorSection { title: get(1), words: word_list(&get(2)) });
    }
    let ic = columns(&indicators_range, &INDICATOR_COLS)?;
    let mut indicators = Vec::new();
    for (i, row) in indicators_range.rows().enumerate().skip(1) {
        let get = |k: usize| row.get(ic[k]).map(text).unwrap_or_default();
        if get(0).is_empty() && get(2).is_empty() {
            continue;
        }
        if get(0).starts_with("说明") {
            continue;
        }
        let section: u32 = get(1)
            .parse()
            .map_err(|_| format!("“{name}”指标表第 {} 行的“所在栏目”应填栏目序号（1、2、3……）。", i + 1))?;
        let opt = |s: String| if s.is_empty() { None } else { Some(s) };
        indicators.push(Indicator {
            id: get(0),
            section,
            label: get(2),
            words: word_list(&get(3)),
            except: word_list(&get(4)),
            unit: get(5),
            decimals: get(6) == "是",
            part_of: opt(get(7)),
            sum_of_parts: get(8) == "是",
            heading: get(9) == "是",
            before: opt(get(10)),
        });
    }
    let t = IndicatorTable { sections, indicators };
    match t.problem() {
        Some(p) => Err(format!("“{name}”：{p}")),
        None => Ok(t),
    }
}
