/**
 * The command line's column options (`--customer`, `--order`, `--date`, `--amount`, `--quantity`,
 * `--price`, `--segment`, `--margin-column`, `--cost-column`): each names a column by its header or
 * by its letter (`C`), checked against the file's columns; and the mapping a run used, printed with
 * the reason for each column (its header, its values, or the option).
 */
import type { DateOrder } from "../core/cells";
import type { ColumnMapping, ColumnRole, DetectedColumns } from "../core/columns";
import { UsageError } from "./options";

/** What each column option names, as typed; "none" for an optional role: no such column. */
export type ColumnChoices = Partial<Record<ColumnRole, string>>;

/** The option of each role. */
export const COLUMN_OPTIONS: Record<ColumnRole, string> = {
  customerId: "--customer",
  order: "--order",
  date: "--date",
  amount: "--amount",
  quantity: "--quantity",
  price: "--price",
  segment: "--segment",
  margin: "--margin-column",
  cost: "--cost-column",
};

/** Roles a file may have no column for: `--order none` says each row is one order. */
const OPTIONAL: ReadonlySet<ColumnRole> = new Set([
  "order",
  "quantity",
  "price",
  "segment",
  "margin",
  "cost",
]);

/** Index of a column letter (A = 0, Z = 25, AA = 26), or undefined when the text is not one. */
function letterIndex(text: string): number | undefined {
  if (!/^[A-Z]{1,3}$/i.test(text)) return undefined;
  let index = 0;
  for (const char of text.toUpperCase()) index = index * 26 + (char.charCodeAt(0) - 64);
  return index - 1;
}

/** The letter of a 0-based column index. */
export function columnLetter(index: number): string {
  let letter = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letter = String.fromCharCode(65 + ((n - 1) % 26)) + letter;
  return letter;
}

/**
 * The columns the options name, as a preset for detectColumns: a header (exactly, then ignoring case)
 * or a letter. `none` (optional roles only) is −1: no such column. A name that is no column is a
 * wrong command line naming the columns there are.
 */
export function chosenColumns(choices: ColumnChoices, headers: readonly string[]): Partial<ColumnMapping> {
  const preset: Partial<ColumnMapping> = {};
  const taken = new Map<number, ColumnRole>();
  for (const [role, text] of Object.entries(choices) as [ColumnRole, string | undefined][]) {
    if (text === undefined) continue;
    const option = COLUMN_OPTIONS[role];
    const wanted = text.trim();
    if (wanted.toLowerCase() === "none") {
      if (!OPTIONAL.has(role))
        throw new UsageError(
          `${option} none — a report needs a ${role === "customerId" ? "customer" : role} column`,
        );
      preset[role] = -1;
      continue;
    }
    let index = headers.indexOf(wanted);
    if (index < 0) index = headers.findIndex((h) => h.toLowerCase() === wanted.toLowerCase());
    if (index < 0) {
      const letter = letterIndex(wanted);
      if (letter !== undefined && letter < headers.length) index = letter;
    }
    if (index < 0) {
      const listed = headers.map((h, i) => `${columnLetter(i)} "${h}"`).join(", ");
      throw new UsageError(
        `${option} is "${text}" — no such column; give a header or a column letter: ${listed}` +
          (OPTIONAL.has(role) ? `, or ${option} none` : ""),
      );
    }
    const other = taken.get(index);
    if (other)
      throw new UsageError(
        `${option} and ${COLUMN_OPTIONS[other]} both name column ${columnLetter(index)} "${headers[index]}" — give each its own column`,
      );
    taken.set(index, role);
    preset[role] = index;
  }
  return preset;
}

const ORDER_WORDS: Record<DateOrder, string> = {
  dmy: "day/month/year",
  mdy: "month/day/year",
  ymd: "year-month-day",
};

/** The mapping's short names, in print order. */
const SHORT: [ColumnRole, string][] = [
  ["customerId", "customer"],
  ["order", "order"],
  ["date", "date"],
  ["amount", "amount"],
  ["segment", "segment"],
  ["margin", "margin"],
  ["cost", "cost"],
];

/**
 * The mapping as the command line prints it, e.g. `customer = CustomerID (header), order = InvoiceNo
 * (header), date = InvoiceDate (header, day/month/year), amount = Quantity × UnitPrice (header)`.
 * `dateOrder` is how the dates were read, when they are not ISO dates.
 */
export function describeMapping(
  detected: Pick<DetectedColumns, "headers" | "foundBy" | "passedOver">,
  mapping: Partial<ColumnMapping>,
  dateOrder?: DateOrder,
): string {
  const { headers, foundBy } = detected;
  const why = (role: ColumnRole, extra?: string) => {
    const by = foundBy[role];
    const reason = by === "option" ? COLUMN_OPTIONS[role] : by;
    return [reason, extra].filter(Boolean).join(", ");
  };
  const parts: string[] = [];
  for (const [role, name] of SHORT) {
    const column = mapping[role];
    if (
      role === "amount" &&
      column === undefined &&
      mapping.quantity !== undefined &&
      mapping.price !== undefined
    ) {
      const reasons = [...new Set([why("quantity"), why("price")])].join("; ");
      parts.push(`amount = ${headers[mapping.quantity]} × ${headers[mapping.price]} (${reasons})`);
      continue;
    }
    if (role === "order" && (column === undefined || column < 0)) {
      parts.push("order = each row (no order column)");
      continue;
    }
    if (column === undefined || column < 0) continue;
    let extra: string | undefined;
    if (role === "date" && dateOrder) extra = ORDER_WORDS[dateOrder];
    if (role === "customerId" && detected.passedOver?.length)
      extra = `not ${detected.passedOver.map((c) => headers[c]).join(", ")}: no repeat customers there`;
    parts.push(`${name} = ${headers[column]} (${why(role, extra)})`);
  }
  return parts.join(", ");
}
