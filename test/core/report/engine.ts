/**
 * A report model loaded into HyperFormula (which follows Excel's and Google Sheets' formula
 * semantics) as a whole workbook: every sheet under its name, references between report sheets
 * resolved as the writers resolve them, text kept as text (an apostrophe prefix, as a user would).
 */
import { HyperFormula } from "hyperformula";
import {
  isFormula,
  type Report,
  type ReportCell,
  type ReportSheetKey,
  resolveSheetRefs,
} from "../../../src/core/report/model";

export interface ReportEngine {
  hf: HyperFormula;
  /** The engine's value of a cell of a report sheet (1-based row and column); "" and blank are null. */
  value(key: ReportSheetKey, row: number, column: number): unknown;
  /** Types a value into a cell, as a user would, and recalculates. */
  type(key: ReportSheetKey, row: number, column: number, value: number | string | null): void;
}

export function reportEngine(report: Report): ReportEngine {
  const names = new Map(report.sheets.map((s) => [s.key, s.name]));
  const nameOf = (key: ReportSheetKey) => names.get(key) ?? key;
  const toEngine = (cell: ReportCell) => {
    if (isFormula(cell)) return resolveSheetRefs(cell.formula, nameOf);
    if (cell instanceof Date) return cell.getTime() / 86_400_000 + 25_569;
    return typeof cell === "string" ? `'${cell}` : cell;
  };
  const hf = HyperFormula.buildFromSheets(
    Object.fromEntries(report.sheets.map((s) => [s.name, s.cells.map((row) => row.map(toEngine))])),
    { licenseKey: "gpl-v3", useArrayArithmetic: true },
  );
  const sheetId = (key: ReportSheetKey) => hf.getSheetId(nameOf(key)) as number;
  return {
    hf,
    value(key, row, column) {
      const v = hf.getCellValue({ sheet: sheetId(key), row: row - 1, col: column - 1 });
      return v === "" || v === undefined ? null : v;
    },
    type(key, row, column, value) {
      hf.setCellContents({ sheet: sheetId(key), row: row - 1, col: column - 1 }, value);
    },
  };
}

/** Every formula cell of a report: its sheet, 1-based position and cached value. */
export function formulaCells(report: Report) {
  return report.sheets.flatMap((sheet) =>
    sheet.cells.flatMap((row, r) =>
      row.flatMap((cell, c) =>
        isFormula(cell) ? [{ key: sheet.key, row: r + 1, column: c + 1, cached: cell.value }] : [],
      ),
    ),
  );
}
