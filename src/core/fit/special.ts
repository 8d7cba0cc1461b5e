/**
 * The special functions the models' likelihoods and expectations need, in log space where values
 * overflow. Written here rather than imported: the @stdlib equivalents pull in 45–85 KB each of
 * minified dependencies, and `Code.js` is parsed on every custom-function call. Tests check each
 * against @stdlib (gammaln, betaln, digamma, hyp2f1) over the parameter ranges the models use.
 */

// Math's functions as module constants: the hot loops then skip a global lookup per call, which
// is slow where Code.js runs in a contextified global (Node's vm, as the tests and benchmarks load it).
const { abs, log, log1p, sin, PI } = Math;

const LOG_SQRT_2PI = 0.5 * log(2 * PI);

// Lanczos approximation, g = 7, n = 9 (Godfrey's coefficients): about 15 significant digits.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/**
 * ln Γ(x) for x > 0, by the Lanczos approximation; below 0.5 through the reflection formula
 * Γ(x)Γ(1 − x) = π / sin(πx).
 */
export function logGamma(x: number): number {
  if (x < 0.5) return log(PI / abs(sin(PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return LOG_SQRT_2PI + (z + 0.5) * log(t) - t + log(sum);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0. */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/**
 * The digamma function ψ(x) = d ln Γ(x) / dx for x > 0: the recurrence ψ(x) = ψ(x + 1) − 1/x up to
 * x ≥ 6, then the asymptotic series (Abramowitz & Stegun 6.3.18), accurate to about 1e-14 there.
 */
export function digamma(x: number): number {
  let result = 0;
  while (x < 6) {
    result -= 1 / x;
    x += 1;
  }
  const f = 1 / (x * x);
  return (
    result +
    log(x) -
    0.5 / x -
    f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f * (1 / 132 - f * (691 / 32760))))))
  );
}

const SERIES_EPSILON = 1e-15;
const SERIES_MAX_TERMS = 1_000_000;

/** Σ (a)ₙ(b)ₙ / ((c)ₙ n!) zⁿ, summed until the geometric bound on the tail is negligible. */
function gaussSeries(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < SERIES_MAX_TERMS; n++) {
    const ratio = ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    term *= ratio;
    sum += term;
    const rho = abs(ratio);
    if (rho < 1 && (abs(term) * rho) / (1 - rho) <= SERIES_EPSILON * abs(sum)) return sum;
    if (term === 0) return sum;
  }
  throw new Error(`hypergeometric series 2F1(${a}, ${b}; ${c}; ${z}) did not converge`);
}

/**
 * ln ₂F₁(a, b; c; z), the Gauss hypergeometric function, for 0 ≤ z < 1 and c > 0 where the value is
 * positive (as in the BG/NBD and sBG expectations). When a + b > c the series is summed after Euler's
 * transformation ₂F₁(a, b; c; z) = (1 − z)^(c−a−b) ₂F₁(c − a, c − b; c; z), whose terms fall much
 * faster there and whose large prefactor stays in log space (Abramowitz & Stegun 15.3.3).
 */
export function logHyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(z >= 0 && z < 1)) throw new RangeError(`logHyp2f1: z = ${z} is outside [0, 1)`);
  if (a + b > c) return (c - a - b) * log1p(-z) + log(gaussSeries(c - a, c - b, c, z));
  return log(gaussSeries(a, b, c, z));
}
