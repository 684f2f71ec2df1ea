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
from typing import Annotated, Any, ParamSpec, TypeVar, cast

import typer

from .. import ahp
from ..errors import InputError
from ..errors import Lang as LangCode
from ..loading import load_pairwise, load_weights
from ..missing import MISSING_POLICIES, MissingPolicy
from ..models import RankedAlternative, Ranking, WeightOrigin, WeightSet
from ..ranking import DEFAULT_SETTINGS, METHODS, RankingSettings

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
    problem_criteria: tuple[str, ...], weights: str | None, pairwise: str | None, priority: str, ri: str
) -> WeightSet:
    """The weight set of ``--weights`` or of one ``--pairwise`` matrix (exactly one of them)."""
    if (weights is None) == (pairwise is None):
        raise fail("give exactly one of --weights or --pairwise")
    if weights is not None:
        return load_weights(weights, criteria=problem_criteria)
    assert pairwise is not None
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
