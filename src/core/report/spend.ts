/**
 * The marketing spend table of an LTV:CAC report: one row per spend, in the columns period start,
 * spend and optionally segment (the acquisition channel the money went to). A header row is skipped.
 * A day inside a period counts for that period, so a weekly spend table serves a monthly report; a
 * monthly table under weekly cohorts is spread over the weeks by days ({@link spendByPeriod}).
 */
import {
  type Cell,
  isBlank,
  plural,
  readDay,
  readNumber,
  type SheetContext,
  showCell,
  Where,
} from "../cells";
import { BLANK_SEGMENT, civilFromDays, type PeriodUnit, periodEnd, periodIndex } from "../cohorts";
import { looksLikeHeader } from "../columns";
import type { CohortSeries } from "./data";
import type { Words } from "./words";

export interface SpendRow {
  /** The calendar day the spend is dated (any day of its period). */
  day: number;
  spend: number;
  /** The segment the spend acquired customers for; undefined when the table has no segment column. */
  segment?: string;
}

export interface SpendTable {
  rows: SpendRow[];
  /** Whether the table names a segment per row, so spend can be matched to segment cohorts. */
  bySegment: boolean;
}

/**
 * Reads a spend table (period start, spend[, segment]). Blank rows are skipped; a row with a date
 * but a bad spend, or a negative spend, is an error naming the row as the user sees it.
 * @example readSpendTable([["Month", "Spend"], ["2024-01-01", "$1,200"]], ctx).rows
 *   // [{ day: 19723, spend: 1200 }]
 */
export function readSpendTable(
  table: readonly Cell[][],
  ctx: SheetContext,
  label = "Spend table",
): SpendTable {
  const skip = table.length > 0 && looksLikeHeader(table[0], ctx) ? 1 : 0;
  const width = table.reduce((w, row) => Math.max(w, row.length), 0);
  if (width < 2) {
    throw new Where(label, "the range").error(
      `has ${plural(width, "column")} — expected period start, spend and optionally segment`,
    );
  }
  const bySegment = width >= 3 && table.slice(skip).some((row) => !isBlank(row[2]));
  const rows: SpendRow[] = [];
  for (let i = skip; i < table.length; i++) {
    const row = table[i];
    if (row.every(isBlank)) continue;
    const where = (column: 1 | 2) =>
      new Where(label, column === 1 ? "period start" : "spend").at(i + 1, column, true);
    rows.push(readSpendRow(row, bySegment, ctx, where));
  }
  return { rows, bySegment };
}

/**
 * One spend row from its cells (period start, spend[, segment]); a bad date or spend, or a negative
 * spend, is an error at `where(column)`.
 */
export function readSpendRow(
  row: readonly Cell[],
  bySegment: boolean,
  ctx: SheetContext,
  where: (column: 1 | 2) => Where,
): SpendRow {
  const day = readDay(monthText(row[0]), ctx, where(1));
  const spend = readNumber(row[1], ctx, where(2));
  if (spend < 0) throw where(2).error(`is ${showCell(row[1])} — spend cannot be negative`);
  const segment = bySegment && !isBlank(row[2]) ? String(row[2]).trim() : undefined;
  return segment === undefined ? { day, spend } : { day, spend, segment };
}

/** Spend tables often name a month without a day ("2024-03", "2024/3"): that is its first day. */
function monthText(cell: Cell): Cell {
  const month = typeof cell === "string" ? /^\s*(\d{4})[-/.](\d{1,2})\s*$/.exec(cell) : null;
  return month ? `${month[1]}-${month[2].padStart(2, "0")}-01` : cell;
}

/** Spend of a table as one period's amount: its period index and segment. */
export interface PeriodSpend {
  period: number;
  segment?: string;
  spend: number;
}

/**
 * A table whose every row is dated the 1st of a month holds monthly spend. Under
 * weekly cohorts such a month is spread over its days, each ISO week taking the days it holds (a week
 * across two months takes a share of each); otherwise a row counts for the period holding its date,
 * so monthly rows add up to their quarter.
 * @example weekly cohorts, 310 spent in January 2024 and 290 in February: the week of Monday 29 January
 *   takes 3 × 310/31 + 4 × 290/29 = 70.
 */
export function spendByPeriod(
  table: SpendTable,
  unit: PeriodUnit,
): { spread: boolean; amounts: PeriodSpend[] } {
  const spread = unit === "week" && isMonthly(table);
  const amounts: PeriodSpend[] = [];
  for (const { day, spend, segment } of table.rows) {
    if (!spread) {
      amounts.push({ period: periodIndex(unit, day), segment, spend });
      continue;
    }
    const next = periodEnd("month", periodIndex("month", day)) + 1;
    for (let from = day; from < next; ) {
      const week = periodIndex("week", from);
      const to = Math.min(periodEnd("week", week) + 1, next);
      amounts.push({ period: week, segment, spend: (spend * (to - from)) / (next - day) });
      from = to;
    }
  }
  return { spread, amounts };
}

function isMonthly(table: SpendTable): boolean {
  return table.rows.length > 0 && table.rows.every((s) => civilFromDays(s.day).day === 1);
}

/**
 * Sets each cohort row's spend: split by segment, to the row of its period and segment, and a segment
 * with no spend in a period the table covers gets 0 (organic customers cost nothing). Returns the
 * Summary's description of the match, with the rule that put the spend into periods, amounts written
 * by `money` as the sheets' money format shows them.
 */
export function matchSpend(
  rows: CohortSeries[],
  unit: PeriodUnit,
  split: boolean,
  spend: SpendTable | undefined,
  w: Words,
  money: (amount: number) => string,
): string {
  if (!spend) return w.spendNone;
  if (split && !spend.bySegment) return w.spendNoSegment;
  const { spread, unmatched } = assignSpend(rows, unit, split, spend);
  const total = spend.rows.reduce((sum, s) => sum + s.spend, 0);
  const notes = [w.spendRows(spend.rows.length, money(total)), spread ? w.spendSpread : w.spendByDate(unit)];
  if (unmatched > 0.005) notes.push(w.spendLeftOut(money(unmatched)));
  return notes.join("; ");
}

/**
 * Sets each cohort row's spend as {@link matchSpend} describes; returns whether months were spread
 * over weeks and the spend that matched no row (no new customers in its period and segment).
 */
export function assignSpend(
  rows: CohortSeries[],
  unit: PeriodUnit,
  split: boolean,
  spend: SpendTable,
): { spread: boolean; unmatched: number } {
  const { spread, amounts } = spendByPeriod(spend, unit);
  // A spend row without a channel pays for the customers without one, labelled as the cohorts are.
  const key = (period: number, segment: string | undefined) =>
    split ? `${period}\u0000${segment ?? BLANK_SEGMENT}` : `${period}`;
  const totals = new Map<string, number>();
  const covered = new Set<number>();
  for (const s of amounts) {
    covered.add(s.period);
    const k = key(s.period, s.segment);
    totals.set(k, (totals.get(k) ?? 0) + s.spend);
  }
  const matched = new Set<string>();
  for (const row of rows) {
    const k = key(row.period, row.segment);
    const value = totals.get(k);
    if (value !== undefined) {
      row.spend = value;
      matched.add(k);
    } else if (split && covered.has(row.period)) {
      row.spend = 0;
    }
  }
  let unmatched = 0;
  for (const [k, value] of totals) if (!matched.has(k)) unmatched += value;
  return { spread, unmatched };
}

export const round = (x: number) => Math.round(x * 100) / 100;
