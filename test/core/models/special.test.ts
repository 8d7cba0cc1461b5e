/**
 * The hand-written special functions against @stdlib's (a dev dependency only: too heavy to ship),
 * over the ranges the models use, and the optimizer on functions with known minima.
 */
import betaln from "@stdlib/math-base-special-betaln";
import stdDigamma from "@stdlib/math-base-special-digamma";
import gammaln from "@stdlib/math-base-special-gammaln";
import hyp2f1 from "@stdlib/math-base-special-hyp2f1";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { minimize } from "../../../src/core/fit/optimize";
import { digamma, logBeta, logGamma, logHyp2f1 } from "../../../src/core/fit/special";

const positive = (min: number, max: number) => fc.double({ min, max, noNaN: true });

/** |actual − expected| ≤ tolerance × max(1, |expected|). */
function expectClose(actual: number, expected: number, tolerance: number) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected)));
}

describe("special functions agree with @stdlib", () => {
  it("logGamma matches gammaln from 1e-4 to 1e6", () => {
    fc.assert(fc.property(positive(1e-4, 1e6), (x) => expectClose(logGamma(x), gammaln(x), 1e-13)));
  });

  it("logBeta matches betaln for model-sized arguments", () => {
    fc.assert(
      fc.property(positive(1e-3, 1e3), positive(1e-3, 1e3), (a, b) =>
        expectClose(logBeta(a, b), betaln(a, b), 1e-11),
      ),
    );
  });

  it("digamma matches @stdlib's from 1e-3 to 1e6", () => {
    fc.assert(fc.property(positive(1e-3, 1e6), (x) => expectClose(digamma(x), stdDigamma(x), 1e-12)));
  });

  it("logHyp2f1 matches hyp2f1 for BG/NBD-shaped arguments (c = a + b − 1 + x style, 0 ≤ z < 1)", () => {
    fc.assert(
      fc.property(
        positive(0.01, 5),
        positive(0.1, 10),
        positive(0.1, 5),
        fc.integer({ min: 0, max: 60 }),
        positive(0, 0.97),
        (r, b, a, x, z) => {
          const c = a + b + x - 1;
          fc.pre(c > 0.05);
          expectClose(logHyp2f1(r + x, b + x, c, z), Math.log(hyp2f1(r + x, b + x, c, z)), 1e-10);
        },
      ),
    );
  });

  it("logHyp2f1(1, 1; 2; z) = −ln(1 − z)/z, and stays finite where the value itself overflows", () => {
    expectClose(logHyp2f1(1, 1, 2, 0.5), Math.log(-Math.log(0.5) / 0.5), 1e-14);
    expect(logHyp2f1(400, 402, 300, 0.99)).toBeGreaterThan(Math.log(Number.MAX_VALUE));
    expect(Number.isFinite(logHyp2f1(400, 402, 300, 0.99))).toBe(true);
  });

  it("logHyp2f1 refuses z outside [0, 1)", () => {
    expect(() => logHyp2f1(1, 1, 2, 1)).toThrow(/outside \[0, 1\)/);
  });
});

describe("minimize (BFGS)", () => {
  it("finds the minimum of the Rosenbrock function with numeric gradients", () => {
    const rosenbrock = (x: readonly number[]) => (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2;
    const result = minimize(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 5);
    expect(result.x[1]).toBeCloseTo(1, 5);
  });

  it("uses an analytic gradient when given one", () => {
    let calls = 0;
    const bowl = (x: readonly number[], gradient?: number[]) => {
      calls++;
      if (gradient) {
        for (let i = 0; i < x.length; i++) gradient[i] = 2 * (i + 1) * (x[i] - i);
      }
      return x.reduce((sum, xi, i) => sum + (i + 1) * (xi - i) ** 2, 0);
    };
    const result = minimize(bowl, [5, 5, 5, 5], { analyticGradient: true });
    expect(result.x.map((v) => Math.round(v * 1e6) / 1e6 + 0)).toEqual([0, 1, 2, 3]);
    expect(calls).toBeLessThan(100);
  });

  it("backs off from regions where the objective is not finite", () => {
    const logBarrier = (x: readonly number[]) => (x[0] <= 0 ? Number.NaN : x[0] - Math.log(x[0]));
    expect(minimize(logBarrier, [5]).x[0]).toBeCloseTo(1, 5);
  });
});
