"""The server's warm-up (serve.py starts it at start): it loads what the ranking page needs and ranks the
shipped problem with a new session's weights through the pages' own cache, so the first visitor's ranking
is a cache hit."""

from __future__ import annotations

import gc
import logging
import threading
import time

import pytest
from streamlit import delta_generator, env_util
from streamlit.testing.v1 import AppTest

from ui import state, warmup
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


def test_warm_up_pays_the_processs_one_time_costs(db_url, monkeypatch, caplog) -> None:
    # Streamlit's first element of a process looks through the whole call stack once (is this a REPL?); the
    # server is not one: the warning is marked as given without that look, by neither the warm-up nor a visitor
    looked: list[bool] = []
    monkeypatch.setattr(env_util, "is_repl", lambda: looked.append(True) or False)
    monkeypatch.setattr(delta_generator, "_use_warning_has_been_displayed", False)
    with caplog.at_level(logging.ERROR, logger="mcda.app"):
        warm_up()
    assert delta_generator._use_warning_has_been_displayed and not looked and "failed" not in caplog.text
    # what the warm-up loaded is left out of the collection Streamlit runs after every script run, and the
    # automatic collections it paused run again
    assert gc.get_freeze_count() > 100_000 and gc.isenabled()


def test_warm_up_lets_a_visitors_script_run_go_first(db_url, monkeypatch) -> None:
    # a visitor's run (Streamlit's script thread) does what it needs itself; the warm-up goes on a moment
    # after it, not beside it (each step it would take meanwhile slows the run down)
    monkeypatch.setattr(warmup, "QUIET_S", 0.2)
    ranked_at: list[float] = []
    real = state.rank_alternatives
    monkeypatch.setattr(state, "rank_alternatives", lambda *a, **k: ranked_at.append(time.monotonic()) or real(*a, **k))
    ended: list[float] = []
    visitor = threading.Thread(
        target=lambda: time.sleep(0.5) or ended.append(time.monotonic()), name=warmup.SCRIPT_THREAD
    )
    visitor.start()
    warm_up()
    visitor.join()
    assert ranked_at and ranked_at[0] >= ended[0] + 0.15, "the warm-up ranked while the visitor's run was going"


def test_the_warm_up_waits_only_while_runs_go(monkeypatch) -> None:
    start = time.monotonic()
    warmup.wait_while_visited(quiet=5, longest=5)  # no run going: at once
    assert time.monotonic() - start < 0.5
    visitor = threading.Thread(target=time.sleep, args=(0.3,), name=warmup.SCRIPT_THREAD)
    visitor.start()
    warmup.wait_while_visited(quiet=0.2, longest=5)
    waited = time.monotonic() - start
    assert not visitor.is_alive() and 0.45 <= waited < 2
    visitor = threading.Thread(target=time.sleep, args=(3,), name=warmup.SCRIPT_THREAD, daemon=True)
    visitor.start()
    before = time.monotonic()
    warmup.wait_while_visited(quiet=0.2, longest=0.5)  # a run that goes on: not for ever
    assert visitor.is_alive() and time.monotonic() - before < 1.5


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
