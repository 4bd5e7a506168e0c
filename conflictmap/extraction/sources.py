"""Who the text says an item rests on: "selon Reuters", "a déclaré sur Telegram", "according to the governor",
"the Kyiv Independent reported". Only names that the text itself gives; nothing is guessed."""
from __future__ import annotations

import re

from .claims import find_bodies

_NAME = r"(?:[A-ZÀ-Ý][\w'-]*\.?)(?:\s+(?:[A-ZÀ-Ý][\w'-]*))*"
_ARTICLE = {"fr": r"(?:(?:le|la|les|l')\s*)?", "en": r"(?:(?:the|The)\s+)?"}
_ROLES = {
    "fr": r"(?:gouverneur|maire|chef de l'administration militaire|administration militaire|autorités locales|"
          r"autorités|police|armée de l'air|état-major|parquet|services de secours|procureur)",
    "en": r"(?:governor|mayor|head of the military administration|military administration|regional administration|local authorities|"
          r"authorities|police|air force|general staff|prosecutor's office|prosecutors|emergency services|officials)",
}
_VERBS = {
    "fr": r"(?:a|ont|avait|avaient)\s+(?:déclaré|indiqué|rapporté|annoncé|écrit|affirmé|précisé|signalé|confirmé|"
          r"accusé|publié|ajouté)",
    "en": r"(?:said|says|reported|reports|announced|wrote|stated|confirmed|posted|told|added|accused)",
}
_INTRO = {"fr": r"\b(?i:selon)\s+", "en": r"\b(?i:according to)\s+"}
_CHANNELS = (r"\b(?:sur|on|via)\s+(?:l'application de messagerie\s+|the messaging app\s+|(?:his|her|their|son|sa|leur)\s+)?"
             r"(?:(?:chaîne|canal|compte|channel|account)\s+)?(Telegram|Facebook|X|Twitter|Instagram|YouTube)\b")
_PREPOSITIONS = ("de", "of", "du", "à", "À", "sur", "dans", "Dans", "in", "In", "near", "at", "At", "en", "En", "au",
                 "Au", "over", "près", "vers", "from", "depuis", "par", "Par", "selon", "Selon")
_SKIP = frozenset({"M", "Mme", "Mr", "Mrs", "Ms", "Dr", "Le", "La", "Les", "The", "Il", "Elle", "He", "She", "It"})
_TITLES = re.compile(r"^(?:The|Le|La|Les|L'|M\.|Mme|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Governor|Mayor|President|Président|"
                     r"Gouverneur|Maire)\s*(?=[A-ZÀ-Ý])")


def _clean(name: str) -> str:
    name = _TITLES.sub("", name.strip(" ,.'"))
    return "" if name in _SKIP or len(name) < 2 else name


def find_sources(text: str, lang: str) -> list[str]:
    """Named sources, in order of appearance, without repeats. Roles without a name keep the role ("governor")."""
    art, roles, verbs = _ARTICLE[lang], _ROLES[lang], _VERBS[lang]
    bodies = find_bodies(text)
    found: list[tuple[int, str]] = [(start, body) for start, _, body in bodies]
    for start, end, _ in bodies:
        text = text[:start] + " " * (end - start) + text[end:]
    role_place = r"(?:\s+(?:de|du|des|of)\s+(?:la\s+|the\s+)?(?:région de\s+|oblast\s+)?[A-ZÀ-Ý][\w'-]*(?:\s+(?i:region|oblast))?)?"
    # "selon Reuters", "according to the governor of Kharkiv Oblast, Oleh Syniehubov"
    for m in re.finditer(_INTRO[lang] + art + rf"(?:(?P<role>(?i:{roles})){role_place}(?:\s*,?\s*(?P<rname>{_NAME}))?"
                         rf"|(?P<name>{_NAME}))", text):
        name = _clean(m.group("rname") or m.group("name") or "")
        found.append((m.start(), name or m.group(0)[len(re.match(_INTRO[lang] + art, m.group(0)).group(0)):].strip()))
    # "Vitali Klitschko, a déclaré", "the Kyiv Independent reported" (not "sur Zaporijia, a annoncé")
    not_after_preposition = "".join(rf"(?<!\b{p} )" for p in _PREPOSITIONS)
    for m in re.finditer(rf"(?<![\w']){not_after_preposition}(?P<name>{_NAME})\s*,?\s+{verbs}\b", text):
        found.append((m.start(), _clean(m.group("name"))))
    # "Andrii Kovalenko, directeur du Centre ..., a déclaré"
    for m in re.finditer(rf"^(?P<name>{_NAME})\s*,[^,]{{2,160}},\s+{verbs}\b", text):
        if m.group("name").split()[0].lower() not in _PREPOSITIONS and " " in m.group("name"):
            found.append((m.start(), _clean(m.group("name"))))
    # "a déclaré le maire Klitschko", "said Governor Oleh Syniehubov"
    for m in re.finditer(rf"{verbs}\s+{art}(?P<role>{roles})?{role_place}\s*,?\s*(?P<name>{_NAME})?", text):
        name = _clean(m.group("name") or "")
        if name or m.group("role"):
            found.append((m.start(), name or m.group(0)[len(re.match(verbs, m.group(0)).group(0)):].strip(" ,")))
    # "the mayor of Odesa said", "les autorités ukrainiennes avaient accusé"
    for m in re.finditer(rf"\b{art}(?:[A-Z][\w-]+\s+)?(?P<role>(?i:{roles}){role_place})(?:\s+[a-zé]+(?:nes?|ns|es))?\s+{verbs}\b",
                         text):
        found.append((m.start(), m.group("role")))
    # "sur Telegram", "on Telegram"
    for m in re.finditer(_CHANNELS, text):
        found.append((m.start(), m.group(1)))
    names: list[str] = []
    for _, name in sorted(found):
        name = re.sub(r"^(?:the|le|la|les|l')\s*", "", name.strip(), flags=re.I) if name.islower() else name
        if name and not any(name.lower() in other.lower() for other in names):
            names = [n for n in names if n.lower() not in name.lower()] + [name]
    return names
