"""Rules for self-harm: intent, urges, acts and relapse, not accidents."""

from __future__ import annotations

from peerhaven.safety.crisis_lexicon import (
    ACCIDENT,
    GAP,
    INTENT,
)
from peerhaven.safety.crisis_rule import CrisisCategory, Rule, rule

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

SELF_HARM_RULES: tuple[Rule, ...] = (
    rule(_H, "self-harm", "grabbed picked got used reached took",
         r"\b(?:grabbed|picked up|got out|used|reached for|took out|went for) (?:the |my |a )?"
         r"(?:razor|razors|blade|blades|knife|lighter|compass|scissors)(?: \w+){0,2}? (?:again|"
         r"tonight|last night|today)\b",
         unless=rf"\b{ACCIDENT}|shav\w*|legs? hair|beard\b"),
    rule(_H, "self-harm", "urge urges",
         r"\burges? (?:havent|have not|wont|dont|won't|hasnt|has not) (?:stopped|gone away|"
         r"go away|"
         r"stop|let up|eased)\b",
         near=r"\b(?:cut\w*|self harm\w*|sh|burn\w*|hurt\w* myself|blades?|razors?|scars?)\b",
         window=150),
    rule(_H, "self-harm", "use",
         r"\buse (?:it|them|the blade|a blade|the knife|a knife|the razor) "
         r"on (?:myself|my (?:arms?|legs?|wrists?|thighs?|skin))\b"),
    rule(_H, "self-harm", "staring looking",
         r"\b(?:staring|stared|looking|looked) at (?:it|them)\b",
         near=r"\b(?:blades?|razors?|knife|knives|lighter|pills|tablets|rope)\b", window=120,
         unless=r"\b(?:tv|screen|phone|menu|photo|picture|ceiling|email|bill|results)\b"),
    rule(_H, "self-harm", "did done",
         r"\b(?:did|done) it again\b",
         near=r"\b(?:razor|razors|blade|blades|lighter|knife|cut\w*|self harm\w*|sh|burn\w*)\b",
         window=60, unless=r"\b(?:shav\w*|hair|cook\w*|kitchen|recipe|cake)\b"),
    rule(_H, "self-harm", "cut cutting hurt hurting harm harming burn burning punish punishing "
         "scratch "
         "scratching hit hitting starve starving",
         rf"\b{INTENT}{GAP} (?:cut|cutting|hurt|"
         r"hurting|harm|harming|burn|burning|punish|punishing|scratch|scratching|hit|hitting|"
         r"starve|starving) (?:myself|my (?:arms?|legs?|wrists?|thighs?|skin|body|stomach|hips?))"
         r"\b"),
    rule(_H, "self-harm", "self sh cut cutting burning",
         rf"\b{INTENT}{GAP} (?:self harm(?:ing)?|"
         r"sh|cut(?:ting)? again|start cutting|cutting|burning myself)\b(?! (?:back|"
         r"down|out|corners|ties|costs|carbs|sugar|the|my hair|a|an|it|on)\b)"),
    rule(_H, "self-harm", "cut",
         r"\b(?:want|wanna|need|going|gonna|urge|urges|tempted|itching|"
         r"craving|crave|dying|about|close) (?:so badly |so bad |really badly )?to cut"
         r"(?= ?(?:[.,!?]|$|again\b|tonight\b|so\b|right now\b|myself\b|badly\b|deep\b|"
         r"because\b|but\b|and\b|i\b))"),
    rule(_H, "self-harm", "self sh cutting burning harming hurting",
         r"\bi (?:\w+ )?self harm(?:ed|ing)?\b|\b(?:started|start|been|am|im|"
         r"back to|relapsed (?:on|into|with)|keep|kept|went back to|returned to) "
         rf"{_SELF_HARM_WORD}\b|\b(?:self harm(?:ed|ing)?|sh) (?:again|tonight|today|last "
         r"night|every (?:day|night)|urges?)\b"),
    rule(_H, "self-harm", "urge urges itch pull craving cravings temptation impulse need",
         r"\b(?:urges?|itch|pull|craving|cravings|temptation|impulse|need) (?:to|for) (?:cut|self "
         r"harm|sh|hurt myself|burn|harm|hurt)\b(?! (?:down|back|out|the|my hair|corners)\b)"),
    rule(_H, "self-harm", "urge urges",
         r"\burges? (?:are|is) (?:back|so strong|strong|overwhelming|getting "
         r"(?:worse|stronger)|bad|unbearable)\b",
         near=r"\b(?:cut\w*|self harm\w*|sh|burn\w*|hurt\w* myself|blades?|scars?)\b",
         window=80),
    rule(_H, "self-harm", "cut cutting burn burned burnt burning scratch scratched scratching hit "
         "hitting "
         "punch punched punching bite biting starve starved starving hurt hurting harm "
         "harmed harming carve carved carving bruise bruised bash bashed bang banged",
         rf"\b{_HARM_ACT}(?: into| at)? {_BODY}\b(?! (?:laughing|up|out))",
         unless=rf"\b{ACCIDENT}\b"),
    rule(_H, "self-harm", "again deeper tonight night today morning",
         r"\b(?:i (?:have |ve |just )?|ive |just )?(?:cut|burned|burnt|"
         r"scratched|hurt|harmed) (?:again|deeper|tonight|last night|today|this morning)\b|"
         r"\b(?:cutting|burning|scratching|hurting) again\b",
         unless=rf"\b{ACCIDENT}|corners|back|down|carbs|sugar|hair|ties|costs\b"),
    rule(_H, "self-harm", "relapsed relapse slipped streak day",
         r"\b(?:relapsed|relapse|slipped|broke my (?:clean )?streak|back to "
         r"day (?:one|1|zero|0))\b",
         near=r"\b(?:cut|cutting|self harm\w*|sh|burn\w* myself|hurt\w* myself|blades?|"
         r"razors?)\b", window=60),
    rule(_H, "self-harm", "purpose deliberately intentionally feel punish until",
         rf"\b{_HARM_ACT}\w*(?: \w+){{0,3}}? (?:on purpose|deliberately|"
         r"intentionally|to feel something|to punish myself|until (?:it|they|i|my \w+) "
         r"(?:bled|bleed|bleeds|bruised|broke|blistered))\b"),
    rule(_H, "self-harm", "hurt pain bleed",
         r"\b(?:need|want|have) to (?:hurt|feel pain|bleed)\b|\b(?:need|"
         r"want) to feel (?:the )?pain\b", unless=rf"\b{ACCIDENT}|stop\b"),
)  # fmt: skip
