"""The words around place names in reports, in English, French, Ukrainian and Russian, as name keys.

They are what lets "dans la province russe de Koursk", "the Kharkiv region" and "Шевченківський район
Харкова" be read: which words say region, district or "near", which name a country, which are filler.
"""
from __future__ import annotations

from .normalize import name_key


def _keys(words: str) -> frozenset[str]:
    return frozenset(name_key(w) for w in words.split())


REGION_WORDS = _keys(
    "oblast oblasts oblasti obl region regions région régions regional province provinces provincia "
    "krai kray kraï kraiu respublika republic république republics peninsula péninsule півострів півострові "
    "полуостров полуострове "
    "область області области областю областью край краю регіон регион регіоні регионе"
)
DISTRICT_WORDS = _keys(
    "district districts raion raions rayon rayons quartier quartiers arrondissement borough neighbourhood "
    "neighborhood microdistrict mikroraion район районі районе района райони району районов мікрорайон микрорайон "
    "okrug okrugs округ округе округа"  # the city districts of Belgorod and Kursk are okrugs
)
NEAR_WORDS = _keys(
    "near nearby outskirts outside around suburbs suburb près pres proximité environs périphérie banlieue "
    "autour біля поблизу околиці около возле окрестностях пригороде під под"
)
# Words after which a new part of the phrase starts ("district de X à Kharkiv", "Pokrovsk in Donetsk Oblast").
SPLIT_WORDS = _keys("à in dans at of en au у в")
# Prepositions and articles that stand before a place's name ("у Києві", "в Харькове", "à Kharkiv", "près de Koursk",
# "near Kupiansk", "під Бахмутом"): in a search they say where, and are no words to find (filters.search_terms).
PREPOSITIONS = _keys(
    "in at near of on to by from around à au aux dans en de du des d près pres vers la le les l the "
    "у в біля поблизу під на з із зі до від коло поряд "
    "во около возле под из от близ рядом"
)
STOP_WORDS = _keys(
    "de du des d la le les l the a an of in at à dans en au aux on to et and "
    "city ville town village villages settlement hamlet cité localité locality capital capitale "
    "selo misto gorod smt pgt m s v u na місто село селище смт город поселок посёлок пгт в у на "
    "occupied occupée occupé occupation annexed annexée annexé frontalière border frontier "
    "people peoples populaire narodna narodnaia народна народная "
    "east eastern west western south southern north northern est ouest sud nord central centre center "
    "de l d l'"
)
COUNTRY_WORDS = {
    **{k: "UA" for k in _keys(
        "ukraine ukraina ukrainy ukrainian ukrainienne ukrainien ukrainiennes ukrainiens україна украина "
        "україні украине української украинской український украинский")},
    **{k: "RU" for k in _keys(
        "russia russie rossiia rossiya russian russe russes rf россия росія росії россии российской "
        "російської российский російський")},
    **{k: "BY" for k in _keys("belarus bielorussie biélorussie беларусь білорусь беларуси білорусі")},
    **{k: "MD" for k in _keys("moldova moldavie молдова молдавия")},
    **{k: "PL" for k in _keys("poland pologne polska польша польща")},
    **{k: "RO" for k in _keys("romania roumanie румыния румунія")},
}
# Endings of region adjectives and case forms: Харківська, Курская, Донецької, Курской, Kharkivska, Сумського,
# Сумському, Сумском.
ADJECTIVE_ENDINGS = tuple(
    sorted({name_key(e) for e in "skogo skoho skomu skom skaia skoi skii skiy ska ski sko kaia koi kii ka aia oi ii "
                                  "a i u".split()},
           key=len, reverse=True)
)
# Case endings of Cyrillic place names (Харкові, Києва, Москве); tried only when the plain form is unknown.
CASE_ENDINGS = tuple(name_key(e) for e in "om em oi oiu ei i a u e".split())
# The ending of a raion's name, in its forms (Sumskyi, Sumsky, Сумський, Сумский, Сумського, Сумському, Сумском,
# Донецький): with a district word it names a second-level region, never a town.
RAION_ENDINGS = tuple(name_key(e) for e in "skii skiy ski skogo skoho skomu skom".split())
