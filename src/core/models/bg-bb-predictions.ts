/**
 * What the BG/BB model (bg-bb.ts; Fader, Hardie & Shang, "Customer-Base Analysis in a Discrete-Time
 * Noncontractual Setting", Marketing Science 29(6), 2010) predicts at given parameters, in lifetimes'
 * `BetaGeoBetaBinomFitter` conventions: x transactions in the n opportunities after the first, the last
 * at opportunity t_x (0 when x = 0).
 */
import { logBeta, logGamma } from "../fit/special";
import { type BgBbParams, bgBbConditionalExpected, bgBbLogLikelihood } from "./bg-bb";

const { exp } = Math;

/**
 * ln L(α, β, γ, δ | x, t_x, n) of one pattern (FHS 2010, eq. 5), as lifetimes' `_loglikelihood`
 * computes it: where t_x = n its empty sum over later deaths is 1e-9 instead of 0 (a floor against
 * ln 0), i.e. L gains 1e-9/(B(α, β) B(γ, δ)). Kept so that P(alive) and the conditional expectation
 * agree with lifetimes' to 1e-9 rather than 1e-6; the fits use the exact likelihood.
 */
function logLikelihood(p: BgBbParams, x: number, tx: number, n: number): number {
  const exact = bgBbLogLikelihood(p, { x: [x], tx: [tx], n: [n] });
  if (tx < n) return exact;
  const floor = Math.log(1e-9) - logBeta(p.alpha, p.beta) - logBeta(p.gamma, p.delta);
  const top = Math.max(exact, floor);
  return top + Math.log(exp(exact - top) + exp(floor - top));
}

/**
 * P(alive at opportunity n | x, t_x, n) = B(α + x, β + n − x)/B(α, β) · B(γ, δ + n)/B(γ, δ) / L
 * (FHS 2010, eq. A10; lifetimes' `conditional_probability_alive` with m_periods_in_future = 0).
 */
export function bgBbProbabilityAlive(p: BgBbParams, x: number, tx: number, n: number): number {
  const { alpha, beta, gamma, delta } = p;
  const lnAlive =
    logBeta(alpha + x, beta + n - x) -
    logBeta(alpha, beta) +
    logBeta(gamma, delta + n) -
    logBeta(gamma, delta);
  return Math.min(1, exp(lnAlive - logLikelihood(p, x, tx, n)));
}

/**
 * E[X(n)], a new customer's expected transactions in the first n opportunities (FHS 2010, eq. 8):
 * α/(α + β) · Σ_{t=1..n} B(γ, δ + t)/B(γ, δ) — the chance of transacting while alive times the chance of
 * being alive at each opportunity, which sums to α/(α + β) · δ/(γ − 1) · [1 − Γ(γ + δ)Γ(1 + δ + n) /
 * (Γ(1 + δ)Γ(γ + δ + n))] without dividing by γ − 1.
 */
export function bgBbExpected(p: BgBbParams, n: number): number {
  const { alpha, beta, gamma, delta } = p;
  const lbGD = logBeta(gamma, delta);
  let sum = 0;
  for (let t = 1; t <= n; t++) sum += exp(logBeta(gamma, delta + t) - lbGD);
  return (alpha / (alpha + beta)) * sum;
}

/** ln of the binomial coefficient C(n, k). */
const logChoose = (n: number, k: number) => logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);

/**
 * P(X(n) = x), the chance a new customer transacts at exactly x of the first n opportunities (FHS 2010,
 * eq. 7): alive through all n, C(n, x) B(α + x, β + n − x)/B(α, β) · B(γ, δ + n)/B(γ, δ), plus dead
 * after opportunity i = x … n − 1, C(i, x) B(α + x, β + i − x)/B(α, β) · B(γ + 1, δ + i)/B(γ, δ).
 */
export function bgBbCountProbability(p: BgBbParams, n: number, x: number): number {
  if (x > n) return 0;
  const { alpha, beta, gamma, delta } = p;
  const lbAB = logBeta(alpha, beta);
  const lbGD = logBeta(gamma, delta);
  let sum = exp(logChoose(n, x) + logBeta(alpha + x, beta + n - x) - lbAB + logBeta(gamma, delta + n) - lbGD);
  for (let i = x; i < n; i++)
    sum += exp(
      logChoose(i, x) + logBeta(alpha + x, beta + i - x) - lbAB + logBeta(gamma + 1, delta + i) - lbGD,
    );
  return sum;
}

/**
 * E[X(n, n + n*) | x, t_x, n] (FHS 2010, eq. 13; bg-bb.ts) over lifetimes' likelihood above, as its
 * `conditional_expected_number_of_purchases_up_to_time(m_periods_in_future, …)`.
 */
export function bgBbConditional(p: BgBbParams, ahead: number, x: number, tx: number, n: number): number {
  if (ahead === 0) return 0;
  const exact = bgBbLogLikelihood(p, { x: [x], tx: [tx], n: [n] });
  return bgBbConditionalExpected(p, ahead, x, tx, n) * exp(exact - logLikelihood(p, x, tx, n));
}
