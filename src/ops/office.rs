//! The office a database belongs to: naming it, and saying what it is.

use crate::db::DbError;
use crate::domain::division::{DivisionCode, Level, OfficeRefusal};
use crate::domain::messages as m;
use crate::domain::{Lang, Office};

/// The office a division code (and, for a code the registry does not know, a name)
/// names. Refused: a code that is not six digits of a province; an unknown code without
/// a name.
pub fn parse(code: &str, name: Option<&str>) -> Result<Office, DbError> {
    let Some(code) = DivisionCode::parse(code) else {
        return Err(DbError::Office(OfficeRefusal::NotACode(code.to_string())));
    };
    let given = name.map(str::trim).filter(|n| !n.is_empty());
    let name = match (given, code.name()) {
        (Some(n), _) => crate::domain::text::single_line(n, 50)
            .map_err(|_| DbError::Office(OfficeRefusal::NotACode(n.to_string())))?,
        (None, Some(n)) => n.to_string(),
        (None, None) => return Err(DbError::Office(OfficeRefusal::Unnamed(code))),
    };
    Ok(Office { code, name })
}

/// `本数据库属于：盐城市（320900，设区市），汇总所辖县（市、区）的导出`
pub fn describe(office: &Office, lang: Lang) -> String {
    let level = match office.level() {
        Level::Province => m::level_province(lang),
        Level::City => m::level_city(lang),
        Level::County => m::level_county(lang),
    };
    if office.rolls_up() {
        m::office_rolls_up(lang, &office.name, office.code, level)
    } else {
        m::office_is(lang, &office.name, office.code, level)
    }
}

/// The names above an office and the office itself, outermost first, for a breadcrumb:
/// 盐城市 › 大丰区.
pub fn path(office: &Office) -> Vec<String> {
    let mut out: Vec<String> = office.above().into_iter().map(|(_, n)| n.to_string()).collect();
    out.push(office.name.clone());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_name_offices_from_the_registry_or_as_given() {
        let o = parse("320900", None).expect("a city");
        assert_eq!((o.name.as_str(), o.rolls_up()), ("盐城市", true));
        let o = parse("320904", None).expect("a county");
        assert_eq!(path(&o), ["盐城市", "大丰区"]);
        assert!(matches!(parse("3209", None), Err(DbError::Office(OfficeRefusal::NotACode(_)))));
        assert!(matches!(parse("320999", None), Err(DbError::Office(OfficeRefusal::Unnamed(_)))));
        assert_eq!(parse("320999", Some("某新区")).expect("named").name, "某新区");
        assert!(describe(&parse("320900", None).expect("city"), Lang::Zh).contains("盐城市"));
    }
}
