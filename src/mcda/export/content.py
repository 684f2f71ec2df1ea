"""The report's content, once for every format: sections and the tables the spreadsheets use.

:func:`build_sections` turns a :class:`~mcda.export.report.Report` into the ordered
sections every document format renders (Word, Markdown, PowerPoint). The table builders
(:func:`ranking_table`, :func:`weights_table`, :func:`provenance_table`, ...) are shared by
the documents and the spreadsheet so a number is computed and labelled in one place.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from .. import charts
from ..ahp import CONSISTENCY_THRESHOLD, fraction_text
from ..comparison import compare_rankings
from ..errors import Lang
from ..formatting import format_count, format_number, format_percent
from ..gaps import GapAnalysis
from ..labels import aggregation_label, direction_label, provenance_label, score_direction_label
from ..missing import POLICY_LABELS
from ..models import DecisionProblem, LocalizedText, Provenance, Ranking
from ..ranking import TIE_TOLERANCE
from ..tree_views import method_label as tree_method_label
from ..tree_views import tree_rows
from ..views import has_rank_ranges, rank_range_text
from .gaps import gaps_section, report_gaps
from .report import (
    Bullets,
    CellValue,
    ColumnFormat,
    Figure,
    Number,
    Paragraph,
    Report,
    ReportSection,
    Table,
    _field,
    column_formats,
)
from .texts import (
    METHOD_EXPLAINED,
    NORMALIZATION_EXPLAINED,
    ORIGIN_EXPLAINED,
    OWN_NORMALIZATION,
    count,
    join_names,
    plural,
    t,
)

MARKERS = {"published": "", "expert_judgment": "*", "missing": "–", "unspecified": "?"}
CONTRIBUTION_MESSAGE_METHODS = ("topsis", "wsm", "promethee2", "copras")


# --- names ---------------------------------------------------------------------------------


def criterion_name(problem: DecisionProblem, criterion_id: str, lang: Lang) -> str:
    try:
        return problem.criterion(criterion_id).name.get(lang)
    except KeyError:
        return criterion_id


def alternative_name(problem: DecisionProblem, alternative_id: str, lang: Lang) -> str:
    try:
        return problem.alternative(alternative_id).name.get(lang)
    except KeyError:
        return alternative_id


def provenance_counts(problem: DecisionProblem) -> Counter[str]:
    return Counter(cell.provenance.kind for row in problem.cells.values() for cell in row.values())


def origin_text(report: Report, lang: Lang) -> str:
    """How the weights were obtained, in a clause."""
    weights = report.chosen_weights
    kind, details = weights.origin.kind, weights.origin.details
    judgments = report.judgments
    if kind == "ahp" and judgments is not None and judgments.is_group:
        group = judgments.analyse_group()
        assert group is not None
        return (
            ORIGIN_EXPLAINED["ahp_group"]
            .get(lang)
            .format(
                k=len(judgments.matrices),
                aggregation=judgments.aggregation.upper(),
                cr=format_number(group.cr, lang, 3),
            )
        )
    if kind == "ahp":
        cr = judgments.analyse().cr if judgments is not None else details.get("cr")
        priority = judgments.priority_method if judgments is not None else details.get("priority_method")
        return (
            ORIGIN_EXPLAINED["ahp"]
            .get(lang)
            .format(
                priority=t(priority, lang) if priority in ("eigenvector", "geometric") else (priority or "?"),
                cr=format_number(cr, lang, 3) if isinstance(cr, (int, float)) else "?",
            )
        )
    if kind == "file":
        return ORIGIN_EXPLAINED["file"].get(lang).format(file=details.get("file", "?"))
    if kind == "workshop" and details.get("workshop_name") and details.get("round"):
        aggregation = str(details.get("aggregation") or "")
        return (
            ORIGIN_EXPLAINED["workshop_round"]
            .get(lang)
            .format(
                round=details["round"],
                name=details["workshop_name"],
                aggregation=aggregation_label(aggregation, lang) if aggregation else "?",
            )
        )
    text = ORIGIN_EXPLAINED[kind].get(lang)
    method = details.get("method")
    return f"{text} ({method})" if kind == "objective" and method else text


def missing_policy_text(report: Report, lang: Lang) -> str:
    """What the missing-value policy did, naming the criteria/positions it affected."""
    ranking, problem = report.ranking, report.problem
    policy = POLICY_LABELS.get(ranking.missing_policy)
    policy_text = policy.get(lang) if policy else ranking.missing_policy
    if ranking.excluded_criteria:
        items = ", ".join(criterion_name(problem, c, lang) for c in ranking.excluded_criteria)
        return t("missing_drop_criteria", lang, policy=policy_text, items=items)
    if ranking.excluded_alternatives:
        items = ", ".join(f"{a} {alternative_name(problem, a, lang)}" for a in ranking.excluded_alternatives)
        return t("missing_drop_alternatives", lang, policy=policy_text, items=items)
    if ranking.imputed_cells:
        items = ", ".join(f"{a}/{criterion_name(problem, c, lang)}" for a, c in ranking.imputed_cells)
        return t(
            "missing_worst",
            lang,
            policy=policy_text,
            count=count(len(ranking.imputed_cells), "missing", lang),
            items=items,
        )
    if ranking.interval_cells:
        items = ", ".join(f"{a}/{criterion_name(problem, c, lang)}" for a, c in ranking.interval_cells)
        return t(
            "missing_interval",
            lang,
            policy=policy_text,
            count=count(len(ranking.interval_cells), "missing", lang),
            items=items,
        )
    if not problem.missing_cells():
        return t("missing_none", lang)
    return t("missing_refuse", lang, policy=policy_text)


def _direction(ranking: Ranking, lang: Lang) -> str:
    return score_direction_label(ranking.score_direction, lang)


# --- tables shared with the spreadsheet ------------------------------------------------------


def ranking_table(report: Report, lang: Lang, contributions: bool = False) -> Table:
    """Place, id, name, (value-chain stage), score, and optionally each criterion's contribution."""
    ranking, problem = report.ranking, report.problem
    with_stage = any(a.stage is not None for a in problem.alternatives)
    contribution_ids = list(ranking.entries[0].contributions) if contributions and ranking.entries else []
    ranges = has_rank_ranges(ranking)
    columns = [t("col_rank", lang), t("col_id", lang), t("col_position", lang)]
    formats: list[ColumnFormat] = ["int", "text", "text"]
    if with_stage:
        columns.append(t("col_stage", lang))
        formats.append("text")
    if ranges:
        columns.append(t("col_possible", lang))
        formats.append("text")
    columns.append(t("col_score", lang, label=ranking.score_label.get(lang)))
    formats.append("score")
    for c in contribution_ids:
        columns.append(t("col_contribution", lang, criterion=criterion_name(problem, c, lang)))
        formats.append("score")
    rows = []
    for e in ranking.entries:
        row: list[Any] = [e.rank, e.id, e.name.get(lang)]
        if with_stage:
            stage = problem.alternative(e.id).stage if e.id in problem.alternative_ids else None
            row.append(stage.get(lang) if stage else None)
        if ranges:
            row.append(rank_range_text(e.rank_best, e.rank_worst, lang))
        row.append(e.score)
        row.extend(e.contributions.get(c) for c in contribution_ids)
        rows.append(tuple(row))
    return Table(
        key="ranking",
        caption=t("ranking_table", lang, method=report.method_label(lang)),
        columns=tuple(columns),
        rows=tuple(rows),
        formats=tuple(formats),
        widths=_ranking_widths(with_stage, ranges) if not contribution_ids else (),
    )


def _ranking_widths(with_stage: bool, ranges: bool) -> tuple[float, ...]:
    if with_stage:
        return (0.7, 0.6, 2.5, 2.4, 1.1, 1.5) if ranges else (0.7, 0.6, 2.8, 2.7, 1.9)
    return (0.7, 0.6, 3.2, 1.2, 1.7) if ranges else ()


def weights_table(report: Report, lang: Lang) -> Table:
    problem = report.problem
    chosen = report.chosen_weights.weights
    used = report.ranking.weights.weights
    rows = []
    for c in problem.criteria:
        note = t("left_out_missing", lang) if c.id in report.ranking.excluded_criteria else None
        rows.append(
            (
                c.name.get(lang),
                direction_label(c.direction, lang),
                c.unit,
                chosen.get(c.id),
                used.get(c.id),
                note,
            )
        )
    return Table(
        key="weights",
        caption=t("weights_table", lang),
        columns=tuple(
            t(k, lang)
            for k in ("col_criterion", "col_direction", "col_unit", "col_weight_set", "col_weight_used", "col_note")
        ),
        rows=tuple(rows),
        formats=("text", "text", "text", "percent", "percent", "text"),
        widths=(2.6, 2.4, 1.0, 1.3, 1.1, 1.9),
    )


def _marked(value: float | None, provenance: Provenance, lang: Lang) -> str:
    if value is None:
        return MARKERS["missing"]
    return format_number(value, lang, None) + MARKERS.get(provenance.kind, "")


def matrix_table(report: Report, lang: Lang) -> Table:
    """The decision matrix with a marker per value: * expert judgment, – missing, ? no source."""
    problem = report.problem
    excluded = set(report.ranking.excluded_criteria)
    columns = [t("col_position", lang)]
    for c in problem.criteria:
        head = c.name.get(lang) + (f" ({c.unit})" if c.unit else "")
        if c.id in excluded:
            head += f" ({t('left_out', lang)})"
        columns.append(head)
    rows = []
    for a in problem.alternatives:
        cells = [problem.cell(a.id, c.id) for c in problem.criteria]
        rows.append((f"{a.id} {a.name.get(lang)}", *(_marked(cell.value, cell.provenance, lang) for cell in cells)))
    return Table(
        key="matrix",
        caption=t("matrix_table", lang),
        columns=tuple(columns),
        rows=tuple(rows),
        widths=(2.6,) + (1.0,) * len(problem.criteria),
        small=True,
    )


def used_status(report: Report, alternative_id: str, criterion_id: str, lang: Lang) -> str:
    ranking = report.ranking
    if criterion_id in ranking.excluded_criteria:
        return t("used_left_out_criterion", lang)
    if alternative_id in ranking.excluded_alternatives:
        return t("used_left_out_alternative", lang)
    if (alternative_id, criterion_id) in set(ranking.imputed_cells):
        return t("used_imputed", lang)
    return t("used_yes", lang)


def provenance_table(report: Report, lang: Lang, split_author: bool = False) -> Table:
    """One row per value: where it comes from (published / expert judgment / missing) and whether it was used."""
    problem = report.problem
    columns = [
        t("col_position", lang),
        t("col_criterion", lang),
        t("col_value", lang),
        t("col_kind", lang),
        t("col_source", lang),
    ]
    formats: list[ColumnFormat] = ["text", "text", "value", "text", "text"]
    if split_author:
        columns += [t("col_author", lang), t("col_date", lang)]
        formats += ["text", "text"]
    else:
        columns.append(f"{t('col_author', lang)}, {t('col_date', lang).lower()}")
        formats.append("text")
    columns += [t("col_rationale", lang), t("col_used", lang)]
    formats += ["text", "text"]
    rows = []
    for a in problem.alternatives:
        for c in problem.criteria:
            cell = problem.cell(a.id, c.id)
            prov = cell.provenance
            date = prov.date.isoformat() if prov.date else None
            who: list[Any] = (
                [prov.author, date] if split_author else [", ".join(x for x in (prov.author, date) if x) or None]
            )
            rows.append(
                (
                    f"{a.id} {a.name.get(lang)}",
                    c.name.get(lang),
                    cell.value,
                    provenance_label(prov.kind, lang, capital=True),
                    prov.source_in(lang),
                    *who,
                    prov.rationale_in(lang),
                    used_status(report, a.id, c.id, lang),
                )
            )
    return Table(
        key="provenance",
        caption=t("provenance_table", lang),
        columns=tuple(columns),
        rows=tuple(rows),
        formats=tuple(formats),
        widths=(1.6, 1.5, 0.7, 1.4, 3.0, 1.5, 4.2, 1.2) if not split_author else (),
        small=True,
    )


def sources_table(report: Report, lang: Lang) -> Table:
    return Table(
        key="sources",
        caption=t("sources_table", lang),
        columns=(t("col_key", lang), t("col_citation", lang)),
        rows=tuple((key, citation) for key, citation in report.problem.sources.items()),
        widths=(1, 9),
    )


def _superscript_power(value: float) -> str:
    exponent = round(math.log10(value))
    return "10" + str(exponent).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


def method_notes(report: Report, lang: Lang) -> list[tuple[str, str]]:
    """(topic, explanation) pairs: the method and its conventions in plain words."""
    ranking = report.ranking
    notes: list[tuple[str, str]] = []
    explained = METHOD_EXPLAINED.get(ranking.method)
    method_text = (
        explained.get(lang).format(v=format_number(ranking.parameters.get("v", 0.5), lang)) if explained else ""
    )
    notes.append((t("topic_method", lang), method_text or report.method_label(lang)))
    if ranking.normalization:
        norm = NORMALIZATION_EXPLAINED[ranking.normalization].get(lang)
        notes.append((t("topic_normalization", lang), norm[0].upper() + norm[1:]))
    else:
        own = OWN_NORMALIZATION.get(ranking.method)
        how = own.get(lang) if own else ranking.conventions.get("normalization", "")
        notes.append(
            (t("topic_normalization", lang), t("own_normalization", lang, method=report.method_label(lang), how=how))
        )
    notes.append(
        (
            t("topic_score", lang),
            t(
                "score_rule", lang, label=ranking.score_label.get(lang), direction=_direction(ranking, lang)
            ).capitalize(),
        )
    )
    notes.append((t("topic_ties", lang), t("ties_rule", lang, tol=_superscript_power(TIE_TOLERANCE)).capitalize()))
    notes.append((t("topic_missing", lang), missing_policy_text(report, lang)))
    notes.append((t("topic_weights", lang), f"«{report.chosen_weights.name}»: {origin_text(report, lang)}."))
    params = {k: v for k, v in ranking.parameters.items() if v is not None}
    if params:
        shown = ", ".join(f"{k} = {format_number(v, lang) if isinstance(v, float) else v}" for k, v in params.items())
        notes.append((t("topic_parameters", lang), shown))
    warnings = list(ranking.warnings)  # the missing-value policy's note is described above
    if warnings:
        notes.append((t("topic_warnings", lang), "; ".join(w.get(lang) for w in warnings)))
    if "reference" in ranking.conventions:
        notes.append((t("topic_reference", lang), ranking.conventions["reference"]))
    notes.append(
        (t("topic_software", lang), ", ".join(f"{k} {v}" for k, v in sorted(ranking.library_versions.items())))
    )
    notes.append((t("topic_scenario", lang), t("scenario_explained", lang, sha=report.scenario().sha256)))
    notes.append((t("topic_created", lang), report.created_at.strftime("%Y-%m-%d %H:%M UTC")))
    return notes


def method_table(report: Report, lang: Lang) -> Table:
    return Table(
        key="method",
        caption=t("sec_method", lang),
        columns=(t("col_topic", lang), t("col_explanation", lang)),
        rows=tuple(method_notes(report, lang)),
        widths=(1, 4),
    )


# --- sections -------------------------------------------------------------------------------


def build_sections(report: Report, lang: Lang = "nb") -> list[ReportSection]:
    """The report's sections in reading order; optional ones appear only when their data exist."""
    sections = [intro_section(report, lang), weights_section(report, lang), ranking_section(report, lang)]
    optional = [
        tree_section(report, lang),
        contributions_section(report, lang),
        consistency_section(report, lang),
        consensus_section(report, lang),
        workshop_section(report, lang),
        comparison_section(report, lang),
        robustness_section(report, lang),
        knowledge_gaps_section(report, lang),
        outlooks_section(report, lang),
    ]
    sections += [s for s in optional if s is not None]
    sections += list(report.sections)
    sections += [
        method_section(report, lang),
        data_section(report, lang),
        provenance_section(report, lang),
        sources_section(report, lang),
    ]
    return sections


def _basis_bullets(report: Report, lang: Lang) -> list[str]:
    counts = provenance_counts(report.problem)
    policy = POLICY_LABELS.get(report.ranking.missing_policy)
    items = []
    if counts["published"]:
        items.append(t("count_published", lang, count=count(counts["published"], "published", lang)))
    if counts["expert_judgment"]:
        items.append(t("count_expert", lang, count=count(counts["expert_judgment"], "expert_judgment", lang)))
    if counts["missing"]:
        policy_text = policy.get(lang) if policy else "?"
        items.append(t("count_missing", lang, count=count(counts["missing"], "missing", lang), policy=policy_text))
    if counts["unspecified"]:
        items.append(t("count_unspecified", lang, count=count(counts["unspecified"], "unspecified", lang)))
    return items


def _count_text(what: str, total: int, used: int, lang: Lang) -> str:
    noun = "position" if what == "alternatives" else "criterion"  # in this tool the alternatives are positions
    if used == total:
        return t(f"n_{what}", lang, count=count(total, noun, lang))
    return t(f"n_{what}_some", lang, count=count(total, noun, lang), used=used, k=total - used)


def intro_section(report: Report, lang: Lang) -> ReportSection:
    problem = report.problem
    blocks: list[Any] = []
    if problem.info.description is not None:
        blocks.append(Paragraph(text=problem.info.description.get(lang)))
    blocks.append(
        Paragraph(
            text=t(
                "intro_ranked",
                lang,
                alternatives=_count_text("alternatives", len(problem.alternatives), len(report.ranking.entries), lang),
                criteria=_count_text("criteria", len(problem.criteria), len(report.ranking.weights.weights), lang),
                method=report.method_label(lang),
                weights=report.chosen_weights.name,
                origin=origin_text(report, lang),
            )
        )
    )
    blocks.append(Bullets(intro=t("intro_basis", lang), items=tuple(_basis_bullets(report, lang))))
    blocks.append(Paragraph(text=t("intro_purpose", lang), where="document"))
    return ReportSection(
        key="intro",
        title=t("sec_intro", lang),
        message=t(
            "msg_intro",
            lang,
            positions=count(len(problem.alternatives), "position", lang),
            criteria=count(len(problem.criteria), "criterion", lang),
        ),
        blocks=tuple(blocks),
    )


def weights_section(report: Report, lang: Lang) -> ReportSection:
    used = report.ranking.weights
    values = list(used.weights.values())
    if len(values) > 1 and max(values) - min(values) < 1e-12:
        excluded = bool(report.ranking.excluded_criteria)
        message = (
            t("msg_weights_equal_used", lang, k=len(values), w=format_percent(values[0], lang))
            if excluded
            else t("msg_weights_equal", lang, w=format_percent(values[0], lang))
        )
    else:
        top = max(used.weights, key=used.weights.__getitem__)
        message = t(
            "msg_weights_top",
            lang,
            criterion=criterion_name(report.problem, top, lang),
            w=format_percent(used.weights[top], lang),
        )
    blocks: list[Any] = [Paragraph(text=t("weights_how", lang, origin=origin_text(report, lang)))]
    if report.ranking.excluded_criteria:
        blocks.append(Paragraph(text=t("weights_rescaled", lang)))
    blocks.append(weights_table(report, lang))
    blocks.append(
        Figure(
            key="weights",
            caption=t("weights_caption", lang),
            chart=lambda lg: charts.weights_chart(used, report.problem, lg),
        )
    )
    return ReportSection(key="weights", title=t("sec_weights", lang), message=message, blocks=tuple(blocks))


def tree_table(report: Report, lang: Lang) -> Table:
    """Every group and criterion in tree order: under which group, local and global weight, how weighed."""
    rows = tree_rows(report.problem, report.chosen_weights, lang)
    return Table(
        key="tree",
        caption=t("tree_table", lang),
        columns=tuple(
            t(k, lang)
            for k in ("col_tree_node", "col_tree_parent", "col_tree_local", "col_tree_global", "col_tree_method")
        ),
        rows=tuple(
            (
                "\u2003" * (r.depth - 1) + r.name,
                r.parent_name,
                r.local,
                r.global_weight,
                tree_method_label(r.method, lang) if r.method else None,
            )
            for r in rows
        ),
        formats=("text", "text", "percent", "percent", "text"),
        widths=(3.0, 2.0, 1.2, 1.2, 2.4),
    )


def tree_section(report: Report, lang: Lang) -> ReportSection | None:
    """The value tree with local and global weights, when the weights were set node by node in it."""
    problem = report.problem
    weights = report.chosen_weights
    if not problem.groups or weights.origin.kind != "tree":
        return None
    tops = problem.tree.children("root")
    shares = {g: sum(weights.weights.get(c, 0.0) for c in problem.tree.leaves(g)) for g in tops}
    top = max(tops, key=shares.__getitem__)
    names = {c.id: c.name for c in problem.criteria}
    blocks: list[Any] = [Paragraph(text=t("tree_intro", lang, groups=plural("group_count", len(problem.groups), lang)))]
    blocks.append(tree_table(report, lang))
    blocks.append(
        Figure(key="tree", caption=t("tree_caption", lang), chart=lambda lg: charts.tree_chart(weights, problem, lg))
    )
    return ReportSection(
        key="tree",
        title=t("sec_tree", lang),
        message=t(
            "msg_tree_top",
            lang,
            group=problem.tree.name(top, lang, names),
            w=format_percent(shares[top], lang),
        ),
        blocks=tuple(blocks),
        sheet=t("sheet_tree", lang),
    )


def ranking_section(report: Report, lang: Lang) -> ReportSection:
    ranking = report.ranking
    method = report.method_label(lang)
    first = [e for e in ranking.entries if e.rank == 1]
    if len(first) == 1:
        message = t("msg_top", lang, name=first[0].name.get(lang), method=method)
    else:
        message = t("msg_top_tied", lang, names=join_names([e.name.get(lang) for e in first], lang), method=method)
    blocks: tuple[Paragraph | Bullets | Table | Figure, ...] = (
        Paragraph(
            text=t("ranking_score", lang, label=ranking.score_label.get(lang), direction=_direction(ranking, lang))
        ),
        *interval_statement(report, lang),
        Figure(
            key="scores",
            caption=t("ranking_caption", lang, method=method),
            chart=lambda lg: charts.score_chart(ranking, lg),
        ),
        ranking_table(report, lang),
    )
    return ReportSection(key="ranking", title=t("sec_ranking", lang), message=message, blocks=blocks)


def interval_statement(report: Report, lang: Lang) -> tuple[Paragraph, ...]:
    """How many values are intervals and what the possible ranks mean (none without intervals)."""
    cells = report.ranking.interval_cells
    if not cells:
        return ()
    total = len(report.problem.alternatives) * len(report.problem.criteria)
    return (
        Paragraph(
            text=t(
                "ranking_intervals",
                lang,
                count=format_count(len(cells), lang),
                cells=format_count(total, lang),
            )
        ),
    )


def knowledge_gaps_section(report: Report, lang: Lang) -> ReportSection | None:
    """The gap slot: a ready ReportSection, a GapAnalysis, or the analysis of the ranking's intervals."""
    gaps = report_gaps(report)
    if gaps is None or isinstance(gaps, ReportSection):
        return gaps
    if isinstance(gaps, GapAnalysis):
        return gaps_section(report.problem, gaps, lang)
    raise TypeError(f"Report.gaps: expected a GapAnalysis or a ReportSection; got {type(gaps).__name__}")


def contributions_section(report: Report, lang: Lang) -> ReportSection | None:
    ranking = report.ranking
    if not ranking.entries or not ranking.entries[0].contributions:
        return None
    message = None
    first = [e for e in ranking.entries if e.rank == 1]
    if ranking.method in CONTRIBUTION_MESSAGE_METHODS and len(first) == 1:
        contributions = first[0].contributions
        top = max(contributions, key=contributions.__getitem__)
        message = t(
            "msg_contribution", lang, name=first[0].name.get(lang), criterion=criterion_name(report.problem, top, lang)
        )
    return ReportSection(
        key="contributions",
        title=t("sec_contributions", lang),
        message=message,
        blocks=(
            Paragraph(text=t("contributions_basis", lang, basis=ranking.contribution_basis.get(lang))),
            Figure(
                key="contributions",
                caption=t("contributions_caption", lang),
                chart=lambda lg: charts.contribution_chart(ranking, report.problem, lg),
            ),
        ),
    )


def consistency_section(report: Report, lang: Lang) -> ReportSection | None:
    judgments = report.judgments
    if judgments is None:
        return None
    problem = report.problem
    result = judgments.analyse()
    group = judgments.analyse_group()
    cr = group.cr if group is not None else result.cr
    threshold = format_number(CONSISTENCY_THRESHOLD, lang, 2)
    key = "msg_consistent" if cr <= CONSISTENCY_THRESHOLD else "msg_inconsistent"
    if group is None:
        message = t(key, lang, cr=format_number(cr, lang, 3), threshold=threshold)
    else:
        names = [
            member.source if judgments.members else t("member_number", lang, number=i + 1)
            for i, member in enumerate(group.members)
        ]
        above = [name for name, member in zip(names, group.members) if member.cr > CONSISTENCY_THRESHOLD]
        group_key = "msg_consistent_group" if cr <= CONSISTENCY_THRESHOLD else "msg_inconsistent_group"
        message = t(group_key, lang, cr=format_number(cr, lang, 3), threshold=threshold)
        if above:
            message += t("members_above", lang, k=len(above), n=len(names), threshold=threshold, names=", ".join(above))
        else:
            message += t("members_none_above", lang, n=len(names), threshold=threshold)
    blocks: list[Any] = [Paragraph(text=t("cr_explained", lang, threshold=threshold))]
    if group is not None:
        blocks.append(Paragraph(text=t("cr_group", lang)))
    blocks.append(
        Table(
            key="consistency",
            caption=t("consistency_table", lang),
            columns=(t("col_quantity", lang), t("col_value", lang)),
            rows=(
                ("n", Number(value=result.n, format="int")),
                (t("q_lambda", lang), Number(value=result.lambda_max, format="score")),
                (t("q_ci", lang), Number(value=result.ci, format="score")),
                (t("q_ri", lang), Number(value=result.ri, format="score")),
                (t("q_cr", lang), Number(value=cr, format="score")),
                (t("q_threshold", lang), Number(value=CONSISTENCY_THRESHOLD, format="value")),
                (t("q_priority", lang), t(judgments.priority_method, lang)),
                (t("q_ri_table", lang), t(f"ri_{judgments.ri_table}", lang)),
            ),
            widths=(3, 2),
        )
    )
    if result.hints:
        blocks.append(Paragraph(text=t("hints_intro", lang)))
        blocks.append(
            Table(
                key="hints",
                caption=t("hints_table", lang),
                columns=tuple(
                    t(k, lang) for k in ("col_judgment", "col_now", "col_consistent_value", "col_scale_value")
                ),
                rows=tuple(
                    (
                        f"{criterion_name(problem, h.row, lang)} / {criterion_name(problem, h.column, lang)}",
                        fraction_text(h.current),
                        h.suggested,
                        h.suggested_text,
                    )
                    for h in result.hints
                ),
                formats=("text", "text", "coefficient", "text"),
                widths=(4, 1, 1.3, 1.3),
            )
        )
    if group is not None:
        blocks.append(
            Table(
                key="member_consistency",
                caption=t("members_table", lang),
                columns=(t("col_member", lang), "CR", t("col_consistent", lang, threshold=threshold)),
                rows=tuple((m.source, m.cr, t("yes" if m.consistent else "no", lang)) for m in group.members),
                formats=("text", "score", "text"),
            )
        )
    for label, matrix in zip(judgments.member_labels(), judgments.matrices):
        names = [criterion_name(problem, c, lang) for c in matrix.labels]
        blocks.append(
            Table(
                key="judgments",
                caption=t("judgment_matrix", lang, who=label),
                columns=("", *names),
                rows=tuple((names[i], *(fraction_text(x) for x in row)) for i, row in enumerate(matrix.array)),
                small=True,
                where="document",
            )
        )
    return ReportSection(
        key="consistency",
        title=t("sec_consistency", lang),
        message=message,
        blocks=tuple(blocks),
        sheet=t("sheet_consistency", lang),
    )


def consensus_section(report: Report, lang: Lang) -> ReportSection | None:
    """S* and the members' weights from group judgments; left out when a workshop section (which has
    them, with Kendall's W, the members' agreement and the rounds) is in the report."""
    judgments = report.judgments
    group = judgments.analyse_group() if judgments is not None else None
    if judgments is None or group is None or isinstance(report.workshop, ReportSection):
        return None
    consensus = group.consensus
    k = len(group.members)
    if consensus is not None:
        message = t("msg_consensus", lang, band=consensus.band.get(lang), s=format_percent(consensus.s_star, lang))
    else:
        message = t("msg_consensus_none", lang, k=k)
    rows: list[tuple[Any, ...]] = []
    if consensus is not None:
        rows += [
            (t("q_s_star", lang), Number(value=consensus.s_star, format="percent")),
            (t("q_band", lang), consensus.band.get(lang)),
        ]
    rows += [
        (t("q_members", lang), Number(value=k, format="int")),
        (t("q_aggregation", lang), judgments.aggregation.upper()),
        (t("q_group_cr", lang), Number(value=group.cr, format="score")),
    ]
    member_labels = [m.source for m in group.members]
    weight_rows: tuple[tuple[CellValue, ...], ...] = tuple(
        (
            criterion_name(report.problem, c, lang),
            *(m.weights[c] for m in group.members),
            group.weights[c],
        )
        for c in group.labels
    )
    return ReportSection(
        key="consensus",
        title=t("sec_consensus", lang),
        message=message,
        blocks=(
            Paragraph(text=t("s_explained", lang)),
            Paragraph(text=t("consensus_method", lang, aggregation=t(judgments.aggregation, lang))),
            Table(
                key="consensus",
                caption=t("consensus_table", lang),
                columns=(t("col_quantity", lang), t("col_value", lang)),
                rows=tuple(rows),
                widths=(3, 2),
            ),
            Table(
                key="member_weights",
                caption=t("member_weights_table", lang),
                columns=(t("col_criterion", lang), *member_labels, t("col_group", lang)),
                rows=weight_rows,
                formats=column_formats("text", "percent", len(member_labels) + 1),
            ),
        ),
        sheet=t("sheet_consensus", lang),
    )


def workshop_section(report: Report, lang: Lang) -> ReportSection | None:
    """The workshop slot: a ready ReportSection (mcda.export.workshop), or loose facts as a table."""
    facts = report.workshop
    if isinstance(facts, ReportSection):
        return facts
    if not facts:
        return None
    rows = tuple((str(key), _loose_cell(value)) for key, value in facts.items())
    name = _loose_cell(facts.get("name") or facts.get("workshop"))
    return ReportSection(
        key="workshop",
        title=t("sec_workshop", lang),
        message=name if isinstance(name, (str, LocalizedText)) and name else t("msg_workshop", lang),
        blocks=(
            Table(
                key="workshop",
                caption=t("workshop_table", lang),
                columns=(t("col_quantity", lang), t("col_value", lang)),
                rows=rows,
                widths=(2, 3),
            ),
        ),
        sheet=t("sheet_workshop", lang),
    )


def _loose_cell(value: Any) -> Any:
    if value is None or isinstance(value, (int, float, str)):
        return value
    get = getattr(value, "get", None)
    if hasattr(value, "nb") and hasattr(value, "en") and callable(get):
        return value  # LocalizedText
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, Sequence):
        return ", ".join(str(v) for v in value)
    return str(value)


def comparison_section(report: Report, lang: Lang) -> ReportSection | None:
    if not report.comparisons:
        return None
    main = report.main_label()
    rankings = {main: report.ranking, **{k: v for k, v in report.comparisons.items() if k != main}}
    comparison = compare_rankings(rankings)
    labels = list(comparison.labels)
    rhos = [comparison.matrices["spearman"][0][j] for j in range(1, len(labels))]
    known = [r for r in rhos if r is not None]
    lowest = min(known) if known else 1.0
    shown = format_number(lowest, lang, 2)
    if lowest >= 0.9:
        message = t("msg_agree", lang, rho=shown)
    elif lowest >= 0.7:
        message = t("msg_agree_mostly", lang, rho=shown)
    else:
        message = t("msg_disagree", lang, rho=shown)
    ranks = {label: r.rank_of() for label, r in rankings.items()}
    rank_rows = tuple(
        (f"{e.id} {e.name.get(lang)}", *(ranks[label].get(e.id) for label in labels)) for e in report.ranking.entries
    )
    coefficient_rows = tuple(
        (labels[j], *(comparison.matrices[name][0][j] for name in ("spearman", "kendall", "rw", "ws")))
        for j in range(1, len(labels))
    )
    return ReportSection(
        key="comparison",
        title=t("sec_comparison", lang),
        message=message,
        blocks=(
            Paragraph(text=t("comparison_explained", lang, main=main)),
            Figure(key="bump", caption=t("bump_caption", lang), chart=lambda lg: charts.bump_chart(rankings, lg)),
            Table(
                key="comparison_ranks",
                caption=t("ranks_table", lang),
                columns=(t("col_position", lang), *labels),
                rows=rank_rows,
                formats=column_formats("text", "int", len(labels)),
            ),
            Table(
                key="comparison_coefficients",
                caption=t("coefficients_table", lang, main=main),
                columns=(t("col_ranking", lang), "Spearman ρ", "Kendall τ-b", "rw", "WS"),
                rows=coefficient_rows,
                formats=("text", "coefficient", "coefficient", "coefficient", "coefficient"),
            ),
            Figure(
                key="correlation",
                caption=t("heatmap_caption", lang),
                chart=lambda lg: charts.correlation_heatmap(comparison, "spearman", lg),
                where="document",
            ),
        ),
        sheet=t("sheet_comparison", lang),
    )


def outlooks_section(report: Report, lang: Lang) -> ReportSection | None:
    """The outlook slot (with the value-chain map as its last part), or the map alone."""
    from .outlooks import outlook_section, value_chain_part

    if report.outlooks is not None:
        return outlook_section(
            report.outlooks, report.problem, lang, chains=report.value_chains, ranking=report.ranking
        )
    if report.value_chains is not None:
        return value_chain_part(report.value_chains, report.problem, report.ranking, lang)
    return None


def robustness_section(report: Report, lang: Lang) -> ReportSection | None:
    """The robustness slot: a ready ReportSection, or a rank-acceptability result read by duck typing."""
    result = report.robustness
    if result is None:
        return None
    if isinstance(result, ReportSection):
        return result
    acceptability = _field(result, "acceptability")
    alternatives = _field(result, "alternatives")
    if acceptability is None or alternatives is None:
        if isinstance(result, Mapping):
            return ReportSection(
                key="robustness",
                title=t("sec_robustness", lang),
                blocks=(
                    Table(
                        key="robustness",
                        columns=(t("col_quantity", lang), t("col_value", lang)),
                        rows=tuple((str(k), _loose_cell(v)) for k, v in result.items()),
                    ),
                ),
                sheet=t("sheet_robustness", lang),
            )
        raise TypeError(
            "Report.robustness: expected a ReportSection, or an object or mapping with 'alternatives' and "
            f"'acceptability'; got {type(result).__name__}"
        )
    alternatives = list(alternatives)
    matrix = [list(map(float, row)) for row in acceptability]
    places = min(3, len(alternatives))
    confidence = _field(result, "confidence")
    order = sorted(range(len(alternatives)), key=lambda i: [-x for x in matrix[i][:places]])
    columns = [t("col_position", lang)] + [t("col_place", lang, k=k + 1) for k in range(places)]
    formats = list(column_formats("text", "percent", places))
    if confidence:
        columns.append(t("col_confidence", lang))
        formats.append("percent")
    rows = []
    for i in order:
        alt = alternatives[i]
        row: list[Any] = [f"{alt} {alternative_name(report.problem, alt, lang)}", *matrix[i][:places]]
        if confidence:
            row.append(confidence.get(alt))
        rows.append(tuple(row))
    best = order[0]
    blocks: list[Any] = [Paragraph(text=t("acceptability_explained", lang))]
    samples, seed = _field(result, "samples"), _field(result, "seed")
    if samples is not None:
        blocks.append(Paragraph(text=t("acceptability_sampling", lang, samples=samples, seed=seed)))
    blocks.append(
        Table(
            key="acceptability",
            caption=t("acceptability_table", lang),
            columns=tuple(columns),
            rows=tuple(rows),
            formats=tuple(formats),
        )
    )
    return ReportSection(
        key="robustness",
        title=t("sec_robustness", lang),
        message=t(
            "msg_acceptability",
            lang,
            name=alternative_name(report.problem, alternatives[best], lang),
            p=format_percent(matrix[best][0], lang, 0),
        ),
        blocks=tuple(blocks),
        sheet=t("sheet_robustness", lang),
    )


def method_section(report: Report, lang: Lang) -> ReportSection:
    ranking = report.ranking
    if ranking.excluded_criteria:
        message = t("msg_dropped_criteria", lang, count=count(len(ranking.excluded_criteria), "criterion", lang))
    elif ranking.excluded_alternatives:
        message = t("msg_dropped_alternatives", lang, count=count(len(ranking.excluded_alternatives), "position", lang))
    elif ranking.imputed_cells:
        message = t("msg_imputed", lang, count=count(len(ranking.imputed_cells), "missing", lang))
    else:
        message = t("msg_method", lang)
    notes = method_notes(report, lang)
    blocks: list[Any] = [Paragraph(lead=f"{topic}.", text=text, where="document") for topic, text in notes]
    by_topic = dict(notes)
    policy = POLICY_LABELS.get(ranking.missing_policy)
    summary = [
        f"{t('topic_method', lang)}: {report.method_label(lang)} – {ranking.score_label.get(lang)} "
        f"({_direction(ranking, lang)})",
        f"{t('topic_normalization', lang)}: " + by_topic[t("topic_normalization", lang)].split(":")[0].split(";")[0],
        f"{t('topic_missing', lang)}: {policy.get(lang) if policy else ranking.missing_policy}"
        + (
            f" ({', '.join(criterion_name(report.problem, c, lang) for c in ranking.excluded_criteria)})"
            if ranking.excluded_criteria
            else ""
        ),
        f"{t('topic_weights', lang)}: «{report.chosen_weights.name}» – {origin_text(report, lang)}",
        f"{t('topic_ties', lang)}: {by_topic[t('topic_ties', lang)]}",
    ]
    blocks.insert(0, Bullets(items=tuple(summary), where="slide"))
    return ReportSection(key="method", title=t("sec_method", lang), message=message, blocks=tuple(blocks))


def data_section(report: Report, lang: Lang) -> ReportSection:
    counts = provenance_counts(report.problem)
    return ReportSection(
        key="data",
        title=t("sec_data", lang),
        message=t(
            "msg_data",
            lang,
            published=count(counts["published"], "published", lang),
            expert=count(counts["expert_judgment"], "expert_judgment", lang),
            missing=count(counts["missing"], "missing", lang),
        ),
        blocks=(
            Paragraph(text=t("data_explained", lang)),
            Bullets(items=tuple(_basis_bullets(report, lang)), where="slide"),
            Paragraph(text=t("data_legend", lang), where="document"),
            matrix_table(report, lang).model_copy(update={"where": "document"}),
        ),
        landscape=True,
    )


def provenance_section(report: Report, lang: Lang) -> ReportSection:
    return ReportSection(
        key="provenance",
        title=t("sec_provenance", lang),
        blocks=(provenance_table(report, lang),),
        slide=False,
        appendix=True,
        landscape=True,
    )


def sources_section(report: Report, lang: Lang) -> ReportSection:
    sources = report.problem.sources
    blocks: tuple[Any, ...]
    if sources:
        blocks = (Bullets(items=tuple(f"[{key}] {citation}" for key, citation in sources.items())),)
    else:
        blocks = (Paragraph(text=t("sources_none", lang)),)
    return ReportSection(
        key="sources",
        title=t("sec_sources", lang),
        message=t("msg_sources", lang, count=count(len(sources), "source", lang)) if sources else None,
        blocks=blocks,
        appendix=True,
    )
