"""Who the text says an item rests on: "selon Reuters", "a déclaré sur Telegram", "according to the governor",
"the Kyiv Independent reported". Only names that the text itself gives; nothing is guessed."""
from __future__ import annotations

import re

from .claims import find_bodies
from .morphology import is_surname

CHANNELS = ("Telegram", "Facebook", "X", "Twitter", "Instagram", "YouTube")  # where a source posts, not who it is
_NAME = r"(?:[A-ZÀ-Ý][\w'-]*\.?)(?:\s+(?:[A-ZÀ-Ý][\w'-]*))*"
_ARTICLE = {"fr": r"(?:(?:les|le|la)\s+|l')?", "en": r"(?:(?:the|The)\s+)?"}
_ROLES = {
    "fr": r"(?:gouverneur(?: r[ée]gional)?|maire|chef de l'administration militaire(?: r[ée]gionale| municipale)?|administration militaire|"
          r"autorités locales|"
          r"autorités|police|armée de l'air|état-major|parquet|services de secours|procureur)",
    "en": r"(?:governor|mayor|head of the (?:[A-Z][\w'-]+\s+)?(?:regional |city )?(?:military |state )?administration|"
          r"military administration|regional administration|local authorities|"
          r"authorities|police|air force|general staff|prosecutor's office|prosecutors|emergency services|officials)",
}
_VERBS = {
    "fr": r"(?:a|ont|avait|avaient)\s+(?:déclaré|indiqué|rapporté|annoncé|écrit|affirmé|précisé|signalé|confirmé|"
          r"accusé|publié|ajouté)",
    "en": r"(?:said|says|reported|reports|announced|wrote|stated|confirmed|posted|told|added|accused)",
}
_INTRO = {"fr": r"\b(?i:selon)\s+", "en": r"\b(?i:according to)\s+"}
# whom a speaker told it, between the verb and the speaker ("a indiqué à l'AFP le gouverneur", "заявил РИА Новости
# губернатор", "сказав Укрінформу голова ОВА") or after the speaker ("a indiqué le gouverneur à l'AFP"): an outlet,
# which is a source too, as in "the governor told AFP"
_ADDRESSEE = {
    "fr": r"(?:à|au|aux)\s+(?:l'|la\s+|le\s+|les\s+)?(?:(?:agence|chaîne|journal|quotidien|télévision)\s+)?"
          r"(?P<outlet>[A-ZÀ-Ý][\w'-]*(?:\s+[A-ZÀ-Ý][\w'-]*)*)",
    "en": r"(?:to\s+)?(?:the\s+)?(?P<outlet>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)",
    "uk": r"(?:(?:інформ)?(?:агентств\w*|телеканал\w*|виданн\w*|газет\w*)\s+)?«?(?P<outlet>[А-ЯІЇЄҐ][\w'-]*"
          r"(?:[\s-][А-ЯІЇЄҐ][\w'-]*)*)»?",
    "ru": r"(?:(?:информ)?(?:агентств\w*|телеканал\w*|издани\w*|газет\w*)\s+)?«?(?P<outlet>[А-ЯЁ][\w-]*"
          r"(?:[\s-][А-ЯЁ][\w-]*)*)»?",
}
_CHANNELS = (r"\b(?:sur|on|via)\s+(?:l'application de messagerie\s+|the messaging app\s+|(?:his|her|their|son|sa|leur)\s+)?"
             r"(?:(?:chaîne|canal|compte|channel|account)\s+)?(" + "|".join(CHANNELS) + r")\b")
_PREPOSITIONS = ("de", "of", "du", "à", "À", "sur", "dans", "Dans", "in", "In", "on", "On", "against", "near", "at", "At",
                 "en", "En", "au",
                 "Au", "over", "près", "vers", "from", "depuis", "par", "Par", "selon", "Selon")
_SKIP = frozenset({"M", "Mme", "Mr", "Mrs", "Ms", "Dr", "Le", "La", "Les", "The", "Il", "Elle", "He", "She", "It",
                   # "he said the Russians had attacked": the side that acted, not who speaks
                   "Russians", "Ukrainians", "Russes", "Ukrainiens", "Russian", "Ukrainian",
                   # "on Friday, the General Staff said": a day is not a source
                   "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Lundi", "Mardi",
                   "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"})
# a title written before a name ("Governor Oleh Syniehubov"), which the source leaves out and places must skip too
TITLE = (r"(?:The|Le|La|Les|L'|M\.|Mme|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Governor|Mayor|President|Président|"
         r"Gouverneur|Maire)")
_TITLES = re.compile(rf"^{TITLE}\s*(?=[A-ZÀ-Ý])")


def _clean(name: str) -> str:
    name = _TITLES.sub("", name.strip(" ,.'"))
    return "" if name in _SKIP or len(name) < 2 else name


def _inverted(text: str, said: re.Match, lead: str, who: str, bodies: list[tuple[int, int, str]]) -> bool:
    """Whether the verb of saying that ends `said` (after a comma) has its speaker right after it, as wire reports
    put it ("..., a indiqué le gouverneur", "..., said the Russian Defence Ministry", "..., повідомив голова ОВА"):
    the words before the comma are what was said, not who said it. `lead` is what may come between the verb and its
    speaker (a day, an article), `who` a speaker's pattern, `bodies` the state bodies found (`find_bodies`), which
    `text` has blanked out."""
    if "," not in said.group(0):
        return False
    after = text[said.end():]
    return re.match(rf"\s+{lead}(?:{who})", after) is not None or any(
        start > said.end() and re.fullmatch(rf"\s+{lead}\s*", text[said.end():start]) for start, _, _ in bodies)


def _distinct(found: list[tuple[int, str]]) -> list[str]:
    names: list[str] = []
    for _, name in sorted(found):
        name = re.sub(r"^(?:(?:the|les|le|la)\s+|l')", "", name.strip(), flags=re.I) if name.islower() else name
        if name and not any(name.lower() in other.lower() for other in names):
            names = [n for n in names if n.lower() not in name.lower()] + [name]
    return names


def find_sources(text: str, lang: str) -> list[str]:
    """Named sources of a sentence in `lang`, in order of appearance, without repeats. Roles without a name keep
    the role ("governor", "голова Харківської ОВА"). Raises KeyError for a language without rules."""
    if lang in _SLAVIC:
        return _slavic_sources(text, lang)
    art, roles, verbs = _ARTICLE[lang], _ROLES[lang], _VERBS[lang]
    bodies = find_bodies(text)
    found: list[tuple[int, str]] = [(start, body) for start, _, body in bodies]
    for start, end, _ in bodies:
        text = text[:start] + " " * (end - start) + text[end:]
    # "gouverneur de la région russe de Koursk", "governor of Russia's Belgorod region"
    role_place = (r"(?:\s+(?:de|du|des|of)\s+(?:la\s+|the\s+)?(?:région\s+(?:russe\s+|ukrainienne\s+)?de\s+|oblast\s+)?"
                  r"(?:(?:Russia|Ukraine)'s\s+)?[A-ZÀ-Ý][\w'-]*(?:\s+(?i:region|oblast))?)?")
    # "selon Reuters", "according to the governor of Kharkiv Oblast, Oleh Syniehubov"
    for m in re.finditer(_INTRO[lang] + art + rf"(?:(?P<role>(?i:{roles})){role_place}(?:\s*,?\s*(?P<rname>{_NAME}))?"
                         rf"|(?P<name>{_NAME}))", text):
        name = _clean(m.group("rname") or m.group("name") or "")
        role = m.group(0)[len(re.match(_INTRO[lang] + art, m.group(0)).group(0)):
                          m.start("rname") - m.start() if name and m.group("rname") else None].strip(" ,")
        found += [(m.start(), role)] * bool(m.group("role")) + [(m.start() + 1, name)] * bool(name)
    # "a déclaré samedi le gouverneur", "said on Sunday the governor": the day between dates the statement
    when = r"(?:(?:on\s+)?(?i:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|" \
           r"friday|saturday|sunday|hier|yesterday|today|aujourd'hui)(?:\s+(?:soir|matin|midi|après-midi|evening|" \
           r"morning))?\s*,?\s+)?"
    lead, who = rf"{when}(?:{_ADDRESSEE[lang]}\s*,?\s+)?{when}{art}", rf"(?i:{roles})\b|{_NAME}"
    # "Vitali Klitschko, a déclaré", "the Kyiv Independent reported" (not "sur Zaporijia, a annoncé", nor
    # "ont frappé Kharkiv, a indiqué le gouverneur", whose speaker follows the verb)
    not_after_preposition = "".join(rf"(?<!\b{p} )" for p in _PREPOSITIONS)
    for m in re.finditer(rf"(?<![\w']){not_after_preposition}(?P<name>{_NAME})\s*,?\s+{verbs}\b", text):
        if not _inverted(text, m, lead, who, bodies):
            name = _clean(m.group("name"))  # "Governor Oleh Syniehubov": the person comes after the title
            found.append((m.start() + max(0, m.group("name").find(name)), name))
    # "regional governor Ivan Fedorov said": the role is a source too, as it says who the person speaks for
    # "..., the governor of Russia's Belgorod region, Vyacheslav Gladkov, said" (a title with its place that opens
    # the sentence, "Le maire de Kyiv, Vitali Klitschko, a déclaré que...", leaves its place to the sentence)
    for m in re.finditer(rf"\b(?P<role>(?:regional |city |acting |local )?(?:{roles}|Governor|Mayor|Gouverneur|Maire)(?P<of>{role_place}))"
                         rf"\s*,?\s*"
                         rf"(?P<name>{_NAME})\s*,?\s+{verbs}\b", text):
        opens = re.fullmatch(rf"[\W_]*{art}", text[:m.start()], re.I) is not None
        if _clean(m.group("name")) and not (opens and (m.group("of") or re.search(r"[A-ZÀ-Ý]", m.group("role")))):
            role = m.group("role")
            found.append((m.start(), role[:1].lower() + role[1:]))  # "Governor Oleh Syniehubov said": the title
    # "Andrii Kovalenko, directeur du Centre ..., a déclaré"
    for m in re.finditer(rf"^(?P<name>{_NAME})\s*,[^,]{{2,160}},\s+{verbs}\b", text):
        if m.group("name").split()[0].lower() not in _PREPOSITIONS and " " in m.group("name") \
                and not _inverted(text, m, lead, who, bodies):
            found.append((m.start(), _clean(m.group("name"))))
    # "a déclaré le maire Klitschko", "said Governor Oleh Syniehubov"
    # (the title says whom the person speaks for, as it does before the name)
    for m in re.finditer(rf"{verbs}\s+{when}(?:{_ADDRESSEE[lang]}\s*,?\s+(?={when}{art}(?i:{roles})))?{when}{art}"
                         rf"(?P<role>(?i:{roles}))?{role_place}\s*,?\s*(?P<name>{_NAME})?", text):
        name = _clean(m.group("name") or "")
        said = m.group(0)[:m.start("role") - m.start() if m.group("role") else m.start("name") - m.start()
                          if m.group("name") else None]
        said = said[:len(said) - len(re.search(rf"{art}$", said).group(0))]
        if m.group("outlet"):
            found.append((m.start("outlet"), m.group("outlet")))
        told = re.match(rf"\s*,?\s*{_ADDRESSEE[lang]}", text[m.end():]) if lang == "fr" and m.group("role") else None
        if told:  # "a indiqué le gouverneur à l'AFP"
            found.append((m.end() + told.start("outlet"), told.group("outlet")))
        role = m.group(0)[len(said):m.start("name") - m.start() if name else None]
        role = re.sub(rf"^{art}", "", role.strip(" ,"))
        role = role[:1].lower() + role[1:]  # "said Governor Oleh Syniehubov": the title, not a name
        found += [(m.start(), role)] * bool(m.group("role")) + [(m.start() + 1, name)] * bool(name)
    # "the mayor of Odesa said", "les autorités ukrainiennes avaient accusé"
    for m in re.finditer(rf"\b{art}(?:[A-Z][\w-]+\s+)?(?P<role>(?i:{roles}){role_place}(?:\s+[a-zé]+(?:nes?|ns|es))?)\s+{verbs}\b",
                         text):
        found.append((m.start(), m.group("role")))
    # "sur Telegram", "on Telegram"
    for m in re.finditer(_CHANNELS, text):
        found.append((m.start(), m.group(1)))
    return _distinct(found)


# ---- Ukrainian and Russian: officials' titles come before or after their names, places in the genitive ----------
_UPPER = "А-ЯЁІЇЄҐ"
# a person: first and last name at least, words not acronyms ("Вячеслав Гладков", not "Гладков РИА")
_SLAVIC_NAME = rf"(?-i:[{_UPPER}][а-яёіїєґ'][\w'-]*(?:\s+[{_UPPER}][а-яёіїєґ'][\w'-]*){{1,2}})"
# "врио губернатора", "исполняющий обязанности", "т.в.о. начальника": an acting official speaks for the office
_ACTING = (r"(?:(?:врио|ВРИО|и\.\s?о\.|исполняющ\w*\s+обязанности|т\.\s?в\.\s?о\.|в\.\s?о\.|"
           r"(?:тимчасово\s+)?виконуюч\w*\s+обов['’]язки)\s+)?")
_SLAVIC_ROLES = {
    "uk": rf"{_ACTING}(?:(?:голов[аиіу]|начальник\w*|очільни\w*|керівни\w*)\s+(?:[{_UPPER}][\w'-]*\s+)?(?:обласн\w*\s+|міськ\w*\s+)?"
          rf"(?:військов\w*\s+)?(?:адміністрац\w*|ОВА|МВА|РВА|громади)|міськ\w*\s+голов\w*(?:\s+[{_UPPER}][\w'-]*)?|"
          rf"мер\w*(?:\s+[{_UPPER}][\w'-]*)?|губернатор\w*(?:\s+[{_UPPER}][\w'-]*\s+област\w*)?|"
          rf"(?:[{_UPPER}][\w'-]*\s+)?(?:ОВА|МВА)|(?:обласн|міськ)\w*\s+військов\w*\s+адміністрац\w*|ДСНС|"
          rf"(?:[Нн]аціональн\w*\s+поліці\w*|[Нн]ацполіці\w*)|поліці\w*|прокуратур\w*|місцев\w*\s+влад\w*|"
          rf"(?:[Сс]ил\w*\s+оборони(?:\s+півдня)?))",
    "ru": rf"{_ACTING}(?:губернатор\w*(?:\s+[{_UPPER}][\w-]*\s+област\w*)?|"
          rf"начальник\w*\s+(?:[{_UPPER}][\w-]*\s+)?(?:областн\w*\s+|городск\w*\s+)?(?:военн\w*\s+)?"
          rf"(?:администраци\w*|ОВА|ГВА)|глав[аыуе]\s+(?:администрации\s+)?(?:[{_UPPER}][\w-]*\s+)?"
          rf"(?:област\w*(?:\s+военн\w*)?(?:\s+администраци\w*)?|района|города|округа)|мэр\w*(?:\s+[{_UPPER}][\w-]*)?|оперштаб\w*|оперативн\w*\s+штаб\w*|"
          rf"МЧС|полици\w*|прокуратур\w*|местн\w*\s+власт\w*|администраци\w*(?:\s+(?:города|района|[{_UPPER}][\w-]*))?)",
}
_SLAVIC_VERBS = {
    "uk": r"(?:повідоми\w*|заяви\w*|написа\w*|зазначи\w*|дода\w*|розпові\w*|уточни\w*|інформу\w*|підтверди\w*|"
          r"сказа\w*)",
    "ru": r"(?:сообщи\w*|заяви\w*|написа\w*|отмети\w*|добави\w*|рассказа\w*|уточни\w*|информиру\w*|подтверди\w*|"
          r"сказа\w*)",
}
_SLAVIC_INTRO = {
    "uk": r"(?:[Зз]а словами|[Зз]а даними|[Зз]а інформацією|[Яя]к повідоми\w*|[Яя]к повідомляє)",
    "ru": r"(?:[Пп]о словам|[Пп]о данным|[Пп]о информации|[Кк]ак сообщи\w*|[Кк]ак сообщает)",
}
_SLAVIC_CHANNEL = re.compile(r"\b(?:у|в)\s+(?:своєму\s+|своем\s+|своїй\s+|своей\s+)?(?:Telegram|[Тт]елеграм)\w*(?:[- ]кана\w*)?")
_SLAVIC = tuple(_SLAVIC_ROLES)
# one capitalised word that `morphology.is_surname` must confirm ("Синєгубов"; not "Гладков РИА", an acronym after)
_SURNAME = rf"(?-i:[{_UPPER}][а-яёіїєґ'][\w'-]*)(?!\s+[{_UPPER}])"
# "в ефірі телемарафону", "в эфире телеканала «Россия 24»", "в інтерв'ю Суспільному": where a speaker said it
_SLAVIC_ON_AIR = re.compile(
    rf"\b(?:у|в)\s+(?:ефірі|эфире|інтерв'ю|інтерв’ю|интервью)\s+(?:(?:телеканал\w*|радіо|радио|агентств\w*|"
    rf"виданн\w*|издани\w*|газет\w*)\s+)?(?P<outlet>телемарафон\w*(?:\s+«[^»]+»)?|«[^»]+»|"
    rf"[{_UPPER}][\w'’-]*(?:[\s-][{_UPPER}][\w'’-]*)*)")
# "Донецкой Народной Республики, сообщило": capitalised words that are a place or an institution, not a person
_NOT_A_PERSON = re.compile(r"(?i:республик|област|народн|міністерств|министерств|генштаб|сил\b|войск|військ|"
                           r"адміністрац|администрац|\w+(?:ська|ський|ської|ской|ская|ский|ского)\b)")


def _slavic_sources(text: str, lang: str) -> list[str]:
    bodies = find_bodies(text)
    found: list[tuple[int, str]] = [(start, body) for start, _, body in bodies]
    for start, end, _ in bodies:
        text = text[:start] + " " * (end - start) + text[end:]
    role, verb, intro = _SLAVIC_ROLES[lang], _SLAVIC_VERBS[lang], _SLAVIC_INTRO[lang]
    who = rf"(?P<role>(?i:{role}))?\s*,?\s*(?P<name>{_SLAVIC_NAME})?"  # a title may open the sentence
    speaker = rf"(?i:{role})|{_SLAVIC_NAME}"
    # "заявил РИА Новости губернатор", "сказав Суспільному, що"
    told = rf"(?:{_ADDRESSEE[lang]}\s*,?\s+(?=(?:у\s+|в\s+)?(?:{speaker})|(?:що|что)\b))?"
    patterns = [
        rf"{intro}\s+(?:у\s+|в\s+)?{who}",  # "за словами голови ОВА", "по данным Минобороны"
        rf"\b{verb}\s+{told}(?:у\s+|в\s+)?{who}",  # "повідомив голова ОВА Олег Синєгубов", "сообщили в администрации"
        rf"{who}\s*,?\s+{verb}\b",  # "Голова ОВА Олег Синєгубов повідомив"
    ]
    for pattern in patterns:
        for m in re.finditer(pattern, text):
            if pattern.startswith(who) and _inverted(text, m, told + r"(?:у\s+|в\s+)?", speaker, bodies):
                continue  # "атакували Нову Каховку, повідомив голова ОВА": the speaker follows the verb
            if "outlet" in m.groupdict() and m.group("outlet"):
                found.append((m.start("outlet"), m.group("outlet")))
            if m.group("role"):
                found.append((m.start("role"), m.group("role")))
            if m.group("name") and not _NOT_A_PERSON.search(m.group("name")):
                found.append((m.start("name"), m.group("name")))
    # "..., повідомив Синєгубов", "Гладков сообщил, что": a surname alone is the speaker, with no role invented
    for pattern in (rf"\b{verb}\s+{told}(?P<surname>{_SURNAME})(?=\s*(?:[,.;:!?)]|$)|\s+(?:у|в)\s|\s+(?:що|что)\b)",
                    rf"^[\W_]*(?P<surname>{_SURNAME})\s*,?\s+{verb}\b"):
        for m in re.finditer(pattern, text):
            if is_surname(m.group("surname"), lang):
                found.append((m.start("surname"), m.group("surname")))
                if "outlet" in m.groupdict() and m.group("outlet"):
                    found.append((m.start("outlet"), m.group("outlet")))
    # "заявив голова ОВА в ефірі телемарафону", "сообщил губернатор в интервью «Известиям»": the outlet after the
    # speaker is a source, as one between the verb and the speaker is
    for m in _SLAVIC_ON_AIR.finditer(text):
        found.append((m.start("outlet"), m.group("outlet").strip("«»")))
    for m in _SLAVIC_CHANNEL.finditer(text):
        found.append((m.start(), "Telegram"))
    return _distinct(found)


def signature(line: str, lang: str) -> str:
    """The official a post is signed by, when `line` (the post's last line) is only a title, with or without a
    person's name ("Голова ОВА", "Начальник Запорізької ОВА Іван Федоров", "Governor Oleh Syniehubov"): the
    title as written, whose English form says who speaks for the whole post. '' for any other line."""
    if lang in _SLAVIC:
        article, role, name = "", _SLAVIC_ROLES[lang], _SLAVIC_NAME
    else:
        article = rf"(?i:{_ARTICLE[lang]})"
        role, name = rf"{_ROLES[lang]}(?:\s+(?:de|du|des|of)\s+(?:la\s+|the\s+)?{_NAME})?", _NAME
    for pattern in (rf"{article}(?P<role>(?i:{role}))(?:\s*,?\s*{name})?",
                    rf"{name}\s*,?\s+{article}(?P<role>(?i:{role}))"):
        match = re.fullmatch(rf"[\W_]*{pattern}[\s.]*", line.strip())
        if match:
            return match.group("role")
    return ""


# Consistent English forms of the roles that texts name in their own language; first match wins.
_ENGLISH_ROLES = [
    (r"chef de l'administration militaire r[ée]gionale|head of the (?:[A-Z][\w'-]+ )?regional (?:military |state )?"
     r"administration|gouverneur|"
     r"governor", "Regional governor", "Governor"),
    (r"administration militaire (?:de la ville|municipale)|city(?:'s)? military administration", "City military administration",
     "Military administration"),
    (r"administration militaire r[ée]gionale|regional military administration", "Regional military administration",
     "Military administration"),
    (r"administration militaire|military administration", "Military administration", "Military administration"),
    (r"administration r[ée]gionale|regional administration", "Regional administration", "Regional administration"),
    (r"maire|mayor", "Mayor", "Mayor"),
    (r"autorit[ée]s locales|local authorities", "Local authorities", "Local authorities"),
    (r"autorit[ée]s ukrainiennes|ukrainian authorities", "Ukrainian authorities", "Ukrainian authorities"),
    (r"autorit[ée]s russes|russian authorities", "Russian authorities", "Russian authorities"),
    (r"autorit[ée]s|authorities", "Authorities", "Authorities"),
    (r"arm[ée]e de l'air|air force", "Air force", "Air force"),
    (r"[ée]tat-major|general staff", "General Staff", "General Staff"),
    (r"parquet|procureur|prosecutor", "Prosecutor's office", "Prosecutor's office"),
    (r"services de secours|emergency services", "Emergency services", "Emergency services"),
    (r"police", "Police", "Police"),
    (r"officials", "Officials", "Officials"),
]
# Ukrainian and Russian titles: (pattern, form alone, form with a place, is the place a region)
_SLAVIC_ENGLISH_ROLES = [
    (r"(?i:(?:голов|начальник|очільник|керівник)\w*\s+.*обласн|губернатор|глав\w*\s+(?:\w+\s+)?област)|"
     r"(?i:голов|начальник|очільник|керівник)\w*\s+.*\bОВА\b", "Regional governor", "Governor", True),
    (r"(?i:міськ\w*\s+голов|\bмер\b|\bмера\b|\bмэр|глав\w*\s+(?:\w+\s+)?города)", "Mayor", "Mayor", False),
    (r"\bМВА\b|(?i:міськ\w*\s+військов)", "City military administration", "City military administration", False),
    (r"\bОВА\b|(?i:обласн\w*\s+військов)", "Regional military administration", "Regional military administration",
     True),
    (r"\bРВА\b|(?i:районн\w*\s+військов)", "District military administration", "District military administration",
     False),
    (r"(?i:військов\w*\s+адміністрац|адміністрац\w*\s+громади)", "Military administration", "Military administration",
     False),
    (r"\bДСНС\b", "State Emergency Service of Ukraine", "State Emergency Service of Ukraine", False),
    (r"\bМЧС\b", "Russian Emergencies Ministry", "Russian Emergencies Ministry", False),
    (r"(?i:поліці|полици)", "Police", "Police", False),
    (r"(?i:прокуратур)", "Prosecutor's office", "Prosecutor's office", False),
    (r"(?i:оперштаб|оперативн\w*\s+штаб)", "Operational headquarters", "Operational headquarters", False),
    (r"(?i:сил\w*\s+оборони)", "Ukrainian Defence Forces", "Ukrainian Defence Forces", False),
    (r"(?i:місцев\w*\s+влад|местн\w*\s+власт)", "Local authorities", "Local authorities", False),
    (r"(?i:^телемарафон)", "National telethon", "National telethon", False),
    (r"(?i:администраци)", "Administration", "Administration", False),
]
# the place in a title, not the title's own words nor an acronym such as ОВА
_SLAVIC_PLACE = re.compile(rf"(?<!\w)(?!(?:Голов|Начальник|Очільник|Керівник|Губернатор|Мер|Мэр|Глав|Міськ|Городск|"
                           rf"Администрац|Адміністрац)\w*)(?P<place>[{_UPPER}][\w'-]*[а-яёіїєґ'][\w'-]*)")


def _slavic_english(name: str, place_name) -> str | None:
    for pattern, alone, titled, region in _SLAVIC_ENGLISH_ROLES:
        if re.search(pattern, name):
            where = _SLAVIC_PLACE.search(name)
            if where is None:
                return alone
            place = place_name(where.group("place"), region) if place_name else None
            return f"{titled} of {place}" if place else alone
    return None


_ROLE_OF = re.compile(r"\s(?:de|du|des|d'|of)\s+(?:la\s+|l'|the\s+)?(?:(?:ville|(?P<region>région|oblast|province))\s+"
                      r"(?:russe\s+|ukrainienne\s+)?(?:de\s+|d')?)?(?:(?:Russia|Ukraine)'s\s+)?(?P<place>[A-ZÀ-Ý][\w'-]*(?:[ -][A-ZÀ-Ý][\w'-]*)*)(?P<after>\s+(?:region|oblast))?")


def english_source(name: str, place_name=None) -> str:
    """A consistent English form of a source as the text names it: "gouverneur de la région de Briansk" ->
    "Governor of Bryansk Oblast", "autorités ukrainiennes" -> "Ukrainian authorities", "the city's mayor" ->
    "Mayor". Names of people, outlets and institutions are returned unchanged.

    `place_name(text, region) -> str | None` gives the standard name of a place written in the role (the
    geocoder's; `region` is True for "de la région de X"); without it, or when it knows none, the place is kept
    as written.
    """
    if re.search(r"[а-яёіїєґ]", name, re.I):
        return _slavic_english(name, place_name) or name
    if name[:1].isupper():
        return name
    for pattern, alone, titled in _ENGLISH_ROLES:
        if re.search(pattern, name, re.I):
            where = _ROLE_OF.search(name)
            if where is None:
                return alone
            # a governor's or a regional administration's place is its region ("de Kherson": Kherson Oblast)
            region = bool(where.group("region") or where.group("after")) or titled == "Governor"
            place = (place_name(where.group("place"), region) if place_name else None) or where.group("place")
            return f"{titled} of {place}"
    return name


def _is_person(name: str) -> bool:
    """A person's name as sources find it: two or three capitalised words, not an outlet, channel or institution."""
    words = name.split()
    return (2 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and name not in CHANNELS
            and not find_bodies(name) and not _NOT_A_PERSON.search(name)
            and english_source(name[:1].lower() + name[1:]) == name[:1].lower() + name[1:])


def officials(names: list[str], text: str) -> list[tuple[str, str]]:
    """Each source of `names` (as `find_sources` gives them, in order) as (source, person): an official's title
    and the name the text gives right after it ("the head of the regional military administration, Oleh
    Syniehubov", "голова ОВА Олег Синєгубов", "le gouverneur régional Oleh Syniehoubov") are one source, the title
    with its person; any other source has person ''. `text` is what the names were found in."""
    out: list[tuple[str, str]] = []
    for name in names:
        if out and not out[-1][1] and _is_person(name) and english_source(out[-1][0]) != out[-1][0] \
                and re.search(re.escape(out[-1][0]) + r"[\s,]*(?:(?i:r[ée]gional|regional)\s+)?" + re.escape(name),
                              text, re.I):
            out[-1] = (out[-1][0], name)
        else:
            out.append((name, ""))
    return out


def with_person(english: str, person: str) -> str:
    """The one form of an official with a name: the title's English form, then the person as the text writes the
    name ("Governor of Kharkiv Oblast (Oleh Syniehubov)", "Regional governor (Олег Синєгубов)")."""
    return f"{english} ({person})" if person else english
