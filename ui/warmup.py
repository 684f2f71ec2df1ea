"""Warming the server process at start, so the first visitor does not pay for it.

Started by ``serve.py`` (``streamlit run serve.py``) in a background thread while the server
starts: the server answers at once and this runs alongside. It does, step by step and in the order
the first script run of /ranking needs it, what that run does: the imports of app.py and the ranking
page (the access checks, the ranking engine with pymcdm, pandas, Altair), the shipped problem parsed
into the app's cache and ranked with the weights a new session starts with (equal points, the default
method) through the same cached functions the pages call, its table and score chart built once and
thrown away. Only then what the first paint does not draw: the same in English, the other tabs'
charts, the full garbage collection; everything loaded so far is then left out of the collector's
later passes (with no automatic collections while it runs).

Before each step it waits while a visitor's script run is going (and a moment after it, while the
browser draws): the run does what it needs itself, through the same caches, instead of sharing the
interpreter with a warm-up that would do the same work or work the run does not need. Streamlit's
once-per-process look through the call stack on the first element (is this a REPL?) is skipped: under
``streamlit run`` it finds nothing. Nothing here is shown or stored; a failure is logged and the app
works as without the warm-up.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Iterator

log = logging.getLogger("mcda.app")

SCRIPT_THREAD = "ScriptRunner.scriptThread"  # Streamlit's thread of a session's script run (ends when it is done)
QUIET_S = 1.5  # after a run, the browser draws what it got: the warm-up waits this long without a run
LONGEST_WAIT_S = 20.0  # pages that keep running (or many visitors) do not hold the rest of the warm-up for ever


def warm_up() -> float:
    """Do the work above; returns the seconds it took."""
    start = time.perf_counter()
    # no automatic collections while thousands of module objects are made (~0.25 of 1.4 CPU s); one at the end
    collecting = gc.isenabled()
    gc.disable()
    try:
        skip_streamlits_repl_check()
        for _ in _steps():
            wait_while_visited()
    except Exception:  # noqa: BLE001 - a failed warm-up must not stop the server
        log.exception("warm-up failed; the first visitor loads what it needs")
    finally:
        # what is left lives as long as the process (modules, the caches' first entries): left out of every
        # later collection, Streamlit's full collection after each script run takes ~0 instead of ~0.1 s
        from mcda.hosting.heap import freeze_long_lived

        freeze_long_lived()
        if collecting:
            gc.enable()
    took = time.perf_counter() - start
    log.info("warm-up done in %.1f s", took)
    return took


def _steps() -> Iterator[None]:
    """The warm-up's steps, the first paint's first; each ``yield`` is a point where a visitor may go first."""
    from mcda.errors import InputError  # noqa: F401 - app.py's imports, in its order

    from . import access, i18n  # noqa: F401
    from .state import _parse, db, problem_key, rank_cached, shipped_texts, to_fractions, to_points

    yield
    from . import widgets  # noqa: F401

    yield
    from mcda.charts.ranking import contribution_chart, score_chart, weights_chart  # the ranking page's imports
    from mcda.views import ranking_table

    from . import downloads  # noqa: F401
    from .tables import table_html

    yield
    from mcda.models import WeightOrigin, WeightSet
    from mcda.ranking import DEFAULT_SETTINGS
    from mcda.storage import ExpertEditStore

    from .i18n import catalogue

    problem = ExpertEditStore(db()).apply(_parse(shipped_texts()))
    n = len(problem.criterion_ids)
    fractions = to_fractions(to_points({c: 1.0 / n for c in problem.criterion_ids}))
    yield
    made = {}
    for lang in ("nb", "en"):  # bokmål, a new session's language, first
        weights = WeightSet.from_raw(
            fractions,
            name=catalogue()["weights.current"][lang],
            origin=WeightOrigin(kind="direct"),
            criteria=problem.criterion_ids,
        )
        ranking = rank_cached(problem_key(problem), problem, weights, DEFAULT_SETTINGS.canonical())
        table_html(ranking_table(ranking, lang), lang, {})
        yield
        score_chart(ranking, lang, "container").to_dict(validate=False)
        made[lang] = weights, ranking
        yield
    # what the first paint does not draw: the other tabs' charts
    for lang, (weights, ranking) in made.items():
        contribution_chart(ranking, problem, lang, "container").to_dict(validate=False)
        weights_chart(weights, problem, lang, "container").to_dict(validate=False)
        yield
    import pyarrow  # noqa: F401 - the other pages' interactive tables' wire format

    yield


def wait_while_visited(quiet: float | None = None, longest: float | None = None) -> None:
    """Return when no script run is going, or has been for ``quiet`` seconds (``QUIET_S``), or after
    ``longest`` seconds (``LONGEST_WAIT_S``); at once when none is going."""
    quiet = QUIET_S if quiet is None else quiet
    longest = LONGEST_WAIT_S if longest is None else longest
    start = time.monotonic()
    last_run = None
    while time.monotonic() - start < longest:
        now = time.monotonic()
        if any(thread.name == SCRIPT_THREAD for thread in threading.enumerate()):
            last_run = now
        elif last_run is None or now - last_run >= quiet:
            return
        time.sleep(0.05)


def skip_streamlits_repl_check() -> None:
    """The first element a Streamlit process draws looks through the whole call stack once, reading the
    source of every frame, to warn when it runs in a REPL or without ``streamlit run``; the server is
    neither, so the warning is marked as given (about 0.15 CPU s, 0.5 s in a first visitor's run)."""
    from streamlit import delta_generator

    if hasattr(delta_generator, "_use_warning_has_been_displayed"):  # private: skipped if it goes away
        delta_generator._use_warning_has_been_displayed = True
