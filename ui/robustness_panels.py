"""Widget groups of the robustness page: weight sweeps, stability intervals, rank acceptability
and method robustness.

Sweeps, intervals and method rankings are cached (``st.cache_data``, bounded) with every input
in the key. A rank-acceptability run starts only on a button press; its result is kept in this
session under a key made of all its inputs, so it is neither recomputed on a rerun nor shown
for inputs that did not produce it. The results a tab shows are remembered for the current
weights and settings (``remember``), and the downloads report exactly those.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
import time
from dataclasses import dataclass

import streamlit as st

from mcda.charts import (
    acceptability_heatmap,
    first_rank_chart,
    method_agreement_chart,
    method_rank_chart,
    stability_chart,
    sweep_chart,
)
from mcda.charts.robustness import method_text
from mcda.comparison import COEFFICIENTS
from mcda.errors import InputError
from mcda.export import Report
from mcda.export.robustness import robustness_report
from mcda.formatting import every, format_as, format_count, format_percent, formatted
from mcda.missing import POLICY_LABELS
from mcda.models import DecisionProblem, WeightSet
from mcda.ranking import RankingSettings
from mcda.robustness_views import (
    acceptability_leaders,
    acceptability_matrix,
    acceptability_notes,
    acceptability_table,
    central_weights_table,
    criterion_labels,
    has_value_ranges,
    interval_bounds,
    method_agreement_table,
    method_rank_table,
    reversals_table,
    skipped_table,
    stability_table,
    tied_labels,
    weights_used,
)
from mcda.sensitivity import (
    AcceptabilityResult,
    DataUncertainty,
    MethodRobustness,
    WeightCloud,
    WeightSensitivity,
    analyse_rank_acceptability,
    analyse_weight_sensitivity,
    compare_methods,
)

from .downloads import download_buttons
from .i18n import catalogue, labels, lang, t
from .plain import escape
from .state import current_weight_set, judgments, problem_key, rank, settings
from .tree_robustness import group_sweeps
from .weight_sets import choices, describe
from .widgets import method_statement, show_chart, show_input_error, show_ranking_notes

RESULTS_KEY = "robustness.acc.results"  # session: input key -> finished acceptability run
PRESSED_KEY = "robustness.acc.pressed"  # session: time.perf_counter() when "run" was pressed
DONE_KEY = "robustness.done"  # session: the results shown for the current setup, for the downloads
RESULT_KINDS = ("sensitivity", "acceptability", "methods")  # robustness_report's keyword arguments
KEEP_RESULTS = 6
DEFAULT_SEED = 2025
DEFAULT_SAMPLES = 10_000
MAX_SAMPLES = 100_000
CLOUDS = ("uniform", "around", "members")


@dataclass(frozen=True)
class Setup:
    """What every section analyses: the problem, the current weights and the method settings."""

    problem: DecisionProblem
    problem_key: str
    weights: WeightSet
    settings: RankingSettings

    @property
    def method(self) -> str:
        return self.settings.method


def setup(p: DecisionProblem) -> Setup:
    return Setup(p, problem_key(p), current_weight_set(p), settings().canonical())


def _setup_key(s: Setup) -> str:
    inputs = [s.problem_key, s.weights.model_dump_json(), s.settings.model_dump_json()]
    return hashlib.sha256(json.dumps(inputs).encode()).hexdigest()


def _done(s: Setup) -> dict:
    """The results this session has shown for the current setup (a new setup starts empty)."""
    done = st.session_state.get(DONE_KEY)
    key = _setup_key(s)
    if done is None or done["setup"] != key:
        done = {"setup": key}
        st.session_state[DONE_KEY] = done
    return done


def remember(s: Setup, kind: str, value: object) -> None:
    """Keep a result the page shows (sensitivity, acceptability, methods, sweep_criterion) for the downloads;
    ``None`` forgets it."""
    done = _done(s)
    if value is None:
        done.pop(kind, None)
    else:
        done[kind] = value


def downloads(s: Setup) -> None:
    """Download buttons: the current ranking with the robustness results shown in this session (nothing is
    computed for them; a tab not opened yet adds nothing)."""
    done = dict(_done(s))
    results = {kind: done[kind] for kind in RESULT_KINDS if kind in done}
    parts = [t(f"robustness.download.part.{kind}") for kind in results]
    sweep_criteria = [done["sweep_criterion"]] if "sweep_criterion" in done else []
    ranking = rank(s.problem, s.weights)
    ahp_judgments = judgments(s.problem)
    current = lang()

    def make_report() -> Report:
        return robustness_report(
            s.problem, ranking, s.weights, current, sweep_criteria=sweep_criteria, judgments=ahp_judgments, **results
        )

    with st.expander(t("download.title"), icon=":material/download:"):
        if parts:
            st.caption(t("robustness.download.includes", parts=", ".join(parts)))
        else:
            st.caption(t("robustness.download.none"))
        download_buttons(make_report, "robustness", name_hint=Report(problem=s.problem, ranking=ranking))


TABS = ("sweeps", "stability", "acceptability", "methods")
TAB_KEY = "robustness.tab"


def tabs() -> list:
    """The four sections as lazy tabs: only the open one runs (a slow method's sweeps then block
    nothing else). The open tab survives a change of language."""
    chosen = st.session_state.get(TAB_KEY)
    default = next((tab for tab in TABS if chosen in catalogue()[f"robustness.tab.{tab}"].values()), TABS[0])
    return st.tabs(
        [t(f"robustness.tab.{tab}") for tab in TABS],
        key=TAB_KEY,
        on_change="rerun",
        default=t(f"robustness.tab.{default}"),
    )


def keep(name: str, default: object, per_language: bool = False) -> str:
    """The key of a widget that keeps its value while its tab (or page) is closed.

    Streamlit forgets the state of a widget that is not drawn in a run, so the value is copied
    to a plain session key (``<name>#kept``) and put back when the widget is drawn again. Draw
    the widget with the returned key and without a ``value``/``index``/``default``.
    ``per_language``: a choice widget whose option labels are translated gets one key per
    language - Streamlit holds a choice by its label and shows none (radio) or the old label
    (selectbox) when the labels change under it.
    """
    key = f"{name}.{lang()}" if per_language else name
    saved = f"{name}#kept"
    if key not in st.session_state:
        st.session_state[key] = st.session_state.get(saved, default)
    st.session_state[saved] = st.session_state[key]
    return key


# --- cached engine calls ----------------------------------------------------------------------


@st.cache_data(max_entries=32, show_spinner=False)
def _sensitivity(key: str, weights: str, chosen: str, _problem: DecisionProblem) -> WeightSensitivity:
    # ``key`` (the problem's SHA-256) identifies ``_problem`` completely, so the cache is never stale
    return analyse_weight_sensitivity(
        _problem, WeightSet.model_validate_json(weights), RankingSettings.model_validate_json(chosen)
    )


@st.cache_data(max_entries=16, show_spinner=False)
def _methods(key: str, weights: str, chosen: str, _problem: DecisionProblem) -> MethodRobustness:
    return compare_methods(
        _problem, WeightSet.model_validate_json(weights), RankingSettings.model_validate_json(chosen)
    )


def sensitivity(s: Setup) -> WeightSensitivity:
    return _sensitivity(s.problem_key, s.weights.model_dump_json(), s.settings.model_dump_json(), s.problem)


def method_robustness(s: Setup) -> MethodRobustness:
    return _methods(s.problem_key, s.weights.model_dump_json(), s.settings.model_dump_json(), s.problem)


# --- shared ---------------------------------------------------------------------------------------


def _criterion_name(p: DecisionProblem, criterion: str) -> str:
    return p.criterion(criterion).name.get(lang())


def statement(s: Setup) -> None:
    """The method, the weights analysed and what the missing-value policy left out."""
    ranking = rank(s.problem, s.weights)
    st.markdown(method_statement(ranking))
    show_ranking_notes(ranking, s.problem)
    shown = escape(weights_used(ranking.weights, s.problem, lang()))
    note = f" {t('robustness.weights_rescaled')}" if ranking.excluded_criteria else ""
    st.caption(t("robustness.weights_used", weights=shown) + note)


# --- (a) sweeps -----------------------------------------------------------------------------------


def sweeps(s: Setup) -> None:
    st.caption(t("robustness.sweep.help"))
    result = sensitivity(s)
    criteria = list(result.weights.weights)
    name = "robustness.sweep.criterion"
    if st.session_state.get(f"{name}#kept") not in criteria:  # e.g. after another missing-value policy
        for stale in (f"{name}#kept", f"{name}.nb", f"{name}.en"):
            st.session_state.pop(stale, None)
    key = keep(name, criteria[0], per_language=True)
    names = criterion_labels(s.problem, criteria, lang())  # translated now, not when called
    criterion = st.selectbox(t("robustness.sweep.criterion"), criteria, format_func=names.__getitem__, key=key)
    remember(s, "sensitivity", result)
    remember(s, "sweep_criterion", criterion)
    sweep, interval = result.sweep(criterion), result.interval(criterion)
    show_chart(sweep_chart(sweep, s.problem, lang(), "container"))
    st.markdown(
        t(
            "robustness.sweep.summary",
            criterion=escape(names[criterion]),
            current=format_percent(interval.current_weight, lang()),
            **interval_bounds(interval, lang()),
        )
    )
    top_only = st.toggle(t("robustness.sweep.top_only"), key=keep("robustness.sweep.top_only", False))
    table = reversals_table(sweep, s.problem, lang(), 3 if top_only else None)
    st.subheader(t("robustness.sweep.reversals", count=len(table)))
    if table.empty:
        st.info(t("robustness.sweep.none"))
    else:
        st.dataframe(formatted(table, lang(), {table.columns[0]: "points"}), hide_index=True, width="stretch")
    exact = sweep.method if sweep.method in ("topsis", "wsm") else "grid"
    st.caption(t(f"robustness.sweep.exact.{exact}", points=len(sweep.grid)))
    group_sweeps(s.problem, s.problem_key, s.weights, s.settings)


# --- (b) stability intervals ----------------------------------------------------------------------


def stability(s: Setup) -> None:
    result = sensitivity(s)
    remember(s, "sensitivity", result)
    show_chart(stability_chart(result.intervals, s.problem, lang(), "container"))
    table = stability_table(result.intervals, s.problem, lang())
    st.dataframe(
        formatted(table, lang(), every(table, "points")),
        hide_index=True,
        width="stretch",
        column_config={c: st.column_config.NumberColumn(width="small") for c in table.columns[1:]},
    )
    st.caption(t("robustness.stability.help"))


# --- (c) rank acceptability -----------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    """Everything a rank-acceptability run depends on; ``key`` names it in the session."""

    cloud: WeightCloud
    samples: int
    seed: int
    data: DataUncertainty | None
    key: str


def _new_seed() -> None:
    st.session_state["robustness.acc.seed"] = secrets.randbelow(2**31)


def _set_id(ws: WeightSet) -> str:
    return f"{ws.origin.kind}:{ws.name}"  # saved names are unique per problem; presets have their own


def _cloud(s: Setup) -> WeightCloud | None:
    kind = st.radio(
        t("robustness.acc.cloud"),
        CLOUDS,
        key=keep("robustness.acc.cloud", CLOUDS[0], per_language=True),
        format_func=labels(CLOUDS, "robustness.acc.cloud."),
        help=t("robustness.acc.cloud.help"),
    )
    ids = s.problem.criterion_ids
    if kind == "uniform":
        return WeightCloud.uniform(ids)
    if kind == "around":
        spread = st.slider(t("robustness.acc.percent"), 5, 100, step=5, key=keep("robustness.acc.percent", 20))
        return WeightCloud.around(s.weights, spread, criteria=ids)
    st.caption(t("robustness.acc.members.honest"))
    sets = {_set_id(ws): ws for ws in choices(s.problem) if set(ws.weights) == set(ids)}
    key = keep("robustness.acc.members", list(sets), per_language=True)
    st.session_state[key] = [k for k in st.session_state[key] if k in sets]  # a deleted set drops out
    picked = st.multiselect(
        t("robustness.acc.members"),
        list(sets),
        format_func={k: describe(ws) for k, ws in sets.items()}.__getitem__,  # translated now
        placeholder=t("widget.choose"),
        key=key,
    )
    resample = st.radio(
        t("robustness.acc.resample"),
        ("member", "group_mean"),
        key=keep("robustness.acc.resample", "member", per_language=True),
        format_func=labels(("member", "group_mean"), "robustness.acc.resample."),
    )
    jitter = st.slider(t("robustness.acc.jitter"), 0, 50, step=5, key=keep("robustness.acc.jitter", 0))
    if len(picked) < 2:
        st.info(t("robustness.acc.members.too_few"))
        return None
    return WeightCloud.from_members([sets[k] for k in picked], jitter, resample, criteria=ids)  # type: ignore[arg-type]


def _data(s: Setup) -> DataUncertainty | None:
    if not st.checkbox(
        t("robustness.acc.data"), key=keep("robustness.acc.data", False), help=t("robustness.acc.data.help")
    ):
        return None
    available = has_value_ranges(s.problem)
    ranges = st.checkbox(
        t("robustness.acc.ranges"), disabled=not available, key=keep("robustness.acc.ranges", available)
    )
    if not available:
        st.caption(t("robustness.acc.no_ranges"))
    spread = st.slider(t("robustness.acc.data_percent"), 0, 50, step=5, key=keep("robustness.acc.data_percent", 10))
    if not (ranges and available) and spread == 0:
        st.caption(t("robustness.acc.data_none"))
        return None
    return DataUncertainty(ranges=bool(ranges and available), percent=float(spread))


def _request(s: Setup) -> Request | None:
    left, right = st.columns(2, gap="large")
    with left:
        cloud = _cloud(s)
    with right:
        samples = int(
            st.number_input(
                t("robustness.acc.samples"),
                min_value=500,
                max_value=MAX_SAMPLES,
                step=500,
                key=keep("robustness.acc.samples", DEFAULT_SAMPLES),
                help=t("robustness.acc.samples.help"),
            )
        )
        a, b = st.columns([3, 1], vertical_alignment="bottom")
        seed = int(
            a.number_input(
                t("robustness.acc.seed"),
                min_value=0,
                max_value=2**31 - 1,
                step=1,
                key=keep("robustness.acc.seed", DEFAULT_SEED),
                help=t("robustness.acc.seed.help"),
            )
        )
        b.button(t("robustness.acc.new_seed"), key="robustness.acc.new_seed", on_click=_new_seed)
        data = _data(s)
    if cloud is None:
        return None
    inputs = {
        "problem": s.problem_key,
        "cloud": cloud.model_dump(mode="json"),
        "samples": samples,
        "seed": seed,
        "data": None if data is None else data.model_dump(mode="json"),
        "settings": s.settings.model_dump(mode="json"),
    }
    key = hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()
    return Request(cloud, samples, seed, data, key)


def _pressed() -> None:
    st.session_state[PRESSED_KEY] = time.perf_counter()


def pending_bar():
    """On the rerun that a press of "run" starts: a progress bar at once, near the top of the page, since
    the page's other parts (settings, statement, tabs) run before the sampling does. ``None`` otherwise."""
    if PRESSED_KEY not in st.session_state:
        return None
    return st.progress(0.0, text=t("robustness.acc.preparing"))


def _run(s: Setup, request: Request, bar=None) -> None:
    text = t("robustness.acc.running", samples=format_count(request.samples, lang()))
    bar = st.progress(0.0, text=text) if bar is None else bar
    bar.progress(0.0, text=text)

    def report(fraction: float) -> None:
        done = min(max(fraction, 0.0), 1.0)
        bar.progress(done, text=t("robustness.acc.progress", done=format_percent(done, lang(), 0)))

    # the member's wait: from the press (the rerun it starts runs the whole page first) to the result
    started = st.session_state.pop(PRESSED_KEY, None) or time.perf_counter()
    try:
        result = analyse_rank_acceptability(
            s.problem,
            request.cloud,
            samples=request.samples,
            seed=request.seed,
            settings=s.settings,
            data=request.data,
            progress=report,
        )
    except InputError as error:
        bar.empty()
        show_input_error(error)
        return
    bar.empty()
    store: dict = st.session_state.setdefault(RESULTS_KEY, {})
    store.pop(request.key, None)
    store[request.key] = {
        "result": result,
        "at": dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S"),
        "seconds": time.perf_counter() - started,
    }
    while len(store) > KEEP_RESULTS:  # oldest first (dicts keep insertion order)
        store.pop(next(iter(store)))


def acceptability(s: Setup, bar=None) -> None:
    """The SMAA-2 tab; ``bar`` is the progress bar :func:`pending_bar` put up when "run" was pressed."""
    st.caption(t("robustness.acc.intro"))
    request = _request(s)
    pressed = request is not None and st.button(
        t("robustness.acc.run"), type="primary", key="robustness.acc.run", icon=":material/casino:", on_click=_pressed
    )
    if pressed and request is not None:
        _run(s, request, bar)
    else:
        st.session_state.pop(PRESSED_KEY, None)
        if bar is not None:
            bar.empty()
    if request is None:
        return
    store = st.session_state.get(RESULTS_KEY, {})
    entry = store.get(request.key)
    if entry is None:
        remember(s, "acceptability", None)  # the report holds what the page shows, not an older run
        st.info(t("robustness.acc.press") + (" " + t("robustness.acc.changed") if store else ""))
        return
    remember(s, "acceptability", entry["result"])
    show_acceptability(s, entry["result"], entry["at"], entry["seconds"])


def _produced(s: Setup, result: AcceptabilityResult, at: str, seconds: float) -> None:
    values = (
        t("robustness.acc.values_fixed")
        if result.data_uncertainty is None
        else (result.data_uncertainty.describe().get(lang()))
    )
    lines = [
        t(
            "robustness.acc.produced",
            samples=format_count(result.samples, lang()),
            seed=result.seed,
            method=method_text(result.method, result.normalization, lang()),
            missing=POLICY_LABELS[result.missing_policy].get(lang()),
            at=at,
            seconds=format_as(seconds, "decimal", lang()),
        ),
        t("robustness.acc.produced.weights", cloud=result.cloud.describe().get(lang())),
        t("robustness.acc.produced.values", values=values),
    ]
    st.markdown("  \n".join(lines))
    for note in acceptability_notes(result, lang()):  # without what was left out: said above the tabs
        st.caption(escape(note))


def _headline(s: Setup, result: AcceptabilityResult) -> None:
    leaders, no_majority = acceptability_leaders(result, s.problem, lang())
    lines = [t("robustness.acc.headline", **{**leader, "name": escape(leader["name"])}) for leader in leaders]
    if no_majority:
        lines.append(t("robustness.acc.no_majority"))
    st.markdown("\n".join(f"- {line}" for line in lines))


def show_acceptability(s: Setup, result: AcceptabilityResult, at: str, seconds: float) -> None:
    _produced(s, result, at, seconds)
    _headline(s, result)
    orders = ("expected", "first")
    order = st.radio(
        t("robustness.acc.order"),
        orders,
        horizontal=True,
        key=keep("robustness.acc.order", orders[0], per_language=True),
        format_func=labels(orders, "robustness.acc.order."),
    )
    show_chart(acceptability_heatmap(result, s.problem, lang(), order, "container"))
    st.caption(t("robustness.acc.ties"))
    show_chart(first_rank_chart(result, s.problem, lang(), width="container"))
    st.subheader(t("robustness.acc.summary"))
    summary = acceptability_table(result, s.problem, lang())
    kinds = {summary.columns[1]: "points", summary.columns[2]: "points", summary.columns[3]: "decimal"}
    st.dataframe(formatted(summary, lang(), kinds), hide_index=True, width="stretch", height=38 + 35 * len(summary))
    st.subheader(t("robustness.acc.central"))
    central = central_weights_table(result, s.problem, lang())
    if central.empty:
        st.info(t("robustness.acc.central.none"))
    else:
        st.dataframe(formatted(central, lang(), every(central, "points")), width="stretch")
    st.caption(t("robustness.acc.central.help"))
    with st.expander(t("robustness.acc.matrix")):
        matrix = acceptability_matrix(result, s.problem, lang())
        st.dataframe(formatted(matrix, lang(), every(matrix, "points")), width="stretch")


# --- (d) method robustness ------------------------------------------------------------------------


def methods(s: Setup) -> None:
    result = method_robustness(s)
    remember(s, "methods", result)
    st.caption(t("robustness.methods.intro", count=len(result.rankings) + len(result.skipped)))
    if result.rankings:
        show_chart(method_rank_chart(result, s.problem, lang(), "container"))
        st.subheader(t("robustness.methods.table"))
        st.dataframe(method_rank_table(result, s.problem, lang()), hide_index=True, width="stretch")
        st.subheader(t("robustness.methods.agreement"))
        coefficient = st.radio(
            t("robustness.methods.coefficient"),
            COEFFICIENTS,
            horizontal=True,
            key=keep("robustness.methods.coefficient", COEFFICIENTS[0], per_language=True),
            format_func=labels(COEFFICIENTS, "coefficient."),
        )
        left, right = st.columns([3, 2], gap="medium")
        left.altair_chart(method_agreement_chart(result, coefficient, lang()), width="content", theme=None)
        left.caption(t(f"coefficient.{coefficient}.help"))
        agreement = method_agreement_table(result, lang(), coefficient)
        right.dataframe(
            formatted(agreement, lang(), {agreement.columns[1]: "coefficient"}),
            hide_index=True,
            width="stretch",
            height=38 + 35 * len(agreement),
        )
        tied = tied_labels(result, lang())
        if tied:
            st.info(t("robustness.methods.tied", labels=", ".join(tied)))
    if result.skipped:
        st.subheader(t("robustness.methods.skipped"))
        skipped = skipped_table(result, s.problem, s.weights, lang())
        st.markdown(
            "\n".join(f"- **{escape(name)}**: {escape(reason)}" for name, reason in skipped.itertuples(index=False))
        )
