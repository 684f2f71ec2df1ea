"""The exports' wording: the texts live in ``strings/*.yaml`` (one file per report section, each
key in bokmål and English); here are the few rules that pick between them.

Terms follow ``shared/domain/GLOSSARY.md`` (vektsett, nærhetskoeffisient, konsistensforhold
(CR), ekspertvurdering, manglende verdi, kilde, ...). Numbers in running text follow the
language: ``0,7123`` and ``25 %`` in bokmål, ``0.7123`` and ``25%`` in English.
"""

from __future__ import annotations

import math
from pathlib import Path

from ..errors import Lang
from ..models import LocalizedText
from ..strings import Catalogue

REPORT_STRINGS = Catalogue(Path(__file__).resolve().parent / "strings")


def _family(prefix: str) -> dict[str, LocalizedText]:
    """The texts ``prefix.<id>`` as ``{id: LocalizedText}``: one per method, normalisation, kind of value, ..."""
    texts = REPORT_STRINGS
    return {
        key.removeprefix(f"{prefix}."): LocalizedText(en=texts.raw(key, "en"), nb=texts.raw(key, "nb"))
        for key in texts.keys(f"{prefix}.")
    }


PROVENANCE_LABELS = _family("provenance")
DIRECTION_LABELS = _family("direction")
METHOD_EXPLAINED = _family("method_explained")
NORMALIZATION_EXPLAINED = _family("normalization_explained")
OWN_NORMALIZATION = _family("method_scaling")
ORIGIN_EXPLAINED = _family("origin")
NORMALIZATION_NAMES = _family("normalization_name")
AGGREGATION_NAMES = _family("aggregation_name")  # how a workshop's group weights are formed


def t(key: str, lang: Lang, **fields: object) -> str:
    """The text ``key`` of ``strings/*.yaml`` in ``lang`` with its fields filled in."""
    return REPORT_STRINGS.text(key, lang, **fields)


def plural(key: str, n: int, lang: Lang, **fields: object) -> str:
    """The text ``key.one`` for n = 1, else ``key.other``, with ``{n}`` and the other fields filled in."""
    return REPORT_STRINGS.text(f"{key}.{'one' if n == 1 else 'other'}", lang, n=n, **fields)


def count(n: int, noun: str, lang: Lang) -> str:
    """'1 manglende verdi', '38 manglende verdier' (``count.<noun>.one`` or ``.other``)."""
    return plural(f"count.{noun}", n, lang)


def tr(text: str | LocalizedText | None, lang: Lang) -> str:
    """A plain string as it is; a LocalizedText in ``lang``; None as ''."""
    if text is None:
        return ""
    return text.get(lang) if isinstance(text, LocalizedText) else str(text)


def number(value: float | int | None, lang: Lang, digits: int | None = 4) -> str:
    """A number for running text and tables: fixed ``digits`` decimals, or up to 6 significant ones (None)."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    if isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
    elif digits is None:
        text = f"{value:.6g}"
        if "e" in text:
            text = f"{value:.6f}".rstrip("0").rstrip(".")
    else:
        text = f"{value:.{digits}f}"
    if text.startswith("-"):
        text = "−" + text[1:]  # typographic minus in text; spreadsheets get real numbers
    return text.replace(".", ",") if lang == "nb" else text


def percent(value: float | None, lang: Lang, digits: int = 1) -> str:
    if value is None:
        return "–"
    text = number(100 * value, lang, digits)
    return f"{text} %" if lang == "nb" else f"{text}%"


def join_names(names: list[str], lang: Lang) -> str:
    if len(names) <= 1:
        return "".join(names)
    return t("names_joined", lang, names=", ".join(names[:-1]), last=names[-1])


def cell_text(value: object, fmt: str, lang: Lang) -> str:
    """A table cell as text for Word, Markdown and slides (spreadsheets keep numbers as numbers)."""
    if value is None:
        return "" if fmt == "text" else "–"
    if isinstance(value, LocalizedText):
        return value.get(lang)
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    if isinstance(value, (int, float)):
        if fmt == "int" or (fmt == "text" and isinstance(value, int)):
            return number(int(value), lang)
        if fmt == "score":
            return number(value, lang, 4)
        if fmt == "percent":
            return percent(value, lang)
        if fmt == "points":
            return number(value, lang, 1)
        if fmt == "coefficient":
            return number(value, lang, 3)
        if fmt == "decimal":
            return number(value, lang, 2)
        return number(value, lang, None)
    return str(value)
