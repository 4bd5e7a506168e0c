"""What kind of event a sentence reports, in ACLED's taxonomy, or that it reports none.

A sentence is an event only when it has an action (strike, attack, clash, deployment, visit...); a weapon named in
passing ("a request for Tomahawk missiles") is not one. Quoted speech, conditionals, predictions, warnings and
denials are not events. The words are tables per language (`_VOCABULARIES`): French and English share one over
accent-free lower-case text; Ukrainian and Russian one each over lower-case Cyrillic (word stems, as the languages
inflect). The decision that reads them (`classify`) is the same for all four.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from unidecode import unidecode


def _any(words: str) -> re.Pattern:
    return re.compile(r"\b(?:" + words + r")", re.I)


DEFAULT_SUB_EVENT_TYPE = "Shelling/artillery/missile attack"  # ACLED's coding of a strike whose weapon is not named


@dataclass(frozen=True)
class _Vocabulary:
    weapons: dict[str, re.Pattern]  # sub-event type -> the weapons that make it, first match wins
    remote_action: re.Pattern  # something was struck, damaged, hurt
    battle: re.Pattern
    military_target: re.Pattern
    civilian_target: re.Pattern
    attack_verb: re.Pattern  # with a civilian target: an attack whose weapon is not named
    civilian_violence: re.Pattern
    disrupted: re.Pattern  # shot down, intercepted
    aerial: re.Pattern  # "air targets": what a shoot-down count may name instead of a weapon
    wreckage: re.Pattern  # debris that fell: a hit, not a shoot-down
    deployment: re.Pattern
    visit: re.Pattern
    hypothetical: re.Pattern
    denial: re.Pattern
    forecast: re.Pattern
    crashed_onto: re.Pattern  # "un drone s'est abattu sur": fell onto, a hit, not a drone shot down
    attempt: re.Pattern
    attack_noun: re.Pattern  # "a Russian strike on Kharkiv killed three": the wording that names no weapon
    casualties: re.Pattern
    several_attacks: re.Pattern  # totals of several attacks, read on the lower-case text with its accents
    plan: re.Pattern  # a plan, pledge, aid or meeting: an act of policy, no event of violence
    affected: re.Pattern  # "les villes touchées par les bombardements": past damage named, not reported


_LATIN = _Vocabulary(
    weapons={
        "Air/drone strike": _any(
            r"drones?\b|shahed|uav|frappes? aeriennes?|air ?strikes?|airstrikes?|bombes? (?:guidees?|planantes?)|"
            r"guided (?:aerial )?bombs?|glide bombs?|aerial bombs?|bombes? aeriennes?|aviation|"
            r"bombardiers?|warplanes?|avions? de combat|raids? aeriens?|air raids?"),
        "Shelling/artillery/missile attack": _any(
            r"missiles?|roquettes?|rockets?|balistiques?|ballistic|iskander|kinzhal|kalibr|artillerie|artillery|obus|"
            r"shells?\b|shelling|shelled|pilonn|bombardements?|bombarde|mortiers?|mortars?|lance-roquettes|mlrs|grad\b|"
            r"himars"),
        "Remote explosive/landmine/IED": _any(r"mines? antipersonnel|landmines?|\bied\b|engin explosif|voiture piegee|"
                                              r"car bomb"),
    },
    remote_action=_any(
        r"frapp|frappe|attaqu|attaque|attack|strikes?\b|struck|hit\b|hits\b|touche|bombard|pilonn|shell|explos|"
        r"debris|crash|endommag|damag|detrui|destroy|ravag|incendi|set (?:on )?fire|tue|tuee|tues|tuant|killed|kill|"
        r"bless[ae]|injur|wound|visant|visee|targeted|tirs?\b|fired|launched|lance|abattue?(?: [\w-]+){0,3} sur|"
        r"abattus(?: [\w-]+){0,3} sur|abat(?:tent)? sur|under (?:\w+ )?fire|sous le feu|sous des tirs"),
    battle=_any(r"affrontements?|combats?\b|combattu|accroch|clash|fighting|fought|firefights?|offensive|assauts?|"
                # "se sont engagés à consacrer": a pledge, not an engagement
                r"assault|repousse|repelled|repulsed|(?<!s')(?<!se sont )(?<!s'est )(?<!s'etaient )engag[ea]|"
                # "9 enemy attacks near ...", "on the Lyman front ... attacks": ground assaults, as "9 атак окупантів"
                r"enemy attacks?|attaques? ennemies?|(?:on|along) the \w+ front\b[^.]*\battacks?\b|"
                r"sur le front d[e'] ?\w+[^.]*\battaques?\b"),
    military_target=_any(r"soldats|troupes|militaires|positions|soldiers|troops|servicemen|unites|units|brigade"),
    civilian_target=_any(
        r"residenti|immeubles?|batiments?|maisons?|habitations?|quartier|gare|station|hopital|hospital|ecole|school|"
        r"infrastructure|centrale|power|energ|lignes? electriques|power lines|civil|apartment|building|houses?|"
        r"ville|city|town|village|marche|market|port\b|entrepot|warehouse|train|entreprises?\b|enterprises?\b|"
        r"industri|usines?\b|factory|factories|plant\b|depots?\b|vehicules?\b|voitures?\b|\bcars?\b|bus\b|"
        r"camions?\b|trucks?\b"),
    attack_verb=_any(r"attaqu|attack|frapp|strike|struck|hit|touche|endommag|damag|bombard|detrui|destroy|explos|"
                     r"debris|fragments|eclats|wreckage"),
    civilian_violence=_any(r"executed|execute|abduct|kidnapp|enleve|enlevement|torture|shot dead civilians|"
                           r"abattu des civils"),
    # "destroyed forty-one Ukrainian drones", "vingt-trois drones ukrainiens ont été détruits": a count, destroyed
    disrupted=_any(r"abattu|abattus|intercepte|shot down|intercepted|destroyed \d|neutralise|downed|detruit \d|"
                   r"destroyed [\w-]+ (?:\w+ )?drones|drones?(?: [\w-]+){0,2} (?:ont ete|have been|had been|were) "
                   r"(?:detruits|destroyed)|"
                   # "a detruit onze drones", "reported 44 drones destroyed over Russian regions"
                   r"detruit [\w-]+ (?:\w+ )?drones|drones destroyed (?:over|above|overnight|that night|during)"),
    aerial=_any(r"aerial targets?|air targets?|cibles? aeriennes?"),
    wreckage=_any(r"debris|crash|fragments?|wreckage|tombe|fell"),
    deployment=_any(r"deploiement|deploye|deployed|deployment|stationne|stationed"),
    visit=_any(r"s'est rendue?|se sont rendus|visite|visited|visiting|arrived in|est arrivee? a|arrive a"),
    hypothetical=_any(
        r"pourrait|pourraient|pourra|serait|seraient|devrait|devraient|accorderait|attaquerait|predit|predict|"
        # "may" the modal, not the month ("May 4", "on 10 May,")
        r"could|would|might|(?<!\d )may\b(?!,? \d)|should|will\b|va |vont |threaten|menace|si |if |unless|hypothet|"
        r"planned|prevoit|"
        r"plans to|intends|se plaint|complain|expect(?:s|ed)? (?:[\w']+ ){0,3}to\b|s'attend"),
    denial=_any(r"nie avoir|a nie|ont nie|denied|denies|deny|dementi|n'a pas (?:attaque|frappe|tire)|"
                r"did not (?:attack|strike|fire)|n'attaquer|ne pas attaquer|never attacked|jamais attaque|"
                r"a toujours nie|called\b[^.;]{0,100}?\b(?:fake|provocation|disinformation|fabrication)|"
                r"qualifi\w*\b[^.;]{0,100}?\bde (?:fake|provocation|desinformation|mensonge)"),
    forecast=_any(r"(?:est|sont|serait|semble|parait|is|are|seems?) (?:tres |peu |highly |very )?(?:probables?|"
                  r"likely|possibles?)\b|probablement|likely to|chances? (?:de succes|of success)"),
    crashed_onto=_any(r"s'est abattue?(?: [\w-]+){0,3} sur|se sont abattus(?: [\w-]+){0,3} sur|s'abat(?:tent)? sur|"
                      r"crashed (?:into|onto)"),
    attempt=_any(r"tente d'abattre|tente d'intercepter|tried to shoot down|tries to shoot down"),
    attack_noun=_any(r"strikes?\b|attacks?\b|frappes?\b|attaques?\b|bombardements?\b|raids?\b"),
    casualties=_any(r"killed|killing|injur|wound|dead\b|died|tue|tues|tuee|tuees|tuant|blesse|blessant|morts?\b"),
    plan=_any(r"plans? (?:de reconstruction|d'aide|de soutien|of reconstruction|for (?:the )?reconstruction)|"
              r"reconstruction|rebuild\w*|recovery plan|aide (?:humanitaire|militaire|financiere)|"
              r"(?:humanitarian|military|financial) aid|aid package|milliards? d'euros|billion|"
              r"promis|promet|s'est engage|se sont engage|s'engag|pledge\w*|sommet|summit|reunion|meeting|s'est entretenu|a rencontre|"
              r"met with|talks|negociations|sanctions"),
    affected=_any(r"(?:touche|frappe|detruit|endommage|ravage|affecte|sinistre)e?s? (?:par|lors)[^,.;]*|"
                  r"(?:hit|damaged|destroyed|affected|struck|ravaged) (?:by|in)[^,.;]*|"
                  # "8 milliards d'euros d'engagements": pledges of money, not fighting
                  r"(?:milliards?|millions?|billions?) (?:d'euros|de dollars|euros|dollars)(?: d'engagements| (?:in|of) "
                  r"(?:pledges|commitments))?"),
    several_attacks=_any(r"strikes\b|attacks\b|frappes\b|attaques\b|bombardements\b|raids\b|"
                         r"shelling of (?:several|\d+)|plusieurs (?:villages|localités|communes)|"
                         r"several (?:villages|towns|settlements)|"
                         # "shelled 17 settlements in the Kherson region", "a bombardé 12 localités"
                         r"\d+ (?:settlements|villages|towns|localités|communes)\b"),
)

# Ukrainian and Russian share much of the war's vocabulary (дрон, ракета, КАБ, обстріл/обстрел); each table lists
# its own language's stems, the common ones included.
_CYRILLIC_WEAPONS_UK = {
    "Air/drone strike": _any(
        r"дрон|безпілотн|бпла|шахед|герань|герані|fpv|фпв|ланцет|каб(?:и|ів|ами|ом)?\b|каб-|керован\w* авіабомб|"
        r"авіабомб|авіаудар|авіаційн\w* удар|авіаці|умпк|фаб\b|фаб-|бомбардувальн|літак"),
    "Shelling/artillery/missile attack": _any(
        r"ракет|балістик|балістичн|іскандер|кинджал|калібр|артилер|артобстріл|обстріл|обстрілю|обстріля|міномет|"
        r"мінометн|рсзв|реактивн\w* систем|град\b|смерч|ураган|снаряд|с-300|танк\w* обстр"),
    "Remote explosive/landmine/IED": _any(r"протипіхотн\w* мін|міна\b|мін[уи]\b|вибухов\w* пристр|самохідн\w* вибух"),
}
_CYRILLIC_WEAPONS_RU = {
    "Air/drone strike": _any(
        r"дрон|беспилотн|бпла|шахед|герань|fpv|фпв|ланцет|каб(?:ы|ов|ами|ом)?\b|каб-|управляем\w* авиабомб|авиабомб|"
        r"авиаудар|авиаци|умпк|фаб\b|фаб-|бомбардировщ|самолет"),
    "Shelling/artillery/missile attack": _any(
        r"ракет|баллистическ|искандер|кинжал|калибр|хаймарс|himars|atacms|артиллери|артобстрел|обстрел|обстрелива|"
        r"обстреля|миномет|рсзо|реактивн\w* систем|град\b|ураган|смерч|вампир|снаряд|танк\w* обстр"),
    "Remote explosive/landmine/IED": _any(r"противопехотн\w* мин|мина\b|мин[уы]\b|взрывн\w* устройств|сву\b|"
                                          r"самодельн\w* взрывн"),
}

_UK = _Vocabulary(
    weapons=_CYRILLIC_WEAPONS_UK,
    remote_action=_any(
        r"атак|удар|вдари|влучан|влучил|влуч|приліт|прильот|обстріл|обстріля|обстрілю|вибух|пошкодж|зруйн|знищен|"
        r"загорі|пожеж|поранен|поранил|загин|вбит|вбил|травмов|постражд|уламк|поцілил|скинув|скинули|атакува|"
        r"вразил|урази|уражен|відбулося влучання|авіаудар|артобстріл|артудар|ракетн\w* удар|"
        r"би(?:в|ла|ли) (?:з|із|по)\b|б['’]є (?:з|із|по)\b|гати\w* (?:з|із|по)\b"),
    # "На Лиманському напрямку ворог атакував у районі ...": an attack on a front is a ground assault
    battle=_any(r"бо[їяю]\b|боїв|бойов\w* зіткнен|штурм|наступ|відбил\w* \d+ атак|відбили|відбито|зіткнен|"
                r"атак\w* противника|атак\w* ворога|атак\w* окупант|атак\w* агресора|контратак|"
                r"напрямк\w*,?\s+(?:ворог|противник|окупанти|росіяни)\s+(?:\S+\s+){0,2}атакува|"
                # "стримують натиск ворога", "здійснив одну спробу просунутися": the General Staff's words for fighting
                r"натиск|спроб\w* (?:просунут|прорват|наступ|штурм)|намага\w* (?:просунут|прорват)|"
                # "ворог атакував поблизу населених пунктів A, B і C": attacks near a front's villages are assaults
                r"атакува\w*\s+(?:\S+\s+){0,3}?(?:поблизу|біля|в районі|у районі|в районах|у районах)\s+населен"),
    military_target=_any(r"військов|позиці|підрозділ|бригад|солдат|військовослужб|техніку противника"),
    civilian_target=_any(
        r"нафтобаз|нпз|паливн|будин|будівл|багатоповерх|житлов|приватн\w* сектор|квартир|лікарн|школ|ліце|садоч|дитяч\w* садок|"
        r"підприємств|інфраструктур|енергетик|лінію електропередач|лінія електропередач|лэп|склад|ангар|автомобіл|"
        r"авто\b|машин|автобус|зупинк|магазин|ринок|вокзал|залізниц|потяг|цивільн|мирн\w* житель|мешкан|село|селищ|"
        r"місто|міста|район|громад|газопровід|адміністративн|офіс|церкв|храм|порт\b|елеватор|зерносховищ|ферм"),
    attack_verb=_any(r"атак|удар|вдари|влуч|приліт|прильот|обстріл|пошкодж|зруйн|знищен|вибух|уламк|уражен|вразил|урази"),
    civilian_violence=_any(r"розстріля\w* цивільн|розстріля\w* мирн|викрали|викраден|катуван|страт\w* полонен"),
    disrupted=_any(r"збили|збито|збив\b|знешкодж|знищено \d|знищи(?:ли|ло|ла|в) \d|перехопл|сили ппо|засоби ппо|"
                   r"протиповітрян\w* оборон\w* знищ|подавлен\w* засобами реб|локаційно втрачен"),
    aerial=_any(r"повітрян\w* ціл"),
    wreckage=_any(r"уламк|падіння|впав|впали|впало"),
    deployment=_any(r"розгорн\w* війська|розміщен\w* військ|перекинул\w* війська"),
    visit=_any(r"відвідав|відвідала|відвідали|прибув|прибула|з візитом"),
    hypothetical=_any(r"може\b|можуть|міг би|могли б|якщо|загроз|планує|планують|готує|готують|мають намір|"
                      r"збирається|можлив\w* удар|ймовірн|прогноз|попереджа|тривог|небезпек|в разі|у разі|"
                      r"не виключа|очіку\w*,? що"),
    denial=_any(r"заперечу|заперечив|заперечила|спростову|спростував|не обстрілювал|не атакувал|не завдавал|"
                r"не наносил|назва\w*\s+(?:\S+\s+){0,2}(?:провокаці|фейк|брехн|дезінформаці)"),
    forecast=_any(r"(?:є|буде) (?:дуже )?(?:ймовірн|можлив)|найімовірніше"),
    crashed_onto=_any(r"впав на|впали на|впало на"),
    attempt=_any(r"намагал\w* збити|спроб\w* збити"),
    attack_noun=_any(r"удар|атак|обстріл|приліт|прильот"),
    casualties=_any(r"загин|загибл|вбит|поранен|травмов|постражд"),
    plan=_any(r"план\w* (?:відновлення|відбудови|допомоги)|відбудов|відновленн|допомог\w* (?:на|у розмірі)|"
              r"мільярд|пообіця|саміт|зустріч|переговор|санкці"),
    affected=_any(r"(?:постраждал\w*|зруйнован\w*|пошкоджен\w*) (?:від|внаслідок|через)[^,.;]*"),
    several_attacks=_any(r"ударів|ударі|удари\b|атак по \d+|обстріл\w* \d+ населених|\d+ раз\w* обстріл|"
                         r"населених пункт|по \d+ населен|масован|\d+ раз(?:и|ів)?\b|\d+ боєприпас|\d+ снаряд|"
                         r"\d+ (?:ударн\w* )?(?:безпілотник|дрон|бпла)|\d+ атак|\d+ обстріл"),
)
_RU = _Vocabulary(
    weapons=_CYRILLIC_WEAPONS_RU,
    remote_action=_any(
        r"атак|удар|попадани|прилет|прилёт|обстрел|обстреля|взрыв|поврежд|разруш|уничтож|загорел|пожар|ранен|погиб|"
        r"убит|пострада|обломк|сбросил|сбросили|поражен|поразил|атакова|попал|угодил|авиаудар|артобстрел|артудар|"
        r"ракетн\w* удар"),
    # "нанесли поражение формированиям ВСУ": the ministry's wording for its units' engagements
    battle=_any(r"бо[июя]\b|боев|боестолкновен|штурм|наступлени|отразил\w* \d+ атак|отразили|отражен\w* атак|"
                r"атак\w* (?:противника|врага|оккупант|агрессора)|"
                r"столкновени|контратак|освобождени|вклинени|нанес\w* поражени\w* (?:формировани|подразделени|бригад)|"
                r"направлени\w*,?\s+(?:противник|враг|всу)\s+(?:\S+\s+){0,2}атакова|натиск|"
                r"попытк\w* (?:продвинут|прорват|наступ|штурм)|пыта\w* (?:продвинут|прорват)|"
                r"атакова\w*\s+(?:\S+\s+){0,3}?(?:в районе|в районах|вблизи|около|возле|у)\s+населенн"),
    military_target=_any(r"военн|позици|подразделени|бригад|солдат|военнослужащ|технику противника|живой силы"),
    civilian_target=_any(
        r"нефтебаз|нпз|топливн|дом\b|дома\b|домов|здани|многоэтаж|жил\w* дом|жилом|частн\w* сектор|квартир|больниц|школ|лице|детск\w* сад|"
        r"предприяти|инфраструктур|энергетик|линия электропередач|линию электропередач|лэп|склад|ангар|автомобил|"
        r"машин|автобус|остановк|магазин|рынок|вокзал|железн\w* дорог|поезд|мирн\w* житель|жител|сел[оа]\b|поселок|"
        r"посёлок|город|район|газопровод|администраци|офис|церк|храм|порт\b|элеватор|ферм|кровл|крыш"),
    attack_verb=_any(r"атак|удар|попадани|прилет|прилёт|обстрел|поврежд|разруш|уничтож|взрыв|обломк|поражен|поразил"),
    civilian_violence=_any(r"расстреля\w* мирн|расстреля\w* гражданск|похитил|похищен|пытк|казн\w* пленн"),
    disrupted=_any(r"сбит|сбили|сбил\b|перехвач|уничтожен\w* \d|уничтожили \d|средства\w* пво|средствами пво|"
                   r"силами пво|системами пво|подавлен\w* средствами рэб|\d+ украинских беспилотник"),
    aerial=_any(r"воздушн\w* цел"),
    wreckage=_any(r"обломк|падени|упал|упали|упало"),
    deployment=_any(r"развернул\w* войска|размещени\w* войск|перебросил\w* войска"),
    visit=_any(r"посетил|посетила|посетили|прибыл|прибыла|с визитом"),
    hypothetical=_any(r"может\b|могут|мог бы|могли бы|если|угроз|планирует|планируют|готовит|готовят|намерен|"
                      r"собирается|возможн\w* удар|вероятн|прогноз|предупрежда|тревог|опасност|в случае|"
                      r"не исключа|ожида\w*,? что"),
    denial=_any(r"отрица|опроверг|не обстреливал|не атаковал|не наносит|не наносил|не наносят|"
                # "назвала «информационной провокацией» сообщения ... об ударе": reports called false are denied
                r"назва\w*\s+(?:\S+\s+){0,2}(?:провокаци|фейк|ложью|дезинформаци)"),
    forecast=_any(r"(?:будет|является) (?:весьма )?(?:вероятн|возможн)|скорее всего"),
    crashed_onto=_any(r"упал на|упали на|упало на"),
    attempt=_any(r"пытал\w* сбить|попытк\w* сбить"),
    attack_noun=_any(r"удар|атак|обстрел|прилет|прилёт"),
    casualties=_any(r"погиб|убит|ранен|пострада"),
    plan=_any(r"план\w* (?:восстановления|помощи)|восстановлени|помощ\w* (?:на|в размере)|миллиард|пообеща|"
              r"саммит|встреч|переговор|санкци"),
    affected=_any(r"(?:пострадавш\w*|разрушенн\w*|поврежденн\w*) (?:от|в результате|из-за)[^,.;]*"),
    several_attacks=_any(r"ударов|удары\b|атак по \d+|обстрел\w* \d+ населенн|\d+ раз\w* обстрел|"
                         r"населенных пункт|по \d+ населен|массирован|\d+ раз(?:а)?\b|\d+ боеприпас|\d+ снаряд|"
                         r"\d+ (?:ударн\w* )?(?:беспилотник|дрон|бпла)|\d+ атак|\d+ обстрел"),
)
_VOCABULARIES = {"fr": _LATIN, "en": _LATIN, "uk": _UK, "ru": _RU}
# quoted speech (a weapon's name in quotes, «шахедів», is not speech: a quote of one or two words stays)
_QUOTED = re.compile(r"«(?=[^»]*\s[^»]*\s)[^»]*»|“(?=[^”]*\s[^”]*\s)[^”]*”|\"(?=[^\"]*\s[^\"]*\s)[^\"]*\"|"
                     r"„(?=[^“”]*\s[^“”]*\s)[^“”]*[“”]")


@dataclass(frozen=True)
class EventKind:
    """An ACLED event type and sub-event type, and the words that decided them."""

    event_type: str
    sub_event_type: str  # blank when the text does not say (e.g. "attacked" without the weapon)
    trigger: str  # the words that made the decision, kept for the notes and the tests


def _vocabulary(lang: str) -> _Vocabulary:
    return _VOCABULARIES[lang]


_OFFICIALS_TITLES = re.compile(r"\b(?:військов\w*\s+адміністрац\w*|военн\w*\s+администрац\w*|"
                               r"military administration|administration militaire)", re.I)


def plain(text: str, lang: str = "en") -> str:
    """The text the rules read: lower case, quotes removed; accent-free for French and English, Cyrillic kept
    (with ё read as е) for Ukrainian and Russian."""
    unquoted = _QUOTED.sub(" ", text)
    if _vocabulary(lang) is _LATIN:
        return unidecode(unquoted).lower()
    return unquoted.lower().replace("ё", "е")


def _spoken(text: str, lang: str) -> str:
    """The text with its quotation marks but not what they quote taken out ("une offensive est « probable »")."""
    bare = re.sub(r"\s+", " ", re.sub(r"[«»“”„\"]", " ", text))
    return unidecode(bare).lower() if _vocabulary(lang) is _LATIN else bare.lower().replace("ё", "е")


def _weapon(p: str, lang: str) -> str:
    for sub, pattern in _vocabulary(lang).weapons.items():
        if pattern.search(p):
            return sub
    return ""


def is_wreckage(text: str, lang: str = "en") -> bool:
    """The sentence tells of debris or wreckage that fell ("Обломки упали", "des débris sont tombés")."""
    return bool(_vocabulary(lang).wreckage.search(plain(text, lang)))


def weapons_named(text: str, lang: str = "en") -> set[str]:
    """The sub-event types whose weapons the text names ("a wave of drones" -> {"Air/drone strike"})."""
    p = plain(text, lang)
    return {sub for sub, pattern in _vocabulary(lang).weapons.items() if pattern.search(p)}


def is_non_event(text: str, lang: str = "en") -> bool:
    """Speech about what might happen, warnings, denials and failed interceptions are not events."""
    v = _vocabulary(lang)
    p = plain(text, lang)
    return bool(v.hypothetical.search(p) or v.denial.search(p) or v.forecast.search(_spoken(text, lang))
                or _policy(p, lang))


def _policy(p: str, lang: str) -> bool:
    """A plan, pledge, aid or meeting whose only violence is past damage it names ("un plan de reconstruction pour
    les villes touchées par les bombardements de l'hiver"): an act of policy, not a report of an attack. `p` is the
    plain text."""
    v = _vocabulary(lang)
    if not v.plan.search(p):
        return False
    rest = v.affected.sub(" ", p)
    return not (v.remote_action.search(rest) or v.battle.search(rest) or v.attack_noun.search(rest)
                or _weapon(rest, lang) or v.casualties.search(rest) or v.disrupted.search(rest))


def is_summary(text: str, lang: str = "en") -> bool:
    """"Russian attacks on the region killed three": several attacks summed up, not one incident. Read with the
    accents: "attaques" (attacks) is not "attaqués" (attacked)."""
    return bool(_vocabulary(lang).several_attacks.search(text.lower()))


_STRUCK_TARGET = re.compile(r"\b(?:struck|strikes? on|hit|frappe|frappes? sur|ont frappe|a frappe|уразил\w*|вразил\w*|"
                            r"поразил\w*|нанесл\w* удар|завда\w* удар\w*)", re.I)


_MILITARY_SITE = re.compile(r"\b(?:air ?bases?|airfields?|aerodromes?|ammunition (?:depots?|stores?)|bases? aeriennes?|"
                            r"aerodromes?|depots? de munitions|аеродром\w*|аэродром\w*|склад\w* боєприпас\w*|"
                            r"склад\w* боеприпас\w*|пункт\w* (?:тимчасової|временной) дислокац\w*|"
                            r"temporary deployment point)", re.I)


def classify(text: str, lang: str = "en") -> EventKind | None:
    """The event kind a sentence in `lang` reports, or None. Violence wins over strategic developments in one
    sentence. Raises KeyError for a language without rules."""
    v = _vocabulary(lang)
    # "голова обласної військової адміністрації": an official's title names no military target
    p = _OFFICIALS_TITLES.sub(" ", plain(text, lang))
    if is_non_event(text, lang):
        return None
    battle = v.battle.search(p)
    action = v.remote_action.search(p)
    weapon = _weapon(p, lang)
    if v.civilian_violence.search(p):
        return EventKind("Violence against civilians", "Attack", v.civilian_violence.search(p).group(0))
    if v.disrupted.search(p) and (weapon or v.aerial.search(p)) and not v.attempt.search(p) \
            and not v.crashed_onto.search(p):
        if not v.wreckage.search(p):
            return EventKind("Strategic developments", "Disrupted weapons use", v.disrupted.search(p).group(0))
    if battle and not (weapon and not v.military_target.search(p)):
        return EventKind("Battles", "Armed clash", battle.group(0))
    if action:
        if weapon:
            return EventKind("Explosions/Remote violence", weapon, action.group(0))
        if v.military_target.search(p) and re.search(r"attaqu|attack|assault|assaut|атак|штурм", p):
            return EventKind("Battles", "Armed clash", action.group(0))
        if v.civilian_target.search(p) and v.attack_verb.search(p):
            return EventKind("Explosions/Remote violence", "", action.group(0))
        if v.attack_noun.search(p) and v.casualties.search(p) and not v.military_target.search(p):
            return EventKind("Explosions/Remote violence", "", v.attack_noun.search(p).group(0))
        # "its forces had struck the Morozovsk air base", "уразили аеродром": a strike on a military target, its
        # weapon unnamed (ACLED's default sub-type)
        struck = _STRUCK_TARGET.search(p)
        if struck and (v.military_target.search(p) or _MILITARY_SITE.search(p)):
            return EventKind("Explosions/Remote violence", "", struck.group(0))
    if v.deployment.search(p) and v.military_target.search(p):
        return EventKind("Strategic developments", "Other", v.deployment.search(p).group(0))
    if v.visit.search(p):
        return EventKind("Strategic developments", "Other", v.visit.search(p).group(0))
    return None
