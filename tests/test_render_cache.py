"""Charts are rendered once per spec: a report's Word and PowerPoint files share their PNGs."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from mcda.charts import common
from mcda.errors import InputError


def _chart(title: str) -> alt.Chart:
    data = pd.DataFrame({"a": [1, 2, 3], "b": [3, 1, 2]})
    return alt.Chart(data, title=title).mark_bar().encode(x="a:Q", y="b:Q")


def test_the_same_spec_is_rendered_once_and_another_spec_anew(monkeypatch) -> None:
    calls: list[str] = []
    real = common.vlc.vegalite_to_png

    def counting(spec: str, **kwargs) -> bytes:
        calls.append(spec)
        return real(spec, **kwargs)

    monkeypatch.setattr(common.vlc, "vegalite_to_png", counting)
    first = common.to_png(_chart("render cache test one"), validate=True)
    again = common.to_png(_chart("render cache test one"))  # an equal chart, built anew
    assert first == again and first.startswith(b"\x89PNG") and len(calls) == 1
    other = common.to_png(_chart("render cache test two"))
    larger = common.to_png(_chart("render cache test one"), scale=1.0)
    assert len(calls) == 3 and other != first and larger != first


def test_the_cache_keeps_a_bounded_number_of_pictures(monkeypatch) -> None:
    monkeypatch.setattr(common, "PNG_CACHE_SIZE", 2)
    monkeypatch.setattr(common.vlc, "vegalite_to_png", lambda spec, **kwargs: spec.encode())
    for i in range(5):
        common.to_png(_chart(f"bounded {i}"))
    assert len(common._png_cache) <= 2


def _fresh_worker_thread(monkeypatch) -> None:
    """A pool of its own, so the test's worker processes start (or fail to start) anew."""
    monkeypatch.setattr(common, "_pool", None)
    monkeypatch.setattr(common, "RENDER_WORKERS", 1)
    monkeypatch.setattr(common, "_png_cache", common.OrderedDict())


def test_rendering_ahead_in_a_worker_process_gives_the_same_picture(monkeypatch) -> None:
    _fresh_worker_thread(monkeypatch)
    ahead = common.to_png_ahead(lambda: _chart("worker process test")).result(timeout=120)
    assert ahead.startswith(b"\x89PNG")
    monkeypatch.setattr(common, "_png_cache", common.OrderedDict())
    assert common.to_png(_chart("worker process test")) == ahead  # rendered here, anew: the same bytes
    processes = [p for p in common._processes if p.poll() is None]
    assert processes, "the picture came from a worker process"


def test_a_renderer_error_in_the_worker_is_a_located_message(monkeypatch) -> None:
    _fresh_worker_thread(monkeypatch)
    monkeypatch.setattr(common, "safe_spec", lambda chart, validate=True: "{not a spec")
    future = common.to_png_ahead(lambda: _chart("broken"))
    with pytest.raises(InputError) as found:
        future.result(timeout=120)
    assert found.value.issues[0].code == "render_failed"


def test_without_a_worker_process_the_picture_is_rendered_here(monkeypatch) -> None:
    _fresh_worker_thread(monkeypatch)
    monkeypatch.setattr(common.sys, "executable", "/nonexistent/python")
    png = common.to_png_ahead(lambda: _chart("no worker test")).result(timeout=120)
    assert png.startswith(b"\x89PNG")
