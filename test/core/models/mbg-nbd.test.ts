/**
 * MBG/NBD (Batislam, Denizel & Filiztekin 2007) as lifetimes' ModifiedBetaGeoFitter computes it: the fit
 * on the CDNOW calibration summary, its identities with BG/NBD's machinery, and simulated customers.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import {
  fitMbgNbd,
  type MbgNbdParams,
  mbgConditionalExpectedPurchases,
  mbgExpectedPurchases,
  mbgNbdLogLikelihood,
  mbgProbabilityAlive,
  mbgPurchaseCountProbabilities,
} from "../../../src/core/models/mbg-nbd";
import { describeWithReferenceData } from "../../helpers/reference-data";
import { readCdnowRfm } from "./cdnow";
import { simulate } from "./simulate";

describeWithReferenceData("MBG/NBD on the CDNOW calibration summary", () => {
  const data = readCdnowRfm();
  const fit = fitMbgNbd(data);

  it("gives the estimates lifetimes and BTYDplus report: r 0.525, α 6.183, a 0.891, b 1.614", () => {
    expect(fit.params.r.toFixed(3)).toBe("0.525");
    expect(fit.params.alpha.toFixed(3)).toBe("6.183");
    expect(fit.params.a.toFixed(3)).toBe("0.891");
    expect(fit.params.b.toFixed(3)).toBe("1.614");
    expect(mbgNbdLogLikelihood(fit.params, data)).toBeCloseTo(fit.logLikelihood, 9);
  });

  it("is at a maximum: the likelihood falls a step away from it in every parameter", () => {
    for (const name of ["r", "alpha", "a", "b"] as const)
      for (const factor of [0.99, 1.01])
        expect(mbgNbdLogLikelihood({ ...fit.params, [name]: fit.params[name] * factor }, data)).toBeLessThan(
          fit.logLikelihood,
        );
  });
});

const p: MbgNbdParams = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };

it("hand-worked P(alive): 1 / (1 + a/(b + x) · ((α + T)/(α + t_x))^(r + x)), below 1 for a one-time buyer", () => {
  const byHand = (x: number, tx: number, T: number) =>
    1 / (1 + (p.a / (p.b + x)) * ((p.alpha + T) / (p.alpha + tx)) ** (p.r + x));
  expect(mbgProbabilityAlive(p, 0, 0, 38.86)).toBeCloseTo(byHand(0, 0, 38.86), 14);
  expect(mbgProbabilityAlive(p, 2, 30.43, 38.86)).toBeCloseTo(byHand(2, 30.43, 38.86), 14);
  expect(mbgProbabilityAlive(p, 0, 0, 38.86)).toBeLessThan(0.5);
});

it("a new customer's E[X(t)] is the conditional expectation at x = t_x = T = 0 and the mean of P(X(t) = k)", () => {
  const probabilities = mbgPurchaseCountProbabilities(p, 39, 400);
  expect(probabilities.reduce((sum, q) => sum + q, 0)).toBeCloseTo(1, 8);
  expect(probabilities.reduce((sum, q, k) => sum + k * q, 0)).toBeCloseTo(mbgExpectedPurchases(p, 39), 6);
  // P(X(t) = 0) includes dropping out at once, a/(a + b).
  expect(probabilities[0]).toBeGreaterThan(p.a / (p.a + p.b));
});

it("E[X(t)] matches b/(a − 1) · [1 − (α/(α + t))^r ₂F₁(r, b + 1; a + b; t/(α + t))] by its series", () => {
  const t = 10;
  const z = t / (p.alpha + t);
  let term = 1;
  let sum = 1;
  for (let n = 0; n < 2000; n++) {
    term *= ((p.r + n) * (p.b + 1 + n) * z) / ((p.a + p.b + n) * (n + 1));
    sum += term;
  }
  const byHand = (p.b / (p.a - 1)) * (1 - sum * (p.alpha / (p.alpha + t)) ** p.r);
  expect(mbgExpectedPurchases(p, t)).toBeCloseTo(byHand, 10);
});

it("expected purchases grow with the horizon and P(alive) is a probability", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 30 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 1, max: 100, noNaN: true }),
      fc.double({ min: 0.1, max: 100, noNaN: true }),
      (x, share, T, t) => {
        const tx = x === 0 ? 0 : share * T;
        const alive = mbgProbabilityAlive(p, x, tx, T);
        expect(alive).toBeGreaterThan(0);
        expect(alive).toBeLessThan(1);
        const now = mbgConditionalExpectedPurchases(p, t, x, tx, T);
        expect(mbgConditionalExpectedPurchases(p, 2 * t, x, tx, T)).toBeGreaterThanOrEqual(now * (1 - 1e-9));
      },
    ),
  );
});

it("fitting simulated MBG/NBD customers recovers the parameters they were drawn with", () => {
  const truth = { r: 0.5, alpha: 6, a: 0.8, b: 2.5 };
  const fit = fitMbgNbd(simulate(truth, 20_000, 7, true));
  expect(fit.params.r).toBeCloseTo(truth.r, 1);
  expect(fit.params.alpha / truth.alpha).toBeCloseTo(1, 0);
  expect(Math.abs(fit.params.a / (fit.params.a + fit.params.b) - truth.a / (truth.a + truth.b))).toBeLessThan(
    0.03,
  );
});
