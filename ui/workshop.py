"""What the workshop pages share: the service, guarded calls, messages across reruns, tables.

Display names are member input: they go only into ``st.text`` and dataframe cells (and chart
data), never into markdown, captions, alerts or labels, so ``**x**`` or ``<b>x</b>`` shows as
typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd
import streamlit as st

from mcda.ahp import CONSISTENCY_THRESHOLD
from mcda.errors import InputError
from mcda.formatting import format_coefficient
from mcda.hosting import public_url
from mcda.models import Criterion, LocalizedText, Ranking
from mcda.storage import default_url
from mcda.workshop import GroupResult, GroupWeights, PeerRanking, RoundSummary, WorkshopService

from .i18n import lang, t
from .state import database
from .widgets import show_input_error

T = TypeVar("T")
FLASH = "ws.flash"
DEFAULT_TIMEZONE = "Europe/Oslo"


@st.cache_resource(show_spinner=False)
def _service(url: str) -> WorkshopService:
    return WorkshopService(database=database(url))


def service() -> WorkshopService:
    """One service per database URL (it keeps bounded caches of snapshots and closed rounds)."""
    return _service(default_url())


def attempt(call: Callable[..., T], *args: Any, title_key: str = "ws.refused", **kwargs: Any) -> T | None:
    """Call the service; a refusal (wrong key or token, round state, bad input) shows its message, returns None."""
    try:
        return call(*args, **kwargs)
    except InputError as error:
        show_input_error(error, title_key)
        return None


def flash(kind: str, message: str, detail: str | None = None) -> None:
    """A message for the next run (after ``st.rerun``); ``detail`` is shown as plain text (names)."""
    st.session_state[FLASH] = (kind, message, detail)


def show_flash() -> None:
    kind, message, detail = st.session_state.pop(FLASH, ("", "", None))
    if not message:
        return
    getattr(st, kind, st.info)(message)  # success, info, warning, toast
    if detail:
        st.text(detail)


def app_link(page: str, query: str) -> str:
    """A full link to one of the app's pages: from the public address (``MCDA_PUBLIC_URL``) on a served
    instance, else from the address the browser used, else a relative one."""
    if base := public_url():
        return f"{base}/{page}?{query}"
    url = st.context.url
    if not url:
        return f"{page}?{query}"
    base = url.rstrip("/")
    for own in ("/workshop", "/facilitator"):
        base = base.removesuffix(own)
    return f"{base}/{page}?{query}"


def local_time(moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    try:
        zone = ZoneInfo(st.context.timezone or DEFAULT_TIMEZONE)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo(DEFAULT_TIMEZONE)
    return moment.astimezone(zone).strftime("%H:%M:%S")


def names_of(criteria: Sequence[Criterion]) -> dict[str, str]:
    return {c.id: c.name.get(lang()) for c in criteria}


def band_text(band: LocalizedText | None) -> str:
    return band.get(lang()) if band is not None else ""


# --- tables (member labels are cells, never markdown) ----------------------------------------------


def inconsistent_members(result: GroupResult) -> list[str]:
    """Labels of the members whose submitted judgments have CR above the threshold (AHP only)."""
    return [
        m.label.get(lang()) for m in result.members if m.submitted and m.cr is not None and m.cr > CONSISTENCY_THRESHOLD
    ]


def cr_text(cr: float | None) -> str:
    """A member's CR for a table: '–' before a submission, a warning sign above the threshold."""
    if cr is None:
        return "–"
    return format_coefficient(cr, lang()) + (" ⚠" if cr > CONSISTENCY_THRESHOLD else "")


def progress_table(result: GroupResult) -> pd.DataFrame:
    rows = []
    for m in result.members:
        if m.submitted:
            status = t("ws.status.carried") if m.carried_over else t("ws.status.submitted")
        else:
            status = t("ws.status.pending")
        rows.append(
            {
                t("ws.col.member"): m.label.get(lang()),
                t("ws.col.status"): status,
                t("ws.col.revision"): "–" if m.revision is None else str(m.revision),
                t("ws.col.time"): local_time(m.submitted_at),
                t("ws.col.cr"): cr_text(m.cr),
            }
        )
    keys = ("member", "status", "revision", "time", "cr")[: 5 if result.mode in ("ahp", "tree") else 4]
    return pd.DataFrame(rows, columns=[t(f"ws.col.{k}") for k in keys])


def member_weights_table(result: GroupResult, criteria: Sequence[Criterion]) -> pd.DataFrame:
    """Members (rows) x criteria (%) for everyone who submitted, the primary group weights last."""
    names = names_of(criteria)
    rows = []
    for m in result.members:
        if m.weights is not None:
            rows.append({t("ws.col.member"): m.label.get(lang()), **{names[c]: 100 * m.weights[c] for c in names}})
    if result.weights is not None:
        rows.append({t("ws.col.member"): t("ws.group"), **{names[c]: 100 * result.weights[c] for c in names}})
    return pd.DataFrame(rows, columns=[t("ws.col.member"), *names.values()])


def group_weights_table(group_weights: Sequence[GroupWeights], criteria: Sequence[Criterion]) -> pd.DataFrame:
    names = names_of(criteria)
    data = {t(f"ws.short.{g.aggregation}"): [100 * g.weights[c] for c in names] for g in group_weights}
    return pd.DataFrame(data, index=pd.Index(list(names.values()), name=t("ws.col.criterion")))


def furthest_table(result: GroupResult) -> pd.DataFrame:
    rows = [
        {
            t("ws.col.member"): m.label.get(lang()),
            t("ws.col.distance"): None if m.weight_distance is None else 100 * m.weight_distance,
            t("ws.col.rw"): m.rw,
            t("ws.col.cr"): m.cr,
        }
        for m in result.furthest
    ]
    keys = ("member", "distance", "rw", "cr")[: 4 if result.mode in ("ahp", "tree") else 3]
    return pd.DataFrame(rows, columns=[t(f"ws.col.{k}") for k in keys])


def history_table(history: Sequence[RoundSummary]) -> pd.DataFrame:
    rows = [
        {
            t("ws.col.round"): r.number,
            t("ws.col.status"): t(f"ws.state.{'revealed' if r.revealed_at else r.status}"),
            t("ws.col.submissions"): r.submissions,
            t("ws.col.s_star"): None if r.s_star is None else 100 * r.s_star,
            t("ws.col.band"): band_text(r.band),
        }
        for r in history
    ]
    return pd.DataFrame(rows, columns=[t(f"ws.col.{k}") for k in ("round", "status", "submissions", "s_star", "band")])


def ranking_table(ranking: Ranking) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {t("ws.col.rank"): e.rank, t("ws.col.position"): e.name.get(lang()), t("ws.col.score"): e.score}
            for e in ranking.entries
        ]
    )


def rankings_side_by_side(
    group: Ranking, own: Ranking | None = None, others: Sequence[PeerRanking] = ()
) -> pd.DataFrame:
    """Positions (rows, in the group's order) x the group's rank, yours and each other member's."""
    columns: dict[str, Mapping[str, int]] = {t("ws.col.group_rank"): group.rank_of()}
    if own is not None:
        columns[t("ws.col.own_rank")] = own.rank_of()
    for peer in others:
        name = peer.label.get(lang())
        while name in columns:  # a member may have chosen a name equal to a column title
            name = f"{name} ({peer.member_no})"
        columns[name] = peer.ranks
    rows = []
    for e in group.entries:
        rows.append({t("ws.col.position"): e.name.get(lang()), **{k: v.get(e.id) for k, v in columns.items()}})
    return pd.DataFrame(rows, columns=[t("ws.col.position"), *columns])
