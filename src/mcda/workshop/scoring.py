"""Scoring rounds: members score positions on criteria; the group value is the median.

Pure functions, no database: which cells a scoring workshop may ask about, the check of one
member's scores, and the group statistics of a round.

- **Cells.** Only criteria with an ordinal scale (``scale.levels`` in the criteria file) can be
  scored: a member picks one of the scale's levels, described in words. Measured criteria
  (a figure with a unit, such as MWh/t) are left to published sources and refused here.
  The default cells are every missing or expert-judgment cell on a scored criterion.
- **Answers.** A whole level of the scale, or ``None`` for "don't know"; an optional short
  rationale per cell (plain text, at most :data:`RATIONALE_MAX` characters).
- **Group value.** Per cell the median of the answers (the mean of the two middle answers
  when their number is even, so a half step can occur), the quartiles Q1 and Q3 (linear
  interpolation between order statistics, Hyndman & Fan type 7, numpy's default), min, max
  and the number of answers; "don't know" answers are counted apart and left out.
- **Agreement.** Per criterion Krippendorff's alpha with the ordinal metric
  (Krippendorff 2011, "Computing Krippendorff's alpha-reliability"), units = the criterion's
  cells, coders = the members, "don't know" = no value; computed by the ``krippendorff``
  package over the scale's levels. Alpha is 1 for perfect agreement, 0 for agreement no
  better than chance; it is undefined (None, with the reason) when fewer than two cells
  have two or more answers, or when every paired answer is the same level.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Literal

import krippendorff
import numpy as np

from ..errors import InputError, Issue
from ..models import DecisionProblem
from .results import CellStatistics, CriterionAgreement, ScoreSheet

RATIONALE_MAX = 500
Cell = tuple[str, str]
Layout = tuple[str, tuple[str, ...]]  # a position and the criteria asked of it


def scored(problem: DecisionProblem, criterion_id: str) -> bool:
    """Whether members can score this criterion: it has an ordinal scale with described levels."""
    scale = problem.criterion(criterion_id).scale
    return scale is not None and bool(scale.levels)


def levels(problem: DecisionProblem, criterion_id: str) -> tuple[int, ...]:
    """The scale levels members choose from, lowest first."""
    scale = problem.criterion(criterion_id).scale
    assert scale is not None
    return tuple(sorted(scale.levels))


def default_cells(problem: DecisionProblem) -> tuple[Cell, ...]:
    """Every missing or expert-judgment cell on a scored criterion, by position then criterion."""
    return tuple(
        (a, c)
        for a in problem.alternative_ids
        for c in problem.criterion_ids
        if scored(problem, c)
        and (problem.cells[a][c].value is None or problem.cells[a][c].provenance.kind == "expert_judgment")
    )


def choose_cells(
    problem: DecisionProblem, cells: Sequence[Sequence[str]] | None, criteria: Sequence[str] | None
) -> tuple[Cell, ...]:
    """The cells of a new scoring workshop: ``cells``, or every position on ``criteria``, or the default.

    Ordered by criterion, then position (the form groups by criterion). Every problem is
    collected and raised as one :class:`~mcda.errors.InputError`.
    """
    issues: list[Issue] = []
    chosen: list[Cell] = []
    if cells is not None and criteria is not None:
        raise InputError([Issue("scoring_cells_and_criteria", column="cells")])
    if criteria is not None:
        if isinstance(criteria, str):
            criteria = [criteria]
        for c in criteria:
            c = str(c)
            if c not in problem.criterion_ids:
                expected = {"expected": list(problem.criterion_ids)}
                issues.append(Issue("weight_unknown", column="criteria", value=c, details=expected))
            elif not scored(problem, c):
                issues.append(Issue("scoring_criterion_unscaled", column="criteria", value=c))
            else:
                chosen.extend((a, c) for a in problem.alternative_ids if (a, c) not in chosen)
    elif cells is not None:
        for k, pair in enumerate(cells):
            if isinstance(pair, str) or not isinstance(pair, Sequence) or len(pair) != 2:
                issues.append(Issue("scoring_cell_shape", column="cells", value=str(pair)[:40], details={"k": k + 1}))
                continue
            a, c = str(pair[0]), str(pair[1])
            if a not in problem.alternative_ids:
                issues.append(Issue("scoring_position_unknown", column="cells", value=a))
            elif c not in problem.criterion_ids:
                issues.append(
                    Issue("weight_unknown", column="cells", value=c, details={"expected": list(problem.criterion_ids)})
                )
            elif not scored(problem, c):
                issues.append(Issue("scoring_criterion_unscaled", column="cells", value=c))
            elif (a, c) in chosen:
                issues.append(Issue("scoring_cell_duplicate", column="cells", value=f"{a}/{c}"))
            else:
                chosen.append((a, c))
    else:
        chosen = list(default_cells(problem))
    if issues:
        raise InputError(issues)
    if not chosen:
        raise InputError([Issue("scoring_no_cells", column="cells")])
    order = {a: i for i, a in enumerate(problem.alternative_ids)}
    corder = {c: j for j, c in enumerate(problem.criterion_ids)}
    return tuple(sorted(chosen, key=lambda ac: (corder[ac[1]], order[ac[0]])))


def check_scores(
    problem: DecisionProblem,
    cells: Sequence[Cell],
    scores: object,
    rationales: object = None,
) -> ScoreSheet:
    """One member's answers checked against the workshop's cells and the criteria's scales.

    ``scores``: ``{position_id: {criterion_id: level or None}}`` (None = don't know). Cells the
    member leaves out count as "don't know". ``rationales``: the same shape with short texts.
    Every problem is collected; nothing is returned unless all is well.
    """
    issues: list[Issue] = []
    wanted, asked = _layout(tuple(cells), problem.criterion_ids)
    answers: dict[str, dict[str, float | None]] = {}
    if not isinstance(scores, Mapping):
        raise InputError([Issue("scoring_expected_mapping", column="scores")])
    positions, criteria = set(problem.alternative_ids), set(problem.criterion_ids)
    scale: dict[str, tuple[int, ...]] = {}  # a criterion's levels, looked up once per call
    for a, row in scores.items():
        a = str(a)
        if a not in positions:
            issues.append(Issue("scoring_position_unknown", column="scores", value=a))
            continue
        if not isinstance(row, Mapping):
            issues.append(Issue("scoring_expected_mapping", column=a))
            continue
        given = answers.setdefault(a, {})
        for c, value in row.items():
            c = str(c)
            if (a, c) not in wanted:  # every cell asked is of a known criterion
                if c not in criteria:
                    issues.append(
                        Issue("weight_unknown", column=a, value=c, details={"expected": list(problem.criterion_ids)})
                    )
                else:
                    issues.append(Issue("scoring_cell_not_asked", column=f"{a}/{c}"))
                continue
            if value is None:
                given[c] = None
                continue
            if c not in scale:
                scale[c] = levels(problem, c)
            number = _number(value)
            if number is not None and number.is_integer() and int(number) in scale[c]:
                given[c] = number
                continue
            where, allowed = f"{a}/{c}", {"levels": scale[c]}
            if number is None:
                issues.append(Issue("scoring_not_a_level", column=where, value=str(value)[:20], details=allowed))
            elif not number.is_integer():
                issues.append(Issue("scoring_fraction", column=where, value=f"{number:g}", details=allowed))
            else:
                issues.append(Issue("scoring_off_scale", column=where, value=f"{number:g}", details=allowed))
    notes = _check_rationales(rationales, wanted, issues)
    if issues:
        raise InputError(issues)
    full = {a: {c: answers.get(a, {}).get(c) for c in asked_of_a} for a, asked_of_a in asked}
    if all(v is None for row in full.values() for v in row.values()):
        raise InputError([Issue("scoring_nothing", column="scores")])
    return ScoreSheet(scores=full, rationales=notes)


@lru_cache(maxsize=64)
def _layout(cells: tuple[Cell, ...], criterion_ids: tuple[str, ...]) -> tuple[frozenset[Cell], tuple[Layout, ...]]:
    """The cells as a set, and each position with the criteria asked of it (positions in the cells'
    order, criteria in the problem's): what every member's answers are checked and laid out by."""
    wanted = frozenset(cells)
    positions = dict.fromkeys(a for a, _ in cells)
    return wanted, tuple((a, tuple(c for c in criterion_ids if (a, c) in wanted)) for a in positions)


def _number(value: object) -> float | None:
    if type(value) is float:  # the usual answer, first
        return value if math.isfinite(value) else None
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) and math.isfinite(value):
        return float(value)
    if isinstance(value, str):
        try:
            number = float(value.strip().replace(",", "."))
        except ValueError:
            return None
        return number if math.isfinite(number) else None
    return None


def _check_rationales(rationales: object, wanted: frozenset[Cell], issues: list[Issue]) -> dict[str, dict[str, str]]:
    notes: dict[str, dict[str, str]] = {}
    if rationales is None:
        return notes
    if not isinstance(rationales, Mapping):
        issues.append(Issue("scoring_expected_mapping", column="rationales"))
        return notes
    for a, row in rationales.items():
        if not isinstance(row, Mapping):
            issues.append(Issue("scoring_expected_mapping", column=f"rationales/{a}"))
            continue
        for c, text in row.items():
            where = f"{a}/{c}"
            if (str(a), str(c)) not in wanted:
                issues.append(Issue("scoring_cell_not_asked", column=where))
                continue
            if text is None:
                continue
            if not isinstance(text, str):
                issues.append(Issue("scoring_rationale_invalid", column=where, details={"max": RATIONALE_MAX}))
                continue
            shown = " ".join(text.split())
            if len(shown) > RATIONALE_MAX:
                issues.append(
                    Issue(
                        "scoring_rationale_too_long",
                        column=where,
                        details={"length": len(shown), "max": RATIONALE_MAX},
                    )
                )
            elif any(unicodedata.category(ch) in ("Cc", "Cf") for ch in shown):
                issues.append(Issue("scoring_rationale_invalid", column=where, details={"max": RATIONALE_MAX}))
            elif shown:
                notes.setdefault(str(a), {})[str(c)] = shown
    return notes


# --- group statistics -------------------------------------------------------------------------------


def cell_statistics(answers: Sequence[float | None]) -> CellStatistics:
    """Median, quartiles (numpy's linear method), min, max and counts of one cell's answers."""
    values = np.array([v for v in answers if v is not None], dtype=float)
    dont_know = sum(1 for v in answers if v is None)
    if values.size == 0:
        return CellStatistics(n=0, dont_know=dont_know)
    q1, median, q3 = np.percentile(values, [25, 50, 75])
    return CellStatistics(
        n=int(values.size),
        dont_know=dont_know,
        median=float(median),
        q1=float(q1),
        q3=float(q3),
        min=float(values.min()),
        max=float(values.max()),
    )


def ordinal_alpha(
    matrix: Sequence[Sequence[float | None]], domain: Sequence[int]
) -> tuple[float | None, Literal["too_few", "no_variation"] | None]:
    """Krippendorff's alpha, ordinal metric, of a coders x units matrix (None = no value).

    Returns ``(alpha, None)`` or ``(None, reason)`` where alpha is undefined: ``"too_few"``
    when fewer than two units have two or more values, ``"no_variation"`` when every paired
    value is the same level.
    """
    data = np.array([[np.nan if v is None else float(v) for v in row] for row in matrix], dtype=float)
    if data.size == 0:
        return None, "too_few"
    pairable = (~np.isnan(data)).sum(axis=0) >= 2
    if int(pairable.sum()) < 2:  # one unit alone: its expected disagreement is its own, alpha says nothing
        return None, "too_few"
    paired = data[:, pairable]
    values = np.unique(paired[~np.isnan(paired)])
    if values.size < 2:
        return None, "no_variation"
    alpha = krippendorff.alpha(reliability_data=data, level_of_measurement="ordinal", value_domain=list(domain))
    return float(alpha), None


def criterion_agreement(
    criterion_id: str,
    cells: Sequence[Cell],
    member_answers: Sequence[Mapping[str, Mapping[str, float | None]]],
    domain: Sequence[int],
) -> CriterionAgreement:
    """Agreement on one criterion over its cells: Krippendorff's ordinal alpha and what it rests on."""
    units = [a for a, c in cells if c == criterion_id]
    matrix = [[answers.get(a, {}).get(criterion_id) for a in units] for answers in member_answers]
    alpha, reason = ordinal_alpha(matrix, domain)
    values = sum(1 for row in matrix for v in row if v is not None)
    return CriterionAgreement(criterion_id=criterion_id, cells=len(units), values=values, alpha=alpha, undefined=reason)
