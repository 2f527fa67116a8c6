//! Paths as an operator gives and sees them: cleaned as typed, pasted or dragged
//! ([`clean`]), made absolute for messages, and free names for new files.

use std::path::{Path, PathBuf};

/// How a system writes paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathStyle {
    /// Drive letters (`C:\`), network paths (`\\office-pc\共享`), `\` between names.
    Windows,
    /// `/` between names.
    Unix,
}

impl PathStyle {
    /// This system's style.
    pub const NATIVE: PathStyle = if cfg!(windows) { PathStyle::Windows } else { PathStyle::Unix };
}

/// Quotes that may wrap a pasted path, opening and closing.
const QUOTES: &[(char, char)] = &[('"', '"'), ('\'', '\''), ('“', '”'), ('‘', '’')];

/// A path as an operator gives it — typed, pasted from Explorer (复制为路径 quotes it),
/// dragged onto the console window (quoted when it holds a space), or on the command
/// line — as the system takes it:
///
/// - spaces and invisible marks around it are removed (the Properties dialog of Windows
///   puts U+202A before a path copied from it), then one pair of quotes ("…", '…', “…”,
///   ‘…’), and a lone quote at either end (`cmd` passes `"C:\村里\"` on as `C:\村里"`);
/// - a `file:` address (`file:///C:/%E6%9D%91.xlsx`, `file://office-pc/共享/捐赠.xlsx`)
///   becomes the path it names;
/// - Windows: `/` becomes `\`; repeated separators become one, except the `\\` that
///   starts a network path; a full-width colon after the drive letter (`D：\`, typed with
///   Chinese punctuation on) becomes `:`; a separator at the end goes, except at a root (`C:\`);
/// - Unix: a backslash before a character (`村里\ 报表.csv`, as some terminals drag a name
///   with spaces) is removed.
///
/// Spaces inside, and Chinese names, stay as they are.
pub fn clean(text: &str, style: PathStyle) -> String {
    let text = text.trim_matches(|c: char| c.is_whitespace() || crate::domain::shown::is_format(c) || c.is_control());
    let text = unquote(text);
    let text = match text.strip_prefix("file:") {
        Some(rest) => from_file_url(rest, style),
        None => text.to_string(),
    };
    match style {
        PathStyle::Windows => windows_separators(&text),
        PathStyle::Unix => unix_unescape(&text),
    }
}

/// Without one pair of surrounding quotes, or a lone quote at either end.
fn unquote(text: &str) -> &str {
    let mut chars = text.chars();
    let (first, last) = (chars.next(), chars.next_back());
    if let (Some(f), Some(l)) = (first, last)
        && QUOTES.contains(&(f, l))
    {
        return &text[f.len_utf8()..text.len() - l.len_utf8()];
    }
    let is_quote = |c: char| QUOTES.iter().any(|(o, cl)| c == *o || c == *cl);
    let text = text.strip_prefix(is_quote).unwrap_or(text);
    text.strip_suffix(is_quote).unwrap_or(text)
}

/// The path of a `file:` address (given without `file:`), its `%XX` escapes decoded.
fn from_file_url(rest: &str, style: PathStyle) -> String {
    let decoded = percent_decode(rest);
    let path = match decoded.strip_prefix("//") {
        // file:///C:/x or file:///home/x: no host.
        Some(p) if p.starts_with('/') => p.to_string(),
        Some(p) => match p.split_once('/') {
            Some(("localhost", path)) => format!("/{path}"),
            // A host: a network path.
            Some((host, path)) => format!("//{host}/{path}"),
            None => format!("//{p}"),
        },
        None => decoded,
    };
    // `/C:/x` on Windows is `C:/x`.
    let b = path.as_bytes();
    if style == PathStyle::Windows && b.len() >= 3 && b[0] == b'/' && b[1].is_ascii_alphabetic() && b[2] == b':' {
        path[1..].to_string()
    } else {
        path
    }
}

/// `%XX` escapes decoded as UTF-8; the text as it was when that is not UTF-8.
fn percent_decode(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%'
            && i + 2 < b.len()
            && let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

fn windows_separators(text: &str) -> String {
    let mut chars: Vec<char> = text.chars().map(|c| if c == '/' { '\\' } else { c }).collect();
    if chars.len() >= 2 && chars[0].is_ascii_alphabetic() && chars[1] == '：' {
        chars[1] = ':';
    }
    let network = chars.len() >= 2 && chars[0] == '\\' && chars[1] == '\\';
    let mut out = String::with_capacity(text.len());
    if network {
        out.push_str("\\\\");
    }
    for c in chars.into_iter().skip(if network { 2 } else { 0 }) {
        if !(c == '\\' && out.ends_with('\\')) {
            out.push(c);
        }
    }
    let root = out == "\\" || out == "\\\\" || (out.len() == 3 && out.ends_with(":\\"));
    if !root && out.len() > 1 && out.ends_with('\\') {
        out.pop();
    }
    out
}

fn unix_unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push(chars.next().unwrap_or('\\')),
            c => out.push(c),
        }
    }
    out
}

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

    fn win(text: &str) -> String {
        clean(text, PathStyle::Windows)
    }

    fn unix(text: &str) -> String {
        clean(text, PathStyle::Unix)
    }

    #[test]
    fn windows_paths_as_explorer_and_the_console_give_them() {
        // Explorer's 复制为路径 (Copy as path), and a drag onto the console: quoted.
        assert_eq!(win(r#""C:\Users\张三\Desktop\众心村 捐赠.xlsx""#), r"C:\Users\张三\Desktop\众心村 捐赠.xlsx");
        assert_eq!(win(r"  C:\Users\张三\Desktop\众心村 捐赠.xlsx  "), r"C:\Users\张三\Desktop\众心村 捐赠.xlsx");
        assert_eq!(win(r"'D:\村里 发来\拨付.csv'"), r"D:\村里 发来\拨付.csv");
        assert_eq!(win("“D:\\村里\\拨付.csv”"), r"D:\村里\拨付.csv");
        // A network share, quoted or not, with either slash.
        assert_eq!(win(r"\\office-pc\共享\捐赠.xlsx"), r"\\office-pc\共享\捐赠.xlsx");
        assert_eq!(win(r#""\\office-pc\共享\捐赠.xlsx""#), r"\\office-pc\共享\捐赠.xlsx");
        assert_eq!(win("//office-pc/共享/捐赠.xlsx"), r"\\office-pc\共享\捐赠.xlsx");
        assert_eq!(win(r"\\?\C:\很长的路径\x.xlsx"), r"\\?\C:\很长的路径\x.xlsx");
        // Forward and doubled slashes; the separator at the end; a root keeps its own.
        assert_eq!(win("C:/Users//张三/Desktop/"), r"C:\Users\张三\Desktop");
        assert_eq!(win(r"C:\"), r"C:\");
        assert_eq!(win("C:/"), r"C:\");
        // cmd passes "C:\村里\" on as C:\村里" (the backslash escapes the quote).
        assert_eq!(win(r#"C:\村里\""#), r"C:\村里");
        assert_eq!(win(r#""C:\村里 发来"#), r"C:\村里 发来");
        // Chinese punctuation on: a full-width colon after the drive letter.
        assert_eq!(win(r"D：\村里\捐赠.xlsx"), r"D:\村里\捐赠.xlsx");
        // The invisible mark the Properties dialog puts before a copied path.
        assert_eq!(win("\u{202a}C:\\村里\\捐赠.xlsx"), r"C:\村里\捐赠.xlsx");
        // File addresses, local and on a share.
        assert_eq!(win("file:///C:/Users/%E5%BC%A0%E4%B8%89/a%20b.xlsx"), r"C:\Users\张三\a b.xlsx");
        assert_eq!(win("file://office-pc/共享/捐赠.xlsx"), r"\\office-pc\共享\捐赠.xlsx");
        // A relative name stays relative.
        assert_eq!(win("众心村.xlsx"), "众心村.xlsx");
        assert_eq!(win(r"村里\众心村.xlsx"), r"村里\众心村.xlsx");
        assert_eq!(win("  "), "");
    }

    #[test]
    fn unix_paths_as_terminals_give_them() {
        assert_eq!(unix("'/home/张三/村里 报表.csv'"), "/home/张三/村里 报表.csv");
        assert_eq!(unix(r"/home/张三/村里\ 报表\(1\).csv"), "/home/张三/村里 报表(1).csv");
        assert_eq!(unix("file:///home/a/%E6%8D%90%E8%B5%A0.csv"), "/home/a/捐赠.csv");
        assert_eq!(unix("file://localhost/home/a/b.csv"), "/home/a/b.csv");
        assert_eq!(unix("/tmp/a%20b.csv"), "/tmp/a%20b.csv");
        // A broken escape is left as it was.
        assert_eq!(unix("file:///tmp/%E6%8D.csv"), "/tmp/%E6%8D.csv");
    }

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
