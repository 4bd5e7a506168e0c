"""Which language a text is in, French or English: the two languages the extractor has rules for."""
from __future__ import annotations

import re

SUPPORTED = ("fr", "en")

_WORD = re.compile(r"[a-zà-ÿ']+")
_FRENCH = frozenset(
    "le la les des du de un une et est sont dans sur avec pour par que qui au aux ont été selon "
    "a-t-il il elle ils nous pas plus ce cette ses son leur".split()
)
_ENGLISH = frozenset(
    "the of and in on at is are was were to from with by that which has have been said according "
    "it its he she they we not this these their".split()
)


def detect_language(text: str) -> str:
    """'fr' or 'en' by counting common function words; ties and empty texts fall back to English."""
    words = _WORD.findall(text.lower().replace("’", "'"))
    french = sum(w in _FRENCH for w in words)
    english = sum(w in _ENGLISH for w in words)
    return "fr" if french > english else "en"


def check_language(lang: str | None) -> str | None:
    """Reject a language the rules do not cover rather than extracting nonsense from it."""
    if lang is None or lang == "":
        return None
    lang = lang.lower()
    if lang not in SUPPORTED:
        raise ValueError(f"language {lang!r} is not supported (use one of: {', '.join(SUPPORTED)})")
    return lang
