"""``mcda gaps``: the knowledge gaps, most influential first (which unknown values to fill in first)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from ..errors import Lang as LangCode
from ..formatting import format_as
from ..gap_views import COLUMNS, gap_kinds, gap_table, short_col
from ..gaps import GapAnalysis, analyse_gaps
from ..loading import load_problem
from ..models import DecisionProblem
from .options import (
    DEFAULT_METHOD,
    RI,
    CriteriaFile,
    DataFile,
    Lang,
    MethodOption,
    NormalizationOption,
    PairwiseFile,
    Priority,
    WeightsFile,
    emit_json,
    reports_input_errors,
    settings_from,
    weights_from,
)

Opt = typer.Option


@reports_input_errors
def gaps_command(
    criteria: CriteriaFile,
    data: DataFile,
    weights: WeightsFile = None,
    pairwise: PairwiseFile = None,
    method: MethodOption = DEFAULT_METHOD,
    normalization: NormalizationOption = None,
    grid: Annotated[int, Opt(min=2, help="values tried over each interval, both ends included")] = 11,
    samples: Annotated[int, Opt(min=1, help="joint draws of every interval for the variance shares")] = 2_000,
    seed: Annotated[int, Opt(help="random seed of the joint draws")] = 0,
    top: Annotated[int | None, Opt(min=1, help="show only the first N gaps")] = None,
    priority: Annotated[Priority, Opt(help="AHP priority method (--pairwise)")] = Priority.eigenvector,
    ri: Annotated[RI, Opt(help="AHP random-index table (--pairwise)")] = RI.saaty,
    lang: Annotated[Lang, Opt(help="language of names and of the table")] = Lang.nb,
    as_json: Annotated[bool, Opt("--json", help="print JSON")] = False,
) -> None:
    """Knowledge gaps: for every missing (or uncertain) value, the range it could take, the position's
    rank now and its best and worst rank over that range, whether it can change first place or the
    first three, and its share of the rank uncertainty; most influential first."""
    problem = load_problem(criteria, data)
    weight_set = weights_from(problem.criterion_ids, weights, pairwise, str(priority), str(ri))
    settings = settings_from(method, normalization, "interval")
    analysis = analyse_gaps(problem, weight_set, settings, grid=grid, samples=samples, seed=seed)
    language = lang.code
    if as_json:
        emit_json(gaps_json(analysis, problem, language, top))
        return
    print_gaps(analysis, problem, language, top)


def gaps_json(
    analysis: GapAnalysis, problem: DecisionProblem, lang: LangCode, top: int | None = None
) -> dict[str, Any]:
    shown = analysis.gaps if top is None else analysis.gaps[:top]
    return {
        "gaps": [
            {
                "id": g.id,
                "name": problem.alternative(g.id).name.get(lang),
                "criterion": g.criterion,
                "criterion_name": problem.criterion(g.criterion).name.get(lang),
                "unit": problem.criterion(g.criterion).unit,
                "kind": g.kind,
                "interval": list(g.interval),
                "value_now": g.value_now,
                "rank_now": g.rank_now,
                "rank_best": g.rank_best,
                "rank_worst": g.rank_worst,
                "can_change_first": g.can_change_first,
                "can_change_top3": g.can_change_top3,
                "share": g.share,
            }
            for g in shown
        ],
        "total": len(analysis.gaps),
        "method": analysis.method,
        "normalization": analysis.normalization,
        "parameters": analysis.parameters,
        "weights": analysis.weights.weights,
        "grid": analysis.grid,
        "samples": analysis.samples,
        "seed": analysis.seed,
        "sorted_by": "can change first place, then the first three, then the width of the rank range, then the share",
        "library_versions": analysis.library_versions,
    }


def print_gaps(analysis: GapAnalysis, problem: DecisionProblem, lang: LangCode, top: int | None = None) -> None:
    normalization = analysis.normalization or "method’s own"
    typer.echo(f"{analysis.method.upper()}  normalisation: {normalization}  missing values as intervals")
    if not analysis.gaps:
        typer.echo("no missing or uncertain values: no knowledge gaps")
        return
    frame = gap_table(analysis, problem, lang, top)
    kinds = gap_kinds(lang)
    cells = [[format_as(v, kinds.get(c, "text"), lang) for c, v in zip(frame.columns, row)] for row in frame.values]
    headers = [short_col(k, lang) for k in COLUMNS]
    numeric = [c in kinds for c in frame.columns]
    widths = [max(len(h), *(len(r[j]) for r in cells)) for j, h in enumerate(headers)]

    def line(values: list[str]) -> str:
        return "  ".join(v.rjust(w) if n else v.ljust(w) for v, w, n in zip(values, widths, numeric)).rstrip()

    typer.echo(line(headers))
    for row in cells:
        typer.echo(line(row))
    if top is not None and top < len(analysis.gaps):
        typer.echo(f"… {len(analysis.gaps) - top} more (without --top: all)")
