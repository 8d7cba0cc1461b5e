/**
 * The shipped script is one file Apps Script loads itself, dist/Code.js: the custom functions, the
 * menu and the whole add-on. No code passes through HtmlService (its `getContent()` may sanitize
 * text it reads as markup), and nothing is evaluated from text at run time.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readExports } from "../../scripts/exports";
import { customFunctionServices, distDir, loadBundle, readCode } from "../helpers/bundle";

const exported = readExports(join(import.meta.dirname, "..", "..", "src", "main.ts"));
const column = (values: unknown[]) => values.map((v) => [v]);
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("dist/Code.js, the one server script", () => {
  it("names every export of src/main.ts as a top-level function calling into the bundle", () => {
    const script = loadBundle();
    const code = readCode();
    for (const { name } of exported) {
      expect(code, name).toMatch(new RegExp(`^function ${name}\\(`, "m"));
      expect(code).toContain(`return CohortLTV.${name}.apply(this, arguments);`);
      expect(typeof script[name], name).toBe("function");
      expect(typeof script.CohortLTV[name], name).toBe("function");
    }
  });

  it("is the only script file: dist/ holds Code.js, the manifest and HTML pages that are pages", () => {
    const files = readdirSync(distDir).sort();
    expect(files.filter((f) => f.endsWith(".js"))).toEqual(["Code.js"]);
    expect(files).toContain("appsscript.json");
    expect(files).not.toContain("Addon.html");
    for (const page of files.filter((f) => f.endsWith(".html")))
      expect(page).toMatch(/^(Sidebar|Help(_\w+)?)\.html$/);
  });

  it("evaluates no code from text: no eval, no Function constructor, no HTML file read as code", () => {
    const code = readCode();
    // Booleans, so a failure does not print the whole bundle.
    expect(/\beval\s*\(/.test(code), "eval(").toBe(false);
    expect(/\bnew Function\s*\(/.test(code), "new Function(").toBe(false);
    expect(code.includes('createHtmlOutputFromFile("Addon")'), "the old loader").toBe(false);
    expect(/getContent\(/.test(code), "a page's text read back").toBe(false);
  });

  it("loads with no Apps Script service at all: its top level touches none", () => {
    expect(() => loadBundle()).not.toThrow();
  });

  it("serves custom-function calls with only the spreadsheet's locale and time zone", () => {
    const sheets = loadBundle(customFunctionServices("en_US", "UTC"));
    const ids = column(["a", "a", "b", "b", "c"]);
    const dates = column([
      day("2024-01-05"),
      day("2024-02-07"),
      day("2024-01-20"),
      day("2024-03-02"),
      day("2024-02-11"),
    ]);
    const amounts = column([100, 50, 30, 20, 40]);
    expect(sheets.LTV(50, 4, 3)).toBe(600);
    expect(sheets.AOV(12500, 250)).toBe(50);
    expect(sheets.COHORT_RETENTION(ids, dates).length).toBeGreaterThan(1);
    expect(sheets.RFM(ids, dates, amounts).length).toBe(4);
    expect(sheets.SBG_PARAMS(column([1000, 631, 468, 382, 326]))[0]).toEqual([
      "alpha",
      "beta",
      "log_likelihood",
    ]);
    expect(sheets.NRR(1000, 100, -20, -30)).toBeCloseTo(1.05, 12);
    expect(sheets.MRR_MOVEMENTS(ids, dates, amounts).length).toBeGreaterThan(1);
  });
});
