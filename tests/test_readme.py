"""The README's promises that a test can hold: every schema column documented, the two commands present."""
from __future__ import annotations

from conflictmap.cli import build_parser
from conflictmap.schema import COLUMNS
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_schema_column_is_documented():
    missing = [c for c in COLUMNS if f"`{c}`" not in README]
    assert missing == []


def test_the_two_commands_and_ci_agree():
    assert "    bash scripts/run.sh\n" in README and "    bash scripts/test.sh\n" in README
    assert (ROOT / ".ci" / "run").read_text().rstrip().endswith("bash scripts/test.sh")


def test_every_command_is_documented():
    commands = build_parser()._subparsers._group_actions[0].choices
    assert [c for c in commands if f"`{c}" not in README] == []


def test_every_url_parameter_of_the_filter_is_documented():
    from conflictmap.filters import QUERY_KEYS

    assert [k for k in QUERY_KEYS.values() if f"`{k}`" not in README] == []


def test_the_hostile_text_figure_is_the_tests_own():
    """The README's count of script injections tried comes from the hostile-text tests; it must follow them."""
    from tests.hostile import PAYLOADS, places_tried

    places = sum(places_tried().values())
    stated = f"{len(PAYLOADS)} hostile strings in {places} places ({len(PAYLOADS) * places} injections)"
    assert stated in " ".join(README.split())
