/**
 * The cell of issue 21 (612 characters of tabs around two times) in the shipped dist/Code.js: a
 * formula given it answers at once — with its error naming the row where the cell is read as a date,
 * and with the cell beside the data, ignored, where it is not. It took 7.8 s in COHORT_RETENTION.
 */
import { describe, expect, it } from "vitest";
import { customFunctionServices, loadBundle } from "../helpers/bundle";
import { ISSUE_CELL } from "../helpers/hostile-text";

const BOUND_MS = 1000;
const column = <T>(values: T[]) => values.map((v) => [v]);

describe("a formula given the 612-character cell", () => {
  const sheets = loadBundle(customFunctionServices("en_US", "UTC"));
  const ids = column(["a", "b", "a"]);

  it("as a date: the error names the row, at once", () => {
    const dates = column([new Date(Date.UTC(2024, 0, 5)), ISSUE_CELL, new Date(Date.UTC(2024, 1, 5))]);
    const start = performance.now();
    expect(() => sheets.COHORT_RETENTION(ids, dates)).toThrow(/^COHORT_RETENTION: dates, row 2, is "x\\t/);
    expect(performance.now() - start).toBeLessThan(BOUND_MS);
  });

  it("as an amount: the error names the row, at once", () => {
    const dates = column([0, 1, 2].map((m) => new Date(Date.UTC(2024, m, 5))));
    const start = performance.now();
    expect(() => sheets.COHORT_REVENUE(ids, dates, column([10, ISSUE_CELL, 5]))).toThrow(/row 2/);
    expect(performance.now() - start).toBeLessThan(BOUND_MS);
  });
});
