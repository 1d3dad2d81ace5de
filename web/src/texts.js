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
    newConversation: "Nieuw gesprek",
    newShort: "Nieuw",
    newConversationLabel: "Nieuw gesprek beginnen (wist dit gesprek van het scherm)",
    welcome:
      "Hallo! Ik help je bij stap 3 van gepaste zorgvuldigheid: negatieve gevolgen in je keten voorkomen, beperken of stoppen. " +
      "Ik ken jullie eigen leveranciersgegevens en geef advies per leverancier: risico's, invloed, land, keurmerken en een actieplan. " +
      "Typ je vraag, of begin met een voorbeeld:",
    welcomeGuidance:
      "Hallo! Ik help je bij stap 3 van gepaste zorgvuldigheid: negatieve gevolgen in je keten voorkomen, beperken of stoppen. " +
      "Typ je vraag, of begin met een voorbeeld:",
    examples: [
      "Welke leveranciers moeten we eerst aanpakken?",
      "Maak een actieplan voor een leverancier",
      "Welke van onze leveranciers zijn nooit geaudit?",
      "Hoe vergroten we onze invloed als kleine klant?",
    ],
    examplesGuidance: [
      "Wat houdt stap 3 in?",
      "Hoe vergroten we onze invloed als kleine klant?",
      "Wat doen we als vakbonden bij wet verboden zijn?",
      "Wanneer beëindigen we de relatie met een leverancier?",
    ],
    openPlan: "het plan openen",
    pdf: "PDF",
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
    newConversation: "New chat",
    newShort: "New",
    newConversationLabel: "Start a new conversation (clears this conversation from the screen)",
    welcome:
      "Hello! I help you with step 3 of due diligence: preventing, mitigating or stopping negative impacts in your supply chain. " +
      "I know your company's own supplier records and give advice per supplier: risks, leverage, country, schemes and an action plan. " +
      "Type your question, or start with an example:",
    welcomeGuidance:
      "Hello! I help you with step 3 of due diligence: preventing, mitigating or stopping negative impacts in your supply chain. " +
      "Type your question, or start with an example:",
    examples: [
      "Which suppliers should we tackle first?",
      "Draft an action plan for a supplier",
      "Which of our suppliers were never audited?",
      "How do we increase our leverage as a small buyer?",
    ],
    examplesGuidance: [
      "What is step 3 about?",
      "How do we increase our leverage as a small buyer?",
      "What can we do where unions are prohibited by law?",
      "When do we end the relationship with a supplier?",
    ],
    openPlan: "open the plan",
    pdf: "PDF",
  },
};
