/**
 * The cohort matrices of the real CDNOW sample against an independent computation: SQL in DuckDB,
 * with DuckDB's own calendar (date_trunc to month, ISO week and quarter; date_diff for k).
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { isoDay, sheetContext } from "../../../src/core/cells";
import { cohortTable } from "../../../src/core/cohorts/cohort-table";
import type { PeriodUnit } from "../../../src/core/cohorts/periods";
import { readTransactions } from "../../../src/core/cohorts/transactions";
import { describeWithReferenceData, readReferenceCsv, referencePath } from "../../helpers/reference-data";

const K: Record<PeriodUnit, string> = {
  month: "date_diff('month', f.cohort, t.period)",
  quarter: "date_diff('quarter', f.cohort, t.period)",
  week: "date_diff('day', f.cohort, t.period) // 7",
};

async function sqlMatrix(unit: PeriodUnit) {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    const csv = referencePath("cdnow_sample.csv").replace(/'/g, "''");
    const reader = await connection.runAndReadAll(`
      WITH tx AS (
        SELECT customer_id, amount, date_trunc('${unit}', date)::DATE AS period
        FROM read_csv('${csv}', header = true,
          columns = {'customer_id': 'VARCHAR', 'date': 'DATE', 'cds': 'INTEGER', 'amount': 'DOUBLE'})
      ),
      firsts AS (SELECT customer_id, min(period) AS cohort FROM tx WHERE amount >= 0 GROUP BY customer_id)
      SELECT strftime(f.cohort, '%Y-%m-%d') AS cohort, (${K[unit]})::INTEGER AS k,
        count(DISTINCT t.customer_id) FILTER (WHERE t.amount >= 0)::INTEGER AS active,
        count(*) FILTER (WHERE t.amount >= 0)::INTEGER AS orders,
        sum(t.amount)::DOUBLE AS revenue
      FROM tx t JOIN firsts f USING (customer_id)
      WHERE t.period >= f.cohort
      GROUP BY ALL ORDER BY ALL`);
    return reader.getRowsJS() as [string, number, number, number, number][];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describeWithReferenceData("cohort matrices of CDNOW match DuckDB's SQL", () => {
  const [, ...rows] = readReferenceCsv("cdnow_sample.csv");
  const tx = readTransactions(rows, { customerId: 0, date: 1, amount: 3 }, sheetContext(), { firstRow: 2 });

  describe.each<PeriodUnit>(["month", "week", "quarter"])("by %s", (unit) => {
    it("sizes, active customers, orders and revenue, cell by cell", async () => {
      const table = cohortTable(tx, { period: unit });
      const expected = await sqlMatrix(unit);
      const ours: [string, number, number, number, number][] = [];
      for (const cohort of table.cohorts) {
        cohort.active.forEach((active, k) => {
          // SQL has no row for a cell without purchases; the matrix shows 0 there.
          if (active === 0 && cohort.orders[k] === 0 && cohort.revenue[k] === 0) return;
          ours.push([isoDay(cohort.start), k, active, cohort.orders[k], cohort.revenue[k]]);
        });
      }
      expect(expected.length).toBeGreaterThanOrEqual(6);
      expect(ours.length).toBe(expected.length);
      ours.forEach((row, i) => {
        expect(row.slice(0, 4)).toEqual(expected[i].slice(0, 4));
        expect(row[4]).toBeCloseTo(expected[i][4], 6);
      });
      const sizes = table.cohorts.map((c) => c.size);
      expect(sizes).toEqual(expected.filter((r) => r[1] === 0).map((r) => r[2]));
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(2357);
      expect(table.totals.orders).toBe(6919);
    });
  });

  it("the data ends on 1998-06-30: the last month and quarter are complete, the last week is not", () => {
    expect(cohortTable(tx, { period: "month" }).lastPeriodPartial).toBe(false);
    expect(cohortTable(tx, { period: "quarter" }).lastPeriodPartial).toBe(false);
    expect(cohortTable(tx, { period: "week" }).lastPeriodPartial).toBe(true);
  });
});

describe("DuckDB is there", () => {
  it("runs SQL in memory", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    expect((await connection.runAndReadAll("SELECT 1 + 1")).getRowsJS()).toEqual([[2]]);
    connection.closeSync();
    instance.closeSync();
  });
});
