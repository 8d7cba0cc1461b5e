/**
 * The report model as data, on transactions small enough to work out by hand (monthly cohorts):
 *
 *   A  2024-01-05  100  Search        Jan cohort: A, B, X (size 3)
 *   X  2024-01-07   10  =IMPORTXML…   Feb cohort: C (size 1)
 *   B  2024-01-20   40  Social        Mar cohort: D (size 1)
 *   C  2024-02-03   60  Search
 *   C  2024-02-04  -10  Search        (a refund: revenue, not an order)
 *   A  2024-02-10   50  Search
 *   D  2024-03-10   25  Social
 *   B  2024-03-15   30  Social        (the last date: March is partial by default)
 *
 * Jan: active 3, 1, 1; revenue 150, 50, 30; LTV 50, 66.67, 76.67. Feb: active 1, 0; revenue 50, 0.
 * Mar: active 1; revenue 25. Spend: Jan 90 (CAC 30), Feb 80 (CAC 80), none for March.
 */
import { describe, expect, it } from "vitest";
import { dayNumber, sheetContext } from "../../../src/core/cells";
import { BLANK_SEGMENT } from "../../../src/core/cohorts";
import { reportFromTable } from "../../../src/core/report/build";
import { FORMATS, isFormula, type ReportCell, type ReportSheet } from "../../../src/core/report/model";
import { wordsOf } from "../../../src/core/report/words";

const HOSTILE = '=IMPORTXML("http://x")';
const rows = [
  ["Customer ID", "Date", "Amount", "Channel"],
  ["A", "2024-01-05", "100", "Search"],
  ["X", "2024-01-07", "10", HOSTILE],
  ["B", "2024-01-20", "40", "Social"],
  ["C", "2024-02-03", "60", "Search"],
  ["C", "2024-02-04", "-10", "Search"],
  ["A", "2024-02-10", "50", "Search"],
  ["D", "2024-03-10", "25", "Social"],
  ["B", "2024-03-15", "30", "Social"],
];
const spend = [
  ["Month", "Spend"],
  ["2024-01-01", "90"],
  ["2024-02-01", "80"],
];
const context = sheetContext("en_US", "UTC");
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

function build(options: Parameters<typeof reportFromTable>[0]["options"] = {}) {
  return reportFromTable({ rows, spend, context, options: { splitBySegment: false, ...options } });
}

function sheet(key: string, options?: Parameters<typeof build>[0]): ReportSheet {
  const found = build(options).report.sheets.find((s) => s.key === key);
  if (!found) throw new Error(`no ${key} sheet`);
  return found;
}

/** The cell at an A1 address. */
function at(s: ReportSheet, address: string): ReportCell {
  const match = /^([A-Z]+)(\d+)$/.exec(address);
  if (!match) throw new Error(address);
  const column = [...match[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return s.cells[Number(match[2]) - 1]?.[column - 1] ?? null;
}

/** The row whose first cell is `label` (a Date compared by day). */
function rowOf(s: ReportSheet, label: string | Date, from = 0): ReportCell[] {
  const index = s.cells.findIndex(
    (r, i) =>
      i >= from &&
      (label instanceof Date ? r[0] instanceof Date && r[0].getTime() === label.getTime() : r[0] === label),
  );
  if (index < 0) throw new Error(`no row ${String(label)}`);
  return s.cells[index];
}

function formatAt(s: ReportSheet, row: number, column: number): string | undefined {
  let format: string | undefined;
  for (const style of s.styles) {
    const r = style.range;
    if (
      style.numberFormat &&
      row >= r.row &&
      row < r.row + r.rows &&
      column >= r.column &&
      column < r.column + r.columns
    )
      format = style.numberFormat;
  }
  return format;
}

describe("Retention", () => {
  const s = sheet("retention");

  it("has the percent matrix, sizes and the size-weighted average of complete periods", () => {
    expect(at(s, "A3")).toBe("Cohort month");
    expect(s.cells[2].slice(1)).toEqual(["Customers", 0, 1, 2]);
    expect(rowOf(s, day("2024-01-01"))).toEqual([day("2024-01-01"), 3, 1, 1 / 3, 1 / 3]);
    expect(rowOf(s, day("2024-02-01"))).toEqual([day("2024-02-01"), 1, 1, 0]);
    expect(rowOf(s, day("2024-03-01"))).toEqual([day("2024-03-01"), 1, 1]);
    // k = 0: Jan and Feb (March is partial); k = 1: Jan only (Feb's k = 1 is March); k = 2: none.
    expect(rowOf(s, "All cohorts")).toEqual(["All cohorts", 5, 1, 1 / 3, null]);
    expect(formatAt(s, 4, 3)).toBe(FORMATS.percent);
    expect(s.frozenRows).toBe(3);
    expect(s.frozenColumns).toBe(2);
  });

  it("has the counts matrix and marks the partial month", () => {
    const counts = s.cells.findIndex((r) => r[0] === "Active customers by cohort");
    expect(rowOf(s, day("2024-01-01"), counts)).toEqual([day("2024-01-01"), 3, 3, 1, 1]);
    expect(rowOf(s, day("2024-02-01"), counts)).toEqual([day("2024-02-01"), 1, 1, 0]);
    expect(rowOf(s, "All cohorts", counts)).toEqual(["All cohorts", 5, 5, 1, 1]);
    // Jan's k = 2, Feb's k = 1 and Mar's k = 0 are March: partial, noted.
    expect(s.notes?.filter((n) => n.row === 4)).toEqual([
      { row: 4, column: 5, text: "Partial month: observed to 2024-03-15, so this value is still growing." },
    ]);
    expect(s.conditionalFormats[0]).toMatchObject({
      kind: "colorScale",
      range: { row: 4, column: 4, rows: 3, columns: 2 },
    });
  });
});

describe("Revenue & LTV", () => {
  const s = sheet("revenue");

  it("has revenue net of refunds, the LTV curve and a line chart of it", () => {
    expect(rowOf(s, day("2024-01-01"))).toEqual([day("2024-01-01"), 150, 50, 30]);
    expect(rowOf(s, day("2024-02-01"))).toEqual([day("2024-02-01"), 50, 0]);
    expect(rowOf(s, "All cohorts")).toEqual(["All cohorts", 225, 50, 30]);
    const ltvTitle = s.cells.findIndex((r) => r[0] === "LTV: cumulative revenue per customer");
    const jan = rowOf(s, day("2024-01-01"), ltvTitle);
    expect(jan[0]).toEqual(day("2024-01-01"));
    expect(jan.slice(1)).toEqual([50, expect.closeTo(200 / 3, 9), expect.closeTo(230 / 3, 9)]);
    expect(s.charts).toEqual([
      expect.objectContaining({
        type: "line",
        seriesIn: "rows",
        data: { row: ltvTitle + 2, column: 1, rows: 5, columns: 4 },
      }),
    ]);
  });
});

describe("LTV:CAC", () => {
  const s = sheet("ltv-cac", { marginRate: 0.5, observationEnd: dayNumber(2024, 3, 31) });

  it("has spend (editable), live CAC, ratio and payback formulas with the engine's values", () => {
    expect(s.cells[2].slice(0, 11)).toEqual([
      "Cohort month",
      "New customers",
      "Spend",
      "CAC",
      "Margin LTV, 3 months",
      "Margin LTV, 6 months",
      "Margin LTV, 12 months",
      "LTV:CAC, 3 months",
      "LTV:CAC, 6 months",
      "LTV:CAC, 12 months",
      "Payback (months)",
    ]);
    expect(at(s, "A4")).toEqual(day("2024-01-01"));
    expect(at(s, "B4")).toBe(3);
    expect(at(s, "C4")).toBe(90);
    expect(at(s, "D4")).toEqual({ formula: '=IF(OR(C4="",B4=0),"",C4/B4)', value: 30 });
    // Margin LTV at 3 months: (150 + 50 + 30) × 0.5 / 3 = 38.33; the ratio 38.33 / 30.
    expect(at(s, "E4")).toBeCloseTo(115 / 3, 9);
    expect(at(s, "F4")).toBeNull();
    const ratio = at(s, "H4");
    expect(isFormula(ratio) && ratio.formula).toBe('=IF(OR(E4="",D4="",D4=0),"",E4/D4)');
    expect(isFormula(ratio) && ratio.value).toBeCloseTo(115 / 90, 9);
    // Cumulative margin per customer 25, 33.3, 38.3 reaches CAC 30 in period 1.
    expect(at(s, "K4")).toEqual({
      formula: '=IF(D4="","",IFERROR(SUMPRODUCT(MATCH(TRUE(),M4:O4>=D4,0))-1,"not yet"))',
      value: 1,
    });
    expect(at(s, "K5")).toMatchObject({ value: "not yet" });
    // March has no spend: blank spend, blank CAC, no #DIV/0!.
    expect(at(s, "C6")).toBeNull();
    expect(at(s, "D6")).toMatchObject({ value: null });
    expect(s.editable).toEqual([{ range: { row: 4, column: 3, rows: 3, columns: 1 }, keyColumn: 1 }]);
    expect(s.conditionalFormats).toEqual([
      expect.objectContaining({
        kind: "threshold",
        threshold: 3,
        range: { row: 4, column: 8, rows: 4, columns: 3 },
      }),
    ]);
  });

  it("totals blended CAC over the cohorts with spend", () => {
    const total = rowOf(s, "All cohorts");
    expect(total[1]).toBe(5);
    expect(total[2]).toEqual({ formula: '=IF(COUNT($C$4:$C$6)=0,"",SUM($C$4:$C$6))', value: 170 });
    expect(total[3]).toEqual({
      formula:
        '=IF(OR(C7="",SUMPRODUCT(--ISNUMBER($C$4:$C$6),$B$4:$B$6)=0),"",C7/SUMPRODUCT(--ISNUMBER($C$4:$C$6),$B$4:$B$6))',
      value: 42.5,
    });
  });
});

describe("Summary", () => {
  const { report, headline } = build();
  const s = report.sheets.find((x) => x.key === "summary") as ReportSheet;

  it("has the everyday metrics, computed with the metric functions", () => {
    expect(headline).toMatchObject({ customers: 5, orders: 7, revenue: 305, repeatRate: 0.4 });
    expect(headline.aov).toBeCloseTo(305 / 7, 9);
    expect(headline.purchaseFrequency).toBeCloseTo(1.4, 9);
    // Jan → Feb, the only pair of complete months: A, B, X active in Jan; B and X not in Feb.
    expect(headline.periodChurn).toBeCloseTo(2 / 3, 9);
    expect(rowOf(s, "Revenue")[1]).toBe(305);
    expect(rowOf(s, "Monthly churn")[1]).toBeCloseTo(2 / 3, 9);
    expect(rowOf(s, "Period")[1]).toBe("month");
    expect(rowOf(s, "Observation end")[1]).toBe("2024-03-15");
    expect(rowOf(s, "Partial last period")[1]).toMatch(/^yes: the month of 2024-03-15 is not over/);
    expect(rowOf(s, "Partial first period")[1]).toMatch(/^yes: data starts 2024-01-05/);
  });
});

describe("text from the data", () => {
  it("stays a plain string, never a formula, when split by segment", () => {
    const { report } = reportFromTable({ rows, spend: null, context, options: { splitBySegment: true } });
    const cells = report.sheets.flatMap((s) => s.cells.flat());
    expect(cells).toContain(HOSTILE);
    for (const cell of cells) if (isFormula(cell)) expect(cell.formula).not.toContain("IMPORTXML");
  });
});

describe("split by segment", () => {
  const spendBySegment = [
    ["Month", "Spend", "Channel"],
    ["2024-01-01", "60", "Search"],
    ["2024-01-01", "30", "Social"],
    ["2024-02-01", "80", "Search"],
  ];
  const { report } = reportFromTable({
    rows,
    spend: spendBySegment,
    context,
    options: { splitBySegment: true },
  });
  const s = report.sheets.find((x) => x.key === "ltv-cac") as ReportSheet;

  it("matches spend per cohort × segment; a segment with no spend in a covered month costs 0", () => {
    expect(s.cells.slice(3, 8).map((r) => r.slice(0, 4))).toEqual([
      [day("2024-01-01"), HOSTILE, 1, 0],
      [day("2024-01-01"), "Search", 1, 60],
      [day("2024-01-01"), "Social", 1, 30],
      [day("2024-02-01"), "Search", 1, 80],
      [day("2024-03-01"), "Social", 1, null],
    ]);
    expect(s.editable).toEqual([
      { range: { row: 4, column: 4, rows: 5, columns: 1 }, keyColumn: 1, extraKeyColumns: [2] },
    ]);
  });

  it("totals each segment with live formulas that match the segment exactly", () => {
    const search = s.cells.findIndex((r, i) => i > 8 && r[1] === "Search");
    const row = search + 1;
    expect(s.cells[search][3]).toEqual({
      formula: `=IF(SUMPRODUCT(--EXACT($B$4:$B$8,B${row}),--ISNUMBER($D$4:$D$8))=0,"",SUMPRODUCT(--EXACT($B$4:$B$8,B${row}),$D$4:$D$8))`,
      value: 140,
    });
    expect(s.cells[search][4]).toMatchObject({ value: 70 });
  });
});

describe("spend for customers without a channel", () => {
  it("a spend row with a blank channel is the spend of the (blank) cohorts, as the sheet labels them", () => {
    const { report } = reportFromTable({
      rows: [
        ["Customer ID", "Date", "Amount", "Channel"],
        ["A", "2024-01-05", "100", ""],
        ["B", "2024-01-09", "50", "Search"],
      ],
      spend: [
        ["Month", "Spend", "Channel"],
        ["2024-01-01", "40", ""],
        ["2024-01-01", "70", "Search"],
      ],
      context,
      options: { splitBySegment: true },
    });
    const s = report.sheets.find((x) => x.key === "ltv-cac") as ReportSheet;
    expect(s.cells.slice(3, 5).map((r) => r.slice(1, 4))).toEqual([
      ["Search", 1, 70],
      [BLANK_SEGMENT, 1, 40],
    ]);
    expect(report.settings[wordsOf("en").settings.spend]).not.toMatch(/not matched|left out/i);
  });
});

describe("a cost column", () => {
  it("gives margin LTV as amount − cost, read with Russian headers and number formats", () => {
    const ru = sheetContext("ru_RU", "Europe/Moscow");
    const { report, headline } = reportFromTable({
      rows: [
        ["ID клиента", "Дата", "Сумма", "Себестоимость"],
        ["00004", "14.03.2024", "1 000,50", "600,50"],
        ["00004", "20.04.2024", "500", "300"],
      ],
      spend: null,
      context: ru,
      options: {},
    });
    expect(report.settings.Margin).toBe('amount − cost column "Себестоимость"');
    const s = report.sheets.find((x) => x.key === "ltv-cac") as ReportSheet;
    expect(s.cells[2][4]).toBe("Margin LTV, 3 months");
    expect(s.cells[3].slice(-2)).toEqual([400, 600]);
    expect(headline.revenue).toBeCloseTo(1500.5, 9);
  });
});
