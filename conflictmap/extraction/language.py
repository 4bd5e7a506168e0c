"""Which language a text is in, among the four the extractor has rules for: French, English, Ukrainian, Russian.

Detection is py3langid's (langid.py's model of 97 languages, so that a German or Polish text is recognised as such
and refused rather than read with English rules). Measured against lingua-language-detector on short posts by
`benchmarks/bench_language.py`: py3langid was right on more of them and starts in a fraction of the time.
"""
from __future__ import annotations

import re
from functools import lru_cache

SUPPORTED = ("fr", "en", "uk", "ru")
NAMES = {"fr": "French", "en": "English", "uk": "Ukrainian", "ru": "Russian", "de": "German", "es": "Spanish",
         "it": "Italian", "pl": "Polish", "pt": "Portuguese", "nl": "Dutch", "be": "Belarusian", "bg": "Bulgarian",
         "sr": "Serbian", "ro": "Romanian", "tr": "Turkish", "ar": "Arabic", "zh": "Chinese", "ja": "Japanese"}
_SAMPLE = 20_000  # characters read: far more than the model needs, so a 1 MB text costs no more than a page
_LETTER = re.compile(r"[^\W\d_]")


class UnsupportedLanguage(ValueError):
    """The text is in a language the extractor has no rules for (or `lang` names one)."""


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _supported_list() -> str:
    return ", ".join(f"{NAMES[c]} ({c})" for c in SUPPORTED)


def detect_language(text: str) -> str:
    """The ISO 639-1 code of `text`'s language, one of SUPPORTED. A text without letters gives "en" (it has no
    events to find in any language).

    Raises UnsupportedLanguage when the text reads as another language.
    """
    sample = text[:_SAMPLE]
    if not _LETTER.search(sample):
        return "en"
    code, _ = _identifier().classify(sample)
    if code not in SUPPORTED:
        raise UnsupportedLanguage(
            f"the text reads as {NAMES.get(code, code)} ({code}); the extractor has rules for {_supported_list()} "
            "only. If the guess is wrong, choose the language.")
    return code


def check_language(lang: str | None) -> str | None:
    """`lang` lower-cased, or None when not given ("" or None: detect it).

    Raises UnsupportedLanguage for a language the rules do not cover, rather than extracting nonsense from it.
    """
    if lang is None or lang == "":
        return None
    lang = lang.lower()
    if lang not in SUPPORTED:
        raise UnsupportedLanguage(f"language {lang!r} is not supported (use one of: {', '.join(SUPPORTED)})")
    return lang
