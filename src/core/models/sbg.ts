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
import { logBeta, logHyp2f1 } from "../fit/special";
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
 * −ln L at (ln α, ln β): Σₜ (n_{t−1} − n_t) ln P(churn at t) + n_m ln S(m), with
 * P(churn at t) = B(α + 1, β + t − 1)/B(α, β) and S(t) = B(α, β + t)/B(α, β) (as in the paper).
 */
function negLogLikelihood(curves: readonly (readonly number[])[], logParams: readonly number[]): number {
  const [alpha, beta] = logParams.map(Math.exp);
  const lbAB = logBeta(alpha, beta);
  let sum = 0;
  for (const curve of curves) {
    const m = curve.length - 1;
    for (let t = 1; t <= m; t++) {
      const lost = curve[t - 1] - curve[t];
      if (lost > 0) sum += lost * (logBeta(alpha + 1, beta + t - 1) - lbAB);
    }
    if (curve[m] > 0) sum += curve[m] * (logBeta(alpha, beta + m) - lbAB);
  }
  return -sum;
}

/** The sBG log-likelihood of survivor curves at given parameters. */
export function sbgLogLikelihood(params: SbgParams, curves: readonly (readonly number[])[]): number {
  return -negLogLikelihood(curves, [Math.log(params.alpha), Math.log(params.beta)]);
}

/**
 * Fits α, β by maximum likelihood to one or more survivor curves.
 * @throws MetricError for a malformed curve; IdentificationError when nobody cancels, or when the
 *   likelihood has no interior maximum.
 */
export function fitSbg(curves: readonly (readonly number[])[]): Fit<SbgParams> {
  curves.forEach(checkSurvivors);
  if (curves.every((curve) => curve[curve.length - 1] === curve[0]))
    throw new IdentificationError(
      "survivors",
      "never falls — with no cancellations the sBG model cannot be fitted",
    );
  return fitMaximumLikelihood<SbgParams>({
    names: ["alpha", "beta"],
    negLogLikelihood: (logParams) => negLogLikelihood(curves, logParams),
    analyticGradient: false,
    start: [1, 1],
    arg: "survivors",
  });
}

/** S(t) = B(α, β + t)/B(α, β): the share of a cohort still active at the start of period t. */
export function survival(params: SbgParams, t: number): number {
  return Math.exp(logBeta(params.alpha, params.beta + t) - logBeta(params.alpha, params.beta));
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
