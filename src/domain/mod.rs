//! Plain types and the rules of the standard project template (`TEMPLATE.md`).
//!
//! Nothing here knows about SQLite, files or terminals: values are parsed from text,
//! checked, and turned into typed records. Every rule violation is a [`Rule`] that
//! can be shown in Chinese or English, with the texts of [`messages`], the one catalogue
//! of messages every layer uses.

pub mod date;
pub mod division;
pub mod enums;
pub mod error;
pub mod hours;
pub mod id_number;
pub mod kind;
pub mod lang;
pub mod messages;
pub mod money;
pub mod normalize;
pub mod phone;
pub mod pinyin_key;
pub mod privacy;
pub mod receipt;
pub mod records;
pub mod row;
pub mod shown;
pub mod text;

pub use division::{DivisionCode, Office};
pub use enums::*;
pub use error::{FieldError, Rule};
pub use hours::Hours;
pub use kind::{Field, Kind};
pub use lang::Lang;
pub use money::Money;
pub use records::*;
