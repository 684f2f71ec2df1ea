"""Wording in bokmål and English kept as data: YAML files of ``key: {nb: ..., en: ...}``.

A catalogue is a folder of YAML files, one per area; a key is unique across the folder's files
and has a non-empty text in both languages. ``{field}`` placeholders are filled with
:meth:`str.format`. The reports read ``mcda/export/strings``; the app reads ``ui/strings``
through :func:`load_catalogue` too. No Streamlit here.
"""

from __future__ import annotations

from collections.abc import Mapping
from difflib import get_close_matches
from functools import cache
from pathlib import Path
from types import MappingProxyType

import yaml

from .errors import Lang

LANGS: tuple[Lang, ...] = ("en", "nb")
# libyaml's parser when PyYAML has it (ten times faster on these trusted files; the same data)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class StringsError(LookupError):
    """A key or a language a catalogue does not have, or a field its text needs and did not get."""

    def __str__(self) -> str:  # KeyError-style quoting would hide the message
        return str(self.args[0])


@cache
def load_catalogue(directory: Path) -> Mapping[str, Mapping[str, str]]:
    """Every ``*.yaml`` under ``directory`` merged, checked, read once per process."""
    merged: dict[str, Mapping[str, str]] = {}
    paths = sorted(directory.glob("*.yaml"))
    if not paths:
        raise ValueError(f"no string files (*.yaml) in {directory}")
    for path in paths:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or {}
        if not isinstance(data, dict):
            raise ValueError(f"{path.name}: expected keys mapped to {{nb: ..., en: ...}}")
        for key, texts in data.items():
            if not isinstance(key, str):
                raise ValueError(f"{path.name}: key {key!r} is not text (quote it)")
            if key in merged:
                raise ValueError(f"{path.name}: string key {key!r} defined twice")
            if not isinstance(texts, dict) or set(texts) != set(LANGS):
                raise ValueError(f"{path.name}: {key!r} needs exactly the languages {', '.join(LANGS)}")
            if not all(isinstance(v, str) and v for v in texts.values()):
                raise ValueError(f"{path.name}: {key!r} has an empty or non-text value")
            merged[key] = MappingProxyType(dict(texts))
    return MappingProxyType(merged)


class Catalogue:
    """The texts of one folder, loaded on first use."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    @property
    def entries(self) -> Mapping[str, Mapping[str, str]]:
        return load_catalogue(self.directory)

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def keys(self, prefix: str = "") -> list[str]:
        return [k for k in self.entries if k.startswith(prefix)]

    def raw(self, key: str, lang: Lang) -> str:
        """The text of ``key`` in ``lang``, placeholders unfilled."""
        texts = self.entries.get(key)
        if texts is None:
            near = get_close_matches(key, self.entries, n=3)
            hint = f"; did you mean {', '.join(map(repr, near))}?" if near else ""
            raise StringsError(f"no text {key!r} in {self.directory}{hint}")
        if lang not in texts:
            raise StringsError(f"text {key!r}: no language {lang!r} (has {', '.join(texts)})")
        return texts[lang]

    def text(self, key: str, lang: Lang, **fields: object) -> str:
        """The text of ``key`` in ``lang`` with its ``{fields}`` filled in."""
        raw = self.raw(key, lang)
        try:
            return raw.format(**fields)
        except (KeyError, IndexError) as err:
            raise StringsError(f"text {key!r} needs the field {err}") from None
