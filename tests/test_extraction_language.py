"""`conflictmap.extraction.language`: which of the four languages a text is in, and the refusal of any other."""
from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys

import pytest

from conflictmap.extraction import UnsupportedLanguage, extract_events
from conflictmap.extraction.language import SUPPORTED, check_language, detect_language
from tests.conftest import ROOT

SAMPLES = ROOT / "tests" / "data" / "extraction" / "language_samples.tsv"


def _samples() -> list[dict]:
    with SAMPLES.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_short_posts_in_the_four_languages_are_told_apart():
    """60 posts of one sentence, as short as the extractor gets (Ukrainian beside Russian is the hard pair)."""
    wrong = [(row["lang"], row["text"]) for row in _samples() if row["lang"] in SUPPORTED
             and detect_language(row["text"]) != row["lang"]]
    assert wrong == []


def test_other_languages_are_refused_with_their_name():
    refused = _samples()
    refused = [row for row in refused if row["lang"] not in SUPPORTED]
    assert {row["lang"] for row in refused} >= {"de", "es", "pl", "be", "bg", "sr"}
    for row in refused:
        with pytest.raises(UnsupportedLanguage, match="has rules for French"):
            detect_language(row["text"])
    with pytest.raises(UnsupportedLanguage, match="German"):
        extract_events("Bei einem russischen Drohnenangriff auf Charkiw wurden am Montag drei Menschen verletzt.",
                       dt.date(2031, 7, 15))


def test_a_named_language_is_checked_not_detected():
    assert check_language("UK") == "uk" and check_language("") is None
    with pytest.raises(UnsupportedLanguage, match="not supported"):
        check_language("de")
    assert detect_language("12:40 — 3") == "en"  # nothing to read: no events in any language


def test_the_command_refuses_a_text_in_another_language(tmp_path):
    path = tmp_path / "de.txt"
    path.write_text("Bei einem russischen Drohnenangriff auf Charkiw wurden drei Menschen verletzt.", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "conflictmap", "extract", str(path), "--published", "2031-07-15"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "German" in done.stderr
