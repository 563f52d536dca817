//! The workspace: discovery, loading, the typed model and the source map.

mod entities;
pub mod files;
pub mod load;
pub mod model;
pub mod parse;
pub mod reader;
pub mod results;
pub mod slips;
pub mod source;
pub mod spec;

pub use load::{discover, is_valid_id, load};
pub use model::*;
