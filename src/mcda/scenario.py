"""A scenario: every input of one ranking in one JSON file, with a SHA-256 of those inputs.

A :class:`Scenario` holds the full :class:`~mcda.models.DecisionProblem` (criteria,
alternatives, every value with its provenance, the bibliography), the
:class:`~mcda.models.WeightSet`, the pairwise judgments when the weights came from AHP
(:class:`Judgments`, so they can be recomputed), or for a workshop round over the value tree the
members' node matrices and the round's plan (:class:`~mcda.tree_judgments.TreeJudgments`, format
version 2), the method, normalisation, parameters, missing-value policy and random seeds.
:meth:`Scenario.rank` reproduces the ranking exactly (the same floats), because the stored
weights and values survive JSON unchanged: Python writes the shortest text that reads back as
the same double.

The hash (``sha256``) is the SHA-256 of the UTF-8 bytes of the *canonical JSON* of the
inputs::

    json.dumps(<the file's JSON object without UNHASHED_FIELDS>,
               sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)

that is, every field of the file except ``sha256`` itself, ``created_at``, ``library_versions``
and the recorded ``result`` (an output, checked separately by recomputing it). ``tree_judgments``
is written only when there are some, so a file without them hashes as files did before they
existed. Keys are sorted, there is no whitespace, non-ASCII letters are written as themselves,
and floats use Python's shortest round-trip form. The order of criteria and alternatives is part of the
inputs (it decides ties); the order of keys in mappings is not. :func:`load_scenario`
recomputes the hash and refuses a file whose inputs were changed after it was saved, then
recomputes the weights from the judgments (AHP, or a tree round node by node) and refuses stored
weights that do not follow from them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, model_validator

from . import ahp
from .ahp import Aggregation, AHPResult, GroupAHPResult, PairwiseMatrix, PriorityMethod, RITable
from .errors import InputError, Issue
from .loading import check_size, check_text_fields, parse_json, read_text
from .missing import DEFAULT_MISSING_POLICY, MissingPolicy
from .models import DecisionProblem, Frozen, Ranking, WeightOrigin, WeightSet
from .ranking import DEFAULT_SETTINGS, RankingSettings, get_method, rank_alternatives, resolve_normalization
from .tree_judgments import WEIGHTS_TOLERANCE, TreeJudgments
from .versions import library_versions

SCENARIO_FORMAT: Literal["prosess21-mcda-scenario"] = "prosess21-mcda-scenario"
SCENARIO_VERSION: Literal[2] = 2  # the newest: 2 adds tree_judgments (a file without them is written as 1)
UNHASHED_FIELDS = frozenset({"sha256", "created_at", "library_versions", "result"})


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


class Judgments(Frozen):
    """The pairwise judgments behind AHP weights: one matrix, or one per group member."""

    matrices: tuple[PairwiseMatrix, ...] = Field(min_length=1, description="judgment matrices over the criteria")
    members: tuple[str, ...] = Field(default=(), description="who gave each matrix (file or member label)")
    aggregation: Aggregation = Field(default="aij", description="group aggregation (AIJ or AIP); one matrix: unused")
    member_weights: tuple[float, ...] | None = Field(default=None, description="members' weights; None: equal")
    priority_method: PriorityMethod = Field(default="eigenvector", description="eigenvector or geometric mean")
    ri_table: RITable = Field(default="saaty", description="random-index table for CR")

    @model_validator(mode="after")
    def _consistent(self) -> Judgments:
        labels = self.matrices[0].labels
        if any(m.labels != labels for m in self.matrices[1:]):
            raise ValueError("every judgment matrix must compare the same criteria in the same order")
        if self.members and len(self.members) != len(self.matrices):
            raise ValueError(f"{len(self.members)} member labels for {len(self.matrices)} matrices")
        if self.member_weights is not None and len(self.member_weights) != len(self.matrices):
            raise ValueError(f"{len(self.member_weights)} member weights for {len(self.matrices)} matrices")
        return self

    @property
    def is_group(self) -> bool:
        return len(self.matrices) > 1

    @property
    def labels(self) -> tuple[str, ...]:
        return self.matrices[0].labels

    def member_labels(self) -> tuple[str, ...]:
        return self.members or tuple(f"member {i + 1}" for i in range(len(self.matrices)))

    def analyse(self) -> AHPResult:
        """One matrix: its analysis; a group: the analysis of the geometric-mean group matrix."""
        if not self.is_group:
            return ahp.analyse(self.matrices[0], self.priority_method, self.ri_table)
        return ahp.analyse(
            ahp.aggregate_judgments(self.matrices, self.member_weights), self.priority_method, self.ri_table
        )

    def analyse_group(self) -> GroupAHPResult | None:
        """Group weights, member CRs and the consensus S*; None for a single matrix."""
        if not self.is_group:
            return None
        return ahp.analyse_group(
            self.matrices,
            self.aggregation,
            member_weights=self.member_weights,
            sources=self.member_labels(),
            priority_method=self.priority_method,
            ri_table=self.ri_table,
        )

    def priorities(self) -> dict[str, float]:
        group = self.analyse_group()
        return group.weights if group is not None else self.analyse().weights

    def weight_set(self, name: str | None = None) -> WeightSet:
        """The WeightSet these judgments give (as ``mcda rank --pairwise`` records it for one matrix)."""
        if not self.is_group:
            result = self.analyse()
            source = self.members[0] if self.members else None
            return WeightSet.from_raw(
                result.weights,
                name=name or (f"AHP ({source})" if source else "AHP"),
                origin=WeightOrigin(
                    kind="ahp",
                    details={
                        "file": source,
                        "cr": result.cr,
                        "priority_method": self.priority_method,
                        "ri_table": self.ri_table,
                    },
                ),
            )
        group = self.analyse_group()
        assert group is not None
        return WeightSet.from_raw(
            group.weights,
            name=name or f"AHP group ({self.aggregation.upper()}, {len(self.matrices)} members)",
            origin=WeightOrigin(
                kind="ahp",
                details={
                    "members": list(self.member_labels()),
                    "aggregation": self.aggregation,
                    "cr": group.cr,
                    "s_star": None if group.consensus is None else group.consensus.s_star,
                    "priority_method": self.priority_method,
                    "ri_table": self.ri_table,
                },
            ),
        )


class RecordedRank(Frozen):
    id: str = Field(description="alternative id")
    rank: int = Field(description="rank when the scenario was saved")
    score: float = Field(description="score when the scenario was saved")


class Scenario(Frozen):
    """Every input of one ranking, the settings, and a SHA-256 of the inputs (see module doc)."""

    format: Literal["prosess21-mcda-scenario"] = Field(default=SCENARIO_FORMAT, description="file type marker")
    format_version: Literal[1, 2] = Field(default=1, description="version of this file layout (2: tree_judgments)")
    name: str = Field(default="", description="label of the scenario")
    problem: DecisionProblem = Field(description="criteria, alternatives, every value with its provenance, sources")
    weights: WeightSet = Field(description="the weight set over all the problem's criteria, as chosen")
    judgments: Judgments | None = Field(default=None, description="AHP judgments the weights were computed from")
    tree_judgments: TreeJudgments | None = Field(
        default=None, description="a tree round's plan and members' node matrices the weights were computed from"
    )
    method: str = Field(description="ranking method key, e.g. topsis")
    normalization: str | None = Field(description="normalisation used (None: the method's own)")
    parameters: dict[str, Any] = Field(default_factory=dict, description="method parameters, defaults included")
    missing_policy: MissingPolicy = Field(default=DEFAULT_MISSING_POLICY, description="missing-value policy")
    seeds: dict[str, int] = Field(default_factory=dict, description="random seeds of anything random, by use")
    result: tuple[RecordedRank, ...] = Field(default=(), description="the ranking when saved (not hashed)")
    library_versions: dict[str, str] = Field(
        default_factory=lambda: dict(library_versions()), description="library versions when saved (not hashed)"
    )
    created_at: dt.datetime = Field(default_factory=lambda: _utcnow(), description="when saved (UTC; not hashed)")
    sha256: str = Field(default="", description="SHA-256 of the canonical JSON of the inputs")

    @model_validator(mode="after")
    def _one_kind_of_judgments(self) -> Scenario:
        if self.judgments is not None and self.tree_judgments is not None:
            raise ValueError("a scenario has AHP judgments or tree judgments, not both")
        if self.tree_judgments is not None and self.format_version < 2:
            raise ValueError("tree_judgments need format_version 2")
        return self

    # --- building ------------------------------------------------------------------------
    @classmethod
    def create(
        cls,
        problem: DecisionProblem,
        weights: WeightSet,
        settings: RankingSettings = DEFAULT_SETTINGS,
        judgments: Judgments | None = None,
        seeds: Mapping[str, int] | None = None,
        name: str = "",
        ranking: Ranking | None = None,
        tree_judgments: TreeJudgments | None = None,
    ) -> Scenario:
        """A scenario with its hash; the normalisation and parameters are recorded explicitly."""
        written = settings.canonical()
        scenario = cls(
            format_version=1 if tree_judgments is None else 2,
            name=name,
            problem=problem,
            weights=weights,
            judgments=judgments,
            tree_judgments=tree_judgments,
            method=written.method,
            normalization=written.normalization,
            parameters=written.parameters,
            missing_policy=written.missing_policy,
            seeds=dict(seeds or {}),
            result=() if ranking is None else recorded(ranking),
        )
        return scenario.model_copy(update={"sha256": scenario.compute_sha256()})

    @classmethod
    def from_ranking(
        cls,
        problem: DecisionProblem,
        weights: WeightSet,
        ranking: Ranking,
        judgments: Judgments | None = None,
        seeds: Mapping[str, int] | None = None,
        name: str = "",
        tree_judgments: TreeJudgments | None = None,
    ) -> Scenario:
        """The scenario of a ranking already computed (``weights``: the set as chosen, over all criteria)."""
        return cls.create(
            problem,
            weights,
            RankingSettings.of(ranking),
            judgments,
            seeds,
            name,
            ranking,
            tree_judgments,
        )

    # --- hashing and checking ------------------------------------------------------------
    def _written(self, exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
        """The file's JSON object: every field, ``tree_judgments`` only when there are some."""
        absent = {"tree_judgments"} if self.tree_judgments is None else set()
        return self.model_dump(mode="json", exclude=set(exclude) | absent)

    def canonical_inputs(self) -> bytes:
        return canonical_json(self._written(UNHASHED_FIELDS))

    def compute_sha256(self) -> str:
        return hashlib.sha256(self.canonical_inputs()).hexdigest()

    def weights_difference(self) -> float:
        """Largest |stored - recomputed| weight when judgments are recorded (0 without).

        Criteria the judgments do not compare must have weight 0 (a workshop's weight set covers
        every criterion of the problem, the criteria not weighed with 0); else the difference is inf.
        """
        if self.judgments is None:
            return 0.0
        recomputed = self.judgments.priorities()
        stored = self.weights.weights
        if not set(recomputed) <= set(stored) or any(stored[c] != 0 for c in stored if c not in recomputed):
            return math.inf
        return max(abs(stored[c] - recomputed[c]) for c in recomputed)

    def judgment_issues(self, name: str = "scenario.json") -> list[Issue]:
        """Every way the stored weights do not follow from the recorded judgments (empty: they do)."""
        issues: list[Issue] = []
        difference = self.weights_difference()
        if difference > WEIGHTS_TOLERANCE:
            issues.append(
                Issue(
                    "scenario_weights_mismatch",
                    file=name,
                    column="weights",
                    details={"difference": f"{difference:.3g}"},
                )
            )
        if self.tree_judgments is not None:
            issues += [replace(issue, file=name) for issue in self.tree_judgments.issues(self.weights)]
        return issues

    # --- using ---------------------------------------------------------------------------
    def rank(self) -> Ranking:
        """The ranking of these inputs (equal, float for float, to the one saved)."""
        return rank_alternatives(self.problem, self.weights, self.settings)

    @property
    def settings(self) -> RankingSettings:
        return RankingSettings.of(self)

    def reproduces(self, ranking: Ranking) -> bool:
        """Whether ``ranking`` has exactly the recorded ids, ranks and scores (True when none recorded)."""
        return not self.result or recorded(ranking) == self.result

    def to_json(self) -> str:
        """The scenario file's text (indented for reading; the hash does not depend on layout)."""
        return json.dumps(self._written(), ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def recorded(ranking: Ranking) -> tuple[RecordedRank, ...]:
    return tuple(RecordedRank(id=e.id, rank=e.rank, score=e.score) for e in ranking.entries)


def canonical_json(data: Any) -> bytes:
    """Sorted keys, no whitespace, UTF-8, no NaN: the bytes the scenario hash is taken of."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")


def load_scenario(text: str | bytes, name: str = "scenario.json") -> Scenario:
    """Parse a scenario file, check its hash (and AHP weights); every failure is an InputError."""
    if isinstance(text, bytes):
        check_size(len(text), name)
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(Issue("not_utf8", file=name)) from None
    data = parse_json(text, name)
    if not isinstance(data, dict) or data.get("format") != SCENARIO_FORMAT:
        raise InputError(Issue("scenario_format", file=name, details={"expected": SCENARIO_FORMAT}))
    if type(data.get("format_version")) is not int or not 1 <= data["format_version"] <= SCENARIO_VERSION:
        raise InputError(
            Issue(
                "scenario_version",
                file=name,
                details={"found": json.dumps(data.get("format_version"))[:40], "expected": SCENARIO_VERSION},
            )
        )
    check_text_fields(data, name)
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        raise InputError(
            [
                Issue(
                    "scenario_invalid",
                    file=name,
                    column=".".join(str(p) for p in err["loc"]) or None,
                    details={"reason": _reason(err)},
                )
                for err in exc.errors()
            ]
        ) from None
    computed = scenario.compute_sha256()
    judgment_issues = scenario.judgment_issues(name)  # after a changed hash too: they say where it changed
    if computed != scenario.sha256:
        changed = Issue(
            "scenario_hash_mismatch",
            file=name,
            column="sha256",
            details={"recorded": scenario.sha256[:12] or "(none)", "computed": computed[:12]},
        )
        raise InputError([changed, *judgment_issues])
    if judgment_issues:
        raise InputError(judgment_issues)
    _check_settings(scenario, name)  # after the hash: a changed file is reported as changed
    return scenario


def _check_settings(scenario: Scenario, name: str) -> None:
    """The method, normalisation and parameters must be known, and there must be something to rank."""
    try:
        spec = get_method(scenario.method)
        resolve_normalization(spec, scenario.normalization)
    except InputError as exc:
        raise InputError([_in_file(issue, name, "method") for issue in exc.issues]) from None
    unknown = sorted(set(scenario.parameters) - set(spec.default_parameters))
    if unknown:
        expected = list(spec.default_parameters) or ["none"]
        raise InputError(
            [
                Issue(
                    "scenario_invalid",
                    file=name,
                    column=f"parameters.{key}",
                    details={"reason": f"is not a parameter of {spec.label.en}; expected {', '.join(expected)}"},
                )
                for key in unknown
            ]
        )
    if len(scenario.problem.alternatives) < 2:
        raise InputError(
            Issue(
                "too_few_alternatives",
                file=name,
                column="problem.alternatives",
                details={"found": len(scenario.problem.alternatives)},
            )
        )


def _in_file(issue: Issue, name: str, column: str) -> Issue:
    return Issue(issue.code, name, issue.line, issue.column or column, issue.value, issue.details)


def _reason(err: Mapping[str, Any]) -> str:
    original = (err.get("ctx") or {}).get("error")
    if isinstance(original, InputError):
        return original.message("en")
    return str(err.get("msg", "invalid"))


def load_scenario_file(path: str | Path) -> Scenario:
    return load_scenario(read_text(path), str(path))
