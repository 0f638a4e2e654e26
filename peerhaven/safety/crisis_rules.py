"""The crisis rules: which combinations of words, near each other, are a warning sign.

Each rule names the warning sign it stands for (its ``cue``, after the Columbia
scale and the signs crisis lines publish: ideation, method, intent, plan,
preparation, burden, hopelessness, feeling trapped, unbearable pain, self-harm,
goodbyes) and is written against the canonical text of ``crisis_text`` with the
word lists of ``crisis_lexicon``. A rule is a pattern, optionally with a second
pattern that must occur within ``window`` characters (either side) and a pattern
that, in the same sentence (or within ``unless_reach`` characters), means it is
something else (``unless``). A rule is only tried on sentences holding one of the
words it ``needs``: most sentences hold none, which keeps the detector fast enough
for every keystroke. Whether the writer means it of themselves, here and now, is
decided once for every rule in ``crisis_detect``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from peerhaven.safety.crisis_lexicon import (
    ACCIDENT,
    DIE_IDIOM,
    DISTRESS,
    ENDING,
    FINALITY,
    GAP,
    INTENT,
    MEANS,
    MEANS_WORDS,
    MUNDANE,
    NOT_ALIVE,
    OCCASION,
    ORDINARY_ABSENCE,
    SOON,
    WISH,
)


class CrisisCategory(StrEnum):
    """What kind of crisis language was found, most urgent first."""

    IMMEDIATE_DANGER = "immediate-danger"
    SUICIDAL = "suicidal-ideation"
    SELF_HARM = "self-harm"


@dataclass(frozen=True, slots=True)
class Rule:
    """One warning sign, as the words that show it."""

    category: CrisisCategory
    cue: str
    #: the rule is only tried on a draft that has one of these words (speed: most
    #: drafts have none, and the rules are many)
    needs: frozenset[str]
    pattern: re.Pattern[str]
    near: re.Pattern[str] | None = None
    window: int = 0
    unless: re.Pattern[str] | None = None
    #: how far either side of the match ``unless`` reads; 0: the match's sentence
    unless_reach: int = 0


def _rule(
    category: CrisisCategory,
    cue: str,
    needs: str,
    pattern: str,
    *,
    near: str | None = None,
    window: int = 120,
    unless: str | None = None,
    unless_reach: int = 0,
) -> Rule:
    return Rule(
        category,
        cue,
        frozenset(needs.split()),
        re.compile(pattern),
        re.compile(_bounded(near)) if near else None,
        window if near else 0,
        re.compile(_bounded(unless)) if unless else None,
        unless_reach,
    )


def _bounded(pattern: str) -> str:
    r"""``\ba|b|c\b`` bounds only the first and last word: bound every one of them."""
    if pattern.startswith(r"\b") and pattern.endswith(r"\b"):
        return rf"\b(?:{pattern[2:-2]})\b"
    return pattern


_D = CrisisCategory.IMMEDIATE_DANGER
_S = CrisisCategory.SUICIDAL
_H = CrisisCategory.SELF_HARM

_HARM_ACT = (
    r"(?:cut|cutting|burn|burned|burnt|burning|scratch|scratched|scratching|hit|hitting|"
    r"punch|punched|punching|bite|biting|starve|starved|starving|hurt|hurting|harm|harmed|"
    r"harming|carve|carved|carving|bruise|bruised|bash|bashed|bang|banged)"
)
_BODY = r"(?:myself|my (?:arms?|legs?|wrists?|thighs?|skin|stomach|hips?|body|face|head))"
_SELF_HARM_WORD = (
    r"(?:self harm(?:ing|ed)?|sh|cutting myself|cutting(?! (?:down|out|back|my|corners|ties|"
    r"costs|carbs|sugar|the|a|an|it|on|up|off|in|through|across|class|school|wood|paper|"
    r"grass|hair)\b)|burning myself|harming myself|"
    r"hurting myself)"
)

RULES: tuple[Rule, ...] = (
    # --- immediate danger: means at hand, an act done, a time set, a goodbye ----------
    _rule(_D, "method", MEANS_WORDS,
          rf"\b(?:got|have|has|bought|saved|stockpiled|counted|lined up) (?:up )?"
          rf"(?:all )?(?:the |my |enough |some )?{MEANS}(?: \w+){{0,2}} (?:ready|lined up|saved|"
          r"in front of me|next to me|here)\b(?! (?:for|in) (?:the |my |a )?(?:morning|tomorrow|"
          r"week|day|night|bed|school|work|holiday|trip|blister|pill ?box|dosette|organi[sz]er|"
          r"pack|pharmacy|chemist|collection))"),
    _rule(_D, "method", MEANS_WORDS,
          rf"\b{MEANS} (?:is |are )?(?:ready|waiting)\b(?! (?:for|at|in) )",
          unless=r"\b(?:pharmacy|chemist|collect\w*|pick(?:ed)? up|prescription)\b"),
    _rule(_D, "preparation", "pills tablets meds medication insulin paracetamol painkillers "
          "antidepressants "
          "prescription prescriptions",
          r"\b(?:stockpil\w*|hoard\w*|stash\w*|sav(?:e|ed|ing)(?: up)?|"
          r"collect(?:ed|ing)|squirrel(?:l)?(?:ed|ing) away|a stash of|"
          r"stockpile of)(?: \w+){0,3}? (?:pills|tablets|meds|medication|insulin|paracetamol|"
          r"painkillers|sleeping pills|antidepressants|prescriptions?)\b",
          unless=r"\b(?:shortage|shortages|supply issues|holiday|trip|travel|used to|"
          r"pocket money|money|pharmacy|chemist|take (?:them |it )?back|return|disposal|dispose|"
          r"unused|expired|their|his|her)\b"),
    _rule(_D, "preparation", "pills tablets meds paracetamol insulin",
          r"\b(?:pills|tablets|meds|paracetamol|insulin) (?:saved|"
          r"stashed|put away|stockpiled)\b"),
    _rule(_D, "method", "enough",
          r"\benough (?:\w+ ){0,2}(?:saved |hidden |stashed )?(?:to do it|"
          r"to end it|to kill (?:me|myself)|to not wake up|to die|to overdose|for it to work)\b",
          near=rf"\b{MEANS}\b|\bto (?:kill|end|die|not wake)", window=60),
    _rule(_D, "preparation", "looking looked look searching searched googling googled researching "
          "researched "
          "reading read checking checked asking working worked",
          r"\b(?:looking|looked|look|searching|searched|googling|googled|"
          r"researching|researched|reading(?: up)?|read up|checking|checked|asking|working out|"
          r"worked out)(?: up| about| into| on| online| for){0,2} (?:how (?:long|many|much|quickly|"
          r"fast)(?: \w+){0,4}? (?:to|it takes to|would it take to|does it take to|before (?:you|"
          r"i))"
          r" (?:die|bleed out|overdose|kill|drown|suffocate|lose consciousness|pass out|"
          r"not wake up|be fatal|be lethal)|(?:which|what) (?:pills|tablets|meds|drugs|method|"
          r"way|bridge)(?: \w+){0,3}? (?:work|would work|kill|is (?:the )?(?:fastest|quickest|"
          r"painless|least painful|best))|(?:the )?(?:most |least |best )?(?:painless |quick |"
          r"easy |best |quickest |fastest |"
          r"least painful |peaceful |simple )?ways? to (?:die|kill myself|end it|end my life|"
          r"commit suicide|go)|(?:suicide )?methods\b(?! (?:for|of|in|to) )|how to (?:kill "
          r"myself|die|end it|end my life|overdose|hang|tie a noose|commit suicide)|how "
          r"(?:much|many) (?:\w+ ){0,3}(?:is|are|would be|it takes to be) (?:a )?(?:fatal|lethal|"
          r"enough to die)(?: dose| amount)?)"),
    _rule(_D, "method", "how",
          rf"\bhow (?:many|much) (?:of )?(?:my |the )?(?:\w+ )?{MEANS}?(?: \w+)?"
          r" ?(?:(?:would|will|does|do|to) (?:it take|they take|i need|kill|be (?:fatal|lethal|"
          r"enough))|it (?:would|will) take|it takes)\b", near=rf"\b(?:{MEANS}|for me|not wake|die|"
          rf"dead|kill|asking for (?:me|a "
          r"friend))\b", window=40, unless=r"\b(?:can i take|safe|dose|dosage|max(?:imum)?)\b"),
    _rule(_D, "method", "taken took swallowed downed necked",
          r"\b(?:taken|took|swallowed|downed|necked) (?:all|the whole|a whole|\d+|"
          r"too many|loads of|a load of|every one of|a bunch of|a handful of|lots of|a lot of|"
          r"(?:a |the )?(?:whole )?(?:bottle|packet|box|pack)s? of|everything) (?:of )?"
          r"(?:my |the )?(?:sleeping )?(?:pills|tablets|meds|paracetamol|insulin|\w+ pills)\b"
          r"(?! (?:on time|as prescribed|correctly|with (?:food|breakfast|lunch|dinner)|this "
          r"morning|today|like|every))"),
    _rule(_D, "method", "overdose overdosed odd",
          r"\b(?:ive|i have|i just|i|just) (?:taken|took) an overdose\b|"
          r"\bjust overdosed\b|\b(?:overdosed|odd|took an overdose)\b(?= (?:an? (?:hour|few "
          r"minutes|minute|while)s? ago|just now|tonight|today|earlier))"),
    _rule(_D, "method", "with",
          r"\b(?:sitting|standing|lying|alone|here|im|in my car)(?: \w+){0,4} "
          r"with (?:the|my|all my|all the|a bottle of|a handful of|a|some) (?:pills|tablets|"
          r"rope|noose|blade|razor|knife|gun)\b"),
    _rule(_D, "method", "bridge ledge cliff tracks railway platform roof",
          r"\b(?:standing|sitting|stood|sat|on|at) (?:on|at|by) (?:the |a )?"
          r"(?:edge of )?(?:the |a |my )?(?:bridge|ledge|cliff|tracks|railway|railway line|"
          r"platform edge|roof(?: of (?:my|the) (?:building|flats?|block))?)\b",
          unless=r"\b(?:photo|view|sunset|sunrise|walk|walking|hike|hiking|train (?:to|home)|"
          r"waiting for|commute|holiday|beautiful|lovely|gorgeous|love|watching|boats?|ducks?|"
          r"fishing)\b"),
    _rule(_D, "method", "thinking picturing imagining looking driving walking",
          r"\b(?:keep|kept|cant stop|been|im|am|i)(?: \w+)? (?:thinking about|"
          r"picturing|imagining|looking at|driving past|walking past)\b",
          near=rf"\b{MEANS}\b.{{0,80}}(?:\bit\b|how easy|be done|be over|end it|one|them)|"
          r"how easy it would be", window=90,
          unless=r"\b(?:collapse|documentary|news|film|movie|holiday|photo|remember)\b"),
    _rule(_D, "method", MEANS_WORDS,
          rf"\b(?:(?:keep|kept|cant stop|been) (?:looking at|staring at|thinking "
          rf"about|picturing|eyeing)|staring at|stared at|eyeing|holding|sat with|sitting with)"
          rf" (?:the |my |a |that )?(?:\w+ ){{0,3}}?{MEANS}\b",
          unless=r"\b(?:documentary|news|film|movie|holiday|photo|view|sunset|train (?:to|home)|"
          r"timetable|delayed|late|commute|organi[sz]er|dosette|blister|remember|prescribed)\b"),
    _rule(_D, "method", "know",
          rf"\b(?:i )?know (?:which|where|exactly which|the) (?:{MEANS}|code|"
          r"spot|place)\b(?: id| i would| to| i will| ill)?"),
    _rule(_D, "method", "rope noose",
          r"\b(?:bought|buying|got|getting|ordered) (?:a |some )?(?:rope|noose)\b"
          r"(?! for)",
          unless=r"\b(?:swing|climbing|boat|garden|tent|camping|washing line|tyre|dog|horse|gym|"
          r"crafts?|project|tree ?house|hammock|sailing|knots?)\b"),
    _rule(_D, "preparation", "from",
          r"\b(?:bought|buying|getting|got) (?:\w+ ){0,3}(?:paracetamol|"
          r"pills|tablets) from (?:\w+ )?(?:different|several|multiple|two|three|four) "
          r"(?:shops|pharmacies|chemists|places|stores)"),
    _rule(_D, "plan", "night day",
          r"\b(?:tonight(?:s| is)|today is) the (?:night|day)\b(?! (?:we|for|of|"
          r"that|when|i (?:finally |will |am going to )?(?!(?:end|do|kill|take|go|die|leave)\b)"
          r"\w+))",
          unless=rf"\b{OCCASION}|wish me luck|shift|back at work\b", unless_reach=120),
    _rule(_D, "goodbye", "time reading",
          r"\bby the time (?:you|anyone|someone|somebody|people|u)(?: all)? "
          r"(?:read|reads|see|sees|find|finds) this\b|\bif (?:youre|you are|anyone is) reading "
          r"this(?: ,)? (?:im|i am|i will be|ill be|ive) (?:already )?(?:gone|dead)\b"),
    _rule(_D, "goodbye", "final last goodbye",
          r"\b(?:this is|heres|this will be|thatll be|that was|this was) (?:my )?(?:final|last) "
          r"(?:goodbye|post|message|"
          r"words|note)\b(?! (?:before|for (?:a while|now|today|the (?:week|day|night|year)|this|"
          r"\d)|of the|until|till|here for))|\bthis is my goodbye\b",
          unless=rf"\b{ORDINARY_ABSENCE}\b"),
    _rule(_D, "goodbye", "goodbye bye farewell",
          r"\b(?:goodbye|bye|farewell) (?:everyone|all|everybody|forever|world|"
          r"cruel world|to (?:everyone|you all|all of you|this (?:group|community)|the people))\b"
          r"|\b(?:wanted|want|need|have) to say goodbye(?: to (?:everyone|you all|all of you|"
          r"this (?:group|community|place)|the people (?:who|that) matter))?\b|\bsaid (?:my )?"
          r"goodbyes? to (?:everyone|the people|all)\b|\bgoodbye\b(?= \.|$)",
          unless=rf"\b{ORDINARY_ABSENCE}|for now|for a (?:bit|while)|until|till|see you|bed|sleep|"
          r"goodnight|night all|later|off to\b"),
    _rule(_D, "goodbye", "hear see",
          r"\b(?:you|u)(?: all)? (?:wont|will not|will never|ll never|wont ever) "
          r"(?:hear|see|have to (?:hear|see|deal with|worry about|put up with)) (?:from )?me "
          r"(?:again|anymore|any more|after (?:this|tonight))\b|\b(?:this will be|this is) the "
          r"last (?:time )?(?:you|anyone|u)(?: all)? (?:will )?(?:hear|see)s? (?:from )?me\b"),
    _rule(_D, "goodbye", "blame fault",
          r"\bplease dont blame (?:yourselves|yourself|anyone|my|him|her)\b|"
          r"\b(?:its|it is|it was) not (?:your|anyones) fault\b",
          near=r"\b(?:goodbye|love you|sorry|gone|about to|going to|decision|do this|dont (?:reply|"
          r"answer|respond|post|wake)|not (?:here|around) tomorrow)\b",
          window=120),
    _rule(_D, "goodbye", "sorry love thank thanks care after tell",
          r"\b(?:sorry for everything|i love you all|love you all|thank you for "
          r"everything|thanks for everything|take care of each other|look after each other|"
          r"tell my \w+ (?:that )?i love)\b",
          near=r"\b(?:goodbye|bye|farewell|last (?:post|message|time)|wont be (?:posting|here|"
          r"around)|gone|cant (?:do it|go on)|myself|forever|sorry)\b", window=120,
          unless=rf"\b{ORDINARY_ABSENCE}|for now|for a (?:bit|while)|see you|back\b"),
    _rule(_D, "intent", "going gonna about planning ready decided",
          rf"\b(?:going|gonna|about|planning|ready|decided)(?: to)?{GAP} (?:{ENDING}|do it|"
          rf"take them|take the pills|hurt myself|cut myself|"
          rf"cut my \w+)(?: all)?(?: \w+){{0,2}}? {SOON}\b"),
    _rule(_D, "intent", "it",
          rf"\b(?:im|i am|ill|i will) (?:going to |gonna )?do(?:ing)? it "
          rf"{SOON}\b|\bgoing to do it {SOON}\b|\bgonna do it {SOON}\b",
          near=r"\b(?:ready|decided|made up my mind|pills|tablets|rope|end|die|goodbye|sorry|"
          r"cant|nobody|no one|talk me out|backing out|plan|note|this time)\b", window=120),
    _rule(_D, "intent", "going gonna",
          r"\b(?:im|i am|ill|i will|this time im) (?:actually |really |finally )?"
          r"(?:going to|gonna) (?:do it|go through with it)\b(?! (?:for|with)\b)",
          near=r"\b(?:this time|not backing out|mean it|made up my mind|decided|ready|"
          r"tonight|goodbye|nobody|no one|talk me out)\b", window=80),
    _rule(_D, "plan", "dates date set",
          r"\b(?:the )?dates? (?:is )?set\b|\bset the date\b",
          near=r"\b(?:calm|scared?s?|ready|decided|peace|nobody|no one|goodbye|note)\b", window=80,
          unless=rf"\b{OCCASION}|{ORDINARY_ABSENCE}\b"),
    _rule(_D, "plan", "date day time plan planned worked know rehearse rehearsed rehearsing "
          "chosen chose picked decided figured",
          r"\b(?:ive|i have|i) (?:picked|chosen|set|got|decided on|made) "
          r"(?:a|the) (?:date|day|time)\b|\b(?:i have|ive got|ive|i) (?:a|my) plan (?:and|for "
          r"(?:how|when))\b|\bworked out (?:when and how|how and when|how many|how much|the "
          r"details)\b|\bplanned (?:it )?(?:all )?(?:out|how)\b|\bits all planned\b|\bplan is "
          r"(?:set|to (?:do it|end it|take|go|drive|jump|overdose))\b|\b(?:ive|i have|i) "
          r"(?:got|have) (?:it )?all planned(?: out)?\b|\bknow (?:exactly )?(?:how and when|"
          r"when and how|when and where|where and when|"
          r"how|when)(?: and \w+)? (?:id|i would|im going to|i will|ill|to) do it\b|\b(?:when|"
          r"where|"
          r"how)(?: ,| and| , and) (?:when|where|how)(?: ,| and| , and) (?:when|where|how)\b|"
          r"\bknow (?:when and (?:where|how)|"
          r"(?:exactly )?how (?:id|i would|im going to|i will) do it)\b|\brehears\w* (?:it|how)\b|"
          r"\b(?:chosen|chose|picked|decided|worked out|figured out) (?:how|when|"
          r"where) (?:im going "
          r"to|i will|ill|id|to) do it\b",
          unless=r"\b(?:for|of) (?:the |my |our |a |his |her )?(?:trip|holiday|wedding|party|meal|"
          r"birthday|move|surgery|operation|appointment|interview|exams?|test)\b|\b(?:trip|"
          r"holiday|wedding|party|route|budget|revision|workout|diet|surprise|proposal|menu|"
          r"garden)\b"),
    _rule(_D, "plan", "once when after soon",
          r"\b(?:once|when|after|as soon as) (?:the kids|everyone|the house|my "
          r"\w+|they|the family)(?: \w+){0,5}? (?:im going to|i will|ill|im gonna|i can) "
          r"(?:do it|take them|end it|finally do it|go)\b"),
    _rule(_D, "plan", "coast bridge cliff cliffs sea river woods tracks station",
          r"\b(?:driving|going|walking|heading) to the (?:coast|bridge|cliffs?|sea|"
          r"river|woods|tracks|station)(?: \w+){0,3} (?:and )?(?:not|never) (?:coming|going) "
          r"back\b"),
    # --- suicidal ideation, active and passive ------------------------------------------
    _rule(_S, "ideation", "kill killing kms unalive unaliving sewer sewerslide end ending take "
          "taking "
          "commit committing suicide sui ctb overdose overdosing od hang hanging drown "
          "drowning shoot shooting gas gassing poison poisoning suffocate stab stabbing "
          "slit slitting cut cutting open opening set setting bleed bleeding throw throwing "
          "jump jumping step stepping walk walking lie lying drive driving crash crashing "
          "swerve swerving steer steering swallow swallowing",
          rf"\b{INTENT}{GAP} {ENDING}"),
    _rule(_S, "ideation", "kill killing kms unalive unaliving sewer sewerslide end ending take "
          "taking",
          r"\b(?:kill(?:ing)? myself|kms|unalive myself|unaliving myself|"
          r"sewer ?slide|end(?:ing)? my (?:own )?life|end(?:ing)? it all|tak(?:e|ing) my own "
          r"life)\b(?! (?:laughing|for|on (?:the|this|that|those)|tripping|falling))"),
    _rule(_S, "ideation", "want wants wanna wanting wish wishing need needing hope hoping pray "
          "praying "
          "ready should prefer longing long deserve deserving plan planning tempted urge "
          "urges",
          rf"\b{WISH}{GAP} {NOT_ALIVE}\b{DIE_IDIOM}"),
    _rule(_S, "ideation", "die",
          r"(?:^|(?<=[.?,] ))(?:i )?(?:really |just |honestly )?(?:wanna|want to|"
          rf"wanting to) die\b{DIE_IDIOM}"),
    _rule(_S, "ideation", "dead",
          r"\bi (?:just |really |honestly |sometimes |often )?(?:wish|want) "
          r"i (?:was|were|could be) dead\b|\bbetter off dead\b"),
    _rule(_S, "ideation", "rather",
          r"\b(?:id|i would|id much|i would much|id honestly|id really) rather "
          r"(?:be dead|die|not be alive|not exist|not wake up)\b",
          unless=rf"\bthan\b.*\b(?:{OCCASION}|{MUNDANE}|karaoke|sing\w*|danc\w*|wear\w*|eat\w*)\b"),
    _rule(_S, "ideation", "dont no",
          r"\b(?:dont|do not|no longer|dont really|dont even|really dont|"
          r"honestly dont|dont think i) (?:want|wanna|wish) (?:to )?(?:be alive|live|exist|be here|"
          r"wake up|"
          r"go on|be around|keep living|carry on|keep going|be in this world|breathe)\b"
          r"(?! (?:in|with|at|near|there|on|like that|somewhere|abroad|alone|together|here|"
          r"this (?:way|life)|to see)\b)", unless=rf"\b{MUNDANE}\b"),
    _rule(_S, "ideation", "care",
          r"\b(?:dont|do not)(?: \w+){0,2}? care(?: \w+)? (?:if|whether) (?:i|im|i am) (?:live|"
          r"die|wake up|make it|survive|am alive|alive|exist|here|around|dead)\b"),
    _rule(_S, "ideation", "suicidal suicide",
          r"\b(?:suicidal|suicide) (?:thoughts?|ideation|feelings?|urges?|"
          r"plans?|impulses?|ideas?|tendencies|mood|episode|crisis)\b|\b(?:feel|feeling|felt|"
          r"been|getting|got|so|really|very|actively|passively|im|i am|am|go|went|pretty|super|"
          r"quite|extremely|incredibly|dangerously|a bit|little|kinda|kind of|bit|more|most|"
          r"always|constantly|been feeling) suicidal\b|(?:^|(?<=[.?,] ))suicidal\b|\bsuicidal "
          r"(?:again|tonight|today|right now|lately|rn|since|for|and|af|as)\b"),
    _rule(_S, "ideation", "suicide killing ending dying death taking being existing waking funeral "
          "how",
          r"\bthoughts (?:of|about) (?:suicide|killing myself|ending it|ending "
          r"my life|dying|death|not being here|not existing|taking my life|unaliving)\b|"
          r"\b(?:think|thinking|thought|thinks|obsess\w*|fantasi[sz]\w*|dream\w*|imagin\w*|"
          r"pictur\w*) (?:a lot |so "
          r"much |constantly |all the time |every day )?(?:about|of) (?:suicide|dying|killing "
          r"myself|ending it|ending my life|taking my (?:own )?life|not being here|not existing|"
          r"not waking up|my (?:own )?death|my funeral|how to (?:die|end it|kill myself))\b",
          unless=r"\b(?:scared of|afraid of|fear of|terrified of|worried about)\b"),
    _rule(_S, "ideation", "dying death dead existing being waking suicide overdose drowning "
          "hanging killing "
          "ending end sleeping never disappearing",
          r"\b(?:dying|death|being dead|not existing|not being (?:alive|here|"
          r"around)|not waking up|suicide|an overdose|drowning|hanging|killing myself|ending it"
          r"(?: all)?|ending my life|the end|sleeping forever|never waking up|disappearing)"
          r"(?: \w+)? (?:would|will|is|feels|seems|sounds|looks|feel|seem|sound|look)(?: \w+)?"
          r"(?: like)? (?:(?:so|really|more|much|quite|kind of|almost|pretty|very|a lot) )?"
          r"(?:easier|better|peaceful|nice|good|a relief|relief|appealing|tempting|inviting|"
          r"welcome|the answer|(?:the|my) only (?:way(?: out)?|option|answer|choice|solution|"
          r"escape|exit|door(?: out)?)|freedom|free|calm|like (?:a |the )?(?:relief|way out|answer|"
          r"escape|only door|"
          r"rest|peace|only option|release|gift|mercy)|(?:so |that |too )?bad)\b",
          unless=r"\b(?:his|her|their|dads?|mums?|mothers?|fathers?|grand\w*|nan|gran|"
          r"brothers?|sisters?|dogs?|cats?|pets?|wasnt|was)\b"),
    _rule(_S, "ideation", "death dying end",
          r"\b(?:welcome|embrace|long for|crave|look forward to|cant wait for|"
          r"ready for|yearn for|pray for) (?:death|dying|the end|my death|not waking up|the "
          r"sweet release)\b"),
    _rule(_S, "ideation", "hope hoping pray praying wish wishing wouldnt would dont secretly",
          r"\b(?:hope|hoping|pray|praying|wish|wishing|wouldnt mind|would not "
          r"mind|wouldnt care|secretly hope|dont care)\b(?:(?! (?:dont|doesnt|wont|isnt|not|"
          r"never)\b(?! wake| make it| stop| see me| brake))[^.?]){0,60}?\b(?:(?:(?:a|the) )?"
          r"(?:bus|car|lorry|truck|train) (?:hit|hits|ran over|runs over|would hit|takes) me|"
          r"(?:bus|car|lorry|truck|train|driver) (?:doesnt|wont|didnt|does not|will not) (?:stop|"
          r"see me|brake)|hit by (?:a )?(?:car|bus|train|"
          r"lorry|truck)|(?:car |plane )?crash(?:es|ed)?\b|(?:plane|it) goes down|heart attack|"
          r"die in my sleep|take me(?! (?:to|out|home|back|with|for|on))|something (?:happens|"
          r"happened|would happen|bad happens) to me|(?:dont|didnt|not|never|wouldnt) wake up|"
          r"(?:cancer|illness|tumou?r|disease) (?:comes|came|would come|to come) back|"
          r"(?:dont|doesnt) make it through|gets me)"),
    _rule(_S, "ideation", "if",
          r"\bif (?:\w+ ){0,6}?(?:hit|hits|killed|crash\w*|died|die|didnt wake "
          r"up|dont wake up|never woke up|got sick|accident|run over|ran over)\b[^.?]{0,60}?"
          r"\b(?:wouldnt mind|would not mind|wouldnt care|(?:be|feel) (?:grateful|glad|relieved|"
          r"thankful|fine|okay|ok|happy)|wouldnt be (?:upset|sad|sorry)|not mind|wouldnt be "
          r"sad|be a relief)\b"),
    _rule(_S, "ideation", "wish wishing",
          r"\b(?:wish|wishing) (?:i|id|i had|i hadnt) (?:never been born|never "
          r"existed|never woke up|was never born|wasnt born|didnt exist)\b"),
    _rule(_S, "ideation", "stop end over",
          r"\b(?:want|wanna|wish|hope) (?:for )?(?:it all|everything|all of "
          r"it|this|my life|life|the pain|all this|it|things) to (?:just )?(?:stop|end|be over)\b"
          r"(?: \w+)? (?:forever|for good|permanently|for ever)\b|\b(?:want|wanna|wish) (?:it "
          r"all|everything|all of it|my life|life) to (?:just )?(?:stop|end|be over)\b|"
          r"\bwant it (?:all )?"
          r"to be over\b(?=.{0,30}\b(?:me|all|forever|of it)\b)"),
    _rule(_S, "ideation", "point",
          r"\b(?:(?:whats|what is|where is|what even is|whats even) the point "
          r"(?:of|in)(?: even| me)? (?:living|going on|carrying on|being alive|staying alive|"
          r"existing|life|me|waking up|trying to live|keep going|keeping going|any of it|"
          r"anything|being here|continuing)|no point (?:in |of )?(?:living|going on|carrying "
          r"on|being alive|staying alive|existing|being here|me being here|trying to live|"
          r"keeping going|waking up|life|continuing))\b"),
    _rule(_S, "hopelessness", "reason reasons nothing will hope worth",
          r"\b(?:no|zero|any|not a single|no more|nothing) (?:real |good )?"
          r"reasons? (?:left )?(?:for me )?to (?:live|keep living|stay alive|be alive|keep "
          r"going|go on|carry on|be here|exist|wake up|stick around|continue)\b|\bnothing "
          r"(?:left )?(?:for me )?(?:to live for|worth living for)\b|\bno will to live\b|"
          r"\blost (?:all )?(?:the )?(?:will|reason) to live\b|\bno hope left\b|\blost all "
          r"hope\b|\b(?:life|living|my life|being alive|existence|this life)(?: \w+)? (?:isnt|is "
          r"not|aint|not|no longer|isnt really|just isnt|isnt even) (?:\w+ )?worth (?:living|it|"
          r"the pain|the effort|continuing)\b"),
    _rule(_S, "hopelessness", "cant can cannot dont unable longer couldnt",
          r"\b(?:cant|can not|cannot|dont want to|unable to|no longer|"
          r"couldnt) (?:go on|keep going|carry on|keep living|keep on living|live like this|"
          r"live with (?:this|it|the pain|my (?:pain|illness|condition|head|"
          r"thoughts|mind|brain|depression|body))|do this|take (?:it|this|the pain|much more)|"
          r"cope|bear it|handle it|bear (?:being alive|living|this)|stand being alive|face "
          r"(?:another|one more) day|face tomorrow|survive this|fight (?:this|it)|keep "
          r"fighting|hold on|live(?! (?:in|with|at|near|there|here|on|abroad|"
          r"alone)\b))(?: \w+){0,2}? (?:any ?more|any longer|much longer|no more|"
          r"like this)\b|\bcant (?:keep living|live like this|bear being alive|stand being alive|"
          r"go on living|face (?:another|one more) day|keep going|go on)\b",
          unless=rf"\b{MUNDANE}\b"),
    _rule(_S, "hopelessness", "up done see future",
          r"\b(?:give|giving|gave|given) up on (?:life|living|everything|"
          r"myself|being alive|staying alive|it all)\b|\b(?:im|i am|so|just|totally|completely)"
          r" done with (?:life|living|being alive|existing|it all|all of it|this life|"
          r"everything)\b|\b(?:cant|can not|cannot|dont|do not|no longer) see (?:a|any) "
          r"(?:future|way forward|way out|point|reason to live|light)(?! (?:in|at|with) "
          rf"(?:this|my|the|that) {MUNDANE})\b|\bno future (?:for me|left)\b",
          unless=r"\b(?:diet|job|relationship|this (?:job|relationship))\b"),
    _rule(_S, "trapped", "only one",
          r"\b(?:only|one|just one) (?:way out|escape|exit|option|answer|"
          r"solution|choice|way to (?:escape|stop|end) (?:this|it|the pain))\b",
          near=r"\b(?:die|dead|death|dying|suicide|kill|end it|permanent|we all know|i can "
          r"(?:see|think of)|i see|left|for me|trapped|gone|alive|not be here|exist)\b", window=60,
          unless=r"\b(?:through|job|work|debt|flat|house|move|moving|quit|sell|loan|degree)\b"),
    _rule(_S, "trapped", "way",
          r"\bno way out\b(?: \w+){0,4} (?:but|except|other than|apart from) "
          r"(?:to )?(?:die|dying|death|suicide|ending it|killing myself)\b|\bonly way out (?:is|"
          r"would be) (?:suicide|to die|death|dying|to end it|to kill myself|ending it)\b|"
          r"\bonly way "
          r"out(?: of (?:this|it|here))? (?:is|would be) (?:to )?(?:not (?:be alive|be here|exist|"
          r"wake up)|die|dying|death|be dead)\b"),
    _rule(_S, "burden", "better happier easier relieved lighter fine freer safer",
          r"\bbetter off (?:without me|if i (?:just |simply |finally )?(?:was|were|wasnt|werent|"
          r"died|"
          r"disappeared|didnt exist|was gone|were gone|never existed|wasnt here|wasnt "
          r"around|was dead)|with me gone|with me dead|when im gone|once im gone)\b|\b(?:happier|"
          r"better|easier|relieved|lighter|fine|freer|better off|safer)(?: \w+){0,3}? "
          r"(?:without me|if i (?:just |simply |finally )?(?:was|were|wasnt|werent|died|"
          r"disappeared|didnt exist|was gone|"
          r"wasnt here|wasnt around|were gone|were dead|was dead|killed myself|wasnt alive|"
          r"wasnt in (?:it|them|their lives))|when im gone|once im gone|with me gone)\b"),
    _rule(_S, "burden", "better happier fine",
          r"\b(?:everyone|everybody|they|family|kids|world|people)(?: \w+){0,4}? "
          r"(?:would|will|d|be) (?:all )?be (?:better off|happier|fine|better)\b(?= \.|$| "
          r"anyway| honestly| tbh)"),
    _rule(_S, "burden", "noone nobody one single person",
          r"\b(?:no ?one|nobody|noone|not a single person|not one person)"
          r"(?: \w+){0,2}? (?:would|will|d|wouldnt|even)? ?(?:even )?(?:notice|care|miss me|"
          r"mind|be sad|cry|come to my funeral)(?: \w+){0,3}? (?:if|when|once) (?:i|im) "
          r"(?:was|were|wasnt|werent|died|disappeared|vanished|was gone|were gone|gone|"
          r"dead|was dead|didnt exist|wasnt here|wasnt around|killed myself|stopped existing|"
          r"never came back|wasnt alive|disappear|die)\b|\b(?:no ?one|nobody|noone) (?:would|"
          r"will) (?:even )?miss me\b"),
    _rule(_S, "burden", "burden waste drain weight favour favor",
          r"\b(?:im|i am|i feel like|i feel|ive become|i was born|im just|im "
          r"nothing but)(?: \w+){0,2}? (?:just |only |nothing but |such |a total |a huge |a "
          r"massive |a complete |one big )+(?:a )?(?:burden|waste of space|waste of oxygen|"
          r"drain|weight dragging)\b(?! (?:when|sometimes|at times|on (?:the|my|our) \w+|if i|"
          r"asking|"
          r"for asking|because i))|"
          r"\b(?:im|i am) (?:\w+ )?a burden (?:to|on) (?:everyone|everybody|all|them all|all of "
          r"them|the people i love|my whole family|everyone around me)\b|\bdoing (?:everyone|"
          r"everybody|them|the world|my family|you all) a favou?r (?:by|if)\b"),
    _rule(_S, "burden", "if when",
          r"\b(?:relieved|relief|glad|happy|happier) (?:if|when) i (?:died|was "
          r"dead|were dead|was gone|were gone|killed myself|disappeared)\b"),
    _rule(_S, "burden", "world",
          r"\bthe world (?:would|will|d) be (?:a )?(?:better|better off|better "
          r"place)(?: \w+){0,2} without me\b"),
    _rule(_S, "indirect", "around here alive problem burden bother posting",
          r"\b(?:i|ill|i will|im|i am|i dont think ill|i dont think i will)"
          r"(?: \w+){0,2}?(?: (?:wont|will not|not going to|not gonna|dont plan on|dont expect to|"
          r"wont be able to))?(?: be)? (?:around|here|alive|a (?:problem|burden|bother) for "
          r"(?:anyone|anybody|you|them)|posting again)(?: \w+){0,2}? (?:much longer|for (?:much|"
          r"very) long|for long|anymore|any more|tomorrow|next (?:week|month|year)|for christmas|"
          r"by (?:then|christmas|the weekend|monday|friday)|after (?:tonight|today|this)|soon)\b",
          near=r"\b(?:wont|will not|not going to|not gonna|dont plan|dont expect|dont think)\b",
          window=40, unless=rf"\b{ORDINARY_ABSENCE}\b"),
    _rule(_S, "indirect", "make",
          r"\b(?:wont|will not|dont think ill|dont think i will|not going to) "
          r"make it (?:to|through|past) (?:my birthday|christmas|the new year|new year|next "
          r"(?:year|month)|another (?:year|month|week)|the end of (?:the|this) (?:year|month))\b"),
    _rule(_S, "indirect", "have need",
          r"\b(?:you|u|they|everyone|nobody|no one)(?: all)? (?:wont|will not|"
          r"dont|wont ever) (?:have to|need to) (?:deal with|worry about|put up with|think about"
          r"|look after|care for) me (?:much longer|for (?:much )?long|anymore|any more|soon|"
          r"again)\b"),
    _rule(_S, "indirect", "gone",
          r"\b(?:ill|i will|i|im|i am) (?:be )?gone(?: \w+){0,2}? (?:soon|"
          r"shortly|tonight|tomorrow|by (?:tomorrow|the morning|then)|before (?:long|christmas|"
          r"morning))\b|\b(?:ill|i will) be gone and\b|\bwhen im gone(?: \w+){0,4} (?:wont|"
          r"will not) matter\b",
          unless=rf"\b{ORDINARY_ABSENCE}\b"),
    _rule(_S, "indirect", "over",
          r"\b(?:itll|it will|this will|all this will|everything will|it|"
          r"this) (?:all )?be over (?:soon|shortly|tonight|tomorrow|for me)\b",
          near=r"\b(?:peace|ready|gone|me|decided|made up|goodbye|forever)\b", window=60,
          unless=rf"\b{ORDINARY_ABSENCE}|{MUNDANE}|results?|wait\w*|scan|surgery\b"),
    _rule(_S, "indirect", "matter soon",
          r"\b(?:soon )?none of (?:this|it) will matter (?:to me )?(?:any ?more|"
          r"soon)\b|\bsoon none of (?:this|it) will matter\b|\bsoon (?:i|ill) wont (?:be a "
          r"problem|matter|be here)\b"),
    _rule(_S, "indirect", "peace",
          r"\bmade (?:my )?peace\b(?! with (?:his|her|their|the diagnosis|"
          r"(?:my |the )?(?:\w+s )?(?:death|loss|passing)))",
          near=r"\b(?:ready|its time|time to go|time|go|goodbye|decision|decided|will|"
          r"affairs|letters|note)\b", window=60),
    _rule(_S, "indirect", "ready",
          r"\bready to (?:let go|go|leave this world|leave this life|say goodbye"
          r")\b(?! (?:of|to (?:the|a|my|work|bed|school|uni|sleep)|home|out|back|for|now to|"
          r"and))(?= \.|$| now| tonight| forever| for good| i)",
          near=r"\b(?:peace|tired|fighting|done|goodbye|gone|forever|made|its time|ready to "
          r"go|let go)\b", window=40),
    _rule(_S, "indirect", "sleep asleep",
          r"\b(?:want|wanna|wish|need) (?:to )?(?:just )?(?:go to )?sleep "
          r"(?:forever|for ever|permanently|and (?:never|not) wake(?: up)?)\b|\b(?:go to sleep|"
          r"sleep|fall asleep)(?: \w+){0,3}? and (?:never|not) wake(?: up)?\b"),
    _rule(_S, "indirect", "time",
          r"\bit(?:s| is) time\b(?= \.|$)",
          near=r"\bmade (?:my )?peace\b|\bready\b", window=40),
    _rule(_S, "preparation", "give giving gave given gifting gifted",
          r"\b(?:giv(?:e|ing)|gave|given|gifting|gifted)(?: away)? (?:all |"
          r"most |some )?(?:of )?my (?:things|stuff|belongings|possessions|prized|favourite|"
          r"favorite|treasured|stuff)\b|\b(?:giv(?:e|ing)|gave|given) (?:all )?my (?:things|"
          r"stuff|belongings|possessions) away\b|\b(?:giv(?:e|ing)|gave|given)(?: away)? my \w+ to "
          r"(?:my |a |the )?\w+ and my \w+ to\b"),
    _rule(_S, "preparation", "gave given giving rehomed rehoming home sold selling cancelled "
          "canceled donated",
          r"\b(?:gave|given|giving|rehomed|rehoming|found a (?:new )?home "
          r"for|sold|selling|cancelled|canceled|donated)(?: away)? (?:my|all my)\b",
          near=r"\b(?:wont (?:need|be needing|be around|be using)|dont need (?:them|it|any of)"
          r" (?:anymore|any more)|wholl be around|who will be around|be around (?:for|longer)|"
          r"after im gone|when im gone|no point now|wont be here|deserves? someone)\b",
          window=110),
    _rule(_S, "preparation", "note letter message video notes letters messages videos",
          r"\b(?:goodbye|suicide|final|last|farewell) (?:note|letter|"
          r"message|video)s?\b",
          near=r"\b(?:wrote|written|writing|write|left|leaving|leave|recorded|recording|"
          r"finished|started|my)\b", window=40,
          unless=r"\b(?:his|her|their|dads?|mums?|grand\w*|found (?:his|her)|therap\w*|"
          r"counsell?\w*|"
          r"exercise|assignment|homework|eating disorder|addiction|younger self|old self)\b"),
    _rule(_S, "preparation", "note notes letter letters",
          r"\b(?:wrote|written|writing|left|leaving|finished) (?:a |some )?"
          r"(?:note|notes|letters?)\b",
          near=r"\bjust in case\b|\bfor (?:after|when)\b|\bto be found\b|\bhid(?:den)?\b|"
          r"\bin (?:my|the) (?:desk|drawer|room|car|wallet|bag)\b|\bdesk drawer\b|\bwhen im "
          r"gone\b|\bexplain(?:ing)? why\b|\bgoodbye\b", window=90,
          unless=r"\b(?:late|pen ?pals?|counsell?or|therapist|teacher|grief|sympathy|"
          r"condolence|thank you|complaint|cover)\b"),
    _rule(_S, "preparation", "affairs",
          r"\b(?:sorted|put|putting|getting|got|set|setting)(?: out)? my "
          r"affairs in order\b|\bsorted (?:out )?my affairs\b|\bso (?:nobody|no one|noone|they|"
          r"my \w+) (?:has|have|will have) to (?:deal with|sort) (?:it|anything|everything|"
          r"my \w+)(?: \w+)? (?:after|when|once)\b"),
    _rule(_S, "preparation", "will",
          r"\b(?:updated|wrote|written|made|sorted|changed|finished|done|"
          r"redone) (?:out )?my will\b",
          near=r"\b(?:funeral|who gets|just in case|weight off|ready|affairs|goodbye|letters|"
          r"note|passwords|when im gone|after im gone)\b", window=100),
    _rule(_S, "preparation", "passwords account bank pin",
          r"\b(?:passwords|account details|bank details|pin numbers)\b",
          near=r"\b(?:after|when im gone|once im gone|just in case|close (?:my|the) accounts|"
          r"in an envelope)\b", window=90),
    _rule(_S, "preparation", "cancelled canceled stopped quit",
          r"\b(?:cancelled|canceled|stopped|quit) (?:all )?(?:my )?"
          r"(?:therapy|appointments|sessions|counselling|subscriptions|plans)\b",
          near=r"\b(?:no point(?: now)?|wont need|wont be (?:around|here|needing)|dont need "
          r"(?:them|it) anymore)\b", window=80),
    _rule(_S, "hopelessness", "tired sick exhausted weary bothered point",
          r"\b(?:tired|sick|exhausted|weary) of (?:being alive|living"
          r"(?! (?:in|with|at|here|there|on|off|paycheck)\b)|existing|life(?! (?:in|with|at)\b)|"
          r"waking up|breathing|being here|being me)\b|\bcant be bothered to (?:swim|keep going|"
          r"go on|live|fight|try|keep trying|exist)(?: \w+){0,2}? (?:any ?more|any longer)\b|"
          r"\b(?:dont|do not|cant|cannot) see (?:the|any) point (?:in|of) (?:anything|living|being "
          r"alive|going on|life|carrying on|existing|me)\b", unless=rf"\b{MUNDANE}\b"),
    _rule(_S, "ideation", "funeral death grave",
          r"\b(?:imagin|pictur)\w* my (?:own )?(?:funeral|death|grave)\b"),
    _rule(_S, "ideation", "wake waking ask asking asked beg begging begged pray praying prayed",
          r"\bwak(?:e|ing) up (?:and )?(?:wish|wishing|disappointed|angry|"
          r"gutted)(?: that)? (?:i|id) (?:hadnt|didnt|had not|did not|wasnt|am still|was still)"
          r"\b|\b(?:ask|asking|asked|beg|begging|begged|pray|praying|prayed)(?: \w+){0,2}? "
          r"(?:god|the universe|someone|him) to (?:take me|let me die|end it|not let me wake "
          r"up)\b"),
    _rule(_S, "ideation", "if",
          r"\b(?:wouldnt (?:be upset|mind|care)|would not mind|id be (?:grateful|"
          r"glad|relieved|fine|okay|ok|happy)|id welcome it|wouldnt be sad) if (?:i )?(?:\w+ ){0,3}"
          r"(?:didnt wake up|never woke up|died|got hit|was hit|dont wake up|wasnt here|was gone|"
          r"didnt exist|stopped existing|never came back)\b"),
    _rule(_D, "plan", "night day time moment ending end killing kill",
          r"\b(?:night|day|time|moment) (?:i|ill|im going to|when i) (?:end it|do it|"
          r"kill myself|take them|go through with it|end my life)\b|\bwaiting for the right "
          r"(?:moment|time|day|night)\b(?=.{0,60}\b(?:planned|plan|do it|end it|pills)\b)|"
          r"(?<=\bplanned )it all\b|\b(?:im|i am|ill|i will|i) (?:ending it|ending my life|killing "
          rf"myself|end it|kill myself|end my life)(?: all)? {SOON}\b"),
    _rule(_D, "goodbye", "goodbye last",
          r"\bsay(?:ing)? goodbye to (?:people|everyone|friends|family|my "
          r"\w+)(?: \w+){0,3}? (?:without|quietly|secretly|one by one|before i go)\b|\b(?:this is|"
          r"this will be|its) the last time (?:ill|i will|i) (?:bother|trouble|burden|annoy|post|"
          r"write|reach out to|message)\b"),
    _rule(_S, "burden", "than",
          r"\bbetter off (?:\w+ ){0,5}than (?:with )?me\b"),
    _rule(_S, "indirect", "worry",
          r"\b(?:wont|will not) (?:need|have) to worry about (?:any of )?"
          r"(?:this|it|anything|that)(?: \w+){0,2}? (?:soon|much longer|any ?more)\b"),
    _rule(_H, "self-harm", "grabbed picked got used reached took",
          r"\b(?:grabbed|picked up|got out|used|reached for|took out|went for) (?:the |my |a )?"
          r"(?:razor|razors|blade|blades|knife|lighter|compass|scissors)(?: \w+){0,2}? (?:again|"
          r"tonight|last night|today)\b",
          unless=rf"\b{ACCIDENT}|shav\w*|legs? hair|beard\b"),
    _rule(_H, "self-harm", "urge urges",
          r"\burges? (?:havent|have not|wont|dont|won't|hasnt|has not) (?:stopped|gone away|"
          r"go away|"
          r"stop|let up|eased)\b",
          near=r"\b(?:cut\w*|self harm\w*|sh|burn\w*|hurt\w* myself|blades?|razors?|scars?)\b",
          window=150),
    _rule(_H, "self-harm", "use",
          r"\buse (?:it|them|the blade|a blade|the knife|a knife|the razor) "
          r"on (?:myself|my (?:arms?|legs?|wrists?|thighs?|skin))\b"),
    _rule(_S, "ideation", "mind head think",
          r"\b(?:suicide|killing myself|ending it|ending my life|unaliving|kms)(?: \w+){0,3}? "
          r"(?:on my mind|in my head|all i (?:can )?think about)\b"),
    _rule(_D, "method", "garage engine exhaust",
          r"\b(?:engine|exhaust) (?:running|on)\b|\bhosepipe\b",
          near=r"\b(?:garage|car|hose|hosepipe|windows? (?:up|shut|closed)|sat|sitting)\b",
          window=60),
    _rule(_D, "method", "edge",
          r"\b(?:standing|sitting|stood|sat|been|walking|lean\w*) (?:\w+ )?(?:at|on|near|by|to) "
          r"the edge of (?:the |a )?(?:platform|roof|cliff|bridge|building|balcony|tracks|car "
          r"park|multi ?stor(?:e)?y)\b",
          unless=r"\b(?:photo|view|sunset|sunrise|hike|hiking|beautiful|lovely|gorgeous|"
          r"watching|boats?|waves)\b"),
    _rule(_D, "method", "pills tablets meds",
          r"\b(?:pills|tablets|meds) (?:are|is) (?:all )?(?:on the table|in front of me|next to "
          r"me|laid out|lined up|counted out|on the bed|in my hand)\b(?! (?:for|in) )|\b(?:vodka|"
          r"whisky|whiskey|gin|alcohol|wine|rum)(?: \w+){0,3} and (?:my |the |all my |all the )?"
          r"(?:sleeping )?(?:pills|tablets)\b",
          unless=r"\b(?:can i|is it|safe|okay to|ok to|mix|mixing|interact\w*|doctor|gp|"
          r"pharmacist|week|dosette|organi[sz]er|morning|breakfast|lunch|dinner|every day|as usual|"
          r"like always|routine|with food|vitamins)\b"),
    _rule(_D, "method", "enough",
          r"\b(?:tall|high|deep) enough\b",
          near=r"\b(?:building|bridge|roof|cliff|car park|balcony|drop|fall|jump|which|"
          r"window|floor)\b", window=50,
          unless=r"\b(?:shelf|ceiling|fence|bed|table|chair|desk|step|plant|water|pool)\b"),
    _rule(_S, "ideation", "give anything everything",
          rf"\b(?:give|giving) (?:anything|everything)(?: \w+)? to (?:just )?{NOT_ALIVE}\b"),
    _rule(_S, "preparation", "gets have get",
          r"\b(?:sort\w*|decid\w*|work\w*|figur\w*|plan\w*)(?: out)? who (?:gets|will get|should "
          r"get|can have|should have) my (?:things|stuff|belongings|possessions|\w+)\b"),
    _rule(_D, "plan", "when",
          r"\b(?:tonight|tomorrow|this (?:weekend|week|evening|friday|saturday|sunday)|"
          r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|next week|the \w+) is (?:when|the day|the "
          r"night) (?:i|ill|im going to) (?:end it|do it|kill myself|end my life|go|take them)\b"),
    _rule(_D, "method", "counting counted count",
          r"\b(?:counting|counted|count)(?: up)? (?:how many|my|the|all)\b",
          near=r"\benough\b|\bwould (?:do it|work|kill)\b", window=100,
          unless=r"\b(?:calories|steps|days|sheep|money|blessings|hours|sleeps|weeks|points)\b"),
    _rule(_D, "intent", "mind happening",
          r"\bnot (?:going to|gonna) change my mind\b|\b(?:its|it is|its all|this is) happening "
          rf"{SOON}\b",
          near=r"\b(?:change my mind|tonight|tomorrow|decided|ready|goodbye|trying with me|do it|"
          r"end|die|pills|sorry|talk me out)\b", window=80,
          unless=rf"\b{OCCASION}|{ORDINARY_ABSENCE}\b"),
    _rule(_S, "burden", "thing",
          r"\b(?:kindest|best|only|most useful|right) thing (?:i|id) (?:could|can|would) do"
          r"(?: for (?:them|everyone|everybody|my \w+|the \w+|you all))? (?:is|would be) (?:to )?"
          r"(?:just )?(?:disappear|die|leave for good|go away for good|end it|kill myself|not be "
          r"here|not exist|be gone)\b"),
    _rule(_S, "ideation", "alive living here",
          r"\b(?:stay|staying|keep|keeping|stayed|stick|sticking) (?:myself )?(?:alive|around|"
          r"here)(?: \w+)? (?:for|because of) (?:other people|others|them|everyone|my (?:kids|"
          r"children|mum|mom|dad|parents|family|partner|dog|cat|son|daughter))\b|\b(?:only|just)"
          r" (?:alive|here|still here|living) (?:for|because of) (?:my|them|other)\b"),
    _rule(_D, "method", "easy",
          r"\bhow easy it (?:would|could) be to (?:just )?(?:keep driving|drive|swerve|jump|step|"
          r"fall|let go|walk into|drown|end|take them|take it all|take all|swallow|crash|not "
          r"(?:stop|wake|come back|brake)|go over|go off)\b"),
    _rule(_H, "self-harm", "staring looking",
          r"\b(?:staring|stared|looking|looked) at (?:it|them)\b",
          near=r"\b(?:blades?|razors?|knife|knives|lighter|pills|tablets|rope)\b", window=120,
          unless=r"\b(?:tv|screen|phone|menu|photo|picture|ceiling|email|bill|results)\b"),
    _rule(_S, "burden", "without",
          r"\b(?:happier|better off|better|fine|easier) without (?:a (?:mum|mom|dad|mother|father|"
          r"wife|husband|partner|sister|brother|friend|daughter|son)|someone) (?:like me|who)\b"),
    _rule(_D, "goodbye", "sad cry grieve miss mourn sorry",
          r"\b(?:please )?dont (?:be sad|cry|grieve|miss me|mourn)(?: for)? (?:for long|for me|too "
          r"much|too long|when im gone)\b|\bsorry (?:it|i) (?:wasnt|was not|couldnt be) (?:enough|"
          r"stronger)\b"),
    _rule(_S, "trapped", "life world",
          r"\b(?:out of|leav\w* this|exit\w*|escap\w* from|door out of) (?:life|this (?:life|"
          r"world))\b(?! (?:in|on|at|as|with|insurance)\b)",
          unless=r"\b(?:most|want|wants|get|getting|got|expect|need|enjoy\w*|more) out of life\b"),
    _rule(_S, "hopelessness", "version way world scenario",
          r"\bno (?:version|way|world|scenario|future)(?: of this)? (?:where|in which) (?:things|"
          r"it|i|life|my life) (?:gets?|get|ever gets?|will get) better\b"),
    _rule(_S, "indirect", "good forever ever find look search back coming over being tell whoever "
          "gone",
          rf"\b{FINALITY}\b",
          near=rf"\b{DISTRESS}\b", window=150,
          unless=rf"\b{ORDINARY_ABSENCE}|{OCCASION}|quit\w*|smok\w*|drink\w*|sober|clean|moved?|"
          r"moving|relationship|ex|job|flat|house|done with (?:him|her|them|"
          r"it)\b", unless_reach=150),
    _rule(_D, "method", "looking staring down",
          r"\b(?:looking|staring|looked|stared|gazing) down (?:at|into) (?:the )?(?:water|tracks|"
          r"road|"
          r"drop|river|traffic|ground|sea|rocks|street)\b",
          near=r"\b(?:bridge|roof|ledge|balcony|cliff|car park|platform|top floor|edge|"
          r"next time)\b",
          window=120, unless=r"\b(?:sunset|view|calm|beautiful|lovely|photo|ducks?|boats?|"
          r"swans?)\b"),
    _rule(_D, "method", "next",
          r"\b(?:dont know|not sure) about next time\b|\bnext time i (?:might|will|wont (?:come "
          r"home|come back|stop|turn back))\b",
          near=rf"\b(?:{MEANS}|water|edge|jump\w*|looking down)\b", window=150),
    _rule(_S, "preparation", "passwords funeral wishes plans order",
          r"\b(?:my )?(?:funeral (?:wishes|plans|music|songs)|passwords|bank details|account "
          r"details)\b",
          near=r"\b(?:for whoever|whoever needs|written down|in a folder|in an envelope|in order|"
          r"all there)\b", window=150,
          unless=r"\b(?:mums?|dads?|his|her|their|late|grand\w*|nan|gran|husbands?|wifes?|"
          r"partners?|parents?)\b"),
    _rule(_S, "preparation", "order",
          r"\b(?:put|putting|got|getting|have|sorted|sorting) (?:my |all my )?(?:things|stuff|"
          r"life|house) in order\b",
          near=r"\b(?:passwords|funeral|will|whoever|letters?|note|goodbye|just in case|folder|"
          r"envelope|vet)\b", window=150,
          unless=r"\b(?:mums?|dads?|his|her|their|late|move|moving|spring clean\w*|"
          r"declutter\w*)\b"),
    _rule(_H, "self-harm", "did done",
          r"\b(?:did|done) it again\b",
          near=r"\b(?:razor|razors|blade|blades|lighter|knife|cut\w*|self harm\w*|sh|burn\w*)\b",
          window=60, unless=r"\b(?:shav\w*|hair|cook\w*|kitchen|recipe|cake)\b"),
    _rule(_S, "hopelessness", "run ran running",
          r"\b(?:run|ran|running) out of (?:reasons|reason|will|strength|hope) (?:to|for) "
          r"(?:keep going|go on|live|living|carry on|stay|stay alive|keep fighting|fight|try|be "
          r"here)\b|\b(?:run|ran|running) out of (?:reasons to live|hope)\b"),
    _rule(_S, "trapped", "only",
          r"\bonly (?:way|option|answer|thing|exit|escape)\b",
          near=r"\bto (?:stop being here|stop existing|not be here|not exist|die|end it|be dead|"
          r"not wake up|stop living|disappear for good)\b", window=60),
    _rule(_S, "ideation", "so over end stop",
          r"\bso (?:this|it|everything|all this) (?:would|will|could|can|might) (?:all )?(?:be "
          r"over|end|stop)\b",
          near=r"\b(?:hop\w*|wish\w*|part of me|pray\w*|bad news)\b", window=80),
    _rule(_D, "intent", "done",
          r"\b(?:im|i am) done\b",
          near=r"\b(?:ive decided|i decided|decided|made up my mind|my decision|cant any ?more|"
          r"cant go on)\b", window=60,
          unless=rf"\b{MUNDANE}|{OCCASION}|with (?:him|her|them|this|it|men|women|dating)\b"),
    _rule(_S, "ideation", "wake",
          r"\bif i (?:dont|didnt|never|do not|did not) wake up(?: ,)? (?:thats|that is|it is|its|"
          r"that would be|itd be|it would be|then) (?:fine|ok|okay|alright|for the best|a relief|"
          r"better|a blessing)\b"),
    _rule(_D, "goodbye", "find look search",
          r"\bdont (?:try to |come looking to |bother trying to )?(?:find|look for|search for|come "
          r"looking for) me\b",
          unless=r"\b(?:hide and seek|game|party|pub|cafe|station|outside|at the)\b"),
    _rule(_S, "burden", "gone",
          r"\b(?:wed|id|we would|i would|we|i)(?: \w+)? (?:both |all )?(?:be )?better off gone\b"),
    _rule(_D, "method", "enough",
          r"\b(?:thats|that is|its|it is|thatd be|that would be|theres|there is) (?:more than )?"
          r"enough(?: right there| there| to do it| in there)?\b(?! (?:for|to last|until|till|to "
          r"get|of)\b)",
          near=rf"\b(?:{MEANS}|prescription|months worth|bag|box)\b", window=100,
          unless=r"\b(?:shortage|relief|holiday|trip|travel|until|till)\b"),
    _rule(_S, "indirect", "around here alive",
          r"\b(?:not going to|not gonna|wont|will not|dont plan to|dont intend to) be (?:around|"
          r"here|alive) to (?:see|serve|face|deal with|hear|watch|read|find out)\b",
          unless=rf"\b{ORDINARY_ABSENCE}\b"),
    _rule(_S, "ideation", "wish",
          r"\bwish (?:it|the (?:cancer|tumou?r|illness|disease)|this) (?:was|were|would be|would "
          r"go) (?:fast|faster|quicker|quick|terminal|over)\b"),
    _rule(_S, "preparation", "next",
          r"\b(?:cards|letters|presents|gifts|messages|videos)\b(?: \w+){0,6}? for the next "
          r"(?:few|couple of|two|three|four|five|ten|\d+) (?:years|birthdays|christmases)\b"),
    _rule(_S, "hopelessness", "reason",
          r"\b(?:cant|cannot|can not|couldnt) (?:think of|find|see|name|come up with) (?:a|one|"
          r"any|a single) (?:good )?reason to (?:be here|live|stay|keep going|go on|wake up|be "
          r"alive|stay alive|carry on|get up)\b"),
    _rule(_D, "goodbye", "look take",
          r"\b(?:look after|take care of) (?:\w+ ){1,3}for me\b",
          near=r"\b(?:sorry|i tried|goodbye|read this|love you|forgive|gone)\b", window=150,
          unless=rf"\b{ORDINARY_ABSENCE}\b"),
    _rule(_S, "indirect", "last",
          r"\bone last (?:walk|time|look|visit|hug|drive|meal|cuddle|goodbye|swim)\b",
          near=r"\b(?:having (?:her|him|them)|from tomorrow|wont see|goodbye|crying|cry|sorry|"
          r"look after|doesnt understand)\b", window=150,
          unless=r"\b(?:vet|put (?:her|him|them) to sleep|move|moving|holiday|last day|leaving "
          r"do|retir\w*|closing|sold|before we)\b", unless_reach=200),
    _rule(_D, "plan", "gives give leaves gave",
          r"\b(?:gives|give|leaves|gave|will give) me (?:enough|plenty of) time\b(?! to (?!do it)"
          r"\w+)",
          near=r"\b(?:worked out|timings?|till|until|at work|out till|home)\b", window=120),
    _rule(_D, "method", "roof top edge ledge",
          r"\b(?:im|i am|currently|sitting|standing|stood|sat|here)(?: up)? (?:on|at) (?:the )?"
          r"(?:roof|top|edge|ledge)(?: floor)? of (?:the |a |my )?(?:car park|carpark|multi ?"
          r"stor(?:e)?y|building|block|flats?|bridge|hospital|tower)\b",
          unless=r"\b(?:view|sunset|sunrise|photo|terrace|bar|garden|party|work|lunch|lovely|"
          r"beautiful|gorgeous)\b"),
    _rule(_D, "method", "high tall far deep",
          r"\bhow (?:high|tall|far down|far up|deep|far) (?:up )?(?:my|the|our|that) (?:balcony|"
          r"bridge|roof|window|building|drop|flat|car park|cliff|river|water) (?:is|would be)\b",
          unless=r"\b(?:vertigo|view|curious|estate agent|rent|price|flood)\b"),
    _rule(_D, "method", "lined laid counted poured",
          r"\b(?:lined|laid|counted|poured|set) (?:up |out )(?:all )?(?:the |my |of the |of my )?"
          r"(?:sleeping )?(?:tablets|pills|meds|paracetamol|painkillers)\b",
          unless=r"\b(?:week|dosette|organi[sz]er|routine|vitamins|breakfast|morning|pharmac\w*|"
          r"nurse|carer|for (?:mum|dad|nan|grandad|the kids))\b"),
    _rule(_D, "plan", "empty asleep out",
          r"\bwhen (?:the (?:flat|house|place)(?:s| is)|everyone(?:s| is)|nobody(?:s| is)) "
          r"(?:empty|asleep|out|gone|away)\b",
          near=r"\b(?:plan|do it|decided|ready|goodbye|note|pills|end it|tonight)\b", window=100,
          unless=rf"\b{OCCASION}|bath|film|movie|party|clean\w*|relax\w*\b"),
    _rule(_D, "goodbye", "goodbyes goodbye",
          r"\bsay(?:ing)? (?:my )?goodbyes? (?:quietly|secretly|one (?:person |by one|at a time)|"
          r"without (?:them|anyone|people) knowing)\b"),
    _rule(_S, "preparation", "gets",
          r"\b(?:list|decided|sorted|worked out|will) (?:\w+ ){0,3}?who gets what\b",
          unless=r"\b(?:christmas|birthday|presents?|chores|secret santa|gifts?|party|dinner)\b"),
    _rule(_S, "preparation", "note notes letter letters",
          r"\bmy (?:note|notes|letter|letters)(?: is| are)? (?:in|on|under|by) (?:the|my) "
          r"(?:drawer|desk|bed|pillow|bedside|table|bag|car|wallet)\b",
          unless=r"\b(?:fridge|remind\w*|shopping|list|meds|doctor|homework|revision|work)\b"),
    _rule(_D, "goodbye", "get",
          r"\bthis is where i get off\b",
          near=r"\b(?:thank|goodbye|love|friends|sorry|bye)\b", window=100,
          unless=r"\b(?:train|bus|hype|ride|topic|conversation|thread|argument|debate)\b"),
    _rule(_D, "goodbye", "sorry",
          r"\bsorry (?:for|about) what(?:s| is)? (?:comes next|coming|about to happen|im about to "
          r"do|i(?:m| am) going to do|happens next)\b"),
    _rule(_S, "burden", "waste",
          r"\b(?:im|i am|i feel like|feel like|im just|im such) (?:\w+ )?(?:a )?waste of (?:space|"
          r"oxygen|air|a life)\b"),
    # --- slang and coinages -------------------------------------------------------------
    _rule(_S, "slang", "kms ctb sewer sewerslide unalive unaliving unalived",
          r"\b(?:kms|ctb|sewer ?slide|unalive|unaliving|unalived)\b"),
    _rule(_S, "slang", "kys",
          r"\bkys\b", near=r"\b(?:myself|my brain|my head|to me|i tell|tells me"
          r"|says to me)\b", window=50),
    _rule(_S, "slang", "sui",
          r"\b(?:want|wanna|gonna|going|about|ready) (?:to )?(?:commit )?sui\b"),
    # --- self-harm ----------------------------------------------------------------------
    _rule(_H, "self-harm", "cut cutting hurt hurting harm harming burn burning punish punishing "
          "scratch "
          "scratching hit hitting starve starving",
          rf"\b{INTENT}{GAP} (?:cut|cutting|hurt|"
          r"hurting|harm|harming|burn|burning|punish|punishing|scratch|scratching|hit|hitting|"
          r"starve|starving) (?:myself|my (?:arms?|legs?|wrists?|thighs?|skin|body|stomach|hips?))"
          r"\b"),
    _rule(_H, "self-harm", "self sh cut cutting burning",
          rf"\b{INTENT}{GAP} (?:self harm(?:ing)?|"
          r"sh|cut(?:ting)? again|start cutting|cutting|burning myself)\b(?! (?:back|"
          r"down|out|corners|ties|costs|carbs|sugar|the|my hair|a|an|it|on)\b)"),
    _rule(_H, "self-harm", "cut",
          r"\b(?:want|wanna|need|going|gonna|urge|urges|tempted|itching|"
          r"craving|crave|dying|about|close) (?:so badly |so bad |really badly )?to cut"
          r"(?= ?(?:[.,!?]|$|again\b|tonight\b|so\b|right now\b|myself\b|badly\b|deep\b|"
          r"because\b|but\b|and\b|i\b))"),
    _rule(_H, "self-harm", "self sh cutting burning harming hurting",
          r"\bi (?:\w+ )?self harm(?:ed|ing)?\b|\b(?:started|start|been|am|im|"
          r"back to|relapsed (?:on|into|with)|keep|kept|went back to|returned to) "
          rf"{_SELF_HARM_WORD}\b|\b(?:self harm(?:ed|ing)?|sh) (?:again|tonight|today|last "
          r"night|every (?:day|night)|urges?)\b"),
    _rule(_H, "self-harm", "urge urges itch pull craving cravings temptation impulse need",
          r"\b(?:urges?|itch|pull|craving|cravings|temptation|impulse|need) (?:to|for) (?:cut|self "
          r"harm|sh|hurt myself|burn|harm|hurt)\b(?! (?:down|back|out|the|my hair|corners)\b)"),
    _rule(_H, "self-harm", "urge urges",
          r"\burges? (?:are|is) (?:back|so strong|strong|overwhelming|getting "
          r"(?:worse|stronger)|bad|unbearable)\b",
          near=r"\b(?:cut\w*|self harm\w*|sh|burn\w*|hurt\w* myself|blades?|scars?)\b",
          window=80),
    _rule(_H, "self-harm", "cut cutting burn burned burnt burning scratch scratched scratching hit "
          "hitting "
          "punch punched punching bite biting starve starved starving hurt hurting harm "
          "harmed harming carve carved carving bruise bruised bash bashed bang banged",
          rf"\b{_HARM_ACT}(?: into| at)? {_BODY}\b(?! (?:laughing|up|out))",
          unless=rf"\b{ACCIDENT}\b"),
    _rule(_H, "self-harm", "again deeper tonight night today morning",
          r"\b(?:i (?:have |ve |just )?|ive |just )?(?:cut|burned|burnt|"
          r"scratched|hurt|harmed) (?:again|deeper|tonight|last night|today|this morning)\b|"
          r"\b(?:cutting|burning|scratching|hurting) again\b",
          unless=rf"\b{ACCIDENT}|corners|back|down|carbs|sugar|hair|ties|costs\b"),
    _rule(_H, "self-harm", "relapsed relapse slipped streak day",
          r"\b(?:relapsed|relapse|slipped|broke my (?:clean )?streak|back to "
          r"day (?:one|1|zero|0))\b",
          near=r"\b(?:cut|cutting|self harm\w*|sh|burn\w* myself|hurt\w* myself|blades?|"
          r"razors?)\b", window=60),
    _rule(_H, "self-harm", "purpose deliberately intentionally feel punish until",
          rf"\b{_HARM_ACT}\w*(?: \w+){{0,3}}? (?:on purpose|deliberately|"
          r"intentionally|to feel something|to punish myself|until (?:it|they|i|my \w+) "
          r"(?:bled|bleed|bleeds|bruised|broke|blistered))\b"),
    _rule(_H, "self-harm", "hurt pain bleed",
          r"\b(?:need|want|have) to (?:hurt|feel pain|bleed)\b|\b(?:need|"
          r"want) to feel (?:the )?pain\b", unless=rf"\b{ACCIDENT}|stop\b"),
)  # fmt: skip
