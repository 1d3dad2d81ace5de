// A small, accessible chat widget on Rasa's socket.io channel.
// Bot text is always inserted as text nodes (never as HTML); URLs become links.
import { io } from "socket.io-client";
import { TEXTS } from "./texts.js";

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
function richText(text, newTabLabel) {
  const fragment = document.createDocumentFragment();
  const lines = String(text || "").split("\n");
  lines.forEach((line, index) => {
    let last = 0;
    for (const match of line.matchAll(URL_PATTERN)) {
      fragment.append(line.slice(last, match.index));
      const link = element("a", { href: match[0], target: "_blank", rel: "noopener noreferrer" });
      link.append(match[0], element("span", { class: "imvo-sr-only", text: ` ${newTabLabel}` }));
      fragment.append(link);
      last = match.index + match[0].length;
    }
    fragment.append(line.slice(last));
    if (index < lines.length - 1) fragment.append(element("br"));
  });
  return fragment;
}

export function mount(options = {}) {
  const config = {
    socketUrl: options.socketUrl || window.location.origin,
    socketPath: options.socketPath || "/socket.io/",
    language: load("language", null) || options.language || "nl",  // the user's own choice wins
    open: options.open !== undefined ? options.open : load("open", false),
    container: options.container || document.body,
  };
  let language = TEXTS[config.language] ? config.language : "nl";
  let history = load("history", []);
  let sessionId = load("session", null);
  const t = (key) => TEXTS[language][key];

  // --- structure -----------------------------------------------------------
  const launcher = element("button", { class: "imvo-launcher", type: "button", "aria-expanded": "false" });
  const title = element("h2", { class: "imvo-title", id: "imvo-title" });
  const languageGroup = element("div", { class: "imvo-languages", role: "group" });
  const languageButtons = {};
  for (const code of ["nl", "en"]) {
    const button = element("button", {
      type: "button", class: "imvo-language", lang: code, text: code.toUpperCase(),
      "aria-label": code === "nl" ? "Nederlands" : "English",
    });
    button.addEventListener("click", () => chooseLanguage(code));
    languageButtons[code] = button;
    languageGroup.append(button);
  }
  const closeButton = element("button", { type: "button", class: "imvo-close", text: "×" });
  const log = element("ol", { class: "imvo-log", role: "log", "aria-live": "polite", "aria-relevant": "additions" });
  const status = element("p", { class: "imvo-status", role: "status" });
  const input = element("input", { class: "imvo-input", id: "imvo-input", type: "text", autocomplete: "off", maxlength: "2000" });
  const inputLabel = element("label", { class: "imvo-sr-only", for: "imvo-input" });
  const sendButton = element("button", { type: "submit", class: "imvo-send" });
  const form = element("form", { class: "imvo-form" }, [inputLabel, input, sendButton]);
  const panel = element("section", { class: "imvo-panel", role: "dialog", "aria-labelledby": "imvo-title", hidden: "" }, [
    element("header", { class: "imvo-header" }, [title, languageGroup, closeButton]),
    log,
    status,
    form,
  ]);
  const root = element("div", { class: "imvo-chat" }, [panel, launcher]);
  config.container.append(root);

  function applyTexts() {
    root.setAttribute("lang", language);
    title.textContent = t("title");
    launcher.textContent = panel.hidden ? t("open") : t("close");
    closeButton.setAttribute("aria-label", t("close"));
    languageGroup.setAttribute("aria-label", t("language"));
    log.setAttribute("aria-label", t("log"));
    inputLabel.textContent = t("input");
    input.placeholder = t("placeholder");
    sendButton.textContent = t("send");
    for (const [code, button] of Object.entries(languageButtons)) {
      button.setAttribute("aria-pressed", String(code === language));
    }
  }

  function setOpen(open) {
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", String(open));
    save("open", open);
    applyTexts();
    if (open) {
      input.focus();
      log.scrollTop = log.scrollHeight;
    } else {
      launcher.focus();
    }
  }

  // --- messages --------------------------------------------------------------
  function render(message) {
    const item = element("li", { class: `imvo-message imvo-${message.from}` });
    item.append(element("span", { class: "imvo-sr-only", text: `${t(message.from === "user" ? "you" : "bot")}: ` }));
    item.append(richText(message.text, t("newTab")));
    log.append(item);
    if (message.buttons && message.buttons.length && message.active) {
      const group = element("div", { class: "imvo-replies", role: "group", "aria-label": t("replies") });
      for (const choice of message.buttons) {
        const button = element("button", { type: "button", class: "imvo-reply", text: choice.title });
        button.addEventListener("click", () => {
          message.active = false;
          save("history", history);
          group.remove();
          send(choice.payload, choice.title);
        });
        group.append(button);
      }
      item.append(group);
    }
    log.scrollTop = log.scrollHeight;
  }

  function remember(message) {
    // only the newest bot message keeps its buttons active
    if (message.from === "bot") history.forEach((m) => (m.active = false));
    history.push(message);
    history = history.slice(-MAX_HISTORY);
    save("history", history);
  }

  function add(message) {
    if (message.from === "bot") log.querySelectorAll(".imvo-replies").forEach((g) => g.remove());
    remember(message);
    render(message);
  }

  // --- connection -------------------------------------------------------------
  const socket = io(config.socketUrl, { path: config.socketPath, transports: ["websocket", "polling"] });
  status.textContent = t("connecting");

  socket.on("connect", () => socket.emit("session_request", { session_id: sessionId }));
  socket.on("session_confirm", (confirmed) => {
    const id = typeof confirmed === "string" ? confirmed : confirmed && confirmed.session_id;
    if (id && id !== sessionId) {
      sessionId = id;
      save("session", sessionId);
    }
    status.textContent = "";
    root.dataset.ready = "true";
  });
  socket.on("disconnect", () => {
    status.textContent = t("offline");
    root.dataset.ready = "false";
  });
  socket.on("connect_error", () => {
    status.textContent = t("offline");
  });
  socket.on("bot_uttered", (data) => {
    const buttons = (data.quick_replies || data.buttons || []).map((b) => ({ title: b.title, payload: b.payload }));
    add({ from: "bot", text: data.text || "", buttons, active: buttons.length > 0 });
  });

  function send(payload, shown) {
    const text = String(payload || "").trim();
    if (!text || !sessionId) return;
    add({ from: "user", text: shown || text });
    socket.emit("user_uttered", { message: text, session_id: sessionId, metadata: { language } });
  }

  function chooseLanguage(code) {
    if (code === language) return;
    language = code;
    save("language", language);
    applyTexts();
    send(`/switch_language{"language": "${code}"}`, code === "nl" ? "Nederlands" : "English");
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    send(input.value);
    input.value = "";
    input.focus();
  });
  launcher.addEventListener("click", () => setOpen(panel.hidden));
  closeButton.addEventListener("click", () => setOpen(false));
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") setOpen(false);
  });

  applyTexts();
  history.forEach(render);
  setOpen(Boolean(config.open));
  return { send, setOpen, chooseLanguage, socket };
}
