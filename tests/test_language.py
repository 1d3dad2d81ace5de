"""Recognising Dutch and English, and keeping the conversation's language."""

import pytest

from actions.language import DUTCH, ENGLISH, detect, next_language, normalise_language, requested_language


@pytest.mark.parametrize(
    "text, language",
    [
        ("Hoe stel ik een actieplan op voor onze leverancier?", DUTCH),
        ("How do we draw up an action plan for our supplier?", ENGLISH),
        ("wat kunnen we doen aan kinderarbeid in Bangladesh", DUTCH),
        ("what can we do about child labour in bangladesh", ENGLISH),
        ("hoi", DUTCH),
        ("bedankt!", DUTCH),
        ("thanks a lot", ENGLISH),
        ("Wie moet er binnen ons bedrijf verantwoordelijk zijn?", DUTCH),
    ],
)
def test_clear_messages_are_recognised(text, language):
    assert detect(text).language == language


@pytest.mark.parametrize(
    "text", ["ok", "ja", "yes", "nee", "no", "Riverbank Knitwear", "2024", "NCP", "OECD", "👍", "", "/greet"]
)
def test_words_both_languages_use_decide_nothing(text):
    assert detect(text).language is None


@pytest.mark.parametrize(
    "text, language",
    [
        ("in English please", ENGLISH),
        ("graag in het Nederlands", DUTCH),
        ("kan het in het Engels?", ENGLISH),
        ("Can you answer in Dutch from now on?", DUTCH),
        ("Dutch please", DUTCH),
        ("Engels graag", ENGLISH),
        ("switch to English", ENGLISH),
        ("spreek je Nederlands?", DUTCH),
    ],
)
def test_explicit_requests_switch(text, language):
    assert requested_language(text) == language
    assert detect(text).explicit


@pytest.mark.parametrize(
    "text",
    [
        "We are a Dutch company with a supplier in India",
        "How do I contact the Dutch NCP?",
        "Our English customers ask about this",
        "is er een Nederlands contactpunt",
    ],
)
def test_mentioning_a_language_is_not_a_request(text):
    assert requested_language(text) is None


def test_slot_is_kept_on_ambiguous_answers():
    assert next_language(DUTCH, "ok") == DUTCH
    assert next_language(DUTCH, "yes") == DUTCH
    assert next_language(ENGLISH, "ja") == ENGLISH
    assert next_language(DUTCH, "Lotus Weaving") == DUTCH


def test_slot_follows_clear_evidence_and_requests():
    assert next_language(ENGLISH, "Wat is een convenant?") == DUTCH
    assert next_language(DUTCH, "What is a sector agreement?") == ENGLISH
    assert next_language(DUTCH, "in English please") == ENGLISH


def test_switch_intent_without_a_named_language_keeps_the_language():
    # "Nederland" (a country) can be mistaken for a switch request; never flip on it
    assert next_language(DUTCH, "Nederland") == DUTCH
    assert next_language(ENGLISH, "other language") == ENGLISH


def test_button_or_widget_choice_wins():
    assert next_language(ENGLISH, "/switch_language", entity_language="nl") == DUTCH


def test_channel_locale_is_used_when_message_does_not_decide():
    assert next_language(None, "ok", channel_hint="nl-NL") == DUTCH
    assert next_language(None, "ok", channel_hint="en-GB") == ENGLISH
    assert next_language(None, "ok") == ENGLISH
    assert next_language(ENGLISH, "ok", channel_hint="nl-NL") == ENGLISH


@pytest.mark.parametrize(
    "value, expected",
    [("nl-NL", DUTCH), ("en_US", ENGLISH), ("Dutch", DUTCH), ("fr-FR", None), (None, None), (3, None)],
)
def test_locale_normalisation(value, expected):
    assert normalise_language(value) == expected
