"""wording: counts said with the noun and verb one of them asks for (newcomer trial 6: "1 of them are dated")."""
from __future__ import annotations

from pathlib import Path

from conflictmap.wording import agreeing, counted, plural_of


def test_one_is_singular_and_every_other_count_plural():
    assert [counted(n, "event") for n in (0, 1, 2, 1204)] == ["0 events", "1 event", "2 events", "1,204 events"]
    assert counted(1, "possible duplicate") == "1 possible duplicate"
    assert counted(3, "saved event") == "3 saved events"
    assert [agreeing(n, "is") for n in (0, 1, 2)] == ["are", "is", "are"]
    assert [agreeing(n, verb) for n in (1, 5) for verb in ("was", "has", "runs", "looks")] == [
        "was", "has", "runs", "looks", "were", "have", "run", "look"]
    assert (plural_of(1, "row"), plural_of(2, "row")) == ("row", "rows")


def test_inflect_is_imported_without_typeguard_instrumentation_and_typeguard_is_left_as_it_was():
    """inflect's 23 @typechecked methods cost 3.7 s of CPU at import, in every server's first page (wording's
    _inflect): a fresh interpreter imports wording, and inflect's methods must be plain, typeguard unchanged."""
    import subprocess
    import sys

    probe = ("import typeguard; before = typeguard.typechecked\n"
             "import conflictmap.wording, inflect\n"
             "names = inflect.engine.plural_noun.__code__.co_names + inflect.engine.plural_verb.__code__.co_names\n"
             "print(any('typeguard' in n for n in names), typeguard.typechecked is before)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parent.parent)
    assert out.stdout.split() == ["False", "True"]
