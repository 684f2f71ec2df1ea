"""AppTest fixtures: a fresh SQLite database per test and a helper to open a page."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ui.tables import TABLE_CLASS

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TIMEOUT = 60


@pytest.fixture
def db_url(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'app.sqlite'}"
    monkeypatch.setenv("MCDA_DATABASE_URL", url)
    return url


@pytest.fixture
def app(db_url) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_page(at: AppTest, page: str) -> AppTest:
    at.switch_page(f"app_pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def no_errors(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


class _TableReader(HTMLParser):
    """The cells of the first HTML table, as text, row by row (the heading row first)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self.cell is not None:
            self.rows[-1].append("".join(self.cell))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def html_tables(at: AppTest) -> list[list[list[str]]]:
    """Every table the page drew as plain HTML (``ui.tables``): its rows of cell texts, headings first."""
    tables = []
    for element in at.get("html"):
        if f'class="{TABLE_CLASS}"' in element.proto.body:
            reader = _TableReader()
            reader.feed(element.proto.body)
            tables.append(reader.rows)
    return tables


def html_table_columns(at: AppTest, index: int = 0) -> dict[str, list[str]]:
    """The ``index``-th HTML table's columns: heading -> the cells' texts."""
    heading, *rows = html_tables(at)[index]
    return {name: [row[j] for row in rows] for j, name in enumerate(heading)}


def shown_cells(table) -> pd.DataFrame:
    """What an interactive table (``st.dataframe``) writes in its cells: the styler's display values
    where the page formats them (``mcda.formatting.formatted``), else its data as the grid gets it."""
    from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

    styler = table.proto.arrow_data.styler
    if styler.display_values:
        return convert_arrow_bytes_to_pandas_df(styler.display_values)
    return table.value
