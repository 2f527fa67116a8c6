//! Paths as an operator sees them: made absolute for messages, and free names for new files.

use std::path::{Path, PathBuf};

/// `path` from the root, for messages that must say where a file went (relative paths
/// depend on a folder the operator never sees).
pub fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// `path` if nothing is there yet, else the first of `name-2.ext`, `name-3.ext` … that is free.
pub fn free_name(path: &Path) -> PathBuf {
    if !path.exists() {
        return path.to_path_buf();
    }
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = path.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
    (2..10_000)
        .map(|n| path.with_file_name(format!("{stem}-{n}{ext}")))
        .find(|p| !p.exists())
        .unwrap_or_else(|| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_name_gets_the_next_number() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("导出-众心村委会-20261129.xlsx");
        assert_eq!(free_name(&p), p);
        std::fs::write(&p, b"x").unwrap();
        assert_eq!(free_name(&p), dir.path().join("导出-众心村委会-20261129-2.xlsx"));
        std::fs::write(dir.path().join("导出-众心村委会-20261129-2.xlsx"), b"x").unwrap();
        assert_eq!(free_name(&p), dir.path().join("导出-众心村委会-20261129-3.xlsx"));
        assert!(absolute(Path::new("a b.xlsx")).is_absolute());
    }
}
