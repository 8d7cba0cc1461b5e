/**
 * Builds the report model: cohort rows from the transactions, the spend table matched to them, the
 * overall metrics, and the chosen sheets. `reportFromTable` is the whole path from a table of cells
 * (a CSV, or a Sheets range) that the command line and the sidebar both take.
 */
import { type Cell, type DayNumber, isoDay, type SheetContext } from "../cells";
import {
  type CohortTable,
  civilFromDays,
  cohortTable,
  PERIOD_WORDS,
  type PeriodUnit,
  periodIndex,
  ROLE_NAMES,
  readTransactions,
  type TransactionRole,
  type Transactions,
} from "../cohorts";
import { type ColumnMapping, detectColumns } from "../columns";
import { periodChurn, repeatCustomerRate } from "./activity";
import type { CohortSeries, ReportData } from "./data";
import { ltvCacSheet } from "./ltv-cac";
import { currencyFormat, type Report, type ReportSheet, type ReportSheetKey } from "./model";
import { predictedClvSheet } from "./predicted-clv";
import { retentionSheet } from "./retention";
import { revenueSheet } from "./revenue";
import { readSpendTable, type SpendTable } from "./spend";
import { type Headline, headline, summarySheet } from "./summary";

/** Data a report can't be built from (no rows, nothing before the observation end). */
export class ReportError extends Error {
  override name = "ReportError";
}

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

/** Sheets built only when asked for: the forecast fits models, which takes longer on large data. */
export const OPTIONAL_SHEETS: ReportSheetKey[] = ["predicted-clv"];

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
  const detected = detectColumns(input.rows, input.context, input.mapping);
  const { headers, hasHeader } = detected;
  // A mapping the user confirmed is complete: optional columns they left out stay out.
  const preset = input.mapping;
  const confirmed =
    preset?.customerId !== undefined && preset.date !== undefined && preset.amount !== undefined;
  const mapping = confirmed ? (preset as ColumnMapping) : detected.mapping;
  // Errors name the column by its header and the row as the user numbers it.
  const names: Partial<Record<TransactionRole, string>> = {};
  for (const [role, column] of Object.entries(mapping) as [TransactionRole, number | undefined][]) {
    if (column !== undefined) names[role] = `${ROLE_NAMES[role]} column "${headers[column]}"`;
  }
  const transactions = readTransactions(
    hasHeader ? input.rows.slice(1) : input.rows,
    mapping,
    input.context,
    {
      names,
      firstRow: (input.firstRow ?? 1) + (hasHeader ? 1 : 0),
      marginRate: input.options.marginRate,
    },
  );
  const spend = input.spend ? readSpendTable(input.spend, input.context) : undefined;
  return buildReport(transactions, input.options, { spend, ...columnNotes(mapping, headers) });
}

/** How the Summary describes the margin and segment columns of a mapping. */
export function columnNotes(
  mapping: Partial<ColumnMapping>,
  headers: readonly string[],
): Pick<BuildContext, "marginSource" | "segmentColumn"> {
  return {
    marginSource:
      mapping.margin !== undefined
        ? `margin column "${headers[mapping.margin]}"`
        : mapping.cost !== undefined
          ? `amount − cost column "${headers[mapping.cost]}"`
          : undefined,
    segmentColumn: mapping.segment === undefined ? undefined : headers[mapping.segment],
  };
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
  transactions: Transactions,
  options: ReportOptions,
  context: BuildContext = {},
): BuiltReport {
  if (transactions.length === 0) {
    throw new ReportError(
      "Transactions: there are no data rows — give a table with a customer id, a date and an amount",
    );
  }
  const period = options.period ?? "month";
  const split = Boolean(options.splitBySegment && transactions.segments);
  const table = cohortTable(transactions, {
    period,
    observationEnd: options.observationEnd,
    splitBySegment: split,
    marginRate: options.marginRate,
  });
  const end = table.observationEnd;
  return reportFromCohorts(
    table,
    {
      repeatRate: repeatCustomerRate(transactions, end),
      periodChurn: periodChurn(transactions, period, end),
      transactions,
    },
    options,
    context,
  );
}

/** What the Summary needs beside the cohort table: customer activity (report/activity.ts), and the rows when in memory. */
export interface CustomerActivity {
  repeatRate: number | null;
  periodChurn: number | null;
  transactions?: Transactions;
}

/** The report of a cohort table, however it was computed: from rows in memory, or in a database (core/sql). */
export function reportFromCohorts(
  table: CohortTable,
  activity: CustomerActivity,
  options: ReportOptions,
  context: BuildContext = {},
): BuiltReport {
  const period = table.period;
  const split = table.segments !== undefined;
  const end = table.observationEnd;
  if (table.cohorts.length === 0) {
    throw new ReportError(`Transactions: no purchases on or before the observation end ${isoDay(end)}`);
  }
  const cohorts: CohortSeries[] = table.cohorts.map((c) => ({ ...c, marginLtv: c.marginLtv ?? c.ltv }));
  const spendNote = matchSpend(cohorts, period, split, context.spend);
  const symbol = options.currency ?? "$";
  const unit = PERIOD_WORDS[period];
  const settings: ReportData["settings"] = {
    Source: options.source ?? "Transactions",
    Period: period,
    "Observation end": isoDay(end),
    "Partial last period": table.lastPeriodPartial
      ? `yes: the ${unit.one} holding ${isoDay(end)} is not over; its cells are marked`
      : "no",
    Margin:
      context.marginSource ??
      (options.marginRate !== undefined
        ? `${round(options.marginRate * 100)}% of revenue`
        : "none: LTV is revenue"),
    "Split by segment": split
      ? `yes, by "${context.segmentColumn ?? "segment"}" of each customer's first purchase`
      : "no",
    "Spend table": spendNote,
    Currency: symbol,
  };
  if (table.firstPeriodPartial) {
    settings["Partial first period"] =
      `yes: the data starts on ${isoDay(table.firstDay)}, so the first cohort holds only the customers from then (its CAC reads high)`;
  }
  if (table.totals.rowsAfterEnd > 0)
    settings["Rows after the observation end (left out)"] = table.totals.rowsAfterEnd;
  if (table.totals.unattributedRefunds.rows > 0) {
    settings["Refunds of no cohort (left out)"] =
      `${table.totals.unattributedRefunds.rows} rows, ${round(table.totals.unattributedRefunds.amount)}`;
  }
  const data: ReportData = {
    period,
    observationEnd: end,
    cohorts,
    segments: table.segments,
    periods: table.periods,
    hasMargin: table.hasMargin,
    hasSpend: context.spend !== undefined,
    customers: table.totals.customers,
    orders: table.totals.orders,
    revenue: table.totals.revenue,
    repeatRate: activity.repeatRate,
    periodChurn: activity.periodChurn,
    transactions: activity.transactions,
    currencyFormat: currencyFormat(symbol),
    settings,
  };
  const makers: Partial<Record<ReportSheetKey, (d: ReportData) => ReportSheet>> = {
    retention: retentionSheet,
    revenue: revenueSheet,
    "ltv-cac": ltvCacSheet,
    summary: summarySheet,
    "predicted-clv": predictedClvSheet,
  };
  const sheets = (options.sheets ?? DEFAULT_SHEETS).flatMap((key) => {
    const make = makers[key];
    return make ? [make(data)] : [];
  });
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
  rows: CohortSeries[],
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
    const period = periodIndex(unit, s.day);
    covered.add(period);
    const key = split ? `${period}\u0000${s.segment ?? ""}` : `${period}`;
    totals.set(key, (totals.get(key) ?? 0) + s.spend);
  }
  const matched = new Set<string>();
  for (const row of rows) {
    const key = split ? `${row.period}\u0000${row.segment ?? ""}` : `${row.period}`;
    const value = totals.get(key);
    if (value !== undefined) {
      row.spend = value;
      matched.add(key);
    } else if (split && covered.has(row.period)) {
      row.spend = 0;
    }
  }
  let unmatched = 0;
  for (const [key, value] of totals) if (!matched.has(key)) unmatched += value;
  const total = spend.rows.reduce((sum, s) => sum + s.spend, 0);
  const notes = [`${spend.rows.length} rows, ${round(total)} in total`];
  if (unmatched > 0) {
    notes.push(`${round(unmatched)} falls in periods or segments with no new customers and is left out`);
  }
  // A monthly spend table under weekly cohorts puts a month's spend on one week: say so.
  if (unit === "week" && spend.rows.length > 1 && spend.rows.every((s) => civilFromDays(s.day).day === 1)) {
    notes.push(
      "every row is dated the 1st of a month, so each month's spend lands on the week of that day — use monthly cohorts or a weekly spend table",
    );
  }
  return notes.join("; ");
}
