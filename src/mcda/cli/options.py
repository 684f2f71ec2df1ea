"""What the ``mcda`` commands share: option choices, error reporting, weights and ranking output.

Bad input exits with code 2 and one line on stderr naming the file, line, column and value;
no traceback is ever shown for it. The command modules import from here and from the engine,
never from each other.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar, cast

import typer

from .. import ahp
from ..errors import InputError
from ..errors import Lang as LangCode
from ..loading import load_pairwise, load_weights
from ..missing import MISSING_POLICIES, MissingPolicy
from ..models import RankedAlternative, Ranking, ValueTree, WeightOrigin, WeightSet
from ..outlooks import OutlookComparison
from ..ranking import DEFAULT_SETTINGS, METHODS, RankingSettings
from ..tree import tree_ahp

EXIT_BAD_INPUT = 2
P = ParamSpec("P")
R = TypeVar("R")


class Priority(StrEnum):
    eigenvector = "eigenvector"
    geometric = "geometric"


class RI(StrEnum):
    saaty = "saaty"
    alonso_lamata = "alonso-lamata"


class AggregationChoice(StrEnum):
    aij = "aij"
    aip = "aip"


Method = StrEnum("Method", {k: k for k in METHODS})  # type: ignore[misc]
Policy = StrEnum("Policy", {k: k for k in MISSING_POLICIES})  # type: ignore[misc]


class Normalization(StrEnum):
    vector = "vector"
    minmax = "minmax"
    max = "max"
    sum = "sum"


class Lang(StrEnum):
    nb = "nb"
    en = "en"

    @property
    def code(self) -> LangCode:
        """The engine's language code."""
        return "nb" if self is Lang.nb else "en"


# the input files, declared once for the commands that read them
CriteriaFile = Annotated[str, typer.Option(help="criteria YAML")]
DataFile = Annotated[str, typer.Option(help="alternatives CSV (id,name,<criterion ids>)")]
WeightsFile = Annotated[str | None, typer.Option(help="weights YAML/JSON: criterion -> weight")]
PairwiseFile = Annotated[str | None, typer.Option(help="AHP pairwise CSV over the criteria")]

# the ranking settings, declared once for every command that ranks (defaults: RankingSettings())
MethodOption = Annotated[Method, typer.Option(help="ranking method")]
NormalizationOption = Annotated[Normalization | None, typer.Option(help="default: the method's own")]
MissingOption = Annotated[
    Policy,
    typer.Option(
        help="missing-value policy; interval (the default): a missing value is the range it could take, "
        "ranked at its midpoint, with each position's best and worst rank"
    ),
]
OutlookOption = Annotated[
    list[str] | None,
    typer.Option(
        "--outlook",
        help="outlook YAML (repeatable): rank under each outlook given, with each position's rank range "
        "and largest regret across them",
    ),
]
ProbabilityOption = Annotated[
    list[str] | None,
    typer.Option("--probability", help="OUTLOOK_ID=P (repeatable, with --outlook): adds each position's expected rank"),
]
DEFAULT_METHOD: Any = DEFAULT_SETTINGS.method
DEFAULT_POLICY: Any = DEFAULT_SETTINGS.missing_policy


def settings_from(method: Any, normalization: Any, missing: Any) -> RankingSettings:
    """The command line's ranking settings as one object."""
    return RankingSettings(
        method=str(getattr(method, "value", method)),
        normalization=None if normalization is None else str(getattr(normalization, "value", normalization)),
        missing_policy=cast(MissingPolicy, str(getattr(missing, "value", missing))),  # typer checked the choice
    )


def fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(EXIT_BAD_INPUT)


def reports_input_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn InputError (and any other failure) into one line on stderr, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            raise fail(exc.message("en")) from None
        except (typer.Exit, typer.Abort):
            raise
        except Exception as exc:  # an engine bug: still one line, distinct exit code
            typer.echo(f"internal error: {type(exc).__name__}: {exc}", err=True)
            raise typer.Exit(1) from None

    return wrapper


def emit_json(data: dict[str, Any]) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def weights_from(
    problem_criteria: tuple[str, ...],
    weights: str | None,
    pairwise: str | list[str] | None,
    priority: str,
    ri: str,
    tree: ValueTree | None = None,
) -> WeightSet:
    """The weight set of ``--weights``, of one ``--pairwise`` matrix over the criteria, or of one
    pairwise matrix per node of the value tree (``tree``: several files, or one named after a node)."""
    files = [pairwise] if isinstance(pairwise, str) else list(pairwise or [])
    if (weights is None) == (not files):
        raise fail("give exactly one of --weights or --pairwise")
    if weights is not None:
        return load_weights(weights, criteria=problem_criteria)
    if tree is not None and not tree.is_flat and (len(files) > 1 or Path(files[0]).stem in tree.nodes):
        return tree_weights(tree, files, priority, ri)[0]
    if len(files) > 1:
        raise fail("several --pairwise files need a value tree (groups:) in the criteria file, one file per node")
    pairwise = files[0]
    matrix = load_pairwise(pairwise).reordered(problem_criteria)
    # typer has checked both against the Priority and RI choices
    result = ahp.analyse(matrix, cast(ahp.PriorityMethod, priority), cast(ahp.RITable, ri))
    return WeightSet.from_raw(
        result.weights,
        name=f"AHP ({pairwise})",
        origin=WeightOrigin(
            kind="ahp", details={"file": pairwise, "cr": result.cr, "priority_method": priority, "ri_table": ri}
        ),
    )


def tree_weights(
    tree: ValueTree, pairwise: list[str], priority: str, ri: str
) -> tuple[WeightSet, dict[str, ahp.AHPResult]]:
    """Hierarchical AHP from one pairwise CSV per node of ``tree``; each file's name (without
    ``.csv``) is the node's id, ``root`` the top node; the matrix's labels are the node's children."""
    matrices, files = {}, {}
    for path in pairwise:
        node = Path(path).stem
        if node in matrices:
            raise fail(f"{path}: a second pairwise file for node '{node}' (one file per node)")
        matrices[node], files[node] = load_pairwise(path), path
    return tree_ahp(tree, matrices, priority, ri, files)  # type: ignore[arg-type]


def tree_json(weights: WeightSet, results: dict[str, ahp.AHPResult]) -> dict[str, Any]:
    """``{"weights": {criterion: global}, "nodes": {node: {"weights": {child: local}, "cr": ...}}}``."""
    nodes = weights.origin.details["nodes"]
    return {
        "weights": weights.weights,
        "nodes": {
            node: {
                "weights": record["weights"],
                "cr": record.get("cr"),
                "method": record["method"],
                **({"hints": results[node].to_json_dict()["hints"]} if node in results else {}),
            }
            for node, record in nodes.items()
        },
    }


def refuse_with_scenario(
    criteria: Any, data: Any, weights: Any, pairwise: Any, method: Any, normalization: Any, missing: Any
) -> None:
    """--scenario holds every input and setting: refuse any file or setting given beside it."""
    given = {
        "criteria": criteria,
        "data": data,
        "weights": weights,
        "pairwise": pairwise,
        "method": getattr(method, "value", method) != DEFAULT_SETTINGS.method,
        "normalization": normalization is not None,
        "missing": getattr(missing, "value", missing) != DEFAULT_SETTINGS.missing_policy,
    }
    named = [f"--{name}" for name, value in given.items() if value]
    if named:
        raise fail(f"--scenario holds every input and setting; leave out {', '.join(named)}")


def ranking_json(ranking: Ranking, lang: LangCode) -> dict[str, Any]:
    return {
        "method": ranking.method,
        "normalization": ranking.normalization,
        "parameters": ranking.parameters,
        "score_direction": ranking.score_direction,
        "weights": ranking.weights.weights,
        "weights_origin": ranking.weights.origin.model_dump(mode="json"),
        "ranking": [_entry_json(e, lang) for e in ranking.entries],
        "missing_policy": ranking.missing_policy,
        "interval_cells": [list(c) for c in ranking.interval_cells],
        "excluded_criteria": list(ranking.excluded_criteria),
        "excluded_alternatives": list(ranking.excluded_alternatives),
        "imputed_cells": [list(c) for c in ranking.imputed_cells],
        "missing_note": ranking.missing_note.get(lang) if ranking.missing_note else None,
        "warnings": [w.get(lang) for w in ranking.warnings],
        "conventions": ranking.conventions,
        "library_versions": ranking.library_versions,
    }


def _entry_json(entry: RankedAlternative, lang: LangCode) -> dict[str, Any]:
    out: dict[str, Any] = {"id": entry.id, "name": entry.name.get(lang), "score": entry.score, "rank": entry.rank}
    if entry.rank_best is not None:  # the interval policy: the rank range over the missing values' intervals
        out["rank_best"], out["rank_worst"] = entry.rank_best, entry.rank_worst
    return out


def probabilities_from(items: list[str] | None) -> dict[str, float] | None:
    """``["id=0.5", ...]`` -> ``{"id": 0.5}``; the outlooks' check follows in the engine."""
    if not items:
        return None
    out: dict[str, float] = {}
    for item in items:
        key, sep, value = item.partition("=")
        try:
            if not sep:
                raise ValueError(item)
            out[key.strip()] = float(value)
        except ValueError:
            raise fail(
                f"--probability {item}: expected OUTLOOK_ID=P with P a number, e.g. china-export-controls=0.3"
            ) from None
    return out


def outlooks_json(comparison: OutlookComparison, lang: LangCode) -> dict[str, Any]:
    """Each outlook's ranking and the robust choice across them (see README, Outlooks)."""
    return {
        "outlooks": [
            {
                "id": r.outlook.id,
                "name": r.outlook.name.get(lang),
                "file": r.outlook.file,
                "ranking": [
                    {"id": e.id, "name": e.name.get(lang), "score": e.score, "rank": e.rank} for e in r.ranking.entries
                ],
            }
            for r in comparison.rankings
        ],
        "robust": [
            {
                "id": e.id,
                "name": e.name.get(lang),
                "max_regret": e.max_regret,
                "rank_best": e.rank_best,
                "rank_worst": e.rank_worst,
                "robust_rank": e.robust_rank,
                "mean_regret": e.mean_regret,
                **({} if e.expected_rank is None else {"expected_rank": e.expected_rank}),
            }
            for e in comparison.robust
        ],
        "probabilities": comparison.probabilities,
        "method": comparison.settings.method,
        "normalization": comparison.settings.normalization,
        "missing_policy": comparison.settings.missing_policy,
    }


def print_outlooks(comparison: OutlookComparison, lang: LangCode) -> None:
    ids = comparison.outlook_ids
    width = max(len(e.name.get(lang)) for e in comparison.robust)
    for k, r in enumerate(comparison.rankings, start=1):
        typer.echo(f"[{k}] {r.outlook.id}: {r.outlook.name.get(lang)}")
    head = "  ".join(f"[{k}]" for k in range(1, len(ids) + 1))
    expected = comparison.probabilities is not None
    typer.echo(
        f"{'robust':>6}  {'id':<8} {'name':<{width}}  {head}  best-worst  max regret"
        + ("  expected" if expected else "")
    )
    for e in comparison.robust:
        ranks = "  ".join(f"{e.ranks[o]:>3}" for o in ids)
        tail = f"  {e.expected_rank:8.2f}" if e.expected_rank is not None else ""
        typer.echo(
            f"{e.robust_rank:>6}  {e.id:<8} {e.name.get(lang):<{width}}  {ranks}  {e.rank_best:>4}-{e.rank_worst:<5}"
            f"  {e.max_regret:>10}{tail}"
        )
    typer.echo("note: regret = places lost against first place in an outlook; robust = fewest places lost at worst")


def print_ranking(ranking: Ranking, lang: LangCode) -> None:
    width = max(len(e.name.get(lang)) for e in ranking.entries)
    arrow = "higher is better" if ranking.score_direction == "higher_is_better" else "lower is better"
    typer.echo(f"{ranking.method.upper()}  normalisation: {ranking.normalization or 'method’s own'}  score: {arrow}")
    ranges = any(e.rank_best is not None for e in ranking.entries)
    typer.echo(f"{'rank':>4}  {'id':<8} {'name':<{width}}  score" + ("   possible ranks" if ranges else ""))
    for e in ranking.entries:
        span = f"   {e.rank_best}-{e.rank_worst}" if ranges else ""
        typer.echo(f"{e.rank:>4}  {e.id:<8} {e.name.get(lang):<{width}}  {e.score:.4f}{span}")
    for w in ((ranking.missing_note,) if ranking.missing_note else ()) + ranking.warnings:
        typer.echo(f"note: {w.get(lang)}")
