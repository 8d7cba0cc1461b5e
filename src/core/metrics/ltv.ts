/**
 * Lifetime value from averages: order value, purchase frequency, lifespan, margin and churn.
 * Source for the definitions: Gupta & Lehmann, "Customers as Assets", Journal of Interactive
 * Marketing 17(1), 2003 (margin × retention-based lifetime value), and the common AOV × frequency ×
 * lifespan rule of thumb (e.g. Shopify, "Customer Lifetime Value", and ChartMogul's LTV docs).
 */
import { finite, quotient, ratio, ZeroDenominatorError } from "./errors";

/**
 * Average order value: revenue / orders. Units: currency per order.
 * @example aov(1000, 40) // 25
 */
export function aov(revenue: number, orders: number): number {
  return ratio(revenue, orders, ["revenue", "orders"], "there are no orders to average over");
}

/**
 * Purchase frequency: orders / customers. Units: orders per customer in the period the counts cover.
 * @example purchaseFrequency(120, 40) // 3
 */
export function purchaseFrequency(orders: number, customers: number): number {
  return ratio(
    orders,
    customers,
    ["orders", "customers"],
    "there are no customers to spread the orders over",
  );
}

/**
 * Lifetime value (revenue): aov × purchase frequency × lifespan, with the frequency per period and
 * the lifespan in the same periods. Units: currency per customer.
 * @example ltv(50, 4, 3) // 600 (50 per order, 4 orders a year, 3 years)
 */
export function ltv(aovValue: number, frequency: number, lifespan: number): number {
  return finite(
    quotient([aovValue, frequency, lifespan]),
    "aov",
    `(${aovValue}) × purchase_frequency (${frequency}) × lifespan (${lifespan})`,
  );
}

/**
 * Customer lifetime value (profit): LTV × margin, the margin a fraction of revenue.
 * @example clv(50, 4, 3, 0.3) // 180
 */
export function clv(aovValue: number, frequency: number, lifespan: number, margin: number): number {
  return finite(
    quotient([aovValue, frequency, lifespan, margin]),
    "aov",
    `(${aovValue}) × purchase_frequency (${frequency}) × lifespan (${lifespan}) × margin (${margin})`,
  );
}

/**
 * Lifetime value from churn: margin × arpu × (1 + d) / (d + churn). Revenue `arpu` arrives at the
 * start of each period while the customer stays; a customer stays a further period with probability
 * 1 − churn, and money a period later is worth 1 / (1 + d). Summing the geometric series
 * Σₖ arpu·margin·((1 − churn)/(1 + d))ᵏ gives the formula; with d = 0 it is arpu × margin / churn.
 * Source: Gupta & Lehmann (2003), eq. 2, with payment at the start of each period.
 * Units: currency per customer (arpu per period, churn and d per the same period).
 * @example ltvChurn(100, 0.05) // 2000
 * @example ltvChurn(100, 0.2, 0.5, 0.1) // 100 × 0.5 × 1.1 / 0.3 = 183.33…
 */
export function ltvChurn(arpu: number, churn: number, margin = 1, discountRate = 0): number {
  if (churn + discountRate === 0) {
    throw new ZeroDenominatorError(
      "churn_rate",
      "is 0 — with no churn and no discount rate every customer stays forever and lifetime value has no limit",
    );
  }
  return finite(
    quotient([margin, arpu, 1 + discountRate], [discountRate + churn]),
    "arpu",
    `(${arpu}) × margin (${margin}) × (1 + discount_rate) / (discount_rate + churn_rate = ${discountRate + churn})`,
  );
}
