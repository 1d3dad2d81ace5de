"""The chat widget in real headless Chromium (Debian's chromium, driven by Playwright),
talking to the real Rasa server over socket.io with session persistence.

This also guards the python-socketio < 5.10 pin: with 5.10+ and session
persistence, Rasa 3.6 never delivers replies and these tests time out."""

import shutil
from pathlib import Path

import pytest

from tests.conftest import IN_CI
from tests.project import domain

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
DOMAIN = domain()
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [pytest.mark.model, pytest.mark.servers, pytest.mark.browser]


def text_of(response, language):
    for variation in DOMAIN["responses"][response]:
        if ("condition" in variation) == (language == "nl"):
            return variation["text"].split("\n")[0][:50]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        message = "Chromium is not installed (make test installs Debian's chromium as root; or: sudo apt-get install chromium)"
        if IN_CI:
            pytest.fail(message)
        print(f"\n*** SKIPPING browser tests: {message} ***")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def web(servers):
    if "web" not in servers.processes:
        servers.start_web()
    return servers.web_url


def bot_messages(page):
    return page.locator(".imvo-bot")


def wait_for_bot_text(page, text, timeout=30000):
    page.locator(".imvo-bot", has_text=text).last.wait_for(timeout=timeout)


def test_widget_conversation_in_dutch_and_english_with_buttons_and_reload(browser, web):
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    page = context.new_page()
    page.goto(web)
    launcher = page.get_by_role("button", name="Chat openen")
    launcher.click()
    page.locator(".imvo-chat[data-ready='true']").wait_for(state="attached", timeout=30000)

    box = page.get_by_label("Je vraag")
    box.fill("Hoe stellen we een actieplan op?")
    box.press("Enter")
    wait_for_bot_text(page, text_of("utter_action_plan", "nl"))
    links = page.locator(".imvo-bot a[href^='https://']")
    links.first.wait_for(timeout=30000)  # the answer arrives in parts; its last part has the links
    assert links.count() >= 1 and links.first.get_attribute("rel") == "noopener noreferrer"
    page.screenshot(path=str(ARTIFACTS / "widget-nl.png"))

    # a quick-reply button sends its payload and gets the answer
    page.locator(".imvo-reply", has_text="Wie is verantwoordelijk?").click()
    wait_for_bot_text(page, text_of("utter_responsibility", "nl"))

    # the language choice in the widget header
    page.get_by_role("button", name="English", exact=True).click()
    wait_for_bot_text(page, "Sure, I'll continue in English.")
    assert page.get_by_label("Your question").is_visible()
    page.get_by_label("Your question").fill("which certification schemes fit our supply chain?")
    page.get_by_label("Your question").press("Enter")
    wait_for_bot_text(page, text_of("utter_certification", "en"))
    page.screenshot(path=str(ARTIFACTS / "widget-en.png"))
    before = bot_messages(page).count()

    # reload: the conversation is still shown and continues in the same session
    page.reload()
    page.locator(".imvo-chat[data-ready='true']").wait_for(state="attached", timeout=30000)
    assert bot_messages(page).count() == before
    page.get_by_label("Your question").fill("ok")
    page.get_by_label("Your question").press("Enter")
    # "ok" decides no language: the server-side session still knows it is English
    wait_for_bot_text(page, text_of("utter_ask_what_next", "en"))
    context.close()


def test_bot_text_is_never_executed_as_html(browser, web):
    context = browser.new_context()
    page = context.new_page()
    page.goto(web)
    page.get_by_role("button", name="Chat openen").click()
    page.locator(".imvo-chat[data-ready='true']").wait_for(state="attached", timeout=30000)
    page.get_by_label("Je vraag").fill("<img src=x onerror=\"document.body.dataset.hacked='1'\"> hallo")
    page.get_by_label("Je vraag").press("Enter")
    page.locator(".imvo-bot").first.wait_for(timeout=30000)
    assert page.locator("img[src='x']").count() == 0
    assert page.evaluate("document.body.dataset.hacked") is None
    assert "<img" in page.locator(".imvo-user").first.inner_text()
    context.close()


def test_widget_fits_a_phone_screen_and_works_with_the_keyboard(browser, web):
    """A keyboard user reaches the chat button with Tab, opens it with Enter and closes it with Escape."""
    context = browser.new_context(viewport={"width": 375, "height": 700})
    page = context.new_page()
    page.goto(web)
    page.locator(".imvo-launcher").wait_for()
    # The widget focuses its button when it mounts, and Chromium then starts Tab from there; a click at the
    # top of the page puts the starting point where a keyboard user's starts: before everything on the page.
    page.mouse.click(5, 5)
    assert page.evaluate("document.activeElement.tagName") == "BODY"
    page.keyboard.press("Tab")  # the demo page has nothing focusable before the chat button
    focused = page.evaluate("`${document.activeElement.tagName}.${document.activeElement.className}`")
    assert focused == "BUTTON.imvo-launcher", f"Tab did not reach the chat button (focus is on {focused})"
    page.keyboard.press("Enter")
    panel = page.get_by_role("dialog")
    panel.wait_for()
    width = panel.bounding_box()["width"]
    assert 370 <= width <= 375
    assert page.evaluate("document.activeElement.id") == "imvo-input"
    page.keyboard.press("Escape")
    assert panel.is_hidden()
    context.close()
