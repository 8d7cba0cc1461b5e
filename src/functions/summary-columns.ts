/**
 * Summary tables as lifetimes and BTYD users, and BigQuery exports, hold them: one row per customer (or
 * per pattern, with a weight), columns such as frequency, recency, T. Reading them for the fits from a
 * summary (FIT_PURCHASE_MODEL, GAMMAGAMMA_PARAMS on (frequency, mean value)).
 */
import { CellError, isBlank, isDate, readNumber, type SheetContext, Where } from "../core/cells";
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

/**
 * Whether a GAMMAGAMMA_PARAMS call is on a summary (frequency, mean repeat value) rather than on
 * transactions (ids, dates, amounts): the second argument holds plain numbers — no date cell, no text —
 * and some of them could not be a date serial number of a purchase (not whole, or before 1950).
 */
export function looksLikeSummary(second: Arg): boolean {
  // Row by row, not flattened: on transactions the first date cell answers, without copying the range.
  let undated = false;
  for (const row of Array.isArray(second) ? second : [[second]])
    for (const cell of Array.isArray(row) ? row : [row]) {
      if (isBlank(cell)) continue;
      if (typeof cell !== "number" || isDate(cell)) return false;
      if (!Number.isInteger(cell) || cell < SERIAL_1950) undated = true;
    }
  return undated;
}

/** 1950-01-01 as a spreadsheet serial number (days since 1899-12-30). */
const SERIAL_1950 = 18264;
