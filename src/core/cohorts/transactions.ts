/**
 * A table of transactions read once into typed columns: an id table of distinct customer ids (text:
 * `"00004"` stays `"00004"`) and, per transaction, the customer's index, the calendar day, the amount
 * and optionally the margin and the segment, and per customer their first purchase. One pass reads
 * and types every cell; a million rows take some 16–30 bytes each (plus the id table's 16 bytes a
 * slot while reading), and the cohort and RFM aggregations read the columns, never the cells.
 *
 * Rows come either as a table (`Cell[][]` rows as Sheets gives them, or the strings of a CSV) with a
 * column mapping, or as separate single-column ranges (the arguments of a custom function). Blank
 * rows are skipped; a row with anything in it must have a customer id, a date and (when mapped) an
 * amount, or reading stops with a {@link CellError} naming the row as the user numbers it
 * (`firstRow`). A negative amount is a refund: it reduces revenue but is not a purchase.
 */
import {
  type Cell,
  CellError,
  type DayNumber,
  inYearRange,
  isBlank,
  isDate,
  parseNumberText,
  plural,
  readDay,
  readId,
  readNumber,
  type SheetContext,
  Where,
} from "../cells";
import { IdTable, writeKey } from "./id-table";

export type TransactionRole =
  | "customerId"
  | "date"
  | "amount"
  | "segment"
  | "margin"
  | "cost"
  | "order"
  | "quantity"
  | "price";

/**
 * 0-based column indexes of a transactions table. `margin` is a per-row margin in money; `cost` a
 * per-row cost (margin = amount − cost). `columns.ts`'s `ColumnMapping` is one of these.
 */
export interface TransactionColumns {
  customerId: number;
  date: number;
  amount?: number;
  segment?: number;
  margin?: number;
  cost?: number;
  /** The order (invoice) id: the rows of one order are its lines and add up to one transaction. */
  order?: number;
  /** Quantity and unit price: without an amount column, a row's amount is quantity × unit price. */
  quantity?: number;
  price?: number;
}

/** Separate ranges, one per role: the arguments of a custom function. Each is one column or one row. */
export interface TransactionRanges {
  customerId: Cell[][];
  date: Cell[][];
  amount?: Cell[][];
  segment?: Cell[][];
  margin?: Cell[][];
  cost?: Cell[][];
}

export interface ReadOptions {
  /** What errors start with: a function name (`COHORT_REVENUE`), a file or sheet name. @default "Transactions" */
  fn?: string;
  /** What errors call each column or argument, e.g. the header text or `customer_ids`. */
  names?: Partial<Record<TransactionRole, string>>;
  /** The number the user sees for the first row given (after a header: 2). @default 1 */
  firstRow?: number;
  /** Margin as a fraction of the amount for rows whose margin or cost cell is blank. */
  marginRate?: number;
  /**
   * Leave out rows whose customer id is blank or a placeholder (`(blank)`, `N/A`, `#N/A`, `-`,
   * `null`…) and count them in `withoutCustomer`, instead of stopping at the first. The report does;
   * a custom function, which has nowhere to say so, stops.
   */
  skipBlankIds?: boolean;
}

/**
 * Customer ids that say "no customer": what Excel, pivot tables and databases write for a missing
 * value. Compared lower case.
 */
export const PLACEHOLDER_IDS: ReadonlySet<string> = new Set([
  "(blank)",
  "n/a",
  "#n/a",
  "na",
  "-",
  "–",
  "—",
  "null",
  "(null)",
  "none",
  "nan",
]);

/** Whether an id cell holds nothing or a placeholder for nothing. */
export function isPlaceholderId(text: string): boolean {
  if (text.length > 7) return false;
  // Cheap first: every placeholder starts with "(", "#", "-", n/N or a dash beyond ASCII.
  const first = text.charCodeAt(0);
  if (!(first === 40 || first === 35 || first === 45 || first === 110 || first === 78 || first > 127))
    return false;
  return PLACEHOLDER_IDS.has(text.trim().toLowerCase());
}

/** Default names of the roles in errors. */
export const ROLE_NAMES: Record<TransactionRole, string> = {
  customerId: "customer id",
  date: "date",
  amount: "amount",
  segment: "segment",
  margin: "margin",
  cost: "cost",
  order: "order",
  quantity: "quantity",
  price: "unit price",
};

/** Transactions as typed columns; index i is the i-th non-blank row. */
export interface Transactions {
  /** Number of transactions (purchases and refunds). */
  readonly length: number;
  /** Distinct customer ids in order of first appearance. */
  readonly ids: string[];
  /** Per transaction: index into `ids`. */
  readonly customer: Int32Array;
  /** Per transaction: calendar day. */
  readonly day: Int32Array;
  /** Per transaction: amount (negative for a refund); absent when no amount column was given, and then every row is a purchase. */
  readonly amount?: Float64Array;
  /** Per transaction: margin in money, from a margin or cost column; absent without one. */
  readonly margin?: Float64Array;
  /** Distinct segment texts in order of first appearance ("" for a blank cell); absent without a segment column. */
  readonly segments?: string[];
  /** Per transaction: index into `segments`. */
  readonly segment?: Int32Array;
  /** First and last day of any transaction; NaN when there is none. */
  readonly firstDay: DayNumber;
  readonly lastDay: DayNumber;
  /** Per customer: the transaction of their first purchase (earliest day, then first in data order); −1 with refunds only. */
  readonly firstPurchase: Int32Array;
  /** Whether every customer's rows come in date order (then their periods arrive in order). */
  readonly chronological: boolean;
  /** Rows left out for a blank or placeholder customer id (with `skipBlankIds`), and their amounts' sum. */
  readonly withoutCustomer?: { rows: number; amount: number };
  /** With an order column: the rows (order lines) read, before the lines of each order were added up. */
  readonly lines?: number;
}

/** Per-role source: the rows a role's cells are in and the column inside each row. */
interface Source {
  rows: readonly (readonly Cell[])[];
  column: number;
  where: Where;
  wide: boolean;
}

// Built-ins the row loop calls, as module constants: no global lookup per row (see fit/special.ts).
const NativeDate = Date;
const { isFinite: isFiniteNumber, isNaN: isNaNNumber } = Number;

const ROLES = ["customerId", "date", "amount", "segment", "margin", "cost"] as const;
const TABLE_ROLES: TransactionRole[] = [...ROLES, "order", "quantity", "price"];

/**
 * Reads a table of cells with a column mapping. Errors name the column (`names`, else the role) and
 * the row, `firstRow` being the number of `rows[0]`.
 *
 * @example readTransactions([["00004", "1997-01-01", "29.33"]], { customerId: 0, date: 1, amount: 2 }, ctx)
 */
export function readTransactions(
  rows: readonly (readonly Cell[])[],
  columns: TransactionColumns,
  ctx: SheetContext,
  options: ReadOptions = {},
): Transactions {
  const fn = options.fn ?? "Transactions";
  const sources: Partial<Record<TransactionRole, Source>> = {};
  for (const role of TABLE_ROLES) {
    const column = columns[role];
    if (column === undefined) continue;
    sources[role] = {
      rows,
      column,
      where: new Where(fn, options.names?.[role] ?? ROLE_NAMES[role]),
      wide: true,
    };
  }
  return readSources(sources as Record<"customerId" | "date", Source>, rows.length, ctx, options);
}

/**
 * Reads separate ranges (a custom function's arguments). Each must be a single column or a single
 * row, all of the same length; errors name the argument (`names`) and the row inside its range.
 */
export function readTransactionRanges(
  ranges: TransactionRanges,
  ctx: SheetContext,
  options: ReadOptions = {},
): Transactions {
  const fn = options.fn ?? "Transactions";
  const sources: Partial<Record<TransactionRole, Source>> = {};
  let length = -1;
  let lengthOwner = "";
  for (const role of ROLES) {
    const range = ranges[role];
    if (range === undefined) continue;
    const name = options.names?.[role] ?? ROLE_NAMES[role];
    const where = new Where(fn, name);
    const rows = asColumn(range, where);
    if (length < 0) {
      length = rows.length;
      lengthOwner = name;
    } else if (rows.length !== length) {
      throw where.error(
        `has ${plural(rows.length, "row")} but ${lengthOwner} has ${plural(length, "row")} — give ranges of the same length, e.g. A2:A100 and B2:B100`,
      );
    }
    sources[role] = { rows, column: 0, where, wide: false };
  }
  return readSources(sources as Record<"customerId" | "date", Source>, Math.max(length, 0), ctx, options);
}

/** A range as rows of one cell: a column as it is, a single row turned into a column. */
function asColumn(range: Cell[][] | Cell, where: Where): readonly (readonly Cell[])[] {
  if (!Array.isArray(range)) return [[range]];
  const width = range[0]?.length ?? 0;
  if (width <= 1) return range;
  if (range.length === 1) return range[0].map((cell) => [cell]);
  throw where.error(
    `is ${plural(range.length, "row")} × ${plural(width, "column")} — give a single column (or a single row)`,
  );
}

/** Whether a text starts and ends with a printable ASCII character: nothing to trim, not blank. */
function plainEdges(text: string): boolean {
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  return first > 32 && first < 127 && last > 32 && last < 127;
}

function readSources(
  sources: Partial<Record<TransactionRole, Source>> & Record<"customerId" | "date", Source>,
  n: number,
  ctx: SheetContext,
  options: ReadOptions,
): Transactions {
  const firstRow = options.firstRow ?? 1;
  const idSource = sources.customerId;
  const dateSource = sources.date;
  // Without an amount, a row's amount is its quantity × unit price (a line item's total).
  const quantitySource = sources.amount ? undefined : sources.quantity;
  const priceSource = quantitySource && sources.price;
  const amountSource = sources.amount ?? priceSource;
  const segmentSource = sources.segment;
  const orderSource = sources.order;
  const marginSource = sources.margin ?? sources.cost;
  const isCost = sources.margin === undefined && sources.cost !== undefined;
  const marginRate = options.marginRate;
  const optional = [amountSource, quantitySource, segmentSource, marginSource, orderSource].filter(
    (s): s is Source => s !== undefined,
  );

  // Rows are read in blocks: a first loop streams through the block's cells, typing them and writing
  // each id's key (id-table.ts); then the block's keys are looked up (CustomerIndex.look). The id
  // table's random accesses then overlap in loops of their own instead of stalling the stream.
  const customers = new CustomerIndex(n);
  const customer = new Int32Array(n);
  const keyLow = new Int32Array(BLOCK);
  const keyHigh = new Int32Array(BLOCK);
  const idText: string[] = new Array(BLOCK);
  let blockStart = 0;
  const day = new Int32Array(n);
  const amount = amountSource ? new Float64Array(n) : undefined;
  const margin = marginSource ? new Float64Array(n) : undefined;
  const segment = segmentSource ? new Int32Array(n) : undefined;
  const orderOf = orderSource ? new Int32Array(n) : undefined;
  const orderIds = new IdTable();
  const withoutCustomer = { rows: 0, amount: 0 };
  const skipBlankIds = options.skipBlankIds === true;

  // Ids that are numbers, need trimming or have non-ASCII edges, as given → the id text.
  const aliases = new Map<string | number, string>();
  // Date text or serial number → day; `Date`s are memoised per instant by the DayReader.
  const dayIndex = new Map<string | number, number>();
  const segments = new IdTable();
  let lastSegmentText: string | undefined;
  let lastSegment = 0;
  let lastTime = Number.NaN;
  let lastDay = 0;
  let firstDay = Number.POSITIVE_INFINITY;
  let finalDay = Number.NEGATIVE_INFINITY;

  const at = (source: Source, i: number) => source.where.at(firstRow + i, source.column + 1, source.wide);

  /** The amount of a row left out, as far as it reads (it is only counted). */
  const leftOutAmount = (i: number): number => {
    const value = (source: Source | undefined) => {
      const raw = source?.rows[i]?.[source.column];
      const n =
        typeof raw === "number" ? raw : typeof raw === "string" ? parseNumberText(raw, ctx.locale) : 0;
      return n !== undefined && Number.isFinite(n) ? n : 0;
    };
    return quantitySource ? value(quantitySource) * value(priceSource) : value(amountSource);
  };

  /** The text of an id that is not plain text; undefined for a row to skip (blank, or left out). */
  const otherId = (raw: Cell, i: number): string | undefined => {
    if (typeof raw === "string" || typeof raw === "number") {
      const text = aliases.get(raw);
      if (text !== undefined) return text;
    }
    if (isBlank(raw) || (skipBlankIds && typeof raw === "string" && isPlaceholderId(raw.trim()))) {
      if (
        isBlank(dateSource.rows[i]?.[dateSource.column]) &&
        optional.every((s) => isBlank(s.rows[i]?.[s.column]))
      )
        return undefined;
      if (skipBlankIds) {
        withoutCustomer.rows++;
        withoutCustomer.amount += leftOutAmount(i);
        return undefined;
      }
      throw at(idSource, i).error("is blank, but the row has other values — expected a customer id");
    }
    const text = typeof raw === "string" ? raw.trim() : readId(raw, at(idSource, i));
    if (typeof raw === "number" || typeof raw === "string") aliases.set(raw, text);
    return text;
  };

  const idRows = idSource.rows;
  const idColumn = idSource.column;
  const dateRows = dateSource.rows;
  const dateColumn = dateSource.column;
  const amountRows = amountSource?.rows;
  const amountColumn = amountSource?.column ?? 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const rawId = idRows[i]?.[idColumn];
    const text =
      typeof rawId === "string" && plainEdges(rawId) && !(skipBlankIds && isPlaceholderId(rawId))
        ? rawId
        : otherId(rawId, i);
    if (text === undefined) continue;
    writeKey(text, keyLow, keyHigh, count - blockStart);
    idText[count - blockStart] = text;

    const rawDate = dateRows[i]?.[dateColumn];
    let d: number | undefined;
    // A Date from another realm (an Apps Script library's, github.com/OWOX/owox-data-marts/issues/180,
    // or a test's outside the script's global) fails `instanceof Date` but is read here all the same,
    // not through readDay's slower path.
    if (rawDate instanceof NativeDate || (typeof rawDate === "object" && isDate(rawDate))) {
      const time = rawDate.getTime();
      if (time === lastTime) d = lastDay;
      else if (!isNaNNumber(time)) {
        const read = ctx.days.day(rawDate);
        // Out of the year range, readDay below says so.
        if (inYearRange(read)) {
          d = read;
          lastTime = time;
          lastDay = d;
        }
      }
    } else if (typeof rawDate === "string" || typeof rawDate === "number") {
      d = dayIndex.get(rawDate);
    }
    if (d === undefined) {
      d = readDay(rawDate, ctx, at(dateSource, i));
      if (typeof rawDate === "string" || typeof rawDate === "number") dayIndex.set(rawDate, d);
    }

    let a = 0;
    if (amountSource && amountRows && amount) {
      const raw = amountRows[i]?.[amountColumn];
      a = typeof raw === "number" && isFiniteNumber(raw) ? raw : readAmount(raw, ctx, at, amountSource, i);
      if (quantitySource) {
        const q = quantitySource.rows[i]?.[quantitySource.column];
        a *= typeof q === "number" && isFiniteNumber(q) ? q : readAmount(q, ctx, at, quantitySource, i);
      }
      amount[count] = a;
    }
    if (marginSource && margin) {
      const raw = marginSource.rows[i]?.[marginSource.column];
      if (isBlank(raw)) {
        if (marginRate === undefined)
          throw at(marginSource, i).error(
            `is blank — expected a ${isCost ? "cost" : "margin"} (or give a margin rate for rows without one)`,
          );
        margin[count] = a * marginRate;
      } else {
        const value =
          typeof raw === "number" && isFiniteNumber(raw) ? raw : readAmount(raw, ctx, at, marginSource, i);
        margin[count] = isCost ? a - value : value;
      }
    }
    if (segmentSource && segment) {
      const raw = segmentSource.rows[i]?.[segmentSource.column];
      // A customer's rows mostly repeat the segment text of the row before: looked up once.
      if (typeof raw !== "string" || raw !== lastSegmentText) {
        // Text (nearly every cell) without a Where per row: trimmed, blank is "" as isBlank says.
        const label =
          typeof raw === "string" ? raw.trim() : isBlank(raw) ? "" : readId(raw, at(segmentSource, i));
        lastSegment = segments.add(label);
        lastSegmentText = typeof raw === "string" ? raw : undefined;
      }
      segment[count] = lastSegment;
    }
    if (orderSource && orderOf) {
      // A line without an order id is an order of its own.
      const raw = orderSource.rows[i]?.[orderSource.column];
      const id = typeof raw === "string" ? raw.trim() : isBlank(raw) ? "" : readId(raw, at(orderSource, i));
      orderOf[count] = id === "" ? -1 - count : orderIds.add(id);
    }
    day[count] = d;
    if (d < firstDay) firstDay = d;
    if (d > finalDay) finalDay = d;
    count++;
    if (count - blockStart === BLOCK) {
      customers.look(keyLow, keyHigh, idText, blockStart, count, day, amount, customer);
      blockStart = count;
    }
  }
  customers.look(keyLow, keyHigh, idText, blockStart, count, day, amount, customer);

  const trim = <T extends Int32Array | Float64Array>(array: T): T =>
    count === n ? array : (array.subarray(0, count) as T);
  const read: Transactions = {
    length: count,
    ids: customers.ids.texts,
    customer: trim(customer),
    day: trim(day),
    amount: amount && trim(amount),
    margin: margin && trim(margin),
    segments: segment ? segments.texts : undefined,
    segment: segment && trim(segment),
    firstDay: count ? firstDay : Number.NaN,
    lastDay: count ? finalDay : Number.NaN,
    firstPurchase: customers.firstPurchase.subarray(0, customers.ids.size),
    chronological: customers.chronological,
    withoutCustomer: skipBlankIds ? withoutCustomer : undefined,
  };
  return orderOf ? mergeOrders(read, trim(orderOf)) : read;
}

/**
 * One transaction per order: the lines of an order (same order id, same customer) add up — amount,
 * margin — on the order's first day, with the first line's segment. An order whose lines add up to a
 * negative amount (a cancellation invoice such as UCI Online Retail's `C536379`) is a refund.
 */
function mergeOrders(tx: Transactions, orderOf: Int32Array): Transactions {
  const customers = tx.ids.length;
  const n = tx.length;
  // An order id has one customer almost always: its merged row is found by the order's number; an
  // order id shared by several customers (or a line without one) takes the slower map.
  let orders = 0;
  for (let i = 0; i < n; i++) if (orderOf[i] >= orders) orders = orderOf[i] + 1;
  const slot = new Int32Array(orders).fill(-1);
  const index = new Map<number, number>();
  const customer = new Int32Array(n);
  const day = new Int32Array(n);
  const amount = tx.amount && new Float64Array(n);
  const margin = tx.margin && new Float64Array(n);
  const segment = tx.segment && new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const o = orderOf[i];
    const c = tx.customer[i];
    let j: number | undefined = o >= 0 ? slot[o] : -1;
    if (j < 0 || customer[j] !== c) j = o >= 0 && j < 0 ? undefined : index.get(o * customers + c);
    if (j === undefined) {
      j = m++;
      if (o >= 0 && slot[o] < 0) slot[o] = j;
      else index.set(o * customers + c, j);
      customer[j] = tx.customer[i];
      day[j] = tx.day[i];
      if (segment && tx.segment) segment[j] = tx.segment[i];
    } else if (tx.day[i] < day[j]) day[j] = tx.day[i];
    if (amount && tx.amount) amount[j] += tx.amount[i];
    if (margin && tx.margin) margin[j] += tx.margin[i];
  }
  const firstPurchase = new Int32Array(customers).fill(-1);
  const lastSeen = new Int32Array(customers).fill(-2147483648);
  let chronological = true;
  for (let j = 0; j < m; j++) {
    const c = customer[j];
    if (day[j] < lastSeen[c]) chronological = false;
    lastSeen[c] = day[j];
    const first = firstPurchase[c];
    if ((amount === undefined || amount[j] >= 0) && (first < 0 || day[j] < day[first])) firstPurchase[c] = j;
  }
  return {
    ...tx,
    length: m,
    customer: customer.subarray(0, m),
    day: day.subarray(0, m),
    amount: amount?.subarray(0, m),
    margin: margin?.subarray(0, m),
    segment: segment?.subarray(0, m),
    firstPurchase,
    chronological,
    lines: n,
  };
}

/** Rows per block of reading (see readSources): the block's keys stay in the fastest caches. */
const BLOCK = 2048;

/** A first-purchase day beyond any real one: the customer has no purchase yet. */
const NO_PURCHASE = 2147483647;

/**
 * Customer ids → indexes, and per customer their first purchase (earliest day, then first in data
 * order) and whether their rows come in date order, followed as the rows are looked up.
 *
 * While the rows come in date order — the usual shape of an export or a log — a customer's first
 * purchase is their first purchase row, and a repeat row needs no per-customer state at all (unless
 * some customer has shown only refunds so far). The first row out of order switches to following
 * each customer's days, rebuilt once from the rows before it.
 */
class CustomerIndex {
  readonly ids: IdTable;
  /** Per customer: the row of their first purchase; −1 with refunds only. */
  firstPurchase: Int32Array;
  chronological = true;
  /** Whether every row so far is dated on or after the row before it. */
  private ascending = true;
  private lastDay = Number.NEGATIVE_INFINITY;
  /** Customers seen with refunds only, while ascending. */
  private waiting = 0;
  /** Per customer, once not ascending: first purchase day (NO_PURCHASE without one), last day seen. */
  private days = new Int32Array(0);

  constructor(rows: number) {
    this.ids = new IdTable(rows >> 1);
    this.firstPurchase = new Int32Array(Math.max(1024, rows >> 2));
  }

  /** Looks up rows `from` … `to` − 1, whose keys are at 0 … of `low`, `high` and `text`. */
  look(
    low: Int32Array,
    high: Int32Array,
    text: string[],
    from: number,
    to: number,
    day: Int32Array,
    amount: Float64Array | undefined,
    customer: Int32Array,
  ): void {
    const ids = this.ids;
    ids.warm(low, high, to - from);
    for (let i = from; i < to; i++) {
      const known = ids.size;
      const c = ids.indexOfKey(low[i - from], high[i - from], text[i - from]);
      customer[i] = c;
      const d = day[i];
      const purchase = amount === undefined || amount[i] >= 0;
      if (c === known && c === this.firstPurchase.length) this.grow();
      if (this.ascending) {
        if (d >= this.lastDay) {
          this.lastDay = d;
          if (c === known) {
            this.firstPurchase[c] = purchase ? i : -1;
            if (!purchase) this.waiting++;
          } else if (this.waiting > 0 && purchase && this.firstPurchase[c] < 0) {
            this.firstPurchase[c] = i;
            this.waiting--;
          }
          continue;
        }
        this.leaveAscending(known, i, customer, day);
      }
      const days = this.days;
      if (c === known) {
        days[c * 2] = NO_PURCHASE;
        this.firstPurchase[c] = -1;
      } else if (d < days[c * 2 + 1]) this.chronological = false;
      days[c * 2 + 1] = d;
      if (d < days[c * 2] && purchase) {
        days[c * 2] = d;
        this.firstPurchase[c] = i;
      }
    }
  }

  /** Rebuilds each customer's days from the `rows` before the first one out of date order. */
  private leaveAscending(customers: number, rows: number, customer: Int32Array, day: Int32Array): void {
    this.ascending = false;
    const days = new Int32Array(this.firstPurchase.length * 2);
    for (let c = 0; c < customers; c++) {
      const row = this.firstPurchase[c];
      days[c * 2] = row < 0 ? NO_PURCHASE : day[row];
    }
    for (let i = 0; i < rows; i++) days[customer[i] * 2 + 1] = day[i];
    this.days = days;
  }

  private grow(): void {
    const firstPurchase = new Int32Array(this.firstPurchase.length * 2);
    firstPurchase.set(this.firstPurchase);
    this.firstPurchase = firstPurchase;
    if (this.ascending) return;
    const days = new Int32Array(this.days.length * 2);
    days.set(this.days);
    this.days = days;
  }
}

/** A money cell that is not a plain number: money text, parsed without building an error position unless it is bad. */
function readAmount(
  raw: Cell,
  ctx: SheetContext,
  at: (source: Source, i: number) => Where,
  source: Source,
  i: number,
): number {
  if (typeof raw === "string") {
    const parsed = parseNumberText(raw, ctx.locale);
    if (parsed !== undefined) return parsed;
  }
  return readNumber(raw, ctx, at(source, i));
}

/** Transactions grouped by customer: `order[offsets[c] … offsets[c + 1] − 1]` are customer c's, in data order. */
export interface CustomerGroups {
  offsets: Int32Array;
  order: Int32Array;
}

const groupCache = new WeakMap<Transactions, CustomerGroups>();

/** Groups transactions by customer (a stable counting sort, computed once per `Transactions`). */
export function groupByCustomer(tx: Transactions): CustomerGroups {
  const cached = groupCache.get(tx);
  if (cached) return cached;
  const customers = tx.ids.length;
  const offsets = new Int32Array(customers + 1);
  const { customer, length } = tx;
  for (let i = 0; i < length; i++) offsets[customer[i] + 1]++;
  for (let c = 0; c < customers; c++) offsets[c + 1] += offsets[c];
  const next = offsets.slice(0, customers);
  const order = new Int32Array(length);
  for (let i = 0; i < length; i++) order[next[customer[i]]++] = i;
  const groups = { offsets, order };
  groupCache.set(tx, groups);
  return groups;
}

/** Whether a value is a {@link CellError} (for callers that reformat positions, e.g. "line 17"). */
export function isCellError(error: unknown): error is CellError {
  return error instanceof CellError;
}
