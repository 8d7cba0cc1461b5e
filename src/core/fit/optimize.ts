/**
 * Unconstrained minimisation by BFGS (Nocedal & Wright, "Numerical Optimization", 2nd ed., §6.1)
 * with a backtracking Armijo line search. The models minimise a negative log-likelihood over
 * log-parameters, where it is smooth and unconstrained. A model gives its analytic gradient when it
 * has one (one pass over the data per step instead of 2n + 1); otherwise central differences are used.
 */

/** A function to minimise; with `gradient`, fills `gradient` with ∇f at `x` too. */
export type Objective = (x: readonly number[], gradient?: number[]) => number;

export interface Minimum {
  x: number[];
  value: number;
  iterations: number;
  /** Whether the gradient or the steps became negligible before the iteration limit. */
  converged: boolean;
  /** The last approximation of the inverse Hessian, to continue a search on a finer objective. */
  inverseHessian: number[][];
  /** Objective evaluations spent (each with its gradient). */
  evaluations: number;
  /** The gradient at `x`. */
  gradient: number[];
}

export interface MinimizeOptions {
  /** Whether the objective fills the gradient itself. @default false */
  analyticGradient?: boolean;
  /** Stop when every |∂f/∂xᵢ| ≤ tolerance × max(1, |f|). @default 1e-10 */
  tolerance?: number;
  /** @default 500 */
  maxIterations?: number;
  /** Stop after this many evaluations of the objective, unconverged. @default Infinity */
  maxEvaluations?: number;
  /** A start for the inverse Hessian (from a search on a coarser objective); @default the identity. */
  inverseHessian?: readonly (readonly number[])[];
  /** Stop, unconverged, as soon as an accepted point is one this says the search has run away to. */
  runaway?: (x: readonly number[]) => boolean;
}

function numericGradient(f: Objective, x: readonly number[], gradient: number[]): void {
  const probe = [...x];
  for (let i = 0; i < x.length; i++) {
    const h = 1e-5 * Math.max(1, Math.abs(x[i]));
    probe[i] = x[i] + h;
    const up = f(probe);
    probe[i] = x[i] - h;
    const down = f(probe);
    probe[i] = x[i];
    gradient[i] = (up - down) / (2 * h);
  }
}

const MAX_STEP = 3;

const dot = (u: readonly number[], v: readonly number[]) => u.reduce((sum, ui, i) => sum + ui * v[i], 0);

/** Minimises `f` from `start`. Non-finite values count as +∞, so the line search backs off them. */
export function minimize(f: Objective, start: readonly number[], options: MinimizeOptions = {}): Minimum {
  const n = start.length;
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 500;
  const maxEvaluations = options.maxEvaluations ?? Number.POSITIVE_INFINITY;
  let evaluations = 0;
  const evaluate = (x: readonly number[], gradient: number[]): number => {
    evaluations++;
    const value = options.analyticGradient ? f(x, gradient) : f(x);
    if (!options.analyticGradient && Number.isFinite(value)) numericGradient(f, x, gradient);
    return Number.isFinite(value) && gradient.every(Number.isFinite) ? value : Infinity;
  };

  let x = [...start];
  let g = new Array<number>(n).fill(0);
  let value = evaluate(x, g);
  if (!Number.isFinite(value)) throw new Error("the likelihood is not finite at the starting point");
  // H approximates the inverse Hessian; it starts as the identity (`fresh`) and restarts there when needed.
  const identity = (): number[][] =>
    Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  let h = options.inverseHessian ? options.inverseHessian.map((row) => [...row]) : identity();
  let fresh = !options.inverseHessian;
  const stop = (iterations: number, converged: boolean): Minimum => ({
    x,
    value,
    iterations,
    converged,
    inverseHessian: h,
    evaluations,
    gradient: g,
  });

  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    if (g.every((gi) => Math.abs(gi) <= tolerance * Math.max(1, Math.abs(value))))
      return stop(iteration - 1, true);
    if (evaluations >= maxEvaluations) return stop(iteration - 1, false);
    let direction = h.map((row) => -dot(row, g));
    let slope = dot(direction, g);
    if (!(slope < 0)) {
      h = identity();
      fresh = true;
      direction = g.map((gi) => -gi);
      slope = dot(direction, g);
    }
    // Backtracking from a step of at most MAX_STEP in any coordinate (on log-parameters, a factor of
    // e³): a long first step lands where the likelihood is flat or its terms lose all precision.
    // Accept the first step with sufficient decrease (Armijo, c = 1e-4).
    const longest = Math.max(...direction.map(Math.abs));
    let step = longest > MAX_STEP ? MAX_STEP / longest : 1;
    let next: number[] = x;
    const nextGradient = new Array<number>(n).fill(0);
    let nextValue = Infinity;
    for (let tries = 0; tries < 60; tries++) {
      if (evaluations >= maxEvaluations) return stop(iteration - 1, false);
      next = x.map((xi, i) => xi + step * direction[i]);
      nextValue = evaluate(next, nextGradient);
      if (nextValue <= value + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(nextValue <= value)) {
      // No decrease along the quasi-Newton direction: retry once along the gradient, else stop.
      if (!fresh) {
        h = identity();
        fresh = true;
        continue;
      }
      // A numeric gradient is only as good as its rounding error: accept a small one here.
      return stop(iteration, nearlyFlat(g, value));
    }
    const s = next.map((ni, i) => ni - x[i]);
    const y = nextGradient.map((gi, i) => gi - g[i]);
    const improvement = value - nextValue;
    x = next;
    g = nextGradient;
    value = nextValue;
    if (improvement <= 1e-15 * Math.max(1, Math.abs(value)) && s.every((si) => Math.abs(si) < 1e-12))
      return stop(iteration, true);
    if (options.runaway?.(x)) return stop(iteration, false);
    const sy = dot(s, y);
    if (sy <= 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) continue; // curvature condition fails: keep H
    if (fresh) {
      // Scale the identity to the curvature just seen before the first update (N&W eq. 6.20).
      const scale = sy / dot(y, y);
      h = h.map((row) => row.map((hij) => hij * scale));
      fresh = false;
    }
    // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, with ρ = 1 / yᵀs.
    const rho = 1 / sy;
    const hy = h.map((row) => dot(row, y));
    const yhy = dot(y, hy);
    h = h.map((row, i) =>
      row.map((hij, j) => hij - rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j]),
    );
  }
  return stop(maxIterations, false);
}

/** Whether a gradient is within the rounding error of a numeric one: every |∂f/∂xᵢ| ≤ 1e-6 × max(1, |f|). */
export function nearlyFlat(gradient: readonly number[], value: number): boolean {
  return gradient.every((gi) => Math.abs(gi) <= 1e-6 * Math.max(1, Math.abs(value)));
}
