"""Benchmark: Word and PowerPoint reports with every section, on the shipped problem.

The report of a closed two-round AHP workshop (three members, four criteria) with the
comparison of every other method and the robustness section (rank acceptability, sweeps and
stability intervals, method robustness) - the sections the tests of every export format use.
Timed in one process, every chart's spec built once first (the app has drawn its charts before
anyone exports): the first Word file as the app makes it - its charts rendered ahead in worker
processes while the text and tables are written, or in this process when every core is busy
(``render_here_now``; ``--workers 0`` or ``--workers 2`` forces one way) - with the CPU time of
this process and of the workers; then PowerPoint (its pictures reused), and both again. The
baseline, in the same process: the same Word file with an empty picture cache and every chart
rendered in this process one at a time, vl-convert already started here (so the baseline does not
pay the start-up the first file paid). Last, what the charts alone cost: each built and rendered
once with vl-convert, here (wall and CPU time). ``--per-chart`` prints each chart's CPU time, to
build its spec and to render it, and the baseline of the fonts (``mcda.render_fonts``): the same specs
rendered in fresh processes, with vl-convert's own start (system fonts read from their files) and
with ``prepare_fonts`` (its Liberation Sans in memory), alternately, best of two each.

    PYTHONPATH=src python benchmarks/bench_reports.py [--workers auto|0|N] [--per-chart]

Exit status 1 if Word or PowerPoint (first export) takes more than 5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mcda import charts
from mcda.export import Figure, to_docx, to_pptx
from mcda.export import figures as figures_module
from mcda.export.content import build_sections
from mcda.export.robustness import robustness_section
from mcda.export.workshop import workshop_report
from mcda.ranking import RankingSettings
from mcda.sensitivity import WeightCloud, analyse_rank_acceptability, analyse_weight_sensitivity, compare_methods
from mcda.workshop import WorkshopService

TARGET_SECONDS = 5.0
CRITERIA = ["industrial_base", "eu_demand", "supply_risk", "maturity"]
MATRICES = [
    [[1, 3, 5, 2], ["1/3", 1, 2, 1], ["1/5", "1/2", 1, "1/2"], ["1/2", 1, 2, 1]],
    [[1, "1/2", 1, 3], [2, 1, 2, 5], [1, "1/2", 1, 3], ["1/3", "1/5", "1/3", 1]],
    [[1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1]],
]
POLICY = RankingSettings(missing_policy="drop_criteria")


def full_report(tmp: str):
    service = WorkshopService(f"sqlite:///{tmp}/bench.sqlite")
    created = service.create_workshop("Vekting", CRITERIA, "ahp", anonymous=True)
    key = created.facilitator_key
    tokens = [service.join(created.join_code, f"Medlem {i}").token for i in range(3)]
    for token, matrix in zip(tokens, MATRICES, strict=True):
        service.submit(token, matrix)
    service.close_round(key, reveal=True)
    service.open_next_round(key, carry_over=True)
    service.submit(tokens[2], MATRICES[0])
    service.close_round(key)
    info, problem = service.workshop_info(key), service.problem(key)
    result, history = service.group_result(key, 2), service.round_history(key)
    base = workshop_report(info, problem, result, history, "nb")
    weights = base.chosen_weights
    section = robustness_section(
        problem,
        "nb",
        sensitivity=analyse_weight_sensitivity(problem, weights, settings=POLICY),
        acceptability=analyse_rank_acceptability(
            problem, WeightCloud.uniform(problem.criterion_ids), samples=2000, seed=7, settings=POLICY
        ),
        methods=compare_methods(problem, weights, POLICY),
        sweep_criteria=["eu_demand"],
    )
    service.dispose()
    return base.model_copy(update={"robustness": section, "seeds": {"robustness": 7}})


def figures(report) -> list[Figure]:
    found: list[Figure] = []

    def walk(section) -> None:
        found.extend(b for b in section.blocks if isinstance(b, Figure))
        for part in section.parts:
            walk(part)

    for section in build_sections(report, "nb"):
        walk(section)
    return found


# rendering CPU per spec in a fresh process: argv = specs file (JSON list), "own" or "prepared" fonts
FRESH_RENDER = """
import json, sys, time
specs = json.load(open(sys.argv[1], encoding="utf-8"))
if sys.argv[2] == "prepared":
    from mcda.render_fonts import prepare_fonts
    prepare_fonts()
import vl_convert as vlc
vlc.vegalite_to_png(specs[0], scale=2.0)  # starts vl-convert
times = []
for spec in specs:
    cpu = time.process_time()
    vlc.vegalite_to_png(spec, scale=2.0)
    times.append(time.process_time() - cpu)
print(json.dumps(times))
"""


def fresh_render_times(specs: list[str], rounds: int = 2) -> dict[str, list[float]]:
    """Each spec's rendering CPU in fresh processes, best of ``rounds``: vl-convert's own font start
    ("own") and ``prepare_fonts`` ("prepared"), alternately."""
    env = {**os.environ, "PYTHONPATH": str(Path(charts.common.__file__).resolve().parents[2])}
    best: dict[str, list[float]] = {}
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as file:
        json.dump(specs, file, ensure_ascii=False)
    try:
        for k in range(rounds):
            for fonts in ("own", "prepared") if k % 2 == 0 else ("prepared", "own"):
                out = subprocess.run(
                    [sys.executable, "-c", FRESH_RENDER, file.name, fonts],
                    capture_output=True,
                    text=True,
                    check=True,
                    env=env,
                ).stdout
                times = json.loads(out.splitlines()[-1])
                best[fonts] = [min(a, b) for a, b in zip(best.get(fonts, times), times, strict=True)]
    finally:
        os.unlink(file.name)
    return best


def timed(fn, *args):
    start = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - start, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", default="auto", help="auto (as the app), 0 (render here) or a number")
    parser.add_argument("--per-chart", action="store_true", help="print each chart's CPU time (spec, rendering)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t_build, report = timed(full_report, tmp)
    figs = figures(report)
    sections = len(build_sections(report, "nb"))
    print(f"load average {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores); report with {sections} sections")
    print(f"build the report (workshop, robustness analyses): {t_build:.2f} s")

    def rendered(export, *args) -> tuple[float, bytes, int]:
        """Seconds, the file, and how many charts were rendered for it (new PNGs in the cache)."""
        before = len(charts.common._png_cache)
        seconds, out = timed(export, *args)
        return seconds, out, len(charts.common._png_cache) - before

    for fig in figs:  # as in the app, which has drawn its charts before anyone exports: Altair warm
        charts.common.safe_spec(fig.chart("nb"), validate=False)

    if args.workers != "auto":
        charts.common.RENDER_WORKERS = int(args.workers)
        figures_module.render_here_now = lambda: charts.common.RENDER_WORKERS <= 0
    load, started = os.getloadavg()[0], len(charts.common._processes)
    cpu = time.process_time()
    t_docx, docx, n_docx = rendered(to_docx, report, "nb")
    cpu_docx = time.process_time() - cpu
    started = len(charts.common._processes) - started
    mode = f"in {started} worker processes" if started else "in this process"
    mode += " (forced)" if args.workers != "auto" else "" if started else " (every core busy)"
    charts.common._stop_render_processes()  # their CPU time is counted once they have ended
    cpu_workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_workers_docx = cpu_workers.ru_utime + cpu_workers.ru_stime
    t_pptx, pptx, n_pptx = rendered(to_pptx, report, "nb")
    t_docx2, _, n_again = rendered(to_docx, report, "nb")
    t_pptx2, _, n_more = rendered(to_pptx, report, "nb")
    n_again += n_more

    # baseline: the same Word file with every chart rendered here, one at a time, vl-convert started
    workers, charts.common.RENDER_WORKERS = charts.common.RENDER_WORKERS, 0
    charts.common._render_here(charts.common.safe_spec(figs[0].chart("en"), validate=False, picture=True), 2.0)
    charts.common._png_cache.clear()
    cpu = time.process_time()
    t_serial, _, n_serial = rendered(to_docx, report, "nb")
    cpu_serial = time.process_time() - cpu
    charts.common.RENDER_WORKERS = workers

    start, cpu, per_chart, specs = time.perf_counter(), time.process_time(), [], []
    for fig in figs:  # what the charts alone cost: each built and rendered once (vl-convert itself, no cache)
        cpu_chart = time.process_time()
        spec = charts.common.safe_spec(fig.chart("nb"), validate=False, picture=True)
        cpu_spec = time.process_time()
        png = charts.common._render_here(spec, 2.0)
        specs.append(spec)
        per_chart.append((fig.key, cpu_spec - cpu_chart, time.process_time() - cpu_spec, len(spec), len(png)))
    t_charts, cpu_charts = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"Word:       {t_docx:.2f} s ({len(docx) / 1024:.0f} KiB, {n_docx} charts rendered {mode}; "
        f"load average {load:.1f} when it started)"
    )
    print(f"  CPU time of that first Word file: {cpu_docx:.2f} s in this process, {cpu_workers_docx:.2f} s in workers")
    print(f"PowerPoint: {t_pptx:.2f} s ({len(pptx) / 1024:.0f} KiB, {n_pptx} renderings)")
    print(f"again, same report: Word {t_docx2:.2f} s, PowerPoint {t_pptx2:.2f} s ({n_again} renderings)")
    print(
        f"baseline: Word, its charts rendered here one at a time, vl-convert started: {t_serial:.2f} s "
        f"({n_serial} renderings; CPU {cpu_serial:.2f} s); the first Word file took {t_docx / t_serial:.2f} times that"
    )
    print(
        f"the charts alone: {len(figs)} built and rendered once each, in this process: {t_charts:.2f} s "
        f"(CPU {cpu_charts:.2f} s, of it rendering {sum(c[2] for c in per_chart):.2f} s)"
    )
    if args.per_chart:
        fresh = fresh_render_times(specs)
        own, prepared = sum(fresh["own"]), sum(fresh["prepared"])
        print(
            f"  the same specs rendered in fresh processes (best of 2, alternately): with vl-convert's own "
            f"font start {own:.2f} s of CPU, with prepare_fonts {prepared:.2f} s ({own / prepared:.2f}x)"
        )
        print(
            "  CPU per chart (s): spec, rendering here, fresh process with vl-convert's own fonts, with "
            "prepare_fonts; the spec's and the PNG's size (KiB)"
        )
        for (key, cpu_spec, cpu_render, spec_size, png_size), own_fonts, prepared_fonts in zip(
            per_chart, fresh["own"], fresh["prepared"], strict=True
        ):
            print(
                f"  {key:<24} {cpu_spec:5.3f} {cpu_render:5.3f} {own_fonts:5.3f} {prepared_fonts:5.3f}"
                f"  {spec_size / 1024:6.1f} {png_size / 1024:6.0f}"
            )
    print(f"load average after the run {os.getloadavg()[0]:.1f}")
    ok = max(t_docx, t_pptx) <= TARGET_SECONDS
    print(f"target: each at most {TARGET_SECONDS:.0f} s: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
