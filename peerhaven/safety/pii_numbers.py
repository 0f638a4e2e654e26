"""Numbers that identify a person or an account: payment cards, IBANs, national IDs.

Each shape is confirmed by its checksum where one exists (Luhn, mod 97, the national
check digits); shapes without a checksum (US SSN without dashes, Danish CPR, Dutch
BSN, passport numbers) need a naming word right before them ("SSN", "CPR", "BSN",
"passport number").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from peerhaven.safety import checksums as ck
from peerhaven.safety.findings import Finding

# -- payment cards -------------------------------------------------------------------

_CARD = re.compile(r"(?<![\d.,-])\d(?:[ -]?\d){12,18}(?![\d-]|[.,]\d)")
_CARD_GROUPS = (
    re.compile(r"\d{4}(?:([ -])\d{4}){2}\1\d{1,7}"),
    re.compile(r"\d{4}([ -])\d{6}\1\d{4,5}"),
)


def find_cards(text: str) -> Iterator[Finding]:
    """13 to 19 digits, grouped as cards print them (or not at all), issuer prefix 2-6, Luhn."""
    for match in _CARD.finditer(text):
        candidate = match.group()
        digits = ck.digits_of(candidate)
        if not 13 <= len(digits) <= 19 or digits[0] not in "23456":
            continue
        if candidate != digits and not any(g.fullmatch(candidate) for g in _CARD_GROUPS):
            continue
        if ck.luhn_valid(digits):
            yield Finding.make("card-number", text, match.start(), match.end())


# -- IBAN ----------------------------------------------------------------------------

#: ISO 13616 lengths by country (the SWIFT IBAN registry)
IBAN_LENGTHS: dict[str, int] = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22,
    "BH": 22, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22,
    "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27,
    "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28,
    "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20,
    "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25, "MC": 27,
    "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15,
    "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24,
    "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28,
    "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}  # fmt: skip
_IBAN_START = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2} ?\d{2}")


def find_ibans(text: str) -> Iterator[Finding]:
    """Country code, two check digits and the country's BBAN length, mod-97 checked.

    Written as a small scanner rather than one regex so that the match stops at
    exactly the country's length even when a word follows the number.
    """
    for match in _IBAN_START.finditer(text):
        country = match.group()[:2].upper()
        length = IBAN_LENGTHS.get(country)
        if length is None:
            continue
        chars: list[str] = []
        index = match.start()
        while index < len(text) and len(chars) < length:
            char = text[index]
            if char.isascii() and char.isalnum():
                chars.append(char)
            elif char == " " and chars and index + 1 < len(text) and text[index + 1] != " ":
                pass
            else:
                break
            index += 1
        if len(chars) != length:
            continue
        if index < len(text) and text[index].isascii() and text[index].isalnum():
            continue
        if _printed_like_an_iban(text[match.start() : index]) and ck.mod97_valid(
            "".join(chars).upper()
        ):
            yield Finding.make("iban", text, match.start(), index)


def _printed_like_an_iban(span: str) -> bool:
    """Mostly digits, and either unspaced or in the printed groups of four.

    Without this, "is 12 and then some words" could be read as an Icelandic IBAN
    whenever the letters happened to pass mod 97.
    """
    groups = span.split(" ")
    if groups[0].isalpha() and len(groups) > 1:  # "IT 60 X054 ..." as some people type it
        groups = [groups[0] + groups[1], *groups[2:]]
    if len(groups) > 1 and (any(len(g) != 4 for g in groups[:-1]) or not 1 <= len(groups[-1]) <= 4):
        return False
    if " " in span and any(ch.islower() for ch in span):
        return False  # spaced-out lowercase is prose, not a number someone copied
    return sum(ch.isalpha() for ch in "".join(groups)[4:]) <= 8


# -- national identity numbers -------------------------------------------------------

_Check = Callable[[str], bool]


def _always(_: str) -> bool:
    return True


def _swedish(value: str) -> bool:
    return ck.swedish_personnummer_valid(value[-11:])


def _cpr(value: str) -> bool:
    digits = ck.digits_of(value)
    return ck.valid_date(2000, int(digits[2:4]), int(digits[0:2]))


def _ni(value: str) -> bool:
    """HMRC never issues prefixes with D, F, I, Q, U, V (or O second), nor a few pairs."""
    prefix = value[:2].upper()
    if prefix[0] in "DFIQUV" or prefix[1] in "DFIQUVO":
        return False
    return prefix not in ("BG", "GB", "KN", "NK", "NT", "TN", "ZZ")


#: (pattern, check) pairs whose shape is specific enough on its own
_SHAPED: tuple[tuple[re.Pattern[str], _Check], ...] = (
    # US Social Security number as printed: 123-45-6789
    (re.compile(r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])"),
     lambda v: ck.us_ssn_plausible(ck.digits_of(v))),
    # UK National Insurance number: QQ 12 34 56 C
    (re.compile(r"\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b"), _ni),
    # French social security number (NIR), 15 characters
    (re.compile(r"\b[12378] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\d) ?(?:\d{2}|2[AB])"
                r" ?\d{3} ?\d{3} ?\d{2}\b"),
     lambda v: ck.french_nir_valid(v.replace(" ", ""))),
    # Spanish DNI / NIE with its check letter
    (re.compile(r"\b[XYZ]?\d{7,8}-?[A-Z]\b"),
     lambda v: ck.spanish_dni_valid(v.replace("-", "").rjust(9, "0"))),
    # Italian codice fiscale: surname, name, birth date and place codes, check letter
    (re.compile(r"\b[A-Z]{6}\d{2}[ABCDEHLMPRST]\d{2}[A-Z]\d{3}[A-Z]\b"), _always),
    # Swedish personnummer: (YY)YYMMDD-NNNC
    (re.compile(r"(?<![\d-])(?:19|20)?\d{6}[-+]\d{4}(?![\d-])"), _swedish),
    # Finnish HETU: DDMMYY, century sign, individual number, check character
    (re.compile(r"\b\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]\b"), ck.finnish_hetu_valid),
    # Irish PPS number
    (re.compile(r"\b\d{7}[A-W][A-IW]?\b"), ck.irish_pps_valid),
    # Brazilian CPF: 123.456.789-09
    (re.compile(r"(?<![\d.])\d{3}\.\d{3}\.\d{3}-\d{2}(?![\d-])"),
     lambda v: ck.brazil_cpf_valid(ck.digits_of(v))),
)  # fmt: skip

_LABEL_GAP = (
    r"(?:\s*(?:number|no\.?|num|#|is|was|:|-|nummer|nr\.?|ist|lautet|es|n\.?º|número|numero|"
    r"de|von|\.)){0,3}\s*"
)
#: (naming words, number pattern, check) for numbers that need to be named
_NAMED: tuple[tuple[str, str, _Check], ...] = (
    (r"ssn|ss#|social security", r"\d{3}[ -]?\d{2}[ -]?\d{4}",
     lambda v: ck.us_ssn_plausible(ck.digits_of(v))),
    (r"nhs", r"\d{3}[ -]?\d{3}[ -]?\d{4}", lambda v: ck.nhs_number_valid(ck.digits_of(v))),
    (r"sin|social insurance", r"\d{3}[ -]?\d{3}[ -]?\d{3}",
     lambda v: ck.luhn_valid(ck.digits_of(v))),
    (r"bsn|burgerservicenummer", r"\d{9}", ck.bsn_valid),
    (r"cpr|personnummer", r"\d{6}-?\d{4}", _cpr),
    (r"national insurance|ni", r"[A-Za-z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-Da-d]", _ni),
    (r"aadhaar|aadhar", r"[2-9]\d{3} ?\d{4} ?\d{4}", _always),
    (r"tfn|tax file", r"\d{3} ?\d{3} ?\d{3}", _always),
    (r"medicare|medicaid", r"[0-9A-Za-z]{4}[ -]?[0-9A-Za-z]{3,5}[ -]?[0-9A-Za-z]{2,5}",
     lambda v: sum(c.isdigit() for c in v) >= 6),
    (r"steuer-?id(?:-?nr\.?)?|steuer-?idnr\.?|steuer-?identifikationsnummer|"
     r"steuerliche identifikationsnummer|identifikationsnummer",
     r"\d{2} ?\d{3} ?\d{3} ?\d{3}", lambda v: ck.german_tax_id_valid(ck.digits_of(v))),
    (r"personalausweis(?:nummer|-?nr\.?)?|ausweis-?nummer|ausweis-?nr\.?|perso-?nummer|perso|"
     r"dokumentennummer",
     r"[A-Za-z][A-Za-z0-9]{8}\d?", ck.german_id_card_valid),
    (r"passport|driver'?s licen[cs]e|driving licen[cs]e|licen[cs]e|id card|personalausweis",
     r"[A-Za-z0-9]{6,16}", lambda v: sum(c.isdigit() for c in v) >= 4),
)  # fmt: skip
#: one pass to learn whether any naming word occurs at all (most posts have none)
_ANY_NAMING_WORD = re.compile(
    r"\b(?:" + "|".join(words for words, _, _ in _NAMED) + r")\b", re.IGNORECASE
)
_NAMED_RE = tuple(
    (re.compile(rf"\b(?:{words})\b{_LABEL_GAP}(?P<value>{value})(?![\w-])", re.IGNORECASE), check)
    for words, value, check in _NAMED
)


def find_national_ids(text: str) -> Iterator[Finding]:
    """Formats of national identity numbers, confirmed by checksum or by a naming word."""
    for pattern, check in _SHAPED:
        for match in pattern.finditer(text):
            if check(match.group()):
                yield Finding.make("national-id", text, match.start(), match.end())
    if not _ANY_NAMING_WORD.search(text):
        return
    for pattern, check in _NAMED_RE:
        for match in pattern.finditer(text):
            if check(match.group("value")):
                yield Finding.make("national-id", text, match.start("value"), match.end("value"))
