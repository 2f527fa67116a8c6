//! One catalogue of the messages of the command line, the reports and the store, in
//! Chinese and English.
//!
//! Every message is one line of a `catalogue!` table holding both languages:
//!
//! ```text
//! rows_read(sheet, read) => "{sheet}：读取 {read} 行", "{sheet}: {read} rows read";
//! read_only => "数据库以只读方式打开，不能修改", "the database is open read-only";
//! ```
//!
//! - An entry **with parameters** becomes a function that takes the language and one
//!   `impl Display` per parameter, in the order listed, and returns a `String`:
//!   `rows_read(lang, "捐赠", 12)`. Both templates go to `format!` as literals with every
//!   parameter named, so a template that leaves out a parameter, or uses one that is not
//!   listed, does not compile.
//! - An entry **without parameters** becomes a function of the language alone returning
//!   `&'static str`: `read_only(lang)`.
//!
//! Every table also lists its entries (name, Chinese, English) in an `ENTRIES` constant;
//! [`all`] chains them, and a test checks each: both texts are non-empty, the Chinese has
//! Chinese in it (characters or punctuation) and the English has none.
//!
//! The shared pieces a message is built from are here too: the colon ([`colon`]) and the
//! list separator ([`list_sep`], [`list`]). The tables are split by who speaks: record
//! rules ([`rules`]), the store ([`store`]), files being read ([`files`]), operations
//! ([`ops`]), the command line ([`cli`]) and the console's screen ([`console`], whose
//! entries are the values of the enum [`Msg`]); all are re-exported here, so a caller
//! writes `messages::rows_read(lang, …)`.

use super::lang::Lang;

/// One catalogue entry as listed for checks: its name and both texts (templates, for an
/// entry with parameters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub name: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

/// Makes one function per line and the `ENTRIES` list; see the module documentation.
macro_rules! catalogue {
    ($($(#[$doc:meta])* $name:ident $(($($arg:ident),+))? => $zh:literal, $en:literal;)+) => {
        $(catalogue!(@one $(#[$doc])* $name $(($($arg),+))? => $zh, $en);)+

        /// Every entry of this table, for checks.
        pub(super) const ENTRIES: &[$crate::domain::messages::Entry] = &[
            $($crate::domain::messages::Entry { name: stringify!($name), zh: $zh, en: $en },)+
        ];
    };
    (@one $(#[$doc:meta])* $name:ident => $zh:literal, $en:literal) => {
        $(#[$doc])*
        #[doc = concat!("`", $zh, "` / `", $en, "`")]
        pub fn $name(lang: $crate::domain::Lang) -> &'static str {
            match lang {
                $crate::domain::Lang::Zh => $zh,
                $crate::domain::Lang::En => $en,
            }
        }
    };
    (@one $(#[$doc:meta])* $name:ident ($($arg:ident),+) => $zh:literal, $en:literal) => {
        $(#[$doc])*
        #[doc = concat!("`", $zh, "` / `", $en, "`")]
        #[allow(clippy::too_many_arguments)]
        pub fn $name(lang: $crate::domain::Lang, $($arg: impl std::fmt::Display),+) -> String {
            match lang {
                $crate::domain::Lang::Zh => format!($zh, $($arg = $arg),+),
                $crate::domain::Lang::En => format!($en, $($arg = $arg),+),
            }
        }
    };
}

pub mod audit;
pub mod cli;
pub mod console;
pub mod files;
pub mod offices;
pub mod ops;
pub mod papers;
pub mod presets;
pub mod reports;
pub mod rules;
pub mod screen;
pub mod store;

pub use audit::*;
pub use cli::*;
pub use console::Msg;
pub use files::*;
pub use offices::*;
pub use ops::*;
pub use papers::*;
pub use presets::*;
pub use reports::*;
pub use rules::*;
pub use screen::*;
pub use store::*;

/// Every entry of every table.
pub fn all() -> impl Iterator<Item = &'static Entry> {
    [
        audit::ENTRIES,
        cli::ENTRIES,
        console::ENTRIES,
        files::ENTRIES,
        offices::ENTRIES,
        ops::ENTRIES,
        papers::ENTRIES,
        presets::ENTRIES,
        reports::ENTRIES,
        rules::ENTRIES,
        screen::ENTRIES,
        store::ENTRIES,
    ]
    .into_iter()
    .flatten()
}

/// The reason of a file error in the operator's words: read-only, full disk, a file where
/// a folder should be; else the system's own message.
pub fn io_reason(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let plain = match e.kind() {
        K::PermissionDenied => io_permission_denied(lang),
        K::ReadOnlyFilesystem => io_read_only_disk(lang),
        K::StorageFull => io_disk_full(lang),
        K::NotADirectory => io_not_a_folder(lang),
        K::AlreadyExists => io_already_exists(lang),
        K::NotFound => io_not_found(lang),
        K::IsADirectory => io_is_a_folder(lang),
        K::DirectoryNotEmpty => io_folder_not_empty(lang),
        K::InvalidFilename => io_bad_name(lang),
        // Anything else in the operator's language too: the system's own text is English.
        _ => match lang {
            Lang::En => return e.to_string(),
            Lang::Zh => io_other(lang),
        },
    };
    // The system's error number helps whoever is called for help; its English text does not
    // belong on a Chinese screen.
    match e.raw_os_error() {
        Some(code) => io_with_code(lang, plain, code),
        None => plain.to_string(),
    }
}

/// The colon between a label and what follows: `：` in Chinese, `: ` in English.
pub fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "：",
        Lang::En => ": ",
    }
}

/// The separator of a list in running text: `、` in Chinese, `, ` in English.
pub fn list_sep(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    }
}

/// The items as a list in running text: `驾驶、护理` / `driving, nursing`.
pub fn list<S: AsRef<str>>(lang: Lang, items: &[S]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(list_sep(lang));
        }
        out.push_str(item.as_ref());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Han ideographs and the CJK punctuation and full-width forms that go with them.
    fn is_cjk(c: char) -> bool {
        matches!(c as u32,
            0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3134F)
    }

    /// Entries whose English is empty on purpose.
    const EMPTY_IN_ENGLISH: &[&str] = &["Count"];

    #[test]
    fn every_entry_speaks_both_languages() {
        let mut names = std::collections::HashSet::new();
        let mut count = 0;
        let mut wrong = Vec::new();
        for e in all() {
            count += 1;
            if !names.insert(e.name) {
                wrong.push(format!("{} is listed twice", e.name));
            }
            if e.zh.trim().is_empty() {
                wrong.push(format!("{}: the Chinese text is empty", e.name));
            }
            // A measure word such as 笔 has no English; the number alone says it.
            if e.en.trim().is_empty() && !EMPTY_IN_ENGLISH.contains(&e.name) {
                wrong.push(format!("{}: the English text is empty", e.name));
            }
            // Chinese characters, or at least Chinese punctuation (`{name}（{code}）`).
            if !e.zh.chars().any(is_cjk) {
                wrong.push(format!("{}: the Chinese text has no Chinese: {:?}", e.name, e.zh));
            }
            if e.en.chars().any(is_cjk) {
                wrong.push(format!("{}: the English text has Chinese in it: {:?}", e.name, e.en));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
        assert!(count > 100, "only {count} entries");
    }

    #[test]
    fn parameters_fill_their_places() {
        assert_eq!(rows_read(Lang::Zh, "捐赠", 12), "捐赠：读取 12 行");
        assert_eq!(rows_read(Lang::En, "donations", 12), "donations: 12 rows read");
        assert_eq!(read_only(Lang::En), "the database is open read-only");
    }

    #[test]
    fn shared_pieces() {
        assert_eq!(format!("a{}b", colon(Lang::Zh)), "a：b");
        assert_eq!(format!("a{}b", colon(Lang::En)), "a: b");
        assert_eq!(list(Lang::Zh, &["驾驶", "护理"]), "驾驶、护理");
        assert_eq!(list(Lang::En, &["a", "b", "c"]), "a, b, c");
        assert_eq!(list::<&str>(Lang::En, &[]), "");
    }
}
