"""Crisis language in Spanish and German: each language's rules, picked by language.

Corpora: ``corpus/crisis_es.jsonl`` and ``crisis_de.jsonl`` are development sets
(tuned on); ``crisis_heldout_es.jsonl`` and ``crisis_heldout_de.jsonl`` were written
and committed before any Spanish or German rule existed and are never tuned on: only
their figures are read (these tests assert figures, never print sentences).
"""

from __future__ import annotations

import pytest

from peerhaven.safety import language as language_module
from peerhaven.safety.crisis import CrisisCategory, detect_crisis_language
from peerhaven.safety.crisis_detect import READINGS
from peerhaven.safety.crisis_text import canonical_text
from peerhaven.safety.language import (
    RULE_LANGUAGES,
    guess_language,
    language_name,
    reading_languages,
)
from peerhaven.safety.precheck import check_before_publish
from tests.safety.corpora import load


def fires(text: str, language: str) -> bool:
    return detect_crisis_language(text, language) is not None


@pytest.mark.parametrize(
    "text",
    [
        "me quiero morir, ya no puedo más",
        "Estoy pensando en suicidarme esta noche",
        "ya no quiero vivir",
        "soy una carga para mi familia, estarían mejor sin mí",
        "me he vuelto a cortar los brazos",
        "tengo ganas de hacerme daño",
        "kiero matarme",
        "esta es mi despedida, gracias por todo",
        "no veo otra salida que matarme",
        "no puedo parar de autolesionarme",
    ],
)
def test_typical_spanish_crisis_posts_fire(text: str) -> None:
    assert fires(text, "es")


@pytest.mark.parametrize(
    "text",
    [
        "me muero de risa con este vídeo jajaja",
        "me muero de hambre, ¿a qué hora cenamos?",
        "este trabajo me está matando",
        "me muero por verte el sábado",
        "me quiero morir de la vergüenza",
        "mi abuela murió la semana pasada y la echo de menos",
        "mi hermano se suicidó hace dos años",
        "mi amiga dice que quiere morirse, ¿cómo la ayudo?",
        "me corté el dedo cortando cebolla",
        "tomo mis pastillas todos los días a la misma hora",
        "no quiero morir, quiero que me ayuden",
        "no pienso suicidarme, solo estoy triste",
        "hace tres años intenté suicidarme y hoy estoy bien",
        "llevo un año sin autolesionarme",
        "adiós a todos, me voy de vacaciones",
        "no veo salida a la deuda con el banco",
    ],
)
def test_spanish_figures_of_speech_grief_and_recovery_do_not_fire(text: str) -> None:
    assert not fires(text, "es")


@pytest.mark.parametrize(
    "text",
    [
        "ich will nicht mehr leben",
        "Ich will mich umbringen.",
        "morgen bring ich mich um",
        "ich bin eine Last für alle, ohne mich wären sie besser dran",
        "ich hab mich heute wieder geritzt",
        "ich will mir weh tun",
        "ich würde gern einschlafen und nie wieder aufwachen",
        "das ist mein Abschied, danke für alles",
        "ich sehe keinen anderen Ausweg",
        "ich kann nicht aufhören, mich zu verletzen",
    ],
)
def test_typical_german_crisis_posts_fire(text: str) -> None:
    assert fires(text, "de")


@pytest.mark.parametrize(
    "text",
    [
        "ich sterbe vor Hunger, wann gibt es Essen",
        "ich lach mich tot über dieses Video",
        "dieser Job bringt mich langsam um",
        "mein Chef bringt mich um, wenn ich zu spät komme",
        "meine Oma ist letzte Woche gestorben",
        "mein Bruder hat sich vor zwei Jahren das Leben genommen",
        "meine Freundin sagt, sie will sterben. Wie helfe ich ihr?",
        "ich hab mich beim Zwiebelschneiden in den Finger geschnitten",
        "ich will nicht sterben, ich will, dass mir jemand hilft",
        "ich werde mich nicht umbringen, keine Sorge",
        "früher habe ich mich geritzt, jetzt bin ich seit 8 Monaten clean",
        "ich will sterben hahaha wie peinlich",
        "ich sehe keinen Ausweg aus den Schulden",
        "tschüss, ich bin im Urlaub",
    ],
)
def test_german_figures_of_speech_grief_and_recovery_do_not_fire(text: str) -> None:
    assert not fires(text, "de")


def test_accents_umlauts_and_sharp_s_are_folded() -> None:
    assert canonical_text("Más allá, MÜDE Straße") == "mas alla , muede strasse"
    assert fires("QUIERO MATARME", "es") and fires("quiero matarme", "es")
    assert fires("ich möchte tot sein", "de") and fires("ich moechte tot sein", "de")


def test_rules_are_picked_by_language_and_english_always_runs() -> None:
    assert reading_languages("es") == ("en", "es")
    assert reading_languages(None, "de") == ("en", "de")
    assert reading_languages("de", "es") == ("en", "de"), "the post's language wins"
    assert reading_languages("fr", "es") == ("en",), "no French rules yet: English only"
    assert not fires("quiero matarme", "en")
    assert not fires("quiero matarme", "de")
    assert fires("I want to end it all", "es")
    assert fires("I want to end it all", "de")


def test_the_signal_points_into_the_original_text() -> None:
    text = "Hoy… ¡ya no quiero vivir más!"
    signal = detect_crisis_language(text, "es")
    assert signal is not None
    assert signal.category is CrisisCategory.SUICIDAL
    assert text[signal.start : signal.end] == signal.phrase
    assert "quiero vivir" in signal.phrase


def test_precheck_reads_the_language_it_is_given() -> None:
    assert check_before_publish("me quiero suicidar", language="es").offers_crisis_support
    assert not check_before_publish("me quiero suicidar", language="en").offers_crisis_support


def _figures(name: str, language: str) -> tuple[float, float]:
    examples = load(name)
    positives = [e for e in examples if e["expect"]]
    negatives = [e for e in examples if not e["expect"]]
    recall = sum(fires(e["text"], language) for e in positives) / len(positives)
    alarms = sum(fires(e["text"], language) for e in negatives) / len(negatives)
    return recall, alarms


@pytest.mark.parametrize("language", ["es", "de"])
def test_held_out_figures_per_language(language: str) -> None:
    recall, alarms = _figures(f"crisis_heldout_{language}", language)
    # first measured after the rules were written: es 0.860 and 0/200, de 0.889 and 1/199;
    # now es 0.875 and 0/200, de 0.889 and 1/199
    assert recall >= 0.85
    assert alarms <= 0.01


@pytest.mark.parametrize("language", ["es", "de"])
def test_development_figures_per_language(language: str) -> None:
    recall, alarms = _figures(f"crisis_{language}", language)
    assert recall >= 0.95
    assert alarms <= 0.01


@pytest.mark.parametrize("language", ["en", "es", "de"])
def test_english_held_out_figures_do_not_drop_when_other_rules_run_too(language: str) -> None:
    recall, alarms = _figures("crisis_heldout", language)
    assert recall >= 182 / 197
    assert alarms == 0


@pytest.mark.parametrize("language", ["es", "de"])
def test_held_out_and_development_sets_share_no_line(language: str) -> None:
    held = {e["text"] for e in load(f"crisis_heldout_{language}")}
    development = {e["text"] for e in load(f"crisis_{language}")}
    assert not held & development
    labels = {e["label"] for e in load(f"crisis_heldout_{language}")}
    assert labels == {"explicit", "implicit", "trap", "recovered", "ordinary"}
    assert len(held) >= 390


def test_every_language_with_rules_has_a_reading() -> None:
    assert set(READINGS) == set(RULE_LANGUAGES)
    for code, reading in READINGS.items():
        assert reading.language == code and reading.rules


def test_language_names_fall_back_to_english_for_an_unknown_locale() -> None:
    assert language_name("es", "de") == "Spanisch"
    assert language_name("de", "xx") == "German"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("me quiero suicidar", "es"),
        ("kiero morir", "es"),
        ("no veo salida, estoy cansada de todo", "es"),
        ("ich will nicht mehr leben", "de"),
        ("es gibt keinen Ausweg für mich", "de"),
        ("I want to end it all tonight", None),
        ("my therapist says the meds need time", None),
        ("ok", None),
    ],
)
def test_a_post_that_plainly_reads_spanish_or_german_says_so(
    text: str, language: str | None
) -> None:
    assert guess_language(text) == language


def test_a_spanish_post_is_read_in_an_app_that_speaks_english(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(language_module, "current_language", lambda: "en")
    assert reading_languages(text="me quiero suicidar") == ("en", "es")
    assert detect_crisis_language("me quiero suicidar") is not None
    # a post whose language the caller knows is read in it, and in English
    assert reading_languages("en", text="me quiero suicidar") == ("en",)


@pytest.mark.parametrize("language", ["es", "de"])
def test_held_out_figures_in_an_app_that_speaks_english(
    monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    monkeypatch.setattr(language_module, "current_language", lambda: "en")
    examples = load(f"crisis_heldout_{language}")
    positives = [e for e in examples if e["expect"]]
    negatives = [e for e in examples if not e["expect"]]
    found = sum(detect_crisis_language(e["text"]) is not None for e in positives)
    alarms = sum(detect_crisis_language(e["text"]) is not None for e in negatives)
    assert found / len(positives) >= 0.80
    assert alarms / len(negatives) <= 0.01


def test_english_posts_are_rarely_taken_for_spanish_or_german() -> None:
    english = load("crisis") + load("crisis_heldout") + load("pii_holdout")
    guessed = sum(guess_language(e["text"]) is not None for e in english)
    assert guessed / len(english) <= 0.01
