"""Workshops: members weigh criteria (judgments -> group weights and consensus) or score positions
on criteria (scoring rounds -> per-cell median and spread, agreement per criterion).

No Streamlit here: the member and facilitator pages call :class:`WorkshopService`, and so
can a script. The service keeps the rules; its tables and queries live in :mod:`mcda.storage`
(``tables`` and ``workshops``).

The names below are imported on first use (PEP 562): the app's access checks need only the errors,
so every page's first paint does not load the service, the group weights and scipy behind them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_attributes

if TYPE_CHECKING:
    from .errors import AccessDenied, DatabaseBusy, RoundStateError, WorkshopError
    from .group import aggregate, analyse_judgments
    from .results import (
        GroupResult,
        GroupWeights,
        JudgmentAnalysis,
        MemberDetail,
        MemberRef,
        Membership,
        MemberView,
        PeerRanking,
        RevealedRound,
        RoundSummary,
        ScoreAcceptance,
        ScoreGroupResult,
        ScoreMemberView,
        ScoreSubmissionRecord,
        SubmissionRecord,
        WorkshopCreated,
        WorkshopInfo,
    )
    from .service import WorkshopService, shipped_problem

_RESULTS = (
    "GroupResult",
    "GroupWeights",
    "JudgmentAnalysis",
    "MemberDetail",
    "MemberRef",
    "Membership",
    "MemberView",
    "PeerRanking",
    "RevealedRound",
    "RoundSummary",
    "ScoreAcceptance",
    "ScoreGroupResult",
    "ScoreMemberView",
    "ScoreSubmissionRecord",
    "SubmissionRecord",
    "WorkshopCreated",
    "WorkshopInfo",
)
_MODULES = {
    **dict.fromkeys(("AccessDenied", "DatabaseBusy", "RoundStateError", "WorkshopError"), "errors"),
    **dict.fromkeys(("aggregate", "analyse_judgments"), "group"),
    **dict.fromkeys(_RESULTS, "results"),
    **dict.fromkeys(("WorkshopService", "shipped_problem"), "service"),
}

__getattr__ = lazy_attributes(__name__, _MODULES)

__all__ = [
    "AccessDenied",
    "DatabaseBusy",
    "GroupResult",
    "GroupWeights",
    "JudgmentAnalysis",
    "MemberDetail",
    "MemberRef",
    "MemberView",
    "Membership",
    "PeerRanking",
    "RevealedRound",
    "RoundStateError",
    "RoundSummary",
    "ScoreAcceptance",
    "ScoreGroupResult",
    "ScoreMemberView",
    "ScoreSubmissionRecord",
    "SubmissionRecord",
    "WorkshopCreated",
    "WorkshopError",
    "WorkshopInfo",
    "WorkshopService",
    "aggregate",
    "analyse_judgments",
    "shipped_problem",
]
