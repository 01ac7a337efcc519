// Drives the built pre-entry page in headless Chromium (Debian's /usr/bin/chromium through playwright-core)
// as a resident would, for tests/integration/prefill/test_page.py.
//
//   node tests/browser.mjs SITE_DIR SCENARIO.json OUT_DIR
//
// The page is served from 127.0.0.1 (a static server in this process). Every request is recorded; the
// ones after the load event must be none. The scenario: {lang, event, event_date, visit_date, address,
// previous, members: [{name, kana, birth, sex, address?, subject?}], applicant?, answers: {"fact|p1": v},
// refuse?: {"fact|p2": v} (clicked before its answer, and expected to be taken back: result.refused),
// screenshots?, pick?}. With `pick` the page opens without ?lang and the language is chosen in the picker.
// Prints {codes: [png…], downloads: [png…], requests_after_load, errors, questions_seen}.
import { createServer } from "node:http";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";

const [siteDir, scenarioFile, outDir] = process.argv.slice(2);
const scenario = JSON.parse(readFileSync(scenarioFile, "utf-8"));
mkdirSync(outDir, { recursive: true });

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".txt": "text/plain" };
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
  try {
    const body = readFileSync(join(siteDir, path === "/" ? "index.html" : path));
    res.writeHead(200, { "content-type": TYPES[extname(path) || ".html"] || "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${server.address().port}/`;

const profile = mkdtempSync(join(tmpdir(), "kakanai-chromium-"));
// A fresh profile every run (playwright-core passes it to Chromium as --user-data-dir).
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.KAKANAI_CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic"],
  viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
  acceptDownloads: true, locale: scenario.lang === "en" ? "en-US" : "ja-JP",
});
const result = { codes: [], downloads: [], requests_after_load: [], requests: [], errors: [], questions_seen: [], versions: [], unlabelled: [], small_targets: [] };
try {
  const page = context.pages()[0] || await context.newPage();
  let loaded = false;
  page.on("request", (r) => {
    result.requests.push(r.url());
    if (loaded) result.requests_after_load.push(r.url());
  });
  page.on("pageerror", (e) => result.errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") result.errors.push(m.text()); });
  const asked = scenario.lang && scenario.lang !== "ja" && !scenario.pick ? `?lang=${scenario.lang}` : "";
  await page.goto(base + asked, { waitUntil: "load" });
  loaded = true;
  if (scenario.pick) {
    result.picker = await page.$$eval("#language option", (els) => els.map((el) => [el.value, el.textContent, el.lang]));
    await page.selectOption("#language", scenario.lang);
  }
  // The text a resident reads at each step (text nodes shown, not the picker's names, not the Japanese
  // original printed beside a translation), for the test that nothing is left untranslated.
  result.texts = [];
  const readTexts = async () => {
    const texts = await page.evaluate(() => {
      const out = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        const text = node.nodeValue.trim();
        if (!text || el.closest("select, script, noscript, .original, [hidden]") || el.offsetParent === null) continue;
        out.push(text);
      }
      for (const el of document.querySelectorAll("main input[placeholder]")) out.push(el.placeholder);
      out.push(document.title);
      return out;
    });
    for (const text of texts) if (!result.texts.includes(text)) result.texts.push(text);
  };
  let shot = 0;
  const screenshot = async (name) => {
    if (scenario.screenshots) await page.screenshot({ path: join(outDir, `${String(++shot).padStart(2, "0")}-${name}.png`), fullPage: true });
  };
  // Accessibility at every step: every control has a label, every touch target is at least 48 px high
  // (a radio or check box counts through its label), and the step has a heading.
  const audit = async (step) => {
    const found = await page.evaluate(() => {
      const controls = [...document.querySelectorAll("main input, main select, main button, header select")];
      const unlabelled = controls.filter((el) => !(el.labels && el.labels.length) && !el.getAttribute("aria-label")
        && !(el.getAttribute("aria-labelledby") && document.getElementById(el.getAttribute("aria-labelledby")))
        && !(el.tagName === "BUTTON" && el.textContent.trim())).map((el) => el.id || el.outerHTML.slice(0, 60));
      const targets = [...document.querySelectorAll("main button, main select, main input[type=text], main input[type=date], main label.choice, main label.check, header select")];
      const small = targets.filter((el) => el.offsetParent !== null && el.getBoundingClientRect().height < 47.5)
        .map((el) => `${el.id || el.textContent.trim().slice(0, 20)}: ${el.getBoundingClientRect().height}`);
      return { unlabelled, small, heading: Boolean(document.querySelector("main h2")) };
    });
    for (const id of found.unlabelled) result.unlabelled.push(`${step}: ${id}`);
    for (const id of found.small) result.small_targets.push(`${step}: ${id}`);
    if (!found.heading) result.errors.push(`${step}: no heading`);
  };
  const next = async () => {
    await audit(await page.locator("main form").getAttribute("id"));
    await readTexts();
    await page.click("#next");
    const problems = await page.locator("#error-summary:not([hidden])").count();
    if (problems) throw new Error(`the page refused the step: ${await page.locator("#error-summary").innerText()}`);
  };

  // 1. The event and its date.
  await screenshot("start");
  await page.check(`#event-${scenario.event}`);
  await page.fill("#event-date", scenario.event_date);
  if (scenario.visit_date) await page.fill("#visit-date", scenario.visit_date);
  await screenshot("event");
  await next();
  // 2. The address(es).
  await page.fill("#hh-address", scenario.address);
  if (scenario.previous) await page.fill("#hh-previous", scenario.previous);
  await screenshot("address");
  await next();
  // 3. The household.
  for (const [i, m] of scenario.members.entries()) {
    const id = `p${i + 1}`;
    if (i > 0) await page.click("#add-member");
    await page.fill(`#${id}-name`, m.name);
    if (m.kana) await page.fill(`#${id}-kana`, m.kana);
    await page.fill(`#${id}-birth`, m.birth);
    await page.check(`#${id}-sex-${m.sex}`);
    if (m.address) {
      await page.uncheck(`#${id}-same-address`);
      await page.fill(`#${id}-address`, m.address);
    }
    if (m.subject !== undefined && (await page.locator(`#${id}-subject`).count())) {
      await page.setChecked(`#${id}-subject`, m.subject);
    }
  }
  if (scenario.applicant) await page.selectOption("#applicant", scenario.applicant);
  await screenshot("members");
  await next();
  // 4. The questions: answer what is shown, as long as the scenario has an answer for it.
  const answered = new Set();
  for (let round = 0; round < 200; round++) {
    const keys = await page.$$eval("#questions .question", (els) => els.map((el) => el.dataset.key));
    for (const key of keys) if (!result.questions_seen.includes(key)) result.questions_seen.push(key);
    const key = keys.find((k) => !answered.has(k) && k in scenario.answers);
    if (key === undefined) break;
    answered.add(key);
    const id = `q-${key.replace("|", "--")}`;
    const value = scenario.answers[key];
    if (scenario.refuse && key in scenario.refuse) {
      // An answer the page must take back (a second 世帯主): clicked, then what the question says and whether
      // the choice stayed.
      const refused = `#${id}-${scenario.refuse[key]}`;
      await page.click(refused);
      await screenshot("refused");
      result.refused = { key, message: await page.locator(`#${id}-error`).innerText(),
        checked: await page.isChecked(refused), shown: await page.isVisible(`#${id}-error`) };
    }
    if (Array.isArray(value)) {
      if (!value.length) await page.check(`#${id}-none`);
      for (const v of value) await page.check(`#${id}-${v}`);
    } else if (typeof value === "boolean") {
      await page.check(`#${id}-${value}`);
    } else if (await page.locator(`#${id}-value`).count()) {
      await page.fill(`#${id}-value`, String(value));
    } else {
      await page.check(`#${id}-${value}`);
    }
  }
  await screenshot("questions");
  await next();
  // 5. The code(s): the pixels of each canvas as shown, and the saved image.
  await page.waitForSelector("canvas.qr");
  await audit("result");
  await readTexts();
  result.url_lang = await page.evaluate(() => new URL(location.href).searchParams.get("lang"));
  await screenshot("result");
  const count = await page.locator("canvas.qr").count();
  for (let n = 1; n <= count; n++) {
    const path = join(outDir, `code-${n}.png`);
    await page.locator(`#qr-${n}`).screenshot({ path });
    result.codes.push(path);
    result.versions.push(Number(await page.getAttribute(`#qr-${n}`, "data-version")));
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(`#save-${n}`)]);
    const saved = join(outDir, `saved-${n}.png`);
    await download.saveAs(saved);
    result.downloads.push(saved);
  }
  result.procedures = await page.$$eval("ul.plan li .proc-title", (els) => els.map((el) => el.textContent));
  result.bring = await page.$$eval("ul.bring li", (els) => els.map((el) => el.textContent));
  result.lang = await page.getAttribute("html", "lang");
} catch (e) {
  result.errors.push(String(e && e.stack || e));
} finally {
  await context.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
writeFileSync(join(outDir, "result.json"), JSON.stringify(result, null, 2));
process.stdout.write(JSON.stringify(result));
