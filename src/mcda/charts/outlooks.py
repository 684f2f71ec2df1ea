"""Charts for outlooks and the value-chain map: ranks across outlooks (a bump chart), each
position's rank range and regret, and the value chains as rows of stages with Norway's
industry, China's shares and the positions coloured and sized by their current rank."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from ..errors import Lang
from ..formatting import DASH, format_number, format_percentage, format_score, vega_format
from ..models import DecisionProblem, Ranking
from ..outlook_views import TEXT as TABLE_TEXT
from ..outlooks import OutlookComparison
from ..value_chains import RISK_CRITERION, ValueChains, map_rows
from .common import WIDTH, fit_to_width, fitted_legend, label, styled, text_width
from .ranking import bump_chart

TEXT: dict[str, tuple[str, str]] = {  # key -> (en, nb)
    "outlook": ("Outlook", "Fremtidsbilde"),
    "outlook_numbered": ("Outlook (numbered as in the table)", "Fremtidsbilde (nummerert som i tabellen)"),
    "stage": ("Value-chain stage", "Verdikjedeledd"),
    "chain": ("Value chain", "Verdikjede"),
    "norway": ("Norway today", "Norge i dag"),
    "china": ("China's share of world output", "Kinas andel av verdensproduksjonen"),
    "china_source": ("Source of the share", "Kilde for andelen"),
    "norway_source": ("Source for Norway", "Kilde for Norge"),
    "supply_risk": ("EU supply risk (SR) of the material", "EUs forsyningsrisiko (SR) for materialet"),
    "supply_risk_source": ("Source of the SR", "Kilde for SR"),
    "ranks_title": ("Ranks across the outlooks", "Plass i hvert fremtidsbilde"),
    "range_title": (
        "Best and worst rank across the outlooks, in the minimax-regret order",
        "Beste og dårligste plass i fremtidsbildene, i den robuste rekkefølgen",
    ),
    "map_title": (
        "Value chains: where Norway is and where the positions sit",
        "Verdikjedene: hvor Norge er og hvor posisjonene står",
    ),
    "map_subtitle": (
        "Shaded: Norwegian industry today. Red figure: China's share of world output at the stage [S1]. "
        "SR: the EU's supply risk for the material [S1]. Circles: the positions, darker and larger the better their "
        "rank. The EU's import reliance: no sourced figure.",
        "Skravert: norsk industri i dag. Rødt tall: Kinas andel av verdensproduksjonen i leddet [S1]. "
        "SR: EUs forsyningsrisiko for materialet [S1]. Sirkler: posisjonene, mørkere og større jo bedre plass. "
        "EUs importavhengighet: ikke noe tall med kilde.",
    ),
    "operating": ("operating", "i drift"),
    **{key: TABLE_TEXT[key] for key in ("best", "worst", "max_regret")},  # the headings of the outlook tables
    "construction": ("under construction or commissioning", "under bygging eller oppstart"),
    "exploration": ("exploration or project", "leting eller prosjekt"),
}


def text(key: str, lang: Lang) -> str:
    en, nb = TEXT[key]
    return nb if lang == "nb" else en


def outlook_bump_chart(comparison: OutlookComparison, lang: Lang = "nb") -> alt.TopLevelMixin:
    """Every position's rank in each outlook (the comparison page's bump chart, columns = outlooks)."""
    columns = {f"{k}.": r.ranking for k, r in enumerate(comparison.rankings, start=1)}
    chart = bump_chart(columns, lang, column_title=text("outlook_numbered", lang))
    return chart.properties(title=text("ranks_title", lang))


def rank_range_chart(comparison: OutlookComparison, lang: Lang = "nb", width: int | str = WIDTH) -> alt.TopLevelMixin:
    """Each position's best-to-worst rank across the outlooks (a bar) and its rank in each
    outlook (points), in the minimax-regret order."""
    names = {r.outlook.id: f"{k}. {r.outlook.name.get(lang)}" for k, r in enumerate(comparison.rankings, start=1)}
    rows: list[dict[str, Any]] = []
    points: list[dict[str, Any]] = []
    for e in comparison.robust:
        name = e.name.get(lang)
        rows.append(
            {
                "position": name,
                "best": e.rank_best,
                "worst": e.rank_worst,
                "max_regret": e.max_regret,
                "order": e.robust_rank,
            }
        )
        for o, r in e.ranks.items():
            points.append({"position": name, "outlook": names[o], "rank": r})
    order = [r["position"] for r in rows]
    n = max(r["worst"] for r in rows)
    x = alt.Scale(domain=[0.5, n + 0.5])
    bars = (
        alt.Chart(pd.DataFrame(rows))
        .mark_bar(height=10, color="#c9d6e3", cornerRadius=3)
        .encode(
            y=alt.Y("position:N", sort=order, title=None),
            x=alt.X("best:Q", scale=x, title=label("rank", lang), axis=alt.Axis(format=vega_format("int"))),
            x2=alt.X2("worst:Q"),
            tooltip=[
                alt.Tooltip("position:N", title=label("position", lang)),
                alt.Tooltip("best:Q", title=text("best", lang), format=vega_format("int")),
                alt.Tooltip("worst:Q", title=text("worst", lang), format=vega_format("int")),
                alt.Tooltip("max_regret:Q", title=text("max_regret", lang), format=vega_format("int")),
            ],
        )
    )
    dots = (
        alt.Chart(pd.DataFrame(points))
        .mark_point(filled=True, size=60, opacity=0.85)
        .encode(
            y=alt.Y("position:N", sort=order, title=None),
            x=alt.X("rank:Q", scale=x),
            color=alt.Color(
                "outlook:N",
                title=text("outlook", lang),
                legend=fitted_legend(
                    list(names.values()), 2, 320, beside=max(text_width(r["position"]) for r in rows) + 12
                ),
            ),
            tooltip=[
                alt.Tooltip("position:N", title=label("position", lang)),
                alt.Tooltip("outlook:N", title=text("outlook", lang)),
                alt.Tooltip("rank:Q", title=label("rank", lang), format=vega_format("int")),
            ],
        )
    )
    chart = alt.layer(bars, dots).properties(
        width=width,
        height=max(160, 22 * len(rows)),
        # from the chart's left edge: centred on the plot, right of the long names, a narrow page cut it
        title=alt.TitleParams(text("range_title", lang), anchor="start", frame="bounds"),
    )
    # on a page its height stays (fitted to it, the legend below squeezed the 17 rows until their names overlapped)
    return styled(fit_to_width(chart, width), lang)


def _short_citation(citation: str) -> str:
    head, dot, _ = citation.partition(". ")
    return head + ("." if dot else "")


def chain_labels(chains: ValueChains, problem: DecisionProblem, lang: Lang) -> dict[str, str]:
    """chain id -> its name with the EU supply risk (SR) of its material, from the data's own
    published values (the highest SR among the chain's positions), e.g. "Magnesium · SR 4,1"; with one
    decimal as the EU publishes it, so phosphate reads "SR 1,0", not "SR 1"."""
    out = {}
    for chain in chains.chains:
        values = [
            problem.cells[p][RISK_CRITERION].value
            for p in chain.positions
            if p in problem.cells and RISK_CRITERION in problem.cells[p]
        ]
        known = [v for v in values if v is not None]
        name = chain.name.get(lang)
        out[chain.id] = f"{name} · SR {format_number(max(known), lang, 1)}" if known else name
    return out


def value_chain_frames(
    chains: ValueChains, problem: DecisionProblem, ranking: Ranking | None, lang: Lang
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The map's two tables (cells and positions) with the numbers written for ``lang``."""
    cells, positions = map_rows(chains, problem, ranking, lang)
    chain_label = chain_labels(chains, problem, lang)
    for row in (*cells, *positions):
        row["chain"] = chain_label[row["chain_id"]]
    for cell in cells:
        cell["norway_label"] = text(cell["norway"], lang) if cell["norway"] else ""
        cell["china_text"] = "" if cell["china_share"] is None else format_percentage(cell["china_share"], lang)
        cell["china_source"] = _short_citation(cell["china_source"])
        cell["norway_sources"] = _short_citation(cell["norway_sources"])
    for pos in positions:
        pos["rank_text"] = DASH if pos["rank"] is None else str(pos["rank"])
        pos["score_text"] = format_score(pos["score"], lang)
        pos["supply_risk_text"] = (
            "" if pos["supply_risk"] is None else format_score(pos["supply_risk"], lang).rstrip("0").rstrip(",.")
        )
        pos["supply_risk_source"] = _short_citation(pos["supply_risk_source"])
    cell_cols = [
        "chain",
        "chain_id",
        "stage",
        "stage_id",
        "stage_detail",
        "norway",
        "norway_label",
        "norway_sources",
        "china_share",
        "china_text",
        "china_source",
    ]
    pos_cols = [
        "id",
        "position",
        "chain",
        "chain_id",
        "stage",
        "stage_id",
        "stage_detail",
        "rank",
        "rank_text",
        "score",
        "score_text",
        "supply_risk",
        "supply_risk_text",
        "supply_risk_source",
    ]
    return pd.DataFrame(cells, columns=cell_cols), pd.DataFrame(positions, columns=pos_cols)


def value_chain_chart(
    chains: ValueChains,
    problem: DecisionProblem,
    ranking: Ranking | None,
    lang: Lang = "nb",
    width: int | str = 900,
) -> alt.TopLevelMixin:
    """The value chains as rows of stages: Norway's industry today (shaded by status), China's
    share of world output at the stage (red figure, from the data's sources only), and each
    position as a circle whose colour and size follow its rank in ``ranking`` (the current
    weights and outlook), labelled with its rank; tooltips give the figures and their sources."""
    cells, positions = value_chain_frames(chains, problem, ranking, lang)
    stage_order = [s.name.get(lang) for s in chains.stages]
    labels = chain_labels(chains, problem, lang)
    chain_order = [labels[c.id] for c in chains.chains]
    n = max(1, len(problem.alternatives))
    x = alt.X(
        "stage:N",
        sort=stage_order,
        title=None,
        scale=alt.Scale(domain=stage_order),
        axis=alt.Axis(orient="top", labelAngle=0, labelLimit=145),
    )
    y = alt.Y("chain:N", sort=chain_order, title=None, scale=alt.Scale(domain=chain_order))
    status_order = ["operating", "construction", "exploration"]
    grid = (
        alt.Chart(
            pd.DataFrame(
                {"stage": [s for s in stage_order for _ in chain_order], "chain": chain_order * len(stage_order)}
            )
        )
        .mark_rect(stroke="#e5e5e5", fill="white")
        .encode(x=x, y=y)
    )
    norway = (
        alt.Chart(cells[cells["norway"].notna()])
        .mark_rect(stroke="white", strokeWidth=2)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "norway_label:N",
                title=text("norway", lang),
                scale=alt.Scale(domain=[text(s, lang) for s in status_order], range=["#b7d3c2", "#dcebe1", "#eef5f0"]),
                legend=alt.Legend(orient="bottom", labelLimit=320),
            ),
            tooltip=[
                alt.Tooltip("chain:N", title=text("chain", lang)),
                alt.Tooltip("stage_detail:N", title=text("stage", lang)),
                alt.Tooltip("norway_label:N", title=text("norway", lang)),
                alt.Tooltip("norway_sources:N", title=text("norway_source", lang)),
                alt.Tooltip("china_text:N", title=text("china", lang)),
                alt.Tooltip("china_source:N", title=text("china_source", lang)),
            ],
        )
    )
    china = (
        alt.Chart(cells[cells["china_share"].notna()])
        .mark_text(align="right", baseline="top", dx=52, dy=-14, fontSize=10, fontWeight="bold")
        .encode(
            x=x,
            y=y,
            text=alt.Text("china_text:N"),
            color=alt.Color(
                "china_share:Q", scale=alt.Scale(domain=[0, 100], range=["#f2b8a8", "#b2182b"]), legend=None
            ),
            tooltip=[
                alt.Tooltip("chain:N", title=text("chain", lang)),
                alt.Tooltip("stage_detail:N", title=text("stage", lang)),
                alt.Tooltip("china_text:N", title=text("china", lang)),
                alt.Tooltip("china_source:N", title=text("china_source", lang)),
            ],
        )
    )
    tooltip: list[Any] = [
        alt.Tooltip("position:N", title=label("position", lang)),
        alt.Tooltip("stage_detail:N", title=text("stage", lang)),
        alt.Tooltip("rank_text:N", title=label("rank", lang)),
        alt.Tooltip("score_text:N", title=label("score", lang)),
        alt.Tooltip("supply_risk_text:N", title=text("supply_risk", lang)),
        alt.Tooltip("supply_risk_source:N", title=text("supply_risk_source", lang)),
    ]
    ranked = positions[positions["rank"].notna()]
    circles = (
        alt.Chart(ranked)
        .mark_circle(opacity=0.95, stroke="white", strokeWidth=1)
        .encode(
            x=x,
            y=y,
            size=alt.Size("rank:Q", scale=alt.Scale(domain=[1, n], range=[900, 300]), legend=None),
            color=alt.Color(
                "rank:Q",
                scale=alt.Scale(domain=[1, n], range=["#08306b", "#6baed6"]),
                title=label("rank", lang),
                legend=alt.Legend(orient="right", format=vega_format("int")),
            ),
            tooltip=tooltip,
        )
    )
    ranks = (
        alt.Chart(ranked)
        .mark_text(color="white", fontWeight="bold", fontSize=11)
        .encode(x=x, y=y, text=alt.Text("rank_text:N"), tooltip=tooltip)
    )
    names = (
        alt.Chart(positions)
        .mark_text(align="left", dx=-52, dy=15, fontSize=9, color="#333333")
        .encode(x=x, y=y, text=alt.Text("id:N"), tooltip=tooltip)
    )
    chart = alt.layer(grid, norway, china, circles, ranks, names).properties(
        width=width,
        height=44 * len(chain_order),
        title=alt.TitleParams(
            text("map_title", lang),
            subtitle=[line.rstrip(".") + "." for line in text("map_subtitle", lang).split(". ")],
            subtitleFontSize=11,
            anchor="start",
        ),
    )
    return styled(chart, lang).resolve_scale(color="independent", size="independent")
