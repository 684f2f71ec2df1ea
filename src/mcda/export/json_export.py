"""The scenario file: every input of the main ranking, settings, versions, seeds and a SHA-256.

``mcda rank --scenario FILE`` (and the app's scenario upload) reproduce the ranking exactly;
see :mod:`mcda.scenario` for what is hashed.
"""

from __future__ import annotations

from .report import Report


def to_json(report: Report) -> bytes:
    return report.scenario().to_json().encode("utf-8")
