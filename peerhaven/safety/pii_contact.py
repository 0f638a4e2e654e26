"""Contact details: e-mail addresses, links and handles that name someone, phone numbers.

Phone numbers are the hard part of the guard: support posts are full of numbers
(doses, day counts, years, times, ranges, money, room numbers). A run of digits
counts as a phone number only when its *shape* says so on its own (a ``+`` or
``00`` country prefix, a national trunk ``0`` with consistent grouping, the
North American ``(555) 123-4567`` forms) or when a word like "call" or "text"
stands right before it. Numbers that belong to public services we list in the
crisis data are never reported: sharing a helpline is not oversharing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from peerhaven.safety.checksums import digits_of
from peerhaven.safety.findings import Finding

# -- e-mail -------------------------------------------------------------------------

# Every repetition is bounded (RFC 5321 limits: 64-character local part, 63-character
# labels) so that hostile input such as "a.a.a.a…" stays linear, not quadratic.
_EMAIL = re.compile(
    r"(?<![\w.+%-])(?P<at>@)?\w[\w.%+-]{0,63}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}"
    r"\.[A-Za-z]{2,24}(?![\w@-])"
)
_TLDS = r"(?:com|net|org|edu|gov|info|co\.uk|[a-z]{2})"
#: "dot" and "at" in English, Spanish ("punto", "arroba") and German ("Punkt")
_SPOKEN_DOT = r"(?:\[dot\]|\(dot\)|\{dot\}|\s+(?:dot|punto|punkt)\s+)"
_EMAIL_SPELLED = re.compile(
    r"(?<![\w.+-])[\w.+-]{2,64}(?:\s+(?:dot|punto|punkt)\s+[\w+-]{1,64}){0,3}\s{0,3}"
    r"(?:\[at\]|\(at\)|\{at\}|\s+(?:at|arroba)\s+)\s{0,3}[\w-]{1,63}"
    r"\s{0,3}" + _SPOKEN_DOT + r"\s{0,3}" + _TLDS + r"\b",
    re.IGNORECASE,
)


def find_emails(text: str) -> Iterator[Finding]:
    """Addresses like ``jane.doe@example.org`` and spelled-out ``jane at gmail dot com``.

    ``@jane@mastodon.social`` is a fediverse handle: reported as an identifying link.
    """
    for match in _EMAIL.finditer(text):
        kind = "identifying-link" if match.group("at") else "e-mail"
        yield Finding.make(kind, text, match.start(), match.end())
    for match in _EMAIL_SPELLED.finditer(text):
        yield Finding.make("e-mail", text, match.start(), match.end())


# -- links that carry a name ---------------------------------------------------------


def _words(spaced: str) -> frozenset[str]:
    """A set written as space-separated words, to keep the table below readable."""
    return frozenset(spaced.split())


_X_RESERVED = _words(
    "explore hashtag home i intent login messages notifications search settings share"
)
#: profile hosts, each with the first path segments that are *not* a person
_PROFILE_HOSTS: dict[str, frozenset[str]] = {
    "facebook.com": _words(
        "events gaming groups hashtag help login marketplace pages photo policies reel share"
        " sharer stories story.php watch"
    ),
    "fb.com": _words("events groups help"),
    "instagram.com": _words("accounts direct explore p reel reels tv"),
    "twitter.com": _X_RESERVED,
    "x.com": _X_RESERVED,
    "linkedin.com": _words("company feed groups help jobs learning login posts pulse school"),
    "tiktok.com": _words("discover explore foryou login music tag"),
    "threads.net": _words("login search"),
    "youtube.com": _words("embed feed playlist results shorts watch"),
    "reddit.com": _words("comments login r search submit"),
    "github.com": _words(
        "about explore features login marketplace orgs pricing search settings sponsors topics"
    ),
    "pinterest.com": _words("ideas pin search"),
    "snapchat.com": _words("discover spotlight"),
    "t.me": _words("joinchat s"),
    "vk.com": _words("feed search"),
    "twitch.tv": _words("directory search videos"),
    "medium.com": _words("m p search tag topics"),
    "venmo.com": _words("about legal"),
    "paypal.me": _words(""),
    "cash.app": _words(""),
    "gofundme.com": _words("c discover sign-in start"),
    "patreon.com": _words("explore login posts"),
    "ko-fi.com": _words("explore"),
    "linktr.ee": _words(""),
    "bsky.app": _words("feeds notifications search"),
    "onlyfans.com": _words(""),
    "soundcloud.com": _words("charts discover search"),
}  # fmt: skip
#: path segments that lead to a person rather than being the person ("linkedin.com/in/jane")
_PROFILE_PREFIXES = frozenset({"in", "pub", "u", "user", "c", "add", "f", "profile", "people"})
_BLOG_HOSTS = r"(?:substack\.com|tumblr\.com|blogspot\.com|wordpress\.com|carrd\.co)"

_URL = re.compile(
    r"(?<![\w@.-])(?:https?://)?(?:[\w-]{1,63}\.){1,10}[a-z]{2,24}(?:/[^\s<>\"')\]]*)?",
    re.IGNORECASE,
)
_BLOG = re.compile(
    r"(?<![\w@.-])(?:https?://)?(?!www\.)(?P<name>[\w-]{3,63})\." + _BLOG_HOSTS + r"\b[^\s<>\"']*",
    re.IGNORECASE,
)
_NAME_PARAM = re.compile(
    r"[?&#](?:name|first_?name|last_?name|full_?name|fname|lname|surname|given_?name|"
    r"family_?name|user|user_?name|username|email|e-mail|patient|patient_?name|member|"
    r"user_?id|uid|child|dob|phone)=[^&\s#]+",
    re.IGNORECASE,
)
_HANDLE = re.compile(r"(?<![\w@.])@(?P<handle>[A-Za-z0-9_](?:[\w.]{1,28}[\w])?)(?![\w@])")
_HANDLE_PLATFORM = re.compile(
    r"\b(?:instagram|insta|ig|twitter|tiktok|snapchat|snap|telegram|threads|bluesky|"
    r"x\.com|on x|youtube|twitch|venmo|cash ?app|socials?)\b",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?)"


def _profile_path(host: str, path: str) -> bool:
    """True when ``path`` (after the host) starts with a person's handle on ``host``."""
    segments = [s for s in re.split(r"[/?#]", path) if s]
    if not segments:
        return "profile.php" in path or "id=" in path
    first = segments[0].lower()
    if first in ("profile.php",):
        return "id=" in path
    if first.startswith("@") and len(first) > 1:
        return True
    if first in _PROFILE_HOSTS[host] or first.startswith("#"):
        return False
    if first in _PROFILE_PREFIXES:
        return len(segments) > 1
    return len(first) >= 2 and not first.endswith(".php")


def find_links(text: str) -> Iterator[Finding]:
    """Social profile URLs, personal blogs, URLs with name-like query parameters, and
    ``@handles`` that sit next to a platform's name ("my insta is @jane.doe")."""
    for match in _URL.finditer(text):
        url = match.group().rstrip(_TRAILING)
        end = match.start() + len(url)
        bare = re.sub(r"^(?:https?://)?(?:www\.|m\.|mobile\.|[a-z]{2}\.)?", "", url, flags=re.I)
        host, _, path = bare.partition("/")
        host = host.lower()
        if host.startswith("pinterest."):
            host = "pinterest.com"
        if host in _PROFILE_HOSTS and _profile_path(host, path):
            yield Finding.make("identifying-link", text, match.start(), end)
        elif _NAME_PARAM.search(url):
            yield Finding.make("identifying-link", text, match.start(), end)
    for match in _BLOG.finditer(text):
        end = match.start() + len(match.group().rstrip(_TRAILING))
        yield Finding.make("identifying-link", text, match.start(), end)
    for match in _HANDLE.finditer(text):
        window = text[max(0, match.start() - 40) : match.end() + 25]
        if _HANDLE_PLATFORM.search(window):
            yield Finding.make("identifying-link", text, match.start(), match.end())


# -- phone numbers -------------------------------------------------------------------

_PHONE_SHAPES = re.compile(
    r"""
    (?<![\w+£$€¥#/.,:-])
    (?:
        (?P<intl>(?:\+|\b00)\s?[1-9]\d{0,2}(?:[\s.-]?\(?\d{1,5}\)?){2,7})
      | (?P<nanp>(?:\b1[\s.-])?(?:\(\d{3}\)\s?|\b\d{3}[\s.-])\d{3}[\s.-]\d{4})
      | (?P<br>\(?\b\d{2}\)?\s9\d{4}-\d{4})            # Brazilian mobile: (21) 98765-4321
      | (?P<trunk>\(?\b0[1-9]\d{0,4}\)?(?:\s?/\s?|[\s.-]?)\d{2,5}(?:[\s.-]?\d{2,5}){0,3})
      | (?P<es>\b[6789]\d{1,2}(?:[\s.-]\d{2,3}){2,3})  # Spanish, no trunk 0: 612 345 678
    )
    (?![\w%]|[.,:/-]\d)
    """,
    re.VERBOSE,
)
_PHONE_LOOSE = re.compile(r"(?<![\w+£$€¥#/.,:-])\d[\d\s.-]{5,14}\d(?![\w%]|[.,:/-]\d)")
_PHONE_CONTEXT = re.compile(
    r"\b(?:call|calls|calling|ring|text|txt|sms|phone|mobile|cell|cellphone|tel|telephone|"
    r"whats\s?app|signal|telegram|number|landline|contact|reach|"
    # Spanish and German calling words
    r"ll[aá]m\w*|m[oó]vil|tel[eé]fono|n[uú]mero|cel|celu|celular|wasap|escr[ií]be\w*|fijo|"
    r"contacto|handy|handynummer|nummer|telefon|festnetz|ruf\w*|anrufen|erreichbar|kontakt)"
    r"\b[^.!?\n\d]{0,25}$",
    re.IGNORECASE,
)
_NOT_PHONE_BEFORE = re.compile(
    r"\b(?:room|ward|bed|step|flight|order|ref|reference|case|ticket|policy|invoice|page|"
    r"chapter|account|acct|sort code|id|pin|code|serial|tracking|batch|lot|item|"
    r"prescription|rx|nhs|ssn|sin|bsn|nino|iban|passport|card|national insurance|"
    r"social security|social insurance)\s*(?:no\.?|number|#)?\s*[:#]?\s*$",
    re.IGNORECASE,
)
#: the candidate continues a longer code ("DE89 3704 0044 ..."), so it is not a phone
_TAIL_OF_NUMBER = re.compile(r"(?<![\w+])[A-Za-z]*\d\w*[ -]$")
_UNIT_AFTER = re.compile(
    r"^\s?(?:mg|mcg|ml|g|kg|lbs?|%|x|days?|weeks?|months?|years?|yrs?|times?|hours?|hrs?|"
    r"mins?|minutes?|seconds?|people|steps|calories|kcal|miles|km|units?|pills|tablets|"
    r"am|pm)\b",
    re.IGNORECASE,
)


#: an area code, a space, then a dashed number: Argentine "11 5566-7788"
_LOCAL_AND_DASH = re.compile(r"^\d{2,4} \d{4}-\d{4}$")


def _consistent_separators(candidate: str) -> bool:
    """A national number uses one separator throughout; "01.02.2020 10" mixes two.

    A dash after the area code is allowed before spaces ("070-123 45 67", Sweden).
    """
    candidate = re.sub(r"^\(?\d{2,5}\)?-(?=\d{2,4} )", "0 ", candidate.strip("()"))
    seps = set(re.findall(r"[\s.-]", candidate))
    seps = {" " if s.isspace() else s for s in seps}
    return len(seps) <= 1


def find_phones(text: str, is_public: Callable[[str], bool] | None = None) -> Iterator[Finding]:
    """Phone numbers by shape, plus digit runs right after "call", "text", "my number" ...

    ``is_public(digits)`` may exempt well-known service numbers (helplines).
    """
    taken: list[tuple[int, int]] = []

    def accept(start: int, end: int, digits: str) -> Finding | None:
        if is_public is not None and is_public(digits):
            return None
        before = text[max(0, start - 25) : start]
        if _NOT_PHONE_BEFORE.search(before) or _TAIL_OF_NUMBER.search(before):
            return None
        if _UNIT_AFTER.match(text[end : end + 12]):
            return None
        taken.append((start, end))
        return Finding.make("phone", text, start, end)

    for match in _PHONE_SHAPES.finditer(text):
        candidate = match.group()
        digits = digits_of(candidate)
        if match.group("intl"):
            ok = 8 <= len(digits) - (2 if candidate.startswith("00") else 0) <= 15
        elif match.group("nanp") or match.group("br"):
            ok = True
        elif match.group("es"):
            ok = len(digits) == 9 and _consistent_separators(candidate)
        else:
            ok = 9 <= len(digits) <= 12 and _consistent_separators(candidate)
        if ok and (found := accept(match.start(), match.end(), digits)):
            yield found
    for match in _PHONE_LOOSE.finditer(text):
        start, end = match.start(), match.end()
        if any(start < e and s < end for s, e in taken):
            continue
        digits = digits_of(match.group())
        spaced = _consistent_separators(match.group()) or _LOCAL_AND_DASH.match(match.group())
        if not 7 <= len(digits) <= 12 or not spaced:
            continue
        if not _PHONE_CONTEXT.search(text[max(0, start - 40) : start]):
            continue
        if found := accept(start, end, digits):
            yield found
