//! The source map: every file coopcom read, its text, and byte offset to
//! line and column conversion.
//!
//! Text is stored without a UTF-8 byte-order mark, so that byte offsets from
//! the TOML parser and line/column numbers agree with what an editor shows.
//! Lines end at `\n`; a `\r` before it is not counted as a column.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Index of a file in the [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub(crate) usize);

/// A place in a source file: the file and a byte range of its text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Loc {
    pub file: FileId,
    pub span: Range<usize>,
}

impl Loc {
    pub fn new(file: FileId, span: Range<usize>) -> Self {
        Loc { file, span }
    }

    /// The start of a file, for findings about the file as a whole.
    pub fn file_start(file: FileId) -> Self {
        Loc { file, span: 0..0 }
    }
}

/// One file read by coopcom.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the workspace root, with `/` separators, as shown to users.
    pub name: String,
    /// Absolute (or as given) path on disk.
    pub path: PathBuf,
    /// The text, without a byte-order mark.
    pub text: String,
    /// Byte offset of the start of each line, found when first needed: most
    /// files are never shown in a finding.
    line_starts: OnceLock<Vec<usize>>,
}

impl SourceFile {
    pub fn new(name: String, path: PathBuf, text: String) -> Self {
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_owned(),
            None => text,
        };
        SourceFile {
            name,
            path,
            text,
            line_starts: OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(self.text.match_indices('\n').map(|(i, _)| i + 1));
            starts
        })
    }

    /// 0-based index of the line that holds a byte offset.
    pub fn line_index(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        match self.line_starts().binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Byte range of the 0-based line `index`, with its line break; an empty
    /// range at the end of the text past the last line.
    pub fn line_range(&self, index: usize) -> Range<usize> {
        let len = self.text.len();
        let starts = self.line_starts();
        let start = starts.get(index).copied().unwrap_or(len).min(len);
        let end = starts.get(index + 1).copied().unwrap_or(len).clamp(start, len);
        start..end
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_index(offset);
        let start = self.line_starts().get(line).copied().unwrap_or(0);
        let col = self
            .text
            .get(start..offset)
            .map(|s| s.trim_end_matches('\r').chars().count())
            .unwrap_or(0);
        (line + 1, col + 1)
    }
}

/// Every file read during one run.
#[derive(Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(self.files.len() - 1)
    }

    /// Registers a file whose text could not be read (binary, not UTF-8, ...)
    /// so that diagnostics can still name it.
    pub fn add_unreadable(&mut self, name: String, path: &Path) -> FileId {
        self.add(SourceFile::new(name, path.to_path_buf(), String::new()))
    }

    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0)
    }

    pub fn name(&self, id: FileId) -> &str {
        self.get(id).map(|f| f.name.as_str()).unwrap_or("?")
    }

    pub fn line_col(&self, loc: &Loc) -> (usize, usize) {
        self.get(loc.file)
            .map(|f| f.line_col(loc.span.start))
            .unwrap_or((1, 1))
    }

    pub fn files(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files.iter().enumerate().map(|(i, f)| (FileId(i), f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_with_bom_and_crlf() {
        let f = SourceFile::new(
            "a.toml".into(),
            "a.toml".into(),
            "\u{feff}a = 1\r\nbé = 2\r\n".into(),
        );
        assert_eq!(f.line_col(0), (1, 1));
        let b = f.text.find("= 2").unwrap();
        assert_eq!(f.line_col(b), (2, 4));
        assert_eq!(f.line_col(f.text.find('\r').unwrap()), (1, 6));
        assert_eq!(f.line_index(b), 1);
        assert_eq!(&f.text[f.line_range(1)], "bé = 2\r\n");
        assert_eq!(f.line_range(2), f.text.len()..f.text.len());
        assert_eq!(f.line_range(99), f.text.len()..f.text.len());
    }
}
