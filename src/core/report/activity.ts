/**
 * Customer-level metrics of the Summary that the cohort table does not hold: the repeat rate and the
 * period churn, over the purchases observed up to the observation end (refunds are not purchases).
 */
import type { DayNumber } from "../cells";
import {
  groupByCustomer,
  type PeriodUnit,
  periodEnd,
  periodIndex,
  periodTable,
  type Transactions,
} from "../cohorts";
import { churn } from "../metrics/churn";
import { ZeroDenominatorError } from "../metrics/errors";
import { repeatRate } from "../metrics/repeat";

function* purchaseIds(tx: Transactions, end: DayNumber): Generator<string> {
  for (let i = 0; i < tx.length; i++) {
    if (tx.day[i] <= end && (tx.amount === undefined || tx.amount[i] >= 0)) yield tx.ids[tx.customer[i]];
  }
}

/** Customers with two or more purchases / customers, or null with no purchase. */
export function repeatCustomerRate(tx: Transactions, end: DayNumber): number | null {
  try {
    return repeatRate(purchaseIds(tx, end));
  } catch (error) {
    if (error instanceof ZeroDenominatorError) return null;
    throw error;
  }
}

/**
 * Period churn: of the customers active (with a purchase) in a complete period, the share with no
 * purchase in the next period, pooled over every complete period whose next period is complete too.
 * Null when there is no such pair of periods.
 */
export function periodChurn(tx: Transactions, unit: PeriodUnit, end: DayNumber): number | null {
  if (tx.length === 0 || end < tx.firstDay) return null;
  const endPeriod = periodIndex(unit, end);
  const lastComplete = periodEnd(unit, endPeriod) > end ? endPeriod - 1 : endPeriod;
  const last = Math.min(tx.lastDay, end);
  const periodOf = periodTable(unit, tx.firstDay, last);
  const { offsets, order } = groupByCustomer(tx);
  let atStart = 0;
  let lost = 0;
  const periods = new Set<number>();
  for (let c = 0; c < tx.ids.length; c++) {
    periods.clear();
    for (let j = offsets[c]; j < offsets[c + 1]; j++) {
      const i = order[j];
      if (tx.day[i] > last || (tx.amount !== undefined && tx.amount[i] < 0)) continue;
      periods.add(periodOf[tx.day[i] - tx.firstDay]);
    }
    for (const p of periods) {
      if (p + 1 > lastComplete) continue;
      atStart++;
      if (!periods.has(p + 1)) lost++;
    }
  }
  return atStart ? churn(lost, atStart) : null;
}
