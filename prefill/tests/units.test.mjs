// node --test: the page's building blocks against the vectors of their specifications.
import assert from "node:assert/strict";
import { test } from "node:test";
import { checkText } from "../src/checks.js";
import { addDays, fromDays, parseIso, toDays, weekday } from "../src/dates.js";
import { base45, crc32, toDocument } from "../src/preentry.js";
import { formatTemplate } from "../src/rules.js";

const bytes = (s) => new TextEncoder().encode(s);

test("Base45 vectors of RFC 9285", () => {
  assert.equal(base45(bytes("AB")), "BB8");
  assert.equal(base45(bytes("Hello!!")), "%69 VD92EX0");
  assert.equal(base45(bytes("base-45")), "UJCLQE7W581");
  assert.equal(base45(bytes("ietf!")), "QED8WEX0");
});

test("CRC-32/ISO-HDLC check value", () => {
  assert.equal(crc32(bytes("123456789")), 0xCBF43926);
});

test("civil dates", () => {
  assert.equal(toDays("1970-01-01"), 0);
  assert.equal(fromDays(toDays("2024-02-29")), "2024-02-29");
  assert.equal(addDays("2025-02-28", 1), "2025-03-01");
  assert.equal(addDays("2024-12-31", 1), "2025-01-01");
  assert.equal(weekday("2026-04-18"), 5); // a Saturday
  assert.equal(parseIso("2025-02-29"), null);
  for (let n = -719000; n < 2900000; n += 997) assert.equal(toDays(fromDays(n)), n);
});

test("the document of section 2 (short keys, fact codes, empty values left out)", () => {
  const doc = toDocument({
    event: "certificates", event_date: "2026-04-01", visit_date: null, subject: null,
    household: { address: "三重県志摩市阿児町鵜方３０９８番地２２", previous_address: "", facts: { wants_certificates: true } },
    members: [{ id: "p1", name: "﨑村　花子", name_kana: "サキムラ　ハナコ", birth_date: "1970-03-03", sex: "female",
      address: "", facts: { relationship: "head" }, form_inputs: {} }],
  });
  assert.equal(JSON.stringify(doc), '{"e":"certificates","d":"2026-04-01","h":{"a":"三重県志摩市阿児町鵜方３０９８番地２２","f":{"ZB":true}},"m":[{"k":"p1","n":"﨑村　花子","r":"サキムラ　ハナコ","b":"1970-03-03","x":"female","f":{"A":"head"}}]}');
});

test("text checks: code points, controls, format characters, 外字", () => {
  assert.equal(checkText("𠮷田　太郎", { max: 5 }), null);
  assert.deepEqual(checkText("a\u202Eb")[0], "checks.forbidden");
  assert.deepEqual(checkText("\uE000")[0], "checks.forbidden");
  assert.deepEqual(checkText("a\nb")[0], "checks.control");
  assert.equal(checkText("髙\uFE00"), null); // variation selectors select 異体字
  assert.deepEqual(checkText("", { required: true })[0], "checks.required");
});

test("reason templates as Python's str.format_map", () => {
  assert.equal(formatTemplate("{person}が{{転入}}", { person: "長女 花子さん（7歳）" }), "長女 花子さん（7歳）が{転入}");
});
