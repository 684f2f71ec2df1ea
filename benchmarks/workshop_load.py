"""Load test: N members join a workshop and submit at the same moment (threads).

Prints p50/p95/max latency of join and submit, and the time of the facilitator's group
result and a member's view; checks that nothing was lost (every member's last submission
is the current one, every revision is kept). Exit code 1 if anything was lost.

    PYTHONPATH=src python benchmarks/workshop_load.py                 # 30 members, fresh SQLite file
    PYTHONPATH=src python benchmarks/workshop_load.py --members 50 --revisions 3
    PYTHONPATH=src python benchmarks/workshop_load.py --mode scores   # scoring every default cell
    PYTHONPATH=src python benchmarks/workshop_load.py --url postgresql+psycopg://mcda:mcda@127.0.0.1:5432/mcda_test
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from mcda import ahp
from mcda.storage import workshops as stored_workshops
from mcda.workshop import WorkshopService, shipped_problem


def scores(rng: np.random.Generator, cells: tuple[tuple[str, str], ...]) -> dict[str, dict[str, float | None]]:
    """A level 0-4 per cell, one in ten "don't know"."""
    out: dict[str, dict[str, float | None]] = {}
    for a, c in cells:
        out.setdefault(a, {})[c] = None if rng.random() < 0.1 else float(rng.integers(0, 5))
    return out


def judgments(rng: np.random.Generator, mode: str, criteria: list[str]) -> list[list[float]] | dict[str, float]:
    n = len(criteria)
    if mode == "direct":
        return {c: float(x) for c, x in zip(criteria, rng.integers(0, 10, n) + 0.5)}
    a = np.ones((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            a[i, j] = rng.choice(ahp.SAATY_VALUES)
            a[j, i] = 1.0 / a[i, j]
    return a.tolist()


def at_once(count: int, work: Callable[[int], None]) -> None:
    """Run work(0..count-1) in threads released together by a barrier; re-raise the first error."""
    barrier = threading.Barrier(count)
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            barrier.wait()
            work(i)
        except BaseException as exc:  # noqa: BLE001 - reported after the join
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]


def stats(label: str, seconds: list[float]) -> str:
    ms = np.array(seconds) * 1000
    return (
        f"{label:<8} n={len(ms):<4} p50={np.percentile(ms, 50):7.1f} ms  "
        f"p95={np.percentile(ms, 95):7.1f} ms  max={ms.max():7.1f} ms"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=30)
    parser.add_argument("--revisions", type=int, default=1, help="submissions per member, one after another")
    parser.add_argument("--mode", choices=["ahp", "direct", "scores"], default="ahp")
    parser.add_argument("--url", help="SQLAlchemy URL (default: a fresh SQLite file in a temporary directory)")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        url = args.url or f"sqlite:///{Path(tmp) / 'load.sqlite'}"
        service = WorkshopService(url)
        try:
            return run(service, args)
        finally:
            service.dispose()


def run(service: WorkshopService, args: argparse.Namespace) -> int:
    n, revisions = args.members, args.revisions
    criteria = list(shipped_problem().criterion_ids)
    if args.mode == "scores":  # every missing or expert-judgment cell on a scored criterion
        workshop = service.create_workshop(name="Load test", mode="scores")
        cells = service.workshop_info(workshop.facilitator_key).cells
    else:
        workshop = service.create_workshop(name="Load test", criteria=criteria, mode=args.mode)
        cells = ()
    backend = service.db.engine.dialect.name
    size = f"{len(cells)} cells" if cells else f"{len(criteria)} criteria"
    print(f"{backend}: {n} members, {revisions} submission(s) each, {args.mode}, {size}")

    members: list = [None] * n
    join_times: list[float] = []
    lock = threading.Lock()

    def join(i: int) -> None:
        start = time.perf_counter()
        members[i] = service.join(workshop.join_code, display_name=f"Member {i:02d}")
        with lock:
            join_times.append(time.perf_counter() - start)

    at_once(n, join)

    rng = np.random.default_rng(args.seed)
    planned = [
        [scores(rng, cells) if cells else judgments(rng, args.mode, criteria) for _ in range(revisions)]
        for _ in range(n)
    ]
    submit_times: list[float] = []

    def submit(i: int) -> None:
        for k in range(revisions):
            start = time.perf_counter()
            service.submit(members[i].token, planned[i][k])
            with lock:
                submit_times.append(time.perf_counter() - start)

    # baseline in the same process: submissions one after another in a separate workshop
    # (what one submission costs when nobody else is submitting)
    other = service.create_workshop(name="Load test baseline", criteria=criteria, mode=args.mode)
    serial: list[float] = []
    for i in range(min(n, 10)):
        token = service.join(other.join_code, display_name=f"Baseline {i:02d}").token
        start = time.perf_counter()
        service.submit(token, planned[i][0])
        serial.append(time.perf_counter() - start)

    wall = time.perf_counter()
    at_once(n, submit)
    wall = time.perf_counter() - wall

    start = time.perf_counter()
    result = service.group_result(workshop.facilitator_key)
    group_seconds = time.perf_counter() - start
    start = time.perf_counter()
    service.member_view(members[0].token)
    view_seconds = time.perf_counter() - start

    print(f"load average {os.getloadavg()[0]:.1f} (2 cores)")
    print(stats("join", join_times))
    print(stats("submit", submit_times))
    print(stats("alone", serial) + "  (baseline: one member at a time)")
    print(f"submit p95 / alone p50: {np.percentile(submit_times, 95) / np.percentile(serial, 50):.0f}x")
    print(f"submit wall time {wall:.2f} s for {n * revisions} submissions ({n * revisions / wall:.0f}/s)")
    print(
        f"group_result {group_seconds * 1000:.0f} ms (with {result.submissions} "
        f"{'answer sheets' if args.mode == 'scores' else 'rankings'}); member_view "
        f"{view_seconds * 1000:.0f} ms"
    )

    lost: list[str] = []
    by_no = {m.member_no: m for m in result.members}
    for i, member in enumerate(members):
        detail = by_no[member.member_no]
        expected = planned[i][-1]
        if args.mode == "scores":
            same = detail.scores == expected
        elif args.mode == "ahp":
            same = np.allclose(detail.judgments, expected)
        else:
            same = detail.judgments == as_floats(expected)
        if not detail.submitted or detail.revision != revisions or not same:
            lost.append(f"member {member.member_no}: revision {detail.revision}, judgments match: {same}")
    with service.db.session() as s:
        rows = stored_workshops.count_submission_rows(s, workshop.id)
    if result.submissions != n:
        lost.append(f"{result.submissions} current submissions, expected {n}")
    if rows != n * revisions:
        lost.append(f"{rows} submission rows, expected {n * revisions}")
    if lost:
        print("LOST:\n  " + "\n  ".join(lost))
        return 1
    if args.mode == "scores":
        alphas = ", ".join(f"{a.criterion_id} {a.alpha:.3f}" for a in result.agreement if a.alpha is not None)
        print(f"nothing lost: {n} current submissions, {rows} revisions kept; ordinal alpha: {alphas}")
    else:
        print(f"nothing lost: {n} current submissions, {rows} revisions kept, S* = {result.consensus.s_star:.3f}")
    return 0


def as_floats(weights: dict[str, float]) -> dict[str, float]:
    return {k: float(v) for k, v in weights.items()}


if __name__ == "__main__":
    sys.exit(main())
