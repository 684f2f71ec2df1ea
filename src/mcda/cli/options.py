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
from typing import Any, TypeVar

import typer

from .. import ahp
from ..errors import InputError
from ..loading import load_pairwise, load_weights
from ..missing import MISSING_POLICIES
from ..models import Ranking, WeightOrigin, WeightSet
from ..ranking import METHODS

EXIT_BAD_INPUT = 2
F = TypeVar("F", bound=Callable[..., Any])


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


def fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(EXIT_BAD_INPUT)


def reports_input_errors(func: F) -> F:
    """Turn InputError (and any other failure) into one line on stderr, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            raise fail(exc.message("en")) from None
        except (typer.Exit, typer.Abort):
            raise
        except Exception as exc:  # an engine bug: still one line, distinct exit code
            typer.echo(f"internal error: {type(exc).__name__}: {exc}", err=True)
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


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
    matrix = load_pairwise(pairwise).reordered(problem_criteria)
    result = ahp.analyse(matrix, priority, ri)
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
        "method": getattr(method, "value", method) != "topsis",
        "normalization": normalization is not None,
        "missing": getattr(missing, "value", missing) != "refuse",
    }
    named = [f"--{name}" for name, value in given.items() if value]
    if named:
        raise fail(f"--scenario holds every input and setting; leave out {', '.join(named)}")


def ranking_json(ranking: Ranking, lang: str) -> dict[str, Any]:
    return {
        "method": ranking.method,
        "normalization": ranking.normalization,
        "parameters": ranking.parameters,
        "score_direction": ranking.score_direction,
        "weights": ranking.weights.weights,
        "weights_origin": ranking.weights.origin.model_dump(mode="json"),
        "ranking": [{"id": e.id, "name": e.name.get(lang), "score": e.score, "rank": e.rank} for e in ranking.entries],
        "missing_policy": ranking.missing_policy,
        "excluded_criteria": list(ranking.excluded_criteria),
        "excluded_alternatives": list(ranking.excluded_alternatives),
        "imputed_cells": [list(c) for c in ranking.imputed_cells],
        "missing_note": ranking.missing_note.get(lang) if ranking.missing_note else None,
        "warnings": [w.get(lang) for w in ranking.warnings],
        "conventions": ranking.conventions,
        "library_versions": ranking.library_versions,
    }


def print_ranking(ranking: Ranking, lang: str) -> None:
    width = max(len(e.name.get(lang)) for e in ranking.entries)
    arrow = "higher is better" if ranking.score_direction == "higher_is_better" else "lower is better"
    typer.echo(f"{ranking.method.upper()}  normalisation: {ranking.normalization or 'method’s own'}  score: {arrow}")
    typer.echo(f"{'rank':>4}  {'id':<8} {'name':<{width}}  score")
    for e in ranking.entries:
        typer.echo(f"{e.rank:>4}  {e.id:<8} {e.name.get(lang):<{width}}  {e.score:.4f}")
    for w in ((ranking.missing_note,) if ranking.missing_note else ()) + ranking.warnings:
        typer.echo(f"note: {w.get(lang)}")
