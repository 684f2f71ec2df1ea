"""Workshops: members weigh criteria (judgments -> group weights and consensus) or score positions
on criteria (scoring rounds -> per-cell median and spread, agreement per criterion).

No Streamlit here: the member and facilitator pages call :class:`WorkshopService`, and so
can a script. The service keeps the rules; its tables and queries live in :mod:`mcda.storage`
(``tables`` and ``workshops``).
"""

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
