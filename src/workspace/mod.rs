//! The workspace: discovery, loading, the typed model and the source map.

mod entities;
pub mod file_source;
pub mod files;
pub mod git;
pub mod load;
pub mod model;
pub mod parse;
pub(crate) mod plain_toml;
pub mod reader;
pub mod results;
pub mod slips;
pub mod source;
pub mod spec;
pub mod tree;

pub use load::{discover, is_valid_id, load, load_from};
pub use model::*;
