"""German word lists for the crisis rules, in canonical spelling (see ``crisis_text``).

Canonical German writes umlauts and ß out ("wuerde", "bruecke", "strasse"), as people
do on keyboards without them, so each word is spelt once. German says the writer's own
act with "mich" and "mir" ("mich umbringen", "mir das Leben nehmen") where someone
else's takes "sich"; the lists name the first person only. The negation usually
stands between the wish and the act ("ich will nicht sterben"), so the gap between
them never crosses one.
"""

from __future__ import annotations

#: up to four words between two parts (and a comma: "ich denke daran, mich ..."),
#: never a negation
GAP = r"(?: (?!(?:nicht|nie|niemals|kein|keine|keinen|nichts)\b)\w+){0,4}?(?: ,)?"

#: wanting, deciding, being about to, or unable to stop thinking of it
WISH = (
    r"(?:will|wollte|moechte|moecht|wuerde gerne?|wuensche mir|hoffe|denke|dachte|gedacht|"
    r"denken|ueberlegt|ueberlege|plane|werde|beschlossen|bereit|kurz davor|bock|lust|muss|"
    r"drang|gedanken|lieber|um|vor|versuche|versucht|das beste|am besten|entschlossen)"
)

#: the narrower set before dying: "ich werde sterben" is said of fear
WISH_DIE = (
    r"(?:will|moechte|moecht|wuerde gerne?|wuensche mir|hoffe|bereit|bock|lust|lieber|"
    r"einfach nur noch|nur noch)"
)

#: ending one's own life, said outright (first person)
ENDING = (
    r"(?:mich aus dem weg (?:raeumen|zu raeumen)|"
    r"mich(?: (?!(?:nicht|nie|niemals)\b)\w+){0,2} (?:selbst )?(?:umbringen|umzubringen|"
    r"umbrigen|toeten|zu toeten|erhaengen|zu erhaengen|"
    r"aufhaengen|aufzuhaengen|erschiessen|zu erschiessen|vergiften|zu vergiften|abmurksen)|"
    r"mich vor (?:den|einen|die|das|ein|eine) \w+(?: \w+)? (?:werfen|zu werfen)|"
    r"mir (?:\w+ ){0,2}das leben (?:nehmen|zu nehmen)|"
    r"(?:mein|meinem) leben (?:beenden|zu beenden|ein ende (?:setzen|zu setzen))|"
    r"suizid (?:begehen|zu begehen)|selbstmord (?:begehen|zu begehen)|alles (?:zu )?beenden|"
    r"(?:von|vom|aus) (?:der |dem |einer |einem )?(?:\w+ )?(?:bruecke|autobahnbruecke|dach|"
    r"balkon|hochhaus|turm|fenster) (?:springen|zu springen)|"
    r"(?:die )?pulsadern (?:aufschneiden|aufzuschneiden)|"
    r"(?:alle|die ganze packung|alle meine) (?:\w+ )?(?:tabletten|pillen) (?:nehmen|zu nehmen|"
    r"schlucken|zu schlucken))"
)

#: dying or not being alive, as a wish (never "sterben vor Hunger")
DYING = (
    r"(?:sterben|sterbn|sterbeb|tot sein|weg von dieser welt|"
    r"nicht mehr auf dieser welt (?:sein|bleiben)|nicht mehr (?:leben|aufwachen|da sein|hier sein|"
    r"existieren|am leben sein|weiterleben)|nicht (?:am leben|mehr am leben) sein|"
    r"aufhoeren zu existieren|fuer immer (?:verschwinden|einschlafen|schlafen|ruhe haben)|"
    r"verschwinden und nie (?:wieder ?kommen|zurueckkommen|wiederkommen))(?! vor\b)"
)

#: soon: what makes a plan a danger now
SOON = (
    r"(?:heute|heute nacht|heute abend|jetzt|gleich|morgen|dieses wochenende|am (?:montag|"
    r"dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)|freitag|bald|nach der arbeit)"
)

MEANS = r"(?:seil|strick|klingen?|rasierklingen?|messer|tabletten|pillen)"

ME = r"(?:ich|mich|mir|mein|meine|meinen|meinem|meiner|ichs)"

OTHERS = (
    r"(?:er|sie|jemand|freund|freundin|freunde|sohn|tochter|schwester|bruder|mutter|mama|vater|"
    r"papa|mann|frau|partner|partnerin|oma|opa|onkel|tante|kind|kinder|kollege|kollegin|"
    r"cousin|cousine|nichte|neffe|patient\w*|figur|hauptfigur|wer|sich)"
)

LAUGHTER = r"(?:ha(?:ha)+\w*|he(?:he)+\w*|hihi\w*|lol|xd+|lmao|😂|🤣|😅|💀)"
