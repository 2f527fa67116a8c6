//! How each record kind is stored: one module per kind.

mod disbursement;
mod donation;
mod project;
mod shift;
mod village;
mod volunteer;
