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
 * One sequential pass over the typed columns adds each row to its cell, with no per-row allocation
 * and period indexes from a per-day lookup table; each customer's first purchase comes from reading
 * (transactions.ts). "Active" must count a customer once per period: with every customer's rows in
 * date order, a customer's last counted period is enough; otherwise each customer's periods are kept
 * as bits, or, when that would take more memory than the rows, counted from their rows grouped by
 * customer (a counting sort).
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

/** A table with no cohorts yet, every flag off: where both engines (rows here, core/sql/results.ts) start. */
export function emptyCohortTable(
  fields: Pick<CohortTable, "period" | "firstDay" | "observationEnd" | "hasMargin" | "totals">,
  split: boolean,
): CohortTable {
  return {
    ...fields,
    cohorts: [],
    segments: split ? [] : undefined,
    periods: 0,
    lastPeriodPartial: false,
    firstPeriodPartial: false,
  };
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
  const empty = emptyCohortTable(
    { period: unit, firstDay: tx.firstDay, observationEnd: end, hasMargin, totals },
    split,
  );
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
  const labels = split
    ? (tx.segments as string[]).map((label) => (label === "" ? BLANK_SEGMENT : label))
    : [];
  const rank = new Int32Array(segmentCount);
  const bySegmentRank: string[] = [];
  if (split) {
    const sorted = labels
      .map((label, i) => ({ label, i, blank: (tx.segments as string[])[i] === "" }))
      .sort((a, b) => Number(a.blank) - Number(b.blank) || a.label.localeCompare(b.label));
    sorted.forEach((s, r) => {
      rank[s.i] = r;
      bySegmentRank.push(s.label);
    });
  }

  const { customer, day, amount, segment, length: n } = tx;
  const margin = tx.margin;
  const marginRate = options.marginRate ?? 0;
  const customers = tx.ids.length;
  const NONE = -2147483648;

  // Cohort rows: a slot per (period, segment rank); each used slot gets a run of cells k = 0 … its
  // last. A customer's cohort is the period of their first purchase, if it is in the window.
  const firstPurchase = tx.firstPurchase;
  const chronological = tx.chronological;
  const slotCount = width * segmentCount;
  /** The period of a cohort row's slot. */
  const periodOfSlot = (slot: number) => firstPeriod + Math.floor(slot / segmentCount);
  const sizes = new Int32Array(slotCount);
  const slotOf = new Int32Array(customers);
  for (let c = 0; c < customers; c++) {
    const row = firstPurchase[c];
    if (row < 0 || day[row] > end) {
      slotOf[c] = -1;
      continue;
    }
    const slot =
      (periodOf[day[row] - first] - firstPeriod) * segmentCount +
      (split ? rank[(segment as Int32Array)[row]] : 0);
    slotOf[c] = slot;
    sizes[slot]++;
  }
  const bases = new Int32Array(slotCount + 1);
  for (let slot = 0; slot < slotCount; slot++) {
    const cohortPeriod = periodOfSlot(slot);
    bases[slot + 1] = bases[slot] + (sizes[slot] > 0 ? endPeriod - cohortPeriod + 1 : 0);
  }
  const cells = bases[slotCount];
  const active = new Int32Array(cells);
  const orderCount = new Int32Array(cells);
  const revenueOf = new Float64Array(cells);
  const marginOf = hasMargin ? new Float64Array(cells) : undefined;
  // Per customer, side by side: the cell base (cell of period p = base + p; NONE without a cohort),
  // then the last period counted active.
  const state = new Int32Array(customers * 2);
  for (let c = 0; c < customers; c++) {
    const slot = slotOf[c];
    state[c * 2] = slot < 0 ? NONE : bases[slot] - periodOfSlot(slot);
    state[c * 2 + 1] = NONE;
  }

  // Rows out of date order: each customer's active periods as bits (when that takes no more memory
  // than grouping the rows by customer would), counted after the pass.
  const words = (width + 31) >>> 5;
  const periodBits =
    !chronological && customers * words <= Math.max(n, 1 << 16)
      ? new Int32Array(customers * words)
      : undefined;

  // The pass: revenue, margin, orders, and active customers.
  let orders = 0;
  let revenue = 0;
  let refunds = 0;
  let unattributedRows = 0;
  let unattributedAmount = 0;
  let rowsAfterEnd = 0;
  for (let i = 0; i < n; i++) {
    const d = day[i];
    if (d > end) {
      rowsAfterEnd++;
      continue;
    }
    const c = customer[i];
    const at = c * 2;
    const a = amount === undefined ? 0 : amount[i];
    const p = periodOf[d - first];
    // Purchases never come before their customer's cohort; a refund may, or have no cohort at all.
    if (a < 0 && (state[at] === NONE || p < periodOfSlot(slotOf[c]))) {
      unattributedRows++;
      unattributedAmount += a;
      continue;
    }
    const cell = state[at] + p;
    revenueOf[cell] += a;
    revenue += a;
    if (marginOf !== undefined) marginOf[cell] += margin !== undefined ? margin[i] : a * marginRate;
    if (a < 0) {
      refunds += a;
    } else {
      orderCount[cell]++;
      orders++;
      if (chronological) {
        if (state[at + 1] !== p) {
          state[at + 1] = p;
          active[cell]++;
        }
      } else if (periodBits !== undefined) {
        periodBits[c * words + ((p - firstPeriod) >>> 5)] |= 1 << ((p - firstPeriod) & 31);
      }
    }
  }
  if (periodBits !== undefined) {
    for (let c = 0; c < customers; c++) {
      if (slotOf[c] < 0) continue;
      const base = state[c * 2] + firstPeriod;
      for (let w = 0; w < words; w++) {
        for (let bits = periodBits[c * words + w]; bits !== 0; bits &= bits - 1)
          active[base + w * 32 + 31 - Math.clz32(bits & -bits)]++;
      }
    }
  } else if (!chronological) {
    // Too many periods for bits: count each customer's distinct periods from their own rows.
    const { offsets, order } = groupByCustomer(tx);
    const stamp = new Int32Array(width).fill(-1);
    for (let c = 0; c < customers; c++) {
      if (slotOf[c] < 0) continue;
      const base = state[c * 2];
      for (let j = offsets[c]; j < offsets[c + 1]; j++) {
        const i = order[j];
        const d = day[i];
        if (d > end || (amount !== undefined && amount[i] < 0)) continue;
        const p = periodOf[d - first];
        if (stamp[p - firstPeriod] === c) continue;
        stamp[p - firstPeriod] = c;
        active[base + p]++;
      }
    }
  }

  const lastPeriodPartial = periodEnd(unit, endPeriod) > end;
  const cohorts: Cohort[] = [];
  let periods = 0;
  for (let slot = 0; slot < slotCount; slot++) {
    const size = sizes[slot];
    if (size === 0) continue;
    const period = periodOfSlot(slot);
    const from = bases[slot];
    const to = bases[slot + 1];
    periods = Math.max(periods, to - from);
    const activeRow = Array.from(active.subarray(from, to));
    const revenueRow = Array.from(revenueOf.subarray(from, to));
    const cohort: Cohort = {
      period,
      start: periodStart(unit, period),
      size,
      active: activeRow,
      retention: activeRow.map((count) => count / size),
      orders: Array.from(orderCount.subarray(from, to)),
      revenue: revenueRow,
      ltv: cumulativePerCustomer(revenueRow, size),
    };
    if (split) cohort.segment = bySegmentRank[slot % segmentCount];
    if (marginOf !== undefined) {
      cohort.margin = Array.from(marginOf.subarray(from, to));
      cohort.marginLtv = cumulativePerCustomer(cohort.margin, size);
    }
    if (lastPeriodPartial) cohort.partialIndex = to - from - 1;
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
    segments: split ? bySegmentRank.filter((label) => cohorts.some((c) => c.segment === label)) : undefined,
    periods,
    lastPeriodPartial,
    firstPeriodPartial: first > periodStart(unit, firstPeriod),
  };
}

/** Running sums of `values`, each divided by `size`: cumulative per customer. */
export function cumulativePerCustomer(values: readonly number[], size: number): number[] {
  let sum = 0;
  return values.map((v) => {
    sum += v;
    return sum / size;
  });
}
