// The page's interview for one reception and the resident's answers, for tests/integration/prefill/.
//   stdin:  {"catalog": <the page catalog>, "reception": <reception JSON>, "answers": {"fact|p1": value, …}}
//   stdout: {"kept": {"fact|p1": value, …}, "open": [{"fact", "person", "values"}, …]}, or {"refused": message}
//           when the answers make a household the law does not allow (interview.answersProblem)
import { readFileSync } from "node:fs";
import { answersProblem, interviewState } from "../src/interview.js";
import { Planner } from "../src/rules.js";

const input = JSON.parse(readFileSync(0, "utf-8"));
const planner = new Planner(input.catalog);
const answers = new Map(Object.entries(input.answers));
const problem = answersProblem(planner, input.reception, answers);
if (problem !== null) {
  process.stdout.write(JSON.stringify({ refused: problem }));
  process.exit(0);
}
const { kept, plan } = interviewState(planner, input.reception, answers);
process.stdout.write(JSON.stringify({
  kept: Object.fromEntries(kept),
  open: plan.questions.map((q) => ({ fact: q.fact, person: q.person, values: q.values })),
}));
