"""Missing values: an explicit policy, never silent imputation.

- ``refuse`` (default): raise, listing every missing cell;
- ``drop_criteria``: leave out every criterion with a missing value;
- ``drop_alternatives``: leave out every alternative with a missing value;
- ``worst``: use the worst observed value of the criterion (minimum for benefit, maximum
  for cost), listed in the result as imputed cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

import numpy as np

from .errors import InputError, Issue
from .models import Cell, DecisionProblem, LocalizedText, Provenance

MissingPolicy = Literal["refuse", "drop_criteria", "drop_alternatives", "worst"]
MISSING_POLICIES: tuple[str, ...] = get_args(MissingPolicy)

POLICY_LABELS: dict[str, LocalizedText] = {
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
    notes: list[LocalizedText] = field(default_factory=list)


def describe_cells(cells: list[tuple[str, str]], limit: int = 12) -> str:
    shown = ", ".join(f"{a}/{c}" for a, c in cells[:limit])
    return shown + (f", … (+{len(cells) - limit})" if len(cells) > limit else "")


def apply_missing_policy(problem: DecisionProblem, policy: MissingPolicy = "refuse") -> MissingOutcome:
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
    if policy == "refuse":
        raise InputError(Issue("missing_values", details={"count": len(cells), "cells": describe_cells(cells)}))
    if policy == "drop_criteria":
        dropped = tuple(c for c in problem.criterion_ids if any(cc == c for _, cc in cells))
        kept = [c for c in problem.criterion_ids if c not in dropped]
        if not kept:
            raise InputError(Issue("no_criteria", details={}))
        note = LocalizedText(
            en=f"left out criteria with missing values: {', '.join(dropped)}",
            nb=f"utelatt kriterier med manglende verdier: {', '.join(dropped)}",
        )
        return MissingOutcome(problem.subset(criteria=kept), excluded_criteria=dropped, notes=[note])
    if policy == "drop_alternatives":
        dropped = tuple(a for a in problem.alternative_ids if any(aa == a for aa, _ in cells))
        kept = [a for a in problem.alternative_ids if a not in dropped]
        if len(kept) < 2:
            raise InputError(Issue("too_few_alternatives", details={"found": len(kept)}))
        note = LocalizedText(
            en=f"left out alternatives with missing values: {', '.join(dropped)}",
            nb=f"utelatt alternativer med manglende verdier: {', '.join(dropped)}",
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
                    details={"count": len(column), "cells": "every value of this criterion"},
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
                    provenance=Provenance(kind="missing", rationale="imputed: worst observed value of the criterion"),
                ),
            )
    note = LocalizedText(
        en=f"{len(cells)} missing value(s) replaced by the criterion's worst observed value: {describe_cells(cells)}",
        nb=f"{len(cells)} manglende verdi(er) erstattet med kriteriets dårligste observerte verdi: "
        f"{describe_cells(cells)}",
    )
    return MissingOutcome(filled, imputed_cells=tuple(cells), notes=[note])
