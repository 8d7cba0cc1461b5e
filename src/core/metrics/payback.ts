/**
 * CAC payback period. Source: Skok, "SaaS Metrics 2.0" (2013) for months-to-recover-CAC; with churn,
 * the expected margin of period k (k = 0, 1, …) is m·(1 − c)ᵏ, so the cumulative margin after n
 * periods is m·(1 − (1 − c)ⁿ)/c, and solving m·(1 − (1 − c)ⁿ)/c = CAC for real n gives
 * n = ln(1 − CAC·c/m) / ln(1 − c).
 */
import { cac } from "./cac";
import { finite, MetricError, quotient } from "./errors";

const { log, log1p, round } = Math;

/**
 * Periods until the cumulative expected margin per customer reaches CAC (a real number: 2.5 means
 * halfway through the third period). Units: the periods of the margin and churn rate.
 * Without churn: cac / m. With churn c: ln(1 − cac·c/m) / ln(1 − c); when c = 1 every customer pays
 * one period only, so CAC is recovered within it (cac / m) or never. Accurate to a few units in the
 * last place for every c in (0, 1): log1p keeps tiny rates (1e-17) exact, and an exact product keeps
 * 1 − cac·c/m exact when CAC is close to the lifetime margin.
 * @throws MetricError "never pays back" when the lifetime margin m / c does not reach CAC, and when
 *   the result is beyond the largest number.
 * @example payback(300, 50) // 6
 * @example payback(300, 50, 0.05) // ln(0.7) / ln(0.95) = 6.9536…
 */
export function payback(cacValue: number, marginPerPeriod: number, churnRate = 0): number {
  if (cacValue === 0) return 0;
  if (marginPerPeriod <= 0)
    throw new MetricError(
      "margin_per_period",
      `is ${marginPerPeriod} — never pays back: each period must bring a positive margin`,
    );
  // u: the share of the lifetime margin m / c that CAC takes; ln(1 − u) exactly when u is near 1.
  const u = churnRate === 1 ? cacValue / marginPerPeriod : quotient([cacValue, churnRate], [marginPerPeriod]);
  const lnRest =
    churnRate < 1 && u >= 0.5 && u <= 1 ? lnOneMinusRatio(cacValue, churnRate, marginPerPeriod) : 0;
  if (churnRate === 1 ? u > 1 : u >= 1 || !Number.isFinite(lnRest))
    throw new MetricError(
      "cac",
      `(${cacValue}) is not below the lifetime margin margin_per_period / churn_rate = ${round(quotient([marginPerPeriod], [churnRate]) * 100) / 100} — never pays back at this churn rate`,
    );
  const inputs = `(${cacValue}) / margin_per_period (${marginPerPeriod})`;
  if (churnRate === 0 || churnRate === 1) return finite(cacValue / marginPerPeriod, "cac", inputs);
  // n = (cac / m) · g(u) / g(c) with g(v) = −ln(1 − v)/v, which is near 1 for small v: no cancellation.
  const g = (v: number) => (v === 0 ? 1 : -log1p(-v) / v);
  const n =
    u < 0.5 ? quotient([cacValue, g(u)], [marginPerPeriod, g(churnRate)]) : lnRest / log1p(-churnRate);
  return finite(n, "cac", `${inputs} at churn_rate ${churnRate}`);
}

/**
 * ln(1 − cac·c/m) for cac·c/m in [0.5, 1): 1 − cac·c/m = (m − cac·c)/m with cac·c as an exact sum of
 * two doubles (Dekker's product), m − cac·c then being exact (Sterbenz). Scaling cac and m by the
 * same power of 2 keeps the split in range.
 */
function lnOneMinusRatio(cacValue: number, c: number, m: number): number {
  const scale = 2 ** -round(Math.log2(m));
  const a = cacValue * scale;
  const b = m * scale;
  if (!(a < 2 ** 996)) return log1p(-(cacValue * c) / m);
  const p = a * c;
  const [ah, al] = split(a);
  const [ch, cl] = split(c);
  const error = ah * ch - p + ah * cl + al * ch + al * cl;
  return log((b - p - error) / b);
}

/** A double as the sum of two with 26-bit significands, whose products are exact (Dekker 1971). */
function split(x: number): [number, number] {
  const t = 134217729 * x;
  const high = t - (t - x);
  return [high, x - high];
}

/** A cohort row's payback curve: its new customers, CAC, and cumulative margin per customer ÷ CAC by period. */
export interface PaybackCurve {
  customers: number;
  /** Spend / new customers; null without a spend. */
  cac: number | null;
  /** Per period k = 0, 1, …: cumulative margin per customer ÷ CAC; null where unobserved or CAC is 0. */
  ratios: (number | null)[];
}

/**
 * The payback curve of a cohort: R(k) = M(k) / CAC, M(k) the cumulative margin per customer through
 * period k and CAC = spend / new customers; the cohort has paid back from the first k with R(k) ≥ 1.
 * Units: a ratio (1 = CAC recovered). Without a spend (or with no cost, CAC 0) there is no ratio.
 * Source: Skok, "SaaS Metrics 2.0" (2013), months to recover CAC, read per cohort.
 * @example paybackCurve(10, 500, [20, 35, 45, 55]).ratios // [0.4, 0.7, 0.9, 1.1]
 */
export function paybackCurve(
  customers: number,
  spend: number | null | undefined,
  curve: readonly (number | null)[],
): PaybackCurve {
  const cacValue = spend === null || spend === undefined || customers === 0 ? null : cac(spend, customers);
  return { customers, cac: cacValue, ratios: paybackRatios(curve, cacValue) };
}

/** M(k) / CAC per period; null where M(k) is unobserved or CAC is missing or 0. */
export function paybackRatios(curve: readonly (number | null)[], cacValue: number | null): (number | null)[] {
  return curve.map((m) => (m === null || cacValue === null || cacValue === 0 ? null : m / cacValue));
}

/**
 * The median payback period of cohorts, a cohort not yet paid back (null) counting as longer than
 * every period observed: sorted with those last, the middle value (the mean of the two middle ones
 * for an even count), or null ("not yet") when the middle falls among them. So the median is never
 * shorter than the one the cohorts will have, and "not yet" while half or more have not paid back.
 * Undefined for no cohorts.
 * @example medianPayback([3, null, 1]) // 3
 * @example medianPayback([3, null, null, 1]) // null
 */
export function medianPayback(periods: readonly (number | null)[]): number | null | undefined {
  const n = periods.length;
  if (n === 0) return undefined;
  const paid = periods.filter((p): p is number => p !== null).sort((a, b) => a - b);
  const [low, high] = [Math.floor((n + 1) / 2), Math.floor(n / 2) + 1];
  return paid.length < high ? null : (paid[low - 1] + paid[high - 1]) / 2;
}
