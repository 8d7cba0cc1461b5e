/**
 * Builds the report model: cohort rows from the transactions, the spend table matched to them, the
 * overall metrics, and the chosen sheets. `reportFromTable` is the whole path from a table of cells
 * (a CSV, or a Sheets range) that the command line and the sidebar both take.
 */
import { type Cell, type DayNumber, isoDay, type SheetContext } from "../cells";
import {
  type CohortTable,
  cohortTable,
  type PeriodUnit,
  periodIndex,
  ROLE_NAMES,
  readTransactions,
  type TransactionRole,
  type Transactions,
} from "../cohorts";
import { type ColumnMapping, detectColumns, hasAmount } from "../columns";
import type { CustomerHistories } from "../forecast/histories";
import type { Language } from "../language";
import { type MrrTable, mrrTable } from "../subscription/mrr";
import { readTermColumn } from "../subscription/terms";
import { periodChurn, repeatCustomerRate } from "./activity";
import { readCampaignMap } from "./campaign-map";
import { type CondensedSummary, summaryForecast } from "./clv-summary";
import { formatNumber } from "./column-widths";
import { customersSheet } from "./customers";
import type { CohortSeries, ReportData, ReportDataWithRows } from "./data";
import { firstPeriodCohorts } from "./first-period";
import { forecastCheckSheet, reportComparison, reportHistories } from "./forecast-check";
import { ltvCacSheet } from "./ltv-cac";
import { currencyFormat, type Report, type ReportSheet, type ReportSheetKey } from "./model";
import { paybackSheet } from "./payback";
import { predictedClvSheet, rowsClvForecast } from "./predicted-clv";
import { retentionSheet } from "./retention";
import { revenueSheet } from "./revenue";
import { matchSpend, readSpendTable, round, type SpendTable, whyText } from "./spend";
import { spendWordsOf } from "./spend-words";
import { subscriptionSheet } from "./subscription";
import { type Headline, headline, summarySheet } from "./summary";
import { type ReportWords, wordsOf } from "./words";

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
  /**
   * Where the Forecast check splits the data into calibration and hold-out;
   * @default halfway between the first date and the last (see `defaultCalibrationEnd`).
   */
  calibrationEnd?: DayNumber;
  /** How the reader sets the calibration end, as messages name it: `--calibration-end` on the command line; @default the sidebar's field, in the report's words. */
  calibrationControl?: string;
  /** @default all: retention, revenue, ltv-cac, summary */
  sheets?: ReportSheetKey[];
  /** Currency symbol for money formats. @default "$" */
  currency?: string;
  /** Where the data came from, shown on Summary. */
  source?: string;
  /** The language of every word on the sheets (names, headers, notes, settings). @default "en" */
  language?: Language;
  /**
   * The most period columns a sheet may have; a wider date range is refused with the range named.
   * @default {@link MAX_PERIODS} of the period
   */
  maxPeriods?: number;
  /**
   * Leave the data's first period out of the cohort figures (its customers may have bought before the
   * data starts: first-period.ts); the everyday totals still count them.
   */
  skipFirstPeriod?: boolean;
}

/**
 * Period columns a report sheet may have by default: 5 years of weeks, 10 years of months or
 * quarters. Wider is almost always a mistyped year (1924 for 2024): 5,300 weekly columns on three
 * sheets would take ~6 M of a spreadsheet's 10 M cells and be unreadable.
 */
export const MAX_PERIODS: Record<PeriodUnit, number> = { week: 260, month: 120, quarter: 40 };

export const DEFAULT_SHEETS: ReportSheetKey[] = ["retention", "revenue", "ltv-cac", "summary"];

/** Sheets built only when asked for: the forecasts fit models, which takes longer on large data. */
export const OPTIONAL_SHEETS: ReportSheetKey[] = ["predicted-clv", "forecast-check", "customers", "payback"];

/** The sheet of subscription revenue: asked for, or added when the table has a term column. */
export const SUBSCRIPTION_SHEET: ReportSheetKey = "subscription";

/** What a report is built from. */
export interface ReportInput {
  /** The transactions, header row first when there is one. */
  rows: readonly Cell[][];
  /** The spend table (period, spend[, channel or campaign], by header or position), or null. */
  spend: readonly Cell[][] | null;
  /** The campaign map (campaign pattern, channel) applied to the spend table's campaigns, or null. */
  campaignMap?: readonly Cell[][] | null;
  context: SheetContext;
  options: ReportOptions;
  /** Columns the user chose; the rest are detected. */
  mapping?: Partial<ColumnMapping>;
  /** Row number of the table's first row in its sheet, for messages. @default 1 */
  firstRow?: number;
  /** The column of months each payment covers; @default the column headed like one ("Term", "Billing period"…), if any. */
  termColumn?: number;
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
  const confirmed = preset?.customerId !== undefined && preset.date !== undefined && hasAmount(preset);
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
      skipBlankIds: true,
    },
  );
  const terms = readTermColumn(
    input.rows,
    detected,
    mapping,
    input.context,
    input.termColumn,
    input.firstRow,
  );
  const options = withTermSheets(input.options, terms !== undefined);
  const spend = input.spend ? spendOf(input) : undefined;
  return buildReport(transactions, options, {
    spend,
    ...columnNotes(mapping, headers, input.options.language),
    terms,
    orderColumn: mapping.order === undefined ? undefined : headers[mapping.order],
  });
}

/** The spend table of a report's input, its campaigns mapped by the campaign map when there is one. */
export function spendOf(
  input: Pick<ReportInput, "spend" | "campaignMap" | "context" | "options">,
): SpendTable | undefined {
  if (!input.spend) return undefined;
  const campaignMap = input.campaignMap ? readCampaignMap(input.campaignMap) : undefined;
  return readSpendTable(input.spend, input.context, "Spend table", {
    campaignMap,
    language: input.options.language,
  });
}

/** The options with the Subscription sheet added to the default sheets when the table has a term column and no sheets were chosen. */
export function withTermSheets(options: ReportOptions, hasTerms: boolean): ReportOptions {
  return hasTerms && !options.sheets
    ? { ...options, sheets: [...DEFAULT_SHEETS, SUBSCRIPTION_SHEET] }
    : options;
}

/** How the Summary describes the margin and segment columns of a mapping, in the report's words. */
export function columnNotes(
  mapping: Partial<ColumnMapping>,
  headers: readonly string[],
  language?: Language,
): Pick<BuildContext, "marginSource" | "segmentColumn"> {
  const w = wordsOf(language);
  return {
    marginSource:
      mapping.margin !== undefined
        ? w.marginColumn(headers[mapping.margin])
        : mapping.cost !== undefined
          ? w.costColumn(headers[mapping.cost])
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
  /** Months each transaction covers, for the Subscription sheet. @default 1 */
  terms?: Int32Array;
  /** The Subscription sheet's MRR table when computed in a database (core/sql/mrr.ts); else from the rows and `terms`. */
  mrr?: MrrTable;
  /** The Predicted CLV sheet's RFM summary when condensed in a database (core/sql); else from the rows. */
  clvSummary?: CondensedSummary;
  /** The customers' histories (Forecast check, Customers, Predicted CLV) when computed in a database (core/sql); else from the rows. */
  histories?: CustomerHistories;
  /** The order column's header, when the lines of each order were added up into one transaction. */
  orderColumn?: string;
  /** Rows (lines) read and the orders they added up to, when computed in a database; else from the rows. */
  orderCounts?: { lines: number; orders: number };
  /** Rows left out for a blank or placeholder customer id, when computed in a database; else from the rows. */
  withoutCustomer?: { rows: number; amount: number };
}

/** The report of typed transactions. */
export function buildReport(
  transactions: Transactions,
  options: ReportOptions,
  context: BuildContext = {},
): BuiltReport {
  const w = wordsOf(options.language);
  if (transactions.length === 0) throw new ReportError(w.noRows);
  const period = options.period ?? "month";
  checkWidth(transactions, period, options, w);
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

/** The customers' histories a sheet is built from: from the rows in memory, or computed in a database. */
function withHistories(data: ReportData, key: ReportSheetKey): CustomerHistories {
  const h = reportHistories(data);
  if (!h) throw new ReportError(data.words.needsRows(data.words.sheets[key]));
  return h;
}

/** A sheet built from the rows needs them in memory; a report computed in a database has none. */
function withRows(data: ReportData, key: ReportSheetKey): ReportDataWithRows {
  if (!data.transactions) throw new ReportError(data.words.needsRows(data.words.sheets[key]));
  return data as ReportDataWithRows;
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
  const w = wordsOf(options.language);
  const period = table.period;
  const split = table.segments !== undefined;
  const end = table.observationEnd;
  if (table.cohorts.length === 0) {
    throw new ReportError(w.noPurchases(isoDay(end)));
  }
  const sw = spendWordsOf(options.language);
  const { kept, note: firstNote } = firstPeriodCohorts(table, activity.transactions, options, sw);
  if (kept.length === 0) throw new ReportError(w.noPurchases(isoDay(end)));
  const cohorts: CohortSeries[] = kept.map((c) => ({ ...c, marginLtv: c.marginLtv ?? c.ltv }));
  const symbol = options.currency ?? "$";
  const moneyFormat = currencyFormat(symbol, w.symbolAfter);
  const money = (amount: number) => formatNumber(amount, moneyFormat, options.language);
  const match = matchSpend(cohorts, period, split, context.spend, w, money, periodIndex(period, end));
  const spendNote = match.note;
  const k = w.settings;
  const settings: ReportData["settings"] = {
    [k.source]: options.source ?? w.transactions,
    [k.period]: w.one[period],
    [k.end]: isoDay(end),
    [k.partialLast]: table.lastPeriodPartial ? w.partialLast(period, isoDay(end)) : w.no,
    [k.margin]:
      context.marginSource ??
      (options.marginRate !== undefined ? w.marginRate(round(options.marginRate * 100)) : w.noMargin),
    [k.split]: split ? w.splitBy(context.segmentColumn ?? w.segment) : w.no,
    [k.spend]: spendNote,
    [k.currency]: symbol,
  };
  if (table.firstPeriodPartial && !options.skipFirstPeriod)
    settings[k.partialFirst] = w.partialFirst(isoDay(table.firstDay));
  if (firstNote) settings[sw.censoredSetting] = firstNote;
  if (match.unmatched.length)
    settings[sw.unmatchedSetting] = match.unmatched
      .map((u) => sw.unmatchedLine(u.channel, money(u.spend), whyText(u.why, sw)))
      .join("; ");
  if (match.withoutSpend.length)
    settings[sw.noSpendSetting] = sw.noSpendChannels(match.withoutSpend.join(", "));
  if (table.totals.rowsAfterEnd > 0) settings[k.afterEnd] = table.totals.rowsAfterEnd;
  const refunds = table.totals.unattributedRefunds;
  if (refunds.rows > 0) settings[k.orphanRefunds] = w.refunds(refunds.rows, money(refunds.amount));
  const tx = activity.transactions;
  const counts = context.orderCounts ?? (tx && { lines: tx.lines ?? tx.length, orders: tx.length });
  const withoutCustomer = context.withoutCustomer ?? tx?.withoutCustomer;
  Object.assign(settings, inputNotes(counts, withoutCustomer, context.orderColumn, w, money));
  const data: ReportData = {
    period,
    observationEnd: end,
    cohorts,
    segments: options.skipFirstPeriod
      ? table.segments?.filter((s) => cohorts.some((c) => c.segment === s))
      : table.segments,
    periods: options.skipFirstPeriod
      ? cohorts.reduce((n, c) => Math.max(n, c.active.length), 0)
      : table.periods,
    hasMargin: table.hasMargin,
    hasSpend: context.spend !== undefined,
    spendMatch: match,
    language: options.language,
    firstPeriodNote: firstNote,
    customers: table.totals.customers,
    orders: table.totals.orders,
    revenue: table.totals.revenue,
    repeatRate: activity.repeatRate,
    periodChurn: activity.periodChurn,
    transactions: activity.transactions,
    histories: context.histories,
    calibrationEnd: options.calibrationEnd,
    calibrationControl: options.calibrationControl,
    words: w,
    currencyFormat: moneyFormat,
    settings,
  };
  const keys = reportSheetKeys(options);
  const makers: Partial<Record<ReportSheetKey, (d: ReportData) => ReportSheet>> = {
    retention: retentionSheet,
    revenue: revenueSheet,
    "ltv-cac": ltvCacSheet,
    summary: (d) => summarySheet(d, keys.includes("ltv-cac")),
    "predicted-clv": (d) =>
      predictedClvSheet(
        d,
        context.clvSummary
          ? summaryForecast(context.clvSummary, d.words)
          : rowsClvForecast(d, withHistories(d, "predicted-clv")),
      ),
    subscription: (d) =>
      subscriptionSheet(
        d,
        context.mrr ??
          mrrTable(withRows(d, "subscription").transactions, {
            terms: context.terms,
            endDay: d.observationEnd,
          }),
        { marginRate: options.marginRate },
      ),
    "forecast-check": (d) =>
      forecastCheckSheet(reportComparison(d, withHistories(d, "forecast-check")), d.words),
    customers: (d) => customersSheet(d, withHistories(d, "customers")),
    payback: paybackSheet,
  };
  // A key this version does not know (settings stored by another) builds nothing rather than failing.
  const sheets = keys.flatMap((key) => {
    const make = makers[key];
    return make ? [make(data)] : [];
  });
  return {
    report: {
      title: w.reportTitle(String(settings[k.source])),
      language: options.language,
      settings,
      sheets,
    },
    headline: headline(data),
    data,
  };
}

/**
 * What an order is, and the rows left out for want of a customer id (never a silent drop): the
 * Summary's settings, in the report's words.
 */
export function inputNotes(
  counts: { lines: number; orders: number } | undefined,
  withoutCustomer: { rows: number; amount: number } | undefined,
  orderColumn: string | undefined,
  w: ReportWords,
  money: (amount: number) => string,
): Record<string, string> {
  // Korean groups digits as English does; Russian writes 1 004,50.
  const tag = w.symbolAfter ? "ru-RU" : "en-US";
  const count = (n: number) => n.toLocaleString(tag);
  const notes: Record<string, string> = {
    [w.input.orders]:
      orderColumn !== undefined && counts
        ? w.input.ordersById(orderColumn, count(counts.lines), count(counts.orders))
        : w.input.ordersByRow,
  };
  const left = withoutCustomer;
  if (left && left.rows > 0) {
    const all = left.rows + (counts?.lines ?? 0);
    const percent = (left.rows / all).toLocaleString(tag, { style: "percent", maximumFractionDigits: 1 });
    notes[w.input.noCustomer] = w.input.noCustomerText(count(left.rows), percent, money(left.amount));
  }
  return notes;
}

/** The sheets a report builds, in order: those asked for (the default ones unless told), LTV-CAC added for Payback. */
export function reportSheetKeys(options: Pick<ReportOptions, "sheets">): ReportSheetKey[] {
  return withLtvCac(options.sheets ?? DEFAULT_SHEETS);
}

/**
 * The sheets asked for, with LTV-CAC before Payback when Payback is asked for without it: Payback's
 * curves are formulas over LTV-CAC's spend, CAC and curve cells, so spend is typed in one place and
 * each figure is computed once.
 */
function withLtvCac(keys: ReportSheetKey[]): ReportSheetKey[] {
  const at = keys.indexOf("payback");
  return at < 0 || keys.includes("ltv-cac") ? keys : [...keys.slice(0, at), "ltv-cac", ...keys.slice(at)];
}

/** Refuses a date range wider than a sheet may be, before any table of that width is made. */
function checkWidth(
  transactions: Transactions,
  period: PeriodUnit,
  options: ReportOptions,
  w: ReportWords,
): void {
  const limit = options.maxPeriods ?? MAX_PERIODS[period];
  const end = options.observationEnd ?? transactions.lastDay;
  if (transactions.firstDay > end) return;
  const span = periodIndex(period, end) - periodIndex(period, transactions.firstDay) + 1;
  if (span > limit) {
    throw new ReportError(w.tooWide(isoDay(transactions.firstDay), isoDay(end), span, period, limit));
  }
}
