"""Scoring candidates against labelled events: precision and recall of events and of their fields.

A candidate matches a labelled event when its evidence contains the label's `key` (one-to-one, first come, the
required events before the optional ones). Events the label marks `optional` are neither required nor counted as
false positives.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..geocoding.normalize import name_key
from .candidate import CandidateEvent

FIELDS = ("date", "place", "type", "sub_type", "figures", "claim")


@dataclass
class Score:
    """Counts of one text or group of texts, and the messages that explain what was missed or wrong."""

    predicted: int = 0  # candidates that are not matched to an optional label
    expected: int = 0  # labelled events that are not optional
    matched: int = 0
    correct: dict[str, int] = field(default_factory=lambda: {f: 0 for f in FIELDS})
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        """Add `other`'s counts and messages to this score (in place)."""
        self.predicted += other.predicted
        self.expected += other.expected
        self.matched += other.matched
        for f in FIELDS:
            self.correct[f] += other.correct[f]
        self.misses += other.misses
        self.false_positives += other.false_positives
        self.wrong += other.wrong

    def precision(self, what: str = "event") -> float:
        """Share in [0, 1] of predicted events that are right ("event") or right in the field `what` (one of
        FIELDS); 1.0 when nothing was predicted."""
        hits = self.matched if what == "event" else self.correct[what]
        return hits / self.predicted if self.predicted else 1.0

    def recall(self, what: str = "event") -> float:
        """Share in [0, 1] of labelled events found ("event") or found and right in the field `what`; 1.0 when
        nothing was labelled."""
        hits = self.matched if what == "event" else self.correct[what]
        return hits / self.expected if self.expected else 1.0


def _region_key(name: str) -> str:
    return re.sub(r"\s*(?:oblast|region|kray|krai|republic)$", "", name_key(name))


def _field_checks(candidate: CandidateEvent, label: dict) -> dict[str, bool]:
    places = {name_key(p) for p in label.get("location", [])}
    # a village's name alone may be several villages: a placed event must be in the labelled oblast (one kept by
    # name, without coordinates, is not placed wrong)
    regions = {_region_key(r) for r in label.get("admin1", [])} if candidate.latitude is not None else set()
    return {
        "date": candidate.event_date.isoformat() == label["event_date"],
        "place": name_key(candidate.location) in places
        and ("geo_precision" not in label or candidate.geo_precision == label["geo_precision"])
        and (not regions or _region_key(candidate.admin1) in regions),
        "type": candidate.event_type == label["event_type"],
        "sub_type": candidate.sub_event_type == label.get("sub_event_type", candidate.sub_event_type),
        "figures": candidate.fatalities == label.get("fatalities") and candidate.injuries == label.get("injuries"),
        "claim": candidate.claimed_by == label.get("claimed_by", ""),
    }


def score_text(candidates: list[CandidateEvent], labels: list[dict], name: str = "") -> Score:
    """The score of one text's candidates against its labelled events (dicts as in labels.json: key, event_date,
    event_type, location list, optional sub_event_type, geo_precision, admin1 list (the oblast, when its name
    alone does not tell the place: "Donetsk" or "Donetsk Oblast"), fatalities, injuries, claimed_by, optional). `name` prefixes the messages. Raises KeyError for a label without key, event_date or event_type."""
    score = Score()
    free = list(range(len(candidates)))
    # required events first: an optional one must not take the candidate that a required one matches
    for label in sorted(labels, key=lambda label: bool(label.get("optional"))):
        index = next((i for i in free if label["key"] in candidates[i].evidence), None)
        if index is None:
            if not label.get("optional"):
                score.expected += 1
                score.misses.append(f"{name}: {label['key']!r}")
            continue
        free.remove(index)
        if label.get("optional"):
            continue
        score.expected += 1
        score.predicted += 1
        score.matched += 1
        checks = _field_checks(candidates[index], label)
        for f, ok in checks.items():
            score.correct[f] += ok
            if not ok:
                score.wrong.append(f"{name}: {label['key']!r} {f}")
    for i in free:
        score.predicted += 1
        score.false_positives.append(f"{name}: {candidates[i].evidence[:80]!r}")
    return score
