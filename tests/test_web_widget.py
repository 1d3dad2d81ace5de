"""The chat widget in real headless Chromium (Debian's chromium, driven by Playwright),
talking to the real Rasa server over socket.io with session persistence.

This also guards the python-socketio < 5.10 pin: with 5.10+ and session
persistence, Rasa 3.6 never delivers replies and these tests time out.

Accessibility is checked with axe-core (web/node_modules, a pinned devDependency
that `make widget` installs with npm ci): no serious or critical violation of the
WCAG 2 A/AA rules, at desktop and phone size."""

import shutil
from pathlib import Path

import pytest

from tests.conftest import skip_loudly
from tests.project import domain

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
BUNDLE = ROOT / "web" / "dist" / "imvo-chat.js"
AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
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
        skip_loudly("browser tests", message)
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
    page.get_by_role("button", name="EN English", exact=True).click()  # shown as EN
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


# --- helpers for the checks below -------------------------------------------------


@pytest.fixture(scope="session")  # session: checked before the servers start
def axe():
    """The path of axe-core's script, installed from the npm registry by `make widget` (npm ci)."""
    if not AXE.exists():
        message = (
            f"axe-core is not installed ({AXE.relative_to(ROOT)} is missing): run `make widget` (or: cd web && npm ci)"
        )
        skip_loudly("accessibility checks", message)
    return AXE


def serious_violations(page, axe_path, when):
    """Runs axe-core on the whole page; prints every violation, returns the serious and critical ones."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_path))
    violations = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
            return results.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map((n) => n.target.join(" ")),
            }));
        }""",
        WCAG_TAGS,
    )
    for v in violations:
        print(f"axe ({when}): {v['impact']} {v['id']} x{len(v['nodes'])}: {v['help']} {v['nodes'][:3]}")
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def assert_accessible(page, axe_path, when):
    serious = serious_violations(page, axe_path, when)
    assert not serious, f"axe-core, {when}: " + "; ".join(
        f"{v['impact']} {v['id']} ({v['help']}) at {v['nodes'][:5]}" for v in serious
    )


def open_chat(page):
    page.locator(".imvo-launcher").click()
    page.get_by_role("dialog").wait_for()
    page.locator(".imvo-chat[data-ready='true']").wait_for(state="attached", timeout=30000)


def ask(page, text):
    page.locator("#imvo-input").fill(text)
    page.locator("#imvo-input").press("Enter")


def wait_for_answer(page, response, language, timeout=30000):
    """Waits for the first part of a response and for its last part (the one with the buttons)."""
    wait_for_bot_text(page, text_of(response, language), timeout)
    variation = next(v for v in DOMAIN["responses"][response] if ("condition" in v) == (language == "nl"))
    if variation.get("buttons"):
        page.locator(".imvo-reply", has_text=variation["buttons"][0]["title"]).last.wait_for(timeout=timeout)


def widget_texts(page):
    """What the widget shows and tells screen readers about itself."""
    return page.evaluate(
        """() => {
            const root = document.querySelector(".imvo-chat");
            const q = (selector) => root.querySelector(selector);
            return {
                lang: root.getAttribute("lang"),
                title: q(".imvo-title").textContent,
                open: q(".imvo-launcher").textContent,
                close: q(".imvo-close").getAttribute("aria-label"),
                language: q(".imvo-languages").getAttribute("aria-label"),
                log: q(".imvo-log").getAttribute("aria-label"),
                input: q("label[for='imvo-input']").textContent,
                placeholder: q("#imvo-input").placeholder,
                send: q(".imvo-send").textContent,
                pressed: [...root.querySelectorAll(".imvo-language[aria-pressed='true']")].map((b) => b.lang),
                speakers: [...new Set([...root.querySelectorAll(".imvo-who")].map((s) => s.textContent))],
            };
        }"""
    )


def assert_widget_in(page, language):
    texts = page.evaluate("(code) => ImvoChat.TEXTS[code]", language)
    shown = widget_texts(page)
    expected = {
        key: texts[key] for key in ("title", "open", "close", "language", "log", "input", "placeholder", "send")
    }
    assert {key: shown[key] for key in expected} == expected, f"the widget's own texts are not all in {language}"
    assert shown["lang"] == language and shown["pressed"] == [language]
    assert set(shown["speakers"]) <= {f"{texts['you']}: ", f"{texts['bot']}: "}, shown["speakers"]
    # and what assistive technology gets: the accessible names
    assert page.get_by_role("textbox", name=texts["input"]).is_visible()
    assert page.get_by_role("button", name=texts["send"], exact=True).is_visible()
    assert page.get_by_role("button", name=texts["close"], exact=True).is_visible()


def hit_test(page, selector):
    """Whether the centre of the element is the element itself (or its child): nothing covers it."""
    return page.locator(selector).evaluate(
        """(element) => {
            const r = element.getBoundingClientRect();
            const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            return {
                covered_by: hit && !(hit === element || element.contains(hit)) ? hit.outerHTML.slice(0, 120) : null,
                inside: r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0
                    && r.right <= window.innerWidth && r.bottom <= window.innerHeight,
            };
        }"""
    )


# --- accessibility, language of the widget's own texts, layout ----------------------


@pytest.mark.parametrize("size", VIEWPORTS)
def test_no_serious_accessibility_violations_at_desktop_and_phone_size(browser, axe, web, size):
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport=VIEWPORTS[size])
    page = context.new_page()
    page.goto(web)
    assert_accessible(page, axe, f"{size}, chat closed")
    open_chat(page)
    assert_accessible(page, axe, f"{size}, chat opened")

    ask(page, "Hoe stellen we een actieplan op?")
    wait_for_answer(page, "utter_action_plan", "nl")
    assert_accessible(page, axe, f"{size}, after a Dutch reply with links and buttons")
    page.screenshot(path=str(ARTIFACTS / f"widget-{size}-nl.png"))

    ask(page, "which certification schemes fit our supply chain?")
    wait_for_answer(page, "utter_certification", "en")
    assert_widget_in(page, "en")
    assert_accessible(page, axe, f"{size}, after an English reply")
    page.screenshot(path=str(ARTIFACTS / f"widget-{size}-en.png"))
    context.close()


def test_the_widget_speaks_the_language_of_the_conversation(browser, web):
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    page.goto(web)
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert page.locator(".imvo-launcher").inner_text() == "Chat openen"  # the page's language
    open_chat(page)
    assert_widget_in(page, "nl")
    assert page.locator("#imvo-input").get_attribute("placeholder") == "Typ je vraag…"

    # the user writes English, the bot answers in English: so does the widget
    ask(page, "how do we increase leverage?")
    wait_for_answer(page, "utter_leverage", "en")
    assert_widget_in(page, "en")
    assert page.locator("#imvo-input").get_attribute("placeholder") == "Type your question…"
    assert page.locator(".imvo-bot[lang='en']").count() >= 1  # the replies carry their language

    # the NL/EN switch changes the widget at once, and the bot's confirmation keeps it
    page.locator(".imvo-language[lang='nl']").click()
    assert_widget_in(page, "nl")
    wait_for_answer(page, "utter_language_switched", "nl")
    assert_widget_in(page, "nl")
    page.locator(".imvo-language[lang='en']").click()
    assert_widget_in(page, "en")
    wait_for_answer(page, "utter_language_switched", "en")
    assert_widget_in(page, "en")

    # a Dutch question brings it back; closed, the launcher is in that language too
    ask(page, "Hoe stellen we een actieplan op?")
    wait_for_answer(page, "utter_action_plan", "nl")
    assert_widget_in(page, "nl")
    page.keyboard.press("Escape")
    assert page.locator(".imvo-launcher").inner_text() == "Chat openen"
    assert page.evaluate("document.activeElement.className") == "imvo-launcher"
    context.close()


@pytest.mark.parametrize("size", VIEWPORTS)
def test_every_control_is_visible_and_uncovered(browser, web, size):
    context = browser.new_context(viewport=VIEWPORTS[size])
    page = context.new_page()
    page.goto(web)
    assert hit_test(page, ".imvo-launcher") == {"covered_by": None, "inside": True}
    open_chat(page)
    assert page.locator(".imvo-launcher").is_hidden()  # the panel's header has the close button
    if size == "phone":
        assert page.get_by_role("dialog").bounding_box()["width"] == VIEWPORTS["phone"]["width"]
    for control in (
        ".imvo-send",
        "#imvo-input",
        ".imvo-close",
        ".imvo-language[lang='nl']",
        ".imvo-language[lang='en']",
    ):
        assert hit_test(page, control) == {"covered_by": None, "inside": True}, control

    page.locator("#imvo-input").fill("Hoe stellen we een actieplan op?")
    page.locator(".imvo-send").click()  # a real click at the button's centre
    wait_for_answer(page, "utter_action_plan", "nl")
    assert page.locator("#imvo-input").input_value() == ""
    for control in (".imvo-send", "#imvo-input", ".imvo-close", ".imvo-reply"):
        page.locator(control).first.scroll_into_view_if_needed()
        assert hit_test(page, f"{control} >> nth=0") == {"covered_by": None, "inside": True}, control
    page.locator(".imvo-close").click()
    assert page.get_by_role("dialog").is_hidden() and page.locator(".imvo-launcher").is_visible()
    context.close()


def test_reply_language_detection_never_mistakes_a_response(browser):
    """The widget's word lists, on every response of the assistant: never the wrong language."""
    page = browser.new_page()
    page.set_content("<!doctype html><html lang='nl'><head><title>t</title></head><body></body></html>")
    page.add_script_tag(path=str(BUNDLE))
    texts = [
        ("nl" if "condition" in variation else "en", variation["text"])
        for variations in DOMAIN["responses"].values()
        for variation in variations
        if variation.get("text")
    ]
    found = page.evaluate("(texts) => texts.map(([, text]) => ImvoChat.languageOf(text))", texts)
    wrong = [
        (language, text[:80]) for (language, text), got in zip(texts, found, strict=True) if got not in (language, None)
    ]
    assert not wrong
    assert sum(got is not None for got in found) >= 0.8 * len(texts)
    # short and mixed answers decide nothing
    for text in ("ok", "Riverbank Knitwear (CN)", "NCP", "ja", "yes", "https://www.ser.nl/en"):
        assert page.evaluate("(text) => ImvoChat.languageOf(text)", text) is None, text
    both = page.evaluate("ImvoChat.TEXTS")
    assert set(both["nl"]) == set(both["en"]) and all(both["nl"].values()) and all(both["en"].values())
    page.close()
