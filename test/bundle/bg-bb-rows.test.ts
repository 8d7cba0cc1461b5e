/**
 * Issue 25.3: BGBB_PARAMS and BGBB_FORECAST with one row per customer (the customers column left
 * out) give what the summary table of the same customers gives, to the last bit: identical rows are
 * condensed into patterns with their counts first, so 10,000 rows cost what 22 patterns cost.
 */
import { describe, expect, it } from "vitest";
import { Random } from "../../src/core/sample/random";
import { customFunctionServices, loadBundle } from "../helpers/bundle";
import { bgBbTable } from "./arguments-shape.fixtures";

const sheets = loadBundle(customFunctionServices("en_US", "UTC"));
const column = (values: number[]) => values.map((v) => [v]);
const summary = bgBbTable();

/** One row per customer, in a shuffled order, with a few blank rows among them. */
function perCustomer(seed: number) {
  const rows: number[] = [];
  summary.count.forEach((count, pattern) => {
    for (let i = 0; i < count; i++) rows.push(pattern);
  });
  const random = new Random(seed);
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
  // A blank row every 997 customers: −1.
  const spaced = rows.flatMap((p, i) => (i % 997 === 5 ? [-1, p] : [p]));
  const cell = (of: number[]) => spaced.map((p) => (p < 0 ? [""] : [of[p]]));
  return { rows: spaced, x: cell(summary.x), tx: cell(summary.tx), n: cell(summary.n) };
}

describe("BG/BB with one row per customer", () => {
  const customers = perCustomer(3);

  it("BGBB_PARAMS equals the summary table's fit to the last bit, standard errors too", () => {
    const fromSummary = sheets.BGBB_PARAMS(
      column(summary.x),
      column(summary.tx),
      column(summary.n),
      column(summary.count),
    );
    const people = customers.rows.filter((p) => p >= 0).length;
    expect(people).toBe(summary.count.reduce((a, b) => a + b, 0));
    expect(sheets.BGBB_PARAMS(customers.x, customers.tx, customers.n)).toEqual(fromSummary);
  });

  it("BGBB_FORECAST gives each customer the forecast of their pattern, blank rows blank", () => {
    const byPattern = sheets.BGBB_FORECAST(
      column(summary.x),
      column(summary.tx),
      column(summary.n),
      5,
      column(summary.count),
    ) as number[][];
    const forecast = sheets.BGBB_FORECAST(customers.x, customers.tx, customers.n, 5) as (number | string)[][];
    expect(forecast).toHaveLength(customers.rows.length);
    forecast.forEach((cell, i) => {
      expect(cell).toEqual(customers.rows[i] < 0 ? [""] : byPattern[customers.rows[i]]);
    });
  });
});
