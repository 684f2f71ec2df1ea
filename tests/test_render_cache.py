"""Charts are rendered once per spec: a report's Word and PowerPoint files share their PNGs."""

from __future__ import annotations

import altair as alt
import pandas as pd

from mcda.charts import common


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
