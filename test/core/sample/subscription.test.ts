import { describe, expect, it } from "vitest";
import { generateSubscriptionSample, paymentTable } from "../../../src/core/sample/subscription";

describe("the subscription sample", () => {
  it("gives the same payments for the same seed, and others for another", () => {
    expect(generateSubscriptionSample({ customers: 100 })).toEqual(
      generateSubscriptionSample({ customers: 100 }),
    );
    expect(generateSubscriptionSample({ customers: 100, seed: 7 })).not.toEqual(
      generateSubscriptionSample({ customers: 100 }),
    );
  });

  it("has monthly and yearly payments, refunds, all inside the window", () => {
    const sample = generateSubscriptionSample();
    const { payments } = sample;
    const signUps = new Map<string, number>();
    for (const p of payments) if (!signUps.has(p.customerId)) signUps.set(p.customerId, p.term);
    const yearly = [...signUps.values()].filter((term) => term === 12).length / signUps.size;
    expect(yearly).toBeGreaterThan(0.15);
    expect(yearly).toBeLessThan(0.25);
    expect(payments.some((p) => p.amount < 0)).toBe(true);
    expect(payments.every((p) => p.day >= sample.start && p.day <= sample.end)).toBe(true);
    expect(paymentTable(sample)[0]).toEqual([
      "Customer ID",
      "Payment date",
      "Amount",
      "Term (months)",
      "Channel",
    ]);
  });
});
