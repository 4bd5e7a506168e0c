"""Which saved events a proposed event may repeat: same type, dates close, places close (or the same name)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..filters import near_mask

DUPLICATE_DAYS = 1
DUPLICATE_KM = 5.0


def _same_incident(event, candidates: pd.DataFrame, max_km: float) -> np.ndarray:
    """Which `candidates` (same type, close dates) are at the new event's place: within `max_km` when both
    have coordinates, else under the same location name."""
    lats = candidates["latitude"].to_numpy(dtype=float)
    lons = candidates["longitude"].to_numpy(dtype=float)
    pointed = ~(np.isnan(lats) | np.isnan(lons))
    placed = not (pd.isna(event.latitude) or pd.isna(event.longitude))
    same = np.zeros(len(candidates), dtype=bool)
    if placed and pointed.any():
        same[pointed] = near_mask(candidates[pointed], event.latitude, event.longitude, max_km)
    name = "" if pd.isna(event.location) else str(event.location).strip().casefold()
    if name:
        names = candidates["location"].fillna("").astype(str).str.strip().str.casefold().to_numpy()
        same |= (~pointed if placed else True) & (names == name)
    return same


def duplicate_positions(new: pd.DataFrame, existing: pd.DataFrame, max_days: int = DUPLICATE_DAYS,
                        max_km: float = DUPLICATE_KM) -> list[np.ndarray]:
    """For each new event, the positions in `existing` of saved events that look like the same incident: same
    event type, dates at most `max_days` apart, and places at most `max_km` apart by geopy's geodesic distance
    (or, when either of the two has no coordinates, the same location name).

    The saved events are sorted by date once, so each new event only looks at its few days of them.
    """
    none = np.array([], dtype=np.int64)
    if existing.empty:
        return [none for _ in range(len(new))]
    days = pd.to_datetime(existing["event_date"]).to_numpy("datetime64[D]").astype(np.int64)
    order = np.argsort(days, kind="stable")
    days = days[order]
    out = []
    for event in new.itertuples(index=False):
        when = pd.Timestamp(event.event_date)
        if pd.isna(when):
            out.append(none)
            continue
        day = np.datetime64(when.date(), "D").astype(np.int64)
        window = np.sort(order[np.searchsorted(days, day - max_days, "left"):
                               np.searchsorted(days, day + max_days, "right")])
        nearby = existing.iloc[window]
        same_type = (nearby["event_type"] == event.event_type).to_numpy(dtype=bool)
        found = window[same_type][_same_incident(event, nearby[same_type], max_km)]
        out.append(found.astype(np.int64))
    return out


def duplicates_of(new: pd.DataFrame, existing: pd.DataFrame, max_days: int = DUPLICATE_DAYS,
                  max_km: float = DUPLICATE_KM) -> list[list[str]]:
    """The ids of the saved events each new event may repeat (see `duplicate_positions`)."""
    ids = existing["event_id_cnty"].to_numpy()
    return [[str(ids[i]) for i in found] for found in duplicate_positions(new, existing, max_days, max_km)]


def describe_duplicates(positions: np.ndarray, existing: pd.DataFrame) -> str:
    """The table cell naming the saved events a row may repeat: id, date and place of each."""
    rows = existing.iloc[positions]
    return "; ".join(f"{r.event_id_cnty} {pd.Timestamp(r.event_date).date().isoformat()} {r.location}".strip()
                     for r in rows.itertuples(index=False))
