/**
 * The dates of the transactions before a build: their range, and the dates that do not fit (after
 * today, or far before or after the bulk of the data), so one typo (2099, 1924) is shown to the user
 * instead of moving the observation end or adding thousands of empty cohort columns. The user's
 * choice to leave them out is a date window stored with the report.
 */
import {
  type Cell,
  type DayNumber,
  isBlank,
  isDate,
  isoDay,
  parseDateText,
  readDay,
  type SheetContext,
  Where,
} from "../core/cells";
import { looksLikeHeader } from "../core/columns";
import { shorten } from "./messages";
import type { DateSummary, SuspiciousDate } from "./server";
import type { DateWindow } from "./settings";

/** How many suspicious dates the sidebar lists. */
const LISTED = 20;

const WHERE = new Where("Transactions", "date");

/** A cell's calendar day, read as the build reads it, or undefined when it holds no date. */
function dayOf(cell: Cell, ctx: SheetContext): DayNumber | undefined {
  if (isBlank(cell)) return undefined;
  try {
    return readDay(cell, ctx, WHERE);
  } catch {
    return undefined;
  }
}

function quantile(sorted: Int32Array, q: number): number {
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (at - low);
}

/**
 * Dates "far outside the bulk": more than three interquartile ranges (at least two years) before the
 * first quartile or after the third (Tukey's far-out fences, widened so a young business's first
 * year is not flagged). Dates after `today` are flagged separately and left out of the quartiles.
 */
function fences(days: Int32Array): { low: number; high: number } {
  const sorted = days.slice().sort();
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  const width = Math.max(3 * (q3 - q1), 730);
  return { low: q1 - width, high: q3 + width };
}

/**
 * The summary of one column of `rows` (the table's cells, header first when it has one);
 * `firstRow` is the sheet row of `rows[0]`. Null when the column holds no date.
 */
export function summariseDates(
  rows: readonly Cell[][],
  column: number,
  firstRow: number,
  ctx: SheetContext,
  now = new Date(),
): DateSummary | null {
  const skip = rows.length > 0 && looksLikeHeader(rows[0], ctx) ? 1 : 0;
  const today = ctx.days.day(now);
  const days: number[] = [];
  const at: number[] = [];
  let unreadable = 0;
  for (let i = skip; i < rows.length; i++) {
    const cell = rows[i][column];
    const day = dayOf(cell, ctx);
    if (day === undefined) {
      if (!isBlank(cell)) unreadable++;
      continue;
    }
    days.push(day);
    at.push(i);
  }
  if (days.length === 0) return null;
  const past = Int32Array.from(days.filter((d) => d <= today));
  const { low, high } = past.length ? fences(past) : { low: -Infinity, high: Infinity };
  const suspicious: SuspiciousDate[] = [];
  let count = 0;
  let first = Infinity;
  let last = -Infinity;
  let bulkFirst = Infinity;
  let bulkLast = -Infinity;
  days.forEach((day, k) => {
    first = Math.min(first, day);
    last = Math.max(last, day);
    const reason = day > today ? "future" : day < low || day > high ? "outlier" : undefined;
    if (!reason) {
      bulkFirst = Math.min(bulkFirst, day);
      bulkLast = Math.max(bulkLast, day);
      return;
    }
    count++;
    if (suspicious.length < LISTED) {
      const cell = rows[at[k]][column];
      const shown = isDate(cell) ? isoDay(day) : String(cell);
      suspicious.push({
        row: firstRow + at[k],
        date: isoDay(day),
        value: shorten(shown),
        reason,
      });
    }
  });
  return {
    first: isoDay(first),
    last: isoDay(last),
    today: isoDay(today),
    bulk: Number.isFinite(bulkFirst) ? { from: isoDay(bulkFirst), to: isoDay(bulkLast) } : null,
    suspicious,
    suspiciousCount: count,
    unreadable,
  };
}

/**
 * `rows` with the rows dated outside `window` blanked (not removed, so every other row keeps its
 * number in messages); rows whose date cannot be read stay, for the build to name.
 */
export function insideWindow(
  rows: Cell[][],
  column: number,
  window: DateWindow | null,
  ctx: SheetContext,
): Cell[][] {
  if (!window || (!window.from && !window.to)) return rows;
  // The window's ends are ISO days the sidebar sent; a missing or unreadable end leaves that side open.
  const end = (text: string | null | undefined, open: number) => {
    const day = text ? parseDateText(text, ctx.locale) : undefined;
    return typeof day === "number" ? day : open;
  };
  const from = end(window.from, -Infinity);
  const to = end(window.to, Infinity);
  return rows.map((row) => {
    const day = dayOf(row[column], ctx);
    return day !== undefined && (day < from || day > to) ? row.map(() => "") : row;
  });
}
