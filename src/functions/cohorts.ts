/**
 * The cohort formulas: each reads a transactions log given as columns (customer ids, dates, amounts)
 * and spills a table — a header row, then one row per cohort (the calendar period of a customer's
 * first purchase): cohort start date, customers, then period 0, 1, …. Cells of periods after the last
 * date in the data are blank. The math is core/cohorts; this layer reads arguments and writes cells.
 */

import { currentSheetContext } from "../addon/context";
import { type DayNumber, isBlank, isoDay, type SheetContext, showCell, Where } from "../core/cells";
import { type Cohort, type CohortOptions, type CohortTable, cohortTable } from "../core/cohorts/cohort-table";
import { PERIOD_WORDS, type PeriodUnit, parsePeriodUnit, periodIndex } from "../core/cohorts/periods";
import { parseRfmUnit, type RfmUnit, rfmSummary } from "../core/cohorts/rfm";
import {
  readTransactionRanges,
  type TransactionRanges,
  type Transactions,
} from "../core/cohorts/transactions";
import { startOfDayIn } from "../core/cohorts/zone";
import { type Arg, finiteTable, rangeArg, readOptionalDay, singleArg } from "./arguments";

/** A spilled table: numbers, text, dates, and "" for blank cells. */
export type Table = (number | string | Date)[][];

export function readPeriod(fn: string, arg: Arg): PeriodUnit {
  const value = singleArg(fn, "period", arg);
  if (isBlank(value)) return "month";
  const unit = typeof value === "string" ? parsePeriodUnit(value) : undefined;
  if (unit) return unit;
  throw new Where(fn, "period").error(`is ${showCell(value)} — expected "month", "week" or "quarter"`);
}

export function readTransactions(
  fn: string,
  ranges: TransactionRanges,
  names: Partial<Record<keyof TransactionRanges, string>>,
  ctx: SheetContext,
): Transactions {
  const tx = readTransactionRanges(ranges, ctx, { fn, names });
  if (tx.length === 0)
    throw new Where(fn, names.customerId ?? "customer_ids").error(
      "has no transactions — select the columns of your transactions, e.g. A2:A, B2:B",
    );
  return tx;
}

export const NAMES = { customerId: "customer_ids", date: "dates", amount: "amounts" };

/** Whether an optional argument was given: a range, or a cell that is not blank. */
export const given = (arg: Arg | undefined): arg is Arg =>
  arg !== undefined && (Array.isArray(arg) || !isBlank(arg));

/** The transactions of customer_ids, dates, amounts and, when given, segments (a channel per row). */
export function readSegmentedTransactions(
  fn: string,
  args: { customer_ids: Arg; dates: Arg; amounts: Arg; segments?: Arg },
  ctx: SheetContext,
): Transactions {
  const ranges = {
    customerId: rangeArg(fn, "customer_ids", args.customer_ids),
    date: rangeArg(fn, "dates", args.dates),
    amount: rangeArg(fn, "amounts", args.amounts),
    segment: given(args.segments) ? rangeArg(fn, "segments", args.segments) : undefined,
  };
  return readTransactions(fn, ranges, { ...NAMES, segment: "segments" }, ctx);
}

/** Sheets' widest sheet: a cohort table wider than this cannot spill. */
const SHEETS_MAX_COLUMNS = 18_278;

/**
 * The cohort table of the transactions. A span of more periods than a sheet has columns is refused
 * before any table is built: a mistyped year (2204, or a date from year −200000) would otherwise
 * spend the call building millions of periods.
 */
export function cohortsOf(
  fn: string,
  tx: Transactions,
  unit: PeriodUnit,
  options: Omit<CohortOptions, "period"> = {},
): CohortTable {
  const periods = periodIndex(unit, tx.lastDay) - periodIndex(unit, tx.firstDay) + 1;
  if (periods + 2 > SHEETS_MAX_COLUMNS)
    throw new Where(fn, "dates").error(
      `run from ${isoDay(tx.firstDay)} to ${isoDay(tx.lastDay)}, ${periods.toLocaleString("en-US")} ${PERIOD_WORDS[unit].many} — more columns than a sheet has; check for a mistyped year, or use a longer period`,
    );
  return cohortTable(tx, { ...options, period: unit });
}

/** Headers of period columns: "Month 0", "Month 1", …. */
export function periodTitles(unit: PeriodUnit, periods: number): string[] {
  const word = PERIOD_WORDS[unit].one;
  return Array.from({ length: periods }, (_, k) => `${word[0].toUpperCase()}${word.slice(1)} ${k}`);
}

/** The header and the rows of a cohort matrix, with `value` giving the cell of cohort c, period k. */
function matrix(
  fn: string,
  table: CohortTable,
  ctx: SheetContext,
  value: (cohort: Cohort, k: number) => number,
): Table {
  const rows: Table = [["Cohort", "Customers", ...periodTitles(table.period, table.periods)]];
  for (const cohort of table.cohorts) {
    const row: (string | number | Date)[] = [startOfDayIn(cohort.start, ctx.days.timeZone), cohort.size];
    for (let k = 0; k < table.periods; k++) row.push(k < cohort.active.length ? value(cohort, k) : "");
    rows.push(row);
  }
  return finiteTable(fn, "amounts", rows);
}

/** A cohort matrix of amounts (revenue, LTV) from the id, date and amount columns. */
function amountMatrix(
  fn: string,
  customer_ids: Arg,
  dates: Arg,
  amounts: Arg,
  period: Arg,
  value: (cohort: Cohort, k: number) => number,
): Table {
  const ctx = currentSheetContext();
  const unit = readPeriod(fn, period);
  const ranges = {
    customerId: rangeArg(fn, "customer_ids", customer_ids),
    date: rangeArg(fn, "dates", dates),
    amount: rangeArg(fn, "amounts", amounts),
  };
  return matrix(fn, cohortsOf(fn, readTransactions(fn, ranges, NAMES, ctx), unit), ctx, value);
}

/**
 * Cohort retention: customers grouped by the period of their first purchase; for each cohort and
 * period k after it, the share (or number) of the cohort's customers who bought in that period.
 * Retention(c, k) = distinct customers of cohort c buying in period c + k / customers of cohort c.
 * Every row counts as a purchase: FILTER out refunds first. Periods are calendar months, ISO weeks
 * (Monday to Sunday) or calendar quarters, by the date in the spreadsheet's time zone; periods after
 * the last date are blank. Source: the standard cohort (retention) matrix, e.g. Fader & Hardie,
 * "How to Project Customer Retention" (2007).
 *
 * @param {Array<Array<string>>} customer_ids The customer id of each transaction (a column; text ids such as 00004 stay text).
 * @param {Array<Array<Date>>} dates The date of each transaction (a column of dates or date text, same length).
 * @param {string} period Optional: "month" (default), "week" or "quarter".
 * @param {string} as Optional: "percent" (default: fractions of the cohort, 1 = 100%) or "count" (customers).
 * @return A table: a header row, then one row per cohort: cohort start date, customers, period 0, 1, ….
 * @example =COHORT_RETENTION(A2:A, B2:B, "month") → Cohort | Customers | Month 0 | Month 1 … / 2024-01-01 | 120 | 1 | 0.35 …
 * @customfunction
 */
export function COHORT_RETENTION(customer_ids: Arg, dates: Arg, period?: Arg, as?: Arg): Table {
  const fn = "COHORT_RETENTION";
  const ctx = currentSheetContext();
  const unit = readPeriod(fn, period);
  const how = singleArg(fn, "as", as);
  let counts = false;
  if (!isBlank(how)) {
    const s = typeof how === "string" ? how.trim().toLowerCase() : "";
    if (["count", "counts", "customers", "number", "#"].includes(s)) counts = true;
    else if (!["percent", "percentage", "%", "fraction", "share", "rate"].includes(s))
      throw new Where(fn, "as").error(`is ${showCell(how)} — expected "percent" or "count"`);
  }
  const tx = readTransactions(
    fn,
    { customerId: rangeArg(fn, "customer_ids", customer_ids), date: rangeArg(fn, "dates", dates) },
    NAMES,
    ctx,
  );
  const table = cohortsOf(fn, tx, unit);
  return matrix(fn, table, ctx, counts ? (c, k) => c.active[k] : (c, k) => c.retention[k]);
}

/**
 * Cohort revenue: for each cohort (customers grouped by the period of their first purchase) and
 * period k after it, the revenue from the cohort's customers in that period. Negative amounts are
 * refunds: they reduce revenue in their period but never make a customer active or start a cohort.
 * Periods are calendar months, ISO weeks or calendar quarters in the spreadsheet's time zone; periods
 * after the last date are blank. Source: the revenue cohort matrix of cohort analysis, as in Fader &
 * Hardie's customer-base analyses.
 *
 * @param {Array<Array<string>>} customer_ids The customer id of each transaction (a column).
 * @param {Array<Array<Date>>} dates The date of each transaction (a column of dates, same length).
 * @param {Array<Array<number>>} amounts The amount of each transaction, in currency (negative for a refund).
 * @param {string} period Optional: "month" (default), "week" or "quarter".
 * @return A table: a header row, then one row per cohort: cohort start date, customers, revenue in period 0, 1, ….
 * @example =COHORT_REVENUE(A2:A, B2:B, C2:C) → Cohort | Customers | Month 0 | Month 1 … / 2024-01-01 | 120 | 6150 | 2040 …
 * @customfunction
 */
export function COHORT_REVENUE(customer_ids: Arg, dates: Arg, amounts: Arg, period?: Arg): Table {
  return amountMatrix("COHORT_REVENUE", customer_ids, dates, amounts, period, (c, k) => c.revenue[k]);
}

/**
 * Cohort LTV curve: for each cohort and period k, the cumulative revenue per customer of the cohort
 * through period k: L(c, k) = Σ_{j ≤ k} Revenue(c, j) / customers of c. Refunds (negative amounts)
 * reduce it. Periods after the last date are blank. Source: the historical (cohort) LTV curve of
 * cohort analysis.
 *
 * @param {Array<Array<string>>} customer_ids The customer id of each transaction (a column).
 * @param {Array<Array<Date>>} dates The date of each transaction (a column of dates, same length).
 * @param {Array<Array<number>>} amounts The amount of each transaction, in currency (negative for a refund).
 * @param {string} period Optional: "month" (default), "week" or "quarter".
 * @return A table: a header row, then one row per cohort: cohort start date, customers, cumulative revenue per customer through period 0, 1, ….
 * @example =COHORT_LTV(A2:A, B2:B, C2:C, "quarter") → Cohort | Customers | Quarter 0 | Quarter 1 … / 2024-01-01 | 300 | 61.5 | 82.3 …
 * @customfunction
 */
export function COHORT_LTV(customer_ids: Arg, dates: Arg, amounts: Arg, period?: Arg): Table {
  return amountMatrix("COHORT_LTV", customer_ids, dates, amounts, period, (c, k) => c.ltv[k]);
}

/** The transactions and end day of RFM-style arguments (customer_ids, dates, amounts, [end_date]). */
export function readRfmTransactions(
  fn: string,
  args: { customer_ids: Arg; dates: Arg; amounts: Arg; end_date?: Arg },
  ctx: SheetContext,
): { tx: Transactions; endDay: DayNumber | undefined } {
  const endDay = readOptionalDay(fn, "end_date", args.end_date, ctx);
  const ranges = {
    customerId: rangeArg(fn, "customer_ids", args.customer_ids),
    date: rangeArg(fn, "dates", args.dates),
    amount: rangeArg(fn, "amounts", args.amounts),
  };
  return { tx: readTransactions(fn, ranges, NAMES, ctx), endDay };
}

/** Why no customer has a purchase on or before the end: only refunds, or an end before the first purchase. */
export function noPurchaseError(fn: string, tx: Transactions, endDay: DayNumber | undefined): Error {
  const purchases = tx.day.filter((_, i) => (tx.amount as Float64Array)[i] >= 0);
  if (purchases.length === 0)
    return new Where(fn, "amounts").error(
      "has no purchases, only refunds (negative amounts) — RFM needs purchases",
    );
  return new Where(fn, "end_date").error(
    `is ${isoDay(endDay as DayNumber)}, before the first purchase (${isoDay(purchases.reduce((a, b) => Math.min(a, b)))}) — choose a later end date`,
  );
}

/**
 * RFM summary for CLV models (BG/NBD, Pareto/NBD, Gamma-Gamma), per customer: frequency = repeat
 * purchase days (distinct days with a purchase, less one: purchases on one day count once);
 * recency = age at the last purchase day (first to last purchase day); T = age at end_date (first
 * purchase day to end_date); monetary = mean value of the repeat purchase days (the first day
 * excluded; 0 with no repeat). Ages are in `unit`s (a month is 365.25/12 days). Rows after end_date
 * are ignored; refunds are not purchases and are netted against the purchase day they follow. A week
 * is days ÷ 7 from the first purchase, as lifetimes' summary_data_from_transaction_data(…, freq="D",
 * freq_multiplier=7) counts it, not calendar weeks.
 * Source: Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way"; the `lifetimes` package.
 *
 * @param {Array<Array<string>>} customer_ids The customer id of each transaction (a column).
 * @param {Array<Array<Date>>} dates The date of each transaction (a column of dates, same length).
 * @param {Array<Array<number>>} amounts The amount of each transaction, in currency (negative for a refund).
 * @param {Date} end_date Optional: the end of observation (default: the last date in the data).
 * @param {string} unit Optional: the unit of recency and T: "week" (default), "day", "month", "quarter" or "year".
 * @return A table: a header row, then one row per customer: customer id, frequency, recency, T, monetary value.
 * @example =RFM(A2:A, B2:B, C2:C, DATE(1997,9,30), "week") → Customer | Frequency | Recency (weeks) | T (weeks) | Monetary / 00004 | 2 | 30.43 | 38.86 | 22.35
 * @customfunction
 */
export function RFM(customer_ids: Arg, dates: Arg, amounts: Arg, end_date?: Arg, unit?: Arg): Table {
  const fn = "RFM";
  const ctx = currentSheetContext();
  const unitValue = singleArg(fn, "unit", unit);
  let rfmUnit: RfmUnit = "week";
  if (!isBlank(unitValue)) {
    const parsed = typeof unitValue === "string" ? parseRfmUnit(unitValue) : undefined;
    if (!parsed)
      throw new Where(fn, "unit").error(
        `is ${showCell(unitValue)} — expected "week", "day", "month", "quarter" or "year"`,
      );
    rfmUnit = parsed;
  }
  const { tx, endDay } = readRfmTransactions(fn, { customer_ids, dates, amounts, end_date }, ctx);
  const rfm = rfmSummary(tx, { endDay, unit: rfmUnit });
  if (rfm.length === 0) throw noPurchaseError(fn, tx, endDay);
  const many = `${rfmUnit}s`;
  const rows: Table = [["Customer", "Frequency", `Recency (${many})`, `T (${many})`, "Monetary"]];
  for (let i = 0; i < rfm.length; i++)
    rows.push([rfm.ids[i], rfm.frequency[i], rfm.recency[i], rfm.T[i], rfm.monetary[i]]);
  return finiteTable(fn, "amounts", rows);
}
