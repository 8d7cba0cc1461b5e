/**
 * Writes a {@link Report} as an .xlsx workbook with exceljs: the same sheets, values, number formats,
 * frozen headers, column widths, notes, conditional formats and table filters as the Sheets writer draws.
 *
 * Formulas are written with their cached values (so a viewer that does not recalculate, or a test,
 * sees the numbers) and the workbook asks Excel to recalculate on open; a reference to another report
 * sheet (`sheetRef`) is resolved to the name that sheet got here. Text is written as text:
 * exceljs stores strings as shared strings, so `=IMPORTXML(…)` stays a literal. exceljs cannot write
 * native charts, so where the model puts a chart the sheet says so and names the data to chart.
 */
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import {
  type ConditionalFormat,
  isFormula,
  type RangeStyle,
  type Report,
  type ReportCell,
  type ReportSheet,
  type ReportSheetKey,
  resolveSheetRefs,
} from "../core/report/model";
import { a1, rangeA1 } from "../core/report/sheet";
import { type Words, wordsOf } from "../core/report/words";
import { xmlSafeWorkbook, xmlText } from "./xml-text";

/** Excel's sheet names: at most 31 characters, none of `[]:*?/\`, unique ignoring case. */
export function excelSheetName(name: string, taken: Set<string>): string {
  const base =
    xmlText(name)
      .replace(/[[\]:*?/\\]/g, "-")
      .slice(0, 31) || "Sheet";
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    candidate = base.slice(0, 31 - suffix.length) + suffix;
  }
  taken.add(candidate.toLowerCase());
  return candidate;
}

const argb = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;

/** exceljs widths are in characters of the default font; the model's are in pixels. */
const characters = (pixels: number) => Math.max(1, Math.round(((pixels - 5) / 7) * 100) / 100);

function cellValue(cell: ReportCell, nameOf: (key: ReportSheetKey) => string): ExcelJS.CellValue {
  if (cell === null) return null;
  if (isFormula(cell)) {
    const formula = resolveSheetRefs(cell.formula, nameOf).replace(/^=/, "");
    // A blank result is the "" the formula's IF guard returns, so viewers that don't recalculate agree.
    return { formula, result: cell.value ?? "", date1904: false };
  }
  if (typeof cell === "number" && !Number.isFinite(cell)) return null;
  return cell;
}

function applyStyle(sheet: ExcelJS.Worksheet, style: RangeStyle): void {
  const { range } = style;
  for (let r = range.row; r < range.row + range.rows; r++) {
    for (let c = range.column; c < range.column + range.columns; c++) {
      const cell = sheet.getCell(r, c);
      if (style.numberFormat) cell.numFmt = style.numberFormat;
      if (style.bold !== undefined || style.italic !== undefined || style.color) {
        cell.font = {
          ...cell.font,
          ...(style.bold !== undefined && { bold: style.bold }),
          ...(style.italic !== undefined && { italic: style.italic }),
          ...(style.color && { color: { argb: argb(style.color) } }),
        };
      }
      if (style.background)
        cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(style.background) } };
      if (style.horizontalAlignment || style.wrap !== undefined) {
        cell.alignment = {
          ...cell.alignment,
          ...(style.horizontalAlignment && { horizontal: style.horizontalAlignment }),
          ...(style.wrap !== undefined && { wrapText: style.wrap }),
        };
      }
    }
  }
}

/** Default column width of Sheets and Excel, in pixels. */
const DEFAULT_WIDTH = 64;
const LINE_POINTS = 15;

/**
 * Gives rows with wrapped text the height of their longest cell: Sheets grows such rows by itself,
 * Excel and LibreOffice keep the default height and would hide the second line.
 */
function fitWrappedRows(sheet: ExcelJS.Worksheet, model: ReportSheet): void {
  for (const style of model.styles) {
    if (!style.wrap) continue;
    const { range } = style;
    for (let r = range.row; r < range.row + range.rows; r++) {
      let lines = 1;
      for (let c = range.column; c < range.column + range.columns; c++) {
        const cell = model.cells[r - 1]?.[c - 1];
        if (typeof cell !== "string") continue;
        const width = model.columnWidths[c] ?? DEFAULT_WIDTH;
        // About 7 pixels a character (Hangul and CJK twice that), less the cell's padding.
        const wide = cell.match(/[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af]/g)?.length ?? 0;
        lines = Math.max(lines, Math.ceil(((cell.length + wide) * 7) / Math.max(width - 8, 7)));
      }
      if (lines > 1) sheet.getRow(r).height = Math.max(sheet.getRow(r).height ?? 0, lines * LINE_POINTS);
    }
  }
}

function conditionalFormat(sheet: ExcelJS.Worksheet, format: ConditionalFormat, priority: number): void {
  const ref = rangeA1(format.range);
  if (format.kind === "colorScale") {
    sheet.addConditionalFormatting({
      ref,
      rules: [
        {
          type: "colorScale",
          priority,
          cfvo: [{ type: "min" }, { type: "percentile", value: 50 }, { type: "max" }],
          color: [format.minColor, format.midColor, format.maxColor].map((c) => ({ argb: argb(c) })),
        },
      ],
    });
    return;
  }
  // Expressions rather than "cell is less than": Excel counts a blank cell as 0, which is below 3.
  const first = a1(format.range.row, format.range.column);
  const fill = (color: string) => ({
    fill: { type: "pattern" as const, pattern: "solid" as const, bgColor: { argb: argb(color) } },
  });
  sheet.addConditionalFormatting({
    ref,
    rules: [
      {
        type: "expression",
        priority,
        formulae: [`AND(ISNUMBER(${first}),${first}<${format.threshold})`],
        style: fill(format.belowColor),
      },
      {
        type: "expression",
        priority: priority + 1,
        formulae: [`AND(ISNUMBER(${first}),${first}>=${format.threshold})`],
        style: fill(format.atOrAboveColor),
      },
    ],
  });
}

function writeSheet(
  workbook: ExcelJS.Workbook,
  model: ReportSheet,
  name: string,
  nameOf: (key: ReportSheetKey) => string,
  words: Words,
): void {
  const sheet = workbook.addWorksheet(name, {
    views: [
      model.frozenRows || model.frozenColumns
        ? { state: "frozen", xSplit: model.frozenColumns, ySplit: model.frozenRows }
        : { state: "normal" },
    ],
  });
  model.cells.forEach((row, r) => {
    row.forEach((cell, c) => {
      if (cell === null) return;
      const target = sheet.getCell(r + 1, c + 1);
      target.value = cellValue(cell, nameOf);
      if (cell instanceof Date) target.numFmt = "yyyy-mm-dd";
    });
  });
  for (const style of model.styles) applyStyle(sheet, style);
  for (const [column, pixels] of Object.entries(model.columnWidths)) {
    sheet.getColumn(Number(column)).width = characters(pixels);
  }
  fitWrappedRows(sheet, model);
  let priority = 1;
  for (const format of model.conditionalFormats) {
    conditionalFormat(sheet, format, priority);
    priority += 2;
  }
  if (model.filter) sheet.autoFilter = rangeA1(model.filter);
  for (const note of model.notes ?? []) sheet.getCell(note.row, note.column).note = note.text;
  for (const chart of model.charts) {
    const cell = sheet.getCell(chart.anchor.row, chart.anchor.column);
    cell.value = words.chartNote(
      chart.title,
      rangeA1(chart.data),
      chart.type === "line",
      chart.seriesIn === "rows",
    );
    cell.font = { italic: true, color: { argb: "FF666666" } };
  }
}

/** The workbook of a report, ready for `xlsx.writeFile` or `xlsx.writeBuffer`. */
export function reportWorkbook(report: Report): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Cohort LTV for Google Sheets";
  workbook.title = report.title;
  workbook.calcProperties.fullCalcOnLoad = true;
  const taken = new Set<string>();
  const names = new Map(report.sheets.map((sheet) => [sheet.key, excelSheetName(sheet.name, taken)]));
  const nameOf = (key: ReportSheetKey) => names.get(key) ?? key;
  const words = wordsOf(report.language);
  for (const sheet of report.sheets)
    writeSheet(workbook, sheet, names.get(sheet.key) ?? sheet.name, nameOf, words);
  xmlSafeWorkbook(workbook);
  return workbook;
}

/**
 * A report's .xlsx writer: the workbook is drawn now (long work that holds the event loop), and
 * written, in short steps, into the stream the returned function is given.
 */
export function reportXlsx(report: Report): (out: Writable) => Promise<void> {
  const workbook = reportWorkbook(report);
  return async (out) => {
    await workbook.xlsx.write(out);
  };
}
