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
import { coarseRows, condenseRfm, type RfmColumns, sortedRows } from "../fit/condense";
import { type Fit, fitMaximumLikelihood, IdentificationError } from "../fit/mle";
import { digamma, logBeta, logGamma, logHyp2f1 } from "../fit/special";
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
  // Sorted: the likelihood's sums run in one order however the customers came (as BG/NBD's).
  const rows = sortedRows(condenseRfm(data));
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
 * ln A(x, t) and its partial derivatives in r, α, s, β, for the likelihood's gradient. By Euler's
 * transformation ₂F₁(a, b; a + 1; z) = (1 − z)^(1−b) G, G = Σₙ (a + 1 − b)ₙ/(a + 1)ₙ zⁿ, whose terms are
 * positive and fall by more than z each (so the tail after a term u is below u·z/(1 − z)), and whose
 * derivatives in a, b and z are summed term by term beside it: the parameters enter ₂F₁ through
 * a = r + s + x, b (s + 1 or r + x) and z = |α − β|/(max(α, β) + t). Near z = 1 it takes more terms than
 * the continued fraction of {@link logHyp2f1Next} (about 35/(1 − z)), which is why the likelihood
 * alone uses that.
 */
function logAWithGradient(p: ParetoNbdParams, x: number, t: number, out: Float64Array): number {
  const { r, alpha, s, beta } = p;
  const high = alpha >= beta;
  const top = high ? alpha : beta;
  const a = r + s + x;
  const b = high ? s + 1 : r + x;
  const z = abs(alpha - beta) / (top + t);
  const c = a + 1 - b;
  // Σ uₙ, the sums of uₙ·∂ln uₙ/∂a and ∂b, and Σ n·qₙ with qₙ = uₙ/z (so that z = 0 works).
  let q = 0;
  let sum = 1;
  let sumA = 0;
  let sumB = 0;
  let sumZ = 0;
  let harmonicC = 0; // Σ_{k<n} 1/(c + k)
  let harmonicA = 0; // Σ_{k<n} 1/(a + 1 + k)
  for (let n = 1; n < 1e6; n++) {
    q = n === 1 ? c / (a + 1) : q * z * ((c + n - 1) / (a + n));
    harmonicC += 1 / (c + n - 1);
    harmonicA += 1 / (a + n);
    const u = q * z;
    sum += u;
    sumA += u * (harmonicC - harmonicA);
    sumB -= u * harmonicC;
    sumZ += n * q;
    // The terms fall by more than z each and their weights grow slowly: the tails are below these.
    const weight = (n + 1) * (1 + harmonicC + 1 / z);
    if (z === 0 || u * weight <= 1e-17 * (1 - z) * (1 - z) * sum) break;
  }
  const lnF = (1 - b) * log1p(-z) + log(sum);
  const dA = sumA / sum; // ∂ln F/∂a
  const dB = -log1p(-z) + sumB / sum; // ∂ln F/∂b
  const dZ = -(1 - b) / (1 - z) + sumZ / sum; // ∂ln F/∂z
  const lnTop = log(top + t);
  // ln A = ln F − a·ln(top + t); ∂z/∂top = (other + t)/(top + t)², ∂z/∂other = −1/(top + t).
  const other = high ? beta : alpha;
  const dTop = (dZ * (other + t)) / ((top + t) * (top + t)) - a / (top + t);
  const dOther = -dZ / (top + t);
  out[0] = dA - lnTop + (high ? 0 : dB); // r
  out[1] = high ? dTop : dOther; // α
  out[2] = dA - lnTop + (high ? dB : 0); // s
  out[3] = high ? dOther : dTop; // β
  return lnF - a * lnTop;
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

/**
 * −ln L at the parameters; with `gradient`, also its derivatives in the log-parameters (ln r, ln α, ln s,
 * ln β). Per customer, L ∝ e^stay + e^left with stay = −(r + x) ln(α + T) − s ln(β + T) (alive at T) and
 * left = ln(s/(r + s + x)) + ln(A(t_x) − A(T)) (gone in between), so ∂ln L is the two parts' derivatives
 * weighted by their shares of L, plus those of the factor ln Γ(r + x) − ln Γ(r) + r ln α + s ln β.
 */
function negLogLikelihood(data: Prepared, p: ParetoNbdParams, gradient?: number[]): number {
  const { r, alpha, s, beta } = p;
  const { pairs } = data;
  const lnA = new Float64Array(pairs.x.length);
  const dA = gradient ? new Float64Array(4 * pairs.x.length) : undefined;
  for (let k = 0; k < lnA.length; k++) {
    lnA[k] = dA
      ? logAWithGradient(p, pairs.x[k], pairs.tx[k], dA.subarray(4 * k, 4 * k + 4))
      : logA(p, pairs.x[k], pairs.tx[k]);
    if (Number.isNaN(lnA[k])) return Number.NaN;
  }
  const constant = -logGamma(r) + r * log(alpha) + s * log(beta);
  const lgByX = new Map<number, number>();
  const psiByX = new Map<number, number>();
  const psiR = gradient ? digamma(r) : 0;
  let sum = 0;
  const g = [0, 0, 0, 0];
  for (let i = 0; i < data.weight.length; i++) {
    const x = data.x[i];
    let lg = lgByX.get(x);
    if (lg === undefined) {
      lg = logGamma(r + x);
      lgByX.set(x, lg);
    }
    const [atRecency, atAge] = [data.atRecency[i], data.atAge[i]];
    const bracket = logBracket(p, x, data.T[i], lnA[atRecency], lnA[atAge]);
    const w = data.weight[i];
    sum += w * (lg + constant + bracket);
    if (!dA) continue;
    let psi = psiByX.get(x);
    if (psi === undefined) {
      psi = digamma(r + x);
      psiByX.set(x, psi);
    }
    const T = data.T[i];
    const lnAlphaT = log(alpha + T);
    const lnBetaT = log(beta + T);
    const stay = -(r + x) * lnAlphaT - s * lnBetaT;
    const stayShare = exp(stay - bracket);
    const leftShare = 1 - stayShare;
    const dStay = [-lnAlphaT, -(r + x) / (alpha + T), -lnBetaT, -s / (beta + T)];
    const own = [psi - psiR + log(alpha), r / alpha, log(beta), s / beta];
    const drop = lnA[atRecency] > lnA[atAge] ? exp(lnA[atAge] - lnA[atRecency]) : 0;
    const a = r + s + x;
    for (let j = 0; j < 4; j++) {
      let dLeft = 0;
      if (leftShare > 0) {
        // ∂ln(A(t_x) − A(T)) = (∂ln A(t_x) − D ∂ln A(T))/(1 − D), D = A(T)/A(t_x); ∂ln(s/a).
        dLeft = (dA[4 * atRecency + j] - drop * dA[4 * atAge + j]) / (1 - drop);
        if (j === 0) dLeft -= 1 / a;
        if (j === 2) dLeft += 1 / s - 1 / a;
      }
      g[j] += w * (own[j] + stayShare * dStay[j] + leftShare * dLeft);
    }
  }
  if (gradient) for (const [j, v] of [r, alpha, s, beta].entries()) gradient[j] = -g[j] * v;
  return -sum;
}

const NAMES = ["r", "alpha", "s", "beta"] as const;

const fromLogs = (logParams: readonly number[]): ParetoNbdParams => {
  const [r, alpha, s, beta] = logParams.map(exp);
  return { r, alpha, s, beta };
};

/**
 * The Pareto/NBD log-likelihood of customers' (x, t_x, T) at given parameters (the note's eq. 2 summed);
 * with `gradient`, also its derivatives in r, α, s, β.
 */
export function paretoNbdLogLikelihood(
  params: ParetoNbdParams,
  data: RfmColumns,
  gradient?: number[],
): number {
  return paretoNbdLogLikelihoodOf(data)(params, gradient);
}

/** The Pareto/NBD log-likelihood of customers' (x, t_x, T) as a function of the parameters, the rows condensed once. */
export function paretoNbdLogLikelihoodOf(
  data: RfmColumns,
): (params: ParetoNbdParams, gradient?: number[]) => number {
  const prepared = prepare(data);
  return (params, gradient) => {
    const value = -negLogLikelihood(prepared, params, gradient);
    if (gradient) for (const [j, name] of NAMES.entries()) gradient[j] /= -params[name];
    return value;
  };
}

// Along the ridge where s and β grow together (dropout rates alike across customers) the likelihood
// keeps improving ever more slowly; the search stops a factor e^6 (400) from its start and says so:
// by then dropout rates vary by less than 5%.
const WALL = 6;

/**
 * The search from one start, stopped at the wall a factor e^WALL around it; on `pilot` (a coarser
 * copy of the data) first when there is one.
 */
function fitFromStart(
  prepared: Prepared,
  pilot: Prepared | undefined,
  start: number[],
): Fit<ParetoNbdParams> {
  const logStart = start.map(log);
  // Beyond the wall: the likelihood at the wall plus a quadratic penalty, smooth for the line search.
  const walled = (prepared: Prepared) => (logParams: readonly number[], gradient?: number[]) => {
    let penalty = 0;
    const clamped = logParams.map((v, i) => {
      const excess = abs(v - logStart[i]) - WALL;
      if (excess <= 0) return v;
      penalty += excess * excess;
      return v > logStart[i] ? logStart[i] + WALL : logStart[i] - WALL;
    });
    const value = negLogLikelihood(prepared, fromLogs(clamped), gradient) + penalty;
    // A coordinate held at the wall moves the likelihood no more; the penalty pulls it back.
    if (gradient)
      logParams.forEach((v, i) => {
        const excess = abs(v - logStart[i]) - WALL;
        if (excess > 0) gradient[i] = 2 * excess * Math.sign(v - logStart[i]);
      });
    return value;
  };
  return fitMaximumLikelihood<ParetoNbdParams>({
    names: [...NAMES],
    negLogLikelihood: walled(prepared),
    pilot: pilot && walled(pilot),
    analyticGradient: true,
    start,
    arg: "frequency",
  });
}

/**
 * Fits r, α, s, β by maximum likelihood, from up to three starts, with the likelihood's analytic gradient
 * (one pass over the distinct (x, t) pairs per step instead of nine: on the CDNOW sample the fit takes
 * about 3.7× BG/NBD's instead of 29×, `npm run bench`).
 * @throws MetricError for a malformed row; IdentificationError when nobody made a repeat purchase
 *   or the likelihood has no interior maximum.
 */
export function fitParetoNbd(data: RfmColumns): Fit<ParetoNbdParams> {
  checkRfmData(data, "Pareto/NBD");
  const prepared = prepare(data);
  // Summed over the sorted rows (as MBG/NBD's): the starts, like the likelihood, do not depend on
  // the order the customers came in.
  let purchases = 0;
  let age = 0;
  for (let i = 0; i < prepared.x.length; i++) {
    purchases += prepared.weight[i] * prepared.x[i];
    age += prepared.weight[i] * prepared.T[i];
  }
  // Start with the purchase rate r/α at the observed repeat rate and mean lifetimes β/(s − 1) of the
  // order of the observation: α and β carry the time unit.
  const scale = age / purchases;
  // A second and third start, nearer and farther from heterogeneity, when the first does not converge.
  const starts = [
    [1, scale, 1, scale],
    [0.5, scale / 2, 0.5, scale / 2],
    [2, 2 * scale, 2, 2 * scale],
  ];
  const coarse = coarseRows(condenseRfm(data));
  const pilot = coarse && prepare(coarse);
  if (pilot) {
    // Many distinct rows: the starts are searched on the coarse copy alone first. Stuck at the wall
    // there, with the data's likelihood also improving past it (one pass over the data), the verdict
    // needs no search over the data — the search that ran 19 s on 63,434 customers (issue 20).
    let found: ReturnType<typeof fitFromStarts> | undefined;
    try {
      found = fitFromStarts(pilot, undefined, starts);
    } catch (error) {
      if (!(error instanceof IdentificationError)) throw error;
    }
    const stuck = found ? stuckAt(found) : [];
    if (found && stuck.length > 0 && improvesPastWall(prepared, found, stuck)) throw stuckError(stuck);
  }
  const found = fitFromStarts(prepared, pilot, starts);
  const stuck = stuckAt(found);
  if (stuck.length > 0) throw stuckError(stuck);
  return found.fit;
}

/** The fit from the first of `starts` that converges (on `pilot` first, when given), with its start. */
function fitFromStarts(prepared: Prepared, pilot: Prepared | undefined, starts: number[][]) {
  let failure: unknown;
  for (const start of starts) {
    try {
      return { fit: fitFromStart(prepared, pilot, start), logStart: start.map(log) };
    } catch (error) {
      if (!(error instanceof IdentificationError)) throw error;
      failure ??= error;
    }
  }
  throw failure;
}

/** The parameters a fit left at the wall around its start, with the direction each went (±1). */
function stuckAt({ fit, logStart }: ReturnType<typeof fitFromStarts>): { name: string; way: number }[] {
  return NAMES.flatMap((name, i) => {
    const drift = log(fit.params[name]) - logStart[i];
    return abs(drift) > WALL - 0.1 ? [{ name, way: Math.sign(drift) }] : [];
  });
}

/**
 * Whether −ln L of the data still falls, at the fit, when every stuck parameter moves on the way it
 * went, together (parameters that run off together, as r and α with r/α fixed, can each be worse
 * alone).
 */
function improvesPastWall(
  prepared: Prepared,
  { fit }: ReturnType<typeof fitFromStarts>,
  stuck: { name: string; way: number }[],
): boolean {
  const gradient = [0, 0, 0, 0];
  if (!Number.isFinite(negLogLikelihood(prepared, fit.params, gradient))) return false;
  const slope = stuck.reduce(
    (sum, { name, way }) => sum + gradient[NAMES.indexOf(name as (typeof NAMES)[number])] * way,
    0,
  );
  return slope < 0;
}

function stuckError(stuck: { name: string }[]): IdentificationError {
  const dropout = stuck.some(({ name }) => name === "s" || name === "beta");
  return new IdentificationError(
    "frequency",
    dropout
      ? "cannot determine s and beta: the likelihood keeps improving as both grow — customers' dropout rates look alike, which Pareto/NBD cannot tell from one common rate; try BG/NBD"
      : "cannot determine r and alpha: the likelihood keeps improving as both grow — customers' purchase rates look alike, which Pareto/NBD cannot tell from one common rate",
    "no-maximum",
  );
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
