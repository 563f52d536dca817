//! The parts of a Word document that do not depend on its content, and the
//! fixed pieces of those that do, byte for byte as coopcom's Word documents
//! have always carried them (partners' templates, macros and comparisons of
//! two exports rely on nothing moving).
//!
//! Each is one line of XML; the Rust string
//! continuations (`\` at a line's end) join the lines without a space.

/// The name of the document's main part in the package.
pub const DOCUMENT: &str = "word/document.xml";

/// How every entry of the package is stored: deflated, dated 1980-01-01,
/// readable by all.
///
/// Deflate's fastest level: a draft's `document.xml` is mostly repeated
/// markup (40 MB for 1 000 activities), which level 1 packs to 1.1 MB
/// against 0.8 MB at the default level 6, in a third of the time.
pub fn entry_options() -> zip::write::SimpleFileOptions {
    zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644)
}

/// `[Content_Types].xml`: the media type of each part.
pub const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types \
    xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default \
    ContentType=\"image/png\" Extension=\"png\" /><Default ContentType=\"image/jpeg\" \
    Extension=\"jpeg\" /><Default ContentType=\"image/jpg\" Extension=\"jpg\" /><Default \
    ContentType=\"image/bmp\" Extension=\"bmp\" /><Default ContentType=\"image/gif\" \
    Extension=\"gif\" /><Default \
    ContentType=\"application/vnd.openxmlformats-package.relationships+xml\" Extension=\"rels\" \
    /><Default ContentType=\"application/xml\" Extension=\"xml\" /><Override \
    PartName=\"/_rels/.rels\" \
    ContentType=\"application/vnd.openxmlformats-package.relationships+xml\" /><Override \
    PartName=\"/docProps/app.xml\" \
    ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\" />\
    <Override PartName=\"/docProps/core.xml\" \
    ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\" /><Override \
    PartName=\"/docProps/custom.xml\" \
    ContentType=\"application/vnd.openxmlformats-officedocument.custom-properties+xml\" />\
    <Override PartName=\"/word/_rels/document.xml.rels\" \
    ContentType=\"application/vnd.openxmlformats-package.relationships+xml\" /><Override \
    PartName=\"/word/comments.xml\" \
    ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml\" \
    /><Override PartName=\"/word/commentsExtended.xml\" \
    ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml\" \
    /><Override PartName=\"/word/document.xml\" \
    ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\" \
    /><Override PartName=\"/word/fontTable.xml\" \
    ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\" \
    /><Override PartName=\"/word/numbering.xml\" \
    ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\" \
    /><Override PartName=\"/word/settings.xml\" \
    ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\" \
    /><Override PartName=\"/word/styles.xml\" \
    ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\" />\
    </Types>";

/// `_rels/.rels`: the package's properties and main document.
pub const PACKAGE_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships \
    xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship \
    Id=\"rId1\" \
    Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" \
    Target=\"docProps/core.xml\" /><Relationship Id=\"rId2\" \
    Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" \
    Target=\"docProps/app.xml\" /><Relationship Id=\"rId3\" \
    Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" \
    Target=\"word/document.xml\" /><Relationship Id=\"rId4\" \
    Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties\" \
    Target=\"docProps/custom.xml\" /></Relationships>";

/// `docProps/app.xml`: no extended properties.
pub const APP: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Properties \
    xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" \
    xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\" />";

/// `docProps/custom.xml`: no custom properties.
pub const CUSTOM: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Properties \
    xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" \
    xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\" />";

/// `word/styles.xml`: 11 pt text with 6 pt after each paragraph, and the house
/// headings `Heading1` to `Heading4` (bold, dark blue, 18, 15, 13 and 11.5 pt,
/// with their outline level so that the navigation pane and a table of
/// contents find them).
pub const STYLES: &str = "<w:styles xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" \
    xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
    xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
    xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\" \
    xmlns:w15=\"http://schemas.microsoft.com/office/word/2012/wordml\" mc:Ignorable=\"w14 w15\">\
    <w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val=\"22\" /><w:szCs w:val=\"22\" /></w:rPr>\
    </w:rPrDefault><w:pPrDefault><w:pPr><w:rPr /><w:spacing w:after=\"120\" /></w:pPr>\
    </w:pPrDefault></w:docDefaults><w:style w:type=\"paragraph\" w:styleId=\"Normal\"><w:name \
    w:val=\"Normal\" /><w:rPr /><w:pPr><w:rPr /></w:pPr><w:qFormat /></w:style><w:style \
    w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\" /><w:rPr><w:sz \
    w:val=\"36\" /><w:szCs w:val=\"36\" /><w:color w:val=\"1F3864\" /><w:b /><w:bCs /></w:rPr>\
    <w:pPr><w:rPr /><w:spacing w:before=\"240\" w:after=\"80\" /><w:outlineLvl w:val=\"0\" />\
    </w:pPr><w:next w:val=\"Normal\" /><w:qFormat /><w:basedOn w:val=\"Normal\" /></w:style>\
    <w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\" /><w:rPr>\
    <w:sz w:val=\"30\" /><w:szCs w:val=\"30\" /><w:color w:val=\"1F3864\" /><w:b /><w:bCs />\
    </w:rPr><w:pPr><w:rPr /><w:spacing w:before=\"240\" w:after=\"80\" /><w:outlineLvl \
    w:val=\"1\" /></w:pPr><w:next w:val=\"Normal\" /><w:qFormat /><w:basedOn w:val=\"Normal\" />\
    </w:style><w:style w:type=\"paragraph\" w:styleId=\"Heading3\"><w:name w:val=\"heading 3\" \
    /><w:rPr><w:sz w:val=\"26\" /><w:szCs w:val=\"26\" /><w:color w:val=\"1F3864\" /><w:b />\
    <w:bCs /></w:rPr><w:pPr><w:rPr /><w:spacing w:before=\"240\" w:after=\"80\" /><w:outlineLvl \
    w:val=\"2\" /></w:pPr><w:next w:val=\"Normal\" /><w:qFormat /><w:basedOn w:val=\"Normal\" />\
    </w:style><w:style w:type=\"paragraph\" w:styleId=\"Heading4\"><w:name w:val=\"heading 4\" \
    /><w:rPr><w:sz w:val=\"23\" /><w:szCs w:val=\"23\" /><w:color w:val=\"1F3864\" /><w:b />\
    <w:bCs /></w:rPr><w:pPr><w:rPr /><w:spacing w:before=\"240\" w:after=\"80\" /><w:outlineLvl \
    w:val=\"3\" /></w:pPr><w:next w:val=\"Normal\" /><w:qFormat /><w:basedOn w:val=\"Normal\" />\
    </w:style></w:styles>";

/// `word/settings.xml`: Word 2013 compatibility.
pub const SETTINGS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:settings \
    xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
    xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\" \
    xmlns:w15=\"http://schemas.microsoft.com/office/word/2012/wordml\"><w:defaultTabStop \
    w:val=\"840\" /><w:zoom w:percent=\"100\" /><w:compat><w:spaceForUL />\
    <w:balanceSingleByteDoubleByteWidth /><w:doNotLeaveBackslashAlone /><w:ulTrailSpace />\
    <w:doNotExpandShiftReturn /><w:useFELayout /><w:compatSetting w:name=\"compatibilityMode\" \
    w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\" /><w:compatSetting \
    w:name=\"overrideTableStyleFontSizeAndJustification\" \
    w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"1\" /><w:compatSetting \
    w:name=\"enableOpenTypeFeatures\" w:uri=\"http://schemas.microsoft.com/office/word\" \
    w:val=\"1\" /><w:compatSetting w:name=\"doNotFlipMirrorIndents\" \
    w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"1\" /><w:compatSetting \
    w:name=\"differentiateMultirowTableHeaders\" \
    w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"1\" /><w:compatSetting \
    w:name=\"useWord2013TrackBottomHyphenation\" \
    w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"0\" /></w:compat></w:settings>";

/// `word/fontTable.xml`.
pub const FONT_TABLE: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:fonts \
    xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
    xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:font \
    w:name=\"Times New Roman\"><w:charset w:val=\"00\" /><w:family w:val=\"roman\" /><w:pitch \
    w:val=\"variable\" /></w:font><w:font w:name=\"Symbol\"><w:charset w:val=\"02\" /><w:family \
    w:val=\"roman\" /><w:pitch w:val=\"variable\" /></w:font><w:font w:name=\"Arial\">\
    <w:charset w:val=\"00\" /><w:family w:val=\"swiss\" /><w:pitch w:val=\"variable\" />\
    </w:font></w:fonts>";

/// `word/comments.xml`: no comments.
pub const COMMENTS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:comments \
    xmlns:o=\"urn:schemas-microsoft-com:office:office\" \
    xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
    xmlns:v=\"urn:schemas-microsoft-com:vml\" \
    xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
    xmlns:w10=\"urn:schemas-microsoft-com:office:word\" \
    xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
    xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" \
    xmlns:wpg=\"http://schemas.microsoft.com/office/word/2010/wordprocessingGroup\" \
    xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" \
    xmlns:wp14=\"http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing\" \
    xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\" mc:Ignorable=\"w14 \
    wp14\" />";

/// `word/commentsExtended.xml`: no comments.
pub const COMMENTS_EXTENDED: &str = "<w15:commentsEx \
    xmlns:wpc=\"http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas\" \
    xmlns:cx=\"http://schemas.microsoft.com/office/drawing/2014/chartex\" \
    xmlns:cx1=\"http://schemas.microsoft.com/office/drawing/2015/9/8/chartex\" \
    xmlns:cx2=\"http://schemas.microsoft.com/office/drawing/2015/10/21/chartex\" \
    xmlns:cx3=\"http://schemas.microsoft.com/office/drawing/2016/5/9/chartex\" \
    xmlns:cx4=\"http://schemas.microsoft.com/office/drawing/2016/5/10/chartex\" \
    xmlns:cx5=\"http://schemas.microsoft.com/office/drawing/2016/5/11/chartex\" \
    xmlns:cx6=\"http://schemas.microsoft.com/office/drawing/2016/5/12/chartex\" \
    xmlns:cx7=\"http://schemas.microsoft.com/office/drawing/2016/5/13/chartex\" \
    xmlns:cx8=\"http://schemas.microsoft.com/office/drawing/2016/5/14/chartex\" \
    xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" \
    xmlns:aink=\"http://schemas.microsoft.com/office/drawing/2016/ink\" \
    xmlns:am3d=\"http://schemas.microsoft.com/office/drawing/2017/model3d\" \
    xmlns:o=\"urn:schemas-microsoft-com:office:office\" \
    xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
    xmlns:m=\"http://schemas.openxmlformats.org/officeDocument/2006/math\" \
    xmlns:v=\"urn:schemas-microsoft-com:vml\" \
    xmlns:wp14=\"http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing\" \
    xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
    xmlns:w10=\"urn:schemas-microsoft-com:office:word\" \
    xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
    xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\" \
    xmlns:w15=\"http://schemas.microsoft.com/office/word/2012/wordml\" \
    xmlns:w16cex=\"http://schemas.microsoft.com/office/word/2018/wordml/cex\" \
    xmlns:w16cid=\"http://schemas.microsoft.com/office/word/2016/wordml/cid\" \
    xmlns:w16=\"http://schemas.microsoft.com/office/word/2018/wordml\" \
    xmlns:w16se=\"http://schemas.microsoft.com/office/word/2015/wordml/symex\" \
    xmlns:wpg=\"http://schemas.microsoft.com/office/word/2010/wordprocessingGroup\" \
    xmlns:wpi=\"http://schemas.microsoft.com/office/word/2010/wordprocessingInk\" \
    xmlns:wne=\"http://schemas.microsoft.com/office/word/2006/wordml\" \
    xmlns:wps=\"http://schemas.microsoft.com/office/word/2010\" />";

/// `word/footnotes.xml`: no footnotes.
pub const FOOTNOTES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:footnotes \
    xmlns:wpc=\"http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas\" \
    xmlns:cx=\"http://schemas.microsoft.com/office/drawing/2014/chartex\" \
    xmlns:cx1=\"http://schemas.microsoft.com/office/drawing/2015/9/8/chartex\" \
    xmlns:cx2=\"http://schemas.microsoft.com/office/drawing/2015/10/21/chartex\" \
    xmlns:cx3=\"http://schemas.microsoft.com/office/drawing/2016/5/9/chartex\" \
    xmlns:cx4=\"http://schemas.microsoft.com/office/drawing/2016/5/10/chartex\" \
    xmlns:cx5=\"http://schemas.microsoft.com/office/drawing/2016/5/11/chartex\" \
    xmlns:cx6=\"http://schemas.microsoft.com/office/drawing/2016/5/12/chartex\" \
    xmlns:cx7=\"http://schemas.microsoft.com/office/drawing/2016/5/13/chartex\" \
    xmlns:cx8=\"http://schemas.microsoft.com/office/drawing/2016/5/14/chartex\" \
    xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" \
    xmlns:aink=\"http://schemas.microsoft.com/office/drawing/2016/ink\" \
    xmlns:am3d=\"http://schemas.microsoft.com/office/drawing/2017/model3d\" \
    xmlns:o=\"urn:schemas-microsoft-com:office:office\" \
    xmlns:oel=\"http://schemas.microsoft.com/office/2019/extlst\" \
    xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
    xmlns:m=\"http://schemas.openxmlformats.org/officeDocument/2006/math\" \
    xmlns:v=\"urn:schemas-microsoft-com:vml\" \
    xmlns:wp14=\"http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing\" \
    xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
    xmlns:w10=\"urn:schemas-microsoft-com:office:word\" \
    xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
    xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\" \
    xmlns:w15=\"http://schemas.microsoft.com/office/word/2012/wordml\" \
    xmlns:w16cex=\"http://schemas.microsoft.com/office/word/2018/wordml/cex\" \
    xmlns:w16cid=\"http://schemas.microsoft.com/office/word/2016/wordml/cid\" \
    xmlns:w16=\"http://schemas.microsoft.com/office/word/2018/wordml\" \
    xmlns:w16du=\"http://schemas.microsoft.com/office/word/2023/wordml/word16du\" \
    xmlns:w16sdtdh=\"http://schemas.microsoft.com/office/word/2020/wordml/sdtdatahash\" \
    xmlns:w16se=\"http://schemas.microsoft.com/office/word/2015/wordml/symex\" \
    xmlns:wpg=\"http://schemas.microsoft.com/office/word/2010/wordprocessingGroup\" \
    xmlns:wpi=\"http://schemas.microsoft.com/office/word/2010/wordprocessingInk\" \
    xmlns:wne=\"http://schemas.microsoft.com/office/word/2006/wordml\" \
    xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" \
    mc:Ignorable=\"w14 w15 w16se w16cid w16 w16cex w16sdtdh w16du wp14\" />";

/// `word/numbering.xml` up to its list instances: the package's default
/// numbering (number 1), coopcom's nine levels of bullets (10) and of decimal
/// numbers (11), each level indented 720 twips more with a hanging marker of
/// 360, and the bullets' instance; [`super::docx_text::Blocks::finish`] adds
/// one instance per numbered list and closes the element.
pub const NUMBERING_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:numbering \
    xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
    xmlns:o=\"urn:schemas-microsoft-com:office:office\" \
    xmlns:v=\"urn:schemas-microsoft-com:vml\" \
    xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:abstractNum \
    w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\" /><w:numFmt \
    w:val=\"decimal\" /><w:lvlText w:val=\"%1.\" /><w:lvlJc w:val=\"left\" /><w:pPr><w:rPr />\
    <w:ind w:left=\"420\" w:right=\"0\" w:hanging=\"420\" /></w:pPr><w:rPr /></w:lvl><w:lvl \
    w:ilvl=\"1\"><w:start w:val=\"1\" /><w:numFmt w:val=\"decimal\" /><w:lvlText w:val=\"(%2)\" \
    /><w:lvlJc w:val=\"left\" /><w:pPr><w:rPr /><w:ind w:left=\"840\" w:right=\"0\" \
    w:hanging=\"420\" /></w:pPr><w:rPr /></w:lvl><w:lvl w:ilvl=\"2\"><w:start w:val=\"1\" />\
    <w:numFmt w:val=\"decimalEnclosedCircle\" /><w:lvlText w:val=\"%3\" /><w:lvlJc \
    w:val=\"left\" /><w:pPr><w:rPr /><w:ind w:left=\"1260\" w:right=\"0\" w:hanging=\"420\" />\
    </w:pPr><w:rPr /></w:lvl><w:lvl w:ilvl=\"3\"><w:start w:val=\"1\" /><w:numFmt \
    w:val=\"decimal\" /><w:lvlText w:val=\"%4.\" /><w:lvlJc w:val=\"left\" /><w:pPr><w:rPr />\
    <w:ind w:left=\"1680\" w:right=\"0\" w:hanging=\"420\" /></w:pPr><w:rPr /></w:lvl><w:lvl \
    w:ilvl=\"4\"><w:start w:val=\"1\" /><w:numFmt w:val=\"decimal\" /><w:lvlText w:val=\"(%5)\" \
    /><w:lvlJc w:val=\"left\" /><w:pPr><w:rPr /><w:ind w:left=\"2100\" w:right=\"0\" \
    w:hanging=\"420\" /></w:pPr><w:rPr /></w:lvl><w:lvl w:ilvl=\"5\"><w:start w:val=\"1\" />\
    <w:numFmt w:val=\"decimalEnclosedCircle\" /><w:lvlText w:val=\"%6\" /><w:lvlJc \
    w:val=\"left\" /><w:pPr><w:rPr /><w:ind w:left=\"2520\" w:right=\"0\" w:hanging=\"420\" />\
    </w:pPr><w:rPr /></w:lvl><w:lvl w:ilvl=\"6\"><w:start w:val=\"1\" /><w:numFmt \
    w:val=\"decimal\" /><w:lvlText w:val=\"%7.\" /><w:lvlJc w:val=\"left\" /><w:pPr><w:rPr />\
    <w:ind w:left=\"2940\" w:right=\"0\" w:hanging=\"420\" /></w:pPr><w:rPr /></w:lvl><w:lvl \
    w:ilvl=\"7\"><w:start w:val=\"1\" /><w:numFmt w:val=\"decimal\" /><w:lvlText w:val=\"(%8)\" \
    /><w:lvlJc w:val=\"left\" /><w:pPr><w:rPr /><w:ind w:left=\"3360\" w:right=\"0\" \
    w:hanging=\"420\" /></w:pPr><w:rPr /></w:lvl><w:lvl w:ilvl=\"8\"><w:start w:val=\"1\" />\
    <w:numFmt w:val=\"decimalEnclosedCircle\" /><w:lvlText w:val=\"%9\" /><w:lvlJc \
    w:val=\"left\" /><w:pPr><w:rPr /><w:ind w:left=\"3780\" w:right=\"0\" w:hanging=\"420\" />\
    </w:pPr><w:rPr /></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId=\"10\"><w:lvl \
    w:ilvl=\"0\"><w:start w:val=\"1\" /><w:numFmt w:val=\"bullet\" /><w:lvlText w:val=\"•\" />\
    <w:lvlJc w:val=\"left\" /><w:pPr><w:rPr /><w:ind w:left=\"720\" w:right=\"0\" \
    w:hanging=\"360\" /></w:pPr><w:rPr /></w:lvl><w:lvl w:ilvl=\"1\"><w:start w:val=\"1\" />\
    <w:numFmt w:val=\"bullet\" /><w:lvlText w:val=\"◦\" /><w:lvlJc w:val=\"left\" /><w:pPr>\
    <w:rPr /><w:ind w:left=\"1440\" w:right=\"0\" w:hanging=\"360\" /></w:pPr><w:rPr /></w:lvl>\
    <w:lvl w:ilvl=\"2\"><w:start w:val=\"1\" /><w:numFmt w:val=\"bullet\" /><w:lvlText \
    w:val=\"▪\" /><w:lvlJc w:val=\"left\" /><w:pPr><w:rPr /><w:ind w:left=\"2160\" \
    w:right=\"0\" w:hanging=\"360\" /></w:pPr><w:rPr /></w:lvl><w:lvl w:ilvl=\"3\"><w:start \
    w:val=\"1\" /><w:numFmt w:val=\"bullet\" /><w:lvlText w:val=\"•\" /><w:lvlJc w:val=\"left\" \
    /><w:pPr><w:rPr /><w:ind w:left=\"2880\" w:right=\"0\" w:hanging=\"360\" /></w:pPr><w:rPr />\
    </w:lvl><w:lvl w:ilvl=\"4\"><w:start w:val=\"1\" /><w:numFmt w:val=\"bullet\" /><w:lvlText \
    w:val=\"◦\" /><w:lvlJc w:val=\"left\" /><w:pPr><w:rPr /><w:ind w:left=\"3600\" \
    w:right=\"0\" w:hanging=\"360\" /></w:pPr><w:rPr /></w:lvl><w:lvl w:ilvl=\"5\"><w:start \
    w:val=\"1\" /><w:numFmt w:val=\"bullet\" /><w:lvlText w:val=\"▪\" /><w:lvlJc w:val=\"left\" \
    /><w:pPr><w:rPr /><w:ind w:left=\"4320\" w:right=\"0\" w:hanging=\"360\" /></w:pPr><w:rPr />\
    </w:lvl><w:lvl w:ilvl=\"6\"><w:start w:val=\"1\" /><w:numFmt w:val=\"bullet\" /><w:lvlText \
    w:val=\"•\" /><w:lvlJc w:val=\"left\" /><w:pPr><w:rPr /><w:ind w:left=\"5040\" \
    w:right=\"0\" w:hanging=\"360\" /></w:pPr><w:rPr /></w:lvl><w:lvl w:ilvl=\"7\"><w:start \
    w:val=\"1\" /><w:numFmt w:val=\"bullet\" /><w:lvlText w:val=\"◦\" /><w:lvlJc w:val=\"left\" \
    /><w:pPr><w:rPr /><w:ind w:left=\"5760\" w:right=\"0\" w:hanging=\"360\" /></w:pPr><w:rPr />\
    </w:lvl><w:lvl w:ilvl=\"8\"><w:start w:val=\"1\" /><w:numFmt w:val=\"bullet\" /><w:lvlText \
    w:val=\"▪\" /><w:lvlJc w:val=\"left\" /><w:pPr><w:rPr /><w:ind w:left=\"6480\" \
    w:right=\"0\" w:hanging=\"360\" /></w:pPr><w:rPr /></w:lvl></w:abstractNum><w:abstractNum \
    w:abstractNumId=\"11\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\" /><w:numFmt \
    w:val=\"decimal\" /><w:lvlText w:val=\"%1.\" /><w:lvlJc w:val=\"left\" /><w:pPr><w:rPr />\
    <w:ind w:left=\"720\" w:right=\"0\" w:hanging=\"360\" /></w:pPr><w:rPr /></w:lvl><w:lvl \
    w:ilvl=\"1\"><w:start w:val=\"1\" /><w:numFmt w:val=\"decimal\" /><w:lvlText w:val=\"%2.\" \
    /><w:lvlJc w:val=\"left\" /><w:pPr><w:rPr /><w:ind w:left=\"1440\" w:right=\"0\" \
    w:hanging=\"360\" /></w:pPr><w:rPr /></w:lvl><w:lvl w:ilvl=\"2\"><w:start w:val=\"1\" />\
    <w:numFmt w:val=\"decimal\" /><w:lvlText w:val=\"%3.\" /><w:lvlJc w:val=\"left\" /><w:pPr>\
    <w:rPr /><w:ind w:left=\"2160\" w:right=\"0\" w:hanging=\"360\" /></w:pPr><w:rPr /></w:lvl>\
    <w:lvl w:ilvl=\"3\"><w:start w:val=\"1\" /><w:numFmt w:val=\"decimal\" /><w:lvlText \
    w:val=\"%4.\" /><w:lvlJc w:val=\"left\" /><w:pPr><w:rPr /><w:ind w:left=\"2880\" \
    w:right=\"0\" w:hanging=\"360\" /></w:pPr><w:rPr /></w:lvl><w:lvl w:ilvl=\"4\"><w:start \
    w:val=\"1\" /><w:numFmt w:val=\"decimal\" /><w:lvlText w:val=\"%5.\" /><w:lvlJc \
    w:val=\"left\" /><w:pPr><w:rPr /><w:ind w:left=\"3600\" w:right=\"0\" w:hanging=\"360\" />\
    </w:pPr><w:rPr /></w:lvl><w:lvl w:ilvl=\"5\"><w:start w:val=\"1\" /><w:numFmt \
    w:val=\"decimal\" /><w:lvlText w:val=\"%6.\" /><w:lvlJc w:val=\"left\" /><w:pPr><w:rPr />\
    <w:ind w:left=\"4320\" w:right=\"0\" w:hanging=\"360\" /></w:pPr><w:rPr /></w:lvl><w:lvl \
    w:ilvl=\"6\"><w:start w:val=\"1\" /><w:numFmt w:val=\"decimal\" /><w:lvlText w:val=\"%7.\" \
    /><w:lvlJc w:val=\"left\" /><w:pPr><w:rPr /><w:ind w:left=\"5040\" w:right=\"0\" \
    w:hanging=\"360\" /></w:pPr><w:rPr /></w:lvl><w:lvl w:ilvl=\"7\"><w:start w:val=\"1\" />\
    <w:numFmt w:val=\"decimal\" /><w:lvlText w:val=\"%8.\" /><w:lvlJc w:val=\"left\" /><w:pPr>\
    <w:rPr /><w:ind w:left=\"5760\" w:right=\"0\" w:hanging=\"360\" /></w:pPr><w:rPr /></w:lvl>\
    <w:lvl w:ilvl=\"8\"><w:start w:val=\"1\" /><w:numFmt w:val=\"decimal\" /><w:lvlText \
    w:val=\"%9.\" /><w:lvlJc w:val=\"left\" /><w:pPr><w:rPr /><w:ind w:left=\"6480\" \
    w:right=\"0\" w:hanging=\"360\" /></w:pPr><w:rPr /></w:lvl></w:abstractNum><w:num \
    w:numId=\"1\"><w:abstractNumId w:val=\"1\" /></w:num><w:num w:numId=\"10\"><w:abstractNumId \
    w:val=\"10\" /></w:num>";

/// `word/document.xml` up to the opening of its body.
pub const DOCUMENT_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document \
    xmlns:o=\"urn:schemas-microsoft-com:office:office\" \
    xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
    xmlns:v=\"urn:schemas-microsoft-com:vml\" \
    xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
    xmlns:w10=\"urn:schemas-microsoft-com:office:word\" \
    xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
    xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" \
    xmlns:wpg=\"http://schemas.microsoft.com/office/word/2010/wordprocessingGroup\" \
    xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" \
    xmlns:wp14=\"http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing\" \
    xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\" \
    xmlns:w15=\"http://schemas.microsoft.com/office/word/2012/wordml\" mc:Ignorable=\"w14 \
    wp14\"><w:body>";

/// `word/document.xml` from the section properties on: A4 (11906 x 16838
/// twips) with margins of 2 cm (1134 twips).
pub const DOCUMENT_TAIL: &str = "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\" /><w:pgMar w:top=\"1134\" w:right=\"1134\" \
    w:bottom=\"1134\" w:left=\"1134\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\" />\
    <w:cols w:space=\"425\" w:num=\"1\" /></w:sectPr></w:body></w:document>";

/// `docProps/core.xml` up to the creation date, which the document's fixed
/// date follows (see [`super::docx::document`]).
pub const CORE_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><cp:coreProperties \
    xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
    xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
    xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" \
    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dcterms:created \
    xsi:type=\"dcterms:W3CDTF\">";
/// `docProps/core.xml` between the creation and the modification date.
pub const CORE_MIDDLE: &str = "</dcterms:created><dc:creator>unknown</dc:creator><cp:lastModifiedBy>\
    unknown</cp:lastModifiedBy><dcterms:modified xsi:type=\"dcterms:W3CDTF\">";
/// `docProps/core.xml` after the modification date.
pub const CORE_TAIL: &str = "</dcterms:modified><cp:revision>1</cp:revision></cp:coreProperties>";
/// `word/_rels/document.xml.rels` up to the numbering part's relationship:
/// styles, fonts, settings, comments; `</Relationships>` closes it.
pub const DOCUMENT_RELS_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships \
    xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship \
    Id=\"rId1\" \
    Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" \
    Target=\"styles.xml\" /><Relationship Id=\"rId2\" \
    Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" \
    Target=\"fontTable.xml\" /><Relationship Id=\"rId3\" \
    Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" \
    Target=\"settings.xml\" /><Relationship Id=\"rId5\" \
    Type=\"http://schemas.microsoft.com/office/2011/relationships/commentsExtended\" \
    Target=\"commentsExtended.xml\" />";
/// The relationship to the numbering part, written only when a paragraph is
/// in a list.
pub const NUMBERING_REL: &str = "<Relationship Id=\"rId7\" \
    Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" \
    Target=\"numbering.xml\" />";
