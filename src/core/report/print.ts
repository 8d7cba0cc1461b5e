/**
 * How a report sheet prints: fitted to one page wide, landscape where it is wider than a portrait
 * page, its header rows (the frozen ones) repeated on every page, and a sheet that must be read at a
 * glance (Summary) on one page, and of a per-customer list only its most valuable customers, the footer
 * saying so. The .xlsx writer sets these as the workbook's page setup; the
 * Spreadsheet service has no page setup (Sheets takes it from its print dialog).
 */
import { CHART_SIZE } from "./charts";
import { DEFAULT_WIDTH } from "./column-widths";
import type { PrintSetup, ReportCell, ReportSheet } from "./model";

/** The printable width of a portrait A4 page with the default 0.7" margins, in 96-dpi pixels. */
export const PORTRAIT_WIDTH = 660;
/** The default row height, in pixels. */
export const ROW_PIXELS = 20;
/** Customers a printout of a per-customer list shows: a deck needs the top, not thousands of rows. */
export const PRINTED_CUSTOMERS = 50;

/** Pixels from column A's left edge to the right edge of the last used column or chart. */
export function printedWidth(
  cells: readonly ReportCell[][],
  charts: ReportSheet["charts"],
  widths: Readonly<Record<number, number>>,
): number {
  const left = (column: number) => {
    let x = 0;
    for (let c = 1; c < column; c++) x += widths[c] ?? DEFAULT_WIDTH;
    return x;
  };
  const columns = cells.reduce((n, row) => Math.max(n, row.length), 0);
  let width = left(columns + 1);
  for (const chart of charts) width = Math.max(width, left(chart.anchor.column) + CHART_SIZE.width);
  return width;
}

export function printSetup(
  cells: readonly ReportCell[][],
  charts: ReportSheet["charts"],
  widths: Readonly<Record<number, number>>,
  frozenRows: number,
  onePage: boolean,
  printed?: { rows: number; footer: string },
): PrintSetup {
  const setup: PrintSetup = {
    landscape: printedWidth(cells, charts, widths) > PORTRAIT_WIDTH,
    repeatRows: frozenRows,
    onePage,
  };
  if (!printed || printed.rows >= cells.length) return setup;
  // Charts beside the list are printed whole.
  const chartRows = Math.ceil(CHART_SIZE.height / ROW_PIXELS);
  const rows = charts.reduce((n, c) => Math.max(n, c.anchor.row + chartRows), printed.rows);
  let columns = cells.reduce((n, row) => Math.max(n, row.length), 1);
  for (const chart of charts) {
    let column = chart.anchor.column;
    for (let x = widths[column] ?? DEFAULT_WIDTH; x < CHART_SIZE.width; x += widths[column] ?? DEFAULT_WIDTH)
      column++;
    columns = Math.max(columns, column);
  }
  return { ...setup, area: { row: 1, column: 1, rows, columns }, footer: printed.footer };
}
