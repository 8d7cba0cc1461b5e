/**
 * The BG/NBD model of repeat purchasing (Fader, Hardie & Lee, "'Counting Your Customers' the Easy
 * Way: An Alternative to the Pareto/NBD Model", Marketing Science 24(2), 2005).
 *
 * Assumptions: while active, a customer buys as a Poisson process with rate λ; λ ~ Gamma(r, α)
 * across customers; after each repeat purchase the customer drops out with probability p, and
 * p ~ Beta(a, b) across customers; λ and p are independent. Data per customer: x repeat purchases
 * (purchase days after the first), t_x the age at the last one, T the age at the end of observation,
 * all in one time unit (α is in that unit; r, a, b have none).
 */
import { type CondensedRfm, coarseRows, condenseRfm, type RfmColumns, sortedRows } from "../fit/condense";
import { type Fit, fitMaximumLikelihood, IdentificationError, type Limit } from "../fit/mle";
import { digamma, logBeta, logGamma } from "../fit/special";
import { MetricError } from "../metrics/errors";
import { type PurchaseCurve, purchaseCurve } from "./purchase-curve";

// Module constants, not global lookups, in the hot loops (see fit/special.ts).
const { exp, log, max } = Math;
const { isInteger, isFinite: isFiniteNumber } = Number;

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** Checks one customer's summary: whole x ≥ 0, 0 ≤ t_x ≤ T, T > 0, and t_x = 0 when x = 0. */
export function checkRfmRow(x: number, tx: number, T: number, row: number): void {
  const at = `(customer ${row + 1})`;
  if (!(isInteger(x) && x >= 0))
    throw new MetricError(
      "frequency",
      `${at} is ${x} — expected a whole number of repeat purchases, 0 or more`,
    );
  if (!(T > 0 && isFiniteNumber(T))) throw new MetricError("T", `${at} is ${T} — expected an age above 0`);
  if (!(tx >= 0 && tx <= T))
    throw new MetricError("recency", `${at} is ${tx} — expected an age from 0 to T (${T})`);
  if (x === 0 && tx !== 0)
    throw new MetricError("recency", `${at} is ${tx} with no repeat purchase — expected 0`);
}

/**
 * Checks every row of a model's RFM data, and that someone made a repeat purchase.
 * @returns the total repeat purchases and the total age, for the fits' starting points.
 */
export function checkRfmData(data: RfmColumns, model: string): { purchases: number; age: number } {
  let purchases = 0;
  let age = 0;
  for (let i = 0; i < data.x.length; i++) {
    checkRfmRow(data.x[i], data.tx[i], data.T[i], i);
    const w = data.weight ? data.weight[i] : 1;
    purchases += w * data.x[i];
    age += w * data.T[i];
  }
  if (data.x.length === 0)
    throw new IdentificationError("frequency", `is empty — the ${model} model needs customers`);
  if (purchases === 0)
    throw new IdentificationError(
      "frequency",
      `is 0 for every customer — nobody made a repeat purchase, so the ${model} model cannot be fitted`,
      "no-repeat",
    );
  return { purchases, age };
}

/**
 * The data term by term, with the parts that depend only on x, only on T or only on t_x indexed so
 * that one likelihood evaluation does the special functions once per distinct value.
 */
export interface Prepared {
  rows: Omit<CondensedRfm, "rowOf">;
  xs: Float64Array;
  xIndex: Int32Array;
  ages: Float64Array;
  ageIndex: Int32Array;
  recencies: Float64Array;
  recencyIndex: Int32Array;
}

function distinct(values: Float64Array): { values: Float64Array; index: Int32Array } {
  const positions = new Map<number, number>();
  const index = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let k = positions.get(values[i]);
    if (k === undefined) {
      k = positions.size;
      positions.set(values[i], k);
    }
    index[i] = k;
  }
  return { values: Float64Array.from(positions.keys()), index };
}

// The rows of data already prepared: a fit and then its standard errors or interval (fitBgNbd, then
// bgNbdLogLikelihoodOf on the same customers) condense and sort 100,000 customers once, not twice.
const prepared = new WeakMap<RfmColumns, Prepared>();

/** The customers condensed, sorted and prepared, once per data object. */
export function preparedRows(data: RfmColumns): Prepared {
  let rows = prepared.get(data);
  if (!rows) {
    rows = prepare(sortedRows(condenseRfm(data)));
    prepared.set(data, rows);
  }
  return rows;
}

export function prepare(rows: Omit<CondensedRfm, "rowOf">): Prepared {
  const x = distinct(rows.x);
  const T = distinct(rows.T);
  const tx = distinct(rows.tx);
  return {
    rows,
    xs: x.values,
    xIndex: x.index,
    ages: T.values,
    ageIndex: T.index,
    recencies: tx.values,
    recencyIndex: tx.index,
  };
}

/**
 * The BG/NBD (`shift` 0) or MBG/NBD (`shift` 1, mbg-nbd.ts) data term: per customer,
 * L = Γ(r + x)α^r/Γ(r) · [B(a, b + x + shift)/B(a, b) · (α + T)^−(r+x)
 *                        + B(a + 1, b + x + shift − 1)/B(a, b) · (α + t_x)^−(r+x)],
 * the second term ("dropped out after the last purchase") only when x + shift > 0: in MBG/NBD a customer
 * can also drop out right after the first purchase.
 */
export type BetaGeoShift = 0 | 1;

/**
 * −ln L of the data at log-parameters (ln r, ln α, ln a, ln b), the paper's individual likelihood summed over
 * customers; fills `gradient` with the derivatives with respect to the log-parameters when given.
 */
export function betaGeoNegLogLikelihood(
  data: Prepared,
  logParams: readonly number[],
  gradient?: number[],
  shift: BetaGeoShift = 0,
): number {
  const [r, alpha, a, b] = logParams.map(exp);
  const { rows, xs, xIndex, ages, ageIndex, recencies, recencyIndex } = data;
  const nx = xs.length;
  // Terms that depend on x only: ln of the Gamma-Poisson and beta-geometric factors, and their derivatives.
  const base = new Float64Array(nx);
  const survive = new Float64Array(nx);
  const drop = new Float64Array(nx);
  const dr = new Float64Array(nx);
  const daSurvive = new Float64Array(nx);
  const daDrop = new Float64Array(nx);
  const dbSurvive = new Float64Array(nx);
  const dbDrop = new Float64Array(nx);
  const lnAlpha = log(alpha);
  const lgR = logGamma(r);
  const lbAB = logBeta(a, b);
  const psiR = digamma(r);
  const psiA = digamma(a);
  const psiB = digamma(b);
  const psiAB = digamma(a + b);
  for (let j = 0; j < nx; j++) {
    const x = xs[j];
    const bx = b + x + shift;
    const drops = x + shift > 0;
    base[j] = logGamma(r + x) - lgR + r * lnAlpha;
    survive[j] = logBeta(a, bx) - lbAB;
    drop[j] = drops ? logBeta(a + 1, bx - 1) - lbAB : -Infinity;
    if (gradient) {
      const psiABX = digamma(a + b + x + shift);
      dr[j] = digamma(r + x) - psiR + lnAlpha;
      daSurvive[j] = psiAB - psiABX;
      daDrop[j] = digamma(a + 1) - psiA + psiAB - psiABX;
      dbSurvive[j] = digamma(bx) - psiB + psiAB - psiABX;
      dbDrop[j] = drops ? digamma(bx - 1) - psiB + psiAB - psiABX : 0;
    }
  }
  const lnAge = ages.map((T) => log(alpha + T));
  const lnRecency = recencies.map((tx) => log(alpha + tx));

  let sum = 0;
  let gr = 0;
  let gAlpha = 0;
  let ga = 0;
  let gb = 0;
  const { weight, x: xOf, T: TOf, tx: txOf } = rows;
  for (let i = 0; i < weight.length; i++) {
    const j = xIndex[i];
    const x = xOf[i];
    const w = weight[i];
    const lnT = lnAge[ageIndex[i]];
    const lnTx = lnRecency[recencyIndex[i]];
    const alive = survive[j] - (r + x) * lnT;
    let ll: number;
    let dropShare = 0; // the share of the likelihood from "dropped out after the last purchase"
    if (x + shift > 0) {
      const dropped = drop[j] - (r + x) * lnTx;
      const top = max(alive, dropped);
      const mix = log(exp(alive - top) + exp(dropped - top)) + top;
      ll = base[j] + mix;
      if (gradient) dropShare = exp(dropped - mix);
    } else {
      ll = base[j] + alive;
    }
    sum += w * ll;
    if (gradient) {
      const keep = 1 - dropShare;
      gr += w * (dr[j] - keep * lnT - dropShare * lnTx);
      gAlpha += w * (r / alpha - (r + x) * (keep / (alpha + TOf[i]) + dropShare / (alpha + txOf[i])));
      ga += w * (keep * daSurvive[j] + dropShare * daDrop[j]);
      gb += w * (keep * dbSurvive[j] + dropShare * dbDrop[j]);
    }
  }
  if (gradient) {
    gradient[0] = -gr * r;
    gradient[1] = -gAlpha * alpha;
    gradient[2] = -ga * a;
    gradient[3] = -gb * b;
  }
  return -sum;
}

/** The BG/NBD log-likelihood of customers' (x, t_x, T) at given parameters. */
export function bgNbdLogLikelihood(params: BgNbdParams, data: RfmColumns): number {
  return bgNbdLogLikelihoodOf(data)(params);
}

/**
 * The BG/NBD log-likelihood of customers' (x, t_x, T) as a function of the parameters, the rows
 * condensed and sorted once: a Hessian's 33 evaluations then cost 33 passes over the distinct rows.
 */
export function bgNbdLogLikelihoodOf(data: RfmColumns): (params: BgNbdParams) => number {
  return betaGeoLogLikelihoodOf(data, 0);
}

/** {@link bgNbdLogLikelihoodOf} for BG/NBD (`shift` 0) or MBG/NBD (`shift` 1). */
export function betaGeoLogLikelihoodOf(
  data: RfmColumns,
  shift: BetaGeoShift,
): (params: BgNbdParams) => number {
  const prepared = preparedRows(data);
  return ({ r, alpha, a, b }) =>
    -betaGeoNegLogLikelihood(prepared, [r, alpha, a, b].map(log), undefined, shift);
}

/** Where the BG/NBD likelihood runs when it has no interior maximum, in plain words. */
export const BETA_GEO_LIMITS: Limit[] = [
  {
    when: ["r+", "alpha+"],
    key: "sameRate",
    say: "every customer seems to buy at the same rate (r and α grow without bound)",
  },
  {
    when: ["r-", "alpha-"],
    key: "ratesApart",
    say: "purchase rates seem to differ without limit between customers (r and α shrink toward 0)",
  },
  {
    when: ["r-"],
    key: "ratesApart",
    say: "purchase rates seem to differ without limit between customers (r shrinks toward 0)",
  },
  {
    when: ["a+", "b+"],
    key: "sameDropout",
    say: "every customer seems to drop out with the same probability after a purchase (a and b grow without bound)",
  },
  {
    when: ["a-", "b+"],
    key: "noDropout",
    say: "nobody seems to drop out (a shrinks toward 0 and b grows without bound)",
  },
  { when: ["b+"], key: "noDropout", say: "nobody seems to drop out (b grows without bound)" },
  { when: ["a-"], key: "noDropout", say: "nobody seems to drop out (a shrinks toward 0)" },
  {
    when: ["a+"],
    key: "quickDropout",
    say: "customers seem to drop out right after a purchase (a grows without bound)",
  },
  {
    when: ["b-"],
    key: "quickDropout",
    say: "customers seem to drop out right after a purchase (b shrinks toward 0)",
  },
];

/**
 * Fits r, α, a, b by maximum likelihood.
 * @throws MetricError for a malformed row; IdentificationError when nobody made a repeat purchase
 *   or the likelihood has no interior maximum.
 */
export function fitBgNbd(data: RfmColumns): Fit<BgNbdParams> {
  checkRfmData(data, "BG/NBD");
  const prepared = preparedRows(data);
  // Start where the purchase rate r / α matches the observed repeat rate; α carries the time unit.
  // (Totals over the sorted rows: the same start whichever order the customers came in.)
  const { purchases, age } = checkRfmData(prepared.rows, "BG/NBD");
  const alphaStart = age / purchases;
  const coarse = coarseRows(prepared.rows);
  const pilot = coarse && prepare(coarse);
  return fitMaximumLikelihood<BgNbdParams>({
    names: ["r", "alpha", "a", "b"],
    negLogLikelihood: (logParams, gradient) => betaGeoNegLogLikelihood(prepared, logParams, gradient),
    pilot: pilot && ((logParams, gradient) => betaGeoNegLogLikelihood(pilot, logParams, gradient)),
    analyticGradient: true,
    start: [1, alphaStart, 1, 1],
    arg: "frequency",
    limits: BETA_GEO_LIMITS,
  });
}

/**
 * P(alive | x, t_x, T) = 1 / (1 + δ(x>0) · a / (b + x − 1) · ((α + T) / (α + t_x))^(r + x)),
 * (Fader, Hardie & Lee, "Computing P(alive) Using the BG/NBD Model", 2008): a customer without repeat
 * purchases is alive.
 */
export function probabilityAlive(params: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const { r, alpha, a, b } = params;
  const lnOdds = log(a / (b + x - 1)) + (r + x) * (log(alpha + T) - log(alpha + tx));
  return 1 / (1 + exp(lnOdds));
}

/**
 * E[X(t)], the expected number of purchases of a new customer in the first t time units after the
 * first purchase — the population curve (as derived in the paper):
 * (a + b − 1)/(a − 1) · [1 − (α/(α + t))^r ₂F₁(r, b; a + b − 1; t/(α + t))], evaluated in a form
 * valid for every r, α, a, b > 0 (see purchase-curve.ts).
 */
export function expectedPurchases(params: BgNbdParams, t: number): number {
  const { r, alpha, a, b } = params;
  return purchaseCurve(r, alpha, a, b).at(t);
}

/**
 * E[Y(t) | x, t_x, T], the expected purchases in the next t time units of a customer with x repeat
 * purchases, the last at age t_x, observed to age T (as derived in the paper): the curve of a new
 * customer with (r + x, α + T, a, b + x), times P(alive | x, t_x, T).
 */
export function conditionalExpectedPurchases(
  params: BgNbdParams,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  return customerCurve(params, x, T).at(t) * probabilityAlive(params, x, tx, T);
}

/** The purchase curve of a customer alive at age T after x repeat purchases. */
export function customerCurve(params: BgNbdParams, x: number, T: number): PurchaseCurve {
  const { r, alpha, a, b } = params;
  return purchaseCurve(r + x, alpha + T, a, b + x);
}

/**
 * P(X(t) = k) for k = 0 … upTo − 1: the distribution of the number of repeat purchases of a new
 * customer in (0, t] (as derived in the paper); the in-sample fit compares Σ over customers of
 * P(X(T) = k) with the customers actually observed making k repeat purchases.
 */
export function purchaseCountProbabilities(params: BgNbdParams, t: number, upTo: number): number[] {
  return betaGeoCountProbabilities(params, t, upTo, 0);
}

/**
 * P(X(t) = k), k = 0 … upTo − 1, under BG/NBD (`shift` 0; FHL 2005, eq. 8) or MBG/NBD (`shift` 1;
 * Batislam, Denizel & Filiztekin 2007): B(a, b + k + shift)/B(a, b) · NB(k) — alive throughout — plus,
 * when k + shift > 0, B(a + 1, b + k + shift − 1)/B(a, b) · (1 − Σ_{j<k} NB(j)) — dropped out after
 * the k-th purchase (MBG/NBD: also before any, at k = 0).
 */
export function betaGeoCountProbabilities(
  params: BgNbdParams,
  t: number,
  upTo: number,
  shift: BetaGeoShift,
): number[] {
  const { r, alpha, a, b } = params;
  const lnStay = log(alpha / (alpha + t));
  const lnGo = log(t / (alpha + t));
  const lbAB = logBeta(a, b);
  const result: number[] = [];
  // NB(k) = Γ(r + k)/(Γ(r) k!) (α/(α+t))^r (t/(α+t))^k, and its running sum up to k − 1.
  let cumulativeNb = 0;
  for (let k = 0; k < upTo; k++) {
    const lnNb = logGamma(r + k) - logGamma(r) - logGamma(k + 1) + r * lnStay + (k > 0 ? k * lnGo : 0);
    let p = exp(logBeta(a, b + k + shift) - lbAB + lnNb);
    if (k + shift > 0) p += exp(logBeta(a + 1, b + k + shift - 1) - lbAB) * max(0, 1 - cumulativeNb);
    cumulativeNb += exp(lnNb);
    result.push(p);
  }
  return result;
}
