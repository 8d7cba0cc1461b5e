/**
 * Standard errors of maximum-likelihood estimates from the observed information: the Hessian H of
 * −ln L at the maximum, in the natural parameters, by central differences of the likelihood; the
 * asymptotic covariance of the estimates is H⁻¹ (e.g. Cameron & Trivedi, "Microeconometrics", 2005,
 * §5.5). This is what `lifetimes` reports as `standard_errors_`.
 */

/** −ln L as a function of the natural parameters, in the order of `params`. */
export type NegLogLikelihood = (params: readonly number[]) => number;

// A relative step of 1e-3: second differences of a likelihood summed over thousands of customers
// lose about 1e-11 of it to rounding, which stays far below the curvature at that step.
const STEP = 1e-3;

/** The Hessian of `f` at `at` by central differences, with a step relative to each parameter. */
function hessian(f: NegLogLikelihood, at: readonly number[]): number[][] {
  const n = at.length;
  const h = at.map((v) => STEP * Math.max(Math.abs(v), 1e-8));
  const value = (moves: [number, number][]) => {
    const x = [...at];
    for (const [i, sign] of moves) x[i] += sign * h[i];
    return f(x);
  };
  const center = f(at);
  const result = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    result[i][i] = (value([[i, 1]]) - 2 * center + value([[i, -1]])) / (h[i] * h[i]);
    for (let j = 0; j < i; j++) {
      const mixed =
        value([
          [i, 1],
          [j, 1],
        ]) -
        value([
          [i, 1],
          [j, -1],
        ]) -
        value([
          [i, -1],
          [j, 1],
        ]) +
        value([
          [i, -1],
          [j, -1],
        ]);
      result[i][j] = result[j][i] = mixed / (4 * h[i] * h[j]);
    }
  }
  return result;
}

/** The inverse of a symmetric matrix by its Cholesky factor; `undefined` if it is not positive definite. */
function inversePositiveDefinite(m: readonly (readonly number[])[]): number[][] | undefined {
  const n = m.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = m[i][j];
      for (let k = 0; k < j; k++) sum -= l[i][k] * l[j][k];
      if (i === j) {
        if (!(sum > 0)) return undefined;
        l[i][i] = Math.sqrt(sum);
      } else l[i][j] = sum / l[j][j];
    }
  }
  // Columns of L⁻¹ by forward substitution, then M⁻¹ = L⁻ᵀ L⁻¹.
  const inv = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let c = 0; c < n; c++) {
    for (let i = c; i < n; i++) {
      let sum = i === c ? 1 : 0;
      for (let k = c; k < i; k++) sum -= l[i][k] * inv[k][c];
      inv[i][c] = sum / l[i][i];
    }
  }
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => {
      let sum = 0;
      for (let k = Math.max(i, j); k < n; k++) sum += inv[k][i] * inv[k][j];
      return sum;
    }),
  );
}

/**
 * The asymptotic covariance matrix of the estimates `params` (a maximum of the likelihood): the inverse
 * of the observed information. `undefined` when the information is not positive definite — the
 * likelihood is flat or curves the wrong way in some direction, so the data do not pin the estimates.
 */
export function observedCovariance(f: NegLogLikelihood, params: readonly number[]): number[][] | undefined {
  const cov = inversePositiveDefinite(hessian(f, params));
  return cov?.every((row, i) => row[i] > 0 && row.every(Number.isFinite)) ? cov : undefined;
}

/** Standard errors √diag(H⁻¹) of the estimates, in the parameters' units; `undefined` as for the covariance. */
export function standardErrors(f: NegLogLikelihood, params: readonly number[]): number[] | undefined {
  return observedCovariance(f, params)?.map((row, i) => Math.sqrt(row[i]));
}
