"""The value tree with its weights as rows and a table, in bokmål or English, for pages, charts and exports.

Any weight set can be shown on the tree: a tree weight set carries its local weights and how
each node was weighed; for any other the local weights follow from the global ones (a node's
share of its parent's weight)."""

from __future__ import annotations

import pandas as pd

from .errors import Lang
from .models import ROOT, DecisionProblem, Frozen, WeightSet
from .tree import local_weights_of

METHOD_LABELS: dict[str, tuple[str, str]] = {  # node method -> (en, nb)
    "ahp": ("AHP pairwise comparisons", "AHP, parvise sammenligninger"),
    "direct": ("direct points", "direkte poeng"),
    "swing": ("swing weights", "swingvekter"),
    "single": ("one child: weight 1", "ett barn: vekt 1"),
    "group_aij": ("the group's pairwise comparisons (AIJ)", "gruppens parvise sammenligninger (AIJ)"),
    "group_aip": ("the group's pairwise comparisons (AIP)", "gruppens parvise sammenligninger (AIP)"),
    "kept": ("kept from an earlier round", "beholdt fra en tidligere runde"),
    "equal": ("equal weights (not weighed yet)", "like vekter (ikke vektet ennå)"),
}
COLUMNS: dict[str, tuple[str, str]] = {
    "node": ("Criterion or group", "Kriterium eller gruppe"),
    "level": ("Level", "Nivå"),
    "parent": ("Under", "Under"),
    "local": ("Local weight, % of the group", "Lokal vekt, % av gruppen"),
    "global": ("Global weight, %", "Global vekt, %"),
    "method": ("Weighed by", "Vektet med"),
}


def method_label(method: str, lang: Lang) -> str:
    en, nb = METHOD_LABELS.get(method, (method, method))
    return nb if lang == "nb" else en


def column(key: str, lang: Lang) -> str:
    en, nb = COLUMNS[key]
    return nb if lang == "nb" else en


class TreeRow(Frozen):
    """One node of the tree (root excluded) with its weights, in tree order."""

    node: str
    name: str
    depth: int
    parent: str
    parent_name: str
    is_group: bool
    top_group: str
    local: float
    global_weight: float
    method: str | None = None  # how the node's parent was weighed


def tree_rows(problem: DecisionProblem, weights: WeightSet, lang: Lang) -> list[TreeRow]:
    """Every group and criterion under ``root``, depth first, with its local and global weight."""
    tree = problem.tree.restricted(weights.weights)
    recorded = local_weights_of(weights)
    derived = tree.local_from_global(weights.weights)
    methods = {n: r.get("method") for n, r in (weights.origin.details.get("nodes") or {}).items()}
    if weights.origin.kind != "tree":
        kind = weights.origin.kind
        methods = {n: kind for n in tree.nodes}
    names = {c.id: c.name for c in problem.criteria}
    rows: list[TreeRow] = []

    def walk(node: str, top: str) -> None:
        for child in tree.children(node):
            local = recorded.get(node, derived.get(node, {})).get(child, derived[node][child])
            group_top = child if node == ROOT else top
            rows.append(
                TreeRow(
                    node=child,
                    name=tree.name(child, lang, names),
                    depth=tree.depth(child),
                    parent=node,
                    parent_name=tree.name(node, lang, names),
                    is_group=tree.is_group(child),
                    top_group=group_top,
                    local=local,
                    global_weight=sum(weights.weights[c] for c in tree.leaves(child)),
                    method=methods.get(node),
                )
            )
            walk(child, group_top)

    walk(ROOT, ROOT)
    return rows


def tree_table(problem: DecisionProblem, weights: WeightSet, lang: Lang) -> pd.DataFrame:
    """Criterion or group (indented by level), under which group, local and global weight (%), how weighed."""
    rows = tree_rows(problem, weights, lang)
    return pd.DataFrame(
        {
            column("node", lang): ["\u2003" * (r.depth - 1) + r.name for r in rows],
            column("parent", lang): [r.parent_name for r in rows],
            column("local", lang): [100 * r.local for r in rows],
            column("global", lang): [100 * r.global_weight for r in rows],
            column("method", lang): [method_label(r.method, lang) if r.method else "" for r in rows],
        }
    )
