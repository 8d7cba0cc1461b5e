import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cac, ltvCac } from "../../../src/core/metrics/cac";
import { churn, retention } from "../../../src/core/metrics/churn";
import { MetricError, ZeroDenominatorError } from "../../../src/core/metrics/errors";
import { aov, clv, ltv, ltvChurn, purchaseFrequency } from "../../../src/core/metrics/ltv";
import { medianPayback, payback, paybackCurve } from "../../../src/core/metrics/payback";
import { repeatRate } from "../../../src/core/metrics/repeat";

describe("everyday metrics match hand-worked values", () => {
  it("AOV, purchase frequency, LTV and CLV", () => {
    expect(aov(12500, 250)).toBe(50);
    expect(purchaseFrequency(250, 100)).toBe(2.5);
    expect(ltv(50, 4, 3)).toBe(600);
    expect(clv(50, 4, 3, 0.3)).toBeCloseTo(180, 12);
  });

  it("LTV from churn: arpu × margin / churn, and with a discount rate paid at the start of each period", () => {
    expect(ltvChurn(100, 0.05)).toBeCloseTo(2000, 9);
    // 100 × 0.5 × 1.1 / (0.1 + 0.2) = 183.333…
    expect(ltvChurn(100, 0.2, 0.5, 0.1)).toBeCloseTo(55 / 0.3, 9);
    // The closed form equals the discounted series Σ arpu·m·((1 − c)/(1 + d))^k.
    let series = 0;
    for (let k = 0; k < 2000; k++) series += 100 * 0.5 * (0.8 / 1.1) ** k;
    expect(ltvChurn(100, 0.2, 0.5, 0.1)).toBeCloseTo(series, 9);
  });

  it("CAC and LTV:CAC", () => {
    expect(cac(5000, 125)).toBe(40);
    expect(ltvCac(600, 200)).toBe(3);
  });

  it("churn and retention", () => {
    expect(churn(15, 300)).toBe(0.05);
    expect(retention(330, 60, 300)).toBe(0.9);
  });

  it("payback without and with churn", () => {
    expect(payback(300, 50)).toBe(6);
    // ln(1 − 300·0.05/50) / ln(0.95) = ln(0.7) / ln(0.95)
    expect(payback(300, 50, 0.05)).toBeCloseTo(Math.log(0.7) / Math.log(0.95), 12);
    expect(payback(0, 50, 0.05)).toBe(0);
    expect(payback(30, 50, 1)).toBeCloseTo(0.6, 12);
  });

  it("payback curve of a cohort: cumulative margin per customer ÷ spend / new customers", () => {
    expect(paybackCurve(10, 500, [20, 35, 45, 55])).toEqual({
      customers: 10,
      cac: 50,
      ratios: [0.4, 0.7, 0.9, 1.1],
    });
    expect(paybackCurve(10, undefined, [20, null]).ratios).toEqual([null, null]);
    expect(paybackCurve(10, 0, [20]).ratios).toEqual([null]);
    expect(paybackCurve(0, 500, []).cac).toBeNull();
  });

  it("median payback, not-yet cohorts (null) counting as longest", () => {
    expect(medianPayback([3, null, 1])).toBe(3);
    expect(medianPayback([3, null, null, 1])).toBeNull();
    expect(medianPayback([3, 0, null, 1])).toBe(2);
    expect(medianPayback([])).toBeUndefined();
  });

  it("repeat rate counts customers on two or more rows", () => {
    expect(repeatRate(["a", "b", "a", "c"])).toBeCloseTo(1 / 3, 12);
  });
});

describe("bad inputs give errors that say why", () => {
  it("zero denominators", () => {
    expect(() => cac(100, 0)).toThrow(ZeroDenominatorError);
    expect(() => cac(100, 0)).toThrow(
      "new_customers is 0 — no new customers, so the spend per customer is undefined",
    );
    expect(() => ltvChurn(100, 0)).toThrow(ZeroDenominatorError);
    expect(() => repeatRate([])).toThrow(ZeroDenominatorError);
  });

  it("never pays back", () => {
    expect(() => payback(300, 20, 0.1)).toThrow(/never pays back/);
    expect(() => payback(300, 0)).toThrow(/never pays back/);
    expect(() => payback(60, 50, 1)).toThrow(/never pays back/);
  });

  it("impossible counts", () => {
    expect(() => churn(400, 300)).toThrow(MetricError);
    expect(() => retention(330, 400, 300)).toThrow("new_customers (400) is more than customers_at_end (330)");
    expect(() => retention(400, 0, 300)).toThrow(/retention cannot exceed 100%/);
  });
});

describe("invariants", () => {
  it("payback's cumulative expected margin equals CAC at the payback period", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e4, noNaN: true }),
        fc.double({ min: 1, max: 1e3, noNaN: true }),
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        (cacValue, margin, c) => {
          fc.pre(margin / c > cacValue * 1.0001);
          const n = payback(cacValue, margin, c);
          expect((margin * (1 - (1 - c) ** n)) / c).toBeCloseTo(cacValue, 6);
        },
      ),
    );
  });

  it("churn and retention stay within 0–100%", () => {
    fc.assert(
      fc.property(fc.nat(1e6), fc.nat(1e6), fc.nat(1e6), (a, b, start) => {
        fc.pre(start > 0);
        const lost = Math.min(a, start);
        expect(churn(lost, start)).toBeGreaterThanOrEqual(0);
        expect(churn(lost, start)).toBeLessThanOrEqual(1);
        const kept = Math.min(b, start);
        const r = retention(kept + a, a, start);
        expect(r).toBeGreaterThanOrEqual(0);
        expect(r).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("LTV from churn decreases as churn or the discount rate grows", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 0.5, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (c, d) => {
          expect(ltvChurn(100, c + 0.01, 1, d)).toBeLessThan(ltvChurn(100, c, 1, d));
          expect(ltvChurn(100, c, 1, d + 0.01)).toBeLessThanOrEqual(ltvChurn(100, c, 1, d));
        },
      ),
    );
  });
});
