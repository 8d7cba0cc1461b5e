/**
 * The Payback sheet, hand-worked: cohort January pays back in period 3, cohort February never does,
 * and spend typed on LTV-CAC moves the break-even periods and the median, evaluated by a real formula
 * engine (HyperFormula) over the whole workbook.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoDay, sheetContext } from "../../../src/core/cells";
import { medianPayback } from "../../../src/core/metrics/payback";
import { reportFromTable } from "../../../src/core/report/build";
import { isFormula, type ReportCell, type ReportSheet } from "../../../src/core/report/model";
import { generateSample, purchaseTable, spendTable } from "../../../src/core/sample/generate";
import { PAYBACK_PURCHASES, PAYBACK_SPEND } from "../../helpers/payback";
import { formulaCells, reportEngine } from "./engine";

const context = sheetContext("en_US", "UTC");

const PURCHASES = [["Customer", "Date", "Amount"], ...PAYBACK_PURCHASES];
const SPEND = [["Month", "Spend"], ...PAYBACK_SPEND];

function build(sheets = ["payback" as const]) {
  return reportFromTable({ rows: PURCHASES, spend: SPEND, context, options: { sheets } }).report;
}

const sheetOf = (report: ReturnType<typeof build>, key: string) =>
  report.sheets.find((s) => s.key === key) as ReportSheet;

describe("Payback sheet", () => {
  it("adds LTV-CAC before it: its curves are formulas over LTV-CAC's spend", () => {
    expect(build().sheets.map((s) => s.key)).toEqual(["ltv-cac", "payback"]);
    expect(build(["payback", "summary"] as never).sheets.map((s) => s.key)).toEqual([
      "ltv-cac",
      "payback",
      "summary",
    ]);
  });

  it("caches the hand-worked curves, break-evens and median", () => {
    const engine = reportEngine(build());
    const v = (row: number, column: number) => engine.value("payback", row, column);
    // Columns: cohort, customers, CAC, break-even, gap, ratio k = 0 … 3.
    expect([v(4, 2), v(4, 3), v(4, 4)]).toEqual([2, 50, 3]);
    expect([4, 5, 6, 7].map((c) => v(4, c + 2))).toEqual([0.2, 0.4, 0.6, 1]);
    expect([v(5, 2), v(5, 3), v(5, 4)]).toEqual([1, 100, "not yet"]);
    expect([4, 5, 6].map((c) => v(5, c + 2))).toEqual([0.1, 0.15, 0.15]);
    expect(v(5, 9)).toBeNull();
    // Median of {3, not yet}: the middle two are 3 and "longer than observed", so not yet.
    expect([v(10, 2), v(10, 3), v(10, 4)]).toEqual([2, 1, "not yet"]);
  });

  it("moves break-even and median when a marketer types spend on LTV-CAC", () => {
    const report = build();
    const engine = reportEngine(report);
    const v = (row: number, column: number) => engine.value("payback", row, column);
    const spendColumn = 3;
    engine.type("ltv-cac", 4, spendColumn, 60); // January: CAC 30, 10·3 = 30 reached in period 2
    expect(v(4, 3)).toBe(30);
    expect(v(4, 4)).toBe(2);
    expect(v(4, 7)).toBeCloseTo(2 / 3, 9);
    expect(v(10, 4)).toBe("not yet");
    engine.type("ltv-cac", 5, spendColumn, 10); // February: CAC 10, paid back in period 0
    expect([v(5, 4), v(5, 6)]).toEqual([0, 1]);
    expect([v(10, 2), v(10, 3), v(10, 4)]).toEqual([2, 2, 1]);
    engine.type("ltv-cac", 4, spendColumn, null); // no spend: no CAC, no curve, out of the median
    expect([v(4, 3), v(4, 4), v(4, 6)]).toEqual([null, null, null]);
    expect([v(10, 2), v(10, 3), v(10, 4)]).toEqual([1, 1, 0]);
  });

  it("gives the median per segment, not-yet cohorts counting as longest", () => {
    const rows = [
      ["Customer", "Date", "Amount", "Channel"],
      ...PURCHASES.slice(1).map((r) => [...r, "Paid*"]),
      ["c1", "2024-03-01", 40, "Organic"],
      ["c2", "2024-04-01", 40, "Organic"],
    ];
    const spend = [
      ["Month", "Spend", "Channel"],
      ...SPEND.slice(1).map((r) => [...r, "Paid*"]),
      ["2024-03-01", 20, "Organic"],
      ["2024-04-01", 80, "Organic"],
    ];
    const { report } = reportFromTable({
      rows,
      spend,
      context,
      options: { sheets: ["payback"], splitBySegment: true },
    });
    const engine = reportEngine(report);
    const sheet = sheetOf(report, "payback");
    const median = (segment: string) => {
      const row = sheet.cells.findIndex((r, i) => i > 10 && r[1] === segment) + 1;
      return [3, 4, 5].map((c) => engine.value("payback", row, c));
    };
    // Organic: March pays back at once (CAC 20 ≤ 40), April never (80 > 40): {0, not yet} → not yet.
    expect(median("Organic")).toEqual([2, 1, "not yet"]);
    expect(median("Paid*")).toEqual([2, 1, "not yet"]);
    // All segments: {3, not yet, 0, not yet} → the 2nd and 3rd are 3 and not yet.
    expect(median("All segments")).toEqual([4, 2, "not yet"]);
    engine.type("ltv-cac", 7, 4, 40); // April Organic: CAC 40, paid back in period 0 → {0, 0}
    expect(median("Organic")).toEqual([2, 2, 0]);
    expect(median("All segments")).toEqual([4, 3, 1.5]);
  });
});

describe("Payback formulas in a spreadsheet engine", () => {
  it("compute their cached values (sample data, with and without segments)", () => {
    const sample = generateSample({ customers: 400 });
    for (const split of [false, true]) {
      const { report } = reportFromTable({
        rows: purchaseTable(sample),
        spend: spendTable(sample),
        context,
        options: { splitBySegment: split, marginRate: 0.4, sheets: ["payback"] },
      });
      const engine = reportEngine(report);
      const cells = formulaCells(report).filter((c) => c.key === "payback");
      expect(cells.length).toBeGreaterThan(100);
      for (const cell of cells) {
        const value = engine.value(cell.key, cell.row, cell.column);
        if (typeof cell.cached === "number") expect(value).toBeCloseTo(cell.cached, 9);
        else expect(value, `${cell.row},${cell.column}`).toBe(cell.cached);
      }
    }
  });
});

describe("payback invariants", () => {
  const input = fc.record({
    purchases: fc.array(
      fc.record({
        customer: fc.integer({ min: 1, max: 10 }),
        day: fc.integer({ min: 0, max: 300 }),
        cents: fc.integer({ min: 0, max: 20_000 }),
        channel: fc.constantFrom("Search", "Social"),
      }),
      { minLength: 1, maxLength: 40 },
    ),
    spend: fc.array(
      fc.record({ month: fc.integer({ min: 0, max: 9 }), spend: fc.integer({ min: 0, max: 900 }) }),
      {
        maxLength: 6,
      },
    ),
    split: fc.boolean(),
  });

  it("curves never fall without refunds, and ratio × CAC is LTV-CAC's curve", () => {
    fc.assert(
      fc.property(input, (x) => {
        const rows = [
          ["Customer", "Date", "Amount", "Channel"],
          ...x.purchases.map((p) => [`c${p.customer}`, isoDay(19_723 + p.day), p.cents / 100, p.channel]),
        ];
        const spend = [
          ["Month", "Spend", "Channel"],
          ...x.spend.map((s, i) => [
            `2024-${String(s.month + 1).padStart(2, "0")}-01`,
            s.spend,
            i % 2 ? "Search" : "Social",
          ]),
        ];
        const { report } = reportFromTable({
          rows,
          spend: x.spend.length ? spend : null,
          context,
          options: { sheets: ["payback"], splitBySegment: x.split },
        });
        const payback = sheetOf(report, "payback");
        const ltvCac = sheetOf(report, "ltv-cac");
        const labels = x.split ? 2 : 1;
        const ratio = labels + 5;
        const curve = labels + 6 + 6; // LTV-CAC: customers, spend, CAC, 3 LTVs, 3 ratios, payback, gap
        const value = (cell: ReportCell) => (isFormula(cell) ? cell.value : cell);
        const cohorts = payback.cells.slice(3).findIndex((row) => !(row[0] instanceof Date));
        payback.cells.slice(3, 3 + cohorts).forEach((row, i) => {
          const cac = value(row[labels + 1]) as number | null;
          const ratios = row.slice(ratio - 1).map(value) as (number | null)[];
          ratios.forEach((r, k) => {
            const m = ltvCac.cells[3 + i][curve - 1 + k] as number | null;
            expect(r).toEqual(cac === null || cac === 0 || m === null ? null : expect.closeTo(m / cac, 12));
            if (r !== null && k > 0) expect(r).toBeGreaterThanOrEqual(ratios[k - 1] as number);
          });
          const first = ratios.findIndex((r) => r !== null && r >= 1);
          if (cac) expect(value(row[labels + 2])).toBe(first < 0 ? "not yet" : first);
        });
      }),
      { numRuns: 100 },
    );
  });

  it("a median counting not-yet cohorts as longest is never below one with them paid back", () => {
    const periods = fc.array(fc.option(fc.integer({ min: 0, max: 24 }), { nil: null }), {
      minLength: 1,
      maxLength: 15,
    });
    fc.assert(
      fc.property(
        periods,
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 15, maxLength: 15 }),
        (p, later) => {
          const paidBack = p.map((v, i) => v ?? later[i]);
          const median = medianPayback(p);
          const complete = medianPayback(paidBack) as number;
          if (median !== null) expect(median).toBeGreaterThanOrEqual(complete);
          if (!p.includes(null)) expect(median).toBe(complete);
          const sorted = [...paidBack].sort((a, b) => a - b);
          const n = sorted.length;
          expect(complete).toBe((sorted[Math.floor((n - 1) / 2)] + sorted[Math.floor(n / 2)]) / 2);
        },
      ),
    );
  });
});
