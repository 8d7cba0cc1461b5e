/**
 * What the command line's database engines (DuckDB, BigQuery) share before their queries run: a
 * table's columns found from its headers and first rows as the JavaScript engine finds them, and the
 * rows the bounds query counts as unreadable, in words.
 */
import { type Cell, plural, sheetContext } from "../core/cells";
import { type ColumnMapping, detectColumns } from "../core/columns";
import type { Language } from "../core/language";
import { columnNotes, ReportError } from "../core/report/build";
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
  addsLines = false,
): {
  mapping: ColumnMapping;
  columns: SqlSource["columns"];
  notes: ReturnType<typeof columnNotes>;
  lines: LineColumns;
} {
  const headers = rows[0].map(String);
  const preset = { ...chosenColumns(choices, headers), ...mapping };
  const m = detectColumns(rows, sheetContext(), preset).mapping;
  // The queries count each row as one order and read an amount column. DuckDB adds up an order's
  // lines (and quantity × unit price) into a table first (duckdb-engine.ts, `addsLines`); BigQuery
  // refuses them rather than report lines as orders.
  const column = (index: number | undefined) => (index === undefined ? undefined : headers[index]);
  const lines: LineColumns = {
    order: column(m.order),
    quantity: m.amount === undefined ? column(m.quantity) : undefined,
    price: m.amount === undefined ? column(m.price) : undefined,
  };
  if (addsLines && m.amount === undefined && lines.quantity !== undefined && lines.price !== undefined)
    m.amount = m.price;
  if (m.order !== undefined && !addsLines)
    throw new ReportError(
      `${name}: the column "${headers[m.order]}" is an order id, and the database engines count each row as one order — ` +
        "use --engine js to add up the lines of each order (a CSV file), or --order none if each row is already one order",
    );
  if (m.amount === undefined)
    throw new ReportError(
      `${name}: no amount column${m.price !== undefined ? ` (quantity × "${headers[m.price]}" is computed by --engine js only)` : ""} — ` +
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

/** The order (invoice) column and, without an amount, the quantity and unit price columns: by header. */
export interface LineColumns {
  order?: string;
  quantity?: string;
  price?: string;
}

/** Unreadable rows (by the bounds query's counts) as an error: how many, why, and `fix`. */
export function checkReadable(bounds: BoundsRow, dates: string, fix: string): void {
  const [unreadable] = Object.entries(unreadableRows(bounds)) as [keyof UnreadableRows, number][];
  if (!unreadable) return;
  const [key, rows] = unreadable;
  const why: Record<keyof UnreadableRows, string> = {
    no_id: "no customer id",
    no_date: dates,
    no_amount: "an amount that is not a number",
    no_margin: "a blank margin or cost (give --margin for rows without one)",
    no_term: "a term that is not a whole number of months from 1 to 1200",
  };
  throw new ReportError(`${plural(rows, "row")} with ${why[key]} — ${fix}`);
}
