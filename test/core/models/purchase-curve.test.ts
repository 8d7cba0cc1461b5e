/**
 * The BG/NBD purchase curve G(t) = C/(a − 1)·[1 − (A/(A + t))^R ₂F₁(R, B; C; z)] against an independent
 * evaluation: the Gauss series of ₂F₁ summed term by term as written (up to two million terms), where
 * it is defined (C not 0 or a negative integer, a ≠ 1), for random parameters including a + b < 1,
 * a near 1 and t up to 1,000 A; a = 1 itself by continuity. And every fit's forecast is finite.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type BgNbdParams, expectedPurchases, fitBgNbd } from "../../../src/core/models/bg-nbd";
import { predictClv } from "../../../src/core/models/clv";
import { purchaseCurve } from "../../../src/core/models/purchase-curve";
import { Random } from "../../../src/core/sample/random";
import { simulate } from "./simulate";

/**
 * The closed form with ₂F₁ summed directly: Σ (R)ₙ(B)ₙ/((C)ₙ n!) zⁿ until the terms vanish; and its
 * own rounding error, which 1 − (A/(A + t))^R ₂F₁ magnifies when the two nearly cancel.
 */
function directWithError(R: number, A: number, a: number, B: number, t: number): [number, number] {
  const C = a + B - 1;
  const z = t / (A + t);
  let term = 1;
  let sum = 1;
  for (let n = 0; n < 2_000_000; n++) {
    term *= ((R + n) * (B + n) * z) / ((C + n) * (n + 1));
    sum += term;
    if (Math.abs(term) < 1e-18 * Math.abs(sum) && n > 10) break;
  }
  const scaled = (A / (A + t)) ** R * sum;
  return [(C / (a - 1)) * (1 - scaled), Math.abs((C / (a - 1)) * scaled) * 1e-13];
}

const direct = (R: number, A: number, a: number, B: number, t: number) => directWithError(R, A, a, B, t)[0];

const positive = (lo: number, hi: number) => fc.double({ min: lo, max: hi, noNaN: true });

describe("G(t) equals the directly summed closed form", () => {
  it("for random R, A, a, B (a + B < 1 included) and t from 0.01 A to 1,000 A", () => {
    fc.assert(
      fc.property(
        positive(0.05, 5),
        positive(0.1, 50),
        positive(0.05, 6),
        positive(0.05, 6),
        positive(-2, 3).map((e) => 10 ** e),
        (R, A, a, B, scale) => {
          const C = a + B - 1;
          fc.pre(Math.abs(a - 1) > 0.01 && Math.abs(C - Math.round(C)) > 0.01);
          const t = scale * A;
          const [reference, error] = directWithError(R, A, a, B, t);
          expect(Math.abs(purchaseCurve(R, A, a, B).at(t) - reference)).toBeLessThan(
            1e-9 * reference + error,
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it("is continuous through a = 1 and a + B = 1, where the closed form divides by 0", () => {
    for (const t of [0.3, 7, 400]) {
      const [near, at] = [purchaseCurve(0.7, 3, 1 + 1e-6, 0.4).at(t), purchaseCurve(0.7, 3, 1, 0.4).at(t)];
      expect(Math.abs(near / at - 1)).toBeLessThan(1e-5);
      expect(Math.abs(near / direct(0.7, 3, 1 + 1e-6, 0.4, t) - 1)).toBeLessThan(1e-6);
      const c = [purchaseCurve(1.2, 2, 0.3, 0.7).at(t), purchaseCurve(1.2, 2, 0.3, 0.7 + 1e-7).at(t)];
      expect(Math.abs(c[0] / c[1] - 1)).toBeLessThan(1e-6);
    }
  });

  it("walking forward month by month gives what a fresh evaluation gives", () => {
    for (const [R, A, a, B] of [
      [0.243, 4.4, 0.793, 2.426],
      [2.5, 1, 0.2, 0.1],
      [0.3, 3, 5, 2],
      [3, 100, 40, 2],
      [125.6, 50.6, 0.119, 125], // many repeat purchases: large exponents at both singular points
    ]) {
      const curve = purchaseCurve(R, A, a, B);
      for (let t = 0.5; t < 1e5; t *= 1.3)
        expect(Math.abs(curve.at(t) / purchaseCurve(R, A, a, B).at(t) - 1)).toBeLessThan(1e-10);
    }
  });

  it("grows like t^(1 − a) when a < 1 and levels off at (a + B − 1)/(a − 1) when a > 1", () => {
    expect(expectedPurchases({ r: 0.5, alpha: 2, a: 3, b: 1 }, 1e9)).toBeCloseTo(3 / 2, 3);
    const g = (t: number) => expectedPurchases({ r: 0.5, alpha: 2, a: 0.5, b: 1 }, t);
    expect(Math.log(g(1e8) / g(1e6)) / Math.log(100)).toBeCloseTo(0.5, 2);
  });
});

it("wherever BG/NBD fits simulated customers, every customer's forecast is finite", () => {
  let fitted = 0;
  let belowOne = 0; // fits with a + b < 1, where the paper's closed form for E[X(t)] has no value
  for (let seed = 1; seed <= 40; seed++) {
    const random = new Random(seed);
    const truth = {
      r: 0.2 + 2 * random.next(),
      alpha: 4,
      a: 0.1 + 1.5 * random.next(),
      b: 0.1 + 3 * random.next(),
    };
    const data = simulate(truth, 150, seed);
    let params: BgNbdParams;
    try {
      params = fitBgNbd(data).params;
    } catch {
      continue;
    }
    fitted++;
    if (params.a + params.b < 1) belowOne++;
    const spend = { p: 6, q: 3, gamma: 15 };
    const options = { horizonMonths: 120, monthlyDiscountRate: 0.01, margin: 1, unitsPerMonth: 4.35 };
    const forecast = predictClv(params, spend, options, { ...data, zbar: data.x.map(() => 20) });
    for (const column of Object.values(forecast))
      for (const value of column) expect(Number.isFinite(value) && value >= 0).toBe(true);
  }
  expect(fitted).toBeGreaterThan(20);
  expect(belowOne).toBeGreaterThan(0);
});
