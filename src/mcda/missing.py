"""Missing values: an explicit policy, never silent imputation.

- ``refuse`` (default): raise, listing every missing cell;
- ``drop_criteria``: leave out every criterion with a missing value;
- ``drop_alternatives``: leave out every alternative with a missing value;
- ``worst``: use the worst observed value of the criterion (minimum for benefit, maximum
  for cost), listed in the result as imputed cells;
- ``interval`` (the default of the app, the workshops and the CLI): a missing cell is the range
  it could take - the data's own ``<criterion>_min``/``_max`` where given, else the criterion's
  scale (min to max) for a scored criterion, else the range observed across the positions.
  The point ranking uses the interval's midpoint (the expected value when every value in the
  range is equally likely, which is how rank acceptability samples it; it neither rewards nor
  punishes a position for a gap); every ranking also shows each position's best and worst
  possible rank over the intervals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

import numpy as np

from .errors import InputError, Issue, Lang
from .formatting import format_number
from .models import Cell, DecisionProblem, LocalizedText, Provenance

MissingPolicy = Literal["interval", "refuse", "drop_criteria", "drop_alternatives", "worst"]
DEFAULT_MISSING_POLICY: MissingPolicy = "interval"
MISSING_POLICIES: tuple[str, ...] = get_args(MissingPolicy)

POLICY_LABELS: dict[str, LocalizedText] = {
    "interval": LocalizedText(
        en="treat each missing value as the range it could take (midpoint for the point ranking)",
        nb="behandle hver manglende verdi som intervallet den kan ligge i (midtpunktet i punktrangeringen)",
    ),
    "refuse": LocalizedText(en="refuse to rank", nb="ikke ranger"),
    "drop_criteria": LocalizedText(
        en="leave out criteria with missing values", nb="utelat kriterier med manglende verdier"
    ),
    "drop_alternatives": LocalizedText(
        en="leave out alternatives with missing values", nb="utelat alternativer med manglende verdier"
    ),
    "worst": LocalizedText(
        en="use the worst observed value (shown as imputed)", nb="bruk dårligste observerte verdi (vist som utfylt)"
    ),
}


@dataclass
class MissingOutcome:
    problem: DecisionProblem
    excluded_criteria: tuple[str, ...] = ()
    excluded_alternatives: tuple[str, ...] = ()
    imputed_cells: tuple[tuple[str, str], ...] = ()
    interval_cells: tuple[tuple[str, str], ...] = ()
    notes: list[LocalizedText] = field(default_factory=list)


IntervalBasis = Literal["data", "scale", "observed"]

INTERVAL_BASIS_LABELS: dict[str, LocalizedText] = {
    "data": LocalizedText(en="the data's own range", nb="dataenes eget intervall"),
    "scale": LocalizedText(en="the criterion's scale", nb="kriteriets skala"),
    "observed": LocalizedText(en="the range observed across the positions", nb="spennet observert blant posisjonene"),
}


def missing_interval(problem: DecisionProblem, alternative_id: str, criterion_id: str) -> tuple[float, float, str]:
    """(low, high, basis) of the range a missing cell could take; see the module docstring."""
    cell = problem.cell(alternative_id, criterion_id)
    crit = problem.criterion(criterion_id)
    if cell.low is not None and cell.high is not None:
        return float(cell.low), float(cell.high), "data"
    if crit.scale is not None:
        low, high = float(crit.scale.min), float(crit.scale.max)
        basis = "scale"
    else:
        column = problem.matrix[:, problem.criterion_ids.index(criterion_id)]
        if np.all(np.isnan(column)):
            raise InputError(
                Issue(
                    "interval_undefined",
                    column=criterion_id,
                    details={"count": len(column)},
                )
            )
        low, high = float(np.nanmin(column)), float(np.nanmax(column))
        basis = "observed"
    # one given end narrows the range
    if cell.low is not None:
        low = max(low, float(cell.low)) if cell.low <= high else float(cell.low)
    if cell.high is not None:
        high = min(high, float(cell.high)) if cell.high >= low else float(cell.high)
    return low, high, basis


def _with_intervals(problem: DecisionProblem, cells: list[tuple[str, str]]) -> MissingOutcome:
    filled = {a: dict(row) for a, row in problem.cells.items()}
    for alt, crit in cells:
        low, high, basis = missing_interval(problem, alt, crit)
        old = problem.cell(alt, crit).provenance
        label = INTERVAL_BASIS_LABELS[basis]
        rationale = (
            f"interval {format_number(low, 'en')}..{format_number(high, 'en')} ({label.en}); "
            "midpoint used in the point ranking"
        )
        rationale_nb = (
            f"intervall {format_number(low, 'nb')}–{format_number(high, 'nb')} ({label.nb}); "
            "midtpunktet brukt i punktrangeringen"
        )
        if old.rationale or old.rationale_nb:
            rationale += f". Missing: {old.rationale_in('en')}"
            rationale_nb += f". Mangler: {old.rationale_in('nb')}"
        filled[alt][crit] = Cell(
            value=low / 2.0 + high / 2.0,  # (low + high) / 2 overflows near 1.8e308
            low=low,
            high=high,
            provenance=Provenance(kind="missing", rationale=rationale, rationale_nb=rationale_nb),
        )
    note = LocalizedText(
        en=f"{_count(len(cells), 'en')} treated as intervals (midpoint in the point ranking; rank ranges "
        f"cover the whole intervals): {describe_cells(cells, problem=problem, lang='en')}",
        nb=f"{_count(len(cells), 'nb')} behandlet som "
        f"intervaller (midtpunktet i punktrangeringen; rangspennet dekker hele intervallene): "
        f"{describe_cells(cells, problem=problem, lang='nb')}",
    )
    return MissingOutcome(problem.model_copy_validated(cells=filled), interval_cells=tuple(cells), notes=[note])


def describe_cells(
    cells: list[tuple[str, str]], limit: int = 12, problem: DecisionProblem | None = None, lang: Lang = "en"
) -> str:
    """``P04/climate`` per cell, or with ``problem`` the names a member knows: ``Position – Criterion``."""

    def one(a: str, c: str) -> str:
        if problem is None:
            return f"{a}/{c}"
        return f"{problem.alternative(a).name.get(lang)} – {problem.criterion(c).name.get(lang)}"

    shown = (
        "; ".join(one(a, c) for a, c in cells[:limit]) if problem else ", ".join(one(a, c) for a, c in cells[:limit])
    )
    return shown + (f", … (+{len(cells) - limit})" if len(cells) > limit else "")


def _count(n: int, lang: str) -> str:
    if lang == "nb":
        return f"{n} {'manglende verdi' if n == 1 else 'manglende verdier'}"
    return f"{n} {'missing value' if n == 1 else 'missing values'}"


def _names(problem: DecisionProblem, ids: tuple[str, ...], lang: Lang, criteria: bool) -> str:
    get = problem.criterion if criteria else problem.alternative
    return ", ".join(get(i).name.get(lang) for i in ids)


def apply_missing_policy(problem: DecisionProblem, policy: MissingPolicy = DEFAULT_MISSING_POLICY) -> MissingOutcome:
    if policy not in MISSING_POLICIES:
        raise InputError(
            Issue(
                "parameter_invalid",
                value=str(policy),
                details={"reason": f"unknown missing-value policy; expected one of {', '.join(MISSING_POLICIES)}"},
            )
        )
    cells = problem.missing_cells()
    if not cells:
        return MissingOutcome(problem)
    if policy == "interval":
        return _with_intervals(problem, cells)
    if policy == "refuse":
        named = {
            "cells": describe_cells(cells, problem=problem),
            "cells_nb": describe_cells(cells, problem=problem, lang="nb"),
        }
        raise InputError(Issue("missing_values", details={"count": len(cells), **named}))
    if policy == "drop_criteria":
        dropped = tuple(c for c in problem.criterion_ids if any(cc == c for _, cc in cells))
        kept = [c for c in problem.criterion_ids if c not in dropped]
        if not kept:
            raise InputError(Issue("no_criteria", details={}))
        note = LocalizedText(
            en=f"left out criteria with missing values: {_names(problem, dropped, 'en', True)}",
            nb=f"utelatt kriterier med manglende verdier: {_names(problem, dropped, 'nb', True)}",
        )
        return MissingOutcome(problem.subset(criteria=kept), excluded_criteria=dropped, notes=[note])
    if policy == "drop_alternatives":
        dropped = tuple(a for a in problem.alternative_ids if any(aa == a for aa, _ in cells))
        kept = [a for a in problem.alternative_ids if a not in dropped]
        if len(kept) < 2:
            raise InputError(Issue("too_few_alternatives", details={"found": len(kept)}))
        note = LocalizedText(
            en=f"left out alternatives with missing values: {_names(problem, dropped, 'en', False)}",
            nb=f"utelatt alternativer med manglende verdier: {_names(problem, dropped, 'nb', False)}",
        )
        return MissingOutcome(problem.subset(alternatives=kept), excluded_alternatives=dropped, notes=[note])
    # worst observed value
    matrix = problem.matrix
    filled = problem
    for j, crit in enumerate(problem.criteria):
        column = matrix[:, j]
        if np.all(np.isnan(column)):
            raise InputError(
                Issue(
                    "missing_values",
                    column=crit.id,
                    details={
                        "count": len(column),
                        "cells": "every value of this criterion",
                        "cells_nb": "alle verdiene for dette kriteriet",
                    },
                )
            )
        worst = np.nanmin(column) if crit.direction == "benefit" else np.nanmax(column)
        for i in np.flatnonzero(np.isnan(column)):
            alt = problem.alternative_ids[i]
            filled = filled.with_cell(
                alt,
                crit.id,
                Cell(
                    value=float(worst),
                    provenance=Provenance(
                        kind="missing",
                        rationale="imputed: worst observed value of the criterion",
                        rationale_nb="utfylt: kriteriets dårligste observerte verdi",
                    ),
                ),
            )
    note = LocalizedText(
        en=f"{_count(len(cells), 'en')} replaced by the criterion's worst observed value: "
        f"{describe_cells(cells, problem=problem, lang='en')}",
        nb=f"{_count(len(cells), 'nb')} erstattet med kriteriets dårligste observerte verdi: "
        f"{describe_cells(cells, problem=problem, lang='nb')}",
    )
    return MissingOutcome(filled, imputed_cells=tuple(cells), notes=[note])
