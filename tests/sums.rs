//! Exact sums: any list of amounts, written in any accepted form, stored in a real
//! database, sums to the same fen as rust_decimal does.

mod common;

use std::str::FromStr;

use common::*;
use proptest::prelude::*;
use rust_decimal::Decimal;
use xingfu::domain::*;

/// Writes `fen` as text in one of the template's money forms.
fn written(fen: i64, form: u8) -> String {
    let m = Money::from_fen(fen);
    let full_width = |s: &str| -> String {
        s.chars()
            .map(|c| if c.is_ascii_graphic() { char::from_u32(c as u32 + 0xFEE0).unwrap_or(c) } else { c })
            .collect()
    };
    match form % 6 {
        0 => m.plain(),
        1 => m.grouped(),
        2 => format!("¥{}", m.grouped()),
        3 => format!("￥{}", m.plain()),
        4 => format!("{}元", m.plain().trim_end_matches('0').trim_end_matches('.')),
        _ => full_width(&m.plain()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, .. ProptestConfig::default() })]

    #[test]
    fn stored_sums_equal_decimal_sums(
        amounts in prop::collection::vec((1i64..=2_000_000_000_000i64, any::<u8>(), any::<bool>()), 1..40)
    ) {
        let db = TempDb::new();
        let mut store = db.open();
        store.insert(&registry_village(ZHONGXIN)).unwrap();
        store.insert(&common::project("P1", ZHONGXIN, "众心村助学项目", "0")).unwrap();
        let mut expected = Decimal::ZERO;
        let mut expected_matching = Decimal::ZERO;
        for (i, (fen, form, matching)) in amounts.iter().enumerate() {
            let text = written(*fen, *form);
            let dec = Decimal::from_str(&Money::from_fen(*fen).plain()).unwrap();
            expected += dec;
            if *matching {
                expected_matching += dec;
            }
            let row = [
                ("donation_ref", format!("D{i}")),
                ("project_code", "P1".to_string()),
                ("amount", text.clone()),
                ("donated_on", "2024-05-10".to_string()),
                ("matching", if *matching { "是".into() } else { "否".into() }),
            ];
            let row: std::collections::HashMap<&str, String> = row.into_iter().collect();
            let d = Donation::parse(&row).map_err(|e| TestCaseError::fail(format!("{text}: {e:?}")))?;
            prop_assert_eq!(d.amount.fen(), *fen, "{}", text);
            store.insert(&d).unwrap();
        }
        let p = store.project_figures("P1").unwrap().unwrap();
        prop_assert_eq!(p.raised.to_decimal(), expected);
        prop_assert_eq!(p.raised_matching.to_decimal(), expected_matching);
        prop_assert_eq!(store.summary().unwrap().raised.to_decimal(), expected);
        prop_assert!(store.health().unwrap().is_healthy());
    }

    #[test]
    fn parsing_is_exact_for_any_amount(fen in 0i64..=100_000_000_000_000i64, form in any::<u8>()) {
        let text = written(fen, form);
        prop_assert_eq!(Money::parse(&text).map(Money::fen), Ok(fen), "{}", text);
        prop_assert_eq!(Money::from_decimal(Money::from_fen(fen).to_decimal()), Ok(Money::from_fen(fen)));
    }
}
