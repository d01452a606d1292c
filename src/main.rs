//! `nianbao`: the engine's command line. Every command is a few lines over the library.

use clap::{Parser, Subcommand};
use nianbao::store::{AgencyKind, Store};
use nianbao::{checks, import, inspect};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "nianbao", version, about = "年报工作台：政府信息公开工作年度报告的导入、校验、汇总与导出")]
struct Cli {
    /// 数据库文件（默认在用户数据目录 nianbao/nianbao.db）
    #[arg(long, global = true)]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 读取一份报表并输出其数据与问题，不保存任何内容
    Inspect {
        file: PathBuf,
        /// 按 FORMS.md 约定输出 JSON
        #[arg(long)]
        json: bool,
    },
    /// 导入报表文件或整个文件夹
    Import {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// 文件名和标题都看不出年度时使用的年度
        #[arg(long)]
        year: Option<i32>,
        /// 文件名和标题都看不出单位时使用的单位
        #[arg(long)]
        agency: Option<String>,
    },
    /// 单位名册
    Agencies {
        #[command(subcommand)]
        action: Option<AgencyAction>,
    },
    /// 某年度各单位的报送情况
    Status {
        #[arg(long)]
        year: Option<i32>,
    },
    /// 列出某年度（或某单位）报表中的问题
    Findings {
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        agency: Option<String>,
    },
    /// 性能测试：生成一个县的报表并测量读取与导入速度
    Bench {
        /// 生成的报表数
        #[arg(long, default_value_t = 300)]
        count: usize,
        /// 放生成文件的文件夹（默认临时文件夹）
        #[arg(long)]
        dir: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum AgencyAction {
    /// 列出名册
    List {
        /// 包括已撤销的单位
        #[arg(long)]
        all: bool,
    },
    /// 添加单位
    Add {
        name: String,
        /// 部门 或 乡镇/街道（默认按名称判断）
        #[arg(long)]
        kind: Option<String>,
    },
    /// 从表格导入名册（第一列单位名称，可有一列类别）
    Import { file: PathBuf },
    /// 更名
    Rename { old: String, new: String },
    /// 撤销（不再要求报送，历史数据保留）
    Retire { name: String },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("{msg}");
            ExitCode::from(1)
        }
    }
}

fn open_store(db: &Option<PathBuf>) -> Result<Store, String> {
    let path = db.clone().unwrap_or_else(Store::default_path);
    Store::open(&path).map_err(|e| e.to_string())
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Inspect { file, json } => {
            let ret = import::read_file(&file).map_err(|e| e.to_string())?;
            let findings = checks::check(&ret);
            if json {
                println!("{}", serde_json::to_string_pretty(&inspect::to_json(&ret, &findings)).unwrap_or_default());
            } else {
                print_return(&ret, &findings);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Import { paths, year, agency } => {
            let mut store = open_store(&cli.db)?;
            let files = nianbao::import::batch::collect_files(&paths);
            let total = files.len();
            if total == 0 {
                return Err("没有找到可导入的 .xlsx 或 .xls 文件。".into());
            }
            let summary = nianbao::import::batch::import_files(
                &mut store,
                &files,
                &nianbao::import::batch::Overrides { year, agency },
                |i, path, outcome| {
                    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    match outcome {
                        Ok(done) => eprintln!(
                            "[{}/{}] {} → 已导入：{} {} 年（{}，{} 项数据{}{}）{}",
                            i + 1,
                            total,
                            name,
                            done.agency,
                            done.year,
                            done.format.id(),
                            done.figures,
                            if done.findings.is_empty() { String::new() } else { format!("，{} 个问题待核对", done.findings.len()) },
                            if done.replaced_earlier { "，替换了此前导入的版本（旧版保留为历史）" } else { "" },
                            if done.agency_added { "［新单位已加入名册］" } else { "" },
                        ),
                        Err(msg) => eprintln!("[{}/{}] {} → 未导入：{}", i + 1, total, name, msg),
                    }
                },
            );
            println!(
                "共 {} 个文件：导入 {} 个，拒收 {} 个，其中 {} 个有问题需核对。",
                total, summary.imported, summary.refused, summary.with_findings
            );
            Ok(if summary.refused > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
        }
        Command::Agencies { action } => {
            let mut store = open_store(&cli.db)?;
            match action.unwrap_or(AgencyAction::List { all: false }) {
                AgencyAction::List { all } => {
                    for a in store.agencies(all).map_err(|e| e.to_string())? {
                        println!("{}\t{}{}", a.name, a.kind.as_str(), if a.retired { "\t（已撤销）" } else { "" });
                    }
                }
                AgencyAction::Add { name, kind } => {
                    let kind = match kind {
                        Some(k) => AgencyKind::parse(&k).ok_or_else(|| format!("类别“{k}”无法识别，请写“部门”或“乡镇/街道”。"))?,
                        None => AgencyKind::guess(&name),
                    };
                    let a = store.add_agency(&name, kind).map_err(|e| e.to_string())?;
                    println!("名册中已有：{}（{}）", a.name, a.kind.as_str());
                }
                AgencyAction::Import { file } => {
                    let n = nianbao::import::roster::import_roster(&mut store, &file).map_err(|e| e.to_string())?;
                    println!("从“{}”读入 {} 个单位，新加入名册 {} 个。", file.display(), n.read, n.added);
                }
                AgencyAction::Rename { old, new } => {
                    store.rename_agency(&old, &new).map_err(|e| e.to_string())?;
                    println!("已把“{old}”更名为“{new}”。");
                }
                AgencyAction::Retire { name } => {
                    store.set_retired(&name, true).map_err(|e| e.to_string())?;
                    println!("已撤销“{name}”，它不再列入待报送名单，历史数据保留。");
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Status { year } => {
            let store = open_store(&cli.db)?;
            let year = resolve_year(&store, year)?;
            let rows = store.status(year).map_err(|e| e.to_string())?;
            let sent = rows.iter().filter(|r| r.return_id.is_some()).count();
            let with_findings = rows.iter().filter(|r| r.findings > 0).count();
            println!("{year} 年：名册 {} 个单位，已报送 {sent} 个，未报送 {} 个，有问题 {with_findings} 个。", rows.len(), rows.len() - sent);
            for r in &rows {
                let state = match (&r.return_id, r.findings) {
                    (None, _) => "未报送".to_string(),
                    (Some(_), 0) => "已报送".to_string(),
                    (Some(_), n) => format!("已报送，{n} 个问题"),
                };
                println!("{}\t{}\t{}\t{}", r.agency.name, r.agency.kind.as_str(), state, r.file_name.clone().unwrap_or_default());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Findings { year, agency } => {
            let store = open_store(&cli.db)?;
            let year = resolve_year(&store, year)?;
            let mut n = 0;
            for r in store.current_returns(year).map_err(|e| e.to_string())? {
                if agency.as_deref().is_some_and(|a| a != r.agency) {
                    continue;
                }
                for f in store.findings(r.id).map_err(|e| e.to_string())? {
                    n += 1;
                    println!("{}\t{}\t{}", r.agency, f.rule, f.message);
                }
            }
            if n == 0 {
                println!("{year} 年没有待核对的问题。");
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench { count, dir } => {
            let report = nianbao::bench::run(count, dir.as_deref()).map_err(|e| e.to_string())?;
            println!("{report}");
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn resolve_year(store: &Store, year: Option<i32>) -> Result<i32, String> {
    match year {
        Some(y) => Ok(y),
        None => store
            .years()
            .map_err(|e| e.to_string())?
            .first()
            .copied()
            .ok_or_else(|| "数据库里还没有任何报表，请先导入，或用 --year 指定年度。".to_string()),
    }
}

fn print_return(ret: &import::Return, findings: &[checks::Finding]) {
    println!(
        "{}　{} 年　{}　{} 项数据",
        ret.agency.as_deref().unwrap_or("（单位不明）"),
        ret.year.map(|y| y.to_string()).unwrap_or_else(|| "（年度不明）".into()),
        ret.format.name(),
        ret.figures.len()
    );
    println!(
        "找到的表格：{}",
        ret.tables.iter().map(|t| t.title()).collect::<Vec<_>>().join("、")
    );
    for f in &ret.figures {
        if f.value != Some(0.0) {
            let label = nianbao::forms::def(&f.id, ret.format).map(|d| d.describe()).unwrap_or_default();
            println!("  {}\t{}\t{}\t{}!{}", f.id, label, f.raw, f.sheet, f.cell);
        }
    }
    if findings.is_empty() {
        println!("没有发现问题。（未列出的数据项均为 0）");
    } else {
        println!("发现 {} 个问题：", findings.len());
        for f in findings {
            println!("  [{}] {}", f.rule, f.message);
        }
    }
}
