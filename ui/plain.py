"""User text inside Markdown elements (st.error, st.warning, st.info, st.markdown, ...) as plain text.

Streamlit renders these elements' text as Markdown: a rejected value such as
``![p](http://host/x.png) **bold**`` would be drawn bold and its image fetched. Every piece of
user-derived text (messages quoting values, file names, display names, weight-set names)
goes through :func:`escape` first, which backslash-escapes every Markdown and Streamlit
special character so the text shows literally.
"""

from __future__ import annotations

import re

# the characters that can open Markdown inline markup (emphasis, code, links and images,
# HTML, headings, tables, strikethrough) and Streamlit's :emoji:, :color[...]: and $maths$;
# escaping ':' also stops bare URLs from becoming links. Plain punctuation such as '.', '-'
# or '/' is left alone so file names and values read as typed.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#!|~:$])")


def escape(text: object) -> str:
    """``text`` with every Markdown-special character escaped; line breaks kept as hard breaks."""
    s = _SPECIAL.sub(r"\\\1", str(text))
    return s.replace("\r\n", "\n").replace("\n", "  \n")
