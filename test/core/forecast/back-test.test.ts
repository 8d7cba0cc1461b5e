/**
 * The back-test's bookkeeping (buckets, the "All" row) and its verdict on data drawn from the model
 * itself, where the forecast should be unbiased.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { sheetContext } from "../../../src/core/cells";
import { readTransactions } from "../../../src/core/cohorts/transactions";
import { backTest, bucketize } from "../../../src/core/forecast/back-test";
import { generateSample } from "../../../src/core/sample/generate";

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
