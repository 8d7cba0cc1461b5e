/**
 * The payback curve formula: per acquisition cohort (and segment), cumulative margin per customer ÷
 * CAC by period, from the transactions and a spend table. The numbers are the Payback sheet's: the
 * same cohort table, spend matching (core/report/spend) and curve (core/metrics/payback).
 */

import { currentSheetContext } from "../addon/context";
import { type Cell, isBlank, plural, type SheetContext, Where } from "../core/cells";
import { startOfDayIn } from "../core/cohorts/zone";
import { paybackCurve } from "../core/metrics/payback";
import type { CohortSeries } from "../core/report/data";
import { assignSpend, readSpendRow, type SpendTable } from "../core/report/spend";
import { type Arg, columnArg, finiteTable } from "./arguments";
import { cohortsOf, given, periodTitles, readPeriod, readSegmentedTransactions, type Table } from "./cohorts";
import { optionalRate } from "./forecasts";

/** One column of a spend argument, as long as spend_periods. */
function spendColumn(fn: string, name: string, arg: Arg, rows?: number): Cell[] {
  const cells = columnArg(fn, name, arg);
  if (rows !== undefined && cells.length !== rows)
    throw new Where(fn, name).error(
      `has ${plural(cells.length, "row")} but spend_periods has ${plural(rows, "row")} — give ranges of the same rows`,
    );
  return cells;
}

/** The spend table of the arguments: a period start and a spend per row, and its segment when given. */
function readSpend(
  fn: string,
  periods: Arg,
  spend: Arg,
  segments: Arg | undefined,
  ctx: SheetContext,
): SpendTable {
  const starts = spendColumn(fn, "spend_periods", periods);
  const columns = [starts, spendColumn(fn, "spend", spend, starts.length)];
  const bySegment = given(segments);
  if (bySegment) columns.push(spendColumn(fn, "spend_segments", segments, starts.length));
  const rows = [];
  for (let i = 0; i < starts.length; i++) {
    const cells = columns.map((column) => column[i]);
    if (cells.every(isBlank)) continue;
    const where = (column: 1 | 2) => new Where(fn, column === 1 ? "spend_periods" : "spend").at(i + 1);
    rows.push(readSpendRow(cells, bySegment, ctx, where));
  }
  if (rows.length === 0) throw new Where(fn, "spend").error("has no rows — select the spend table's columns");
  return { rows, bySegment };
}

/**
 * Payback curves: cumulative margin per customer ÷ CAC by period since acquisition, per cohort. For
 * each acquisition cohort (customers by the period of their first purchase; with segments, by cohort
 * and the segment of that purchase), CAC = the spend of its period (and segment) / its new customers,
 * then R(k) = cumulative margin per customer through period k ÷ CAC, for k = 0, 1, …; the cohort
 * has paid back from the first k with R(k) ≥ 1. Margin = amount ×
 * margin. A spend row dated inside a period counts for it (monthly rows under weekly cohorts are
 * spread over their days); with segments, a segment without spend in a period the table covers has
 * CAC 0 (no ratio); without them, a period's spend rows add up whatever their spend_segments. Units: a ratio (1 = CAC recovered). Source: Skok, "SaaS Metrics 2.0" (2013), CAC
 * payback, read per cohort as in cohort payback curves.
 *
 * @param {Array<Array<string>>} customer_ids The customer id of each transaction (a column).
 * @param {Array<Array<Date>>} dates The date of each transaction (a column, same length).
 * @param {Array<Array<number>>} amounts The amount of each transaction in currency; negative for refunds.
 * @param {Array<Array<Date>>} spend_periods The date of each spend row: any day of its period, e.g. the month's 1st.
 * @param {Array<Array<number>>} spend The marketing spend of each row, in currency (same length).
 * @param {Array<Array<string>>} segments Optional: the segment (channel) of each transaction, same length as dates.
 * @param {Array<Array<string>>} spend_segments Optional: the segment each spend row paid for (needed with segments).
 * @param {string} period Optional: "month" (default), "week" or "quarter".
 * @param {number} margin Optional: share of revenue kept as profit (0.3 or 30%); default 1 (revenue).
 * @return A header row, then per cohort: cohort start, segment, customers, CAC, then cumulative margin per customer ÷ CAC for period 0, 1, ….
 * @example =PAYBACK_CURVE(A2:A, B2:B, C2:C, F2:F, G2:G) → Cohort | Segment | Customers | CAC | Month 0 … / 2024-01-01 |  | 2 | 50 | 0.2 | 0.4 | 0.6 | 1
 * @customfunction
 */
export function PAYBACK_CURVE(
  customer_ids: Arg,
  dates: Arg,
  amounts: Arg,
  spend_periods: Arg,
  spend: Arg,
  segments?: Arg,
  spend_segments?: Arg,
  period?: Arg,
  margin?: Arg,
): Table {
  const fn = "PAYBACK_CURVE";
  const ctx = currentSheetContext();
  const unit = readPeriod(fn, period);
  const marginRate = optionalRate(fn, "margin", margin, 1, ctx);
  const split = given(segments);
  const tx = readSegmentedTransactions(fn, { customer_ids, dates, amounts, segments }, ctx);
  const table = readSpend(fn, spend_periods, spend, spend_segments, ctx);
  if (split && !table.bySegment)
    throw new Where(fn, "spend_segments").error(
      "is missing — with segments, give the segment each spend row paid for, so each cohort gets its own spend",
    );
  const cohorts = cohortsOf(fn, tx, unit, { splitBySegment: split, marginRate });
  const rows: CohortSeries[] = cohorts.cohorts.map((c) => ({ ...c, marginLtv: c.marginLtv ?? c.ltv }));
  assignSpend(rows, unit, split, table);
  const out: Table = [["Cohort", "Segment", "Customers", "CAC", ...periodTitles(unit, cohorts.periods)]];
  for (const row of rows) {
    const curve = paybackCurve(row.size, row.spend, row.marginLtv);
    const line: Table[number] = [startOfDayIn(row.start, ctx.days.timeZone), row.segment ?? "", row.size];
    line.push(curve.cac ?? "");
    for (let k = 0; k < cohorts.periods; k++) line.push(curve.ratios[k] ?? "");
    out.push(line);
  }
  return finiteTable(fn, "spend", out);
}
