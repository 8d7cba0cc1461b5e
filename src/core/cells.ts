/**
 * Sheets cell values → typed values.
 *
 * Sheets hands a custom function numbers, strings, booleans, `Date`s and `""` for blanks; people type
 * or paste money as text ("$1,234.50", "1 234,50 ₽", "₩12,000", "12%"). This module turns such values
 * into numbers and calendar days, reading ambiguous separators with the spreadsheet's locale, and
 * raises {@link CellError}s that name the function, the argument and the cell.
 */

import { type NumberLocale, numberLocale, parseNumberText } from "./number-text";

export { type NumberLocale, numberLocale, parseNumberText };

/** A value as Sheets passes it for one cell. */
export type Cell = number | string | boolean | Date | null | undefined;

/** Where a value sits: the 1-based row and column inside its range, or nothing for a single cell. */
export interface CellPosition {
  row: number;
  column: number;
  /** Whether the range has more than one column (so the column is worth naming). */
  wide: boolean;
}

/** An error a user reads: `LTV: aov, row 7, is "abc" — expected a number`. */
export class CellError extends Error {
  constructor(
    readonly fn: string,
    readonly arg: string,
    readonly position: CellPosition | undefined,
    readonly detail: string,
  ) {
    super(`${fn}: ${arg}${describePosition(position)} ${detail}`);
    this.name = "CellError";
  }
}

function describePosition(position: CellPosition | undefined): string {
  if (!position) return "";
  return position.wide ? `, row ${position.row}, column ${position.column},` : `, row ${position.row},`;
}

/** A count and its noun for messages: "1 row", "2,500 rows". */
export function plural(n: number, word: string): string {
  return `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
}

/** How a value is shown in an error message: strings quoted, dates as ISO days. */
export function showCell(value: Cell): string {
  if (isDate(value))
    return Number.isNaN(value.getTime()) ? "an invalid date" : value.toISOString().slice(0, 10);
  if (typeof value === "string") return JSON.stringify(value);
  return String(value);
}

/** True for a `Date` from any realm (Apps Script and `vm` contexts have their own `Date`). */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === "[object Date]";
}

/** A blank cell: Sheets passes `""`; whitespace-only text and missing optional arguments count too. */
export function isBlank(value: Cell): boolean {
  return (
    value === "" || value === null || value === undefined || (typeof value === "string" && !value.trim())
  );
}

/** Whole days since 1970-01-01 of a calendar date (proleptic Gregorian, no time zone). */
export type DayNumber = number;

/** Milliseconds in a calendar day (days here have no time zone, so no daylight-saving hours). */
export const MS_PER_DAY = 86_400_000;

/** The day number of a calendar date. */
export function dayNumber(year: number, month: number, day: number): DayNumber {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** The calendar date of a day number, as an ISO `yyyy-mm-dd` string. */
export function isoDay(day: DayNumber): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Year, month (1–12) and day of month of a day number. */
export function civilDate(day: DayNumber): { year: number; month: number; day: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * Turns `Date`s into calendar days in one time zone. Sheets passes a date cell as midnight in the
 * spreadsheet's zone, so the calendar day must be read in that zone, not in UTC or the script's.
 * Results are memoised per instant: a transaction table has far fewer distinct dates than rows.
 */
export class DayReader {
  private readonly cache = new Map<number, DayNumber>();
  /** In front of the memo, a direct-mapped table of recent instants and their days: no boxing of
   * the instant as a `Map` key, for a million rows whose dates repeat but not row after row. */
  private readonly recentTimes = new Float64Array(RECENT).fill(Number.NaN);
  private readonly recentDays = new Int32Array(RECENT);
  private readonly format: Intl.DateTimeFormat;

  constructor(readonly timeZone = "UTC") {
    this.format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hourCycle: "h23",
    });
  }

  day(date: Date): DayNumber {
    const time = date.getTime();
    const slot = Math.imul(time / 60_000, 0x9e3779b1) >>> (32 - RECENT_BITS);
    if (this.recentTimes[slot] === time) return this.recentDays[slot];
    let day = this.cache.get(time);
    if (day === undefined) {
      const parts = this.format.formatToParts(date);
      const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
      day = dayNumber(get("year"), get("month"), get("day"));
      this.cache.set(time, day);
    }
    this.recentTimes[slot] = time;
    this.recentDays[slot] = day;
    return day;
  }
}

const RECENT_BITS = 12;
const RECENT = 1 << RECENT_BITS;

/** The order of day, month and year in a locale's short date, e.g. `["month", "day", "year"]`. */
function dateOrder(locale: NumberLocale): string[] {
  return new Intl.DateTimeFormat(locale.tag, { year: "numeric", month: "numeric", day: "numeric" })
    .formatToParts(new Date(Date.UTC(2001, 10, 22)))
    .filter((p) => p.type === "year" || p.type === "month" || p.type === "day")
    .map((p) => p.type);
}

const dateOrderCache = new Map<string, string[]>();

/** Serial day 0 of Sheets and Excel date numbers is 1899-12-30. */
const SERIAL_EPOCH = dayNumber(1899, 12, 30);

/**
 * Reads a date from text: ISO `yyyy-mm-dd` (a time part is ignored), or the three numbers of the
 * locale's short date (`3/14/2024` in en-US, `14.03.2024` in ru-RU, `2024. 3. 14.` in ko-KR).
 * Returns `undefined` when the text is not a valid date.
 */
export function parseDateText(text: string, locale: NumberLocale): DayNumber | undefined {
  const s = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (iso) return validDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const numbers = s.match(/\d+/g);
  if (numbers?.length !== 3 || !/^[\d\s./-]+$/.test(s)) return undefined;
  if (numbers[0].length === 4) return validDay(Number(numbers[0]), Number(numbers[1]), Number(numbers[2]));
  let order = dateOrderCache.get(locale.tag);
  if (!order) {
    order = dateOrder(locale);
    dateOrderCache.set(locale.tag, order);
  }
  const field = (name: string) => Number(numbers[order.indexOf(name)]);
  let year = field("year");
  if (numbers[order.indexOf("year")].length <= 2) year += year < 70 ? 2000 : 1900;
  return validDay(year, field("month"), field("day"));
}

function validDay(year: number, month: number, day: number): DayNumber | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const result = dayNumber(year, month, day);
  const back = civilDate(result);
  return back.month === month && back.day === day ? result : undefined;
}

/** Reading context for one call: the spreadsheet's locale and time zone. */
export interface SheetContext {
  locale: NumberLocale;
  days: DayReader;
}

export function sheetContext(sheetsLocale = "en_US", timeZone = "UTC"): SheetContext {
  return { locale: numberLocale(sheetsLocale), days: new DayReader(timeZone) };
}

/** Errors Sheets shows in a cell and passes on as text, e.g. `#N/A` from a failed lookup. */
const SHEETS_ERRORS = /^#(N\/A|REF!|VALUE!|DIV\/0!|NUM!|NAME\?|NULL!|ERROR!)$/;

/** Names what a bad value is, for the words after "is": `"abc"`, `a TRUE checkbox`, `#N/A`. */
function describeBad(value: Cell): string {
  if (typeof value === "boolean") return `${String(value).toUpperCase()} (a checkbox or logical value)`;
  if (typeof value === "string" && SHEETS_ERRORS.test(value.trim())) return `the error ${value.trim()}`;
  return showCell(value);
}

/** Reads one cell as a number; blank, text that is not a number, booleans and errors throw. */
export function readNumber(value: Cell, ctx: SheetContext, where: Where): number {
  if (typeof value === "number") {
    if (Number.isFinite(value)) return value;
    throw where.error(`is ${value} — expected a finite number`);
  }
  if (typeof value === "string" && !isBlank(value)) {
    const parsed = parseNumberText(value, ctx.locale);
    if (parsed !== undefined) return parsed;
  }
  if (isBlank(value)) throw where.error("is blank — expected a number");
  throw where.error(`is ${describeBad(value)} — expected a number`);
}

/** Reads one cell as a calendar day: a `Date`, ISO or locale date text, or a Sheets serial number. */
export function readDay(value: Cell, ctx: SheetContext, where: Where): DayNumber {
  if (isDate(value)) {
    if (!Number.isNaN(value.getTime())) return ctx.days.day(value);
  } else if (typeof value === "number") {
    if (Number.isFinite(value) && value >= 1 && value < 2_958_466) return SERIAL_EPOCH + Math.floor(value);
  } else if (typeof value === "string" && !isBlank(value)) {
    const parsed = parseDateText(value, ctx.locale);
    if (parsed !== undefined) return parsed;
  }
  if (isBlank(value)) throw where.error("is blank — expected a date");
  throw where.error(`is ${describeBad(value)} — expected a date such as 2024-03-14`);
}

/** Reads one cell as an identifier: text stays text (`"00004"` stays `"00004"`), numbers become text. */
export function readId(value: Cell, where: Where): string {
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (isDate(value)) return showCell(value);
  throw where.error(`is ${describeBad(value)} — expected a customer id`);
}

/** Makes errors for one argument at one position. */
export class Where {
  constructor(
    readonly fn: string,
    readonly arg: string,
    readonly position?: CellPosition,
  ) {}

  error(detail: string): CellError {
    return new CellError(this.fn, this.arg, this.position, detail);
  }

  at(row: number, column = 1, wide = false): Where {
    return new Where(this.fn, this.arg, { row, column, wide });
  }
}
