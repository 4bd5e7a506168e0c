"""Giving events coordinates: every unplaced row goes through the geocoder, never through a hand."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .review.table import admin1_in_dataset_form


@dataclass(frozen=True)
class PlacingOutcome:
    """What placing did to one row: the query asked, whether it was placed, and the answer or the reason not."""
    event_id: str
    query: str
    found: bool
    detail: str


def place_query(event: pd.Series) -> tuple[str, str]:
    """What to ask the geocoder for a row: (the place's name, the admin2 that narrows it).

    The `location` with its `admin2` (a raion, or a city's district) as a hint; a row naming no location is
    asked for its admin2, then its admin1, alone."""
    location = str(event.get("location") or "").strip()
    admin2 = str(event.get("admin2") or "").strip()
    if location:
        return location, "" if admin2.casefold() == location.casefold() else admin2
    return admin2 or str(event.get("admin1") or "").strip(), ""


def place_events(events: pd.DataFrame, geocoder, overwrite: bool = False) -> tuple[pd.DataFrame, list[PlacingOutcome]]:
    """Fill latitude, longitude (WGS84 degrees, 5 decimals) and geo_precision of rows without coordinates (all rows
    with `overwrite`), asking `geocoder.lookup(location, country, admin1, admin2)`.

    Returns the placed copy and one outcome per row tried. Rows the geocoder cannot place, or can place only
    ambiguously, keep blank coordinates and are reported; nothing raises for a row.
    """
    placed = events.copy()
    outcomes = []
    # the region as the dataset's rows name it ("Kyiv Oblast"), not the geocoder's GeoNames form ("Kiev")
    dataset_form = getattr(geocoder, "dataset_admin1", None)

    def region(admin1: str) -> str:
        return admin1_in_dataset_form(admin1, dataset_form)

    todo = placed.index if overwrite else placed.index[placed["latitude"].isna()]
    for idx in todo:
        event = placed.loc[idx]
        query, admin2 = place_query(event)
        if not query:
            outcomes.append(PlacingOutcome(event["event_id_cnty"], "", False, "no place name in the row"))
            continue
        result = geocoder.lookup(query, country=event["country"] or None, admin1=event["admin1"] or None,
                                 admin2=admin2 or None)
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
            f"{result.name}, {region(result.admin1) or ''} {result.country or ''} (precision {result.geo_precision}, "
            f"{result.source})".replace(" ,", ","),
        ))
    return placed, outcomes
