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
import { logGamma, logHyp2f1 } from "../fit/special";
import { checkRfmRow } from "./bg-nbd";

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

/**
 * ln A(x, t) where the note's A₀ = A(x, t_x) − A(x, T): with m = max(α, β),
 * A(x, t) = ₂F₁(r + s + x, b; r + s + x + 1; |α − β| / (m + t)) / (m + t)^(r + s + x), b = s + 1 when
 * α ≥ β and r + x when α < β — the two forms keep the argument of ₂F₁ in [0, 1).
 */
function logA(p: ParetoNbdParams, x: number, t: number): number {
  const { r, alpha, s, beta } = p;
  const top = max(alpha, beta);
  const a = r + s + x;
  const b = alpha >= beta ? s + 1 : r + x;
  return logHyp2f1(a, b, a + 1, abs(alpha - beta) / (top + t)) - a * log(top + t);
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
  for (let k = 0; k < lnA.length; k++) lnA[k] = logA(p, pairs.x[k], pairs.tx[k]);
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

/**
 * Fits r, α, s, β by maximum likelihood.
 * @throws MetricError for a malformed row; IdentificationError when nobody made a repeat purchase
 *   or the likelihood has no interior maximum.
 */
export function fitParetoNbd(data: RfmColumns): Fit<ParetoNbdParams> {
  const n = data.x.length;
  let purchases = 0;
  let age = 0;
  for (let i = 0; i < n; i++) {
    checkRfmRow(data.x[i], data.tx[i], data.T[i], i);
    purchases += data.x[i];
    age += data.T[i];
  }
  if (n === 0) throw new IdentificationError("frequency", "is empty — the Pareto/NBD model needs customers");
  if (purchases === 0)
    throw new IdentificationError(
      "frequency",
      "is 0 for every customer — nobody made a repeat purchase, so the Pareto/NBD model cannot be fitted",
    );
  const prepared = prepare(data);
  // Start with the purchase rate r/α at the observed repeat rate and mean lifetimes β/(s − 1) of the
  // order of the observation: α and β carry the time unit.
  const scale = age / purchases;
  return fitMaximumLikelihood<ParetoNbdParams>({
    names: ["r", "alpha", "s", "beta"],
    negLogLikelihood: (logParams) => negLogLikelihood(prepared, fromLogs(logParams)),
    analyticGradient: false,
    start: [1, scale, 1, scale],
    arg: "frequency",
  });
}

/**
 * P(alive | x, t_x, T) = 1 / (1 + s/(r + s + x) · (α + T)^(r+x) (β + T)^s · A₀) (the note, eq. 4;
 * Schmittlein et al. 1987, eq. 11).
 */
export function paretoProbabilityAlive(params: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = params;
  const lnAtRecency = logA(params, x, tx);
  const lnAtAge = logA(params, x, T);
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
 * E[Y(t) | x, t_x, T] = (r + x)(β + T)/(α + T) · [1 − ((β + T)/(β + T + t))^(s−1)]/(s − 1) · P(alive):
 * expected purchases in the next t time units (Schmittlein et al. 1987, eq. 22; the note, eq. 5).
 */
export function paretoConditionalExpectedPurchases(
  params: ParetoNbdParams,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  if (t <= 0) return 0;
  const { r, alpha, beta, s } = params;
  const rate = ((r + x) * (beta + T)) / (alpha + T);
  return rate * lifetimeFactor(s, beta + T, t) * paretoProbabilityAlive(params, x, tx, T);
}
