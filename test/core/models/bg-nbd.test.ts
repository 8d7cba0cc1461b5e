/**
 * BG/NBD against Fader, Hardie & Lee (2005), "'Counting Your Customers' the Easy Way", Marketing
 * Science 24(2): the CDNOW 1/10 sample's 39-week calibration period, and the model's invariants.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import {
  type BgNbdParams,
  bgNbdLogLikelihood,
  conditionalExpectedPurchases,
  expectedPurchases,
  fitBgNbd,
  probabilityAlive,
  purchaseCountProbabilities,
} from "../../../src/core/models/bg-nbd";
import { describeWithReferenceData } from "../../helpers/reference-data";
import { readCdnowRfm } from "./cdnow";
import { simulate } from "./simulate";

describeWithReferenceData("BG/NBD on the CDNOW sample is close to Fader, Hardie & Lee (2005)", () => {
  const data = readCdnowRfm();
  const fit = fitBgNbd(data);

  it("reproduces the published estimates r = 0.243, α = 4.414, a = 0.793, b = 2.426 (section 4)", () => {
    expect(fit.params.r.toFixed(3)).toBe("0.243");
    expect(fit.params.alpha.toFixed(3)).toBe("4.414");
    expect(fit.params.a.toFixed(3)).toBe("0.793");
    expect(fit.params.b.toFixed(3)).toBe("2.426");
  });

  it("reproduces the published log-likelihood −9582.4", () => {
    expect(fit.logLikelihood.toFixed(1)).toBe("-9582.4");
    expect(bgNbdLogLikelihood(fit.params, data)).toBeCloseTo(fit.logLikelihood, 9);
  });

  it("gives the paper's example: x = 2, t_x = 30.43, T = 38.86 expects 1.226 purchases in the next 39 weeks", () => {
    expect(conditionalExpectedPurchases(fit.params, 39, 2, 30.43, 38.86).toFixed(3)).toBe("1.226");
  });

  it("expected repeat purchases over the 39 weeks sum close to the customers' actual repeat purchases", () => {
    // The model's in-sample total Σ E[X(T_i)] matches the observed Σ x_i at the maximum (r/α score equation).
    const expected = data.T.reduce((sum, T) => sum + expectedPurchases(fit.params, T), 0);
    const actual = data.x.reduce((sum, x) => sum + x, 0);
    expect(Math.abs(expected - actual) / actual).toBeLessThan(0.02);
  });
});

const params = fc.record({
  r: fc.double({ min: 0.05, max: 5, noNaN: true }),
  alpha: fc.double({ min: 0.5, max: 50, noNaN: true }),
  a: fc.double({ min: 0.1, max: 5, noNaN: true }),
  b: fc.double({ min: 0.6, max: 10, noNaN: true }),
}) as fc.Arbitrary<BgNbdParams>;

const customer = fc
  .record({
    x: fc.integer({ min: 0, max: 40 }),
    T: fc.double({ min: 1, max: 100, noNaN: true }),
    share: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ x, T, share }) => ({ x, T, tx: x === 0 ? 0 : share * T }));

it("P(alive) is a probability, 1 without repeat purchases, and falls as the last purchase recedes", () => {
  fc.assert(
    fc.property(params, customer, (p, { x, tx, T }) => {
      const alive = probabilityAlive(p, x, tx, T);
      expect(alive).toBeGreaterThanOrEqual(0);
      expect(alive).toBeLessThanOrEqual(1);
      if (x === 0) expect(alive).toBe(1);
      else expect(probabilityAlive(p, x, tx / 2, T)).toBeLessThanOrEqual(alive + 1e-12);
    }),
  );
});

it("expected purchases are non-negative and increase with the horizon, for new and existing customers", () => {
  fc.assert(
    fc.property(params, customer, fc.double({ min: 0.1, max: 200, noNaN: true }), (p, { x, tx, T }, t) => {
      fc.pre(Math.abs(p.a - 1) > 0.01 && p.a + p.b > 1.05);
      const now = conditionalExpectedPurchases(p, t, x, tx, T);
      expect(now).toBeGreaterThanOrEqual(0);
      expect(conditionalExpectedPurchases(p, 2 * t, x, tx, T)).toBeGreaterThanOrEqual(now * (1 - 1e-9));
      expect(expectedPurchases(p, 2 * t)).toBeGreaterThanOrEqual(expectedPurchases(p, t) * (1 - 1e-9));
    }),
  );
});

it("E[X(t)] equals the mean of the purchase-count distribution P(X(t) = k)", () => {
  const p = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
  const probabilities = purchaseCountProbabilities(p, 39, 400);
  expect(probabilities.reduce((sum, q) => sum + q, 0)).toBeCloseTo(1, 8);
  const mean = probabilities.reduce((sum, q, k) => sum + k * q, 0);
  expect(mean).toBeCloseTo(expectedPurchases(p, 39), 6);
});

it("fitting simulated customers recovers the parameters they were drawn with", () => {
  const truth = { r: 0.5, alpha: 6, a: 0.8, b: 2.5 };
  const fit = fitBgNbd(simulate(truth, 20_000, 7));
  expect(fit.params.r).toBeCloseTo(truth.r, 1);
  expect(fit.params.alpha / truth.alpha).toBeCloseTo(1, 0);
  expect(Math.abs(fit.params.a / fit.params.b - truth.a / truth.b)).toBeLessThan(0.05);
});

it("measuring time in days instead of weeks scales α by 7 and leaves r, a, b and predictions unchanged", () => {
  const weeks = simulate({ r: 0.4, alpha: 5, a: 0.7, b: 2 }, 3000, 11);
  const days = { x: weeks.x, tx: weeks.tx.map((t) => t * 7), T: weeks.T.map((t) => t * 7) };
  const inWeeks = fitBgNbd(weeks).params;
  const inDays = fitBgNbd(days).params;
  expect(inDays.alpha / 7).toBeCloseTo(inWeeks.alpha, 4);
  expect(inDays.r).toBeCloseTo(inWeeks.r, 5);
  expect(inDays.a).toBeCloseTo(inWeeks.a, 5);
  expect(inDays.b).toBeCloseTo(inWeeks.b, 5);
  expect(conditionalExpectedPurchases(inDays, 70, 3, 140, 210)).toBeCloseTo(
    conditionalExpectedPurchases(inWeeks, 10, 3, 20, 30),
    6,
  );
});

it("identical customers are condensed without changing the likelihood", () => {
  const one = { x: [2, 0, 5], tx: [10, 0, 30], T: [40, 40, 40] };
  const p = { r: 0.3, alpha: 4, a: 0.8, b: 2.4 };
  const doubled = { x: [...one.x, ...one.x], tx: [...one.tx, ...one.tx], T: [...one.T, ...one.T] };
  expect(bgNbdLogLikelihood(p, doubled)).toBeCloseTo(2 * bgNbdLogLikelihood(p, one), 9);
});

it("says why it cannot fit: no repeat purchases, a negative frequency, recency after T", () => {
  expect(() => fitBgNbd({ x: [0, 0], tx: [0, 0], T: [10, 20] })).toThrow(
    "frequency is 0 for every customer — nobody made a repeat purchase, so the BG/NBD model cannot be fitted",
  );
  expect(() => fitBgNbd({ x: [-1], tx: [0], T: [10] })).toThrow(/frequency \(customer 1\) is -1/);
  expect(() => fitBgNbd({ x: [1], tx: [12], T: [10] })).toThrow(
    /recency \(customer 1\) is 12 — expected an age from 0 to T/,
  );
});
