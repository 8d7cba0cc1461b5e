/**
 * The queries' small result tables (queries.ts) turned into the structures the JavaScript engine
 * builds from rows — a {@link CohortTable}, the Summary's customer activity, the condensed RFM
 * summary — so that the same report model and sheets are built from either.
 */
import type { DayNumber } from "../cells";
import {
  BLANK_SEGMENT,
  type Cohort,
  type CohortTable,
  cumulativePerCustomer,
  emptyCohortTable,
} from "../cohorts/cohort-table";
import { type PeriodUnit, periodEnd, periodIndex, periodStart } from "../cohorts/periods";
import { type CustomerHistories, holdoutEndOf, inIdOrder, weeksTo } from "../forecast/histories";
import { churn } from "../metrics/churn";
import type { CondensedSummary } from "../report/clv-summary";

/** A row of the bounds query (day numbers; counts). */
export interface BoundsRow {
  first_day: number | null;
  last_day: number | null;
  row_count: number;
  /** Rows (lines) without a customer id, left out, and their amount. */
  no_id: number;
  no_id_amount?: number;
  /** Lines and rows with a customer id (with orders of line items, the lines read and the orders). */
  lines_with_id?: number;
  rows_with_id?: number;
  no_date: number;
  no_amount: number;
  no_margin: number;
  /** Only with a term column. */
  no_term?: number;
}

/** A row of the cells query. */
export interface CellRow {
  cohort: number;
  segment?: string;
  k: number;
  active: number;
  orders: number;
  revenue: number;
  refunds: number;
  margin?: number;
}

/** The row of the totals query. */
export interface TotalsRow {
  rows_after_end: number;
  unattributed_rows: number;
  unattributed_amount: number;
  purchasers: number;
  repeat_customers: number;
  churn_at_start: number;
  churn_lost: number;
}

export interface CellOptions {
  period: PeriodUnit;
  observationEnd: DayNumber;
  /** First day of any row (the bounds query's first_day). */
  firstDay: DayNumber;
  split: boolean;
  hasMargin: boolean;
}

/** The cohort table of the cells and totals queries: cells without a row are 0, as in the engine. */
export function cohortTableFromCells(
  cells: readonly CellRow[],
  totals: TotalsRow,
  options: CellOptions,
): CohortTable {
  const { period: unit, observationEnd: end, firstDay, split, hasMargin } = options;
  const endPeriod = periodIndex(unit, end);
  const lastPeriodPartial = periodEnd(unit, endPeriod) > end;
  const label = (segment: string | undefined) => (segment ? segment : BLANK_SEGMENT);
  const rows = new Map<string, Cohort>();
  const table = emptyCohortTable(
    {
      period: unit,
      firstDay,
      observationEnd: end,
      hasMargin,
      totals: {
        customers: 0,
        orders: 0,
        revenue: 0,
        refunds: 0,
        unattributedRefunds: { rows: totals.unattributed_rows, amount: totals.unattributed_amount },
        rowsAfterEnd: totals.rows_after_end,
      },
    },
    split,
  );
  for (const cell of cells) {
    const key = split ? `${cell.cohort}\u0000${label(cell.segment)}` : `${cell.cohort}`;
    let cohort = rows.get(key);
    if (!cohort) {
      const width = endPeriod - cell.cohort + 1;
      const zeros = () => new Array<number>(width).fill(0);
      cohort = {
        period: cell.cohort,
        start: periodStart(unit, cell.cohort),
        size: 0,
        active: zeros(),
        retention: [],
        orders: zeros(),
        revenue: zeros(),
        ltv: [],
      };
      if (split) cohort.segment = label(cell.segment);
      if (hasMargin) cohort.margin = zeros();
      if (lastPeriodPartial) cohort.partialIndex = width - 1;
      rows.set(key, cohort);
    }
    cohort.active[cell.k] = cell.active;
    cohort.orders[cell.k] = cell.orders;
    cohort.revenue[cell.k] = cell.revenue;
    if (cohort.margin) cohort.margin[cell.k] = cell.margin ?? 0;
    table.totals.orders += cell.orders;
    table.totals.revenue += cell.revenue;
    table.totals.refunds += cell.refunds;
  }
  // Rows of a period in the engine's order: segments by label, blank last.
  const rank = (c: Cohort) => (c.segment === BLANK_SEGMENT ? 1 : 0);
  const cohorts = [...rows.values()].sort(
    (a, b) => a.period - b.period || rank(a) - rank(b) || (a.segment ?? "").localeCompare(b.segment ?? ""),
  );
  for (const cohort of cohorts) {
    const size = cohort.active[0];
    cohort.size = size;
    cohort.retention = cohort.active.map((count) => count / size);
    cohort.ltv = cumulativePerCustomer(cohort.revenue, size);
    if (cohort.margin) cohort.marginLtv = cumulativePerCustomer(cohort.margin, size);
    table.totals.customers += size;
    table.periods = Math.max(table.periods, cohort.active.length);
  }
  if (split) {
    const seen = new Set(cohorts.map((c) => c.segment as string));
    table.segments = [...seen].sort(
      (a, b) => Number(a === BLANK_SEGMENT) - Number(b === BLANK_SEGMENT) || a.localeCompare(b),
    );
  }
  table.cohorts = cohorts;
  // As the engine: the flags describe the observed span, even when it holds no purchase.
  const observed = end >= firstDay;
  table.lastPeriodPartial = observed && lastPeriodPartial;
  table.firstPeriodPartial = observed && firstDay > periodStart(unit, periodIndex(unit, firstDay));
  return table;
}

/** The Summary's customer activity from the totals query: repeat customer rate and period churn (report/activity.ts). */
export function activityFromTotals(totals: TotalsRow): {
  repeatRate: number | null;
  periodChurn: number | null;
} {
  return {
    repeatRate: totals.purchasers > 0 ? totals.repeat_customers / totals.purchasers : null,
    periodChurn: totals.churn_at_start > 0 ? churn(totals.churn_lost, totals.churn_at_start) : null,
  };
}

/** A row of the rfm query (t_x and T in the unit). */
export interface RfmRow {
  x: number;
  t_x: number;
  T: number;
  customers: number;
  spenders: number;
  monetary_sum: number;
}

/** A row of the monetary query. */
export interface MonetaryRow {
  x: number;
  monetary: number;
  customers: number;
}

/** The Predicted CLV sheet's condensed summary from the rfm and monetary queries' rows. */
export function clvSummaryFromRows(
  rfm: readonly RfmRow[],
  monetary: readonly MonetaryRow[],
  unitDays: number,
): CondensedSummary {
  const column = <R>(rows: readonly R[], of: (row: R) => number) => Float64Array.from(rows, of);
  // The spend model's customers have repeat purchases netting to more than 0, as `repeatSpend`.
  const spend = monetary.filter((r) => r.monetary > 0);
  return {
    groups: {
      x: column(rfm, (r) => r.x),
      tx: column(rfm, (r) => r.t_x),
      T: column(rfm, (r) => r.T),
      customers: column(rfm, (r) => r.customers),
      spenders: column(rfm, (r) => r.spenders),
      monetarySum: column(rfm, (r) => r.monetary_sum),
    },
    spend: {
      x: column(spend, (r) => r.x),
      zbar: column(spend, (r) => r.monetary),
      weight: column(spend, (r) => r.customers),
    },
    unitDays,
  };
}

/** A customer's history, one row of the customers query (forecast/histories.ts). */
export interface HistoryRow {
  id: string;
  first_day: number;
  last_day: number;
  days: number;
  /** Null for a customer first seen after the calibration end. */
  calibration_last: number | null;
  calibration_days: number;
  monetary: number;
  spend: number;
  /** The customer's cohort segment, in a report split by segment. */
  segment?: string | null;
}

/** Repeat purchase days of the calibration customers in one week from the first date (weeks without any have no row). */
export interface WeeklyRow {
  week: number;
  days: number;
}

/** The customers' histories from the customers and weekly queries' rows (`split`: with their segments). */
export function historiesFromRows(
  customers: readonly HistoryRow[],
  weekly: readonly WeeklyRow[],
  dates: { firstDay: DayNumber; lastDay: DayNumber; endDay: DayNumber; calibrationEnd: DayNumber },
  split = false,
): CustomerHistories {
  const weeks = new Float64Array(Math.max(0, weeksTo(dates.firstDay, holdoutEndOf(dates))));
  for (const row of weekly) weeks[Number(row.week)] = Number(row.days);
  const int = (of: (row: HistoryRow) => number | null) =>
    Int32Array.from(customers, (r) => Number(of(r) ?? -1));
  const float = (of: (row: HistoryRow) => number) => Float64Array.from(customers, (r) => Number(of(r)));
  return inIdOrder({
    ...dates,
    ids: customers.map((r) => String(r.id)),
    first: int((r) => r.first_day),
    last: int((r) => r.last_day),
    days: float((r) => r.days),
    calibrationLast: int((r) => r.calibration_last),
    calibrationDays: float((r) => r.calibration_days),
    monetary: float((r) => r.monetary),
    spend: float((r) => r.spend),
    weekly: weeks,
    ...(split && { segment: customers.map((r) => String(r.segment ?? "")) }),
  });
}
