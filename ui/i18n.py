"""Every label, help text and message in bokmål and English.

Strings live in ``ui/strings/*.yaml`` (one file per area; keys are unique across files):
``key: {nb: ..., en: ...}``, read and checked by the engine's :func:`mcda.strings.load_catalogue`
like the reports' wording. ``t("key", name=...)`` formats with ``str.format``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import streamlit as st

from mcda.errors import Lang
from mcda.strings import load_catalogue

STRINGS_DIR = Path(__file__).resolve().parent / "strings"
LANG_KEY = "lang"
LANG_PARAM = "lang"  # the address's ?lang=en
ADDRESS_READ_KEY = "lang.address_read"
DEFAULT_LANG: Lang = "nb"


def catalogue() -> Mapping[str, Mapping[str, str]]:
    return load_catalogue(STRINGS_DIR)


def lang() -> Lang:
    value = st.session_state.get(LANG_KEY, DEFAULT_LANG)
    return "en" if value == "en" else "nb"


def follow_address() -> None:
    """The first run of a session takes its language from the address (``?lang=en``); bokmål otherwise."""
    if not st.session_state.get(ADDRESS_READ_KEY):
        st.session_state[ADDRESS_READ_KEY] = True
        if st.query_params.get(LANG_PARAM) == "en":
            st.session_state[LANG_KEY] = "en"


def set_language(value: Lang) -> None:
    """The session's language, kept in the address too (``?lang=en``; bokmål has none), so a reload, a
    bookmark or a shared link opens in it; Streamlit drops the parameter on every page switch, so each
    run puts it back."""
    st.session_state[LANG_KEY] = value
    if value == "en" and st.query_params.get(LANG_PARAM) != "en":
        st.query_params[LANG_PARAM] = "en"
    elif value != "en" and LANG_PARAM in st.query_params:
        del st.query_params[LANG_PARAM]


def page_link(page: str, label: str, icon: str, where: Any = st) -> None:
    """A link to another page of the app that keeps the address's language (``?lang=en``; bokmål has
    none), drawn in ``where`` (a column or container; the page itself by default). Every page link
    of the app goes through here: Streamlit's own drops the parameter."""
    where.page_link(page, label=label, icon=icon, query_params={LANG_PARAM: "en"} if lang() == "en" else {})


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
