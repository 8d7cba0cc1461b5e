/**
 * Invariants of the report model on random transactions and spend: no cell a sheet can't show, and
 * the LTV:CAC sheet's cached values are what its formulas compute from the cells next to them.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoDay, sheetContext } from "../../../src/core/cells";
import { reportFromTable } from "../../../src/core/report/build";
import { isFormula, type ReportCell, type ReportSheet } from "../../../src/core/report/model";

const context = sheetContext("en_US", "UTC");
const START = 19_723; // 2024-01-01

const transaction = fc.record({
  customer: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 0, max: 400 }),
  cents: fc.integer({ min: -3_000, max: 30_000 }),
  segment: fc.constantFrom("Search", "Social", "=1+1"),
});
const spendRow = fc.record({
  month: fc.integer({ min: 0, max: 13 }),
  spend: fc.integer({ min: 0, max: 5_000 }),
});

const input = fc.record({
  transactions: fc.array(transaction, { minLength: 1, maxLength: 60 }),
  spend: fc.array(spendRow, { maxLength: 8 }),
  period: fc.constantFrom("week" as const, "month" as const, "quarter" as const),
  split: fc.boolean(),
  margin: fc.option(fc.double({ min: 0.05, max: 1, noNaN: true }), { nil: undefined }),
});

type Input = typeof input extends fc.Arbitrary<infer T> ? T : never;

function build(x: Input) {
  // The first row of each customer is a purchase, so every customer has a cohort.
  const rows = [
    ["Customer", "Date", "Amount", "Channel"],
    ...x.transactions.map((t, i) => [
      `c${t.customer}`,
      isoDay(START + t.day),
      String((i === 0 ? Math.abs(t.cents) : t.cents) / 100),
      t.segment,
    ]),
  ];
  const spend = [
    ["Month", "Spend", "Channel"],
    ...x.spend.map((s, i) => [
      `2024-${String((s.month % 12) + 1).padStart(2, "0")}-01`,
      String(s.spend),
      x.split ? (i % 2 ? "Search" : "Social") : "",
    ]),
  ];
  return reportFromTable({
    rows,
    spend: x.spend.length ? spend : null,
    context,
    options: { period: x.period, splitBySegment: x.split, marginRate: x.margin },
  });
}

const shown = (cell: ReportCell) => (isFormula(cell) ? cell.value : cell);

describe("report model invariants", () => {
  it("holds only cells a sheet can show", () => {
    fc.assert(
      fc.property(input, (x) => {
        let report: ReturnType<typeof build>["report"];
        try {
          report = build(x).report;
        } catch (error) {
          // Only data with no purchase at all may fail, with a message.
          expect(String(error)).toMatch(/no purchases|no data rows/);
          return;
        }
        for (const sheet of report.sheets) {
          for (const cell of sheet.cells.flat()) {
            const value = shown(cell);
            if (typeof value === "number") expect(Number.isFinite(value)).toBe(true);
            expect(value).not.toBeUndefined();
            if (typeof cell === "string") expect(isFormula(cell)).toBe(false);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it("caches what the LTV:CAC formulas compute", () => {
    fc.assert(
      fc.property(input, (x) => {
        let sheet: ReportSheet | undefined;
        try {
          sheet = build(x).report.sheets.find((s) => s.key === "ltv-cac");
        } catch {
          return;
        }
        if (!sheet) throw new Error("no LTV:CAC sheet");
        const header = sheet.cells[2];
        const col = (name: RegExp) => header.findIndex((h) => typeof h === "string" && name.test(h));
        const [customers, spend, cac, ltv3, ratio3, payback] = [
          col(/^New customers/),
          col(/^Spend/),
          col(/^CAC/),
          col(/^(Margin|Revenue) LTV, 3/),
          col(/LTV:CAC, 3/),
          col(/^Payback/),
        ];
        const curve = payback + 2;
        const n = (v: ReportCell) => (typeof v === "number" ? v : null);
        // The cohort rows: from row 4 to the blank row under the totals (the chart's data comes later).
        const end = sheet.cells.findIndex((row, i) => i > 3 && row.length === 0);
        for (const row of sheet.cells.slice(3, end < 0 ? undefined : end)) {
          if (!(row[0] instanceof Date)) continue;
          const s = n(row[spend]);
          const c = n(shown(row[cac]));
          const size = n(row[customers]) as number;
          expect(c).toEqual(s === null || size === 0 ? null : expect.closeTo(s / size, 9));
          const l = n(row[ltv3]);
          const r = shown(row[ratio3]);
          expect(r).toEqual(l === null || c === null || c === 0 ? null : expect.closeTo(l / c, 9));
          const k = row.slice(curve).findIndex((v) => typeof v === "number" && c !== null && v >= c);
          expect(shown(row[payback])).toEqual(c === null ? null : k < 0 ? "not yet" : k);
        }
      }),
      { numRuns: 150 },
    );
  });
});
