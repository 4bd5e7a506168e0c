"""What kind of event a sentence reports, in ACLED's taxonomy, or that it reports none.

Rules over accent-free lower-case words. A sentence is an event only when it has an action (strike, attack,
clash, deployment, visit...); a weapon named in passing ("a request for Tomahawk missiles") is not one.
Quoted speech, conditionals, predictions and denials are not events.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from unidecode import unidecode


def _any(words: str) -> re.Pattern:
    return re.compile(r"\b(?:" + words + r")", re.I)


_WEAPONS = {
    "Air/drone strike": _any(r"drones?\b|shahed|uav|frappes? aeriennes?|air ?strikes?|airstrikes?|bombes? (?:guidees?|planantes?)|"
                             r"guided (?:aerial )?bombs?|glide bombs?|aerial bombs?|bombes? aeriennes?|aviation|"
                             r"bombardiers?|warplanes?|avions? de combat|raids? aeriens?|air raids?"),
    "Shelling/artillery/missile attack": _any(
        r"missiles?|roquettes?|rockets?|balistiques?|ballistic|iskander|kinzhal|kalibr|artillerie|artillery|obus|shells?\b|"
        r"shelling|shelled|pilonn|bombardements?|bombarde|mortiers?|mortars?|lance-roquettes|mlrs|grad\b|himars"),
    "Remote explosive/landmine/IED": _any(r"mines? antipersonnel|landmines?|\bied\b|engin explosif|voiture piegee|car bomb"),
}

_REMOTE_ACTION = _any(
    r"frapp|frappe|attaqu|attaque|attack|strikes?\b|struck|hit\b|hits\b|touche|bombard|pilonn|shell|explos|"
    r"debris|crash|endommag|damag|detrui|destroy|ravag|incendi|set (?:on )?fire|tue|tuee|tues|killed|kill|"
    r"bless[ae]|injur|wound|visant|visee|targeted|tirs?\b|fired|launched|lance|abattue? sur|abattus sur|abat(?:tent)? sur"
)
_BATTLE = _any(
    r"affrontements?|combats?\b|combattu|accroch|clash|fighting|fought|firefights?|offensive|assauts?|assault|"
    r"repousse|repelled|repulsed|engag[ea]"
)
_MILITARY_TARGET = _any(r"soldats|troupes|militaires|positions|soldiers|troops|servicemen|unites|units|brigade")
_CIVILIAN_TARGET = _any(
    r"residenti|immeubles?|batiments?|maisons?|habitations?|quartier|gare|station|hopital|hospital|ecole|school|"
    r"infrastructure|centrale|power|energ|lignes? electriques|power lines|civil|apartment|building|houses?|"
    r"ville|city|town|village|marche|market|port\b|entrepot|warehouse|train|entreprises?\b|enterprises?\b|industri|"
    r"usines?\b|factory|factories|plant\b|depots?\b|vehicules?\b|voitures?\b|\bcars?\b|bus\b|camions?\b|trucks?\b"
)
_CIVILIAN_VIOLENCE = _any(r"executed|execute|abduct|kidnapp|enleve|enlevement|torture|shot dead civilians|abattu des civils")
_DISRUPTED = _any(r"abattu|abattus|intercepte|shot down|intercepted|destroyed \d|neutralise|downed|detruit \d")
_DEPLOYMENT = _any(r"deploiement|deploye|deployed|deployment|stationne|stationed")
_VISIT = _any(r"s'est rendue?|se sont rendus|visite|visited|visiting|arrived in|est arrivee? a|arrive a")

_HYPOTHETICAL = _any(
    r"pourrait|pourraient|pourra|serait|seraient|devrait|devraient|accorderait|attaquerait|predit|predict|"
    r"could|would|might|may\b|should|will\b|va |vont |threaten|menace|si |if |unless|hypothet|planned|prevoit|"
    r"plans to|intends|se plaint|complain"
)
_DENIAL = _any(
    r"nie avoir|a nie|ont nie|denied|denies|deny|dementi|n'a pas (?:attaque|frappe|tire)|did not (?:attack|strike|fire)|"
    r"n'attaquer|ne pas attaquer|never attacked|jamais attaque|a toujours nie"
)
_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"")
# "un drone s'est abattu sur un immeuble": fell onto, a hit, not a drone shot down
_CRASHED_ONTO = _any(r"s'est abattue? sur|se sont abattus sur|s'abat(?:tent)? sur|crashed (?:into|onto)")
# "une offensive est « probable »": a forecast, even when the word is quoted
_FORECAST = _any(r"(?:est|sont|serait|semble|parait|is|are|seems?) (?:tres |peu |highly |very )?(?:probables?|likely|"
                 r"possibles?)\b|probablement|likely to|chances? (?:de succes|of success)")
_ATTEMPT = _any(r"tente d'abattre|tente d'intercepter|tried to shoot down|tries to shoot down")
# "A Russian strike on Kharkiv killed three": the most common wire wording names no weapon
_ATTACK_NOUN = _any(r"strikes?\b|attacks?\b|frappes?\b|attaques?\b|bombardements?\b|raids?\b")
_CASUALTIES = _any(r"killed|killing|injur|wound|dead\b|died|tue|tues|tuee|tuees|tuant|blesse|blessant|morts?\b")
DEFAULT_SUB_EVENT_TYPE = "Shelling/artillery/missile attack"  # ACLED's coding of a strike whose weapon is not named


@dataclass(frozen=True)
class EventKind:
    event_type: str
    sub_event_type: str  # blank when the text does not say (e.g. "attacked" without the weapon)
    trigger: str  # the words that made the decision, kept for the notes and the tests


def plain(text: str) -> str:
    """Accent-free lower case, quotes removed: the text the rules read."""
    return unidecode(_QUOTED.sub(" ", text)).lower()


def _weapon(text: str) -> str:
    for sub, pattern in _WEAPONS.items():
        if pattern.search(text):
            return sub
    return ""


def weapons_named(text: str) -> set[str]:
    """The sub-event types whose weapons the text names ("a wave of drones" -> {"Air/drone strike"})."""
    p = plain(text)
    return {sub for sub, pattern in _WEAPONS.items() if pattern.search(p)}


def is_non_event(text: str) -> bool:
    """Speech about what might happen, denials and failed interceptions are not events."""
    p = plain(text)
    spoken = unidecode(re.sub(r"[«»“”\"]", " ", text)).lower()
    return bool(_HYPOTHETICAL.search(p) or _DENIAL.search(p) or _FORECAST.search(re.sub(r"\s+", " ", spoken)))


# read with accents: "attaques" (attacks) is not "attaqués" (attacked)
_SEVERAL_ATTACKS = _any(r"strikes\b|attacks\b|frappes\b|attaques\b|bombardements\b|raids\b|shelling of (?:several|\d+)|"
                        r"plusieurs (?:villages|localités|communes)|several (?:villages|towns|settlements)")


def is_summary(text: str) -> bool:
    """"Russian attacks on the region killed three": several attacks summed up, not one incident."""
    return bool(_SEVERAL_ATTACKS.search(text.lower()))


def classify(text: str) -> EventKind | None:
    """The event kind a sentence reports, or None. Violence wins over strategic developments in one sentence."""
    p = plain(text)
    if is_non_event(text):
        return None
    battle = _BATTLE.search(p)
    action = _REMOTE_ACTION.search(p)
    weapon = _weapon(p)
    if _CIVILIAN_VIOLENCE.search(p):
        return EventKind("Violence against civilians", "Attack", _CIVILIAN_VIOLENCE.search(p).group(0))
    if _DISRUPTED.search(p) and weapon and not _ATTEMPT.search(p) and not _CRASHED_ONTO.search(p):
        hit = _DISRUPTED.search(p)
        if not re.search(r"(?:debris|crash|fragments?|wreckage|tombe|fell)", p):
            return EventKind("Strategic developments", "Disrupted weapons use", hit.group(0))
    if battle and not (weapon and not _MILITARY_TARGET.search(p)):
        return EventKind("Battles", "Armed clash", battle.group(0))
    if action:
        if weapon:
            return EventKind("Explosions/Remote violence", weapon, action.group(0))
        if _MILITARY_TARGET.search(p) and re.search(r"attaqu|attack|assault|assaut", p):
            return EventKind("Battles", "Armed clash", action.group(0))
        if _CIVILIAN_TARGET.search(p) and re.search(r"attaqu|attack|frapp|strike|struck|hit|touche|endommag|damag|"
                                                    r"bombard|detrui|destroy|explos|debris|fragments|eclats|wreckage", p):
            return EventKind("Explosions/Remote violence", "", action.group(0))
        if _ATTACK_NOUN.search(p) and _CASUALTIES.search(p) and not _MILITARY_TARGET.search(p):
            return EventKind("Explosions/Remote violence", "", _ATTACK_NOUN.search(p).group(0))
    if _DEPLOYMENT.search(p) and _MILITARY_TARGET.search(p):
        return EventKind("Strategic developments", "Other", _DEPLOYMENT.search(p).group(0))
    if _VISIT.search(p):
        return EventKind("Strategic developments", "Other", _VISIT.search(p).group(0))
    return None

