"""The report as Markdown, for notes: the same sections, tables and captions as the Word report.

Charts are left out by default (a caption says where to find them); with
``images="embed"`` each is embedded as a PNG data URI, which makes a self-contained but
large file. Text is escaped so that names cannot become links, HTML or table breaks.
"""

from __future__ import annotations

import base64
import re
from typing import Literal

from ..errors import Lang
from .content import build_sections
from .figures import render
from .report import Bullets, Figure, Paragraph, Report, ReportSection, Table
from .texts import cell_text, t, tr

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")

_BREAKS = re.compile(r"[^\S\u00a0]+")  # any run of white space but the no-break space in "25 %"


def escape(text: str) -> str:
    """Markdown-inert text on one line: special characters backslash-escaped, line breaks as spaces."""
    return _SPECIAL.sub(r"\\\1", _BREAKS.sub(" ", text).strip())


def to_markdown(report: Report, lang: Lang = "nb", images: Literal["omit", "embed"] = "omit") -> bytes:
    title = t("report_title", lang, name=(report.title or report.problem.info.name).get(lang))
    subtitle = t(
        "report_subtitle",
        lang,
        method=report.method_label(lang),
        weights=report.chosen_weights.name,
        date=report.created_at.date().isoformat(),
    )
    out = [f"# {escape(title)}", "", f"*{escape(subtitle)}*", ""]
    counters = {"table": 0, "figure": 0}
    for section in build_sections(report, lang):
        out += _section(section, lang, images, counters)
    return ("\n".join(out).rstrip() + "\n").encode("utf-8")


def _section(section: ReportSection, lang: Lang, images: str, counters: dict[str, int], level: int = 2) -> list[str]:
    out = [f"{'#' * level} {escape(tr(section.title, lang))}", ""]
    if section.message:
        out += [f"**{escape(tr(section.message, lang))}**", ""]
    for block in section.blocks_for("document"):
        if isinstance(block, Paragraph):
            lead = f"**{escape(tr(block.lead, lang))}** " if block.lead else ""
            text = escape(tr(block.text, lang))
            out += [lead + (f"*{text}*" if block.tone == "note" else text), ""]
        elif isinstance(block, Bullets):
            if block.intro:
                out += [escape(tr(block.intro, lang)), ""]
            out += [f"- {escape(tr(item, lang))}" for item in block.items] + [""]
        elif isinstance(block, Table):
            counters["table"] += 1
            if block.caption:
                out += [f"*{t('table', lang)} {counters['table']}: {escape(tr(block.caption, lang))}*", ""]
            out += _table(block, lang) + [""]
        elif isinstance(block, Figure):
            counters["figure"] += 1
            caption = f"{t('figure', lang)} {counters['figure']}: {escape(tr(block.caption, lang))}"
            if images == "embed":
                data = base64.b64encode(render(block, lang)).decode("ascii")
                out += [f"![{caption}](data:image/png;base64,{data})", "", f"*{caption}*", ""]
            else:
                out += [f"*{caption} ({t('figure_omitted', lang)})*", ""]
    for part in section.parts:
        out += _section(part, lang, images, counters, min(level + 1, 6))
    return out


def _table(block: Table, lang: Lang) -> list[str]:
    n = len(block.columns)
    numeric = [block.column_format(j) != "text" for j in range(n)]
    lines = [
        "| " + " | ".join(escape(tr(c, lang)) or " " for c in block.columns) + " |",
        "|" + "|".join("---:" if numeric[j] else "---" for j in range(n)) + "|",
    ]
    for i in range(len(block.rows)):
        cells = [escape(cell_text(*block.cell(i, j), lang)) for j in range(n)]
        lines.append("| " + " | ".join(cells) + " |")
    return lines
