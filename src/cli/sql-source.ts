/**
 * What the command line's database engines (DuckDB, BigQuery) share before their queries run: a
 * table's columns found from its headers and first rows as the JavaScript engine finds them, and the
 * rows the bounds query counts as unreadable, in words.
 */
import { type Cell, plural, sheetContext } from "../core/cells";
import { type ColumnMapping, detectColumns } from "../core/columns";
import type { Language } from "../core/language";
import { columnNotes, ReportError } from "../core/report/build";
import type { LineColumns } from "../core/sql/orders";
import type { SqlSource } from "../core/sql/queries";
import { type UnreadableRows, unreadableRows } from "../core/sql/report";
import type { BoundsRow } from "../core/sql/results";
import { findTermColumn } from "../core/subscription/terms";
import { type ColumnChoices, chosenColumns } from "./columns";

/** The columns of a table (header row first, then its first rows): their names for the SQL, and how the Summary describes them. */
export function sqlColumns(
  rows: readonly Cell[][],
  name: string,
  mapping?: Partial<ColumnMapping>,
  language?: Language,
  choices: ColumnChoices = {},
): {
  mapping: ColumnMapping;
  columns: SqlSource["columns"];
  notes: ReturnType<typeof columnNotes>;
  lines: LineColumns;
} {
  const headers = rows[0].map(String);
  const preset = { ...chosenColumns(choices, headers), ...mapping };
  const m = detectColumns(rows, sheetContext(), preset).mapping;
  // With an order column, or quantity × unit price, the lines of each order add up first
  // (core/sql/orders.ts); `amount` then names the unit price, which the orders' SQL multiplies.
  const column = (index: number | undefined) => (index === undefined ? undefined : headers[index]);
  const lines: LineColumns = {
    order: column(m.order),
    quantity: m.amount === undefined ? column(m.quantity) : undefined,
    price: m.amount === undefined ? column(m.price) : undefined,
  };
  if (m.amount === undefined && lines.quantity !== undefined && lines.price !== undefined) m.amount = m.price;
  if (m.amount === undefined)
    throw new ReportError(
      `${name}: no amount column${m.price !== undefined ? ` (only a unit price, "${headers[m.price]}", and no quantity)` : ""} — ` +
        'name it "Amount" or "Revenue", or choose it with --amount',
    );
  return {
    lines,
    mapping: m,
    columns: {
      customerId: headers[m.customerId],
      date: headers[m.date],
      amount: headers[m.amount],
      segment: column(m.segment),
      margin: column(m.margin),
      cost: column(m.cost),
      term: column(findTermColumn(headers, Object.values(m))),
    },
    notes: columnNotes(m, headers, language),
  };
}

/** Unreadable rows (by the bounds query's counts) as an error: how many, why, and `fix`. */
export function checkReadable(bounds: BoundsRow, dates: string, fix: string): void {
  const [unreadable] = Object.entries(unreadableRows(bounds)) as [keyof UnreadableRows, number][];
  if (!unreadable) return;
  const [key, rows] = unreadable;
  const why: Record<keyof UnreadableRows, string> = {
    no_date: dates,
    no_amount: "an amount that is not a number",
    no_margin: "a blank margin or cost (give --margin for rows without one)",
    no_term: "a term that is not a whole number of months from 1 to 1200",
  };
  throw new ReportError(`${plural(rows, "row")} with ${why[key]} — ${fix}`);
}
