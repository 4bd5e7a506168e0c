"""Candidate events from news text in French, English, Ukrainian or Russian: `extract_events(text, published)`.

One pipeline (sentences, event kinds, dates, figures, places, sources, claims, merge) reads per-language tables of
rules; dateparser reads dates, pymorphy3 the Ukrainian and Russian inflections, py3langid tells the language, the
project geocoder places. Candidates are proposals for a person to review; nothing here writes files.
"""
from .candidate import CandidateEvent
from .frame import candidates_to_frame, candidates_to_rows
from .language import SUPPORTED, UnsupportedLanguage, detect_language
from .pipeline import extract_events

__all__ = ["CandidateEvent", "SUPPORTED", "UnsupportedLanguage", "candidates_to_frame", "candidates_to_rows",
           "detect_language", "extract_events"]
