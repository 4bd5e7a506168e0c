"""Turn place names in any of the four languages into comparable keys.

`unidecode` transliterates Cyrillic and strips accents; a small skeleton then folds the spelling
differences between English, French, German/Polish and ISO-style transliterations (Koupiansk/Kupiansk,
Zaporijia/Zaporizhzhia, Kup'yans'k, Avdiïvka) so that they meet on one key. The same function builds the
index and reads the queries, so both sides always fold the same way.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from unidecode import unidecode

_APOSTROPHES = re.compile(r"['’ʼʹ`´‘\"]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Ordered rewrites: digraphs first, so that "tch" and "shch" are read before "ch" and "sh".
_SKELETON_RULES = [
    ("shch", "sc"),
    ("tch", "ch"),
    ("zh", "j"),
    ("kh", "h"),
    ("ch", "c"),
    ("sh", "s"),
    ("ou", "u"),
    ("w", "v"),
    ("y", "i"),
]
_REPEATS = re.compile(r"([a-z])\1+")
# The romanisation-variant key: what Russian-based, Ukrainian national and loose spellings of one name keep in
# common. Russian and Ukrainian forms of a name differ in their vowels (Андреевка/Андріївка: Andreevka,
# Andriivka; Новоселовка/Новоселівка; Седово/Сєдове) and in г (g, h); the ISO and German systems write ц as c
# or z. The variant key keeps the consonants, marks where vowels stand, and keeps of a word's last vowels only
# the gender of the ending (Veseloe/Vesele and Sedovo/Siedove are neuter, Severny/Severnyi masculine), so that
# Oleksandrivske (a village) and Oleksandrivskyi (a town district) stay apart.
_VARIANT_RULES = [("g", "h"), ("x", "ks"), ("tz", "c"), ("ts", "c")]
_VOWEL_RUNS = re.compile(r"[aeiou]+")
_FINAL_VOWELS = re.compile(r"[aeiou]+\b")
_ENDING_GENDER = {"a": "a", "e": "e", "o": "e", "i": "i", "u": "u"}  # by the run's last vowel: -aia, -oe, -ii
MIN_VARIANT_CONSONANTS = 3  # shorter names ("Sil", "Azov") meet too many others on this key to be read through it


def plain(text: str) -> str:
    """Lower-case ASCII words separated by single spaces: accents, apostrophes, soft signs and hyphens gone."""
    text = unicodedata.normalize("NFKC", str(text))
    text = _APOSTROPHES.sub("", unidecode(_APOSTROPHES.sub("", text))).lower()
    return _NON_ALNUM.sub(" ", text).strip()


def skeleton(words: str) -> str:
    """Fold transliteration variants of already `plain` words onto one spelling."""
    for old, new in _SKELETON_RULES:
        words = words.replace(old, new)
    return _REPEATS.sub(r"\1", words)


@lru_cache(maxsize=200_000)
def name_key(text: str) -> str:
    """The index key of a place name."""
    return skeleton(plain(text))


@lru_cache(maxsize=200_000)
def spelling_key(text: str) -> str:
    """`name_key` with both romanisations of Cyrillic г made one (g as Russian and transliteration write it, h as
    Ukrainian does): the key under which the text search finds a place by any of its spellings ("Chuhuiv",
    "Chuhuyiv" and "Чугуїв" -> "cuhuiv"; "Izium", "Izyum", "Ізюм", "Изюм" -> "izium"). Stricter than `variant_key`,
    which also joins names that differ in their vowels and so different towns (Vasylivka, Veselivka)."""
    return name_key(text).replace("g", "h")


@lru_cache(maxsize=200_000)
def variant_key(text: str) -> str:
    """The romanisation-variant key of a place name: the same for its Russian-based, Ukrainian national and
    loose spellings ("Andreevka", "Andreyevka", "Андреевка", "Andriivka", "Андріївка" -> "andravka";
    "Veseloe", "Vesele" -> "vasale"; "Severny", "Severnyy" -> "savarni"); "" for names of fewer than MIN_VARIANT_CONSONANTS consonants.

    Many names share a variant key (Vasylivka, Veselivka): a lookup through it must count every settlement with
    the same variant key (gazetteer.Gazetteer.variant_settlements) before it answers.
    """
    return variant_of_key(name_key(text))


def variant_of_key(key: str) -> str:
    """`variant_key` of a name already folded by `name_key`."""
    words = key
    for old, new in _VARIANT_RULES:
        words = words.replace(old, new)
    words = _FINAL_VOWELS.sub(lambda m: _ENDING_GENDER[m.group()[-1]].upper(), words)
    words = _REPEATS.sub(r"\1", _VOWEL_RUNS.sub("a", words)).lower()
    consonants = sum(1 for ch in words if ch.isalpha() and ch not in "aeiu")
    return words if consonants >= MIN_VARIANT_CONSONANTS else ""


def french_reading(words: str) -> str | None:
    """The same `plain` words read with French spelling rules (ch = sh, tch = ch), or None if nothing changes.

    "Chevtchenkivskyi" is Shevchenkivskyi in French; read as English it would become a different name.
    """
    if "ch" not in words:
        return None
    marked = words.replace("tch", "\0")
    if "ch" not in marked:
        return None
    return marked.replace("ch", "sh").replace("\0", "ch")


def is_cyrillic(text: str) -> bool:
    """True when the text holds a Cyrillic letter."""
    return bool(_CYRILLIC.search(text))


def keep_alternate_name(name: str) -> bool:
    """Alternate names worth indexing (GeoNames' alternatenames, kept when the index is built): names people write,
    in Latin or Cyrillic script. Left out: an airport code ("IEV"); a name of fewer than two letters; and a Latin name
    with no capital letter, which GeoNames' lists hold as machine romanisations of other scripts' names ("ma li wu bo
    er", "marywbwl", "mrwpl" for Mariupol) and as labels entered as names (Mariupol's "hindi", "kartuli", "ri ben
    yu": the words for Hindi, Georgian and Japanese), words that would otherwise name the place in a text."""
    if sum(ch.isalpha() for ch in name) < 2:
        return False
    if len(name) <= 4 and name.isupper() and name.isascii():
        return False
    if not any(ch.isupper() for ch in name) and not is_cyrillic(name):
        return False
    for ch in name:
        if ch.isalpha() and not (ch.isascii() or "\u00c0" <= ch <= "\u024f" or "\u0400" <= ch <= "\u04ff"):
            return False
    return True
