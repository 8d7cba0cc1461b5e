/**
 * What the report sheets draw, computed once by `buildReport` from the cohort engine's
 * tables: one series per cohort row (a cohort, or a cohort × segment), the overall counts, the spend
 * matched to cohort rows, and the settings. The sheet modules only lay this out.
 */
import type { DayNumber } from "../cells";
import type { Cohort, PeriodUnit, Transactions } from "../cohorts";
import type { CustomerHistories } from "../forecast/histories";
import type { Language } from "../language";
import type { SpendMatch } from "./spend";
import type { ReportWords } from "./words";

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
  /** How the spend table met the cohorts: spend no row took (counted in the blended CAC), channels without spend. */
  spendMatch?: SpendMatch;
  /** The first cohort left-censored (its customers may predate the data), or left out: said under the cohort tables. */
  firstPeriodNote?: string;
  customers: number;
  /** Purchases (refunds are not orders). */
  orders: number;
  /** Revenue net of refunds. */
  revenue: number;
  repeatRate: number | null;
  /** Pooled share of a complete period's active customers who do not buy in the next period. */
  periodChurn: number | null;
  /**
   * The typed transactions the report was built from, for sheets that need rows (Predicted CLV,
   * Forecast check, Subscription); absent when the cohorts were computed in a database (core/sql).
   */
  transactions?: Transactions;
  /** The customers' histories when computed in a database (core/sql); else from `transactions` on first use. */
  histories?: CustomerHistories;
  /** Where the Forecast check splits the data; @default halfway (see `defaultCalibrationEnd`). */
  calibrationEnd?: DayNumber;
  /** The report's language (@default "en"). */
  language?: Language;
  /** How the reader sets the calibration end, named in messages; @default the sidebar's field. */
  calibrationControl?: string;
  /** The report's words and date format, in its language. */
  words: ReportWords;
  /** Money format of the report's currency. */
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

/**
 * The blended cumulative curve of rows ("All cohorts"): B(k) = Σ_{j≤k} Σ size·Δ(row, j) / Σ size over
 * the rows with period j observed and complete, Δ(row, j) = curve(j) − curve(j − 1). Averaging the
 * increments, not the cumulative values, keeps later periods from averaging only the oldest cohorts,
 * so B cannot fall while increments are non-negative (the chain-ladder estimate of actuarial
 * reserving; Mack, "Distribution-free calculation of the standard error of chain ladder reserve
 * estimates", 1993). Null from the first period no row has complete.
 */
export function blendedCurve(
  rows: readonly CohortSeries[],
  periods: number,
  curve: (row: CohortSeries) => readonly number[],
): (number | null)[] {
  const out: (number | null)[] = [];
  let sum = 0;
  for (let k = 0; k < periods; k++) {
    let weight = 0;
    let total = 0;
    for (const row of rows) {
      if (k >= row.active.length || k === row.partialIndex) continue;
      const values = curve(row);
      weight += row.size;
      total += row.size * (values[k] - (k > 0 ? values[k - 1] : 0));
    }
    if (weight === 0) break;
    sum += total / weight;
    out.push(sum);
  }
  while (out.length < periods) out.push(null);
  return out;
}

/** LTV at n periods of a blended curve. */
export const blendedAt = (curve: readonly (number | null)[], n: number): number | null =>
  curve[n - 1] ?? null;

/** The data of a sheet built from the rows themselves (not only the cohort table). */
export type ReportDataWithRows = ReportData & { transactions: Transactions };
