/**
 * The closed forms against exact references: every input double is an exact fraction, so the
 * reference is computed in BigInt rationals (and 300-bit logarithms for PAYBACK), independent of
 * Math. Required: 1e-9 relative across the domain; the code gets within a few units in the last place.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cac, ltvCac } from "../../../src/core/metrics/cac";
import { aov, clv, ltv, ltvChurn } from "../../../src/core/metrics/ltv";
import { payback } from "../../../src/core/metrics/payback";
import { add, div, exact, type Fraction, ln, mul, relativeError, sub } from "../../helpers/exact";

const ONE = exact(1);
const product = (...xs: number[]): Fraction => xs.map(exact).reduce(mul, ONE);

/** ln(1 − cac·c/m) / ln(1 − c), exactly on the given doubles. */
function paybackReference(cacValue: number, m: number, c: number): Fraction {
  return div(ln(sub(ONE, div(product(cacValue, c), exact(m)))), ln(sub(ONE, exact(c))));
}

/** A positive double spread evenly over decades from 10^lo to 10^hi. */
const logUniform = (lo: number, hi: number) =>
  fc.double({ min: lo, max: hi, noNaN: true }).map((e) => 10 ** e);

describe("PAYBACK with churn is exact where ln(1 − x) loses digits", () => {
  it("a churn rate of 1e-17 gives cac / m (ln(1 − x) ≈ −x: the ratio is 6·(1 + 2.5e-17), 6 as a double)", () => {
    expect(payback(300, 50, 1e-17)).toBe(6);
    expect(relativeError(payback(300, 50, 1e-17), paybackReference(300, 50, 1e-17))).toBeLessThan(1e-15);
  });

  it("PAYBACK(1000000, 278.42, 1e-12) = 3591.6960… (the naive ln form gives 3591.7755)", () => {
    const n = payback(1_000_000, 278.42, 1e-12);
    // u = 1e6·1e-12/278.42 = 3.5917e-9 and −ln(1 − v) = v + v²/2 + …: n = (u/c)(1 + u/2)/(1 + c/2) to 1e-17.
    const u = 1e-6 / 278.42;
    expect(n).toBeCloseTo((u / 1e-12) * (1 + u / 2) * (1 - 1e-12 / 2), 9);
    expect(n.toFixed(4)).toBe("3591.6960");
    expect(relativeError(n, paybackReference(1_000_000, 278.42, 1e-12))).toBeLessThan(1e-14);
  });

  it("CAC within 1e-10 of the lifetime margin: 1 − cac·c/m is taken exactly", () => {
    const n = payback(999.9999999, 100, 0.1);
    expect(relativeError(n, paybackReference(999.9999999, 100, 0.1))).toBeLessThan(1e-14);
  });

  it("matches the exact reference to 1e-13 relative over 1e-12 … 1e12 inputs and churn 1e-18 … 1 − 1e-12", () => {
    fc.assert(
      fc.property(
        logUniform(-12, 12),
        fc.oneof(
          logUniform(-18, -0.3),
          logUniform(-12, -0.3).map((v) => 1 - v),
        ),
        fc.double({ min: 1e-6, max: 1, noNaN: true }),
        (m, c, share) => {
          // CAC anywhere below the lifetime margin m / c, often very close to it.
          const cacValue = (m / c) * (share < 0.5 ? share : 1 - (1 - share) ** 6);
          fc.pre((cacValue * c) / m < 1);
          const n = payback(cacValue, m, c);
          expect(relativeError(n, paybackReference(cacValue, m, c))).toBeLessThan(1e-13);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("the other closed forms are exact to a few units in the last place, without spurious overflow", () => {
  it("LTV_CHURN: margin × arpu × (1 + d) / (d + churn)", () => {
    fc.assert(
      fc.property(
        logUniform(-300, 300),
        logUniform(-300, 0),
        logUniform(-300, 0),
        fc.oneof(fc.constant(0), logUniform(-300, 0)),
        (arpu, churnRate, margin, d) => {
          const reference = div(
            product(margin, arpu),
            div(add(exact(d), exact(churnRate)), add(ONE, exact(d))),
          );
          let value: number;
          try {
            value = ltvChurn(arpu, churnRate, margin, d);
          } catch (error) {
            // Only a result genuinely beyond the largest double may be refused.
            expect(String(error)).toMatch(/is too large: the result is beyond 1\.8e308/);
            expect(reference.num / reference.den > BigInt(Number.MAX_VALUE)).toBe(true);
            return;
          }
          fc.pre(value >= 2 ** -1022); // below the normal range a double has fewer digits
          expect(relativeError(value, reference)).toBeLessThan(1e-12);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("LTV, CLV, AOV, CAC, LTV:CAC over 1e-200 … 1e200", () => {
    fc.assert(
      fc.property(
        logUniform(-200, 200),
        logUniform(-200, 200),
        logUniform(-200, 200),
        logUniform(-5, 0),
        (x, y, z, m) => {
          const cases: [() => number, Fraction][] = [
            [() => ltv(x, y, z), product(x, y, z)],
            [() => clv(x, y, z, m), product(x, y, z, m)],
            [() => aov(x, y), div(exact(x), exact(y))],
            [() => cac(x, y), div(exact(x), exact(y))],
            [() => ltvCac(x, y), div(exact(x), exact(y))],
          ];
          for (const [compute, reference] of cases) {
            const big = reference.num / reference.den > BigInt(Number.MAX_VALUE);
            if (big) expect(compute).toThrow(/is too large/);
            else if (reference.num * 2n ** 1022n >= reference.den)
              expect(relativeError(compute(), reference)).toBeLessThan(1e-12);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("overflow is an error that names the inputs", () => {
  it.each([
    [
      () => ltv(1e200, 1e200, 1e200),
      "aov (1e+200) × purchase_frequency (1e+200) × lifespan (1e+200) is too large: the result is beyond 1.8e308, the largest number a spreadsheet holds",
    ],
    [
      () => payback(1e300, 1e-300),
      "cac (1e+300) / margin_per_period (1e-300) is too large: the result is beyond 1.8e308, the largest number a spreadsheet holds",
    ],
    [
      () => cac(1e300, 1e-10),
      "spend (1e+300) / new_customers (1e-10) is too large: the result is beyond 1.8e308, the largest number a spreadsheet holds",
    ],
    [
      () => ltvChurn(1e300, 1e-10),
      "arpu (1e+300) × margin (1) × (1 + discount_rate) / (discount_rate + churn_rate = 1e-10) is too large: the result is beyond 1.8e308, the largest number a spreadsheet holds",
    ],
  ])("%#", (compute, message) => {
    expect(compute).toThrow(message);
  });
});
