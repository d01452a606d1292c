//! `county set|show`: the county's own identity; `indicators`: the 统计表's indicator tables.

use super::super::args::{CountyAction, IndicatorAction};
use super::super::{Ctx, Out};
use nianbao::service;
use std::process::ExitCode;

pub fn county_info(cx: &Ctx, action: CountyAction) -> Out {
    let mut store = cx.store()?;
    if let CountyAction::Set { name, office, address, phone, website, leave_out_partial_stats } = action {
        let info = service::CountyInfo { name, office, address, phone, website, leave_out_partial_stats };
        let others = service::set_county(&mut store, &info)?;
        say!("已保存本县信息。");
        if !others.is_empty() {
            let names: Vec<&str> = others.iter().map(|a| a.name.as_str()).collect();
            say!(
                "名册中有 {} 个单位属于其他县，仍计入汇总：{}。如不属本县，请用 nianbao agencies retire 单位名称 --from-year 年度 撤出（数据保留，自该年起不再计入汇总）。",
                names.len(),
                names.join("、")
            );
        }
    }
    let c = store.county_info()?;
    if !c.is_set() {
        say!("还没有设置本县信息：请运行 nianbao county set --name 某某县 --office 某某县人民政府办公室。");
    } else {
        say!("{}\t{}\t{}\t{}\t{}", c.name, c.office, c.address, c.phone, c.website);
        if c.leave_out_partial_stats {
            say!("只有部分单位报送统计表时，全县报告不列统计表。");
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn indicators(cx: &Ctx, action: IndicatorAction) -> Out {
    let mut store = cx.store()?;
    let describe = |from: Option<i32>| match from {
        Some(y) => format!("本地区自定指标表（{y} 年起）"),
        None => "全国通用指标表".to_string(),
    };
    match action {
        IndicatorAction::Show { year } => {
            let year = service::resolve_year(&store, year)?;
            let (t, from) = store.indicator_table(year)?;
            say!("{year} 年统计表：{}，{} 个栏目，{} 个指标", describe(from), t.sections.len(), t.indicators.len());
            for (k, s) in t.sections.iter().enumerate() {
                say!("{}", s.title);
                for i in t.indicators.iter().filter(|i| i.section as usize == k + 1) {
                    let whole = i.part_of.as_deref().map(|p| format!("　属于 {p}")).unwrap_or_default();
                    say!("  {}	{}	{}{whole}", i.id, i.label, i.unit);
                }
            }
        }
        IndicatorAction::Export { year, out } => {
            let year = service::resolve_year(&store, year)?;
            let n = service::exports::indicator_table(&store, year, &out)?;
            say!(
                "已保存：{}（{n} 个指标）。在 Excel 或 WPS 中修改后，用 nianbao indicators import 导入。",
                out.display()
            );
        }
        IndicatorAction::Import { year, file } => {
            let t = service::exports::import_indicator_table(&mut store, year, &file)?;
            say!("已导入指标表：{} 个栏目、{} 个指标，{year} 年起生效。", t.sections.len(), t.indicators.len());
        }
        IndicatorAction::Add { year, section, label, words, unit, part_of, decimals } => {
            let new = service::NewIndicator { section, label, words, unit, decimals, part_of };
            let id = service::add_indicator(&mut store, year, &new)?;
            say!("已添加指标 {id}，{year} 年起生效。");
        }
        IndicatorAction::Remove { year, id } => {
            service::remove_indicator(&mut store, year, &id)?;
            say!("已删除指标 {id}，{year} 年起生效。");
        }
        IndicatorAction::Clear { year } => {
            if store.clear_indicator_table(year)? {
                let (_, from) = store.indicator_table(year)?;
                say!("已删除 {year} 年起生效的指标表；{year} 年改用{}。", describe(from));
            } else {
                say!("{year} 年没有单独设置的指标表。");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
