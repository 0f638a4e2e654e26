"""Where someone lives and when they were born: street addresses, postcodes, birth dates.

Addresses are found by their grammar (a house number, a capitalised street name, a
street type, or the European orders "Hauptstraße 12", "12 rue de la Paix") and by
postcode formats that do not look like anything else (UK, Canadian, Dutch, US ZIP
after a state). A date is only a *date of birth* when a birth word stands before it
in the same sentence: "on 3 March I relapsed" is a date worth sharing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from peerhaven.safety.findings import Finding

# -- street addresses ----------------------------------------------------------------

_EN_TYPES = (
    r"Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Close|Court|Ct|Crescent|"
    r"Cres|Place|Pl|Way|Terrace|Tce|Gardens|Gdns|Grove|Square|Sq|Parkway|Pkwy|Circle|Cir|"
    r"Highway|Hwy|Row|Mews|Walk|Parade|Trail|Loop|Wynd|Broadway"
)
_NOT_NAME = r"(?!(?:Hours?|Minutes?|Miles?|Days?|Weeks?|Months?|Years?|Times?|Steps?|Mg|Of)\b)"
_EN_NAME = _NOT_NAME + r"[A-Z][\w'’.-]*"
_EN_STREET = re.compile(
    rf"(?<![\w£$€.,-])(?:(?:Flat|Apt\.?|Apartment|Unit|Suite)\s+\w{{1,5}},?\s+)?"
    rf"\d{{1,5}}[A-Za-z]?(?:[-/]\d{{1,4}})?,?\s+(?:{_EN_NAME}\s+){{1,3}}"
    rf"(?:{_EN_TYPES}|{_EN_TYPES.lower()})\b\.?"
)
_EN_STREET_TOLD = re.compile(
    rf"\b(?:live at|living at|lives at|address is|moved to|staying at|house is at|"
    rf"flat is at|come to|find me at)\s+(?P<addr>\d{{1,5}}[A-Za-z]?,?\s+(?:[a-z][\w'’-]*\s+){{1,3}}"
    rf"(?:{_EN_TYPES.lower()})\b\.?)",
    re.IGNORECASE,
)
_DE_SUFFIX = (
    r"straße|strasse|str\.|weg|gasse|allee|platz|ufer|chaussee|steig|straat|laan|gracht|"
    r"plein|kade|singel|dijk|steeg|gade|vej|gate|veien|gata|gatan|vägen|väg|utca|ulice"
)
_DE_STREET = re.compile(
    rf"\b[A-ZÄÖÜÅÆØ][\wäöüßåæø-]{{2,}}(?:{_DE_SUFFIX})\.?\s+\d{{1,4}}(?:\s?[a-zA-Z])?\b"
    rf"|\b(?:[A-ZÄÖÜ][\wäöüß-]+\s)(?:Straße|Strasse|Str\.|Weg|Gasse|Allee|Platz)\s+\d{{1,4}}"
    rf"(?:\s?[a-zA-Z])?\b"
)
_FR_TYPES = r"rue|avenue|av\.|boulevard|bd|place|allée|impasse|chemin|quai|route|cours|square"
_FR_STREET = re.compile(
    rf"(?<![\w,.])\d{{1,4}}(?:\s?(?:bis|ter))?,?\s+(?:{_FR_TYPES})\s+"
    rf"(?:(?:de\s+la|de\s+l['’]|du|des|de|d['’])\s*)?[A-ZÀ-Ý][\w'’-]+(?:[\s-]+[A-ZÀ-Ý][\w'’-]+)*",
    re.IGNORECASE,
)
_SOUTH_TYPES = (
    r"Calle|C/|Avenida|Avda\.?|Av\.|Paseo|Plaza|Carrer|Passeig|Via|Viale|Piazza|Corso|Largo|Rua|"
    r"Travessa|Praça|Ulica|ul\.|Ronda|Camino|Carretera|Calzada|Glorieta|Travesía"
)
#: written in lowercase too ("vivo en la calle de Alcalá 120"): the type only, the name
#: still starts with a capital
_SOUTH_TYPES_LOWER = r"calle|avenida|paseo|plaza|ronda|camino|carretera|calzada|glorieta"
_SOUTH_STREET = re.compile(
    rf"\b(?:{_SOUTH_TYPES}|{_SOUTH_TYPES_LOWER})\s*(?:(?:de\s+la|de|del|della|dei|delle|da|do|dos|das|di)\s+)?"
    rf"[A-ZÀ-ÝŁŚŻ][\w'’.-]+(?:\s+[A-ZÀ-ÝŁŚŻ][\w'’.-]+){{0,2}},?\s+(?:n[º°o.]?\s*)?\d{{1,4}}"
    rf"[a-zA-Z]?\b(?!\s*(?:times|days|weeks|minutes|hours|people)\b)"
)
_PO_BOX = re.compile(r"\bP\.?\s?O\.?\s+Box\s+\d{1,6}\b", re.IGNORECASE)
_UK_POSTCODE = re.compile(
    r"\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-HJKPSTUW\d]?|GIR)\s?\d[ABD-HJLNP-UW-Z]{2}\b"
)
_CA_POSTCODE = re.compile(r"\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d\b")
_US_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|"
    "NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY"
)
_US_ZIP = re.compile(
    rf"\b[A-Z][a-zA-Z.]+(?:\s[A-Z][a-zA-Z.]+){{0,2}},?\s(?:{_US_STATES})\s\d{{5}}(?:-\d{{4}})?\b"
)
_CITIES = (
    "Amsterdam|Rotterdam|Utrecht|Den Haag|Eindhoven|Berlin|Hamburg|München|Munich|Köln|"
    "Frankfurt|Stuttgart|Düsseldorf|Leipzig|Dresden|Wien|Vienna|Graz|Zürich|Zurich|Genève|"
    "Geneva|Bern|Basel|Paris|Lyon|Marseille|Toulouse|Lille|Nantes|Bordeaux|Nice|Strasbourg|"
    "Madrid|Barcelona|Valencia|Sevilla|Bilbao|Málaga|Roma|Rome|Milano|Milan|Napoli|Torino|"
    "Firenze|Bologna|Lisboa|Lisbon|Porto|Bruxelles|Brussels|Antwerpen|Gent|Liège|København|"
    "Copenhagen|Aarhus|Oslo|Bergen|Stockholm|Göteborg|Malmö|Helsinki|Warszawa|Kraków|"
    "Wrocław|Gdańsk|Praha|Prague|Brno|Budapest|Dublin|Luxembourg|"
    "Bremen|Hannover|Nürnberg|Essen|Dortmund|Bonn|Mannheim|Karlsruhe|Freiburg|Münster|"
    "Augsburg|Wiesbaden|Mainz|Kiel|Lübeck|Rostock|Potsdam|Erfurt|Magdeburg|Linz|Salzburg|"
    "Innsbruck|Klagenfurt|Lausanne|Luzern|Winterthur|St\\. Gallen|Lugano|Zaragoza|Salamanca|"
    "Granada|Murcia|Palma|Alicante|Valladolid|Vigo|Gijón|Córdoba|Cádiz|Santander|Pamplona|"
    "San Sebastián|Donostia|Oviedo|A Coruña|Las Palmas|Ciudad de México|CDMX|Guadalajara|"
    "Monterrey|Puebla|Mérida|Tijuana|Buenos Aires|Rosario|Mendoza|Santiago|Lima|Bogotá|"
    "Medellín|Montevideo|Quito"
)
_EU_POSTCODE_CITY = re.compile(
    rf"(?<![\w.,-])(?:\d{{5}}|\d{{4}}\s?[A-Z]{{2}}|\d{{4}}|\d{{2}}-\d{{3}}|[A-Z]-\d{{4,5}})"
    rf"\s+(?:{_CITIES})\b"
)


def find_addresses(text: str) -> Iterator[Finding]:
    """Street addresses in English and common European forms, PO boxes and postcodes."""
    for pattern in (_EN_STREET, _DE_STREET, _FR_STREET, _SOUTH_STREET, _PO_BOX):
        for match in pattern.finditer(text):
            yield Finding.make("street-address", text, match.start(), match.end())
    for match in _EN_STREET_TOLD.finditer(text):
        yield Finding.make("street-address", text, match.start("addr"), match.end("addr"))
    for pattern in (_UK_POSTCODE, _CA_POSTCODE, _US_ZIP):
        for match in pattern.finditer(text):
            yield Finding.make("street-address", text, match.start(), match.end())
    for match in _EU_POSTCODE_CITY.finditer(text):
        number = match.group().split()[0]
        if number.isdigit() and len(number) == 4 and 1900 <= int(number) <= 2099:
            continue  # "since 2019 Berlin has felt like home" is a year, not a postcode
        yield Finding.make("street-address", text, match.start(), match.end())


# -- dates of birth ------------------------------------------------------------------

_MONTHS = (
    r"jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|"
    r"aug(?:ust|\.)?|sep(?:t|tember|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?|"
    r"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|"
    r"januar|februar|märz|april|juni|juli|oktober|dezember|"
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|"
    r"diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|"
    r"januari|februari|maart|augustus"
)
_YEAR = r"(?:19|20)\d{2}"
_DATE = (
    rf"(?:\d{{1,2}}[./-]\d{{1,2}}[./-](?:{_YEAR}|\d{{2}})"
    rf"|{_YEAR}-\d{{2}}-\d{{2}}"
    rf"|(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th|er|\.)?\s+(?:of\s+|de\s+)?(?:{_MONTHS})"
    rf"(?:,?\s+|\s+de\s+){_YEAR}"
    rf"|(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR})"
)
_BIRTH_WORDS = (
    r"born|gave birth|d\.?\s?o\.?\s?b\.?|date of birth|birth\s?date|birthday|b-?day|"
    r"geboren|geb\.|geburtsdatum|geburtstag|née?|naissance|nacid[oa]|fecha de nacimiento|"
    r"fecha de nac\.?|f\.\s?nac\.?|nac[ií]|naci[oó]|nacimos|cumpleaños|"
    r"nat[oa]|data di nascita|nascimento"
)
_DOB = re.compile(
    rf"\b(?P<word>{_BIRTH_WORDS})(?P<gap>[^.!?\n]{{0,30}}?)(?<![\d/.-])(?P<date>{_DATE})"
    rf"(?![\d/])",
    re.IGNORECASE,
)
_NOT_DOB_BEFORE = re.compile(
    r"\b(?:sober|sobriety|clean|recovery|spiritual|aa|na|program|rebirth)\W+(?:\w+\W+)?$",
    re.IGNORECASE,
)


#: German puts the birth word last: "ich bin am 3. Februar 1992 geboren"
_DOB_AFTER = re.compile(
    rf"(?<![\d/.-])(?P<date>{_DATE})(?![\d/])[^.!?\n\d]{{0,25}}?\s(?:geboren|zur Welt gekommen)\b",
    re.IGNORECASE,
)


def find_birth_dates(text: str) -> Iterator[Finding]:
    """A full date (day, month, year) after a birth word in the same sentence.

    A sobriety birthday ("my clean birthday is 3 May 2015") is a recovery date,
    not a date of birth, and "born again" is faith, not a birth certificate.
    """
    for match in _DOB.finditer(text):
        word = match.group("word").lower()
        if word == "born" and re.match(r"\s+again\b", match.group("gap"), re.IGNORECASE):
            continue
        if _NOT_DOB_BEFORE.search(text[max(0, match.start() - 30) : match.start()]):
            continue
        yield Finding.make("date-of-birth", text, match.start("date"), match.end("date"))
    for match in _DOB_AFTER.finditer(text):
        if _NOT_DOB_BEFORE.search(text[max(0, match.start() - 30) : match.start()]):
            continue
        yield Finding.make("date-of-birth", text, match.start("date"), match.end("date"))
