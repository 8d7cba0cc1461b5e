/**
 * Churn and retention rates over one period. Source: Fader & Hardie, "How to Project Customer
 * Retention" (2007), section 2, for the definitions of period churn and retention rates; the
 * (end − new) / start form is the customer retention rate (CRR) of e.g. HubSpot's and ChartMogul's docs.
 */
import { MetricError, ratio } from "./errors";

/**
 * Churn rate: customers lost in the period / customers at its start. A fraction in [0, 1].
 * @example churn(15, 300) // 0.05
 */
export function churn(lost: number, atStart: number): number {
  if (lost > atStart) {
    throw new MetricError("customers_lost", `(${lost}) is more than customers_at_start (${atStart})`);
  }
  return ratio(
    lost,
    atStart,
    ["customers_lost", "customers_at_start"],
    "there were no customers who could churn",
  );
}

/**
 * Customer retention rate: (customers at end − new customers) / customers at start. A fraction in
 * [0, 1]: the share of the customers at the start who are still there at the end.
 * @example retention(330, 60, 300) // 0.9
 */
export function retention(atEnd: number, newCustomers: number, atStart: number): number {
  if (newCustomers > atEnd) {
    throw new MetricError("new_customers", `(${newCustomers}) is more than customers_at_end (${atEnd})`);
  }
  if (atEnd - newCustomers > atStart) {
    throw new MetricError(
      "customers_at_end",
      `less new_customers (${atEnd - newCustomers}) is more than customers_at_start (${atStart}) — retention cannot exceed 100%`,
    );
  }
  return ratio(
    atEnd - newCustomers,
    atStart,
    ["customers_at_end", "customers_at_start"],
    "there were no customers to retain",
  );
}
