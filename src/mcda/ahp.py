"""Analytic Hierarchy Process: priorities, consistency, inconsistency hints, groups, consensus.

Written here rather than taken from pymcdm, whose AHP refuses non-Saaty values (so a
geometric-mean group matrix cannot be used) and whose ``get_cr`` fails above n = 15.

References
- Saaty, T.L. (1980). The Analytic Hierarchy Process. McGraw-Hill (eigenvector, CI, RI).
- Alonso, J.A., Lamata, M.T. (2006). Consistency in the analytic hierarchy process: a new
  approach. Int. J. Uncertainty, Fuzziness and Knowledge-Based Systems 14(4), 445-459.
- Crawford, G., Williams, C. (1985). A note on the analysis of subjective judgment matrices.
  J. Math. Psychology 29, 387-405 (row geometric mean).
- Forman, E., Peniwati, K. (1998). Aggregating individual judgments and priorities with the
  AHP. EJOR 108, 165-169 (AIJ and AIP).
- Goepel, K.D. (2018). Implementation of an online software tool for the AHP (AHP-OS).
  IJAHP 10(3), 469-487 (top-3 inconsistent judgments, consensus indicator S*).
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, partial
from typing import Literal

import numpy as np
from pydantic import Field, ValidationError, model_validator

from .errors import InputError, Issue
from .models import Frozen, LocalizedText

PriorityMethod = Literal["eigenvector", "geometric"]
RITable = Literal["saaty", "alonso-lamata"]
Aggregation = Literal["aij", "aip"]

CONSISTENCY_THRESHOLD = 0.10
CR_ZERO = 1e-12  # |CR| below this is rounding noise of the eigen solver: shown as 0
SCALE_MAX = 9.0  # Saaty's 1..9 scale, which RI and S* assume
RECIPROCAL_TOLERANCE = 0.01  # relative; 0.333 against 3 passes, 0.3 against 3 does not
# a judgment beyond 1/JUDGMENT_LIMIT..JUDGMENT_LIMIT (the 1/9..9 scale and far beyond) is refused: it is a
# slip, and from about 1e154 on the eigenvector underflows to priorities of 0 and a CR of 0 ("consistent")
JUDGMENT_LIMIT = 1e6
LARGEST_JUDGMENT = JUDGMENT_LIMIT * (1 + 1e-9)  # with a rounding's room: a group's mean of judgments at the limit
SMALLEST_JUDGMENT = 1.0 / LARGEST_JUDGMENT
HINTS_SHOWN = 3  # the most inconsistent judgments shown (AHP-OS shows three)
HINT_FLOOR = 1e-9  # an error e_ij at most 1 + this is consistent: no hint
HINT_TIE_TOLERANCE = 1e-9  # relative: errors this close are equally wrong (hint_order)

# Saaty (1980), random consistency index for n = 1..10.
SAATY_RI: dict[int, float] = {
    1: 0.0,
    2: 0.0,
    3: 0.58,
    4: 0.90,
    5: 1.12,
    6: 1.24,
    7: 1.32,
    8: 1.41,
    9: 1.45,
    10: 1.49,
}

SAATY_VALUES: tuple[float, ...] = tuple([1 / k for k in range(9, 1, -1)] + list(range(1, 10)))
_SAATY_LOGS = tuple(np.log(np.array(SAATY_VALUES)).tolist())  # nearest_saaty_value compares on a log scale

RI_TABLE_NOTES: dict[str, str] = {
    "saaty": (
        "Saaty (1980) random index for n = 3..10 (0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, "
        "1.49); above n = 10 the Alonso-Lamata (2006) linear fit RI = (1.7699 n - 4.3513)/(n - 1), "
        "as AHP-OS does; CR = 0 for n ≤ 2"
    ),
    "alonso-lamata": (
        "Alonso-Lamata (2006): CR = (lambda_max - n)/(2.7699 n - 4.3513 - n), i.e. "
        "RI = (1.7699 n - 4.3513)/(n - 1); CR = 0 for n ≤ 2"
    ),
}


def alonso_lamata_ri(n: int) -> float:
    return (1.7699 * n - 4.3513) / (n - 1)


def random_index(n: int, table: RITable = "saaty") -> float:
    """The random index used to turn CI into CR; 0 for n <= 2 (always consistent)."""
    if n <= 2:
        return 0.0
    if table == "saaty" and n in SAATY_RI:
        return SAATY_RI[n]
    if table in ("saaty", "alonso-lamata"):
        return alonso_lamata_ri(n)
    raise ValueError(f"unknown random-index table {table!r}; expected saaty or alonso-lamata")


class PairwiseMatrix(Frozen):
    """A positive reciprocal matrix of pairwise judgments; ``labels`` name rows and columns."""

    labels: tuple[str, ...] = Field(description="ids of the compared items, row/column order")
    values: tuple[tuple[float, ...], ...] = Field(description="a[i][j]: how much i over j")

    def __init__(self, **data: object) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:  # surface our located InputError, not pydantic's wrapper
            for err in exc.errors():
                original = (err.get("ctx") or {}).get("error")
                if isinstance(original, InputError):
                    raise original from None
            raise

    @model_validator(mode="after")
    def _reciprocal(self) -> PairwiseMatrix:
        issues = validate_pairwise(self.labels, self.values)
        if issues:
            raise InputError(issues)
        return self

    @property
    def n(self) -> int:
        return len(self.labels)

    @classmethod
    def from_validated(cls, labels: tuple[str, ...], values: tuple[tuple[float, ...], ...]) -> PairwiseMatrix:
        """A matrix of floats that :func:`validate_pairwise` has just accepted, without checking it again."""
        return cls.model_construct(labels=labels, values=values)

    @property
    def array(self) -> np.ndarray:
        """The matrix with the lower triangle set to the exact reciprocals of the upper."""
        a = np.array(self.values, dtype=float)
        upper = upper_triangle(self.n)
        a[(upper[1], upper[0])] = 1.0 / a[upper]
        np.fill_diagonal(a, 1.0)
        return a

    @classmethod
    def from_array(cls, labels: Sequence[str], array: np.ndarray | Sequence[Sequence[float]]) -> PairwiseMatrix:
        a = np.asarray(array, dtype=float)
        return cls(labels=tuple(labels), values=tuple(tuple(float(x) for x in row) for row in a))

    @classmethod
    def from_judgments(cls, labels: Sequence[str], judgments: Mapping[tuple[str, str], float]) -> PairwiseMatrix:
        """Build from upper-triangle judgments {(a, b): how much a over b}; unset pairs are 1."""
        index = {label: i for i, label in enumerate(labels)}
        a = np.ones((len(labels), len(labels)))
        for (row, col), value in judgments.items():
            i, j = index[row], index[col]
            a[i, j] = value
            a[j, i] = 1.0 / value
        return cls.from_array(labels, a)

    @classmethod
    def identity(cls, labels: Sequence[str]) -> PairwiseMatrix:
        return cls.from_array(labels, np.ones((len(labels), len(labels))))

    def judgment(self, row: str, col: str) -> float:
        return float(self.array[self.labels.index(row), self.labels.index(col)])

    def with_judgment(self, row: str, col: str, value: float) -> PairwiseMatrix:
        a = self.array
        i, j = self.labels.index(row), self.labels.index(col)
        a[i, j] = value
        a[j, i] = 1.0 / value
        return PairwiseMatrix.from_array(self.labels, a)

    def reordered(self, labels: Sequence[str]) -> PairwiseMatrix:
        if sorted(labels) != sorted(self.labels):
            raise InputError(
                Issue("pairwise_criteria_mismatch", details={"found": list(self.labels), "expected": list(labels)})
            )
        order = [self.labels.index(label) for label in labels]
        return PairwiseMatrix.from_array(labels, self.array[np.ix_(order, order)])


def validate_pairwise(
    labels: Sequence[str],
    values: Sequence[Sequence[float]],
    file: str | None = None,
    first_line: int = 2,
) -> list[Issue]:
    """Every problem of a judgment matrix: shape, positivity, diagonal, range, reciprocity."""
    issues: list[Issue] = []
    n = len(labels)
    if n < 2:
        return [Issue("pairwise_too_small", file=file, details={"n": n})]
    if len(values) != n or any(len(row) != n for row in values):
        cols = max((len(r) for r in values), default=0)
        return [Issue("pairwise_not_square", file=file, details={"rows": len(values), "cols": cols})]
    for i, row in enumerate(values):
        for j, x in enumerate(row):
            if SMALLEST_JUDGMENT <= x <= LARGEST_JUDGMENT and (i != j or abs(x - 1.0) <= 1e-9):
                continue  # the usual case, checked without building the issue
            where = partial(Issue, file=file, line=first_line + i, column=labels[j], value=_show(x))
            if not math.isfinite(x):
                issues.append(where("pairwise_not_number"))
            elif x <= 0:
                issues.append(where("pairwise_not_positive"))
            elif i == j and abs(x - 1.0) > 1e-9:
                issues.append(where("pairwise_diagonal"))
            else:
                issues.append(where("pairwise_out_of_range"))
    if issues:
        return issues
    for i in range(n):
        for j in range(i + 1, n):
            x, y = values[j][i], values[i][j]
            if abs(x * y - 1.0) > RECIPROCAL_TOLERANCE:
                issues.append(
                    Issue(
                        "pairwise_not_reciprocal",
                        file=file,
                        line=first_line + j,
                        column=labels[i],
                        value=_show(x),
                        details={
                            "mirror_cell": f"{labels[i]}/{labels[j]}",
                            "mirror_value": _show(y),
                            "expected": f"{fraction_text(1.0 / y)} ({1.0 / y:.4g})",
                        },
                    )
                )
    return issues


def _show(x: float) -> str:
    return f"{x:g}"


@cache
def upper_triangle(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Row and column indices of the cells above the diagonal of an n x n matrix (read-only;
    ``np.triu_indices`` builds them anew at a cost comparable to the eigenvectors of a 9 x 9 matrix)."""
    rows, cols = np.triu_indices(n, 1)
    rows.flags.writeable = cols.flags.writeable = False
    return rows, cols


def fraction_text(x: float) -> str:
    """Show a judgment as '3', '1/3' or a decimal when it is neither."""
    if x >= 1 and abs(x - round(x)) < 1e-9:
        return str(int(round(x)))
    inv = 1.0 / x
    if x < 1 and abs(inv - round(inv)) < 1e-9:
        return f"1/{int(round(inv))}"
    return f"{x:.4g}"


# --- priorities and consistency ----------------------------------------------------


def principal_eigen(a: np.ndarray) -> tuple[float, np.ndarray]:
    """Perron root and its positive eigenvector (normalised to sum 1)."""
    eigvals, eigvecs = np.linalg.eig(a)
    k = int(np.argmax(eigvals.real))
    vector = np.abs(eigvecs[:, k].real)
    return float(eigvals[k].real), vector / vector.sum()


def geometric_mean_priorities(a: np.ndarray) -> np.ndarray:
    g = np.exp(np.log(a).mean(axis=1))
    return g / g.sum()


def compute_priorities(a: np.ndarray, method: PriorityMethod = "eigenvector") -> np.ndarray:
    if method == "eigenvector":
        return principal_eigen(a)[1]
    if method == "geometric":
        return geometric_mean_priorities(a)
    raise ValueError(f"unknown priority method {method!r}; expected eigenvector or geometric")


class InconsistencyHint(Frozen):
    """A judgment that disagrees with the derived priorities, and a value that would fit."""

    row: str
    column: str
    current: float = Field(description="the judgment a[row][column]")
    error: float = Field(description="max(e, 1/e) with e = a_ij * w_j / w_i; 1 is consistent")
    suggested: float = Field(description="w_i / w_j: the value consistent with the priorities")
    suggested_scale: float = Field(description="nearest value on the 1/9..9 Saaty scale")

    @property
    def suggested_text(self) -> str:
        return fraction_text(self.suggested_scale)


def hint_order(errors: Sequence[float]) -> list[int]:
    """The cells (indices into ``errors``, the cells above the diagonal row by row) from the largest
    error to the smallest; errors within :data:`HINT_TIE_TOLERANCE` (relative) of the one before are
    tied and keep the cells' order.

    The three errors of a 3 x 3 matrix are equal in exact arithmetic (and so are some of a larger
    matrix with one judgment off): an order by the floats alone would be decided by the eigen
    solver's rounding, so hints equally wrong would come in an arbitrary order.
    """
    keys = [-e if e == e else math.inf for e in errors]  # NaN (of degenerate priorities) last, as np.argsort
    ranked: list[int] = []
    tied: list[int] = []
    floor = math.inf  # an error at least this is tied with the one before
    for k in sorted(range(len(keys)), key=keys.__getitem__):  # stable
        error = errors[k]
        if not error >= floor:  # not tied (NaN never is)
            tied.sort()
            ranked += tied
            tied = []
        tied.append(k)
        floor = error * (1.0 - HINT_TIE_TOLERANCE)
    tied.sort()
    return ranked + tied


def inconsistency_hints(
    a: np.ndarray, w: np.ndarray, labels: Sequence[str], top: int = HINTS_SHOWN
) -> list[InconsistencyHint]:
    """The ``top`` judgments with the largest e_ij = a_ij w_j / w_i (AHP-OS, Goepel 2018), tied
    ones in the cells' order (:func:`hint_order`)."""
    rows, cols = upper_triangle(len(labels))
    e = a[rows, cols] * w[cols] / w[rows]
    error = np.maximum(e, 1.0 / e).tolist()
    hints: list[InconsistencyHint] = []
    for k in hint_order(error)[:top]:
        if error[k] <= 1.0 + HINT_FLOOR:
            break
        i, j = int(rows[k]), int(cols[k])
        suggested = float(w[i] / w[j])
        hints.append(
            InconsistencyHint(
                row=labels[i],
                column=labels[j],
                current=float(a[i, j]),
                error=error[k],
                suggested=suggested,
                suggested_scale=nearest_saaty_value(suggested),
            )
        )
    return hints


def nearest_saaty_value(x: float) -> float:
    """The 1/9..9 scale value closest to ``x`` on a log scale (the smaller of two equally close).

    Only the two scale values either side of ``x`` can be closest (the scale is sorted); an
    infinite or NaN ``x`` is 1/9, as the first of distances that are all infinite or NaN."""
    log_x = math.log(x)
    if not math.isfinite(log_x):
        return float(SAATY_VALUES[0])
    above = bisect.bisect_left(_SAATY_LOGS, log_x)
    if above == 0 or (above < len(SAATY_VALUES) and _SAATY_LOGS[above] - log_x < log_x - _SAATY_LOGS[above - 1]):
        return float(SAATY_VALUES[above])
    return float(SAATY_VALUES[above - 1])


def off_scale_warnings(a: np.ndarray, labels: Sequence[str], scale_max: float = SCALE_MAX) -> list[LocalizedText]:
    """A note for each judgment outside 1/9..9: RI (hence CR) and S* assume Saaty's scale."""
    n = len(labels)
    out: list[LocalizedText] = []
    for i in range(n):
        for j in range(i + 1, n):
            x = float(a[i, j])
            if x > scale_max * (1 + 1e-9) or x < 1 / (scale_max * (1 + 1e-9)):
                value = fraction_text(x)
                out.append(
                    LocalizedText(
                        en=(
                            f"{labels[i]} vs {labels[j]} = {value} lies outside Saaty's 1/9..9 scale; "
                            "the random index (so CR) and the consensus S* assume that scale"
                        ),
                        nb=(
                            f"{labels[i]} mot {labels[j]} = {value} ligger utenfor Saatys skala 1/9..9; "
                            "tilfeldighetsindeksen (og dermed CR) og konsensusmålet S* forutsetter den skalaen"
                        ),
                    )
                )
    return out


class AHPResult(Frozen):
    labels: tuple[str, ...]
    matrix: tuple[tuple[float, ...], ...]
    weights: dict[str, float]
    n: int
    lambda_max: float
    ci: float
    ri: float
    cr: float
    consistent: bool = Field(description=f"CR <= {CONSISTENCY_THRESHOLD}")
    priority_method: PriorityMethod
    ri_table: RITable
    ri_table_note: str
    hints: tuple[InconsistencyHint, ...]
    warnings: tuple[LocalizedText, ...] = Field(default=(), description="e.g. judgments outside 1/9..9")

    def to_json_dict(self) -> dict:
        return {
            "weights": self.weights,
            "warnings": [w.en for w in self.warnings],
            "lambda_max": self.lambda_max,
            "ci": self.ci,
            "cr": self.cr,
            "ri": self.ri,
            "consistent": self.consistent,
            "priority_method": self.priority_method,
            "ri_table": self.ri_table,
            "ri_table_note": self.ri_table_note,
            "hints": [
                {
                    "row": h.row,
                    "column": h.column,
                    "current": h.current,
                    "error": h.error,
                    "suggested": h.suggested,
                    "suggested_scale": h.suggested_text,
                }
                for h in self.hints
            ],
        }


@dataclass(frozen=True)
class Consistency:
    """What :func:`analyse` derives from a matrix (priorities, consistency, hints), without the
    matrix and the notes: for callers that keep only this (a workshop submission)."""

    weights: dict[str, float]
    lambda_max: float
    ci: float
    ri: float
    cr: float
    consistent: bool
    hints: tuple[InconsistencyHint, ...]


def consistency(
    pairwise: PairwiseMatrix,
    priority_method: PriorityMethod = "eigenvector",
    ri_table: RITable = "saaty",
) -> Consistency:
    """Priorities, lambda_max, CI, CR and the top-3 inconsistent judgments of one matrix (as :func:`analyse`)."""
    return _consistency(pairwise.array, pairwise.labels, priority_method, ri_table)


def _consistency(
    a: np.ndarray, labels: tuple[str, ...], priority_method: PriorityMethod, ri_table: RITable
) -> Consistency:
    n = len(labels)
    lambda_max, eigvec = principal_eigen(a)
    w = eigvec if priority_method == "eigenvector" else compute_priorities(a, priority_method)
    ci = max(0.0, (lambda_max - n) / (n - 1)) if n > 2 else 0.0
    ri = random_index(n, ri_table)
    cr = ci / ri if ri > 0 else 0.0
    if abs(cr) < CR_ZERO:  # a consistent matrix: 0, not the solver's 4e-16
        ci = cr = 0.0
    return Consistency(
        weights={label: float(x) for label, x in zip(labels, w)},
        lambda_max=lambda_max if n > 2 else float(n),
        ci=ci,
        ri=ri,
        cr=cr,
        consistent=cr <= CONSISTENCY_THRESHOLD,
        hints=tuple(inconsistency_hints(a, w, labels)),
    )


def analyse(
    pairwise: PairwiseMatrix,
    priority_method: PriorityMethod = "eigenvector",
    ri_table: RITable = "saaty",
) -> AHPResult:
    """Priorities, lambda_max, CI, CR and the top-3 inconsistent judgments of one matrix.

    lambda_max is the principal eigenvalue whatever the priority method, so CR is a
    property of the judgments; the hints use the chosen priorities.
    """
    a = pairwise.array
    found = _consistency(a, pairwise.labels, priority_method, ri_table)
    return AHPResult(
        labels=pairwise.labels,
        matrix=tuple(map(tuple, a.tolist())),
        weights=found.weights,
        n=pairwise.n,
        lambda_max=found.lambda_max,
        ci=found.ci,
        ri=found.ri,
        cr=found.cr,
        consistent=found.consistent,
        priority_method=priority_method,
        ri_table=ri_table,
        ri_table_note=RI_TABLE_NOTES[ri_table],
        hints=found.hints,
        warnings=tuple(off_scale_warnings(a, pairwise.labels)),
    )


# --- groups -------------------------------------------------------------------------


def _member_weights(count: int, member_weights: Sequence[float] | np.ndarray | None) -> np.ndarray:
    if member_weights is None:
        return np.full(count, 1.0 / count)
    lam = np.asarray(member_weights, dtype=float)
    if lam.shape != (count,) or np.any(~np.isfinite(lam)) or np.any(lam < 0) or lam.sum() <= 0:
        raise InputError(
            Issue("parameter_invalid", details={"reason": f"member weights must be {count} numbers ≥ 0, not all 0"})
        )
    return lam / lam.sum()


def aggregate_judgments(
    matrices: Sequence[PairwiseMatrix], member_weights: Sequence[float] | np.ndarray | None = None
) -> PairwiseMatrix:
    """AIJ: element-wise weighted geometric mean of the members' matrices."""
    _same_labels(matrices)
    lam = _member_weights(len(matrices), member_weights)
    logs = np.stack([np.log(m.array) for m in matrices])
    return PairwiseMatrix.from_array(matrices[0].labels, np.exp(np.tensordot(lam, logs, axes=1)))


def aggregate_priorities(
    priorities: np.ndarray, member_weights: Sequence[float] | np.ndarray | None = None
) -> np.ndarray:
    """AIP: weighted geometric mean of the members' priority vectors, renormalised."""
    lam = _member_weights(priorities.shape[0], member_weights)
    g = np.exp(lam @ np.log(priorities))
    return g / g.sum()


def _same_labels(matrices: Sequence[PairwiseMatrix]) -> None:
    if not matrices:
        raise InputError(Issue("parameter_invalid", details={"reason": "no judgment matrices given"}))
    first = matrices[0].labels
    for m in matrices[1:]:
        if m.labels != first:
            raise InputError(
                Issue("pairwise_criteria_mismatch", details={"found": list(m.labels), "expected": list(first)})
            )


CONSENSUS_BANDS: tuple[tuple[float, LocalizedText], ...] = (
    (0.5, LocalizedText(en="very low", nb="svært lav")),
    (0.625, LocalizedText(en="low", nb="lav")),
    (0.75, LocalizedText(en="moderate", nb="moderat")),
    (0.875, LocalizedText(en="high", nb="høy")),
    (math.inf, LocalizedText(en="very high", nb="svært høy")),
)


class Consensus(Frozen):
    """Goepel's AHP consensus indicator S* and its parts (natural-log Shannon entropies)."""

    s_star: float = Field(description="consensus 0..1, corrected for the judgment scale")
    homogeneity: float = Field(description="uncorrected relative homogeneity (1/D_beta - 1/n)/(1 - 1/n)")
    band: LocalizedText
    h_alpha: float
    h_gamma: float
    h_beta: float
    scale_max: float
    members: int


def consensus_band(s_star: float) -> LocalizedText:
    for upper, label in CONSENSUS_BANDS:
        if s_star < upper:
            return label
    return CONSENSUS_BANDS[-1][1]


def _entropy(p: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, -p * np.log(p), 0.0)
    return terms.sum(axis=-1)


def ahp_consensus(
    priorities: np.ndarray, member_weights: Sequence[float] | np.ndarray | None = None, scale_max: float = 9.0
) -> Consensus | None:
    """S* = (1/exp(H_beta) - 1/c) / (1 - 1/c), c = exp(H_gamma,max - H_alpha,min).

    H_alpha: (weighted) mean of the members' entropies; H_gamma: entropy of the (weighted)
    mean priorities; H_beta = H_gamma - H_alpha; H_gamma,max = ln n; H_alpha,min is the
    entropy of the most extreme priority vector the scale allows (one item M times every
    other): Goepel (2018), as in AHP-OS. None for fewer than two members.
    """
    p = np.asarray(priorities, dtype=float)
    k, n = p.shape
    if k < 2:
        return None
    lam = _member_weights(k, member_weights)
    h_alpha = float(lam @ _entropy(p))
    h_gamma = float(_entropy(lam @ p))
    h_beta = h_gamma - h_alpha
    top = scale_max / (n + scale_max - 1.0)
    rest = 1.0 / (n + scale_max - 1.0)
    h_alpha_min = -top * math.log(top) - (n - 1) * rest * math.log(rest)
    correction = math.exp(math.log(n) - h_alpha_min)
    s_star = (1.0 / math.exp(h_beta) - 1.0 / correction) / (1.0 - 1.0 / correction)
    homogeneity = (1.0 / math.exp(h_beta) - 1.0 / n) / (1.0 - 1.0 / n)
    return Consensus(
        s_star=s_star,
        homogeneity=homogeneity,
        band=consensus_band(s_star),
        h_alpha=h_alpha,
        h_gamma=h_gamma,
        h_beta=h_beta,
        scale_max=scale_max,
        members=k,
    )


class MemberResult(Frozen):
    source: str
    weights: dict[str, float]
    cr: float
    consistent: bool


class GroupAHPResult(Frozen):
    labels: tuple[str, ...]
    aggregation: Aggregation
    weights: dict[str, float]
    group_matrix: tuple[tuple[float, ...], ...] = Field(description="element-wise geometric mean")
    lambda_max: float
    cr: float = Field(description="CR of the geometric-mean group matrix")
    priority_method: PriorityMethod
    ri_table: RITable
    consensus: Consensus | None
    member_weights: tuple[float, ...]
    members: tuple[MemberResult, ...]
    method_note: str
    warnings: tuple[LocalizedText, ...] = Field(default=(), description="members' judgments outside 1/9..9")

    def to_json_dict(self) -> dict:
        return {
            "weights": self.weights,
            "warnings": [w.en for w in self.warnings],
            "aggregation": self.aggregation,
            "cr": self.cr,
            "lambda_max": self.lambda_max,
            "priority_method": self.priority_method,
            "ri_table": self.ri_table,
            "consensus": None
            if self.consensus is None
            else {
                "s_star": self.consensus.s_star,
                "band": self.consensus.band.en,
                "homogeneity": self.consensus.homogeneity,
                "h_alpha": self.consensus.h_alpha,
                "h_gamma": self.consensus.h_gamma,
                "h_beta": self.consensus.h_beta,
                "scale_max": self.consensus.scale_max,
            },
            "member_weights": list(self.member_weights),
            "members": [m.model_dump() for m in self.members],
            "method_note": self.method_note,
        }


def analyse_group(
    matrices: Sequence[PairwiseMatrix],
    aggregation: Aggregation = "aij",
    member_weights: Sequence[float] | None = None,
    sources: Sequence[str] | None = None,
    priority_method: PriorityMethod = "eigenvector",
    ri_table: RITable = "saaty",
    scale_max: float = 9.0,
) -> GroupAHPResult:
    """Group weights by AIJ or AIP, the group matrix's CR and the S* consensus."""
    _same_labels(matrices)
    labels = matrices[0].labels
    lam = _member_weights(len(matrices), member_weights)
    individual = [analyse(m, priority_method, ri_table) for m in matrices]
    priorities = np.array([[r.weights[label] for label in labels] for r in individual])
    group_matrix = aggregate_judgments(matrices, lam)
    group = analyse(group_matrix, priority_method, ri_table)
    if aggregation == "aij":
        weights = np.array([group.weights[label] for label in labels])
        note = "AIJ: weighted geometric mean of the judgments, then " + priority_method + " priorities"
    elif aggregation == "aip":
        weights = aggregate_priorities(priorities, lam)
        note = "AIP: weighted geometric mean of the members' " + priority_method + " priorities, renormalised"
    else:
        raise ValueError(f"unknown aggregation {aggregation!r}; expected aij or aip")
    names = list(sources) if sources is not None else [f"member {i + 1}" for i in range(len(matrices))]
    return GroupAHPResult(
        labels=labels,
        aggregation=aggregation,
        weights={label: float(x) for label, x in zip(labels, weights)},
        group_matrix=group.matrix,
        lambda_max=group.lambda_max,
        cr=group.cr,
        priority_method=priority_method,
        ri_table=ri_table,
        consensus=ahp_consensus(priorities, lam, scale_max),
        member_weights=tuple(float(x) for x in lam),
        members=tuple(
            MemberResult(source=name, weights=r.weights, cr=r.cr, consistent=r.consistent)
            for name, r in zip(names, individual)
        ),
        method_note=note,
        warnings=tuple(
            LocalizedText(en=f"{name}: {w.en}", nb=f"{name}: {w.nb}")
            for name, r in zip(names, individual)
            for w in r.warnings
        ),
    )
