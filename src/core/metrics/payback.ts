/**
 * CAC payback period. Source: Skok, "SaaS Metrics 2.0" (2013) for months-to-recover-CAC; with churn,
 * the expected margin of period k (k = 0, 1, …) is m·(1 − c)ᵏ, so the cumulative margin after n
 * periods is m·(1 − (1 − c)ⁿ)/c, and solving m·(1 − (1 − c)ⁿ)/c = CAC for real n gives
 * n = ln(1 − CAC·c/m) / ln(1 − c).
 */
import { MetricError } from "./errors";

/**
 * Periods until the cumulative expected margin per customer reaches CAC (a real number: 2.5 means
 * halfway through the third period). Units: the periods of the margin and churn rate.
 * Without churn: cac / m. With churn c: ln(1 − cac·c/m) / ln(1 − c); when c = 1 every customer pays
 * one period only, so CAC is recovered within it (cac / m) or never.
 * @throws MetricError "never pays back" when the lifetime margin m / c does not reach CAC.
 * @example payback(300, 50) // 6
 * @example payback(300, 50, 0.05) // ln(0.7) / ln(0.95) = 6.9536…
 */
export function payback(cacValue: number, marginPerPeriod: number, churnRate = 0): number {
  if (cacValue === 0) return 0;
  const lifetimeMargin = churnRate === 0 ? Number.POSITIVE_INFINITY : marginPerPeriod / churnRate;
  if (marginPerPeriod <= 0 || (churnRate === 1 ? marginPerPeriod < cacValue : lifetimeMargin <= cacValue)) {
    throw marginPerPeriod <= 0
      ? new MetricError(
          "margin_per_period",
          `is ${marginPerPeriod} — never pays back: each period must bring a positive margin`,
        )
      : new MetricError(
          "cac",
          `(${cacValue}) is not below the lifetime margin margin_per_period / churn_rate = ${round(churnRate === 1 ? marginPerPeriod : lifetimeMargin)} — never pays back at this churn rate`,
        );
  }
  if (churnRate === 0 || churnRate === 1) return cacValue / marginPerPeriod;
  return Math.log(1 - (cacValue * churnRate) / marginPerPeriod) / Math.log(1 - churnRate);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
