//! Rendering: Markdown to plain text for the web form (and, with the
//! templates, the application draft).

pub mod plain;
