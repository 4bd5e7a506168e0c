"""One event per incident: sentences about the same incident are merged into one candidate.

Two mentions are the same incident when they share place, event type and claimant and their dates agree (a
mention without a date of its own agrees with any). When several incidents qualify, the one whose sentences
share the most words with the new one wins. A mention without a place joins the last incident of its
paragraph, if the type agrees; otherwise it is not an event that can be put on a map and is left out. A sentence
that only gives casualty figures adds them to the incident described just before it (same or next paragraph).
A region's totals ("attacks on the Kherson region killed three") stay apart from the incidents in the region, and
are left out when the text reports such incidents.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from geopy import distance
from unidecode import unidecode

from .dates import DateMention
from .event_types import EventKind
from .figures import Figures
from .places import PlaceMention
from .sentences import Sentence

_WORD = re.compile(r"[a-z]{4,}")
# How far from its centre town a raion's villages may be: Ukraine's raions since 2020 span up to about 100 km
RAION_KM = 60
_RAION_WORD = re.compile(r"\s*(?:район\w*|округ\w*|raion|district|rayon)\b", re.I)

# The kind of a sentence that only gives figures ("Two people were injured."): it adds them to the incident before.
FIGURES_ONLY = EventKind("", "", "figures")


@dataclass
class Mention:
    """What one sentence (or one place's share of a sentence) says about one incident."""

    sentence: Sentence
    kind: EventKind
    place: PlaceMention | None = None
    district: str = ""
    unplaced: str = ""
    region: PlaceMention | None = None  # the oblast an unplaced name is said to be in
    # (country name, admin1) of an unplaced name's list companions, when every placed one is in that oblast
    listed_in: tuple[str, str] | None = None
    event_date: DateMention | None = None
    report_date: DateMention | None = None
    figures: Figures = field(default_factory=Figures)
    sources: list[str] = field(default_factory=list)
    claimed_by: str = ""
    losses: int | None = None
    context_date: DateMention | None = None  # the latest event date the text gave before this sentence
    context_mentions: list = field(default_factory=list)  # the mentions of the sentence that gave `context_date`
    summary: bool = False  # "Russian attacks on the Kherson region killed three": totals of several incidents
    context_weapons: frozenset = frozenset()  # sub-event types its sentence, else the one before, names
    continues: bool = False  # "Из них 18 сбиты над...": the count of the sentence before, broken down
    located_by: str = ""  # the dateline line ("Pavlohrad.") that gives the place, when the sentence names none

    @property
    def place_key(self) -> str:
        """The place's identity (see PlaceMention.key), "text:<name>" for an unplaced one, "" for none. A raion is
        placed near its town but is not the town: its key is its own ("raion:..."), so that a raion's attack and one
        in a district of the town stay two events."""
        if self.place is not None:
            return f"raion:{self.place.key}" if self.is_raion else self.place.key
        return f"text:{self.unplaced.lower()}" if self.unplaced else ""

    @property
    def area(self) -> tuple[str, str] | None:
        """(country, region) of the place, to tell that "the Kharkiv region" holds Velykyi Burluk."""
        if self.place is None:
            return None
        return (self.place.result.country, self.place.result.admin1)

    def same_place(self, other: "Mention") -> bool:
        """The same place, or a region and a place inside it."""
        if self.place_key == other.place_key:
            return True
        one_region = "region" in ((self.place.role if self.place else ""), (other.place.role if other.place else ""))
        return one_region and self.area is not None and self.area == other.area

    def in_raion_of(self, raion: "Mention") -> bool:
        """The mention names a town right after the sentence that names `raion` (a raion mention), in its oblast and
        near its centre: "атакували Білгород-Дністровський район ударними дронами. У Затоці пошкоджено склад"."""
        return (raion.is_raion and self.place is not None and self.place.result.geo_precision == 1
                and self.sentence.index == raion.sentence.index + 1 and raion.area == self.area
                and distance.distance((raion.place.result.lat, raion.place.result.lon),
                                      (self.place.result.lat, self.place.result.lon)).km <= RAION_KM)

    @property
    def is_raion(self) -> bool:
        """The mention is placed at a raion it names ("Білгород-Дністровський район", "the Shebekino district"):
        near the raion's town, at geo_precision 2."""
        return (self.place is not None and self.place.result.geo_precision == 2 and self.place.role != "district"
                and not self.district and not self.place.result.district
                and _RAION_WORD.match(self.sentence.text[self.place.end:]) is not None)


@dataclass
class Incident:
    """The mentions of one incident, in the order they joined it (a headline's first)."""

    mentions: list[Mention]

    @property
    def first(self) -> Mention:
        """The mention that opened the incident (its kind and claimant are the incident's)."""
        return self.mentions[0]

    @property
    def place_key(self) -> str:
        """The place key of the first mention that has one."""
        return next((m.place_key for m in self.mentions if m.place_key), "")

    @property
    def event_date(self) -> DateMention | None:
        """The first event date any of its mentions gives."""
        return next((m.event_date for m in self.mentions if m.event_date), None)

    @property
    def report_date(self) -> DateMention | None:
        """The first statement date any of its mentions gives."""
        return next((m.report_date for m in self.mentions if m.report_date), None)

    @property
    def paragraph(self) -> int:
        """The paragraph of its latest mention."""
        return self.mentions[-1].sentence.paragraph


def _sentence_words(mention: Mention) -> set[str]:
    return set(_WORD.findall(unidecode(mention.sentence.text).lower()))


def _same_type(a: EventKind, b: EventKind) -> bool:
    return a.event_type == b.event_type and (not a.sub_event_type or not b.sub_event_type
                                             or a.sub_event_type == b.sub_event_type)


def _other_weapon(incident: Incident, mention: Mention) -> bool:
    """The mention names a weapon that another mention of the incident contradicts."""
    weapon = mention.kind.sub_event_type
    return bool(weapon) and any(m.kind.sub_event_type not in ("", weapon) for m in incident.mentions)


def _dates_agree(incident: Incident, mention: Mention) -> bool:
    mine = mention.event_date or mention.report_date
    theirs = incident.event_date or incident.report_date
    if mine is None or theirs is None:
        return True
    # "over the past 24 hours" (the 3rd to the 4th) agrees with "the same day" (the 4th): the spans overlap
    return mine.date <= (theirs.end_date or theirs.date) and theirs.date <= (mine.end_date or mine.date)


def _joinable(incident: Incident, mention: Mention) -> bool:
    # "la première, avec un drone, ...; la seconde, un missile, ...": another weapon is another attack
    return (
        incident.first.summary == mention.summary
        and _same_type(incident.first.kind, mention.kind)
        and not _other_weapon(incident, mention)
        and incident.first.claimed_by == mention.claimed_by
        and (any(m.same_place(mention) for m in incident.mentions if m.place_key)
             or mention.in_raion_of(incident.mentions[-1]))
        and _dates_agree(incident, mention)
    )


def merge_mentions(mentions: list[Mention]) -> list[Incident]:
    """Headline mentions come last and only join incidents that the body reports."""
    incidents: list[Incident] = []
    last: Incident | None = None  # the incident the previous mention went to
    # The words of each incident's sentences, grown as mentions join: recomputing them for every mention made
    # long texts quadratic (a 1 MB text took over a minute).
    words_of: dict[int, set[str]] = {}
    body = [m for m in mentions if not m.sentence.headline]
    for mention in body + [m for m in mentions if m.sentence.headline]:
        if mention.kind == FIGURES_ONLY:
            # figures of the incident just described, in its paragraph or the next; never a claim's, and never a
            # headline's ("На Донеччині за добу поранено 5 людей" sums up the post, not its last incident)
            if last and not last.first.claimed_by and 0 <= mention.sentence.paragraph - last.paragraph <= 1:
                last.mentions.append(replace(mention, kind=last.first.kind))
            continue
        if mention.sentence.headline:
            matches = [i for i in incidents if _joinable(i, mention)]
            if matches:
                matches[0].mentions.insert(0, mention)
            continue
        if not mention.place_key:
            if (last and last.paragraph == mention.sentence.paragraph and _same_type(last.first.kind, mention.kind)
                    and last.first.claimed_by == mention.claimed_by and _dates_agree(last, mention)):
                if _other_weapon(last, mention):
                    # "the second, hours later, was a missile strike": another attack on the same place
                    placed = next(m for m in last.mentions if m.place_key)
                    last = Incident([replace(mention, place=placed.place, district=placed.district,
                                             unplaced=placed.unplaced)])
                    incidents.append(last)
                    words_of[id(last)] = _sentence_words(mention)
                    continue
                last.mentions.append(mention)
                words_of[id(last)] |= _sentence_words(mention)
            continue
        matches = [i for i in incidents if _joinable(i, mention)]
        words = _sentence_words(mention)
        if matches:
            last = max(matches, key=lambda i: (len(words & words_of[id(i)]), incidents.index(i)))
            last.mentions.append(mention)
            words_of[id(last)] |= words
        else:
            last = Incident([mention])
            incidents.append(last)
            words_of[id(last)] = set(words)
    # a region's totals are left out when the text reports the incidents they add up; alone, they are the event
    # (an unplaced village counts in the oblast or raion the text puts it in)
    areas = {m.area or (m.region and (m.region.result.country, m.region.result.admin1))
             for i in incidents if not i.first.summary for m in i.mentions[:1]}
    return [i for i in incidents if not i.first.summary or i.first.area not in areas]
