import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { excelSheetName, reportWorkbook } from "../../src/cli/xlsx";
import type { Report } from "../../src/core/report/model";

const report: Report = {
  title: "t",
  settings: {},
  sheets: [
    {
      key: "ltv-cac",
      name: "LTV:CAC",
      cells: [
        ["Cohort", "Spend", "CAC", "Ratio"],
        [new Date(Date.UTC(2024, 0, 1)), 90, { formula: '=IF(B2="","",B2/3)', value: 30 }, 3.5],
        ['=IMPORTXML("http://x")', null, { formula: '=IF(B3="","",B3/3)', value: "" }, 1],
      ],
      styles: [
        {
          range: { row: 2, column: 2, rows: 2, columns: 2 },
          numberFormat: '"$"#,##0.00',
          bold: true,
          background: "#fff2cc",
        },
      ],
      conditionalFormats: [
        {
          kind: "threshold",
          range: { row: 2, column: 4, rows: 2, columns: 1 },
          threshold: 3,
          belowColor: "#f4c7c3",
          atOrAboveColor: "#b7e1cd",
        },
        {
          kind: "colorScale",
          range: { row: 2, column: 2, rows: 2, columns: 1 },
          minColor: "#ffffff",
          midColor: "#b7e1cd",
          maxColor: "#57bb8a",
        },
      ],
      charts: [
        {
          type: "line",
          title: "LTV",
          data: { row: 1, column: 1, rows: 3, columns: 4 },
          seriesIn: "rows",
          anchor: { row: 6, column: 1 },
        },
      ],
      frozenRows: 1,
      frozenColumns: 1,
      columnWidths: { 1: 110 },
      notes: [{ row: 2, column: 2, text: "partial" }],
      filter: { row: 1, column: 1, rows: 3, columns: 4 },
    },
  ],
};

describe("reportWorkbook", () => {
  it("writes values, text as text, formulas with cached results, styles, rules, notes and a filter", async () => {
    const buffer = await reportWorkbook(report).xlsx.writeBuffer();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer);
    const sheet = book.getWorksheet("LTV-CAC");
    if (!sheet) throw new Error("no sheet");
    expect(sheet.getCell("A2").value).toEqual(new Date(Date.UTC(2024, 0, 1)));
    expect(sheet.getCell("A3").value).toBe('=IMPORTXML("http://x")');
    expect(sheet.getCell("A3").type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell("C2").value).toEqual({ formula: 'IF(B2="","",B2/3)', result: 30 });
    expect(sheet.getCell("B2").numFmt).toBe('"$"#,##0.00');
    expect(sheet.getCell("B2").font.bold).toBe(true);
    expect(sheet.getCell("B2").note).toBe("partial");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: 1 });
    expect(sheet.getColumn(1).width).toBeCloseTo(15, 0);
    // exceljs reads conditional formats back but does not declare them.
    const formats = (sheet as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] })
      .conditionalFormattings;
    const rules = formats.flatMap((f) => f.rules.map((r) => ({ ref: f.ref, ...r })));
    expect(rules.map((r) => r.type).sort()).toEqual(["colorScale", "expression", "expression"]);
    expect(rules.find((r) => r.type === "expression")).toMatchObject({
      ref: "D2:D3",
      formulae: ["AND(ISNUMBER(D2),D2<3)"],
    });
    // The chart is drawn (xlsx-charts.test.ts), not described in a cell.
    expect(sheet.getCell("A6").value).toBeNull();
    expect(sheet.autoFilter).toBe("A1:D3");
  });

  it("makes sheet names Excel accepts", () => {
    const taken = new Set<string>();
    expect(excelSheetName("LTV:CAC", taken)).toBe("LTV-CAC");
    expect(excelSheetName("ltv-cac", taken)).toBe("ltv-cac (2)");
    expect(excelSheetName("x".repeat(40), taken)).toHaveLength(31);
  });
});
