// The resident's pre-entry page (issue 8): the life event, the date, the household, then only the
// questions the rules need, and at the end the QR code(s) of docs/qr-format.md with the procedures the
// household will probably need and what to bring. Nothing typed leaves the phone: the page makes no
// request after it has loaded (its Content-Security-Policy forbids it) and stores nothing.

import { checkDate, checkInt, checkText, LIMITS, MAX_MEMBERS } from "./checks.js";
import { today } from "./dates.js";
import { field, h, setError } from "./dom.js";
import { deadlineText, factText, formatDate, initLanguages, LANGUAGES, language, preferredLanguage, ruleText, setLanguage, t, translatesFacts } from "./i18n.js";
import { answerKey, answersProblem, interviewState, withAnswers } from "./interview.js";
import { encodeReception, TooLargeError } from "./preentry.js";
import { drawSymbol, makeSymbol } from "./qr.js";
import { Planner } from "./rules.js";

const catalog = JSON.parse(document.getElementById("catalog").textContent);
const planner = new Planner(catalog);
const STEPS = ["event", "address", "members", "questions", "result"];
const MOVING = ["moving_in", "moving_within", "moving_out"];
const HAS_PREVIOUS = ["moving_in", "moving_within"];

const state = {
  step: 0,
  event: null,
  eventDate: "",
  visitDate: "",
  address: "",
  previous: "",
  members: [],
  applicant: "",
  answers: new Map(),
  nextId: 1,
};

const main = document.getElementById("main");
const live = document.getElementById("live");

function newMember() {
  const id = `p${state.nextId++}`;
  return { id, name: "", kana: "", birth: "", sex: "", sameAddress: true, address: "", subject: true };
}

// -- the reception ------------------------------------------------------------------------------------

function memberAddress(m) {
  if (!m.sameAddress) return m.address;
  return HAS_PREVIOUS.includes(state.event) ? state.previous : state.address;
}

function subject() {
  if (state.event === "death") return state.members.filter((m) => m.subject).map((m) => m.id);
  if ([...MOVING, "household_change"].includes(state.event)) {
    const chosen = state.members.filter((m) => m.subject).map((m) => m.id);
    return chosen.length === state.members.length ? null : chosen;
  }
  return null;
}

/** The reception JSON (the shape of `kakanai plan`), without answers. */
function baseReception() {
  const r = {
    event: state.event,
    event_date: state.eventDate,
    visit_date: state.visitDate || null,
    subject: subject(),
    household: { address: state.address, previous_address: HAS_PREVIOUS.includes(state.event) ? state.previous : "", facts: {} },
    members: state.members.map((m) => ({
      id: m.id, name: m.name, name_kana: m.kana, birth_date: m.birth, sex: m.sex, address: memberAddress(m), facts: {},
    })),
  };
  if (state.applicant && state.members.some((m) => m.id === state.applicant)) r.applicant = state.applicant;
  if (language().code !== "ja") r.language = language().code;  // the guidance sheet's language (issue 19)
  return r;
}

// -- steps --------------------------------------------------------------------------------------------

function render() {
  const name = STEPS[state.step];
  main.replaceChildren();
  const heading = h("h2", { id: "step-heading", tabindex: "-1" }, t(`steps.${name}`));
  const progress = h("p", { className: "progress" }, t("step", { n: state.step + 1, total: STEPS.length }));
  const summary = h("div", { id: "error-summary", className: "error-summary", role: "alert", tabindex: "-1", hidden: true });
  const body = { event: eventStep, address: addressStep, members: membersStep, questions: questionsStep, result: resultStep }[name]();
  const nav = h("div", { className: "nav" },
    state.step > 0 ? h("button", { type: "button", id: "back", className: "secondary", onclick: () => go(-1) }, t("back")) : null,
    state.step < STEPS.length - 1 ? h("button", { type: "button", id: "next", onclick: () => go(1) }, t("next")) : null);
  main.append(h("form", { id: `step-${name}`, novalidate: true, onsubmit: (e) => { e.preventDefault(); go(1); } },
    progress, heading, summary, body, nav));
}

function go(delta) {
  if (delta > 0) {
    const problems = validateStep(STEPS[state.step]);
    if (problems.length) {
      showSummary(problems);
      return;
    }
  }
  state.step = Math.max(0, Math.min(STEPS.length - 1, state.step + delta));
  render();
  window.scrollTo(0, 0);
  document.getElementById("step-heading").focus();
}

function showSummary(problems) {
  const summary = document.getElementById("error-summary");
  summary.replaceChildren(
    h("p", { className: "error-title" }, t("errors_title", { count: problems.length })),
    h("ul", {}, problems.map(([id, message]) => h("li", {}, h("a", {
      href: `#${id}`, onclick: (e) => { e.preventDefault(); document.getElementById(id)?.focus(); },
    }, message)))));
  summary.hidden = false;
  summary.focus();
}

// Each check: [field id, problem or null]; shown beside the field and listed in the summary.
function validateStep(name) {
  const checks = [];
  if (name === "event") {
    checks.push(["event-moving_in", state.event ? null : ["checks.need_event", {}]]);
    checks.push(["event-date", checkDate(state.eventDate, { required: true })]);
    checks.push(["visit-date", checkDate(state.visitDate)]);
  } else if (name === "address") {
    checks.push(["hh-address", checkText(state.address, { required: true, max: LIMITS.address })]);
    if (HAS_PREVIOUS.includes(state.event)) {
      checks.push(["hh-previous", checkText(state.previous, { required: true, max: LIMITS.address })]);
    }
  } else if (name === "members") {
    membersChecks(checks);
  } else if (name === "questions") {
    for (const el of document.querySelectorAll("[data-int-error]")) checks.push([el.id, JSON.parse(el.dataset.intError)]);
  }
  const problems = [];
  for (const [id, problem] of checks) {
    if (setError(id, problem)) problems.push([id, `${fieldName(id)}: ${t(problem[0], problem[1])}`]);
  }
  return problems;
}

/** What the error summary calls a field: its label (or its group's legend), after the person's card title. */
function fieldName(id) {
  const el = document.getElementById(id);
  if (!el) return "";
  const group = el.type === "radio" ? el.closest("fieldset") : null;
  let name = group ? group.querySelector("legend").textContent
    : el.labels && el.labels[0] ? el.labels[0].firstChild.textContent : el.textContent;
  const card = el.closest(".card");
  if (card) name = `${card.querySelector("h3").textContent} ${name}`;
  return name.trim();
}

function membersChecks(checks) {
  if (!state.members.length) checks.push(["add-member", ["checks.need_member", {}]]);
  if (state.members.length > MAX_MEMBERS) checks.push(["add-member", ["checks.too_many", { max: MAX_MEMBERS }]]);
  for (const m of state.members) {
    checks.push([`${m.id}-name`, checkText(m.name, { required: true, max: LIMITS.name })]);
    checks.push([`${m.id}-kana`, checkText(m.kana, { max: LIMITS.name_kana })]);
    let birth = checkDate(m.birth, { required: true });
    if (!birth && state.event !== "birth" && m.birth > state.eventDate) birth = ["checks.birth_after", {}];
    checks.push([`${m.id}-birth`, birth]);
    checks.push([`${m.id}-sex-male`, m.sex ? null : ["checks.required", {}]]);
    if (!m.sameAddress) checks.push([`${m.id}-address`, checkText(m.address, { max: LIMITS.address })]);
  }
  const first = state.members[0];
  if (first && state.event === "death" && !state.members.some((m) => m.subject)) {
    checks.push([`${first.id}-subject`, ["checks.need_subject_death", {}]]);
  } else if (first && [...MOVING, "household_change"].includes(state.event) && !state.members.some((m) => m.subject)) {
    checks.push([`${first.id}-subject`, ["checks.need_subject", {}]]);
  } else if (first && state.event === "birth" && !state.members.some((m) => m.birth === state.eventDate)) {
    checks.push([`${first.id}-birth`, ["checks.need_newborn", {}]]);
  }
}

function textInput(value, onInput, attrs = {}) {
  return h("input", { type: "text", value, autocomplete: "off", ...attrs, oninput: (e) => onInput(e.target.value) });
}

function dateInput(value, onInput, attrs = {}) {
  return h("input", { type: "date", value, min: "1868-01-25", max: "2100-12-31", ...attrs, oninput: (e) => onInput(e.target.value) });
}

function radioGroup({ id, legend, help, name, options, value, onChange, className = "choices" }) {
  const helpId = help ? `${id}-help` : null;
  return h("fieldset", { className, id: `${id}-group`, "aria-describedby": [helpId, `${id}-error`].filter(Boolean).join(" ") },
    h("legend", {}, legend),
    help ? h("p", { className: "help", id: helpId }, help) : null,
    options.map(([optValue, label], i) => h("label", { className: "choice" },
      h("input", {
        type: "radio", name, value: optValue, id: i === 0 ? id : `${name}-${optValue}`, checked: value === optValue,
        onchange: () => onChange(optValue),
      }), h("span", {}, label))),
    h("p", { className: "error", id: `${id}-error`, hidden: true }));
}

function eventStep() {
  const events = catalog.events.map((e) => [e.id, t(`events.${e.id}`) === `events.${e.id}` ? e.label : t(`events.${e.id}`)]);
  const group = radioGroup({
    id: "event-moving_in", legend: t("event.legend"), help: t("event.help"), name: "event", options: events,
    value: state.event, onChange: (v) => {
      state.event = v;
      document.getElementById("event-date-help").textContent = t(`event.date_help.${v}`);
    },
  });
  // Stable ids for every option (tests and deep links): event-<id>.
  group.querySelectorAll("input[type=radio]").forEach((input) => { input.id = `event-${input.value}`; });
  if (!state.eventDate) state.eventDate = today();
  return h("div", {}, h("p", { className: "lead" }, t("lead")), group,
    field({ id: "event-date", label: t("event.date"), required: true, help: state.event ? t(`event.date_help.${state.event}`) : " ",
      input: dateInput(state.eventDate, (v) => { state.eventDate = v; }) }),
    field({ id: "visit-date", label: `${t("event.visit")}（${t("optional")}）`, help: t("event.visit_help"),
      input: dateInput(state.visitDate, (v) => { state.visitDate = v; }) }));
}

function addressStep() {
  const moving = HAS_PREVIOUS.includes(state.event);
  const attrs = { autocomplete: "off", lang: "ja", className: "wide" };
  return h("div", {},
    field({ id: "hh-address", label: moving ? t("address.new") : t("address.current"), required: true,
      help: moving ? t("address.new_help") : t("address.current_help"),
      input: textInput(state.address, (v) => { state.address = v; }, attrs) }),
    moving ? field({ id: "hh-previous", label: t("address.previous"), required: true, help: t("address.previous_help"),
      input: textInput(state.previous, (v) => { state.previous = v; }, attrs) }) : null);
}

function membersStep() {
  if (!state.members.length) state.members.push(newMember());
  const list = h("div", { id: "members" });
  const intro = [t("members.intro")];
  if (state.event === "birth") intro.push(t("members.intro_birth"));
  if (state.event === "death") intro.push(t("members.intro_death"));
  const redraw = (focusId) => {
    list.replaceChildren(...state.members.map((m, i) => memberCard(m, i, redraw)));
    applicantSelect.replaceWith(applicantSelect = applicantField());
    if (focusId) document.getElementById(focusId)?.focus();
  };
  let applicantSelect = applicantField();
  const add = h("button", {
    type: "button", id: "add-member", className: "secondary", "aria-describedby": "add-member-error",
    onclick: () => {
      if (state.members.length >= MAX_MEMBERS) return;
      const m = newMember();
      state.members.push(m);
      redraw(`${m.id}-name`);
    },
  }, `＋ ${t("members.add")}`);
  list.replaceChildren(...state.members.map((m, i) => memberCard(m, i, redraw)));
  return h("div", {}, intro.map((p) => h("p", { className: "lead" }, p)), list,
    h("div", { className: "field" }, add, h("p", { className: "error", id: "add-member-error", hidden: true })),
    applicantSelect);
}

function memberDisplayName(m, i) {
  return m.name.trim() || t("members.unnamed", { n: i + 1 });
}

function applicantField() {
  const select = h("select", { onchange: (e) => { state.applicant = e.target.value; } },
    h("option", { value: "" }, t("members.applicant_none")),
    state.members.map((m, i) => h("option", { value: m.id, selected: state.applicant === m.id }, memberDisplayName(m, i))));
  return field({ id: "applicant", label: `${t("members.applicant")}（${t("optional")}）`, help: t("members.applicant_help"), input: select });
}

function memberCard(m, i, redraw) {
  const id = m.id;
  const sexes = ["male", "female", "not_applicable"].map((s) => [s, t(`members.sexes.${s}`)]);
  const sex = radioGroup({ id: `${id}-sex-male`, legend: t("members.sex"), name: `${id}-sex`, options: sexes, value: m.sex,
    className: "choices inline", onChange: (v) => { m.sex = v; } });
  const addressInput = textInput(m.address, (v) => { m.address = v; }, { lang: "ja", className: "wide" });
  const addressField = field({ id: `${id}-address`, label: t("members.address"), input: addressInput });
  addressField.hidden = m.sameAddress;
  const same = h("label", { className: "check" }, h("input", {
    type: "checkbox", id: `${id}-same-address`, checked: m.sameAddress,
    onchange: (e) => { m.sameAddress = e.target.checked; addressField.hidden = m.sameAddress; },
  }), h("span", {}, t("members.same_address", {
    which: HAS_PREVIOUS.includes(state.event) ? t("address.previous") : t("address.current"),
  })));
  let subjectBox = null;
  const subjectLabel = state.event === "death" ? t("members.subject.death")
    : MOVING.includes(state.event) ? t("members.subject.moving")
      : state.event === "household_change" ? t("members.subject.household_change") : null;
  if (state.event === "death" && m.subject === true && !m.subjectTouched) m.subject = false;
  if (subjectLabel) {
    subjectBox = h("div", { className: "field" }, h("label", { className: "check" }, h("input", {
      type: "checkbox", id: `${id}-subject`, checked: m.subject, "aria-describedby": `${id}-subject-error`,
      onchange: (e) => { m.subject = e.target.checked; m.subjectTouched = true; },
    }), h("span", {}, subjectLabel)), h("p", { className: "error", id: `${id}-subject-error`, hidden: true }));
  }
  const remove = state.members.length > 1 ? h("button", {
    type: "button", className: "link", id: `${id}-remove`,
    onclick: () => {
      state.members = state.members.filter((x) => x !== m);
      if (state.applicant === id) state.applicant = "";
      redraw(state.members[Math.max(0, i - 1)] && `${state.members[Math.max(0, i - 1)].id}-name`);
    },
  }, t("members.remove", { name: memberDisplayName(m, i) })) : null;
  return h("section", { className: "card", "aria-labelledby": `${id}-title` },
    h("h3", { id: `${id}-title` }, t("members.person", { n: i + 1 })),
    field({ id: `${id}-name`, label: t("members.name"), required: true, help: t("members.name_help"),
      input: textInput(m.name, (v) => { m.name = v; }, { lang: "ja", autocomplete: "off" }) }),
    field({ id: `${id}-kana`, label: t("members.kana"), help: t("members.kana_help"),
      input: textInput(m.kana, (v) => { m.kana = v; }, { lang: "ja", autocomplete: "off" }) }),
    field({ id: `${id}-birth`, label: t("members.birth"), required: true,
      input: dateInput(m.birth, (v) => { m.birth = v; }) }),
    sex, h("div", { className: "field" }, same), addressField, subjectBox, remove);
}

// -- the interview ------------------------------------------------------------------------------------

function questionsStep() {
  const container = h("div", { id: "questions" });
  const wrapper = h("div", {}, h("p", { className: "lead" }, t("questions.intro")), container);
  // Built once the form is in the document (the incremental update looks nodes up by id).
  queueMicrotask(() => updateInterview(container, false));
  return wrapper;
}

function questionText(q, fact) {
  const person = q.person ? state.members.find((m) => m.id === q.person) : null;
  const translated = factText(fact.id, "prompt");
  return translated ? translated.replaceAll("{name}", person ? person.name : "") : q.prompt;
}

function updateInterview(container, announce = true) {
  const base = baseReception();
  const { kept, open, keys } = interviewState(planner, base, state.answers);
  const before = new Set([...container.children].map((el) => el.dataset.key));
  let added = 0;
  let cursor = container.firstElementChild;
  for (const key of keys) {
    let node = document.getElementById(`q-${cssKey(key)}`);
    if (!node) {
      node = questionNode(key, open.get(key), kept.get(key));
      added += before.has(key) ? 0 : 1;
    }
    if (node !== cursor) container.insertBefore(node, cursor);
    else cursor = cursor.nextElementSibling;
  }
  for (const el of [...container.children]) if (!keys.includes(el.dataset.key)) el.remove();
  groupHeadings(container);
  if (!keys.length) container.replaceChildren(h("p", { id: "no-questions" }, t("questions.none")));
  else document.getElementById("no-questions")?.remove();
  if (announce && added) live.textContent = t("questions.added", { count: added });
}

const cssKey = (key) => key.replace("|", "--") || "x";

/** A heading before the first question of the household and of each member. */
function groupHeadings(container) {
  let last = null;
  for (const node of container.querySelectorAll(".question")) {
    const person = node.dataset.key.split("|")[1];
    const heading = node.querySelector(".group-title");
    if (person !== last) {
      const m = state.members.find((x) => x.id === person);
      heading.textContent = person ? t("questions.about", { name: m ? m.name : person }) : t("questions.household");
      heading.hidden = false;
    } else {
      heading.hidden = true;
    }
    last = person;
  }
}

function questionNode(key, question, value) {
  const [factId, person] = key.split("|");
  const fact = planner.facts[factId];
  const q = question || { fact: factId, person: person || null, prompt: fact.prompt.replaceAll("{name}", person ? (state.members.find((m) => m.id === person)?.name || "") : "") };
  const id = `q-${cssKey(key)}`;
  const help = factText(factId, "help") || fact.help;
  const translated = translatesFacts();
  const legend = h("legend", { id: `${id}-legend` }, questionText(q, fact));
  const original = translated ? h("p", { className: "original", lang: "ja" }, q.prompt) : null;
  const helpEl = help ? h("p", { className: "help", id: `${id}-help` }, help) : null;
  const error = h("p", { className: "error", id: `${id}-error`, hidden: true });
  const set = (v) => {
    const before = state.answers.get(key);
    const put = (x) => (x === undefined ? state.answers.delete(key) : state.answers.set(key, x));
    put(v);
    const problem = answersProblem(planner, baseReception(), state.answers);
    if (problem !== null) {
      // The law allows no such household (a second 世帯主): the answer is taken back, and the question says why.
      put(before);
      for (const input of error.parentElement.querySelectorAll("input[type=radio]")) input.checked = input.value === String(before);
      error.textContent = problem;
      error.hidden = false;
      error.dataset.refused = "1";
      return;
    }
    if (error.dataset.refused) {  // only the refusal's own message (a date's format error is setError's)
      delete error.dataset.refused;
      error.hidden = true;
    }
    updateInterview(document.getElementById("questions"));
  };
  const label = (v) => factText(factId, "value", v) || fact.value_labels[fact.values.indexOf(v)] || v;
  let controls;
  const inputId = (v) => `${id}-${v}`;
  if (fact.kind === "bool" || fact.kind === "choice") {
    const values = fact.kind === "bool" ? [true, false] : fact.values;
    controls = values.map((v, i) => h("label", { className: "choice" }, h("input", {
      type: "radio", name: id, id: inputId(String(v)), value: String(v), checked: value === v,
      onchange: () => set(v),
    }), h("span", {}, fact.kind === "bool" ? boolLabel(factId, v) : label(v))));
  } else if (fact.kind === "multi") {
    const boxes = [...fact.values, fact.none_value].map((v) => h("input", {
      type: "checkbox", id: inputId(v), value: v,
      checked: Array.isArray(value) && (v === fact.none_value ? value.length === 0 : value.includes(v)),
    }));
    const update = (changed) => {
      const none = boxes[boxes.length - 1];
      if (changed === none && none.checked) boxes.slice(0, -1).forEach((b) => { b.checked = false; });
      if (changed !== none && changed.checked) none.checked = false;
      const chosen = boxes.slice(0, -1).filter((b) => b.checked).map((b) => b.value);
      set(chosen.length || none.checked ? chosen : undefined);
    };
    controls = boxes.map((box, i) => {
      box.addEventListener("change", () => update(box));
      const text = i < fact.values.length ? label(fact.values[i]) : t("questions.any_none");
      return h("label", { className: "choice" }, box, h("span", {}, text));
    });
  } else {
    const isInt = fact.kind === "int";
    const input = h("input", {
      type: isInt ? "text" : "date", id: inputId("value"), inputmode: isInt ? "numeric" : null, "aria-labelledby": legend.id,
      value: value ?? "", min: isInt ? null : "1868-01-25", max: isInt ? null : "2100-12-31",
      "aria-describedby": [helpEl?.id, error.id].filter(Boolean).join(" "),
      oninput: (e) => {
        const raw = e.target.value.trim();
        const problem = !raw ? null : isInt ? checkInt(raw, fact.min, fact.max) : checkDate(raw);
        setError(inputId("value"), problem);
        if (problem) e.target.dataset.intError = JSON.stringify(problem);
        else delete e.target.dataset.intError;
        set(!raw || problem ? undefined : isInt ? Number(raw) : raw);
      },
    });
    if (isInt && fact.min != null) input.placeholder = t("questions.number_hint", { min: fact.min, max: fact.max });
    controls = [input];
    error.id = `${inputId("value")}-error`;
  }
  return h("div", { className: "question", id, "data-key": key },
    h("h3", { className: "group-title", hidden: true }),
    h("fieldset", { className: "choices", "aria-describedby": helpEl ? helpEl.id : null },
      legend, original, helpEl, ...controls, error));
}

function boolLabel(factId, value) {
  const translated = factText(factId, "value", String(value));
  return translated || t(value ? "questions.yes" : "questions.no");
}

// -- the result ---------------------------------------------------------------------------------------

function finalReception() {
  const base = baseReception();
  const { kept, plan } = interviewState(planner, base, state.answers);
  const reception = withAnswers(base, kept);
  // Empty values are left out of the document anyway; drop them here for a tidy reception.
  if (!reception.visit_date) delete reception.visit_date;
  if (reception.subject === null) delete reception.subject;
  return { reception, plan };
}

function resultStep() {
  const { reception, plan } = finalReception();
  const out = h("div", { id: "result" });
  let encoded;
  try {
    encoded = encodeReception(reception);
  } catch (e) {
    if (!(e instanceof TooLargeError)) throw e;
    out.append(h("p", { className: "error", role: "alert" }, t("checks.too_large")));
    return out;
  }
  const count = encoded.texts.length;
  out.append(h("p", { className: "lead" }, t("result.intro")));
  if (count > 1) out.append(h("p", { className: "notice" }, t("result.several", { count })));
  const eventLabel = catalog.events.find((e) => e.id === reception.event)?.label || reception.event;
  encoded.texts.forEach((text, i) => {
    const symbol = makeSymbol(text);
    const title = t("result.code", { n: i + 1, count });
    const canvas = drawSymbol(h("canvas", { className: "qr", id: `qr-${i + 1}`, role: "img", "aria-label": title, "data-version": symbol.version }), symbol);
    const caption = `${t("result.caption")} ${i + 1}/${count}  ${reception.event_date} ${eventLabel}`;
    const save = h("button", { type: "button", id: `save-${i + 1}`, onclick: () => saveImage(symbol, caption, i + 1, count) },
      count > 1 ? t("result.save_n", { n: i + 1 }) : t("result.save"));
    out.append(h("figure", { className: "code" }, canvas, count > 1 ? h("figcaption", {}, title) : null, save));
  });
  out.append(h("div", { className: "actions" },
    h("button", { type: "button", id: "print", className: "secondary", onclick: () => window.print() }, t("result.print")),
    h("button", { type: "button", id: "edit", className: "secondary", onclick: () => { state.step = 0; render(); document.getElementById("step-heading").focus(); } }, t("result.edit"))));
  out.append(proceduresList(reception, plan));
  return out;
}

function saveImage(symbol, caption, n, count) {
  const canvas = drawSymbol(document.createElement("canvas"), symbol, { modulePx: 8, caption });
  canvas.toBlob((blob) => {
    const url = URL.createObjectURL(blob);
    const a = h("a", { href: url, download: count > 1 ? `kakanai-qr-${n}-of-${count}.png` : "kakanai-qr.png" });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }, "image/png");
}

function proceduresList(reception, plan) {
  const names = Object.fromEntries(reception.members.map((m) => [m.id, m.name]));
  const section = h("section", { className: "procedures", "aria-labelledby": "procedures-title" },
    h("h3", { id: "procedures-title" }, t("result.procedures")), h("p", { className: "help" }, t("result.procedures_note")));
  if (!plan.procedures.length) section.append(h("p", {}, t("result.procedures_none")));
  const list = h("ul", { className: "plan", lang: "ja" });
  for (const p of plan.procedures) {
    list.append(h("li", { className: `mode-${p.mode}` },
      h("p", { className: "proc-title" }, ruleText("title", p.id, p.title), p.person ? h("span", { className: "who" }, ` ${t("result.for_person", { name: names[p.person] })}`) : null),
      h("p", { className: "proc-where" }, h("span", { className: "mode", lang: language().htmlLang }, t(`result.modes.${p.mode}`)), ` ${ruleText("department", p.department, p.department_name)} ${ruleText("where", p.department, p.counter)}`),
      // The reason stays in the counter's Japanese (its people re-worded in the resident's language are the
      // guidance sheet's, kakanai.model.i18n.resident); beside a translation it reads as the original.
      h("p", { className: translatesFacts() ? "reason original" : "reason", lang: "ja" }, p.reason),
      p.deadline ? h("p", { className: "deadline" }, t("result.deadline", { date: formatDate(p.deadline) }),
        p.deadline_note ? `（${deadlineText(p.id, p.deadline_note)}）` : null)
        : p.deadline_note ? h("p", { className: "deadline" }, deadlineText(p.id, p.deadline_note)) : null));
  }
  section.append(list);
  if (plan.questions.length) section.append(h("p", { className: "notice" }, t("result.open_questions", { count: plan.questions.length })));
  const bring = [...new Set(plan.procedures.flatMap((p) => p.bring.map((b) => ruleText("bring", p.id, b))))];
  section.append(h("h3", { id: "bring-title" }, t("result.bring")),
    h("ul", { className: "bring", "aria-labelledby": "bring-title" },
      h("li", {}, t("result.bring_code")), bring.map((b) => h("li", {}, b))));
  return section;
}

// -- start ----------------------------------------------------------------------------------------------

function languageSwitch() {
  const select = document.getElementById("language");
  select.replaceChildren(...LANGUAGES.map((l) => h("option", { value: l.code, lang: l.htmlLang }, l.name)));
  select.addEventListener("change", () => {
    setLanguage(select.value);
    // Remembered for this tab only, in the address (?lang=): the page stores nothing (no cookie, no storage).
    const url = new URL(location.href);
    url.searchParams.set("lang", select.value);
    history.replaceState(null, "", url);
    chrome();
    render();
  });
}

function chrome() {
  document.getElementById("page-title").textContent = t("title");
  document.getElementById("privacy").textContent = t("privacy");
  document.getElementById("language-label").textContent = t("language");
  document.title = `${catalog.municipality.name} ${t("title")}`;
}

initLanguages(catalog.languages);
setLanguage(preferredLanguage(location.search, navigator.languages));
document.getElementById("language") && languageSwitch();
document.getElementById("language").value = language().code;
document.getElementById("municipality").textContent = catalog.municipality.name;
chrome();
render();
