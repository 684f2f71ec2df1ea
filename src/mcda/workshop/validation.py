"""Checks on what callers hand the workshop service, before anything reaches the database.

Every failure is one of the service's own errors (:class:`~mcda.workshop.service.WorkshopError`
and its subclasses) with a located message; nothing here touches the database.

Display names are compared by a *skeleton*: NFKC-normalised, case- and space-folded, with
Cyrillic and Greek letters that look like Latin ones mapped to those (so "Kаri" with a
Cyrillic а and "Kari" are the same member, and "Kåre" typed as one code point or as "a" +
combining ring is one name). The mapping is a small hand-made subset of Unicode's
confusables table (TR39) covering the letters that look identical in ordinary fonts.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from typing import TYPE_CHECKING

from ..errors import FIELD_PLACES, Issue
from ..text_input import bad_character, shown, text_issue
from .errors import SECRET_MAX, WORKSHOP_NAME_MAX, AccessDenied, WorkshopError

if TYPE_CHECKING:  # pragma: no cover
    from ..models import DecisionProblem

DB_TEXT_MAX = 200  # the database columns for names and ids hold 200 characters

# Cyrillic and Greek letters that render like a Latin letter (lower case; input is casefolded first)
_LOOKALIKES = {
    # Cyrillic
    "а": "a",
    "в": "b",
    "с": "c",
    "ԁ": "d",
    "е": "e",
    "һ": "h",
    "і": "i",
    "ј": "j",
    "к": "k",
    "ӏ": "l",
    "м": "m",
    "н": "h",
    "о": "o",
    "р": "p",
    "ԛ": "q",
    "ѕ": "s",
    "т": "t",
    "ԝ": "w",
    "х": "x",
    "у": "y",
    "ԍ": "g",
    "ү": "y",
    # Greek
    "α": "a",
    "β": "b",
    "ε": "e",
    "η": "n",
    "ι": "i",
    "κ": "k",
    "ν": "v",
    "ο": "o",
    "ρ": "p",
    "τ": "t",
    "υ": "u",
    "χ": "x",
    "γ": "y",
    "ω": "w",
    "ϲ": "c",
    "ϳ": "j",
    # Latin look-alikes of other letters
    "ı": "i",
    "ɑ": "a",
    "ɡ": "g",
    "ℓ": "l",
}
_LOOKALIKE_TABLE = str.maketrans(_LOOKALIKES)


def name_key(shown_name: str) -> str:
    """The key two display names must not share: NFKC, folded case and spaces, look-alikes mapped."""
    text = unicodedata.normalize("NFKC", shown_name).casefold()
    text = " ".join(text.split())
    # map look-alikes on the decomposed form so accented look-alikes ("е" + ring) match too
    text = unicodedata.normalize("NFD", text).translate(_LOOKALIKE_TABLE)
    return unicodedata.normalize("NFC", text)


def check_title(name: object) -> str:
    """A workshop's name: 1 to 200 characters of one-line text, returned stripped."""

    title = name.strip() if isinstance(name, str) else ""
    if not 1 <= len(title) <= WORKSHOP_NAME_MAX:
        raise WorkshopError(
            Issue(
                "workshop_title_invalid",
                column="name",
                place=FIELD_PLACES["workshop_name"],
                details={"max": WORKSHOP_NAME_MAX},
            )
        )
    issue = text_issue(title, column="name")
    if issue:
        raise WorkshopError(dataclasses.replace(issue, place=FIELD_PLACES["workshop_name"]))
    return title


def check_weight_set_name(name: object) -> str:
    """The name a group weight set is saved under: 1 to 200 characters of one-line text."""

    text = name.strip() if isinstance(name, str) else ""
    if not 1 <= len(text) <= DB_TEXT_MAX:
        raise WorkshopError(
            Issue(
                "weight_set_name_invalid",
                column="name",
                place=FIELD_PLACES["weight_set_name"],
                value=None if not text else shown(text, 40),
                details={"max": DB_TEXT_MAX, "length": len(text)},
            )
        )
    issue = text_issue(text, column="name")
    if issue:
        raise WorkshopError(dataclasses.replace(issue, place=FIELD_PLACES["weight_set_name"]))
    return text


def check_problem(problem: DecisionProblem | None) -> None:
    """A problem the database can store a workshop for (its id fits the 200-character column)."""

    if problem is None:
        return
    pid = problem.info.id
    if len(pid) > DB_TEXT_MAX or bad_character(pid):
        raise WorkshopError(
            Issue(
                "problem_id_invalid",
                column="problem.id",
                place=FIELD_PLACES["problem.id"],
                value=shown(pid, 40),
                details={"max": DB_TEXT_MAX, "length": len(pid)},
            )
        )


def check_secret(secret: object, code: str) -> None:
    """A key or token that cannot be one of ours (not text, a lone surrogate, too long) is AccessDenied."""

    if not isinstance(secret, str) or not 0 < len(secret) <= SECRET_MAX or bad_character(secret):
        raise AccessDenied(Issue(code))
