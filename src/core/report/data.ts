/**
 * What the report sheets draw, computed once by `buildReport` from the cohort engine's
 * tables: one series per cohort row (a cohort, or a cohort × segment), the overall counts, the spend
 * matched to cohort rows, and the settings. The sheet modules only lay this out.
 */
import type { DayNumber } from "../cells";
import type { Cohort, PeriodUnit, Transactions } from "../cohorts";

/** One row of the cohort matrices: the engine's cohort, margin curve filled, and its spend. */
export interface CohortSeries extends Cohort {
  /** Cumulative margin per customer (equal to `ltv` when no margin is given). */
  marginLtv: number[];
  /** Spend attributed to this row; undefined when there is no spend table or it has no matching row. */
  spend?: number;
}

export interface ReportData {
  period: PeriodUnit;
  observationEnd: DayNumber;
  cohorts: CohortSeries[];
  /** Segments in the order their rows appear, when split by segment. */
  segments?: string[];
  /** Longest row: number of period columns of the matrices. */
  periods: number;
  hasMargin: boolean;
  hasSpend: boolean;
  customers: number;
  /** Purchases (refunds are not orders). */
  orders: number;
  /** Revenue net of refunds. */
  revenue: number;
  repeatRate: number | null;
  /** Pooled share of a complete period's active customers who do not buy in the next period. */
  periodChurn: number | null;
  /** The typed transactions the report was built from, for sheets that need rows (Predicted CLV); absent when computed in a database (core/sql). */
  transactions?: Transactions;
  /** Formats and labels. */
  currencyFormat: string;
  settings: Record<string, string | number | boolean | null>;
}

/** The LTV horizons of the LTV:CAC sheet, in periods (LTV at n = cumulative over periods 0 … n − 1). */
export const HORIZONS = [3, 6, 12] as const;

/**
 * LTV at n periods of a row: cumulative per customer over periods 0 … n − 1, only when all n periods
 * are observed and complete (a partial last period would understate it).
 */
export function ltvAt(curve: readonly number[], partialIndex: number | undefined, n: number): number | null {
  if (curve.length < n) return null;
  if (partialIndex !== undefined && partialIndex <= n - 1) return null;
  return curve[n - 1];
}

/** The size-weighted average of a per-customer value over rows that have it. */
export function weightedAverage(rows: readonly { size: number; value: number | null }[]): number | null {
  let weight = 0;
  let total = 0;
  for (const { size, value } of rows) {
    if (value === null) continue;
    weight += size;
    total += size * value;
  }
  return weight > 0 ? total / weight : null;
}
