/**
 * CAC payback period. Source: Skok, "SaaS Metrics 2.0" (2013) for months-to-recover-CAC; with churn,
 * the expected margin of period k (k = 0, 1, …) is m·(1 − c)ᵏ, so the cumulative margin after n
 * periods is m·(1 − (1 − c)ⁿ)/c, and solving m·(1 − (1 − c)ⁿ)/c = CAC for real n gives
 * n = ln(1 − CAC·c/m) / ln(1 − c).
 */
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
