// Who the law makes the claimant of a procedure: kakanai.rules.claimants, the same rules in JavaScript
// (tests/integration/prefill/test_crosscheck.py compares the two plans on every rule test case).

import { ageOn, endOfFirstMarch31AfterAttaining } from "./agelaw.js";

const ADULT_AGE = 18; // 民法4条
const PARENT_FACT = "child_parent"; // kakanai.model.applicant.PARENT_FACT
const PARENT_MIN_AGE = 12; // kakanai.model.applicant.PARENT_MIN_AGE
const CUSTODY_FACT = "custodial_parent"; // kakanai.model.applicant.CUSTODY_FACT
const RECIPIENT_FACT = "child_allowance_recipient"; // kakanai.model.applicant.RECIPIENT_FACT
const SUPPORT_RECIPIENT_FACT = "child_support_allowance_recipient"; // kakanai.model.applicant.SUPPORT_RECIPIENT_FACT
const SURNAME_FACT = "surname_changes"; // kakanai.model.applicant.SURNAME_FACT

function living(r) {
  return r.members.filter((m) => !(r.event === "death" && r.subject != null && r.subject.includes(m.id)));
}

/** The candidate the bool `fact` names (answered true, or with `oneOfThem` the last one left); null when nobody can be. */
function oneOf(candidates, fact, personFacts, oneOfThem) {
  const chosen = candidates.filter((m) => personFacts[m.id][fact] === true);
  if (chosen.length) return { person: chosen[0], candidates: [], missing: [], outside: false };
  const open = candidates.filter((m) => personFacts[m.id][fact] === undefined);
  if (!open.length) return null;
  if (oneOfThem && open.length === 1 && candidates.length > 1) return { person: open[0], candidates: [], missing: [], outside: false };
  return { person: null, candidates: open, missing: open.map((m) => [fact, m.id]), outside: !oneOfThem };
}

const decided = (person) => ({ person, candidates: [], missing: [], outside: false });

/** The claimant of a procedure under `rule` ({rule, basis}); `applicant` is the 届出人. */
export function resolveClaimant(rule, r, personFacts, given) {
  if (rule.rule === "applicant") return decided(given);
  const alive = living(r);
  // The deceased never files: a 届出人 who is not among the living is someone outside the household.
  const applicant = given && alive.some((m) => m.id === given.id) ? given : null;
  const outside = { person: null, candidates: [], missing: [], outside: true };
  const rel = (m) => personFacts[m.id].relationship;
  const adult = (m) => ageOn(m.birth_date, r.event_date) >= ADULT_AGE;
  const head = alive.find((m) => rel(m) === "head") || null;
  if (rule.rule === "head") return head || applicant ? decided(head || applicant) : outside;
  if (rule.rule === "recipient") {
    // 児童手当法26条: the recipient notifies the end himself; at his death (or nobody answered) the 届出人.
    // Of two recipients, the one whose 氏 changes files the 氏名変更届.
    const recipients = alive.filter((m) => personFacts[m.id][RECIPIENT_FACT] === true);
    const renamed = recipients.filter((m) => personFacts[m.id][SURNAME_FACT] === true);
    const filer = renamed[0] || recipients[0] || applicant;
    return filer ? decided(filer) : outside;
  }
  if (rule.rule === "support_recipient") {
    // 児童扶養手当法施行規則: the recipient files; at a marriage one of the couple, asked; at the death the 届出人.
    const subjects = alive.filter((m) => adult(m) && (r.subject == null || r.subject.includes(m.id)));
    const couple = subjects.length ? subjects : alive.filter(adult);
    if (r.event === "death" || !couple.length) return applicant ? decided(applicant) : outside;
    if (couple.length === 1) return decided(couple[0]); // the household receives it: its only adult does
    // Answered no for each of them: the recipient is nobody listed (never the 届出人 by default).
    return oneOf(couple, SUPPORT_RECIPIENT_FACT, personFacts, true) || outside;
  }
  if (rule.rule === "funeral_host") {
    const adults = alive.filter(adult);
    // The 喪主 may live elsewhere: the others answering "no" does not make the last one the 喪主.
    const found = adults.length ? oneOf(adults, "funeral_host", personFacts, false) : null;
    return found || outside;
  }
  const carer = head || applicant;
  const adultCarer = carer && adult(carer) ? carer : null;
  // A 児童 of the claims: until the first 31 March after 18 (児童手当法3条1項); never his own claimant.
  const jidou = (m) => r.event_date <= endOfFirstMarch31AfterAttaining(m.birth_date, 18);
  // The children the claim is for: at a birth the newborns, else the minors who are the head's child or other.
  // At the divorce of a 子 of the head (subjects named, no head or spouse among them) its children: the minors その他.
  const minors = alive.filter((m) => (rel(m) === "child" || rel(m) === "other") && !adult(m));
  const childDivorces = r.event === "divorce" && r.subject && r.subject.length
    && !r.members.some((m) => r.subject.includes(m.id) && (rel(m) === "head" || rel(m) === "spouse"));
  const children = r.event === "birth" && r.subject && r.subject.length
    ? alive.filter((m) => r.subject.includes(m.id))
    : childDivorces ? minors.filter((m) => rel(m) === "other") : minors;
  let parents;
  if (children.length && children.every((m) => rel(m) === "other")) {
    // Not the head's children (a grandchild): their parent is one of the head's children or a child's
    // spouse, asked (PARENT_FACT); a child has one father and one mother (民法772条・779条).
    const kids = new Set(children.map((m) => m.id));
    // Without a 子 of the head listed (a deceased one too), the head or the spouse may be their parent (妻（未届）の子).
    const between = r.members.some((m) => !kids.has(m.id) && rel(m) === "child")
      ? ["child", "other"] : ["head", "spouse", "child", "other"];
    // A minor only as the head's own 子, never as その他 (the newborn's brother, sister or cousin).
    const mayBe = alive.filter((m) => !kids.has(m.id) && between.includes(rel(m))
      && ageOn(m.birth_date, r.event_date) >= PARENT_MIN_AGE && (adult(m) || rel(m) !== "other"));
    parents = mayBe.filter((m) => personFacts[m.id][PARENT_FACT] === true);
    const sexes = new Set(parents.map((m) => m.sex).filter((x) => x !== "not_applicable"));
    const open = parents.length >= 2 ? [] : mayBe.filter((m) => personFacts[m.id][PARENT_FACT] === undefined && !sexes.has(m.sex));
    if (open.length && !(!parents.length && open.length === 1 && open[0] === adultCarer)) { // the carer either way
      const candidates = [...parents, ...open, ...(!parents.length && adultCarer && !open.includes(adultCarer) ? [adultCarer] : [])];
      return { person: null, candidates, missing: open.map((m) => [PARENT_FACT, m.id]), outside: !parents.length && !adultCarer };
    }
  } else {
    // With no children listed, the 児童 is the 世帯主 himself (16, living alone): his parent elsewhere claims.
    parents = alive.filter((m) => (rel(m) === "head" || rel(m) === "spouse") && (children.length || !jidou(m)));
  }
  if (parents.length === 1) return decided(parents[0]);
  // Nobody's parent here: the head, else the adult 届出人; never a child (児童扶養手当法4条1項3号: 養育者).
  if (!parents.length) return adultCarer && (children.length || !jidou(adultCarer)) ? decided(adultCarer) : outside;
  // The 保護者 (学校教育法16条: 親権を行う者): either parent, the one at the counter first; not the higher income.
  if (rule.rule === "guardian" && r.event !== "divorce") return decided(parents.find((m) => applicant && m.id === applicant.id) || parents[0]);
  // Both parents listed at their divorce: the one who keeps the children (児童手当法4条1項1号), asked.
  if (r.event === "divorce") return oneOf(parents, CUSTODY_FACT, personFacts, true) || outside;
  return oneOf(parents, "main_earner", personFacts, true) || decided(parents[0]);
}
