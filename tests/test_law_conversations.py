"""End to end over the REST channel (real Rasa server and action server, the demo company profile):
the law, the company's own contacts, involvement with remediation, a complaint against us and the
playbooks, in Dutch and English. The replies asserted are what users read."""

import pytest

from tests.servers import Conversation

pytestmark = [pytest.mark.model, pytest.mark.servers]


@pytest.mark.parametrize(
    "message, says",
    [
        (
            "does the CSDDD apply to us?",
            [
                "For Demo Inkoop BV (fictional) (320 employees",
                "CSDDD (EU Corporate Sustainability",
                "not in scope",
                "through your customers",
                "https://eur-lex.europa.eu/eli/dir/2024/1760/oj",
            ],
        ),
        (
            "geldt de CSDDD eigenlijk voor ons?",
            ["Voor Demo Inkoop BV (fictional) (320 medewerkers", "valt er niet onder", "via je klanten"],
        ),
        (
            "we supply german customers, does the lieferkettengesetz apply to us",
            [
                "German Supply Chain Act",
                "reaches you through your German customers",
                "final adoption not verified here",
            ],
        ),
        (
            "welke wetten gelden er allemaal voor ons bedrijf?",
            [
                "Welke wetten gelden voor Demo Inkoop BV",
                "CSDDD",
                "CSRD",
                "dwangarbeid",
                "EUDR",
                "Conflictmineralen",
                "Duitse ketenwet",
                "Nederlandse IMVO-wet",
            ],
        ),
        ("who's our csr officer?", ["Sanne de Vries (fictional) (mvo@demo-inkoop.example)"]),
        ("waar vind ik onze gedragscode?", ["Jullie gedragscode: https://intranet.demo-inkoop.example/gedragscode"]),
    ],
)
def test_the_law_and_our_own_profile(servers, message, says):
    reply = Conversation(servers).say(message)
    for phrase in says:
        assert phrase in reply, reply[:1500]


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_contributes_case_then_remediation(servers, language):
    chat = Conversation(servers)
    if language == "en":
        first = chat.say(
            "our prices are very low and our late order changes cause overtime at the factory, do we contribute?"
        )
        assert "you contribute to the harm" in first and "Cease your contribution" in first, first
        second = chat.say("how do we provide remedy to the workers who were harmed?")
        assert "Remediation means restoring" in second and "principle 31" in second, second
    else:
        first = chat.say(
            "onze prijzen zijn erg laag en onze late orderwijzigingen geven overuren in de fabriek, dragen we bij?"
        )
        assert "dragen jullie bij aan de schade" in first and "Stop je bijdrage" in first, first
        second = chat.say("hoe bieden we herstel aan de werknemers die schade leden?")
        assert "Herstel (remediation) betekent" in second and "principe 31" in second, second


@pytest.mark.parametrize("language", ["en", "nl"])
def test_unclear_involvement_is_asked_and_a_button_answers(servers, language):
    chat = Conversation(servers)
    question = (
        "do we cause it, contribute to it or are we only linked? how do we tell"
        if language == "en"
        else "veroorzaken we het, dragen we bij of zijn we alleen verbonden? hoe weet je dat"
    )
    chat.say(question)
    payloads = [b["payload"] for b in chat.buttons()]
    assert len(payloads) == 3, chat.transcript
    reply = chat.say(payloads[2])
    assert (
        "You are directly linked" if language == "en" else "Jullie zijn via een zakelijke relatie direct verbonden"
    ) in reply


@pytest.mark.parametrize(
    "message, says",
    [
        (
            "our cotton might come from xinjiang, can we rely on the audit?",
            "Audits and certification are not credible there",
        ),
        (
            "ons katoen komt misschien uit xinjiang, kunnen we op de audit vertrouwen?",
            "Audits en certificering zijn daar niet geloofwaardig",
        ),
        (
            "how does a clmrs work for child labour on small cocoa farms",
            "child labour monitoring and remediation system (CLMRS)",
        ),
        ("kinderarbeid bij kleine cacaoboeren, wat werkt daar?", "Kinderarbeid bij kleine boeren"),
        ("how do we get geolocation of the plots for our soy", "31 December 2020 (reported, not verified here"),
        (
            "de fabriek is voor 80% van de orders van ons afhankelijk, hoe stoppen we verantwoord?",
            "kondig het ruim van tevoren aan",
        ),
        ("someone filed an NCP complaint against our company, what do we do now?", "Do not retaliate"),
        ("er is een NCP-melding tegen ons bedrijf gedaan, wat moeten we nu doen?", "Neem geen represailles"),
    ],
)
def test_playbooks_and_a_complaint_against_us(servers, message, says):
    reply = Conversation(servers).say(message)
    assert says in reply, reply[:1500]
