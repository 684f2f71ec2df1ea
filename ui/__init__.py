"""Small UI helper package for the Streamlit pages: language, session state, shared widgets.

Only this package, ``app.py`` and ``app_pages/`` import Streamlit.
"""
