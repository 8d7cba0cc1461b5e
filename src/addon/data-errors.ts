/**
 * The core's data errors (which cell, which row, what it holds, what was expected) as
 * {@link Message}s, so the user reads them whole in their language. The core raises them in
 * English with their parts kept apart ({@link CellError}: table, column, position, detail); the
 * detail's wording is matched here, and a detail not known yet still gives a translated message
 * naming the column, the row and the value.
 */
import { CellError } from "../core/cells";
import { ROLE_NAMES } from "../core/cohorts";
import { ColumnError } from "../core/columns";
import { ReportError } from "../core/report/build";
import { SpendTableError } from "../core/report/spend-columns";
import { type Expected, type Message, quote, type Role, type Table } from "./messages";

const TABLES: Record<string, Table> = {
  Transactions: "transactions",
  "Spend table": "spend",
  "Campaign map": "campaignMap",
};

const ROLES_BY_NAME: Record<string, Role> = {
  ...Object.fromEntries(Object.entries(ROLE_NAMES).map(([role, name]) => [name, role as Role])),
  term: "term",
  "period start": "periodStart",
  spend: "spend",
  "campaign pattern": "campaignPattern",
  channel: "campaignChannel",
};

/** `date column "Order date"` → the role and the header; `spend` → the role. */
function column(arg: string): { role: Role; header?: string } | undefined {
  const named = /^(.+?) column "(.*)"$/s.exec(arg);
  const role = ROLES_BY_NAME[named ? named[1] : arg];
  if (!role) return undefined;
  return named ? { role, header: quote(named[2]) } : { role };
}

/** The value as the core showed it (`"abc"`, `12`, `the error #N/A`, `TRUE (a checkbox…)`), quoted. */
function value(shown: string): string {
  let text = shown;
  if (shown.startsWith('"')) {
    try {
      text = JSON.parse(shown) as string;
    } catch {
      text = shown.slice(1, -1);
    }
  } else {
    text = shown.replace(/^the error /, "").replace(/ \(a checkbox or logical value\)$/, "");
  }
  return quote(text);
}

const EXPECTED: [RegExp, Expected][] = [
  [/two digits|four digits/, "fullYear"],
  [/expected a (finite )?number/, "number"],
  [/expected a date/, "date"],
  [/expected a customer id/, "id"],
  [/cannot be negative/, "nonNegative"],
  [/expected a campaign name or pattern/, "campaignPattern"],
  [/expected a whole number of months/, "months"],
  [/expected the channel its campaigns/, "campaignChannel"],
];

function expected(detail: string): Expected | undefined {
  return EXPECTED.find(([pattern]) => pattern.test(detail))?.[1];
}

/**
 * The message for a data error from the core, or undefined when `error` is not one. `firstRows` has
 * the sheet row of the spend table's and the campaign map's first rows: the core counts their rows
 * inside the table (a transactions row is a sheet row already).
 */
export function dataMessage(
  error: unknown,
  firstRows: Partial<Record<Exclude<Table, "transactions">, number>> = {},
): Message | undefined {
  if (error instanceof ColumnError && error.problem) {
    const [first, second = ""] = error.problem.headers.map(quote);
    if (error.problem.kind === "twoCustomers") return { key: "twoCustomers", params: { first, second } };
    if (error.problem.kind === "customerIsOrder")
      return { key: "customerIsOrder", params: { customer: first, order: second } };
    return { key: "unitPrice", params: { price: first } };
  }
  if (error instanceof ColumnError) {
    const headers = /the headers are (.*?), and no other/s.exec(error.message)?.[1] ?? "";
    const list = headers ? (headers.match(/"(?:[^"\\]|\\.)*"/g) ?? []).map(value).join(", ") : "";
    return { key: "missingColumn", params: { role: error.role as Role, headers: list } };
  }
  // The report's own errors (no rows, nothing before the end, too many periods) come whole, in the
  // report's language.
  if (error instanceof ReportError) return { key: "report", params: { text: error.message } };
  // A spend table's shape (a missing or doubled column, two currencies) is said whole by the core,
  // in the report's language (spend-words.ts).
  if (error instanceof SpendTableError) return { key: "report", params: { text: error.message } };
  if (!(error instanceof CellError)) return undefined;
  const table = TABLES[error.fn];
  if (!table) return undefined;
  const { detail } = error;
  if (table === "spend" && error.arg === "the range") {
    return { key: "spendColumns", params: { count: Number(/^has ([\d,]+)/.exec(detail)?.[1] ?? 0) } };
  }
  const found = column(error.arg);
  if (!found) return undefined;
  const row =
    error.position === undefined
      ? undefined
      : table === "transactions"
        ? error.position.row
        : error.position.row + (firstRows[table] ?? 1) - 1;
  const at = { table, ...found, row };
  if (/^is blank, but the row has other values/.test(detail)) return { key: "blankId", params: at };
  if (/^is blank — expected a (margin|cost)/.test(detail)) return { key: "blankMargin", params: at };
  const kind = expected(detail);
  if (/^is blank\b/.test(detail)) return { key: "blankCell", params: { ...at, expected: kind ?? "value" } };
  const shown = /^is (.+?) — /s.exec(detail)?.[1];
  const years = /year -?\d+ is outside (\d+)–(\d+)/.exec(detail);
  if (shown !== undefined && years && kind !== "fullYear") {
    return {
      key: "badYear",
      params: { ...at, value: value(shown), first: Number(years[1]), last: Number(years[2]) },
    };
  }
  if (shown !== undefined && kind)
    return { key: "badCell", params: { ...at, value: value(shown), expected: kind } };
  return { key: "dataOther", params: shown === undefined ? at : { ...at, value: value(shown) } };
}
