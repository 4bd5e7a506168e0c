"""phrases.py: a place phrase split into the name asked for and its context."""
from __future__ import annotations

from conflictmap.geocoding.normalize import name_key
from conflictmap.geocoding.phrases import parse_phrase


def test_phrase_parts():
    phrase = parse_phrase("district de Shevchenkivskyi à Kharkiv")
    assert [s.district for s in phrase.segments] == [True, False]
    phrase = parse_phrase("dans la province russe de Koursk")
    assert phrase.countries == ["RU"] and phrase.segments[0].region and phrase.segments[0].key == name_key("Kursk")
    assert parse_phrase("l'oblast d'Odessa").segments[0].key == name_key("Odessa")
