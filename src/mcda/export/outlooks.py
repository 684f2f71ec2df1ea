"""The outlook section of a report: the ranking under several outlooks, a robust choice and
the value-chain map, one message per slide.

:func:`outlook_section` reads an :class:`~mcda.outlooks.OutlookComparison` (and, optionally,
the value chains) and makes one :class:`~mcda.export.report.ReportSection` with parts:

- the choice across outlooks - "Silisiummetall holder seg blant de tre første i alle fem
  fremtidsbildene" (or, when none does, the position that loses the fewest places); the rank
  table with range, regret and expected rank, the bump chart and the rank ranges;
- one part per outlook - "I «Kina utvider eksportkontrollen» rangeres X først"; what the
  outlook changes, each change with its basis (a published figure or the group's judgment);
- the value-chain map for the main ranking - "3 av de 5 beste posisjonene ligger i ledd der
  Norge har industri i dag".

Nothing is computed here beyond reading the results.
"""

from __future__ import annotations

from typing import Any

from .. import formatting
from ..charts.outlooks import outlook_bump_chart, rank_range_chart, value_chain_chart
from ..errors import Lang
from ..models import DecisionProblem, Ranking
from ..outlook_views import change_columns, change_rows, robust_rows
from ..outlooks import BASE_ID, Outlook, OutlookComparison
from ..value_chains import ValueChains
from .report import Figure, Paragraph, ReportSection, Table
from .texts import join_names, t

__all__ = ["outlook_section", "value_chain_part"]

TOP = 3


def outlook_section(
    comparison: OutlookComparison,
    problem: DecisionProblem,
    lang: Lang = "nb",
    *,
    chains: ValueChains | None = None,
    ranking: Ranking | None = None,
) -> ReportSection:
    """The outlook section; with ``chains`` and ``ranking`` the value-chain map is its last part."""
    parts = [_choice_part(comparison, lang)]
    parts += [
        _outlook_part(r.outlook, r.ranking, problem, lang) for r in comparison.rankings if r.outlook.id != BASE_ID
    ]
    if chains is not None and ranking is not None:
        parts.append(value_chain_part(chains, problem, ranking, lang))
    return ReportSection(
        key="outlooks",
        title=t("sec_outlooks", lang),
        blocks=(Paragraph(text=t("outlooks_intro", lang, method=comparison.settings.method.upper())),),
        sheet=t("sheet_outlooks", lang),
        slide=False,
        parts=tuple(parts),
    )


def _number_word(n: int, lang: Lang) -> str:
    words = {
        "nb": ["null", "ett", "to", "tre", "fire", "fem", "seks", "sju", "åtte", "ni", "ti"],
        "en": ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"],
    }[lang]
    return words[n] if 0 <= n < len(words) else str(n)


def choice_message(comparison: OutlookComparison, lang: Lang) -> str:
    """The section's message: who stays in the top three in every outlook, else who loses least."""
    n = len(comparison.rankings)
    word = _number_word(n, lang)
    steady = [e.name.get(lang) for e in comparison.robust if e.rank_worst <= TOP]
    if steady:
        key = "msg_outlooks_top_one" if len(steady) == 1 else "msg_outlooks_top_many"
        every = t("outlooks_every_two", lang) if n == 2 else t("outlooks_every_n", lang, n=word)
        return t(key, lang, names=join_names(steady, lang), every=every)
    best = comparison.robust[0]
    every = t("outlooks_every_two", lang) if n == 2 else t("outlooks_the_n", lang, n=word)
    return t("msg_outlooks_least_loss", lang, name=best.name.get(lang), worst=best.rank_worst, every=every)


def _choice_part(comparison: OutlookComparison, lang: Lang) -> ReportSection:
    columns, rows = robust_rows(comparison, lang, with_id=True)
    expected = comparison.probabilities is not None
    formats: list[Any] = ["int", "text", "text", *(["int"] * len(comparison.rankings)), "int", "int", "int"]
    formats += ["decimal"] if expected else []
    blocks: list[Any] = [
        Paragraph(text=t("outlooks_regret_explained", lang)),
        Table(
            key="outlook_ranks",
            caption=t("outlook_ranks_table", lang),
            columns=tuple(columns),
            rows=tuple(rows),
            formats=tuple(formats),
            small=len(columns) > 8,
        ),
        Figure(
            key="outlook_bump",
            caption=t("outlook_bump_caption", lang),
            chart=lambda lg: outlook_bump_chart(comparison, lg),
        ),
        Figure(
            key="outlook_ranges",
            caption=t("outlook_ranges_caption", lang),
            chart=lambda lg: rank_range_chart(comparison, lg),
            where="document",
        ),
    ]
    if expected and comparison.probabilities:
        shares = ", ".join(
            f"{r.outlook.name.get(lang)} {formatting.format_percent(comparison.probabilities[r.outlook.id], lang)}"
            for r in comparison.rankings
        )
        blocks.insert(1, Paragraph(text=t("outlooks_probabilities", lang, shares=shares)))
    return ReportSection(
        key="outlooks_choice",
        title=t("sec_outlooks_choice", lang),
        message=choice_message(comparison, lang),
        blocks=tuple(blocks),
    )


def _outlook_part(outlook: Outlook, ranking: Ranking, problem: DecisionProblem, lang: Lang) -> ReportSection:
    top = ranking.entries[0]
    return ReportSection(
        key=f"outlook_{outlook.id}",
        title=outlook.name.get(lang),
        message=t("msg_outlook_first", lang, outlook=outlook.name.get(lang), name=top.name.get(lang)),
        blocks=(
            Paragraph(text=outlook.description.get(lang)),
            Table(
                key=f"outlook_changes_{outlook.id}",
                caption=t("outlook_changes_table", lang, outlook=outlook.name.get(lang)),
                columns=change_columns(lang),
                rows=tuple(change_rows(outlook, problem, lang)),
                formats=("text",) * 6,
                widths=(1.2, 1.6, 1.4, 1.3, 1, 4),
                small=True,
            ),
            Paragraph(text=t("outlook_judgment_note", lang, author=outlook.author), tone="note"),
        ),
    )


def value_chain_part(chains: ValueChains, problem: DecisionProblem, ranking: Ranking, lang: Lang) -> ReportSection:
    """The value-chain map for ``ranking``: how many of the five best positions sit at a stage
    where Norway has industry today."""
    placed = chains.placement()
    operating = {(c.id, n.stage) for c in chains.chains for n in c.norway if n.status == "operating"}
    best = [e for e in ranking.entries if e.id in placed][:5]
    at_home = sum(1 for e in best if placed[e.id] in operating)
    return ReportSection(
        key="value_chains",
        title=t("sec_value_chains", lang),
        message=t("msg_value_chains", lang, k=at_home, n=len(best)),
        blocks=(
            Paragraph(text=t("value_chains_explained", lang)),
            Figure(
                key="value_chain_map",
                caption=t("value_chains_caption", lang),
                chart=lambda lg: value_chain_chart(chains, problem, ranking, lg),
            ),
        ),
    )
