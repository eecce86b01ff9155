//! vntext: rule-based extraction and search over archives of Vietnamese
//! news and government reports.
//!
//! Data flows one way, one module per stage:
//! [`read`] → [`normalize`] → [`segment`] → [`extract`] → sinks
//! ([`pipeline::Sink`]). The `vntext` commands are library functions in
//! [`commands`], which the binary and [`serve`] call. See `ARCHITECTURE.md`.

pub mod calendar;
pub mod commands;
pub mod eval;
pub mod extract;
pub mod index;
pub mod model;
pub mod normalize;
pub mod pipeline;
pub mod read;
pub mod search;
pub mod segment;
pub mod serve;
pub mod sink;

pub use model::{Document, Entity, Event, Kind};
