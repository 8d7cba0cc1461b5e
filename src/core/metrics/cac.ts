/**
 * Acquisition cost and the LTV:CAC ratio. Source: Skok, "SaaS Metrics 2.0" (For Entrepreneurs,
 * 2013), which also gives the 3:1 rule of thumb for a healthy LTV:CAC.
 */
import { ratio } from "./errors";

/**
 * Customer acquisition cost: marketing spend / new customers. Units: currency per new customer.
 * @example cac(5000, 125) // 40
 */
export function cac(spend: number, newCustomers: number): number {
  return ratio(
    spend,
    newCustomers,
    ["spend", "new_customers"],
    "no new customers, so the spend per customer is undefined",
  );
}

/**
 * LTV:CAC: lifetime value / acquisition cost. Units: a ratio (3 means 3:1).
 * @example ltvCac(600, 200) // 3
 */
export function ltvCac(ltvValue: number, cacValue: number): number {
  return ratio(
    ltvValue,
    cacValue,
    ["ltv", "cac"],
    "customers cost nothing to acquire, so the ratio has no limit",
  );
}
