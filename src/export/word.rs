//! A small WordprocessingML writer for the office's documents (the report draft, the review
//! letter), written here rather than through a general library so that every element is where
//! the schema (ECMA-376, transitional) puts it and the page is what GB/T 9704-2012 asks:
//!
//! - A4, margins top 37 mm, bottom 35, left 28, right 26: a 156 × 225 mm text block;
//! - 22 lines a page (a lines-only document grid, line pitch 28.95 pt) and 28 characters a line (the
//!   body's characters tightened by 0.25 pt, so 28 fill the 156 mm line in Word, WPS and
//!   LibreOffice alike: LibreOffice lays a linesAndChars grid with a negative charSpace out at 27);
//! - body 仿宋_GB2312 三号 (16 pt), 一、 headings 黑体, （一） headings 楷体_GB2312, as styles
//!   "heading 1"/"heading 2" with outline levels, so the navigation pane and a 目录 see them;
//! - page numbers 4号 (14 pt) 半角 宋体 between one-character dashes, odd pages right and even pages
//!   left, one character in, the dash line 7 mm below the text block (odd and even footers);
//! - fonts listed with their common alternates (仿宋_GB2312 → 仿宋), so a machine without the
//!   GB2312 fonts substitutes the Chinese face rather than a Latin one;
//! - table header rows repeated on a new page, rows never split across pages, a short table kept on
//!   one page where asked, figure columns wide enough for five digits;
//! - core properties naming the compiling office and the date; every part referenced, every
//!   reference a part, every part with its content type.

pub use super::lines::{line_width, title_lines};
use super::ExportError;
use std::fmt::Write as _;
use std::io::Write as _;

/// Page geometry in twips (1/20 pt; 1 mm = 56.7 twips).
pub const PAGE_W: u32 = 11906;
pub const PAGE_H: u32 = 16838;
pub const MARGIN_TOP: u32 = 2098;
pub const MARGIN_BOTTOM: u32 = 1984;
pub const MARGIN_LEFT: u32 = 1587;
pub const MARGIN_RIGHT: u32 = 1474;
/// The text block's width: 156 mm.
pub const TEXT_WIDTH: u32 = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT;
/// 22 lines in the 225 mm text block.
pub const LINE_PITCH: u32 = 579;
/// The page number's line: 4号 (14 pt), exact height.
pub const FOOTER_LINE: u32 = 280;
/// 7 mm between the text block and the top of the page number's line.
pub const FOOTER_GAP: u32 = 397;
/// Word's footer distance is from the page's edge to the footer's last line: put that line's top
/// 7 mm below the text block.
pub const FOOTER_DISTANCE: u32 = MARGIN_BOTTOM - FOOTER_GAP - FOOTER_LINE;
/// One character of body text (16 pt): the indent of page numbers and of a paragraph's first line.
pub const ONE_CHAR: u32 = 320;
/// Character spacing of all text, in twips: −0.25 pt brings 16 pt characters to a 15.75 pt pitch,
/// 28 to the 156 mm line (the character grid's pitch is 15.79 pt).
pub const CHAR_TIGHTEN: i32 = -5;
/// Cell margins of tables (left and right), kept small so five digits fit the narrow columns.
const CELL_MARGIN: u32 = 40;

pub const BODY_FONT: &str = "仿宋_GB2312";
pub const TITLE_FONT: &str = "方正小标宋简体";
pub const HEI: &str = "黑体";
pub const KAI: &str = "楷体_GB2312";
pub const SONG: &str = "宋体";

/// Fonts named in the documents and what a machine without them should use.
pub const FONT_ALTERNATES: &[(&str, &str)] =
    &[(BODY_FONT, "仿宋"), (KAI, "楷体"), (TITLE_FONT, "华文中宋"), (HEI, "SimHei"), (SONG, "SimSun")];

/// Paragraph styles (their ids in styles.xml).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// The title: 方正小标宋简体 二号, centred, one blank line after.
    Title,
    /// Body text: 仿宋_GB2312 三号, justified, two characters' first-line indent.
    Body,
    /// 一、 headings (黑体), outline level 1.
    Heading1,
    /// （一） headings (楷体_GB2312), outline level 2.
    Heading2,
    /// Body text without the first-line indent (a salutation, a signature).
    Plain,
    /// A note under a table: 仿宋 四号, no indent.
    Note,
}

impl Style {
    fn id(self) -> &'static str {
        match self {
            Style::Title => "Title",
            Style::Body => "Normal",
            Style::Heading1 => "Heading1",
            Style::Heading2 => "Heading2",
            Style::Plain => "NoIndent",
            Style::Note => "TableNote",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
    Both,
}

impl Align {
    fn val(self) -> &'static str {
        match self {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
            Align::Both => "both",
        }
    }
}

/// A run of text with the few looks the documents use.
#[derive(Debug, Clone, Default)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    /// "C00000" for the red markers.
    pub color: Option<&'static str>,
    /// Half-points, where not the style's size.
    pub size: Option<u32>,
}

impl Run {
    pub fn new(text: &str) -> Run {
        Run { text: text.to_string(), ..Default::default() }
    }
}

/// A cell of a table: text, how many grid columns it spans, and its vertical merge.
#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    pub span: u32,
    pub merge: Merge,
    pub bold: bool,
    pub align: Align,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merge {
    None,
    /// The first cell of a vertical merge.
    Restart,
    /// Covered by the cell above.
    Continue,
}

/// A table: column widths in twips, rows of cells, how many rows at the top are its header
/// (repeated on each page), and whether it is short enough to keep on one page.
#[derive(Debug, Clone)]
pub struct TableSpec {
    pub grid: Vec<u32>,
    pub rows: Vec<Vec<Cell>>,
    pub header_rows: usize,
    pub keep_together: bool,
    /// A table of blocks each with its own header (表二): a block's rows keep together, so a page
    /// breaks only before a block's header, never under another block's repeated header.
    pub keep_blocks: bool,
    /// Half-points.
    pub size: u32,
}

/// A document being written: its body, and what its properties say.
pub struct Doc {
    body: String,
    title: String,
    author: String,
    tables: usize,
    /// Pictures (PNG bytes), in word/media/ as imageN.png.
    media: Vec<Vec<u8>>,
}

/// A PNG's size in pixels, from its header; None for anything that is not a PNG.
pub fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.len() < 24 || !bytes.starts_with(b"\x89PNG\r\n\x1a\n") || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let be = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    let (w, h) = (be(16), be(20));
    (w > 0 && h > 0 && w <= 20_000 && h <= 20_000).then_some((w, h))
}

/// XML text: escaped, and without characters that have no place in XML 1.0 or could reorder or
/// hide a line (control, bidirectional and invisible format characters).
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in crate::text::strip_invisible(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' | '\r' | '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Run properties in schema order: rFonts, b, color, sz.
fn rpr(font: Option<&str>, bold: bool, color: Option<&str>, size: Option<u32>) -> String {
    let mut s = String::new();
    if let Some(f) = font {
        let f = esc(f);
        let _ = write!(s, r#"<w:rFonts w:ascii="{f}" w:eastAsia="{f}" w:hAnsi="{f}" w:cs="{f}"/>"#);
    }
    if bold {
        s.push_str("<w:b/><w:bCs/>");
    }
    if let Some(c) = color {
        let _ = write!(s, r#"<w:color w:val="{c}"/>"#);
    }
    if let Some(z) = size {
        let _ = write!(s, r#"<w:sz w:val="{z}"/><w:szCs w:val="{z}"/>"#);
    }
    if s.is_empty() {
        s
    } else {
        format!("<w:rPr>{s}</w:rPr>")
    }
}

fn run_xml(r: &Run) -> String {
    format!(r#"<w:r>{}<w:t xml:space="preserve">{}</w:t></w:r>"#, rpr(None, r.bold, r.color, r.size), esc(&r.text))
}

impl Doc {
    /// A new document; `title` and `author` go into its properties (the author is the office).
    pub fn new(title: &str, author: &str) -> Doc {
        Doc { body: String::new(), title: title.to_string(), author: author.to_string(), tables: 0, media: Vec::new() }
    }

    /// A paragraph of one style with runs; `align` overrides the style's alignment.
    pub fn runs(&mut self, style: Style, runs: &[Run], align: Option<Align>, keep_next: bool) {
        let mut ppr = format!(r#"<w:pStyle w:val="{}"/>"#, style.id());
        if keep_next {
            ppr.push_str("<w:keepNext/>");
        }
        if let Some(a) = align {
            let _ = write!(ppr, r#"<w:jc w:val="{}"/>"#, a.val());
        }
        let _ = write!(self.body, "<w:p><w:pPr>{ppr}</w:pPr>");
        for r in runs {
            self.body.push_str(&run_xml(r));
        }
        self.body.push_str("</w:p>");
    }

    pub fn para(&mut self, style: Style, text: &str) {
        self.runs(style, &[Run::new(text)], None, false);
    }

    /// How many times the body holds a text (a marker the draft counts).
    pub fn occurrences(&self, s: &str) -> usize {
        self.body.matches(&esc(s)).count()
    }

    /// A blank line of body text.
    pub fn blank(&mut self) {
        self.runs(Style::Plain, &[], None, false);
    }

    /// The title, broken into `lines` (see [`title_lines`]) within one paragraph.
    pub fn title(&mut self, lines: &[String]) {
        let _ = write!(self.body, r#"<w:p><w:pPr><w:pStyle w:val="{}"/></w:pPr>"#, Style::Title.id());
        for (i, l) in lines.iter().enumerate() {
            if i > 0 {
                self.body.push_str("<w:r><w:br/></w:r>");
            }
            self.body.push_str(&run_xml(&Run::new(l)));
        }
        self.body.push_str("</w:p>");
    }

    /// The 落款 (GB/T 9704-2012, 7.3.5.2): a blank line after the body, the issuer's name, the date
    /// (成文日期) on the line under it four characters in from the right, the name centred on the
    /// date. With no date, a red 【待填写：成文日期】 stands in its place.
    pub fn signature(&mut self, name: &str, date: Option<&str>) {
        let date_text = date.map(str::to_string).unwrap_or_else(|| "【待填写：成文日期】".to_string());
        let date_right = 4 * ONE_CHAR as i64;
        let half_gap = (line_width(&date_text) - line_width(name)) / 2.0;
        let name_right = (date_right + (half_gap * ONE_CHAR as f64) as i64).max(0);
        // GB/T 9704 7.3.5: the 落款 never stands alone on a page — the body's last paragraph, the
        // blank line and the name keep with the date.
        self.keep_last_with_next();
        self.runs(Style::Plain, &[], None, true);
        let line = |doc: &mut Doc, right: i64, run: Run, keep: &str| {
            let _ = write!(
                doc.body,
                r#"<w:p><w:pPr><w:pStyle w:val="{}"/>{keep}<w:ind w:right="{right}" w:firstLine="0"/><w:jc w:val="right"/></w:pPr>{}</w:p>"#,
                Style::Plain.id(),
                run_xml(&run)
            );
        };
        line(self, name_right, Run::new(name), "<w:keepNext/>");
        let date_run = match date {
            Some(d) => Run::new(d),
            None => Run { text: date_text.clone(), bold: true, color: Some("C00000"), size: None },
        };
        line(self, date_right, date_run, "");
    }

    /// The last paragraph written keeps with the next (its pStyle first, as the schema orders).
    fn keep_last_with_next(&mut self) {
        let Some(at) = self.body.rfind("<w:p><w:pPr>") else { return };
        let ppr = at + "<w:p><w:pPr>".len();
        let end = self.body[ppr..].find("</w:pPr>").map_or(ppr, |e| ppr + e);
        if self.body[ppr..end].contains("<w:keepNext/>") {
            return;
        }
        let insert = match self.body[ppr..end].strip_prefix("<w:pStyle") {
            Some(rest) => ppr + "<w:pStyle".len() + rest.find("/>").map_or(0, |e| e + 2),
            None => ppr,
        };
        self.body.insert_str(insert, "<w:keepNext/>");
    }

    /// Pictures side by side in one centred paragraph, each `width_mm` wide at its own aspect.
    /// Returns false (and adds nothing) when one is not a PNG.
    pub fn pictures(&mut self, pngs: &[Vec<u8>], width_mm: f64) -> bool {
        let sizes: Option<Vec<(u32, u32)>> = pngs.iter().map(|p| png_size(p)).collect();
        let Some(sizes) = sizes else { return false };
        self.body.push_str(r#"<w:p><w:pPr><w:pStyle w:val="NoIndent"/><w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr>"#);
        for (png, (w, h)) in pngs.iter().zip(sizes) {
            self.media.push(png.clone());
            let n = self.media.len();
            // EMU: 36,000 a millimetre.
            let cx = (width_mm * 36_000.0) as u64;
            let cy = cx * h as u64 / w as u64;
            let _ = write!(
                self.body,
                concat!(
                    r#"<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>"#,
                    r#"<wp:docPr id="{n}" name="图{n}"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">"#,
                    r#"<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">"#,
                    r#"<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">"#,
                    r#"<pic:nvPicPr><pic:cNvPr id="{n}" name="image{n}.png"/><pic:cNvPicPr/></pic:nvPicPr>"#,
                    r#"<pic:blipFill><a:blip r:embed="rIdImage{n}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"#,
                    r#"<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>"#,
                    r#"<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>"#,
                    r#"</wp:inline></w:drawing></w:r>"#
                ),
                cx = cx,
                cy = cy,
                n = n
            );
        }
        self.body.push_str("</w:p>");
        true
    }

    /// An attachment's first lines (GB/T 9704-2012, 8.2): on a new page (the "附件" line breaks the
    /// page before it, so no empty line is left at the page's top), "附件" (with its number where
    /// there are several) flush left in 黑体 on the first line, its title centred on the third.
    pub fn attachment(&mut self, number: Option<usize>, title: &str) {
        let label = match number {
            Some(n) => format!("附件{n}"),
            None => "附件".to_string(),
        };
        let _ = write!(
            self.body,
            r#"<w:p><w:pPr><w:pStyle w:val="NoIndent"/><w:pageBreakBefore/></w:pPr><w:r>{}<w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
            rpr(Some(HEI), false, None, None),
            esc(&label)
        );
        self.runs(Style::Plain, &[], None, true);
        self.title(&title_lines(&[title], 20.0));
    }

    /// A red, bold marker in body text where the office still has work.
    pub fn marker(&mut self, text: &str) {
        self.runs(
            Style::Body,
            &[Run { text: text.to_string(), bold: true, color: Some("C00000"), size: None }],
            None,
            false,
        );
    }

    pub fn table(&mut self, t: &TableSpec) {
        self.tables += 1;
        let width: u32 = t.grid.iter().sum();
        let _ = write!(
            self.body,
            concat!(
                r#"<w:tbl><w:tblPr><w:tblW w:w="{}" w:type="dxa"/><w:jc w:val="center"/>"#,
                r#"<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#,
                r#"<w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#,
                r#"<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#,
                r#"<w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#,
                r#"<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#,
                r#"<w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders>"#,
                r#"<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="{m}" w:type="dxa"/>"#,
                r#"<w:right w:w="{m}" w:type="dxa"/></w:tblCellMar>"#,
                r#"<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="0"/>"#,
                r#"</w:tblPr><w:tblGrid>"#
            ),
            width,
            m = CELL_MARGIN
        );
        for w in &t.grid {
            let _ = write!(self.body, r#"<w:gridCol w:w="{w}"/>"#);
        }
        self.body.push_str("</w:tblGrid>");
        let last = t.rows.len().saturating_sub(1);
        let heads_a_block =
            |i: usize| t.rows.get(i).and_then(|r| r.first()).is_some_and(|c| c.bold && !c.text.is_empty());
        for (i, row) in t.rows.iter().enumerate() {
            // A short table stays on one page, a block with its header: each row keeps with the next.
            // (A block's header rows keep together and with its first row.)
            let keep_row =
                i < last && (t.keep_together || (t.keep_blocks && (heads_a_block(i) || !heads_a_block(i + 1))));
            // Rows never split; header rows repeat on each page.
            let header = if i < t.header_rows { "<w:tblHeader/>" } else { "" };
            let _ = write!(self.body, "<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>");
            let mut col = 0usize;
            for c in row {
                let span = c.span.max(1) as usize;
                let w: u32 = t.grid[col.min(t.grid.len() - 1)..(col + span).min(t.grid.len())].iter().sum();
                col += span;
                let mut tcpr = format!(r#"<w:tcW w:w="{w}" w:type="dxa"/>"#);
                if span > 1 {
                    let _ = write!(tcpr, r#"<w:gridSpan w:val="{span}"/>"#);
                }
                match c.merge {
                    Merge::Restart => tcpr.push_str(r#"<w:vMerge w:val="restart"/>"#),
                    Merge::Continue => tcpr.push_str("<w:vMerge/>"),
                    Merge::None => {}
                }
                tcpr.push_str(r#"<w:vAlign w:val="center"/>"#);
                let keep = if keep_row { "<w:keepNext/><w:keepLines/>" } else { "" };
                let text = if c.merge == Merge::Continue {
                    String::new()
                } else {
                    run_xml(&Run { text: c.text.clone(), bold: c.bold, color: None, size: Some(t.size) })
                };
                let _ = write!(
                    self.body,
                    r#"<w:tc><w:tcPr>{tcpr}</w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/>{keep}<w:jc w:val="{}"/></w:pPr>{text}</w:p></w:tc>"#,
                    c.align.val()
                );
            }
            self.body.push_str("</w:tr>");
        }
        self.body.push_str("</w:tbl>");
    }

    /// The finished package.
    pub fn finish(self) -> Result<Vec<u8>, ExportError> {
        let sect = format!(
            concat!(
                r#"<w:sectPr><w:footerReference w:type="default" r:id="rIdFooterOdd"/>"#,
                r#"<w:footerReference w:type="even" r:id="rIdFooterEven"/>"#,
                r#"<w:pgSz w:w="{}" w:h="{}"/>"#,
                r#"<w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="851" w:footer="{}" w:gutter="0"/>"#,
                r#"<w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="{}"/></w:sectPr>"#
            ),
            PAGE_W, PAGE_H, MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_LEFT, FOOTER_DISTANCE, LINE_PITCH
        );
        let document = format!(
            r#"{XML_HEAD}<w:document xmlns:w="{W}" xmlns:r="{R}" xmlns:wp="{WP}"><w:body>{}{sect}</w:body></w:document>"#,
            self.body
        );
        let now = now_w3cdtf();
        let core = format!(
            concat!(
                r#"{}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
                r#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#,
                r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
                r#"<dc:title>{}</dc:title><dc:creator>{}</dc:creator><cp:lastModifiedBy>{}</cp:lastModifiedBy>"#,
                r#"<dcterms:created xsi:type="dcterms:W3CDTF">{}</dcterms:created>"#,
                r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{}</dcterms:modified></cp:coreProperties>"#
            ),
            XML_HEAD,
            esc(&self.title),
            esc(&self.author),
            esc(&self.author),
            now,
            now
        );
        let app = format!(
            r#"{XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>nianbao 年报工作台</Application><Company>{}</Company></Properties>"#,
            esc(&self.author)
        );
        let parts: Vec<(&str, String)> = vec![
            ("[Content_Types].xml", CONTENT_TYPES.to_string()),
            ("_rels/.rels", ROOT_RELS.to_string()),
            ("docProps/core.xml", core),
            ("docProps/app.xml", app),
            ("word/document.xml", document),
            ("word/_rels/document.xml.rels", document_rels(self.media.len())),
            ("word/styles.xml", styles()),
            ("word/settings.xml", SETTINGS.to_string()),
            ("word/fontTable.xml", font_table()),
            ("word/footer1.xml", footer(Align::Right)),
            ("word/footer2.xml", footer(Align::Left)),
        ];
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, text) in parts {
            zip.start_file(name, opts).map_err(|e| ExportError::Docx(e.to_string()))?;
            zip.write_all(text.as_bytes()).map_err(|e| ExportError::Docx(e.to_string()))?;
        }
        for (i, png) in self.media.iter().enumerate() {
            zip.start_file(format!("word/media/image{}.png", i + 1), opts)
                .map_err(|e| ExportError::Docx(e.to_string()))?;
            zip.write_all(png).map_err(|e| ExportError::Docx(e.to_string()))?;
        }
        Ok(zip.finish().map_err(|e| ExportError::Docx(e.to_string()))?.into_inner())
    }
}

const XML_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WP: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";

const CONTENT_TYPES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
    r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
    r#"<Default Extension="xml" ContentType="application/xml"/>"#,
    r#"<Default Extension="png" ContentType="image/png"/>"#,
    r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
    r#"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#,
    r#"<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>"#,
    r#"<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>"#,
    r#"<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>"#,
    r#"<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>"#,
    r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#,
    r#"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#,
    r#"</Types>"#
);

const ROOT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#,
    r#"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>"#,
    r#"</Relationships>"#
);

/// The document's relationships: its parts, and each picture in word/media/.
fn document_rels(pictures: usize) -> String {
    let mut s = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
        r#"<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
        r#"<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>"#,
        r#"<Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>"#,
        r#"<Relationship Id="rIdFooterOdd" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>"#,
        r#"<Relationship Id="rIdFooterEven" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/>"#,
    ));
    for n in 1..=pictures {
        let _ = write!(
            s,
            r#"<Relationship Id="rIdImage{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image{n}.png"/>"#
        );
    }
    s.push_str("</Relationships>");
    s
}

/// Settings in schema order; evenAndOddHeaders turns on the even pages' footer.
const SETTINGS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    r#"<w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/>"#,
    r#"<w:characterSpacingControl w:val="compressPunctuation"/>"#,
    r#"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>"#,
    r#"</w:settings>"#
);

fn font_table() -> String {
    let mut s = format!(r#"{XML_HEAD}<w:fonts xmlns:w="{W}">"#);
    for (name, alt) in FONT_ALTERNATES {
        let _ = write!(
            s,
            r#"<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/><w:family w:val="{}"/><w:pitch w:val="variable"/></w:font>"#,
            if *name == HEI { "modern" } else { "roman" }
        );
    }
    s.push_str(r#"<w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>"#);
    s.push_str("</w:fonts>");
    s
}

/// The styles: names Word and WPS know ("heading 1"), outline levels, schema order
/// (name, basedOn, next, uiPriority, qFormat, pPr, rPr).
/// The styles. Every paragraph allows punctuation past the line's end (w:overflowPunct, in the
/// defaults): Word and WPS hang a ，、；。 that follows a full line of 28 characters in the margin, as
/// they do by default; LibreOffice draws no such mark unless this is said in the defaults (measured:
/// 8 of 466 marks lost in a county draft without it, none with it) and moves the line's last
/// character down with its mark instead.
fn styles() -> String {
    let spacing = format!(r#"<w:spacing w:line="{LINE_PITCH}" w:lineRule="exact"/>"#);
    let indent = format!(r#"<w:ind w:firstLine="{}"/>"#, 2 * ONE_CHAR);
    let no_indent = r#"<w:ind w:firstLine="0"/>"#;
    let mut s = format!(r#"{XML_HEAD}<w:styles xmlns:w="{W}">"#);
    let _ = write!(
        s,
        r#"<w:docDefaults><w:rPrDefault><w:rPr>{}<w:spacing w:val="{CHAR_TIGHTEN}"/><w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:overflowPunct w:val="1"/>{spacing}</w:pPr></w:pPrDefault></w:docDefaults>"#,
        rpr_fonts(BODY_FONT)
    );
    let mut style = |id: &str, name: &str, extra: &str, ppr: String, rpr: String| {
        let _ = write!(
            s,
            r#"<w:style w:type="paragraph"{} w:styleId="{id}"><w:name w:val="{name}"/>{extra}<w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"#,
            if id == "Normal" { r#" w:default="1""# } else { "" }
        );
    };
    // Body text does not snap to the character grid: the grid is declared for Word's page setup
    // (22 × 28), and the 28 characters come from the tightened pitch, which every program
    // honours (LibreOffice spreads characters out when they snap to a grid with a negative
    // charSpace).
    style(
        "Normal",
        "Normal",
        "",
        format!(r#"<w:snapToGrid w:val="0"/>{spacing}{indent}<w:jc w:val="both"/>"#),
        rpr_fonts(BODY_FONT),
    );
    style(
        "Title",
        "Title",
        r#"<w:basedOn w:val="Normal"/><w:next w:val="Normal"/>"#,
        format!(
            r#"<w:spacing w:after="{LINE_PITCH}" w:line="{LINE_PITCH}" w:lineRule="exact"/>{no_indent}<w:jc w:val="center"/>"#
        ),
        format!(r#"{}<w:sz w:val="44"/><w:szCs w:val="44"/>"#, rpr_fonts(TITLE_FONT)),
    );
    // 一、 headings in 黑体 at outline level 1, （一） headings in 楷体 at level 2.
    for (level, font) in [(1, HEI), (2, KAI)] {
        style(
            &format!("Heading{level}"),
            &format!("heading {level}"),
            r#"<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/>"#,
            format!(r#"<w:keepNext/><w:jc w:val="left"/><w:outlineLvl w:val="{}"/>"#, level - 1),
            rpr_fonts(font),
        );
    }
    style("NoIndent", "Body Text No Indent", r#"<w:basedOn w:val="Normal"/>"#, no_indent.to_string(), String::new());
    style(
        "TableNote",
        "Table Note",
        r#"<w:basedOn w:val="Normal"/>"#,
        format!(r#"<w:spacing w:line="400" w:lineRule="exact"/>{no_indent}"#),
        r#"<w:sz w:val="28"/><w:szCs w:val="28"/>"#.to_string(),
    );
    style(
        "TableText",
        "Table Text",
        r#"<w:basedOn w:val="Normal"/>"#,
        format!(r#"<w:snapToGrid w:val="0"/><w:spacing w:line="240" w:lineRule="auto"/>{no_indent}"#),
        r#"<w:sz w:val="21"/><w:szCs w:val="21"/>"#.to_string(),
    );
    style(
        "Footer",
        "footer",
        r#"<w:basedOn w:val="Normal"/>"#,
        format!(r#"<w:snapToGrid w:val="0"/><w:spacing w:line="{FOOTER_LINE}" w:lineRule="exact"/>{no_indent}"#),
        format!(r#"{}<w:sz w:val="28"/><w:szCs w:val="28"/>"#, rpr_fonts(SONG)),
    );
    s.push_str("</w:styles>");
    s
}

fn rpr_fonts(f: &str) -> String {
    format!(r#"<w:rFonts w:ascii="{f}" w:eastAsia="{f}" w:hAnsi="{f}" w:cs="{f}"/>"#)
}

/// "— 1 —" with the PAGE field: odd pages flush right, even pages flush left, one character in.
fn footer(align: Align) -> String {
    let ind = match align {
        Align::Right => format!(r#"<w:ind w:right="{ONE_CHAR}" w:firstLine="0"/>"#),
        _ => format!(r#"<w:ind w:left="{ONE_CHAR}" w:firstLine="0"/>"#),
    };
    let t = |s: &str| format!(r#"<w:r><w:t xml:space="preserve">{s}</w:t></w:r>"#);
    format!(
        concat!(
            r#"{}<w:ftr xmlns:w="{}"><w:p><w:pPr><w:pStyle w:val="Footer"/>{}<w:jc w:val="{}"/></w:pPr>"#,
            r#"{}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>"#,
            r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r>{}<w:r><w:fldChar w:fldCharType="end"/></w:r>{}</w:p></w:ftr>"#
        ),
        XML_HEAD,
        W,
        ind,
        align.val(),
        t("— "),
        t("1"),
        t(" —")
    )
}

/// The current time as W3CDTF (UTC), for the document's properties.
fn now_w3cdtf() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_footer_sits_seven_millimetres_below_the_text_block() {
        let top_of_number = FOOTER_DISTANCE + FOOTER_LINE;
        let gap_mm = (MARGIN_BOTTOM - top_of_number) as f64 / 56.7;
        assert!((gap_mm - 7.0).abs() < 0.1, "{gap_mm}");
        assert_eq!(TEXT_WIDTH, 8845);
        // 28 characters of the 16 pt body tightened by 0.25 pt fill the line.
        let char_pitch_pt = 16.0 + CHAR_TIGHTEN as f64 / 20.0;
        assert_eq!((TEXT_WIDTH as f64 / 20.0 / char_pitch_pt).floor(), 28.0);
    }
}
