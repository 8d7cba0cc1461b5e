/**
 * The everyday formulas marketers type in cells. Each is a Sheets custom function: its JSDoc is
 * copied into the shipped `Code.js`, where Sheets reads it for autocomplete; the math lives in
 * `core/metrics`, this layer reads the cells.
 */

import { currentSheetContext } from "../addon/context";
import { isBlank, readId, Where } from "../core/cells";
import { cac, ltvCac } from "../core/metrics/cac";
import { churn, retention } from "../core/metrics/churn";
import { aov, clv, ltv, ltvChurn, purchaseFrequency } from "../core/metrics/ltv";
import { payback } from "../core/metrics/payback";
import { repeatRate } from "../core/metrics/repeat";
import {
  type Arg,
  anyNumber,
  columnArg,
  count,
  elementwise,
  nonNegative,
  type Result,
  rate,
} from "./arguments";

/**
 * Average order value: revenue / orders. Source: Farris, Bendle, Pfeifer & Reibstein, “Marketing Metrics” (2nd ed., 2010).
 *
 * @param {number|Array<Array<number>>} revenue Revenue in the period, in currency (a cell or a range).
 * @param {number|Array<Array<number>>} orders Number of orders in the same period.
 * @return Average order value, in currency per order.
 * @example =AOV(12500, 250) → 50
 * @customfunction
 */
export function AOV(revenue: Arg, orders: Arg): Result {
  return elementwise(
    "AOV",
    [
      { name: "revenue", read: anyNumber },
      { name: "orders", read: count },
    ],
    [revenue, orders],
    currentSheetContext(),
    aov,
  );
}

/**
 * Purchase frequency: orders / customers. Source: Farris, Bendle, Pfeifer & Reibstein, “Marketing Metrics” (2nd ed., 2010).
 *
 * @param {number|Array<Array<number>>} orders Number of orders in the period.
 * @param {number|Array<Array<number>>} customers Number of distinct customers who ordered in the period.
 * @return Orders per customer in the period.
 * @example =PURCHASE_FREQUENCY(250, 100) → 2.5
 * @customfunction
 */
export function PURCHASE_FREQUENCY(orders: Arg, customers: Arg): Result {
  return elementwise(
    "PURCHASE_FREQUENCY",
    [
      { name: "orders", read: count },
      { name: "customers", read: count },
    ],
    [orders, customers],
    currentSheetContext(),
    purchaseFrequency,
  );
}

/**
 * Lifetime value (revenue): aov × purchase_frequency × lifespan. Source: the common undiscounted lifetime-value rule of thumb; for what it leaves out (retention, discounting) see Fader & Hardie, “Reconciling and Clarifying CLV Formulas” (2012).
 *
 * @param {number|Array<Array<number>>} aov Average order value, in currency per order.
 * @param {number|Array<Array<number>>} purchase_frequency Orders per customer per period (e.g. per year).
 * @param {number|Array<Array<number>>} lifespan Expected customer lifespan, in the same periods.
 * @return Lifetime revenue per customer, in currency.
 * @example =LTV(50, 4, 3) → 600
 * @customfunction
 */
export function LTV(aov: Arg, purchase_frequency: Arg, lifespan: Arg): Result {
  return elementwise(
    "LTV",
    [
      { name: "aov", read: nonNegative },
      { name: "purchase_frequency", read: nonNegative },
      { name: "lifespan", read: nonNegative },
    ],
    [aov, purchase_frequency, lifespan],
    currentSheetContext(),
    ltv,
  );
}

/**
 * Customer lifetime value (profit): aov × purchase_frequency × lifespan × margin. Source: the common undiscounted lifetime-value rule of thumb; for what it leaves out (retention, discounting) see Fader & Hardie, “Reconciling and Clarifying CLV Formulas” (2012).
 *
 * @param {number|Array<Array<number>>} aov Average order value, in currency per order.
 * @param {number|Array<Array<number>>} purchase_frequency Orders per customer per period (e.g. per year).
 * @param {number|Array<Array<number>>} lifespan Expected customer lifespan, in the same periods.
 * @param {number|Array<Array<number>>} margin Gross margin as a fraction of revenue (0.3 or 30%).
 * @return Lifetime profit per customer, in currency.
 * @example =CLV(50, 4, 3, 30%) → 180
 * @customfunction
 */
export function CLV(aov: Arg, purchase_frequency: Arg, lifespan: Arg, margin: Arg): Result {
  return elementwise(
    "CLV",
    [
      { name: "aov", read: nonNegative },
      { name: "purchase_frequency", read: nonNegative },
      { name: "lifespan", read: nonNegative },
      { name: "margin", read: rate },
    ],
    [aov, purchase_frequency, lifespan, margin],
    currentSheetContext(),
    clv,
  );
}

/**
 * Lifetime value from churn: margin × arpu × (1 + discount_rate) / (discount_rate + churn_rate).
 * Revenue arrives at the start of each period while the customer stays. Source: Fader & Hardie,
 * “Reconciling and Clarifying CLV Formulas” (2012), formula (1) with retention r = 1 − churn_rate.
 *
 * @param {number|Array<Array<number>>} arpu Average revenue per customer per period, in currency.
 * @param {number|Array<Array<number>>} churn_rate Share of customers lost per period (0.05 or 5%).
 * @param {number|Array<Array<number>>} margin Optional gross margin as a fraction of revenue; default 1 (100%).
 * @param {number|Array<Array<number>>} discount_rate Optional discount rate per period (0.01 or 1%); default 0.
 * @return Lifetime value per customer, in currency.
 * @example =LTV_CHURN(100, 5%) → 2000
 * @customfunction
 */
export function LTV_CHURN(arpu: Arg, churn_rate: Arg, margin?: Arg, discount_rate?: Arg): Result {
  return elementwise(
    "LTV_CHURN",
    [
      { name: "arpu", read: nonNegative },
      { name: "churn_rate", read: rate },
      { name: "margin", read: rate, default: 1 },
      { name: "discount_rate", read: rate, default: 0 },
    ],
    [arpu, churn_rate, margin, discount_rate],
    currentSheetContext(),
    ltvChurn,
  );
}

/**
 * Customer acquisition cost: spend / new_customers. Source: Skok, “SaaS Metrics 2.0” (2013).
 *
 * @param {number|Array<Array<number>>} spend Marketing spend in the period, in currency.
 * @param {number|Array<Array<number>>} new_customers New customers acquired in the period.
 * @return Acquisition cost, in currency per new customer.
 * @example =CAC(5000, 125) → 40
 * @customfunction
 */
export function CAC(spend: Arg, new_customers: Arg): Result {
  return elementwise(
    "CAC",
    [
      { name: "spend", read: nonNegative },
      { name: "new_customers", read: count },
    ],
    [spend, new_customers],
    currentSheetContext(),
    cac,
  );
}

/**
 * LTV:CAC ratio: ltv / cac. A healthy business is often said to be at 3 or more. Source: Skok, “SaaS Metrics 2.0” (2013).
 *
 * @param {number|Array<Array<number>>} ltv Lifetime value per customer, in currency.
 * @param {number|Array<Array<number>>} cac Acquisition cost per customer, in the same currency.
 * @return The ratio (3 means 3:1).
 * @example =LTV_CAC(600, 200) → 3
 * @customfunction
 */
export function LTV_CAC(ltv: Arg, cac: Arg): Result {
  return elementwise(
    "LTV_CAC",
    [
      { name: "ltv", read: anyNumber },
      { name: "cac", read: nonNegative },
    ],
    [ltv, cac],
    currentSheetContext(),
    ltvCac,
  );
}

/**
 * Churn rate: customers_lost / customers_at_start. Source: Farris, Bendle, Pfeifer & Reibstein, “Marketing Metrics” (2nd ed., 2010), “Retention and churn”.
 *
 * @param {number|Array<Array<number>>} customers_lost Customers lost during the period.
 * @param {number|Array<Array<number>>} customers_at_start Customers at the start of the period.
 * @return Churn rate, a fraction (format the cell as %).
 * @example =CHURN(15, 300) → 0.05
 * @customfunction
 */
export function CHURN(customers_lost: Arg, customers_at_start: Arg): Result {
  return elementwise(
    "CHURN",
    [
      { name: "customers_lost", read: count },
      { name: "customers_at_start", read: count },
    ],
    [customers_lost, customers_at_start],
    currentSheetContext(),
    churn,
  );
}

/**
 * Customer retention rate: (customers_at_end − new_customers) / customers_at_start. Source: Farris, Bendle, Pfeifer & Reibstein, “Marketing Metrics” (2nd ed., 2010),
 * “Retention and churn”.
 *
 * @param {number|Array<Array<number>>} customers_at_end Customers at the end of the period.
 * @param {number|Array<Array<number>>} new_customers Customers acquired during the period.
 * @param {number|Array<Array<number>>} customers_at_start Customers at the start of the period.
 * @return Retention rate, a fraction (format the cell as %).
 * @example =RETENTION(330, 60, 300) → 0.9
 * @customfunction
 */
export function RETENTION(customers_at_end: Arg, new_customers: Arg, customers_at_start: Arg): Result {
  return elementwise(
    "RETENTION",
    [
      { name: "customers_at_end", read: count },
      { name: "new_customers", read: count },
      { name: "customers_at_start", read: count },
    ],
    [customers_at_end, new_customers, customers_at_start],
    currentSheetContext(),
    retention,
  );
}

/**
 * CAC payback: periods until the cumulative expected margin per customer recovers CAC. Without
 * churn: cac / margin_per_period; with churn c: ln(1 − cac·c / margin) / ln(1 − c), where the margin of the
 * customers still there, summed over n periods, m·(1 − (1 − c)ⁿ) / c, reaches cac. Source: Skok, “SaaS Metrics 2.0” (2013), “months to recover CAC”.
 *
 * @param {number|Array<Array<number>>} cac Acquisition cost per customer, in currency.
 * @param {number|Array<Array<number>>} margin_per_period Gross margin per customer per period, in currency.
 * @param {number|Array<Array<number>>} churn_rate Optional share of customers lost per period; default 0.
 * @return Periods to pay back CAC (2.5 = halfway through the third period).
 * @example =PAYBACK(300, 50) → 6
 * @customfunction
 */
export function PAYBACK(cac: Arg, margin_per_period: Arg, churn_rate?: Arg): Result {
  return elementwise(
    "PAYBACK",
    [
      { name: "cac", read: nonNegative },
      { name: "margin_per_period", read: anyNumber },
      { name: "churn_rate", read: rate, default: 0 },
    ],
    [cac, margin_per_period, churn_rate],
    currentSheetContext(),
    payback,
  );
}

/**
 * Repeat customer rate: customers who appear on two or more rows / distinct customers. Source: Shopify
 * Analytics, “Returning customer rate”.
 *
 * @param {Array<Array<string>>} customer_ids The customer id column of a transactions table (blanks are skipped).
 * @return Share of customers who bought more than once, a fraction (format the cell as %).
 * @example =REPEAT_RATE(A2:A) → 0.34
 * @customfunction
 */
export function REPEAT_RATE(customer_ids: Arg): Result {
  const where = new Where("REPEAT_RATE", "customer_ids");
  const ids = columnArg("REPEAT_RATE", "customer_ids", customer_ids).flatMap((cell, i) =>
    isBlank(cell) ? [] : [readId(cell, where.at(i + 1))],
  );
  if (ids.length === 0) throw where.error("has no customer ids — select the id column of your transactions");
  return repeatRate(ids);
}
