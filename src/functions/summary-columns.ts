/**
 * Summary tables as lifetimes and BTYD users, and BigQuery exports, hold them: one row per customer (or
 * per pattern, with a weight), columns such as frequency, recency, T. Reading them for the fits from a
 * summary (FIT_PURCHASE_MODEL, GAMMAGAMMA_PARAMS on (frequency, mean value)).
 */
import { type Cell, CellError, isBlank, readNumber, type SheetContext, Where } from "../core/cells";
import { type Arg, columnArg } from "./arguments";

/**
 * The columns given (undefined ones skipped: optional), of one length, read as numbers row by row;
 * rows blank in every column are skipped, so whole-column references work. `rows` holds each kept
 * row's number (from 1) for messages.
 */
export function readSummaryColumns(
  fn: string,
  columns: [string, Arg | undefined][],
  ctx: SheetContext,
): { values: (number[] | undefined)[]; rows: number[] } {
  const cells = columns.map(([name, arg]) => (arg === undefined ? undefined : columnArg(fn, name, arg)));
  const first = cells.findIndex((c) => c !== undefined);
  const length = cells[first]?.length ?? 0;
  cells.forEach((c, k) => {
    if (c && c.length !== length)
      throw new CellError(
        fn,
        columns[k][0],
        undefined,
        `has ${c.length} rows — expected ${length}, as ${columns[first][0]}`,
      );
  });
  const values = cells.map((c) => (c ? ([] as number[]) : undefined));
  const rows: number[] = [];
  for (let i = 0; i < length; i++) {
    if (cells.every((c) => !c || isBlank(c[i]))) continue;
    rows.push(i + 1);
    cells.forEach((c, k) => {
      if (c) values[k]?.push(readNumber(c[i], ctx, new Where(fn, columns[k][0]).at(i + 1)));
    });
  }
  if (rows.length === 0)
    throw new CellError(fn, columns[first][0], undefined, "is empty — give one row per customer");
  return { values, rows };
}

/** The two inputs GAMMAGAMMA_PARAMS takes. */
export type SpendForm = "summary" | "transactions";

/** "summary" or "transactions" in any case, spaces around ignored. */
export function parseSpendForm(text: string): SpendForm | undefined {
  if (text.length > 40) return undefined; // no form's name is longer: a pasted page is read no further
  const s = text.trim().toLowerCase();
  if (s === "summary") return "summary";
  if (s === "transactions" || s === "transaction") return "transactions";
  return undefined;
}

/**
 * The form a GAMMAGAMMA_PARAMS call's data are in, when its values settle it; undefined when they could
 * be either. Transactions: an end_date is given (a summary has none), or the second argument holds a
 * date cell or text (dates as text), or the first holds text no number reads from (customer ids).
 * A summary: the second argument holds plain numbers, some of which could not be a date serial number
 * of a purchase (not whole, or before 1950 or after 2099). Left: all whole numbers in 1950–2099 as
 * serials — means in won or roubles look just like that, so only the user can say.
 */
export function settledSpendForm(first: Arg, second: Arg, endDateGiven: boolean): SpendForm | undefined {
  if (endDateGiven) return "transactions";
  // Cell by cell, not copied: on transactions the first date cell answers.
  let undated = false;
  let numbers = false;
  for (const cell of cellsOf(second)) {
    if (isBlank(cell)) continue;
    if (typeof cell !== "number") return "transactions";
    numbers = true;
    if (!Number.isInteger(cell) || cell < SERIAL_1950 || cell >= SERIAL_2100) undated = true;
  }
  if (undated) return "summary";
  if (!numbers) return "transactions"; // nothing to read either way: the transactions' own messages say so
  for (const cell of cellsOf(first))
    if (typeof cell === "string" && !isBlank(cell) && Number.isNaN(Number(cell.trim())))
      return "transactions";
  return undefined;
}

function* cellsOf(arg: Arg): Generator<Cell> {
  for (const row of Array.isArray(arg) ? arg : [[arg]])
    for (const cell of Array.isArray(row) ? row : [row]) yield cell;
}

/** 1950-01-01 and 2100-01-01 as spreadsheet serial numbers (days since 1899-12-30). */
const SERIAL_1950 = 18264;
const SERIAL_2100 = 73051;
