/**
 * The subscription formulas: MRR movements and net MRR retention by cohort from payment rows, and
 * net / gross revenue retention from movements already summed. The math is core/subscription; this
 * layer reads arguments and writes cells.
 */
import { currentSheetContext } from "../addon/context";
import { CellError, isoDay, plural, type SheetContext, Where } from "../core/cells";
import { startOfDayIn } from "../core/cohorts/zone";
import { MetricError } from "../core/metrics/errors";
import { asLoss, grr, nrr } from "../core/subscription/metrics";
import { MOVEMENTS, type MrrTable, mrrTable } from "../core/subscription/mrr";
import { readTerm, readTerms } from "../core/subscription/terms";
import {
  type Arg,
  anyNumber,
  columnArg,
  elementwise,
  finiteTable,
  nonNegative,
  type Result,
  rangeArg,
  readOptionalDay,
  singleArg,
} from "./arguments";
import { NAMES, readTransactions, type Table } from "./cohorts";

/** Reads payment rows, their terms and the observation end, and computes the MRR table. */
function payments(
  fn: string,
  customer_ids: Arg,
  dates: Arg,
  amounts: Arg,
  term_months: Arg,
  end_date: Arg,
): { table: MrrTable; ctx: SheetContext } {
  const ctx = currentSheetContext();
  const tx = readTransactions(
    fn,
    {
      customerId: rangeArg(fn, "customer_ids", customer_ids),
      date: rangeArg(fn, "dates", dates),
      amount: rangeArg(fn, "amounts", amounts),
    },
    NAMES,
    ctx,
  );
  const where = new Where(fn, "term_months");
  let terms: number | Int32Array;
  if (Array.isArray(term_months) && term_months.length * (term_months[0]?.length ?? 0) > 1) {
    const ids = columnArg(fn, "customer_ids", customer_ids);
    const cells = columnArg(fn, "term_months", term_months);
    if (cells.length !== ids.length)
      throw where.error(
        `has ${plural(cells.length, "row")} but customer_ids has ${plural(ids.length, "row")} — give one term per payment (or a single number)`,
      );
    terms = readTerms(
      ids.length,
      (i) => cells[i],
      (i) => ids[i],
      ctx,
      where,
    );
  } else terms = readTerm(singleArg(fn, "term_months", term_months), ctx, where);
  const endDay = readOptionalDay(fn, "end_date", end_date, ctx);
  if (endDay !== undefined && endDay < tx.firstDay)
    throw new Where(fn, "end_date").error(
      `is ${isoDay(endDay)}, before the first date (${isoDay(tx.firstDay)}) — choose a later end date`,
    );
  try {
    return { table: mrrTable(tx, { terms, endDay }), ctx };
  } catch (error) {
    // The engine's ratios complain only when sums of amounts pass the largest number.
    if (error instanceof MetricError)
      throw new CellError(
        fn,
        "amounts",
        undefined,
        "add up to more than 1.8e308, the largest number a spreadsheet holds",
      );
    throw error;
  }
}

/** A ratio cell: blank where the ratio is undefined. */
const cell = (value: number | null): number | "" => value ?? "";

/**
 * MRR movements, month by month, from payment rows (ChartMogul's and Baremetrics' MRR movement
 * definitions). A payment of amount A covering n months (term_months) adds A / n to each of the n
 * calendar months from the month of its date (in the spreadsheet's time zone); a negative amount is a
 * refund and takes away the same way. A customer's MRR in a month is the sum of these; a month
 * netting to 0 or less is no MRR. From one month to the next, per customer: new (first MRR ever),
 * reactivation (MRR again after a month or more without), expansion (MRR rose), contraction (fell,
 * still above 0; negative), churned (none now; minus last month's MRR); a change under half a cent is
 * no change. MRR at start + new + expansion + reactivation + contraction + churned = MRR at end.
 * NRR = (start + expansion + contraction + churned) / start; GRR = (start + contraction + churned) /
 * start; quick ratio = (new + expansion + reactivation) / −(contraction + churned); blank where the
 * denominator is 0. Amounts are in the payments' currency per month; ratios are fractions (1 = 100%).
 * Source: ChartMogul, "MRR movements" and "Net MRR retention"; Baremetrics, "Quick Ratio".
 *
 * @param {Array<Array<string>>} customer_ids The customer id of each payment (a column; text ids such as 00004 stay text).
 * @param {Array<Array<Date>>} dates The date of each payment (a column of dates, same length).
 * @param {Array<Array<number>>} amounts The amount of each payment, in currency (negative for a refund).
 * @param {number|Array<Array<number>>} term_months Optional: months each payment covers, a whole number (default 1; 12 for an annual plan), for all rows or a column beside the payments (blank = 1; a refund of a yearly payment takes 12 too).
 * @param {Date} end_date Optional: the last day observed (default: the last date in the data); later rows are left out.
 * @return A table: a header row, then one row per month: month start, MRR at start, new, expansion, reactivation, contraction, churned, MRR at end, customers with MRR, NRR, GRR, quick ratio.
 * @example =MRR_MOVEMENTS(A2:A, B2:B, C2:C, D2:D) → Month | MRR at start | New | … / 2024-01-01 | 0 | 190 | …
 * @customfunction
 */
export function MRR_MOVEMENTS(
  customer_ids: Arg,
  dates: Arg,
  amounts: Arg,
  term_months?: Arg,
  end_date?: Arg,
): Table {
  const { table: t, ctx } = payments("MRR_MOVEMENTS", customer_ids, dates, amounts, term_months, end_date);
  const rows: Table = [
    [
      "Month",
      "MRR at start",
      ...MOVEMENTS.map(([, label]) => label),
      "MRR at end",
      "Customers",
      "NRR",
      "GRR",
      "Quick ratio",
    ],
  ];
  for (let m = 0; m < t.months; m++)
    rows.push([
      startOfDayIn(t.monthStart[m], ctx.days.timeZone),
      t.start[m],
      ...MOVEMENTS.map(([key]) => t[key][m]),
      t.end[m],
      t.customers[m],
      cell(t.nrr[m]),
      cell(t.grr[m]),
      cell(t.quickRatio[m]),
    ]);
  return finiteTable("MRR_MOVEMENTS", "amounts", rows);
}

/**
 * Net MRR retention by cohort: customers grouped by the month of their first MRR (see MRR_MOVEMENTS
 * for how payments become MRR); for each cohort and month k after it, the cohort's MRR in its month k
 * over its MRR in month 0 — 100% at k = 0, above 100% where expansion outgrows churn. Months after the
 * last are blank. Ratios are fractions (1 = 100%). Source: ChartMogul, "Cohort analysis: net MRR
 * retention".
 *
 * @param {Array<Array<string>>} customer_ids The customer id of each payment (a column).
 * @param {Array<Array<Date>>} dates The date of each payment (a column of dates, same length).
 * @param {Array<Array<number>>} amounts The amount of each payment, in currency (negative for a refund).
 * @param {number|Array<Array<number>>} term_months Optional: months each payment covers (default 1; 12 for an annual plan), a number or a column.
 * @param {Date} end_date Optional: the last day observed (default: the last date in the data).
 * @return A table: a header row, then one row per cohort: cohort start, customers, net MRR retention in month 0, 1, ….
 * @example =COHORT_NRR(A2:A, B2:B, C2:C, 12) → Cohort | Customers | Month 0 | Month 1 … / 2024-01-01 | 40 | 1 | 0.96 …
 * @customfunction
 */
export function COHORT_NRR(
  customer_ids: Arg,
  dates: Arg,
  amounts: Arg,
  term_months?: Arg,
  end_date?: Arg,
): Table {
  const { table: t, ctx } = payments("COHORT_NRR", customer_ids, dates, amounts, term_months, end_date);
  const header: Table[number] = ["Cohort", "Customers"];
  for (let k = 0; k < t.months; k++) header.push(`Month ${k}`);
  return finiteTable("COHORT_NRR", "amounts", [
    header,
    ...t.cohorts.map((c) => {
      const row: Table[number] = [startOfDayIn(c.start, ctx.days.timeZone), c.customers, ...c.retention];
      while (row.length < header.length) row.push("");
      return row;
    }),
  ]);
}

/** Contraction and churned: movements (≤ 0) or positive amounts lost, read as movements. */
const LOSSES = [
  { name: "contraction", read: anyNumber },
  { name: "churned", read: anyNumber },
];

/**
 * Net revenue retention: (mrr_start + expansion − contraction − churned) / mrr_start, where
 * contraction and churned are the MRR lost; give them as negative movements (as MRR_MOVEMENTS writes
 * them) or as positive amounts lost — both count as losses. Above 1 (100%) when expansion outgrows
 * the losses. Source: ChartMogul, "Net MRR retention".
 *
 * @param {number|Array<Array<number>>} mrr_start MRR at the start of the period, in currency.
 * @param {number|Array<Array<number>>} expansion MRR gained from existing customers (upgrades), in currency.
 * @param {number|Array<Array<number>>} contraction MRR lost to downgrades: −30 or 30 both mean 30 lost.
 * @param {number|Array<Array<number>>} churned MRR lost to customers who left: −50 or 50 both mean 50 lost.
 * @return Net revenue retention, a fraction (1.05 = 105%).
 * @example =NRR(1000, 100, -20, -30) → 1.05
 * @customfunction
 */
export function NRR(mrr_start: Arg, expansion: Arg, contraction: Arg, churned: Arg): Result {
  return elementwise(
    "NRR",
    [{ name: "mrr_start", read: nonNegative }, { name: "expansion", read: nonNegative }, ...LOSSES],
    [mrr_start, expansion, contraction, churned],
    currentSheetContext(),
    (start, e, c, ch) => nrr(start, e, asLoss(c), asLoss(ch)),
  );
}

/**
 * Gross revenue retention: (mrr_start − contraction − churned) / mrr_start, the MRR kept from the
 * start of the period before any expansion, at most 1 (100%). Contraction and churned may be given as
 * negative movements (as MRR_MOVEMENTS writes them) or as positive amounts lost — both count as
 * losses. Source: ChartMogul, "Gross MRR retention".
 *
 * @param {number|Array<Array<number>>} mrr_start MRR at the start of the period, in currency.
 * @param {number|Array<Array<number>>} contraction MRR lost to downgrades: −30 or 30 both mean 30 lost.
 * @param {number|Array<Array<number>>} churned MRR lost to customers who left: −50 or 50 both mean 50 lost.
 * @return Gross revenue retention, a fraction (0.95 = 95%).
 * @example =GRR(1000, -20, -30) → 0.95
 * @customfunction
 */
export function GRR(mrr_start: Arg, contraction: Arg, churned: Arg): Result {
  return elementwise(
    "GRR",
    [{ name: "mrr_start", read: nonNegative }, ...LOSSES],
    [mrr_start, contraction, churned],
    currentSheetContext(),
    (start, c, ch) => grr(start, asLoss(c), asLoss(ch)),
  );
}
