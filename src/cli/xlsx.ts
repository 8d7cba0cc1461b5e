/**
 * Writes a {@link Report} as an .xlsx workbook with exceljs: the same sheets, values, number formats,
 * frozen headers, column widths, notes, conditional formats and table filters as the Sheets writer draws.
 *
 * Formulas are written with their cached values (so a viewer that does not recalculate, or a test,
 * sees the numbers) and the workbook asks Excel to recalculate on open; a reference to another report
 * sheet (`sheetRef`) is resolved to the name that sheet got here. Text is written as text:
 * exceljs stores strings as shared strings, so `=IMPORTXML(…)` stays a literal. exceljs writes no
 * charts: xlsx-charts.ts adds the model's charts to the file exceljs wrote.
 */
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { DEFAULT_WIDTH, looks, shownText, wrappedLines } from "../core/report/column-widths";
import {
  type ConditionalFormat,
  isFormula,
  type PrintSetup,
  type RangeStyle,
  type Report,
  type ReportCell,
  type ReportSheet,
  type ReportSheetKey,
  resolveSheetRefs,
} from "../core/report/model";
import { a1, rangeA1 } from "../core/report/sheet";
import { writeAtomically } from "./files";
import { addCharts } from "./xlsx-charts";
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

const LINE_POINTS = 15;

/**
 * Gives rows with wrapped text the height of their tallest cell: Sheets grows such rows by itself,
 * Excel and LibreOffice keep the default height and would hide the lines below the first.
 */
function fitWrappedRows(sheet: ExcelJS.Worksheet, model: ReportSheet): void {
  const grid = looks(model.cells, model.styles);
  model.cells.forEach((row, r) => {
    let lines = 1;
    row.forEach((cell, c) => {
      const look = grid[r][c];
      const text = look.wrap ? shownText(cell, look.format) : "";
      if (text)
        lines = Math.max(lines, wrappedLines(text, model.columnWidths[c + 1] ?? DEFAULT_WIDTH, look.bold));
    });
    const line = sheet.getRow(r + 1);
    if (lines > 1) line.height = Math.max(line.height ?? 0, lines * LINE_POINTS);
  });
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

/** One page wide (one page in all with `onePage`), landscape where wide, the header rows on every page. */
function pageSetup(sheet: ExcelJS.Worksheet, print: PrintSetup): void {
  sheet.pageSetup = {
    ...sheet.pageSetup,
    orientation: print.landscape ? "landscape" : "portrait",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: print.onePage ? 1 : 0,
    ...(print.repeatRows > 0 && { printTitlesRow: `1:${print.repeatRows}` }),
    // exceljs puts "$" before each end's column only: "A$1:N$54" becomes the absolute $A$1:$N$54 LibreOffice needs.
    ...(print.area && { printArea: rangeA1(print.area).replace(/(\d+)/g, "$$$1") }),
  };
  // "&" starts a header/footer code; "&&" is a literal ampersand.
  if (print.footer) sheet.headerFooter.oddFooter = `&C${print.footer.replace(/&/g, "&&")}`;
}

function writeSheet(
  workbook: ExcelJS.Workbook,
  model: ReportSheet,
  name: string,
  nameOf: (key: ReportSheetKey) => string,
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
  if (model.print) pageSetup(sheet, model.print);
  for (const note of model.notes ?? []) sheet.getCell(note.row, note.column).note = note.text;
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
  for (const sheet of report.sheets) writeSheet(workbook, sheet, names.get(sheet.key) ?? sheet.name, nameOf);
  xmlSafeWorkbook(workbook);
  return workbook;
}

/**
 * A report's .xlsx writer, its charts drawn natively: the workbook is drawn now (long work that holds
 * the event loop), and its bytes written into the stream the returned function is given (the command
 * line's is on its own file descriptor).
 */
export function reportXlsx(report: Report): (out: Writable) => Promise<void> {
  const workbook = reportWorkbook(report);
  return async (out) => {
    const written = await workbook.xlsx.writeBuffer();
    const charted = await addCharts(
      written as ArrayBuffer,
      report.sheets.map((model, i) => ({
        sheet: workbook.worksheets[i].name,
        charts: model.charts,
        cells: model.cells,
        styles: model.styles,
        columnWidths: model.columnWidths,
      })),
    );
    await new Promise<void>((resolve, reject) =>
      out.write(charted, (error) => (error ? reject(error) : resolve())),
    );
  };
}

/** Writes a report to an .xlsx file, atomically (files.ts `writeAtomically`: the previous file stays until it is whole). */
export function writeReportXlsx(report: Report, file: string): Promise<void> {
  return writeAtomically(file, reportXlsx(report));
}
