// Builds the static pre-entry site into --out from the sources in src/ and the catalog that
// `kakanai prefill build` exported (--catalog FILE). Everything the page needs is in the folder: one
// script (bundled with the npm packages pinned in package-lock.json), one style sheet, and the catalog
// inlined in index.html. No CDN, no server code.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  (arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []));
if (!args.out || !args.catalog) {
  console.error("usage: node build.mjs --out DIR --catalog CATALOG.json");
  process.exit(2);
}
const catalog = JSON.parse(readFileSync(args.catalog, "utf-8"));
mkdirSync(args.out, { recursive: true });

await build({
  entryPoints: [join(here, "src", "app.js")],
  bundle: true,
  format: "iife",
  target: ["chrome103", "safari15", "firefox102"],
  minify: true,
  legalComments: "none",
  outfile: join(args.out, "app.js"),
  logLevel: "warning",
});
copyFileSync(join(here, "src", "style.css"), join(args.out, "style.css"));

// JSON inside <script type="application/json">: "<" is escaped so no text can close the element.
const inline = JSON.stringify(catalog).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
const escapeHtml = (s) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
const html = readFileSync(join(here, "src", "index.html"), "utf-8")
  .replaceAll("__MUNICIPALITY__", escapeHtml(catalog.municipality.name || ""))
  .replaceAll("__RULES_VERSION__", escapeHtml(catalog.version || ""))
  .replace("__CATALOG__", () => inline);
writeFileSync(join(args.out, "index.html"), html);

// The licences of the bundled packages (MIT): their notices travel with the code.
const require = createRequire(import.meta.url);
const notices = ["qrcode", "fflate"].map((name) => {
  const dir = dirname(require.resolve(`${name}/package.json`));
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf-8"));
  let text = "";
  for (const file of ["LICENSE", "license", "LICENSE.md"]) {
    try { text = readFileSync(join(dir, file), "utf-8"); break; } catch { /* next name */ }
  }
  return `${name} ${pkg.version} (${pkg.license})\n\n${text.trim()}\n`;
});
writeFileSync(join(args.out, "THIRD-PARTY-NOTICES.txt"), notices.join("\n----------------------------------------\n\n"));
console.log(JSON.stringify({ out: args.out, files: ["index.html", "app.js", "style.css", "THIRD-PARTY-NOTICES.txt"] }));
