/**
 * The Customers sheet as data. Five customers worked by hand, observed to 2024-03-31 (n = 5 distinct
 * values, so each score 1–5 is one customer's):
 *
 *   customer  purchase days            days since last  purchase days  net spend  R F M  segment
 *   A         03-31                    0                1              100        5 1 3  New customers
 *   B         01-01 … 03-26 (5 days)   5                5              150        4 5 4  Loyal customers
 *   C         01-05, 02-05, 03-21      10               3              30         3 3 1  Need attention
 *   D         01-02 … 03-11 (4 days)   20               4              200        2 4 5  At risk
 *   E         01-10, 02-20             40               2              50         1 2 2  Hibernating
 *
 * Total spend 530, so the shares are 100/530, 150/530, 30/530, 200/530, 50/530.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Cell, sheetContext } from "../../../src/core/cells";
import { readTransactions } from "../../../src/core/cohorts/transactions";
import type { Language } from "../../../src/core/language";
import { buildReport, reportFromTable } from "../../../src/core/report/build";
import { customerTable } from "../../../src/core/report/customers";
import type { ReportData, ReportDataWithRows } from "../../../src/core/report/data";
import { reportHistories } from "../../../src/core/report/forecast-check";
import type { ReportSheet } from "../../../src/core/report/model";
import { wordsOf } from "../../../src/core/report/words";
import { generateSample, purchaseTable } from "../../../src/core/sample/generate";
import { RFM_SEGMENT_NAMES } from "../../../src/core/segments/rfm-segments";

const context = sheetContext("en_US", "UTC");
const PURCHASES: [string, string[], number][] = [
  ["A", ["2024-03-31"], 100],
  ["B", ["2024-01-01", "2024-01-20", "2024-02-10", "2024-03-01", "2024-03-26"], 30],
  ["C", ["2024-01-05", "2024-02-05", "2024-03-21"], 10],
  ["D", ["2024-01-02", "2024-01-15", "2024-02-01", "2024-03-11"], 50],
  ["E", ["2024-01-10", "2024-02-20"], 25],
];
const rows: Cell[][] = [
  ["Customer", "Date", "Amount"],
  ...PURCHASES.flatMap(([id, days, amount]) => days.map((d) => [id, d, amount])),
];

function build(language: Language = "en", table = rows) {
  return reportFromTable({
    rows: table,
    spend: null,
    context,
    options: { language, sheets: ["customers", "predicted-clv"] },
  });
}
const sheetOf = (sheets: ReportSheet[], key: string) => {
  const sheet = sheets.find((s) => s.key === key);
  if (!sheet) throw new Error(`no ${key} sheet`);
  return sheet;
};
/** The customer table's rows (under its header, row 20), as the sheet holds them. */
const tableRows = (sheet: ReportSheet) => sheet.cells.slice(20).filter((row) => row.length);

/** The Customers table of a report built from rows. */
function tableOf(data: ReportData) {
  const h = reportHistories(data);
  if (!h) throw new Error("the report keeps its rows");
  return customerTable(data, h);
}

describe("the Customers sheet", () => {
  const { report, data } = build();
  const sheet = sheetOf(report.sheets, "customers");
  const table = tableOf(data);

  it("scores and segments each customer as worked by hand", () => {
    const byId = Object.fromEntries(table.rows.map((r) => [r.id, r]));
    const expected = {
      A: [5, 1, 3, 100, "New customers", "2024-03-31"],
      B: [4, 5, 4, 150, "Loyal customers", "2024-03-26"],
      C: [3, 3, 1, 30, "Need attention", "2024-03-21"],
      D: [2, 4, 5, 200, "At risk", "2024-03-11"],
      E: [1, 2, 2, 50, "Hibernating", "2024-02-20"],
    };
    for (const [id, [r, f, m, spend, segment, last]] of Object.entries(expected)) {
      const row = byId[id];
      expect([row.recency, row.frequency, row.monetary, row.spend, row.segment]).toEqual([
        r,
        f,
        m,
        spend,
        segment,
      ]);
      const sheetRow = tableRows(sheet).find((cells) => cells[0] === id) ?? [];
      expect(sheetRow.slice(1, 6)).toEqual([segment, r, f, m, spend]);
      expect((sheetRow[6] as Date).toISOString().slice(0, 10)).toBe(last);
    }
  });

  it("sums up each segment in the map's order: customers, revenue shares adding to 100%", () => {
    const summary = sheet.cells.slice(6, 6 + RFM_SEGMENT_NAMES.length);
    expect(sheet.cells[5]).toEqual([
      "Segment",
      "Customers",
      "Revenue share",
      "Mean predicted CLV",
      "Value at risk",
    ]);
    expect(summary.map((r) => r[0])).toEqual([...RFM_SEGMENT_NAMES]);
    const share = Object.fromEntries(summary.map((r) => [r[0], r[2]]));
    expect(share["At risk"]).toBeCloseTo(200 / 530, 12);
    expect(share["Need attention"]).toBeCloseTo(30 / 530, 12);
    expect(share.Champions).toBe(0);
    const total = sheet.cells[6 + RFM_SEGMENT_NAMES.length];
    expect(total.slice(0, 2)).toEqual(["Total", 5]);
    expect(total[2]).toBeCloseTo(1, 12);
    // Five customers are too few to fit the models (see below): no CLV, no value at risk.
    expect(summary.find((r) => r[0] === "At risk")?.slice(1)).toEqual([1, share["At risk"], null, null]);
    expect(summary.find((r) => r[0] === "Lost")?.slice(1)).toEqual([0, 0, null, null]);
  });

  it("still lists segments and scores, with the reason in words, when the models cannot be fitted", () => {
    expect(table.error).toBeDefined();
    expect(String(sheet.cells[3][0])).toMatch(
      /^The models could not be fitted to these transactions: .+\. P\(alive\)/,
    );
    const listed = tableRows(sheet);
    for (const row of listed) expect(row.slice(7)).toEqual([null, null, null]);
    // By spend when there is no CLV.
    expect(listed.map((r) => r[0])).toEqual(["D", "B", "A", "E", "C"]);
  });

  it("puts a filter on the customer table, header row first", () => {
    expect(sheet.filter).toEqual({ row: 20, column: 1, rows: 6, columns: 10 });
    expect(sheet.cells[19][1]).toBe("Segment");
  });

  it.each(["ko", "ru"] as const)("names the segments in %s, every other word translated", (language) => {
    const w = wordsOf(language);
    const translated = sheetOf(build(language).report.sheets, "customers");
    expect(translated.name).toBe(w.sheets.customers);
    const names = RFM_SEGMENT_NAMES.map((s) => w.rfmSegments[s]);
    expect(translated.cells.slice(6, 6 + names.length).map((r) => r[0])).toEqual(names);
    expect(tableRows(translated).map((r) => r[1])).toEqual(
      tableRows(sheet).map((r) => w.rfmSegments[r[1] as (typeof RFM_SEGMENT_NAMES)[number]]),
    );
    const english = new Set(sheet.cells.flat().filter((c) => typeof c === "string"));
    const left = translated.cells
      .flat()
      .filter((c) => typeof c === "string" && english.has(c) && !/^[A-E]$|^[RFM]$/.test(c));
    expect(left).toEqual([]);
  });
});

describe("the Customers sheet of a fitted forecast (the seeded sample, 300 customers)", () => {
  const sample = generateSample({ customers: 300 });
  const { report, data } = reportFromTable({
    rows: purchaseTable(sample),
    spend: null,
    context,
    options: { sheets: ["customers", "predicted-clv"] },
  });
  const sheet = sheetOf(report.sheets, "customers");
  const listed = tableRows(sheet);

  it("shows the Predicted CLV sheet's P(alive) and CLV, and value at risk = spend × (1 − P(alive)), most valuable first", () => {
    expect(tableOf(data).error).toBeUndefined();
    // Predicted CLV lists customer, repeat purchases, P(alive), …, CLV (column 6) from row 5.
    const clvRows = sheetOf(report.sheets, "predicted-clv").cells.slice(4, 4 + listed.length);
    expect(listed.map((r) => r[0])).toEqual(clvRows.map((r) => r[0]));
    listed.forEach((row, i) => {
      expect(row[7]).toBe(clvRows[i][2]);
      expect(row[8]).toBe(clvRows[i][5]);
      expect(row[9]).toBeCloseTo((row[5] as number) * (1 - (row[7] as number)), 9);
    });
    const clvs = listed.map((r) => r[8] as number);
    expect(clvs).toEqual([...clvs].sort((x, y) => y - x));
  });

  it("sums each segment's customers, CLV and value at risk from the rows", () => {
    const summary = sheet.cells.slice(6, 6 + RFM_SEGMENT_NAMES.length);
    summary.forEach(([name, customers, , meanClv, atRisk]) => {
      const members = listed.filter((r) => r[1] === name);
      expect(customers).toBe(members.length);
      const sum = (k: number) => members.reduce((t, r) => t + (r[k] as number), 0);
      if (members.length) expect(meanClv).toBeCloseTo(sum(8) / members.length, 9);
      expect(atRisk).toBeCloseTo(sum(9), 6);
    });
    const total = sheet.cells[6 + RFM_SEGMENT_NAMES.length];
    expect(total[1]).toBe(300);
    expect(total[2]).toBeCloseTo(1, 12);
  });
});

describe("the Customers sheet's invariants", () => {
  it("puts every customer in exactly one segment, and the summary counts every customer", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 40 }),
            fc.integer({ min: 0, max: 89 }),
            fc.integer({ min: -20, max: 99 }),
          ),
          { minLength: 1, maxLength: 120 },
        ),
        (purchases) => {
          const cells = purchases.map(([c, d, v]) => [`c${c}`, new Date(Date.UTC(2024, 0, 1 + d)), v]);
          const tx = readTransactions(cells, { customerId: 0, date: 1, amount: 2 }, context);
          let data: ReportDataWithRows;
          try {
            data = buildReport(tx, { sheets: [] }).data as ReportDataWithRows;
          } catch {
            return; // refunds only: no cohort, no report
          }
          const { rows: listed, summary } = tableOf(data);
          expect(new Set(listed.map((r) => r.id)).size).toBe(listed.length);
          for (const row of listed) expect(RFM_SEGMENT_NAMES).toContain(row.segment);
          expect(summary.map((s) => s.segment)).toEqual([...RFM_SEGMENT_NAMES]);
          expect(summary.reduce((n, s) => n + s.customers, 0)).toBe(listed.length);
          for (const s of summary)
            expect(s.customers).toBe(listed.filter((r) => r.segment === s.segment).length);
          const shares = summary.reduce((t, s) => t + (s.revenueShare ?? 0), 0);
          if (summary[0].revenueShare !== null) expect(shares).toBeCloseTo(1, 9);
        },
      ),
      { numRuns: 60 },
    );
  });
});
