/**
 * The beta-geometric/beta-Bernoulli (BG/BB) model of repeat transactions at discrete opportunities —
 * yearly donations, events, seasons (Fader, Hardie & Shang, "Customer-Base Analysis in a Discrete-Time
 * Noncontractual Setting", Marketing Science 29(6), 2010).
 *
 * Assumptions: while alive, a customer transacts at each opportunity with probability p,
 * p ~ Beta(α, β); before each opportunity an alive customer dies with probability θ, θ ~ Beta(γ, δ);
 * p and θ independent. Data per customer (or per pattern, with a count): x transactions in n
 * opportunities after the first, the last at opportunity t_x (0 when x = 0). No unit: opportunities count.
 */
import { condenseRfm, gather, positions, rowOrder } from "../fit/condense";
import { type Fit, fitMaximumLikelihood, IdentificationError } from "../fit/mle";
import { digamma, logBeta, logGamma } from "../fit/special";
import { MetricError } from "../metrics/errors";

const { exp, log, max } = Math;

export interface BgBbParams {
  alpha: number;
  beta: number;
  gamma: number;
  delta: number;
}

/** Patterns of (x, t_x, n) with how many customers share each. */
export interface BgBbData {
  x: ArrayLike<number>;
  tx: ArrayLike<number>;
  n: ArrayLike<number>;
  /** Customers with that pattern; 1 each when absent. */
  count?: ArrayLike<number>;
}

/**
 * Checks a pattern: whole numbers with n ≥ 1, 0 ≤ x ≤ t_x ≤ n, t_x = 0 exactly when x = 0, and a count
 * of customers ≥ 0; `row` (from 0) names it in the error.
 */
/**
 * The most opportunities a row may have: the likelihood sums over each opportunity after the last
 * transaction, and no yearly, seasonal or event history comes near 1,000.
 */
export const MAX_OPPORTUNITIES = 1000;

export function checkBgBbRow(x: number, tx: number, n: number, count: number, row: number): void {
  const at = `(row ${row + 1})`;
  const whole = (v: number) => Number.isInteger(v) && v >= 0;
  if (!(whole(n) && n >= 1 && n <= MAX_OPPORTUNITIES))
    throw new MetricError(
      "periods",
      `${at} is ${n} — expected a whole number of opportunities from 1 to ${MAX_OPPORTUNITIES}`,
    );
  if (!(whole(x) && x <= n))
    throw new MetricError(
      "frequency",
      `${at} is ${x} — expected a whole number of transactions from 0 to periods (${n})`,
    );
  if (!(whole(tx) && tx <= n && (x === 0 ? tx === 0 : tx >= x)))
    throw new MetricError(
      "recency",
      `${at} is ${tx} — expected the opportunity of the last transaction, from frequency (${x}) to periods (${n}); 0 when frequency is 0`,
    );
  if (!(count >= 0 && Number.isFinite(count)))
    throw new MetricError("customers", `${at} is ${count} — expected a count of customers, 0 or more`);
}

/**
 * ln L(α, β, γ, δ | x, t_x, n) (FHS 2010, eq. 5): alive through all n opportunities, or dead just after
 * opportunity t_x + i, i = 0 … n − t_x − 1:
 * B(α + x, β + n − x)/B(α, β) · B(γ, δ + n)/B(γ, δ) + Σᵢ B(α + x, β + t_x − x + i)/B(α, β) · B(γ + 1, δ + t_x + i)/B(γ, δ).
 */
function logLikelihoodOne(
  p: BgBbParams,
  lbAB: number,
  lbGD: number,
  x: number,
  tx: number,
  n: number,
): number {
  const { alpha, beta, gamma, delta } = p;
  const terms = [logBeta(alpha + x, beta + n - x) - lbAB + logBeta(gamma, delta + n) - lbGD];
  for (let i = 0; i < n - tx; i++)
    terms.push(logBeta(alpha + x, beta + tx - x + i) - lbAB + logBeta(gamma + 1, delta + tx + i) - lbGD);
  const top = max(...terms);
  return top + log(terms.reduce((sum, t) => sum + exp(t - top), 0));
}

/**
 * The distinct (x, t_x, n) patterns of the rows with the customers of each summed, sorted by x, t_x, n,
 * without patterns of no customer; `patternOf` gives each input row's pattern. One row per customer
 * and a summary table of the same customers give the same patterns in the same order, so the same
 * sums and the same estimates to the last bit — and a pass over 100,000 customers costs a pass over
 * the few dozen patterns a discrete history has.
 */
export function condensePatterns(data: BgBbData): Required<BgBbData> & { patternOf: Int32Array } {
  const rows = condenseRfm({ x: data.x, tx: data.tx, T: data.n, weight: data.count });
  const kept = positions(rows.x.length).filter((i) => rows.weight[i] > 0);
  const order = rowOrder(rows, kept);
  const rank = new Int32Array(rows.x.length).fill(-1);
  order.forEach((row, k) => {
    rank[row] = k;
  });
  const pick = (column: Float64Array) => gather(column, order);
  return {
    x: pick(rows.x),
    tx: pick(rows.tx),
    n: pick(rows.T),
    count: pick(rows.weight),
    patternOf: Int32Array.from(rows.rowOf, (row) => rank[row]),
  };
}

/** The BG/BB log-likelihood of the patterns, each counted as often as its customers. */
export function bgBbLogLikelihood(params: BgBbParams, data: BgBbData): number {
  const lbAB = logBeta(params.alpha, params.beta);
  const lbGD = logBeta(params.gamma, params.delta);
  let sum = 0;
  for (let i = 0; i < data.x.length; i++) {
    const count = data.count?.[i] ?? 1;
    if (count > 0) sum += count * logLikelihoodOne(params, lbAB, lbGD, data.x[i], data.tx[i], data.n[i]);
  }
  return sum;
}

/** The BG/BB log-likelihood of the rows as a function of the parameters, the rows condensed once. */
export function bgBbLogLikelihoodOf(data: BgBbData): (params: BgBbParams) => number {
  const patterns = condensePatterns(data);
  return (params) => bgBbLogLikelihood(params, patterns);
}

/**
 * Fits α, β, γ, δ by maximum likelihood.
 * @throws MetricError for a malformed pattern; IdentificationError when nobody transacted, everybody
 *   transacted at every opportunity, or the likelihood has no interior maximum.
 */
export function fitBgBb(data: BgBbData): Fit<BgBbParams> {
  let customers = 0;
  let transactions = 0;
  let opportunities = 0;
  for (let i = 0; i < data.x.length; i++) {
    const count = data.count?.[i] ?? 1;
    checkBgBbRow(data.x[i], data.tx[i], data.n[i], count, i);
    customers += count;
    transactions += count * data.x[i];
    opportunities += count * data.n[i];
  }
  if (customers === 0)
    throw new IdentificationError("frequency", "is empty — the BG/BB model needs customers");
  if (transactions === 0 || transactions === opportunities)
    throw new IdentificationError(
      "frequency",
      `is ${transactions === 0 ? "0" : "every opportunity"} for every customer — the BG/BB model cannot tell how often customers transact from when they leave`,
    );
  const names = ["alpha", "beta", "gamma", "delta"] as const;
  const patterns = condensePatterns(data);
  return fitMaximumLikelihood<BgBbParams>({
    names: [...names],
    negLogLikelihood: (logParams) => {
      const [alpha, beta, gamma, delta] = logParams.map(exp);
      return -bgBbLogLikelihood({ alpha, beta, gamma, delta }, patterns);
    },
    analyticGradient: false,
    start: [1, 1, 1, 1],
    arg: "frequency",
  });
}

/**
 * E[X(n, n + n*) | x, t_x, n] (FHS 2010, eq. 13): expected transactions in the next n* opportunities of
 * a customer with x transactions in n, the last at t_x:
 * 1/L · B(α + x + 1, β + n − x)/B(α, β) · δ/(γ − 1) · Γ(γ + δ)/Γ(1 + δ)
 * · [Γ(1 + δ + n)/Γ(γ + δ + n) − Γ(1 + δ + n + n*)/Γ(γ + δ + n + n*)]; near γ = 1 the last three
 * factors are replaced by their limit δ · [ψ(1 + δ + n + n*) − ψ(1 + δ + n)].
 */
export function bgBbConditionalExpected(
  params: BgBbParams,
  ahead: number,
  x: number,
  tx: number,
  n: number,
): number {
  const { alpha, beta, gamma, delta } = params;
  const lbAB = logBeta(alpha, beta);
  const lnL = logLikelihoodOne(params, lbAB, logBeta(gamma, delta), x, tx, n);
  const ratio = (m: number) => exp(logGamma(1 + delta + m) - logGamma(gamma + delta + m));
  const rest =
    Math.abs(gamma - 1) < 1e-6
      ? delta * (digamma(1 + delta + n + ahead) - digamma(1 + delta + n))
      : (delta / (gamma - 1)) *
        exp(logGamma(gamma + delta) - logGamma(1 + delta)) *
        (ratio(n) - ratio(n + ahead));
  return exp(logBeta(alpha + x + 1, beta + n - x) - lbAB - lnL) * rest;
}
