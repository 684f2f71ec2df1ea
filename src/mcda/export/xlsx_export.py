"""The report as an Excel workbook: one tab per part, numbers as numbers, no formulas.

Tabs (bokmål / English): Rangering / Ranking (places, scores and each criterion's
contribution), Vekter / Weights (the weight set, the weights used, how they were obtained,
the pairwise judgments), Beslutningsmatrise / Decision matrix (every value, coloured by
its kind, with its source in the cell comment), Verdier og kilder / Values and sources
(one row per value with its provenance), Kilder / Sources (the bibliography) and Metode /
Method; then Konsistens, Konsensus, Arbeidsmøte, Sammenligning, Robusthet and any added
section when present (a section's parts one under the other in its tab, each under its title).

Every string is written with ``write_string`` (never as a formula) and neutralised as in
the CSV; numbers are written with ``write_number``.
"""

from __future__ import annotations

import io
import re
from typing import Any

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ..errors import Lang
from ..formatting import XLSX_FORMATS
from ..labels import provenance_label
from ..models import LocalizedText
from .content import (
    build_sections,
    criterion_name,
    method_table,
    origin_text,
    provenance_table,
    ranking_table,
    sources_table,
    weights_table,
)
from .report import Bullets, Paragraph, Report, ReportSection, Table
from .safety import neutralise
from .texts import t, tr

FILLS = {"expert_judgment": "#FFF2CC", "missing": "#E7E6E6", "unspecified": "#FCE4D6"}
HEADER_FILL = "#DDEBF7"
MAX_WIDTH = 60


class _Book:
    """The workbook with cached formats and safe writers."""

    def __init__(self, buffer: io.BytesIO, lang: Lang):
        self.lang = lang
        self.wb: Workbook = xlsxwriter.Workbook(
            buffer,
            {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
        )
        self._formats: dict[tuple, Any] = {}
        self._names: set[str] = set()

    def fmt(
        self,
        number: str = "General",
        fill: str | None = None,
        bold: bool = False,
        wrap: bool = False,
        italic: bool = False,
    ) -> Any:
        key = (number, fill, bold, wrap, italic)
        if key not in self._formats:
            props: dict[str, Any] = {"num_format": number, "valign": "top"}
            if fill:
                props.update(bg_color=fill, pattern=1)
            if bold:
                props["bold"] = True
            if wrap:
                props["text_wrap"] = True
            if italic:
                props["italic"] = True
            self._formats[key] = self.wb.add_format(props)
        return self._formats[key]

    @property
    def header(self) -> Any:
        return self.fmt(fill=HEADER_FILL, bold=True, wrap=True)

    def sheet(self, name: str) -> Worksheet:
        clean = re.sub(r"[\[\]:*?/\\]", "", name).strip("'")[:31] or "Ark"
        base, k = clean, 2
        while clean.lower() in self._names:
            suffix = f" {k}"
            clean = base[: 31 - len(suffix)] + suffix
            k += 1
        self._names.add(clean.lower())
        return self.wb.add_worksheet(clean)

    def write(self, ws: Worksheet, row: int, col: int, value: Any, number: str = "General", **style: Any) -> None:
        if value is None:
            ws.write_blank(row, col, None, self.fmt(number, **style))
        elif isinstance(value, bool):
            ws.write_string(row, col, t("yes" if value else "no", self.lang), self.fmt(**style))
        elif isinstance(value, (int, float)):
            ws.write_number(row, col, value, self.fmt(number, **style))
        else:
            text = value.get(self.lang) if isinstance(value, LocalizedText) else str(value)
            ws.write_string(row, col, neutralise(text), self.fmt(**style))

    def table(self, ws: Worksheet, table: Table, row: int = 0, col: int = 0, caption: bool = False) -> int:
        """Write a table (header row, then rows); returns the next free row."""
        if caption and table.caption:
            self.write(ws, row, col, tr(table.caption, self.lang), bold=True)
            row += 1
        for j, heading in enumerate(table.columns):
            self.write(ws, row, col + j, tr(heading, self.lang), fill=HEADER_FILL, bold=True, wrap=True)
        for i in range(len(table.rows)):
            for j in range(len(table.columns)):
                value, fmt = table.cell(i, j)
                long_text = isinstance(value, str) and len(value) > MAX_WIDTH
                self.write(ws, row + 1 + i, col + j, value, XLSX_FORMATS[fmt], wrap=long_text)
        return row + 1 + len(table.rows)

    def widths(self, ws: Worksheet, table: Table, col: int = 0, minimum: int = 8) -> None:
        for j, heading in enumerate(table.columns):
            texts = [tr(heading, self.lang)] + [
                str(tr(cell, self.lang) if isinstance(cell := r[j], (str, LocalizedText)) else "0.0000")
                for r in table.rows
                if j < len(r) and r[j] is not None
            ]
            width = max((len(x) for x in texts), default=minimum)
            ws.set_column(col + j, col + j, min(MAX_WIDTH, max(minimum, width + 2)))


def to_xlsx(report: Report, lang: Lang = "nb") -> bytes:
    buffer = io.BytesIO()
    book = _Book(buffer, lang)
    book.wb.set_properties(
        {
            "title": t("report_title", lang, name=(report.title or report.problem.info.name).get(lang)),
            "subject": report.method_label(lang),
            "comments": f"SHA-256 {report.scenario().sha256}",
            "created": report.created_at.replace(tzinfo=None),  # the report's time: same report, same bytes
        }
    )
    _simple_sheet(book, t("sheet_ranking", lang), ranking_table(report, lang, contributions=True), freeze_cols=3)
    _weights_sheet(book, report)
    _matrix_sheet(book, report)
    _simple_sheet(book, t("sheet_provenance", lang), provenance_table(report, lang, split_author=True), freeze_cols=2)
    _simple_sheet(book, t("sheet_sources", lang), sources_table(report, lang))
    _simple_sheet(book, t("sheet_method", lang), method_table(report, lang))
    for section in build_sections(report, lang):
        if section.sheet is not None:
            _section_sheet(book, tr(section.sheet, lang), section)
    book.wb.close()
    return buffer.getvalue()


def _simple_sheet(book: _Book, name: str, table: Table, freeze_cols: int = 0) -> None:
    ws = book.sheet(name)
    end = book.table(ws, table)
    book.widths(ws, table)
    ws.freeze_panes(1, freeze_cols)
    if table.rows:
        ws.autofilter(0, 0, end - 1, len(table.columns) - 1)


def _weights_sheet(book: _Book, report: Report) -> None:
    lang = book.lang
    ws = book.sheet(t("sheet_weights", lang))
    table = weights_table(report, lang)
    row = book.table(ws, table)
    book.widths(ws, table)
    ws.freeze_panes(1, 1)
    row += 1
    book.write(ws, row, 0, t("weights_how", lang, origin=origin_text(report, lang)))
    row += 1
    book.write(ws, row, 0, f"{t('sheet_weights', lang)}: «{report.chosen_weights.name}»")
    judgments = report.judgments
    if judgments is None:
        return
    for label, matrix in zip(judgments.member_labels(), judgments.matrices):
        row += 2
        book.write(ws, row, 0, t("judgment_matrix", lang, who=label), bold=True)
        row += 1
        names = [criterion_name(report.problem, c, lang) for c in matrix.labels]
        for j, name in enumerate(names):
            book.write(ws, row, 1 + j, name, fill=HEADER_FILL, bold=True, wrap=True)
        for i, values in enumerate(matrix.array):
            book.write(ws, row + 1 + i, 0, names[i], fill=HEADER_FILL, bold=True)
            for j, x in enumerate(values):
                book.write(ws, row + 1 + i, 1 + j, float(x), "0.000")
        row += len(names)


def _matrix_sheet(book: _Book, report: Report) -> None:
    """Values coloured by kind; each cell's comment says where it comes from."""
    lang = book.lang
    problem = report.problem
    ws = book.sheet(t("sheet_matrix", lang))
    excluded = set(report.ranking.excluded_criteria)
    headers = [t("col_id", lang), t("col_position", lang)]
    for c in problem.criteria:
        head = c.name.get(lang) + (f" ({c.unit})" if c.unit else "")
        headers.append(head + (f" ({t('left_out', lang)})" if c.id in excluded else ""))
    for j, head in enumerate(headers):
        book.write(ws, 0, j, head, fill=HEADER_FILL, bold=True, wrap=True)
    for i, a in enumerate(problem.alternatives, start=1):
        book.write(ws, i, 0, a.id)
        book.write(ws, i, 1, a.name.get(lang))
        for j, c in enumerate(problem.criteria, start=2):
            cell = problem.cell(a.id, c.id)
            kind = cell.provenance.kind
            book.write(ws, i, j, cell.value, fill=FILLS.get(kind))
            ws.write_comment(i, j, _comment(cell.provenance, lang), {"x_scale": 2.5, "y_scale": 2.5})
    legend_row = len(problem.alternatives) + 2
    book.write(ws, legend_row, 0, t("xlsx_legend", lang), italic=True)
    ws.set_column(0, 0, 8)
    ws.set_column(1, 1, max(12, min(MAX_WIDTH, max(len(a.name.get(lang)) for a in problem.alternatives) + 2)))
    ws.set_column(2, 1 + len(problem.criteria), 16)
    ws.set_row(0, 60)
    ws.freeze_panes(1, 2)


def _comment(provenance: Any, lang: Lang) -> str:
    lines = [provenance_label(provenance.kind, lang, capital=True)]
    if provenance.source:
        lines.append(f"{t('col_source', lang)}: {provenance.source_in(lang)}")
    if provenance.author or provenance.date:
        who = ", ".join(x for x in (provenance.author, provenance.date.isoformat() if provenance.date else None) if x)
        lines.append(f"{t('col_author', lang)}: {who}")
    rationale = provenance.rationale_in(lang)
    if rationale:
        lines.append(f"{t('col_rationale', lang)}: {rationale}")
    return "\n".join(lines)


def _section_sheet(book: _Book, name: str, section: ReportSection) -> None:
    """A section's paragraphs and tables, one under the other, then each part's under its title."""
    ws = book.sheet(name)
    widest: list[Table] = []
    row = _blocks(book, ws, section.blocks_for("sheet"), 0, widest)
    for part in section.parts:
        book.write(ws, row, 0, tr(part.title, book.lang), bold=True)
        row += 1
        if part.message:
            book.write(ws, row, 0, tr(part.message, book.lang), italic=True)
            row += 1
        row = _blocks(book, ws, part.blocks_for("sheet"), row + 1, widest)
    ws.set_column(0, 0, 40)
    ws.set_column(1, max(1, max((len(table.columns) for table in widest), default=1)), 14)


def _blocks(book: _Book, ws: Worksheet, blocks: tuple[Any, ...], row: int, tables: list[Table]) -> int:
    """Write paragraphs, bullets and tables from ``row`` on; returns the next free row."""
    for block in blocks:
        if isinstance(block, Paragraph):
            book.write(ws, row, 0, " ".join(x for x in (tr(block.lead, book.lang), tr(block.text, book.lang)) if x))
            row += 2
        elif isinstance(block, Bullets):
            for item in block.items:
                book.write(ws, row, 0, tr(item, book.lang))
                row += 1
            row += 1
        elif isinstance(block, Table):
            row = book.table(ws, block, row, caption=True) + 1
            tables.append(block)
    return row
