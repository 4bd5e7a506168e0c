"""A candidate event: the schema's fields the text could fill, the sentences it rests on, and a confidence."""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from ..schema import DISORDER_BY_EVENT_TYPE


@dataclass
class CandidateEvent:
    """One proposed event in the schema's terms (ACLED's columns; None = unknown, never 0), with `sources` as a list
    in their English form, `evidence` (the sentences it rests on, joined by " | ") and `confidence` in [0.05, 0.95]
    (a ranking for the reviewer, not a probability)."""

    event_date: dt.date
    event_type: str
    sub_event_type: str = ""
    time_precision: int = 1
    event_date_end: dt.date | None = None
    actor1: str = ""
    actor2: str = ""
    country: str = ""
    admin1: str = ""
    admin2: str = ""
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    sources: list[str] = field(default_factory=list)
    source_url: str = ""
    notes: str = ""
    fatalities: int | None = None
    injuries: int | None = None
    claimed_by: str = ""
    origin: str = ""
    evidence: str = ""
    confidence: float = 0.0
    event_id_cnty: str = ""

    @property
    def disorder_type(self) -> str:
        """ACLED's disorder type of the event type ("" for an unknown type)."""
        return DISORDER_BY_EVENT_TYPE.get(self.event_type, "")

    @property
    def source(self) -> str:
        """The schema's `source` cell: the sources joined by "; "."""
        return "; ".join(self.sources)

    def make_id(self) -> str:
        """Stable id: the same text gives the same ids, so saving twice does not duplicate events."""
        digest = hashlib.sha1(
            "|".join([self.origin, self.event_date.isoformat(), self.event_type, self.location, self.evidence])
            .encode("utf-8")
        ).hexdigest()[:8]
        return f"CM-{self.event_date.isoformat()}-{digest}"

    def to_row(self) -> dict:
        """The schema's columns plus `evidence` and `confidence`, as plain values (None = unknown)."""
        return {
            "event_id_cnty": self.event_id_cnty or self.make_id(),
            "event_date": self.event_date.isoformat(),
            "time_precision": self.time_precision,
            "disorder_type": self.disorder_type,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1,
            "assoc_actor_1": "",
            "actor2": self.actor2,
            "assoc_actor_2": "",
            "country": self.country,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "location": self.location,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "geo_precision": self.geo_precision,
            "source": self.source,
            "notes": self.notes,
            "fatalities": self.fatalities,
            "injuries": self.injuries,
            "fatalities_low": None,
            "fatalities_high": None,
            "event_date_end": self.event_date_end.isoformat() if self.event_date_end else "",
            "source_url": self.source_url,
            "claimed_by": self.claimed_by,
            "origin": self.origin,
            "original_precision": "",
            "recorded_by": "",  # a proposal: nobody has saved it yet
            "evidence": self.evidence,
            "confidence": self.confidence,
        }
