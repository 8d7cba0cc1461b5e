/**
 * Reading what a report is built from: the user's selection, the transactions range and the spend
 * table. Each range is read with one `getValues`, whatever its size; nothing here writes.
 */
import type { Cell } from "../core/cells";
import { AddonError } from "./errors";
import { quote, type Table } from "./messages";
import type { RangeRef } from "./settings";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

/** The selected table: the selection, or the data region around a single selected cell. */
export function selectedTable(spreadsheet: Spreadsheet): Range | null {
  const active = spreadsheet.getActiveRange();
  if (!active) return null;
  const range = active.getNumRows() === 1 && active.getNumColumns() === 1 ? active.getDataRegion() : active;
  return trimToData(range);
}

/** Whole-column selections (A:D) end at the sheet's last filled row, not at row 1000. */
function trimToData(range: Range): Range | null {
  const lastRow = range.getSheet().getLastRow();
  const rows = Math.min(range.getNumRows(), lastRow - range.getRow() + 1);
  if (rows < 1) return null;
  if (rows === range.getNumRows()) return range;
  return range.getSheet().getRange(range.getRow(), range.getColumn(), rows, range.getNumColumns());
}

export function sheetById(spreadsheet: Spreadsheet, sheetId: number, table: Table): Sheet {
  const sheet = spreadsheet.getSheetById(sheetId);
  if (!sheet) throw new AddonError("source-missing", { key: "sourceMissing", params: { table } });
  return sheet;
}

export interface SourceTable {
  sheet: Sheet;
  range: Range;
  rows: Cell[][];
  /** Whether the range reaches the sheet's last row (new rows will be picked up by refresh). */
  toEnd: boolean;
}

/** Reads a table; with `extend`, down to the sheet's current last row (rows added below it). */
export function readTable(
  spreadsheet: Spreadsheet,
  ref: RangeRef,
  table: Table,
  extend = false,
): SourceTable {
  const found = findTable(spreadsheet, ref, table, extend);
  return { ...found, rows: found.range.getValues() as Cell[][] };
}

/** A table's range as {@link readTable} reads it, without reading it. */
export function findTable(
  spreadsheet: Spreadsheet,
  ref: RangeRef,
  table: Table,
  extend = false,
): Omit<SourceTable, "rows"> {
  const sheet = sheetById(spreadsheet, ref.sheetId, table);
  let range = sheet.getRange(ref.range);
  const lastRow = sheet.getLastRow();
  if (extend && lastRow > range.getLastRow()) {
    range = sheet.getRange(
      range.getRow(),
      range.getColumn(),
      lastRow - range.getRow() + 1,
      range.getNumColumns(),
    );
  } else {
    range = trimToData(range) ?? range;
  }
  return { sheet, range, toEnd: range.getLastRow() >= lastRow };
}

/**
 * The currency symbol of a number format such as `"$"#,##0.00`, `[$₩-412]#,##0` or `#,##0.00 ₽`,
 * so the report shows money the way the source does.
 */
export function currencySymbol(format: string): string | undefined {
  // "[" is not in the symbol: a match never runs past the next bracket, so the search stays linear
  // (it ran to the end of the format from every "[$" before, seconds on a long pasted format).
  const bracket = /\[\$([^[\]-]+)(?:-[0-9a-f]+)?\]/i.exec(format);
  if (bracket) return bracket[1];
  const quoted = /"([^"\d]+)"/.exec(format);
  if (quoted?.[1].trim()) return quoted[1].trim();
  const bare = /[$€£¥₩₽₹₺₴₪฿]/u.exec(format);
  return bare?.[0];
}

/** Currencies of the spreadsheet locales our users have most, for amounts typed as plain numbers. */
const LOCALE_CURRENCY: Record<string, string> = {
  KR: "₩",
  RU: "₽",
  US: "$",
  CA: "$",
  AU: "$",
  GB: "£",
  JP: "¥",
  CN: "¥",
  IN: "₹",
  DE: "€",
  FR: "€",
  ES: "€",
  IT: "€",
  NL: "€",
  AT: "€",
  IE: "€",
  FI: "€",
  PT: "€",
  BE: "€",
};

/**
 * The currency of the amount column: from its first data cell's format (one call), else from the
 * spreadsheet's locale (`ko_KR` → ₩), else none (the report's default).
 */
export function amountCurrency(
  range: Range,
  amountColumn: number,
  hasHeader: boolean,
  locale: string,
): string | undefined {
  const row = hasHeader ? 2 : 1;
  if (range.getNumRows() >= row) {
    const cell = range.getSheet().getRange(range.getRow() + row - 1, range.getColumn() + amountColumn);
    const symbol = currencySymbol(cell.getNumberFormat());
    if (symbol) return symbol;
  }
  return localeCurrency(locale);
}

/** The currency of a spreadsheet locale's country (`ko_KR` → ₩), if it is one of {@link LOCALE_CURRENCY}'s. */
export function localeCurrency(locale: string): string | undefined {
  return LOCALE_CURRENCY[locale.split(/[_-]/)[1]?.toUpperCase() ?? ""];
}

/** Reads a range the user typed or picked, e.g. `Spend!A1:C13` or `'Ad spend'!A:C`. */
export function resolveRangeText(spreadsheet: Spreadsheet, text: string, fallback: Sheet): RangeRef {
  const trimmed = text.trim();
  const bang = trimmed.lastIndexOf("!");
  let sheet = fallback;
  let a1 = trimmed;
  if (bang >= 0) {
    const name = trimmed
      .slice(0, bang)
      .replace(/^'(.*)'$/, "$1")
      .replace(/''/g, "'");
    const found = spreadsheet.getSheetByName(name);
    if (!found) throw new AddonError("input", { key: "noSheetNamed", params: { name: quote(name) } });
    sheet = found;
    a1 = trimmed.slice(bang + 1);
  }
  if (!/^\$?[A-Z]{1,3}\$?\d*(:\$?[A-Z]{1,3}\$?\d*)?$/i.test(a1)) {
    throw new AddonError("input", { key: "notARange", params: { text: quote(text) } });
  }
  return { sheetId: sheet.getSheetId(), range: a1.replace(/\$/g, "").toUpperCase() };
}

/** A1 notation with the sheet's name, quoted as Sheets writes it. */
export function qualifiedA1(range: Range): string {
  const name = range.getSheet().getName();
  const quoted = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
  return `${quoted}!${range.getA1Notation()}`;
}
