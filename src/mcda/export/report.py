"""What an export is made of: the :class:`Report` (the engine's objects) and its sections.

A :class:`Report` holds the objects the members worked with: the Problem, the Ranking,
the WeightSet as chosen (and the judgments behind it: AHP matrices or a tree round's node
matrices), other rankings to compare with, and optional workshop and robustness results.
Every export function takes one Report and returns bytes.

Each format is rendered from the same list of :class:`ReportSection` objects
(:func:`mcda.export.content.build_sections`), so the Word report, the Markdown notes and
the slides say the same things. A section is a title, an optional one-line *message* (the
slide title, e.g. "Raffinering av kobolt rangeres først med TOPSIS") and blocks:
paragraphs, bullet lists, tables and figures (Altair charts from :mod:`mcda.charts`,
rendered to PNG offline). A section may have *parts* (subsections): a level-2 heading in
Word and Markdown, a slide each, their tables in the section's spreadsheet tab. Other parts
of the tool extend a report by passing their own sections in ``Report.sections`` (texts as
:class:`~mcda.models.LocalizedText`), or through the ``workshop``, ``robustness`` and ``gaps``
slots (:func:`mcda.export.workshop.workshop_section`, :func:`mcda.export.robustness.robustness_section`,
:func:`mcda.export.gaps.gaps_section`; a ranking with interval cells gets its gap section by itself).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field

from ..errors import Lang
from ..models import DecisionProblem, Frozen, LocalizedText, Ranking, WeightSet
from ..ranking import DEFAULT_SETTINGS, METHODS, RankingSettings, rank_alternatives
from ..scenario import Judgments, Scenario
from ..tree_judgments import TreeJudgments

Text = str | LocalizedText
Where = Literal["all", "document", "slide", "sheet"]
Target = Literal["document", "slide", "sheet"]
# score: 4 decimals; value: as given (up to 6 significant digits); percent: a share 0..1 shown as a
# percentage; points: a percentage already 0..100 (the heading says %), 1 decimal; coefficient: 3
# decimals; decimal: 2 decimals
ColumnFormat = Literal["text", "int", "score", "value", "percent", "points", "coefficient", "decimal"]


def column_formats(first: ColumnFormat, rest: ColumnFormat, count: int) -> tuple[ColumnFormat, ...]:
    """``first`` then ``rest`` ``count`` times: a label column followed by like number columns."""
    return (first,) + (rest,) * count


class Number(Frozen):
    """A number with its own display format, in a column of mixed content (e.g. quantity/value tables)."""

    value: int | float
    format: ColumnFormat


CellValue = Number | str | LocalizedText | int | float | None


class Block(Frozen):
    where: Where = Field(
        default="all",
        description="document: Word, Markdown and the spreadsheet; slide: PowerPoint only; sheet: the spreadsheet "
        "only (tables too wide for a page)",
    )


class Paragraph(Block):
    kind: Literal["paragraph"] = "paragraph"
    text: Text = Field(description="one paragraph of plain text")
    lead: Text | None = Field(default=None, description="bold words before the text, e.g. 'Metode.'")
    tone: Literal["normal", "note"] = Field(default="normal", description="note: smaller, for caveats")


class Bullets(Block):
    kind: Literal["bullets"] = "bullets"
    intro: Text | None = Field(default=None, description="line before the list")
    items: tuple[Text, ...] = Field(description="one line each")


class Table(Block):
    """A table whose numbers stay numbers (spreadsheets write them as numbers)."""

    kind: Literal["table"] = "table"
    key: str = Field(description="stable id, e.g. 'ranking'")
    caption: Text | None = Field(default=None, description="table caption")
    columns: tuple[Text, ...] = Field(description="column headings")
    rows: tuple[tuple[CellValue, ...], ...] = Field(description="cells; None is an empty cell")
    formats: tuple[ColumnFormat, ...] = Field(default=(), description="per column; default text/number as given")
    widths: tuple[float, ...] = Field(default=(), description="relative column widths (Word), default equal")
    small: bool = Field(default=False, description="small print (long appendix tables)")

    def column_format(self, j: int) -> ColumnFormat:
        return self.formats[j] if j < len(self.formats) else "text"

    def cell(self, i: int, j: int) -> tuple[CellValue, ColumnFormat]:
        """The value of row ``i``, column ``j`` and its display format."""
        value = self.rows[i][j] if j < len(self.rows[i]) else None
        if isinstance(value, Number):
            return value.value, value.format
        return value, self.column_format(j)


class Figure(Block):
    """An Altair chart built for a language (``chart(lang)``), rendered to PNG by the exports."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    kind: Literal["figure"] = "figure"
    key: str = Field(description="stable id, e.g. 'scores'")
    caption: Text = Field(description="figure caption")
    chart: Callable[[Lang], Any] = Field(description="lang -> Altair chart (from mcda.charts)")


AnyBlock = Annotated[Paragraph | Bullets | Table | Figure, Field(discriminator="kind")]


class ReportSection(Frozen):
    """One part of the report: a heading in Word and Markdown, a slide, a spreadsheet tab."""

    key: str = Field(description="stable id, e.g. 'ranking', 'robustness'")
    title: Text = Field(description="heading")
    message: Text | None = Field(default=None, description="the one message of its slide (slide title)")
    blocks: tuple[AnyBlock, ...] = Field(default=(), description="content in reading order")
    sheet: Text | None = Field(default=None, description="spreadsheet tab for its tables (None: no tab)")
    slide: bool = Field(default=True, description="whether it gets a slide")
    appendix: bool = Field(default=False, description="set in small print after the main text (Word)")
    landscape: bool = Field(default=False, description="wide tables: a landscape page in Word")
    parts: tuple[ReportSection, ...] = Field(
        default=(),
        description="subsections after the blocks: a level-2 heading (Word, Markdown) and a slide each; their "
        "tables go into this section's tab",
    )

    def blocks_for(self, target: Target) -> tuple[AnyBlock, ...]:
        """The blocks a format shows: documents get 'all' and 'document', slides 'all' and 'slide', the
        spreadsheet 'all', 'document' and 'sheet'."""
        shown = {"document": ("all", "document"), "slide": ("all", "slide"), "sheet": ("all", "document", "sheet")}
        return tuple(b for b in self.blocks if b.where in shown[target])


class Report(Frozen):
    """Everything an export shows: the engine's objects, not loose numbers."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    problem: DecisionProblem = Field(description="the full problem, before any missing-value policy")
    ranking: Ranking = Field(description="the main ranking")
    weights: WeightSet | None = Field(
        default=None, description="the weight set as chosen, over all criteria (default: the ranking's)"
    )
    judgments: Judgments | None = Field(default=None, description="AHP judgments behind the weights")
    tree_judgments: TreeJudgments | None = Field(
        default=None, description="a tree round's plan and members' node matrices behind the weights"
    )
    label: str = Field(default="", description="name of the main ranking in comparisons (default: the method)")
    comparisons: dict[str, Ranking] = Field(default_factory=dict, description="label -> another ranking")
    workshop: ReportSection | dict[str, Any] | None = Field(
        default=None,
        description="a ReportSection (mcda.export.workshop.workshop_section), or workshop facts shown as a table",
    )
    robustness: Any = Field(
        default=None,
        description="a ReportSection (mcda.export.robustness.robustness_section), or a rank-acceptability result "
        "(object or mapping with alternatives, acceptability, and optionally confidence, samples, seed)",
    )
    gaps: Any = Field(
        default=None,
        description="knowledge gaps: a GapAnalysis (mcda.gaps) or a ReportSection (mcda.export.gaps.gaps_section); "
        "None: analysed when the ranking treats missing values as intervals; False: no gap section",
    )
    outlooks: Any = Field(
        default=None,
        description="an OutlookComparison (mcda.outlooks.rank_across_outlooks): the outlook section, and rank, range "
        "and regret columns in the csv",
    )
    value_chains: Any = Field(
        default=None, description="ValueChains (mcda.value_chains): the value-chain map for the main ranking"
    )
    sections: tuple[ReportSection, ...] = Field(default=(), description="more sections, before the method notes")
    seeds: dict[str, int] = Field(default_factory=dict, description="random seeds used (recorded in the scenario)")
    title: LocalizedText | None = Field(default=None, description="document title (default from the problem)")
    created_at: dt.datetime = Field(default_factory=lambda: dt.datetime.now(dt.UTC).replace(microsecond=0))

    @property
    def chosen_weights(self) -> WeightSet:
        return self.weights or self.ranking.weights

    def method_label(self, lang: Lang = "nb") -> str:
        spec = METHODS.get(self.ranking.method)
        return spec.label.get(lang) if spec else self.ranking.method.upper()

    def main_label(self) -> str:
        return self.label or short_method_label(self.ranking.method)

    def all_seeds(self) -> dict[str, int]:
        seeds = dict(self.seeds)
        seed = _field(self.robustness, "seed") if not isinstance(self.robustness, ReportSection) else None
        if isinstance(seed, int) and "robustness" not in seeds:
            seeds["robustness"] = seed
        return seeds

    def scenario(self) -> Scenario:
        """The scenario file's content: every input of the main ranking, with its SHA-256, saved when the
        report was made (one report's files carry one time, whenever each is written)."""
        scenario = Scenario.from_ranking(
            self.problem,
            self.chosen_weights,
            self.ranking,
            judgments=self.judgments,
            seeds=self.all_seeds(),
            name=self.chosen_weights.name,
            tree_judgments=self.tree_judgments,
        )
        return scenario.model_copy(update={"created_at": self.created_at})  # not hashed

    @classmethod
    def from_scenario(cls, scenario: Scenario, **extras: Any) -> Report:
        """A report of a saved scenario (its ranking recomputed)."""
        return cls(
            problem=scenario.problem,
            ranking=scenario.rank(),
            weights=scenario.weights,
            judgments=scenario.judgments,
            tree_judgments=scenario.tree_judgments,
            seeds={**scenario.seeds, **extras.pop("seeds", {})},
            **extras,
        )


def build_report(
    problem: DecisionProblem,
    weights: WeightSet,
    settings: RankingSettings = DEFAULT_SETTINGS,
    judgments: Judgments | None = None,
    compare_methods: Iterable[str] = (),
    **extras: Any,
) -> Report:
    """Rank and wrap in a Report; ``compare_methods`` adds the same problem ranked by other methods."""
    ranking = rank_alternatives(problem, weights, settings)
    comparisons = dict(extras.pop("comparisons", {}))
    for other in compare_methods:
        if other == ranking.method:
            continue
        other_ranking = rank_alternatives(problem, weights, settings.with_method(other))
        comparisons[short_method_label(other)] = other_ranking
    return Report(
        problem=problem, ranking=ranking, weights=weights, judgments=judgments, comparisons=comparisons, **extras
    )


def short_method_label(method: str) -> str:
    """A language-neutral label: 'TOPSIS', 'PROMETHEE II', 'WSM'."""
    spec = METHODS.get(method)
    if spec is None:
        return method.upper()
    label = spec.label.en
    return label[label.index("(") + 1 : label.index(")")] if "(" in label else label


def _field(obj: Any, name: str, default: Any = None) -> Any:
    """``obj.name`` or ``obj[name]``: results from other engines are read by duck typing."""
    if obj is None:
        return default
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)
