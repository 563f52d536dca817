//! Markdown to HTML with comrak. Raw HTML in the Markdown is escaped (shown
//! as text), never passed through; links with dangerous schemes are dropped.

use comrak::{Options, markdown_to_html};

pub fn options() -> Options<'static> {
    let mut o = crate::text::options();
    o.render.r#unsafe = false;
    o.render.escape = true;
    o
}

pub fn to_html(markdown: &str) -> String {
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
