// What the law makes impossible in a household, refused before any rule runs: kakanai.rules.household_checks,
// the same checks in JavaScript (tests/integration/prefill/test_crosscheck.py compares the two on refused
// receptions too). Each check throws the ReceptionError the Python engine raises, with the same field and text.

import { ageOn, attainmentDate } from "./agelaw.js";

// 民法731条 (平成30年法律第59号, from 2022-04-01): 18; before: 男18・女16; 附則3条1項: a woman born on or
// before 2006-04-01 may still marry from 16.
const MARRIAGE_AGE_REFORM = "2022-04-01";
const MARRIAGE_AGE = 18;
const FORMER_WOMAN_MARRIAGE_AGE = 16;
const TRANSITIONAL_BORN_BY = "2006-04-01";

const nameKey = (m) => m.name.split(/\s+/u).join("");
const isSubject = (r, id) => r.subject == null || r.subject.includes(id);

/** Why `m` cannot marry on `on`, or null (kakanai.rules.household_checks.marriage_age_problem). */
export function marriageAgeProblem(m, on) {
  let minimum, basis;
  if (on >= MARRIAGE_AGE_REFORM) {
    [minimum, basis] = m.sex === "female" && m.birth_date <= TRANSITIONAL_BORN_BY
      ? [FORMER_WOMAN_MARRIAGE_AGE, "平成30年改正民法附則3条1項"] : [MARRIAGE_AGE, "民法731条"];
  } else {
    [minimum, basis] = [m.sex === "female" ? FORMER_WOMAN_MARRIAGE_AGE : MARRIAGE_AGE, "改正前の民法731条"];
  }
  if (ageOn(m.birth_date, on) >= minimum) return null;
  return `${m.name}さんは婚姻できる年齢（${minimum}歳、${basis}）に達していないため、婚姻届は受理できません`
    + `（${minimum}歳に達する日は ${attainmentDate(m.birth_date, minimum)}）`;
}

/** Throw `error(field, message)` for a reception no plan can be right for (the Python module's doc). */
export function checkHousehold(r, personFacts, error) {
  // 住民基本台帳法7条4号: a household has one 世帯主 (kakanai.model.reception_edit.heads_problem, which refuses
  // it when a reception is read); none is possible (one person joining a household whose 世帯主 is not here).
  const heads = r.members.map((m, i) => [i, m]).filter(([, m]) => (personFacts[m.id] || {}).relationship === "head");
  if (heads.length > 1) {
    throw error(`members[${heads[1][0]}].facts.relationship`,
      `世帯主は1人だけ選んでください（${heads.map(([, m]) => m.name).join("、")}）`);
  }
  const seen = new Map();
  r.members.forEach((m, i) => {
    const key = `${nameKey(m)}\u0000${m.birth_date}\u0000${m.sex}`;
    if (seen.has(key)) {
      throw error(`members[${i}]`, `members[${seen.get(key)}] と同じ方です（氏名・生年月日・性別が同じ）。1人は削除してください`);
    }
    seen.set(key, i);
  });
  // 児童手当法4条3項: the higher earner of two parents is one person (kakanai.rules.household_checks).
  let first = null;
  r.members.forEach((m, i) => {
    if ((personFacts[m.id] || {}).main_earner !== true) return;
    if (first !== null) {
      throw error(`members[${i}].facts.main_earner`, `所得の高い方（児童手当の請求者、児童手当法4条3項）は1人です。`
        + `${r.members[first].name}さんと${m.name}さんのどちらか一方だけを「はい」にしてください`);
    }
    first = i;
  });
  if (r.event === "birth") {
    r.members.forEach((m, i) => {
      if (isSubject(r, m.id) && m.birth_date !== r.event_date) {
        throw error(`members[${i}].birth_date`, `出生した子の生年月日（${m.birth_date}）が出生日（event_date `
          + `${r.event_date}）と違います。出生日の違う子は出生日ごとに受け付けてください`);
      }
    });
  } else if (r.event === "marriage") {
    r.members.forEach((m, i) => {
      const rel = (personFacts[m.id] || {}).relationship;
      if (!isSubject(r, m.id) || (rel !== "head" && rel !== "spouse")) return;
      const problem = marriageAgeProblem(m, r.event_date);
      if (problem !== null) throw error(`members[${i}].birth_date`, problem);
    });
  }
}
