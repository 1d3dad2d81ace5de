"""Every response exists in Dutch and in English, with the same buttons."""

import string
from pathlib import Path

import pytest

from tests.project import domain

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = domain()
RESPONSES = DOMAIN["responses"]
INTENTS = set(DOMAIN["intents"])


def _is_dutch(variation):
    return variation.get("condition") == [{"type": "slot", "name": "language", "value": "nl"}]


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_response_has_dutch_and_english_variation(name):
    variations = RESPONSES[name]
    dutch = [v for v in variations if _is_dutch(v)]
    english = [v for v in variations if "condition" not in v]
    assert len(dutch) >= 1, f"{name} has no Dutch variation"
    assert len(english) >= 1, f"{name} has no English (default) variation"
    assert len(dutch) + len(english) == len(variations), f"{name} has a variation for another condition"
    for variation in variations:
        assert (variation.get("text") or "").strip(), f"{name} has an empty text"


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_buttons_match_across_languages_and_name_real_intents(name):
    payload_sets = {tuple(b["payload"] for b in v.get("buttons", [])) for v in RESPONSES[name]}
    assert len(payload_sets) == 1, f"{name}: Dutch and English buttons differ"
    for payload in next(iter(payload_sets)):
        intent = payload.lstrip("/").split("{")[0]
        assert intent in INTENTS, f"{name}: button payload {payload} is not an intent"


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_button_payloads_render_to_valid_intent_messages(name):
    """Rasa fills {placeholders} in buttons too: JSON in a payload must be written
    with doubled braces, which render to single ones (no interpolation errors)."""
    import json

    from rasa.core.nlg.interpolator import interpolate_text

    for variation in RESPONSES[name]:
        for button in variation.get("buttons", []):
            rendered = interpolate_text(button["payload"], {"language": "nl"})
            if "{" in rendered:
                _intent, _, entities = rendered.partition("{")
                assert isinstance(json.loads("{" + entities), dict), rendered
                assert button["payload"].count("{{") == 1, f"{name}: write JSON payloads with doubled braces"


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_dutch_and_english_texts_are_different(name):
    texts = {v.get("text") for v in RESPONSES[name]}
    assert len(texts) == len(RESPONSES[name]), f"{name}: a Dutch and English text are identical"


def test_contact_details_in_responses_come_from_reference_data():
    """No e-mail addresses or phone numbers are typed into responses, and every
    URL in a response appears in the project's sourced reference files."""
    import re

    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "actions/reference/data").glob("*.csv"))
    sources += "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs/sources").glob("*.md"))
    for name, variations in RESPONSES.items():
        for variation in variations:
            text = variation.get("text", "")
            assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text), f"{name} contains an e-mail address"
            assert not re.search(r"\+?\d[\d ()-]{8,}\d", text), f"{name} contains a phone number"
            for url in re.findall(r"https?://[^\s)>\]]+", text):
                url = url.rstrip(".,;")
                host = re.sub(r"^https?://", "", url).split("/")[0]
                assert url in sources or f"//{host}" in sources or host in sources, (
                    f"{name}: {url} is not in the reference data"
                )


# rasa_sdk's utter_message(text=…, image=…, buttons=…, …): a value passed under one of these names replaces that part
# of the message instead of filling the response's placeholder ("change measure 2 to: …" was answered with the bare
# measure text, the sentence around it lost).
UTTER_MESSAGE_PARAMETERS = {
    "text",
    "image",
    "json_message",
    "template",
    "response",
    "attachment",
    "buttons",
    "elements",
}


def test_no_response_has_a_placeholder_named_like_an_utter_message_parameter():
    clashes = []
    for key, variations in RESPONSES.items():
        for variation in variations:
            names = {field for _, field, _, _ in string.Formatter().parse(variation.get("text") or "") if field}
            clashes += [f"{key}: {{{name}}}" for name in names & UTTER_MESSAGE_PARAMETERS]
    assert not clashes
