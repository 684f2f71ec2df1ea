"""Tables and short texts of the knowledge-gap analysis (:mod:`mcda.gaps`), in bokmål or English,
for the page, the reports and the command line.

Like :mod:`mcda.views`: numbers stay numbers (a rank, the value used now, the share 0..1); only
the interval and the rank range are written as text here, in the language's number style
(:mod:`mcda.formatting`), with the criterion's unit.
"""

from __future__ import annotations

import pandas as pd

from .errors import Lang
from .formatting import format_number
from .gaps import GapAnalysis, KnowledgeGap
from .models import Criterion, DecisionProblem
from .views import rank_range_text

COLUMNS: dict[str, tuple[str, str]] = {  # key -> (en, nb)
    "position": ("Position", "Posisjon"),
    "criterion": ("Criterion", "Kriterium"),
    "interval": ("Could be", "Kan være"),
    "value_now": ("Value used now", "Verdi brukt nå"),
    "rank_now": ("Rank now", "Plass nå"),
    "possible": ("Possible ranks", "Mulige plasser"),
    "first": ("Can change first place", "Kan endre førsteplassen"),
    "top3": ("Can change the top three", "Kan endre de tre første"),
    "share": ("Share of the rank uncertainty", "Andel av usikkerheten i rangeringen"),
}
SHORT_COLUMNS: dict[str, tuple[str, str]] = {  # where space is short (a terminal): key -> (en, nb)
    "value_now": ("Used now", "Brukt nå"),
    "first": ("First place", "Førsteplass"),
    "top3": ("First three", "Tre første"),
    "share": ("Share", "Andel"),
}
YES_NO: dict[bool, tuple[str, str]] = {True: ("yes", "ja"), False: ("no", "nei")}
KINDS: dict[str, str] = {  # column key -> number kind (mcda.formatting); the others are text
    "value_now": "value",
    "rank_now": "int",
    "share": "percent",
}
SCALE_WORD = ("scale", "skala")


def col(key: str, lang: Lang) -> str:
    en, nb = COLUMNS[key]
    return nb if lang == "nb" else en


def short_col(key: str, lang: Lang) -> str:
    """The column's short heading (the full one where none is shorter)."""
    en, nb = SHORT_COLUMNS.get(key, COLUMNS[key])
    return nb if lang == "nb" else en


def yes_no(value: bool, lang: Lang) -> str:
    en, nb = YES_NO[bool(value)]
    return nb if lang == "nb" else en


def interval_text(low: float, high: float, criterion: Criterion, lang: Lang) -> str:
    """The range a value could take in the criterion's unit: '1,5–14,1 MWh/t'; on an expert-judgment
    scale '0–4 (skala 0–4)'."""
    span = f"{format_number(low, lang)}–{format_number(high, lang)}"
    if criterion.scale is not None:
        word = SCALE_WORD[1] if lang == "nb" else SCALE_WORD[0]
        return f"{span} ({word} {format_number(criterion.scale.min, lang)}–{format_number(criterion.scale.max, lang)})"
    return f"{span} {criterion.unit}" if criterion.unit else span


def gap_label(problem: DecisionProblem, gap: KnowledgeGap, lang: Lang) -> str:
    """'Titanråstoff · Klimafortrinn': the position and the criterion whose value is unknown."""
    return f"{problem.alternative(gap.id).name.get(lang)} · {problem.criterion(gap.criterion).name.get(lang)}"


def gap_table(analysis: GapAnalysis, problem: DecisionProblem, lang: Lang, top: int | None = None) -> pd.DataFrame:
    """The 'fill these first' list, most influential first: position, criterion, the interval in the
    criterion's unit, the value used now, the rank now, the possible ranks over the interval, whether
    it can change first place and the top three (yes/no) and its share of the rank uncertainty (0..1;
    show it as a percentage)."""
    gaps = analysis.gaps if top is None else analysis.gaps[:top]
    keys = list(COLUMNS)
    rows = [
        {
            col("position", lang): problem.alternative(g.id).name.get(lang),
            col("criterion", lang): problem.criterion(g.criterion).name.get(lang),
            col("interval", lang): interval_text(*g.interval, problem.criterion(g.criterion), lang),
            col("value_now", lang): g.value_now,
            col("rank_now", lang): g.rank_now,
            col("possible", lang): rank_range_text(g.rank_best, g.rank_worst, lang),
            col("first", lang): yes_no(g.can_change_first, lang),
            col("top3", lang): yes_no(g.can_change_top3, lang),
            col("share", lang): g.share,
        }
        for g in gaps
    ]
    return pd.DataFrame(rows, columns=[col(k, lang) for k in keys])


def gap_kinds(lang: Lang) -> dict[str, str]:
    """The number kind of each numeric column of :func:`gap_table` (for :func:`mcda.formatting.formatted`)."""
    return {col(k, lang): kind for k, kind in KINDS.items()}


def gap_counts(analysis: GapAnalysis) -> dict[str, int]:
    """How many gaps there are, and how many can change first place and the top three."""
    return {
        "total": len(analysis.gaps),
        "missing": sum(g.kind == "missing" for g in analysis.gaps),
        "first": sum(g.can_change_first for g in analysis.gaps),
        "top3": sum(g.can_change_top3 for g in analysis.gaps),
    }
