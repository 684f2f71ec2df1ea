"""Exports: pure functions from a :class:`Report` to bytes; the app and the CLI choose where they go.

======  ===========================================  ==========================================
format  function                                     content
======  ===========================================  ==========================================
csv     ``to_csv(report, lang, separator=";")``      the ranking with contributions (Excel, nb)
xlsx    ``to_xlsx(report, lang)``                    ranking, weights, matrix with sources, ...
docx    ``to_docx(report, lang)``                    the report section, charts as pictures
pptx    ``to_pptx(report, lang)``                    the main points, one message per slide
md      ``to_markdown(report, lang)``                the Word report's content, for notes
json    ``to_json(report)``                          the scenario file (exact reproduction)
======  ===========================================  ==========================================
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from ..errors import Lang
from ..lazy import lazy_attributes

if TYPE_CHECKING:
    from .csv_export import to_csv
    from .docx_export import to_docx
    from .json_export import to_json
    from .md_export import to_markdown
    from .pptx_export import to_pptx
    from .report import Bullets, Figure, Number, Paragraph, Report, ReportSection, Table, build_report
    from .xlsx_export import to_xlsx

# imported on first use: the pages need the format list at once, the writers (python-docx, python-pptx,
# openpyxl, the charts) only when a file is downloaded
__getattr__ = lazy_attributes(
    __name__,
    {"to_csv": "csv_export", "to_docx": "docx_export", "to_json": "json_export", "to_markdown": "md_export"}
    | {"to_pptx": "pptx_export", "to_xlsx": "xlsx_export", "build_report": "report"}
    | {name: "report" for name in ("Bullets", "Figure", "Number", "Paragraph", "Report", "ReportSection", "Table")},
)

ExportFormat = Literal["csv", "xlsx", "docx", "pptx", "md", "json"]
FORMATS: tuple[str, ...] = ("csv", "xlsx", "docx", "pptx", "md", "json")
TEXT_FORMATS: tuple[str, ...] = ("csv", "md", "json")
MEDIA_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "md": "text/markdown; charset=utf-8",
    "json": "application/json",
}


def export_report(report: Report, fmt: ExportFormat, lang: Lang = "nb", **options: Any) -> bytes:
    """The report in ``fmt`` (options: ``separator``/``decimal`` for csv, ``images`` for md)."""
    if fmt == "csv":
        from .csv_export import to_csv

        return to_csv(report, lang, **options)
    if fmt == "xlsx":
        from .xlsx_export import to_xlsx

        return to_xlsx(report, lang)
    if fmt == "docx":
        from .docx_export import to_docx

        return to_docx(report, lang)
    if fmt == "pptx":
        from .pptx_export import to_pptx

        return to_pptx(report, lang)
    if fmt == "md":
        from .md_export import to_markdown

        return to_markdown(report, lang, **options)
    if fmt == "json":
        from .json_export import to_json

        return to_json(report)
    raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")


def file_name(report: Report, fmt: str, stem: str = "") -> str:
    """A download name such as ``prosess21-crm-positions-topsis.docx``; ``stem`` names what is downloaded
    (``prosess21-crm-positions-comparison-topsis.csv``), so the pages' files do not overwrite each other."""
    middle = f"{stem}-" if stem else ""
    return f"{report.problem.info.id}-{middle}{report.ranking.method}.{fmt}"


__all__ = [
    "FORMATS",
    "MEDIA_TYPES",
    "TEXT_FORMATS",
    "Bullets",
    "ExportFormat",
    "Figure",
    "Number",
    "Paragraph",
    "Report",
    "ReportSection",
    "Table",
    "build_report",
    "export_report",
    "file_name",
    "to_csv",
    "to_docx",
    "to_json",
    "to_markdown",
    "to_pptx",
    "to_xlsx",
]
