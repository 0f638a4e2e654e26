"""Crisis rules and reading for German, after the same warning signs as the English ones.

They read the canonical text (umlauts and ß written out) with the lists of
``crisis_lexicon_de`` and answer ``crisis_detect``'s questions with German words:
"nicht", "nie", "kein"; "vor drei Jahren", "früher", "als Teenager"; "haha".
Figures of speech ("ich sterbe vor Hunger", "ich lach mich tot", "der Job bringt mich
um") never match a rule: the rules name the writer's own act ("ich bring mich um",
"ich will sterben") and refuse "vor" after dying.
"""

from __future__ import annotations

import re

from peerhaven.safety.crisis_lexicon_de import (
    DYING,
    ENDING,
    GAP,
    LAUGHTER,
    ME,
    MEANS,
    OTHERS,
    SOON,
    WISH,
    WISH_DIE,
)
from peerhaven.safety.crisis_rule import CrisisCategory, Reading, Rule, rule

_D = CrisisCategory.IMMEDIATE_DANGER
_S = CrisisCategory.SUICIDAL
_H = CrisisCategory.SELF_HARM

_ENDING_WORDS = (
    "mich mir leben meinem mein suizid selbstmord beenden springen zu pulsadern tabletten pillen"
)
_DYING_WORDS = "sterben sterbn sterbeb tot nicht aufhoeren fuer verschwinden"
_HARM_OBJECTS = (
    r"(?:beim|kochen|zwiebel\w*|rasieren|papier|buegeleisen|haare|pony|finger|kaffee|zunge|"
    r"backofen|herd)"
)

GERMAN_RULES: tuple[Rule, ...] = (
    # immediate danger: the means taken or at hand, a place, a time
    rule(
        _D,
        "method",
        "packung blister schachtel tabletten pillen",
        r"\b(?:eine ganze|die ganze|den ganzen|alle(?: meine)?)(?: \w+)? (?:packung|blister|"
        r"schachtel|tabletten|pillen)\b",
        near=r"\b(?:genommen|geschluckt|nehme|nehmen|schlucke|schlucken)\b",
        window=60,
        unless=r"\b(?:verordnet|verschrieben|wie der arzt|behandlung|apotheke|entsorgt)\b",
    ),
    rule(
        _D,
        "method",
        "alle",
        r"\b(?:sie|die) alle (?:zu )?(?:nehmen|schlucken)\b",
        near=r"\b(?:tabletten\w*|pillen)\b",
        window=80,
    ),
    rule(
        _D,
        "preparation",
        "gehortet gesammelt sammle",
        r"\b(?:gehortet|gesammelt|sammle|horte)\b",
        near=r"\b(?:tabletten|pillen)\b",
        window=60,
    ),
    rule(
        _D,
        "preparation",
        "seil strick klinge klingen rasierklinge rasierklingen messer tabletten pillen",
        rf"\b{MEANS}\b",
        near=r"\b(?:liegt schon|liegen schon|in der hand|abgezaehlt|liegt hier|liegen hier|"
        r"schublade und ich denke|parat)\b",
        window=50,
    ),
    rule(
        _D,
        "preparation",
        "stehe",
        r"\bstehe (?:am|auf dem|auf der) (?:rand|dach|bruecke|gelaender|balkon)\b",
    ),
    rule(
        _D,
        "preparation",
        "springen",
        r"\bwill (?:\w+ ){0,2}springen\b",
        near=r"\b(?:dach|bruecke|balkon|fenster|rand|gleise)\b",
        window=80,
    ),
    rule(
        _D,
        "plan",
        "springe spring",
        r"\b(?:springe|spring)(?: \w+){0,3} (?:von|vom|aus)(?: \w+){0,3} "
        r"(?:bruecke|dach|balkon|fenster|hochhaus|turm)\b",
    ),
    rule(
        _D,
        "method",
        "gegoogelt gesucht recherchiert suche",
        r"\b(?:gegoogelt|gesucht|recherchiert|suche|google)\b",
        near=r"\b(?:wie viele tabletten|art zu sterben|methoden|wie man sich|toedlich\w*)\b",
        window=80,
    ),
    rule(_D, "method", "garage", r"\bauto in der garage laufen\b"),
    rule(_D, "plan", _ENDING_WORDS, rf"\b{WISH}{GAP} {ENDING}\b", near=rf"\b{SOON}\b", window=50),
    # suicidal ideation
    rule(_S, "ideation", _ENDING_WORDS, rf"\b{WISH}{GAP} {ENDING}\b"),
    rule(_S, "ideation", "bring bringe", r"\b(?:bringe?|bring) (?:ich )?mich(?: \w+){0,2} um\b"),
    rule(_S, "ideation", "nehme", r"\bnehme (?:ich )?mir(?: \w+){0,2} das leben\b"),
    rule(_S, "ideation", "werf werfe", r"\b(?:werfe?|werf) mich vor\b"),
    rule(_S, "ideation", _DYING_WORDS, rf"\b{WISH_DIE}{GAP} {DYING}"),
    rule(
        _S,
        "ideation",
        "tot sterbe",
        r"\bwaere ich (?:doch )?(?:endlich )?tot\b|\bich waere lieber tot\b|"
        r"\bwuenschte,? (?:\w+ )?ich waere tot\b|\blieber sterbe ich\b|"
        r"\bich will einfach tot sein\b",
    ),
    rule(
        _S,
        "ideation",
        "aufwachen aufwache wache",
        r"\beinschlafen und (?:nie|nicht) (?:wieder|mehr) aufwachen\b|\bnie (?:wieder|"
        r"mehr) aufwachen\b|"
        r"\bhoffentlich wache ich(?: \w+){0,2} nicht mehr auf\b|"
        r"\bwenn ich (?:morgen )?nicht (?:mehr )?aufwache\b",
    ),
    rule(
        _S,
        "ideation",
        "suizidgedanken suizidal suizidgefaehrdet suizid selbstmord todeswunsch",
        r"\bsuizidgedanken\b|\bsuizidal\b|\bsuizidgefaehrdet\b|\btodeswunsch\b|"
        r"\b(?:denke|dachte)(?: \w+){0,3} (?:an|ueber) (?:suizid|selbstmord)\b|"
        r"\bueber (?:suizid|selbstmord) nach\b|\b(?:suizid|selbstmord) ist (?:der einzige|"
        r"mein) ausweg\b|"
        r"\bbleibt nur (?:noch )?(?:der )?(?:suizid|selbstmord|tod)\b",
    ),
    rule(
        _S,
        "ideation",
        "leben lebenswillen lebensmuede",
        r"\b(?:will|moechte) (?:einfach )?nicht (?:mehr )?(?:leben|am leben sein)\b|"
        r"\bkeinen lebenswillen\b|\blebensmuede\b|\bkeine lust mehr zu leben\b",
    ),
    rule(
        _S,
        "indirect",
        "egal ueberfahren unfall",
        r"\begal ob ich sterbe\b|\bwuenschte mich wuerde ein auto ueberfahren\b|"
        r"\bwuenschte ich haette einen unfall\b",
    ),
    # burden
    rule(
        _S,
        "burden",
        "last ballast weg",
        r"\bbin (?:eine |nur (?:noch )?)?(?:last|ballast)\b|\bbin(?: \w+){0,2} nur im weg\b|"
        r"\bzur last fallen\b|\bnur noch ballast\b",
    ),
    rule(
        _S,
        "burden",
        "ohne besser vermissen merken los verschwinde probleme",
        r"\bbesser (?:dran )?ohne mich\b|\bohne mich(?: \w+){0,2} besser\b|"
        r"\bwenn ich nicht mehr da (?:waere|bin)\b|\bniemand wuerde mich vermissen\b|"
        r"\bkeiner wuerde es merken\b|\bwenn ich sterbe,? wuerde es keiner\b|"
        r"\bwaeren mich (?:endlich )?los\b|\bwenn ich verschwinde,? tue ich\b|"
        r"\bwas macht es (?:schon )?,? wenn ich verschwinde\b|\bmache nur probleme\b",
    ),
    # goodbyes
    rule(
        _S,
        "goodbye",
        "abschied lebewohl macht letzte letzter",
        r"\bdas ist (?:mein|ein)(?: echter)? abschied\b|\blebewohl\b|"
        r"\bmacht es gut,? (?:alle|ihr lieben)\b|\bletzte nachricht\b|"
        r"\b(?:mein )?letzter (?:post|beitrag)\b",
        unless=r"\b(?:urlaub|ferien|umzug|ziehe|schlafen|bis bald|bis morgen|gruppe)\b",
    ),
    rule(
        _S,
        "goodbye",
        "gehe weg immer",
        r"\bbevor ich fuer immer gehe\b|\bbin dann weg,? fuer immer\b|\bfuer immer (?:gehe|"
        r"gehen)\b",
    ),
    rule(
        _S,
        "goodbye",
        "lest liest bin sein lange",
        r"\bwenn (?:ihr|du) das (?:lest|liest),? bin ich\b|"
        r"\b(?:morgen|bald) bin ich nicht mehr (?:da|hier)\b|\bnicht mehr lange hier\b|"
        r"\bnicht mehr da sein werde\b|\bwerde nicht mehr da sein\b",
    ),
    rule(
        _S,
        "goodbye",
        "verabschiede verabschiedet kuemmert",
        r"\bverabschiede mich(?: nach und nach)? von allen\b|\bverabschiedet,? ohne dass\b|"
        r"\bkuemmert euch um (?:meine|meinen) \w+,? wenn ich\b|\bwenn ich gehe,? soll niemand\b|"
        r"\bwenn ich weg bin\b",
    ),
    rule(
        _S,
        "goodbye",
        "verschenkt weggegeben gegeben",
        r"\b(?:verschenkt|weggegeben|gegeben)\b",
        near=r"\bnicht mehr (?:brauchen|da sein)\b",
        window=80,
    ),
    rule(
        _S,
        "goodbye",
        "abschiedsbrief abschiedsbriefe brief",
        r"\babschiedsbriefe? (?:geschrieben|an)\b|\babschiedsbriefe?\b(?= \.|$)|"
        r"\bbrief in die schublade\b|\bwenn sie mich finden\b",
        unless=r"\bvon (?:meinem|meiner)\b",
    ),
    rule(
        _S,
        "goodbye",
        "verzeiht schuld schuldig",
        r"\bverzeiht mir\b|\bnicht eure schuld\b|\bniemand soll sich schuldig fuehlen\b",
    ),
    rule(
        _S,
        "preparation",
        "testament raeume vorbereitet abgesagt",
        r"\btestament gemacht\b|\braeume meine sachen auf,? damit\b|"
        r"\balles vorbereitet,? um zu gehen\b|\babgesagt,? weil ich nicht mehr\b",
    ),
    # hopelessness, feeling trapped, unbearable pain
    rule(
        _S,
        "hopelessness",
        "ausweg",
        r"\bkeinen (?:anderen )?ausweg\b(?! (?:aus|fuer (?:den|die|das))\b)",
        unless=r"\b(?:schulden|streit|vermieter|job|arbeit)\b",
    ),
    rule(
        _S,
        "hopelessness",
        "sinn grund zukunft besser hoffnung ende verdiene wofuer",
        r"\bkeinen sinn mehr\b|\bkeinen sinn im leben\b|"
        r"\bkeinen grund (?:mehr )?(?:zu leben|weiterzumachen|weiterzuleben)\b|"
        r"\b(?:leben|nichts) hat(?: fuer mich)? (?:keinen|mehr) sinn\b|\bnichts hat mehr sinn\b|"
        r"\bkeine zukunft\b|\bwird nie besser\b|\bhoffnung verloren\b|\bkeine hoffnung mehr\b|"
        r"\bdas ende fuer mich\b|\bverdiene es nicht zu leben\b|\bverdiene es,? (?:zu sterben|"
        r"tot zu sein)\b|"
        r"\bnichts mehr,? wofuer es sich\b",
    ),
    rule(
        _S,
        "trapped",
        "falle gefangen",
        r"\bin der falle\b|\bfuehle mich gefangen\b",
        near=r"\b(?:ausweg|sterben|leben)\b",
        window=60,
    ),
    rule(
        _S,
        "unbearable-pain",
        "aus",
        r"\bhalte?(?: \w+){0,3} nicht mehr aus\b",
        near=r"\b(?:sterben|weg|aufhoert|vorbei|umbringen|tot)\b",
        window=60,
    ),
    rule(
        _S,
        "unbearable-pain",
        "ertrage weh kraft aufhoert aufhoeren vorbei leiden tag satt leid",
        r"\bertrage das leben nicht\b|\bleben tut(?: \w+)?(?: zu)? weh\b|"
        r"\bkeine kraft mehr,? weiterzuleben\b|\bdass alles (?:endlich )?(?:aufhoert|vorbei ist)\b|"
        r"\bes soll (?:einfach )?aufhoeren\b|\baufhoeren zu leiden\b|\bdass der schmerz aufhoert\b|"
        r"\bhalte keinen (?:einzigen )?tag mehr aus\b|\bleben so satt\b|\bes leid zu kaempfen\b|"
        r"\b(?:heute nacht|heute) ist alles vorbei\b|\bmache (?:heute nacht )?schluss mit allem\b",
    ),
    # intent said obliquely
    rule(
        _S,
        "intent",
        "tun antun anzutun dummheit garantieren erlebe durchhalte nacht stunden dummes",
        r"\bangst,? was ich(?: \w+){0,2} tun koennte\b|\bmir(?: \w+){0,3} (?:etwas|"
        r"was) (?:antun|anzutun)\b|"
        r"\beine dummheit\b(?=.{0,40}\b(?:heute|messer|tabletten)\b)|\betwas dummes zu tun\b|"
        r"\bfuer nichts garantieren\b|\bob ich den morgen erlebe\b|\bbis montag durchhalte\b|"
        r"\bmeine letzte nacht\b|\bnur noch ein paar stunden\b",
    ),
    rule(
        _S,
        "method",
        "gleise springen angeschaut",
        r"\ban die gleise gedacht\b|\bsehe mich springen\b|\bbruecke angeschaut\b",
    ),
    # self-harm
    rule(
        _H,
        "self-harm",
        "ritzen geritzt ritze",
        r"\bmich(?: \w+){0,4} (?:ritzen|geritzt|zu ritzen)\b|\britze mich\b",
    ),
    rule(
        _H,
        "self-harm",
        "verletzen verletzt verletze schneiden verbrennen",
        r"\bmich(?: \w+){0,3} (?:selbst )?(?:verletzen|zu verletzen|verletzt|schneiden|"
        r"zu schneiden|"
        r"verbrennen)\b|\bverletze mich\b",
        unless=rf"\b{_HARM_OBJECTS}\b",
    ),
    rule(_H, "self-harm", "weh", r"\bmir(?: \w+){0,3} weh (?:tun|zu tun|getan)\b"),
    rule(
        _H,
        "self-harm",
        "verbrannt aufgeschnitten geschnitten aufgekratzt zerkratzt",
        r"\bmir(?: \w+){0,3} (?:den arm|die arme|die beine|das bein|die haut|die handgelenke|"
        r"die oberschenkel)(?: \w+){0,3} (?:verbrannt|aufgeschnitten|geschnitten|aufgekratzt|"
        r"zerkratzt)\b",
    ),
    rule(
        _H,
        "self-harm",
        "kopf kratze",
        r"\bschlage? meinen kopf gegen die wand\b|\bkratze mich,? bis\b",
    ),
    # round 2, from the third development batch
    rule(
        _S,
        "hopelessness",
        "wozu zweck gebe",
        r"\bwozu (?:noch )?(?:weitermachen|leben)\b|\bkeinen zweck mehr\b|"
        r"\bgebe fuer immer auf\b",
    ),
    rule(
        _S,
        "burden",
        "vermissen problem niemandem",
        r"\bmich wird (?:keiner|niemand) vermissen\b|\bfuer niemanden mehr ein problem\b|"
        r"\bniemandem mehr (?:zur last|ein problem)\b",
    ),
    rule(
        _S,
        "burden",
        "verdient verdienen",
        r"\bverdien(?:t|en) (?:jemand|jemanden) besseren als mich\b",
        near=r"\b(?:gehe|weg|verschwinde)\b",
        window=40,
    ),
    rule(
        _S,
        "goodbye",
        "verabschiedet",
        r"\bmich (?:schon )?von (?:meinen|allen|meiner|meinem)(?: \w+)? verabschiedet\b",
        unless=r"\b(?:weil|job|urlaub|umzug|kollegen|wechsle)\b",
    ),
    rule(_S, "goodbye", "sorgen", r"\bkeine sorgen mehr um mich\b"),
    rule(_S, "preparation", "testament", r"\btestament (?:gemacht|geschrieben)\b"),
    rule(
        _S, "intent", "leben", r"\b(?:weiss nicht,? )?wie lange ich noch (?:am leben bleibe|lebe)\b"
    ),
    rule(_S, "unbearable-pain", "aufhoeren", r"\balles soll (?:endlich )?aufhoeren\b"),
    rule(
        _H,
        "self-harm",
        "zigaretten zigarette",
        r"\bzigarett\w* (?:auf|an) (?:der|meiner|meinem) (?:haut|arm)\b",
    ),
)

_NEGATED = re.compile(
    r"\b(?:nicht(?! (?:aufhoeren|mehr aus|anders|wie|ob)\b)|nie|niemals|kein|keine|keinen|"
    r"keinem|nichts|ohne|frei von|gefragt,? ob|fragt,? ob|fragen,? ob)(?: \w+){0,4} $"
)
_PAST = re.compile(
    r"\bvor (?:\w+ ){0,2}(?:jahren|jahr|monaten|monat|wochen)\b|\bfrueher\b|"
    r"\bals (?:teenager|jugendliche[rn]?|kind|teenie|student\w*)\b|\bmit \d+\b|"
    r"\bin der vergangenheit\b|\b(?:19|20)\d\d\b|\bseit(?: \w+){1,2} (?:frei|clean|ohne)\b|"
    r"\britzfrei\b|\b(?:ueberlebt|ueberwunden|ueberlebende\w*)\b|\bletztes jahr\b|"
    r"\bin meiner schlimmsten zeit\b|\bdunklen zeit\b|\berinnere mich\b|\bclean\b"
)
_NOW = re.compile(
    r"\b(?:wieder|heute nacht|jetzt gerade|immer noch|noch immer|zurueck|rueckfall)\b"
)
_ME = re.compile(rf"^{ME}$")
_OTHERS = re.compile(rf"^{OTHERS}$")

GERMAN = Reading(
    language="de",
    rules=GERMAN_RULES,
    clause_break=re.compile(
        r"[.?;]|\baber\b|\bdoch\b|, und\b|\bund jetzt\b|\bund heute\b|, jetzt\b|, heute\b|"
        r"\btrotzdem\b"
    ),
    negated=_NEGATED,
    past=_PAST,
    now=_NOW,
    hyperbole=re.compile(
        r"\b(?:sterbe|sterben|gestorben|tot) (?:fast )?vor\b|\blach(?:e)? mich (?:tot|kaputt)\b|"
        r"\b(?:todmuede|hundemuede|totlachen|totzulachen)\b"
    ),
    laughing=re.compile(rf"(?:^|\s){LAUGHTER}(?:\s|$)"),
    media=re.compile(
        r"\b(?:serie|film|buch|roman|doku|dokumentation|lied|song|songtext|gedicht|artikel|podcast|"
        r"figur|hauptfigur|folge|theaterstueck|nachrichten|kurs|vortrag|kampagne|lauf|"
        r"suizidpraevention)\b"
    ),
    about_me=re.compile(r"\b(?:ich|mich|mir|mein|meine)\b"),
    coped=re.compile(
        r"\b(?:ging (?:es )?vorbei|es ging vorbei|durchgehalten|widerstanden|angerufen|abgelenkt|"
        r"stattdessen|eis benutzt|kalt geduscht|joggen gegangen)\b"
    ),
    me=_ME,
    others=_OTHERS,
    other_subject_inside=re.compile(r"\b(?:er|sie|jemand|sich|wer)\b"),
)
