"""`extract FILE --published YYYY-MM-DD`: candidate events proposed from a news text, for a person to review."""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from . import print_error
from ..csvio import EventsFileError, decode, read_bytes
from ..extraction.language import SUPPORTED


def register(subparsers) -> None:
    """Add the `extract` command to the CLI's subparsers."""
    p = subparsers.add_parser("extract", help="propose candidate events from a news text (French, English, Ukrainian "
                                              "or Russian)")
    p.add_argument("file", help="text file (UTF-8, or a legacy encoding that is detected and named), "
                                 "or - for standard input")
    p.add_argument("--published", required=True, help="publication date of the text, YYYY-MM-DD")
    p.add_argument("--lang", choices=list(SUPPORTED), help="language of the text (detected when not given; a text in "
                                                           "another language is refused)")
    p.add_argument("--source-name", default="", help="outlet or document the text comes from")
    p.add_argument("--source-url", default="", help="http(s) link to the text")
    p.add_argument("--json", action="store_true", help="print a JSON array of candidate rows")
    p.set_defaults(func=run)


def _read(path: str) -> str:
    """The text of FILE (or of standard input for "-"), decoded by the one policy (`csvio.decode`); a text that
    is not UTF-8 is named on standard error. Raises EventsFileError naming the lines of bytes that are not text."""
    decoded = decode(sys.stdin.buffer.read() if path == "-" else read_bytes(path))
    if decoded.bad_lines:
        raise EventsFileError(decoded.describe_bad_lines())
    if decoded.encoding != "utf-8":
        print(f"{path}: not UTF-8: read as {decoded.encoding}; check the evidence reads correctly", file=sys.stderr)
    return decoded.text


def _json_value(value):
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    return value


def _print_text(rows: list[dict]) -> None:
    if not rows:
        print("no candidate events found")
        return
    for number, row in enumerate(rows, 1):
        place = row["location"] or "(not placed)"
        if row["latitude"] is not None:
            place += f" ({row['latitude']:.4f}, {row['longitude']:.4f})"
        figures = ", ".join(f"{k}={row[k]}" for k in ("fatalities", "injuries") if row[k] is not None)
        claim = f"  CLAIM by {row['claimed_by']}" if row["claimed_by"] else ""
        print(f"{number}. {row['event_date']} (time_precision {row['time_precision']})  {row['event_type']}"
              f" / {row['sub_event_type'] or '?'}  confidence {row['confidence']:.2f}{claim}")
        print(f"   place: {place}  geo_precision {row['geo_precision'] or '-'}  {row['admin1']} {row['admin2']}".rstrip())
        if row["actor1"] or row["actor2"]:
            print(f"   actors: {row['actor1'] or '?'} / {row['actor2'] or '-'}")
        if figures:
            print(f"   {figures}")
        print(f"   source: {row['source']}")
        print(f"   evidence: {row['evidence']}")


def run(args) -> int:
    """Print the candidates of `args.file`; 0 when read (even with no candidate), 2 on a bad option, a file that is
    not text, or a language without rules."""
    from ..extraction import UnsupportedLanguage, candidates_to_rows, extract_events
    from ..review import attributed, origin_label
    from ..schema import bad_urls

    try:
        published = dt.date.fromisoformat(args.published)
    except ValueError:
        print(f"--published: {args.published!r} is not a date YYYY-MM-DD", file=sys.stderr)
        return 2
    if args.source_url and bad_urls(args.source_url):
        print(f"--source-url: {args.source_url!r} is not an http(s) link", file=sys.stderr)
        return 2
    try:
        text = _read(args.file)
    except EventsFileError as exc:
        return print_error(args.file, exc)
    try:
        candidates = extract_events(text, published, lang=args.lang, source_name=args.source_name,
                                    source_url=args.source_url)
    except UnsupportedLanguage as exc:
        print(f"{args.file}: {exc}", file=sys.stderr)
        return 2
    rows = candidates_to_rows(candidates)
    origin = origin_label(args.source_name, args.source_url, published,
                          "" if args.file == "-" else Path(args.file).name)
    for row in rows:  # the document is named, as on the Add page, never "pasted text" for a file
        row["origin"], row["source"] = origin, attributed(row["source"], origin)
    if args.json:
        print(json.dumps([{k: _json_value(v) for k, v in row.items()} for row in rows], ensure_ascii=False, indent=2))
    else:
        _print_text(rows)
    return 0
