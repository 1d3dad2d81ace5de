"""Reading the chat in real headless Chromium against the real servers: a first screen that invites, a long answer
read from its top in one bubble, plan links as words, focus kept after a reply button, and a new conversation.
Each check fails without its part of web/src/widget.js."""

import pytest

from tests.test_web_widget import ARTIFACTS, ask, browser, open_chat, web  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.model, pytest.mark.servers, pytest.mark.browser]
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


def new_page(browser, size="desktop", language=None):  # noqa: F811
    context = browser.new_context(viewport=SIZES[size])
    if language:  # the conversation's language as a returning user left it
        context.add_init_script(f"localStorage.setItem('imvo-chat:language', JSON.stringify('{language}'))")
    return context, context.new_page()


def chatting(browser, web, text, size="desktop"):  # noqa: F811
    """A new page, the chat open, `text` asked and its answer complete."""
    context, page = new_page(browser, size)
    page.goto(web)
    open_chat(page)
    ask(page, text)
    answered(page, 0)
    return context, page


def answered(page, before):
    """Waits until a new answer has arrived and is complete (its parts stop coming)."""
    page.wait_for_function(f"document.querySelectorAll('.imvo-bot').length > {before}", timeout=30000)
    page.wait_for_timeout(1500)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    "language, words, example",
    [
        ("nl", "leveranciersgegevens", "Welke van onze leveranciers zijn nooit geaudit?"),
        ("en", "supplier records", "Which of our suppliers were never audited?"),
    ],
)
def test_the_first_screen_says_what_it_does_and_offers_examples(browser, web, size, language, words, example):  # noqa: F811
    context, page = new_page(browser, size, language)
    page.goto(web)
    open_chat(page)
    welcome = page.locator(".imvo-welcome")
    assert words in welcome.inner_text()
    assert welcome.locator(".imvo-reply").count() == 4
    page.screenshot(path=str(ARTIFACTS / f"first-screen-{language}-{size}.png"))
    welcome.locator(".imvo-reply", has_text=example).click()
    answered(page, 0)
    assert page.locator(".imvo-welcome").count() == 0  # the conversation has started
    assert page.locator(".imvo-user").first.inner_text().endswith(example)
    assert "Hebei" in page.locator(".imvo-bot").last.inner_text()  # a demo supplier never audited
    context.close()


@pytest.mark.parametrize("size", SIZES)
def test_a_long_answer_is_one_bubble_read_from_its_top(browser, web, size):  # noqa: F811
    context, page = chatting(browser, web, "riverbank knitwear", size)
    bubbles = page.locator(".imvo-bot")
    assert bubbles.count() == 1  # the short advice's parts and its buttons in one bubble
    assert "Riverbank Knitwear" in bubbles.first.inner_text()
    top = page.evaluate(
        "document.querySelector('.imvo-bot').getBoundingClientRect().top"
        " - document.querySelector('.imvo-log').getBoundingClientRect().top"
    )
    assert 0 <= top <= 20, f"the answer's first line is {top}px from the top of the message area"
    log_height = page.evaluate("document.querySelector('.imvo-log').clientHeight")
    assert page.evaluate("document.querySelector('.imvo-bot').offsetHeight") > log_height  # long: needs the scroll
    page.screenshot(path=str(ARTIFACTS / f"long-answer-{size}.png"))
    context.close()


def test_focus_stays_in_the_conversation_after_a_reply_button(browser, web):  # noqa: F811
    context, page = chatting(browser, web, "riverbank knitwear")
    button = page.locator(".imvo-bot .imvo-reply").first
    button.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "imvo-input"
    context.close()


def test_a_drafted_plan_has_its_link_as_words_and_next_step_buttons(browser, web):  # noqa: F811
    context, page = new_page(browser, language="en")
    page.goto(web)
    open_chat(page)
    # a supplier no other test drafts a plan for: the servers (and their database) are shared by the session
    ask(page, "draft an action plan for sfax olive oil press")
    answered(page, 0)
    link = page.locator(".imvo-bot a[href*='/plans/']").first
    link.wait_for(timeout=30000)
    assert link.inner_text().startswith("open the plan")
    assert "/plans/" not in page.locator(".imvo-bot").last.inner_text()  # no raw address in the text
    page.locator(".imvo-bot .imvo-reply").first.wait_for(timeout=30000)  # the answer's last part has the buttons
    steps = page.locator(".imvo-bot .imvo-reply").all_inner_texts()
    assert steps == ["Choose the owner", "Choose a review date", "Show the plan"]
    page.evaluate("document.querySelector('.imvo-log').scrollTop = 1e6")  # the buttons at the answer's end
    page.screenshot(path=str(ARTIFACTS / "plan-drafted.png"))
    page.locator(".imvo-reply", has_text="Choose the owner").click()
    answered(page, 1)
    assert "Who will own the plan for Sfax Olive Oil Press?" in page.locator(".imvo-bot").last.inner_text()
    ask(page, "Anna de Vries, CSR manager, anna.devries@example.com")
    answered(page, 2)
    assert "Anna de Vries" in page.locator(".imvo-bot").last.inner_text()
    context.close()


def test_a_new_conversation_clears_the_screen_and_starts_a_new_session(browser, web):  # noqa: F811
    context, page = chatting(browser, web, "riverbank knitwear")
    session = page.evaluate("localStorage.getItem('imvo-chat:session')")
    page.get_by_role("button", name="Nieuw gesprek").click()
    assert page.locator(".imvo-bot, .imvo-user").count() == 0
    assert page.locator(".imvo-welcome").is_visible()
    assert page.evaluate("document.activeElement.id") == "imvo-input"
    page.locator(".imvo-chat[data-ready='true']").wait_for(state="attached", timeout=30000)
    assert page.evaluate("localStorage.getItem('imvo-chat:session')") not in (session, "null", None)
    page.reload()  # the next person at this computer sees nothing of it
    page.get_by_role("dialog").wait_for()  # it stays open across the reload
    page.locator(".imvo-chat[data-ready='true']").wait_for(state="attached", timeout=30000)
    assert page.locator(".imvo-bot, .imvo-user").count() == 0
    ask(page, "en daar?")  # the new session knows no supplier in focus
    answered(page, 0)
    assert "Riverbank" not in page.locator(".imvo-bot").last.inner_text()
    context.close()


def test_the_full_advice_reads_in_the_conversations_language(browser, web):  # noqa: F811
    """Dates as people write them, the record's English notes marked as quoted, the severity reasoning in plain
    words on its own indented line under its bullet."""
    context, page = chatting(browser, web, "riverbank knitwear")
    page.locator(".imvo-reply", has_text="Volledig advies").click()
    answered(page, 1)
    page.locator(".imvo-bot", has_text="Waarom:").last.wait_for(timeout=30000)
    text = page.locator(".imvo-bot").last.inner_text()
    assert "4 maart 2025" in text and "2025-03-04" not in text
    assert "(in het Engels ingevoerd" in text  # the notes, quoted as recorded
    assert "schaal:" not in text and "reikwijdte:" not in text  # plain words, not factor labels
    why = [line for line in text.splitlines() if "Waarom:" in line]
    assert why and all(line.startswith("  Waarom:") for line in why), why  # indented under its bullet
    context.close()
