/**
 * Fitting never returns nonsense: on any small data set each fit either gives finite positive
 * parameters and log-likelihood, or raises an error that says what is wrong with the data.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { IdentificationError } from "../../../src/core/fit/mle";
import { MetricError } from "../../../src/core/metrics/errors";
import { fitBgNbd } from "../../../src/core/models/bg-nbd";
import { fitGammaGamma } from "../../../src/core/models/gamma-gamma";
import { fitSbg, sbgLogLikelihood } from "../../../src/core/models/sbg";

function fitsOrSaysWhy(fitModel: () => { params: object; logLikelihood: number }) {
  try {
    const result = fitModel();
    for (const value of Object.values(result.params)) {
      expect(Number.isFinite(value)).toBe(true);
      expect(value).toBeGreaterThan(0);
    }
    expect(Number.isFinite(result.logLikelihood)).toBe(true);
  } catch (error) {
    expect(error).toBeInstanceOf(MetricError);
    if (error instanceof IdentificationError) expect(error.message).toMatch(/—/);
  }
}

const customer = fc
  .record({
    x: fc.integer({ min: 0, max: 12 }),
    T: fc.integer({ min: 1, max: 80 }),
    share: fc.double({ min: 0, max: 1, noNaN: true }),
    zbar: fc.double({ min: 1, max: 200, noNaN: true }),
  })
  .map(({ x, T, share, zbar }) => ({ x, T, tx: x === 0 ? 0 : Math.round(share * T), zbar }));

it("BG/NBD and Gamma-Gamma fit any small customer base or say why not", () => {
  fc.assert(
    fc.property(fc.array(customer, { minLength: 1, maxLength: 40 }), (customers) => {
      const rfm = {
        x: customers.map((c) => c.x),
        tx: customers.map((c) => c.tx),
        T: customers.map((c) => c.T),
      };
      fitsOrSaysWhy(() => fitBgNbd(rfm));
      const repeat = customers.filter((c) => c.x > 0);
      fitsOrSaysWhy(() => fitGammaGamma({ x: repeat.map((c) => c.x), zbar: repeat.map((c) => c.zbar) }));
    }),
    { numRuns: 60 },
  );
});

/** A falling survivor curve: a cohort size, then each period a share of the last count kept. */
const survivorCurve = (minSize: number, minRate: number) =>
  fc
    .tuple(
      fc.integer({ min: minSize, max: 1_000_000 }),
      fc.array(fc.double({ min: minRate, max: 1, noNaN: true }), { minLength: 2, maxLength: 15 }),
    )
    .map(([size, rates]) => {
      const counts = [size];
      for (const rate of rates) counts.push(Math.round(counts[counts.length - 1] * rate));
      return counts;
    });

it("sBG fits any falling survivor curve or says why not", () => {
  fc.assert(
    fc.property(survivorCurve(1, 0.3), (survivors) => fitsOrSaysWhy(() => fitSbg([survivors]))),
    { numRuns: 100 },
  );
});

it("every sBG fit is a maximum of a valid likelihood (ln L ≤ 0), the same fit for counts scaled to 1e194", () => {
  fc.assert(
    fc.property(survivorCurve(10, 0.2), (survivors) => {
      let fit: ReturnType<typeof fitSbg>;
      try {
        fit = fitSbg([survivors]);
      } catch (error) {
        expect(String(error)).toMatch(/survivors (falls|shows|loses|never)/);
        return;
      }
      expect(fit.logLikelihood).toBeLessThanOrEqual(0);
      for (const [da, db] of [
        [1.01, 1],
        [1 / 1.01, 1],
        [1, 1.01],
        [1, 1 / 1.01],
      ]) {
        const nearby = { alpha: fit.params.alpha * da, beta: fit.params.beta * db };
        expect(sbgLogLikelihood(nearby, [survivors])).toBeLessThanOrEqual(fit.logLikelihood + 1e-9);
      }
      // Scaled counts give the same fit: the same likelihood on the original counts and the same
      // churn α / (α + β). Not the same α and β to 5 digits: where retention is nearly level the
      // likelihood is flat along α / (α + β) for α, β ~ 1e6, and the two fits stop at different points
      // of that ridge with likelihoods equal to 1e-15 (seen with counts 868893, 173779, 34756).
      const huge = fitSbg([survivors.map((n) => n * 1e194)]);
      const churn = (p: { alpha: number; beta: number }) => p.alpha / (p.alpha + p.beta);
      expect(churn(huge.params) / churn(fit.params)).toBeCloseTo(1, 5);
      const gap = fit.logLikelihood - sbgLogLikelihood(huge.params, [survivors]);
      expect(Math.abs(gap)).toBeLessThanOrEqual(1e-9 * Math.abs(fit.logLikelihood) + 1e-9);
    }),
    { numRuns: 100 },
  );
});
