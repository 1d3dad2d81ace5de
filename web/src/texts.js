// Every text of the widget's own interface, in Dutch and English, saying the same
// (the bot's answers come from the assistant itself). The widget shows the set of
// the conversation's language. The NL/EN buttons name each language in its own
// language ("Nederlands", "English") in both sets.
export const TEXTS = {
  nl: {
    title: "IMVO-assistent",
    open: "Chat openen",
    close: "Chat sluiten",
    log: "Gesprek met de IMVO-assistent",
    input: "Je vraag",
    placeholder: "Typ je vraag…",
    send: "Versturen",
    language: "Taal van het gesprek",
    connecting: "Verbinden…",
    offline: "Geen verbinding – opnieuw proberen…",
    you: "Jij",
    bot: "Assistent",
    replies: "Antwoordopties",
    newTab: "(opent in nieuw tabblad)",
    greeting: "hallo",
  },
  en: {
    title: "IRBC assistant",
    open: "Open chat",
    close: "Close chat",
    log: "Conversation with the IRBC assistant",
    input: "Your question",
    placeholder: "Type your question…",
    send: "Send",
    language: "Conversation language",
    connecting: "Connecting…",
    offline: "No connection – retrying…",
    you: "You",
    bot: "Assistant",
    replies: "Reply options",
    newTab: "(opens in a new tab)",
    greeting: "hello",
  },
};
