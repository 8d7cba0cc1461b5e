/**
 * The back-test's bookkeeping (buckets, the "All" row) and its verdict on data drawn from the model
 * itself, where the forecast should be unbiased.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dayNumber, sheetContext } from "../../../src/core/cells";
import { readTransactions } from "../../../src/core/cohorts/transactions";
import { backTest, backTestNotes, bucketize } from "../../../src/core/forecast/back-test";
import { fitNotes, spendFrequencyCorrelation } from "../../../src/core/forecast/diagnostics";
import { generateSample } from "../../../src/core/sample/generate";
import { itWithReferenceData, readReferenceCsv } from "../../helpers/reference-data";

it("buckets partition the customers and the All row is their weighted mean", () => {
  const customer = fc.record({
    x: fc.integer({ min: 0, max: 20 }),
    actual: fc.integer({ min: 0, max: 20 }),
    predicted: fc.double({ min: 0, max: 20, noNaN: true }),
  });
  fc.assert(
    fc.property(fc.array(customer, { minLength: 1, maxLength: 200 }), (customers) => {
      const buckets = bucketize(
        customers.map((c) => c.x),
        customers.map((c) => c.actual),
        customers.map((c) => c.predicted),
      );
      const all = buckets[8];
      expect(all.label).toBe("All");
      const parts = buckets.slice(0, 8);
      expect(parts.reduce((s, b) => s + b.customers, 0)).toBe(customers.length);
      const weighted = (key: "actual" | "predicted") =>
        parts.reduce((s, b) => s + b.customers * (b[key] ?? 0), 0) / customers.length;
      expect(weighted("actual")).toBeCloseTo(all.actual ?? Number.NaN, 9);
      expect(weighted("predicted")).toBeCloseTo(all.predicted ?? Number.NaN, 9);
      for (const b of parts) expect(b.actual === undefined).toBe(b.customers === 0);
    }),
  );
});

it("on customers drawn from BG/NBD, both models forecast the hold-out total within 5%", () => {
  const sample = generateSample({ customers: 5000, seed: 11 });
  const rows = sample.purchases.filter((p) => p.amount > 0).map((p) => [p.customerId, p.day]);
  const tx = readTransactions(rows, { customerId: 0, date: 1 }, sheetContext("en_US", "UTC"));
  const calibrationEnd = Math.floor(tx.firstDay + 0.7 * (tx.lastDay - tx.firstDay));
  for (const model of ["bgnbd", "paretonbd"] as const) {
    const result = backTest(tx, { calibrationEnd, model });
    const all = result.buckets[8];
    expect(Math.abs((all.predicted ?? 0) / (all.actual ?? 1) - 1)).toBeLessThan(0.05);
  }
});

describe("plain-words notes", () => {
  it("name too few customers and repeat buyers with the counts, and a short hold-out", () => {
    const notes = fitNotes({
      customers: 40,
      repeatBuyers: 6,
      split: { calibration: 40, holdout: 4, unit: "week", lateCustomers: 0 },
    });
    expect(notes).toEqual([
      "Only 40 customers: estimates from so few move a lot from one sample to the next.",
      "Only 6 of 40 customers bought again: the model learns purchase rates and dropout from repeat buyers.",
      "The hold-out is 4.0 weeks against 40.0 of calibration: too short to judge the forecast; choose an earlier calibration end.",
    ]);
  });

  it("name a parameter the data hardly pin, and spend that rises with frequency", () => {
    const notes = fitNotes({
      customers: 5000,
      repeatBuyers: 2000,
      params: { names: ["s", "beta"], values: [0.6, 11.7], errors: [0.2, 30] },
      spendCorrelation: spendFrequencyCorrelation([1, 2, 3, 4, 0], [10, 20, 30, 45, 0]),
    });
    expect(notes[0]).toBe(
      "beta is barely pinned by the data (standard error 2.6× the estimate): it sits near a boundary of the model.",
    );
    expect(notes[1]).toMatch(
      /^Spend rises with purchase frequency \(correlation 0\.99\): Gamma-Gamma assumes/,
    );
  });

  itWithReferenceData("say nothing of a sound fit: the CDNOW back-test", () => {
    const [header, ...rows] = readReferenceCsv("cdnow_sample.csv");
    const tx = readTransactions(
      rows.map((r) => [r[header.indexOf("customer_id")], r[header.indexOf("date")]]),
      { customerId: 0, date: 1 },
      sheetContext("en_US", "UTC"),
    );
    const result = backTest(tx, { calibrationEnd: dayNumber(1997, 9, 30) });
    expect(backTestNotes(result, tx, tx.ids.length)).toEqual([]);
  });
});
