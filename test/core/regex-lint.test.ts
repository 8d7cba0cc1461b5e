/**
 * A lint over every regular expression literal in src/: none may have quantifiers that can match the
 * same text in more than one way (nested or adjacent, like `[T\s]+\s*` in the date pattern of issue
 * 21), which makes a failed match retry each split of a run of characters — polynomial or
 * exponential time on one pasted cell. scslre (from the authors of eslint-plugin-regexp) finds them
 * for text that repeats one character; test/core/hostile-text.test.ts times the parsers themselves.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { RegExpParser } from "@eslint-community/regexpp";
import { tokenizer } from "acorn";
import { transformSync } from "esbuild";
import { analyse } from "scslre";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "../../src");
const parser = new RegExpParser();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.ts$/.test(name) ? [path] : [];
  });
}

/** The regular expression literals of a TypeScript file, as `/pattern/flags`. */
function regexLiterals(file: string): string[] {
  const js = transformSync(readFileSync(file, "utf8"), { loader: "ts", target: "esnext" }).code;
  const literals: string[] = [];
  for (const token of tokenizer(js, { ecmaVersion: "latest", sourceType: "module" })) {
    if (token.type.label !== "regexp") continue;
    const { pattern, flags } = (token as unknown as { value: { pattern: string; flags: string } }).value;
    literals.push(`/${pattern}/${flags}`);
  }
  return literals;
}

/** What scslre finds: "Trade" (adjacent quantifiers), "Self" (nested) or "Move" (an unanchored retry). */
const superLinear = (literal: string) => analyse(parser.parseLiteral(literal)).reports.map((r) => r.type);

describe("regular expressions in src", () => {
  it("finds the literals, and would flag the pattern of issue 21", () => {
    expect(regexLiterals(join(SRC, "core/cells.ts")).length).toBeGreaterThan(5);
    const issue21 = String.raw`/[T\s]+(?:오전|오후)?\s*\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[AP]\.?M\.?)?\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i`;
    expect(superLinear(issue21)).toContain("Trade");
  });

  it("have no quantifiers that overlap", () => {
    const found = sourceFiles(SRC).flatMap((file) =>
      regexLiterals(file)
        .map((literal) => ({ file: file.slice(SRC.length + 1), literal, reports: superLinear(literal) }))
        .filter((r) => r.reports.length > 0),
    );
    expect(found).toEqual([]);
  });
});
