// The age law, exactly as kakanai.model.agelaw (life-events.md section 1).
//
// 年齢計算ニ関スル法律 with 民法143条: a person attains age N at the end of the day before the Nth
// birthday. Born 29 February: in a common year the period ends on 28 February (民法143条2項 ただし書).

import { addDays, isLeap, iso, parseIso } from "./dates.js";

/** The day on which a person born on `birth` attains `years` (N歳に達する日). */
export function attainmentDate(birth, years) {
  const [by, bm, bd] = parseIso(birth);
  const year = by + years;
  if (bm === 2 && bd === 29 && !isLeap(year)) return iso(year, 2, 28);
  return addDays(iso(year, bm, bd), -1);
}

/** The age attained on `on` (someone born 1 April is already 6 on 31 March). */
export function ageOn(birth, on) {
  if (on < birth) return 0;
  let years = parseIso(on)[0] - parseIso(birth)[0];
  if (attainmentDate(birth, years) > on) years -= 1;
  return Math.max(years, 0);
}

/** The everyday age (満年齢) shown to people: it changes on the birthday itself. */
export function ageInCompletedYears(birth, on) {
  if (on < birth) return 0;
  const [by, bm, bd] = parseIso(birth);
  const [oy, om, od] = parseIso(on);
  let years = oy - by;
  if (om < bm || (om === bm && od < bd)) years -= 1;
  return years;
}

export function firstMarch31OnOrAfter(day) {
  const year = parseIso(day)[0];
  const candidate = iso(year, 3, 31);
  return candidate >= day ? candidate : iso(year + 1, 3, 31);
}

/** "N歳に達する日以後の最初の3月31日" (児童手当法3条1項): 以後 includes the day itself. */
export function endOfFirstMarch31AfterAttaining(birth, years) {
  return firstMarch31OnOrAfter(attainmentDate(birth, years));
}

/** The first 1 April after attaining 6 (学校教育法17条1項). */
export function schoolEntryDate(birth) {
  const attained = attainmentDate(birth, 6);
  const [y, m, d] = parseIso(attained);
  return iso(m < 4 || (m === 4 && d < 1) ? y : y + 1, 4, 1);
}

/** Grade on `on`: 1-6 elementary, 7-9 junior high, 0 or less before school, 10+ after (4/2-4/1 cohorts). */
export function schoolGrade(birth, on) {
  const [oy, om] = parseIso(on);
  const yearStart = om >= 4 ? oy : oy - 1;
  return yearStart - parseIso(schoolEntryDate(birth))[0] + 1;
}

/** 後期高齢者医療 starts on the 75th birthday itself (高確法52条): the day after attaining 75. */
export function lateElderlyStart(birth) {
  return addDays(attainmentDate(birth, 75), 1);
}
