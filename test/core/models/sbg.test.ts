/**
 * sBG against Fader & Hardie (2007), "How to Project Customer Retention", Journal of Interactive
 * Marketing 21(1): the "regular" and "high end" cohorts fitted on years 0–7 and projected to year 12,
 * and the model's invariants.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { derl, fitSbg, retentionRate, sbgLogLikelihood, survival } from "../../../src/core/models/sbg";
import { describeWithReferenceData, readReferenceCsv } from "../../helpers/reference-data";

describeWithReferenceData("sBG on the paper's two cohorts is close to Fader & Hardie (2007)", () => {
  const [header, ...rows] = readReferenceCsv("sbg_retention_fader_hardie_2007.csv");
  const cohort = (name: string) => rows.map((row) => Number(row[header.indexOf(name)]));
  // The paper's maximum-likelihood estimates from years 0–7 of each cohort.
  const published = { regular: { alpha: 0.704, beta: 1.182 }, high_end: { alpha: 0.668, beta: 3.806 } };

  it.each(Object.entries(published))("%s: reproduces α and β to three decimals", (name, expected) => {
    const fit = fitSbg([cohort(name).slice(0, 8)]);
    expect(fit.params.alpha.toFixed(3)).toBe(expected.alpha.toFixed(3));
    expect(fit.params.beta.toFixed(3)).toBe(expected.beta.toFixed(3));
  });

  it.each(Object.keys(published))(
    "%s: projects years 8–12 as 1000 · S(t), within 5% of what happened",
    (name) => {
      const actual = cohort(name);
      const fit = fitSbg([actual.slice(0, 8)]);
      for (let year = 8; year <= 12; year++) {
        const projected = actual[0] * survival(fit.params, year);
        expect(Math.abs(projected - actual[year]) / actual[year]).toBeLessThan(0.05);
      }
    },
  );

  it("fits several cohorts at once by summing their log-likelihoods", () => {
    const curves = [cohort("regular").slice(0, 8), cohort("high_end").slice(0, 8)];
    const joint = fitSbg(curves);
    const separate = curves.map((curve) => fitSbg([curve]).logLikelihood);
    expect(joint.logLikelihood).toBeLessThanOrEqual(separate[0] + separate[1]);
    expect(sbgLogLikelihood(joint.params, curves)).toBeCloseTo(joint.logLikelihood, 9);
  });
});

const params = fc.record({
  alpha: fc.double({ min: 0.05, max: 20, noNaN: true }),
  beta: fc.double({ min: 0.05, max: 20, noNaN: true }),
});

it("S(t) starts at 1 and decreases; retention rises with tenure; S(t) = Π r(k)", () => {
  fc.assert(
    fc.property(params, fc.integer({ min: 1, max: 60 }), (p, t) => {
      expect(survival(p, 0)).toBeCloseTo(1, 12);
      expect(survival(p, t)).toBeLessThan(survival(p, t - 1));
      expect(retentionRate(p, t + 1)).toBeGreaterThanOrEqual(retentionRate(p, t));
      let product = 1;
      for (let k = 1; k <= t; k++) product *= retentionRate(p, k);
      expect(survival(p, t)).toBeCloseTo(product, 10);
    }),
  );
});

it("DERL equals the discounted sum of survival beyond the renewals made", () => {
  fc.assert(
    fc.property(
      params,
      fc.double({ min: 0.02, max: 0.5, noNaN: true }),
      fc.integer({ min: 0, max: 10 }),
      (p, d, renewals) => {
        // Σ_{k≥0} S(renewals + 1 + k) / S(renewals) / (1 + d)^k, summed far enough for 1e-10.
        let sum = 0;
        const base = survival(p, renewals);
        for (let k = 0; k < 5000; k++) sum += survival(p, renewals + 1 + k) / base / (1 + d) ** k;
        expect(derl(p, d, renewals)).toBeCloseTo(sum, 6);
      },
    ),
    { numRuns: 30 },
  );
});

it("says why it cannot fit: too few periods, a rise, a negative count, nobody leaving", () => {
  expect(() => fitSbg([[1000, 600]])).toThrow(
    "survivors has 2 periods — the sBG model needs counts for at least 3 (periods 0, 1 and 2)",
  );
  expect(() => fitSbg([[1000, 600, 650]])).toThrow(
    "survivors increases from 600 at period 1 to 650 at period 2 — survivors of one cohort can only fall",
  );
  expect(() => fitSbg([[1000, -5, -6]])).toThrow("survivors is -5 at period 1 — a count cannot be negative");
  expect(() => fitSbg([[500, 500, 500]])).toThrow(/never falls/);
});
