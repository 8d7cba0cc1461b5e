/**
 * The date column of a CSV, before the report reads it.
 *
 * Day/month order: a date written with numbers and the year last (`03/04/2024`) is read in the
 * order `--date-format` or `--locale` gives. Without either, the default locale's order is only an
 * assumption, so the column must confirm it: a date that can only be read the other way (`14/03/2024`
 * in a comma file, assumed month/day/year) stops the run with the option to add, and so does a
 * column whose every such date reads both ways (all days 12 or less). Nothing is swapped silently.
 *
 * Serial numbers: in the date column a plain number such as `45292` is a spreadsheet serial day
 * (days since 1899-12-30, as Excel and Sheets count from March 1900), read by the core's `readDay`.
 */
import { type Cell, DATE_ORDERS, type DateOrder, dayMonthParts } from "../core/cells";
import { CsvError, type CsvTable } from "./csv";

/** How the order of day and month was chosen, for messages: `--locale ko_KR`, or the default's reason. */
export interface OrderSource {
  order: DateOrder;
  /** False when the order is the default one, which the column must then confirm. */
  explicit: boolean;
  /** E.g. "the default for a comma-separated file", "--locale ko_KR". */
  said: string;
}

/**
 * Checks that the year-last dates in `column` of the table's data rows (from `first`) can be read in
 * the chosen order without guessing; throws a {@link CsvError} naming a date, its line, both
 * readings and the option to give. Returns whether a date of the column confirms the order.
 */
export function checkDayMonthOrder(
  file: string,
  table: CsvTable,
  column: number,
  first: number,
  source: OrderSource,
): boolean {
  // The first row of each kind: day first (14/03), month first (03/14), either (03/04).
  const seen: Partial<Record<DateOrder | "either", number>> = {};
  for (let i = first; i < table.rows.length; i++) {
    const parts = dayMonthParts(table.rows[i][column] ?? "");
    if (!parts) continue;
    const [a, b] = parts;
    const kind =
      a > 12 && b <= 12 ? "dmy" : b > 12 && a <= 12 ? "mdy" : a !== b && a <= 12 ? "either" : undefined;
    if (kind) seen[kind] ??= i;
  }
  const { order } = source;
  if (source.explicit && order !== "ymd") return true;
  const other: DateOrder = order === "dmy" ? "mdy" : "dmy";
  const against = order === "ymd" ? (seen.dmy ?? seen.mdy) : seen[other];
  const place = (row: number) => `"${table.rows[row][column].trim()}" (line ${table.lines[row]})`;
  if (against !== undefined) {
    const written = seen.dmy === against ? "dmy" : "mdy";
    throw new CsvError(
      `${file}: the date ${place(against)} is written ${DATE_ORDERS[written]}, but dates are read ` +
        `${DATE_ORDERS[order]} (${source.said}) — add --date-format ${written} ` +
        `(or --locale ${written === "dmy" ? "en_GB" : "en_US"})`,
    );
  }
  const either = seen.either;
  if (either !== undefined && (order === "ymd" || seen[order] === undefined)) {
    const [a, b] = dayMonthParts(table.rows[either][column]) as [number, number];
    const year = Number(/\d{4}/.exec(table.rows[either][column])?.[0]);
    throw new CsvError(
      `${file}: dates such as ${place(either)} read as ${longDay(year, b, a)} in ${DATE_ORDERS.dmy} order ` +
        `or as ${longDay(year, a, b)} in ${DATE_ORDERS.mdy} order, and no date in the column has a day ` +
        "above 12 to tell which — add --date-format dmy or --date-format mdy (or --locale, e.g. en_GB or en_US)",
    );
  }
  return order !== "ymd" && seen[order] !== undefined;
}

const LONG = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", dateStyle: "long" });

/** "3 April 2024". */
function longDay(year: number, month: number, day: number): string {
  return LONG.format(new Date(Date.UTC(year, month - 1, day)));
}

/** The rows with the plain numbers of `column` (from row `first`) turned into numbers: serial days. */
export function withSerialDays(rows: readonly string[][], column: number, first: number): Cell[][] {
  return rows.map((row, i) =>
    i >= first && /^\s*\d{1,6}(\.\d+)?\s*$/.test(row[column] ?? "")
      ? row.map((cell, c) => (c === column ? Number(cell) : cell))
      : row,
  );
}
