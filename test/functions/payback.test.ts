/**
 * PAYBACK_CURVE in the shipped dist/Code.js, called as Sheets calls it (2-D arrays, `Date`s at
 * midnight in the spreadsheet's zone, "" for blanks): the hand-worked curves, the same numbers as the
 * Payback sheet's cached values, and errors naming the function, the argument and the row.
 */
import { describe, expect, it } from "vitest";
import { dayNumber, sheetContext } from "../../src/core/cells";
import { startOfDayIn } from "../../src/core/cohorts/zone";
import { reportFromTable } from "../../src/core/report/build";
import { isFormula, type ReportSheet } from "../../src/core/report/model";
import { generateSample, purchaseTable, spendTable } from "../../src/core/sample/generate";
import { customFunctionServices, loadBundle } from "../helpers/bundle";
import { PAYBACK_PURCHASES, PAYBACK_SPEND } from "../helpers/payback";

const zone = "Asia/Seoul";
const sheets = loadBundle(customFunctionServices("en_US", zone));
const at = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return startOfDayIn(dayNumber(y, m, d), zone);
};
const column = <T>(values: T[]) => values.map((v) => [v]);

const ids = column([...PAYBACK_PURCHASES.map((p) => p[0]), ""]);
const dates = column([...PAYBACK_PURCHASES.map((p) => at(p[1])), ""]);
const amounts = column([...PAYBACK_PURCHASES.map((p) => p[2]), ""]);
const spendPeriods = column([...PAYBACK_SPEND.map((s) => at(s[0])), ""]);
const spend = column([...PAYBACK_SPEND.map((s) => s[1]), ""]);

describe("PAYBACK_CURVE", () => {
  it("gives the hand-worked curves: January pays back in month 3, February not yet", () => {
    expect(sheets.PAYBACK_CURVE(ids, dates, amounts, spendPeriods, spend)).toEqual([
      ["Cohort", "Segment", "Customers", "CAC", "Month 0", "Month 1", "Month 2", "Month 3"],
      [at("2024-01-01"), "", 2, 50, 0.2, 0.4, 0.6, 1],
      [at("2024-02-01"), "", 1, 100, 0.1, 0.15, 0.15, ""],
    ]);
  });

  it("takes the margin and a spend table in text months", () => {
    const months = column(["2024-01", "2024-02"]);
    const [, january] = sheets.PAYBACK_CURVE(
      ids,
      dates,
      amounts,
      months,
      column([100, 100]),
      "",
      "",
      "month",
      "50%",
    );
    expect(january).toEqual([at("2024-01-01"), "", 2, 50, 0.1, 0.2, 0.3, 0.5]);
  });

  it("gives the Payback sheet's numbers, by segment", () => {
    const sample = generateSample({ customers: 300 });
    const rows = purchaseTable(sample).slice(1);
    const spendRows = spendTable(sample).slice(1);
    const curve = sheets.PAYBACK_CURVE(
      column(rows.map((r) => r[0])),
      column(rows.map((r) => at(r[1]))),
      column(rows.map((r) => Number(r[2]))),
      column(spendRows.map((r) => at(r[0]))),
      column(spendRows.map((r) => Number(r[1]))),
      column(rows.map((r) => r[3])),
      column(spendRows.map((r) => r[2])),
      "month",
      0.4,
    );
    const { report } = reportFromTable({
      rows: purchaseTable(sample),
      spend: spendTable(sample),
      context: sheetContext("en_US", zone),
      options: { splitBySegment: true, marginRate: 0.4, sheets: ["payback"] },
    });
    const sheet = report.sheets.find((s) => s.key === "payback") as ReportSheet;
    const value = (cell: unknown) => (isFormula(cell as never) ? (cell as { value: unknown }).value : cell);
    const cohortRows = sheet.cells.slice(3).filter((row) => row[0] instanceof Date);
    expect(curve.length - 1).toBe(cohortRows.length);
    cohortRows.forEach((row, i) => {
      const [start, segment, customers, cac, , , ...ratios] = row.map(value);
      const out = curve[i + 1];
      const day = (start as Date).getTime() / 86_400_000;
      expect(out.slice(0, 3)).toEqual([startOfDayIn(day, zone), segment, customers]);
      expect(out[3]).toBe(cac ?? "");
      out.slice(4).forEach((r: number | string, k: number) => {
        expect(r).toBe(ratios[k] ?? "");
      });
    });
  });

  it("names the argument and row of bad input", () => {
    const call =
      (...args: unknown[]) =>
      () =>
        sheets.PAYBACK_CURVE(ids, dates, amounts, ...args);
    expect(call(spendPeriods, column([100, -5, ""]))).toThrow(
      "PAYBACK_CURVE: spend, row 2, is -5 — spend cannot be negative",
    );
    expect(call(column(["2024-01-01", "soon", ""]), spend)).toThrow(
      "PAYBACK_CURVE: spend_periods, row 2, is",
    );
    expect(call(spendPeriods, column([100, 100]))).toThrow(
      "PAYBACK_CURVE: spend has 2 rows but spend_periods has 3 rows",
    );
    expect(call(spendPeriods, column(["", "", ""]))).toThrow("PAYBACK_CURVE: spend, row 1, is blank");
    expect(call(column(["", ""]), column(["", ""]))).toThrow("PAYBACK_CURVE: spend has no rows");
    expect(call(spendPeriods, spend, column(PAYBACK_PURCHASES.map(() => "Ads").concat([""])))).toThrow(
      "PAYBACK_CURVE: spend_segments is missing",
    );
    expect(call(spendPeriods, spend, "", "", "fortnight")).toThrow("PAYBACK_CURVE: period is");
    expect(call(spendPeriods, spend, "", "", "", 30)).toThrow("PAYBACK_CURVE: margin is 30, outside 0–100%");
    expect(() => sheets.PAYBACK_CURVE(ids, dates, column([10]), spendPeriods, spend)).toThrow(
      /PAYBACK_CURVE: amounts/,
    );
  });
});
