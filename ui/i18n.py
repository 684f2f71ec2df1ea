"""Every label, help text and message in bokmål and English.

Strings live in ``ui/strings/*.yaml`` (one file per area; keys are unique across files):
``key: {nb: ..., en: ...}``, read and checked by the engine's :func:`mcda.strings.load_catalogue`
like the reports' wording. ``t("key", name=...)`` formats with ``str.format``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import streamlit as st

from mcda.errors import Lang
from mcda.strings import load_catalogue

STRINGS_DIR = Path(__file__).resolve().parent / "strings"
LANG_KEY = "lang"
DEFAULT_LANG: Lang = "nb"


def catalogue() -> Mapping[str, Mapping[str, str]]:
    return load_catalogue(STRINGS_DIR)


def lang() -> Lang:
    value = st.session_state.get(LANG_KEY, DEFAULT_LANG)
    return "en" if value == "en" else "nb"


def keyed(key: str) -> str:
    """A widget key per language: a widget whose option labels change language must be a new widget,
    or the browser keeps showing the old labels. Canonical values live outside widget keys."""
    return f"{key}.{lang()}"


def labels(keys: Iterable[str], prefix: str) -> Callable[[str], str]:
    """A format_func for option ids, translated now (widgets may call it outside the script run)."""
    table = {k: t(f"{prefix}{k}") for k in keys}
    return lambda k: table.get(k, str(k))


def t(key: str, **values: object) -> str:
    texts = catalogue().get(key)
    if texts is None:
        return key  # visible in the page and caught by the strings test
    text = texts.get(lang()) or texts.get("nb") or key
    return text.format(**values) if values else text
