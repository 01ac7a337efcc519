// Plans receptions with the page's rule engine, for the cross-test against kakanai.rules
// (tests/integration/prefill/test_crosscheck.py).
//   stdin:  {"catalog": <the page catalog>, "receptions": [<reception JSON>, …]}
//   stdout: [{"plan": {"procedures": […], "questions": […]}} | {"error": {"field", "message"}}, …]
import { readFileSync } from "node:fs";
import { Planner, ReceptionError } from "../src/rules.js";

const input = JSON.parse(readFileSync(0, "utf-8"));
const planner = new Planner(input.catalog);
const out = input.receptions.map((reception) => {
  try {
    return { plan: planner.plan(reception) };
  } catch (e) {
    if (e instanceof ReceptionError) return { error: { field: e.field, message: e.detail } };
    throw e;
  }
});
process.stdout.write(JSON.stringify(out));
