"""Download buttons: the exports of mcda.export, generated only when a button is pressed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from mcda.export import FORMATS, MEDIA_TYPES, Report, export_report, file_name

from .i18n import lang, t


def download_buttons(
    make_report: Callable[[], Report],
    key: str,
    name_hint: Report | None = None,
    stem: str | None = None,
    options: dict[str, dict[str, Any]] | None = None,
) -> None:
    """One button per format; the bytes are built on click (PNG charts make Word/PowerPoint slow).
    The file names carry ``stem`` (default: ``key``), so each page's files have their own names;
    ``options`` go to the exporter per format (e.g. ``{"csv": {"table": "comparison"}}``)."""
    st.caption(t("download.help"))
    current = lang()
    report = name_hint or make_report()
    row = st.container(horizontal=True)  # each button as wide as its name; a narrow page wraps the row
    for fmt in FORMATS:
        row.download_button(
            t(f"download.{fmt}"),
            data=lambda fmt=fmt: export_report(make_report(), fmt, current, **(options or {}).get(fmt, {})),
            file_name=file_name(report, fmt, key if stem is None else stem),
            mime=MEDIA_TYPES[fmt],
            key=f"{key}.download.{fmt}",
            on_click="ignore",
            icon=":material/download:",
        )
