//! Training mode: a sandbox database of its own, freshly made from the demo data and
//! restored to its initial state in a moment, never the operator's real database.

use std::path::{Path, PathBuf};

use super::{OpsError, OpsResult};
use crate::db::{OpenMode, Store};

/// The sandbox folder: `XINGFU_TRAINING_DIR`, else `training` in the local data directory.
pub fn dir() -> PathBuf {
    if let Some(d) = std::env::var_os("XINGFU_TRAINING_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(d);
    }
    match directories::ProjectDirs::from("cn", "xingfu", "xingfu") {
        Some(dirs) => dirs.data_local_dir().join("training"),
        None => PathBuf::from("training"),
    }
}

/// The two files of a sandbox: the one trainees use, and the pristine copy it is reset from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sandbox {
    pub db: PathBuf,
    pub pristine: PathBuf,
}

impl Sandbox {
    pub fn in_dir(dir: &Path) -> Sandbox {
        Sandbox { db: dir.join("培训沙盒.db"), pristine: dir.join("培训沙盒-初始.db") }
    }
}

/// Makes the sandbox ready: the pristine copy is built from the demo data once; the
/// sandbox is copied from it when missing or when `reset` is asked.
pub fn prepare(dir: &Path, reset: bool) -> OpsResult<Sandbox> {
    std::fs::create_dir_all(dir)?;
    let sb = Sandbox::in_dir(dir);
    if !sb.pristine.exists() {
        let building = dir.join("培训沙盒-生成中.db");
        let _ = std::fs::remove_file(&building);
        {
            let mut store = Store::open(&building, OpenMode::Create, "培训")?;
            let report = super::demo::load(&mut store)?;
            if report.has_errors() {
                return Err(OpsError::DemoRejected);
            }
            // A single self-contained file: no WAL beside the pristine copy.
            store.checkpoint()?;
        }
        std::fs::rename(&building, &sb.pristine)?;
    }
    if reset || !sb.db.exists() {
        for ext in ["", "-wal", "-shm"] {
            let mut p = sb.db.clone().into_os_string();
            p.push(ext);
            let _ = std::fs::remove_file(PathBuf::from(p));
        }
        std::fs::copy(&sb.pristine, &sb.db)?;
    }
    Ok(sb)
}

/// Opens the training sandbox (made from the demo data if it does not exist yet) for an
/// operator: the console switches to it.
pub fn open(operator: &str) -> Result<(crate::db::Store, Sandbox), super::OpsError> {
    let sb = prepare(&dir(), false)?;
    let store = crate::db::Store::open(&sb.db, crate::db::OpenMode::Existing, operator)?;
    Ok((store, sb))
}

/// Puts the sandbox's database back to its pristine copy, in place of the open store.
pub fn reset(store: &mut crate::db::Store, sandbox: &Sandbox) -> crate::db::DbResult<()> {
    store.restore_from(&sandbox.pristine)
}
