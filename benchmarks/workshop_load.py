"""Load test of a workshop: N members join and submit at the same moment (threads).

What it does, in one process against one database:

1. N members join at once (a barrier releases the threads together).
2. ``--revisions`` bursts: in each, every member submits at the same moment. Before each burst
   the same N threads run the baseline at once: a bare write transaction (``BEGIN IMMEDIATE``
   on SQLite, then one INSERT into a scratch table and COMMIT) through the same
   ``Database.session(write=True)``; what the least possible write costs on this database with
   this concurrency on this machine right now. After each burst the facilitator asks for the
   group result (fresh: new submissions to rank), then once more (nothing new).
3. Every member asks for their view at once (open round); the round is closed and revealed,
   and every member asks again (their view now holds the group result).
4. One member submits alone, one after another (what a submission costs when nobody else
   is submitting), and the SQL statements of one call of each kind are counted.

The process is set up as the app's server is after its warm-up: what is alive once the service is
open (the modules, the engine) is left out of the garbage collector's later passes
(``mcda.hosting.heap.freeze_long_lived``, as ``ui/warmup.py`` does); ``--no-freeze`` leaves it in,
and a full collection (about 0.12 s of CPU here, holding the interpreter lock) then lands in one
burst. The collections of each generation during the bursts are counted and printed, and one full
collection after the run is timed: what the service's caches (members' rankings above all) leave
for every such pass to walk.

Prints p50/p95/max of each call (and submit's p95 in the first burst and in the others), how many
transactions a burst of submissions took (on SQLite those that queue while one commits share the
next), how many checkpoints of a SQLite file's log ran and how many of them during a burst, the load
average before and after, the ratio of submit's p95 to the baseline's p95, and checks that nothing was
lost (every member's last submission is the current one, every revision is kept). Exit code 1 if anything
was lost.

    PYTHONPATH=src python benchmarks/workshop_load.py                 # 30 members, fresh SQLite file
    PYTHONPATH=src python benchmarks/workshop_load.py --members 50 --revisions 5
    PYTHONPATH=src python benchmarks/workshop_load.py --mode scores   # scoring every default cell
    PYTHONPATH=src python benchmarks/workshop_load.py --mode tree     # one matrix per node of the value tree
    PYTHONPATH=src python benchmarks/workshop_load.py --profile 25    # and where one burst's CPU time goes
    PYTHONPATH=src python benchmarks/workshop_load.py --members 100 \\
        --url postgresql+psycopg://mcda:mcda@127.0.0.1:5432/mcda_test
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import pstats
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Column, Integer, MetaData, String, Table, event, insert

from mcda import ahp
from mcda.hosting.heap import freeze_long_lived
from mcda.storage import workshops as stored_workshops
from mcda.storage.db import sent_statements
from mcda.workshop import WorkshopService, shipped_problem

# a scratch table for the baseline writes, dropped at the end
BASELINE = Table(
    "benchmark_baseline_writes",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("thread", Integer),
    Column("note", String(20)),
)


def scores(rng: np.random.Generator, cells: tuple[tuple[str, str], ...]) -> dict[str, dict[str, float | None]]:
    """A level 0-4 per cell, one in ten "don't know"."""
    out: dict[str, dict[str, float | None]] = {}
    for a, c in cells:
        out.setdefault(a, {})[c] = None if rng.random() < 0.1 else float(rng.integers(0, 5))
    return out


def judgments(rng: np.random.Generator, mode: str, criteria: list[str], info: Any = None) -> Any:
    """One member's random judgments: a Saaty matrix (ahp), weights (direct), a swing ranking with
    points (swing), a matrix per chosen node of the value tree (tree; ``info``: the workshop)."""
    n = len(criteria)
    if mode == "direct":
        return {c: float(x) for c, x in zip(criteria, rng.integers(0, 10, n) + 0.5)}
    if mode == "swing":
        order = [str(c) for c in rng.permutation(criteria)]
        points = [100.0, *sorted((float(x) for x in rng.integers(0, 101, n - 1)), reverse=True)]
        return {"order": order, "points": dict(zip(order, points))}
    if mode == "tree":
        return {node: saaty_matrix(rng, len(info.tree.children(node))) for node in info.tree_round.chosen}
    return saaty_matrix(rng, n)


def saaty_matrix(rng: np.random.Generator, n: int) -> list[list[float]]:
    a = np.ones((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            a[i, j] = rng.choice(ahp.SAATY_VALUES)
            a[j, i] = 1.0 / a[i, j]
    return a.tolist()


def at_once(count: int, work: Callable[[int], None], profile: list[cProfile.Profile] | None = None) -> list[float]:
    """Run work(0..count-1) in threads released together by a barrier; each call's seconds.

    ``profile``: each call runs under a profiler of its own thread, appended to the list.
    Re-raises the first error."""
    barrier = threading.Barrier(count)
    errors: list[BaseException] = []
    seconds = [0.0] * count

    def run(i: int) -> None:
        profiler = None if profile is None else cProfile.Profile(time.thread_time)  # CPU time of this thread
        try:
            barrier.wait()
            start = time.perf_counter()
            if profiler is None:
                work(i)
            else:
                profiler.runcall(work, i)
            seconds[i] = time.perf_counter() - start
        except BaseException as exc:  # noqa: BLE001 - reported after the join
            errors.append(exc)
        if profiler is not None and profile is not None:
            profile.append(profiler)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return seconds


class Collections:
    """The garbage collector's passes while ``counting``, per generation: how many and their CPU time."""

    def __init__(self) -> None:
        self.counting = False
        self.passes = [0, 0, 0]
        self.cpu = [0.0, 0.0, 0.0]
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if not self.counting:
            return
        if phase == "start":
            self._started = time.process_time()
        else:
            self.passes[info["generation"]] += 1
            self.cpu[info["generation"]] += time.process_time() - self._started

    def __str__(self) -> str:
        return ", ".join(f"generation {g}: {self.passes[g]} ({self.cpu[g] * 1000:.0f} ms)" for g in range(3))


def full_collection() -> str:
    """One full garbage collection now: its CPU time and the objects it walked (those not frozen),
    what every thread of the server waits for when Python's collector decides to run one."""
    gc.collect()  # what is garbage already goes first
    tracked = len(gc.get_objects())
    used = time.process_time()
    gc.collect()
    return f"{(time.process_time() - used) * 1000:.0f} ms of CPU over {tracked} objects"


def stats(label: str, seconds: list[float], note: str = "") -> str:
    ms = np.array(seconds) * 1000
    return (
        f"{label:<22} n={len(ms):<4} p50={np.percentile(ms, 50):7.1f} ms  "
        f"p95={np.percentile(ms, 95):7.1f} ms  max={ms.max():7.1f} ms{note}"
    )


@contextmanager
def counted_transactions(engine: Any) -> Iterator[list[int]]:
    """How many transactions the engine begins inside the block (``[count]``, filled in as they begin)."""
    begun = [0]

    def begin(_connection: Any) -> None:
        begun[0] += 1

    event.listen(engine, "begin", begin)
    try:
        yield begun
    finally:
        event.remove(engine, "begin", begin)


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def shape(sent: list[str]) -> str:
    """'1 tx + 3 stmt' for what :func:`sent_statements` recorded."""
    transactions = sent.count("BEGIN")
    return f"{transactions} tx + {len(sent) - transactions} stmt"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=30)
    parser.add_argument("--revisions", type=int, default=3, help="bursts: each member submits once in each")
    parser.add_argument("--mode", choices=["ahp", "direct", "swing", "tree", "scores"], default="ahp")
    parser.add_argument("--url", help="SQLAlchemy URL (default: a fresh SQLite file in a temporary directory)")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument(
        "--no-freeze", action="store_true", help="leave the loaded objects in the garbage collector's passes"
    )
    parser.add_argument(
        "--profile", type=int, metavar="N", help="profile one more burst (every thread) and print its top N functions"
    )
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        url = args.url or f"sqlite:///{Path(tmp) / 'load.sqlite'}"
        service = WorkshopService(url)
        try:
            BASELINE.drop(service.db.engine, checkfirst=True)
            BASELINE.create(service.db.engine)
            if not args.no_freeze:
                frozen = freeze_long_lived()
                print(f"{frozen} objects left out of the garbage collector's passes, as the server after its warm-up")
            return run(service, args)
        finally:
            BASELINE.drop(service.db.engine, checkfirst=True)
            service.dispose()


def run(service: WorkshopService, args: argparse.Namespace) -> int:
    n, bursts = args.members, args.revisions
    criteria = list(shipped_problem().criterion_ids)
    workshop_args: dict[str, Any] = (
        {"mode": args.mode} if args.mode == "scores" else {"mode": args.mode, "criteria": criteria}
    )
    workshop = service.create_workshop(name="Load test", **workshop_args)
    info = service.workshop_info(workshop.facilitator_key)
    cells = info.cells
    backend = service.db.engine.dialect.name
    size = f"{len(cells)} cells" if cells else f"{len(criteria)} criteria"
    if info.tree_round is not None:
        size += f", nodes {', '.join(info.tree_round.chosen)}"
    print(f"{backend}: {n} members, {bursts} burst(s) of submissions, {args.mode}, {size}")
    print(f"load average before: {load_average()} (1, 5, 15 min; {os.cpu_count()} cores)")

    members: list = [None] * n

    def join(i: int) -> None:
        members[i] = service.join(workshop.join_code, display_name=f"Member {i:02d}")

    join_times = at_once(n, join)

    rng = np.random.default_rng(args.seed)
    planned = [
        [scores(rng, cells) if cells else judgments(rng, args.mode, criteria, info) for _ in range(bursts)]
        for _ in range(n)
    ]

    def bare_write(i: int) -> None:
        with service.db.session(write=True) as s:
            s.execute(insert(BASELINE).values(thread=i, note="baseline"))

    baseline_times: list[float] = []
    submit_times: list[float] = []
    fresh_group: list[float] = []
    again_group: list[float] = []
    walls: list[float] = []
    cpu: dict[str, list[float]] = {"baseline": [], "submit": []}
    transactions: list[int] = []  # per burst of submissions
    checkpointer = service.db.checkpointer  # a SQLite file's: copies the log back between the bursts
    checkpoints_in_bursts = 0
    result: Any = None
    collections = Collections()
    gc.callbacks.append(collections)
    for k in range(bursts):
        used = time.process_time()
        baseline_times += at_once(n, bare_write)
        cpu["baseline"].append(time.process_time() - used)
        wall, used = time.perf_counter(), time.process_time()
        collections.counting = True
        copied = checkpointer.checkpoints if checkpointer else 0
        with counted_transactions(service.db.engine) as begun:
            submit_times += at_once(n, lambda i, k=k: service.submit(members[i].token, planned[i][k]))
        transactions.append(begun[0])
        checkpoints_in_bursts += (checkpointer.checkpoints if checkpointer else 0) - copied
        collections.counting = False
        walls.append(time.perf_counter() - wall)
        cpu["submit"].append(time.process_time() - used)
        for target in (fresh_group, again_group):
            start = time.perf_counter()
            result = service.group_result(workshop.facilitator_key)
            target.append(time.perf_counter() - start)

    gc.callbacks.remove(collections)
    view_open = at_once(n, lambda i: service.member_view(members[i].token))
    lost = check_nothing_lost(service, workshop, members, planned, result, args.mode)
    profiled: list[cProfile.Profile] = []
    if args.profile:  # one more burst, the last submissions again, after the check of what was stored
        at_once(n, lambda i: service.submit(members[i].token, planned[i][-1]), profile=profiled)
    service.close_round(workshop.facilitator_key, reveal=True)
    view_revealed = at_once(n, lambda i: service.member_view(members[i].token))
    full_pass = full_collection()

    # one member at a time, in a workshop of their own, and the statements of one call each
    other = service.create_workshop(name="Load test alone", **workshop_args)
    alone: list[float] = []
    for i in range(min(n, 10)):
        token = service.join(other.join_code, display_name=f"Alone {i:02d}").token
        start = time.perf_counter()
        service.submit(token, planned[i][0])
        alone.append(time.perf_counter() - start)
    with sent_statements(service.db.engine) as sent:
        service.submit(token, planned[0][-1])
    statements = {"submit": shape(sent)}
    with sent_statements(service.db.engine) as sent:
        token = service.join(other.join_code, display_name="Counted").token
    statements["join"] = shape(sent)
    with sent_statements(service.db.engine) as sent:
        service.member_view(token)
    statements["member_view"] = shape(sent)
    with sent_statements(service.db.engine) as sent:
        service.group_result(other.facilitator_key)
    statements["group_result"] = shape(sent)

    print(f"load average after:  {load_average()}")
    print(stats("join", join_times))
    print(stats("baseline write", baseline_times, "  (BEGIN IMMEDIATE; INSERT; COMMIT, same threads)"))
    print(stats("submit", submit_times))
    if bursts > 1:
        first, rest = (np.percentile(part, 95) * 1000 for part in (submit_times[:n], submit_times[n:]))
        print(f"submit p95 in the round's first burst {first:.1f} ms, in the other {bursts - 1} {rest:.1f} ms")
    print(f"garbage collections during the submit bursts: {collections}")
    print(stats("submit alone", alone, "  (one member at a time)"))
    print(
        f"submit p95 / baseline p95: {np.percentile(submit_times, 95) / np.percentile(baseline_times, 95):.1f}x; "
        f"submit wall time per burst {np.mean(walls):.3f} s ({n / np.mean(walls):.0f} submissions/s)"
    )
    print(
        f"transactions per burst of {n} submissions (those that queue meanwhile share one, SQLite): "
        f"median {np.median(transactions):.0f}, {min(transactions)}-{max(transactions)}"
    )
    if checkpointer is not None:
        print(
            f"checkpoints of the SQLite log (copied back once the writes pause): {checkpointer.checkpoints} in all, "
            f"{checkpoints_in_bursts} finished during a burst of submissions"
        )
    submit_cpu, baseline_cpu = (np.median(cpu[k]) * 1000 for k in ("submit", "baseline"))
    print(
        f"CPU time of this process per burst (the same whatever else runs): submit {submit_cpu:.0f} ms, "
        f"baseline {baseline_cpu:.0f} ms (median of {bursts} bursts of {n} calls)"
    )
    what = "answer sheets" if args.mode == "scores" else "rankings"
    print(stats("group_result fresh", fresh_group, f"  (after each burst, {n} {what})"))
    print(stats("group_result again", again_group, "  (nothing new)"))
    print(stats("member_view open", view_open, "  (all members at once)"))
    print(stats("member_view revealed", view_revealed, "  (all at once, after the reveal)"))
    print(f"one full garbage collection after the run: {full_pass}")
    print("transactions and SQL statements per call: " + ", ".join(f"{k} {v}" for k, v in statements.items()))

    if profiled:
        print(f"\none more burst of {n} submissions profiled in every thread (cProfile, by own CPU time):")
        merged = pstats.Stats(profiled[0])
        for other in profiled[1:]:
            merged.add(other)
        merged.sort_stats("tottime").print_stats(args.profile)
    if lost:
        print("LOST:\n  " + "\n  ".join(lost))
        return 1
    with service.db.session() as s:
        rows = stored_workshops.count_submission_rows(s, workshop.id)
    if args.mode == "scores":
        alphas = ", ".join(f"{a.criterion_id} {a.alpha:.3f}" for a in result.agreement if a.alpha is not None)
        print(f"nothing lost: {n} current submissions, {rows} revisions kept; ordinal alpha: {alphas}")
    else:
        print(f"nothing lost: {n} current submissions, {rows} revisions kept, S* = {result.consensus.s_star:.3f}")
    return 0


def check_nothing_lost(
    service: WorkshopService, workshop: Any, members: list, planned: list, result: Any, mode: str
) -> list[str]:
    """Every member's last submission is current with the last revision; every revision is kept."""
    n, bursts = len(members), len(planned[0])
    lost: list[str] = []
    by_no = {m.member_no: m for m in result.members}
    for i, member in enumerate(members):
        detail = by_no[member.member_no]
        expected = planned[i][-1]
        if mode == "scores":
            same = detail.scores == expected
        elif mode == "ahp":
            same = np.allclose(detail.judgments, expected)
        elif mode == "tree":
            same = detail.judgments.keys() == expected.keys() and all(
                np.allclose(detail.judgments[node], matrix) for node, matrix in expected.items()
            )
        elif mode == "swing":
            same = detail.judgments == expected
        else:
            same = detail.judgments == {k: float(v) for k, v in expected.items()}
        if not detail.submitted or detail.revision != bursts or not same:
            lost.append(f"member {member.member_no}: revision {detail.revision}, judgments match: {same}")
    with service.db.session() as s:
        rows = stored_workshops.count_submission_rows(s, workshop.id)
    if result.submissions != n:
        lost.append(f"{result.submissions} current submissions, expected {n}")
    if rows != n * bursts:
        lost.append(f"{rows} submission rows, expected {n * bursts}")
    return lost


if __name__ == "__main__":
    sys.exit(main())
