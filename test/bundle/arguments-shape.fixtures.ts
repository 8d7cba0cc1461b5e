/**
 * Small valid calls of every custom function that takes columns, for the shape tests of issue 25
 * (blank rows kept in place, a 2-column range refused): each formula's arguments as Sheets passes
 * them, in the spreadsheet's zone (UTC). A formula added to src/main.ts without a call here fails
 * those tests until it is given one.
 */
import { bgBbLogLikelihood } from "../../src/core/models/bg-bb";

type Cell = string | number | Date;
export type Args = (Cell | Cell[][] | undefined)[];

const column = (values: Cell[]): Cell[][] => values.map((v) => [v]);
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

const TRANSACTIONS: [string, string, number, string][] = [
  ["a", "2024-01-05", 30, "ads"],
  ["b", "2024-01-09", 20, "email"],
  ["a", "2024-02-11", 25, "ads"],
  ["c", "2024-02-14", 40, "ads"],
  ["b", "2024-03-02", 15, "email"],
  ["a", "2024-03-20", 35, "ads"],
  ["d", "2024-04-01", 10, "email"],
  ["c", "2024-04-18", 45, "ads"],
  ["b", "2024-05-06", 20, "email"],
  ["e", "2024-05-09", 50, "ads"],
];

const ids = column(TRANSACTIONS.map((t) => t[0]));
const dates = column(TRANSACTIONS.map((t) => day(t[1])));
const amounts = column(TRANSACTIONS.map((t) => t[2]));
const segments = column(TRANSACTIONS.map((t) => t[3]));
const terms = column(TRANSACTIONS.map(() => 1));
const spendPeriods = column(["2024-01-01", "2024-02-01", "2024-03-01"].map(day));
const spend = column([100, 80, 60]);
const spendSegments = column(["ads", "ads", "email"]);
const survivors = column([1000, 631, 468, 382, 326, 289, 262, 241]);

/**
 * A BG/BB summary table over 6 opportunities: every (x, t_x) pattern with the customers of 10,000
 * drawn from α 1.2, β 0.75, γ 0.66, δ 2.8 (the expected count, rounded), so the model fits.
 */
export function bgBbTable(): { x: number[]; tx: number[]; n: number[]; count: number[] } {
  const params = { alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.8 };
  const table = { x: [0], tx: [0], n: [6], count: [0] };
  for (let tx = 1; tx <= 6; tx++)
    for (let x = 1; x <= tx; x++) {
      table.x.push(x);
      table.tx.push(tx);
      table.n.push(6);
      table.count.push(0);
    }
  table.count = table.x.map((x, i) =>
    Math.round(10_000 * Math.exp(bgBbLogLikelihood(params, { x: [x], tx: [table.tx[i]], n: [6] }))),
  );
  return table;
}

const patterns = bgBbTable();
const frequency = column(patterns.x);
const recency = column(patterns.tx);
const periods = column(patterns.n);
const customers = column(patterns.count);
/** A BG/NBD parameter row (r, α, a, b) as `INDEX(BGNBD_PARAMS(…), 2)` gives it. */
const bgNbdParams: Cell[][] = [[0.24, 4.41, 0.79, 2.43]];
const horizons = column(patterns.x.map(() => 10));

/** A valid call of each formula that takes a column argument. */
export const COLUMN_CALLS: Record<string, Args> = {
  COHORT_RETENTION: [ids, dates],
  COHORT_REVENUE: [ids, dates, amounts],
  COHORT_LTV: [ids, dates, amounts],
  RFM: [ids, dates, amounts],
  RFM_SEGMENTS: [ids, dates, amounts],
  REPEAT_RATE: [ids],
  RETENTION_FORECAST: [survivors, 2],
  SBG_PARAMS: [survivors],
  BGNBD_PARAMS: [ids, dates],
  PARETONBD_PARAMS: [ids, dates],
  GAMMAGAMMA_PARAMS: [ids, dates, amounts],
  PREDICTED_CLV: [ids, dates, amounts, 12],
  FORECAST_CHECK: [ids, dates, day("2024-03-31")],
  PREDICTED_NEW_CUSTOMER_VALUE: [ids, dates, amounts, 12, "", "", segments],
  MRR_MOVEMENTS: [ids, dates, amounts, terms],
  COHORT_NRR: [ids, dates, amounts, terms],
  PAYBACK_CURVE: [ids, dates, amounts, spendPeriods, spend, segments, spendSegments],
  BGBB_PARAMS: [frequency, recency, periods, customers],
  BGBB_FORECAST: [frequency, recency, periods, 3, customers],
  MBGNBD_PARAMS: [ids, dates],
  FIT_PURCHASE_MODEL: ["BG/NBD", frequency, recency, periods, customers],
  P_ALIVE: ["BG/NBD", bgNbdParams, frequency, recency, periods],
  EXPECTED_PURCHASES: ["BG/NBD", bgNbdParams, horizons, frequency, recency, periods],
  PROB_PURCHASES: ["BG/NBD", bgNbdParams, frequency, horizons],
};

/**
 * Arguments that take a table by design, so are not swept: SBG_PARAMS reads several columns of
 * survivors as one cohort each; the predictions read `params` as a row of a _PARAMS table.
 */
export const TABLE_ARGUMENTS = new Set([
  "SBG_PARAMS survivors",
  "P_ALIVE params",
  "EXPECTED_PURCHASES params",
  "PROB_PURCHASES params",
]);
