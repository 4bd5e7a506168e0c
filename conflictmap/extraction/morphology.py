"""Base forms of Ukrainian and Russian place names, so that "у Харкові", "на Харківщині", "Харківської області",
"в Курской области" and "Белгородского района" reach the geocoder as "Харків", "Харківська область", "Курская
область", "Белгородский район".

Cases come off with pymorphy3 and its Ukrainian and Russian dictionaries (OpenCorpora and LanguageTool data, on
PyPI as pymorphy3-dicts-uk and pymorphy3-dicts-ru): every reading of a word is put back in the nominative, keeping
its gender and number ("Харківської" is feminine, as "області" is), and the readings are ordered from the likeliest
for a place name (inanimate nouns, then adjectives) to the least (surnames and first names, which the dictionaries
also hold: "Харкові" can be the surname "Харко"). The caller tries them in order against the geocoder. Names of
regions derived from a city ("Харківщина", "Сумщина", "Донеччина") are a small table pointing at the oblast.
French and English names are returned as written.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice, product

CYRILLIC = re.compile(r"[а-яёіїєґ]", re.I)

# "-щина" regions, in both languages, and the oblast each one names (as the geocoder's curated table spells it)
REGION_NOUNS = {
    "uk": {
        "харківщина": "Харківська область", "сумщина": "Сумська область", "херсонщина": "Херсонська область",
        "запоріжчина": "Запорізька область", "дніпропетровщина": "Дніпропетровська область",
        "дніпровщина": "Дніпропетровська область", "одещина": "Одеська область",
        "миколаївщина": "Миколаївська область", "полтавщина": "Полтавська область",
        "чернігівщина": "Чернігівська область", "житомирщина": "Житомирська область", "київщина": "Київська область",
        "донеччина": "Донецька область", "луганщина": "Луганська область", "черкащина": "Черкаська область",
        "вінниччина": "Вінницька область", "хмельниччина": "Хмельницька область",
        "тернопільщина": "Тернопільська область", "львівщина": "Львівська область",
        "рівненщина": "Рівненська область", "кіровоградщина": "Кіровоградська область",
        "кропивниччина": "Кіровоградська область", "чернівеччина": "Чернівецька область",
        "буковина": "Чернівецька область", "закарпаття": "Закарпатська область", "волинь": "Волинська область",
        "прикарпаття": "Івано-Франківська область", "білгородщина": "Бєлгородська область",
        "бєлгородщина": "Бєлгородська область", "курщина": "Курська область", "брянщина": "Брянська область",
        "донецька народна республіка": "Донецька область", "луганська народна республіка": "Луганська область",
    },
    "ru": {
        "харьковщина": "Харьковская область", "сумщина": "Сумская область", "херсонщина": "Херсонская область",
        "запорожье": "", "днепропетровщина": "Днепропетровская область", "одесщина": "Одесская область",
        "николаевщина": "Николаевская область", "полтавщина": "Полтавская область",
        "черниговщина": "Черниговская область", "житомирщина": "Житомирская область",
        "киевщина": "Киевская область", "донетчина": "Донецкая область", "луганщина": "Луганская область",
        "черкасщина": "Черкасская область", "винничина": "Винницкая область", "белгородчина": "Белгородская область",
        "белгородщина": "Белгородская область", "курщина": "Курская область", "брянщина": "Брянская область",
        # the names Russia gives the parts of Donetsk and Luhansk oblasts it holds
        "донецкая народная республика": "Донецкая область", "луганская народная республика": "Луганская область",
    },
}
# "на Сумщине", "Харківщиною": the case ending of a "-щина" noun, which the dictionaries often do not hold
_REGION_NOUN_CASE = re.compile(r"^(.+(?:щин|ччин|чин|ття|тья|инь))(?:а|и|і|ы|е|у|ю|ою|ой|ею|я|ям)$")
# Names that the dictionaries decline wrongly or not at all
_IRREGULAR = {
    "кривому розі": "Кривий Ріг", "кривого рогу": "Кривий Ріг", "кривий ріг": "Кривий Ріг",
    "кривом роге": "Кривой Рог", "кривого рога": "Кривой Рог", "кривой рог": "Кривой Рог",
}
_MAX_FORMS = 8


@lru_cache(maxsize=2)
def _analyzer(lang: str):
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


def _rank(parse) -> int:
    tag = parse.tag
    grammemes = set(tag.grammemes)  # the two dictionaries do not share a tag set: no `in` test on unknown tags
    if "Geox" in grammemes:
        return 0
    if tag.POS == "NOUN" and "inan" in grammemes:
        return 1
    if tag.POS in ("ADJF", "PRTF"):
        return 2
    if tag.POS == "NOUN":
        return 3 if not ({"Surn", "Name", "Patr"} & grammemes) else 4
    return 5


def _nominative(parse, gender: str | None) -> str | None:
    wanted = {"nomn"}
    if gender and parse.tag.POS in ("ADJF", "PRTF") and "plur" not in parse.tag.grammemes:
        wanted.add(gender)
    form = parse.inflect(wanted) or parse.inflect({"nomn"})
    return form.word if form else None


@lru_cache(maxsize=4096)
def _word_forms(word: str, lang: str, gender: str | None) -> tuple[str, ...]:
    lower = word.lower()
    region = _REGION_NOUN_CASE.match(lower)
    forms: list[str] = []
    if region and region.group(1) + "а" in REGION_NOUNS[lang]:
        forms.append(region.group(1) + "а")
    parses = _analyzer(lang).parse(lower)
    if not gender and any("nomn" in p.tag.grammemes for p in parses):
        forms.append(lower)  # "Суми", "Оріхів": written in the nominative already (also a case of "сума", "оріх")
    for parse in sorted(parses, key=_rank):  # stable: the dictionary's order within a rank
        if parse.tag.POS not in ("NOUN", "ADJF", "PRTF"):
            continue
        form = lower if "nomn" in parse.tag.grammemes and not gender else _nominative(parse, gender)
        if form:
            forms.append(form)
        if parse.tag.POS == "NOUN":
            forms.append(parse.normal_form)  # "областями" -> "область" as well as "області"
    forms.append(lower)
    return tuple(dict.fromkeys(forms))


def _head_gender(word: str, lang: str) -> str | None:
    """The gender of a span's last word when it is a common noun ("області" -> "femn"), for its adjectives."""
    for parse in _analyzer(lang).parse(word.lower()):
        if parse.tag.POS == "NOUN" and "inan" in parse.tag.grammemes:
            return parse.tag.gender
    return None


def _title(form: str, original: str) -> str:
    """Capitals where the text had them: "харківська область" for "Харківської області"."""
    words = form.split(" ")
    originals = original.split(" ")
    return " ".join("-".join(p[:1].upper() + p[1:] for p in w.split("-")) if o[:1].isupper() else w
                    for w, o in zip(words, originals))


def base_forms(name: str, lang: str) -> list[str]:
    """Candidate nominative forms of a place name as written in a Ukrainian or Russian sentence, likeliest first,
    the name as written last (the geocoder reads some case endings itself). Oblast names stand in for "-щина"
    regions. Other languages, and names with no Cyrillic letters, give [name]."""
    if lang not in ("uk", "ru") or not CYRILLIC.search(name):
        return [name]
    irregular = _IRREGULAR.get(name.lower())
    if irregular:
        return [irregular, name]
    words = name.split(" ")
    gender = _head_gender(words[-1], lang) if len(words) > 1 else None
    per_word = [_word_forms(w, lang, gender) for w in words]
    combos = islice(product(*per_word), _MAX_FORMS)
    forms = [_title(" ".join(c), name) for c in combos]
    regions = REGION_NOUNS[lang]
    out: list[str] = []
    for form in forms:
        oblast = regions.get(form.lower())
        if oblast:
            out.append(oblast)
        out.append(form)
    out.append(name)
    return list(dict.fromkeys(f for f in out if f))


def adjective_base(name: str, lang: str, gender: str = "masc") -> str:
    """The nominative of a one-word name that is an adjective, in `gender` ("masc", "femn" or "neut"), as the
    names of city districts and raions (masculine), hromadas (feminine) and many villages (neuter) are:
    "Кировском [районе]" -> "Кировский", not the town "Кировск"; "Кіровському" -> "Кіровський"; "Піщаного"
    -> "Піщане" with "neut". Other names, and other languages, give the first of `base_forms`."""
    if lang in ("uk", "ru") and CYRILLIC.search(name) and " " not in name:
        adjective = next((p for p in _analyzer(lang).parse(name.lower()) if p.tag.POS in ("ADJF", "PRTF")), None)
        if adjective is not None:
            form = adjective.normal_form if gender == "masc" else getattr(
                adjective.inflect({"nomn", gender} | ({"sing"} if lang == "ru" else set())), "word", None)
            return _title(form or adjective.normal_form, name)
    return base_forms(name, lang)[0]


def noun_phrase_base(adjective: str, noun: str, lang: str) -> str:
    """"Червоногригорівській громаді" -> "Червоногригорівська громада": a named area (hromada, raion) in the
    nominative, its adjective agreeing with its noun."""
    parse = _analyzer(lang).parse(noun.lower())[0]
    # a plural ("громадах") has no gender: its nominative singular ("громада") says it
    gender = parse.tag.gender or _analyzer(lang).parse(parse.normal_form)[0].tag.gender or "masc"
    return f"{adjective_base(adjective, lang, gender)} {parse.normal_form}"


_NAME_POS = {"NOUN", None}  # None: a word the dictionary does not know, which is how many village names read


def could_be_name(word: str, lang: str) -> bool:
    """False for a capitalised word that can only be something else than a place name: "Крім" (besides),
    "Украинские" (Ukrainian), "Також" (also). Names the dictionary does not know stay possible."""
    if lang not in ("uk", "ru") or not CYRILLIC.search(word):
        return True
    parses = _analyzer(lang).parse(word.lower())
    return not parses or parses[0].tag.POS in _NAME_POS


def is_given_name(word: str, lang: str) -> bool:
    """"Владимир", "Володимир", "Олександр": a word the dictionary knows as a person's first name (pymorphy3's
    `Name`; the Ukrainian dictionary marks some only as animate nouns), whatever place shares it."""
    if lang not in ("uk", "ru") or not CYRILLIC.search(word):
        return False
    for parse in _analyzer(lang).parse(word.lower()):
        grammemes = set(parse.tag.grammemes)
        if parse.tag.POS == "NOUN" and ("Name" in grammemes or ("anim" in grammemes and "Surn" not in grammemes)):
            return True
    return False


def is_surname(word: str, lang: str) -> bool:
    """"Синєгубов", "Гладков", "Зеленський": a capitalised word the dictionary reads as a surname (pymorphy3's
    `Surn`) or another person's name (an animate noun), and never as a place (`Geox`). Used only where grammar
    already puts a speaker ("повідомив Синєгубов"), so a word the dictionary does not know stays no surname."""
    if lang not in ("uk", "ru") or not CYRILLIC.search(word) or not word[:1].isupper():
        return False
    parses = _analyzer(lang).parse(word.lower())
    if any("Geox" in set(p.tag.grammemes) for p in parses):
        return False
    return any("Surn" in set(p.tag.grammemes) or (p.tag.POS == "NOUN" and "anim" in set(p.tag.grammemes))
               for p in parses)


def is_adjective(word: str, lang: str) -> bool:
    """"Белгородской" in "над Белгородской и Воронежской": an adjective whose noun ("области") is left out."""
    parses = _analyzer(lang).parse(word.lower()) if lang in ("uk", "ru") else []
    return bool(parses) and parses[0].tag.POS in ("ADJF", "PRTF")


# Ukraine's national romanisation (Cabinet of Ministers resolution No. 55 of 27 January 2010), read backwards: longest
# letter groups first; "yi" ends a word as "ий" ("Velykyi"), elsewhere it is "ї"
_FROM_LATIN = [("shch", "щ"), ("zgh", "зг"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"),
               ("yu", "ю"), ("ya", "я"), ("ye", "є"), ("iu", "ю"), ("ia", "я"), ("ie", "є"), ("a", "а"), ("b", "б"),
               ("v", "в"), ("h", "г"), ("g", "ґ"), ("d", "д"), ("e", "е"), ("z", "з"), ("y", "и"), ("i", "і"),
               ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"),
               ("t", "т"), ("u", "у"), ("f", "ф"), ("'", "ь"), ("’", "ь"), ("-", "-")]


def ukrainian_from_latin(word: str) -> str:
    """A Ukrainian name written in Ukraine's national romanisation, back in Cyrillic ("Velykopysarivska" ->
    "Великописарівська", the soft sign of "-ська" and "Нижньо-" put back); '' when a letter has no Ukrainian reading.
    Other soft signs, which the romanisation drops, stay lost ("Krasnopilska" -> "Краснопілська")."""
    text, out = word.lower(), []
    text = re.sub(r"yi\b", "\0", text)
    i = 0
    while i < len(text):
        if text[i] == "\0":
            out.append("ий")
            i += 1
            continue
        if text.startswith("yi", i):
            out.append("ї")
            i += 2
            continue
        pair = next(((latin, cyrillic) for latin, cyrillic in _FROM_LATIN if text.startswith(latin, i)), None)
        if pair is None:
            return ""
        out.append(pair[1])
        i += len(pair[0])
    result = "".join(out)
    # the soft signs an adjective always has ("-ська", "-цька", "Нижньо-")
    result = re.sub(r"([сцз])к(?=[аиеіоу]\w{0,2}$)", r"\1ьк", result)
    result = re.sub(r"^(нижн|верхн)о", r"\1ьо", result)
    return "-".join(part[:1].upper() + part[1:] for part in result.split("-"))
