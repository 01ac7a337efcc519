// The age law of the page for pairs of dates, for the cross-test against kakanai.model.agelaw.
//   stdin: [[birth, on], …]   stdout: [{age_on, completed, attain_6, m31_15, m31_18, grade, late_elderly}, …]
import { readFileSync } from "node:fs";
import {
  ageInCompletedYears, ageOn, attainmentDate, endOfFirstMarch31AfterAttaining, lateElderlyStart, schoolGrade,
} from "../src/agelaw.js";

const pairs = JSON.parse(readFileSync(0, "utf-8"));
process.stdout.write(JSON.stringify(pairs.map(([birth, on]) => ({
  age_on: ageOn(birth, on), completed: ageInCompletedYears(birth, on), attain_6: attainmentDate(birth, 6),
  m31_15: endOfFirstMarch31AfterAttaining(birth, 15), m31_18: endOfFirstMarch31AfterAttaining(birth, 18),
  grade: schoolGrade(birth, on), late_elderly: lateElderlyStart(birth),
}))));
