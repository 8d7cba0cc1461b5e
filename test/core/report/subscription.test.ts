/**
 * The Subscription (MRR) sheet as data, on payments worked out by hand (MRR January … March 2024):
 *
 *   a  annual 1,200 in January, 12 months      100 100 100
 *   b  50 a month, refunded in February, back   50   0  30
 *   d  from February, upgraded in March           0  20  30
 */
import { describe, expect, it } from "vitest";
import { dayNumber, sheetContext } from "../../../src/core/cells";
import { reportFromTable } from "../../../src/core/report/build";
import { FORMATS, type ReportSheet } from "../../../src/core/report/model";

const rows = [
  ["Customer", "Date", "Amount", "Term"],
  ["a", "2024-01-15", "1200", "12"],
  ["b", "2024-01-03", "50", ""],
  ["b", "2024-02-03", "50", "1"],
  ["b", "2024-02-10", "-50", "1"],
  ["b", "2024-03-03", "30", "1"],
  ["d", "2024-02-01", "20", "1"],
  ["d", "2024-03-01", "20", "1"],
  ["d", "2024-03-15", "10", "1"],
];
const context = sheetContext("en_US", "UTC");
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

function build(table: string[][], sheets?: ("subscription" | "summary")[], marginRate?: number) {
  return reportFromTable({
    rows: table,
    spend: null,
    context,
    options: { sheets, marginRate, observationEnd: dayNumber(2024, 3, 31) },
  }).report;
}
const sheetOf = (sheets: ReportSheet[]) => sheets.find((s) => s.key === "subscription") as ReportSheet;
/** The rows under the header whose first cell is `title`'s next row. */
function block(sheet: ReportSheet, firstHeader: string, rowsCount: number) {
  const at = sheet.cells.findIndex((r) => r[0] === firstHeader && r.length > 1);
  return sheet.cells.slice(at, at + 1 + rowsCount);
}

describe("the Subscription (MRR) sheet", () => {
  const sheet = sheetOf(build(rows, ["subscription"], 0.8).sheets);

  it("is added when the table has a term column, and not otherwise", () => {
    expect(build(rows).sheets.map((s) => s.key)).toContain("subscription");
    const noTerm = rows.map((r) => r.slice(0, 3));
    expect(build(noTerm).sheets.map((s) => s.key)).not.toContain("subscription");
    expect(sheetOf(build(noTerm, ["subscription"]).sheets).name).toBe("Subscription (MRR)");
  });

  it("leads with MRR, ARR, NRR/GRR, quick ratio, ARPA, churn and LTV", () => {
    const value = (name: string) => sheet.cells.find((r) => r[0] === name)?.[1];
    expect(value("MRR now")).toBe(160);
    expect(value("ARR")).toBe(1920);
    expect(value("Customers with MRR")).toBe(3);
    expect(value("NRR, last month")).toBe(130 / 120);
    expect(value("GRR, last month")).toBe(1);
    expect(value("NRR, trailing 12 months")).toBeNull();
    expect(value("Quick ratio, last month")).toBeNull();
    expect(value("ARPA")).toBe(160 / 3);
    // One churned (b in February) of 2 + 2 customers at the starts of February and March.
    expect(value("Customer churn rate")).toBe(1 / 4);
    expect(value("LTV")).toBeCloseTo(((160 / 3) * 0.8) / (1 / 4), 9);
  });

  it("lays out the movements month by month, charted as stacked columns with the MRR line", () => {
    expect(block(sheet, "Month", 3)).toEqual([
      [
        "Month",
        "New",
        "Expansion",
        "Reactivation",
        "Contraction",
        "Churned",
        "MRR at end",
        "MRR at start",
        "Customers",
        "Quick ratio",
      ],
      [day("2024-01-01"), 150, 0, 0, 0, 0, 150, 0, 2, null],
      [day("2024-02-01"), 20, 0, 0, 0, -50, 120, 150, 2, 0.4],
      [day("2024-03-01"), 0, 10, 30, 0, 0, 160, 120, 3, null],
    ]);
    const [movements, retention] = sheet.charts;
    expect(movements).toMatchObject({ type: "column", stacked: true, lineSeries: 1, seriesIn: "columns" });
    expect(movements.data.columns).toBe(7);
    expect(movements.data.rows).toBe(4);
    expect(retention).toMatchObject({ type: "line", seriesIn: "columns" });
    expect(sheet.cells[retention.data.row - 1].slice(0, 5)).toEqual([
      "Month",
      "NRR",
      "GRR",
      "NRR, trailing 12 months",
      "GRR, trailing 12 months",
    ]);
    expect(sheet.cells[retention.data.row + 1].slice(1, 3)).toEqual([100 / 150, 100 / 150]);
  });

  it("ends with the cohort net MRR retention heatmap", () => {
    expect(block(sheet, "Cohort month", 3)).toEqual([
      ["Cohort month", "Customers", "MRR, month 0", 0, 1, 2],
      [day("2024-01-01"), 2, 150, 1, 100 / 150, 130 / 150],
      [day("2024-02-01"), 1, 20, 1, 1.5],
    ]);
    const scale = sheet.conditionalFormats.find((f) => f.kind === "colorScale");
    expect(scale?.range.columns).toBe(2);
    expect(sheet.styles.some((s) => s.numberFormat === FORMATS.percent)).toBe(true);
  });

  it("names the term column and row of a bad term", () => {
    const bad = rows.map((r, i) => (i === 4 ? [...r.slice(0, 3), "1.5"] : r));
    expect(() => build(bad)).toThrow(
      /Transactions: term column "Term", row 5, is "1.5" — expected a whole number/,
    );
  });
});
