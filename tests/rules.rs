//! Every rule of TEMPLATE.md: each accepted and rejected money, date, phone and
//! enumeration form, lengths, required fields, and values stored in a real database.

mod common;

use std::collections::HashMap;

use common::*;
use xingfu::domain::date::DateError;
use xingfu::domain::kind::FieldType;
use xingfu::domain::money::MoneyError;
use xingfu::domain::*;

/// A valid row of each kind, by English key.
fn valid_row(kind: Kind) -> HashMap<String, String> {
    let pairs: &[(&str, &str)] = match kind {
        Kind::Village => {
            &[("village_code", ZHONGXIN), ("village_name", "众心村委会"), ("town", "西团镇"), ("county", "大丰区")]
        }
        Kind::Project => &[
            ("project_code", "ZX-2024-01"),
            ("village_code", ZHONGXIN),
            ("title", "众心村助学项目"),
            ("category", "助学"),
            ("target_amount", "300000"),
            ("start_date", "2024-03-01"),
        ],
        Kind::Donation => {
            &[("donation_ref", "D1"), ("project_code", "ZX-2024-01"), ("amount", "100"), ("donated_on", "2024-05-10")]
        }
        Kind::Disbursement => &[
            ("disbursement_ref", "B1"),
            ("project_code", "ZX-2024-01"),
            ("amount", "100"),
            ("paid_on", "2024-06-01"),
            ("payee", "西团镇中心小学"),
            ("purpose", "助学金"),
        ],
        Kind::Volunteer => &[("volunteer_code", "V1"), ("name", "李秀英"), ("village_code", ZHONGXIN)],
        Kind::Shift => &[
            ("shift_ref", "S1"),
            ("volunteer_code", "V1"),
            ("shift_date", "2024-07-01"),
            ("hours", "2.5"),
            ("activity", "探访独居老人"),
        ],
        Kind::CarryOver => &[
            ("transfer_ref", "JZ1"),
            ("from_project", "ZX-2024-01"),
            ("to_project", "ZX-2025-01"),
            ("amount", "15321"),
            ("transferred_on", "2025-01-05"),
            ("reason", "项目结项结余转入下一年度同类项目"),
        ],
        Kind::Disclosure => &[
            ("disclosure_ref", "GS1"),
            ("project_code", "ZX-2024-01"),
            ("kind", "定期"),
            ("period_from", "2024-01-01"),
            ("period_to", "2024-03-31"),
            ("published_on", "2024-04-10"),
            ("channel", "村务公开栏"),
        ],
    };
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// Parses a row of `kind`; the errors as (field, rule).
fn errors(kind: Kind, row: &HashMap<String, String>) -> Vec<(&'static str, Rule)> {
    let result = match kind {
        Kind::Village => Village::parse(row).map(|_| ()),
        Kind::Project => Project::parse(row).map(|_| ()),
        Kind::Donation => Donation::parse(row).map(|_| ()),
        Kind::Disbursement => Disbursement::parse(row).map(|_| ()),
        Kind::Volunteer => Volunteer::parse(row).map(|_| ()),
        Kind::Shift => Shift::parse(row).map(|_| ()),
        Kind::CarryOver => CarryOver::parse(row).map(|_| ()),
        Kind::Disclosure => Disclosure::parse(row).map(|_| ()),
    };
    result.err().unwrap_or_default().into_iter().map(|e| (e.field, e.rule)).collect()
}

fn with(kind: Kind, key: &str, value: &str) -> HashMap<String, String> {
    let mut row = valid_row(kind);
    row.insert(key.to_string(), value.to_string());
    row
}

#[test]
fn valid_rows_parse() {
    for kind in Kind::ALL {
        assert_eq!(errors(kind, &valid_row(kind)), vec![], "{kind:?}");
    }
}

#[test]
fn every_required_field_is_required() {
    for kind in Kind::ALL {
        for field in kind.fields().iter().filter(|f| f.required) {
            for empty in ["", "   ", "\u{3000}"] {
                let mut row = valid_row(kind);
                row.insert(field.key.to_string(), empty.to_string());
                assert_eq!(errors(kind, &row), vec![(field.key, Rule::Required)], "{kind:?}.{}", field.key);
            }
            let mut row = valid_row(kind);
            row.remove(field.key);
            assert_eq!(errors(kind, &row), vec![(field.key, Rule::Required)], "{kind:?}.{}", field.key);
        }
    }
}

#[test]
fn every_text_length_limit_is_enforced_in_characters() {
    for kind in Kind::ALL {
        for field in kind.fields().iter().filter(|f| f.max > 0) {
            let fill = if field.key == "village_code" { "1" } else { "𠮷" };
            let fill = if field.ty == FieldType::Code && field.key != "village_code" { "A" } else { fill };
            let at_max = fill.repeat(field.max);
            assert_eq!(errors(kind, &with(kind, field.key, &at_max)), vec![], "{kind:?}.{} at max", field.key);
            let over = fill.repeat(field.max + 1);
            assert_eq!(
                errors(kind, &with(kind, field.key, &over)),
                vec![(field.key, Rule::TooLong { max: field.max, len: field.max + 1 })],
                "{kind:?}.{} over max",
                field.key
            );
        }
    }
}

#[test]
fn control_characters_only_allowed_as_newlines_in_notes_and_descriptions() {
    for kind in Kind::ALL {
        for field in kind.fields().iter().filter(|f| matches!(f.ty, FieldType::Text | FieldType::LongText)) {
            let tab = errors(kind, &with(kind, field.key, "a\tb"));
            assert_eq!(tab, vec![(field.key, Rule::ControlChars)], "{kind:?}.{}", field.key);
            let newline = errors(kind, &with(kind, field.key, "第一行\n第二行"));
            if field.ty == FieldType::LongText {
                assert_eq!(newline, vec![], "{kind:?}.{}", field.key);
            } else {
                assert_eq!(newline, vec![(field.key, Rule::ControlChars)], "{kind:?}.{}", field.key);
            }
        }
    }
}

#[test]
fn village_codes_are_digits_and_letters() {
    assert_eq!(errors(Kind::Village, &with(Kind::Village, "village_code", "32090410420A")), vec![]);
    assert_eq!(errors(Kind::Village, &with(Kind::Village, "village_code", "３２０９０４")), vec![]);
    for bad in ["3209-0410", "众心", "3209 04"] {
        assert_eq!(
            errors(Kind::Village, &with(Kind::Village, "village_code", bad)),
            vec![("village_code", Rule::CodeChars)],
            "{bad}"
        );
    }
}

const MONEY_ACCEPTED: &[(&str, i64)] = &[
    ("850000", 85_000_000),
    ("850,000.00", 85_000_000),
    ("¥1,234.5", 123_450),
    ("￥1234.50", 123_450),
    ("1234.5元", 123_450),
    ("１２３４．５", 123_450),
    ("0.01", 1),
    ("1000000000000", 100_000_000_000_000),
];

const MONEY_REJECTED: &[(&str, MoneyError)] = &[
    ("-100", MoneyError::Negative),
    ("￥-1", MoneyError::Negative),
    ("12.345", MoneyError::TooManyDecimals),
    ("0.001", MoneyError::TooManyDecimals),
    ("1000000000000.01", MoneyError::TooLarge),
    ("99999999999999", MoneyError::TooLarge),
    ("一百元", MoneyError::NotANumber),
    ("1,00", MoneyError::NotANumber),
    ("1.2.3", MoneyError::NotANumber),
    ("1e5", MoneyError::NotANumber),
];

#[test]
fn money_forms_are_stored_exactly() {
    let db = TempDb::new();
    let mut store = db.open();
    seed(&mut store);
    for (i, (text, fen)) in MONEY_ACCEPTED.iter().enumerate() {
        let mut row = with(Kind::Donation, "amount", text);
        row.insert("donation_ref".into(), format!("M{i}"));
        // A project without donations, so that even the largest amount fits its total.
        row.insert("project_code".into(), "CT-2024-01".into());
        let d = Donation::parse(&row).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        store.insert(&d).unwrap();
        let stored = store.get::<Donation>(&format!("M{i}")).unwrap().unwrap();
        assert_eq!(stored.amount.fen(), *fen, "{text}");
        // One project holds at most ¥1,000,000,000,000 in all: make room for the next.
        store.delete::<Donation>(&format!("M{i}")).unwrap();
        // Targets accept the same forms.
        let p = Project::parse(&with(Kind::Project, "target_amount", text)).unwrap();
        assert_eq!(p.target.fen(), *fen, "{text}");
    }
}

#[test]
fn money_forms_are_rejected_with_the_reason() {
    for (text, why) in MONEY_REJECTED {
        for (kind, key) in
            [(Kind::Donation, "amount"), (Kind::Disbursement, "amount"), (Kind::Project, "target_amount")]
        {
            assert_eq!(errors(kind, &with(kind, key, text)), vec![(key, Rule::Money(*why))], "{kind:?} {text}");
        }
    }
    // Donations and disbursements must be above zero; a target may be zero.
    for zero in ["0", "0.00", "¥0"] {
        assert_eq!(errors(Kind::Donation, &with(Kind::Donation, "amount", zero)), vec![("amount", Rule::NotPositive)]);
        assert_eq!(
            errors(Kind::Disbursement, &with(Kind::Disbursement, "amount", zero)),
            vec![("amount", Rule::NotPositive)]
        );
        assert_eq!(errors(Kind::Project, &with(Kind::Project, "target_amount", zero)), vec![]);
    }
    let msg = Rule::Money(MoneyError::TooManyDecimals).message(Lang::Zh);
    assert!(msg.contains("两位小数"), "{msg}");
}

#[test]
fn date_forms_are_accepted_and_stored() {
    let db = TempDb::new();
    let mut store = db.open();
    seed(&mut store);
    for (i, text) in
        ["2021-05-10", "2021/5/10", "2021.5.10", "2021年5月10日", "20210510", "44326", "2021-05-10 13:45:00"]
            .iter()
            .enumerate()
    {
        let mut row = with(Kind::Donation, "donated_on", text);
        row.insert("donation_ref".into(), format!("T{i}"));
        let d = Donation::parse(&row).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        store.insert(&d).unwrap();
        assert_eq!(store.get::<Donation>(&format!("T{i}")).unwrap().unwrap().donated_on, date("2021-05-10"), "{text}");
    }
}

#[test]
fn date_forms_are_rejected_with_the_reason() {
    let cases: &[(&str, DateError)] = &[
        ("2021-02-30", DateError::Impossible),
        ("2021-13-01", DateError::Impossible),
        ("2021年2月29日", DateError::Impossible),
        ("1989-12-31", DateError::OutOfRange),
        ("2101-01-01", DateError::OutOfRange),
        ("5/10/2021", DateError::Unrecognised),
        ("下周一", DateError::Unrecognised),
        ("2021-5", DateError::Unrecognised),
    ];
    let date_fields: Vec<(Kind, &str)> = Kind::ALL
        .iter()
        .flat_map(|k| k.fields().iter().filter(|f| f.ty == FieldType::Date).map(move |f| (*k, f.key)))
        .collect();
    // Seven in format version 1; 结转日期 and the three dates of 公示记录 in version 2.
    assert_eq!(date_fields.len(), 11);
    for (text, why) in cases {
        for (kind, key) in &date_fields {
            assert_eq!(errors(*kind, &with(*kind, key, text)), vec![(*key, Rule::Date(*why))], "{kind:?}.{key} {text}");
        }
    }
}

#[test]
fn end_date_is_not_before_start_date() {
    let mut row = with(Kind::Project, "end_date", "2024-02-29");
    assert_eq!(errors(Kind::Project, &row), vec![("end_date", Rule::EndBeforeStart)]);
    row.insert("end_date".into(), "2024-03-01".into());
    assert_eq!(errors(Kind::Project, &row), vec![]);
}

#[test]
fn phones_in_every_field() {
    for (kind, key) in [(Kind::Village, "contact_phone"), (Kind::Donation, "donor_phone"), (Kind::Volunteer, "phone")] {
        for ok in ["13812345678", "+86 138 1234 5678", "0515-83211234", "8321123", "１３８１２３４５６７８"]
        {
            assert_eq!(errors(kind, &with(kind, key, ok)), vec![], "{key} {ok}");
        }
        for bad in ["123456", "1234567890123456", "138-1234-567x", "(0515)8321123"] {
            assert_eq!(errors(kind, &with(kind, key, bad)), vec![(key, Rule::Phone)], "{key} {bad}");
        }
    }
    let v = Volunteer::parse(&with(Kind::Volunteer, "phone", "+86 138-1234-5678")).unwrap();
    assert_eq!(v.phone.as_deref(), Some("13812345678"));
}

#[test]
fn integers_are_whole_and_not_negative() {
    for (kind, key) in [(Kind::Village, "households"), (Kind::Village, "population"), (Kind::Project, "beneficiaries")]
    {
        for ok in ["0", "612", "2,130", "２１３０"] {
            assert_eq!(errors(kind, &with(kind, key, ok)), vec![], "{key} {ok}");
        }
        for bad in ["-1", "1.5", "许多"] {
            assert_eq!(errors(kind, &with(kind, key, bad)), vec![(key, Rule::Integer)], "{key} {bad}");
        }
    }
}

/// Every value of an enumeration parses from its label, its key, and the key in upper
/// case; something else is refused with the list of choices.
fn check_enum<E: Enumeration + PartialEq + std::fmt::Debug>(
    kind: Kind,
    key: &'static str,
    all: &[E],
    label: fn(E) -> &'static str,
    ekey: fn(E) -> &'static str,
    read: fn(&HashMap<String, String>) -> E,
) {
    for v in all {
        for text in [label(*v).to_string(), ekey(*v).to_string(), ekey(*v).to_uppercase()] {
            let row = with(kind, key, &text);
            assert_eq!(errors(kind, &row), vec![], "{key} {text}");
            assert_eq!(read(&row), *v, "{key} {text}");
        }
    }
    let errs = errors(kind, &with(kind, key, "不知道"));
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].0, key);
    assert!(matches!(&errs[0].1, Rule::Choice { choices } if choices.contains(label(all[0]))));
}

#[test]
fn every_enumeration_accepts_label_or_key_in_any_case() {
    check_enum(Kind::Village, "status", VillageStatus::ALL, VillageStatus::label_zh, VillageStatus::key, |r| {
        Village::parse(r).unwrap().status
    });
    check_enum(Kind::Project, "category", Category::ALL, Category::label_zh, Category::key, |r| {
        Project::parse(r).unwrap().category
    });
    check_enum(Kind::Project, "status", ProjectStatus::ALL, ProjectStatus::label_zh, ProjectStatus::key, |r| {
        Project::parse(r).unwrap().status
    });
    check_enum(Kind::Donation, "donor_type", DonorType::ALL, DonorType::label_zh, DonorType::key, |r| {
        Donation::parse(r).unwrap().donor_type
    });
    check_enum(Kind::Donation, "channel", Channel::ALL, Channel::label_zh, Channel::key, |r| {
        Donation::parse(r).unwrap().channel
    });
    check_enum(Kind::Donation, "matching", YesNo::ALL, YesNo::label_zh, YesNo::key, |r| {
        YesNo::from_bool(Donation::parse(r).unwrap().matching)
    });
    check_enum(Kind::Volunteer, "gender", Gender::ALL, Gender::label_zh, Gender::key, |r| {
        Volunteer::parse(r).unwrap().gender.unwrap()
    });
    check_enum(Kind::Volunteer, "status", VolunteerStatus::ALL, VolunteerStatus::label_zh, VolunteerStatus::key, |r| {
        Volunteer::parse(r).unwrap().status
    });
    check_enum(Kind::Shift, "status", ShiftStatus::ALL, ShiftStatus::label_zh, ShiftStatus::key, |r| {
        Shift::parse(r).unwrap().status
    });
}

#[test]
fn enumerations_have_the_template_defaults() {
    assert_eq!(Village::parse(&valid_row(Kind::Village)).unwrap().status, VillageStatus::Active);
    assert_eq!(Project::parse(&valid_row(Kind::Project)).unwrap().status, ProjectStatus::Fundraising);
    let d = Donation::parse(&valid_row(Kind::Donation)).unwrap();
    assert_eq!((d.donor_type, d.channel, d.matching), (DonorType::Individual, Channel::Online, false));
    assert_eq!(Volunteer::parse(&valid_row(Kind::Volunteer)).unwrap().status, VolunteerStatus::Active);
    assert_eq!(Shift::parse(&valid_row(Kind::Shift)).unwrap().status, ShiftStatus::Scheduled);
}

#[test]
fn anonymous_donors() {
    for anon in ["", "匿名", "anonymous"] {
        let d = Donation::parse(&with(Kind::Donation, "donor_name", anon)).unwrap();
        assert_eq!(d.donor_name, None, "{anon}");
        assert_eq!(d.donor_label(), "匿名");
    }
}

#[test]
fn shift_hours_and_times() {
    for (ok, tenths) in [("3", 30), ("2.5", 25), ("24", 240), ("0.5", 5), ("２．５", 25)] {
        assert_eq!(Shift::parse(&with(Kind::Shift, "hours", ok)).unwrap().hours.tenths(), tenths, "{ok}");
    }
    for bad in ["0", "24.5", "2.25", "-1", "三"] {
        assert_eq!(errors(Kind::Shift, &with(Kind::Shift, "hours", bad)), vec![("hours", Rule::Hours)], "{bad}");
    }
    for ok in ["08:30", "8:30", "23:59", "０８：３０"] {
        assert_eq!(errors(Kind::Shift, &with(Kind::Shift, "start_time", ok)), vec![], "{ok}");
    }
    for bad in ["24:00", "8点半", "0830", "8:3"] {
        assert_eq!(
            errors(Kind::Shift, &with(Kind::Shift, "start_time", bad)),
            vec![("start_time", Rule::Time)],
            "{bad}"
        );
    }
}

#[test]
fn all_errors_of_a_row_are_reported_together() {
    let mut row = valid_row(Kind::Donation);
    row.insert("amount".into(), "-5".into());
    row.insert("donated_on".into(), "2021-02-30".into());
    row.insert("channel".into(), "支票".into()); // 微信 is a channel since format version 2
    row.remove("project_code");
    let errs = errors(Kind::Donation, &row);
    let fields: Vec<&str> = errs.iter().map(|e| e.0).collect();
    assert_eq!(fields, ["project_code", "amount", "donated_on", "channel"]);
}

#[test]
fn every_rule_reads_in_both_languages() {
    let rules = [
        Rule::Required,
        Rule::TooLong { max: 50, len: 51 },
        Rule::ControlChars,
        Rule::CodeChars,
        Rule::Money(MoneyError::Negative),
        Rule::NotPositive,
        Rule::Date(DateError::Impossible),
        Rule::EndBeforeStart,
        Rule::Phone,
        Rule::Integer,
        Rule::Choice { choices: Channel::choices() },
        Rule::Hours,
        Rule::Time,
        Rule::UnknownReference { what: "村社", code: "1".into() },
        Rule::Duplicate,
        Rule::Overdisbursed { raised_fen: 1, disbursed_fen: 0, amount_fen: 2 },
        Rule::Underfunded { raised_fen: 1, disbursed_fen: 2 },
        Rule::InUse { what: "项目", count: 2 },
        Rule::ProjectOverdisbursed { project: "P1".into(), raised_fen: 1, disbursed_fen: 2 },
        Rule::TotalTooLarge { project: "P1".into() },
    ];
    for r in rules {
        let zh = r.message(Lang::Zh);
        let en = r.message(Lang::En);
        assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{zh}");
        assert!(en.starts_with(|c: char| c.is_ascii_alphanumeric()), "{en}");
        assert_ne!(zh, en);
    }
    let e = FieldError { field: "amount", value: "-5".into(), rule: Rule::Money(MoneyError::Negative) };
    assert_eq!(e.message(Lang::Zh, "捐赠金额（元）"), "捐赠金额（元）「-5」：金额不能为负数");
}
