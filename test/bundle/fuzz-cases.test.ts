/**
 * The cases fuzzing the shipped bundle found (issue 15), called as Sheets calls them: each input with
 * its exact value or the exact error a user reads. Dates (years, export formats) are the command
 * line's and cells.ts's date reading; precision, fits and size limits are the models'. Their cases
 * live with their tests.
 */
import { describe, expect, it } from "vitest";
import { customFunctionServices, loadBundle, type ScriptGlobals } from "../helpers/bundle";

const bundles = new Map<string, ScriptGlobals>();
function sheetIn(locale: string): ScriptGlobals {
  let sheet = bundles.get(locale);
  if (!sheet) {
    sheet = loadBundle(customFunctionServices(locale, "UTC"));
    bundles.set(locale, sheet);
  }
  return sheet;
}

const ids = [["a"], ["b"], ["a"]];
const dates = [["2024-01-05"], ["2024-01-20"], ["2024-02-03"]];

type Case = [locale: string, call: string, args: unknown[], expected: number | string];

describe("minus signs are never dropped", () => {
  it.each<Case>([
    ["en_US", "AOV", ["–5", 1], -5],
    ["en_US", "AOV", ["‒5", 1], -5],
    ["en_US", "AOV", ["−5", 1], -5],
    ["en_US", "AOV", ["－5", 1], -5],
    ["en_US", "AOV", ["﹣5", 1], -5],
    ["en_US", "AOV", ["5-", 1], -5],
    ["en_US", "AOV", ["(5)", 1], -5],
    ["de_DE", "LTV_CAC", ["1.234,50-", 1], -1234.5],
    ["en_US", "CAC", ["–5", 1], 'CAC: spend is "–5" — expected zero or more'],
    ["en_US", "CAC", ["5-", 1], 'CAC: spend is "5-" — expected zero or more'],
    ["en_US", "LTV", ["(50)", 4, 3], 'LTV: aov is "(50)" — expected zero or more'],
    // a buys 10 and returns 4 in January: the cohort's month 0 is 6, not 14.
    ["en_US", "COHORT_REVENUE", [[["a"], ["a"], ["b"]], dates, [[10], ["–4"], [5]]], 6],
  ])("%s: %s(%j)", (locale, call, args, expected) => expectCall(locale, call, args, expected));
});

describe("text that is not all a number is an error naming the function, argument and row", () => {
  it.each<Case>([
    ["en_US", "AOV", ["Q1 2024", 1], 'AOV: revenue is "Q1 2024" — expected a number'],
    ["en_US", "AOV", ["No. 5", 1], 'AOV: revenue is "No. 5" — expected a number'],
    ["en_US", "AOV", ["12 34", 1], 'AOV: revenue is "12 34" — expected a number'],
    ["ru_RU", "AOV", ["12 34", 1], 'AOV: revenue is "12 34" — expected a number'],
    ["en_US", "AOV", ["v2", 1], 'AOV: revenue is "v2" — expected a number'],
    ["en_US", "AOV", ["5 apples", 1], 'AOV: revenue is "5 apples" — expected a number'],
    ["en_US", "LTV", [[[50], ["5 apples"]], 4, 3], 'LTV: aov, row 2, is "5 apples" — expected a number'],
    [
      "en_US",
      "COHORT_REVENUE",
      [ids, dates, [[10], ["No. 5"], [5]]],
      'COHORT_REVENUE: amounts, row 2, is "No. 5" — expected a number',
    ],
  ])("%s: %s(%j)", (locale, call, args, expected) => expectCall(locale, call, args, expected));
});

describe("only finite numbers", () => {
  it.each<Case>([
    ["en_US", "AOV", ["1e309", 1], 'AOV: revenue is "1e309" — expected a number'],
    ["en_US", "AOV", [Number.POSITIVE_INFINITY, 1], "AOV: revenue is Infinity — expected a finite number"],
    ["en_US", "AOV", [Number.NaN, 1], "AOV: revenue is NaN — expected a finite number"],
    [
      "en_US",
      "COHORT_REVENUE",
      [ids, dates, [["1e309"], [1], [1]]],
      'COHORT_REVENUE: amounts, row 1, is "1e309" — expected a number',
    ],
    [
      "en_US",
      "COHORT_LTV",
      [ids, dates, [[1], [1], ["1e309"]]],
      'COHORT_LTV: amounts, row 3, is "1e309" — expected a number',
    ],
    [
      "en_US",
      "RFM",
      [ids, dates, [[1], ["1e309"], [1]]],
      'RFM: amounts, row 2, is "1e309" — expected a number',
    ],
    [
      "en_US",
      "COHORT_REVENUE",
      [[["a"], ["a"], ["b"]], dates, [[1e308], [1e308], [1]]],
      "COHORT_REVENUE: the result at row 2, column 3 is too large to compute — check amounts for a mistyped value",
    ],
    [
      "en_US",
      "RFM",
      [[["a"], ["a"], ["a"]], dates, [[1], [1e308], [1e308]]],
      "RFM: the result at row 2, column 5 is too large to compute — check amounts for a mistyped value",
    ],
    [
      "en_US",
      "LTV",
      [1e300, 1e300, 1],
      "LTV: aov (1e+300) × purchase_frequency (1e+300) × lifespan (1) is too large: the result is beyond 1.8e308, the largest number a spreadsheet holds",
    ],
    [
      "en_US",
      "LTV",
      [[[1], [1e300]], 1e300, 1],
      "LTV: aov, row 2, (1e+300) × purchase_frequency (1e+300) × lifespan (1) is too large: the result is beyond 1.8e308, the largest number a spreadsheet holds",
    ],
  ])("%s: %s(%j)", (locale, call, args, expected) => expectCall(locale, call, args, expected));
});

describe("numbers are read with the locale's grouping", () => {
  it.each<Case>([
    ["en_IN", "AOV", ["₹1,23,456.78", 1], 123456.78],
    ["en_IN", "AOV", ["12,34,567", 1], 1234567],
    ["en_US", "AOV", ["₹1,23,456.78", 1], 'AOV: revenue is "₹1,23,456.78" — expected a number'],
    ["fr_FR", "AOV", ["1\u202f234,50 €", 1], 1234.5],
    ["en_US", "AOV", ["1 234", 1], 'AOV: revenue is "1 234" — expected a number'],
    ["ja_JP", "AOV", ["￥１，２３４", 1], 1234],
  ])("%s: %s(%j)", (locale, call, args, expected) => expectCall(locale, call, args, expected));
});

describe("empty and ragged ranges are named, never read", () => {
  const ragged = [[1, 2], [3]];
  it.each<Case>([
    ["en_US", "LTV", [[], 4, 3], "LTV: aov is an empty range — select at least one cell"],
    ["en_US", "LTV", [[[]], 4, 3], "LTV: aov is an empty range — select at least one cell"],
    [
      "en_US",
      "LTV",
      [50, ragged, 3],
      "LTV: purchase_frequency is not rectangular: row 2 has 1 cell but row 1 has 2 cells — give a rectangular range",
    ],
    ["en_US", "REPEAT_RATE", [[]], "REPEAT_RATE: customer_ids is an empty range — select at least one cell"],
    [
      "en_US",
      "COHORT_RETENTION",
      [[], []],
      "COHORT_RETENTION: customer_ids is an empty range — select at least one cell",
    ],
    [
      "en_US",
      "COHORT_REVENUE",
      [ids, [["2024-01-05"], [], ["2024-02-03"]], [[1], [2], [3]]],
      "COHORT_REVENUE: dates is not rectangular: row 2 has 0 cells but row 1 has 1 cell — give a rectangular range",
    ],
    ["en_US", "SBG_PARAMS", [[]], "SBG_PARAMS: survivors is an empty range — select at least one cell"],
    [
      "en_US",
      "RETENTION_FORECAST",
      [[[1000], [600, 1], [400]], 2],
      "RETENTION_FORECAST: survivors is not rectangular: row 2 has 2 cells but row 1 has 1 cell — give a rectangular range",
    ],
    [
      "en_US",
      "BGNBD_PARAMS",
      [ids, dates, []],
      "BGNBD_PARAMS: end_date is an empty range — select at least one cell",
    ],
    [
      "en_US",
      "PREDICTED_CLV",
      [ids, dates, [[1], [2], [3]], [[]]],
      "PREDICTED_CLV: horizon_months is an empty range — select at least one cell",
    ],
  ])("%s: %s(%j)", (locale, call, args, expected) => expectCall(locale, call, args, expected));
});

/** A number is compared exactly; for a table, the first cohort's period-0 cell (its third column). */
function expectCall(locale: string, call: string, args: unknown[], expected: number | string): void {
  const sheet = sheetIn(locale);
  if (typeof expected === "string") {
    expect(() => sheet[call](...args)).toThrow(expected);
    return;
  }
  const result = sheet[call](...args);
  expect(Array.isArray(result) ? result[1][2] : result).toBe(expected);
}
