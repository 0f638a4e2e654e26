"""Spanish word lists for the crisis rules, in canonical spelling (see ``crisis_text``).

Canonical Spanish has no accents ("mas", "estaria", "despedida"), so each word is
written once. Spanish marks the person on the verb: "quiero" is the writer, "quiere"
someone else, and "matarme" the writer's own death where "matarse" is another's. The
lists name first-person forms only, which does much of what the English rules do with
subjects; the forms of the imperfect ("me cortaba", "quería morir") are left out on
purpose, as they are how recovery is told.
"""

from __future__ import annotations

#: up to four words between two parts, never a negation ("quiero no morir" is not a wish)
GAP = r"(?: (?!(?:no|nunca|jamas|tampoco|ni|sin)\b)\w+){0,4}?"

#: wanting, deciding, being about to, or unable to stop thinking of it (first person)
WISH = (
    r"(?:quiero|kiero|kero|qiero|quisiera|deseo|desearia|ojala|ganas de|necesito|tengo que|"
    r"voy a|vamos a|pienso|pensando en|pensado en|pense en|planeo|planeando|he decidido|decidi|"
    r"decidido|list[oa] para|preparad[oa] para|a punto de|prefiero|preferiria|me gustaria|"
    r"intentar|intento|no puedo dejar de pensar en|solo pienso en|creo que voy a|para|"
    r"siento que me voy a|puedo|podria|mejor|planteando|plantearme|me planteo|queriendo|"
    r"decidid[oa] a|pensar en|no paro de pensar en)"
)

#: the narrower set before dying: "voy a morir" and "puedo morir" are said of fear
WISH_DIE = (
    r"(?:quiero|kiero|kero|qiero|quisiera|deseo|desearia|ojala|ganas de|necesito|prefiero|"
    r"preferiria|me gustaria|solo pienso en|no puedo dejar de pensar en|list[oa] para|"
    r"preparad[oa] para|merezco|queriendo)"
)

#: ending one's own life, said outright (first-person forms); "el" is left out of the
#: others below: without accents the article and "él" are one word
ENDING = (
    r"(?:suicidarme|suicidar|me suicido|matarme|me mato|matar(?! a\b)|quitarme la vida|"
    r"me quito la vida|quitar la vida|acabar con (?:mi vida|todo|mi existencia|mi sufrimiento)|"
    r"terminar (?:con )?(?:mi vida|con todo)|quitarme de en medio|"
    r"poner fin a (?:mi vida|todo)|colgarme|colgar|"
    r"ahorcarme|ahorcar|me ahorco|cortarme las venas|cortar las venas|desvivirme|desvivir|"
    r"(?:tirarme|tirar|lanzarme|lanzar|arrojarme|saltar)(?: \w+){0,3}? (?:del|desde|por|de|a|al|"
    r"a las|delante de|bajo)(?: \w+){0,2} (?:puente|ventana|balcon|azotea|tejado|edificio|"
    r"vias|tren|metro|coche|camion|autopista|acantilado|precipicio)|"
    r"tomarme(?:las)? (?:todas|todo|un bote|el bote|toda la caja|una caja|el blister|todo el)"
    r"(?: \w+){0,3}|meterme al mar y no)"
)

#: dying or not being alive, as a wish (never "morir de risa", "morir por verte")
DYING = (
    r"(?:morir(?:me)?|morirme|muriera|morirm|estar muert[oa]|estuviera muert[oa]|"
    r"dejar de existir|dejar de vivir|no despertar|desaparecer (?:para siempre|del mundo|de este "
    r"mundo|y no volver)|(?:irme|ir) (?:para siempre|de este mundo|y no volver)|dormir(?:me)? para "
    r"siempre|descansar para siempre|dejar de sufrir para siempre)(?! (?:de|del|por|en la)\b)"
)

#: soon: what makes a plan a danger now
SOON = (
    r"(?:esta noche|hoy|ahora|ahora mismo|ya|manana|este fin de semana|el (?:lunes|martes|"
    r"miercoles|jueves|viernes|sabado|domingo)|cuando salga|en un rato|dentro de poco|pronto)"
)

#: means kept at hand
MEANS = r"(?:cuerda|soga|pastillas|cuchillas?|cuchillo|navaja|veneno|pistola|arma)"

ME = r"(?:yo|me|mi|mis|m|conmigo)"

OTHERS = (
    r"(?:ella|ellos|ellas|alguien|amig[oa]s?|hij[oa]s?|herman[oa]s?|madre|mama|padre|papa|"
    r"pareja|marido|mujer|novi[oa]|abuel[oa]|ti[oa]|prim[oa]|sobrin[oa]|companer[oa]|"
    r"paciente|personaje|protagonista|quien)"
)

LAUGHTER = r"(?:ja(?:ja)+\w*|je(?:je)+\w*|jsjs\w*|xd+|lol|lmao|😂|🤣|😅|💀)"
