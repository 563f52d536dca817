//! Markdown to HTML with comrak. Raw HTML in the Markdown is escaped (shown
//! as text), never passed through; links with dangerous schemes are dropped.
//!
//! comrak's output is the reference; the plain tables, headings and
//! paragraphs that make up most of a generated draft are written by
//! [`fast`] with the same bytes, at a fraction of the cost of parsing them.

mod fast;

use comrak::{Options, markdown_to_html};

pub fn options() -> Options<'static> {
    let mut o = crate::text::options();
    o.render.r#unsafe = false;
    o.render.escape = true;
    o
}

/// The HTML of a document: always the same bytes as [`comrak_html`].
pub fn to_html(markdown: &str) -> String {
    fast::to_html(markdown, &options())
}

/// The HTML of a document as comrak writes it: the reference that
/// [`to_html`] is tested against.
pub fn comrak_html(markdown: &str) -> String {
    markdown_to_html(markdown, &options())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_becomes_text() {
        let html = to_html("Hello <img src=x onerror=alert(2)> and <script>alert(1)</script>\n");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;img src=x onerror=alert(2)&gt;"), "{html}");
    }
}
