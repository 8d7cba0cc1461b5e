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

/**
 * What one render wrote into a sheet, stored with the report (settings.ts) so the next render clears
 * exactly that and nothing a user added beside it: the grid it filled (inside it, every value,
 * format and note is the report's), whether it put notes there, the charts it inserted (by
 * `EmbeddedChart.getChartId()`, stable within the spreadsheet:
 * https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart#getChartId()) and
 * whether it made the sheet's filter.
 */
export interface Drawn {
  rows: number;
  columns: number;
  notes: boolean;
  charts: number[];
  filter: boolean;
}

/**
 * Empties what the add-on wrote. Without a record of it (a sheet written by an older version) the
 * whole sheet is emptied, as that version did.
 */
function clearOwnSheet(sheet: Sheet, previous: Drawn | undefined): void {
  if (!previous) {
    sheet.getFilter()?.remove();
    sheet.clear();
    sheet.clearNotes();
    for (const chart of sheet.getCharts()) sheet.removeChart(chart);
    return;
  }
  if (previous.filter) sheet.getFilter()?.remove();
  const rows = Math.min(previous.rows, sheet.getMaxRows());
  const columns = Math.min(previous.columns, sheet.getMaxColumns());
  // Values and formats only: notes are handled cell by cell (see writeNotes).
  if (rows > 0 && columns > 0)
    sheet.getRange(1, 1, rows, columns).clear({ contentsOnly: true, formatOnly: true });
  const ours = new Set(previous.charts);
  for (const chart of sheet.getCharts())
    if (ours.has(chart.getChartId() ?? Number.NaN)) sheet.removeChart(chart);
}

/**
 * Puts the model's notes in place and takes away those in the report's previous grid, keeping every
 * note a user put beside it: one read and one write over the cells either touches.
 */
function writeNotes(sheet: Sheet, model: ReportSheet, previous: Drawn | undefined): boolean {
  const ours = model.notes ?? [];
  const old = previous?.notes ? previous : undefined;
  if (ours.length === 0 && !old) return false;
  let rows = old?.rows ?? 1;
  let columns = old?.columns ?? 1;
  for (const note of ours) {
    rows = Math.max(rows, note.row);
    columns = Math.max(columns, note.column);
  }
  rows = Math.min(rows, sheet.getMaxRows());
  columns = Math.min(columns, sheet.getMaxColumns());
  const region = sheet.getRange(1, 1, rows, columns);
  // Without a record (a new sheet, or an older version's) the sheet has no notes left to keep.
  const notes = previous ? (region.getNotes() as string[][]) : grid(rows, columns, "");
  if (old) {
    for (let r = 0; r < Math.min(old.rows, rows); r++)
      for (let c = 0; c < Math.min(old.columns, columns); c++) notes[r][c] = "";
  }
  for (const note of ours) notes[note.row - 1][note.column - 1] = withinCellLimit(note.text);
  region.setNotes(notes);
  return ours.length > 0;
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

/** A user's conditional format rules entirely below or right of the report (before and now). */
function rulesBeside(
  sheet: Sheet,
  previous: Drawn | undefined,
  rows: number,
  columns: number,
): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
  if (!previous) return [];
  const lastRow = Math.max(previous.rows, rows);
  const lastColumn = Math.max(previous.columns, columns);
  return sheet
    .getConditionalFormatRules()
    .filter((rule) => rule.getRanges().every((r) => r.getRow() > lastRow || r.getColumn() > lastColumn));
}

/** Google Charts' `series` option: the chart's last `lineSeries` series as lines on the right axis. */
function lineSeries(chart: Chart): Record<number, { type: "line"; targetAxisIndex: 1 }> {
  const lines: Record<number, { type: "line"; targetAxisIndex: 1 }> = {};
  chartSeries(chart).forEach((series, i) => {
    if (series.line) lines[i] = { type: "line", targetAxisIndex: 1 };
  });
  return lines;
}

/** Inserts the model's charts; gives the ids of the charts inserted. */
function insertCharts(sheet: Sheet, model: ReportSheet): number[] {
  if (model.charts.length === 0) return [];
  const before = new Set(sheet.getCharts().map((c) => c.getChartId()));
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
  return sheet
    .getCharts()
    .map((c) => c.getChartId())
    .filter((id): id is number => typeof id === "number" && !before.has(id));
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
  /** Columns to hide (the add-on's own bookkeeping); every other column the report spans is shown. */
  hiddenColumns?: number[];
  /** What the previous render of this sheet wrote: only that is cleared. */
  previous?: Drawn;
}

/** The rows and columns a sheet must have for `model`: its grid and where its charts are anchored. */
export function neededSize(model: ReportSheet): { rows: number; columns: number } {
  let { rows, columns } = sheetExtent(model);
  for (const chart of model.charts) {
    rows = Math.max(rows, chart.anchor.row);
    columns = Math.max(columns, chart.anchor.column);
  }
  return { rows, columns };
}

/**
 * Replaces what the add-on wrote in `sheet` (its own) with `model`; gives what it wrote this time.
 * What a user added beside the report (cells outside it, notes, charts, a filter) stays.
 */
export function renderSheet(sheet: Sheet, model: ReportSheet, options: RenderOptions = {}): Drawn {
  startSheet(sheet, model, options);
  writeRows(sheet, model, options, 1, sheetExtent(model).rows);
  return finishSheet(sheet, model, options);
}

/*
 * A sheet too big to write in one server call is written in parts (reports.ts): startSheet, then
 * writeRows for consecutive blocks of rows, then finishSheet; renderSheet is the three at once.
 */

/** Empties what the add-on wrote before and gives the sheet the rows and columns `model` needs. */
export function startSheet(sheet: Sheet, model: ReportSheet, options: RenderOptions = {}): void {
  clearOwnSheet(sheet, options.previous);
  const needed = neededSize(model);
  ensureSize(sheet, needed.rows, needed.columns);
}

/** Writes rows `first`–`last` of the model's grid: values and formats, the same calls for any size. */
export function writeRows(
  sheet: Sheet,
  model: ReportSheet,
  options: RenderOptions,
  first: number,
  last: number,
): void {
  const { rows, columns } = sheetExtent(model);
  const count = last - first + 1;
  const values = grid<string | number | boolean>(count, columns, "");
  model.cells.slice(first - 1, last).forEach((line, r) => {
    line.forEach((cell, c) => {
      values[r][c] = sheetValue(cell, options.nameOf);
    });
  });
  const region = sheet.getRange(first, 1, count, columns);
  const whole = formatGrids(model, rows, columns);
  const part = <T>(g: T[][]) => (count === rows ? g : g.slice(first - 1, last));
  // Formats first: a value typed into a formatted cell keeps that format.
  region.setNumberFormats(part(whole.numberFormat));
  region.setValues(values);
  if (whole.fontWeight) region.setFontWeights(part(whole.fontWeight));
  if (whole.fontStyle) region.setFontStyles(part(whole.fontStyle));
  if (whole.background) region.setBackgrounds(part(whole.background));
  if (whole.fontColor) region.setFontColors(part(whole.fontColor));
  if (whole.horizontalAlignment) region.setHorizontalAlignments(part(whole.horizontalAlignment));
  if (whole.wrap) region.setWraps(part(whole.wrap));
}

/** Notes, conditional formats, charts, the filter, frozen rows, widths and hidden columns. */
export function finishSheet(sheet: Sheet, model: ReportSheet, options: RenderOptions = {}): Drawn {
  const { previous } = options;
  const { rows, columns } = sheetExtent(model);
  const notes = writeNotes(sheet, model, previous);
  // Always set, even to none: this also drops the rules of the previous build, not a user's beside it.
  sheet.setConditionalFormatRules([
    ...rulesBeside(sheet, previous, rows, columns),
    ...conditionalRules(sheet, model),
  ]);
  const charts = insertCharts(sheet, model);
  const filter = model.filter;
  if (filter) {
    // Sheets allows one filter a sheet: a user's gives way to the report's.
    sheet.getFilter()?.remove();
    sheet.getRange(filter.row, filter.column, filter.rows, filter.columns).createFilter();
  }
  sheet.setFrozenRows(Math.min(model.frozenRows, rows));
  sheet.setFrozenColumns(Math.min(model.frozenColumns, columns));
  setColumnWidths(sheet, model.columnWidths);
  // Without a record of the last render, the whole sheet was the report's.
  const span = previous
    ? Math.min(Math.max(columns, previous.columns), sheet.getMaxColumns())
    : sheet.getMaxColumns();
  showOnly(sheet, span, options.hiddenColumns ?? []);
  return { rows, columns, notes, charts, filter: filter !== undefined };
}

/**
 * Shows the report's columns (one hidden by an earlier build may now hold data) but `hidden`; a
 * column a user hid beside the report stays hidden.
 */
function showOnly(sheet: Sheet, span: number, hidden: number[]): void {
  sheet.showColumns(1, span);
  for (const column of hidden) sheet.hideColumns(column);
}
