"""Rules for immediate danger: means at hand, an act done, a plan with a time, a goodbye."""

from __future__ import annotations

from peerhaven.safety.crisis_lexicon import (
    ENDING,
    GAP,
    MEANS,
    MEANS_WORDS,
    MUNDANE,
    OCCASION,
    ORDINARY_ABSENCE,
    SOON,
)
from peerhaven.safety.crisis_rule import CrisisCategory, Rule, rule

_D = CrisisCategory.IMMEDIATE_DANGER

DANGER_RULES: tuple[Rule, ...] = (
    rule(_D, "method", MEANS_WORDS,
         rf"\b(?:got|have|has|bought|saved|stockpiled|counted|lined up) (?:up )?"
         rf"(?:all )?(?:the |my |enough |some )?{MEANS}(?: \w+){{0,2}} (?:ready|lined up|saved|"
         r"in front of me|next to me|here)\b(?! (?:for|in) (?:the |my |a )?(?:morning|tomorrow|"
         r"week|day|night|bed|school|work|holiday|trip|blister|pill ?box|dosette|organi[sz]er|"
         r"pack|pharmacy|chemist|collection))"),
    rule(_D, "method", MEANS_WORDS,
         rf"\b{MEANS} (?:is |are )?(?:ready|waiting)\b(?! (?:for|at|in) )",
         unless=r"\b(?:pharmacy|chemist|collect\w*|pick(?:ed)? up|prescription)\b"),
    rule(_D, "preparation", "pills tablets meds medication insulin paracetamol painkillers "
         "antidepressants "
         "prescription prescriptions",
         r"\b(?:stockpil\w*|hoard\w*|stash\w*|sav(?:e|ed|ing)(?: up)?|"
         r"collect(?:ed|ing)|squirrel(?:l)?(?:ed|ing) away|a stash of|"
         r"stockpile of)(?: \w+){0,3}? (?:pills|tablets|meds|medication|insulin|paracetamol|"
         r"painkillers|sleeping pills|antidepressants|prescriptions?)\b",
         unless=r"\b(?:shortage|shortages|supply issues|holiday|trip|travel|used to|"
         r"pocket money|money|pharmacy|chemist|take (?:them |it )?back|return|disposal|dispose|"
         r"unused|expired|their|his|her)\b"),
    rule(_D, "preparation", "pills tablets meds paracetamol insulin",
         r"\b(?:pills|tablets|meds|paracetamol|insulin) (?:saved|"
         r"stashed|put away|stockpiled)\b"),
    rule(_D, "method", "enough",
         r"\benough (?:\w+ ){0,2}(?:saved |hidden |stashed )?(?:to do it|"
         r"to end it|to kill (?:me|myself)|to not wake up|to die|to overdose|for it to work)\b",
         near=rf"\b{MEANS}\b|\bto (?:kill|end|die|not wake)", window=60),
    rule(_D, "preparation", "looking looked look searching searched googling googled researching "
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
    rule(_D, "method", "how",
         rf"\bhow (?:many|much) (?:of )?(?:my |the )?(?:\w+ )?{MEANS}?(?: \w+)?"
         r" ?(?:(?:would|will|does|do|to) (?:it take|they take|i need|kill|be (?:fatal|lethal|"
         r"enough))|it (?:would|will) take|it takes)\b", near=rf"\b(?:{MEANS}|for me|not wake|die|"
         rf"dead|kill|asking for (?:me|a "
         r"friend))\b", window=40, unless=r"\b(?:can i take|safe|dose|dosage|max(?:imum)?)\b"),
    rule(_D, "method", "taken took swallowed downed necked",
         r"\b(?:taken|took|swallowed|downed|necked) (?:all|the whole|a whole|\d+|"
         r"too many|loads of|a load of|every one of|a bunch of|a handful of|lots of|a lot of|"
         r"(?:a |the )?(?:whole )?(?:bottle|packet|box|pack)s? of|everything) (?:of )?"
         r"(?:my |the )?(?:sleeping )?(?:pills|tablets|meds|paracetamol|insulin|\w+ pills)\b"
         r"(?! (?:on time|as prescribed|correctly|with (?:food|breakfast|lunch|dinner)|this "
         r"morning|today|like|every))"),
    rule(_D, "method", "overdose overdosed odd",
         r"\b(?:ive|i have|i just|i|just) (?:taken|took) an overdose\b|"
         r"\bjust overdosed\b|\b(?:overdosed|odd|took an overdose)\b(?= (?:an? (?:hour|few "
         r"minutes|minute|while)s? ago|just now|tonight|today|earlier))"),
    rule(_D, "method", "with",
         r"\b(?:sitting|standing|lying|alone|here|im|in my car)(?: \w+){0,4} "
         r"with (?:the|my|all my|all the|a bottle of|a handful of|a|some) (?:pills|tablets|"
         r"rope|noose|blade|razor|knife|gun)\b"),
    rule(_D, "method", "bridge ledge cliff tracks railway platform roof",
         r"\b(?:standing|sitting|stood|sat|on|at) (?:on|at|by) (?:the |a )?"
         r"(?:edge of )?(?:the |a |my )?(?:bridge|ledge|cliff|tracks|railway|railway line|"
         r"platform edge|roof(?: of (?:my|the) (?:building|flats?|block))?)\b",
         unless=r"\b(?:photo|view|sunset|sunrise|walk|walking|hike|hiking|train (?:to|home)|"
         r"waiting for|commute|holiday|beautiful|lovely|gorgeous|love|watching|boats?|ducks?|"
         r"fishing)\b"),
    rule(_D, "method", "thinking picturing imagining looking driving walking",
         r"\b(?:keep|kept|cant stop|been|im|am|i)(?: \w+)? (?:thinking about|"
         r"picturing|imagining|looking at|driving past|walking past)\b",
         near=rf"\b{MEANS}\b.{{0,80}}(?:\bit\b|how easy|be done|be over|end it|one|them)|"
         r"how easy it would be", window=90,
         unless=r"\b(?:collapse|documentary|news|film|movie|holiday|photo|remember)\b"),
    rule(_D, "method", MEANS_WORDS,
         rf"\b(?:(?:keep|kept|cant stop|been) (?:looking at|staring at|thinking "
         rf"about|picturing|eyeing)|staring at|stared at|eyeing|holding|sat with|sitting with)"
         rf" (?:the |my |a |that )?(?:\w+ ){{0,3}}?{MEANS}\b",
         unless=r"\b(?:documentary|news|film|movie|holiday|photo|view|sunset|train (?:to|home)|"
         r"timetable|delayed|late|commute|organi[sz]er|dosette|blister|remember|prescribed)\b"),
    rule(_D, "method", "know",
         rf"\b(?:i )?know (?:which|where|exactly which|the) (?:{MEANS}|code|"
         r"spot|place)\b(?: id| i would| to| i will| ill)?"),
    rule(_D, "method", "rope noose",
         r"\b(?:bought|buying|got|getting|ordered) (?:a |some )?(?:rope|noose)\b"
         r"(?! for)",
         unless=r"\b(?:swing|climbing|boat|garden|tent|camping|washing line|tyre|dog|horse|gym|"
         r"crafts?|project|tree ?house|hammock|sailing|knots?)\b"),
    rule(_D, "preparation", "from",
         r"\b(?:bought|buying|getting|got) (?:\w+ ){0,3}(?:paracetamol|"
         r"pills|tablets) from (?:\w+ )?(?:different|several|multiple|two|three|four) "
         r"(?:shops|pharmacies|chemists|places|stores)"),
    rule(_D, "plan", "night day",
         r"\b(?:tonight(?:s| is)|today is) the (?:night|day)\b(?! (?:we|for|of|"
         r"that|when|i (?:finally |will |am going to )?(?!(?:end|do|kill|take|go|die|leave)\b)"
         r"\w+))",
         unless=rf"\b{OCCASION}|wish me luck|shift|back at work\b", unless_reach=120),
    rule(_D, "goodbye", "time reading",
         r"\bby the time (?:you|anyone|someone|somebody|people|u)(?: all)? "
         r"(?:read|reads|see|sees|find|finds) this\b|\bif (?:youre|you are|anyone is) reading "
         r"this(?: ,)? (?:im|i am|i will be|ill be|ive) (?:already )?(?:gone|dead)\b"),
    rule(_D, "goodbye", "final last goodbye",
         r"\b(?:this is|heres|this will be|thatll be|that was|this was) (?:my )?(?:final|last) "
         r"(?:goodbye|post|message|"
         r"words|note)\b(?! (?:before|for (?:a while|now|today|the (?:week|day|night|year)|this|"
         r"\d)|of the|until|till|here for))|\bthis is my goodbye\b",
         unless=rf"\b{ORDINARY_ABSENCE}\b"),
    rule(_D, "goodbye", "goodbye bye farewell",
         r"\b(?:goodbye|bye|farewell) (?:everyone|all|everybody|forever|world|"
         r"cruel world|to (?:everyone|you all|all of you|this (?:group|community)|the people))\b"
         r"|\b(?:wanted|want|need|have) to say goodbye(?: to (?:everyone|you all|all of you|"
         r"this (?:group|community|place)|the people (?:who|that) matter))?\b|\bsaid (?:my )?"
         r"goodbyes? to (?:everyone|the people|all)\b|\bgoodbye\b(?= \.|$)",
         unless=rf"\b{ORDINARY_ABSENCE}|for now|for a (?:bit|while)|until|till|see you|bed|sleep|"
         r"goodnight|night all|later|off to\b"),
    rule(_D, "goodbye", "hear see",
         r"\b(?:you|u)(?: all)? (?:wont|will not|will never|ll never|wont ever) "
         r"(?:hear|see|have to (?:hear|see|deal with|worry about|put up with)) (?:from )?me "
         r"(?:again|anymore|any more|after (?:this|tonight))\b|\b(?:this will be|this is) the "
         r"last (?:time )?(?:you|anyone|u)(?: all)? (?:will )?(?:hear|see)s? (?:from )?me\b"),
    rule(_D, "goodbye", "blame fault",
         r"\bplease dont blame (?:yourselves|yourself|anyone|my|him|her)\b|"
         r"\b(?:its|it is|it was) not (?:your|anyones) fault\b",
         near=r"\b(?:goodbye|love you|sorry|gone|about to|going to|decision|do this|dont (?:reply|"
         r"answer|respond|post|wake)|not (?:here|around) tomorrow)\b",
         window=120),
    rule(_D, "goodbye", "sorry love thank thanks care after tell",
         r"\b(?:sorry for everything|i love you all|love you all|thank you for "
         r"everything|thanks for everything|take care of each other|look after each other|"
         r"tell my \w+ (?:that )?i love)\b",
         near=r"\b(?:goodbye|bye|farewell|last (?:post|message|time)|wont be (?:posting|here|"
         r"around)|gone|cant (?:do it|go on)|myself|forever|sorry)\b", window=120,
         unless=rf"\b{ORDINARY_ABSENCE}|for now|for a (?:bit|while)|see you|back\b"),
    rule(_D, "intent", "going gonna about planning ready decided",
         rf"\b(?:going|gonna|about|planning|ready|decided)(?: to)?{GAP} (?:{ENDING}|do it|"
         rf"take them|take the pills|hurt myself|cut myself|"
         rf"cut my \w+)(?: all)?(?: \w+){{0,2}}? {SOON}\b"),
    rule(_D, "intent", "it",
         rf"\b(?:im|i am|ill|i will) (?:going to |gonna )?do(?:ing)? it "
         rf"{SOON}\b|\bgoing to do it {SOON}\b|\bgonna do it {SOON}\b",
         near=r"\b(?:ready|decided|made up my mind|pills|tablets|rope|end|die|goodbye|sorry|"
         r"cant|nobody|no one|talk me out|backing out|plan|note|this time)\b", window=120),
    rule(_D, "intent", "going gonna",
         r"\b(?:im|i am|ill|i will|this time im) (?:actually |really |finally )?"
         r"(?:going to|gonna) (?:do it|go through with it)\b(?! (?:for|with)\b)",
         near=r"\b(?:this time|not backing out|mean it|made up my mind|decided|ready|"
         r"tonight|goodbye|nobody|no one|talk me out)\b", window=80),
    rule(_D, "plan", "dates date set",
         r"\b(?:the )?dates? (?:is )?set\b|\bset the date\b",
         near=r"\b(?:calm|scared?s?|ready|decided|peace|nobody|no one|goodbye|note)\b", window=80,
         unless=rf"\b{OCCASION}|{ORDINARY_ABSENCE}\b"),
    rule(_D, "plan", "date day time plan planned worked know rehearse rehearsed rehearsing "
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
    rule(_D, "plan", "once when after soon",
         r"\b(?:once|when|after|as soon as) (?:the kids|everyone|the house|my "
         r"\w+|they|the family)(?: \w+){0,5}? (?:im going to|i will|ill|im gonna|i can) "
         r"(?:do it|take them|end it|finally do it|go)\b"),
    rule(_D, "plan", "coast bridge cliff cliffs sea river woods tracks station",
         r"\b(?:driving|going|walking|heading) to the (?:coast|bridge|cliffs?|sea|"
         r"river|woods|tracks|station)(?: \w+){0,3} (?:and )?(?:not|never) (?:coming|going) "
         r"back\b"),
    rule(_D, "plan", "night day time moment ending end killing kill",
         r"\b(?:night|day|time|moment) (?:i|ill|im going to|when i) (?:end it|do it|"
         r"kill myself|take them|go through with it|end my life)\b|\bwaiting for the right "
         r"(?:moment|time|day|night)\b(?=.{0,60}\b(?:planned|plan|do it|end it|pills)\b)|"
         r"(?<=\bplanned )it all\b|\b(?:im|i am|ill|i will|i) (?:ending it|ending my life|killing "
         rf"myself|end it|kill myself|end my life)(?: all)? {SOON}\b"),
    rule(_D, "goodbye", "goodbye last",
         r"\bsay(?:ing)? goodbye to (?:people|everyone|friends|family|my "
         r"\w+)(?: \w+){0,3}? (?:without|quietly|secretly|one by one|before i go)\b|\b(?:this is|"
         r"this will be|its) the last time (?:ill|i will|i) (?:bother|trouble|burden|annoy|post|"
         r"write|reach out to|message)\b"),
    rule(_D, "method", "garage engine exhaust",
         r"\b(?:engine|exhaust) (?:running|on)\b|\bhosepipe\b",
         near=r"\b(?:garage|car|hose|hosepipe|windows? (?:up|shut|closed)|sat|sitting)\b",
         window=60),
    rule(_D, "method", "edge",
         r"\b(?:standing|sitting|stood|sat|been|walking|lean\w*) (?:\w+ )?(?:at|on|near|by|to) "
         r"the edge of (?:the |a )?(?:platform|roof|cliff|bridge|building|balcony|tracks|car "
         r"park|multi ?stor(?:e)?y)\b",
         unless=r"\b(?:photo|view|sunset|sunrise|hike|hiking|beautiful|lovely|gorgeous|"
         r"watching|boats?|waves)\b"),
    rule(_D, "method", "pills tablets meds",
         r"\b(?:pills|tablets|meds) (?:are|is) (?:all )?(?:on the table|in front of me|next to "
         r"me|laid out|lined up|counted out|on the bed|in my hand)\b(?! (?:for|in) )|\b(?:vodka|"
         r"whisky|whiskey|gin|alcohol|wine|rum)(?: \w+){0,3} and (?:my |the |all my |all the )?"
         r"(?:sleeping )?(?:pills|tablets)\b",
         unless=r"\b(?:can i|is it|safe|okay to|ok to|mix|mixing|interact\w*|doctor|gp|"
         r"pharmacist|week|dosette|organi[sz]er|morning|breakfast|lunch|dinner|every day|as usual|"
         r"like always|routine|with food|vitamins)\b"),
    rule(_D, "method", "enough",
         r"\b(?:tall|high|deep) enough\b",
         near=r"\b(?:building|bridge|roof|cliff|car park|balcony|drop|fall|jump|which|"
         r"window|floor)\b", window=50,
         unless=r"\b(?:shelf|ceiling|fence|bed|table|chair|desk|step|plant|water|pool)\b"),
    rule(_D, "plan", "when",
         r"\b(?:tonight|tomorrow|this (?:weekend|week|evening|friday|saturday|sunday)|"
         r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|next week|the \w+) is (?:when|the day|the "
         r"night) (?:i|ill|im going to) (?:end it|do it|kill myself|end my life|go|take them)\b"),
    rule(_D, "method", "counting counted count",
         r"\b(?:counting|counted|count)(?: up)? (?:how many|my|the|all)\b",
         near=r"\benough\b|\bwould (?:do it|work|kill)\b", window=100,
         unless=r"\b(?:calories|steps|days|sheep|money|blessings|hours|sleeps|weeks|points)\b"),
    rule(_D, "intent", "mind happening",
         r"\bnot (?:going to|gonna) change my mind\b|\b(?:its|it is|its all|this is) happening "
         rf"{SOON}\b",
         near=r"\b(?:change my mind|tonight|tomorrow|decided|ready|goodbye|trying with me|do it|"
         r"end|die|pills|sorry|talk me out)\b", window=80,
         unless=rf"\b{OCCASION}|{ORDINARY_ABSENCE}\b"),
    rule(_D, "method", "easy",
         r"\bhow easy it (?:would|could) be to (?:just )?(?:keep driving|drive|swerve|jump|step|"
         r"fall|let go|walk into|drown|end|take them|take it all|take all|swallow|crash|not "
         r"(?:stop|wake|come back|brake)|go over|go off)\b"),
    rule(_D, "goodbye", "sad cry grieve miss mourn sorry",
         r"\b(?:please )?dont (?:be sad|cry|grieve|miss me|mourn)(?: for)? (?:for long|for me|too "
         r"much|too long|when im gone)\b|\bsorry (?:it|i) (?:wasnt|was not|couldnt be) (?:enough|"
         r"stronger)\b"),
    rule(_D, "method", "looking staring down",
         r"\b(?:looking|staring|looked|stared|gazing) down (?:at|into) (?:the )?(?:water|tracks|"
         r"road|"
         r"drop|river|traffic|ground|sea|rocks|street)\b",
         near=r"\b(?:bridge|roof|ledge|balcony|cliff|car park|platform|top floor|edge|"
         r"next time)\b",
         window=120, unless=r"\b(?:sunset|view|calm|beautiful|lovely|photo|ducks?|boats?|"
         r"swans?)\b"),
    rule(_D, "method", "next",
         r"\b(?:dont know|not sure) about next time\b|\bnext time i (?:might|will|wont (?:come "
         r"home|come back|stop|turn back))\b",
         near=rf"\b(?:{MEANS}|water|edge|jump\w*|looking down)\b", window=150),
    rule(_D, "intent", "done",
         r"\b(?:im|i am) done\b",
         near=r"\b(?:ive decided|i decided|decided|made up my mind|my decision|cant any ?more|"
         r"cant go on)\b", window=60,
         unless=rf"\b{MUNDANE}|{OCCASION}|with (?:him|her|them|this|it|men|women|dating)\b"),
    rule(_D, "goodbye", "find look search",
         r"\bdont (?:try to |come looking to |bother trying to )?(?:find|look for|search for|come "
         r"looking for) me\b",
         unless=r"\b(?:hide and seek|game|party|pub|cafe|station|outside|at the)\b"),
    rule(_D, "method", "enough",
         r"\b(?:thats|that is|its|it is|thatd be|that would be|theres|there is) (?:more than )?"
         r"enough(?: right there| there| to do it| in there)?\b(?! (?:for|to last|until|till|to "
         r"get|of)\b)",
         near=rf"\b(?:{MEANS}|prescription|months worth|bag|box)\b", window=100,
         unless=r"\b(?:shortage|relief|holiday|trip|travel|until|till)\b"),
    rule(_D, "goodbye", "look take",
         r"\b(?:look after|take care of) (?:\w+ ){1,3}for me\b",
         near=r"\b(?:sorry|i tried|goodbye|read this|love you|forgive|gone)\b", window=150,
         unless=rf"\b{ORDINARY_ABSENCE}\b"),
    rule(_D, "plan", "gives give leaves gave",
         r"\b(?:gives|give|leaves|gave|will give) me (?:enough|plenty of) time\b(?! to (?!do it)"
         r"\w+)",
         near=r"\b(?:worked out|timings?|till|until|at work|out till|home)\b", window=120),
    rule(_D, "method", "roof top edge ledge",
         r"\b(?:im|i am|currently|sitting|standing|stood|sat|here)(?: up)? (?:on|at) (?:the )?"
         r"(?:roof|top|edge|ledge)(?: floor)? of (?:the |a |my )?(?:car park|carpark|multi ?"
         r"stor(?:e)?y|building|block|flats?|bridge|hospital|tower)\b",
         unless=r"\b(?:view|sunset|sunrise|photo|terrace|bar|garden|party|work|lunch|lovely|"
         r"beautiful|gorgeous)\b"),
    rule(_D, "method", "high tall far deep",
         r"\bhow (?:high|tall|far down|far up|deep|far) (?:up )?(?:my|the|our|that) (?:balcony|"
         r"bridge|roof|window|building|drop|flat|car park|cliff|river|water) (?:is|would be)\b",
         unless=r"\b(?:vertigo|view|curious|estate agent|rent|price|flood)\b"),
    rule(_D, "method", "lined laid counted poured",
         r"\b(?:lined|laid|counted|poured|set) (?:up |out )(?:all )?(?:the |my |of the |of my )?"
         r"(?:sleeping )?(?:tablets|pills|meds|paracetamol|painkillers)\b",
         unless=r"\b(?:week|dosette|organi[sz]er|routine|vitamins|breakfast|morning|pharmac\w*|"
         r"nurse|carer|for (?:mum|dad|nan|grandad|the kids))\b"),
    rule(_D, "plan", "empty asleep out",
         r"\bwhen (?:the (?:flat|house|place)(?:s| is)|everyone(?:s| is)|nobody(?:s| is)) "
         r"(?:empty|asleep|out|gone|away)\b",
         near=r"\b(?:plan|do it|decided|ready|goodbye|note|pills|end it|tonight)\b", window=100,
         unless=rf"\b{OCCASION}|bath|film|movie|party|clean\w*|relax\w*\b"),
    rule(_D, "goodbye", "goodbyes goodbye",
         r"\bsay(?:ing)? (?:my )?goodbyes? (?:quietly|secretly|one (?:person |by one|at a time)|"
         r"without (?:them|anyone|people) knowing)\b"),
    rule(_D, "goodbye", "get",
         r"\bthis is where i get off\b",
         near=r"\b(?:thank|goodbye|love|friends|sorry|bye)\b", window=100,
         unless=r"\b(?:train|bus|hype|ride|topic|conversation|thread|argument|debate)\b"),
    rule(_D, "goodbye", "sorry",
         r"\bsorry (?:for|about) what(?:s| is)? (?:comes next|coming|about to happen|im about to "
         r"do|i(?:m| am) going to do|happens next)\b"),
)  # fmt: skip
