"""Check digits used to tell a real identifier from a run of digits that only looks like one.

Every detector that can verify a checksum does, because a checksum is the cheapest
way to keep precision high: a random 16-digit string passes Luhn one time in ten,
a random IBAN-shaped string passes mod 97 about one time in a hundred. These are
written from the published algorithms (ISO/IEC 7812, ISO 13616, the national
specifications named in each docstring).
"""

from __future__ import annotations

import datetime as dt


def digits_of(text: str) -> str:
    """The decimal digits of ``text`` in order, separators dropped."""
    return "".join(ch for ch in text if "0" <= ch <= "9")


def luhn_valid(number: str) -> bool:
    """ISO/IEC 7812 mod-10 check, used by payment cards and Canadian SIN / Swedish IDs."""
    if not number or not number.isdigit():
        return False
    total = 0
    for index, char in enumerate(reversed(number)):
        value = ord(char) - 48
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def mod97_valid(iban: str) -> bool:
    """ISO 13616 / ISO 7064 mod 97-10: move the first four characters to the end,
    turn letters into numbers (A=10 … Z=35) and the result must leave 1 modulo 97."""
    if len(iban) < 5 or not iban.isalnum():
        return False
    rearranged = iban[4:] + iban[:4]
    remainder = 0
    for char in rearranged.upper():
        if char.isdigit():
            remainder = (remainder * 10 + ord(char) - 48) % 97
        elif "A" <= char <= "Z":
            remainder = (remainder * 100 + ord(char) - 55) % 97
        else:
            return False
    return remainder == 1


def nhs_number_valid(number: str) -> bool:
    """NHS number (England, Wales, Isle of Man): weights 10..2, check digit 11 - sum mod 11."""
    if len(number) != 10 or not number.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(number[9])


def bsn_valid(number: str) -> bool:
    """Dutch BSN "elfproef": weights 9..2 and -1 for the last digit, sum divisible by 11."""
    if len(number) != 9 or not number.isdigit() or number == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(number[:8], range(9, 1, -1), strict=True))
    total -= int(number[8])
    return total % 11 == 0


_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def spanish_dni_valid(value: str) -> bool:
    """Spanish DNI (8 digits + letter) or NIE (X/Y/Z + 7 digits + letter): letter = n mod 23."""
    value = value.upper()
    if len(value) != 9:
        return False
    head, letter = value[:8], value[8]
    if head[0] in "XYZ":
        head = str("XYZ".index(head[0])) + head[1:]
    if not head.isdigit() or len(set(head)) == 1:
        return False  # 11111111H and the like are specimen numbers, printed on samples
    return _DNI_LETTERS[int(head) % 23] == letter


def german_tax_id_valid(number: str) -> bool:
    """German tax ID (steuerliche Identifikationsnummer, § 139b AO): 11 digits, no leading
    zero; in the first ten one digit appears twice or three times and the others at most
    once; the last is an ISO/IEC 7064 MOD 11,10 check digit."""
    if len(number) != 11 or not number.isdigit() or number[0] == "0":
        return False
    counts = sorted((number[:10].count(d) for d in set(number[:10])), reverse=True)
    if counts[0] not in (2, 3) or (len(counts) > 1 and counts[1] > 1):
        return False
    product = 10
    for char in number[:10]:
        total = (int(char) + product) % 10 or 10
        product = total * 2 % 11
    check = 11 - product
    return (0 if check == 10 else check) == int(number[10])


_ID_CARD_LETTERS = frozenset("CFGHJKLMNPRTVWXYZ")


def german_id_card_valid(value: str) -> bool:
    """German identity card number (Personalausweis since 2010): nine characters from
    the card's alphabet (digits and C F G H J K L M N P R T V W X Y Z), the first a letter
    and at least one digit; a tenth character, when given, is the 7-3-1 check digit of the
    machine-readable zone (letters count A=10 … Z=35)."""
    value = value.upper()
    if len(value) not in (9, 10) or value[0] not in _ID_CARD_LETTERS:
        return False
    body = value[:9]
    if not all(ch.isdigit() or ch in _ID_CARD_LETTERS for ch in body):
        return False
    if sum(ch.isdigit() for ch in body) < 2:
        return False
    if len(value) == 9:
        return True
    weights = (7, 3, 1)
    total = sum(
        (int(ch) if ch.isdigit() else ord(ch) - 55) * weights[index % 3]
        for index, ch in enumerate(body)
    )
    return value[9].isdigit() and total % 10 == int(value[9])


def french_nir_valid(number: str) -> bool:
    """French social security number (NIR): 13 digits then a key of 97 - (n mod 97).

    Corsican department codes 2A and 2B are replaced by 19 and 18 for the computation.
    """
    number = number.upper()
    if len(number) != 15:
        return False
    body, key = number[:13], number[13:]
    body = body.replace("2A", "19", 1) if body[5:7] == "2A" else body
    body = body.replace("2B", "18", 1) if body[5:7] == "2B" else body
    if not body.isdigit() or not key.isdigit() or body[0] not in "12378":
        return False
    return 97 - int(body) % 97 == int(key)


def brazil_cpf_valid(number: str) -> bool:
    """Brazilian CPF: two mod-11 check digits over 9 digits; all-equal numbers are invalid."""
    if len(number) != 11 or not number.isdigit() or len(set(number)) == 1:
        return False
    digits = [int(d) for d in number]
    for size in (9, 10):
        total = sum(d * w for d, w in zip(digits[:size], range(size + 1, 1, -1), strict=True))
        check = (total * 10) % 11 % 10
        if check != digits[size]:
            return False
    return True


_HETU_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
_HETU_CENTURY = {"+": 1800, "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900}
_HETU_CENTURY.update(dict.fromkeys("ABCDEF", 2000))


def finnish_hetu_valid(value: str) -> bool:
    """Finnish personal identity code DDMMYYCZZZQ: Q = (DDMMYYZZZ mod 31) in a fixed alphabet."""
    value = value.upper()
    if len(value) != 11 or value[6] not in _HETU_CENTURY:
        return False
    digits = value[:6] + value[7:10]
    if not digits.isdigit():
        return False
    century = _HETU_CENTURY[value[6]]
    if not valid_date(century + int(value[4:6]), int(value[2:4]), int(value[0:2])):
        return False
    return _HETU_CHARS[int(digits) % 31] == value[10]


def swedish_personnummer_valid(value: str) -> bool:
    """Swedish personnummer YYMMDD-NNNC: a real date and Luhn over the ten digits.

    Coordination numbers add 60 to the day; those are accepted too.
    """
    digits = digits_of(value)
    if len(digits) != 10:
        return False
    day = int(digits[4:6])
    if day > 60:
        day -= 60
    if not (valid_date(1900 + int(digits[0:2]), int(digits[2:4]), day)):
        return False
    return luhn_valid(digits)


def us_ssn_plausible(number: str) -> bool:
    """SSA never issues area 000, 666 or 900-999, group 00 or serial 0000."""
    if len(number) != 9 or not number.isdigit():
        return False
    area, group, serial = number[:3], number[3:5], number[5:]
    return area not in ("000", "666") and area[0] != "9" and group != "00" and serial != "0000"


_PPS_WEIGHTS = (8, 7, 6, 5, 4, 3, 2)


def irish_pps_valid(value: str) -> bool:
    """Irish PPS number: 7 digits, a check letter and an optional letter (weight 9, A=1)."""
    value = value.upper()
    if len(value) not in (8, 9) or not value[:7].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(value[:7], _PPS_WEIGHTS, strict=True))
    if len(value) == 9:
        extra = value[8]
        if extra != "W":
            if not "A" <= extra <= "I":
                return False
            total += (ord(extra) - 64) * 9
    check = total % 23
    letter = "W" if check == 0 else chr(64 + check)
    return value[7] == letter


def valid_date(year: int, month: int, day: int) -> bool:
    """True when the three numbers form a real calendar date."""
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True
