/**
 * The report model: report sheets as plain data. The Sheets writer (add-on) and the .xlsx writer
 * (CLI) both draw exactly this, so a report looks the same in both and is tested once as data.
 *
 * A sheet is a grid of cells (values, or formulas with their computed values) plus styling on
 * rectangular ranges. Text is always text: a string that starts with "=" is a literal string; only a
 * {@link FormulaCell} is a formula. Rows and columns are 1-based, as in both spreadsheet APIs.
 */

import type { Language } from "../language";

/** A literal cell value; `null` is a blank cell. Dates are calendar days as UTC-midnight `Date`s. */
export type LiteralValue = number | string | boolean | Date | null;

/**
 * A live spreadsheet formula (`=…`, A1 notation, English function names, `,` separators) and its value.
 * A reference to another report sheet is written with {@link sheetRef}, since the writer may have to
 * rename a sheet (a user's "Summary" already exists); the writers resolve it with {@link resolveSheetRefs}.
 */
export interface FormulaCell {
  formula: string;
  /** What the formula evaluates to, computed by the engine: the cached value an .xlsx carries. */
  value: number | string | null;
}

export type ReportCell = LiteralValue | FormulaCell;

/** A placeholder for another report sheet's name in a formula: `${sheetRef("ltv-cac")}!B5`. */
export function sheetRef(key: ReportSheetKey): string {
  return `⟦${key}⟧`;
}

/** A formula with each {@link sheetRef} replaced by the quoted name the writer gave that sheet. */
export function resolveSheetRefs(formula: string, nameOf: (key: ReportSheetKey) => string): string {
  return formula.replace(
    /⟦([a-z-]+)⟧/g,
    (_, key: string) => `'${nameOf(key as ReportSheetKey).replace(/'/g, "''")}'`,
  );
}

export function isFormula(cell: ReportCell): cell is FormulaCell {
  return typeof cell === "object" && cell !== null && !(cell instanceof Date) && "formula" in cell;
}

/** A rectangle of cells. */
export interface CellRange {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/** Spreadsheet number format patterns, the same syntax in Sheets and Excel. */
export const FORMATS = {
  integer: "#,##0",
  decimal: "#,##0.00",
  percent: "0.0%",
  ratio: '0.00"x"',
  date: "yyyy-mm-dd",
  periods: '0.0" periods"',
} as const;

/**
 * A money format for a currency symbol: no decimals for currencies without minor units in use (₩, ¥),
 * the symbol after the number where the language writes it so. The spreadsheet's locale supplies the
 * separators: `#,##0.00 "₽"` shows "1 234,50 ₽" in a Russian spreadsheet.
 * @example currencyFormat("$") // '"$"#,##0.00'
 */
export function currencyFormat(symbol = "$", symbolAfter = false): string {
  const quoted = `"${symbol.replace(/"/g, "")}"`;
  const number = /^[₩¥円]$/.test(symbol.trim()) ? "#,##0" : "#,##0.00";
  return symbolAfter ? `${number} ${quoted}` : `${quoted}${number}`;
}

export interface RangeStyle {
  range: CellRange;
  numberFormat?: string;
  bold?: boolean;
  italic?: boolean;
  /** Background color, `#rrggbb`. */
  background?: string;
  /** Text color, `#rrggbb`. */
  color?: string;
  horizontalAlignment?: "left" | "center" | "right";
  wrap?: boolean;
}

/** A three-color heatmap over a matrix: min → mid (50th percentile) → max. */
export interface ColorScale {
  kind: "colorScale";
  range: CellRange;
  minColor: string;
  midColor: string;
  maxColor: string;
}

/** Colors cells whose value is below / at least a threshold (e.g. LTV:CAC against 3:1). */
export interface ThresholdRule {
  kind: "threshold";
  range: CellRange;
  threshold: number;
  belowColor: string;
  atOrAboveColor: string;
}

export type ConditionalFormat = ColorScale | ThresholdRule;

export interface Chart {
  type: "line" | "column";
  title: string;
  /** The header row and label column are part of the range: first column = x axis labels. */
  data: CellRange;
  /** Series are in rows (one line per cohort) or in columns. */
  seriesIn: "rows" | "columns";
  /** Where the chart's top-left corner sits. */
  anchor: { row: number; column: number };
  xAxisTitle?: string;
  yAxisTitle?: string;
  /** A column chart's series stacked (negative values below the axis). */
  stacked?: boolean;
  /** The last this-many series drawn as lines on a second axis over the columns (a combo chart). */
  lineSeries?: number;
}

export type ReportSheetKey =
  | "retention"
  | "revenue"
  | "ltv-cac"
  | "summary"
  | "predicted-clv"
  | "subscription"
  | "forecast-check"
  | "customers"
  | "payback";

export interface ReportSheet {
  key: ReportSheetKey;
  /** The sheet's name before any renaming to avoid a user's sheet of the same name. */
  name: string;
  /** The grid, row by row; rows may be shorter than others (the rest is blank). */
  cells: ReportCell[][];
  styles: RangeStyle[];
  conditionalFormats: ConditionalFormat[];
  charts: Chart[];
  frozenRows: number;
  frozenColumns: number;
  /** Column widths in pixels, by 1-based column; unlisted columns keep the default. */
  columnWidths: Record<number, number>;
  /** Cells a user may edit (spend on LTV:CAC); a refresh keeps what they typed, matched by row key. */
  editable?: {
    range: CellRange;
    keyColumn: number;
    /** Further columns that identify a row together with `keyColumn`, e.g. the segment of a cohort × segment row. */
    extraKeyColumns?: number[];
  }[];
  /**
   * A filter over a table (its header row first): filter buttons on the header, so a reader lists one
   * segment and copies it. Sheets' basic filter and Excel's autoFilter, one per sheet. (Filter views
   * need the Sheets API, whose scopes all reach every spreadsheet of the user; the add-on asks for
   * the current one only.)
   */
  filter?: CellRange;
  /** Cell notes (hover text), e.g. "partial period". */
  notes?: { row: number; column: number; text: string }[];
  /** How the sheet prints (report/print.ts). */
  print?: PrintSetup;
}

/** Page setup: always one page wide; rows 1 … `repeatRows` on every page; `onePage`: one page tall too. */
export interface PrintSetup {
  landscape: boolean;
  repeatRows: number;
  onePage: boolean;
  /** Print only this range from A1 (a long per-customer list: its top), said by `footer` on every page. */
  area?: CellRange;
  footer?: string;
}

export interface Report {
  title: string;
  /** The language of the report's words; @default "en". */
  language?: Language;
  /** The settings the report was built with, shown on Summary and stored for refresh. */
  settings: Record<string, string | number | boolean | null>;
  sheets: ReportSheet[];
}
