"""Word lists the crisis rules are built from, in canonical spelling (see ``crisis_text``).

Each list is a regular-expression alternation of one part of how people say it:
who acts, what they want or are about to do, what they would do to themselves,
the means, the time. The rules in ``crisis_rules`` combine them within a window of
a few words, so "I really just want to die", "i wanna end it all tonight" and
"thinking about ending my life" come from one rule rather than three phrases.
The lists are kept apart from the rules so that a new word (a new slang term, a
new means) is added in one place and every rule that reads that list sees it.
"""

from __future__ import annotations

#: up to four words between two parts ("i want to just kill myself", "wish i could
#: just disappear forever"), never across punctuation and never a negation: "I hope
#: I don't die" is not "I hope ... die"
GAP = r"(?: (?!(?:dont|not|never|wont|doesnt|didnt|cant|no|stop|stopped|nobody)\b)\w+){0,4}?"

#: wanting, wishing, deciding or being about to; safe before any explicit act of
#: ending one's life ("could" and "might" included: "I could overdose on my meds")
INTENT = (
    r"(?:want|wants to|wanna|wanting|wish|wishing|need|needing|hope|hoping|pray|praying|"
    r"plan|planning|planned|intend|intending|mean|going|gonna|ready|about to|close|decided|"
    r"deciding|made up my mind|thinking|think|thought|thoughts|considering|consider|"
    r"contemplating|tempted|trying|tried|urge|urges|urged|itching|longing|long|prefer|"
    r"rather|might|could|will|ill|would|id|should|gotta|deserve|imagining|picturing|"
    r"fantasi[sz]ing|obsessing|dreaming|dream|researching|figuring out|working out|"
    r"ideas? (?:of|about)|feel like|felt like|feeling like|cant stop thinking|keep thinking|"
    r"keeps thinking|decision|desire|impulse|temptation|choose|chose|chosen|determined)"
)

#: the narrower set for "die", "be dead", "not exist": "going to die" and "could die"
#: are said of fear and embarrassment, "want to die" and "wish I were dead" are not
WISH = (
    r"(?:want|wants|wanna|wanting|wish|wishing|need|needing|hope|hoping|pray|praying|ready|"
    r"should|prefer|longing|long|deserve|deserving|plan|planning|tempted|urge|urges)"
)

#: ending one's own life, said outright (any INTENT before it counts)
ENDING = (
    r"(?:kill(?:ing)? myself(?! laughing| for| tripping| on (?:the|this|that))|kms|"
    r"unalive(?: myself)?|unaliving(?: myself)?|sewer ?slide|"
    r"end(?:ing)? (?:it all|my life|my own life|everything|my existence|myself|"
    r"it once and for all|my suffering|it for good)|"
    r"end(?:ing)? (?:it|things)(?! (?:with|between|early|off|on|amicably|there|properly|"
    r"nicely|well|for (?:him|her|them|us)|up|at|by|before (?:it|they|things))\b)|"
    r"tak(?:e|ing) my (?:own )?life|commit(?:ting)? suicide|sui|ctb|"
    r"suicide(?! (?:prevention|awareness|loss|grief|bereavement|survivors?|helpline|hotline|"
    r"line|note|training|charity|walk|rates?|statistics|research|support|group|squad)\b)|"
    r"overdos(?:e|ing)|take an overdose|od(?= on| tonight| again| this| \.|$)|"
    r"(?:hang|drown|shoot|gas|poison|suffocate|stab)(?:ing)? myself|"
    r"(?:slit|slitting|cut|cutting|open|opening) my wrists|set(?:ting)? myself on fire|"
    r"bleed(?:ing)? out|throw(?:ing)? myself (?:off|in front|under|from)|"
    r"jump(?:ing)? (?:off|from) (?:the|a|my|that|this|our)(?: \w+){0,2} (?:bridge|roof|"
    r"building|cliff|balcony|car ?park|multi ?stor(?:e)?y|tower|block|window|ledge|top|"
    r"flats?)|"
    r"jump(?:ing)?(?= \.|$| tonight| now)|"
    r"(?:jump|jumping|step|stepping|walk|walking|lie|lying)(?: out)? in front of "
    r"(?:a|the|an|one|traffic)|"
    r"walk(?:ing)? into (?:the )?(?:sea|river|lake|ocean|traffic|water|waves)|"
    r"(?:drive|driving|crash|crashing|swerve|swerving|steer|steering)(?: my car| the car)? "
    r"(?:off (?:the|a) (?:road|bridge|cliff|edge)|into (?:a|the|an|oncoming)(?: \w+)? "
    r"(?:wall|tree|lorry|truck|river|sea|traffic|bridge|barrier|bus))|"
    r"(?:tak(?:e|ing)|swallow(?:ing)?) (?:all|everything|every (?:pill|tablet|last one)|"
    r"them all|all of them|the lot|the whole (?:bottle|box|packet|pack|lot)|"
    r"a whole (?:bottle|box|packet|pack))(?: (?:of )?(?:my |the |in the |in my )?"
    r"(?:\w+ ){0,2}?(?:pills|tablets|meds|medication|paracetamol|insulin|sertraline|"
    r"antidepressants|sleeping pills|painkillers|medicine cabinet|at once))?"
    r"(?! (?:on time|with (?:food|breakfast|lunch|dinner|water)|as prescribed|"
    r"this morning|in the morning|every (?:day|morning|night)|like)))"
)

#: not being alive, as a wish: only after WISH
NOT_ALIVE = (
    r"(?:die|dei|dye(?! (?:my|your|her|his|it|the))|be dead|not be alive|"
    r"(?:dont|not|never|didnt) wake up|didnt exist|wasnt (?:alive|here|born)|"
    r"not (?:exist|be here|be around|live|wake up|be born)|"
    r"stop (?:existing|living|breathing|being alive|waking up)|cease (?:to exist|existing)|"
    r"(?:just )?disappear (?:forever|for good|permanently|completely|and never come back|"
    r"off the face of the earth)|never wake up|go to sleep forever|sleep forever|"
    r"fall asleep forever|be gone(?: forever| for good)?|no longer (?:exist|be alive|be here)|"
    r"not be (?:alive|here|around|a burden) any ?more|be with (?:him|her|them) again)"
)

#: endings of "die" that make it a figure of speech or a wish about how, not whether
DIE_IDIOM = (
    r"(?! (?:of|from) (?:embarrassment|shame|cringe|laughing|laughter|boredom|happiness|"
    r"joy|excitement|envy|jealousy)| laughing| peacefully| at home| in my sleep|"
    r"(?: on| in) (?:this|that) hill| with dignity| when| for (?:a|an|some|my|the|it|this|"
    r"that)| happy| old| before| after| in (?:peace|a hospice|hospital)| my hair| it)"
)

#: the means, named (for "sitting here with the pills", "I know which bridge")
MEANS = (
    r"(?:pills|tablets|meds|medication|paracetamol|tylenol|insulin|sleeping pills|"
    r"painkillers|antidepressants|rope|noose|knife|knives|blade|blades|razor|razors|gun|"
    r"shotgun|bridge|tracks|railway|railway line|train|ledge|roof|balcony|cliff|car park|"
    r"carpark|multi ?stor(?:e)?y|belt|cord|ligature|bottle)"
)

#: when: a time that turns a thought into a plan
SOON = (
    r"(?:tonight|today|now|right now|this (?:evening|weekend|week|time|morning|afternoon)|"
    r"tomorrow|soon|later|after (?:this|everyone|work|my shift|the funeral)|"
    r"when (?:everyone|the house|my|the kids|they)|on (?:monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday|the \w+)|next (?:week|month)|before (?:my|the|christmas))"
)

#: someone other than the writer as the subject ("she says she wants to die")
OTHERS = (
    r"(?:he|she|they|hes|shes|theyre|theyve|theyd|hed|theyll|him|her|them|"
    r"someone|somebody|anyone|anybody|people|person|friend|friends|son|daughter|sister|"
    r"brother|mum|mom|mother|dad|father|husband|wife|partner|boyfriend|girlfriend|bf|gf|"
    r"kid|kids|child|children|teen|teenager|student|students|client|clients|patient|"
    r"patients|character|who|cousin|uncle|aunt|nan|gran|grandma|grandad|grandpa|"
    r"grandmother|grandfather|niece|nephew|colleague|flatmate|roommate|ex|sibling)"
)

#: the writer as the subject
ME = r"(?:i|im|ive|id|ill|me|myself|my)"

#: a joke said out loud
LAUGHTER = r"(?:lol|lmao|lmfao|rofl|haha\w*|hehe\w*|jk|jkjk|just kidding|joking|😂|🤣|😅|💀)"

#: everyday things a "can't do this any more" or "don't want to be here" is about
MUNDANE = (
    r"(?:work|job|commute|boss|shift|office|course|degree|uni|college|school|exam|exams|"
    r"diet|gym|noise|neighbou?rs?|landlord|flat|house|town|city|country|place|moving|move|"
    r"notice|quit|quitting|career|party|meeting|class|lecture|traffic|queue|weather|"
    r"relationship|marriage|team|company|project|homework|assignment|essay|upstairs|"
    r"downstairs|area|street|neighbourhood|neighborhood)"
)

#: an absence explained by something ordinary ("won't be around, exams")
ORDINARY_ABSENCE = (
    r"(?:appointment|holiday|vacation|trip|travel\w*|away|busy|exam|exams|moving|offline|"
    r"visit\w*|wedding|work|shift|hospital|surgery|operation|break|detox|camping|festival|"
    r"see you|back on|back in|catch up|family|retreat|honeymoon|abroad|signal|wifi|"
    r"internet|phone|course|conference|deadline|study\w*|revision|uni|college|school)"
)

#: celebration around "tonight's the night"
OCCASION = (
    r"(?:date|luck|excit\w*|finally tell|tell (?:my|the|our)|party|concert|game|match|"
    r"premiere|wedding|engage\w*|baby|celebrat\w*|show|gig|proposal|propose|first|birthday|"
    r"interview|results|launch|opening|dinner|meet|meeting|reveal)"
)

#: an injury by accident, not on purpose
ACCIDENT = (
    r"(?:shaving|chopping|cooking|kitchen|knife slipped|accident\w*|paper cut|tin|slicing|"
    r"bread|onions?|oven|tray|pan|iron|gardening|at the gym|lifting|tripped|fell|clumsy|"
    r"ice|bike|cycling|football|rugby|hiking|at work|dog|cat)"
)

#: the words of MEANS, for deciding quickly whether a draft names a means at all
MEANS_WORDS = (
    "pills tablets meds medication paracetamol tylenol insulin painkillers antidepressants "
    "rope noose knife knives blade blades razor razors gun shotgun bridge tracks railway "
    "train ledge roof balcony cliff park carpark multistorey multistory multi belt cord "
    "ligature bottle"
)

#: finality: something said as if for the last time ("for good", "don't try to find me")
FINALITY = (
    r"(?:for good|forever|for ever|dont (?:try to |come looking to )?(?:find|look for|search "
    r"for|come looking for) me|wont (?:be back|come back|be coming back)|not coming back|"
    r"(?:this|it|everything) (?:would|will|could) (?:all )?be over|stop being (?:here|alive|"
    r"around)|tell my \w+ (?:im sorry|i love (?:her|him|them|you)|i loved)|for whoever (?:needs|"
    r"finds) (?:it|them)|whoever finds (?:this|me)|after im gone|when im gone|once im gone)"
)

#: distress strong enough that finality next to it is a warning, not a holiday
DISTRESS = (
    r"(?:cant (?:any ?more|go on|cope|take (?:it|this|any more)|make it stop|do (?:it|this) any ?"
    r"more|keep going)|im done|ive decided|i decided|made (?:my|the) decision|"
    r"no (?:more )?reasons?|"
    r"run out of (?:reasons|hope|strength|options)|hopeless|a (?:drain|burden)|trapped|no way out|"
    r"every door|nobody (?:cares|would)|please dont|so sorry|tired of (?:everything|it all|"
    r"fighting|trying|living)|numb|worthless|hate myself|better off|nothing left|"
    r"(?:giving|gave|give) up(?! on (?:\w+ )?(?:apps?|dating|smoking|drinking|sugar|men|women|"
    r"social media|diets?|the diet|this diet)\b| (?:smoking|drinking|sugar|meat|caffeine|"
    r"alcohol|booze|chocolate)\b)|pain|alone|hurts? too much|unbearable|couldnt be (?:stronger|"
    r"better))"
)
