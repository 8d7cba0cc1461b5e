/**
 * The shipped script in two parts: dist/Code.js (custom functions, the menu, a stub per other add-on
 * entry) and dist/Addon.html (the add-on, loaded by the stubs). Sheets loads the whole of Code.js for
 * every custom-function call, so what keeps those calls fast is that they never load Addon.html.
 */
import { statSync } from "node:fs";
import { join } from "node:path";
import { createContext, runInContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { checkAddonText } from "../../scripts/build";
import { readExports, shipsInCode } from "../../scripts/exports";
import { customFunctionServices, distDir, loadBundle, readCode, readDistHtml } from "../helpers/bundle";

const exported = readExports(join(import.meta.dirname, "..", "..", "src", "main.ts"));
const addonEntries = exported.filter((fn) => !shipsInCode(fn)).map((fn) => fn.name);
const column = (values: unknown[]) => values.map((v) => [v]);
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("Code.js and Addon.html", () => {
  it("name every export of src/main.ts as a top-level function of Code.js", () => {
    const script = loadBundle();
    const code = readCode();
    for (const { name } of exported) {
      expect(code, name).toMatch(new RegExp(`^function ${name}\\(`, "m"));
      expect(typeof script[name], name).toBe("function");
    }
  });

  it("bundle the custom functions and the menu into Code.js, the other add-on entries into Addon.html", () => {
    expect(exported.filter((fn) => fn.customFunction).every(shipsInCode)).toBe(true);
    expect(exported.filter(shipsInCode).map((fn) => fn.name)).toEqual(
      expect.arrayContaining(["onOpen", "onInstall"]),
    );
    expect(addonEntries).toEqual(
      expect.arrayContaining(["showSidebar", "buildReport", "refreshReportsFromMenu"]),
    );
    const code = readCode();
    for (const name of addonEntries) {
      expect(code).toContain(`function ${name}(`);
      expect(code).toContain(`return addon_().${name}.apply(this, arguments);`);
    }
  });

  // Code.js is ~77 KB and Addon.html ~126 KB (2026-11-29); only Code.js has a limit, see everyday.test.ts.
  it("keep the add-on out of Code.js: it is the larger part", () => {
    expect(statSync(join(distDir, "Addon.html")).size).toBeGreaterThan(
      statSync(join(distDir, "Code.js")).size,
    );
  });

  it("serve custom-function calls with no HtmlService at all, and never load the add-on", () => {
    const sheets = loadBundle(customFunctionServices("en_US", "UTC"));
    expect("HtmlService" in sheets).toBe(false);
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
    expect(sheets.CohortLTVAddon).toBeUndefined();
  });

  it("ship Addon.html as plain JavaScript defining only the add-on's global, with every add-on entry", () => {
    const text = readDistHtml("Addon");
    expect(text.startsWith("var CohortLTVAddon=")).toBe(true);
    expect(() => checkAddonText(text)).not.toThrow();
    const context = createContext({});
    runInContext(text, context);
    expect(Object.keys(context)).toEqual(["CohortLTVAddon"]);
    expect(Object.keys(context.CohortLTVAddon).sort()).toEqual([...addonEntries].sort());
  });

  it("refuse to build an add-on text that HtmlService could read as markup", () => {
    expect(() => checkAddonText('var a="<?= x ?>";')).toThrow(/"<\?" at 7/);
    expect(() => checkAddonText("\uFEFFvar a=1;")).toThrow(/Addon\.html/);
    expect(() => checkAddonText("var a=b<c&&d>e;")).not.toThrow();
  });
});
