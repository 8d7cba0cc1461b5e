/**
 * Text an .xlsx file can hold. Its parts are XML 1.0, whose text may hold tab, line feed, carriage
 * return and every character from U+0020 on except U+FFFE, U+FFFF and the surrogates, which
 * only stand for a character in pairs (https://www.w3.org/TR/xml/#charsets). exceljs writes text as
 * it is given, so one such character from a CSV field or an option made an ill-formed workbook that
 * Excel refuses to open while the command said it was written.
 */
import type ExcelJS from "exceljs";

/** Characters XML 1.0 does not allow; with the u flag a surrogate matches only when it is alone. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it finds
const NOT_XML = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|\p{Cs}/gu;

/** The text with each character XML cannot hold replaced by U+FFFD, the mark of an unreadable character. */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, "\uFFFD");
}

/**
 * Makes every text of a workbook XML can hold: cell text, formulas and their cached results, notes,
 * number formats (a `--currency` symbol is in them), and the workbook's properties. Sheet names are
 * made safe where they are chosen (`excelSheetName`), before names are told apart.
 */
export function xmlSafeWorkbook(workbook: ExcelJS.Workbook): void {
  workbook.title = xmlText(workbook.title ?? "");
  workbook.creator = xmlText(workbook.creator ?? "");
  workbook.eachSheet((sheet) => {
    // Empty cells too: a styled cell without a value has a number format.
    sheet.eachRow({ includeEmpty: true }, (row) => {
      row.eachCell({ includeEmpty: true }, (cell) => {
        const value = cell.value;
        if (typeof value === "string") {
          const safe = xmlText(value);
          if (safe !== value) cell.value = safe;
        } else if (value && typeof value === "object" && "formula" in value && value.formula) {
          const result = typeof value.result === "string" ? xmlText(value.result) : value.result;
          cell.value = { ...value, formula: xmlText(value.formula), result } as ExcelJS.CellValue;
        }
        if (typeof cell.note === "string") {
          const safe = xmlText(cell.note);
          if (safe !== cell.note) cell.note = safe;
        }
        if (cell.numFmt) {
          const safe = xmlText(cell.numFmt);
          if (safe !== cell.numFmt) cell.numFmt = safe;
        }
      });
    });
  });
}
