"""review.inputs: what the Add page accepts as text, source URL and origin."""
from __future__ import annotations

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


def test_origin_names_the_source_or_the_pasted_text():
    assert review.origin_label("Test Wire", "https://example.org/a", PUBLISHED) == "Test Wire https://example.org/a"
    assert review.origin_label("", "", PUBLISHED) == "pasted text, 2024-11-05"
    assert review.origin_label("", "", PUBLISHED, "report.txt") == "uploaded file report.txt, 2024-11-05"


# --- duplicates ---------------------------------------------------------------------------------------------------
