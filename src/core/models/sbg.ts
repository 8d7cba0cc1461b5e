/**
 * The shifted-beta-geometric (sBG) model of contract retention (Fader & Hardie, "How to Project
 * Customer Retention", Journal of Interactive Marketing 21(1), 2007; DERL from Fader & Hardie,
 * "Customer-Base Valuation in a Contractual Setting: The Perils of Ignoring Heterogeneity",
 * Marketing Science 29(1), 2010).
 *
 * Assumptions: at the end of each period an active customer cancels with probability θ, constant for
 * that customer; θ ~ Beta(α, β) across customers. Retention then rises with tenure because the
 * customers likeliest to cancel leave first. Data: survivors n₀ (the cohort size), n₁, …, n_m still
 * active at the start of periods 0 … m; several cohorts may share one (α, β).
 */

import { plural } from "../cells";
import { type Fit, fitMaximumLikelihood, IdentificationError } from "../fit/mle";
import { logHyp2f1 } from "../fit/special";

const { exp, log1p } = Math;

import { MetricError } from "../metrics/errors";

export interface SbgParams {
  alpha: number;
  beta: number;
}

/**
 * Checks a survivor curve: at least three periods (two are one equation for two unknowns), a positive
 * cohort size, no negative count, and no increase.
 */
export function checkSurvivors(survivors: readonly number[]): void {
  if (survivors.length < 3)
    throw new MetricError(
      "survivors",
      `has ${plural(survivors.length, "period")} — the sBG model needs counts for at least 3 (periods 0, 1 and 2)`,
    );
  if (!(survivors[0] > 0))
    throw new MetricError(
      "survivors",
      `starts at ${survivors[0]} — the first count is the cohort size, above 0`,
    );
  survivors.forEach((n, t) => {
    if (!(n >= 0)) throw new MetricError("survivors", `is ${n} at period ${t} — a count cannot be negative`);
    if (t > 0 && n > survivors[t - 1])
      throw new MetricError(
        "survivors",
        `increases from ${survivors[t - 1]} at period ${t - 1} to ${n} at period ${t} — survivors of one cohort can only fall`,
      );
  });
}

/**
 * ln L at (α, β): Σₜ (n_{t−1} − n_t) ln P(churn at t) + n_m ln S(m) (as in the paper), built period by
 * period from S(t) = S(t − 1)·(β + t − 1)/(α + β + t − 1) and P(churn at t) = S(t − 1)·α/(α + β + t − 1),
 * each factor's logarithm by log1p: exact however large α or β, so ln L ≤ 0 as it must be. With
 * `gradient`, also its derivatives with respect to ln α and ln β.
 */
function logLikelihood(
  curves: readonly (readonly number[])[],
  alpha: number,
  beta: number,
  gradient?: number[],
): number {
  let sum = 0;
  let gAlpha = 0;
  let gBeta = 0;
  for (const curve of curves) {
    let lnS = 0; // ln S(t − 1) and its derivatives in α and β
    let dAlpha = 0;
    let dBeta = 0;
    for (let t = 1; t < curve.length; t++) {
      const stay = beta + t - 1;
      const total = alpha + stay;
      const lost = curve[t - 1] - curve[t];
      if (lost > 0) {
        sum += lost * (lnS - log1p(stay / alpha));
        gAlpha += lost * (dAlpha + 1 / alpha - 1 / total);
        gBeta += lost * (dBeta - 1 / total);
      }
      lnS -= log1p(alpha / stay);
      dAlpha -= 1 / total;
      dBeta += 1 / stay - 1 / total;
    }
    const left = curve[curve.length - 1];
    if (left > 0) {
      sum += left * lnS;
      gAlpha += left * dAlpha;
      gBeta += left * dBeta;
    }
  }
  if (gradient) {
    gradient[0] = gAlpha * alpha;
    gradient[1] = gBeta * beta;
  }
  return sum;
}

/** The sBG log-likelihood of survivor curves at given parameters. */
export function sbgLogLikelihood(params: SbgParams, curves: readonly (readonly number[])[]): number {
  return logLikelihood(curves, params.alpha, params.beta);
}

/** Plain words for where the likelihood runs when the counts have no interior maximum. */
function explainBoundary(runaway: string[]): string | undefined {
  const pattern = runaway.join(",");
  if (pattern === "alpha+,beta+" || pattern === "beta+")
    return "shows no rise in retention with tenure — the share kept each period stays level or falls, as if every customer had the same churn rate: the sBG model tends to that single rate (CHURN gives it), with β growing without bound";
  if (pattern === "alpha-,beta-")
    return "falls in period 1 and hardly after — the customers split into those who leave at once and those who never leave, where the sBG model's α and β shrink toward 0";
  if (pattern.includes("alpha+") || pattern.includes("beta-"))
    return "loses nearly everyone in period 1 — the sBG model's churn probabilities all tend to 1, with no maximum to report";
  return undefined;
}

/**
 * Fits α, β by maximum likelihood to one or more survivor curves.
 * @throws MetricError for a malformed curve; IdentificationError when nobody cancels, everybody
 *   cancels in period 1, or the likelihood has no interior maximum (said in plain words).
 */
export function fitSbg(curves: readonly (readonly number[])[]): Fit<SbgParams> {
  curves.forEach(checkSurvivors);
  if (curves.every((curve) => curve[curve.length - 1] === curve[0]))
    throw new IdentificationError(
      "survivors",
      "never falls — with no cancellations the sBG model cannot be fitted",
    );
  if (curves.every((curve) => curve[1] === 0))
    throw new IdentificationError(
      "survivors",
      "falls to 0 in period 1 — every customer left at once, so nothing shows how retention changes with tenure",
    );
  // As shares of the largest cohort: the optimizer's tolerances then mean the same for 1,000 customers
  // and 1e200, and counts near 1e308 cannot overflow the sums.
  const largest = Math.max(...curves.map((curve) => curve[0]));
  const shares = curves.map((curve) => curve.map((n) => n / largest));
  const fit = fitMaximumLikelihood<SbgParams>({
    names: ["alpha", "beta"],
    negLogLikelihood: (logParams, gradient) => {
      const value = -logLikelihood(shares, exp(logParams[0]), exp(logParams[1]), gradient);
      if (gradient) for (let i = 0; i < 2; i++) gradient[i] = -gradient[i];
      return value;
    },
    analyticGradient: true,
    start: [1, 1],
    arg: "survivors",
    explain: explainBoundary,
  });
  return { ...fit, logLikelihood: largest * sbgLogLikelihood(fit.params, shares) };
}

/**
 * S(t) = B(α, β + t)/B(α, β) = Πₖ₌₁ᵗ (β + k − 1)/(α + β + k − 1): the share of a cohort still active at the
 * start of period t (a whole number), summed as logarithms by log1p — exact for any α, β.
 */
export function survival(params: SbgParams, t: number): number {
  let lnS = 0;
  for (let k = 1; k <= t; k++) lnS -= log1p(params.alpha / (params.beta + k - 1));
  return exp(lnS);
}

/** r(t) = S(t)/S(t − 1) = (β + t − 1)/(α + β + t − 1), the retention rate from period t − 1 to t (t ≥ 1). */
export function retentionRate(params: SbgParams, t: number): number {
  return (params.beta + t - 1) / (params.alpha + params.beta + t - 1);
}

/**
 * DERL(d | α, β, n − 1 renewals) = (β + n − 1)/(α + β + n − 1) · ₂F₁(1, β + n; α + β + n; 1/(1 + d)):
 * the discounted expected residual lifetime, in periods, of a customer who has made n − 1 = `renewals`
 * renewals, evaluated just before the next renewal decision; each future period the customer stays
 * counts 1/(1 + d)^k, the next one undiscounted (Fader & Hardie 2010).
 * @example derl({ alpha: 1, beta: 1 }, 0.1, 0) // ≈ 1.8014 periods
 */
export function derl(params: SbgParams, discountRate: number, renewals: number): number {
  if (!(discountRate > 0))
    throw new MetricError("discount_rate", `is ${discountRate} — expected a rate above 0`);
  const { alpha, beta } = params;
  const n = renewals + 1;
  const lnSeries = logHyp2f1(1, beta + n, alpha + beta + n, 1 / (1 + discountRate));
  return ((beta + n - 1) / (alpha + beta + n - 1)) * Math.exp(lnSeries);
}
