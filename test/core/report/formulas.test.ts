/**
 * The report's live formulas evaluated by a spreadsheet engine (HyperFormula, which follows Excel's
 * and Google Sheets' formula semantics): every formula computes the value the engine cached, and a
 * typed spend changes CAC, LTV:CAC and payback as a marketer expects.
 */
import { HyperFormula } from "hyperformula";
import { describe, expect, it } from "vitest";
import { sheetContext } from "../../../src/core/cells";
import { reportFromTable } from "../../../src/core/report/build";
import { isFormula, type ReportCell, type ReportSheet } from "../../../src/core/report/model";
import { generateSample, purchaseTable, spendTable } from "../../../src/core/sample/generate";

const context = sheetContext("en_US", "UTC");

function engineOf(sheet: ReportSheet) {
  const toEngine = (cell: ReportCell) =>
    isFormula(cell) ? cell.formula : cell instanceof Date ? cell.getTime() / 86_400_000 + 25_569 : cell;
  const hf = HyperFormula.buildFromArray(
    sheet.cells.map((row) => row.map(toEngine)),
    { licenseKey: "gpl-v3", useArrayArithmetic: true },
  );
  return hf;
}

const blankToNull = (v: unknown) => (v === "" || v === null || v === undefined ? null : v);

describe("LTV:CAC formulas in a spreadsheet engine", () => {
  const sample = generateSample({ customers: 600 });
  for (const split of [false, true]) {
    it(`compute their cached values${split ? ", split by segment" : ""}`, () => {
      const { report } = reportFromTable({
        rows: purchaseTable(sample),
        spend: spendTable(sample),
        context,
        options: { splitBySegment: split, marginRate: 0.4 },
      });
      const sheet = report.sheets.find((s) => s.key === "ltv-cac") as ReportSheet;
      const hf = engineOf(sheet);
      let checked = 0;
      sheet.cells.forEach((row, r) => {
        row.forEach((cell, c) => {
          if (!isFormula(cell)) return;
          const value = blankToNull(hf.getCellValue({ sheet: 0, row: r, col: c }));
          if (typeof cell.value === "number") expect(value).toBeCloseTo(cell.value, 9);
          else expect(value).toBe(cell.value);
          checked++;
        });
      });
      expect(checked).toBeGreaterThan(40);
    });
  }

  it("recompute when a marketer types a new spend", () => {
    const { report } = reportFromTable({
      rows: purchaseTable(sample),
      spend: spendTable(sample),
      context,
      options: { splitBySegment: false, marginRate: 0.4 },
    });
    const sheet = report.sheets.find((s) => s.key === "ltv-cac") as ReportSheet;
    const hf = engineOf(sheet);
    const [spend, cac, payback] = [2, 3, 10];
    hf.setCellContents({ sheet: 0, row: 3, col: spend }, 0.01);
    expect(hf.getCellValue({ sheet: 0, row: 3, col: cac })).toBeCloseTo(
      0.01 / (sheet.cells[3][1] as number),
      12,
    );
    expect(hf.getCellValue({ sheet: 0, row: 3, col: payback })).toBe(0);
    hf.setCellContents({ sheet: 0, row: 3, col: spend }, null);
    expect(blankToNull(hf.getCellValue({ sheet: 0, row: 3, col: cac }))).toBeNull();
    expect(blankToNull(hf.getCellValue({ sheet: 0, row: 3, col: payback }))).toBeNull();
    hf.setCellContents({ sheet: 0, row: 3, col: spend }, 1e9);
    expect(hf.getCellValue({ sheet: 0, row: 3, col: payback })).toBe("not yet");
  });
});
