/**
 * The marketing spend table of an LTV:CAC report: one row per spend, in the columns period start,
 * spend and optionally segment (the acquisition channel the money went to). A header row is skipped.
 * A day inside a period counts for that period, so a weekly spend table serves a monthly report.
 */
import {
  type Cell,
  isBlank,
  plural,
  readDay,
  readNumber,
  type SheetContext,
  showCell,
  Where,
} from "../cells";
import { looksLikeHeader } from "../columns";

export interface SpendRow {
  /** The calendar day the spend is dated (any day of its period). */
  day: number;
  spend: number;
  /** The segment the spend acquired customers for; undefined when the table has no segment column. */
  segment?: string;
}

export interface SpendTable {
  rows: SpendRow[];
  /** Whether the table names a segment per row, so spend can be matched to segment cohorts. */
  bySegment: boolean;
}

/**
 * Reads a spend table (period start, spend[, segment]). Blank rows are skipped; a row with a date
 * but a bad spend, or a negative spend, is an error naming the row as the user sees it.
 * @example readSpendTable([["Month", "Spend"], ["2024-01-01", "$1,200"]], ctx).rows
 *   // [{ day: 19723, spend: 1200 }]
 */
export function readSpendTable(
  table: readonly Cell[][],
  ctx: SheetContext,
  label = "Spend table",
): SpendTable {
  const skip = table.length > 0 && looksLikeHeader(table[0], ctx) ? 1 : 0;
  const width = table.reduce((w, row) => Math.max(w, row.length), 0);
  if (width < 2) {
    throw new Where(label, "the range").error(
      `has ${plural(width, "column")} — expected period start, spend and optionally segment`,
    );
  }
  const bySegment = width >= 3 && table.slice(skip).some((row) => !isBlank(row[2]));
  const rows: SpendRow[] = [];
  for (let i = skip; i < table.length; i++) {
    const row = table[i];
    if (row.every(isBlank)) continue;
    const day = readDay(monthText(row[0]), ctx, new Where(label, "period start").at(i + 1, 1, true));
    const spend = readNumber(row[1], ctx, new Where(label, "spend").at(i + 1, 2, true));
    if (spend < 0) {
      throw new Where(label, "spend")
        .at(i + 1, 2, true)
        .error(`is ${showCell(row[1])} — spend cannot be negative`);
    }
    const segment = bySegment && !isBlank(row[2]) ? String(row[2]).trim() : undefined;
    rows.push(segment === undefined ? { day, spend } : { day, spend, segment });
  }
  return { rows, bySegment };
}

/** Spend tables often name a month without a day ("2024-03", "2024/3"): that is its first day. */
function monthText(cell: Cell): Cell {
  const month = typeof cell === "string" ? /^\s*(\d{4})[-/.](\d{1,2})\s*$/.exec(cell) : null;
  return month ? `${month[1]}-${month[2].padStart(2, "0")}-01` : cell;
}
