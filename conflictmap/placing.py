"""Giving events coordinates: every unplaced row goes through the geocoder, never through a hand."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class PlacingOutcome:
    event_id: str
    query: str
    found: bool
    detail: str


def place_query(event: pd.Series) -> str:
    """What to ask the geocoder for a row: the city district with its city when both are coded."""
    location = str(event.get("location") or "").strip()
    district = str(event.get("admin2") or "").strip()
    if district and location and district.casefold() != location.casefold():
        return f"{district}, {location}"
    return location or district or str(event.get("admin1") or "").strip()


def place_events(events: pd.DataFrame, geocoder, overwrite: bool = False) -> tuple[pd.DataFrame, list[PlacingOutcome]]:
    """Fill latitude, longitude and geo_precision of rows without coordinates (all rows with `overwrite`).

    Rows the geocoder cannot place, or can place only ambiguously, keep blank coordinates and are reported.
    """
    placed = events.copy()
    outcomes = []
    todo = placed.index if overwrite else placed.index[placed["latitude"].isna()]
    for idx in todo:
        event = placed.loc[idx]
        query = place_query(event)
        if not query:
            outcomes.append(PlacingOutcome(event["event_id_cnty"], "", False, "no place name in the row"))
            continue
        result = geocoder.lookup(query, country=event["country"] or None, admin1=event["admin1"] or None)
        if not result.found:
            names = ", ".join(f"{c['name']} ({c.get('admin1') or c.get('country')})" for c in result.candidates[:5])
            detail = f"ambiguous: {names}" if names else "not found"
            placed.loc[idx, ["latitude", "longitude"]] = float("nan")
            placed.loc[idx, "geo_precision"] = pd.NA
            outcomes.append(PlacingOutcome(event["event_id_cnty"], query, False, detail))
            continue
        placed.loc[idx, "latitude"] = round(float(result.lat), 5)
        placed.loc[idx, "longitude"] = round(float(result.lon), 5)
        placed.loc[idx, "geo_precision"] = int(result.geo_precision)
        outcomes.append(PlacingOutcome(
            event["event_id_cnty"], query, True,
            f"{result.name}, {result.admin1 or ''} {result.country or ''} (precision {result.geo_precision}, "
            f"{result.source})".replace(" ,", ","),
        ))
    return placed, outcomes
