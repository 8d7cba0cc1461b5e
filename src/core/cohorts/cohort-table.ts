/**
 * The cohort table: customers grouped by the period of their first purchase (optionally split by the
 * segment of that purchase), and per cohort c and period index k = 0, 1, …:
 * - Active(c, k): distinct customers of c with a purchase in period c + k; size = Active(c, 0);
 * - Retention(c, k) = Active(c, k) / size;
 * - Revenue(c, k): amounts in period c + k of c's customers, refunds (negative amounts) netted;
 * - L(c, k) = Σ_{j ≤ k} Revenue(c, j) / size: cumulative revenue per customer (the LTV curve);
 * - with a margin column or rate, the same for margin.
 * Refunds never make a customer active nor start a cohort. Arrays run over the observed periods only
 * (k = 0 … the period of the observation end): later cells are blank, not zero. The period holding
 * the observation end is partial unless the end is its last day; cohorts mark it with `partialIndex`.
 *
 * One pass over the transactions grouped by customer (a counting sort of the typed columns): no
 * per-row allocation, period indexes from a per-day lookup table.
 */
import type { DayNumber } from "../cells";
import { type PeriodUnit, periodEnd, periodIndex, periodStart, periodTable } from "./periods";
import { groupByCustomer, type Transactions } from "./transactions";

export interface CohortOptions {
  /** @default "month" */
  period?: PeriodUnit;
  /** The last observed day; rows after it are ignored. @default the last date in the data */
  observationEnd?: DayNumber;
  /** Split cohorts by the segment of each customer's first purchase (needs a segment column). */
  splitBySegment?: boolean;
  /** Margin as a fraction of revenue, for transactions without a margin or cost column. */
  marginRate?: number;
}

/** The label of cohorts whose first purchase has a blank segment. */
export const BLANK_SEGMENT = "(blank)";

/** One row of the cohort table. Arrays run over k = 0 … the last observed period of this cohort. */
export interface Cohort {
  /** Index of the cohort's period (see periods.ts). */
  period: number;
  /** First day of the cohort's period. */
  start: DayNumber;
  /** The segment of the customers' first purchase ({@link BLANK_SEGMENT} when blank), when split by segment. */
  segment?: string;
  /** New customers: Active(c, 0). */
  size: number;
  /** Distinct customers with a purchase in period k. */
  active: number[];
  /** active / size. */
  retention: number[];
  /** Purchases (rows with an amount ≥ 0) in period k. */
  orders: number[];
  /** Net revenue in period k (refunds subtract). */
  revenue: number[];
  /** Cumulative revenue per customer through period k. */
  ltv: number[];
  /** Margin in period k, when a margin column or rate is given. */
  margin?: number[];
  /** Cumulative margin per customer through period k, when a margin column or rate is given. */
  marginLtv?: number[];
  /** k of the last, partial period (the one holding the observation end), if it is partial. */
  partialIndex?: number;
}

export interface CohortTotals {
  /** Customers with a first purchase in the observation window (= Σ sizes). */
  customers: number;
  /** Purchases in the window (refunds are not orders). */
  orders: number;
  /** Net revenue in the matrix (= Σ Revenue(c, k)). */
  revenue: number;
  /** Refunds in the matrix: the sum of negative amounts, ≤ 0 (already netted in `revenue`). */
  refunds: number;
  /** Refunds that belong to no cohort: of customers with no purchase in the window, or dated before the cohort's period. */
  unattributedRefunds: { rows: number; amount: number };
  /** Rows dated after the observation end, left out. */
  rowsAfterEnd: number;
}

export interface CohortTable {
  period: PeriodUnit;
  /** First day with a transaction. */
  firstDay: DayNumber;
  observationEnd: DayNumber;
  /** Cohorts by period, then by segment. Periods without new customers have no row. */
  cohorts: Cohort[];
  /** Segment labels in the order their rows appear (sorted, blank last), when split by segment. */
  segments?: string[];
  /** Longest row: the number of period columns (k = 0 … periods − 1). */
  periods: number;
  hasMargin: boolean;
  /** Whether the period holding the observation end is partial (ends after it). */
  lastPeriodPartial: boolean;
  /** Whether the data starts after the first day of its first period (the first cohort may be incomplete). */
  firstPeriodPartial: boolean;
  totals: CohortTotals;
}

interface Accumulator {
  period: number;
  segment: number;
  size: number;
  active: Int32Array;
  orders: Int32Array;
  revenue: Float64Array;
  margin: Float64Array | undefined;
}

/** Builds the cohort table of a set of transactions. */
export function cohortTable(tx: Transactions, options: CohortOptions = {}): CohortTable {
  const unit = options.period ?? "month";
  const end = options.observationEnd ?? tx.lastDay;
  const hasMargin = tx.margin !== undefined || options.marginRate !== undefined;
  const split = options.splitBySegment === true && tx.segment !== undefined && tx.segments !== undefined;
  const totals: CohortTotals = {
    customers: 0,
    orders: 0,
    revenue: 0,
    refunds: 0,
    unattributedRefunds: { rows: 0, amount: 0 },
    rowsAfterEnd: 0,
  };
  const empty: CohortTable = {
    period: unit,
    firstDay: tx.firstDay,
    observationEnd: end,
    cohorts: [],
    segments: split ? [] : undefined,
    periods: 0,
    hasMargin,
    lastPeriodPartial: false,
    firstPeriodPartial: false,
    totals,
  };
  if (tx.length === 0 || !Number.isFinite(end)) return empty;
  if (end < tx.firstDay) {
    totals.rowsAfterEnd = tx.length;
    return empty;
  }

  const first = tx.firstDay;
  const last = Math.min(tx.lastDay, end);
  const periodOf = periodTable(unit, first, last);
  const firstPeriod = periodOf[0];
  const endPeriod = periodIndex(unit, end);
  const width = endPeriod - firstPeriod + 1;

  // Segment ranks: cohort rows of one period appear in label order, blank last.
  const segmentCount = split ? (tx.segments as string[]).length : 1;
  const labels = split ? (tx.segments as string[]).map((s) => (s === "" ? BLANK_SEGMENT : s)) : [];
  const rank = new Int32Array(segmentCount);
  if (split) {
    const sorted = labels
      .map((label, i) => ({ label, i, blank: (tx.segments as string[])[i] === "" }))
      .sort((a, b) => Number(a.blank) - Number(b.blank) || a.label.localeCompare(b.label));
    sorted.forEach((s, r) => {
      rank[s.i] = r;
    });
  }

  const { day, amount, segment } = tx;
  const margin = tx.margin;
  const marginRate = options.marginRate ?? 0;
  const slots: (Accumulator | undefined)[] = new Array(width * segmentCount);
  const stamp = new Int32Array(width).fill(-1);
  const { offsets, order } = groupByCustomer(tx);
  const customers = tx.ids.length;
  let orders = 0;
  let revenue = 0;
  let refunds = 0;
  let unattributedRows = 0;
  let unattributedAmount = 0;
  let rowsAfterEnd = 0;

  for (let c = 0; c < customers; c++) {
    const lo = offsets[c];
    const hi = offsets[c + 1];
    // The first purchase day in the window, and the segment of its first row.
    let firstDay = 2147483647;
    let firstSegment = 0;
    for (let j = lo; j < hi; j++) {
      const i = order[j];
      const d = day[i];
      if (d > end) continue;
      if (amount !== undefined && amount[i] < 0) continue;
      if (d < firstDay) {
        firstDay = d;
        if (split) firstSegment = (segment as Int32Array)[i];
      }
    }
    if (firstDay === 2147483647) {
      for (let j = lo; j < hi; j++) {
        const i = order[j];
        if (day[i] > end) rowsAfterEnd++;
        else if (amount !== undefined) {
          unattributedRows++;
          unattributedAmount += amount[i];
        }
      }
      continue;
    }
    const cohortPeriod = periodOf[firstDay - first];
    const slot = (cohortPeriod - firstPeriod) * segmentCount + (split ? rank[firstSegment] : 0);
    let acc = slots[slot];
    if (acc === undefined) {
      const length = endPeriod - cohortPeriod + 1;
      acc = {
        period: cohortPeriod,
        segment: firstSegment,
        size: 0,
        active: new Int32Array(length),
        orders: new Int32Array(length),
        revenue: new Float64Array(length),
        margin: hasMargin ? new Float64Array(length) : undefined,
      };
      slots[slot] = acc;
    }
    acc.size++;
    const accActive = acc.active;
    const accOrders = acc.orders;
    const accRevenue = acc.revenue;
    const accMargin = acc.margin;
    for (let j = lo; j < hi; j++) {
      const i = order[j];
      const d = day[i];
      if (d > end) {
        rowsAfterEnd++;
        continue;
      }
      const k = periodOf[d - first] - cohortPeriod;
      const a = amount === undefined ? 0 : amount[i];
      if (k < 0) {
        // Only a refund can precede the first purchase.
        unattributedRows++;
        unattributedAmount += a;
        continue;
      }
      accRevenue[k] += a;
      if (accMargin !== undefined) accMargin[k] += margin !== undefined ? margin[i] : a * marginRate;
      if (a < 0) {
        refunds += a;
      } else {
        accOrders[k]++;
        orders++;
        if (stamp[k] !== c) {
          stamp[k] = c;
          accActive[k]++;
        }
      }
      revenue += a;
    }
  }

  const lastPeriodPartial = periodEnd(unit, endPeriod) > end;
  const cohorts: Cohort[] = [];
  let periods = 0;
  for (const acc of slots) {
    if (acc === undefined) continue;
    const length = acc.active.length;
    periods = Math.max(periods, length);
    const size = acc.size;
    const active = Array.from(acc.active);
    const accRevenue = Array.from(acc.revenue);
    const cohort: Cohort = {
      period: acc.period,
      start: periodStart(unit, acc.period),
      size,
      active,
      retention: active.map((n) => n / size),
      orders: Array.from(acc.orders),
      revenue: accRevenue,
      ltv: cumulativePerCustomer(accRevenue, size),
    };
    if (split) cohort.segment = labels[acc.segment];
    if (acc.margin !== undefined) {
      cohort.margin = Array.from(acc.margin);
      cohort.marginLtv = cumulativePerCustomer(cohort.margin, size);
    }
    if (lastPeriodPartial) cohort.partialIndex = length - 1;
    cohorts.push(cohort);
    totals.customers += size;
  }
  totals.orders = orders;
  totals.revenue = revenue;
  totals.refunds = refunds;
  totals.unattributedRefunds = { rows: unattributedRows, amount: unattributedAmount };
  totals.rowsAfterEnd = rowsAfterEnd;

  return {
    ...empty,
    cohorts,
    segments: split ? [...new Set(cohorts.map((c) => c.segment as string))].sort(segmentOrder) : undefined,
    periods,
    lastPeriodPartial,
    firstPeriodPartial: first > periodStart(unit, firstPeriod),
  };
}

function segmentOrder(a: string, b: string): number {
  return Number(a === BLANK_SEGMENT) - Number(b === BLANK_SEGMENT) || a.localeCompare(b);
}

function cumulativePerCustomer(values: readonly number[], size: number): number[] {
  let sum = 0;
  return values.map((v) => {
    sum += v;
    return sum / size;
  });
}
