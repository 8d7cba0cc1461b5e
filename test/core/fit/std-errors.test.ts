/**
 * Standard errors from the observed information: exact on a model whose information is known in
 * closed form, and the BG/NBD errors `lifetimes` reports on the CDNOW sample.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { observedCovariance, standardErrors } from "../../../src/core/fit/std-errors";
import { fitBgNbd } from "../../../src/core/models/bg-nbd";
import { fitGammaGamma } from "../../../src/core/models/gamma-gamma";
import { fitSbg } from "../../../src/core/models/sbg";
import {
  BG_NBD_ORDER,
  bgNbdNegLogLikelihood,
  fitStandardErrors,
  GAMMA_GAMMA_ORDER,
  gammaGammaNegLogLikelihood,
  SBG_ORDER,
  sbgNegLogLikelihood,
} from "../../../src/core/models/uncertainty";
import { describeWithReferenceData } from "../../helpers/reference-data";
import { readCdnowRfm, repeatCustomers } from "../models/cdnow";

it("gives λ/√n for the rate of n exponential waiting times (information n/λ² in closed form)", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 10_000 }),
      fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
      (n, total) => {
        const rate = n / total; // the maximum of n ln λ − λ Σt
        const [se] = standardErrors(([l]) => -(n * Math.log(l) - l * total), [rate]) ?? [];
        expect(se / (rate / Math.sqrt(n))).toBeCloseTo(1, 5);
      },
    ),
  );
});

it("refuses a likelihood that is flat in one direction (the data do not pin that parameter)", () => {
  expect(observedCovariance(([a, b]) => (a - 1) ** 2 + 0 * b, [1, 2])).toBeUndefined();
  expect(standardErrors(([a]) => -((a - 1) ** 2), [1])).toBeUndefined(); // a minimum of L, not a maximum
});

describeWithReferenceData("on the CDNOW sample", () => {
  const data = readCdnowRfm();

  it("BG/NBD standard errors are those `lifetimes` reports: r 0.013, α 0.378, a 0.186, b 0.705", () => {
    const fit = fitBgNbd(data);
    const errors = fitStandardErrors(BG_NBD_ORDER, fit, bgNbdNegLogLikelihood(data)) ?? [];
    expect(errors.map((e) => e.toFixed(3))).toEqual(["0.013", "0.378", "0.186", "0.705"]);
  });

  it("Gamma-Gamma and sBG standard errors are positive and smaller than their estimates", () => {
    const spend = repeatCustomers(data);
    const gg = fitGammaGamma(spend);
    const curves = [[1000, 631, 468, 382, 326, 289, 262, 241]];
    const sbg = fitSbg(curves);
    const pairs: [number[], number[] | undefined][] = [
      [
        [gg.params.p, gg.params.q, gg.params.gamma],
        fitStandardErrors(GAMMA_GAMMA_ORDER, gg, gammaGammaNegLogLikelihood(spend)),
      ],
      [[sbg.params.alpha, sbg.params.beta], fitStandardErrors(SBG_ORDER, sbg, sbgNegLogLikelihood(curves))],
    ];
    for (const [values, errors] of pairs) {
      expect(errors).toHaveLength(values.length);
      errors?.forEach((e, i) => {
        expect(e).toBeGreaterThan(0);
        expect(e).toBeLessThan(values[i]);
      });
    }
  });
});
