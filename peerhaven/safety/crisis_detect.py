"""Notice explicit crisis language in what someone is about to post, so the app can
*offer* support lines to that person, gently and privately.

The signal is never used to block a post, never reported to moderators or a relay,
never stored and never sent anywhere: it only decides whether the author sees a
short "if you want to talk to someone now" card with the lines for their country.

It looks for first-person phrases of suicidal intent, self-harm intent and
immediate danger ("I want to end it all", "I've got the pills ready", "going to
hurt myself tonight"), tolerant of case, curly apostrophes and dropped
apostrophes ("dont", "im"). It stays quiet on figures of speech ("this headache
is killing me", "I died laughing"), on grief ("we lost him to suicide"), on
talk about other people, on negations ("I'm not suicidal") and on recovery told
in the past ("I used to self-harm but I'm 2 years clean"): for someone telling
the group how far they have come, a crisis card reads as not being listened to.
A relapse or an urge ("the urges to cut are back") does fire.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class CrisisCategory(StrEnum):
    """What kind of crisis language was found, most urgent first."""

    IMMEDIATE_DANGER = "immediate-danger"
    SUICIDAL = "suicidal-ideation"
    SELF_HARM = "self-harm"


@dataclass(frozen=True, slots=True)
class CrisisSignal:
    """The most urgent phrase found; offsets point into the original text."""

    category: CrisisCategory
    start: int
    end: int
    phrase: str


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})


def _p(source: str) -> str:
    """Pattern shorthand: ``'`` may be typed or dropped, a space is any whitespace."""
    return source.replace("'", "'?").replace(" ?", "\0").replace(" ", r"\s+").replace("\0", r"\s*")


_ADV = (
    r"(?:really |just |honestly |seriously |actually |kind of |kinda |still |often |"
    r"sometimes |keep )?"
)
_I = r"\bi(?:'m| am|'ve| have|'ll| will|'d| would)?"
_WANT = (
    r"(?:want|wanting|wanna|need|needing|wish|plan|planning|intend|going|gonna|ready|"
    r"about(?= to)|close(?= to)|decided|thinking|think|thought|considering|contemplating|"
    r"tempted|trying|tried|urge|urges|itching)"
)
_TO = r"(?: is)?(?: about| of| on)?(?: how)?(?: to)?"
_DIE_IDIOM = (
    r"(?! (?:of|from) (?:embarrassment|shame|cringe|laughing|laughter|boredom)| laughing"
    r"| peacefully| at home| in my sleep| with dignity| when| on (?:this|that) hill)"
)
_EVER = r"(?: any ?more| any longer| again| now| today| tonight|\b)"

_SUICIDAL = [
    _p(r"\bkill(?:ing)? my ?self\b(?! laughing)"),
    # words coined to get past platform filters ("unalive", "sewerslide")
    _p(r"\bun-?aliv(?:e|ing) my ?self\b|\bsewer ?slide\b"),
    _p(r"\b(?:end|ending) (?:it all|my life|my own life|everything)\b"),
    _p(rf"\b{_WANT}{_TO} (?:end|ending) (?:it|things)\b(?! (?:with|between|off with))"),
    _p(r"\b(?:take|taking|took) my (?:own )?life\b"),
    _p(rf"\b{_WANT}{_TO} (?:commit(?:ting)? )?suicide\b"),
    _p(r"\b(?:i'm|i am|feeling|feel|felt|been|getting|so|really|very|actively|passively) "
       r"suicidal\b"),
    _p(r"\b(?:having|have|get|getting|with|fighting|battling) (?:\w+ ){0,2}suicidal "
       r"(?:thoughts|ideation|feelings|urges)\b"),
    _p(r"\bthoughts of (?:suicide|killing myself|ending it|ending my life|dying)\b"),
    _p(r"\b(?:think|thinking|thought) about dying\b"),
    _p(r"(?:^|[.!?] )suicidal\b|\bsuicidal (?:again|tonight|today|right now)\b"),
    _p(rf"\b{_WANT}{_TO} (?:(?:take |have )?(?:an )?overdose|od|hang myself|drown myself|"
       r"shoot myself|slit my wrists|jump off (?:a|the) (?:bridge|roof|building|cliff)|"
       r"(?:drive|crash) (?:my car )?into (?:a|the) (?:wall|tree|river|sea|lorry|truck))\b"),
    _p(r"\b(?:plan|planning|planned|planning out) my (?:suicide|death)\b"),
    _p(r"\b(?:suicide|dying|death|killing myself|ending it) (?:is|feels like|seems like|"
       r"looks like) (?:the|my) only (?:option|way out|answer|choice)\b"),
    _p(r"\bonly way out is (?:suicide|to die|death|to end it|to kill myself)\b"),
    _p(r"\b(?:dying|being dead|death) would be (?:easier|better|a relief)\b"),
    _p(r"\b(?:i'm|i am) (?:so |just )?done with (?:life|living|being alive)\b"),
    _p(r"\b(?:thinking about|going to|gonna|want to|wanna|about to) jump(?:ing)?\b"
       r"(?! (?:in|into|on|at|ship|through|the queue|for joy|around|up|back))"),
    _p(r"\b(?:wish|want|wanna)(?: i could)?(?: just)?(?: to)? (?:stop|cease) (?:existing|living|"
       r"breathing|being alive)\b"),
    _p(rf"{_I} {_ADV}(?:want|wanna|wish|need) (?:to )?die\b{_DIE_IDIOM}"),
    _p(r"\bi (?:just )?wish i (?:was|were) dead\b|\bbetter off dead\b"),
    _p(rf"\bdon't (?:really )?(?:want|wanna) to (?:be here|be alive|live|exist|wake up|"
       rf"go on|be around){_EVER}"),
    _p(r"\bno longer (?:want|wish) to (?:be here|be alive|live|exist)\b"),
    _p(r"\bdon't think i (?:want|wanna) to (?:be here|be alive|live|exist|go on)\b"),
    _p(r"\b(?:tired|sick) of (?:being alive|living|existing)\b"),
    _p(r"\bwhat's the point (?:of|in) (?:living|going on|being alive|carrying on)\b"),
    _p(r"\b(?:no ?one|nobody) would (?:even )?(?:notice|care|miss me) if i (?:disappeared|was gone|"
       r"were gone|died|wasn't here|was dead)\b"),
    _p(r"\bwant (?:it all|everything) to stop\b"),
    _p(r"\bwish i could (?:just )?disappear (?:forever|for good|and never come back)\b"),
    _p(r"\b(?:go to sleep|sleep) and (?:never|not) wake up\b"),
    _p(r"\b(?:want|wish|hope|like)\b[^.!?\n]{0,40}\bnever wake up\b"
       r"(?! (?:rested|refreshed|feeling|before|on time|early|in time))"),
    _p(rf"(?:^|[.!?] )(?:wanting|want|wanna) to die\b{_DIE_IDIOM}|\bwanting to die\b{_DIE_IDIOM}"),
    _p(r"\b(?:i'd|i would|i'd much|i would much) rather (?:be dead|die|not be alive|not exist)\b"),
    _p(r"\bpart of me (?:wants|wishes|needs) to (?:die|be dead)\b"),
    _p(r"\bwant my life to (?:be over|end|stop)\b"),
    _p(r"\bwish i(?:'d| had) never been born\b"),
    _p(r"\bcan't (?:keep|go on) living(?: like this)?\b"),
    _p(r"\bhope i (?:don't|never) wake up\b"),
    _p(r"\b(?:would|will|'d) (?:all )?(?:be )?better off without me\b"),
    _p(r"\b(?:would|will|'d) (?:all )?be (?:better off|happier|better) if i (?:was|were) "
       r"(?:gone|dead)\b|\bbetter off if i (?:wasn't|weren't) (?:here|around|alive)\b"),
    _p(r"\b(?:no reason|nothing left) to live\b|\bnothing to live for\b|\bno point (?:in )?"
       r"(?:living|going on|being alive)\b"),
    _p(r"\bwon't be (?:around|here) (?:much longer|for long|any ?more|tomorrow)\b"),
    _p(r"\b(?:writ(?:ten|ing|e)|wrote|left) (?:my |a )?(?:suicide|goodbye) (?:note|letter)s?\b"),
    _p(r"\bgiving away (?:all )?my (?:things|stuff|belongings)\b"),
    _p(r"\bi can't (?:go on|keep going|do this) any ?more\b(?! (?:at|with|in) (?:work|this job))"),
]  # fmt: skip

_SELF_HARM = [
    _p(rf"\b{_WANT}{_TO} (?:cut|cutting|hurt|hurting|harm|harming|burn|burning|punish) "
       r"(?:my ?self|my (?:arms?|legs?|wrists?|thighs?|skin))\b"),
    _p(rf"\b{_WANT}{_TO} (?:self[- ]?harm|cut again|start cutting)\b"),
    _p(r"\b(?:want|wanna|need|going|gonna|urge|urges|tempted) to cut(?= ?(?:[.,!?]|$|again\b|"
       r"tonight\b|so\b|right now\b|myself\b))"),
    _p(r"\bi (?:\w+ )?self[- ]?harm(?:ed|ing)?\b"),
    _p(r"\b(?:started|been|am|i'm|back to|relapsed (?:on|into|with)) (?:self[- ]?harm(?:ing)?|"
       r"cutting(?: myself)?|burning myself)\b"),
    _p(r"\burges? (?:to (?:cut|self[- ]?harm|hurt myself)|are back)\b"),
    _p(r"\bi (?:have |'ve |just )?cut (?:again|deeper)\b"),
    _p(r"\bi (?:\w+ )?(?:burn|cut|scratch|hit|punch|starve) my ?self\b"),
    _p(r"\b(?:cut|cutting|hurt|hurting|burned|burnt) my ?self (?:again|last night|tonight|"
       r"today|deep(?:er)?|badly|on purpose|deliberately)\b"),
]  # fmt: skip

#: "tablets ready for the morning" is a pill organiser, not a plan
_ROUTINE = (
    r"(?! (?:for|in) (?:the |my |a )?(?:morning|tomorrow|week|day|night|bed|school|work|"
    r"holiday|trip|blister|pill ?box|dosette|organiser|organizer|pack))"
)

_DANGER = [
    _p(r"\b(?:got|have|has|bought|saved|stockpiled|counted) (?:up )?(?:all )?(?:the |my |enough )?"
       r"(?:pills|tablets|meds|rope|noose)(?: \w+){0,2} (?:ready|lined up|saved|in front of me)\b"
       + _ROUTINE),
    _p(r"\b(?:pills|tablets|meds|rope|noose) (?:is |are )?ready\b" + _ROUTINE),
    _p(r"\bstockpil(?:e|ed|ing) (?:my |the |all )?(?:pills|tablets|meds|medication|insulin)\b"),
    _p(r"\b(?:looking up|looked up|googling|googled|researching|searched) (?:how (?:many|much) "
       r"(?:pills|tablets|paracetamol)|ways to die|how to (?:kill|overdose|hang|end))\b"),
    _p(r"\b(?:taken|took|swallowed) (?:all|the whole|a whole|\d+|too many|loads of|a load of|"
       r"every one of|a bunch of|a handful of|lots of|a lot of|"
       r"(?:a |the )?(?:whole )?(?:bottle|packet|box|pack)s? of) (?:of )?"
       r"(?:my |the )?(?:sleeping )?(?:pills|tablets|meds|paracetamol)\b"
       r"(?! (?:on time|as prescribed|correctly|with (?:food|breakfast|lunch|dinner)))"),
    _p(r"\b(?:i've|i have|i just|i) (?:taken|took) an overdose\b|\bjust overdosed\b"),
    _p(r"\b(?:overdosed|od'd|took an overdose)\b(?= (?:an? (?:hour|few minutes|minute|while)s? "
       r"ago|just now|tonight|today|earlier))"),
    _p(r"\b(?:sitting|standing|lying|alone|here|i'm) (?:\w+ ){0,4}with (?:the|my|all my|all the|"
       r"a bottle of|a handful of) (?:pills|tablets|rope|blade|razor|knife)\b"),
    _p(r"\b(?:step|stepping|jump|jumping|throw myself|throwing myself) in front of (?:a |the )?"
       r"(?:one|train|bus|car|lorry|truck|traffic)\b"),
    _p(r"\b(?:going|gonna|about|planning|want|wanna|ready) to (?:take|swallow) (?:all|every one of|"
       r"the whole|a whole (?:bottle|packet|box) of|\d+) (?:of )?(?:my |the )?(?:pills|tablets|"
       r"meds|paracetamol)\b"),
    _p(r"\b(?:standing|sitting|stood) (?:on|at) (?:the |a )?(?:edge of )?(?:the |a )?"
       r"(?:bridge|ledge|cliff|tracks|railway|platform edge)\b"),
    _p(r"\btonight(?:'s| is) the night\b|\bby the time (?:you|anyone|someone) reads? this\b"),
    _p(r"\bthis is (?:my )?(?:final|last) goodbye\b"),
    _p(r"\b(?:going|gonna|about|planning|ready) to (?:kill myself|end it|end my life|do it|"
       r"hurt myself|cut|jump|take them|take the pills)(?: all)? (?:tonight|today|now|right now|"
       r"this evening|after (?:this|everyone)|soon)\b"),
]  # fmt: skip

_COMPILED: list[tuple[CrisisCategory, re.Pattern[str]]] = [
    *((CrisisCategory.IMMEDIATE_DANGER, re.compile(p, re.IGNORECASE)) for p in _DANGER),
    *((CrisisCategory.SUICIDAL, re.compile(p, re.IGNORECASE)) for p in _SUICIDAL),
    *((CrisisCategory.SELF_HARM, re.compile(p, re.IGNORECASE)) for p in _SELF_HARM),
]

#: the clause a phrase belongs to ends at sentence punctuation or a "but"
_CLAUSE_BREAK = re.compile(r"[.!?;\n]|\bbut\b|,\s*and\b|\band now\b|\bnow\b(?= i\b)", re.IGNORECASE)
_NEGATED = re.compile(
    _p(r"\b(?:not|never|no longer|don't|won't|wouldn't|didn't|isn't|wasn't|aren't|"
       r"no intention of|no plans? to|stopped|quit|asked (?:me )?(?:if|whether))"
       r"(?: \w+){0,4} $"),
    re.IGNORECASE,
)  # fmt: skip
_PAST = re.compile(
    _p(r"\bused to\b|\byears? ago\b|\bmonths? ago\b|\bin the past\b|\bback (?:then|in)\b|"
       r"\bwhen i was (?:a |younger|\d)|\bas a (?:teen|teenager|kid|child|student)\b|"
       r"\bin (?:19|20)\d\d\b|\b\d+ (?:years?|months?|days?) (?:clean|free|sober|without)\b|"
       r"\b(?:clean|free|recovered) (?:from|of)\b|\bhaven't (?:self[- ]?harmed|cut|hurt)\b|"
       r"\bsurvived\b|\bmy (?:old|former) self\b"),
    re.IGNORECASE,
)  # fmt: skip
#: the phrase opens a quotation ("the 'I want to die' feeling in that song")
_QUOTED = re.compile(r"(?:^|\s)['\"“]$")
_NOW = re.compile(
    _p(r"\b(?:again|tonight|right now|today|still|these days|lately|are back|came back|"
       r"coming back|returned|relapsed)\b"),
    re.IGNORECASE,
)  # fmt: skip
_ACCIDENT = re.compile(
    r"\b(?:shaving|chopping|cooking|kitchen|knife slipped|accident(?:ally)?|paper cut|"
    r"tin|gardening|at the gym|lifting|tripped|fell)\b",
    re.IGNORECASE,
)
_HYPERBOLE = re.compile(
    _p(
        r"\b(?:could|would|nearly|almost) (?:have )?kill(?:ed)? my ?self (?:for|laughing|on|"
        r"tripping|falling)\b"
    ),
    re.IGNORECASE,
)


def _clause(text: str, start: int, end: int) -> tuple[str, str]:
    """The parts of the phrase's clause before and after it."""
    begin = 0
    for match in _CLAUSE_BREAK.finditer(text, 0, start):
        begin = match.end()
    after = _CLAUSE_BREAK.search(text, end)
    stop = after.start() if after else len(text)
    return text[begin:start], text[end:stop]


def _counts(text: str, match: re.Match[str], category: CrisisCategory) -> bool:
    """Whether a phrase match is meant, here and now, by the writer."""
    before, after = _clause(text, match.start(), match.end())
    if _NEGATED.search(before) or _QUOTED.search(before):
        return False
    if _HYPERBOLE.search(text, max(0, match.start() - 12), match.end() + 12):
        return False
    clause = before + match.group() + after
    if category is CrisisCategory.SELF_HARM and _ACCIDENT.search(clause):
        return False
    return not (_PAST.search(clause) and not _NOW.search(clause))


def detect_crisis_language(text: str) -> CrisisSignal | None:
    """The most urgent explicit crisis phrase in ``text``, or None.

    Immediate danger outranks suicidal ideation, which outranks self-harm; within
    a category the first phrase in reading order wins.
    """
    normalised = text.translate(_APOSTROPHES)
    for category in CrisisCategory:
        matches = sorted(
            (m for c, pattern in _COMPILED if c is category for m in pattern.finditer(normalised)),
            key=lambda m: m.start(),
        )
        for match in matches:
            if _counts(normalised, match, category):
                start, end = match.span()
                return CrisisSignal(category, start, end, text[start:end])
    return None
