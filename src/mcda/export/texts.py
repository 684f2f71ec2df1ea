"""The exports' wording: the texts live in ``strings/*.yaml`` (one file per report section, each
key in bokmål and English); here are the few rules that pick between them.

Terms follow ``shared/domain/GLOSSARY.md`` (vektsett, nærhetskoeffisient, konsistensforhold
(CR), ekspertvurdering, manglende verdi, kilde, ...). Numbers in running text follow the
language: ``0,7123`` and ``25 %`` in bokmål, ``0.7123`` and ``25%`` in English.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import Lang
from ..formatting import format_as
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


METHOD_EXPLAINED = _family("method_explained")
NORMALIZATION_EXPLAINED = _family("normalization_explained")
OWN_NORMALIZATION = _family("method_scaling")
ORIGIN_EXPLAINED = _family("origin")


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
        return format_as(value, fmt, lang)
    return str(value)
