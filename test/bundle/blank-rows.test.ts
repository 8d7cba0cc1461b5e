/**
 * Issue 25.1: a formula that returns one value per input row keeps a blank input row blank and in
 * place, so row i of the result always answers row i of the input (the donations table with its 3rd
 * row blank once gave 22 results for 23 rows, every row below moved up). Through dist/Code.js, every
 * custom function of src/main.ts classified: per-row (checked here) or a table of its own rows.
 */
import { describe, expect, it } from "vitest";
import { customFunctionServices, loadBundle } from "../helpers/bundle";
import { FUNCTIONS } from "../helpers/fuzz";
import { type Args, bgBbTable, COLUMN_CALLS } from "./arguments-shape.fixtures";

const sheets = loadBundle(customFunctionServices("en_US", "UTC"));
const column = (values: number[]) => values.map((v) => [v]);
const donations = bgBbTable();

/** Per-row formulas and a call of each whose arguments are columns of one length. */
const PER_ROW: Record<string, Args> = {
  AOV: [column([100, 200, 300, 50]), column([2, 4, 5, 1])],
  PURCHASE_FREQUENCY: [column([10, 20, 30, 4]), column([5, 8, 10, 2])],
  LTV: [column([50, 60, 70, 10]), column([4, 3, 2, 1]), column([3, 2, 1, 5])],
  CLV: [column([50, 60, 70, 10]), column([4, 3, 2, 1]), column([3, 2, 1, 5]), column([0.3, 0.4, 0.5, 1])],
  LTV_CHURN: [
    column([100, 50, 20, 10]),
    column([0.05, 0.1, 0.2, 0.5]),
    column([1, 0.5, 0.3, 1]),
    column([0, 0.01, 0.1, 0]),
  ],
  CAC: [column([5000, 100, 300, 20]), column([125, 4, 6, 1])],
  LTV_CAC: [column([600, 300, 100, 10]), column([200, 100, 50, 20])],
  CHURN: [column([15, 3, 5, 0]), column([300, 100, 50, 10])],
  RETENTION: [column([330, 90, 40, 10]), column([60, 10, 5, 0]), column([300, 100, 50, 10])],
  PAYBACK: [column([300, 100, 50, 10]), column([50, 20, 10, 5]), column([0, 0.05, 0.1, 0])],
  NRR: [
    column([1000, 500, 200, 100]),
    column([100, 0, 20, 5]),
    column([-20, -10, 0, 0]),
    column([-30, 0, -5, -1]),
  ],
  GRR: [column([1000, 500, 200, 100]), column([-20, -10, 0, 0]), column([-30, 0, -5, -1])],
  BGBB_FORECAST: [column(donations.x), column(donations.tx), column(donations.n), 5, column(donations.count)],
  P_ALIVE: COLUMN_CALLS.P_ALIVE,
  EXPECTED_PURCHASES: COLUMN_CALLS.EXPECTED_PURCHASES,
  PROB_PURCHASES: COLUMN_CALLS.PROB_PURCHASES,
};

/** The rest answer with a table of their own rows (per cohort, customer, month, period or fit). */
const TABLES = [
  "COHORT_RETENTION",
  "COHORT_REVENUE",
  "COHORT_LTV",
  "RFM",
  "RFM_SEGMENTS",
  "REPEAT_RATE",
  "RETENTION_FORECAST",
  "SBG_PARAMS",
  "BGNBD_PARAMS",
  "PARETONBD_PARAMS",
  "GAMMAGAMMA_PARAMS",
  "PREDICTED_CLV",
  "FORECAST_CHECK",
  "PREDICTED_NEW_CUSTOMER_VALUE",
  "MRR_MOVEMENTS",
  "COHORT_NRR",
  "PAYBACK_CURVE",
  "BGBB_PARAMS",
  "MBGNBD_PARAMS",
  "FIT_PURCHASE_MODEL",
];

/** Each column argument with a blank cell inserted before row `at` (from 0); a one-row range (the predictions' parameter row) is no column. */
const withBlankRow = (args: Args, at: number): Args =>
  args.map((arg) =>
    Array.isArray(arg) && arg.length > 1 ? [...arg.slice(0, at), [""], ...arg.slice(at)] : arg,
  );

describe("per-row formulas keep blank rows blank and in place", () => {
  it("classifies every custom function as per-row or a table", () => {
    const names = FUNCTIONS.map((fn) => fn.name).sort();
    expect([...Object.keys(PER_ROW), ...TABLES].sort()).toEqual(names);
  });

  it.each(Object.entries(PER_ROW))("%s", (fn, args) => {
    const plain = sheets[fn](...args) as unknown[][];
    const rows = plain.length;
    expect(rows).toBe((args.find((arg) => Array.isArray(arg) && arg.length > 1) as unknown[]).length);
    for (const at of [0, 2, rows]) {
      const spaced = sheets[fn](...withBlankRow(args, at)) as unknown[][];
      expect(spaced).toHaveLength(rows + 1);
      expect(spaced[at]).toEqual([""]);
      expect([...spaced.slice(0, at), ...spaced.slice(at + 1)]).toEqual(plain);
    }
  });

  it("BGBB_FORECAST answers the issue's case: the 3rd of 23 rows blank, the rest as without it", () => {
    const args = PER_ROW.BGBB_FORECAST;
    const plain = sheets.BGBB_FORECAST(...args) as number[][];
    const spaced = sheets.BGBB_FORECAST(...withBlankRow(args, 2)) as (number | string)[][];
    expect(spaced[2]).toEqual([""]);
    expect(spaced[3]).toEqual(plain[2]);
    expect(spaced.at(-1)).toEqual(plain.at(-1));
  });
});
