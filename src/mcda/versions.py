"""Library versions recorded in every result, so a figure can be traced to its software."""

from __future__ import annotations

import platform
from functools import cache
from importlib import metadata

_PACKAGES = ("prosess21-mcda", "pymcdm", "numpy", "scipy", "pandas", "pydantic")


@cache
def library_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in _PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions
