"""The extractor's rules one by one: sentences, language, dates, figures, event kinds, sources, claims."""
from __future__ import annotations

import datetime as dt

import pytest

from conflictmap.extraction.claims import claimant, is_claim_figure, official_claimant
from conflictmap.extraction.dates import find_dates
from conflictmap.extraction.event_types import classify
from conflictmap.extraction.figures import find_figures
from conflictmap.extraction.language import check_language, detect_language
from conflictmap.extraction.sentences import split_sentences
from conflictmap.extraction.sources import english_source, find_sources

MONDAY = dt.date(2031, 3, 10)


def test_sentences_keep_titles_and_paragraphs():
    text = "M. Dupont a parlé. Mme Durand aussi.\nTitre sans point\n\nDr. Smith said so. Then left."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "M. Dupont a parlé.", "Mme Durand aussi.", "Titre sans point", "Dr. Smith said so.", "Then left."]
    assert [s.paragraph for s in sentences] == [0, 0, 1, 2, 2]


def test_language_is_detected_per_text():
    assert detect_language("Les forces russes ont frappé la ville dans la nuit, selon le maire.") == "fr"
    assert detect_language("Russian forces struck the city overnight, the mayor said.") == "en"
    assert check_language(None) is None
    with pytest.raises(ValueError, match="not supported"):
        check_language("de")


def test_statement_date_is_told_apart_from_event_date():
    text = "Le Kyiv Independent a rapporté le 11 mars que la ville avait été frappée le soir du 9 mars."
    first, second = find_dates(text, "fr", MONDAY)
    assert (first.date, first.reported) == (dt.date(2031, 3, 11), True)
    assert (second.date, second.reported) == (dt.date(2031, 3, 9), False)


@pytest.mark.parametrize(
    "text, lang, date, end",
    [
        ("Drones hit the city overnight.", "en", dt.date(2031, 3, 9), dt.date(2031, 3, 10)),
        ("Dans la nuit du 8 au 9 mars, des drones ont frappé.", "fr", dt.date(2031, 3, 8), dt.date(2031, 3, 9)),
        ("The strike happened yesterday.", "en", dt.date(2031, 3, 9), None),
        ("La frappe a eu lieu samedi.", "fr", dt.date(2031, 3, 8), None),
        ("The strike happened on Monday.", "en", MONDAY, None),  # a Monday report's "on Monday" is that day
        ("Missiles hit on March 7, 2031.", "en", dt.date(2031, 3, 7), None),
        ("Missiles hit on 30 December.", "en", dt.date(2030, 12, 30), None),  # a year back, not ten months ahead
        ("Une visite est prévue le 12 mars.", "fr", dt.date(2031, 3, 12), None),  # two days ahead, same year
    ],
)
def test_relative_dates_are_anchored_on_publication(text, lang, date, end):
    mention = find_dates(text, lang, MONDAY)[0]
    assert mention.date == date
    assert mention.end_date == end


@pytest.mark.parametrize(
    "text, lang, date, end",
    [
        # a date the sentence states wins over the relative word beside it, in any year (issue 13, item 5)
        ("Drones hit Odesa overnight on 12 March 2025.", "en", dt.date(2025, 3, 11), dt.date(2025, 3, 12)),
        ("Russia launched drones overnight into Thursday.", "en", dt.date(2031, 3, 5), dt.date(2031, 3, 6)),
        ("Dans la nuit de samedi à dimanche, un entrepôt a brûlé.", "fr", dt.date(2031, 3, 8), dt.date(2031, 3, 9)),
        ("Dans la nuit du 26 au 27 février, des drones ont frappé.", "fr", dt.date(2031, 2, 26), dt.date(2031, 2, 27)),
        # the 24 hours before the statement; "during the day" is the day of publication
        ("Russian attacks killed three over the past day.", "en", dt.date(2031, 3, 9), dt.date(2031, 3, 10)),
        ("Au cours des dernières 24 heures, trois civils ont été tués.", "fr", dt.date(2031, 3, 9),
         dt.date(2031, 3, 10)),
        ("Its troops repelled 31 assaults during the day.", "en", MONDAY, None),
    ],
)
def test_explicit_dates_and_nights(text, lang, date, end):
    mention = find_dates(text, lang, MONDAY)[0]
    assert mention.date == date
    assert mention.end_date == end


@pytest.mark.parametrize(
    "text, lang, fatalities, injuries",
    [
        ("faisant au moins 15 blessés", "fr", None, 15),
        ("trois personnes ont été tuées et huit blessées", "fr", 3, 8),
        ("killing three people and injuring at least 12", "en", 3, 12),
        ("At least 1,200 people were wounded", "en", None, 1200),
        ("killing a 63-year-old man", "en", 1, None),
        ("blessant son conducteur", "fr", None, 1),
        ("a five-storey building was hit", "en", None, None),
        ("Aucune information n'a été communiquée sur d'éventuelles victimes.", "fr", None, None),
        ("deux morts et 11 autres blessés", "fr", 2, 11),  # "11 autres": eleven more people
        ("killing one and leaving 6 others wounded", "en", 1, 6),
        ("Un pompier a été tué et trois secouristes blessés", "fr", 1, 3),  # people named by their job
        ("two passengers were killed", "en", 2, None),
        # counts in words, beyond a number before a noun (issue 13, item 2)
        ("killed one person and injured another", "en", 1, 1),
        ("One person died and one was injured.", "en", 1, 1),
        ("a 45-year-old man was hurt, he added", "en", None, 1),
        ("No one was hurt.", "en", None, None),
        ("Une frappe a fait un mort et deux blessés.", "fr", 1, 2),
        ("un homme de 45 ans a été blessé mardi soir", "fr", None, 1),
        ("Vingt-trois personnes ont été blessées.", "fr", None, 23),
        ("Twenty-three people were injured.", "en", None, 23),
        # batch 9: whoever is said to be killed is a person, whatever the noun; "en a blessé"; "its driver"
        ("Un docker a été tué et deux autres ont été blessés.", "fr", 1, 2),
        ("Une frappe a tué deux personnes et en a blessé neuf autres.", "fr", 2, 9),
        ("A drone struck a minibus, killing its driver and wounding three passengers.", "en", 1, 3),
        ("A security guard was killed overnight.", "en", 1, None),
        # batch 10: a couple; one person and a number; "le conducteur" with an adverb
        ("Hours later, a drone struck a house, wounding an elderly couple.", "en", None, 2),
        ("In Sloviansk, a drone struck a minibus, injuring its driver and two passengers.", "en", None, 3),
        ("Le conducteur a été légèrement blessé.", "fr", None, 1),
        ("Un docker a été tué et deux autres ont été blessés.", "fr", 1, 2),  # the two are not killed as well
        # people counted in two groups are one count; a group with its own verb is not
        ("Two soldiers and a civilian were killed.", "en", 3, None),
        ("The strike killed two soldiers and a civilian.", "en", 3, None),
        ("A drone hit a car, killing two soldiers and one civilian, the governor said.", "en", 3, None),
        ("Deux soldats et un civil ont été tués.", "fr", 3, None),
        ("La frappe a tué deux soldats et un civil.", "fr", 3, None),
        ("The strike killed two soldiers and a civilian was injured.", "en", 2, 1),
        ("killing a man and injuring two women", "en", 1, 2),
        ("Un homme a été tué et deux femmes blessées.", "fr", 1, 2),
    ],
)
def test_casualty_figures(text, lang, fatalities, injuries):
    figures = find_figures(text, lang)
    assert (figures.fatalities, figures.injuries) == (fatalities, injuries)


def test_losses_are_not_deaths():
    figures = find_figures("l'Ukraine avait perdu plus de 29 600 soldats", "fr")
    assert figures.losses == 29600 and figures.fatalities is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A Russian drone hit a house in the city.", ("Explosions/Remote violence", "Air/drone strike")),
        ("Des tirs d'artillerie ont touché un immeuble.", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        ("La Russie a attaqué un quartier résidentiel.", ("Explosions/Remote violence", "")),
        ("Des affrontements ont éclaté entre soldats des deux camps.", ("Battles", "Armed clash")),
        ("Le ministre s'est rendu à la frontière.", ("Strategic developments", "Other")),
        ("Air defences shot down 20 drones.", ("Strategic developments", "Disrupted weapons use")),
        # "s'est abattu sur" is a drone falling onto its target, not one shot down
        ("Un drone s'est abattu sur une école, blessant deux enseignants.", ("Explosions/Remote violence", "Air/drone strike")),
        ("Les défenses ont abattu 12 drones.", ("Strategic developments", "Disrupted weapons use")),
        # no weapon named: an attack whose weapon the report's lead may tell
        ("Three workers were injured when debris fell on a factory.", ("Explosions/Remote violence", "")),
        ("Une usine a été touchée et un incendie s'est déclaré.", ("Explosions/Remote violence", "")),
        # the commonest wire wording names no weapon: still an attack (issue 13, item 1)
        ("A Russian strike on Kharkiv killed three people and injured five.", ("Explosions/Remote violence", "")),
        ("Une frappe russe sur Kharkiv a fait trois morts et cinq blessés.", ("Explosions/Remote violence", "")),
        ("A Russian attack on the village killed two soldiers.", ("Battles", "Armed clash")),
    ],
)
def test_event_kinds(text, expected):
    kind = classify(text)
    assert (kind.event_type, kind.sub_event_type) == expected


@pytest.mark.parametrize(
    "text",
    [
        "If Russia keeps striking substations, millions could lose heat.",  # conditional
        "Moscou pourrait tenter une nouvelle offensive au printemps.",  # prediction
        "La Russie a toujours nié avoir attaqué des cibles civiles.",  # denial
        "« Les frappes de drones ont détruit nos maisons », a-t-il dit.",  # quoted speech only
        "Le président se plaint des fuites sur sa demande de missiles de croisière.",  # weapon named, no action
        "The president asked partners for more air defence.",
        "Pour un analyste, une offensive dans le sud est « probable » cet été.",  # forecast, its key word quoted
        "A new offensive near the river is likely to begin within weeks, analysts say.",
    ],
)
def test_statements_and_opinions_are_not_events(text):
    assert classify(text) is None


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("Selon Reuters, il s'agissait de la troisième attaque.", "fr", ["Reuters"]),
        ("Le maire de la ville, Jean Exemple, a déclaré sur Telegram que deux immeubles ont brûlé.", "fr",
         ["Jean Exemple", "Telegram"]),
        ("Two people died, according to the governor.", "en", ["governor"]),
        ("The Kyiv Independent reported that missiles hit the port.", "en", ["Kyiv Independent"]),
        ("Three people were hurt in Zaporijia, a annoncé le gouverneur.", "fr", ["gouverneur"]),
        # a place after "on" is where the strike fell, not who speaks; the title after the verb is kept with the name
        ("Two civilians were killed in a drone strike on Kherson, said the head of the Kherson regional military "
         "administration, Oleksandr Prokudin.", "en",
         ["head of the Kherson regional military administration", "Oleksandr Prokudin"]),
        ("Two people were killed, said Governor Oleh Syniehubov.", "en", ["governor", "Oleh Syniehubov"]),
        ("Deux personnes ont été tuées, a déclaré le maire Klitschko.", "fr", ["maire", "Klitschko"]),
        ("Two people were killed, the governor of Russia's Belgorod region, Vyacheslav Gladkov, said.", "en",
         ["governor of Russia's Belgorod region", "Vyacheslav Gladkov"]),
    ],
)
def test_named_sources(text, lang, expected):
    assert find_sources(text, lang) == expected


@pytest.mark.parametrize(
    "name, english",
    [
        ("autorités ukrainiennes", "Ukrainian authorities"),
        ("autorités locales", "Local authorities"),
        ("gouverneur", "Regional governor"),
        ("gouverneur de la région de Briansk", "Governor of Bryansk Oblast"),
        ("maire de Koursk", "Mayor of Kursk"),
        ("chef de l'administration militaire régionale de Kherson", "Governor of Kherson Oblast"),  # a governor's region
        ("head of the Kherson regional military administration", "Governor of Kherson Oblast"),
        ("city military administration", "City military administration"),
        ("administration militaire", "Military administration"),
        ("Vitali Klitschko", "Vitali Klitschko"),  # a name stays as written
    ],
)
def test_sources_have_one_english_form(name, english):
    def place_name(text, region):
        return {("Briansk", True): "Bryansk Oblast", ("Koursk", False): "Kursk",
                ("Kherson", True): "Kherson Oblast"}.get((text, region))

    assert english_source(name, place_name) == english


def test_a_role_before_a_name_is_named_too():
    text = "A strike killed one person, regional governor Ivan Fedorov said on Telegram."
    assert find_sources(text, "en") == ["regional governor", "Ivan Fedorov", "Telegram"]
    assert find_sources("He said the Russians had attacked the city.", "en") == []  # the side that acted


def test_an_official_giving_a_shoot_down_count_is_the_claimant():
    class Place:
        def __init__(self, role, name, admin1, precision):
            self.role, self.result = role, type("R", (), {"name": name, "admin1": admin1, "geo_precision": precision})

    belgorod = Place("event", "Belgorod", "Belgorod Oblast", 1)
    assert official_claimant(["Mayor", "Telegram"], [belgorod]) == "Mayor of Belgorod"
    assert official_claimant(["Regional governor"], [belgorod]) == "Governor of Belgorod Oblast"
    assert official_claimant(["Mayor of Kursk"], []) == "Mayor of Kursk"
    assert official_claimant(["Reuters"], [belgorod]) == ""


def test_claims_name_the_party_making_them():
    text = "Le ministère russe de la Défense a annoncé que l'Ukraine avait perdu 300 soldats."
    assert is_claim_figure(text)
    assert claimant(text) == "Russian Ministry of Defence"
    follow_up = "The ministry also said it had shot down 23 drones."
    assert claimant(follow_up, context="Russia's Defence Ministry said on Friday...") == "Russian Ministry of Defence"
    assert not is_claim_figure("Two people were killed in the strike.")


@pytest.mark.parametrize("text, lang, reported, event", [
    # an agency's dateline dates the report; the day in the sentence dates the event, counted from the report's
    ("KYIV, Jan 13 (Reuters) - A missile strike on Kharkiv killed three people on Sunday evening.", "en",
     dt.date(2031, 1, 13), dt.date(2031, 1, 12)),
    ("KHARKIV, Jan 13 (AP) - Russian drones hit the city overnight.", "en", dt.date(2031, 1, 13),
     dt.date(2031, 1, 12)),
    ("БЕЛГОРОД, 29 янв — РИА Новости. Украинские войска обстреляли Белгород.", "ru", dt.date(2031, 1, 29), None),
])
def test_an_agencys_dateline_dates_the_report_not_the_event(text, lang, reported, event):
    dates = find_dates(text, lang, dt.date(2031, 1, 30))
    assert [d.date for d in dates if d.reported] == [reported]
    assert [d.date for d in dates if not d.reported] == ([event] if event else [])


@pytest.mark.parametrize("text, lang, role", [
    ("Le gouverneur de la région russe de Briansk a affirmé mardi que 9 drones avaient été abattus.", "fr",
     "Governor of Briansk"),
    ("A drone hit a car, the governor of Russia's Kursk region said.", "en", "Governor of Kursk"),
])
def test_an_officials_title_with_the_name_of_a_country(text, lang, role):
    assert [english_source(s) for s in find_sources(text, lang)] == [role]


def test_the_ministrys_units_defeated_are_its_claim():
    assert is_claim_figure("Подразделения группировки «Север» нанесли поражение формированиям ВСУ в районе Липцов.")
    assert not is_claim_figure("Подразделения провели учения.")


@pytest.mark.parametrize("text, kind", [
    # "s'est abattu ... sur": fell onto, not shot down, even with words between
    ("Un missile russe s'est abattu mardi après-midi sur une usine de Dnipro, tuant un employé.",
     ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
])
def test_a_missile_that_fell_onto_a_building_is_a_strike(text, kind):
    found = classify(text, "fr")
    assert (found.event_type, found.sub_event_type) == kind
