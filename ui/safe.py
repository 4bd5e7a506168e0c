"""Untrusted text inside Streamlit's markdown-rendering elements (st.warning, st.caption, ...)."""
from __future__ import annotations

import re
import string

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")


def md(text: object) -> str:
    """Backslash-escape every ASCII punctuation mark, which CommonMark then shows literally: no links, no
    emphasis, no HTML, no LaTeX, whatever the text holds."""
    return _PUNCTUATION.sub(r"\\\1", str(text)).replace("\n", " ")
