//! One file per subcommand.

pub mod budget;
pub mod check;
pub mod distance;
pub mod explain;
pub mod init;
pub mod render;
pub mod rules;
pub mod templates;
