"""How a located message names one cell of the decision matrix (a refusal of a value, in both languages).

Its own module: it needs the problem's names (``models``) and the numbers' format (``formatting``), and
both of those import ``errors``, so the helper cannot live there without a circle.
"""

from __future__ import annotations

from .formatting import format_number
from .models import DecisionProblem


def cell_message_fields(problem: DecisionProblem, alternative: int, criterion: int, value: float) -> dict[str, str]:
    """The fields a message names one cell of the matrix with: ``{criterion}`` of ``{position}`` is ``{value}``,
    in English and bokmål (``_nb``)."""
    position, column = problem.alternatives[alternative], problem.criteria[criterion]
    return {
        "criterion": column.name.en,
        "criterion_nb": column.name.nb,
        "position": position.name.en,
        "position_nb": position.name.nb,
        "value": format_number(value, "en"),
        "value_nb": format_number(value, "nb"),
    }
