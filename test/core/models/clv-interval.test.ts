/**
 * The predicted-CLV interval (delta method on ln CLV): it contains the estimate, narrows as the data
 * grow, and on data simulated from known parameters covers the true expected CLV about as often as its
 * level says.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitBgNbd } from "../../../src/core/models/bg-nbd";
import { type ClvOptions, predictClv, repeatSpend } from "../../../src/core/models/clv";
import { clvInterval, normalQuantile } from "../../../src/core/models/clv-interval";
import { fitGammaGamma } from "../../../src/core/models/gamma-gamma";
import { Random } from "../../../src/core/sample/random";

const TRUTH = { bg: { r: 0.4, alpha: 5, a: 0.7, b: 2.5 }, gg: { p: 6, q: 4, gamma: 15 } };
const OPTIONS: ClvOptions = {
  horizonMonths: 6,
  monthlyDiscountRate: 0.01,
  margin: 1,
  unitsPerMonth: 365.25 / 12 / 7,
};

/** Customers drawn from BG/NBD and Gamma-Gamma, observed 20 to 60 weeks. */
function simulate(customers: number, seed: number) {
  const random = new Random(seed);
  const [x, tx, T, zbar] = [[], [], [], []] as number[][];
  for (let i = 0; i < customers; i++) {
    const age = 20 + random.next() * 40;
    const lambda = random.gamma(TRUTH.bg.r, TRUTH.bg.alpha);
    const dropout = random.beta(TRUTH.bg.a, TRUTH.bg.b);
    const nu = random.gamma(TRUTH.gg.q, TRUTH.gg.gamma);
    let purchases = 0;
    let last = 0;
    let spend = 0;
    for (let t = random.exponential(lambda); t <= age; t += random.exponential(lambda)) {
      purchases++;
      last = t;
      spend += random.gamma(TRUTH.gg.p, nu);
      if (random.next() < dropout) break;
    }
    x.push(purchases);
    tx.push(last);
    T.push(age);
    zbar.push(purchases > 0 ? spend / purchases : 0);
  }
  return { x, tx, T, zbar };
}

/** Fits both models to `data`, then the interval of each of `valued` (by default the same customers). */
function intervalOn(data: ReturnType<typeof simulate>, level: number, valued = data) {
  const bg = fitBgNbd(data).params;
  const spend = repeatSpend({
    frequency: data.x,
    recency: data.tx,
    T: data.T,
    monetary: data.zbar,
    unitDays: 7,
  });
  const gg = fitGammaGamma(spend).params;
  const estimate = predictClv(bg, gg, OPTIONS, valued).clv;
  return { estimate, ...clvInterval(level, bg, gg, OPTIONS, valued, { purchases: data, spend }) };
}

it("the normal quantile matches known values", () => {
  expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
  expect(normalQuantile(0.9)).toBeCloseTo(1.281552, 6);
  expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 5);
});

describe("on simulated customers", () => {
  const small = simulate(1000, 1);

  it("contains the estimate, and a higher level gives a wider interval", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 0.9, noNaN: true }), (level) => {
        const narrow = intervalOn(small, level);
        const wide = intervalOn(small, (level + 1) / 2);
        narrow.estimate.forEach((clv, i) => {
          expect(narrow.lower[i]).toBeLessThanOrEqual(clv);
          expect(narrow.upper[i]).toBeGreaterThanOrEqual(clv);
          expect(wide.lower[i]).toBeLessThanOrEqual(narrow.lower[i] + 1e-9);
          expect(wide.upper[i]).toBeGreaterThanOrEqual(narrow.upper[i] - 1e-9);
        });
      }),
      { numRuns: 3 },
    );
  });

  it("narrows as customers are added (same parameters): four times the customers, about half the width", () => {
    const large = simulate(4000, 2);
    // The same customer profiles valued under each fit: the first 200 of the small set.
    const profiles = {
      x: small.x.slice(0, 200),
      tx: small.tx.slice(0, 200),
      T: small.T.slice(0, 200),
      zbar: small.zbar.slice(0, 200),
    };
    const width = (data: ReturnType<typeof simulate>) => {
      const { lower, upper } = intervalOn(data, 0.8, profiles);
      return lower.reduce((total, low, i) => total + Math.log(upper[i] / low), 0);
    };
    const ratio = width(large) / width(small);
    expect(ratio).toBeLessThan(0.75);
    expect(ratio).toBeGreaterThan(0.3);
  });

  it("an 80% interval covers the true expected CLV in 65–95% of 30 simulated data sets", () => {
    let covered = 0;
    let total = 0;
    for (let seed = 100; seed < 130; seed++) {
      const data = simulate(800, seed);
      const { lower, upper } = intervalOn(data, 0.8);
      const truth = predictClv(TRUTH.bg, TRUTH.gg, OPTIONS, data).clv;
      // Customers 0 … 49 of each set: coverage is a property of the interval, not of one customer.
      for (let i = 0; i < 50; i++) {
        total++;
        if (truth[i] >= lower[i] && truth[i] <= upper[i]) covered++;
      }
    }
    const coverage = covered / total;
    expect(coverage).toBeGreaterThan(0.65);
    expect(coverage).toBeLessThan(0.95);
  });
});
