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
export interface ColumnMapping extends TransactionColumns {}

export interface DetectedColumns {
  mapping: ColumnMapping;
  /** Whether the first row is a header row (text only) rather than data. */
  hasHeader: boolean;
  /** The header texts (trimmed), or "Column 1", "Column 2"… when there is no header row. */
  headers: string[];
  /** How each mapped role was found: its header, its values, or the user's choice. */
  foundBy: Partial<Record<ColumnRole, FoundBy>>;
  /** Other columns whose header names the customer, passed over because they have no repeat customers. */
  passedOver?: number[];
}

export type FoundBy = "header" | "values" | "option";

/** Whether a mapping has what a report needs for revenue: an amount, or a quantity and a unit price. */
export function hasAmount(mapping: Partial<ColumnMapping>): boolean {
  return mapping.amount !== undefined || (mapping.quantity !== undefined && mapping.price !== undefined);
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
    /**
     * What is wrong besides a missing column, and the headers it is about: two customer columns that
     * disagree, a customer column that reads as an order id (customer, order), a unit price alone.
     */
    readonly problem?: { kind: "twoCustomers" | "customerIsOrder" | "unitPrice"; headers: string[] },
  ) {
    super(message);
    this.name = "ColumnError";
  }
}

/**
 * The longest header whose words are read. A longer one is a note pasted into the header row: its
 * column's values decide its role (and a search per known name through a page of text would not be cheap).
 */
const MAX_HEADER = 200;

/**
 * A header folded for matching, by transactions' and spend tables' readers alike: compatibility
 * forms, words of a camel-case name split ("CustomerID" → "customer id"), a parenthesised part
 * dropped ("Amount spent (USD)" → "amount spent"), Latin and Cyrillic accents dropped ("Dépenses" →
 * "depenses", "счёт" → "счет", "й" → "и"; Hangul is recomposed after), lower case, punctuation and
 * `_` as single spaces; "" for a header over {@link MAX_HEADER} characters, which names nothing.
 */
export function foldHeader(text: string): string {
  if (text.length > MAX_HEADER) return "";
  return withoutParentheses(text.normalize("NFKC").replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2"))
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .normalize("NFC")
    .toLowerCase()
    .replace(/[_\-./\\[\]{}#:,;'"’*№$€₩₽%]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The text outside parentheses, each parenthesised part a space (a loop: no regex backtracking over a long header). */
function withoutParentheses(text: string): string {
  let out = "";
  let depth = 0;
  for (const char of text) {
    if (char === "(") {
      depth++;
      out += " ";
    } else if (char === ")" && depth > 0) depth--;
    else if (depth === 0) out += char;
  }
  return out;
}

/** Each list of names folded as headers are, so that a header and a name compare as equals. */
export function foldedNames<K extends string>(names: Record<K, string[]>): Record<K, string[]> {
  return Object.fromEntries(
    Object.entries<string[]>(names).map(([key, list]) => [key, list.map(foldHeader)]),
  ) as Record<K, string[]>;
}

/**
 * Header names per role, folded as headers are ({@link foldHeader}). A header equal
 * to one of them matches strongly; a header containing one as a word (Korean: as a part) matches too.
 * Only the names listed in `EXACT_ONLY` must match the whole header ("id" alone is a customer id,
 * "Order ID" is not).
 */
// biome-ignore format: word lists read best as lines of related names
const HEADER_NAMES: Record<ColumnRole, string[]> = foldedNames({
  customerId: [
    "customer id", "customer", "customer number", "customer no", "customer code", "customer email",
    "cust id", "client id", "client", "user id", "user", "buyer", "buyer id", "member id", "member",
    "account id", "account", "shopper", "email", "id", "customerid", "userid", "clientid",
    "고객 id", "고객id", "고객번호", "고객 번호", "고객코드", "고객", "회원 id", "회원id", "회원번호", "회원",
    "사용자 id", "사용자", "구매자", "주문자", "주문자 id", "이메일",
    "id клиента", "клиент", "код клиента", "номер клиента", "покупатель", "id покупателя",
    "пользователь", "id пользователя", "заказчик", "почта",
    // de, fr, es, pt
    "kunde", "kunden", "kundennummer", "kundennr", "kunden id", "kunden nr", "käufer",
    "numéro client", "numero client", "id client", "code client", "acheteur",
    "cliente", "id cliente", "id del cliente", "número de cliente", "numero de cliente", "código cliente",
    "código de cliente", "comprador", "id do cliente", "código do cliente", "codigo do cliente",
  ],
  order: [
    "order", "order id", "order no", "order number", "orderid", "invoice", "invoice id", "invoice no",
    "invoice number", "invoiceno", "transaction id", "receipt", "receipt no", "receipt number",
    "주문번호", "주문 번호", "주문 id", "주문id", "송장번호", "영수증 번호", "영수증번호",
    "номер заказа", "заказ", "id заказа", "счет", "счёт", "номер счета", "номер счёта", "чек", "номер чека",
    "накладная",
    "bestellung", "bestellnummer", "bestell nr", "auftrag", "auftragsnummer", "rechnung", "rechnungsnummer",
    "rechnungsnr", "beleg", "belegnummer",
    "commande", "numéro de commande", "numero de commande", "n° de commande", "facture", "numéro de facture",
    "pedido", "número de pedido", "numero de pedido", "id pedido", "id del pedido", "factura",
    "número de factura", "fatura", "nota fiscal", "id do pedido", "número do pedido",
  ],
  date: [
    "date", "order date", "purchase date", "transaction date", "invoice date", "payment date",
    "created at", "created", "timestamp", "day", "ordered at", "paid at", "datetime", "time",
    "날짜", "주문일", "주문 일자", "주문일자", "구매일", "구매 일자", "거래일", "거래 일자", "결제일", "일자", "일시",
    "дата", "дата заказа", "дата покупки", "дата оплаты", "дата транзакции", "дата продажи", "время",
    "datum", "bestelldatum", "rechnungsdatum", "kaufdatum", "auftragsdatum", "belegdatum",
    "date de commande", "date commande", "date de facture", "fecha", "fecha de pedido", "fecha pedido",
    "fecha de compra", "data", "data do pedido", "data da compra", "data de compra",
  ],
  amount: [
    "amount", "revenue", "sales", "total", "order total", "order value", "value", "sum",
    "net sales", "gross sales", "payment", "payment value", "paid", "subtotal", "net revenue",
    "gross revenue", "gmv", "line total",
    "금액", "매출", "매출액", "결제 금액", "결제금액", "주문 금액", "주문금액", "판매액", "판매 금액", "합계",
    "сумма", "выручка", "сумма заказа", "стоимость", "итого", "доход", "оборот", "оплата",
    "betrag", "umsatz", "summe", "gesamtbetrag", "rechnungsbetrag", "bruttobetrag", "nettobetrag", "wert",
    "montant", "montant total", "chiffre d affaires", "total ttc", "total ht",
    "importe", "monto", "ventas", "ingresos", "valor", "valor total", "receita", "faturamento",
  ],
  quantity: [
    "quantity", "qty", "units", "unit count", "menge", "anzahl", "stückzahl", "quantité", "qté",
    "cantidad", "quantidade", "qtd", "수량", "количество", "кол во",
  ],
  price: [
    "price", "unit price", "unitprice", "price each", "item price", "preis", "einzelpreis", "stückpreis",
    "prix", "prix unitaire", "precio", "precio unitario", "preço", "preço unitário", "preco unitario",
    "가격", "단가", "цена", "цена за единицу",
  ],
  segment: [
    "channel", "source", "campaign", "acquisition channel", "utm source", "medium", "utm medium",
    "utm campaign", "segment", "referrer", "traffic source", "marketing channel",
    "채널", "유입 경로", "유입경로", "캠페인", "소스", "세그먼트", "매체",
    "канал", "источник", "кампания", "сегмент", "канал привлечения", "источник трафика",
    "kanal", "quelle", "kampagne", "marketingkanal", "canal", "campagne", "canal d acquisition",
    "fuente", "campaña", "canal de adquisición", "origem", "campanha", "origen",
  ],
  margin: [
    "margin", "gross margin", "profit", "gross profit", "margin amount", "contribution",
    "마진", "이익", "이윤", "매출총이익",
    "маржа", "прибыль", "валовая прибыль", "маржинальность",
    "marge", "deckungsbeitrag", "rohertrag", "gewinn", "marge brute", "bénéfice", "margen", "beneficio",
    "margem", "lucro",
  ],
  cost: [
    "cost", "cogs", "cost of goods", "cost of goods sold", "unit cost", "product cost",
    "원가", "매출원가", "비용",
    "себестоимость", "затраты", "издержки",
    "kosten", "einstandspreis", "wareneinsatz", "coût", "cout", "coût de revient", "costo", "coste", "custo",
  ],
});

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
  "data",
  "order",
  "wert",
  "canal",
]);

const HANGUL = /[\uac00-\ud7a3]/;
const CYRILLIC = /[\u0400-\u04ff]/;

/**
 * Words that may follow a name without changing what the header names: "customer unique id",
 * "invoice no", "amount usd". Any other word after it is the head noun of something else ("customer
 * city", "order status"), so the name does not count.
 */
const QUALIFIERS = /^(id|no|nr|num|number|code|key|ref|unique|[a-z]{3})$/;

/** Romance headers put the head noun first, before a preposition: "fecha de pedido", "id del cliente". */
const ROMANCE = /(^| )(de|del|do|da|du|des|la)( |$)/;

/**
 * Where in a header a name occurs, or -1. Latin and Cyrillic names must be whole words, with Russian
 * case endings allowed ("клиента" is "клиент"); Korean compounds have no spaces ("주문금액"), so a part
 * is enough there. In head-last headers (English, German) only qualifiers may follow a Latin name.
 */
function findName(header: string, name: string, headFirst: boolean): number {
  if (HANGUL.test(name)) return header.indexOf(name);
  const cyrillic = CYRILLIC.test(name);
  const ending = cyrillic ? "[а-яё]{0,3}" : "s?";
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`(^| )${escaped}${ending}(?= |$)`, "u").exec(header);
  if (!match) return -1;
  const at = match.index + match[1].length;
  if (!cyrillic && !headFirst) {
    const after = header.slice(at + match[0].length - match[1].length).trim();
    if (after && !after.split(" ").every((word) => QUALIFIERS.test(word))) return -1;
  }
  return at;
}

/** The role a header names, and how strongly: 2 for an exact name, 1 for a name inside the header. */
export function headerRole(text: string): { role: ColumnRole; strength: 1 | 2 } | undefined {
  const header = foldHeader(text);
  if (!header) return undefined;
  for (const role of Object.keys(HEADER_NAMES) as ColumnRole[]) {
    if (HEADER_NAMES[role].includes(header)) return { role, strength: 2 };
  }
  // Inside a longer header the head noun decides: last in English and Korean ("order date",
  // "주문 금액"), first in Russian and the Romance languages ("дата заказа", "fecha de pedido").
  const headFirst = CYRILLIC.test(header) || ROMANCE.test(header);
  let best: { role: ColumnRole; at: number; length: number } | undefined;
  for (const role of Object.keys(HEADER_NAMES) as ColumnRole[]) {
    for (const name of HEADER_NAMES[role]) {
      if (EXACT_ONLY.has(name)) continue;
      const at = findName(header, name, headFirst);
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
  /(^| )(order|invoice|transaction|receipt|sku|product|item|stock|rechnung|bestellung|commande|facture|pedido|factura|fatura)s?( |$)|주문|상품|송장|заказ|товар|чек|накладн/u;

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
 * `preset` fixes roles the user already chose; they are kept and their columns are not reused (−1:
 * the user said the table has no such column).
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
  // A preset of −1: the user said there is no such column (`--order none`).
  const none = new Set<ColumnRole>();
  for (const [role, column] of Object.entries(preset) as [ColumnRole, number | undefined][]) {
    if (column === undefined) continue;
    if (column < 0) {
      none.add(role);
      continue;
    }
    mapping[role] = column;
    foundBy[role] = "option";
    used.add(column);
  }
  const data = rows.slice(hasHeader ? 1 : 0);
  const found = () => ({ mapping: { ...mapping }, hasHeader, headers, foundBy });

  // Values must not contradict a header: a "Date" column of text is not the date column.
  const fits = (role: ColumnRole, p: ColumnProfile): boolean => {
    if (p.filled === 0) return sample.length === 0;
    if (role === "date") return share(p.dates, p) >= 0.5;
    if (MONEY_ROLES.has(role)) return share(p.numbers, p) >= 0.5;
    if (role === "segment") return share(p.numbers + p.dates, p) < 0.5;
    return share(p.dates, p) < 0.5;
  };

  // Headers whose values contradict them, taken only when no other column fits: then reading the
  // rows names the bad cell, which helps more than "no amount column".
  const contradicted: Partial<Record<ColumnRole, number>> = {};
  // Every column whose header names the customer: more than one is a question (customer_id and
  // customer_unique_id), settled by the data below.
  const customerHeaders: number[] = [];
  if (hasHeader) {
    const candidates = headers
      .map((text, column) => ({ column, match: headerRole(text) }))
      .filter((c) => c.match && !used.has(c.column))
      .sort((a, b) => (b.match?.strength ?? 0) - (a.match?.strength ?? 0) || a.column - b.column);
    for (const { column, match } of candidates) {
      if (!match || used.has(column)) continue;
      if (
        match.role === "customerId" &&
        preset.customerId === undefined &&
        fits("customerId", profiles[column])
      )
        customerHeaders.push(column);
      if (mapping[match.role] !== undefined || none.has(match.role)) continue;
      if (!fits(match.role, profiles[column])) {
        contradicted[match.role] ??= column;
        continue;
      }
      mapping[match.role] = column;
      foundBy[match.role] = "header";
      used.add(column);
    }
  }
  let passedOver: number[] | undefined;
  if (customerHeaders.length > 1) {
    const chosen = chooseCustomer(data, customerHeaders, mapping.order, headers, found);
    if (chosen.column !== mapping.customerId) {
      used.delete(mapping.customerId as number);
      mapping.customerId = chosen.column;
      used.add(chosen.column);
    }
    passedOver = chosen.passedOver;
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
  // A unit price is never revenue by itself: with a quantity it is quantity × price; without one the
  // user must say which column is the amount (summing unit prices is a wrong report).
  if (mapping.amount === undefined && mapping.price === undefined) {
    // Money has cents somewhere; among whole-number columns the rightmost is likeliest the amount.
    const numeric = free((p) => share(p.numbers, p) >= 0.8).filter(
      ({ column }) => !(hasHeader && NOT_MONEY.test(foldHeader(headers[column]))),
    );
    const withCents = numeric.filter(({ p }) => p.fractional > 0);
    take("amount", (withCents[0] ?? numeric[numeric.length - 1])?.column);
  }
  if (mapping.customerId === undefined) {
    // Ids are text more often than numbers (a whole-number column may be a quantity), and many: a
    // column of few values repeated over many rows (a country, a channel) is a category.
    const numeric = (p: ColumnProfile) => share(p.numbers, p) >= 0.8;
    const ids = free((p) => p.filled > 0 && p.fractional === 0 && share(p.dates, p) < 0.5)
      .filter(({ column }) => !(hasHeader && NOT_CUSTOMER.test(foldHeader(headers[column]))))
      .filter(({ column }) => !isCategory(data, column))
      .sort(
        (a, b) =>
          Number(numeric(a.p)) - Number(numeric(b.p)) || b.p.distinct - a.p.distinct || a.column - b.column,
      );
    take("customerId", ids[0]?.column);
  }

  for (const role of ["customerId", "date", "amount"] as const) {
    const fallback = contradicted[role];
    if (mapping[role] === undefined && fallback !== undefined && !used.has(fallback)) take(role, fallback);
    if (role === "amount" && hasAmount(mapping)) continue;
    if (role === "amount" && mapping.price !== undefined)
      throw new ColumnError(
        "amount",
        `"${headers[mapping.price]}" is a unit price, and there is no quantity column to multiply it by nor an ` +
          "amount column — a unit price alone is not revenue: choose the amount column (--amount), or the " +
          "quantity column (--quantity)",
        found(),
        { kind: "unitPrice", headers: [headers[mapping.price]] },
      );
    if (mapping[role] === undefined) throw missing(role, headers, hasHeader, found());
  }
  // With an amount, a quantity or unit price found by its header is not used: leave it out of the mapping.
  if (mapping.amount !== undefined) {
    for (const role of ["quantity", "price"] as const) {
      if (foundBy[role] === "option") continue;
      delete mapping[role];
      delete foundBy[role];
    }
  }
  if (foundBy.customerId !== "option") checkCustomerIsNotAnOrder(data, mapping, headers, found);
  return { mapping: mapping as ColumnMapping, hasHeader, headers, foundBy, passedOver };
}

const MONEY_ROLES = new Set<ColumnRole>(["amount", "margin", "cost", "quantity", "price"]);

/** Cells of a column over every row, as text: what its distinct values are counted by. */
function columnKeys(rows: readonly Cell[][], column: number): (string | undefined)[] {
  return rows.map((row) => {
    const cell = row[column];
    if (isBlank(cell)) return undefined;
    return isDate(cell) ? String(cell.getTime()) : String(cell).trim();
  });
}

/** Filled cells and distinct values of a column over every row. */
function distinctCount(rows: readonly Cell[][], column: number): { filled: number; distinct: number } {
  const keys = columnKeys(rows, column).filter((k): k is string => k !== undefined && k !== "");
  return { filled: keys.length, distinct: new Set(keys).size };
}

/**
 * A category, not an id: at most {@link CATEGORY_VALUES} distinct values, each on
 * {@link CATEGORY_ROWS} rows or more on average (37 countries over 20,000 invoices; 5 channels).
 */
function isCategory(rows: readonly Cell[][], column: number): boolean {
  const { filled, distinct } = distinctCount(rows, column);
  return distinct <= CATEGORY_VALUES && distinct * CATEGORY_ROWS <= filled;
}
const CATEGORY_VALUES = 50;
const CATEGORY_ROWS = 20;

/**
 * Of several columns headed like the customer, the one with repeat customers (fewer ids than orders,
 * or than rows without an order column): Olist's `customer_id` is new on every order, its
 * `customer_unique_id` is the person. Columns that group the rows alike are the same customer; two
 * that group them differently and both repeat are a question only the user can answer.
 */
function chooseCustomer(
  rows: readonly Cell[][],
  columns: number[],
  order: number | undefined,
  headers: readonly string[],
  found: () => NonNullable<ColumnError["found"]>,
): { column: number; passedOver?: number[] } {
  const orders =
    order === undefined
      ? undefined
      : new Set(rows.map((row) => (isBlank(row[order]) ? undefined : String(row[order]).trim()))).size;
  const repeating = columns.filter((column) => {
    const { filled, distinct } = distinctCount(rows, column);
    return distinct < (orders ?? filled);
  });
  const candidates = repeating.length ? repeating : columns;
  const groups: number[][] = [];
  for (const column of candidates) {
    const same = groups.find((g) => samePartition(rows, g[0], column));
    if (same) same.push(column);
    else groups.push([column]);
  }
  if (groups.length > 1) {
    const names = groups.map((g) => `"${headers[g[0]]}"`).join(" and ");
    throw new ColumnError(
      "customerId",
      `two columns could be the customer id: ${names} — they group the rows into different customers; ` +
        "choose the one that names the person (--customer)",
      found(),
      { kind: "twoCustomers", headers: groups.map((g) => headers[g[0]]) },
    );
  }
  const column = groups[0][0];
  const passedOver = columns.filter((c) => !candidates.includes(c));
  return { column, passedOver: passedOver.length ? passedOver : undefined };
}

/** Whether two columns group the rows alike: each value of one goes with one value of the other. */
function samePartition(rows: readonly Cell[][], a: number, b: number): boolean {
  const keysA = columnKeys(rows, a);
  const keysB = columnKeys(rows, b);
  const ab = new Map<string | undefined, string | undefined>();
  const ba = new Map<string | undefined, string | undefined>();
  for (let i = 0; i < rows.length; i++) {
    const [x, y] = [keysA[i], keysB[i]];
    if (ab.has(x) && ab.get(x) !== y) return false;
    if (ba.has(y) && ba.get(y) !== x) return false;
    ab.set(x, y);
    ba.set(y, x);
  }
  return true;
}

/**
 * A mapping the data contradicts: a customer id different on every row while the order column
 * repeats (the lines of one order) is an order or line id, not a customer.
 */
function checkCustomerIsNotAnOrder(
  rows: readonly Cell[][],
  mapping: Partial<ColumnMapping>,
  headers: readonly string[],
  found: () => NonNullable<ColumnError["found"]>,
): void {
  const { customerId, order } = mapping;
  if (customerId === undefined || order === undefined) return;
  const customers = distinctCount(rows, customerId);
  const orders = distinctCount(rows, order);
  if (customers.filled < 2 || customers.distinct < customers.filled || orders.distinct >= orders.filled)
    return;
  throw new ColumnError(
    "customerId",
    `the customer id column "${headers[customerId]}" has a different value on every row while the order ` +
      `column "${headers[order]}" repeats — "${headers[customerId]}" looks like a line or order id, not a ` +
      "customer: choose the customer column (--customer)",
    found(),
    { kind: "customerIsOrder", headers: [headers[customerId], headers[order]] },
  );
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
