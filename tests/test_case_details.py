"""The NCP form takes what the question already said; low confidence offers the likeliest topics."""

import pytest

from actions.answers.clarify import likeliest_topics
from actions.answers.ncp import case_details
from tests.test_decide import turn


@pytest.mark.parametrize(
    "text, countries, funding, expected",
    [
        (
            "we have export credit insurance for a project in Ethiopia and people were evicted, whom do I tell?",
            ["ET"],
            "export_credit",
            {"company_country": None, "harm_country": "ET", "government_money": "export_credit"},
        ),
        (
            "wij zijn een Nederlands bedrijf met subsidie van RVO en in Kenia gaat het mis",
            ["KE"],
            "subsidie",
            {"company_country": "NL", "harm_country": "KE", "government_money": "subsidy"},
        ),
        (
            "our company is based in Germany and the harm happens in the Netherlands",
            ["DE", "NL"],
            None,
            {"company_country": "DE", "harm_country": "NL", "government_money": None},
        ),
        (
            "how does an NCP complaint work?",
            [],
            None,
            {"company_country": None, "harm_country": None, "government_money": None},
        ),
    ],
)
def test_case_details_already_given(text, countries, funding, expected):
    assert case_details(text, countries, funding) == expected


def test_the_likeliest_topics_are_offered_without_basics_or_fallback():
    parse = {
        "intent_ranking": [
            {"name": "nlu_fallback", "confidence": 0.4},
            {"name": "ask_leverage", "confidence": 0.33},
            {"name": "greet", "confidence": 0.2},
            {"name": "ask_collaboration", "confidence": 0.18},
            {"name": "ask_disengagement", "confidence": 0.1},
            {"name": "ask_costs", "confidence": 0.06},
        ]
    }
    assert likeliest_topics(turn("nlu_fallback", "hm", ranking=parse["intent_ranking"])) == [
        "ask_leverage",
        "ask_collaboration",
        "ask_disengagement",
    ]
    assert likeliest_topics(turn("greet", "hm", ranking=[{"name": "greet", "confidence": 0.9}])) == []
