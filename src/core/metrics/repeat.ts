/**
 * Repeat customer rate from a transactions column. Source: the repeat customer rate of Shopify's and
 * Lifetimely's retention reports: customers with two or more orders / all customers.
 */
import { ZeroDenominatorError } from "./errors";

/**
 * Share of distinct customers who appear on two or more rows. A fraction in [0, 1].
 * @example repeatRate(["a", "b", "a", "c"]) // 1 / 3
 */
export function repeatRate(customerIds: Iterable<string>): number {
  const rows = new Map<string, number>();
  for (const id of customerIds) rows.set(id, (rows.get(id) ?? 0) + 1);
  if (rows.size === 0) throw new ZeroDenominatorError("customer_ids", "has no customers");
  let repeaters = 0;
  for (const count of rows.values()) if (count >= 2) repeaters++;
  return repeaters / rows.size;
}
