//! `agencies`: the roster — list, add, import, rename, retire, alias.

use super::super::args::AgencyAction;
use super::super::{Ctx, Out};
use nianbao::model::AgencyKind;
use nianbao::service;
use std::process::ExitCode;

pub fn agencies(cx: &Ctx, action: AgencyAction) -> Out {
    let mut store = cx.store()?;
    match action {
        AgencyAction::List { all } => {
            for a in store.agencies(all)? {
                say!("{}\t{}{}", a.name, a.kind.label(), if a.retired { "\t（已撤销）" } else { "" });
            }
        }
        AgencyAction::Add { name, kind } => {
            let kind = match kind {
                Some(k) => {
                    AgencyKind::parse(&k).ok_or_else(|| format!("类别“{k}”无法识别，请写“部门”或“乡镇/街道”。"))?
                }
                None => AgencyKind::guess(&name),
            };
            let (a, added) = store.add_agency(&name, kind)?;
            say!("{}：{}（{}）", if added { "已加入名册" } else { "名册中已有" }, a.name, a.kind.label());
        }
        AgencyAction::Import { file } => {
            let n = service::import_roster(&mut store, &file)?;
            say!("从“{}”读入 {} 个单位，新加入名册 {} 个。", file.display(), n.read, n.added);
        }
        AgencyAction::Rename { old, new } => {
            store.rename_agency(&old, &new)?;
            say!("已把“{old}”更名为“{new}”。");
        }
        AgencyAction::Retire { name, from_year: None } => {
            store.set_retired(&name, true)?;
            say!("已撤销“{name}”，它不再列入待报送名单，历史数据保留。");
        }
        AgencyAction::Retire { name, from_year: Some(y) } => {
            service::retire_from(&mut store, &name, y)?;
            say!("已撤销“{name}”：自 {y} 年起不再要求报送，也不计入汇总；{} 年及以前的报表仍计入当年汇总。", y - 1);
        }
        AgencyAction::Alias { name, agency } => {
            drop(store);
            return super::returns::alias(cx, &name, &agency);
        }
    }
    Ok(ExitCode::SUCCESS)
}
