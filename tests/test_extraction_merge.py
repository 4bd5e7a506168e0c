"""`conflictmap.extraction.merge`: which sentences are one incident, and what the merged incident keeps.

Unit tests build mentions by hand (places are PlaceResults as the geocoder returns them); the last tests run whole
texts through the extractor with the real geocoder, for the kinds of detail a merge used to lose.
"""
from __future__ import annotations

import datetime as dt

from conflictmap.extraction import extract_events
from conflictmap.extraction.dates import DateMention
from conflictmap.extraction.event_types import EventKind
from conflictmap.extraction.figures import Figures
from conflictmap.extraction.merge import FIGURES_ONLY, Mention, merge_mentions
from conflictmap.extraction.places import PlaceMention
from conflictmap.extraction.sentences import Sentence
from conflictmap.geocoding import PlaceResult

DRONE = EventKind("Explosions/Remote violence", "Air/drone strike", "hit")
STRIKE = EventKind("Explosions/Remote violence", "", "strike")
MISSILE = EventKind("Explosions/Remote violence", "Shelling/artillery/missile attack", "hit")
KHERSON_OBLAST = PlaceResult("Kherson region", True, "Kherson Oblast", 46.6, 32.6, "UA", "Ukraine", "Kherson", 3,
                             geonameid=706442)
BILOZERKA = PlaceResult("Bilozerka", True, "Bilozerka", 46.6, 32.4, "UA", "Ukraine", "Kherson", 1, geonameid=1)
BERYSLAV = PlaceResult("Beryslav", True, "Beryslav", 46.8, 33.4, "UA", "Ukraine", "Kherson", 1, geonameid=2)
ODESA = PlaceResult("Odesa", True, "Odesa", 46.5, 30.7, "UA", "Ukraine", "Odessa", 1, geonameid=3)


def _mention(index: int, paragraph: int, kind: EventKind = DRONE, place: PlaceResult | None = None,
             role: str = "event", **fields) -> Mention:
    sentence = Sentence(f"sentence {index}", index, paragraph)
    at = PlaceMention(place.query, 0, 1, place, role) if place else None
    return Mention(sentence=sentence, kind=kind, place=at, **fields)


def _day(day: int, end: int | None = None) -> DateMention:
    return DateMention(dt.date(2031, 7, day), 0, 1, 1, False, dt.date(2031, 7, end) if end else None)


def test_figures_of_a_sentence_without_place_join_the_incident_just_described():
    strike = _mention(0, 0, place=ODESA)
    figures = _mention(1, 1, kind=FIGURES_ONLY, figures=Figures(injuries=2))
    [incident] = merge_mentions([strike, figures])
    assert [m.figures.injuries for m in incident.mentions] == [None, 2]
    assert incident.mentions[1].kind == DRONE  # it takes the incident's kind, so nothing else reads it as a type


def test_figures_two_paragraphs_later_or_after_a_claim_are_not_attached():
    far = merge_mentions([_mention(0, 0, place=ODESA), _mention(1, 2, kind=FIGURES_ONLY, figures=Figures(1))])
    assert [len(i.mentions) for i in far] == [1]
    claim = _mention(0, 0, kind=EventKind("Battles", "", "claim"), place=ODESA, claimed_by="Russian Ministry of Defence")
    after_claim = merge_mentions([claim, _mention(1, 0, kind=FIGURES_ONLY, figures=Figures(5))])
    assert [len(i.mentions) for i in after_claim] == [1]  # a ministry's figures are never a death toll


def test_a_regions_totals_give_way_to_the_incidents_they_add_up():
    totals = _mention(0, 0, kind=STRIKE, place=KHERSON_OBLAST, role="region", summary=True,
                      figures=Figures(3, 9))
    village = _mention(1, 1, place=BILOZERKA, figures=Figures(1))
    town = _mention(2, 2, kind=MISSILE, place=BERYSLAV, figures=Figures(1, 1))
    incidents = merge_mentions([totals, village, town])
    assert [[m.place.result.name for m in i.mentions] for i in incidents] == [["Bilozerka"], ["Beryslav"]]
    # alone, the totals are the only account of what happened in the region
    [alone] = merge_mentions([totals])
    assert alone.first.summary and alone.first.figures == Figures(3, 9)


def test_dates_agree_when_their_spans_overlap():
    past_day = _mention(0, 0, place=ODESA, event_date=_day(3, 4))  # "over the past 24 hours"
    same_day = _mention(1, 0, place=ODESA, event_date=_day(4))
    other_day = _mention(2, 0, place=ODESA, event_date=_day(6))
    incidents = merge_mentions([past_day, same_day, other_day])
    assert [len(i.mentions) for i in incidents] == [2, 1]


def test_a_headline_joins_only_what_the_body_reports():
    headline = Mention(sentence=Sentence("headline", 0, 0, headline=True), kind=DRONE,
                       place=PlaceMention("Beryslav", 0, 1, BERYSLAV, "event"))
    body = _mention(1, 1, place=ODESA)
    incidents = merge_mentions([headline, body])
    assert [[m.sentence.index for m in i.mentions] for i in incidents] == [[1]]


def test_a_district_named_in_one_sentence_and_figures_in_the_next_stay_with_the_citys_incident():
    texts = [
        ("fr", "Une frappe de missile russe a visé Kharkiv lundi, a annoncé le gouverneur.\n"
               "Le missile a touché un immeuble du district de Chevtchenkivsky à Kharkiv, a indiqué le maire. "
               "Trois personnes ont été tuées et cinq blessées.\n"),
        ("en", "A Russian missile hit Kharkiv on Monday, the governor said. The missile struck an apartment block in "
               "the Shevchenkivskyi district, the mayor said. Three people were killed and five were injured.\n"),
    ]
    for lang, text in texts:
        [event] = extract_events(text, dt.date(2031, 7, 15), lang=lang)
        assert (event.location, event.admin2, event.geo_precision) == ("Kharkiv", "Shevchenkivskyi", 2), lang
        assert (event.fatalities, event.injuries) == (3, 5), lang
        assert event.event_date == dt.date(2031, 7, 14)


def test_a_district_the_citys_table_lacks_is_not_given_to_the_city():
    text = ("A Russian drone hit Odesa on Monday. It struck a shop in the Shevchenkivskyi district, injuring two "
            "people, the governor said.")
    [event] = extract_events(text, dt.date(2031, 7, 15), lang="en")
    assert (event.location, event.admin2, event.geo_precision, event.injuries) == ("Odesa", "", 1, 2)
