"""Counts said in English, singular for one: "1 event is", "3 events are" (nouns and verbs by `inflect`).

Every caption and notice with a count says it through here, so that none reads "1 of them are dated".
"""
from __future__ import annotations

import inflect

_ENGLISH = inflect.engine()


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
