// Languages of the page. Adding one (zh, ko, vi, pt, やさしい日本語 "ja-easy") = one file in locales/ and one
// line here. A message missing in a language falls back to Japanese, the language of the counter; the
// catalog's own texts (question texts, procedure names, reasons) are Japanese, and a language may give
// translations of the fact questions under `facts` (keyed by fact id; a new fact shows in Japanese).
import ja from "./locales/ja.js";
import en from "./locales/en.js";

export const LANGUAGES = [
  { code: "ja", htmlLang: "ja", name: "日本語", messages: ja },
  { code: "en", htmlLang: "en", name: "English", messages: en },
];

let current = LANGUAGES[0];

export function setLanguage(code) {
  current = LANGUAGES.find((l) => l.code === code) || LANGUAGES[0];
  document.documentElement.lang = current.htmlLang;
  return current;
}

export function language() {
  return current;
}

function lookup(messages, key) {
  return key.split(".").reduce((obj, part) => (obj && typeof obj === "object" ? obj[part] : undefined), messages);
}

/** The message `key` ("step.members") with {placeholders} filled. */
export function t(key, params = {}) {
  let text = lookup(current.messages, key);
  if (text === undefined) text = lookup(ja, key);
  if (text === undefined) return key;
  return String(text).replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

/** A translation of a catalog text, or undefined (the page then shows the Japanese text). */
export function factText(factId, part, value) {
  if (current.code === "ja") return undefined;
  const fact = current.messages.facts && current.messages.facts[factId];
  if (!fact) return undefined;
  return part === "value" ? fact.values && fact.values[value] : fact[part];
}

/** A date as the resident reads it: 2026年4月9日（木） / Thu, 9 Apr 2026. */
export function formatDate(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  const months = lookup(current.messages, "months");
  return t("date_format", { y, m, d, mon: months ? months[m - 1] : m });
}

/** The language asked for in the address (?lang=en), else the phone's first language the page has. */
export function preferredLanguage(search, navigatorLanguages) {
  const asked = new URLSearchParams(search).get("lang");
  if (asked && LANGUAGES.some((l) => l.code === asked)) return asked;
  for (const tag of navigatorLanguages || []) {
    const found = LANGUAGES.find((l) => tag.toLowerCase().split("-")[0] === l.code);
    if (found) return found.code;
  }
  return LANGUAGES[0].code;
}
