"""Scoring the geocoder against a labelled set of phrasings (tests/data/geocode_labelled.csv).

A row is right when the answer lies within its tolerance of the true place (15 km for towns, 150 km for
regions), or when nothing is answered for a row labelled `none`. An answer that is given and not right is
wrong; a not-found for a place is a miss, which costs accuracy but is not wrong.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from .resolver import distance_km


@dataclass(frozen=True)
class Label:
    """One labelled query: what is expected (place, region or none) and, for a place, where (degrees) and how near (km)."""
    query: str
    country: str
    admin1: str
    expect: str  # "place", "region" or "none"
    lat: float | None
    lon: float | None
    tolerance_km: float | None
    line: int
    note: str = ""


@dataclass
class Score:
    """Counts over a labelled set: right, wrong (answered too far or when none was expected), missed, answered."""
    total: int = 0
    right: int = 0
    wrong: int = 0
    answered: int = 0
    missed: int = 0
    abroad: int = 0  # answers in another country than the label's hint (must never happen)
    failures: list[tuple[Label, object, str]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0

    @property
    def wrong_share(self) -> float:
        """Wrong answers among the answers given (not-found is not an answer)."""
        return self.wrong / self.answered if self.answered else 0.0


def read_labels(path: Path) -> list[Label]:
    """Labels of a CSV (query, country, admin1, expect, geonameid, name, lat, lon, tolerance_km, note); line = file line."""
    labels = []
    with open(path, encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            placed = row["expect"] != "none"
            labels.append(Label(
                row["query"], row["country"], row["admin1"], row["expect"],
                float(row["lat"]) if placed else None, float(row["lon"]) if placed else None,
                float(row["tolerance_km"]) if placed else None, line, row.get("note", ""),
            ))
    return labels


def judge(label: Label, result) -> str:
    """'right', 'wrong' or 'missed' for one answer."""
    if label.expect == "none":
        return "wrong" if result.found else "right"
    if not result.found:
        return "missed"
    off = distance_km(label.lat, label.lon, result.lat, result.lon)
    return "right" if off <= label.tolerance_km else "wrong"


def score(labels: list[Label], lookup) -> Score:
    """Run `lookup(query, country, admin1)` on every label and count."""
    tally = Score()
    for label in labels:
        result = lookup(label.query, label.country or None, label.admin1 or None)
        verdict = judge(label, result)
        tally.total += 1
        tally.answered += bool(result.found)
        tally.abroad += bool(result.found and label.country and result.country != label.country)
        if verdict == "right":
            tally.right += 1
        else:
            tally.wrong += verdict == "wrong"
            tally.missed += verdict == "missed"
            tally.failures.append((label, result, verdict))
    return tally
