"""The workshop section of a report, and a whole report of one workshop round.

:func:`workshop_section` turns a round's :class:`~mcda.workshop.GroupResult` (with the
workshop's :class:`~mcda.workshop.results.WorkshopDescription`, the facilitator's ``WorkshopInfo`` or a
reader's, and the rounds so far) into one
:class:`~mcda.export.report.ReportSection`: the workshop and the round (its own slide), then a
part each for

- the group's weights - "«X» veier tyngst for gruppen (31 %)"; AIJ and AIP (or the mean and the
  geometric mean of direct weights) side by side, and every member's weights;
- consensus and agreement - "Gruppen er moderat enig (S* = 71 %)"; S* and its band, the group
  CR, Kendall's W, each member's CR, rw and distance from the group;
- the rounds - "S* steg fra 58 % i runde 1 til 71 % i runde 2"; S* by round.

Members appear only by the label the workshop service gives them: the display name, or
"Deltaker k" / "Member k" in an anonymous workshop (where the result holds no names at all).

:func:`workshop_report` makes the whole :class:`~mcda.export.report.Report` of a round: the
workshop's problem snapshot, the group's weight set over every criterion (as
``WorkshopService.save_group_weights`` makes it), its ranking, the members' judgments (so the
scenario file reproduces the group's weights: the AHP matrices, or in a tree round the plan and every
member's node matrices) and the workshop section.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .. import charts
from ..ahp import CONSISTENCY_THRESHOLD, PairwiseMatrix
from ..errors import InputError, Issue, Lang
from ..formatting import format_number, format_percent
from ..labels import aggregation_label, normalization_label
from ..missing import POLICY_LABELS
from ..models import DecisionProblem
from ..ranking import METHODS, rank_alternatives
from ..scenario import Judgments
from ..tree_judgments import TreeJudgments
from ..workshop.group import group_weight_set
from ..workshop.results import (
    GroupResult,
    GroupWeights,
    MemberDetail,
    RoundSummary,
    TreeRoundResult,
    WorkshopDescription,
)
from ..workshop.tree import group_tree_weight_set
from .report import ColumnFormat, Figure, Number, Paragraph, Report, ReportSection, Table, Where, column_formats
from .texts import t

__all__ = ["workshop_report", "workshop_section"]

MEMBER_COLUMNS_IN_DOCUMENTS = 8  # wider member tables go to the spreadsheet only


def workshop_section(
    result: GroupResult,
    history: Sequence[RoundSummary],
    info: WorkshopDescription,
    lang: Lang = "nb",
    problem: DecisionProblem | None = None,
    aggregation: str | None = None,
) -> ReportSection:
    """The section of one round: the workshop, the group's weights, consensus and the rounds up to it.

    ``problem`` (the workshop's snapshot) names the criteria not weighed, which the group's weight
    set gives weight 0; ``aggregation`` is the group weights the report uses (default: the primary).
    """
    names = {c.id: c.name.get(lang) for c in info.criteria}
    rounds = tuple(r for r in history if r.number <= result.round)
    parts: list[ReportSection] = []
    chosen = _chosen(result.group_weights, aggregation) if result.group_weights else None
    if chosen is not None:
        parts.append(_weights_part(result, chosen, info, names, lang))
        parts.append(_consensus_part(result, info, names, lang))
        if result.tree is not None and result.tree.nodes:
            parts.append(_tree_part(result.tree, chosen.aggregation, problem, lang))
    parts.append(_rounds_part(rounds, lang))
    status = _status(result.round_status, result.revealed)
    key = f"workshop_explained_{result.mode}"
    blocks: list[Any] = [Paragraph(text=t(key, lang, name=info.name, k=len(result.criteria)))]
    if info.anonymous:
        blocks.append(Paragraph(text=t("workshop_anonymous", lang)))
    if result.round_status == "open":
        blocks.append(Paragraph(text=t("workshop_provisional", lang), tone="note"))
    unweighed = [c for c in problem.criteria if c.id not in result.criteria] if problem is not None else []
    if unweighed:
        items = ", ".join(c.name.get(lang) for c in unweighed)
        blocks.append(Paragraph(text=t("workshop_unweighed", lang, items=items), tone="note"))
    spec = METHODS.get(result.ranking.method)
    norm = result.ranking.normalization
    policy = POLICY_LABELS.get(result.ranking.missing_policy)
    ranking = ", ".join(
        x
        for x in (
            spec.label.get(lang) if spec else result.ranking.method,
            normalization_label(norm, lang) if norm else None,
            policy.get(lang) if policy else result.ranking.missing_policy,
        )
        if x
    )
    facts: list[tuple[Any, ...]] = [
        (t("q_workshop", lang), info.name),
        (t("q_round", lang), Number(value=result.round, format="int")),
        (t("q_status", lang), t(f"status_{status}", lang)),
        (t("q_mode", lang), t(f"mode_{result.mode}", lang)),
        (t("q_weighed", lang), ", ".join(names[c] for c in result.criteria)),
        (t("q_participants", lang), Number(value=result.participants, format="int")),
        (t("q_submissions", lang), Number(value=result.submissions, format="int")),
        (t("q_anonymous", lang), t("yes" if info.anonymous else "no", lang)),
    ]
    if chosen is not None:
        facts.append((t("q_group_weights", lang), aggregation_label(chosen.aggregation, lang)))
    facts.append((t("q_ranking", lang), ranking))
    blocks.append(
        Table(
            key="workshop",
            caption=t("workshop_facts_table", lang),
            columns=(t("col_quantity", lang), t("col_value", lang)),
            rows=tuple(facts),
            widths=(2, 3),
        )
    )
    blocks.append(Paragraph(text=t("workshop_snapshot", lang, sha=info.problem_sha256), where="document", tone="note"))
    return ReportSection(
        key="workshop",
        title=t("sec_workshop", lang),
        message=t(
            "msg_workshop_round", lang, round=result.round, name=info.name, n=result.submissions, m=result.participants
        ),
        blocks=tuple(blocks),
        sheet=t("sheet_workshop", lang),
        parts=tuple(parts),
    )


def workshop_report(
    info: WorkshopDescription,
    problem: DecisionProblem,
    result: GroupResult,
    history: Sequence[RoundSummary] = (),
    lang: Lang = "nb",
    aggregation: str | None = None,
    name: str | None = None,
) -> Report:
    """The report of one round: the group's weight set (``aggregation``: aij/aip or mean/geomean,
    default the primary one) over every criterion of ``problem`` (the workshop's snapshot), its
    ranking with the workshop's settings, the members' judgments (AHP matrices, or a tree round's plan and
    node matrices) and the workshop section.

    Refused (InputError) for a round without submissions or an unknown aggregation; a ranking the
    data do not allow (e.g. the missing-value policy "refuse" with missing values) raises as
    :func:`mcda.ranking.rank_alternatives` does.
    """
    if not result.group_weights:
        raise InputError(Issue("workshop_no_submissions", details={"round": result.round}))
    chosen = _chosen(result.group_weights, aggregation)
    closed_at = next((r.closed_at for r in history if r.number == result.round), None)
    weights = group_weight_set(
        info,
        result,
        chosen,
        problem.criterion_ids,
        name or t("workshop_weights_name", lang, name=info.name, round=result.round),
        closed_at=closed_at,
    )
    ranking = rank_alternatives(problem, weights, result.ranking)
    return Report(
        problem=problem,
        ranking=ranking,
        weights=weights,
        judgments=_judgments(result, chosen, lang),
        tree_judgments=_tree_judgments(result, chosen, lang),
        workshop=workshop_section(result, history, info, lang, problem, chosen.aggregation),
    )


# --- helpers ----------------------------------------------------------------------------------


def _chosen(group_weights: Sequence[GroupWeights], aggregation: str | None) -> GroupWeights:
    keys = [g.aggregation for g in group_weights]
    wanted = aggregation or keys[0]
    for g in group_weights:
        if g.aggregation == wanted:
            return g
    raise InputError(
        Issue("workshop_aggregation_unknown", column="aggregation", value=str(aggregation), details={"expected": keys})
    )


def _judgments(result: GroupResult, chosen: GroupWeights, lang: Lang) -> Judgments | None:
    """The submitted members' pairwise matrices, labelled as the workshop shows them (AHP only)."""
    submitted = [m for m in result.members if m.submitted and m.judgments is not None]
    if result.mode != "ahp" or not submitted or chosen.aggregation not in ("aij", "aip"):
        return None
    return Judgments(
        matrices=tuple(
            PairwiseMatrix(labels=result.criteria, values=tuple(tuple(row) for row in m.judgments))
            for m in submitted
            if m.judgments is not None  # (all of them: narrows the type)
        ),
        members=tuple(m.label.get(lang) for m in submitted),
        aggregation=chosen.aggregation,
    )


def _tree_judgments(result: GroupResult, chosen: GroupWeights, lang: Lang) -> TreeJudgments | None:
    """A tree round's plan and the submitted members' node matrices, labelled as the workshop shows them."""
    submitted = [m for m in result.members if m.submitted and isinstance(m.judgments, dict)]
    if result.mode != "tree" or result.tree is None or not submitted or chosen.aggregation not in ("aij", "aip"):
        return None
    plan = result.tree.plan
    return TreeJudgments.of_round(
        result.tree.tree,
        plan.chosen,
        plan.fixed,
        plan.fixed_from,
        [(m.label.get(lang), m.judgments) for m in submitted if isinstance(m.judgments, dict)],
        chosen.aggregation,
    )


def _status(status: str, revealed: bool) -> str:
    return "revealed" if revealed else status


def _submitted(result: GroupResult) -> list[MemberDetail]:
    return [m for m in result.members if m.submitted and m.weights is not None]


def _weights_part(
    result: GroupResult, chosen: GroupWeights, info: WorkshopDescription, names: dict[str, str], lang: Lang
) -> ReportSection:
    weights = chosen.weights
    top = max(result.criteria, key=lambda c: weights.get(c, 0.0))
    members = _submitted(result)
    labels = [m.label.get(lang) for m in members]
    series = {g.label.get(lang): g.weights for g in result.group_weights}
    where: Where = "all" if len(members) <= MEMBER_COLUMNS_IN_DOCUMENTS else "sheet"
    return ReportSection(
        key="workshop_weights",
        title=t("part_group_weights", lang),
        message=t("msg_group_top", lang, criterion=names[top], w=format_percent(weights[top], lang)),
        blocks=(
            Paragraph(text=t(f"group_weights_{result.mode}", lang)),
            Figure(
                key="group_weights",
                caption=t("group_weights_caption", lang),
                chart=lambda lg: charts.group_weights_chart(
                    {g.label.get(lg): g.weights for g in result.group_weights}, info.criteria, lg
                ),
            ),
            Table(
                key="group_weights",
                caption=t("group_weights_table", lang),
                columns=(t("col_criterion", lang), *series),
                rows=tuple((names[c], *(w[c] for w in series.values())) for c in result.criteria),
                formats=column_formats("text", "percent", len(series)),
                widths=(3,) + (2,) * len(series),
            ),
            Figure(
                key="member_weights",
                caption=t("ws_member_weights_caption", lang),
                chart=lambda lg: charts.member_weights_chart(result, info.criteria, lg),
                where="document",
            ),
            Table(
                key="member_weights",
                caption=t("ws_member_weights_table", lang),
                columns=(t("col_criterion", lang), *labels, t("col_group", lang)),
                rows=tuple(
                    (names[c], *(m.weights[c] for m in members if m.weights is not None), weights[c])
                    for c in result.criteria
                ),
                formats=column_formats("text", "percent", len(members) + 1),
                where=where,
            ),
        ),
    )


def _consensus_part(result: GroupResult, info: WorkshopDescription, names: dict[str, str], lang: Lang) -> ReportSection:
    consensus = result.consensus
    if consensus is None:
        message = t("msg_consensus_too_few", lang)
    else:
        message = t(f"msg_consensus_{consensus.band.en}", lang, s=format_percent(consensus.s_star, lang, 0))
    ahp = result.mode in ("ahp", "tree")
    rows: list[tuple[Any, ...]] = []
    if consensus is not None:
        rows += [
            (t("q_s_star", lang), Number(value=consensus.s_star, format="percent")),
            (t("q_band", lang), consensus.band.get(lang)),
        ]
    if ahp:
        rows.append(
            (
                t("q_group_cr", lang),
                Number(value=result.group_cr, format="score") if result.group_cr is not None else None,
            )
        )
    rows += [
        (
            t("q_kendalls_w", lang),
            Number(value=result.kendalls_w, format="coefficient") if result.kendalls_w is not None else None,
        ),
        (t("q_submissions", lang), Number(value=result.submissions, format="int")),
    ]
    columns = [t("col_participant", lang), t("col_submitted", lang)]
    formats: list[ColumnFormat] = ["text", "text"]
    if ahp:
        columns += ["CR", t("col_consistent", lang, threshold=format_number(CONSISTENCY_THRESHOLD, lang, 2))]
        formats += ["score", "text"]
    columns += [t("col_rw", lang), t("col_distance", lang)]
    formats += ["coefficient", "percent"]
    member_rows = []
    for m in result.members:
        row: list[Any] = [m.label.get(lang), t("yes" if m.submitted else "no", lang)]
        if ahp:
            row += [m.cr, None if m.consistent is None else t("yes" if m.consistent else "no", lang)]
        row += [m.rw, m.weight_distance]
        member_rows.append(tuple(row))
    blocks: list[Any] = [
        Paragraph(
            text=t({"ahp": "s_explained", "tree": "s_explained_tree"}.get(result.mode, "s_explained_direct"), lang)
        ),
        Table(
            key="workshop_consensus",
            caption=t("ws_consensus_table", lang),
            columns=(t("col_quantity", lang), t("col_value", lang)),
            rows=tuple(rows),
            widths=(3, 2),
        ),
        Paragraph(text=t("agreement_explained", lang)),
    ]
    if any(m.rw is not None for m in result.members):
        blocks.append(
            Figure(
                key="member_agreement",
                caption=t("ws_agreement_caption", lang),
                chart=lambda lg: charts.member_agreement_chart(result, lg),
            )
        )
    blocks.append(
        Table(
            key="workshop_members",
            caption=t("ws_members_table", lang),
            columns=tuple(columns),
            rows=tuple(member_rows),
            formats=tuple(formats),
        )
    )
    ranks = _ranks_table(result, lang)
    if ranks is not None:
        blocks.append(ranks)
    return ReportSection(
        key="workshop_consensus", title=t("part_consensus", lang), message=message, blocks=tuple(blocks)
    )


def _tree_part(tree: TreeRoundResult, aggregation: str, problem: DecisionProblem | None, lang: Lang) -> ReportSection:
    """A tree round node by node: each chosen node's children with the group's AIJ and AIP local weights,
    the node's group CR and S*; the nodes kept and where their weights come from; the tree chart."""
    crit = {c.id: c.name for c in problem.criteria} if problem is not None else {}

    def name(node: str) -> str:
        return tree.tree.name(node, lang, crit)

    weakest = tree.node(tree.weakest) if tree.weakest is not None else None
    if weakest is not None and weakest.consensus is not None:
        message = t(
            "msg_tree_weakest", lang, node=name(weakest.node), s=format_percent(weakest.consensus.s_star, lang, 0)
        )
    else:
        message = t("msg_tree_nodes", lang, n=len(tree.nodes))
    rows = tuple(
        (
            name(n.node),
            name(child),
            n.aij[child],
            n.aip[child],
            n.group_cr if k == 0 else None,
            (n.consensus.s_star if n.consensus is not None else None) if k == 0 else None,
        )
        for n in tree.nodes
        for k, child in enumerate(n.children)
    )
    blocks: list[Any] = [
        Paragraph(text=t("tree_explained", lang)),
        Table(
            key="workshop_tree_nodes",
            caption=t("tree_nodes_table", lang),
            columns=tuple(
                t(k, lang) for k in ("col_node", "col_child", "col_local_aij", "col_local_aip", "col_group_cr")
            )
            + ("S*",),
            rows=rows,
            formats=("text", "text", "percent", "percent", "score", "percent"),
        ),
    ]
    if tree.plan.fixed:
        blocks.append(
            Table(
                key="workshop_tree_kept",
                caption=t("tree_kept_table", lang),
                columns=(t("col_node", lang), t("col_local_weights", lang), t("col_kept_from", lang)),
                rows=tuple(
                    (
                        name(node),
                        ", ".join(f"{name(c)} {format_percent(w, lang)}" for c, w in weights.items()),
                        t("tree_kept_equal", lang)
                        if tree.plan.fixed_from.get(node) is None
                        else t("tree_kept_round", lang, round=tree.plan.fixed_from[node]),
                    )
                    for node, weights in tree.plan.fixed.items()
                ),
                widths=(2, 4, 2),
            )
        )
    if problem is not None:
        shown = problem.subset(criteria=tree.tree.criteria)
        weight_set = group_tree_weight_set(tree, "aip" if aggregation == "aip" else "aij")
        blocks.append(
            Figure(
                key="workshop_tree",
                caption=t("ws_tree_caption", lang),
                chart=lambda lg: charts.tree_chart(weight_set, shown, lg),
            )
        )
    return ReportSection(key="workshop_tree", title=t("part_tree", lang), message=message, blocks=tuple(blocks))


def _ranks_table(result: GroupResult, lang: Lang) -> Table | None:
    """Position x (group, members): every place (the spreadsheet only; one column per member)."""
    group = result.group_ranking
    if group is None:
        return None
    members = [m for m in _submitted(result) if m.ranking is not None]
    member_ranks = [m.ranking.rank_of() for m in members if m.ranking is not None]
    return Table(
        key="workshop_ranks",
        caption=t("ws_ranks_table", lang),
        columns=(t("col_position", lang), t("col_group", lang), *(m.label.get(lang) for m in members)),
        rows=tuple((e.name.get(lang), e.rank, *(r.get(e.id) for r in member_ranks)) for e in group.entries),
        formats=column_formats("text", "int", len(members) + 1),
        where="sheet",
    )


def _rounds_part(rounds: Sequence[RoundSummary], lang: Lang) -> ReportSection:
    measured = [r for r in rounds if r.s_star is not None]
    if len(measured) >= 2:
        first, last = measured[0], measured[-1]
        a, b = format_percent(first.s_star, lang, 0), format_percent(last.s_star, lang, 0)
        if a == b:  # a change below half a point is still said, with a decimal
            a, b = format_percent(first.s_star, lang, 1), format_percent(last.s_star, lang, 1)
        key = "msg_rounds_same" if a == b else "msg_rounds_rose" if last.s_star > first.s_star else "msg_rounds_fell"  # type: ignore[operator]
        message = t(key, lang, a=a, b=b, r1=first.number, r2=last.number)
    elif measured:
        message = t("msg_rounds_one", lang, s=format_percent(measured[0].s_star, lang, 0), r=measured[0].number)
    else:
        message = t("msg_rounds_none", lang)
    blocks: list[Any] = [Paragraph(text=t("rounds_explained", lang))]
    if rounds:
        blocks.append(
            Figure(
                key="rounds",
                caption=t("rounds_caption", lang),
                chart=lambda lg: charts.consensus_history_chart(list(rounds), lg),
            )
        )
    blocks.append(
        Table(
            key="workshop_rounds",
            caption=t("rounds_table", lang),
            columns=(*(t(k, lang) for k in ("col_round", "col_status", "col_submissions")), "S*", t("col_band", lang)),
            rows=tuple(
                (
                    r.number,
                    t(f"status_{_status(r.status, r.revealed_at is not None)}", lang),
                    r.submissions,
                    r.s_star,
                    r.band.get(lang) if r.band else None,
                )
                for r in rounds
            ),
            formats=("int", "text", "int", "percent", "text"),
        )
    )
    return ReportSection(key="workshop_rounds", title=t("part_rounds", lang), message=message, blocks=tuple(blocks))
