"""The opt-in online fallback: geopy's Nominatim client, rate-limited, with a disk cache so a name is asked once.

Only names the gazetteer does not know reach it. Every answer, including "no result", is cached in
`geodata/cache/nominatim.json` (written atomically); errors (time-outs, HTTP 429/5xx, refused connections)
are reported in the result and not cached, so the name is asked again next time. With the network off the
cache still answers (source "cache"), and no request is made.
"""
from __future__ import annotations

import json
import logging
import os
import threading
from pathlib import Path
from urllib.parse import urlsplit

from .. import __version__
from ..csvio import lock_for, write_atomic
from .normalize import name_key
from .resolver import SAME_PLACE_KM, distance_km
from .result import PlaceResult, geo_precision, not_found

# geopy's RateLimiter logs every retried error with its traceback, which the command line would print; the
# reason reaches the caller in the PlaceResult instead.
logging.getLogger("geopy").addHandler(logging.NullHandler())

DEFAULT_URL = "https://nominatim.openstreetmap.org"
DEFAULT_USER_AGENT = f"conflictmap/{__version__} (conflict events map; set CONFLICTMAP_USER_AGENT to add your contact)"
DEFAULT_COUNTRIES = ("ua", "ru", "by", "md")
SETTLEMENT_TYPES = {"city", "town", "village", "hamlet", "municipality", "isolated_dwelling", "locality"}
PART_TYPES = {"suburb", "quarter", "neighbourhood", "city_district", "borough", "county", "district"}
REGION_TYPES = {"state", "region", "province"}
KEEP_RAW = ("lat", "lon", "name", "display_name", "addresstype", "type", "class", "importance", "address")


def make_nominatim(timeout: float = 10.0):
    """geopy's client (geopy.geocoders.Nominatim) for the server in CONFLICTMAP_NOMINATIM_URL (default:
    OpenStreetMap's public one). Raises ValueError for a URL that is not http(s)."""
    from geopy.geocoders import Nominatim

    url = urlsplit(os.environ.get("CONFLICTMAP_NOMINATIM_URL", DEFAULT_URL))
    if url.scheme not in ("http", "https") or not url.netloc:
        raise ValueError(f"CONFLICTMAP_NOMINATIM_URL must be an http(s) URL, not {url.geturl()!r}")
    return Nominatim(
        user_agent=os.environ.get("CONFLICTMAP_USER_AGENT", DEFAULT_USER_AGENT),
        domain=url.netloc + url.path.rstrip("/"),
        scheme=url.scheme,
        timeout=timeout,
    )


class CachedNominatim:
    """Nominatim behind a disk cache and geopy's RateLimiter.

    `min_delay_seconds` between requests, `max_retries` after an error, `error_wait_seconds` before a retry;
    `factory()` builds the geopy client (default: make_nominatim). `clock()` (seconds, monotonic) and
    `sleep(seconds)` are the limiter's time, injectable so that tests need not wait (as geopy's own tests do).
    """

    def __init__(self, cache_path: Path, network: bool, factory=None, min_delay_seconds: float = 1.0,
                 max_retries: int = 1, error_wait_seconds: float = 2.0, clock=None, sleep=None):
        self.cache_path = Path(cache_path)
        self.network = network
        self._factory = factory or make_nominatim
        self._limits = (min_delay_seconds, max_retries, max(error_wait_seconds, min_delay_seconds))
        self._time = (clock, sleep)
        self._search = None
        self._lock = threading.Lock()
        self._cache: dict[str, list[dict]] | None = None
        self.requests = 0

    # ---- cache ------------------------------------------------------------------------------------------------
    def _read_cache(self) -> dict[str, list[dict]]:
        try:
            data = json.loads(self.cache_path.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            return {}

    def _remember(self, key: str, results: list[dict]) -> None:
        with lock_for(self.cache_path):
            merged = self._read_cache()  # another process may have added names meanwhile
            merged[key] = results
            write_atomic(self.cache_path, json.dumps(merged, ensure_ascii=False, indent=0, sort_keys=True),
                         backup=False)
        self._cache = merged

    # ---- asking ---------------------------------------------------------------------------------------------------
    def _searcher(self):
        if self._search is None:
            from geopy.extra.rate_limiter import RateLimiter

            delay, retries, wait = self._limits
            client = self._factory()
            limiter = RateLimiter(client.geocode, min_delay_seconds=delay, max_retries=retries,
                                  error_wait_seconds=wait, swallow_exceptions=False)
            clock, sleep = self._time
            if clock is not None:
                limiter._clock = clock  # geopy's hooks for time (its tests replace them the same way)
            if sleep is not None:
                limiter._sleep = sleep
            self._search = limiter
        return self._search

    def lookup(self, query: str, country: str | None = None, admin1: str | None = None,
               offline_result: PlaceResult | None = None, admin1_matches=None) -> PlaceResult:
        country = (country or "").strip().upper()
        key = f"{name_key(query)}|{country}"
        with self._lock:
            if self._cache is None:
                self._cache = self._read_cache()
            cached = self._cache.get(key)
        if cached is not None:
            return self._to_result(query, cached, "cache", admin1, admin1_matches)
        reason = offline_result.reason if offline_result is not None else "not in the gazetteer"
        if not self.network:
            return not_found(query, reason + " (online lookup is off)")
        from geopy.exc import (
            GeocoderRateLimited,
            GeocoderServiceError,
            GeocoderTimedOut,
            GeocoderUnavailable,
            GeopyError,
        )

        codes = [country.lower()] if country else list(DEFAULT_COUNTRIES)
        try:
            with self._lock:
                self.requests += 1
                locations = self._searcher()(query, exactly_one=False, limit=5, addressdetails=True,
                                             country_codes=codes, language="en")
        except GeocoderRateLimited as exc:
            return not_found(query, f"Nominatim refused: too many requests (HTTP 429): {exc}")
        except GeocoderTimedOut as exc:
            return not_found(query, f"Nominatim timed out: {exc}")
        except GeocoderUnavailable as exc:
            return not_found(query, f"Nominatim unavailable: {exc}")
        except GeocoderServiceError as exc:
            return not_found(query, f"Nominatim error: {exc}")
        except GeopyError as exc:
            return not_found(query, f"Nominatim failed: {exc}")
        results = [{k: loc.raw.get(k) for k in KEEP_RAW if k in loc.raw} for loc in (locations or [])]
        self._remember(key, results)
        return self._to_result(query, results, "nominatim", admin1, admin1_matches)

    # ---- answers ------------------------------------------------------------------------------------------------
    def _to_result(self, query: str, results: list[dict], source: str, admin1, admin1_matches) -> PlaceResult:
        if admin1 and admin1_matches is not None:
            results = [r for r in results if admin1_matches(admin1, (r.get("address") or {}).get("state", ""))]
        if not results:
            return not_found(query, f"no answer from Nominatim ({source})")
        top = results[0]
        lat, lon = float(top["lat"]), float(top["lon"])
        rivals = [
            r for r in results[1:]
            if r.get("addresstype") in SETTLEMENT_TYPES
            and distance_km(lat, lon, float(r["lat"]), float(r["lon"])) > SAME_PLACE_KM
        ]
        if rivals and top.get("addresstype") in SETTLEMENT_TYPES:
            return not_found(query, "Nominatim knows several places of this name; give the oblast",
                             [_candidate(r) for r in results])
        kind = top.get("addresstype") or top.get("type") or ""
        # a county or district (a raion) is a part of its region, as the offline raion is (result.geo_precision)
        precision = geo_precision("region") if kind in REGION_TYPES else geo_precision("raion") if kind in PART_TYPES \
            else geo_precision("place")
        address = top.get("address") or {}
        return PlaceResult(
            query=query, found=True, name=top.get("name") or str(top.get("display_name", "")).split(",")[0],
            lat=lat, lon=lon, country=str(address.get("country_code", "")).upper(),
            country_name=address.get("country", ""), admin1=address.get("state", ""), geo_precision=precision,
            source=source, confidence=0.7,
        )


def _candidate(raw: dict) -> dict:
    address = raw.get("address") or {}
    return {"name": raw.get("name") or str(raw.get("display_name", "")).split(",")[0], "lat": float(raw["lat"]),
            "lon": float(raw["lon"]), "country": str(address.get("country_code", "")).upper(),
            "admin1": address.get("state", ""), "population": None}
