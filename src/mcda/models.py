"""The shared objects: criteria, alternatives, the decision problem, weights and rankings.

All models are frozen pydantic models; operations return new objects. Arrays for the
numerical code are derived on demand (``DecisionProblem.matrix``) and cached.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_serializer, model_validator

from .errors import InputError, Issue, Lang
from .text_input import value_text

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_\-]*$"
ID_MAX_LENGTH = 200  # ids are stored in 200-character database columns


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class LocalizedText(Frozen):
    """Text in English and bokmål; a plain string is accepted for both."""

    en: str = Field(description="English text")
    nb: str = Field(description="Norwegian bokmål text")

    @model_validator(mode="before")
    @classmethod
    def _from_plain_string(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"en": data, "nb": data}
        if isinstance(data, Mapping):
            data = dict(data)
            if "en" in data and "nb" not in data:
                data["nb"] = data["en"]
            if "nb" in data and "en" not in data:
                data["en"] = data["nb"]
        return data

    def get(self, lang: Lang = "nb") -> str:
        return self.nb if lang == "nb" else self.en

    def __str__(self) -> str:
        return self.en


Direction = Literal["benefit", "cost"]


class Scale(Frozen):
    """An ordinal scale with an anchor text for each level (expert-judgment scores)."""

    min: float = Field(description="lowest score on the scale")
    max: float = Field(description="highest score on the scale")
    levels: dict[int, LocalizedText] = Field(default_factory=dict, description="anchor definition of each score level")

    @model_validator(mode="after")
    def _ordered(self) -> Scale:
        if not (math.isfinite(self.min) and math.isfinite(self.max)):
            raise ValueError(f"scale min and max must be finite numbers (got {self.min} and {self.max})")
        if self.max <= self.min:
            raise ValueError(f"scale max ({self.max}) must be greater than min ({self.min})")
        return self

    def contains(self, value: float) -> bool:
        return self.min <= value <= self.max


class Criterion(Frozen):
    id: str = Field(
        pattern=ID_PATTERN, max_length=ID_MAX_LENGTH, description="stable id used in data columns and weights"
    )
    name: LocalizedText = Field(description="display name")
    direction: Direction = Field(description="benefit: higher is better; cost: lower is better")
    unit: str | None = Field(default=None, description="unit or scale of the values")
    description: LocalizedText | None = Field(default=None, description="definition")
    scale: Scale | None = Field(default=None, description="ordinal scale for expert scores")

    @property
    def sign(self) -> int:
        return 1 if self.direction == "benefit" else -1


class Alternative(Frozen):
    id: str = Field(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH, description="stable id")
    name: LocalizedText = Field(description="display name")
    material: LocalizedText | None = Field(default=None, description="material")
    stage: LocalizedText | None = Field(default=None, description="value-chain stage")


ProvenanceKind = Literal["published", "expert_judgment", "missing", "unspecified"]


class Provenance(Frozen):
    """Where a value comes from: a published figure, an expert judgment, or nothing."""

    kind: ProvenanceKind = Field(description="published, expert_judgment, missing or unspecified")
    source: str | None = Field(default=None, description="citation of the figure or evidence (English)")
    source_nb: str | None = Field(default=None, description="the source's description in bokmål, when written")
    author: str | None = Field(default=None, description="who made the expert judgment")
    date: dt.date | None = Field(default=None, description="when the judgment was made")
    rationale: str | None = Field(default=None, description="why this value, or why missing (English)")
    rationale_nb: str | None = Field(default=None, description="the rationale in bokmål, when written")

    @model_serializer(mode="wrap")
    def _without_empty_bokmal(self, handler: Any) -> dict[str, Any]:
        # no bokmål rationale or source serialises as before, so saved scenarios keep their hash
        data = handler(self)
        for bokmal in ("rationale_nb", "source_nb"):
            if getattr(self, bokmal) is None:
                data.pop(bokmal, None)
        return data

    def rationale_in(self, lang: Lang) -> str | None:
        """The rationale in ``lang``; the other language's text when that one is not written."""
        if lang == "nb":
            return self.rationale_nb or self.rationale
        return self.rationale or self.rationale_nb

    def source_in(self, lang: Lang) -> str | None:
        """The source in ``lang``: its bokmål description on a bokmål page when written, else as given."""
        if lang == "nb":
            return self.source_nb or self.source
        return self.source

    @property
    def is_expert_judgment(self) -> bool:
        return self.kind == "expert_judgment"


UNSPECIFIED = Provenance(kind="unspecified")
MISSING = Provenance(kind="missing")


class Cell(Frozen):
    value: float | None = Field(description="the performance value; None when missing")
    provenance: Provenance = Field(default=UNSPECIFIED, description="where the value comes from")
    low: float | None = Field(default=None, description="lower end of the value's uncertainty range")
    high: float | None = Field(default=None, description="upper end of the value's uncertainty range")

    @field_validator("value", "low", "high")
    @classmethod
    def _finite(cls, value: float | None) -> float | None:
        if value is not None and not math.isfinite(value):
            raise ValueError("value must be finite")
        return value

    @model_validator(mode="after")
    def _range_brackets_value(self) -> Cell:
        if self.value is not None:
            if self.low is not None and self.low > self.value:
                raise ValueError(f"low end {self.low} is above the value {self.value}")
            if self.high is not None and self.high < self.value:
                raise ValueError(f"high end {self.high} is below the value {self.value}")
        return self

    @property
    def is_missing(self) -> bool:
        return self.value is None


class CriteriaGroup(Frozen):
    """One group of the value tree as written in the criteria YAML (``groups:``)."""

    id: str = Field(pattern=ID_PATTERN, description="stable id of the group (not a criterion id, not 'root')")
    name: LocalizedText = Field(description="display name")
    description: LocalizedText | None = Field(default=None, description="what the group stands for")
    children: tuple[str, ...] = Field(description="ids of the criteria or groups under this group")


# --- the value tree: criteria grouped under named nodes (weighing it: mcda.tree) ---------------

ROOT = "root"
ROOT_NAME = LocalizedText(en="All criteria", nb="Alle kriterier")


class TreeStructureError(ValueError):
    """A tree that is not a tree; ``issues`` says where (the loader adds the file and line)."""

    def __init__(self, issues: list[tuple[str, str | None, dict[str, Any]]]) -> None:
        self.issues = issues  # (code, group id or None, details)
        super().__init__("; ".join(f"{code} {group}: {details}" for code, group, details in issues))


def check_tree(groups: Sequence[CriteriaGroup], criteria: Sequence[str]) -> list[tuple[str, str | None, dict]]:
    """Every structural problem of ``groups`` over ``criteria``: (code, group id, details).

    Codes: ``tree_group_id`` (a group id that is 'root' or a criterion id, or used twice),
    ``tree_empty_group``, ``tree_unknown_child``, ``tree_child_twice`` (a node in two groups or
    twice in one), ``tree_criterion_ungrouped``, ``tree_cycle``.
    """
    found: list[tuple[str, str | None, dict]] = []
    if not groups:
        return found
    crit = set(criteria)
    ids: list[str] = []
    for g in groups:
        if g.id == ROOT or g.id in crit or g.id in ids:
            found.append(("tree_group_id", g.id, {"name": g.id}))
        ids.append(g.id)
    known = crit | set(ids)
    parent: dict[str, str] = {}
    for g in groups:
        if not g.children:
            found.append(("tree_empty_group", g.id, {}))
        for child in g.children:
            if child not in known:
                found.append(("tree_unknown_child", g.id, {"child": child}))
            elif child in parent:
                found.append(("tree_child_twice", g.id, {"child": child, "other": parent[child]}))
            else:
                parent[child] = g.id
    for c in criteria:
        if c not in parent:
            found.append(("tree_criterion_ungrouped", None, {"child": c}))
    reported: set[str] = set()
    for g in groups:  # walk up from each group; coming back to it is a cycle
        seen = [g.id]
        node = g.id
        while node in parent:
            node = parent[node]
            if node == g.id:
                if not reported & set(seen):
                    found.append(("tree_cycle", g.id, {"path": " → ".join([*seen, g.id])}))
                reported.update(seen)
                break
            if node in seen:
                break
            seen.append(node)
    return found


class ValueTree(Frozen):
    """Criteria under groups under ``root``; one node holding every criterion when there are no groups."""

    criteria: tuple[str, ...] = Field(description="the criterion ids, in the problem's order")
    groups: tuple[CriteriaGroup, ...] = Field(default=(), description="the groups, as in the criteria file")

    @model_validator(mode="after")
    def _is_a_tree(self) -> ValueTree:
        problems = check_tree(self.groups, self.criteria)
        if problems:
            raise TreeStructureError(problems)
        return self

    @classmethod
    def flat(cls, criteria: Iterable[str]) -> ValueTree:
        return cls(criteria=tuple(criteria))

    # --- structure ---------------------------------------------------------------------------
    @property
    def is_flat(self) -> bool:
        return not self.groups

    @cached_property
    def _children(self) -> dict[str, tuple[str, ...]]:
        named = {c for g in self.groups for c in g.children}
        top = tuple(g.id for g in self.groups if g.id not in named) if self.groups else self.criteria
        return {ROOT: top, **{g.id: g.children for g in self.groups}}

    def children(self, node: str) -> tuple[str, ...]:
        return self._children.get(node, ())

    @cached_property
    def nodes(self) -> tuple[str, ...]:
        """The inner nodes, top down (``root`` first, then depth first in file order)."""
        out: list[str] = []

        def walk(node: str) -> None:
            if node in self._children:
                out.append(node)
                for child in self._children[node]:
                    walk(child)

        walk(ROOT)
        return tuple(out)

    @cached_property
    def weighed_nodes(self) -> tuple[str, ...]:
        """The nodes with two or more children: the only ones that need weighing."""
        return tuple(n for n in self.nodes if len(self.children(n)) >= 2)

    def is_group(self, node: str) -> bool:
        return node in self._children

    def group(self, node: str) -> CriteriaGroup | None:
        return next((g for g in self.groups if g.id == node), None)

    def parent(self, node: str) -> str | None:
        return next((p for p, kids in self._children.items() if node in kids), None)

    def path(self, node: str) -> tuple[str, ...]:
        """``root`` … ``node``."""
        out = [node]
        while (p := self.parent(out[-1])) is not None:
            out.append(p)
        return tuple(reversed(out))

    def depth(self, node: str) -> int:
        return len(self.path(node)) - 1

    def leaves(self, node: str) -> tuple[str, ...]:
        """The criteria under ``node`` (the node itself for a criterion), in the problem's order."""
        if node not in self._children:
            return (node,)
        under = {c for child in self._children[node] for c in self.leaves(child)}
        return tuple(c for c in self.criteria if c in under)

    def name(self, node: str, lang: Lang, criterion_names: Mapping[str, LocalizedText] | None = None) -> str:
        if node == ROOT:
            return ROOT_NAME.get(lang)
        group = self.group(node)
        if group is not None:
            return group.name.get(lang)
        if criterion_names and node in criterion_names:
            return criterion_names[node].get(lang)
        return node

    def restricted(self, criteria: Iterable[str]) -> ValueTree:
        """The tree over some criteria only: groups left empty are dropped (for criteria left out)."""
        wanted = set(criteria)
        keep = tuple(c for c in self.criteria if c in wanted)
        if keep == self.criteria:
            return self
        groups = list(self.groups)
        while True:
            alive = set(keep) | {g.id for g in groups}
            pruned = [g.model_copy(update={"children": tuple(c for c in g.children if c in alive)}) for g in groups]
            kept = [g for g in pruned if g.children]
            if len(kept) == len(groups) and all(a.children == b.children for a, b in zip(kept, groups, strict=True)):
                break
            groups = kept
        return ValueTree(criteria=keep, groups=tuple(groups))

    # --- weights -----------------------------------------------------------------------------
    def global_weights(self, local: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
        """Each criterion's weight: the product of the local weights down its path.

        ``local``: node -> child -> local weight; a node with one child needs no entry (its
        child has local weight 1). Local weights of a node are rescaled to sum to 1.
        """
        out: dict[str, float] = {}

        def walk(node: str, w: float) -> None:
            kids = self.children(node)
            if not kids:
                out[node] = w
                return
            shares = local_shares(self, node, local)
            for child in kids:
                walk(child, w * shares[child])

        walk(ROOT, 1.0)
        return {c: out[c] for c in self.criteria}

    def node_weight(self, node: str, local: Mapping[str, Mapping[str, float]]) -> float:
        """A node's global weight (the sum of its criteria's global weights)."""
        weights = self.global_weights(local)
        return math.fsum(weights[c] for c in self.leaves(node))

    def local_from_global(self, weights: Mapping[str, float]) -> dict[str, dict[str, float]]:
        """Local weights that give ``weights`` (a group without weight shares equally)."""
        out: dict[str, dict[str, float]] = {}
        for node in self.nodes:
            kids = self.children(node)
            totals = {k: math.fsum(weights.get(c, 0.0) for c in self.leaves(k)) for k in kids}
            total = math.fsum(totals.values())
            out[node] = {k: totals[k] / total if total > 0 else 1 / len(kids) for k in kids}
        return out

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "root": list(self.children(ROOT)),
            "groups": [g.model_dump(mode="json", exclude_none=True) for g in self.groups],
        }


def local_shares(tree: ValueTree, node: str, local: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
    kids = tree.children(node)
    if len(kids) == 1:
        return {kids[0]: 1.0}
    given = local.get(node)
    if given is None:
        raise InputError(Issue("tree_node_unweighed", column=node, details={"node": node}))
    if set(given) != set(kids):
        raise InputError(
            Issue(
                "tree_node_children",
                column=node,
                value=", ".join(given),
                details={"node": node, "expected": ", ".join(kids)},
            )
        )
    total = math.fsum(float(given[k]) for k in kids)
    if any(float(given[k]) < 0 for k in kids) or total <= 0:
        raise InputError(Issue("weights_all_zero", column=node))
    return {k: float(given[k]) / total for k in kids}


# --- one node's weights --------------------------------------------------------------------------


class ProblemInfo(Frozen):
    id: str = Field(default="problem", max_length=ID_MAX_LENGTH, description="problem id")
    name: LocalizedText = Field(default=LocalizedText(en="Decision problem", nb="Beslutningsproblem"))
    description: LocalizedText | None = Field(default=None, description="what is being decided")


class DecisionProblem(Frozen):
    """Criteria, alternatives and one provenance-carrying value per pair."""

    info: ProblemInfo = Field(default_factory=ProblemInfo)
    criteria: tuple[Criterion, ...]
    alternatives: tuple[Alternative, ...]
    cells: dict[str, dict[str, Cell]] = Field(description="alternative id -> criterion id -> cell")
    sources: dict[str, str] = Field(default_factory=dict, description="bibliography: key -> citation")
    groups: tuple[CriteriaGroup, ...] = Field(
        default=(), description="the value tree's groups (none: one node holding every criterion)"
    )

    @model_serializer(mode="wrap")
    def _without_empty_tree(self, handler: Any) -> dict[str, Any]:
        # a problem without a tree serialises as before, so saved scenarios keep their hash
        data = handler(self)
        if not self.groups:
            data.pop("groups", None)
        return data

    @model_validator(mode="after")
    def _complete(self) -> DecisionProblem:
        crit_ids = [c.id for c in self.criteria]
        alt_ids = [a.id for a in self.alternatives]
        for label, ids in (("criterion", crit_ids), ("alternative", alt_ids)):
            if len(set(ids)) != len(ids):  # linear: a list.count per id was quadratic
                counts = Counter(ids)
                raise ValueError(f"duplicate {label} ids: {sorted(i for i, n in counts.items() if n > 1)}")
        crit_set = set(crit_ids)
        for alt in alt_ids:
            row = self.cells.get(alt)
            if row is None or row.keys() != crit_set:
                raise ValueError(f"cells for alternative {alt} must cover exactly {crit_ids}")
        if set(self.cells) != set(alt_ids):
            raise ValueError("cells must cover exactly the alternatives")
        if self.groups:
            ValueTree(criteria=tuple(crit_ids), groups=self.groups)  # raises on a broken tree
        return self

    def __eq__(self, other: object) -> bool:
        # compare the fields only: cached arrays in __dict__ must not take part
        if not isinstance(other, DecisionProblem):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in type(self).model_fields)

    __hash__ = None  # type: ignore[assignment]  # holds dicts

    # --- lookups -----------------------------------------------------------------
    @cached_property
    def criterion_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.criteria)

    @cached_property
    def alternative_ids(self) -> tuple[str, ...]:
        return tuple(a.id for a in self.alternatives)

    def criterion(self, criterion_id: str) -> Criterion:
        return self._criteria_by_id[criterion_id]

    def alternative(self, alternative_id: str) -> Alternative:
        return self._alternatives_by_id[alternative_id]

    @cached_property
    def _criteria_by_id(self) -> dict[str, Criterion]:
        return {c.id: c for c in self.criteria}

    @cached_property
    def _alternatives_by_id(self) -> dict[str, Alternative]:
        return {a.id: a for a in self.alternatives}

    @cached_property
    def tree(self) -> ValueTree:
        """The value tree (one node, ``root``, holding every criterion when there are no groups)."""

        return ValueTree(criteria=self.criterion_ids, groups=self.groups)

    def cell(self, alternative_id: str, criterion_id: str) -> Cell:
        return self.cells[alternative_id][criterion_id]

    # --- arrays ------------------------------------------------------------------
    @cached_property
    def matrix(self) -> np.ndarray:
        """Alternatives x criteria, NaN where a value is missing (read-only)."""
        out = np.array(
            [
                [np.nan if (v := self.cells[a][c].value) is None else v for c in self.criterion_ids]
                for a in self.alternative_ids
            ],
            dtype=float,
        )
        out.setflags(write=False)
        return out

    @cached_property
    def types(self) -> np.ndarray:
        """+1 for benefit, -1 for cost, in criterion order (read-only)."""
        out = np.array([c.sign for c in self.criteria], dtype=int)
        out.setflags(write=False)
        return out

    def missing_cells(self) -> list[tuple[str, str]]:
        rows, cols = np.nonzero(np.isnan(self.matrix))
        return [(self.alternative_ids[r], self.criterion_ids[c]) for r, c in zip(rows, cols)]

    # --- derived problems --------------------------------------------------------
    def subset(
        self,
        criteria: Iterable[str] | None = None,
        alternatives: Iterable[str] | None = None,
    ) -> DecisionProblem:
        """The same problem restricted to some criteria and/or alternatives (order kept)."""
        keep_c = set(self.criterion_ids if criteria is None else criteria)
        keep_a = set(self.alternative_ids if alternatives is None else alternatives)
        crits = tuple(c for c in self.criteria if c.id in keep_c)
        alts = tuple(a for a in self.alternatives if a.id in keep_a)
        cells = {a.id: {c.id: self.cells[a.id][c.id] for c in crits} for a in alts}
        groups = self.tree.restricted(c.id for c in crits).groups if self.groups else ()
        return self.model_copy_validated(criteria=crits, alternatives=alts, cells=cells, groups=groups)

    def with_cell(self, alternative_id: str, criterion_id: str, cell: Cell) -> DecisionProblem:
        """A copy with one value replaced (e.g. an expert judgment edited in the app)."""
        if alternative_id not in self.cells or criterion_id not in self.cells[alternative_id]:
            raise KeyError(f"no cell ({alternative_id}, {criterion_id})")
        cells = {a: dict(row) for a, row in self.cells.items()}
        cells[alternative_id][criterion_id] = cell
        return self.model_copy_validated(cells=cells)

    def with_directions(self, directions: Mapping[str, Direction]) -> DecisionProblem:
        """A copy with some criteria's directions flipped (e.g. power demand as benefit)."""
        crits = tuple(
            c.model_copy(update={"direction": directions[c.id]}) if c.id in directions else c for c in self.criteria
        )
        return self.model_copy_validated(criteria=crits)

    def model_copy_validated(self, **update: Any) -> DecisionProblem:
        data: dict[str, Any] = {
            "info": self.info,
            "criteria": self.criteria,
            "alternatives": self.alternatives,
            "cells": self.cells,
            "sources": self.sources,
            "groups": self.groups,
        }
        data.update(update)
        return DecisionProblem(**data)


# --- weights ----------------------------------------------------------------------

WeightOriginKind = Literal[
    "direct", "points", "ahp", "objective", "workshop", "preset", "file", "equal", "tree", "swing"
]


class WeightOrigin(Frozen):
    kind: WeightOriginKind = Field(description="how the weights were obtained")
    details: dict[str, Any] = Field(default_factory=dict, description="method-specific record")


class WeightSet(Frozen):
    """A named mapping criterion id -> weight, summing to 1, with its origin."""

    name: str = Field(description="display name, e.g. 'EU-demand focus'")
    weights: dict[str, float] = Field(description="criterion id -> weight (sums to 1)")
    origin: WeightOrigin = Field(default=WeightOrigin(kind="direct"))
    notes: tuple[str, ...] = Field(default=(), description="e.g. that the input was rescaled")

    @model_validator(mode="after")
    def _normalised(self) -> WeightSet:
        if not self.weights:
            raise ValueError("a weight set needs at least one weight")
        values = list(self.weights.values())
        if any((not math.isfinite(v)) or v < 0 for v in values):
            raise ValueError("weights must be finite and ≥ 0")
        if abs(sum(values) - 1.0) > 1e-9:
            raise ValueError(f"weights must sum to 1 (got {sum(values)}); use WeightSet.from_raw")
        return self

    @classmethod
    def from_raw(
        cls,
        raw: Mapping[str, float],
        *,
        name: str = "",
        origin: WeightOrigin | None = None,
        criteria: Iterable[str] | None = None,
        file: str | None = None,
    ) -> WeightSet:
        """Validate raw weights (>= 0, not all zero) and rescale them to sum to 1.

        With ``criteria`` the mapping must name exactly those criteria.
        """
        issues: list[Issue] = []
        parsed: dict[str, float] = {}
        for key, value in raw.items():
            try:
                if isinstance(value, (bool, str, bytes)):  # "3" and true are not weights
                    raise TypeError(type(value).__name__)
                number = float(value)
            except (TypeError, ValueError):
                issues.append(Issue("not_number", file=file, column=str(key), value=value_text(value)))
                continue
            except OverflowError:  # an integer beyond the float range
                issues.append(Issue("not_finite", file=file, column=str(key), value=value_text(value)))
                continue
            if not math.isfinite(number):
                issues.append(Issue("not_finite", file=file, column=str(key), value=str(value)))
            elif number < 0:
                issues.append(Issue("negative_weight", file=file, column=str(key), value=str(value)))
            else:
                parsed[str(key)] = number
        if criteria is not None:
            expected = list(criteria)
            for key in raw:
                if str(key) not in expected:
                    issues.append(Issue("weight_unknown", file=file, column=str(key), details={"expected": expected}))
            for key in expected:
                if key not in raw:
                    issues.append(Issue("weight_missing", file=file, column=key, details={"expected": expected}))
            order = expected
        else:
            order = list(parsed)
        if issues:
            raise InputError(issues)
        largest = max(parsed.values(), default=0.0)
        if largest <= 0:
            raise InputError(Issue("weights_all_zero", file=file))
        total = sum(parsed.values())
        notes: tuple[str, ...] = ()
        if abs(total - 1.0) > 1e-9:
            shown_total = f"{total:g}" if math.isfinite(total) else "more than 1.8e308"
            notes = (f"rescaled to sum 1 (the given weights summed to {shown_total})",)
        weights = unit_sum(parsed, order)
        return cls(name=name, weights=weights, origin=origin or WeightOrigin(kind="direct"), notes=notes)

    @classmethod
    def equal(cls, criteria: Iterable[str], name: str = "Equal weights") -> WeightSet:
        ids = list(criteria)
        return cls.from_raw({c: 1.0 for c in ids}, name=name, origin=WeightOrigin(kind="equal"))

    def vector(self, criterion_ids: Iterable[str]) -> np.ndarray:
        """Weights in the given criterion order; criteria absent from the set raise KeyError."""
        return np.array([self.weights[c] for c in criterion_ids], dtype=float)

    def restricted(self, criterion_ids: Iterable[str]) -> WeightSet:
        """The weights of some criteria only, rescaled to sum to 1 (for dropped criteria)."""
        ids = list(criterion_ids)
        kept = {c: self.weights[c] for c in ids}
        if set(ids) == set(self.weights):
            return self
        total = sum(kept.values())
        if total <= 0:
            raise InputError(Issue("weights_all_zero", details={}))
        dropped = sorted(set(self.weights) - set(ids))
        return WeightSet(
            name=self.name,
            weights=_exact_unit_sum({c: w / total for c, w in kept.items()}),
            origin=self.origin,
            notes=self.notes + (f"rescaled after leaving out {', '.join(dropped)}",),
        )


def unit_sum(parsed: Mapping[str, float], order: Iterable[str]) -> dict[str, float]:
    """Weights >= 0 with a positive largest one, in ``order``, divided by their sum; the
    floating-point residue goes to the largest, so they sum to 1 to machine precision."""
    total = sum(parsed.values())
    if not (math.isfinite(total) and total > 1e-290):
        # divide by the largest first: 1e308 + 1e308 overflows, tiny weights underflow
        largest = max(parsed.values())
        parsed = {k: v / largest for k, v in parsed.items()}
        total = sum(parsed.values())
    return _exact_unit_sum({k: parsed[k] / total for k in order if k in parsed})


def _exact_unit_sum(weights: dict[str, float]) -> dict[str, float]:
    total = math.fsum(weights.values())
    if not weights or total == 1.0:
        return weights
    largest = max(weights, key=weights.__getitem__)
    out = dict(weights)
    out[largest] += 1.0 - total
    return out


# --- rankings ---------------------------------------------------------------------

ScoreDirection = Literal["higher_is_better", "lower_is_better"]


class RankedAlternative(Frozen):
    id: str
    name: LocalizedText
    score: float = Field(description="the method's score (see Ranking.score_direction)")
    rank: int = Field(description="1 is best; ties share the best rank")
    contributions: dict[str, float] = Field(
        default_factory=dict, description="criterion id -> contribution (see contribution_basis)"
    )
    rank_best: int | None = Field(default=None, description="best possible rank over the value intervals")
    rank_worst: int | None = Field(default=None, description="worst possible rank over the value intervals")


class MethodDetails(Frozen):
    """A method's intermediate values, keyed by id; each method's names are listed in its
    registry entry (``mcda.ranking.METHODS[key].details``). None where a value is undefined."""

    alternatives: dict[str, dict[str, float | None]] = Field(
        default_factory=dict, description="name -> alternative id -> value (e.g. TOPSIS d_plus)"
    )
    criteria: dict[str, dict[str, float | None]] = Field(
        default_factory=dict, description="name -> criterion id -> value (e.g. TOPSIS ideal)"
    )
    matrices: dict[str, dict[str, dict[str, float | None]]] = Field(
        default_factory=dict, description="name -> alternative id -> criterion id -> value (e.g. normalized)"
    )

    def names(self) -> tuple[str, ...]:
        return (*self.alternatives, *self.criteria, *self.matrices)


class Ranking(Frozen):
    """One method's result on one problem with one weight set, and how it was produced."""

    method: str
    normalization: str | None
    parameters: dict[str, Any] = Field(default_factory=dict)
    score_direction: ScoreDirection
    score_label: LocalizedText
    contribution_basis: LocalizedText
    weights: WeightSet
    entries: tuple[RankedAlternative, ...] = Field(description="sorted by rank, then input order")
    warnings: tuple[LocalizedText, ...] = Field(default=(), description="from the method (e.g. pymcdm's)")
    compromise_set: tuple[str, ...] | None = Field(
        default=None, description="VIKOR only: Opricovic & Tzeng's (2004) compromise solution set, best Q first"
    )
    missing_policy: str = "refuse"
    missing_note: LocalizedText | None = Field(default=None, description="what the missing-value policy did")
    excluded_criteria: tuple[str, ...] = ()
    excluded_alternatives: tuple[str, ...] = ()
    imputed_cells: tuple[tuple[str, str], ...] = ()
    interval_cells: tuple[tuple[str, str], ...] = Field(
        default=(), description="missing cells treated as intervals (missing policy 'interval')"
    )
    conventions: dict[str, str] = Field(default_factory=dict)
    library_versions: dict[str, str] = Field(default_factory=dict)
    details: MethodDetails = Field(
        default_factory=MethodDetails, description="the method's intermediate values (an output, like the scores)"
    )

    def rank_of(self) -> dict[str, int]:
        return {e.id: e.rank for e in self.entries}

    def score_of(self) -> dict[str, float]:
        return {e.id: e.score for e in self.entries}

    def ranks_in(self, alternative_ids: Iterable[str]) -> np.ndarray:
        ranks = self.rank_of()
        return np.array([ranks[a] for a in alternative_ids], dtype=float)

    @property
    def top(self) -> RankedAlternative:
        return self.entries[0]
