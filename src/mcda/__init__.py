"""MCDA engine for the Prosess21 expert group on processed critical raw materials.

The engine knows nothing of Streamlit: pages and the CLI call these modules.
"""

__version__ = "0.1.0"
