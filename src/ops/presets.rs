//! The presets an operator has: the built-in ones (`template::preset::builtin`) and their
//! own, one TOML file each in the `presets` folder of the configuration folder (in
//! training, of the sandbox, so that practice never changes the office's presets).
//! A preset file can be exported and imported, to share it between offices.

use std::path::{Path, PathBuf};

use crate::domain::Lang;
use crate::domain::messages as m;
use crate::template::preset::{Preset, PresetError, builtin, builtin_text};

use super::{OpsError, OpsResult};

/// Why a preset could not be found, saved, deleted or imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PresetFailure {
    NotFound(String),
    /// A built-in preset cannot be deleted or replaced.
    Builtin(String),
    /// A preset of that name exists (replace it on purpose).
    Exists(String),
    /// The file (or mapping) has problems.
    Invalid {
        path: String,
        errors: Vec<PresetError>,
    },
    /// There is no configuration folder to keep presets in.
    NoFolder,
}

impl PresetFailure {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            PresetFailure::NotFound(n) => m::preset_not_found(lang, n),
            PresetFailure::Builtin(n) => m::preset_is_builtin(lang, n),
            PresetFailure::Exists(n) => m::preset_exists(lang, n),
            PresetFailure::Invalid { path, errors } => {
                let mut s = m::preset_file_problems(lang, path);
                for e in errors {
                    s.push_str("\n  ");
                    s.push_str(&e.message(lang));
                }
                s
            }
            PresetFailure::NoFolder => m::preset_no_folder(lang).into(),
        }
    }
}

/// Where the operator's presets are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presets {
    dir: Option<PathBuf>,
}

/// A preset file that could not be read, and why (listed, never used).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    pub path: PathBuf,
    pub errors: Vec<PresetError>,
}

impl Presets {
    /// The presets of `dir` (none of the operator's own without one).
    pub fn at(dir: Option<PathBuf>) -> Presets {
        Presets { dir }
    }

    /// The operator's presets folder: `presets` in the configuration folder.
    pub fn user() -> Presets {
        Presets::at(super::settings::config_dir().map(|d| d.join("presets")))
    }

    /// The folder of the operator's own presets.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    fn path_of(&self, name: &str) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join(format!("{name}.toml")))
    }

    /// The operator's presets (by name), then the built-in ones; with the files that
    /// could not be read.
    pub fn all(&self) -> (Vec<Preset>, Vec<Broken>) {
        let mut own = Vec::new();
        let mut broken = Vec::new();
        let entries = self.dir.as_ref().and_then(|d| std::fs::read_dir(d).ok());
        let mut paths: Vec<PathBuf> = entries
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            let text = match std::fs::read_to_string(&path) {
                Ok(t) => t,
                Err(e) => {
                    broken.push(Broken { path, errors: vec![PresetError::Syntax(e.to_string())] });
                    continue;
                }
            };
            match Preset::parse(&text) {
                Ok(p) if builtin_text(&p.name).is_none() => own.push(p),
                Ok(p) => broken.push(Broken { path, errors: vec![PresetError::BadName(p.name)] }),
                Err(errors) => broken.push(Broken { path, errors }),
            }
        }
        own.extend(builtin());
        (own, broken)
    }

    /// Every usable preset.
    pub fn usable(&self) -> Vec<Preset> {
        self.all().0
    }

    pub fn find(&self, name: &str) -> OpsResult<Preset> {
        self.usable().into_iter().find(|p| p.name == name).ok_or_else(|| not_found(name))
    }

    /// A preset's file as it is (a built-in one as compiled in).
    pub fn text(&self, name: &str) -> OpsResult<String> {
        if let Some(t) = builtin_text(name) {
            return Ok(t.to_string());
        }
        let preset = self.find(name)?;
        let path = self.path_of(&preset.name).ok_or(OpsError::Preset(PresetFailure::NoFolder))?;
        Ok(std::fs::read_to_string(path)?)
    }

    /// Saves a preset as `<name>.toml` (`replace`: over one of that name); its path.
    pub fn save(&self, preset: &Preset, replace: bool) -> OpsResult<PathBuf> {
        self.save_text(preset, &preset.to_toml(), replace)
    }

    fn save_text(&self, preset: &Preset, text: &str, replace: bool) -> OpsResult<PathBuf> {
        let errors = preset.problems();
        if !errors.is_empty() {
            return Err(OpsError::Preset(PresetFailure::Invalid { path: preset.name.clone(), errors }));
        }
        if builtin_text(&preset.name).is_some() {
            return Err(OpsError::Preset(PresetFailure::Builtin(preset.name.clone())));
        }
        let path = self.path_of(&preset.name).ok_or(OpsError::Preset(PresetFailure::NoFolder))?;
        if path.exists() && !replace {
            return Err(OpsError::Preset(PresetFailure::Exists(preset.name.clone())));
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        // Written beside and renamed over: a preset file is whole or absent.
        let tmp = path.with_extension("toml.tmp");
        std::fs::write(&tmp, text)?;
        std::fs::rename(&tmp, &path).inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })?;
        Ok(path)
    }

    /// Deletes one of the operator's presets.
    pub fn delete(&self, name: &str) -> OpsResult<()> {
        if builtin_text(name).is_some() {
            return Err(OpsError::Preset(PresetFailure::Builtin(name.to_string())));
        }
        let path = self.path_of(name).filter(|p| p.is_file()).ok_or_else(|| not_found(name))?;
        std::fs::remove_file(path)?;
        Ok(())
    }

    /// Writes a preset's file to `out`, to share it.
    pub fn export(&self, name: &str, out: &Path) -> OpsResult<()> {
        let text = self.text(name)?;
        std::fs::write(out, text)?;
        Ok(())
    }

    /// Takes in a preset file from another office (checked first; `replace`: over one of
    /// that name).
    pub fn import(&self, file: &Path, replace: bool) -> OpsResult<(Preset, PathBuf)> {
        let text = std::fs::read_to_string(file)?;
        let preset = Preset::parse(&text)
            .map_err(|errors| OpsError::Preset(PresetFailure::Invalid { path: file.display().to_string(), errors }))?;
        let path = self.save_text(&preset, &text, replace)?;
        Ok((preset, path))
    }
}

fn not_found(name: &str) -> OpsError {
    OpsError::Preset(PresetFailure::NotFound(name.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_presets_are_saved_listed_shared_and_deleted_but_built_ins_stay() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let presets = Presets::at(Some(dir.path().join("presets")));
        let mut p = presets.find("bank").unwrap_or_default();
        assert!(p.builtin);
        assert!(matches!(presets.save(&p, true), Err(OpsError::Preset(PresetFailure::Builtin(_)))));
        p.name = "农商行".into();
        p.builtin = false;
        let path = presets.save(&p, false).unwrap_or_default();
        assert!(path.ends_with("农商行.toml"));
        assert!(matches!(presets.save(&p, false), Err(OpsError::Preset(PresetFailure::Exists(_)))));
        assert_eq!(presets.usable().first().map(|p| p.name.as_str()), Some("农商行"));
        let shared = dir.path().join("shared.toml");
        presets.export("农商行", &shared).unwrap_or_default();
        presets.delete("农商行").unwrap_or_default();
        assert!(matches!(presets.find("农商行"), Err(OpsError::Preset(PresetFailure::NotFound(_)))));
        let (back, _) = presets.import(&shared, false).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(back.name, "农商行");
        assert!(matches!(presets.delete("bank"), Err(OpsError::Preset(PresetFailure::Builtin(_)))));
        std::fs::write(dir.path().join("presets/broken.toml"), "name = \n").unwrap_or_default();
        let (usable, broken) = presets.all();
        assert_eq!(usable.len(), 4);
        assert_eq!(broken.len(), 1);
    }
}
