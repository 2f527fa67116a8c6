//! Which characters the console draws with: box drawing (`┌─│ █░ …`), or plain ASCII
//! where the console cannot be trusted to draw them one column wide.
//!
//! Box-drawing characters, `…` and the block characters are "ambiguous width" in Unicode.
//! The legacy Windows console (conhost) with a Chinese, Japanese or Korean code page and
//! its usual fonts (新宋体 NSimSun) draws them two columns wide, and every border then
//! breaks. Windows Terminal, and terminals on a UTF-8 Unix locale, draw them one column wide.
//!
//! The decision is [`choose`], a plain function of what is known about the console
//! ([`Facts`]), so it is tested with Windows inputs on any system; [`Facts::now`] gathers
//! them at start.

use crate::domain::Lang;
use crate::domain::messages as m;
pub use crate::ops::settings::Drawing;

/// What is known about the console the program runs in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// Running on Windows.
    pub windows: bool,
    /// `WT_SESSION` is set: Windows Terminal.
    pub windows_terminal: bool,
    /// `TERM_PROGRAM` (`vscode`, `WezTerm`, …), when set.
    pub term_program: Option<String>,
    /// The Windows console's output code page, when it answered.
    pub code_page: Option<u32>,
    /// The locale of text: `LC_ALL`, else `LC_CTYPE`, else `LANG` (Unix).
    pub locale: Option<String>,
}

impl Facts {
    /// The facts of this process's console.
    pub fn now() -> Facts {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        Facts {
            windows: cfg!(windows),
            windows_terminal: var("WT_SESSION").is_some(),
            term_program: var("TERM_PROGRAM"),
            code_page: super::host::output_code_page(),
            locale: var("LC_ALL").or_else(|| var("LC_CTYPE")).or_else(|| var("LANG")),
        }
    }
}

/// Why a drawing set was chosen, as `xingfu paths` says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// `--ascii` or `--unicode`.
    Forced,
    /// `drawing` (or `ascii`) in config.toml.
    Configured,
    /// Windows Terminal draws them one column wide.
    WindowsTerminal,
    /// A terminal program known to draw them one column wide (`TERM_PROGRAM`).
    Terminal(String),
    /// The legacy console with a Chinese, Japanese or Korean code page.
    WideCodePage(u32),
    /// The legacy console with the UTF-8 code page: the font decides, and the console
    /// font of a Chinese system draws them wide.
    Utf8CodePage,
    /// The legacy console with another code page (437, 1252 …).
    NarrowCodePage(u32),
    /// A Windows console that did not say its code page.
    UnknownConsole,
    /// A UTF-8 locale (Unix).
    Utf8Locale(String),
    /// Another locale, or none: the terminal may not even show them.
    OtherLocale(String),
}

impl Why {
    /// The reason in the operator's language.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Why::Forced => m::drawing_forced(lang).into(),
            Why::Configured => m::drawing_configured(lang).into(),
            Why::WindowsTerminal => m::drawing_windows_terminal(lang).into(),
            Why::Terminal(name) => m::drawing_terminal(lang, crate::domain::shown::one_line(name)),
            Why::WideCodePage(cp) => m::drawing_wide_code_page(lang, cp),
            Why::Utf8CodePage => m::drawing_utf8_code_page(lang).into(),
            Why::NarrowCodePage(cp) => m::drawing_narrow_code_page(lang, cp),
            Why::UnknownConsole => m::drawing_unknown_console(lang).into(),
            Why::Utf8Locale(l) => m::drawing_utf8_locale(lang, crate::domain::shown::one_line(l)),
            Why::OtherLocale(l) => m::drawing_other_locale(lang, crate::domain::shown::one_line(l)),
        }
    }
}

/// Code pages whose console fonts draw ambiguous-width characters two columns wide:
/// Chinese (936 GBK, 54936 GB18030, 20936 GB2312, 950 Big5), Japanese (932, 20932) and
/// Korean (949, 1361).
fn wide_code_page(cp: u32) -> bool {
    matches!(cp, 932 | 936 | 949 | 950 | 1361 | 20932 | 20936 | 51932 | 51936 | 51949 | 52936 | 54936)
}

/// Terminal programs that draw box characters one column wide whatever the locale.
const NARROW_TERMINALS: &[&str] = &["vscode", "WezTerm"];

/// The drawing set: forced on the command line, else set in config.toml, else [`auto`].
pub fn choose(forced: Option<Drawing>, configured: Option<Drawing>, facts: &Facts) -> (Drawing, Why) {
    match (forced, configured) {
        (Some(d), _) => (d, Why::Forced),
        (None, Some(d)) => (d, Why::Configured),
        (None, None) => auto(facts),
    }
}

/// The drawing set the console can be trusted with.
pub fn auto(facts: &Facts) -> (Drawing, Why) {
    if facts.windows {
        if facts.windows_terminal {
            return (Drawing::Unicode, Why::WindowsTerminal);
        }
        if let Some(p) = facts.term_program.as_ref().filter(|p| NARROW_TERMINALS.contains(&p.as_str())) {
            return (Drawing::Unicode, Why::Terminal(p.clone()));
        }
        return match facts.code_page {
            Some(cp) if wide_code_page(cp) => (Drawing::Ascii, Why::WideCodePage(cp)),
            Some(65001) => (Drawing::Ascii, Why::Utf8CodePage),
            Some(cp) => (Drawing::Unicode, Why::NarrowCodePage(cp)),
            None => (Drawing::Ascii, Why::UnknownConsole),
        };
    }
    let locale = facts.locale.clone().unwrap_or_else(|| "C".into());
    if utf8_locale(&locale) {
        (Drawing::Unicode, Why::Utf8Locale(locale))
    } else {
        (Drawing::Ascii, Why::OtherLocale(locale))
    }
}

/// `zh_CN.UTF-8`, `C.utf8`, `en_US.UTF-8@euro`: the encoding after the dot is UTF-8.
fn utf8_locale(locale: &str) -> bool {
    let encoding = locale.split_once('.').map(|(_, e)| e.split('@').next().unwrap_or(e)).unwrap_or("");
    let e = encoding.to_ascii_lowercase().replace('-', "");
    e == "utf8"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn windows(code_page: Option<u32>) -> Facts {
        Facts { windows: true, code_page, ..Facts::default() }
    }

    fn unix(locale: Option<&str>) -> Facts {
        Facts { locale: locale.map(String::from), ..Facts::default() }
    }

    #[test]
    fn the_legacy_chinese_console_draws_ascii() {
        assert_eq!(auto(&windows(Some(936))), (Drawing::Ascii, Why::WideCodePage(936)));
        assert_eq!(auto(&windows(Some(54936))), (Drawing::Ascii, Why::WideCodePage(54936)));
        assert_eq!(auto(&windows(Some(950))).0, Drawing::Ascii);
        assert_eq!(auto(&windows(Some(932))).0, Drawing::Ascii);
        // chcp 65001 changes the encoding, not the font.
        assert_eq!(auto(&windows(Some(65001))), (Drawing::Ascii, Why::Utf8CodePage));
        // No console answer: the safe choice.
        assert_eq!(auto(&windows(None)), (Drawing::Ascii, Why::UnknownConsole));
    }

    #[test]
    fn windows_terminal_and_western_consoles_draw_unicode() {
        let wt = Facts { windows_terminal: true, ..windows(Some(936)) };
        assert_eq!(auto(&wt), (Drawing::Unicode, Why::WindowsTerminal));
        assert_eq!(auto(&windows(Some(437))), (Drawing::Unicode, Why::NarrowCodePage(437)));
        assert_eq!(auto(&windows(Some(1252))).0, Drawing::Unicode);
        let code = Facts { term_program: Some("vscode".into()), ..windows(Some(936)) };
        assert_eq!(auto(&code), (Drawing::Unicode, Why::Terminal("vscode".into())));
        // An unknown terminal program on a Chinese console is not trusted.
        let other = Facts { term_program: Some("mintty".into()), ..windows(Some(936)) };
        assert_eq!(auto(&other).0, Drawing::Ascii);
    }

    #[test]
    fn unix_follows_the_locale() {
        assert_eq!(auto(&unix(Some("zh_CN.UTF-8"))), (Drawing::Unicode, Why::Utf8Locale("zh_CN.UTF-8".into())));
        assert_eq!(auto(&unix(Some("C.utf8"))).0, Drawing::Unicode);
        assert_eq!(auto(&unix(Some("de_DE.UTF-8@euro"))).0, Drawing::Unicode);
        assert_eq!(auto(&unix(Some("zh_CN.GB18030"))), (Drawing::Ascii, Why::OtherLocale("zh_CN.GB18030".into())));
        assert_eq!(auto(&unix(Some("zh_CN"))).0, Drawing::Ascii);
        assert_eq!(auto(&unix(None)), (Drawing::Ascii, Why::OtherLocale("C".into())));
        // Windows facts never leak into the Unix decision.
        let f = Facts { windows_terminal: true, code_page: Some(936), ..unix(Some("en_US.UTF-8")) };
        assert_eq!(auto(&f).0, Drawing::Unicode);
    }

    #[test]
    fn forced_beats_configured_beats_automatic() {
        let conhost = windows(Some(936));
        assert_eq!(choose(Some(Drawing::Unicode), Some(Drawing::Ascii), &conhost), (Drawing::Unicode, Why::Forced));
        assert_eq!(choose(None, Some(Drawing::Unicode), &conhost), (Drawing::Unicode, Why::Configured));
        assert_eq!(choose(None, None, &conhost).0, Drawing::Ascii);
        let wt = Facts { windows_terminal: true, ..conhost };
        assert_eq!(choose(Some(Drawing::Ascii), None, &wt), (Drawing::Ascii, Why::Forced));
    }

    #[test]
    fn every_reason_is_said_in_both_languages() {
        let reasons = [
            Why::Forced,
            Why::Configured,
            Why::WindowsTerminal,
            Why::Terminal("vscode".into()),
            Why::WideCodePage(936),
            Why::Utf8CodePage,
            Why::NarrowCodePage(437),
            Why::UnknownConsole,
            Why::Utf8Locale("zh_CN.UTF-8".into()),
            Why::OtherLocale("C".into()),
        ];
        for why in reasons {
            let zh = why.text(Lang::Zh);
            let en = why.text(Lang::En);
            assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{zh}");
            assert!(!en.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{en}");
        }
        assert!(Why::WideCodePage(936).text(Lang::Zh).contains("936"));
    }
}
