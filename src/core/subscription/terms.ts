/**
 * The months each payment covers (its term: 1 for a monthly plan, 12 for an annual one), read from a
 * column beside the payment rows. Rows without a customer id are the blank rows readTransactions
 * skips, so the terms line up with its transactions; a blank term is 1 month.
 */
import { type Cell, isBlank, readNumber, type SheetContext, showCell, type Where } from "../cells";

/** The longest term: a hundred years. */
const MAX_TERM = 1200;

/** One term: a whole number of months, 1 or more. */
export function readTerm(value: Cell, ctx: SheetContext, where: Where): number {
  if (isBlank(value)) return 1;
  const n = readNumber(value, ctx, where);
  if (!Number.isInteger(n) || n < 1 || n > MAX_TERM)
    throw where.error(
      `is ${showCell(value)} — expected a whole number of months from 1 to ${MAX_TERM} (12 for an annual plan)`,
    );
  return n;
}

/**
 * The terms of rows 0 … n − 1 that have a customer id, in order. `where` names the column; errors
 * name the row as the user numbers it (`firstRow` for row 0).
 */
export function readTerms(
  n: number,
  term: (i: number) => Cell,
  id: (i: number) => Cell,
  ctx: SheetContext,
  where: Where,
  firstRow = 1,
): Int32Array {
  const terms = new Int32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (isBlank(id(i))) continue;
    const v = term(i);
    terms[count++] =
      typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= MAX_TERM
        ? v
        : readTerm(v, ctx, where.at(firstRow + i));
  }
  return terms.subarray(0, count);
}
