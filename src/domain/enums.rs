//! The enumerations of the template: each value has a Chinese label and an English key,
//! and either is accepted (in any case, full- or half-width).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::lang::Lang;
use super::normalize::comparable;

/// What every enumeration of the template can do, for generic parsing.
pub trait Enumeration: Sized + Copy {
    /// Parses the Chinese label or the English key.
    fn parse_value(text: &str) -> Option<Self>;
    /// The accepted values, for messages.
    fn all_choices() -> String;
}

/// The first of some literals (an English label when given, else the key).
macro_rules! first_literal {
    ($a:literal $(, $rest:literal)*) => {
        $a
    };
}

/// Declares an enumeration with its Chinese labels, English keys (and, where the key is
/// not plain English, an English label) and default.
macro_rules! enumeration {
    ($(#[$meta:meta])* $name:ident default $default:ident {
        $($variant:ident = $zh:literal / $en:literal $(/ $label:literal)?,)+
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($variant,)+
        }

        impl $name {
            /// Every value, in the template's order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The Chinese label, as written in the template.
            pub fn label_zh(self) -> &'static str {
                match self { $($name::$variant => $zh,)+ }
            }

            /// The English key, as stored in the database.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $en,)+ }
            }

            /// The label in the operator's language.
            pub fn label(self, lang: Lang) -> &'static str {
                match lang {
                    Lang::Zh => self.label_zh(),
                    Lang::En => match self { $($name::$variant => first_literal!($($label,)? $en),)+ },
                }
            }

            /// Parses the Chinese label or the English key (or the English label the
            /// console shows), either case.
            pub fn parse(text: &str) -> Option<$name> {
                let t = comparable(text);
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.label_zh() == t || v.key() == t || comparable(v.label(Lang::En)) == t)
            }

            /// The value from its stored English key.
            pub fn from_key(key: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.key() == key)
            }

            /// `试点 pilot / 示范点 demonstration / …`, for messages.
            pub fn choices() -> String {
                $name::ALL
                    .iter()
                    .map(|v| format!("{} {}", v.label_zh(), v.key()))
                    .collect::<Vec<_>>()
                    .join(" / ")
            }
        }

        impl Enumeration for $name {
            fn parse_value(text: &str) -> Option<Self> {
                $name::parse(text)
            }
            fn all_choices() -> String {
                $name::choices()
            }
        }

        impl Default for $name {
            fn default() -> Self {
                $name::$default
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.key())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                $name::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("unknown value {s}")))
            }
        }
    };
}

enumeration! {
    /// 状态 of a village.
    VillageStatus default Active {
        Pilot = "试点" / "pilot",
        Demonstration = "示范点" / "demonstration",
        Active = "实施中" / "active",
        Paused = "暂停" / "paused",
    }
}

enumeration! {
    /// 项目类别.
    Category default Other {
        Education = "助学" / "education",
        Medical = "助医" / "medical",
        Hardship = "助困" / "hardship",
        Elderly = "助老" / "elderly",
        Disability = "助残" / "disability",
        VillageBuilding = "乡村建设" / "village_building" / "village building",
        DisasterRelief = "应急救灾" / "disaster_relief" / "disaster relief",
        Other = "其他" / "other",
    }
}

enumeration! {
    /// 项目状态.
    ProjectStatus default Fundraising {
        Preparing = "筹备中" / "preparing",
        Fundraising = "募集中" / "fundraising",
        Executing = "执行中" / "executing",
        Completed = "已结项" / "completed",
        Closed = "已关闭" / "closed",
    }
}

enumeration! {
    /// 捐赠人类型.
    DonorType default Individual {
        Individual = "个人" / "individual",
        NativeVillager = "乡贤" / "native_villager" / "native villager",
        Company = "企业" / "company",
        Organisation = "社会组织" / "organisation",
        Other = "其他" / "other",
    }
}

enumeration! {
    /// What a donor is: a private person or an organisation (a company, a social
    /// organisation, a school, an office).
    DonorKind default Person {
        Person = "个人" / "person",
        Organisation = "单位" / "organisation",
    }
}

impl DonorKind {
    /// The kind of the donor of a gift: companies and social organisations are
    /// organisations, individuals and 乡贤 are people, and 其他 is judged by the name
    /// ([`is_organisation`](super::privacy::is_organisation)).
    pub fn of(ty: DonorType, name: &str) -> DonorKind {
        match ty {
            DonorType::Company | DonorType::Organisation => DonorKind::Organisation,
            DonorType::Individual | DonorType::NativeVillager => DonorKind::Person,
            DonorType::Other if super::privacy::is_organisation(name) => DonorKind::Organisation,
            DonorType::Other => DonorKind::Person,
        }
    }
}

enumeration! {
    /// 捐赠渠道.
    Channel default Online {
        Online = "网络平台" / "online",
        Wechat = "微信" / "wechat",
        Alipay = "支付宝" / "alipay",
        Bank = "银行转账" / "bank",
        Cash = "现金" / "cash",
        Other = "其他" / "other",
    }
}

enumeration! {
    /// 配捐: whether a donation is matching funds.
    YesNo default No {
        Yes = "是" / "yes",
        No = "否" / "no",
    }
}

enumeration! {
    /// 性别 of a volunteer.
    Gender default Male {
        Male = "男" / "male",
        Female = "女" / "female",
    }
}

enumeration! {
    /// 状态 of a volunteer.
    VolunteerStatus default Active {
        Active = "在册" / "active",
        Paused = "暂停" / "paused",
        Left = "退出" / "left",
    }
}

enumeration! {
    /// 排班状态 of a shift. Only served shifts count as service hours.
    ShiftStatus default Scheduled {
        Scheduled = "已排班" / "scheduled",
        Served = "已完成" / "served",
        Absent = "缺勤" / "absent",
    }
}

enumeration! {
    /// 公示类型 of a disclosure.
    DisclosureKind default Periodic {
        Periodic = "定期" / "periodic",
        Final = "结项" / "final",
        Fundraising = "募捐" / "fundraising",
        Other = "其他" / "other",
    }
}

enumeration! {
    /// 公示渠道: where a disclosure was published.
    DisclosureChannel default NoticeBoard {
        NoticeBoard = "村务公开栏" / "notice_board" / "notice board",
        CharityChina = "慈善中国" / "charity_china" / "Charity China",
        Website = "网站" / "website",
        Wechat = "微信公众号" / "wechat",
        Other = "其他" / "other",
    }
}

impl ProjectStatus {
    /// Completed (已结项) or closed (已关闭): no new money is entered for the project.
    pub fn is_closed(self) -> bool {
        matches!(self, ProjectStatus::Completed | ProjectStatus::Closed)
    }
}

impl YesNo {
    pub fn from_bool(b: bool) -> YesNo {
        if b { YesNo::Yes } else { YesNo::No }
    }
    pub fn is_yes(self) -> bool {
        self == YesNo::Yes
    }
}

enumeration! {
    /// What a change-set of the audit log is: one record saved, a batch of donation slips,
    /// an import, the revert of another change-set, or the migration that started the
    /// chain.
    ChangeKind default Single {
        Single = "单条" / "single",
        Batch = "批量录入" / "batch",
        Import = "导入" / "import",
        Revert = "撤销" / "revert",
        Migration = "升级" / "migration",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_or_key_in_any_case() {
        assert_eq!(Category::parse("助学"), Some(Category::Education));
        assert_eq!(Category::parse("EDUCATION"), Some(Category::Education));
        assert_eq!(Category::parse(" Village_Building "), Some(Category::VillageBuilding));
        assert_eq!(Category::parse("ｅｄｕｃａｔｉｏｎ"), Some(Category::Education));
        assert_eq!(Category::parse("教育"), None);
        assert_eq!(ShiftStatus::parse("已完成"), Some(ShiftStatus::Served));
        assert_eq!(YesNo::parse("YES"), Some(YesNo::Yes));
    }

    #[test]
    fn defaults_follow_the_template() {
        assert_eq!(VillageStatus::default(), VillageStatus::Active);
        assert_eq!(ProjectStatus::default(), ProjectStatus::Fundraising);
        assert_eq!(DonorType::default(), DonorType::Individual);
        assert_eq!(Channel::default(), Channel::Online);
        assert_eq!(YesNo::default(), YesNo::No);
        assert_eq!(VolunteerStatus::default(), VolunteerStatus::Active);
        assert_eq!(ShiftStatus::default(), ShiftStatus::Scheduled);
    }
}
