"""The ranking as CSV for Excel: UTF-8 with BOM, ``;`` and decimal comma by default.

Norwegian Excel (nb-NO) splits CSV on ``;`` and reads ``0,7123`` as a number; with a
decimal point it would read text. So ``;`` comes with a decimal comma, and ``,`` (for
English-locale tools) with a decimal point. Columns: ``rank``, ``id``, ``name``, ``score``,
``rank_best`` and ``rank_worst`` when the ranking has rank ranges (missing values as intervals:
each position's best and worst possible rank), and one column per criterion id with that
criterion's contribution (per the method's contribution basis; methods without contributions
have none). Numbers are written in
full precision and never quoted; text that a spreadsheet would run as a formula gets a
leading apostrophe (see :mod:`mcda.export.safety`).

``table="comparison"`` writes a report's comparison instead (the app's comparison page):
``id``, ``name`` and one column of ranks per ranking, the main ranking first, rows in the
main ranking's order (an empty cell where a ranking left the alternative out).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from ..errors import Lang
from .report import Report
from .safety import neutralise


def _outlook_columns(report: Report) -> tuple[list[str], Callable[[str], list[str | float | None]]]:
    """With outlooks: ``rank:<outlook id>`` per outlook, then ``rank_best_outlooks``,
    ``rank_worst_outlooks``, ``max_regret``, ``robust_rank`` (and ``expected_rank``)."""
    comparison = report.outlooks
    if comparison is None:
        return [], lambda _alt: []
    ids = [r.outlook.id for r in comparison.rankings]
    expected = comparison.probabilities is not None
    head = [f"rank:{o}" for o in ids] + ["rank_best_outlooks", "rank_worst_outlooks", "max_regret", "robust_rank"]
    head += ["expected_rank"] if expected else []
    entries = {e.id: e for e in comparison.robust}

    def cells(alt: str) -> list[str | float | None]:
        e = entries.get(alt)
        if e is None:
            return [""] * len(head)
        out: list[str | float | None] = [str(e.ranks[o]) for o in ids]
        out += [str(e.rank_best), str(e.rank_worst), str(e.max_regret), str(e.robust_rank)]
        if expected:
            out.append(e.expected_rank)
        return out

    return head, cells


def to_csv(
    report: Report, lang: Lang = "nb", separator: str = ";", decimal: str | None = None, table: str = "ranking"
) -> bytes:
    """``rank;id;name;score[;rank_best;rank_worst];<criterion ids>``, one row per ranked alternative, best first; with
    ``table="comparison"``, ``id;name;<ranks per ranking>``."""
    if table not in ("ranking", "comparison"):
        raise ValueError(f"table must be 'ranking' or 'comparison', not {table!r}")
    if separator not in (";", ","):
        raise ValueError(f"separator must be ';' or ',', not {separator!r}")
    decimal = decimal or ("," if separator == ";" else ".")
    if decimal not in (",", ".") or decimal == separator:
        raise ValueError(f"decimal separator {decimal!r} cannot be used with column separator {separator!r}")
    entries = report.ranking.entries
    if table == "comparison":
        return _comparison_csv(report, lang, separator)
    criteria = list(entries[0].contributions) if entries else []
    ranges = any(e.rank_best is not None for e in entries)
    range_columns = ("rank_best", "rank_worst") if ranges else ()

    def num(x: float | None) -> str:
        return "" if x is None else repr(float(x)).replace(".", decimal)

    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
    outlook_head, outlook_cells = _outlook_columns(report)
    writer.writerow([neutralise(h) for h in ("rank", "id", "name", "score", *range_columns, *criteria, *outlook_head)])
    for e in entries:
        writer.writerow(
            [str(e.rank), neutralise(e.id), neutralise(e.name.get(lang)), num(e.score)]
            + ([str(e.rank_best), str(e.rank_worst)] if ranges else [])
            + [num(e.contributions.get(c)) for c in criteria]
            + [cell if isinstance(cell, str) else num(cell) for cell in outlook_cells(e.id)]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _comparison_csv(report: Report, lang: Lang, separator: str) -> bytes:
    main = report.main_label()
    rankings = {main: report.ranking, **{k: v for k, v in report.comparisons.items() if k != main}}
    ranks = {label: r.rank_of() for label, r in rankings.items()}
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in ("id", "name", *rankings)])
    for e in report.ranking.entries:
        cells = [str(ranks[label][e.id]) if e.id in ranks[label] else "" for label in rankings]
        writer.writerow([neutralise(e.id), neutralise(e.name.get(lang)), *cells])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
