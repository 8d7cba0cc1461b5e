/**
 * Issue 20: on many distinct rows a fit searches a coarse copy first and refines on the data
 * (fit/condense coarseRows, fit/mle pilot). The coarse copy keeps every customer and the rows' order
 * constraints; the refined fit is a maximum of the data's own likelihood; data the models do not fit
 * get the same plain errors as before. Times are in the benchmark (`npm run bench`), not here.
 */
import { describe, expect, it } from "vitest";
import { coarseRows, condenseRfm, PILOT_ROWS } from "../../../src/core/fit/condense";
import { bgNbdLogLikelihood, fitBgNbd } from "../../../src/core/models/bg-nbd";
import { fitParetoNbd } from "../../../src/core/models/pareto-nbd";
import { Random } from "../../../src/core/sample/random";
import { simulate } from "../models/simulate";

const TRUTH = { r: 0.25, alpha: 4, a: 0.8, b: 2.4 };

/** Customers alike: each buys about every `gap` weeks for as long as observed, and never leaves. */
function alike(customers: number, seed: number) {
  const random = new Random(seed);
  const rows = { x: [] as number[], tx: [] as number[], T: [] as number[] };
  for (let i = 0; i < customers; i++) {
    const age = 26 + random.next() * 52;
    let [x, last] = [-1, 0];
    for (let t = 0; t <= age; t += random.exponential(1 / 8)) [x, last] = [x + 1, t];
    rows.x.push(x);
    rows.tx.push(last);
    rows.T.push(age);
  }
  return rows;
}

describe("the coarse copy a pilot search runs on", () => {
  it("is not made for few rows", () => {
    const few = simulate(TRUTH, PILOT_ROWS, 1);
    expect(coarseRows(condenseRfm(few))).toBeUndefined();
  });

  it("keeps every customer, x, t_x ≤ T, T > 0 and t_x = 0 without repeat purchases, on far fewer rows", () => {
    const data = simulate(TRUTH, 20_000, 2);
    const coarse = coarseRows(condenseRfm(data));
    if (!coarse) throw new Error("no coarse copy");
    expect(coarse.x.length).toBeLessThan(data.x.length / 4);
    expect(coarse.weight.reduce((a, b) => a + b, 0)).toBe(20_000);
    expect(new Set(coarse.x)).toEqual(new Set(data.x));
    coarse.x.forEach((x, i) => {
      expect(coarse.tx[i]).toBeLessThanOrEqual(coarse.T[i]);
      expect(coarse.T[i]).toBeGreaterThan(0);
      if (x === 0) expect(coarse.tx[i]).toBe(0);
      else expect(coarse.tx[i]).toBeGreaterThan(0);
    });
  });
});

describe("a fit with a pilot search", () => {
  it("ends at a maximum of the data's own likelihood, near the parameters drawn", () => {
    const data = simulate(TRUTH, 20_000, 3);
    const { params, logLikelihood } = fitBgNbd(data);
    expect(bgNbdLogLikelihood(params, data)).toBe(logLikelihood);
    // ∂ ln L / ∂ ln θ by central differences: flat at the maximum, to the rounding of the sum.
    const h = 1e-4;
    for (const name of ["r", "alpha", "a", "b"] as const) {
      const at = (factor: number) => bgNbdLogLikelihood({ ...params, [name]: params[name] * factor }, data);
      const slope = (at(Math.exp(h)) - at(Math.exp(-h))) / (2 * h);
      expect(Math.abs(slope)).toBeLessThan(1e-6 * Math.abs(logLikelihood) + 1e-3);
    }
    expect(params.r).toBeCloseTo(TRUTH.r, 1);
    expect(params.a / (params.a + params.b)).toBeCloseTo(TRUTH.a / (TRUTH.a + TRUTH.b), 1);
  });

  it("gives the same estimates whatever order the customers come in", () => {
    const data = simulate(TRUTH, 10_000, 4);
    const order = data.x.map((_, i) => i).reverse();
    const reversed = {
      x: order.map((i) => data.x[i]),
      tx: order.map((i) => data.tx[i]),
      T: order.map((i) => data.T[i]),
    };
    expect(fitBgNbd(reversed)).toEqual(fitBgNbd(data));
  });

  it("says Pareto/NBD cannot determine s and β when customers' dropout rates are alike", () => {
    expect(() => fitParetoNbd(alike(8_000, 5))).toThrow(
      /cannot determine (s and beta|r and alpha): the likelihood keeps improving as both grow/,
    );
  });
});
