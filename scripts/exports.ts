/**
 * Reads the functions `src/main.ts` exposes to Apps Script, with each one's JSDoc and parameter
 * names, from the source text. `src/main.ts` holds only `export { A, B } from "./module";` lines, and
 * each name is an `export function` in that module, so a text scan is exact and needs no compiler.
 * Custom functions are checked here: Sheets needs `@customfunction`, and users need one `@param`
 * per argument and a `@return`; a build that would ship a worse comment fails. The parts of the
 * comment (definition, arguments, result, example, source) are also the English Help dialog.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

export interface Param {
  name: string;
  /** `name?: Arg` in the signature: shown in brackets. */
  optional: boolean;
  /** The `@param` text, without its `{type}`. */
  text: string;
}

export interface ExportedFunction {
  name: string;
  params: string[];
  /** The module it comes from, relative to src/ without ".ts": `functions/everyday`. */
  module: string;
  /** The JSDoc block as written, or "" for a function without one. */
  doc: string;
  customFunction: boolean;
  /** The doc's text before its tags. */
  summary: string;
  /** The summary without its `Source: …` sentence: what the formula computes. */
  definition: string;
  /** The `Source: …` sentence's text, or "". */
  source: string;
  arguments: Param[];
  /** The `@return` text. */
  returns: string;
  /** The `@example` line, for the help dialog. */
  example: string;
  /** Every tag as written (`@param {number} aov The …`), each on one line. */
  tags: string[];
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
      result.push(readFunction(source, name, modulePath, from.replace(/^\.\//, "")));
    }
  }
  const seen = new Set<string>();
  for (const fn of result) {
    if (seen.has(fn.name)) throw new Error(`${fn.name} is exported twice from src/main.ts`);
    seen.add(fn.name);
  }
  return result;
}

function readFunction(text: string, name: string, modulePath: string, module: string): ExportedFunction {
  const declaration = new RegExp(
    `(/\\*\\*(?:(?!\\*/)[\\s\\S])*\\*/\\s*)?export function ${name}\\(([^)]*)\\)`,
  );
  const match = declaration.exec(text);
  if (!match) throw new Error(`${modulePath}: no "export function ${name}(" for src/main.ts to expose`);
  const doc = (match[1] ?? "").trim();
  const declared = splitParams(match[2]);
  const params = declared.map((p) => p.name);
  const customFunction = /@customfunction\b/.test(doc);
  if (customFunction) checkCustomFunctionDoc(name, doc, params, modulePath);
  // One line per tag: the comment's lines joined, then split where a tag starts.
  const [summary, ...tags] = doc
    .replace(/^\/\*\*|\*\/$/g, "")
    .split("\n")
    .map((line) => line.replace(/^\s*\*\s?/, "").trim())
    .join(" ")
    .split(/\s(?=@\w)/)
    .map((part) => part.trim());
  const tag = (tagName: string) =>
    tags.filter((t) => t.startsWith(`@${tagName} `)).map((t) => t.slice(tagName.length + 2).trim());
  const [definition, source = ""] = summary.split(/\s*\bSource:\s*/);
  const paramText = new Map(
    tag("param").map((t) => {
      const [, paramName, text] = /^(?:\{[^}]*\}\s+)?\[?([A-Za-z_$][\w$]*)\]?\s*(.*)$/.exec(t) ?? [];
      return [paramName, text] as const;
    }),
  );
  return {
    name,
    params,
    module,
    doc,
    customFunction,
    summary,
    definition: definition.trim(),
    source: source.trim(),
    arguments: declared.map(({ name: p, optional }) => ({ name: p, optional, text: paramText.get(p) ?? "" })),
    returns: tag("return")[0] ?? "",
    example: tag("example")[0] ?? "",
    tags,
  };
}

/** Parameters from a TypeScript parameter list: `a: Arg, b?: Arg` → a, and b (optional). */
function splitParams(list: string): { name: string; optional: boolean }[] {
  return list
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => ({ name: /^[A-Za-z_$][\w$]*/.exec(p)?.[0] ?? p, optional: /^[\w$]+\s*\?|=/.test(p) }));
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
