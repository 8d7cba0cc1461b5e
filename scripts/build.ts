/**
 * Builds `dist/` exactly as `clasp push` deploys it:
 * - `Code.js`: the bundle (esbuild, one IIFE bound to `CohortLTV`), then one top-level
 *   `function NAME(...)` per export of `src/main.ts`, carrying the export's JSDoc. Sheets reads a
 *   custom function's `@customfunction` comment for autocomplete only from a top-level declaration,
 *   and bundlers drop comments, so this small generator copies them from the source.
 * - `appsscript.json`, copied.
 * - `Sidebar.html` and `Help.html`: self-contained pages (inline script and style, no URLs).
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { type ExportedFunction, readExports } from "./exports";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const GLOBAL = "CohortLTV";

async function bundle(entry: string, options: { platform: "neutral" | "browser"; globalName?: string }) {
  const result = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    write: false,
    format: "iife",
    globalName: options.globalName,
    platform: options.platform,
    mainFields: ["module", "main"],
    target: "es2020",
    minify: true,
    legalComments: "none",
    charset: "utf8",
  });
  return result.outputFiles[0].text;
}

function wrapper(fn: ExportedFunction): string {
  const params = fn.params.join(", ");
  // Sheets passes however many arguments a user typed; a surplus one is a mistake worth naming.
  const arity = fn.customFunction
    ? `  if (arguments.length > ${fn.params.length}) throw new Error("${fn.name}: " + arguments.length + " arguments given — expected at most ${fn.params.length} (${params})");\n`
    : "";
  return `${fn.doc}\nfunction ${fn.name}(${params}) {\n${arity}  return ${GLOBAL}.${fn.name}.apply(this, arguments);\n}\n`;
}

/** The formula help dialog, made from the same JSDoc that Sheets shows. */
function helpPage(functions: ExportedFunction[]): string {
  const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const rows = functions
    .filter((fn) => fn.customFunction)
    .map(
      (fn) =>
        `<tr><th scope="row"><code>${fn.name}(${fn.params.join(", ")})</code></th><td>${escapeHtml(fn.summary)}</td><td><code>${escapeHtml(fn.example)}</code></td></tr>`,
    )
    .join("\n");
  return `<!DOCTYPE html>
<html><head><base target="_top"><meta charset="utf-8"><style>
body{font:13px/1.4 Arial,sans-serif;margin:12px;color:#202124}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:6px;border-bottom:1px solid #dadce0}
th code{white-space:nowrap}code{font-family:"Roboto Mono",monospace;font-size:12px}
</style></head><body>
<p>Type these in any cell. Arguments take single cells or ranges; rates take 0.05 or 5%.</p>
<table><thead><tr><th>Formula</th><th>What it computes</th><th>Example</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>
`;
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
  const code = await bundle("src/main.ts", { platform: "neutral", globalName: GLOBAL });
  const header = "// Cohort LTV for Google Sheets — built by scripts/build.ts from src/; do not edit.\n";
  writeFileSync(join(dist, "Code.js"), `${header}${code}\n${functions.map(wrapper).join("\n")}`);
  copyFileSync(join(root, "appsscript.json"), join(dist, "appsscript.json"));
  writeFileSync(join(dist, "Help.html"), helpPage(functions));
  writeFileSync(join(dist, "Sidebar.html"), await sidebarPage());
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildDist();
  console.log(`built ${dist}`);
}
