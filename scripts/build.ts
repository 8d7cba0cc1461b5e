/**
 * Builds `dist/` exactly as `clasp push` deploys it:
 * - `Code.js`: all the server code — custom functions, menu, sidebar API, reports — as one esbuild
 *   bundle (an IIFE bound to `CohortLTV`), then one top-level `function NAME(...)` per export of
 *   `src/main.ts`. Apps Script loads every script file of the project itself; no code is read
 *   through HtmlService (its `getContent()` may sanitize text it takes for markup). Sheets reads a
 *   custom function's `@customfunction` comment for autocomplete only from a top-level declaration,
 *   and bundlers drop comments, so this small generator copies them from the source.
 * - `appsscript.json`, copied. Code.js carries each page's length and the manifest's scopes, which
 *   "Check installation" compares with what Apps Script serves and grants.
 * - `Sidebar.html`, and the formula Help in each language (`Help.html`, `Help_ko.html`,
 *   `Help_ru.html`, see scripts/help-page.ts): self-contained pages (inline script and style, no URLs).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { LANGUAGES } from "../src/core/language";
import { helpFileName } from "../src/sidebar/help/file";
import { type ExportedFunction, readExports } from "./exports";
import { helpPage } from "./help-page";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const GLOBAL = "CohortLTV";

type Entry = string | ExportedFunction[];

/** A bundle of a source file, or of the given exports of src/main.ts (an entry generated here). */
async function bundle(
  entry: Entry,
  options: { platform: "neutral" | "browser"; globalName?: string; define?: Record<string, string> },
) {
  const result = await build({
    ...(typeof entry === "string"
      ? { entryPoints: [join(root, entry)] }
      : { stdin: { contents: reexports(entry), resolveDir: join(root, "src"), loader: "ts" } }),
    bundle: true,
    write: false,
    format: "iife",
    globalName: options.globalName,
    define: options.define,
    platform: options.platform,
    mainFields: ["module", "main"],
    target: "es2020",
    minify: true,
    legalComments: "none",
    charset: "utf8",
  });
  return result.outputFiles[0].text;
}

/**
 * The JSDoc Sheets shows in a custom function's autocomplete: the definition's first sentence and the
 * tags. Sheets loads the whole script for every custom-function call, so the full definition and
 * source go only into the Help pages; other globals need no comment at all.
 */
function shippedDoc(fn: ExportedFunction): string {
  if (!fn.customFunction) return "";
  const first = /^.*?\.(?=\s|$)/.exec(fn.definition)?.[0] ?? fn.definition;
  return `/**\n * ${[first, ...fn.tags].join("\n * ")}\n */\n`;
}

/** `export { A, B } from "./module";` per module, as src/main.ts names them. */
function reexports(functions: ExportedFunction[]): string {
  const names = new Map<string, string[]>();
  for (const fn of functions) names.set(fn.module, [...(names.get(fn.module) ?? []), fn.name]);
  return [...names].map(([module, list]) => `export { ${list.join(", ")} } from "./${module}";\n`).join("");
}

function wrapper(fn: ExportedFunction): string {
  const params = fn.params.join(", ");
  // Sheets passes however many arguments a user typed; a surplus one is a mistake worth naming.
  const arity = fn.customFunction
    ? `  if (arguments.length > ${fn.params.length}) throw new Error("${fn.name}: " + arguments.length + " arguments given — expected at most ${fn.params.length} (${params})");\n`
    : "";
  return `${shippedDoc(fn)}function ${fn.name}(${params}) {\n${arity}  return ${GLOBAL}.${fn.name}.apply(this, arguments);\n}\n`;
}

async function sidebarPage(): Promise<string> {
  const script = await bundle("src/sidebar/main.ts", { platform: "browser" });
  const template = readFileSync(join(root, "src/sidebar/index.html"), "utf8");
  const style = readFileSync(join(root, "src/sidebar/style.css"), "utf8");
  // A function replacement: `$` in the bundle must not be read as a replacement pattern.
  return template
    .replace("/* STYLE */", () => style)
    .replace("/* SCRIPT */", () => script.replace(/<\/script/gi, "<\\/script"));
}

export async function buildDist(): Promise<void> {
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  const functions = readExports(join(root, "src/main.ts"));
  const pages = new Map<string, string>();
  const search = await bundle("src/sidebar/help/filter.ts", { platform: "browser" });
  for (const language of LANGUAGES) pages.set(helpFileName(language), helpPage(functions, language, search));
  pages.set("Sidebar", await sidebarPage());
  for (const [name, text] of pages) writeFileSync(join(dist, `${name}.html`), text);
  const manifest = readFileSync(join(root, "appsscript.json"), "utf8");
  writeFileSync(join(dist, "appsscript.json"), manifest);
  // What "Check installation" compares Apps Script's copies with (addon/self-check.ts).
  const built = { scopes: JSON.parse(manifest).oauthScopes };
  const code = await bundle(functions, {
    platform: "neutral",
    globalName: GLOBAL,
    define: { __COHORT_LTV_BUILT__: JSON.stringify(built) },
  });
  const header = "// Cohort LTV for Google Sheets — built by scripts/build.ts from src/; do not edit.\n";
  const wrappers = functions.map(wrapper).join("\n");
  writeFileSync(join(dist, "Code.js"), `${header}${code}\n${wrappers}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildDist();
  console.log(`built ${dist}`);
}
