// Languages of the page (issue 19). Every text comes from the gettext catalogs of resources/locales:
// `kakanai prefill build` writes, per language, the entries that language has translated (catalog
// `languages`, kakanai.cli.prefill_site.page_languages), keyed by their msgctxt — `prefill:<key>` for the
// page's own words, `question:<fact>`, `help:<fact>`, `value:<fact>:<value>` for the questions. A new
// language is a new catalog file: no code here. A missing entry falls back to やさしい日本語, then to the
// Japanese source, and is marked ※ (as the guidance sheet marks it).
const SOURCE = "ja";
const EASY = "ja-easy";
export const FALLBACK_MARK = "※";

export let LANGUAGES = [];
let byCode = new Map();
let current = null;

/** The languages of the built page (`catalog.languages`), in the catalogs' order (ja first). */
export function initLanguages(languages) {
  LANGUAGES = languages.map((l) => ({ ...l, htmlLang: l.code === EASY ? "ja" : l.code }));
  byCode = new Map(LANGUAGES.map((l) => [l.code, l]));
  current = byCode.get(SOURCE) || LANGUAGES[0];
}

export function setLanguage(code) {
  current = byCode.get(code) || byCode.get(SOURCE) || LANGUAGES[0];
  document.documentElement.lang = current.htmlLang;
  return current;
}

export function language() {
  return current;
}

/** The entry `key` (a msgctxt) in the current language, else ja-easy, else Japanese marked ※; undefined
 * when not even the Japanese has it (a fact without help). */
export function entry(key) {
  const own = current.texts[key];
  if (own !== undefined) return own;
  for (const code of [EASY, SOURCE]) {
    const text = byCode.get(code)?.texts[key];
    if (text !== undefined) return FALLBACK_MARK + text;
  }
  return undefined;
}

function fill(text, params) {
  return String(text).replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

/** The page's message `key` ("result.save") with {placeholders} filled. */
export function t(key, params = {}) {
  const text = entry(`prefill:${key}`);
  return text === undefined ? key : fill(text, params);
}

/** A question's text (part "prompt" or "help") or an answer's label (part "value"), or undefined. */
export function factText(factId, part, value) {
  const key = part === "value" ? `value:${factId}:${value}` : `${part === "prompt" ? "question" : "help"}:${factId}`;
  return entry(key);
}

/** Whether the page shows a question in a language other than Japanese (the Japanese goes beside it). */
export function translatesFacts() {
  return current.code !== SOURCE;
}

/** A date as the resident reads it, in the browser's own conventions for the language: 2026年4月9日 /
 * 9 Apr 2026 / 2026. 4. 9. … */
export function formatDate(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return new Intl.DateTimeFormat(current.htmlLang, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" })
    .format(new Date(Date.UTC(y, m - 1, d)));
}

/** The language asked for in the address (?lang=en), else the phone's first language the page has. */
export function preferredLanguage(search, navigatorLanguages) {
  const asked = new URLSearchParams(search).get("lang");
  if (asked && byCode.has(asked)) return asked;
  for (const tag of navigatorLanguages || []) {
    const lower = tag.toLowerCase();
    const found = LANGUAGES.find((l) => l.code.toLowerCase() === lower)
      || LANGUAGES.find((l) => l.code !== EASY && lower.split("-")[0] === l.code.toLowerCase().split("-")[0]);
    if (found) return found.code;
  }
  return SOURCE;
}

/** A rule's resident-facing text (kind "title", "bring", "deadline", "department", "where" of a procedure
 * or department `id`) in the current language; the Japanese, marked ※, when no catalog has it (a
 * municipality's own wording, a rule edited since it was translated). */
export function ruleText(kind, id, source) {
  if (current.code === SOURCE) return source;
  return entry(`${kind}:${id}|${source}`) ?? FALLBACK_MARK + source;
}

/** The rule's deadline wording inside a note the planner extended (「…（5/9は土曜日…のため翌開庁日）」):
 * the resident reads the rule's own note, as on the guidance sheet; the date shown carries the rest. */
export function deadlineText(procId, note) {
  if (current.code === SOURCE) return note;
  const ja = byCode.get(SOURCE).texts;
  for (let end = note.length; end > 0; end = note.lastIndexOf("（", end - 1)) {
    const base = note.slice(0, end);
    if (`deadline:${procId}|${base}` in ja) return ruleText("deadline", procId, base);
    if (end === 0) break;
  }
  return FALLBACK_MARK + note;
}
