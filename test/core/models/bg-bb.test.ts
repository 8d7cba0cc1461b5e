/**
 * BG/BB against Fader, Hardie & Shang (2010) on their donation data, and its conditional expectation
 * against the definition integrated numerically over (p, θ).
 */
import fc from "fast-check";
import { expect, it } from "vitest";
import { logBeta } from "../../../src/core/fit/special";
import {
  type BgBbParams,
  bgBbConditionalExpected,
  bgBbLogLikelihood,
  fitBgBb,
} from "../../../src/core/models/bg-bb";
import { describeWithReferenceData, readReferenceCsv } from "../../helpers/reference-data";

describeWithReferenceData("BG/BB on the donation data of Fader, Hardie & Shang (2010)", () => {
  const [, ...rows] = readReferenceCsv("donations_bgbb_fader_hardie_shang_2010.csv");
  const column = (i: number) => rows.map((row) => Number(row[i]));
  const data = { x: column(0), tx: column(1), n: column(2), count: column(3) };

  it("reproduces α 1.204, β 0.750, γ 0.657, δ 2.783 and the log-likelihood −33,225.6", () => {
    const fit = fitBgBb(data);
    const { alpha, beta, gamma, delta } = fit.params;
    expect([alpha, beta, gamma, delta].map((v) => v.toFixed(3))).toEqual([
      "1.204",
      "0.750",
      "0.657",
      "2.783",
    ]);
    expect(fit.logLikelihood.toFixed(1)).toBe("-33225.6");
  });

  it("counts a pattern's customers as that many rows", () => {
    const p = { alpha: 1.2, beta: 0.75, gamma: 0.66, delta: 2.8 };
    const spelled = { x: [2, 2, 2, 0], tx: [4, 4, 4, 0], n: [6, 6, 6, 6] };
    expect(bgBbLogLikelihood(p, { x: [2, 0], tx: [4, 0], n: [6, 6], count: [3, 1] })).toBeCloseTo(
      bgBbLogLikelihood(p, spelled),
      10,
    );
  });
});

/**
 * E[transactions in the next n* opportunities | x, t_x, n] from its definition: over the posterior of
 * (p, θ), the chance of being alive at n times p Σₖ (1 − θ)^k, by the midpoint rule on a grid.
 */
function expectedByQuadrature(q: BgBbParams, ahead: number, x: number, tx: number, n: number): number {
  const steps = 400;
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < steps; i++) {
    const p = (i + 0.5) / steps;
    for (let j = 0; j < steps; j++) {
      const theta = (j + 0.5) / steps;
      const prior = Math.exp(
        (q.alpha - 1) * Math.log(p) +
          (q.beta - 1) * Math.log1p(-p) -
          logBeta(q.alpha, q.beta) +
          (q.gamma - 1) * Math.log(theta) +
          (q.delta - 1) * Math.log1p(-theta) -
          logBeta(q.gamma, q.delta),
      );
      const alive = p ** x * (1 - p) ** (n - x) * (1 - theta) ** n;
      let likelihood = alive;
      for (let k = 0; k < n - tx; k++)
        likelihood += p ** x * (1 - p) ** (tx - x + k) * theta * (1 - theta) ** (tx + k);
      let future = 0;
      for (let k = 1; k <= ahead; k++) future += p * (1 - theta) ** k;
      numerator += prior * alive * future;
      denominator += prior * likelihood;
    }
  }
  return numerator / denominator;
}

it("the conditional expectation equals its definition integrated over (p, θ)", () => {
  const smooth = fc.double({ min: 1.5, max: 6, noNaN: true }); // priors without singular edges, for the grid
  const pattern = fc
    .record({
      n: fc.integer({ min: 1, max: 8 }),
      x: fc.nat(8),
      share: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map(({ n, x, share }) => {
      const freq = Math.min(x, n);
      return { n, x: freq, tx: freq === 0 ? 0 : freq + Math.round(share * (n - freq)) };
    });
  fc.assert(
    fc.property(
      smooth,
      smooth,
      smooth,
      smooth,
      pattern,
      fc.integer({ min: 1, max: 10 }),
      (alpha, beta, gamma, delta, c, ahead) => {
        const p = { alpha, beta, gamma, delta };
        const ours = bgBbConditionalExpected(p, ahead, c.x, c.tx, c.n);
        expect(ours / expectedByQuadrature(p, ahead, c.x, c.tx, c.n)).toBeCloseTo(1, 2); // the grid: 0.1%–0.5%
      },
    ),
    { numRuns: 25, seed: 2010 },
  );
});

it("says why it cannot fit: a pattern that cannot happen, nobody transacting", () => {
  expect(() => fitBgBb({ x: [7], tx: [7], n: [6] })).toThrow(
    "frequency (row 1) is 7 — expected a whole number of transactions from 0 to periods (6)",
  );
  expect(() => fitBgBb({ x: [2], tx: [1], n: [6] })).toThrow(/recency \(row 1\) is 1/);
  expect(() => fitBgBb({ x: [0, 0], tx: [0, 0], n: [6, 6] })).toThrow(
    /cannot tell how often customers transact/,
  );
});

it("the conditional expectation is continuous through γ = 1 (its limit there, not 0/0)", () => {
  const at = (gamma: number) =>
    bgBbConditionalExpected({ alpha: 1.2, beta: 0.75, gamma, delta: 2.8 }, 5, 3, 5, 6);
  expect(at(1)).toBeCloseTo(at(1 + 2e-6), 5);
  expect(at(1)).toBeCloseTo(at(1 - 2e-6), 5);
});
