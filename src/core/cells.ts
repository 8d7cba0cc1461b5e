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

/** How a value is shown in an error message: strings quoted (cut to 60 characters), dates as ISO days. */
export function showCell(value: Cell): string {
  if (isDate(value))
    return Number.isNaN(value.getTime()) ? "an invalid date" : value.toISOString().slice(0, 10);
  if (typeof value === "string")
    return JSON.stringify(value.length > 60 ? `${Array.from(value).slice(0, 59).join("")}…` : value);
  return String(value);
}

// Built-ins the per-cell functions call, as module constants: no global lookup per cell (see
// fit/special.ts).
const objectToString = Object.prototype.toString;
const { imul } = Math;

/** True for a `Date` from any realm (Apps Script and `vm` contexts have their own `Date`). */
export function isDate(value: unknown): value is Date {
  return objectToString.call(value) === "[object Date]";
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

/** The day number of a calendar date; years 0–99 are those years (`Date.UTC` would make them 19xx). */
export function dayNumber(year: number, month: number, day: number): DayNumber {
  const time = Date.UTC(year, month - 1, day);
  return Math.floor((year >= 0 && year < 100 ? new Date(time).setUTCFullYear(year) : time) / MS_PER_DAY);
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
    const slot = imul(time / 60_000, 0x9e3779b1) >>> (32 - RECENT_BITS);
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

/**
 * The order of day, month and year in dates written with numbers: a locale's short date (en-US
 * `mdy`, en-GB and ru-RU `dmy`, ko-KR `ymd`), or what the user said it is.
 */
export type DateOrder = "dmy" | "mdy" | "ymd";

export const DATE_ORDERS: Record<DateOrder, string> = {
  dmy: "day/month/year",
  mdy: "month/day/year",
  ymd: "year/month/day",
};

const dateOrderCache = new Map<string, DateOrder>();

/** The order of a locale's short date, as `Intl.DateTimeFormat` writes 22 November 2001. */
export function localeDateOrder(locale: NumberLocale): DateOrder {
  let order = dateOrderCache.get(locale.tag);
  if (!order) {
    const types = new Intl.DateTimeFormat(locale.tag, { year: "numeric", month: "numeric", day: "numeric" })
      .formatToParts(new Date(Date.UTC(2001, 10, 22)))
      .map((p) => p.type[0])
      .filter((t) => t === "d" || t === "m" || t === "y")
      .join("");
    order = types === "dmy" || types === "mdy" ? types : "ymd";
    dateOrderCache.set(locale.tag, order);
  }
  return order;
}

/**
 * Years a date may have. Outside them a date is a typo or a misread, not a purchase: year 24 is a
 * two-digit year taken literally, year 9999 a placeholder, 1899-12-30 a time without a date.
 */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2200;
const FIRST_DAY = dayNumber(FIRST_YEAR, 1, 1);
const LAST_DAY = dayNumber(LAST_YEAR, 12, 31);

/** Serial day 0 of Sheets and Excel date numbers is 1899-12-30 (Excel agrees from 1 March 1900). */
const SERIAL_EPOCH = dayNumber(1899, 12, 30);

/** A day (whole or with its time as a fraction) as a Sheets and Excel date serial. */
export function dateSerial(day: number): number {
  return day - SERIAL_EPOCH;
}

/** Why a day is not accepted, or undefined when its year is inside the range. */
function yearProblem(day: DayNumber): string | undefined {
  if (inYearRange(day)) return undefined;
  const { year } = civilDate(day);
  const hint =
    day === SERIAL_EPOCH
      ? " (a time of day without a date)"
      : year >= 0 && year < 100
        ? " (type all four digits of the year)"
        : "";
  return `the year ${year} is outside ${FIRST_YEAR}–${LAST_YEAR}${hint}`;
}

// A time after the date as exports write it (`10:00`, `10:00:00.000`, `3:00 PM`, `오후 3:00:00`) and
// its zone (`Z`, `UTC`, `+09:00`, `-0500`), matched on trimmed text. Linear on any text: it starts
// only where a run of separators starts (the look-behind), and no two quantifiers next to each other
// can match the same characters, so a failed match never retries a run of spaces in another split
// (the pattern this replaced took seconds on a 612-character cell of tabs; test/core/hostile-text.test.ts).
const TIME =
  /(?<![T\s])[T\s]+(?:(?:오전|오후)\s*)?\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*[AP]\.?M\.?)?(?:\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}))?$/i;
// The commonest form, ISO with or without a time, read without splitting: an export of timestamps
// has as many distinct dates as rows.
const ISO = /^(\d{4})-(\d\d)-(\d\d)(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)? ?(?:Z|[+-]\d\d:?\d\d)?)?$/;
/** Longer text is not a date: the longest an export writes, `2024-03-14T10:00:00.000000000+09:00`,
 * has 35 characters. Checked first, so a pasted page of text costs nothing to reject. */
const MAX_DATE_TEXT = 100;
const WEEKDAY = /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*$/i;
// English month names, then Russian ones in the nominative and genitive case.
const MONTH_NAMES = (
  "january february march april may june july august september october november december " +
  "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь " +
  "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"
).split(" ");

/** The month (1–12) a word names in full or by three letters or more ("Jan", "Sept", "января"). */
function monthOfName(word: string): number | undefined {
  const w = word.toLowerCase();
  const index = w.length >= 3 ? MONTH_NAMES.findIndex((name) => name.startsWith(w)) : -1;
  return index < 0 ? undefined : (index % 12) + 1;
}

/**
 * The parts of a date's text with its time and zone left out, Korean `년 월 일` and Russian `г.`
 * dropped, split at separators: `"Jan 01, 2024 10:00"` → `["Jan", "01", "2024"]`.
 */
function dateParts(text: string): string[] {
  const parts = text
    .trim()
    .replace(TIME, "")
    .replace(/(\d)\s*[년월일]/g, "$1 ")
    .split(/[\s,./-]+/)
    .filter(Boolean);
  if (parts.length === 4 && WEEKDAY.test(parts[0])) parts.shift();
  if (parts.length === 4 && parts[3] === "г") parts.pop();
  return parts;
}

/**
 * The first two numbers of a date written with numbers only and a four-digit year last
 * (`03/04/2024`): the two whose order is the locale's, or undefined for any other text.
 */
export function dayMonthParts(text: string): [number, number] | undefined {
  if (text.length > MAX_DATE_TEXT) return undefined;
  const parts = dateParts(text);
  return parts.length === 3 && parts.every((p) => /^\d+$/.test(p)) && /^\d{4}$/.test(parts[2])
    ? [Number(parts[0]), Number(parts[1])]
    : undefined;
}

/**
 * Reads a date from text. Returns its day; or a sentence saying why text written like a date is not
 * an acceptable one (a two-digit year, a year outside {@link FIRST_YEAR}–{@link LAST_YEAR}, day and
 * month in the other order); or undefined for text that is not written like a date (also for any
 * text over 100 characters).
 *
 * Accepted: year first (`2024-03-14`, `2024/3/14`, `2024. 3. 14.`, `2024년 3월 14일`, `20240314`);
 * year last in `order` (`3/14/2024` mdy, `14.03.2024` dmy); a month name (`14-Mar-2024`,
 * `Mar 14, 2024`, `14 March 2024`, `14 марта 2024 г.`). A time and zone after the date
 * (`2024-03-14T10:00:00Z`, `2024-03-14 10:00:00 -0500`, `3/14/2024 10:00 AM`) are ignored: the day
 * is the one written, in the zone the export wrote it in. Years must have four digits.
 */
export function parseDateText(
  text: string,
  locale: NumberLocale,
  order: DateOrder = localeDateOrder(locale),
): DayNumber | string | undefined {
  if (text.length > MAX_DATE_TEXT) return undefined;
  const iso = ISO.exec(text);
  const fromIso = iso ? validDay(Number(iso[1]), Number(iso[2]), Number(iso[3])) : undefined;
  if (fromIso !== undefined) return yearProblem(fromIso) ?? fromIso;
  if (/^\d{8}$/.test(text.trim())) {
    const s = text.trim();
    const day = validDay(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6)));
    return day !== undefined && inYearRange(day) ? day : undefined;
  }
  const parts = dateParts(text);
  if (parts.length !== 3) return undefined;
  const numbers = parts.filter((p) => /^\d{1,4}$/.test(p));
  const words = parts.filter((p) => !/^\d+$/.test(p));
  const month = words.length === 1 ? monthOfName(words[0]) : undefined;
  if (numbers.length + (month === undefined ? 0 : 1) !== 3) return undefined;
  const years = numbers.filter((p) => p.length === 4);
  if (years.length !== 1) {
    return numbers.every((p) => p.length <= 2)
      ? "the year has two digits — write it with four (2024, not 24)"
      : undefined;
  }
  let fields: [number, number, number] | undefined; // year, month, day
  if (month !== undefined) {
    fields = [Number(years[0]), month, Number(numbers.find((p) => p.length !== 4))];
  } else if (parts[0].length === 4) {
    fields = [Number(parts[0]), Number(parts[1]), Number(parts[2])];
  } else if (parts[2].length === 4) {
    const [a, b, year] = parts.map(Number);
    const read = (o: DateOrder) =>
      o === "dmy" ? validDay(year, b, a) : o === "mdy" ? validDay(year, a, b) : undefined;
    const day = read(order);
    if (day === undefined) {
      if (order === "ymd") return `not a date in ${DATE_ORDERS.ymd} order`;
      const other = order === "dmy" ? "mdy" : "dmy";
      return read(other) === undefined
        ? undefined
        : `not a date in ${DATE_ORDERS[order]} order (it would be in ${DATE_ORDERS[other]})`;
    }
    return yearProblem(day) ?? day;
  }
  const day = fields && validDay(...fields);
  return day === undefined ? undefined : (yearProblem(day) ?? day);
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
  /** How dates written with numbers only are read; the locale's short date order unless told. */
  dateOrder: DateOrder;
}

export function sheetContext(sheetsLocale = "en_US", timeZone = "UTC", dateOrder?: DateOrder): SheetContext {
  const locale = numberLocale(sheetsLocale);
  return { locale, days: new DayReader(timeZone), dateOrder: dateOrder ?? localeDateOrder(locale) };
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

/**
 * Reads one cell as a calendar day in {@link FIRST_YEAR}–{@link LAST_YEAR}: a `Date`, date text
 * ({@link parseDateText}), or a Sheets serial number (days since 1899-12-30).
 */
export function readDay(value: Cell, ctx: SheetContext, where: Where): DayNumber {
  let day: DayNumber | string | undefined;
  if (isDate(value)) {
    if (!Number.isNaN(value.getTime())) {
      const read = ctx.days.day(value);
      day = yearProblem(read) ?? read;
    }
  } else if (typeof value === "number" && Number.isFinite(value)) {
    const serial = SERIAL_EPOCH + Math.floor(value);
    day = inYearRange(serial)
      ? serial
      : `as a date number (days since 1899-12-30) it is not in the years ${FIRST_YEAR}–${LAST_YEAR}`;
  } else if (typeof value === "string" && !isBlank(value)) {
    day = parseDateText(value, ctx.locale, ctx.dateOrder);
  }
  if (typeof day === "number") return day;
  if (isBlank(value)) throw where.error("is blank — expected a date");
  throw where.error(`is ${describeBad(value)} — ${day ?? "expected a date such as 2024-03-14"}`);
}

/** Whether a day is inside the years dates may have (a `Date` read by a {@link DayReader} may not be). */
export function inYearRange(day: DayNumber): boolean {
  return day >= FIRST_DAY && day <= LAST_DAY;
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
