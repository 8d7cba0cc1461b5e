/**
 * Reads the functions `src/main.ts` exposes to Apps Script, with each one's JSDoc and parameter
 * names, from the source text. `src/main.ts` holds only `export { A, B } from "./module";` lines, and
 * each name is an `export function` in that module, so a text scan is exact and needs no compiler.
 * Custom functions are checked here: Sheets needs `@customfunction`, and users need one `@param`
 * per argument and a `@return`; a build that would ship a worse comment fails.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

export interface ExportedFunction {
  name: string;
  params: string[];
  /** The JSDoc block as written, or "" for a function without one. */
  doc: string;
  customFunction: boolean;
  /** The first sentence of the doc, for the help dialog. */
  summary: string;
  /** The `@example` line, for the help dialog. */
  example: string;
}

const EXPORT_LIST = /export\s*\{([^}]*)\}\s*from\s*"([^"]+)";/g;

export function readExports(mainPath: string): ExportedFunction[] {
  const main = readFileSync(mainPath, "utf8");
  const result: ExportedFunction[] = [];
  for (const [, names, from] of main.matchAll(EXPORT_LIST)) {
    const modulePath = join(dirname(mainPath), `${from}.ts`);
    const source = readFileSync(modulePath, "utf8");
    for (const name of names
      .split(",")
      .map((n) => n.trim())
      .filter(Boolean)) {
      result.push(readFunction(source, name, modulePath));
    }
  }
  const seen = new Set<string>();
  for (const fn of result) {
    if (seen.has(fn.name)) throw new Error(`${fn.name} is exported twice from src/main.ts`);
    seen.add(fn.name);
  }
  return result;
}

function readFunction(source: string, name: string, modulePath: string): ExportedFunction {
  const declaration = new RegExp(
    `(/\\*\\*(?:(?!\\*/)[\\s\\S])*\\*/\\s*)?export function ${name}\\(([^)]*)\\)`,
  );
  const match = declaration.exec(source);
  if (!match) throw new Error(`${modulePath}: no "export function ${name}(" for src/main.ts to expose`);
  const doc = (match[1] ?? "").trim();
  const params = splitParams(match[2]);
  const customFunction = /@customfunction\b/.test(doc);
  if (customFunction) checkCustomFunctionDoc(name, doc, params, modulePath);
  const summary = doc
    .replace(/^\/\*\*|\*\/$/g, "")
    .split("\n")
    .map((line) => line.replace(/^\s*\*\s?/, "").trim())
    .join(" ")
    .split(/\s@/)[0]
    .trim();
  const example = /@example\s+(.+)/.exec(doc)?.[1].trim() ?? "";
  return { name, params, doc, customFunction, summary, example };
}

/** Parameter names from a TypeScript parameter list: `a: Arg, b?: Arg` → `["a", "b"]`. */
function splitParams(list: string): string[] {
  return list
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => /^[A-Za-z_$][\w$]*/.exec(p)?.[0] ?? p);
}

function checkCustomFunctionDoc(name: string, doc: string, params: string[], modulePath: string): void {
  const documented = [...doc.matchAll(/@param\s+(?:\{[^}]*\}\s+)?\[?([A-Za-z_$][\w$]*)/g)].map((m) => m[1]);
  const problems: string[] = [];
  if (documented.join(",") !== params.join(",")) {
    problems.push(
      `@param names (${documented.join(", ")}) differ from the parameters (${params.join(", ")})`,
    );
  }
  if (!/@return\b/.test(doc)) problems.push("no @return");
  if (!/@example\b/.test(doc)) problems.push("no @example");
  if (problems.length) throw new Error(`${modulePath}: ${name}: ${problems.join("; ")}`);
}
