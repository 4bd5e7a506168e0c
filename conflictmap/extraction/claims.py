"""Claims: figures that one party gives about the other side's losses or about weapons it shot down.

They are events only as claims: the row says who claims them (`claimed_by`), so a reader can weigh them.
"""
from __future__ import annotations

import re

from unidecode import unidecode

# Institutions whose statements are usually claims, by how French and English texts name them.
_BODIES = [
    ("Russian Ministry of Defence", r"minist[eè]re russe de la d[ée]fense|minist[eè]re de la d[ée]fense russe|"
                                   r"russian (?:ministry of defen[cs]e|defen[cs]e ministry)|russia's (?:defen[cs]e ministry|"
                                   r"ministry of defen[cs]e)|ministry of defen[cs]e of russia"),
    ("Ukrainian Ministry of Defence", r"minist[eè]re ukrainien de la d[ée]fense|ukrainian (?:ministry of defen[cs]e|"
                                     r"defen[cs]e ministry)|ukraine's (?:defen[cs]e ministry|ministry of defen[cs]e)"),
    ("General Staff of the Armed Forces of Ukraine", r"[ée]tat-major (?:g[ée]n[ée]ral )?(?:ukrainien|de l'arm[ée]e ukrainienne|"
                                                    r"des forces arm[ée]es ukrainiennes)|ukrainian general staff|"
                                                    r"ukraine's general staff|general staff of (?:the armed forces of )?ukraine"),
    ("Ukrainian Air Force", r"arm[ée]e de l'air ukrainienne|ukrainian air force|ukraine's air force"),
]
_LOSS = re.compile(r"\b(?:perdu|pertes|lost|losses)\b", re.I)
_SHOT_DOWN = re.compile(r"\b(?:abattu|abattus|intercept[ée]s?|shot down|intercepted|downed|d[ée]truit|destroyed)\s+(?:plus de |au moins |"
                        r"more than |at least )?\d+", re.I)


def find_bodies(text: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical name) of each institution named in the text."""
    found = []
    for name, pattern in _BODIES:
        for match in re.finditer(pattern, text, re.I):
            found.append((match.start(), match.end(), name))
    return sorted(found)


_ENEMY_KILLED = re.compile(r"\b(?:killed|eliminated|tue|tues|elimine|elimines|neutralise|neutralises)\s+(?:up to |more than |"
                           r"about |jusqu'a |plus de |pres de |environ )?\d[\d ,.]*\s+(?:\w+\s+)?(?:servicemen|soldiers|"
                           r"troops|fighters|militaires|soldats|combattants)", re.I)
_TERRITORY = re.compile(r"\b(?:pris le controle|s'est empare|se sont empares|libere|la prise du|la prise de|captured|took control|"
                        r"taken control|liberated|seized|the capture of)\b", re.I)


def is_claim_figure(text: str) -> bool:
    """Losses, enemies killed, weapons shot down, ground taken: what one side says of the other and nobody checks."""
    plain = unidecode(text)
    return bool(
        (_LOSS.search(plain) and re.search(r"\d", plain)) or _SHOT_DOWN.search(text) or _ENEMY_KILLED.search(plain)
        or _TERRITORY.search(plain)
    )


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
