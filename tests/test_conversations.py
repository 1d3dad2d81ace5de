"""End to end: the real Rasa server and action server with the demo data,
conversations over the REST channel in Dutch and English."""

from pathlib import Path

import pytest
import yaml

from tests.project import domain
from tests.servers import Conversation

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = domain()
pytestmark = [pytest.mark.model, pytest.mark.servers]


def start_of(response, language):
    """The first words of a response's Dutch or English variation."""
    for variation in DOMAIN["responses"][response]:
        is_dutch = "condition" in variation
        if is_dutch == (language == "nl"):
            return variation["text"].split("{")[0][:40]
    raise KeyError(response)


def story_messages():
    cases = []
    for language in ("en", "nl"):
        stories = yaml.safe_load((ROOT / f"tests/stories/test_guidance_{language}.yml").read_text(encoding="utf-8"))
        for story in stories["stories"]:
            steps = story["steps"]
            if steps[0]["intent"] == "switch_language":
                continue
            cases.append((language, steps[0]["user"].strip(), _first_response(steps[0]["intent"], steps[1]["action"])))
    return cases


def _first_response(intent, action):
    """The response a user sees first: a topic without a supplier gets its general answer."""
    from actions.advice.topics import general_answer
    from actions.answers.ncp import GENERAL
    from actions.decide import UTTERANCES

    if action != "action_respond":
        return action
    return general_answer(intent) or GENERAL.get(intent) or UTTERANCES.get(intent) or "utter_out_of_scope"


# An off-topic message may also be met with the likeliest topics or a request to rephrase: both are good answers,
# and which one a model gives depends on its training, not on the specification.
OFF_TOPIC_ANSWERS = ("utter_out_of_scope", "utter_clarify", "utter_default")


@pytest.mark.parametrize("language, message, response", story_messages())
def test_every_topic_is_answered_in_the_users_language(servers, language, message, response):
    reply = Conversation(servers).say(message)
    accepted = OFF_TOPIC_ANSWERS if response == "utter_out_of_scope" else (response,)
    assert any(reply.startswith(start_of(r, language)) for r in accepted), reply[:300]


def test_language_is_kept_on_ambiguous_answers_and_switches_on_request(chat):
    """The replies users read, typed here: Dutch after "hallo", still Dutch after "ok", English on request
    and after "yes", Dutch again for a Dutch question."""
    assert chat.say("hallo").startswith(
        "Hallo! Ik ben de IMVO-assistent. Ik help je met stap 3 van gepaste zorgvuldigheid (due diligence)"
    )
    assert chat.say("ok") == "Wat wil je weten? Kies een onderwerp of typ je vraag."
    assert chat.say("in English please") == "Sure, I'll continue in English."
    assert chat.say("yes") == "What would you like to know? Pick a topic or type your question."
    assert chat.say("Wat is een actieplan?").startswith(
        "Is je bedrijf betrokken bij negatieve gevolgen of IMVO-risico's? Stel dan een actieplan op"
    )
    assert chat.say("What is an action plan?").startswith("Is your company linked to negative impacts or RBC risks?")


def click(chat, title):
    """Sends the payload of the last reply's button with this title, as the widget does."""
    button = next((b for b in chat.buttons() if b["title"] == title), None)
    assert button is not None, [b["title"] for b in chat.buttons()]
    return chat.say(button["payload"])


def test_supplier_advice_in_english_with_follow_ups(chat):
    reply = chat.say("What should we do about Tabacalera del Valle?")
    assert reply.startswith("Advice for Tabacalera del Valle (Cuba, Pinar del Río) – sector: tobacco. In short:")
    assert len(reply.split("\n")) <= 9
    assert "In Cuba independent trade unions are prohibited by law" in reply
    assert "• Child labour (very severe): Do not simply dismiss children" in reply
    assert "This week: " in reply
    exit_part = click(chat, "Ending the relationship?")
    assert exit_part.startswith("For Tabacalera del Valle:")
    assert "consider ending the relationship as a last resort" in exit_part
    sources = click(chat, "Sources")
    assert "https://www.state.gov/report/custom/e37987fc6a/" in sources  # the source of the Cuba fact
    follow_up = chat.say("and what about certification?")
    assert follow_up.startswith("For Tabacalera del Valle:")
    assert "Certification schemes and initiatives that fit (Tabacalera del Valle)" in follow_up
    switched = chat.say("what about Lotus Weaving?")
    assert "Advice for Lotus Weaving (India, Panipat)" in switched
    assert "Leverage: high (your purchases are 30% of their turnover, a customer for 12 years)" in switched
    leverage = click(chat, "Leverage")
    assert "Your leverage is probably high: your purchases are 30% of their turnover" in leverage


def test_supplier_advice_in_dutch_with_follow_up(chat):
    reply = chat.say("Wat moeten we doen aan Golden Dragon Electronics?")
    assert "Advies voor Golden Dragon Electronics (China, Dongguan)" in reply
    assert "In China zijn onafhankelijke vakbonden bij wet verboden" in reply
    assert "• Dwangarbeid (zeer ernstig): Controleer wervingskosten" in reply
    assert len(reply.split("\n")) <= 9
    risks = click(chat, "Risico's en maatregelen")
    assert "Dwangarbeid (ernst: zeer ernstig)" in risks
    follow_up = chat.say("wie moet dit binnen ons bedrijf oppakken?")
    assert follow_up.startswith("Voor Golden Dragon Electronics:")
    assert "Maak één persoon eigenaar van het plan voor Golden Dragon Electronics" in follow_up


def test_misspelt_supplier_is_found(chat):
    assert "Advice for Riverbank Knitwear" in chat.say("what should we do about rivrbank knitware?")


def test_unknown_supplier_is_said_honestly_and_the_user_can_stop(chat):
    # the supplier-advice topic as its button sends it: this test is about the answer, not about reading the question
    first = chat.say("/ask_supplier_advice")
    assert first.startswith(start_of("utter_ask_supplier", "en"))
    reply = chat.say("Acme Widgets")
    assert "I can't find a supplier called 'Acme Widgets' in your records" in reply
    assert "Advice for" not in reply
    # nothing holds the conversation: "stop" ends the question
    assert chat.say("stop").startswith(start_of("utter_form_stopped", "en"))


def test_problem_at_unnamed_supplier_offers_matching_suppliers(chat):
    reply = chat.say("we found child labour at our supplier in Bangladesh")
    assert reply.startswith(start_of("utter_ask_supplier", "en"))
    titles = [b["title"] for b in chat.buttons()]
    assert "Riverbank Knitwear (Bangladesh)" in titles
    chosen = next(b for b in chat.buttons() if b["title"].startswith("Riverbank"))
    assert "Advice for Riverbank Knitwear (Bangladesh, Gazipur)" in chat.say(chosen["payload"])


def test_country_advice_without_a_supplier(chat):
    reply = chat.say("we want to source cotton from Uzbekistan")
    assert "Advice for Uzbekistan (sector: cotton)" in reply
    reply = chat.say("what about forced labour in Malaysia?")
    assert "Advice for Malaysia" in reply and "Forced labour (severity: very severe)" in reply


def test_ncp_route_for_a_dutch_company_abroad_with_export_credit(chat):
    chat.say("how do I file a complaint with the NCP?")
    assert chat.say("yes").startswith(start_of("utter_ask_company_country", "en"))
    assert chat.say("The Netherlands").startswith(start_of("utter_ask_harm_country", "en"))
    assert chat.say("Bangladesh").startswith(start_of("utter_ask_government_money", "en"))
    reply = chat.say("export credit insurance")
    assert "Bangladesh is not on my list of NCPs" in reply and "Bangladesh has no NCP" not in reply
    assert "Dutch NCP: Nationaal Contactpunt OESO-richtlijnen" in reply
    assert "Atradius Dutch State Business" in reply and "https://www.netherlandsworldwide.nl" in reply


def test_ncp_route_in_dutch_for_a_foreign_company_in_the_netherlands(chat):
    chat.say("Hoe dien ik een klacht in bij het Nationaal Contactpunt?")
    chat.say("ja graag")
    chat.say("Duitsland")
    chat.say("Nederland")
    reply = chat.say("nee")
    assert "Nederlands NCP" in reply and "NCP van Duitsland (thuisland van het bedrijf)" in reply
    assert "ambassade" not in reply


def test_supplier_list_filtered_by_country(chat):
    reply = chat.say("which suppliers do we have in China?")
    assert reply.startswith("You have 5 supplier(s) in China:")
    assert "Golden Dragon Electronics (China)" in reply and "Riverbank" not in reply


# The part of the full advice each button of the short advice answers with, as users read it.
BUTTON_PARTS = {
    "en": {
        "Risks and measures": "Known risks at {name}, most severe first, with concrete measures:",
        "Leverage": "Your leverage over {name}:",
        "Country: Bangladesh": "Country context – Bangladesh:",
        "Schemes and partners": "Certification schemes and initiatives that fit ({name})",
        "Ending the relationship?": "When does ending the relationship with {name} become the last resort?",
        "Sources": "Sources of the facts used:",
        "Make a plan": "I have drafted an action plan for {name}",
        "Full advice": "Notes in your records:",
    },
    "nl": {
        "Risico's en maatregelen": "Bekende risico's bij {name}, ernstigste eerst, met concrete maatregelen:",
        "Invloed": "Je invloed op {name}:",
        "Land: Bangladesh": "Landcontext – Bangladesh:",
        "Keurmerken en partners": "Passende keurmerken en initiatieven ({name})",
        "Relatie beëindigen?": "Wanneer is het beëindigen van de relatie met {name} het laatste redmiddel?",
        "Bronnen": "Bronnen van de gebruikte feiten:",
        "Maak een plan": "Ik heb een actieplan voor {name} opgesteld",
        "Volledig advies": "Notities in jullie gegevens:",
    },
}


@pytest.mark.parametrize(
    "language, question, name",
    [
        ("en", "what should we do about riverbank knitwear?", "Riverbank Knitwear"),
        ("nl", "wat moeten we doen aan Dhaka Leather Goods?", "Dhaka Leather Goods"),  # its own plan is drafted
    ],
)
def test_every_button_of_the_short_advice_is_answered_over_the_servers(servers, language, question, name):
    """Each button's payload goes through the real Rasa and action servers and gets its part, in the user's
    language, for the supplier of the summary even after the conversation moved on to another supplier."""
    from tests.servers import Conversation

    chat = Conversation(servers)
    summary = chat.say(question)
    assert summary.startswith({"en": "Advice for ", "nl": "Advies voor "}[language] + name + " (Bangladesh, ")
    assert len(summary.split("\n")) <= 9
    buttons = chat.buttons()
    assert [b["title"] for b in buttons] == list(BUTTON_PARTS[language])
    chat.say({"en": "what about Lotus Weaving?", "nl": "en Lotus Weaving?"}[language])  # the focus moves on
    for button in buttons:
        reply = chat.say(button["payload"])
        assert BUTTON_PARTS[language][button["title"]].format(name=name) in reply, (button, reply[:300])
        assert "Lotus Weaving" not in reply, button


@pytest.mark.parametrize(
    "language, message, expected",
    [
        ("en", "give me the full advice", "Sources of the facts used:"),
        ("nl", "geef me het volledige advies", "Bronnen van de gebruikte feiten:"),
    ],
)
def test_the_full_advice_is_given_when_asked_for(servers, language, message, expected):
    from tests.servers import Conversation

    chat = Conversation(servers)
    chat.say(
        {
            "en": "what should we do about Golden Dragon Electronics?",
            "nl": "Wat moeten we doen aan Golden Dragon Electronics?",
        }[language]
    )
    reply = chat.say(message)
    assert reply.startswith(
        {
            "en": "Advice for Golden Dragon Electronics (China, Dongguan) – sector:",
            "nl": "Advies voor Golden Dragon Electronics (China, Dongguan) – sector:",
        }[language]
    )
    assert expected in reply and len(reply.split("\n")) > 20
