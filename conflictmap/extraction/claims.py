"""Claims: figures that one party gives about the other side's losses or about weapons it shot down.

They are events only as claims: the row says who claims them (`claimed_by`), so a reader can weigh them.
"""
from __future__ import annotations

import re

from unidecode import unidecode

# Institutions whose statements are usually claims, by how the four languages name them.
_BODIES = [
    ("Russian Ministry of Defence", r"minist[eè]re russe de la d[ée]fense|minist[eè]re de la d[ée]fense russe|"
                                   r"russian (?:ministry of defen[cs]e|defen[cs]e ministry)|russia's (?:defen[cs]e ministry|"
                                   r"ministry of defen[cs]e)|ministry of defen[cs]e of russia|"
                                   r"міноборони (?:рф|росії)|міністерств\w* оборони (?:рф|росії)|мо рф|"
                                   r"минобороны (?:рф|россии)|министерств\w* обороны (?:рф|россии|российской федерации)|"
                                   r"российск\w* минобороны|міністерств\w* оборони російської федерації|"
                                   r"российск\w* военн\w* ведомств"),
    ("Ukrainian Ministry of Defence", r"minist[eè]re ukrainien de la d[ée]fense|ukrainian (?:ministry of defen[cs]e|"
                                     r"defen[cs]e ministry)|ukraine's (?:defen[cs]e ministry|ministry of defen[cs]e)|"
                                     r"міноборони україни|міністерств\w* оборони україни|минобороны украины|"
                                     r"министерств\w* обороны украины"),
    ("General Staff of the Armed Forces of Ukraine", r"[ée]tat-major (?:g[ée]n[ée]ral )?(?:ukrainien|de l'arm[ée]e ukrainienne|"
                                                    r"des forces arm[ée]es ukrainiennes)|ukrainian general staff|"
                                                    r"ukraine's general staff|general staff of (?:the armed forces of )?ukraine|"
                                                    r"генштаб\w*(?: зсу)?|генеральн\w* штаб\w*(?: зсу)?|генштаб\w* всу|"
                                                    # "the General Staff said" in a report of Ukraine's fighting
                                                    r"(?<!russian )(?<!russia's )general staff(?! of (?:the )?russia)|"
                                                    r"l'[ée]tat-major(?! (?:g[ée]n[ée]ral )?russe)(?! de l'arm[ée]e russe)"),
    ("Ukrainian Air Force", r"arm[ée]e de l'air ukrainienne|ukrainian air force|ukraine's air force|"
                           r"повітрян\w* сил\w*(?: зсу)?|воздушн\w* сил\w* (?:всу|украины)"),
]
_LOSS = re.compile(r"\b(?:perdu|pertes|lost|losses|втрат\w*|втратил\w*|потер\w*|потерял\w*)\b", re.I)
_SHOT_DOWN = re.compile(r"\b(?:abattu|abattus|intercept[ée]s?|shot down|intercepted|downed|d[ée]truit|destroyed|збили|збито|"
                        r"знищено|знищили|перехоплено|сбиты|сбито|сбили|уничтожены|уничтожено|уничтожили|перехвачены|"
                        r"перехвачено)\s+(?:plus de |au moins |more than |at least |понад |щонайменше |более |не менее )?\d+",
                        re.I)


_BODY_PATTERNS = [(name, re.compile(pattern, re.I)) for name, pattern in _BODIES]


def find_bodies(text: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical name) of each institution named in the text."""
    found = []
    for name, pattern in _BODY_PATTERNS:
        for match in pattern.finditer(text):
            found.append((match.start(), match.end(), name))
    return sorted(found)


_ENEMY_KILLED = re.compile(r"\b(?:killed|eliminated|tue|tues|elimine|elimines|neutralise|neutralises|ліквідовано|ліквідували|"
                           r"уничтожено|уничтожили|ликвидировано|ликвидировали)\s+(?:up to |more than |about |jusqu'a |"
                           r"plus de |pres de |environ |до |понад |более |около )?\d[\d ,.]*\s+(?:\w+\s+)?(?:servicemen|"
                           r"soldiers|troops|fighters|militaires|soldats|combattants|військов\w*|окупант\w*|"
                           r"военнослужащ\w*|боевик\w*|солдат\w*)", re.I)
_TERRITORY = re.compile(r"\b(?:pris le controle|s'est empare|se sont empares|libere|la prise du|la prise de|captured|took control|"
                        r"taken control|liberated|seized|the capture of|(?:had |have |has )?(?:taken|took) (?:the )?(?:village|town|settlement)s?|"
                        r"(?:avoir |avaient |a |ont )?pris (?:le |la |l')?(?:village|localite|ville|hameau|bourg)s?|"
                        r"controlent desormais|захопил\w*|захоплен\w*|окупувал\w*|звільнил\w*|"
                        r"звільнен\w*|взял\w* (?:під|под) контроль|узял\w* під контроль|освободил\w*|освобожден\w*|"
                        r"заняли|занял\w*|овладел\w*)\b", re.I)
_SHOOT_DOWN_WORD = re.compile(r"abattu|intercept|shot down|downed|détruit|destroyed|збил|збит|знищ|перехопл|сбит|сбил|"
                              r"уничтож|перехвач", re.I)
_AERIAL = re.compile(r"drone|missile|дрон|безпілот|бпла|ракет|шахед|беспилот", re.I)


# "нанесли поражение формированиям ВСУ": the ministries' formula for the enemy units they say they defeated
_DEFEATED = re.compile(r"\b(?:нанес\w*|нанос\w*|завда\w*|завдал\w*)\s+(?:\w+\s+)?(?:поражени\w*|поразк\w*)", re.I)


def is_claim_figure(text: str) -> bool:
    """Losses, enemies killed or defeated, weapons shot down, ground taken: what one side says of the other and
    nobody checks."""
    plain = unidecode(text) if not re.search(r"[а-яіїєґ]", text, re.I) else text
    return bool(
        (_LOSS.search(plain) and re.search(r"\d", plain)) or _SHOT_DOWN.search(text) or _ENEMY_KILLED.search(plain)
        or _TERRITORY.search(plain) or _DEFEATED.search(text)
    )


_WITHOUT_FIGHTING = re.compile(r"\b(?:without (?:a )?(?:fight|fighting|resistance)|sans (?:combat|resistance)|"
                               r"без бо[юяй]\w*|без сопротивлени\w*|без опору|withdr[ae]w\w*|se (?:sont|est) retire\w*|"
                               r"отступил\w*|отошл\w*|відступил\w*|відійшл\w*)", re.I)
# the Ukrainian bodies whose forces regain ground in their own country
_GOVERNMENT = frozenset({"General Staff of the Armed Forces of Ukraine", "Ukrainian Ministry of Defence"})


def is_territory_claim(text: str) -> bool:
    """The text says ground was taken ("captured the village of", "об освобождении населённого пункта")."""
    return bool(_TERRITORY.search(unidecode(text) if not re.search(r"[а-яіїєґ]", text, re.I) else text))


def claim_kind(text: str, claimed_by: str = "") -> tuple[str, str]:
    """(event type, sub-event type) of a claim: weapons downed, ground taken, or else fighting.

    Ground taken follows ACLED's codebook: taken without fighting ("without a fight", "без боя", forces that
    withdrew) is Strategic developments / Non-violent transfer of territory; taken by fighting, Battles: Government
    regains territory when the government's own forces claim it back (`claimed_by` is the Ukrainian General Staff or
    Ministry of Defence), else Armed clash (Russia's forces are another state's, and ACLED keeps "Non-state actor
    overtakes territory" for non-state groups)."""
    if _SHOOT_DOWN_WORD.search(text) and _AERIAL.search(text):
        return "Strategic developments", "Disrupted weapons use"
    if is_territory_claim(text):
        if _WITHOUT_FIGHTING.search(unidecode(text) if not re.search(r"[а-яіїєґ]", text, re.I) else text):
            return "Strategic developments", "Non-violent transfer of territory"
        if claimed_by in _GOVERNMENT:
            return "Battles", "Government regains territory"
    return "Battles", "Armed clash"


def claimant(text: str, context: str = "") -> str:
    """The party making the claim in `text`, else in `context` (the sentence before, which the text continues:
    "The ministry also said..."), else ''."""
    for source in (text, context):
        bodies = find_bodies(source)
        if bodies:
            return bodies[0][2]
    return ""


_OFFICIAL = re.compile(r"^(?:Regional governor|Governor|Mayor|City military administration|Regional military "
                       r"administration|Military administration|Regional administration|Local authorities|Authorities)")


def official_claimant(sources: list[str], places: list) -> str:
    """The official who gives a shoot-down count, as "Mayor of Belgorod" or "Governor of Kursk Oblast": the title
    from the sources the sentence names (in their English form, see `sources.english_source`), the place from the
    title itself ("le maire de Koursk") or else from where the sentence says the drones were downed. '' when no
    official is named.

    `places` are the sentence's place mentions (objects with `role` and a geocoder `result`).
    """
    for source in sources:
        official = _OFFICIAL.match(source)
        if official is None:
            continue
        if " of " in source:
            return source
        title = {"Regional governor": "Governor"}.get(official.group(0), official.group(0))
        place = next(iter(places), None)
        if place is None:
            return source
        result = place.result
        if title == "Mayor" or result.geo_precision != 1:
            return f"{title} of {result.name}"
        return f"{title} of {result.admin1 or result.name}"
    return ""
