//! The two languages of the user interface.

use serde::{Deserialize, Serialize};

/// The operator's language: Chinese by default, English on request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Picks the Chinese or the English of a pair of data: a sheet name or its key, a
    /// column header or its key. Message text belongs in [`super::messages`].
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// Parses `zh`, `zh-CN`, `cn`, `en`, `en-US`… (case-insensitive).
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("zh") || s == "cn" || s == "中文" {
            Some(Lang::Zh)
        } else if s.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
}
