"""Long advice fitted to chat platforms with size limits: split into parts, nothing lost.

No Rasa server is needed: the Slack and Teams output channels post to the local fakes of Slack's Web API
and the Bot Framework connector."""

import asyncio
import uuid

from channels.formatting import split_text
from channels.slack import SLACK_SECTION_LIMIT, ImvoSlackBot
from channels.teams import TEAMS_TEXT_LIMIT, BotFrameworkAuth, TeamsOutput
from tests.conftest import SLACK_TOKEN, TEAMS_APP


def long_advice() -> str:
    """About 9,000 characters: paragraphs of bullet lines, and one paragraph that is a single long line."""
    paragraphs = []
    for number in range(1, 7):
        lines = [f"Paragraph {number}: advice for supplier number {number}."]
        lines += [f"• Step {number}.{step}: agree a corrective action plan with firm deadlines." for step in range(12)]
        paragraphs.append("\n".join(lines))
    paragraphs.append(" ".join(f"word{n}" for n in range(500)))  # ~3,900 characters without a line break
    text = "\n\n".join(paragraphs)
    assert 8_500 <= len(text) <= 10_000
    return text


def test_long_text_is_split_into_parts_within_the_limit_without_losing_anything():
    """Slack shows at most 3,000 characters per block: long advice arrives as several complete parts."""
    text = long_advice()
    parts = split_text(text, SLACK_SECTION_LIMIT)
    assert len(parts) >= 4
    assert all(0 < len(part) <= SLACK_SECTION_LIMIT for part in parts)
    assert " ".join(parts).split() == text.split()  # every word, in order
    # parts end at line breaks where there are any: the first paragraphs come back unchanged
    assert "\n".join(parts).startswith(text[: text.index("word0")].rstrip())


def test_short_text_is_one_part_and_empty_text_none():
    assert split_text("  Kort antwoord.  ", SLACK_SECTION_LIMIT) == ["Kort antwoord."]
    assert split_text("   ", SLACK_SECTION_LIMIT) == []


def test_a_line_without_spaces_is_cut_at_the_limit():
    assert split_text("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]


def test_long_bot_reply_reaches_slack_as_several_posts(fake_slack):
    """A long reply sent through the Slack channel becomes several chat.postMessage calls, each within
    Slack's limit, together holding the whole text; with buttons, the buttons come with the last part."""
    text = long_advice()
    bot = ImvoSlackBot(SLACK_TOKEN, fake_slack.url + "/api/")

    channel = "D" + uuid.uuid4().hex[:8]
    asyncio.run(bot.send_text_message(channel, text))
    posted = fake_slack.texts_for(channel)
    assert len(posted) >= 4
    assert all(len(part) <= 3000 for part in posted)
    assert " ".join(posted).split() == text.split()

    channel = "D" + uuid.uuid4().hex[:8]
    buttons = [{"title": "Certificering", "payload": "/ask_certification"}]
    asyncio.run(bot.send_text_with_buttons(channel, text, buttons))
    messages = [m for m in fake_slack.posted if m.get("channel") == channel]
    assert len(messages) >= 4
    assert [bool(m.get("blocks")) for m in messages] == [False] * (len(messages) - 1) + [True]
    assert " ".join(m["text"] for m in messages).split() == text.split()
    assert all(len(m["text"]) <= 3000 for m in messages)


def test_long_bot_reply_reaches_teams_as_several_activities(fake_bot_framework):
    """A reply longer than the Teams limit becomes several reply activities, each within the limit, together
    holding the whole text; with buttons, the suggested actions come with the last part."""
    text = "\n\n".join([long_advice()] * 5)  # about 45,000 characters
    assert len(text) > 2 * TEAMS_TEXT_LIMIT
    auth = BotFrameworkAuth(
        *TEAMS_APP, fake_bot_framework.url + "/.well-known/openidconfiguration", fake_bot_framework.url
    )

    conversation = "teams-long-" + uuid.uuid4().hex[:8]
    output = TeamsOutput(auth, fake_bot_framework.activity("advies graag", conversation))
    asyncio.run(output.send_text_message("user", text))
    replies = fake_bot_framework.replies_in(conversation)
    assert len(replies) >= 3
    assert all(0 < len(reply["text"]) <= TEAMS_TEXT_LIMIT for reply in replies)
    assert " ".join(reply["text"] for reply in replies).split() == text.split()

    conversation = "teams-long-" + uuid.uuid4().hex[:8]
    output = TeamsOutput(auth, fake_bot_framework.activity("advies graag", conversation))
    buttons = [{"title": "Certificering", "payload": "/ask_certification"}]
    asyncio.run(output.send_text_with_buttons("user", text, buttons))
    replies = fake_bot_framework.replies_in(conversation)
    assert len(replies) >= 3
    assert [bool(reply.get("suggestedActions")) for reply in replies] == [False] * (len(replies) - 1) + [True]
    assert replies[-1]["suggestedActions"]["actions"][0]["title"] == "Certificering"
    assert all(len(reply["text"]) <= TEAMS_TEXT_LIMIT for reply in replies)
    assert " ".join(reply["text"] for reply in replies).split() == text.split()
