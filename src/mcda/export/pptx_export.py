"""The main points as PowerPoint slides (python-pptx), 16:9, one message per slide.

A title slide, then one slide per section that has one, and one per part of a section: the
section's message is the slide title ("Raffinering av kobolt rangeres først med TOPSIS"), the
section's name a small line above it, and the body its first chart as a picture, else its first
table, else its text. The section's explanations go into the speaker notes.
"""

from __future__ import annotations

import io
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from ..errors import Lang
from .content import build_sections
from .figures import PX_PER_INCH, Pictures, fit
from .report import Bullets, Figure, Paragraph, Report, ReportSection, Table
from .safety import xml_safe
from .texts import cell_text, plural, t, tr

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
LEFT, TOP, RIGHT, BOTTOM = Inches(0.6), Inches(1.65), Inches(0.6), Inches(0.35)
TITLE_ONLY, TITLE_SLIDE = 5, 0
DARK = RGBColor(0x1F, 0x3B, 0x57)
GREY = RGBColor(0x6B, 0x6B, 0x6B)
MAX_TABLE_ROWS = 12
MAX_ITEM_CHARS = 150


def to_pptx(report: Report, lang: Lang = "nb") -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    _title_slide(prs, report, lang)
    slides = _slides(build_sections(report, lang), lang)
    figures = (_slide_figure(slide) for slide, _ in slides)
    pictures = Pictures((f for f in figures if f is not None), lang)  # rendered while the slides are made
    for slide, kicker in slides:
        _section_slide(prs, slide, lang, pictures, kicker=kicker)
    props = prs.core_properties
    props.title = xml_safe(t("report_title", lang, name=(report.title or report.problem.info.name).get(lang)))
    props.author = "Prosess21 MCDA"
    props.comments = f"SHA-256 {report.scenario().sha256}"
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _slides(sections: list[ReportSection], lang: Lang) -> list[tuple[ReportSection, str | None]]:
    """The sections and parts that get a slide (one message each), with a part's kicker."""
    slides: list[tuple[ReportSection, str | None]] = []
    for section in sections:
        if section.slide:
            slides.append((section, None))
        kicker = tr(section.title, lang)
        slides += [(part, f"{kicker} · {tr(part.title, lang)}") for part in section.parts if part.slide]
    return slides


def _title_slide(prs: Any, report: Report, lang: Lang) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_SLIDE])
    title, subtitle = slide.shapes.title, slide.placeholders[1]
    title.left, title.top, title.width, title.height = LEFT, Inches(2.2), WIDTH - LEFT - RIGHT, Inches(1.8)
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = LEFT, Inches(4.2), WIDTH - LEFT - RIGHT, Inches(1.4)
    _set_text(title.text_frame, (report.title or report.problem.info.name).get(lang), Pt(36), bold=True, color=DARK)
    _set_text(
        subtitle.text_frame,
        t(
            "slide_subtitle",
            lang,
            method=report.method_label(lang),
            weights=report.chosen_weights.name,
            date=report.created_at.date().isoformat(),
        ),
        Pt(18),
        color=GREY,
    )


def _slide_figure(section: ReportSection) -> Figure | None:
    """The figure a section's slide shows, if any: its first."""
    return next((b for b in section.blocks_for("slide") if isinstance(b, Figure)), None)


def _section_slide(prs: Any, section: ReportSection, lang: Lang, pictures: Pictures, kicker: str | None = None) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = LEFT, Inches(0.55), WIDTH - LEFT - RIGHT, Inches(1.0)
    message = tr(section.message or section.title, lang)
    _set_text(title.text_frame, message, Pt(28 if len(message) <= 60 else 24), bold=True, color=DARK)
    line = slide.shapes.add_textbox(LEFT, Inches(0.2), WIDTH - LEFT - RIGHT, Inches(0.4))
    _set_text(line.text_frame, (kicker or tr(section.title, lang)).upper(), Pt(12), color=GREY, align=PP_ALIGN.LEFT)
    blocks = section.blocks_for("slide")
    figure = _slide_figure(section)
    table = next((b for b in blocks if isinstance(b, Table)), None)
    if figure is not None:
        _picture(slide, pictures.get(figure))
    elif table is not None:
        _table(slide, table, lang)
    else:
        _text(slide, [b for b in blocks if isinstance(b, (Paragraph, Bullets))], lang, small=section.key == "sources")
    notes = [
        " ".join(x for x in (tr(b.lead, lang), tr(b.text, lang)) if x)
        for b in section.blocks_for("document")
        if isinstance(b, Paragraph)
    ]
    if notes:
        slide.notes_slide.notes_text_frame.text = xml_safe("\n\n".join(notes))


def _area() -> tuple[int, int, int, int]:
    return LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM


def _picture(slide: Any, png: bytes) -> None:
    left, top, width, height = _area()
    w, h = fit(png, width, height, PX_PER_INCH / 1.5 / Inches(1))  # on a screen up to 1.5 times the CSS size
    slide.shapes.add_picture(io.BytesIO(png), Emu(int(left + (width - w) / 2)), Emu(int(top)), Emu(int(w)), Emu(int(h)))


def _table(slide: Any, block: Table, lang: Lang) -> None:
    left, top, width, _ = _area()
    shown = min(len(block.rows), MAX_TABLE_ROWS)
    n = len(block.columns)
    row_height = Inches(0.36)
    frame = slide.shapes.add_table(shown + 1, n, left, top, width, row_height * (shown + 1))
    table = frame.table
    weights = list(block.widths) if len(block.widths) == n else [1.0] * n
    for j, column in enumerate(table.columns):
        column.width = Emu(int(width * weights[j] / sum(weights)))
    for j, heading in enumerate(block.columns):
        _set_text(table.cell(0, j).text_frame, tr(heading, lang), Pt(13), bold=True)
    for i in range(shown):
        for j in range(n):
            value, fmt = block.cell(i, j)
            numeric = fmt != "text" or isinstance(value, (int, float))
            _set_text(
                table.cell(i + 1, j).text_frame,
                cell_text(value, fmt, lang),
                Pt(13),
                align=PP_ALIGN.RIGHT if numeric and value is not None else PP_ALIGN.LEFT,
            )
    if len(block.rows) > shown:
        note = slide.shapes.add_textbox(left, top + row_height * (shown + 1) + Inches(0.1), width, Inches(0.4))
        _set_text(note.text_frame, plural("more_rows", len(block.rows) - shown, lang), Pt(12), color=GREY)


def _text(slide: Any, blocks: list[Any], lang: Lang, small: bool = False) -> None:
    left, top, width, height = _area()
    lines: list[tuple[str, bool]] = []  # (text, bullet)
    for block in blocks:
        if isinstance(block, Paragraph):
            lines.append((" ".join(x for x in (tr(block.lead, lang), tr(block.text, lang)) if x), False))
        else:
            if block.intro:
                lines.append((tr(block.intro, lang), False))
            lines += [(_clip(tr(item, lang)) if small else tr(item, lang), True) for item in block.items]
    chars = sum(len(x) for x, _ in lines)
    small = small and len(lines) > 8  # a long list (the sources) in small print; a short one as usual
    size = Pt(10) if small else Pt(20) if chars < 500 else Pt(17) if chars < 1100 else Pt(14)
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    for k, (text, bullet) in enumerate(lines):
        paragraph = frame.paragraphs[0] if k == 0 else frame.add_paragraph()
        paragraph.text = xml_safe(("•  " if bullet else "") + text)
        paragraph.space_after = Pt(2 if small else 10)
        for run in paragraph.runs:
            run.font.size = size


def _clip(text: str) -> str:
    return text if len(text) <= MAX_ITEM_CHARS else text[: MAX_ITEM_CHARS - 1].rstrip() + "…"


def _set_text(
    frame: Any, text: str, size: Pt, bold: bool = False, color: RGBColor | None = None, align: Any = PP_ALIGN.LEFT
) -> None:
    frame.word_wrap = True
    paragraph = frame.paragraphs[0]
    for extra in list(frame.paragraphs[1:]):
        extra._p.getparent().remove(extra._p)
    paragraph.text = xml_safe(text)
    paragraph.alignment = align
    for run in paragraph.runs:
        run.font.size = size
        run.font.bold = bold
        if color is not None:
            run.font.color.rgb = color
