"""The knowledge-gap section of a report: which unknown values matter most for the ranking.

:func:`gaps_section` turns a :class:`~mcda.gaps.GapAnalysis` into one
:class:`~mcda.export.report.ReportSection` ("Kunnskapshull"): what a knowledge gap is, what the
analysis is based on (method, normalisation, weights), the most influential gaps as a table (every
gap in the spreadsheet), the gap chart (:func:`mcda.charts.gaps.gap_chart`) and how it is
computed; then one part (a slide each) per gap that can change first place, or else the first
three ("Å kjenne Titanråstoff · Klimafortrinn kan endre hvem som er først").

:func:`report_gaps` gives the analysis a report shows: the one passed in ``Report.gaps``, or, when
the ranking treats missing values as intervals, the analysis of the report's problem with the
ranking's weights and settings. The tables are those of :mod:`mcda.gap_views` (what the page shows).
"""

from __future__ import annotations

from typing import Any

from .. import charts
from ..errors import Lang
from ..formatting import format_count, format_number, format_percent
from ..gap_views import COLUMNS, KINDS, gap_counts, gap_label, gap_table, interval_text
from ..gap_views import col as gap_col
from ..gaps import GapAnalysis, KnowledgeGap, analyse_gaps
from ..labels import normalization_label
from ..models import DecisionProblem, WeightSet
from ..ranking import METHODS, RankingSettings
from .report import ColumnFormat, Figure, Paragraph, Report, ReportSection, Table, Where
from .texts import t

__all__ = ["gaps_section", "report_gaps"]

TOP = 10  # rows of the documents' table; the spreadsheet gets every gap
PARTS = 3  # at most this many gaps get a slide of their own
CHART_ROWS = 15


def report_gaps(report: Report) -> GapAnalysis | ReportSection | None:
    """What the report shows as knowledge gaps: ``report.gaps`` if given (False: nothing), else the
    analysis of the ranking's interval cells with its weights and settings (None without intervals)."""
    if report.gaps is False:
        return None
    if report.gaps is not None:
        return report.gaps
    ranking = report.ranking
    if not ranking.interval_cells:
        return None
    problem = report.problem
    weights = WeightSet(
        name=ranking.weights.name,
        weights={c: ranking.weights.weights.get(c, 0.0) for c in problem.criterion_ids},
        origin=ranking.weights.origin,
    )
    return analyse_gaps(problem, weights, RankingSettings.of(ranking))


def gaps_section(problem: DecisionProblem, analysis: GapAnalysis, lang: Lang = "nb", top: int = TOP) -> ReportSection:
    """The knowledge-gap section of ``analysis`` (see the module doc)."""
    counts = gap_counts(analysis)
    blocks: list[Any] = [Paragraph(text=t("gaps_explained", lang))]
    blocks.append(Paragraph(text=_basis(problem, analysis, lang)))
    if not analysis.gaps:
        blocks.append(Paragraph(text=t("gaps_none", lang)))
        return ReportSection(
            key="gaps", title=t("sec_gaps", lang), message=t("msg_gaps_none", lang), blocks=tuple(blocks)
        )
    blocks.append(
        Paragraph(
            text=t(
                "gaps_counts",
                lang,
                total=format_count(counts["total"], lang),
                first=format_count(counts["first"], lang),
                top3=format_count(counts["top3"], lang),
            )
        )
    )
    shown = min(top, len(analysis.gaps))
    blocks.append(_table(problem, analysis, lang, shown, "document", t("gaps_table", lang, n=shown)))
    if len(analysis.gaps) > shown:
        blocks.append(_table(problem, analysis, lang, None, "sheet", t("gaps_table_all", lang)))
    rows = min(CHART_ROWS, len(analysis.gaps))
    blocks.append(
        Figure(
            key="gaps",
            caption=t("gaps_caption", lang, n=rows),
            chart=lambda lg: charts.gap_chart(analysis, problem, lg, top=rows),
        )
    )
    blocks.append(Paragraph(text=t("gaps_how_to_read", lang), where="document"))
    blocks.append(
        Paragraph(
            lead=t("gaps_method_lead", lang),
            text=t(
                "gaps_method",
                lang,
                grid=format_count(analysis.grid, lang),
                samples=format_count(analysis.samples, lang),
                seed=analysis.seed,
            ),
            tone="note",
            where="document",
        )
    )
    return ReportSection(
        key="gaps",
        title=t("sec_gaps", lang),
        message=_message(counts, lang),
        blocks=tuple(blocks),
        sheet=t("sheet_gaps", lang),
        parts=tuple(_part(problem, g, lang) for g in _headline_gaps(analysis)),
    )


def _message(counts: dict[str, int], lang: Lang) -> str:
    total = format_count(counts["total"], lang)
    if counts["first"]:
        return t("msg_gaps_first", lang, n=format_count(counts["first"], lang), total=total)
    if counts["top3"]:
        return t("msg_gaps_top3", lang, n=format_count(counts["top3"], lang), total=total)
    return t("msg_gaps_rank_only", lang, total=total)


def _basis(problem: DecisionProblem, analysis: GapAnalysis, lang: Lang) -> str:
    spec = METHODS[analysis.method]
    listed = ", ".join(
        f"{problem.criterion(c).name.get(lang)} {format_percent(w, lang)}" for c, w in analysis.weights.weights.items()
    )
    return t(
        "gaps_basis",
        lang,
        method=spec.label.get(lang),
        normalization=normalization_label(analysis.normalization, lang),
        weights=analysis.weights.name or t("gaps_weights_unnamed", lang),
        listed=listed,
    )


def _table(
    problem: DecisionProblem, analysis: GapAnalysis, lang: Lang, top: int | None, where: Where, caption: str
) -> Table:
    frame = gap_table(analysis, problem, lang, top)
    formats: tuple[ColumnFormat, ...] = tuple(KINDS.get(k, "text") for k in COLUMNS)  # type: ignore[misc]
    rows = tuple(tuple(None if v is None else (v.item() if hasattr(v, "item") else v) for v in r) for r in frame.values)
    return Table(
        key="gaps" if where == "document" else "gaps_all",
        caption=caption,
        columns=tuple(gap_col(k, lang) for k in COLUMNS),
        rows=rows,
        formats=formats,
        widths=(2.2, 2.0, 1.6, 0.9, 0.7, 1.0, 1.0, 1.0, 1.1),
        where=where,
        small=True,
    )


def _headline_gaps(analysis: GapAnalysis) -> list[KnowledgeGap]:
    """The gaps that get a slide: those that can change first place, else the first three."""
    first = [g for g in analysis.gaps if g.can_change_first]
    return (first or [g for g in analysis.gaps if g.can_change_top3])[:PARTS]


def _part(problem: DecisionProblem, gap: KnowledgeGap, lang: Lang) -> ReportSection:
    label = gap_label(problem, gap, lang)
    what = "first" if gap.can_change_first else "top3"
    criterion = problem.criterion(gap.criterion)
    cell = problem.cell(gap.id, gap.criterion)
    blocks: list[Any] = [
        Paragraph(
            text=t(
                f"gap_{gap.kind}",
                lang,
                interval=interval_text(*gap.interval, criterion, lang),
                now=format_number(gap.value_now, lang),
            )
        ),
        Paragraph(
            text=t(
                f"gap_moves_{what}",
                lang,
                position=problem.alternative(gap.id).name.get(lang),
                now=gap.rank_now,
                best=gap.rank_best,
                worst=gap.rank_worst,
                share=format_percent(gap.share, lang),
            )
        ),
    ]
    rationale = cell.provenance.rationale_in(lang)
    if rationale:
        blocks.append(Paragraph(lead=t("gap_why_lead", lang), text=rationale))
    return ReportSection(
        key=f"gap_{gap.id}_{gap.criterion}",
        title=label,
        message=t(f"msg_gap_{what}", lang, label=label),
        blocks=tuple(blocks),
    )
