// The interview on the page: the questions the rules need for this household, and nothing more.
//
// The open questions are the plan's own (rules.js, the same engine as the counter's). An answer is kept in
// the code only while it matters: answers are pruned in a fixed order (household first, then member by
// member, facts in catalog order), dropping each one whose removal changes neither the procedures (with
// their mode, reason and deadline) nor the open questions. tests/integration/prefill/ replays the same
// rule in Python.

import { ReceptionError, RefusedAnswer } from "./rules.js";

export const answerKey = (fact, person) => `${fact}|${person ?? ""}`;

/** The reception with answers placed into the household's and the members' facts. */
export function withAnswers(reception, answers) {
  const household = { ...(reception.household || {}), facts: {} };
  const members = reception.members.map((m) => ({ ...m, facts: {} }));
  const byId = Object.fromEntries(members.map((m) => [m.id, m]));
  for (const [key, value] of answers) {
    const [fact, person] = key.split("|");
    if (!person) household.facts[fact] = value;
    else if (byId[person]) byId[person].facts[fact] = value;
  }
  return { ...reception, household, members };
}

function signature(plan) {
  return JSON.stringify([
    plan.procedures.map((p) => [p.id, p.person, p.mode, p.reason, p.deadline]),
    plan.questions.map((q) => [q.fact, q.person]),
  ]);
}

/** Keys in the canonical order: household first, then by member, facts in catalog order. */
export function orderKeys(keys, reception, factOrder) {
  const memberIndex = Object.fromEntries(reception.members.map((m, i) => [m.id, i]));
  const sortKey = (key) => {
    const [fact, person] = key.split("|");
    return [person ? memberIndex[person] ?? 1e9 : -1, factOrder[fact] ?? 1e9];
  };
  return [...keys].sort((a, b) => {
    const [x, y] = [sortKey(a), sortKey(b)];
    return x[0] - y[0] || x[1] - y[1];
  });
}

/** The answers without those the rules refuse (RefusedAnswer, as kakanai.app.session_state): one given before
 * a birth date was corrected (国民健康保険 past the 75th birthday, where only 後期高齢者医療・生活保護・加入なし
 * are left) is dropped, so that its question is asked again with the values left. */
function withoutRefused(planner, reception, answers) {
  const kept = new Map(answers);
  for (;;) {
    try {
      planner.plan(withAnswers(reception, kept));
      return kept;
    } catch (e) {
      const key = e instanceof RefusedAnswer ? answerKey(e.fact, e.member) : null;
      if (key === null || !kept.has(key)) throw e;
      kept.delete(key);
    }
  }
}

/** The answers that matter for this reception (see the module comment). */
export function relevantAnswers(planner, reception, answers) {
  const known = new Set(reception.members.map((m) => m.id));
  let kept = withoutRefused(planner, reception, [...answers].filter(([key]) => {
    const [fact, person] = key.split("|");
    return fact in planner.facts && (!person || known.has(person));
  }));
  const full = signature(planner.plan(withAnswers(reception, kept)));
  for (const key of orderKeys(kept.keys(), reception, planner.factOrder)) {
    const trial = new Map(kept);
    trial.delete(key);
    if (signature(planner.plan(withAnswers(reception, trial))) === full) kept = trial;
  }
  return kept;
}

/** What the interview shows: the kept answers and the open questions, in the canonical order. */
export function interviewState(planner, reception, answers) {
  const kept = relevantAnswers(planner, reception, answers);
  const plan = planner.plan(withAnswers(reception, kept));
  const open = new Map(plan.questions.map((q) => [answerKey(q.fact, q.person), q]));
  const keys = orderKeys(new Set([...kept.keys(), ...open.keys()]), reception, planner.factOrder);
  return { kept, plan, open, keys };
}

/** Why the answers make a household the law does not allow (two 世帯主, 住基法7条4号; two higher earners,
 * 児童手当法4条3項: rules.js checkHousehold, the counter's own checks), or null. The page takes such an answer
 * back and says why on its question, instead of failing on the refused reception. */
export function answersProblem(planner, reception, answers) {
  try {
    interviewState(planner, reception, answers);
    return null;
  } catch (e) {
    if (e instanceof ReceptionError && !(e instanceof RefusedAnswer)) return e.detail;
    throw e;
  }
}
