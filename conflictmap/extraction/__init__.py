"""Candidate events from news text in French or English: `extract_events(text, published)`.

Rules over sentences, dateparser for dates, the project geocoder for places. Candidates are proposals for a
person to review; nothing here writes files.
"""
from .candidate import CandidateEvent
from .frame import candidates_to_frame, candidates_to_rows
from .language import detect_language
from .pipeline import extract_events

__all__ = ["CandidateEvent", "candidates_to_frame", "candidates_to_rows", "detect_language", "extract_events"]
