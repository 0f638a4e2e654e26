"""Rules for suicidal ideation: wishes and thoughts, burden, hopelessness, feeling
trapped, preparation, slang and the indirect ways of saying it."""

from __future__ import annotations

from peerhaven.safety.crisis_lexicon import (
    DIE_IDIOM,
    DISTRESS,
    ENDING,
    FINALITY,
    GAP,
    INTENT,
    MUNDANE,
    NOT_ALIVE,
    OCCASION,
    ORDINARY_ABSENCE,
    WISH,
)
from peerhaven.safety.crisis_rule import CrisisCategory, Rule, rule

_S = CrisisCategory.SUICIDAL

IDEATION_RULES: tuple[Rule, ...] = (
    rule(_S, "ideation", "kill killing kms unalive unaliving sewer sewerslide end ending take "
         "taking "
         "commit committing suicide sui ctb overdose overdosing od hang hanging drown "
         "drowning shoot shooting gas gassing poison poisoning suffocate stab stabbing "
         "slit slitting cut cutting open opening set setting bleed bleeding throw throwing "
         "jump jumping step stepping walk walking lie lying drive driving crash crashing "
         "swerve swerving steer steering swallow swallowing",
         rf"\b{INTENT}{GAP} {ENDING}"),
    rule(_S, "ideation", "kill killing kms unalive unaliving sewer sewerslide end ending take "
         "taking",
         r"\b(?:kill(?:ing)? myself|kms|unalive myself|unaliving myself|"
         r"sewer ?slide|end(?:ing)? my (?:own )?life|end(?:ing)? it all|tak(?:e|ing) my own "
         r"life)\b(?! (?:laughing|for|on (?:the|this|that|those)|tripping|falling))"),
    rule(_S, "ideation", "want wants wanna wanting wish wishing need needing hope hoping pray "
         "praying "
         "ready should prefer longing long deserve deserving plan planning tempted urge "
         "urges",
         rf"\b{WISH}{GAP} {NOT_ALIVE}\b{DIE_IDIOM}"),
    rule(_S, "ideation", "die",
         r"(?:^|(?<=[.?,] ))(?:i )?(?:really |just |honestly )?(?:wanna|want to|"
         rf"wanting to) die\b{DIE_IDIOM}"),
    rule(_S, "ideation", "dead",
         r"\bi (?:just |really |honestly |sometimes |often )?(?:wish|want) "
         r"i (?:was|were|could be) dead\b|\bbetter off dead\b"),
    rule(_S, "ideation", "rather",
         r"\b(?:id|i would|id much|i would much|id honestly|id really) rather "
         r"(?:be dead|die|not be alive|not exist|not wake up)\b",
         unless=rf"\bthan\b.*\b(?:{OCCASION}|{MUNDANE}|karaoke|sing\w*|danc\w*|wear\w*|eat\w*)\b"),
    rule(_S, "ideation", "dont no",
         r"\b(?:dont|do not|no longer|dont really|dont even|really dont|"
         r"honestly dont|dont think i) (?:want|wanna|wish) (?:to )?(?:be alive|live|exist|be here|"
         r"wake up|"
         r"go on|be around|keep living|carry on|keep going|be in this world|breathe)\b"
         r"(?! (?:in|with|at|near|there|on|like that|somewhere|abroad|alone|together|here|"
         r"this (?:way|life)|to see)\b)", unless=rf"\b{MUNDANE}\b"),
    rule(_S, "ideation", "care",
         r"\b(?:dont|do not)(?: \w+){0,2}? care(?: \w+)? (?:if|whether) (?:i|im|i am) (?:live|"
         r"die|wake up|make it|survive|am alive|alive|exist|here|around|dead)\b"),
    rule(_S, "ideation", "suicidal suicide",
         r"\b(?:suicidal|suicide) (?:thoughts?|ideation|feelings?|urges?|"
         r"plans?|impulses?|ideas?|tendencies|mood|episode|crisis)\b|\b(?:feel|feeling|felt|"
         r"been|getting|got|so|really|very|actively|passively|im|i am|am|go|went|pretty|super|"
         r"quite|extremely|incredibly|dangerously|a bit|little|kinda|kind of|bit|more|most|"
         r"always|constantly|been feeling) suicidal\b|(?:^|(?<=[.?,] ))suicidal\b|\bsuicidal "
         r"(?:again|tonight|today|right now|lately|rn|since|for|and|af|as)\b"),
    rule(_S, "ideation", "suicide killing ending dying death taking being existing waking funeral "
         "how",
         r"\bthoughts (?:of|about) (?:suicide|killing myself|ending it|ending "
         r"my life|dying|death|not being here|not existing|taking my life|unaliving)\b|"
         r"\b(?:think|thinking|thought|thinks|obsess\w*|fantasi[sz]\w*|dream\w*|imagin\w*|"
         r"pictur\w*) (?:a lot |so "
         r"much |constantly |all the time |every day )?(?:about|of) (?:suicide|dying|killing "
         r"myself|ending it|ending my life|taking my (?:own )?life|not being here|not existing|"
         r"not waking up|my (?:own )?death|my funeral|how to (?:die|end it|kill myself))\b",
         unless=r"\b(?:scared of|afraid of|fear of|terrified of|worried about)\b"),
    rule(_S, "ideation", "dying death dead existing being waking suicide overdose drowning "
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
    rule(_S, "ideation", "death dying end",
         r"\b(?:welcome|embrace|long for|crave|look forward to|cant wait for|"
         r"ready for|yearn for|pray for) (?:death|dying|the end|my death|not waking up|the "
         r"sweet release)\b"),
    rule(_S, "ideation", "hope hoping pray praying wish wishing wouldnt would dont secretly",
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
    rule(_S, "ideation", "if",
         r"\bif (?:\w+ ){0,6}?(?:hit|hits|killed|crash\w*|died|die|didnt wake "
         r"up|dont wake up|never woke up|got sick|accident|run over|ran over)\b[^.?]{0,60}?"
         r"\b(?:wouldnt mind|would not mind|wouldnt care|(?:be|feel) (?:grateful|glad|relieved|"
         r"thankful|fine|okay|ok|happy)|wouldnt be (?:upset|sad|sorry)|not mind|wouldnt be "
         r"sad|be a relief)\b"),
    rule(_S, "ideation", "wish wishing",
         r"\b(?:wish|wishing) (?:i|id|i had|i hadnt) (?:never been born|never "
         r"existed|never woke up|was never born|wasnt born|didnt exist)\b"),
    rule(_S, "ideation", "stop end over",
         r"\b(?:want|wanna|wish|hope) (?:for )?(?:it all|everything|all of "
         r"it|this|my life|life|the pain|all this|it|things) to (?:just )?(?:stop|end|be over)\b"
         r"(?: \w+)? (?:forever|for good|permanently|for ever)\b|\b(?:want|wanna|wish) (?:it "
         r"all|everything|all of it|my life|life) to (?:just )?(?:stop|end|be over)\b|"
         r"\bwant it (?:all )?"
         r"to be over\b(?=.{0,30}\b(?:me|all|forever|of it)\b)"),
    rule(_S, "ideation", "point",
         r"\b(?:(?:whats|what is|where is|what even is|whats even) the point "
         r"(?:of|in)(?: even| me)? (?:living|going on|carrying on|being alive|staying alive|"
         r"existing|life|me|waking up|trying to live|keep going|keeping going|any of it|"
         r"anything|being here|continuing)|no point (?:in |of )?(?:living|going on|carrying "
         r"on|being alive|staying alive|existing|being here|me being here|trying to live|"
         r"keeping going|waking up|life|continuing))\b"),
    rule(_S, "hopelessness", "reason reasons nothing will hope worth",
         r"\b(?:no|zero|any|not a single|no more|nothing) (?:real |good )?"
         r"reasons? (?:left )?(?:for me )?to (?:live|keep living|stay alive|be alive|keep "
         r"going|go on|carry on|be here|exist|wake up|stick around|continue)\b|\bnothing "
         r"(?:left )?(?:for me )?(?:to live for|worth living for)\b|\bno will to live\b|"
         r"\blost (?:all )?(?:the )?(?:will|reason) to live\b|\bno hope left\b|\blost all "
         r"hope\b|\b(?:life|living|my life|being alive|existence|this life)(?: \w+)? (?:isnt|is "
         r"not|aint|not|no longer|isnt really|just isnt|isnt even) (?:\w+ )?worth (?:living|it|"
         r"the pain|the effort|continuing)\b"),
    rule(_S, "hopelessness", "cant can cannot dont unable longer couldnt",
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
    rule(_S, "hopelessness", "up done see future",
         r"\b(?:give|giving|gave|given) up on (?:life|living|everything|"
         r"myself|being alive|staying alive|it all)\b|\b(?:im|i am|so|just|totally|completely)"
         r" done with (?:life|living|being alive|existing|it all|all of it|this life|"
         r"everything)\b|\b(?:cant|can not|cannot|dont|do not|no longer) see (?:a|any) "
         r"(?:future|way forward|way out|point|reason to live|light)(?! (?:in|at|with) "
         rf"(?:this|my|the|that) {MUNDANE})\b|\bno future (?:for me|left)\b",
         unless=r"\b(?:diet|job|relationship|this (?:job|relationship))\b"),
    rule(_S, "trapped", "only one",
         r"\b(?:only|one|just one) (?:way out|escape|exit|option|answer|"
         r"solution|choice|way to (?:escape|stop|end) (?:this|it|the pain))\b",
         near=r"\b(?:die|dead|death|dying|suicide|kill|end it|permanent|we all know|i can "
         r"(?:see|think of)|i see|left|for me|trapped|gone|alive|not be here|exist)\b", window=60,
         unless=r"\b(?:through|job|work|debt|flat|house|move|moving|quit|sell|loan|degree)\b"),
    rule(_S, "trapped", "way",
         r"\bno way out\b(?: \w+){0,4} (?:but|except|other than|apart from) "
         r"(?:to )?(?:die|dying|death|suicide|ending it|killing myself)\b|\bonly way out (?:is|"
         r"would be) (?:suicide|to die|death|dying|to end it|to kill myself|ending it)\b|"
         r"\bonly way "
         r"out(?: of (?:this|it|here))? (?:is|would be) (?:to )?(?:not (?:be alive|be here|exist|"
         r"wake up)|die|dying|death|be dead)\b"),
    rule(_S, "burden", "better happier easier relieved lighter fine freer safer",
         r"\bbetter off (?:without me|if i (?:just |simply |finally )?(?:was|were|wasnt|werent|"
         r"died|"
         r"disappeared|didnt exist|was gone|were gone|never existed|wasnt here|wasnt "
         r"around|was dead)|with me gone|with me dead|when im gone|once im gone)\b|\b(?:happier|"
         r"better|easier|relieved|lighter|fine|freer|better off|safer)(?: \w+){0,3}? "
         r"(?:without me|if i (?:just |simply |finally )?(?:was|were|wasnt|werent|died|"
         r"disappeared|didnt exist|was gone|"
         r"wasnt here|wasnt around|were gone|were dead|was dead|killed myself|wasnt alive|"
         r"wasnt in (?:it|them|their lives))|when im gone|once im gone|with me gone)\b"),
    rule(_S, "burden", "better happier fine",
         r"\b(?:everyone|everybody|they|family|kids|world|people)(?: \w+){0,4}? "
         r"(?:would|will|d|be) (?:all )?be (?:better off|happier|fine|better)\b(?= \.|$| "
         r"anyway| honestly| tbh)"),
    rule(_S, "burden", "noone nobody one single person",
         r"\b(?:no ?one|nobody|noone|not a single person|not one person)"
         r"(?: \w+){0,2}? (?:would|will|d|wouldnt|even)? ?(?:even )?(?:notice|care|miss me|"
         r"mind|be sad|cry|come to my funeral)(?: \w+){0,3}? (?:if|when|once) (?:i|im) "
         r"(?:was|were|wasnt|werent|died|disappeared|vanished|was gone|were gone|gone|"
         r"dead|was dead|didnt exist|wasnt here|wasnt around|killed myself|stopped existing|"
         r"never came back|wasnt alive|disappear|die)\b|\b(?:no ?one|nobody|noone) (?:would|"
         r"will) (?:even )?miss me\b"),
    rule(_S, "burden", "burden waste drain weight favour favor",
         r"\b(?:im|i am|i feel like|i feel|ive become|i was born|im just|im "
         r"nothing but)(?: \w+){0,2}? (?:just |only |nothing but |such |a total |a huge |a "
         r"massive |a complete |one big )+(?:a )?(?:burden|waste of space|waste of oxygen|"
         r"drain|weight dragging)\b(?! (?:when|sometimes|at times|on (?:the|my|our) \w+|if i|"
         r"asking|"
         r"for asking|because i))|"
         r"\b(?:im|i am) (?:\w+ )?a burden (?:to|on) (?:everyone|everybody|all|them all|all of "
         r"them|the people i love|my whole family|everyone around me)\b|\bdoing (?:everyone|"
         r"everybody|them|the world|my family|you all) a favou?r (?:by|if)\b"),
    rule(_S, "burden", "if when",
         r"\b(?:relieved|relief|glad|happy|happier) (?:if|when) i (?:died|was "
         r"dead|were dead|was gone|were gone|killed myself|disappeared)\b"),
    rule(_S, "burden", "world",
         r"\bthe world (?:would|will|d) be (?:a )?(?:better|better off|better "
         r"place)(?: \w+){0,2} without me\b"),
    rule(_S, "indirect", "around here alive problem burden bother posting",
         r"\b(?:i|ill|i will|im|i am|i dont think ill|i dont think i will)"
         r"(?: \w+){0,2}?(?: (?:wont|will not|not going to|not gonna|dont plan on|dont expect to|"
         r"wont be able to))?(?: be)? (?:around|here|alive|a (?:problem|burden|bother) for "
         r"(?:anyone|anybody|you|them)|posting again)(?: \w+){0,2}? (?:much longer|for (?:much|"
         r"very) long|for long|anymore|any more|tomorrow|next (?:week|month|year)|for christmas|"
         r"by (?:then|christmas|the weekend|monday|friday)|after (?:tonight|today|this)|soon)\b",
         near=r"\b(?:wont|will not|not going to|not gonna|dont plan|dont expect|dont think)\b",
         window=40, unless=rf"\b{ORDINARY_ABSENCE}\b"),
    rule(_S, "indirect", "make",
         r"\b(?:wont|will not|dont think ill|dont think i will|not going to) "
         r"make it (?:to|through|past) (?:my birthday|christmas|the new year|new year|next "
         r"(?:year|month)|another (?:year|month|week)|the end of (?:the|this) (?:year|month))\b"),
    rule(_S, "indirect", "have need",
         r"\b(?:you|u|they|everyone|nobody|no one)(?: all)? (?:wont|will not|"
         r"dont|wont ever) (?:have to|need to) (?:deal with|worry about|put up with|think about"
         r"|look after|care for) me (?:much longer|for (?:much )?long|anymore|any more|soon|"
         r"again)\b"),
    rule(_S, "indirect", "gone",
         r"\b(?:ill|i will|i|im|i am) (?:be )?gone(?: \w+){0,2}? (?:soon|"
         r"shortly|tonight|tomorrow|by (?:tomorrow|the morning|then)|before (?:long|christmas|"
         r"morning))\b|\b(?:ill|i will) be gone and\b|\bwhen im gone(?: \w+){0,4} (?:wont|"
         r"will not) matter\b",
         unless=rf"\b{ORDINARY_ABSENCE}\b"),
    rule(_S, "indirect", "over",
         r"\b(?:itll|it will|this will|all this will|everything will|it|"
         r"this) (?:all )?be over (?:soon|shortly|tonight|tomorrow|for me)\b",
         near=r"\b(?:peace|ready|gone|me|decided|made up|goodbye|forever)\b", window=60,
         unless=rf"\b{ORDINARY_ABSENCE}|{MUNDANE}|results?|wait\w*|scan|surgery\b"),
    rule(_S, "indirect", "matter soon",
         r"\b(?:soon )?none of (?:this|it) will matter (?:to me )?(?:any ?more|"
         r"soon)\b|\bsoon none of (?:this|it) will matter\b|\bsoon (?:i|ill) wont (?:be a "
         r"problem|matter|be here)\b"),
    rule(_S, "indirect", "peace",
         r"\bmade (?:my )?peace\b(?! with (?:his|her|their|the diagnosis|"
         r"(?:my |the )?(?:\w+s )?(?:death|loss|passing)))",
         near=r"\b(?:ready|its time|time to go|time|go|goodbye|decision|decided|will|"
         r"affairs|letters|note)\b", window=60),
    rule(_S, "indirect", "ready",
         r"\bready to (?:let go|go|leave this world|leave this life|say goodbye"
         r")\b(?! (?:of|to (?:the|a|my|work|bed|school|uni|sleep)|home|out|back|for|now to|"
         r"and))(?= \.|$| now| tonight| forever| for good| i)",
         near=r"\b(?:peace|tired|fighting|done|goodbye|gone|forever|made|its time|ready to "
         r"go|let go)\b", window=40),
    rule(_S, "indirect", "sleep asleep",
         r"\b(?:want|wanna|wish|need) (?:to )?(?:just )?(?:go to )?sleep "
         r"(?:forever|for ever|permanently|and (?:never|not) wake(?: up)?)\b|\b(?:go to sleep|"
         r"sleep|fall asleep)(?: \w+){0,3}? and (?:never|not) wake(?: up)?\b"),
    rule(_S, "indirect", "time",
         r"\bit(?:s| is) time\b(?= \.|$)",
         near=r"\bmade (?:my )?peace\b|\bready\b", window=40),
    rule(_S, "preparation", "give giving gave given gifting gifted",
         r"\b(?:giv(?:e|ing)|gave|given|gifting|gifted)(?: away)? (?:all |"
         r"most |some )?(?:of )?my (?:things|stuff|belongings|possessions|prized|favourite|"
         r"favorite|treasured|stuff)\b|\b(?:giv(?:e|ing)|gave|given) (?:all )?my (?:things|"
         r"stuff|belongings|possessions) away\b|\b(?:giv(?:e|ing)|gave|given)(?: away)? my \w+ to "
         r"(?:my |a |the )?\w+ and my \w+ to\b"),
    rule(_S, "preparation", "gave given giving rehomed rehoming home sold selling cancelled "
         "canceled donated",
         r"\b(?:gave|given|giving|rehomed|rehoming|found a (?:new )?home "
         r"for|sold|selling|cancelled|canceled|donated)(?: away)? (?:my|all my)\b",
         near=r"\b(?:wont (?:need|be needing|be around|be using)|dont need (?:them|it|any of)"
         r" (?:anymore|any more)|wholl be around|who will be around|be around (?:for|longer)|"
         r"after im gone|when im gone|no point now|wont be here|deserves? someone)\b",
         window=110),
    rule(_S, "preparation", "note letter message video notes letters messages videos",
         r"\b(?:goodbye|suicide|final|last|farewell) (?:note|letter|"
         r"message|video)s?\b",
         near=r"\b(?:wrote|written|writing|write|left|leaving|leave|recorded|recording|"
         r"finished|started|my)\b", window=40,
         unless=r"\b(?:his|her|their|dads?|mums?|grand\w*|found (?:his|her)|therap\w*|"
         r"counsell?\w*|"
         r"exercise|assignment|homework|eating disorder|addiction|younger self|old self)\b"),
    rule(_S, "preparation", "note notes letter letters",
         r"\b(?:wrote|written|writing|left|leaving|finished) (?:a |some )?"
         r"(?:note|notes|letters?)\b",
         near=r"\bjust in case\b|\bfor (?:after|when)\b|\bto be found\b|\bhid(?:den)?\b|"
         r"\bin (?:my|the) (?:desk|drawer|room|car|wallet|bag)\b|\bdesk drawer\b|\bwhen im "
         r"gone\b|\bexplain(?:ing)? why\b|\bgoodbye\b", window=90,
         unless=r"\b(?:late|pen ?pals?|counsell?or|therapist|teacher|grief|sympathy|"
         r"condolence|thank you|complaint|cover)\b"),
    rule(_S, "preparation", "affairs",
         r"\b(?:sorted|put|putting|getting|got|set|setting)(?: out)? my "
         r"affairs in order\b|\bsorted (?:out )?my affairs\b|\bso (?:nobody|no one|noone|they|"
         r"my \w+) (?:has|have|will have) to (?:deal with|sort) (?:it|anything|everything|"
         r"my \w+)(?: \w+)? (?:after|when|once)\b",
         unless=r"\b(?:for work|job|move|moving|abroad|emigrat\w*|visa|travel\w*|relocat\w*|"
         r"surgery|operation|tax|taxes|divorce)\b"),
    rule(_S, "preparation", "will",
         r"\b(?:updated|wrote|written|made|sorted|changed|finished|done|"
         r"redone) (?:out )?my will\b",
         near=r"\b(?:funeral|who gets|just in case|weight off|ready|affairs|goodbye|letters|"
         r"note|passwords|when im gone|after im gone)\b", window=100),
    rule(_S, "preparation", "passwords account bank pin",
         r"\b(?:passwords|account details|bank details|pin numbers)\b",
         near=r"\b(?:after|when im gone|once im gone|just in case|close (?:my|the) accounts|"
         r"in an envelope)\b", window=90),
    rule(_S, "preparation", "cancelled canceled stopped quit",
         r"\b(?:cancelled|canceled|stopped|quit) (?:all )?(?:my )?"
         r"(?:therapy|appointments|sessions|counselling|subscriptions|plans)\b",
         near=r"\b(?:no point(?: now)?|wont need|wont be (?:around|here|needing)|dont need "
         r"(?:them|it) anymore)\b", window=80),
    rule(_S, "hopelessness", "tired sick exhausted weary bothered point",
         r"\b(?:tired|sick|exhausted|weary) of (?:being alive|living"
         r"(?! (?:in|with|at|here|there|on|off|paycheck)\b)|existing|life(?! (?:in|with|at)\b)|"
         r"waking up|breathing|being here|being me)\b|\bcant be bothered to (?:swim|keep going|"
         r"go on|live|fight|try|keep trying|exist)(?: \w+){0,2}? (?:any ?more|any longer)\b|"
         r"\b(?:dont|do not|cant|cannot) see (?:the|any) point (?:in|of) (?:anything|living|being "
         r"alive|going on|life|carrying on|existing|me)\b", unless=rf"\b{MUNDANE}\b"),
    rule(_S, "ideation", "funeral death grave",
         r"\b(?:imagin|pictur)\w* my (?:own )?(?:funeral|death|grave)\b"),
    rule(_S, "ideation", "wake waking ask asking asked beg begging begged pray praying prayed",
         r"\bwak(?:e|ing) up (?:and )?(?:wish|wishing|disappointed|angry|"
         r"gutted)(?: that)? (?:i|id) (?:hadnt|didnt|had not|did not|wasnt|am still|was still)"
         r"\b|\b(?:ask|asking|asked|beg|begging|begged|pray|praying|prayed)(?: \w+){0,2}? "
         r"(?:god|the universe|someone|him) to (?:take me|let me die|end it|not let me wake "
         r"up)\b"),
    rule(_S, "ideation", "if",
         r"\b(?:wouldnt (?:be upset|mind|care)|would not mind|id be (?:grateful|"
         r"glad|relieved|fine|okay|ok|happy)|id welcome it|wouldnt be sad) if (?:i )?(?:\w+ ){0,3}"
         r"(?:didnt wake up|never woke up|died|got hit|was hit|dont wake up|wasnt here|was gone|"
         r"didnt exist|stopped existing|never came back)\b"),
    rule(_S, "burden", "than",
         r"\bbetter off (?:\w+ ){0,5}than (?:with )?me\b"),
    rule(_S, "indirect", "worry",
         r"\b(?:wont|will not) (?:need|have) to worry about (?:any of )?"
         r"(?:this|it|anything|that)(?: \w+){0,2}? (?:soon|much longer|any ?more)\b"),
    rule(_S, "ideation", "mind head think",
         r"\b(?:suicide|killing myself|ending it|ending my life|unaliving|kms)(?: \w+){0,3}? "
         r"(?:on my mind|in my head|all i (?:can )?think about)\b"),
    rule(_S, "ideation", "give anything everything",
         rf"\b(?:give|giving) (?:anything|everything)(?: \w+)? to (?:just )?{NOT_ALIVE}\b"),
    rule(_S, "preparation", "gets have get",
         r"\b(?:sort\w*|decid\w*|work\w*|figur\w*|plan\w*)(?: out)? who (?:gets|will get|should "
         r"get|can have|should have) my (?:things|stuff|belongings|possessions|\w+)\b"),
    rule(_S, "burden", "thing",
         r"\b(?:kindest|best|only|most useful|right) thing (?:i|id) (?:could|can|would) do"
         r"(?: for (?:them|everyone|everybody|my \w+|the \w+|you all))? (?:is|would be) (?:to )?"
         r"(?:just )?(?:disappear|die|leave for good|go away for good|end it|kill myself|not be "
         r"here|not exist|be gone)\b"),
    rule(_S, "ideation", "alive living here",
         r"\b(?:stay|staying|keep|keeping|stayed|stick|sticking) (?:myself )?(?:alive|around|"
         r"here)(?: \w+)? (?:for|because of) (?:other people|others|them|everyone|my (?:kids|"
         r"children|mum|mom|dad|parents|family|partner|dog|cat|son|daughter))\b|\b(?:only|just)"
         r" (?:alive|here|still here|living) (?:for|because of) (?:my|them|other)\b"),
    rule(_S, "burden", "without",
         r"\b(?:happier|better off|better|fine|easier) without (?:a (?:mum|mom|dad|mother|father|"
         r"wife|husband|partner|sister|brother|friend|daughter|son)|someone) (?:like me|who)\b"),
    rule(_S, "trapped", "life world",
         r"\b(?:out of|leav\w* this|exit\w*|escap\w* from|door out of) (?:life|this (?:life|"
         r"world))\b(?! (?:in|on|at|as|with|insurance)\b)",
         unless=r"\b(?:most|want|wants|get|getting|got|expect|need|enjoy\w*|more) out of life\b"),
    rule(_S, "hopelessness", "version way world scenario",
         r"\bno (?:version|way|world|scenario|future)(?: of this)? (?:where|in which) (?:things|"
         r"it|i|life|my life) (?:gets?|get|ever gets?|will get) better\b"),
    rule(_S, "indirect", "good forever ever find look search back coming over being tell whoever "
         "gone",
         rf"\b{FINALITY}\b",
         near=rf"\b{DISTRESS}\b", window=150,
         unless=rf"\b{ORDINARY_ABSENCE}|{OCCASION}|quit\w*|smok\w*|drink\w*|sober|clean|moved?|"
         r"moving|relationship|ex|job|flat|house|done with (?:him|her|them|"
         r"it)\b", unless_reach=150),
    rule(_S, "preparation", "passwords funeral wishes plans order",
         r"\b(?:my )?(?:funeral (?:wishes|plans|music|songs)|passwords|bank details|account "
         r"details)\b",
         near=r"\b(?:for whoever|whoever needs|written down|in a folder|in an envelope|in order|"
         r"all there)\b", window=150,
         unless=r"\b(?:mums?|dads?|his|her|their|late|grand\w*|nan|gran|husbands?|wifes?|"
         r"partners?|parents?)\b"),
    rule(_S, "preparation", "order",
         r"\b(?:put|putting|got|getting|have|sorted|sorting) (?:my |all my )?(?:things|stuff|"
         r"life|house) in order\b",
         near=r"\b(?:passwords|funeral|will|whoever|letters?|note|goodbye|just in case|folder|"
         r"envelope|vet)\b", window=150,
         unless=r"\b(?:mums?|dads?|his|her|their|late|move|moving|spring clean\w*|"
         r"declutter\w*)\b"),
    rule(_S, "hopelessness", "run ran running",
         r"\b(?:run|ran|running) out of (?:reasons|reason|will|strength|hope) (?:to|for) "
         r"(?:keep going|go on|live|living|carry on|stay|stay alive|keep fighting|fight|try|be "
         r"here)\b|\b(?:run|ran|running) out of (?:reasons to live|hope)\b"),
    rule(_S, "trapped", "only",
         r"\bonly (?:way|option|answer|thing|exit|escape)\b",
         near=r"\bto (?:stop being here|stop existing|not be here|not exist|die|end it|be dead|"
         r"not wake up|stop living|disappear for good)\b", window=60),
    rule(_S, "ideation", "so over end stop",
         r"\bso (?:this|it|everything|all this) (?:would|will|could|can|might) (?:all )?(?:be "
         r"over|end|stop)\b",
         near=r"\b(?:hop\w*|wish\w*|part of me|pray\w*|bad news)\b", window=80),
    rule(_S, "ideation", "wake",
         r"\bif i (?:dont|didnt|never|do not|did not) wake up(?: ,)? (?:thats|that is|it is|its|"
         r"that would be|itd be|it would be|then) (?:fine|ok|okay|alright|for the best|a relief|"
         r"better|a blessing)\b"),
    rule(_S, "burden", "gone",
         r"\b(?:wed|id|we would|i would|we|i)(?: \w+)? (?:both |all )?(?:be )?better off gone\b"),
    rule(_S, "indirect", "around here alive",
         r"\b(?:not going to|not gonna|wont|will not|dont plan to|dont intend to) be (?:around|"
         r"here|alive) to (?:see|serve|face|deal with|hear|watch|read|find out)\b",
         unless=rf"\b{ORDINARY_ABSENCE}\b"),
    rule(_S, "ideation", "wish",
         r"\bwish (?:it|the (?:cancer|tumou?r|illness|disease)|this) (?:was|were|would be|would "
         r"go) (?:fast|faster|quicker|quick|terminal|over)\b"),
    rule(_S, "preparation", "next",
         r"\b(?:cards|letters|presents|gifts|messages|videos)\b(?: \w+){0,6}? for the next "
         r"(?:few|couple of|two|three|four|five|ten|\d+) (?:years|birthdays|christmases)\b"),
    rule(_S, "hopelessness", "reason",
         r"\b(?:cant|cannot|can not|couldnt) (?:think of|find|see|name|come up with) (?:a|one|"
         r"any|a single) (?:good )?reason to (?:be here|live|stay|keep going|go on|wake up|be "
         r"alive|stay alive|carry on|get up)\b"),
    rule(_S, "indirect", "last",
         r"\bone last (?:walk|time|look|visit|hug|drive|meal|cuddle|goodbye|swim)\b",
         near=r"\b(?:having (?:her|him|them)|from tomorrow|wont see|goodbye|crying|cry|sorry|"
         r"look after|doesnt understand)\b", window=150,
         unless=r"\b(?:vet|put (?:her|him|them) to sleep|move|moving|holiday|last day|leaving "
         r"do|retir\w*|closing|sold|before we)\b", unless_reach=200),
    rule(_S, "preparation", "gets",
         r"\b(?:list|decided|sorted|worked out|will) (?:\w+ ){0,3}?who gets what\b",
         unless=r"\b(?:christmas|birthday|presents?|chores|secret santa|gifts?|party|dinner)\b"),
    rule(_S, "preparation", "note notes letter letters",
         r"\bmy (?:note|notes|letter|letters)(?: is| are)? (?:in|on|under|by) (?:the|my) "
         r"(?:drawer|desk|bed|pillow|bedside|table|bag|car|wallet)\b",
         unless=r"\b(?:fridge|remind\w*|shopping|list|meds|doctor|homework|revision|work)\b"),
    rule(_S, "burden", "waste",
         r"\b(?:im|i am|i feel like|feel like|im just|im such) (?:\w+ )?(?:a )?waste of (?:space|"
         r"oxygen|air|a life)\b"),
    rule(_S, "slang", "kms ctb sewer sewerslide unalive unaliving unalived",
         r"\b(?:kms|ctb|sewer ?slide|unalive|unaliving|unalived)\b"),
    rule(_S, "slang", "kys",
         r"\bkys\b", near=r"\b(?:myself|my brain|my head|to me|i tell|tells me"
         r"|says to me)\b", window=50),
    rule(_S, "slang", "sui",
         r"\b(?:want|wanna|gonna|going|about|ready) (?:to )?(?:commit )?sui\b"),
)  # fmt: skip
