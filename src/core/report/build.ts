/**
 * Builds the report model: cohort rows from the transactions, the spend table matched to them, the
 * overall metrics, and the chosen sheets. `reportFromTable` is the whole path from a table of cells
 * (a CSV, or a Sheets range) that the command line and the sidebar both take.
 */
import { type Cell, type DayNumber, isoDay, type SheetContext } from "../cells";
import { type ColumnMapping, detectColumns } from "../columns";
import { cohortRows, periodNumber, readTransactions, type Transaction } from "./cohort-rows";
import { type PeriodUnit, type ReportData, UNIT_WORDS } from "./data";
import { ltvCacSheet } from "./ltv-cac";
import { currencyFormat, type Report, type ReportSheet, type ReportSheetKey } from "./model";
import { retentionSheet } from "./retention";
import { revenueSheet } from "./revenue";
import { readSpendTable, type SpendTable } from "./spend";
import { type Headline, headline, summarySheet } from "./summary";

export interface ReportOptions {
  /** @default "month" */
  period?: PeriodUnit;
  /** The last observed day; @default the last date in the data. */
  observationEnd?: DayNumber;
  /** Gross margin as a fraction of revenue; a margin or cost column takes precedence. */
  marginRate?: number;
  /** Split cohorts by the segment of each customer's first purchase, when there is a segment column. */
  splitBySegment?: boolean;
  /** @default all: retention, revenue, ltv-cac, summary */
  sheets?: ReportSheetKey[];
  /** Currency symbol for money formats. @default "$" */
  currency?: string;
  /** Where the data came from, shown on Summary. */
  source?: string;
}

export const DEFAULT_SHEETS: ReportSheetKey[] = ["retention", "revenue", "ltv-cac", "summary"];

/** What a report is built from. */
export interface ReportInput {
  /** The transactions, header row first when there is one. */
  rows: readonly Cell[][];
  /** The spend table (period start, spend[, segment]), or null. */
  spend: readonly Cell[][] | null;
  context: SheetContext;
  options: ReportOptions;
  /** Columns the user chose; the rest are detected. */
  mapping?: Partial<ColumnMapping>;
  /** Row number of the table's first row in its sheet, for messages. @default 1 */
  firstRow?: number;
}

export interface BuiltReport {
  report: Report;
  headline: Headline;
  data: ReportData;
}

/** Detects the columns, reads the transactions and the spend table, and builds the report. */
export function reportFromTable(input: ReportInput): BuiltReport {
  const { mapping, headers, hasHeader } = detectColumns(input.rows, input.context, input.mapping);
  const transactions = readTransactions(input.rows, mapping, headers, hasHeader, input.context, {
    marginRate: input.options.marginRate,
    firstRow: input.firstRow,
  });
  const spend = input.spend ? readSpendTable(input.spend, input.context) : undefined;
  const marginSource =
    mapping.margin !== undefined
      ? `margin column "${headers[mapping.margin]}"`
      : mapping.cost !== undefined
        ? `amount − cost column "${headers[mapping.cost]}"`
        : undefined;
  return buildReport(transactions, input.options, {
    spend,
    marginSource,
    segmentColumn: mapping.segment === undefined ? undefined : headers[mapping.segment],
  });
}

export interface BuildContext {
  spend?: SpendTable;
  /** How per-row margin was read, when not from the margin rate. */
  marginSource?: string;
  /** The segment column's header, when the table has one. */
  segmentColumn?: string;
}

/** The report of typed transactions. */
export function buildReport(
  transactions: readonly Transaction[],
  options: ReportOptions,
  context: BuildContext = {},
): BuiltReport {
  if (transactions.length === 0) {
    throw new Error(
      "Transactions: there are no data rows — select a table with a customer id, a date and an amount",
    );
  }
  const period = options.period ?? "month";
  const lastDay = transactions.reduce((max, t) => Math.max(max, t.day), Number.NEGATIVE_INFINITY);
  const end = options.observationEnd ?? lastDay;
  const split = Boolean(options.splitBySegment && context.segmentColumn);
  const cohorts = cohortRows(transactions, period, end, split);
  if (cohorts.rows.length === 0) {
    throw new Error(`Transactions: no purchases on or before the observation end ${isoDay(end)}`);
  }
  const spendNote = matchSpend(cohorts.rows, cohorts.periods, period, split, context.spend);
  const hasMargin = options.marginRate !== undefined || context.marginSource !== undefined;
  const symbol = options.currency ?? "$";
  const unit = UNIT_WORDS[period];
  const settings: ReportData["settings"] = {
    Source: options.source ?? "Transactions",
    Period: period,
    "Observation end": isoDay(end),
    "Partial last period": cohorts.partial
      ? `yes: the ${unit.one} holding ${isoDay(end)} is not over; its cells are marked`
      : "no",
    Margin:
      context.marginSource ??
      (options.marginRate !== undefined
        ? `${round(options.marginRate * 100)}% of revenue`
        : "none: LTV is revenue"),
    "Split by segment": split ? `yes, by "${context.segmentColumn}" of each customer's first purchase` : "no",
    "Spend table": spendNote,
    Currency: symbol,
  };
  const data: ReportData = {
    period,
    observationEnd: end,
    cohorts: cohorts.rows,
    segments: cohorts.segments,
    periods: Math.max(...cohorts.rows.map((r) => r.active.length)),
    hasMargin,
    hasSpend: context.spend !== undefined,
    customers: cohorts.customers,
    orders: cohorts.orders,
    revenue: cohorts.revenue,
    repeatRate: cohorts.repeatRate,
    periodChurn: cohorts.periodChurn,
    currencyFormat: currencyFormat(symbol),
    settings,
  };
  const makers: Record<Exclude<ReportSheetKey, "predicted-clv">, (d: ReportData) => ReportSheet> = {
    retention: retentionSheet,
    revenue: revenueSheet,
    "ltv-cac": ltvCacSheet,
    summary: summarySheet,
  };
  const sheets = (options.sheets ?? DEFAULT_SHEETS).flatMap((key) =>
    key in makers ? [makers[key as keyof typeof makers](data)] : [],
  );
  return {
    report: { title: `Cohort LTV report: ${settings.Source}`, settings, sheets },
    headline: headline(data),
    data,
  };
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * Sets each cohort row's spend from the table: spend dated in a cohort's period goes to it; split by
 * segment, to the row of its segment, and a segment with no spend in a period the table covers gets
 * 0 (organic customers cost nothing). Returns the Summary's description of the match.
 */
function matchSpend(
  rows: ReportData["cohorts"],
  periods: number[],
  unit: PeriodUnit,
  split: boolean,
  spend: SpendTable | undefined,
): string {
  if (!spend) return "none";
  if (split && !spend.bySegment) {
    return "given, but without a segment column: it can't be matched to segment rows — build without the segment split to use it";
  }
  const totals = new Map<string, number>();
  const covered = new Set<number>();
  for (const s of spend.rows) {
    const period = periodNumber(s.day, unit);
    covered.add(period);
    const key = split ? `${period}\u0000${s.segment ?? ""}` : `${period}`;
    totals.set(key, (totals.get(key) ?? 0) + s.spend);
  }
  const matched = new Set<string>();
  rows.forEach((row, i) => {
    const key = split ? `${periods[i]}\u0000${row.segment ?? ""}` : `${periods[i]}`;
    const value = totals.get(key);
    if (value !== undefined) {
      row.spend = value;
      matched.add(key);
    } else if (split && covered.has(periods[i])) {
      row.spend = 0;
    }
  });
  let unmatched = 0;
  for (const [key, value] of totals) if (!matched.has(key)) unmatched += value;
  const total = spend.rows.reduce((sum, s) => sum + s.spend, 0);
  return unmatched > 0
    ? `${spend.rows.length} rows, ${round(total)} in total; ${round(unmatched)} falls in periods or segments with no new customers and is left out`
    : `${spend.rows.length} rows, ${round(total)} in total`;
}
