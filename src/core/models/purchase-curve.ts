/**
 * The BG/NBD expected number of purchases of a customer who is active at time 0, in (0, t]:
 *
 *   G(t) = C/(a − 1) · [1 − (A/(A + t))^R ₂F₁(R, B; C; z)],  C = a + B − 1,  z = t/(A + t),
 *
 * with purchase rate λ ~ Gamma(R, A) and dropout p ~ Beta(a, B): (r, α, a, b) for a new customer and
 * (r + x, α + T, a, b + x) for one with x repeat purchases observed to age T (Fader, Hardie & Lee
 * 2005, eq. 9 and 10). It equals E[(1 − (1 + p·t/A)^(−R)) / p], finite for every a, B > 0, but the
 * closed form divides by a − 1 and needs C > 0, and its series crawls as z → 1 (t ≫ A).
 *
 * Written instead, by Euler's transformation and (a − 1)ₙ = (a − 1)(a)ₙ₋₁, as
 *
 *   G = C · (1 − y^(a−1))/(a − 1) − y^(a−1) · W(z),  y = 1 − z,
 *   W(z) = Σₙ≥₁ dₙ zⁿ,  dₙ = (C − R)ₙ (a)ₙ₋₁ / ((C + 1)ₙ₋₁ n!),
 *
 * where nothing divides by a − 1 or C. W is summed as a power series up to z = 1/2; beyond, it is
 * carried along by Taylor steps of the differential equation it satisfies,
 *
 *   z(1 − z)W'' + [C − (C − R + a)z]W' − (C − R)(a − 1)W = C(C − R)
 *
 * (the hypergeometric equation of ₂F₁(C − R, a − 1; C; z) = 1 + (a − 1)W/C), each step at most half
 * the distance to a singular point (0 or 1), so every step converges like 2⁻ⁿ and a month-by-month
 * forecast moves from one month's z to the next in a few terms.
 */

import { logHyp2f1 } from "../fit/special";

const { abs, expm1, exp, log1p } = Math;

const EPSILON = 1e-16;
const MAX_TERMS = 5000;

export interface PurchaseCurve {
  /** G(t) for t ≥ 0; cheapest when called with non-decreasing t. */
  at(t: number): number;
}

/** The curve G(t) of a customer with rate Gamma(R, A) and dropout Beta(a, B), all above 0. */
export function purchaseCurve(R: number, A: number, a: number, B: number): PurchaseCurve {
  const C = a + B - 1;
  // W grows like y^(R + 1 − a) as y → 0 and would overflow for a far above R; there the plain
  // series of ₂F₁(R, B; C; z) falls like n^(R − a) instead and C > 30, so the closed form is safe.
  if (a > R + 30)
    return {
      at: (t) => (t <= 0 ? 0 : (C / (a - 1)) * -expm1(-R * log1p(t / A) + logHyp2f1(R, B, C, t / (A + t)))),
    };
  const p1 = C - R;
  const p2 = a - 1;
  // The point reached so far (z0, y0 = 1 − z0), with W and W' there.
  let z0 = 0;
  let y0 = 1;
  let w = 0;
  let dw = 0;

  /** W and W' by their power series, for z ≤ 1/2. */
  const series = (z: number, y: number) => {
    let term = p1; // dₙ zⁿ⁻¹
    let sum = 0;
    let slope = 0;
    for (let n = 1; n < MAX_TERMS; n++) {
      sum += term * z;
      slope += n * term;
      const next = (term * z * (p1 + n) * (a + n - 1)) / ((C + n) * (n + 1));
      if (abs(next * z) <= EPSILON * abs(sum) && abs(next) <= EPSILON * abs(slope)) break;
      if (next === 0) break;
      term = next;
    }
    z0 = z;
    y0 = y;
    w = sum;
    dw = slope;
  };

  /**
   * Moves (z0, W, W') by h ≤ reach() with the Taylor series of the differential equation at z0, in the
   * variable τ = (z − z0)/y0 so that its coefficients cₙ = wₙ·y0ⁿ stay on the scale of W.
   */
  const step = (h: number, z: number, y: number) => {
    const rho = h / y0;
    const slopeAt = y0 - z0;
    const base = C - (p1 + p2 + 1) * z0;
    let previous = w;
    let current = dw * y0;
    let value = previous + current * rho;
    let slope = current;
    let power = rho; // ρⁿ⁺¹ for the current n
    for (let n = 0; n < MAX_TERMS; n++) {
      const next =
        ((n + p1) * (n + p2) * y0 * previous -
          (n + 1) * (slopeAt * n + base) * current +
          (n === 0 ? C * p1 * y0 : 0)) /
        (z0 * (n + 1) * (n + 2));
      const term = next * power * rho;
      value += term;
      slope += (n + 2) * next * power;
      if (n > 1 && (n + 2) * (abs(term) + abs(current * power)) <= EPSILON * abs(value)) break;
      power *= rho;
      previous = current;
      current = next;
    }
    dw = slope / y0;
    z0 = z;
    y0 = y;
    w = value;
  };

  /**
   * The longest Taylor step from z0: half the distance to the nearer singular point, and shorter where
   * the equation's exponents there (1 − C at 0, R − a + 1 at 1) are large, since the rounding errors'
   * share of the other solution would otherwise grow like (exponent · step / distance)ⁿ / n! in the sum.
   */
  const reach = () => Math.min(z0 / Math.max(2, abs(C)), y0 / Math.max(2, abs(R - a + 1)));

  return {
    at(t: number): number {
      if (t <= 0) return 0;
      const ratio = t / A;
      const y = 1 / (1 + ratio);
      const z = ratio * y;
      if (z <= 0.5 && (z < z0 || z - z0 > reach())) series(z, y);
      else {
        if (z < z0 || (z0 < 0.5 && z - z0 > reach())) series(0.5, 0.5);
        while (z0 < z) {
          const h = reach();
          if (y0 - y <= h) step(y0 - y, z, y);
          else step(h, z0 + h, y0 - h);
        }
      }
      // (a − 1)·ln y, with ln y = −ln(1 + t/A) exact for small and large t alike.
      const power = -p2 * log1p(ratio);
      const decay = p2 === 0 ? log1p(ratio) : -expm1(power) / p2;
      return C * decay - exp(power) * w;
    },
  };
}
