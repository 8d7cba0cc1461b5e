/**
 * The Pareto/NBD model of repeat purchasing (Schmittlein, Morrison & Colombo, "Counting Your
 * Customers: Who Are They and What Will They Do Next?", Management Science 33(1), 1987), its
 * likelihood as in Fader, Hardie & Lee, "A Note on Implementing the Pareto/NBD Model in MATLAB", 2005
 * (brucehardie.com/notes/008).
 *
 * Assumptions: while active, a customer buys as a Poisson process with rate λ, λ ~ Gamma(r, α); the
 * customer's unobserved lifetime is exponential with rate μ, μ ~ Gamma(s, β); λ and μ independent.
 * Data per customer as for BG/NBD: x repeat purchases, t_x the age at the last one, T the age at the
 * end of observation, one time unit throughout (α and β are in that unit; r and s have none).
 */
import { condenseRfm, type RfmColumns } from "../fit/condense";
import { type Fit, fitMaximumLikelihood, IdentificationError } from "../fit/mle";
import { logBeta, logGamma, logHyp2f1 } from "../fit/special";
import { MetricError } from "../metrics/errors";
import { checkRfmData } from "./bg-nbd";
import type { PurchaseCurve } from "./purchase-curve";

const { abs, exp, expm1, log, log1p, max } = Math;

export interface ParetoNbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

/** The data condensed, with the distinct (x, age) pairs at which the hypergeometric term is needed. */
interface Prepared {
  weight: Float64Array;
  x: Float64Array;
  T: Float64Array;
  /** Index into `pairs` of each row's (x, t_x) and (x, T). */
  atRecency: Int32Array;
  atAge: Int32Array;
  pairs: { x: Float64Array; tx: Float64Array };
}

function prepare(data: RfmColumns): Prepared {
  const rows = condenseRfm(data);
  const m = rows.x.length;
  const x = new Float64Array(2 * m);
  x.set(rows.x);
  x.set(rows.x, m);
  const age = new Float64Array(2 * m);
  age.set(rows.tx);
  age.set(rows.T, m);
  const pairs = condenseRfm({ x, tx: age, T: new Float64Array(2 * m).fill(1) });
  return {
    weight: rows.weight,
    x: rows.x,
    T: rows.T,
    atRecency: pairs.rowOf.subarray(0, m),
    atAge: pairs.rowOf.subarray(m),
    pairs,
  };
}

const TINY = 1e-300;

/**
 * The continued fraction of ₂F₁(p + q, 1; p + 1; x) that the incomplete beta function
 * B_x(p, q) = x^p (1 − x)^q / p · ₂F₁(p + q, 1; p + 1; x) is computed by (modified Lentz; Press et al.,
 * "Numerical Recipes", 3rd ed., §6.4). It converges in tens of steps even as x approaches 1, where the
 * power series needs thousands of terms.
 */
function betaFraction(p: number, q: number, x: number): number {
  const clamp = (v: number) => (abs(v) < TINY ? TINY : v);
  let c = 1;
  let d = 1 / clamp(1 - ((p + q) * x) / (p + 1));
  let h = d;
  for (let m = 1; m <= 1000; m++) {
    const even = (m * (q - m) * x) / ((p + 2 * m - 1) * (p + 2 * m));
    d = 1 / clamp(1 + even * d);
    c = clamp(1 + even / c);
    h *= d * c;
    const odd = (-(p + m) * (p + q + m) * x) / ((p + 2 * m) * (p + 2 * m + 1));
    d = 1 / clamp(1 + odd * d);
    c = clamp(1 + odd / c);
    h *= d * c;
    if (abs(d * c - 1) < 1e-15) return h;
  }
  return Number.NaN;
}

/**
 * ln ₂F₁(a, b; a + 1; z) for a > 0, 0 < b ≤ a + 1, 0 ≤ z < 1: above z = 1/2, by Euler's transformation
 * (Abramowitz & Stegun 15.3.3), (1 − z)^(1−b) ₂F₁(a + 1 − b, 1; a + 1; z), the continued fraction above.
 */
function logHyp2f1Next(a: number, b: number, z: number): number {
  if (z > 0.5) return (1 - b) * log1p(-z) + log(betaFraction(a, 1 - b, z));
  // Below 1/2 the power series is faster: its terms fall by z or more each.
  let term = 1;
  let sum = 1;
  for (let n = 0; term > 1e-17 * sum; n++) {
    term *= ((a + n) * (b + n) * z) / ((a + 1 + n) * (n + 1));
    sum += term;
  }
  return log(sum);
}

/**
 * ln A(x, t) where the note's A₀ = A(x, t_x) − A(x, T): with m = max(α, β),
 * A(x, t) = ₂F₁(r + s + x, b; r + s + x + 1; |α − β| / (m + t)) / (m + t)^(r + s + x), b = s + 1 when
 * α ≥ β and r + x when α < β — the two forms keep the argument of ₂F₁ in [0, 1).
 */
function logA(p: ParetoNbdParams, x: number, t: number): number {
  const { r, alpha, s, beta } = p;
  const top = max(alpha, beta);
  const a = r + s + x;
  return logHyp2f1Next(a, alpha >= beta ? s + 1 : r + x, abs(alpha - beta) / (top + t)) - a * log(top + t);
}

/**
 * ln of the note's individual likelihood without its customer-independent factor:
 * ln[1/((α + T)^(r+x) (β + T)^s) + s/(r + s + x) · A₀], from ln A at t_x and at T.
 */
function logBracket(p: ParetoNbdParams, x: number, T: number, lnAtRecency: number, lnAtAge: number): number {
  const { r, alpha, s, beta } = p;
  const stay = -(r + x) * log(alpha + T) - s * log(beta + T);
  if (!(lnAtRecency > lnAtAge)) return stay; // t_x = T: the customer cannot have left in between
  const left = log(s / (r + s + x)) + lnAtRecency + log(-expm1(lnAtAge - lnAtRecency));
  const top = max(stay, left);
  return top + log1p(exp(-abs(stay - left)));
}

function negLogLikelihood(data: Prepared, p: ParetoNbdParams): number {
  const { r, alpha, s, beta } = p;
  const { pairs } = data;
  const lnA = new Float64Array(pairs.x.length);
  for (let k = 0; k < lnA.length; k++) {
    lnA[k] = logA(p, pairs.x[k], pairs.tx[k]);
    if (Number.isNaN(lnA[k])) return Number.NaN;
  }
  const constant = -logGamma(r) + r * log(alpha) + s * log(beta);
  const lgByX = new Map<number, number>();
  let sum = 0;
  for (let i = 0; i < data.weight.length; i++) {
    const x = data.x[i];
    let lg = lgByX.get(x);
    if (lg === undefined) {
      lg = logGamma(r + x);
      lgByX.set(x, lg);
    }
    const bracket = logBracket(p, x, data.T[i], lnA[data.atRecency[i]], lnA[data.atAge[i]]);
    sum += data.weight[i] * (lg + constant + bracket);
  }
  return -sum;
}

const fromLogs = (logParams: readonly number[]): ParetoNbdParams => {
  const [r, alpha, s, beta] = logParams.map(exp);
  return { r, alpha, s, beta };
};

/** The Pareto/NBD log-likelihood of customers' (x, t_x, T) at given parameters (the note's eq. 2 summed). */
export function paretoNbdLogLikelihood(params: ParetoNbdParams, data: RfmColumns): number {
  return -negLogLikelihood(prepare(data), params);
}

const NAMES = ["r", "alpha", "s", "beta"] as const;

// Along the ridge where s and β grow together (dropout rates alike across customers) the likelihood
// keeps improving ever more slowly; the search stops a factor e^6 (400) from its start and says so:
// by then dropout rates vary by less than 5%.
const WALL = 6;

/** The search from one start, stopped at the wall a factor e^WALL around it. */
function fitFromStart(prepared: Prepared, start: number[]): Fit<ParetoNbdParams> {
  const logStart = start.map(log);
  // Beyond the wall: the likelihood at the wall plus a quadratic penalty, smooth for the line search.
  const objective = (logParams: readonly number[]) => {
    let penalty = 0;
    const clamped = logParams.map((v, i) => {
      const excess = abs(v - logStart[i]) - WALL;
      if (excess <= 0) return v;
      penalty += excess * excess;
      return v > logStart[i] ? logStart[i] + WALL : logStart[i] - WALL;
    });
    return negLogLikelihood(prepared, fromLogs(clamped)) + penalty;
  };
  return fitMaximumLikelihood<ParetoNbdParams>({
    names: [...NAMES],
    negLogLikelihood: objective,
    analyticGradient: false,
    start,
    arg: "frequency",
  });
}

/**
 * Fits r, α, s, β by maximum likelihood, from up to three starts.
 * @throws MetricError for a malformed row; IdentificationError when nobody made a repeat purchase
 *   or the likelihood has no interior maximum.
 */
export function fitParetoNbd(data: RfmColumns): Fit<ParetoNbdParams> {
  const { purchases, age } = checkRfmData(data, "Pareto/NBD");
  const prepared = prepare(data);
  // Start with the purchase rate r/α at the observed repeat rate and mean lifetimes β/(s − 1) of the
  // order of the observation: α and β carry the time unit.
  const scale = age / purchases;
  // A second and third start, nearer and farther from heterogeneity, when the first does not converge.
  const starts = [
    [1, scale, 1, scale],
    [0.5, scale / 2, 0.5, scale / 2],
    [2, 2 * scale, 2, 2 * scale],
  ];
  let fit: Fit<ParetoNbdParams> | undefined;
  let logStart: number[] = [];
  let failure: unknown;
  for (const start of starts) {
    logStart = start.map(log);
    try {
      fit = fitFromStart(prepared, start);
      break;
    } catch (error) {
      if (!(error instanceof IdentificationError)) throw error;
      failure ??= error;
    }
  }
  if (!fit) throw failure;
  const fitted = NAMES.map((name) => log(fit.params[name]));
  const stuck = NAMES.filter((_, i) => abs(fitted[i] - logStart[i]) > WALL - 0.1);
  if (stuck.length > 0) {
    const dropout = stuck.includes("s") || stuck.includes("beta");
    throw new IdentificationError(
      "frequency",
      dropout
        ? "cannot determine s and beta: the likelihood keeps improving as both grow — customers' dropout rates look alike, which Pareto/NBD cannot tell from one common rate; try BG/NBD"
        : "cannot determine r and alpha: the likelihood keeps improving as both grow — customers' purchase rates look alike, which Pareto/NBD cannot tell from one common rate",
    );
  }
  return fit;
}

/**
 * P(alive | x, t_x, T) = 1 / (1 + s/(r + s + x) · (α + T)^(r+x) (β + T)^s · A₀) (the note, eq. 4;
 * Schmittlein et al. 1987, eq. 11).
 */
export function paretoProbabilityAlive(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = params;
  const lnAtRecency = logA(params, x, tx);
  const lnAtAge = logA(params, x, T);
  if (Number.isNaN(lnAtRecency + lnAtAge))
    throw new MetricError("parameters", "put |α − β| too close to max(α, β) + T to compute P(alive)");
  if (!(lnAtRecency > lnAtAge)) return 1;
  const lnOdds =
    log(s / (r + s + x)) +
    (r + x) * log(alpha + T) +
    s * log(beta + T) +
    lnAtRecency +
    log(-expm1(lnAtAge - lnAtRecency));
  return 1 / (1 + exp(lnOdds));
}

/** [1 − (u / (u + t))^(s − 1)] / (s − 1), which tends to ln((u + t)/u) as s → 1. */
function lifetimeFactor(s: number, u: number, t: number): number {
  const lnRatio = log1p(t / u);
  return abs(s - 1) < 1e-9 ? lnRatio : -expm1(-(s - 1) * lnRatio) / (s - 1);
}

/**
 * E[X(t)] = rβ/α · [1 − (β/(β + t))^(s−1)]/(s − 1): expected purchases of a new customer in the first t
 * time units (Schmittlein et al. 1987, eq. 17; the limit ln(1 + t/β) at s = 1).
 */
export function paretoExpectedPurchases(params: ParetoNbdParams, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, s, beta } = params;
  return ((r * beta) / alpha) * lifetimeFactor(s, beta, t);
}

/**
 * The expected purchases in (T, T + t] of a customer alive at age T after x repeat purchases:
 * (r + x)(β + T)/(α + T) · [1 − ((β + T)/(β + T + t))^(s−1)]/(s − 1) (Schmittlein et al. 1987, eq. 22
 * without P(alive)).
 */
export function paretoCustomerCurve(params: ParetoNbdParams, x: number, T: number): PurchaseCurve {
  const { r, alpha, beta, s } = params;
  const rate = ((r + x) * (beta + T)) / (alpha + T);
  return { at: (t) => (t <= 0 ? 0 : rate * lifetimeFactor(s, beta + T, t)) };
}

/**
 * E[Y(t) | x, t_x, T]: expected purchases in the next t time units, the customer's curve times
 * P(alive) (Schmittlein et al. 1987, eq. 22; the note, eq. 5).
 */
export function paretoConditionalExpectedPurchases(
  params: ParetoNbdParams,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  if (t <= 0) return 0;
  return paretoCustomerCurve(params, x, T).at(t) * paretoProbabilityAlive(params, x, tx, T);
}

/**
 * P(X(t) = k) for k = 0 … upTo − 1, the distribution of a new customer's repeat purchases in (0, t]
 * (Fader & Hardie, "Deriving an Expression for P(X(t) = x) Under the Pareto/NBD Model", 2006, eq. 3):
 * NB(k) (β/(β + t))^s — alive throughout — plus α^r β^s B(r + k, s + 1)/B(r, s) · [B₁ − Σᵢ₌₀ᵏ
 * (r + s)ᵢ/i! tⁱ B₂(i)], with B₁, B₂ the ₂F₁ terms at 0 and t in the form that keeps their argument
 * |α − β|/max(α, β)(+t) in [0, 1).
 */
export function paretoPurchaseCountProbabilities(params: ParetoNbdParams, t: number, upTo: number): number[] {
  const { r, alpha, s, beta } = params;
  const top = max(alpha, beta);
  const gap = abs(alpha - beta);
  const result: number[] = [];
  for (let k = 0; k < upTo; k++) {
    const c = r + s + k + 1;
    const second = alpha >= beta ? s + 1 : r + k;
    // ln B₂(i) − ln B₁ for the terms of the sum, B₁ = ₂F₁(r + s, ·; c; gap/top)/top^(r+s).
    const lnB1 = logHyp2f1(r + s, second, c, gap / top) - (r + s) * log(top);
    let sum = 0;
    let lnCoefficient = 0; // ln[(r + s)ᵢ tⁱ / i!]
    for (let i = 0; i <= k; i++) {
      if (i > 0) lnCoefficient += log(((r + s + i - 1) * t) / i);
      const lnB2 = logHyp2f1(r + s + i, second, c, gap / (top + t)) - (r + s + i) * log(top + t);
      sum += exp(lnCoefficient + lnB2 - lnB1);
    }
    const lnNb =
      logGamma(r + k) -
      logGamma(r) -
      logGamma(k + 1) +
      r * log(alpha / (alpha + t)) +
      k * log(t / (alpha + t));
    const alive = exp(lnNb + s * log(beta / (beta + t)));
    const lnLeft = r * log(alpha) + s * log(beta) + logBeta(r + k, s + 1) - logBeta(r, s) + lnB1;
    result.push(alive + exp(lnLeft) * max(0, 1 - sum));
  }
  return result;
}
