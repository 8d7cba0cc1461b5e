/**
 * Calendar periods on {@link DayNumber}s: calendar months (the default), ISO weeks (Monday to
 * Sunday) and calendar quarters. A period is named by an integer index that grows by one per period,
 * so the number of whole periods between two periods is a subtraction:
 * - month: year × 12 + month − 1;
 * - quarter: year × 4 + quarter − 1;
 * - week: weeks since the Monday 1969-12-29 (day −3), negative before it.
 * Day numbers are calendar days with no time zone (cells.ts's `DayReader` reads a Sheets `Date` in the
 * spreadsheet's zone), so periods are the spreadsheet's calendar periods whatever the script's zone.
 */
import type { DayNumber } from "../cells";

export type PeriodUnit = "week" | "month" | "quarter";

export const PERIOD_UNITS: readonly PeriodUnit[] = ["week", "month", "quarter"];

/** Words for a period unit, singular and plural. */
export const PERIOD_WORDS: Record<PeriodUnit, { one: string; many: string }> = {
  week: { one: "week", many: "weeks" },
  month: { one: "month", many: "months" },
  quarter: { one: "quarter", many: "quarters" },
};

/** The Monday 1969-12-29, the first day of week index 0. */
const WEEK_EPOCH = -3;

/** Year, month (1–12) and day of a day number, in integer arithmetic (H. Hinnant's `civil_from_days`). */
export function civilFromDays(day: DayNumber): { year: number; month: number; day: number } {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d };
}

/** The day number of a calendar date, in integer arithmetic (H. Hinnant's `days_from_civil`). */
export function daysFromCivil(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The index of the period a day falls in. */
export function periodIndex(unit: PeriodUnit, day: DayNumber): number {
  if (unit === "week") return Math.floor((day - WEEK_EPOCH) / 7);
  const { year, month } = civilFromDays(day);
  return unit === "month" ? year * 12 + month - 1 : year * 4 + Math.floor((month - 1) / 3);
}

/** The first day of a period. */
export function periodStart(unit: PeriodUnit, index: number): DayNumber {
  if (unit === "week") return WEEK_EPOCH + index * 7;
  const months = unit === "month" ? index : index * 3;
  const year = Math.floor(months / 12);
  return daysFromCivil(year, months - year * 12 + 1, 1);
}

/** The last day of a period. */
export function periodEnd(unit: PeriodUnit, index: number): DayNumber {
  return periodStart(unit, index + 1) - 1;
}

/** Whole periods from period `from` to period `to` (negative when `to` is earlier). */
export function periodsBetween(from: number, to: number): number {
  return to - from;
}

/** The first day of the period a day falls in. */
export function startOfPeriod(unit: PeriodUnit, day: DayNumber): DayNumber {
  return periodStart(unit, periodIndex(unit, day));
}

/**
 * A short label of a period: `2024-03` (month), `2024-W07` (ISO week, numbered in its ISO year),
 * `2024-Q1` (quarter).
 */
export function periodLabel(unit: PeriodUnit, index: number): string {
  const start = periodStart(unit, index);
  if (unit === "week") {
    // The ISO year of a week is the year of its Thursday.
    const thursday = civilFromDays(start + 3);
    const week = Math.floor((start + 3 - daysFromCivil(thursday.year, 1, 1)) / 7) + 1;
    return `${thursday.year}-W${String(week).padStart(2, "0")}`;
  }
  const { year, month } = civilFromDays(start);
  return unit === "month"
    ? `${year}-${String(month).padStart(2, "0")}`
    : `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/**
 * Reads a period name as people type it: `month`, `months`, `monthly`, `M`; `week`, `weekly`, `W`,
 * `isoweek`; `quarter`, `quarterly`, `Q`; any case. Returns `undefined` for anything else.
 */
export function parsePeriodUnit(text: string): PeriodUnit | undefined {
  const s = text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, "");
  if (["month", "months", "monthly", "m", "mo", "calendarmonth"].includes(s)) return "month";
  if (["week", "weeks", "weekly", "w", "wk", "isoweek", "isoweeks"].includes(s)) return "week";
  if (["quarter", "quarters", "quarterly", "q", "qtr", "calendarquarter"].includes(s)) return "quarter";
  return undefined;
}

/**
 * Period indexes of a span of days, as a lookup table: `table[day − first]` is the period index of
 * `day`. Aggregations read it instead of computing a calendar date per row.
 */
export function periodTable(unit: PeriodUnit, first: DayNumber, last: DayNumber): Int32Array {
  const table = new Int32Array(Math.max(0, last - first + 1));
  if (table.length === 0) return table;
  let index = periodIndex(unit, first);
  let nextStart = periodStart(unit, index + 1);
  for (let day = first, i = 0; day <= last; day++, i++) {
    if (day >= nextStart) {
      index++;
      nextStart = periodStart(unit, index + 1);
    }
    table[i] = index;
  }
  return table;
}
