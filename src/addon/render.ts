/**
 * Draws one {@link ReportSheet} into a Google Sheets sheet, in a fixed number of Spreadsheet service
 * calls whatever the size of the data: one `setValues` for the whole grid, one call per kind of
 * formatting (number formats, weights, backgrounds…) over the same grid, one call for the
 * conditional format rules, one per chart, one for a table's filter. The sheet is assumed to be the
 * add-on's own.
 *
 * Text is written with a leading apostrophe, which Sheets stores as "this is text": a segment or
 * header like `=IMPORTXML(…)`, `00004` or `1/2` lands exactly as written, never as a formula, number
 * or date. Dates are written as Sheets serial days, so the calendar day does not shift with the
 * spreadsheet's time zone. Numbers that are not finite are written as blanks. Text and notes are cut
 * to Sheets' 50,000 characters per cell, which Sheets would otherwise refuse.
 */
import { dateSerial, isDate, MS_PER_DAY } from "../core/cells";
import { chartSeries } from "../core/report/charts";
import {
  type CellRange,
  type Chart,
  FORMATS,
  isFormula,
  type RangeStyle,
  type ReportCell,
  type ReportSheet,
  type ReportSheetKey,
  resolveSheetRefs,
} from "../core/report/model";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Sheets keeps at most this many characters in a cell (and in a note). */
export const CELL_LIMIT = 50_000;

/** Text cut to `limit` characters, the last one "…" when it was longer. */
function withinCellLimit(text: string, limit = CELL_LIMIT): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/**
 * A report cell as `setValues` must receive it; formulas with another report sheet's name resolved
 * by `nameOf` (the sheet may have been renamed, e.g. "LTV-CAC (2)").
 */
export function sheetValue(
  cell: ReportCell,
  nameOf?: (key: ReportSheetKey) => string,
): string | number | boolean {
  if (cell === null || cell === undefined) return "";
  if (isFormula(cell)) {
    const formula = nameOf ? resolveSheetRefs(cell.formula, nameOf) : cell.formula;
    return formula.startsWith("=") ? formula : `=${formula}`;
  }
  if (isDate(cell)) {
    const time = cell.getTime();
    return Number.isFinite(time) ? dateSerial(time / MS_PER_DAY) : "";
  }
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : "";
  if (typeof cell === "string") return cell === "" ? "" : `'${withinCellLimit(cell, CELL_LIMIT - 1)}`;
  return cell;
}

/** The size of the grid a sheet needs: its cells, styles, and charts' data. */
export function sheetExtent(model: ReportSheet): { rows: number; columns: number } {
  let rows = model.cells.length;
  let columns = model.cells.reduce((w, r) => Math.max(w, r.length), 0);
  const ranges: CellRange[] = [
    ...model.styles.map((s) => s.range),
    ...model.conditionalFormats.map((f) => f.range),
    ...model.charts.map((c) => c.data),
    ...(model.editable ?? []).map((e) => e.range),
  ];
  for (const r of ranges) {
    rows = Math.max(rows, r.row + r.rows - 1);
    columns = Math.max(columns, r.column + r.columns - 1);
  }
  for (const note of model.notes ?? []) {
    rows = Math.max(rows, note.row);
    columns = Math.max(columns, note.column);
  }
  return { rows: Math.max(rows, 1), columns: Math.max(columns, 1) };
}

function grid<T>(rows: number, columns: number, fill: T): T[][] {
  return Array.from({ length: rows }, () => new Array<T>(columns).fill(fill));
}

/** Paints `value` into `target` over a style's range, clipped to the grid. */
function paint<T>(target: T[][], range: CellRange, value: T): void {
  const lastRow = Math.min(target.length, range.row + range.rows - 1);
  for (let r = range.row; r <= lastRow; r++) {
    const line = target[r - 1];
    const lastColumn = Math.min(line.length, range.column + range.columns - 1);
    for (let c = range.column; c <= lastColumn; c++) line[c - 1] = value;
  }
}

type Alignment = "left" | "center" | "right" | null;

interface FormatGrids {
  numberFormat: string[][];
  fontWeight?: ("bold" | "normal")[][];
  fontStyle?: ("italic" | "normal")[][];
  background?: (string | null)[][];
  fontColor?: (string | null)[][];
  horizontalAlignment?: Alignment[][];
  wrap?: boolean[][];
}

/** Styles flattened into one grid per property; later styles win, as in the model. */
function formatGrids(model: ReportSheet, rows: number, columns: number): FormatGrids {
  const grids: FormatGrids = { numberFormat: grid(rows, columns, "General") };
  // Dates without a format of their own still read as dates, not serial numbers.
  model.cells.forEach((line, r) => {
    line.forEach((cell, c) => {
      if (isDate(cell)) grids.numberFormat[r][c] = FORMATS.date;
    });
  });
  const need = <K extends keyof FormatGrids>(key: K, fill: NonNullable<FormatGrids[K]>[number][number]) => {
    grids[key] ??= grid(rows, columns, fill) as FormatGrids[K];
    return grids[key] as NonNullable<FormatGrids[K]>;
  };
  for (const style of model.styles as RangeStyle[]) {
    const r = style.range;
    if (style.numberFormat) paint(grids.numberFormat, r, style.numberFormat);
    if (style.bold !== undefined) paint(need("fontWeight", "normal"), r, style.bold ? "bold" : "normal");
    if (style.italic !== undefined) paint(need("fontStyle", "normal"), r, style.italic ? "italic" : "normal");
    if (style.background) paint(need("background", null), r, style.background);
    if (style.color) paint(need("fontColor", null), r, style.color);
    if (style.horizontalAlignment)
      paint(need("horizontalAlignment", null as Alignment), r, style.horizontalAlignment);
    if (style.wrap !== undefined) paint(need("wrap", false), r, style.wrap);
  }
  return grids;
}

/** Empties a sheet the add-on owns: values, formats, notes, charts and its filter. */
function clearOwnSheet(sheet: Sheet): void {
  sheet.getFilter()?.remove();
  sheet.clear();
  sheet.clearNotes();
  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
}

function ensureSize(sheet: Sheet, rows: number, columns: number): void {
  const maxRows = sheet.getMaxRows();
  if (maxRows < rows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxColumns = sheet.getMaxColumns();
  if (maxColumns < columns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
}

function conditionalRules(
  sheet: Sheet,
  model: ReportSheet,
): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
  const at = (r: CellRange) => sheet.getRange(r.row, r.column, r.rows, r.columns);
  const rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] = [];
  for (const format of model.conditionalFormats) {
    if (format.kind === "colorScale") {
      rules.push(
        SpreadsheetApp.newConditionalFormatRule()
          .setGradientMinpoint(format.minColor)
          .setGradientMidpointWithValue(format.midColor, SpreadsheetApp.InterpolationType.PERCENTILE, "50")
          .setGradientMaxpoint(format.maxColor)
          .setRanges([at(format.range)])
          .build(),
      );
    } else {
      const range = at(format.range);
      rules.push(
        SpreadsheetApp.newConditionalFormatRule()
          .whenNumberLessThan(format.threshold)
          .setBackground(format.belowColor)
          .setRanges([range])
          .build(),
        SpreadsheetApp.newConditionalFormatRule()
          .whenNumberGreaterThanOrEqualTo(format.threshold)
          .setBackground(format.atOrAboveColor)
          .setRanges([range])
          .build(),
      );
    }
  }
  return rules;
}

/** Google Charts' `series` option: the chart's last `lineSeries` series as lines on the right axis. */
function lineSeries(chart: Chart): Record<number, { type: "line"; targetAxisIndex: 1 }> {
  const lines: Record<number, { type: "line"; targetAxisIndex: 1 }> = {};
  chartSeries(chart).forEach((series, i) => {
    if (series.line) lines[i] = { type: "line", targetAxisIndex: 1 };
  });
  return lines;
}

function insertCharts(sheet: Sheet, model: ReportSheet): void {
  for (const chart of model.charts) {
    const d = chart.data;
    const base = sheet.newChart();
    // Columns with lines over them (MRR movements with the MRR line) are a combo chart in Sheets.
    const typed =
      chart.type === "line"
        ? base.asLineChart()
        : chart.lineSeries
          ? base.asComboChart()
          : base.asColumnChart();
    let builder = typed
      .addRange(sheet.getRange(d.row, d.column, d.rows, d.columns))
      .setTransposeRowsAndColumns(chart.seriesIn === "rows")
      .setNumHeaders(1)
      .setOption("title", chart.title)
      .setPosition(chart.anchor.row, chart.anchor.column, 0, 0);
    if (chart.xAxisTitle) builder = builder.setOption("hAxis.title", chart.xAxisTitle);
    if (chart.yAxisTitle) builder = builder.setOption("vAxis.title", chart.yAxisTitle);
    if (chart.stacked) builder = builder.setOption("isStacked", true);
    if (chart.lineSeries)
      builder = builder.setOption("seriesType", "bars").setOption("series", lineSeries(chart));
    sheet.insertChart(builder.build());
  }
}

/** Consecutive columns of one width become one `setColumnWidths` call. */
function setColumnWidths(sheet: Sheet, widths: Record<number, number>): void {
  const columns = Object.keys(widths)
    .map(Number)
    .filter((c) => c >= 1 && Number.isFinite(widths[c]))
    .sort((a, b) => a - b);
  for (let i = 0; i < columns.length; ) {
    let j = i;
    while (
      j + 1 < columns.length &&
      columns[j + 1] === columns[j] + 1 &&
      widths[columns[j + 1]] === widths[columns[i]]
    )
      j++;
    sheet.setColumnWidths(columns[i], j - i + 1, Math.round(widths[columns[i]]));
    i = j + 1;
  }
}

export interface RenderOptions {
  /** The name each report sheet was given, for formulas that refer to another report sheet. */
  nameOf?: (key: ReportSheetKey) => string;
  /** Columns to hide (the add-on's own bookkeeping); every other column is shown. */
  hiddenColumns?: number[];
}

/** Replaces the contents of `sheet` (the add-on's own) with `model`. */
export function renderSheet(sheet: Sheet, model: ReportSheet, options: RenderOptions = {}): void {
  clearOwnSheet(sheet);
  const { rows, columns } = sheetExtent(model);
  let chartRows = rows;
  let chartColumns = columns;
  for (const chart of model.charts) {
    chartRows = Math.max(chartRows, chart.anchor.row);
    chartColumns = Math.max(chartColumns, chart.anchor.column);
  }
  ensureSize(sheet, chartRows, chartColumns);

  const values = grid<string | number | boolean>(rows, columns, "");
  model.cells.forEach((line, r) => {
    line.forEach((cell, c) => {
      values[r][c] = sheetValue(cell, options.nameOf);
    });
  });
  const region = sheet.getRange(1, 1, rows, columns);
  // Formats first: a value typed into a formatted cell keeps that format.
  const f = formatGrids(model, rows, columns);
  region.setNumberFormats(f.numberFormat);
  region.setValues(values);
  if (f.fontWeight) region.setFontWeights(f.fontWeight);
  if (f.fontStyle) region.setFontStyles(f.fontStyle);
  if (f.background) region.setBackgrounds(f.background);
  if (f.fontColor) region.setFontColors(f.fontColor);
  if (f.horizontalAlignment) region.setHorizontalAlignments(f.horizontalAlignment);
  if (f.wrap) region.setWraps(f.wrap);
  if (model.notes?.length) {
    const notes = grid(rows, columns, "");
    for (const note of model.notes) notes[note.row - 1][note.column - 1] = withinCellLimit(note.text);
    region.setNotes(notes);
  }

  // Always set, even to none: this also drops the rules of the previous build.
  sheet.setConditionalFormatRules(conditionalRules(sheet, model));
  insertCharts(sheet, model);
  const filter = model.filter;
  if (filter) sheet.getRange(filter.row, filter.column, filter.rows, filter.columns).createFilter();
  sheet.setFrozenRows(Math.min(model.frozenRows, rows));
  sheet.setFrozenColumns(Math.min(model.frozenColumns, columns));
  setColumnWidths(sheet, model.columnWidths);
  showOnly(sheet, options.hiddenColumns ?? []);
}

/** Hides `hidden` and shows every other column (a column hidden by an earlier build may now hold data). */
function showOnly(sheet: Sheet, hidden: number[]): void {
  sheet.showColumns(1, sheet.getMaxColumns());
  for (const column of hidden) sheet.hideColumns(column);
}
