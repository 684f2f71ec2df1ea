"""Outlooks: pictures of the world (export controls, tariffs, price shocks) as changes to
the problem's values and, optionally, to the weights; rankings across outlooks and a
choice that holds up in all of them.

An outlook file (YAML, shipped ones in ``outlooks/``) names itself in both languages and
lists changes, each with its basis: a published figure (a source key of the
bibliography) or the project group's judgment (an ordinal step on a scored criterion,
with its rationale). :func:`apply_outlook` is pure: it returns a new DecisionProblem and
WeightSet. :func:`rank_across_outlooks` ranks the problem under each outlook and gives
each position's rank range, its regret (the places it loses against first place in each
outlook), the minimax-regret order and, with probabilities, the expected rank.
:func:`outlook_acceptability` samples the outlook together with the weights (SMAA-2).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np
from pydantic import Field, PrivateAttr, ValidationError, model_validator

from .errors import InputError, Issue
from .loading import _validation_issues, _yaml_line, parse_yaml, read_text
from .models import ID_PATTERN, Cell, DecisionProblem, Frozen, LocalizedText, Provenance, WeightOrigin, WeightSet
from .ranking import DEFAULT_SETTINGS, Ranking, RankingSettings, rank_alternatives
from .sensitivity.acceptability import analyse_rank_acceptability
from .sensitivity.clouds import WeightCloud

Basis = Literal["published", "judgment"]
BASE_ID = "today"


class CellChange(Frozen):
    """One change to some cells: exactly one of set, add, multiply or widen."""

    positions: tuple[str, ...] = Field(min_length=1, description="position (alternative) ids")
    criterion: str = Field(description="criterion id")
    set: float | None = Field(default=None, description="the new value")
    add: float | None = Field(default=None, description="added to the value (a judgment step: a whole number)")
    multiply: float | None = Field(default=None, description="the value times this factor (published figures only)")
    widen: float | None = Field(default=None, description="the uncertainty range widened by this much each way")
    basis: Basis = Field(description="published (with source) or judgment (the project group's, with rationale)")
    sources: tuple[str, ...] = Field(
        default=(), description="bibliography keys: the published figure, or the evidence behind a judgment"
    )
    rationale: LocalizedText = Field(description="why this change in this outlook")

    @model_validator(mode="after")
    def _one_kind(self) -> CellChange:
        kinds = [k for k in ("set", "add", "multiply", "widen") if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise ValueError(f"give exactly one of set, add, multiply, widen (got {', '.join(kinds) or 'none'})")
        value = getattr(self, kinds[0])
        if not math.isfinite(value):
            raise ValueError(f"{kinds[0]} must be a finite number")
        if self.basis == "published" and not self.sources:
            raise ValueError("a published change needs a source key in sources")
        if self.basis == "judgment":
            if self.multiply is not None:
                raise ValueError("a judgment change cannot multiply; a factor needs a published source")
            if value != int(value):
                raise ValueError("a judgment change moves whole steps on the scale; use a whole number")
        if self.widen is not None and self.widen < 0:
            raise ValueError("widen must be >= 0")
        if self.multiply is not None and self.multiply < 0:
            raise ValueError("multiply must be >= 0")
        return self

    @property
    def kind(self) -> str:
        return next(k for k in ("set", "add", "multiply", "widen") if getattr(self, k) is not None)

    @property
    def amount(self) -> float:
        return float(getattr(self, self.kind))


class WeightChange(Frozen):
    """A change to one criterion's weight (before the weights are rescaled to sum to 1)."""

    criterion: str = Field(description="criterion id")
    multiply: float | None = Field(default=None, description="the weight times this factor")
    set: float | None = Field(default=None, description="the new weight before rescaling (the weights sum to 1)")
    rationale: LocalizedText = Field(description="why; weight changes are always the group's judgment")

    @model_validator(mode="after")
    def _one_kind(self) -> WeightChange:
        if (self.multiply is None) == (self.set is None):
            raise ValueError("give exactly one of multiply or set")
        value = self.multiply if self.multiply is not None else self.set
        if value is None or not math.isfinite(value) or value < 0:
            raise ValueError("the weight change must be a finite number >= 0")
        return self


class Outlook(Frozen):
    """A picture of the world as changes to values and weights, each with its basis."""

    id: str = Field(pattern=ID_PATTERN, description="stable id")
    name: LocalizedText = Field(description="short name in both languages")
    description: LocalizedText = Field(description="what the world looks like in this outlook")
    author: str = Field(default="Prosjektgruppen", description="who made the judgment changes")
    date: dt.date | None = Field(default=None, description="when the outlook was written")
    changes: tuple[CellChange, ...] = Field(default=(), description="changes to values")
    weights: tuple[WeightChange, ...] = Field(default=(), description="changes to weights")

    _file: str | None = PrivateAttr(default=None)
    _lines: dict[tuple[str, int], int] = PrivateAttr(default_factory=dict)

    def located(self, section: str, index: int, code: str, **details: Any) -> Issue:
        """An issue naming the outlook's file and the line of change ``index`` in ``section``."""
        column = details.pop("column", f"{section}[{index}]")
        value = details.pop("value", None)
        return Issue(
            code,
            file=self._file,
            line=self._lines.get((section, index)),
            column=column,
            value=None if value is None else str(value),
            details=details,
        )

    @property
    def file(self) -> str | None:
        return self._file

    @property
    def judgment_changes(self) -> int:
        return sum(1 for c in self.changes if c.basis == "judgment") + len(self.weights)


def fits_problem(outlook: Outlook, problem: DecisionProblem) -> bool:
    """Whether the outlook names only positions, criteria and source keys of ``problem``: the shipped
    outlooks are written for the shipped problem, and an uploaded problem keeps those that fit it."""
    alternatives, criteria = set(problem.alternative_ids), set(problem.criterion_ids)
    return (
        all(set(c.positions) <= alternatives and c.criterion in criteria for c in outlook.changes)
        and all(w.criterion in criteria for w in outlook.weights)
        and all(key in problem.sources for c in outlook.changes for key in c.sources)
    )


def base_outlook() -> Outlook:
    """Today: no changes (the comparison's reference)."""
    return Outlook(
        id=BASE_ID,
        name=LocalizedText(en="Today", nb="I dag"),
        description=LocalizedText(en="The data as they are, without changes.", nb="Dataene som de er, uten endringer."),
    )


# --- loading ----------------------------------------------------------------------------


def parse_outlook(text: str, name: str = "outlook.yaml", sources: Mapping[str, str] | None = None) -> Outlook:
    """An outlook from YAML text; every problem is reported with the file and line.

    With ``sources`` (the bibliography) a published change's source key must be in it.
    """
    data = parse_yaml(text, name)
    if not isinstance(data, dict):
        raise InputError(Issue("schema", file=name, details={"reason": "expected a mapping with id, name and changes"}))
    try:
        outlook = Outlook.model_validate(data)
    except ValidationError as exc:
        raise InputError(_validation_issues(exc, name, text, data)) from None
    outlook._file = name
    for section, items in (("changes", outlook.changes), ("weights", outlook.weights)):
        for i in range(len(items)):
            line = _yaml_line(text, (section, i))
            if line is not None:
                outlook._lines[(section, i)] = line
    if sources is not None:
        issues = [
            outlook.located("changes", i, "outlook_unknown_source", column=f"changes[{i}].sources", value=key)
            for i, c in enumerate(outlook.changes)
            for key in c.sources
            if key not in sources
        ]
        if issues:
            raise InputError(issues)
    return outlook


def load_outlook(path: str | Path, sources: Mapping[str, str] | None = None) -> Outlook:
    return parse_outlook(read_text(path), str(path), sources)


def load_outlooks(folder: str | Path, sources: Mapping[str, str] | None = None) -> tuple[Outlook, ...]:
    """Every ``*.yaml`` outlook in a folder, in file-name order."""
    return tuple(load_outlook(p, sources) for p in sorted(Path(folder).glob("*.yaml")))


# --- applying ---------------------------------------------------------------------------


def apply_outlook(problem: DecisionProblem, weights: WeightSet, outlook: Outlook) -> tuple[DecisionProblem, WeightSet]:
    """The problem and weights in this outlook (new objects; the inputs are unchanged).

    A changed cell's provenance becomes the change's: published with its source, or the
    project group's judgment with its rationale. Refused, with the file and line: an
    unknown position or criterion, a judgment on a criterion without a scale, add,
    multiply or widen on a missing value, a result off the criterion's scale.
    """
    issues: list[Issue] = []
    cells = {a: dict(row) for a, row in problem.cells.items()}
    crit_ids = set(problem.criterion_ids)
    for i, change in enumerate(outlook.changes):
        if change.criterion not in crit_ids:
            issues.append(
                outlook.located(
                    "changes",
                    i,
                    "outlook_unknown",
                    column=f"changes[{i}].criterion",
                    value=change.criterion,
                    what="criterion",
                    what_nb="kriterium",
                    expected=list(problem.criterion_ids),
                )
            )
            continue
        criterion = problem.criterion(change.criterion)
        if change.basis == "judgment" and criterion.scale is None and change.kind != "widen":
            issues.append(
                outlook.located(
                    "changes", i, "outlook_judgment_unscaled", value=change.criterion, column=f"changes[{i}]"
                )
            )
            continue
        for alt in change.positions:
            if alt not in cells:
                issues.append(
                    outlook.located(
                        "changes",
                        i,
                        "outlook_unknown",
                        column=f"changes[{i}].positions",
                        value=alt,
                        what="position",
                        what_nb="posisjon",
                        expected=list(problem.alternative_ids),
                    )
                )
                continue
            old = cells[alt][change.criterion]
            new, problem_code = _changed(old, change, criterion.scale)
            if problem_code:
                issues.append(
                    outlook.located(
                        "changes",
                        i,
                        problem_code,
                        column=f"{alt}/{change.criterion}",
                        value=change.amount,
                        kind=change.kind,
                        result="" if new is None else f"{new:g}",
                        min="" if criterion.scale is None else f"{criterion.scale.min:g}",
                        max="" if criterion.scale is None else f"{criterion.scale.max:g}",
                    )
                )
                continue
            cells[alt][change.criterion] = _with_provenance(old, new, change, outlook, criterion.scale)
    new_weights = _apply_weights(weights, outlook, problem, issues)
    if issues:
        raise InputError(issues)
    return problem.model_copy_validated(cells=cells), new_weights


def _changed(old: Cell, change: CellChange, scale: Any) -> tuple[float | None, str | None]:
    if change.kind == "set":
        value = change.amount
    elif old.value is None:
        return None, "outlook_on_missing"
    elif change.kind == "add":
        value = old.value + change.amount
    elif change.kind == "multiply":
        value = old.value * change.amount
    else:
        value = old.value
    if scale is not None and not scale.contains(value):
        return value, "outlook_off_scale"
    return value, None


def _with_provenance(old: Cell, value: float | None, change: CellChange, outlook: Outlook, scale: Any) -> Cell:
    if change.kind == "widen":
        assert old.value is not None  # widening a missing value is refused before
        wide_low = (old.low if old.low is not None else old.value) - change.amount
        wide_high = (old.high if old.high is not None else old.value) + change.amount
        if scale is not None:
            wide_low, wide_high = max(wide_low, scale.min), min(wide_high, scale.max)
        return Cell(value=old.value, provenance=old.provenance, low=wide_low, high=wide_high)
    rationale = f"{outlook.name.en}: {change.rationale.en}"
    rationale_nb = f"{outlook.name.nb}: {change.rationale.nb}"
    cited = "; ".join(f"[{key}]" for key in change.sources) or None
    if change.basis == "published":
        provenance = Provenance(kind="published", source=cited, rationale=rationale, rationale_nb=rationale_nb)
    else:
        provenance = Provenance(
            kind="expert_judgment",
            source=cited,
            author=outlook.author,
            date=outlook.date,
            rationale=rationale,
            rationale_nb=rationale_nb,
        )
    low, high = old.low, old.high
    if value is not None and old.value is not None and (low is not None or high is not None):
        shift = value - old.value if change.kind != "multiply" else None
        if shift is not None:
            low = None if low is None else low + shift
            high = None if high is None else high + shift
        else:
            low = None if low is None else low * change.amount
            high = None if high is None else high * change.amount
    if low is not None and value is not None and low > value:
        low = value
    if high is not None and value is not None and high < value:
        high = value
    if old.value is None:
        low = high = None
    return Cell(value=value, provenance=provenance, low=low, high=high)


def _apply_weights(weights: WeightSet, outlook: Outlook, problem: DecisionProblem, issues: list[Issue]) -> WeightSet:
    if not outlook.weights:
        return weights
    raw: dict[str, float | None] = dict(weights.weights)
    for i, change in enumerate(outlook.weights):
        if change.criterion not in raw:
            issues.append(
                outlook.located(
                    "weights",
                    i,
                    "outlook_unknown",
                    column=f"weights[{i}].criterion",
                    value=change.criterion,
                    what="criterion",
                    what_nb="kriterium",
                    expected=list(problem.criterion_ids),
                )
            )
            continue
        current = raw[change.criterion]
        if change.multiply is not None:
            raw[change.criterion] = None if current is None else current * change.multiply
        else:
            raw[change.criterion] = change.set
    given = {c: v for c, v in raw.items() if v is not None}
    if len(given) < len(raw) or sum(given.values()) <= 0:
        issues.append(outlook.located("weights", 0, "weights_all_zero"))
        return weights
    return WeightSet.from_raw(
        given,
        name=f"{weights.name} · {outlook.name.nb}",
        origin=WeightOrigin(kind=weights.origin.kind, details={**weights.origin.details, "outlook": outlook.id}),
    )


# --- ranking across outlooks ------------------------------------------------------------


class OutlookRanking(Frozen):
    outlook: Outlook
    ranking: Ranking


class RobustEntry(Frozen):
    """One position across the outlooks: its ranks, regret and robust place."""

    id: str
    name: LocalizedText
    ranks: dict[str, int] = Field(description="outlook id -> rank")
    rank_best: int = Field(description="best rank over the outlooks")
    rank_worst: int = Field(description="worst rank over the outlooks")
    regret: dict[str, int] = Field(description="outlook id -> places lost against first place (rank - 1)")
    max_regret: int = Field(description="largest regret over the outlooks")
    mean_regret: float = Field(description="mean regret over the outlooks (the tie-break)")
    expected_rank: float | None = Field(default=None, description="sum of probability x rank, when given")
    robust_rank: int = Field(description="place in the minimax-regret order (ties share the best place)")


class OutlookComparison(Frozen):
    """Rankings of one problem under several outlooks, and the choice across them."""

    rankings: tuple[OutlookRanking, ...]
    robust: tuple[RobustEntry, ...] = Field(description="sorted by robust rank, then input order")
    probabilities: dict[str, float] | None = Field(default=None, description="outlook id -> probability (sum 1)")
    settings: RankingSettings

    @property
    def outlook_ids(self) -> tuple[str, ...]:
        return tuple(r.outlook.id for r in self.rankings)

    def entry(self, alternative_id: str) -> RobustEntry:
        return next(e for e in self.robust if e.id == alternative_id)


def check_probabilities(
    probabilities: Mapping[str, float] | None, outlook_ids: Sequence[str]
) -> dict[str, float] | None:
    """Probabilities for exactly these outlooks, >= 0, not all zero; rescaled to sum 1."""
    if probabilities is None:
        return None
    issues = []
    for key in probabilities:
        if key not in outlook_ids:
            issues.append(Issue("outlook_probability_unknown", value=key, details={"expected": list(outlook_ids)}))
    for key in outlook_ids:
        p = probabilities.get(key)
        if p is None:
            issues.append(Issue("outlook_probability_missing", value=key))
        elif not math.isfinite(p) or p < 0:
            issues.append(Issue("outlook_probability_negative", value=str(p), column=key))
    if issues:
        raise InputError(issues)
    total = math.fsum(probabilities[k] for k in outlook_ids)
    if total <= 0:
        raise InputError(Issue("outlook_probability_zero"))
    return {k: probabilities[k] / total for k in outlook_ids}


def robust_entries(
    problem: DecisionProblem, ranks: Mapping[str, Mapping[str, int]], probabilities: Mapping[str, float] | None = None
) -> tuple[RobustEntry, ...]:
    """Rank range, regret, minimax-regret order and expected rank from ranks per outlook.

    Regret of a position in an outlook is the number of places it loses against the best
    it could have there, first place: rank - 1 (Savage's minimax regret on ranks). The
    robust order sorts by the largest regret, then the mean regret; ties share a place.
    """
    outlook_ids = list(ranks)
    rows: list[dict[str, Any]] = []
    for alt in problem.alternatives:
        r = {o: int(ranks[o][alt.id]) for o in outlook_ids}
        regret = {o: r[o] - 1 for o in outlook_ids}
        rows.append(
            dict(
                id=alt.id,
                name=alt.name,
                ranks=r,
                rank_best=min(r.values()),
                rank_worst=max(r.values()),
                regret=regret,
                max_regret=max(regret.values()),
                mean_regret=float(np.mean(list(regret.values()))),
                expected_rank=None
                if probabilities is None
                else float(math.fsum(probabilities[o] * r[o] for o in outlook_ids)),
            )
        )
    keys = [(row["max_regret"], round(row["mean_regret"], 12)) for row in rows]
    order = sorted(range(len(rows)), key=lambda i: (keys[i], i))
    out = []
    for i in order:
        place = 1 + sum(1 for k in keys if k < keys[i])
        out.append(RobustEntry(**rows[i], robust_rank=place))
    return tuple(out)


def rank_across_outlooks(
    problem: DecisionProblem,
    weights: WeightSet,
    outlooks: Sequence[Outlook],
    settings: RankingSettings = DEFAULT_SETTINGS,
    probabilities: Mapping[str, float] | None = None,
) -> OutlookComparison:
    """The problem ranked under each outlook (the same method and policy), and the robust choice."""
    if not outlooks:
        raise InputError(Issue("outlook_none"))
    ids = [o.id for o in outlooks]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise InputError(Issue("outlook_duplicate", value=", ".join(dupes)))
    probs = check_probabilities(probabilities, ids)
    rankings = []
    for outlook in outlooks:
        p, w = apply_outlook(problem, weights, outlook)
        rankings.append(OutlookRanking(outlook=outlook, ranking=rank_alternatives(p, w, settings)))
    ranks = {r.outlook.id: r.ranking.rank_of() for r in rankings}
    kept = set.intersection(*(set(r) for r in ranks.values()))
    used = problem.subset(alternatives=[a for a in problem.alternative_ids if a in kept])
    return OutlookComparison(
        rankings=tuple(rankings),
        robust=robust_entries(used, ranks, probs),
        probabilities=probs,
        settings=settings.canonical(),
    )


# --- acceptability over outlooks ----------------------------------------------------------


class OutlookAcceptability(Frozen):
    """Rank acceptability with the outlook drawn with the weights in every sample."""

    alternatives: tuple[str, ...]
    acceptability: tuple[tuple[float, ...], ...] = Field(description="[i][r]: share of samples at place r+1")
    samples_per_outlook: dict[str, int] = Field(description="outlook id -> samples drawn in it")
    probabilities: dict[str, float] = Field(description="outlook id -> probability used (equal when not given)")
    samples: int
    seed: int

    def first_share(self) -> dict[str, float]:
        return {a: row[0] for a, row in zip(self.alternatives, self.acceptability, strict=True)}


def outlook_acceptability(
    problem: DecisionProblem,
    weights: WeightSet,
    outlooks: Sequence[Outlook],
    cloud: Literal["fixed", "uniform", "around"] = "uniform",
    spread: float = 20.0,
    samples: int = 10_000,
    seed: int = 2025,
    settings: RankingSettings = DEFAULT_SETTINGS,
    probabilities: Mapping[str, float] | None = None,
) -> OutlookAcceptability:
    """SMAA-2 over outlooks and weights: each sample draws an outlook (by its probability)
    and a weight vector (uniform, ±spread % around the outlook's weights, or the outlook's
    weights fixed). The number of samples per outlook is drawn once, multinomially, from
    ``default_rng(seed)``; outlook k is then sampled with seed ``seed + 1 + k``."""
    if not outlooks:
        raise InputError(Issue("outlook_none"))
    ids = [o.id for o in outlooks]
    probs = check_probabilities(probabilities, ids) or {k: 1 / len(ids) for k in ids}
    rng = np.random.default_rng(seed)
    per = rng.multinomial(samples, [probs[k] for k in ids])
    total: np.ndarray | None = None
    alternatives: tuple[str, ...] = ()
    for k, (outlook, n) in enumerate(zip(outlooks, per, strict=True)):
        if n == 0:
            continue
        p, w = apply_outlook(problem, weights, outlook)
        if cloud == "uniform":
            c: WeightCloud | WeightSet = WeightCloud.uniform(p.criterion_ids)
        elif cloud == "around":
            c = WeightCloud.around(w, spread, criteria=p.criterion_ids)
        else:
            c = w
        result = analyse_rank_acceptability(p, c, samples=int(n), seed=seed + 1 + k, settings=settings)
        counts = np.array(result.counts, dtype=float)
        if total is None:
            total, alternatives = counts, result.alternatives
        else:
            total += counts
    assert total is not None
    return OutlookAcceptability(
        alternatives=alternatives,
        acceptability=tuple(tuple(float(x) / samples for x in row) for row in total),
        samples_per_outlook={k: int(n) for k, n in zip(ids, per, strict=True)},
        probabilities=probs,
        samples=samples,
        seed=seed,
    )
