/**
 * The months each payment covers (its term: 1 for a monthly plan, 12 for an annual one), read from a
 * column beside the payment rows. Rows without a customer id are the blank rows readTransactions
 * skips, so the terms line up with its transactions; a blank term is 1 month.
 */
import { type Cell, isBlank, readNumber, type SheetContext, showCell, Where } from "../cells";
import { type ColumnMapping, foldHeader } from "../columns";

/** The longest term: a hundred years. */
export const MAX_TERM = 1200;

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

/** Headers of a term column (normalised as columns.ts does): English, Korean, Russian. */
const TERM_HEADER =
  /^(term|terms|term months?|months? covered|months? paid|billing (period|cycle|months?)|plan months?|결제 기간|구독 기간|구독 개월|срок подписки|период оплаты|оплачено месяцев)$/u;

/** The column whose header names the months a payment covers, among columns not otherwise used. */
export function findTermColumn(
  headers: readonly string[],
  used: readonly (number | undefined)[],
): number | undefined {
  const at = headers.findIndex((header, i) => !used.includes(i) && TERM_HEADER.test(foldHeader(header)));
  return at < 0 ? undefined : at;
}

/**
 * The terms of a table's rows (header row first when `hasHeader`): from `column`, else from the
 * column headed like a term; undefined without one. Errors name the column by its header and the row
 * as the user numbers it (`firstRow`: the table's first row in its sheet).
 */
export function readTermColumn(
  rows: readonly (readonly Cell[])[],
  table: { hasHeader: boolean; headers: string[] },
  mapping: ColumnMapping,
  ctx: SheetContext,
  column = table.hasHeader ? findTermColumn(table.headers, Object.values(mapping)) : undefined,
  firstRow = 1,
): Int32Array | undefined {
  if (column === undefined) return undefined;
  const skip = table.hasHeader ? 1 : 0;
  return readTerms(
    rows.length - skip,
    (i) => rows[i + skip][column],
    (i) => rows[i + skip][mapping.customerId],
    ctx,
    new Where("Transactions", `term column "${table.headers[column]}"`),
    firstRow + skip,
  );
}
