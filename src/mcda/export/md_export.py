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
from .report import Bullets, Figure, Paragraph, Report, Table
from .texts import cell_text, t, tr

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def escape(text: str) -> str:
    """Markdown-inert text on one line: special characters backslash-escaped, line breaks as spaces."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


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
    tables = figures = 0
    for section in build_sections(report, lang):
        out += [f"## {escape(tr(section.title, lang))}", ""]
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
                tables += 1
                if block.caption:
                    out += [f"*{t('table', lang)} {tables}: {escape(tr(block.caption, lang))}*", ""]
                out += _table(block, lang) + [""]
            elif isinstance(block, Figure):
                figures += 1
                caption = f"{t('figure', lang)} {figures}: {escape(tr(block.caption, lang))}"
                if images == "embed":
                    data = base64.b64encode(render(block, lang)).decode("ascii")
                    out += [f"![{caption}](data:image/png;base64,{data})", "", f"*{caption}*", ""]
                else:
                    out += [f"*{caption} ({t('figure_omitted', lang)})*", ""]
    return ("\n".join(out).rstrip() + "\n").encode("utf-8")


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
