"""Counts said in English, singular for one: "1 event is", "3 events are" (nouns and verbs by `inflect`).

Every caption and notice with a count says it through here, so that none reads "1 of them are dated".
"""
from __future__ import annotations



def _unchecked(target=None, **options):
    """typeguard's `typechecked` as a no-op, with or without options (`@typechecked`, `@typechecked(...)`)."""
    return target if target is not None else _unchecked


def _inflect():
    """The inflect module, imported without typeguard's instrumentation of its methods.

    inflect 7 decorates 23 methods with typeguard's `@typechecked`, which parses and compiles inflect's whole
    4,000-line module once per method at import: 3.7 s of CPU (6 s at a load of 4) in the first page of every
    server, a third of a warm first view (jaraco/inflect#212, agronholm/typeguard#468). The checks only test the
    argument types, and ours are always str and int; `python -O` drops them the same way. typeguard's decorator
    is put back as it was once inflect is imported (inflect is the only user of typeguard in our dependencies).
    """
    import typeguard

    checked = typeguard.typechecked
    typeguard.typechecked = _unchecked
    try:
        import inflect
    finally:
        typeguard.typechecked = checked
    return inflect


_ENGLISH = _inflect().engine()


def counted(n: int, noun: str) -> str:
    """`n` (thousands separated) and `noun` (singular) in the number `n` asks for: "1 event", "1,204 events"."""
    return f"{n:,} {_ENGLISH.plural_noun(noun, n)}"


def agreeing(n: int, verb: str) -> str:
    """`verb`, given in its singular present form ("is", "was", "has", "runs", "looks"), agreeing with `n`
    things: "is" for 1, "are" for 2."""
    return _ENGLISH.plural_verb(verb, n)


def plural_of(n: int, noun: str) -> str:
    """`noun` (singular) in the number `n` asks for, without the count: "row" for 1, "rows" for 2."""
    return _ENGLISH.plural_noun(noun, n)
