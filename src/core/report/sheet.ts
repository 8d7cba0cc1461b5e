/**
 * A small writer for one report sheet: put values and formulas at 1-based positions, style ranges,
 * and hand back the plain {@link ReportSheet}. Keeps the sheet modules about content, not bookkeeping.
 */

import { fittedWidths } from "./column-widths";
import type {
  CellRange,
  Chart,
  ConditionalFormat,
  FormulaCell,
  RangeStyle,
  ReportCell,
  ReportSheet,
  ReportSheetKey,
} from "./model";
import { printSetup } from "./print";

/** Colors shared by the report sheets (Google Sheets' own palette, so both renderers match). */
export const COLORS = {
  title: "#1f3864",
  header: "#e8eaed",
  total: "#f3f3f3",
  muted: "#666666",
  input: "#fff2cc",
  scaleLow: "#ffffff",
  scaleMid: "#b7e1cd",
  scaleHigh: "#57bb8a",
  below: "#f4c7c3",
  above: "#b7e1cd",
} as const;

/** `A1`-style address of a 1-based row and column; `absolute` adds `$`s. */
export function a1(row: number, column: number, absolute = false): string {
  let letters = "";
  for (let c = column; c > 0; c = Math.floor((c - 1) / 26)) {
    letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  }
  return absolute ? `$${letters}$${row}` : `${letters}${row}`;
}

/** `A1:B2` of a range. */
export function rangeA1(range: CellRange): string {
  return `${a1(range.row, range.column)}:${a1(range.row + range.rows - 1, range.column + range.columns - 1)}`;
}

export function range(row: number, column: number, rows = 1, columns = 1): CellRange {
  return { row, column, rows, columns };
}

/** Numbers the model can carry: not finite becomes blank (a sheet must never show NaN). */
export function finite(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value;
}

/** A live formula and the value the engine computed for it. */
export const formula = (text: string, value: number | string | null): FormulaCell => ({
  formula: text,
  value,
});

/** A string literal inside a formula: quoted, inner quotes doubled. */
export const quoted = (words: string) => `"${words.replace(/"/g, '""')}"`;

export class SheetWriter {
  private readonly cells: ReportCell[][] = [];
  private readonly styles: RangeStyle[] = [];
  private readonly conditionalFormats: ConditionalFormat[] = [];
  private readonly charts: Chart[] = [];
  private readonly notes: { row: number; column: number; text: string }[] = [];
  private readonly editable: NonNullable<ReportSheet["editable"]> = [];
  /** A filter over a table, header row first (one per sheet). */
  filter?: CellRange;
  readonly columnWidths: Record<number, number> = {};
  frozenRows = 0;
  frozenColumns = 0;
  /** Printed on one page (Summary), not only one page wide. */
  onePage = false;
  /** Only the top of a long list printed: its last row, and the footer that says so. */
  printed?: { rows: number; footer: string };

  constructor(
    readonly key: ReportSheetKey,
    readonly name: string,
  ) {}

  /** The next empty row. */
  get nextRow(): number {
    return this.cells.length + 1;
  }

  set(row: number, column: number, value: ReportCell): void {
    while (this.cells.length < row) this.cells.push([]);
    const line = this.cells[row - 1];
    while (line.length < column - 1) line.push(null);
    line[column - 1] = typeof value === "number" ? finite(value) : value;
  }

  /** Writes values left to right from (row, column). */
  row(row: number, column: number, values: readonly ReportCell[]): void {
    values.forEach((value, i) => {
      this.set(row, column + i, value);
    });
  }

  style(target: CellRange, style: Omit<RangeStyle, "range">): void {
    if (target.rows > 0 && target.columns > 0) this.styles.push({ range: target, ...style });
  }

  colorScale(target: CellRange): void {
    if (target.rows <= 0 || target.columns <= 0) return;
    this.conditionalFormats.push({
      kind: "colorScale",
      range: target,
      minColor: COLORS.scaleLow,
      midColor: COLORS.scaleMid,
      maxColor: COLORS.scaleHigh,
    });
  }

  threshold(target: CellRange, threshold: number): void {
    if (target.rows <= 0 || target.columns <= 0) return;
    this.conditionalFormats.push({
      kind: "threshold",
      range: target,
      threshold,
      belowColor: COLORS.below,
      atOrAboveColor: COLORS.above,
    });
  }

  chart(chart: Chart): void {
    this.charts.push(chart);
  }

  note(row: number, column: number, text: string): void {
    this.notes.push({ row, column, text });
  }

  /** Cells a user types into, kept on refresh; rows are matched by the key columns' values. */
  markEditable(target: CellRange, keyColumns: number[]): void {
    if (target.rows <= 0) return;
    const [keyColumn, ...extraKeyColumns] = keyColumns;
    this.editable.push(
      extraKeyColumns.length ? { range: target, keyColumn, extraKeyColumns } : { range: target, keyColumn },
    );
  }

  /** A sheet title in row `row`, bold and colored, with an optional muted line under it. */
  title(row: number, text: string, subtitle?: string): void {
    this.set(row, 1, text);
    this.style(range(row, 1), { bold: true, color: COLORS.title });
    if (subtitle) {
      this.set(row + 1, 1, subtitle);
      this.style(range(row + 1, 1), { italic: true, color: COLORS.muted });
    }
  }

  /** A header row: bold on grey, centred over numbers. */
  header(row: number, column: number, values: readonly ReportCell[]): void {
    this.row(row, column, values);
    this.style(range(row, column, 1, values.length), { bold: true, background: COLORS.header, wrap: true });
  }

  build(): ReportSheet {
    const columnWidths = fittedWidths(this.cells, this.styles, this.columnWidths);
    const sheet: ReportSheet = {
      key: this.key,
      name: this.name,
      cells: this.cells,
      styles: this.styles,
      conditionalFormats: this.conditionalFormats,
      charts: this.charts,
      frozenRows: this.frozenRows,
      frozenColumns: this.frozenColumns,
      columnWidths,
      print: printSetup(this.cells, this.charts, columnWidths, this.frozenRows, this.onePage, this.printed),
    };
    if (this.notes.length) sheet.notes = this.notes;
    if (this.editable.length) sheet.editable = this.editable;
    if (this.filter) sheet.filter = this.filter;
    return sheet;
  }
}
