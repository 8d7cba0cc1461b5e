/**
 * FORECAST_CHECK in the shipped dist/Code.js, called as Sheets calls it, against a separate row-by-row
 * computation of the same definitions on the CDNOW sample (calibration to 1997-09-30, hold-out to
 * 1998-06-30), and its errors for a split that cannot be checked.
 */
import { describe, expect, it } from "vitest";
import { conditionalExpectedPurchases, fitBgNbd } from "../../src/core/models/bg-nbd";
import { fitParetoNbd, paretoConditionalExpectedPurchases } from "../../src/core/models/pareto-nbd";
import { customFunctionServices, loadBundle } from "../helpers/bundle";
import { describeWithReferenceData, itWithReferenceData, readReferenceCsv } from "../helpers/reference-data";

const sheets = loadBundle(customFunctionServices("en_US", "America/New_York"));
const column = (values: (string | number)[]) => values.map((v) => [v]);

const [header, ...rows] = readReferenceCsv("cdnow_sample.csv");
const ids = column(rows.map((row) => row[header.indexOf("customer_id")]));
const dates = column(rows.map((row) => row[header.indexOf("date")]));

/** The back-test written out directly: per customer, its distinct purchase days, split at the calibration end. */
function oracle(calibrationEnd: string, holdoutEnd: string, model: "bgnbd" | "paretonbd") {
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
  const [calEnd, holdEnd] = [day(calibrationEnd), day(holdoutEnd)];
  const daysOf = new Map<string, Set<number>>();
  for (const row of rows) {
    const id = row[header.indexOf("customer_id")];
    if (!daysOf.has(id)) daysOf.set(id, new Set());
    daysOf.get(id)?.add(day(row[header.indexOf("date")]));
  }
  const customers: { x: number; tx: number; T: number; actual: number }[] = [];
  for (const days of daysOf.values()) {
    const before = [...days].filter((d) => d <= calEnd).sort((a, b) => a - b);
    if (before.length === 0) continue;
    const first = before[0];
    customers.push({
      x: before.length - 1,
      tx: (before[before.length - 1] - first) / 7,
      T: (calEnd - first) / 7,
      actual: [...days].filter((d) => d > calEnd && d <= holdEnd).length,
    });
  }
  const data = { x: customers.map((c) => c.x), tx: customers.map((c) => c.tx), T: customers.map((c) => c.T) };
  const span = (holdEnd - calEnd) / 7;
  const predict =
    model === "bgnbd"
      ? (
          (p) => (c: (typeof customers)[0]) =>
            conditionalExpectedPurchases(p, span, c.x, c.tx, c.T)
        )(fitBgNbd(data).params)
      : (
          (p) => (c: (typeof customers)[0]) =>
            paretoConditionalExpectedPurchases(p, span, c.x, c.tx, c.T)
        )(fitParetoNbd(data).params);
  const labels: (number | string)[] = [0, 1, 2, 3, 4, 5, 6, "7+", "All"];
  return labels.map((label) => {
    const members = customers.filter((c) => label === "All" || (label === "7+" ? c.x >= 7 : c.x === label));
    const mean = (f: (c: (typeof customers)[0]) => number) =>
      members.reduce((s, c) => s + f(c), 0) / members.length;
    return { label, customers: members.length, actual: mean((c) => c.actual), predicted: mean(predict) };
  });
}

describeWithReferenceData("FORECAST_CHECK on CDNOW", () => {
  describe.each(["bgnbd", "paretonbd"] as const)("with model %s", (model) => {
    const result = sheets.FORECAST_CHECK(ids, dates, "1997-09-30", "1998-06-30", model, "week");
    const expected = oracle("1997-09-30", "1998-06-30", model);

    it("has a header, buckets 0 … 6 and 7+, then All", () => {
      expect(result[0]).toEqual(["repeat_purchases", "customers", "mean_actual", "mean_predicted"]);
      expect(result.slice(1).map((row: unknown[]) => row[0])).toEqual(expected.map((b) => b.label));
    });

    it("matches the row-by-row computation: customers exactly, actuals to 1e-6, predictions to 1e-4 relative", () => {
      expected.forEach((bucket, k) => {
        const [, customers, actual, predicted] = result[k + 1];
        expect(customers).toBe(bucket.customers);
        expect(Math.abs(actual - bucket.actual)).toBeLessThan(1e-6);
        expect(Math.abs(predicted / bucket.predicted - 1)).toBeLessThan(1e-4);
      });
      expect(result[9][1]).toBe(2357);
    });
  });
});

itWithReferenceData("holdout_end defaults to the last date in the data", () => {
  expect(sheets.FORECAST_CHECK(ids, dates, "1997-09-30")).toEqual(
    sheets.FORECAST_CHECK(ids, dates, "1997-09-30", "1998-06-30"),
  );
});

describeWithReferenceData("FORECAST_CHECK names the argument when the split cannot be checked", () => {
  it.each([
    [
      ["1998-06-30"],
      "FORECAST_CHECK: calibration_end is 1998-06-30, on or after the last date in the data (1998-06-30)",
    ],
    [
      ["1997-09-30", "1997-09-01"],
      "FORECAST_CHECK: holdout_end is 1997-09-01 — expected a date after calibration_end (1997-09-30)",
    ],
    [["1996-12-31"], "FORECAST_CHECK: calibration_end is 1996-12-31, before the first purchase (1997-01-01)"],
    [[""], "FORECAST_CHECK: calibration_end is blank"],
    [
      ["1997-09-30", "", "arima"],
      'FORECAST_CHECK: model is "arima" — expected "bgnbd", "mbgnbd" or "paretonbd"',
    ],
  ])("%j", (args, message) => {
    expect(() => sheets.FORECAST_CHECK(ids, dates, ...args)).toThrow(message);
  });

  it("one customer, or nobody buying on a second day by the calibration end", () => {
    expect(() =>
      sheets.FORECAST_CHECK(
        column(["a", "a", "a"]),
        column(["2024-01-01", "2024-01-09", "2024-03-01"]),
        "2024-02-01",
      ),
    ).toThrow("FORECAST_CHECK: customer_ids have one customer by calibration_end (2024-02-01)");
    expect(() =>
      sheets.FORECAST_CHECK(
        column(["a", "b", "a"]),
        column(["2024-01-01", "2024-01-09", "2024-03-01"]),
        "2024-02-01",
      ),
    ).toThrow(
      "FORECAST_CHECK: dates show no repeat purchase by calibration_end (2024-02-01) — all 2 customers bought on one day only",
    );
  });
});
