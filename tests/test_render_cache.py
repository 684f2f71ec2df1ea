"""Charts are rendered once per spec: a report's Word and PowerPoint files share their PNGs."""

from __future__ import annotations

import json

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
    monkeypatch.setattr(common, "safe_spec", lambda chart, validate=True, picture=False: "{not a spec")
    future = common.to_png_ahead(lambda: _chart("broken"))
    with pytest.raises(InputError) as found:
        future.result(timeout=120)
    assert found.value.issues[0].code == "render_failed"


def test_without_a_worker_process_the_picture_is_rendered_here(monkeypatch) -> None:
    _fresh_worker_thread(monkeypatch)
    monkeypatch.setattr(common.sys, "executable", "/nonexistent/python")
    png = common.to_png_ahead(lambda: _chart("no worker test")).result(timeout=120)
    assert png.startswith(b"\x89PNG")


def test_charts_rendered_ahead_share_at_most_render_workers_processes(monkeypatch) -> None:
    _fresh_worker_thread(monkeypatch)
    monkeypatch.setattr(common, "RENDER_WORKERS", 2)
    monkeypatch.setattr(common, "_processes", [])
    titles = [f"shared workers {i}" for i in range(6)]
    futures = [common.to_png_ahead(lambda title=title: _chart(title)) for title in titles]
    pictures = [f.result(timeout=120) for f in futures]
    assert len(common._processes) == 2  # each process rendered several charts
    monkeypatch.setattr(common, "_png_cache", common.OrderedDict())
    assert pictures == [common.to_png(_chart(title)) for title in titles]  # rendered here, anew


def test_a_worker_that_refused_a_spec_renders_the_next_chart(monkeypatch) -> None:
    _fresh_worker_thread(monkeypatch)
    monkeypatch.setattr(common, "_processes", [])
    real = common.safe_spec
    monkeypatch.setattr(
        common,
        "safe_spec",
        lambda chart, validate=True, picture=False: (
            "{not a spec" if chart.title == "bad" else real(chart, picture=picture)
        ),
    )
    with pytest.raises(InputError):
        common.to_png_ahead(lambda: _chart("bad")).result(timeout=120)
    assert common.to_png_ahead(lambda: _chart("good after bad")).result(timeout=120).startswith(b"\x89PNG")
    assert len(common._processes) == 1


@pytest.mark.parametrize(
    ("workers", "load", "here"),
    [(2, 0.4, False), (2, 1.9, False), (2, 2.0, True), (2, 7.5, True), (0, 0.1, True)],
)
def test_charts_are_rendered_here_when_every_core_is_busy(monkeypatch, workers, load, here) -> None:
    monkeypatch.setattr(common, "RENDER_WORKERS", workers)
    monkeypatch.setattr(common.os, "getloadavg", lambda: (load, load, load))
    monkeypatch.setattr(common.os, "cpu_count", lambda: 2)
    assert common.render_here_now() is here


def test_a_busy_machine_renders_an_exports_charts_here_without_worker_processes(monkeypatch) -> None:
    from mcda.export.figures import Pictures
    from mcda.export.report import Figure

    _fresh_worker_thread(monkeypatch)
    monkeypatch.setattr(common, "_processes", [])
    monkeypatch.setattr("mcda.export.figures.render_here_now", lambda: True)
    figure = Figure(key="busy", caption="busy", chart=lambda lang: _chart(f"busy machine {lang}"))
    pictures = Pictures([figure], "nb")
    assert pictures.here and pictures.get(figure).startswith(b"\x89PNG")
    assert common._processes == []


def test_pictures_are_rendered_without_aria_and_look_the_same(monkeypatch) -> None:
    """ARIA descriptions are for screen readers on the pages; a PNG cannot carry them."""
    specs: list[str] = []
    real = common.vlc.vegalite_to_png
    monkeypatch.setattr(
        common.vlc, "vegalite_to_png", lambda spec, **kwargs: specs.append(spec) or real(spec, **kwargs)
    )
    monkeypatch.setattr(common, "_render_in_worker", lambda spec, scale: specs.append(spec) or b"\x89PNG")
    monkeypatch.setattr(common, "_png_cache", common.OrderedDict())
    monkeypatch.setattr(common, "RENDER_WORKERS", 1)
    chart = common.styled(_chart("aria test"), "nb")
    png = common.to_png(chart)
    common.to_png_ahead(lambda: common.styled(_chart("aria test ahead"), "nb")).result(timeout=120)
    here, ahead = (json.loads(spec) for spec in specs)
    for spec in (here, ahead):
        assert spec["config"]["aria"] is False and spec["config"]["font"] == common.FONT  # the rest kept
    assert "aria" not in chart.to_dict()["config"]  # the chart the pages show keeps its ARIA
    assert png == real(common.safe_spec(chart, validate=False), scale=2.0)  # the same picture with it
