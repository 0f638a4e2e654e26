"""Crisis rules and reading for Spanish, after the same warning signs as the English ones.

They read the canonical text (accents dropped) with the lists of
``crisis_lexicon_es`` and answer ``crisis_detect``'s questions (negated? someone
else? told in the past? a joke?) with Spanish words: "no", "nunca", "sin"; "hace tres
años", "antes", "de adolescente"; "jajaja". Figures of speech ("me muero de risa",
"me muero por verte", "este trabajo me está matando") never match a rule, because the
rules name the first person's wish ("me quiero morir", "quiero matarme") and refuse
"de" and "por" after dying.
"""

from __future__ import annotations

import re

from peerhaven.safety.crisis_lexicon_es import (
    DYING,
    ENDING,
    GAP,
    LAUGHTER,
    ME,
    MEANS,
    OTHERS,
    SOON,
    WISH,
    WISH_DIE,
)
from peerhaven.safety.crisis_rule import CrisisCategory, Reading, Rule, rule

_D = CrisisCategory.IMMEDIATE_DANGER
_S = CrisisCategory.SUICIDAL
_H = CrisisCategory.SELF_HARM

_ENDING_WORDS = (
    "suicidarme suicidar suicido matarme mato matar quitarme quito quitar acabar terminar "
    "fin colgarme colgar ahorcarme ahorcar ahorco venas desvivirme desvivir tirarme tirar medio "
    "tomarmelas "
    "lanzarme lanzar arrojarme saltar tomarme meterme"
)
_DYING_WORDS = (
    "morir morirme muriera morirm muerto muerta existir vivir despertar desaparecer irme ir "
    "dormir dormirme descansar sufrir"
)
_HARM_OBJECTS = (
    r"(?:pelo|flequillo|dedo|cebolla|papel|afeit\w*|cocin\w*|plancha|cafe|lengua|"
    r"cena|horno|barba|unas|pan|sarten|aceite)"
)

SPANISH_RULES: tuple[Rule, ...] = (
    # immediate danger: the means taken or at hand, a place, a time
    rule(
        _D,
        "method",
        "tomado tome tomo",
        r"\b(?:me he tomado|me tome|me acabo de tomar|he tomado|me tomo) (?:todas? (?:las|mis)|"
        r"un bote|el bote|una caja|toda la caja|el blister|todo el blister)\b",
    ),
    rule(
        _D,
        "preparation",
        "tengo cuerda soga pastillas cuchillas cuchilla cuchillo navaja",
        rf"\b(?:ya )?tengo (?:guardad[oa]s )?(?:la|las|el|los|unas?) {MEANS}\b",
        near=r"\b(?:aqui|en la mano|guardad[oa]s?|preparad[oa]s?|contadas|armario|cajon|"
        r"listas?|para (?:acabar|tomarme|matarme|hacerlo)|otra vez)\b",
        window=60,
    ),
    rule(
        _D,
        "preparation",
        "cajon cuchillas pastillas",
        rf"\b{MEANS} (?:estan|esta) en el cajon\b",
        near=r"\bno dejo de pensar\b",
        window=60,
    ),
    rule(
        _D,
        "preparation",
        "estoy",
        r"\bestoy en (?:la azotea|el borde|el puente|las vias|lo alto)\b",
    ),
    rule(_D, "plan", _ENDING_WORDS, rf"\b{WISH}{GAP} {ENDING}\b", near=rf"\b{SOON}\b", window=50),
    rule(
        _D,
        "method",
        "buscado busco buscando investigado investigando",
        r"\b(?:he buscado|busco|buscando|he investigado|investigando|mirando)\b",
        near=r"\b(?:pastillas hacen falta|dosis letal|forma (?:menos dolorosa |mas facil )?de "
        r"morir|metodos? para|como (?:matarme|suicidarme|morir))\b",
        window=80,
    ),
    rule(
        _D,
        "preparation",
        "comprado",
        r"\bhe comprado (?:pastillas|una cuerda|cuchillas)\b",
        near=rf"\b(?:{ENDING}|hacerlo)\b",
        window=60,
    ),
    # suicidal ideation
    rule(_S, "ideation", _ENDING_WORDS, rf"\b{WISH}{GAP} {ENDING}\b"),
    rule(
        _S,
        "ideation",
        "mato matar suicido quito",
        r"\b(?:me|m) (?:voy a |quiero |kiero )?(?:mato|matar|suicido|suicidar|"
        r"quito la vida)\b(?! a\b)",
    ),
    rule(_S, "ideation", _DYING_WORDS, rf"\b(?:me |m )?{WISH_DIE}{GAP} {DYING}"),
    rule(
        _S,
        "ideation",
        "muriera muerto muerta",
        r"\b(?:ojala|quisiera|preferiria|prefiero|desearia|merezco)(?: \w+){0,2}? "
        r"(?:me muriera|estar muert[oa]|estuviera muert[oa])\b",
    ),
    rule(
        _S,
        "ideation",
        "vivir viviendo vivo viva existir despertar aqui vida mundo",
        r"\b(?:ya )?no (?:quiero|kiero|deseo|tengo ganas de) (?:seguir )?(?:vivir|viviendo|"
        r"estar viv[oa]|existir|despertar|seguir aqui|seguir con vida|estar aqui|vivir mas|"
        r"(?:estar|seguir) en este mundo)\b",
    ),
    rule(
        _S,
        "ideation",
        "ganas vivir",
        r"\b(?:perdi|he perdido|no tengo|sin) (?:las )?ganas de vivir\b",
    ),
    rule(
        _S,
        "ideation",
        "suicidas suicida suicidio",
        r"\b(?:pensamientos|ideas|ideacion) (?:suicidas|de suicidio|de matarme)\b|"
        r"\b(?:me siento|estoy|sigo|me noto)(?: muy)? suicida\b|"
        r"\b(?:pienso|pensando|pensar|pense|he pensado)(?: \w+){0,2} en (?:el )?suicidio\b",
    ),
    rule(_S, "indirect", "salida", r"\bno veo otra salida que (?:matarme|suicidarme|morir\w*)\b"),
    rule(
        _S,
        "ideation",
        "despertar despertara despierto",
        r"\b(?:dormir(?:me)?|acostarme) y no (?:volver a )?despertar\b|"
        r"\b(?:ojala|quisiera|me gustaria) no (?:despertar|despertara)\b|"
        r"\bsi (?:manana )?no despierto\b",
    ),
    rule(
        _S,
        "indirect",
        "atropellara accidente morir",
        r"\bojala (?:me )?(?:atropellara|tuviera un accidente)\b|\bme da igual morir\b",
    ),
    # burden
    rule(
        _S,
        "burden",
        "carga estorbo peso lastre",
        r"\b(?:soy|me siento) (?:una|un) (?:carga|estorbo|peso muerto|lastre)\b|"
        r"\bun peso muerto para\b",
    ),
    rule(
        _S,
        "burden",
        "mejor felices",
        r"\b(?:estarian|estaria|vivirian|iria)(?: \w+){0,2}? (?:mejor|mas felices) sin mi\b|"
        r"\b(?:mejor|mas felices) si yo no (?:estuviera|existiera)\b|\bsin mi estarian\b|"
        r"\bmundo estaria mejor sin mi\b",
    ),
    rule(
        _S,
        "burden",
        "nadie notaria favor librarian desaparezco",
        r"\bnadie (?:me )?(?:echaria de menos|notaria|extranaria)\b|"
        r"\bsi me (?:muero|muriera|fuera) nadie\b|\bse librarian de mi\b|"
        r"\bles haria un favor\b|\bque mas da si (?:desaparezco|me muero)\b|"
        r"\bestarian mejor sin mi\b",
    ),
    # goodbyes
    rule(
        _S,
        "goodbye",
        "despedida adios ultima ultimo",
        r"\b(?:esta es|esto es) (?:mi|una|un) (?:despedida|adios|ultima (?:publicacion|noche))\b|"
        r"\bultim[oa] (?:mensaje|publicacion|post)\b|"
        r"\bgracias por todo,? (?:esto es )?(?:un )?adios\b",
        unless=r"\b(?:vacaciones|viaje|mudo|mudanza|dormir|hasta (?:manana|luego|pronto))\b",
    ),
    rule(
        _S,
        "goodbye",
        "adios",
        r"\badios a todos\b",
        unless=r"\b(?:vacaciones|viaje|mudo|mudanza|dormir|hasta|grupo)\b",
    ),
    rule(
        _S,
        "goodbye",
        "estare estar este",
        r"\b(?:ya|manana|pronto) (?:ya )?no (?:estare|voy a estar)(?: aqui)?\b(?! (?:en|los|las|"
        r"el|la|"
        r"este|esta|mucho por)\b)|"
        r"\bcuando (?:leais|leas|lean) esto (?:ya )?no (?:estare|estoy)\b|"
        r"\bno voy a estar (?:aqui )?mucho (?:mas )?tiempo\b|"
        r"\bcuando (?:ya )?no este\b|\bcuando me vaya,? que nadie\b|"
        r"\bporque no voy a estar\b(?! (?:en|los|el))",
    ),
    rule(
        _S,
        "goodbye",
        "irme siempre despidiendo despedi",
        r"\bantes de irme para siempre\b|\bme voy para siempre\b|"
        r"\bme estoy despidiendo de todos\b|\bme despedi de(?: \w+){1,2} sin que\b",
    ),
    rule(
        _S,
        "goodbye",
        "regalado regale dado dejado",
        r"\b(?:he regalado|regale|he dado|le he dejado|deje|he dejado)\b",
        near=r"\bya no (?:las|los|la|lo) voy a necesitar\b|\bno voy a estar\b",
        window=60,
    ),
    rule(
        _S,
        "goodbye",
        "carta cartas",
        r"\b(?:he dejado|he escrito|escribi|deje|ya he escrito) (?:una |"
        r"las )?cartas? (?:de despedida|en el "
        r"cajon|para (?:mi familia|cuando))\b",
    ),
    rule(
        _S,
        "goodbye",
        "perdonadme culpa culpable llore",
        r"\bperdonadme(?: todos| por lo que voy a hacer)\b|"
        r"\bno fue culpa (?:vuestra|tuya|de nadie)\b|\bnadie se sienta culpable cuando\b",
    ),
    rule(
        _S,
        "preparation",
        "testamento preparado listo ordenando cancelado",
        r"\bhe hecho (?:el )?testamento\b|\btengo todo preparado para irme\b|"
        r"\blo tengo todo (?:preparado|pensado)\b|\bordenando mis cosas para que no\b|"
        r"\bhe cancelado(?: \w+){1,6} porque no voy a estar\b",
    ),
    # hopelessness, feeling trapped, unbearable pain
    rule(
        _S,
        "hopelessness",
        "salida",
        r"\bno (?:hay|veo|encuentro) (?:otra |ninguna )?salida\b(?! (?:a|al|de|con|en|"
        r"para (?:la|el|esto|este|esta))\b)",
    ),
    rule(
        _S,
        "hopelessness",
        "motivo razon sentido",
        r"\bno (?:hay|tengo|encuentro|veo) (?:ningun |ninguna )?(?:motivo|razon|sentido)"
        r"(?: para| por el que| por la que)? (?:seguir|vivir)\b|"
        r"\bno me queda nada por lo que vivir\b|"
        r"\b(?:la|mi) vida no tiene (?:ningun )?sentido\b|\bnada tiene sentido\b|"
        r"\bno (?:le )?(?:veo|encuentro) sentido a (?:la vida|nada|vivir|seguir)\b",
    ),
    rule(
        _S,
        "hopelessness",
        "futuro mejorar esperanza fin merezco",
        r"\bno hay futuro para mi\b|\bnunca va a mejorar\b|"
        r"\b(?:he perdido|perdi) la esperanza\b|\b(?:ya )?no tengo esperanza\b|"
        r"\bes el fin para mi\b|\bno merezco vivir\b|\bmerezco morir\b",
    ),
    rule(
        _S,
        "trapped",
        "atrapada atrapado",
        r"\b(?:me siento|estoy) atrapad[oa]\b",
        near=r"\b(?:salida|morir\w*|vivir)\b",
        window=60,
        unless=r"\b(?:trabajo|trafico|relacion|atasco)\b",
    ),
    rule(
        _S,
        "unbearable-pain",
        "puedo aguanto soporto",
        r"\bno (?:puedo|aguanto|soporto) mas\b",
        near=rf"\b(?:{DYING}|matarme|irme|acabar|vivir|dolor|desaparecer)",
        window=60,
    ),
    rule(
        _S,
        "unbearable-pain",
        "soporto aguanto duele fuerzas sufrir",
        r"\bno (?:soporto|aguanto) (?:vivir|la vida|mas la vida|un dia mas)\b|\bvivir me duele\b|"
        r"\bno (?:puedo|podre) soportar un dia mas\b|"
        r"\bno tengo fuerzas para seguir viviendo\b|"
        r"\bquiero dejar de sufrir(?: para siempre)?(?= *(?:\.|,|\?|$))",
    ),
    rule(
        _S,
        "unbearable-pain",
        "acabe termine pare",
        r"\bquiero que (?:todo )?(?:se acabe|termine|acabe|pare el dolor)(?: todo| ya){0,2}\b"
        r"(?= *(?:\.|,|\?|$))",
    ),
    rule(
        _S,
        "unbearable-pain",
        "agotada agotado cansada cansado harta harto",
        r"\bestoy (?:agotad[oa]|cansad[oa]|hart[oa]) de (?:vivir|luchar|esta vida|la vida)\b",
    ),
    # intent said obliquely
    rule(
        _S,
        "intent",
        "miedo tonteria locura respondo llegare aguante acaba noche horas",
        r"\btengo miedo de (?:lo que (?:pueda|vaya a) hacer(?:me)?|hacerme algo|hacerme dano)\b|"
        r"\bhacer una (?:tonteria|locura)\b(?=.{0,40}\b(?:esta noche|hoy|cuchillo|pastillas)\b)|"
        r"\bno respondo de mi\b|\bno se si (?:llegare|llegue) a manana\b|"
        r"\bno creo que (?:aguante|llegue) (?:hasta|a)\b|\besta noche se acaba todo\b|"
        r"\b(?:esta sera|sera) mi ultima noche\b|\bmi ultima noche\b|\bme quedan pocas horas\b",
    ),
    rule(
        _S,
        "method",
        "tren vias puente saltando",
        r"\b(?:he pensado|pienso|pensado|pense) en (?:el tren|las vias|el puente)\b|"
        r"\bme veo saltando\b|\bhe mirado el puente\b",
    ),
    # self-harm
    rule(
        _H,
        "self-harm",
        "cortarme dano cortes autolesionarme quemarme algo",
        rf"\b{WISH}{GAP} (?:cortarme|hacerme (?:dano|cortes|algo)|autolesionarme|quemarme)\b",
    ),
    rule(
        _H,
        "self-harm",
        "cortado corte cortarme corto cortar quemar quemado queme autolesionado autolesionarme "
        "autolesiono autolesionar hecho hice hago hacer golpeo arano",
        r"\b(?:me he|me|volvi a|he vuelto a|me he vuelto a|me vuelvo a|vuelvo a)(?: \w+)? "
        r"(?:cortado|corte|cortarme|corto|cortar|quemar|quemado|queme|autolesionado|"
        r"autolesionarme|autolesiono|autolesionar|hecho dano|hecho cortes|hice dano|"
        r"hice cortes|hago dano|hago cortes|hacer dano|hacer cortes|golpeo|arano)\b",
        near=r"\b(?:brazos?|piernas?|munecas?|otra vez|de nuevo|a proposito|para sentir|"
        r"sangr\w*|cuchillas?|mechero|pared|volvi|vuelto|no puedo parar|hoy|anoche)\b",
        window=60,
        unless=rf"\b{_HARM_OBJECTS}\b",
    ),
    rule(
        _H,
        "self-harm",
        "autolesionarme autolesiono autolesionando autolesionandome",
        r"\b(?:autolesionarme|me autolesiono|me estoy autolesionando|autolesionandome)\b",
    ),
    rule(_H, "self-harm", "cortes", r"\b(?:hacerme|me hago|me he hecho|me hice) cortes\b"),
    # round 2, from the third development batch
    rule(
        _S, "hopelessness", "para rindo solucion", r"\bpara que seguir\b|\bme rindo para siempre\b"
    ),
    rule(
        _S,
        "burden",
        "nadie echar echaria problema",
        r"\bnadie me (?:va a )?(?:echar|echaria|echara|extranar|extranaria) de menos\b|"
        r"\bdejar de ser (?:un problema|una carga|un estorbo)\b",
    ),
    rule(
        _S,
        "burden",
        "merece merecen",
        r"\bmerecen? (?:a )?alguien mejor que yo\b",
        near=r"\b(?:me voy|irme|desaparecer)\b",
        window=40,
    ),
    rule(
        _S,
        "goodbye",
        "despedido",
        r"\b(?:ya )?me he despedido de (?:mis|todos|mi|toda)\b",
        unless=r"\b(?:porque|trabajo|vacaciones|mudo|mudanza|turno|viaje)\b",
    ),
    rule(
        _S,
        "goodbye",
        "preocuparos preocuparse preocuparte",
        r"\bya no (?:tendreis|tendran|tendras) que preocupar\w* por mi\b",
    ),
    rule(
        _S,
        "preparation",
        "testamento",
        r"\b(?:he escrito|escribi|he hecho|hice) (?:mi |el )?testamento\b",
    ),
    rule(
        _S,
        "intent",
        "vivo viva",
        r"\bcuanto (?:mas|tiempo)(?: \w+){0,2} (?:aguantar|seguir|estar) viv[oa]\b",
    ),
    rule(
        _H,
        "self-harm",
        "quemando quemo",
        r"\bme (?:he estado |estoy )?(?:quemando|quemo)\b",
        near=r"\b(?:cigarr\w*|mechero|a proposito|brazos?|piel|piernas?)\b",
        window=40,
        unless=rf"\b{_HARM_OBJECTS}\b",
    ),
)

_NEGATED = re.compile(
    r"\b(?:no(?! (?:puedo (?:parar|dejar|mas)|aguanto|soporto|se|paro)\b)|nunca|jamas|"
    r"tampoco|ni|sin|pregunt\w* si|dije que no)(?: \w+){0,4} $"
)
_PAST = re.compile(
    r"(?<!desde )\bhace (?:\w+ ){0,2}(?:anos|ano|meses|mes|semanas)\b|\bantes\b(?! (?:que|de)\b)|"
    r"\bde (?:adolescente|joven|nin[oa]|pequen[oa])\b|\bcuando (?:tenia|era)\b|"
    r"\ben el pasado\b|\ben (?:19|20)\d\d\b|\bllevo(?: \w+){1,2} (?:sin|limpi[oa])\b|"
    r"\b(?:sobrevivi|supere|superviviente|he superado)\b|\bel ano pasado\b|"
    r"\ben mi peor (?:momento|epoca)\b|\bque ya paso\b|\blejos queda\b|\brecuerdo cuando\b|"
    r"\b(?:anos|meses|dias) (?:limpi[oa]|sin)\b"
)
_NOW = re.compile(
    r"\b(?:otra vez|de nuevo|esta noche|ahora mismo|todavia|sigo|siguen|vuelven|han vuelto|"
    r"ha vuelto|volvi a|he vuelto a|recaida)\b"
)
_ME = re.compile(rf"^{ME}$")
_OTHERS = re.compile(rf"^{OTHERS}$")

SPANISH = Reading(
    language="es",
    rules=SPANISH_RULES,
    clause_break=re.compile(
        r"[.?;]|\bpero\b|, y\b|\by ahora\b|\by hoy\b|\baunque\b|\bsin embargo\b"
    ),
    negated=_NEGATED,
    past=_PAST,
    now=_NOW,
    hyperbole=re.compile(
        r"\b(?:morir(?:me)?|muero|muriendo|mato|matar(?:me)?) de (?:risa|hambre|sed|frio|calor|"
        r"sueno|verguenza|la verguenza|ganas|aburrimiento|miedo|cansancio|pena|asco)\b"
    ),
    laughing=re.compile(rf"(?:^|\s){LAUGHTER}(?:\s|$)"),
    media=re.compile(
        r"\b(?:serie|pelicula|peli|libro|novela|documental|cancion|letra|poema|articulo|podcast|"
        r"personaje|capitulo|obra|noticias|curso|charla|campana|marcha|prevencion)\b"
    ),
    about_me=re.compile(r"\b(?:me|mi|yo|matarme|suicidarme|morirme)\b"),
    coped=re.compile(
        r"\b(?:se me paso|se paso|se me fue|aguante|resisti|llame a (?:mi|una|un|la)|hable con|"
        r"sali a|me di una ducha|use el hielo|hielo|me distraje|en lugar de|en vez de)\b"
    ),
    me=_ME,
    others=_OTHERS,
    other_subject_inside=re.compile(r"\b(?:ella|ellos|ellas|alguien|quien)\b"),
)
