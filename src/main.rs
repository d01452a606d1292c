//! `nianbao`: the engine's command line. `main` only parses and dispatches (src/cli); a failure is
//! one sentence on stderr and an exit status by its class.
#![warn(clippy::too_many_lines)]

mod cli;

use clap::Parser;
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let code = match cli::run(cli::args::Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            cli::tell(&e.message);
            ExitCode::from(e.code.exit_status())
        }
    };
    // The tests bound memory per process: this process's peak, when they ask for it.
    if std::env::var_os("NIANBAO_PEAK_MEMORY").is_some() {
        eprintln!("峰值内存 {:.1} MB", nianbao::service::peak_memory_mb());
    }
    code
}
