"""Widgets several pages share: error boxes, method settings, weight-set names."""

from __future__ import annotations

import json
import logging
from typing import Any

import streamlit as st

from mcda.errors import InputError
from mcda.export.report import Report
from mcda.export.texts import OWN_NORMALIZATION
from mcda.formatting import format_number
from mcda.labels import normalization_label, score_direction_label
from mcda.missing import MISSING_POLICIES
from mcda.models import DecisionProblem, Ranking, WeightSet
from mcda.ranking import METHODS, RankingSettings

from .i18n import keyed, labels, lang, t
from .plain import escape

log = logging.getLogger("mcda.app")


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _enter_hints() -> dict[str, tuple[str, str]]:
    """The hint under a text or number input being edited ("Press Enter to apply", "Press Enter to submit
    form", Ctrl+Enter in a text area): its first span when a character count follows it, or when the field
    has no count: a number input never has one, and of the text inputs only the password fields are left
    without max_chars (a count alone, "0/80", is not a hint and stays). Inside a form the hint says so."""
    hint = '[data-testid="InputInstructions"] > span:first-child'
    enter = ("widget.enter.apply", "widget.enter.submit")
    places = {  # widget -> (where its hint is, the keys of its texts outside and inside a form)
        "stNumberInput": ([f" {hint}"], enter),
        "stTextInput": ([f" {hint}:not(:only-child)", f':has(input[type="password"]) {hint}'], enter),
        "stTextArea": ([f" {hint}:not(:only-child)"], ("widget.ctrl_enter.apply", "widget.ctrl_enter.submit")),
    }
    rules: dict[str, tuple[str, str]] = {}
    for widget, (selectors, (outside, inside)) in places.items():
        for selector in selectors:
            rules[f'[data-testid="{widget}"]{selector}'] = (t(outside), "0.75rem")
            rules[f'[data-testid="stForm"] [data-testid="{widget}"]{selector}'] = (t(inside), "0.75rem")
    return rules


def localise_streamlit_texts() -> None:
    """Streamlit has no translations: its own English texts (the multiselect's "Select all" and "No results",
    the file uploader's "Upload", "200MB per file" and "Drag and drop a file here", an input's "Press Enter to
    apply") are replaced here by ours, in the user's language."""
    mb = st.get_option("server.maxUploadSize")
    replace = {
        '[data-key="__select_all__"] [data-item-hl]': (t("widget.select_all"), "0.875rem"),
        '[data-key="__select_matches__"] [data-item-hl]': (t("widget.select_matches"), "0.875rem"),
        # a dropdown's empty state (the options themselves are not wrapped this way)
        '[role="listbox"] > [role="option"][style*="contents"] > span:only-child': (t("widget.no_results"), "0.875rem"),
        '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p': (
            t("widget.upload"),
            "0.875rem",
        ),
        '[data-testid="stFileUploaderDropzoneInstructions"] span': (t("widget.upload.limit", mb=mb), "0.875rem"),
        # shown over the drop zone while a file is dragged onto it
        '[data-testid="stFileUploaderDropzone"] > div:not([data-testid]) > span': (t("widget.upload.drop"), "0.875rem"),
        **_enter_hints(),
    }
    rules = "".join(
        f"{sel}{{font-size:0 !important}}{sel}::after{{content:{_css_string(text)};font-size:{size}}}"
        for sel, (text, size) in replace.items()
    )
    st.html(f"<style>{rules}{_WIDE_TABLE_HINT}</style>")


# the hint our script puts on a table wider than its box (see localise_streamlit_script): below the table's right
# end, in a strip the wide table keeps free (drawn over the header row it covered the last column's heading);
# the strip stays when the table is scrolled to its end and the hint goes, so nothing below moves
_WIDE_TABLE_HINT = (
    # the strip is a margin below the table's place (inside it, it took the room of a table of fixed height)
    '[data-testid="stElementContainer"]:has([data-testid="stDataFrame"][data-mcda-wide]){margin-bottom:1.4rem}'
    '[data-testid="stDataFrame"][data-mcda-wide]{position:relative}'
    '[data-testid="stDataFrame"][data-mcda-more]::after{content:attr(data-mcda-more);position:absolute;top:100%;'
    "right:0;height:1.4rem;line-height:1.4rem;font-size:0.8rem;color:rgb(49,51,63);white-space:nowrap;"
    "pointer-events:none}"
)


# Texts CSS cannot reach: a slider's value ("11.1", printf-formatted in the browser) and the tooltips of a
# table's or chart's toolbar and of the running app's stop button (drawn away from their buttons). A
# script of ours, static, rewrites them in place as they appear; the words come from the catalogue.
_STREAMLIT_TOOLTIPS = {  # Streamlit's English -> our key
    "Download as CSV": "widget.tooltip.download_csv",
    "Download as PNG": "widget.tooltip.download_png",
    "Search": "widget.tooltip.search",
    "Fullscreen": "widget.tooltip.fullscreen",
    "Close fullscreen": "widget.tooltip.close_fullscreen",
    "Show/hide columns": "widget.tooltip.columns",
    "Show data": "widget.tooltip.show_data",
    "Copy Vega-Lite spec": "widget.tooltip.copy_spec",
    "Stop": "widget.tooltip.stop",
    "Stopping...": "widget.tooltip.stopping",
}
_LOCALISE_JS = r"""<script>(() => {
  window.mcdaLocale = JSON.parse(%s);
  if (!window.mcdaObserver) {
    const numbers = '[data-testid="stSliderThumbValue"] p, [data-testid="stSliderTickBar"] p';
    const words = '[data-testid="stTooltipContent"] p, [data-testid="stStatusWidget"] button p';
    window.mcdaLocalise = () => {
      const {decimal, texts} = window.mcdaLocale;
      for (const p of document.querySelectorAll(numbers)) {
        const shown = p.textContent.replace(/^(-?\d+)[.,](\d+)$/, "$1" + decimal + "$2");
        if (shown !== p.textContent) p.textContent = shown;
      }
      for (const p of document.querySelectorAll(words)) {
        const word = texts[p.textContent];
        if (word && word !== p.textContent) p.textContent = word;
      }
    };
    // a table wider than its box says so at its right edge until scrolled to its end (overlay scrollbars show
    // nothing until the table is scrolled, so its last columns were cut without a sign)
    let pending = false;
    window.mcdaMarkWideTables = () => {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        for (const frame of document.querySelectorAll('[data-testid="stDataFrame"]')) {
          const s = frame.querySelector('.dvn-scroller');
          const wide = s !== null && s.scrollWidth > s.clientWidth + 1;
          const more = wide && s.scrollLeft + s.clientWidth < s.scrollWidth - 1;
          const text = window.mcdaLocale.texts["more columns"];
          if (wide !== frame.hasAttribute('data-mcda-wide')) frame.toggleAttribute('data-mcda-wide', wide);
          if (!more) frame.removeAttribute('data-mcda-more');
          else if (frame.getAttribute('data-mcda-more') !== text) frame.setAttribute('data-mcda-more', text);
        }
      });
    };
    window.mcdaObserver = new MutationObserver(() => { window.mcdaLocalise(); window.mcdaMarkWideTables(); });
    window.mcdaObserver.observe(document.body, {childList: true, subtree: true, characterData: true});
    window.addEventListener('resize', window.mcdaMarkWideTables);
    document.addEventListener('scroll', window.mcdaMarkWideTables, true);
  }
  window.mcdaLocalise();
})();</script>"""


def localise_streamlit_script() -> None:
    """Slider values with the language's decimal sign and the toolbars' tooltips in its words (see
    above); called in the sidebar, where the script's empty element takes no room."""
    texts = {english: t(key) for english, key in _STREAMLIT_TOOLTIPS.items()} | {
        "more columns": t("widget.more_columns")
    }
    setup = json.dumps({"decimal": "," if lang() == "nb" else ".", "texts": texts}, ensure_ascii=True)
    st.html(_LOCALISE_JS % json.dumps(setup), unsafe_allow_javascript=True)


def show_input_error(error: InputError, title_key: str = "error.input") -> None:
    lines = [escape(line) for line in error.messages(lang())]
    shown = lines[:20]
    more = f"\n\n{t('error.more', count=len(lines) - 20)}" if len(lines) > 20 else ""
    st.error(t(title_key) + "\n\n" + "\n\n".join(f"- {line}" for line in shown) + more, icon=":material/error:")


def show_unexpected(error: Exception) -> None:
    log.exception("unexpected error in a page", exc_info=error)
    st.error(t("error.unexpected", kind=type(error).__name__), icon=":material/error:")


def method_labels():
    return {m: spec.label.get(lang()) for m, spec in METHODS.items()}.get


def method_settings(key_prefix: str = "settings", state_key: str = "settings") -> RankingSettings:
    """Method, normalisation and missing-value policy, kept in ``st.session_state[state_key]``
    (which starts from the app's settings)."""
    settings: RankingSettings = st.session_state.setdefault(state_key, st.session_state["settings"]).canonical()
    methods = list(METHODS)
    c1, c2, c3 = st.columns(3)
    method = c1.selectbox(
        t("settings.method"),
        methods,
        index=methods.index(settings.method),
        format_func=method_labels(),
        key=keyed(f"{key_prefix}.method"),
        help=t("settings.method.help"),
    )
    spec = METHODS[method]
    if spec.normalizations:
        current = (
            settings.normalization if settings.normalization in spec.normalizations else spec.default_normalization
        )
        normalization = c2.selectbox(
            t("settings.normalization"),
            list(spec.normalizations),
            index=list(spec.normalizations).index(current),
            format_func={n: normalization_label(n, lang()) for n in spec.normalizations}.get,
            key=keyed(f"{key_prefix}.norm"),
            help=t("settings.normalization.help"),
        )
    else:
        normalization = None
        c2.text_input(
            t("settings.normalization"),
            value=normalization_label(None, lang()),
            disabled=True,
            key=keyed(f"{key_prefix}.norm.none"),
        )
    policies = list(MISSING_POLICIES)
    missing = c3.selectbox(
        t("settings.missing"),
        policies,
        index=policies.index(settings.missing_policy),
        format_func=labels(policies, "settings.missing."),  # short; the help explains each
        key=keyed(f"{key_prefix}.missing"),
        help=t("settings.missing.help"),
    )
    parameters = settings.parameters if method == settings.method else {}
    chosen = RankingSettings(method=method, normalization=normalization, parameters=parameters, missing_policy=missing)
    st.session_state[state_key] = chosen.canonical()
    return st.session_state[state_key]


def method_statement(ranking: Ranking) -> str:
    spec = METHODS[ranking.method]
    if ranking.normalization:
        norm = t(f"normalization.{ranking.normalization}.note")
    else:
        own = OWN_NORMALIZATION.get(ranking.method)
        how = own.get(lang()) if own is not None else (spec.own_normalization or "")
        norm = normalization_label(None, lang()) + (f" ({how})" if how else "")
    direction = score_direction_label(ranking.score_direction, lang())
    score = spec.score_label.get(lang())
    if direction not in score:  # some score labels already say which way is better
        score = f"{score} ({direction})"
    return t("ranking.statement", method=spec.label.get(lang()), normalization=norm, score=score)


def show_ranking_notes(ranking: Ranking, problem: DecisionProblem) -> None:
    if ranking.excluded_criteria:
        names = ", ".join(escape(problem.criterion(c).name.get(lang())) for c in ranking.excluded_criteria)
        st.warning(t("ranking.excluded_criteria", names=names), icon=":material/filter_alt_off:")
    if ranking.interval_cells:
        by_criterion: dict[str, list[str]] = {}
        for a, c in ranking.interval_cells:
            by_criterion.setdefault(c, []).append(problem.alternative(a).name.get(lang()))
        cells = "; ".join(
            f"{problem.criterion(c).name.get(lang())} ({len(names)}): {', '.join(names)}"
            for c, names in by_criterion.items()
        )
        st.info(
            escape(t("ranking.interval_cells", count=len(ranking.interval_cells), cells=cells)), icon=":material/help:"
        )
    elif ranking.missing_note and not ranking.excluded_criteria:
        st.info(escape(ranking.missing_note.get(lang())))
    for note in ranking.warnings:
        st.info(escape(note.get(lang())))
    if ranking.compromise_set is not None:
        st.info(escape(vikor_compromise_text(ranking, problem)), icon=":material/handshake:")


def show_method_notes(report: Report) -> None:
    """The method and its conventions in the user's language, line by line, as the reports' table
    "Metode og konvensjoner" words them (normalisation, score, ties, reference, versions, scenario)."""
    from mcda.export.content import method_notes  # the report builder's modules load on first use

    st.markdown("  \n".join(f"**{topic}:** {escape(text)}" for topic, text in method_notes(report, lang())))


def vikor_compromise_text(ranking: Ranking, problem: DecisionProblem) -> str:
    """Opricovic & Tzeng's compromise set in words (VIKOR ranks by Q alone)."""
    members = ranking.compromise_set or ()
    names = ", ".join(problem.alternative(a).name.get(lang()) for a in members)
    m = len(ranking.entries)
    dq = format_number(1 / (m - 1), lang(), 2) if m > 1 else "1"
    if len(members) <= 1:
        return t("ranking.vikor.compromise.one", names=names, dq=dq)
    second = ranking.entries[1].score - ranking.entries[0].score if m > 1 else 0.0
    why = "ranking.vikor.why.advantage" if second < 1 / max(m - 1, 1) - 1e-9 else "ranking.vikor.why.stability"
    return t("ranking.vikor.compromise.many", names=names, why=t(why, dq=dq))


def weight_set_name(ws: WeightSet) -> str:
    if ws.origin.kind == "preset" and lang() == "en":
        return str(ws.origin.details.get("name_en", ws.name))
    return ws.name or t("weights.current")


def show_chart(chart: Any) -> None:
    """Draw a chart from mcda.charts as built (no Streamlit theme). Its spec is not validated again:
    the charts are checked when they are built and rendered in the tests, and validation would
    take most of a rerun."""
    st.vega_lite_chart(spec=chart.to_dict(validate=False), theme=None, width="stretch")
