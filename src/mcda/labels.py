"""The names of the shared concepts, in bokmål and English, for pages, charts and reports.

One wording each (terms as in the project glossary): a criterion's direction, a score's
direction, where a value comes from, the normalisations and how a group's weights are formed.
The missing-value policies are named in :data:`mcda.missing.POLICY_LABELS` and the methods in
:data:`mcda.ranking.METHODS`.
"""

from __future__ import annotations

from .errors import Lang
from .models import LocalizedText

DIRECTION: dict[str, LocalizedText] = {  # a criterion's direction
    "benefit": LocalizedText(en="benefit (higher is better)", nb="nyttekriterium (høyere er bedre)"),
    "cost": LocalizedText(en="cost (lower is better)", nb="kostnadskriterium (lavere er bedre)"),
}

SCORE_DIRECTION: dict[str, LocalizedText] = {  # which way a method's score counts
    "higher_is_better": LocalizedText(en="higher is better", nb="høyere er bedre"),
    "lower_is_better": LocalizedText(en="lower is better", nb="lavere er bedre"),
}

PROVENANCE_KIND: dict[str, LocalizedText] = {  # where a value comes from
    "published": LocalizedText(en="published figure", nb="publisert tall"),
    "expert_judgment": LocalizedText(en="expert judgment", nb="ekspertvurdering"),
    "missing": LocalizedText(en="missing value", nb="manglende verdi"),
    "unspecified": LocalizedText(en="no source given", nb="ingen kilde oppgitt"),
}

NORMALIZATION: dict[str, LocalizedText] = {
    "vector": LocalizedText(en="vector normalisation", nb="vektornormalisering"),
    "minmax": LocalizedText(en="min–max normalisation", nb="min–maks-normalisering"),
    "max": LocalizedText(en="max normalisation", nb="maksnormalisering"),
    "sum": LocalizedText(en="sum normalisation", nb="sumnormalisering"),
}
NORMALIZATION_SHORT: dict[str, LocalizedText] = {  # where space is short: "TOPSIS · vektor"
    "vector": LocalizedText(en="vector", nb="vektor"),
    "minmax": LocalizedText(en="min–max", nb="min–maks"),
    "max": LocalizedText(en="max", nb="maks"),
    "sum": LocalizedText(en="sum", nb="sum"),
}
OWN_NORMALIZATION = LocalizedText(en="the method's own", nb="metodens egen")  # for a method that scales itself

AGGREGATION: dict[str, LocalizedText] = {  # how a group's weights are formed
    "aij": LocalizedText(en="AIJ: geometric mean of the judgments", nb="AIJ: geometrisk gjennomsnitt av vurderingene"),
    "aip": LocalizedText(en="AIP: geometric mean of the priorities", nb="AIP: geometrisk gjennomsnitt av prioritetene"),
    "mean": LocalizedText(en="arithmetic mean of the weights", nb="aritmetisk gjennomsnitt av vektene"),
    "geomean": LocalizedText(en="geometric mean of the weights", nb="geometrisk gjennomsnitt av vektene"),
    "median": LocalizedText(en="median of the weights", nb="median av vektene"),
}


def capitalized(text: LocalizedText) -> LocalizedText:
    """The label to begin a sentence, a cell or a column heading: 'aritmetisk …' -> 'Aritmetisk …'."""
    return LocalizedText(en=_capital(text.en), nb=_capital(text.nb))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def direction_label(direction: str, lang: Lang) -> str:
    """'benefit' -> 'nyttekriterium (høyere er bedre)'."""
    return DIRECTION[direction].get(lang)


def score_direction_label(direction: str, lang: Lang) -> str:
    """'higher_is_better' -> 'høyere er bedre'."""
    return SCORE_DIRECTION[direction].get(lang)


def provenance_label(kind: str, lang: Lang, capital: bool = False) -> str:
    """'expert_judgment' -> 'ekspertvurdering' ('Ekspertvurdering' to begin a cell or a line)."""
    text = PROVENANCE_KIND[kind].get(lang)
    return _capital(text) if capital else text


def normalization_label(normalization: str | None, lang: Lang, short: bool = False) -> str:
    """'vector' -> 'vektornormalisering' ('vektor' if short); None (the method's own) -> 'metodens egen'."""
    if normalization is None:
        return OWN_NORMALIZATION.get(lang)
    names = NORMALIZATION_SHORT if short else NORMALIZATION
    return names[normalization].get(lang) if normalization in names else normalization


def aggregation_label(aggregation: str, lang: Lang, capital: bool = False) -> str:
    """'aij' -> 'AIJ: geometrisk gjennomsnitt av vurderingene'; an unknown one as it is."""
    text = AGGREGATION[aggregation].get(lang) if aggregation in AGGREGATION else aggregation
    return _capital(text) if capital else text
