/**
 * Line items (one row per product line of an order) as one row per order, in SQL, for both engines:
 * the JavaScript engine's `mergeOrders` (cohorts/transactions.ts) to the letter where a table allows.
 * An order is one order id of one customer (a line without an order id is an order of its own), on
 * its first day, its amount the sum of its lines (quantity × unit price without an amount column); a
 * negative order (a cancellation invoice such as UCI's `C536379`) is then a refund, as any negative
 * row. A line's margin is read as the JavaScript engine reads it (margin, else amount − cost, else
 * amount × the margin rate) and summed. Lines whose customer id is blank or a placeholder (`(blank)`,
 * `N/A`, `#N/A`, `-`, `null`…) keep no id: the bounds query counts them (`no_id`, by line) with their
 * amount, and the report leaves them out, as the JavaScript engine does with `skipBlankIds`.
 *
 * The result is a parenthesised SELECT, read as {@link SqlSource.from} by every report query
 * (queries.ts): BigQuery runs it inside each query; DuckDB may store it in a table first.
 */
import { PLACEHOLDER_IDS } from "../cohorts/transactions";
import { type DateColumnType, type Dialect, quoteName, quoteTable, SPELLING, type SqlParam } from "./dialect";
import type { SqlSource } from "./queries";

/** A table of order lines and its columns, by name. */
export interface OrderLines {
  dialect: Dialect;
  /** `project.dataset.table` (BigQuery), a table name (DuckDB). */
  table: string;
  columns: {
    customerId: string;
    date: string;
    /** The line's amount; without it, quantity × unit price. */
    amount?: string;
    quantity?: string;
    price?: string;
    /** The order (invoice) id; without it each line is one order (only the ids are then read as above). */
    order?: string;
    segment?: string;
    margin?: string;
    cost?: string;
    term?: string;
  };
  dateType: DateColumnType;
  timeZone: string;
  /** Margin as a fraction of a line's amount, for lines without a margin or cost. */
  marginRate?: number;
  /**
   * An expression of the table's row order (DuckDB's `rowid`: the file's order), the JavaScript
   * engine's data order: an order's segment and term are its first line's, and the orders keep the
   * order of their first lines. A BigQuery table has none: an order takes the least of its lines'
   * segments and terms, and first purchases on one day are told apart by segment (queries.ts).
   */
  rowOrder?: string;
}

/** The order (invoice) column and, without an amount, the quantity and unit price columns: by name. */
export interface LineColumns {
  order?: string;
  quantity?: string;
  price?: string;
}

/**
 * A table's lines as {@link ordersSource} reads them, when they are line items (an order column, or
 * quantity × unit price; `columns.amount` then names the unit price); undefined when each row is one
 * order.
 */
export function orderLines(
  base: Omit<OrderLines, "columns">,
  columns: SqlSource["columns"],
  lines: LineColumns,
): OrderLines | undefined {
  if (lines.order === undefined && lines.quantity === undefined) return undefined;
  const { customerId, date, segment, margin, cost, term } = columns;
  const amount = lines.quantity === undefined ? columns.amount : undefined;
  return { ...base, columns: { customerId, date, amount, ...lines, segment, margin, cost, term } };
}

/** The columns of the orders, as {@link ordersSource} names them. */
const OUT = {
  customerId: "customer_id",
  date: "day",
  amount: "amount",
  segment: "segment",
  margin: "margin",
  term: "term",
  order: "ord",
  lines: "line_count",
} as const;

/**
 * A customer id as text, trimmed, and NULL when blank or a placeholder — the ids the JavaScript engine
 * leaves out and counts (`isPlaceholderId`). Placeholders are fixed ASCII/dash words with no quote.
 */
export function customerIdText(dialect: Dialect, column: string): string {
  const s = SPELLING[dialect];
  const text = `TRIM(CAST(${column} AS ${s.text}))`;
  const placeholders = [...PLACEHOLDER_IDS]
    .map((p) => {
      if (/['\\]/.test(p)) throw new Error(`SQL: the placeholder ${p} needs escaping`);
      return `'${p}'`;
    })
    .join(", ");
  return `CASE WHEN ${text} = '' OR LOWER(${text}) IN (${placeholders}) THEN NULL ELSE ${text} END`;
}

/** The orders of a table of lines, as a source of the report's queries. */
export function ordersSource(lines: OrderLines): SqlSource {
  const { dialect, columns: c, rowOrder } = lines;
  const s = SPELLING[dialect];
  const col = (name: string) => quoteName(dialect, name);
  const out = (name: string) => quoteName(dialect, name);
  const params: SqlParam[] = [];
  const param = (p: SqlParam) => {
    params.push(p);
    return s.param(p.name);
  };
  const number = (name: string) => s.tryCast(col(name), s.float);
  const amount =
    c.amount !== undefined
      ? number(c.amount)
      : c.quantity !== undefined && c.price !== undefined
        ? `${number(c.quantity)} * ${number(c.price)}`
        : undefined;
  if (amount === undefined)
    throw new Error("SQL: order lines need an amount, or a quantity and a unit price");
  const zone =
    lines.dateType === "TIMESTAMP" ? param({ name: "time_zone", type: "STRING", value: lines.timeZone }) : "";
  const rate =
    lines.marginRate !== undefined
      ? ` * ${param({ name: "margin_rate", type: "FLOAT64", value: lines.marginRate })}`
      : undefined;
  const read = c.margin ? number(c.margin) : c.cost ? `${amount} - ${number(c.cost)}` : undefined;
  const lineMargin = read && rate ? `COALESCE(${read}, ${amount}${rate})` : read;
  const order = c.order ? `TRIM(CAST(${col(c.order)} AS ${s.text}))` : `CAST(NULL AS ${s.text})`;
  // A line without an order id is an order of its own: numbered among its customer's such lines
  // when the table has no row order.
  const own =
    rowOrder ?? `ROW_NUMBER() OVER (PARTITION BY ${customerIdText(dialect, col(c.customerId))}, ${order})`;
  const line = [
    `${customerIdText(dialect, col(c.customerId))} AS id`,
    `${s.date(col(c.date), lines.dateType, zone)} AS day`,
    `${amount} AS amount`,
    `CASE WHEN ${order} = '' THEN NULL ELSE ${order} END AS order_id`,
    `${own} AS own`,
    ...(c.segment ? [`${col(c.segment)} AS segment`] : []),
    ...(lineMargin ? [`${lineMargin} AS margin`] : []),
    ...(c.term ? [`${col(c.term)} AS term`] : []),
    ...(rowOrder ? [`${rowOrder} AS row_order`] : []),
  ];
  const whole = (expression: string) =>
    `CASE WHEN COUNT(*) = COUNT(${expression}) THEN SUM(${expression}) END`;
  // The first line's value in the row order; without one, the least.
  const first = (name: string) => (rowOrder ? `arg_min(${name}, row_order)` : `MIN(${name})`);
  const order_ = [
    `id AS ${out(OUT.customerId)}`,
    `CASE WHEN COUNT(*) = COUNT(day) THEN MIN(day) END AS ${out(OUT.date)}`,
    // Lines left out for want of an id count with the amounts that read (as transactions.ts does).
    `CASE WHEN id IS NULL THEN SUM(COALESCE(amount, 0)) ELSE ${whole("amount")} END AS ${out(OUT.amount)}`,
    ...(c.segment ? [`${first("segment")} AS ${out(OUT.segment)}`] : []),
    ...(lineMargin ? [`${whole("margin")} AS ${out(OUT.margin)}`] : []),
    ...(c.term ? [`${first("term")} AS ${out(OUT.term)}`] : []),
    ...(rowOrder ? [`MIN(row_order) AS ${out(OUT.order)}`] : []),
    `COUNT(*) AS ${out(OUT.lines)}`,
  ];
  const from = `(
    SELECT ${order_.join(",\n      ")}
    FROM (
      SELECT ${line.join(",\n        ")}
      FROM ${quoteTable(dialect, lines.table)}
    ) AS line
    GROUP BY id, order_id, CASE WHEN order_id IS NULL THEN own ELSE 0 END
  )`;
  return {
    table: "orders",
    from,
    fromParams: params,
    columns: {
      customerId: OUT.customerId,
      date: OUT.date,
      amount: OUT.amount,
      segment: c.segment ? OUT.segment : undefined,
      margin: lineMargin ? OUT.margin : undefined,
      term: c.term ? OUT.term : undefined,
      order: rowOrder ? OUT.order : undefined,
      lines: OUT.lines,
    },
    dateType: "DATE",
    timeZone: lines.timeZone,
  };
}
