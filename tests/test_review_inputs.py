"""review.inputs: what the Add page accepts as text, source URL and origin."""
from __future__ import annotations

import datetime as dt

import pytest

from conflictmap import review
from tests.review_support import PUBLISHED


def test_text_over_the_limit_or_blank_is_refused():
    assert review.check_text("x" * 10, limit=10) == "x" * 10
    with pytest.raises(review.InputRejected, match="11 bytes; the limit is 10 bytes"):
        review.check_text("x" * 11, limit=10)
    with pytest.raises(review.InputRejected, match="limit"):
        review.check_text("é" * 6, limit=10)  # the limit is in bytes of UTF-8, not characters
    with pytest.raises(review.InputRejected, match="Paste"):
        review.check_text("  \n ")


def test_only_http_links_are_accepted_as_source_url():
    assert review.check_source_url(" https://example.org/a http://example.org/b ") == (
        "https://example.org/a http://example.org/b")
    assert review.check_source_url("") == ""
    for bad in ("javascript:alert(1)", "example.org/a", "https://example.org/a ftp://example.org/b"):
        with pytest.raises(review.InputRejected) as caught:
            review.check_source_url(bad)
        assert caught.value.value == bad.split()[-1] or caught.value.value == bad


def test_uploads_are_read_as_utf8_or_with_the_encoding_named():
    assert review.decode_upload("Frappe à Kharkiv.".encode("utf-8")) == ("Frappe à Kharkiv.", "utf-8")
    text = "Удар по Харкову вночі: постраждали четверо людей, повідомив губернатор. " * 3
    decoded, encoding = review.decode_upload(text.encode("cp1251"))
    assert decoded == text and encoding != "utf-8"
    with pytest.raises(review.InputRejected, match="limit"):
        review.decode_upload(b"x" * 11, limit=10)


def test_origin_names_the_source_and_the_uploaded_file():
    assert review.origin_label("Test Wire", "https://example.org/a", PUBLISHED) == "Test Wire https://example.org/a"
    assert review.origin_label("", "", PUBLISHED) == "pasted text, 2024-11-05"
    assert review.origin_label("", "", PUBLISHED, "report.txt") == "file report.txt, 2024-11-05"
    assert review.origin_label("Test Wire", "", PUBLISHED, "report.txt") == "Test Wire (file report.txt)", (
        "issue 10.4: an uploaded file's events named no file when a source was given")


def test_a_candidate_without_a_named_source_is_attributed_to_its_document():
    assert review.attributed("Regional governor", "Test Wire") == "Regional governor"
    assert review.attributed(" ", "file r.txt, 2024-11-05") == "file r.txt, 2024-11-05"
    assert review.attributed(review.UNNAMED_SOURCE, "Test Wire") == "Test Wire"
    assert review.attributed(float("nan"), "Test Wire") == "Test Wire"


def test_the_publication_date_is_required_and_not_in_the_future():
    today = dt.date(2024, 11, 5)
    assert review.check_published(dt.date(2024, 11, 4), today) == dt.date(2024, 11, 4)
    with pytest.raises(review.InputRejected, match="Give the text's publication date first"):
        review.check_published(None, today)
    with pytest.raises(review.InputRejected, match="2024-11-06 is in the future"):
        review.check_published(dt.date(2024, 11, 6), today)


@pytest.mark.parametrize("name, kept", [("  Olena   K. ", "Olena K."), ("Ann", "Ann")])
def test_the_name_of_who_saves_is_kept_tidy(name, kept):
    assert review.check_recorder(name) == kept


@pytest.mark.parametrize("name, message", [("", "Give your name"), ("a; b", "without ';'"),
                                           ("x" * 201, "at most 200 characters")])
def test_a_missing_or_unusable_name_is_refused(name, message):
    with pytest.raises(review.InputRejected, match=message):
        review.check_recorder(name)
