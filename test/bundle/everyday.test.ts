/**
 * The shipped dist/Code.js, loaded as Apps Script loads it, called as Sheets calls custom functions:
 * numbers, text, `Date`s, "" for blanks and 2-D arrays for ranges.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { customFunctionServices, distDir, loadBundle, readCode } from "../helpers/bundle";

const EVERYDAY = [
  "AOV",
  "PURCHASE_FREQUENCY",
  "LTV",
  "CLV",
  "LTV_CHURN",
  "CAC",
  "LTV_CAC",
  "CHURN",
  "RETENTION",
  "PAYBACK",
  "REPEAT_RATE",
];

/** Every custom function the issues specify; each must ship with its autocomplete comment. */
const ALL_FORMULAS = [
  ...EVERYDAY,
  "COHORT_RETENTION",
  "COHORT_REVENUE",
  "COHORT_LTV",
  "RFM",
  "RETENTION_FORECAST",
  "SBG_PARAMS",
  "BGNBD_PARAMS",
  "GAMMAGAMMA_PARAMS",
  "PREDICTED_CLV",
  "MRR_MOVEMENTS",
  "COHORT_NRR",
  "NRR",
  "GRR",
  "PARETONBD_PARAMS",
  "BGBB_PARAMS",
  "BGBB_FORECAST",
  "FORECAST_CHECK",
];

const sheets = loadBundle(customFunctionServices("en_US", "America/New_York"));

describe("dist/ is what Apps Script needs", () => {
  const code = readCode();

  it.each(ALL_FORMULAS)("%s is a top-level function carrying its autocomplete JSDoc", (name) => {
    expect(typeof sheets[name]).toBe("function");
    const declaration = new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\nfunction ${name}\\(([^)]*)\\)`);
    const match = declaration.exec(code);
    expect(match, `${name} has no JSDoc right above its declaration`).not.toBeNull();
    const [, doc, params] = match as RegExpExecArray;
    expect(doc).toContain("@customfunction");
    expect(doc).toMatch(/@return /);
    expect(doc).toContain("@example");
    for (const param of params.split(",").map((p) => p.trim())) {
      expect(doc).toMatch(new RegExp(`@param \\{[^}]+\\} ${param} \\S`));
    }
  });

  it("ships the manifest with V8, Stackdriver logging and only the narrow scopes", () => {
    const manifest = JSON.parse(readFileSync(join(distDir, "appsscript.json"), "utf8"));
    expect(manifest.runtimeVersion).toBe("V8");
    expect(manifest.exceptionLogging).toBe("STACKDRIVER");
    expect(manifest.oauthScopes).toEqual([
      "https://www.googleapis.com/auth/spreadsheets.currentonly",
      "https://www.googleapis.com/auth/script.container.ui",
      // BigQuery's tables.get, jobs.query (dry runs too) and jobs.getQueryResults: see test/addon/scopes.test.ts.
      "https://www.googleapis.com/auth/cloud-platform.read-only",
    ]);
    expect(manifest.dependencies.enabledAdvancedServices).toEqual([
      { userSymbol: "BigQuery", serviceId: "bigquery", version: "v2" },
    ]);
  });

  it.each(["Sidebar.html", "Help.html"])("%s is self-contained: no external URLs", (file) => {
    const html = readFileSync(join(distDir, file), "utf8");
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import/);
  });

  it("lists every formula with an example in the help dialog", () => {
    const html = readFileSync(join(distDir, "Help.html"), "utf8");
    for (const name of ALL_FORMULAS) expect(html).toContain(`<code>${name}(`);
  });
});

describe("everyday formulas as Sheets calls them", () => {
  it("give the defined results for single cells", () => {
    expect(sheets.AOV(12500, 250)).toBe(50);
    expect(sheets.PURCHASE_FREQUENCY(250, 100)).toBe(2.5);
    expect(sheets.LTV(50, 4, 3)).toBe(600);
    expect(sheets.CLV(50, 4, 3, 0.3)).toBeCloseTo(180, 12);
    expect(sheets.LTV_CHURN(100, 0.05)).toBeCloseTo(2000, 9);
    expect(sheets.LTV_CHURN(100, 0.2, 0.5, 0.1)).toBeCloseTo(55 / 0.3, 9);
    expect(sheets.CAC(5000, 125)).toBe(40);
    expect(sheets.LTV_CAC(600, 200)).toBe(3);
    expect(sheets.CHURN(15, 300)).toBe(0.05);
    expect(sheets.RETENTION(330, 60, 300)).toBe(0.9);
    expect(sheets.PAYBACK(300, 50)).toBe(6);
    expect(sheets.PAYBACK(300, 50, 0.05)).toBeCloseTo(Math.log(0.7) / Math.log(0.95), 12);
    expect(sheets.REPEAT_RATE([["a"], ["b"], ["a"], ["c"], [""]])).toBeCloseTo(1 / 3, 12);
  });

  it("read numbers typed as text, percents, and optional arguments left blank", () => {
    expect(sheets.AOV("$1,234.50", "10")).toBeCloseTo(123.45, 12);
    expect(sheets.CLV("50", 4, 3, "30%")).toBeCloseTo(180, 12);
    expect(sheets.LTV_CHURN(100, "5%", "", "")).toBeCloseTo(2000, 9);
    expect(sheets.PAYBACK(300, 50, "")).toBe(6);
  });

  it("read ambiguous separators with the spreadsheet's locale", () => {
    const ru = loadBundle(customFunctionServices("ru_RU", "Europe/Moscow"));
    expect(ru.AOV("1 234,50 ₽", 1)).toBe(1234.5);
    const de = loadBundle(customFunctionServices("de_DE", "Europe/Berlin"));
    expect(de.CAC("1.234", 2)).toBe(617);
    expect(sheets.CAC("1,234", 2)).toBe(617);
    const ko = loadBundle(customFunctionServices("ko_KR", "Asia/Seoul"));
    expect(ko.CAC("₩12,000", 3)).toBe(4000);
  });

  it("broadcast ranges element-wise, with single cells repeated and blank rows left blank", () => {
    expect(sheets.LTV([[50], [60], [""], [""]], 4, [[3], [2], [""], [""]])).toEqual([
      [600],
      [480],
      [""],
      [""],
    ]);
    expect(sheets.CAC([[100, 200]], [[4, 0]])).toEqual([[25, ""]]);
    expect(sheets.LTV_CAC([[600]], [[200]])).toBe(3);
  });

  it("never return NaN, Infinity, undefined or null", () => {
    const value = fc.oneof(
      fc.double(),
      fc.constantFrom("", "abc", "12%", "$1,000", "#N/A", "-5", "0"),
      fc.boolean(),
      fc.constant(new Date(0)),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...EVERYDAY.filter((n) => n !== "REPEAT_RATE")),
        fc.array(value, { maxLength: 4 }),
        (name, args) => {
          let result: unknown;
          try {
            result = sheets[name](...args);
          } catch (error) {
            expect((error as Error).message).toMatch(new RegExp(`^${name}: `));
            return;
          }
          expect(typeof result === "number" && Number.isFinite(result)).toBe(true);
        },
      ),
    );
  });
});

describe("bad inputs get the exact error a user reads", () => {
  it.each([
    ["LTV", ["abc", 4, 3], 'LTV: aov is "abc" — expected a number'],
    ["LTV", [[[50], ["abc"]], 4, 3], 'LTV: aov, row 2, is "abc" — expected a number'],
    [
      "LTV",
      [50, true, 3],
      "LTV: purchase_frequency is TRUE (a checkbox or logical value) — expected a number",
    ],
    ["LTV", [50, 4, "#N/A"], "LTV: lifespan is the error #N/A — expected a number"],
    ["LTV", [50, "", 3], "LTV: purchase_frequency is blank — expected a number"],
    [
      "LTV",
      [[[1], [2]], [[1], [2], [3]], 1],
      "LTV: purchase_frequency is 3 rows × 1 column but aov is 2 rows × 1 column — give ranges of the same size, or a single cell",
    ],
    ["CAC", [5000, 0], "CAC: new_customers is 0 — no new customers, so the spend per customer is undefined"],
    ["CAC", [5000, -3], "CAC: new_customers is -3 — a count cannot be negative"],
    ["CLV", [50, 4, 3, 30], "CLV: margin is 30, outside 0–100% — write 30% as 0.3 or as 30%"],
    [
      "CLV",
      [50, 4, 3, -0.2],
      "CLV: margin is -0.2, outside 0–100% — write a rate from 0 to 1, e.g. 0.05 or 5%",
    ],
    [
      "LTV_CHURN",
      [100, 0],
      "LTV_CHURN: churn_rate is 0 — with no churn and no discount rate every customer stays forever and lifetime value has no limit",
    ],
    ["CHURN", [400, 300], "CHURN: customers_lost (400) is more than customers_at_start (300)"],
    ["RETENTION", [330, 400, 300], "RETENTION: new_customers (400) is more than customers_at_end (330)"],
    [
      "PAYBACK",
      [300, 0],
      "PAYBACK: margin_per_period is 0 — never pays back: each period must bring a positive margin",
    ],
    [
      "PAYBACK",
      [300, 20, 0.1],
      "PAYBACK: cac (300) is not below the lifetime margin margin_per_period / churn_rate = 200 — never pays back at this churn rate",
    ],
    [
      "REPEAT_RATE",
      [[[""], [""]]],
      "REPEAT_RATE: customer_ids has no customer ids — select the id column of your transactions",
    ],
    [
      "REPEAT_RATE",
      [[["a"], [true]]],
      "REPEAT_RATE: customer_ids, row 2, is TRUE (a checkbox or logical value) — expected a customer id",
    ],
    ["AOV", [1, 2, 3], "AOV: 3 arguments given — expected at most 2 (revenue, orders)"],
  ])("%s(%j)", (name, args, message) => {
    expect(() => sheets[name as string](...(args as unknown[]))).toThrow(message as string);
  });
});
