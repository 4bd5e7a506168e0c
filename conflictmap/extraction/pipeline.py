"""Text in, candidate events out: the steps of the extractor, in order.

Sentences -> per sentence: event kind, dates, places, figures, sources, claimant -> mentions -> merged
incidents -> candidate events. Each step lives in its own module; this one only wires them.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Callable

from .actors import find_actors
from .candidate import CandidateEvent
from .claims import claim_kind, claimant, find_bodies, is_claim_figure, is_territory_claim, official_claimant
from .dates import DateMention, find_dates
from .event_types import (DEFAULT_SUB_EVENT_TYPE, EventKind, classify, is_non_event, is_summary, is_wreckage,
                          weapons_named)
from .figures import Figures, elliptic_count, find_figures
from .language import check_language, detect_language
from .merge import FIGURES_ONLY, Incident, Mention, merge_mentions
from .morphology import CYRILLIC, base_forms
from .places import (LIST_GAP, NEAR, NEAR_END, PlaceMention, UnplacedName, city_district, community_near,
                     road_ends,
                     community_raion, district_names,
                     find_places, is_community, is_country, is_raion, listed_region, locates_village, lookup_name,
                     names_a_raion, raion_centre, theatre_lookup, unplaced_location, unplaced_names)
from .sentences import Sentence, split_sentences
from .sources import CHANNELS, english_source, find_sources, officials, signature, with_person

_PLACE_RANK = {"event": 0, "region": 1, "district": 2, "other": 3, "role": 4}
_CLAUSE = re.compile(r"[,;:]|\bet\b|\band\b|\bі\b|\bта\b|\bи\b")
# "In total, twelve people were injured across the region": a total, not one incident's figures
_TOTAL = re.compile(r"\b(?:in total|au total|en tout|overall|altogether|across the (?:region|country)|"
                    r"dans toute la région|dans l'ensemble|загалом|усього|всього|всего|в целом|по області|по области)\b",
                    re.I)


# "Внаслідок атаки загинула одна людина", "В результате удара", "as a result of the attack", "à la suite de la
# frappe": the sentence is about the attack just reported, whatever other words it has (the wounded soldiers of
# "поранено двох військовослужбовців" are no battle of their own)
_AFTERMATH = re.compile(
    r"\b(?:внаслідок|в результаті|у результаті|в результате)\s+(?:ці\w+\s+|ць\w+\s+|это\w*\s+|ворож\w+\s+|"
    r"вражеск\w+\s+|російськ\w+\s+|российск\w+\s+|нічн\w+\s+|ночн\w+\s+)?"
    r"(?:атак|удар|обстріл|обстрел|влучан|попадан|прильот|прилет|прилёт|вибух|взрыв)\w*"
    r"|\bas a result of (?:the|this|that|these) (?:attacks?|strikes?|shelling|hits?|blasts?|explosions?)\b"
    r"|\b(?:in|during) (?:the|this|that) (?:attacks?|strikes?|shelling)\b(?! on| against)"
    r"|\bà la suite (?:de l'|de la |du |des )(?:attaques?|frappes?|bombardements?|explosions?)\b"
    r"|\b(?:dans|lors de) (?:l'attaque|la frappe|le bombardement)\b(?! contre| sur| de)", re.I)


def _aftermath(text: str, lang: str, lookup: Callable, sources: list[str], areas: tuple, city) -> Figures | None:
    """The figures of a sentence that reports the aftermath of the attack before it ("Внаслідок атаки загинула
    одна людина") and names no place of its own; None otherwise."""
    if not _AFTERMATH.search(text) or is_claim_figure(text) or _TOTAL.search(text):
        return None
    figures = find_figures(text, lang)
    if figures.fatalities is None and figures.injuries is None:
        return None
    places = find_places(text, lookup, masked=sources, lang=lang, context_areas=areas, context_city=city)
    if any(p.role in ("event", "region", "other", "district") for p in places) or \
            unplaced_location(text, masked=sources, lang=lang):
        return None
    return figures


def _place_name(lookup: Callable, lang: str) -> Callable[[str, bool], str | None]:
    """The geocoder's name for a place written in a source's title ("maire de Koursk" -> "Kursk")."""
    def name(text: str, region: bool) -> str | None:
        if region and lang in ("uk", "ru") and CYRILLIC.search(text):
            text += " області" if lang == "uk" else " области"  # "Харківської" agrees with its noun
        result = lookup_name(text, lookup, lang, region=region)
        return result.name if getattr(result, "found", False) and not is_country(result) else None
    return name


def _names(sources: list[str]) -> list[str]:
    """Names of people, outlets and institutions, whose words are not places, without the roles ("maire de
    Koursk"), whose place is where an official speaks for, even opening a sentence ("Губернатор Белгородской
    области сообщил")."""
    return [s for s in sources if s[:1].isupper() and english_source(s[:1].lower() + s[1:]) == s[:1].lower() + s[1:]]


def _default_lookup() -> Callable:
    from ..geocoding import get_geocoder

    return theatre_lookup(get_geocoder())


def _claim_kind(text: str, claimed_by: str) -> EventKind:
    event_type, sub_event_type = claim_kind(text, claimed_by)
    return EventKind(event_type, sub_event_type, "claim")


_STRUCK = re.compile(r"\b(?:struck|hit|attacked|shelled|bombed|targeted|frappé|attaqué|bombardé|pilonné|visé|touché|"
                     r"атакува\w*|обстріля\w*|вдари\w* по|удари\w* по|завда\w* удар\w* по|атакова\w*|обстреля\w*|"
                     r"нанес\w* удар\w* по)\s+"
                     r"(?:la ville de |the city of |the town of |le village de |the village of |місто |село |город |село )?"
                     r"(?P<name>[A-ZÀ-ÝА-ЯЁІЇЄҐ][\w'-]+(?:[ -][A-ZÀ-ÝА-ЯЁІЇЄҐ][\w'-]+)?)")


def _struck_place(text: str, lang: str, lookup: Callable) -> EventKind | None:
    """"Russian forces struck Sumy twice": a town as the object of an attack verb is an attack on it."""
    if is_non_event(text, lang):
        return None
    for match in _STRUCK.finditer(text):
        result = next((r for name in base_forms(match.group("name"), lang)
                       if getattr(r := lookup(name), "found", False)), None)
        if result is None:
            continue
        if getattr(result, "found", False) and result.name.lower() != (result.country_name or "").lower():
            return EventKind("Explosions/Remote violence", "", match.group(0).split()[0])
    return None


def _segments(text: str, places: list) -> list[str]:
    """Each place's share of a sentence naming several: from its clause to the next place's clause."""
    cuts = [0]
    for previous, place in zip(places, places[1:]):
        between = text[previous.end:place.start]
        clause = [m.start() for m in _CLAUSE.finditer(between)]
        cuts.append(previous.end + clause[-1] if clause else previous.end)
    cuts.append(len(text))
    return [text[a:b] for a, b in zip(cuts, cuts[1:])]


def _is_list(text: str, places: list) -> bool:
    """"Kharkiv, Odesa and Dnipro": the figures of such a sentence are totals and belong to none of them."""
    return all(LIST_GAP.match(text[a.end:b.start]) for a, b in zip(places, places[1:]))


def _attack_clauses(text: str, lang: str) -> list[str]:
    """"The first attack, with a drone, hit a hospital; the second was a missile strike that killed four": clauses
    naming different weapons are different attacks. Any other sentence stays whole."""
    parts = [p.strip() for p in text.split(";") if p.strip()]
    if len(parts) < 2:
        return [text]
    kinds = [classify(p, lang) for p in parts]
    weapons = [k.sub_event_type if k and k.event_type == "Explosions/Remote violence" else "" for k in kinds]
    return parts if all(weapons) and len(set(weapons)) == len(weapons) else [text]


def _sentence_mentions(sentence: Sentence, context: str, lang: str, published: dt.date, lookup: Callable,
                       last_date: dt.date | None, previous: str = "", areas: tuple = (), city=None,
                       bodies: tuple[str, ...] = (), last_night: DateMention | None = None,
                       lead: str = "") -> list[Mention]:
    """What one sentence says: `context` is the sentence a claim continues, `previous` the sentence just before
    (in its paragraph), `areas` the (country, admin1) of the places the text named before (latest first), `city`
    the town the text was last about (a PlaceResult), `bodies` the institutions the text named before (`find_bodies`'
    names, in order), `last_night` the night the text named last (for "the same night"), `lead` the sentence just
    before in any paragraph."""
    clauses = _attack_clauses(sentence.text, lang)
    if len(clauses) > 1:
        return [m for clause in clauses for m in _sentence_mentions(
            Sentence(clause, sentence.index, sentence.paragraph, sentence.headline), context, lang, published, lookup,
            last_date, previous, areas, city, bodies, last_night, lead)]
    text = sentence.text
    kind = classify(text, lang)
    continued = kind is None and _continued_shoot_down(text, previous, lang) is not None
    kind = kind or _continued_shoot_down(text, previous, lang)
    claim = ""
    sources = find_sources(text, lang)
    english = [english_source(s, _place_name(lookup, lang)) for s in sources]
    shot_down = kind is not None and kind.sub_event_type == "Disrupted weapons use"
    aftermath = _aftermath(text, lang, lookup, sources, areas, city) if previous and kind and not shot_down else None
    if aftermath is not None:
        return [Mention(sentence=sentence, kind=FIGURES_ONLY, figures=aftermath, sources=sources)]
    if (shot_down or is_claim_figure(text)) and not is_non_event(text, lang):
        named = [s for s in sources if s not in CHANNELS]
        claim = claimant(text, context if not named or any("minist" in s.lower() or s in _CAPITALS for s in named)
                         else "")
        side = _CAPITALS.get(next((s for s in named if s in _CAPITALS), ""), "") or _capital_side(text)
        if side and _side(claim) != side:
            # "Selon Moscou" after Kyiv's General Staff spoke: Moscow's claim, the Russian ministry's that the text
            # named before Kyiv answered, or, with none named, the Russian state's side's
            claim = next((body for body in reversed(bodies) if _side(body) == side), _STATE[side])
        if claim and not shot_down:
            # a strike the claim names its weapons of ("авиацией, ударными беспилотниками, ракетными войсками и
            # артиллерией нанесено поражение объектам ... аэродрома") stays remote violence, as ACLED codes it
            remote = kind is not None and kind.event_type == "Explosions/Remote violence" and bool(kind.sub_event_type)
            kind = _claim_kind(text, claim) if kind is None or kind.event_type not in ("Battles",) and not remote \
                or is_territory_claim(text) else kind
    elif kind is not None and kind.event_type == "Battles" and not is_non_event(text, lang):
        # "Генштаб ЗСУ: ... ворог атакував позиції наших захисників поблизу населених пунктів ...": fighting that one
        # side's military reports is its claim
        claim = claimant(text, context)
    if kind is None:
        kind = _struck_place(text, lang, lookup)
    if kind is None:
        figures = find_figures(text, lang)
        if figures.fatalities is None and figures.injuries is None and _THE_ATTACK.match(text) and previous:
            # "Удар был нанесён в субботу около 11:00.": the date of the attack the sentence before told of
            dated = [d for d in find_dates(text, lang, published) if not d.reported and not d.anaphoric]
            if dated:
                return [Mention(sentence=sentence, kind=FIGURES_ONLY, figures=figures, sources=sources,
                                event_date=dated[0])]
        if figures.fatalities is None and figures.injuries is None or is_claim_figure(text) or _TOTAL.search(text):
            return []
        if not any(p.role == "event" for p in find_places(text, lookup, masked=sources, lang=lang,
                                                          context_areas=areas, context_city=city)) \
                and not unplaced_location(text, masked=sources, lang=lang):
            # "Two people were injured." after the sentence about the strike: the incident's figures, and the
            # official who gives them ("..., повідомив голова Херсонської ОВА") one of its sources, and the city
            # district it names ("dans le quartier de Peressyp") the incident's
            return [Mention(sentence=sentence, kind=FIGURES_ONLY, figures=figures, sources=sources,
                            district=next(iter(district_names(text, lang)), ""))]
        # "Ще двоє людей травмовані в Бериславі": casualties at a place of their own, in a report of attacks (also
        # on the line after a post's lead: "...бив з артилерії по Нікополю ...\nУ Нікополі поранено чоловіка.")
        before = classify(previous or lead, lang) if previous or lead else None
        if before is None or before.event_type != "Explosions/Remote violence":
            return []
        kind = EventKind(before.event_type, "", "casualties")
    dates = find_dates(text, lang, published)
    dates = [replace(last_night, start=d.start, end=d.end, reported=d.reported, kind=d.kind)
             if d.kind == "same_night" and last_night else
             DateMention(last_date, d.start, d.end, d.precision, d.reported) if d.anaphoric and last_date
             and d.kind != "same_night" else d for d in dates]
    event_date = next((d for d in dates if not d.reported), None)
    report_date = next((d for d in dates if d.reported), None)
    # an official's place ("le maire de Koursk") is where a shoot-down count applies, and only there
    masked = _names(sources) if shot_down else sources
    # an official speaks of his oblast ("the governor of Russia's Belgorod region said ... Zhuravlevka"): a name
    # several places share is decided there, not in the oblasts of the sentences before
    spoken_for = tuple(dict.fromkeys((p.result.country, p.result.admin1) for s in sources
                                     for p in find_places(s, lookup, lang=lang)
                                     if p.role == "role" and p.result.geo_precision == 3))
    # "on the road between Kupiansk and Kivsharivka": one incident, the second town only says where the road runs
    road_towns = road_ends(text)
    places = [p for p in find_places(text, lookup, masked=masked, lang=lang, context_areas=spoken_for or areas,
                                     context_city=city)
              if p.role in _PLACE_RANK and p.start not in road_towns]
    others = [p for p in places if p.role == "other"]
    roll_call = not any(p.role in ("event", "region") for p in places) and len(others) > 1 and _is_list(text, others)
    if roll_call:
        # "під обстрілами перебували Херсон, Білозерка, Станіслав та Берислав": each town of the list was hit, by
        # what the sentences about each one may say
        places = [PlaceMention(p.text, p.start, p.end, p.result, "event") if p in others else p for p in places]
        kind = EventKind(kind.event_type, "" if kind.event_type == "Explosions/Remote violence" else kind.sub_event_type,
                         kind.trigger)
    if shot_down and not claim:
        claim = official_claimant(english, places)
    if not claim and kind.event_type == "Explosions/Remote violence":
        claim = _ministry_strike(text, context, places, lang, masked)
    districts = [p for p in places if p.role == "district"]
    regions = {(p.result.country, p.result.admin1) for p in places if p.role == "region"}
    # "près de la localité de Chebekino, dans la région de Belgorod": a place inside the named region is meant
    main = [p for p in places if p.role in ("event", "region")
            or (p.role == "other" and (p.result.country, p.result.admin1) in regions)]
    main = [PlaceMention(p.text, p.start, p.end, p.result, "event") if p.role == "other" else p for p in main]
    cities = {(p.result.country, p.result.admin1) for p in main if p.role == "event"}
    # "Velykyi Burluk in Kharkiv Oblast": the region only says where the village is
    main = [p for p in main if p.role == "event" or (p.result.country, p.result.admin1) not in cities]
    distinct: dict[str, PlaceMention] = {}
    for p in main:
        distinct.setdefault(p.key, p)  # "la ville de Beryslav ... faisant un mort à Beryslav": where it is first named
    figures = find_figures(text, lang)
    summary = (kind.event_type == "Explosions/Remote violence" and bool(distinct)
               and all(p.role == "region" for p in distinct.values()) and is_summary(text, lang))
    base = dict(sentence=sentence, kind=kind, event_date=event_date, report_date=report_date, sources=sources,
                claimed_by=claim, losses=figures.losses if claim else None, summary=summary, continues=continued)
    # "у районах Шевченка, Новопавлівки та Котлиного": names the gazetteer lacks beside placed ones are incidents too
    unplaced = [] if summary else [u for u in unplaced_names(text, places, lang, masked) if u.start not in road_towns]
    # "Kivcharivka, près de Koupiansk", "the village of Petropavlivka, north of Kupiansk", "под Угледаром": the town
    # after a word of nearness locates the place named before it (placed or not); it is no incident of its own
    # and so does a hromada after a village ("the village of Myropillia in the Krasnopillia hromada")
    # (a place named before the town is the incident's, whatever its role: "le port de Pivdenne, près d'Odessa")
    named_before = [p for p in places if p.role == "other" and p.key not in distinct]
    landmarks = {spot.start: p for spot in [*distinct.values(), *unplaced, *named_before] for p in distinct.values()
                 if spot.end < p.start and (_NEAR_GAP.match(text[spot.end:p.start]) or (
                     _IN_AREA_GAP.match(text[spot.end:p.start]) and is_community(text, p)))}
    # "north of Kupiansk, near the village of Kolisnykivka": a town after a word of nearness locates the village
    # named after it too
    landmarks.update({spot.start: p for spot in [*distinct.values(), *unplaced] for p in places
                      if p.role in ("event", "other") and p.end < spot.start
                      and locates_village(text, p.start, p.end, spot.start)})
    distinct = [p for p in distinct.values() if p not in landmarks.values()] + [
        PlaceMention(p.text, p.start, p.end, p.result, "event") for p in named_before if p.start in landmarks]
    for p in [p for p in distinct if p.start in landmarks]:
        near = landmarks[p.start].result
        if (p.result.country, p.result.admin1) != (near.country, near.admin1):
            # "le village de Chevtchenko, près de Pokrovsk": a namesake in another oblast is another village; the one
            # meant is sought in the landmark's oblast, else kept by name near the landmark
            inside = lookup_name(p.text, lookup, lang, country=near.country, admin1=near.admin1)
            distinct.remove(p)
            if getattr(inside, "found", False) and (inside.country, inside.admin1) == (near.country, near.admin1):
                distinct.append(PlaceMention(p.text, p.start, p.end, inside, p.role))
            else:
                unplaced.append(UnplacedName(base_forms(p.text, lang)[0] if lang in ("uk", "ru") else p.text,
                                             p.start, p.end))
    for spot in [u for u in unplaced if u.start in landmarks]:
        # "le port de Pivdenne, près d'Odessa": a name several villages share is the one in the landmark's oblast
        near = landmarks[spot.start].result
        inside = lookup_name(text[spot.start:spot.end], lookup, lang, country=near.country, admin1=near.admin1)
        if getattr(inside, "found", False) and (inside.country, inside.admin1) == (near.country, near.admin1):
            unplaced.remove(spot)
            distinct.append(PlaceMention(text[spot.start:spot.end], spot.start, spot.end, inside, "event"))
    distinct.sort(key=lambda p: p.start)
    # "the villages of Dachne and Ulakly in the Donetsk region": the region says where they are, it is no incident
    located = {spot.start: listed_region(text, spot.end, places) for spot in distinct + unplaced
               if not (isinstance(spot, PlaceMention) and spot.role == "region")}  # "the Kursk and Oryol regions"
    around = {r.key for r in located.values() if r is not None}
    if len(distinct) + len(unplaced) > 1 and around:
        distinct = [p for p in distinct if p.role != "region" or p.key not in around]
    if (len(distinct) > 1 or unplaced) and not districts:
        spots = sorted(distinct + unplaced, key=lambda spot: spot.start)
        listed = _is_list(text, spots)
        segments = _segments(text, spots)
        shares = [Figures() if listed else find_figures(segment, lang) for segment in segments]
        for i, segment in enumerate(segments):
            # "... et de Mykilske, faisant un mort et trois blessés à Beryslav": figures said to be at another place
            # of the sentence are that place's
            at = next((j for j, spot in enumerate(spots) if j != i and shares[j] == Figures()
                       and re.search(rf"\b(?:à|in|at|у|в)\s+{re.escape(text[spot.start:spot.end])}\b", segment)), None)
            if at is not None and shares[i] != Figures():
                shares[at], shares[i] = shares[i], Figures()
        out = []
        for spot, segment, share in zip(spots, segments, shares):
            elided = elliptic_count(segment, lang) if share == Figures() and not listed else None
            if elided and (figures.fatalities is None) != (figures.injuries is None):
                # "Two people were killed in Kostiantynivka ..., and one in the village of Ivanopillia"
                share = Figures(elided, None) if figures.fatalities is not None else Figures(None, elided)
            # the weapon named in one clause need not be the one of the next: unknown unless the clause says; a
            # clash stays a clash
            blank = EventKind(kind.event_type, "" if kind.event_type == "Explosions/Remote violence"
                              else kind.sub_event_type, kind.trigger)
            # a list of places hit ("Під обстріл потрапили Білопільська, Краснопільська ... громади") names no
            # weapon of each: the lines that tell of one place may ("Краснопільська громада: удар КАБ")
            own_kind = kind if claim else blank if listed else classify(segment, lang) or blank
            where = {"place": spot} if isinstance(spot, PlaceMention) else \
                {"unplaced": spot.name, "region": landmarks.get(spot.start) or located.get(spot.start) or (
                    community_raion(text, lookup, lang, list(areas)) if lang in ("uk", "ru") else None)
                    or _sentence_region(places)}
            out.append(Mention(figures=share, **where, **{**base, "kind": own_kind}))
        # "Глушківка, Кругляківка та Лозова": a name the gazetteer lacks, listed with villages that are all of one
        # oblast, is in that oblast (admin1, no coordinates); companions of two oblasts say nothing
        companions = {(s.result.country_name, s.result.admin1) for s in spots if isinstance(s, PlaceMention)}
        if listed and len(companions) == 1 and all(c for c in next(iter(companions))):
            for mention in out:
                if mention.place is None and mention.unplaced and mention.region is None:
                    mention.listed_in = next(iter(companions))
        return out
    # a town that only locates the village is not its place; the village found in the town's oblast is
    main = [p for p in main if p not in landmarks.values()] + [p for p in distinct if p not in main]
    ranked = sorted(main + [p for p in places if p not in main and p.role not in ("event", "region")],
                    key=lambda p: (_PLACE_RANK[p.role], p.start))
    town = next((p for p in ranked if p.role != "district"), None)
    place = town or (ranked[0] if ranked else None)
    district = (districts[0].result.district or districts[0].text) if districts and town else ""
    if place is not None and place.role == "district":
        district = place.result.district  # "у Салтівському районі" of the town the text is about
    unplaced = "" if place else unplaced_location(text, masked=masked, lang=lang)
    if place is None and not unplaced and _THE_REGION.search(text):
        # "Губернатор Белгородской области сообщил, что над регионом сбиты 12 беспилотников": the speaker's oblast
        own = _sentence_region(find_places(text, lookup, masked=_names(sources), lang=lang, context_areas=areas,
                                           context_city=city))
        place = PlaceMention(own.text, own.start, own.end, own.result, "region") if own is not None else None
    region = None
    raion = place is not None and is_raion(text, place)
    if place is not None and (place.result.geo_precision == 3 or names_a_raion(place.text) or raion):
        # "à Antonivka" (several villages), "near the village of Glotovo" (unknown) in a region the sentence names,
        # "у селі Мирненьке Краматорського району": the village is the place, and the region or raion all that is
        # known of where it is (a village of the name elsewhere is another village)
        village = unplaced_location(text, masked=masked, lang=lang, skip=[(p.start, p.end) for p in places])
        inside = dict(country=place.result.country, admin1=place.result.admin1) if raion else {}
        if village and not getattr(lookup_name(village, lookup, lang, **inside), "found", False):
            place, region, unplaced = None, place, village
    elif place is None and unplaced:
        # "the governor of Russia's Belgorod region said ... in the village of Zhuravlevka": the speaker's oblast
        region = _sentence_region(find_places(text, lookup, masked=_names(sources), lang=lang, context_areas=areas,
                                              context_city=city))
    if place is None and unplaced and lang in ("uk", "ru"):
        # "Есманська громада Шосткинського району", a hromada whose town the gazetteer cannot tell: its raion (in the
        # oblast the sentence names, if any) locates it more closely than its oblast
        inside = ([(region.result.country, region.result.admin1)] if region else []) + list(areas)
        region = community_raion(text, lookup, lang, inside) or region
    if place is None and not district and not unplaced:
        # "in the Shevchenkivskyi district": a district without its city, placed once merged with the city's incident
        district = next(iter(district_names(text, lang)), "")
    return [Mention(place=place, district=district, unplaced=unplaced, region=region, figures=figures, **base)]


_NEAR_GAP = re.compile(rf"^,?\s+{NEAR}{NEAR_END}$", re.I)
_IN_AREA_GAP = re.compile(r"^,?\s+(?:in|of|dans|de)\s+(?:the\s+|la\s+)?$", re.I)


def _sentence_region(places: list[PlaceMention]) -> PlaceMention | None:
    """The one oblast a sentence names (as a region or in a speaker's title), if it names exactly one."""
    regions = {p.key: p for p in places if p.role in ("region", "role") and p.result.geo_precision == 3}
    return next(iter(regions.values())) if len(regions) == 1 else None


def _shoot_down(text: str, lang: str) -> bool:
    """The sentence counts weapons shot down: the weapons it names were not used in an attack it reports."""
    kind = classify(text, lang) if text else None
    return kind is not None and kind.sub_event_type == "Disrupted weapons use"


def _continued_shoot_down(text: str, previous: str, lang: str) -> EventKind | None:
    """"Из них 18 сбиты над Курской областью": a count that goes on with the shoot-down of the sentence before."""
    if not previous or not _SHOT_DOWN_ONLY.search(text):
        return None
    before = classify(previous, lang)
    return before if before is not None and before.sub_event_type == "Disrupted weapons use" else None


_SHOT_DOWN_ONLY = re.compile(r"\b(?:сбит\w*|збит\w*|знищен\w*|уничтожен\w*|перехоплен\w*|перехвачен\w*|shot down|"
                             r"downed|abattus?|intercept\w*)\b", re.I)
# "The strike was carried out on Saturday", "Удар был нанесён в субботу": the attack just told of, by its noun
_THE_ATTACK = re.compile(r"^\W*(?:the (?:strike|attack|shelling)|(?:la|cette) (?:frappe|attaque)|(?:le|ce) "
                         r"bombardement|(?:этот |цей )?(?:удар|атака|обстрел|обстріл))\b", re.I)
# "Кроме того, авиация нанесла удар...": the sentence goes on with the statement of the one before
# "это заявление назвали фейком", "назвало це фейком", "called the claim fake", "a qualifié ces affirmations de fausses"
_CALLED_FAKE = re.compile(r"(?:назва\w*|called|qualifi\w*)\s+(?:\S+\s+){0,3}?(?:фейк\w*|провокац\w*|дезинформац\w*|"
                          r"дезінформац\w*|fake|provocation|disinformation|fausse\w*|faux|mensong\w*|lie)\b", re.I)
_THIS_CLAIM = re.compile(r"(?<!\w)(?:это|этот|эти|эту|це|цю|цей|ці|this|these|that|the claim|cette|ces|cet)(?!\w)",
                         re.I)
# "The ministry also said ...": the institution the sentence before named
_CONTINUES = re.compile(r"^\W*(?:кроме того|также|крім того|також|in addition|also|de plus|par ailleurs|en outre|"
                        r"the (?:defen[cs]e )?ministry|le minist[eè]re|ведомство|відомство|міністерство|министерство)\b", re.I)
# "Selon Moscou": a capital speaking is its government, whose ministry the sentence before named
_CAPITALS = {"Moscou": "RU", "Moscow": "RU", "Москва": "RU", "Kyiv": "UA", "Kiev": "UA", "Київ": "UA", "Киев": "UA"}
# "за даними Москви", "по данным Киева", "Moscow said": a capital speaking, in any of the four languages
_CAPITAL_SPEAKS = {
    "RU": re.compile(r"\b(?:selon|d'après) Moscou\b|\baccording to Moscow\b|\bMoscow (?:said|says|claimed|claims)\b|"
                     r"\bMoscou (?:a (?:affirmé|déclaré|indiqué|annoncé)|affirme|revendique|assure)\b|"
                     r"(?:[Зз]а (?:даними|словами|інформацією)|[Пп]о (?:данным|словам|информации)) Москв\w*|"
                     r"\bМосква (?:заяви|повідоми|сообщи|утвержда|стверджу)\w*"),
    "UA": re.compile(r"\b(?:selon|d'après) (?:Kiev|Kyiv)\b|\baccording to (?:Kyiv|Kiev)\b|\b(?:Kyiv|Kiev) (?:said|says|claimed|"
                     r"claims)\b|\b(?:Kiev|Kyiv) (?:a (?:affirmé|déclaré|indiqué|annoncé)|affirme|revendique|assure)\b|"
                     r"(?:[Зз]а (?:даними|словами|інформацією)|[Пп]о (?:данным|словам|информации)) (?:Києв|Киев)\w*|"
                     r"\b(?:Київ|Киев) (?:заяви|повідоми|сообщи|утвержда|стверджу)\w*"),
}
# the claimant a capital stands for when the text names no body of its state: the state's side, nothing finer
_STATE = {"RU": "Russian authorities", "UA": "Ukrainian authorities"}


def _capital_side(text: str) -> str:
    """The country whose capital the sentence gives as its speaker ("selon Moscou": "RU"), '' for none."""
    return next((side for side, pattern in _CAPITAL_SPEAKS.items() if pattern.search(text)), "")


_ATTACKER = {"Russian Ministry of Defence": "UA", "Ukrainian Ministry of Defence": "RU",
             "General Staff of the Armed Forces of Ukraine": "RU", "Ukrainian Air Force": "RU",
             "Russian authorities": "UA", "Ukrainian authorities": "RU"}


# what the other side's forces hold, as the object of a strike ("уразили склад боєприпасів противника", "struck
# Russian positions", "по пункту временной дислокации ВСУ"; not "Russian troops shelled"), by that side's country
_TARGETS_UK = (r"(?:склад\w*|позиці\w*|пункт\w*|скупченн\w*|техні\w*|об'єкт\w*|систем\w*|РЕБ|ППО|артилері\w*|"
               r"командн\w*|особов\w*)")
_TARGETS_RU = (r"(?:склад\w*|позици\w*|пункт\w*|скоплени\w*|техник\w*|объект\w*|систем\w*|РЭБ|ПВО|артиллери\w*|"
               r"командн\w*|живой сил\w*|живую сил\w*)")
_AT_EN = r"\b(?:struck|hit|targeted|destroyed|strikes? on|attacks? on|against) (?:an? |the )?(?:\w+ )?"
_ASSETS_EN = r"(?:positions?|troops|ammunition|depots?|command posts?|equipment|air defen[cs]e|units?)"
_ASSETS_FR = r"\b(?:positions?|d[ée]p[ôo]ts?|[ée]quipements?|postes? de commandement|unit[ée]s|troupes)"
# "its forces had struck", "ses forces ont frappé", "сили оборони уразили": the speaker's own forces struck
_OWN_FORCES = (r"\b(?:its|their) (?:forces|troops|units|military) (?:had |have )?(?:struck|hit|destroyed|targeted)|"
               r"\bses (?:forces|troupes|unit[ée]s) (?:ont|avaient) (?:frapp|touch|d[ée]truit)")
_ENEMY_ASSET = {
    "RU": re.compile(rf"{_OWN_FORCES}|\b(?:сили оборони|наші (?:воїни|захисники|сили)|ЗСУ) (?:\S+ )?(?:уразил|вразил|"
                     rf"знищил|завдал)\w*|"
                     rf"\b{_TARGETS_UK}\s+(?:\S+\s+){{0,3}}?(?:противника|ворога|окупантів|російськ\w*)\b|"
                     rf"{_AT_EN}(?:enemy|russian) {_ASSETS_EN}|{_ASSETS_FR} (?:de l'ennemi|ennemie?s?|russes?)\b",
                     re.I),
    "UA": re.compile(rf"{_OWN_FORCES}|\b{_TARGETS_RU}\s+(?:\S+\s+){{0,3}}?(?:противника|ВСУ|украинск\w*)\b|"
                     rf"{_AT_EN}ukrainian {_ASSETS_EN}|{_ASSETS_FR} ukrainien\w*", re.I),
}


def _ministry_strike(text: str, context: str, places: list[PlaceMention], lang: str, masked: list[str]) -> str:
    """A strike that a ministry or general staff says its own forces made on the other side's ground or on the
    other side's forces ("уразили склад боєприпасів противника в районі Токмака") rests on its word alone: the
    institution is its claimant. So does one at a place the gazetteer cannot decide ("в районе Лимана": three
    Ukrainian places and one Russian), which only the ministry locates. A strike on its own side's ground that it
    reports is no claim. '' otherwise."""
    body = claimant(text) or (claimant(context) if _CONTINUES.match(text) else "")
    target = _ATTACKER.get(body)
    if not target:
        return ""
    if _ENEMY_ASSET[target].search(text):
        return body
    placed = [p for p in places if p.role in ("event", "other", "region")]
    if any(p.result.country == target for p in placed):
        return body
    return body if not placed and unplaced_location(text, masked=masked, lang=lang) else ""


def _side(body: str) -> str:
    """The country whose institution `body` is ("RU", "UA"); '' for an official or an unknown body."""
    target = _ATTACKER.get(body, "")
    return {"UA": "RU", "RU": "UA"}.get(target, "")


def _strikes_the_other_side(body: str, mention: Mention, lang: str) -> bool:
    """`mention` is a strike that `body` (a ministry or general staff) says its own forces made: on the other side's
    ground or on the other side's forces."""
    target = _ATTACKER.get(body)
    return bool(target) and (bool(_ENEMY_ASSET[target].search(mention.sentence.text))
                             or (mention.place is not None and mention.place.result.country == target))


def _confidence(incident: Incident, event: CandidateEvent, named_sources: int, default_sub: bool) -> float:
    score = 0.45
    score += 0.15 if event.time_precision == 1 else 0.0
    score += 0.15 if event.latitude is not None else 0.0
    score += 0.05 if event.sub_event_type and not default_sub else 0.0
    score -= 0.1 if default_sub else 0.0
    score += 0.1 if named_sources else 0.0
    score += min(0.1, 0.05 * (len(incident.mentions) - 1))
    score -= 0.2 if event.claimed_by else 0.0
    return round(max(0.05, min(0.95, score)), 2)


def _notes(event: CandidateEvent, losses: int | None, default_sub: bool) -> str:
    """What the row's own columns cannot say: how it was made and what the text left open.

    The type, place and figures are not restated: a reviewer edits those columns, and notes that repeated them
    would contradict the edited row (a saved "2 killed" under fatalities 3).
    """
    parts = ["Proposed by the extractor from a news text; to be checked against it"]
    if default_sub:
        parts.append("the text names no weapon, so the sub-event type is the default")
    if event.claimed_by and losses is not None:
        parts.append(f"claim by {event.claimed_by}: {losses} enemy personnel lost or killed")
    return "; ".join(parts) + "."


def _distinct_names(names: list[str]) -> list[str]:
    """Names in order without repeats; "Klitschko" goes when "Vitali Klitschko" is there."""
    out: list[str] = []
    for name in names:
        words = set(re.findall(r"[\w'-]+", name.lower()))
        if any(words <= set(re.findall(r"[\w'-]+", other.lower())) for other in out):
            continue
        out = [o for o in out if not set(re.findall(r"[\w'-]+", o.lower())) <= words] + [name]
    return out


def _lead_weapons(sentences: list[Sentence], lang: str, wreckage: bool = False) -> set[str]:
    """The weapons (as sub-event types) that the headline and the lead name ("a night of drone attacks"); those
    of a count of weapons shot down only for `wreckage` ("...abattu 21 drones" types their debris, not a strike)."""
    body = next((s for s in sentences if not s.headline), None)
    lead = [s.text for s in sentences if s.headline] + ([body.text] if body else [])
    return weapons_named(" ".join(t for t in lead if wreckage or not _shoot_down(t, lang)), lang)


def _event_date(incident: Incident, published: dt.date) -> tuple[dt.date, int, dt.date | None]:
    """(date, time_precision, end date). The incident's own sentences first; then the latest date that the text
    gave before them (wire reports date the lead and not every paragraph); the headline's date last, as its
    relative words ("overnight") are vaguer than the body's."""
    mentions = incident.mentions
    body = [m for m in mentions if not m.sentence.headline] or mentions
    claimed = bool(mentions[0].claimed_by)
    # "Утром во Льгове" after "Минувшей ночью": a part of the day after a night is the day the night ends on
    day_part = any(_DAY_PART.search(m.sentence.text) and not m.event_date for m in body)
    own = next((m.event_date for m in body if m.event_date), None)
    before = next((m.context_date for m in body if m.context_date), None)
    if own and own.kind == "past_day" and before is not None and before.kind == "day_for" \
            and before.date == own.end_date:
        return before.date, 2, None  # "за сутки" in the ministry's summary "за 16 мая": that day
    if own and own.kind == "past_day":
        # "over the past day", "за минулу добу", a claim's or a report's: the 24 hours before its statement, from
        # the day before to the statement's day (`dates.find_dates`), which is no actual date (ACLED's
        # time_precision 1), so 2
        return own.date, 2, own.end_date
    if own and day_part and _is_night(own):
        return own.end_date, 1, None
    if own:
        return own.date, 1, own.end_date
    reported = next((m.report_date for m in body if m.report_date), None)
    if reported:
        return reported.date, 2, None
    before = next((m.context_date for m in body if m.context_date), None)
    same_report = before is not None and before.kind == "past_day" and all(
        m.claimed_by == mentions[0].claimed_by for m in mentions[0].context_mentions)
    # "За даними Повітряних сил, над Одещиною збито 12 ударних БпЛА." after the night's attack: the count of that
    # night, dated by it as any undated sentence is by the date before it
    night_count = before is not None and _is_night(before) \
        and mentions[0].kind.sub_event_type == "Disrupted weapons use"
    if claimed and not mentions[0].continues and not same_report and not night_count:
        # a claim with no date is the claim of the day it is published, unless it is an item of the past day its
        # own report opened with ("Минулої доби відбулося 129 бойових зіткнень. ... у районі Липців"), not another
        # party's answer to it ("Водночас Міноборони РФ заявило про захоплення")
        return published, 2, None
    headline = next((m.event_date or m.report_date for m in mentions if m.event_date or m.report_date), None)
    chosen = before or headline
    if chosen and day_part and _is_night(chosen):
        return chosen.end_date, 2, None
    return (chosen.date if chosen else published), 2, None


# a part of the day ("утром", "вранці", "ввечері", "in the morning", "dans la soirée"): it shifts no date, but
# after a night it is the day that night ends on
_DAY_PART = re.compile(r"(?<!\w)(?:утром|днём|днем|вечером|вранці|зранку|уранці|вдень|удень|ввечері|увечері|"
                       r"in the (?:morning|afternoon|evening)|(?:le|ce|dans la) (?:matin|matinée|soirée|soir|"
                       r"après-midi))(?!\w)", re.I)


def _is_night(date: DateMention) -> bool:
    return date.end_date is not None and date.kind != "past_day" and date.end_date - date.date == dt.timedelta(days=1)


def _district(mentions: list, city, lookup: Callable) -> str:
    """The standard name of the district of `city` (a PlaceResult) that the incident's sentences name; '' when they
    name none of its districts, or several ("in the Darnytskyi and Solomianskyi districts")."""
    named = set()
    for name in dict.fromkeys(m.district for m in mentions if m.district):
        result = city_district(name, city.name, city.geonameid, lookup)
        if result is not None:
            named.add(result.district or name)
    return next(iter(named)) if len(named) == 1 else ""


def _city_of(result, lookup: Callable):
    """The city of a city district's answer ("Obolonskyi, Kyiv" -> Kyiv's answer), whose name is the location; any
    other answer as it is."""
    prefix = f"{result.district}, "
    if result.district and result.name.startswith(prefix):
        city = lookup(result.name[len(prefix):])
        if getattr(city, "found", False) and city.geonameid == result.within:
            return city
    return result


def _to_candidate(incident: Incident, published: dt.date, source_name: str, source_url: str, origin: str,
                  lead_weapons: tuple[set[str], set[str]], lookup: Callable, lang: str) -> CandidateEvent:
    """`lead_weapons` (for a strike, for debris: see `_lead_weapons`) type a report whose paragraphs only say
    "debris fell" or "was hit" when the lead names one weapon, as the sentence just before does ("сбиты два
    беспилотника. Обломки упали..."). An attack whose weapon
    no sentence names gets ACLED's default sub-event type, a lower confidence and a note saying so."""
    mentions = incident.mentions
    kind = mentions[0].kind
    sub = next((m.kind.sub_event_type for m in mentions if m.kind.sub_event_type), "")
    default_sub = False
    if not sub and kind.event_type == "Explosions/Remote violence" and not mentions[0].claimed_by:
        debris = is_wreckage(mentions[0].sentence.text, lang)
        named = mentions[0].context_weapons or lead_weapons[debris]
        if len(named) == 1:
            sub = next(iter(named))
        elif not named:
            sub, default_sub = DEFAULT_SUB_EVENT_TYPE, True
    # a claim's own date is as exact as anyone's ("Минувшей ночью ..., заявило Минобороны России": the night, at
    # time_precision 1); an undated claim is dated from its statement at 2 (`_event_date`)
    date, precision, end = _event_date(incident, published)
    placed = [m.place for m in mentions if m.place is not None]
    body_placed = [m.place for m in mentions if m.place is not None and not m.sentence.headline]
    # the finer of two places of one rank: a village named after its raion ("... район. У Затоці ...")
    best = min(placed, key=lambda p: (_PLACE_RANK[p.role], p.result.geo_precision or 1)) if placed else None
    event = CandidateEvent(event_date=date, event_type=kind.event_type, sub_event_type=sub, time_precision=precision,
                           event_date_end=end if end and end != date else None)
    # a headline's "Belgorod and Kursk regions" sums up; it does not widen the body's city to its region
    regions = [p for p in (body_placed or placed) if p.role == "region"]
    # "à Koursk" beside "la province de Koursk": the namesake city is loose wording for the region; a different
    # city inside the region ("Koupiansk, région de Kharkiv") is the more precise place and stays.
    regions = [r for r in regions if best is None or best.role == "region" or best.key == r.key
               or best.result.name.lower() in r.result.name.lower()]
    if regions:
        best = regions[0]
    if best is not None:
        r = _city_of(best.result, lookup)
        event.admin2 = "" if regions else _district(mentions, r, lookup)
        if event.admin2 and best.result.district == event.admin2:
            r = best.result  # the district's own place, where it has one
        event.location, event.country, event.admin1 = _city_of(r, lookup).name, r.country_name, r.admin1
        event.latitude, event.longitude = r.lat, r.lon
        event.geo_precision = 3 if regions else 2 if event.admin2 else (r.geo_precision or 1)
    else:
        event.location = next((m.unplaced for m in mentions if m.unplaced), "")
        area = next((m.region for m in mentions if m.region is not None), None)
        if area is not None and event.location:
            # a village the gazetteer cannot place, in the oblast or raion the text names: that area is all that is
            # known, never the raion's town itself (a raion is answered near its town, at geo_precision 2)
            r = area.result
            event.country, event.admin1, event.latitude, event.longitude = r.country_name, r.admin1, r.lat, r.lon
            # a town the village is said to be near ("north of Kupiansk"): near it, as ACLED's precision 2 says
            event.geo_precision = 2 if r.geo_precision in (1, 2) else 3
            event.admin2 = f"{r.name} raion" if r.geo_precision == 2 else ""
        elif event.location:
            # listed with villages all of one oblast: that oblast, kept by name, unplaced (no coordinates)
            event.country, event.admin1 = next((m.listed_in for m in mentions if m.listed_in), ("", ""))
    # the dateline that places a sentence ("Pavlohrad.") is evidence too, before the sentences it places
    evidence_text = " | ".join(dict.fromkeys([m.located_by for m in mentions if m.located_by]
                                             + [m.sentence.text for m in mentions]))
    country_code = best.result.country if best is not None else ""
    event.actor1, event.actor2 = find_actors(evidence_text, kind.event_type, country_code, event.country, lang,
                                             mentions[0].claimed_by)
    # one side's count of the other's dead is a claim, not a toll: it goes to the notes, not to the figures
    counted = [m for m in mentions if not m.claimed_by]
    deaths = [m.figures.fatalities for m in counted if m.figures.fatalities is not None]
    hurt = [m.figures.injuries for m in counted if m.figures.injuries is not None]
    event.fatalities = max(deaths) if deaths else None
    event.injuries = max(hurt) if hurt else None
    as_named = list(dict.fromkeys(s for m in mentions for s in m.sources))
    # an official's title and the name beside it are one source: "Governor of Kharkiv Oblast (Oleh Syniehubov)"
    persons = officials(as_named, " ".join(m.sentence.text for m in mentions))
    english = [with_person(english_source(s, _place_name(lookup, lang)), person) for s, person in persons]
    named = _distinct_names([m.claimed_by for m in mentions if m.claimed_by] + english)
    event.sources = list(dict.fromkeys(([source_name] if source_name else []) + named)) or [origin]
    event.source_url = source_url
    event.claimed_by = mentions[0].claimed_by
    event.origin = origin
    event.evidence = evidence_text
    losses = next((m.losses if m.losses is not None else m.figures.fatalities for m in mentions
                   if m.claimed_by and (m.losses is not None or m.figures.fatalities is not None)), None)
    event.notes = _notes(event, losses, default_sub)
    written = [f"{s} {person}".strip() for s, person in persons]
    if written != english:
        event.notes += f" Sources as the text names them: {'; '.join(written)}."
    event.confidence = _confidence(incident, event, len(named), default_sub)
    event.event_id_cnty = event.make_id()
    return event


def _attach_lone_sources(sentences: list[Sentence], mentions: list[Mention], lang: str) -> None:
    """A sentence that only names a source ("..., a déclaré le maire sur Telegram") backs its neighbour."""
    by_sentence = {m.sentence.index: m for m in mentions}
    for sentence in sentences:
        if sentence.index in by_sentence:
            continue
        names = find_sources(sentence.text, lang)
        if not names:
            continue
        for neighbour in (sentence.index + 1, sentence.index - 1):
            target = by_sentence.get(neighbour)
            if target is not None and target.sentence.paragraph == sentence.paragraph:
                target.sources.extend(n for n in names if n not in target.sources)
                break


_DATELINE = re.compile(r"^(?P<name>[A-ZÀ-ÝА-ЯЁІЇЄҐ][\w'-]+(?:[ -][A-ZÀ-ÝА-ЯЁІЇЄҐ][\w'-]+){0,2})\s*[.:—–-]?$")


_RAION_LINE = re.compile(r"^(?P<name>[А-ЯЁІЇЄҐ][\w'’-]+)\s+(?:район|округ)\s*[.:—–-]?$")


def _dateline(sentence: Sentence, lookup: Callable, lang: str, areas: tuple = ()) -> PlaceMention | None:
    """"Херсон." opening a post, as a dateline: the town that the paragraph's unplaced sentences are about; a raion
    ("Чугуївський район."), near the town it is named after, in the text's oblasts `areas` when there are any."""
    raion = _RAION_LINE.match(sentence.text.strip()) if lang in ("uk", "ru") else None
    if raion is not None and not sentence.headline:
        centre = raion_centre(raion.group("name"), lookup, lang, areas)
        return PlaceMention(raion.group("name"), 0, len(raion.group("name")), centre, "event") if centre else None
    match = _DATELINE.match(sentence.text.strip())
    if match is None or sentence.headline:
        return None
    result = lookup_name(match.group("name"), lookup, lang)
    if not getattr(result, "found", False) and lang in ("uk", "ru") and names_a_raion(match.group("name")):
        # "Нікопольщина.": a raion named "-щина", near its town, as "Чугуївський район." is
        result = next((p.result for p in find_places(match.group("name"), lookup, lang=lang, context_areas=areas)
                       if p.result.geo_precision == 2), None)
        return PlaceMention(match.group("name"), 0, len(match.group("name")), result, "event") if result else None
    if not getattr(result, "found", False) or result.geo_precision != 1 or is_country(result):
        return None
    return PlaceMention(match.group("name"), 0, len(match.group("name")), result, "event")


def _earlier_sources(sentences: list[Sentence], sentence: Sentence, lang: str) -> list[str]:
    """The sources that the nearest sentence before `sentence` names."""
    return next((found for other in reversed(sentences[:sentence.index]) if (found := find_sources(other.text, lang))),
                [])


def _pronoun_sources(sentences: list[Sentence], mentions: list[Mention], lang: str) -> None:
    """"..., injuring a worker, he said": a sentence whose speaker is a pronoun rests on the source that the nearest
    sentence before it names."""
    for mention in mentions:
        if not mention.sources and _PRONOUN_SPEAKER.search(mention.sentence.text):
            mention.sources = _earlier_sources(sentences, mention.sentence, lang)


def _paragraph_claimants(sentences: list[Sentence], mentions: list[Mention], lang: str, lookup: Callable,
                         author: str = "") -> None:
    """A shoot-down count whose official is named later in the post ("..., сообщил мэр"), who signs the post
    (`author`, as written), or, failing those, who was named in the nearest sentence before: the official's claim."""
    for mention in mentions:
        if mention.claimed_by or mention.kind.sub_event_type != "Disrupted weapons use":
            continue
        named = [english_source(name, _place_name(lookup, lang)) for other in sentences
                 if other.paragraph == mention.sentence.paragraph and other.index != mention.sentence.index
                 for name in find_sources(other.text, lang)]
        if author:
            named.append(english_source(author, _place_name(lookup, lang)))
        named += [english_source(name, _place_name(lookup, lang)) for name in mention.sources]
        # "Сили ППО знищили над областю 12 «шахедів».": the official the news item quoted before
        named = named or [english_source(name, _place_name(lookup, lang))
                          for name in _earlier_sources(sentences, mention.sentence, lang)]
        mention.claimed_by = official_claimant(named, [mention.place] if mention.place else [])


# who speaks, named in a sentence before: "he said", "a-t-il précisé", "за його словами", "по его словам"
_PRONOUN_SPEAKER = re.compile(r"\b(?:he|she|they)\s+(?:said|added|wrote|told)\b|\b(?:il|elle)s?\s+(?:a|ont)\s+\w+é\b|"
                              r"\ba-t-(?:il|elle)\b|\bза\s+(?:його|її)\s+словами|\bпо\s+(?:его|ее|её)\s+словам|"
                              r"\b(?:він|вона)\s+(?:дода\w+|повідоми\w+|зазначи\w+)|"
                              r"\b(?:он|она)\s+(?:добави\w+|сообщи\w+|отмети\w+)", re.I)


def _author(sentences: list[Sentence], lang: str) -> str:
    """The official who signs a post on its last line ("Голова ОВА"), as written; '' when the post is not signed."""
    last = sentences[-1] if len(sentences) > 1 else None
    alone = last is not None and last.paragraph != sentences[-2].paragraph
    return signature(last.text, lang) if alone else ""


def _signing_body(sentences: list[Sentence]) -> str:
    """The institution whose name alone is the post's last line ("Генеральний штаб ЗСУ"), as `claims` names it; ''
    when none signs the post."""
    last = sentences[-1] if len(sentences) > 1 else None
    if last is None or last.paragraph == sentences[-2].paragraph:
        return ""
    bodies = find_bodies(last.text)
    alone = len(bodies) == 1 and not re.sub(r"[\W_]", "", last.text[:bodies[0][0]] + last.text[bodies[0][1]:])
    return bodies[0][2] if alone else ""


# "Генеральний штаб ЗСУ повідомляє:", "Генштаб ВСУ сообщил:", "Генштаб ЗСУ:": the post opens by saying whose report it is
_LEADS = re.compile(r"^\s*(?:\S+\s+){0,2}?(?:(?:повідомля\w*|повідоми\w*|інформу\w*|сообща\w*|сообщи\w*|"
                    r"информиру\w*|reports|said|says|indique|annonce|a (?:indiqué|annoncé))\s*)?:")


def _leading_body(sentences: list[Sentence]) -> str:
    """The institution a post's first words name as its author, before a colon ("Генеральний штаб ЗСУ повідомляє:
    ..."), as `claims` names it; '' when the post does not open so. It speaks for the post as a signature does."""
    if not sentences:
        return ""
    first = sentences[0].text
    bodies = find_bodies(first)
    if not bodies or re.sub(r"[\W_]", "", first[:bodies[0][0]]):
        return ""
    return bodies[0][2] if _LEADS.match(first[bodies[0][1]:]) else ""


def _claim_contexts(sentences: list[Sentence]) -> list[str]:
    """For each sentence, the nearest one before it that names an institution ("The ministry also said..." continues
    it; one that says "the ministry" continues the nearest that names a ministry, whoever spoke in between), else the
    one just before; one pass, so a long text costs no more per sentence than a short one."""
    contexts, last_body, last_ministry = [], None, None
    for position, sentence in enumerate(sentences):
        previous = sentences[position - 1].text if position else ""
        ministry = last_ministry if _THE_MINISTRY.match(sentence.text) else None
        contexts.append(ministry or (last_body if last_body is not None else previous))
        bodies = find_bodies(sentence.text)
        if bodies:
            last_body = sentence.text
        if any("Ministry" in body for _, _, body in bodies):
            last_ministry = sentence.text
    return contexts


# "The ministry also said", "Le ministère a également indiqué", "Відомство також", "Министерство также"
_THE_MINISTRY = re.compile(r"^\W*(?:the (?:defen[cs]e )?ministry|le minist[eè]re|ведомство|відомство|міністерство|"
                           r"министерство)\b", re.I)


# "Вночі над областю сили ППО знищили 6 БпЛА": the oblast that the text named before
_THE_REGION = re.compile(r"\b(?:над|у|в|по|на)\s+(?:област[іюи]|регіон(?:і|у|ом)?|регион(?:е|ом)?|области|"
                         r"территори(?:ей|и) (?:области|региона)|територією (?:області|регіону))\b"
                         r"|\b(?:over|in|across) the region\b|\b(?:dans|sur|au-dessus de) la région\b", re.I)


_THE_CAPITAL = re.compile(r"\bстолиц[яюіе]\b", re.I)
# "09:20 — ...", "8 h 10 : ...", "11:20 В Белгороде ...": an entry of a live-blog (a paragraph opened by its time)
_ENTRY = re.compile(r"^\s*\d{1,2}(?::|\s?h\s?)\d{2}(?:\s*(?:[—–-]|:))?\s+(?=[^\W\d_])")


def _capital(lookup: Callable) -> PlaceMention | None:
    result = lookup("Київ")
    return PlaceMention("столиця", 0, 0, result, "event") if getattr(result, "found", False) else None


def extract_events(text: str, published: dt.date, lang: str | None = None, source_name: str = "",
                   source_url: str = "", lookup: Callable | None = None) -> list[CandidateEvent]:
    """Candidate events of a news text published on `published`, in text order.

    `lang` is "fr", "en", "uk" or "ru", or None to detect it; `lookup(text, country=None, admin1=None)` returns a
    geocoding.PlaceResult and defaults to the project geocoder. Raises UnsupportedLanguage (a ValueError) when the
    text or `lang` is in another language.
    """
    if isinstance(published, dt.datetime):
        published = published.date()
    lang = check_language(lang) or detect_language(text)
    lookup = lookup or _default_lookup()
    sentences = split_sentences(text)
    mentions: list[Mention] = []
    last_date: dt.date | None = None  # for "the same day"
    last_night: DateMention | None = None  # for "the same night"
    context_date: DateMention | None = None  # the latest event date the body gave so far
    context_mentions: list[Mention] = []  # what that date's sentence reports
    headline_mentions: list[Mention] = []  # what the headline of `headline_date` reports
    headline_date: DateMention | None = None  # "Белгородская область: обстановка за сутки"
    dateline: tuple[int, PlaceMention, str] | None = None  # (paragraph, place, line) of a post opening "Херсон."
    areas: dict[tuple[str, str], None] = {}  # (country, admin1) of the places named so far, in order
    region: PlaceMention | None = None  # the last oblast the text named
    city = None  # the last town the text named (a PlaceResult)
    capital: PlaceMention | None = None  # "атакував столицю": Kyiv, in a Ukrainian text
    contexts = _claim_contexts(sentences)
    bodies: list[str] = []  # the institutions named so far, in order
    for sentence in sentences:
        context = contexts[sentence.index]
        earlier = sentences[sentence.index - 1] if sentence.index else None
        if _ENTRY.match(sentence.text) and (earlier is None or earlier.paragraph != sentence.paragraph):
            # a live-blog's entry is dated by itself, not by the entry before
            context_date = last_date = last_night = None
        previous = earlier.text if earlier is not None and earlier.paragraph == sentence.paragraph else ""
        latest = tuple(reversed(list(areas)))
        line = _dateline(sentence, lookup, lang, latest)
        if line is not None:
            dateline = (sentence.paragraph, line, sentence.text)
        if lang == "uk" and _THE_CAPITAL.search(sentence.text):
            capital = _capital(lookup)
            city = capital.result if capital is not None else city
        found = _sentence_mentions(sentence, context, lang, published, lookup, last_date, previous, latest, city,
                                   tuple(bodies), last_night, earlier.text if earlier is not None else "")
        for mention in found:
            mention.context_date = None if sentence.headline else context_date or headline_date
            mention.context_mentions = context_mentions if context_date else headline_mentions
            # the weapons its own sentence names ("обстреляно село Тёткино, а в селе Кобылки ранен мужчина"), else
            # the sentence before's, are closer than the lead's
            # (a count of weapons shot down names the weapons of the debris it tells of next, not of another attack)
            mention.context_weapons = frozenset(weapons_named(sentence.text, lang) or (
                weapons_named(previous, lang) if not _shoot_down(previous, lang) or is_wreckage(sentence.text, lang)
                else ()))
            if mention.place is None and mention.unplaced and mention.region is None and dateline \
                    and dateline[0] == sentence.paragraph and dateline[1].result.geo_precision == 2:
                mention.region = dateline[1]  # "Чугуївський район. ... по смт Печеніги": the raion locates the village
                mention.located_by = dateline[2]
            if mention.place is None and mention.unplaced and lang in ("uk", "ru"):
                # "Нікопольщина. ... по Покровській громаді": the raion, or a town named with it, decides the hromada
                near = ([mention.region.result] if mention.region is not None else []) + [
                    p.result for p in find_places(sentence.text, lookup, lang=lang, context_areas=latest)
                    if p.role in ("event", "other") and p.result.geo_precision == 1] + ([city] if city else [])
                centre = community_near(mention.unplaced, near, lookup, lang)
                if centre is not None:
                    mention.place, mention.unplaced = PlaceMention(mention.unplaced, 0, 0, centre, "event"), ""
            # a raion's dateline places the paragraph's sentences only until one names its own village ("Шебекинский
            # округ. Село Новая Таволжанка подверглось обстрелу. Пострадавших нет, повреждены забор...": the damage is
            # the village's)
            finer = dateline is not None and dateline[1].result.geo_precision == 2 and any(
                m.sentence.paragraph == sentence.paragraph and (m.place is not None or m.unplaced)
                and m.place is not dateline[1] for m in mentions)
            if mention.place is None and not mention.unplaced:
                if dateline and dateline[0] == sentence.paragraph and not finer:
                    mention.place, mention.located_by = dateline[1], dateline[2]
                elif region is not None and _THE_REGION.search(sentence.text):
                    mention.place = region
                    if mention.claimed_by and " of " not in mention.claimed_by \
                            and mention.kind.sub_event_type == "Disrupted weapons use":
                        # "shot down nine drones over the region, the governor said": the governor of that region
                        mention.claimed_by = official_claimant([mention.claimed_by], [region]) or mention.claimed_by
                    if not mention.claimed_by and mention.kind.event_type == "Explosions/Remote violence":
                        # "the ministry said its forces had struck ... in the region": its claim, as on any ground
                        # of the other side
                        mention.claimed_by = _ministry_strike(sentence.text, context, [region], lang, mention.sources)
                elif capital is not None and _THE_CAPITAL.search(sentence.text):
                    mention.place = capital
        if _CALLED_FAKE.search(sentence.text) and _THIS_CLAIM.search(sentence.text):
            # "Генштаб ВСУ заявил о поражении завода в Таганроге. В Минобороны России это заявление назвали фейком.":
            # a claim the next sentence calls a fake is reported as disputed, no event (as one called a fake in its
            # own sentence is)
            mentions = [m for m in mentions if m.sentence.index != sentence.index - 1 or not m.claimed_by]
        mentions.extend(found)
        bodies.extend(body for _, _, body in find_bodies(sentence.text))
        for place in find_places(sentence.text, lookup, lang=lang, context_areas=latest, context_city=city):
            if place.role in ("event", "other", "region", "role") and not is_country(place.result):
                areas.pop((place.result.country, place.result.admin1), None)
                areas[(place.result.country, place.result.admin1)] = None
                if place.role == "region" or place.result.geo_precision == 3:
                    region = PlaceMention(place.text, place.start, place.end, place.result, "region")
                elif place.result.geo_precision == 1 and place.role in ("event", "other"):
                    city = place.result
        dates = [d for d in find_dates(sentence.text, lang, published) if not d.anaphoric]
        # (the day of the event, not of the statement: "tué vendredi ..., a indiqué samedi ... Le même jour": Friday)
        days = [d for d in dates if d.end_date is None and not d.reported] or [d for d in dates if d.end_date is None]
        nights = [d for d in dates if _is_night(d)]
        if nights:
            last_night = nights[-1]
        if days:  # "the same day", "during the day": the last day named, not a night or a past day that ends on it
            last_date = days[-1].date
        events = [d for d in dates if not d.reported]
        if events and sentence.headline:
            if headline_date is None:
                headline_date, headline_mentions = events[0], found
        elif events:
            context_date = events[-1]
            context_mentions = found
    _attach_lone_sources(sentences, mentions, lang)
    _pronoun_sources(sentences, mentions, lang)
    author = _author(sentences, lang)
    for mention in mentions:  # the official who signs the post speaks for all of it
        if author and author not in mention.sources:
            mention.sources.append(author)
    _paragraph_claimants(sentences, mentions, lang, lookup, author)
    body = _signing_body(sentences) or _leading_body(sentences)
    for mention in mentions:  # "Генеральний штаб ЗСУ" signing or heading its daily report: the fighting it reports is its claim
        if body and mention.kind.event_type == "Battles" and not mention.claimed_by:
            mention.claimed_by = body
        elif body and mention.kind.event_type == "Explosions/Remote violence" and not mention.claimed_by \
                and _strikes_the_other_side(body, mention, lang):
            # "Сили оборони уразили аеродром «Морозовськ» у Ростовській області": what its forces hit on the other
            # side's ground is its claim; a strike on its own side's ground stays its report
            mention.claimed_by = body
    origin = source_name or source_url or "pasted text"
    incidents = merge_mentions(mentions)
    lead_weapons = (_lead_weapons(sentences, lang), _lead_weapons(sentences, lang, wreckage=True))
    return [_to_candidate(i, published, source_name, source_url, origin, lead_weapons, lookup, lang)
            for i in incidents]
