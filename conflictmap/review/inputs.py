"""Checks of what the reviewer gives the Add page: the text (pasted or uploaded), the source URL, the origin label."""
from __future__ import annotations

import datetime as dt

from ..csvio import EventsFileError, decode
from ..schema import bad_urls

MAX_TEXT_BYTES = 1_000_000


class InputRejected(ValueError):
    """Input the page refuses. `value` is the offending user text, to be shown as plain text beside the message."""

    def __init__(self, message: str, value: str = ""):
        super().__init__(message)
        self.message = message
        self.value = value


def check_text(text: str, limit: int = MAX_TEXT_BYTES) -> str:
    """The text to extract from. Raises InputRejected when it is empty or larger than `limit` bytes of UTF-8."""
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > limit:
        raise InputRejected(f"The text is {size:,} bytes; the limit is {limit:,} bytes. "
                            "Split it into several texts of one report each.")
    if not text.strip():
        raise InputRejected("Paste a news text or upload a .txt file first.")
    return text


def decode_upload(data: bytes, limit: int = MAX_TEXT_BYTES) -> tuple[str, str]:
    """(text, encoding) of an uploaded .txt file, decoded by the project's one policy (`csvio.decode`); the page
    names a non-UTF-8 encoding so that a wrong guess is seen rather than silently saved.

    Raises InputRejected when the file is over `limit` bytes, empty, or holds bytes that are not text (naming
    their lines).
    """
    if len(data) > limit:
        raise InputRejected(f"The file is {len(data):,} bytes; the limit is {limit:,} bytes. "
                            "Split it into several texts of one report each.")
    try:
        decoded = decode(data)
    except EventsFileError as exc:
        raise InputRejected(f"The file is not readable text: {exc}.") from None
    if decoded.bad_lines or "\x00" in decoded.text:
        where = decoded.describe_bad_lines() or "it holds NUL bytes"
        raise InputRejected(f"The file is not readable text: {where}. Save it as UTF-8 and upload it again.")
    return check_text(decoded.text, limit), decoded.encoding


def check_source_url(url: str) -> str:
    """The source URL field: blank, or one or more http(s) links separated by spaces. Raises InputRejected
    naming the first address that is not an http:// or https:// link."""
    url = url.strip()
    rejected = bad_urls(url)
    if rejected:
        raise InputRejected("The source URL must be an http:// or https:// link (several may be separated by "
                            "spaces). Not accepted:", rejected[0][:200])
    return url


UNNAMED_SOURCE = "pasted text"  # what the extractor calls a text whose source nobody named


def origin_label(source_name: str, source_url: str, published: dt.date, filename: str = "") -> str:
    """What the saved events came from: the source named by the user, and the file the text was read from (else
    "pasted text"), e.g. "Kyiv Independent https://... (file report.txt)" or "pasted text, 2024-11-05"."""
    named = " ".join(part for part in (source_name.strip(), source_url.strip()) if part)
    document = f"file {filename}" if filename else UNNAMED_SOURCE
    if named:
        return f"{named} ({document})" if filename else named
    return f"{document}, {published.isoformat()}"


def attributed(source: str, origin: str) -> str:
    """A candidate's source: the one the text names, else the document itself (`origin`)."""
    source = "" if source is None or source != source else str(source).strip()
    return origin if source in ("", UNNAMED_SOURCE) else source


def check_published(published: dt.date | None, today: dt.date | None = None) -> dt.date:
    """The publication date of the text, which dates every relative date in it: required, never in the future.

    Raises InputRejected when missing or after `today` (default: the local date).
    """
    if published is None:
        raise InputRejected("Give the text's publication date first: relative dates in it (yesterday, on Monday) "
                            "count from that day, so a wrong one would date every event wrongly.")
    if published > (today or dt.date.today()):
        raise InputRejected(f"The publication date {published.isoformat()} is in the future.")
    return published


MAX_NAME_CHARS = 200


def check_recorder(name: str) -> str:
    """Who saves (the analyst's name, or the signed-in user): recorded with each saved event in `recorded_by`.

    Raises InputRejected when blank, over MAX_NAME_CHARS characters, or holding a ";" (the list separator).
    """
    name = " ".join(str(name or "").split())
    if not name:
        raise InputRejected("Give your name before saving: it is recorded with each event you save or merge.")
    if len(name) > MAX_NAME_CHARS or ";" in name:
        raise InputRejected(f"A name is at most {MAX_NAME_CHARS} characters, without ';'. Not accepted:", name[:200])
    return name
