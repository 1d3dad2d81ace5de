// Which language a bot reply is in, from a small built-in list of common Dutch
// and English words. The assistant answers in the language the user writes in,
// so the widget's own labels follow its replies. Only clear evidence counts:
// words both languages share ("in", "is", "we", "of", "over", "was") are on
// neither list, and a reply with few listed words, or with a mix, decides nothing.

const DUTCH = `
  de het een je jij jouw jullie u uw ik mijn wij ons onze ze zij hun hen zich
  van en niet voor met dat die deze dit daar hier er op aan ook naar bij uit
  maar als om te tot dan toch nog wel al geen niets iets alle elke ieder andere
  wordt worden werd zijn ben bent heeft hebben hebt heb kan kun kunt kunnen
  moet moeten mag mogen zal zullen zou zouden gaat gaan doen doet maken komt
  wat wie hoe waar wanneer waarom welke welk omdat zoals zodat waardoor
  tegen zonder tussen onder binnen sinds eerst vaak meer veel ook zo nu
  graag bijvoorbeeld samen verder echter daarom alleen wilt willen
`;

const ENGLISH = `
  the a an you your yours i my our ours us they them their he she his her it its
  and not for with that this these those there here to from at by on into
  but if than then also only just still yet no none any some each every all other
  are be been being has have having does did do done can could should would will shall may might must
  what who how where when why which whose because so such through
  without between under within since first often more most many much
  please example together further however therefore make makes get gets
`;

function words(list) {
  return new Set(list.split(/\s+/).filter(Boolean));
}

const NL_WORDS = words(DUTCH);
const EN_WORDS = words(ENGLISH);
// A word on both lists would count for both: keep each list to its own words.
for (const word of [...NL_WORDS]) {
  if (EN_WORDS.has(word)) {
    NL_WORDS.delete(word);
    EN_WORDS.delete(word);
  }
}

const TOKEN = /[a-zà-ÿ]+(?:['’][a-z]+)?/g;
const URL = /https?:\/\/\S+/g;
const MIN_WORDS = 3; // at least this many listed words of the winning language
const MARGIN = 3; // and this many times as many as of the other

export function languageOf(text) {
  const found = String(text || "").toLowerCase().replace(URL, " ").match(TOKEN) || [];
  let nl = 0;
  let en = 0;
  for (const token of found) {
    const word = token.replace(/['’].*$/, "");
    if (NL_WORDS.has(word)) nl += 1;
    else if (EN_WORDS.has(word)) en += 1;
  }
  if (nl >= MIN_WORDS && nl >= MARGIN * en) return "nl";
  if (en >= MIN_WORDS && en >= MARGIN * nl) return "en";
  return null;
}
