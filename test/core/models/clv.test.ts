/**
 * Predicted CLV against the `lifetimes` package's documented output on the CDNOW sample, and its
 * invariants.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { fitBgNbd } from "../../../src/core/models/bg-nbd";
import { DAYS_PER_MONTH, predictClv } from "../../../src/core/models/clv";
import { expectedOrderValue, fitGammaGamma } from "../../../src/core/models/gamma-gamma";
import {
  paretoConditionalExpectedPurchases,
  paretoProbabilityAlive,
} from "../../../src/core/models/pareto-nbd";
import { describeWithReferenceData } from "../../helpers/reference-data";
import { readCdnowRfm, repeatCustomers } from "./cdnow";

const bgNbd = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const gammaGamma = { p: 6.25, q: 3.74, gamma: 15.44 };

describeWithReferenceData("predicted CLV on the CDNOW sample is close to lifetimes' documentation", () => {
  const data = readCdnowRfm();
  const purchases = fitBgNbd(data).params;
  const spend = fitGammaGamma(repeatCustomers(data)).params;

  it("reproduces lifetimes' Quickstart customer_lifetime_value(time=12, discount_rate=0.01) for customers 1–3", () => {
    // lifetimes Quickstart: ggf.customer_lifetime_value(bgf, ..., time=12, discount_rate=0.01).head()
    // gives 140.096218, 18.943466, 38.180575. Its default freq="D" makes a month 30 of the data's
    // units (the CDNOW summary is in weeks), so unitsPerMonth = 30 reproduces it.
    const first3 = {
      x: data.x.slice(0, 3),
      tx: data.tx.slice(0, 3),
      T: data.T.slice(0, 3),
      zbar: data.zbar.slice(0, 3),
    };
    const result = predictClv(
      purchases,
      spend,
      { horizonMonths: 12, monthlyDiscountRate: 0.01, margin: 1, unitsPerMonth: 30 },
      first3,
    );
    expect(result.clv[0]).toBeCloseTo(140.096218, 4);
    expect(result.clv[1]).toBeCloseTo(18.943466, 4);
    expect(result.clv[2]).toBeCloseTo(38.180575, 4);
  });
});

const customer = fc
  .record({
    x: fc.integer({ min: 0, max: 20 }),
    T: fc.double({ min: 1, max: 80, noNaN: true }),
    share: fc.double({ min: 0, max: 1, noNaN: true }),
    zbar: fc.double({ min: 1, max: 300, noNaN: true }),
  })
  .map(({ x, T, share, zbar }) => ({
    x: [x],
    T: [T],
    tx: [x === 0 ? 0 : share * T],
    zbar: [x === 0 ? 0 : zbar],
  }));

const weeks = DAYS_PER_MONTH / 7;

it("CLV grows with the horizon, scales with the margin, and without discounting is E[purchases] × E[order value]", () => {
  fc.assert(
    fc.property(customer, fc.integer({ min: 1, max: 24 }), (one, horizonMonths) => {
      const options = { horizonMonths, monthlyDiscountRate: 0.01, margin: 1, unitsPerMonth: weeks };
      const base = predictClv(bgNbd, gammaGamma, options, one);
      const longer = predictClv(bgNbd, gammaGamma, { ...options, horizonMonths: horizonMonths + 6 }, one);
      const half = predictClv(bgNbd, gammaGamma, { ...options, margin: 0.5 }, one);
      const flat = predictClv(bgNbd, gammaGamma, { ...options, monthlyDiscountRate: 0 }, one);
      expect(longer.clv[0]).toBeGreaterThan(base.clv[0]);
      expect(half.clv[0]).toBeCloseTo(base.clv[0] / 2, 10);
      expect(flat.clv[0]).toBeCloseTo(flat.expectedPurchases[0] * flat.expectedOrderValue[0], 8);
      expect(base.clv[0]).toBeLessThanOrEqual(flat.clv[0]);
      expect(base.probabilityAlive[0]).toBeGreaterThanOrEqual(0);
      expect(base.probabilityAlive[0]).toBeLessThanOrEqual(1);
    }),
  );
});

it("a customer with no repeat purchase, or no positive repeat spend, is valued at the population mean order value", () => {
  const options = { horizonMonths: 12, monthlyDiscountRate: 0.01, margin: 1, unitsPerMonth: weeks };
  const result = predictClv(bgNbd, gammaGamma, options, {
    x: [0, 2],
    tx: [0, 20],
    T: [30, 30],
    zbar: [0, -5],
  });
  const mean = (6.25 * 15.44) / 2.74;
  expect(result.expectedOrderValue[0]).toBeCloseTo(mean, 10);
  expect(result.expectedOrderValue[1]).toBeCloseTo(mean, 10);
});

it("says what is wrong with the horizon or the discount rate", () => {
  const one = { x: [1], tx: [5], T: [10], zbar: [20] };
  const options = { horizonMonths: 12, monthlyDiscountRate: 0.01, margin: 1, unitsPerMonth: weeks };
  expect(() => predictClv(bgNbd, gammaGamma, { ...options, horizonMonths: 2.5 }, one)).toThrow(
    "horizon_months is 2.5 — expected a whole number of months from 1 to 1,200 (100 years)",
  );
  expect(() => predictClv(bgNbd, gammaGamma, { ...options, monthlyDiscountRate: -0.1 }, one)).toThrow(
    "monthly_discount_rate is -0.1 — expected a rate of 0 or more",
  );
});

it("with Pareto/NBD, undiscounted CLV is its E[Y(horizon) | x, t_x, T] times the expected order value", () => {
  const pareto = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
  const unitsPerMonth = DAYS_PER_MONTH / 7;
  const data = { x: [0, 2, 7], tx: [0, 20, 30], T: [38, 38, 39], zbar: [0, 30, 12] };
  const result = predictClv(
    pareto,
    gammaGamma,
    { horizonMonths: 12, monthlyDiscountRate: 0, margin: 1, unitsPerMonth },
    data,
    "paretonbd",
  );
  data.x.forEach((x, i) => {
    const expected = paretoConditionalExpectedPurchases(pareto, 12 * unitsPerMonth, x, data.tx[i], data.T[i]);
    expect(result.probabilityAlive[i]).toBe(paretoProbabilityAlive(pareto, x, data.tx[i], data.T[i]));
    expect(result.expectedPurchases[i]).toBeCloseTo(expected, 12);
    const value = x > 0 ? expectedOrderValue(gammaGamma, x, data.zbar[i]) : result.expectedOrderValue[0];
    expect(result.clv[i]).toBeCloseTo(value * expected, 9);
  });
});
