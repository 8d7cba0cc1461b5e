import { describe, expect, it } from "vitest";
import { generateSample, purchaseTable } from "../../../src/core/sample/generate";

describe("the sample generator", () => {
  it("gives the same data for the same seed, and other data for another", () => {
    expect(generateSample({ customers: 200 })).toEqual(generateSample({ customers: 200 }));
    expect(generateSample({ customers: 200, seed: 7 })).not.toEqual(generateSample({ customers: 200 }));
  });

  it("makes realistic purchase histories within the observation window", () => {
    const sample = generateSample({ customers: 2000 });
    const orders = sample.purchases.filter((p) => p.amount > 0);
    const customers = new Set(orders.map((p) => p.customerId));
    expect(customers.size).toBe(2000);
    const perCustomer = orders.length / customers.size;
    expect(perCustomer).toBeGreaterThan(1.5);
    expect(perCustomer).toBeLessThan(5);
    expect(sample.purchases.every((p) => p.day >= sample.start && p.day <= sample.end)).toBe(true);
    expect(sample.purchases.some((p) => p.amount < 0)).toBe(true);
    expect(sample.spend.every((s) => s.spend >= 0)).toBe(true);
    expect(purchaseTable(sample)[0]).toEqual(["Customer ID", "Order date", "Amount", "Channel"]);
  });
});
