"""Recognising Dutch and English, and keeping the conversation's language."""

import pytest

from actions.language import (
    DUTCH,
    ENGLISH,
    detect,
    language_code,
    next_language,
    normalise_language,
    pick,
    requested_language,
)
from tests.project import ROOT


@pytest.fixture(scope="module")
def lexicon():
    """The word lists as training builds them into the model, from the project's training data."""
    from rasa.shared.nlu.training_data.loading import load_data

    from components.language_detector import lexicon_from

    return lexicon_from(load_data(str(ROOT / "data" / "nlu")))


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
def test_clear_messages_are_recognised(text, language, lexicon):
    assert detect(text, lexicon).language == language


@pytest.mark.parametrize(
    "text", ["ok", "ja", "yes", "nee", "no", "Riverbank Knitwear", "2024", "NCP", "OECD", "👍", "", "/greet"]
)
def test_words_both_languages_use_decide_nothing(text, lexicon):
    assert detect(text, lexicon).language is None


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
def test_explicit_requests_switch(text, language, lexicon):
    assert requested_language(text) == language
    assert detect(text, lexicon).explicit


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


def test_slot_is_kept_on_ambiguous_answers(lexicon):
    assert next_language(DUTCH, detect("ok", lexicon)) == DUTCH
    assert next_language(DUTCH, detect("yes", lexicon)) == DUTCH
    assert next_language(ENGLISH, detect("ja", lexicon)) == ENGLISH
    assert next_language(DUTCH, detect("Lotus Weaving", lexicon)) == DUTCH


def test_slot_follows_clear_evidence_and_requests(lexicon):
    assert next_language(ENGLISH, detect("Wat is een convenant?", lexicon)) == DUTCH
    assert next_language(DUTCH, detect("What is a sector agreement?", lexicon)) == ENGLISH
    assert next_language(DUTCH, detect("in English please", lexicon)) == ENGLISH


def test_switch_intent_without_a_named_language_keeps_the_language(lexicon):
    # "Nederland" (a country) can be mistaken for a switch request; never flip on it
    assert next_language(DUTCH, detect("Nederland", lexicon)) == DUTCH
    assert next_language(ENGLISH, detect("other language", lexicon)) == ENGLISH


def test_button_or_widget_choice_wins(lexicon):
    assert next_language(ENGLISH, detect("/switch_language", lexicon), entity_language="nl") == DUTCH


def test_channel_locale_is_used_when_message_does_not_decide(lexicon):
    assert next_language(None, detect("ok", lexicon), channel_hint="nl-NL") == DUTCH
    assert next_language(None, detect("ok", lexicon), channel_hint="en-GB") == ENGLISH
    assert next_language(None, detect("ok", lexicon)) == ENGLISH
    assert next_language(ENGLISH, detect("ok", lexicon), channel_hint="nl-NL") == ENGLISH


@pytest.mark.parametrize(
    "value, expected",
    [("nl-NL", DUTCH), ("en_US", ENGLISH), ("Dutch", DUTCH), ("fr-FR", None), (None, None), (3, None)],
)
def test_locale_normalisation(value, expected):
    assert normalise_language(value) == expected


def test_message_without_detection_keeps_the_conversation_language():
    # e.g. a model trained without the LanguageDetector, or a message injected with its own parse data
    assert next_language(DUTCH, None) == DUTCH
    assert next_language(None, None, channel_hint="nl-BE") == DUTCH


@pytest.mark.parametrize("slot, expected", [("nl", DUTCH), ("en", ENGLISH), (None, ENGLISH), ("fr", ENGLISH)])
def test_one_helper_picks_the_variant(slot, expected):
    assert language_code(slot) == expected
    assert pick(slot, "Nederlands", "English") == ("Nederlands" if expected == DUTCH else "English")


def test_every_training_example_is_marked_with_its_folder_language(lexicon):
    """Without the metadata the lexicon would silently lose a language's words."""
    import yaml

    for language in (DUTCH, ENGLISH):
        for path in sorted((ROOT / "data" / "nlu" / language).glob("*.yml")):
            for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
                if "intent" in block:
                    assert (block.get("metadata") or {}).get("language") == language, f"{path}: {block['intent']}"
    assert len(lexicon.dutch_only) > 500 and len(lexicon.english_only) > 500


# --- every text the bot says is in the language it is meant for --------------------------------

# Texts with too few words of either language for the detector to decide (frames of names, links
# and numbers, single words, proper names). They are only checked not to look like the other language.
TOO_SHORT_TO_DECIDE = {
    "domain/advice.yml utter_country_context nl",  # "Landcontext – {country}:"
    "wording.yml unknown nl",
    "wording.yml unknown en",
    "wording.yml tier_labels.2 nl",
    "wording.yml tier_labels.3 nl",
    "wording.yml tier_labels.3 en",
    "wording.yml leverage_facts.tier nl",
    "wording.yml leverage_facts.tier en",
    "wording.yml ncp_roles.asked nl",  # "NCP van {country}"
    "wording.yml ncp_roles.asked en",
    "wording.yml or_join nl",  # " of "
    "wording.yml or_join en",
    "wording.yml route_line nl",  # "• {name}{since} – {website}"
    "wording.yml route_line en",
    "wording.yml rating nl",  # " (ITUC Global Rights Index {year}: score {value} van 5+)"
    "wording.yml scheme_line nl",
    "wording.yml scheme_line en",
    "wording.yml source_line nl",
    "wording.yml source_line en",
    "wording.yml source_labels.ituc nl",  # "{name}"
    "wording.yml source_labels.ituc en",
    "wording.yml source_labels.union_law nl",  # "Vakbondswetgeving {country}"
    "wording.yml source_labels.scheme nl",
    "wording.yml source_labels.scheme en",
    "wording.yml source_labels.agreement nl",
    "wording.yml source_labels.agreement en",
    "wording.yml source_labels.ncp nl",
    "wording.yml source_labels.ncp en",
    "wording.yml source_labels.government nl",
    "wording.yml source_labels.government en",
    "wording.yml ncp_line nl",
    "wording.yml ncp_line en",
    "wording.yml ncp_email nl",
    "wording.yml ncp_email en",
    "wording.yml government_line nl",
    "wording.yml government_line en",
    "wording.yml funding_names.development_finance nl",  # "ontwikkelingsfinanciering"
    "wording.yml list_filter_country nl",
    "wording.yml list_filter_country en",
    "wording.yml notes_as_entered en",  # the record's notes, quoted
    "wording.yml notes_as_entered nl",
    "wording.yml short_notes nl",
    "wording.yml list_filter_sector nl",
    "wording.yml list_filter_sector en",
    "wording.yml list_detail nl",
    "wording.yml gap_line nl",
    "wording.yml gap_line en",
    "wording.yml list_detail en",
    "wording.yml list_line nl",
    "wording.yml list_line en",
    "wording.yml supplier_button nl",
    "wording.yml supplier_button en",
    "domain/advice.yml utter_topic_for_supplier en",  # "For {supplier}:"
    "wording.yml tier_labels.4 en",  # "relevant"
    "wording.yml scheme_kinds.MSI nl",  # "multistakeholderinitiatief"
    "wording.yml scheme_kinds.audit programme nl",  # "auditprogramma"
    "wording.yml record_fields.country nl",  # "land"
    "wording.yml record_line nl",
    "wording.yml record_line en",
    "wording.yml record_values.share nl",
    "wording.yml record_values.share en",
    "wording.yml leverage_levels.medium nl",
    "wording.yml leverage_levels.medium en",
    "wording.yml leverage_levels.low nl",
    "wording.yml leverage_levels.unknown nl",
    "wording.yml leverage_levels.unknown en",
    "wording.yml rank_line en",
    "wording.yml risk_with_tier nl",
    "wording.yml risk_with_tier en",
    "wording.yml short_risk_line nl",  # "• {name} ({tier_label}): {measure}"
    "wording.yml short_risk_line en",
    "wording.yml short_leverage en",  # "Leverage: {level} ({facts}) – {verdict}"
    "wording.yml short_buttons.leverage en",  # "Leverage"
    "wording.yml short_buttons.country nl",  # "Land: {country}"
    "wording.yml short_buttons.sources nl",  # "Bronnen"
    "wording.yml short_buttons.sources en",  # "Sources"
    # the drafted action plan's frames and labels (actions/plans/)
    "plans/wording.yml measure_text nl",  # "{name}: {measure}"
    "plans/wording.yml measure_text en",
    "plans/wording.yml statuses.open nl",  # "open"
    "plans/wording.yml statuses.open en",
    "plans/wording.yml measure_line nl",
    "plans/wording.yml measure_line en",
    "plans/wording.yml owner_line nl",
    "plans/wording.yml owner_line en",
    "plans/wording.yml overdue_line nl",
    "plans/wording.yml overdue_line en",
    "plans/texts.yml supplier_line nl",
    "plans/texts.yml supplier_line en",
    "plans/texts.yml owner en",  # "Owner"
    "plans/texts.yml created nl",  # "Opgesteld"
    "plans/texts.yml created en",
    "plans/texts.yml deadline nl",  # "Uiterste datum"
    "plans/texts.yml deadline en",
    "plans/texts.yml indicator nl",
    "plans/texts.yml indicator en",
    "plans/texts.yml partners nl",
    "plans/texts.yml partners en",
    "plans/texts.yml status nl",
    "plans/texts.yml status en",
    "plans/texts.yml history nl",  # "Geschiedenis"
    "plans/texts.yml changes.owner en",  # "owner: {new}"
}
# Proper names quoted in texts of either language; they say nothing about the text's language.
PROPER_NAMES = ("ITUC Global Rights Index",)


def _wording_texts(node, path=(), file="wording.yml"):
    if isinstance(node, dict) and {DUTCH, ENGLISH} <= set(node):
        for language in (DUTCH, ENGLISH):
            yield f"{file} {'.'.join(map(str, path))} {language}", language, node[language]
    elif isinstance(node, dict):
        for key, child in node.items():
            yield from _wording_texts(child, (*path, key), file)


def bot_texts():
    """(where, language, text) for every response variation in domain/*.yml and every text in the wording files
    (actions/advice/wording.yml, actions/plans/wording.yml and texts.yml)."""
    import yaml

    found = []
    for path in sorted((ROOT / "domain").glob("*.yml")):
        responses = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("responses") or {}
        for name, variations in responses.items():
            for variation in variations:
                dutch = variation.get("condition") == [{"type": "slot", "name": "language", "value": "nl"}]
                language = DUTCH if dutch else ENGLISH
                found.append((f"domain/{path.name} {name} {language}", language, variation["text"]))
    wording = yaml.safe_load((ROOT / "actions/advice/wording.yml").read_text(encoding="utf-8"))
    found.extend(_wording_texts(wording))
    for name in ("wording.yml", "texts.yml"):  # the drafted action plan and its export
        texts = yaml.safe_load((ROOT / "actions/plans" / name).read_text(encoding="utf-8"))
        found.extend(_wording_texts(texts, file=f"plans/{name}"))
    return found


def without_placeholders_and_links(text):
    import re

    text = re.sub(r"\{[^{}]*\}", " ", text)
    text = re.sub(r"https?://\S+", " ", text)
    for name in PROPER_NAMES:
        text = text.replace(name, " ")
    return text


def test_the_bot_texts_are_found():
    """Guards the next test against silently checking nothing."""
    where = {w for w, _language, _text in bot_texts()}
    assert len(where) > 250
    assert "domain/guidance.yml utter_action_plan nl" in where and "wording.yml measures.child_labour en" in where
    assert "plans/wording.yml first_steps.child_labour nl" in where and "plans/texts.yml guidance nl" in where
    assert where >= TOO_SHORT_TO_DECIDE, TOO_SHORT_TO_DECIDE - where


@pytest.mark.parametrize("where, language, text", [pytest.param(*found, id=found[0]) for found in bot_texts()])
def test_every_bot_text_is_recognised_as_its_language(where, language, text, lexicon):
    """A Dutch user never gets an English text (or the reverse): each Dutch variation and wording
    is recognised as Dutch by the project's own detector, each English one as English."""
    detected = detect(without_placeholders_and_links(text), lexicon).language
    other = ENGLISH if language == DUTCH else DUTCH
    if where in TOO_SHORT_TO_DECIDE:
        assert detected != other, f"{where} reads as {other}: {text!r}"
    else:
        assert detected == language, f"{where} is not recognised as {language} (detected {detected}): {text!r}"
