/**
 * The modified BG/NBD model of repeat purchasing (MBG/NBD: Batislam, Denizel & Filiztekin, "Empirical
 * validation and comparison of models for customer base analysis", International Journal of Research
 * in Marketing 24(3), 2007; with Wagner & Hoppe, "Erratum on the MBG/NBD Model", IJRM 25(3), 2008),
 * as the `lifetimes` package's `ModifiedBetaGeoFitter` computes it.
 *
 * As BG/NBD (bg-nbd.ts) — purchases Poisson(λ) while active, λ ~ Gamma(r, α), dropout p ~ Beta(a, b) —
 * except that a customer may also drop out at time 0, right after the first purchase: a one-time buyer
 * is no longer certainly alive, which is what makes "lost" one-time buyers possible. Same data
 * (x, t_x, T) in one time unit; α in that unit, r, a, b without.
 */
import { coarseRows, type RfmColumns } from "../fit/condense";
import { type Fit, fitMaximumLikelihood } from "../fit/mle";
import {
  BETA_GEO_LIMITS,
  type BgNbdParams,
  betaGeoCountProbabilities,
  betaGeoLogLikelihoodOf,
  betaGeoNegLogLikelihood,
  checkRfmData,
  prepare,
  preparedRows,
} from "./bg-nbd";
import { type PurchaseCurve, purchaseCurve } from "./purchase-curve";

const { exp, log } = Math;

/** The same four parameters as BG/NBD: r, α (in the time unit), a, b. */
export type MbgNbdParams = BgNbdParams;

/**
 * The MBG/NBD log-likelihood of customers' (x, t_x, T) at given parameters, summed over customers:
 * per customer Γ(r + x)α^r/Γ(r) · B(a, b + x + 1)/B(a, b) · [(α + T)^−(r+x) + a/(b + x) · (α + t_x)^−(r+x)]
 * (Batislam et al. 2007, eq. 4; lifetimes' `ModifiedBetaGeoFitter._negative_log_likelihood` times the
 * number of customers).
 */
export function mbgNbdLogLikelihood(params: MbgNbdParams, data: RfmColumns): number {
  return betaGeoLogLikelihoodOf(data, 1)(params);
}

/**
 * Fits r, α, a, b by maximum likelihood, with the analytic gradient over the condensed rows (as BG/NBD).
 * @throws MetricError for a malformed row; IdentificationError when nobody made a repeat purchase
 *   or the likelihood has no interior maximum.
 */
export function fitMbgNbd(data: RfmColumns): Fit<MbgNbdParams> {
  checkRfmData(data, "MBG/NBD");
  // The rows prepared once for the fit and its standard errors, and a coarse pilot search first on
  // large data, as BG/NBD's fit does.
  const prepared = preparedRows(data);
  const { purchases, age } = checkRfmData(prepared.rows, "MBG/NBD");
  const coarse = coarseRows(prepared.rows);
  const pilot = coarse && prepare(coarse);
  return fitMaximumLikelihood<MbgNbdParams>({
    names: ["r", "alpha", "a", "b"],
    negLogLikelihood: (logParams, gradient) => betaGeoNegLogLikelihood(prepared, logParams, gradient, 1),
    pilot: pilot && ((logParams, gradient) => betaGeoNegLogLikelihood(pilot, logParams, gradient, 1)),
    analyticGradient: true,
    start: [1, age / purchases, 1, 1],
    arg: "frequency",
    limits: BETA_GEO_LIMITS,
  });
}

/**
 * P(alive | x, t_x, T) = 1 / (1 + a/(b + x) · ((α + T)/(α + t_x))^(r + x)) (Batislam et al. 2007,
 * appendix A, eq. 5): below 1 also for a customer without repeat purchases.
 */
export function mbgProbabilityAlive(params: MbgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = params;
  const lnOdds = log(a / (b + x)) + (r + x) * (log(alpha + T) - log(alpha + tx));
  return 1 / (1 + exp(lnOdds));
}

/**
 * The purchase curve of a customer alive at age T after x repeat purchases: the BG/NBD curve with
 * dropout Beta(a, b + x + 1), (a + b + x)/(a − 1) · [1 − ((α + T)/(α + T + t))^(r+x)
 * ₂F₁(r + x, b + x + 1; a + b + x; t/(α + T + t))] (Wagner & Hoppe 2008).
 */
export function mbgCustomerCurve(params: MbgNbdParams, x: number, T: number): PurchaseCurve {
  const { r, alpha, a, b } = params;
  return purchaseCurve(r + x, alpha + T, a, b + x + 1);
}

/**
 * E[Y(t) | x, t_x, T]: the customer's curve times P(alive | x, t_x, T) (Wagner & Hoppe 2008; lifetimes'
 * `conditional_expected_number_of_purchases_up_to_time`).
 */
export function mbgConditionalExpectedPurchases(
  params: MbgNbdParams,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  return mbgCustomerCurve(params, x, T).at(t) * mbgProbabilityAlive(params, x, tx, T);
}

/**
 * E[X(t)] = b/(a − 1) · [1 − (α/(α + t))^r ₂F₁(r, b + 1; a + b; t/(α + t))] (Batislam et al. 2007,
 * eq. 6): the conditional expectation at x = t_x = T = 0, P(alive) = b/(a + b) times the curve.
 */
export function mbgExpectedPurchases(params: MbgNbdParams, t: number): number {
  return mbgConditionalExpectedPurchases(params, t, 0, 0, 0);
}

/** P(X(t) = k), k = 0 … upTo − 1, for a new customer (Batislam et al. 2007, eq. 7). */
export function mbgPurchaseCountProbabilities(params: MbgNbdParams, t: number, upTo: number): number[] {
  return betaGeoCountProbabilities(params, t, upTo, 1);
}
