//! Synthetic returns for the benchmark and the tests: consistent random figures drawn onto the
//! official layout, with the quirks real returns have (shifted tables, one sheet or several, labels
//! written other ways, numbers as text, zeros written 无, totals as formulas) switched on by option.

use crate::export::sheet::{self, CellOut, Styles};
use crate::forms::{self, layout, Format, Table};
use rust_xlsxwriter::Workbook;
use std::collections::BTreeMap;

/// A small deterministic random source (xorshift), so generated counties are the same every run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    /// A whole number in 0..n, more often small, as real counts are.
    pub fn small(&mut self, n: u64) -> f64 {
        let a = self.next_u64() % n.max(1);
        let b = self.next_u64() % n.max(1);
        a.min(b) as f64
    }
}

/// Figures that satisfy every rule of FORMS.md: totals add up, 一+二 = 三+四.
pub fn consistent_figures(f: Format, stats: bool, rng: &mut Rng) -> BTreeMap<String, f64> {
    let mut v = BTreeMap::new();
    for d in forms::figures(f).filter(|d| d.table == Table::Active) {
        let x = if d.decimals { rng.small(500) / 10.0 } else { rng.small(30) };
        let x = if d.signed && rng.next_u64().is_multiple_of(3) { -x } else { x };
        // A county's agencies make no 规章 (立法法): a realistic county reports none.
        let x = if d.id.starts_with("active.rules.") { 0.0 } else { x };
        v.insert(d.id.clone(), x);
    }
    let results = forms::apply_result_rows(f);
    for (col, _) in &forms::APPLY_COLS[..6] {
        let mut total = 0.0;
        for r in &results {
            let x = if rng.next_u64().is_multiple_of(3) { rng.small(12) } else { 0.0 };
            total += x;
            v.insert(format!("apply.{r}.{col}"), x);
        }
        let carry_forward = rng.small(4);
        let carried = rng.small((total + carry_forward) as u64 + 1).min(total + carry_forward);
        v.insert(format!("apply.total.{col}"), total);
        v.insert(format!("apply.carry_forward.{col}"), carry_forward);
        v.insert(format!("apply.carried.{col}"), carried);
        v.insert(format!("apply.new.{col}"), total + carry_forward - carried);
    }
    for (row, _, within) in forms::APPLY_ROWS {
        if matches!(within, forms::In::Only(g) if *g != f) {
            continue;
        }
        let sum: f64 = forms::APPLY_COLS[..6].iter().map(|(c, _)| v[&format!("apply.{row}.{c}")]).sum();
        v.insert(format!("apply.{row}.total"), sum);
    }
    for (group, _) in forms::REVIEW_GROUPS {
        let mut sum = 0.0;
        for (col, _) in &forms::REVIEW_COLS[..4] {
            let x = rng.small(3);
            sum += x;
            v.insert(format!("review.{group}.{col}"), x);
        }
        v.insert(format!("review.{group}.total"), sum);
    }
    if stats {
        for d in forms::stats_figures() {
            let x = if d.decimals { rng.small(100) / 10.0 } else { rng.small(40) };
            v.insert(d.id.clone(), x);
        }
        // The national table's wholes: a sum of its parts, or above its 其中 parts.
        let table = forms::indicators::national();
        for whole in table.indicators.iter().filter(|i| i.sum_of_parts) {
            let s: f64 = table.parts_of(&whole.id).iter().map(|p| v[&p.id]).sum();
            v.insert(whole.id.clone(), s);
        }
        for part in table
            .indicators
            .iter()
            .filter(|i| i.part_of.as_ref().is_some_and(|w| !table.get(w).is_some_and(|w| w.sum_of_parts)))
        {
            let w = v[part.part_of.as_deref().unwrap_or_default()];
            v.insert(part.id.clone(), v[&part.id].min(w));
        }
    }
    v
}

/// How a generated return is laid out and written.
#[derive(Clone)]
pub struct Options {
    pub format: Format,
    pub stats: bool,
    /// All tables on one sheet (like the 2020 sample) or one sheet a table.
    pub one_sheet: bool,
    /// Where the first table starts (rows, columns of shift).
    pub origin: (u32, u16),
    /// A title row above the tables naming agency and year.
    pub title: Option<String>,
    /// Rewrites labels the way agencies write them.
    pub label: fn(&str) -> String,
    /// Writes a figure the way agencies write it.
    pub value: fn(&str, f64) -> CellOut,
    /// Totals as formulas (with their saved result).
    pub formulas: bool,
}

pub fn same(s: &str) -> String {
    s.to_string()
}

pub fn plain(_id: &str, v: f64) -> CellOut {
    CellOut::Number(v)
}

impl Options {
    pub fn new(format: Format) -> Options {
        Options {
            format,
            stats: false,
            one_sheet: false,
            origin: (0, 0),
            title: None,
            label: same,
            value: plain,
            formulas: false,
        }
    }
}

/// Draws a return with the given figures and returns the workbook's bytes.
pub fn workbook(o: &Options, figures: &BTreeMap<String, f64>) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut wb = Workbook::new();
    let styles = Styles::new("宋体");
    let tables = layout::report_tables(o.stats);
    let names = ["主动公开", "依申请公开", "复议诉讼", "统计表"];
    let mut row = o.origin.0;
    for (i, t) in tables.iter().enumerate() {
        if i == 0 || !o.one_sheet {
            let name = if o.one_sheet { "年报表格" } else { names[i] };
            wb.add_worksheet().set_name(name)?;
            row = o.origin.0;
        }
        let ws = wb.worksheets_mut().last_mut().expect("a sheet was just added");
        if let Some(title) = &o.title {
            if i == 0 || !o.one_sheet {
                ws.write_string(row, o.origin.1, title)?;
                row += 2;
            }
        }
        if o.one_sheet || *t == Table::Stats {
            ws.write_string(row, o.origin.1, (o.label)(t.title()))?;
            row += 1;
        }
        let lay = layout::layout(*t, o.format);
        let pos = sheet::positions(&lay, (row, o.origin.1));
        let mut fill = |id: &str| {
            let v = figures.get(id).copied().unwrap_or(0.0);
            if o.formulas {
                if let Some(parts) = forms::total_parts_in(id, o.format, forms::indicators::national()) {
                    if let Some(f) = sheet::sum_formula(&parts, &pos) {
                        return CellOut::Formula(f, Some(v));
                    }
                }
            }
            (o.value)(id, v)
        };
        sheet::draw(ws, &lay, (row, o.origin.1), &styles, &|s| (o.label)(s), &mut fill, false)?;
        row += lay.height + 2;
    }
    wb.save_to_buffer()
}

/// A demo county for training and for the app's end-to-end test: `count` returns of `year` under
/// made-up agency names, every fifth a town, and two with the mistakes offices really make (a row
/// total that does not add up, a 复议 total one off). Returns the files written.
pub fn demo_county(dir: &std::path::Path, count: usize, year: i32) -> std::io::Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let format = Format::for_year(year);
    let names = [
        "发展和改革局",
        "教育局",
        "公安局",
        "民政局",
        "司法局",
        "财政局",
        "人力资源和社会保障局",
        "自然资源局",
        "生态环境局",
        "住房和城乡建设局",
        "交通运输局",
        "水利局",
        "农业农村局",
        "商务局",
        "文化和旅游局",
        "卫生健康委员会",
        "应急管理局",
        "审计局",
        "市场监督管理局",
        "统计局",
    ];
    let towns = ["城关街道办事处", "东关街道办事处", "悦庄镇人民政府", "南麻街道办事处", "张家坡镇人民政府"];
    let mut rng = Rng::new(year as u64 * 7919);
    let mut out = Vec::new();
    let mut used = std::collections::HashSet::new();
    for i in 0..count {
        let name = if i % 5 == 4 {
            format!("示范县{}", towns[(i / 5) % towns.len()])
        } else {
            format!("示范县{}", names[i % names.len()])
        };
        // Every file its own agency: a name already given gets the file's number inside it
        // ("示范县第26教育局"), so it neither contains nor is contained in another agency's name.
        let name =
            if used.contains(&name) { name.replacen("示范县", &format!("示范县第{}", i + 1), 1) } else { name };
        used.insert(name.clone());
        let mut o = Options::new(format);
        o.stats = i % 3 == 0;
        o.one_sheet = i % 4 == 1;
        let mut figures = consistent_figures(format, o.stats, &mut rng);
        if i == 1 {
            *figures.get_mut("apply.open.natural").unwrap_or(&mut 0.0) += 1.0;
        }
        if i == 2 {
            *figures.get_mut("review.reconsideration.total").unwrap_or(&mut 0.0) += 1.0;
        }
        let bytes = workbook(&o, &figures).map_err(|e| std::io::Error::other(e.to_string()))?;
        let path = dir.join(format!("{year}-{name}.xlsx"));
        std::fs::write(&path, bytes)?;
        out.push(path);
    }
    Ok(out)
}
