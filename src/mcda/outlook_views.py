"""What the outlook page shows, in bokmål or English, decided here and not in the page.

:func:`outlook_view` takes the problem, the weights and method settings, the outlooks on offer,
the ones picked and their probabilities, and returns an :class:`OutlookView`: which outlooks
apply and which do not (an uploaded problem's positions are not in the shipped outlooks), the
ranking across the picked ones with its table, and what each picked outlook changes. The page
draws it; the reports take the changes' rows from :func:`change_rows` too.

Like :mod:`mcda.views`: ranks stay numbers; a change is written in the language's number style.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from .errors import Lang
from .formatting import format_number, format_percent
from .models import DecisionProblem, WeightSet
from .outlooks import (
    BASE_ID,
    Outlook,
    OutlookAcceptability,
    OutlookComparison,
    RobustEntry,
    base_outlook,
    fits_problem,
    rank_across_outlooks,
)
from .ranking import DEFAULT_SETTINGS, RankingSettings

MIN_PICKED = 2  # a comparison needs today and one more, or any two

TEXT: dict[str, tuple[str, str]] = {  # key -> (en, nb)
    "robust": ("Robust rank", "Robust plass"),
    "position": ("Position", "Posisjon"),
    "best": ("Best rank", "Beste plass"),
    "worst": ("Worst rank", "Dårligste plass"),
    "max_regret": ("Places lost at worst", "Tapte plasser i verste fall"),
    "expected": ("Expected rank", "Forventet plass"),
    "first_share": ("Share in first place", "Andel på førsteplass"),
    "positions": ("Positions", "Posisjoner"),
    "criterion": ("Criterion", "Kriterium"),
    "change": ("Change", "Endring"),
    "basis": ("Basis", "Grunnlag"),
    "sources": ("Sources", "Kilder"),
    "rationale": ("Rationale", "Begrunnelse"),
    "set": ("set to {amount}", "settes til {amount}"),
    "add": ("changed by {amount}", "endres med {amount}"),
    "multiply": ("multiplied by {amount}", "ganges med {amount}"),
    "widen": ("uncertainty ± {amount}", "usikkerhet ± {amount}"),
    "weight_multiply": ("weight multiplied by {amount}", "vekten ganges med {amount}"),
    "weight_set": ("weight set to {amount}", "vekten settes til {amount}"),
    "weight_row": ("(weight)", "(vekt)"),
    "published": ("Published figure", "Publisert tall"),
    "judgment": ("Expert judgment", "Ekspertvurdering"),
}
CHANGE_COLUMNS = ("positions", "criterion", "change", "basis", "sources", "rationale")


def text(key: str, lang: Lang, **fields: object) -> str:
    en, nb = TEXT[key]
    return (nb if lang == "nb" else en).format(**fields)


@dataclass(frozen=True)
class OutlookNote:
    """Something the page says instead of, or beside, a result: ``left_out`` (these outlooks do
    not apply to the problem in use; ``names`` says which) or ``need_two`` (pick at least two)."""

    key: str
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class OutlookChanges:
    """One picked outlook (not today) and the table of what it changes."""

    outlook: Outlook
    table: pd.DataFrame


@dataclass(frozen=True)
class OutlookView:
    """What the outlook page shows for one pick (see :func:`outlook_view`)."""

    options: tuple[Outlook, ...]  # today first, then every outlook on offer that fits the problem
    picked: tuple[Outlook, ...]  # the picked ones that apply, in the order picked
    notes: tuple[OutlookNote, ...]
    comparison: OutlookComparison | None  # None with fewer than MIN_PICKED picked
    table: pd.DataFrame | None  # the ranks across the picked outlooks, in the robust order
    changes: tuple[OutlookChanges, ...]  # one per picked outlook but today

    @property
    def best(self) -> RobustEntry | None:
        """The position that loses the fewest places at worst (first in the robust order)."""
        return None if self.comparison is None else self.comparison.robust[0]


def sort_by_fit(
    problem: DecisionProblem, offered: Sequence[Outlook]
) -> tuple[tuple[Outlook, ...], tuple[Outlook, ...]]:
    """Today and the ``offered`` outlooks that fit ``problem``; the ones that do not
    (:func:`mcda.outlooks.fits_problem`)."""
    others = [(o, fits_problem(o, problem)) for o in offered if o.id != BASE_ID]
    return (base_outlook(), *(o for o, fits in others if fits)), tuple(o for o, fits in others if not fits)


def outlook_view(
    problem: DecisionProblem,
    weights: WeightSet,
    offered: Sequence[Outlook],
    picked: Sequence[str],
    probabilities: Mapping[str, float] | None = None,
    settings: RankingSettings = DEFAULT_SETTINGS,
    lang: Lang = "nb",
) -> OutlookView:
    """Today and the ``offered`` outlooks that fit the problem are the options; ``picked`` ids that
    are not among them are passed over. With at least two picked: the ranking across them (with
    ``probabilities``, any non-negative numbers for the picked ones, rescaled to sum 1: the
    expected rank; InputError for a negative one), its table and each picked outlook's changes."""
    options, left_out = sort_by_fit(problem, offered)
    by_id = {o.id: o for o in options}
    chosen = tuple(by_id[i] for i in dict.fromkeys(picked) if i in by_id)
    notes = [OutlookNote("left_out", tuple(o.name.get(lang) for o in left_out))] if left_out else []
    if len(chosen) < MIN_PICKED:
        notes.append(OutlookNote("need_two"))
        return OutlookView(options, chosen, tuple(notes), None, None, ())
    probs = None if probabilities is None else {o.id: probabilities[o.id] for o in chosen if o.id in probabilities}
    comparison = rank_across_outlooks(problem, weights, chosen, settings, probs)
    changes = tuple(OutlookChanges(o, change_table(o, problem, lang)) for o in chosen if o.id != BASE_ID)
    return OutlookView(options, chosen, tuple(notes), comparison, robust_table(comparison, lang), changes)


def robust_rows(
    comparison: OutlookComparison, lang: Lang, with_id: bool = False
) -> tuple[list[str], list[tuple[str | float | None, ...]]]:
    """The headings and one row per position in the robust (minimax-regret) order: its robust rank,
    (its id,) name, rank in each outlook (headed "1. I dag", "2. ..."), best and worst rank, places
    lost at worst and, with probabilities, the expected rank. The page's table and the report's."""
    expected = comparison.probabilities is not None
    columns = [text("robust", lang), *(["id"] if with_id else []), text("position", lang)]
    columns += [f"{k}. {r.outlook.name.get(lang)}" for k, r in enumerate(comparison.rankings, start=1)]
    columns += [text("best", lang), text("worst", lang), text("max_regret", lang)]
    columns += [text("expected", lang)] if expected else []
    rows = []
    for e in comparison.robust:
        row: list[str | float | None] = [e.robust_rank, *([e.id] if with_id else []), e.name.get(lang)]
        row += [e.ranks[r.outlook.id] for r in comparison.rankings]
        row += [e.rank_best, e.rank_worst, e.max_regret]
        row += [e.expected_rank] if expected else []
        rows.append(tuple(row))
    return columns, rows


def robust_table(comparison: OutlookComparison, lang: Lang) -> pd.DataFrame:
    """:func:`robust_rows` as the page's table."""
    columns, rows = robust_rows(comparison, lang)
    return pd.DataFrame(rows, columns=columns)


def change_rows(outlook: Outlook, problem: DecisionProblem, lang: Lang) -> list[tuple[str, ...]]:
    """What an outlook changes, a row per change (the columns of :data:`CHANGE_COLUMNS`): the
    positions, the criterion's name, the change in words, its basis, the source keys and why.
    A weight change is the group's judgment, without sources."""
    rows: list[tuple[str, ...]] = []
    for c in outlook.changes:
        rows.append(
            (
                ", ".join(c.positions),
                _criterion_name(problem, c.criterion, lang),
                text(c.kind, lang, amount=format_number(c.amount, lang)),
                text(c.basis, lang),
                ", ".join(f"[{k}]" for k in c.sources),
                c.rationale.get(lang),
            )
        )
    for w in outlook.weights:
        kind, amount = ("weight_multiply", w.multiply) if w.multiply is not None else ("weight_set", w.set)
        rows.append(
            (
                text("weight_row", lang),
                _criterion_name(problem, w.criterion, lang),
                text(kind, lang, amount=format_number(amount or 0.0, lang)),
                text("judgment", lang),
                "",
                w.rationale.get(lang),
            )
        )
    return rows


def change_columns(lang: Lang) -> tuple[str, ...]:
    return tuple(text(key, lang) for key in CHANGE_COLUMNS)


def change_table(outlook: Outlook, problem: DecisionProblem, lang: Lang) -> pd.DataFrame:
    """:func:`change_rows` as a table with its headings."""
    return pd.DataFrame(change_rows(outlook, problem, lang), columns=list(change_columns(lang)))


def first_place_table(result: OutlookAcceptability, problem: DecisionProblem, lang: Lang) -> pd.DataFrame:
    """Each position's share of the samples in first place, the largest first (ties in the problem's order)."""
    names = {a.id: a.name.get(lang) for a in problem.alternatives}
    shares = sorted(result.first_share().items(), key=lambda kv: -kv[1])
    return pd.DataFrame(
        {
            text("position", lang): [names[a] for a, _ in shares],
            text("first_share", lang): [format_percent(s, lang) for _, s in shares],
        }
    )


def _criterion_name(problem: DecisionProblem, criterion: str, lang: Lang) -> str:
    return problem.criterion(criterion).name.get(lang) if criterion in problem.criterion_ids else criterion
