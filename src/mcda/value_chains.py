"""The value-chain map's data: stages, chains, where Norway has industry, China's shares and
which stage each position occupies (``data/value_chains.yaml``), and the table the chart draws.

Loaded with located errors like the other files; :func:`check_against_problem` ties the
chains to a problem (every position placed once, every source key known).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, model_validator

from .errors import InputError, Issue, Lang
from .loading import _validation_issues, _yaml_line, parse_yaml, read_text
from .models import ID_PATTERN, DecisionProblem, Frozen, LocalizedText, Ranking

Status = Literal["operating", "construction", "exploration"]
RISK_CRITERION = "supply_risk"


class Stage(Frozen):
    id: str = Field(pattern=ID_PATTERN, description="stage id, e.g. refining")
    name: LocalizedText = Field(description="stage name (short: a column heading)")
    description: LocalizedText | None = Field(default=None, description="what the stage covers (tooltips)")


class NorwayPresence(Frozen):
    stage: str = Field(description="stage id")
    status: Status = Field(description="operating, construction or exploration")
    sources: tuple[str, ...] = Field(min_length=1, description="bibliography keys")


class Chain(Frozen):
    id: str = Field(pattern=ID_PATTERN, description="chain id, e.g. nickel")
    name: LocalizedText = Field(description="material or chain name")
    china_share: dict[str, float] = Field(
        default_factory=dict, description="stage id -> China's share of global output at the stage, %"
    )
    china_source: str | None = Field(default=None, description="bibliography key of the shares")
    norway: tuple[NorwayPresence, ...] = Field(default=(), description="where Norway has industry today")
    positions: dict[str, str] = Field(default_factory=dict, description="position id -> stage id")

    @model_validator(mode="after")
    def _shares(self) -> Chain:
        if self.china_share and not self.china_source:
            raise ValueError("china_share needs china_source")
        for stage, share in self.china_share.items():
            if not 0 <= share <= 100:
                raise ValueError(f"china_share of {stage} must be a percentage from 0 to 100")
        return self


class ValueChains(Frozen):
    stages: tuple[Stage, ...] = Field(min_length=1, description="the map's columns, in order")
    chains: tuple[Chain, ...] = Field(min_length=1, description="the map's rows, in order")

    def placement(self) -> dict[str, tuple[str, str]]:
        """position id -> (chain id, stage id)."""
        return {p: (c.id, s) for c in self.chains for p, s in c.positions.items()}

    def stage(self, stage_id: str) -> Stage:
        return next(s for s in self.stages if s.id == stage_id)


def parse_value_chains(text: str, name: str = "value_chains.yaml") -> ValueChains:
    data = parse_yaml(text, name)
    if not isinstance(data, dict):
        raise InputError(Issue("schema", file=name, details={"reason": "expected a mapping with stages and chains"}))
    try:
        chains = ValueChains.model_validate(data)
    except ValidationError as exc:
        raise InputError(_validation_issues(exc, name, text, data)) from None
    stage_ids = [s.id for s in chains.stages]
    issues: list[Issue] = []
    seen: dict[str, str] = {}
    for i, chain in enumerate(chains.chains):
        line = _yaml_line(text, ("chains", i))
        used = [*chain.china_share, *(n.stage for n in chain.norway), *chain.positions.values()]
        for stage in used:
            if stage not in stage_ids:
                issues.append(
                    Issue(
                        "value_chain_unknown_stage",
                        file=name,
                        line=line,
                        column=f"chains[{i}] (id '{chain.id}')",
                        value=stage,
                        details={"expected": stage_ids},
                    )
                )
        for pos in chain.positions:
            if pos in seen:
                issues.append(
                    Issue(
                        "value_chain_position_twice",
                        file=name,
                        line=line,
                        column=f"chains[{i}].positions",
                        value=pos,
                        details={"first": seen[pos]},
                    )
                )
            seen[pos] = chain.id
    if issues:
        raise InputError(issues)
    return chains


def load_value_chains(path: str | Path) -> ValueChains:
    return parse_value_chains(read_text(path), str(path))


def check_against_problem(chains: ValueChains, problem: DecisionProblem, name: str = "value_chains.yaml") -> None:
    """Every position of the problem is placed, no unknown position, every source key known."""
    issues: list[Issue] = []
    placed = chains.placement()
    for alt in problem.alternative_ids:
        if alt not in placed:
            issues.append(Issue("value_chain_unplaced", file=name, value=alt))
    for pos in placed:
        if pos not in problem.alternative_ids:
            issues.append(
                Issue(
                    "value_chain_unknown_position", file=name, value=pos, details={"expected": problem.alternative_ids}
                )
            )
    if problem.sources:
        keys = {k for c in chains.chains for n in c.norway for k in n.sources}
        keys |= {c.china_source for c in chains.chains if c.china_source}
        for key in sorted(keys - set(problem.sources)):
            issues.append(Issue("outlook_unknown_source", file=name, value=key))
    if issues:
        raise InputError(issues)


def map_rows(
    chains: ValueChains, problem: DecisionProblem, ranking: Ranking | None, lang: Lang
) -> tuple[list[dict], list[dict]]:
    """(cells, positions): one row per chain x stage (Norway's presence, China's share and
    their sources) and one per placed position (its rank and score in ``ranking``, the
    supply-risk value of its material with its source)."""
    sources = problem.sources
    status_text = {
        "operating": {"nb": "i drift", "en": "operating"},
        "construction": {"nb": "under bygging eller oppstart", "en": "under construction or commissioning"},
        "exploration": {"nb": "leting eller prosjekt", "en": "exploration or project"},
    }
    cells: list[dict] = []
    for chain in chains.chains:
        presence = {n.stage: n for n in chain.norway}
        for stage in chains.stages:
            here = presence.get(stage.id)
            share = chain.china_share.get(stage.id)
            if here is None and share is None:
                continue
            cells.append(
                {
                    "chain": chain.name.get(lang),
                    "chain_id": chain.id,
                    "stage": stage.name.get(lang),
                    "stage_id": stage.id,
                    "stage_detail": _detail(stage, lang),
                    "norway": None if here is None else here.status,
                    "norway_text": "" if here is None else status_text[here.status][lang],
                    "norway_sources": "" if here is None else _cite(here.sources, sources),
                    "china_share": share,
                    "china_source": "" if share is None else _cite((chain.china_source or "",), sources),
                }
            )
    ranks = {} if ranking is None else {e.id: e for e in ranking.entries}
    positions: list[dict] = []
    placed = chains.placement()
    for alt in problem.alternatives:
        if alt.id not in placed:
            continue
        chain_id, stage_id = placed[alt.id]
        chain = next(c for c in chains.chains if c.id == chain_id)
        entry = ranks.get(alt.id)
        risk = problem.cells[alt.id].get(RISK_CRITERION) if RISK_CRITERION in problem.criterion_ids else None
        positions.append(
            {
                "id": alt.id,
                "position": alt.name.get(lang),
                "chain": chain.name.get(lang),
                "chain_id": chain_id,
                "stage": chains.stage(stage_id).name.get(lang),
                "stage_id": stage_id,
                "stage_detail": _detail(chains.stage(stage_id), lang),
                "rank": None if entry is None else entry.rank,
                "score": None if entry is None else entry.score,
                "supply_risk": None if risk is None else risk.value,
                "supply_risk_source": "" if risk is None else (risk.provenance.source_in(lang) or ""),
            }
        )
    return cells, positions


def _detail(stage: Stage, lang: Lang) -> str:
    return stage.description.get(lang) if stage.description else stage.name.get(lang)


def _cite(keys: tuple[str, ...], sources: Mapping[str, str]) -> str:
    return "; ".join(f"[{k}] {sources[k]}" if k in sources else f"[{k}]" for k in keys if k)
