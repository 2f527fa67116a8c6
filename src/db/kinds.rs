//! How each record kind is stored: one module per kind.

mod carry_over;

pub(crate) use carry_over::balance_on_sql;
mod disbursement;
mod disclosure;
mod donation;
mod project;
mod shift;
mod village;
mod volunteer;
