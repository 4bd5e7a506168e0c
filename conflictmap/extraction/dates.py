"""Dates in a sentence, resolved against the publication date with dateparser.

Each mention says whether it dates the event or only the statement about it ("a déclaré le 4 novembre",
"said on Monday", an agency's dateline "KYIV, Jan 13 (Reuters) -"): the extractor prefers the first kind and, when it
only has the second, says so through a weaker time precision. A date the text states outright wins over a relative word beside it: "overnight on 12
March" is the night of 11 to 12 March whatever the publication date, "in the night" alone is the night before
publication.

The words of each language are tables (`_LANGUAGES`); the reading of them is shared.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, replace

import dateparser


@dataclass(frozen=True)
class _Words:
    months: str  # alternation of month names, in every form the language writes them after a day number
    weekdays: tuple[str, ...]  # Monday..Sunday: alternation of each day's forms (cases included)
    ordinal: str  # what may follow a day number ("er", "th")
    night_range: str  # "nuit du {a} au {b}": {a} and {b} are replaced by day expressions
    night_to: str  # "overnight into {b}", "в ніч на {b}": the night that ends on {b}
    relative: str  # yesterday, today, last night... (the night words must be in `last_night`)
    last_night: frozenset[str]
    this_day: str  # "during the day": the day of publication, which dateparser does not read
    past_day: str  # "over the past day": the 24 hours before the statement
    same_day: str
    overnight: str  # a night with no date: the night before publication
    reporting: str  # a date right after these words dates the statement, not the event
    saying: str  # the verbs of saying, which `_speaker_patterns` read with the speaker between verb and date
    month_first: bool = False  # "March 7" as well as "7 March"
    same_night: str = r"(?!x)x"  # "the same night": the night the text named before


_LANGUAGES: dict[str, _Words] = {
    "fr": _Words(
        months="janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|"
               "decembre",
        weekdays=("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
        ordinal=r"(?:er)?",
        night_range=r"\bnuit (?:du|de) {a} (?:au|à) {b}",
        night_to=r"(?!x)x",
        relative=r"avant-hier|hier|aujourd'hui|ce matin|cette nuit|la nuit dernière",
        this_day=r"(?:pendant|dans|au cours de) la journée(?! d[eu'])",
        last_night=frozenset({"cette nuit", "la nuit dernière"}),
        past_day=r"(?:au cours|lors) des (?:dernières )?24 (?:dernières )?heures|en 24 heures|au cours de la dernière journée",
        same_day=r"le même jour|ce même jour|le jour même",
        same_night=r"(?:dans |pendant |au cours de )?(?:la|cette) même nuit|cette nuit-là",
        overnight=r"dans la nuit|pendant la nuit|au cours de la nuit",
        reporting=r"\b(?:a|ont|avait|avaient)?\s*(?:déclaré|indiqué|annoncé|rapporté|affirmé|précisé|écrit|dit|souligné|"
                  r"accusé|averti|confirmé|signalé|publié|accordée|ajouté|expliqué)e?s?,?\s*(?:le|ce|dans la journée du)?\s*$"
                  r"|\bs'est dit\s+\w+,?\s*(?:le)?\s*$|\binterview\b.*$",
        saying=r"(?:a|ont|avait|avaient)\s+(?:déclaré|indiqué|annoncé|rapporté|affirmé|précisé|écrit|dit|souligné|"
               r"confirmé|signalé|ajouté|expliqué)e?s?|(?:déclare|indique|annonce|affirme|précise|écrit|souligne|"
               r"confirme|signale|ajoute|explique)n?t?",
    ),
    "en": _Words(
        months="january|february|march|april|may|june|july|august|september|october|november|december|"
               "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec",
        weekdays=("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        ordinal=r"(?:st|nd|rd|th)?",
        night_range=r"\bnight (?:of|from) {a}(?: to | and |-| into ){b}",
        # "on the night of 27 November": the night that ends on the 27th, as "в ніч на 27 листопада" is
        night_to=r"\b(?:(?:overnight|in the night|during the night) (?:on|into|to)(?: the)?|"
                 r"(?:on|in|during|overnight on) the night of(?: the)?) {b}",
        relative=r"yesterday|today|this morning|last night|tonight",
        this_day=r"(?:during|in) the day(?! on| of| before)",
        last_night=frozenset({"last night", "tonight"}),
        past_day=r"(?:over|in|during) the (?:past|last) (?:day|24 hours)",
        same_day=r"the same day|that day|later that day",
        same_night=r"(?:on |during |over )?(?:the|that) same night|that night",
        overnight=r"overnight|during the night|in the night",
        reporting=r"\b(?:said|says|reported|announced|stated|wrote|claimed|told \w+(?: \w+)?|confirmed|added|accused|"
                  r"warned|posted|published)\s*,?\s*(?:on|late on|early on)?\s*$|\binterview\b.*$",
        saying=r"said|says|reported|announced|stated|wrote|claimed|told|confirmed|added|warned|posted",
        month_first=True,
    ),
    "uk": _Words(
        months="січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня",
        # the accusative ("у понеділок") and the genitive ("з неділі на понеділок") of each day
        weekdays=("понеділ(?:ок|ка)", "вівтор(?:ок|ка)", "серед[уи]", "четвер(?:га)?", "п'ятниц[юі]", "субот[уи]",
                  "неділ[юі]"),
        ordinal=r"(?:-го)?",
        night_range=r"\b(?:в|у) ніч з {a} на {b}",
        night_to=r"\b(?:(?:в|у) ніч (?:на|проти)|вночі|уночі) {b}",  # "уночі 27 листопада": the night that ends then
        relative=r"позавчора|вчора|учора|сьогодні",
        last_night=frozenset(),
        this_day=r"протягом дня|упродовж дня|за день",
        past_day=r"(?:за|протягом|упродовж) (?:минулої |минулу |останньої |останню )?(?:доби|добу)|минулої доби|"
                 r"за (?:останні |минулі )?24 години",
        same_day=r"того ж дня|того самого дня|цього ж дня",
        same_night=r"(?:за |у |в )?ту (?:ж|саму) ніч|тієї (?:ж|самої) ночі|тієї ночі",
        overnight=r"вночі|уночі|цієї ночі|минулої ночі|сьогодні вночі|у ніч|в ніч|нічн\w* атак\w*|протягом ночі|"
                  r"за ніч",
        reporting=r"(?:повідоми\w*|заяви\w*|написа\w*|зазначи\w*|розповів\w*|розповіла|додав\w*|додала|"
                  r"поінформува\w*|інформу\w*|сказа\w*|оголоси\w*)\s*,?\s*(?:у|в)?\s*$",
        saying=r"повідоми\w*|заяви\w*|написа\w*|зазначи\w*|розповів\w*|розповіла|додав\w*|додала|"
               r"поінформува\w*|інформу\w*|сказа\w*|оголоси\w*",
    ),
    "ru": _Words(
        months="января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|"
               "янв|фев|мар|апр|июн|июл|авг|сен|сент|окт|ноя|дек",
        weekdays=("понедельни(?:к|ка)", "вторни(?:к|ка)", "сред[уы]", "четверг(?:а)?", "пятниц[уы]", "суббот[уы]",
                  "воскресень[ея]"),
        ordinal=r"(?:-го)?",
        night_range=r"\bв ночь с {a} на {b}",
        night_to=r"\b(?:в ночь (?:на|против)|ночью) {b}",
        relative=r"позавчера|вчера|сегодня",
        last_night=frozenset(),
        this_day=r"в течение дня|за день",
        past_day=r"за (?:прошедшие |минувшие |последние )?сутки|в течение (?:прошедших |минувших )?суток|"
                 r"за (?:последние |прошедшие )?24 часа",
        same_day=r"в тот же день|тем же днем|тем же днём",
        same_night=r"(?:за |в )?ту (?:же|самую) ночь|той же ночью|в ту ночь|той ночью",
        overnight=r"ночью|этой ночью|минувшей ночью|прошлой ночью|сегодня ночью|в ночное время|в течение ночи|"
                  r"за ночь",
        reporting=r"(?:сообщи\w*|заяви\w*|написа\w*|отмети\w*|рассказа\w*|добави\w*|уточни\w*|"
                  r"проинформирова\w*|информиру\w*|сказа\w*|объяви\w*)\s*,?\s*(?:в)?\s*$",
        saying=r"сообщи\w*|заяви\w*|написа\w*|отмети\w*|рассказа\w*|добави\w*|уточни\w*|"
               r"проинформирова\w*|информиру\w*|сказа\w*|объяви\w*",
    ),
}


@dataclass(frozen=True)
class DateMention:
    """A date expression of a sentence: `date` (and `end_date` for a night spanning two days), its character span
    [`start`, `end`), `precision` (1 = day, 2 = week, 3 = month: the schema's time_precision), `reported` when it
    dates a statement rather than the event, `anaphoric` for "the same day" (it refers to the date before)."""

    date: dt.date
    start: int
    end: int
    precision: int
    reported: bool
    end_date: dt.date | None = None
    anaphoric: bool = False
    kind: str = "day"  # which pattern found it: "night_range", "night_to", "past_day", "day", "relative", ...


def _compile(words: _Words) -> list[tuple[str, re.Pattern]]:
    date = rf"\d{{1,2}}{words.ordinal} (?:of )?(?:{words.months})\.?(?:,? \d{{4}})?"
    if words.month_first:
        date += rf"|(?:{words.months})\.? \d{{1,2}}{words.ordinal}(?:,? \d{{4}})?"
    weekday = "|".join(words.weekdays)
    first = rf"(?P<a>{date}|{weekday}|\d{{1,2}}{words.ordinal})"  # "du 26 au 27 juillet": the month comes once
    last = rf"(?P<b>{date}|{weekday})"
    return [
        ("night_range", re.compile(words.night_range.format(a=first, b=last), re.I)),
        ("night_to", re.compile(words.night_to.format(b=last), re.I)),
        ("past_day", re.compile(rf"\b(?P<word>{words.past_day})\b", re.I)),
        ("day", re.compile(rf"\b(?P<day>{date})\b", re.I)),
        ("relative", re.compile(rf"\b(?P<word>{words.relative})\b", re.I)),
        ("weekday", re.compile(rf"\b(?P<word>{weekday})\b", re.I)),
        ("same_day", re.compile(rf"\b(?P<word>{words.same_day})\b", re.I)),
        ("same_night", re.compile(rf"\b(?P<word>{words.same_night})\b", re.I)),
        ("this_day", re.compile(rf"\b(?P<word>{words.this_day})\b", re.I)),
        ("overnight", re.compile(rf"\b(?P<word>{words.overnight})\b", re.I)),
    ]


_PATTERNS = {lang: _compile(words) for lang, words in _LANGUAGES.items()}
# "KYIV, Jan 13 (Reuters) -", "КУРСК, 15 января. /ТАСС/.", "БЕЛГОРОД, 29 янв — РИА Новости.": an agency's dateline,
# whose date is the report's
_DATELINE = re.compile(r"^\s*[A-ZÀ-ÝА-ЯЁІЇЄҐ][A-ZÀ-ÝА-ЯЁІЇЄҐ'’ -]+(?:\s*\([^()]{2,30}\))?"  # "ODESSA (Ukraine), 7 mai (AFP) -"
                       r"(?:,\s*[A-ZÀ-ÝА-ЯЁІЇЄҐ][\w'’ -]*)?,\s*"
                       r"(?P<date>[^.()/—–-]{3,25}?)\.?\s*(?:\(|/|—|–|-)")
_REPORTING = {lang: re.compile(words.reporting, re.I) for lang, words in _LANGUAGES.items()}
# what a speaker's phrase never holds: a clause's punctuation, or the conjunction that opens what is said
_SPEAKER_GAP = r"[^,;:.!?«»\"“”()\n]{1,80}?"
_CONJUNCTION = re.compile(r"(?<!\w)(?:що|щоб|як|коли|після|что|чтобы|как|когда|после|that|how|when|after|where|que|qu'|"
                          r"quand|après|où)(?!\w)", re.I)


def _speaker_patterns(words: _Words) -> tuple[re.Pattern, re.Pattern]:
    """(before, after) a date: the verb of saying with the speaker between it and the date, the verb after a comma,
    a quote or a dash (", заявило Минобороны России 15 марта", ", said regional governor X on 12 March"); and a
    date opening the clause whose speaker says what follows ("On 12 March, the governor said that ...",
    "14 березня голова ОВА повідомив, що ...")."""
    before = re.compile(rf"(?:^|[,\"»”—–]|\b(?:про це|об этом|як|как|comme|as))\s*(?:{words.saying})(?!\w)"
                        rf"(?P<gap>{_SPEAKER_GAP})\s*$", re.I)
    after = re.compile(rf"^\s*(?:року|года|г\.)?\s*,?(?P<gap>{_SPEAKER_GAP})(?<!\w)(?:{words.saying})(?!\w)"
                       rf"\s*(?:,\s*)?(?:що|что|that|que|qu'|:)", re.I)
    return before, after


_SPEAKER = {lang: _speaker_patterns(words) for lang, words in _LANGUAGES.items()}


def _dates_statement(text: str, start: int, end: int, lang: str, dateline) -> bool:
    """Whether the date at [`start`, `end`) of `text` dates a statement rather than the event: right after a verb of
    saying ("said on 12 March"), in an agency's dateline, or in the clause that says who speaks, with the speaker
    between the verb and the date ("..., повідомив голова ОВА Олег Синєгубов 14 березня 2025 року") or the date
    opening the clause of a speaker saying what follows."""
    if dateline and start < dateline.end():
        return True
    if _REPORTING[lang].search(text[max(0, start - 60):start]):
        return True
    before, after = _SPEAKER[lang]
    for match in (before.search(text[max(0, start - 120):start]), after.match(text[end:end + 120])):
        if match and not _CONJUNCTION.search(match.group("gap")):
            return True
    return False


_FOR_THE_DAY = re.compile(r"(?:\bза|\bfor)\s*$", re.I)


@functools.lru_cache(maxsize=4096)
def _parse(expression: str, lang: str, published: dt.date) -> dt.date | None:
    """The day an expression names, read by dateparser; cached, since a long text repeats its dates."""
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


def _weekday_index(expression: str, lang: str) -> int | None:
    word = expression.lower()
    return next((i for i, forms in enumerate(_LANGUAGES[lang].weekdays)
                 if re.fullmatch(forms, word, re.I)), None)


def _weekday(expression: str, lang: str, published: dt.date) -> dt.date | None:
    """The latest such weekday on or before publication: a Monday report's "on Monday" is that very day."""
    target = _weekday_index(expression, lang)
    if target is None:
        return None
    return published - dt.timedelta(days=(published.weekday() - target) % 7)


def _day(expression: str, lang: str, published: dt.date) -> dt.date | None:
    """A weekday or a dated day."""
    if _weekday_index(expression, lang) is not None:
        return _weekday(expression, lang, published)
    return _parse(expression, lang, published)


def dateline_end(text: str) -> int:
    """Where an agency's dateline ("KYIV, Jan 13 (Reuters) -") that opens `text` ends; 0 when there is none. Its
    place and date are the report's, not the event's."""
    match = _DATELINE.match(text)
    return match.end() if match else 0


def _statement_day(text: str, lang: str, published: dt.date, dateline) -> dt.date | None:
    """The day a sentence says its statement was made ("said on Tuesday", an agency's dateline), if it says."""
    for kind, pattern in _PATTERNS[lang]:
        if kind not in ("day", "weekday"):
            continue
        for match in pattern.finditer(text):
            if _dates_statement(text, match.start(), match.end(), lang, dateline):
                return _day(match.group("day" if kind == "day" else "word"), lang, published)
    return None


def find_dates(text: str, lang: str, published: dt.date) -> list[DateMention]:
    """Every date expression in `text` (a sentence in `lang`), in order; overlapping matches go to the earlier kind
    (an explicit night range before a bare date, a bare date before a relative word). Relative words count from
    `published`, or from the day of the statement when the sentence dates it ("said on Tuesday that overnight...").

    Raises KeyError for a language without date rules.
    """
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    dateline = _DATELINE.match(text)
    # "a affirmé mardi que ... pendant la nuit", "KYIV, Jan 13 (Reuters) - ... overnight": relative words count from
    # the day of the statement when the sentence gives it
    published = _statement_day(text, lang, published, dateline) or published
    for kind, pattern in _PATTERNS[lang]:
        for match in pattern.finditer(text):
            if any(match.start() < e and s < match.end() for s, e in taken):
                continue
            reported = _dates_statement(text, match.start(), match.end(), lang, dateline)
            mention = None
            if kind in ("night_range", "night_to"):
                last = _day(match.group("b"), lang, published)
                if last:
                    mention = DateMention(last - dt.timedelta(days=1), match.start(), match.end(), 1, reported, last)
            elif kind == "day":
                day = _parse(match.group("day"), lang, published)
                if day:
                    mention = DateMention(day, match.start(), match.end(), 1, reported)
                    if _FOR_THE_DAY.search(text[max(0, match.start() - 8):match.start()]):
                        # "Сводка Министерства обороны за 16 мая": the day a summary covers
                        mention = replace(mention, kind="day_for")
            elif kind == "relative":
                expression = match.group("word")
                if expression.lower() in _LANGUAGES[lang].last_night:
                    mention = DateMention(published - dt.timedelta(days=1), match.start(), match.end(), 1,
                                          reported, published)
                else:
                    day = _parse(expression, lang, published)
                    if day:
                        mention = DateMention(day, match.start(), match.end(), 1, reported)
            elif kind == "weekday":
                day = _weekday(match.group("word"), lang, published)
                if day:
                    mention = DateMention(day, match.start(), match.end(), 1, reported)
            elif kind == "this_day":
                # "au cours de la journée": the day the text is about, else the day of publication
                mention = DateMention(published, match.start(), match.end(), 1, reported, anaphoric=True)
            elif kind == "same_day":
                mention = DateMention(published, match.start(), match.end(), 1, reported, anaphoric=True)
            elif kind == "same_night":
                # the night named before (`extract_events` puts it in), else the night before publication
                mention = DateMention(published - dt.timedelta(days=1), match.start(), match.end(), 1, reported,
                                      published, anaphoric=True)
            elif kind in ("overnight", "past_day"):
                mention = DateMention(published - dt.timedelta(days=1), match.start(), match.end(), 1,
                                      reported, published)
            if mention:
                mention = mention if mention.kind == "day_for" else replace(mention, kind=kind)
                found.append(mention)
                taken.append((match.start(), match.end()))
    found.sort(key=lambda m: m.start)
    kept: list[DateMention] = []
    for mention in found:
        before = kept[-1] if kept else None
        between = text[before.end:mention.start] if before else ""
        if before is not None and before.reported and not mention.reported and re.fullmatch(r"\s*,?\s*", between):
            # "said on Monday, 17 May": the day apposed to the statement's weekday dates the statement too
            mention = replace(mention, reported=True)
        if before is not None and before.kind == "this_day" and mention.kind == "day" and re.fullmatch(r"\s*", between):
            kept.pop()  # "Протягом дня 17 травня": the day stated outright, not the day of publication
        kept.append(mention)
    return kept
