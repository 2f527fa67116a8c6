//! The file browser of the import prompt: folders and the files an import reads (.csv,
//! .xlsx, .zip), narrowed by typing, several files marked with Tab, Enter to take them.
//! Names with spaces, Chinese names and drive letters need no quoting here.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use tui_input::Input;

use super::action::Action;
use super::popup::{Effect, Outcome, Popup};

/// One line of the listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub folder: bool,
}

/// An open file browser.
#[derive(Debug, Clone)]
pub struct FileBrowser {
    pub dir: PathBuf,
    pub input: Input,
    /// The entries of `dir` that match the typed text (`..` first, folders, then files).
    pub entries: Vec<Entry>,
    pub selected: usize,
    /// Files marked to import together.
    pub marked: BTreeSet<PathBuf>,
    /// Why the folder could not be listed, if it could not.
    pub error: Option<String>,
}

/// The files an import reads.
fn importable(name: &str) -> bool {
    let lower = name.to_lowercase();
    !name.starts_with("~$") && [".csv", ".xlsx", ".zip"].iter().any(|e| lower.ends_with(e))
}

impl FileBrowser {
    pub fn new(dir: &Path) -> FileBrowser {
        let dir = crate::ops::paths::absolute(dir);
        let mut b = FileBrowser {
            dir,
            input: Input::default(),
            entries: Vec::new(),
            selected: 0,
            marked: BTreeSet::new(),
            error: None,
        };
        b.refresh();
        b
    }

    /// Lists the folder again, narrowed to what contains the typed text.
    pub fn refresh(&mut self) {
        let q = self.input.value().trim().to_lowercase();
        let mut folders = Vec::new();
        let mut files = Vec::new();
        match std::fs::read_dir(&self.dir) {
            Ok(list) => {
                self.error = None;
                for e in list.filter_map(Result::ok) {
                    let name = e.file_name().to_string_lossy().into_owned();
                    if name.starts_with('.') || (!q.is_empty() && !name.to_lowercase().contains(&q)) {
                        continue;
                    }
                    let folder = e.path().is_dir();
                    if folder {
                        folders.push(Entry { name, folder });
                    } else if importable(&name) {
                        files.push(Entry { name, folder });
                    }
                }
            }
            Err(e) => self.error = Some(e.to_string()),
        }
        folders.sort_by(|a, b| a.name.cmp(&b.name));
        files.sort_by(|a, b| a.name.cmp(&b.name));
        self.entries = Vec::new();
        if self.dir.parent().is_some() {
            self.entries.push(Entry { name: "..".into(), folder: true });
        }
        self.entries.extend(folders);
        self.entries.extend(files);
        // Narrowed, the first match is selected, not `..`.
        if !q.is_empty() && self.entries.len() > 1 && self.entries[0].name == ".." {
            self.selected = self.selected.max(1);
        }
        self.selected = self.selected.min(self.entries.len().saturating_sub(1));
    }

    pub fn current(&self) -> Option<&Entry> {
        self.entries.get(self.selected)
    }

    fn path_of(&self, e: &Entry) -> PathBuf {
        if e.name == ".." {
            self.dir.parent().map_or(self.dir.clone(), Path::to_path_buf)
        } else {
            self.dir.join(&e.name)
        }
    }

    /// Opens a folder (or goes up with `..`).
    pub fn enter(&mut self, folder: PathBuf) {
        self.dir = folder;
        self.input = Input::default();
        self.selected = 0;
        self.refresh();
    }

    pub fn up(&mut self) {
        if let Some(p) = self.dir.parent().map(Path::to_path_buf) {
            self.enter(p);
        }
    }

    fn move_by(&mut self, delta: i64) {
        let n = self.entries.len() as i64;
        if n > 0 {
            self.selected = (self.selected as i64 + delta).clamp(0, n - 1) as usize;
        }
    }

    /// Handles an action; the chosen files go back to the prompt as an effect.
    pub fn on_action(mut self: Box<Self>, action: Action) -> Outcome {
        match action {
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::PageDown => self.move_by(10),
            Action::PageUp => self.move_by(-10),
            Action::Back => self.up(),
            Action::Cancel => return Outcome::Close,
            Action::Mark => {
                if let Some(e) = self.current().cloned().filter(|e| !e.folder) {
                    let p = self.path_of(&e);
                    if !self.marked.remove(&p) {
                        self.marked.insert(p);
                    }
                    self.move_by(1);
                }
            }
            Action::Accept => match self.current().cloned() {
                Some(e) if e.folder => {
                    let p = self.path_of(&e);
                    self.enter(p);
                }
                Some(e) => {
                    let mut files: Vec<PathBuf> = self.marked.iter().cloned().collect();
                    let here = self.path_of(&e);
                    if !files.contains(&here) {
                        files.push(here);
                    }
                    return Outcome::Apply { keep: None, effect: Effect::FilesChosen(files) };
                }
                None if !self.marked.is_empty() => {
                    let files = self.marked.iter().cloned().collect();
                    return Outcome::Apply { keep: None, effect: Effect::FilesChosen(files) };
                }
                None => {}
            },
            _ => {}
        }
        Outcome::Stay(Popup::Files(self))
    }
}

/// The chosen files as the prompt's text: each quoted, so spaces never split them.
pub fn quoted(files: &[PathBuf]) -> String {
    files.iter().map(|f| format!("\"{}\"", f.display())).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_folders_and_importable_files_narrows_and_marks_several() {
        let dir = tempfile::tempdir().expect("dir");
        let sub = dir.path().join("村里 发来");
        std::fs::create_dir_all(&sub).expect("dir");
        for name in ["众心村 捐赠.csv", "新建 Microsoft Excel 工作表.xlsx", "说明.docx", "~$锁.xlsx", "拨付.CSV"]
        {
            std::fs::write(sub.join(name), "x").expect("write");
        }
        let mut b = FileBrowser::new(dir.path());
        let names: Vec<&str> = b.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["..", "村里 发来"]);
        b.selected = 1;
        let b = match Box::new(b).on_action(Action::Accept) {
            Outcome::Stay(Popup::Files(b)) => b,
            _ => panic!("stays"),
        };
        let names: Vec<&str> = b.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["..", "众心村 捐赠.csv", "拨付.CSV", "新建 Microsoft Excel 工作表.xlsx"]);
        // Mark one, then take another with Enter: both go back, quoted.
        let mut b = b;
        b.selected = 1;
        let mut b = match b.on_action(Action::Mark) {
            Outcome::Stay(Popup::Files(b)) => b,
            _ => panic!("stays"),
        };
        b.input = Input::new("excel".into());
        b.refresh();
        assert_eq!(b.entries.len(), 2);
        b.selected = 1;
        match b.on_action(Action::Accept) {
            Outcome::Apply { effect: Effect::FilesChosen(files), .. } => {
                assert_eq!(files, vec![sub.join("众心村 捐赠.csv"), sub.join("新建 Microsoft Excel 工作表.xlsx")]);
                let text = quoted(&files);
                assert_eq!(crate::tui::jobs::split_paths(&text), files);
            }
            _ => panic!("files chosen"),
        }
    }
}
