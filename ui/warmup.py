"""Warming the server process at start, so the first visitor does not pay for it.

Started by ``serve.py`` (``streamlit run serve.py``) in a background thread while the server
starts: the server answers at once and this runs alongside. It imports what app.py and the first
pages need (the access checks, the ranking engine with pymcdm, Altair, pandas and pyarrow), parses
the shipped problem into the app's cache and ranks it with the weights a new session starts with
(equal points, the default method), in both languages, through the same cached functions the pages
call; the charts and the table of that ranking are built once and thrown away. It also pays what
Streamlit does once per process on the first element drawn, and leaves everything loaded so far
out of the garbage collector's later passes (with no automatic collections while it runs). Nothing
here is shown or stored; a failure is logged and the app works as without the warm-up.
"""

from __future__ import annotations

import gc
import logging
import time

log = logging.getLogger("mcda.app")


def warm_up() -> float:
    """Do the work above; returns the seconds it took."""
    start = time.perf_counter()
    # no automatic collections while thousands of module objects are made (~0.25 of 1.4 CPU s); one at the end
    collecting = gc.isenabled()
    gc.disable()
    try:
        import pyarrow  # noqa: F401 - the dataframes' wire format, imported on the first table

        from mcda.charts.ranking import contribution_chart, score_chart, weights_chart
        from mcda.models import WeightOrigin, WeightSet
        from mcda.ranking import DEFAULT_SETTINGS
        from mcda.storage import ExpertEditStore
        from mcda.views import ranking_table

        from . import access, downloads, widgets  # noqa: F401 - the modules app.py and the ranking page import
        from .i18n import catalogue
        from .state import _parse, db, problem_key, rank_cached, shipped_texts, to_fractions, to_points
        from .tables import table_html

        problem = ExpertEditStore(db()).apply(_parse(shipped_texts()))
        n = len(problem.criterion_ids)
        fractions = to_fractions(to_points({c: 1.0 / n for c in problem.criterion_ids}))
        for lang in ("nb", "en"):
            weights = WeightSet.from_raw(
                fractions,
                name=catalogue()["weights.current"][lang],
                origin=WeightOrigin(kind="direct"),
                criteria=problem.criterion_ids,
            )
            ranking = rank_cached(problem_key(problem), problem, weights, DEFAULT_SETTINGS.canonical())
            table_html(ranking_table(ranking, lang), lang, {})
            for chart in (
                score_chart(ranking, lang, "container"),
                contribution_chart(ranking, problem, lang, "container"),
                weights_chart(weights, problem, lang, "container"),
            ):
                chart.to_dict(validate=False)
        pay_streamlits_first_element()
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


def pay_streamlits_first_element() -> None:
    """The first element a Streamlit process draws looks through the whole call stack once (is this a
    REPL?), reading the source of every frame: done here, not in the first visitor's script run."""
    from streamlit import delta_generator

    check = getattr(delta_generator, "_maybe_print_use_warning", None)  # private: skipped if it goes away
    if check is not None:
        check()
