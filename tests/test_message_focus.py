"""What the pipeline reads of real messages: a language request inside a task, a long paste, the size limit."""

from actions.parse_keys import FULL_TEXT, LANGUAGE_REQUEST, MAX_MESSAGE_CHARS, TOO_LONG
from components.message_focus import closing_question, focus

AUDIT = (
    "Audit summary Riverbank Knitwear, Gazipur, March 2025. Scope: main factory and one subcontracted "
    "dyeing unit. Findings: 14 workers under 15 found at the subcontractor; overtime above 72 hours a week "
    "in peak season; fire exits blocked on the second floor; no functioning worker committee; wages at "
    "minimum wage, below the living-wage estimate. The supplier has agreed to a corrective action plan for "
    "fire safety but disputes the overtime figures. Management was cooperative. "
)


def test_a_language_request_inside_a_task_is_taken_out_and_kept():
    found = focus("give me three things I can do this week, in het Nederlands graag")
    assert found["text"] == "give me three things I can do this week"
    assert found[LANGUAGE_REQUEST] == "nl"


def test_a_bare_language_request_is_left_for_the_switch_intent():
    assert focus("in English please") == {"text": "in English please"}


def test_a_long_paste_is_read_as_its_closing_question_with_its_risks_and_countries():
    found = focus(AUDIT + "What should we do first about this supplier in Bangladesh?")
    assert found[FULL_TEXT].startswith("Audit summary")
    assert found["text"].startswith("What should we do first about this supplier in Bangladesh?")
    assert "Bangladesh" in found["text"]


def test_the_question_is_found_even_when_a_greeting_follows_it():
    text = AUDIT + "Is this enough reason to stop? Thanks, Anna"
    assert closing_question(text).startswith("Is this enough reason to stop?")


def test_a_message_over_the_limit_is_marked_with_the_limit():
    found = focus("x " * (MAX_MESSAGE_CHARS // 2 + 10))
    assert found[TOO_LONG] == {"chars": MAX_MESSAGE_CHARS + 20, "limit": MAX_MESSAGE_CHARS}


def test_short_messages_are_read_as_they_are():
    assert focus("hoe vergroten we onze invloed?") == {"text": "hoe vergroten we onze invloed?"}
