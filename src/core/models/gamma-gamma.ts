/**
 * The Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee, "RFM and CLV: Using Iso-Value
 * Curves for Customer Base Analysis", Journal of Marketing Research 42(4), 2005; the likelihood as in
 * Fader & Hardie, "The Gamma-Gamma Model of Monetary Value", 2013).
 *
 * Assumptions: a customer's order values are Gamma(p, ν) around their own mean p/ν; ν ~ Gamma(q, γ)
 * across customers; spend is independent of the purchase process. Data per customer: x repeat
 * purchases (x ≥ 1) and zbar, the mean of their repeat purchases' values (> 0, in currency).
 * p and q have no unit; γ is in currency.
 */
import { positions } from "../fit/condense";
import { type Fit, fitMaximumLikelihood, IdentificationError, type Limit } from "../fit/mle";
import { digamma, logGamma } from "../fit/special";
import { MetricError } from "../metrics/errors";

// Module constants, not global lookups, in the hot loops (see fit/special.ts).
const { exp, log } = Math;

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/** Repeat customers: x ≥ 1 repeat purchases with a mean value zbar > 0. */
export interface SpendColumns {
  x: ArrayLike<number>;
  zbar: ArrayLike<number>;
  /** Customers each row stands for (a summary computed in a database, core/sql); @default 1 each. */
  weight?: ArrayLike<number>;
}

interface Prepared {
  weight: Float64Array;
  x: Float64Array;
  lnX: Float64Array;
  zbar: Float64Array;
  lnZbar: Float64Array;
}

/**
 * −ln L at log-parameters (ln p, ln q, ln γ): the density of each customer's mean spend zbar given x,
 * Γ(px + q)/(Γ(px) Γ(q)) · γ^q · zbar^(px−1) · x^(px) / (γ + x·zbar)^(px+q); with `gradient`, also
 * its derivatives with respect to the log-parameters.
 */
function negLogLikelihood(data: Prepared, logParams: readonly number[], gradient?: number[]): number {
  const [p, q, gamma] = logParams.map(exp);
  const lnGamma = log(gamma);
  const lgQ = logGamma(q);
  const psiQ = digamma(q);
  let sum = 0;
  let gp = 0;
  let gq = 0;
  let gg = 0;
  // Rows come sorted by x, so the x-only special functions are evaluated once per distinct x.
  let lastX = Number.NaN;
  let lgTotal = 0;
  let lgShape = 0;
  let psiTotal = 0;
  let psiShape = 0;
  const { weight, x: xs, lnX, zbar, lnZbar } = data;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const px = p * x;
    if (x !== lastX) {
      lastX = x;
      lgTotal = logGamma(px + q);
      lgShape = logGamma(px);
      if (gradient) {
        psiTotal = digamma(px + q);
        psiShape = digamma(px);
      }
    }
    const lnSpend = log(gamma + x * zbar[i]);
    const w = weight[i];
    sum +=
      w * (lgTotal - lgShape - lgQ + q * lnGamma + (px - 1) * lnZbar[i] + px * lnX[i] - (px + q) * lnSpend);
    if (gradient) {
      gp += w * x * (psiTotal - psiShape + lnZbar[i] + lnX[i] - lnSpend);
      gq += w * (psiTotal - psiQ + lnGamma - lnSpend);
      gg += w * (q / gamma - (px + q) / (gamma + x * zbar[i]));
    }
  }
  if (gradient) {
    gradient[0] = -gp * p;
    gradient[1] = -gq * q;
    gradient[2] = -gg * gamma;
  }
  return -sum;
}

type SpendRows = Pick<Prepared, "x" | "zbar" | "weight">;

/**
 * The distinct (x, zbar) rows with the customers they stand for, sorted by x then zbar: the sums then
 * run in the same order however the rows came (customers in memory, or a summary condensed in a
 * database), so both give the same estimates to the last bits.
 */
function distinctRows(data: SpendColumns): SpendRows {
  const order = positions(data.x.length).sort((i, j) => data.x[i] - data.x[j] || data.zbar[i] - data.zbar[j]);
  const x: number[] = [];
  const zbar: number[] = [];
  const weight: number[] = [];
  for (const i of order) {
    const w = data.weight ? data.weight[i] : 1;
    const last = x.length - 1;
    if (last >= 0 && x[last] === data.x[i] && zbar[last] === data.zbar[i]) weight[last] += w;
    else {
      x.push(data.x[i]);
      zbar.push(data.zbar[i]);
      weight.push(w);
    }
  }
  return { x: Float64Array.from(x), zbar: Float64Array.from(zbar), weight: Float64Array.from(weight) };
}

/** The rows with their logarithms, zbar in units of `scale`. */
function prepare(rows: SpendRows, scale = 1): Prepared {
  const zbar = rows.zbar.map((z) => z / scale);
  return { ...rows, lnX: rows.x.map(log), zbar, lnZbar: zbar.map(log) };
}

function check(data: SpendColumns): void {
  for (let i = 0; i < data.x.length; i++) {
    const at = `(customer ${i + 1})`;
    if (!(Number.isInteger(data.x[i]) && data.x[i] >= 1))
      throw new MetricError(
        "frequency",
        `${at} is ${data.x[i]} — expected a whole number of repeat purchases, 1 or more`,
      );
    if (!(data.zbar[i] > 0 && Number.isFinite(data.zbar[i])))
      throw new MetricError("monetary", `${at} is ${data.zbar[i]} — expected a mean order value above 0`);
  }
}

/** The Gamma-Gamma log-likelihood of repeat customers' (x, zbar) at given parameters. */
export function gammaGammaLogLikelihood(params: GammaGammaParams, data: SpendColumns): number {
  return gammaGammaLogLikelihoodOf(data)(params);
}

/** The Gamma-Gamma log-likelihood of repeat customers' (x, zbar) as a function of the parameters, the rows prepared once. */
export function gammaGammaLogLikelihoodOf(data: SpendColumns): (params: GammaGammaParams) => number {
  check(data);
  const prepared = prepare(distinctRows(data));
  return ({ p, q, gamma }) => -negLogLikelihood(prepared, [p, q, gamma].map(log));
}

/** Where the Gamma-Gamma likelihood runs when it has no interior maximum, in plain words. */
const LIMITS: Limit[] = [
  {
    when: ["q+", "gamma+"],
    key: "sameMean",
    say: "every customer seems to have the same mean order value (q and γ grow without bound)",
  },
  {
    when: ["p+", "gamma-"],
    key: "oneValue",
    say: "each customer's orders seem to be all of one value (p grows without bound and γ shrinks toward 0)",
  },
  {
    when: ["p+"],
    key: "oneValue",
    say: "each customer's orders seem to be all of one value (p grows without bound)",
  },
  {
    when: ["q-"],
    key: "meansApart",
    say: "mean order values seem to differ without limit between customers (q shrinks toward 0)",
  },
];

/**
 * Fits p, q, γ by maximum likelihood on repeat customers.
 * @throws MetricError for a malformed row; IdentificationError with fewer than two repeat customers
 *   or when the likelihood has no interior maximum (e.g. every customer spends the same).
 */
export function fitGammaGamma(data: SpendColumns): Fit<GammaGammaParams> {
  check(data);
  const rows = distinctRows(data);
  let n = 0;
  // In units of the mean order value (a mean taken without overflow, over the sorted rows): amounts near
  // 1e308 then fit like any others. Scaling zbar by s scales γ by s and shifts ln L by −n·ln s, the
  // Jacobian of z = s·u.
  let scale = 0;
  for (let i = 0; i < rows.x.length; i++) {
    n += rows.weight[i];
    scale += (rows.weight[i] * (rows.zbar[i] - scale)) / n;
  }
  if (n < 2)
    throw new IdentificationError(
      "frequency",
      `has ${n === 0 ? "no customer" : "one customer"} with a repeat purchase — the Gamma-Gamma model needs at least two`,
      "no-repeat",
    );
  const prepared = prepare(rows, scale);
  // Start with the population mean p·γ/(q − 1) at the observed mean.
  const fit = fitMaximumLikelihood<GammaGammaParams>({
    names: ["p", "q", "gamma"],
    negLogLikelihood: (logParams, gradient) => negLogLikelihood(prepared, logParams, gradient),
    analyticGradient: true,
    start: [1, 2, 1],
    arg: "monetary",
    limits: LIMITS,
  });
  const { p, q, gamma } = fit.params;
  return {
    ...fit,
    params: { p, q, gamma: gamma * scale },
    logLikelihood: fit.logLikelihood - n * log(scale),
  };
}

/** q ≤ 1: a few very large orders make the mean order value unbounded (`q` as written, 3 digits). */
export class UnboundedMeanError extends MetricError {
  constructor(readonly q: string) {
    super(
      "monetary",
      `give the spend model q = ${q}, not above 1: a few very large orders make its mean order value unbounded, so a customer's expected order value cannot be estimated (check the largest amounts)`,
    );
  }
}

/**
 * The population mean order value E[Z] = p·γ / (q − 1), what a customer without repeat purchases is
 * expected to spend per order.
 * @throws MetricError when q ≤ 1: the mean is unbounded.
 */
export function meanOrderValue(params: GammaGammaParams): number {
  if (!(params.q > 1)) throw new UnboundedMeanError(params.q.toPrecision(3));
  return (params.p * params.gamma) / (params.q - 1);
}

/**
 * E[Z | x, zbar] = (p·γ + p·x·zbar) / (p·x + q − 1): a weighted average of the population mean and the
 * customer's own mean (the 2013 note). With x = 0 it is the population mean.
 */
export function expectedOrderValue(params: GammaGammaParams, x: number, zbar: number): number {
  if (x === 0) return meanOrderValue(params);
  const { p, q, gamma } = params;
  return (p * gamma + p * x * zbar) / (p * x + q - 1);
}
