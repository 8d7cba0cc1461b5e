/**
 * The four models' predictions at given parameters (core/forecast/predictors.ts): invariants over random
 * parameters and histories, and a new customer's expectation as the conditional one at x = t_x = T = 0.
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { PREDICTORS, type PredictorName, parsePredictor } from "../../../src/core/forecast/predictors";

const positive = (min: number, max: number) => fc.double({ min, max, noNaN: true });
const continuous: PredictorName[] = ["bgnbd", "mbgnbd", "paretonbd"];

it("P(alive) is a probability, expected purchases grow with the horizon, P(X(t) = n) sum to at most 1", () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...continuous),
      fc.tuple(positive(0.1, 3), positive(1, 30), positive(0.2, 3), positive(1, 30)),
      fc.integer({ min: 0, max: 20 }),
      positive(0, 1),
      positive(1, 80),
      positive(0.5, 100),
      (name, params, x, share, T, t) => {
        const model = PREDICTORS[name];
        const tx = x === 0 ? 0 : share * T;
        const alive = model.alive(params, x, tx, T);
        expect(alive).toBeGreaterThanOrEqual(0);
        expect(alive).toBeLessThanOrEqual(1);
        const now = model.conditional(params, t, x, tx, T);
        expect(now).toBeGreaterThanOrEqual(0);
        expect(model.conditional(params, 2 * t, x, tx, T)).toBeGreaterThanOrEqual(now * (1 - 1e-9));
        let total = 0;
        for (let n = 0; n < 5; n++) {
          const p = model.probability(params, n, t);
          expect(p).toBeGreaterThanOrEqual(-1e-12);
          total += p;
        }
        expect(total).toBeLessThanOrEqual(1 + 1e-9);
      },
    ),
    { numRuns: 60 },
  );
});

it("a new customer's expectation is the conditional one with no history, for every continuous-time model", () => {
  const params = [0.5, 6, 0.9, 1.6];
  for (const name of continuous) {
    const model = PREDICTORS[name];
    for (const t of [0.5, 10, 104])
      expect(model.conditional(params, t, 0, 0, 0)).toBeCloseTo(model.expected(params, t), 9);
  }
});

it("BG/BB: P(X(n) = x) over x = 0 … n sums to 1 and its mean is E[X(n)]", () => {
  const model = PREDICTORS.bgbb;
  const params = [1.2, 0.75, 0.66, 2.78];
  for (const n of [1, 6, 20]) {
    const p = Array.from({ length: n + 1 }, (_, x) => model.probability(params, x, n));
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p.reduce((a, q, x) => a + x * q, 0)).toBeCloseTo(model.expected(params, n), 10);
  }
});

it("reads the model names people type", () => {
  expect(parsePredictor("BG/NBD")).toBe("bgnbd");
  expect(parsePredictor("mbg-nbd")).toBe("mbgnbd");
  expect(parsePredictor("Pareto NBD")).toBe("paretonbd");
  expect(parsePredictor("bg/bb")).toBe("bgbb");
  expect(parsePredictor("arima")).toBeUndefined();
});
