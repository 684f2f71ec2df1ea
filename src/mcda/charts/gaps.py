"""The knowledge-gap chart: how far each unknown value can move its position's rank."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..errors import Lang
from ..gaps import GapAnalysis
from ..models import DecisionProblem
from .common import WIDTH, label

_TEXTS = {  # key -> (en, nb)
    "effect": ("What knowing it could change", "Hva kunnskapen kan endre"),
    "first": ("can change first place", "kan endre førsteplassen"),
    "top3": ("can change the top three", "kan endre de tre første"),
    "rank_only": ("moves the position's rank only", "flytter bare posisjonens plass"),
    "now": ("rank now", "plass nå"),
    "range": ("rank over the interval", "plass over intervallet"),
}


def _text(key: str, lang: Lang) -> str:
    en, nb = _TEXTS[key]
    return nb if lang == "nb" else en


def gap_label(problem: DecisionProblem, alternative_id: str, criterion_id: str, lang: Lang) -> str:
    return f"{problem.alternative(alternative_id).name.get(lang)} · {problem.criterion(criterion_id).name.get(lang)}"


def gap_chart(
    analysis: GapAnalysis, problem: DecisionProblem, lang: Lang = "nb", width: int | str = WIDTH, top: int = 15
) -> alt.TopLevelMixin:
    """Per gap (most influential first): the rank range of its position as the value runs over
    its interval (a bar from best to worst rank) and the rank now (a tick)."""
    effect = {
        (True, True): _text("first", lang),
        (True, False): _text("first", lang),
        (False, True): _text("top3", lang),
        (False, False): _text("rank_only", lang),
    }
    rows = [
        {
            "gap": gap_label(problem, g.id, g.criterion, lang),
            "best": g.rank_best,
            "worst": g.rank_worst,
            "now": g.rank_now,
            "effect": effect[(g.can_change_first, g.can_change_top3)],
        }
        for g in analysis.gaps[:top]
    ]
    df = pd.DataFrame(rows, columns=["gap", "best", "worst", "now", "effect"])
    m = len(problem.alternatives)
    order = list(df["gap"])
    y = alt.Y("gap:N", sort=order, title=None, axis=alt.Axis(labelLimit=340))
    x_scale = alt.Scale(domain=[0.5, m + 0.5], reverse=False)
    x = alt.X("best:Q", title=label("rank", lang), scale=x_scale, axis=alt.Axis(values=list(range(1, m + 1))))
    kinds = [_text(k, lang) for k in ("first", "top3", "rank_only")]
    colour = alt.Color(
        "effect:N",
        title=_text("effect", lang),
        scale=alt.Scale(domain=kinds, range=["#b2182b", "#ef8a62", "#999999"]),
        legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=400),
    )
    bars = (
        alt.Chart(df)
        .mark_bar(size=12, cornerRadius=2)
        .encode(
            y=y,
            x=x,
            x2=alt.X2("worst:Q"),
            color=colour,
            tooltip=[
                alt.Tooltip("gap:N", title=label("position", lang)),
                alt.Tooltip("best:Q", title=_text("range", lang) + " (min)"),
                alt.Tooltip("worst:Q", title=_text("range", lang) + " (max)"),
                alt.Tooltip("now:Q", title=_text("now", lang)),
            ],
        )
    )
    ticks = (
        alt.Chart(df)
        .mark_tick(color="black", thickness=3, size=18)
        .encode(y=y, x=alt.X("now:Q", scale=x_scale), tooltip=[alt.Tooltip("now:Q", title=_text("now", lang))])
    )
    return alt.layer(bars, ticks).properties(width=width, height=26 * max(1, len(df)) + 20)
