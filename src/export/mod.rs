//! Exports: Excel tables, summary workbook and return template (rust_xlsxwriter), Word drafts
//! (docx-rs). Every file is written whole to a temporary file beside the target and then renamed,
//! so the user never finds a half-written file where a finished one should be.

pub mod brief;
pub mod draft;
pub mod indicators;
mod lines;
pub mod office;
pub mod sheet;
pub mod summary;
pub mod tables;
pub mod word;

use crate::model::ErrorCode;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("无法保存到“{path}”：文件夹不存在，请另选保存位置。")]
    FolderMissing { path: String },
    #[error("无法保存“{path}”：文件可能正在 Excel、WPS 或 Word 中打开，或没有写入权限，请关闭该文件后重试。")]
    Locked { path: String },
    #[error("无法保存“{path}”（{detail}）。")]
    Io { path: String, detail: String },
    #[error("生成表格时出错（{0}）。")]
    Xlsx(String),
    #[error("生成 Word 文档时出错（{0}）。")]
    Docx(String),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error("{0}")]
    Nothing(String),
}

impl crate::model::Coded for ExportError {
    fn code(&self) -> ErrorCode {
        ExportError::code(self)
    }
}

impl ExportError {
    /// A short stable code for the UI: "locked" offers to retry once the file is closed.
    pub fn code(&self) -> ErrorCode {
        match self {
            ExportError::FolderMissing { .. } => ErrorCode::FolderMissing,
            ExportError::Locked { .. } => ErrorCode::Locked,
            ExportError::Io { .. } => ErrorCode::ExportIo,
            ExportError::Xlsx(_) | ExportError::Docx(_) => ErrorCode::Export,
            ExportError::Store(e) => e.code(),
            ExportError::Nothing(_) => ErrorCode::NoData,
        }
    }
}

impl From<rust_xlsxwriter::XlsxError> for ExportError {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        ExportError::Xlsx(e.to_string())
    }
}

/// A number about to be written to a workbook: never ∞ or NaN (Excel cannot read `<v>inf</v>`). The
/// readers refuse such values as figures; this is the writer's own assertion of it.
pub(crate) fn finite(v: f64) -> Result<f64, rust_xlsxwriter::XlsxError> {
    if v.is_finite() {
        Ok(v)
    } else {
        Err(rust_xlsxwriter::XlsxError::ParameterError(format!("数值“{v}”不是有效数字，未写入")))
    }
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed to disk, then
/// renamed over the target. On any failure the temporary file is removed and the target untouched.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let shown = path.display().to_string();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(ExportError::FolderMissing { path: shown });
    }
    if path.is_dir() {
        return Err(ExportError::Io { path: shown, detail: "同名的文件夹已存在".into() });
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "export".into());
    let tmp = dir.join(format!(".{name}.{}.part", std::process::id()));
    let io = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::PermissionDenied => ExportError::Locked { path: shown.clone() },
        _ => ExportError::Io { path: shown.clone(), detail: e.to_string() },
    };
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(io(e));
    }
    Ok(())
}
