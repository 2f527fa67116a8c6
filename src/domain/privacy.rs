//! What a public page may say about people: private persons are shown by surname only
//! (张* / 欧阳**), organisations in full, and phone numbers never.

use super::phone::mask_name;

/// How the names of organisations end (or what they contain): schools, clinics,
/// companies, committees, offices. A name that ends so is shown in full.
const ORGANISATION_ENDINGS: &[&str] = &[
    "学校",
    "小学",
    "中学",
    "大学",
    "学院",
    "幼儿园",
    "医院",
    "卫生院",
    "卫生室",
    "诊所",
    "公司",
    "集团",
    "工厂",
    "厂",
    "商店",
    "店",
    "超市",
    "药房",
    "商行",
    "合作社",
    "委员会",
    "村委会",
    "居委会",
    "中心",
    "站",
    "局",
    "所",
    "院",
    "协会",
    "学会",
    "联合会",
    "基金会",
    "银行",
    "政府",
    "办事处",
    "食堂",
    "平台",
    "配捐",
    "公益",
    "社区",
    "部门",
    "队",
    "馆",
];
const ORGANISATION_WORDS: &[&str] = &["有限", "公司", "集团", "委员会", "基金会", "股份", "银行", "政府"];

/// Words that describe who was paid without naming them (受助家庭, 受助学生 …): kept.
const DESCRIPTIONS: &[&str] =
    &["受助", "家庭", "学生", "儿童", "老人", "患者", "困难户", "村民", "户主", "代领", "监护人", "家属", "本人", "等"];

/// Whether `name` is an organisation's (shown in full on a public page).
pub fn is_organisation(name: &str) -> bool {
    // Judged on what shows: invisible and direction characters do not hide a school.
    let seen: String = name
        .chars()
        .filter(|c| {
            !c.is_control() && !matches!(*c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}')
        })
        .collect();
    let t = seen.trim();
    ORGANISATION_WORDS.iter().any(|w| t.contains(w)) || ORGANISATION_ENDINGS.iter().any(|e| t.ends_with(e))
}

/// A payee or a donor of unknown type as a public page may show it: an organisation in
/// full; otherwise every name in it masked, descriptions kept (`受助家庭 何*`,
/// `冯*等受助学生`, `买******`).
pub fn mask_people(text: &str) -> String {
    if is_organisation(text) {
        return text.to_string();
    }
    let mut out = String::new();
    let mut token = String::new();
    let flush = |token: &mut String, out: &mut String| {
        if token.is_empty() {
            return;
        }
        let described = DESCRIPTIONS.iter().any(|d| token.contains(d));
        let has_name = token.chars().any(|c| c.is_alphabetic());
        if described || !has_name {
            out.push_str(token);
        } else {
            out.push_str(&mask_name(token));
        }
        token.clear();
    };
    for c in text.chars() {
        // Separators of several names, and 等 ("and others"), end a name.
        if c.is_whitespace() || matches!(c, '、' | '，' | ',' | ';' | '；' | '/' | '等' | '（' | '）' | '(' | ')')
        {
            flush(&mut token, &mut out);
            out.push(c);
        } else {
            token.push(c);
        }
    }
    flush(&mut token, &mut out);
    out
}

/// Free text (a purpose, a reason, a note) with every phone-like number masked: a run of
/// seven or more digits keeps its first three and last four when it is a mobile's length
/// (`135****5678`), else only its last two (`0515-******45`).
pub fn mask_numbers(text: &str) -> String {
    let mut out = String::new();
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| {
        let d: Vec<char> = digits.chars().collect();
        if d.len() >= 11 {
            let head: String = d[..3].iter().collect();
            let tail: String = d[d.len() - 4..].iter().collect();
            out.push_str(&format!("{head}****{tail}"));
        } else if d.len() >= 7 {
            let tail: String = d[d.len() - 2..].iter().collect();
            out.push_str(&format!("{}{tail}", "*".repeat(d.len() - 2)));
        } else {
            out.push_str(digits);
        }
        digits.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out);
            out.push(c);
        }
    }
    flush(&mut digits, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_are_masked_organisations_are_not() {
        assert_eq!(mask_people("王秀英"), "王**");
        assert_eq!(mask_people("张会英"), "张**");
        assert_eq!(mask_people("受助家庭 何超"), "受助家庭 何*");
        assert_eq!(mask_people("冯勇等受助学生"), "冯*等受助学生");
        assert_eq!(mask_people("买买提·艾力"), "买*****");
        assert_eq!(mask_people("张三、李四"), "张*、李*");
        assert_eq!(mask_people("西团镇中心小学"), "西团镇中心小学");
        assert_eq!(mask_people("众心村委会"), "众心村委会");
        assert_eq!(mask_people("大丰区人民医院"), "大丰区人民医院");
        assert_eq!(mask_people("大丰区民政局"), "大丰区民政局");
        assert_eq!(mask_people("西团镇建筑安装工程有限公司"), "西团镇建筑安装工程有限公司");
        assert_eq!(mask_people("村老年食堂"), "村老年食堂");
        assert_eq!(mask_people("\u{202e}西团小学\u{200b}"), "\u{202e}西团小学\u{200b}");
        assert_eq!(mask_people("Li Wei"), "L* W**");
    }

    #[test]
    fn numbers_like_phones_are_masked_in_free_text() {
        assert_eq!(mask_numbers("医疗救助 电话13512345678"), "医疗救助 电话135****5678");
        assert_eq!(mask_numbers("2024 学年第 2 批"), "2024 学年第 2 批");
        assert_eq!(mask_numbers("座机 0515-83512345"), "座机 0515-******45");
    }
}
