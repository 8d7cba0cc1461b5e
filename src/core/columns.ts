/**
 * Which column of a transactions table is what: customer id, date, amount, and optionally a segment
 * (acquisition channel, source, campaign…), a margin or a cost column.
 *
 * Headers are read first, in English, Korean and Russian ("Customer ID", "고객번호", "ID клиента");
 * when a required column has no recognisable header, the values decide (the column of dates, the
 * column of money amounts, the id column with the most distinct values). Optional columns are only
 * ever taken from headers: guessing a segment from values would split a report by the wrong thing.
 * The sidebar pre-fills its mapping with this, and the CLI reads CSVs with it.
 */
import {
  type Cell,
  isBlank,
  isDate,
  parseDateText,
  parseNumberText,
  type SheetContext,
  showCell,
} from "./cells";
import { ROLE_NAMES, type TransactionColumns, type TransactionRole } from "./cohorts/transactions";
import { MAX_NUMBER_TEXT } from "./number-text";

/** The roles a column can play: the cohort engine's transaction roles. */
export type ColumnRole = TransactionRole;

/**
 * Column positions, 0-based indexes into a row: the engine's {@link TransactionColumns} with an
 * amount, which a report needs. `margin` and `cost` are per-row money amounts.
 */
export interface ColumnMapping extends TransactionColumns {
  amount: number;
}

export interface DetectedColumns {
  mapping: ColumnMapping;
  /** Whether the first row is a header row (text only) rather than data. */
  hasHeader: boolean;
  /** The header texts (trimmed), or "Column 1", "Column 2"… when there is no header row. */
  headers: string[];
  /** How each mapped role was found. */
  foundBy: Partial<Record<ColumnRole, "header" | "values">>;
}

/**
 * A required column that can't be found; the message says which and what was seen, and `found`
 * keeps the columns that were found, so a form can keep them and ask only for the missing one.
 */
export class ColumnError extends Error {
  constructor(
    readonly role: ColumnRole,
    message: string,
    readonly found?: Omit<DetectedColumns, "mapping"> & { mapping: Partial<ColumnMapping> },
  ) {
    super(message);
    this.name = "ColumnError";
  }
}

/**
 * Header names per role, normalised (lower case, words separated by single spaces). A header equal
 * to one of them matches strongly; a header containing one as a word (Korean: as a part) matches too.
 * Only the names listed in `EXACT_ONLY` must match the whole header ("id" alone is a customer id,
 * "Order ID" is not).
 */
// biome-ignore format: word lists read best as lines of related names
const HEADER_NAMES: Record<ColumnRole, string[]> = {
  customerId: [
    "customer id", "customer", "customer number", "customer no", "customer code", "customer email",
    "cust id", "client id", "client", "user id", "user", "buyer", "buyer id", "member id", "member",
    "account id", "account", "shopper", "email", "id", "customerid", "userid", "clientid",
    "고객 id", "고객id", "고객번호", "고객 번호", "고객코드", "고객", "회원 id", "회원id", "회원번호", "회원",
    "사용자 id", "사용자", "구매자", "주문자", "주문자 id", "이메일",
    "id клиента", "клиент", "код клиента", "номер клиента", "покупатель", "id покупателя",
    "пользователь", "id пользователя", "заказчик", "почта",
  ],
  date: [
    "date", "order date", "purchase date", "transaction date", "invoice date", "payment date",
    "created at", "created", "timestamp", "day", "ordered at", "paid at", "datetime", "time",
    "날짜", "주문일", "주문 일자", "주문일자", "구매일", "구매 일자", "거래일", "거래 일자", "결제일", "일자", "일시",
    "дата", "дата заказа", "дата покупки", "дата оплаты", "дата транзакции", "дата продажи", "время",
  ],
  amount: [
    "amount", "revenue", "sales", "total", "order total", "order value", "value", "price", "sum",
    "net sales", "gross sales", "payment", "paid", "subtotal", "net revenue", "gross revenue", "gmv",
    "금액", "매출", "매출액", "결제 금액", "결제금액", "주문 금액", "주문금액", "판매액", "판매 금액", "합계", "가격",
    "сумма", "выручка", "сумма заказа", "стоимость", "итого", "доход", "оборот", "оплата", "цена",
  ],
  segment: [
    "channel", "source", "campaign", "acquisition channel", "utm source", "medium", "utm medium",
    "utm campaign", "segment", "referrer", "traffic source", "marketing channel",
    "채널", "유입 경로", "유입경로", "캠페인", "소스", "세그먼트", "매체",
    "канал", "источник", "кампания", "сегмент", "канал привлечения", "источник трафика",
  ],
  margin: [
    "margin", "gross margin", "profit", "gross profit", "margin amount", "contribution",
    "마진", "이익", "이윤", "매출총이익",
    "маржа", "прибыль", "валовая прибыль", "маржинальность",
  ],
  cost: [
    "cost", "cogs", "cost of goods", "cost of goods sold", "unit cost", "product cost",
    "원가", "매출원가", "비용",
    "себестоимость", "затраты", "издержки",
  ],
};

const EXACT_ONLY = new Set([
  "id",
  "user",
  "member",
  "account",
  "value",
  "sum",
  "time",
  "day",
  "paid",
  "total",
]);

/**
 * The longest header whose words are read. A longer one is a note pasted into the header row: its
 * column's values decide its role (and a search per known name through a page of text would not be cheap).
 */
const MAX_HEADER = 200;

/**
 * Lower case, compatibility forms folded, punctuation and `_` turned into single spaces; "" for a
 * header over {@link MAX_HEADER} characters, which names nothing.
 */
export function normalizeHeader(text: string): string {
  if (text.length > MAX_HEADER) return "";
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[_\-./\\()[\]{}#:,;'"’*№$€₩₽%]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const HANGUL = /[\uac00-\ud7a3]/;
const CYRILLIC = /[\u0400-\u04ff]/;

/**
 * Where in a header a name occurs, or -1. Latin and Cyrillic names must be whole words, with Russian
 * case endings allowed ("клиента" is "клиент"); Korean compounds have no spaces ("주문금액"), so a part
 * is enough there.
 */
function findName(header: string, name: string): number {
  if (HANGUL.test(name)) return header.indexOf(name);
  const ending = CYRILLIC.test(name) ? "[а-яё]{0,3}" : "s?";
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`(^| )${escaped}${ending}(?= |$)`, "u").exec(header);
  return match ? match.index + match[1].length : -1;
}

/** The role a header names, and how strongly: 2 for an exact name, 1 for a name inside the header. */
export function headerRole(text: string): { role: ColumnRole; strength: 1 | 2 } | undefined {
  const header = normalizeHeader(text);
  if (!header) return undefined;
  for (const role of Object.keys(HEADER_NAMES) as ColumnRole[]) {
    if (HEADER_NAMES[role].includes(header)) return { role, strength: 2 };
  }
  // Inside a longer header the head noun decides: last in English and Korean ("order date",
  // "주문 금액"), first in Russian ("дата заказа", "сумма заказа").
  const headFirst = CYRILLIC.test(header);
  let best: { role: ColumnRole; at: number; length: number } | undefined;
  for (const role of Object.keys(HEADER_NAMES) as ColumnRole[]) {
    for (const name of HEADER_NAMES[role]) {
      if (EXACT_ONLY.has(name)) continue;
      const at = findName(header, name);
      if (at < 0) continue;
      const better =
        !best ||
        (headFirst ? at < best.at : at + name.length > best.at + best.length) ||
        (at === best.at && name.length > best.length);
      if (better) best = { role, at, length: name.length };
    }
  }
  return best && { role: best.role, strength: 1 };
}

/**
 * Headers of ids that are not customers: an order number has as many distinct values as a customer id,
 * and taking it would make every order a new customer.
 */
const NOT_CUSTOMER =
  /(^| )(order|invoice|transaction|receipt|sku|product|item)s?( |$)|주문|상품|송장|заказ|товар|чек|накладн/u;

/** Headers of counts, not money: a quantity column is numeric too. */
const NOT_MONEY = /(^| )(qty|quantity|units?|count|cds|items?|pcs)( |$)|수량|개수|количество|кол во|шт/u;

/** What the values of one column look like, over the sampled rows. */
interface ColumnProfile {
  filled: number;
  dates: number;
  numbers: number;
  fractional: number;
  distinct: number;
}

function profile(rows: readonly Cell[][], column: number, ctx: SheetContext): ColumnProfile {
  const seen = new Set<string>();
  const result: ColumnProfile = { filled: 0, dates: 0, numbers: 0, fractional: 0, distinct: 0 };
  for (const row of rows) {
    const value = row[column];
    if (isBlank(value)) continue;
    result.filled++;
    seen.add(isDate(value) ? String(value.getTime()) : String(value));
    if (
      isDate(value) ||
      (typeof value === "string" && parseDateText(value, ctx.locale, ctx.dateOrder) !== undefined)
    ) {
      result.dates++;
      continue;
    }
    const n =
      typeof value === "number" ? value : typeof value === "string" ? looseNumber(value, ctx) : undefined;
    if (n !== undefined && Number.isFinite(n)) {
      result.numbers++;
      if (!Number.isInteger(n)) result.fractional++;
    }
  }
  result.distinct = seen.size;
  return result;
}

/**
 * A number typed as text, but not an id: "00004" (leading zeros) and "C001" (letters other than a
 * currency code or word) are ids, though the lenient money reader would take them for 4 and 1.
 */
function looseNumber(text: string, ctx: SheetContext): number | undefined {
  if (text.length > MAX_NUMBER_TEXT) return undefined;
  const letters = text.replace(/[^\p{L}]/gu, "");
  if (/^0\d/.test(text.trim()) || (letters && !/^([a-z]{3}|원|руб|р)$/iu.test(letters))) return undefined;
  return parseNumberText(text, ctx.locale);
}

const share = (part: number, p: ColumnProfile) => (p.filled ? part / p.filled : 0);

/** A header row holds text only: no cell of it reads as a date or a number. */
export function looksLikeHeader(row: readonly Cell[], ctx: SheetContext): boolean {
  return (
    row.some((cell) => !isBlank(cell)) &&
    row.every(
      (cell) =>
        isBlank(cell) ||
        (typeof cell === "string" &&
          parseDateText(cell, ctx.locale, ctx.dateOrder) === undefined &&
          looseNumber(cell, ctx) === undefined),
    )
  );
}

/** How many data rows the value checks look at: enough to be sure, cheap on 200,000 rows. */
const SAMPLE_ROWS = 500;

/**
 * Detects the column mapping of a table given as rows (the first row a header row, when it is one).
 * `preset` fixes roles the user already chose; they are kept and their columns are not reused.
 *
 * @throws ColumnError naming the missing role, the headers seen, and what to do.
 * @example detectColumns([["Клиент", "Дата", "Сумма"], ["00004", "2024-03-14", "12,50"]], ctx).mapping
 *   // { customerId: 0, date: 1, amount: 2 }
 */
export function detectColumns(
  rows: readonly Cell[][],
  ctx: SheetContext,
  preset: Partial<ColumnMapping> = {},
): DetectedColumns {
  const width = rows.reduce((w, row) => Math.max(w, row.length), 0);
  const hasHeader = rows.length > 0 && looksLikeHeader(rows[0], ctx);
  const headers = Array.from({ length: width }, (_, i) =>
    hasHeader && !isBlank(rows[0][i]) ? String(rows[0][i]).trim() : `Column ${i + 1}`,
  );
  const sample: Cell[][] = [];
  for (let i = hasHeader ? 1 : 0; i < rows.length && sample.length < SAMPLE_ROWS; i++) {
    if (rows[i].some((cell) => !isBlank(cell))) sample.push(rows[i]);
  }
  const profiles = headers.map((_, i) => profile(sample, i, ctx));

  const mapping: Partial<ColumnMapping> = {};
  const foundBy: DetectedColumns["foundBy"] = {};
  const used = new Set<number>();
  for (const [role, column] of Object.entries(preset) as [ColumnRole, number | undefined][]) {
    if (column === undefined) continue;
    mapping[role] = column;
    used.add(column);
  }

  // Values must not contradict a header: a "Date" column of text is not the date column.
  const fits = (role: ColumnRole, p: ColumnProfile): boolean => {
    if (p.filled === 0) return sample.length === 0;
    if (role === "date") return share(p.dates, p) >= 0.5;
    if (role === "amount" || role === "margin" || role === "cost") return share(p.numbers, p) >= 0.5;
    if (role === "segment") return share(p.numbers + p.dates, p) < 0.5;
    return share(p.dates, p) < 0.5;
  };

  // Headers whose values contradict them, taken only when no other column fits: then reading the
  // rows names the bad cell, which helps more than "no amount column".
  const contradicted: Partial<Record<ColumnRole, number>> = {};
  if (hasHeader) {
    const candidates = headers
      .map((text, column) => ({ column, match: headerRole(text) }))
      .filter((c) => c.match && !used.has(c.column))
      .sort((a, b) => (b.match?.strength ?? 0) - (a.match?.strength ?? 0) || a.column - b.column);
    for (const { column, match } of candidates) {
      if (!match || mapping[match.role] !== undefined || used.has(column)) continue;
      if (!fits(match.role, profiles[column])) {
        contradicted[match.role] ??= column;
        continue;
      }
      mapping[match.role] = column;
      foundBy[match.role] = "header";
      used.add(column);
    }
  }

  const free = (test: (p: ColumnProfile) => boolean) =>
    profiles.map((p, column) => ({ p, column })).filter(({ p, column }) => !used.has(column) && test(p));
  const take = (role: ColumnRole, column: number | undefined) => {
    if (column === undefined) return;
    mapping[role] = column;
    foundBy[role] = "values";
    used.add(column);
  };

  if (mapping.date === undefined) {
    const dates = free((p) => share(p.dates, p) >= 0.8).sort((a, b) => b.p.dates - a.p.dates);
    take("date", dates[0]?.column);
  }
  if (mapping.amount === undefined) {
    // Money has cents somewhere; among whole-number columns the rightmost is likeliest the amount.
    const numeric = free((p) => share(p.numbers, p) >= 0.8).filter(
      ({ column }) => !(hasHeader && NOT_MONEY.test(normalizeHeader(headers[column]))),
    );
    const withCents = numeric.filter(({ p }) => p.fractional > 0);
    take("amount", (withCents[0] ?? numeric[numeric.length - 1])?.column);
  }
  if (mapping.customerId === undefined) {
    // Ids are text more often than numbers (a whole-number column may be a quantity), and many.
    const numeric = (p: ColumnProfile) => share(p.numbers, p) >= 0.8;
    const ids = free((p) => p.filled > 0 && p.fractional === 0 && share(p.dates, p) < 0.5)
      .filter(({ column }) => !(hasHeader && NOT_CUSTOMER.test(normalizeHeader(headers[column]))))
      .sort(
        (a, b) =>
          Number(numeric(a.p)) - Number(numeric(b.p)) || b.p.distinct - a.p.distinct || a.column - b.column,
      );
    take("customerId", ids[0]?.column);
  }

  for (const role of ["customerId", "date", "amount"] as const) {
    const fallback = contradicted[role];
    if (mapping[role] === undefined && fallback !== undefined && !used.has(fallback)) take(role, fallback);
    if (mapping[role] === undefined)
      throw missing(role, headers, hasHeader, { mapping: { ...mapping }, hasHeader, headers, foundBy });
  }
  return { mapping: mapping as ColumnMapping, hasHeader, headers, foundBy };
}

const EXAMPLES: Record<"customerId" | "date" | "amount", string> = {
  customerId: "Customer ID, 고객번호, ID клиента",
  date: "Date, Order date, 주문일, Дата",
  amount: "Amount, Revenue, 금액, Сумма",
};

function missing(
  role: "customerId" | "date" | "amount",
  headers: string[],
  hasHeader: boolean,
  found: ColumnError["found"],
): ColumnError {
  const shown = headers.slice(0, 10).map(showCell).join(", ");
  const seen = hasHeader
    ? `the headers are ${shown}${headers.length > 10 ? ` and ${headers.length - 10} more` : ""}`
    : "no header row";
  const values = { customerId: "ids", date: "dates", amount: "numbers" }[role];
  return new ColumnError(
    role,
    `no ${ROLE_NAMES[role]} column: ${seen}, and no other column holds ${values} — name the column ` +
      `(e.g. ${EXAMPLES[role]}) or choose it`,
    found,
  );
}
