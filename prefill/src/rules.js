// The rule engine of kakanai (kakanai.rules) in JavaScript, for the resident's pre-entry page.
//
// It evaluates the catalog exported at build time (kakanai.rules.export.export_catalog: conditions as
// written, docs/rules-format.md) and must decide exactly as the Python engine: the same procedures for
// the same members, the same open questions. tests/integration/prefill/test_crosscheck.py runs every rule
// test case through both engines and compares them, so the page's questions never drift from the rules.
//
// Three-valued (Kleene) logic: a condition is TRUE, FALSE or UNKNOWN, and UNKNOWN carries the facts whose
// answers would decide it. In `all` only the first unknown part is asked (kakanai.rules.conditions).

import {
  ageOn,
  endOfFirstMarch31AfterAttaining,
  lateElderlyStart,
  schoolGrade,
} from "./agelaw.js";
import { resolveClaimant } from "./claimants.js";
import { checkHousehold } from "./household_checks.js";
import { addDays, parseIso, weekday } from "./dates.js";

const F = 0, T = 1, U = 2;
const TRUE = Object.freeze({ tri: T, missing: [], witnesses: [] });
const FALSE = Object.freeze({ tri: F, missing: [], witnesses: [] });

export class ReceptionError extends Error {
  constructor(field, message) {
    super(`${field}: ${message}`);
    this.field = field;
    this.detail = message;
  }
}

/** An answer the law does not leave this member (kakanai.model.RefusedAnswer): asked again. */
export class RefusedAnswer extends ReceptionError {
  constructor(field, message, member, fact) {
    super(field, message);
    this.member = member;
    this.fact = fact;
  }
}

const missingKey = ([fact, person]) => `${fact}\u0000${person ?? ""}`;

function pushMissing(list, items) {
  for (const m of items) {
    if (!list.some((x) => x[0] === m[0] && x[1] === m[1])) list.push(m);
  }
}

/** Python's == for the plain values of parameters (True == 1, lists and objects by content). */
function pyEqual(a, b) {
  if ((typeof a === "boolean" || typeof a === "number") && (typeof b === "boolean" || typeof b === "number")) {
    return Number(a) === Number(b);
  }
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return a === b;
  return JSON.stringify(a) === JSON.stringify(b);
}

// -- compiling conditions -----------------------------------------------------------------------------

function allOf(parts) {
  return (ctx, person) => {
    let firstUnknown = null;
    let witnesses = null;
    for (const part of parts) {
      const out = part(ctx, person);
      if (out.tri === F) return FALSE;
      if (out.tri === U) {
        if (firstUnknown === null) firstUnknown = out;
      } else if (out.witnesses.length && witnesses === null) {
        witnesses = out.witnesses; // {members}: the first quantifier that names people
      }
    }
    if (firstUnknown !== null) return firstUnknown;
    return witnesses ? { tri: T, missing: [], witnesses } : TRUE;
  };
}

function anyOf(parts) {
  return (ctx, person) => {
    let firstUnknown = null;
    for (const part of parts) {
      const out = part(ctx, person);
      if (out.tri === T) return out;
      if (out.tri === U && firstUnknown === null) firstUnknown = out;
    }
    return firstUnknown || FALSE;
  };
}

function not(inner) {
  return (ctx, person) => {
    const out = inner(ctx, person);
    if (out.tri === U) return out;
    return out.tri === T ? FALSE : TRUE;
  };
}

const SELECTORS = {
  any_member: (ctx) => ctx.reception.members,
  any_subject: (ctx) => subjectMembers(ctx.reception),
  any_other: (ctx) => {
    const r = ctx.reception;
    return r.subject == null ? [] : r.members.filter((m) => !r.subject.includes(m.id));
  },
  claimant: (ctx) => (ctx.claimant ? [ctx.claimant] : []),
};

// A trigger's `about:` (kakanai.rules.conditions.ABOUT_SELECTORS): the range of any_member / count_members
// and the candidates of a person procedure.
const ABOUT_SELECTORS = {
  subjects: SELECTORS.any_subject,
  household: SELECTORS.any_member,
  others: SELECTORS.any_other,
  claimant: SELECTORS.claimant,
};

function quantifier(selector, inner, atLeast, names = true) {
  // Unknown members are asked together: one question per member for the same fact.
  return (ctx) => {
    const yes = [];
    const unknown = [];
    for (const member of selector(ctx)) {
      const out = inner(ctx, member);
      if (out.tri === T) yes.push(member.id);
      else if (out.tri === U) pushMissing(unknown, out.missing);
    }
    if (yes.length >= atLeast) return names ? { tri: T, missing: [], witnesses: yes } : TRUE;
    if (unknown.length) return { tri: U, missing: unknown, witnesses: [] };
    return FALSE;
  };
}

/** `claimant: c` (kakanai.rules.conditions._claimant): over the candidates of an undecided claimant,
 * decided when c holds for all of them or for none, else unknown asking what decides the claimant. */
function claimantTest(decided, inner) {
  return (ctx, person) => {
    const candidates = ctx.claimantCandidates;
    if (!candidates || !candidates.length) return decided(ctx, person);
    let yes = 0;
    const unknown = [];
    for (const member of candidates) {
      const out = inner(ctx, member);
      if (out.tri === T) yes += 1;
      else if (out.tri === U) pushMissing(unknown, out.missing);
    }
    if (yes === candidates.length) return TRUE;
    if (!yes && !unknown.length) return FALSE;
    const missing = [];
    pushMissing(missing, ctx.claimantMissing);
    pushMissing(missing, unknown);
    return { tri: U, missing, witnesses: [] };
  };
}

function numberRef(arg) {
  if (typeof arg === "number") return () => arg;
  if (arg && typeof arg === "object" && "param" in arg) {
    const name = arg.param;
    return (ctx) => ctx.params[name];
  }
  throw new Error(`数値か {param: 名前} が必要です（${JSON.stringify(arg)}）`);
}

function cached(ctx, key, compute) {
  let value = ctx.cache.get(key);
  if (value === undefined) {
    value = compute();
    ctx.cache.set(key, value);
  }
  return value;
}

function factTest(fact, expected) {
  switch (fact.kind) {
    case "bool":
      return (v) => v === expected;
    case "int": {
      const lo = expected.gte, hi = expected.lt;
      return (v) => Number.isInteger(v) && (lo === undefined || v >= lo) && (hi === undefined || v < hi);
    }
    case "date":
      return () => true;
    default: {
      const wanted = (Array.isArray(expected) ? expected : [expected]).map(String);
      if (fact.kind === "multi" && wanted.length === 1 && wanted[0] === "any") return (v) => v.length > 0;
      if (fact.kind === "multi" && wanted.length === 1 && wanted[0] === fact.none_value) return (v) => v.length === 0;
      if (fact.kind === "multi") return (v) => v.some((x) => wanted.includes(x));
      return (v) => wanted.includes(v);
    }
  }
}

export class Compiler {
  constructor(facts) {
    this.facts = facts; // id -> fact definition (export_catalog's "facts")
  }

  compile(node, about = "household") {
    if (node === null || node === undefined) return () => TRUE;
    if (Array.isArray(node)) return allOf(node.map((n) => this.compile(n, about)));
    const [key] = Object.keys(node);
    const arg = node[key];
    if (key === "all") return allOf(arg.map((n) => this.compile(n, about)));
    if (key === "any") return anyOf(arg.map((n) => this.compile(n, about)));
    if (key === "not") return not(this.compile(arg, about));
    if (key in SELECTORS) {
      // The subject and the claimant have their own placeholders: only household quantifiers name {members}.
      const names = key === "any_member" || key === "any_other";
      const selector = key === "any_member" ? ABOUT_SELECTORS[about] : SELECTORS[key];
      const inner = this.compile(arg, about);
      if (key === "claimant") return claimantTest(quantifier(selector, inner, 1, names), inner);
      return quantifier(selector, inner, 1, names);
    }
    if (key === "count_members" || key === "count_others") {
      const selector = key === "count_members" ? ABOUT_SELECTORS[about] : SELECTORS.any_other;
      return quantifier(selector, this.compile(arg.where, about), arg.at_least);
    }
    if (key === "claimant_outside") {
      // kakanai.rules.logic.claimant_outside: the law's claimant is nobody of the household (児童手当法7条1項:
      // they claim where they live); unknown while answers still open may make it so.
      return (ctx) => {
        if (ctx.claimant) return arg ? FALSE : TRUE;
        if (ctx.claimantCandidates && ctx.claimantCandidates.length) {
          if (ctx.found && ctx.found.outside) return { tri: U, missing: [...(ctx.claimantMissing || [])], witnesses: [] };
          return arg ? FALSE : TRUE;
        }
        return arg ? TRUE : FALSE;
      };
    }
    if (key === "parent_claimant") {
      // kakanai.rules.logic.parent_claimant: the parent who claims for the children (the `parent` rule: at
      // a divorce the one who keeps them), whatever the procedure's own claimant; undecided as `claimant:`.
      const inner = this.compile(arg, about);
      const test = claimantTest(quantifier(SELECTORS.claimant, inner, 1, false), inner);
      return (ctx, person) => {
        // Under the reception's 届出人, not the procedure's own claimant (which ctx.claimant may be by now).
        const found = resolveClaimant({ rule: "parent" }, ctx.reception, ctx.personFacts, chooseClaimant(ctx.reception, ctx.personFacts));
        return test({ ...ctx, claimant: found.person, claimantCandidates: found.candidates,
          claimantMissing: found.missing, found }, person);
      };
    }
    if (key === "visit_on_or_after_event") {
      // kakanai.rules.logic.visit_on_or_after_event: a visit date given, on the event's day or later
      return (ctx) => {
        const r = ctx.reception;
        const late = Boolean(r.visit_date) && r.visit_date >= r.event_date;
        return late === arg ? TRUE : FALSE;
      };
    }
    if (key === "whole_household") {
      return (ctx) => {
        const r = ctx.reception;
        const whole = r.subject == null || r.members.every((m) => r.subject.includes(m.id));
        return whole === arg ? TRUE : FALSE;
      };
    }
    if (key === "fact") return this.fact(arg);
    if (key === "param") {
      const [name, expected] = typeof arg === "string" ? [arg, true] : Object.entries(arg)[0];
      return (ctx) => (pyEqual(ctx.params[name] ?? null, expected) ? TRUE : FALSE);
    }
    if (key === "next_day") {
      // The person test on the day after the date judged (kakanai.rules.conditions._next_day): a status a
      // death ends takes effect the next day (健保法36条1号).
      const [innerKey] = Object.keys(arg);
      const inner = this.personAtom(innerKey, arg[innerKey]);
      return (ctx, p) => inner(cached(ctx, "\u0000next_day", () => ({ ...ctx, on: addDays(ctx.on, 1), cache: new Map() })), p);
    }
    return this.personAtom(key, arg);
  }

  fact(arg) {
    const [factId, expected] = Object.entries(arg)[0];
    const fact = this.facts[factId];
    if (!fact) throw new Error(`知らない事実IDです: ${factId}`);
    const test = factTest(fact, expected);
    if (fact.scope === "household") {
      return (ctx) => {
        const value = ctx.householdFacts[fact.id];
        if (value === undefined) return { tri: U, missing: [[fact.id, null]], witnesses: [] };
        return test(value) ? TRUE : FALSE;
      };
    }
    return (ctx, p) => {
      const value = ctx.personFacts[p.id][fact.id];
      if (value === undefined) return { tri: U, missing: [[fact.id, p.id]], witnesses: [] };
      return test(value) ? TRUE : FALSE;
    };
  }

  personAtom(key, arg) {
    switch (key) {
      case "age": {
        const gte = "gte" in arg ? numberRef(arg.gte) : null;
        const lt = "lt" in arg ? numberRef(arg.lt) : null;
        return (ctx, p) => {
          const years = cached(ctx, `age\u0000${p.id}`, () => ageOn(p.birth_date, ctx.on));
          if (gte && years < gte(ctx)) return FALSE;
          if (lt && years >= lt(ctx)) return FALSE;
          return TRUE;
        };
      }
      case "child_until_march31_after": {
        const years = numberRef(arg);
        return (ctx, p) => {
          const n = years(ctx);
          const end = cached(ctx, `m31\u0000${p.id}\u0000${n}`, () => endOfFirstMarch31AfterAttaining(p.birth_date, n));
          return ctx.on <= end ? TRUE : FALSE;
        };
      }
      case "late_elderly_age":
        return (ctx, p) => ((ctx.on >= lateElderlyStart(p.birth_date)) === arg ? TRUE : FALSE);
      case "school_grade": {
        const low = numberRef(arg[0]), high = numberRef(arg[1]);
        return (ctx, p) => {
          const g = cached(ctx, `grade\u0000${p.id}`, () => schoolGrade(p.birth_date, ctx.on));
          return low(ctx) <= g && g <= high(ctx) ? TRUE : FALSE;
        };
      }
      case "sex":
        return (ctx, p) => (p && p.sex === arg ? TRUE : FALSE);
      case "is_subject":
        return (ctx, p) => (p && isSubject(ctx.reception, p.id) === arg ? TRUE : FALSE);
      case "is_claimant":
        return (ctx, p) => (ctx.claimant && p && (p.id === ctx.claimant.id) === arg ? TRUE : FALSE);
      default:
        throw new Error(`知らない条件です: ${key}`);
    }
  }
}

// -- the reception ------------------------------------------------------------------------------------

function subjectMembers(r) {
  return r.subject == null ? r.members : r.members.filter((m) => r.subject.includes(m.id));
}

function isSubject(r, id) {
  return r.subject == null || r.subject.includes(id);
}

const DATE_LIKE = /^\d{4}-\d{2}-\d{2}$/;

/** A fact value in canonical form (kakanai.rules.facts.FactDef.coerce); ReceptionError if invalid. */
export function coerceFact(fact, raw, field) {
  const dateLike = typeof raw === "string" && DATE_LIKE.test(raw);
  switch (fact.kind) {
    case "bool":
      if (typeof raw === "boolean") return raw;
      if (raw === "yes" || raw === "no") return raw === "yes";
      throw new ReceptionError(field, `はい/いいえ（true/false）で答えてください（${JSON.stringify(raw)}）`);
    case "choice": {
      const value = Number.isInteger(raw) ? String(raw) : raw;
      if (typeof value === "string" && !dateLike && fact.values.includes(value)) return value;
      throw new ReceptionError(field, `値は ${fact.values.join(" / ")} のいずれかです（${JSON.stringify(raw)}）`);
    }
    case "multi": {
      const items = typeof raw === "string" ? [raw] : raw;
      if (!Array.isArray(items) || !items.every((x) => typeof x === "string")) {
        throw new ReceptionError(field, "値のリストが必要です");
      }
      const chosen = items.filter((x) => x !== fact.none_value);
      for (const x of chosen) {
        if (!fact.values.includes(x)) throw new ReceptionError(field, `値は ${fact.values.join(" / ")} のいずれかです（${JSON.stringify(x)}）`);
      }
      return [...new Set(chosen)].sort((a, b) => fact.values.indexOf(a) - fact.values.indexOf(b));
    }
    case "int":
      if (!Number.isInteger(raw)) throw new ReceptionError(field, `整数が必要です（${JSON.stringify(raw)}）`);
      if ((fact.min != null && raw < fact.min) || (fact.max != null && raw > fact.max)) {
        throw new ReceptionError(field, `${fact.min}から${fact.max}の範囲で入力してください（${raw}）`);
      }
      return raw;
    default:
      if (!dateLike || !parseIso(raw)) throw new ReceptionError(field, `日付（YYYY-MM-DD）が必要です（${JSON.stringify(raw)}）`);
      return raw;
  }
}

function canonicalFacts(facts, r) {
  const personFacts = {};
  r.members.forEach((member, i) => {
    const out = {};
    for (const [key, value] of Object.entries(member.facts || {})) {
      if (value === null) continue; // null: not known yet (reception_from_dict)
      const field = `members[${i}].facts.${key}`;
      const fact = facts[key];
      if (!fact) throw new ReceptionError(field, "知らない事実IDです");
      if (fact.scope !== "person") throw new ReceptionError(field, "世帯の事実です（household.facts に書いてください）");
      out[key] = coerceFact(fact, value, field);
    }
    personFacts[member.id] = out;
  });
  const household = {};
  for (const [key, value] of Object.entries((r.household && r.household.facts) || {})) {
    if (value === null) continue;
    const field = `household.facts.${key}`;
    const fact = facts[key];
    if (!fact) throw new ReceptionError(field, "知らない事実IDです");
    if (fact.scope !== "household") throw new ReceptionError(field, "人ごとの事実です（members[].facts に書いてください）");
    household[key] = coerceFact(fact, value, field);
  }
  return [personFacts, household];
}

/** The values (and labels) a member born on `birth` can hold on the event date `on`
 * (kakanai.rules.facts.FactDef.values_for): past the 75th birthday only `late_elderly_values` (高確法50条・51条). */
function valuesFor(fact, birth, on) {
  const late = fact.late_elderly_values || [];
  if (!late.length || !(lateElderlyStart(birth) < on)) return [fact.values, fact.value_labels];
  return [late, late.map((v) => fact.value_labels[fact.values.indexOf(v)])];
}

/** A household no plan can be right for (kakanai.rules.engine.check_reception): one the law makes
 * impossible, or a value the law no longer leaves a member past the 75th birthday. */
function checkReception(facts, r, personFacts) {
  checkHousehold(r, personFacts, (field, message) => new ReceptionError(field, message));
  const limited = Object.values(facts).filter((f) => (f.late_elderly_values || []).length);
  r.members.forEach((member, i) => {
    for (const fact of limited) {
      const value = (personFacts[member.id] || {})[fact.id];
      const [allowed, labels] = valuesFor(fact, member.birth_date, r.event_date);
      if (typeof value === "string" && !allowed.includes(value)) {
        const label = fact.value_labels[fact.values.indexOf(value)];
        throw new RefusedAnswer(`members[${i}].facts.${fact.id}`,
          `75歳の誕生日を過ぎた方は ${labels.join(" / ")} のいずれかです（高確法50条・51条）（${label}）`, member.id, fact.id);
      }
    }
  });
}

/** Births default to the member(s) born on the event date; a death must name the deceased. */
export function resolveSubject(r) {
  if (r.subject != null) return r;
  if (r.event === "birth") {
    const newborns = r.members.filter((m) => m.birth_date === r.event_date).map((m) => m.id);
    if (!newborns.length) throw new ReceptionError("subject", "出生した子を subject で指定してください（生年月日が出生日の世帯員がいません）");
    return { ...r, subject: newborns };
  }
  if (r.event === "death") throw new ReceptionError("subject", "亡くなった方を subject で指定してください");
  return r;
}

/** The 届出人/請求者: the applicant; else the head among the living; else the oldest adult; else the first. */
function chooseClaimant(r, personFacts) {
  if (r.applicant) return r.members.find((m) => m.id === r.applicant);
  const living = r.members.filter(
    (m) => !(r.subject != null && (r.event === "death" || r.event === "birth") && r.subject.includes(m.id)));
  const head = living.find((m) => personFacts[m.id].relationship === "head");
  if (head) return head;
  const adults = living.filter((m) => ageOn(m.birth_date, r.event_date) >= 18)
    .sort((a, b) => (a.birth_date < b.birth_date ? -1 : a.birth_date > b.birth_date ? 1 : 0));
  if (adults.length) return adults[0];
  return living[0] || r.members[0] || null;
}

// -- reasons: 「長女 花子さん（7歳）」 (kakanai.rules.reasons) -------------------------------------------------

const ORDINALS = ["長", "次", "三", "四", "五", "六", "七", "八", "九", "十"];

function givenName(person) {
  const name = person.name.trim();
  for (const sep of ["\u3000", " "]) {
    if (name.includes(sep)) {
      // Everything after the family name (a Latin name may have several given names), as rules/reasons.py.
      return name.slice(name.indexOf(sep) + 1).trim();
    }
  }
  return person.name;
}

function relationshipWord(r, person, personFacts) {
  const rel = personFacts[person.id].relationship;
  if (rel === "head") return "世帯主";
  if (rel === "spouse") return { male: "夫", female: "妻" }[person.sex] || "配偶者";
  if (rel === "parent") return { male: "父", female: "母" }[person.sex] || "親";
  if (rel === "child") {
    if (person.sex !== "male" && person.sex !== "female") return "子";
    const same = r.members
      .filter((m) => personFacts[m.id].relationship === "child" && m.sex === person.sex)
      .sort((a, b) => (a.birth_date !== b.birth_date ? (a.birth_date < b.birth_date ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const index = same.findIndex((m) => m.id === person.id);
    const prefix = index < ORDINALS.length ? ORDINALS[index] : String(index + 1);
    return prefix + (person.sex === "male" ? "男" : "女");
  }
  return "";
}

function personLabel(r, person, personFacts, on) {
  const word = relationshipWord(r, person, personFacts);
  // The age the law uses (年齢計算ニ関スル法律), as kakanai.rules.reasons.person_label.
  // The deceased in the おくやみ wording: 様, never さん (as reasons._label).
  const honorific = r.event === "death" && r.subject != null && r.subject.includes(person.id) ? "様" : "さん";
  const name = `${givenName(person)}${honorific}（${ageOn(person.birth_date, on)}歳）`;
  return word ? `${word} ${name}` : name;
}

/** Python's str.format_map for the reason templates: {field}, {{ and }}. */
export function formatTemplate(template, fields) {
  return template.replace(/\{\{|\}\}|\{([a-z_]+)\}/g, (match, name) => {
    if (match === "{{") return "{";
    if (match === "}}") return "}";
    return fields[name] ?? "";
  });
}

// -- the office calendar (kakanai.rules.calendar), exported at build time ---------------------------------

function closedReason(calendar, day) {
  const wd = weekday(day);
  if (wd === 5) return "土曜日";
  if (wd === 6) return "日曜日";
  if (day < calendar.from || day > calendar.to) throw new RangeError(day);
  return calendar.closed[day] || null;
}

/** The deadline: N days (初日不算入, or 戸籍法's inclusive count), moved to the next open day. */
export function computeDeadline(calendar, start, days, counting) {
  const nominal = addDays(start, counting === "after" ? days : days - 1);
  const reasons = [];
  let due = nominal;
  for (let reason; (reason = closedReason(calendar, due)) !== null; due = addDays(due, 1)) {
    const [, m, d] = parseIso(due);
    reasons.push(`${m}/${d}は${reason}`);
  }
  return { nominal, due, moved_because: reasons };
}

// -- the planner --------------------------------------------------------------------------------------

/** PlannedProcedure.claimant: the member id, "" for someone outside the household, null while undecided. */
function claimantId(found) {
  if (found.person) return found.person.id;
  return found.outside && !found.candidates.length ? "" : null;
}

export class Planner {
  /** @param catalog the JSON written by `kakanai prefill build` (export_catalog plus labels and calendar) */
  constructor(catalog) {
    this.catalog = catalog;
    this.facts = Object.fromEntries(catalog.facts.map((f) => [f.id, f]));
    this.factOrder = Object.fromEntries(catalog.facts.map((f, i) => [f.id, i]));
    this.overrides = catalog.overrides || {};
    this.eventLabels = Object.fromEntries((catalog.events || []).map((e) => [e.id, e.label]));
    const compiler = new Compiler(this.facts);
    this.order = {};
    this.procedures = catalog.procedures.map((p, index) => {
      if (!(p.id in this.order)) this.order[p.id] = index;
      return { ...p, triggers: p.triggers.map((t) => ({ ...t, test: compiler.compile(t.when, t.about) })) };
    });
    this.deptOrder = Object.fromEntries(Object.keys(catalog.departments).map((k, i) => [k, i]));
    // Facts the law decides (resources/rules/derivations.yaml; kakanai.rules.derivations): never asked.
    this.derivations = (catalog.derivations || []).map((d) => ({ ...d, test: compiler.compile(d.when, "subjects") }));
  }

  /** Fill the facts the law decides for the subjects (a given answer wins), as kakanai.rules.derivations.derive. */
  derive(r, personFacts, householdFacts, claimant) {
    const ctx = { reception: r, on: r.event_date, params: this.paramsOn(r.event_date), personFacts, householdFacts, claimant, cache: new Map() };
    for (const d of this.derivations) {
      if (!d.events.includes(r.event)) continue;
      for (const person of subjectMembers(r)) {
        const facts = personFacts[person.id];
        if (!(d.fact in facts) && d.test(ctx, person).tri === T) facts[d.fact] = d.value;
      }
    }
  }

  paramsOn(day) {
    const out = {};
    for (const [name, changes] of Object.entries(this.catalog.params)) {
      let current = null;
      for (const [start, value] of changes) if (start <= day) current = value;
      out[name] = current;
    }
    return out;
  }

  byEvent(event, day, judgedOn = null) {
    const out = [];
    for (const p of this.procedures) {
      const triggers = p.triggers.filter((t) => t.events.includes(event));
      if (!triggers.length) continue;
      if ((p.valid_from && day < p.valid_from) || (p.valid_to && day > p.valid_to)) continue;
      if (judgedOn !== null && p.judged_on.date !== judgedOn) continue;
      out.push([p, triggers]);
    }
    return out;
  }

  /** Check the facts of a reception against the catalog (ReceptionError naming the field). */
  validate(reception) {
    const r = resolveSubject(reception);
    checkReception(this.facts, r, canonicalFacts(this.facts, r)[0]);
  }

  /**
   * The plan of a reception (the reception JSON of `kakanai plan`, long keys):
   * {procedures: [...], questions: [...]}, as kakanai.rules.engine.Planner.plan (no clerk overrides:
   * a pre-entry has none, and no office: the counter knows where it is).
   */
  plan(reception) {
    const r = resolveSubject(reception);
    const [personFacts, householdFacts] = canonicalFacts(this.facts, r);
    checkReception(this.facts, r, personFacts);
    const claimant = chooseClaimant(r, personFacts);
    this.derive(r, personFacts, householdFacts, claimant);
    const planned = [];
    const missing = new Map(); // key -> [[fact, person], [procedure ids]]
    const addMissing = (m, procId) => {
      const key = missingKey(m);
      if (!missing.has(key)) missing.set(key, [m, []]);
      missing.get(key)[1].push(procId);
    };
    for (const [judgedOn, day] of judgementDays(r)) {
      const runCtx = { reception: r, on: day, params: this.paramsOn(day), personFacts, householdFacts, claimant, cache: new Map() };
      for (const [proc, triggers] of this.byEvent(r.event, day, judgedOn)) {
        if (proc.enabled === false) continue;
        const ctx = this.claimantCtx(runCtx, proc);
        for (const person of this.candidates(ctx, proc, triggers)) {
          const [outcome, trigger] = this.decide(ctx, triggers, person);
          if (outcome.tri === T) planned.push(this.planned(ctx, proc, trigger, person, outcome, addMissing));
          else if (outcome.tri === U) for (const m of outcome.missing) addMissing(m, proc.id);
        }
      }
    }
    const memberOrder = Object.fromEntries(r.members.map((m, i) => [m.id, i]));
    const nDept = Object.keys(this.deptOrder).length;
    const sortKey = (p) => [this.deptOrder[p.department] ?? nDept, this.order[p.id], p.person == null ? -1 : memberOrder[p.person] ?? -1];
    planned.sort((a, b) => compareTuples(sortKey(a), sortKey(b)));
    return { procedures: planned, questions: this.questions(r, missing, memberOrder) };
  }

  /** The context a procedure's conditions see: its claimant under the law (claimants.js), once per rule. */
  claimantCtx(ctx, proc) {
    const rule = proc.claimant || { rule: "applicant" };
    const key = `claimant\u0000${rule.rule}`;
    let hit = ctx.cache.get(key);
    if (!hit) {
      const found = resolveClaimant(rule, ctx.reception, ctx.personFacts, ctx.claimant);
      hit = rule.rule === "applicant" ? { ...ctx, found }
        : { ...ctx, claimant: found.person, claimantCandidates: found.candidates, claimantMissing: found.missing, found };
      ctx.cache.set(key, hit);
    }
    return hit;
  }

  claimantLabel(ctx, labels) {
    const found = ctx.found;
    if (found.person) return labels[found.person.id];
    if (found.candidates.length) {
      return [...found.candidates.map((m) => labels[m.id]), ...(found.outside ? ["世帯外の方"] : [])].join("または");
    }
    return found.outside ? "世帯外の方" : "";
  }

  candidates(ctx, proc, triggers) {
    if (proc.who === "household") return [null];
    const ranges = new Set(triggers.map((t) => t.about));
    const r = ctx.reception;
    return r.members.filter((m) => {
      const inSubject = isSubject(r, m.id);
      return ranges.has("household") || (ranges.has("subjects") && inSubject)
        || (ranges.has("others") && r.subject != null && !inSubject)
        || (ranges.has("claimant") && ctx.claimant && ctx.claimant.id === m.id);
    });
  }

  decide(ctx, triggers, person) {
    let firstUnknown = null;
    for (const trigger of triggers) {
      if (person && !inRange(ctx, trigger.about, person)) continue;
      const out = trigger.test(ctx, person);
      if (out.tri === T) return [out, trigger];
      if (out.tri === U && firstUnknown === null) firstUnknown = out;
    }
    return [firstUnknown || FALSE, null];
  }

  planned(ctx, proc, trigger, person, outcome, addMissing) {
    const r = ctx.reception;
    const override = this.overrides[proc.id] || {};
    const mode = override.mode || trigger.mode || proc.mode;
    const deptKey = override.department || proc.department;
    const department = this.catalog.departments[deptKey];
    const labels = this.labels(ctx);
    const fields = {
      person: person ? labels[person.id] : "", name: person ? person.name : "",
      age: person ? String(ageOn(person.birth_date, ctx.on)) : "",
      members: outcome.witnesses.length ? outcome.witnesses.map((w) => labels[w]).join("、") : "",
      subject: labels["\u0000subject"], claimant: this.claimantLabel(ctx, labels),
      event: labels["\u0000event"],
    };
    for (const m of ctx.found.missing) addMissing(m, proc.id); // planned; whom the law makes the claimant is to ask
    const [deadline, note] = this.deadline(ctx, trigger.deadline || proc.deadline, proc.id, addMissing);
    return {
      id: proc.id, title: override.title || proc.title, person: person ? person.id : null, mode,
      reason: formatTemplate(trigger.reason, fields), department: deptKey, department_name: department.name,
      counter: department.counter, deadline, deadline_note: note,
      bring: override.bring != null ? override.bring : proc.bring.concat(trigger.bring || []),
      forms: mode === "here" ? proc.forms : [],
      legal_basis: proc.legal_basis,
      // The claimant by law (a `claimant:` rule other than the 届出人) when the facts decide it: the forms
      // print this member as 請求者 (kakanai.model.PlannedProcedure.claimant).
      claimant: !proc.claimant || proc.claimant.rule === "applicant" ? null : claimantId(ctx.found),
    };
  }

  labels(ctx) {
    let labels = ctx.cache.get("labels");
    if (!labels) {
      const r = ctx.reception;
      labels = Object.fromEntries(r.members.map((m) => [m.id, personLabel(r, m, ctx.personFacts, ctx.on)]));
      const subject = subjectMembers(r).map((m) => labels[m.id]);
      labels["\u0000subject"] = subject.length <= 2 ? subject.join("、") : `${subject[0]}ほか${subject.length - 1}人`;
      labels["\u0000event"] = this.eventLabels[r.event] || r.event;
      ctx.cache.set("labels", labels);
    }
    return labels;
  }

  deadline(ctx, rule, procId, addMissing) {
    if (!rule) return [null, ""];
    if (rule.days == null) return [null, rule.note];
    let start;
    if (rule.from === "event_date") start = ctx.reception.event_date;
    else if (rule.from === "visit_date") start = ctx.reception.visit_date || ctx.reception.event_date;
    else {
      start = ctx.householdFacts[rule.from];
      if (start === undefined) {
        addMissing([rule.from, null], procId);
        return [null, `${rule.note}（日付をお聞きください）`];
      }
    }
    let due;
    try {
      due = computeDeadline(this.catalog.calendar, start, rule.days, rule.counting);
    } catch (e) {
      if (e instanceof RangeError) return [null, rule.note]; // beyond the calendar the page was built with
      throw e;
    }
    let note = rule.note;
    if (due.moved_because.length) note += `（${due.moved_because.join("、")}のため翌開庁日）`;
    return [due.due, note];
  }

  questions(r, missing, memberOrder) {
    const entries = [...missing.values()];
    const key = ([[fact, pid]]) => [pid ? memberOrder[pid] ?? -1 : -1, this.factOrder[fact]];
    entries.sort((a, b) => compareTuples(key(a), key(b)));
    return entries.map(([[factId, pid], procs]) => {
      const fact = this.facts[factId];
      const member = pid ? r.members.find((m) => m.id === pid) : null;
      const [values, labels] = member ? valuesFor(fact, member.birth_date, r.event_date) : [fact.values, fact.value_labels];
      return {
        fact: factId, person: pid, prompt: fact.prompt.replaceAll("{name}", member ? member.name : ""), values,
        value_labels: labels, kind: fact.kind, asked_for: [...new Set(procs)],
      };
    });
  }
}

/** The dates a plan judges on (kakanai.rules.engine.judgement_days): the event date for notifications,
 * the visit date (never before the event) for claims; one date for all when they are the same day. */
function judgementDays(r) {
  const visit = r.visit_date && r.visit_date > r.event_date ? r.visit_date : r.event_date;
  if (visit === r.event_date) return [[null, r.event_date]];
  return [["event_date", r.event_date], ["visit_date", visit]];
}

function inRange(ctx, about, person) {
  const r = ctx.reception;
  if (about === "subjects") return isSubject(r, person.id);
  if (about === "others") return r.subject != null && !isSubject(r, person.id);
  if (about === "claimant") return ctx.claimant != null && ctx.claimant.id === person.id;
  return true;
}

function compareTuples(a, b) {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}
