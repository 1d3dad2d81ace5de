// A small, accessible chat widget on Rasa's socket.io channel.
// Bot text is always inserted as text nodes (never as HTML); URLs become links.
// The widget's own texts (texts.js) are in the conversation's language: first the
// configured language or the page's <html lang>, then the user's NL/EN choice,
// and then the language of the bot's replies (the bot answers in the language
// the user writes in; language.js recognises it).
// Sign-in: the intranet page passes the user's signed token (mount({ token }) or, to get a fresh
// one at every (re)connect, mount({ getToken })); it goes to the Rasa server when the socket
// connects, never into the page's storage (docs/sign-in.md).
import { io } from "socket.io-client";
import { TEXTS } from "./texts.js";
import { languageOf } from "./language.js";

export { languageOf, TEXTS };

const STORE = "imvo-chat";
const URL_PATTERN = /(https?:\/\/[^\s<>"')]+[^\s<>"').,;:!?])/g;
const MAX_HISTORY = 200;

function load(key, fallback) {
  try {
    const value = JSON.parse(localStorage.getItem(`${STORE}:${key}`));
    return value === null ? fallback : value;
  } catch (_) {
    return fallback;
  }
}

function save(key, value) {
  try {
    localStorage.setItem(`${STORE}:${key}`, JSON.stringify(value));
  } catch (_) {
    /* private mode or full storage: the chat still works, without memory */
  }
}

function element(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) node.append(child);
  return node;
}

// Text with clickable links and line breaks, built from text nodes only.
// A link to the assistant's own plan pages reads as words ("open the plan", "PDF"); other links show their address,
// so the official publication is visible.
function linkLabel(url) {
  const path = url.replace(/^https?:\/\/[^/]+/, "");
  if (!/^\/plans\//.test(path)) return null;
  return /pdf$/i.test(path) ? "pdf" : "openPlan";
}

function richText(text, newTabLabel, hintLanguage, t) {
  const fragment = document.createDocumentFragment();
  const lines = String(text || "").split("\n");
  lines.forEach((line, index) => {
    let last = 0;
    for (const match of line.matchAll(URL_PATTERN)) {
      fragment.append(line.slice(last, match.index));
      const label = t && linkLabel(match[0]);
      const link = element("a", { href: match[0], target: "_blank", rel: "noopener noreferrer" });
      if (label) link.dataset.label = label;
      link.append(label ? t(label) : match[0]);
      link.append(element("span", { class: "imvo-sr-only imvo-new-tab", lang: hintLanguage, text: ` ${newTabLabel}` }));
      fragment.append(link);
      last = match.index + match[0].length;
    }
    fragment.append(line.slice(last));
    if (index < lines.length - 1) fragment.append(element("br"));
  });
  return fragment;
}

function supported(code) {
  const primary = String(code || "").trim().slice(0, 2).toLowerCase();
  return TEXTS[primary] ? primary : null;
}

export function mount(options = {}) {
  const config = {
    socketUrl: options.socketUrl || window.location.origin,
    socketPath: options.socketPath || "/socket.io/",
    open: options.open !== undefined ? options.open : load("open", false),
    container: options.container || document.body,
    getToken: typeof options.getToken === "function" ? options.getToken : () => options.token || null,
    // staff without access to the supplier records see examples of the general guidance only
    recordAccess: options.recordAccess !== false,
  };
  // The conversation's language as last shown (kept across reloads) wins; a new
  // conversation starts in the configured language, else the page's.
  let language =
    supported(load("language", null)) || supported(options.language) ||
    supported(document.documentElement.lang) || "nl";
  let history = load("history", []);
  let sessionId = load("session", null);
  let statusKey = "connecting";
  let chosen = null; // a language picked in the widget, until the bot's replies are in it
  let answer = null; // the bubble of the answer being received: its parts join it, the first is scrolled to the top
  const t = (key) => TEXTS[language][key];

  // --- structure -----------------------------------------------------------
  const launcher = element("button", {
    class: "imvo-launcher", type: "button", "aria-expanded": "false", "aria-controls": "imvo-panel",
  });
  const title = element("h2", { class: "imvo-title", id: "imvo-title" });
  const languageGroup = element("div", { class: "imvo-languages", role: "group" });
  const languageButtons = {};
  for (const code of ["nl", "en"]) {
    // Shown as NL/EN; the accessible name adds the language's own name ("NL Nederlands"),
    // so what is seen is part of what is announced (voice control: "click NL").
    const button = element("button", { type: "button", class: "imvo-language", lang: code }, [
      code.toUpperCase(),
      element("span", { class: "imvo-sr-only", text: ` ${code === "nl" ? "Nederlands" : "English"}` }),
    ]);
    button.addEventListener("click", () => chooseLanguage(code));
    languageButtons[code] = button;
    languageGroup.append(button);
  }
  const newButton = element("button", { type: "button", class: "imvo-new" });
  newButton.addEventListener("click", () => startOver());
  const closeButton = element("button", { type: "button", class: "imvo-close" }, [
    element("span", { "aria-hidden": "true", text: "×" }),
  ]);
  // The log is the scrolling live region; the messages inside it are a list.
  const messages = element("ol", { class: "imvo-messages" });
  const log = element("div", {
    class: "imvo-log", id: "imvo-log", role: "log", "aria-live": "polite", "aria-relevant": "additions", tabindex: "0",
  }, [messages]);
  const status = element("p", { class: "imvo-status", role: "status" });
  const input = element("input", { class: "imvo-input", id: "imvo-input", type: "text", autocomplete: "off", maxlength: "2000" });
  const inputLabel = element("label", { class: "imvo-sr-only", for: "imvo-input" });
  const sendButton = element("button", { type: "submit", class: "imvo-send" });
  const form = element("form", { class: "imvo-form" }, [inputLabel, input, sendButton]);
  const panel = element("section", {
    class: "imvo-panel", id: "imvo-panel", role: "dialog", "aria-labelledby": "imvo-title", hidden: "",
  }, [
    element("header", { class: "imvo-header" }, [title, newButton, languageGroup, closeButton]),
    log,
    status,
    form,
  ]);
  const root = element("div", { class: "imvo-chat" }, [panel, launcher]);
  config.container.append(root);

  // Every text of the widget itself, in the current language.
  function applyTexts() {
    root.setAttribute("lang", language);
    root.dataset.language = language;
    title.textContent = t("title");
    launcher.textContent = t("open");
    closeButton.setAttribute("aria-label", t("close"));
    // the short label on a phone is part of the long one, so what is seen is part of what is announced
    newButton.replaceChildren(
      element("span", { class: "imvo-new-long", text: t("newConversation") }),
      element("span", { class: "imvo-new-short", "aria-hidden": "true", text: t("newShort") }),
    );
    newButton.setAttribute("aria-label", t("newConversation"));
    newButton.title = t("newConversationLabel");
    closeButton.title = t("close");
    languageGroup.setAttribute("aria-label", t("language"));
    log.setAttribute("aria-label", t("log"));
    inputLabel.textContent = t("input");
    input.placeholder = t("placeholder");
    sendButton.textContent = t("send");
    status.textContent = statusKey ? t(statusKey) : "";
    for (const [code, button] of Object.entries(languageButtons)) {
      button.setAttribute("aria-pressed", String(code === language));
    }
    for (const who of messages.querySelectorAll(".imvo-who")) {
      who.textContent = `${t(who.dataset.who)}: `;
      who.lang = language;
    }
    for (const hint of messages.querySelectorAll(".imvo-new-tab")) {
      hint.textContent = ` ${t("newTab")}`;
      hint.lang = language;
    }
    for (const group of messages.querySelectorAll(".imvo-replies")) group.setAttribute("aria-label", t("replies"));
    for (const link of messages.querySelectorAll("a[data-label]")) link.firstChild.textContent = t(link.dataset.label);
    if (messages.querySelector(".imvo-welcome")) showWelcome();
  }

  function setLanguage(code) {
    if (!TEXTS[code] || code === language) return;
    language = code;
    save("language", language);
    applyTexts();
  }

  function setStatus(key) {
    statusKey = key;
    status.textContent = key ? t(key) : "";
  }

  // Open: the panel with its own close button replaces the launcher, so nothing
  // floats over the panel. Focus moves only when the user opens or closes it.
  function setOpen(open, moveFocus = true) {
    panel.hidden = !open;
    launcher.hidden = open;
    launcher.setAttribute("aria-expanded", String(open));
    root.classList.toggle("imvo-open", open);
    save("open", open);
    if (open) {
      log.scrollTop = log.scrollHeight;
      if (moveFocus) input.focus();
    } else if (moveFocus) {
      launcher.focus();
    }
  }

  // --- messages --------------------------------------------------------------
  function bubble(message) {
    const item = element("li", { class: `imvo-message imvo-${message.from}` });
    if (message.language) item.setAttribute("lang", message.language);
    const who = message.from === "user" ? "you" : "bot";
    // the speaker is announced in the widget's language, not the message's
    item.append(element("span", { class: "imvo-sr-only imvo-who", lang: language, "data-who": who, text: `${t(who)}: ` }));
    messages.append(item);
    return item;
  }

  // Bot parts of one answer join one bubble, and the answer is read from its top: the log scrolls so the
  // bubble's first line is at the top (a user's own message scrolls to the bottom).
  function render(message, live = false) {
    const joining = message.from === "bot" && answer !== null;
    const item = joining ? answer : bubble(message);
    if (joining) item.append(element("br"), element("br"));
    item.append(richText(message.text, t("newTab"), language, t));
    if (message.buttons && message.buttons.length && message.active) {
      const group = element("div", { class: "imvo-replies", role: "group", "aria-label": t("replies") });
      for (const choice of message.buttons) {
        const button = element("button", { type: "button", class: "imvo-reply", text: choice.title });
        button.addEventListener("click", () => {
          message.active = false;
          save("history", history);
          group.remove();
          send(choice.payload, choice.title);
          input.focus(); // the button is gone: focus stays in the conversation
        });
        group.append(button);
      }
      item.append(group);
    }
    if (message.from === "bot" && live) {
      if (!joining) log.scrollTop += item.getBoundingClientRect().top - log.getBoundingClientRect().top - 8;
      answer = item;
    } else {
      answer = null;
      log.scrollTop = log.scrollHeight;
    }
  }

  // The first screen of an empty conversation: what the assistant does, and example questions to start with.
  function showWelcome() {
    for (const old of messages.querySelectorAll(".imvo-welcome")) old.remove();
    if (history.length) return;
    const item = element("li", { class: "imvo-message imvo-welcome", lang: language });
    item.append(config.recordAccess ? t("welcome") : t("welcomeGuidance"));
    const group = element("div", { class: "imvo-replies", role: "group", "aria-label": t("replies") });
    for (const example of config.recordAccess ? t("examples") : t("examplesGuidance")) {
      const button = element("button", { type: "button", class: "imvo-reply", text: example });
      button.addEventListener("click", () => {
        send(example);
        input.focus();
      });
      group.append(button);
    }
    item.append(group);
    messages.prepend(item);
  }

  // "New conversation": the screen is cleared and a new session starts (on a shared computer the next person
  // does not see this one); what the server keeps of the old one follows docs/privacy.md.
  function startOver() {
    history = [];
    save("history", history);
    answer = null;
    sessionId = null;
    save("session", null);
    messages.replaceChildren();
    root.dataset.ready = "false";
    socket.emit("session_request", { session_id: null });
    showWelcome();
    input.focus();
  }

  function remember(message) {
    // only the newest bot message keeps its buttons active; the parts of one answer are kept as one message
    if (message.from === "bot") history.forEach((m) => (m.active = false));
    const last = history[history.length - 1];
    if (message.from === "bot" && answer !== null && last && last.from === "bot") {
      last.text = `${last.text}\n\n${message.text}`;
      last.buttons = message.buttons;
      last.active = message.active;
      save("history", history);
      return;
    }
    history.push(message);
    history = history.slice(-MAX_HISTORY);
    save("history", history);
  }

  function add(message) {
    if (message.from === "bot") messages.querySelectorAll(".imvo-replies").forEach((g) => g.remove());
    for (const welcome of messages.querySelectorAll(".imvo-welcome")) welcome.remove();
    remember(message);
    render(message, true);
  }

  // The widget follows the language of the bot's replies. After a choice in the
  // widget, replies still on their way in the old language are not followed.
  function follow(replyLanguage) {
    if (!replyLanguage) return;
    if (chosen) {
      if (replyLanguage === chosen) chosen = null;
      return;
    }
    setLanguage(replyLanguage);
  }

  // --- connection -------------------------------------------------------------
  // auth is asked for at every (re)connect, so a refreshed token is used after the old one expired
  const auth = (callback) =>
    Promise.resolve()
      .then(() => config.getToken())
      .then((token) => callback(token ? { token: String(token) } : {}), () => callback({}));
  const socket = io(config.socketUrl, { path: config.socketPath, transports: ["websocket", "polling"], auth });

  socket.on("connect", () => socket.emit("session_request", { session_id: sessionId }));
  socket.on("session_confirm", (confirmed) => {
    const id = typeof confirmed === "string" ? confirmed : confirmed && confirmed.session_id;
    if (id && id !== sessionId) {
      sessionId = id;
      save("session", sessionId);
    }
    setStatus(null);
    root.dataset.ready = "true";
  });
  socket.on("disconnect", () => {
    setStatus("offline");
    root.dataset.ready = "false";
  });
  socket.on("connect_error", () => setStatus("offline"));
  socket.on("bot_uttered", (data) => {
    const buttons = (data.quick_replies || data.buttons || []).map((b) => ({ title: b.title, payload: b.payload }));
    const text = data.text || "";
    const replyLanguage = languageOf(text);
    add({ from: "bot", text, buttons, active: buttons.length > 0, language: replyLanguage });
    follow(replyLanguage);
  });

  function send(payload, shown) {
    const text = String(payload || "").trim();
    if (!text || !sessionId) return false;
    chosen = null;
    add({ from: "user", text: shown || text });
    socket.emit("user_uttered", { message: text, session_id: sessionId, metadata: { language } });
    return true;
  }

  function chooseLanguage(code) {
    if (!TEXTS[code] || code === language) return;
    setLanguage(code);
    if (send(`/switch_language{"language": "${code}"}`, code === "nl" ? "Nederlands" : "English")) chosen = code;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    send(input.value);
    input.value = "";
    input.focus();
  });
  launcher.addEventListener("click", () => setOpen(true));
  closeButton.addEventListener("click", () => setOpen(false));
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") setOpen(false);
  });

  applyTexts();
  history.forEach((message) => render(message));
  answer = null;
  showWelcome();
  setOpen(Boolean(config.open), false);
  return { send, setOpen, chooseLanguage, socket };
}
