"""The report as a Word document (python-docx), in bokmål or English.

A4, the sections of :func:`mcda.export.content.build_sections` as headings (their parts as
level-2 headings) with their key message in bold, the charts as PNG pictures with numbered captions, tables with a
repeated header row; wide tables (the decision matrix and the appendix listing every
value's source) on landscape pages.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm, Pt

from ..errors import Lang
from .content import build_sections
from .figures import PX_PER_CM, Pictures, fit
from .report import Bullets, Figure, Paragraph, Report, ReportSection, Table
from .safety import xml_safe
from .texts import cell_text, t, tr

MARGIN_CM = 2.0
PAGE = {False: (Mm(210), Mm(297)), True: (Mm(297), Mm(210))}  # portrait, landscape
NUMERIC = ("int", "score", "value", "percent", "points", "coefficient", "decimal")
TABLE_STYLE = "Light Grid Accent 1"
KEEP_TOGETHER_ROWS = 25  # longer tables may break across pages (their header row repeats)
TABLE_TEXT, TABLE_TEXT_SMALL = "Table text", "Table text small"  # paragraph styles made in _setup
DARK = "1F3B57"  # the header row's text colour
FONT = "Arial"  # Liberation Sans (the charts' font) is metric-compatible where Arial is missing


def to_docx(report: Report, lang: Lang = "nb") -> bytes:
    doc = Document()
    _setup(doc, report, lang)
    counters = {"figure": 0, "table": 0}
    landscape = False
    doc.add_heading(xml_safe(_title(report, lang)), level=0)
    subtitle = doc.add_paragraph()
    subtitle.add_run(
        xml_safe(
            t(
                "report_subtitle",
                lang,
                method=report.method_label(lang),
                weights=report.chosen_weights.name,
                date=report.created_at.date().isoformat(),
            )
        )
    ).italic = True
    sections = build_sections(report, lang)
    pictures = Pictures(_figures(sections), lang)  # rendered while the text and tables are written
    for section in sections:
        if section.landscape != landscape:
            _new_page_section(doc, section.landscape)
            landscape = section.landscape
        _section(doc, section, lang, counters, landscape, pictures)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _title(report: Report, lang: Lang) -> str:
    return t("report_title", lang, name=(report.title or report.problem.info.name).get(lang))


def _setup(doc: Any, report: Report, lang: Lang) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE[False]
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Caption"):
        _set_font(doc.styles[name], FONT)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10.5)
    rpr = normal.element.get_or_add_rPr()
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "nb-NO" if lang == "nb" else "en-GB")
    rpr.append(language)
    _setup_table_styles(doc)
    _remember_style_ids(doc)
    props = doc.core_properties
    props.title = xml_safe(_title(report, lang))
    props.subject = report.method_label(lang)
    props.author = "Prosess21 MCDA"
    props.comments = f"SHA-256 {report.scenario().sha256}"
    props.language = "nb-NO" if lang == "nb" else "en-GB"


def _setup_table_styles(doc: Any) -> None:
    """The paragraph styles of table text: normal and small print, no space around."""
    for name, size in ((TABLE_TEXT, 9), (TABLE_TEXT_SMALL, 7.5)):
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.font.size = Pt(size)
        style.paragraph_format.space_before = Pt(0)
        style.paragraph_format.space_after = Pt(0)


def _remember_style_ids(doc: Any) -> None:
    """Each style name looked up once. python-docx finds a style by name with an XPath search of the
    whole styles part, and another for the default style, for every paragraph, heading and table it
    styles (about 0.4 s of a report's 1.8 s); the styles are final once set up."""
    part = doc.part
    look_up = part.get_style_id
    found: dict[tuple[str, Any], str | None] = {}

    def get_style_id(style_or_name: Any, style_type: Any) -> str | None:
        if not isinstance(style_or_name, str):  # a style object or None, as python-docx takes them
            return look_up(style_or_name, style_type)
        key = (style_or_name, style_type)
        if key not in found:
            found[key] = look_up(style_or_name, style_type)
        return found[key]

    part.get_style_id = get_style_id


def _set_font(style: Any, name: str) -> None:
    style.font.name = name
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), name)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(theme), None)


def _new_page_section(doc: Any, landscape: bool) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE[landscape]
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))


def _text_width_cm(landscape: bool) -> float:
    return (297 if landscape else 210) / 10 - 2 * MARGIN_CM


def _figures(sections: Iterable[ReportSection]) -> Iterator[Figure]:
    """The figures of the document, in order (parts included)."""
    for section in sections:
        yield from (b for b in section.blocks_for("document") if isinstance(b, Figure))
        yield from _figures(section.parts)


def _section(
    doc: Any,
    section: ReportSection,
    lang: Lang,
    counters: dict[str, int],
    landscape: bool,
    pictures: Pictures,
    level: int = 1,
) -> None:
    if section.appendix and section.key != "sources" and not _page_is_fresh(doc):
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_heading(xml_safe(tr(section.title, lang)), level=level)
    if section.message:
        message = doc.add_paragraph()
        message.add_run(xml_safe(tr(section.message, lang))).bold = True
        message.paragraph_format.keep_with_next = True
    _blocks(doc, section, lang, counters, landscape, pictures)
    for part in section.parts:
        _section(doc, part, lang, counters, landscape, pictures, level=min(level + 1, 9))


def _blocks(
    doc: Any, section: ReportSection, lang: Lang, counters: dict[str, int], landscape: bool, pictures: Pictures
) -> None:
    for block in section.blocks_for("document"):
        if isinstance(block, Paragraph):
            p = doc.add_paragraph()
            if block.lead:
                p.add_run(xml_safe(tr(block.lead, lang)) + " ").bold = True
            run = p.add_run(xml_safe(tr(block.text, lang)))
            if block.tone == "note":
                run.italic = True
                run.font.size = Pt(9)
        elif isinstance(block, Bullets):
            if block.intro:
                doc.add_paragraph(xml_safe(tr(block.intro, lang)))
            for item in block.items:
                doc.add_paragraph(xml_safe(tr(item, lang)), style="List Bullet")
        elif isinstance(block, Table):
            counters["table"] += 1
            if block.caption:
                caption = doc.add_paragraph(
                    xml_safe(f"{t('table', lang)} {counters['table']}: {tr(block.caption, lang)}"), style="Caption"
                )
                caption.paragraph_format.keep_with_next = True
            _table(doc, block, lang, _text_width_cm(landscape))
            doc.add_paragraph()
        elif isinstance(block, Figure):
            counters["figure"] += 1
            png = pictures.get(block)
            width, height = fit(png, _text_width_cm(landscape), 21.0 if not landscape else 13.0, PX_PER_CM)
            doc.add_picture(io.BytesIO(png), width=Cm(width), height=Cm(height))
            doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            doc.paragraphs[-1].paragraph_format.keep_with_next = True  # the caption stays with its picture
            doc.add_paragraph(
                xml_safe(f"{t('figure', lang)} {counters['figure']}: {tr(block.caption, lang)}"), style="Caption"
            )


def _table(doc: Any, block: Table, lang: Lang, width_cm: float) -> None:
    """The table with a repeated header row; its rows are written as one piece of XML and parsed
    once (python-docx's cell-by-cell API costs about ten times as much for the same elements)."""
    n = len(block.columns)
    weights = list(block.widths) if len(block.widths) == n else [1.0] * n
    widths = [Cm(width_cm * w / sum(weights)) for w in weights]
    table = doc.add_table(rows=0, cols=n)
    table.style = TABLE_STYLE
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _look(table)
    for column, width in zip(table.columns, widths):
        column.width = width
    text_style = doc.part.get_style_id(TABLE_TEXT_SMALL if block.small else TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
    cell = _CellXml(text_style, [w.twips for w in widths])
    rows = [cell.row([tr(heading, lang) for heading in block.columns], header=True)]
    keep_rows = min(len(block.rows), KEEP_TOGETHER_ROWS) - 1  # short tables stay on one page
    for i in range(len(block.rows)):
        texts, right = [], []
        for j in range(n):
            value, fmt = block.cell(i, j)
            numeric = fmt in NUMERIC or (fmt == "text" and isinstance(value, (int, float)))
            texts.append(cell_text(value, fmt, lang))
            right.append(numeric and value is not None)
        rows.append(cell.row(texts, keep=i < keep_rows, right=right))
    table._tbl.extend(parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(rows)}</w:tbl>"))


class _CellXml:
    """The XML of a table's rows as python-docx writes them: each cell with its width, one paragraph
    in the table text style, one run (bold and dark in the header row); a tab in the text becomes
    w:tab, a line break w:br."""

    HEADER_RUN = f'<w:rPr><w:b/><w:color w:val="{DARK}"/></w:rPr>'

    def __init__(self, style_id: str, twips: list[int]):
        self.style = f"<w:pStyle w:val={quoteattr(style_id)}/>"
        self.twips = twips

    def row(self, texts: list[str], header: bool = False, keep: bool = True, right: list[bool] | None = None) -> str:
        flags = '<w:tblHeader w:val="true"/><w:cantSplit w:val="true"/>' if header else '<w:cantSplit w:val="true"/>'
        cells = "".join(
            self._cell(text, twips, keep or header, bool(right and right[j]), header)
            for j, (text, twips) in enumerate(zip(texts, self.twips, strict=True))
        )
        return f"<w:tr><w:trPr>{flags}</w:trPr>{cells}</w:tr>"

    def _cell(self, text: str, twips: int, keep: bool, right: bool, bold: bool) -> str:
        paragraph = self.style + ("<w:keepNext/>" if keep else "") + ('<w:jc w:val="right"/>' if right else "")
        run = (self.HEADER_RUN if bold else "") + _run_content(xml_safe(text))
        return (
            f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{twips}"/></w:tcPr>'
            f"<w:p><w:pPr>{paragraph}</w:pPr><w:r>{run}</w:r></w:p></w:tc>"
        )


def _run_content(text: str) -> str:
    """A run's content as python-docx writes ``run.text``: w:t pieces (space kept where it leads or
    trails), w:tab for a tab, w:br for a line break."""
    parts = []
    for k, line in enumerate(text.split("\n")):
        if k:
            parts.append("<w:br/>")
        for m, piece in enumerate(line.split("\t")):
            if m:
                parts.append("<w:tab/>")
            if piece:
                space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
                parts.append(f"<w:t{space}>{escape(piece)}</w:t>")
    return "".join(parts)


def _look(table: Any) -> None:
    """Style the header row only: no bold first column, no banded columns."""
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        table._tbl.tblPr.append(look)
    for name, value in (
        ("firstRow", "1"),
        ("lastRow", "0"),
        ("firstColumn", "0"),
        ("lastColumn", "0"),
        ("noHBand", "0"),
        ("noVBand", "1"),
    ):
        look.set(qn(f"w:{name}"), value)
    look.set(qn("w:val"), "0420")  # the same as a bit mask: firstRow | noVBand


def _page_is_fresh(doc: Any) -> bool:
    """Whether the last thing in the body is a section break (a new page has just begun)."""
    body = doc.element.body
    last = body[-2] if len(body) > 1 else None  # body[-1] is the final sectPr
    return last is not None and last.tag == qn("w:p") and last.find(qn("w:pPr") + "/" + qn("w:sectPr")) is not None
