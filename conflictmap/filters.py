"""Which events a view shows: one filter description shared by every page, the URL and the exports."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

SEARCH_COLUMNS = ["notes", "location", "admin1", "admin2", "actor1", "actor2", "assoc_actor_1", "assoc_actor_2",
                  "source", "claimed_by"]


@dataclass(frozen=True)
class EventFilter:
    """What the user asked to see. None or empty fields do not filter, except `event_types`: None means every
    type, an empty tuple means none (the user unticked them all)."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    event_types: tuple[str, ...] | None = None
    sub_event_types: tuple[str, ...] = ()
    text: str = ""
    precise_only: bool = False
    near: tuple[float, float] | None = None  # (lat, lon) of the place the distance is measured from
    within_km: float | None = None
    event_ids: tuple[str, ...] = field(default=())


def date_bounds(events: pd.DataFrame) -> tuple[dt.date, dt.date] | None:
    dates = events["event_date"].dropna()
    if dates.empty:
        return None
    return dates.min().date(), dates.max().date()


def search_mask(events: pd.DataFrame, text: str) -> np.ndarray:
    """Case-insensitive match of every word of `text` in any searchable column (plain text, not a regex)."""
    words = [w for w in text.casefold().split() if w]
    mask = np.ones(len(events), dtype=bool)
    if not words:
        return mask
    columns = [events[c].fillna("").astype(str) for c in SEARCH_COLUMNS]
    haystack = columns[0].str.cat(columns[1:], sep=" ").str.casefold()
    for word in words:
        mask &= haystack.str.contains(word, regex=False).to_numpy()
    return mask


def _rough_km(events: pd.DataFrame, lat: float, lon: float) -> np.ndarray:
    lat1, lon1 = np.radians(lat), np.radians(lon)
    lat2 = np.radians(events["latitude"].to_numpy(dtype=float))
    lon2 = np.radians(events["longitude"].to_numpy(dtype=float))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def near_mask(events: pd.DataFrame, lat: float, lon: float, km: float) -> np.ndarray:
    """Events within `km` of (lat, lon) by geopy's geodesic distance.

    The spherical estimate differs from the geodesic by under 0.6 %, so only events inside 1.01 x km of it
    are measured with geopy (which computes one pair at a time).
    """
    from geopy.distance import geodesic

    rough = _rough_km(events, lat, lon)
    mask = np.zeros(len(events), dtype=bool)
    lats = events["latitude"].to_numpy(dtype=float)
    lons = events["longitude"].to_numpy(dtype=float)
    for i in np.flatnonzero(rough <= km * 1.01):
        mask[i] = geodesic((lat, lon), (lats[i], lons[i])).km <= km
    return mask


def filter_mask(events: pd.DataFrame, spec: EventFilter) -> np.ndarray:
    """Boolean mask of the events `spec` selects, in the frame's row order."""
    mask = np.ones(len(events), dtype=bool)
    dates = events["event_date"]
    if spec.date_from is not None:
        mask &= (dates >= pd.Timestamp(spec.date_from)).to_numpy()
    if spec.date_to is not None:
        mask &= (dates <= pd.Timestamp(spec.date_to)).to_numpy()
    if spec.event_types is not None:
        mask &= events["event_type"].isin(spec.event_types).to_numpy()
    if spec.sub_event_types:
        mask &= events["sub_event_type"].isin(spec.sub_event_types).to_numpy()
    if spec.precise_only:
        mask &= (events["geo_precision"] == 1).fillna(False).to_numpy(dtype=bool)
    if spec.event_ids:
        mask &= events["event_id_cnty"].isin(spec.event_ids).to_numpy()
    if spec.near is not None and spec.within_km is not None:
        candidates = np.flatnonzero(mask)
        sub = events.iloc[candidates]
        mask[candidates] = near_mask(sub, spec.near[0], spec.near[1], spec.within_km)
    if spec.text.strip():
        candidates = np.flatnonzero(mask)
        mask[candidates] = search_mask(events.iloc[candidates], spec.text)
    return mask


def linked_event(events: pd.DataFrame, event_id: str | None) -> int | None:
    """Row position of the event a shared link names, if it is in this dataset."""
    if not event_id:
        return None
    hits = np.flatnonzero((events["event_id_cnty"] == event_id).to_numpy())
    return int(hits[0]) if hits.size else None


def known_total(values: pd.Series) -> str:
    """A headline total that does not turn unknown into zero: 'unknown' when no row has a figure."""
    known = values.dropna()
    return f"{int(known.sum()):,}" if len(known) else "unknown"


def summary(events: pd.DataFrame, mask: np.ndarray) -> dict[str, int | str]:
    """Headline figures of the selected rows, reading only the columns they need (no copy of the selection).

    Unknown fatalities or injuries are not zero, so the totals say 'unknown' when no row has a figure, and the
    counts of rows with a known figure come along.
    """
    fatalities = events["fatalities"][mask]
    injuries = events["injuries"][mask]
    return {
        "events": int(mask.sum()),
        "fatalities": known_total(fatalities),
        "fatalities_known": int(fatalities.notna().sum()),
        "injuries": known_total(injuries),
        "injuries_known": int(injuries.notna().sum()),
        "unplaced": int((events["latitude"].isna().to_numpy() & mask).sum()),
    }
