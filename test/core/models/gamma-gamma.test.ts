/**
 * Gamma-Gamma against Fader, Hardie & Lee (2005), "RFM and CLV: Using Iso-Value Curves for Customer
 * Base Analysis", JMR 42(4) (estimates restated in Fader & Hardie 2013, "The Gamma-Gamma Model of
 * Monetary Value"), on the 946 CDNOW customers with repeat purchases, and the model's invariants.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import {
  expectedOrderValue,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  meanOrderValue,
} from "../../../src/core/models/gamma-gamma";
import { describeWithReferenceData } from "../../helpers/reference-data";
import { readCdnowRfm, repeatCustomers } from "./cdnow";

describeWithReferenceData("Gamma-Gamma on the CDNOW sample is close to Fader, Hardie & Lee (2005)", () => {
  const data = repeatCustomers(readCdnowRfm());
  const fit = fitGammaGamma(data);

  it("fits the 946 repeat customers", () => {
    expect(data.x.length).toBe(946);
  });

  it("reproduces the published estimates p = 6.25, q = 3.74, γ = 15.44", () => {
    expect(fit.params.p.toFixed(2)).toBe("6.25");
    expect(fit.params.q.toFixed(2)).toBe("3.74");
    // The CSV's zbar is rounded to cents, which moves γ in its second decimal (15.448 here).
    expect(Math.abs(fit.params.gamma - 15.44)).toBeLessThan(0.01);
  });

  it("reproduces the log-likelihood −4055.92 that CLVTools' correctness test states for these estimates", () => {
    // CLVTools tests/testthat/test_correctness_gg.R: correct.LL = -4055.9177 (from unrounded spend).
    expect(Math.abs(fit.logLikelihood - -4055.9177)).toBeLessThan(0.01);
    expect(gammaGammaLogLikelihood(fit.params, data)).toBeCloseTo(fit.logLikelihood, 9);
  });

  it("gives lifetimes' documented expected average profit for CDNOW customers 1, 2 and 3", () => {
    // lifetimes Quickstart, ggf.conditional_expected_average_profit(...).head():
    // customer 1 (x = 2, zbar = 22.35) 24.658619; 2 (x = 1, zbar = 11.77) 18.911489; 3 (x = 0) 35.170981.
    expect(expectedOrderValue(fit.params, 2, 22.35)).toBeCloseTo(24.658619, 3);
    expect(expectedOrderValue(fit.params, 1, 11.77)).toBeCloseTo(18.911489, 3);
    expect(meanOrderValue(fit.params)).toBeCloseTo(35.170981, 3);
  });
});

const params = fc.record({
  p: fc.double({ min: 0.5, max: 20, noNaN: true }),
  q: fc.double({ min: 1.1, max: 20, noNaN: true }),
  gamma: fc.double({ min: 0.5, max: 200, noNaN: true }),
});

it("the expected order value lies between the customer's own mean and the population mean", () => {
  fc.assert(
    fc.property(
      params,
      fc.integer({ min: 1, max: 50 }),
      fc.double({ min: 0.5, max: 500, noNaN: true }),
      (p, x, zbar) => {
        const value = expectedOrderValue(p, x, zbar);
        const mean = meanOrderValue(p);
        expect(value).toBeGreaterThanOrEqual(Math.min(mean, zbar) * (1 - 1e-12));
        expect(value).toBeLessThanOrEqual(Math.max(mean, zbar) * (1 + 1e-12));
      },
    ),
  );
});

it("spend in cents instead of dollars scales γ by 100 and leaves p and q unchanged", () => {
  const dollars = { x: [1, 2, 3, 1, 4, 2, 6, 1], zbar: [12.5, 30, 18.2, 55, 22, 9.9, 41, 27] };
  const cents = { x: dollars.x, zbar: dollars.zbar.map((z) => z * 100) };
  const a = fitGammaGamma(dollars).params;
  const b = fitGammaGamma(cents).params;
  expect(b.p).toBeCloseTo(a.p, 4);
  expect(b.q).toBeCloseTo(a.q, 4);
  expect(b.gamma / 100).toBeCloseTo(a.gamma, 3);
});

it("says why it cannot fit: too few repeat customers, a spend that is not positive, q ≤ 1", () => {
  expect(() => fitGammaGamma({ x: [2], zbar: [10] })).toThrow(
    "frequency has one customer with a repeat purchase — the Gamma-Gamma model needs at least two",
  );
  expect(() => fitGammaGamma({ x: [2, 1], zbar: [10, -3] })).toThrow(
    "monetary (customer 2) is -3 — expected a mean order value above 0",
  );
  expect(() => meanOrderValue({ p: 2, q: 0.9, gamma: 10 })).toThrow(/unbounded/);
});
