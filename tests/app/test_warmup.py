"""The server's warm-up (serve.py starts it at start): it loads what the ranking page needs and ranks the
shipped problem with a new session's weights through the pages' own cache, so the first visitor's ranking
is a cache hit."""

from __future__ import annotations

import gc
import logging

import pytest
from streamlit import delta_generator
from streamlit.testing.v1 import AppTest

from ui import state
from ui.warmup import warm_up

from .conftest import APP, TIMEOUT, html_tables, no_errors


def test_warm_up_ranks_what_a_new_session_shows_first(db_url, monkeypatch, caplog) -> None:
    with caplog.at_level(logging.INFO, logger="mcda.app"):
        assert warm_up() >= 0
    assert "warm-up done" in caplog.text and "failed" not in caplog.text

    def not_again(*_: object) -> None:
        raise AssertionError("the warm-up should have ranked this already")

    monkeypatch.setattr(state, "rank_alternatives", not_again)
    for lang in ("nb", "en"):
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        at.session_state["lang"] = lang
        at.switch_page("app_pages/ranking.py")
        at.run()
        no_errors(at)
        assert html_tables(at), "the ranking table is drawn"


def test_warm_up_pays_the_processs_one_time_costs(db_url, monkeypatch) -> None:
    # Streamlit's first element of a process inspects the whole call stack once; after the warm-up the
    # first visitor's elements do not
    monkeypatch.setattr(delta_generator, "_use_warning_has_been_displayed", False)
    warm_up()
    assert delta_generator._use_warning_has_been_displayed
    # what the warm-up loaded is left out of the collection Streamlit runs after every script run, and the
    # automatic collections it paused run again
    assert gc.get_freeze_count() > 100_000 and gc.isenabled()


def test_a_failing_warm_up_is_logged_not_raised(monkeypatch, caplog) -> None:
    def broken() -> None:
        raise OSError("disk gone")

    monkeypatch.setattr(state, "shipped_texts", broken)
    with caplog.at_level(logging.ERROR, logger="mcda.app"):
        warm_up()
    assert "warm-up failed" in caplog.text and gc.isenabled()


@pytest.fixture(autouse=True)
def fresh_caches():
    state._rank.clear()
    state._parse.clear()
    yield
    state._rank.clear()
    gc.unfreeze()  # the rest of the test run collects as usual
