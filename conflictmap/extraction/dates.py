"""Dates in a sentence, resolved against the publication date with dateparser.

Each mention says whether it dates the event or only the statement about it ("a déclaré le 4 novembre",
"said on Monday"): the extractor prefers the first kind and, when it only has the second, says so through a
weaker time precision.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import dateparser

_FR_MONTHS = "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"
_EN_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_FR_DAYS = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
_EN_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"

_PATTERNS = {
    "fr": [
        ("night_range", re.compile(rf"\bnuit du (\d{{1,2}}) au (\d{{1,2}}(?:er)? (?:{_FR_MONTHS})(?: \d{{4}})?)", re.I)),
        ("day", re.compile(rf"\b(\d{{1,2}}(?:er)? (?:{_FR_MONTHS})(?: \d{{4}})?)\b", re.I)),
        ("relative", re.compile(r"\b(avant-hier|hier|aujourd'hui|ce matin|cette nuit|la nuit dernière)\b", re.I)),
        ("weekday", re.compile(rf"\b({_FR_DAYS})\b", re.I)),
        ("same_day", re.compile(r"\b(le même jour|ce même jour|le jour même)\b", re.I)),
        ("overnight", re.compile(r"\b(dans la nuit|pendant la nuit|au cours de la nuit)\b(?! du \d)", re.I)),
    ],
    "en": [
        ("night_range", re.compile(
            rf"\bnight of (\d{{1,2}})(?:st|nd|rd|th)?(?: to | and |-)(\d{{1,2}}(?:st|nd|rd|th)? (?:{_EN_MONTHS})(?: \d{{4}})?)",
            re.I)),
        ("day", re.compile(
            rf"\b(\d{{1,2}}(?:st|nd|rd|th)? (?:of )?(?:{_EN_MONTHS})\.?(?:,? \d{{4}})?"
            rf"|(?:{_EN_MONTHS})\.? \d{{1,2}}(?:st|nd|rd|th)?(?:,? \d{{4}})?)\b", re.I)),
        ("relative", re.compile(r"\b(yesterday|today|this morning|last night|tonight)\b", re.I)),
        ("weekday", re.compile(rf"\b({_EN_DAYS})\b", re.I)),
        ("same_day", re.compile(r"\b(the same day|that day|later that day)\b", re.I)),
        ("overnight", re.compile(r"\b(overnight|during the night|in the night)\b", re.I)),
    ],
}

# A date right after one of these dates the statement, not the event ("a déclaré le 4 novembre").
_REPORTING = {
    "fr": re.compile(
        r"\b(?:a|ont|avait|avaient)?\s*(?:déclaré|indiqué|annoncé|rapporté|affirmé|précisé|écrit|dit|souligné|"
        r"accusé|averti|confirmé|signalé|publié|accordée|ajouté|expliqué)e?s?,?\s*(?:le|ce|dans la journée du)?\s*$"
        r"|\bs'est dit\s+\w+,?\s*(?:le)?\s*$|\binterview\b.*$",
        re.I),
    "en": re.compile(
        r"\b(?:said|says|reported|announced|stated|wrote|claimed|told \w+(?: \w+)?|confirmed|added|accused|warned|"
        r"posted|published)\s*,?\s*(?:on|late on|early on)?\s*$|\binterview\b.*$",
        re.I),
}


@dataclass(frozen=True)
class DateMention:
    date: dt.date
    start: int
    end: int
    precision: int  # 1 = day, 2 = week, 3 = month (the schema's time_precision)
    reported: bool  # True when the date is that of a statement, not of the event
    end_date: dt.date | None = None  # for nights spanning two days
    anaphoric: bool = False  # "the same day": refers to the date mentioned before


def _parse(expression: str, lang: str, published: dt.date) -> dt.date | None:
    base = dt.datetime.combine(published, dt.time(12))
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first"}
    value = dateparser.parse(expression, languages=[lang], settings=settings)
    if value is None:
        return None
    day = value.date()
    if not re.search(r"\b\d{4}\b", expression) and re.search(r"\d", expression):
        # no year given: the nearest such day to publication ("le 5 novembre" in a 4 November report is this year)
        years = (published.year - 1, published.year, published.year + 1)
        options = [_same_day(day, year) for year in years]
        day = min((d for d in options if d), key=lambda d: (abs((d - published).days), d > published))
    return day


def _same_day(day: dt.date, year: int) -> dt.date | None:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return None


def _weekday(expression: str, lang: str, published: dt.date) -> dt.date | None:
    """The latest such weekday on or before publication: a Monday report's "on Monday" is that very day."""
    names = (_FR_DAYS if lang == "fr" else _EN_DAYS).split("|")
    target = names.index(expression.lower())
    return published - dt.timedelta(days=(published.weekday() - target) % 7)


def find_dates(text: str, lang: str, published: dt.date) -> list[DateMention]:
    """Every date expression in `text`, in order, with overlapping matches resolved in favour of the first kind."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS[lang]:
        for match in pattern.finditer(text):
            if any(match.start() < e and s < match.end() for s, e in taken):
                continue
            expression = match.group(1)
            reported = bool(_REPORTING[lang].search(text[max(0, match.start() - 60):match.start()]))
            mention = None
            if kind == "night_range":
                last = _parse(match.group(2), lang, published)
                if last:
                    first = last - dt.timedelta(days=1)
                    mention = DateMention(first, match.start(), match.end(), 1, reported, last)
            elif kind == "day":
                day = _parse(expression, lang, published)
                if day:
                    mention = DateMention(day, match.start(), match.end(), 1, reported)
            elif kind == "relative":
                day = _parse(expression, lang, published)
                if expression.lower() in ("cette nuit", "la nuit dernière", "last night", "tonight"):
                    mention = DateMention(published - dt.timedelta(days=1), match.start(), match.end(), 1,
                                          reported, published)
                elif day:
                    mention = DateMention(day, match.start(), match.end(), 1, reported)
            elif kind == "weekday":
                day = _weekday(expression, lang, published)
                mention = DateMention(day, match.start(), match.end(), 1, reported)
            elif kind == "same_day":
                mention = DateMention(published, match.start(), match.end(), 1, reported, anaphoric=True)
            elif kind == "overnight":
                mention = DateMention(published - dt.timedelta(days=1), match.start(), match.end(), 1,
                                      reported, published)
            if mention:
                found.append(mention)
                taken.append((match.start(), match.end()))
    found.sort(key=lambda m: m.start)
    return found
