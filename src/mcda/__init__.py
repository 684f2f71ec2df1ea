"""MCDA engine for the Prosess21 expert group on processed critical raw materials.

The engine knows nothing of Streamlit: pages and the CLI call these modules.
"""

from .lazy import defer_submodules

__version__ = "0.1.0"

# pymcdm's __init__ imports its plots (matplotlib's pyplot) and its weighting methods (scipy.linalg):
# half a second of every process's start, for modules the engine never calls; they load if used
defer_submodules("pymcdm", ("visuals", "weights"))
