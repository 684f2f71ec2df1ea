"""A table drawn as plain HTML (one ``st.html``), for a page's first paint.

Streamlit's interactive table (``st.dataframe``) makes a new browser fetch and run about 1.7 MB of
its scripts before it draws (``benchmarks/bench_element_types.py``); a static HTML table needs only the
HTML element's code, which every page loads anyway (``ui.widgets``' localisation). Every heading,
cell and help text is escaped: user text stays plain text.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

import pandas as pd
import streamlit as st

from mcda.errors import Lang
from mcda.formatting import format_as

TABLE_CLASS = "mcda-table"

# Streamlit's table look in either theme: lines and hover from the text colour, numbers right-aligned;
# a heading with help has a dotted underline and shows it on hover
_STYLE = (
    f"<style>.{TABLE_CLASS}{{border-collapse:collapse;width:100%;font-size:0.875rem;"
    "font-variant-numeric:tabular-nums;margin-bottom:0.5rem}"
    f".{TABLE_CLASS} th,.{TABLE_CLASS} td{{padding:0.35rem 0.6rem;text-align:left;vertical-align:top;"
    "border-bottom:1px solid rgba(128,128,128,0.25)}"
    f".{TABLE_CLASS} th{{font-weight:600;border-bottom-width:2px}}"
    f".{TABLE_CLASS} .number{{text-align:right;white-space:nowrap}}"
    f".{TABLE_CLASS} tbody tr:hover{{background:rgba(128,128,128,0.08)}}"
    f".{TABLE_CLASS} th[title]{{text-decoration:underline dotted;cursor:help}}</style>"
)


def table_html(
    frame: pd.DataFrame,
    lang: Lang,
    kinds: Mapping[str, str],
    help_texts: Mapping[str, str] | None = None,
) -> str:
    """``frame`` as an HTML table: the columns named in ``kinds`` are numbers of that kind (written as
    :func:`mcda.formatting.format_as` writes them, right-aligned), the others text as it is; a column in
    ``help_texts`` has that text as its heading's tooltip."""
    help_texts = help_texts or {}

    def heading(column: str) -> str:
        tip = f' title="{escape(help_texts[column])}"' if column in help_texts else ""
        number = ' class="number"' if column in kinds else ""
        return f'<th scope="col"{number}{tip}>{escape(str(column))}</th>'

    def cell(column: str, value: object) -> str:
        if column in kinds:
            return f'<td class="number">{escape(format_as(value, kinds[column], lang))}</td>'
        return f"<td>{escape(format_as(value, 'text', lang))}</td>"

    head = "".join(heading(str(c)) for c in frame.columns)
    rows = "".join(
        "<tr>" + "".join(cell(str(c), v) for c, v in zip(frame.columns, values, strict=True)) + "</tr>"
        for values in frame.itertuples(index=False, name=None)
    )
    return f'{_STYLE}<table class="{TABLE_CLASS}"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def show_table(
    frame: pd.DataFrame, lang: Lang, kinds: Mapping[str, str], help_texts: Mapping[str, str] | None = None
) -> None:
    """Draw :func:`table_html` on the page."""
    st.html(table_html(frame, lang, kinds, help_texts))
