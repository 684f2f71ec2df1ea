"""Tables (pandas) of the shared objects, in bokmål or English, for pages and exports.

The pages only display these; they never reshape arrays themselves. Numbers stay numbers; a page
shows them through :func:`mcda.formatting.formatted`, as its text writes them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .errors import Lang
from .formatting import DASH, format_as, format_number
from .labels import direction_label, provenance_label
from .models import Cell, DecisionProblem, Provenance, Ranking, WeightSet

COLUMNS: dict[str, tuple[str, str]] = {  # key -> (en, nb)
    "id": ("Id", "Id"),
    "position": ("Position", "Posisjon"),
    "criterion": ("Criterion", "Kriterium"),
    "direction": ("Direction", "Retning"),
    "unit": ("Unit", "Enhet"),
    "definition": ("Definition", "Definisjon"),
    "scale": ("Scale", "Skala"),
    "missing": ("Missing", "Mangler"),
    "value": ("Value", "Verdi"),
    "kind": ("Kind", "Type"),
    "source": ("Source", "Kilde"),
    "author": ("Judged by", "Vurdert av"),
    "date": ("Date", "Dato"),
    "rationale": ("Rationale", "Begrunnelse"),
    "rank": ("Rank", "Plass"),
    "score": ("Score", "Skår"),
    "change": ("Change", "Endring"),
    "possible": ("Possible ranks", "Mulige plasser"),
    "material": ("Material", "Materiale"),
    "stage": ("Value-chain stage", "Verdikjedeledd"),
    "weight": ("Weight", "Vekt"),
    "origin": ("Obtained by", "Fastsatt ved"),
}

ORIGIN_LABELS: dict[str, tuple[str, str]] = {
    "direct": ("direct weights", "direkte vekter"),
    "points": ("points", "poeng"),
    "ahp": ("AHP pairwise comparisons", "AHP, parvise sammenligninger"),
    "objective": ("objective weights", "objektive vekter"),
    "workshop": ("workshop", "arbeidsmøte"),
    "preset": ("preset", "forhåndsvalg"),
    "file": ("file", "fil"),
    "equal": ("equal weights", "like vekter"),
    "tree": ("value tree, node by node", "verditre, node for node"),
    "swing": ("swing weights", "swingvekter"),
}

KIND_COLOURS = {
    "published": "",
    "expert_judgment": "background-color: #fff4cc",
    "missing": "background-color: #fbd5d5",
    "unspecified": "background-color: #eeeeee",
}


MISSING_TEXT = ("missing", "mangler")  # a missing value in a table (not "None")


def _pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[1] if lang == "nb" else pair[0]


def col(key: str, lang: Lang) -> str:
    return _pick(COLUMNS[key], lang)


def origin_label(kind: str, lang: Lang) -> str:
    return _pick(ORIGIN_LABELS.get(kind, (kind, kind)), lang)


def criteria_table(problem: DecisionProblem, lang: Lang) -> pd.DataFrame:
    missing = np.isnan(problem.matrix).sum(axis=0)
    rows = []
    for j, c in enumerate(problem.criteria):
        scale = ""
        if c.scale is not None:
            scale = "; ".join(f"{k}: {v.get(lang)}" for k, v in sorted(c.scale.levels.items()))
        rows.append(
            {
                col("id", lang): c.id,
                col("criterion", lang): c.name.get(lang),
                col("direction", lang): direction_label(c.direction, lang),
                col("unit", lang): c.unit or "",
                col("definition", lang): c.description.get(lang) if c.description else "",
                col("scale", lang): scale,
                col("missing", lang): int(missing[j]),
            }
        )
    return pd.DataFrame(rows)


def alternatives_table(problem: DecisionProblem, lang: Lang) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                col("id", lang): a.id,
                col("position", lang): a.name.get(lang),
                col("material", lang): a.material.get(lang) if a.material else "",
                col("stage", lang): a.stage.get(lang) if a.stage else "",
            }
            for a in problem.alternatives
        ]
    )


def values_table(problem: DecisionProblem, lang: Lang) -> pd.DataFrame:
    """Positions x criteria, NaN where missing; the index is the position's name."""
    return pd.DataFrame(
        problem.matrix,
        index=pd.Index([a.name.get(lang) for a in problem.alternatives], name=col("position", lang)),
        columns=[c.name.get(lang) for c in problem.criteria],
    )


def provenance_kinds(problem: DecisionProblem) -> pd.DataFrame:
    return pd.DataFrame(
        [[problem.cell(a, c).provenance.kind for c in problem.criterion_ids] for a in problem.alternative_ids],
        index=problem.alternative_ids,
        columns=problem.criterion_ids,
    )


def styled_values(problem: DecisionProblem, lang: Lang) -> pd.io.formats.style.Styler:
    """The values (as given, in the language's style) with each cell coloured by its kind: expert
    judgment yellow, missing red."""
    values = values_table(problem, lang)
    kinds = provenance_kinds(problem)
    colours = pd.DataFrame(
        [[KIND_COLOURS[k] for k in row] for row in kinds.to_numpy()], index=values.index, columns=values.columns
    )
    # written out as text: the grid shows "None" for an empty number cell whatever the display format
    shown = values.map(lambda x: format_as(x, "value", lang))
    return shown.style.apply(lambda _: colours, axis=None)


def missing_by_criterion(problem: DecisionProblem, lang: Lang) -> list[tuple[str, list[str]]]:
    """(criterion name, ids of the positions lacking a value) for every criterion with gaps."""
    out = []
    for c in problem.criteria:
        ids = [a for a, cc in problem.missing_cells() if cc == c.id]
        if ids:
            out.append((c.name.get(lang), ids))
    return out


def provenance_text(prov: Provenance, lang: Lang) -> str:
    parts = [provenance_label(prov.kind, lang)]
    if prov.source:
        parts.append(prov.source_in(lang) or "")
    if prov.author:
        parts.append(f"{col('author', lang)}: {prov.author}")
    if prov.date:
        parts.append(prov.date.isoformat())
    rationale = prov.rationale_in(lang)
    if rationale:
        parts.append(rationale)
    return " — ".join(parts)


def cell_details(
    problem: DecisionProblem,
    lang: Lang,
    alternatives: Sequence[str] | None = None,
    criteria: Sequence[str] | None = None,
) -> pd.DataFrame:
    """One row per cell: value and where it comes from."""
    rows = []
    for a in alternatives or problem.alternative_ids:
        for c in criteria or problem.criterion_ids:
            cell: Cell = problem.cell(a, c)
            p = cell.provenance
            rows.append(
                {
                    col("position", lang): problem.alternative(a).name.get(lang),
                    col("criterion", lang): problem.criterion(c).name.get(lang),
                    col("value", lang): _pick(MISSING_TEXT, lang)
                    if cell.value is None
                    else format_number(cell.value, lang),
                    col("kind", lang): provenance_label(p.kind, lang),
                    col("source", lang): p.source_in(lang) or "",
                    col("author", lang): p.author or "",
                    col("date", lang): p.date.isoformat() if p.date else "",
                    col("rationale", lang): p.rationale_in(lang) or "",
                }
            )
    return pd.DataFrame(rows)


def ranking_table(ranking: Ranking, lang: Lang, previous: Mapping[str, int] | None = None) -> pd.DataFrame:
    """Rank, id, position, score and the change in rank since ``previous`` (positive = moved up); when
    the ranking has rank ranges (missing values as intervals), the possible ranks as text ('2–11') after
    the position."""
    ranges = has_rank_ranges(ranking)
    rows = []
    for e in ranking.entries:
        change = None if previous is None or e.id not in previous else previous[e.id] - e.rank
        row: dict[str, object] = {
            col("rank", lang): e.rank,
            col("id", lang): e.id,
            col("position", lang): e.name.get(lang),
        }
        if ranges:
            row[col("possible", lang)] = rank_range_text(e.rank_best, e.rank_worst, lang)
        row[col("score", lang)] = e.score
        row[col("change", lang)] = change
        rows.append(row)
    return pd.DataFrame(rows)


def has_rank_ranges(ranking: Ranking) -> bool:
    """Whether the ranking gives each position's best and worst rank over the value intervals."""
    return any(e.rank_best is not None for e in ranking.entries)


def rank_range_text(best: int | None, worst: int | None, lang: Lang) -> str:
    """'2–11'; one rank when best and worst agree ('3'); '–' when there is no range."""
    if best is None or worst is None:
        return DASH
    if best == worst:
        return format_number(best, lang)
    return f"{format_number(best, lang)}–{format_number(worst, lang)}"


def change_text(change: int | None) -> str:
    if change is None or change == 0:
        return "–" if change is None else "="
    return f"▲ {change}" if change > 0 else f"▼ {-change}"


def weights_table(weight_sets: Sequence[WeightSet], problem: DecisionProblem, lang: Lang) -> pd.DataFrame:
    """Criteria x weight sets (fractions); a criterion absent from a set shows as 0."""
    data = {
        ws.name or f"#{i + 1}": [ws.weights.get(c, 0.0) for c in problem.criterion_ids]
        for i, ws in enumerate(weight_sets)
    }
    return pd.DataFrame(data, index=pd.Index([c.name.get(lang) for c in problem.criteria], name=col("criterion", lang)))
