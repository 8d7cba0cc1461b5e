/**
 * Transactions → the rows the report draws. Reads a table with a column mapping (ids stay text,
 * dates and money through cells.ts), then per cohort (× segment): size, Active(c, k), Revenue(c, k),
 * margin, the LTV curves, and the partial last period; plus the overall counts and period churn.
 *
 * Semantics (issue 3): a customer's cohort is the period of their first purchase; k is whole periods
 * from it; a negative amount is a refund (revenue, never a purchase); rows after the observation end
 * are left out; a customer's segment is that of their first purchase.
 */
import {
  type Cell,
  civilDate,
  type DayNumber,
  dayNumber,
  isBlank,
  readDay,
  readId,
  readNumber,
  type SheetContext,
  Where,
} from "../cells";
import type { ColumnMapping } from "../columns";
import { churn } from "../metrics/churn";
import { repeatRate } from "../metrics/repeat";
import type { CohortSeries, PeriodUnit } from "./data";

export interface Transaction {
  customerId: string;
  day: DayNumber;
  amount: number;
  /** Margin of this row in money: from a margin or cost column, or amount × margin rate. */
  margin: number;
  segment?: string;
}

export interface ReadOptions {
  /** Gross margin as a fraction of revenue, for rows without a margin or cost column. */
  marginRate?: number;
  /** Row number of the table's first row, for messages (1 for a CSV, the range's row in Sheets). */
  firstRow?: number;
}

/**
 * Reads the data rows of a table (after a header row when `hasHeader`). Blank rows are skipped; a
 * row with anything in it must have an id, a date and an amount, or the error names its row.
 */
export function readTransactions(
  rows: readonly Cell[][],
  mapping: ColumnMapping,
  headers: readonly string[],
  hasHeader: boolean,
  ctx: SheetContext,
  options: ReadOptions = {},
): Transaction[] {
  const where = (role: string, column: number) =>
    new Where("Transactions", `${role} column "${headers[column]}"`);
  const id = where("customer id", mapping.customerId);
  const date = where("date", mapping.date);
  const amount = where("amount", mapping.amount);
  const margin = mapping.margin === undefined ? undefined : where("margin", mapping.margin);
  const cost = mapping.cost === undefined ? undefined : where("cost", mapping.cost);
  const first = options.firstRow ?? 1;
  const result: Transaction[] = [];
  for (let i = hasHeader ? 1 : 0; i < rows.length; i++) {
    const row = rows[i];
    if (row.every(isBlank)) continue;
    const at = (w: Where, column: number) => w.at(first + i, column + 1, true);
    const idCell = row[mapping.customerId];
    if (isBlank(idCell))
      throw at(id, mapping.customerId).error("is blank — every row with data needs a customer id");
    const t: Transaction = {
      customerId: readId(idCell, at(id, mapping.customerId)),
      day: readDay(row[mapping.date], ctx, at(date, mapping.date)),
      amount: readNumber(row[mapping.amount], ctx, at(amount, mapping.amount)),
      margin: 0,
    };
    if (margin && mapping.margin !== undefined)
      t.margin = readNumber(row[mapping.margin], ctx, at(margin, mapping.margin));
    else if (cost && mapping.cost !== undefined)
      t.margin = t.amount - readNumber(row[mapping.cost], ctx, at(cost, mapping.cost));
    else t.margin = t.amount * (options.marginRate ?? 1);
    if (mapping.segment !== undefined && !isBlank(row[mapping.segment]))
      t.segment = String(row[mapping.segment]).trim();
    result.push(t);
  }
  return result;
}

/** Periods numbered from an epoch: months and quarters by calendar, weeks from a Monday. */
export function periodNumber(day: DayNumber, unit: PeriodUnit): number {
  if (unit === "week") return Math.floor((day + 3) / 7); // Day 0 (1970-01-01) is a Thursday.
  const { year, month } = civilDate(day);
  return unit === "month" ? year * 12 + month - 1 : year * 4 + Math.floor((month - 1) / 3);
}

/** The first day of a numbered period. */
export function periodStartDay(period: number, unit: PeriodUnit): DayNumber {
  if (unit === "week") return period * 7 - 3;
  const months = unit === "month" ? period : period * 3;
  return dayNumber(Math.floor(months / 12), (months % 12) + 1, 1);
}

export interface CohortRows {
  rows: CohortSeries[];
  /** Segments in row order, when split. */
  segments?: string[];
  customers: number;
  orders: number;
  revenue: number;
  repeatRate: number | null;
  periodChurn: number | null;
  /** The period number of each row's cohort (parallel to `rows`), to match spend. */
  periods: number[];
  /** Whether the period holding the observation end ends after it. */
  partial: boolean;
}

/** Cohort rows of transactions observed up to `end` (inclusive). */
export function cohortRows(
  transactions: readonly Transaction[],
  unit: PeriodUnit,
  end: DayNumber,
  split: boolean,
): CohortRows {
  const observed = transactions.filter((t) => t.day <= end);
  // First purchase (day, then row order) decides cohort and segment.
  const firsts = new Map<string, Transaction>();
  for (const t of observed) {
    if (t.amount < 0) continue;
    const seen = firsts.get(t.customerId);
    if (!seen || t.day < seen.day) firsts.set(t.customerId, t);
  }
  const endPeriod = periodNumber(end, unit);
  const partial = periodStartDay(endPeriod + 1, unit) - 1 > end;
  const keyOf = (first: Transaction) =>
    `${periodNumber(first.day, unit)}\u0000${split ? (first.segment ?? "") : ""}`;

  interface Acc {
    period: number;
    segment?: string;
    customers: Set<string>;
    active: Set<string>[];
    revenue: number[];
    margin: number[];
  }
  const cohorts = new Map<string, Acc>();
  for (const first of firsts.values()) {
    const key = keyOf(first);
    let acc = cohorts.get(key);
    if (!acc) {
      const period = periodNumber(first.day, unit);
      const length = endPeriod - period + 1;
      acc = {
        period,
        segment: split ? (first.segment ?? "(none)") : undefined,
        customers: new Set(),
        active: Array.from({ length }, () => new Set<string>()),
        revenue: new Array(length).fill(0),
        margin: new Array(length).fill(0),
      };
      cohorts.set(key, acc);
    }
    acc.customers.add(first.customerId);
  }

  let orders = 0;
  const purchaseIds: string[] = [];
  const activeByPeriod = new Map<number, Set<string>>();
  for (const t of observed) {
    const first = firsts.get(t.customerId);
    if (!first) continue; // A refund by someone with no purchase in view belongs to no cohort.
    const acc = cohorts.get(keyOf(first)) as Acc;
    const period = periodNumber(t.day, unit);
    const k = Math.max(0, period - acc.period);
    acc.revenue[k] += t.amount;
    acc.margin[k] += t.margin;
    if (t.amount >= 0) {
      acc.active[k].add(t.customerId);
      orders++;
      purchaseIds.push(t.customerId);
      const set = activeByPeriod.get(period) ?? new Set<string>();
      activeByPeriod.set(period, set);
      set.add(t.customerId);
    }
  }

  const accs = [...cohorts.values()].sort(
    (a, b) => a.period - b.period || (a.segment ?? "").localeCompare(b.segment ?? ""),
  );
  const cumulative = (values: number[], size: number) => {
    let sum = 0;
    return values.map((v) => {
      sum += v;
      return sum / size;
    });
  };
  const rows: CohortSeries[] = accs.map((acc) => {
    const size = acc.customers.size;
    const row: CohortSeries = {
      start: periodStartDay(acc.period, unit),
      size,
      active: acc.active.map((s) => s.size),
      revenue: acc.revenue,
      ltv: cumulative(acc.revenue, size),
      marginLtv: cumulative(acc.margin, size),
    };
    if (acc.segment !== undefined) row.segment = acc.segment;
    if (partial) row.partialIndex = acc.active.length - 1;
    return row;
  });

  // Period churn: of the customers active in a complete period, the share not active in the next
  // complete one, pooled over all such pairs.
  let lost = 0;
  let atStart = 0;
  const lastComplete = partial ? endPeriod - 1 : endPeriod;
  for (const [period, active] of activeByPeriod) {
    if (period + 1 > lastComplete) continue;
    const next = activeByPeriod.get(period + 1);
    atStart += active.size;
    for (const id of active) if (!next?.has(id)) lost++;
  }

  return {
    rows,
    segments: split
      ? [...new Set(rows.map((r) => r.segment as string))].sort((a, b) => a.localeCompare(b))
      : undefined,
    customers: firsts.size,
    orders,
    revenue: rows.reduce((sum, r) => sum + r.revenue.reduce((s, v) => s + v, 0), 0),
    repeatRate: purchaseIds.length ? repeatRate(purchaseIds) : null,
    periodChurn: atStart ? churn(lost, atStart) : null,
    periods: accs.map((a) => a.period),
    partial,
  };
}
