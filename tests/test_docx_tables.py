"""Word tables are written as one piece of XML; it must be the XML python-docx's own cell API writes.

The reference below fills the same table cell by cell through python-docx (as the exporter did
before): width, table text style, right alignment of numbers, keep-with-next, a bold dark header
row repeated on every page, rows that never split. Both tables must be the same canonical XML,
for text with tabs, line breaks, leading and trailing spaces, XML's special characters, control
characters, Norwegian letters, empty cells and numbers.
"""

from __future__ import annotations

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, RGBColor
from lxml import etree

from mcda.export import docx_export
from mcda.export.report import LocalizedText, Number, Table
from mcda.export.safety import xml_safe
from mcda.export.texts import cell_text, tr

HOSTILE = [
    "tab\there",
    "two\nlines",
    " leading space",
    "trailing space ",
    "<b>&amp; \"quoted\" 'single'</b>",
    "bell\x07 and form feed\x0c",
    "Blåbær og ærfugl på Ørland",
    "",
    "\t",
    "\n\nblank lines first",
]


def _reference_table(doc, block: Table, lang: str, width_cm: float) -> None:
    """The table through python-docx's cell API, cell by cell."""
    n = len(block.columns)
    weights = list(block.widths) if len(block.widths) == n else [1.0] * n
    widths = [Cm(width_cm * w / sum(weights)) for w in weights]
    table = doc.add_table(rows=1, cols=n)
    table.style = doc.styles[docx_export.TABLE_STYLE]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    docx_export._look(table)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    style = doc.styles[docx_export.TABLE_TEXT_SMALL if block.small else docx_export.TABLE_TEXT]

    def flags(row, *names: str) -> None:
        tr_pr = row._tr.get_or_add_trPr()
        for name in names:
            flag = OxmlElement(name)
            flag.set(qn("w:val"), "true")
            tr_pr.append(flag)

    def fill(cell, text: str, width, bold: bool = False, right: bool = False) -> None:
        cell.width = width
        paragraph = cell.paragraphs[0]
        paragraph.style = style
        if right:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = paragraph.add_run(xml_safe(text))
        if bold:
            run.bold = True
            run.font.color.rgb = RGBColor(0x1F, 0x3B, 0x57)

    header = table.rows[0]
    flags(header, "w:tblHeader", "w:cantSplit")
    for j, heading in enumerate(block.columns):
        fill(header.cells[j], tr(heading, lang), widths[j], bold=True)
        header.cells[j].paragraphs[0].paragraph_format.keep_with_next = True
    for i in range(len(block.rows)):
        row = table.add_row()
        flags(row, "w:cantSplit")
        for j in range(n):
            value, fmt = block.cell(i, j)
            numeric = fmt in docx_export.NUMERIC or (fmt == "text" and isinstance(value, (int, float)))
            fill(row.cells[j], cell_text(value, fmt, lang), widths[j], right=numeric and value is not None)
            if i < min(len(block.rows), docx_export.KEEP_TOGETHER_ROWS) - 1:
                row.cells[j].paragraphs[0].paragraph_format.keep_with_next = True


def _tables_xml(block: Table, writer) -> list[bytes]:
    doc = Document()
    docx_export._setup_table_styles(doc)
    writer(doc, block, "nb", 17.0)
    return [etree.tostring(t._tbl, method="c14n") for t in doc.tables]


def _block(rows: int, small: bool = False) -> Table:
    texts = [HOSTILE[i % len(HOSTILE)] for i in range(rows)]
    return Table(
        key="hostile",
        columns=("Tekst «A»", LocalizedText(nb="Tall\tnb", en="Number"), "Andel", "Blandet", "Tom"),
        rows=tuple(
            (
                text,
                i * 1.5 - 3,
                None if i % 4 == 0 else i / 10,
                Number(value=i, format="int") if i % 2 else text.upper(),
                None,
            )
            for i, text in enumerate(texts)
        ),
        formats=("text", "score", "percent", "text", "text"),
        widths=(3, 1, 1, 2, 1),
        small=small,
    )


def test_a_short_table_is_the_xml_python_docx_writes_cell_by_cell() -> None:
    block = _block(len(HOSTILE))
    assert _tables_xml(block, docx_export._table) == _tables_xml(block, _reference_table)


def test_a_long_small_print_table_is_the_xml_python_docx_writes_cell_by_cell() -> None:
    block = _block(docx_export.KEEP_TOGETHER_ROWS + 7, small=True)  # rows past the keep-together limit
    written = _tables_xml(block, docx_export._table)
    assert written == _tables_xml(block, _reference_table)
    assert written[0].count(b"<w:tr>") == len(block.rows) + 1


def test_a_table_without_rows_has_its_header_row() -> None:
    block = Table(key="empty", columns=("A", "B"), rows=())
    written = _tables_xml(block, docx_export._table)
    assert written == _tables_xml(block, _reference_table)
    assert written[0].count(b"<w:tblHeader") == 1
