/**
 * The report as one workbook in a spreadsheet engine: every formula on every sheet computes the value
 * the model cached; spend typed into the LTV-CAC sheet moves Summary with it (one truth); segment
 * totals match names exactly, whatever criterion syntax a name holds.
 */
import { describe, expect, it } from "vitest";
import { isoDay, sheetContext } from "../../../src/core/cells";
import { reportFromTable } from "../../../src/core/report/build";
import type { Report, ReportSheet } from "../../../src/core/report/model";
import { generateSample, purchaseTable, spendTable } from "../../../src/core/sample/generate";
import { formulaCells, type ReportEngine, reportEngine } from "./engine";

const context = sheetContext("en_US", "UTC");
const sample = generateSample({ customers: 600 });

function sampleReport(split: boolean, marginRate?: number): Report {
  return reportFromTable({
    rows: purchaseTable(sample),
    spend: spendTable(sample),
    context,
    options: { splitBySegment: split, marginRate },
  }).report;
}

const sheetOf = (report: Report, key: string) => report.sheets.find((s) => s.key === key) as ReportSheet;
/** 1-based row of the first row whose first cell is `label`. */
const rowOf = (sheet: ReportSheet, label: string) => sheet.cells.findIndex((r) => r[0] === label) + 1;
const columnOf = (sheet: ReportSheet, header: RegExp) =>
  sheet.cells[2].findIndex((h) => typeof h === "string" && header.test(h)) + 1;

function expectCached(report: Report, engine: ReportEngine) {
  const cells = formulaCells(report);
  for (const { key, row, column, cached } of cells) {
    const value = engine.value(key, row, column);
    if (typeof cached === "number") expect(value).toBeCloseTo(cached, 9);
    else expect(value).toBe(cached);
  }
  return cells.length;
}

/** Summary's CAC, LTV:CAC and payback against the LTV-CAC sheet's "All cohorts" row, in the engine. */
function expectAgreement(report: Report, engine: ReportEngine) {
  const ltvCac = sheetOf(report, "ltv-cac");
  const summary = sheetOf(report, "summary");
  const total = rowOf(ltvCac, "All cohorts");
  const pairs: [RegExp, RegExp][] = [
    [/^CAC$/, /^Blended CAC$/],
    [/LTV:CAC, 12/, /LTV:CAC, 12/],
    [/^Payback/, /^Payback/],
  ];
  for (const [header, metric] of pairs) {
    const there = engine.value("ltv-cac", total, columnOf(ltvCac, header));
    const here = engine.value("summary", summary.cells.findIndex((r) => metric.test(String(r[0]))) + 1, 2);
    expect(here).toEqual(there);
  }
}

describe("one truth across sheets", () => {
  for (const split of [false, true]) {
    it(`Summary follows spend typed into LTV-CAC${split ? ", split by segment" : ""}`, () => {
      const report = sampleReport(split, 0.4);
      const engine = reportEngine(report);
      expect(expectCached(report, engine)).toBeGreaterThan(40);
      expectAgreement(report, engine);

      const ltvCac = sheetOf(report, "ltv-cac");
      const spend = columnOf(ltvCac, /^Spend$/);
      const before = engine.value("summary", rowOf(sheetOf(report, "summary"), "Blended CAC"), 2) as number;
      engine.type("ltv-cac", 4, spend, 1_000_000);
      expectAgreement(report, engine);
      const after = engine.value("summary", rowOf(sheetOf(report, "summary"), "Blended CAC"), 2) as number;
      expect(after).toBeGreaterThan(before);
      // Typing again, and clearing, keeps them in step.
      engine.type("ltv-cac", 5, spend, 0);
      engine.type("ltv-cac", 4, spend, null);
      expectAgreement(report, engine);
      const verdictRow = rowOf(sheetOf(report, "summary"), "Verdict");
      const ratio = engine.value("summary", verdictRow - 2, 2) as number;
      expect(engine.value("summary", verdictRow, 2)).toBe(
        ratio >= 3 ? "at or above the 3:1 rule of thumb" : "below the 3:1 rule of thumb",
      );
    });
  }

  it("shows one LTV at 12 months: Summary, LTV-CAC's total and Revenue's All cohorts curve", () => {
    const report = sampleReport(false, 0.4);
    const summary = sheetOf(report, "summary");
    const revenue = sheetOf(report, "revenue");
    const ltvCac = sheetOf(report, "ltv-cac");
    const metric = (name: string) => summary.cells[rowOf(summary, name) - 1][1];
    // Revenue's "All cohorts" rows: the LTV block's, then the margin block's; period 11 is column 13.
    const blended = revenue.cells.filter((r) => r[0] === "All cohorts").map((r) => r[12]);
    expect(metric("LTV, 12 months")).toBe(blended[1]);
    expect(metric("Margin LTV, 12 months")).toBe(blended[2]);
    expect(ltvCac.cells[rowOf(ltvCac, "All cohorts") - 1][columnOf(ltvCac, /^Margin LTV, 12/) - 1]).toBe(
      blended[2],
    );
  });

  it("labels LTV:CAC revenue-based when no margin is given, and the verdict says so", () => {
    const report = sampleReport(false);
    const summary = sheetOf(report, "summary");
    const verdict = summary.cells[rowOf(summary, "Verdict") - 1][1];
    expect(verdict).toMatchObject({
      value: expect.stringMatching(/rule of thumb \(on revenue: no margin given\)$/),
    });
    expect(summary.cells.some((r) => r[0] === "Revenue LTV:CAC, 12 months")).toBe(true);
    const header = sheetOf(report, "ltv-cac").cells[2];
    expect(header).toContain("Revenue LTV, 12 months");
    expect(header).toContain("Revenue LTV:CAC, 12 months");
    const marginReport = sampleReport(false, 0.4);
    expect(sheetOf(marginReport, "ltv-cac").cells[2]).toContain("LTV:CAC, 12 months");
  });

  it("keeps Summary literal when the report has no LTV-CAC sheet", () => {
    const { report, headline } = reportFromTable({
      rows: purchaseTable(sample),
      spend: spendTable(sample),
      context,
      options: { sheets: ["summary"] },
    });
    const summary = sheetOf(report, "summary");
    expect(summary.cells[rowOf(summary, "Blended CAC") - 1][1]).toBe(headline.cac);
  });
});

describe("segment totals match names exactly", () => {
  const LONG = "x".repeat(300);
  const NAMES = ["Paid*", "Paid search", "Paid?", "~x", "<img>", ">5", '=IMPORTXML("x")', "+1", "", LONG];
  const rows = [["Customer", "Date", "Amount", "Channel"]];
  NAMES.forEach((name, i) => {
    for (let c = 0; c <= i; c++) rows.push([`c${i}-${c}`, isoDay(19_723 + c), "10", name]);
  });

  it("sums each segment's spend and customers, and nothing else", () => {
    const { report } = reportFromTable({ rows, spend: null, context, options: { splitBySegment: true } });
    const sheet = sheetOf(report, "ltv-cac");
    const engine = reportEngine(report);
    const spend = columnOf(sheet, /^Spend$/);
    const cac = columnOf(sheet, /^CAC$/);
    // Each cohort row gets a distinct power of two: a total shows exactly which rows it summed.
    const expected = new Map<string, number>();
    const customers = new Map<string, number>();
    sheet.cells.forEach((row, r) => {
      if (!(row[0] instanceof Date)) return;
      const amount = 2 ** r;
      engine.type("ltv-cac", r + 1, spend, amount);
      const segment = String(row[1]);
      expected.set(segment, (expected.get(segment) ?? 0) + amount);
      customers.set(segment, (customers.get(segment) ?? 0) + (row[2] as number));
    });
    expect(expected.size).toBe(NAMES.length);
    for (const [segment, total] of expected) {
      const row = sheet.cells.findIndex((r, i) => i > 3 && r[0] === "All cohorts" && r[1] === segment) + 1;
      expect(row, segment).toBeGreaterThan(0);
      expect(engine.value("ltv-cac", row, spend), segment).toBe(total);
      expect(engine.value("ltv-cac", row, cac), segment).toBeCloseTo(
        total / (customers.get(segment) as number),
        6,
      );
    }
  });
});
