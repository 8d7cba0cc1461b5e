/**
 * A report computed in a database, the same for every engine (DuckDB in the command line, BigQuery
 * from the command line or the add-on): run {@link boundsQuery}, check it with {@link unreadableRows},
 * then run every query of {@link sqlReportPlan} and hand their rows back to its `build`. Engines only
 * run queries — synchronously (Apps Script) or not (Node) — so the definitions live here once.
 */
import type { DayNumber } from "../cells";
import { RFM_UNIT_DAYS } from "../cohorts/rfm";
import { halfwayDay } from "../forecast/histories";
import {
  type BuildContext,
  type BuiltReport,
  ReportError,
  type ReportOptions,
  reportFromCohorts,
  reportSheetKeys,
  SUBSCRIPTION_SHEET,
} from "../report/build";
import type { ReportSheetKey } from "../report/model";
import type { Dialect, SqlQuery } from "./dialect";
import { type MrrCohortRow, type MrrMonthRow, type MrrWalkRow, mrrQueries, mrrTableFromRows } from "./mrr";
import { boundsQuery, reportQueries, type SqlSource } from "./queries";
import {
  activityFromTotals,
  type BoundsRow,
  type CellRow,
  clvSummaryFromRows,
  cohortTableFromCells,
  type HistoryRow,
  historiesFromRows,
  type MonetaryRow,
  type RfmRow,
  type TotalsRow,
  type WeeklyRow,
} from "./results";

/** The sheets drawn from each customer's history (one row a customer, never a transaction). */
const HISTORY_SHEETS: readonly ReportSheetKey[] = ["forecast-check", "customers"];

export { boundsQuery };

/**
 * Rows the report queries cannot read, by reason, for the engine to explain in its own words (rows
 * without a customer id are not among them: they are left out and counted, {@link inputCounts}).
 */
export type UnreadableRows = Partial<Record<"no_date" | "no_amount" | "no_margin" | "no_term", number>>;

/** The bounds query's counts of rows the report cannot read; empty when there are none. */
export function unreadableRows(bounds: BoundsRow): UnreadableRows {
  const found: UnreadableRows = {};
  for (const key of ["no_date", "no_amount", "no_margin", "no_term"] as const) {
    const rows = bounds[key] ?? 0;
    if (rows > 0) found[key] = rows;
  }
  return found;
}

/**
 * What the Summary says of the input, from the bounds query: the lines read and the orders they add
 * up to, and the rows left out for want of a customer id with their amount (as the JavaScript engine
 * counts them: build.ts `inputNotes`).
 */
export function inputCounts(
  bounds: BoundsRow,
): Required<Pick<BuildContext, "orderCounts" | "withoutCustomer">> {
  return {
    orderCounts: { lines: Number(bounds.lines_with_id ?? 0), orders: Number(bounds.rows_with_id ?? 0) },
    withoutCustomer: { rows: Number(bounds.no_id ?? 0), amount: Number(bounds.no_id_amount ?? 0) },
  };
}

/** The rows of each query of a plan, under the query's key; the MRR queries are there when the Subscription sheet is asked for. */
export interface SqlReportRows {
  cells: CellRow[];
  totals: TotalsRow[];
  mrrMonths?: MrrMonthRow[];
  mrrCohorts?: MrrCohortRow[];
  mrrWalk?: MrrWalkRow[];
  /** The condensed RFM summary and Gamma-Gamma's inputs, when the Predicted CLV sheet is asked for. */
  rfm?: RfmRow[];
  monetary?: MonetaryRow[];
  /**
   * The customers' histories, when Forecast check or Customers is asked for (Predicted CLV then uses
   * them too) or LTV-CAC (its predicted value per channel); the weekly curve only with the former.
   */
  customers?: HistoryRow[];
  weekly?: WeeklyRow[];
}

export interface SqlReportPlan {
  /** Statements to run first, in order, on the connection that then runs every query (empty unless `sharedAggregates`). */
  setup: SqlQuery[];
  /** Run each (in any order, in parallel if the engine can) and pass the rows back under the same key. */
  queries: { [K in keyof SqlReportRows]: SqlQuery };
  build(rows: SqlReportRows, context?: BuildContext): BuiltReport;
}

/**
 * The second round of queries of a report, once the bounds are known, and how their rows become the
 * report; `sharedAggregates` (DuckDB, one connection) as in {@link reportQueries}.
 */
export function sqlReportPlan(
  dialect: Dialect,
  source: SqlSource,
  bounds: BoundsRow,
  options: ReportOptions,
  noRows: string,
  sharedAggregates = false,
): SqlReportPlan {
  if (bounds.row_count === 0 || bounds.first_day === null || bounds.last_day === null) {
    throw new ReportError(noRows);
  }
  const firstDay: DayNumber = bounds.first_day;
  const end: DayNumber = options.observationEnd ?? bounds.last_day;
  const period = options.period ?? "month";
  const split = options.splitBySegment === true && source.columns.segment !== undefined;
  // The Forecast check's split, as the JavaScript engine draws it (forecast-check.ts `defaultCalibrationEnd`).
  const dates = {
    firstDay,
    lastDay: bounds.last_day,
    endDay: end,
    calibrationEnd: options.calibrationEnd ?? halfwayDay(firstDay, bounds.last_day, end),
  };
  const keys = reportSheetKeys(options);
  const perCustomer = keys.some((key) => HISTORY_SHEETS.includes(key));
  // LTV-CAC's and Summary's predicted value of a new customer per channel is fitted on one row a
  // customer with their segment (channel-value.ts): the customers query, without the weekly curve
  // only the Forecast check draws. One more pass over the table and a row a customer back: free in
  // DuckDB (local), billed in BigQuery, so there only in a report split by channel, where the figure is
  // the point; unsplit, LTV-CAC says it was left out.
  const channels = (keys.includes("ltv-cac") || keys.includes("summary")) && (split || dialect === "duckdb");
  const { setup, cells, totals, rfm, monetary, customers, weekly } = reportQueries(dialect, source, {
    period,
    observationEnd: end,
    splitBySegment: split,
    marginRate: options.marginRate,
    sharedAggregates,
    ...((perCustomer || channels) && { histories: dates }),
  });
  const hasMargin =
    source.columns.margin !== undefined ||
    source.columns.cost !== undefined ||
    options.marginRate !== undefined;
  const mrr = options.sheets?.includes(SUBSCRIPTION_SHEET) ? mrrQueries(dialect, source, end) : {};
  // Predicted CLV from the histories when they are read anyway (the model the Forecast check chooses,
  // as the JavaScript engine); else from the condensed summary.
  const clv = perCustomer
    ? { customers, weekly }
    : {
        ...(channels && { customers }),
        ...(keys.includes("predicted-clv") && { rfm, monetary }),
      };
  return {
    setup,
    queries: { cells, totals, ...mrr, ...clv },
    build(rows, context = {}) {
      const [total] = rows.totals;
      const table = cohortTableFromCells(rows.cells, total, {
        period,
        observationEnd: end,
        firstDay,
        split,
        hasMargin,
      });
      const { mrrMonths, mrrCohorts, mrrWalk } = rows;
      const mrrTable =
        mrrMonths && mrrCohorts && mrrWalk
          ? mrrTableFromRows({ mrrMonths, mrrCohorts, mrrWalk }, firstDay, end)
          : undefined;
      const clvSummary =
        rows.rfm && rows.monetary
          ? clvSummaryFromRows(rows.rfm, rows.monetary, RFM_UNIT_DAYS.week)
          : undefined;
      // Without the weekly query (no Forecast check to draw its curve) the curve stays empty.
      const histories = rows.customers
        ? historiesFromRows(rows.customers, rows.weekly ?? [], dates, split)
        : undefined;
      return reportFromCohorts(table, activityFromTotals(total), options, {
        mrr: mrrTable,
        clvSummary,
        histories,
        ...context,
      });
    },
  };
}
