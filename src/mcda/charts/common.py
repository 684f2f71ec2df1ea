"""What every chart shares: labels in both languages, sizes, the number locale, and offline rendering.

Numbers drawn by Vega-Lite (axes, tooltips) use the formats of :mod:`mcda.formatting`
(``vega_format``) in the language's locale (``vega_locale``: bokmål 0,5 and 25 %); numbers
written into the chart's data (cell texts) are formatted by the same module in Python.

Encodings are channel objects (``alt.X("a:Q")``, ``alt.Text(...)``, ``alt.ColorValue(v,
condition={...})``), not shorthand strings, ``alt.value`` or ``alt.condition``: Altair turns those
into channel objects by a lookup over its whole schema, about 5 ms each (a third of building the
report's charts); the spec is the same."""

from __future__ import annotations

import atexit
import hashlib
import json
import math
import os
import struct
import subprocess
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar, cast

import altair as alt
import vl_convert as vlc

from ..errors import InputError, Issue, Lang
from ..formatting import vega_locale
from ..render_fonts import prepare_fonts
from ..text_input import for_render

T = TypeVar("T")
C = TypeVar("C", bound=alt.TopLevelMixin)

LABELS: dict[str, tuple[str, str]] = {  # key -> (en, nb)
    "position": ("Position", "Posisjon"),
    "score": ("Score", "Skår"),
    "rank": ("Rank", "Plass"),
    "weight": ("Weight", "Vekt"),
    "criterion": ("Criterion", "Kriterium"),
    "contribution": ("Contribution", "Bidrag"),
    "ranking": ("Ranking", "Rangering"),
    "coefficient": ("Coefficient", "Koeffisient"),
    "coef.spearman": ("Spearman", "Spearman"),
    "coef.kendall": ("Kendall τ-b", "Kendall τ-b"),
    "coef.rw": ("Weighted Spearman rw", "Vektet Spearman rw"),
    "coef.ws": ("WS similarity", "WS-likhet"),
    "normalization": ("normalisation", "normalisering"),
}

WIDTH = 560  # px for exported PNGs; pages pass width="container" to fill their column
FONT = "Liberation Sans"
TEXT_SIZE = 11  # px, Vega's default for text marks

# Advance widths (per 1000 of the font size) of Liberation Sans 2.00.1, the font vl-convert carries and
# draws the charts with (mcda.render_fonts; metric-compatible with Arial and Helvetica, the fonts a
# browser falls back to); characters not listed take the common 556.
_ADVANCE = {
    **dict.fromkeys("'", 191),
    **dict.fromkeys("ijl’‘", 222),
    **dict.fromkeys("|", 260),
    **dict.fromkeys(" .,:;!/\\[]ftI", 278),
    **dict.fromkeys("()-r`{}·“”²³", 333),
    **dict.fromkeys('"', 355),
    **dict.fromkeys("*", 389),
    **dict.fromkeys("τ", 395),
    **dict.fromkeys("°", 400),
    **dict.fromkeys("^", 469),
    **dict.fromkeys("sckvxyzJ", 500),
    **dict.fromkeys("≤≥±≈≠", 549),
    **dict.fromkeys("+<=>~−×", 584),
    **dict.fromkeys("øFTZ", 611),
    **dict.fromkeys("ABEKPSVXYÅÉ&", 667),
    **dict.fromkeys("CDHNRUÜw", 722),
    **dict.fromkeys("GOQØÖ", 778),
    **dict.fromkeys("mM", 833),
    **dict.fromkeys("æ%", 889),
    **dict.fromkeys("W", 944),
    **dict.fromkeys("Æ—…‰", 1000),
    **dict.fromkeys("@", 1015),
}


def text_width(text: str, size: float = TEXT_SIZE) -> float:
    """The width in px of ``text`` drawn in the charts' font at ``size`` px (to leave room for labels)."""
    return sum(_ADVANCE.get(ch, 556) for ch in text) * size / 1000


# Vega's containerSize(): the width of the chart's place in the page; undefined where the chart has no page
# (vl-convert's PNG of an export), where the expressions below take their fixed value
PAGE_WIDTH = "containerSize()[0]"
LEGEND_ENTRY = 34  # px a legend entry takes beside its label: symbol, gap, column padding


def on_page(expression: str, otherwise: float) -> alt.ExprRef:
    """``expression`` (in px, of ``PAGE_WIDTH``) in a page, ``otherwise`` in a picture."""
    return alt.ExprRef(f"{PAGE_WIDTH} > 0 ? {expression} : {otherwise}")


def fitted_legend(
    labels: Sequence[str], most_columns: int, limit: float, beside: float | str = 0, **more: Any
) -> alt.Legend:
    """A legend below the plot in as many columns (up to ``most_columns``) as the page's width holds
    at its longest label, less ``beside`` (px left of the plot: the y axis's labels and title, where
    the legend does not reach; px, or a Vega expression such as ``axis_labels_width``'s); a label
    longer than the room left is cut with "…" there (in full in the tooltip). A picture keeps
    ``most_columns`` and ``limit``."""
    entry = math.ceil(min(limit, max((text_width(x) for x in labels), default=0.0))) + LEGEND_ENTRY
    room = (
        f"({PAGE_WIDTH} - {math.ceil(beside) + 8})"
        if isinstance(beside, (int, float))
        else f"({PAGE_WIDTH} - ({beside}) - 8)"
    )
    return alt.Legend(
        orient="bottom",
        columns=on_page(f"max(1, min({most_columns}, floor({room} / {entry})))", most_columns),
        labelLimit=on_page(f"max(40, min({limit}, {room} - {LEGEND_ENTRY}))", limit),
        **more,
    )


def fit_to_width(chart: C, width: int | str) -> C:
    """Fixed pixel widths keep Vega-Lite's default sizing; a container width fits only x (Streamlit would
    otherwise fit the height too, so titles, axes and legends would eat into the plot)."""
    if isinstance(width, int):
        return chart
    return chart.properties(autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))


LABEL_LINE_HEIGHT = 13  # px between the two lines of a wrapped axis label
# a page draws axis labels in Streamlit's font (Source Sans, 12 px): in Chromium up to 13 % wider than
# text_width measures them (the shipped problem's criterion names, whole and broken in two)
PAGE_LABEL_FONT = 1.15


def two_lines(text: str) -> list[str]:
    """``text`` broken at the space that leaves the longer of two lines shortest; a single word stays whole."""
    words = text.split(" ")
    splits = [[" ".join(words[:k]), " ".join(words[k:])] for k in range(1, len(words))]
    return min(splits, key=lambda lines: max(text_width(x) for x in lines), default=[text])


def fitted_axis_labels(
    labels: Sequence[str], limit: float, share: float = 0.5, least_plot: float = 50
) -> dict[str, Any]:
    """An axis's label settings (``alt.Axis(**...)``) for names beside a plot: a name on one line where it fits
    the room for one line, else on two (``two_lines``; a name of one word stays whole). That room is ``share``
    of the page's width (of the chart's place), at most ``limit``; where some names take more even on two
    lines, as much as they take, so a shorter name beside them stays on one line ("Behov for ren kraft"
    whole beside "Industrielt grunnlag / og kompetanse"); never more than the labels' room. Cut with "…"
    only where the plot would be left less than ``least_plot`` px, or beyond ``limit``: the labels' room. The
    measure (``PAGE_LABEL_FONT`` wider on a page) only chooses the lines; the room decides the cut. A
    picture has a name on one line up to ``limit``, on two beyond."""
    room = _labels_room(limit, least_plot)
    wrapped = [two_lines(x) for x in labels]
    if all(len(lines) == 1 for lines in wrapped):  # nothing to break
        return {"labelLimit": on_page(room, limit)}
    index = f"indexof({json.dumps(list(labels))}, datum.label)"
    one, two = _widths(labels, PAGE_LABEL_FONT)
    first = _first_room(limit, share)
    taken = sorted({f"{a} > {first} ? {b} : 0" for a, b in zip(one, two, strict=True)})  # single words too
    page_room = f"min({room}, max({first}, {', '.join(taken)}))"
    picture = [math.ceil(text_width(x)) for x in labels]
    broken = f"{PAGE_WIDTH} > 0 ? {json.dumps(one)}[{index}] > {page_room} : {json.dumps(picture)}[{index}] > {limit}"
    lines = f"{json.dumps(wrapped)}[{index}]"
    return {
        "labelExpr": f"({broken}) ? {lines} : datum.label",
        "labelLimit": on_page(room, limit),
        "labelLineHeight": LABEL_LINE_HEIGHT,
    }


def axis_labels_width(labels: Sequence[str], limit: float, share: float = 0.5, least_plot: float = 50) -> str:
    """A Vega expression of the px the labels of ``fitted_axis_labels`` take on a page: the ``beside`` of a
    ``fitted_legend`` under the same plot. The widest of each name's one line where it fits the first room
    (``share`` of the page, at most ``limit``) and of its two lines where not (a name that stays on one line
    in the room those leave is no wider than they are), at most the labels' room."""
    first = _first_room(limit, share)
    one, two = _widths(labels, PAGE_LABEL_FONT)
    taken = sorted({f"{a} > {first} ? {b} : {a}" if b < a else str(a) for a, b in zip(one, two, strict=True)})
    return f"min({_labels_room(limit, least_plot)}, max({', '.join(['0', *taken])}))"


def _labels_room(limit: float, least_plot: float) -> str:
    """A Vega expression: the px the labels may take on a page before they are cut."""
    return f"max(40, min({limit}, {PAGE_WIDTH} - {least_plot}))"


def _first_room(limit: float, share: float) -> str:
    """A Vega expression: the room on a page for a name on one line, before the other names are looked at."""
    return f"min({limit}, {share} * {PAGE_WIDTH})"


def _widths(labels: Sequence[str], scale: float) -> tuple[list[int], list[int]]:
    """The px (``text_width`` times ``scale``, rounded up) of each label on one line and on two (its longer line)."""
    one = [math.ceil(scale * text_width(x)) for x in labels]
    two = [math.ceil(scale * max(text_width(line) for line in two_lines(x))) for x in labels]
    return one, two


def label(key: str, lang: Lang) -> str:
    en, nb = LABELS[key]
    return nb if lang == "nb" else en


def styled(chart: C, lang: Lang = "en") -> C:
    """The chart with the shared font, number locale and axis; of the same kind (Chart, LayerChart...)."""
    configured = (
        chart.configure(font=FONT, locale={"number": vega_locale(lang)})
        # tick labels closer than 4 px are thinned out by Vega's overlap check ("10 %12 %" read as one)
        .configure_axis(labelLimit=260, labelSeparation=4)
        .configure_view(stroke=None)
    )
    return cast(C, configured)  # altair's configure methods are annotated with the mixin, not Self


# Rendering is the cost of an export (vl-convert: about 0.05-0.35 s of CPU per chart, most of it
# laying out text, holding the interpreter lock; its fonts are held in memory, mcda.render_fonts,
# prepared before the first rendering of a process); the same chart in the same language is rendered
# once and its PNG reused, e.g. by the Word and then the PowerPoint file of one report. Keyed by the
# (made safe) Vega-Lite spec. An export renders its charts ahead (to_png_ahead), side by side in
# worker processes (mcda.png_worker), while it writes the document - when the machine has cores to
# spare (render_here_now); MCDA_RENDER_WORKERS=0 always renders in this process.
PNG_CACHE_SIZE = 64
_png_cache: OrderedDict[tuple[str, float], bytes] = OrderedDict()
_png_lock = threading.Lock()
RENDER_WORKERS = int(os.environ.get("MCDA_RENDER_WORKERS", min(2, os.cpu_count() or 1)))
THREADS_PER_WORKER = 2  # a chart is built while the others render


def to_png(chart: alt.TopLevelMixin, scale: float = 2.0, validate: bool = False) -> bytes:
    """The chart as PNG, rendered offline (no browser, no network); the same spec is rendered once.

    The renderer aborts the whole process on some control characters, so every string in
    the spec is made safe first (:func:`mcda.text_input.for_render`); any other renderer
    failure becomes an InputError ("render_failed"), never a crash of the caller. Altair's
    schema validation is skipped unless ``validate`` (it costs about as much as building the
    chart; the app validates every chart it shows, and vl-convert refuses a spec it cannot draw).
    """
    return _render(chart, lambda spec: _cached_png(spec, scale, _render_here), validate, picture=True)


def render_here_now() -> bool:
    """Whether an export should render its charts in this process, one at a time: when there are no
    worker processes (``MCDA_RENDER_WORKERS=0``) or no core to spare for them (the last minute's
    load average, this process included, at least the number of cores). Workers cost CPU of their
    own (starting vl-convert, about 0.5 s each) and on a busy machine get no more of it than this
    process would: there they make an export slower (``benchmarks/bench_reports.py``)."""
    if RENDER_WORKERS <= 0:
        return True
    try:
        load = os.getloadavg()[0]
    except OSError:  # no load average on this system
        return False
    return load >= (os.cpu_count() or 1)


def to_png_ahead(build: Callable[[], alt.TopLevelMixin], scale: float = 2.0, here: bool = False) -> Future[bytes]:
    """Start building the chart (``build()``) and rendering it now, in a worker process (``here``:
    in this process, before returning); the future's result is :func:`to_png` of it (the same cache
    and the same errors)."""
    if here or RENDER_WORKERS <= 0:
        done: Future[bytes] = Future()
        try:
            done.set_result(to_png(build(), scale))
        except Exception as exc:  # the caller gets the error where it asks for the picture
            done.set_exception(exc)
        return done

    def work() -> bytes:
        return _render(build(), lambda spec: _cached_png(spec, scale, _render_in_worker), False, picture=True)

    return _render_pool().threads.submit(work)


def _cached_png(spec: str, scale: float, renderer: Callable[[str, float], bytes]) -> bytes:
    key = (hashlib.sha256(spec.encode("utf-8")).hexdigest(), float(scale))
    with _png_lock:
        png = _png_cache.get(key)
        if png is not None:
            _png_cache.move_to_end(key)
            return png
    png = renderer(spec, scale)
    with _png_lock:
        _png_cache[key] = png
        while len(_png_cache) > PNG_CACHE_SIZE:
            _png_cache.popitem(last=False)
    return png


def _render_here(spec: str, scale: float) -> bytes:
    prepare_fonts()
    return vlc.vegalite_to_png(spec, scale=scale)


class _RenderProcess:
    """One ``python -m mcda.png_worker`` process and its pipes (used by one thread at a time)."""

    def __init__(self) -> None:
        env = dict(os.environ)
        source_root = str(Path(__file__).resolve().parents[2])  # where the mcda package is
        env["PYTHONPATH"] = os.pathsep.join(p for p in (source_root, env.get("PYTHONPATH")) if p)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mcda.png_worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        _processes.append(self.process)

    def render(self, spec: str, scale: float) -> bytes:
        """The PNG, ValueError with the renderer's message, or OSError if the process is gone."""
        assert self.process.stdin is not None and self.process.stdout is not None
        request = json.dumps({"spec": spec, "scale": scale}).encode("utf-8")
        self.process.stdin.write(struct.pack(">I", len(request)) + request)
        self.process.stdin.flush()
        head = self.process.stdout.read(5)
        if len(head) < 5:
            raise OSError("the render process ended")
        status, size = struct.unpack(">BI", head)
        body = self.process.stdout.read(size)
        if len(body) < size:
            raise OSError("the render process ended")
        if status:
            raise ValueError(body.decode("utf-8", "replace"))
        return body


class _RenderPool:
    """Threads that build charts and hand their specs to at most ``size`` worker processes.

    Twice as many threads as processes, so a chart's spec is built while the processes render
    others (building holds this process's interpreter lock, rendering does not); a process is
    started when a spec finds none idle, again if one ended; without one the chart is rendered here.
    """

    def __init__(self, size: int) -> None:
        self.threads = ThreadPoolExecutor(max_workers=THREADS_PER_WORKER * size, thread_name_prefix="png-render")
        self._slots = threading.Semaphore(size)
        self._idle: list[_RenderProcess] = []
        self._lock = threading.Lock()

    def render(self, spec: str, scale: float) -> bytes:
        with self._slots:
            with self._lock:
                worker = self._idle.pop() if self._idle else None
            try:
                if worker is None or worker.process.poll() is not None:
                    worker = _RenderProcess()
                return worker.render(spec, scale)
            except OSError:
                worker = None
                return _render_here(spec, scale)
            finally:
                if worker is not None:
                    with self._lock:
                        self._idle.append(worker)


_processes: list[subprocess.Popen[bytes]] = []
_pool: _RenderPool | None = None
_pool_lock = threading.Lock()


def _render_pool() -> _RenderPool:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = _RenderPool(RENDER_WORKERS)
        return _pool


def _render_in_worker(spec: str, scale: float) -> bytes:
    """In an idle worker process of the pool (see :class:`_RenderPool`)."""
    return _render_pool().render(spec, scale)


@atexit.register
def _stop_render_processes() -> None:
    """Closing its input ends a worker; one that does not end within a second is killed."""
    for process in _processes:
        if process.stdin is not None:
            process.stdin.close()
    for process in _processes:
        try:
            process.wait(timeout=1.0)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


def to_svg(chart: alt.TopLevelMixin) -> str:
    prepare_fonts()
    return _render(chart, vlc.vegalite_to_svg)


def safe_spec(chart: alt.TopLevelMixin, validate: bool = True, picture: bool = False) -> str:
    """The chart's Vega-Lite JSON with every string safe for the renderer; for a ``picture`` (PNG)
    without ARIA (``config.aria`` false: the descriptions Vega-Lite computes for every mark for
    screen readers, which a picture cannot carry; the pages keep them)."""
    spec = for_render(chart.to_dict(validate=validate))
    if picture:
        spec["config"] = {**spec.get("config", {}), "aria": False}
    return json.dumps(spec, ensure_ascii=False)


def _render(chart: alt.TopLevelMixin, renderer: Callable[[str], T], validate: bool = True, picture: bool = False) -> T:
    try:
        spec = safe_spec(chart, validate, picture=picture)
        return renderer(spec)
    except Exception as exc:  # the renderer's own errors are plain ValueErrors/RuntimeErrors
        title = getattr(chart, "title", None)
        name = title if isinstance(title, str) else type(chart).__name__
        reason = (str(exc).splitlines() or [type(exc).__name__])[0][:160]
        raise InputError(Issue("render_failed", details={"chart": name, "reason": reason})) from exc
