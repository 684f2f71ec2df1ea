"""Keep exported text inert: no spreadsheet formulas, no characters XML cannot hold.

CSV injection (OWASP): a spreadsheet treats a cell that begins with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return as a formula. Text cells that begin so get a leading
apostrophe, which Excel and LibreOffice show as text; numbers are written as numbers and
never touched, so a negative score stays a negative number.
"""

from __future__ import annotations

import re

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def neutralise(text: str) -> str:
    """Text a spreadsheet will not run: a leading apostrophe before = + - @ tab CR."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def xml_safe(text: str) -> str:
    """Text without control characters Word/PowerPoint XML cannot hold; a carriage return becomes a space."""
    return _XML_INVALID.sub("", text.replace("\r\n", "\n").replace("\r", " "))
